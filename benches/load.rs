//! Opening a large area file without the GUI (`cargo bench --no-default-features --bench load`).
//!
//! Writes a ~30 MB area file (the bundled counties densified, [`nkmap::synthetic`]) to a temp
//! dir, then measures what the app does when the file is opened: `io::load_file` (read, parse,
//! check) and `PolygonLayer::prepare` of its areas (project, tessellate, simplify, index). The
//! time is criterion's median; the peak memory is measured in a child process (this binary run
//! again with `NKMAP_BENCH_LOAD_CHILD=<file>`, so nothing else is counted), from `VmHWM`.
//!
//! Prints `load-30mb median_ms=.. peak_rss_mb=.. file_mb=.. ratio=..` (ratio = peak / file).
//! `NKMAP_BENCH_QUICK=1` shortens the measurement.

mod common;

use common::vm_hwm_kb;
use criterion::Criterion;
use nkmap::geography::Geography;
use nkmap::scene::PolygonLayer;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

/// The file size aimed at.
const TARGET_BYTES: f64 = 30.5e6;

fn geography() -> Geography {
    match nkmap::bundled::geography() {
        Ok(g) => g,
        Err(e) => panic!("{e}"),
    }
}

/// Read and check the file as the app does, then prepare its areas for drawing. Returns the
/// layer and the time of each phase.
fn load_and_prepare(path: &Path, geo: &Geography) -> (PolygonLayer, Duration, Duration) {
    let start = Instant::now();
    let (data, diags) = nkmap::io::load_file(path, geo, nkmap::bundled::seed_sources());
    let Some(data) = data else {
        panic!("{}: {diags:?}", path.display())
    };
    if let Some(d) = diags.iter().find(|d| d.is_error()) {
        panic!("{d}");
    }
    let read = start.elapsed();
    let layer = PolygonLayer::of_areas(&data.areas).unwrap_or_else(|| panic!("no areas read"));
    (layer, read, start.elapsed() - read)
}

/// Writes an area file of about [`TARGET_BYTES`]; returns its vertex count.
fn write_file(path: &Path) -> usize {
    let mut vertices = 1_000_000;
    loop {
        let areas = match nkmap::synthetic::densified_counties(vertices) {
            Ok(a) => a,
            Err(e) => panic!("{e}"),
        };
        let text = nkmap::io::write_areas_geojson(&areas);
        if (text.len() as f64 - TARGET_BYTES).abs() < 0.02 * TARGET_BYTES {
            if let Err(e) = std::fs::write(path, &text) {
                panic!("{}: {e}", path.display());
            }
            return areas.iter().map(|a| a.vertex_count()).sum();
        }
        vertices = (vertices as f64 * TARGET_BYTES / text.len() as f64) as usize;
    }
}

fn main() {
    // Child mode: open one file and report the time of each phase and the peak memory.
    if let Some(path) = std::env::var_os("NKMAP_BENCH_LOAD_CHILD") {
        let geo = geography();
        let before = vm_hwm_kb();
        let (layer, read, prepare) = load_and_prepare(Path::new(&path), &geo);
        println!(
            "{} {} {} {} {}",
            read.as_secs_f64(),
            prepare.as_secs_f64(),
            vm_hwm_kb(),
            before,
            layer.vertex_count()
        );
        return;
    }
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("temp dir: {e}"),
    };
    let path = dir.path().join("big.geojson");
    let vertices = write_file(&path);
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "load: {:.1} MB area file, {vertices} vertices",
        size as f64 / 1e6
    );

    // Memory first, in a fresh process, before this one's criterion runs.
    let child = std::env::current_exe().and_then(|exe| {
        std::process::Command::new(exe)
            .env("NKMAP_BENCH_LOAD_CHILD", &path)
            .output()
    });
    let mut peak_mb = f64::NAN;
    match child {
        Ok(out) => {
            let line = String::from_utf8_lossy(&out.stdout);
            let f: Vec<f64> = line
                .split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect();
            if let [read, prepare, peak_kb, before_kb, prepared] = f[..] {
                peak_mb = peak_kb * 1024.0 / 1e6;
                println!(
                    "load-memory: read {read:.3} s, prepare {prepare:.3} s, {prepared} vertices \
                     prepared; peak RSS {peak_mb:.0} MB ({:.0} MB before loading)",
                    before_kb * 1024.0 / 1e6
                );
            } else {
                println!(
                    "load-memory: child said {line:?} {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        }
        Err(e) => println!("load-memory: could not run the child: {e}"),
    }

    let geo = geography();
    let mut c = Criterion::default().configure_from_args().sample_size(10);
    if std::env::var_os("NKMAP_BENCH_QUICK").is_some() {
        c = c
            .warm_up_time(Duration::from_millis(200))
            .measurement_time(Duration::from_secs(1));
    } else {
        c = c.measurement_time(Duration::from_secs(15));
    }
    let mut g = c.benchmark_group("load");
    // Each run takes about a second: the same number of runs per sample, not 1, 2, 3, ...
    g.sampling_mode(criterion::SamplingMode::Flat);
    // Each run's time is kept here too: the median printed below is this run's, computed in
    // this process (not read back from criterion's files, where an older run may linger).
    let mut runs_ms: Vec<f64> = Vec::new();
    g.bench_function("30mb", |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            for _ in 0..iters {
                let t = Instant::now();
                black_box(load_and_prepare(&path, &geo));
                runs_ms.push(t.elapsed().as_secs_f64() * 1e3);
            }
            start.elapsed()
        })
    });
    g.finish();
    c.final_summary();

    runs_ms.sort_by(f64::total_cmp);
    let median_ms = runs_ms.get(runs_ms.len() / 2).copied().unwrap_or(f64::NAN);
    let file_mb = size as f64 / 1e6;
    println!(
        "load-30mb median_ms={median_ms:.0} peak_rss_mb={peak_mb:.0} file_mb={file_mb:.1} ratio={:.2}",
        peak_mb * 1e6 / size as f64
    );
}
