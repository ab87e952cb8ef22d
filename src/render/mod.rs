//! Headless rendering: the map as an SVG document (and a PNG rasterized from it), drawn from
//! the prepared [`Scene`] with the GUI's projection, palette and symbols. No egui.
//!
//! The same input always gives the same bytes: features are written in scene order, numbers
//! with fixed precision, text is shaped from the bundled fonts only, and nothing depends on the
//! clock (the date is an input).

pub mod fonts;
pub mod imagery;
pub mod placemarks;
mod svg;

use crate::geography::Geography;
use crate::model::{Dataset, EventKind, PartialDate, SiteStatus};
use crate::scene::cartography::{self, LabelOf, Layout, Named, Names, PlacedLabel};
use crate::scene::palette::{self, FillLevel, LegendItem, MapPalette, PrecisionCue, Rgba, Symbol};
use crate::scene::{Local, PolygonLayer, Scene, View};
use resvg::{tiny_skia, usvg};
use svg::{Doc, Rect, fmt};

/// Which names the region labels show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LabelLanguage {
    En,
    Ko,
    Both,
}

/// Opacity of each map layer; 0 hides it. The GUI passes its layer settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Opacities {
    pub provinces: f32,
    pub counties: f32,
    pub labels: f32,
    pub sites: f32,
    pub flows: f32,
    pub events: f32,
}

