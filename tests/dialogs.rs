//! File dialogs that always open: with no desktop portal reachable, File → Open data… (and
//! `Ctrl+O`) shows nkmap's own browser, says why once, and a file opened through it loads;
//! Save as and Export write through the same browser. Driven through egui_kittest by label.
#![cfg(feature = "gui")]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nkmap::app::NkmapApp;
use nkmap::app::dialogs::DialogConfig;
use std::path::Path;
use std::time::{Duration, Instant};

const SITE_FILE: &str = include_str!("data/good/cites-seed-source.geojson");
const REASON: &str = "The system file dialog cannot be shown";

fn harness(config: DialogConfig) -> Harness<'static, NkmapApp> {
    let app = match NkmapApp::new(None, vec![]) {
        Ok(app) => app.with_file_dialogs(config),
        Err(e) => panic!("the app did not start on the bundled data: {e}"),
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 1200.0))
        .with_context_setup(nkmap::style::install_fonts)
        .build_ui_state(|ui, app: &mut NkmapApp| app.show(ui), app);
    h.run_steps(4);
    h
}

/// Steps until `done`: the portal probe and file loading run on other threads.
fn step_until(h: &mut Harness<'_, NkmapApp>, what: &str, done: impl Fn(&NkmapApp) -> bool) {
    let start = Instant::now();
    while !done(h.state()) {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    h.run_steps(2);
}

/// Clicks `item` (its label starts so: a shortcut may follow) in the menu `menu`.
fn menu(h: &mut Harness<'_, NkmapApp>, menu: &str, item: &str) {
    h.get_by_label(menu).click();
    h.run_steps(2);
    match h.query_by_label_contains(item) {
        Some(node) => node.click(),
        None => panic!("no menu item {item}"),
    }
    // The dialog opens after the frame; a new window is laid out unseen on its first frame.
    h.run_steps(4);
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// A folder with a data file, a file the filter hides and a subfolder.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write(&dir.path().join("my-sites.geojson"), SITE_FILE);
    write(&dir.path().join("notes.txt"), "not data");
    std::fs::create_dir(dir.path().join("older")).unwrap_or_else(|e| panic!("{e}"));
    dir
}

#[cfg(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "dragonfly",
    target_os = "netbsd",
    target_os = "openbsd"
))]
#[test]
fn without_a_portal_open_data_shows_nkmaps_browser_and_the_chosen_file_loads() {
    let dir = folder();
    // A session bus that is not there, and no zenity: what a window manager without the
    // portal looks like to rfd.
    let nowhere = dir.path().join("no-bus-here");
    let config = DialogConfig {
        native: true,
        env: vec![
            (
                "DBUS_SESSION_BUS_ADDRESS".to_owned(),
                format!("unix:path={}", nowhere.display()).into(),
            ),
            ("PATH".to_owned(), dir.path().join("no-bin").into()),
        ],
        start_dir: Some(dir.path().to_path_buf()),
    };
    let mut h = harness(config);
    let sites_before = h.state().map_output().drawn.sites;
    menu(&mut h, "File", "Open data…");
    step_until(&mut h, "the browser", |app| {
        app.file_dialogs().browser().is_some()
    });

    // It says why: at the top of the browser and once in the messages panel.
    assert_eq!(h.query_all_by_label_contains(REASON).count(), 2);
    let said = |app: &NkmapApp| {
        app.state
            .messages
            .iter()
            .filter(|m| m.text.contains(REASON) && m.text.contains("D-Bus"))
            .count()
    };
    assert_eq!(said(h.state()), 1, "{:?}", h.state().state.messages);
    // The folder is listed through the filter: the data file and the subfolder, not notes.
    assert!(h.query_by_label("older (folder)").is_some());
    assert!(h.query_by_label("notes.txt").is_none());

    h.get_by_label("my-sites.geojson").click();
    h.run_steps(1);
    h.get_by_label("Open").click();
    h.run_steps(1);
    step_until(&mut h, "the file to load", |app| {
        app.loading.is_empty() && app.state.layers.len() == 2
    });
    let app = h.state();
    assert!(app.file_dialogs().browser().is_none(), "the browser closed");
    assert_eq!(app.state.layers[1].name, "my-sites.geojson");
    assert!(
        app.state
            .messages
            .iter()
            .any(|m| m.text.contains("my-sites.geojson: loaded 1 records")),
        "{:?}",
        app.state.messages
    );
    assert_eq!(
        app.map_output().drawn.sites,
        sites_before + 1,
        "the file's site is on the map"
    );

    // Ctrl+O opens the browser again at once, without saying it all again. As a quick
    // keystroke arrives from a real keyboard: pressed and released, Ctrl included, within one
    // frame, so Ctrl is no longer held when the frame looks at the keyboard's state.
    h.get_by_label("Fit country").click();
    h.run_steps(2);
    for pressed in [true, false] {
        h.input_mut().events.push(egui::Event::Key {
            key: egui::Key::O,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers: egui::Modifiers::COMMAND,
        });
    }
    h.run_steps(3);
    assert!(h.state().file_dialogs().browser().is_some(), "Ctrl+O");
    assert_eq!(
        h.query_all_by_label_contains(REASON).count(),
        1,
        "only the message from before"
    );
    assert_eq!(said(h.state()), 1);
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(h.state().file_dialogs().browser().is_none());
    assert_eq!(h.state().state.layers.len(), 2, "cancel opens nothing");
}

