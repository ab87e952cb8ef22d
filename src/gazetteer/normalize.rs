//! Turning a spelling into comparison keys.
//!
//! Three strengths of key, so that a spelling that is exact in one system wins over one that
//! only matches after folding (RR `Eunsan` is 은산, though `Unsan` folds to the same key):
//! - `exact`: lowercase, diacritics kept;
//! - `plain`: diacritics dropped (`Kyŏngsŏng` → `kyongsong`);
//! - `folded`: romanization systems merged (`kyonksonk` for Kyongsong, Gyeongseong, Gyongsong).

use crate::model::RegionKind;

/// The level or kind a suffix (County, -gun, 군, Province, -do, …) asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindHint {
    County,
    City,
    District,
    Province,
    SpecialCity,
}

impl KindHint {
    /// Whether a region of `kind` fits what the suffix asked for.
    pub fn accepts(self, kind: RegionKind) -> bool {
        match self {
            KindHint::County => kind == RegionKind::County,
            // "Nampho City" is a special city; "Kusong City" a county-level city.
            KindHint::City => matches!(kind, RegionKind::City | RegionKind::SpecialCity),
            KindHint::District => kind == RegionKind::District,
            KindHint::Province => matches!(kind, RegionKind::Province | RegionKind::SpecialCity),
            KindHint::SpecialCity => kind == RegionKind::SpecialCity,
        }
    }
}

/// Lowercase, with diacritics replaced by their base letter when `strip` and the apostrophes of
/// McCune–Reischauer removed; hyphens, dots and other punctuation become spaces.
pub fn simplify(s: &str, strip: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\'' | '’' | '‘' | 'ʼ' | 'ʻ' | '`' | '´' => {}
            // Combining marks (a decomposed breve): part of the letter before.
            '\u{0300}'..='\u{036F}' => {
                if !strip {
                    out.push(c);
                }
            }
            c if c.is_alphanumeric() => {
                for l in c.to_lowercase() {
                    out.push(if strip { base_letter(l) } else { l });
                }
            }
            _ => out.push(' '),
        }
    }
    out
}

fn base_letter(c: char) -> char {
    match c {
        'ŏ' | 'ö' | 'ò' | 'ó' | 'ô' | 'õ' | 'ō' | 'ǒ' => 'o',
        'ŭ' | 'ü' | 'ù' | 'ú' | 'û' | 'ū' | 'ǔ' => 'u',
        'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ě' | 'ĕ' => 'e',
        'á' | 'à' | 'â' | 'ä' | 'ā' | 'ă' | 'ǎ' | 'å' => 'a',
        'í' | 'ì' | 'î' | 'ï' | 'ī' | 'ĭ' => 'i',
        'ñ' => 'n',
        c => c,
    }
}

/// Merges McCune–Reischauer, KCNA English and Revised Romanization spellings of one name.
///
/// Vowels: eo→o, eu→u, ae→e. Consonants: aspiration marks go (ph→p, th→t, kh→k), voiced and
/// voiceless stops merge (g/k, b/p, d/t, j/ch), l→r, sh→s, and doubled letters collapse. Both
/// the index and the query go through this, so over-merging only costs precision, never recall.
/// Non-ASCII letters (Hangul) pass through unchanged.
pub fn fold(plain: &str) -> String {
    let chars: Vec<char> = plain.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let (mapped, skip) = match (c, next) {
            ('e', Some('o')) => ('o', 2),
            ('e', Some('u')) => ('u', 2),
            ('a', Some('e')) => ('e', 2),
            ('s', Some('h')) => ('s', 2),
            ('c', Some('h')) => ('c', 2),
            ('k', Some('h')) => ('k', 2),
            ('p', Some('h')) => ('p', 2),
            ('t', Some('h')) => ('t', 2),
            ('j', _) => ('c', 1),
            ('g', _) => ('k', 1),
            ('b', _) => ('p', 1),
            ('d', _) => ('t', 1),
            ('l', _) => ('r', 1),
            (c, _) => (c, 1),
        };
        if out.last() != Some(&mapped) || !mapped.is_ascii_alphabetic() {
            out.push(mapped);
        }
        i += skip;
    }
    out.into_iter().collect()
}

