//! The interface's words in English and Korean: Fluent message files, the current language,
//! and dates and numbers written the way each language writes them.
//!
//! Messages live in `assets/i18n/<lang>/<part>.ftl`, one file per part of the app, so a feature
//! brings its own words without touching everyone else's file. They are compiled in: nkmap
//! needs no files beside the binary. Code asks for a message by its id with [`t!`](crate::t); ids are
//! written out literally so `tests/i18n.rs` can find every one that is used.
//!
//! The language is process-wide (an atomic), because the CLI, the exports and every panel must
//! agree on it and switching must take effect on the next frame without restarting. Pure: no
//! egui.

pub mod words;

use crate::model::PartialDate;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    #[serde(rename = "en")]
    En,
    #[serde(rename = "ko")]
    Ko,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// The BCP 47 tag.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The language's own name, as the language menu shows it whatever the current language.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ko => "한국어",
        }
    }

    /// `ko`, `ko_KR.UTF-8`, `ko-KR`, `en_GB` …; `None` for `C`, `POSIX` or a language nkmap
    /// does not speak.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let lang = locale
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match lang.as_str() {
            "ko" => Some(Lang::Ko),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// The message files: one per part of the app, in every language (`assets/i18n/<lang>/<part>.ftl`).
/// A new part is one word in this list.
macro_rules! message_files {
    ($($part:literal),* $(,)?) => {
        &[$(
            (Lang::En, concat!("assets/i18n/en/", $part, ".ftl"),
             include_str!(concat!("../../assets/i18n/en/", $part, ".ftl"))),
            (Lang::Ko, concat!("assets/i18n/ko/", $part, ".ftl"),
             include_str!(concat!("../../assets/i18n/ko/", $part, ".ftl"))),
        )*]
    };
}

const FILES: &[(Lang, &str, &str)] = message_files![
    "main",
    "carto",
    "harden",
    "geotools",
    "about",
    "files",
    "kml",
    "imagery",
    "ko",
    "diagnostics",
    "edit"
];

/// Every message file of `lang`: (path, text). For the tests that walk the keys.
pub fn files(lang: Lang) -> impl Iterator<Item = (&'static str, &'static str)> {
    FILES
        .iter()
        .filter(move |(l, _, _)| *l == lang)
        .map(|(_, path, text)| (*path, *text))
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Sets the language of everything nkmap writes from now on.
pub fn set_language(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

pub fn language() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::Ko,
        _ => Lang::En,
    }
}

/// The language of command-line messages: `LC_ALL`, then `LC_MESSAGES`, then `LANG`, as POSIX
/// orders them; English when none names a language nkmap speaks.
pub fn language_from_env(get: impl Fn(&str) -> Option<String>) -> Lang {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Some(v) = get(var).filter(|v| !v.is_empty()) {
            // The first variable that is set decides, even for a language we lack.
            return Lang::from_locale(&v).unwrap_or(Lang::En);
        }
    }
    Lang::En
}

/// The desktop's language (the user's locale setting on every system), English when unknown.
pub fn system_language() -> Lang {
    sys_locale::get_locale()
        .and_then(|l| Lang::from_locale(&l))
        .unwrap_or(Lang::En)
}

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang) -> &'static Bundle {
    static BUNDLES: [OnceLock<Bundle>; 2] = [OnceLock::new(), OnceLock::new()];
    BUNDLES[lang as usize].get_or_init(|| {
        let id = match lang {
            Lang::En => unic_langid::langid!("en"),
            Lang::Ko => unic_langid::langid!("ko"),
        };
        let mut b = FluentBundle::new_concurrent(vec![id]);
        // No invisible isolation marks around values: the bundled fonts have no glyph for
        // them, and labels and exports are one direction only.
        b.set_use_isolating(false);
        for (_, _, text) in FILES.iter().filter(|(l, _, _)| *l == lang) {
            // A file that does not parse is a build mistake the i18n tests catch; keep the
            // messages that did parse.
            let res = FluentResource::try_new((*text).to_owned()).unwrap_or_else(|(r, _)| r);
            let _ = b.add_resource(res);
        }
        b
    })
}

/// A value for a message's placeable: text or a number (numbers choose plural forms).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Str(String),
    Num(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_owned())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Str(s.clone())
    }
}
macro_rules! arg_from_number {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Num(n as f64)
            }
        }
    )*};
}
arg_from_number!(i32, i64, u32, u64, usize, f32, f64);

/// The message `id` in `lang` with `args` filled in. Falls back to English, then to the id
/// itself, so a missing translation shows up as a visible id rather than nothing.
pub fn message_in(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    for l in [lang, Lang::En] {
        let b = bundle(l);
        let Some(pattern) = b.get_message(id).and_then(|m| m.value()) else {
            continue;
        };
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            match v {
                Arg::Str(s) => fargs.set(*k, FluentValue::from(s.as_str())),
                Arg::Num(n) => fargs.set(*k, FluentValue::from(*n)),
            }
        }
        let mut errors = Vec::new();
        let text = b.format_pattern(pattern, Some(&fargs), &mut errors);
        return text.into_owned();
    }
    id.to_owned()
}

