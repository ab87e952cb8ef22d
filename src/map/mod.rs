//! The walkers plugin that turns the prepared scene into egui shapes for the current view.
//!
//! Per frame: one [`View`] transform of cached vertices, R-tree culling, and picking. No
//! projection trigonometry, no tessellation of polygons here.

pub mod gpu;
pub mod imagery;
pub mod measure;
pub mod placemarks;
pub mod regions;
pub mod zoom;

use crate::model::{EventKind, SiteStatus};
use crate::scene::View;
use crate::scene::cartography::{self, LabelOf, Layout, Named, Names, PlacedLabel};
use crate::scene::flows::distance_to_polyline;
use crate::scene::palette::{self, FillLevel, PrecisionCue};
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
    /// Where the markers, the capital and the labels went (the layout `nkmap render` uses
    /// for the same view).
    pub layout: Layout,
    /// While measuring, what a click did to the measurement (instead of selecting).
    pub measure_edit: Option<crate::measure::Edit>,
    /// Texts the measuring tool and the go-to mark wrote on the map.
    pub tool_labels: Vec<String>,
    /// A cluster of placemarks under the pointer: its centre (local units) and count.
    pub hovered_cluster: Option<([f32; 2], u32)>,
    /// Set when a cluster was clicked: its centre, to zoom in on.
    pub clicked_cluster: Option<[f32; 2]>,
    /// Imagery tiles that could not be decoded: (file, why), once per image.
    pub imagery_errors: Vec<(String, String)>,
}

