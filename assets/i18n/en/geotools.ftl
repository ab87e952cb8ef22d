# nkmap: the measuring tool and coordinates (src/measure.rs, src/coords.rs, src/ui/measure.rs,
# src/ui/coords.rs, src/map/measure.rs).

## Coordinate formats and errors

coords-format-decimal = Decimal
coords-format-dms = DMS
coords-format-mgrs = MGRS
coords-format-tip = How positions are written here and copied
coords-click-to-copy = Click to copy this position
coords-copy = Copy coordinates
coords-copy-as = Copy as
coords-error-empty = Type a position.
coords-error-unexpected = “{ $what }” has no place in a position.
coords-error-two-values = Give a latitude and a longitude (two numbers, or two groups of degrees, minutes and seconds).
coords-error-one-hemisphere = Write N/S and E/W on both numbers, or on neither.
coords-error-same-axis = One value must be a latitude (N or S) and the other a longitude (E or W).
coords-error-dms = These degrees, minutes and seconds do not add up: minutes and seconds are below 60, only the last part may have decimals, and a minus sign goes on the degrees without S or W.
coords-error-latitude = Latitude { $value } is not between -90 and 90.
coords-error-longitude = Longitude { $value } is not between -180 and 180.
coords-error-mgrs = Not a valid MGRS reference: { $why }.

## Go to coordinates

coords-goto-menu = Go to coordinates…
coords-goto-title = Go to coordinates
coords-goto-help = Decimal degrees (39.03N 125.75E, or 39.03, 125.75), degrees-minutes-seconds (39°01'48"N 125°45'00"E) or MGRS (52S CH 12345 67890).
coords-goto-field = Position
coords-goto-reads-as = Reads as { $position } ({ $kind })
coords-goto-go = Go
coords-goto-cancel = Cancel

## Measuring

measure-button = Measure
measure-button-tip = Measure distances and areas on the ellipsoid (M)
measure-menu = Measure distance or area
measure-from-here = Measure from here
measure-title = Measure
measure-help-start = Click the map to place the first point. Esc ends.
measure-help = Click to add points. Click the first point again or double-click to close the shape and measure its area. Esc ends.
measure-close-hint = Click to close the shape
measure-leg = Leg { $n }
measure-leg-closing = Leg { $n } (closing)
measure-summary-distance = Distance: { $distance } ({ $legs ->
    [one] 1 leg
   *[other] { $legs } legs
})
measure-summary-area = Area: { $area }, perimeter { $perimeter }
measure-report-leg = Leg { $n }: { $length } (from { $from } to { $to })
measure-report-method = Geodesic lengths and area on the WGS 84 ellipsoid (nkmap)
measure-metres = { $value } m
measure-kilometres = { $value } km
measure-square-kilometres = { $km2 } km² ({ $ha } ha)
measure-hectares = { $ha } ha ({ $m2 } m²)
measure-copy = Copy
measure-copy-tip = Copy the result with every leg (Ctrl+C)
measure-remove-last = Remove last point
measure-clear = Clear
measure-done = Done
measure-done-tip = End measuring (Esc)
measure-save-heading = Save as an area in my records
measure-name = Name
measure-default-name = Measured area { $n }
measure-save = Save area
measure-save-tip = Adds the shape to your records with its area and perimeter; File, Save my records writes it. Undo takes it back.
