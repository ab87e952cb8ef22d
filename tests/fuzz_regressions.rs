//! The fuzz regression corpus (`tests/data/fuzz-regressions/<target>/`): every input a fuzz
//! target or a property test found a problem with, run through the same checks as the fuzz
//! target (`fuzz/fuzz_targets/`), so a fixed problem stays fixed.

use nkmap::model::PartialDate;
use std::path::{Path, PathBuf};

/// The fuzz targets' own checks (round trips through GeoJSON, CSV, KML and KMZ), so the
/// regression corpus is held to exactly what found it.
#[path = "../fuzz/fuzz_targets/common.rs"]
mod common;

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

#[test]
fn geojson_and_csv_regressions_read_and_round_trip() {
    for target in ["geojson", "csv"] {
        for f in inputs(target) {
            let label = format!("{}.{target}", f.display());
            common::read_and_round_trip(&bytes(&f), &label);
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

#[test]
fn kml_and_kmz_regressions_read_and_round_trip() {
    for target in ["kml", "kmz"] {
        for f in inputs(target) {
            let label = format!("{}.{target}", f.display());
            common::read_kml_and_round_trip(&bytes(&f), &label, true);
        }
    }
}

/// As `fuzz/fuzz_targets/tiff.rs`: opened, then a spread of tiles of every level decoded, each
/// tile that decodes the size of its rectangle; no panic escapes.
#[test]
fn tiff_regressions_open_and_decode_every_tile() {
    for f in inputs("tiff") {
        common::open_and_decode_tiles(&bytes(&f), &f.display().to_string());
    }
}

/// Found reading the code for the `tiff` target: a 16-bit image's histograms, said to sample
/// the first 4 million pixels of the coarsest level, decoded all of it (minutes for a file whose
/// coarsest level is huge). Here the strips past the sample are broken: the image must open.
#[test]
fn a_16_bit_image_opens_without_decoding_past_its_histogram_sample() {
    let f = inputs("tiff")
        .into_iter()
        .find(|f| f.ends_with("histogram-sample-then-broken-strips.tif"))
        .unwrap_or_else(|| panic!("the file is in the corpus"));
    let image = nkmap::imagery::open_bytes("sample.tif", bytes(&f).into())
        .unwrap_or_else(|e| panic!("{}: {}", e.file, e.message));
    assert_eq!((image.info.width, image.info.layout.bits), (2048, 16));
}
