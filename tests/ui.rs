//! UI tests: the real app state, driven through egui_kittest by label.
#![cfg(feature = "gui")]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nkmap::app::NkmapApp;
use nkmap::state::settings::{Language, Layer};
use nkmap::state::{Action, Selection};
use std::time::{Duration, Instant};

fn harness(files: Vec<std::path::PathBuf>) -> Harness<'static, NkmapApp> {
    harness_with(app(files))
}

fn app(files: Vec<std::path::PathBuf>) -> NkmapApp {
    match NkmapApp::new(None, files) {
        Ok(app) => app,
        Err(e) => panic!("the app did not start on the bundled data: {e}"),
    }
}

fn harness_with(app: NkmapApp) -> Harness<'static, NkmapApp> {
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
    use nkmap::state::{Action, ExportKind};
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
    let (data, diags) = nkmap::io::read_dataset(
        &text,
        "records.geojson",
        &geo,
        nkmap::bundled::seed_sources(),
    );
    assert!(!diags.iter().any(|d| d.is_error()), "{diags:?}");
    assert_eq!(data.sites.len(), h.state().state.layers[0].data.sites.len());
    assert!(
        messages
            .iter()
            .all(|m| !m.is_error || !m.text.contains("export")),
        "{messages:?}"
    );
}

fn day(y: i32, m: u8, d: u8) -> i64 {
    nkmap::model::PartialDate::ymd(y, m, d).start_day_number()
}

fn orang_status(h: &Harness<'_, NkmapApp>) -> nkmap::model::SiteStatus {
    let app = &h.state().state;
    let Some(Selection::Site { layer, index }) = app.selection else {
        panic!("Orang is not selected: {:?}", app.selection);
    };
    app.layers[layer].data.sites[index].status_on(app.date)
}

#[test]
fn the_date_control_moves_orang_from_under_construction_to_completed() {
    use nkmap::model::SiteStatus;
    use nkmap::state::Action;
    let mut h = harness(vec![]);
    // Start mid-January 2025 (Orang's factories were inaugurated on 2025-01-31), then drive
    // the date with the control's own buttons.
    h.state_mut().apply(Action::SetDate(day(2025, 1, 15)));
    h.run_steps(2);
    h.get_by_label("Orang").click();
    h.run_steps(3);
    assert_eq!(orang_status(&h), SiteStatus::UnderConstruction);
    assert!(
        h.query_by_label_contains("under construction (on 2025-01-15)")
            .is_some(),
        "the details panel shows the status on the date"
    );
    h.get_by_label("Forward a month").click();
    h.run_steps(3);
    assert_eq!(h.state().state.date, day(2025, 2, 15));
    assert_eq!(orang_status(&h), SiteStatus::Completed);
    assert!(
        h.query_by_label_contains("completed (on 2025-02-15)")
            .is_some()
    );
    h.get_by_label("Back a month").click();
    h.run_steps(1);
    h.get_by_label("Back a month").click();
    h.run_steps(3);
    assert_eq!(h.state().state.date, day(2024, 12, 15));
    assert!(
        h.query_by_label_contains("under construction (on 2024-12-15)")
            .is_some()
    );
}

#[test]
fn play_advances_the_date_and_flows_show_only_while_active() {
    use nkmap::state::Action;
    let mut h = harness(vec![]);
    // Before the first mobilization (February 2024) no flow is drawn.
    h.state_mut().apply(Action::SetDate(day(2024, 1, 10)));
    h.run_steps(3);
    assert_eq!(h.state().map_output().drawn.flows, 0);
    h.get_by_label("Play").click();
    h.run_steps(2);
    assert!(h.state().state.playing);
    step_until(&mut h, |app| app.state.date >= day(2024, 2, 10));
    h.get_by_label("Pause").click();
    h.run_steps(2);
    let app = h.state();
    assert!(!app.state.playing);
    assert!(app.state.date >= day(2024, 2, 10));
    assert!(
        app.map_output().drawn.flows >= 1,
        "the Musan flow is active"
    );
}

/// Types into the form's text field labelled `label`.
fn fill(h: &mut Harness<'_, NkmapApp>, label: &str, text: &str) {
    use egui::accesskit::Role;
    h.get_by_role_and_label(Role::TextInput, label).click();
    h.run_steps(1);
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run_steps(1);
}

/// Opens Edit → Add site… and fills in a site in Orang with a locator, but no source yet.
fn start_a_site(h: &mut Harness<'_, NkmapApp>) {
    h.get_by_label("Edit").click();
    h.run_steps(2);
    h.get_by_label("Add site…").click();
    h.run_steps(3);
    assert!(h.state().editor().is_some(), "the form opened");
    fill(h, "Name", "Orang fish farm");
    fill(h, "Place", "Eorang");
    fill(h, "Groundbreaking", "2025-03-02");
    fill(h, "Locator", "para 2");
    // The gazetteer's reading is shown before saving.
    assert!(
        h.query_by_label_contains("resolves to Orang County")
            .is_some(),
        "{:?}",
        h.state().editor()
    );
}

