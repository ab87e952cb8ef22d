//! Frame benchmarks against the peer, `walkers_extras::GeoJsonLayer` (`cargo bench --bench
//! render`), measuring what a user feels: whole frames.
//!
//! Two measures of a frame, at 1600×1000 points and 1 pixel per point:
//!
//! - **CPU time per frame** (group `cpu-time`): egui's full run with the map filling the window
//!   (`Context::run_ui` with a `walkers::Map`) plus `Context::tessellate`. What the processor
//!   spends before the graphics driver gets the frame.
//! - **Frame rendered** (group `rendered`): the same, then the frame drawn through egui's wgpu
//!   renderer into an offscreen texture and waited for (`Device::poll`): walkers' renderer
//!   uploads and draws the GPU path's and the peer's drawables, egui draws the meshes. Here the
//!   "GPU" is lavapipe, Mesa's software Vulkan rasterizer, so this includes rasterizing every
//!   pixel on the CPU; on a real graphics card that part is far smaller. Printed as
//!   `rendered-frame <gpu|cpu|peer> <data>-<view> <ms>`.
//!
//! Paths: `gpu` is the app's default (regions handed to walkers' wgpu renderer once, moved by
//! a transform); `cpu` is the glow renderer's and `nkmap render`'s (cached screen meshes);
//! `peer` is `GeoJsonLayer` given the same work where it can do it: province fills, province
//! and county outlines as LineStrings (its line style draws nothing for polygons), the flows as
//! LineStrings, sites as points (a one-letter text symbol: it has no circle layer) and the
//! region names as text at the same anchors.
//!
//! Views: the country at zoom 7 centred on 40.3N 127.5E; North Hamgyong at zoom 9 centred on
//! 41.6N 129.5E. Motions: `pan` moves the centre on a circle of 300 px radius, 8 px a frame
//! (every frame is somewhere new; the CPU path's cached mesh is moved, and rebuilt when the
//! view leaves what it covers); `zoom` swings the zoom by ±1.2 around the view's, up to 0.06 a
//! frame, across a level-of-detail band boundary (7 and 9); `still` repaints the same view.
//!
//! Data: `bundled` (provinces, counties, the seeds on 2025-06-01, labels); `1m` (the counties
//! densified to 1,000,000 vertices along their straight edges: every band drops them again);
//! `1m-detail` (`nkmap synth --detail`: the counties' edges as fractal curves, 1,000,000
//! vertices of real detail that the bands must keep when zoomed in); and the densified layer at
//! full resolution (`cpu-nolod`, the worst case). The 1M layers are drawn alone, as an area
//! layer would be, and the peer gets the same polygons (fills and outlines as LineStrings).
//!
//! Ratios (`peer-ratio …`, `rendered-ratio …`) are computed in this process from the frames
//! timed in this run (the median of every frame timed inside criterion's measurement), never
//! read back from criterion's files. Criterion ids are unique across the benches.
//!
//! `NKMAP_BENCH_QUICK=1` shortens every measurement (a smoke run); criterion's filter works as
//! usual (`cargo bench --bench render -- cpu-time`); `NKMAP_BENCH_DATA=bundled` (a comma list
//! of `bundled`, `1m`, `1m-detail`, `growth`) skips preparing and measuring the other data.

#[allow(dead_code)] // Memory and criterion-file helpers are for other benches.
mod common;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion};
use eframe::egui_wgpu::{self, wgpu};
use egui::{CentralPanel, Context, Frame, RawInput, Rect, Shape, pos2, vec2};
use geo_types::MultiPolygon;
use nkmap::app::NkmapApp;
use nkmap::map::gpu::{GpuCache, GpuPolygons, GpuRegions};
use nkmap::map::regions::{self, AreaStyle};
use nkmap::map::{MapLayers, MapOutput, view_of};
use nkmap::scene::{PolygonLayer, View};
use nkmap::style::MapColors;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::rc::Rc;
use std::time::{Duration, Instant};
use walkers::{MapMemory, Plugin, Projector, lon_lat};
use walkers_extras::GeoJsonLayer;

const SIZE: [f32; 2] = [1600.0, 1000.0];
const VIEWS: [(&str, (f64, f64), f64); 2] = [
    ("country", (127.5, 40.3), 7.0),
    ("north-hamgyong", (129.5, 41.6), 9.0),
];

