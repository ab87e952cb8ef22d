//! `nkmap render`: the real binary drawing the bundled data to SVG and PNG, checked against
//! reference pictures pixel by pixel, at known map points (a province's fill, the sea, a site's
//! status colour), for labels that overlap, and for flows that follow the date as in the
//! window.
//!
//! The references (`tests/data/reference/render-*.png`) are regenerated, after an intended
//! change to the drawing, with `NKMAP_UPDATE_REFERENCE=1 cargo test --test render` (refused
//! under `CI`; see `tests/pixels/mod.rs`).

mod pixels;

use pixels::{
    Image, Tolerance, assert_colour, assert_colour_at, assert_colour_at_lon_lat, over, rgb,
};
use resvg::usvg::roxmltree;
use std::path::Path;
use std::process::{Command, Output};

/// One picture `nkmap render` is checked with: its arguments and the view they give.
struct Shot {
    name: &'static str,
    size: [u32; 2],
    bbox: Option<[f64; 4]>,
    date: &'static str,
}

impl Shot {
    fn args(&self) -> Vec<String> {
        let mut a = vec![
            "--size".to_owned(),
            format!("{}x{}", self.size[0], self.size[1]),
            "--date".to_owned(),
            self.date.to_owned(),
        ];
        if let Some([w, s, e, n]) = self.bbox {
            a.push("--bbox".to_owned());
            a.push(format!("{w},{s},{e},{n}"));
        }
        a
    }

    /// The view the renderer draws this shot with (the library's own function).
    fn view(&self) -> nkmap::scene::View {
        let (geo, data) = seeds();
        let scene = nkmap::scene::Scene::prepare(&geo.provinces, &geo.counties, &[&data]);
        nkmap::render::view_for(&scene, self.bbox, self.size)
    }
}

/// The whole country: province fills and borders, county outlines, province labels, sites,
/// flows and the legend.
const COUNTRY: Shot = Shot {
    name: "render-country",
    size: [800, 600],
    bbox: None,
    date: "2025-06-01",
};

/// North Hamgyong close up: county outlines and names, the Musan flow with its label, the
/// Orang and Kyongsong sites.
const NORTH_HAMGYONG: Shot = Shot {
    name: "render-north-hamgyong",
    size: [1000, 750],
    bbox: Some([128.6, 40.6, 130.4, 42.4]),
    date: "2025-06-01",
};

/// resvg draws the same bytes on this machine every time; the small allowance is for another
/// CPU's float rounding on anti-aliased edges. Measured by breaking the renderer (North
/// Hamgyong view): North Hamgyong's fill left out changed 163,566 pixels, Orang county's
/// outline 1,054, the region labels moved by one pixel 8,916, two province colours swapped
/// 292,996.
const RENDER_TOLERANCE: Tolerance = Tolerance {
    channel: 4,
    neighbourhood: false,
    pixels: 40,
};

fn nkmap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nkmap"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NKMAP_TODAY")
        .output()
        .unwrap_or_else(|e| panic!("cannot run nkmap: {e}"))
}

