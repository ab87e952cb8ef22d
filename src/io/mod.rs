//! Reading, checking and writing data files (docs/data-format.md).
//!
//! Reading never panics and keeps every good record when some are bad: each problem becomes a
//! [`Diagnostic`] and only the record it concerns is dropped. GeoJSON is read feature by
//! feature, never as one `Value` tree (`stream`); polygon features without `record` are
//! areas ([`crate::model::Area`]).

mod atomic;
pub mod csv;
mod diagnostic;
pub mod kml;
pub mod record;
pub mod regions;
mod rules;
mod stream;
mod write;

pub use atomic::{atomic_write, atomic_write_with};
pub use diagnostic::{Diagnostic, Location, Severity};
pub use write::{write_areas_geojson, write_geojson};

pub use self::csv::write_csv;
use crate::geography::Geography;
use crate::model::{Area, Dataset, Source};
use record::{Places, RawRecord, Record};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The formats nkmap reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    GeoJson,
    Csv,
    /// KML or KMZ (Google Earth).
    Kml,
}

impl Format {
    /// By extension, else by the first non-blank byte (`{` is JSON).
    pub fn detect(label: &str, bytes: &[u8]) -> Format {
        let lower = label.to_ascii_lowercase();
        if lower.ends_with(".kml")
            || lower.ends_with(".kmz")
            || kml::Kind::of(bytes) == kml::Kind::Kmz
        {
            return Format::Kml;
        }
        if lower.ends_with(".csv") {
            return Format::Csv;
        }
        if lower.ends_with(".geojson") || lower.ends_with(".json") {
            return Format::GeoJson;
        }
        match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') | Some(b'[') => Format::GeoJson,
            Some(b'<') => Format::Kml,
            _ => Format::Csv,
        }
    }
}

/// The file names `nkmap check` and the open dialog accept.
pub fn is_data_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "geojson" | "json" | "csv" | "kml" | "kmz"
        )
    })
}