fn criterion() -> Criterion {
    common::criterion(30, Duration::from_secs(3))
}

/// How the view changes from one frame to the next.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Motion {
    Still,
    Pan,
    Zoom,
}

impl Motion {
    fn name(self) -> &'static str {
        match self {
            Motion::Still => "still",
            Motion::Pan => "pan",
            Motion::Zoom => "zoom",
        }
    }

    /// The centre and zoom of frame `t` around the view `(center, zoom)`.
    fn at(self, center: (f64, f64), zoom: f64, t: u64) -> ((f64, f64), f64) {
        use std::f64::consts::TAU;
        match self {
            Motion::Still => (center, zoom),
            Motion::Pan => {
                // 300 px radius, 240 frames a turn: about 8 px a frame.
                let a = t as f64 * TAU / 240.0;
                let view = View::new(center, zoom, [0.0, 0.0], [1.0, 1.0]);
                let [x, y] = view.to_local([(300.0 * a.cos()) as f32, (300.0 * a.sin()) as f32]);
                (nkmap::scene::to_lon_lat([f64::from(x), f64::from(y)]), zoom)
            }
            Motion::Zoom => (center, zoom + 1.2 * (t as f64 * TAU / 120.0).sin()),
        }
    }
}

/// egui's wgpu renderer drawing into an offscreen texture, with walkers' renderer installed
/// (for the GPU path's and the peer's drawables). One device for the whole run: lavapipe
/// compiles its shaders once.
struct Offscreen {
    state: egui_wgpu::RenderState,
    view: wgpu::TextureView,
    size: [u32; 2],
}

impl Offscreen {
    fn new() -> Self {
        let state = egui_kittest::wgpu::create_render_state(
            egui_kittest::wgpu::default_wgpu_setup(),
            egui_wgpu::RendererOptions::default(),
        );
        walkers::install_renderer(Some(&state));
        let size = [SIZE[0] as u32, SIZE[1] as u32];
        let texture = state.device.create_texture(&wgpu::TextureDescriptor {
            label: Some("nkmap bench frame"),
            size: wgpu::Extent3d {
                width: size[0],
                height: size[1],
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: state.target_format,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT,
            view_formats: &[],
        });
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        println!(
            "rendered frames: {:?} on {} ({:?})",
            state.adapter.get_info().name,
            state.adapter.get_info().backend,
            state.adapter.get_info().device_type
        );
        Offscreen { state, view, size }
    }

    /// Draws one frame's output and waits until the device has finished it.
    fn draw(&self, ctx: &Context, output: egui::FullOutput) {
        let (device, queue) = (&self.state.device, &self.state.queue);
        let mut renderer = self.state.renderer.write();
        for (id, deltas) in &output.textures_delta.set {
            for delta in deltas {
                renderer.update_texture(device, queue, *id, delta);
            }
        }
        let prims = ctx.tessellate(output.shapes, output.pixels_per_point);
        let screen = egui_wgpu::ScreenDescriptor {
            size_in_pixels: self.size,
            pixels_per_point: output.pixels_per_point,
        };
        let mut encoder =
            device.create_command_encoder(&wgpu::CommandEncoderDescriptor { label: None });
        let user = renderer.update_buffers(device, queue, &mut encoder, &prims, &screen);
        {
            let mut pass = encoder
                .begin_render_pass(&wgpu::RenderPassDescriptor {
                    label: Some("nkmap bench pass"),
                    color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                        view: &self.view,
                        resolve_target: None,
                        ops: wgpu::Operations {
                            load: wgpu::LoadOp::Clear(wgpu::Color::TRANSPARENT),
                            store: wgpu::StoreOp::Store,
                        },
                        depth_slice: None,
                    })],
                    ..Default::default()
                })
                .forget_lifetime();
            renderer.render(&mut pass, &prims, &screen);
        }
        queue.submit(user.into_iter().chain(std::iter::once(encoder.finish())));
        if let Err(e) = device.poll(wgpu::PollType::Wait {
            submission_index: None,
            timeout: None,
        }) {
            panic!("the device did not finish the frame: {e}");
        }
        for id in &output.textures_delta.free {
            renderer.free_texture(id);
        }
    }
}

