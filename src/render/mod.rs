//! Headless rendering: the map as an SVG document (and a PNG rasterized from it), drawn from
//! the prepared [`Scene`] with the GUI's projection, palette and symbols. No egui.
//!
//! The same input always gives the same bytes: features are written in scene order, numbers
//! with fixed precision, text is shaped from the bundled fonts only, and nothing depends on the
//! clock (the date is an input).

pub mod fonts;
pub mod imagery;
mod svg;

use crate::geography::Geography;
use crate::model::{Dataset, EventKind, PartialDate, SiteStatus};
use crate::scene::palette::{self, MapPalette, Rgba, Symbol};
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
    /// Satellite images drawn under the borders, bottom first ([`imagery::overlay`]).
    pub imagery: Vec<imagery::ImageOverlay>,
}

impl RenderOptions {
    pub fn new(size: [u32; 2], date: i64) -> Self {
        RenderOptions {
            size,
            date,
            language: LabelLanguage::En,
            dark: false,
            layers: Opacities::default(),
            title: "North Korea · 20×10 regional development".to_owned(),
            imagery: Vec::new(),
        }
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
        return Err(format!(
            "--bbox '{s}': expected four numbers W,S,E,N (e.g. 128.5,40.5,130.5,42.5)"
        ));
    };
    let num = |t: &str, what: &str| {
        t.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| format!("--bbox '{s}': {what} '{t}' is not a number"))
    };
    let b = [
        num(w, "west")?,
        num(so, "south")?,
        num(e, "east")?,
        num(n, "north")?,
    ];
    if !(b[0] < b[2] && b[1] < b[3]) {
        return Err(format!(
            "--bbox '{s}': west must be less than east and south less than north"
        ));
    }
    if b[1] < -85.0 || b[3] > 85.0 || b[0] < -180.0 || b[2] > 180.0 {
        return Err(format!(
            "--bbox '{s}': outside the world's longitudes/latitudes"
        ));
    }
    Ok(b)
}

