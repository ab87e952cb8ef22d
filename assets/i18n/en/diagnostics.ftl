# Reader diagnostics: what `nkmap check` prints and the messages panel shows about data files.
# The shape around them ("file:line:col: error: message") is made in code.

diag-severity-error = error
diag-severity-warning = warning
diag-location-feature = feature { $index }
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
