//! KML benchmarks (`cargo bench --bench kml`): a 70,000-placemark KMZ made by
//! `nkmap::synthetic::placemarks` (what `nkmap synth --placemarks 70000` writes), read and
//! prepared; frames at country zoom and at zoom 12; hover picking; and the same points through
//! the peer, `walkers_extras::GeoJsonLayer` (its way to draw points: a symbol layer writing each
//! point's name), with `peer-ratio kml-70k-<view> <peer median / ours>` printed at the end.
//!
//! Frames are as in `benches/render.rs`: headless egui at 1600×1000 points, `run_ui` with a
//! `walkers::Map` plus `tessellate`, the view panned by about a pixel every frame so nothing is
//! reused. "ours" is the app's map plugin with every other layer turned off (only the
//! placemarks), "ours-app" the whole app map with the placemarks on top of it.
//!
//! `NKMAP_BENCH_QUICK=1` shortens every measurement (for a smoke run).

mod common;

use common::{median_ns, vm_hwm_kb};
use criterion::{BenchmarkId, Criterion};
use egui::{CentralPanel, Context, Frame, RawInput, Rect, pos2, vec2};
use nkmap::app::NkmapApp;
use nkmap::map::{MapLayers, MapOutput};
use nkmap::model::{Dataset, Shape};
use nkmap::scene::View;
use nkmap::scene::points::PreparedPlacemarks;
use nkmap::state::settings::Layer;
use serde_json::json;
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};
use walkers::{MapMemory, lon_lat};
use walkers_extras::GeoJsonLayer;

const SIZE: [f32; 2] = [1600.0, 1000.0];
const N: usize = 70_000;
/// The country, and Pyongyang at zoom 12.
const VIEWS: [(&str, (f64, f64), f64); 2] = [
    ("country", (127.5, 40.3), 7.0),
    ("z12", (125.75, 39.03), 12.0),
];

fn criterion() -> Criterion {
    common::criterion(20, Duration::from_secs(3))
}

fn geography() -> nkmap::geography::Geography {
    nkmap::bundled::geography().unwrap_or_else(|e| panic!("{e}"))
}

/// Writes the synthetic 70,000-placemark KMZ.
fn write_big(path: &Path, geo: &nkmap::geography::Geography) {
    let data = Dataset {
        placemarks: nkmap::synthetic::placemarks(N, geo),
        ..Dataset::default()
    };
    let bytes = nkmap::io::kml::write_kmz(&data, geo, &nkmap::render::placemarks::kml_look())
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(path, &bytes).unwrap_or_else(|e| panic!("{e}"));
    println!("kml: {} placemarks, KMZ {} bytes", N, bytes.len());
}

/// What opening the file costs off the UI thread: read, unzip, parse, check, prepare, and the
/// first choice of shown placemarks.
fn load_and_prepare(
    path: &Path,
    geo: &nkmap::geography::Geography,
) -> (Dataset, PreparedPlacemarks) {
    let data = match nkmap::io::load_file(path, geo, nkmap::bundled::seed_sources()) {
        (Some(d), _) => d,
        (None, d) => panic!("{}: {d:?}", path.display()),
    };
    let prepared = PreparedPlacemarks::prepare(&data.placemarks);
    black_box(prepared.shown(|_| true));
    (data, prepared)
}

struct Headless {
    ctx: Context,
    memory: MapMemory,
    center: (f64, f64),
    step: u64,
}

