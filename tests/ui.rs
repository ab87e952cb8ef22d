//! UI tests: the real app state, driven through egui_kittest by label.
#![cfg(feature = "gui")]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nkmap::app::NkmapApp;
use nkmap::app::settings::{Language, Layer};
use nkmap::app::state::Selection;
use std::time::{Duration, Instant};

fn harness(files: Vec<std::path::PathBuf>) -> Harness<'static, NkmapApp> {
    let app = match NkmapApp::new(None, files) {
        Ok(app) => app,
        Err(e) => panic!("the app did not start on the bundled data: {e}"),
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 1200.0))
        .with_context_setup(nkmap::style::install_fonts)
        .build_ui_state(|ui, app: &mut NkmapApp| app.show(ui), app);
    h.run_steps(4);
    h
}

/// Steps until `done` or a timeout: background loading happens on another thread.
fn step_until(h: &mut Harness<'_, NkmapApp>, done: impl Fn(&NkmapApp) -> bool) {
    let start = Instant::now();
    while !done(h.state()) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for the app"
        );
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    h.run_steps(2);
}

#[test]
fn starts_on_the_bundled_data_and_draws_the_country() {
    let h = harness(vec![]);
    let app = h.state();
    assert!(app.state.layers[0].data.sites.len() >= 20);
    let drawn = &app.map_output().drawn;
    assert!(drawn.provinces >= 12, "{drawn:?}");
    assert!(drawn.sites >= 20, "{drawn:?}");
    assert!(drawn.flows >= 1, "the Musan flow is drawn: {drawn:?}");
    // At country zoom the provinces are labelled in English.
    assert!(
        drawn.labels.iter().any(|l| l == "North Hamgyong"),
        "{:?}",
        drawn.labels
    );
    h.get_by_label("Fit country");
}

#[test]
fn selecting_orang_in_the_site_list_shows_its_details_and_the_seed_article() {
    let mut h = harness(vec![]);
    h.get_by_label("Orang").click();
    h.run_steps(3);
    let app = h.state();
    let Some(Selection::Site { layer, index }) = app.state.selection else {
        panic!("selection is {:?}", app.state.selection);
    };
    let site = &app.state.layers[layer].data.sites[index];
    assert_eq!(site.region_id.as_deref(), Some("KP-09-orang"));
    // The details panel lists the seed article among the sources.
    assert!(h.query_all_by_label_contains("ASIAPRESS").next().is_some());
    assert!(
        h.query_all_by_label_contains("Inauguration")
            .next()
            .is_some()
    );
    // Selecting flew the map there.
    let ((lon, lat), zoom) = h.state().view();
    assert!(
        (lon - 129.6).abs() < 0.5 && (lat - 41.3).abs() < 0.5 && zoom >= 9.0,
        "{lon} {lat} {zoom}"
    );
}

#[test]
fn toggling_the_flows_layer_hides_the_musan_arrows() {
    let mut h = harness(vec![]);
    assert!(h.state().map_output().drawn.flows >= 1);
    h.get_by_label("Flows").click();
    h.run_steps(3);
    assert!(!h.state().state.settings.shows(Layer::Flows));
    assert_eq!(h.state().map_output().drawn.flows, 0);
    h.get_by_label("Flows").click();
    h.run_steps(3);
    assert!(h.state().map_output().drawn.flows >= 1);
}

#[test]
fn a_bad_file_shows_a_message_and_the_app_keeps_running() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let bad = dir.path().join("broken.geojson");
    std::fs::write(
        &bad,
        br#"{"type": "FeatureCollection", "features": [ {"type": "Feat"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness(vec![bad]);
    step_until(&mut h, |app| {
        app.loading.is_empty() && !app.state.messages.is_empty()
    });
    let messages = &h.state().state.messages;
    assert!(
        messages
            .iter()
            .any(|m| m.is_error && m.text.contains("broken.geojson")),
        "{messages:?}"
    );
    assert!(h.query_by_label_contains("broken.geojson").is_some());
    // Still running, still drawing the bundled data.
    h.run_steps(3);
    assert!(h.state().map_output().drawn.sites >= 20);
}

