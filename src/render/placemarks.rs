//! KML placemarks in the exported map (`nkmap render`, File → Export view): polygons and lines
//! in their styles, points and numbered clusters as the window draws them (the same grid, so
//! the same marks at the same view), and the look of records in KML exports ([`kml_look`]).

use super::svg::{self, Doc, Rect, fmt};
use crate::io::kml::KmlLook;
use crate::model::{Placemarks, SiteStatus};
use crate::scene::View;
use crate::scene::palette::{self, Symbol};
use crate::scene::points::{
    self, CLUSTER_FILL, CLUSTER_TEXT, DEFAULT_FILL, DEFAULT_LINE, DEFAULT_POINT, Mark,
    POINT_OUTLINE, PreparedPlacemarks, Shown,
};

/// One layer's placemarks, prepared, with the choice of those shown (folders and date).
#[derive(Clone, Copy)]
pub struct PlacemarkLayer<'a> {
    pub data: &'a Placemarks,
    pub prepared: &'a PreparedPlacemarks,
    pub shown: &'a Shown,
}

fn hex(c: [u8; 4]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

fn alpha(c: [u8; 4]) -> String {
    fmt(f32::from(c[3]) / 255.0)
}

/// Draws every layer's placemarks; returns the boxes of the points and clusters (labels keep
/// clear of them).
pub fn draw(doc: &mut Doc, layers: &[PlacemarkLayer<'_>], view: &View) -> Vec<Rect> {
    let mut boxes = Vec::new();
    if layers.is_empty() {
        return boxes;
    }
    let [w, h] = [view.half_size[0] * 2.0, view.half_size[1] * 2.0];
    let canvas = Rect::new(-30.0, -30.0, w + 30.0, h + 30.0);
    doc.open("<g id=\"placemarks\">");
    for l in layers {
        let shown = |i: u32| l.shown.placemark.get(i as usize).copied().unwrap_or(false);
        let style = |i: u32| {
            l.data
                .placemarks
                .get(i as usize)
                .map(|p| l.data.style_of(p))
                .unwrap_or_default()
        };
        if let Some(polys) = &l.prepared.polygons {
            let [vmin, vmax] = view.visible_local(8.0);
            let mut visible: Vec<usize> = polys.visible(vmin, vmax).collect();
            visible.sort_unstable();
            for f in visible {
                let Some(&o) = l.prepared.polygon_owner.get(f) else {
                    continue;
                };
                if !shown(o) {
                    continue;
                }
                let d = super::ring_path(polys, f, view);
                if d.is_empty() {
                    continue;
                }
                let s = style(o);
                let fill = if s.fill {
                    s.poly_color.unwrap_or(DEFAULT_FILL)
                } else {
                    [0, 0, 0, 0]
                };
                let line = s.line_color.unwrap_or(DEFAULT_LINE);
                let stroke = if s.outline {
                    format!(
                        " stroke=\"{}\" stroke-opacity=\"{}\" stroke-width=\"{}\"",
                        hex(line),
                        alpha(line),
                        fmt(s.line_width.clamp(0.5, 12.0))
                    )
                } else {
                    String::new()
                };
                doc.line(&format!(
                    "<path class=\"placemark-polygon\" fill-rule=\"evenodd\" fill=\"{}\" fill-opacity=\"{}\"{stroke} d=\"{d}\"/>",
                    hex(fill),
                    alpha(fill)
                ));
            }
        }
        let mut lines: Vec<usize> = l.prepared.lines_in(view.visible_local(8.0)).collect();
        lines.sort_unstable();
        for i in lines {
            let Some(line) = l.prepared.lines.get(i) else {
                continue;
            };
            if !shown(line.placemark) {
                continue;
            }
            let s = style(line.placemark);
            let c = s.line_color.unwrap_or(DEFAULT_LINE);
            let d: String = line
                .points
                .iter()
                .enumerate()
                .map(|(k, q)| {
                    format!(
                        "{}{}",
                        if k == 0 { 'M' } else { 'L' },
                        svg::point(view.to_screen(*q))
                    )
                })
                .collect();
            doc.line(&format!(
                "<path class=\"placemark-line\" fill=\"none\" stroke=\"{}\" stroke-opacity=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\" d=\"{d}\"/>",
                hex(c),
                alpha(c),
                fmt(s.line_width.clamp(0.5, 12.0))
            ));
        }
        let mut marks = Vec::new();
        l.prepared.marks(l.shown, view, &mut marks);
        for m in marks {
            match m {
                Mark::Cluster { at, count } => {
                    let c = view.to_screen(at);
                    let r = points::cluster_radius(count);
                    let b = Rect::around(c, r);
                    if !canvas.contains_rect(&b) {
                        continue;
                    }
                    doc.open("<g class=\"placemark-cluster\">");
                    doc.line(&format!(
                        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" fill-opacity=\"{}\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>",
                        fmt(c[0]),
                        fmt(c[1]),
                        fmt(r),
                        hex(CLUSTER_FILL),
                        alpha(CLUSTER_FILL)
                    ));
                    let size = if count >= 1000 { 10.5 } else { 11.5 };
                    super::text_line(
                        doc,
                        &crate::i18n::format_count(u64::from(count)),
                        c,
                        size,
                        palette::Rgba(CLUSTER_TEXT),
                    );
                    doc.close("</g>");
                    boxes.push(b);
                }
                Mark::Point(k) => {
                    let Some(p) = l.prepared.points.get(k as usize) else {
                        continue;
                    };
                    let s = style(p.placemark);
                    let c = view.to_screen(p.at);
                    let r = points::point_radius(s.icon_scale);
                    let b = Rect::around(c, r);
                    if !canvas.contains_rect(&b) {
                        continue;
                    }
                    let fill = s.icon_color.unwrap_or(DEFAULT_POINT);
                    doc.line(&format!(
                        "<circle class=\"placemark\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" fill-opacity=\"{}\" stroke=\"{}\" stroke-width=\"1.2\"/>",
                        fmt(c[0]),
                        fmt(c[1]),
                        fmt(r),
                        hex(fill),
                        alpha(fill),
                        hex(POINT_OUTLINE)
                    ));
                    boxes.push(b);
                }
            }
        }
    }
    doc.close("</g>");
    boxes
}

/// Google Earth's own icon for a category's symbol (its "shapes" set, tinted by the style).
fn category_icon(c: crate::model::SiteCategory) -> &'static str {
    match palette::category_symbol(c) {
        Symbol::Circle => "http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png",
        Symbol::TriangleUp | Symbol::TriangleDown => {
            "http://maps.google.com/mapfiles/kml/shapes/triangle.png"
        }
        Symbol::Square | Symbol::Bar => {
            "http://maps.google.com/mapfiles/kml/shapes/placemark_square.png"
        }
        Symbol::Diamond => "http://maps.google.com/mapfiles/kml/shapes/open-diamond.png",
        Symbol::Plus => "http://maps.google.com/mapfiles/kml/shapes/hospitals.png",
        Symbol::Cross => "http://maps.google.com/mapfiles/kml/shapes/cross-hairs.png",
        Symbol::House => "http://maps.google.com/mapfiles/kml/shapes/homegardenbusiness.png",
        Symbol::Star => "http://maps.google.com/mapfiles/kml/shapes/star.png",
    }
}

fn status_color(s: SiteStatus) -> [u8; 4] {
    palette::status_rgba(s).0
}

/// How records look in a KML export: the map's palette (light theme) as plain numbers.
pub fn kml_look() -> KmlLook {
    let p = palette::MapPalette::LIGHT;
    KmlLook {
        status_color,
        category_icon,
        category_label: palette::category_label,
        flow_color: p.flow.0,
        flow_width: palette::flow_width,
        event_color: p.event.0,
        area_color: p.area.0,
        area_fill_alpha: (palette::AREA_FILL_ALPHA * 255.0).round() as u8,
    }
}