/// The message `id` in the current language.
pub fn message(id: &str, args: &[(&str, Arg)]) -> String {
    message_in(language(), id, args)
}

/// `t!("menu-file")`, `t!("sites-count", n = 3)`: a message in the current language.
#[macro_export]
macro_rules! t {
    ($id:literal) => {
        $crate::i18n::message($id, &[])
    };
    ($id:literal, $($k:ident = $v:expr),+ $(,)?) => {
        $crate::i18n::message($id, &[$((stringify!($k), $crate::i18n::Arg::from($v))),+])
    };
}

/// `t_in!(lang, "id", k = v)`: a message in a given language (exports, tests).
#[macro_export]
macro_rules! t_in {
    ($lang:expr, $id:literal) => {
        $crate::i18n::message_in($lang, $id, &[])
    };
    ($lang:expr, $id:literal, $($k:ident = $v:expr),+ $(,)?) => {
        $crate::i18n::message_in($lang, $id, &[$((stringify!($k), $crate::i18n::Arg::from($v))),+])
    };
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as the language writes it, to the precision it has: "31 January 2025", "January
/// 2025", "2025"; "2025년 1월 31일", "2025년 1월", "2025년".
pub fn format_date_in(lang: Lang, d: PartialDate) -> String {
    match lang {
        Lang::En => match (d.month, d.day) {
            (Some(m), Some(day)) => {
                format!(
                    "{day} {} {}",
                    MONTHS_EN[usize::from(m.clamp(1, 12)) - 1],
                    d.year
                )
            }
            (Some(m), None) => format!("{} {}", MONTHS_EN[usize::from(m.clamp(1, 12)) - 1], d.year),
            _ => d.year.to_string(),
        },
        Lang::Ko => match (d.month, d.day) {
            (Some(m), Some(day)) => format!("{}년 {m}월 {day}일", d.year),
            (Some(m), None) => format!("{}년 {m}월", d.year),
            _ => format!("{}년", d.year),
        },
    }
}

/// [`format_date_in`] in the current language.
pub fn format_date(d: PartialDate) -> String {
    format_date_in(language(), d)
}

/// A whole number with thousands separators ("12,345" in both languages).
pub fn format_count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A range of people as each language writes it: "500–600", "500~600명".
pub fn format_people_in(lang: Lang, min: Option<u32>, max: Option<u32>) -> Option<String> {
    let n = |v: u32| format_count(u64::from(v));
    let range = match (min, max) {
        (Some(a), Some(b)) if a != b => match lang {
            Lang::En => format!("{}–{}", n(a), n(b)),
            Lang::Ko => format!("{}~{}", n(a), n(b)),
        },
        (Some(a), _) | (None, Some(a)) => n(a),
        (None, None) => return None,
    };
    Some(match lang {
        Lang::En => range,
        Lang::Ko => format!("{range}명"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_pick_a_language() {
        assert_eq!(Lang::from_locale("ko_KR.UTF-8"), Some(Lang::Ko));
        assert_eq!(Lang::from_locale("ko-KR"), Some(Lang::Ko));
        assert_eq!(Lang::from_locale("en_GB.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_locale("C"), None);
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(language_from_env(env(&[("LANG", "ko_KR.UTF-8")])), Lang::Ko);
        assert_eq!(
            language_from_env(env(&[("LANG", "ko_KR.UTF-8"), ("LC_MESSAGES", "C")])),
            Lang::En
        );
        assert_eq!(
            language_from_env(env(&[("LANG", "en_US"), ("LC_ALL", "ko_KR")])),
            Lang::Ko
        );
        assert_eq!(language_from_env(env(&[])), Lang::En);
    }

    #[test]
    fn dates_and_people_read_natively() {
        let d = PartialDate::ymd(2025, 1, 31);
        assert_eq!(format_date_in(Lang::En, d), "31 January 2025");
        assert_eq!(format_date_in(Lang::Ko, d), "2025년 1월 31일");
        let m = PartialDate {
            year: 2024,
            month: Some(3),
            day: None,
        };
        assert_eq!(format_date_in(Lang::Ko, m), "2024년 3월");
        assert_eq!(
            format_people_in(Lang::Ko, Some(500), Some(600)).as_deref(),
            Some("500~600명")
        );
        assert_eq!(
            format_people_in(Lang::En, Some(500), Some(600)).as_deref(),
            Some("500–600")
        );
        assert_eq!(format_count(1_234_567), "1,234,567");
    }

    #[test]
    fn messages_fill_placeables_and_fall_back_to_english() {
        assert_eq!(
            message_in(
                Lang::En,
                "data-as-of",
                &[("date", Arg::from("1 December 2026"))]
            ),
            "Data as of 1 December 2026"
        );
        assert_eq!(
            message_in(
                Lang::Ko,
                "data-as-of",
                &[("date", Arg::from("2026년 12월 1일"))]
            ),
            "2026년 12월 1일 기준 자료"
        );
        assert_eq!(
            message_in(Lang::Ko, "no-such-message", &[]),
            "no-such-message"
        );
    }
}
