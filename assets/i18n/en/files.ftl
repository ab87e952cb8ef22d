# File dialogs: nkmap's own file browser, used when the system's dialog cannot be shown.

files-open-data-title = Open data
files-open-basemap-title = Open basemap
files-save-records-title = Save my records as
files-export-title = Export
files-filter-data = nkmap data
files-filter-basemap = PMTiles basemap (raster)
files-filter-geojson = GeoJSON
files-filter-png = PNG image
files-filter-svg = SVG image
files-filter-csv = CSV
files-folder = Folder
files-up = Up
files-home = Home
files-name = File name
files-show-all = Show all files
files-open = Open
files-save = Save
files-cancel = Cancel
files-folder-entry = { $name } (folder)
files-selected = { $n ->
    [one] 1 file selected
   *[other] { $n } files selected
}
files-replace-question = { $name } already exists. Replace it?
files-replace = Replace
files-empty-folder = No matching files in this folder.
files-cannot-read-folder = Cannot read { $folder }: { $error }
files-native-unavailable = The system file dialog cannot be shown ({ $reason }), so nkmap uses its own file browser.
files-reason-no-bus = there is no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set
files-reason-bus = cannot reach the D-Bus session bus: { $error }
files-reason-no-portal = the desktop's file chooser portal (xdg-desktop-portal) does not answer: { $error }
files-reason-timeout = the desktop's file chooser did not answer within { $seconds } seconds
files-reason-failed = the system file dialog stopped with an error
files-reason-builtin = NKMAP_FILE_DIALOG=builtin is set
files-filter-kml = Google Earth KML
files-filter-kmz = Google Earth KMZ
