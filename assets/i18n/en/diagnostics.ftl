# Reader diagnostics: what `nkmap check` prints and the messages panel shows about data files.
# The shape around them ("file:line:col: error: message") is made in code.

diag-severity-error = error
diag-severity-warning = warning
diag-location-feature = feature { $index }
diag-unnamed-folder = (unnamed folder)
diag-location-placemark = placemark { $index }
diag-or = {" or "}
diag-and = {" and "}

diag-not-utf8 = not UTF-8: invalid byte { $byte } at byte offset { $offset }; save the file as UTF-8
diag-file-empty = the file is empty
diag-cannot-read = cannot read the file: { $error }
diag-json-nan = not valid JSON: '{ $token }' is not a number in JSON (JSON has no NaN or Infinity); write a finite number or null
diag-json-truncated = not valid JSON: the file ends in the middle of a value ({ $message }); is it truncated?
diag-json-invalid = not valid JSON: { $message }
diag-no-features-array = a FeatureCollection needs a 'features' array
diag-not-feature-collection = not a GeoJSON FeatureCollection (top-level 'type' is '{ $kind }')
diag-not-feature-collection-no-type = not a GeoJSON FeatureCollection (top-level 'type' is missing)
diag-feature-not-object = a feature should be an object { $shape }
diag-feature-no-properties = a feature needs a 'properties' object
diag-geometry = geometry: { $problem }
diag-geometry-without-type = geometry without a type
diag-duplicate-id = duplicate id '{ $id }' (first defined at { $at })
diag-undefined-source = evidence cites source '{ $source }', which is not defined in the files checked or the bundled sources

# Values of the wrong kind: "property 'x' should be a string, not a number".
diag-type-string = a string
diag-type-number = a number
diag-type-boolean = a boolean
diag-type-array = an array
diag-type-object = an object
diag-type-integer = an integer
diag-type-fraction = a fraction
diag-type-whole = a whole number
diag-type-strings = an array of strings
diag-type-evidence-array = an array of evidence objects
diag-type-evidence-object = an object { $shape }
diag-type-people-object = an object { $shape }
diag-type-string-allowed = a string ({ $allowed })
diag-property-should-be = property '{ $key }' should be { $expected }, not { $found }
diag-property-missing = property '{ $key }' is missing
diag-property-missing-allowed = property '{ $key }' is missing ({ $allowed })
diag-property-empty = property '{ $key }' is empty
diag-property-problem = property '{ $key }': { $problem }
diag-property-out-of-range = property '{ $key }' is { $value }, expected { $min } to { $max }
diag-property-not-allowed = property '{ $key }' is '{ $value }', expected { $allowed }
diag-unknown-property = unknown property '{ $key }' ignored
diag-bad-id = id '{ $id }' should use only lowercase letters, digits and '-'

diag-milestone-no-evidence = milestone '{ $kind }' has no evidence of its own
diag-milestone-twice = two '{ $kind }' milestones: keep one and record the competing date as a dispute
diag-milestones-out-of-order = milestones out of order: { $first } { $first_date } is after { $second } { $second_date }
diag-source-geometry = a source has no geometry (null), but this one is a { $kind }
diag-source-no-link = a source should have a 'url' or a 'doc_id'
diag-no-evidence = no evidence: every record needs at least one { $shape } in 'evidence'

diag-region-renamed = region_id '{ $old }' is now '{ $new }' ({ $name } moved to { $province }); the old id still works, but write the new one
diag-place-contradicts-region-id = '{ $key }' is '{ $text }', which is { $place }, but region_id says { $given }
diag-place-typo = '{ $key }' '{ $text }' taken as { $place } ({ $id }), allowing for a typo
diag-place-example = , e.g. '{ $example }'
diag-place-ambiguous = ambiguous place in '{ $key }': '{ $text }' may be { $candidates }; add the province after a comma{ $example }
diag-place-unknown-using-id = '{ $key }' '{ $text }' is not a known name; using region_id { $given }
diag-place-did-you-mean = ; did you mean { $names }?
diag-place-unknown = unknown place in '{ $key }': '{ $text }'{ $hint }
diag-wrong-geometry-point = wrong geometry type for a { $record }: { $kind } (expected Point or null)
diag-point-outside = point { $point } lies outside { $place } ({ $id })
diag-precision-no-geometry = precision '{ $precision }' but no geometry: placed at the seat of { $place }
diag-precision-no-seat-town = precision 'seat' but no seat town of { $place } is known: its point is the county's centre, so the precision is 'centre'
diag-precision-province = precision '{ $precision }' but the place is a whole province ({ $province })
diag-event-no-place = property 'place' is missing (only a 'country'-precision event may omit it)
diag-flow-no-to = property 'to' is missing: a flow needs one or more destinations
diag-people-min-max = people: min { $min } is more than max { $max }
diag-start-after-end = start { $start } is after end { $end }
diag-flow-to-itself = flow goes from { $place } to itself: 'to[{ $index }]' ('{ $text }') is the same place as 'from'
diag-flow-line-count = the MultiLineString has { $lines } lines but 'to' has { $places } places: draw one line per destination
diag-flow-line-short = geometry line { $index } should be an array of two or more positions
diag-flow-line = geometry line { $index }: { $problem }
diag-wrong-geometry-flow = wrong geometry type for a flow: { $kind } (expected MultiLineString, one line per destination, or null)

