# nkmap: 위험한 파일과 링크(이슈 17): 손상된 배경지도, 안전하지 않은 링크, 내부 오류 격리.

## 타일을 읽기 전에 검사하는 PMTiles 배경지도.
harden-pmtiles-damaged = { $path } 파일은 손상된 PMTiles 파일입니다: { $problem }. nkmap은 이 파일을 그리지 않습니다. `pmtiles convert`로 다시 만드십시오.
harden-pmtiles-root = 루트 디렉터리
harden-pmtiles-metadata = 메타데이터
harden-pmtiles-leaves = 리프 디렉터리
harden-pmtiles-data = 타일 데이터
harden-pmtiles-directories = 디렉터리
harden-pmtiles-tiles = 타일
harden-pmtiles-outside = { $what }(오프셋 { $start }, { $length }바이트)이 파일 끝({ $size }바이트)을 넘어갑니다
harden-pmtiles-root-place = 루트 디렉터리(바이트 { $start }~{ $end })는 헤더 뒤, 처음 16384바이트 안에 있어야 합니다
harden-pmtiles-compression = { $what }이 { $method } 방식으로 압축되어 있어 읽을 수 없습니다(gzip 또는 무압축만 가능)
harden-pmtiles-directory = 바이트 { $offset }의 디렉터리가 { $detail }
harden-pmtiles-too-deep = 너무 깊이 중첩되어 있습니다(순환 참조?)
harden-pmtiles-too-many = 리프 디렉터리 수 한도를 넘습니다
harden-pmtiles-too-large = 64 MiB보다 큽니다
harden-pmtiles-gzip = 올바른 gzip이 아니거나 풀면 64 MiB를 넘습니다
harden-pmtiles-entries = 읽을 수 없는 항목을 담고 있습니다
harden-pmtiles-entry-outside = 타일 { $tile }을 구역 밖(오프셋 { $start }, { $length }바이트)으로 가리킵니다

## 출처의 링크: 웹 주소만 엽니다.
harden-link-not-web = 'url'이 { $url }(으)로 웹 주소(http 또는 https)가 아닙니다. 링크로 열지 않고 글자로만 보여 줍니다
harden-link-shown-as-text = 웹 링크가 아니어서 열지 않습니다: { $url }

## 내부 오류를 격리하고 알립니다.
harden-panic = { $thread } 스레드에서 내부 오류가 났습니다: { $message }. nkmap은 계속 실행됩니다. 이 문제를 알려 주십시오.
harden-loader-panic = 읽을 수 없습니다: 내부 오류({ $message }). nkmap의 나머지 기능은 그대로 작동합니다. 이 파일과 함께 문제를 알려 주십시오.
harden-basemap-failed = 배경지도 타일 읽기가 실패했습니다({ $message }). 배경지도를 닫았으며 지도는 배경지도 없이 작동합니다. 다시 시도하려면 배경지도를 다시 고르십시오.

## 파일 내용의 크기 제한.
harden-text-too-long = 속성 '{ $key }'의 글이 { $bytes }바이트입니다. nkmap은 값 하나에 최대 { $max }바이트까지만 받습니다
harden-settings-damaged = 설정 파일 { $path }을 읽을 수 없습니다(손상되었거나 다른 버전의 파일). 기본 설정으로 시작했으며, 종료할 때 기본 설정으로 바꿔 저장합니다.
harden-tile-too-large = { $host }이 보내는 타일이 { $width } × { $height }픽셀로 너무 커서 그릴 수 없습니다. 타일 URL을 확인하십시오
harden-tile-unreadable = { $host }이 보내는 타일을 읽을 수 없습니다({ $error }). 타일 URL을 확인하십시오
