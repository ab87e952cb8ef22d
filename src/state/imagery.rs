//! The imagery layers on the map and how they are shown: opacity, when each image was taken,
//! "imagery follows the timeline", the compare (swipe) mode; and observations made from an
//! image, which become milestones of the user's own sites. Holds the opened images and the
//! tile worker (both pure, from `imagery`); knows no widgets.

use super::{Action, AppState, Message, Selection, ViewRequest};
use crate::imagery::tiles::TileService;
use crate::imagery::{DateFrom, Image, ImageryError, Stretch};
use crate::model::{Evidence, Grade, Milestone, MilestoneKind, PartialDate, Source, SourceKind};
use std::path::PathBuf;
use std::sync::Arc;

/// An image on the map.
#[derive(Debug, Clone)]
pub struct ImageryLayer {
    pub image: Arc<Image>,
    /// When it was taken; `None` until the file or the user says.
    pub date: Option<PartialDate>,
    pub date_from: Option<DateFrom>,
    pub visible: bool,
    pub opacity: f32,
    /// For 16-bit images.
    pub stretch: Stretch,
}

impl ImageryLayer {
    pub fn id(&self) -> u64 {
        self.image.id
    }

    pub fn day(&self) -> Option<i64> {
        self.date.map(|d| d.start_day_number())
    }

    /// "orang_2024-05-02.tif (2 May 2024)", or the name alone while undated.
    pub fn label(&self) -> String {
        match self.date {
            Some(d) => format!("{} ({})", self.image.name, crate::i18n::format_date(d)),
            None => self.image.name.clone(),
        }
    }

    pub fn is_16_bit(&self) -> bool {
        self.image.info.layout.bits == 16
    }
}

/// What the right side of the swipe shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareWith {
    Image(u64),
    /// The map without imagery (basemap and vector layers).
    Map,
}

/// Compare mode: one image left of a vertical divider, another image (or the plain map) right
/// of it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Compare {
    pub left: u64,
    pub right: CompareWith,
    /// The divider's place across the map, 0 (left edge) to 1 (right edge).
    pub divider: f32,
}

/// Which part of the map an image is drawn on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Whole,
    LeftOfDivider,
    RightOfDivider,
}

#[derive(Default)]
pub struct ImageryState {
    /// Oldest first (undated at the end), whatever order they finished opening in.
    pub layers: Vec<ImageryLayer>,
    /// Show, per area, only the newest image on or before the date control's date.
    pub follow_timeline: bool,
    pub compare: Option<Compare>,
    /// The tile worker, started with the first image.
    pub tiles: Option<Arc<TileService>>,
    /// Images whose date nobody knows yet; the first is asked about.
    pub ask_date: Vec<u64>,
    /// Where the dates the user gives are remembered (`imagery-dates.json` in the data folder).
    pub date_book: Option<PathBuf>,
}

impl std::fmt::Debug for ImageryState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImageryState")
            .field("layers", &self.layers.len())
            .field("follow_timeline", &self.follow_timeline)
            .field("compare", &self.compare)
            .finish()
    }
}

impl ImageryState {
    pub fn layer(&self, id: u64) -> Option<&ImageryLayer> {
        self.layers.iter().find(|l| l.id() == id)
    }

    fn index(&self, id: u64) -> Option<usize> {
        self.layers.iter().position(|l| l.id() == id)
    }

    fn sort(&mut self) {
        self.layers.sort_by(|a, b| {
            (a.day().unwrap_or(i64::MAX), &a.image.name)
                .cmp(&(b.day().unwrap_or(i64::MAX), &b.image.name))
        });
    }
}

/// An observation to record from an image.
#[derive(Debug, Clone, PartialEq)]
pub struct ObservationDraft {
    /// The site (one of the user's own).
    pub layer: usize,
    pub index: usize,
    pub image: u64,
    /// Construction seen (groundbreaking) or the works look finished (inauguration).
    pub kind: MilestoneKind,
    pub grade: Grade,
    /// What the image shows.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ImageryAction {
    SetVisible(u64, bool),
    SetOpacity(u64, f32),
    SetStretch(u64, Stretch),
    Remove(u64),
    /// The user says when an image was taken (remembered for the file).
    SetDate(u64, PartialDate),
    /// Not now: stop asking about this image's date.
    SkipDate(u64),
    FollowTimeline(bool),
    Compare(Option<Compare>),
    /// Moves the swipe divider (0 to 1 across the map).
    SetDivider(f32),
    ZoomTo(u64),
    /// From a site's details: the newest image before its groundbreaking against the first
    /// after it, at the site.
    CompareAtSite {
        layer: usize,
        index: usize,
    },
    AddObservation(Box<ObservationDraft>),
}

