//! Property tests: what the writers produce reads back identical (GeoJSON and CSV), the
//! readers never panic on arbitrary bytes, and undo/redo give back exactly the datasets the
//! user had. Case counts are kept small enough that each property takes a few seconds.

use nkmap::geography::Geography;
use nkmap::model::Dataset;
use proptest::prelude::*;
use serde_json::{Value, json};
use std::sync::OnceLock;

fn geo() -> &'static Geography {
    static GEO: OnceLock<Geography> = OnceLock::new();
    GEO.get_or_init(|| nkmap::bundled::geography().unwrap_or_else(|e| panic!("{e}")))
}

fn read(bytes: &[u8], label: &str) -> (Dataset, Vec<nkmap::io::Diagnostic>) {
    nkmap::io::read_dataset(bytes, label, geo(), nkmap::bundled::seed_sources())
}

/// Text with everything the two formats must carry: CSV's and the list syntax's separators,
/// spreadsheet formula characters, quotes, the dispute note marker, line breaks, Hangul.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::char::range('a', 'z').prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
        1 => prop::sample::select(vec![
            "=", "+", "-", "@", "'", "\"", ",", ";", "#", "|", "\\", " -- ", "--", " ", "\n",
            "\r\n", "\t", "~", "조선", "Kusong", "=HYPERLINK(\"http://evil.example\")",
        ])
        .prop_map(String::from),
    ];
    prop::collection::vec(piece, 1..10).prop_map(|v| v.concat())
}

/// [`text`] as the reader keeps it: no surrounding spaces, not empty.
fn value() -> impl Strategy<Value = String> {
    text().prop_map(|t| {
        let t = t.trim();
        if t.is_empty() {
            "x".to_owned()
        } else {
            t.to_owned()
        }
    })
}

/// Counties the gazetteer resolves on their own.
const PLACES: [&str; 6] = ["Kusong", "Songchon", "Sukchon", "Orang", "Musan", "Hyesan"];
const SEED_SOURCE: &str = "asiapress-2024-02-20x10";

fn date() -> impl Strategy<Value = String> {
    (
        2019..2031i32,
        prop::option::of((1..13u8, prop::option::of(1..29u8))),
    )
        .prop_map(|(y, md)| match md {
            None => format!("{y}"),
            Some((m, None)) => format!("{y}-{m:02}"),
            Some((m, Some(d))) => format!("{y}-{m:02}-{d:02}"),
        })
}

fn evidence(sources: usize) -> impl Strategy<Value = Value> {
    (
        0..=sources,
        prop::option::of(value()),
        prop::sample::select(vec!["C-2", "C", "I", "K", "NF"]),
    )
        .prop_map(|(i, locator, grade)| {
            let source = if i == 0 {
                SEED_SOURCE.to_owned()
            } else {
                format!("src-{i}")
            };
            let mut e = json!({"source": source, "grade": grade});
            if let Some(l) = locator {
                e["locator"] = json!(l);
            }
            e
        })
}

fn disputes(sources: usize) -> impl Strategy<Value = Value> {
    prop::collection::vec(
        (
            prop::sample::select(nkmap::io::record::DISPUTE_FIELDS.to_vec()),
            value(),
            prop::option::of(value()),
            prop::collection::vec(evidence(sources), 0..2),
        )
            .prop_map(|(field, value, note, evidence)| {
                let mut d = json!({"field": field, "value": value, "evidence": evidence});
                if let Some(n) = note {
                    d["note"] = json!(n);
                }
                d
            }),
        0..3,
    )
    .prop_map(Value::Array)
}

fn feature(props: Value) -> Value {
    json!({"type": "Feature", "geometry": null, "properties": props})
}

fn source(i: usize) -> impl Strategy<Value = Value> {
    (
        (value(), value(), prop::collection::vec(value(), 0..3)),
        (prop::option::of(date()), prop::option::of(value()), prop::option::of(value())),
        (
            prop::sample::select(vec!["en", "ko", "ja"]),
            prop::sample::select(vec!["inside_source", "state_media", "satellite", "news"]),
            prop::option::of(value()),
        ),
    )
        .prop_map(move |((publisher, title, authors), (date, url, doc_id), (lang, kind, note))| {
            let mut p = json!({"record": "source", "id": format!("src-{i}"), "publisher": publisher,
                "title": title, "authors": authors, "language": lang, "kind": kind});
            for (k, v) in [("date", date), ("url", url), ("doc_id", doc_id), ("note", note)] {
                if let Some(v) = v {
                    p[k] = json!(v);
                }
            }
            feature(p)
        })
}

