# 자료 파일 진단: `nkmap check`가 출력하고 메시지 창이 보여 주는 문제.
# 둘레의 모양("파일:줄:열: 오류: 메시지")은 코드가 만든다.

diag-severity-error = 오류
diag-severity-warning = 경고
diag-location-feature = 피처 { $index }
diag-unnamed-folder = (이름 없는 폴더)
diag-location-placemark = 위치표시 { $index }
diag-or = {" 또는 "}
diag-and = {", "}

diag-not-utf8 = UTF-8이 아닙니다: 바이트 위치 { $offset }에 잘못된 바이트 { $byte }이(가) 있습니다. 파일을 UTF-8로 저장하십시오
diag-file-empty = 파일이 비어 있습니다
diag-cannot-read = 파일을 읽을 수 없습니다: { $error }
diag-json-nan = 올바른 JSON이 아닙니다: '{ $token }'은(는) JSON의 숫자가 아닙니다(JSON에는 NaN과 Infinity가 없습니다). 유한한 수나 null을 쓰십시오
diag-json-truncated = 올바른 JSON이 아닙니다: 값의 중간에서 파일이 끝납니다({ $message }). 파일이 잘리지 않았습니까?
diag-json-invalid = 올바른 JSON이 아닙니다: { $message }
diag-no-features-array = FeatureCollection에는 'features' 배열이 있어야 합니다
diag-not-feature-collection = GeoJSON FeatureCollection이 아닙니다(최상위 'type'이 '{ $kind }'입니다)
diag-not-feature-collection-no-type = GeoJSON FeatureCollection이 아닙니다(최상위 'type'이 없습니다)
diag-feature-not-object = 피처는 { $shape } 형식의 객체여야 합니다
diag-feature-no-properties = 피처에 'properties' 객체가 없습니다
diag-geometry = 도형: { $problem }
diag-geometry-without-type = 형식(type)이 없는 도형
diag-duplicate-id = id '{ $id }'이(가) 중복됩니다(처음 정의된 곳: { $at })
diag-undefined-source = 증거가 출처 '{ $source }'을(를) 인용하지만, 검사한 파일과 내장 출처 어디에도 이 출처가 없습니다

# 값의 형식이 틀릴 때: "'x' 속성은 문자열이어야 합니다(지금은 숫자)".
diag-type-string = 문자열
diag-type-number = 숫자
diag-type-boolean = 참/거짓 값
diag-type-array = 배열
diag-type-object = 객체
diag-type-integer = 정수
diag-type-fraction = 소수점이 있는 수
diag-type-whole = 0 이상의 정수
diag-type-strings = 문자열 배열
diag-type-evidence-array = 증거 객체의 배열
diag-type-evidence-object = { $shape } 객체
diag-type-people-object = { $shape } 객체
diag-type-string-allowed = 문자열({ $allowed } 중 하나)
diag-property-should-be = '{ $key }' 속성은 { $expected } 형식이어야 합니다(지금은 { $found })
diag-property-missing = '{ $key }' 속성이 없습니다
diag-property-missing-allowed = '{ $key }' 속성이 없습니다({ $allowed } 중 하나를 쓰십시오)
diag-property-empty = '{ $key }' 속성이 비어 있습니다
diag-property-problem = '{ $key }' 속성: { $problem }
diag-property-out-of-range = '{ $key }' 속성이 { $value }입니다. { $min }에서 { $max } 사이여야 합니다
diag-property-not-allowed = '{ $key }' 속성이 '{ $value }'입니다. { $allowed } 중 하나여야 합니다
diag-unknown-property = 알 수 없는 속성 '{ $key }'은(는) 무시합니다
diag-bad-id = id '{ $id }'에는 영문 소문자, 숫자, '-'만 쓸 수 있습니다

