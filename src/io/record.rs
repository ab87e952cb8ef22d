//! Builds model records from feature properties, checking each against docs/data-format.md.
//!
//! CSV rows are turned into the same properties first, so both formats share one set of
//! checks and messages.

use super::diagnostic::alternatives;
use super::regions::type_name;
use crate::gazetteer::{Candidate, Resolution};
use crate::geography::{Geography, off_map};
use crate::model::{
    Dispute, Event, EventKind, Evidence, Flow, Grade, LocationPrecision, Milestone, MilestoneKind,
    PartialDate, PeopleCount, RegionLevel, Site, SiteCategory, Source, SourceKind,
};
use geo_types::Point;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// A feature before checking: from a GeoJSON feature or a CSV row.
#[derive(Debug, Clone)]
pub struct RawRecord {
    pub props: Map<String, Value>,
    /// `None` when the input had no geometry member at all (CSV rows without lon/lat).
    pub geometry: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Source(Source),
    Site(Site),
    Flow(Flow),
    Event(Event),
}

impl Record {
    pub fn id(&self) -> &str {
        match self {
            Record::Source(r) => &r.id,
            Record::Site(r) => &r.id,
            Record::Flow(r) => &r.id,
            Record::Event(r) => &r.id,
        }
    }

    /// Source ids cited (none for a source).
    pub fn cited(&self) -> Vec<&str> {
        match self {
            Record::Source(_) => Vec::new(),
            Record::Site(r) => r.source_ids(),
            Record::Flow(r) => r.source_ids(),
            Record::Event(r) => r.source_ids(),
        }
    }
}

/// Outcome of checking one record: the record when it has no errors, and every problem.
#[derive(Debug, Default)]
pub struct Checked {
    pub record: Option<Record>,
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
}

/// Resolves places through the gazetteer, remembering answers (a large file names the same
/// few counties over and over).
pub struct Places<'g> {
    pub geo: &'g Geography,
    cache: HashMap<String, Resolution>,
}

impl<'g> Places<'g> {
    pub fn new(geo: &'g Geography) -> Self {
        Self {
            geo,
            cache: HashMap::new(),
        }
    }

    fn resolve(&mut self, text: &str) -> Resolution {
        if let Some(r) = self.cache.get(text) {
            return r.clone();
        }
        let r = self.geo.resolve(text);
        self.cache.insert(text.to_string(), r.clone());
        r
    }
}

const COMMON: &[&str] = &[
    "record",
    "id",
    "evidence",
    "disputes",
    "notes",
    "sources",
    "region_id",
];
const SOURCE_PROPS: &[&str] = &[
    "record",
    "id",
    "publisher",
    "title",
    "authors",
    "date",
    "url",
    "doc_id",
    "language",
    "kind",
    "note",
];
const SITE_PROPS: &[&str] = &[
    "name",
    "category",
    "products",
    "place",
    "precision",
    "cohort",
    "milestones",
];
const FLOW_PROPS: &[&str] = &[
    "who",
    "from",
    "to",
    "people",
    "shift_months",
    "start",
    "end",
    "to_region_ids",
];
const EVENT_PROPS: &[&str] = &["kind", "title", "place", "precision", "date"];

pub const DISPUTE_FIELDS: &[&str] = &[
    "province",
    "place",
    "category",
    "people",
    "announced",
    "groundbreaking",
    "inauguration",
];

/// Reads typed properties, collecting a message for each problem.
struct Props<'a> {
    map: &'a Map<String, Value>,
    errors: Vec<String>,
    warnings: Vec<String>,
}

fn is_absent(v: Option<&Value>) -> bool {
    matches!(v, None | Some(Value::Null))
}

impl<'a> Props<'a> {
    fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn string(&mut self, key: &str, required: bool) -> Option<String> {
        match self.get(key) {
            Some(Value::String(s)) if s.trim().is_empty() && required => {
                self.errors
                    .push(crate::t!("diag-property-empty", key = key));
                None
            }
            // Surrounding spaces are not part of a value, and an empty optional value is no
            // value: so GeoJSON and CSV (whose cells are trimmed) give the same record.
            Some(Value::String(s)) => {
                Some(s.trim().to_owned()).filter(|s| !s.is_empty() || required)
            }
            Some(other) => {
                self.errors.push(crate::t!(
                    "diag-property-should-be",
                    key = key,
                    expected = crate::t!("diag-type-string"),
                    found = type_name(other)
                ));
                None
            }
            None => {
                if required {
                    self.errors
                        .push(crate::t!("diag-property-missing", key = key));
                }
                None
            }
        }
    }

