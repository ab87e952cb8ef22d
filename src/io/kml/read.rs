//! The KML reader: one pass over quick-xml's events, keeping a stack of open elements.
//!
//! Every event is looked at, which is what makes the file safe to read: a `<!DOCTYPE>` is
//! refused the moment it appears (so no entity is ever defined, and none beyond XML's five and
//! character references is ever expanded), nesting is bounded, and nothing refers outside the
//! file (network links are noted, never followed). Element names are matched by their local
//! part, so KML 2.0/2.1/2.2 and files without the namespace read alike; nkmap's own elements
//! are matched with their `nkmap:` prefix, which only nkmap writes.
//!
//! Styles may be defined after the placemarks that use them, so placemarks keep their
//! `styleUrl` and inline style until the end of the file, when both are resolved into one table.

use super::{KmlContent, NKMAP_AREA, NKMAP_PART, NKMAP_RECORD};
use crate::io::record::RawRecord;
use crate::io::{Diagnostic, Location};
use crate::model::placemark::kml_color;
use crate::model::{Area, Folder, PartialDate, Placemark, PlacemarkStyle, Shape, TimeSpan};
use geo_types::{Coord, LineString, MultiPolygon, Point, Polygon};
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// Deeper than any real KML (Google Earth's own exports nest folders a few levels); a bound so
/// that a hostile file cannot make the reader's stack grow without end.
pub const MAX_DEPTH: usize = 256;

/// A style as written: each part only when the file sets it, so an inline style can override
/// a shared one part by part, as Google Earth does.
#[derive(Debug, Clone, Default, PartialEq)]
struct StyleDef {
    icon_color: Option<[u8; 4]>,
    icon_scale: Option<f32>,
    line_color: Option<[u8; 4]>,
    line_width: Option<f32>,
    poly_color: Option<[u8; 4]>,
    fill: Option<bool>,
    outline: Option<bool>,
}

impl StyleDef {
    fn over(&self, base: &StyleDef) -> StyleDef {
        StyleDef {
            icon_color: self.icon_color.or(base.icon_color),
            icon_scale: self.icon_scale.or(base.icon_scale),
            line_color: self.line_color.or(base.line_color),
            line_width: self.line_width.or(base.line_width),
            poly_color: self.poly_color.or(base.poly_color),
            fill: self.fill.or(base.fill),
            outline: self.outline.or(base.outline),
        }
    }

    fn resolve(&self) -> PlacemarkStyle {
        let d = PlacemarkStyle::default();
        PlacemarkStyle {
            icon_color: self.icon_color,
            icon_scale: self.icon_scale.unwrap_or(d.icon_scale),
            line_color: self.line_color,
            line_width: self.line_width.unwrap_or(d.line_width),
            poly_color: self.poly_color,
            fill: self.fill.unwrap_or(d.fill),
            outline: self.outline.unwrap_or(d.outline),
        }
    }

    fn key(&self) -> [u64; 7] {
        let c = |c: Option<[u8; 4]>| c.map_or(u64::MAX, |c| u64::from(u32::from_be_bytes(c)));
        let f = |f: Option<f32>| f.map_or(u64::MAX, |f| u64::from(f.to_bits()));
        let b = |b: Option<bool>| b.map_or(2, u64::from);
        [
            c(self.icon_color),
            f(self.icon_scale),
            c(self.line_color),
            f(self.line_width),
            c(self.poly_color),
            b(self.fill),
            b(self.outline),
        ]
    }
}

/// What a `StyleMap`'s `normal` pair points at.
#[derive(Debug, Clone)]
enum StyleRef {
    Url(String),
    Inline(StyleDef),
}

/// A placemark being read.
#[derive(Debug, Default)]
struct Pending {
    index: usize,
    id: Option<String>,
    name: String,
    description: Option<String>,
    visible: bool,
    folder: usize,
    style_url: Option<String>,
    inline_style: Option<StyleDef>,
    time: Option<TimeSpan>,
    data: Vec<(String, String)>,
    shapes: Vec<Shape>,
    /// The first problem: the placemark is dropped with it.
    problem: Option<String>,
    record: Option<String>,
    part_of: Option<String>,
    area: bool,
    /// The geometry was a `MultiGeometry` (kept as a GeoJSON Multi* even with one part).
    multi: bool,
}

/// A polygon being read: its outer ring and holes.
#[derive(Debug, Default)]
struct PendingPolygon {
    outer: Option<LineString<f64>>,
    inner: Vec<LineString<f64>>,
}

#[derive(Debug, Default)]
struct Data {
    name: String,
    display: Option<String>,
    value: String,
}

