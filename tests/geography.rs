//! The bundled boundaries: counts, properties, validity, seats, tiling, and that every county
//! name resolves back to its county.

use geo::{Area, BooleanOps, Intersects, Validation};
use nkmap::gazetteer::{Gazetteer, Resolution};
use nkmap::io::regions::read_regions;
use nkmap::model::{Region, RegionLevel};
use serde_json::Value;

fn path(rel: &str) -> String {
    format!("{}/{rel}", env!("CARGO_MANIFEST_DIR"))
}

fn load(rel: &str) -> Vec<Region> {
    let text = std::fs::read_to_string(path(rel)).unwrap();
    read_regions(&text, rel).unwrap_or_else(|e| panic!("{e}"))
}

fn provinces() -> Vec<Region> {
    load("assets/boundaries/provinces.geojson")
}

fn counties() -> Vec<Region> {
    load("assets/boundaries/counties.geojson")
}

#[test]
fn counts() {
    // 13 first-level units as ISO 3166-2:KP lists them now, Kaesong (KP-15) included.
    assert_eq!(provinces().len(), 13);
    assert_eq!(counties().len(), 179);
    assert!(
        provinces()
            .iter()
            .all(|p| p.level == RegionLevel::Province && p.province == p.id)
    );
    assert!(counties().iter().all(|c| c.level == RegionLevel::County));
}

#[test]
fn every_property_is_present_and_non_empty() {
    for rel in [
        "assets/boundaries/provinces.geojson",
        "assets/boundaries/counties.geojson",
    ] {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(path(rel)).unwrap()).unwrap();
        let features = v["features"].as_array().unwrap();
        for (i, f) in features.iter().enumerate() {
            let p = &f["properties"];
            for key in [
                "id",
                "province",
                "kind",
                "name_en",
                "name_mr",
                "name_rr",
                "name_ko",
                "seat_source",
            ] {
                let s = p[key].as_str().unwrap_or("");
                assert!(
                    !s.trim().is_empty(),
                    "{rel} feature {i}: '{key}' missing or empty"
                );
            }
            let seat = p["seat"]
                .as_array()
                .unwrap_or_else(|| panic!("{rel} feature {i}: no seat"));
            assert_eq!(seat.len(), 2, "{rel} feature {i}");
            assert!(seat.iter().all(|c| c.as_f64().is_some_and(f64::is_finite)));
            if let Some(a) = p.get("aliases") {
                let a = a
                    .as_array()
                    .unwrap_or_else(|| panic!("{rel} feature {i}: aliases not an array"));
                assert!(
                    a.iter()
                        .all(|s| s.as_str().is_some_and(|s| !s.trim().is_empty()))
                );
            }
        }
    }
    let mut ids: Vec<String> = provinces()
        .into_iter()
        .chain(counties())
        .map(|r| r.id)
        .collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate ids");
}

#[test]
fn geometries_are_valid() {
    for r in provinces().iter().chain(counties().iter()) {
        if let Err(e) = r.geometry.check_validation() {
            panic!("{} is not valid: {e}", r.id);
        }
        assert!(r.geometry.unsigned_area() > 0.0, "{} has no area", r.id);
    }
}

#[test]
fn every_seat_lies_in_its_county() {
    for c in counties() {
        assert!(
            c.geometry.intersects(&c.seat),
            "seat of {} {:?} is outside it",
            c.id,
            c.seat
        );
    }
    for p in provinces() {
        assert!(
            p.geometry.intersects(&p.seat),
            "label point of {} is outside it",
            p.id
        );
    }
}

#[test]
fn counties_tile_their_provinces() {
    let counties = counties();
    for p in provinces() {
        let members: Vec<&Region> = counties.iter().filter(|c| c.province == p.id).collect();
        assert!(!members.is_empty(), "{} has no counties", p.id);
        let sum: f64 = members.iter().map(|c| c.geometry.unsigned_area()).sum();
        let area = p.geometry.unsigned_area();
        assert!(
            (sum - area).abs() <= area * 0.001,
            "{}: counties cover {sum}, the province {area}",
            p.id
        );
        for c in members {
            let inside = c.geometry.intersection(&p.geometry).unsigned_area();
            let own = c.geometry.unsigned_area();
            assert!(
                inside >= own * 0.999,
                "{} sticks out of {}: {inside} of {own}",
                c.id,
                p.id
            );
        }
    }
}

fn resolves_to(g: &Gazetteer, name: &str, id: &str) -> Result<(), String> {
    match g.resolve(name) {
        Resolution::Unique { id: got, .. } if got == id => Ok(()),
        other => Err(format!("'{name}' should be {id}, got {other:?}")),
    }
}

