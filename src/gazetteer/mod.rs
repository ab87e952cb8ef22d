//! Resolves what a user types or a report writes to one province or county.
//!
//! Any spelling: KCNA English, McCune–Reischauer with or without breves, Revised
//! Romanization, hybrids, Hangul in Northern or Southern spelling, with or without suffixes,
//! one typo allowed. A name shared by two provinces is ambiguous until qualified:
//! `"Sinpho, South Hamgyong"`.

pub mod normalize;

use crate::model::{Region, RegionKind, RegionLevel};
use normalize::{KindHint, keys, osa_distance};
use std::collections::HashMap;
use std::fmt;

/// Score of a match that needed one typo.
const TYPO: f32 = 0.6;
/// Shortest folded key where a typo is still tolerated (shorter ones collide too easily).
const TYPO_MIN_LEN: usize = 4;
/// Longest text taken as a place: the longest name with its province is under 60 bytes. A
/// longer text is no place, and matching it word split by word split would take minutes.
pub const MAX_PLACE_BYTES: usize = 200;

/// A province or county as the gazetteer knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub level: RegionLevel,
    pub kind: RegionKind,
    /// Province id (its own for a province).
    pub province: String,
    pub name_en: String,
    pub name_ko: String,
}

/// One possible meaning of a place name.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub id: String,
    pub level: RegionLevel,
    /// For messages: "Orang County, North Hamgyong".
    pub label: String,
    pub score: f32,
}

impl fmt::Display for Candidate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.label, self.id)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    Unique {
        id: String,
        score: f32,
    },
    /// The name exists in more than one place; qualify it with the province.
    Ambiguous(Vec<Candidate>),
    /// Nothing close enough; `suggestions` are the nearest names ("did you mean").
    NotFound {
        suggestions: Vec<Candidate>,
    },
}

impl Resolution {
    pub fn id(&self) -> Option<&str> {
        match self {
            Resolution::Unique { id, .. } => Some(id),
            _ => None,
        }
    }
}

/// A search-box hit.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub id: String,
    pub level: RegionLevel,
    pub score: f32,
}

#[derive(Debug, Clone)]
struct IndexedKey {
    /// Folded form of one spelling, untagged: for typo and prefix matching.
    folded: Vec<char>,
    words: Vec<String>,
    entry: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
    /// Tagged key → (entry, weight of the spelling behind it).
    index: HashMap<String, Vec<(usize, f32)>>,
    spellings: Vec<IndexedKey>,
}

