//! Basemaps against a tile server on 127.0.0.1: tiles arrive and are drawn, come back from the
//! disk cache with the server gone, failures leave the map usable and say so, the cache keeps
//! its limit, nothing is sent while the basemap is None, and a PMTiles file made here loads.
#![cfg(feature = "gui")]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nkmap::app::NkmapApp;
use nkmap::basemap::{BasemapChoice, BasemapConfig, BasemapStatus, cache};
use nkmap::state::Action;
use nkmap::state::settings::Settings;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------------
// A small tile server.

const TILES: u8 = 0;
const FAIL_500: u8 = 1;
const HANG: u8 = 2;

#[derive(Default)]
struct Log {
    connections: usize,
    /// (path, user agent)
    requests: Vec<(String, String)>,
    bytes_served: usize,
    /// Connections being held open right now (HANG mode).
    held: usize,
}

struct TileServer {
    port: u16,
    mode: Arc<AtomicU8>,
    noisy: bool,
    log: Arc<Mutex<Log>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl TileServer {
    fn start(mode: u8, noisy: bool) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("bind: {e}"));
        let port = listener
            .local_addr()
            .unwrap_or_else(|e| panic!("{e}"))
            .port();
        let mode = Arc::new(AtomicU8::new(mode));
        let log = Arc::new(Mutex::new(Log::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let (m, l, s) = (mode.clone(), log.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if s.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                lock(&l).connections += 1;
                let (m, l, s) = (m.clone(), l.clone(), s.clone());
                std::thread::spawn(move || serve(stream, &m, noisy, &l, &s));
            }
        });
        TileServer {
            port,
            mode,
            noisy,
            log,
            stop,
            thread: Some(thread),
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/{{z}}/{{x}}/{{y}}.png", self.port)
    }

    fn connections(&self) -> usize {
        lock(&self.log).connections
    }

    /// Stops accepting; the port is closed afterwards.
    fn stop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for TileServer {
    fn drop(&mut self) {
        let _ = self.noisy;
        self.stop();
    }
}

fn lock(l: &Mutex<Log>) -> std::sync::MutexGuard<'_, Log> {
    l.lock().unwrap_or_else(|e| e.into_inner())
}

fn serve(mut stream: TcpStream, mode: &AtomicU8, noisy: bool, log: &Mutex<Log>, stop: &AtomicBool) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let path = head
        .lines()
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("")
        .to_owned();
    let ua = head
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("user-agent")
                .then(|| v.trim().to_owned())
        })
        .unwrap_or_default();
    lock(log).requests.push((path.clone(), ua));
    match mode.load(Ordering::SeqCst) {
        TILES => {
            let Some(png) = tile_for(&path, noisy) else {
                let _ = stream.write_all(
                    b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                );
                return;
            };
            let header = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: {}\r\nCache-Control: public, max-age=604800\r\nConnection: close\r\n\r\n",
                png.len()
            );
            if stream.write_all(header.as_bytes()).is_ok() && stream.write_all(&png).is_ok() {
                lock(log).bytes_served += png.len();
            }
        }
        FAIL_500 => {
            let _ = stream.write_all(
                b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 4\r\nConnection: close\r\n\r\nboom",
            );
        }
        _ => {
            // Never answer; hold the connection until the test ends (or for a minute, so that
            // an app stuck waiting for it would come back and fail the test, not hang it).
            lock(log).held += 1;
            let start = std::time::Instant::now();
            while !stop.load(Ordering::SeqCst) && start.elapsed() < Duration::from_secs(60) {
                std::thread::sleep(Duration::from_millis(50));
            }
            lock(log).held -= 1;
        }
    }
}

/// A PNG for `/z/x/y.png`: one colour per tile, or (noisy) incompressible pixels so the cache
/// fills fast.
fn tile_for(path: &str, noisy: bool) -> Option<Vec<u8>> {
    let parts: Vec<u32> = path
        .trim_start_matches('/')
        .trim_end_matches(".png")
        .split('/')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let [z, x, y] = parts[..] else { return None };
    let mut seed = (z * 7919 + x * 104_729 + y * 1_299_709) | 1;
    let img = image::RgbaImage::from_fn(256, 256, |_, _| {
        if noisy {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let [a, b, c, _] = seed.to_le_bytes();
            image::Rgba([a, b, c, 255])
        } else {
            image::Rgba([(x * 37) as u8, (y * 53) as u8, 200, 255])
        }
    });
    Some(png_bytes(&img))
}

fn png_bytes(img: &image::RgbaImage) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .unwrap_or_else(|e| panic!("encoding a PNG: {e}"));
    out.into_inner()
}