impl AppState {
    /// The images the map draws, bottom first, and where: in compare mode the two compared;
    /// else the visible ones, oldest below newest, and only those taken on or before the date
    /// when imagery follows the timeline.
    pub fn shown_imagery(&self) -> Vec<(usize, Side)> {
        let im = &self.imagery;
        if let Some(c) = im.compare {
            let mut out: Vec<(usize, Side)> = im
                .index(c.left)
                .map(|i| (i, Side::LeftOfDivider))
                .into_iter()
                .collect();
            if let CompareWith::Image(r) = c.right
                && let Some(i) = im.index(r)
            {
                out.push((i, Side::RightOfDivider));
            }
            return out;
        }
        let mut shown: Vec<usize> = (0..im.layers.len())
            .filter(|&i| {
                let l = &im.layers[i];
                l.visible && (!im.follow_timeline || l.day().is_some_and(|d| d <= self.date))
            })
            .collect();
        // Undated images at the bottom, then by date: the newest on top of an area.
        shown.sort_by_key(|&i| im.layers[i].day());
        shown.into_iter().map(|i| (i, Side::Whole)).collect()
    }

    /// Whether any image is drawn (the map then draws its regions over it on the CPU).
    pub fn imagery_shown(&self) -> bool {
        !self.shown_imagery().is_empty()
    }

    /// Imagery layers covering a point, oldest first (undated last).
    pub fn imagery_covering(&self, lon: f64, lat: f64) -> Vec<usize> {
        let mut v: Vec<usize> = (0..self.imagery.layers.len())
            .filter(|&i| self.imagery.layers[i].image.covers(lon, lat))
            .collect();
        v.sort_by_key(|&i| self.imagery.layers[i].day().unwrap_or(i64::MAX));
        v
    }

    /// An image finished opening in the background.
    pub fn add_image(&mut self, image: Image) {
        let mut layer = ImageryLayer {
            date: image.info.date.as_ref().map(|(d, _)| *d),
            date_from: image.info.date.as_ref().map(|(_, f)| f.clone()),
            image: Arc::new(image),
            visible: true,
            opacity: 1.0,
            stretch: Stretch::default(),
        };
        if layer.date.is_none()
            && let (Some(book), Some(path)) = (&self.imagery.date_book, &layer.image.path)
            && let Some(d) = crate::imagery::dates::DateBook::load(book).date_of(path)
        {
            layer.date = Some(d);
            layer.date_from = Some(DateFrom::User);
        }
        let id = layer.id();
        let info = &layer.image.info;
        let when = match layer.date {
            Some(d) => crate::i18n::format_date(d),
            None => crate::t!("imagery-date-unknown"),
        };
        self.messages.push(Message {
            file: layer.image.name.clone(),
            text: crate::t!(
                "imagery-opened",
                file = layer.image.name.as_str(),
                width = crate::i18n::format_count(u64::from(info.width)),
                height = crate::i18n::format_count(u64::from(info.height)),
                crs = info.georef.crs.name(),
                date = when
            ),
            is_error: false,
        });
        for n in &info.notes {
            self.messages.push(Message {
                file: layer.image.name.clone(),
                text: crate::t!(
                    "imagery-check-note",
                    file = layer.image.name.as_str(),
                    note = n.as_str()
                ),
                is_error: false,
            });
        }
        if layer.date.is_none() {
            self.imagery.ask_date.push(id);
        }
        let [min, max] = layer.image.bbox_world();
        let o = crate::scene::origin();
        self.view_request = Some(ViewRequest::FitImage([
            [(min[0] - o[0]) as f32, (min[1] - o[1]) as f32],
            [(max[0] - o[0]) as f32, (max[1] - o[1]) as f32],
        ]));
        self.imagery.layers.push(layer);
        self.imagery.sort();
        if self.imagery.tiles.is_none() {
            self.imagery.tiles = Some(Arc::new(TileService::new()));
        }
    }

