use super::*;
use crate::bundled;
use crate::model::MilestoneKind;

fn geo() -> Geography {
    bundled::geography().expect("bundled geography")
}

fn messages(d: &[Diagnostic]) -> String {
    d.iter().map(|d| format!("{d}\n")).collect()
}

const SOURCE: &str = r#"{"type":"Feature","geometry":null,"properties":{"record":"source","id":"s1",
  "publisher":"P","title":"T","url":"https://example.org","language":"en","kind":"news"}}"#;

fn site(props: &str, geometry: &str) -> String {
    format!(
        r#"{{"type":"Feature","geometry":{geometry},"properties":{{"record":"site","id":"site-a",
        "name":"A","category":"factory_cluster","place":"Orang","precision":"county",
        "evidence":[{{"source":"s1","grade":"C"}}]{props}}}}}"#
    )
}

fn collection(features: &[String]) -> String {
    format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    )
}

fn read(text: &str) -> (Dataset, Vec<Diagnostic>) {
    read_files(
        &[("t.geojson".into(), text.as_bytes().to_vec())],
        &geo(),
        &[],
    )
}

#[test]
fn a_good_site_resolves_and_sits_at_the_seat() {
    let (data, diags) = read(&collection(&[SOURCE.into(), site("", "null")]));
    assert!(diags.is_empty(), "{}", messages(&diags));
    let s = &data.sites[0];
    assert_eq!(s.region_id.as_deref(), Some("KP-09-orang"));
    let seat = geo().region("KP-09-orang").map(|r| r.seat);
    assert_eq!(s.location, seat);
}

#[test]
fn bad_records_are_dropped_and_good_ones_kept() {
    let bad_place = site("", "null")
        .replace("\"Orang\"", "\"Oranjeboom County\"")
        .replace("site-a", "site-b");
    let bad_type = site(r#","cohort":"2024""#, "null").replace("site-a", "site-c");
    let (data, diags) = read(&collection(&[
        SOURCE.into(),
        site("", "null"),
        bad_place,
        bad_type,
    ]));
    assert_eq!(data.sites.len(), 1);
    let m = messages(&diags);
    assert!(
        m.contains(
            "t.geojson:feature 2 (site-b): error: unknown place in 'place': 'Oranjeboom County'"
        ),
        "{m}"
    );
    assert!(
        m.contains("did you mean Orang County, North Hamgyong (KP-09-orang)"),
        "{m}"
    );
    assert!(
        m.contains(
            "feature 3 (site-c): error: property 'cohort' should be an integer, not a string"
        ),
        "{m}"
    );
}

#[test]
fn geometry_and_coordinate_checks() {
    let line = r#"{"type":"LineString","coordinates":[[129.6,41.4],[129.7,41.5]]}"#;
    let (_, d) = read(&collection(&[SOURCE.into(), site("", line)]));
    assert!(
        messages(&d).contains("wrong geometry type for a site: LineString"),
        "{}",
        messages(&d)
    );
    let far = r#"{"type":"Point","coordinates":[2.35,48.85]}"#;
    let (_, d) = read(&collection(&[SOURCE.into(), site("", far)]));
    let m = messages(&d);
    assert!(
        m.contains("longitude 2.35 is not within 124–131") && m.contains("latitude 48.85"),
        "{m}"
    );
    // In North Korea but in Musan, not Orang: kept, with a warning.
    let musan = r#"{"type":"Point","coordinates":[129.2,42.2]}"#;
    let (data, d) = read(&collection(&[SOURCE.into(), site("", musan)]));
    assert_eq!(data.sites.len(), 1);
    assert!(
        messages(&d).contains("warning: point [129.2, 42.2] lies outside Orang County"),
        "{}",
        messages(&d)
    );
}

#[test]
fn milestones_must_be_in_order_and_unique() {
    let ms = r#","milestones":[{"kind":"groundbreaking","date":"2025-03","evidence":[{"source":"s1","grade":"C"}]},
        {"kind":"inauguration","date":"2025-01-31","evidence":[{"source":"s1","grade":"C"}]}]"#;
    let (data, d) = read(&collection(&[SOURCE.into(), site(ms, "null")]));
    assert!(data.sites.is_empty());
    assert!(
        messages(&d).contains(
            "milestones out of order: groundbreaking 2025-03 is after inauguration 2025-01-31"
        ),
        "{}",
        messages(&d)
    );
    // A year does not contradict a day inside it.
    let ok = r#","milestones":[{"kind":"announced","date":"2024","evidence":[]},
        {"kind":"groundbreaking","date":"2024-03-07","evidence":[]}]"#;
    let (data, d) = read(&collection(&[SOURCE.into(), site(ok, "null")]));
    assert_eq!(data.sites.len(), 1, "{}", messages(&d));
    let dup = r#","milestones":[{"kind":"inauguration","date":"2025-01-24","evidence":[]},
        {"kind":"inauguration","date":"2025-01-23","evidence":[]}]"#;
    let (_, d) = read(&collection(&[SOURCE.into(), site(dup, "null")]));
    assert!(
        messages(&d).contains("two 'inauguration' milestones"),
        "{}",
        messages(&d)
    );
    let bad_date = r#","milestones":[{"kind":"inauguration","date":"2025-02-30","evidence":[]}]"#;
    let (_, d) = read(&collection(&[SOURCE.into(), site(bad_date, "null")]));
    assert!(
        messages(&d).contains("'milestones[0].date': '2025-02-30': day 30 is not in 1-28"),
        "{}",
        messages(&d)
    );
}