diag-milestone-no-evidence = '{ $kind }' 단계에 그 단계 자체의 증거가 없습니다
diag-milestone-twice = '{ $kind }' 단계가 두 번 있습니다. 하나만 남기고 엇갈리는 날짜는 이견(dispute)으로 기록하십시오
diag-milestones-out-of-order = 단계의 순서가 맞지 않습니다: { $first } { $first_date }이(가) { $second } { $second_date }보다 늦습니다
diag-source-geometry = 출처에는 도형이 없어야 합니다(null). 그런데 이 출처의 도형은 { $kind }입니다
diag-source-no-link = 출처에는 'url'이나 'doc_id'가 있어야 합니다
diag-no-evidence = 증거가 없습니다: 모든 기록의 'evidence'에 { $shape }가 하나 이상 있어야 합니다

diag-region-renamed = region_id '{ $old }'은(는) 이제 '{ $new }'입니다({ $name }이(가) { $province }(으)로 옮겨졌습니다). 옛 id도 아직 쓸 수 있지만 새 id를 쓰십시오
diag-place-contradicts-region-id = '{ $key }'의 '{ $text }'은(는) { $place }인데 region_id는 { $given }입니다
diag-place-typo = '{ $key }'의 '{ $text }'을(를) 오타로 보고 { $place }({ $id })(으)로 읽었습니다
diag-place-example = {". "}예: '{ $example }'
diag-place-ambiguous = '{ $key }'의 장소가 모호합니다: '{ $text }'은(는) { $candidates }일 수 있습니다. 쉼표 뒤에 도를 덧붙이십시오{ $example }
diag-place-unknown-using-id = '{ $key }'의 '{ $text }'은(는) 알려진 이름이 아닙니다. region_id { $given }을(를) 씁니다
diag-place-did-you-mean = {". "}{ $names }을(를) 찾으십니까?
diag-place-unknown = '{ $key }'에 알 수 없는 장소가 있습니다: '{ $text }'{ $hint }
diag-wrong-geometry-point = { $record } 기록의 도형 형식이 틀립니다: { $kind } (Point나 null이어야 합니다)
diag-point-outside = 점 { $point }이(가) { $place }({ $id }) 밖에 있습니다
diag-precision-no-geometry = 정밀도가 '{ $precision }'인데 도형이 없습니다: { $place }의 소재지에 놓았습니다
diag-precision-no-seat-town = 정밀도가 'seat'인데 { $place }의 소재지 읍을 모릅니다: 점이 군의 중심이므로 정밀도는 'centre'입니다
diag-precision-province = 정밀도가 '{ $precision }'인데 장소가 도 전체({ $province })입니다
diag-event-no-place = 'place' 속성이 없습니다('country' 정밀도의 사건만 생략할 수 있습니다)
diag-flow-no-to = 'to' 속성이 없습니다: 동원 기록에는 목적지가 하나 이상 있어야 합니다
diag-people-min-max = 인원: 최소 { $min }이(가) 최대 { $max }보다 큽니다
diag-start-after-end = 시작 { $start }이(가) 끝 { $end }보다 늦습니다
diag-flow-to-itself = 동원이 { $place }에서 같은 곳으로 갑니다: 'to[{ $index }]'('{ $text }')이(가) 'from'과 같은 곳입니다
diag-flow-line-count = MultiLineString의 선은 { $lines }개인데 'to'의 장소는 { $places }곳입니다: 목적지마다 선을 하나씩 그리십시오
diag-flow-line-short = 도형의 { $index }번 선은 위치가 두 개 이상인 배열이어야 합니다
diag-flow-line = 도형의 { $index }번 선: { $problem }
diag-wrong-geometry-flow = 동원 기록의 도형 형식이 틀립니다: { $kind } (MultiLineString(목적지마다 선 하나)이나 null이어야 합니다)

diag-coordinates-not-finite = 좌표는 유한한 수여야 합니다
diag-longitude-off-map = 경도 { $value }이(가) { $range } 범위 밖입니다
diag-latitude-off-map = 위도 { $value }이(가) { $range } 범위 밖입니다
diag-point-off-map = 점 { $point }이(가) 지도 밖에 있습니다: { $what }{ $swapped }
diag-point-swapped = {" "}(경도와 위도가 바뀌지 않았습니까? GeoJSON은 경도를 먼저 씁니다)

