//! The KML writer: nkmap's records for Google Earth, and placemarks written back as read.
//!
//! Sites are placemarks styled by category (the icon) and status (its colour), one placemark
//! per status period with a `TimeSpan`, so Google Earth's time slider replays the policy: a
//! site appears when announced, turns from "announced" to "under construction" to "completed"
//! on its milestone dates. Flows are lines with their active `TimeSpan`, events are points with a
//! `TimeStamp`, sources are placemarks without geometry, areas are polygons. Folders group sites
//! by cohort and province. Each placemark's description lists its sources and grades with links.
//!
//! Every record also travels whole, as the JSON nkmap's GeoJSON writes for it, in an
//! `<nkmap:record>` element of its `ExtendedData` (KML 2.2 allows elements of other namespaces
//! there; Google Earth and GDAL pass them by), so reading the file back gives the same records.
//! Later status periods of a site say only `<nkmap:part of="id"/>`.

use super::{NKMAP_AREA, NKMAP_NS, NKMAP_PART, NKMAP_RECORD};
use crate::geography::Geography;
use crate::model::placemark::to_kml_color;
use crate::model::{
    Dataset, Event, Evidence, Flow, MilestoneKind, PartialDate, Placemarks, Shape, Site,
    SiteCategory, SiteStatus, Source,
};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write;

/// How records look in the export: the map's colours and symbols as plain numbers (the caller
/// passes the palette's; see `crate::render::kml_look`).
#[derive(Debug, Clone, Copy)]
pub struct KmlLook {
    /// RGBA of a site marker in a status.
    pub status_color: fn(SiteStatus) -> [u8; 4],
    /// Icon (an image address Google Earth knows) for a category's symbol.
    pub category_icon: fn(SiteCategory) -> &'static str,
    pub category_label: fn(SiteCategory) -> &'static str,
    pub flow_color: [u8; 4],
    /// Line width (pixels) for a number of people.
    pub flow_width: fn(Option<u32>) -> f32,
    pub event_color: [u8; 4],
    pub area_color: [u8; 4],
    /// Opacity (0–255) of an area's fill.
    pub area_fill_alpha: u8,
}

