//! The one filter behind the map, the site lists and the progress counts.
//!
//! Pure (no egui) so the rule is tested once and every view asks the same question. Each facet
//! is a set of accepted values; an empty set accepts everything. Category, status (on the
//! chosen date) and cohort are facts about sites, so they narrow sites only; source and
//! confidence grade narrow every kind of record. Flows are also shown only while active on
//! the date — time is part of the filter, not of the drawing.

use crate::model::{Event, Evidence, Flow, Grade, Site, SiteCategory, SiteStatus};
use std::collections::BTreeSet;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub categories: BTreeSet<SiteCategory>,
    /// Status on the date the map shows.
    pub statuses: BTreeSet<SiteStatus>,
    /// 20×10 cohort year; `None` stands for sites outside the cohorts.
    pub cohorts: BTreeSet<Option<i32>>,
    /// Source ids: a record passes when it cites any of them, anywhere (its own evidence,
    /// a milestone's, a dispute's).
    pub sources: BTreeSet<String>,
    /// A record passes when any evidence for it (its own or a milestone's; not the competing
    /// claims of a dispute) carries one of these grades.
    pub grades: BTreeSet<Grade>,
}

impl Filter {
    /// Whether the filter lets everything through (flows still follow the date).
    pub fn is_empty(&self) -> bool {
        self.categories.is_empty()
            && self.statuses.is_empty()
            && self.cohorts.is_empty()
            && self.sources.is_empty()
            && self.grades.is_empty()
    }

    pub fn site(&self, s: &Site, day: i64) -> bool {
        accepts(&self.categories, &s.category)
            && accepts(&self.statuses, &s.status_on(day))
            && accepts(&self.cohorts, &s.cohort)
            && self.cites(&s.source_ids())
            && self.graded(
                s.evidence
                    .iter()
                    .chain(s.milestones.iter().flat_map(|m| m.evidence.iter())),
            )
    }

    pub fn flow(&self, f: &Flow, day: i64) -> bool {
        flow_visible_on(f, day) && self.cites(&f.source_ids()) && self.graded(f.evidence.iter())
    }

    pub fn event(&self, e: &Event) -> bool {
        self.cites(&e.source_ids()) && self.graded(e.evidence.iter())
    }

    fn cites(&self, ids: &[&str]) -> bool {
        self.sources.is_empty() || ids.iter().any(|id| self.sources.contains(*id))
    }

    fn graded<'a>(&self, mut evidence: impl Iterator<Item = &'a Evidence>) -> bool {
        self.grades.is_empty() || evidence.any(|e| self.grades.contains(&e.grade))
    }
}

/// Whether a flow is drawn on `day`: only while it is active (from its start to its end), never
/// faded before or after. The one rule for the window (through [`Filter::flow`]) and for
/// `nkmap render` / *Export view* (`render::render_svg`), so the two cannot disagree.
pub fn flow_visible_on(f: &Flow, day: i64) -> bool {
    f.active_on(day)
}

fn accepts<T: Ord>(set: &BTreeSet<T>, v: &T) -> bool {
    set.is_empty() || set.contains(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LocationPrecision, Milestone, MilestoneKind, PartialDate};

    fn ev(source: &str, grade: Grade) -> Evidence {
        Evidence {
            source: source.into(),
            locator: None,
            grade,
        }
    }

    fn site(category: SiteCategory, cohort: Option<i32>, grade: Grade) -> Site {
        Site {
            id: "s".into(),
            name: "s".into(),
            category,
            products: None,
            place: "Orang".into(),
            region_id: None,
            precision: LocationPrecision::Seat,
            location: None,
            cohort,
            milestones: vec![Milestone {
                kind: MilestoneKind::Inauguration,
                date: PartialDate::ymd(2025, 1, 31),
                approximate: false,
                evidence: vec![ev("kcna", Grade::ConfirmedMultiple)],
                observation: None,
            }],
            evidence: vec![ev("asiapress", grade)],
            disputes: vec![],
            notes: None,
        }
    }

    fn flow(start: PartialDate, end: Option<PartialDate>) -> Flow {
        Flow {
            id: "f".into(),
            who: "w".into(),
            from: "Musan".into(),
            from_region: None,
            from_location: None,
            to: vec!["Orang".into()],
            to_regions: vec![None],
            to_locations: vec![None],
            people: None,
            shift_months: None,
            start: Some(start),
            end,
            evidence: vec![ev("asiapress", Grade::Confirmed)],
            disputes: vec![],
            notes: None,
        }
    }

    const JAN_2025: i64 = 20_089; // 2025-01-01

    #[test]
    fn the_empty_filter_accepts_every_site() {
        let f = Filter::default();
        assert!(f.is_empty());
        assert!(f.site(
            &site(SiteCategory::Hospital, None, Grade::Uncertain),
            JAN_2025
        ));
    }

    #[test]
    fn each_facet_narrows_sites() {
        let s = site(
            SiteCategory::SeafoodProcessing,
            Some(2024),
            Grade::Confirmed,
        );
        let mut f = Filter::default();
        f.categories.insert(SiteCategory::Hospital);
        assert!(!f.site(&s, JAN_2025));
        f.categories.insert(SiteCategory::SeafoodProcessing);
        assert!(f.site(&s, JAN_2025));

        let mut f = Filter::default();
        f.statuses.insert(SiteStatus::Completed);
        assert!(!f.site(&s, JAN_2025), "not completed before 2025-01-31");
        assert!(f.site(&s, PartialDate::ymd(2025, 2, 1).start_day_number()));

        let mut f = Filter::default();
        f.cohorts.insert(Some(2025));
        assert!(!f.site(&s, JAN_2025));
        f.cohorts.insert(Some(2024));
        assert!(f.site(&s, JAN_2025));

        let mut f = Filter::default();
        f.sources.insert("dailynk".into());
        assert!(!f.site(&s, JAN_2025));
        f.sources.insert("kcna".into());
        assert!(f.site(&s, JAN_2025), "a milestone's source counts");

        let mut f = Filter::default();
        f.grades.insert(Grade::Uncertain);
        assert!(!f.site(&s, JAN_2025));
        f.grades.insert(Grade::ConfirmedMultiple);
        assert!(f.site(&s, JAN_2025), "a milestone's grade counts");
    }

    #[test]
    fn flows_follow_the_date_and_ignore_site_facets() {
        let fl = flow(
            PartialDate::ymd(2024, 2, 1),
            Some(PartialDate::ymd(2024, 12, 31)),
        );
        let mut f = Filter::default();
        assert!(!f.flow(&fl, PartialDate::ymd(2024, 1, 31).start_day_number()));
        assert!(f.flow(&fl, PartialDate::ymd(2024, 6, 1).start_day_number()));
        assert!(!f.flow(&fl, JAN_2025));
        f.categories.insert(SiteCategory::Hospital);
        f.cohorts.insert(Some(2030));
        assert!(f.flow(&fl, PartialDate::ymd(2024, 6, 1).start_day_number()));
        f.grades.insert(Grade::ConfirmedMultiple);
        assert!(!f.flow(&fl, PartialDate::ymd(2024, 6, 1).start_day_number()));
    }
}
