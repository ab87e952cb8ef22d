//! The desktop application: owns the state, runs the background loader, lays out panels and
//! the map, and applies the actions they return.

pub mod dialogs;
pub mod export;
mod imagery;

use crate::basemap::{Basemap, BasemapChoice, BasemapConfig, BasemapStatus};
use crate::bundled;
use crate::map::{MapLayers, MapOutput};
use crate::panics;
use crate::state::settings::{Settings, Theme};
use crate::state::{self, Action, AppState, ViewRequest};
use crate::ui;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use walkers::{MapMemory, lon_lat};

const SETTINGS_KEY: &str = "nkmap-settings";

/// The settings eframe kept from the last run. `None` on a first run, and also when the
/// settings file is damaged (hand-edited, cut short by a crash, from an incompatible version):
/// then the app starts on the defaults, which replace the file on the next save, and the
/// message says so.
pub fn restore_settings(
    storage: Option<&dyn eframe::Storage>,
    file: Option<&std::path::Path>,
) -> (Option<Settings>, Option<String>) {
    let damaged = || {
        let path = file.map(|f| f.display().to_string()).unwrap_or_default();
        Some(crate::t!("harden-settings-damaged", path = path))
    };
    let Some(storage) = storage else {
        return (None, None);
    };
    if storage.get_string(SETTINGS_KEY).is_some() {
        return match eframe::get_value::<Settings>(storage, SETTINGS_KEY) {
            Some(s) => (Some(s), None),
            None => (None, damaged()),
        };
    }
    // Nothing under our key: a first run, or a file eframe could not read at all (it then
    // starts empty and says so only in its log).
    let has_text = file
        .and_then(|f| std::fs::read(f).ok())
        .is_some_and(|b| b.iter().any(|c| !c.is_ascii_whitespace()));
    (None, if has_text { damaged() } else { None })
}
/// Seconds per month while the date plays.
const PLAY_STEP_SECS: f32 = 0.5;
const TITLE: &str = "nkmap — North Korea regional construction";
/// The window's application id (docs/packaging.md: the desktop entry and AppStream id are
/// `io.github.nkmap.Nkmap`, tied to this by `StartupWMClass`); also eframe's name for the app,
/// whose settings file is `app.ron` in `eframe::storage_dir(APP_ID)`.
pub const APP_ID: &str = "nkmap";
/// The window and taskbar icon (tools/icons/build.py renders it from assets/icon/nkmap.svg).
const WINDOW_ICON_PNG: &[u8] = include_bytes!("../../assets/icon/png/nkmap-256.png");

/// A file finished loading in the background.
struct Loaded {
    path: PathBuf,
    data: Option<crate::model::Dataset>,
    diagnostics: Vec<crate::io::Diagnostic>,
    areas: Option<Arc<crate::scene::PolygonLayer>>,
    placemarks: Option<Arc<crate::scene::points::PreparedPlacemarks>>,
}

pub struct NkmapApp {
    pub state: AppState,
    memory: MapMemory,
    map_out: MapOutput,
    loaded_tx: Sender<Loaded>,
    loaded_rx: Receiver<Loaded>,
    /// Files being read in the background.
    pub loading: Vec<PathBuf>,
    first_frame: bool,
    basemap: Basemap,
    /// The add/edit form, while open.
    editor: Option<ui::editor::EditorForm>,
    /// Time since the playing date last stepped.
    play_elapsed: f32,
    /// Where the map was right-clicked: the point and what was under it.
    context_at: Option<((f64, f64), Option<state::Selection>)>,
    /// Asking whether to quit with unsaved changes.
    confirm_quit: bool,
    /// The user chose to quit; let the close through.
    allow_close: bool,
    title: String,
    /// Set when regions are drawn on the GPU (wgpu renderer): what was uploaded so far.
    gpu: Option<crate::map::gpu::GpuCache>,
    /// `NKMAP_FRAME_STATS` set: frame times printed to stderr every few seconds.
    frame_stats: Option<FrameStats>,
    /// Wheel, pinch and `+`/`-` zoom, eased (see `map::zoom`).
    zoom: crate::map::zoom::SmoothZoom,
    /// The file dialog in progress (the system's, or nkmap's own browser).
    dialogs: dialogs::FileDialogs,
    /// `NKMAP_BENCH_STARTUP` set: the time to the first complete frame is printed, then the
    /// window closes.
    startup: Option<StartupProbe>,
    /// Satellite images being opened in the background.
    imagery: imagery::ImageryLoader,
}

