//! Rendering benchmarks against the peer, `walkers_extras::GeoJsonLayer` (`cargo bench`).
//!
//! Headless, 1600×1000 points at 1 pixel per point. A frame is egui's full run with the map UI
//! (`Context::run_ui` with a `walkers::Map` filling the window) plus `Context::tessellate`.
//! Views: the country at zoom 7 centred on 40.3N 127.5E; North Hamgyong at zoom 9 centred on
//! 41.6N 129.5E. Every frame pans the view by a tiny step, alternating, so nothing is reused
//! from the previous frame ("pan"); the "still" rows keep the view, which is what a repaint
//! for a hover or an animation elsewhere costs.
//!
//! Data: (1) the bundled provinces, counties and seeds with labels; (2) a 1,000,000-vertex
//! layer, the counties densified along their edges by `nkmap::synthetic` (holes kept, shared
//! edges densified identically); (3) the same data and views through the peer, with a line
//! `peer-ratio <data>-<view> <ratio>` (peer median / ours) printed at the end; (4) hover
//! picking on the 1M layer; (5) loading and preparing a ~30 MB GeoJSON written to a temp dir,
//! timed here and measured for peak memory in a child process (`VmHWM`).
//!
//! `NKMAP_BENCH_QUICK=1` shortens every measurement (for a smoke run).

mod common;

use common::{median_ns, vm_hwm_kb};
use criterion::{BenchmarkId, Criterion};
use egui::{CentralPanel, Color32, Context, Frame, RawInput, Rect, Shape, Stroke, pos2, vec2};
use geo_types::MultiPolygon;
use nkmap::app::NkmapApp;
use nkmap::map::gpu::{GpuCache, GpuPolygons, GpuRegions};
use nkmap::map::regions::AreaStyle;
use nkmap::map::{MapLayers, MapOutput, regions, view_of};
use nkmap::scene::PolygonLayer;
use nkmap::style::MapColors;
use serde_json::json;
use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};
use walkers::{MapMemory, Plugin, Projector, lon_lat};
use walkers_extras::GeoJsonLayer;

const SIZE: [f32; 2] = [1600.0, 1000.0];
const VIEWS: [(&str, (f64, f64), f64); 2] = [
    ("country", (127.5, 40.3), 7.0),
    ("north-hamgyong", (129.5, 41.6), 9.0),
];
const COUNTIES: &str = include_str!("../assets/boundaries/counties.geojson");
const PROVINCES: &str = include_str!("../assets/boundaries/provinces.geojson");

fn quick() -> bool {
    std::env::var_os("NKMAP_BENCH_QUICK").is_some()
}

fn criterion() -> Criterion {
    let c = Criterion::default().configure_from_args();
    if quick() {
        c.sample_size(10)
            .warm_up_time(Duration::from_millis(200))
            .measurement_time(Duration::from_millis(500))
    } else {
        c.sample_size(30)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3))
    }
}

/// A headless egui with the app's fonts and a map memory at a view.
struct Headless {
    ctx: Context,
    memory: MapMemory,
    /// The GPU path's uploads (drawables built once; without a wgpu renderer here, what is
    /// measured is the CPU's share of a frame: egui, the plugin, and handing over callbacks).
    gpu: GpuCache,
    center: (f64, f64),
    zoom: f64,
    step: u64,
}

/// How the view changes from one frame to the next.
#[derive(Clone, Copy, PartialEq)]
enum Motion {
    Still,
    /// About a pixel sideways, back and forth.
    Pan,
    /// 0.01 zoom levels in and out (every frame of a zoom animation rebuilds the meshes).
    Zoom,
}

