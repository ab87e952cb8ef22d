//! UI tests: the real app state, driven through egui_kittest by label, by pointer events at
//! projected map points, and (where what counts is what the user sees) by the pixels of the
//! window rendered offscreen with wgpu. Every harness runs on a fixed "today" (2025-06-01),
//! never the system clock.
#![cfg(feature = "gui")]

mod pixels;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nkmap::app::NkmapApp;
use nkmap::scene::palette::{self, MapPalette};
use nkmap::state::settings::{Language, Layer};
use nkmap::state::{Action, Selection};
use pixels::{Image, assert_colour_at, over, rgb};
use std::time::{Duration, Instant};

/// The harness's "today": statuses and flows are those of this day unless a test moves the
/// date.
const TODAY: (i32, u8, u8) = (2025, 6, 1);

fn harness(files: Vec<std::path::PathBuf>) -> Harness<'static, NkmapApp> {
    harness_with(app(files))
}

fn app(files: Vec<std::path::PathBuf>) -> NkmapApp {
    let mut app = match NkmapApp::new(None, files) {
        Ok(app) => app,
        Err(e) => panic!("the app did not start on the bundled data: {e}"),
    };
    app.state.set_today(day(TODAY.0, TODAY.1, TODAY.2));
    app
}

fn harness_with(app: NkmapApp) -> Harness<'static, NkmapApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 1200.0))
        .with_context_setup(nkmap::style::install_fonts)
        .build_ui_state(|ui, app: &mut NkmapApp| app.show(ui), app);
    h.run_steps(4);
    h
}

/// A harness whose window can be rendered offscreen ([`window_picture`]), by a renderer that
/// waits for the software rasterizer however loaded the machine is.
fn rendering_harness(files: Vec<std::path::PathBuf>) -> Harness<'static, NkmapApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 1200.0))
        .with_context_setup(nkmap::style::install_fonts)
        .renderer(pixels::PatientRenderer::new())
        .build_ui_state(|ui, app: &mut NkmapApp| app.show(ui), app(files));
    h.run_steps(4);
    h
}

