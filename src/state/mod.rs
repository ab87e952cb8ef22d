//! The application state and the one place where it changes: [`AppState::apply`].
//!
//! Widgets never edit the state; they return [`Action`]s.

pub mod files;
pub mod imagery;
pub mod settings;

pub use files::FileRequest;

use crate::edit::History;
use crate::filter::Filter;
use crate::geography::Geography;
use crate::io::Diagnostic;
use crate::model::{Dataset, Region, RegionLevel, Site};
use crate::scene::points::{PreparedPlacemarks, Shown};
use crate::scene::{PolygonLayer, Scene};
use settings::{Language, Layer, LayerStyle, Settings, Theme};
use std::path::PathBuf;
use std::sync::Arc;

/// Something on the map a user can point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Selection {
    Province(usize),
    County(usize),
    Site {
        layer: usize,
        index: usize,
    },
    Flow {
        layer: usize,
        index: usize,
    },
    Event {
        layer: usize,
        index: usize,
    },
    /// A polygon of a layer's area file.
    Area {
        layer: usize,
        index: usize,
    },
    /// A placemark of a layer's KML file (`index` into its `data.placemarks.placemarks`).
    Placemark {
        layer: usize,
        index: usize,
    },
}

/// A dataset shown on the map: the bundled seeds, or a file the user opened.
#[derive(Debug, Clone)]
pub struct DataLayer {
    pub name: String,
    pub path: Option<PathBuf>,
    pub data: Dataset,
    pub visible: bool,
    /// `data.areas` projected, tessellated and indexed (off the UI thread, when loaded).
    pub areas: Option<Arc<PolygonLayer>>,
    /// `data.placemarks` projected, gridded and indexed (off the UI thread, when loaded).
    pub placemarks: Option<Arc<PreparedPlacemarks>>,
    /// Whether each of `data.placemarks.folders` is ticked in the Layers panel.
    pub folders: Vec<bool>,
    /// Which placemarks pass the folders and the date (rebuilt when either changes).
    pub shown: Option<Arc<Shown>>,
    /// Placemarks in each folder and the folders below it (for the Layers panel).
    pub folder_counts: Vec<usize>,
    /// Whether this is the layer of the user's own records, whose name is the app's words
    /// (in the current language) rather than a file's.
    pub mine: bool,
}

impl DataLayer {
    /// A layer of `data`, visible, with nothing prepared yet.
    pub fn new(name: String, path: Option<PathBuf>, data: Dataset) -> Self {
        let folders = data.placemarks.folders.iter().map(|f| f.visible).collect();
        let folder_counts = data.placemarks.counts();
        DataLayer {
            name,
            path,
            data,
            visible: true,
            areas: None,
            placemarks: None,
            folders,
            shown: None,
            folder_counts,
            mine: false,
        }
    }

