//! Every translation key, walked: both languages have every key, no key goes unused, every
//! placeable the code fills is in both languages' text, every message formats without error,
//! and every character of every message has a glyph in the bundled fonts (so no label renders
//! as empty boxes in the window or an export).

use nkmap::i18n::{self, Arg, Lang};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// `id -> text` of one language, parsed from its files (a message's text may continue on
/// indented lines).
fn messages(lang: Lang) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (path, text) in i18n::files(lang) {
        if let Err((_, errors)) = fluent_bundle::FluentResource::try_new(text.to_owned()) {
            panic!("{path} does not parse: {errors:?}");
        }
        let mut current: Option<String> = None;
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                current = None;
                continue;
            }
            if line.starts_with(' ') {
                if let Some(id) = &current {
                    let entry: &mut String = out.entry(id.clone()).or_default();
                    entry.push('\n');
                    entry.push_str(line.trim());
                }
                continue;
            }
            if let Some((id, value)) = line.split_once('=') {
                let id = id.trim().to_owned();
                assert!(
                    id.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                    "{path}: bad message id '{id}'"
                );
                assert!(
                    out.insert(id.clone(), value.trim().to_owned()).is_none(),
                    "{path}: '{id}' defined twice"
                );
                current = Some(id);
            }
        }
    }
    out
}

/// `$variables` a message's text uses.
fn variables(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        rest = &rest[at + 1..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        out.insert(rest[..end].to_owned());
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Message ids the code asks for: the first string literal after `t!(`, `t_in!(` (after its
/// first argument), `message(` and `message_in(`.
fn used_ids() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut out = BTreeMap::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        for marker in ["t!(", "t_in!(", "i18n::message(", "i18n::message_in("] {
            let mut rest = text.as_str();
            while let Some(at) = rest.find(marker) {
                let before = rest[..at].chars().next_back();
                rest = &rest[at + marker.len()..];
                // `assert!(`, `print!(` … end in `t!(` too.
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                // The id is the first literal within the call's first line or two.
                let window: String = rest.chars().take(200).collect();
                let Some(q) = window.find('"') else { continue };
                let after = &window[q + 1..];
                let Some(end) = after.find('"') else { continue };
                let id = &after[..end];
                if !id.is_empty()
                    && id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                {
                    out.insert(id.to_owned(), f.display().to_string());
                }
            }
        }
    }
    // The i18n module's own doc examples and tests are not uses.
    out.retain(|id, file| {
        !(file.ends_with("i18n/mod.rs")
            && ["menu-file", "sites-count", "id", "no-such-message"].contains(&id.as_str()))
    });
    out
}

#[test]
fn both_languages_have_every_key_with_the_same_placeables() {
    let en = messages(Lang::En);
    let ko = messages(Lang::Ko);
    let en_keys: BTreeSet<&String> = en.keys().collect();
    let ko_keys: BTreeSet<&String> = ko.keys().collect();
    let only_en: Vec<_> = en_keys.difference(&ko_keys).collect();
    let only_ko: Vec<_> = ko_keys.difference(&en_keys).collect();
    assert!(only_en.is_empty(), "missing in Korean: {only_en:?}");
    assert!(only_ko.is_empty(), "missing in English: {only_ko:?}");
    for (id, text) in &en {
        // A selector may use a variable only in one language (Korean has no plural forms),
        // but a placeable shown in one language must be shown in the other.
        let shown = |t: &str| {
            variables(t)
                .into_iter()
                .filter(|v| t.contains(&format!("{{ ${v} }}")))
                .collect::<BTreeSet<_>>()
        };
        assert_eq!(shown(text), shown(&ko[id]), "placeables of '{id}' differ");
    }
    assert!(en.len() > 1, "no messages found");
}

#[test]
fn every_key_is_used_and_every_used_key_exists() {
    let en = messages(Lang::En);
    let used = used_ids();
    let missing: Vec<_> = used
        .iter()
        .filter(|(id, _)| !en.contains_key(*id))
        .map(|(id, f)| format!("{id} (used in {f})"))
        .collect();
    assert!(missing.is_empty(), "used but not defined: {missing:#?}");
    let unused: Vec<_> = en.keys().filter(|id| !used.contains_key(*id)).collect();
    assert!(unused.is_empty(), "defined but never used: {unused:?}");
}

fn covered(faces: &[ttf_parser::Face<'_>], c: char) -> bool {
    c.is_whitespace() || faces.iter().any(|f| f.glyph_index(c).is_some())
}

#[test]
fn every_message_formats_and_renders_with_the_bundled_fonts() {
    // The faces exports are drawn with (the window has these and more: egui's emoji fonts).
    let faces: Vec<ttf_parser::Face<'_>> = [
        epaint_default_fonts::UBUNTU_LIGHT,
        include_bytes!("../assets/fonts/NkmapHangul.ttf").as_slice(),
    ]
    .iter()
    .map(|b| ttf_parser::Face::parse(b, 0).unwrap_or_else(|e| panic!("font: {e}")))
    .collect();
    for lang in Lang::ALL {
        for (id, text) in messages(lang) {
            let args: Vec<(String, Arg)> = variables(&text)
                .into_iter()
                .map(|v| (v, Arg::Num(2.0)))
                .collect();
            let args: Vec<(&str, Arg)> =
                args.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
            let out = i18n::message_in(lang, &id, &args);
            assert!(
                !out.contains('{') && !out.contains('}'),
                "{lang:?} {id}: unfilled: {out}"
            );
            assert_ne!(out, id, "{lang:?} {id} did not format");
            let missing: String = out.chars().filter(|c| !covered(&faces, *c)).collect();
            assert!(
                missing.is_empty(),
                "{lang:?} '{id}': no glyph for {missing:?} in the bundled fonts"
            );
        }
    }
}

#[test]
fn the_korean_font_has_every_modern_hangul_syllable() {
    let bytes = include_bytes!("../assets/fonts/NkmapHangul.ttf");
    let face = ttf_parser::Face::parse(bytes, 0).unwrap_or_else(|e| panic!("font: {e}"));
    let missing = ('\u{AC00}'..='\u{D7A3}')
        .filter(|c| face.glyph_index(*c).is_none())
        .count();
    assert_eq!(missing, 0, "syllables without a glyph");
}