/// A headless egui with the app's fonts and a map at a view; renders offscreen when given a
/// device.
struct Headless {
    ctx: Context,
    memory: MapMemory,
    /// The GPU path's uploads (drawables built once, then moved).
    gpu: GpuCache,
    center: (f64, f64),
    zoom: f64,
    t: u64,
    offscreen: Option<Rc<Offscreen>>,
}

impl Headless {
    fn new(center: (f64, f64), zoom: f64, offscreen: Option<Rc<Offscreen>>) -> Self {
        let ctx = Context::default();
        nkmap::style::install_fonts(&ctx);
        let mut memory = MapMemory::default();
        memory.center_at(lon_lat(center.0, center.1));
        if memory.set_zoom(zoom).is_err() {
            panic!("zoom {zoom} out of range");
        }
        Headless {
            ctx,
            memory,
            gpu: GpuCache::default(),
            center,
            zoom,
            t: 0,
            offscreen,
        }
    }

    /// One whole frame: run, tessellate and (with a device) render.
    fn frame(&mut self, motion: Motion, what: &Draw<'_>) {
        self.t += 1;
        let ((lon, lat), zoom) = motion.at(self.center, self.zoom, self.t);
        self.memory.center_at(lon_lat(lon, lat));
        let _ = self.memory.set_zoom(zoom);
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(SIZE[0], SIZE[1]))),
            ..Default::default()
        };
        let memory = &mut self.memory;
        let cache = &mut self.gpu;
        let center = lon_lat(self.center.0, self.center.1);
        let output = self.ctx.run_ui(input, |ui| {
            CentralPanel::default().frame(Frame::NONE).show(ui, |ui| {
                let map = walkers::Map::new(None, memory, center);
                let mut map_out = MapOutput::default();
                let light = MapColors::for_visuals(&egui::Visuals::light());
                let map = match what {
                    Draw::App(app, false) => map.with_plugin(MapLayers {
                        state: &app.state,
                        hovered: None,
                        regions_on_gpu: false,
                        out: &mut map_out,
                    }),
                    Draw::App(app, true) => map
                        .with_layer(
                            GpuRegions {
                                state: &app.state,
                                hovered: None,
                                colors: light,
                                cache,
                            },
                            1.0,
                        )
                        .with_plugin(MapLayers {
                            state: &app.state,
                            hovered: None,
                            regions_on_gpu: true,
                            out: &mut map_out,
                        }),
                    Draw::Layer(layer, full_res) => map.with_plugin(LayerPlugin {
                        layer,
                        full_res: *full_res,
                    }),
                    Draw::LayerGpu(layer) => map.with_layer(
                        GpuPolygons {
                            polygons: layer,
                            style: AreaStyle::new(&light),
                            cache,
                        },
                        1.0,
                    ),
                    Draw::Peer(layers) => layers
                        .iter()
                        .fold(map, |map, layer| map.with_layer(layer, 1.0)),
                    Draw::Empty => map,
                };
                map.show(ui, |_, _, _, _| {});
                black_box(map_out);
            });
        });
        match &self.offscreen {
            Some(o) => o.draw(&self.ctx, output),
            None => {
                black_box(self.ctx.tessellate(output.shapes, output.pixels_per_point));
            }
        }
    }
}

enum Draw<'a> {
    /// The app's own map over its state (bundled data, seeds, labels); `true` = GPU path.
    App(&'a NkmapApp, bool),
    /// One polygon layer on the CPU path, filled and outlined; `true` = full resolution.
    Layer(&'a PolygonLayer, bool),
    /// One polygon layer on the GPU path.
    LayerGpu(&'a PolygonLayer),
    Peer(&'a [GeoJsonLayer]),
    /// The map widget with nothing on it: what every path pays before drawing anything.
    Empty,
}

/// Draws one prepared polygon layer the way the map draws an area layer on the CPU path.
struct LayerPlugin<'a> {
    layer: &'a PolygonLayer,
    full_res: bool,
}

impl Plugin for LayerPlugin<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut egui::Ui,
        response: &egui::Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        let rect = response.rect;
        let view = view_of(projector, rect);
        let level = if self.full_res {
            self.layer.full()
        } else {
            self.layer.level(view.zoom())
        };
        let key = regions::key_of((
            self.layer.id,
            self.full_res,
            regions::view_bits(&view, rect),
        ));
        let style = AreaStyle::new(&MapColors::for_visuals(&egui::Visuals::light()));
        let layer = self.layer;
        let (mesh, _) = regions::cached_mesh(
            ui.ctx(),
            response.id.with("bench"),
            key,
            &view,
            rect,
            |p, [vmin, vmax]| {
                let visible: Vec<usize> = layer.visible(vmin, vmax).collect();
                let mut sink = regions::OnScreen {
                    painter: p,
                    view: &view,
                };
                regions::paint_areas(&mut sink, &level, &visible, &style)
            },
        );
        ui.painter().with_clip_rect(rect).add(Shape::Mesh(mesh));
    }
}