/// Text escaped for XML content and attributes. Tab, line feed and carriage return as
/// character references: a reader turns them into spaces in an attribute, and may turn `\r\n`
/// into `\n` in text, but keeps them when referenced.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            // Characters XML 1.0 cannot hold at all.
            c if super::not_in_xml(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Text as a CDATA section (HTML descriptions stay readable in the file).
fn cdata(s: &str) -> String {
    format!("<![CDATA[{}]]>", s.replace("]]>", "]]]]><![CDATA[>"))
}

fn coord(out: &mut String, lon: f64, lat: f64) {
    let _ = write!(out, "{lon},{lat}");
}

/// The KML document for `data`: records (with `look`) and placemarks.
pub fn write_kml(data: &Dataset, geo: &Geography, look: &KmlLook) -> String {
    let mut w = Writer {
        out: String::with_capacity(4096 + 600 * data.placemarks.placemarks.len()),
        depth: 0,
    };
    w.line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    w.line(&format!(
        "<kml xmlns=\"http://www.opengis.net/kml/2.2\" xmlns:nkmap=\"{NKMAP_NS}\">"
    ));
    w.open("Document");
    w.text_element("name", &crate::t!("kml-document-name"));
    w.text_element("description", &crate::t!("kml-document-description"));
    styles(&mut w, data, look);
    let features = super::super::write::record_features(data);
    let ns = data.sources.len();
    let record = |i: usize| -> String {
        let mut props = features
            .get(i)
            .and_then(|f| f.get("properties"))
            .cloned()
            .unwrap_or(Value::Null);
        // The cited sources are records of their own in the file.
        if let Some(p) = props.as_object_mut() {
            p.remove("sources");
        }
        props.to_string()
    };

    if !data.sites.is_empty() {
        w.open("Folder");
        w.text_element("name", &crate::t!("kml-folder-sites"));
        let mut groups: BTreeMap<(Option<i32>, String), Vec<usize>> = BTreeMap::new();
        for (i, s) in data.sites.iter().enumerate() {
            let province = s
                .region_id
                .as_deref()
                .and_then(|id| geo.province_of(id))
                .map_or_else(
                    || crate::t!("kml-folder-no-province"),
                    |p| p.names.en.clone(),
                );
            groups.entry((s.cohort, province)).or_default().push(i);
        }
        let mut cohort: Option<Option<i32>> = None;
        for ((c, province), sites) in groups {
            if cohort != Some(c) {
                if cohort.is_some() {
                    w.close("Folder");
                }
                w.open("Folder");
                let name = match c {
                    Some(y) => crate::t!("kml-folder-cohort", year = y.to_string()),
                    None => crate::t!("kml-folder-no-cohort"),
                };
                w.text_element("name", &name);
                cohort = Some(c);
            }
            w.open("Folder");
            w.text_element("name", &province);
            for i in sites {
                if let Some(s) = data.sites.get(i) {
                    site(&mut w, data, geo, look, s, &record(ns + i));
                }
            }
            w.close("Folder");
        }
        if cohort.is_some() {
            w.close("Folder");
        }
        w.close("Folder");
    }
    if !data.flows.is_empty() {
        w.open("Folder");
        w.text_element("name", &crate::t!("kml-folder-flows"));
        let base = ns + data.sites.len();
        for (i, f) in data.flows.iter().enumerate() {
            flow(&mut w, data, look, f, &record(base + i));
        }
        w.close("Folder");
    }
    if !data.events.is_empty() {
        w.open("Folder");
        w.text_element("name", &crate::t!("kml-folder-events"));
        let base = ns + data.sites.len() + data.flows.len();
        for (i, e) in data.events.iter().enumerate() {
            event(&mut w, data, e, &record(base + i));
        }
        w.close("Folder");
    }
    if !data.sources.is_empty() {
        w.open("Folder");
        w.text_element("name", &crate::t!("kml-folder-sources"));
        for (i, s) in data.sources.iter().enumerate() {
            source(&mut w, s, &record(i));
        }
        w.close("Folder");
    }
    if !data.areas.is_empty() {
        w.open("Folder");
        w.text_element("name", &crate::t!("kml-folder-areas"));
        for a in &data.areas {
            w.open("Placemark");
            w.text_element("name", &a.name);
            w.text_element("styleUrl", "#nkmap-area");
            w.open("ExtendedData");
            for (k, v) in &a.properties {
                data_entry(&mut w, k, None, v);
            }
            w.line(&format!("<{NKMAP_AREA}/>"));
            w.close("ExtendedData");
            let shapes: Vec<Shape> = a.geometry.0.iter().cloned().map(Shape::Polygon).collect();
            geometry(&mut w, &shapes, true);
            w.close("Placemark");
        }
        w.close("Folder");
    }
    placemarks(&mut w, &data.placemarks);
    w.close("Document");
    w.line("</kml>");
    w.out
}

/// Indented output, one element per line.
struct Writer {
    out: String,
    depth: usize,
}

impl Writer {
    fn line(&mut self, s: &str) {
        for _ in 0..self.depth {
            self.out.push(' ');
        }
        self.out.push_str(s);
        self.out.push('\n');
    }
    fn open(&mut self, tag: &str) {
        self.line(&format!("<{tag}>"));
        self.depth += 1;
    }
    fn open_with(&mut self, tag: &str, attrs: &str) {
        self.line(&format!("<{tag} {attrs}>"));
        self.depth += 1;
    }
    fn close(&mut self, tag: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.line(&format!("</{tag}>"));
    }
    fn text_element(&mut self, tag: &str, text: &str) {
        self.line(&format!("<{tag}>{}</{tag}>", esc(text)));
    }
}

fn style_id(category: SiteCategory, status: SiteStatus) -> String {
    format!("nkmap-site-{}-{}", code(&category), code(&status))
}

/// serde's snake_case name of an enum value (`food_factory`), for style ids.
fn code<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

fn styles(w: &mut Writer, data: &Dataset, look: &KmlLook) {
    let mut used: Vec<(SiteCategory, SiteStatus)> = data
        .sites
        .iter()
        .flat_map(|s| periods(s).into_iter().map(move |p| (s.category, p.status)))
        .collect();
    used.sort();
    used.dedup();
    for (category, status) in used {
        w.open_with("Style", &format!("id=\"{}\"", style_id(category, status)));
        w.open("IconStyle");
        w.text_element("color", &to_kml_color((look.status_color)(status)));
        w.text_element("scale", "1.1");
        w.open("Icon");
        w.text_element("href", (look.category_icon)(category));
        w.close("Icon");
        w.close("IconStyle");
        w.close("Style");
    }
    w.open_with("Style", "id=\"nkmap-event\"");
    w.open("IconStyle");
    w.text_element("color", &to_kml_color(look.event_color));
    w.text_element("scale", "0.8");
    w.open("Icon");
    w.text_element(
        "href",
        "http://maps.google.com/mapfiles/kml/shapes/info-i.png",
    );
    w.close("Icon");
    w.close("IconStyle");
    w.close("Style");
    let [r, g, b, _] = look.area_color;
    w.open_with("Style", "id=\"nkmap-area\"");
    w.open("LineStyle");
    w.text_element("color", &to_kml_color(look.area_color));
    w.text_element("width", "1.5");
    w.close("LineStyle");
    w.open("PolyStyle");
    w.text_element("color", &to_kml_color([r, g, b, look.area_fill_alpha]));
    w.close("PolyStyle");
    w.close("Style");
    for (i, s) in data.placemarks.styles.iter().enumerate() {
        w.open_with("Style", &format!("id=\"style-{i}\""));
        if s.icon_color.is_some() || s.icon_scale != 1.0 {
            w.open("IconStyle");
            if let Some(c) = s.icon_color {
                w.text_element("color", &to_kml_color(c));
            }
            w.text_element("scale", &s.icon_scale.to_string());
            w.close("IconStyle");
        }
        w.open("LineStyle");
        if let Some(c) = s.line_color {
            w.text_element("color", &to_kml_color(c));
        }
        w.text_element("width", &s.line_width.to_string());
        w.close("LineStyle");
        w.open("PolyStyle");
        if let Some(c) = s.poly_color {
            w.text_element("color", &to_kml_color(c));
        }
        w.text_element("fill", if s.fill { "1" } else { "0" });
        w.text_element("outline", if s.outline { "1" } else { "0" });
        w.close("PolyStyle");
        w.close("Style");
    }
}

/// A stretch of time a site spends in one status.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Period {
    status: SiteStatus,
    begin: Option<PartialDate>,
    /// The last day, when another status follows.
    end: Option<PartialDate>,
}

