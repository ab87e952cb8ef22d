//! The project's evidence rules, checked on every record once its sources are known, so a
//! grade or a date that contradicts the rules in `seeds/README.md` is reported by `nkmap
//! check` and in the app's messages, for the bundled seeds and users' files alike.
//!
//! - **C-2 needs two independent sources**: at least two cited pages from different
//!   publishers, graded C-2, for the same claim. A claim resting on one publisher cannot be
//!   C-2, and a single claim (a milestone's date, a dispute) that two publishers state but is
//!   graded C should be C-2.
//! - **No date more precise than its sources allow**: a milestone given to the day cannot be
//!   `approximate` (write the month), and a page cannot report something dated after its own
//!   publication.
//!
//! These are warnings, not errors: the record still loads, and the message says what to change.

use crate::model::{Evidence, Grade, Milestone, PartialDate, Site, Source};
use std::collections::{BTreeSet, HashMap};

use super::record::Record;

/// Looks up a cited source by id (the files' own and the bundled ones).
pub type Sources<'a> = HashMap<&'a str, &'a Source>;

fn publisher_key(s: &Source) -> String {
    s.publisher.trim().to_lowercase()
}

/// Publishers of the entries graded `grade`, as written in the sources (first spelling kept).
fn publishers_graded(evidence: &[Evidence], grade: Grade, sources: &Sources<'_>) -> Vec<String> {
    let mut keys = BTreeSet::new();
    let mut names = Vec::new();
    for e in evidence.iter().filter(|e| e.grade == grade) {
        if let Some(s) = sources.get(e.source.as_str())
            && keys.insert(publisher_key(s))
        {
            names.push(s.publisher.trim().to_owned());
        }
    }
    names
}

/// Grade rules for one claim's evidence. `single_claim` is true for a milestone's or a
/// dispute's evidence (every entry supports the same fact); a record's own `evidence` may
/// list pages for different facts, so only the C-2 rule applies there.
fn grade_problems(
    what: &str,
    evidence: &[Evidence],
    single_claim: bool,
    sources: &Sources<'_>,
) -> Vec<String> {
    let mut out = Vec::new();
    let c2 = publishers_graded(evidence, Grade::ConfirmedMultiple, sources);
    let has_c2 = evidence.iter().any(|e| e.grade == Grade::ConfirmedMultiple);
    if has_c2 && c2.len() < 2 {
        let by = match c2.first() {
            Some(p) => crate::t!("diag-rule-only-publisher", publisher = p),
            None => crate::t!("diag-rule-source-unknown"),
        };
        out.push(crate::t!(
            "diag-rule-c2-one-publisher",
            what = what,
            by = by
        ));
    }
    if single_claim {
        let c = publishers_graded(evidence, Grade::Confirmed, sources);
        if !has_c2 && c.len() >= 2 {
            out.push(crate::t!(
                "diag-rule-c-should-be-c2",
                what = what,
                n = c.len(),
                publishers = c.join(", ")
            ));
        } else if has_c2 && c2.len() >= 2 && !c.is_empty() {
            out.push(crate::t!(
                "diag-rule-mixed-grades",
                what = what,
                publishers = c.join(", ")
            ));
        }
    }
    out
}

/// For a record whose evidence may also back other facts (an event, a flow): a warning when
/// every dated page cited predates it — then nothing cited can report it.
fn all_dated_before(
    what: &str,
    date: PartialDate,
    evidence: &[Evidence],
    sources: &Sources<'_>,
) -> Vec<String> {
    let dated = evidence
        .iter()
        .filter(|e| {
            sources
                .get(e.source.as_str())
                .is_some_and(|s| s.date.is_some())
        })
        .count();
    let early = dated_before(what, date, evidence, sources);
    if dated > 0 && early.len() == dated {
        early
    } else {
        Vec::new()
    }
}

/// Pages cited for something dated `date` that were published before it could happen.
fn dated_before(
    what: &str,
    date: PartialDate,
    evidence: &[Evidence],
    sources: &Sources<'_>,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for e in evidence {
        let Some(s) = sources.get(e.source.as_str()) else {
            continue;
        };
        let Some(published) = s.date else { continue };
        let (y, m, d) = published.end();
        let last_day = PartialDate::ymd(y, m, d).start_day_number();
        if last_day < date.start_day_number() && seen.insert(s.id.as_str()) {
            out.push(crate::t!(
                "diag-rule-cited-before",
                what = what,
                date = date.to_string(),
                source = s.id.as_str(),
                published = published.to_string()
            ));
        }
    }
    out
}

fn milestone_problems(i: usize, m: &Milestone, sources: &Sources<'_>) -> Vec<String> {
    let what = format!(
        "milestones[{i}] ({})",
        super::record::milestone_name(m.kind)
    );
    let mut out = grade_problems(&what, &m.evidence, true, sources);
    if m.approximate && m.date.day.is_some() {
        out.push(crate::t!(
            "diag-rule-approximate-day",
            what = &what,
            date = m.date.to_string(),
            month = format!("{}-{:02}", m.date.year, m.date.month.unwrap_or(1))
        ));
    }
    out.extend(dated_before(&what, m.date, &m.evidence, sources));
    out
}

fn site_problems(s: &Site, sources: &Sources<'_>) -> Vec<String> {
    let mut out = grade_problems("evidence", &s.evidence, false, sources);
    for (i, m) in s.milestones.iter().enumerate() {
        out.extend(milestone_problems(i, m, sources));
    }
    out
}

