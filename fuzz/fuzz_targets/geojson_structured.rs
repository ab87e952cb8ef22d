//! GeoJSON built from typed pieces: feature collections whose properties use nkmap's own
//! names and plausible values (record kinds, places the gazetteer knows, seed sources, grades,
//! dates, points inside the country), so the fuzzer spends its time in the record checks and
//! the writers' round trip rather than in JSON syntax errors.
#![no_main]

#[path = "common.rs"]
mod common;

use arbitrary::Arbitrary;
use serde_json::{Map, Value, json};

#[derive(Arbitrary, Debug)]
struct Doc {
    features: Vec<Feature>,
}

#[derive(Arbitrary, Debug)]
struct Feature {
    props: Vec<(Key, Val)>,
    geometry: Geom,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Key {
    Record,
    Id,
    Name,
    Title,
    Who,
    Category,
    Kind,
    Products,
    Place,
    From,
    To,
    ToRegionIds,
    RegionId,
    Precision,
    Cohort,
    Date,
    Start,
    End,
    Milestones,
    People,
    ShiftMonths,
    Evidence,
    Disputes,
    Publisher,
    Authors,
    Url,
    DocId,
    Language,
    Note,
    Notes,
}

const KEYS: [&str; 30] = [
    "record",
    "id",
    "name",
    "title",
    "who",
    "category",
    "kind",
    "products",
    "place",
    "from",
    "to",
    "to_region_ids",
    "region_id",
    "precision",
    "cohort",
    "date",
    "start",
    "end",
    "milestones",
    "people",
    "shift_months",
    "evidence",
    "disputes",
    "publisher",
    "authors",
    "url",
    "doc_id",
    "language",
    "note",
    "notes",
];

/// Words the readers give meaning to.
const WORDS: &[&str] = &[
    "source",
    "site",
    "flow",
    "event",
    "factory_cluster",
    "food_factory",
    "hospital",
    "other",
    "state_media",
    "news",
    "satellite",
    "policy",
    "mobilization",
    "photo",
    "exact",
    "town",
    "seat",
    "centre",
    "county",
    "province",
    "country",
    "Songchon",
    "Kusong",
    "Musan",
    "Hyesan",
    "Pyongyang",
    "Kangso, South Pyongan",
    "South Hamgyong",
    "asiapress-2024-02-20x10",
    "kcna-2022-08-13-local-factories",
    "kyodo-2024-02-29",
    "C",
    "C-2",
    "I",
    "K",
    "NF",
    "2024",
    "2024-03",
    "2024-03-07",
    "2025-12-31",
    "announced",
    "groundbreaking",
    "inauguration",
    "en",
    "ko",
    "https://example.org/a",
    "javascript:alert(1)",
    "=HYPERLINK(\"http://evil.example\")",
    "+1",
    "-1",
    "@SUM(A1)",
    "\tx",
    "\rx",
    "'=1",
    "a;b",
    "x@y#C",
    "p \\| q",
    " -- ",
    "조선",
    "",
];

#[derive(Arbitrary, Debug)]
enum Val {
    Word(u8),
    Words(u8, u8),
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Null,
    List(Vec<Val>),
    Evidence(Vec<Ev>),
    Milestones(Vec<(u8, u8, bool, Vec<Ev>)>),
    Disputes(Vec<(u8, u8, Option<u8>, Vec<Ev>)>),
    People(Option<u32>, Option<u32>, Option<u8>),
}

#[derive(Arbitrary, Debug)]
struct Ev {
    source: u8,
    locator: Option<u8>,
    grade: u8,
}

#[derive(Arbitrary, Debug)]
enum Geom {
    Absent,
    Null,
    /// A point inside the country's box, in hundredths of a degree from its corner.
    Point(u16, u16),
    Anywhere(f64, f64),
    Polygon(Vec<(u16, u16)>),
    MultiLine(Vec<Vec<(u16, u16)>>),
    Raw(String),
}

fn word(i: u8) -> &'static str {
    WORDS[usize::from(i) % WORDS.len()]
}

