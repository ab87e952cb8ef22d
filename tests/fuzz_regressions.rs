//! The fuzz regression corpus (`tests/data/fuzz-regressions/<target>/`): every input a fuzz
//! target or a property test found a problem with, run through the same checks as the fuzz
//! target (`fuzz/fuzz_targets/`), so a fixed problem stays fixed.

use nkmap::model::{Dataset, PartialDate};
use std::path::{Path, PathBuf};

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fuzz-regressions")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// As `fuzz/fuzz_targets/common.rs`: a file read without errors writes and reads back
/// identical through GeoJSON, and through CSV but for what CSV cannot hold.
fn read_and_round_trip(bytes: &[u8], label: &str) {
    let geo = nkmap::bundled::geography().unwrap_or_else(|e| panic!("{e}"));
    let known = nkmap::bundled::seed_sources();
    let (data, diags) = nkmap::io::read_dataset(bytes, label, &geo, known);
    if diags.iter().any(|d| d.is_error()) {
        return;
    }
    let text = nkmap::io::write_geojson(&data);
    let (back, diags) = nkmap::io::read_dataset(text.as_bytes(), "back.geojson", &geo, known);
    assert!(!diags.iter().any(|d| d.is_error()), "{label}: {diags:?}");
    assert_eq!(back, data, "{label}: GeoJSON round trip");
    let plain = |d: &Dataset| {
        let mut d = d.clone();
        d.areas.clear();
        for f in &mut d.flows {
            f.from_location = None;
            f.to_locations.clear();
        }
        d
    };
    let text = nkmap::io::write_csv(&data);
    let (back, diags) = nkmap::io::read_dataset(text.as_bytes(), "back.csv", &geo, known);
    assert!(
        !diags.iter().any(|d| d.is_error()),
        "{label}: {diags:?}\n{text}"
    );
    assert_eq!(
        plain(&back),
        plain(&data),
        "{label}: CSV round trip\n{text}"
    );
}

#[test]
fn geojson_and_csv_regressions_read_and_round_trip() {
    for target in ["geojson", "csv"] {
        for f in inputs(target) {
            let label = format!("{}.{target}", f.display());
            read_and_round_trip(&bytes(&f), &label);
        }
    }
    assert!(
        !inputs("geojson").is_empty(),
        "the corpus is where it should be"
    );
}

#[test]
fn pmtiles_regressions_are_refused_without_panicking() {
    let files = inputs("pmtiles");
    assert!(!files.is_empty());
    for f in files {
        let r = nkmap::basemap::pmtiles::check_bytes(&bytes(&f), "regression.pmtiles");
        assert!(r.is_err(), "{}: accepted", f.display());
    }
}

#[test]
fn gazetteer_regressions_resolve_and_search() {
    let geo = nkmap::bundled::geography().unwrap_or_else(|e| panic!("{e}"));
    for f in inputs("gazetteer") {
        let text = String::from_utf8_lossy(&bytes(&f)).into_owned();
        let _ = geo.resolve(&text);
        let _ = geo.gazetteer.search(&text, 10);
    }
}

#[test]
fn date_regressions_parse_and_print_back() {
    for f in inputs("date") {
        let text = String::from_utf8_lossy(&bytes(&f)).into_owned();
        if let Ok(d) = PartialDate::parse(&text) {
            assert_eq!(PartialDate::parse(&d.to_string()), Ok(d), "{}", f.display());
        }
    }
}
