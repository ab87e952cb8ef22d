//! Placemarks: what a KML/KMZ file holds besides nkmap's own records — an analyst's points,
//! traced footprints and routes, in a tree of folders, with styles, times and free-form data.
//!
//! Kept apart from the sourced records ([`super::Site`] and the rest): a placemark is somebody's
//! note, not a claim with evidence, until an analyst turns it into a record. The shape follows
//! KML's own (folders, a style per placemark, `TimeStamp`/`TimeSpan`, `ExtendedData`) so that
//! nothing the file says is lost, but flattened for speed: folders and styles are tables the
//! placemarks index into, so 70,000 placemarks are 70,000 small structs, not a tree of objects.

use super::PartialDate;
use geo_types::{LineString, Point, Polygon};

/// Every placemark of one or more files, their folders and their styles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Placemarks {
    /// Documents and folders; a file's top-level `<Document>` (or the file itself) is a folder
    /// without a parent.
    pub folders: Vec<Folder>,
    /// In file order (the good ones: a placemark with a problem is reported and dropped).
    pub placemarks: Vec<Placemark>,
    /// Resolved styles (shared ones, style maps and inline ones); placemarks index into it.
    pub styles: Vec<PlacemarkStyle>,
}

impl Placemarks {
    pub fn is_empty(&self) -> bool {
        self.placemarks.is_empty() && self.folders.is_empty()
    }

    /// Adds another file's placemarks after these, re-pointing its folder and style indices.
    pub fn extend(&mut self, other: Placemarks) {
        let (f0, s0) = (self.folders.len(), self.styles.len());
        self.folders.extend(other.folders.into_iter().map(|mut f| {
            f.parent = f.parent.map(|p| p + f0);
            f
        }));
        self.styles.extend(other.styles);
        self.placemarks
            .extend(other.placemarks.into_iter().map(|mut p| {
                p.folder += f0;
                p.style = p.style.map(|s| s + s0);
                p
            }));
    }

    /// The style of a placemark (KML's defaults when it has none).
    pub fn style_of(&self, p: &Placemark) -> PlacemarkStyle {
        p.style
            .and_then(|s| self.styles.get(s))
            .copied()
            .unwrap_or_default()
    }

    /// Folder names from the top down to the placemark's folder: "AccessDPRK", "North
    /// Hamgyong", "Factories".
    pub fn folder_path(&self, folder: usize) -> Vec<&str> {
        let mut names = Vec::new();
        let mut at = Some(folder);
        // A parent always comes before its child, so this ends; the bound guards bad input.
        while let Some(i) = at.filter(|_| names.len() <= self.folders.len()) {
            let Some(f) = self.folders.get(i) else { break };
            names.push(f.name.as_str());
            at = f.parent;
        }
        names.reverse();
        names
    }

    /// Whether a folder and every folder above it are ticked, given each folder's tick.
    pub fn folder_shown(&self, folder: usize, ticked: &[bool]) -> bool {
        let mut at = Some(folder);
        let mut steps = 0;
        while let Some(i) = at {
            if !ticked.get(i).copied().unwrap_or(true) || steps > self.folders.len() {
                return false;
            }
            at = self.folders.get(i).and_then(|f| f.parent);
            steps += 1;
        }
        true
    }

    /// Placemarks in each folder, counting those in folders below it.
    pub fn counts(&self) -> Vec<usize> {
        let mut n = vec![0; self.folders.len()];
        for p in &self.placemarks {
            let mut at = Some(p.folder);
            let mut steps = 0;
            while let Some(i) = at.filter(|_| steps <= self.folders.len()) {
                let Some(c) = n.get_mut(i) else { break };
                *c += 1;
                at = self.folders.get(i).and_then(|f| f.parent);
                steps += 1;
            }
        }
        n
    }
}

/// A `<Document>` or `<Folder>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Folder {
    /// Its `<name>`, or the file's name for a top-level document without one.
    pub name: String,
    /// Always an earlier folder: the tree can be walked upwards without loops.
    pub parent: Option<usize>,
    /// False when the file says `<visibility>0</visibility>`: the folder starts unticked.
    pub visible: bool,
}

