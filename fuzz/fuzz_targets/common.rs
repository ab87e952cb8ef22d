//! What every target shares: the bundled geography, built once per process.

use nkmap::geography::Geography;
use std::sync::OnceLock;

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
    assert_eq!(plain(&back), plain(&data), "CSV round trip changed the dataset\n{text}");
}
