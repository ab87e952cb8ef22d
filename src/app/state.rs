//! The application state and the one place where it changes: [`AppState::apply`].
//!
//! Widgets never edit the state; they return [`Action`]s.

use super::settings::{Language, Layer, LayerStyle, Settings, Theme};
use crate::geography::Geography;
use crate::io::Diagnostic;
use crate::model::{Dataset, PartialDate, Region, RegionLevel};
use crate::scene::Scene;
use std::path::PathBuf;
use std::sync::Arc;

/// Something on the map a user can point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Selection {
    Province(usize),
    County(usize),
    Site { layer: usize, index: usize },
    Flow { layer: usize, index: usize },
    Event { layer: usize, index: usize },
}

/// A dataset shown on the map: the bundled seeds, or a file the user opened.
#[derive(Debug, Clone)]
pub struct DataLayer {
    pub name: String,
    pub path: Option<PathBuf>,
    pub data: Dataset,
    pub visible: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub file: String,
    pub text: String,
    pub is_error: bool,
}

impl Message {
    pub fn from_diagnostic(d: &Diagnostic) -> Self {
        Message {
            file: d.file.clone(),
            text: d.to_string(),
            is_error: d.is_error(),
        }
    }
}

/// A request for the map view; the app carries it out on the next frame, when the viewport
/// size is known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ViewRequest {
    FitCountry,
    FitLocal([[f32; 2]; 2]),
    CenterOn { lon: f64, lat: f64, min_zoom: f64 },
    ZoomBy(f64),
    PanBy([f32; 2]),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Select(Option<Selection>),
    /// Select and bring into view.
    FlyTo(Selection),
    SetLayer(Layer, LayerStyle),
    SetLanguage(Language),
    SetTheme(Theme),
    SetUiScale(f32),
    SetDate(i64),
    SetDataLayerVisible(usize, bool),
    RemoveDataLayer(usize),
    OpenFiles(Vec<PathBuf>),
    View(ViewRequest),
    ClearMessages,
    /// Write the view or the visible records to a file (the app does it after the frame,
    /// when the map's view is known).
    Export(ExportKind, PathBuf),
    SetBasemap(crate::basemap::BasemapChoice),
}

/// What File → Export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    ViewSvg,
    ViewPng,
    RecordsCsv,
    RecordsGeojson,
}

pub struct AppState {
    pub geography: Arc<Geography>,
    pub layers: Vec<DataLayer>,
    pub scene: Scene,
    pub settings: Settings,
    pub selection: Option<Selection>,
    pub messages: Vec<Message>,
    /// The date sites take their status on (days since 1970-01-01).
    pub date: i64,
    pub view_request: Option<ViewRequest>,
    /// Files asked for and not yet loaded; the app hands them to the background loader.
    pub pending_open: Vec<PathBuf>,
    /// Exports asked for and not yet written; the app writes them after the frame.
    pub pending_export: Vec<(ExportKind, PathBuf)>,
}

