//! `nkmap render`: the real binary drawing the bundled data to SVG and PNG.

use resvg::tiny_skia::Pixmap;
use resvg::usvg::roxmltree;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const REFERENCE: &str = "tests/data/render-reference.png";
/// The reference's arguments; the date is fixed so the statuses do not change with the clock.
const ARGS: [&str; 4] = ["--size", "400x300", "--date", "2025-06-01"];
/// Large enough for county outlines (drawn from zoom 6, as in the GUI).
const COUNTING: [&str; 4] = ["--size", "800x600", "--date", "2025-06-01"];

fn nkmap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nkmap"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run nkmap: {e}"))
}

fn render(out: &Path, extra: &[&str]) -> Vec<u8> {
    let out_s = out.display().to_string();
    let mut args = vec!["render", "--out", out_s.as_str()];
    args.extend(extra);
    let o = nkmap(&args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "nkmap {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::read(out).unwrap_or_else(|e| panic!("{} was not written: {e}", out.display()))
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

/// Elements with `class` (exactly), by tag name.
fn count(doc: &roxmltree::Document<'_>, tag: &str, class: &str) -> usize {
    doc.descendants()
        .filter(|n| n.has_tag_name(tag) && n.attribute("class") == Some(class))
        .count()
}

fn seeds() -> (nkmap::geography::Geography, nkmap::model::Dataset) {
    let geo = nkmap::bundled::geography().unwrap_or_else(|e| panic!("{e}"));
    let (data, _) = nkmap::bundled::seeds(&geo);
    (geo, data)
}

#[test]
fn svg_has_every_region_site_and_flow() {
    let dir = tmp();
    let bytes = render(&dir.path().join("map.svg"), &COUNTING);
    let text = String::from_utf8(bytes).unwrap_or_else(|e| panic!("not UTF-8: {e}"));
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("not XML: {e}"));

    let (geo, data) = seeds();
    let scene = nkmap::scene::Scene::prepare(&geo.provinces, &geo.counties, &[&data]);
    assert_eq!(count(&doc, "path", "province"), 12);
    assert_eq!(count(&doc, "path", "province-border"), 12);
    assert_eq!(count(&doc, "path", "county"), 179);
    let located = data
        .sites
        .iter()
        .filter(|s| s.location.is_some() && s.precision != nkmap::model::LocationPrecision::Country)
        .count();
    assert!(located >= 20);
    assert_eq!(count(&doc, "g", "site"), located);
    assert_eq!(count(&doc, "g", "flow"), scene.flows.len());
    let legs: usize = scene.flows.iter().map(|f| f.legs.len()).sum();
    assert_eq!(count(&doc, "path", "flow-line"), legs);
    assert_eq!(count(&doc, "path", "arrowhead"), legs);
    // Statuses are those of the date: the Orang site was completed by June 2025.
    let orang = doc
        .descendants()
        .find(|n| {
            n.attribute("class") == Some("site")
                && n.attribute("data-id")
                    .is_some_and(|id| id.contains("orang"))
        })
        .unwrap_or_else(|| panic!("no Orang site in the SVG"));
    assert_eq!(orang.attribute("data-status"), Some("completed"));
    // Labels, legend, scale bar, title with the date, and the credit line.
    assert!(count(&doc, "g", "label") >= 1);
    for id in ["legend", "scale-bar", "title", "credit"] {
        assert!(
            doc.descendants().any(|n| n.attribute("id") == Some(id)),
            "no #{id}"
        );
    }
    assert!(text.contains("status on 2025-06-01"));
    assert!(text.contains("geoBoundaries"));
}

#[test]
fn korean_labels_and_a_bbox_zoom_in() {
    let dir = tmp();
    let bytes = render(
        &dir.path().join("orang.svg"),
        &[
            "--bbox",
            "129.0,40.9,130.0,41.7",
            "--lang",
            "ko",
            "--size",
            "800x600",
            "--date",
            "2025-06-01",
        ],
    );
    let text = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{e}"));
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{e}"));
    // Zoomed in: fewer regions, county names in Hangul.
    assert!(count(&doc, "path", "county") < 60);
    assert!(text.contains("어랑군"), "Orang's Hangul label");
}

fn decode(png: &[u8], what: &str) -> Pixmap {
    Pixmap::decode_png(png).unwrap_or_else(|e| panic!("{what} is not a PNG: {e}"))
}

#[test]
fn png_matches_the_reference_and_is_deterministic() {
    let dir = tmp();
    let a = render(&dir.path().join("a.png"), &ARGS);
    let b = render(&dir.path().join("b.png"), &ARGS);
    assert!(a == b, "two runs gave different PNG bytes");
    let sa = render(&dir.path().join("a.svg"), &ARGS);
    let sb = render(&dir.path().join("b.svg"), &ARGS);
    assert!(sa == sb, "two runs gave different SVG bytes");

    let reference = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(REFERENCE);
    if std::env::var_os("NKMAP_UPDATE_REFERENCE").is_some() {
        std::fs::write(&reference, &a).unwrap_or_else(|e| panic!("{e}"));
    }
    let want = std::fs::read(&reference).unwrap_or_else(|e| {
        panic!("{REFERENCE}: {e}; create it with NKMAP_UPDATE_REFERENCE=1 cargo test --test render")
    });
    let got = decode(&a, "the rendered PNG");
    let want = decode(&want, REFERENCE);
    assert_eq!((got.width(), got.height()), (400, 300));
    assert_eq!((want.width(), want.height()), (400, 300));
    // Tolerant of a different CPU's anti-aliasing, not of a missing layer or a shifted map.
    let (mut sum, mut far) = (0u64, 0usize);
    for (p, q) in got.data().chunks(4).zip(want.data().chunks(4)) {
        let d = p
            .iter()
            .zip(q)
            .map(|(x, y)| u64::from(x.abs_diff(*y)))
            .max()
            .unwrap_or(0);
        sum += d;
        if d > 48 {
            far += 1;
        }
    }
    let pixels = (got.width() * got.height()) as usize;
    let mean = sum as f64 / pixels as f64;
    assert!(
        mean < 1.5 && far < pixels / 200,
        "differs from {REFERENCE}: mean {mean:.2}, {far} pixels far off; if the change is \
         intended, update it with NKMAP_UPDATE_REFERENCE=1 cargo test --test render"
    );
}

#[test]
fn bad_arguments_are_usage_errors_that_say_what_is_wrong() {
    let dir = tmp();
    let out = dir.path().join("x.svg").display().to_string();
    for (args, says) in [
        (
            vec!["--bbox", "130,40,128,42"],
            "west must be less than east",
        ),
        (vec!["--size", "big"], "WIDTHxHEIGHT"),
        (vec!["--date", "2025-13-01"], "--date"),
    ] {
        let mut all = vec!["render", "--out", out.as_str()];
        all.extend(args);
        let o = nkmap(&all);
        assert_eq!(o.status.code(), Some(2), "{all:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(says), "{all:?}: {err}");
    }
    let o = nkmap(&["render", "--out", "map.jpg"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains(".svg or .png"));
    assert!(!Path::new(&out).exists());
}

/// An area file given to `render` is drawn: one path per polygon in view, above the regions.
#[test]
fn render_draws_the_polygons_of_an_area_file() {
    let dir = tmp();
    let areas = dir.path().join("synth.geojson");
    let areas_s = areas.display().to_string();
    let o = nkmap(&["synth", "--vertices", "20000", "--out", &areas_s]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = dir.path().join("map.svg");
    let mut args = COUNTING.to_vec();
    args.push(&areas_s);
    let bytes = render(&out, &args);
    let text = String::from_utf8(bytes).unwrap_or_else(|e| panic!("not UTF-8: {e}"));
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("not XML: {e}"));
    // The synthetic file is the 179 counties again, all in view at country zoom.
    assert_eq!(count(&doc, "path", "area"), 179);
    let order: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("id"))
        .filter(|id| ["provinces", "areas", "sites"].contains(id))
        .collect();
    assert_eq!(
        order,
        ["provinces", "areas", "sites"],
        "areas sit between regions and markers"
    );
}
