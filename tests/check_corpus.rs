//! `nkmap check` on broken files: the specific message, exit 1, and never a panic.

use std::io::Write;
use std::process::{Command, Output};

fn check(files: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nkmap"))
        .env("LC_ALL", "C") // messages follow the locale (issue 19)
        .arg("check")
        .args(files)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn expect(file: &str, lines: &[&str]) {
    let path = format!("tests/data/bad/{file}");
    let out = check(&[&path]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{file}: {stderr}");
    assert_eq!(out.status.code(), Some(1), "{file}: {stdout}{stderr}");
    for want in lines {
        let want = format!("{path}:{want}");
        assert!(
            stdout.lines().any(|l| l.starts_with(&want)),
            "{file}: want\n{want}\ngot\n{stdout}"
        );
    }
}

#[test]
fn truncated_json() {
    expect(
        "truncated.geojson",
        &[
            "20:5: error: not valid JSON: the file ends in the middle of a value (EOF while parsing a list); is it truncated?",
        ],
    );
}

#[test]
fn wrong_geometry_type() {
    expect(
        "wrong-geometry.geojson",
        &[
            "feature 0 (line-site): error: wrong geometry type for a site: LineString (expected Point or null)",
        ],
    );
}

#[test]
fn nan_coordinates() {
    expect(
        "nan-coordinates.geojson",
        &[
            "9:11: error: not valid JSON: 'NaN' is not a number in JSON (JSON has no NaN or Infinity)",
        ],
    );
}

#[test]
fn unknown_county_with_suggestion() {
    expect(
        "unknown-county.geojson",
        &[
            "feature 0 (lost-site): error: unknown place in 'place': 'Oranjeboom County'; did you mean Orang County, North Hamgyong (KP-09-orang)?",
        ],
    );
}

#[test]
fn ambiguous_place_lists_candidates() {
    expect(
        "ambiguous-place.geojson",
        &[
            "feature 0 (unsan-site): error: ambiguous place in 'place': 'Unsan' may be Unsan County, South Phyongan (KP-02-unsan) or Unsan County, North Phyongan (KP-03-unsan)",
        ],
    );
}

#[test]
fn missing_source() {
    expect(
        "missing-source.geojson",
        &[
            "feature 0 (unsourced-site): error: evidence cites source 'no-such-source', which is not defined",
        ],
    );
}

#[test]
fn non_utf8_bytes() {
    expect(
        "non-utf8.geojson",
        &["21:29: error: not UTF-8: invalid byte 0xFF at byte offset 497"],
    );
}

#[test]
fn milestone_out_of_order() {
    expect(
        "milestone-order.geojson",
        &[
            "feature 0 (order-site): error: milestones out of order: groundbreaking 2025-03 is after inauguration 2025-01-31",
        ],
    );
}

#[test]
fn flow_to_itself() {
    expect(
        "flow-to-itself.geojson",
        &[
            "feature 0 (loop-flow): error: flow goes from Musan County, North Hamgyong to itself: 'to[1]' ('무산군')",
        ],
    );
}

#[test]
fn bad_csv_rows_and_the_good_one_is_kept() {
    expect(
        "bad-row.csv",
        &[
            "3 (csv-short): error: row has 5 fields but the header has 8",
            "4 (csv-date): error: property 'milestones[0].date': '2025-13-01': month 13 is not 1-12",
        ],
    );
    let out = check(&["tests/data/bad/bad-row.csv"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
}

#[test]
fn all_at_once_one_line_per_problem() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            format!(
                "tests/data/bad/{}",
                e.unwrap().file_name().to_string_lossy()
            )
        })
        .collect();
    files.sort();
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let out = check(&args);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    for line in stdout.lines() {
        assert!(
            line.contains(": error: ") || line.contains(": warning: "),
            "{line}"
        );
    }
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&format!("{} files checked", files.len()))
    );
}

/// A 50 MB file made here (not committed): every good record loads, the one bad one is
/// reported by index, and nothing panics.
#[test]
fn fifty_megabytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.geojson");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let places = [
        "Orang",
        "Kyongsong",
        "Musan",
        "Gyeongseong-gun",
        "어랑군",
        "Kim Hyong Jik",
    ];
    write!(f, "{{\"type\":\"FeatureCollection\",\"features\":[").unwrap();
    let target = 50 * 1024 * 1024;
    let mut written = 0usize;
    let mut i = 0usize;
    let bad = 54_321;
    while written < target {
        let place = if i == bad {
            "Nowhere-gun"
        } else {
            places[i % places.len()]
        };
        let s = format!(
            "{}{{\"type\":\"Feature\",\"geometry\":null,\"properties\":{{\"record\":\"site\",\"id\":\"s-{i}\",\
             \"name\":\"Generated site {i} with a longer name to take up room\",\"category\":\"other\",\
             \"place\":\"{place}\",\"precision\":\"county\",\"cohort\":2024,\
             \"notes\":\"{}\",\
             \"evidence\":[{{\"source\":\"asiapress-2024-02-20x10\",\"locator\":\"para {}\",\"grade\":\"C\"}}]}}}}\n",
            if i == 0 { "" } else { "," },
            "padding ".repeat(20),
            i % 12
        );
        f.write_all(s.as_bytes()).unwrap();
        written += s.len();
        i += 1;
    }
    write!(f, "]}}").unwrap();
    f.flush().unwrap();
    drop(f);
    assert!(std::fs::metadata(&path).unwrap().len() >= target as u64);

    let p = path.to_str().unwrap();
    let out = check(&[p]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "{}",
        lines.iter().take(5).cloned().collect::<Vec<_>>().join("\n")
    );
    assert!(
        lines[0].starts_with(&format!(
            "{p}:feature {bad} (s-{bad}): error: unknown place in 'place': 'Nowhere-gun'"
        )),
        "{}",
        lines[0]
    );
}
