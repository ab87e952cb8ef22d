//! The measuring tool and the *Go to coordinates* mark on the map: the legs along their
//! geodesics, the closed shape's fill, each leg's length and the result written beside them,
//! a dashed line from the last point to the pointer; and turning clicks into
//! [`crate::measure::Edit`]s while the tool is on.
//!
//! Drawn last, over markers and labels: while measuring, the measurement is what the user is
//! looking at. Everything geometric was prepared by [`crate::measure::Measurement`]; a frame
//! only moves its local coordinates to the screen.

use super::MapOutput;
use crate::coords;
use crate::measure::{Edit, Measurement, format_distance};
use crate::state::AppState;
use crate::style::MapColors;
use egui::{Color32, Painter, Pos2, Rect, Response, Shape, Stroke, Ui, pos2, vec2};
use geo::{Distance, Geodesic, Point};
use walkers::Projector;

/// The measurement's colour: a magenta no map layer uses, readable on the light and dark
/// themes and on imagery.
const INK: Color32 = Color32::from_rgb(0xd0, 0x1c, 0x8b);
/// How near (screen points) a click must be to the first point to close the shape.
const CLOSE_RADIUS: f32 = 9.0;

/// Draws the measurement and the go-to mark, and reads clicks on the map into
/// `out.measure_edit` while the tool is on. The texts written on the map go to
/// `out.tool_labels`.
pub fn run(
    ui: &Ui,
    painter: &Painter,
    state: &AppState,
    view: &crate::scene::View,
    response: &Response,
    projector: &Projector,
    out: &mut MapOutput,
) {
    let colors = MapColors::for_visuals(ui.visuals());
    let screen = |p: crate::scene::Local| {
        let s = view.to_screen(p);
        pos2(s[0], s[1])
    };
    let format = state.settings.coord_format;
    if let Some((lon, lat)) = state.goto_marker {
        let c = screen(crate::scene::to_local(lon, lat));
        let halo = Stroke::new(4.0, Color32::WHITE);
        let ink = Stroke::new(2.0, INK);
        for stroke in [halo, ink] {
            painter.circle_stroke(c, 9.0, stroke);
            painter.line_segment([c - vec2(15.0, 0.0), c - vec2(4.0, 0.0)], stroke);
            painter.line_segment([c + vec2(4.0, 0.0), c + vec2(15.0, 0.0)], stroke);
            painter.line_segment([c - vec2(0.0, 15.0), c - vec2(0.0, 4.0)], stroke);
            painter.line_segment([c + vec2(0.0, 4.0), c + vec2(0.0, 15.0)], stroke);
        }
        let text = coords::format(lat, lon, format);
        label(
            painter,
            &colors,
            c + vec2(0.0, 26.0),
            &text,
            &mut Vec::new(),
            true,
        );
        out.tool_labels.push(text);
    }
    let Some(m) = state.measure.as_ref() else {
        return;
    };
    let rect = response.rect;
    let pointer = response.hover_pos().filter(|p| rect.contains(*p));
    if pointer.is_some() {
        ui.ctx().set_cursor_icon(egui::CursorIcon::Crosshair);
    }
    let points: Vec<Pos2> = m
        .points()
        .iter()
        .map(|&(lon, lat)| screen(crate::scene::to_local(lon, lat)))
        .collect();
    let can_close = !m.is_closed() && points.len() >= 3;
    let near_first = |p: Pos2| {
        can_close
            && points
                .first()
                .is_some_and(|f| f.distance(p) <= CLOSE_RADIUS)
    };

    let (ring, triangles) = m.fill();
    if !triangles.is_empty() {
        let mut mesh = egui::Mesh::default();
        let fill = INK.gamma_multiply(0.18);
        for p in ring {
            mesh.colored_vertex(screen(*p), fill);
        }
        mesh.indices.extend_from_slice(triangles);
        painter.add(Shape::mesh(mesh));
    }
    for leg in m.legs() {
        let path: Vec<Pos2> = leg.path.iter().map(|p| screen(*p)).collect();
        painter.add(Shape::line(path.clone(), Stroke::new(5.0, Color32::WHITE)));
        painter.add(Shape::line(path, Stroke::new(2.5, INK)));
    }
    // The pending leg, from the last point to the pointer, with its length.
    if !m.is_closed()
        && let (Some(p), Some(&last), Some(&(lon, lat))) =
            (pointer, points.last(), m.points().last())
    {
        let (to, snapped) = match points.first() {
            Some(&f) if near_first(p) => (f, true),
            _ => (p, false),
        };
        painter.add(Shape::dashed_line(
            &[last, to],
            Stroke::new(2.0, INK),
            6.0,
            4.0,
        ));
        let at = if snapped {
            m.points().first().copied()
        } else {
            let ll = projector.unproject(p.to_vec2());
            Some((ll.x(), ll.y()))
        };
        if let Some((lon2, lat2)) = at {
            let d = Geodesic.distance(Point::new(lon, lat), Point::new(lon2, lat2));
            let text = if snapped {
                crate::t!("measure-close-hint")
            } else {
                format_distance(d)
            };
            label(
                painter,
                &colors,
                p + vec2(0.0, -18.0),
                &text,
                &mut Vec::new(),
                true,
            );
        }
    }
    for (i, &c) in points.iter().enumerate() {
        let r = if i == 0 && can_close { 6.0 } else { 4.0 };
        let hot = i == 0 && pointer.is_some_and(near_first);
        painter.circle(
            c,
            if hot { r + 2.0 } else { r },
            if hot { INK } else { Color32::WHITE },
            Stroke::new(2.0, INK),
        );
    }
    // The result first (beside the last point, or in the middle of the closed shape), then
    // each leg's length at its middle where the leg is long enough on screen to hold it and
    // there is room beside the labels already written.
    let mut taken = Vec::new();
    if !m.legs().is_empty() {
        let at = if m.is_closed() {
            centre(ring.iter().map(|p| screen(*p)))
        } else {
            points.last().map(|p| *p + vec2(0.0, 22.0))
        };
        if let Some(at) = at {
            let text = m.summary();
            label(painter, &colors, at, &text, &mut taken, true);
            out.tool_labels.push(text);
        }
    }
    if m.legs().len() > 1 {
        for leg in m.legs() {
            let (Some(a), Some(b)) = (leg.path.first(), leg.path.last()) else {
                continue;
            };
            let text = format_distance(leg.metres);
            if screen(*a).distance(screen(*b)) > 8.0 * text.len() as f32
                && label(
                    painter,
                    &colors,
                    screen(leg.middle),
                    &text,
                    &mut taken,
                    false,
                )
            {
                out.tool_labels.push(text);
            }
        }
    }
    out.measure_edit = click(m, response, projector, pointer, &points, near_first);
}

