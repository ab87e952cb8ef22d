//! Editing the user's own dataset: the form's draft, its checks, undo history and the save.
//!
//! Pure (no egui). A draft becomes a record through the same writer and reader as files: the
//! candidate dataset is written as GeoJSON and read back, so what the app holds is exactly what
//! a reopened save gives, and a record the reader would refuse (an unknown place, a point
//! outside its county) is refused at once with the reader's own message. The bundled seeds are
//! never touched; user records may cite seed sources by id.

use crate::geography::Geography;
use crate::model::{
    Dataset, Evidence, Flow, Grade, LocationPrecision, Milestone, MilestoneKind, PartialDate,
    PeopleCount, Site, SiteCategory, Source, SourceKind,
};
use geo_types::Point;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftKind {
    Site,
    Flow,
}

/// Where the draft's evidence comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceChoice {
    None,
    /// A seed source or one of the user's own, by id.
    Existing(String),
    /// The source typed into the form.
    New,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewSource {
    pub publisher: String,
    pub title: String,
    pub date: String,
    pub url: String,
    pub kind: SourceKind,
    pub language: String,
}

impl Default for NewSource {
    fn default() -> Self {
        NewSource {
            publisher: String::new(),
            title: String::new(),
            date: String::new(),
            url: String::new(),
            kind: SourceKind::News,
            language: "en".to_owned(),
        }
    }
}

/// What the form edits: text as typed, checked only on save.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub kind: DraftKind,
    /// The id of the user record being edited; `None` for a new record.
    pub editing: Option<String>,
    /// A site's name, or who a flow mobilizes.
    pub name: String,
    pub category: SiteCategory,
    /// A site's place, or a flow's origin, in any spelling the gazetteer knows.
    pub place: String,
    /// A flow's destinations, separated by `;` (a comma qualifies a place with its province).
    pub to: String,
    /// The exact point picked on the map, as (lon, lat).
    pub location: Option<(f64, f64)>,
    pub cohort: String,
    pub announced: String,
    pub groundbreaking: String,
    pub inauguration: String,
    pub start: String,
    pub end: String,
    pub people_min: String,
    pub people_max: String,
    pub source: SourceChoice,
    pub new_source: NewSource,
    pub locator: String,
    pub grade: Grade,
    pub notes: String,
}

impl Draft {
    fn blank(kind: DraftKind) -> Self {
        Draft {
            kind,
            editing: None,
            name: String::new(),
            category: SiteCategory::FactoryCluster,
            place: String::new(),
            to: String::new(),
            location: None,
            cohort: String::new(),
            announced: String::new(),
            groundbreaking: String::new(),
            inauguration: String::new(),
            start: String::new(),
            end: String::new(),
            people_min: String::new(),
            people_max: String::new(),
            source: SourceChoice::None,
            new_source: NewSource::default(),
            locator: String::new(),
            grade: Grade::Confirmed,
            notes: String::new(),
        }
    }

    /// A new site at `place`, optionally at an exact point.
    pub fn new_site(place: &str, location: Option<(f64, f64)>) -> Self {
        Draft {
            place: place.to_owned(),
            location,
            ..Draft::blank(DraftKind::Site)
        }
    }

    /// A new flow out of `from`.
    pub fn new_flow(from: &str) -> Self {
        Draft {
            place: from.to_owned(),
            ..Draft::blank(DraftKind::Flow)
        }
    }

    /// The form for an existing site; its first evidence fills the source fields.
    pub fn from_site(s: &Site) -> Self {
        let date = |k| {
            s.milestone(k)
                .map(|m| m.date.to_string())
                .unwrap_or_default()
        };
        let mut d = Draft {
            editing: Some(s.id.clone()),
            name: s.name.clone(),
            category: s.category,
            place: s.place.clone(),
            location: matches!(
                s.precision,
                LocationPrecision::Exact | LocationPrecision::Town
            )
            .then(|| s.location.map(|p| (p.x(), p.y())))
            .flatten(),
            cohort: s.cohort.map(|c| c.to_string()).unwrap_or_default(),
            announced: date(MilestoneKind::Announced),
            groundbreaking: date(MilestoneKind::Groundbreaking),
            inauguration: date(MilestoneKind::Inauguration),
            notes: s.notes.clone().unwrap_or_default(),
            ..Draft::blank(DraftKind::Site)
        };
        d.take_evidence(s.evidence.first());
        d
    }