/// Types `text` into the browser's text field labelled `label`, replacing what is there.
fn retype(h: &mut Harness<'_, NkmapApp>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).click();
    h.run_steps(1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run_steps(1);
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run_steps(1);
}

#[test]
fn export_and_save_as_write_through_nkmaps_browser() {
    let dir = folder();
    let mut h = harness(DialogConfig::builtin(dir.path().to_path_buf()));
    menu(&mut h, "File", "Export view as SVG…");
    assert!(
        h.state().file_dialogs().browser().is_some(),
        "the browser opened"
    );
    // The user chose the browser (NKMAP_FILE_DIALOG=builtin): nothing to explain.
    assert!(h.query_by_label_contains(REASON).is_none());
    // A name without the extension gets the filter's.
    retype(&mut h, "File name", "country view");
    h.get_by_label("Save").click();
    h.run_steps(3);
    let svg_path = dir.path().join("country view.svg");
    let svg = std::fs::read_to_string(&svg_path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; {:?}",
            svg_path.display(),
            h.state().state.messages
        )
    });
    assert!(
        svg.contains("<svg") && svg.contains("class=\"site\""),
        "a map"
    );

    // Saving over it asks first.
    std::fs::write(&svg_path, "old").unwrap_or_else(|e| panic!("{e}"));
    menu(&mut h, "File", "Export view as SVG…");
    h.get_by_label("country view.svg").click();
    h.run_steps(1);
    h.get_by_label("Save").click();
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("already exists. Replace it?")
            .is_some()
    );
    assert_eq!(
        std::fs::read_to_string(&svg_path).unwrap_or_default(),
        "old",
        "not replaced before the user says so"
    );
    h.get_by_label("Replace").click();
    h.run_steps(3);
    assert!(
        std::fs::read_to_string(&svg_path)
            .unwrap_or_default()
            .contains("<svg")
    );

    // Save my records as: the user's records (none yet) go to the chosen file.
    menu(&mut h, "File", "Save my records as…");
    h.get_by_label("older (folder)").click();
    h.run_steps(2);
    assert_eq!(
        h.state()
            .file_dialogs()
            .browser()
            .map(|b| b.dir().to_path_buf()),
        Some(dir.path().join("older"))
    );
    h.get_by_label("Save").click();
    h.run_steps(3);
    let saved = dir.path().join("older").join("my-records.geojson");
    let text = std::fs::read_to_string(&saved)
        .unwrap_or_else(|e| panic!("{}: {e}; {:?}", saved.display(), h.state().state.messages));
    assert!(text.contains("FeatureCollection"), "{text}");
}

/// A dropped file, as the window system hands it to egui.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_dropped_pmtiles_file_becomes_the_basemap_and_data_opens_as_a_layer() {
    use nkmap::basemap::BasemapChoice;
    let dir = folder();
    let tiles = dir.path().join("KOREA.PMTILES");
    write(&tiles, "not checked here");
    let mut h = harness(DialogConfig::builtin(dir.path().to_path_buf()));
    h.input_mut().dropped_files = vec![
        std::sync::Arc::new(Dropped(tiles.clone())),
        std::sync::Arc::new(Dropped(dir.path().join("my-sites.geojson"))),
    ];
    h.step();
    step_until(&mut h, "the file to load", |app| {
        app.loading.is_empty() && app.state.layers.len() == 2
    });
    let app = h.state();
    assert_eq!(
        app.state.settings.basemap,
        BasemapChoice::PmTiles { path: tiles },
        "the basemap"
    );
    let names: Vec<&str> = app.state.layers.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["Bundled seeds", "my-sites.geojson"]);
}