impl Default for Opacities {
    fn default() -> Self {
        Opacities {
            provinces: palette::PROVINCE_FILL_OPACITY,
            counties: 1.0,
            labels: 1.0,
            sites: 1.0,
            flows: 1.0,
            events: 1.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RenderOptions {
    /// Output size in pixels (SVG user units).
    pub size: [u32; 2],
    /// Site statuses and flows are shown as on this day (days since 1970-01-01).
    pub date: i64,
    pub language: LabelLanguage,
    pub dark: bool,
    pub layers: Opacities,
    pub title: String,
    /// Places named first (the window's selection and search, for *Export view*).
    pub named: Vec<Named>,
    /// How fresh the data is (the newest source date), shown under the title.
    pub data_as_of: Option<PartialDate>,
    /// Satellite images drawn under the borders, bottom first ([`imagery::overlay`]).
    pub imagery: Vec<imagery::ImageOverlay>,
    /// The language of the title block and legend: chosen, not the process's, so a render
    /// is the same whoever runs it.
    pub text_language: crate::i18n::Lang,
}

impl RenderOptions {
    pub fn new(size: [u32; 2], date: i64) -> Self {
        RenderOptions {
            size,
            date,
            language: LabelLanguage::En,
            dark: false,
            layers: Opacities::default(),
            title: crate::t_in!(crate::i18n::Lang::En, "ui-render-title"),
            named: Vec::new(),
            data_as_of: crate::bundled::data_as_of(),
            imagery: Vec::new(),
            text_language: crate::i18n::Lang::En,
        }
    }

    /// The title block and legend in `lang` (and the default title in it).
    pub fn with_text_language(mut self, lang: crate::i18n::Lang) -> Self {
        self.text_language = lang;
        self.title = crate::t_in!(lang, "ui-render-title");
        self
    }
}

/// What to draw: the regions, the prepared scene and the datasets its marks point into.
pub struct MapData<'a> {
    pub geography: &'a Geography,
    pub scene: &'a Scene,
    /// Indexed like the scene's `layer` fields; `None` for a hidden data layer.
    pub datasets: Vec<Option<&'a Dataset>>,
    /// The prepared polygons of the visible area layers, bottom first.
    pub areas: Vec<&'a PolygonLayer>,
    /// The placemarks of the visible KML layers, bottom first.
    pub placemarks: Vec<placemarks::PlacemarkLayer<'a>>,
}

impl MapData<'_> {
    fn dataset(&self, layer: usize) -> Option<&Dataset> {
        self.datasets.get(layer).copied().flatten()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("the rendered SVG could not be read back for rasterizing: {0}")]
    Svg(#[from] usvg::Error),
    #[error("cannot rasterize at {0}×{1} pixels (too small or too large)")]
    Size(u32, u32),
    #[error("cannot encode the PNG: {0}")]
    Png(String),
}

/// The view that shows `bbox` (west, south, east, north in degrees; the whole country when
/// `None`) in an image of `size` pixels.
pub fn view_for(scene: &Scene, bbox: Option<[f64; 4]>, size: [u32; 2]) -> View {
    let bounds: [Local; 2] = match bbox {
        Some([w, s, e, n]) => [crate::scene::to_local(w, n), crate::scene::to_local(e, s)],
        None => scene.bounds,
    };
    let size_f = [size[0] as f32, size[1] as f32];
    // A margin so the coast does not touch the frame; small images get a smaller one.
    let pad = (size_f[0].min(size_f[1]) * 0.03).clamp(4.0, 24.0);
    let zoom = View::zoom_to_fit(bounds, size_f, pad);
    let center = crate::scene::to_lon_lat([
        (f64::from(bounds[0][0]) + f64::from(bounds[1][0])) / 2.0,
        (f64::from(bounds[0][1]) + f64::from(bounds[1][1])) / 2.0,
    ]);
    let half = [size_f[0] / 2.0, size_f[1] / 2.0];
    View::new(center, zoom, half, half)
}

/// Parses `W,S,E,N` (degrees).
pub fn parse_bbox(s: &str) -> Result<[f64; 4], String> {
    let parts: Vec<&str> = s.split(',').map(str::trim).collect();
    let [w, so, e, n] = parts.as_slice() else {
        return Err(crate::t!("ui-render-bbox-four", bbox = s));
    };
    let num = |t: &str, what: &str| {
        t.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| {
                crate::t!(
                    "ui-render-bbox-not-number",
                    bbox = s,
                    side = what,
                    value = t
                )
            })
    };
    let b = [
        num(w, &crate::t!("ui-render-west"))?,
        num(so, &crate::t!("ui-render-south"))?,
        num(e, &crate::t!("ui-render-east"))?,
        num(n, &crate::t!("ui-render-north"))?,
    ];
    if !(b[0] < b[2] && b[1] < b[3]) {
        return Err(crate::t!("ui-render-bbox-order", bbox = s));
    }
    if b[1] < -85.0 || b[3] > 85.0 || b[0] < -180.0 || b[2] > 180.0 {
        return Err(crate::t!("ui-render-bbox-world", bbox = s));
    }
    Ok(b)
}

/// Parses `WxH` (pixels, 16 to 8000 each).
pub fn parse_size(s: &str) -> Result<[u32; 2], String> {
    let (w, h) = s
        .split_once(['x', 'X', '×'])
        .ok_or_else(|| crate::t!("ui-render-size-form", size = s))?;
    let px = |t: &str| {
        t.trim()
            .parse::<u32>()
            .ok()
            .filter(|v| (16..=8000).contains(v))
            .ok_or_else(|| crate::t!("ui-render-size-range", size = s, value = t))
    };
    Ok([px(w)?, px(h)?])
}

/// Rasterizes an SVG from [`render_svg`] at `scale` pixels per SVG unit.
pub fn svg_to_png(svg: &str, scale: f32) -> Result<Vec<u8>, RenderError> {
    let options = usvg::Options {
        font_family: "Ubuntu".to_owned(),
        fontdb: fonts::database(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options)?;
    let size = tree.size();
    let w = (size.width() * scale).round() as u32;
    let h = (size.height() * scale).round() as u32;
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or(RenderError::Size(w, h))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| RenderError::Png(e.to_string()))
}

/// Size of the legend, title and credit text: the GUI's sizes on a large image, smaller on
/// a small one so the map still shows.
fn chrome_scale(size: [u32; 2]) -> f32 {
    (size[0].min(size[1]) as f32 / 700.0).clamp(0.6, 1.0)
}

/// The map as an SVG document, drawn for `view` (whose screen is the image: centre at half
/// the size).
pub fn render_svg(data: &MapData<'_>, view: &View, opts: &RenderOptions) -> String {
    let p = MapPalette::for_dark_mode(opts.dark);
    let mut doc = Doc::new(opts.size, &format!("{} — {}", opts.title, date_text(opts)));
    doc.line(&format!(
        "<rect id=\"background\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
        opts.size[0],
        opts.size[1],
        p.background.hex()
    ));
    let [vmin, vmax] = view.visible_local(8.0);
    let scene = data.scene;
    let zoom = view.zoom();
    let l = &opts.layers;

    // Province fills: one even-odd path per province, so holes and islands stay exact.
    if l.provinces > 0.0 {
        doc.open(&format!(
            "<g id=\"provinces\" fill-rule=\"evenodd\" fill-opacity=\"{}\">",
            fmt(l.provinces)
        ));
        for i in sorted(scene.provinces.visible(vmin, vmax)) {
            let d = ring_path(&scene.provinces, i, view);
            if d.is_empty() {
                continue;
            }
            let color = p.province(scene.province_colors.get(i).copied().unwrap_or(0));
            doc.line(&format!(
                "<path class=\"province\" data-id=\"{}\" fill=\"{}\" d=\"{d}\"/>",
                svg::escape(region_id(&data.geography.provinces, i)),
                color.hex()
            ));
        }
        doc.close("</g>");
    }
    imagery::write(&mut doc, &opts.imagery);
    if l.counties > 0.0 && zoom >= palette::COUNTY_OUTLINES_FROM_ZOOM {
        doc.open(&format!(
            "<g id=\"counties\" fill=\"none\" stroke=\"{}\" stroke-opacity=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\">",
            p.county_line.hex(),
            fmt(p.county_line.alpha() * l.counties),
            fmt(palette::COUNTY_BORDER_WIDTH)
        ));
        for i in sorted(scene.counties.visible(vmin, vmax)) {
            let d = ring_path(&scene.counties, i, view);
            if !d.is_empty() {
                doc.line(&format!(
                    "<path class=\"county\" data-id=\"{}\" d=\"{d}\"/>",
                    svg::escape(region_id(&data.geography.counties, i))
                ));
            }
        }
        doc.close("</g>");
    }
    if l.provinces > 0.0 {
        doc.open(&format!(
            "<g id=\"province-borders\" fill=\"none\" stroke=\"{}\" stroke-opacity=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\">",
            p.province_border.hex(),
            fmt(l.provinces.max(0.3)),
            fmt(palette::PROVINCE_BORDER_WIDTH)
        ));
        for i in sorted(scene.provinces.visible(vmin, vmax)) {
            let d = ring_path(&scene.provinces, i, view);
            if !d.is_empty() {
                doc.line(&format!("<path class=\"province-border\" d=\"{d}\"/>"));
            }
        }
        doc.close("</g>");
    }

    // The user's area layers: see-through fills and outlines, over the regions.
    if !data.areas.is_empty() {
        doc.open(&format!(
            "<g id=\"areas\" fill=\"{}\" fill-opacity=\"{}\" fill-rule=\"evenodd\" stroke=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\">",
            p.area.hex(),
            fmt(palette::AREA_FILL_ALPHA),
            p.area.hex(),
            fmt(palette::AREA_LINE_WIDTH)
        ));
        for areas in &data.areas {
            for i in sorted(areas.visible(vmin, vmax)) {
                let d = ring_path(areas, i, view);
                if !d.is_empty() {
                    doc.line(&format!("<path class=\"area\" d=\"{d}\"/>"));
                }
            }
        }
        doc.close("</g>");
    }

    // KML placemarks, above the areas (`placemarks.rs`).
    let placemark_boxes = placemarks::draw(&mut doc, &data.placemarks, view);

    // The legend, title, scale bar and credit go on top, but are laid out first so that
    // labels and markers keep clear of them.
    let chrome = Chrome::layout(data, view, opts);
    let mut keep_clear = chrome.boxes();
    keep_clear.extend(placemark_boxes);
    let layout = map_layout(data, view, opts, &keep_clear);

    if l.flows > 0.0 {
        draw_flows(&mut doc, data, view, opts, &p);
    }
    // Province names are area labels: under the markers.
    if l.labels > 0.0 {
        draw_labels(&mut doc, &layout, opts, &p, true);
    }
    if let Some(c) = layout.capital {
        draw_capital(&mut doc, c, &p, l.provinces.max(0.5));
    }
    if l.events > 0.0 {
        draw_events(&mut doc, data, &layout, &p);
    }
    if l.sites > 0.0 {
        draw_sites(&mut doc, data, &layout, opts, &p);
    }
    if l.labels > 0.0 {
        draw_labels(&mut doc, &layout, opts, &p, false);
    }
    chrome.draw(&mut doc, opts, &p);
    doc.finish()
}

/// Where markers and labels go, by the rules the window uses (`scene::cartography`).
pub fn map_layout(
    data: &MapData<'_>,
    view: &View,
    opts: &RenderOptions,
    keep_clear: &[cartography::Rect],
) -> Layout {
    let l = &opts.layers;
    let inputs = cartography::Inputs {
        scene: data.scene,
        geography: data.geography,
        datasets: &data.datasets,
        view,
        canvas: cartography::Rect::new(0.0, 0.0, opts.size[0] as f32, opts.size[1] as f32),
        shown: cartography::Shown {
            provinces: l.provinces > 0.0,
            counties: l.counties > 0.0,
            labels: l.labels > 0.0,
            sites: l.sites > 0.0,
            flows: l.flows > 0.0,
            events: l.events > 0.0,
        },
        names: match opts.language {
            LabelLanguage::En => Names::English,
            LabelLanguage::Ko => Names::Korean,
            LabelLanguage::Both => Names::Both,
        },
        named: &opts.named,
        pointer: None,
        keep_clear,
    };
    cartography::layout(&inputs, &mut |text, size| fonts::text_width(text, size))
}

fn date_text(opts: &RenderOptions) -> String {
    let lang = opts.text_language;
    let status = crate::t_in!(
        lang,
        "render-status-on",
        date = PartialDate::from_day_number(opts.date).to_string()
    );
    match opts.data_as_of {
        Some(d) => format!(
            "{status} · {}",
            crate::t_in!(
                lang,
                "data-as-of",
                date = crate::i18n::format_date_in(lang, d)
            )
        ),
        None => status,
    }
}

fn region_id(regions: &[crate::model::Region], i: usize) -> &str {
    regions.get(i).map_or("", |r| r.id.as_str())
}

/// R-tree hits in feature order, so the file does not depend on the tree's layout.
fn sorted(it: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut v: Vec<usize> = it.collect();
    v.sort_unstable();
    v
}

/// Path data of a feature's rings in screen units, dropping vertices closer than a third of a
/// pixel to the last one kept (invisible, and they would make the file many times larger).
fn ring_path(layer: &PolygonLayer, feature: usize, view: &View) -> String {
    let Some(f) = layer.features.get(feature) else {
        return String::new();
    };
    let mut d = String::new();
    for ring in &f.rings {
        let Some(pts) = layer
            .ring_vertices
            .get(ring.start as usize..ring.end as usize)
        else {
            continue;
        };
        let mut kept: Vec<[f32; 2]> = Vec::with_capacity(pts.len());
        for v in pts {
            let s = view.to_screen(*v);
            if kept
                .last()
                .is_none_or(|q| (q[0] - s[0]).abs() + (q[1] - s[1]).abs() > 0.33)
            {
                kept.push(s);
            }
        }
        if kept.len() < 3 {
            continue;
        }
        for (k, s) in kept.iter().enumerate() {
            d.push(if k == 0 { 'M' } else { 'L' });
            d.push_str(&svg::point(*s));
        }
        d.push('Z');
    }
    d
}

fn draw_flows(
    doc: &mut Doc,
    data: &MapData<'_>,
    view: &View,
    opts: &RenderOptions,
    p: &MapPalette,
) {
    doc.open("<g id=\"flows\" stroke-linejoin=\"round\">");
    for f in &data.scene.flows {
        let Some(flow) = data.dataset(f.layer).and_then(|d| d.flows.get(f.flow)) else {
            continue;
        };
        // Hidden while not active on the date, as in the window (one rule for both).
        if !crate::filter::flow_visible_on(flow, opts.date) {
            continue;
        }
        let opacity = opts.layers.flows;
        let width = palette::flow_width(f.people);
        let head = palette::arrowhead_length(width);
        doc.open(&format!(
            "<g class=\"flow\" data-id=\"{}\" fill=\"{}\" stroke=\"{}\" opacity=\"{}\">",
            svg::escape(&flow.id),
            p.flow.hex(),
            p.flow.hex(),
            fmt(opacity)
        ));
        for leg in &f.legs {
            let pts: Vec<[f32; 2]> = leg.iter().map(|q| view.to_screen(*q)).collect();
            let (Some(&end), Some(&before)) = (pts.last(), pts.get(pts.len().saturating_sub(4)))
            else {
                continue;
            };
            let dir = normalized([end[0] - before[0], end[1] - before[1]]);
            // Stop the line where the arrowhead starts so the tip stays sharp (as the GUI).
            let mut line = pts.clone();
            while line.len() > 2 && line.last().is_some_and(|q| dist(*q, end) < head * 0.8) {
                line.pop();
            }
            // Then run on to the arrowhead's base: at high zoom the curve's samples are far
            // apart and the line would stop short of the head.
            if line.len() < pts.len() {
                line.push([end[0] - dir[0] * head * 0.8, end[1] - dir[1] * head * 0.8]);
            }
            let d: String = line
                .iter()
                .enumerate()
                .map(|(k, s)| format!("{}{}", if k == 0 { 'M' } else { 'L' }, svg::point(*s)))
                .collect();
            doc.line(&format!(
                "<path class=\"flow-line\" fill=\"none\" stroke-width=\"{}\" d=\"{d}\"/>",
                fmt(width)
            ));
            let normal = [-dir[1], dir[0]];
            let corner = |sign: f32| {
                [
                    end[0] - dir[0] * head + sign * normal[0] * head * 0.5,
                    end[1] - dir[1] * head + sign * normal[1] * head * 0.5,
                ]
            };
            doc.line(&format!(
                "<path class=\"arrowhead\" stroke=\"none\" d=\"M{}L{}L{}Z\"/>",
                svg::point(end),
                svg::point(corner(1.0)),
                svg::point(corner(-1.0))
            ));
        }
        doc.close("</g>");
    }
    doc.close("</g>");
}

/// The report and event markers where the layout put them: one with a count per place, or
/// one each when spread.
fn draw_events(doc: &mut Doc, data: &MapData<'_>, layout: &Layout, p: &MapPalette) {
    doc.open("<g id=\"events\">");
    for g in &layout.events {
        let members: Vec<&crate::model::Event> = g
            .members
            .iter()
            .filter_map(|k| {
                let m = data.scene.events.get(*k)?;
                data.dataset(m.layer)?.events.get(m.site)
            })
            .collect();
        if members.len() > 1 && !g.spread {
            let ids: Vec<&str> = members.iter().map(|e| e.id.as_str()).collect();
            doc.open(&format!(
                "<g class=\"event-group\" data-count=\"{}\" data-ids=\"{}\">",
                members.len(),
                svg::escape(&ids.join(" "))
            ));
            event_group_symbol(doc, g.centre, members.len(), p);
            doc.close("</g>");
            continue;
        }
        for (e, c) in members.iter().zip(&g.member_centres) {
            doc.open(&format!(
                "<g class=\"event\" data-id=\"{}\">",
                svg::escape(&e.id)
            ));
            event_symbol(doc, *c, e.kind == EventKind::Photo, p);
            doc.close("</g>");
        }
    }
    doc.close("</g>");
}

fn event_symbol(doc: &mut Doc, c: [f32; 2], photo: bool, p: &MapPalette) {
    doc.line(&format!(
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" fill-opacity=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"/>",
        fmt(c[0]),
        fmt(c[1]),
        fmt(palette::EVENT_RADIUS),
        p.label_halo.hex(),
        fmt(p.label_halo.alpha()),
        p.event.hex()
    ));
    if photo {
        doc.line(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"4\" height=\"4\" fill=\"{}\"/>",
            fmt(c[0] - 2.0),
            fmt(c[1] - 2.0),
            p.event.hex()
        ));
    } else {
        text_line(doc, "i", c, 8.0, p.event);
    }
}

