//! KML placemarks on the map: polygons and lines in their styles, points one by one where
//! there is room and as numbered clusters where there is not ([`crate::scene::points`]), names
//! beside the points once zoomed in, and what the pointer is over.
//!
//! Per frame the work is bounded by the screen, not the file: the grid cells in view (a few
//! hundred at country zoom, whatever the number of placemarks), the lines the R-tree finds in
//! view, and the polygons as one mesh kept between frames while the view and the choice of
//! shown placemarks stay put.

use super::regions::{self, OnScreen, RegionPainter};
use super::{DrawStats, pos};
use crate::model::PlacemarkStyle;
use crate::scene::View;
use crate::scene::points::{
    self, CLUSTER_FILL, CLUSTER_TEXT, DEFAULT_FILL, DEFAULT_LINE, DEFAULT_POINT, Mark,
    POINT_OUTLINE, Picked, PreparedPlacemarks, Shown,
};
use crate::state::{AppState, DataLayer, Selection};
use crate::style::MapColors;
use egui::{Align2, Color32, FontId, Pos2, Rect, Shape, Stroke, vec2};

/// Names are written beside points from this zoom on, when few enough points are in view.
pub const LABELS_FROM_ZOOM: f64 = 10.0;
const MAX_LABELS: usize = 300;

/// What the pointer is over among the placemarks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Hit {
    Placemark(Selection),
    /// A cluster: its centre (local units) and count; a click zooms in on it.
    Cluster {
        at: [f32; 2],
        count: u32,
    },
}

fn rgba(c: [u8; 4]) -> Color32 {
    Color32::from_rgba_unmultiplied(c[0], c[1], c[2], c[3])
}

/// The drawn radius of a placemark's point.
pub fn radius_of(layer: &DataLayer, placemark: u32) -> f32 {
    let pm = &layer.data.placemarks;
    let scale = pm
        .placemarks
        .get(placemark as usize)
        .map_or(1.0, |p| pm.style_of(p).icon_scale);
    points::point_radius(scale)
}

/// Everything the frame needs from the map plugin.
pub struct Frame<'a> {
    pub painter: &'a egui::Painter,
    pub ctx: &'a egui::Context,
    pub id: egui::Id,
    pub view: &'a View,
    pub rect: Rect,
    pub colors: &'a MapColors,
}

/// Draws every visible layer's placemarks; returns what `pointer` is over. Marker boxes go to
/// `obstacles` (labels keep clear of them).
pub fn draw(
    f: &Frame<'_>,
    state: &AppState,
    pointer: Option<Pos2>,
    drawn: &mut DrawStats,
    obstacles: &mut Vec<Rect>,
) -> Option<Hit> {
    let mut hit = None;
    for (li, layer) in state.layers.iter().enumerate() {
        let (Some(prepared), Some(shown)) = (layer.placemarks.as_deref(), layer.shown.as_deref())
        else {
            continue;
        };
        if !layer.visible || shown.count == 0 {
            continue;
        }
        draw_polygons(f, li, layer, prepared, shown, state.selection);
        draw_lines(f, li, layer, prepared, shown, state.selection, drawn);
        draw_points(
            f,
            li,
            layer,
            prepared,
            shown,
            state.selection,
            drawn,
            obstacles,
        );
        if let Some(p) = pointer {
            let picked = prepared.pick(shown, f.view, [p.x, p.y], |k| radius_of(layer, k));
            match picked {
                Some(Picked::Placemark(i)) => {
                    hit = Some(Hit::Placemark(Selection::Placemark {
                        layer: li,
                        index: i as usize,
                    }));
                }
                Some(Picked::Cluster { at, count }) => hit = Some(Hit::Cluster { at, count }),
                None => {}
            }
        }
    }
    hit
}

fn polygon_fill(style: &PlacemarkStyle) -> Color32 {
    if !style.fill {
        return Color32::TRANSPARENT;
    }
    rgba(style.poly_color.unwrap_or(DEFAULT_FILL))
}

