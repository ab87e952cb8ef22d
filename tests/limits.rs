//! Resource limits on hostile files (issue 17): a 200,000-deep array, a 100-million-byte
//! text, a place name of 50,000 words. Each gives a clear message naming the file and the
//! record, and the rest of the file loads. (The 1 GB file and the 100,000 × 100,000 pixel
//! tile are measured with `/usr/bin/time -v`; docs/development.md has the commands.)

use nkmap::io::{Diagnostic, read_dataset};
use nkmap::model::Dataset;

fn read(text: &[u8], label: &str) -> (Dataset, Vec<Diagnostic>) {
    let geo = nkmap::bundled::geography().unwrap_or_else(|e| panic!("{e}"));
    read_dataset(text, label, &geo, nkmap::bundled::seed_sources())
}

fn messages(d: &[Diagnostic]) -> String {
    d.iter().map(|d| format!("{d}\n")).collect()
}

const GOOD_SITE: &str = r#"{"type":"Feature","geometry":null,"properties":{"record":"site",
  "id":"good","name":"Good","category":"hospital","place":"Orang","precision":"county",
  "evidence":[{"source":"asiapress-2024-02-20x10","grade":"C"}]}}"#;

fn site_with(id: &str, key: &str, value: &str) -> String {
    format!(
        r#"{{"type":"Feature","geometry":null,"properties":{{"record":"site","id":"{id}",
        "name":"N","category":"hospital","place":"Orang","precision":"county",
        "evidence":[{{"source":"asiapress-2024-02-20x10","grade":"C"}}],"{key}":{value}}}}}"#
    )
}

#[test]
fn a_200000_deep_array_is_a_syntax_error_not_a_stack_overflow() {
    let depth = 200_000;
    let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    for (label, text) in [
        ("deep.geojson", deep.clone()),
        (
            "deep-in-a-property.geojson",
            format!(
                r#"{{"type":"FeatureCollection","features":[{GOOD_SITE},{}]}}"#,
                site_with("deep", "notes", &deep)
            ),
        ),
    ] {
        let (data, diags) = read(text.as_bytes(), label);
        let m = messages(&diags);
        assert!(
            m.contains(label) && m.contains("recursion limit"),
            "{label}: {}",
            &m[..m.len().min(500)]
        );
        assert!(
            data.sites.is_empty(),
            "an invalid file gives its syntax error only"
        );
    }
}

#[test]
fn a_100_million_byte_text_is_refused_by_name_and_the_rest_loads() {
    let huge = format!("\"{}\"", "x".repeat(100_000_000));
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{GOOD_SITE},{}]}}"#,
        site_with("huge", "notes", &huge)
    );
    let (data, diags) = read(text.as_bytes(), "huge.geojson");
    drop(text);
    let m = messages(&diags);
    assert!(
        m.contains("huge.geojson:feature 1 (huge): error: property 'notes' holds a text of 100,000,002 bytes")
            || m.contains("property 'notes' holds a text of 100,000,000 bytes"),
        "{}",
        &m[..m.len().min(500)]
    );
    assert!(m.len() < 1000, "the message does not repeat the text");
    assert_eq!(data.sites.len(), 1, "the good site still loads");

    // The same as a huge id: the message's location is cut short.
    let id = "a".repeat(100_000_000);
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{GOOD_SITE},{}]}}"#,
        site_with(&id, "notes", "\"n\"")
    );
    let (data, diags) = read(text.as_bytes(), "huge-id.geojson");
    let m = messages(&diags);
    assert!(
        m.len() < 1000 && m.contains("property 'id' holds a text"),
        "{}",
        &m[..m.len().min(500)]
    );
    assert_eq!(data.sites.len(), 1);
}

#[test]
fn a_place_of_50000_words_is_unknown_at_once() {
    let place = format!("\"{}\"", "Kusong ".repeat(10_000).trim_end());
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{GOOD_SITE},{}]}}"#,
        site_with("long-place", "products", "\"p\"").replace("\"Orang\"", &place)
    );
    let (data, diags) = read(text.as_bytes(), "long-place.geojson");
    let m = messages(&diags);
    assert!(
        m.contains("unknown place in 'place'"),
        "{}",
        &m[..m.len().min(500)]
    );
    assert_eq!(data.sites.len(), 1);
}

#[test]
fn a_csv_with_a_100_million_byte_cell_is_refused_by_name() {
    let csv = format!(
        "record,id,name,category,place,precision,evidence,notes\n\
         site,good,Good,hospital,Orang,county,asiapress-2024-02-20x10#C,\n\
         site,huge,Huge,hospital,Orang,county,asiapress-2024-02-20x10#C,{}\n",
        "x".repeat(100_000_000)
    );
    let (data, diags) = read(csv.as_bytes(), "huge.csv");
    let m = messages(&diags);
    assert!(
        m.contains("huge.csv:3 (huge): error: property 'notes' holds a text of 100,000,000 bytes"),
        "{}",
        &m[..m.len().min(500)]
    );
    assert_eq!(data.sites.len(), 1);
}