fn event_group_symbol(doc: &mut Doc, c: [f32; 2], n: usize, p: &MapPalette) {
    doc.line(&format!(
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" fill-opacity=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"/>",
        fmt(c[0]),
        fmt(c[1]),
        fmt(palette::EVENT_GROUP_RADIUS),
        p.label_halo.hex(),
        fmt(p.label_halo.alpha()),
        p.event.hex()
    ));
    text_line(doc, &n.to_string(), c, 9.5, p.event);
}

/// The site markers where the layout put them.
fn draw_sites(
    doc: &mut Doc,
    data: &MapData<'_>,
    layout: &Layout,
    opts: &RenderOptions,
    p: &MapPalette,
) {
    doc.open("<g id=\"sites\" stroke-linejoin=\"round\">");
    for placed in &layout.sites {
        let Some(m) = data.scene.sites.get(placed.mark) else {
            continue;
        };
        let Some(site) = data.dataset(m.layer).and_then(|d| d.sites.get(m.site)) else {
            continue;
        };
        let status = site.status_on(opts.date);
        let cue = palette::precision_cue(site.precision);
        doc.open(&format!(
            "<g class=\"site\" data-id=\"{}\" data-status=\"{}\" data-category=\"{}\" data-precision=\"{}\">",
            svg::escape(&site.id),
            status_name(status),
            category_name(site.category),
            cue.code()
        ));
        marker(
            doc,
            palette::category_symbol(site.category),
            status,
            cue,
            placed.centre,
            palette::MARKER_RADIUS,
            p,
            opts.layers.sites,
        );
        doc.close("</g>");
    }
    doc.close("</g>");
}

