//! Reading, checking and writing data files (docs/data-format.md).
//!
//! Reading never panics and keeps every good record when some are bad: each problem becomes a
//! [`Diagnostic`] and only the record it concerns is dropped.

mod atomic;
pub mod csv;
mod diagnostic;
pub mod record;
pub mod regions;
mod write;

pub use atomic::{atomic_write, atomic_write_with};
pub use diagnostic::{Diagnostic, Location, Severity};
pub use write::write_geojson;

pub use self::csv::write_csv;
use crate::geography::Geography;
use crate::model::{Dataset, Source};
use record::{Places, RawRecord, Record};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The two formats nkmap reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    GeoJson,
    Csv,
}

impl Format {
    /// By extension, else by the first non-blank byte (`{` is JSON).
    pub fn detect(label: &str, bytes: &[u8]) -> Format {
        let lower = label.to_ascii_lowercase();
        if lower.ends_with(".csv") {
            return Format::Csv;
        }
        if lower.ends_with(".geojson") || lower.ends_with(".json") {
            return Format::GeoJson;
        }
        match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') | Some(b'[') => Format::GeoJson,
            _ => Format::Csv,
        }
    }
}

/// The file names `nkmap check` and the open dialog accept.
pub fn is_data_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "geojson" | "json" | "csv"))
}

/// Records of one file with where each came from.
struct FileRecords {
    records: Vec<(Location, Record)>,
    diagnostics: Vec<Diagnostic>,
    /// False when nothing could be read at all (bad bytes, bad syntax, empty).
    parsed: bool,
}

/// Text of a file, or the diagnostic that says why it has none.
fn text_of<'a>(bytes: &'a [u8], file: &str) -> Result<&'a str, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let offset = e.valid_up_to();
            let (line, col) = line_col(bytes, offset);
            let byte = bytes.get(offset).copied().unwrap_or(0);
            return Err(Diagnostic::error(
                file,
                Location::LineCol { line, col },
                format!(
                    "not UTF-8: invalid byte 0x{byte:02X} at byte offset {offset}; save the file as UTF-8"
                ),
            ));
        }
    };
    if text.trim().is_empty() {
        return Err(Diagnostic::error(file, Location::File, "the file is empty"));
    }
    Ok(text)
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, col)
}

/// Explains a serde_json syntax error, naming NaN and Infinity, which JSON does not have.
fn json_syntax(text: &str, e: &serde_json::Error, file: &str) -> Diagnostic {
    let (line, col) = (e.line(), e.column());
    let line_text = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    // serde_json's column points at or just past the offending byte.
    let at = line_text
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(line_text.len(), |(i, _)| i);
    let near = line_text.get(at.saturating_sub(1)..).unwrap_or("");
    let special = ["-Infinity", "Infinity", "NaN", "-NaN", "nan", "inf"]
        .into_iter()
        .find(|t| near.starts_with(t) || near.get(1..).is_some_and(|n| n.starts_with(t)));
    let mut message = e.to_string();
    if let Some(i) = message.rfind(" at line ") {
        message.truncate(i);
    }
    let message = if let Some(token) = special {
        format!(
            "not valid JSON: '{token}' is not a number in JSON (JSON has no NaN or Infinity); write a finite number or null"
        )
    } else if e.classify() == serde_json::error::Category::Eof {
        format!(
            "not valid JSON: the file ends in the middle of a value ({message}); is it truncated?"
        )
    } else {
        format!("not valid JSON: {message}")
    };
    Diagnostic::error(
        file,
        Location::LineCol {
            line,
            col: col.max(1),
        },
        message,
    )
}

fn parse_geojson(text: &str, file: &str, places: &mut Places<'_>) -> FileRecords {
    let mut out = FileRecords {
        records: Vec::new(),
        diagnostics: Vec::new(),
        parsed: false,
    };
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            out.diagnostics.push(json_syntax(text, &e, file));
            return out;
        }
    };
    let features: Vec<Value> = match value.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => match value {
            Value::Object(mut obj) => match obj.remove("features") {
                Some(Value::Array(f)) => f,
                _ => {
                    out.diagnostics.push(Diagnostic::error(
                        file,
                        Location::File,
                        "a FeatureCollection needs a 'features' array",
                    ));
                    return out;
                }
            },
            _ => Vec::new(),
        },
        Some("Feature") => vec![value],
        other => {
            out.diagnostics.push(Diagnostic::error(
                file,
                Location::File,
                format!(
                    "not a GeoJSON FeatureCollection (top-level 'type' is {})",
                    other.map_or("missing".to_string(), |t| format!("'{t}'"))
                ),
            ));
            return out;
        }
    };
    out.parsed = true;
    for (index, feature) in features.into_iter().enumerate() {
        let id = feature
            .get("properties")
            .and_then(|p| p.get("id"))
            .and_then(Value::as_str)
            .map(str::to_string);
        let loc = Location::Feature { index, id };
        let Value::Object(mut obj) = feature else {
            out.diagnostics.push(Diagnostic::error(
                file,
                loc,
                "a feature should be an object {\"type\": \"Feature\", ...}",
            ));
            continue;
        };
        let props = match obj.remove("properties") {
            Some(Value::Object(p)) => p,
            _ => {
                out.diagnostics.push(Diagnostic::error(
                    file,
                    loc,
                    "a feature needs a 'properties' object",
                ));
                continue;
            }
        };
        let geometry = obj.remove("geometry").unwrap_or(Value::Null);
        let raw = RawRecord { props, geometry };
        add_checked(&mut out, file, loc, &raw, places);
    }
    out
}

