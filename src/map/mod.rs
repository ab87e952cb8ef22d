//! The walkers plugin that turns the prepared scene into egui shapes for the current view.
//!
//! Per frame: one [`View`] transform of cached vertices, R-tree culling, and picking. No
//! projection trigonometry, no tessellation of polygons here.

mod labels;

use crate::app::settings::{Language, Layer};
use crate::app::state::{AppState, Selection};
use crate::model::{EventKind, SiteStatus};
use crate::scene::flows::distance_to_polyline;
use crate::scene::{PolygonLayer, View};
use crate::style::{self, MapColors, Symbol};
use egui::{Color32, Mesh, Pos2, Rect, Response, Shape, Stroke, Ui, pos2, vec2};
use walkers::{MapMemory, Plugin, Projector};

/// What the map saw this frame.
#[derive(Debug, Default, Clone)]
pub struct MapOutput {
    pub hovered: Option<Selection>,
    /// Set when the map was clicked: what was under the pointer (None = empty map).
    pub clicked: Option<Option<Selection>>,
    pub cursor: Option<(f64, f64)>,
    pub view: Option<View>,
    pub rect: Option<Rect>,
    pub drawn: DrawStats,
}

/// What was drawn this frame: for the status line, and for tests to see the map.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct DrawStats {
    pub provinces: usize,
    pub counties: usize,
    pub flows: usize,
    pub sites: usize,
    pub events: usize,
    pub labels: Vec<String>,
}

pub struct MapLayers<'a> {
    pub state: &'a AppState,
    pub hovered: Option<Selection>,
    pub out: &'a mut MapOutput,
}

fn pos(p: [f32; 2]) -> Pos2 {
    pos2(p[0], p[1])
}

pub fn view_of(projector: &Projector, rect: Rect) -> View {
    let c = projector.unproject(rect.center().to_vec2());
    View::new(
        (c.x(), c.y()),
        projector.zoom(),
        [rect.center().x, rect.center().y],
        [rect.width() / 2.0, rect.height() / 2.0],
    )
}