/// The South's initial-sound law on a folded romanized key: Ryanggang → yanggang,
/// Rangnim → nangnim, Nyongbyon → yongbyon.
pub fn southern_romanized(folded: &str) -> Option<String> {
    let mut it = folded.chars();
    let first = it.next()?;
    let second = it.next()?;
    let rest: String = folded.chars().skip(1).collect();
    match (first, second) {
        ('r', 'y' | 'i') | ('n', 'y' | 'i') => Some(rest),
        ('r', _) => Some(format!("n{rest}")),
        _ => None,
    }
}

const HANGUL_BASE: u32 = 0xAC00;
const HANGUL_LAST: u32 = 0xD7A3;
// Initial consonant indices in the Unicode syllable block.
const INITIAL_N: u32 = 2;
const INITIAL_R: u32 = 5;
const INITIAL_NULL: u32 = 11;

/// The South's spelling of a Northern Hangul name: the initial-sound law on the first syllable
/// (량→양, 로→노, 리→이, 녀→여 …). `None` when nothing changes.
pub fn southern_hangul(s: &str) -> Option<String> {
    let mut chars = s.chars();
    let first = chars.next()?;
    let code = u32::from(first);
    if !(HANGUL_BASE..=HANGUL_LAST).contains(&code) {
        return None;
    }
    let offset = code - HANGUL_BASE;
    let initial = offset / 588;
    let medial = (offset % 588) / 28;
    let fin = offset % 28;
    // ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ ㅣ: before these ㄹ and ㄴ fall silent.
    let y_or_i = matches!(medial, 2 | 3 | 6 | 7 | 12 | 17 | 20);
    let new_initial = match (initial, y_or_i) {
        (INITIAL_R, true) | (INITIAL_N, true) => INITIAL_NULL,
        (INITIAL_R, false) => INITIAL_N,
        _ => return None,
    };
    let replaced = char::from_u32(HANGUL_BASE + new_initial * 588 + medial * 28 + fin)?;
    Some(std::iter::once(replaced).chain(chars).collect())
}

pub fn is_hangul(c: char) -> bool {
    (HANGUL_BASE..=HANGUL_LAST).contains(&u32::from(c))
}

/// A suffix word a name may carry, and what it asks for.
pub fn suffix_word(token: &str) -> Option<Option<KindHint>> {
    Some(match token {
        "county" | "gun" | "kun" | "군" => Some(KindHint::County),
        "city" | "si" | "shi" | "시" => Some(KindHint::City),
        "district" | "kuyok" | "guyeok" | "guyok" | "ku" | "gu" | "구역" => {
            Some(KindHint::District)
        }
        "province" | "do" | "to" | "도" => Some(KindHint::Province),
        "municipality" | "special" | "directly" | "governed" | "특별시" | "직할시" | "특급시" => {
            Some(KindHint::SpecialCity)
        }
        "up" | "eup" | "town" | "읍" => None,
        _ => return None,
    })
}

/// Hangul suffixes written fused to the name (경성군, 함경북도), longest first.
const HANGUL_SUFFIXES: [(&str, KindHint); 7] = [
    ("특별시", KindHint::SpecialCity),
    ("직할시", KindHint::SpecialCity),
    ("특급시", KindHint::SpecialCity),
    ("구역", KindHint::District),
    ("군", KindHint::County),
    ("시", KindHint::City),
    ("도", KindHint::Province),
];

/// Romanized suffixes that may be written fused (`Orangkun`, `Hamgyongbukto`), as folded.
const FOLDED_SUFFIXES: [(&str, KindHint); 4] = [
    ("kuyok", KindHint::District),
    ("kun", KindHint::County),
    ("si", KindHint::City),
    ("to", KindHint::Province),
];

/// Where a key came from; its weight ranks exact spellings over looser ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    Exact,
    Plain,
    Folded,
    /// Southern initial-sound form generated from a Northern one.
    Southern,
    /// A suffix guessed off the end of a fused word.
    Fused,
}

impl Strength {
    pub fn weight(self) -> f32 {
        match self {
            Strength::Exact => 1.0,
            Strength::Plain => 0.98,
            Strength::Folded => 0.95,
            Strength::Southern => 0.93,
            Strength::Fused => 0.9,
        }
    }

    /// Namespaces the key so an exact key never meets a folded one by accident.
    pub fn tag(self) -> char {
        match self {
            Strength::Exact => 'e',
            Strength::Plain => 'p',
            _ => 'f',
        }
    }
}

/// The keys of one spelling, and the kind its suffix asked for.
#[derive(Debug, Clone, Default)]
pub struct Keys {
    pub keys: Vec<(String, Strength)>,
    pub hint: Option<KindHint>,
    /// The folded key of the main form, for typo and prefix matching.
    pub folded: String,
    /// Plain words of the spelling (for partial-word search).
    pub words: Vec<String>,
}