    /// The name the interface shows: the user's own layer is named in the current language
    /// each time it is shown ("My records", "내 기록"); `name` stays as it was made.
    pub fn display_name(&self) -> String {
        if !self.mine {
            return self.name.clone();
        }
        match self.path.as_ref().and_then(|p| p.file_name()) {
            Some(f) => crate::t!(
                "ui-my-records-file",
                file = f.to_string_lossy().into_owned()
            ),
            None => crate::t!("ui-my-records"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub file: String,
    pub text: String,
    pub is_error: bool,
}

impl Message {
    /// The diagnostic as the panel shows it. Its words are those of the language when the
    /// file was read (and this made): switching language does not rewrite older messages.
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
    /// Like `FitLocal`, but as close as a satellite image of a few kilometres needs.
    FitImage([[f32; 2]; 2]),
    CenterOn {
        lon: f64,
        lat: f64,
        min_zoom: f64,
    },
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
    /// The interface's language (`None`: the system's); it applies from the next frame.
    SetUiLanguage(Option<crate::i18n::Lang>),
    SetTheme(Theme),
    SetUiScale(f32),
    SetDate(i64),
    SetDataLayerVisible(usize, bool),
    /// Tick or untick a folder of a layer's placemarks (KML `Folder`/`Document`).
    SetFolderVisible {
        layer: usize,
        folder: usize,
        visible: bool,
    },
    RemoveDataLayer(usize),
    OpenFiles(Vec<PathBuf>),
    View(ViewRequest),
    ClearMessages,
    /// Write the view or the visible records to a file (the app does it after the frame,
    /// when the map's view is known).
    Export(ExportKind, PathBuf),
    SetBasemap(crate::basemap::BasemapChoice),
    /// One filter for the map, the lists and the counts.
    SetFilter(Filter),
    /// Animate the date (the app advances it while playing).
    SetPlaying(bool),
    /// Move the date by whole months, within the control's range.
    StepMonths(i32),
    ShowProgress(bool),
    /// Show a titled list of records (the ones behind a count), or close it.
    ListRecords(Option<(String, Vec<Selection>)>),
    /// Open the add/edit form (the app owns the form while it is open).
    OpenEditor(EditRequest),
    /// Replace the user's records with an edited version (already checked by the form) and
    /// select the record with this id.
    CommitUserData(Box<Dataset>, Option<String>),
    Undo,
    Redo,
    /// Save the user's records to this file, or to their current file (else the default one).
    SaveUserData(Option<PathBuf>),
    /// What the search box currently shows (its place results and the highlighted result):
    /// the map names these places first.
    SetSearchNamed(Vec<Selection>),
    /// The measuring tool: on, off, a point, close the shape… (`crate::measure`).
    Measure(crate::measure::Edit),
    /// Add the closed measurement to the user's records as an area with this name (undoable;
    /// saved with the records), select it and end the tool.
    SaveMeasurement(String),
    /// Fly to (lon, lat) and mark it (*Go to coordinates…*); `None` removes the mark.
    GoTo(Option<(f64, f64)>),
    /// How positions are written in the status bar and copied.
    SetCoordFormat(crate::coords::CoordFormat),
    /// Ask the user for a file (the app shows the system dialog or its own browser).
    ChooseFile(FileRequest),
    ShowAbout(bool),
    /// Imagery layers, compare mode and observations (`imagery.rs`).
    Imagery(imagery::ImageryAction),
}

/// What the add/edit form is opened for.
#[derive(Debug, Clone, PartialEq)]
pub enum EditRequest {
    /// A new site: a place name (may be empty) and an exact point, if picked on the map.
    NewSite {
        place: String,
        at: Option<(f64, f64)>,
    },
    NewFlow {
        from: String,
    },
    /// A site (or, with `flow`, a flow) prefilled from a placemark: its name, its point (the
    /// place resolved through the gazetteer from it), its time and description as notes.
    FromPlacemark {
        layer: usize,
        index: usize,
        flow: bool,
    },
    /// Edit one of the user's own records.
    Edit(Selection),
}

/// The user's own records: which layer holds them, where they are saved, what was saved last
/// (to tell unsaved changes) and their undo history.
#[derive(Debug, Clone)]
pub struct UserData {
    pub layer: usize,
    pub path: Option<PathBuf>,
    pub saved: Dataset,
    pub history: History,
}

/// What File → Export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    ViewSvg,
    ViewPng,
    RecordsCsv,
    RecordsGeojson,
    RecordsKml,
    RecordsKmz,
}

pub struct AppState {
    pub geography: Arc<Geography>,
    pub layers: Vec<DataLayer>,
    /// What the map draws: the regions, and the markers and flows that pass the filter.
    pub scene: Scene,
    /// Every marker and flow of every layer, prepared once per data change; the filter
    /// picks from these into `scene` (cheap, so it can run on every date step).
    marks: Scene,
    pub filter: Filter,
    /// The date control is animating.
    pub playing: bool,
    pub show_progress: bool,
    /// Records listed on request (e.g. behind a progress count).
    pub record_list: Option<(String, Vec<Selection>)>,
    /// The user's own records, once there are any (or a file of them was opened).
    pub user: Option<UserData>,
    /// Where the user's records are saved when no file was chosen.
    pub default_user_path: Option<PathBuf>,
    /// Form requests for the app to pick up.
    pub pending_editor: Option<EditRequest>,
    pub settings: Settings,
    pub selection: Option<Selection>,
    /// What the search box shows; the map names these places before other counties.
    pub search_named: Vec<Selection>,
    pub messages: Vec<Message>,
    /// The date sites take their status on (days since 1970-01-01).
    pub date: i64,
    /// What "today" is for the date control's *Today* button (the system clock, or a fixed
    /// day in tests: [`AppState::set_today`]).
    pub today: i64,
    pub view_request: Option<ViewRequest>,
    /// Files asked for and not yet loaded; the app hands them to the background loader.
    pub pending_open: Vec<PathBuf>,
    /// Exports asked for and not yet written; the app writes them after the frame.
    pub pending_export: Vec<(ExportKind, PathBuf)>,
    /// The measuring tool, while it is on.
    pub measure: Option<crate::measure::Measurement>,
    /// The point *Go to coordinates…* flew to, marked on the map: (lon, lat).
    pub goto_marker: Option<(f64, f64)>,
    /// A file dialog asked for and not yet shown; the app shows it.
    pub pending_file: Option<FileRequest>,
    /// Help → About is open.
    pub show_about: bool,
    /// Satellite images on the map, and how they are shown.
    pub imagery: imagery::ImageryState,
}

impl AppState {
    pub fn new(
        geography: Arc<Geography>,
        seeds: Dataset,
        seed_diagnostics: &[Diagnostic],
        settings: Settings,
    ) -> Self {
        let layers = vec![DataLayer::new("Bundled seeds".to_owned(), None, seeds)];
        // Regions are projected and tessellated once; data layers only produce markers.
        let scene = Scene::prepare(&geography.provinces, &geography.counties, &[]);
        let mut state = AppState {
            geography,
            layers,
            scene,
            marks: Scene::prepare(&[], &[], &[]),
            filter: Filter::default(),
            playing: false,
            show_progress: false,
            record_list: None,
            user: None,
            default_user_path: None,
            pending_editor: None,
            settings,
            selection: None,
            search_named: Vec::new(),
            messages: seed_diagnostics
                .iter()
                .map(Message::from_diagnostic)
                .collect(),
            date: crate::timeline::today(),
            today: crate::timeline::today(),
            view_request: None,
            pending_open: Vec::new(),
            pending_export: Vec::new(),
            measure: None,
            goto_marker: None,
            pending_file: None,
            show_about: false,
            imagery: Default::default(),
        };
        state.rebuild_scene();
        state
    }

    /// Fixes "today" (and moves the date control to it): tests and screenshots must not depend
    /// on the day they run.
    pub fn set_today(&mut self, day: i64) {
        self.today = day;
        self.apply(Action::SetDate(day));
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
            Action::SetUiLanguage(l) => {
                self.settings.ui_language = l;
                // Every panel asks `t!` each frame, so the switch needs no restart.
                crate::i18n::set_language(self.settings.ui_lang());
            }
            Action::SetTheme(t) => self.settings.theme = t,
            Action::SetUiScale(s) => self.settings.ui_scale = s.clamp(0.5, 3.0),
            Action::SetDate(d) => {
                self.date = d;
                self.refilter();
            }
            Action::StepMonths(n) => {
                self.date = crate::timeline::add_months(self.date, n);
                // Playing stops at the end of the range.
                if self.date >= crate::timeline::date_range().1 {
                    self.playing = false;
                }
                self.refilter();
            }
            Action::SetPlaying(p) => {
                let (first, last) = crate::timeline::date_range();
                // Play from the end starts over; from before the range, starts at its start.
                if p && (self.date >= last || self.date < first) {
                    self.date = first;
                    self.refilter();
                }
                self.playing = p;
            }
            Action::SetFilter(f) => {
                self.filter = f;
                self.refilter();
            }
            Action::ShowProgress(v) => self.show_progress = v,
            Action::ListRecords(l) => self.record_list = l,
            Action::OpenEditor(r) => self.pending_editor = Some(r),
            Action::CommitUserData(data, select) => self.commit_user_data(*data, select),
            Action::Undo => self.undo_redo(true),
            Action::Redo => self.undo_redo(false),
            Action::SaveUserData(path) => self.save_user_data(path, crate::edit::write_all),
            Action::SetBasemap(b) => self.settings.basemap = b,
            Action::SetFolderVisible {
                layer,
                folder,
                visible,
            } => {
                if let Some(f) = self
                    .layers
                    .get_mut(layer)
                    .and_then(|l| l.folders.get_mut(folder))
                {
                    *f = visible;
                    self.refilter();
                }
            }
            Action::SetDataLayerVisible(i, v) => {
                if let Some(l) = self.layers.get_mut(i) {
                    l.visible = v;
                    self.rebuild_scene();
                }
            }
            Action::RemoveDataLayer(i) => {
                // The bundled seeds (layer 0) and the user's own records stay.
                let user_layer = self.user.as_ref().map(|u| u.layer);
                if i > 0 && i < self.layers.len() && Some(i) != user_layer {
                    self.layers.remove(i);
                    if let Some(u) = self.user.as_mut()
                        && u.layer > i
                    {
                        u.layer -= 1;
                    }
                    self.selection = None;
                    self.rebuild_scene();
                }
            }
            Action::OpenFiles(paths) => self.pending_open.extend(paths),
            Action::View(v) => self.view_request = Some(v),
            Action::ClearMessages => self.messages.clear(),
            Action::Export(kind, path) => self.pending_export.push((kind, path)),
            Action::SetSearchNamed(named) => self.search_named = named,
            Action::Measure(edit) => crate::measure::apply(&mut self.measure, edit),
            Action::SaveMeasurement(name) => self.save_measurement(&name),
            Action::GoTo(at) => {
                self.goto_marker = at;
                if let Some((lon, lat)) = at {
                    self.view_request = Some(ViewRequest::CenterOn {
                        lon,
                        lat,
                        min_zoom: 12.0,
                    });
                }
            }
            Action::SetCoordFormat(f) => self.settings.coord_format = f,
            Action::ChooseFile(r) => self.pending_file = Some(r),
            Action::ShowAbout(v) => self.show_about = v,
            Action::Imagery(a) => self.apply_imagery(a),
        }
    }

    /// A file finished loading in the background.
    pub fn add_loaded(
        &mut self,
        path: PathBuf,
        data: Option<Dataset>,
        diagnostics: Vec<Diagnostic>,
        areas: Option<Arc<PolygonLayer>>,
    ) {
        self.add_loaded_with(path, data, diagnostics, areas, None);
    }

    /// [`AppState::add_loaded`] with the file's placemarks prepared (the loader does it off the
    /// UI thread; when `None` and the file has placemarks, they are prepared here).
    pub fn add_loaded_with(
        &mut self,
        path: PathBuf,
        data: Option<Dataset>,
        diagnostics: Vec<Diagnostic>,
        areas: Option<Arc<PolygonLayer>>,
        placemarks: Option<Arc<PreparedPlacemarks>>,
    ) {
        self.messages
            .extend(diagnostics.iter().map(Message::from_diagnostic));
        if let Some(data) = data {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string());
            let records = data.sites.len() + data.flows.len() + data.events.len();
            let mut what = match (&areas, records) {
                (Some(a), 0) => {
                    crate::t!(
                        "ui-loaded-areas",
                        areas = data.areas.len(),
                        vertices = a.vertex_count()
                    )
                }
                (Some(a), _) => crate::t!(
                    "ui-loaded-records-areas",
                    records = records,
                    areas = data.areas.len(),
                    vertices = a.vertex_count()
                ),
                (None, _) => crate::t!("ui-loaded-records", records = records),
            };
            if !data.placemarks.is_empty() {
                what = crate::t!(
                    "kml-loaded",
                    what = what,
                    placemarks = data.placemarks.placemarks.len(),
                    folders = data.placemarks.folders.len()
                );
            }
            self.messages.push(Message {
                file: name.clone(),
                text: crate::t!(
                    "ui-loaded",
                    name = &name,
                    what = what,
                    problems = diagnostics.iter().filter(|d| d.is_error()).count()
                ),
                is_error: false,
            });
            let placemarks = placemarks.or_else(|| {
                (!data.placemarks.placemarks.is_empty())
                    .then(|| Arc::new(PreparedPlacemarks::prepare(&data.placemarks)))
            });
            let mut layer = DataLayer::new(name, Some(path), data);
            layer.areas = areas;
            layer.placemarks = placemarks;
            self.layers.push(layer);
            self.rebuild_scene();
        }
    }