# CSV.
diag-csv-evidence-grade = 증거 '{ $evidence }'에 등급이 없습니다: source@locator#grade 형식으로 쓰십시오
diag-csv-dispute = 이견 '{ $dispute }'은(는) field=value@evidence 형식이어야 합니다
diag-csv-not-number = '{ $column }' 열: '{ $value }'은(는) 숫자가 아닙니다
diag-csv-not-finite = '{ $column }' 열: '{ $value }'은(는) 유한한 수가 아닙니다. 좌표는 유한한 수여야 합니다
diag-csv-not-whole = '{ $column }' 열: '{ $value }'은(는) 정수가 아닙니다
diag-csv-lon-lat = 점에는 'lon'과 'lat'이 모두 있어야 합니다
diag-csv-invalid = 올바른 CSV가 아닙니다: { $error }
diag-csv-no-record-column = 머리글에 'record' 열(source, site, flow, event)이 없습니다
diag-csv-unknown-column = 알 수 없는 열 '{ $column }'은(는) 무시합니다
diag-csv-field-count = 이 행의 칸은 { $fields }개인데 머리글은 { $header }개입니다: 쉼표가 빠졌거나 더 있거나, 값 안의 쉼표를 따옴표로 묶지 않았습니까?

# 보도에 나오는 날짜.
diag-date-year = 연도
diag-date-month = 월
diag-date-day = 일
diag-date-not-date = '{ $date }'은(는) 날짜가 아닙니다(YYYY, YYYY-MM, YYYY-MM-DD)
diag-date-bad-part = '{ $date }'은(는) 날짜가 아닙니다(YYYY, YYYY-MM, YYYY-MM-DD): { $part }이(가) 틀립니다
diag-date-bad-number = '{ $date }': { $part }이(가) 틀립니다
diag-date-bad-month = '{ $date }': { $month }월은 1~12 사이가 아닙니다
diag-date-bad-day = '{ $date }': { $day }일은 1~{ $max } 사이가 아닙니다

# 증거 규칙 (경고; src/io/rules.rs). { $what }은 속성 경로 또는 아래의 말.
diag-rule-only-publisher = 인용된 곳이 { $publisher } 하나뿐입니다
diag-rule-source-unknown = 출처를 알 수 없습니다
diag-rule-c2-one-publisher = { $what }: 등급이 C-2인데 { $by }. C-2에는 서로 다른 두 발행처의 출처가 있어야 합니다(C로 매기거나, 독립된 두 번째 문서를 인용하십시오)
diag-rule-c-should-be-c2 = { $what }: 등급이 C인데 독립된 발행처 { $n }곳({ $publishers })이 같은 내용을 전합니다. 규칙에 따르면 C-2입니다
diag-rule-mixed-grades = { $what }: 같은 내용에 C-2와 C 등급이 섞여 있습니다(C 등급: { $publishers }). 한 내용의 문서에는 모두 같은 등급을 매기십시오
diag-rule-cited-before = { $what }의 날짜는 { $date }인데, 그보다 먼저 나온 '{ $source }'({ $published } 발행)이(가) 인용되어 있습니다: 문서는 나중에 일어난 일을 보도할 수 없습니다
diag-rule-approximate-day = { $what }의 날짜는 일 단위({ $date })인데 대략(approximate)으로 표시되어 있습니다: 출처가 뒷받침하는 만큼만 쓰십시오(월까지: { $month })
diag-rule-flow-start = 동원 시작
diag-rule-the-event = 사건