enum Direction {
    North,
    South,
}

fn direction(token: &str) -> Option<Direction> {
    match token {
        "north" | "n" | "northern" | "북" => Some(Direction::North),
        "south" | "s" | "southern" | "남" => Some(Direction::South),
        _ => None,
    }
}

/// Keys of a name or query. `fused` also tries romanized suffixes written without a hyphen,
/// which is only safe for queries (an index entry `Usi` must not become `u`).
pub fn keys(text: &str, fused: bool) -> Keys {
    let mut out = Keys::default();
    let exact_text = simplify(text, false);
    let plain_text = simplify(text, true);
    let mut exact: Vec<&str> = exact_text.split_whitespace().collect();
    let mut plain: Vec<&str> = plain_text.split_whitespace().collect();
    out.words = plain.iter().map(|w| w.to_string()).collect();
    if plain.is_empty() || exact.len() != plain.len() {
        return out;
    }

    // The spelling as written always counts as exact ("North Hamgyong").
    let as_written = (exact.concat(), plain.concat());

    // "North Hamgyong", "N. Hamgyong", "Hamgyong North": the folded key is base + puk/nam,
    // the same as "Hamgyŏngbuk-to" once its suffix goes.
    let mut dir = None;
    if plain.len() >= 2 {
        if let Some(d) = plain.first().and_then(|t| direction(t)) {
            dir = Some(d);
            plain.remove(0);
            exact.remove(0);
        } else if let Some(d) = plain.last().and_then(|t| direction(t)) {
            dir = Some(d);
            plain.pop();
            exact.pop();
        }
    }

    // Suffix words at the end ("Orang County", "Nampho Special City", "Hamgyŏngbuk-to").
    let full_plain: String = plain.concat();
    let full_exact: String = exact.concat();
    while plain.len() >= 2 {
        let Some(hint) = plain.last().and_then(|t| suffix_word(t)) else {
            break;
        };
        if out.hint.is_none() {
            out.hint = hint;
        }
        plain.pop();
        exact.pop();
    }
    let stripped_plain: String = plain.concat();
    let stripped_exact: String = exact.concat();

    let push = |key: String, strength: Strength, keys: &mut Vec<(String, Strength)>| {
        let tagged = format!("{}:{key}", strength.tag());
        if !key.is_empty() && !keys.iter().any(|(k, _)| *k == tagged) {
            keys.push((tagged, strength));
        }
    };

    let dir_suffix = match dir {
        Some(Direction::North) => "puk",
        Some(Direction::South) => "nam",
        None => "",
    };
    let hangul = stripped_plain.chars().any(is_hangul);
    let mut forms = vec![(stripped_exact.clone(), stripped_plain.clone())];
    if stripped_plain != full_plain {
        forms.push((full_exact, full_plain));
    }
    if hangul {
        // 경성군 → 경성, 함경북도 → 함경북: Hangul suffixes are always suffixes.
        for (suffix, hint) in HANGUL_SUFFIXES {
            if let Some(base) = stripped_plain.strip_suffix(suffix)
                && base.chars().count() >= 1
            {
                forms.push((base.to_string(), base.to_string()));
                if out.hint.is_none() {
                    out.hint = Some(hint);
                }
                break;
            }
        }
    }

    if dir.is_some() {
        push(as_written.0, Strength::Exact, &mut out.keys);
        push(as_written.1, Strength::Plain, &mut out.keys);
    }
    for (i, (e, p)) in forms.iter().enumerate() {
        if dir.is_none() {
            push(e.clone(), Strength::Exact, &mut out.keys);
            push(p.clone(), Strength::Plain, &mut out.keys);
        }
        let f = format!("{}{dir_suffix}", fold(p));
        if i == 0 {
            out.folded = f.clone();
        }
        push(f.clone(), Strength::Folded, &mut out.keys);
        let southern = if hangul {
            southern_hangul(p)
        } else {
            southern_romanized(&f)
        };
        if let Some(s) = southern {
            push(s, Strength::Southern, &mut out.keys);
        }
    }

    if fused && !hangul && dir.is_none() {
        let f = fold(&stripped_plain);
        for (suffix, hint) in FOLDED_SUFFIXES {
            if let Some(base) = f.strip_suffix(suffix)
                && base.len() >= 2
            {
                push(base.to_string(), Strength::Fused, &mut out.keys);
                // "Hamgyongbukto": the direction is fused too.
                if out.hint.is_none() {
                    out.hint = Some(hint);
                }
            }
        }
    }
    out
}

