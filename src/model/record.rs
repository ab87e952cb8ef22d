//! Claims from reports: sources, evidence, sites, flows and events.

use super::PartialDate;
use geo_types::Point;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// Reporting partners inside the country (ASIAPRESS, Daily NK sources).
    InsideSource,
    /// KCNA, Rodong Sinmun, VOK, Chosun Sinbo and other DPRK or pro-DPRK outlets.
    StateMedia,
    /// Imagery analysis.
    Satellite,
    /// News outlets relaying or reporting.
    News,
    /// Think-tank or academic analysis.
    Analysis,
    /// Encyclopedias and other reference works.
    Reference,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub id: String,
    pub publisher: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// URL, or a document id where there is no URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_id: Option<String>,
    /// BCP 47 language tag: en, ko, ja.
    pub language: String,
    pub kind: SourceKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Confidence grades, as the project's research notes write them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Grade {
    /// Confirmed by two or more independent sources.
    #[serde(rename = "C-2")]
    ConfirmedMultiple,
    /// Confirmed: stated in the cited source.
    #[serde(rename = "C")]
    Confirmed,
    /// Inferred from cited facts, not stated outright.
    #[serde(rename = "I")]
    Inferred,
    /// Background knowledge, not found in a cited source: unverified.
    #[serde(rename = "K")]
    Uncertain,
    /// Looked for and not found.
    #[serde(rename = "NF")]
    NotFound,
}

impl Grade {
    pub const ALL: [Grade; 5] = [
        Grade::ConfirmedMultiple,
        Grade::Confirmed,
        Grade::Inferred,
        Grade::Uncertain,
        Grade::NotFound,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Grade::ConfirmedMultiple => "C-2",
            Grade::Confirmed => "C",
            Grade::Inferred => "I",
            Grade::Uncertain => "K",
            Grade::NotFound => "NF",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Grade::ConfirmedMultiple => "confirmed by several sources",
            Grade::Confirmed => "confirmed by one source",
            Grade::Inferred => "inferred",
            Grade::Uncertain => "uncertain (background knowledge)",
            Grade::NotFound => "looked for, not found",
        }
    }
}

/// A pointer into a source: which one, where in it, and how sure we are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub source: String,
    /// Section, paragraph or caption, e.g. "para 5".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
    pub grade: Grade,
}

/// How honestly a record can be placed: where its point comes from. The map draws the levels
/// differently, so nobody reads a county's centre as a factory's location.
///
/// Files may also say `county` ("somewhere in this county"); the reader turns it into [`Seat`]
/// or [`Centre`] by what the county's point is.
///
/// [`Seat`]: LocationPrecision::Seat
/// [`Centre`]: LocationPrecision::Centre
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LocationPrecision {
    /// Coordinates of the site itself, given by a cited source (an imagery analysis, a
    /// source's stated coordinates).
    Exact,
    /// A named town or workers' district a source gives; the point is that town.
    Town,
    /// Somewhere in the county; the point is the county seat, a named town.
    Seat,
    /// Somewhere in the county, no town known; the point is the county's centre (the pole of
    /// inaccessibility of its polygon), not a place on the ground.
    #[serde(alias = "center")]
    Centre,
    /// Somewhere in the province; the point is a label point of the province.
    Province,
    /// Nationwide, no point.
    Country,
}

impl LocationPrecision {
    pub const ALL: [LocationPrecision; 6] = [
        LocationPrecision::Exact,
        LocationPrecision::Town,
        LocationPrecision::Seat,
        LocationPrecision::Centre,
        LocationPrecision::Province,
        LocationPrecision::Country,
    ];