impl AppState {
    pub fn new(
        geography: Arc<Geography>,
        seeds: Dataset,
        seed_diagnostics: &[Diagnostic],
        settings: Settings,
    ) -> Self {
        let layers = vec![DataLayer {
            name: "Bundled seeds".to_owned(),
            path: None,
            data: seeds,
            visible: true,
        }];
        let scene = build_scene(&geography, &layers);
        AppState {
            geography,
            layers,
            scene,
            settings,
            selection: None,
            messages: seed_diagnostics
                .iter()
                .map(Message::from_diagnostic)
                .collect(),
            date: today(),
            view_request: None,
            pending_open: Vec::new(),
            pending_export: Vec::new(),
        }
    }

    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Select(s) => self.selection = s,
            Action::FlyTo(s) => {
                self.selection = Some(s);
                self.view_request = self.view_for(s);
            }
            Action::SetLayer(l, style) => self.settings.set_layer(l, style),
            Action::SetLanguage(l) => self.settings.language = l,
            Action::SetTheme(t) => self.settings.theme = t,
            Action::SetUiScale(s) => self.settings.ui_scale = s.clamp(0.5, 3.0),
            Action::SetDate(d) => self.date = d,
            Action::SetBasemap(b) => self.settings.basemap = b,
            Action::SetDataLayerVisible(i, v) => {
                if let Some(l) = self.layers.get_mut(i) {
                    l.visible = v;
                    self.rebuild_scene();
                }
            }
            Action::RemoveDataLayer(i) => {
                // The bundled seeds (layer 0) stay.
                if i > 0 && i < self.layers.len() {
                    self.layers.remove(i);
                    self.selection = None;
                    self.rebuild_scene();
                }
            }
            Action::OpenFiles(paths) => self.pending_open.extend(paths),
            Action::View(v) => self.view_request = Some(v),
            Action::ClearMessages => self.messages.clear(),
            Action::Export(kind, path) => self.pending_export.push((kind, path)),
        }
    }

    /// A file finished loading in the background.
    pub fn add_loaded(
        &mut self,
        path: PathBuf,
        data: Option<Dataset>,
        diagnostics: Vec<Diagnostic>,
    ) {
        self.messages
            .extend(diagnostics.iter().map(Message::from_diagnostic));
        if let Some(data) = data {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string());
            let records = data.sites.len() + data.flows.len() + data.events.len();
            self.messages.push(Message {
                file: name.clone(),
                text: format!(
                    "{name}: loaded {records} records ({} with problems noted above)",
                    diagnostics.iter().filter(|d| d.is_error()).count()
                ),
                is_error: false,
            });
            self.layers.push(DataLayer {
                name,
                path: Some(path),
                data,
                visible: true,
            });
            self.rebuild_scene();
        }
    }

    fn rebuild_scene(&mut self) {
        self.scene = build_scene(&self.geography, &self.layers);
    }

    pub fn region(&self, s: Selection) -> Option<&Region> {
        match s {
            Selection::Province(i) => self.geography.provinces.get(i),
            Selection::County(i) => self.geography.counties.get(i),
            _ => None,
        }
    }

    pub fn region_by_id(&self, id: &str) -> Option<(Selection, &Region)> {
        if let Some(i) = self.geography.counties.iter().position(|r| r.id == id) {
            return Some((Selection::County(i), &self.geography.counties[i]));
        }
        self.geography
            .provinces
            .iter()
            .position(|r| r.id == id)
            .map(|i| (Selection::Province(i), &self.geography.provinces[i]))
    }

    pub fn province_of(&self, region: &Region) -> Option<&Region> {
        self.geography
            .provinces
            .iter()
            .find(|p| p.id == region.province && p.level == RegionLevel::Province)
    }

    /// Where to look to see a selection.
    fn view_for(&self, s: Selection) -> Option<ViewRequest> {
        let point = |p: Option<geo_types::Point<f64>>| {
            p.map(|p| ViewRequest::CenterOn {
                lon: p.x(),
                lat: p.y(),
                min_zoom: 9.0,
            })
        };
        match s {
            Selection::Province(i) => self
                .scene
                .provinces
                .features
                .get(i)
                .map(|f| ViewRequest::FitLocal(f.bbox)),
            Selection::County(i) => self
                .scene
                .counties
                .features
                .get(i)
                .map(|f| ViewRequest::FitLocal(f.bbox)),
            Selection::Site { layer, index } => {
                point(self.layers.get(layer)?.data.sites.get(index)?.location)
            }
            Selection::Event { layer, index } => {
                point(self.layers.get(layer)?.data.events.get(index)?.location)
            }
            Selection::Flow { layer, index } => {
                let f = self
                    .scene
                    .flows
                    .iter()
                    .find(|f| f.layer == layer && f.flow == index)?;
                let mut min = [f32::INFINITY; 2];
                let mut max = [f32::NEG_INFINITY; 2];
                for p in f.legs.iter().flatten() {
                    min = [min[0].min(p[0]), min[1].min(p[1])];
                    max = [max[0].max(p[0]), max[1].max(p[1])];
                }
                Some(ViewRequest::FitLocal([min, max]))
            }
        }
    }
}

fn build_scene(geography: &Geography, layers: &[DataLayer]) -> Scene {
    let visible: Vec<&Dataset> = layers.iter().map(|l| &l.data).collect();
    let mut scene = Scene::prepare(&geography.provinces, &geography.counties, &visible);
    // Hidden data layers keep their index (selections refer to it) but draw nothing.
    scene
        .sites
        .retain(|m| layers.get(m.layer).is_some_and(|l| l.visible));
    scene
        .flows
        .retain(|f| layers.get(f.layer).is_some_and(|l| l.visible));
    scene
}

/// Today as days since 1970-01-01, from the system clock.
pub fn today() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| (d.as_secs() / 86_400) as i64)
        .unwrap_or_else(|_| PartialDate::ymd(2026, 1, 1).start_day_number())
}