/// Optimal-string-alignment distance (Damerau–Levenshtein with adjacent transpositions),
/// giving up and returning `max + 1` once it must exceed `max`.
pub fn osa_distance(a: &[char], b: &[char], max: usize) -> usize {
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let n = b.len();
    let mut prev2: Vec<usize> = vec![0; n + 1];
    let mut prev: Vec<usize> = (0..=n).collect();
    let mut cur: Vec<usize> = vec![0; n + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=n {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return max + 1;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[n].min(max + 1)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn f(s: &str) -> String {
        fold(&simplify(s, true))
    }

    #[test]
    fn romanization_systems_fold_together() {
        let groups: &[&[&str]] = &[
            &[
                "Kyongsong",
                "Kyŏngsŏng",
                "Gyeongseong",
                "Gyongsong",
                "KYONGSONG",
            ],
            &["Orang", "Ŏrang", "Eorang"],
            &["Phyongan", "P'yŏngan", "P’yŏngan", "Pyeongan", "Pyongan"],
            &["Yonthan", "Yeontan", "Yŏnt'an"],
            &["Jangphung", "Jangpung", "Changp'ung"],
            &["Jagang", "Chagang"],
            &["Hamhung", "Hamhŭng", "Hamheung"],
            &["Kaesong", "Kaesŏng", "Gaeseong"],
            &["Ryanggang", "Ryang-gang"],
            &["Sinpho", "Sinp'o", "Sinpo", "Shinpo"],
            &["Kim Hyong Jik", "Kimhyŏngjik", "Gimhyeongjik"],
        ];
        for group in groups {
            let first = f(group[0]);
            for s in *group {
                assert_eq!(f(s), first, "{s} vs {}", group[0]);
            }
        }
        assert_ne!(f("Orang"), f("Musan"));
    }

    #[test]
    fn initial_sound_law() {
        let cases = [
            ("량강도", "양강도"),
            ("로동", "노동"),
            ("리원", "이원"),
            ("려", "여"),
            ("라선", "나선"),
            ("례", "예"),
            ("류", "유"),
            ("력", "역"),
            ("륙", "육"),
            ("림", "임"),
            ("락", "낙"),
            ("련", "연"),
            ("녀", "여"),
            ("룡강", "용강"),
        ];
        for (north, south) in cases {
            assert_eq!(southern_hangul(north).as_deref(), Some(south), "{north}");
        }
        assert_eq!(southern_hangul("경성"), None);
        assert_eq!(southern_hangul("Orang"), None);
        assert_eq!(southern_romanized("ryankank").as_deref(), Some("yankank"));
        assert_eq!(southern_romanized("rankim").as_deref(), Some("nankim"));
        assert_eq!(southern_romanized("musan"), None);
    }

    #[test]
    fn province_forms_share_a_key() {
        let key = |s: &str| keys(s, true).folded;
        let want = key("North Hamgyong");
        for s in [
            "N. Hamgyong",
            "Hamgyongbuk-do",
            "Hamgyŏngbuk-to",
            "Hamgyeongbuk-do",
            "North Hamgyong Province",
        ] {
            assert_eq!(key(s), want, "{s}");
        }
        // Fused suffix: only the query side strips it.
        let fused = keys("Hamgyong-bukto", true);
        assert!(fused.keys.iter().any(|(k, _)| *k == format!("f:{want}")));
    }

    #[test]
    fn suffixes_give_hints() {
        assert_eq!(keys("Orang County", false).hint, Some(KindHint::County));
        assert_eq!(keys("경성군", false).hint, Some(KindHint::County));
        assert_eq!(keys("Kusong-si", false).hint, Some(KindHint::City));
        assert_eq!(keys("Orang", false).hint, None);
    }

    #[test]
    fn osa_counts_transpositions_as_one() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(osa_distance(&c("musan"), &c("musna"), 2), 1);
        assert_eq!(osa_distance(&c("musan"), &c("musan"), 2), 0);
        assert_eq!(osa_distance(&c("musan"), &c("mosan"), 2), 1);
        assert_eq!(osa_distance(&c("musan"), &c("orang"), 1), 2);
        assert_eq!(osa_distance(&c(""), &c("ab"), 3), 2);
    }
}
