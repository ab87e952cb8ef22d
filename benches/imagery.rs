//! Imagery benchmarks (`cargo bench --bench imagery`): a 20,000 × 20,000 RGB COG (512-pixel
//! tiles, Deflate, five overviews chained after the full image as GDAL's COG driver writes
//! them, WGS 84 / UTM 52N at 10 m) written once with the `tiff` encoder into
//! `target/bench-data/` (about half a minute the first time).
//!
//! Groups: `imagery/open` (directories and tags), `imagery/first-view` (open, then decode every
//! tile the first view of the whole image needs at 1600 × 1000, one after another as the worker
//! does), `imagery/tile` (one 512 × 512 tile at full resolution and at the 1/8 overview),
//! `imagery/mesh` (one tile's projected mesh at zoom 14).
//!
//! Then the real app in a child process (a fresh process, so its peak memory is its own):
//! `NkmapApp` rendered offscreen with wgpu opens the COG and times the first view (until every
//! tile of it is drawn), then zooms to full resolution and pans across 60 screens, letting the
//! tiles of each arrive, and prints its peak resident memory (`VmHWM`).
//!
//! `NKMAP_BENCH_QUICK=1` shortens every measurement (for a smoke run).

#[allow(dead_code)] // The criterion-file helper is for other benches.
mod common;

use common::vm_hwm_kb;
use criterion::Criterion;
use nkmap::imagery::synth::{self, Chunks, Compress, Overviews, Spec};
use nkmap::imagery::{self, Readers, Stretch, mesh};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const SIDE: u32 = 20_000;
const VIEW: [f64; 2] = [1600.0, 1000.0];

fn criterion() -> Criterion {
    common::criterion(20, Duration::from_secs(4))
}

/// A smooth pattern with a grid every kilometre: compresses like imagery of fields, not like
/// noise or a flat colour.
fn pattern(x: u32, y: u32) -> [u16; 4] {
    let r = ((x / 37) ^ (y / 53)) & 0x3f;
    let g = ((x + y) / 97) & 0xff;
    let b = ((x / 7) ^ (y / 11)) & 0x1f;
    if x.is_multiple_of(100) || y.is_multiple_of(100) {
        [250, 250, 250, 255]
    } else {
        [
            (60 + r) as u16,
            (80 + g / 2) as u16,
            (70 + b * 2) as u16,
            255,
        ]
    }
}

fn cog() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target.join("bench-data");
    let path = dir.join("nkmap-cog-20000-v1.tif");
    if path.exists() {
        return path;
    }
    let _ = std::fs::create_dir_all(&dir);
    let mut s = Spec::new(SIDE, SIDE, 32652, 500_000.0, 4_650_000.0, 10.0);
    s.chunks = Chunks::Tiles { size: 512 };
    s.compress = Compress::Deflate;
    s.overviews = Overviews::Chained(5);
    s.date_time = Some("2024:05:02 02:00:00".into());
    let start = Instant::now();
    let tmp = dir.join("nkmap-cog-20000-v1.tif.part");
    let f = std::fs::File::create(&tmp).unwrap_or_else(|e| panic!("{e}"));
    synth::write(&s, &pattern, std::io::BufWriter::with_capacity(1 << 20, f))
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::rename(&tmp, &path).unwrap_or_else(|e| panic!("{e}"));
    println!(
        "wrote {} ({:.0} MB) in {:.1} s",
        path.display(),
        std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
    path
}

/// The tiles the first view of the whole image needs: the level that fits, every tile of it in
/// the 1600 × 1000 view.
fn first_view(image: &imagery::Image) -> (usize, Vec<(u32, u32)>) {
    let [min, max] = image.bbox_world();
    let zoom = (VIEW[0] / (max[0] - min[0]))
        .min(VIEW[1] / (max[1] - min[1]))
        .log2();
    let level = image.level_for(2f64.powf(zoom) / mesh::pixels_per_world(image));
    let Some([[c0, c1], [r0, r1]]) = mesh::visible_tiles(image, level, [min, max]) else {
        return (level, Vec::new());
    };
    (
        level,
        (r0..=r1)
            .flat_map(|y| (c0..=c1).map(move |x| (x, y)))
            .collect(),
    )
}