/// Records of one file with where each came from.
struct FileRecords {
    records: Vec<(Location, Record)>,
    /// Polygon features without a `record` property, in file order.
    areas: Vec<Area>,
    /// A KML file's placemarks that are not records.
    placemarks: crate::model::Placemarks,
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
                crate::t!(
                    "diag-not-utf8",
                    byte = format!("0x{byte:02X}"),
                    offset = offset.to_string()
                ),
            ));
        }
    };
    if text.trim().is_empty() {
        return Err(Diagnostic::error(
            file,
            Location::File,
            crate::t!("diag-file-empty"),
        ));
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

/// serde_json's error `e` in the interface's language, with where it is when that is not
/// at the file's level ("… at line 1 column 5" / "… (1:5)").
pub(crate) fn json_error_text(e: &serde_json::Error) -> String {
    let reason = json_reason(json_words(e));
    if e.line() == 0 {
        reason
    } else {
        format!("{reason} ({}:{})", e.line(), e.column())
    }
}

/// serde_json's own words for `e`, without its " at line … column …".
fn json_words(e: &serde_json::Error) -> String {
    let mut message = e.to_string();
    if let Some(i) = message.rfind(" at line ") {
        message.truncate(i);
    }
    message
}

/// serde_json's wording of a syntax error in the interface's language (the English messages
/// are its text word for word; a wording it adds later passes through as it is).
fn json_reason(message: String) -> String {
    match message.as_str() {
        "EOF while parsing a list" => crate::t!("diag-json-eof-list"),
        "EOF while parsing an object" => crate::t!("diag-json-eof-object"),
        "EOF while parsing a string" => crate::t!("diag-json-eof-string"),
        "EOF while parsing a value" => crate::t!("diag-json-eof-value"),
        "expected `:`" => crate::t!("diag-json-expected-colon"),
        "expected `,` or `]`" => crate::t!("diag-json-expected-list-comma"),
        "expected `,` or `}`" => crate::t!("diag-json-expected-object-comma", brace = "}"),
        "expected ident" => crate::t!("diag-json-expected-ident"),
        "expected value" => crate::t!("diag-json-expected-value"),
        "expected `\"`" => crate::t!("diag-json-expected-quote"),
        "invalid escape" => crate::t!("diag-json-invalid-escape"),
        "invalid number" => crate::t!("diag-json-invalid-number"),
        "number out of range" => crate::t!("diag-json-number-range"),
        "invalid unicode code point" => crate::t!("diag-json-invalid-code-point"),
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            crate::t!("diag-json-control-character")
        }
        "key must be a string" => crate::t!("diag-json-key-not-string"),
        "trailing comma" => crate::t!("diag-json-trailing-comma"),
        "trailing characters" => crate::t!("diag-json-trailing-characters"),
        "unexpected end of hex escape" => crate::t!("diag-json-hex-escape-end"),
        "recursion limit exceeded" => crate::t!("diag-json-recursion"),
        "lone leading surrogate in hex escape" => crate::t!("diag-json-lone-surrogate"),
        _ => message,
    }
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
    let message = json_reason(json_words(e));
    let message = if let Some(token) = special {
        crate::t!("diag-json-nan", token = token)
    } else if e.classify() == serde_json::error::Category::Eof {
        crate::t!("diag-json-truncated", message = message)
    } else {
        crate::t!("diag-json-invalid", message = message)
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

/// Reads a GeoJSON file feature by feature, never as one `Value` tree ([`stream`]): features
/// with `properties.record` are records; features without it whose geometry is a Polygon or
/// MultiPolygon are areas.
fn parse_geojson(text: &str, file: &str, places: &mut Places<'_>) -> FileRecords {
    let mut out = FileRecords {
        records: Vec::new(),
        areas: Vec::new(),
        placemarks: Default::default(),
        diagnostics: Vec::new(),
        parsed: false,
    };
    let mut scratch = stream::Scratch::default();
    let top = match stream::top_level(text, &mut scratch) {
        Ok(t) => t,
        Err(e) => {
            let e = stream::value_error(text).unwrap_or(e);
            out.diagnostics.push(json_syntax(text, &e, file));
            return out;
        }
    };
    let features = match top.kind.as_deref() {
        Some("FeatureCollection") => match top.features {
            Some(Ok(f)) => f,
            _ => {
                out.diagnostics.push(Diagnostic::error(
                    file,
                    Location::File,
                    crate::t!("diag-no-features-array"),
                ));
                return out;
            }
        },
        Some("Feature") => vec![top.own],
        other => {
            out.diagnostics.push(Diagnostic::error(
                file,
                Location::File,
                match other {
                    Some(t) => crate::t!("diag-not-feature-collection", kind = t),
                    None => crate::t!("diag-not-feature-collection-no-type"),
                },
            ));
            return out;
        }
    };
    out.parsed = true;
    let mut invalid = None;
    for (index, feature) in features.into_iter().enumerate() {
        if let Err(e) = read_feature(&mut out, file, index, feature, places, &mut scratch) {
            invalid = Some(e);
            break;
        }
    }
    // A slice of the text may hold a number out of range (the pass over the file does not
    // look at it), and a problem may sit beside invalid JSON: when a feature is not valid JSON
    // or anything is wrong, make sure the file is valid JSON, so that an invalid file gives its
    // syntax error and nothing else, as the whole-document parse did.
    if (invalid.is_some() || out.diagnostics.iter().any(Diagnostic::is_error))
        && let Some(e) = stream::value_error(text).or(invalid)
    {
        return FileRecords {
            records: Vec::new(),
            areas: Vec::new(),
            placemarks: Default::default(),
            diagnostics: vec![json_syntax(text, &e, file)],
            parsed: false,
        };
    }
    out
}

/// An id or name as a message's location shows it: a hostile file's 100-million-character id
/// must not become a 100-million-character message.
pub(crate) fn short_id(s: &str) -> String {
    const MAX: usize = 80;
    match s.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}...", &s[..cut]),
        None => s.to_owned(),
    }
}

