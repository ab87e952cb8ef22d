# 기록 편집기에서 저장을 눌렀을 때 저장하지 않는 까닭 (src/edit.rs).

edit-no-source = 출처가 필요합니다: 저장하기 전에 기존 출처를 고르거나 새 출처를 추가하십시오.
edit-field-problem = { $field }: { $problem }
edit-source-date = 출처 날짜
edit-unknown-source = 출처 '{ $id }'을(를) 찾을 수 없습니다. 다른 출처를 고르십시오.
edit-new-source-incomplete = 새 출처에는 발행처와 제목이 있어야 합니다(제목이 없으면 [대괄호] 안에 설명을 쓰십시오).
edit-no-locator = 출처의 어디에 그 내용이 있는지(위치 표시) 쓰십시오. 예: "5번째 문단", "사진 설명".
edit-site-no-name = 시설의 이름이 없습니다.
edit-flow-no-who = 동원 흐름에 동원 대상이 없습니다.
edit-site-no-place = 시설의 위치가 없습니다(시·군 이름, 표기 무관).
edit-flow-no-place = 동원 흐름에 출발지가 없습니다.
edit-cohort-not-year = 대상 연도 '{ $value }'은(는) 연도가 아닙니다
edit-not-a-number = { $field } '{ $value }'은(는) 숫자가 아닙니다
edit-flow-no-destination = 동원 흐름에 목적지가 하나 이상 있어야 합니다.
edit-not-read-back = 기록 '{ $id }'을(를) 다시 읽을 수 없습니다
# 리더의 메시지가 사용자의 기록을 부르는 이름 (파일처럼 검사하므로).
edit-your-records-file = 내 기록.geojson


# 사용자 자신의 기록 레이어 (레이어 창, 상세 정보).
ui-my-records = 내 기록
ui-my-records-file = 내 기록 ({ $file })

# `nkmap --help`와 하위 명령의 도움말 (src/cli.rs).
cli-about = 북한 지방발전 20×10 정책 건설 사업 지도, 출처 포함
cli-files = 지도에 열 자료 파일(.geojson, .json, .csv, .kml, .kmz)과 위성 영상(.tif GeoTIFF/COG).
cli-basemap = 지도 아래에 깔 래스터 PMTiles 파일(파일 메뉴의 배경지도 열기…처럼 기억됩니다).
cli-renderer = 창을 그리는 방식: wgpu(Vulkan/Metal/DX12, 경계는 GPU에 둡니다) 또는 glow(OpenGL, wgpu 드라이버가 듣지 않는 컴퓨터용, 경계는 CPU 메시로 그립니다).
cli-check = 자료 파일을 검사합니다. 문제마다 `파일:위치: 오류|경고: 메시지` 한 줄을 출력합니다.
cli-check-files = 검사할 자료 파일.
cli-data-files = 자료 파일(없으면 내장 자료).
cli-export = 확인을 거친 자료를 씁니다(파일을 주지 않으면 내장 자료).
cli-export-format = 쓸 형식.
cli-export-out = 표준 출력 대신 이 파일에 씁니다(원자적으로).
cli-format-kml = 구글 어스: 시설은 꾸민 위치표시로, 동원은 선으로, 주요 단계는 기간으로
cli-format-kmz = 압축한 KML (`doc.kml`)

cli-render = 지도를 SVG나 PNG 파일로 그립니다(파일을 주지 않으면 내장 자료). 입력이 같으면 결과 바이트도 같습니다.
cli-render-out = 쓸 그림 파일(원자적으로): .svg 또는 .png.
cli-render-bbox = 보여 줄 범위(도 단위): 서,남,동,북(기본값: 나라 전체).
cli-render-date = 이날 기준으로 시설 현황과 동원을 보여 줍니다(기본값: 오늘).
cli-render-size = 그림 크기(픽셀).
cli-render-lang = 지역 이름표의 언어.
cli-synth = 큰 자료로 nkmap을 시험할 큰 파일을 씁니다: 면 파일(내장 시·군 경계의 변을 촘촘히 하여 꼭짓점 약 `--vertices`개, 구멍 유지) 또는 `--placemarks N`이면 도와 종류별 폴더에 위치표시 N개를 담은 KML/KMZ(AccessDPRK처럼).
cli-synth-vertices = 전체 꼭짓점 수(닫는 위치 포함). 적어도 시·군 경계 자체의 수.
cli-synth-detail = 변을 직선을 따라 나누는 대신 모든 변을 (해안선 같은) 프랙털 곡선으로 만듭니다: 세부 수준 조절로 그냥 버릴 수 없는 세부.
cli-synth-placemarks = 면 대신 이만큼의 KML 위치표시를 씁니다(.kml 또는 .kmz 파일로).
cli-synth-out = 쓸 파일(원자적으로): 면은 .geojson, 위치표시는 .kml 또는 .kmz.
cli-find = 도와 시·군을 어떤 표기로든 찾습니다.
cli-find-query = 찾을 이름(표기 무관).
cli-find-limit = 최대 결과 수.
# clap이 쓰는 말 (영어가 아닐 때).
cli-heading-usage = 사용법:
cli-heading-commands = 명령
cli-heading-arguments = 인수
cli-heading-options = 옵션
cli-help-flag = 도움말 보기
cli-help-subcommand = 이 도움말 또는 주어진 명령의 도움말 보기
cli-default-value = 기본값: { $values }
cli-possible-values = 가능한 값: { $values }
cli-possible-values-heading = 가능한 값:
cli-version-flag = 버전 보기
cli-error-unknown-argument = 오류: 알 수 없는 인수 '{ $arg }'
cli-error-invalid-value = 오류: '{ $arg }'에 쓸 수 없는 값 '{ $value }'
cli-error-value-validation = 오류: '{ $arg }'에 쓸 수 없는 값 '{ $value }': { $why }
cli-error-missing = 오류: 꼭 필요한 인수가 빠졌습니다: { $args }
cli-error-conflict = 오류: '{ $arg }'은(는) '{ $other }'와(과) 함께 쓸 수 없습니다
cli-error-did-you-mean = 도움말: 비슷한 인수가 있습니다: '{ $arg }'
cli-error-more = 자세한 내용은 '--help'를 보십시오.
cli-error-not-a-number = 숫자가 아닙니다