/// Where the reader is and what it has gathered.
struct Parser<'a> {
    file: &'a str,
    src: &'a str,
    out: KmlContent,
    diags: Vec<Diagnostic>,
    /// Local names of the open elements (nkmap's keep their prefix).
    stack: Vec<String>,
    /// Open documents and folders, innermost last, with the time each gives its contents.
    folders: Vec<(usize, Option<TimeSpan>)>,
    /// The file's own folder: its top-level `<Document>`, or one named after the file.
    root: Option<usize>,
    text: String,
    pending: Option<Pending>,
    polygon: Option<PendingPolygon>,
    track: Vec<Coord<f64>>,
    data: Option<Data>,
    style: Option<(Option<String>, StyleDef)>,
    shared: HashMap<String, StyleDef>,
    maps: HashMap<String, StyleRef>,
    style_map: Option<(Option<String>, Option<StyleRef>)>,
    pair: Option<(String, Option<StyleRef>)>,
    time: Option<TimeSpan>,
    /// Placemarks with their style reference, resolved at the end.
    styled: Vec<(Option<String>, Option<StyleDef>)>,
    /// Inside a `<description>`: where its text starts, its depth, and whether it holds
    /// elements (HTML written without escaping), in which case it is taken as written.
    raw_description: Option<(usize, usize, bool)>,
    placemarks_seen: usize,
    skipped: HashMap<&'static str, usize>,
}

/// Reads a KML document. `None` when the file could not be read at all (not XML, a DTD,
/// nesting too deep); otherwise every good placemark, with a diagnostic for each bad one.
pub fn read_kml(text: &str, file: &str) -> (Option<KmlContent>, Vec<Diagnostic>) {
    let mut reader = Reader::from_str(text);
    let mut p = Parser {
        file,
        src: text,
        out: KmlContent::default(),
        diags: Vec::new(),
        stack: Vec::new(),
        folders: Vec::new(),
        root: None,
        text: String::new(),
        pending: None,
        polygon: None,
        track: Vec::new(),
        data: None,
        style: None,
        shared: HashMap::new(),
        maps: HashMap::new(),
        style_map: None,
        pair: None,
        time: None,
        styled: Vec::new(),
        raw_description: None,
        placemarks_seen: 0,
        skipped: HashMap::new(),
    };
    let mut saw_kml = false;
    loop {
        let at = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let at = reader.error_position() as usize;
                return p.fatal(at, crate::t!("diag-xml-invalid", error = e.to_string()));
            }
        };
        match event {
            Event::DocType(_) => {
                return p.fatal(at, crate::t!("diag-kml-dtd"));
            }
            Event::Start(e) => {
                if let Some((_, _, children)) = p.raw_description.as_mut() {
                    *children = true;
                    p.stack.push(String::new());
                    continue;
                }
                if p.stack.len() >= MAX_DEPTH {
                    return p.fatal(at, crate::t!("diag-kml-too-deep", max = MAX_DEPTH));
                }
                let name = element_name(&e);
                saw_kml |= name == "kml";
                if let Err(m) = p.start(&name, &e) {
                    return p.fatal(at, m);
                }
                p.text.clear();
                if name == "description" {
                    // Remember where the text starts, in case it holds unescaped HTML tags.
                    p.raw_description =
                        Some((reader.buffer_position() as usize, p.stack.len(), false));
                }
                p.stack.push(name);
            }
            Event::Empty(e) => {
                if let Some((_, _, children)) = p.raw_description.as_mut() {
                    *children = true;
                    continue;
                }
                let name = element_name(&e);
                saw_kml |= name == "kml";
                if let Err(m) = p.start(&name, &e) {
                    return p.fatal(at, m);
                }
                p.text.clear();
                p.stack.push(name);
                p.end();
                p.stack.pop();
            }
            Event::End(_) => {
                if let Some((start, depth, children)) = p.raw_description {
                    if p.stack.len() > depth + 1 {
                        p.stack.pop();
                        continue;
                    }
                    // The description held elements: take it as written, tags and all (the
                    // details panel strips them).
                    if children {
                        let raw = p.src.get(start..at).unwrap_or("");
                        p.text = raw.replace("<![CDATA[", "").replace("]]>", "");
                    }
                    p.raw_description = None;
                }
                p.end();
                p.stack.pop();
                p.text.clear();
            }
            Event::Text(t) => p.text.push_str(&t),
            Event::CData(t) => p.text.push_str(&t),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => predefined(&r),
                    Err(_) => None,
                };
                match c {
                    Some(c) => p.text.push(c),
                    None => {
                        return p.fatal(
                            at,
                            format!(
                                "the entity '&{};' is not defined: KML uses only XML's own \
                                 (&amp; &lt; &gt; &quot; &apos;) and character references \
                                 (&#1234;), and nkmap never reads entity definitions",
                                &*r
                            ),
                        );
                    }
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    if let Some(open) = p.stack.last() {
        let open = open.clone();
        return p.fatal(text.len(), crate::t!("diag-kml-truncated", element = open));
    }
    if !saw_kml {
        return p.fatal(0, crate::t!("diag-kml-no-kml"));
    }
    p.finish()
}