fn line_stroke(style: &PlacemarkStyle) -> Stroke {
    Stroke::new(
        style.line_width.clamp(0.5, 12.0),
        rgba(style.line_color.unwrap_or(DEFAULT_LINE)),
    )
}

fn draw_polygons(
    f: &Frame<'_>,
    li: usize,
    layer: &DataLayer,
    prepared: &PreparedPlacemarks,
    shown: &Shown,
    selection: Option<Selection>,
) {
    let Some(polys) = prepared.polygons.as_ref() else {
        return;
    };
    let pm = &layer.data.placemarks;
    let zoom = f.view.zoom();
    let level = polys.level(zoom);
    let key = regions::key_of((
        prepared.id,
        shown.generation,
        regions::view_bits(f.view, f.rect),
        f.ctx.pixels_per_point().to_bits(),
    ));
    let owner = |feature: usize| {
        prepared
            .polygon_owner
            .get(feature)
            .and_then(|&o| pm.placemarks.get(o as usize).map(|p| (o, p)))
            .filter(|(o, _)| shown.placemark.get(*o as usize).copied().unwrap_or(false))
    };
    let (mesh, _painted) = regions::cached_mesh(
        f.ctx,
        f.id.with(("nkmap-placemark-polygons", li)),
        key,
        f.view,
        f.rect,
        |p, [cmin, cmax]| {
            let mut visible: Vec<usize> = polys.visible(cmin, cmax).collect();
            // File order, so later placemarks cover earlier ones as in Google Earth.
            visible.sort_unstable();
            let mut sink = OnScreen {
                painter: p,
                view: f.view,
            };
            use regions::RegionSink;
            let mut painted = regions::Painted::default();
            for &i in &visible {
                if let Some((_, pmk)) = owner(i) {
                    let style = pm.style_of(pmk);
                    let mut any = sink.fill(&level, i, polygon_fill(&style));
                    if style.outline {
                        any |= sink.outline(&level, i, line_stroke(&style));
                    }
                    if any {
                        painted.areas.push(i);
                    }
                }
            }
            painted
        },
    );
    regions::add_cached(f.painter, regions::Batch::Layer(li), mesh);
    // The selected polygon's outline, on top.
    if let Some(Selection::Placemark { layer: l, index }) = selection
        && l == li
    {
        let mut p = RegionPainter::new(f.ctx, f.rect, (0, 0));
        for (feature, &o) in prepared.polygon_owner.iter().enumerate() {
            if o as usize == index {
                p.outline(&level, feature, f.view, Stroke::new(3.0, f.colors.selected));
            }
        }
        f.painter.add(Shape::mesh(p.finish()));
    }
}

fn draw_lines(
    f: &Frame<'_>,
    li: usize,
    layer: &DataLayer,
    prepared: &PreparedPlacemarks,
    shown: &Shown,
    selection: Option<Selection>,
    drawn: &mut DrawStats,
) {
    let pm = &layer.data.placemarks;
    let mut visible: Vec<usize> = prepared.lines_in(f.view.visible_local(8.0)).collect();
    visible.sort_unstable();
    for i in visible {
        let Some(line) = prepared.lines.get(i) else {
            continue;
        };
        let Some(p) = pm.placemarks.get(line.placemark as usize) else {
            continue;
        };
        if !shown
            .placemark
            .get(line.placemark as usize)
            .copied()
            .unwrap_or(false)
        {
            continue;
        }
        let pts: Vec<Pos2> = line
            .points
            .iter()
            .map(|q| pos(f.view.to_screen(*q)))
            .collect();
        let selected = selection
            == Some(Selection::Placemark {
                layer: li,
                index: line.placemark as usize,
            });
        let stroke = line_stroke(&pm.style_of(p));
        if selected {
            f.painter.add(Shape::line(
                pts.clone(),
                Stroke::new(stroke.width + 4.0, f.colors.selected.gamma_multiply(0.6)),
            ));
        }
        f.painter.add(Shape::line(pts, stroke));
        drawn.placemark_lines += 1;
    }
}