#[test]
fn adding_a_site_without_a_source_is_refused_with_a_message() {
    let mut h = harness(vec![]);
    start_a_site(&mut h);
    h.get_by_label("Save record").click();
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("A source is required").is_some(),
        "the refusal is shown"
    );
    let app = h.state();
    assert!(app.editor().is_some(), "the form stays open");
    assert!(app.state.user_data().is_none_or(|d| d.sites.is_empty()));
    assert!(!app.state.unsaved());
}

#[test]
fn a_new_site_saves_reopens_exactly_and_undo_restores_the_previous_state() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("my-records.geojson");
    let mut h = harness_with(app(vec![]).with_user_file(path.clone()));
    start_a_site(&mut h);
    h.get_by_label("Add a new source").click();
    h.run_steps(2);
    for (field, text) in [
        ("Publisher", "Daily NK"),
        ("Title", "Fish farm rises in Orang"),
        ("URL", "https://www.dailynk.com/english/orang-fish-farm/"),
    ] {
        fill(&mut h, field, text);
    }
    h.get_by_label("Save record").click();
    h.run_steps(3);
    let app = h.state();
    assert!(
        app.editor().is_none(),
        "saved and closed: {:?}",
        app.editor()
    );
    let mine = app.state.user_data().cloned().unwrap_or_default();
    assert_eq!(mine.sites.len(), 1);
    assert_eq!(mine.sources.len(), 1);
    assert_eq!(mine.sites[0].region_id.as_deref(), Some("KP-09-orang"));
    assert!(app.state.unsaved(), "flagged as unsaved");
    assert!(h.query_by_label("Unsaved changes").is_some());
    // The new record is selected, and it can be edited.
    assert!(h.query_by_label("Edit record").is_some());

    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Save my records").click();
    h.run_steps(3);
    assert!(!h.state().state.unsaved());
    let geo = nkmap::bundled::geography().unwrap_or_else(|e| panic!("{e}"));
    let (back, diags) = nkmap::io::load_file(&path, &geo, nkmap::bundled::seed_sources());
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(back.as_ref(), Some(&mine), "the file reads back exactly");
    // Reopening the app on the file gives the same records.
    let reopened = app_with_user_file(&path);
    assert_eq!(reopened.state.user_data(), Some(&mine));

    // Undo through the menu: the record is gone again (and that differs from the save).
    h.get_by_label("Edit").click();
    h.run_steps(2);
    h.query_by_label_contains("Undo")
        .unwrap_or_else(|| panic!("Edit → Undo"))
        .click();
    h.run_steps(3);
    let app = h.state();
    assert_eq!(
        app.state.user_data().map(|d| d.sites.len()),
        Some(0),
        "undo restores the state before the site"
    );
    assert!(app.state.unsaved());
    assert_eq!(app.map_output().drawn.sites, 62, "the seeds only");
    // Ctrl+Shift+Z redoes.
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run_steps(3);
    assert_eq!(h.state().state.user_data(), Some(&mine));
    assert!(!h.state().state.unsaved());
}

fn app_with_user_file(path: &std::path::Path) -> NkmapApp {
    app(vec![]).with_user_file(path.to_path_buf())
}

#[test]
fn a_save_killed_midway_leaves_the_previous_file_intact() {
    use nkmap::state::Action;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("my-records.geojson");
    let mut app = app_with_user_file(&path);
    // A first good save of one source-only change.
    let mut data = nkmap::model::Dataset::default();
    data.sources.push(nkmap::bundled::seed_sources()[0].clone());
    data.sources[0].id = "user-first".into();
    app.apply(Action::CommitUserData(Box::new(data), None));
    app.apply(Action::SaveUserData(None));
    let before = std::fs::read(&path).unwrap_or_else(|e| panic!("first save: {e}"));
    // A change, then a save through the app's own save path whose writer dies halfway.
    let mut more = app.state.user_data().cloned().unwrap_or_default();
    more.sources[0].title = "changed".into();
    app.apply(Action::CommitUserData(Box::new(more), None));
    app.state.save_user_data(None, |f, bytes| {
        std::io::Write::write_all(f, &bytes[..bytes.len() / 2])?;
        Err(std::io::Error::other("killed midway"))
    });
    assert_eq!(
        std::fs::read(&path).unwrap_or_else(|e| panic!("{e}")),
        before,
        "the previous file is intact"
    );
    assert_eq!(
        std::fs::read_dir(dir.path())
            .unwrap_or_else(|e| panic!("{e}"))
            .count(),
        1,
        "no temporary file left"
    );
    assert!(app.state.unsaved(), "the change is still unsaved");
    assert!(
        app.state
            .messages
            .iter()
            .any(|m| m.is_error && m.text.contains("killed midway")),
        "{:?}",
        app.state.messages
    );
}