fn bench(c: &mut Criterion, path: &Path) {
    let mut g = c.benchmark_group("imagery");
    g.bench_function("open", |b| {
        b.iter(|| black_box(imagery::open(path).map(|i| i.levels())))
    });
    g.bench_function("first-view", |b| {
        b.iter(|| {
            let Ok(image) = imagery::open(path) else {
                return 0;
            };
            let (level, tiles) = first_view(&image);
            let mut readers = Readers::default();
            let mut n = 0;
            for (x, y) in tiles {
                if image
                    .read_tile(&mut readers, level, x, y, Stretch::default())
                    .is_ok()
                {
                    n += 1;
                }
            }
            black_box(n)
        })
    });
    let image = match imagery::open(path) {
        Ok(i) => i,
        Err(e) => panic!("{e}"),
    };
    let (level, tiles) = first_view(&image);
    println!(
        "first view: level {level} (of {}), {} tiles",
        image.levels(),
        tiles.len()
    );
    let mut readers = Readers::default();
    for (name, level) in [("tile-full-res", 0usize), ("tile-overview-8x", 3)] {
        let [nx, ny] = image.tile_grid(level);
        let mut k = 0u32;
        g.bench_function(name, |b| {
            b.iter(|| {
                // A different tile each time, as panning asks for.
                k = (k + 7) % (nx * ny);
                black_box(
                    image
                        .read_tile(&mut readers, level, k % nx, k / nx, Stretch::default())
                        .map(|t| t.bytes()),
                )
            })
        });
    }
    g.bench_function("mesh-zoom-14", |b| {
        b.iter(|| black_box(mesh::tile_mesh(&image, 0, 17, 23, 0.25 / 2f64.powi(14)).map(|m| m.n)))
    });
    g.finish();
}

/// Child mode: the real app on the COG. Prints "first-view seconds, peak kB after it, peak kB
/// after panning, tiles drawn at the end".
fn app_child(path: &Path) {
    use egui_kittest::Harness;
    use egui_kittest::wgpu::{WgpuTestRenderer, create_render_state, default_wgpu_setup};
    use nkmap::app::NkmapApp;
    use nkmap::state::{Action, ViewRequest};
    let render_state = create_render_state(
        default_wgpu_setup(),
        eframe::egui_wgpu::RendererOptions::PREDICTABLE,
    );
    let app = match NkmapApp::new(None, vec![]) {
        Ok(a) => a,
        Err(e) => panic!("{e}"),
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(VIEW[0] as f32, VIEW[1] as f32))
        .with_context_setup(nkmap::style::install_fonts)
        .renderer(WgpuTestRenderer::from_render_state(render_state))
        .build_ui_state(|ui, app: &mut NkmapApp| app.show(ui), app);
    h.run_steps(3);
    let settled = |a: &NkmapApp| {
        a.loading.is_empty()
            && a.state
                .imagery
                .tiles
                .as_ref()
                .is_some_and(|t| t.pending() == 0)
            && !a.map_output().drawn.imagery.is_empty()
    };
    let wait = |h: &mut Harness<'_, NkmapApp>| {
        let start = Instant::now();
        loop {
            h.step();
            if settled(h.state()) || start.elapsed() > Duration::from_secs(60) {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        // Once more, so the last tiles are drawn.
        h.step();
    };
    let start = Instant::now();
    h.state_mut()
        .apply(Action::OpenFiles(vec![path.to_path_buf()]));
    wait(&mut h);
    let first = start.elapsed().as_secs_f64();
    let _ = h.render();
    let after_first = vm_hwm_kb();
    // Full resolution (10 m pixels are ~1.3 screen pixels at zoom 14 at 41.5° N), then 60
    // screens eastwards and back along another row.
    let centre = imagery::open(path)
        .map(|i| i.center_lon_lat())
        .unwrap_or((129.0, 41.5));
    h.state_mut().apply(Action::View(ViewRequest::CenterOn {
        lon: centre.0 - 0.6,
        lat: centre.1,
        min_zoom: 14.0,
    }));
    wait(&mut h);
    for k in 0..60 {
        let dx = if k < 30 { 1400.0 } else { -1400.0 };
        let dy = if k == 30 { 900.0 } else { 0.0 };
        h.state_mut()
            .apply(Action::View(ViewRequest::PanBy([dx, dy])));
        wait(&mut h);
        if k % 5 == 0 {
            let _ = h.render();
        }
    }
    let _ = h.render();
    println!(
        "{first} {after_first} {} {}",
        vm_hwm_kb(),
        h.state()
            .state
            .imagery
            .tiles
            .as_ref()
            .map_or(0, |t| t.cache_bytes())
    );
}

fn main() {
    if let Some(path) = std::env::var_os("NKMAP_BENCH_IMAGERY_CHILD") {
        app_child(Path::new(&path));
        return;
    }
    let path = cog();
    let mut c = criterion();
    bench(&mut c, &path);
    c.final_summary();
    match std::env::current_exe().and_then(|exe| {
        std::process::Command::new(exe)
            .env("NKMAP_BENCH_IMAGERY_CHILD", &path)
            .output()
    }) {
        Ok(out) => {
            let line = String::from_utf8_lossy(&out.stdout);
            let f: Vec<f64> = line
                .split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect();
            if let [first, after_first, peak, cache] = f[..] {
                println!(
                    "imagery-app: first view of the 20,000² COG drawn {first:.2} s after opening; \
                     peak RSS {:.0} MB after it, {:.0} MB after panning 60 screens at full \
                     resolution (decoded-tile cache {:.0} MB)",
                    after_first / 1024.0,
                    peak / 1024.0,
                    cache / 1e6
                );
            } else {
                println!(
                    "imagery-app: child said {line:?} {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        }
        Err(e) => println!("imagery-app: could not run the child: {e}"),
    }
}
