//! The walkers plugin that turns the prepared scene into egui shapes for the current view.
//!
//! Per frame: one [`View`] transform of cached vertices, R-tree culling, and picking. No
//! projection trigonometry, no tessellation of polygons here.

pub mod gpu;
pub mod imagery;
mod labels;
pub mod regions;

use crate::model::{EventKind, SiteStatus};
use crate::scene::View;
use crate::scene::flows::distance_to_polyline;
use crate::state::settings::{Language, Layer};
use crate::state::{AppState, Selection};
use crate::style::{self, MapColors, Symbol};
use egui::{Color32, Pos2, Rect, Response, Shape, Stroke, Ui, pos2, vec2};
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
    /// The regions went to the GPU this frame (see [`gpu`]).
    pub regions_on_gpu: bool,
    /// Imagery tiles that could not be decoded: (file, why), once per image.
    pub imagery_errors: Vec<(String, String)>,
}

/// What was drawn this frame: for the status line, and for tests to see the map.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct DrawStats {
    pub provinces: usize,
    pub counties: usize,
    pub flows: usize,
    pub sites: usize,
    pub events: usize,
    /// Polygons of the user's area layers in view.
    pub areas: usize,
    pub labels: Vec<String>,
    /// Satellite images with tiles drawn, bottom first.
    pub imagery: Vec<String>,
}