/// Parses `WxH` (pixels, 16 to 8000 each).
pub fn parse_size(s: &str) -> Result<[u32; 2], String> {
    let (w, h) = s
        .split_once(['x', 'X', '×'])
        .ok_or_else(|| format!("--size '{s}': expected WIDTHxHEIGHT, e.g. 1600x1000"))?;
    let px = |t: &str| {
        t.trim()
            .parse::<u32>()
            .ok()
            .filter(|v| (16..=8000).contains(v))
            .ok_or_else(|| format!("--size '{s}': '{t}' is not a whole number from 16 to 8000"))
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

/// The image's frame and the boxes already taken, which labels must keep clear of.
struct Layout {
    canvas: Rect,
    obstacles: Vec<Rect>,
}

impl Layout {
    fn free(&self, r: &Rect) -> bool {
        self.canvas.contains_rect(r) && !self.obstacles.iter().any(|o| o.intersects(r))
    }
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
    let [w, h] = [opts.size[0] as f32, opts.size[1] as f32];
    let mut doc = Doc::new(opts.size, &format!("{} — {}", opts.title, date_text(opts)));
    let mut layout = Layout {
        canvas: Rect::new(0.0, 0.0, w, h),
        obstacles: Vec::new(),
    };
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

    // The legend, title, scale bar and credit go on top, but are laid out first so that
    // labels keep clear of them.
    let chrome = Chrome::layout(data, view, opts);
    layout.obstacles.extend(chrome.boxes());

    if l.flows > 0.0 {
        draw_flows(&mut doc, &mut layout, data, view, opts, &p);
    }
    if l.events > 0.0 {
        let boxes = draw_events(&mut doc, data, view, &p);
        layout.obstacles.extend(boxes);
    }
    let markers = if l.sites > 0.0 {
        draw_sites(&mut doc, data, view, opts)
    } else {
        Vec::new()
    };
    layout.obstacles.extend(markers);
    if l.labels > 0.0 {
        draw_labels(&mut doc, &mut layout, data, view, opts, &p);
    }
    chrome.draw(&mut doc, opts, &p);
    doc.finish()
}

fn date_text(opts: &RenderOptions) -> String {
    format!("status on {}", PartialDate::from_day_number(opts.date))
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
    layout: &mut Layout,
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
        let mut opacity = opts.layers.flows;
        if !flow.active_on(opts.date) {
            opacity *= palette::INACTIVE_FLOW_FADE;
        }
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
        if let Some(anchor) = f.label_anchor() {
            let at = view.to_screen(anchor);
            let text = flow.short_label();
            let size = 12.0;
            let tw = fonts::text_width(&text, size);
            let th = fonts::line_height(size);
            // Above the curve as in the GUI, else below it; left out where neither is free
            // (small images, labels of flows that share a route).
            let Some(r) = [-12.0, 12.0]
                .into_iter()
                .map(|dy| Rect::centered([at[0], at[1] + dy], tw, th).expand(3.0))
                .find(|r| layout.free(r))
            else {
                continue;
            };
            layout.obstacles.push(r);
            doc.open("<g class=\"flow-label\">");
            halo(doc, &r, p.label_halo, 1.0);
            text_line(doc, &text, [r.center()[0], r.center()[1]], size, p.flow);
            doc.close("</g>");
        }
    }
    doc.close("</g>");
}

/// Draws the event markers; returns their boxes (labels keep clear of them).
fn draw_events(doc: &mut Doc, data: &MapData<'_>, view: &View, p: &MapPalette) -> Vec<Rect> {
    let mut boxes = Vec::new();
    doc.open("<g id=\"events\">");
    for m in &data.scene.events {
        let Some(e) = data.dataset(m.layer).and_then(|d| d.events.get(m.site)) else {
            continue;
        };
        let s = view.to_screen(m.at);
        let fan = palette::marker_offset(m.slot, m.slots);
        let c = [
            s[0] + palette::EVENT_OFFSET[0] + fan[0] * palette::EVENT_FAN,
            s[1] + palette::EVENT_OFFSET[1] + fan[1] * palette::EVENT_FAN,
        ];
        let inside = c[0] > -20.0
            && c[1] > -20.0
            && c[0] < view.half_size[0] * 2.0 + 20.0
            && c[1] < view.half_size[1] * 2.0 + 20.0;
        if !inside {
            continue;
        }
        doc.open(&format!(
            "<g class=\"event\" data-id=\"{}\">",
            svg::escape(&e.id)
        ));
        doc.line(&format!(
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" fill-opacity=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"/>",
                fmt(c[0]),
                fmt(c[1]),
                fmt(palette::EVENT_RADIUS),
                p.label_halo.hex(),
                fmt(p.label_halo.alpha()),
                p.event.hex()
            ));
        if e.kind == EventKind::Photo {
            doc.line(&format!(
                "<rect x=\"{}\" y=\"{}\" width=\"4\" height=\"4\" fill=\"{}\"/>",
                fmt(c[0] - 2.0),
                fmt(c[1] - 2.0),
                p.event.hex()
            ));
        } else {
            text_line(doc, "i", c, 8.0, p.event);
        }
        doc.close("</g>");
        let d = 2.0 * palette::EVENT_RADIUS + 2.0;
        boxes.push(Rect::centered(c, d, d));
    }
    doc.close("</g>");
    boxes
}

/// Draws the site markers; returns their boxes (labels keep clear of them).
fn draw_sites(doc: &mut Doc, data: &MapData<'_>, view: &View, opts: &RenderOptions) -> Vec<Rect> {
    let r = palette::MARKER_RADIUS;
    let mut boxes = Vec::new();
    let [w, h] = [opts.size[0] as f32, opts.size[1] as f32];
    doc.open("<g id=\"sites\" stroke=\"#ffffff\" stroke-width=\"1.2\">");
    for m in &data.scene.sites {
        let Some(site) = data.dataset(m.layer).and_then(|d| d.sites.get(m.site)) else {
            continue;
        };
        let s = view.to_screen(m.at);
        let [dx, dy] = palette::marker_offset(m.slot, m.slots);
        let c = [s[0] + dx, s[1] + dy];
        if c[0] < -3.0 * r || c[1] < -3.0 * r || c[0] > w + 3.0 * r || c[1] > h + 3.0 * r {
            continue;
        }
        let status = site.status_on(opts.date);
        let mut opacity = opts.layers.sites;
        if status == SiteStatus::NotYet {
            opacity *= palette::NOT_YET_FADE;
        }
        doc.open(&format!(
            "<g class=\"site\" data-id=\"{}\" data-status=\"{}\">",
            svg::escape(&site.id),
            status_name(status)
        ));
        symbol(
            doc,
            palette::category_symbol(site.category),
            c,
            r,
            palette::status_rgba(status),
            opacity,
        );
        doc.close("</g>");
        boxes.push(Rect::centered(c, 2.0 * r, 2.0 * r));
    }
    doc.close("</g>");
    boxes
}

fn status_name(s: SiteStatus) -> &'static str {
    match s {
        SiteStatus::NotYet => "not-yet",
        SiteStatus::Announced => "announced",
        SiteStatus::UnderConstruction => "under-construction",
        SiteStatus::Completed => "completed",
    }
}