# KML과 KMZ (src/io/kml).
diag-xml-invalid = 올바른 XML이 아닙니다: { $error }
diag-xml-attribute = '{ $key }' 속성: { $error }
diag-kml-dtd = 파일이 DTD(<!DOCTYPE …>)를 선언합니다. KML에는 DTD가 필요 없으며, nkmap은 엔티티 정의("billion laughs")와 외부 엔티티가 절대 펼쳐지지 않도록 DTD를 거부합니다
diag-kml-too-deep = 요소가 { $max }단계보다 깊이 중첩되어 있습니다. 그런 KML은 없습니다
diag-kml-truncated = 파일이 <{ $element }> 안에서 끝납니다. 파일이 잘리지 않았습니까?
diag-kml-no-kml = KML 문서가 아닙니다: <kml> 요소가 없습니다
diag-kml-track-short = gx:Track에는 위치가 2개 이상 있어야 합니다
diag-kml-polygon-no-outer = <Polygon>에 <outerBoundaryIs> 고리가 없습니다
diag-kml-point-count = <Point>의 위치는 하나여야 하는데 이 점에는 { $n }개 있습니다
diag-kml-line-short = <LineString>에는 위치가 2개 이상 있어야 하는데 이 선에는 { $n }개뿐입니다
diag-kml-ring-short = <LinearRing>에는 서로 다른 위치가 3개 이상 있어야 하는데 이 고리에는 { $n }개뿐입니다
diag-kml-record-not-json = nkmap:record가 JSON 객체가 아닙니다: { $error }
diag-kml-area-no-polygon = nkmap 면에는 <Polygon>이 있어야 합니다
diag-kml-skipped-network-links = 네트워크 링크 { $n }개는 따라가지 않았습니다: nkmap은 파일 안에 있는 것만 읽습니다
diag-kml-skipped-overlays = 이미지 오버레이 { $n }개는 표시하지 않습니다: nkmap은 지도 위에 이미지를 그리지 않습니다
diag-kml-skipped-models = 3D 모델 { $n }개는 표시하지 않습니다
diag-kml-tuple = 좌표: '{ $tuple }'은(는) lon,lat 또는 lon,lat,altitude 형식이 아닙니다
diag-kml-longitude = 경도
diag-kml-latitude = 위도
diag-kml-altitude = 고도
diag-kml-not-a-number = 좌표: '{ $tuple }'의 { $what } '{ $value }'은(는) 숫자가 아닙니다
diag-kml-longitude-range = 좌표: 경도 { $value }이(가) -180..180 범위 밖입니다(KML은 lon,lat 순서로 씁니다)
diag-kml-latitude-range = 좌표: 위도 { $value }이(가) -90..90 범위 밖입니다(KML은 lon,lat 순서로 씁니다)
diag-kml-track-coord = gx:coord '{ $text }'은(는) 'lon lat altitude' 형식이 아닙니다
diag-kmz-nul = 항목 '{ $entry }'의 경로에 NUL 바이트가 있습니다: 경로가 압축 파일 밖으로 나가는 KMZ는 거부합니다
diag-kmz-absolute = 항목 '{ $entry }'의 경로가 절대 경로입니다: 경로가 압축 파일 밖으로 나가는 KMZ는 거부합니다
diag-kmz-drive = 항목 '{ $entry }'의 경로에 드라이브 문자가 있습니다: 경로가 압축 파일 밖으로 나가는 KMZ는 거부합니다
diag-kmz-climbs-out = 항목 '{ $entry }'이(가) '..'로 압축 파일 밖으로 나갑니다: 경로가 압축 파일 밖으로 나가는 KMZ는 거부합니다
diag-kmz-not-zip = 읽을 수 있는 KMZ(zip) 압축 파일이 아닙니다: { $error }
diag-kmz-too-many-entries = KMZ의 항목이 { $n }개입니다. nkmap은 최대 { $max }개까지 읽습니다
diag-kmz-unreadable-name = { $index }번 항목의 이름을 읽을 수 없습니다: { $error }
diag-kmz-no-kml = KMZ 안에 .kml 문서가 없습니다
diag-kmz-cannot-read = KMZ 안의 { $entry }을(를) 읽을 수 없습니다: { $error }
diag-kmz-too-large = { $entry }의 압축 전 크기가 { $declared }(으)로 선언되어 있어, nkmap이 KMZ에서 읽는 한도 { $limit }보다 큽니다
diag-kmz-bomb-limit = { $entry }은(는) { $declared }(으)로 선언되었지만 풀면 { $limit }을(를) 넘습니다(zip 폭탄?): 이 KMZ는 거부합니다
diag-kmz-bomb-declared = { $entry }을(를) 풀면 선언한 { $declared }을(를) 넘습니다(zip 폭탄?): 이 KMZ는 거부합니다
diag-kmz-cannot-inflate = KMZ 안의 { $entry }의 압축을 풀 수 없습니다: { $error }
diag-kmz-cannot-write = KMZ를 쓸 수 없습니다: { $error }