enum Draw<'a> {
    App(&'a NkmapApp),
    Peer(&'a GeoJsonLayer),
}

impl Headless {
    fn new(center: (f64, f64), zoom: f64) -> Self {
        let ctx = Context::default();
        nkmap::style::install_fonts(&ctx);
        let mut memory = MapMemory::default();
        memory.center_at(lon_lat(center.0, center.1));
        if memory.set_zoom(zoom).is_err() {
            panic!("zoom {zoom}");
        }
        Headless {
            ctx,
            memory,
            center,
            step: 0,
        }
    }

    /// One frame, the view moved by about a pixel, back and forth.
    fn frame(&mut self, what: &Draw<'_>) -> MapOutput {
        self.step += 1;
        let d = if self.step.is_multiple_of(2) {
            0.0
        } else {
            1e-4
        };
        self.memory
            .center_at(lon_lat(self.center.0 + d, self.center.1));
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(SIZE[0], SIZE[1]))),
            ..Default::default()
        };
        let memory = &mut self.memory;
        let center = lon_lat(self.center.0, self.center.1);
        let mut map_out = MapOutput::default();
        let out = self.ctx.run_ui(input, |ui| {
            CentralPanel::default().frame(Frame::NONE).show(ui, |ui| {
                let map = walkers::Map::new(None, memory, center);
                let map = match what {
                    Draw::App(app) => map.with_plugin(MapLayers {
                        state: &app.state,
                        hovered: None,
                        regions_on_gpu: false,
                        out: &mut map_out,
                    }),
                    Draw::Peer(layer) => map.with_layer(*layer, 1.0),
                };
                map.show(ui, |_, _, _, _| {});
            });
        });
        black_box(self.ctx.tessellate(out.shapes, out.pixels_per_point));
        map_out
    }
}

/// The app with the placemarks as a layer; `alone` turns every other map layer off.
fn app_with(data: &Dataset, prepared: PreparedPlacemarks, alone: bool) -> NkmapApp {
    let mut app = NkmapApp::new(None, vec![]).unwrap_or_else(|e| panic!("{e}"));
    app.state
        .set_today(nkmap::model::PartialDate::ymd(2025, 6, 1).start_day_number());
    if alone {
        for layer in [
            Layer::Provinces,
            Layer::Counties,
            Layer::Labels,
            Layer::Sites,
            Layer::Flows,
            Layer::Events,
        ] {
            let mut st = app.state.settings.layer(layer);
            st.visible = false;
            app.apply(nkmap::state::Action::SetLayer(layer, st));
        }
        app.apply(nkmap::state::Action::SetDataLayerVisible(0, false));
    }
    app.state.add_loaded_with(
        "big.kmz".into(),
        Some(data.clone()),
        Vec::new(),
        None,
        Some(Arc::new(prepared)),
    );
    app
}

/// The same points as GeoJSON for the peer, each with its name.
fn peer_layer(data: &Dataset) -> GeoJsonLayer {
    let features: Vec<serde_json::Value> = data
        .placemarks
        .placemarks
        .iter()
        .flat_map(|p| {
            p.geometry.iter().filter_map(move |s| match s {
                Shape::Point(q) => Some(json!({
                    "type": "Feature",
                    "properties": {"name": p.name},
                    "geometry": {"type": "Point", "coordinates": [q.x(), q.y()]}
                })),
                _ => None,
            })
        })
        .collect();
    let text = json!({"type": "FeatureCollection", "features": features}).to_string();
    let style = json!({"layers": [
        {"type": "symbol", "source-layer": "",
         "layout": {"text-field": ["get", "name"], "text-size": 11.0},
         "paint": {"text-color": "#222222"}}
    ]});
    let style: walkers::Style =
        serde_json::from_value(style).unwrap_or_else(|e| panic!("peer style: {e}"));
    GeoJsonLayer::new(
        text.parse::<geojson::GeoJson>()
            .unwrap_or_else(|e| panic!("{e}")),
        style,
    )
}