#[test]
fn sources_evidence_and_ids() {
    let (data, d) = read(&collection(&[site("", "null")]));
    assert!(data.sites.is_empty());
    assert!(
        messages(&d).contains("evidence cites source 's1', which is not defined"),
        "{}",
        messages(&d)
    );
    // The source may come from another file checked together.
    let (data, d) = read_files(
        &[
            (
                "a.geojson".into(),
                collection(&[SOURCE.into()]).into_bytes(),
            ),
            (
                "b.geojson".into(),
                collection(&[site("", "null")]).into_bytes(),
            ),
        ],
        &geo(),
        &[],
    );
    assert!(d.is_empty(), "{}", messages(&d));
    assert_eq!(data.sites.len(), 1);
    let no_ev = site("", "null").replace(
        r#""evidence":[{"source":"s1","grade":"C"}]"#,
        r#""evidence":[]"#,
    );
    let (_, d) = read(&collection(&[SOURCE.into(), no_ev]));
    assert!(
        messages(&d).contains("error: no evidence"),
        "{}",
        messages(&d)
    );
    let (data, d) = read(&collection(&[
        SOURCE.into(),
        site("", "null"),
        site("", "null"),
    ]));
    assert_eq!(data.sites.len(), 1);
    assert!(
        messages(&d).contains(
            "feature 2 (site-a): error: duplicate id 'site-a' (first defined at feature 1 (site-a))"
        ),
        "{}",
        messages(&d)
    );
}

#[test]
fn flows_cannot_return_to_their_origin() {
    let flow = r#"{"type":"Feature","geometry":null,"properties":{"record":"flow","id":"f",
      "who":"w","from":"Musan","to":["Orang","Musan County"],"evidence":[{"source":"s1","grade":"C"}]}}"#;
    let (data, d) = read(&collection(&[SOURCE.into(), flow.into()]));
    assert!(data.flows.is_empty());
    assert!(
        messages(&d).contains("flow goes from Musan County, North Hamgyong to itself: 'to[1]'"),
        "{}",
        messages(&d)
    );
}

#[test]
fn syntax_errors_bytes_and_empty_files() {
    let (_, d) = read("{\"type\": \"FeatureCollection\", \"features\": [");
    assert!(messages(&d).contains("t.geojson:1:"), "{}", messages(&d));
    assert!(messages(&d).contains("truncated"), "{}", messages(&d));
    let (_, d) = read("{\"type\":\"Point\",\n \"coordinates\": [NaN, 40]}");
    assert!(messages(&d).contains("t.geojson:2:"), "{}", messages(&d));
    assert!(
        messages(&d).contains("JSON has no NaN or Infinity"),
        "{}",
        messages(&d)
    );
    let (_, d) = read_files(
        &[("t.geojson".into(), b"{\"a\":\n \"\xff\"}".to_vec())],
        &geo(),
        &[],
    );
    assert!(
        messages(&d)
            .contains("t.geojson:2:3: error: not UTF-8: invalid byte 0xFF at byte offset 8"),
        "{}",
        messages(&d)
    );
    let (_, d) = read("  \n");
    assert_eq!(messages(&d), "t.geojson: error: the file is empty\n");
}

#[test]
fn csv_rows_read_like_features() {
    let csv = "record,id,name,category,place,precision,lon,lat,evidence,inauguration,inauguration_evidence,publisher,title,language,kind,url\n\
source,s1,,,,,,,,,,P,T,en,news,https://example.org\n\
site,site-a,A,factory_cluster,\"Sinpho, South Hamgyong\",county,,,s1@para 2#C,~2025-01,s1#C,,,,,\n\
site,site-b,B,factory_cluster,Orang,county,NaN,41,s1#C,,,,,,,\n\
site,site-c,C,factory_cluster,Orang\n";
    let (data, d) = read_files(&[("t.csv".into(), csv.as_bytes().to_vec())], &geo(), &[]);
    let m = messages(&d);
    assert_eq!(data.sites.len(), 1, "{m}");
    let s = &data.sites[0];
    assert_eq!(s.evidence[0].locator.as_deref(), Some("para 2"));
    assert!(s.milestones[0].approximate && s.milestones[0].kind == MilestoneKind::Inauguration);
    assert!(
        m.contains("t.csv:4 (site-b): error: column 'lon': 'NaN' is not a finite number"),
        "{m}"
    );
    assert!(
        m.contains("t.csv:5 (site-c): error: row has 5 fields but the header has 16"),
        "{m}"
    );
}

#[test]
fn seeds_round_trip_through_both_writers() {
    let geo = geo();
    let (seeds, diags) = bundled::seeds(&geo);
    assert!(diags.iter().all(|d| !d.is_error()), "{}", messages(&diags));
    let json = write_geojson(&seeds);
    let (back, d) = read_files(&[("out.geojson".into(), json.into_bytes())], &geo, &[]);
    assert!(d.is_empty(), "{}", messages(&d));
    assert_eq!(back, seeds);
    let csv = write_csv(&seeds);
    let (back, d) = read_files(&[("out.csv".into(), csv.into_bytes())], &geo, &[]);
    assert!(d.iter().all(|d| !d.is_error()), "{}", messages(&d));
    // CSV draws flows from seat to seat; everything else comes back as it was.
    let mut expected = seeds.clone();
    let mut got = back.clone();
    for f in expected.flows.iter_mut().chain(got.flows.iter_mut()) {
        f.from_location = None;
        f.to_locations.clear();
    }
    assert_eq!(got, expected);
}