#[test]
fn every_county_name_resolves_back_to_its_county() {
    let provinces = provinces();
    let counties = counties();
    let g = Gazetteer::new(&provinces, &counties);
    let mut failures = Vec::new();
    for c in &counties {
        let province = provinces.iter().find(|p| p.id == c.province).unwrap();
        for name in [&c.names.en, &c.names.mr, &c.names.rr, &c.names.ko] {
            match g.resolve(name) {
                Resolution::Unique { id, .. } if id == c.id => {}
                Resolution::Ambiguous(cands) if cands.iter().any(|x| x.id == c.id) => {
                    // Allowed only when another region really has this name too…
                    let shared = counties.iter().chain(provinces.iter()).any(|o| {
                        o.id != c.id
                            && [&o.names.en, &o.names.mr, &o.names.rr, &o.names.ko]
                                .iter()
                                .chain(o.aliases.iter().collect::<Vec<_>>().iter())
                                .any(|n| n.to_lowercase() == name.to_lowercase())
                    });
                    if !shared {
                        failures.push(format!(
                            "'{name}' ({}) is ambiguous but not shared: {cands:?}",
                            c.id
                        ));
                    }
                    // …and then the qualified form must be unique.
                    for q in [
                        format!("{name}, {}", province.names.en),
                        format!("{name}, {}", province.names.ko),
                    ] {
                        if let Err(e) = resolves_to(&g, &q, &c.id) {
                            failures.push(e);
                        }
                    }
                }
                // A county named like its own province-level city (Kaesong) yields to the
                // province; qualified it must still be found.
                Resolution::Unique { id, .. } if id == c.province => {
                    if let Err(e) =
                        resolves_to(&g, &format!("{name}, {}", province.names.en), &c.id)
                    {
                        failures.push(e);
                    }
                }
                other => failures.push(format!("'{name}' should be {}, got {other:?}", c.id)),
            }
        }
    }
    for p in &provinces {
        for name in [&p.names.en, &p.names.mr, &p.names.rr, &p.names.ko] {
            if let Err(e) = resolves_to(&g, name, &p.id) {
                failures.push(e);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The units whose province changed after the 2019 boundary layer, each with its source and
/// the older assignment kept as a dispute.
#[test]
fn the_moved_units_sit_in_their_current_provinces() {
    let counties = counties();
    let provinces = provinces();
    let kaesong = provinces
        .iter()
        .find(|p| p.id == "KP-15")
        .unwrap_or_else(|| panic!("no KP-15"));
    assert_eq!(kaesong.names.en, "Kaesong");
    assert_eq!(kaesong.names.ko, "개성시");
    for (id, old, province) in [
        ("KP-15-kaesong", "KP-06-kaesong", "KP-15"),
        ("KP-15-jangphung", "KP-06-jangphung", "KP-15"),
        ("KP-01-unjong", "KP-02-unjong", "KP-01"),
        ("KP-06-sangwon", "KP-01-sangwon", "KP-06"),
        ("KP-06-junghwa", "KP-01-junghwa", "KP-06"),
    ] {
        let c = counties
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("no county {id}"));
        assert_eq!(c.province, province, "{id}");
        assert_eq!(c.former_ids, vec![old.to_owned()], "{id}");
        assert!(
            c.province_note.as_deref().is_some_and(|n| !n.is_empty()),
            "{id}"
        );
        let dispute = c
            .province_dispute
            .as_ref()
            .unwrap_or_else(|| panic!("{id}"));
        assert_eq!(&old[..5], dispute.province, "{id}");
        // The province polygon contains the county (provinces are unions of counties).
        let p = provinces.iter().find(|p| p.id == province).unwrap();
        let inter = p.geometry.intersection(&c.geometry).unsigned_area();
        assert!(
            (inter - c.geometry.unsigned_area()).abs() < 1e-9,
            "{id} is not inside {province}"
        );
    }
    // Kaesong city and Jangphung are all of KP-15.
    let members: Vec<&str> = counties
        .iter()
        .filter(|c| c.province == "KP-15")
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(members, ["KP-15-jangphung", "KP-15-kaesong"]);
    // Nothing else moved: every other county keeps no former id.
    assert_eq!(
        counties.iter().filter(|c| !c.former_ids.is_empty()).count(),
        5
    );
}

/// A user's file written before the change still loads: the old id resolves to the county,
/// with a warning naming the new id.
#[test]
fn old_region_ids_keep_resolving_with_a_warning() {
    let geo = nkmap::bundled::geography().unwrap();
    assert_eq!(
        geo.renamed("KP-02-unjong").map(|r| r.id.as_str()),
        Some("KP-01-unjong")
    );
    let file = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","geometry":null,"properties":{"record":"source","id":"s1",
        "publisher":"P","title":"T","url":"https://example.org","language":"en","kind":"news"}},
      {"type":"Feature","geometry":null,"properties":{"record":"site","id":"x",
        "name":"A","category":"other","place":"Unjong","region_id":"KP-02-unjong",
        "precision":"county","evidence":[{"source":"s1","grade":"C"}]}}]}"#;
    let (data, diags) = nkmap::io::read_dataset(file.as_bytes(), "old.geojson", &geo, &[]);
    assert_eq!(data.sites.len(), 1, "{diags:?}");
    assert_eq!(data.sites[0].region_id.as_deref(), Some("KP-01-unjong"));
    let text: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert!(
        text.iter()
            .any(|t| t.contains("'KP-02-unjong' is now 'KP-01-unjong'") && t.contains("warning")),
        "{text:?}"
    );
}