/// The site's statuses over time, from its first milestone on (before it nothing was
/// reported, and Google Earth shows nothing). A site without milestones has one period with no
/// time: it is always shown, as not yet reported.
fn periods(s: &Site) -> Vec<Period> {
    let mut starts: Vec<PartialDate> = [
        MilestoneKind::Announced,
        MilestoneKind::Groundbreaking,
        MilestoneKind::Inauguration,
    ]
    .into_iter()
    .filter_map(|k| s.milestone(k).map(|m| m.date))
    .collect();
    starts.sort();
    starts.dedup_by_key(|d| d.start_day_number());
    if starts.is_empty() {
        return vec![Period {
            status: SiteStatus::NotYet,
            begin: None,
            end: None,
        }];
    }
    let mut out: Vec<Period> = Vec::new();
    for (k, begin) in starts.iter().enumerate() {
        let status = s.status_on(begin.start_day_number());
        let end = starts
            .get(k + 1)
            .map(|next| PartialDate::from_day_number(next.start_day_number() - 1));
        match out.last_mut() {
            // Milestones out of order (an inauguration reported before a groundbreaking) do
            // not change the status twice.
            Some(last) if last.status == status => last.end = end,
            _ => out.push(Period {
                status,
                begin: Some(*begin),
                end,
            }),
        }
    }
    out
}