fn site(i: usize, sources: usize) -> impl Strategy<Value = Value> {
    (
        (value(), prop::sample::select(PLACES.to_vec()), prop::option::of(value())),
        (
            prop::sample::select(vec!["factory_cluster", "hospital", "food_factory", "other"]),
            prop::sample::select(vec!["county", "seat", "centre"]),
            prop::option::of(2024..2031i64),
        ),
        (
            prop::collection::vec(date(), 0..4),
            any::<bool>(),
            prop::collection::vec(evidence(sources), 1..3),
        ),
        (disputes(sources), prop::option::of(value())),
    )
        .prop_map(
            move |((name, place, products), (category, precision, cohort), (mut dates, approx, ev), (disputes, notes))| {
                // Milestones in order of kind, dates in order.
                dates.sort_by_key(|d| nkmap::model::PartialDate::parse(d).map(|d| d.start_day_number()).unwrap_or(0));
                dates.dedup();
                let milestones: Vec<Value> = ["announced", "groundbreaking", "inauguration"]
                    .iter()
                    .zip(&dates)
                    .map(|(k, d)| json!({"kind": k, "date": d, "approximate": approx, "evidence": []}))
                    .collect();
                let mut p = json!({"record": "site", "id": format!("site-{i}"), "name": name,
                    "category": category, "place": place, "precision": precision,
                    "milestones": milestones, "evidence": ev, "disputes": disputes});
                for (k, v) in [("products", products), ("notes", notes)] {
                    if let Some(v) = v {
                        p[k] = json!(v);
                    }
                }
                if let Some(c) = cohort {
                    p["cohort"] = json!(c);
                }
                feature(p)
            },
        )
}

fn flow(i: usize, sources: usize) -> impl Strategy<Value = Value> {
    (
        (value(), prop::sample::subsequence(PLACES.to_vec(), 2..4)),
        (
            prop::option::of(0..5000u32),
            prop::option::of(0..5000u32),
            prop::option::of(value()),
        ),
        (
            prop::option::of(1..121i64),
            prop::collection::vec(evidence(sources), 1..3),
        ),
        (disputes(sources), prop::option::of(value())),
    )
        .prop_map(
            move |((who, places), (a, b, wording), (shift, ev), (disputes, notes))| {
                let (min, max) = match (a, b) {
                    (Some(a), Some(b)) => (Some(a.min(b)), Some(a.max(b))),
                    other => other,
                };
                let mut p = json!({"record": "flow", "id": format!("flow-{i}"), "who": who,
                "from": places[0], "to": places[1..], "evidence": ev, "disputes": disputes,
                "people": {"min": min, "max": max, "wording": wording}});
                if let Some(s) = shift {
                    p["shift_months"] = json!(s);
                }
                if let Some(n) = notes {
                    p["notes"] = json!(n);
                }
                feature(p)
            },
        )
}

fn event(i: usize, sources: usize) -> impl Strategy<Value = Value> {
    (
        value(),
        prop::sample::select(vec!["policy", "mobilization", "report", "photo"]),
        prop::sample::select(PLACES.to_vec()),
        prop::option::of(date()),
        prop::collection::vec(evidence(sources), 1..3),
    )
        .prop_map(move |(title, kind, place, date, ev)| {
            let mut p = json!({"record": "event", "id": format!("event-{i}"), "title": title,
                "kind": kind, "place": place, "precision": "county", "evidence": ev});
            if let Some(d) = date {
                p["date"] = json!(d);
            }
            feature(p)
        })
}

/// A file of a few sources and records of every kind, as GeoJSON text.
fn file() -> impl Strategy<Value = String> {
    (0..3usize).prop_flat_map(|sources| {
        (
            (1..=sources.max(1)).map(source).collect::<Vec<_>>(),
            prop::collection::vec(any::<prop::sample::Index>(), 1..4),
        )
            .prop_flat_map(move |(srcs, kinds)| {
                let records: Vec<BoxedStrategy<Value>> = kinds
                    .iter()
                    .enumerate()
                    .map(|(i, k)| match k.index(3) {
                        0 => site(i, sources).boxed(),
                        1 => flow(i, sources).boxed(),
                        _ => event(i, sources).boxed(),
                    })
                    .collect();
                let srcs = if sources == 0 { Vec::new() } else { srcs };
                (Just(srcs), records)
            })
            .prop_map(|(srcs, records)| {
                let features: Vec<Value> = srcs.into_iter().chain(records).collect();
                json!({"type": "FeatureCollection", "features": features}).to_string()
            })
    })
}