/// What was painted this frame, on screen: for the status line, and for tests to see the map
/// (beside its pixels). A region or area counts when its mesh (CPU path) or the drawables
/// handed to walkers' renderer (GPU path) got geometry for it and its bounding box is on
/// screen; one left out, transparent or without triangles does not.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct DrawStats {
    /// Province fills.
    pub provinces: usize,
    /// County outlines.
    pub counties: usize,
    /// Flows with a line on screen.
    pub flows: usize,
    pub sites: usize,
    pub events: usize,
    /// Polygons of the user's area layers.
    pub areas: usize,
    pub labels: Vec<String>,
    /// KML placemarks drawn as their own point, as clusters, and the placemarks inside those.
    pub placemarks: usize,
    pub clusters: usize,
    pub clustered: usize,
    pub placemark_lines: usize,
    /// Placemark names written beside their points.
    pub placemark_labels: Vec<String>,
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
            let [smin, smax] = view.visible_local(0.0);
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
                    )
                };
                match stage {
                    regions::Stage::Fills | regions::Stage::Outlines => {
                        let key = regions::key_of((
                            stage,
                            (scene.provinces.id, scene.counties.id),
                            regions::view_bits(&view, rect),
                            ui.ctx().pixels_per_point().to_bits(),
                            region_style.key(),
                        ));
                        let (mesh, painted) = regions::cached_mesh(
                            ui.ctx(),
                            response.id.with(("nkmap-regions", stage)),
                            key,
                            &view,
                            rect,
                            paint,
                        );
                        let drawn = &mut self.out.drawn;
                        drawn.provinces += regions::Painted::count_on_screen(
                            &painted.province_fills,
                            scene.provinces.visible(smin, smax),
                        );
                        drawn.counties += regions::Painted::count_on_screen(
                            &painted.county_outlines,
                            scene.counties.visible(smin, smax),
                        );
                        let batch = match stage {
                            regions::Stage::Fills => regions::Batch::Fills,
                            _ => regions::Batch::Outlines,
                        };
                        regions::add_cached(&painter, batch, mesh);
                    }
                    regions::Stage::Highlight | regions::Stage::Selected => {
                        let mut p = regions::RegionPainter::new(ui.ctx(), rect, (0, 0));
                        paint(&mut p, view.visible_local(8.0));
                        painter.add(Shape::mesh(p.finish()));
                    }
                }
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
            // On the GPU path `gpu::GpuRegions` draws and counts them.
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
            let (mesh, painted) = regions::cached_mesh(
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
                    regions::paint_areas(&mut sink, &level, &visible, &area_style)
                },
            );
            let [smin, smax] = view.visible_local(0.0);
            self.out.drawn.areas +=
                regions::Painted::count_on_screen(&painted.areas, areas.visible(smin, smax));
            regions::add_cached(&painter, regions::Batch::Layer(li), mesh);
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

        let pointer = response.hover_pos().filter(|p| rect.contains(*p));
        let mut hit: Option<Selection> = None;

        // KML placemarks: above the areas, below flows and the sourced records; names keep
        // clear of their points.
        let mut placemark_rects = Vec::new();
        let placemark_hit = placemarks::draw(
            &placemarks::Frame {
                painter: &painter,
                ctx: ui.ctx(),
                id: response.id,
                view: &view,
                rect,
                colors: &colors,
            },
            state,
            pointer,
            &mut self.out.drawn,
            &mut placemark_rects,
        );

        // Where markers and labels go: the same rules as `nkmap render`.
        let datasets: Vec<Option<&crate::model::Dataset>> = state
            .layers
            .iter()
            .map(|l| l.visible.then_some(&l.data))
            .collect();
        let named = named_places(state);
        let canvas = cartography::Rect::new(rect.min.x, rect.min.y, rect.max.x, rect.max.y);
        let mut keep_clear = overlay_boxes(&painter, rect);
        keep_clear.extend(
            placemark_rects
                .iter()
                .map(|r: &Rect| cartography::Rect::new(r.min.x, r.min.y, r.max.x, r.max.y)),
        );
        let inputs = cartography::Inputs {
            scene,
            geography: &state.geography,
            datasets: &datasets,
            view: &view,
            canvas,
            shown: cartography::Shown {
                provinces: prov.visible,
                counties: counties.visible,
                labels: settings.shows(Layer::Labels),
                sites: settings.shows(Layer::Sites),
                flows: settings.shows(Layer::Flows),
                events: settings.shows(Layer::Events),
            },
            names: names_of(settings.language),
            named: &named,
            pointer: pointer.map(|p| [p.x, p.y]),
            keep_clear: &keep_clear,
        };
        let layout = cartography::layout(&inputs, &mut |text, size| {
            painter
                .layout_no_wrap(
                    text.to_owned(),
                    egui::FontId::proportional(size),
                    Color32::WHITE,
                )
                .size()
                .x
        });

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
        // Province names are area labels: under the markers (the layout kept them off the
        // symbols, not off their rings).
        let labels_opacity = settings.layer(Layer::Labels).opacity;
        let is_province = |l: &&PlacedLabel| matches!(l.of, LabelOf::Province(_));
        for l in layout.labels.iter().filter(is_province) {
            draw_label(&painter, l, &colors, labels_opacity);
        }
        if let Some(c) = layout.capital {
            draw_capital(&painter, pos(c), &colors, prov.opacity.max(0.5));
        }
        if settings.shows(Layer::Events) {
            hit = draw_events(
                &painter,
                state,
                &layout,
                &colors,
                pointer,
                &mut self.out.drawn,
            )
            .or(hit);
        }
        if settings.shows(Layer::Sites) {
            let sites = settings.layer(Layer::Sites);
            hit = draw_sites(
                &painter,
                state,
                &layout,
                &colors,
                sites.opacity,
                pointer,
                &mut self.out.drawn,
            )
            .or(hit);
        }
        for l in layout.labels.iter().filter(|l| !is_province(l)) {
            draw_label(&painter, l, &colors, labels_opacity);
        }
        match placemark_hit {
            Some(placemarks::Hit::Placemark(s)) => hit = hit.or(Some(s)),
            Some(placemarks::Hit::Cluster { at, count }) if hit.is_none() => {
                self.out.hovered_cluster = Some((at, count));
            }
            _ => {}
        }
        self.out.drawn.labels = layout.labels.iter().map(|l| l.text()).collect();
        self.out.layout = layout;

        // Regions under the pointer, finest first: the topmost area layer, then counties.
        if hit.is_none()
            && self.out.hovered_cluster.is_none()
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
        measure::run(ui, &painter, state, &view, response, projector, self.out);
        if response.clicked() && state.measure.is_none() {
            match self.out.hovered_cluster {
                Some((at, _)) => self.out.clicked_cluster = Some(at),
                None => self.out.clicked = Some(hit),
            }
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

/// Where `ui::map_overlay` puts the scale bar and the credit line, which names keep clear of.
fn overlay_boxes(painter: &egui::Painter, rect: Rect) -> Vec<cartography::Rect> {
    // The scale bar at its widest (120 points and its box).
    let scale = cartography::Rect::new(
        rect.left() + 8.0,
        rect.bottom() - 42.0,
        rect.left() + 144.0,
        rect.bottom() - 10.0,
    );
    let wrap = (rect.right() - scale.max[0] - 24.0).max(120.0);
    let credit = painter
        .layout(
            crate::bundled::credit_line().to_owned(),
            egui::FontId::proportional(10.0),
            Color32::WHITE,
            wrap,
        )
        .size();
    let credit = cartography::Rect::new(
        rect.right() - 10.0 - credit.x,
        rect.bottom() - 8.0 - credit.y,
        rect.right(),
        rect.bottom(),
    );
    vec![scale, credit]
}

/// Width of a flow line for a number of people (shared with the headless renderer).
pub fn flow_width(people: Option<u32>) -> f32 {
    crate::scene::palette::flow_width(people)
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
    let clip = painter.clip_rect();
    for f in &state.scene.flows {
        let sel = Selection::Flow {
            layer: f.layer,
            index: f.flow,
        };
        let width = flow_width(f.people);
        // Inactive flows never get here: the filter hides them (see `filter.rs`).
        let color = colors.flow.gamma_multiply(opacity);
        let emphasised = state.selection == Some(sel);
        let mut on_screen = false;
        for leg in &f.legs {
            let pts: Vec<Pos2> = leg.iter().map(|p| pos(view.to_screen(*p))).collect();
            let (Some(&end), Some(&before)) = (pts.last(), pts.get(pts.len().saturating_sub(4)))
            else {
                continue;
            };
            on_screen |= clip.intersects(Rect::from_points(&pts));
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
        if on_screen {
            drawn.flows += 1;
        }
    }
    hit
}

fn draw_sites(
    painter: &egui::Painter,
    state: &AppState,
    layout: &Layout,
    colors: &MapColors,
    opacity: f32,
    pointer: Option<Pos2>,
    drawn: &mut DrawStats,
) -> Option<Selection> {
    let r = style::MARKER_RADIUS;
    let mut hit = None;
    for placed in &layout.sites {
        let Some(m) = state.scene.sites.get(placed.mark) else {
            continue;
        };
        let Some(site) = state
            .layers
            .get(m.layer)
            .and_then(|l| l.data.sites.get(m.site))
        else {
            continue;
        };
        let c = pos(placed.centre);
        let status = site.status_on(state.date);
        let sel = Selection::Site {
            layer: m.layer,
            index: m.site,
        };
        draw_marker(
            painter,
            &Marker {
                symbol: style::category_symbol(site.category),
                status,
                precision: palette::precision_cue(site.precision),
                selected: state.selection == Some(sel),
            },
            c,
            r,
            colors,
            opacity,
        );
        drawn.sites += 1;
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

/// What a site marker shows: its category's shape, its status (colour and fill level) and
/// what its point stands for (a ring).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Marker {
    pub symbol: Symbol,
    pub status: SiteStatus,
    pub precision: PrecisionCue,
    pub selected: bool,
}

/// A site marker as `nkmap render` draws it (`render::marker`): ring, casing, fill to the
/// status's level, outline in the status colour.
pub fn draw_marker(
    painter: &egui::Painter,
    m: &Marker,
    c: Pos2,
    r: f32,
    colors: &MapColors,
    opacity: f32,
) {
    let cue = palette::status_cue(m.status);
    let k = opacity * cue.opacity;
    let colour = colors.status(m.status).gamma_multiply(k);
    let casing = colors.casing.gamma_multiply(k);
    let at = |p: &[f32; 2]| c + vec2(p[0], p[1]);
    if let Some(ring) = m.precision.ring() {
        draw_ring(
            painter,
            c,
            ring,
            r,
            colors.label.gamma_multiply(0.9 * opacity),
        );
    }
    if m.selected {
        let halo: Vec<Pos2> = palette::symbol_shape(m.symbol, r * 1.5)
            .outline
            .iter()
            .map(at)
            .collect();
        painter.add(Shape::closed_line(halo, Stroke::new(2.5, colors.selected)));
    }
    let shape = palette::symbol_shape(m.symbol, r);
    let outline: Vec<Pos2> = shape.outline.iter().map(at).collect();
    painter.add(Shape::closed_line(
        outline.clone(),
        Stroke::new(cue.outline + palette::CASING_WIDTH, casing),
    ));
    // Fills as one plain mesh of the convex parts: no seams between them; the outline's
    // anti-aliased stroke covers the edge.
    let mut mesh = egui::Mesh::default();
    let mut fill = |parts: &[Vec<[f32; 2]>], colour: Color32| {
        for p in parts {
            let base = mesh.vertices.len() as u32;
            for q in p {
                mesh.colored_vertex(at(q), colour);
            }
            for t in 1..p.len().saturating_sub(1) as u32 {
                mesh.add_triangle(base, base + t, base + t + 1);
            }
        }
    };
    match cue.fill {
        FillLevel::Full => fill(&shape.parts, colour),
        FillLevel::Half => {
            fill(&shape.parts, casing);
            fill(&shape.parts_below(0.0), colour);
        }
        FillLevel::Hollow => fill(&shape.parts, casing),
    }
    painter.add(Shape::mesh(mesh));
    painter.add(Shape::closed_line(
        outline,
        Stroke::new(cue.outline, colour),
    ));
}

/// A dashed or dotted ring around a marker: where its point stands for an area.
fn draw_ring(painter: &egui::Painter, c: Pos2, ring: palette::Ring, r: f32, colour: Color32) {
    let radius = ring.radius * r;
    let n = 64;
    let pts: Vec<Pos2> = (0..=n)
        .map(|i| {
            let a = i as f32 * std::f32::consts::TAU / n as f32;
            c + vec2(a.cos(), a.sin()) * radius
        })
        .collect();
    if ring.dash > 0.0 {
        painter.extend(Shape::dashed_line(
            &pts,
            Stroke::new(ring.width, colour),
            ring.dash,
            ring.gap,
        ));
    } else {
        painter.extend(Shape::dotted_line(&pts, colour, ring.gap, ring.width / 2.0));
    }
}

/// The capital: a ring with a dot, in the label colour, on a casing.
fn draw_capital(painter: &egui::Painter, c: Pos2, colors: &MapColors, opacity: f32) {
    let ink = colors.label.gamma_multiply(opacity);
    painter.circle_filled(
        c,
        palette::CAPITAL_RADIUS + 1.5,
        colors.casing.gamma_multiply(opacity),
    );
    painter.circle_stroke(
        c,
        palette::CAPITAL_RADIUS - palette::CAPITAL_RING_WIDTH / 2.0,
        Stroke::new(palette::CAPITAL_RING_WIDTH, ink),
    );
    painter.circle_filled(c, palette::CAPITAL_DOT, ink);
}

/// A placed label: its leader line, halo and text.
fn draw_label(painter: &egui::Painter, l: &PlacedLabel, colors: &MapColors, opacity: f32) {
    let ink = match l.of {
        LabelOf::Flow(_) => colors.flow,
        _ => colors.label,
    }
    .gamma_multiply(opacity);
    if let Some([a, b]) = l.leader {
        painter.line_segment([pos(a), pos(b)], Stroke::new(1.0, ink.gamma_multiply(0.8)));
    }
    let halo = match l.of {
        LabelOf::County(_) => 0.55,
        LabelOf::Province(_) => 0.7,
        LabelOf::Capital | LabelOf::Flow(_) => 0.85,
    };
    let r = egui::Rect::from_min_max(pos(l.rect.min), pos(l.rect.max));
    painter.rect_filled(r, 3.0, colors.label_halo.gamma_multiply(halo * opacity));
    for (line, c) in l.lines.iter().zip(l.line_centres()) {
        painter.text(
            pos(c),
            egui::Align2::CENTER_CENTER,
            line,
            egui::FontId::proportional(l.size),
            ink,
        );
    }
}

/// A symbol filled with one colour (legends and lists): the map's shape at any size.
pub fn draw_symbol(
    painter: &egui::Painter,
    symbol: Symbol,
    c: Pos2,
    r: f32,
    fill: Color32,
    stroke: Stroke,
) {
    let shape = palette::symbol_shape(symbol, r);
    let at = |p: &[f32; 2]| c + vec2(p[0], p[1]);
    let mut mesh = egui::Mesh::default();
    for p in &shape.parts {
        let base = mesh.vertices.len() as u32;
        for q in p {
            mesh.colored_vertex(at(q), fill);
        }
        for t in 1..p.len().saturating_sub(1) as u32 {
            mesh.add_triangle(base, base + t, base + t + 1);
        }
    }
    painter.add(Shape::mesh(mesh));
    let outline: Vec<Pos2> = shape.outline.iter().map(at).collect();
    // A hairline in the fill colour keeps the mesh's edge smooth.
    let edge = if stroke.width > 0.0 {
        stroke
    } else {
        Stroke::new(0.8, fill)
    };
    painter.add(Shape::closed_line(outline, edge));
}

/// A precision ring as the map draws it, for the legend.
pub fn draw_precision_ring(
    painter: &egui::Painter,
    cue: PrecisionCue,
    c: Pos2,
    r: f32,
    colors: &MapColors,
) {
    if let Some(ring) = cue.ring() {
        draw_ring(painter, c, ring, r, colors.label.gamma_multiply(0.9));
    }
}

/// The capital's symbol, for the legend.
pub fn draw_capital_symbol(painter: &egui::Painter, c: Pos2, colors: &MapColors) {
    draw_capital(painter, c, colors, 1.0);
}

/// One report or event marker: an "i" (or a small square for a photo) in a circle.
fn draw_event(painter: &egui::Painter, c: Pos2, photo: bool, selected: bool, colors: &MapColors) {
    let r = palette::EVENT_RADIUS;
    painter.circle(
        c,
        r,
        colors.label_halo,
        Stroke::new(if selected { 2.5 } else { 1.5 }, colors.event),
    );
    if photo {
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
}

/// A group of reports at one place: one circle with their number.
pub fn draw_event_group(painter: &egui::Painter, c: Pos2, n: usize, colors: &MapColors) {
    painter.circle(
        c,
        palette::EVENT_GROUP_RADIUS,
        colors.label_halo,
        Stroke::new(1.5, colors.event),
    );
    painter.text(
        c,
        egui::Align2::CENTER_CENTER,
        n.to_string(),
        egui::FontId::proportional(9.5),
        colors.event,
    );
}

fn draw_events(
    painter: &egui::Painter,
    state: &AppState,
    layout: &Layout,
    colors: &MapColors,
    pointer: Option<Pos2>,
    drawn: &mut DrawStats,
) -> Option<Selection> {
    let mut hit = None;
    for g in &layout.events {
        let members: Vec<(Selection, bool)> = g
            .members
            .iter()
            .filter_map(|k| {
                let m = state.scene.events.get(*k)?;
                let e = state.layers.get(m.layer)?.data.events.get(m.site)?;
                Some((
                    Selection::Event {
                        layer: m.layer,
                        index: m.site,
                    },
                    e.kind == EventKind::Photo,
                ))
            })
            .collect();
        drawn.events += members.len();
        if members.len() > 1 && !g.spread {
            draw_event_group(painter, pos(g.centre), members.len(), colors);
            continue;
        }
        for ((sel, photo), c) in members.iter().zip(&g.member_centres) {
            let c = pos(*c);
            draw_event(painter, c, *photo, state.selection == Some(*sel), colors);
            if pointer.is_some_and(|q| (q - c).length() <= palette::EVENT_RADIUS + 2.0) {
                hit = Some(*sel);
            }
        }
    }
    hit
}

/// The regions the selection and the search name: labelled first (after the capital and
/// provinces), at any zoom.
pub fn named_places(state: &AppState) -> Vec<Named> {
    let mut ids: Vec<String> = Vec::new();
    for sel in state.selection.iter().chain(state.search_named.iter()) {
        match *sel {
            Selection::Province(k) => {
                ids.extend(state.geography.provinces.get(k).map(|r| r.id.clone()))
            }
            Selection::County(k) => {
                ids.extend(state.geography.counties.get(k).map(|r| r.id.clone()))
            }
            Selection::Site { layer, index } => ids.extend(
                state
                    .layers
                    .get(layer)
                    .and_then(|l| l.data.sites.get(index))
                    .and_then(|s| s.region_id.clone()),
            ),
            Selection::Flow { layer, index } => {
                if let Some(f) = state
                    .layers
                    .get(layer)
                    .and_then(|l| l.data.flows.get(index))
                {
                    ids.extend(f.from_region.clone());
                    ids.extend(f.to_regions.iter().flatten().cloned());
                }
            }
            Selection::Event { layer, index } => ids.extend(
                state
                    .layers
                    .get(layer)
                    .and_then(|l| l.data.events.get(index))
                    .and_then(|e| e.region_id.clone()),
            ),
            // Neither is a named region; a placemark's name is drawn beside it.
            Selection::Area { .. } | Selection::Placemark { .. } => {}
        }
    }
    cartography::named_regions(&state.geography, ids)
}

/// The label language as the shared layout takes it.
pub fn names_of(language: Language) -> Names {
    match language {
        Language::English => Names::English,
        Language::Korean => Names::Korean,
        Language::Both => Names::Both,
    }
}

/// Name of a region in the chosen language.
pub fn region_label(region: &crate::model::Region, language: Language) -> String {
    names_of(language).lines(region).join("\n")
}
