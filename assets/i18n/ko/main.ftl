# nkmap: 인터페이스 한국어. 파일마다 앱의 한 부분을 맡는다.

data-as-of = { $date } 기준 자료

## 상세 정보
details-province-why = 소속 근거
details-former-ids = 이전 ID
details-disputed = 이견
details-province-dispute = 소속 도: { $source }에 따르면 { $province }
data-as-of-hint = 내장 자료의 출처 가운데 가장 최근 발행일입니다. 그 뒤에 보도된 내용은 지도에 없습니다.
