# 코드에서 옮겨 온 앱 자체의 말 (이슈 19): 메뉴, 옆 패널, 상태 표시줄, 모델의 용어.

## 메뉴
ui-menu-file = 파일
ui-menu-edit = 편집
ui-menu-view = 보기
ui-menu-language = 언어
ui-language-system = 시스템 설정 ({ $lang })
ui-open-data = 자료 열기…
ui-open-basemap = 배경지도 열기…
ui-save-records = 내 기록 저장
ui-save-records-as = 내 기록 다른 이름으로 저장…
ui-quit = 끝내기
ui-undo = 실행 취소
ui-redo = 다시 실행
ui-add-site = 대상지 추가…
ui-add-flow = 동원 흐름 추가…
ui-progress = 진척 현황
ui-fit-country = 전국 보기
ui-zoom-to-selection = 선택한 곳으로 확대
ui-theme-light = 밝은 테마
ui-theme-dark = 어두운 테마
ui-interface-scale = 화면 배율 { $percent }%
ui-map-labels = 지명 표기:
ui-labels-both = 병기
ui-export-png = 현재 지도를 PNG로 내보내기…
ui-export-svg = 현재 지도를 SVG로 내보내기…
ui-export-csv = 기록을 CSV로 내보내기…
ui-export-geojson = 기록을 GeoJSON으로 내보내기…

## 상태 표시줄과 메시지
ui-zoom-level = 확대 { $zoom }
ui-gpu-hint = 경계와 구역은 그래픽 카드에 올려 두고 프레임마다 변환 하나로 옮깁니다
ui-cpu-hint = 경계와 구역을 프로세서에서 만든 메시로 그립니다 (OpenGL 렌더러이거나 NKMAP_CPU_GEOMETRY가 설정됨)
ui-status-on = { $date } 기준 현황
ui-unsaved = 저장하지 않은 변경 사항
ui-filter-on = 필터 적용 중
ui-loading = { $files } 불러오는 중…
ui-problems = 불러온 파일에 문제 { $n }건
ui-messages = 메시지 ({ $n })
ui-clear-messages = 메시지 지우기

## 옆 패널
ui-tagline = 지방발전 20×10 정책: 대상지, 동원, 출처
ui-layers = 레이어
ui-opacity = 불투명도
ui-data = 자료
ui-remove = 제거
ui-remove-layer = 이 레이어 제거
ui-date = 날짜
ui-status-on-slider = 기준일
ui-back-month = 한 달 전
ui-pause = 일시 정지
ui-play = 재생
ui-play-hint = 0.5초마다 한 달씩 넘깁니다
ui-forward-month = 한 달 후
ui-today = 오늘
ui-date-hint = 대상지는 이 날짜 기준 상태로, 동원 흐름은 진행 중일 때만 표시됩니다.
ui-filter = 필터
ui-sites-by-cohort = 연도별 대상지
ui-legend = 범례
ui-no-site-passes = 이 날짜에 필터를 통과한 대상지가 없습니다.
ui-cohort-title = { $year }년 대상 ({ $n })
ui-other-sites = 기타 대상지 ({ $n })
ui-filter-hint = 한 묶음에서 아무것도 고르지 않으면 전부 포함합니다. 지도, 목록, 진척 집계에 함께 적용됩니다.
ui-site-type = 시설 종류
ui-status-on-the-date = 기준일 현황
ui-cohort = 대상 연도
ui-none = 없음
ui-grade = 신뢰도
ui-sources-chosen = 출처 ({ $n }개 선택)
ui-clear-filter = 필터 해제

## 도움말 풍선
ui-sites-count = 대상지 { $n }곳
ui-cohort-of = { $year }년 대상
ui-flow-from-to = { $from }에서 { $to }(으)로
ui-area-in = { $layer }의 구역