#[test]
fn the_language_toggle_switches_labels_to_hangul() {
    let mut h = harness(vec![]);
    h.get_by_label("한국어").click();
    h.run_steps(3);
    assert_eq!(h.state().state.settings.language, Language::Korean);
    let labels = &h.state().map_output().drawn.labels;
    assert!(labels.iter().any(|l| l == "함경북도"), "{labels:?}");
    assert!(!labels.iter().any(|l| l == "North Hamgyong"), "{labels:?}");
}

#[test]
fn searching_eorang_and_pressing_enter_flies_to_orang_county() {
    let mut h = harness(vec![]);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run_steps(2);
    let field = h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Search");
    assert!(field.is_focused(), "Ctrl+F focuses the search box");
    field.type_text("Eorang");
    h.run_steps(2);
    // Grouped results: the county under "Places", the 2024 site under "Sites".
    assert!(h.query_by_label_contains("Places").is_some());
    assert!(h.query_by_label_contains("Orang regional").is_some());
    h.key_press(egui::Key::Enter);
    h.run_steps(4);
    let app = h.state();
    let Some(Selection::County(i)) = app.state.selection else {
        panic!(
            "Enter should select the county, the top result: {:?}",
            app.state.selection
        );
    };
    assert_eq!(app.state.geography.counties[i].id, "KP-09-orang");
    let ((lon, lat), zoom) = app.view();
    assert!(
        (lon - 129.6).abs() < 0.5 && (lat - 41.3).abs() < 0.5 && zoom >= 8.0,
        "flew to Orang: {lon} {lat} {zoom}"
    );
}

#[test]
fn arrow_down_then_enter_picks_the_next_result() {
    let mut h = harness(vec![]);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run_steps(2);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Search")
        .type_text("Eorang");
    h.run_steps(2);
    h.key_press(egui::Key::ArrowDown);
    h.run_steps(1);
    h.key_press(egui::Key::Enter);
    h.run_steps(4);
    let app = h.state();
    let Some(Selection::Site { layer, index }) = app.state.selection else {
        panic!("selection is {:?}", app.state.selection);
    };
    assert_eq!(
        app.state.layers[layer].data.sites[index]
            .region_id
            .as_deref(),
        Some("KP-09-orang")
    );
}

#[test]
fn exports_the_view_and_the_visible_records() {
    use nkmap::app::state::{Action, ExportKind};
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness(vec![]);
    h.run_steps(2);
    let files = [
        (ExportKind::ViewSvg, dir.path().join("view.svg")),
        (ExportKind::ViewPng, dir.path().join("view.png")),
        (ExportKind::RecordsCsv, dir.path().join("records.csv")),
        (
            ExportKind::RecordsGeojson,
            dir.path().join("records.geojson"),
        ),
    ];
    for (kind, path) in &files {
        h.state_mut().apply(Action::Export(*kind, path.clone()));
    }
    h.run_steps(2);
    let messages = &h.state().state.messages;
    for (_, path) in &files {
        let bytes = std::fs::read(path)
            .unwrap_or_else(|e| panic!("{} not written: {e}; {messages:?}", path.display()));
        assert!(bytes.len() > 100, "{}", path.display());
    }
    let svg = std::fs::read_to_string(&files[0].1).unwrap_or_else(|e| panic!("{e}"));
    assert!(svg.contains("class=\"site\""), "the view shows sites");
    let png = std::fs::read(&files[1].1).unwrap_or_else(|e| panic!("{e}"));
    assert!(png.starts_with(b"\x89PNG"));
    // The exported records read back as a clean nkmap file.
    let geo = nkmap::bundled::geography().unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read(&files[3].1).unwrap_or_else(|e| panic!("{e}"));
    let (data, diags) = nkmap::io::read_dataset(&text, "records.geojson", &geo);
    assert!(!diags.iter().any(|d| d.is_error()), "{diags:?}");
    assert_eq!(data.sites.len(), h.state().state.layers[0].data.sites.len());
    assert!(
        messages
            .iter()
            .all(|m| !m.is_error || !m.text.contains("export")),
        "{messages:?}"
    );
}