fn time_span(w: &mut Writer, begin: Option<PartialDate>, end: Option<PartialDate>) {
    if begin.is_none() && end.is_none() {
        return;
    }
    w.open("TimeSpan");
    if let Some(b) = begin {
        w.text_element("begin", &b.to_string());
    }
    if let Some(e) = end {
        w.text_element("end", &e.to_string());
    }
    w.close("TimeSpan");
}

fn data_entry(w: &mut Writer, name: &str, display: Option<&str>, value: &str) {
    w.open_with("Data", &format!("name=\"{}\"", esc(name)));
    if let Some(d) = display {
        w.text_element("displayName", d);
    }
    w.text_element("value", value);
    w.close("Data");
}

fn site(w: &mut Writer, data: &Dataset, geo: &Geography, look: &KmlLook, s: &Site, rec: &str) {
    let place = s
        .region_id
        .as_deref()
        .and_then(|id| geo.region(id))
        .map_or_else(
            || s.place.clone(),
            |r| format!("{} ({})", r.names.en, r.names.ko),
        );
    let description = site_description(data, look, s, &place);
    for (k, p) in periods(s).iter().enumerate() {
        w.open("Placemark");
        w.text_element("name", &s.name);
        w.line(&format!(
            "<description>{}</description>",
            cdata(&description)
        ));
        time_span(w, p.begin, p.end);
        w.text_element("styleUrl", &format!("#{}", style_id(s.category, p.status)));
        w.open("ExtendedData");
        if k == 0 {
            data_entry(
                w,
                "category",
                Some(&crate::t!("kml-field-category")),
                (look.category_label)(s.category),
            );
            data_entry(w, "place", Some(&crate::t!("kml-field-place")), &place);
            if let Some(c) = s.cohort {
                data_entry(
                    w,
                    "cohort",
                    Some(&crate::t!("kml-field-cohort")),
                    &c.to_string(),
                );
            }
            data_entry(
                w,
                "status",
                Some(&crate::t!("kml-field-status")),
                p.status.label(),
            );
            w.line(&format!("<{NKMAP_RECORD}>{}</{NKMAP_RECORD}>", esc(rec)));
        } else {
            data_entry(
                w,
                "status",
                Some(&crate::t!("kml-field-status")),
                p.status.label(),
            );
            w.line(&format!("<{NKMAP_PART} of=\"{}\"/>", esc(&s.id)));
        }
        w.close("ExtendedData");
        if let Some(pt) = s.location {
            geometry(w, &[Shape::Point(pt)], false);
        }
        w.close("Placemark");
    }
}