    fn date(&mut self, key: &str) -> Option<PartialDate> {
        let s = self.string(key, false)?;
        match PartialDate::parse(&s) {
            Ok(d) => Some(d),
            Err(e) => {
                self.errors.push(crate::t!(
                    "diag-property-problem",
                    key = key,
                    problem = e.to_string()
                ));
                None
            }
        }
    }

    fn enumeration<T: DeserializeOwned>(&mut self, key: &str, allowed: &str) -> Option<T> {
        let v = self.get(key)?;
        parse_enum(v, key, allowed)
            .map_err(|e| self.errors.push(e))
            .ok()
    }

    fn required_enum<T: DeserializeOwned>(&mut self, key: &str, allowed: &str) -> Option<T> {
        if self.get(key).is_none() {
            self.errors.push(crate::t!(
                "diag-property-missing-allowed",
                key = key,
                allowed = alternatives(allowed)
            ));
            return None;
        }
        self.enumeration(key, allowed)
    }

    fn integer(&mut self, key: &str, min: i64, max: i64) -> Option<i64> {
        let v = self.get(key)?;
        match v.as_i64() {
            Some(n) if (min..=max).contains(&n) => Some(n),
            Some(n) => {
                self.errors.push(crate::t!(
                    "diag-property-out-of-range",
                    key = key,
                    value = n.to_string(),
                    min = min.to_string(),
                    max = max.to_string()
                ));
                None
            }
            None => {
                self.errors.push(crate::t!(
                    "diag-property-should-be",
                    key = key,
                    expected = crate::t!("diag-type-integer"),
                    found = if v.is_number() {
                        crate::t!("diag-type-fraction")
                    } else {
                        type_name(v)
                    }
                ));
                None
            }
        }
    }

    fn strings(&mut self, key: &str) -> Vec<String> {
        match self.get(key) {
            None => Vec::new(),
            Some(Value::Array(items)) => {
                let mut out = Vec::new();
                for (i, v) in items.iter().enumerate() {
                    match v {
                        // As CSV lists: items trimmed; an empty author is no author.
                        Value::String(s) if key == "authors" && s.trim().is_empty() => {}
                        Value::String(s) => out.push(s.trim().to_owned()),
                        other => self.errors.push(crate::t!(
                            "diag-property-should-be",
                            key = format!("{key}[{i}]"),
                            expected = crate::t!("diag-type-string"),
                            found = type_name(other)
                        )),
                    }
                }
                out
            }
            Some(other) => {
                self.errors.push(crate::t!(
                    "diag-property-should-be",
                    key = key,
                    expected = crate::t!("diag-type-strings"),
                    found = type_name(other)
                ));
                Vec::new()
            }
        }
    }

