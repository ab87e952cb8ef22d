# 위성영상: GeoTIFF/COG 층, 촬영일, 비교 보기, .tif 파일의 nkmap check/render.

## 파일 읽기 (src/imagery)

imagery-cannot-read = 파일을 읽을 수 없음: { $reason }
imagery-not-tiff = TIFF 파일이 아님 ({ $reason })
imagery-tiff-error = TIFF를 해독할 수 없음: { $reason }
imagery-truncated = 파일이 가리키는 자료보다 먼저 끝남 (내려받기가 중간에 끊겼는가?)
imagery-decoder-panic = 이 파일에서 TIFF 해독기가 실패함 (파일이 손상됨)
imagery-worker-panic = 타일 해독이 뜻밖에 실패함 ({ $reason }); 다른 타일은 계속 읽음
imagery-absurd-size = 영상 크기가 { $width } × { $height } 화소로 되어 있음; nkmap은 한 변이 { $max } 화소 이하인 영상만 읽음
imagery-too-large-chunk = 타일이나 스트립 하나가 해독하면 64 MB를 넘음; 메모리가 모자라지 않도록 거부함 (타일 구조로 다시 쓰기: gdal_translate -of COG)
imagery-bad-chunks = 파일의 타일·스트립 구조가 맞지 않음
imagery-chunk-count = 영상 크기로는 타일·스트립이 { $expected }개여야 하는데 파일에는 { $found }개가 있음
imagery-chunk-past-end = 타일·스트립 { $index }번이 파일 끝을 넘어섬 (오프셋 { $offset } + { $bytes } 바이트, 파일 크기 { $size }): 파일이 잘렸거나 오프셋이 잘못됨
imagery-bad-subifd = 축소 영상(SubIFD) 하나가 파일 밖을 가리켜 빼놓음
imagery-jpeg-bomb = JPEG 타일이 { $width } × { $height } 화소라고 하나 타일보다 큼; 거부함 (압축 폭탄?)
imagery-unsupported-compression = { $name } 압축(코드 { $code })은 지원하지 않음; 무압축, Deflate, LZW, PackBits, JPEG를 읽음 (변환: gdal_translate -co COMPRESS=DEFLATE)
imagery-unsupported-samples = { $bits }비트 { $what } 표본은 지원하지 않음; 8·16비트 부호 없는 밴드를 읽음 (변환: gdal_translate -ot UInt16 또는 -ot Byte -scale)
imagery-unsupported-color = 이 밴드 구성({ $what })은 지원하지 않음; 흑백, RGB, RGBA, 다중 밴드 영상을 읽음
imagery-palette = 색상표 영상은 지원하지 않음; gdal_translate -expand rgba 로 풀어 쓰기
imagery-no-overviews-too-big = 영상이 { $width } × { $height } 화소인데 축소 영상(overview)이 없어 전체를 보이려면 모든 화소를 읽어야 함. 축소 영상을 더하거나(gdaladdo FILE) COG로 쓰기(gdal_translate -of COG)
imagery-no-such-tile = 그런 타일이 없음
imagery-note-mask = 파일 안의 투명 마스크는 쓰지 않음
imagery-note-other-layout = 밴드 구성이 다른 { $width } 화소 축소 영상은 빼놓음
imagery-note-bands = 색 해석이 없는 밴드 { $bands }개: 1, 2, 3 밴드를 빨강, 초록, 파랑으로 보임

## 지리 참조

imagery-georef-missing = 지리 참조가 없음: ModelTiepoint·ModelPixelScale 태그도 ModelTransformation도 없어 지도에 놓을 수 없음 (.tfw 같은 월드 파일은 읽지 않음)
imagery-georef-gcps = 지상 기준점(GCP)으로만 위치가 정해진 파일; 아핀 변환이 필요함 (먼저 변환: gdalwarp -t_srs EPSG:32652 in.tif out.tif)
imagery-georef-bad-transform = 지리 참조 태그가 잘못됨 (값이 빠졌거나, 화소 크기가 0이거나, 되돌릴 수 없는 변환)
imagery-georef-bad-keys = GeoKey 목록이 잘못됨
imagery-georef-no-crs = GeoKey 목록이 없음: 좌표가 어느 좌표계인지 알 수 없음
imagery-georef-unsupported-crs = 좌표계 { $crs }은(는) 지원하지 않음: nkmap은 EPSG:4326, EPSG:3857, WGS 84 / UTM (EPSG:326xx, 327xx) 영상을 정확히 놓음. 먼저 재투영: gdalwarp -t_srs EPSG:32652 in.tif out.tif
imagery-georef-user-defined = EPSG 코드 없는 사용자 정의 좌표계({ $crs })는 지원하지 않음; 먼저 재투영: gdalwarp -t_srs EPSG:32652 in.tif out.tif
imagery-georef-units = 좌표 단위(GeoTIFF 단위 코드 { $code })가 미터나 도가 아님
imagery-georef-model = GeoTIFF 모델 종류 { $code } (지구 중심 또는 알 수 없음)는 지원하지 않음