fn add_checked(
    out: &mut FileRecords,
    file: &str,
    loc: Location,
    raw: &RawRecord,
    places: &mut Places<'_>,
) {
    let checked = record::check(raw, places);
    for e in checked.errors {
        out.diagnostics
            .push(Diagnostic::error(file, loc.clone(), e));
    }
    for w in checked.warnings {
        out.diagnostics
            .push(Diagnostic::warning(file, loc.clone(), w));
    }
    if let Some(r) = checked.record {
        out.records.push((loc, r));
    }
}

fn read_one(bytes: &[u8], file: &str, places: &mut Places<'_>) -> FileRecords {
    let text = match text_of(bytes, file) {
        Ok(t) => t,
        Err(d) => {
            return FileRecords {
                records: Vec::new(),
                diagnostics: vec![d],
                parsed: false,
            };
        }
    };
    match Format::detect(file, bytes) {
        Format::GeoJson => parse_geojson(text, file, places),
        Format::Csv => {
            let mut out = FileRecords {
                records: Vec::new(),
                diagnostics: Vec::new(),
                parsed: true,
            };
            let (rows, diags) = self::csv::read_rows(text, file);
            out.diagnostics.extend(diags);
            if rows.is_none() {
                out.parsed = false;
            }
            for (loc, raw) in rows.unwrap_or_default() {
                add_checked(&mut out, file, loc, &raw, places);
            }
            out
        }
    }
}

/// Reads and checks files together: ids must be unique across them, and evidence may cite a
/// source defined in any of them or in `known_sources` (the bundled seed sources).
///
/// Returns the good records of all files in order, and every problem sorted by file and
/// position. Files that could not be parsed at all give only their diagnostic.
pub fn read_files(
    files: &[(String, Vec<u8>)],
    geo: &Geography,
    known_sources: &[Source],
) -> (Dataset, Vec<Diagnostic>) {
    let (data, diags, _) = read_files_inner(files, geo, known_sources);
    (data, diags)
}

fn read_files_inner(
    files: &[(String, Vec<u8>)],
    geo: &Geography,
    known_sources: &[Source],
) -> (Dataset, Vec<Diagnostic>, Vec<bool>) {
    let mut places = Places::new(geo);
    let mut parsed = Vec::new();
    let mut all: Vec<(usize, Location, Record)> = Vec::new();
    let mut diags: Vec<(usize, Diagnostic)> = Vec::new();
    for (i, (label, bytes)) in files.iter().enumerate() {
        let f = read_one(bytes, label, &mut places);
        parsed.push(f.parsed);
        diags.extend(f.diagnostics.into_iter().map(|d| (i, d)));
        all.extend(f.records.into_iter().map(|(l, r)| (i, l, r)));
    }

    // Duplicate ids: the first definition stands.
    let mut seen: HashMap<String, (usize, Location)> = HashMap::new();
    let mut kept: Vec<(usize, Location, Record)> = Vec::new();
    for (i, loc, r) in all {
        if let Some((fi, first)) = seen.get(r.id()) {
            let at = if *fi == i {
                first.to_string()
            } else {
                format!("{}:{first}", files[*fi].0)
            };
            diags.push((
                i,
                Diagnostic::error(
                    &files[i].0,
                    loc,
                    format!("duplicate id '{}' (first defined at {at})", r.id()),
                ),
            ));
            continue;
        }
        seen.insert(r.id().to_string(), (i, loc.clone()));
        kept.push((i, loc, r));
    }

    let defined: HashSet<&str> = kept
        .iter()
        .filter_map(|(_, _, r)| match r {
            Record::Source(s) => Some(s.id.as_str()),
            _ => None,
        })
        .chain(known_sources.iter().map(|s| s.id.as_str()))
        .collect();
    let mut data = Dataset::default();
    let mut dropped = Vec::new();
    for (i, loc, r) in &kept {
        let missing: Vec<&str> = r
            .cited()
            .into_iter()
            .filter(|s| !defined.contains(s))
            .collect();
        if !missing.is_empty() {
            for m in &missing {
                diags.push((
                    *i,
                    Diagnostic::error(
                        &files[*i].0,
                        loc.clone(),
                        format!("evidence cites source '{m}', which is not defined in the files checked or the bundled sources"),
                    ),
                ));
            }
            dropped.push(r.id().to_string());
        }
    }
    for (_, _, r) in kept {
        if dropped.iter().any(|d| d == r.id()) {
            continue;
        }
        match r {
            Record::Source(s) => data.sources.push(s),
            Record::Site(s) => data.sites.push(s),
            Record::Flow(f) => data.flows.push(f),
            Record::Event(e) => data.events.push(e),
        }
    }
    diags.sort_by_key(|(i, d)| (*i, d.location.order()));
    (data, diags.into_iter().map(|(_, d)| d).collect(), parsed)
}

/// Reads and checks one file's bytes; `file_label` names it in diagnostics and its extension
/// picks the format. Evidence may cite the bundled seed sources.
pub fn read_dataset(bytes: &[u8], file_label: &str, geo: &Geography) -> (Dataset, Vec<Diagnostic>) {
    read_files(
        &[(file_label.to_string(), bytes.to_vec())],
        geo,
        crate::bundled::seed_sources(),
    )
}

/// Reads and checks a file from disk. The dataset is `None` when the file could not be read
/// or parsed at all; otherwise it holds every good record.
pub fn load_file(path: &Path, geo: &Geography) -> (Option<Dataset>, Vec<Diagnostic>) {
    let label = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return (
                None,
                vec![Diagnostic::error(
                    &label,
                    Location::File,
                    format!("cannot read the file: {e}"),
                )],
            );
        }
    };
    let (data, diags, parsed) =
        read_files_inner(&[(label, bytes)], geo, crate::bundled::seed_sources());
    let ok = parsed.first().copied().unwrap_or(false);
    (ok.then_some(data), diags)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