/// The properties an area's name is taken from, in order of preference.
const AREA_NAME_KEYS: [&str; 5] = ["name", "NAME", "name_en", "title", "id"];

/// One feature: a record, an area, or a diagnostic. `Err` when the feature turns out not to
/// be valid JSON (a number out of range).
fn read_feature(
    out: &mut FileRecords,
    file: &str,
    index: usize,
    feature: stream::Feature<'_>,
    places: &mut Places<'_>,
    scratch: &mut stream::Scratch,
) -> Result<(), serde_json::Error> {
    let stream::Feature::Object {
        properties,
        geometry,
    } = feature
    else {
        out.diagnostics.push(Diagnostic::error(
            file,
            Location::Feature { index, id: None },
            // Braces are passed in: Fluent would read them as placeables.
            crate::t!(
                "diag-feature-not-object",
                shape = r#"{"type": "Feature", ...}"#
            ),
        ));
        return Ok(());
    };
    let props = stream::Properties::read(properties)?;
    let id = props.str("id").map(short_id);
    let needs_properties = |out: &mut FileRecords, id: Option<String>| {
        out.diagnostics.push(Diagnostic::error(
            file,
            Location::Feature { index, id },
            crate::t!("diag-feature-no-properties"),
        ));
    };
    if matches!(props, stream::Properties::NotObject) {
        needs_properties(out, id);
        return Ok(());
    }
    if props.get("record").is_some() {
        let geometry = match geometry {
            Some(g) => g.into_value()?,
            None => Value::Null,
        };
        let raw = RawRecord {
            props: props.into_map(),
            geometry,
        };
        add_checked(out, file, Location::Feature { index, id }, &raw, places);
        return Ok(());
    }
    match geometry.map(|g| g.shape(scratch)) {
        Some(stream::Shape::Polygonal(Ok(geometry))) => {
            if let stream::Properties::Object(members) = &props
                && let Some(e) = record::overlong_text(members.iter().map(|(k, v)| (k, v)))
            {
                let id = id.or_else(|| area_name(&props).as_deref().map(short_id));
                out.diagnostics
                    .push(Diagnostic::error(file, Location::Feature { index, id }, e));
                return Ok(());
            }
            out.areas.push(area(index, props, geometry));
            return Ok(());
        }
        Some(stream::Shape::Polygonal(Err(problem))) => {
            let id = id.or_else(|| area_name(&props));
            out.diagnostics.push(Diagnostic::error(
                file,
                Location::Feature { index, id },
                crate::t!("diag-geometry", problem = problem),
            ));
            return Ok(());
        }
        Some(stream::Shape::Invalid(e)) => return Err(e),
        // Neither a record nor an area: the record checks say what is missing (they stop
        // before the geometry).
        Some(stream::Shape::Other(_)) | None => {}
    }
    if matches!(props, stream::Properties::Absent) {
        needs_properties(out, id);
        return Ok(());
    }
    let raw = RawRecord {
        props: props.into_map(),
        geometry: Value::Null,
    };
    add_checked(out, file, Location::Feature { index, id }, &raw, places);
    Ok(())
}

/// The name an area's properties give it, if any: the text of the first of
/// [`AREA_NAME_KEYS`] that has one, written as the area's properties keep it (a nested value
/// as its JSON), so the name is the same when a written area file is read again.
fn area_name(props: &stream::Properties) -> Option<String> {
    AREA_NAME_KEYS.iter().find_map(|k| match props.get(k)? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Null => None,
        other => Some(other.to_string()),
    })
}

