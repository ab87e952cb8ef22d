//! Progress of the 20×10 policy: how many counties broke ground and how many have completed
//! factories, per cohort year and per province, against the policy's 20 counties a year.
//!
//! Pure (no egui). Counts are of distinct counties, not of sites: Kangdong's factory, hospital
//! and service complex are one county. Each count keeps the records behind it (`K`, whatever
//! key the caller uses to point at a site) so a view can list them.

use crate::model::{Site, SiteCategory, SiteStatus};
use crate::timeline::year_fraction;
use std::collections::{BTreeMap, BTreeSet};

/// Counties a year the policy sets out to build in.
pub const TARGET_PER_YEAR: usize = 20;
/// The policy's first and last cohort year.
pub const FIRST_YEAR: i32 = 2024;
pub const LAST_YEAR: i32 = 2033;

/// The policy's regional-industry factories. Hospitals, service complexes, greenhouses and
/// farms built in the same counties are recorded but do not count towards the 20 counties.
pub fn is_factory(c: SiteCategory) -> bool {
    matches!(
        c,
        SiteCategory::FactoryCluster
            | SiteCategory::FoodFactory
            | SiteCategory::SeafoodProcessing
            | SiteCategory::PaperMill
            | SiteCategory::ChemicalPlant
    )
}

/// Counties reaching a stage, and the sites that put them there.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally<K> {
    pub counties: BTreeSet<String>,
    pub records: Vec<K>,
}

impl<K> Default for Tally<K> {
    fn default() -> Self {
        Tally {
            counties: BTreeSet::new(),
            records: Vec::new(),
        }
    }
}

impl<K> Tally<K> {
    pub fn count(&self) -> usize {
        self.counties.len()
    }

    fn add(&mut self, county: &str, key: K) {
        self.counties.insert(county.to_owned());
        self.records.push(key);
    }
}

/// One row of a progress table: counties with groundbreaking (work started, finished or not)
/// and counties with a completed factory.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<K> {
    pub groundbreaking: Tally<K>,
    pub completed: Tally<K>,
}