/// What a click on the map does to the measurement: a double-click closes the shape, a click
/// on the first point too; any other click adds a point (none on the last one again).
fn click(
    m: &Measurement,
    response: &Response,
    projector: &Projector,
    pointer: Option<Pos2>,
    points: &[Pos2],
    near_first: impl Fn(Pos2) -> bool,
) -> Option<Edit> {
    let p = pointer?;
    // A quick third click on the same spot is a triple click to egui; to a user it is
    // still "done".
    let repeated = response.double_clicked() || response.triple_clicked();
    if repeated && !m.is_closed() && points.len() >= 3 {
        return Some(Edit::Close);
    }
    if !response.clicked() {
        return None;
    }
    if near_first(p) {
        return Some(Edit::Close);
    }
    if !m.is_closed() && points.last().is_some_and(|l| l.distance(p) < 4.0) {
        return None;
    }
    let ll = projector.unproject(p.to_vec2());
    Some(Edit::Add {
        lon: ll.x(),
        lat: ll.y(),
    })
}

/// The centre of the points' bounding box.
fn centre(points: impl Iterator<Item = Pos2>) -> Option<Pos2> {
    let mut bounds = Rect::NOTHING;
    for p in points {
        bounds.extend_with(p);
    }
    bounds.is_positive().then(|| bounds.center())
}

/// Text on a rounded halo, centred on `at` or moved up or down clear of the rectangles in
/// `taken` (and added to them). Without room it is left out, unless `always`. Whether drawn.
fn label(
    painter: &Painter,
    colors: &MapColors,
    at: Pos2,
    text: &str,
    taken: &mut Vec<Rect>,
    always: bool,
) -> bool {
    let galley = painter.layout_no_wrap(
        text.to_owned(),
        egui::FontId::proportional(12.5),
        colors.label,
    );
    let first = Rect::from_center_size(at, galley.size()).expand(3.0);
    let step = first.height() + 2.0;
    let free = [0.0, 1.0, -1.0, 2.0, -2.0]
        .into_iter()
        .map(|k| first.translate(vec2(0.0, k * step)))
        .find(|r| !taken.iter().any(|t| t.intersects(*r)));
    let r = match free {
        Some(r) => r,
        None if always => first,
        None => return false,
    };
    taken.push(r);
    painter.rect_filled(r, 3.0, colors.label_halo);
    painter.rect_stroke(r, 3.0, Stroke::new(1.0, INK), egui::StrokeKind::Outside);
    painter.galley(r.min + vec2(3.0, 3.0), galley, colors.label);
    true
}