    pub fn from_flow(f: &Flow) -> Self {
        let people = f.people.as_ref();
        let n = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_default();
        let mut d = Draft {
            editing: Some(f.id.clone()),
            name: f.who.clone(),
            place: f.from.clone(),
            to: f.to.join("; "),
            start: f.start.map(|d| d.to_string()).unwrap_or_default(),
            end: f.end.map(|d| d.to_string()).unwrap_or_default(),
            people_min: n(people.and_then(|p| p.min)),
            people_max: n(people.and_then(|p| p.max)),
            notes: f.notes.clone().unwrap_or_default(),
            ..Draft::blank(DraftKind::Flow)
        };
        d.take_evidence(f.evidence.first());
        d
    }

    fn take_evidence(&mut self, e: Option<&Evidence>) {
        if let Some(e) = e {
            self.source = SourceChoice::Existing(e.source.clone());
            self.locator = e.locator.clone().unwrap_or_default();
            self.grade = e.grade;
        }
    }
}

/// Undo and redo over whole snapshots of the user's dataset (it is small; snapshots cannot
/// drift from the data the way recorded inverse operations can).
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Dataset>,
    redo: Vec<Dataset>,
}

impl History {
    /// Remember `before`, the state a change is about to replace.
    pub fn record(&mut self, before: Dataset) {
        self.undo.push(before);
        self.redo.clear();
    }

    /// The state to go back to, given the current one.
    pub fn undo(&mut self, current: Dataset) -> Option<Dataset> {
        let prev = self.undo.pop()?;
        self.redo.push(current);
        Some(prev)
    }

