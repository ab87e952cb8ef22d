//! The real binary: check, find and export.

use std::path::Path;
use std::process::{Command, Output};

fn nkmap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nkmap"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        // English messages whatever the machine's locale (they follow LANG since issue 19).
        .env("LC_ALL", "C")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn seed_files(all: bool) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| format!("seeds/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|f| all || f.ends_with(".geojson"))
        .collect();
    files.sort();
    files
}

#[test]
fn check_seeds_is_clean() {
    let files = seed_files(false);
    let args: Vec<&str> = std::iter::once("check")
        .chain(files.iter().map(String::as_str))
        .collect();
    let out = nkmap(&args);
    assert_eq!(text(&out.stdout), "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("4 files checked: 0 errors, 0 warnings"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn check_seeds_star_skips_the_readme() {
    let files = seed_files(true);
    assert!(files.iter().any(|f| f.ends_with("README.md")), "{files:?}");
    let args: Vec<&str> = std::iter::once("check")
        .chain(files.iter().map(String::as_str))
        .collect();
    let out = nkmap(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert_eq!(text(&out.stdout), "");
    assert!(
        text(&out.stderr).contains("skipping seeds/README.md"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn usage_errors_exit_2_and_missing_files_exit_1() {
    assert_eq!(nkmap(&["check"]).status.code(), Some(2));
    assert_eq!(nkmap(&["export", "--format", "xml"]).status.code(), Some(2));
    assert_eq!(nkmap(&["frobnicate", "--nope"]).status.code(), Some(2));
    let out = nkmap(&["check", "no/such/file.geojson"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).starts_with("no/such/file.geojson: error: cannot read the file"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn find_resolves_every_spelling() {
    let cases = [
        ("Musan", "KP-09-musan"),
        ("Kyongsong", "KP-09-kyongsong"),
        ("Gyongsong", "KP-09-kyongsong"),
        ("Gyeongseong", "KP-09-kyongsong"),
        ("경성군", "KP-09-kyongsong"),
        ("Orang", "KP-09-orang"),
        ("Eorang", "KP-09-orang"),
        ("어랑", "KP-09-orang"),
        ("North Hamgyong", "KP-09"),
        ("Hamgyongbuk-do", "KP-09"),
        ("함경북도", "KP-09"),
        ("Yanggang", "KP-10"),
        ("Ryanggang", "KP-10"),
        ("양강도", "KP-10"),
        ("량강도", "KP-10"),
    ];
    for (q, id) in cases {
        let out = nkmap(&["find", q]);
        assert_eq!(out.status.code(), Some(0), "{q}: {}", text(&out.stderr));
        let stdout = text(&out.stdout);
        let first: Vec<&str> = stdout.lines().next().unwrap_or("").split('\t').collect();
        assert_eq!(first.len(), 6, "{q}: {stdout}");
        assert_eq!(first[1], id, "{q}: {stdout}");
        assert_eq!(first[5], "1.00", "{q}: {stdout}");
    }
    let out = nkmap(&["find", "Qwertyuiop"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "");
}

#[test]
fn export_both_formats_and_recheck() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["geojson", "csv"] {
        let path = dir.path().join(format!("seeds.{format}"));
        let p = path.to_str().unwrap();
        let out = nkmap(&["export", "--format", format, "--out", p]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let check = nkmap(&["check", p]);
        assert_eq!(text(&check.stdout), "", "{format}");
        assert_eq!(check.status.code(), Some(0));
        // Exporting the export gives the same bytes.
        let again = nkmap(&["export", "--format", format, p]);
        assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
        assert_eq!(
            text(&again.stdout),
            std::fs::read_to_string(&path).unwrap(),
            "{format}"
        );
    }
    // To stdout, and a user file citing a bundled source carries that source along.
    let out = nkmap(&[
        "export",
        "--format",
        "geojson",
        "tests/data/bad/../good/cites-seed-source.geojson",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let records: Vec<&str> = v["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["record"].as_str().unwrap())
        .collect();
    assert_eq!(records, ["source", "site"]);
    let site = &v["features"][1]["properties"];
    assert_eq!(site["region_id"], "KP-09-orang");
    assert_eq!(site["sources"][0]["id"], "asiapress-2024-02-20x10");
    assert_eq!(v["features"][1]["geometry"]["type"], "Point");
}

#[test]
fn export_refuses_bad_input_and_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.geojson");
    std::fs::write(&path, "previous").unwrap();
    let out = nkmap(&[
        "export",
        "--format",
        "geojson",
        "--out",
        path.to_str().unwrap(),
        "tests/data/bad/unknown-county.geojson",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("unknown place"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "previous");
}

#[test]
fn synth_writes_an_area_file_that_loads_with_the_vertices_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.geojson");
    let p = path.to_str().unwrap();
    let out = nkmap(&["synth", "--vertices", "20000", "--out", p]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("179 areas"),
        "{}",
        text(&out.stderr)
    );

    let geo = nkmap::bundled::geography().unwrap();
    let (data, diags) = nkmap::io::load_file(&path, &geo, nkmap::bundled::seed_sources());
    assert!(diags.is_empty(), "{diags:?}");
    let data = data.unwrap();
    assert_eq!(data.areas.len(), 179);
    let n: usize = data.areas.iter().map(|a| a.vertex_count()).sum();
    assert!(
        (n as f64 - 20_000.0).abs() / 20_000.0 < 0.03,
        "{n} vertices"
    );
    let orang = data
        .areas
        .iter()
        .find(|a| a.property("county_id") == Some("KP-09-orang"))
        .unwrap();
    assert_eq!(orang.name, "Orang");
    // Coordinates have at most 6 decimals.
    let body = std::fs::read_to_string(&path).unwrap();
    let longest = body
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter_map(|n| n.split_once('.').map(|(_, d)| d.len()))
        .max()
        .unwrap();
    assert!(longest <= 6, "{longest} decimals");

    let check = nkmap(&["check", p]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));
    assert!(
        text(&check.stderr).contains("1 file checked: 0 errors, 0 warnings (179 areas)"),
        "{}",
        text(&check.stderr)
    );
    let out = nkmap(&["synth", "--vertices", "900000000", "--out", p]);
    assert_eq!(out.status.code(), Some(2));
}

/// `synth --detail`: the same areas and vertex count, but each edge is a fractal curve, so the
/// level of detail has to keep far more of it when zoomed in than of the densified file (whose
/// extra vertices lie on the straight edges and are all dropped).
#[test]
fn synth_detail_writes_curves_the_level_of_detail_must_keep() {
    let dir = tempfile::tempdir().unwrap();
    let geo = nkmap::bundled::geography().unwrap();
    let mut kept = Vec::new();
    for detail in [false, true] {
        let path = dir.path().join(format!("synth-{detail}.geojson"));
        let p = path.to_str().unwrap();
        let mut args = vec!["synth", "--vertices", "60000", "--out", p];
        if detail {
            args.push("--detail");
        }
        let out = nkmap(&args);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let (data, diags) = nkmap::io::load_file(&path, &geo, nkmap::bundled::seed_sources());
        assert!(diags.is_empty(), "{diags:?}");
        let data = data.unwrap();
        assert_eq!(data.areas.len(), 179);
        let n: usize = data.areas.iter().map(|a| a.vertex_count()).sum();
        assert!(
            (n as f64 - 60_000.0).abs() / 60_000.0 < 0.03,
            "{n} vertices"
        );
        let layer = nkmap::scene::PolygonLayer::of_areas(&data.areas).unwrap();
        kept.push(layer.level(11.0).ring_vertices.len());
    }
    let [densified, detailed] = kept[..] else {
        panic!("{kept:?}")
    };
    assert!(
        detailed > 3 * densified,
        "at zoom 11 the detailed file keeps {detailed} vertices, the densified {densified}"
    );
}

/// The window starts and draws a complete frame with either renderer: wgpu (the default) and
/// `--renderer glow` (OpenGL; the CPU path, whose pixels `tests/gpu.rs` checks through wgpu).
/// Needs an X server: runs under `xvfb-run` when it is installed (apt `xvfb xauth`), and says
/// it was skipped otherwise. `NKMAP_BENCH_STARTUP` makes the app close itself after the first
/// frame that shows the whole map, and print when that was.
#[test]
fn the_window_opens_and_draws_with_either_renderer() {
    let has_xvfb = std::process::Command::new("xvfb-run")
        .arg("--help")
        .output()
        .is_ok();
    if !has_xvfb {
        eprintln!("SKIPPED: no xvfb-run here (install xvfb and xauth to run this test)");
        return;
    }
    for renderer in ["wgpu", "glow"] {
        let home = tempfile::tempdir().unwrap();
        let runtime = tempfile::tempdir().unwrap();
        // `timeout` only ends a window that never gets to a complete frame (it would stay
        // open); it is far above the seconds start-up takes.
        let out = std::process::Command::new("timeout")
            .args(["120", "xvfb-run", "-a", "-s", "-screen 0 1280x800x24"])
            .arg(env!("CARGO_BIN_EXE_nkmap"))
            .args(["--renderer", renderer])
            .env("NKMAP_BENCH_STARTUP", "1")
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path())
            .env("XDG_CACHE_HOME", home.path())
            .env("XDG_RUNTIME_DIR", runtime.path())
            .env_remove("WAYLAND_DISPLAY")
            .output()
            .unwrap();
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "--renderer {renderer}: {err}");
        assert!(
            err.contains("startup-first-frame-ms "),
            "--renderer {renderer} drew no complete frame: {err}"
        );
    }
}