/// Steps until `done`: background loading happens on another thread. The time limit only
/// stops a hung test; it is far above what loading takes on a loaded machine.
fn step_until(h: &mut Harness<'_, NkmapApp>, done: impl Fn(&NkmapApp) -> bool) {
    let start = Instant::now();
    while !done(h.state()) {
        assert!(
            start.elapsed() < Duration::from_secs(300),
            "the app never got there (a hang?)"
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
    h.run_steps(1);
    assert!(h.state().state.playing);
    // A month every half second of the app's clock; the harness steps it by a quarter second
    // per frame, so this does not depend on how fast the machine is.
    for _ in 0..16 {
        if h.state().state.date >= day(2024, 2, 10) {
            break;
        }
        h.step();
    }
    assert!(
        h.state().state.date >= day(2024, 2, 10),
        "{}",
        h.state().state.date
    );
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
    // The count in the 2024 row's "Completed" column: found by its row and column, not by
    // being the first widget that says 20 (the target and the groundbreaking count do too).
    let row = h.get_by_role_and_label(Role::Label, "2024").rect();
    // The cohort table's header: the nearest "Completed" above the row (the province table
    // below has one too).
    let column = h
        .query_all_by_role_and_label(Role::Label, "Completed")
        .map(|n| n.rect())
        .filter(|r| r.center().y < row.center().y)
        .max_by(|a, b| a.center().y.total_cmp(&b.center().y))
        .unwrap_or_else(|| panic!("no Completed header above the 2024 row"));
    let cells: Vec<_> = h
        .query_all_by_role_and_label(Role::Link, "20")
        .filter(|n| {
            let r = n.rect();
            (r.center().y - row.center().y).abs() < row.height() / 2.0
                && r.center().x > column.left() - 4.0
                && r.center().x < column.right() + 4.0
        })
        .collect();
    assert_eq!(cells.len(), 1, "one cell at row 2024, column Completed");
    cells[0].click();
    h.run_steps(3);
    let listed = h
        .state()
        .state
        .record_list
        .clone()
        .unwrap_or_else(|| panic!("clicking a count lists its records"));
    assert_eq!(listed.0, "2024 cohort: completed (20 counties)");
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

// ---------------------------------------------------------------------------------------------
// Pointing at the map, and what the window shows.

/// Where a lon/lat is in the window on the last frame.
fn screen(h: &Harness<'_, NkmapApp>, lon: f64, lat: f64) -> egui::Pos2 {
    let Some(view) = h.state().map_output().view else {
        panic!("the map has a view");
    };
    let s = view.to_screen(nkmap::scene::to_local(lon, lat));
    egui::pos2(s[0], s[1])
}

/// Moves the pointer to `pos`, then presses and releases `button` there.
fn click_map(h: &mut Harness<'_, NkmapApp>, pos: egui::Pos2, button: egui::PointerButton) {
    h.hover_at(pos);
    h.run_steps(2);
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.step();
    }
    h.run_steps(3);
}

/// One offscreen rendering at a time (see `tests/gpu.rs`).
static LAVAPIPE: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The window as the user sees it, rendered offscreen with wgpu (lavapipe in CI).
fn window_picture(h: &mut Harness<'_, NkmapApp>) -> Image {
    let _one_at_a_time = LAVAPIPE.lock().unwrap_or_else(|e| e.into_inner());
    pixels::picture(
        h.render()
            .unwrap_or_else(|e| panic!("offscreen rendering failed: {e}")),
    )
}

/// Where a site's marker is on the last frame.
fn marker(h: &Harness<'_, NkmapApp>, site_id: &str) -> egui::Pos2 {
    let app = h.state();
    let Some(view) = app.map_output().view else {
        panic!("the map has a view");
    };
    let m = app
        .state
        .scene
        .sites
        .iter()
        .find(|m| app.state.layers[m.layer].data.sites[m.site].id == site_id)
        .unwrap_or_else(|| panic!("{site_id} is not on the map"));
    nkmap::map::marker_center(m, &view)
}

const MUSAN_FLOW: &str = "flow-2024-02-musan-mine-workers";

/// A point `t` of the way along the first leg of a flow, on the last frame; `None` when the
/// flow is not on the map.
fn flow_point(h: &Harness<'_, NkmapApp>, flow_id: &str, t: f32) -> Option<egui::Pos2> {
    let app = h.state();
    let view = app.map_output().view?;
    // Prepared from the data, not from what the map shows: the point exists on every date.
    let data: Vec<&nkmap::model::Dataset> = app.state.layers.iter().map(|l| &l.data).collect();
    let flows = nkmap::scene::flows::prepare_flows(&data);
    let f = flows
        .iter()
        .find(|f| app.state.layers[f.layer].data.flows[f.flow].id == flow_id)?;
    let leg = f.legs.first()?;
    let s = view.to_screen(leg[((leg.len() - 1) as f32 * t) as usize]);
    Some(egui::pos2(s[0], s[1]))
}

fn set_date(h: &mut Harness<'_, NkmapApp>, y: i32, m: u8, d: u8) {
    h.state_mut().apply(Action::SetDate(day(y, m, d)));
    h.run_steps(3);
}

/// Render = window: on 2024-01-10 (before the Musan mobilization began) the window draws no
/// Musan flow, on 2024-03-01 it does; `tests/render.rs` checks `nkmap render` on the same days.
#[test]
fn the_musan_flow_shows_in_the_window_only_once_it_started() {
    let mut h = rendering_harness(vec![]);
    let flow = rgb(MapPalette::LIGHT.flow);
    set_date(&mut h, 2024, 1, 10);
    assert_eq!(h.state().map_output().drawn.flows, 0);
    let on_line = flow_point(&h, MUSAN_FLOW, 0.25).unwrap_or_else(|| panic!("no view"));
    let before = window_picture(&mut h).colour_near([on_line.x, on_line.y]);
    let off = (0..3)
        .map(|c| before[c].abs_diff(flow[c]))
        .max()
        .unwrap_or(0);
    assert!(
        off > 40,
        "2024-01-10: the Musan line is painted ({})",
        pixels::hex(before)
    );
    set_date(&mut h, 2024, 3, 1);
    assert!(h.state().map_output().drawn.flows >= 1);
    let img = window_picture(&mut h);
    assert_colour_at(
        &img,
        [on_line.x, on_line.y],
        flow,
        6,
        "2024-03-01: the Musan line",
    );
}

/// Hovering shows one line of facts: a site's type, place, status and cohort; a county's
/// spellings and province.
#[test]
fn hovering_a_site_and_a_county_shows_their_tooltips() {
    let mut h = harness(vec![]);
    assert!(h.query_by_label_contains("2024 cohort").is_some());
    let tip = "Seafood processing · Orang · completed · 2024 cohort";
    assert!(
        h.query_by_label(tip).is_none(),
        "no tooltip before hovering"
    );
    let at = marker(&h, "site-2024-orang");
    h.hover_at(at);
    h.run_steps(6);
    assert_eq!(
        h.state().map_output().hovered,
        Some(Selection::Site {
            layer: 0,
            index: site_index(&h, "site-2024-orang")
        })
    );
    assert!(
        h.query_by_label("Orang regional-industry factories")
            .is_some(),
        "the tooltip names the site"
    );
    assert!(h.query_by_label(tip).is_some(), "the tooltip's facts");

    // Orang county, away from its markers.
    let at = screen(&h, 129.45, 41.38);
    h.hover_at(at);
    h.run_steps(6);
    assert!(
        h.query_by_label("Orang  어랑군").is_some(),
        "the county's names"
    );
    assert!(
        h.query_by_label("County · Ŏrang / Eorang · North Hamgyong")
            .is_some(),
        "its spellings and province"
    );
    // Gone when the pointer leaves the map.
    h.remove_cursor();
    h.run_steps(4);
    assert!(h.query_by_label("Orang  어랑군").is_none());
}

fn site_index(h: &Harness<'_, NkmapApp>, id: &str) -> usize {
    h.state().state.layers[0]
        .data
        .sites
        .iter()
        .position(|s| s.id == id)
        .unwrap_or_else(|| panic!("no site {id}"))
}

/// Clicking a county on the map opens its details: every spelling, the province, the sites in
/// it and the flows in and out.
#[test]
fn clicking_a_county_on_the_map_shows_its_details() {
    let mut h = harness(vec![]);
    let at = screen(&h, 129.45, 41.38);
    click_map(&mut h, at, egui::PointerButton::Primary);
    let app = h.state();
    let Some(Selection::County(i)) = app.state.selection else {
        panic!("selection is {:?}", app.state.selection);
    };
    assert_eq!(app.state.geography.counties[i].id, "KP-09-orang");
    for text in [
        "Orang  어랑군",
        "McCune–Reischauer",
        "Ŏrang",
        "Revised Romanization",
        "Eorang",
        "어랑군",
        "North Hamgyong (KP-09)",
        "Orang regional-industry factories — completed",
        "in: Musan mine workers, 500–600, 3-month shifts",
    ] {
        assert!(
            h.query_all_by_label(text).next().is_some(),
            "details show '{text}'"
        );
    }
}

/// Clicking a flow's line opens its details: who, from, to, how many, since when, whether it
/// is active on the date, and its sources.
#[test]
fn clicking_a_flow_on_the_map_shows_its_details() {
    let mut h = harness(vec![]);
    let at = flow_point(&h, MUSAN_FLOW, 0.25).unwrap_or_else(|| panic!("no view"));
    click_map(&mut h, at, egui::PointerButton::Primary);
    let app = h.state();
    let Some(Selection::Flow { layer, index }) = app.state.selection else {
        panic!("selection is {:?}", app.state.selection);
    };
    assert_eq!(app.state.layers[layer].data.flows[index].id, MUSAN_FLOW);
    for text in [
        "Musan mine workers",
        "Musan",
        "500–600 (“about two battalions”)",
        "3 months",
        "2024-02",
        "Active on date",
        "yes",
        "Sources",
    ] {
        assert!(
            h.query_all_by_label(text).next().is_some(),
            "details show '{text}'"
        );
    }
    assert!(
        h.query_all_by_label_contains("ASIAPRESS").next().is_some(),
        "a source"
    );
}

/// A site whose type is disputed shows the competing claim and who makes it, and its sources
/// are links that open in the browser.
#[test]
fn disputed_claims_and_source_links_in_the_details() {
    let mut h = harness(vec![]);
    let at = marker(&h, "site-2024-orang");
    click_map(&mut h, at, egui::PointerButton::Primary);
    let orang = site_index(&h, "site-2024-orang");
    assert_eq!(
        h.state().state.selection,
        Some(Selection::Site {
            layer: 0,
            index: orang
        })
    );
    assert!(h.query_by_label("Disputed").is_some());
    assert!(
        h.query_by_label("category: “factory_cluster” according to")
            .is_some(),
        "the competing claim"
    );
    // One of the sources behind the claim, as a link to its URL.
    let source = nkmap::bundled::seed_sources()
        .iter()
        .find(|s| s.id == "38north-2025-06-similar-products")
        .unwrap_or_else(|| panic!("the seed source is bundled"));
    let url = source
        .url
        .clone()
        .unwrap_or_else(|| panic!("{} has a URL", source.id));
    let link = h
        .query_all_by_role_and_label(Role::Link, &source.title)
        .next()
        .unwrap_or_else(|| panic!("no link '{}'", source.title));
    link.click();
    h.step();
    let opened: Vec<String> = h
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::OpenUrl(o) => Some(o.url.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(opened, vec![url], "clicking the source opens its URL");
}

/// Dragging the date slider's handle moves the date, and the map and the details follow.
#[test]
fn dragging_the_date_slider_moves_the_date() {
    let mut h = harness(vec![]);
    h.get_by_label("Orang").click();
    h.run_steps(3);
    assert!(h.query_by_label("completed (on 2025-06-01)").is_some());
    let (first, last) = nkmap::timeline::date_range();
    // The date's slider (the layer sliders are labelled "Opacity").
    let rect = h.get_by_role_and_label(Role::Slider, "status on").rect();
    let at = |day: i64| {
        let t = (day - first) as f32 / (last - first) as f32;
        egui::pos2(rect.left() + rect.width() * t, rect.center().y)
    };
    // From the handle to the left end: the first day of the range.
    let from = at(h.state().state.date);
    h.hover_at(from);
    h.step();
    h.drag_at(from);
    h.step();
    for k in 1..=4 {
        h.hover_at(from + (rect.left_center() - from) * (k as f32 / 4.0) - egui::vec2(10.0, 0.0));
        h.step();
    }
    h.drop_at(rect.left_center() - egui::vec2(10.0, 0.0));
    h.run_steps(3);
    assert_eq!(h.state().state.date, first);
    assert!(
        h.query_by_label_contains("not yet reported (on 2024-01-01)")
            .is_some(),
        "the details follow the date"
    );
    assert!(
        h.query_by_label("Status on 2024-01-01").is_some(),
        "the status bar"
    );
}

/// Right-click on the map: the menu offers a site at the point, a site in the county under
/// it and a flow out of it; choosing one opens the form for that place.
#[test]
fn the_right_click_menu_opens_the_form_for_the_county_under_the_pointer() {
    let mut h = harness(vec![]);
    let at = screen(&h, 129.45, 41.38);
    click_map(&mut h, at, egui::PointerButton::Secondary);
    for item in ["Add site here", "Add site in Orang", "Add flow from Orang"] {
        assert!(h.query_by_label(item).is_some(), "the menu has '{item}'");
    }
    h.get_by_label("Add site in Orang").click();
    h.run_steps(3);
    let form = h
        .state()
        .editor()
        .unwrap_or_else(|| panic!("the form opened"));
    assert_eq!(form.draft.place, "Orang, North Hamgyong");
    assert_eq!(form.draft.location, None);
    assert!(
        h.query_by_label_contains("resolves to Orang County")
            .is_some()
    );
    assert!(
        h.query_by_label("Add site here").is_none(),
        "the menu closed"
    );

    // "Add site here" keeps the exact point.
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    click_map(&mut h, at, egui::PointerButton::Secondary);
    h.get_by_label("Add site here").click();
    h.run_steps(3);
    let form = h
        .state()
        .editor()
        .unwrap_or_else(|| panic!("the form opened"));
    let (lon, lat) = form.draft.location.unwrap_or_else(|| panic!("no point"));
    assert!(
        (lon - 129.45).abs() < 0.01 && (lat - 41.38).abs() < 0.01,
        "{lon} {lat}"
    );
}

/// Adds a site with a new source through the form, saved and selected.
fn add_a_sourced_site(h: &mut Harness<'_, NkmapApp>) {
    start_a_site(h);
    h.get_by_label("Add a new source").click();
    h.run_steps(2);
    for (field, text) in [
        ("Publisher", "Daily NK"),
        ("Title", "Fish farm rises in Orang"),
        ("URL", "https://www.dailynk.com/english/orang-fish-farm/"),
    ] {
        fill(h, field, text);
    }
    h.get_by_label("Save record").click();
    h.run_steps(3);
    assert!(h.state().editor().is_none(), "saved and closed");
}

fn user_site_names(h: &Harness<'_, NkmapApp>) -> Vec<String> {
    h.state()
        .state
        .user_data()
        .map(|d| d.sites.iter().map(|s| s.name.clone()).collect())
        .unwrap_or_default()
}

/// *Edit record* in the details opens the form on the record; saving replaces it, and Ctrl+Z
/// (pressed on the map, not in a text field) takes the edit back.
#[test]
fn edit_record_changes_a_users_site_and_ctrl_z_takes_it_back() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness_with(app(vec![]).with_user_file(dir.path().join("mine.geojson")));
    add_a_sourced_site(&mut h);
    assert_eq!(user_site_names(&h), ["Orang fish farm"]);
    h.get_by_label("Edit record").click();
    h.run_steps(3);
    let form = h
        .state()
        .editor()
        .unwrap_or_else(|| panic!("Edit record opens the form"));
    assert_eq!(form.draft.name, "Orang fish farm");
    assert!(form.draft.editing.is_some(), "editing, not adding");
    fill(&mut h, "Name", " and hatchery");
    h.get_by_label("Save record").click();
    h.run_steps(3);
    assert!(h.state().editor().is_none());
    assert_eq!(user_site_names(&h), ["Orang fish farm and hatchery"]);
    assert!(
        h.query_by_label("Orang fish farm and hatchery").is_some(),
        "details"
    );

    // Ctrl+Z with the pointer on the map: the edit is undone, the record stays.
    let at = screen(&h, 127.0, 40.0);
    h.hover_at(at);
    h.step();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(3);
    assert_eq!(user_site_names(&h), ["Orang fish farm"]);
    // Again: the site is gone.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(3);
    assert!(user_site_names(&h).is_empty());
}

/// Sends the window's close button.
fn request_close(h: &mut Harness<'_, NkmapApp>) {
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.step();
}

fn commands(h: &Harness<'_, NkmapApp>) -> Vec<egui::ViewportCommand> {
    h.output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .map(|v| v.commands.clone())
        .unwrap_or_default()
}

/// Closing the window with unsaved changes is held back and asks; *Cancel* stays, *Save and
/// quit* saves and then closes. With nothing unsaved the window just closes.
#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("mine.geojson");
    let mut h = harness_with(app(vec![]).with_user_file(path.clone()));
    request_close(&mut h);
    assert!(
        !commands(&h).contains(&egui::ViewportCommand::CancelClose),
        "nothing unsaved: the close goes through"
    );
    assert!(h.query_by_label("Unsaved changes").is_none());

    add_a_sourced_site(&mut h);
    assert!(h.state().state.unsaved());
    request_close(&mut h);
    assert!(
        commands(&h).contains(&egui::ViewportCommand::CancelClose),
        "{:?}",
        commands(&h)
    );
    h.run_steps(2);
    assert!(
        h.query_by_label("Your records have changes that are not saved.")
            .is_some()
    );
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(
        h.query_by_label("Your records have changes that are not saved.")
            .is_none()
    );
    assert!(!commands(&h).contains(&egui::ViewportCommand::Close));
    assert!(!path.exists());

    request_close(&mut h);
    h.run_steps(2);
    h.get_by_label("Save and quit").click();
    h.step();
    assert!(
        commands(&h).contains(&egui::ViewportCommand::Close),
        "{:?}",
        commands(&h)
    );
    assert!(!h.state().state.unsaved());
    let geo = nkmap::bundled::geography().unwrap_or_else(|e| panic!("{e}"));
    let (saved, diags) = nkmap::io::load_file(&path, &geo, nkmap::bundled::seed_sources());
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(
        saved.map(|d| d.sites.len()),
        Some(1),
        "saved before quitting"
    );
}

/// With the 2024 cohort ticked in the filter, *Export records as CSV* writes the records the
/// map shows: the 20 sites of that cohort and nothing else.
#[test]
fn a_filtered_csv_export_holds_what_the_map_shows() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness(vec![]);
    h.get_by_label("Filter").click();
    h.run_steps(2);
    h.get_by_label("2024").click();
    h.run_steps(3);
    let shown: Vec<String> = h
        .state()
        .state
        .shown_sites()
        .map(|(_, _, s)| s.id.clone())
        .collect();
    assert_eq!(shown.len(), 20);
    let path = dir.path().join("records.csv");
    // (File → Export records as CSV… asks for the file name in a system dialog, which a test
    // cannot drive; the menu then sends this action.)
    h.state_mut().apply(Action::Export(
        nkmap::state::ExportKind::RecordsCsv,
        path.clone(),
    ));
    h.run_steps(2);
    let geo = nkmap::bundled::geography().unwrap_or_else(|e| panic!("{e}"));
    let (data, diags) = nkmap::io::load_file(&path, &geo, nkmap::bundled::seed_sources());
    assert!(!diags.iter().any(|d| d.is_error()), "{diags:?}");
    let data = data.unwrap_or_else(|| panic!("the CSV reads back"));
    let mut exported: Vec<String> = data.sites.iter().map(|s| s.id.clone()).collect();
    let mut shown = shown;
    exported.sort();
    shown.sort();
    assert_eq!(
        exported, shown,
        "the sites the filter lets through, no others"
    );
    assert!(data.sites.iter().all(|s| s.cohort == Some(2024)));
    // Every source a record cites comes along, so the file stands alone.
    for s in &data.sites {
        for id in s.source_ids() {
            assert!(
                data.source(id).is_some(),
                "{} cites {id}, not exported",
                s.id
            );
        }
    }
}