fn status_name(s: SiteStatus) -> &'static str {
    match s {
        SiteStatus::NotYet => "not-yet",
        SiteStatus::Announced => "announced",
        SiteStatus::UnderConstruction => "under-construction",
        SiteStatus::Completed => "completed",
    }
}

/// The category's name as files write it.
fn category_name(c: crate::model::SiteCategory) -> String {
    serde_json::to_value(c)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn path_d(points: &[[f32; 2]]) -> String {
    let mut d: String = points
        .iter()
        .enumerate()
        .map(|(k, q)| format!("{}{}", if k == 0 { 'M' } else { 'L' }, svg::point(*q)))
        .collect();
    d.push('Z');
    d
}

/// A site marker as `map::draw_marker` draws it: precision ring, casing, fill to the status's
/// level, outline in the status colour.
#[allow(clippy::too_many_arguments)]
fn marker(
    doc: &mut Doc,
    sym: Symbol,
    status: SiteStatus,
    precision: PrecisionCue,
    c: [f32; 2],
    r: f32,
    p: &MapPalette,
    opacity: f32,
) {
    let cue = palette::status_cue(status);
    let colour = p.status(status);
    if let Some(ring) = precision.ring() {
        precision_ring(doc, ring, c, r, p.label, 0.9 * opacity);
    }
    let shape = palette::symbol_shape(sym, r).at(c);
    let outline = path_d(&shape.outline);
    doc.open(&format!(
        "<g class=\"marker\" opacity=\"{}\">",
        fmt(opacity * cue.opacity)
    ));
    let interior = match cue.fill {
        FillLevel::Full => colour,
        FillLevel::Half | FillLevel::Hollow => p.casing,
    };
    doc.line(&format!(
        "<path class=\"symbol\" d=\"{outline}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>",
        interior.hex(),
        p.casing.hex(),
        fmt(cue.outline + palette::CASING_WIDTH)
    ));
    if cue.fill == FillLevel::Half {
        let below = shape.outline_below(c[1]);
        if below.len() >= 3 {
            doc.line(&format!(
                "<path class=\"half\" d=\"{}\" fill=\"{}\"/>",
                path_d(&below),
                colour.hex()
            ));
        }
    }
    doc.line(&format!(
        "<path d=\"{outline}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"/>",
        colour.hex(),
        fmt(cue.outline)
    ));
    doc.close("</g>");
}

/// A dashed (or dotted) ring: the point stands for an area.
fn precision_ring(
    doc: &mut Doc,
    ring: palette::Ring,
    c: [f32; 2],
    r: f32,
    ink: Rgba,
    opacity: f32,
) {
    let (dash, cap) = if ring.dash > 0.0 {
        (format!("{} {}", fmt(ring.dash), fmt(ring.gap)), "butt")
    } else {
        (format!("0 {}", fmt(ring.gap)), "round")
    };
    doc.line(&format!(
        "<circle class=\"precision-ring\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" stroke=\"{}\" stroke-opacity=\"{}\" stroke-width=\"{}\" stroke-dasharray=\"{dash}\" stroke-linecap=\"{cap}\"/>",
        fmt(c[0]),
        fmt(c[1]),
        fmt(ring.radius * r),
        ink.hex(),
        fmt(opacity),
        fmt(ring.width)
    ));
}

/// The capital: a ring with a dot, on a casing.
fn draw_capital(doc: &mut Doc, c: [f32; 2], p: &MapPalette, opacity: f32) {
    doc.open(&format!(
        "<g id=\"capital\" class=\"capital\" opacity=\"{}\">",
        fmt(opacity)
    ));
    capital_symbol(doc, c, p);
    doc.close("</g>");
}

fn capital_symbol(doc: &mut Doc, c: [f32; 2], p: &MapPalette) {
    doc.line(&format!(
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"/>",
        fmt(c[0]),
        fmt(c[1]),
        fmt(palette::CAPITAL_RADIUS + 1.5),
        p.casing.hex()
    ));
    doc.line(&format!(
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"/>",
        fmt(c[0]),
        fmt(c[1]),
        fmt(palette::CAPITAL_RADIUS - palette::CAPITAL_RING_WIDTH / 2.0),
        p.label.hex(),
        fmt(palette::CAPITAL_RING_WIDTH)
    ));
    doc.line(&format!(
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"/>",
        fmt(c[0]),
        fmt(c[1]),
        fmt(palette::CAPITAL_DOT),
        p.label.hex()
    ));
}

/// A symbol in one colour (the legend's site types).
fn plain_symbol(doc: &mut Doc, sym: Symbol, c: [f32; 2], r: f32, fill: Rgba, class: &str) {
    let shape = palette::symbol_shape(sym, r).at(c);
    doc.line(&format!(
        "<path class=\"{class}\" d=\"{}\" fill=\"{}\"/>",
        path_d(&shape.outline),
        fill.hex()
    ));
}

/// The labels the layout placed: leader line, halo, text.
fn draw_labels(
    doc: &mut Doc,
    layout: &Layout,
    opts: &RenderOptions,
    p: &MapPalette,
    provinces: bool,
) {
    doc.open(&format!(
        "<g id=\"{}\" opacity=\"{}\">",
        if provinces {
            "province-labels"
        } else {
            "labels"
        },
        fmt(opts.layers.labels)
    ));
    for l in &layout.labels {
        if matches!(l.of, LabelOf::Province(_)) == provinces {
            label(doc, l, p);
        }
    }
    doc.close("</g>");
}

fn label(doc: &mut Doc, l: &PlacedLabel, p: &MapPalette) {
    let (of, ink, halo_factor) = match l.of {
        LabelOf::Capital => ("capital", p.label, 0.85),
        LabelOf::Province(_) => ("province", p.label, 0.7),
        LabelOf::County(_) => ("county", p.label, 0.55),
        LabelOf::Flow(_) => ("flow", p.flow, 0.85),
    };
    let class = if of == "flow" { "flow-label" } else { "label" };
    doc.open(&format!("<g class=\"{class}\" data-of=\"{of}\">"));
    if let Some([a, b]) = l.leader {
        doc.line(&format!(
            "<path class=\"leader\" d=\"M{}L{}\" stroke=\"{}\" stroke-opacity=\"0.8\" stroke-width=\"1\" fill=\"none\"/>",
            svg::point(a),
            svg::point(b),
            ink.hex()
        ));
    }
    let r = l.rect;
    halo(doc, &r, p.label_halo, halo_factor);
    for (t, c) in l.lines.iter().zip(l.line_centres()) {
        text_line(doc, t, c, l.size, ink);
    }
    doc.close("</g>");
}

fn halo(doc: &mut Doc, r: &Rect, color: Rgba, factor: f32) {
    doc.line(&format!(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"{}\" fill-opacity=\"{}\"/>",
        fmt(r.min[0]),
        fmt(r.min[1]),
        fmt(r.width()),
        fmt(r.height()),
        color.hex(),
        fmt(color.alpha() * factor)
    ));
}

/// One line of text centred on `c`. The baseline is placed by the fonts' metrics rather than
/// `dominant-baseline`, which viewers implement differently.
fn text_line(doc: &mut Doc, text: &str, c: [f32; 2], size: f32, color: Rgba) {
    text_at(doc, text, c, size, color, "middle");
}

fn text_at(doc: &mut Doc, text: &str, c: [f32; 2], size: f32, color: Rgba, anchor: &str) {
    doc.line(&format!(
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\" fill-opacity=\"{}\" text-anchor=\"{anchor}\">{}</text>",
        fmt(c[0]),
        fmt(c[1] + size * 0.36),
        fmt(size),
        color.hex(),
        fmt(color.alpha()),
        svg::escape(text)
    ));
}

fn normalized(v: [f32; 2]) -> [f32; 2] {
    let len = (v[0] * v[0] + v[1] * v[1]).sqrt();
    if len > 0.0 && len.is_finite() {
        [v[0] / len, v[1] / len]
    } else {
        [1.0, 0.0]
    }
}

fn dist(a: [f32; 2], b: [f32; 2]) -> f32 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
}