impl<K> Default for Row<K> {
    fn default() -> Self {
        Row {
            groundbreaking: Tally::default(),
            completed: Tally::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Progress<K> {
    /// Every cohort year with at least one factory, in order.
    pub by_cohort: BTreeMap<i32, Row<K>>,
    /// Province id → row, over all cohorts.
    pub by_province: BTreeMap<String, Row<K>>,
    /// All cohorts together.
    pub total: Row<K>,
}

/// Progress on `day` of the cohort factories among `sites`. `province_of` maps a county id to
/// its province id. Sites without a cohort or a resolved county are left out.
pub fn progress<'a, K: Clone>(
    sites: impl IntoIterator<Item = (K, &'a Site)>,
    province_of: impl Fn(&str) -> Option<String>,
    day: i64,
) -> Progress<K> {
    let mut out = Progress {
        by_cohort: BTreeMap::new(),
        by_province: BTreeMap::new(),
        total: Row::default(),
    };
    for (key, s) in sites {
        let (Some(cohort), Some(county)) = (s.cohort, s.region_id.as_deref()) else {
            continue;
        };
        if !is_factory(s.category) {
            continue;
        }
        let status = s.status_on(day);
        let mut rows = vec![out.by_cohort.entry(cohort).or_default()];
        let province = province_of(county).unwrap_or_else(|| "unknown".to_owned());
        rows.push(out.by_province.entry(province).or_default());
        rows.push(&mut out.total);
        for row in rows {
            if status >= SiteStatus::UnderConstruction {
                row.groundbreaking.add(county, key.clone());
            }
            if status == SiteStatus::Completed {
                row.completed.add(county, key.clone());
            }
        }
    }
    out
}

/// Cumulative counties with a completed cohort factory, as `[year, count]` steps from
/// 2024 to `until` (a day number), for a chart. A county counts from its first completion.
pub fn completions_over_time<'a>(
    sites: impl IntoIterator<Item = &'a Site>,
    until: i64,
) -> Vec<[f64; 2]> {
    let mut first: BTreeMap<&str, i64> = BTreeMap::new();
    for s in sites {
        let (Some(_), Some(county)) = (s.cohort, s.region_id.as_deref()) else {
            continue;
        };
        if !is_factory(s.category) {
            continue;
        }
        if let Some(m) = s.milestone(crate::model::MilestoneKind::Inauguration) {
            let d = m.date.start_day_number();
            let e = first.entry(county).or_insert(d);
            *e = (*e).min(d);
        }
    }
    let mut days: Vec<i64> = first.into_values().filter(|&d| d <= until).collect();
    days.sort_unstable();
    let start = crate::timeline::date_range().0;
    let mut out = vec![[year_fraction(start), 0.0]];
    for (i, d) in days.iter().enumerate() {
        let x = year_fraction(*d);
        out.push([x, i as f64]);
        out.push([x, (i + 1) as f64]);
    }
    out.push([year_fraction(until.max(start)), days.len() as f64]);
    out
}

/// The policy's line: 20 counties a year from January 2024, 200 by the end of 2033.
pub fn target_line() -> Vec<[f64; 2]> {
    vec![
        [f64::from(FIRST_YEAR), 0.0],
        [
            f64::from(LAST_YEAR + 1),
            (TARGET_PER_YEAR * (LAST_YEAR - FIRST_YEAR + 1) as usize) as f64,
        ],
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Evidence, Grade, LocationPrecision, Milestone, MilestoneKind, PartialDate};

    fn site(
        county: &str,
        cohort: i32,
        category: SiteCategory,
        ground: Option<PartialDate>,
        done: Option<PartialDate>,
    ) -> Site {
        let ms = |kind, d: Option<PartialDate>| {
            d.map(|date| Milestone {
                kind,
                date,
                approximate: false,
                evidence: vec![Evidence {
                    source: "s".into(),
                    locator: None,
                    grade: Grade::Confirmed,
                }],
                observation: None,
            })
        };
        Site {
            id: county.into(),
            name: county.into(),
            category,
            products: None,
            place: county.into(),
            region_id: Some(county.into()),
            precision: LocationPrecision::Seat,
            location: None,
            cohort: Some(cohort),
            milestones: [
                ms(MilestoneKind::Groundbreaking, ground),
                ms(MilestoneKind::Inauguration, done),
            ]
            .into_iter()
            .flatten()
            .collect(),
            evidence: vec![],
            disputes: vec![],
            notes: None,
        }
    }

    fn d(y: i32, m: u8, dd: u8) -> PartialDate {
        PartialDate::ymd(y, m, dd)
    }

    #[test]
    fn counts_counties_per_cohort_and_province_with_their_records() {
        let sites = [
            site(
                "KP-09-orang",
                2024,
                SiteCategory::SeafoodProcessing,
                Some(d(2024, 3, 7)),
                Some(d(2025, 1, 31)),
            ),
            site(
                "KP-02-sukchon",
                2024,
                SiteCategory::FactoryCluster,
                Some(d(2024, 3, 7)),
                Some(d(2025, 1, 8)),
            ),
            // Two factories in one county count once; the hospital not at all.
            site(
                "KP-01-kangdong",
                2025,
                SiteCategory::FactoryCluster,
                Some(d(2025, 2, 28)),
                None,
            ),
            site(
                "KP-01-kangdong",
                2025,
                SiteCategory::FoodFactory,
                Some(d(2025, 2, 28)),
                None,
            ),
            site(
                "KP-01-kangdong",
                2025,
                SiteCategory::Hospital,
                Some(d(2025, 2, 6)),
                None,
            ),
        ];
        let province = |c: &str| Some(c[..5].to_owned());
        let day = d(2025, 1, 20).start_day_number();
        let p = progress(sites.iter().enumerate(), province, day);
        let y2024 = &p.by_cohort[&2024];
        assert_eq!(y2024.groundbreaking.count(), 2);
        assert_eq!(y2024.completed.count(), 1, "Sukchon done, Orang not yet");
        assert_eq!(y2024.completed.records, vec![1]);
        assert_eq!(p.by_cohort[&2025].groundbreaking.count(), 0);

        let later = progress(
            sites.iter().enumerate(),
            province,
            d(2025, 3, 1).start_day_number(),
        );
        assert_eq!(later.by_cohort[&2024].completed.count(), 2);
        let y2025 = &later.by_cohort[&2025];
        assert_eq!(y2025.groundbreaking.count(), 1);
        assert_eq!(y2025.groundbreaking.records, vec![2, 3]);
        assert_eq!(later.by_province["KP-09"].completed.count(), 1);
        assert_eq!(later.total.groundbreaking.count(), 3);
    }

    #[test]
    fn completions_step_up_once_per_county() {
        let sites = [
            site(
                "a",
                2024,
                SiteCategory::FactoryCluster,
                None,
                Some(d(2024, 12, 20)),
            ),
            site(
                "a",
                2024,
                SiteCategory::FoodFactory,
                None,
                Some(d(2025, 1, 2)),
            ),
            site(
                "b",
                2024,
                SiteCategory::FactoryCluster,
                None,
                Some(d(2025, 7, 2)),
            ),
            site(
                "c",
                2025,
                SiteCategory::FactoryCluster,
                None,
                Some(d(2030, 1, 1)),
            ),
        ];
        let line = completions_over_time(&sites, d(2026, 1, 1).start_day_number());
        let last = line.last().copied().unwrap_or_default();
        assert_eq!(last, [2026.0, 2.0]);
        assert!(
            line.windows(2)
                .all(|w| w[0][0] <= w[1][0] && w[0][1] <= w[1][1])
        );
        assert_eq!(target_line()[1], [2034.0, 200.0]);
    }
}