## 모델의 용어
ui-status-not-yet = 보도 전
ui-status-announced = 발표
ui-status-under-construction = 공사 중 (착공)
ui-status-completed = 준공
ui-category-factory-cluster = 공장 단지
ui-category-food-factory = 식료공장
ui-category-seafood-processing = 수산물 가공
ui-category-hospital = 병원
ui-category-service-complex = 종합봉사소
ui-category-grain-facility = 양곡관리시설
ui-category-aquaculture = 양어·양식
ui-category-paper-mill = 종이공장
ui-category-chemical-plant = 화학공장
ui-category-other = 기타
ui-grade-confirmed-multiple = 여러 출처로 확인
ui-grade-confirmed = 단일 출처로 확인
ui-grade-inferred = 추정
ui-grade-uncertain = 불확실 (배경 지식)
ui-grade-not-found = 찾았으나 확인 못 함
ui-kind-province = 도
ui-kind-special-city = 특별시
ui-kind-county = 군
ui-kind-city = 시
ui-kind-district = 구역
ui-layer-provinces = 도
ui-layer-counties = 시·군
ui-layer-labels = 지명
ui-layer-sites = 대상지
ui-layer-flows = 동원 흐름
ui-layer-events = 보도·사건

## 진척 현황 창
ui-progress-intro = { $date } 기준, 대상 공장이 있는 시·군 수 (정책 목표: 해마다 { $target }개 시·군).
ui-progress-filter-on = 필터가 켜져 있습니다: 필터를 통과한 대상지만 집계합니다.
ui-progress-counties-not-sites = 대상지가 아니라 시·군 단위 집계입니다: 공장이 여럿인 군도 한 번만 셉니다. 숫자를 누르면 해당 기록이 나옵니다.
ui-progress-by-cohort = 대상 연도별
ui-progress-groundbreaking = 착공
ui-progress-completed = 준공
ui-progress-target = 목표
ui-progress-all = 전체
ui-progress-all-cohorts = 전체 연도
ui-progress-by-province = 도별
ui-progress-over-time = 준공한 시·군 누적 추이
ui-progress-axis-year = 연도
ui-progress-axis-counties = 시·군 수
ui-progress-target-line = 목표: 해마다 { $target }개
ui-progress-cumulative = 준공 (누적)
ui-progress-stage-groundbreaking = 착공
ui-progress-stage-completed = 준공
ui-progress-count-hint = { $title }: 시·군 { $n }개, 대상지 { $sites }곳
ui-progress-list-title = { $title } (시·군 { $n }개)
ui-records = 기록
ui-records-none = 없음.

## 명령줄
ui-cli-boundaries-broken = nkmap: 내장 경계 자료가 손상되었습니다: { $error }
ui-cli-skipping = nkmap: 참고: { $file } 건너뜀: .geojson, .json, .csv, .kml, .kmz 파일이 아닙니다
ui-cli-cannot-read = 파일을 읽을 수 없습니다: { $error }
ui-cli-checked-images = 파일 { $n }개 검사: 오류 { $errors }건
ui-cli-checked = 파일 { $n }개 검사: 오류 { $errors }건, 경고 { $warnings }건
ui-cli-areas = {" "}(구역 { $n }개)
ui-cli-not-exporting = nkmap: 내보내지 않았습니다: 위의 오류를 먼저 고치십시오
ui-cli-not-rendering = nkmap: 지도를 그리지 않았습니다: 위의 오류를 먼저 고치십시오
ui-cli-csv-areas-skipped = nkmap: 참고: 구역 { $n }개는 쓰지 않았습니다: CSV에는 다각형이 없습니다 (--format geojson 사용)
ui-cli-cannot-write = nkmap: { $file }에 쓸 수 없습니다: { $error }
ui-cli-cannot-write-stdout = nkmap: 표준 출력에 쓸 수 없습니다: { $error }
ui-cli-find-renamed = nkmap: 참고: { $old }은(는) 이제 { $id }입니다 ({ $name }, { $province }(으)로 이관)
ui-cli-find-none = nkmap: '{ $query }'에 맞는 도나 시·군이 없습니다

## 내보낸 지도
ui-render-title = 북한 · 지방발전 20×10 정책

## 검색
ui-search = 검색
ui-search-hint = 지명, 시설, 동원, 출처, 상태 (Ctrl+F)
ui-search-none = 찾은 것이 없습니다
ui-search-places = 지명
ui-search-sites = 시설
ui-search-flows = 동원 흐름
ui-search-sources = 출처
ui-search-placemarks = 위치표시