/// CSV keeps no flow lines: flows are drawn seat to seat after a CSV round trip.
fn without_flow_lines(mut d: Dataset) -> Dataset {
    for f in &mut d.flows {
        f.from_location = None;
        f.to_locations.clear();
    }
    d
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn what_the_writers_produce_reads_back_identical(text in file()) {
        let (data, diags) = read(text.as_bytes(), "generated.geojson");
        let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
        prop_assert!(errors.is_empty(), "the generator made a bad file: {errors:?}\n{text}");
        prop_assert!(!data.sites.is_empty() || !data.flows.is_empty() || !data.events.is_empty());

        let geojson = nkmap::io::write_geojson(&data);
        let (back, diags) = read(geojson.as_bytes(), "back.geojson");
        prop_assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
        prop_assert_eq!(&back, &data, "GeoJSON: {}", geojson);

        let csv = nkmap::io::write_csv(&data);
        let (back, diags) = read(csv.as_bytes(), "back.csv");
        prop_assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}\n{csv}");
        prop_assert_eq!(without_flow_lines(back), without_flow_lines(data), "CSV: {}", csv);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Arbitrary bytes, as GeoJSON and as CSV: problems are diagnostics, never panics.
    #[test]
    fn the_readers_never_panic_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = read(&bytes, "random.geojson");
        let _ = read(&bytes, "random.csv");
    }

    /// A real file with a few bytes changed: the damage lands inside the syntax the readers
    /// know, where plain random bytes rarely reach.
    #[test]
    fn the_readers_never_panic_on_damaged_files(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
    ) {
        for (label, text) in [
            ("sites.geojson", nkmap::bundled::SEED_FILES[1].1.as_bytes().to_vec()),
            ("seeds.csv", nkmap::io::write_csv(&nkmap::bundled::seeds(geo()).0).into_bytes()),
        ] {
            let mut bytes = text;
            for (at, b) in &edits {
                let i = at.index(bytes.len());
                bytes[i] = *b;
            }
            let _ = read(&bytes, label);
        }
    }
}

/// One step of the user's editing.
#[derive(Debug, Clone)]
enum Step {
    /// Replace the dataset with this many copies of the first seed site, named by `u8`.
    Edit(usize, u8),
    Undo,
    Redo,
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    prop::collection::vec(
        prop_oneof![
            2 => (0..4usize, any::<u8>()).prop_map(|(n, k)| Step::Edit(n, k)),
            1 => Just(Step::Undo),
            1 => Just(Step::Redo),
        ],
        1..30,
    )
}

fn edited(n: usize, k: u8) -> Dataset {
    static SEED: OnceLock<nkmap::model::Site> = OnceLock::new();
    let seed = SEED.get_or_init(|| nkmap::bundled::seeds(geo()).0.sites[0].clone());
    let sites = (0..n)
        .map(|i| {
            let mut s = seed.clone();
            s.id = format!("mine-{k}-{i}");
            s.name = format!("Site {k}/{i}");
            s
        })
        .collect();
    Dataset {
        sites,
        ..Dataset::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    /// Against a plain list of the states the user went through: each undo gives back exactly
    /// the one before, each redo the one after, and an edit after an undo drops the redos.
    #[test]
    fn undo_and_redo_restore_exactly_the_previous_datasets(steps in steps()) {
        let mut history = nkmap::edit::History::default();
        let mut current = Dataset::default();
        let mut timeline = vec![Dataset::default()];
        let mut at = 0usize;
        for step in steps {
            match step {
                Step::Edit(n, k) => {
                    let next = edited(n, k);
                    history.record(std::mem::replace(&mut current, next.clone()));
                    timeline.truncate(at + 1);
                    timeline.push(next);
                    at += 1;
                }
                Step::Undo => {
                    prop_assert_eq!(history.can_undo(), at > 0);
                    if let Some(prev) = history.undo(current.clone()) {
                        current = prev;
                        at -= 1;
                    }
                }
                Step::Redo => {
                    prop_assert_eq!(history.can_redo(), at + 1 < timeline.len());
                    if let Some(next) = history.redo(current.clone()) {
                        current = next;
                        at += 1;
                    }
                }
            }
            prop_assert_eq!(&current, &timeline[at]);
        }
    }
}

#[cfg(feature = "gui")]
proptest! {
    #![proptest_config(ProptestConfig { cases: 6, failure_persistence: None, ..ProptestConfig::default() })]

    /// The same through the app's state: edits committed, then undone and redone with the
    /// actions the menu and the keyboard send.
    #[test]
    fn the_app_s_undo_and_redo_restore_exactly_the_previous_datasets(steps in steps()) {
        use nkmap::state::{Action, AppState};
        static APP: OnceLock<(std::sync::Arc<Geography>, Dataset)> = OnceLock::new();
        let (geography, seeds) = APP.get_or_init(|| {
            let g = std::sync::Arc::new(nkmap::bundled::geography().unwrap_or_else(|e| panic!("{e}")));
            let seeds = nkmap::bundled::seeds(&g).0;
            (g, seeds)
        });
        let mut state = AppState::new(geography.clone(), seeds.clone(), &[], Default::default());
        let mut timeline = vec![Dataset::default()];
        let mut at = 0usize;
        for step in steps {
            match step {
                Step::Edit(n, k) => {
                    let next = edited(n, k);
                    state.apply(Action::CommitUserData(Box::new(next.clone()), None));
                    timeline.truncate(at + 1);
                    timeline.push(next);
                    at += 1;
                }
                Step::Undo => {
                    state.apply(Action::Undo);
                    at = at.saturating_sub(1);
                }
                Step::Redo => {
                    state.apply(Action::Redo);
                    at = (at + 1).min(timeline.len() - 1);
                }
            }
            let now = state.user_data().cloned().unwrap_or_default();
            prop_assert_eq!(&now, &timeline[at]);
        }
    }
}