    /// The name files use.
    pub fn code(self) -> &'static str {
        match self {
            LocationPrecision::Exact => "exact",
            LocationPrecision::Town => "town",
            LocationPrecision::Seat => "seat",
            LocationPrecision::Centre => "centre",
            LocationPrecision::Province => "province",
            LocationPrecision::Country => "country",
        }
    }

    /// "Somewhere in this county" for a county: its seat when the seat is a named town,
    /// else its centre.
    pub fn in_county(region: &super::Region) -> Self {
        if region.has_seat_town() {
            LocationPrecision::Seat
        } else {
            LocationPrecision::Centre
        }
    }

    /// The point is a place the record is known to be at (not a stand-in for an area).
    pub fn is_point_on_the_ground(self) -> bool {
        matches!(self, LocationPrecision::Exact | LocationPrecision::Town)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SiteCategory {
    FactoryCluster,
    FoodFactory,
    SeafoodProcessing,
    Hospital,
    ServiceComplex,
    GrainFacility,
    Aquaculture,
    PaperMill,
    ChemicalPlant,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneKind {
    Announced,
    Groundbreaking,
    Inauguration,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    pub kind: MilestoneKind,
    pub date: PartialDate,
    /// The source gives the date only roughly ("around", "the previous day").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
    pub evidence: Vec<Evidence>,
    /// Set for an observation from imagery rather than a claim: what the image shows (e.g.
    /// "foundations and steel frames on the cleared plot"). Its evidence is the image (a
    /// `satellite` source) and its date the image's. A site has at most one claimed milestone
    /// of a kind, and any number of observations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observation: Option<String>,
}

impl Milestone {
    /// An observation from imagery, not a claim from a report.
    pub fn is_observation(&self) -> bool {
        self.observation.is_some()
    }

    /// An observation that something was looked for and not seen (every grade `NF`): it
    /// reaches nothing.
    fn is_negative(&self) -> bool {
        !self.evidence.is_empty() && self.evidence.iter().all(|e| e.grade == Grade::NotFound)
    }
}

/// A competing claim: `field` would be `value` according to `evidence`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dispute {
    /// What is disputed: `province`, `place`, `category`, or a milestone kind (`inauguration`).
    pub field: String,
    pub value: String,
    pub evidence: Vec<Evidence>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Status of a site on a date, derived from its milestones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SiteStatus {
    /// Nothing reported yet on that date.
    NotYet,
    Announced,
    UnderConstruction,
    Completed,
}

impl SiteStatus {
    pub fn label(self) -> &'static str {
        match self {
            SiteStatus::NotYet => "not yet reported",
            SiteStatus::Announced => "announced",
            SiteStatus::UnderConstruction => "under construction",
            SiteStatus::Completed => "completed",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    pub id: String,
    pub name: String,
    pub category: SiteCategory,
    /// What the sources say is made or offered there.
    pub products: Option<String>,
    /// The place as the data file wrote it (any spelling).
    pub place: String,
    /// Resolved county (or province) id.
    pub region_id: Option<String>,
    pub precision: LocationPrecision,
    pub location: Option<Point<f64>>,
    /// The 20x10 year the site belongs to (2024 = year 1), if any.
    pub cohort: Option<i32>,
    pub milestones: Vec<Milestone>,
    /// Evidence for the site itself (that it exists, what it is, where).
    pub evidence: Vec<Evidence>,
    pub disputes: Vec<Dispute>,
    pub notes: Option<String>,
}

impl Site {
    /// The earliest claimed date of a milestone kind (observations from imagery left out).
    pub fn milestone(&self, kind: MilestoneKind) -> Option<&Milestone> {
        self.milestones
            .iter()
            .filter(|m| m.kind == kind && !m.is_observation())
            .min_by_key(|m| m.date)
    }

    /// Observations from imagery, oldest first.
    pub fn observations(&self) -> impl Iterator<Item = &Milestone> {
        let mut v: Vec<&Milestone> = self
            .milestones
            .iter()
            .filter(|m| m.is_observation())
            .collect();
        v.sort_by_key(|m| m.date);
        v.into_iter()
    }

    /// Status on `day` (days since 1970-01-01). A milestone counts from the first day of the
    /// period its date names; an observation from imagery counts as a milestone reached on
    /// the image's date (unless it is graded "looked for, not found").
    pub fn status_on(&self, day: i64) -> SiteStatus {
        let reached = |kind| {
            self.milestones.iter().any(|m| {
                m.kind == kind
                    && !(m.is_observation() && m.is_negative())
                    && m.date.start_day_number() <= day
            })
        };
        if reached(MilestoneKind::Inauguration) {
            SiteStatus::Completed
        } else if reached(MilestoneKind::Groundbreaking) {
            SiteStatus::UnderConstruction
        } else if reached(MilestoneKind::Announced) {
            SiteStatus::Announced
        } else {
            SiteStatus::NotYet
        }
    }

    /// Every source id this site cites, in order of first mention, without repeats.
    pub fn source_ids(&self) -> Vec<&str> {
        let all = self
            .evidence
            .iter()
            .chain(self.milestones.iter().flat_map(|m| m.evidence.iter()))
            .chain(self.disputes.iter().flat_map(|d| d.evidence.iter()));
        unique_sources(all)
    }
}

/// A number of people as the source gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeopleCount {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
    /// The source's own words, e.g. "about two battalions".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wording: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub id: String,
    /// Who is mobilized, e.g. "Musan mine workers".
    pub who: String,
    pub from: String,
    pub from_region: Option<String>,
    pub from_location: Option<Point<f64>>,
    pub to: Vec<String>,
    pub to_regions: Vec<Option<String>>,
    pub to_locations: Vec<Option<Point<f64>>>,
    pub people: Option<PeopleCount>,
    pub shift_months: Option<u32>,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    pub evidence: Vec<Evidence>,
    pub disputes: Vec<Dispute>,
    pub notes: Option<String>,
}

impl Flow {
    /// Active on `day` when it has started and not ended; a flow with no end stays active.
    pub fn active_on(&self, day: i64) -> bool {
        let started = self.start.is_none_or(|s| s.start_day_number() <= day);
        let ended = self
            .end
            .is_some_and(|e| { let (y, m, d) = e.end(); super::date::day_number(y, m, d) } < day);
        started && !ended
    }

    pub fn source_ids(&self) -> Vec<&str> {
        unique_sources(
            self.evidence
                .iter()
                .chain(self.disputes.iter().flat_map(|d| d.evidence.iter())),
        )
    }

    /// "Musan mine workers, 500–600, 3-month shifts".
    pub fn short_label(&self) -> String {
        let mut s = self.who.clone();
        if let Some(p) = &self.people {
            match (p.min, p.max) {
                (Some(a), Some(b)) if a != b => s.push_str(&format!(", {a}–{b}")),
                (Some(a), _) | (None, Some(a)) => s.push_str(&format!(", {a}")),
                _ => {}
            }
        }
        if let Some(m) = self.shift_months {
            s.push_str(&format!(", {m}-month shifts"));
        }
        s
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Policy,
    Organization,
    Recruitment,
    Mobilization,
    Report,
    Photo,
}

/// A dated claim at a place that is neither a site nor a flow: a policy announcement, a new
/// party department, a recruitment drive, a photograph.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub id: String,
    pub kind: EventKind,
    pub title: String,
    pub place: Option<String>,
    pub region_id: Option<String>,
    pub precision: LocationPrecision,
    pub location: Option<Point<f64>>,
    pub date: Option<PartialDate>,
    pub evidence: Vec<Evidence>,
    pub disputes: Vec<Dispute>,
    pub notes: Option<String>,
}

impl Event {
    pub fn source_ids(&self) -> Vec<&str> {
        unique_sources(
            self.evidence
                .iter()
                .chain(self.disputes.iter().flat_map(|d| d.evidence.iter())),
        )
    }
}

fn unique_sources<'a>(evidence: impl Iterator<Item = &'a Evidence>) -> Vec<&'a str> {
    let mut ids: Vec<&str> = Vec::new();
    for e in evidence {
        if !ids.contains(&e.source.as_str()) {
            ids.push(&e.source);
        }
    }
    ids
}