## 영상 설명 (nkmap check, 층 목록)

imagery-bands-gray = 흑백, { $bits }비트
imagery-bands-gray-alpha = 흑백·투명도, { $bits }비트
imagery-bands-rgb = RGB, { $bits }비트
imagery-bands-rgba = RGBA, { $bits }비트
imagery-bands-ycbcr = YCbCr JPEG, 8비트
imagery-bands-multi = 밴드 { $n }개, { $bits }비트
imagery-tiled = { $w } × { $h } 타일
imagery-stripped = { $rows }줄씩 스트립
imagery-overviews = { $n ->
    [0] 축소 영상 없음
   *[other] 축소 영상 { $n }개
}
imagery-preview-made = 축소 영상 없음 (열 때 미리보기를 만듦)
imagery-date-from-metadata = GDAL 메타자료 { $key }
imagery-date-from-tiff = TIFF DateTime 태그: 촬영일이 아니라 파일을 만든 날일 때가 많음
imagery-date-from-user = 사용자가 입력함

## nkmap check FILE.tif

imagery-check-pixels = { $file }: { $width } × { $height } 화소, { $bands }, { $layout }
imagery-check-place = { $file }: { $crs }, 화소 { $pixel }, 중심 { $at }
imagery-check-date = { $file }: 촬영일 { $date } ({ $from })
imagery-check-no-date = { $file }: 경고: 파일에 촬영일이 없음; 영상을 열 때 nkmap이 물어봄
imagery-check-no-date-guess = { $file }: 경고: 파일에 촬영일이 없음 (이름으로는 { $guess }); 영상을 열 때 nkmap이 물어봄
imagery-check-note = { $file }: 참고: { $note }
imagery-check-error = { $file }: 오류: { $message }
imagery-render-error = nkmap render: { $message }
imagery-csv-observations-left-out = nkmap: 참고: 영상 관측 { $n }건은 쓰지 않음: CSV에는 이정표 주장마다 한 열만 있음 (--format geojson 사용)

## 창 (src/ui/imagery.rs, src/state/imagery.rs)

imagery-menu-open = 위성영상 열기…
imagery-filter-name = GeoTIFF / COG 영상
imagery-heading = 위성영상
imagery-follow-timeline = 날짜에 맞춰 영상 보기
imagery-follow-timeline-hint = 날짜 조절기의 날짜와 같거나 그 전에 찍은 영상만 보임: 영상이 겹치는 곳에서는 가장 최근 영상
imagery-zoom-to = 확대
imagery-remove = 빼기
imagery-opacity = 불투명도
imagery-stretch-low = 검정 기준
imagery-stretch-high = 흰색 기준
imagery-taken-on = 촬영 { $date }
imagery-date-unknown = 촬영일 모름
imagery-opened = { $file }: 영상을 엶: { $width } × { $height } 화소, { $crs }, 촬영 { $date }
imagery-compare-left = 왼쪽:
imagery-compare-right = 오른쪽:
imagery-compare-map = 영상 없는 지도
imagery-compare = 비교
imagery-compare-hint = 지도 위 세로 분할선: 왼쪽에 한 영상, 오른쪽에 다른 영상(또는 지도). 분할선을 끌거나, 누른 뒤 화살표 키를 씀.
imagery-compare-stop = 비교 끝내기
imagery-swipe-divider = 분할선
imagery-compare-none = { $site }을(를) 덮는 날짜 있는 영상이 없음: 먼저 이곳의 영상을 열기 (파일, 위성영상 열기…)
imagery-date-title = 이 영상은 언제 찍었는가?
imagery-date-question = { $file }에는 촬영일이 없음.
imagery-date-explain = 날짜가 있어야 영상을 시간축에 놓을 수 있음. 이 파일의 날짜는 기억해 둠.
imagery-date-save = 날짜 저장
imagery-date-later = 나중에
imagery-date-not-remembered = { $file }에 날짜를 기억해 두지 못함: { $reason }
imagery-site-heading = 이 현장의 영상
imagery-compare-site = 영상 비교
imagery-compare-site-hint = 주장된 착공일 직전의 가장 최근 영상과 직후의 첫 영상을 이 현장에서 비교
imagery-observation-add = 영상 관측 더하기
imagery-observation-construction = 공사 보임
imagery-observation-complete = 준공된 것으로 보임
imagery-observation-hint = 영상에 보이는 것
imagery-observation-save = 관측 더하기
imagery-observation-seed-note = 관측은 내 기록에 남음; 함께 든 자료는 바뀌지 않음.
imagery-observation-not-yours = 관측은 내 기록에만 더할 수 있음.
imagery-observation-no-date = 영상에 아직 촬영일이 없음: 먼저 날짜를 넣기.
imagery-observation-no-text = 영상에 무엇이 보이는지 적기.
imagery-observed-heading = 영상에서 관측함
imagery-source-publisher = 위성영상
imagery-timeline-claims = 선 위: 보도에서 주장
imagery-timeline-observations = 선 아래: 영상에서 관측