/// An area layer can be hidden (ticked off in *Layers → Data*) and removed: its tint leaves
/// the window, and the pointer finds the county under it again.
#[test]
fn an_area_layer_can_be_hidden_and_removed() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("traced.geojson");
    std::fs::write(
        &path,
        r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"name":"Traced plot A"},
       "geometry":{"type":"Polygon","coordinates":[
         [[129.30,41.15],[129.60,41.15],[129.60,41.35],[129.30,41.35],[129.30,41.15]]]}}]}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut h = rendering_harness(vec![path]);
    step_until(&mut h, |a| {
        a.state.layers.len() == 2 && a.state.layers[1].areas.is_some()
    });
    h.state_mut()
        .apply(Action::FlyTo(Selection::Area { layer: 1, index: 0 }));
    h.run_steps(10);
    // Deselected, so the area shows only its own tint.
    h.state_mut().apply(Action::Select(None));
    h.run_steps(3);
    let inside = screen(&h, 129.40, 41.20);
    let province = {
        let app = h.state();
        let p = MapPalette::LIGHT;
        let i = app
            .state
            .geography
            .provinces
            .iter()
            .position(|r| r.id == "KP-09")
            .unwrap_or_else(|| panic!("KP-09"));
        over(
            p.province(app.state.scene.province_colors[i]),
            palette::PROVINCE_FILL_OPACITY,
            rgb(p.background),
        )
    };
    let tinted = over(MapPalette::LIGHT.area, palette::AREA_FILL_ALPHA, province);
    assert!(h.state().map_output().drawn.areas >= 1);
    let img = window_picture(&mut h);
    assert_colour_at(&img, [inside.x, inside.y], tinted, 4, "the area's tint");
    h.hover_at(inside);
    h.run_steps(2);
    assert_eq!(
        h.state().map_output().hovered,
        Some(Selection::Area { layer: 1, index: 0 })
    );

    // Hidden: untick the layer in Layers → Data.
    h.get_by_role_and_label(Role::CheckBox, "traced.geojson")
        .click();
    h.run_steps(3);
    assert!(!h.state().state.layers[1].visible);
    assert_eq!(h.state().map_output().drawn.areas, 0);
    let img = window_picture(&mut h);
    assert_colour_at(
        &img,
        [inside.x, inside.y],
        province,
        4,
        "the province, untinted",
    );
    h.hover_at(inside);
    h.run_steps(2);
    assert!(
        matches!(h.state().map_output().hovered, Some(Selection::County(_))),
        "{:?}",
        h.state().map_output().hovered
    );

    // Shown again, then removed.
    h.get_by_role_and_label(Role::CheckBox, "traced.geojson")
        .click();
    h.run_steps(3);
    assert!(h.state().map_output().drawn.areas >= 1);
    h.get_by_label("Remove").click();
    h.run_steps(3);
    assert_eq!(h.state().state.layers.len(), 1);
    assert_eq!(h.state().map_output().drawn.areas, 0);
    assert!(h.query_by_label("traced.geojson").is_none());
    let img = window_picture(&mut h);
    assert_colour_at(
        &img,
        [inside.x, inside.y],
        province,
        4,
        "the province after removing",
    );
}

