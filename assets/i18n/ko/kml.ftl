# KML·KMZ: 구글 어스 파일 열기, 지도와 창의 위치표시, KML 내보내기의 폴더·항목·범례.

kml-export-kml = 기록을 KML로 내보내기…
kml-export-kmz = 기록을 KMZ로 내보내기…
kml-loaded = { $what }, 위치표시 { $placemarks }개 (폴더 { $folders }개)
kml-check-placemarks = {" "}(위치표시 { $count }개)
kml-export-placemarks-skipped = nkmap: 참고: KML 위치표시 { $n }개는 쓰지 않았습니다. 위치표시는 KML만 담습니다 (--format kml 또는 kmz)
kml-synth-extension = nkmap synth: --out { $out }: 위치표시는 .kml 또는 .kmz 파일로 씁니다
kml-synth-wrote = { $out } 작성: 위치표시 { $count }개, 폴더 { $folders }개, { $mb } MB

# 레이어 창, 지도, 상세 정보 창.
kml-folder-row = { $name } ({ $count })
kml-cluster-count = 위치표시 { $count }개
kml-cluster-hint = 누르면 확대합니다
kml-make-site = 이 위치표시로 현장 기록 만들기
kml-make-flow = 이 위치표시로 동원 기록 만들기
kml-tooltip-in = { $folder } 폴더
kml-time-span = { $begin }부터 { $end }까지
kml-time-from = { $begin }부터
kml-time-until = { $end }까지
kml-details-layer = 레이어
kml-details-folder = 폴더
kml-details-placemark = 위치표시
kml-details-index = 파일 안 { $index }번
kml-details-index-id = 파일 안 { $index }번, id “{ $id }”
kml-details-geometry = 도형
kml-details-shapes = 점 { $points }개, 선 { $lines }개, 다각형 { $polygons }개 (구멍 { $holes }개)
kml-details-at = 위치
kml-details-time = 시기
kml-details-shown = 선택한 날짜에 표시
kml-details-shown-yes = 예
kml-details-shown-no = 아니요 (시기 밖)
kml-details-description = 설명
kml-details-data = 자료
kml-draft-from = KML 위치표시 “{ $name }”에서 가져옴 ({ $file }, { $folder }).

# KML 내보내기 (구글 어스에 보이는 글).
kml-document-name = nkmap 기록
kml-document-description = nkmap의 현장, 인력 동원, 보도와 그 출처. 구글 어스의 시간 막대를 움직이면 현장의 색이 착공·준공에 따라 바뀝니다.
kml-folder-sites = 현장
kml-folder-cohort = { $year }년 대상
kml-folder-no-cohort = 기타 현장
kml-folder-no-province = 도 미상
kml-folder-flows = 인력 동원
kml-folder-events = 보도와 사건
kml-folder-sources = 출처
kml-folder-areas = 구역
kml-field-category = 종류
kml-field-place = 장소
kml-field-cohort = 대상 연도
kml-field-status = 상태
kml-field-products = 생산품
kml-field-milestones = 주요 일자
kml-field-sources = 출처
kml-field-grade = 신뢰 등급
kml-field-notes = 메모
kml-field-from = 출발
kml-field-to = 도착
kml-field-start = 시작
kml-field-end = 끝
kml-field-date = 날짜
kml-milestone-announced = 발표
kml-milestone-groundbreaking = 착공
kml-milestone-inauguration = 준공
kml-approximate = 대략