/// Legend, title, scale bar and credit line: where they go and what they say.
struct Chrome {
    k: f32,
    title: Rect,
    legend: Rect,
    legend_rows: Vec<LegendItem>,
    scale: Option<(Rect, f32, String)>,
    credit: Rect,
    credit_lines: Vec<String>,
}

const MARGIN: f32 = 8.0;
/// Height of a legend row (before scaling): room for a marker at the map's size.
const LEGEND_ROW: f32 = 19.0;

/// What the legend lists: what the map shows.
fn legend_content(data: &MapData<'_>, opts: &RenderOptions) -> palette::LegendContent {
    let l = &opts.layers;
    let sets = || data.datasets.iter().flatten();
    palette::LegendContent {
        sites: l.sites > 0.0,
        categories: sets()
            .flat_map(|d| d.sites.iter().map(|s| s.category))
            .collect(),
        precisions: sets()
            .flat_map(|d| d.sites.iter())
            .filter(|s| s.location.is_some())
            .map(|s| palette::precision_cue(s.precision))
            .collect(),
        flows: l.flows > 0.0 && !data.scene.flows.is_empty(),
        events: l.events > 0.0 && sets().any(|d| d.events.iter().any(|e| e.location.is_some())),
        borders: l.provinces > 0.0,
    }
}

