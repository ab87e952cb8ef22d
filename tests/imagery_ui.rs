//! Imagery in the window, driven through egui_kittest and rendered offscreen with wgpu: the
//! compare swipe (drag the divider and the two images show on either side of it, move it with
//! the keyboard), "imagery follows the timeline", and the question for an undated image, whose
//! answer is remembered.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)]

use eframe::egui_wgpu;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use egui_kittest::wgpu::{WgpuTestRenderer, create_render_state, default_wgpu_setup};
use image::RgbaImage;
use nkmap::app::NkmapApp;
use nkmap::imagery::synth::{self, Spec};
use nkmap::model::PartialDate;
use nkmap::state::Action;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const RED: [u16; 4] = [210, 40, 40, 255];
const BLUE: [u16; 4] = [40, 40, 210, 255];

/// A 2400 × 1200 image at 0.0005° around Orang, one colour, taken on `date` if given.
fn image(dir: &Path, name: &str, colour: [u16; 4], date: Option<&str>) -> PathBuf {
    let mut s = Spec::new(2400, 1200, 4326, 129.0, 41.55, 0.0005);
    s.date_time = date.map(str::to_owned);
    let path = dir.join(name);
    let f = std::fs::File::create(&path).unwrap();
    synth::write(&s, &|_, _| colour, std::io::BufWriter::new(f)).unwrap();
    path
}

fn harness(app: NkmapApp) -> Harness<'static, NkmapApp> {
    let render_state = create_render_state(
        default_wgpu_setup(),
        egui_wgpu::RendererOptions::PREDICTABLE,
    );
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(nkmap::style::install_fonts)
        .renderer(WgpuTestRenderer::from_render_state(render_state))
        .build_ui_state(|ui, app: &mut NkmapApp| app.show(ui), app);
    h.run_steps(4);
    h
}

fn app() -> NkmapApp {
    let mut app = NkmapApp::new(None, vec![]).unwrap();
    app.state
        .set_today(PartialDate::ymd(2025, 6, 1).start_day_number());
    app
}

/// Steps until `done` (tiles decode on the worker thread).
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
    h.run_steps(3);
}

/// All tiles of the shown images decoded and drawn.
fn settled(app: &NkmapApp, drawn: &[&str]) -> bool {
    app.loading.is_empty()
        && app
            .state
            .imagery
            .tiles
            .as_ref()
            .is_some_and(|t| t.pending() == 0)
        && app.map_output().drawn.imagery == drawn
}

fn day(y: i32, m: u8, d: u8) -> i64 {
    PartialDate::ymd(y, m, d).start_day_number()
}

#[derive(Debug, PartialEq)]
enum Seen {
    Red,
    Blue,
    Neither,
}

/// What a 30-pixel patch of the map shows at `fx` across it (at mid-height): red, blue, or
/// neither, by a clear majority of its pixels.
fn seen(img: &RgbaImage, map: egui::Rect, fx: f32) -> Seen {
    let cx = (map.left() + fx * map.width()) as u32;
    let cy = map.center().y as u32;
    let (mut red, mut blue, mut n) = (0, 0, 0);
    for y in cy - 15..cy + 15 {
        for x in cx - 15..cx + 15 {
            let p = img.get_pixel(x, y);
            let (r, b) = (i32::from(p[0]), i32::from(p[2]));
            n += 1;
            if r > b + 80 {
                red += 1;
            } else if b > r + 80 {
                blue += 1;
            }
        }
    }
    if red * 10 > n * 7 {
        Seen::Red
    } else if blue * 10 > n * 7 {
        Seen::Blue
    } else {
        Seen::Neither
    }
}

fn render(h: &mut Harness<'_, NkmapApp>) -> RgbaImage {
    let img = h
        .render()
        .unwrap_or_else(|e| panic!("offscreen rendering failed: {e}"));
    // `NKMAP_TEST_SHOTS=dir` keeps what was rendered, to look at.
    if let Some(dir) = std::env::var_os("NKMAP_TEST_SHOTS") {
        let n = std::fs::read_dir(&dir).map_or(0, |d| d.count());
        let _ = img.save(Path::new(&dir).join(format!("imagery-ui-{n:02}.png")));
    }
    img
}