// ---------------------------------------------------------------------------------------------
// The app.

fn config(cache_dir: &Path, osm_url: String) -> BasemapConfig {
    BasemapConfig {
        osm_url,
        cache_dir: Some(cache_dir.join("tiles")),
        cache_limit: 1 << 30,
        prune_every: Duration::from_millis(200),
        stall_after: Duration::from_secs(1),
        probe_timeout: Duration::from_secs(1),
    }
}

fn custom(server: &TileServer) -> BasemapChoice {
    BasemapChoice::Custom {
        url: server.url(),
        attribution: "Test tiles © nobody".to_owned(),
    }
}

fn harness(choice: BasemapChoice, config: BasemapConfig) -> Harness<'static, NkmapApp> {
    let settings = Settings {
        basemap: choice,
        ..Settings::default()
    };
    let app = match NkmapApp::new(Some(settings), vec![]) {
        Ok(app) => fixed_today(app).with_basemap_config(config),
        Err(e) => panic!("the app did not start on the bundled data: {e}"),
    };
    Harness::builder()
        .with_size(egui::vec2(1200.0, 800.0))
        .with_context_setup(nkmap::style::install_fonts)
        .build_ui_state(|ui, app: &mut NkmapApp| app.show(ui), app)
}

/// The app on a fixed day, whatever the clock says.
fn fixed_today(mut app: NkmapApp) -> NkmapApp {
    app.state
        .set_today(nkmap::model::PartialDate::ymd(2025, 6, 1).start_day_number());
    app
}

/// Steps (in real time: downloads happen on other threads) until `done`. `timeout` only stops
/// a hung test; it is far above what the wait takes on a loaded machine. (How long a frame
/// takes is not checked here: that is the machine's speed; `benches/render.rs` measures it.)
fn step_until(
    h: &mut Harness<'_, NkmapApp>,
    what: &str,
    timeout: Duration,
    done: impl Fn(&NkmapApp) -> bool,
) {
    let start = Instant::now();
    while !done(h.state()) {
        assert!(
            start.elapsed() < timeout * 4,
            "timed out waiting for {what}; basemap status: {:?}",
            h.state().basemap_status()
        );
        std::thread::sleep(Duration::from_millis(15));
        h.step();
    }
}

fn all_tiles_drawn(app: &NkmapApp) -> bool {
    let s = app.basemap_status();
    s.drawn > 0 && s.missing == 0
}

fn vector_map_drawn(h: &Harness<'_, NkmapApp>) {
    let drawn = &h.state().map_output().drawn;
    assert!(
        drawn.provinces >= 12 && drawn.sites >= 1,
        "the vector map is still drawn: {drawn:?}"
    );
}

// ---------------------------------------------------------------------------------------------

#[test]
fn tiles_are_fetched_drawn_and_then_served_from_the_disk_cache_with_the_server_gone() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut server = TileServer::start(TILES, false);
    let choice = custom(&server);
    {
        let mut h = harness(choice.clone(), config(dir.path(), String::new()));
        step_until(&mut h, "tiles", Duration::from_secs(30), all_tiles_drawn);
        h.run_steps(2);
        let status = h.state().basemap_status();
        assert_eq!(status.offline, None);
        assert_eq!(status.attribution.as_deref(), Some("Test tiles © nobody"));
        vector_map_drawn(&h);
        let log = lock(&server.log);
        assert!(!log.requests.is_empty());
        for (path, ua) in &log.requests {
            assert!(
                ua.starts_with(&format!("nkmap/{}", env!("CARGO_PKG_VERSION"))),
                "{path} was asked for with User-Agent '{ua}'"
            );
        }
    }
    let served = lock(&server.log).requests.len();
    assert!(
        cache::dir_size(&dir.path().join("tiles")).unwrap_or(0) > 0,
        "the tiles were written to the disk cache"
    );

    // Second start with the server answering nothing but errors (it keeps its port, so no
    // other process can take it and answer): every tile must come from disk, and no request
    // may reach the server.
    server.mode.store(FAIL_500, Ordering::SeqCst);
    let mut h = harness(choice, config(dir.path(), String::new()));
    step_until(
        &mut h,
        "tiles from the disk cache",
        Duration::from_secs(30),
        all_tiles_drawn,
    );
    h.run_steps(3);
    assert_eq!(h.state().basemap_status().offline, None);
    assert_eq!(
        lock(&server.log).requests.len(),
        served,
        "a tile was asked for again"
    );
    server.stop();
}