diag-coordinates-not-finite = coordinates must be finite numbers
diag-longitude-off-map = longitude { $value } is not within { $range }
diag-latitude-off-map = latitude { $value } is not within { $range }
diag-point-off-map = point { $point } is off the map: { $what }{ $swapped }
diag-point-swapped = {" "}(longitude and latitude swapped? GeoJSON puts longitude first)

# CSV.
diag-csv-evidence-grade = evidence '{ $evidence }' needs a grade: source@locator#grade
diag-csv-dispute = dispute '{ $dispute }' should be field=value@evidence
diag-csv-not-number = column '{ $column }': '{ $value }' is not a number
diag-csv-not-finite = column '{ $column }': '{ $value }' is not a finite number; coordinates must be finite
diag-csv-not-whole = column '{ $column }': '{ $value }' is not a whole number
diag-csv-lon-lat = a point needs both 'lon' and 'lat'
diag-csv-invalid = not valid CSV: { $error }
diag-csv-no-record-column = the header has no 'record' column (source, site, flow or event)
diag-csv-unknown-column = unknown column '{ $column }' ignored
diag-csv-field-count = row has { $fields } fields but the header has { $header }: a missing or extra comma, or an unquoted comma in a value?

# Dates as reports give them.
diag-date-year = year
diag-date-month = month
diag-date-day = day
diag-date-not-date = '{ $date }' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)
diag-date-bad-part = '{ $date }' is not a date (YYYY, YYYY-MM or YYYY-MM-DD): bad { $part }
diag-date-bad-number = '{ $date }': bad { $part }
diag-date-bad-month = '{ $date }': month { $month } is not 1-12
diag-date-bad-day = '{ $date }': day { $day } is not in 1-{ $max }

# The evidence rules (warnings; src/io/rules.rs). { $what } is a property path or a phrase below.
diag-rule-only-publisher = only { $publisher } is cited for it
diag-rule-source-unknown = its source is unknown
diag-rule-c2-one-publisher = { $what }: graded C-2 but { $by }; C-2 needs sources from two different publishers (grade it C, or cite a second, independent page)
diag-rule-c-should-be-c2 = { $what }: graded C but { $n } independent publishers state it ({ $publishers }); by the rule that is C-2
diag-rule-mixed-grades = { $what }: the same claim is graded both C-2 and C ({ $publishers } graded C); grade every page for one claim alike
diag-rule-cited-before = { $what } is dated { $date }, but '{ $source }' (published { $published }) is cited for it: a page cannot report a later event
diag-rule-approximate-day = { $what } is dated to the day ({ $date }) but marked approximate: give only what the sources support (the month, { $month })
diag-rule-flow-start = the flow's start
diag-rule-the-event = the event