/// The software renderer times out when several tests render at once on a busy machine.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner())
}

#[test]
fn the_swipe_divider_shows_one_image_each_side_and_moves_by_mouse_and_keyboard() {
    let _one = one_at_a_time();
    let dir = tempfile::tempdir().unwrap();
    let before = image(dir.path(), "before.tif", RED, Some("2024:03:01 00:00:00"));
    let after = image(dir.path(), "after.tif", BLUE, Some("2025:02:01 00:00:00"));
    let mut h = harness(app());
    h.state_mut().apply(Action::OpenFiles(vec![before, after]));
    // Both shown, the newer on top.
    step_until(&mut h, "both images", |a| {
        settled(a, &["before.tif", "after.tif"])
    });
    let map = h.state().map_output().rect.unwrap();
    let img = render(&mut h);
    assert_eq!(
        seen(&img, map, 0.3),
        Seen::Blue,
        "the newer image is on top"
    );

    h.get_by_label("Compare").click();
    step_until(&mut h, "the swipe", |a| {
        a.state.imagery.compare.is_some() && settled(a, &["before.tif", "after.tif"])
    });
    let img = render(&mut h);
    assert_eq!(
        seen(&img, map, 0.3),
        Seen::Red,
        "left of the divider: the older image"
    );
    assert_eq!(
        seen(&img, map, 0.6),
        Seen::Blue,
        "right of the divider: the newer image"
    );
    assert_eq!(seen(&img, map, 0.8), Seen::Blue);

    // Drag the divider from the middle to 70 % across.
    let y = map.center().y;
    let from = egui::pos2(map.left() + 0.5 * map.width(), y);
    let to = egui::pos2(map.left() + 0.7 * map.width(), y);
    let view_before = h.state().view();
    h.hover_at(from);
    h.step();
    h.drag_at(from);
    h.step();
    for k in 1..=5 {
        h.hover_at(from + (to - from) * (k as f32 / 5.0));
        h.step();
    }
    h.drop_at(to);
    h.run_steps(3);
    let divider = h.state().state.imagery.compare.unwrap().divider;
    assert!((divider - 0.7).abs() < 0.01, "divider at {divider}");
    assert_eq!(
        h.state().view(),
        view_before,
        "dragging the divider does not pan the map"
    );
    step_until(&mut h, "tiles", |a| {
        settled(a, &["before.tif", "after.tif"])
    });
    let img = render(&mut h);
    assert_eq!(
        seen(&img, map, 0.6),
        Seen::Red,
        "the older image now reaches 70 %"
    );
    assert_eq!(seen(&img, map, 0.8), Seen::Blue);

    // The divider keeps the focus: arrow keys move it, and do not pan the map.
    for _ in 0..5 {
        h.key_press(egui::Key::ArrowLeft);
        h.step();
    }
    h.run_steps(2);
    let divider = h.state().state.imagery.compare.unwrap().divider;
    assert!((divider - 0.6).abs() < 0.01, "divider at {divider}");
    assert_eq!(
        h.state().view(),
        view_before,
        "the arrows moved the divider, not the map"
    );
    let img = render(&mut h);
    assert_eq!(seen(&img, map, 0.55), Seen::Red);
    assert_eq!(seen(&img, map, 0.65), Seen::Blue);
    assert!(h.query_by_label("Swipe divider").is_some());

    // The plain map on the right instead of the newer image.
    let left = h.state().state.imagery.layers[0].id();
    h.state_mut().apply(Action::Imagery(
        nkmap::state::imagery::ImageryAction::Compare(Some(nkmap::state::imagery::Compare {
            left,
            right: nkmap::state::imagery::CompareWith::Map,
            divider: 0.5,
        })),
    ));
    step_until(&mut h, "image against the map", |a| {
        settled(a, &["before.tif"])
    });
    let img = render(&mut h);
    assert_eq!(seen(&img, map, 0.3), Seen::Red);
    assert_eq!(
        seen(&img, map, 0.7),
        Seen::Neither,
        "right of the divider: the map"
    );
}

