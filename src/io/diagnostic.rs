//! Problems found in data files, printed like a compiler's: `file:where: error: message`.
//!
//! The words are the interface language's (issue 19): a message is written with `t!` when the
//! file is read, so a message already made stays in the language it was made in after the
//! user switches; the severity and location words are looked up each time a diagnostic is
//! displayed. The shape (`file:line:col: severity: message`) is the same in every language;
//! tools that parse `nkmap check` run it with `LC_ALL=C`, like any compiler's output.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            Severity::Warning => crate::t!("diag-severity-warning"),
            Severity::Error => crate::t!("diag-severity-error"),
        })
    }
}

/// Where in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// The file as a whole (empty, unreadable).
    File,
    /// 1-based line and column (syntax errors, bad bytes).
    LineCol { line: usize, col: usize },
    /// The `index`th feature (0-based) of a GeoJSON FeatureCollection.
    Feature { index: usize, id: Option<String> },
    /// A CSV row, by its 1-based line.
    Row { line: usize, id: Option<String> },
    /// The `index`th `<Placemark>` (0-based, in file order) of a KML file, with its name or
    /// id when it has one.
    Placemark { index: usize, name: Option<String> },
}

impl Location {
    /// For sorting diagnostics in file order.
    pub fn order(&self) -> usize {
        match self {
            Location::File => 0,
            Location::LineCol { line, .. } => *line,
            Location::Feature { index, .. } => *index + 1,
            Location::Row { line, .. } => *line,
            Location::Placemark { index, .. } => *index + 1,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let id = |id: &Option<String>| id.as_ref().map(|i| format!(" ({i})")).unwrap_or_default();
        match self {
            Location::File => Ok(()),
            Location::LineCol { line, col } => write!(f, "{line}:{col}"),
            Location::Feature { index, id: i } => write!(
                f,
                "{}{}",
                crate::t!("diag-location-feature", index = index.to_string()),
                id(i)
            ),
            Location::Row { line, id: i } => write!(f, "{line}{}", id(i)),
            Location::Placemark { index, name } => write!(
                f,
                "{}{}",
                crate::t!("diag-location-placemark", index = index.to_string()),
                id(name)
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    pub location: Location,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn error(file: &str, location: Location, message: impl Into<String>) -> Self {
        Self {
            file: file.to_string(),
            location,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub fn warning(file: &str, location: Location, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(file, location, message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Location::File => write!(f, "{}: {}: {}", self.file, self.severity, self.message),
            _ => write!(
                f,
                "{}:{}: {}: {}",
                self.file, self.location, self.severity, self.message
            ),
        }
    }
}

/// A list of a property's allowed words, written "a, b or c" in the code, with the "or" in
/// the interface language (the words themselves are the file format's).
pub(crate) fn alternatives(list: &str) -> String {
    list.replace(" or ", &crate::t!("diag-or"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn displays_like_a_compiler() {
        let d = Diagnostic::error("a.geojson", Location::LineCol { line: 3, col: 7 }, "bad");
        assert_eq!(d.to_string(), "a.geojson:3:7: error: bad");
        let d = Diagnostic::warning(
            "a.geojson",
            Location::Feature {
                index: 2,
                id: Some("x".into()),
            },
            "hm",
        );
        assert_eq!(d.to_string(), "a.geojson:feature 2 (x): warning: hm");
        let d = Diagnostic::error("a.csv", Location::File, "empty");
        assert_eq!(d.to_string(), "a.csv: error: empty");
        assert_eq!(
            Diagnostic::error("a.csv", Location::Row { line: 4, id: None }, "m").to_string(),
            "a.csv:4: error: m"
        );
    }
}
