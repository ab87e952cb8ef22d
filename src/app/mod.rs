//! The desktop application: owns the state, runs the background loader, lays out panels and
//! the map, and applies the actions they return.

pub mod export;
pub mod settings;
pub mod state;

use crate::basemap::{Basemap, BasemapChoice, BasemapConfig, BasemapStatus};
use crate::bundled;
use crate::map::{MapLayers, MapOutput};
use crate::ui;
use settings::{Settings, Theme};
use state::{Action, AppState, ViewRequest};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use walkers::{MapMemory, lon_lat};

const SETTINGS_KEY: &str = "nkmap-settings";

/// A file finished loading in the background.
struct Loaded {
    path: PathBuf,
    data: Option<crate::model::Dataset>,
    diagnostics: Vec<crate::io::Diagnostic>,
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
}

impl NkmapApp {
    /// The app on the bundled data, with `settings` (restored or default) and `files` to open.
    pub fn new(settings: Option<Settings>, files: Vec<PathBuf>) -> Result<Self, String> {
        let geography = Arc::new(bundled::geography().map_err(|e| e.to_string())?);
        let (seeds, diagnostics) = bundled::seeds(&geography);
        let restored = settings.is_some();
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
        })
    }

    /// From eframe: fonts, restored settings.
    pub fn from_creation_context(
        cc: &eframe::CreationContext<'_>,
        files: Vec<PathBuf>,
    ) -> Result<Self, String> {
        crate::style::install_fonts(&cc.egui_ctx);
        let settings = cc
            .storage
            .and_then(|s| eframe::get_value::<Settings>(s, SETTINGS_KEY));
        Self::new(settings, files)
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
        if self.first_frame {
            self.first_frame = false;
            self.apply_theme(&ctx);
        }
        self.receive_loaded();
        self.start_pending_loads(&ctx);

        let mut actions: Vec<Action> = Vec::new();
        actions.extend(ui::dropped_files(&ctx));
        actions.extend(ui::keyboard(&ctx));

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
        let basemap_status = self.basemap.status();
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                let mut out = MapOutput::default();
                let center = self.memory.detached().unwrap_or(lon_lat(
                    self.state.settings.center.0,
                    self.state.settings.center.1,
                ));
                let response = walkers::Map::new(self.basemap.tiles(), &mut self.memory, center)
                    .zoom_with_ctrl(false)
                    .with_plugin(MapLayers {
                        state: &self.state,
                        hovered: self.map_out.hovered,
                        out: &mut out,
                    })
                    .show(ui, |ui, response, projector, _| {
                        ui::map_overlay(ui, &crate::map::view_of(projector, response.rect));
                        ui::basemap::overlay(ui, &basemap_status);
                    })
                    .response;
                if let Some(h) = out.hovered {
                    response.on_hover_ui_at_pointer(|ui| ui::tooltip(ui, &self.state, h));
                }
                if let Some(clicked) = out.clicked {
                    actions.push(Action::Select(clicked));
                }
                self.map_out = out;
            });

        self.basemap.end_frame(&ctx);
        for a in actions {
            self.apply(a);
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
        while let Ok(l) = self.loaded_rx.try_recv() {
            self.loading.retain(|p| p != &l.path);
            self.state.add_loaded(l.path, l.data, l.diagnostics);
        }
    }

    /// Reads and validates files off the UI thread.
    fn start_pending_loads(&mut self, ctx: &egui::Context) {
        for path in std::mem::take(&mut self.state.pending_open) {
            self.loading.push(path.clone());
            let tx = self.loaded_tx.clone();
            let geography = Arc::clone(&self.state.geography);
            let ctx = ctx.clone();
            std::thread::spawn(move || {
                let (data, diagnostics) = crate::io::load_file(&path, &geography);
                // The receiver only goes away when the app closes; nothing to do then.
                let _ = tx.send(Loaded {
                    path,
                    data,
                    diagnostics,
                });
                ctx.request_repaint();
            });
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
            ViewRequest::FitLocal(b) => fit(&mut self.memory, b, 11.0),
            ViewRequest::CenterOn { lon, lat, min_zoom } => {
                self.memory.center_at(lon_lat(lon, lat));
                if self.memory.zoom() < min_zoom {
                    let _ = self.memory.set_zoom(min_zoom);
                }
            }
            ViewRequest::ZoomBy(dz) => {
                let _ = self
                    .memory
                    .set_zoom((self.memory.zoom() + dz).clamp(3.0, 18.0));
            }
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
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.state.settings);
    }
}

/// Opens the main window. Returns the process exit code.
pub fn run(files: Vec<PathBuf>) -> i32 {
    run_with_basemap(files, None)
}

/// Opens the main window with `basemap` (a PMTiles file) chosen, if given.
pub fn run_with_basemap(files: Vec<PathBuf>, basemap: Option<PathBuf>) -> i32 {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("nkmap — North Korea regional construction")
            .with_inner_size([1600.0, 1000.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
        persist_window: true,
        ..Default::default()
    };
    let result = eframe::run_native(
        "nkmap",
        options,
        Box::new(move |cc| {
            NkmapApp::from_creation_context(cc, files)
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