/// When [`run_with_basemap`] was entered: the start of the app, before eframe opens the window
/// and sets up the renderer (only argument parsing comes before it).
static LAUNCHED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Measures start-up as a user sees it (`NKMAP_BENCH_STARTUP=1 nkmap [FILES]`, on the release
/// binary): from launch to the first frame that shows everything asked for (the bundled map,
/// and every file opened, loaded, prepared and drawn), printed on stderr as
/// `startup-first-frame-ms <ms>` (plus `…-since-open-ms`, from when the files were handed to the
/// loader), then the window closes. The time is taken when the frame after it starts, so the
/// complete frame's own rendering and presenting are in it.
struct StartupProbe {
    created: std::time::Instant,
    opened: Option<std::time::Instant>,
    complete: Option<std::time::Instant>,
    reported: bool,
}

impl StartupProbe {
    fn from_env() -> Option<Self> {
        std::env::var_os("NKMAP_BENCH_STARTUP").map(|_| StartupProbe {
            created: std::time::Instant::now(),
            opened: None,
            complete: None,
            reported: false,
        })
    }

    /// Called at the end of every frame; `view_settled`: no view change was waiting when the
    /// frame began (the first frames fit the country to the window).
    fn frame(&mut self, ctx: &egui::Context, app: &NkmapApp, view_settled: bool) {
        let now = std::time::Instant::now();
        if self.reported {
            return;
        }
        if self.opened.is_none() && !app.loading.is_empty() {
            self.opened = Some(now);
        }
        if let Some(done) = self.complete {
            let start = LAUNCHED.get().copied().unwrap_or(self.created);
            let ms = |from: std::time::Instant| (now - from).as_secs_f64() * 1e3;
            eprintln!("startup-first-frame-ms {:.0}", ms(start));
            if let Some(opened) = self.opened {
                eprintln!("startup-first-frame-since-open-ms {:.0}", ms(opened));
            }
            eprintln!(
                "startup-complete-frame-built-ms {:.0}",
                (done - start).as_secs_f64() * 1e3
            );
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            self.reported = true;
            return;
        }
        let out = &app.map_out;
        let areas_wanted = app
            .state
            .layers
            .iter()
            .any(|l| l.visible && l.areas.is_some());
        let complete = view_settled
            && app.loading.is_empty()
            && app.state.pending_open.is_empty()
            && out.view.is_some()
            && out.drawn.provinces > 0
            && (!areas_wanted || out.drawn.areas > 0);
        if complete {
            self.complete = Some(now);
        }
        ctx.request_repaint();
    }
}

/// CPU time per frame (egui's run and tessellation, as eframe measures it), summarised on
/// stderr: how responsive the map is with big data, measured in the real window.
struct FrameStats {
    samples: Vec<f32>,
    since: std::time::Instant,
}

impl FrameStats {
    fn add(&mut self, cpu_seconds: Option<f32>) {
        if let Some(s) = cpu_seconds {
            self.samples.push(s * 1000.0);
        }
        if self.since.elapsed().as_secs_f32() >= 2.0 && !self.samples.is_empty() {
            self.samples.sort_by(f32::total_cmp);
            let n = self.samples.len();
            let at = |q: f32| self.samples[((n - 1) as f32 * q) as usize];
            eprintln!(
                "nkmap frame stats: {n} frames in {:.1} s, CPU ms per frame: median {:.2}, 90% {:.2}, max {:.2}",
                self.since.elapsed().as_secs_f32(),
                at(0.5),
                at(0.9),
                at(1.0)
            );
            self.samples.clear();
            self.since = std::time::Instant::now();
        }
    }
}

impl NkmapApp {
    /// The app on the bundled data, with `settings` (restored or default) and `files` to open.
    pub fn new(settings: Option<Settings>, files: Vec<PathBuf>) -> Result<Self, String> {
        panics::install();
        let geography = Arc::new(bundled::geography().map_err(|e| e.to_string())?);
        let (seeds, diagnostics) = bundled::seeds(&geography);
        let restored = settings.is_some();
        // Only a language the user chose: a test's app without one keeps the process's.
        if let Some(lang) = settings.as_ref().and_then(|s| s.ui_language) {
            crate::i18n::set_language(lang);
        }
        let mut state = AppState::new(geography, seeds, &diagnostics, settings.unwrap_or_default());
        let mut memory = MapMemory::default();
        memory.center_at(lon_lat(state.settings.center.0, state.settings.center.1));
        // A zoom outside walkers' range cannot come from a good settings file; keep the default.
        let _ = memory.set_zoom(state.settings.zoom);
        if !restored {
            state.view_request = Some(ViewRequest::FitCountry);
        }
        state.apply(Action::OpenFiles(files));
        let (loaded_tx, loaded_rx) = channel();
        Ok(NkmapApp {
            state,
            memory,
            map_out: MapOutput::default(),
            loaded_tx,
            loaded_rx,
            loading: Vec::new(),
            first_frame: true,
            basemap: Basemap::new(BasemapConfig::from_env()),
            editor: None,
            play_elapsed: 0.0,
            context_at: None,
            confirm_quit: false,
            allow_close: false,
            title: TITLE.to_owned(),
            gpu: None,
            frame_stats: std::env::var_os("NKMAP_FRAME_STATS").map(|_| FrameStats {
                samples: Vec::new(),
                since: std::time::Instant::now(),
            }),
            zoom: Default::default(),
            dialogs: dialogs::FileDialogs::new(dialogs::DialogConfig::from_env()),
            startup: StartupProbe::from_env(),
            imagery: imagery::ImageryLoader::default(),
        })
    }

    /// Where file dialogs come from (tests: nkmap's own browser, or a session bus that is
    /// not there).
    pub fn with_file_dialogs(mut self, config: dialogs::DialogConfig) -> Self {
        self.dialogs = dialogs::FileDialogs::new(config);
        self
    }

    /// The file dialogs, e.g. to see whether nkmap's own browser is open.
    pub fn file_dialogs(&self) -> &dialogs::FileDialogs {
        &self.dialogs
    }

    /// Remembers the dates the user gives images in `path` (and reads them from it).
    pub fn with_date_book(mut self, path: PathBuf) -> Self {
        self.state.imagery.date_book = Some(path);
        self
    }

    /// Saves the user's records to `path` by default, and opens them from it if it exists.
    pub fn with_user_file(mut self, path: PathBuf) -> Self {
        self.state.default_user_path = Some(path.clone());
        if path.exists() {
            self.state.open_user_file(path);
        }
        self
    }

    /// The default file for the user's records, in the system's per-user data folder
    /// (`~/.local/share/nkmap/my-records.geojson` on Linux).
    pub fn default_user_file() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "nkmap")
            .map(|d| d.data_dir().join("my-records.geojson"))
    }

    /// The add/edit form's draft, while the form is open (for tests and the title).
    pub fn editor(&self) -> Option<&ui::editor::EditorForm> {
        self.editor.as_ref()
    }

    /// Draws the regions through walkers' wgpu renderer, installed into `render_state`: the
    /// geometry is uploaded once and moved by a transform per frame.
    pub fn use_gpu(&mut self, render_state: &eframe::egui_wgpu::RenderState) {
        walkers::install_renderer(Some(render_state));
        self.gpu = Some(crate::map::gpu::GpuCache::default());
    }

    /// Draws the regions as CPU meshes (the glow renderer's path; also for comparing).
    pub fn use_cpu(&mut self) {
        self.gpu = None;
    }

    /// The GPU path's cache, when it is on.
    pub fn gpu(&self) -> Option<&crate::map::gpu::GpuCache> {
        self.gpu.as_ref()
    }

    /// From eframe: fonts, restored settings.
    pub fn from_creation_context(
        cc: &eframe::CreationContext<'_>,
        files: Vec<PathBuf>,
    ) -> Result<Self, String> {
        crate::style::install_fonts(&cc.egui_ctx);
        // The desktop's language until the settings say otherwise (also for their own message).
        crate::i18n::set_language(crate::i18n::system_language());
        let file = eframe::storage_dir(APP_ID).map(|d| d.join("app.ron"));
        let (settings, problem) = restore_settings(cc.storage, file.as_deref());
        let mut app = Self::new(settings, files)?;
        if let Some(text) = problem {
            app.state.messages.push(state::Message {
                file: String::new(),
                text,
                is_error: false,
            });
        }
        if let Some(rs) = cc.wgpu_render_state.as_ref()
            && std::env::var_os("NKMAP_CPU_GEOMETRY").is_none()
        {
            app.use_gpu(rs);
        }
        Ok(app)
    }

    /// Where online basemaps come from and are cached (tests use a local server).
    pub fn with_basemap_config(mut self, config: BasemapConfig) -> Self {
        self.basemap = Basemap::new(config);
        self
    }

    /// What the basemap is doing (offline, tiles drawn…).
    pub fn basemap_status(&self) -> BasemapStatus {
        self.basemap.status()
    }

    /// The basemap, e.g. to prune its cache.
    pub fn basemap(&self) -> &Basemap {
        &self.basemap
    }

    pub fn apply(&mut self, action: Action) {
        self.state.apply(action);
    }

    /// The whole UI for one frame. Separate from [`eframe::App::ui`] so tests can drive it.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let view_settled = self.state.view_request.is_none();
        if self.first_frame {
            self.first_frame = false;
            self.apply_theme(&ctx);
        }
        self.receive_loaded();
        self.report_panics();
        self.start_pending_loads(&ctx);

        let mut actions: Vec<Action> = Vec::new();
        actions.extend(ui::dropped_files(&ctx));
        actions.extend(ui::keyboard(&ctx));
        if self.state.playing {
            // Clamped so that a stalled frame steps one month, not a burst of them.
            self.play_elapsed += ctx.input(|i| i.stable_dt).clamp(0.0, PLAY_STEP_SECS);
            if self.play_elapsed >= PLAY_STEP_SECS {
                self.play_elapsed -= PLAY_STEP_SECS;
                actions.push(Action::StepMonths(1));
            }
            ctx.request_repaint();
        } else {
            self.play_elapsed = 0.0;
        }

        egui::Panel::top("menu").show(ui, |ui| {
            actions.extend(ui::menu_bar(ui, &self.state));
        });
        egui::Panel::bottom("status")
            .resizable(false)
            .show(ui, |ui| {
                actions.extend(ui::status_bar(
                    ui,
                    &self.state,
                    &self.map_out,
                    &self.loading,
                ));
            });
        if !self.state.messages.is_empty() {
            egui::Panel::bottom("messages")
                .resizable(true)
                .default_size(110.0)
                .show(ui, |ui| actions.extend(ui::messages_panel(ui, &self.state)));
        }
        egui::Panel::left("side")
            .resizable(true)
            .default_size(crate::style::PANEL_WIDTH)
            .show(ui, |ui| actions.extend(ui::side_panel(ui, &self.state)));
        if self.state.selection.is_some() {
            egui::Panel::right("details")
                .resizable(true)
                .default_size(crate::style::PANEL_WIDTH + 40.0)
                .show(ui, |ui| actions.extend(ui::details_panel(ui, &self.state)));
        }
        self.basemap.sync(&self.state.settings.basemap, &ctx);
        if let Some(why) = self.basemap.take_open_failure() {
            self.state.messages.push(state::Message {
                file: String::new(),
                text: why,
                is_error: true,
            });
        }
        let basemap_status = self.basemap.status();
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                let mut out = MapOutput::default();
                // Zoom input is ours, read before the map widget sees it (see `map::zoom`).
                let map_rect = ui.available_rect_before_wrap();
                let settings_center = self.state.settings.center;
                self.zoom
                    .read_input(ui, map_rect, &self.memory, settings_center);
                let dt = f64::from(ui.input(|i| i.stable_dt));
                if self
                    .zoom
                    .step(dt, &mut self.memory, settings_center, map_rect)
                {
                    ui.ctx().request_repaint();
                }
                let center = self.memory.detached().unwrap_or(lon_lat(
                    self.state.settings.center.0,
                    self.state.settings.center.1,
                ));
                let mut map = walkers::Map::new(self.basemap.tiles(), &mut self.memory, center)
                    .zoom_with_ctrl(false)
                    .zoom_gesture(false);
                // Imagery goes between the region fills and borders: the CPU path draws both.
                let regions_on_gpu = self.gpu.is_some() && !self.state.imagery_shown();
                if let Some(cache) = self.gpu.as_mut().filter(|_| regions_on_gpu) {
                    map = map.with_layer(
                        crate::map::gpu::GpuRegions {
                            state: &self.state,
                            hovered: self.map_out.hovered,
                            colors: crate::style::MapColors::for_visuals(ui.visuals()),
                            cache,
                        },
                        1.0,
                    );
                }
                let shown = map
                    .with_plugin(MapLayers {
                        state: &self.state,
                        hovered: self.map_out.hovered,
                        regions_on_gpu,
                        out: &mut out,
                    })
                    .show(ui, |ui, response, projector, _| {
                        ui::map_overlay(ui, &crate::map::view_of(projector, response.rect));
                        ui::basemap::overlay(ui, &basemap_status);
                        ui::imagery::swipe_overlay(ui, &self.state, response.rect)
                    });
                actions.extend(shown.inner);
                let response = shown.response;
                // The regions and areas painted on the GPU path are counted where they are
                // handed to the renderer.
                if let Some(cache) = self.gpu.as_ref().filter(|_| regions_on_gpu) {
                    out.drawn.provinces += cache.drawn.provinces;
                    out.drawn.counties += cache.drawn.counties;
                    out.drawn.areas += cache.drawn.areas;
                }
                let response = match (out.hovered, out.hovered_cluster) {
                    (Some(h), _) => {
                        response.on_hover_ui_at_pointer(|ui| ui::tooltip(ui, &self.state, h))
                    }
                    (None, Some((_, n))) => {
                        response.on_hover_ui_at_pointer(|ui| ui::layers::cluster_tooltip(ui, n))
                    }
                    (None, None) => response,
                };
                if let Some(clicked) = out.clicked {
                    actions.push(Action::Select(clicked));
                }
                actions.extend(out.measure_edit.map(Action::Measure));
                // A click on a cluster of placemarks zooms in on it.
                if let (Some(at), Some(view)) = (out.clicked_cluster, out.view) {
                    let (lon, lat) = crate::scene::to_lon_lat([f64::from(at[0]), f64::from(at[1])]);
                    actions.push(Action::View(ViewRequest::CenterOn {
                        lon,
                        lat,
                        min_zoom: (view.zoom() + 2.0).floor(),
                    }));
                }
                if response.secondary_clicked()
                    && let Some(at) = out.cursor
                {
                    self.context_at = Some((at, out.hovered));
                }
                if let Some((at, hit)) = self.context_at {
                    let state = &self.state;
                    response.context_menu(|ui| {
                        actions.extend(map_context_menu(ui, state, at, hit));
                    });
                }
                for (file, text) in std::mem::take(&mut out.imagery_errors) {
                    self.state.messages.push(state::Message {
                        text: format!("{file}: {text}"),
                        file,
                        is_error: true,
                    });
                }
                self.map_out = out;
            });

        actions.extend(ui::measure::tools(&ctx, &self.state, self.map_out.rect));
        if self.state.show_progress {
            actions.extend(ui::progress::progress_window(
                &ctx,
                &self.state,
                self.map_out.rect,
            ));
        }
        actions.extend(ui::progress::record_list_window(&ctx, &self.state));
        actions.extend(ui::about::about_window(&ctx, &self.state));
        let (chosen, notices) = self.dialogs.show(&ctx);
        actions.extend(chosen);
        self.state
            .messages
            .extend(notices.into_iter().map(|text| state::Message {
                file: String::new(),
                text,
                is_error: false,
            }));
        actions.extend(ui::imagery::date_question(&ctx, &self.state));
        if let Some(form) = self.editor.as_mut() {
            let (acts, keep) = ui::editor::editor_window(&ctx, &self.state, form);
            actions.extend(acts);
            if !keep {
                self.editor = None;
            }
        }
        self.handle_close(&ctx, &mut actions);

        self.basemap.end_frame(&ctx);
        for a in actions {
            self.apply(a);
        }
        if let Some(req) = self.state.pending_file.take() {
            self.dialogs.open(req, &ctx);
        }
        if let Some(req) = self.state.pending_editor.take() {
            self.editor = ui::editor::draft_for(&self.state, &req).map(ui::editor::EditorForm::new);
        }
        let title = if self.state.unsaved() {
            format!("{TITLE} (unsaved changes)")
        } else {
            TITLE.to_owned()
        };
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        for (kind, path) in std::mem::take(&mut self.state.pending_export) {
            export::run(
                &mut self.state,
                kind,
                &path,
                self.map_out.view,
                ctx.pixels_per_point(),
            );
        }
        self.apply_view_request();
        if let Some(mut probe) = self.startup.take() {
            probe.frame(&ctx, self, view_settled);
            self.startup = Some(probe);
        }
        self.state.settings.center = self
            .memory
            .detached()
            .map(|p| (p.x(), p.y()))
            .unwrap_or(self.state.settings.center);
        self.state.settings.zoom = self.memory.zoom();
        if ctx.zoom_factor() != self.state.settings.ui_scale {
            ctx.set_zoom_factor(self.state.settings.ui_scale);
        }
        self.apply_theme(&ctx);
    }

    /// Asks before quitting with unsaved changes: the close is cancelled and a dialog offers
    /// to save, discard or stay.
    fn handle_close(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        if ctx.input(|i| i.viewport().close_requested())
            && self.state.unsaved()
            && !self.allow_close
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm_quit = true;
        }
        if !self.confirm_quit {
            return;
        }
        egui::Window::new(crate::t!("ui-unsaved"))
            .id(egui::Id::unique("nkmap-confirm-quit"))
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                ui.label(crate::t!("ui-quit-unsaved"));
                ui.horizontal(|ui| {
                    if ui.button(crate::t!("ui-save-and-quit")).clicked() {
                        self.state.apply(Action::SaveUserData(None));
                        // Quit only if the save worked; otherwise the message says why.
                        if !self.state.unsaved() {
                            self.allow_close = true;
                            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                        }
                        self.confirm_quit = false;
                    }
                    if ui.button(crate::t!("ui-quit-without-saving")).clicked() {
                        self.allow_close = true;
                        self.confirm_quit = false;
                        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                    if ui.button(crate::t!("coords-goto-cancel")).clicked() {
                        self.confirm_quit = false;
                    }
                });
            });
        let _ = actions;
    }

    fn apply_theme(&self, ctx: &egui::Context) {
        let theme = match self.state.settings.theme {
            Theme::Light => egui::Theme::Light,
            Theme::Dark => egui::Theme::Dark,
        };
        if ctx.theme() != theme {
            ctx.set_theme(theme);
        }
    }

    fn receive_loaded(&mut self) {
        self.imagery.receive(&mut self.state, &mut self.loading);
        while let Ok(l) = self.loaded_rx.try_recv() {
            self.loading.retain(|p| p != &l.path);
            self.state
                .add_loaded_with(l.path, l.data, l.diagnostics, l.areas, l.placemarks);
        }
    }

    /// Panics noted on any thread since the last frame, as error messages: the app goes on.
    fn report_panics(&mut self) {
        for p in panics::take() {
            self.state.messages.push(state::Message {
                file: String::new(),
                text: crate::t!(
                    "harden-panic",
                    thread = p.thread.as_str(),
                    message = p.message.as_str()
                ),
                is_error: true,
            });
        }
    }

    /// Reads and validates files off the UI thread. A panic while reading (a bug, or an input
    /// no check foresaw) is contained: the file fails with a message, the app goes on.
    fn start_pending_loads(&mut self, ctx: &egui::Context) {
        for path in std::mem::take(&mut self.state.pending_open) {
            self.loading.push(path.clone());
            if crate::imagery::is_imagery_path(&path) {
                self.imagery.start(path, ctx);
                continue;
            }
            let tx = self.loaded_tx.clone();
            let geography = Arc::clone(&self.state.geography);
            let ctx = ctx.clone();
            let spawned = std::thread::Builder::new()
                .name("loader".into())
                .spawn(move || {
                    let loaded = panics::contained(|| {
                        let (data, diagnostics) =
                            crate::io::load_file(&path, &geography, bundled::seed_sources());
                        // Area polygons are projected, tessellated and indexed here, not on
                        // the UI thread: a million vertices take a second or two.
                        let areas = data
                            .as_ref()
                            .and_then(|d| crate::scene::PolygonLayer::of_areas(&d.areas))
                            .map(Arc::new);
                        // So are a KML file's placemarks (70,000 take a few tenths of a second).
                        let placemarks = data
                            .as_ref()
                            .filter(|d| !d.placemarks.placemarks.is_empty())
                            .map(|d| {
                                Arc::new(crate::scene::points::PreparedPlacemarks::prepare(
                                    &d.placemarks,
                                ))
                            });
                        (data, diagnostics, areas, placemarks)
                    });
                    let (data, diagnostics, areas, placemarks) = loaded.unwrap_or_else(|message| {
                        let file = path.display().to_string();
                        let text = crate::t!("harden-loader-panic", message = message);
                        let d =
                            crate::io::Diagnostic::error(&file, crate::io::Location::File, text);
                        (None, vec![d], None, None)
                    });
                    // The receiver only goes away when the app closes; nothing to do then.
                    let _ = tx.send(Loaded {
                        path,
                        data,
                        diagnostics,
                        areas,
                        placemarks,
                    });
                    ctx.request_repaint();
                });
            if let Err(e) = spawned {
                self.state.messages.push(state::Message {
                    file: String::new(),
                    text: e.to_string(),
                    is_error: true,
                });
            }
        }
    }

    fn apply_view_request(&mut self) {
        let Some(req) = self.state.view_request.take() else {
            return;
        };
        let Some(rect) = self.map_out.rect else {
            // The map has not been laid out yet; try again next frame.
            self.state.view_request = Some(req);
            return;
        };
        let size = [rect.width(), rect.height()];
        if !matches!(req, ViewRequest::ZoomBy(_)) {
            self.zoom.cancel();
        }
        let fit = |memory: &mut MapMemory, bbox: [[f32; 2]; 2], max_zoom: f64| {
            let c = crate::scene::to_lon_lat([
                f64::from(bbox[0][0] + bbox[1][0]) / 2.0,
                f64::from(bbox[0][1] + bbox[1][1]) / 2.0,
            ]);
            memory.center_at(lon_lat(c.0, c.1));
            let z = crate::scene::View::zoom_to_fit(bbox, size, 40.0).min(max_zoom);
            let _ = memory.set_zoom(z);
        };
        match req {
            ViewRequest::FitCountry => fit(&mut self.memory, self.state.scene.bounds, 12.0),
            // A region stays in its surroundings: a county fills the view up to zoom 11.
            ViewRequest::FitLocal(b) => fit(&mut self.memory, b, 11.0),
            // An image of a few kilometres fills the view.
            ViewRequest::FitImage(b) => fit(&mut self.memory, b, 17.0),
            ViewRequest::CenterOn { lon, lat, min_zoom } => {
                self.memory.center_at(lon_lat(lon, lat));
                if self.memory.zoom() < min_zoom {
                    let _ = self.memory.set_zoom(min_zoom);
                }
            }
            // One level per key press, eased like the wheel, about the map's centre.
            ViewRequest::ZoomBy(dz) => self.zoom.zoom_by(dz, &self.memory, None),
            ViewRequest::PanBy(d) => {
                if let Some(view) = self.map_out.view {
                    let c =
                        view.to_local([view.screen_center[0] + d[0], view.screen_center[1] + d[1]]);
                    let (lon, lat) = crate::scene::to_lon_lat([f64::from(c[0]), f64::from(c[1])]);
                    self.memory.center_at(lon_lat(lon, lat));
                }
            }
        }
    }

    /// What the map drew and saw on the last frame.
    pub fn map_output(&self) -> &MapOutput {
        &self.map_out
    }

    /// Current map centre and zoom, for tests and persistence.
    pub fn view(&self) -> ((f64, f64), f64) {
        (self.state.settings.center, self.memory.zoom())
    }
}

