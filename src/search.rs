//! The search box's engine: regions through the gazetteer (any spelling, partial words, one
//! typo), and sites, flows and sources by name, title or publisher; sites also by their status
//! on the map's date, in English or Korean (준공, 착공, 공사 중). Pure: no egui.

use crate::gazetteer::normalize::simplify;
use crate::geography::Geography;
use crate::i18n::Lang;
use crate::model::{Dataset, SiteStatus};

/// What a result points at. Record indices are as in the datasets passed to [`search`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Region {
        id: String,
    },
    Site {
        layer: usize,
        index: usize,
    },
    Flow {
        layer: usize,
        index: usize,
    },
    Source {
        layer: usize,
        index: usize,
    },
    /// A KML placemark (`index` into the layer's `placemarks.placemarks`).
    Placemark {
        layer: usize,
        index: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub found: Found,
    /// The name to show.
    pub title: String,
    /// One line of context: kind and province, category and place, publisher.
    pub detail: String,
    score: f32,
}

/// Results grouped by kind, each group best first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    pub regions: Vec<Hit>,
    pub sites: Vec<Hit>,
    pub flows: Vec<Hit>,
    pub sources: Vec<Hit>,
    pub placemarks: Vec<Hit>,
}

impl Results {
    /// The groups in display order, with their headings.
    pub fn groups(&self) -> [(String, &[Hit]); 5] {
        [
            (crate::t!("ui-search-places"), &self.regions),
            (crate::t!("ui-search-sites"), &self.sites),
            (crate::t!("ui-search-flows"), &self.flows),
            (crate::t!("ui-search-sources"), &self.sources),
            (crate::t!("ui-search-placemarks"), &self.placemarks),
        ]
    }

    /// Every hit in display order (the order the arrow keys walk).
    pub fn all(&self) -> Vec<&Hit> {
        self.groups()
            .into_iter()
            .flat_map(|(_, hits)| hits.iter())
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.all().is_empty()
    }
}

/// Lowercase, without diacritics or punctuation, single-spaced: "Kim Hyŏng-jik" → "kim hyong jik".
fn plain(s: &str) -> String {
    simplify(s, true)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// How well `query` (already [`plain`]) matches `text`: at the start beats inside.
fn text_score(query: &str, text: &str) -> Option<f32> {
    let t = plain(text);
    if t.starts_with(query) {
        Some(0.9)
    } else if t.split(' ').any(|w| w.starts_with(query)) {
        Some(0.8)
    } else if t.contains(query) {
        Some(0.7)
    } else {
        None
    }
}

fn best(query: &str, texts: impl IntoIterator<Item = impl AsRef<str>>) -> Option<f32> {
    texts
        .into_iter()
        .filter_map(|t| text_score(query, t.as_ref()))
        .reduce(f32::max)
}

/// Words that find a status, beyond its name in each language: what Korean reports write.
fn status_synonyms(s: SiteStatus) -> &'static [&'static str] {
    match s {
        SiteStatus::Completed => &["준공", "완공", "완성", "조업", "done", "finished"],
        // The status is named 착공·건설 중; reports also write 공사 중 and 건설 중.
        SiteStatus::UnderConstruction => &[
            "착공",
            "공사",
            "공사 중",
            "건설",
            "건설 중",
            "building",
            "groundbreaking",
        ],
        SiteStatus::Announced => &["발표", "계획", "planned"],
        SiteStatus::NotYet => &[],
    }
}

/// Whether `q` names a status, in either language whatever the interface's. Whole words only:
/// typing "c" must not list every completed site.
fn names_status(q: &str, s: SiteStatus) -> bool {
    let names = Lang::ALL.map(|l| crate::i18n::words::status_in(l, s));
    names
        .iter()
        .map(String::as_str)
        .chain(status_synonyms(s).iter().copied())
        .map(plain)
        .any(|w| w == q || w.starts_with(&format!("{q} ")))
}

/// Searches `datasets` (indexed like the app's data layers; `None` for a hidden layer) and the
/// gazetteer; at most `per_group` hits of each kind.
pub fn search(
    geo: &Geography,
    datasets: &[Option<&Dataset>],
    query: &str,
    per_group: usize,
) -> Results {
    search_on(geo, datasets, query, per_group, None)
}