#[test]
fn imagery_follows_the_timeline_when_switched_on() {
    let _one = one_at_a_time();
    let dir = tempfile::tempdir().unwrap();
    let before = image(dir.path(), "before.tif", RED, Some("2024:03:01 00:00:00"));
    let after = image(dir.path(), "after.tif", BLUE, Some("2025:02:01 00:00:00"));
    let mut h = harness(app());
    h.state_mut().apply(Action::OpenFiles(vec![before, after]));
    step_until(&mut h, "both images", |a| {
        settled(a, &["before.tif", "after.tif"])
    });
    let map = h.state().map_output().rect.unwrap();

    h.get_by_label("Imagery follows the timeline").click();
    h.run_steps(2);
    assert!(h.state().state.imagery.follow_timeline);
    // June 2024: only the March 2024 image exists yet.
    h.state_mut().apply(Action::SetDate(day(2024, 6, 1)));
    step_until(&mut h, "the older image", |a| settled(a, &["before.tif"]));
    assert_eq!(seen(&render(&mut h), map, 0.5), Seen::Red);
    // June 2025: the February 2025 image is the newest; it covers the older one.
    h.state_mut().apply(Action::SetDate(day(2025, 6, 1)));
    step_until(&mut h, "the newer image", |a| {
        settled(a, &["before.tif", "after.tif"])
    });
    assert_eq!(seen(&render(&mut h), map, 0.5), Seen::Blue);
    // January 2024: no image yet.
    h.state_mut().apply(Action::SetDate(day(2024, 1, 1)));
    h.run_steps(4);
    assert!(h.state().map_output().drawn.imagery.is_empty());
    assert_eq!(seen(&render(&mut h), map, 0.5), Seen::Neither);
    // Switched off: every visible image again, whatever the date.
    h.get_by_label("Imagery follows the timeline").click();
    step_until(&mut h, "both again", |a| {
        settled(a, &["before.tif", "after.tif"])
    });
    assert_eq!(seen(&render(&mut h), map, 0.5), Seen::Blue);
}

#[test]
fn an_undated_image_is_asked_about_once_and_the_answer_is_remembered() {
    let _one = one_at_a_time();
    let dir = tempfile::tempdir().unwrap();
    let path = image(dir.path(), "orang_2024-05-02.tif", RED, None);
    let book = dir.path().join("data/imagery-dates.json");
    let mut h = harness(app().with_date_book(book.clone()));
    h.state_mut().apply(Action::OpenFiles(vec![path.clone()]));
    step_until(&mut h, "the question", |a| {
        a.loading.is_empty() && !a.state.imagery.ask_date.is_empty()
    });
    assert!(
        h.query_by_label_contains("does not say when it was taken")
            .is_some()
    );
    // The date in the file name is offered; saving it answers the question.
    h.get_by_label("Save date").click();
    h.run_steps(3);
    let layer = &h.state().state.imagery.layers[0];
    assert_eq!(layer.date, Some(PartialDate::ymd(2024, 5, 2)));
    assert!(h.state().state.imagery.ask_date.is_empty());
    assert!(
        std::fs::read_to_string(&book)
            .unwrap()
            .contains("2024-05-02")
    );
    // Opened again (a new session): known, not asked.
    let mut h = harness(app().with_date_book(book));
    h.state_mut().apply(Action::OpenFiles(vec![path]));
    step_until(&mut h, "the image", |a| {
        a.loading.is_empty() && !a.state.imagery.layers.is_empty()
    });
    assert!(h.state().state.imagery.ask_date.is_empty());
    assert_eq!(
        h.state().state.imagery.layers[0].date,
        Some(PartialDate::ymd(2024, 5, 2))
    );
}