/// One marker symbol, as `map::draw_symbol` draws it; the outline comes from the enclosing
/// group (white, or none in the legend).
fn symbol(doc: &mut Doc, sym: Symbol, c: [f32; 2], r: f32, fill: Rgba, opacity: f32) {
    let fill_attr = format!(
        "fill=\"{}\" fill-opacity=\"{}\"",
        fill.hex(),
        fmt(fill.alpha() * opacity)
    );
    match sym {
        Symbol::Circle => doc.line(&format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" {fill_attr}/>",
            fmt(c[0]),
            fmt(c[1]),
            fmt(r * 0.9)
        )),
        Symbol::Polygon { sides, rotation } => {
            let pts = palette::symbol_points(sides, rotation, palette::polygon_radius(sides, r));
            let d: String = pts
                .iter()
                .enumerate()
                .map(|(k, q)| {
                    format!(
                        "{}{}",
                        if k == 0 { 'M' } else { 'L' },
                        svg::point([c[0] + q[0], c[1] + q[1]])
                    )
                })
                .collect();
            doc.line(&format!("<path {fill_attr} d=\"{d}Z\"/>"));
        }
        Symbol::Cross => {
            // Two bars in the outline colour with two thinner bars of fill inside, as the GUI.
            let a = r * 0.38;
            let bar = |doc: &mut Doc, w: f32, h: f32, attrs: &str| {
                doc.line(&format!(
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" stroke=\"none\" {attrs}/>",
                    fmt(c[0] - w / 2.0),
                    fmt(c[1] - h / 2.0),
                    fmt(w),
                    fmt(h)
                ));
            };
            let outline = "fill=\"#ffffff\"";
            bar(doc, 2.0 * r, 2.0 * a, outline);
            bar(doc, 2.0 * a, 2.0 * r, outline);
            bar(doc, 2.0 * r - 2.0, 2.0 * a - 2.0, &fill_attr);
            bar(doc, 2.0 * a - 2.0, 2.0 * r - 2.0, &fill_attr);
        }
    }
}

fn region_text(r: &crate::model::Region, language: LabelLanguage) -> Vec<String> {
    match language {
        LabelLanguage::En => vec![r.names.en.clone()],
        LabelLanguage::Ko => vec![r.names.ko.clone()],
        LabelLanguage::Both => vec![r.names.en.clone(), r.names.ko.clone()],
    }
}

