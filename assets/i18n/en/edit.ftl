# The record editor's refusals when Save is pressed (src/edit.rs).

edit-no-source = A source is required: choose an existing source or add a new one before saving.
edit-field-problem = { $field }: { $problem }
edit-source-date = Source date
edit-unknown-source = The source '{ $id }' is not known; choose another.
edit-new-source-incomplete = The new source needs a publisher and a title (a description in [brackets] when it has none).
edit-no-locator = Say where in the source the claim is (locator), e.g. "para 5" or "photo caption".
edit-site-no-name = The site needs a name.
edit-flow-no-who = The flow needs to say who is mobilized.
edit-site-no-place = The site needs a place (a county or city in any spelling).
edit-flow-no-place = The flow needs a place it comes from.
edit-cohort-not-year = Cohort '{ $value }' is not a year
edit-not-a-number = { $field } '{ $value }' is not a number
edit-flow-no-destination = The flow needs at least one destination.
edit-not-read-back = the record '{ $id }' could not be read back
# The user's records as the reader's messages name them (they are checked as a file would be).
edit-your-records-file = your records.geojson


# The layer of the user's own records (Layers panel, details).
ui-my-records = My records
ui-my-records-file = My records ({ $file })

# `nkmap --help` and the subcommands' help (src/cli.rs).
cli-about = Map of North Korea's 20x10 regional construction projects, with sources
cli-files = Data files (.geojson, .json, .csv, .kml, .kmz) and satellite images (.tif GeoTIFF/COG) to open on the map.
cli-basemap = A raster PMTiles file to show under the map (remembered, like File menu, Open basemap…).
cli-renderer = How the window is drawn: wgpu (Vulkan/Metal/DX12; boundaries live on the GPU) or glow (OpenGL, for machines whose wgpu driver fails; boundaries drawn as CPU meshes).
cli-check = Check data files; prints one line per problem, `file:where: error|warning: message`.
cli-check-files = Data files to check.
cli-data-files = Data files (default: the bundled seeds).
cli-export = Write the resolved dataset (the bundled seeds when no file is given).
cli-export-format = The format to write.
cli-export-out = Write here (atomically) instead of to standard output.
cli-format-kml = Google Earth: sites as styled placemarks, flows as lines, milestones as time spans
cli-format-kmz = KML zipped (`doc.kml`)

cli-render = Draw the map to an SVG or PNG file (the bundled seeds when no file is given); the same input gives the same bytes.
cli-render-out = The image to write (atomically): .svg or .png.
cli-render-bbox = The area to show, in degrees: west,south,east,north (default: the whole country).
cli-render-date = Show site statuses and flows as on this day (default: today).
cli-render-size = Image size in pixels.
cli-render-lang = Language of the region labels.
cli-synth = Write a large file to try nkmap with big data: an area file (the bundled counties densified along their edges, holes kept, to about `--vertices` vertices), or with `--placemarks N` a KML/KMZ of N placemarks foldered by province and kind, like AccessDPRK.
cli-synth-vertices = Vertices in all (closing positions counted); at least the counties' own count.
cli-synth-detail = Make every edge a fractal curve (like a coastline) instead of splitting it along the straight line: detail that the level of detail cannot simply drop.
cli-synth-placemarks = Write this many KML placemarks instead of areas (to a .kml or .kmz file).
cli-synth-out = The file to write (atomically): .geojson for areas, .kml or .kmz for placemarks.
cli-find = Find provinces and counties by any spelling.
cli-find-query = Names to look for, in any spelling.
cli-find-limit = At most this many matches.
# clap's own words, used in languages other than English (in English clap writes them).
cli-heading-usage = Usage:
cli-heading-commands = Commands
cli-heading-arguments = Arguments
cli-heading-options = Options
cli-help-flag = Print help
cli-help-subcommand = Print this message or the help of the given subcommand(s)
cli-default-value = default: { $values }
cli-possible-values = possible values: { $values }
cli-possible-values-heading = Possible values:
cli-version-flag = Print version
cli-error-unknown-argument = error: unexpected argument '{ $arg }'
cli-error-invalid-value = error: invalid value '{ $value }' for '{ $arg }'
cli-error-value-validation = error: invalid value '{ $value }' for '{ $arg }': { $why }
cli-error-missing = error: the following required arguments were not provided: { $args }
cli-error-conflict = error: the argument '{ $arg }' cannot be used with '{ $other }'
cli-error-did-you-mean = tip: a similar argument exists: '{ $arg }'
cli-error-more = For more information, try '--help'.
cli-error-not-a-number = not a number