// The frame, the layer and its two prepared parts, the selection, and the two outputs.
#[allow(clippy::too_many_arguments)]
fn draw_points(
    f: &Frame<'_>,
    li: usize,
    layer: &DataLayer,
    prepared: &PreparedPlacemarks,
    shown: &Shown,
    selection: Option<Selection>,
    drawn: &mut DrawStats,
    obstacles: &mut Vec<Rect>,
) {
    let pm = &layer.data.placemarks;
    let mut marks = Vec::new();
    prepared.marks(shown, f.view, &mut marks);
    let clip = f.painter.clip_rect();
    let mut singles: Vec<(Pos2, f32, u32)> = Vec::new();
    for m in &marks {
        match *m {
            Mark::Cluster { at, count } => {
                let c = pos(f.view.to_screen(at));
                let r = points::cluster_radius(count);
                if !clip.expand(r).contains(c) {
                    continue;
                }
                f.painter
                    .circle(c, r, rgba(CLUSTER_FILL), Stroke::new(1.5, Color32::WHITE));
                f.painter.text(
                    c,
                    Align2::CENTER_CENTER,
                    crate::i18n::format_count(u64::from(count)),
                    FontId::proportional(if count >= 1000 { 10.5 } else { 11.5 }),
                    rgba(CLUSTER_TEXT),
                );
                obstacles.push(Rect::from_center_size(c, vec2(r, r) * 2.0));
                drawn.clusters += 1;
                drawn.clustered += count as usize;
            }
            Mark::Point(k) => {
                let Some(p) = prepared.points.get(k as usize) else {
                    continue;
                };
                let c = pos(f.view.to_screen(p.at));
                let r = radius_of(layer, p.placemark);
                if !clip.expand(r).contains(c) {
                    continue;
                }
                let style = pm
                    .placemarks
                    .get(p.placemark as usize)
                    .map(|x| pm.style_of(x))
                    .unwrap_or_default();
                let selected = selection
                    == Some(Selection::Placemark {
                        layer: li,
                        index: p.placemark as usize,
                    });
                let fill = rgba(style.icon_color.unwrap_or(DEFAULT_POINT));
                let outline = if selected {
                    Stroke::new(2.5, f.colors.selected)
                } else {
                    Stroke::new(1.2, rgba(POINT_OUTLINE))
                };
                f.painter.circle(c, r, fill, outline);
                obstacles.push(Rect::from_center_size(c, vec2(r, r) * 2.0));
                drawn.placemarks += 1;
                singles.push((c, r, p.placemark));
            }
        }
    }
    // Names beside the points once zoomed in, where they fit.
    if f.view.zoom() < LABELS_FROM_ZOOM || singles.len() > MAX_LABELS {
        return;
    }
    let markers_end = obstacles.len();
    for (c, r, placemark) in singles {
        let Some(p) = pm.placemarks.get(placemark as usize) else {
            continue;
        };
        if p.name.trim().is_empty() {
            continue;
        }
        let galley =
            f.painter
                .layout_no_wrap(p.name.clone(), FontId::proportional(11.5), f.colors.label);
        let size = galley.size();
        let spot = [
            Rect::from_min_size(c + vec2(r + 3.0, -size.y / 2.0), size),
            Rect::from_min_size(c + vec2(-r - 3.0 - size.x, -size.y / 2.0), size),
            Rect::from_min_size(c + vec2(-size.x / 2.0, r + 2.0), size),
        ]
        .into_iter()
        .map(|b| b.expand(2.0))
        .find(|b| {
            clip.contains_rect(*b)
                && !obstacles
                    .iter()
                    .enumerate()
                    // A label may touch its own point, never another point or label.
                    .any(|(k, o)| o.intersects(*b) && !(k < markers_end && o.contains(c)))
        });
        if let Some(b) = spot {
            f.painter.rect_filled(b, 2.0, f.colors.label_halo);
            f.painter
                .galley(b.min + vec2(2.0, 2.0), galley, f.colors.label);
            obstacles.push(b);
            drawn.placemark_labels.push(p.name.clone());
        }
    }
}