/// `s` without the control characters XML 1.0 cannot hold (all below U+0020 but tab, line
/// feed and carriage return), which quick-xml passes through, written raw or as `&#1;`: they
/// are invisible, and the KML export could not write them back.
fn xml_chars(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(super::not_in_xml) {
        s.replace(super::not_in_xml, "").into()
    } else {
        s.into()
    }
}

/// `lt`, `gt`, `amp`, `quot`, `apos`.
fn predefined(name: &str) -> Option<char> {
    Some(match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        _ => return None,
    })
}

/// The local name, except for nkmap's own elements, which keep their prefix.
fn element_name(e: &BytesStart<'_>) -> String {
    let name = e.name();
    let full: &str = name.as_ref();
    if full.starts_with("nkmap:") {
        return full.to_owned();
    }
    let local = e.local_name();
    let local: &str = local.as_ref();
    local.to_owned()
}

/// An attribute's value, entities decoded (only XML's own: anything else is an error).
fn attribute(e: &BytesStart<'_>, key: &str) -> Result<Option<String>, String> {
    match e.try_get_attribute(key) {
        Ok(Some(a)) => a
            .normalized_value(XmlVersion::Implicit1_0)
            .map(|v| Some(xml_chars(&v).trim().to_owned()))
            .map_err(|err| crate::t!("diag-xml-attribute", key = key, error = err.to_string())),
        Ok(None) => Ok(None),
        Err(err) => Err(crate::t!("diag-xml-invalid", error = err.to_string())),
    }
}

