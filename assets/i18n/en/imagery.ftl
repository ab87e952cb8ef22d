# Imagery: GeoTIFF/COG layers, their dates, compare mode, nkmap check/render on .tif files.

## Reading files (src/imagery)

imagery-cannot-read = cannot read the file: { $reason }
imagery-not-tiff = not a TIFF file ({ $reason })
imagery-tiff-error = the TIFF could not be decoded: { $reason }
imagery-truncated = the file ends before the data it points at (a truncated download?)
imagery-decoder-panic = the TIFF decoder failed on this file (it is malformed)
imagery-worker-panic = decoding a tile failed unexpectedly ({ $reason }); the other tiles go on
imagery-absurd-size = the image declares { $width } × { $height } pixels; nkmap reads images up to { $max } pixels on a side
imagery-too-large-chunk = a tile or strip is larger than 64 MB once decoded; nkmap refuses it rather than run out of memory (rewrite the file tiled, e.g. gdal_translate -of COG)
imagery-bad-chunks = the file's tile or strip layout is inconsistent
imagery-chunk-count = the file lists { $found } tiles or strips where its size needs { $expected }
imagery-chunk-past-end = tile or strip { $index } lies past the end of the file (offset { $offset } + { $bytes } bytes, file size { $size }): the file is truncated or its offsets are wrong
imagery-bad-subifd = an overview (SubIFD) points outside the file and is left out
imagery-jpeg-bomb = a JPEG tile declares { $width } × { $height } pixels, more than the tile holds; refused (a decompression bomb?)
imagery-unsupported-compression = { $name } compression (code { $code }) is not supported; nkmap reads uncompressed, Deflate, LZW, PackBits and JPEG (convert with gdal_translate -co COMPRESS=DEFLATE)
imagery-unsupported-samples = { $bits }-bit { $what } samples are not supported; nkmap reads 8- and 16-bit unsigned bands (convert with gdal_translate -ot UInt16 or -ot Byte -scale)
imagery-unsupported-color = this band layout ({ $what }) is not supported; nkmap reads grey, RGB, RGBA and multi-band images
imagery-palette = palette (colour-mapped) images are not supported; expand them with gdal_translate -expand rgba
imagery-no-overviews-too-big = the image is { $width } × { $height } pixels and has no overviews: nkmap would have to read every pixel to show it whole. Add overviews (gdaladdo FILE) or write a COG (gdal_translate -of COG)
imagery-no-such-tile = no such tile
imagery-note-mask = a transparency mask in the file is not used
imagery-note-other-layout = an overview of { $width } pixels with another band layout is left out
imagery-note-bands = { $bands } bands without a colour interpretation: bands 1, 2 and 3 are shown as red, green and blue

## Georeferencing

imagery-georef-missing = no georeferencing: the file has no ModelTiepoint and ModelPixelScale tags, nor a ModelTransformation, so nkmap cannot place it (world files such as .tfw are not read)
imagery-georef-gcps = the file is placed by ground control points only; nkmap needs an affine transform (warp it first: gdalwarp -t_srs EPSG:32652 in.tif out.tif)
imagery-georef-bad-transform = the georeferencing tags are malformed (missing values, a zero pixel size or a transform that cannot be inverted)
imagery-georef-bad-keys = the GeoKey directory is malformed
imagery-georef-no-crs = no GeoKey directory: the file does not say which coordinate system its coordinates are in
imagery-georef-unsupported-crs = the coordinate system { $crs } is not supported: nkmap places EPSG:4326, EPSG:3857 and WGS 84 / UTM (EPSG:326xx, 327xx) images exactly. Reproject first, e.g. gdalwarp -t_srs EPSG:32652 in.tif out.tif
imagery-georef-user-defined = a user-defined coordinate system without an EPSG code ({ $crs }) is not supported; reproject first, e.g. gdalwarp -t_srs EPSG:32652 in.tif out.tif
imagery-georef-units = the coordinate units (GeoTIFF unit code { $code }) are not metres or degrees
imagery-georef-model = the GeoTIFF model type { $code } (geocentric or unknown) is not supported

## Describing an image (nkmap check, the layer list)