# KML and KMZ (src/io/kml).
diag-xml-invalid = not valid XML: { $error }
diag-xml-attribute = attribute '{ $key }': { $error }
diag-kml-dtd = the file declares a DTD (<!DOCTYPE …>); KML needs none, and nkmap refuses DTDs so that entity definitions ("billion laughs") and external entities are never expanded
diag-kml-too-deep = elements nested more than { $max } deep; no KML needs that
diag-kml-truncated = the file ends inside <{ $element }>: is it truncated?
diag-kml-no-kml = not a KML document: there is no <kml> element
diag-kml-track-short = a gx:Track needs at least 2 positions
diag-kml-polygon-no-outer = a <Polygon> without an <outerBoundaryIs> ring
diag-kml-point-count = a <Point> has one position; this one has { $n }
diag-kml-line-short = a <LineString> needs at least 2 positions; this one has { $n }
diag-kml-ring-short = a <LinearRing> needs at least 3 different positions; this one has { $n }
diag-kml-record-not-json = its nkmap:record is not a JSON object: { $error }
diag-kml-area-no-polygon = an nkmap area needs a <Polygon>
diag-kml-skipped-network-links = { $n } network link(s) not followed: nkmap reads only what is in the file
diag-kml-skipped-overlays = { $n } image overlay(s) not shown: nkmap draws no images over the map
diag-kml-skipped-models = { $n } 3D model(s) not shown
diag-kml-tuple = coordinates: '{ $tuple }' is not lon,lat or lon,lat,altitude
diag-kml-longitude = longitude
diag-kml-latitude = latitude
diag-kml-altitude = altitude
diag-kml-not-a-number = coordinates: { $what } '{ $value }' in '{ $tuple }' is not a number
diag-kml-longitude-range = coordinates: longitude { $value } is outside -180..180 (KML writes lon,lat)
diag-kml-latitude-range = coordinates: latitude { $value } is outside -90..90 (KML writes lon,lat)
diag-kml-track-coord = gx:coord '{ $text }' is not 'lon lat altitude'
diag-kmz-nul = entry '{ $entry }' has a NUL byte in its path: a KMZ whose paths leave the archive is refused
diag-kmz-absolute = entry '{ $entry }' has an absolute path: a KMZ whose paths leave the archive is refused
diag-kmz-drive = entry '{ $entry }' has a drive letter: a KMZ whose paths leave the archive is refused
diag-kmz-climbs-out = entry '{ $entry }' climbs out of the archive with '..': a KMZ whose paths leave the archive is refused
diag-kmz-not-zip = not a readable KMZ (zip) archive: { $error }
diag-kmz-too-many-entries = the KMZ has { $n } entries; nkmap reads at most { $max }
diag-kmz-unreadable-name = entry { $index } has an unreadable name: { $error }
diag-kmz-no-kml = the KMZ holds no .kml document
diag-kmz-cannot-read = cannot read { $entry } in the KMZ: { $error }
diag-kmz-too-large = { $entry } declares { $declared } uncompressed, more than the { $limit } nkmap reads from a KMZ
diag-kmz-bomb-limit = { $entry } inflates past { $limit } although it declares { $declared } (a zip bomb?): the KMZ is refused
diag-kmz-bomb-declared = { $entry } inflates past the { $declared } it declares (a zip bomb?): the KMZ is refused
diag-kmz-cannot-inflate = cannot inflate { $entry } in the KMZ: { $error }
diag-kmz-cannot-write = cannot write the KMZ: { $error }

# Area and boundary geometry (src/io/stream.rs, src/io/regions.rs).
diag-area-not-polygon = should be a Polygon or MultiPolygon
diag-area-no-coordinates = no coordinates
diag-area-wrong-type = is a { $kind }, expected Polygon or MultiPolygon
diag-area-no-type = no type
diag-area-type-twice = 'type' is given twice
diag-area-multipolygon-not-array = MultiPolygon coordinates should be an array
diag-area-no-exterior = a polygon needs an exterior ring
diag-area-polygon-not-array = a polygon should be an array of rings
diag-area-ring-short = a ring needs at least 4 positions
diag-area-ring-not-array = a ring should be an array of positions
diag-position-not-array = a position should be [lon, lat]
diag-position-two-numbers = a position needs two numbers [lon, lat]
diag-position-not-numbers = a position should hold numbers, not { $kind }
diag-coordinate-not-finite = a coordinate is not finite
diag-regions-not-collection = not a GeoJSON FeatureCollection
diag-regions-features-not-array = 'features' is not an array
diag-regions-no-properties = no properties object
diag-regions-strings = property '{ $key }' should be an array of strings
diag-regions-province-dispute = property 'province_dispute' should be { $shape }
diag-regions-no-geometry = no geometry

# serde_json's own words for a JSON syntax error (English: its text word for word).
diag-json-eof-list = EOF while parsing a list
diag-json-eof-object = EOF while parsing an object
diag-json-eof-string = EOF while parsing a string
diag-json-eof-value = EOF while parsing a value
diag-json-expected-colon = expected `:`
diag-json-expected-list-comma = expected `,` or `]`
diag-json-expected-object-comma = expected `,` or `{ $brace }`
diag-json-expected-ident = expected ident
diag-json-expected-value = expected value
diag-json-expected-quote = expected `"`
diag-json-invalid-escape = invalid escape
diag-json-invalid-number = invalid number
diag-json-number-range = number out of range
diag-json-invalid-code-point = invalid unicode code point
diag-json-control-character = control character (\u0000-\u001F) found while parsing a string
diag-json-key-not-string = key must be a string
diag-json-trailing-comma = trailing comma
diag-json-trailing-characters = trailing characters
diag-json-hex-escape-end = unexpected end of hex escape
diag-json-recursion = recursion limit exceeded
diag-json-lone-surrogate = lone leading surrogate in hex escape
