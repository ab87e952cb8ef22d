//! The bundled data is current, checks clean under the project's rules, and says how old it is:
//! the 2025 cohort complete, the 2026 cohort as reported, the 13 first-level units, the rules
//! that `nkmap check` enforces, and "data as of" wherever a reader meets the data.

use nkmap::bundled;
use nkmap::model::{PartialDate, SiteStatus};
use std::path::Path;
use std::process::Command;

fn nkmap() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_nkmap"));
    // Messages in English whatever the machine's locale.
    c.env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    c
}

fn day(y: i32, m: u8, d: u8) -> i64 {
    PartialDate::ymd(y, m, d).start_day_number()
}

/// Counties with factories completed / begun by `date`, per cohort year (the Progress window's
/// numbers, from the same function).
fn progress_on(date: i64) -> nkmap::progress::Progress<usize> {
    let geo = bundled::geography().expect("geography");
    let (seeds, _) = bundled::seeds(&geo);
    nkmap::progress::progress(
        seeds.sites.iter().enumerate(),
        |county| geo.region(county).map(|r| r.province.clone()),
        date,
    )
}

#[test]
fn the_2025_cohort_is_twenty_completed_counties_by_new_year_2026() {
    let p = progress_on(day(2026, 1, 1));
    let y2025 = &p.by_cohort[&2025];
    assert_eq!(
        y2025.completed.count(),
        20,
        "{:?}",
        y2025.completed.counties
    );
    assert_eq!(y2025.groundbreaking.count(), 20);
    let y2024 = &p.by_cohort[&2024];
    assert_eq!(y2024.completed.count(), 20);
    // The 2026 cohort as far as it has been reported: every county found broke ground in
    // January–February 2026; none had opened by the newest source.
    let p = progress_on(day(2026, 11, 30));
    let y2026 = &p.by_cohort[&2026];
    assert_eq!(
        y2026.groundbreaking.count(),
        12,
        "{:?}",
        y2026.groundbreaking.counties
    );
    for county in [
        "KP-05-unryul",
        "KP-02-phyongwon",
        "KP-01-kangnam",
        "KP-02-maengsan",
        "KP-09-musan",
        "KP-05-songhwa",
        "KP-14-taean",
        "KP-15-kaesong",
        "KP-04-hwaphyong",
        "KP-07-phyonggang",
        "KP-09-myonggan",
        "KP-10-samsu",
    ] {
        assert!(y2026.groundbreaking.counties.contains(county), "{county}");
    }
    assert_eq!(y2026.completed.count(), 0);
    // A month earlier, Ryonggang (29 Dec) had not opened yet.
    let before = progress_on(day(2025, 12, 1));
    assert!(before.by_cohort[&2025].completed.count() < 20);
}

#[test]
fn every_2025_factory_site_has_an_opening_with_a_source() {
    let geo = bundled::geography().expect("geography");
    let (seeds, _) = bundled::seeds(&geo);
    let jan_2026 = day(2026, 1, 1);
    for s in seeds
        .sites
        .iter()
        .filter(|s| s.cohort == Some(2025) && nkmap::progress::is_factory(s.category))
    {
        assert_eq!(s.status_on(jan_2026), SiteStatus::Completed, "{}", s.id);
        let opening = s
            .milestone(nkmap::model::MilestoneKind::Inauguration)
            .unwrap_or_else(|| panic!("{} has no opening", s.id));
        assert!(!opening.evidence.is_empty(), "{}", s.id);
    }
}

#[test]
fn the_seeds_check_clean_under_the_evidence_rules() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = nkmap()
        .arg("check")
        .args(
            ["sources", "sites", "flows", "events"]
                .map(|f| root.join(format!("seeds/{f}.geojson"))),
        )
        .output()
        .expect("run nkmap");
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("0 errors, 0 warnings"), "{text}");
}

/// A file that breaks each rule once: `nkmap check` names the record and what to change.
#[test]
fn check_reports_grades_and_dates_that_break_the_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rules.geojson");
    let source = |id: &str, publisher: &str, date: &str| {
        format!(
            r#"{{"type":"Feature","geometry":null,"properties":{{"record":"source","id":"{id}",
            "publisher":"{publisher}","title":"T","date":"{date}","url":"https://example.org/{id}",
            "language":"en","kind":"news"}}}}"#
        )
    };
    let site = |id: &str, milestone: &str| {
        format!(
            r#"{{"type":"Feature","geometry":null,"properties":{{"record":"site","id":"{id}",
            "name":"A","category":"food_factory","place":"Orang","precision":"seat","cohort":2025,
            "milestones":[{milestone}],"evidence":[{{"source":"a1","grade":"C"}}]}}}}"#
        )
    };
    let features = [
        source("a1", "Agency A", "2025-12-16"),
        source("a2", "Agency A", "2025-12-17"),
        source("b1", "Outlet B", "2025-12-16"),
        source("old", "Outlet C", "2024-12-07"),
        // One publisher graded C-2.
        site(
            "one-publisher-c2",
            r#"{"kind":"inauguration","date":"2025-12-15","evidence":[{"source":"a1","grade":"C-2"},{"source":"a2","grade":"C-2"}]}"#,
        ),
        // Two publishers graded C.
        site(
            "two-publishers-c",
            r#"{"kind":"inauguration","date":"2025-12-15","evidence":[{"source":"a1","grade":"C"},{"source":"b1","grade":"C"}]}"#,
        ),
        // A day marked approximate.
        site(
            "approximate-day",
            r#"{"kind":"groundbreaking","date":"2025-02-25","approximate":true,"evidence":[{"source":"a1","grade":"C"}]}"#,
        ),
        // A page older than the ceremony it is cited for.
        site(
            "page-before-event",
            r#"{"kind":"inauguration","date":"2024-12-20","evidence":[{"source":"old","grade":"C"}]}"#,
        ),
        // Within the rules.
        site(
            "fine",
            r#"{"kind":"inauguration","date":"2025-12-15","evidence":[{"source":"a1","grade":"C-2"},{"source":"b1","grade":"C-2"}]}"#,
        ),
    ];
    std::fs::write(
        &path,
        format!(
            r#"{{"type":"FeatureCollection","features":[{}]}}"#,
            features.join(",")
        ),
    )
    .expect("write");
    let out = nkmap().arg("check").arg(&path).output().expect("run nkmap");
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    let line_for = |id: &str| {
        text.lines()
            .filter(|l| l.contains(&format!("({id})")))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        line_for("one-publisher-c2").contains("graded C-2 but only Agency A is cited"),
        "{text}"
    );
    assert!(
        line_for("two-publishers-c").contains("by the rule that is C-2"),
        "{text}"
    );
    assert!(
        line_for("approximate-day").contains("marked approximate"),
        "{text}"
    );
    assert!(
        line_for("page-before-event").contains("cannot report a later event"),
        "{text}"
    );
    assert_eq!(line_for("fine"), "", "{text}");
    assert!(text.contains("0 errors, 4 warnings"), "{text}");
}

#[test]
fn exports_and_version_say_how_old_the_data_is() {
    let as_of = bundled::data_as_of().expect("the seeds have dated sources");
    assert!(as_of >= PartialDate::ymd(2026, 2, 1), "{as_of}");
    let out = nkmap()
        .args(["export", "--format", "geojson"])
        .output()
        .expect("run nkmap");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("GeoJSON");
    assert_eq!(v["data_as_of"], as_of.to_string());
}