impl eframe::App for NkmapApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.show(ui);
        if let Some(stats) = self.frame_stats.as_mut() {
            stats.add(frame.info().cpu_usage);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.state.settings);
    }
}

/// The right-click menu on the map: add a site at the point or in the county under it, or a
/// flow out of that county.
fn map_context_menu(
    ui: &mut egui::Ui,
    state: &AppState,
    at: (f64, f64),
    hit: Option<state::Selection>,
) -> Vec<Action> {
    use state::{EditRequest, Selection};
    let mut out = ui::coords::context_menu(ui, state, at);
    let county = match hit {
        Some(Selection::County(i)) => Some(i),
        _ => state
            .scene
            .counties
            .pick(crate::scene::to_local(at.0, at.1)),
    };
    let region = county.and_then(|i| state.geography.counties.get(i));
    let place = region
        .map(|r| ui::qualified_place(state, r))
        .unwrap_or_default();
    if ui.button(crate::t!("ui-add-site-here")).clicked() {
        out.push(Action::OpenEditor(EditRequest::NewSite {
            place: place.clone(),
            at: Some(at),
        }));
        ui.close();
    }
    if let Some(r) = region {
        if ui
            .button(crate::t!("ui-add-site-in", place = &r.names.en))
            .clicked()
        {
            out.push(Action::OpenEditor(EditRequest::NewSite {
                place: place.clone(),
                at: None,
            }));
            ui.close();
        }
        if ui
            .button(crate::t!("ui-add-flow-from", place = &r.names.en))
            .clicked()
        {
            out.push(Action::OpenEditor(EditRequest::NewFlow { from: place }));
            ui.close();
        }
    }
    if let Some(Selection::Placemark { layer, index }) = hit {
        out.extend(ui::layers::placemark_menu(ui, layer, index));
    }
    if let Some(sel) = hit.filter(|s| state.is_user_record(*s))
        && ui.button(crate::t!("ui-edit-record")).clicked()
    {
        out.push(Action::OpenEditor(EditRequest::Edit(sel)));
        ui.close();
    }
    out
}