imagery-bands-gray = grey, { $bits }-bit
imagery-bands-gray-alpha = grey with alpha, { $bits }-bit
imagery-bands-rgb = RGB, { $bits }-bit
imagery-bands-rgba = RGBA, { $bits }-bit
imagery-bands-ycbcr = YCbCr JPEG, 8-bit
imagery-bands-multi = { $n } bands, { $bits }-bit
imagery-tiled = tiled { $w } × { $h }
imagery-stripped = in strips of { $rows } rows
imagery-overviews = { $n ->
    [0] no overviews
    [one] 1 overview
   *[other] { $n } overviews
}
imagery-preview-made = no overviews (a preview was made on opening)
imagery-date-from-metadata = GDAL metadata { $key }
imagery-date-from-tiff = TIFF DateTime tag: often when the file was made, not when the scene was taken
imagery-date-from-user = as you gave it

## nkmap check FILE.tif

imagery-check-pixels = { $file }: { $width } × { $height } pixels, { $bands }, { $layout }
imagery-check-place = { $file }: { $crs }, pixel { $pixel }, centre { $at }
imagery-check-date = { $file }: acquired { $date } ({ $from })
imagery-check-no-date = { $file }: warning: no acquisition date in the file; nkmap asks for it when the image opens
imagery-check-no-date-guess = { $file }: warning: no acquisition date in the file (the name suggests { $guess }); nkmap asks for it when the image opens
imagery-check-note = { $file }: note: { $note }
imagery-check-error = { $file }: error: { $message }
imagery-render-error = nkmap render: { $message }
imagery-csv-observations-left-out = nkmap: note: { $n ->
    [one] 1 observation from imagery not written: CSV has a column per milestone claim only (use --format geojson)
   *[other] { $n } observations from imagery not written: CSV has a column per milestone claim only (use --format geojson)
}

## The window (src/ui/imagery.rs, src/state/imagery.rs)

imagery-menu-open = Open imagery…
imagery-filter-name = GeoTIFF / COG imagery
imagery-heading = Imagery
imagery-follow-timeline = Imagery follows the timeline
imagery-follow-timeline-hint = Show only images taken on or before the date control's date: where images overlap, the newest of them
imagery-zoom-to = Zoom to
imagery-remove = Remove
imagery-opacity = Opacity
imagery-stretch-low = Black at
imagery-stretch-high = White at
imagery-taken-on = Taken { $date }
imagery-date-unknown = date unknown
imagery-opened = { $file }: imagery opened: { $width } × { $height } pixels, { $crs }, taken { $date }
imagery-compare-left = Left:
imagery-compare-right = Right:
imagery-compare-map = Map without imagery
imagery-compare = Compare
imagery-compare-hint = A vertical divider on the map: one image left of it, the other (or the map) right of it. Drag the divider, or click it and use the arrow keys.
imagery-compare-stop = Stop comparing
imagery-swipe-divider = Swipe divider
imagery-compare-none = No dated image covers { $site }: open imagery of the site first (File, Open imagery…)
imagery-date-title = When was this image taken?
imagery-date-question = { $file } does not say when it was taken.
imagery-date-explain = The date places the image on the timeline. nkmap remembers it for this file.
imagery-date-save = Save date
imagery-date-later = Not now
imagery-date-not-remembered = Could not remember the date in { $file }: { $reason }
imagery-site-heading = Imagery of this site
imagery-compare-site = Compare imagery
imagery-compare-site-hint = The newest image before the claimed groundbreaking against the first one after it, at this site
imagery-observation-add = Add an observation from imagery
imagery-observation-construction = Construction seen
imagery-observation-complete = Works look complete
imagery-observation-hint = What the image shows
imagery-observation-save = Add observation
imagery-observation-seed-note = Observations are recorded on your own records; the bundled records do not change.
imagery-observation-not-yours = Observations can only be added to your own records.
imagery-observation-no-date = The image has no date yet: give it one first.
imagery-observation-no-text = Say what the image shows.
imagery-observed-heading = Observed in imagery
imagery-source-publisher = Satellite image
imagery-timeline-claims = Above the line: claimed in reports
imagery-timeline-observations = Below: observed in imagery