    pub fn redo(&mut self, current: Dataset) -> Option<Dataset> {
        let next = self.redo.pop()?;
        self.undo.push(current);
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

/// The dataset as a file would give it back: written as GeoJSON, read and checked again.
pub fn canonical(data: &Dataset, geo: &Geography) -> Result<Dataset, Vec<String>> {
    let text = crate::io::write_geojson(data);
    // The name the reader gives the user's data in its messages.
    let label = crate::t!("edit-your-records-file");
    let (back, diags) =
        crate::io::read_dataset(text.as_bytes(), &label, geo, crate::bundled::seed_sources());

    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    if errors.is_empty() {
        Ok(back)
    } else {
        Err(errors)
    }
}

/// Saves the user's dataset as GeoJSON (the format `nkmap export` writes), atomically: a
/// crash, a full disk or an error from `write` leaves the previous file as it was. `write`
/// puts the bytes into the temporary file; the app passes [`write_all`].
pub fn save_with(
    path: &Path,
    data: &Dataset,
    write: impl FnOnce(&mut std::fs::File, &[u8]) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let text = crate::io::write_geojson(data);
    crate::io::atomic_write_with(path, |f| write(f, text.as_bytes()))
}

/// The ordinary writer for [`save_with`].
pub fn write_all(f: &mut std::fs::File, bytes: &[u8]) -> std::io::Result<()> {
    std::io::Write::write_all(f, bytes)
}

/// `a-z0-9-` from a name, for new ids.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    out.chars().take(40).collect()
}

/// `base`, or `base-2`, `base-3`… whichever is not taken.
fn unique_id(base: &str, taken: &dyn Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or_else(|| base.to_owned())
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// Message when the form has no source: the refusal the user sees, in the interface
/// language. Like every message here it is made when the user presses Save, so it is in the
/// language of that moment.
pub fn no_source() -> String {
    crate::t!("edit-no-source")
}

/// Applies a draft to the user's dataset. `taken` says whether an id is used anywhere
/// (seeds, other layers, the user's data); `seed_source` whether a seed source has that id.
/// Returns the new dataset and the id of the record saved, or every reason it cannot be saved.
/// Seat or centre for a record placed "somewhere in" the county `place` resolves to.
fn county_precision(geo: &Geography, place: &str) -> LocationPrecision {
    match geo.resolve(place) {
        crate::gazetteer::Resolution::Unique { id, .. } => geo
            .region(&id)
            .map_or(LocationPrecision::Centre, LocationPrecision::in_county),
        _ => LocationPrecision::Centre,
    }
}

pub fn apply_draft(
    draft: &Draft,
    user: &Dataset,
    taken: &dyn Fn(&str) -> bool,
    seed_source: &dyn Fn(&str) -> bool,
    geo: &Geography,
) -> Result<(Dataset, String), Vec<String>> {
    let mut errors = Vec::new();
    let mut date = |label: &str, text: &str| -> Option<PartialDate> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        PartialDate::parse(t)
            .map_err(|e| {
                errors.push(crate::t!(
                    "edit-field-problem",
                    field = label,
                    problem = e.to_string()
                ))
            })
            .ok()
    };
    // The field names are the form's own labels.
    let announced = date(&crate::t!("ui-milestone-announced"), &draft.announced);
    let groundbreaking = date(
        &crate::t!("ui-progress-groundbreaking"),
        &draft.groundbreaking,
    );
    let inauguration = date(&crate::t!("ui-milestone-inauguration"), &draft.inauguration);
    let start = date(&crate::t!("ui-editor-start"), &draft.start);
    let end = date(&crate::t!("ui-editor-end"), &draft.end);
    let source_date = date(&crate::t!("edit-source-date"), &draft.new_source.date);

    let mut new_source = None;
    let source_id = match &draft.source {
        SourceChoice::None => {
            errors.push(no_source());
            None
        }
        SourceChoice::Existing(id) => {
            if user.source(id).is_none() && !seed_source(id) {
                errors.push(crate::t!("edit-unknown-source", id = id));
            }
            Some(id.clone())
        }
        SourceChoice::New => {
            let n = &draft.new_source;
            if n.publisher.trim().is_empty() || n.title.trim().is_empty() {
                errors.push(crate::t!("edit-new-source-incomplete"));
                None
            } else {
                let base = format!("user-{}", slug(&format!("{} {}", n.publisher, n.title)));
                let taken_or_user = |id: &str| taken(id) || user.source(id).is_some();
                let id = unique_id(&base, &taken_or_user);
                new_source = Some(Source {
                    id: id.clone(),
                    publisher: n.publisher.trim().to_owned(),
                    title: n.title.trim().to_owned(),
                    authors: Vec::new(),
                    date: source_date,
                    url: opt(&n.url),
                    doc_id: None,
                    language: opt(&n.language).unwrap_or_else(|| "en".to_owned()),
                    kind: n.kind,
                    note: None,
                });
                Some(id)
            }
        }
    };
    if draft.locator.trim().is_empty() {
        errors.push(crate::t!("edit-no-locator"));
    }
    if draft.name.trim().is_empty() {
        errors.push(match draft.kind {
            DraftKind::Site => crate::t!("edit-site-no-name"),
            DraftKind::Flow => crate::t!("edit-flow-no-who"),
        });
    }
    if draft.place.trim().is_empty() {
        errors.push(match draft.kind {
            DraftKind::Site => crate::t!("edit-site-no-place"),
            DraftKind::Flow => crate::t!("edit-flow-no-place"),
        });
    }
    let cohort = match draft.cohort.trim() {
        "" => None,
        t => match t.parse::<i32>() {
            Ok(y) => Some(y),
            Err(_) => {
                errors.push(crate::t!("edit-cohort-not-year", value = t));
                None
            }
        },
    };
    let mut count = |label: &str, t: &str| -> Option<u32> {
        match t.trim() {
            "" => None,
            t => t
                .parse::<u32>()
                .map_err(|_| errors.push(crate::t!("edit-not-a-number", field = label, value = t)))
                .ok(),
        }
    };
    let people_min = count(&crate::t!("ui-editor-people-min"), &draft.people_min);
    let people_max = count(&crate::t!("ui-editor-people-max"), &draft.people_max);
    let to: Vec<String> = draft.to.split(';').filter_map(opt).collect();
    if draft.kind == DraftKind::Flow && to.is_empty() {
        errors.push(crate::t!("edit-flow-no-destination"));
    }
    let Some(source_id) = source_id.filter(|_| errors.is_empty()) else {
        return Err(errors);
    };

    let evidence = Evidence {
        source: source_id,
        locator: opt(&draft.locator),
        grade: draft.grade,
    };
    let mut next = user.clone();
    if let Some(s) = new_source {
        next.sources.push(s);
    }
    let taken_here = |id: &str| taken(id) || user.site(id).is_some() || user.flow(id).is_some();
    let id = match draft.kind {
        DraftKind::Site => {
            let old = draft.editing.as_deref().and_then(|id| user.site(id));
            let milestone = |kind, date: Option<PartialDate>| {
                let date = date?;
                // An unchanged date keeps the evidence it had; a new one cites the form's source.
                match old
                    .and_then(|o| o.milestone(kind))
                    .filter(|m| m.date == date)
                {
                    Some(m) => Some(m.clone()),
                    None => Some(Milestone {
                        kind,
                        date,
                        approximate: false,
                        evidence: vec![evidence.clone()],
                        observation: None,
                    }),
                }
            };
            let mut site_evidence = old.map(|o| o.evidence.clone()).unwrap_or_default();
            match site_evidence.first_mut() {
                Some(first) => *first = evidence.clone(),
                None => site_evidence.push(evidence.clone()),
            }
            let id = match old {
                Some(o) => o.id.clone(),
                None => unique_id(&format!("user-site-{}", slug(&draft.name)), &taken_here),
            };
            let site = Site {
                id: id.clone(),
                name: draft.name.trim().to_owned(),
                category: draft.category,
                products: old.and_then(|o| o.products.clone()),
                place: draft.place.trim().to_owned(),
                // Resolved again by the reader, so a changed place takes effect.
                region_id: None,
                precision: if draft.location.is_some() {
                    LocationPrecision::Exact
                } else {
                    // Somewhere in the county: seat or centre by the county's point.
                    county_precision(geo, &draft.place)
                },
                location: draft.location.map(|(x, y)| Point::new(x, y)),
                cohort,
                milestones: [
                    milestone(MilestoneKind::Announced, announced),
                    milestone(MilestoneKind::Groundbreaking, groundbreaking),
                    milestone(MilestoneKind::Inauguration, inauguration),
                ]
                .into_iter()
                .flatten()
                // Observations from imagery are not in the form; they stay as they were.
                .chain(old.into_iter().flat_map(|o| o.observations().cloned()))
                .collect(),
                evidence: site_evidence,
                disputes: old.map(|o| o.disputes.clone()).unwrap_or_default(),
                notes: opt(&draft.notes),
            };
            match next.sites.iter_mut().find(|s| s.id == id) {
                Some(slot) => *slot = site,
                None => next.sites.push(site),
            }
            id
        }
        DraftKind::Flow => {
            let old = draft.editing.as_deref().and_then(|id| user.flow(id));
            let mut flow_evidence = old.map(|o| o.evidence.clone()).unwrap_or_default();
            match flow_evidence.first_mut() {
                Some(first) => *first = evidence.clone(),
                None => flow_evidence.push(evidence.clone()),
            }
            let id = match old {
                Some(o) => o.id.clone(),
                None => unique_id(&format!("user-flow-{}", slug(&draft.name)), &taken_here),
            };
            let people = (people_min.is_some() || people_max.is_some()).then(|| PeopleCount {
                min: people_min,
                max: people_max,
                wording: old
                    .and_then(|o| o.people.as_ref())
                    .and_then(|p| p.wording.clone()),
            });
            let flow = Flow {
                id: id.clone(),
                who: draft.name.trim().to_owned(),
                from: draft.place.trim().to_owned(),
                // Places are resolved and points placed by the reader.
                from_region: None,
                from_location: None,
                to,
                to_regions: Vec::new(),
                to_locations: Vec::new(),
                people,
                shift_months: old.and_then(|o| o.shift_months),
                start,
                end,
                evidence: flow_evidence,
                disputes: old.map(|o| o.disputes.clone()).unwrap_or_default(),
                notes: opt(&draft.notes),
            };
            match next.flows.iter_mut().find(|f| f.id == id) {
                Some(slot) => *slot = flow,
                None => next.flows.push(flow),
            }
            id
        }
    };
    let next = canonical(&next, geo)?;
    if next.site(&id).is_none() && next.flow(&id).is_none() {
        return Err(vec![crate::t!("edit-not-read-back", id = &id)]);
    }
    Ok((next, id))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn geo() -> Geography {
        crate::bundled::geography().unwrap()
    }

    fn seed(id: &str) -> bool {
        crate::bundled::seed_sources().iter().any(|s| s.id == id)
    }

    fn orang_draft() -> Draft {
        let mut d = Draft::new_site("Orang", None);
        d.name = "Orang fish farm".into();
        d.category = SiteCategory::Aquaculture;
        d.groundbreaking = "2025-03".into();
        d.locator = "para 2".into();
        d
    }

    #[test]
    fn a_draft_without_a_source_is_refused() {
        let d = orang_draft();
        let err = apply_draft(&d, &Dataset::default(), &|_| false, &seed, &geo()).unwrap_err();
        assert!(err.iter().any(|e| *e == no_source()), "{err:?}");
    }

    #[test]
    fn a_new_source_and_site_resolve_and_survive_a_save() {
        let geo = geo();
        let mut d = orang_draft();
        d.source = SourceChoice::New;
        d.new_source.publisher = "Daily NK".into();
        d.new_source.title = "Fish farm in Orang".into();
        d.new_source.date = "2025-03-02".into();
        d.new_source.url = "https://www.dailynk.com/english/fish-farm-orang/".into();
        let (data, id) = apply_draft(&d, &Dataset::default(), &|_| false, &seed, &geo).unwrap();
        let site = data.site(&id).unwrap();
        assert_eq!(site.region_id.as_deref(), Some("KP-09-orang"));
        assert!(site.location.is_some(), "placed at the county seat");
        assert_eq!(data.sources.len(), 1);

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.geojson");
        save_with(&path, &data, write_all).unwrap();
        let (back, diags) = crate::io::load_file(&path, &geo, crate::bundled::seed_sources());
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(back.unwrap(), data);
    }

    #[test]
    fn editing_keeps_the_id_and_an_unknown_place_is_refused() {
        let geo = geo();
        let mut d = orang_draft();
        d.source = SourceChoice::Existing(crate::bundled::seed_sources()[0].id.clone());
        let (data, id) = apply_draft(&d, &Dataset::default(), &|_| false, &seed, &geo).unwrap();
        let mut e = Draft::from_site(data.site(&id).unwrap());
        e.inauguration = "2025-12".into();
        let (data2, id2) = apply_draft(&e, &data, &|_| false, &seed, &geo).unwrap();
        assert_eq!(id, id2);
        assert_eq!(data2.sites.len(), 1);
        let mut bad = e.clone();
        bad.place = "Atlantis".into();
        let err = apply_draft(&bad, &data2, &|_| false, &seed, &geo).unwrap_err();
        assert!(err.iter().any(|m| m.contains("Atlantis")), "{err:?}");
    }

    #[test]
    fn a_save_that_fails_midway_leaves_the_previous_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.geojson");
        std::fs::write(&path, b"previous").unwrap();
        let r = save_with(&path, &Dataset::default(), |f, bytes| {
            std::io::Write::write_all(f, &bytes[..bytes.len() / 2])?;
            Err(std::io::Error::other("killed midway"))
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"previous");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn history_undoes_and_redoes() {
        let mut h = History::default();
        let a = Dataset::default();
        let mut b = a.clone();
        b.sources.push(crate::bundled::seed_sources()[0].clone());
        h.record(a.clone());
        assert_eq!(h.undo(b.clone()), Some(a.clone()));
        assert_eq!(h.redo(a), Some(b));
        assert!(h.can_undo() && !h.can_redo());
    }
}