/// Opens the main window. Returns the process exit code.
pub fn run(files: Vec<PathBuf>) -> i32 {
    run_with_basemap(files, None, false)
}

/// Opens the main window with `basemap` (a PMTiles file) chosen, if given; with OpenGL
/// instead of wgpu when `glow`.
pub fn run_with_basemap(files: Vec<PathBuf>, basemap: Option<PathBuf>, glow: bool) -> i32 {
    LAUNCHED.get_or_init(std::time::Instant::now);
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(TITLE)
        // X11's WM_CLASS and Wayland's app_id: how a desktop matches the window to nkmap's
        // launcher (`StartupWMClass=nkmap` in the .desktop file). eframe also names its
        // settings folder after it, so it stays the app name the settings always used.
        .with_app_id(APP_ID)
        .with_inner_size([1600.0, 1000.0])
        .with_min_inner_size([800.0, 500.0])
        .with_drag_and_drop(true);
    match eframe::icon_data::from_png_bytes(WINDOW_ICON_PNG) {
        Ok(icon) => viewport = viewport.with_icon(Arc::new(icon)),
        // A broken icon is a build mistake; the window opens without it.
        Err(e) => eprintln!("nkmap: the window icon cannot be read: {e}"),
    }
    let options = eframe::NativeOptions {
        viewport,
        persist_window: true,
        renderer: if glow {
            eframe::Renderer::Glow
        } else {
            eframe::Renderer::Wgpu
        },
        ..Default::default()
    };
    let result = eframe::run_native(
        APP_ID,
        options,
        Box::new(move |cc| {
            NkmapApp::from_creation_context(cc, files)
                .map(|app| match NkmapApp::default_user_file() {
                    Some(path) => app.with_user_file(path),
                    None => app,
                })
                .map(|app| match crate::imagery::dates::default_book() {
                    Some(path) => app.with_date_book(path),
                    None => app,
                })
                .map(|mut app| {
                    if let Some(path) = basemap {
                        app.apply(Action::SetBasemap(BasemapChoice::PmTiles { path }));
                    }
                    Box::new(app) as Box<dyn eframe::App>
                })
                .map_err(|e| e.into())
        }),
    );
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("nkmap: could not open the window: {e}");
            1
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use eframe::Storage as _;
    use std::collections::HashMap;

    #[derive(Default)]
    struct Memory(HashMap<String, String>);

    impl eframe::Storage for Memory {
        fn get_string(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set_string(&mut self, key: &str, value: String) {
            self.0.insert(key.to_owned(), value);
        }
        fn remove_string(&mut self, key: &str) {
            self.0.remove(key);
        }
        fn flush(&mut self) {}
    }

    #[test]
    fn damaged_settings_give_the_defaults_and_a_message() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("app.ron");
        // First run: nothing stored, no file: defaults, no message.
        let empty = Memory::default();
        assert_eq!(restore_settings(Some(&empty), Some(&file)), (None, None));
        // Good settings come back.
        let mut good = Memory::default();
        let s = Settings {
            zoom: 9.5,
            ..Settings::default()
        };
        eframe::set_value(&mut good, SETTINGS_KEY, &s);
        assert_eq!(restore_settings(Some(&good), Some(&file)), (Some(s), None));
        // Our value is damaged (the file parsed): defaults and a message naming the file.
        let mut bad = Memory::default();
        bad.set_string(
            SETTINGS_KEY,
            "(layers: [(Provinces, (visible: tru".to_owned(),
        );
        let (settings, message) = restore_settings(Some(&bad), Some(&file));
        assert_eq!(settings, None);
        let message = message.unwrap_or_default();
        assert!(
            message.contains("could not be read") && message.contains("app.ron"),
            "{message}"
        );
        // The whole file is damaged: eframe gives nothing, the file has text.
        std::fs::write(&file, "{ \"nkmap-settings\": garbage ((").unwrap();
        let (settings, message) = restore_settings(Some(&empty), Some(&file));
        assert_eq!(settings, None);
        assert!(message.is_some_and(|m| m.contains("default settings")));
    }
}