/// A legend row's name in the SVG (`data-item`).
fn legend_item_code(item: LegendItem) -> String {
    match item {
        LegendItem::StatusHeading => "status-heading".to_owned(),
        LegendItem::Status(s) => format!("status:{}", status_name(s)),
        LegendItem::CategoryHeading => "category-heading".to_owned(),
        LegendItem::Category(c) => format!("category:{}", category_name(c)),
        LegendItem::PrecisionHeading => "precision-heading".to_owned(),
        LegendItem::Precision(p) => format!("precision:{}", p.code()),
        LegendItem::Capital => "capital".to_owned(),
        LegendItem::Flow => "flow".to_owned(),
        LegendItem::Event => "event".to_owned(),
        LegendItem::Border => "border".to_owned(),
    }
}

impl Chrome {
    fn layout(data: &MapData<'_>, view: &View, opts: &RenderOptions) -> Self {
        let k = chrome_scale(opts.size);
        let [w, h] = [opts.size[0] as f32, opts.size[1] as f32];

        let title_size = 16.0 * k;
        let date_size = 12.0 * k;
        let tw = fonts::text_width(&opts.title, title_size)
            .max(fonts::text_width(&date_text(opts), date_size));
        let title = Rect::new(
            MARGIN,
            MARGIN,
            MARGIN + tw + 12.0 * k,
            MARGIN + fonts::line_height(title_size) + fonts::line_height(date_size) + 8.0 * k,
        );

        let mut rows = palette::legend_items(&legend_content(data, opts));
        let row_h = LEGEND_ROW * k;
        let size_of = |rows: &[LegendItem]| {
            let text_w = rows
                .iter()
                .map(|r| fonts::text_width(&r.text_in(opts.text_language), 11.0 * k))
                .fold(0.0, f32::max);
            (text_w + 40.0 * k, row_h * rows.len() as f32 + 8.0 * k)
        };
        let (mut lw, mut lh) = size_of(&rows);
        // On a small image the whole legend would hide the map: the statuses only (shapes
        // and rings are explained by any larger export).
        if lw * lh > 0.2 * w * h {
            rows.retain(|r| matches!(r, LegendItem::StatusHeading | LegendItem::Status(_)));
            (lw, lh) = size_of(&rows);
        }

        // The credit line, wrapped at its " · " separators to fit the width.
        let credit_size = 10.0 * k;
        let max_w = w - 2.0 * MARGIN - 8.0;
        let mut credit_lines: Vec<String> = Vec::new();
        for part in crate::bundled::credit_line().split(" · ") {
            match credit_lines.last_mut() {
                Some(last)
                    if fonts::text_width(&format!("{last} · {part}"), credit_size) <= max_w =>
                {
                    last.push_str(" · ");
                    last.push_str(part);
                }
                _ => credit_lines.push(part.to_owned()),
            }
        }
        let cw = credit_lines
            .iter()
            .map(|t| fonts::text_width(t, credit_size))
            .fold(0.0, f32::max);
        let ch = fonts::line_height(credit_size) * credit_lines.len() as f32;
        let credit = Rect::new(
            w - MARGIN - cw - 8.0,
            h - MARGIN - ch - 4.0,
            w - MARGIN,
            h - MARGIN,
        );

        // Scale bar: the largest round distance that fits in 120 pixels, as in the GUI.
        let mpp = view.metres_per_point();
        let scale = (mpp.is_finite() && mpp > 0.0).then(|| {
            let nice = palette::nice_distance(mpp * 120.0 * f64::from(k));
            let bar = (nice / mpp) as f32;
            let bottom = credit.min[1] - 6.0;
            let r = Rect::new(MARGIN, bottom - 28.0 * k, MARGIN + bar + 12.0, bottom);
            (r, bar, palette::distance_label(nice))
        });

        // The legend goes in the corner over the least land (for the whole country: the
        // East Sea, bottom right), clear of the title, the credit and the scale bar.
        let bottom = scale
            .as_ref()
            .map_or(credit.min[1], |(r, _, _)| r.min[1].min(credit.min[1]));
        let corners = [
            Rect::new(
                w - MARGIN - lw,
                credit.min[1] - 6.0 - lh,
                w - MARGIN,
                credit.min[1] - 6.0,
            ),
            Rect::new(w - MARGIN - lw, MARGIN, w - MARGIN, MARGIN + lh),
            Rect::new(MARGIN, bottom - 6.0 - lh, MARGIN + lw, bottom - 6.0),
            Rect::new(
                MARGIN,
                title.max[1] + 6.0,
                MARGIN + lw,
                title.max[1] + 6.0 + lh,
            ),
        ];
        let legend = cartography::emptiest(data.scene, view, &corners)
            .and_then(|i| corners.get(i).copied())
            .unwrap_or(corners[1]);
        Chrome {
            k,
            title,
            legend,
            legend_rows: rows,
            scale,
            credit,
            credit_lines,
        }
    }