fn main() {
    // Child mode: open the file once in a fresh process and report the peak memory.
    if let Some(path) = std::env::var_os("NKMAP_BENCH_KML_CHILD") {
        let geo = geography();
        let before = vm_hwm_kb();
        let start = Instant::now();
        let (data, _) = load_and_prepare(Path::new(&path), &geo);
        println!(
            "{} {} {} {}",
            start.elapsed().as_secs_f64(),
            vm_hwm_kb(),
            before,
            data.placemarks.placemarks.len()
        );
        return;
    }
    let mut c = criterion();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("big.kmz");
    let geo = geography();
    write_big(&path, &geo);

    let mut g = c.benchmark_group("kml");
    g.sample_size(10);
    g.bench_function("open-70k", |b| {
        b.iter(|| black_box(load_and_prepare(&path, &geo)))
    });
    g.finish();

    let (data, prepared) = load_and_prepare(&path, &geo);
    let alone = app_with(&data, PreparedPlacemarks::prepare(&data.placemarks), true);
    let whole = app_with(&data, prepared, false);
    let peer = peer_layer(&data);

    let mut g = c.benchmark_group("kml-frame");
    for (view, center, zoom) in VIEWS {
        let id = format!("kml-70k-{view}");
        let mut h = Headless::new(center, zoom);
        let out = h.frame(&Draw::App(&alone));
        println!(
            "{id}: {} points, {} clusters holding {}, {} labels",
            out.drawn.placemarks,
            out.drawn.clusters,
            out.drawn.clustered,
            out.drawn.placemark_labels.len()
        );
        g.bench_function(BenchmarkId::new("ours", &id), |b| {
            b.iter(|| h.frame(&Draw::App(&alone)))
        });
        let mut h = Headless::new(center, zoom);
        g.bench_function(BenchmarkId::new("ours-app", &id), |b| {
            b.iter(|| h.frame(&Draw::App(&whole)))
        });
        let mut h = Headless::new(center, zoom);
        g.bench_function(BenchmarkId::new("peer", &id), |b| {
            b.iter(|| h.frame(&Draw::Peer(&peer)))
        });
    }
    g.finish();

    // Hover: the pointer at points spread over the screen, on and off placemarks.
    let mut g = c.benchmark_group("kml-pick");
    let layer = &alone.state.layers[1];
    let (Some(prepared), Some(shown)) = (layer.placemarks.as_deref(), layer.shown.as_deref())
    else {
        panic!("no prepared placemarks");
    };
    for (view, center, zoom) in VIEWS {
        let v = View::new(center, zoom, [800.0, 500.0], [800.0, 500.0]);
        let probes: Vec<[f32; 2]> = (0..997)
            .map(|i| {
                let (u, w) = ((i * 37 % 997) as f32 / 997.0, (i * 91 % 997) as f32 / 997.0);
                [u * SIZE[0], w * SIZE[1]]
            })
            .collect();
        let hits = probes
            .iter()
            .filter(|p| prepared.pick(shown, &v, **p, |_| 5.0).is_some())
            .count();
        println!(
            "pick {view}: {hits} of {} probes hit a placemark or cluster",
            probes.len()
        );
        let mut i = 0;
        g.bench_function(BenchmarkId::new("pick", format!("kml-70k-{view}")), |b| {
            b.iter(|| {
                i = (i + 1) % probes.len();
                black_box(prepared.pick(shown, &v, probes[i], |_| 5.0))
            })
        });
    }
    g.finish();
    c.final_summary();

    for (view, _, _) in VIEWS {
        let id = format!("kml-70k-{view}");
        match (
            median_ns("kml-frame", &format!("ours/{id}")),
            median_ns("kml-frame", &format!("peer/{id}")),
            median_ns("kml-frame", &format!("ours-app/{id}")),
        ) {
            (Some(o), Some(p), app) => println!(
                "peer-ratio {id} {:.1}   (ours {:.3} ms, peer {:.3} ms, whole app map {} ms, medians)",
                p / o,
                o / 1e6,
                p / 1e6,
                app.map_or("?".to_owned(), |a| format!("{:.3}", a / 1e6))
            ),
            _ => println!("peer-ratio {id} unknown (no estimates found)"),
        }
        if let Some(p) = median_ns("kml-pick", &format!("pick/{id}")) {
            println!("pick {id} {:.2} µs (median)", p / 1e3);
        }
    }
    if let Some(o) = median_ns("kml", "open-70k") {
        println!(
            "open-70k {:.3} s (median: read, unzip, parse, check, prepare)",
            o / 1e9
        );
    }
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    match std::env::current_exe().and_then(|exe| {
        std::process::Command::new(exe)
            .env("NKMAP_BENCH_KML_CHILD", &path)
            .output()
    }) {
        Ok(out) => {
            let line = String::from_utf8_lossy(&out.stdout);
            let f: Vec<f64> = line
                .split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect();
            if let [secs, peak_kb, before_kb, n] = f[..] {
                println!(
                    "open-memory {:.1} MB KMZ, {n} placemarks: {secs:.2} s, peak RSS {:.0} MB ({:.0} MB before opening)",
                    size as f64 / 1e6,
                    peak_kb / 1024.0,
                    before_kb / 1024.0
                );
            } else {
                println!("open-memory: child said {line:?}");
            }
        }
        Err(e) => println!("open-memory: could not run the child: {e}"),
    }
}