/// [`search`], with sites also found by their status on `date` (days since 1970-01-01): "준공"
/// lists the sites completed by then.
pub fn search_on(
    geo: &Geography,
    datasets: &[Option<&Dataset>],
    query: &str,
    per_group: usize,
    date: Option<i64>,
) -> Results {
    let q = plain(query);
    if q.is_empty() || per_group == 0 {
        return Results::default();
    }
    let mut out = Results::default();

    // Regions: the gazetteer knows every romanization and the Hangul.
    let places = geo.gazetteer.search(query, per_group);
    for m in &places {
        let Some(r) = geo.region(&m.id) else { continue };
        let province = geo
            .province_of(&r.id)
            .filter(|p| p.id != r.id)
            .map(|p| format!(", {}", p.names.en))
            .unwrap_or_default();
        out.regions.push(Hit {
            found: Found::Region { id: r.id.clone() },
            title: format!("{}  {}", r.names.en, r.names.ko),
            detail: format!("{}{province}", crate::i18n::words::region_kind(r.kind)),
            score: m.score,
        });
    }
    // A record also matches through its place: "Eorang" finds the sites in Orang.
    let place_score = |id: Option<&str>| {
        id.and_then(|id| places.iter().find(|m| m.id == id))
            .map(|m| m.score * 0.75)
    };

    for (layer, data) in datasets.iter().enumerate() {
        let Some(data) = data else { continue };
        for (index, s) in data.sites.iter().enumerate() {
            let own = best(&q, [&s.name, &s.place, &s.id]);
            let via = place_score(s.region_id.as_deref());
            // Below a name match: "준공" lists the completed sites after any named so.
            let by_status = date
                .filter(|&d| names_status(&q, s.status_on(d)))
                .map(|_| 0.6);
            if let Some(score) = own.into_iter().chain(via).chain(by_status).reduce(f32::max) {
                let place = s
                    .region_id
                    .as_deref()
                    .and_then(|id| geo.region(id))
                    .map_or(s.place.as_str(), |r| r.names.en.as_str());
                out.sites.push(Hit {
                    found: Found::Site { layer, index },
                    title: s.name.clone(),
                    detail: format!("{} · {place}", crate::i18n::words::category(s.category)),
                    score,
                });
            }
        }
        for (index, f) in data.flows.iter().enumerate() {
            let own = best(
                &q,
                std::iter::once(&f.who)
                    .chain(std::iter::once(&f.from))
                    .chain(f.to.iter())
                    .chain(std::iter::once(&f.id)),
            );
            let via = std::iter::once(f.from_region.as_deref())
                .chain(f.to_regions.iter().map(|r| r.as_deref()))
                .filter_map(place_score)
                .reduce(f32::max);
            if let Some(score) = own.into_iter().chain(via).reduce(f32::max) {
                out.flows.push(Hit {
                    found: Found::Flow { layer, index },
                    title: f.short_label(),
                    detail: format!("{} to {}", f.from, f.to.join(", ")),
                    score,
                });
            }
        }
        for (index, s) in data.sources.iter().enumerate() {
            let texts = [&s.title, &s.publisher, &s.id]
                .into_iter()
                .chain(s.authors.iter());
            if let Some(score) = best(&q, texts) {
                out.sources.push(Hit {
                    found: Found::Source { layer, index },
                    title: s.title.clone(),
                    detail: match s.date {
                        Some(d) => format!("{} · {d}", s.publisher),
                        None => s.publisher.clone(),
                    },
                    score,
                });
            }
        }
    }
    for (layer, data) in datasets.iter().enumerate() {
        let Some(data) = data else { continue };
        let pm = &data.placemarks;
        for (index, p) in pm.placemarks.iter().enumerate() {
            // Names in any script (Hangul as written), then ids and ExtendedData values.
            let own = best(&q, [&p.name]).or_else(|| {
                best(&q, p.id.iter().chain(p.data.iter().map(|(_, v)| v))).map(|s| s * 0.8)
            });
            if let Some(score) = own {
                out.placemarks.push(Hit {
                    found: Found::Placemark { layer, index },
                    title: crate::i18n::words::placemark_title(p),
                    detail: pm.folder_path(p.folder).join(" / "),
                    score,
                });
            }
        }
    }
    for group in [
        &mut out.sites,
        &mut out.flows,
        &mut out.sources,
        &mut out.placemarks,
    ] {
        // Stable and total, so the list does not shuffle between frames.
        group.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.title.cmp(&b.title)));
        group.truncate(per_group);
    }
    out
}