/// A `<Placemark>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Placemark {
    /// Its `<name>` (empty when it has none).
    pub name: String,
    /// Its `id` attribute.
    pub id: Option<String>,
    /// 0-based position among the file's placemarks (bad ones counted): what diagnostics and
    /// the details panel call it.
    pub index: usize,
    pub folder: usize,
    /// `<description>` as written: usually HTML, shown as plain text with links
    /// ([`crate::model::placemark::plain_text`]), never rendered.
    pub description: Option<String>,
    /// Points, lines and polygons (a `MultiGeometry` flattened, nested ones too).
    pub geometry: Vec<Shape>,
    pub style: Option<usize>,
    pub time: Option<TimeSpan>,
    /// `ExtendedData`: each `<Data>` (its display name, else its name) and each
    /// `<SimpleData>`, with its value, in file order.
    pub data: Vec<(String, String)>,
    /// False when the file says `<visibility>0</visibility>`.
    pub visible: bool,
}

impl Placemark {
    /// The first point of the geometry (a point, a line's start, a polygon's first vertex).
    pub fn first_point(&self) -> Option<Point<f64>> {
        self.geometry.iter().find_map(|s| match s {
            Shape::Point(p) => Some(*p),
            Shape::Line(l) => l.0.first().map(|c| Point(*c)),
            Shape::Polygon(p) => p.exterior().0.first().map(|c| Point(*c)),
        })
    }

    /// The name, or "placemark N" when it has none.
    pub fn title(&self) -> String {
        if self.name.trim().is_empty() {
            format!("placemark {}", self.index)
        } else {
            self.name.clone()
        }
    }

    /// Shown on `day` (days since 1970-01-01): no time, or the day within its time.
    pub fn shown_on(&self, day: i64) -> bool {
        self.time.is_none_or(|t| t.contains(day))
    }
}

/// One piece of a placemark's geometry, longitude/latitude (WGS 84).
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Point(Point<f64>),
    Line(LineString<f64>),
    /// With its holes (`innerBoundaryIs`).
    Polygon(Polygon<f64>),
}

/// When a placemark is shown: from `begin` (its first day) to `end` (its last day). A
/// `TimeStamp` is a span from its `when` on, with no end: what a dated observation shows is
/// there from that day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeSpan {
    pub begin: Option<PartialDate>,
    pub end: Option<PartialDate>,
    /// Written as a `TimeStamp` (only `begin` is set).
    pub stamp: bool,
}

impl TimeSpan {
    /// Whether `day` falls within the span (the end's whole period counts: `end` 2025-03 shows
    /// through 31 March).
    pub fn contains(&self, day: i64) -> bool {
        let after_begin = self.begin.is_none_or(|b| b.start_day_number() <= day);
        let before_end = self.end.is_none_or(|e| {
            let (y, m, d) = e.end();
            super::date::day_number(y, m, d) >= day
        });
        after_begin && before_end
    }
}

/// A placemark's look as its style says (KML's `IconStyle`, `LineStyle`, `PolyStyle`). Colours
/// are straight-alpha RGBA, converted from KML's `aabbggrr`; `None` is "not set" (the map's
/// own colour).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlacemarkStyle {
    pub icon_color: Option<[u8; 4]>,
    /// Icon size relative to the normal one (KML's `scale`).
    pub icon_scale: f32,
    pub line_color: Option<[u8; 4]>,
    /// In pixels.
    pub line_width: f32,
    pub poly_color: Option<[u8; 4]>,
    /// `PolyStyle/fill`: the polygon is filled.
    pub fill: bool,
    /// `PolyStyle/outline`: the polygon's rings are drawn with the line style.
    pub outline: bool,
}

impl Default for PlacemarkStyle {
    fn default() -> Self {
        PlacemarkStyle {
            icon_color: None,
            icon_scale: 1.0,
            line_color: None,
            line_width: 1.0,
            poly_color: None,
            fill: true,
            outline: true,
        }
    }
}

