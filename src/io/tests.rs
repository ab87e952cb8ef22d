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
fn county_precision_becomes_seat_or_centre_by_the_county_point() {
    use crate::model::LocationPrecision;
    // Orang's point is its seat town (GeoNames); Unpha's is the polygon's centre.
    let unpha = site("", "null")
        .replace("\"Orang\"", "\"Unpha\"")
        .replace("site-a", "site-u");
    let (data, diags) = read(&collection(&[SOURCE.into(), site("", "null"), unpha]));
    assert!(diags.is_empty(), "{}", messages(&diags));
    assert_eq!(data.sites[0].precision, LocationPrecision::Seat);
    assert_eq!(data.sites[1].precision, LocationPrecision::Centre);
    // "seat" where no seat town is known is corrected, with a warning saying why.
    let seat_unpha = site("", "null")
        .replace("\"Orang\"", "\"Unpha\"")
        .replace("\"county\"", "\"seat\"");
    let (data, diags) = read(&collection(&[SOURCE.into(), seat_unpha]));
    assert_eq!(data.sites[0].precision, LocationPrecision::Centre);
    assert!(
        messages(&diags).contains("no seat town of Unpha County"),
        "{}",
        messages(&diags)
    );
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

// ---- Areas: polygon features without `record` --------------------------------------------

const SQUARE: &str = "[[129.5,41.3],[129.9,41.3],[129.9,41.6],[129.5,41.6],[129.5,41.3]]";
const HOLE: &str = "[[129.6,41.4],[129.7,41.4],[129.7,41.5],[129.6,41.4]]";

fn area_feature(props: &str, geometry: &str) -> String {
    format!(r#"{{"type":"Feature","properties":{props},"geometry":{geometry}}}"#)
}

fn polygon(rings: &[&str]) -> String {
    format!(
        r#"{{"type":"Polygon","coordinates":[{}]}}"#,
        rings.join(",")
    )
}

#[test]
fn a_polygon_without_record_is_an_area() {
    let props = r#"{"osm_id":123,"NAME":"Ryongsong","admin_level":8,"place":null,"is_in":{"county":"Orang"},"tags":["a","b"],"ok":true,"name_en":"Other"}"#;
    let (data, d) = read(&collection(&[area_feature(props, &polygon(&[SQUARE]))]));
    assert!(d.is_empty(), "{}", messages(&d));
    assert_eq!(data.areas.len(), 1);
    let a = &data.areas[0];
    // `name` is missing; `NAME` comes before `name_en`.
    assert_eq!(a.name, "Ryongsong");
    // File order, every value as text, null left out, nested values as compact JSON.
    let props: Vec<(&str, &str)> = a
        .properties
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        props,
        [
            ("osm_id", "123"),
            ("NAME", "Ryongsong"),
            ("admin_level", "8"),
            ("is_in", r#"{"county":"Orang"}"#),
            ("tags", r#"["a","b"]"#),
            ("ok", "true"),
            ("name_en", "Other"),
        ]
    );
    assert_eq!(a.geometry.0.len(), 1);
    assert_eq!(a.geometry.0[0].exterior().0.len(), 5);
    assert_eq!(
        a.geometry.0[0].exterior().0[1],
        geo_types::coord! {x: 129.9, y: 41.3}
    );
    assert!(data.sites.is_empty() && data.sources.is_empty());
}

#[test]
fn a_multipolygon_with_a_hole_and_names_from_each_key() {
    let multi = format!(
        r#"{{"coordinates":[[{SQUARE},{HOLE}],[[[130,42],[130.1,42],[130.1,42.1],[130,42]]]],"type":"MultiPolygon"}}"#
    );
    let features = [
        area_feature(r#"{"name":"Village","NAME":"X"}"#, &multi),
        area_feature(r#"{"title":"Traced"}"#, &polygon(&[SQUARE])),
        area_feature(r#"{"id":42}"#, &polygon(&[SQUARE])),
        area_feature("null", &polygon(&[SQUARE])),
        area_feature(r#"{"name":"  "}"#, &polygon(&[SQUARE])),
    ];
    let (data, d) = read(&collection(&features));
    assert!(d.is_empty(), "{}", messages(&d));
    let names: Vec<&str> = data.areas.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Village", "Traced", "42", "feature 3", "feature 4"]);
    let a = &data.areas[0];
    assert_eq!(a.geometry.0.len(), 2);
    assert_eq!(a.geometry.0[0].interiors().len(), 1);
    assert_eq!(a.geometry.0[0].interiors()[0].0.len(), 4);
    assert_eq!(a.vertex_count(), 5 + 4 + 4);
    assert!(data.areas[3].properties.is_empty());
}

#[test]
fn bad_areas_are_reported_and_the_good_ones_kept() {
    let short = "[[129.5,41.3],[129.9,41.3],[129.5,41.3]]";
    let features = [
        area_feature(r#"{"name":"Good"}"#, &polygon(&[SQUARE])),
        area_feature(r#"{"id":"short-ring"}"#, &polygon(&[short])),
        area_feature(
            r#"{"name":"Text"}"#,
            &polygon(&[r#"[[129.5,"41.3"],[129.9,41.3],[129.9,41.6],[129.5,41.3]]"#]),
        ),
        area_feature(r#"{}"#, &polygon(&["[[129.5],[1,2],[3,4],[5,6]]"])),
        area_feature(
            r#"{"name":"Flat"}"#,
            r#"{"type":"Polygon","coordinates":[1,2]}"#,
        ),
        area_feature(
            r#"{"name":"Empty"}"#,
            r#"{"type":"MultiPolygon","coordinates":[[]]}"#,
        ),
        area_feature(r#"{"name":"Good too"}"#, &polygon(&[SQUARE, HOLE])),
        area_feature(r#"{"name":"None"}"#, r#"{"type":"Polygon"}"#),
    ];
    let (data, d) = read(&collection(&features));
    let names: Vec<&str> = data.areas.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Good", "Good too"]);
    assert_eq!(
        messages(&d),
        "t.geojson:feature 1 (short-ring): error: geometry: a ring needs at least 4 positions\n\
         t.geojson:feature 2 (Text): error: geometry: a position should hold numbers, not a string\n\
         t.geojson:feature 3: error: geometry: a position needs two numbers [lon, lat]\n\
         t.geojson:feature 4 (Flat): error: geometry: a ring should be an array of positions\n\
         t.geojson:feature 5 (Empty): error: geometry: a polygon needs an exterior ring\n\
         t.geojson:feature 7 (None): error: geometry: no coordinates\n"
    );
}

#[test]
fn neither_record_nor_polygon_is_still_an_error() {
    let line = r#"{"type":"LineString","coordinates":[[129.6,41.4],[129.7,41.5]]}"#;
    let features = [
        area_feature(r#"{"name":"Road","id":"road"}"#, line),
        area_feature("null", line),
        area_feature(r#"{"name":"Nothing"}"#, "null"),
        area_feature(r#""text""#, &polygon(&[SQUARE])),
    ];
    let (data, d) = read(&collection(&features));
    assert!(data.areas.is_empty());
    let m = messages(&d);
    assert!(
        m.contains("t.geojson:feature 0 (road): error: property 'record' is missing"),
        "{m}"
    );
    assert!(
        m.contains("t.geojson:feature 1: error: a feature needs a 'properties' object"),
        "{m}"
    );
    assert!(
        m.contains("t.geojson:feature 2: error: property 'record' is missing"),
        "{m}"
    );
    assert!(
        m.contains("t.geojson:feature 3: error: a feature needs a 'properties' object"),
        "{m}"
    );
}

#[test]
fn records_and_areas_in_one_file_and_a_single_feature_file() {
    let (data, d) = read(&collection(&[
        SOURCE.into(),
        area_feature(r#"{"name":"A"}"#, &polygon(&[SQUARE])),
        site("", "null"),
    ]));
    assert!(d.is_empty(), "{}", messages(&d));
    assert_eq!(
        (data.sources.len(), data.sites.len(), data.areas.len()),
        (1, 1, 1)
    );
    // A record with a polygon is still a record, and still wrong.
    let (data, d) = read(&collection(&[SOURCE.into(), site("", &polygon(&[SQUARE]))]));
    assert!(data.areas.is_empty() && data.sites.is_empty());
    assert!(
        messages(&d).contains("wrong geometry type for a site: Polygon"),
        "{}",
        messages(&d)
    );
    // A file that is one Feature; `coordinates` before `type`.
    let one = format!(
        r#"{{"type":"Feature","properties":{{"name":"One"}},"geometry":{{"coordinates":[{SQUARE}],"type":"Polygon"}}}}"#
    );
    let (data, d) = read(&one);
    assert!(d.is_empty(), "{}", messages(&d));
    assert_eq!(data.areas[0].name, "One");
}

#[test]
fn a_number_out_of_range_is_the_files_syntax_error() {
    // The first pass skims numbers; the error is still the file's, at its line and column.
    let bad = collection(&[
        area_feature(r#"{"name":"A"}"#, &polygon(&[SQUARE])),
        area_feature(
            r#"{"name":"B"}"#,
            "{\"type\":\"Polygon\",\n\"coordinates\":[[[1e400,41],[1,2],[3,4],[1e400,41]]]}",
        ),
    ]);
    let (data, d) = read(&bad);
    assert!(data.areas.is_empty());
    let expected = serde_json::from_str::<Value>(&bad).unwrap_err();
    assert_eq!(
        messages(&d),
        format!(
            "t.geojson:{}:{}: error: not valid JSON: number out of range\n",
            expected.line(),
            expected.column()
        )
    );
}

#[test]
fn areas_round_trip_through_geojson() {
    let multi = format!(
        r#"{{"type":"MultiPolygon","coordinates":[[{SQUARE},{HOLE}],[[[130,42],[130.123456,42],[130.1,42.1],[130,42]]]]}}"#
    );
    let text = collection(&[
        SOURCE.into(),
        area_feature(r#"{"name":"M","pop":1200,"nested":{"a":[1,2]}}"#, &multi),
        area_feature(r#"{"z":"first","a":"second"}"#, &polygon(&[SQUARE])),
    ]);
    let (data, d) = read(&text);
    assert!(d.is_empty(), "{}", messages(&d));
    let out = write_geojson(&data);
    let (back, d) = read_files(
        &[("out.geojson".into(), out.clone().into_bytes())],
        &geo(),
        &[],
    );
    assert!(d.is_empty(), "{}", messages(&d));
    // The unnamed area was feature 2 and is feature 2 again (after the one source).
    assert_eq!(back, data);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["features"][1]["geometry"]["type"], "MultiPolygon");
    assert_eq!(v["features"][2]["geometry"]["type"], "Polygon");
    assert_eq!(v["features"][1]["properties"]["pop"], "1200");
    // Properties keep their order; coordinates are one line.
    assert!(out.contains("\"z\": \"first\",\n"), "{out}");
    assert!(out.contains("[[[129.5,41.3],[129.9,41.3],"), "{out}");
    let only = Dataset {
        areas: data.areas.clone(),
        ..Dataset::default()
    };
    assert_eq!(write_areas_geojson(&data.areas), write_geojson(&only));
}
