//! The bundled seed records: all load, all cited, all placed.

use nkmap::bundled;
use nkmap::gazetteer::Resolution;
use std::collections::HashSet;

#[test]
fn seeds_load_without_errors_and_nothing_is_dropped() {
    let geo = bundled::geography().unwrap();
    let (data, diags) = bundled::seeds(&geo);
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let count = |text: &str| {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        v["features"].as_array().unwrap().len()
    };
    let [sources, sites, flows, events] = bundled::SEED_FILES.map(|(_, t)| count(t));
    assert_eq!(data.sources.len(), sources);
    assert_eq!(data.sites.len(), sites);
    assert_eq!(data.flows.len(), flows);
    assert_eq!(data.events.len(), events);
}

#[test]
fn every_record_has_a_defined_source() {
    let geo = bundled::geography().unwrap();
    let (data, _) = bundled::seeds(&geo);
    let defined: HashSet<&str> = data.sources.iter().map(|s| s.id.as_str()).collect();
    let cited = data
        .sites
        .iter()
        .map(|s| (&s.id, s.evidence.len(), s.source_ids()))
        .chain(
            data.flows
                .iter()
                .map(|f| (&f.id, f.evidence.len(), f.source_ids())),
        )
        .chain(
            data.events
                .iter()
                .map(|e| (&e.id, e.evidence.len(), e.source_ids())),
        );
    for (id, evidence, sources) in cited {
        assert!(evidence >= 1, "{id} has no evidence");
        for s in sources {
            assert!(defined.contains(s), "{id} cites undefined {s}");
        }
    }
}

#[test]
fn every_place_resolves_to_exactly_one_region() {
    let geo = bundled::geography().unwrap();
    let (data, _) = bundled::seeds(&geo);
    let unique = |place: &str, owner: &str| match geo.resolve(place) {
        Resolution::Unique { id, .. } => id,
        other => panic!("{owner}: '{place}' → {other:?}"),
    };
    for s in &data.sites {
        assert_eq!(Some(unique(&s.place, &s.id)), s.region_id, "{}", s.id);
        assert!(s.location.is_some(), "{} has no point", s.id);
    }
    for f in &data.flows {
        assert_eq!(Some(unique(&f.from, &f.id)), f.from_region);
        for (t, r) in f.to.iter().zip(&f.to_regions) {
            assert_eq!(Some(unique(t, &f.id)), *r);
        }
    }
    for e in &data.events {
        if let Some(p) = &e.place {
            assert_eq!(Some(unique(p, &e.id)), e.region_id);
        }
    }
}

#[test]
fn the_musan_flow() {
    let geo = bundled::geography().unwrap();
    let (data, _) = bundled::seeds(&geo);
    let f = data
        .flows
        .iter()
        .find(|f| f.from_region.as_deref() == Some("KP-09-musan"))
        .expect("a flow from Musan");
    let people = f.people.as_ref().expect("a head count");
    assert_eq!((people.min, people.max), (Some(500), Some(600)));
    assert_eq!(f.shift_months, Some(3));
    let to: HashSet<&str> = f.to_regions.iter().flatten().map(String::as_str).collect();
    assert_eq!(to, HashSet::from(["KP-09-kyongsong", "KP-09-orang"]));
}

#[test]
fn the_2024_cohort_is_twenty_counties() {
    let geo = bundled::geography().unwrap();
    let (data, _) = bundled::seeds(&geo);
    let counties: HashSet<&str> = data
        .sites
        .iter()
        .filter(|s| s.cohort == Some(2024))
        .filter_map(|s| s.region_id.as_deref())
        .collect();
    assert_eq!(counties.len(), 20, "{counties:?}");
}