    fn evidence_list(&mut self, key: &str, v: Option<&Value>) -> Vec<Evidence> {
        let Some(v) = v.filter(|v| !v.is_null()) else {
            return Vec::new();
        };
        let Some(items) = v.as_array() else {
            self.errors.push(crate::t!(
                "diag-property-should-be",
                key = key,
                expected = crate::t!("diag-type-evidence-array"),
                found = type_name(v)
            ));
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("{key}[{i}]");
            let Some(obj) = item.as_object() else {
                self.errors.push(crate::t!(
                    "diag-property-should-be",
                    key = &path,
                    expected = crate::t!(
                        "diag-type-evidence-object",
                        shape = r#"{"source", "locator", "grade"}"#
                    ),
                    found = type_name(item)
                ));
                continue;
            };
            let source = match obj.get("source") {
                Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
                Some(other) if !other.is_null() && !other.is_string() => {
                    self.errors.push(crate::t!(
                        "diag-property-should-be",
                        key = format!("{path}.source"),
                        expected = crate::t!("diag-type-string"),
                        found = type_name(other)
                    ));
                    None
                }
                _ => {
                    self.errors.push(crate::t!(
                        "diag-property-missing",
                        key = format!("{path}.source")
                    ));
                    None
                }
            };
            let locator = match obj.get("locator") {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) => Some(s.trim().to_owned()),
                Some(other) => {
                    self.errors.push(crate::t!(
                        "diag-property-should-be",
                        key = format!("{path}.locator"),
                        expected = crate::t!("diag-type-string"),
                        found = type_name(other)
                    ));
                    None
                }
            };
            let grade = match obj.get("grade") {
                None | Some(Value::Null) => {
                    self.errors.push(crate::t!(
                        "diag-property-missing-allowed",
                        key = format!("{path}.grade"),
                        allowed = alternatives("C-2, C, I, K or NF")
                    ));
                    None
                }
                Some(g) => parse_enum::<Grade>(g, &format!("{path}.grade"), "C-2, C, I, K or NF")
                    .map_err(|e| self.errors.push(e))
                    .ok(),
            };
            if let (Some(source), Some(grade)) = (source, grade) {
                out.push(Evidence {
                    source,
                    locator,
                    grade,
                });
            }
        }
        out
    }

    fn disputes(&mut self) -> Vec<Dispute> {
        let Some(v) = self.get("disputes") else {
            return Vec::new();
        };
        let Some(items) = v.as_array() else {
            self.errors.push(crate::t!(
                "diag-property-should-be",
                key = "disputes",
                expected = crate::t!("diag-type-array"),
                found = type_name(v)
            ));
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("disputes[{i}]");
            let Some(obj) = item.as_object() else {
                self.errors.push(crate::t!(
                    "diag-property-should-be",
                    key = &path,
                    expected = crate::t!("diag-type-object"),
                    found = type_name(item)
                ));
                continue;
            };
            let mut text = |k: &str, required: bool| match obj.get(k) {
                Some(Value::String(s)) => Some(s.trim().to_owned()),
                None | Some(Value::Null) => {
                    if required {
                        self.errors.push(crate::t!(
                            "diag-property-missing",
                            key = format!("{path}.{k}")
                        ));
                    }
                    None
                }
                Some(other) => {
                    self.errors.push(crate::t!(
                        "diag-property-should-be",
                        key = format!("{path}.{k}"),
                        expected = crate::t!("diag-type-string"),
                        found = type_name(other)
                    ));
                    None
                }
            };
            let field = text("field", true);
            let value = text("value", true);
            let note = text("note", false).filter(|n| !n.is_empty());
            let evidence = self.evidence_list(&format!("{path}.evidence"), obj.get("evidence"));
            if let Some(f) = &field
                && !DISPUTE_FIELDS.contains(&f.as_str())
            {
                self.warnings.push(format!(
                    "'{path}.field' is '{f}', expected one of {}",
                    DISPUTE_FIELDS.join(", ")
                ));
            }
            if let (Some(field), Some(value)) = (field, value) {
                out.push(Dispute {
                    field,
                    value,
                    evidence,
                    note,
                });
            }
        }
        out
    }

    fn milestones(&mut self) -> Vec<Milestone> {
        let Some(v) = self.get("milestones") else {
            return Vec::new();
        };
        let Some(items) = v.as_array() else {
            self.errors.push(crate::t!(
                "diag-property-should-be",
                key = "milestones",
                expected = crate::t!("diag-type-array"),
                found = type_name(v)
            ));
            return Vec::new();
        };
        let mut out: Vec<Milestone> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("milestones[{i}]");
            let Some(obj) = item.as_object() else {
                self.errors.push(crate::t!(
                    "diag-property-should-be",
                    key = &path,
                    expected = crate::t!("diag-type-object"),
                    found = type_name(item)
                ));
                continue;
            };
            let kind: Option<MilestoneKind> = match obj.get("kind") {
                None | Some(Value::Null) => {
                    self.errors.push(crate::t!(
                        "diag-property-missing",
                        key = format!("{path}.kind")
                    ));
                    None
                }
                Some(k) => parse_enum(
                    k,
                    &format!("{path}.kind"),
                    "announced, groundbreaking or inauguration",
                )
                .map_err(|e| self.errors.push(e))
                .ok(),
            };
            let date = match obj.get("date") {
                Some(Value::String(s)) => PartialDate::parse(s)
                    .map_err(|e| {
                        self.errors.push(crate::t!(
                            "diag-property-problem",
                            key = format!("{path}.date"),
                            problem = e.to_string()
                        ))
                    })
                    .ok(),
                None | Some(Value::Null) => {
                    self.errors.push(crate::t!(
                        "diag-property-missing",
                        key = format!("{path}.date")
                    ));
                    None
                }
                Some(other) => {
                    self.errors.push(crate::t!(
                        "diag-property-should-be",
                        key = format!("{path}.date"),
                        expected = crate::t!("diag-type-string"),
                        found = type_name(other)
                    ));
                    None
                }
            };
            let approximate = match obj.get("approximate") {
                None | Some(Value::Null) => false,
                Some(Value::Bool(b)) => *b,
                Some(other) => {
                    self.errors.push(crate::t!(
                        "diag-property-should-be",
                        key = format!("{path}.approximate"),
                        expected = crate::t!("diag-type-boolean"),
                        found = type_name(other)
                    ));
                    false
                }
            };
            let evidence = self.evidence_list(&format!("{path}.evidence"), obj.get("evidence"));
            let observation = match obj.get("observation") {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) => Some(s.clone()),
                Some(other) => {
                    self.errors.push(crate::t!(
                        "diag-property-should-be",
                        key = format!("{path}.observation"),
                        expected = crate::t!("diag-type-string"),
                        found = type_name(other)
                    ));
                    None
                }
            };
            if let (Some(kind), Some(date)) = (kind, date) {
                if evidence.is_empty() && is_absent(obj.get("evidence")) {
                    self.warnings.push(crate::t!(
                        "diag-milestone-no-evidence",
                        kind = milestone_name(kind)
                    ));
                }
                // Observations from imagery may repeat a kind (the same works seen on several
                // dates); claims may not.
                if observation.is_none()
                    && out.iter().any(|m| m.kind == kind && !m.is_observation())
                {
                    self.errors.push(crate::t!(
                        "diag-milestone-twice",
                        kind = milestone_name(kind)
                    ));
                    continue;
                }
                out.push(Milestone {
                    kind,
                    date,
                    approximate,
                    evidence,
                    observation,
                });
            }
        }
        // announced ≤ groundbreaking ≤ inauguration; imprecise dates only clash when their
        // periods cannot overlap ("2024" does not contradict "2024-03-07").
        for a in out.iter().filter(|m| !m.is_observation()) {
            for b in out.iter().filter(|m| !m.is_observation()) {
                if a.kind < b.kind {
                    let (y, m, d) = b.date.end();
                    if a.date.start_day_number() > PartialDate::ymd(y, m, d).start_day_number() {
                        self.errors.push(crate::t!(
                            "diag-milestones-out-of-order",
                            first = milestone_name(a.kind),
                            first_date = a.date.to_string(),
                            second = milestone_name(b.kind),
                            second_date = b.date.to_string()
                        ));
                    }
                }
            }
        }
        out
    }

    fn unknown(&mut self, known: &[&[&str]]) {
        for key in self.map.keys() {
            if !known.iter().any(|list| list.contains(&key.as_str())) {
                self.warnings
                    .push(crate::t!("diag-unknown-property", key = key.as_str()));
            }
        }
    }
}