/// A KML colour (`aabbggrr`, hex, `#` allowed) as RGBA.
pub fn kml_color(text: &str) -> Option<[u8; 4]> {
    let t = text.trim().trim_start_matches('#');
    if t.len() != 8 || !t.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(t.get(i..i + 2)?, 16).ok();
    let (a, b, g, r) = (byte(0)?, byte(2)?, byte(4)?, byte(6)?);
    Some([r, g, b, a])
}

/// RGBA as a KML colour (`aabbggrr`).
pub fn to_kml_color([r, g, b, a]: [u8; 4]) -> String {
    format!("{a:02x}{b:02x}{g:02x}{r:02x}")
}

/// A piece of a description as shown: text, or a link (http and https only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextPiece {
    Text(String),
    Link { text: String, url: String },
}

/// A description's HTML as plain text with its links: tags stripped (`<br>`, `<p>`, `<li>`,
/// `<tr>` and `<div>` become line breaks), `<script>` and `<style>` dropped with their content,
/// entities decoded, and each `<a href>` kept as a link when the address is http or https (any
/// other scheme, `javascript:` included, leaves only the text). Nothing is rendered or run.
pub fn plain_text(html: &str) -> Vec<TextPiece> {
    let mut out: Vec<TextPiece> = Vec::new();
    let mut text = String::new();
    let mut link: Option<(String, String)> = None;
    let mut rest = html;
    let mut skip_until: Option<&'static str> = None;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(&mut text, &mut link, rest, skip_until.is_some());
            break;
        };
        push_text(&mut text, &mut link, &rest[..lt], skip_until.is_some());
        rest = &rest[lt..];
        // As in HTML, `<` not followed by a letter, `/` or `!` is text ("fewer than < 500").
        if !rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!') {
            push_text(&mut text, &mut link, "<", skip_until.is_some());
            rest = &rest[1..];
            continue;
        }
        // A comment ends at `-->`; a tag at the next `>` outside quotes.
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let end = tag_end(rest);
        let tag = &rest[1..end.saturating_sub(1).max(1)];
        rest = &rest[end..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if let Some(until) = skip_until {
            if closing && name == until {
                skip_until = None;
            }
            continue;
        }
        match name.as_str() {
            "script" | "style" if !closing => {
                skip_until = Some(if name == "script" { "script" } else { "style" })
            }
            "br" | "p" | "div" | "li" | "tr" | "h1" | "h2" | "h3" | "h4" | "table" | "ul" => {
                push_break(&mut text, &mut link);
            }
            "td" | "th" if !closing => {
                push_text(&mut text, &mut link, " ", false);
            }
            "a" if !closing => {
                flush(&mut out, &mut text, &mut link);
                let url = attribute(tag, "href").filter(|u| is_web_link(u));
                link = url.map(|u| (String::new(), u));
            }
            "a" => flush(&mut out, &mut text, &mut link),
            _ => {}
        }
    }
    flush(&mut out, &mut text, &mut link);
    tidy(out)
}