/// Region labels as `map::labels` places them: provinces at country zoom, counties (largest
/// first) as the view closes in, never overlapping each other, markers or the legend.
fn draw_labels(
    doc: &mut Doc,
    layout: &mut Layout,
    data: &MapData<'_>,
    view: &View,
    opts: &RenderOptions,
    p: &MapPalette,
) {
    let zoom = view.zoom();
    let scene = data.scene;
    let geo = data.geography;
    let mut candidates: Vec<(Vec<String>, [f32; 2], f32, bool)> = Vec::new();
    if zoom < palette::PROVINCE_LABELS_BELOW_ZOOM && opts.layers.provinces > 0.0 {
        for l in &scene.province_labels {
            if let Some(r) = geo.provinces.get(l.region) {
                let size = if zoom < 7.5 { 14.0 } else { 15.0 };
                let lines = region_text(r, opts.language);
                candidates.push((lines, view.to_screen(l.anchor), size, true));
            }
        }
    }
    if zoom >= palette::COUNTY_LABELS_FROM_ZOOM && opts.layers.counties > 0.0 {
        // The scene keeps county labels largest first.
        for l in &scene.county_labels {
            if let Some(r) = geo.counties.get(l.region) {
                let lines = region_text(r, opts.language);
                candidates.push((lines, view.to_screen(l.anchor), 11.5, false));
            }
        }
    }
    doc.open(&format!(
        "<g id=\"labels\" opacity=\"{}\">",
        fmt(opts.layers.labels)
    ));
    for (lines, at, size, is_province) in candidates {
        let tw = lines
            .iter()
            .map(|t| fonts::text_width(t, size))
            .fold(0.0, f32::max);
        let th = fonts::line_height(size) * lines.len() as f32;
        // On the seat, else just below or above it: the seat is where a county's site
        // markers sit, and a label hidden by its own marker helps nobody.
        let step = palette::MARKER_RADIUS + th / 2.0 + 3.0;
        let Some((rect, at)) = [0.0, step, -step].into_iter().find_map(|dy| {
            let at = [at[0], at[1] + dy];
            let rect = Rect::centered(at, tw, th).expand(2.0);
            layout.free(&rect).then_some((rect, at))
        }) else {
            continue;
        };
        layout.obstacles.push(rect);
        doc.open("<g class=\"label\">");
        halo(
            doc,
            &rect,
            p.label_halo,
            if is_province { 0.7 } else { 0.55 },
        );
        let lh = fonts::line_height(size);
        let top = at[1] - th / 2.0;
        for (k, t) in lines.iter().enumerate() {
            text_line(doc, t, [at[0], top + lh * (k as f32 + 0.5)], size, p.label);
        }
        doc.close("</g>");
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
    legend_rows: Vec<LegendRow>,
    scale: Option<(Rect, f32, String)>,
    credit: Rect,
    credit_lines: Vec<String>,
}

enum LegendRow {
    Heading(String),
    Status(SiteStatus),
    Category(crate::model::SiteCategory),
    Flow,
    Event,
    Border,
}

impl LegendRow {
    fn text(&self) -> String {
        match self {
            LegendRow::Heading(t) => t.clone(),
            LegendRow::Status(s) => s.label().to_owned(),
            LegendRow::Category(c) => palette::category_label(*c).to_owned(),
            LegendRow::Flow => "Mobilization (width: people)".to_owned(),
            LegendRow::Event => "Report or event".to_owned(),
            LegendRow::Border => "Province border".to_owned(),
        }
    }
}

const MARGIN: f32 = 8.0;

impl Chrome {
    fn layout(data: &MapData<'_>, view: &View, opts: &RenderOptions) -> Self {
        let k = chrome_scale(opts.size);
        let [w, h] = [opts.size[0] as f32, opts.size[1] as f32];
        let l = &opts.layers;

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

        let mut rows = Vec::new();
        if l.sites > 0.0 {
            rows.push(LegendRow::Heading("Site status".to_owned()));
            rows.extend(palette::LEGEND_STATUSES.map(LegendRow::Status));
            let mut present: Vec<_> = data
                .datasets
                .iter()
                .flatten()
                .flat_map(|d| d.sites.iter().map(|s| s.category))
                .collect();
            present.sort();
            present.dedup();
            if !present.is_empty() {
                rows.push(LegendRow::Heading("Site type".to_owned()));
                rows.extend(present.into_iter().map(LegendRow::Category));
            }
        }
        if l.flows > 0.0 && !data.scene.flows.is_empty() {
            rows.push(LegendRow::Flow);
        }
        if l.events > 0.0
            && data
                .datasets
                .iter()
                .flatten()
                .any(|d| d.events.iter().any(|e| e.location.is_some()))
        {
            rows.push(LegendRow::Event);
        }
        if l.provinces > 0.0 {
            rows.push(LegendRow::Border);
        }
        let row_h = 16.0 * k;
        let text_w = rows
            .iter()
            .map(|r| fonts::text_width(&r.text(), 11.0 * k))
            .fold(0.0, f32::max);
        let lw = text_w + 40.0 * k;
        let lh = row_h * rows.len() as f32 + 8.0 * k;
        let legend = Rect::new(w - MARGIN - lw, MARGIN, w - MARGIN, MARGIN + lh);

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
            let row_h = 16.0 * k;
            let size = 11.0 * k;
            let x0 = self.legend.min[0] + 6.0 * k;
            for (i, row) in self.legend_rows.iter().enumerate() {
                let cy = self.legend.min[1] + 4.0 * k + row_h * (i as f32 + 0.5);
                let icon = [x0 + 10.0 * k, cy];
                let tx = x0 + 26.0 * k;
                match row {
                    LegendRow::Heading(_) => {}
                    LegendRow::Status(s) => doc.line(&format!(
                        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"/>",
                        fmt(icon[0]),
                        fmt(icon[1]),
                        fmt(5.5 * k),
                        palette::status_rgba(*s).hex()
                    )),
                    LegendRow::Category(c) => {
                        symbol(doc, palette::category_symbol(*c), icon, 5.5 * k, p.label, 1.0)
                    }
                    LegendRow::Flow => {
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
                    LegendRow::Event => doc.line(&format!(
                        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"/>",
                        fmt(icon[0]),
                        fmt(icon[1]),
                        fmt(5.0 * k),
                        p.label_halo.hex(),
                        p.event.hex()
                    )),
                    LegendRow::Border => doc.line(&format!(
                        "<path d=\"M{}L{}\" stroke=\"{}\" stroke-width=\"{}\" fill=\"none\"/>",
                        svg::point([x0, cy]),
                        svg::point([x0 + 20.0 * k, cy]),
                        p.province_border.hex(),
                        fmt(palette::PROVINCE_BORDER_WIDTH)
                    )),
                }
                let (tx, weight) = match row {
                    LegendRow::Heading(_) => (x0, 1.0),
                    _ => (tx, 0.9),
                };
                text_at(
                    doc,
                    &row.text(),
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