fn area(index: usize, props: stream::Properties, geometry: geo_types::MultiPolygon<f64>) -> Area {
    // Named in the interface's language when the file names it nowhere, like the readers'
    // messages (the name is made once, when the file is read).
    let name = area_name(&props)
        .unwrap_or_else(|| crate::t!("diag-location-feature", index = index.to_string()));
    let properties = match props {
        stream::Properties::Object(members) => members
            .into_iter()
            .filter_map(|(k, v)| {
                let text = match v {
                    Value::Null => return None,
                    Value::String(s) => s,
                    Value::Bool(b) => b.to_string(),
                    Value::Number(n) => n.to_string(),
                    nested => nested.to_string(),
                };
                Some((k, text))
            })
            .collect(),
        _ => Vec::new(),
    };
    Area {
        name,
        properties,
        geometry,
    }
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
    let nothing = |diagnostics| FileRecords {
        records: Vec::new(),
        areas: Vec::new(),
        placemarks: Default::default(),
        diagnostics,
        parsed: false,
    };
    if Format::detect(file, bytes) == Format::Kml {
        // A KMZ is not text; the KML reader checks the document inside it.
        let (content, diagnostics) = kml::read(bytes, file);
        let Some(content) = content else {
            return nothing(diagnostics);
        };
        let mut out = FileRecords {
            diagnostics,
            areas: content.areas,
            placemarks: content.placemarks,
            ..nothing(Vec::new())
        };
        out.parsed = true;
        for (loc, raw) in content.records {
            add_checked(&mut out, file, loc, &raw, places);
        }
        return out;
    }
    let text = match text_of(bytes, file) {
        Ok(t) => t,
        Err(d) => return nothing(vec![d]),
    };
    match Format::detect(file, bytes) {
        Format::Kml => nothing(Vec::new()),
        Format::GeoJson => parse_geojson(text, file, places),
        Format::Csv => {
            let mut out = FileRecords {
                parsed: true,
                ..nothing(Vec::new())
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
    let mut areas = Vec::new();
    let mut placemarks = crate::model::Placemarks::default();
    for (i, (label, bytes)) in files.iter().enumerate() {
        let f = read_one(bytes, label, &mut places);
        parsed.push(f.parsed);
        areas.extend(f.areas);
        placemarks.extend(f.placemarks);
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
                    crate::t!("diag-duplicate-id", id = r.id(), at = at),
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
    let mut data = Dataset {
        areas,
        placemarks,
        ..Dataset::default()
    };
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
                        crate::t!("diag-undefined-source", source = *m),
                    ),
                ));
            }
            dropped.push(r.id().to_string());
        }
    }
    // The evidence rules need every cited source: the files' own and the known ones.
    let sources: rules::Sources<'_> = known_sources
        .iter()
        .chain(kept.iter().filter_map(|(_, _, r)| match r {
            Record::Source(s) => Some(s),
            _ => None,
        }))
        .map(|s| (s.id.as_str(), s))
        .collect();
    for (i, loc, r) in &kept {
        if dropped.iter().any(|d| d == r.id()) {
            continue;
        }
        for problem in rules::problems(r, &sources) {
            diags.push((*i, Diagnostic::warning(&files[*i].0, loc.clone(), problem)));
        }
    }
    drop(sources);
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
/// picks the format. Evidence may cite `known` sources (the bundled ones:
/// `bundled::seed_sources()`) without the file repeating them.
pub fn read_dataset(
    bytes: &[u8],
    file_label: &str,
    geo: &Geography,
    known: &[Source],
) -> (Dataset, Vec<Diagnostic>) {
    read_files(&[(file_label.to_string(), bytes.to_vec())], geo, known)
}

/// Reads and checks a file from disk. The dataset is `None` when the file could not be read
/// or parsed at all; otherwise it holds every good record. Evidence may cite `known` sources.
pub fn load_file(
    path: &Path,
    geo: &Geography,
    known: &[Source],
) -> (Option<Dataset>, Vec<Diagnostic>) {
    let label = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return (
                None,
                vec![Diagnostic::error(
                    &label,
                    Location::File,
                    crate::t!("diag-cannot-read", error = e.to_string()),
                )],
            );
        }
    };
    let (data, diags, parsed) = read_files_inner(&[(label, bytes)], geo, known);
    let ok = parsed.first().copied().unwrap_or(false);
    (ok.then_some(data), diags)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