    /// The data changed: prepare every marker and flow again, then filter.
    fn rebuild_scene(&mut self) {
        let data: Vec<&Dataset> = self.layers.iter().map(|l| &l.data).collect();
        self.marks = Scene::prepare(&[], &[], &data);
        self.refilter();
    }

    /// The date, the filter or a layer's visibility changed: choose what the map shows.
    fn refilter(&mut self) {
        let (layers, filter, day) = (&self.layers, &self.filter, self.date);
        self.scene.sites = self
            .marks
            .sites
            .iter()
            .filter(|m| {
                layers
                    .get(m.layer)
                    .filter(|l| l.visible)
                    .and_then(|l| l.data.sites.get(m.site))
                    .is_some_and(|s| filter.site(s, day))
            })
            .cloned()
            .collect();
        self.scene.events = self
            .marks
            .events
            .iter()
            .filter(|m| {
                layers
                    .get(m.layer)
                    .filter(|l| l.visible)
                    .and_then(|l| l.data.events.get(m.site))
                    .is_some_and(|e| filter.event(e))
            })
            .cloned()
            .collect();
        // Placemarks show while their folders are ticked and the date is within their time.
        for l in &mut self.layers {
            l.shown = l.placemarks.as_ref().map(|prepared| {
                let pm = &l.data.placemarks;
                let folder_on: Vec<bool> = (0..pm.folders.len())
                    .map(|f| pm.folder_shown(f, &l.folders))
                    .collect();
                let visible = l.visible;
                Arc::new(prepared.shown(|i| {
                    visible
                        && pm.placemarks.get(i).is_some_and(|p| {
                            p.visible
                                && folder_on.get(p.folder).copied().unwrap_or(true)
                                && p.shown_on(day)
                        })
                }))
            });
        }
        let layers = &self.layers;
        // Flows show only while active on the date (the filter says so): hidden, not faded.
        self.scene.flows = self
            .marks
            .flows
            .iter()
            .filter(|f| {
                layers
                    .get(f.layer)
                    .filter(|l| l.visible)
                    .and_then(|l| l.data.flows.get(f.flow))
                    .is_some_and(|x| filter.flow(x, day))
            })
            .cloned()
            .collect();
    }