impl Plugin for MapLayers<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut Ui,
        response: &Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        let rect = response.rect;
        let view = view_of(projector, rect);
        let state = self.state;
        let settings = &state.settings;
        let colors = MapColors::for_visuals(ui.visuals());
        let painter = ui.painter().with_clip_rect(rect);
        let mut shapes: Vec<Shape> = Vec::new();
        shapes.push(Shape::rect_filled(rect, 0.0, colors.background));

        let [vmin, vmax] = view.visible_local(8.0);
        let scene = &state.scene;
        let zoom = view.zoom();

        // Province fills.
        let prov = settings.layer(Layer::Provinces);
        if prov.visible {
            let mut mesh = Mesh::default();
            for i in scene.provinces.visible(vmin, vmax) {
                let color = colors
                    .province(scene.province_colors.get(i).copied().unwrap_or(0))
                    .gamma_multiply(prov.opacity);
                append_fill(&mut mesh, &scene.provinces, i, &view, color);
                self.out.drawn.provinces += 1;
            }
            shapes.push(Shape::mesh(mesh));
        }

        // Hovered / selected region tint.
        let mut tint = Mesh::default();
        for (s, color) in [
            (self.hovered, colors.highlight),
            (state.selection, colors.highlight),
        ] {
            match s {
                Some(Selection::County(i)) => {
                    append_fill(&mut tint, &scene.counties, i, &view, color)
                }
                Some(Selection::Province(i)) => {
                    append_fill(&mut tint, &scene.provinces, i, &view, color)
                }
                _ => {}
            }
        }
        shapes.push(Shape::mesh(tint));

        let counties = settings.layer(Layer::Counties);
        if counties.visible && zoom >= 6.0 {
            let stroke = style::county_border(&colors);
            let stroke = Stroke::new(stroke.width, stroke.color.gamma_multiply(counties.opacity));
            for i in scene.counties.visible(vmin, vmax) {
                outline(&mut shapes, &scene.counties, i, &view, stroke);
                self.out.drawn.counties += 1;
            }
        }
        if prov.visible {
            let stroke = style::province_border(&colors);
            let stroke = Stroke::new(
                stroke.width,
                stroke.color.gamma_multiply(prov.opacity.max(0.3)),
            );
            for i in scene.provinces.visible(vmin, vmax) {
                outline(&mut shapes, &scene.provinces, i, &view, stroke);
            }
        }
        match state.selection {
            Some(Selection::County(i)) => outline(
                &mut shapes,
                &scene.counties,
                i,
                &view,
                Stroke::new(2.5, colors.selected),
            ),
            Some(Selection::Province(i)) => outline(
                &mut shapes,
                &scene.provinces,
                i,
                &view,
                Stroke::new(3.0, colors.selected),
            ),
            _ => {}
        }
        painter.extend(shapes);

        let pointer = response.hover_pos().filter(|p| rect.contains(*p));
        let mut hit: Option<Selection> = None;

        if settings.shows(Layer::Flows) {
            let flows = settings.layer(Layer::Flows);
            hit = hit.or(draw_flows(
                &painter,
                state,
                &view,
                &colors,
                flows.opacity,
                pointer,
                &mut self.out.drawn,
            ));
        }
        if settings.shows(Layer::Events) {
            hit = draw_events(
                &painter,
                state,
                &view,
                &colors,
                pointer,
                &mut self.out.drawn,
            )
            .or(hit);
        }
        let mut marker_rects = Vec::new();
        if settings.shows(Layer::Sites) {
            let sites = settings.layer(Layer::Sites);
            hit = draw_sites(
                &painter,
                state,
                &view,
                sites.opacity,
                pointer,
                &mut marker_rects,
                &mut self.out.drawn,
            )
            .or(hit);
        }
        if settings.shows(Layer::Labels) {
            self.out.drawn.labels =
                labels::draw(&painter, state, &view, &colors, settings, &marker_rects);
        }

        // Regions under the pointer, finest first.
        if hit.is_none()
            && let Some(p) = pointer
        {
            let local = view.to_local([p.x, p.y]);
            if counties.visible
                && zoom >= 6.0
                && let Some(i) = scene.counties.pick(local)
            {
                hit = Some(Selection::County(i));
            } else if prov.visible
                && let Some(i) = scene.provinces.pick(local)
            {
                hit = Some(Selection::Province(i));
            }
        }

        self.out.hovered = hit;
        if response.clicked() {
            self.out.clicked = Some(hit);
        }
        self.out.cursor = pointer.map(|p| {
            let ll = projector.unproject(p.to_vec2());
            (ll.x(), ll.y())
        });
        self.out.view = Some(view);
        self.out.rect = Some(rect);
    }
}

fn append_fill(mesh: &mut Mesh, layer: &PolygonLayer, feature: usize, view: &View, color: Color32) {
    let Some(f) = layer.features.get(feature) else {
        return;
    };
    let tris = &layer.indices[f.triangles.start as usize..f.triangles.end as usize];
    if tris.is_empty() {
        return;
    }
    let (lo, hi) = tris
        .iter()
        .fold((u32::MAX, 0u32), |(lo, hi), &i| (lo.min(i), hi.max(i)));
    let base = mesh.vertices.len() as u32;
    for v in &layer.fill_vertices[lo as usize..=hi as usize] {
        mesh.colored_vertex(pos(view.to_screen(*v)), color);
    }
    mesh.indices.extend(tris.iter().map(|&i| base + i - lo));
}

fn outline(
    shapes: &mut Vec<Shape>,
    layer: &PolygonLayer,
    feature: usize,
    view: &View,
    stroke: Stroke,
) {
    let Some(f) = layer.features.get(feature) else {
        return;
    };
    for ring in &f.rings {
        let pts: Vec<Pos2> = layer.ring_vertices[ring.start as usize..ring.end as usize]
            .iter()
            .map(|v| pos(view.to_screen(*v)))
            .collect();
        if pts.len() > 2 {
            shapes.push(Shape::closed_line(pts, stroke));
        }
    }
}