/// Everything loaded from one or more data files.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dataset {
    pub sources: Vec<Source>,
    pub sites: Vec<Site>,
    pub flows: Vec<Flow>,
    pub events: Vec<Event>,
    /// Polygon features without a `record` property, in file order ([`super::Area`]).
    pub areas: Vec<super::Area>,
    /// The placemarks of KML/KMZ files that are not nkmap records ([`super::Placemarks`]).
    pub placemarks: super::Placemarks,
}

impl Dataset {
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    pub fn site(&self, id: &str) -> Option<&Site> {
        self.sites.iter().find(|s| s.id == id)
    }

    pub fn flow(&self, id: &str) -> Option<&Flow> {
        self.flows.iter().find(|f| f.id == id)
    }

    /// Adds another dataset's records after this one's.
    pub fn extend(&mut self, other: Dataset) {
        self.sources.extend(other.sources);
        self.sites.extend(other.sites);
        self.flows.extend(other.flows);
        self.events.extend(other.events);
        self.areas.extend(other.areas);
        self.placemarks.extend(other.placemarks);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev() -> Vec<Evidence> {
        vec![Evidence {
            source: "s".into(),
            locator: None,
            grade: Grade::Confirmed,
        }]
    }

    fn site_with(milestones: &[(MilestoneKind, PartialDate)]) -> Site {
        Site {
            id: "x".into(),
            name: "x".into(),
            category: SiteCategory::FactoryCluster,
            products: None,
            place: "Orang".into(),
            region_id: None,
            precision: LocationPrecision::Seat,
            location: None,
            cohort: Some(2024),
            milestones: milestones
                .iter()
                .map(|(kind, date)| Milestone {
                    kind: *kind,
                    date: *date,
                    approximate: false,
                    evidence: ev(),
                    observation: None,
                })
                .collect(),
            evidence: ev(),
            disputes: vec![],
            notes: None,
        }
    }

    #[test]
    fn status_before_between_and_after_milestones() {
        let site = site_with(&[
            (
                MilestoneKind::Announced,
                PartialDate {
                    year: 2024,
                    month: Some(2),
                    day: None,
                },
            ),
            (MilestoneKind::Groundbreaking, PartialDate::ymd(2024, 3, 7)),
            (MilestoneKind::Inauguration, PartialDate::ymd(2025, 1, 31)),
        ]);
        let day = |y, m, d| PartialDate::ymd(y, m, d).start_day_number();
        assert_eq!(site.status_on(day(2024, 1, 31)), SiteStatus::NotYet);
        assert_eq!(site.status_on(day(2024, 2, 1)), SiteStatus::Announced);
        assert_eq!(site.status_on(day(2024, 3, 6)), SiteStatus::Announced);
        assert_eq!(
            site.status_on(day(2024, 3, 7)),
            SiteStatus::UnderConstruction
        );
        assert_eq!(
            site.status_on(day(2025, 1, 30)),
            SiteStatus::UnderConstruction
        );
        assert_eq!(site.status_on(day(2025, 1, 31)), SiteStatus::Completed);
        assert_eq!(site.status_on(day(2033, 12, 31)), SiteStatus::Completed);
    }

    #[test]
    fn disputed_dates_use_the_earliest_claim() {
        let site = site_with(&[
            (MilestoneKind::Inauguration, PartialDate::ymd(2025, 1, 24)),
            (MilestoneKind::Inauguration, PartialDate::ymd(2025, 1, 23)),
        ]);
        assert_eq!(
            site.milestone(MilestoneKind::Inauguration).map(|m| m.date),
            Some(PartialDate::ymd(2025, 1, 23))
        );
    }
}
