//! Cartography (issue 14) and honest locations (issue 11): what a reader sees, checked in the
//! window (egui_kittest: the map's list of drawn labels, its layout, rendered pixels) and in
//! `nkmap render`'s SVG alike.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use image::RgbaImage;
use nkmap::app::NkmapApp;
use nkmap::model::{PartialDate, SiteStatus};
use nkmap::scene::cartography::LabelOf;
use nkmap::scene::palette::{self, MapPalette, Rgba};
use nkmap::state::Action;
use resvg::usvg::roxmltree;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Every province-level unit, as the labels write them.
const PROVINCES: [&str; 13] = [
    "Pyongyang",
    "South Phyongan",
    "North Phyongan",
    "Jagang",
    "South Hwanghae",
    "North Hwanghae",
    "Kangwon",
    "South Hamgyong",
    "North Hamgyong",
    "Ryanggang",
    "Rason",
    "Nampho",
    "Kaesong",
];

fn today() -> i64 {
    PartialDate::ymd(2025, 6, 1).start_day_number()
}

fn app(files: Vec<PathBuf>) -> NkmapApp {
    let mut app = NkmapApp::new(None, files).unwrap_or_else(|e| panic!("{e}"));
    app.state.set_today(today());
    app
}

fn harness(app: NkmapApp, size: [f32; 2]) -> Harness<'static, NkmapApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(size[0], size[1]))
        .with_context_setup(nkmap::style::install_fonts)
        .build_ui_state(|ui, app: &mut NkmapApp| app.show(ui), app);
    h.run_steps(6);
    h
}

/// Keeps a rendered image for looking at when `NKMAP_TEST_SHOTS` names a folder.
fn keep(img: &RgbaImage, name: &str) {
    if let Some(dir) = std::env::var_os("NKMAP_TEST_SHOTS") {
        let _ = img.save(Path::new(&dir).join(name));
    }
}

fn wgpu_harness(app: NkmapApp, size: [f32; 2]) -> Harness<'static, NkmapApp> {
    use eframe::egui_wgpu;
    use egui_kittest::wgpu::{WgpuTestRenderer, create_render_state, default_wgpu_setup};
    let render_state = create_render_state(
        default_wgpu_setup(),
        egui_wgpu::RendererOptions::PREDICTABLE,
    );
    let mut h = Harness::builder()
        .with_size(egui::vec2(size[0], size[1]))
        .with_context_setup(nkmap::style::install_fonts)
        .renderer(WgpuTestRenderer::from_render_state(render_state))
        .build_ui_state(|ui, app: &mut NkmapApp| app.show(ui), app);
    h.run_steps(6);
    h
}

fn step_until(h: &mut Harness<'_, NkmapApp>, done: impl Fn(&NkmapApp) -> bool) {
    let start = Instant::now();
    while !done(h.state()) {
        assert!(start.elapsed() < Duration::from_secs(30), "timed out");
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    h.run_steps(4);
}

/// The names the map drew, a stacked name ("North\nHwanghae") as one line.
fn labels(h: &Harness<'_, NkmapApp>) -> Vec<String> {
    h.state()
        .map_output()
        .drawn
        .labels
        .iter()
        .map(|l| l.replace('\n', " "))
        .collect()
}

fn missing<'a>(want: &[&'a str], have: &[String]) -> Vec<&'a str> {
    want.iter()
        .filter(|w| !have.iter().any(|h| h == *w))
        .copied()
        .collect()
}

fn nkmap(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nkmap"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run nkmap: {e}"))
}

fn render_svg(dir: &Path, name: &str, args: &[&str]) -> String {
    let out = dir.join(name);
    let out_s = out.display().to_string();
    let mut all = vec!["render", "--out", out_s.as_str(), "--date", "2025-06-01"];
    all.extend(args);
    let o = nkmap(&all);
    assert_eq!(
        o.status.code(),
        Some(0),
        "nkmap {all:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{e}"))
}

