//! The search box (Ctrl+F): places in any spelling, sites, flows and sources, grouped by kind.
//! Arrow keys move through the results, Enter flies to the highlighted one.

use crate::search::{self, Found, Hit, Results};
use crate::state::{Action, AppState, Selection};
use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};

/// What the box remembers between frames (egui's temporary memory: not persisted).
#[derive(Debug, Clone, Default)]
struct BoxState {
    query: String,
    /// Index into [`Results::all`] of the highlighted result.
    cursor: usize,
    /// The query `results` were computed for, so typing is searched once, not every frame.
    searched: String,
    results: Results,
    /// Where the list was last drawn: it stays open while the pointer is on it, so a click
    /// (which takes the focus from the box) still reaches it.
    list: Option<egui::Rect>,
}

/// Results of each kind shown at most.
const PER_GROUP: usize = 6;

/// Where a result takes the map.
pub fn selection_for(state: &AppState, found: &Found) -> Option<Selection> {
    match found {
        Found::Region { id } => state.region_by_id(id).map(|(s, _)| s),
        Found::Site { layer, index } => Some(Selection::Site {
            layer: *layer,
            index: *index,
        }),
        Found::Flow { layer, index } => Some(Selection::Flow {
            layer: *layer,
            index: *index,
        }),
        Found::Placemark { layer, index } => Some(Selection::Placemark {
            layer: *layer,
            index: *index,
        }),
        // A source is not on the map: go to the first record that cites it.
        Found::Source { layer, index } => {
            let id = &state.layers.get(*layer)?.data.sources.get(*index)?.id;
            selection_for(state, &search::first_citing(&datasets(state), id)?)
        }
    }
}

fn datasets(state: &AppState) -> Vec<Option<&crate::model::Dataset>> {
    state
        .layers
        .iter()
        .map(|l| l.visible.then_some(&l.data))
        .collect()
}

pub fn search_box(ui: &mut Ui, state: &AppState) -> Vec<Action> {
    let mut out = Vec::new();
    let id = ui.make_persistent_id("nkmap-search");
    let mut st: BoxState = ui.data(|d| d.get_temp(id)).unwrap_or_default();

    let ctrl_f =
        ui.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::F)));
    // While the box has focus the arrow keys and Enter belong to the result list: take them
    // before the text field (and the map's keyboard panning) sees them.
    let focused = ui.memory(|m| m.has_focus(id));
    let (down, up, enter) = if focused {
        ui.input_mut(|i| {
            (
                i.consume_key(Modifiers::NONE, Key::ArrowDown),
                i.consume_key(Modifiers::NONE, Key::ArrowUp),
                i.consume_key(Modifiers::NONE, Key::Enter),
            )
        })
    } else {
        (false, false, false)
    };

    let label = ui.label(crate::t!("ui-search"));
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut st.query)
                .id(id)
                .hint_text(crate::t!("ui-search-hint"))
                .desired_width(220.0),
        )
        .labelled_by(label.id);
    if ctrl_f {
        response.request_focus();
    }
    if st.query != st.searched {
        st.results = search::search_on(
            &state.geography,
            &datasets(state),
            &st.query,
            PER_GROUP,
            Some(state.date),
        );
        st.searched = st.query.clone();
        st.cursor = 0;
    }
    let hits: Vec<Hit> = st.results.all().into_iter().cloned().collect();
    if down && !hits.is_empty() {
        st.cursor = (st.cursor + 1).min(hits.len() - 1);
    }
    if up {
        st.cursor = st.cursor.saturating_sub(1);
    }
    let mut chosen: Option<Found> = None;
    if enter && let Some(h) = hits.get(st.cursor) {
        chosen = Some(h.found.clone());
    }
    if response.has_focus() && ui.input(|i| i.key_pressed(Key::Escape)) {
        st.query.clear();
        response.surrender_focus();
    }

    let over_list = st
        .list
        .zip(ui.input(|i| i.pointer.hover_pos()))
        .is_some_and(|(r, p)| r.contains(p));
    let show_list = (response.has_focus() || focused || over_list) && !st.query.trim().is_empty();
    st.list = None;
    if show_list {
        let shown = egui::Area::new(id.with("results"))
            .order(egui::Order::Foreground)
            .fixed_pos(response.rect.left_bottom() + egui::vec2(0.0, 4.0))
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_max_width(420.0);
                    if hits.is_empty() {
                        ui.weak(crate::t!("ui-search-none"));
                    }
                    let mut k = 0;
                    for (heading, group) in st.results.groups() {
                        if group.is_empty() {
                            continue;
                        }
                        ui.label(RichText::new(heading).small().strong());
                        for h in group {
                            let text = format!("{}  ·  {}", h.title, h.detail);
                            let r = ui.selectable_label(k == st.cursor, text);
                            if r.clicked() {
                                chosen = Some(h.found.clone());
                            }
                            if k == st.cursor && (down || up) {
                                r.scroll_to_me(None);
                            }
                            k += 1;
                        }
                    }
                });
            });
        st.list = Some(shown.response.rect);
    }
    // The places the list shows (and the highlighted result) are named on the map.
    let named: Vec<Selection> = if show_list {
        st.results
            .regions
            .iter()
            .chain(hits.get(st.cursor))
            .filter_map(|h| selection_for(state, &h.found))
            .collect()
    } else {
        Vec::new()
    };
    if named != state.search_named {
        out.push(Action::SetSearchNamed(named));
    }
    if let Some(found) = chosen
        && let Some(sel) = selection_for(state, &found)
    {
        out.push(Action::FlyTo(sel));
        response.surrender_focus();
    }
    ui.data_mut(|d| d.insert_temp(id, st));
    out
}