fn ev(e: &Ev) -> Value {
    let mut m = Map::new();
    m.insert("source".into(), json!(word(e.source)));
    if let Some(l) = e.locator {
        m.insert("locator".into(), json!(word(l)));
    }
    m.insert("grade".into(), json!(word(e.grade)));
    Value::Object(m)
}

fn value(v: &Val) -> Value {
    match v {
        Val::Word(i) => json!(word(*i)),
        Val::Words(a, b) => json!(format!("{} {}", word(*a), word(*b))),
        Val::Text(s) => json!(s),
        Val::Int(n) => json!(n),
        Val::Float(x) => json!(x),
        Val::Bool(b) => json!(b),
        Val::Null => Value::Null,
        Val::List(items) => Value::Array(items.iter().map(value).collect()),
        Val::Evidence(items) => Value::Array(items.iter().map(ev).collect()),
        Val::Milestones(items) => Value::Array(
            items
                .iter()
                .map(|(k, d, approx, e)| {
                    json!({"kind": word(*k), "date": word(*d), "approximate": approx,
                           "evidence": e.iter().map(ev).collect::<Vec<_>>()})
                })
                .collect(),
        ),
        Val::Disputes(items) => Value::Array(
            items
                .iter()
                .map(|(f, v, n, e)| {
                    let mut m = Map::new();
                    m.insert("field".into(), json!(word(*f)));
                    m.insert("value".into(), json!(word(*v)));
                    if let Some(n) = n {
                        m.insert("note".into(), json!(word(*n)));
                    }
                    m.insert(
                        "evidence".into(),
                        Value::Array(e.iter().map(ev).collect()),
                    );
                    Value::Object(m)
                })
                .collect(),
        ),
        Val::People(min, max, w) => {
            json!({"min": min, "max": max, "wording": w.map(word)})
        }
    }
}

fn point(x: u16, y: u16) -> Value {
    json!([124.0 + f64::from(x % 700) / 100.0, 37.7 + f64::from(y % 560) / 100.0])
}

fn geometry(g: &Geom) -> Option<Value> {
    Some(match g {
        Geom::Absent => return None,
        Geom::Null => Value::Null,
        Geom::Point(x, y) => json!({"type": "Point", "coordinates": point(*x, *y)}),
        Geom::Anywhere(x, y) => json!({"type": "Point", "coordinates": [x, y]}),
        Geom::Polygon(ring) => {
            let mut pts: Vec<Value> = ring.iter().map(|(x, y)| point(*x, *y)).collect();
            if let Some(first) = pts.first().cloned() {
                pts.push(first);
            }
            json!({"type": "Polygon", "coordinates": [pts]})
        }
        Geom::MultiLine(lines) => json!({"type": "MultiLineString", "coordinates":
            lines.iter().map(|l| l.iter().map(|(x, y)| point(*x, *y)).collect::<Vec<_>>()).collect::<Vec<_>>()}),
        Geom::Raw(s) => json!(s),
    })
}

// The bundled geography is read once, before the clock for slow inputs starts.
libfuzzer_sys::fuzz_target!(init: { common::geography(); }, |doc: Doc| {
    let features: Vec<Value> = doc
        .features
        .iter()
        .map(|f| {
            let mut props = Map::new();
            for (k, v) in &f.props {
                props.insert(KEYS[*k as usize].into(), value(v));
            }
            let mut feature = Map::new();
            feature.insert("type".into(), json!("Feature"));
            feature.insert("properties".into(), Value::Object(props));
            if let Some(g) = geometry(&f.geometry) {
                feature.insert("geometry".into(), g);
            }
            Value::Object(feature)
        })
        .collect();
    let text = json!({"type": "FeatureCollection", "features": features}).to_string();
    common::read_and_round_trip(text.as_bytes(), "fuzz.geojson");
});