pub struct MapLayers<'a> {
    pub state: &'a AppState,
    pub hovered: Option<Selection>,
    /// The regions are drawn by [`gpu::GpuRegions`], a walkers layer under this plugin.
    pub regions_on_gpu: bool,
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

        let [vmin, vmax] = view.visible_local(8.0);
        let scene = &state.scene;
        let zoom = view.zoom();
        let prov = settings.layer(Layer::Provinces);
        let counties = settings.layer(Layer::Counties);
        let region_style = regions::RegionStyle::new(state, &colors, zoom);

        // On the GPU path the regions were handed to walkers as a layer under this plugin
        // (see `gpu.rs`); here only on the CPU: one mesh from the zoom's level of detail, kept
        // between frames while none of its inputs change.
        if !self.regions_on_gpu {
            if let Some(bg) = region_style.background {
                painter.rect_filled(rect, 0.0, bg);
            }
            // Fills and outlines are cached meshes (their keys leave out the pointer, so
            // hovering does not rebuild them); the highlight and the selected outline are
            // small and built every frame between them.
            let provinces = scene.provinces.level(zoom);
            let counties = scene.counties.level(zoom);
            for stage in regions::Stage::ALL {
                let paint = |p: &mut regions::RegionPainter,
                             [cmin, cmax]: [crate::scene::Local; 2]| {
                    let visible_provinces: Vec<usize> =
                        scene.provinces.visible(cmin, cmax).collect();
                    let visible_counties: Vec<usize> = if region_style.county_outlines {
                        scene.counties.visible(cmin, cmax).collect()
                    } else {
                        Vec::new()
                    };
                    let at = regions::RegionsAt {
                        provinces,
                        counties,
                        visible_provinces: &visible_provinces,
                        visible_counties: &visible_counties,
                    };
                    let mut sink = regions::OnScreen {
                        painter: p,
                        view: &view,
                    };
                    regions::paint_stage(
                        &mut sink,
                        stage,
                        &at,
                        &region_style,
                        self.hovered,
                        state.selection,
                    );
                };
                let mesh = match stage {
                    regions::Stage::Fills | regions::Stage::Outlines => {
                        let key = regions::key_of((
                            stage,
                            (scene.provinces.id, scene.counties.id),
                            regions::view_bits(&view, rect),
                            ui.ctx().pixels_per_point().to_bits(),
                            region_style.key(),
                        ));
                        regions::cached_mesh(
                            ui.ctx(),
                            response.id.with(("nkmap-regions", stage)),
                            key,
                            &view,
                            rect,
                            paint,
                        )
                    }
                    regions::Stage::Highlight | regions::Stage::Selected => {
                        let mut p = regions::RegionPainter::new(ui.ctx(), rect, (0, 0));
                        paint(&mut p, view.visible_local(8.0));
                        std::sync::Arc::new(p.finish())
                    }
                };
                painter.add(Shape::Mesh(mesh));
                // Satellite images over the fills, under the borders.
                if stage == regions::Stage::Fills {
                    self.out.imagery_errors =
                        imagery::draw(ui.ctx(), &painter, state, &view, &mut self.out.drawn);
                }
            }
        }
        // The user's area layers, above the regions and below flows and markers.
        let area_style = regions::AreaStyle::new(&colors);
        for (li, layer) in state.layers.iter().enumerate() {
            let Some(areas) = layer.areas.as_deref().filter(|_| layer.visible) else {
                continue;
            };
            self.out.drawn.areas += areas.visible(vmin, vmax).count();
            if self.regions_on_gpu {
                continue;
            }
            let key = regions::key_of((
                areas.id,
                regions::view_bits(&view, rect),
                ui.ctx().pixels_per_point().to_bits(),
                area_style.key(),
            ));
            let level = areas.level(zoom);
            let mesh = regions::cached_mesh(
                ui.ctx(),
                response.id.with(("nkmap-areas", li)),
                key,
                &view,
                rect,
                |p, [cmin, cmax]| {
                    let visible: Vec<usize> = areas.visible(cmin, cmax).collect();
                    let mut sink = regions::OnScreen {
                        painter: p,
                        view: &view,
                    };
                    regions::paint_areas(&mut sink, &level, &visible, &area_style);
                },
            );
            painter.add(Shape::Mesh(mesh));
            let mut p = regions::RegionPainter::new(ui.ctx(), rect, (0, 0));
            regions::paint_area_marks(
                &mut regions::OnScreen {
                    painter: &mut p,
                    view: &view,
                },
                &level,
                li,
                self.hovered,
                state.selection,
                &area_style,
            );
            painter.add(Shape::mesh(p.finish()));
        }
        if region_style.provinces_visible {
            self.out.drawn.provinces += scene.provinces.visible(vmin, vmax).count();
        }
        if region_style.county_outlines {
            self.out.drawn.counties += scene.counties.visible(vmin, vmax).count();
        }

        let pointer = response.hover_pos().filter(|p| rect.contains(*p));
        let mut hit: Option<Selection> = None;
        // Everything labels must not cover: markers, then placed labels.
        let mut marker_rects = Vec::new();
        let mut flow_labels = Vec::new();

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
                &mut flow_labels,
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
                &mut marker_rects,
            )
            .or(hit);
        }
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
        // Province names first, then flow labels, then county names: the order of importance
        // when room runs out.
        let shows_labels = settings.shows(Layer::Labels);
        let markers_end = marker_rects.len();
        let mut texts = Vec::new();
        if shows_labels {
            texts = labels::draw(
                &painter,
                state,
                &view,
                &colors,
                settings,
                labels::Which::Provinces,
                &mut marker_rects,
            );
        }
        place_flow_labels(
            &painter,
            &colors,
            flow_labels,
            &mut marker_rects,
            markers_end,
        );
        if shows_labels {
            texts.extend(labels::draw(
                &painter,
                state,
                &view,
                &colors,
                settings,
                labels::Which::Counties,
                &mut marker_rects,
            ));
        }
        self.out.drawn.labels = texts;

        // Regions under the pointer, finest first: the topmost area layer, then counties.
        if hit.is_none()
            && let Some(p) = pointer
        {
            let local = view.to_local([p.x, p.y]);
            let area = state.layers.iter().enumerate().rev().find_map(|(li, l)| {
                let areas = l.areas.as_deref().filter(|_| l.visible)?;
                areas
                    .pick(local)
                    .map(|index| Selection::Area { layer: li, index })
            });
            if area.is_some() {
                hit = area;
            } else if counties.visible
                && zoom >= crate::scene::palette::COUNTY_OUTLINES_FROM_ZOOM
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
        self.out.regions_on_gpu = self.regions_on_gpu;
    }
}

