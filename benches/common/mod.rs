//! Helpers shared by the benchmarks: peak memory.

/// Peak resident memory of this process so far, in kB.
pub fn vm_hwm_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).map(str::to_owned))
        })
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Criterion's median estimate for a benchmark id, in nanoseconds (read back from
/// `target/criterion` for a bench's summary table).
#[allow(dead_code)] // Not every bench prints a summary.
pub fn median_ns(group: &str, id: &str) -> Option<f64> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let path = target
        .join("criterion")
        .join(group)
        .join(id)
        .join("new/estimates.json");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    v.pointer("/median/point_estimate")?.as_f64()
}

/// `NKMAP_BENCH_QUICK` set: every measurement shortened (a smoke run).
#[allow(dead_code)] // Not every bench asks.
pub fn quick() -> bool {
    std::env::var_os("NKMAP_BENCH_QUICK").is_some()
}

/// Criterion as the benches use it: `samples` over `measure` after a second's warm-up, or the
/// quick smoke settings under `NKMAP_BENCH_QUICK`.
#[allow(dead_code)] // `load` sets its own.
pub fn criterion(samples: usize, measure: std::time::Duration) -> criterion::Criterion {
    let c = criterion::Criterion::default().configure_from_args();
    if quick() {
        c.sample_size(10)
            .warm_up_time(std::time::Duration::from_millis(200))
            .measurement_time(std::time::Duration::from_millis(500))
    } else {
        c.sample_size(samples)
            .warm_up_time(std::time::Duration::from_secs(1))
            .measurement_time(measure)
    }
}