/// The Progress window opens over the map, not over the menu bar or the side panel, which
/// stay usable beside it.
#[test]
fn the_progress_window_opens_over_the_map_clear_of_the_panels() {
    let mut h = harness(vec![]);
    h.get_by_label("Progress").click();
    h.run_steps(4);
    let map = h
        .state()
        .map_output()
        .rect
        .unwrap_or_else(|| panic!("the map was drawn"));
    let intro = h.get_by_label_contains("against the policy").rect();
    let file = h.get_by_label("File").rect();
    // The side panel ends where the map starts.
    assert!(
        intro.left() > map.left(),
        "the window's text starts at x = {} over the side panel (the map starts at {})",
        intro.left(),
        map.left()
    );
    assert!(
        intro.top() > file.bottom() && intro.top() > map.top(),
        "the window's text starts at y = {} over the menu bar (ends at {})",
        intro.top(),
        file.bottom()
    );
    assert!(
        intro.right() <= map.right() + 1.0,
        "the window's text ends at x = {}, past the map's right edge {}",
        intro.right(),
        map.right()
    );
    // The side panel's search box is still there to click: the window does not cover it.
    h.get_by_role_and_label(Role::TextInput, "Search").click();
    h.run_steps(2);
    assert!(h.state().state.show_progress, "the window stays open");
}