#[test]
fn a_failing_server_leaves_the_map_usable_shows_why_and_is_retried() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let server = TileServer::start(FAIL_500, false);
    let mut h = harness(custom(&server), config(dir.path(), String::new()));
    step_until(
        &mut h,
        "the offline status",
        Duration::from_secs(20),
        |app| app.basemap_status().offline.is_some(),
    );
    h.run_steps(2);
    let status: BasemapStatus = h.state().basemap_status();
    let error = status.offline.clone().unwrap_or_default();
    assert!(error.contains("500"), "{error}");
    assert!(status.retry_in.is_some(), "{status:?}");
    assert!(h.query_by_label_contains("Basemap offline").is_some());
    assert!(
        h.query_by_label_contains("500 Internal Server Error")
            .is_some()
    );
    vector_map_drawn(&h);

    // The server recovers: the back-off retry brings the tiles.
    server.mode.store(TILES, Ordering::SeqCst);
    step_until(&mut h, "recovery", Duration::from_secs(40), |app| {
        all_tiles_drawn(app) && app.basemap_status().offline.is_none()
    });
}

#[test]
fn a_server_that_never_answers_is_reported_and_the_ui_does_not_wait() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let server = TileServer::start(HANG, false);
    let mut h = harness(custom(&server), config(dir.path(), String::new()));
    // Frames drawn while the server held a request unanswered: an app waiting for the answer
    // on its UI thread would draw none (its frame would only end when the server lets go).
    let mut frames_while_held = 0;
    let start = Instant::now();
    while h.state().basemap_status().offline.is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(80),
            "no offline status; basemap status: {:?}",
            h.state().basemap_status()
        );
        std::thread::sleep(Duration::from_millis(15));
        h.step();
        if lock(&server.log).held > 0 {
            frames_while_held += 1;
        }
    }
    assert!(
        frames_while_held >= 3,
        "only {frames_while_held} frames were drawn while a tile request hung"
    );
    let error = h.state().basemap_status().offline.unwrap_or_default();
    assert!(error.contains("did not answer within"), "{error}");
    vector_map_drawn(&h);
    assert!(server.connections() > 0);
}

#[test]
fn the_disk_cache_stays_under_its_limit() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let server = TileServer::start(TILES, true);
    let limit = 600_000;
    let cfg = BasemapConfig {
        cache_limit: limit,
        ..config(dir.path(), String::new())
    };
    let mut h = harness(custom(&server), cfg);
    step_until(&mut h, "tiles", Duration::from_secs(60), all_tiles_drawn);
    let served = lock(&server.log).bytes_served;
    assert!(
        served as u64 > 2 * limit,
        "the test must download more than the limit: {served} bytes"
    );
    let tiles = dir.path().join("tiles");
    let start = Instant::now();
    loop {
        let size = cache::dir_size(&tiles).unwrap_or_else(|e| panic!("{e}"));
        if size <= limit {
            break;
        }
        // Pruning runs every 200 ms; the limit only stops a hung test.
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the cache holds {size} bytes, over its {limit}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // Tiles already shown stay on screen (walkers keeps them in memory).
    h.run_steps(2);
    assert!(h.state().basemap_status().drawn > 0);
}

#[test]
fn nothing_is_sent_anywhere_while_the_basemap_is_none() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let server = TileServer::start(TILES, false);
    // OpenStreetMap is pointed at the local server: any tile request would arrive there.
    let app = match NkmapApp::new(None, vec![]) {
        Ok(app) => fixed_today(app).with_basemap_config(config(dir.path(), server.url())),
        Err(e) => panic!("{e}"),
    };
    assert_eq!(app.state.settings.basemap, BasemapChoice::None);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1200.0, 800.0))
        .with_context_setup(nkmap::style::install_fonts)
        .build_ui_state(|ui, app: &mut NkmapApp| app.show(ui), app);
    for _ in 0..20 {
        h.step();
        std::thread::sleep(Duration::from_millis(25));
    }
    assert_eq!(server.connections(), 0, "a connection was made at startup");
    assert_eq!(h.state().basemap_status(), BasemapStatus::default());
    assert!(!dir.path().join("tiles").exists(), "no cache was created");

    // The same app does reach the server once OpenStreetMap is chosen, so the zero above is
    // not for want of a route.
    h.state_mut()
        .apply(Action::SetBasemap(BasemapChoice::OpenStreetMap));
    step_until(
        &mut h,
        "OSM tiles",
        Duration::from_secs(30),
        all_tiles_drawn,
    );
    assert!(server.connections() > 0);
    assert_eq!(
        h.state().basemap_status().attribution.as_deref(),
        Some("© OpenStreetMap contributors")
    );
}

