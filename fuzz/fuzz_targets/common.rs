//! What every target shares: the bundled geography, built once per process.

use nkmap::geography::Geography;
use std::sync::OnceLock;

#[allow(dead_code)] // not the TIFF target
pub fn geography() -> &'static Geography {
    static GEO: OnceLock<Geography> = OnceLock::new();
    GEO.get_or_init(|| match nkmap::bundled::geography() {
        Ok(g) => g,
        Err(e) => panic!("the bundled boundaries are broken: {e}"),
    })
}

/// Reads `bytes` as the file `label` (its extension picks the format) and, when the reader
/// found no error, checks that writing the dataset and reading it back gives it unchanged.
#[allow(dead_code)] // not every target reads datasets
pub fn read_and_round_trip(bytes: &[u8], label: &str) {
    let geo = geography();
    let known = nkmap::bundled::seed_sources();
    let (data, diags) = nkmap::io::read_dataset(bytes, label, geo, known);
    if diags.iter().any(|d| d.is_error()) {
        return;
    }
    let text = nkmap::io::write_geojson(&data);
    let (back, diags) = nkmap::io::read_dataset(text.as_bytes(), "back.geojson", geo, known);
    assert!(
        !diags.iter().any(|d| d.is_error()),
        "written GeoJSON does not read back: {diags:?}\n{text}"
    );
    assert_eq!(back, data, "GeoJSON round trip changed the dataset\n{text}");
    let text = nkmap::io::write_csv(&data);
    let (back, diags) = nkmap::io::read_dataset(text.as_bytes(), "back.csv", geo, known);
    assert!(
        !diags.iter().any(|d| d.is_error()),
        "written CSV does not read back: {diags:?}\n{text}"
    );
    // CSV has no polygons and no flow lines (flows go seat to seat).
    let plain = |d: &nkmap::model::Dataset| {
        let mut d = d.clone();
        d.areas.clear();
        for f in &mut d.flows {
            f.from_location = None;
            f.to_locations.clear();
        }
        d
    };
    assert_eq!(
        plain(&back),
        plain(&data),
        "CSV round trip changed the dataset\n{text}"
    );
}

/// Reads `bytes` as the KML or KMZ file `label` (`io::read_dataset`, as the app's loader does)
/// and, when the reader found no error, checks that the KML export of the dataset (and the KMZ,
/// when `kmz`) reads back to the same records, areas and placemarks.
#[allow(dead_code)] // only the KML targets
pub fn read_kml_and_round_trip(bytes: &[u8], label: &str, kmz: bool) {
    let geo = geography();
    let known = nkmap::bundled::seed_sources();
    let (data, diags) = nkmap::io::read_dataset(bytes, label, geo, known);
    if diags.iter().any(|d| d.is_error()) {
        return;
    }
    let look = nkmap::render::placemarks::kml_look();
    let text = nkmap::io::kml::write_kml(&data, geo, &look);
    let (back, diags) = nkmap::io::read_dataset(text.as_bytes(), "back.kml", geo, known);
    assert!(
        !diags.iter().any(|d| d.is_error()),
        "written KML does not read back: {diags:?}\n{text}"
    );
    assert_same_kml(&back, &data, &text);
    if kmz {
        let zip = match nkmap::io::kml::write_kmz(&data, geo, &look) {
            Ok(z) => z,
            Err(e) => panic!("cannot pack the KMZ: {e}"),
        };
        let (back, diags) = nkmap::io::read_dataset(&zip, "back.kmz", geo, known);
        assert!(
            !diags.iter().any(|d| d.is_error()),
            "written KMZ does not read back: {diags:?}"
        );
        assert_same_kml(&back, &data, &text);
    }
}

/// What a KML export keeps: every record (the export groups sites by cohort and province, so
/// compared in id order), every area, and each placemark's name, id, description, geometry, time, data and visibility. Not
/// folders: the export puts the placemarks' folders inside its own document.
fn assert_same_kml(back: &nkmap::model::Dataset, data: &nkmap::model::Dataset, text: &str) {
    let sorted = |d: &nkmap::model::Dataset| {
        let mut d = d.clone();
        d.sites.sort_by(|a, b| a.id.cmp(&b.id));
        d.flows.sort_by(|a, b| a.id.cmp(&b.id));
        d.events.sort_by(|a, b| a.id.cmp(&b.id));
        d.sources.sort_by(|a, b| a.id.cmp(&b.id));
        d.placemarks = Default::default();
        d
    };
    assert_eq!(
        sorted(back),
        sorted(data),
        "KML round trip changed the records\n{text}"
    );
    let marks = |d: &nkmap::model::Dataset| {
        let mut m = d
            .placemarks
            .placemarks
            .iter()
            .map(|p| {
                (
                    (p.name.clone(), p.id.clone(), p.description.clone()),
                    p.geometry.clone(),
                    p.time,
                    p.data.clone(),
                    p.visible,
                )
            })
            .map(|m| format!("{m:?}"))
            .collect::<Vec<_>>();
        // The export writes each folder's own placemarks before its subfolders': the order
        // may change, so they are compared sorted.
        m.sort();
        m
    };
    assert_eq!(
        marks(back),
        marks(data),
        "KML round trip changed the placemarks\n{text}"
    );
}

/// Tiles decoded per level at most: all of a small image, a spread of a big one (the app only
/// ever decodes the tiles on screen; decoding a million tiles would make every input a hang).
#[allow(dead_code)] // only the TIFF target
const TILES_PER_LEVEL: u64 = 64;

/// Opens `bytes` as the image `label` (`imagery::open_bytes`, what `imagery::open` does once it
/// has the file), then decodes a spread of at most 64 tiles of every level with
/// `Image::read_tile`, the tile worker's own call, under the app's limits: a tile that decodes
/// must be the size its rectangle says.
#[allow(dead_code)] // only the TIFF target
pub fn open_and_decode_tiles(bytes: &[u8], label: &str) {
    use nkmap::imagery::{Readers, Stretch};
    let Ok(image) = nkmap::imagery::open_bytes(label, std::sync::Arc::from(bytes)) else {
        return;
    };
    let mut readers = Readers::default();
    for level in 0..image.levels() {
        let [nx, ny] = image.tile_grid(level);
        let n = u64::from(nx) * u64::from(ny);
        let take = n.min(TILES_PER_LEVEL);
        for k in 0..take {
            // Evenly spread, the first and the last tile always among them.
            let i = if take < 2 {
                0
            } else {
                k * (n - 1) / (take - 1)
            };
            let (x, y) = ((i % u64::from(nx)) as u32, (i / u64::from(nx)) as u32);
            let Some([_, _, w, h]) = image.tile_rect(level, x, y) else {
                panic!(
                    "{label}: tile {x},{y} of level {level} is in the grid but has no rectangle"
                );
            };
            // Each tile is on its own, as in the worker: one that fails does not stop the rest.
            if let Ok(tile) = image.read_tile(&mut readers, level, x, y, Stretch::default()) {
                assert_eq!(
                    (tile.width, tile.height, tile.pixels.len()),
                    (w, h, w as usize * h as usize * 4),
                    "{label}: tile {x},{y} of level {level}"
                );
            }
        }
    }
}