// ---------------------------------------------------------------------------------------------
// The peer's data: the same things, as GeoJSON features its style layers can draw.

fn collection(features: Vec<Value>) -> GeoJsonLayerInput {
    GeoJsonLayerInput(json!({"type": "FeatureCollection", "features": features}))
}

struct GeoJsonLayerInput(Value);

impl GeoJsonLayerInput {
    fn with_style(self, style: Value) -> GeoJsonLayer {
        let geojson: geojson::GeoJson = match serde_json::from_value(self.0) {
            Ok(g) => g,
            Err(e) => panic!("peer GeoJSON: {e}"),
        };
        let style: walkers::Style = match serde_json::from_value(json!({ "layers": [style] })) {
            Ok(s) => s,
            Err(e) => panic!("peer style: {e}"),
        };
        GeoJsonLayer::new(geojson, style)
    }
}

fn ring_coords(ring: &geo_types::LineString<f64>) -> Vec<[f64; 2]> {
    ring.0.iter().map(|c| [c.x, c.y]).collect()
}

fn polygon_coords(p: &geo_types::Polygon<f64>) -> Vec<Vec<[f64; 2]>> {
    std::iter::once(p.exterior())
        .chain(p.interiors())
        .map(ring_coords)
        .collect()
}

/// Polygons to fill.
fn fills(shapes: &[&MultiPolygon<f64>]) -> GeoJsonLayerInput {
    collection(
        shapes
            .iter()
            .map(|s| {
                let polys: Vec<_> = s.0.iter().map(polygon_coords).collect();
                json!({"type": "Feature", "properties": {},
                       "geometry": {"type": "MultiPolygon", "coordinates": polys}})
            })
            .collect(),
    )
}

/// Every ring of the polygons as a line.
fn outlines(shapes: &[&MultiPolygon<f64>]) -> GeoJsonLayerInput {
    collection(
        shapes
            .iter()
            .map(|s| {
                let lines: Vec<_> = s.0.iter().flat_map(polygon_coords).collect();
                json!({"type": "Feature", "properties": {},
                       "geometry": {"type": "MultiLineString", "coordinates": lines}})
            })
            .collect(),
    )
}

fn fill_style(color: &str) -> Value {
    json!({"type": "fill", "source-layer": "", "paint": {"fill-color": color}})
}

fn line_style(color: &str, width: f32) -> Value {
    json!({"type": "line", "source-layer": "",
           "paint": {"line-color": color, "line-width": width}})
}

fn text_style(size: f32) -> Value {
    json!({"type": "symbol", "source-layer": "",
           "layout": {"text-field": ["get", "name"], "text-size": size},
           "paint": {"text-color": "#2b2822", "text-halo-color": "#f7f4ec", "text-halo-width": 1.0}})
}

fn point(lon_lat: (f64, f64), name: &str) -> Value {
    json!({"type": "Feature", "properties": {"name": name},
           "geometry": {"type": "Point", "coordinates": [lon_lat.0, lon_lat.1]}})
}

fn lon_lat_of(p: [f32; 2]) -> (f64, f64) {
    nkmap::scene::to_lon_lat([f64::from(p[0]), f64::from(p[1])])
}