impl Parser<'_> {
    fn fatal(mut self, at: usize, message: String) -> (Option<KmlContent>, Vec<Diagnostic>) {
        let (line, col) = crate::io::line_col(self.src.as_bytes(), at);
        self.diags.push(Diagnostic::error(
            self.file,
            Location::LineCol { line, col },
            message,
        ));
        (None, self.diags)
    }

    fn grandparent(&self) -> &str {
        self.stack
            .len()
            .checked_sub(2)
            .and_then(|i| self.stack.get(i))
            .map_or("", String::as_str)
    }

    /// The file's own folder, made (named after the file) when the file has no top-level
    /// `<Document>`.
    fn root_folder(&mut self) -> usize {
        if let Some(r) = self.root {
            return r;
        }
        self.out.placemarks.folders.push(Folder {
            name: file_name(self.file),
            parent: None,
            visible: true,
        });
        let r = self.out.placemarks.folders.len() - 1;
        self.root = Some(r);
        r
    }

    /// The innermost open folder (the file's own when none is open).
    fn current_folder(&mut self) -> usize {
        match self.folders.last() {
            Some((f, _)) => *f,
            None => self.root_folder(),
        }
    }

    fn start(&mut self, name: &str, e: &BytesStart<'_>) -> Result<(), String> {
        match name {
            "Document" | "Folder" => {
                // The first top-level Document is the file's own folder.
                let parent = if name == "Document" && self.root.is_none() {
                    None
                } else {
                    Some(self.current_folder())
                };
                self.out.placemarks.folders.push(Folder {
                    name: String::new(),
                    parent,
                    visible: true,
                });
                let f = self.out.placemarks.folders.len() - 1;
                if parent.is_none() {
                    self.root = Some(f);
                }
                let time = self.folders.last().and_then(|(_, t)| *t);
                self.folders.push((f, time));
            }
            "Placemark" => {
                let folder = self.current_folder();
                let index = self.placemarks_seen;
                self.placemarks_seen += 1;
                let id = attribute(e, "id")?;
                self.pending = Some(Pending {
                    index,
                    id,
                    visible: true,
                    folder,
                    ..Pending::default()
                });
            }
            "Style" => self.style = Some((attribute(e, "id")?, StyleDef::default())),
            "StyleMap" => self.style_map = Some((attribute(e, "id")?, None)),
            "Pair" => self.pair = Some((String::new(), None)),
            "Polygon" => self.polygon = Some(PendingPolygon::default()),
            "MultiGeometry" => {
                if let Some(p) = self.pending.as_mut() {
                    p.multi = true;
                }
            }
            "Track" => self.track.clear(),
            "TimeSpan" | "TimeStamp" => {
                self.time = Some(TimeSpan {
                    begin: None,
                    end: None,
                    stamp: name == "TimeStamp",
                });
            }
            "Data" => {
                self.data = Some(Data {
                    name: attribute(e, "name")?.unwrap_or_default(),
                    ..Data::default()
                });
            }
            "SimpleData" => {
                self.data = Some(Data {
                    name: attribute(e, "name")?.unwrap_or_default(),
                    ..Data::default()
                });
            }
            NKMAP_PART => {
                if let Some(p) = self.pending.as_mut() {
                    p.part_of = Some(attribute(e, "of")?.unwrap_or_default());
                }
            }
            NKMAP_AREA => {
                if let Some(p) = self.pending.as_mut() {
                    p.area = true;
                }
            }
            "NetworkLink" => *self.skipped.entry("network link(s)").or_default() += 1,
            "GroundOverlay" | "ScreenOverlay" | "PhotoOverlay" => {
                *self.skipped.entry("image overlay(s)").or_default() += 1;
            }
            "Model" => *self.skipped.entry("3D model(s)").or_default() += 1,
            _ => {}
        }
        Ok(())
    }

    /// The element on top of the stack ends; `self.text` is its text.
    fn end(&mut self) {
        let Some(name) = self.stack.last().cloned() else {
            return;
        };
        let text = xml_chars(&self.text);
        let text = text.trim();
        let parent = self.grandparent().to_owned();
        match name.as_str() {
            "name" => match parent.as_str() {
                "Placemark" => {
                    if let Some(p) = self.pending.as_mut() {
                        p.name = text.to_owned();
                    }
                }
                "Document" | "Folder" => {
                    if let Some(f) = self
                        .folders
                        .last()
                        .and_then(|(f, _)| self.out.placemarks.folders.get_mut(*f))
                    {
                        f.name = text.to_owned();
                    }
                }
                _ => {}
            },
            "description" if parent == "Placemark" => {
                if let Some(p) = self.pending.as_mut()
                    && !text.is_empty()
                {
                    p.description = Some(text.to_owned());
                }
            }
            "visibility" => {
                let shown = !matches!(text, "0" | "false");
                match parent.as_str() {
                    "Placemark" => {
                        if let Some(p) = self.pending.as_mut() {
                            p.visible = shown;
                        }
                    }
                    "Document" | "Folder" => {
                        if let Some(f) = self
                            .folders
                            .last()
                            .and_then(|(f, _)| self.out.placemarks.folders.get_mut(*f))
                        {
                            f.visible = shown;
                        }
                    }
                    _ => {}
                }
            }
            "styleUrl" => match parent.as_str() {
                "Placemark" => {
                    if let Some(p) = self.pending.as_mut() {
                        p.style_url = Some(text.to_owned());
                    }
                }
                "Pair" => {
                    if let Some((_, r)) = self.pair.as_mut() {
                        *r = Some(StyleRef::Url(text.to_owned()));
                    }
                }
                _ => {}
            },
            "key" if parent == "Pair" => {
                if let Some((k, _)) = self.pair.as_mut() {
                    *k = text.to_owned();
                }
            }
            "color" => self.style_part(&parent, |s, t| {
                let c = kml_color(t);
                match parent.as_str() {
                    "IconStyle" => s.icon_color = c.or(s.icon_color),
                    "LineStyle" => s.line_color = c.or(s.line_color),
                    "PolyStyle" => s.poly_color = c.or(s.poly_color),
                    _ => {}
                }
            }),
            "scale" if parent == "IconStyle" => self.style_part(&parent, |s, t| {
                s.icon_scale = number(t).filter(|v| *v >= 0.0).or(s.icon_scale);
            }),
            "width" if parent == "LineStyle" => self.style_part(&parent, |s, t| {
                s.line_width = number(t).filter(|v| *v >= 0.0).or(s.line_width);
            }),
            "fill" if parent == "PolyStyle" => {
                self.style_part(&parent, |s, t| s.fill = Some(!matches!(t, "0" | "false")));
            }
            "outline" if parent == "PolyStyle" => {
                self.style_part(&parent, |s, t| {
                    s.outline = Some(!matches!(t, "0" | "false"))
                });
            }
            "Style" => {
                if let Some((id, def)) = self.style.take() {
                    match parent.as_str() {
                        "Placemark" => {
                            if let Some(p) = self.pending.as_mut() {
                                p.inline_style = Some(def);
                            }
                        }
                        "Pair" => {
                            if let Some((_, r)) = self.pair.as_mut() {
                                *r = Some(StyleRef::Inline(def));
                            }
                        }
                        _ => {
                            if let Some(id) = id {
                                self.shared.insert(id, def);
                            }
                        }
                    }
                }
            }
            "Pair" => {
                if let Some((key, r)) = self.pair.take()
                    && key == "normal"
                    && let Some((_, normal)) = self.style_map.as_mut()
                {
                    *normal = r;
                }
            }
            "StyleMap" => {
                if let Some((id, normal)) = self.style_map.take() {
                    match (parent.as_str(), normal) {
                        // A style map inside a placemark is its style.
                        ("Placemark", Some(r)) => {
                            let def = match r {
                                StyleRef::Inline(d) => Some(d),
                                StyleRef::Url(u) => {
                                    if let Some(p) = self.pending.as_mut() {
                                        p.style_url = Some(u);
                                    }
                                    None
                                }
                            };
                            if let (Some(p), Some(d)) = (self.pending.as_mut(), def) {
                                p.inline_style = Some(d);
                            }
                        }
                        (_, Some(r)) => {
                            if let Some(id) = id {
                                self.maps.insert(id, r);
                            }
                        }
                        _ => {}
                    }
                }
            }
            // A TimeStamp has only its `when`: an `<end>` in one is not KML, and no export
            // could say it back.
            "end" if self.time.is_some_and(|t| t.stamp) => {}
            "when" | "begin" | "end" => {
                let date = parse_time(text);
                match (date, self.time.as_mut()) {
                    (Ok(d), Some(t)) => {
                        if name == "end" {
                            t.end = Some(d);
                        } else {
                            t.begin = Some(d);
                        }
                    }
                    (Err(m), Some(_)) => {
                        self.problem(format!("<{name}>: {m}"));
                    }
                    _ => {}
                }
            }
            "TimeSpan" | "TimeStamp" => {
                let time = self
                    .time
                    .take()
                    .filter(|t| t.begin.is_some() || t.end.is_some());
                if let Some(TimeSpan {
                    begin: Some(b),
                    end: Some(e),
                    ..
                }) = time
                    && e.end() < b.start()
                    && parent == "Placemark"
                {
                    self.problem(format!("<TimeSpan> ends ({e}) before it begins ({b})"));
                }
                match parent.as_str() {
                    "Placemark" => {
                        if let Some(p) = self.pending.as_mut() {
                            p.time = time;
                        }
                    }
                    "Document" | "Folder" => {
                        if let Some(f) = self.folders.last_mut() {
                            f.1 = time;
                        }
                    }
                    _ => {}
                }
            }
            "displayName" if parent == "Data" => {
                if let Some(d) = self.data.as_mut() {
                    d.display = Some(text.to_owned());
                }
            }
            "value" if parent == "Data" => {
                if let Some(d) = self.data.as_mut() {
                    d.value = text.to_owned();
                }
            }
            "SimpleData" => {
                if let Some(d) = self.data.as_mut() {
                    d.value = text.to_owned();
                }
                self.end_data();
            }
            "Data" => self.end_data(),
            NKMAP_RECORD => {
                if let Some(p) = self.pending.as_mut() {
                    p.record = Some(text.to_owned());
                }
            }
            "coordinates" => self.coordinates(&parent),
            "coord" if parent == "Track" => match parse_track_coord(text) {
                Ok(c) => self.track.push(c),
                Err(m) => self.problem(m),
            },
            "Track" => {
                let line = std::mem::take(&mut self.track);
                if line.len() >= 2 {
                    self.shape(Shape::Line(LineString(line)));
                } else if self.pending.is_some() {
                    self.problem(crate::t!("diag-kml-track-short"));
                }
            }
            "Polygon" => {
                if let Some(poly) = self.polygon.take() {
                    match poly.outer {
                        Some(outer) => self.shape(Shape::Polygon(Polygon::new(outer, poly.inner))),
                        None => self.problem(crate::t!("diag-kml-polygon-no-outer")),
                    }
                }
            }
            "Placemark" => self.end_placemark(),
            "Document" | "Folder" => {
                self.folders.pop();
            }
            _ => {}
        }
    }

    fn style_part(&mut self, parent: &str, set: impl FnOnce(&mut StyleDef, &str)) {
        if !matches!(parent, "IconStyle" | "LineStyle" | "PolyStyle") {
            return;
        }
        let text = self.text.trim().to_owned();
        if let Some((_, def)) = self.style.as_mut() {
            set(def, &text);
        }
    }

    fn end_data(&mut self) {
        if let (Some(d), Some(p)) = (self.data.take(), self.pending.as_mut()) {
            let key = d.display.filter(|s| !s.is_empty()).unwrap_or(d.name);
            p.data.push((key, d.value));
        }
    }

    /// Notes the placemark's first problem; it is dropped when it ends.
    fn problem(&mut self, message: String) {
        if let Some(p) = self.pending.as_mut()
            && p.problem.is_none()
        {
            p.problem = Some(message);
        }
    }

    fn shape(&mut self, s: Shape) {
        if let Some(p) = self.pending.as_mut() {
            p.shapes.push(s);
        }
    }

    fn coordinates(&mut self, parent: &str) {
        if self.pending.is_none() {
            return;
        }
        let coords = match parse_coordinates(&self.text) {
            Ok(c) => c,
            Err(m) => return self.problem(m),
        };
        match parent {
            "Point" => match coords.as_slice() {
                [c] => self.shape(Shape::Point(Point(*c))),
                _ => self.problem(crate::t!("diag-kml-point-count", n = coords.len())),
            },
            "LineString" => {
                if coords.len() < 2 {
                    self.problem(crate::t!("diag-kml-line-short", n = coords.len()));
                } else {
                    self.shape(Shape::Line(LineString(coords)));
                }
            }
            "LinearRing" => {
                let ring = match close_ring(coords) {
                    Ok(r) => r,
                    Err(m) => return self.problem(m),
                };
                // coordinates ← LinearRing ← outerBoundaryIs/innerBoundaryIs.
                let boundary = self
                    .stack
                    .len()
                    .checked_sub(3)
                    .and_then(|i| self.stack.get(i))
                    .cloned()
                    .unwrap_or_default();
                match (boundary.as_str(), self.polygon.as_mut()) {
                    ("outerBoundaryIs", Some(poly)) => poly.outer = Some(ring),
                    ("innerBoundaryIs", Some(poly)) => poly.inner.push(ring),
                    // A ring on its own is a closed line.
                    _ => self.shape(Shape::Line(ring)),
                }
            }
            _ => {}
        }
    }

    fn end_placemark(&mut self) {
        let Some(mut p) = self.pending.take() else {
            return;
        };
        let location = Location::Placemark {
            index: p.index,
            name: (!p.name.is_empty())
                .then(|| p.name.clone())
                .or_else(|| p.id.clone()),
        };
        if let Some(problem) = p.problem.take() {
            self.diags
                .push(Diagnostic::error(self.file, location, problem));
            return;
        }
        if p.part_of.is_some() {
            // A later status of a record nkmap exported: the record itself is read once.
            return;
        }
        if let Some(json) = p.record.take() {
            match serde_json::from_str::<Map<String, Value>>(&json) {
                Ok(props) => self.out.records.push((
                    location,
                    RawRecord {
                        props,
                        geometry: geojson(&p.shapes, p.multi),
                    },
                )),
                Err(e) => self.diags.push(Diagnostic::error(
                    self.file,
                    location,
                    crate::t!(
                        "diag-kml-record-not-json",
                        error = crate::io::json_error_text(&e)
                    ),
                )),
            }
            return;
        }
        if p.time.is_none() {
            p.time = self.folders.last().and_then(|(_, t)| *t);
        }
        if p.area {
            let polygons: Vec<Polygon<f64>> = p
                .shapes
                .into_iter()
                .filter_map(|s| match s {
                    Shape::Polygon(p) => Some(p),
                    _ => None,
                })
                .collect();
            if polygons.is_empty() {
                self.diags.push(Diagnostic::error(
                    self.file,
                    location,
                    crate::t!("diag-kml-area-no-polygon"),
                ));
            } else {
                self.out.areas.push(Area {
                    name: p.name,
                    properties: p.data,
                    geometry: MultiPolygon(polygons),
                });
            }
            return;
        }
        self.styled
            .push((p.style_url.clone(), p.inline_style.take()));
        self.out.placemarks.placemarks.push(Placemark {
            name: p.name,
            id: p.id,
            index: p.index,
            folder: p.folder,
            description: p.description,
            geometry: p.shapes,
            style: None,
            time: p.time,
            data: p.data,
            visible: p.visible,
        });
    }

    /// Resolves every placemark's style into one table and notes what was skipped.
    fn finish(mut self) -> (Option<KmlContent>, Vec<Diagnostic>) {
        let mut table: HashMap<[u64; 7], usize> = HashMap::new();
        let styled: Vec<(Option<StyleDef>, Option<StyleDef>)> = std::mem::take(&mut self.styled)
            .into_iter()
            .map(|(url, inline)| (inline, url.as_deref().and_then(|u| self.lookup(u, 0))))
            .collect();
        for (pm, (inline, shared)) in self.out.placemarks.placemarks.iter_mut().zip(styled) {
            let def = match (inline, shared) {
                (Some(i), Some(s)) => i.over(&s),
                (Some(i), None) => i,
                (None, Some(s)) => s,
                (None, None) => continue,
            };
            let next = self.out.placemarks.styles.len();
            let i = *table.entry(def.key()).or_insert(next);
            if i == next {
                self.out.placemarks.styles.push(def.resolve());
            }
            pm.style = Some(i);
        }
        // A file of nkmap records only (an export read back) has no placemark layer: its
        // folders held records, which go to their own lists.
        if self.out.placemarks.placemarks.is_empty() {
            self.out.placemarks.folders.clear();
            self.out.placemarks.styles.clear();
        }
        // A file whose only Document has no name is named after the file.
        for f in &mut self.out.placemarks.folders {
            if f.name.is_empty() {
                f.name = if f.parent.is_none() {
                    file_name(self.file)
                } else {
                    crate::t!("diag-unnamed-folder")
                };
            }
        }
        let mut skipped: Vec<_> = self.skipped.into_iter().collect();
        skipped.sort();
        for (what, n) in skipped {
            let message = match what {
                "network link(s)" => crate::t!("diag-kml-skipped-network-links", n = n),
                "image overlay(s)" => crate::t!("diag-kml-skipped-overlays", n = n),
                _ => crate::t!("diag-kml-skipped-models", n = n),
            };
            self.diags
                .push(Diagnostic::warning(self.file, Location::File, message));
        }

        (Some(self.out), self.diags)
    }

    /// A `styleUrl` (`#id`) as a style, through style maps (their `normal` pair).
    fn lookup(&self, url: &str, depth: usize) -> Option<StyleDef> {
        // Only styles in this file: `other.kml#id` would mean reading another file.
        let id = url.strip_prefix('#')?;
        if let Some(s) = self.shared.get(id) {
            return Some(s.clone());
        }
        match self.maps.get(id)? {
            StyleRef::Inline(d) => Some(d.clone()),
            // Maps pointing at maps: a few steps, never round a loop.
            StyleRef::Url(u) if depth < 4 => self.lookup(u, depth + 1),
            StyleRef::Url(_) => None,
        }
    }
}