fn site_description(data: &Dataset, look: &KmlLook, s: &Site, place: &str) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<p><b>{}</b>: {}<br/><b>{}</b>: {}",
        esc(&crate::t!("kml-field-category")),
        esc((look.category_label)(s.category)),
        esc(&crate::t!("kml-field-place")),
        esc(place)
    );
    if let Some(c) = s.cohort {
        let _ = write!(
            h,
            "<br/><b>{}</b>: {c}",
            esc(&crate::t!("kml-field-cohort"))
        );
    }
    if let Some(p) = &s.products {
        let _ = write!(
            h,
            "<br/><b>{}</b>: {}",
            esc(&crate::t!("kml-field-products")),
            esc(p)
        );
    }
    h.push_str("</p>");
    if !s.milestones.is_empty() {
        let _ = write!(
            h,
            "<p><b>{}</b></p><ul>",
            esc(&crate::t!("kml-field-milestones"))
        );
        let mut ms: Vec<_> = s.milestones.iter().collect();
        ms.sort_by_key(|m| (m.date, m.kind));
        for m in ms {
            let kind = match m.kind {
                MilestoneKind::Announced => crate::t!("kml-milestone-announced"),
                MilestoneKind::Groundbreaking => crate::t!("kml-milestone-groundbreaking"),
                MilestoneKind::Inauguration => crate::t!("kml-milestone-inauguration"),
            };
            let _ = write!(
                h,
                "<li>{}: {}{}",
                esc(&kind),
                esc(&crate::i18n::format_date(m.date)),
                if m.approximate {
                    format!(" ({})", esc(&crate::t!("kml-approximate")))
                } else {
                    String::new()
                }
            );
            evidence_html(&mut h, data, &m.evidence);
            h.push_str("</li>");
        }
        h.push_str("</ul>");
    }
    sources_html(&mut h, data, &s.evidence);
    notes_html(&mut h, s.notes.as_deref());
    h
}

/// "— Daily NK (2024-03-08): Title, para 5 · C" for each piece of evidence, as a list.
fn evidence_html(h: &mut String, data: &Dataset, evidence: &[Evidence]) {
    if evidence.is_empty() {
        return;
    }
    h.push_str("<ul>");
    for e in evidence {
        h.push_str("<li>");
        source_link(h, data.source(&e.source), &e.source);
        if let Some(l) = &e.locator {
            let _ = write!(h, ", {}", esc(l));
        }
        let _ = write!(
            h,
            " · {} {} ({})",
            esc(&crate::t!("kml-field-grade")),
            esc(e.grade.code()),
            esc(e.grade.label())
        );
        h.push_str("</li>");
    }
    h.push_str("</ul>");
}

fn source_link(h: &mut String, source: Option<&Source>, id: &str) {
    match source {
        Some(s) => {
            let date = s.date.map(|d| format!(" ({d})")).unwrap_or_default();
            let _ = write!(h, "{}{}: ", esc(&s.publisher), esc(&date));
            match s
                .url
                .as_deref()
                .filter(|u| crate::model::placemark::is_web_link(u))
            {
                Some(url) => {
                    let _ = write!(h, "<a href=\"{}\">{}</a>", esc(url), esc(&s.title));
                }
                None => h.push_str(&esc(&s.title)),
            }
        }
        None => h.push_str(&esc(id)),
    }
}

fn sources_html(h: &mut String, data: &Dataset, evidence: &[Evidence]) {
    let _ = write!(h, "<p><b>{}</b></p>", esc(&crate::t!("kml-field-sources")));
    evidence_html(h, data, evidence);
}

fn notes_html(h: &mut String, notes: Option<&str>) {
    if let Some(n) = notes {
        let _ = write!(
            h,
            "<p><b>{}</b>: {}</p>",
            esc(&crate::t!("kml-field-notes")),
            esc(n)
        );
    }
}