#[test]
fn the_basemap_choice_is_remembered_and_old_settings_still_load() {
    let s = Settings {
        basemap: BasemapChoice::Custom {
            url: "https://example.org/{z}/{x}/{y}.jpg".to_owned(),
            attribution: "© Example".to_owned(),
        },
        ..Settings::default()
    };
    let json = serde_json::to_string(&s).unwrap_or_else(|e| panic!("{e}"));
    let back: Settings = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, s);
    // Settings saved before basemaps existed.
    let old: Settings = serde_json::from_str(r#"{"zoom": 8.0}"#).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(old.basemap, BasemapChoice::None);
}

// ---------------------------------------------------------------------------------------------
// PMTiles.

fn varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// A PMTiles v3 file whose zoom 0–2 tiles (21 of them, ids 0..21 in the spec's Hilbert
/// order) are all `png`: one run-length directory entry, no compression anywhere.
fn write_pmtiles(path: &Path, png: &[u8]) {
    let mut dir = Vec::new();
    varint(&mut dir, 1); // entries
    varint(&mut dir, 0); // tile id (delta)
    varint(&mut dir, 21); // run length: tiles 0..21 share the data
    varint(&mut dir, png.len() as u64); // length
    varint(&mut dir, 1); // offset + 1 (first entry)
    let meta = br#"{"name":"test"}"#;
    let root_off = 127u64;
    let meta_off = root_off + dir.len() as u64;
    let data_off = meta_off + meta.len() as u64;
    let mut h = Vec::with_capacity(127);
    h.extend_from_slice(b"PMTiles");
    h.push(3);
    for v in [
        root_off,
        dir.len() as u64,
        meta_off,
        meta.len() as u64,
        0, // leaf directories
        0,
        data_off,
        png.len() as u64,
        21, // addressed tiles
        1,  // tile entries
        1,  // tile contents
    ] {
        h.extend_from_slice(&v.to_le_bytes());
    }
    h.extend_from_slice(&[1, 1, 1, 2, 0, 2]); // clustered, internal none, tiles none, PNG, zooms 0–2
    for v in [-1_800_000_000i32, -850_000_000, 1_800_000_000, 850_000_000] {
        h.extend_from_slice(&v.to_le_bytes());
    }
    h.push(0);
    h.extend_from_slice(&0i32.to_le_bytes());
    h.extend_from_slice(&0i32.to_le_bytes());
    assert_eq!(h.len(), 127);
    let mut file = h;
    file.extend_from_slice(&dir);
    file.extend_from_slice(meta);
    file.extend_from_slice(png);
    std::fs::write(path, file).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}

#[test]
fn a_pmtiles_file_made_here_loads_and_fills_zooms_past_its_deepest() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path: PathBuf = dir.path().join("test.pmtiles");
    let img = image::RgbaImage::from_pixel(256, 256, image::Rgba([30, 120, 60, 255]));
    write_pmtiles(&path, &png_bytes(&img));
    let info = nkmap::basemap::pmtiles::check(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(info.max_zoom, 2);
    // The map opens at zoom 7: every tile comes from a zoom-2 tile, enlarged.
    let mut h = harness(
        BasemapChoice::PmTiles { path },
        config(dir.path(), String::new()),
    );
    step_until(
        &mut h,
        "PMTiles tiles",
        Duration::from_secs(30),
        all_tiles_drawn,
    );
    assert_eq!(h.state().basemap_status().offline, None);
    assert_eq!(
        h.state().basemap_status().attribution.as_deref(),
        Some("Basemap: test.pmtiles")
    );
    assert!(
        !dir.path().join("tiles").exists(),
        "a local basemap uses no cache"
    );
}

#[test]
fn a_bad_pmtiles_file_on_the_command_line_is_refused_with_the_reason() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_nkmap"))
        .args(["--basemap", "no/such/file.pmtiles"])
        .output()
        .unwrap_or_else(|e| panic!("running nkmap: {e}"));
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--basemap: cannot read the basemap no/such/file.pmtiles"),
        "{err}"
    );
}

#[test]
fn choosing_openstreetmap_in_the_layer_panel_switches_the_basemap() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let server = TileServer::start(TILES, false);
    let mut h = harness(BasemapChoice::None, config(dir.path(), server.url()));
    h.run_steps(2);
    h.get_by_label("Basemap").click();
    h.run_steps(2);
    h.get_by_label("OpenStreetMap").click();
    h.run_steps(2);
    assert_eq!(
        h.state().state.settings.basemap,
        BasemapChoice::OpenStreetMap
    );
    step_until(
        &mut h,
        "OSM tiles",
        Duration::from_secs(30),
        all_tiles_drawn,
    );
}