    /// Whether a site is shown: its layer is visible and it passes the filter on the date.
    pub fn site_shown(&self, layer: usize, index: usize) -> bool {
        self.layers
            .get(layer)
            .filter(|l| l.visible)
            .and_then(|l| l.data.sites.get(index))
            .is_some_and(|s| self.filter.site(s, self.date))
    }

    pub fn flow_shown(&self, layer: usize, index: usize) -> bool {
        self.layers
            .get(layer)
            .filter(|l| l.visible)
            .and_then(|l| l.data.flows.get(index))
            .is_some_and(|f| self.filter.flow(f, self.date))
    }

    /// Whether a placemark is shown: its layer visible, its folders ticked, the date in its time.
    pub fn placemark_shown(&self, layer: usize, index: usize) -> bool {
        self.layers
            .get(layer)
            .and_then(|l| l.shown.as_ref())
            .and_then(|s| s.placemark.get(index).copied())
            .unwrap_or(false)
    }

    pub fn event_shown(&self, layer: usize, index: usize) -> bool {
        self.layers
            .get(layer)
            .filter(|l| l.visible)
            .and_then(|l| l.data.events.get(index))
            .is_some_and(|e| self.filter.event(e))
    }

    /// The sites shown (visible layers, passing the filter), as (layer, index, site).
    pub fn shown_sites(&self) -> impl Iterator<Item = (usize, usize, &Site)> {
        self.layers
            .iter()
            .enumerate()
            .filter(|(_, l)| l.visible)
            .flat_map(|(li, l)| {
                l.data
                    .sites
                    .iter()
                    .enumerate()
                    .map(move |(si, s)| (li, si, s))
            })
            .filter(|(_, _, s)| self.filter.site(s, self.date))
    }

