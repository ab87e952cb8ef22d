# 지도의 범례, 기호, 위치 표시 (src/scene/palette.rs, src/map, src/render).

carto-legend-status = 날짜 기준 시설 상태
carto-status-announced = 발표 (윤곽선)
carto-status-under-construction = 착공·건설 중 (반만 채움)
carto-status-completed = 준공 (채움)
carto-status-not-yet = 보도 전 (흐린 윤곽선)
carto-legend-category = 시설 종류
carto-legend-precision = 점의 위치
carto-precision-on-the-ground = 시설 자체 또는 지명된 마을의 위치
carto-precision-county-seat = 군 안 어딘가 (군 소재지에 표시)
carto-precision-county-centre = 군 안 어딘가 (마을 미상, 군 중심점에 표시)
carto-precision-province = 도 안 어딘가
carto-legend-capital = 수도
carto-legend-flow = 인력 동원 (굵기: 인원)
carto-legend-event = 보도·사건 (숫자: 한 곳의 건수)
carto-legend-border = 도 경계