/// What the app draws for the bundled data, as the peer's layers.
fn bundled_peer(app: &NkmapApp) -> Vec<GeoJsonLayer> {
    let geo = &app.state.geography;
    let scene = &app.state.scene;
    let provinces: Vec<&MultiPolygon<f64>> = geo.provinces.iter().map(|r| &r.geometry).collect();
    let counties: Vec<&MultiPolygon<f64>> = geo.counties.iter().map(|r| &r.geometry).collect();
    let flows: Vec<Value> = scene
        .flows
        .iter()
        .flat_map(|f| f.legs.iter())
        .map(|leg| {
            let line: Vec<[f64; 2]> = leg
                .iter()
                .map(|p| {
                    let (lon, lat) = lon_lat_of(*p);
                    [lon, lat]
                })
                .collect();
            json!({"type": "Feature", "properties": {},
                   "geometry": {"type": "LineString", "coordinates": line}})
        })
        .collect();
    let sites: Vec<Value> = scene
        .sites
        .iter()
        .map(|m| point(lon_lat_of(m.at), "o"))
        .collect();
    let labels: Vec<Value> = scene
        .province_labels
        .iter()
        .filter_map(|l| {
            Some(point(
                lon_lat_of(l.anchor),
                &geo.provinces.get(l.region)?.names.en,
            ))
        })
        .chain(scene.county_labels.iter().filter_map(|l| {
            Some(point(
                lon_lat_of(l.anchor),
                &geo.counties.get(l.region)?.names.en,
            ))
        }))
        .collect();
    vec![
        fills(&provinces).with_style(fill_style("#eee4c6")),
        outlines(&counties).with_style(line_style("#6e6758", 0.7)),
        outlines(&provinces).with_style(line_style("#5a5446", 1.6)),
        collection(flows).with_style(line_style("#b03a2e", 4.0)),
        collection(sites).with_style(text_style(14.0)),
        collection(labels).with_style(text_style(12.0)),
    ]
}

/// An area layer as the peer's layers: fills and outlines.
fn area_peer(shapes: &[MultiPolygon<f64>]) -> Vec<GeoJsonLayer> {
    let refs: Vec<&MultiPolygon<f64>> = shapes.iter().collect();
    vec![
        fills(&refs).with_style(fill_style("#ddd4e6")),
        outlines(&refs).with_style(line_style("#6a3d9a", 0.8)),
    ]
}

// ---------------------------------------------------------------------------------------------

fn app() -> NkmapApp {
    let mut app = match NkmapApp::new(None, vec![]) {
        Ok(a) => a,
        Err(e) => panic!("{e}"),
    };
    app.state
        .set_today(nkmap::model::PartialDate::ymd(2025, 6, 1).start_day_number());
    // `NKMAP_BENCH_OFF=labels,sites,events,flows` turns layers off, to see what each costs.
    if let Ok(off) = std::env::var("NKMAP_BENCH_OFF") {
        use nkmap::state::settings::Layer;
        for l in off.split(',') {
            let layer = match l {
                "labels" => Layer::Labels,
                "sites" => Layer::Sites,
                "flows" => Layer::Flows,
                "events" => Layer::Events,
                _ => continue,
            };
            let mut st = app.state.settings.layer(layer);
            st.visible = false;
            app.apply(nkmap::state::Action::SetLayer(layer, st));
        }
    }
    app
}

fn areas(detail: bool, vertices: usize) -> Vec<MultiPolygon<f64>> {
    let made = if detail {
        nkmap::synthetic::detailed_counties(vertices)
    } else {
        nkmap::synthetic::densified_counties(vertices)
    };
    match made {
        Ok(a) => a.into_iter().map(|a| a.geometry).collect(),
        Err(e) => panic!("{e}"),
    }
}

fn describe(name: &str, layer: &PolygonLayer) {
    println!(
        "{name}: {} vertices; band (up to zoom, ring vertices kept): {:?}",
        layer.vertex_count(),
        layer
            .bands
            .iter()
            .map(|b| (b.max_zoom, b.ring_vertices.len()))
            .collect::<Vec<_>>()
    );
}

/// Frame times (ms) recorded inside criterion's runs, by benchmark id.
type Samples = BTreeMap<String, Vec<f64>>;

/// Benchmarks `frame` as `group/id`, keeping every frame's time for the in-process ratios.
fn measure(
    (g, group): (&mut BenchmarkGroup<'_, WallTime>, &str),
    samples: &mut Samples,
    id: String,
    mut frame: impl FnMut(),
) {
    let mut times = Vec::new();
    g.bench_function(&id, |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            for _ in 0..iters {
                let t = Instant::now();
                frame();
                times.push(t.elapsed().as_secs_f64() * 1e3);
            }
            start.elapsed()
        })
    });
    if !times.is_empty() {
        samples.insert(format!("{group}/{id}"), times);
    }
}