/// The texts of `<g class=… data-of=…>` label groups, by what they name.
fn svg_labels(doc: &roxmltree::Document<'_>, of: &[&str]) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("data-of").is_some_and(|o| of.contains(&o)))
        .map(|g| {
            g.descendants()
                .filter(|t| t.has_tag_name("text"))
                .filter_map(|t| t.text())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

// ---------------------------------------------------------------------------------------
// Labels by importance.

#[test]
fn the_window_names_every_province_level_unit_at_the_opening_view() {
    for size in [[1600.0, 1000.0], [1200.0, 800.0]] {
        let h = harness(app(vec![]), size);
        let have = labels(&h);
        assert!(
            missing(&PROVINCES, &have).is_empty(),
            "{size:?}: missing {:?}; drawn {have:?}",
            missing(&PROVINCES, &have)
        );
        // Pyongyang is named as the capital, beside its symbol.
        let layout = &h.state().map_output().layout;
        assert!(layout.capital.is_some(), "{size:?}: no capital symbol");
        assert!(
            layout
                .labels
                .iter()
                .any(|l| l.of == LabelOf::Capital && l.text() == "Pyongyang"),
            "{size:?}"
        );
    }
}

#[test]
fn render_names_every_province_level_unit_at_the_country_view() {
    let dir = tmp();
    for size in ["1200x800", "1600x1000"] {
        let text = render_svg(dir.path(), &format!("{size}.svg"), &["--size", size]);
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{e}"));
        let have = svg_labels(&doc, &["province", "capital"]);
        assert!(
            missing(&PROVINCES, &have).is_empty(),
            "{size}: missing {:?}; drawn {have:?}",
            missing(&PROVINCES, &have)
        );
        let capital = doc
            .descendants()
            .find(|n| n.attribute("id") == Some("capital"))
            .unwrap_or_else(|| panic!("{size}: no capital symbol"));
        assert_eq!(
            capital
                .children()
                .filter(|c| c.has_tag_name("circle"))
                .count(),
            3,
            "casing, ring, dot"
        );
        assert_eq!(svg_labels(&doc, &["capital"]), ["Pyongyang"]);
    }
}

/// The counties with a site marker or a flow end on screen, by name.
fn counties_with_marks(h: &Harness<'_, NkmapApp>) -> Vec<String> {
    let app = h.state();
    let out = app.map_output();
    let (Some(view), Some(rect)) = (out.view, out.rect) else {
        panic!("the map was not drawn");
    };
    let inside = rect.shrink(12.0);
    let geo = &app.state.geography;
    let mut names: Vec<String> = out
        .layout
        .sites
        .iter()
        .filter(|s| inside.contains(egui::pos2(s.centre[0], s.centre[1])))
        .filter_map(|s| s.county)
        .filter_map(|c| geo.counties.get(c).map(|r| r.names.en.clone()))
        .collect();
    for f in &app.state.scene.flows {
        let flow = &app.state.layers[f.layer].data.flows[f.flow];
        for id in flow
            .from_region
            .iter()
            .chain(flow.to_regions.iter().flatten())
        {
            if let Some(r) = geo.region(id) {
                let s = view.to_screen(nkmap::scene::to_local(r.seat.x(), r.seat.y()));
                if inside.contains(egui::pos2(s[0], s[1])) {
                    names.push(r.names.en.clone());
                }
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

#[test]
fn the_window_names_the_seed_story_at_zoom_9_around_orang() {
    let mut h = harness(app(vec![]), [1600.0, 1000.0]);
    // As the issue's user did: Orang selected, the map flown there.
    h.get_by_label("Orang").click();
    h.run_steps(8);
    let (_, zoom) = h.state().view();
    assert!((9.0..9.5).contains(&zoom), "zoom {zoom}");
    let have = labels(&h);
    for want in ["Kyongsong", "Orang", "Musan", "North Hamgyong"] {
        assert!(have.iter().any(|l| l == want), "{want} not named: {have:?}");
    }
    let marked = counties_with_marks(&h);
    assert!(marked.len() >= 5, "{marked:?}");
    let unnamed: Vec<&String> = marked.iter().filter(|c| !have.contains(c)).collect();
    assert!(
        unnamed.is_empty(),
        "counties with a site or a flow end left unnamed: {unnamed:?}; drawn {have:?}"
    );
    // No label covers another or a site marker.
    let layout = &h.state().map_output().layout;
    for (i, a) in layout.labels.iter().enumerate() {
        for b in &layout.labels[i + 1..] {
            assert!(
                !a.rect.intersects(&b.rect),
                "{} overlaps {}",
                a.text(),
                b.text()
            );
        }
        for s in &layout.sites {
            let m = nkmap::scene::cartography::Rect::around(s.centre, palette::MARKER_RADIUS);
            assert!(!a.rect.intersects(&m), "{} covers a site", a.text());
        }
    }
}

#[test]
fn render_names_the_seed_story_at_zoom_9_around_orang() {
    let dir = tmp();
    // 1200×800 around Orang fits at zoom 9 (as the window's Zoom to selection).
    let text = render_svg(
        dir.path(),
        "orang.svg",
        &["--size", "1200x800", "--bbox", "128.1,40.75,131.2,42.2"],
    );
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{e}"));
    let counties = svg_labels(&doc, &["county"]);
    for want in ["Kyongsong", "Orang", "Musan"] {
        assert!(counties.iter().any(|l| l == want), "{want}: {counties:?}");
    }
    assert!(svg_labels(&doc, &["province"]).contains(&"North Hamgyong".to_owned()));
}

// ---------------------------------------------------------------------------------------
// Symbols: one shape per category, the legend from the same table.

/// One site of each category, each in its own county (at its seat or centre).
fn all_categories_file(dir: &Path) -> PathBuf {
    let places = [
        "Orang",
        "Kyongsong",
        "Musan",
        "Hwadae",
        "Kilju",
        "Myonggan",
        "Puryong",
        "Yonsa",
        "Onsong",
        "Hoeryong",
    ];
    let features: Vec<String> = palette::ALL_CATEGORIES
        .iter()
        .zip(places)
        .enumerate()
        .map(|(i, (c, place))| {
            let category = serde_json::to_value(c).unwrap();
            format!(
                r#"{{"type": "Feature", "geometry": null, "properties": {{"record": "site", "id": "t-{i}", "name": "Test {i}", "category": {category}, "place": "{place}", "precision": "county", "evidence": [{{"source": "asiapress-2024-02-20x10", "grade": "C"}}]}}}}"#
            )
        })
        .collect();
    let path = dir.join("categories.geojson");
    std::fs::write(
        &path,
        format!(
            r#"{{"type": "FeatureCollection", "features": [{}]}}"#,
            features.join(",\n")
        ),
    )
    .unwrap();
    path
}

/// A 0/1 mask of where a picture differs from its background (the corner pixel).
fn mask(img: &RgbaImage, x0: u32, y0: u32, w: u32, h: u32) -> Vec<bool> {
    let bg = *img.get_pixel(x0, y0);
    let mut out = Vec::new();
    for y in y0..y0 + h {
        for x in x0..x0 + w {
            let p = img.get_pixel(x.min(img.width() - 1), y.min(img.height() - 1));
            let d = (0..3).map(|c| p[c].abs_diff(bg[c]) as u32).sum::<u32>();
            out.push(d > 90);
        }
    }
    out
}

/// Pairs of masks that differ in fewer than 12 % of the pixels either covers. A circle and a
/// square of the map's size (14 points) differ by their four corners, about 16 %; a hexagon
/// or an octagon against a circle (the old symbols), by under 8 %, and read as the same dot.
fn look_alike(masks: &[(String, Vec<bool>)]) -> Vec<(String, String, f32)> {
    let mut bad = Vec::new();
    for (i, (a, ma)) in masks.iter().enumerate() {
        for (b, mb) in &masks[i + 1..] {
            let union = ma.iter().zip(mb).filter(|(x, y)| **x || **y).count().max(1);
            let differ = ma.iter().zip(mb).filter(|(x, y)| x != y).count();
            let share = differ as f32 / union as f32;
            if share < 0.12 {
                bad.push((a.clone(), b.clone(), share));
            }
        }
    }
    bad
}

#[test]
fn render_legend_draws_one_distinct_shape_per_category() {
    let dir = tmp();
    let file = all_categories_file(dir.path());
    let file_s = file.display().to_string();
    let text = render_svg(dir.path(), "legend.svg", &["--size", "1200x800", &file_s]);
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{e}"));
    let rows: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| {
            n.attribute("data-item")
                .is_some_and(|i| i.starts_with("category:"))
        })
        .map(|row| {
            let d = row
                .descendants()
                .find(|p| p.attribute("class") == Some("legend-symbol"))
                .and_then(|p| p.attribute("d"))
                .unwrap_or_else(|| panic!("a category row without its symbol"));
            (
                row.attribute("data-item").unwrap_or("").to_owned(),
                d.to_owned(),
            )
        })
        .collect();
    assert_eq!(rows.len(), palette::ALL_CATEGORIES.len(), "{rows:?}");
    // Each symbol drawn alone at the size the legend draws it, then compared pixel by pixel.
    let masks: Vec<(String, Vec<bool>)> = rows
        .iter()
        .map(|(item, d)| {
            let nums: Vec<f32> = d
                .split(['M', 'L', 'Z', ' '])
                .filter_map(|t| t.parse().ok())
                .collect();
            let xs: Vec<f32> = nums.iter().step_by(2).copied().collect();
            let ys: Vec<f32> = nums.iter().skip(1).step_by(2).copied().collect();
            let cx = (xs.iter().cloned().fold(f32::MAX, f32::min)
                + xs.iter().cloned().fold(f32::MIN, f32::max))
                / 2.0;
            let cy = (ys.iter().cloned().fold(f32::MAX, f32::min)
                + ys.iter().cloned().fold(f32::MIN, f32::max))
                / 2.0;
            let svg = format!(
                r##"<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="{} {} 24 24"><rect x="-10000" y="-10000" width="20000" height="20000" fill="#ffffff"/><path d="{d}" fill="#000000"/></svg>"##,
                cx - 12.0,
                cy - 12.0
            );
            let png = nkmap::render::svg_to_png(&svg, 1.0).unwrap();
            let img = image::load_from_memory(&png).unwrap().to_rgba8();
            (item.clone(), mask(&img, 0, 0, 24, 24))
        })
        .collect();
    let bad = look_alike(&masks);
    assert!(
        bad.is_empty(),
        "symbols too alike at the drawn size: {bad:?}"
    );
}

#[test]
fn the_window_legend_draws_one_distinct_shape_per_category() {
    let dir = tmp();
    let file = all_categories_file(dir.path());
    let mut app = app(vec![]);
    let (data, diags) =
        nkmap::io::load_file(&file, &app.state.geography, nkmap::bundled::seed_sources());
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    app.state.add_loaded(file.clone(), data, diags, None);
    use eframe::egui_wgpu;
    use egui_kittest::wgpu::{WgpuTestRenderer, create_render_state, default_wgpu_setup};
    let render_state = create_render_state(
        default_wgpu_setup(),
        egui_wgpu::RendererOptions::PREDICTABLE,
    );
    let mut h = Harness::builder()
        .with_size(egui::vec2(360.0, 900.0))
        .with_context_setup(nkmap::style::install_fonts)
        .renderer(WgpuTestRenderer::from_render_state(render_state))
        .build_ui_state(
            |ui, app: &mut NkmapApp| nkmap::ui::legend(ui, &app.state),
            app,
        );
    h.run_steps(2);
    let img = h.render().unwrap_or_else(|e| panic!("{e}"));
    keep(&img, "legend.png");
    let mut masks = Vec::new();
    for c in palette::ALL_CATEGORIES {
        let name = palette::category_label(c);
        let rect = h.get_by_label(name).rect();
        // The icon is the 30×20 box just left of its label.
        let x0 = (rect.left() - 40.0).max(0.0) as u32;
        let y0 = (rect.center().y - 12.0).max(0.0) as u32;
        masks.push((name.to_owned(), mask(&img, x0, y0, 38, 24)));
    }
    for (name, m) in &masks {
        assert!(
            m.iter().filter(|x| **x).count() > 40,
            "{name}: no symbol drawn"
        );
    }
    let bad = look_alike(&masks);
    assert!(bad.is_empty(), "legend symbols too alike: {bad:?}");
}

// ---------------------------------------------------------------------------------------
// The status palette under colour-blindness.

/// sRGB → CIELAB (D65).
fn lab(rgb: [f64; 3]) -> [f64; 3] {
    let [r, g, b] = rgb;
    let x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
    let y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
    let z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b;
    let f = |t: f64| {
        if t > 216.0 / 24389.0 {
            t.cbrt()
        } else {
            (24389.0 / 27.0 * t + 16.0) / 116.0
        }
    };
    let (fx, fy, fz) = (f(x / 0.95047), f(y), f(z / 1.08883));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

fn linear(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB.
const MACHADO: [(&str, [[f64; 3]; 3]); 4] = [
    (
        "normal",
        [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
    ),
    (
        "protanopia",
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ],
    ),
    (
        "deuteranopia",
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ],
    ),
    (
        "tritanopia",
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ],
    ),
];

fn seen(c: Rgba, m: &[[f64; 3]; 3]) -> [f64; 3] {
    let l = [linear(c.0[0]), linear(c.0[1]), linear(c.0[2])];
    let row = |r: &[f64; 3]| (r[0] * l[0] + r[1] * l[1] + r[2] * l[2]).clamp(0.0, 1.0);
    lab([row(&m[0]), row(&m[1]), row(&m[2])])
}

/// CIEDE2000 (Sharma, Wu & Dalal 2005), kL = kC = kH = 1.
fn ciede2000(a: [f64; 3], b: [f64; 3]) -> f64 {
    use std::f64::consts::PI;
    let deg = |r: f64| r * 180.0 / PI;
    let rad = |d: f64| d * PI / 180.0;
    let (l1, a1, b1) = (a[0], a[1], a[2]);
    let (l2, a2, b2) = (b[0], b[1], b[2]);
    let cb = ((a1 * a1 + b1 * b1).sqrt() + (a2 * a2 + b2 * b2).sqrt()) / 2.0;
    let g = 0.5 * (1.0 - (cb.powi(7) / (cb.powi(7) + 25f64.powi(7))).sqrt());
    let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
    let (c1p, c2p) = ((a1p * a1p + b1 * b1).sqrt(), (a2p * a2p + b2 * b2).sqrt());
    let hue = |b: f64, a: f64| {
        if b == 0.0 && a == 0.0 {
            0.0
        } else {
            deg(b.atan2(a)).rem_euclid(360.0)
        }
    };
    let (h1p, h2p) = (hue(b1, a1p), hue(b2, a2p));
    let dl = l2 - l1;
    let dc = c2p - c1p;
    let dh = if c1p * c2p == 0.0 {
        0.0
    } else if (h2p - h1p).abs() <= 180.0 {
        h2p - h1p
    } else if h2p - h1p > 180.0 {
        h2p - h1p - 360.0
    } else {
        h2p - h1p + 360.0
    };
    let dhh = 2.0 * (c1p * c2p).sqrt() * rad(dh / 2.0).sin();
    let lb = (l1 + l2) / 2.0;
    let cbp = (c1p + c2p) / 2.0;
    let hb = if c1p * c2p == 0.0 {
        h1p + h2p
    } else if (h1p - h2p).abs() <= 180.0 {
        (h1p + h2p) / 2.0
    } else if h1p + h2p < 360.0 {
        (h1p + h2p + 360.0) / 2.0
    } else {
        (h1p + h2p - 360.0) / 2.0
    };
    let t = 1.0 - 0.17 * rad(hb - 30.0).cos()
        + 0.24 * rad(2.0 * hb).cos()
        + 0.32 * rad(3.0 * hb + 6.0).cos()
        - 0.20 * rad(4.0 * hb - 63.0).cos();
    let dtheta = 30.0 * (-((hb - 275.0) / 25.0).powi(2)).exp();
    let rc = 2.0 * (cbp.powi(7) / (cbp.powi(7) + 25f64.powi(7))).sqrt();
    let sl = 1.0 + 0.015 * (lb - 50.0).powi(2) / (20.0 + (lb - 50.0).powi(2)).sqrt();
    let sc = 1.0 + 0.045 * cbp;
    let sh = 1.0 + 0.015 * cbp * t;
    let rt = -rad(2.0 * dtheta).sin() * rc;
    ((dl / sl).powi(2) + (dc / sc).powi(2) + (dhh / sh).powi(2) + rt * (dc / sc) * (dhh / sh))
        .sqrt()
}

#[test]
fn ciede2000_matches_the_published_test_data() {
    // Pairs 1, 7, 17 and 25 of Sharma, Wu & Dalal (2005), table 1.
    for (a, b, want) in [
        ([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425),
        ([50.0, 0.0, 0.0], [50.0, -1.0, 2.0], 2.3669),
        ([50.0, 2.5, 0.0], [73.0, 25.0, -18.0], 27.1492),
        (
            [60.2574, -34.0099, 36.2677],
            [60.4626, -34.1751, 39.4387],
            1.2644,
        ),
    ] {
        let got = ciede2000(a, b);
        assert!((got - want).abs() < 1e-3, "{a:?} {b:?}: {got} != {want}");
    }
}

/// Smallest ΔE00 between two status colours any vision type sees, and between a status colour
/// and the map under it.
///
/// The threshold: 2.3 is one just-noticeable difference for large patches; marks the size of
/// a map symbol need several times more to be told apart at a glance (Stone, Szafir & Setlur
/// 2014, "An engineering model for color difference as a function of size"; Brewer's
/// categorical schemes sit at 20 and above). So every pair of statuses stays ≥ 20 for normal,
/// protanopic, deuteranopic and tritanopic vision alike, and each status ≥ 12 from the
/// theme's background and province fills so a marker never sinks into the map.
#[test]
fn status_colours_stay_apart_for_colour_blind_readers_in_both_themes() {
    const BETWEEN: f64 = 20.0;
    const FROM_MAP: f64 = 12.0;
    let statuses = [
        SiteStatus::NotYet,
        SiteStatus::Announced,
        SiteStatus::UnderConstruction,
        SiteStatus::Completed,
    ];
    let mut report = Vec::new();
    for (theme, p) in [("light", MapPalette::LIGHT), ("dark", MapPalette::DARK)] {
        let mut map = vec![p.background];
        map.extend(p.provinces);
        for (vision, m) in &MACHADO {
            for (i, a) in statuses.iter().enumerate() {
                for b in &statuses[i + 1..] {
                    let d = ciede2000(seen(p.status(*a), m), seen(p.status(*b), m));
                    report.push(format!("{theme} {vision} {a:?}/{b:?}: {d:.1}"));
                    assert!(
                        d >= BETWEEN,
                        "{theme}, {vision}: {a:?} and {b:?} only {d:.1} apart"
                    );
                }
                for under in &map {
                    let d = ciede2000(seen(p.status(*a), m), seen(*under, m));
                    assert!(
                        d >= FROM_MAP,
                        "{theme}, {vision}: {a:?} {d:.1} from the map colour {}",
                        under.hex()
                    );
                }
            }
        }
    }
    println!("{}", report.join("\n"));
}

/// The second cue: the legend's four status markers of an exported map (same shape) still
/// differ in greyscale, and still differ with every colour replaced by one (by fill level,
/// outline and faintness alone), in both themes.
#[test]
fn statuses_read_in_greyscale_and_without_colour() {
    let dir = tmp();
    for (theme, dark) in [("light", false), ("dark", true)] {
        let p = MapPalette::for_dark_mode(dark);
        let file = dir.path().join(format!("{theme}.svg"));
        let file_s = file.display().to_string();
        // `render` has no theme switch: the library draws the dark one.
        let text = if dark {
            let geo = nkmap::bundled::geography().unwrap();
            let (data, _) = nkmap::bundled::seeds(&geo);
            let scene = nkmap::scene::Scene::prepare(&geo.provinces, &geo.counties, &[&data]);
            let map = nkmap::render::MapData {
                geography: &geo,
                scene: &scene,
                datasets: vec![Some(&data)],
                areas: vec![],
                placemarks: vec![],
            };
            let mut opts = nkmap::render::RenderOptions::new([1200, 800], today());
            opts.dark = true;
            let view = nkmap::render::view_for(&scene, None, [1200, 800]);
            nkmap::render::render_svg(&map, &view, &opts)
        } else {
            render_svg(dir.path(), &file_s, &["--size", "1200x800"])
        };
        let doc = roxmltree::Document::parse(&text).unwrap();
        for one_colour in [false, true] {
            let mut greys: Vec<(String, Vec<u8>)> = Vec::new();
            for row in doc.descendants().filter(|n| {
                n.attribute("data-item")
                    .is_some_and(|i| i.starts_with("status:"))
            }) {
                let marker = row
                    .descendants()
                    .find(|n| n.attribute("class") == Some("marker"))
                    .unwrap_or_else(|| panic!("no marker in the legend row"));
                let mut snippet = text[marker.range()].to_owned();
                if one_colour {
                    for s in palette::LEGEND_STATUSES {
                        snippet = snippet.replace(&p.status(s).hex(), &p.label.hex());
                    }
                }
                // The icon's centre: the middle of its first path's points.
                let d = marker
                    .descendants()
                    .find_map(|n| n.attribute("d"))
                    .unwrap_or("");
                let nums: Vec<f32> = d
                    .split(['M', 'L', 'Z', ' '])
                    .filter_map(|t| t.parse().ok())
                    .collect();
                let xs: Vec<f32> = nums.iter().step_by(2).copied().collect();
                let ys: Vec<f32> = nums.iter().skip(1).step_by(2).copied().collect();
                let mid = |v: &[f32]| {
                    (v.iter().cloned().fold(f32::MAX, f32::min)
                        + v.iter().cloned().fold(f32::MIN, f32::max))
                        / 2.0
                };
                let svg = format!(
                    r#"<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="{} {} 24 24"><rect x="-9999" y="-9999" width="99999" height="99999" fill="{}"/>{snippet}</svg>"#,
                    mid(&xs) - 12.0,
                    mid(&ys) - 12.0,
                    p.provinces[0].hex()
                );
                let png = nkmap::render::svg_to_png(&svg, 2.0).unwrap();
                let img = image::load_from_memory(&png).unwrap().to_luma8();
                let item = row.attribute("data-item").unwrap_or("").to_owned();
                greys.push((item, img.pixels().map(|q| q[0]).collect()));
            }
            assert_eq!(greys.len(), 4, "{theme}: four statuses in the legend");
            for (i, (a, ga)) in greys.iter().enumerate() {
                for (b, gb) in &greys[i + 1..] {
                    // Inside the symbol (fill level) and along its outline (width, faintness),
                    // on the 48×48 image (twice the size) centred on the marker.
                    let (mut inner, mut inner_n, mut rim, mut rim_n) = (0usize, 0usize, 0u32, 0u32);
                    for (k, (x, y)) in ga.iter().zip(gb).enumerate() {
                        let (px, py) = ((k % 48) as f32 - 23.5, (k / 48) as f32 - 23.5);
                        let d = (px * px + py * py).sqrt() / 2.0 / palette::MARKER_RADIUS;
                        if d <= 0.55 {
                            inner_n += 1;
                            inner += usize::from(x.abs_diff(*y) > 40);
                        } else if (0.8..=1.05).contains(&d) {
                            rim_n += 1;
                            rim += u32::from(x.abs_diff(*y));
                        }
                    }
                    let inner = inner as f32 / inner_n.max(1) as f32;
                    let rim = rim as f32 / rim_n.max(1) as f32;
                    // A quarter of the inside filled otherwise, or an outline clearly
                    // fainter (a wider or narrower outline alone gives under 60).
                    assert!(
                        inner >= 0.25 || rim >= 70.0,
                        "{theme}, {}: {a} and {b} look alike in grey (inside {inner:.2}, outline {rim:.1})",
                        if one_colour {
                            "one colour"
                        } else {
                            "status colours"
                        }
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Honest locations: a ring for a point that stands for a county.

/// Two sites: one at its own coordinates (exact), one in a county with no seat town (centre).
fn precision_file(dir: &Path) -> PathBuf {
    let path = dir.join("precision.geojson");
    std::fs::write(
        &path,
        r#"{"type": "FeatureCollection", "features": [
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [129.505, 40.845]},
   "properties": {"record": "site", "id": "t-exact", "name": "Exact site", "category": "factory_cluster",
     "place": "Hwadae", "precision": "exact",
     "evidence": [{"source": "asiapress-2024-02-20x10", "grade": "C"}]}},
  {"type": "Feature", "geometry": null,
   "properties": {"record": "site", "id": "t-centre", "name": "Centre site", "category": "factory_cluster",
     "place": "Myongchon", "precision": "county",
     "evidence": [{"source": "asiapress-2024-02-20x10", "grade": "C"}]}}
]}"#,
    )
    .unwrap();
    path
}

#[test]
fn render_rings_a_county_centre_site_and_not_an_exact_one() {
    let dir = tmp();
    let file = precision_file(dir.path());
    let file_s = file.display().to_string();
    let text = render_svg(
        dir.path(),
        "precision.svg",
        &[
            "--size",
            "800x600",
            "--bbox",
            "129.2,40.7,129.9,41.1",
            &file_s,
        ],
    );
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{e}"));
    let site = |id: &str| {
        doc.descendants()
            .find(|n| n.attribute("class") == Some("site") && n.attribute("data-id") == Some(id))
            .unwrap_or_else(|| panic!("no site {id}"))
    };
    let rings = |n: roxmltree::Node<'_, '_>| {
        n.descendants()
            .filter(|c| c.attribute("class") == Some("precision-ring"))
            .count()
    };
    let centre = site("t-centre");
    assert_eq!(centre.attribute("data-precision"), Some("county-centre"));
    assert_eq!(rings(centre), 1, "a county-centre site has its dotted ring");
    let exact = site("t-exact");
    assert_eq!(exact.attribute("data-precision"), Some("on-the-ground"));
    assert_eq!(rings(exact), 0, "an exact site has no ring");
    // And the legend says what the ring means.
    assert!(
        doc.descendants()
            .any(|n| n.attribute("data-item") == Some("precision:county-centre")),
        "no legend row for the ring"
    );
}

/// Dark pixels on the circle where a ring would be, around a marker's centre.
fn ring_pixels(img: &RgbaImage, c: [f32; 2], radius: f32) -> usize {
    (0..180)
        .filter(|k| {
            let a = *k as f32 * std::f32::consts::TAU / 180.0;
            let x = (c[0] + a.cos() * radius).round() as u32;
            let y = (c[1] + a.sin() * radius).round() as u32;
            let p = img.get_pixel(x.min(img.width() - 1), y.min(img.height() - 1));
            u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2]) < 3 * 110
        })
        .count()
}

#[test]
fn the_window_rings_a_county_centre_site_and_not_an_exact_one() {
    let dir = tmp();
    let file = precision_file(dir.path());
    let mut a = app(vec![file]);
    // The seeds off: only the two test sites.
    a.state.apply(Action::SetDataLayerVisible(0, false));
    a.state
        .apply(Action::View(nkmap::state::ViewRequest::CenterOn {
            lon: 129.57,
            lat: 40.9,
            min_zoom: 10.0,
        }));
    let mut h = wgpu_harness(a, [1200.0, 800.0]);
    step_until(&mut h, |app| {
        app.loading.is_empty() && app.state.layers.len() == 2
    });
    h.run_steps(10);
    let app = h.state();
    let layout = &app.map_output().layout;
    let centre_of = |id: &str| {
        layout
            .sites
            .iter()
            .find(|s| {
                let m = &app.state.scene.sites[s.mark];
                app.state.layers[m.layer].data.sites[m.site].id == id
            })
            .map(|s| s.centre)
            .unwrap_or_else(|| panic!("{id} not drawn"))
    };
    let (exact, centre) = (centre_of("t-exact"), centre_of("t-centre"));
    let img = h.render().unwrap_or_else(|e| panic!("{e}"));
    keep(&img, "precision.png");
    let radius =
        palette::PrecisionCue::CountyCentre.ring().unwrap().radius * palette::MARKER_RADIUS;
    let on_centre = ring_pixels(&img, centre, radius);
    let on_exact = ring_pixels(&img, exact, radius);
    assert!(
        on_centre >= 30,
        "the dotted ring: {on_centre} dark pixels on it"
    );
    assert!(on_exact <= 6, "no ring round the exact site: {on_exact}");

    // The capital's symbol, in the same window: flown to Pyongyang, a dark dot on a light
    // casing inside a dark ring.
    let mut h = wgpu_harness(self::app(vec![]), [1200.0, 800.0]);
    h.state_mut()
        .state
        .apply(Action::View(nkmap::state::ViewRequest::CenterOn {
            lon: 125.75,
            lat: 39.03,
            min_zoom: 8.0,
        }));
    h.run_steps(10);
    let c = h
        .state()
        .map_output()
        .layout
        .capital
        .unwrap_or_else(|| panic!("no capital symbol"));
    let img = h.render().unwrap_or_else(|e| panic!("{e}"));
    keep(&img, "capital.png");
    let px = |dx: f32, dy: f32| {
        let p = img.get_pixel((c[0] + dx).round() as u32, (c[1] + dy).round() as u32);
        u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2])
    };
    assert!(px(0.0, 0.0) < 3 * 90, "the dot");
    assert!(px(0.0, 5.0) < 3 * 110 && px(5.0, 0.0) < 3 * 110, "the ring");
    assert!(px(0.0, 3.6) > 3 * 180, "the casing between dot and ring");
}

// ---------------------------------------------------------------------------------------
// Clutter.

#[test]
fn reports_at_one_place_are_one_marker_with_a_count_beside_the_sites() {
    let h = harness(app(vec![]), [1600.0, 1000.0]);
    let layout = &h.state().map_output().layout;
    // The seeds put several province-level reports at North Hamgyong's point.
    let group = layout
        .events
        .iter()
        .max_by_key(|g| g.members.len())
        .unwrap_or_else(|| panic!("no reports drawn"));
    assert!(group.members.len() >= 3, "{:?}", group.members);
    assert!(!group.spread, "grouped at country view");
    // No report marker sits on a site.
    for g in &layout.events {
        for s in &layout.sites {
            let d =
                ((g.centre[0] - s.centre[0]).powi(2) + (g.centre[1] - s.centre[1]).powi(2)).sqrt();
            assert!(
                d >= g.radius() + palette::MARKER_RADIUS * 0.5,
                "a report marker hides a site ({d:.1} px apart)"
            );
        }
    }
    // Pointing at a group spreads it out.
    let at = group.centre;
    let n = group.members.len();
    let mut h = h;
    h.hover_at(egui::pos2(at[0], at[1]));
    h.run_steps(3);
    let layout = &h.state().map_output().layout;
    let g = layout
        .events
        .iter()
        .find(|g| g.members.len() == n)
        .unwrap_or_else(|| panic!("the group went away"));
    assert!(g.spread, "pointing at the group spreads it");
}

#[test]
fn flow_labels_belong_to_flows_in_view() {
    // Far from every flow (the south-west): no flow label slides in from the edges.
    let mut a = app(vec![]);
    a.state
        .apply(Action::View(nkmap::state::ViewRequest::CenterOn {
            lon: 125.4,
            lat: 38.3,
            min_zoom: 10.0,
        }));
    let h = harness(a, [1600.0, 1000.0]);
    let layout = &h.state().map_output().layout;
    assert!(
        !layout
            .labels
            .iter()
            .any(|l| matches!(l.of, LabelOf::Flow(_))),
        "{:?}",
        layout.labels.iter().map(|l| l.text()).collect::<Vec<_>>()
    );
}

// ---------------------------------------------------------------------------------------
// Zoom in steps.

#[test]
fn the_wheel_zooms_half_a_level_per_notch_smoothly_and_plus_one_level() {
    let mut h = harness(app(vec![]), [1600.0, 1000.0]);
    let rect = h.state().map_output().rect.unwrap();
    let z0 = h.state().view().1;
    h.hover_at(rect.center());
    h.run_steps(1);
    for _ in 0..3 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Line,
            delta: egui::vec2(0.0, 1.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.step();
    let first = h.state().view().1;
    assert!(
        first > z0 && first < z0 + 1.5 - 0.01,
        "eased: {z0} → {first}"
    );
    h.run_steps(20);
    let z1 = h.state().view().1;
    assert!((z1 - (z0 + 1.5)).abs() < 0.01, "three notches: {z0} → {z1}");
    h.key_press(egui::Key::Plus);
    h.run_steps(20);
    let z2 = h.state().view().1;
    assert!(
        (z2 - (z1 + 1.0)).abs() < 0.01,
        "+ is one level: {z1} → {z2}"
    );
    h.key_press(egui::Key::Minus);
    h.run_steps(20);
    assert!((h.state().view().1 - z1).abs() < 0.01);
}

/// Not a check: saves the window at `NKMAP_SHOT_SIZE` (default 1600x1000) to
/// `NKMAP_TEST_SHOTS/window.png`, for looking at the map while working on it
/// (`cargo test --test cartography shot -- --ignored`); `NKMAP_SHOT_DARK=1` for the dark
/// theme, `NKMAP_SHOT_SELECT=Orang` clicks that name first.
#[test]
#[ignore]
fn shot() {
    let size = std::env::var("NKMAP_SHOT_SIZE").unwrap_or_else(|_| "1600x1000".to_owned());
    let [w, h] = nkmap::render::parse_size(&size).unwrap();
    let mut a = app(vec![]);
    if std::env::var_os("NKMAP_SHOT_DARK").is_some() {
        a.state
            .apply(Action::SetTheme(nkmap::state::settings::Theme::Dark));
    }
    let mut h = wgpu_harness(a, [w as f32, h as f32]);
    if let Ok(sel) = std::env::var("NKMAP_SHOT_SELECT") {
        h.get_by_label(&sel).click();
    }
    h.run_steps(10);
    let img = h.render().unwrap();
    keep(&img, "window.png");
    println!("{:?}", h.state().map_output().drawn.labels);
}
