# nkmap: 측정 도구와 좌표 (src/measure.rs, src/coords.rs, src/ui/measure.rs, src/ui/coords.rs,
# src/map/measure.rs).

## 좌표 표기와 오류

coords-format-decimal = 십진 도
coords-format-dms = 도분초
coords-format-mgrs = MGRS
coords-format-tip = 여기에 보이고 복사되는 좌표 표기 방식
coords-click-to-copy = 눌러서 이 위치를 복사
coords-copy = 좌표 복사
coords-copy-as = 다른 표기로 복사
coords-error-empty = 위치를 입력하십시오.
coords-error-unexpected = 좌표에 쓸 수 없는 문자입니다: “{ $what }”
coords-error-two-values = 위도와 경도를 입력하십시오 (숫자 두 개, 또는 도·분·초 두 묶음).
coords-error-one-hemisphere = N/S와 E/W는 두 값에 모두 붙이거나 모두 빼십시오.
coords-error-same-axis = 한 값은 위도(N 또는 S), 다른 값은 경도(E 또는 W)여야 합니다.
coords-error-dms = 도·분·초가 맞지 않습니다. 분과 초는 60 미만이고, 소수는 마지막 자리에만 쓰며, 음수 부호는 S나 W 없이 도에만 붙입니다.
coords-error-latitude = 위도 { $value }은(는) -90과 90 사이가 아닙니다.
coords-error-longitude = 경도 { $value }은(는) -180과 180 사이가 아닙니다.
coords-error-mgrs = 올바른 MGRS 좌표가 아닙니다: { $why }.

## 좌표로 이동

coords-goto-menu = 좌표로 이동…
coords-goto-title = 좌표로 이동
coords-goto-help = 십진 도(39.03N 125.75E 또는 39.03, 125.75), 도분초(39°01'48"N 125°45'00"E), MGRS(52S CH 12345 67890) 모두 됩니다.
coords-goto-field = 위치
coords-goto-reads-as = 읽은 위치: { $position } ({ $kind })
coords-goto-go = 이동
coords-goto-cancel = 취소

## 측정

measure-button = 측정
measure-button-tip = 타원체 위에서 거리와 면적 측정 (M)
measure-menu = 거리·면적 측정
measure-from-here = 여기서부터 측정
measure-title = 측정
measure-help-start = 지도를 눌러 첫 점을 찍으십시오. Esc를 누르면 끝납니다.
measure-help = 눌러서 점을 더하십시오. 첫 점을 다시 누르거나 두 번 누르면 도형이 닫히고 면적을 잽니다. Esc를 누르면 끝납니다.
measure-close-hint = 눌러서 도형 닫기
measure-leg = 구간 { $n }
measure-leg-closing = 구간 { $n } (닫는 구간)
measure-summary-distance = 거리: { $distance } (구간 { $legs }개)
measure-summary-area = 면적: { $area }, 둘레 { $perimeter }
measure-report-leg = 구간 { $n }: { $length } ({ $from }에서 { $to }까지)
measure-report-method = WGS 84 타원체 위의 측지선 거리와 면적 (nkmap)
measure-metres = { $value } m
measure-kilometres = { $value } km
measure-square-kilometres = { $km2 } km² ({ $ha } ha)
measure-hectares = { $ha } ha ({ $m2 } m²)
measure-copy = 복사
measure-copy-tip = 결과를 모든 구간과 함께 복사 (Ctrl+C)
measure-remove-last = 마지막 점 지우기
measure-clear = 처음부터
measure-done = 끝내기
measure-done-tip = 측정 끝내기 (Esc)
measure-save-heading = 내 기록에 영역으로 저장
measure-name = 이름
measure-default-name = 측정 영역 { $n }
measure-save = 영역 저장
measure-save-tip = 도형을 면적·둘레와 함께 내 기록에 더합니다. '파일'의 '내 기록 저장'으로 파일에 씁니다. 실행 취소로 되돌릴 수 있습니다.