fn median(v: &[f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    Some(v[v.len() / 2])
}

/// The data sets of the frame benchmarks: (name, ours on the CPU path, ours on the GPU path,
/// the peer).
struct Data<'a> {
    name: &'static str,
    cpu: Draw<'a>,
    gpu: Draw<'a>,
    peer: Draw<'a>,
}

/// Whether `NKMAP_BENCH_DATA` (unset: everything) asks for the data set `name`.
fn wanted(name: &str) -> bool {
    std::env::var("NKMAP_BENCH_DATA").map_or(true, |v| v.split(',').any(|d| d.trim() == name))
}

fn bench_frames(c: &mut Criterion, samples: &mut Samples) {
    let app = app();
    let bundled_peer = bundled_peer(&app);

    // A small stand-in when a 1M layer is not wanted: the loops below stay the same.
    let vertices = |name: &str| if wanted(name) { 1_000_000 } else { 0 };
    let dense = areas(false, vertices("1m"));
    let dense_layer = PolygonLayer::prepare(dense.iter(), nkmap::scene::origin());
    describe("1m (densified)", &dense_layer);
    let dense_peer = area_peer(&dense);
    drop(dense);
    let detail = areas(true, vertices("1m-detail"));
    let detail_layer = PolygonLayer::prepare(detail.iter(), nkmap::scene::origin());
    describe("1m-detail (synth --detail)", &detail_layer);
    let detail_peer = area_peer(&detail);
    drop(detail);

    let data: Vec<Data<'_>> = [
        Data {
            name: "bundled",
            cpu: Draw::App(&app, false),
            gpu: Draw::App(&app, true),
            peer: Draw::Peer(&bundled_peer),
        },
        Data {
            name: "1m",
            cpu: Draw::Layer(&dense_layer, false),
            gpu: Draw::LayerGpu(&dense_layer),
            peer: Draw::Peer(&dense_peer),
        },
        Data {
            name: "1m-detail",
            cpu: Draw::Layer(&detail_layer, false),
            gpu: Draw::LayerGpu(&detail_layer),
            peer: Draw::Peer(&detail_peer),
        },
    ]
    .into_iter()
    .filter(|d| wanted(d.name))
    .collect();

    // CPU time per frame.
    let mut g = c.benchmark_group("cpu-time");
    for (view, center, zoom) in VIEWS {
        for d in &data {
            let id = format!("{}-{view}", d.name);
            for motion in [Motion::Pan, Motion::Zoom] {
                for (path, draw) in [("gpu", &d.gpu), ("cpu", &d.cpu), ("peer", &d.peer)] {
                    let mut h = Headless::new(center, zoom, None);
                    measure(
                        (&mut g, "cpu-time"),
                        samples,
                        format!("{path}-{}/{id}", motion.name()),
                        || h.frame(motion, draw),
                    );
                }
            }
            if d.name == "bundled" {
                let mut h = Headless::new(center, zoom, None);
                measure(
                    (&mut g, "cpu-time"),
                    samples,
                    format!("cpu-still/{id}"),
                    || h.frame(Motion::Still, &d.cpu),
                );
                let mut h = Headless::new(center, zoom, None);
                measure(
                    (&mut g, "cpu-time"),
                    samples,
                    format!("empty-pan/{view}"),
                    || h.frame(Motion::Pan, &Draw::Empty),
                );
            }
        }
        if wanted("1m") {
            let mut h = Headless::new(center, zoom, None);
            measure(
                (&mut g, "cpu-time"),
                samples,
                format!("cpu-nolod-zoom/1m-{view}"),
                || h.frame(Motion::Zoom, &Draw::Layer(&dense_layer, true)),
            );
        }
    }
    g.finish();

    // Frames rendered through wgpu (lavapipe here), panning.
    let offscreen = Rc::new(Offscreen::new());
    let mut g = c.benchmark_group("rendered");
    g.sample_size(10);
    if !common::quick() {
        g.measurement_time(Duration::from_secs(5));
    }
    for (view, center, zoom) in VIEWS {
        for d in &data {
            let id = format!("{}-{view}", d.name);
            for (path, draw) in [("gpu", &d.gpu), ("cpu", &d.cpu), ("peer", &d.peer)] {
                let mut h = Headless::new(center, zoom, Some(offscreen.clone()));
                measure(
                    (&mut g, "rendered"),
                    samples,
                    format!("{path}-pan/{id}"),
                    || h.frame(Motion::Pan, draw),
                );
            }
        }
    }
    g.finish();

    // Hover picking on the 1M layers: points spread over the country, land and sea.
    let mut g = c.benchmark_group("pick");
    let points: Vec<[f32; 2]> = (0..997)
        .map(|i| {
            let (u, v) = ((i * 37 % 997) as f64 / 997.0, (i * 91 % 997) as f64 / 997.0);
            nkmap::scene::to_local(124.3 + 6.3 * u, 37.8 + 5.1 * v)
        })
        .collect();
    for (name, layer) in [
        ("1m", &dense_layer),
        ("1m-detail", &detail_layer),
        ("bundled-counties", &app.state.scene.counties),
    ]
    .into_iter()
    .filter(|(name, _)| wanted(name) || *name == "bundled-counties")
    {
        let mut i = 0;
        g.bench_function(name, |b| {
            b.iter(|| {
                i = (i + 1) % points.len();
                black_box(layer.pick(points[i]))
            })
        });
    }
    g.finish();
}