impl Headless {
    fn new(center: (f64, f64), zoom: f64) -> Self {
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
            step: 0,
        }
    }

    /// One full frame: run + tessellate. `pan` moves the centre by about a pixel, alternating.
    fn frame(&mut self, pan: bool, what: &Draw<'_>) {
        self.frame_with(if pan { Motion::Pan } else { Motion::Still }, what)
    }

    fn frame_with(&mut self, motion: Motion, what: &Draw<'_>) {
        if motion == Motion::Zoom {
            self.step += 1;
            let z = self.zoom
                + if self.step.is_multiple_of(2) {
                    0.0
                } else {
                    0.01
                };
            let _ = self.memory.set_zoom(z);
        }
        if motion == Motion::Pan {
            self.step += 1;
            let d = if self.step.is_multiple_of(2) {
                0.0
            } else {
                1e-3
            };
            self.memory
                .center_at(lon_lat(self.center.0 + d, self.center.1));
        }
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(SIZE[0], SIZE[1]))),
            ..Default::default()
        };
        let memory = &mut self.memory;
        let cache = &mut self.gpu;
        let center = lon_lat(self.center.0, self.center.1);
        let out = self.ctx.run_ui(input, |ui| {
            CentralPanel::default().frame(Frame::NONE).show(ui, |ui| {
                let map = walkers::Map::new(None, memory, center);
                let mut map_out = MapOutput::default();
                let map = match what {
                    Draw::App(app) => map.with_plugin(MapLayers {
                        state: &app.state,
                        hovered: None,
                        regions_on_gpu: false,
                        out: &mut map_out,
                    }),
                    Draw::AppGpu(app) => map
                        .with_layer(
                            GpuRegions {
                                state: &app.state,
                                hovered: None,
                                colors: MapColors::for_visuals(&egui::Visuals::light()),
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
                    Draw::Layer(layer, full) => map.with_plugin(LayerPlugin {
                        layer,
                        full_res: *full,
                    }),
                    Draw::LayerGpu(layer) => map.with_layer(
                        GpuPolygons {
                            polygons: layer,
                            style: AreaStyle::new(&MapColors::for_visuals(&egui::Visuals::light())),
                            cache,
                        },
                        1.0,
                    ),
                    Draw::Peer(layers) => layers
                        .iter()
                        .fold(map, |map, layer| map.with_layer(layer, 1.0)),
                };
                map.show(ui, |_, _, _, _| {});
                black_box(map_out);
            });
        });
        let prims = self.ctx.tessellate(out.shapes, out.pixels_per_point);
        black_box(prims);
    }
}