/// Width of a flow line for a number of people: grows with the square root, so 600 people
/// read clearly thicker than 60 without swamping the map.
pub fn flow_width(people: Option<u32>) -> f32 {
    match people {
        Some(n) => (1.5 + (n as f32).sqrt() / 8.0).min(10.0),
        None => 2.0,
    }
}

fn draw_flows(
    painter: &egui::Painter,
    state: &AppState,
    view: &View,
    colors: &MapColors,
    opacity: f32,
    pointer: Option<Pos2>,
    drawn: &mut DrawStats,
) -> Option<Selection> {
    let mut hit = None;
    for f in &state.scene.flows {
        drawn.flows += 1;
        let Some(flow) = state
            .layers
            .get(f.layer)
            .and_then(|l| l.data.flows.get(f.flow))
        else {
            continue;
        };
        let active = flow.active_on(state.date);
        let sel = Selection::Flow {
            layer: f.layer,
            index: f.flow,
        };
        let width = flow_width(f.people);
        let mut color = colors.flow.gamma_multiply(opacity);
        if !active {
            color = color.gamma_multiply(0.35);
        }
        let emphasised = state.selection == Some(sel);
        for leg in &f.legs {
            let pts: Vec<Pos2> = leg.iter().map(|p| pos(view.to_screen(*p))).collect();
            let (Some(&end), Some(&before)) = (pts.last(), pts.get(pts.len().saturating_sub(4)))
            else {
                continue;
            };
            if let Some(p) = pointer {
                let screen: Vec<[f32; 2]> = pts.iter().map(|p| [p.x, p.y]).collect();
                if distance_to_polyline([p.x, p.y], &screen) < width / 2.0 + 4.0 {
                    hit = Some(sel);
                }
            }
            // Stop the line where the arrowhead starts so the tip stays sharp.
            let dir = (end - before).normalized();
            let head = (width * 2.2).max(9.0);
            let mut line = pts.clone();
            while line.len() > 2
                && line
                    .last()
                    .is_some_and(|q| (*q - end).length() < head * 0.8)
            {
                line.pop();
            }
            if emphasised {
                painter.add(Shape::line(
                    line.clone(),
                    Stroke::new(width + 4.0, colors.selected.gamma_multiply(0.6)),
                ));
            }
            painter.add(Shape::line(line, Stroke::new(width, color)));
            let normal = vec2(-dir.y, dir.x);
            painter.add(Shape::convex_polygon(
                vec![
                    end,
                    end - dir * head + normal * head * 0.5,
                    end - dir * head - normal * head * 0.5,
                ],
                color,
                Stroke::NONE,
            ));
        }
        if let Some(anchor) = f.label_anchor() {
            let at = pos(view.to_screen(anchor));
            let text = flow.short_label();
            let galley =
                painter.layout_no_wrap(text, egui::FontId::proportional(12.0), colors.flow);
            let r = Rect::from_center_size(at + vec2(0.0, -12.0), galley.size()).expand(3.0);
            painter.rect_filled(r, 3.0, colors.label_halo);
            painter.galley(r.min + vec2(3.0, 3.0), galley, colors.flow);
        }
    }
    hit
}

fn draw_sites(
    painter: &egui::Painter,
    state: &AppState,
    view: &View,
    opacity: f32,
    pointer: Option<Pos2>,
    marker_rects: &mut Vec<Rect>,
    drawn: &mut DrawStats,
) -> Option<Selection> {
    let r = style::MARKER_RADIUS;
    let clip = painter.clip_rect().expand(r * 3.0);
    let mut hit = None;
    for m in &state.scene.sites {
        let Some(site) = state
            .layers
            .get(m.layer)
            .and_then(|l| l.data.sites.get(m.site))
        else {
            continue;
        };
        let c = marker_center(m, view);
        if !clip.contains(c) {
            continue;
        }
        let status = site.status_on(state.date);
        let sel = Selection::Site {
            layer: m.layer,
            index: m.site,
        };
        let mut fill = style::status_color(status).gamma_multiply(opacity);
        if status == SiteStatus::NotYet {
            fill = fill.gamma_multiply(0.45);
        }
        let selected = state.selection == Some(sel);
        let outline = Stroke::new(
            if selected { 2.5 } else { 1.2 },
            if selected {
                Color32::BLACK
            } else {
                Color32::WHITE
            },
        );
        draw_symbol(
            painter,
            style::category_symbol(site.category),
            c,
            r,
            fill,
            outline,
        );
        drawn.sites += 1;
        marker_rects.push(Rect::from_center_size(c, vec2(r, r) * 2.0));
        if pointer.is_some_and(|p| (p - c).length() <= r + 2.0) {
            hit = Some(sel);
        }
    }
    hit
}