fn file_name(label: &str) -> String {
    std::path::Path::new(label)
        .file_name()
        .map_or_else(|| label.to_owned(), |n| n.to_string_lossy().into_owned())
}

fn number(t: &str) -> Option<f32> {
    t.trim().parse::<f32>().ok().filter(|v| v.is_finite())
}

/// KML times: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a dateTime (`2024-03-07T09:00:00Z`, with an
/// offset or none), read to the day as written.
pub fn parse_time(text: &str) -> Result<PartialDate, String> {
    let t = text.trim();
    let date = match t.split_once('T') {
        Some((d, time)) => {
            let ok = time
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | 'Z' | '+' | '-'));
            if !ok || time.is_empty() {
                return Err(format!(
                    "'{t}' is not a KML time (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)"
                ));
            }
            d
        }
        None => t,
    };
    PartialDate::parse(date).map_err(|_| {
        format!("'{t}' is not a KML time (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)")
    })
}

/// `lon,lat[,alt]` tuples separated by white space; a space after a comma (written by some
/// tools) is allowed.
pub fn parse_coordinates(text: &str) -> Result<Vec<Coord<f64>>, String> {
    let mut out = Vec::new();
    let mut tuple = String::new();
    let flush = |tuple: &mut String, out: &mut Vec<Coord<f64>>| -> Result<(), String> {
        if tuple.is_empty() {
            return Ok(());
        }
        let parts: Vec<&str> = tuple.split(',').collect();
        if !(2..=3).contains(&parts.len()) {
            return Err(crate::t!("diag-kml-tuple", tuple = tuple.as_str()));
        }
        let num = |s: &str, what: &str| {
            s.trim()
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| {
                    crate::t!(
                        "diag-kml-not-a-number",
                        what = what,
                        value = s,
                        tuple = tuple.as_str()
                    )
                })
        };
        let (lon, lat) = (
            num(parts[0], &crate::t!("diag-kml-longitude"))?,
            num(parts[1], &crate::t!("diag-kml-latitude"))?,
        );
        if parts.len() == 3 && !parts[2].trim().is_empty() {
            num(parts[2], &crate::t!("diag-kml-altitude"))?;
        }
        check_lon_lat(lon, lat)?;
        out.push(Coord { x: lon, y: lat });
        tuple.clear();
        Ok(())
    };
    let mut chars = text.trim().chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            // White space ends a tuple unless a comma is on either side of it.
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
            if tuple.ends_with(',') || chars.peek() == Some(&',') {
                continue;
            }
            flush(&mut tuple, &mut out)?;
        } else {
            tuple.push(c);
        }
    }
    flush(&mut tuple, &mut out)?;
    if out.is_empty() {
        return Err("<coordinates> is empty".to_owned());
    }
    Ok(out)
}

