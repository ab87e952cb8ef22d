# nkmap: hostile files and links (issue 17): damaged basemaps, unsafe links, crashes contained.

## A PMTiles basemap checked before any tile is read.
harden-pmtiles-damaged = { $path } is a damaged PMTiles file: { $problem }. nkmap will not draw it; make it again with `pmtiles convert`.
harden-pmtiles-root = root directory
harden-pmtiles-metadata = metadata
harden-pmtiles-leaves = leaf directories
harden-pmtiles-data = tile data
harden-pmtiles-directories = directories
harden-pmtiles-tiles = tiles
harden-pmtiles-outside = its { $what } (offset { $start }, { $length } bytes) runs past the end of the file ({ $size } bytes)
harden-pmtiles-root-place = its root directory (bytes { $start } to { $end }) must lie after the header and within the first 16384 bytes
harden-pmtiles-compression = its { $what } are compressed with { $method }, which nkmap cannot read (only gzip or none)
harden-pmtiles-directory = the directory at byte { $offset } { $detail }
harden-pmtiles-too-deep = nests leaf directories too deep (a loop?)
harden-pmtiles-too-many = is one leaf directory too many
harden-pmtiles-too-large = is larger than 64 MiB
harden-pmtiles-gzip = is not valid gzip, or unpacks to more than 64 MiB
harden-pmtiles-entries = has entries that cannot be read
harden-pmtiles-entry-outside = points tile { $tile } at offset { $start }, { $length } bytes, outside its section

## Links in sources: only web addresses open.
harden-link-not-web = 'url' is { $url }, not a web address (http or https): it is shown as text, never opened as a link
harden-link-shown-as-text = Not a web link, not opened: { $url }

## Panics contained and reported.
harden-panic = Internal error in the { $thread } thread: { $message }. nkmap kept running; please report this.
harden-loader-panic = could not be read: internal error ({ $message }); the rest of nkmap keeps working. Please report this with the file.
harden-basemap-failed = the basemap's tile reader failed ({ $message }); the basemap is closed, the map works without it. Choose the basemap again to retry.

## Resource limits on what a file may hold.
harden-text-too-long = property '{ $key }' holds a text of { $bytes } bytes; nkmap takes at most { $max } bytes in one value
harden-settings-damaged = The settings file { $path } could not be read (damaged or from another version): nkmap started with the default settings, which replace it when you quit.
harden-tile-too-large = { $host } sends tiles of { $width } × { $height } pixels, too large to draw; check the tile URL
harden-tile-unreadable = { $host } sends tiles that cannot be read ({ $error }); check the tile URL