/// Flow labels beside their curves, moved up or down when they would cover a marker or
/// another label, and left out when there is no room.
fn place_flow_labels(
    painter: &egui::Painter,
    colors: &MapColors,
    mut labels: Vec<(String, Vec<Pos2>, Color32, u32)>,
    obstacles: &mut Vec<Rect>,
    markers_end: usize,
) {
    // The largest mobilizations get the first pick of room.
    labels.sort_by_key(|l| std::cmp::Reverse(l.3));
    for (text, anchors, color, _) in labels {
        let galley = painter.layout_no_wrap(text, egui::FontId::proportional(12.0), color);
        let size = galley.size();
        let side = size.x / 2.0 + 14.0;
        let offsets = [
            vec2(0.0, -14.0),
            vec2(0.0, 14.0),
            vec2(side, 0.0),
            vec2(-side, 0.0),
            vec2(0.0, -30.0),
            vec2(0.0, 30.0),
            vec2(side, -24.0),
            vec2(-side, -24.0),
            vec2(side, 24.0),
            vec2(-side, 24.0),
        ];
        let candidates: Vec<Rect> = anchors
            .iter()
            .flat_map(|&at| {
                offsets
                    .iter()
                    .map(move |&d| Rect::from_center_size(at + d, size).expand(3.0))
            })
            // Slid back inside the map when it would stick out of an edge.
            .map(|r| keep_inside(r, painter.clip_rect().shrink(2.0)))
            .filter(|r| painter.clip_rect().contains_rect(*r))
            .collect();
        // Clear of everything if possible; else over markers (the halo keeps it readable) but
        // never over another label.
        let spot = candidates
            .iter()
            .find(|r| !obstacles.iter().any(|o| o.intersects(**r)))
            .or_else(|| {
                candidates.iter().find(|r| {
                    !obstacles
                        .iter()
                        .skip(markers_end.min(obstacles.len()))
                        .any(|o| o.intersects(**r))
                })
            })
            .copied();
        if let Some(r) = spot {
            painter.rect_filled(r, 3.0, colors.label_halo);
            painter.galley(r.min + vec2(3.0, 3.0), galley, color);
            obstacles.push(r);
        }
    }
}

fn keep_inside(r: Rect, area: Rect) -> Rect {
    let dx = (area.left() - r.left()).max(0.0) + (area.right() - r.right()).min(0.0);
    let dy = (area.top() - r.top()).max(0.0) + (area.bottom() - r.bottom()).min(0.0);
    r.translate(vec2(dx, dy))
}

/// Width of a flow line for a number of people (shared with the headless renderer).
pub fn flow_width(people: Option<u32>) -> f32 {
    crate::scene::palette::flow_width(people)
}

// The frame's shared pieces (painter, state, view, colours, pointer, counters, label queue) are
// all needed here; bundling them into a struct for one caller would only move the list.
#[allow(clippy::too_many_arguments)]
fn draw_flows(
    painter: &egui::Painter,
    state: &AppState,
    view: &View,
    colors: &MapColors,
    opacity: f32,
    pointer: Option<Pos2>,
    drawn: &mut DrawStats,
    labels: &mut Vec<(String, Vec<Pos2>, Color32, u32)>,
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
        let sel = Selection::Flow {
            layer: f.layer,
            index: f.flow,
        };
        let width = flow_width(f.people);
        // Inactive flows never get here: the filter hides them (see `filter.rs`).
        let color = colors.flow.gamma_multiply(opacity);
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
            let head = crate::scene::palette::arrowhead_length(width);
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
        // Halfway along the first leg first, then further along either way.
        if let Some(leg) = f.legs.first() {
            let anchors = [0.5, 0.35, 0.65, 0.2, 0.8]
                .iter()
                .filter_map(|t| leg.get((t * (leg.len().saturating_sub(1)) as f32) as usize))
                .map(|p| pos(view.to_screen(*p)))
                .collect();
            labels.push((flow.short_label(), anchors, color, f.people.unwrap_or(0)));
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
            fill = fill.gamma_multiply(crate::scene::palette::NOT_YET_FADE);
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
    let [dx, dy] = crate::scene::palette::marker_offset(m.slot, m.slots);
    pos(view.to_screen(m.at)) + vec2(dx, dy)
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
    marker_rects: &mut Vec<Rect>,
) -> Option<Selection> {
    let mut hit = None;
    let r = 5.0;
    for m in &state.scene.events {
        let Some(layer) = state.layers.get(m.layer).filter(|l| l.visible) else {
            continue;
        };
        let Some(e) = layer.data.events.get(m.site) else {
            continue;
        };
        // Events sit below and left of the place's site markers rather than on them.
        let fan = marker_center(m, view) - pos(view.to_screen(m.at));
        let c = pos(view.to_screen(m.at)) + vec2(-16.0, 14.0) + fan * 0.9;
        if !painter.clip_rect().expand(20.0).contains(c) {
            continue;
        }
        let sel = Selection::Event {
            layer: m.layer,
            index: m.site,
        };
        drawn.events += 1;
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
        marker_rects.push(Rect::from_center_size(c, vec2(r, r) * 2.0));
        if pointer.is_some_and(|q| (q - c).length() <= r + 2.0) {
            hit = Some(sel);
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