    /// An image could not be opened: say why.
    pub fn image_failed(&mut self, e: &ImageryError) {
        self.messages.push(Message {
            file: e.file.clone(),
            text: e.to_string(),
            is_error: true,
        });
    }

    pub(super) fn apply_imagery(&mut self, action: ImageryAction) {
        let im = &mut self.imagery;
        match action {
            ImageryAction::SetVisible(id, v) => {
                if let Some(i) = im.index(id) {
                    im.layers[i].visible = v;
                }
            }
            ImageryAction::SetOpacity(id, o) => {
                if let Some(i) = im.index(id) {
                    im.layers[i].opacity = o.clamp(0.0, 1.0);
                }
            }
            ImageryAction::SetStretch(id, s) => {
                if let Some(i) = im.index(id) {
                    let low = s.low.clamp(0.0, 49.0);
                    im.layers[i].stretch = Stretch {
                        low,
                        high: s.high.clamp(low + 1.0, 100.0),
                    };
                }
            }
            ImageryAction::Remove(id) => {
                im.layers.retain(|l| l.id() != id);
                im.ask_date.retain(|&a| a != id);
                if im
                    .compare
                    .is_some_and(|c| c.left == id || c.right == CompareWith::Image(id))
                {
                    im.compare = None;
                }
                if let Some(t) = &im.tiles {
                    t.forget(id);
                }
            }
            ImageryAction::SetDate(id, date) => self.set_image_date(id, date),
            ImageryAction::SkipDate(id) => im.ask_date.retain(|&a| a != id),
            ImageryAction::FollowTimeline(on) => im.follow_timeline = on,
            ImageryAction::Compare(c) => {
                im.compare = c.map(|c| Compare {
                    divider: c.divider.clamp(0.0, 1.0),
                    ..c
                })
            }
            ImageryAction::SetDivider(x) => {
                if let Some(c) = im.compare.as_mut() {
                    c.divider = x.clamp(0.0, 1.0);
                }
            }
            ImageryAction::ZoomTo(id) => {
                if let Some(l) = im.layer(id) {
                    let [min, max] = l.image.bbox_world();
                    let o = crate::scene::origin();
                    self.view_request = Some(ViewRequest::FitImage([
                        [(min[0] - o[0]) as f32, (min[1] - o[1]) as f32],
                        [(max[0] - o[0]) as f32, (max[1] - o[1]) as f32],
                    ]));
                }
            }
            ImageryAction::CompareAtSite { layer, index } => self.compare_at_site(layer, index),
            ImageryAction::AddObservation(d) => self.add_observation(&d),
        }
    }

    fn set_image_date(&mut self, id: u64, date: PartialDate) {
        let Some(i) = self.imagery.index(id) else {
            return;
        };
        let layer = &mut self.imagery.layers[i];
        layer.date = Some(date);
        layer.date_from = Some(DateFrom::User);
        let (book, path) = (self.imagery.date_book.clone(), layer.image.path.clone());
        self.imagery.ask_date.retain(|&a| a != id);
        self.imagery.sort();
        let (Some(book), Some(path)) = (book, path) else {
            return;
        };
        let mut b = crate::imagery::dates::DateBook::load(&book);
        if let Err(e) = b.remember(&book, &path, date) {
            self.messages.push(Message {
                file: book.display().to_string(),
                text: crate::t!(
                    "imagery-date-not-remembered",
                    file = book.display().to_string(),
                    reason = e.to_string()
                ),
                is_error: true,
            });
        }
    }

