//! The placemark parts of the panels: a KML layer's folder tree in *Layers* (tick a folder to
//! hide everything in it), the tooltip of a cluster, the "make a record from this placemark"
//! menu, and the draft that turns a placemark into a record.
//!
//! Like every panel these read the state and return [`Action`]s; the tree is drawn from the
//! layer's folder table (parents before children), so a file with thousands of folders costs
//! only the rows that are open.

use crate::edit::Draft;
use crate::model::{Placemark, Shape};
use crate::state::{Action, AppState, EditRequest};
use egui::{RichText, Ui};

/// The folder tree of layer `li`, if it has placemarks.
pub fn folder_tree(ui: &mut Ui, state: &AppState, li: usize, out: &mut Vec<Action>) {
    let Some(layer) = state.layers.get(li) else {
        return;
    };
    let pm = &layer.data.placemarks;
    if pm.folders.is_empty() {
        return;
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); pm.folders.len()];
    let mut roots = Vec::new();
    for (i, f) in pm.folders.iter().enumerate() {
        match f.parent.filter(|p| *p < i) {
            Some(p) => children[p].push(i),
            None => roots.push(i),
        }
    }
    let counts = &layer.folder_counts;
    ui.indent(("kml-folders", li), |ui| {
        for r in roots {
            folder_row(ui, state, li, r, &children, counts, out, 0);
        }
    });
}

// The tree's shared pieces are passed down each level of the recursion.
#[allow(clippy::too_many_arguments)]
fn folder_row(
    ui: &mut Ui,
    state: &AppState,
    li: usize,
    f: usize,
    children: &[Vec<usize>],
    counts: &[usize],
    out: &mut Vec<Action>,
    depth: usize,
) {
    let Some(layer) = state.layers.get(li) else {
        return;
    };
    let Some(folder) = layer.data.placemarks.folders.get(f) else {
        return;
    };
    let ticked = layer.folders.get(f).copied().unwrap_or(true);
    let n = counts.get(f).copied().unwrap_or(0);
    let label = crate::t!(
        "kml-folder-row",
        name = folder.name.as_str(),
        count = crate::i18n::format_count(n as u64)
    );
    let mut checkbox = |ui: &mut Ui| {
        let mut v = ticked;
        if ui.checkbox(&mut v, label.as_str()).changed() {
            out.push(Action::SetFolderVisible {
                layer: li,
                folder: f,
                visible: v,
            });
        }
    };
    let kids = children.get(f).map_or(&[][..], Vec::as_slice);
    if kids.is_empty() || depth > 64 {
        checkbox(ui);
        return;
    }
    let id = ui.make_persistent_id(("kml-folder", li, f));
    egui::collapsing_header::CollapsingState::load_with_default_open(ui.ctx(), id, depth == 0)
        .show_header(ui, checkbox)
        .body(|ui| {
            for &c in kids {
                folder_row(ui, state, li, c, children, counts, out, depth + 1);
            }
        });
}

/// The tooltip of a cluster of placemarks.
pub fn cluster_tooltip(ui: &mut Ui, count: u32) {
    ui.strong(crate::t!(
        "kml-cluster-count",
        count = crate::i18n::format_count(u64::from(count)),
        n = count
    ));
    ui.label(RichText::new(crate::t!("kml-cluster-hint")).weak());
}

/// "Make a site / flow from this placemark" (the map's right-click menu).
pub fn placemark_menu(ui: &mut Ui, layer: usize, index: usize) -> Vec<Action> {
    let mut out = Vec::new();
    if ui.button(crate::t!("kml-make-site")).clicked() {
        out.push(Action::OpenEditor(EditRequest::FromPlacemark {
            layer,
            index,
            flow: false,
        }));
        ui.close();
    }
    if ui.button(crate::t!("kml-make-flow")).clicked() {
        out.push(Action::OpenEditor(EditRequest::FromPlacemark {
            layer,
            index,
            flow: true,
        }));
        ui.close();
    }
    out
}

/// The place (county, qualified by its province) a point falls in, as the gazetteer writes it.
fn place_at(state: &AppState, lon: f64, lat: f64) -> String {
    state
        .scene
        .counties
        .pick(crate::scene::to_local(lon, lat))
        .and_then(|i| state.geography.counties.get(i))
        .map(|r| super::qualified_place(state, r))
        .unwrap_or_default()
}

/// The last position of a placemark's geometry (a line's end; the last of several points).
fn last_point(p: &Placemark) -> Option<(f64, f64)> {
    p.geometry.iter().rev().find_map(|s| match s {
        Shape::Point(q) => Some((q.x(), q.y())),
        Shape::Line(l) => l.0.last().map(|c| (c.x, c.y)),
        Shape::Polygon(_) => None,
    })
}

/// A draft record from a placemark: its name, its point and the place the gazetteer finds
/// there, its time (a flow's start and end), and as notes where it came from, its time and its
/// description as plain text. The analyst adds the source.
pub fn draft_from_placemark(
    state: &AppState,
    layer: usize,
    index: usize,
    flow: bool,
) -> Option<Draft> {
    let l = state.layers.get(layer)?;
    let pm = &l.data.placemarks;
    let p = pm.placemarks.get(index)?;
    let first = p.first_point().map(|q| (q.x(), q.y()));
    let place = first.map_or_else(String::new, |(lon, lat)| place_at(state, lon, lat));
    let mut draft = if flow {
        let mut d = Draft::new_flow(&place);
        if let Some((lon, lat)) = last_point(p).filter(|q| Some(*q) != first) {
            d.to = place_at(state, lon, lat);
        }
        if let Some(t) = p.time {
            d.start = t.begin.map(|b| b.to_string()).unwrap_or_default();
            d.end = t.end.map(|e| e.to_string()).unwrap_or_default();
        }
        d
    } else {
        Draft::new_site(&place, first)
    };
    draft.name = p.name.trim().to_owned();
    let mut notes = vec![crate::t!(
        "kml-draft-from",
        name = p.title(),
        file = l.display_name(),
        folder = pm.folder_path(p.folder).join(" / ")
    )];
    if let Some(t) = p.time {
        notes.push(time_text(&t));
    }
    if let Some(d) = &p.description {
        let text: Vec<String> = crate::model::placemark::plain_text(d)
            .into_iter()
            .map(|piece| match piece {
                crate::model::placemark::TextPiece::Text(t) => t,
                crate::model::placemark::TextPiece::Link { text, url } => format!("{text} <{url}>"),
            })
            .collect();
        let text = text.join(" ");
        if !text.trim().is_empty() {
            notes.push(text.trim().to_owned());
        }
    }
    draft.notes = notes.join("\n");
    Some(draft)
}

/// A placemark's time as the interface writes it: "from 7 March 2024 to 2025", "from 2024".
pub fn time_text(t: &crate::model::TimeSpan) -> String {
    let d = |p: crate::model::PartialDate| crate::i18n::format_date(p);
    match (t.begin, t.end) {
        (Some(b), Some(e)) => crate::t!("kml-time-span", begin = d(b), end = d(e)),
        (Some(b), None) => crate::t!("kml-time-from", begin = d(b)),
        (None, Some(e)) => crate::t!("kml-time-until", end = d(e)),
        (None, None) => String::new(),
    }
}