fn flow(w: &mut Writer, data: &Dataset, look: &KmlLook, f: &Flow, rec: &str) {
    w.open("Placemark");
    w.text_element("name", &f.short_label());
    let mut h = format!(
        "<p><b>{}</b>: {}<br/><b>{}</b>: {}",
        esc(&crate::t!("kml-field-from")),
        esc(&f.from),
        esc(&crate::t!("kml-field-to")),
        esc(&f.to.join(", "))
    );
    if let Some(d) = f.start {
        let _ = write!(
            h,
            "<br/><b>{}</b>: {}",
            esc(&crate::t!("kml-field-start")),
            esc(&crate::i18n::format_date(d))
        );
    }
    if let Some(d) = f.end {
        let _ = write!(
            h,
            "<br/><b>{}</b>: {}",
            esc(&crate::t!("kml-field-end")),
            esc(&crate::i18n::format_date(d))
        );
    }
    h.push_str("</p>");
    sources_html(&mut h, data, &f.evidence);
    notes_html(&mut h, f.notes.as_deref());
    w.line(&format!("<description>{}</description>", cdata(&h)));
    time_span(w, f.start, f.end);
    let people = f.people.as_ref().and_then(|p| p.max.or(p.min));
    w.open("Style");
    w.open("LineStyle");
    w.text_element("color", &to_kml_color(look.flow_color));
    w.text_element("width", &format!("{:.1}", (look.flow_width)(people)));
    w.close("LineStyle");
    w.close("Style");
    w.open("ExtendedData");
    w.line(&format!("<{NKMAP_RECORD}>{}</{NKMAP_RECORD}>", esc(rec)));
    w.close("ExtendedData");
    // One line per destination, as the GeoJSON writer draws them.
    if let Some(a) = f.from_location {
        let lines: Option<Vec<Shape>> = f
            .to_locations
            .iter()
            .map(|b| b.map(|b| Shape::Line(geo_types::LineString(vec![a.0, b.0]))))
            .collect();
        if let Some(lines) = lines.filter(|l| !l.is_empty()) {
            geometry(w, &lines, true);
        }
    }
    w.close("Placemark");
}

fn event(w: &mut Writer, data: &Dataset, e: &Event, rec: &str) {
    w.open("Placemark");
    w.text_element("name", &e.title);
    let mut h = String::new();
    if let Some(d) = e.date {
        let _ = write!(
            h,
            "<p><b>{}</b>: {}</p>",
            esc(&crate::t!("kml-field-date")),
            esc(&crate::i18n::format_date(d))
        );
    }
    sources_html(&mut h, data, &e.evidence);
    notes_html(&mut h, e.notes.as_deref());
    w.line(&format!("<description>{}</description>", cdata(&h)));
    if let Some(d) = e.date {
        w.open("TimeStamp");
        w.text_element("when", &d.to_string());
        w.close("TimeStamp");
    }
    w.text_element("styleUrl", "#nkmap-event");
    w.open("ExtendedData");
    w.line(&format!("<{NKMAP_RECORD}>{}</{NKMAP_RECORD}>", esc(rec)));
    w.close("ExtendedData");
    if let Some(pt) = e.location {
        geometry(w, &[Shape::Point(pt)], false);
    }
    w.close("Placemark");
}

fn source(w: &mut Writer, s: &Source, rec: &str) {
    w.open("Placemark");
    w.text_element("name", &s.title);
    let mut h = String::new();
    source_link(&mut h, Some(s), &s.id);
    if let Some(n) = &s.note {
        let _ = write!(h, "<br/>{}", esc(n));
    }
    w.line(&format!("<description>{}</description>", cdata(&h)));
    w.open("ExtendedData");
    w.line(&format!("<{NKMAP_RECORD}>{}</{NKMAP_RECORD}>", esc(rec)));
    w.close("ExtendedData");
    w.close("Placemark");
}

/// Shapes as KML geometry: one as itself, several (or `multi`) in a `MultiGeometry`.
fn geometry(w: &mut Writer, shapes: &[Shape], multi: bool) {
    let wrap = multi || shapes.len() > 1;
    if wrap {
        w.open("MultiGeometry");
    }
    for s in shapes {
        match s {
            Shape::Point(p) => {
                let mut c = String::new();
                coord(&mut c, p.x(), p.y());
                w.open("Point");
                w.line(&format!("<coordinates>{c}</coordinates>"));
                w.close("Point");
            }
            Shape::Line(l) => {
                w.open("LineString");
                w.text_element("tessellate", "1");
                w.line(&format!("<coordinates>{}</coordinates>", coords(&l.0)));
                w.close("LineString");
            }
            Shape::Polygon(p) => {
                w.open("Polygon");
                w.open("outerBoundaryIs");
                w.open("LinearRing");
                w.line(&format!(
                    "<coordinates>{}</coordinates>",
                    coords(&p.exterior().0)
                ));
                w.close("LinearRing");
                w.close("outerBoundaryIs");
                for hole in p.interiors() {
                    w.open("innerBoundaryIs");
                    w.open("LinearRing");
                    w.line(&format!("<coordinates>{}</coordinates>", coords(&hole.0)));
                    w.close("LinearRing");
                    w.close("innerBoundaryIs");
                }
                w.close("Polygon");
            }
        }
    }
    if wrap {
        w.close("MultiGeometry");
    }
}