fn dispute_problems(disputes: &[crate::model::Dispute], sources: &Sources<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for (i, d) in disputes.iter().enumerate() {
        let what = format!("disputes[{i}] ({})", d.field);
        out.extend(grade_problems(&what, &d.evidence, true, sources));
        if let Ok(date) = PartialDate::parse(&d.value) {
            out.extend(dated_before(&what, date, &d.evidence, sources));
        }
    }
    out
}

/// Every rule the record breaks, as warning messages.
pub fn problems(record: &Record, sources: &Sources<'_>) -> Vec<String> {
    match record {
        Record::Source(_) => Vec::new(),
        Record::Site(s) => {
            let mut out = site_problems(s, sources);
            out.extend(dispute_problems(&s.disputes, sources));
            out
        }
        Record::Flow(f) => {
            let mut out = grade_problems("evidence", &f.evidence, false, sources);
            if let Some(start) = f.start {
                out.extend(dated_before(
                    &crate::t!("diag-rule-flow-start"),
                    start,
                    &f.evidence,
                    sources,
                ));
            }
            out.extend(dispute_problems(&f.disputes, sources));
            out
        }
        Record::Event(e) => {
            let mut out = grade_problems("evidence", &e.evidence, false, sources);
            if let Some(date) = e.date {
                out.extend(all_dated_before(
                    &crate::t!("diag-rule-the-event"),
                    date,
                    &e.evidence,
                    sources,
                ));
            }
            out.extend(dispute_problems(&e.disputes, sources));
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LocationPrecision, MilestoneKind, SiteCategory, SourceKind};

    fn source(id: &str, publisher: &str, date: &str) -> Source {
        Source {
            id: id.into(),
            publisher: publisher.into(),
            title: "t".into(),
            authors: vec![],
            date: PartialDate::parse(date).ok(),
            url: None,
            doc_id: None,
            language: "en".into(),
            kind: SourceKind::News,
            note: None,
        }
    }

    fn ev(id: &str, grade: Grade) -> Evidence {
        Evidence {
            source: id.into(),
            locator: None,
            grade,
        }
    }

    fn site(milestones: Vec<Milestone>) -> Record {
        Record::Site(Site {
            id: "s".into(),
            name: "s".into(),
            category: SiteCategory::FactoryCluster,
            products: None,
            place: "Orang".into(),
            region_id: None,
            precision: LocationPrecision::Seat,
            location: None,
            cohort: Some(2025),
            milestones,
            evidence: vec![ev("kcna", Grade::Confirmed)],
            disputes: vec![],
            notes: None,
        })
    }

    fn milestone(date: &str, approximate: bool, evidence: Vec<Evidence>) -> Milestone {
        Milestone {
            kind: MilestoneKind::Inauguration,
            date: PartialDate::parse(date).unwrap_or(PartialDate::ymd(2000, 1, 1)),
            approximate,
            evidence,
            observation: None,
        }
    }

    fn all() -> Vec<Source> {
        vec![
            source("kcna", "KCNA", "2025-12-16"),
            source("kcna-2", "KCNA", "2025-12-17"),
            source("news1", "News1", "2025-12-16"),
            source("early", "Voice of Korea", "2024-12-07"),
        ]
    }

    fn check(r: &Record) -> Vec<String> {
        let sources = all();
        let map: Sources<'_> = sources.iter().map(|s| (s.id.as_str(), s)).collect();
        problems(r, &map)
    }

    #[test]
    fn c2_needs_two_publishers() {
        // Two pages of one publisher are one source.
        let one = site(vec![milestone(
            "2025-12-15",
            false,
            vec![
                ev("kcna", Grade::ConfirmedMultiple),
                ev("kcna-2", Grade::ConfirmedMultiple),
            ],
        )]);
        let p = check(&one);
        assert!(p.iter().any(|m| m.contains("only KCNA is cited")), "{p:?}");
        let two = site(vec![milestone(
            "2025-12-15",
            false,
            vec![
                ev("kcna", Grade::ConfirmedMultiple),
                ev("news1", Grade::ConfirmedMultiple),
            ],
        )]);
        assert!(check(&two).is_empty(), "{:?}", check(&two));
    }

    #[test]
    fn a_claim_two_publishers_state_is_c2() {
        let r = site(vec![milestone(
            "2025-12-15",
            false,
            vec![ev("kcna", Grade::Confirmed), ev("news1", Grade::Confirmed)],
        )]);
        let p = check(&r);
        assert!(
            p.iter().any(|m| m.contains("by the rule that is C-2")),
            "{p:?}"
        );
    }

    #[test]
    fn dates_no_finer_than_the_sources() {
        let approx_day = site(vec![milestone(
            "2025-12-15",
            true,
            vec![ev("kcna", Grade::Confirmed)],
        )]);
        let p = check(&approx_day);
        assert!(p.iter().any(|m| m.contains("marked approximate")), "{p:?}");
        let approx_month = site(vec![milestone(
            "2025-12",
            true,
            vec![ev("kcna", Grade::Confirmed)],
        )]);
        assert!(
            check(&approx_month).is_empty(),
            "{:?}",
            check(&approx_month)
        );
        // A page from 7 Dec 2024 cannot report a ceremony of 20 Dec 2024.
        let early = site(vec![milestone(
            "2024-12-20",
            false,
            vec![ev("early", Grade::Confirmed)],
        )]);
        let p = check(&early);
        assert!(
            p.iter().any(|m| m.contains("cannot report a later event")),
            "{p:?}"
        );
    }
}