pub fn milestone_name(k: MilestoneKind) -> &'static str {
    match k {
        MilestoneKind::Announced => "announced",
        MilestoneKind::Groundbreaking => "groundbreaking",
        MilestoneKind::Inauguration => "inauguration",
    }
}

/// The value of property `key` as one of an enum's words, or the message that says why not.
fn parse_enum<T: DeserializeOwned>(v: &Value, key: &str, allowed: &str) -> Result<T, String> {
    match v {
        Value::String(s) => serde_json::from_value(Value::String(s.clone())).map_err(|_| {
            crate::t!(
                "diag-property-not-allowed",
                key = key,
                value = s,
                allowed = alternatives(allowed)
            )
        }),
        other => Err(crate::t!(
            "diag-property-should-be",
            key = key,
            expected = crate::t!("diag-type-string-allowed", allowed = alternatives(allowed)),
            found = type_name(other)
        )),
    }
}

/// Longest text nkmap takes in one value: about 30 pages, far more than any name, title or
/// note needs, and small enough that showing it never stalls the window.
pub const MAX_TEXT_BYTES: usize = 100_000;

/// The error for the first text in `props` (at any depth) longer than [`MAX_TEXT_BYTES`].
pub fn overlong_text<'a>(
    props: impl IntoIterator<Item = (&'a String, &'a Value)>,
) -> Option<String> {
    fn longest(v: &Value) -> usize {
        match v {
            Value::String(s) => s.len(),
            Value::Array(items) => items.iter().map(longest).max().unwrap_or(0),
            Value::Object(m) => m
                .iter()
                .map(|(k, v)| k.len().max(longest(v)))
                .max()
                .unwrap_or(0),
            _ => 0,
        }
    }
    props.into_iter().find_map(|(k, v)| {
        let n = k.len().max(longest(v));
        (n > MAX_TEXT_BYTES).then(|| {
            crate::t!(
                "harden-text-too-long",
                key = k.chars().take(40).collect::<String>(),
                bytes = crate::i18n::format_count(n as u64),
                max = crate::i18n::format_count(MAX_TEXT_BYTES as u64)
            )
        })
    })
}