fn render(out: &Path, extra: &[String]) -> Vec<u8> {
    let out_s = out.display().to_string();
    let mut args = vec!["render", "--out", out_s.as_str()];
    args.extend(extra.iter().map(String::as_str));
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

fn svg_of(shot_args: &[String]) -> String {
    let dir = tmp();
    let bytes = render(&dir.path().join("map.svg"), shot_args);
    String::from_utf8(bytes).unwrap_or_else(|e| panic!("not UTF-8: {e}"))
}

fn parse(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("not XML: {e}"))
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

fn strs(a: &[&str]) -> Vec<String> {
    a.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn svg_has_every_region_site_and_flow() {
    let text = svg_of(&COUNTRY.args());
    let doc = parse(&text);
    let (geo, data) = seeds();
    let scene = nkmap::scene::Scene::prepare(&geo.provinces, &geo.counties, &[&data]);
    // Every region of the bundled map is in the country view.
    assert_eq!(count(&doc, "path", "province"), geo.provinces.len());
    assert_eq!(count(&doc, "path", "province-border"), geo.provinces.len());
    assert_eq!(count(&doc, "path", "county"), geo.counties.len());
    let located = data
        .sites
        .iter()
        .filter(|s| s.location.is_some() && s.precision != nkmap::model::LocationPrecision::Country)
        .count();
    assert!(located >= 20);
    assert_eq!(count(&doc, "g", "site"), located);
    // Every flow is active on 2025-06-01.
    assert_eq!(count(&doc, "g", "flow"), scene.flows.len());
    let legs: usize = scene.flows.iter().map(|f| f.legs.len()).sum();
    assert_eq!(count(&doc, "path", "flow-line"), legs);
    assert_eq!(count(&doc, "path", "arrowhead"), legs);
    // Statuses are those of the date: the Orang site was completed by June 2025.
    let orang = doc
        .descendants()
        .find(|n| {
            n.attribute("class") == Some("site")
                && n.attribute("data-id") == Some("site-2024-orang")
        })
        .unwrap_or_else(|| panic!("no Orang site in the SVG"));
    assert_eq!(orang.attribute("data-status"), Some("completed"));
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

/// Render = window: a flow is drawn only while it is active on the date, in `nkmap render` as
/// in the window (`tests/ui.rs` checks the window on the same two days). The Musan mine
/// workers were sent from February 2024.
#[test]
fn the_musan_flow_is_drawn_only_once_it_started() {
    let musan = MUSAN_FLOW;
    let flows_on = |date: &str| -> Vec<String> {
        let text = svg_of(&strs(&["--size", "800x600", "--date", date]));
        parse(&text)
            .descendants()
            .filter(|n| n.attribute("class") == Some("flow"))
            .filter_map(|n| n.attribute("data-id").map(str::to_owned))
            .collect()
    };
    let before = flows_on("2024-01-10");
    assert!(
        !before.iter().any(|id| id == musan),
        "on 2024-01-10, before it started, the Musan flow is drawn: {before:?}"
    );
    let after = flows_on("2024-03-01");
    assert!(
        after.iter().any(|id| id == musan),
        "on 2024-03-01 the Musan flow is missing: {after:?}"
    );
    // And in the pixels: the flow's colour along its line on the second day only.
    let view = NORTH_HAMGYONG.view();
    let on_line = flow_point(&view, MUSAN_FLOW, 0.25);
    let flow = rgb(nkmap::scene::palette::MapPalette::LIGHT.flow);
    let png_on = |date: &'static str| {
        let shot = Shot {
            date,
            ..NORTH_HAMGYONG
        };
        png_of(&shot).colour_near(on_line)
    };
    let before = png_on("2024-01-10");
    let off = (0..3)
        .map(|c| before[c].abs_diff(flow[c]))
        .max()
        .unwrap_or(0);
    assert!(
        off > 40,
        "2024-01-10: flow colour {} on the Musan line",
        pixels::hex(before)
    );
    assert_colour(png_on("2024-03-01"), flow, 6, "2024-03-01: the Musan line");
}

#[test]
fn korean_labels_and_a_bbox_zoom_in() {
    let text = svg_of(&strs(&[
        "--bbox",
        "129.0,40.9,130.0,41.7",
        "--lang",
        "ko",
        "--size",
        "800x600",
        "--date",
        "2025-06-01",
    ]));
    let doc = parse(&text);
    // Zoomed in: fewer regions, county names in Hangul.
    assert!(count(&doc, "path", "county") < 60);
    assert!(text.contains("어랑군"), "Orang's Hangul label");
}

/// Renders `shot` as PNG twice (same bytes both times) and as SVG twice.
fn png_of(shot: &Shot) -> Image {
    let dir = tmp();
    let a = render(&dir.path().join("a.png"), &shot.args());
    let b = render(&dir.path().join("b.png"), &shot.args());
    assert!(a == b, "{}: two runs gave different PNG bytes", shot.name);
    let img = Image::decode_png(&a, "the rendered PNG");
    assert_eq!([img.width, img.height], shot.size);
    img
}

#[test]
fn the_country_matches_its_reference_and_is_deterministic() {
    let img = png_of(&COUNTRY);
    let dir = tmp();
    let sa = render(&dir.path().join("a.svg"), &COUNTRY.args());
    let sb = render(&dir.path().join("b.svg"), &COUNTRY.args());
    assert!(sa == sb, "two runs gave different SVG bytes");
    pixels::check_reference(COUNTRY.name, &img, RENDER_TOLERANCE);
}

#[test]
fn north_hamgyong_matches_its_reference() {
    let img = png_of(&NORTH_HAMGYONG);
    pixels::check_reference(NORTH_HAMGYONG.name, &img, RENDER_TOLERANCE);
}

/// Where a site's marker is drawn (its fanned-out position around a shared point).
fn marker_at(view: &nkmap::scene::View, site_id: &str) -> [f32; 2] {
    let (geo, data) = seeds();
    let scene = nkmap::scene::Scene::prepare(&geo.provinces, &geo.counties, &[&data]);
    let m = scene
        .sites
        .iter()
        .find(|m| data.sites[m.site].id == site_id)
        .unwrap_or_else(|| panic!("{site_id} has no marker"));
    let s = view.to_screen(m.at);
    let d = nkmap::scene::palette::marker_offset(m.slot, m.slots);
    [s[0] + d[0], s[1] + d[1]]
}

/// The colour a province is filled with: its palette colour at the layer's default opacity
/// over the background.
fn province_fill(id: &str) -> [u8; 3] {
    use nkmap::scene::palette::{MapPalette, PROVINCE_FILL_OPACITY};
    let (geo, data) = seeds();
    let scene = nkmap::scene::Scene::prepare(&geo.provinces, &geo.counties, &[&data]);
    let i = geo
        .provinces
        .iter()
        .position(|p| p.id == id)
        .unwrap_or_else(|| panic!("no province {id}"));
    let p = MapPalette::LIGHT;
    over(
        p.province(scene.province_colors[i]),
        PROVINCE_FILL_OPACITY,
        rgb(p.background),
    )
}

#[test]
fn known_points_have_their_colours() {
    use nkmap::model::SiteStatus;
    use nkmap::scene::palette::{MapPalette, status_rgba};
    let sea = rgb(MapPalette::LIGHT.background);

    let img = png_of(&COUNTRY);
    let view = COUNTRY.view();
    assert_colour_at_lon_lat(&img, &view, (129.6, 39.6), sea, 2, "the East Sea");
    assert_colour_at_lon_lat(&img, &view, (124.6, 38.9), sea, 2, "the Yellow Sea");
    assert_colour_at_lon_lat(
        &img,
        &view,
        (126.3, 40.9),
        province_fill("KP-04"),
        3,
        "inside Jagang",
    );
    assert_colour_at_lon_lat(
        &img,
        &view,
        (128.4, 40.6),
        province_fill("KP-08"),
        3,
        "inside South Hamgyong",
    );

    let img = png_of(&NORTH_HAMGYONG);
    let view = NORTH_HAMGYONG.view();
    assert_colour_at_lon_lat(&img, &view, (130.2, 41.0), sea, 2, "the sea off Orang");
    assert_colour_at_lon_lat(
        &img,
        &view,
        (129.2, 41.45),
        province_fill("KP-09"),
        3,
        "inside North Hamgyong",
    );
    assert_colour_at_lon_lat(
        &img,
        &view,
        (128.37, 41.68),
        province_fill("KP-10"),
        3,
        "inside Ryanggang",
    );
    // Site markers filled with their status colour on 2025-06-01.
    assert_colour_at(
        &img,
        marker_at(&view, "site-2024-orang"),
        rgb(status_rgba(SiteStatus::Completed)),
        3,
        "the Orang site (completed)",
    );
    assert_colour_at(
        &img,
        // Half filled: the status colour is in the lower half.
        {
            let [x, y] = marker_at(&view, "site-2025-puryong");
            [x, y + 3.0]
        },
        rgb(status_rgba(SiteStatus::UnderConstruction)),
        3,
        "the Puryong site (under construction)",
    );
    // The Musan flow's line, a quarter of the way along.
    assert_colour_at(
        &img,
        flow_point(&view, MUSAN_FLOW, 0.25),
        rgb(MapPalette::LIGHT.flow),
        6,
        "the Musan flow's line",
    );
}

const MUSAN_FLOW: &str = "flow-2024-02-musan-mine-workers";

/// A point `t` of the way along a flow's first leg, on screen.
fn flow_point(view: &nkmap::scene::View, flow_id: &str, t: f32) -> [f32; 2] {
    let (geo, data) = seeds();
    let scene = nkmap::scene::Scene::prepare(&geo.provinces, &geo.counties, &[&data]);
    let f = scene
        .flows
        .iter()
        .find(|f| data.flows[f.flow].id == flow_id)
        .unwrap_or_else(|| panic!("{flow_id} was not prepared"));
    let leg = &f.legs[0];
    view.to_screen(leg[((leg.len() - 1) as f32 * t) as usize])
}

/// A label's box: the halo rectangle its group starts with.
fn label_boxes(doc: &roxmltree::Document<'_>) -> Vec<(String, [f32; 4])> {
    let num = |n: &roxmltree::Node<'_, '_>, a: &str| -> f32 {
        n.attribute(a)
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("a label's rect has no {a}"))
    };
    doc.descendants()
        .filter(|n| {
            let class = n.attribute("class");
            let id = n.attribute("id");
            class == Some("label")
                || class == Some("flow-label")
                || matches!(id, Some("legend" | "title" | "credit" | "scale-bar"))
        })
        .map(|g| {
            let rect = g
                .children()
                .find(|c| c.has_tag_name("rect"))
                .unwrap_or_else(|| panic!("a label without its box"));
            let text: String = g
                .descendants()
                .filter(|t| t.has_tag_name("text"))
                .filter_map(|t| t.text())
                .collect::<Vec<_>>()
                .join(" ");
            let name = g.attribute("id").map_or(text, |id| format!("#{id}"));
            let (x, y) = (num(&rect, "x"), num(&rect, "y"));
            (
                name,
                [x, y, x + num(&rect, "width"), y + num(&rect, "height")],
            )
        })
        .collect()
}

/// Region and flow labels, read back from the SVG, overlap neither each other nor the legend,
/// title, scale bar and credit; and there are enough of them for that to mean something.
#[test]
fn labels_never_overlap() {
    for (shot, at_least) in [(&COUNTRY, 3), (&NORTH_HAMGYONG, 20)] {
        let text = svg_of(&shot.args());
        let boxes = label_boxes(&parse(&text));
        let labels = boxes.iter().filter(|(n, _)| !n.starts_with('#')).count();
        assert!(
            labels >= at_least,
            "{}: only {labels} labels were drawn",
            shot.name
        );
        for (i, (a, ra)) in boxes.iter().enumerate() {
            for (b, rb) in &boxes[i + 1..] {
                let w = ra[2].min(rb[2]) - ra[0].max(rb[0]);
                let h = ra[3].min(rb[3]) - ra[1].max(rb[1]);
                assert!(
                    w <= 0.01 || h <= 0.01,
                    "{}: '{a}' {ra:?} and '{b}' {rb:?} overlap",
                    shot.name
                );
            }
        }
    }
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
    let mut args = COUNTRY.args();
    args.push(areas_s);
    let bytes = render(&out, &args);
    let text = String::from_utf8(bytes).unwrap_or_else(|e| panic!("not UTF-8: {e}"));
    let doc = parse(&text);
    // The synthetic file is the counties again, all in view at country zoom.
    let (geo, _) = seeds();
    assert_eq!(count(&doc, "path", "area"), geo.counties.len());
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