# 면과 경계의 도형 (src/io/stream.rs, src/io/regions.rs).
diag-area-not-polygon = Polygon이나 MultiPolygon이어야 합니다
diag-area-no-coordinates = 좌표가 없습니다
diag-area-wrong-type = { $kind }입니다. Polygon이나 MultiPolygon이어야 합니다
diag-area-no-type = 형식(type)이 없습니다
diag-area-type-twice = 'type'이 두 번 나옵니다
diag-area-multipolygon-not-array = MultiPolygon의 좌표는 배열이어야 합니다
diag-area-no-exterior = 다각형에는 바깥 고리가 있어야 합니다
diag-area-polygon-not-array = 다각형은 고리의 배열이어야 합니다
diag-area-ring-short = 고리에는 위치가 4개 이상 있어야 합니다
diag-area-ring-not-array = 고리는 위치의 배열이어야 합니다
diag-position-not-array = 위치는 [lon, lat] 형식이어야 합니다
diag-position-two-numbers = 위치에는 숫자 두 개 [lon, lat]가 있어야 합니다
diag-position-not-numbers = 위치에는 숫자가 있어야 하는데 { $kind }이(가) 있습니다
diag-coordinate-not-finite = 좌표가 유한한 수가 아닙니다
diag-regions-not-collection = GeoJSON FeatureCollection이 아닙니다
diag-regions-features-not-array = 'features'가 배열이 아닙니다
diag-regions-no-properties = properties 객체가 없습니다
diag-regions-strings = '{ $key }' 속성은 문자열 배열이어야 합니다
diag-regions-province-dispute = 'province_dispute' 속성은 { $shape } 형식이어야 합니다
diag-regions-no-geometry = 도형이 없습니다

# serde_json이 JSON 구문 오류를 부르는 말(영어는 그 글자 그대로).
diag-json-eof-list = 배열을 읽는 중에 파일이 끝남
diag-json-eof-object = 객체를 읽는 중에 파일이 끝남
diag-json-eof-string = 문자열을 읽는 중에 파일이 끝남
diag-json-eof-value = 값을 읽는 중에 파일이 끝남
diag-json-expected-colon = `:`가 와야 함
diag-json-expected-list-comma = `,` 또는 `]`가 와야 함
diag-json-expected-object-comma = `,` 또는 `{ $brace }`가 와야 함
diag-json-expected-ident = true, false, null 중 하나가 와야 함
diag-json-expected-value = 값이 와야 함
diag-json-expected-quote = `"`가 와야 함
diag-json-invalid-escape = 잘못된 이스케이프
diag-json-invalid-number = 잘못된 숫자
diag-json-number-range = 범위를 벗어난 숫자
diag-json-invalid-code-point = 잘못된 유니코드 코드 포인트
diag-json-control-character = 문자열 안에 제어 문자(\u0000-\u001F)가 있음
diag-json-key-not-string = 키는 문자열이어야 함
diag-json-trailing-comma = 끝에 쉼표가 남음
diag-json-trailing-characters = 값 뒤에 다른 문자가 더 있음
diag-json-hex-escape-end = 16진 이스케이프가 중간에 끝남
diag-json-recursion = 중첩이 너무 깊음
diag-json-lone-surrogate = 16진 이스케이프에 짝 없는 앞 서로게이트가 있음