fn check_lon_lat(lon: f64, lat: f64) -> Result<(), String> {
    if !(-180.0..=180.0).contains(&lon) {
        return Err(crate::t!(
            "diag-kml-longitude-range",
            value = lon.to_string()
        ));
    }
    if !(-90.0..=90.0).contains(&lat) {
        return Err(crate::t!(
            "diag-kml-latitude-range",
            value = lat.to_string()
        ));
    }
    Ok(())
}

/// `gx:coord`: "lon lat alt", space-separated.
fn parse_track_coord(text: &str) -> Result<Coord<f64>, String> {
    let nums: Vec<f64> = text
        .split_whitespace()
        .map(|s| s.parse::<f64>().ok().filter(|v| v.is_finite()))
        .collect::<Option<_>>()
        .ok_or_else(|| crate::t!("diag-kml-track-coord", text = text))?;
    match nums.as_slice() {
        [lon, lat] | [lon, lat, _] => {
            check_lon_lat(*lon, *lat)?;
            Ok(Coord { x: *lon, y: *lat })
        }
        _ => Err(crate::t!("diag-kml-track-coord", text = text)),
    }
}

/// A ring closed (the first position repeated at the end), with at least 3 distinct positions.
fn close_ring(mut coords: Vec<Coord<f64>>) -> Result<LineString<f64>, String> {
    if coords.first() != coords.last()
        && let Some(&first) = coords.first()
    {
        coords.push(first);
    }
    if coords.len() < 4 {
        return Err(crate::t!(
            "diag-kml-ring-short",
            n = coords.len().saturating_sub(1)
        ));
    }
    Ok(LineString(coords))
}

