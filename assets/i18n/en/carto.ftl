# The map's legend, symbols and cartographic notes (src/scene/palette.rs, src/map, src/render).

carto-legend-status = Site status on the date
carto-status-announced = Announced (outline)
carto-status-under-construction = Under construction (half filled)
carto-status-completed = Completed (filled)
carto-status-not-yet = Not yet reported (faint outline)
carto-legend-category = Site type
carto-legend-precision = Where the point is
carto-precision-on-the-ground = At the site, or in the town named
carto-precision-county-seat = Somewhere in the county, drawn at its seat
carto-precision-county-centre = Somewhere in the county, drawn at its centre (no town known)
carto-precision-province = Somewhere in the province
carto-legend-capital = Capital
carto-legend-flow = Mobilization (width: people)
carto-legend-event = Report or event (a number: several at one place)
carto-legend-border = Province border