/// Whether the details panel may open `url` as a link: `http://` or `https://` and nothing
/// that could hide where it goes (spaces, control characters). Other schemes (`file:`,
/// `smb:`, `javascript:`, …) can run programs or reach local files, so they stay text.
pub fn is_web_link(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

const PRECISIONS: &str = "exact, town, seat, centre, county, province or country";

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn list_candidates(c: &[Candidate]) -> String {
    let names: Vec<String> = c.iter().map(|c| c.to_string()).collect();
    names.join(&crate::t!("diag-or"))
}

/// Checks one raw record. `which` is its id if it has one (for messages elsewhere).
pub fn check(raw: &RawRecord, places: &mut Places<'_>) -> Checked {
    let mut p = Props {
        map: &raw.props,
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    if let Some(e) = overlong_text(&raw.props) {
        p.errors.push(e);
        return finish(p, None);
    }
    let record_type = p.string("record", true);
    let id = p.string("id", true);
    if let Some(id) = &id
        && !is_valid_id(id)
    {
        p.errors.push(crate::t!("diag-bad-id", id = id));
    }
    let Some(record_type) = record_type else {
        return finish(p, None);
    };
    let geometry = &raw.geometry;
    let id = id.unwrap_or_default();
    let record = match record_type.as_str() {
        "source" => source(&mut p, id, geometry),
        "site" => site(&mut p, id, geometry, places),
        "flow" => flow(&mut p, id, geometry, places),
        "event" => event(&mut p, id, geometry, places),
        other => {
            p.errors.push(crate::t!(
                "diag-property-not-allowed",
                key = "record",
                value = other,
                allowed = alternatives("source, site, flow or event")
            ));
            None
        }
    };
    finish(p, record)
}

fn finish(p: Props<'_>, record: Option<Record>) -> Checked {
    let ok = p.errors.is_empty();
    Checked {
        record: if ok { record } else { None },
        errors: p.errors,
        warnings: p.warnings,
    }
}

fn geometry_type(g: &Value) -> Option<&str> {
    if g.is_null() {
        return None;
    }
    Some(
        g.get("type")
            .and_then(Value::as_str)
            // Empty: no type; [`type_word`] says so in the message's language.
            .unwrap_or(""),
    )
}

/// A geometry's type for a message: the type, or words saying it has none.
fn type_word(t: &str) -> String {
    if t.is_empty() {
        crate::t!("diag-geometry-without-type")
    } else {
        t.to_owned()
    }
}

fn source(p: &mut Props<'_>, id: String, geometry: &Value) -> Option<Record> {
    p.unknown(&[SOURCE_PROPS, &["sources"]]);
    if let Some(t) = geometry_type(geometry) {
        p.errors
            .push(crate::t!("diag-source-geometry", kind = type_word(t)));
    }
    let publisher = p.string("publisher", true);
    let title = p.string("title", true);
    let authors = p.strings("authors");
    let date = p.date("date");
    let url = p.string("url", false);
    if let Some(u) = url.as_deref().filter(|u| !is_web_link(u)) {
        p.warnings.push(crate::t!("harden-link-not-web", url = u));
    }
    let doc_id = p.string("doc_id", false);
    if url.is_none() && doc_id.is_none() {
        p.warnings.push(crate::t!("diag-source-no-link"));
    }
    let language = p.string("language", true);
    let kind: Option<SourceKind> = p.required_enum(
        "kind",
        "inside_source, state_media, satellite, news, analysis or reference",
    );
    let note = p.string("note", false);
    Some(Record::Source(Source {
        id,
        publisher: publisher?,
        title: title?,
        authors,
        date,
        url,
        doc_id,
        language: language?,
        kind: kind?,
        note,
    }))
}

/// The evidence the record itself must have.
fn record_evidence(p: &mut Props<'_>) -> Vec<Evidence> {
    let v = p.get("evidence");
    let ev = p.evidence_list("evidence", v);
    if ev.is_empty() && p.errors.iter().all(|e| !e.contains("'evidence")) {
        p.errors.push(crate::t!(
            "diag-no-evidence",
            shape = r#"{"source", "grade"}"#
        ));
    }
    ev
}

/// A place resolved to one region, or an error message for the property `key`.
fn place(
    p: &mut Props<'_>,
    key: &str,
    text: &str,
    given: Option<&str>,
    places: &mut Places<'_>,
) -> Option<String> {
    let renamed = given.and_then(|g| places.geo.renamed(g).map(|r| (g, r)));
    if let Some((old, r)) = renamed {
        p.warnings.push(crate::t!(
            "diag-region-renamed",
            old = old,
            new = r.id.as_str(),
            name = r.names.en.as_str(),
            province = places
                .geo
                .region(&r.province)
                .map_or(r.province.as_str(), |p| p.names.en.as_str())
        ));
    }
    let given = renamed
        .map(|(_, r)| r.id.as_str())
        .or(given)
        .filter(|g| places.geo.region(g).is_some());
    match places.resolve(text) {
        Resolution::Unique { id, score } => {
            if let Some(g) = given
                && g != id
            {
                p.errors.push(crate::t!(
                    "diag-place-contradicts-region-id",
                    key = key,
                    text = text,
                    place = places.geo.gazetteer.label(&id),
                    given = g
                ));
                return None;
            }
            if score < 0.9 {
                p.warnings.push(crate::t!(
                    "diag-place-typo",
                    key = key,
                    text = text,
                    place = places.geo.gazetteer.label(&id),
                    id = &id
                ));
            }
            Some(id)
        }
        Resolution::Ambiguous(c) => {
            if let Some(g) = given
                && c.iter().any(|c| c.id == g)
            {
                return Some(g.to_string());
            }
            let example = c
                .first()
                .and_then(|c| places.geo.province_of(&c.id))
                .map(|prov| {
                    crate::t!(
                        "diag-place-example",
                        example = format!("{text}, {}", prov.names.en)
                    )
                })
                .unwrap_or_default();
            p.errors.push(crate::t!(
                "diag-place-ambiguous",
                key = key,
                text = text,
                candidates = list_candidates(&c),
                example = example
            ));
            None
        }
        Resolution::NotFound { suggestions } => {
            if let Some(g) = given {
                p.warnings.push(crate::t!(
                    "diag-place-unknown-using-id",
                    key = key,
                    text = text,
                    given = g
                ));
                return Some(g.to_string());
            }
            let hint = if suggestions.is_empty() {
                String::new()
            } else {
                let names: Vec<String> =
                    suggestions.iter().take(3).map(|c| c.to_string()).collect();
                crate::t!("diag-place-did-you-mean", names = names.join(", "))
            };
            p.errors.push(crate::t!(
                "diag-place-unknown",
                key = key,
                text = text,
                hint = hint
            ));
            None
        }
    }
}

/// A point geometry (or none), checked for range.
fn point_geometry(p: &mut Props<'_>, geometry: &Value, record: &str) -> Option<Point<f64>> {
    match geometry_type(geometry) {
        None => None,
        Some("Point") => {
            let coords = geometry.get("coordinates").unwrap_or(&Value::Null);
            match super::regions::point(coords) {
                Ok(pt) => {
                    if let Some(why) = off_map(pt.x(), pt.y()) {
                        p.errors.push(why);
                        None
                    } else {
                        Some(pt)
                    }
                }
                Err(e) => {
                    p.errors.push(crate::t!("diag-geometry", problem = e));
                    None
                }
            }
        }
        Some(t) => {
            p.errors.push(crate::t!(
                "diag-wrong-geometry-point",
                record = record,
                kind = type_word(t)
            ));

            None
        }
    }
}

/// Where to draw a point record, and a warning when its point is not in its region.
fn locate(
    p: &mut Props<'_>,
    point: Option<Point<f64>>,
    region: Option<&str>,
    precision: Option<LocationPrecision>,
    geo: &Geography,
) -> Option<Point<f64>> {
    let region = region.and_then(|r| geo.region(r));
    if let Some(pt) = point {
        if let Some(r) = region
            && geo.contains(&r.id, pt) == Some(false)
        {
            p.warnings.push(crate::t!(
                "diag-point-outside",
                point = format!("[{}, {}]", pt.x(), pt.y()),
                place = geo.gazetteer.label(&r.id),
                id = r.id.as_str()
            ));
        }
        return Some(pt);
    }
    let r = region?;
    match precision {
        Some(LocationPrecision::Country) | None => None,
        Some(pr) => {
            if pr.is_point_on_the_ground() {
                p.warnings.push(crate::t!(
                    "diag-precision-no-geometry",
                    precision = pr.code(),
                    place = geo.gazetteer.label(&r.id)
                ));
            }
            Some(r.seat)
        }
    }
}

/// `precision` as a file may write it: the model's levels, or `county` ("somewhere in this
/// county"), which becomes `seat` or `centre` by what the county's point is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
enum PrecisionInput {
    Exact,
    Town,
    Seat,
    #[serde(alias = "center")]
    Centre,
    County,
    Province,
    Country,
}

/// The model's precision for what the file wrote, now that the region is known: `county`
/// resolves to the county's kind of point; `seat` where the county has no seat town is
/// corrected to `centre` with a warning (the point would be a polygon's centre, not a town).
fn resolve_precision(
    p: &mut Props<'_>,
    input: Option<PrecisionInput>,
    region: Option<&str>,
    geo: &Geography,
) -> Option<LocationPrecision> {
    let county = region
        .and_then(|r| geo.region(r))
        .filter(|r| r.level == RegionLevel::County);
    Some(match input? {
        PrecisionInput::Exact => LocationPrecision::Exact,
        PrecisionInput::Town => LocationPrecision::Town,
        PrecisionInput::Province => LocationPrecision::Province,
        PrecisionInput::Country => LocationPrecision::Country,
        PrecisionInput::Centre => LocationPrecision::Centre,
        PrecisionInput::County => {
            county.map_or(LocationPrecision::Centre, LocationPrecision::in_county)
        }
        PrecisionInput::Seat => match county {
            Some(c) if !c.has_seat_town() => {
                p.warnings.push(crate::t!(
                    "diag-precision-no-seat-town",
                    place = geo.gazetteer.label(&c.id)
                ));
                LocationPrecision::Centre
            }
            _ => LocationPrecision::Seat,
        },
    })
}

fn check_precision_level(
    p: &mut Props<'_>,
    precision: Option<LocationPrecision>,
    region: Option<&str>,
    geo: &Geography,
) {
    let (Some(pr), Some(r)) = (precision, region.and_then(|r| geo.region(r))) else {
        return;
    };
    let finer = !matches!(pr, LocationPrecision::Province | LocationPrecision::Country);
    if finer && r.level == RegionLevel::Province {
        p.warnings.push(crate::t!(
            "diag-precision-province",
            precision = pr.code(),
            province = r.names.en.as_str()
        ));
    }
}

fn site(
    p: &mut Props<'_>,
    id: String,
    geometry: &Value,
    places: &mut Places<'_>,
) -> Option<Record> {
    p.unknown(&[COMMON, SITE_PROPS]);
    let name = p.string("name", true);
    let category: Option<SiteCategory> = p.required_enum(
        "category",
        "factory_cluster, food_factory, seafood_processing, hospital, service_complex, \
         grain_facility, aquaculture, paper_mill, chemical_plant or other",
    );
    let products = p.string("products", false);
    let place_text = p.string("place", true);
    let precision: Option<PrecisionInput> = p.required_enum("precision", PRECISIONS);
    let cohort = p.integer("cohort", 2024, 2100);
    let milestones = p.milestones();
    let evidence = record_evidence(p);
    let disputes = p.disputes();
    let notes = p.string("notes", false);
    let given = p.string("region_id", false);
    let point = point_geometry(p, geometry, "site");
    let region_id = match &place_text {
        Some(t) => place(p, "place", t, given.as_deref(), places),
        None => None,
    };
    let precision = resolve_precision(p, precision, region_id.as_deref(), places.geo);
    check_precision_level(p, precision, region_id.as_deref(), places.geo);
    let location = locate(p, point, region_id.as_deref(), precision, places.geo);
    Some(Record::Site(Site {
        id,
        name: name?,
        category: category?,
        products,
        place: place_text?,
        region_id: Some(region_id?),
        precision: precision?,
        location,
        cohort: cohort.map(|c| c as i32),
        milestones,
        evidence,
        disputes,
        notes,
    }))
}

fn event(
    p: &mut Props<'_>,
    id: String,
    geometry: &Value,
    places: &mut Places<'_>,
) -> Option<Record> {
    p.unknown(&[COMMON, EVENT_PROPS]);
    let kind: Option<EventKind> = p.required_enum(
        "kind",
        "policy, organization, recruitment, mobilization, report or photo",
    );
    let title = p.string("title", true);
    let place_text = p.string("place", false);
    let precision: Option<PrecisionInput> = p.required_enum("precision", PRECISIONS);
    let date = p.date("date");
    let evidence = record_evidence(p);
    let disputes = p.disputes();
    let notes = p.string("notes", false);
    let given = p.string("region_id", false);
    let point = point_geometry(p, geometry, "event");
    let region_id = match &place_text {
        Some(t) => place(p, "place", t, given.as_deref(), places),
        None => {
            if precision.is_some_and(|pr| pr != PrecisionInput::Country) {
                p.errors.push(crate::t!("diag-event-no-place"));
            }
            None
        }
    };
    if place_text.is_some() && region_id.is_none() {
        return None;
    }
    let precision = resolve_precision(p, precision, region_id.as_deref(), places.geo);
    check_precision_level(p, precision, region_id.as_deref(), places.geo);
    let location = locate(p, point, region_id.as_deref(), precision, places.geo);
    Some(Record::Event(Event {
        id,
        kind: kind?,
        title: title?,
        place: place_text,
        region_id,
        precision: precision?,
        location,
        date,
        evidence,
        disputes,
        notes,
    }))
}

fn flow(
    p: &mut Props<'_>,
    id: String,
    geometry: &Value,
    places: &mut Places<'_>,
) -> Option<Record> {
    p.unknown(&[COMMON, FLOW_PROPS]);
    let who = p.string("who", true);
    let from = p.string("from", true);
    let to = p.strings("to");
    if to.is_empty() && p.errors.iter().all(|e| !e.contains("'to")) {
        p.errors.push(crate::t!("diag-flow-no-to"));
    }
    let people = match p.get("people") {
        None => None,
        Some(Value::Object(obj)) => {
            let mut num = |k: &str| match obj.get(k) {
                None | Some(Value::Null) => None,
                Some(v) => match v.as_u64().and_then(|n| u32::try_from(n).ok()) {
                    Some(n) => Some(n),
                    None => {
                        p.errors.push(crate::t!(
                            "diag-property-should-be",
                            key = format!("people.{k}"),
                            expected = crate::t!("diag-type-whole"),
                            found = type_name(v)
                        ));
                        None
                    }
                },
            };
            let min = num("min");
            let max = num("max");
            let wording = match obj.get("wording") {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) => Some(s.trim().to_owned()).filter(|w| !w.is_empty()),
                Some(other) => {
                    p.errors.push(crate::t!(
                        "diag-property-should-be",
                        key = "people.wording",
                        expected = crate::t!("diag-type-string"),
                        found = type_name(other)
                    ));
                    None
                }
            };
            if let (Some(a), Some(b)) = (min, max)
                && a > b
            {
                p.errors.push(crate::t!(
                    "diag-people-min-max",
                    min = a.to_string(),
                    max = b.to_string()
                ));
            }
            // Nothing said about people is no count (CSV cannot tell the two apart).
            (min.is_some() || max.is_some() || wording.is_some()).then_some(PeopleCount {
                min,
                max,
                wording,
            })
        }
        Some(other) => {
            p.errors.push(crate::t!(
                "diag-property-should-be",
                key = "people",
                expected = crate::t!(
                    "diag-type-people-object",
                    shape = r#"{"min", "max", "wording"}"#
                ),
                found = type_name(other)
            ));
            None
        }
    };
    let shift_months = p.integer("shift_months", 1, 120).map(|n| n as u32);
    let start = p.date("start");
    let end = p.date("end");
    if let (Some(s), Some(e)) = (start, end)
        && s.start() > e.end()
    {
        p.errors.push(crate::t!(
            "diag-start-after-end",
            start = s.to_string(),
            end = e.to_string()
        ));
    }
    let evidence = record_evidence(p);
    let disputes = p.disputes();
    let notes = p.string("notes", false);
    let given_from = p.string("region_id", false);
    let given_to = p.strings("to_region_ids");

    let from_region = match &from {
        Some(t) => place(p, "from", t, given_from.as_deref(), places),
        None => None,
    };
    let mut to_regions = Vec::new();
    for (i, t) in to.iter().enumerate() {
        let r = place(
            p,
            &format!("to[{i}]"),
            t,
            given_to.get(i).map(String::as_str),
            places,
        );
        if let (Some(r), Some(f)) = (&r, &from_region)
            && r == f
        {
            p.errors.push(crate::t!(
                "diag-flow-to-itself",
                place = places.geo.gazetteer.label(f),
                index = i.to_string(),
                text = t.as_str()
            ));
        }
        to_regions.push(r);
    }

    // Geometry: one line per destination, origin first.
    let mut from_location = from_region
        .as_deref()
        .and_then(|r| places.geo.region(r))
        .map(|r| r.seat);
    let mut to_locations: Vec<Option<Point<f64>>> = to_regions
        .iter()
        .map(|r| {
            r.as_deref()
                .and_then(|r| places.geo.region(r))
                .map(|r| r.seat)
        })
        .collect();
    match geometry_type(geometry) {
        None => {}
        Some("MultiLineString") => {
            let lines = geometry
                .get("coordinates")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            if lines.len() != to.len() {
                p.errors.push(crate::t!(
                    "diag-flow-line-count",
                    lines = lines.len(),
                    places = to.len()
                ));
            }
            for (i, line) in lines.iter().enumerate() {
                let pts = match line.as_array() {
                    Some(pts) if pts.len() >= 2 => pts,
                    _ => {
                        p.errors
                            .push(crate::t!("diag-flow-line-short", index = i.to_string()));
                        continue;
                    }
                };
                let mut coords = Vec::new();
                for pt in pts {
                    match super::regions::point(pt) {
                        Ok(c) => match off_map(c.x(), c.y()) {
                            Some(why) => p.errors.push(crate::t!(
                                "diag-flow-line",
                                index = i.to_string(),
                                problem = why
                            )),
                            None => coords.push(c),
                        },
                        Err(e) => p.errors.push(crate::t!(
                            "diag-flow-line",
                            index = i.to_string(),
                            problem = e
                        )),
                    }
                }
                if coords.len() == pts.len() {
                    if i == 0 {
                        from_location = coords.first().copied();
                    }
                    if let Some(slot) = to_locations.get_mut(i) {
                        *slot = coords.last().copied();
                    }
                }
            }
        }
        Some(t) => p
            .errors
            .push(crate::t!("diag-wrong-geometry-flow", kind = type_word(t))),
    }
    Some(Record::Flow(Flow {
        id,
        who: who?,
        from: from?,
        from_region: Some(from_region?),
        from_location,
        to,
        to_regions,
        to_locations,
        people,
        shift_months,
        start,
        end,
        evidence,
        disputes,
        notes,
    }))
}
