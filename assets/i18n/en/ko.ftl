# The app's own words swept out of the code for the Korean interface (issue 19): menus, the side
# panel, the status bar, the model's vocabulary as people read it.

## Menus
ui-menu-file = File
ui-menu-edit = Edit
ui-menu-view = View
ui-menu-language = Language
ui-language-system = System ({ $lang })
ui-open-data = Open data…
ui-open-basemap = Open basemap…
ui-save-records = Save my records
ui-save-records-as = Save my records as…
ui-quit = Quit
ui-undo = Undo
ui-redo = Redo
ui-add-site = Add site…
ui-add-flow = Add flow…
ui-progress = Progress
ui-fit-country = Fit country
ui-zoom-to-selection = Zoom to selection
ui-theme-light = Light theme
ui-theme-dark = Dark theme
ui-interface-scale = Interface { $percent }%
ui-map-labels = Labels:
ui-labels-both = Both
ui-export-png = Export view as PNG…
ui-export-svg = Export view as SVG…
ui-export-csv = Export records as CSV…
ui-export-geojson = Export records as GeoJSON…

## Status bar and messages
ui-zoom-level = zoom { $zoom }
ui-gpu-hint = Boundaries and areas are on the graphics card, moved by one transform per frame
ui-cpu-hint = Boundaries and areas are drawn as meshes built on the processor (the OpenGL renderer, or NKMAP_CPU_GEOMETRY set)
ui-status-on = Status on { $date }
ui-unsaved = Unsaved changes
ui-filter-on = Filter on
ui-loading = Loading { $files }…
ui-problems = { $n ->
    [one] { $n } problem in loaded files
   *[other] { $n } problems in loaded files
}
ui-messages = Messages ({ $n })
ui-clear-messages = Clear messages

## Side panel
ui-tagline = 20×10 regional development: sites, mobilization, sources
ui-layers = Layers
ui-opacity = Opacity
ui-data = Data
ui-remove = Remove
ui-remove-layer = Remove this layer
ui-date = Date
ui-status-on-slider = status on
ui-back-month = Back a month
ui-pause = Pause
ui-play = Play
ui-play-hint = Advance a month every half second
ui-forward-month = Forward a month
ui-today = Today
ui-date-hint = Sites show their status on this date; flows show only while active.
ui-filter = Filter
ui-sites-by-cohort = Sites by cohort
ui-legend = Legend
ui-no-site-passes = No site passes the filter on this date.
ui-cohort-title = { $year } cohort ({ $n })
ui-other-sites = Other sites ({ $n })
ui-filter-hint = Nothing ticked in a group means all of it. Applies to the map, the lists and the progress counts.
ui-site-type = Site type
ui-status-on-the-date = Status on the date
ui-cohort = Cohort
ui-none = none
ui-grade = Confidence grade
ui-sources-chosen = Sources ({ $n } chosen)
ui-clear-filter = Clear filter

## Tooltips
ui-sites-count = { $n ->
    [one] { $n } site
   *[other] { $n } sites
}
ui-cohort-of = { $year } cohort
ui-flow-from-to = from { $from } to { $to }
ui-area-in = area in { $layer }

## The model's words
ui-status-not-yet = not yet reported
ui-status-announced = announced
ui-status-under-construction = under construction
ui-status-completed = completed
ui-category-factory-cluster = Factory cluster
ui-category-food-factory = Food factory
ui-category-seafood-processing = Seafood processing
ui-category-hospital = Hospital
ui-category-service-complex = Service complex
ui-category-grain-facility = Grain facility
ui-category-aquaculture = Aquaculture
ui-category-paper-mill = Paper mill
ui-category-chemical-plant = Chemical plant
ui-category-other = Other
ui-grade-confirmed-multiple = confirmed by several sources
ui-grade-confirmed = confirmed by one source
ui-grade-inferred = inferred
ui-grade-uncertain = uncertain (background knowledge)
ui-grade-not-found = looked for, not found
ui-kind-province = Province
ui-kind-special-city = Special city
ui-kind-county = County
ui-kind-city = City
ui-kind-district = District
ui-layer-provinces = Provinces
ui-layer-counties = Counties
ui-layer-labels = Labels
ui-layer-sites = Sites
ui-layer-flows = Flows
ui-layer-events = Reports & events