fn coords(cs: &[geo_types::Coord<f64>]) -> String {
    let mut out = String::with_capacity(cs.len() * 24);
    for (i, c) in cs.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        coord(&mut out, c.x, c.y);
    }
    out
}

/// Placemarks in their folders, with their styles (`style-N`), times and data.
fn placemarks(w: &mut Writer, pm: &Placemarks) {
    if pm.placemarks.is_empty() {
        return;
    }
    // Children of each folder, in order; placemarks by folder.
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); pm.folders.len()];
    let mut roots = Vec::new();
    for (i, f) in pm.folders.iter().enumerate() {
        match f.parent.filter(|p| *p < i) {
            Some(p) => children[p].push(i),
            None => roots.push(i),
        }
    }
    let mut by_folder: Vec<Vec<usize>> = vec![Vec::new(); pm.folders.len()];
    for (i, p) in pm.placemarks.iter().enumerate() {
        if let Some(v) = by_folder.get_mut(p.folder) {
            v.push(i);
        }
    }
    // Depth-first without recursion (a deep tree must not overflow the stack).
    enum Step {
        Open(usize),
        Close,
    }
    let mut todo: Vec<Step> = roots.into_iter().rev().map(Step::Open).collect();
    while let Some(step) = todo.pop() {
        match step {
            Step::Close => w.close("Folder"),
            Step::Open(f) => {
                let Some(folder) = pm.folders.get(f) else {
                    continue;
                };
                w.open("Folder");
                w.text_element("name", &folder.name);
                if !folder.visible {
                    w.text_element("visibility", "0");
                }
                for &i in &by_folder[f] {
                    if let Some(p) = pm.placemarks.get(i) {
                        placemark(w, p);
                    }
                }
                todo.push(Step::Close);
                todo.extend(children[f].iter().rev().map(|&c| Step::Open(c)));
            }
        }
    }
}

fn placemark(w: &mut Writer, p: &crate::model::Placemark) {
    match &p.id {
        Some(id) => w.open_with("Placemark", &format!("id=\"{}\"", esc(id))),
        None => w.open("Placemark"),
    }
    w.text_element("name", &p.name);
    if !p.visible {
        w.text_element("visibility", "0");
    }
    if let Some(d) = &p.description {
        w.line(&format!("<description>{}</description>", cdata(d)));
    }
    if let Some(t) = p.time {
        if t.stamp {
            if let Some(b) = t.begin {
                w.open("TimeStamp");
                w.text_element("when", &b.to_string());
                w.close("TimeStamp");
            }
        } else {
            time_span(w, t.begin, t.end);
        }
    }
    if let Some(s) = p.style {
        w.text_element("styleUrl", &format!("#style-{s}"));
    }
    if !p.data.is_empty() {
        w.open("ExtendedData");
        for (k, v) in &p.data {
            data_entry(w, k, None, v);
        }
        w.close("ExtendedData");
    }
    if !p.geometry.is_empty() {
        geometry(w, &p.geometry, false);
    }
    w.close("Placemark");
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_cdata_split() {
        assert_eq!(esc("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(cdata("x]]>y"), "<![CDATA[x]]]]><![CDATA[>y]]>");
    }
}