enum Draw<'a> {
    /// The app's own map plugin over its state (bundled data, seeds, labels).
    App(&'a NkmapApp),
    /// The same with the regions on the GPU path (the app's default on wgpu).
    AppGpu(&'a NkmapApp),
    /// One polygon layer, filled and outlined; `true` = full resolution, no level of detail.
    Layer(&'a PolygonLayer, bool),
    /// One polygon layer on the GPU path.
    LayerGpu(&'a PolygonLayer),
    Peer(&'a [GeoJsonLayer]),
}

/// Draws one prepared polygon layer the way the map draws regions.
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
        let stroke = Stroke::new(1.0, Color32::from_rgb(90, 90, 90));
        let layer = self.layer;
        let mesh = regions::cached_mesh(
            ui.ctx(),
            response.id.with("bench"),
            key,
            &view,
            rect,
            |p, [vmin, vmax]| {
                for i in layer.visible(vmin, vmax) {
                    let fill = PALETTE[i % PALETTE.len()];
                    p.fill(&level, i, &view, fill);
                }
                for i in layer.visible(vmin, vmax) {
                    p.outline(&level, i, &view, stroke);
                }
            },
        );
        ui.painter().with_clip_rect(rect).add(Shape::Mesh(mesh));
    }
}

const PALETTE: [Color32; 4] = [
    Color32::from_rgb(233, 228, 210),
    Color32::from_rgb(220, 230, 214),
    Color32::from_rgb(236, 220, 214),
    Color32::from_rgb(214, 224, 236),
];

/// The peer's style: a fill and a line layer (its line layer draws nothing for polygons).
fn peer_style() -> walkers::Style {
    let style = json!({"layers": [
        {"type": "fill", "source-layer": "", "paint": {"fill-color": "#e9e4d2"}},
        {"type": "line", "source-layer": "", "paint": {"line-color": "#5a5a5a", "line-width": 1.0}},
    ]});
    match serde_json::from_value(style) {
        Ok(s) => s,
        Err(e) => panic!("peer style: {e}"),
    }
}

fn peer_layer(geojson: &str) -> GeoJsonLayer {
    match geojson.parse::<geojson::GeoJson>() {
        Ok(g) => GeoJsonLayer::new(g, peer_style()),
        Err(e) => panic!("peer GeoJSON: {e}"),
    }
}

fn vertex_count(shapes: &[MultiPolygon<f64>]) -> usize {
    use geo::CoordsIter;
    shapes.iter().map(|s| s.coords_count()).sum()
}

/// The counties densified to about `vertices` vertices (`nkmap::synthetic`), as an area
/// GeoJSON text (what `nkmap synth` writes, so the app's own reader loads it) and as shapes.
fn densified(vertices: usize) -> (String, Vec<MultiPolygon<f64>>) {
    let areas = match nkmap::synthetic::densified_counties(vertices) {
        Ok(a) => a,
        Err(e) => panic!("{e}"),
    };
    let text = nkmap::io::write_areas_geojson(&areas);
    (text, areas.into_iter().map(|a| a.geometry).collect())
}

fn load_and_prepare(path: &Path, geo: &nkmap::geography::Geography) -> PolygonLayer {
    let data = match nkmap::io::load_file(path, geo, nkmap::bundled::seed_sources()) {
        (Some(d), _) => d,
        (None, diags) => panic!("{}: {diags:?}", path.display()),
    };
    PolygonLayer::of_areas(&data.areas).unwrap_or_else(|| panic!("{}: no areas", path.display()))
}

fn geography() -> nkmap::geography::Geography {
    match nkmap::bundled::geography() {
        Ok(g) => g,
        Err(e) => panic!("{e}"),
    }
}

fn bench_frames(
    c: &mut Criterion,
    results: &mut BTreeMap<(&'static str, String), (String, String)>,
) {
    let mut app = match NkmapApp::new(None, vec![]) {
        Ok(a) => a,
        Err(e) => panic!("{e}"),
    };
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
    let bundled_peer = vec![peer_layer(PROVINCES), peer_layer(COUNTIES)];

    let (text, shapes) = densified(1_000_000);
    let big = PolygonLayer::prepare(shapes.iter(), nkmap::scene::origin());
    println!(
        "1M layer: {} vertices, {} bands: {:?}",
        big.vertex_count(),
        big.bands.len(),
        big.bands
            .iter()
            .map(|b| (b.max_zoom, b.ring_vertices.len()))
            .collect::<Vec<_>>()
    );
    let big_peer = vec![peer_layer(&text)];
    drop(text);

    let mut g = c.benchmark_group("frame");
    for (view, center, zoom) in VIEWS {
        for (data, ours, gpu, peer) in [
            (
                "bundled",
                Draw::App(&app),
                Draw::AppGpu(&app),
                Draw::Peer(&bundled_peer),
            ),
            (
                "1m",
                Draw::Layer(&big, false),
                Draw::LayerGpu(&big),
                Draw::Peer(&big_peer),
            ),
        ] {
            let id = format!("{data}-{view}");
            let mut h = Headless::new(center, zoom);
            g.bench_function(BenchmarkId::new("gpu-pan", &id), |b| {
                b.iter(|| h.frame(true, &gpu))
            });
            let mut h = Headless::new(center, zoom);
            g.bench_function(BenchmarkId::new("gpu-zoom", &id), |b| {
                b.iter(|| h.frame_with(Motion::Zoom, &gpu))
            });
            let mut h = Headless::new(center, zoom);
            g.bench_function(BenchmarkId::new("ours-pan", &id), |b| {
                b.iter(|| h.frame(true, &ours))
            });
            let mut h = Headless::new(center, zoom);
            g.bench_function(BenchmarkId::new("ours-still", &id), |b| {
                b.iter(|| h.frame(false, &ours))
            });
            let mut h = Headless::new(center, zoom);
            g.bench_function(BenchmarkId::new("ours-zoom", &id), |b| {
                b.iter(|| h.frame_with(Motion::Zoom, &ours))
            });
            let mut h = Headless::new(center, zoom);
            g.bench_function(BenchmarkId::new("peer-pan", &id), |b| {
                b.iter(|| h.frame(true, &peer))
            });
            // The app's default path on wgpu is the GPU one; the CPU path serves glow.
            results.insert(
                ("peer-ratio", id.clone()),
                (format!("gpu-pan/{id}"), format!("peer-pan/{id}")),
            );
            results.insert(
                ("peer-ratio-gpu-zooming", id.clone()),
                (format!("gpu-zoom/{id}"), format!("peer-pan/{id}")),
            );
            results.insert(
                ("peer-ratio-cpu", id.clone()),
                (format!("ours-pan/{id}"), format!("peer-pan/{id}")),
            );
            results.insert(
                ("peer-ratio-cpu-zooming", id.clone()),
                (format!("ours-zoom/{id}"), format!("peer-pan/{id}")),
            );
        }
        let id = format!("1m-fullres-{view}");
        let mut h = Headless::new(center, zoom);
        g.bench_function(BenchmarkId::new("ours-zoom", &id), |b| {
            b.iter(|| h.frame_with(Motion::Zoom, &Draw::Layer(&big, true)))
        });
    }
    g.finish();

    // (4) Hover picking on the 1M layer: points spread over the country, land and sea.
    let mut g = c.benchmark_group("pick");
    let points: Vec<[f32; 2]> = (0..997)
        .map(|i| {
            let (u, v) = ((i * 37 % 997) as f64 / 997.0, (i * 91 % 997) as f64 / 997.0);
            nkmap::scene::to_local(124.3 + 6.3 * u, 37.8 + 5.1 * v)
        })
        .collect();
    let hits = points.iter().filter(|p| big.pick(**p).is_some()).count();
    println!("pick: {hits} of {} probe points are on land", points.len());
    let mut i = 0;
    g.bench_function("1m", |b| {
        b.iter(|| {
            i = (i + 1) % points.len();
            black_box(big.pick(points[i]))
        })
    });
    let scene = &app.state.scene;
    g.bench_function("bundled-counties", |b| {
        b.iter(|| {
            i = (i + 1) % points.len();
            black_box(scene.counties.pick(points[i]))
        })
    });
    g.finish();
}

/// Prepare time for 10k, 100k and 1M vertices, and their frame time at country view.
fn bench_growth(c: &mut Criterion) {
    let mut g = c.benchmark_group("growth");
    g.sample_size(10);
    for target in [10_000usize, 100_000, 1_000_000] {
        let (_, shapes) = densified(target);
        let n = vertex_count(&shapes);
        g.bench_function(BenchmarkId::new("prepare", n), |b| {
            b.iter(|| PolygonLayer::prepare(shapes.iter(), nkmap::scene::origin()))
        });
        let layer = PolygonLayer::prepare(shapes.iter(), nkmap::scene::origin());
        let (_, center, zoom) = VIEWS[0];
        let mut h = Headless::new(center, zoom);
        g.bench_function(BenchmarkId::new("frame-country-zoom", n), |b| {
            b.iter(|| h.frame_with(Motion::Zoom, &Draw::Layer(&layer, false)))
        });
    }
    g.finish();
}

/// (5) A ~30 MB area file: read, parse, check, project, tessellate, simplify, index.
fn bench_load(c: &mut Criterion, dir: &Path) -> std::path::PathBuf {
    let mut vertices = 1_000_000;
    let path = dir.join("big.geojson");
    loop {
        let (text, _) = densified(vertices);
        if text.len() >= 30_000_000 || vertices > 100_000_000 {
            if let Err(e) = std::fs::write(&path, &text) {
                panic!("{}: {e}", path.display());
            }
            println!("load: {} bytes, {vertices} vertices asked for", text.len());
            break;
        }
        vertices = (vertices as f64 * 30.5e6 / text.len() as f64).ceil() as usize;
    }
    let geo = geography();
    let mut g = c.benchmark_group("load");
    g.sample_size(10);
    g.bench_function("30mb", |b| {
        b.iter(|| black_box(load_and_prepare(&path, &geo)))
    });
    g.finish();
    path
}

fn main() {
    // Child mode: load one file and report the peak memory (a fresh process, so nothing else
    // is counted).
    if let Some(path) = std::env::var_os("NKMAP_BENCH_LOAD_CHILD") {
        let geo = geography();
        let before = vm_hwm_kb();
        let start = Instant::now();
        let layer = load_and_prepare(Path::new(&path), &geo);
        println!(
            "{} {} {} {}",
            start.elapsed().as_secs_f64(),
            vm_hwm_kb(),
            before,
            layer.vertex_count()
        );
        return;
    }
    let mut c = criterion();
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("temp dir: {e}"),
    };
    let mut pairs = BTreeMap::new();
    bench_frames(&mut c, &mut pairs);
    bench_growth(&mut c);
    let path = bench_load(&mut c, dir.path());
    c.final_summary();

    for ((label, id), (ours, peer)) in &pairs {
        match (median_ns("frame", ours), median_ns("frame", peer)) {
            (Some(o), Some(p)) => println!(
                "{label} {id} {:.1}   (ours {:.3} ms, peer {:.3} ms, medians)",
                p / o,
                o / 1e6,
                p / 1e6
            ),
            _ => println!("{label} {id} unknown (no estimates found)"),
        }
    }
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    match std::env::current_exe().and_then(|exe| {
        std::process::Command::new(exe)
            .env("NKMAP_BENCH_LOAD_CHILD", &path)
            .output()
    }) {
        Ok(out) => {
            let line = String::from_utf8_lossy(&out.stdout);
            let f: Vec<f64> = line
                .split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect();
            if let [secs, peak_kb, before_kb, vertices] = f[..] {
                println!(
                    "load-memory {} MB file, {vertices} vertices: {secs:.2} s, peak RSS {:.0} MB \
                     ({:.0} MB before loading) = {:.2}x the file",
                    size / 1_000_000,
                    peak_kb / 1024.0,
                    before_kb / 1024.0,
                    peak_kb * 1024.0 / size as f64
                );
            } else {
                println!("load-memory: child said {line:?}");
            }
        }
        Err(e) => println!("load-memory: could not run the child: {e}"),
    }
}