/// The first record citing source `id`, in site, flow, event order: where "show me this
/// source" goes on the map.
pub fn first_citing(datasets: &[Option<&Dataset>], id: &str) -> Option<Found> {
    for (layer, data) in datasets.iter().enumerate() {
        let Some(data) = data else { continue };
        if let Some(index) = data.sites.iter().position(|s| s.source_ids().contains(&id)) {
            return Some(Found::Site { layer, index });
        }
        if let Some(index) = data.flows.iter().position(|f| f.source_ids().contains(&id)) {
            return Some(Found::Flow { layer, index });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (Geography, Dataset) {
        let geo = match crate::bundled::geography() {
            Ok(g) => g,
            Err(e) => panic!("bundled geography: {e}"),
        };
        let (seeds, _) = crate::bundled::seeds(&geo);
        (geo, seeds)
    }

    #[test]
    fn a_revised_romanization_finds_the_county_first_and_its_site() {
        let (geo, seeds) = setup();
        let r = search(&geo, &[Some(&seeds)], "Eorang", 8);
        assert_eq!(
            r.all().first().map(|h| &h.found),
            Some(&Found::Region {
                id: "KP-09-orang".into()
            }),
            "{r:#?}"
        );
        assert!(
            r.sites
                .iter()
                .any(|h| h.title.to_lowercase().contains("orang")),
            "{r:#?}"
        );
    }

    #[test]
    fn records_match_by_substring_without_case_or_diacritics() {
        let (geo, seeds) = setup();
        let r = search(&geo, &[Some(&seeds)], "MUSAN MINE", 8);
        assert!(!r.flows.is_empty(), "{r:#?}");
        let r = search(&geo, &[Some(&seeds)], "asiapress", 8);
        assert!(!r.sources.is_empty(), "{r:#?}");
        if let Some(Found::Source { index, .. }) = r.sources.first().map(|h| h.found.clone()) {
            let id = &seeds.sources[index].id;
            assert!(first_citing(&[Some(&seeds)], id).is_some());
        }
        assert!(search(&geo, &[Some(&seeds)], "   ", 8).is_empty());
        // Hidden layers are not searched.
        assert!(search(&geo, &[None], "musan mine", 8).flows.is_empty());
    }

    #[test]
    fn korean_status_words_find_the_sites_in_that_status_on_the_date() {
        let (geo, seeds) = setup();
        let day = crate::model::PartialDate::ymd(2025, 6, 1).start_day_number();
        let status_of = |h: &Hit| match h.found {
            Found::Site { index, .. } => seeds.sites[index].status_on(day),
            _ => panic!("not a site: {h:?}"),
        };
        for (word, status) in [
            ("준공", SiteStatus::Completed),
            ("완공", SiteStatus::Completed),
            ("completed", SiteStatus::Completed),
            ("착공", SiteStatus::UnderConstruction),
            ("공사 중", SiteStatus::UnderConstruction),
            ("건설 중", SiteStatus::UnderConstruction),
            ("착공·건설 중", SiteStatus::UnderConstruction),
        ] {
            let r = search_on(&geo, &[Some(&seeds)], word, 200, Some(day));
            let want = seeds
                .sites
                .iter()
                .filter(|s| s.status_on(day) == status)
                .count();
            assert!(want > 0, "the seeds have {status:?} sites on the day");
            assert_eq!(r.sites.len(), want, "{word}: {r:#?}");
            assert!(
                r.sites.iter().all(|h| status_of(h) == status),
                "{word}: {r:#?}"
            );
        }
        // Not a prefix: "c" lists no completed site. Without a date there is no status.
        assert_eq!(
            search_on(&geo, &[Some(&seeds)], "c", 200, Some(day)).sites,
            search(&geo, &[Some(&seeds)], "c", 200).sites
        );
        assert!(search(&geo, &[Some(&seeds)], "준공", 200).sites.is_empty());
    }
}