/// Screen centre of a marker, fanned out around the shared point when several sit on it.
pub fn marker_center(m: &crate::scene::SiteMark, view: &View) -> Pos2 {
    let c = pos(view.to_screen(m.at));
    if m.slots <= 1 {
        return c;
    }
    let a = f32::from(m.slot) * std::f32::consts::TAU / f32::from(m.slots)
        - std::f32::consts::FRAC_PI_2;
    let d = style::MARKER_RADIUS * 1.25 * (f32::from(m.slots)).sqrt().max(1.2);
    c + vec2(a.cos(), a.sin()) * d
}

pub fn draw_symbol(
    painter: &egui::Painter,
    symbol: Symbol,
    c: Pos2,
    r: f32,
    fill: Color32,
    stroke: Stroke,
) {
    match symbol {
        Symbol::Circle => {
            painter.circle(c, r * 0.9, fill, stroke);
        }
        Symbol::Polygon { sides, rotation } => {
            let pts = style::symbol_points(sides, rotation, r * if sides == 3 { 1.2 } else { 1.0 })
                .into_iter()
                .map(|v| c + v)
                .collect();
            painter.add(Shape::convex_polygon(pts, fill, stroke));
        }
        Symbol::Cross => {
            let a = r * 0.38;
            let arm = |w: f32, h: f32| Rect::from_center_size(c, vec2(w, h));
            painter.rect_filled(arm(2.0 * r, 2.0 * a), 1.0, stroke.color);
            painter.rect_filled(arm(2.0 * a, 2.0 * r), 1.0, stroke.color);
            painter.rect_filled(arm(2.0 * r - 2.0, 2.0 * a - 2.0), 0.0, fill);
            painter.rect_filled(arm(2.0 * a - 2.0, 2.0 * r - 2.0), 0.0, fill);
        }
    }
}

fn draw_events(
    painter: &egui::Painter,
    state: &AppState,
    view: &View,
    colors: &MapColors,
    pointer: Option<Pos2>,
    drawn: &mut DrawStats,
) -> Option<Selection> {
    let mut hit = None;
    for (li, layer) in state.layers.iter().enumerate().filter(|(_, l)| l.visible) {
        for (i, e) in layer.data.events.iter().enumerate() {
            let Some(p) = e.location else { continue };
            let c = pos(view.to_screen(crate::scene::to_local(p.x(), p.y())));
            // Events sit beside the place's site markers rather than on them.
            let c = c + vec2(-14.0, 12.0);
            let sel = Selection::Event {
                layer: li,
                index: i,
            };
            drawn.events += 1;
            let r = 5.0;
            let selected = state.selection == Some(sel);
            painter.circle(
                c,
                r,
                colors.label_halo,
                Stroke::new(if selected { 2.5 } else { 1.5 }, colors.event),
            );
            if e.kind == EventKind::Photo {
                painter.rect_filled(Rect::from_center_size(c, vec2(4.0, 4.0)), 0.5, colors.event);
            } else {
                painter.text(
                    c,
                    egui::Align2::CENTER_CENTER,
                    "i",
                    egui::FontId::proportional(8.0),
                    colors.event,
                );
            }
            if pointer.is_some_and(|q| (q - c).length() <= r + 2.0) {
                hit = Some(sel);
            }
        }
    }
    hit
}

/// Name of a region in the chosen language.
pub fn region_label(region: &crate::model::Region, language: Language) -> String {
    match language {
        Language::English => region.names.en.clone(),
        Language::Korean => region.names.ko.clone(),
        Language::Both => format!("{}\n{}", region.names.en, region.names.ko),
    }
}