#[test]
fn the_filter_hides_records_from_map_list_and_counts_alike() {
    let mut h = harness(vec![]);
    h.state_mut()
        .apply(nkmap::state::Action::SetDate(day(2025, 6, 1)));
    h.run_steps(3);
    let all = h.state().map_output().drawn.sites;
    assert_eq!(all, 62);
    assert!(h.query_by_label_contains("2025 cohort").is_some());
    let before = h.state().state.progress();
    assert!(before.by_cohort.contains_key(&2025));

    // Tick the 2024 cohort in the filter.
    h.get_by_label("Filter").click();
    h.run_steps(2);
    h.get_by_label("2024").click();
    h.run_steps(3);
    let app = h.state();
    let shown = app.state.shown_sites().count();
    assert_eq!(shown, 20, "the 2024 cohort");
    assert_eq!(app.map_output().drawn.sites, shown, "map");
    assert!(h.query_by_label_contains("2025 cohort").is_none(), "list");
    assert!(
        h.query_by_label_contains("2024 cohort (20)").is_some(),
        "list"
    );
    let p = app.state.progress();
    assert_eq!(
        p.by_cohort.keys().copied().collect::<Vec<_>>(),
        vec![2024],
        "counts"
    );
    assert_eq!(p.total.completed.count(), 20);

    // The Progress window shows the same counts; the records behind one are a click away.
    h.get_by_label("Progress").click();
    h.run_steps(3);
    assert!(h.state().state.show_progress);
    assert!(
        h.query_by_label_contains("only the sites it lets through")
            .is_some()
    );
    h.query_all_by_label("20")
        .next()
        .unwrap_or_else(|| panic!("a count of 20"))
        .click();
    h.run_steps(3);
    let listed = h
        .state()
        .state
        .record_list
        .clone()
        .unwrap_or_else(|| panic!("clicking a count lists its records"));
    assert_eq!(listed.1.len(), 20, "{}", listed.0);
    assert!(h.query_by_label_contains("Orang: Orang").is_some());

    h.get_by_label("Clear filter").click();
    h.run_steps(3);
    assert_eq!(h.state().map_output().drawn.sites, all);
}

/// A user's polygon file: drawn as an area layer, hovered and clicked through the R-tree with
/// an exact test (the hole is not the area), and its properties shown in the details panel.
#[test]
fn an_area_file_opens_as_a_layer_whose_polygons_can_be_clicked() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("traced.geojson");
    let text = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"name":"Traced plot A","source":"imagery 2025-06","floors":3},
       "geometry":{"type":"Polygon","coordinates":[
         [[129.55,41.35],[129.75,41.35],[129.75,41.50],[129.55,41.50],[129.55,41.35]],
         [[129.62,41.40],[129.68,41.40],[129.68,41.45],[129.62,41.45],[129.62,41.40]]]}},
      {"type":"Feature","properties":{"NAME":"Plot B"},
       "geometry":{"type":"MultiPolygon","coordinates":[[[[129.0,41.0],[129.1,41.0],[129.1,41.1],[129.0,41.0]]]]}}
    ]}"#;
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness(vec![path]);
    step_until(&mut h, |a| {
        a.state.layers.len() == 2 && a.state.layers[1].areas.is_some()
    });
    assert_eq!(h.state().state.layers[1].data.areas.len(), 2);
    assert!(
        h.state()
            .state
            .messages
            .iter()
            .any(|m| m.text.contains("2 areas")),
        "{:?}",
        h.state().state.messages
    );
    h.state_mut()
        .apply(Action::FlyTo(Selection::Area { layer: 1, index: 0 }));
    h.run_steps(30);
    assert!(h.state().map_output().drawn.areas >= 1);
    let screen = |h: &Harness<'_, NkmapApp>, lon: f64, lat: f64| {
        let Some(view) = h.state().map_output().view else {
            panic!("the map has a view");
        };
        let s = view.to_screen(nkmap::scene::to_local(lon, lat));
        egui::pos2(s[0], s[1])
    };
    // Inside the hole: the county under it, not the area.
    let hole = screen(&h, 129.65, 41.425);
    h.hover_at(hole);
    h.run_steps(2);
    assert!(
        !matches!(h.state().map_output().hovered, Some(Selection::Area { .. })),
        "{:?}",
        h.state().map_output().hovered
    );
    let inside = screen(&h, 129.58, 41.37);
    h.hover_at(inside);
    h.run_steps(2);
    assert_eq!(
        h.state().map_output().hovered,
        Some(Selection::Area { layer: 1, index: 0 })
    );
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: inside,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.step();
    }
    h.run_steps(3);
    assert_eq!(
        h.state().state.selection,
        Some(Selection::Area { layer: 1, index: 0 })
    );
    // The heading and the `name` property.
    assert!(h.query_all_by_label("Traced plot A").count() >= 2);
    h.get_by_label("imagery 2025-06");
    assert!(
        h.query_all_by_label("traced.geojson").count() >= 2,
        "side panel and details"
    );
    // File -> Export records takes the visible areas along.
    let exported = nkmap::app::export::visible_records(&h.state().state);
    assert_eq!(exported.areas.len(), 2);
}
