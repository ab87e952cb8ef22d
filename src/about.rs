//! Which build of nkmap this is: its version, the commit it was built from and how fresh the
//! bundled data is, for Help → About and `nkmap --version`, so that a screenshot or a report
//! can say what it was made with. Pure (no egui): the command line uses it without the GUI.

use crate::bundled;
use crate::i18n::Lang;

/// The release version (`Cargo.toml`).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The project's home page.
pub const HOMEPAGE: &str = env!("CARGO_PKG_REPOSITORY");

/// The commit nkmap was built from (set by `build.rs` from git, or `NKMAP_COMMIT` when built
/// from a source tarball); `None` when neither knew.
pub fn commit() -> Option<&'static str> {
    option_env!("NKMAP_COMMIT")
}

/// The README on the project's home page.
pub fn readme_url() -> String {
    format!("{HOMEPAGE}#readme")
}

/// The data-format document on the project's home page.
pub fn data_format_url() -> String {
    format!("{HOMEPAGE}/blob/main/docs/data-format.md")
}

/// The bundled data's as-of date as `lang` writes it, or "unknown".
pub fn data_as_of_text(lang: Lang) -> String {
    bundled::data_as_of()
        .map(|d| crate::i18n::format_date_in(lang, d))
        .unwrap_or_else(|| crate::t_in!(lang, "about-unknown"))
}

/// "nkmap 0.1.0 (commit 1a2b3c4d5e), data as of 1 December 2026": what `nkmap --version`
/// prints and Help → About shows first.
pub fn version_line(lang: Lang) -> String {
    crate::t_in!(
        lang,
        "about-version-line",
        version = VERSION,
        commit = commit().map_or_else(|| crate::t_in!(lang, "about-unknown"), str::to_owned),
        date = data_as_of_text(lang)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_line_names_the_version_and_the_data_date() {
        let line = version_line(Lang::En);
        assert!(
            line.starts_with(&format!("nkmap {VERSION} (commit ")),
            "{line}"
        );
        let ko = version_line(Lang::Ko);
        assert!(ko.contains("기준 자료"), "{ko}");
        let Some(date) = bundled::data_as_of() else {
            panic!("the bundled sources have no dates");
        };
        assert!(
            line.ends_with(&format!(
                "data as of {}",
                crate::i18n::format_date_in(Lang::En, date)
            )),
            "{line}"
        );
    }
}