## Progress window
ui-progress-intro = Counties with cohort factories on { $date }, against the policy's { $target } a year.
ui-progress-filter-on = The filter is on: only the sites it lets through are counted.
ui-progress-counties-not-sites = Counties, not sites: a county with several factories counts once. Click a number for its records.
ui-progress-by-cohort = By cohort year
ui-progress-groundbreaking = Groundbreaking
ui-progress-completed = Completed
ui-progress-target = Target
ui-progress-all = All
ui-progress-all-cohorts = All cohorts
ui-progress-by-province = By province
ui-progress-over-time = Counties completed over time
ui-progress-axis-year = year
ui-progress-axis-counties = counties
ui-progress-target-line = Target: { $target } a year
ui-progress-cumulative = Completed (cumulative)
ui-progress-stage-groundbreaking = groundbreaking
ui-progress-stage-completed = completed
ui-progress-count-hint = { $title }: { $n } counties, { $sites } sites
ui-progress-list-title = { $title } ({ $n } counties)
ui-records = Records
ui-records-none = None.

## Command line
ui-cli-boundaries-broken = nkmap: the bundled boundaries are broken: { $error }
ui-cli-skipping = nkmap: note: skipping { $file }: not a .geojson, .json, .csv, .kml or .kmz file
ui-cli-cannot-read = cannot read the file: { $error }
ui-cli-checked-images = { $n ->
    [one] 1 file
   *[other] { $n } files
} checked: { $errors ->
    [one] 1 error
   *[other] { $errors } errors
}
ui-cli-checked = { $n ->
    [one] 1 file
   *[other] { $n } files
} checked: { $errors ->
    [one] 1 error
   *[other] { $errors } errors
}, { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
}
ui-cli-areas = { $n ->
    [one] {" "}(1 area)
   *[other] {" "}({ $n } areas)
}
ui-cli-not-exporting = nkmap: not exporting: fix the errors above first
ui-cli-not-rendering = nkmap: not rendering: fix the errors above first
ui-cli-csv-areas-skipped = { $n ->
    [one] nkmap: note: 1 area not written: CSV has no polygons (use --format geojson)
   *[other] nkmap: note: { $n } areas not written: CSV has no polygons (use --format geojson)
}
ui-cli-cannot-write = nkmap: cannot write { $file }: { $error }
ui-cli-cannot-write-stdout = nkmap: cannot write to standard output: { $error }
ui-cli-find-renamed = nkmap: note: { $old } is now { $id } ({ $name } moved to { $province })
ui-cli-find-none = nkmap: no province or county matches '{ $query }'

## Exported map
ui-render-title = North Korea · 20×10 regional development

## Search
ui-search = Search
ui-search-hint = place, site, flow, source  (Ctrl+F)
ui-search-none = No matches
ui-search-places = Places
ui-search-sites = Sites
ui-search-flows = Flows
ui-search-sources = Sources
ui-search-placemarks = Placemarks

## Details panel
ui-details = Details
ui-close = Close
ui-zoom-to = Zoom to
ui-edit-record = Edit record
ui-details-add-site = Add site
ui-details-add-site-in = Add a site in { $place }
ui-details-layer = Layer
ui-details-kind = Kind
ui-details-area-kind = Area (a polygon from the file, not a sourced record)
ui-details-vertices = Vertices
ui-details-properties = Properties
ui-details-type = Type
ui-details-products = Products
ui-details-place = Place
ui-details-place-as-written = { $place } (as written: “{ $written }”)
ui-details-location = Location
ui-details-cohort-year = { $year } (year { $nth } of 20×10)
ui-details-status = Status
ui-details-status-on = { $status } (on { $date })
ui-details-show = Show { $place }
ui-details-milestones = Milestones
ui-details-no-milestones = No dated milestones recorded.
ui-details-about = about { $date }
ui-details-site-sources = Sources for the site
ui-details-from = From
ui-details-to = To
ui-details-not-given = not given
ui-details-people = People
ui-details-shifts = Shifts
ui-details-months = { $n ->
    [one] { $n } month
   *[other] { $n } months
}
ui-details-from-date = From date
ui-details-until = Until
ui-details-active = Active on date
ui-yes = yes
ui-no = no
ui-details-nationwide = nationwide
ui-details-name-en = English (KCNA)
ui-details-name-mr = McCune–Reischauer
ui-details-name-rr = Revised Romanization
ui-details-name-ko = Hangul
ui-details-aliases = Also written
ui-details-id = Id
ui-details-no-sites = No sites recorded here.
ui-details-mobilization = Mobilization in and out
ui-details-out = out
ui-details-in = in
ui-details-no-mobilization = No mobilization recorded.
ui-details-events = Reports and events
ui-milestone-announced = Announced
ui-milestone-inauguration = Inauguration
ui-details-notes = Notes
ui-details-dispute = { $field }: “{ $value }” according to
ui-details-unknown-source = unknown source “{ $id }”