    /// Compare mode at a site: the newest image taken before the claimed groundbreaking on the
    /// left, the first taken on or after it on the right (the plain map when there is only
    /// one side); without a claimed date, the two newest images.
    fn compare_at_site(&mut self, layer: usize, index: usize) {
        let Some(site) = self.layers.get(layer).and_then(|l| l.data.sites.get(index)) else {
            return;
        };
        let Some(p) = site.location else {
            return;
        };
        let pivot = [
            MilestoneKind::Groundbreaking,
            MilestoneKind::Announced,
            MilestoneKind::Inauguration,
        ]
        .into_iter()
        .find_map(|k| site.milestone(k))
        .map(|m| m.date.start_day_number());
        let name = site.name.clone();
        let covering: Vec<(u64, i64)> = self
            .imagery_covering(p.x(), p.y())
            .into_iter()
            .filter_map(|i| {
                let l = &self.imagery.layers[i];
                l.day().map(|d| (l.id(), d))
            })
            .collect();
        let (before, after) = match pivot {
            Some(day) => (
                covering.iter().rev().find(|(_, d)| *d < day).map(|c| c.0),
                covering.iter().find(|(_, d)| *d >= day).map(|c| c.0),
            ),
            None => {
                let n = covering.len();
                (
                    n.checked_sub(2).and_then(|k| covering.get(k)).map(|c| c.0),
                    covering.last().map(|c| c.0),
                )
            }
        };
        let compare = match (before, after) {
            (Some(b), Some(a)) => Some(Compare {
                left: b,
                right: CompareWith::Image(a),
                divider: 0.5,
            }),
            (Some(one), None) | (None, Some(one)) => Some(Compare {
                left: one,
                right: CompareWith::Map,
                divider: 0.5,
            }),
            (None, None) => None,
        };
        match compare {
            Some(c) => {
                self.imagery.compare = Some(c);
                self.selection = Some(Selection::Site { layer, index });
                self.view_request = Some(ViewRequest::CenterOn {
                    lon: p.x(),
                    lat: p.y(),
                    min_zoom: 14.0,
                });
            }
            None => self.messages.push(Message {
                file: String::new(),
                text: crate::t!("imagery-compare-none", site = name),
                is_error: true,
            }),
        }
    }

    /// Records an observation as a milestone of one of the user's own sites, citing the image
    /// as a `satellite` source (made once per image), through the same checks and undo
    /// history as the editor.
    fn add_observation(&mut self, d: &ObservationDraft) {
        let refuse = |state: &mut AppState, text: String| {
            state.messages.push(Message {
                file: String::new(),
                text,
                is_error: true,
            });
        };
        let sel = Selection::Site {
            layer: d.layer,
            index: d.index,
        };
        if !self.is_user_record(sel) {
            return refuse(self, crate::t!("imagery-observation-not-yours"));
        }
        let Some(image) = self.imagery.layer(d.image).cloned() else {
            return;
        };
        let Some(date) = image.date else {
            return refuse(self, crate::t!("imagery-observation-no-date"));
        };
        if d.text.trim().is_empty() {
            return refuse(self, crate::t!("imagery-observation-no-text"));
        }
        let Some(mut data) = self.user_data().cloned() else {
            return;
        };
        let Some(site_id) = data.sites.get(d.index).map(|s| s.id.clone()) else {
            return;
        };
        let source = image_source(&image, date);
        // One source per image: reuse it when this image was cited before.
        let source_id = match data.sources.iter().find(|s| {
            s.kind == SourceKind::Satellite && s.doc_id == source.doc_id && s.date == source.date
        }) {
            Some(s) => s.id.clone(),
            None => {
                let mut id = source.id.clone();
                let mut n = 2;
                while self.id_taken(&id) || data.source(&id).is_some() {
                    id = format!("{}-{n}", source.id);
                    n += 1;
                }
                data.sources.push(Source {
                    id: id.clone(),
                    ..source
                });
                id
            }
        };
        if let Some(site) = data.sites.get_mut(d.index) {
            site.milestones.push(Milestone {
                kind: d.kind,
                date,
                approximate: false,
                evidence: vec![Evidence {
                    source: source_id,
                    locator: None,
                    grade: d.grade,
                }],
                observation: Some(d.text.trim().to_owned()),
            });
        }
        match crate::edit::canonical(&data, &self.geography) {
            Ok(checked) => self.apply(Action::CommitUserData(Box::new(checked), Some(site_id))),
            Err(problems) => refuse(self, problems.join("; ")),
        }
    }
}

/// The `satellite` source an image becomes when an observation cites it.
fn image_source(layer: &ImageryLayer, date: PartialDate) -> Source {
    let name = &layer.image.name;
    let slug: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let info = &layer.image.info;
    Source {
        id: format!("img-{}", slug.chars().take(48).collect::<String>()),
        publisher: crate::t!("imagery-source-publisher"),
        title: name.clone(),
        authors: Vec::new(),
        date: Some(date),
        url: None,
        doc_id: Some(name.clone()),
        language: "en".to_owned(),
        kind: SourceKind::Satellite,
        note: Some(format!(
            "{}, {}, {}",
            info.georef.crs.name(),
            info.pixel_size_text(),
            info.bands_text()
        )),
    }
}