    /// Progress of the shown cohort factories on the date.
    pub fn progress(&self) -> crate::progress::Progress<Selection> {
        crate::progress::progress(
            self.shown_sites()
                .map(|(layer, index, s)| (Selection::Site { layer, index }, s)),
            |county| self.geography.region(county).map(|r| r.province.clone()),
            self.date,
        )
    }

    /// Whether the user's records differ from what was last saved.
    pub fn unsaved(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| self.layers.get(u.layer).is_some_and(|l| l.data != u.saved))
    }

    /// The user's records (empty when there are none yet).
    pub fn user_data(&self) -> Option<&Dataset> {
        let u = self.user.as_ref()?;
        self.layers.get(u.layer).map(|l| &l.data)
    }

    /// Whether a selection is one of the user's own records (those can be edited).
    pub fn is_user_record(&self, s: Selection) -> bool {
        let layer = match s {
            Selection::Site { layer, .. }
            | Selection::Flow { layer, .. }
            | Selection::Event { layer, .. } => layer,
            _ => return false,
        };
        self.user.as_ref().is_some_and(|u| u.layer == layer)
    }

    /// Whether an id is used by any record or source of any layer, or a seed source.
    pub fn id_taken(&self, id: &str) -> bool {
        crate::bundled::seed_sources().iter().any(|s| s.id == id)
            || self.layers.iter().any(|l| {
                l.data.source(id).is_some()
                    || l.data.site(id).is_some()
                    || l.data.flow(id).is_some()
                    || l.data.events.iter().any(|e| e.id == id)
            })
    }

    /// The layer for the user's own records, made on first use.
    fn user_layer(&mut self) -> usize {
        if let Some(u) = &self.user {
            return u.layer;
        }
        let mut mine = DataLayer::new("My records".to_owned(), None, Dataset::default());
        mine.mine = true;
        self.layers.push(mine);
        let layer = self.layers.len() - 1;

        self.user = Some(UserData {
            layer,
            path: None,
            saved: Dataset::default(),
            history: History::default(),
        });
        layer
    }

    /// Opens a file of the user's own records as the editable layer (at start-up: the default
    /// file, when it exists). Problems go to the messages; the good records load.
    pub fn open_user_file(&mut self, path: PathBuf) {
        let (data, diags) =
            crate::io::load_file(&path, &self.geography, crate::bundled::seed_sources());
        self.messages
            .extend(diags.iter().map(Message::from_diagnostic));
        let layer = self.user_layer();
        let data = data.unwrap_or_default();
        if let Some(l) = self.layers.get_mut(layer) {
            l.name = format!(
                "My records ({})",
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            );
            l.path = Some(path.clone());
            l.data = data.clone();
        }
        if let Some(u) = self.user.as_mut() {
            u.path = Some(path);
            u.saved = data;
            u.history = History::default();
        }
        self.prepare_user_areas();
        self.rebuild_scene();
    }

    fn commit_user_data(&mut self, data: Dataset, select: Option<String>) {
        let layer = self.user_layer();
        let Some(l) = self.layers.get_mut(layer) else {
            return;
        };
        let before = std::mem::replace(&mut l.data, data);
        if let Some(u) = self.user.as_mut() {
            u.history.record(before);
        }
        self.after_user_change(select);
    }

    fn undo_redo(&mut self, undo: bool) {
        let Some(u) = self.user.as_mut() else {
            return;
        };
        let Some(l) = self.layers.get_mut(u.layer) else {
            return;
        };
        let current = l.data.clone();
        let other = if undo {
            u.history.undo(current)
        } else {
            u.history.redo(current)
        };
        if let Some(d) = other {
            l.data = d;
            self.after_user_change(None);
        }
    }

    fn after_user_change(&mut self, select: Option<String>) {
        let Some(layer) = self.user.as_ref().map(|u| u.layer) else {
            return;
        };
        // Indexes into the user's layer may have moved; keep only selections that still hold.
        let data = self.layers.get(layer).map(|l| &l.data);
        let pick = select.and_then(|id| {
            let d = data?;
            d.sites
                .iter()
                .position(|s| s.id == id)
                .map(|index| Selection::Site { layer, index })
                .or_else(|| {
                    d.flows
                        .iter()
                        .position(|f| f.id == id)
                        .map(|index| Selection::Flow { layer, index })
                })
        });
        // A measured area undone away is no longer there to select.
        let area_gone = |s: Selection| match s {
            Selection::Area { layer: l, index } => {
                l == layer && data.is_none_or(|d| index >= d.areas.len())
            }
            _ => false,
        };
        if let Some(p) = pick {
            self.selection = Some(p);
        } else if self
            .selection
            .is_some_and(|s| self.is_user_record(s) || area_gone(s))
        {
            self.selection = None;
        }
        self.record_list = None;
        self.prepare_user_areas();
        self.rebuild_scene();
    }

    /// The user's areas (measured shapes) prepared for drawing and picking again: they are
    /// few, so on the UI thread.
    fn prepare_user_areas(&mut self) {
        if let Some(layer) = self
            .user
            .as_ref()
            .and_then(|u| self.layers.get_mut(u.layer))
        {
            layer.areas = PolygonLayer::of_areas(&layer.data.areas).map(Arc::new);
        }
    }

    /// [`Action::SaveMeasurement`]: the closed measurement becomes an area of the user's
    /// records through the same commit as an edited record, so Undo takes it back.
    fn save_measurement(&mut self, name: &str) {
        let Some(area) = self.measure.as_ref().and_then(|m| m.to_area(name)) else {
            return;
        };
        let layer = self.user_layer();
        let mut data = self
            .layers
            .get(layer)
            .map(|l| l.data.clone())
            .unwrap_or_default();
        data.areas.push(area);
        let index = data.areas.len() - 1;
        self.commit_user_data(data, None);
        self.measure = None;
        self.selection = Some(Selection::Area { layer, index });
    }

    /// Saves the user's records atomically through `write` (the app passes
    /// [`crate::edit::write_all`]; tests pass writers that fail midway). On success the path
    /// becomes the user's file and the changes count as saved; on failure a message says why
    /// and the previous file is left as it was.
    pub fn save_user_data(
        &mut self,
        path: Option<PathBuf>,
        write: impl FnOnce(&mut std::fs::File, &[u8]) -> std::io::Result<()>,
    ) {
        let layer = self.user_layer();
        let Some(path) = path
            .or_else(|| self.user.as_ref().and_then(|u| u.path.clone()))
            .or_else(|| self.default_user_path.clone())
        else {
            self.messages.push(Message {
                file: String::new(),
                text: crate::t!("ui-nowhere-to-save"),
                is_error: true,
            });
            return;
        };
        let Some(data) = self.layers.get(layer).map(|l| l.data.clone()) else {
            return;
        };
        if let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
        {
            // The user's data directory may not exist yet on first save.
            let _ = std::fs::create_dir_all(dir);
        }
        let name = path.display().to_string();
        match crate::edit::save_with(&path, &data, write) {
            Ok(()) => {
                if let Some(u) = self.user.as_mut() {
                    u.path = Some(path.clone());
                    u.saved = data;
                }
                if let Some(l) = self.layers.get_mut(layer) {
                    l.path = Some(path);
                }
                self.messages.push(Message {
                    file: name.clone(),
                    text: format!("Saved your records to {name}"),
                    is_error: false,
                });
            }
            Err(e) => self.messages.push(Message {
                file: name.clone(),
                text: format!(
                    "Could not save to {name}: {e}. The previous file is unchanged; try \
                     File, Save my records as… elsewhere."
                ),
                is_error: true,
            }),
        }
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
            Selection::Area { layer, index } => self
                .layers
                .get(layer)?
                .areas
                .as_ref()?
                .features
                .get(index)
                .map(|f| ViewRequest::FitLocal(f.bbox)),
            Selection::Placemark { layer, index } => {
                let b = self
                    .layers
                    .get(layer)?
                    .placemarks
                    .as_ref()?
                    .bbox_of(u32::try_from(index).ok()?)?;
                let tiny = (b[1][0] - b[0][0]).max(b[1][1] - b[0][1]) < 1e-5;
                if tiny {
                    let (lon, lat) =
                        crate::scene::to_lon_lat([f64::from(b[0][0]), f64::from(b[0][1])]);
                    Some(ViewRequest::CenterOn {
                        lon,
                        lat,
                        min_zoom: 11.0,
                    })
                } else {
                    Some(ViewRequest::FitLocal(b))
                }
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
