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