## Add/edit form
ui-editor-add-site = Add site
ui-editor-edit-site = Edit site
ui-editor-add-flow = Add flow
ui-editor-edit-flow = Edit flow
ui-editor-save = Save record
ui-editor-saved-where = Saved records go to your own data file (File menu: Save my records); the bundled data never changes.
ui-editor-name = Name
ui-editor-name-hint = e.g. Orang regional-industry factories
ui-editor-place-hint = county or city, any spelling
ui-editor-point = Point
ui-editor-exact-point = { $point } (exact)
ui-editor-use-seat = Use the county seat
ui-editor-cohort-hint = 20×10 year, e.g. 2025
ui-editor-date-hint = YYYY, YYYY-MM or YYYY-MM-DD
ui-editor-who = Who
ui-editor-who-hint = e.g. Musan mine workers
ui-editor-to-hint = places separated by ;
ui-editor-start = Start
ui-editor-end = End
ui-editor-end-hint = YYYY-MM (empty: ongoing)
ui-editor-people-min = People (min)
ui-editor-people-max = People (max)
ui-editor-source-required = Source (required)
ui-editor-no-place = no place yet
ui-editor-resolves-to = resolves to { $place }
ui-editor-ambiguous = ambiguous: { $places } (add the province after a comma)
ui-editor-or = {" "}or{" "}
ui-editor-did-you-mean = ; did you mean { $places }?
ui-editor-not-found = not found{ $hint }
ui-editor-choose-source = Choose a source…
ui-editor-new-source = New source
ui-editor-add-source = Add a new source
ui-editor-publisher = Publisher
ui-editor-publisher-hint = e.g. Daily NK
ui-editor-title = Title
ui-editor-title-hint = the page's own title, or [a description]
ui-editor-locator = Locator
ui-editor-locator-hint = where in the source: para 5, caption
ui-source-inside = inside source
ui-source-state-media = state media
ui-source-satellite = satellite imagery
ui-source-news = news
ui-source-analysis = analysis
ui-source-reference = reference

## Basemap
ui-basemap = Basemap
ui-basemap-custom = Custom XYZ tiles…
ui-basemap-none = None (no network)
ui-basemap-osm-hint = Downloads tiles from tile.openstreetmap.org
ui-basemap-open-pmtiles = Open PMTiles…
ui-basemap-url-hint = Tile URL template with the z, x and y placeholders in braces, as in the example
ui-basemap-credit-hint = Credit, e.g. © Provider
ui-basemap-use = Use these tiles
ui-basemap-some-missing = Basemap: some tiles missing
ui-basemap-offline = Basemap offline
ui-basemap-retry = {" "}· retry in { $s } s
ui-basemap-offline-hint = The vector map keeps working; tiles are retried with growing pauses.

## Quitting, the map's context menu, loading
ui-quit-unsaved = Your records have changes that are not saved.
ui-save-and-quit = Save and quit
ui-quit-without-saving = Quit without saving
ui-add-site-here = Add site here
ui-add-site-in = Add site in { $place }
ui-add-flow-from = Add flow from { $place }
ui-loaded-areas = { $areas } areas ({ $vertices } vertices)
ui-loaded-records-areas = { $records } records and { $areas } areas ({ $vertices } vertices)
ui-loaded-records = { $records } records
ui-loaded = { $name }: loaded { $what } ({ $problems } with problems noted above)
ui-nowhere-to-save = Nowhere to save: use File, Save my records as…
ui-basemap-none-short = None
ui-basemap-custom-short = Custom XYZ tiles
ui-render-bbox-four = --bbox '{ $bbox }': expected four numbers W,S,E,N (e.g. 128.5,40.5,130.5,42.5)
ui-render-bbox-not-number = --bbox '{ $bbox }': { $side } '{ $value }' is not a number
ui-render-west = west
ui-render-south = south
ui-render-east = east
ui-render-north = north
ui-render-bbox-order = --bbox '{ $bbox }': west must be less than east and south less than north
ui-render-bbox-world = --bbox '{ $bbox }': outside the world's longitudes/latitudes
ui-render-size-form = --size '{ $size }': expected WIDTHxHEIGHT, e.g. 1600x1000
ui-render-size-range = --size '{ $size }': '{ $value }' is not a whole number from 16 to 8000
ui-bundled-seeds = Bundled seeds