fn tag_end(s: &str) -> usize {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

fn push_text(text: &mut String, link: &mut Option<(String, String)>, raw: &str, skip: bool) {
    if skip || raw.is_empty() {
        return;
    }
    let decoded = decode_entities(raw);
    let target = match link {
        Some((t, _)) => t,
        None => text,
    };
    // HTML collapses runs of white space; line breaks come from the tags.
    for c in decoded.chars() {
        if c.is_whitespace() {
            if !target.ends_with([' ', '\n']) && !target.is_empty() {
                target.push(' ');
            }
        } else {
            target.push(c);
        }
    }
}

fn push_break(text: &mut String, link: &mut Option<(String, String)>) {
    let target = match link {
        Some((t, _)) => t,
        None => text,
    };
    while target.ends_with(' ') {
        target.pop();
    }
    // Also after a link (the text so far is empty then); `tidy` trims a break at either end.
    if !target.ends_with('\n') {
        target.push('\n');
    }
}

fn flush(out: &mut Vec<TextPiece>, text: &mut String, link: &mut Option<(String, String)>) {
    if !text.is_empty() {
        out.push(TextPiece::Text(std::mem::take(text)));
    }
    if let Some((t, url)) = link.take() {
        let t = t.trim().to_owned();
        out.push(TextPiece::Link {
            text: if t.is_empty() { url.clone() } else { t },
            url,
        });
    }
}

/// Merges neighbouring text, trims the ends, drops empty pieces.
fn tidy(pieces: Vec<TextPiece>) -> Vec<TextPiece> {
    let mut out: Vec<TextPiece> = Vec::new();
    for p in pieces {
        match (out.last_mut(), p) {
            (Some(TextPiece::Text(a)), TextPiece::Text(b)) => a.push_str(&b),
            (_, p) => out.push(p),
        }
    }
    if let Some(TextPiece::Text(t)) = out.first_mut() {
        *t = t.trim_start().to_owned();
    }
    if let Some(TextPiece::Text(t)) = out.last_mut() {
        *t = t.trim_end().to_owned();
    }
    out.retain(|p| !matches!(p, TextPiece::Text(t) if t.is_empty()));
    out
}

/// The value of an attribute in a tag's text (`a href="…"`), entities decoded.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find(name) {
        let i = from + at;
        from = i + name.len();
        let before_ok = lower[..i].ends_with(|c: char| c.is_whitespace());
        let after = lower[from..].trim_start();
        if !before_ok || !after.starts_with('=') {
            continue;
        }
        let start = tag.len() - after.len() + 1;
        let value = tag[start..].trim_start();
        let v = match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
            _ => value
                .split(|c: char| c.is_whitespace())
                .next()
                .unwrap_or(""),
        };
        return Some(decode_entities(v).trim().to_owned());
    }
    None
}

/// An address the details panel may open: http or https, nothing else.
pub fn is_web_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && !lower.contains(char::is_whitespace)
}

/// HTML's common named entities and numeric references; unknown ones stay as written.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|e| e + 1);
        let decoded = end
            .filter(|&e| rest[e..].starts_with(';'))
            .and_then(|e| entity(&rest[1..e]).map(|c| (c, e + 1)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(n).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "middot" => '·',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "deg" => '°',
        "copy" => '©',
        _ => return None,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn kml_colours_are_aabbggrr() {
        assert_eq!(kml_color("ff0000ff"), Some([0xff, 0, 0, 0xff]));
        assert_eq!(kml_color("7f00ff00"), Some([0, 0xff, 0, 0x7f]));
        assert_eq!(kml_color("#ffff0000"), Some([0, 0, 0xff, 0xff]));
        assert_eq!(kml_color("red"), None);
        assert_eq!(to_kml_color([0x12, 0x34, 0x56, 0x78]), "78563412");
    }

    #[test]
    fn html_becomes_text_with_web_links_only() {
        let p = plain_text(
            "<p>Built <b>2024</b> &amp; opened&nbsp;2025.</p><script>alert(1)</script>\
             <a href=\"https://example.org/a?b=1&amp;c=2\">KCNA report</a>\
             <a href='javascript:alert(1)'>click</a><br/>\u{d55c}\u{ae00} &#xD55C;",
        );
        assert_eq!(
            p,
            vec![
                // A no-break space is white space like any other here.
                TextPiece::Text("Built 2024 & opened 2025.\n".into()),
                TextPiece::Link {
                    text: "KCNA report".into(),
                    url: "https://example.org/a?b=1&c=2".into()
                },
                TextPiece::Text("click\n한글 한".into()),
            ]
        );
        assert!(plain_text("").is_empty());
        assert_eq!(plain_text("a < b"), vec![TextPiece::Text("a < b".into())]);
        assert_eq!(
            plain_text("a <b c"),
            vec![TextPiece::Text("a".into())],
            "an unclosed tag swallows the rest, as a browser would"
        );
    }

    #[test]
    fn a_time_span_includes_its_last_period() {
        let span = TimeSpan {
            begin: PartialDate::parse("2024-03").ok(),
            end: PartialDate::parse("2025").ok(),
            stamp: false,
        };
        let day = |y, m, d| PartialDate::ymd(y, m, d).start_day_number();
        assert!(!span.contains(day(2024, 2, 29)));
        assert!(span.contains(day(2024, 3, 1)));
        assert!(span.contains(day(2025, 12, 31)));
        assert!(!span.contains(day(2026, 1, 1)));
    }
}