impl Gazetteer {
    pub fn new(provinces: &[Region], counties: &[Region]) -> Self {
        let mut g = Gazetteer::default();
        for r in provinces.iter().chain(counties) {
            let e = g.entries.len();
            g.entries.push(Entry {
                id: r.id.clone(),
                level: r.level,
                kind: r.kind,
                province: r.province.clone(),
                name_en: r.names.en.clone(),
                name_ko: r.names.ko.clone(),
            });
            g.by_id.insert(r.id.clone(), e);
            let names = [&r.names.en, &r.names.mr, &r.names.rr, &r.names.ko]
                .into_iter()
                .chain(r.aliases.iter());
            for name in names {
                let k = keys(name, false);
                for (key, strength) in k.keys {
                    let list = g.index.entry(key).or_default();
                    let w = strength.weight();
                    match list.iter_mut().find(|(i, _)| *i == e) {
                        Some(slot) => slot.1 = slot.1.max(w),
                        None => list.push((e, w)),
                    }
                }
                if !k.folded.is_empty() {
                    g.spellings.push(IndexedKey {
                        folded: k.folded.chars().collect(),
                        words: k.words,
                        entry: e,
                    });
                }
            }
        }
        g
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// "Orang County, North Hamgyong" for messages; "함경북도 어랑군" when the interface is
    /// Korean (Korean names the province first, and its names tell apart what romanization
    /// merges: 은산군 and 운산군 are both "Unsan").
    pub fn label(&self, id: &str) -> String {
        let Some(e) = self.entry(id) else {
            return id.to_string();
        };
        if crate::i18n::language() == crate::i18n::Lang::Ko {
            return match e.level {
                RegionLevel::Province => e.name_ko.clone(),
                RegionLevel::County => match self.entry(&e.province) {
                    Some(p) => format!("{} {}", p.name_ko, e.name_ko),
                    None => e.name_ko.clone(),
                },
            };
        }

        let kind = match e.kind {
            RegionKind::County => " County",
            RegionKind::City => " City",
            RegionKind::District => " District",
            RegionKind::Province | RegionKind::SpecialCity => "",
        };
        match e.level {
            RegionLevel::Province => e.name_en.clone(),
            RegionLevel::County => {
                let province = self
                    .entry(&e.province)
                    .map_or(e.province.as_str(), |p| p.name_en.as_str());
                format!("{}{kind}, {province}", e.name_en)
            }
        }
    }

    fn candidate(&self, e: usize, score: f32) -> Candidate {
        let entry = &self.entries[e];
        Candidate {
            id: entry.id.clone(),
            level: entry.level,
            label: self.label(&entry.id),
            score,
        }
    }

    /// Resolves a place reference to one region.
    pub fn resolve(&self, text: &str) -> Resolution {
        if text.len() > MAX_PLACE_BYTES {
            return Resolution::NotFound {
                suggestions: Vec::new(),
            };
        }
        // "Sinpho, South Hamgyong": the part after the last comma names the province.
        if let Some((name, qualifier)) = text.rsplit_once(',') {
            let province = self.scored(qualifier, |e| e.level == RegionLevel::Province);
            return match self.pick(province, None) {
                Resolution::Unique { id, .. } => {
                    let scored =
                        self.scored(name, |e| e.level == RegionLevel::County && e.province == id);
                    let hint = keys(name, true).hint;
                    match self.pick(scored, hint) {
                        Resolution::NotFound { .. } => Resolution::NotFound {
                            suggestions: self.suggest(name, |e| e.province == id),
                        },
                        r => r,
                    }
                }
                _ => Resolution::NotFound {
                    suggestions: self.suggest(qualifier, |e| e.level == RegionLevel::Province),
                },
            };
        }
        let hint = keys(text, true).hint;
        let scored = self.scored(text, |_| true);
        match self.pick(scored, hint) {
            Resolution::NotFound { .. } => {
                if let Some(r) = self.resolve_unpunctuated(text) {
                    return r;
                }
                Resolution::NotFound {
                    suggestions: self.suggest(text, |_| true),
                }
            }
            r => r,
        }
    }

    /// "함경북도 경성군", "Orang North Hamgyong": a province before or after the name without
    /// a comma.
    fn resolve_unpunctuated(&self, text: &str) -> Option<Resolution> {
        let words: Vec<&str> = text.split_whitespace().collect();
        // A province and a county take six words at most ("North Phyongan Sinuiju City"):
        // more is no place, and each split costs a full match.
        if words.len() > 8 {
            return None;
        }
        for split in 1..words.len() {
            for (province, name) in [
                (words[..split].join(" "), words[split..].join(" ")),
                (words[split..].join(" "), words[..split].join(" ")),
            ] {
                let p = self.scored(&province, |e| e.level == RegionLevel::Province);
                if let Resolution::Unique { id, score } = self.pick(p, None)
                    && score >= 0.9
                {
                    let scored = self.scored(&name, |e| {
                        e.level == RegionLevel::County && e.province == id
                    });
                    if let r @ Resolution::Unique { .. } = self.pick(scored, keys(&name, true).hint)
                    {
                        return Some(r);
                    }
                }
            }
        }
        None
    }

    /// Best score per entry for a text, exact tiers first, typos only when nothing is exact.
    fn scored(&self, text: &str, allow: impl Fn(&Entry) -> bool) -> Vec<(usize, f32)> {
        let k = keys(text, true);
        let mut best: HashMap<usize, f32> = HashMap::new();
        for (key, strength) in &k.keys {
            if let Some(list) = self.index.get(key) {
                for &(e, w) in list {
                    if allow(&self.entries[e]) {
                        let s = w.min(strength.weight());
                        let slot = best.entry(e).or_insert(0.0);
                        *slot = slot.max(s);
                    }
                }
            }
        }
        if best.is_empty() {
            let q: Vec<char> = k.folded.chars().collect();
            if q.len() >= TYPO_MIN_LEN {
                for s in &self.spellings {
                    if s.folded.len() >= TYPO_MIN_LEN
                        && allow(&self.entries[s.entry])
                        && osa_distance(&q, &s.folded, 1) <= 1
                    {
                        best.insert(s.entry, TYPO);
                    }
                }
            }
        }
        let mut v: Vec<(usize, f32)> = best.into_iter().collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }

    /// Chooses among scored entries: the best tier, narrowed by the suffix's kind and by
    /// preferring a province over a same-named unit inside it ("Pyongyang").
    fn pick(&self, scored: Vec<(usize, f32)>, hint: Option<KindHint>) -> Resolution {
        let Some(&(_, top)) = scored.first() else {
            return Resolution::NotFound {
                suggestions: Vec::new(),
            };
        };
        let mut tier: Vec<(usize, f32)> = scored
            .into_iter()
            .filter(|(_, s)| *s >= top - 1e-4)
            .collect();
        if let Some(hint) = hint {
            let fits: Vec<(usize, f32)> = tier
                .iter()
                .copied()
                .filter(|(e, _)| hint.accepts(self.entries[*e].kind))
                .collect();
            if !fits.is_empty() {
                tier = fits;
            }
        }
        if tier.len() > 1 {
            let provinces: Vec<&(usize, f32)> = tier
                .iter()
                .filter(|(e, _)| self.entries[*e].level == RegionLevel::Province)
                .collect();
            if let [only] = provinces.as_slice() {
                let pid = &self.entries[only.0].id;
                if tier.iter().all(|(e, _)| self.entries[*e].province == *pid) {
                    tier = vec![**only];
                }
            }
        }
        match tier.as_slice() {
            [(e, s)] => Resolution::Unique {
                id: self.entries[*e].id.clone(),
                score: *s,
            },
            _ => Resolution::Ambiguous(tier.iter().map(|&(e, s)| self.candidate(e, s)).collect()),
        }
    }

    /// Nearest spellings for "did you mean": up to two edits, or sharing a prefix.
    fn suggest(&self, text: &str, allow: impl Fn(&Entry) -> bool) -> Vec<Candidate> {
        let k = keys(text, true);
        let q: Vec<char> = k.folded.chars().collect();
        if q.is_empty() {
            return Vec::new();
        }
        let mut best: HashMap<usize, usize> = HashMap::new();
        for s in &self.spellings {
            if !allow(&self.entries[s.entry]) {
                continue;
            }
            let mut d = osa_distance(&q, &s.folded, 2);
            if d > 2 {
                // Same beginning, different ending ("Oranjeboom" for Orang) ranks after.
                let same_start = q.len() >= 3 && s.folded.len() >= 3 && s.folded[..3] == q[..3];
                if !same_start {
                    continue;
                }
                d = 3;
            }
            {
                let slot = best.entry(s.entry).or_insert(d);
                *slot = (*slot).min(d);
            }
        }
        let mut v: Vec<(usize, usize)> = best.into_iter().collect();
        v.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
        v.into_iter()
            .take(5)
            .map(|(e, d)| self.candidate(e, 0.5 - 0.1 * d as f32))
            .collect()
    }

    /// Ranked matches for a search box: exact, then prefix or whole word, then typo.
    pub fn search(&self, text: &str, limit: usize) -> Vec<Match> {
        let text = text.trim();
        if text.is_empty() || limit == 0 || text.len() > MAX_PLACE_BYTES {
            return Vec::new();
        }
        let mut best: HashMap<usize, f32> = HashMap::new();
        let mut note = |e: usize, s: f32| {
            let slot = best.entry(e).or_insert(0.0);
            *slot = slot.max(s);
        };
        // A qualified or exact name first.
        match self.resolve(text) {
            Resolution::Unique { id, score } if score > TYPO => {
                if let Some(&e) = self.by_id.get(&id) {
                    note(e, score);
                }
            }
            Resolution::Ambiguous(c) => {
                for c in c.iter().filter(|c| c.score > TYPO) {
                    if let Some(&e) = self.by_id.get(&c.id) {
                        note(e, c.score);
                    }
                }
            }
            _ => {}
        }
        let k = keys(text, true);
        let q: Vec<char> = k.folded.chars().collect();
        let qword = normalize::simplify(text, true);
        let qword = qword.trim();
        if !q.is_empty() {
            for s in &self.spellings {
                let len = s.folded.len();
                if s.folded.starts_with(&q) {
                    // A longer completion ranks below a shorter one.
                    note(
                        s.entry,
                        0.8 - 0.1 * (1.0 - q.len() as f32 / len.max(1) as f32),
                    );
                } else if !qword.is_empty() && s.words.iter().any(|w| w.starts_with(qword)) {
                    note(s.entry, 0.65);
                } else if q.len() >= TYPO_MIN_LEN {
                    if osa_distance(&q, &s.folded, 1) <= 1 {
                        note(s.entry, 0.5);
                    } else if len > q.len() && osa_distance(&q, &s.folded[..q.len()], 1) <= 1 {
                        note(s.entry, 0.4);
                    }
                }
            }
        }
        let mut v: Vec<(usize, f32)> = best.into_iter().collect();
        v.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| {
                    let level = |e: usize| self.entries[e].level == RegionLevel::County;
                    level(a.0).cmp(&level(b.0))
                })
                .then_with(|| self.entries[a.0].name_en.cmp(&self.entries[b.0].name_en))
        });
        v.into_iter()
            .take(limit)
            .map(|(e, score)| Match {
                id: self.entries[e].id.clone(),
                level: self.entries[e].level,
                score,
            })
            .collect()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) mod tests {
    use super::*;
    use crate::model::Names;
    use geo_types::{MultiPolygon, Point};

    fn region(
        id: &str,
        province: &str,
        kind: RegionKind,
        names: [&str; 4],
        aliases: &[&str],
    ) -> Region {
        let level = match kind {
            RegionKind::Province | RegionKind::SpecialCity => RegionLevel::Province,
            _ => RegionLevel::County,
        };
        Region {
            id: id.into(),
            level,
            kind,
            province: province.into(),
            names: Names {
                en: names[0].into(),
                mr: names[1].into(),
                rr: names[2].into(),
                ko: names[3].into(),
            },
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            seat: Point::new(129.0, 41.0),
            seat_source: "test".into(),
            geometry: MultiPolygon(vec![]),
            former_ids: vec![],
            province_note: None,
            province_dispute: None,
        }
    }

    pub(crate) fn sample() -> Gazetteer {
        use RegionKind::*;
        let provinces = vec![
            region(
                "KP-09",
                "KP-09",
                Province,
                [
                    "North Hamgyong",
                    "Hamgyŏng-pukto",
                    "Hamgyeongbuk-do",
                    "함경북도",
                ],
                &["Hamgyong-bukto", "Hamgyŏngbuk-to"],
            ),
            region(
                "KP-08",
                "KP-08",
                Province,
                [
                    "South Hamgyong",
                    "Hamgyŏng-namdo",
                    "Hamgyeongnam-do",
                    "함경남도",
                ],
                &[],
            ),
            region(
                "KP-10",
                "KP-10",
                Province,
                ["Ryanggang", "Ryanggang-do", "Yanggang-do", "량강도"],
                &[],
            ),
            region(
                "KP-04",
                "KP-04",
                Province,
                ["Jagang", "Chagang-do", "Jagang-do", "자강도"],
                &[],
            ),
            region(
                "KP-02",
                "KP-02",
                Province,
                [
                    "South Phyongan",
                    "P’yŏngan-namdo",
                    "Pyeongannam-do",
                    "평안남도",
                ],
                &[],
            ),
            region(
                "KP-03",
                "KP-03",
                Province,
                [
                    "North Phyongan",
                    "P’yŏngan-pukto",
                    "Pyeonganbuk-do",
                    "평안북도",
                ],
                &[],
            ),
            region(
                "KP-01",
                "KP-01",
                SpecialCity,
                ["Pyongyang", "P’yŏngyang-si", "Pyeongyang-si", "평양시"],
                &[],
            ),
        ];
        let counties = vec![
            region(
                "KP-09-kyongsong",
                "KP-09",
                County,
                ["Kyongsong", "Kyŏngsŏng", "Gyeongseong", "경성군"],
                &[],
            ),
            region(
                "KP-09-orang",
                "KP-09",
                County,
                ["Orang", "Ŏrang", "Eorang", "어랑군"],
                &[],
            ),
            region(
                "KP-09-musan",
                "KP-09",
                County,
                ["Musan", "Musan", "Musan", "무산군"],
                &[],
            ),
            region(
                "KP-08-sinpho",
                "KP-08",
                City,
                ["Sinpho", "Sinp’o", "Sinpo", "신포시"],
                &[],
            ),
            region(
                "KP-10-sinpho",
                "KP-10",
                County,
                ["Sinpho", "Sinp’o", "Sinpo", "신포군"],
                &[],
            ),
            region(
                "KP-03-unsan",
                "KP-03",
                County,
                ["Unsan", "Unsan", "Unsan", "운산군"],
                &[],
            ),
            region(
                "KP-02-unsan",
                "KP-02",
                County,
                ["Unsan", "Ŭnsan", "Eunsan", "은산군"],
                &[],
            ),
            region(
                "KP-01-pyongyang",
                "KP-01",
                District,
                ["Pyongyang", "P’yŏngyang", "Pyeongyang", "평양구역"],
                &[],
            ),
        ];
        Gazetteer::new(&provinces, &counties)
    }

    fn unique(g: &Gazetteer, q: &str) -> String {
        match g.resolve(q) {
            Resolution::Unique { id, .. } => id,
            other => panic!("{q}: {other:?}"),
        }
    }

    #[test]
    fn every_spelling_of_kyongsong_and_orang() {
        let g = sample();
        for q in [
            "Kyongsong",
            "Kyŏngsŏng",
            "Gyeongseong",
            "Gyongsong",
            "경성군",
            "경성",
            "Kyongsong County",
            "Kyŏngsŏng-kun",
            "Gyeongseong-gun",
            "kyongsong",
            "Kyongsnog", // one transposition
            "Kyongsang", // one substitution
        ] {
            assert_eq!(unique(&g, q), "KP-09-kyongsong", "{q}");
        }
        for q in [
            "Orang",
            "Ŏrang",
            "Eorang",
            "어랑",
            "어랑군",
            "Orang County, North Hamgyong Province",
        ] {
            assert_eq!(unique(&g, q), "KP-09-orang", "{q}");
        }
    }

    #[test]
    fn province_forms() {
        let g = sample();
        for q in [
            "North Hamgyong",
            "Hamgyong-bukto",
            "Hamgyŏngbuk-to",
            "Hamgyeongbuk-do",
            "Hamgyongbuk-do",
            "Hamgyongbukto",
            "N. Hamgyong",
            "함경북도",
            "North Hamgyong Province",
        ] {
            assert_eq!(unique(&g, q), "KP-09", "{q}");
        }
        for q in [
            "Ryanggang",
            "Yanggang",
            "Ryanggang-do",
            "Yanggang-do",
            "량강도",
            "양강도",
        ] {
            assert_eq!(unique(&g, q), "KP-10", "{q}");
        }
        for q in ["Jagang", "Chagang", "Chagang-do", "자강도"] {
            assert_eq!(unique(&g, q), "KP-04", "{q}");
        }
        for q in [
            "South Phyongan",
            "South Pyongan",
            "Pyongannam-do",
            "P'yŏngan-namdo",
            "S. Pyongan",
        ] {
            assert_eq!(unique(&g, q), "KP-02", "{q}");
        }
        assert_eq!(unique(&g, "South Hamgyong"), "KP-08");
    }

    #[test]
    fn shared_names_are_ambiguous_until_qualified() {
        let g = sample();
        match g.resolve("Sinpho") {
            Resolution::Ambiguous(c) => {
                let ids: Vec<&str> = c.iter().map(|c| c.id.as_str()).collect();
                assert!(ids.contains(&"KP-08-sinpho") && ids.contains(&"KP-10-sinpho"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(unique(&g, "Sinpho, South Hamgyong"), "KP-08-sinpho");
        assert_eq!(unique(&g, "Sinpo, Hamgyeongnam-do"), "KP-08-sinpho");
        assert_eq!(unique(&g, "Sinpho, Ryanggang"), "KP-10-sinpho");
        assert_eq!(unique(&g, "신포시, 함경남도"), "KP-08-sinpho");
        assert_eq!(unique(&g, "함경남도 신포시"), "KP-08-sinpho");
        // A suffix narrows it too.
        assert_eq!(unique(&g, "Sinpho City"), "KP-08-sinpho");
        assert_eq!(unique(&g, "Sinpho County"), "KP-10-sinpho");
        // KCNA "Unsan" is two counties; RR and MR with breves tell them apart.
        assert!(matches!(g.resolve("Unsan"), Resolution::Ambiguous(_)));
        assert_eq!(unique(&g, "Eunsan"), "KP-02-unsan");
        assert_eq!(unique(&g, "Ŭnsan"), "KP-02-unsan");
        assert_eq!(unique(&g, "Unsan, North Phyongan"), "KP-03-unsan");
        assert_eq!(unique(&g, "Unsan, South Pyongan"), "KP-02-unsan");
        // The province wins over the district inside it that shares its name.
        assert_eq!(unique(&g, "Pyongyang"), "KP-01");
        assert_eq!(unique(&g, "Pyongyang, Pyongyang"), "KP-01-pyongyang");
    }

    #[test]
    fn unknown_names_get_suggestions() {
        let g = sample();
        match g.resolve("Orangg County") {
            Resolution::Unique { id, .. } => assert_eq!(id, "KP-09-orang"),
            other => panic!("{other:?}"),
        }
        match g.resolve("Musn") {
            Resolution::Unique { id, score } => {
                assert_eq!(id, "KP-09-musan");
                assert!(score < 0.9);
            }
            other => panic!("{other:?}"),
        }
        match g.resolve("Mosanne") {
            Resolution::NotFound { suggestions } => {
                assert_eq!(
                    suggestions.first().map(|c| c.id.as_str()),
                    Some("KP-09-musan")
                );
            }
            other => panic!("{other:?}"),
        }
        match g.resolve("Atlantis") {
            Resolution::NotFound { .. } => {}
            other => panic!("{other:?}"),
        }
        // Short names get no typo tolerance.
        assert!(matches!(g.resolve("Ora"), Resolution::NotFound { .. }));
        match g.resolve("Orang, Narnia") {
            Resolution::NotFound { .. } => {}
            other => panic!("{other:?}"),
        }
        assert!(matches!(g.resolve(""), Resolution::NotFound { .. }));
        assert!(matches!(g.resolve(" , "), Resolution::NotFound { .. }));
    }

    #[test]
    fn search_ranks_exact_then_prefix_then_typo() {
        let g = sample();
        let hits = g.search("Orang", 5);
        assert_eq!(hits.first().map(|m| m.id.as_str()), Some("KP-09-orang"));
        let hits = g.search("kyong", 5);
        assert_eq!(hits.first().map(|m| m.id.as_str()), Some("KP-09-kyongsong"));
        let hits = g.search("Hamg", 5);
        let ids: Vec<&str> = hits.iter().map(|m| m.id.as_str()).collect();
        assert!(ids.contains(&"KP-09") && ids.contains(&"KP-08"), "{ids:?}");
        let hits = g.search("Musna", 5);
        assert_eq!(hits.first().map(|m| m.id.as_str()), Some("KP-09-musan"));
        let exact = g.search("Musan", 1)[0].score;
        assert!(exact > hits[0].score);
        assert!(g.search("", 5).is_empty());
        assert!(g.search("zzzzzz", 5).is_empty());
        assert_eq!(g.search("Sinpho", 1).len(), 1);
    }
}
