# KML and KMZ: opening Google Earth files, placemarks on the map and in the panels, and the
# KML export's folders, fields and legends.

kml-export-kml = Export records as KML…
kml-export-kmz = Export records as KMZ…
kml-loaded = { $what } and { $placemarks ->
    [one] 1 placemark
   *[other] { $placemarks } placemarks
  } in { $folders ->
    [one] 1 folder
   *[other] { $folders } folders
  }
kml-check-placemarks = { $n ->
    [one] {" "}(1 placemark)
   *[other] {" "}({ $count } placemarks)
  }
kml-export-placemarks-skipped = nkmap: note: { $n ->
    [one] 1 KML placemark not written
   *[other] { $n } KML placemarks not written
  }: only KML keeps placemarks (use --format kml or kmz)
kml-synth-extension = nkmap synth: --out { $out }: placemarks are written to a .kml or .kmz file
kml-synth-wrote = wrote { $out }: { $n ->
    [one] 1 placemark
   *[other] { $count } placemarks
  } in { $folders } folders, { $mb } MB

# The Layers panel, the map and the details panel.
kml-folder-row = { $name } ({ $count })
kml-cluster-count = { $n ->
    [one] 1 placemark
   *[other] { $count } placemarks
  }
kml-cluster-hint = Click to zoom in
kml-make-site = Make a site from this placemark
kml-make-flow = Make a flow from this placemark
kml-tooltip-in = in { $folder }
kml-time-span = from { $begin } to { $end }
kml-time-from = from { $begin }
kml-time-until = until { $end }
kml-details-layer = Layer
kml-details-folder = Folder
kml-details-placemark = Placemark
kml-details-index = number { $index } in the file
kml-details-index-id = number { $index } in the file, id “{ $id }”
kml-details-geometry = Geometry
kml-details-shapes = { $points } point(s), { $lines } line(s), { $polygons } polygon(s) with { $holes } hole(s)
kml-details-at = At
kml-details-time = Time
kml-details-shown = Shown on the date
kml-details-shown-yes = yes
kml-details-shown-no = no (outside its time)
kml-details-description = Description
kml-details-data = Data
kml-draft-from = From the KML placemark “{ $name }” ({ $file }, { $folder }).

# The KML export (what Google Earth shows).
kml-document-name = nkmap records
kml-document-description = Sites, mobilization flows, reports and their sources from nkmap. Sites change colour with their status on Google Earth's time slider.
kml-folder-sites = Sites
kml-folder-cohort = { $year } cohort
kml-folder-no-cohort = Other sites
kml-folder-no-province = Province unknown
kml-folder-flows = Mobilization
kml-folder-events = Reports and events
kml-folder-sources = Sources
kml-folder-areas = Areas
kml-field-category = Type
kml-field-place = Place
kml-field-cohort = Cohort
kml-field-status = Status
kml-field-products = Products
kml-field-milestones = Milestones
kml-field-sources = Sources
kml-field-grade = grade
kml-field-notes = Notes
kml-field-from = From
kml-field-to = To
kml-field-start = Start
kml-field-end = End
kml-field-date = Date
kml-milestone-announced = Announced
kml-milestone-groundbreaking = Groundbreaking
kml-milestone-inauguration = Inauguration
kml-approximate = approximate