/// The geometry as GeoJSON, for a placemark that carries an nkmap record: one shape as
/// itself (a Multi* when it was a `MultiGeometry`), several of one kind as a Multi*, mixed ones
/// as a GeometryCollection, none as null.
fn geojson(shapes: &[Shape], multi: bool) -> Value {
    let pos = |c: &Coord<f64>| json!([c.x, c.y]);
    let line = |l: &LineString<f64>| Value::Array(l.0.iter().map(pos).collect());
    let poly = |p: &Polygon<f64>| {
        Value::Array(
            std::iter::once(p.exterior())
                .chain(p.interiors())
                .map(line)
                .collect(),
        )
    };
    let one = |s: &Shape| match s {
        Shape::Point(p) => json!({"type": "Point", "coordinates": pos(&p.0)}),
        Shape::Line(l) => json!({"type": "LineString", "coordinates": line(l)}),
        Shape::Polygon(p) => json!({"type": "Polygon", "coordinates": poly(p)}),
    };
    let kind = |s: &Shape| std::mem::discriminant(s);
    match shapes {
        [] => Value::Null,
        [s] if !multi => one(s),
        [first, rest @ ..] if rest.iter().all(|s| kind(s) == kind(first)) => match first {
            Shape::Point(_) => {
                json!({"type": "MultiPoint", "coordinates": shapes.iter().filter_map(|s| match s { Shape::Point(p) => Some(pos(&p.0)), _ => None }).collect::<Vec<_>>()})
            }
            Shape::Line(_) => {
                json!({"type": "MultiLineString", "coordinates": shapes.iter().filter_map(|s| match s { Shape::Line(l) => Some(line(l)), _ => None }).collect::<Vec<_>>()})
            }
            Shape::Polygon(_) => {
                json!({"type": "MultiPolygon", "coordinates": shapes.iter().filter_map(|s| match s { Shape::Polygon(p) => Some(poly(p)), _ => None }).collect::<Vec<_>>()})
            }
        },
        _ => {
            json!({"type": "GeometryCollection", "geometries": shapes.iter().map(one).collect::<Vec<_>>()})
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_read_with_and_without_altitude_and_stray_spaces() {
        let c = parse_coordinates(" 129.1,41.2,0\n\t129.3,41.4 129.5, 41.6 ").unwrap();
        assert_eq!(
            c,
            vec![
                Coord { x: 129.1, y: 41.2 },
                Coord { x: 129.3, y: 41.4 },
                Coord { x: 129.5, y: 41.6 }
            ]
        );
        assert_eq!(
            parse_coordinates("41.2,129.1").unwrap_err(),
            "coordinates: latitude 129.1 is outside -90..90 (KML writes lon,lat)"
        );
        assert!(parse_coordinates("1,2,3,4").is_err());
        assert!(parse_coordinates("a,b").is_err());
        assert!(parse_coordinates("  ").is_err());
    }

    #[test]
    fn times_read_to_the_day() {
        assert_eq!(parse_time("2024").unwrap().to_string(), "2024");
        assert_eq!(parse_time("2024-03").unwrap().to_string(), "2024-03");
        assert_eq!(
            parse_time("2024-03-07T09:30:00+09:00").unwrap().to_string(),
            "2024-03-07"
        );
        assert_eq!(
            parse_time("2024-03-07T00:00:00Z").unwrap().to_string(),
            "2024-03-07"
        );
        assert!(parse_time("yesterday").is_err());
        assert!(parse_time("2024-13").is_err());
    }
}