    fn boxes(&self) -> Vec<Rect> {
        let mut v = vec![self.title, self.legend, self.credit];
        if let Some((r, _, _)) = &self.scale {
            v.push(*r);
        }
        v
    }

    fn draw(&self, doc: &mut Doc, opts: &RenderOptions, p: &MapPalette) {
        let k = self.k;
        // Title and date.
        doc.open("<g id=\"title\">");
        halo(doc, &self.title, p.label_halo, 1.0);
        let title_size = 16.0 * k;
        let x = self.title.min[0] + 6.0 * k;
        let y1 = self.title.min[1] + 4.0 * k + fonts::line_height(title_size) / 2.0;
        text_at(doc, &opts.title, [x, y1], title_size, p.label, "start");
        let date_size = 12.0 * k;
        let y2 = y1 + fonts::line_height(title_size) / 2.0 + fonts::line_height(date_size) / 2.0;
        text_at(doc, &date_text(opts), [x, y2], date_size, p.label, "start");
        doc.close("</g>");

        // Legend.
        if !self.legend_rows.is_empty() {
            doc.open("<g id=\"legend\">");
            halo(doc, &self.legend, p.label_halo, 1.0);
            let row_h = LEGEND_ROW * k;
            let size = 11.0 * k;
            let x0 = self.legend.min[0] + 6.0 * k;
            for (i, row) in self.legend_rows.iter().enumerate() {
                let cy = self.legend.min[1] + 4.0 * k + row_h * (i as f32 + 0.5);
                let icon = [x0 + 10.0 * k, cy];
                let tx = x0 + 26.0 * k;
                let r = palette::MARKER_RADIUS * k;
                doc.open(&format!(
                    "<g class=\"legend-row\" data-item=\"{}\">",
                    legend_item_code(*row)
                ));
                match *row {
                    LegendItem::Status(s) => marker(
                        doc,
                        palette::LEGEND_STATUS_SYMBOL,
                        s,
                        PrecisionCue::OnTheGround,
                        icon,
                        r,
                        p,
                        1.0,
                    ),
                    LegendItem::Category(c) => plain_symbol(
                        doc,
                        palette::category_symbol(c),
                        icon,
                        r,
                        p.label,
                        "legend-symbol",
                    ),
                    LegendItem::Precision(cue) => {
                        if let Some(ring) = cue.ring() {
                            precision_ring(doc, ring, icon, 4.5 * k, p.label, 0.9);
                        }
                        doc.line(&format!(
                            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"/>",
                            fmt(icon[0]),
                            fmt(icon[1]),
                            fmt(3.5 * k),
                            p.label.hex()
                        ));
                    }
                    LegendItem::Capital => capital_symbol(doc, icon, p),
                    LegendItem::Flow => {
                        let a = [x0, cy];
                        let b = [x0 + 20.0 * k, cy];
                        let hd = 6.0 * k;
                        doc.line(&format!(
                            "<path d=\"M{}L{}\" stroke=\"{}\" stroke-width=\"{}\" fill=\"none\"/>",
                            svg::point(a),
                            svg::point([b[0] - hd * 0.8, b[1]]),
                            p.flow.hex(),
                            fmt(3.0 * k)
                        ));
                        doc.line(&format!(
                            "<path d=\"M{}L{}L{}Z\" fill=\"{}\"/>",
                            svg::point(b),
                            svg::point([b[0] - hd, b[1] - hd * 0.5]),
                            svg::point([b[0] - hd, b[1] + hd * 0.5]),
                            p.flow.hex()
                        ));
                    }
                    LegendItem::Event => event_group_symbol(doc, icon, 3, p),
                    LegendItem::Border => doc.line(&format!(
                        "<path d=\"M{}L{}\" stroke=\"{}\" stroke-width=\"{}\" fill=\"none\"/>",
                        svg::point([x0, cy]),
                        svg::point([x0 + 20.0 * k, cy]),
                        p.province_border.hex(),
                        fmt(palette::PROVINCE_BORDER_WIDTH)
                    )),
                    LegendItem::StatusHeading
                    | LegendItem::CategoryHeading
                    | LegendItem::PrecisionHeading => {}
                }
                let (tx, weight) = if row.is_heading() {
                    (x0, 1.0)
                } else {
                    (tx, 0.9)
                };
                text_at(
                    doc,
                    &row.text_in(opts.text_language),
                    [tx, cy],
                    size,
                    Rgba([
                        p.label.0[0],
                        p.label.0[1],
                        p.label.0[2],
                        (255.0 * weight) as u8,
                    ]),
                    "start",
                );
                doc.close("</g>");
            }
            doc.close("</g>");
        }

        // Scale bar.
        if let Some((r, bar, text)) = &self.scale {
            doc.open("<g id=\"scale-bar\">");
            halo(doc, r, p.label_halo, 1.0);
            let o = [r.min[0] + 6.0, r.max[1] - 6.0];
            doc.line(&format!(
                "<path d=\"M{}L{}M{}L{}M{}L{}\" stroke=\"{}\" stroke-width=\"2\" fill=\"none\"/>",
                svg::point([o[0], o[1] - 6.0]),
                svg::point(o),
                svg::point(o),
                svg::point([o[0] + bar, o[1]]),
                svg::point([o[0] + bar, o[1]]),
                svg::point([o[0] + bar, o[1] - 6.0]),
                p.label.hex()
            ));
            text_at(
                doc,
                text,
                [o[0] + bar / 2.0, o[1] - 8.0 - 6.0 * k],
                11.0 * k,
                p.label,
                "middle",
            );
            doc.close("</g>");
        }

        // Attribution.
        doc.open("<g id=\"credit\">");
        halo(doc, &self.credit, p.label_halo, 0.8);
        let size = 10.0 * k;
        let lh = fonts::line_height(size);
        for (i, line) in self.credit_lines.iter().enumerate() {
            text_at(
                doc,
                line,
                [
                    self.credit.max[0] - 4.0,
                    self.credit.min[1] + 2.0 + lh * (i as f32 + 0.5),
                ],
                size,
                p.label,
                "end",
            );
        }
        doc.close("</g>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_bbox_and_size_and_says_what_is_wrong() {
        assert_eq!(
            parse_bbox("128.5, 40.5,130.5,42.5"),
            Ok([128.5, 40.5, 130.5, 42.5])
        );
        let e = parse_bbox("1,2,3").err().unwrap_or_default();
        assert!(e.contains("four numbers"), "{e}");
        let e = parse_bbox("130,40,128,42").err().unwrap_or_default();
        assert!(e.contains("west must be less than east"), "{e}");
        assert!(parse_bbox("a,1,2,3").is_err());
        assert_eq!(parse_size("400x300"), Ok([400, 300]));
        assert!(parse_size("400").is_err());
        assert!(parse_size("0x300").is_err());
    }
}