/// Prepare time for 10k, 100k and 1M vertices (densified and detailed), and the CPU path's
/// frame at country view, zooming.
fn bench_growth(c: &mut Criterion) {
    let mut g = c.benchmark_group("growth");
    g.sample_size(10);
    for detail in [false, true] {
        let kind = if detail { "detail" } else { "dense" };
        for target in [10_000usize, 100_000, 1_000_000] {
            let shapes = areas(detail, target);
            let n: usize = shapes.iter().map(nkmap::synthetic::positions).sum();
            g.bench_function(format!("prepare-{kind}/{n}"), |b| {
                b.iter(|| PolygonLayer::prepare(shapes.iter(), nkmap::scene::origin()))
            });
            let layer = PolygonLayer::prepare(shapes.iter(), nkmap::scene::origin());
            let (_, center, zoom) = VIEWS[0];
            let mut h = Headless::new(center, zoom, None);
            g.bench_function(format!("frame-{kind}-country-zoom/{n}"), |b| {
                b.iter(|| h.frame(Motion::Zoom, &Draw::Layer(&layer, false)))
            });
        }
    }
    g.finish();
}

fn main() {
    let mut c = criterion();
    let mut samples = Samples::new();
    bench_frames(&mut c, &mut samples);
    if wanted("growth") {
        bench_growth(&mut c);
    }
    c.final_summary();

    // Everything below is from the frames timed above, in this process.
    let get = |group: &str, id: &str| {
        samples
            .get(&format!("{group}/{id}"))
            .and_then(|v| median(v))
    };
    for (view, _, _) in VIEWS {
        for data in ["bundled", "1m", "1m-detail"] {
            let id = format!("{data}-{view}");
            for motion in ["pan", "zoom"] {
                let peer = get("cpu-time", &format!("peer-{motion}/{id}"));
                for path in ["gpu", "cpu"] {
                    match (get("cpu-time", &format!("{path}-{motion}/{id}")), peer) {
                        (Some(o), Some(p)) => println!(
                            "peer-ratio {path} {id} {motion} {:.1}   (CPU time per frame: ours \
                             {o:.3} ms, peer {p:.3} ms; medians of this run)",
                            p / o
                        ),
                        _ => println!("peer-ratio {path} {id} {motion} not measured in this run"),
                    }
                }
            }
            for path in ["gpu", "cpu", "peer"] {
                if let Some(ms) = get("rendered", &format!("{path}-pan/{id}")) {
                    println!("rendered-frame {path} {id} {ms:.2}");
                }
            }
            let peer = get("rendered", &format!("peer-pan/{id}"));
            for path in ["gpu", "cpu"] {
                if let (Some(o), Some(p)) = (get("rendered", &format!("{path}-pan/{id}")), peer) {
                    println!(
                        "rendered-ratio {path} {id} {:.1}   (frame rendered: ours {o:.2} ms, \
                         peer {p:.2} ms)",
                        p / o
                    );
                }
            }
        }
    }
    for (id, v) in &samples {
        if let Some(m) = median(v) {
            println!("median {id} {m:.3} ms ({} frames)", v.len());
        }
    }
}
