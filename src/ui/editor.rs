//! The add/edit form for the user's own sites and flows (an egui window).
//!
//! The form edits a [`Draft`]; nothing changes until "Save record", which checks the draft
//! with [`crate::edit::apply_draft`] (the same reader files go through) and either sends the
//! new dataset as one action or shows every reason it was refused.

use crate::edit::{Draft, DraftKind, SourceChoice, apply_draft};
use crate::gazetteer::Resolution;
use crate::model::{Dataset, Grade, SourceKind};
use crate::state::{Action, AppState};
use crate::style;
use egui::{RichText, Ui};

/// The open form: the draft and why the last save was refused.
#[derive(Debug, Clone)]
pub struct EditorForm {
    pub draft: Draft,
    pub errors: Vec<String>,
}

impl EditorForm {
    pub fn new(draft: Draft) -> Self {
        EditorForm {
            draft,
            errors: Vec::new(),
        }
    }
}

/// Shows the form. Returns the actions and whether the form stays open.
pub fn editor_window(
    ctx: &egui::Context,
    state: &AppState,
    form: &mut EditorForm,
) -> (Vec<Action>, bool) {
    let mut out = Vec::new();
    let mut open = true;
    let mut close = false;
    let title = match (form.draft.kind, form.draft.editing.is_some()) {
        (DraftKind::Site, false) => "Add site",
        (DraftKind::Site, true) => "Edit site",
        (DraftKind::Flow, false) => "Add flow",
        (DraftKind::Flow, true) => "Edit flow",
    };
    egui::Window::new(title)
        .open(&mut open)
        .default_size([440.0, 600.0])
        .vscroll(true)
        .show(ctx, |ui| {
            fields(ui, state, &mut form.draft);
            ui.add_space(style::SPACE);
            for e in &form.errors {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            ui.horizontal(|ui| {
                if ui.button("Save record").clicked() {
                    let empty = Dataset::default();
                    let user = state.user_data().unwrap_or(&empty);
                    let seed = |id: &str| crate::bundled::seed_sources().iter().any(|s| s.id == id);
                    match apply_draft(
                        &form.draft,
                        user,
                        &|id| state.id_taken(id),
                        &seed,
                        &state.geography,
                    ) {
                        Ok((data, id)) => {
                            out.push(Action::CommitUserData(Box::new(data), Some(id)));
                            close = true;
                        }
                        Err(errors) => form.errors = errors,
                    }
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
            ui.label(
                RichText::new(
                    "Saved records go to your own data file (File menu: Save my records); the \
                     bundled data never changes.",
                )
                .small()
                .weak(),
            );
        });
    (out, open && !close)
}

/// A labelled one-line text field, findable by its label.
fn text(ui: &mut Ui, label: &str, value: &mut String, hint: &str) {
    let l = ui.label(label);
    ui.add(egui::TextEdit::singleline(value).hint_text(hint))
        .labelled_by(l.id);
    ui.end_row();
}

fn fields(ui: &mut Ui, state: &AppState, d: &mut Draft) {
    egui::Grid::new("editor-fields")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| match d.kind {
            DraftKind::Site => {
                text(
                    ui,
                    "Name",
                    &mut d.name,
                    "e.g. Orang regional-industry factories",
                );
                ui.label("Category");
                egui::ComboBox::from_id_salt("editor-category")
                    .selected_text(style::category_label(d.category))
                    .show_ui(ui, |ui| {
                        for c in style::ALL_CATEGORIES {
                            ui.selectable_value(&mut d.category, c, style::category_label(c));
                        }
                    });
                ui.end_row();
                text(ui, "Place", &mut d.place, "county or city, any spelling");
                ui.label("");
                resolution(ui, state, &d.place);
                ui.end_row();
                if let Some((lon, lat)) = d.location {
                    ui.label("Point");
                    ui.horizontal(|ui| {
                        ui.label(format!("{lat:.4}°N {lon:.4}°E (exact)"));
                        if ui.small_button("Use the county seat").clicked() {
                            d.location = None;
                        }
                    });
                    ui.end_row();
                }
                text(ui, "Cohort", &mut d.cohort, "20×10 year, e.g. 2025");
                text(
                    ui,
                    "Announced",
                    &mut d.announced,
                    "YYYY, YYYY-MM or YYYY-MM-DD",
                );
                text(ui, "Groundbreaking", &mut d.groundbreaking, "YYYY-MM-DD");
                text(ui, "Inauguration", &mut d.inauguration, "YYYY-MM-DD");
            }
            DraftKind::Flow => {
                text(ui, "Who", &mut d.name, "e.g. Musan mine workers");
                text(ui, "From", &mut d.place, "county or city, any spelling");
                ui.label("");
                resolution(ui, state, &d.place);
                ui.end_row();
                text(ui, "To", &mut d.to, "places separated by ;");
                for t in d.to.split(';').filter(|t| !t.trim().is_empty()) {
                    ui.label("");
                    resolution(ui, state, t);
                    ui.end_row();
                }
                text(ui, "Start", &mut d.start, "YYYY-MM");
                text(ui, "End", &mut d.end, "YYYY-MM (empty: ongoing)");
                text(ui, "People (min)", &mut d.people_min, "");
                text(ui, "People (max)", &mut d.people_max, "");
            }
        });
    ui.add_space(style::SPACE);
    ui.strong("Source (required)");
    source_fields(ui, state, d);
    ui.add_space(style::SPACE);
    ui.label("Notes");
    ui.add(egui::TextEdit::multiline(&mut d.notes).desired_rows(2));
}

/// What a place name resolves to, so the user sees the gazetteer's reading before saving.
fn resolution(ui: &mut Ui, state: &AppState, place: &str) {
    let place = place.trim();
    if place.is_empty() {
        ui.label(RichText::new("no place yet").weak());
        return;
    }
    let g = &state.geography.gazetteer;
    match state.geography.resolve(place) {
        Resolution::Unique { id, .. } => {
            ui.label(RichText::new(format!("resolves to {}", g.label(&id))).small());
        }
        Resolution::Ambiguous(c) => {
            let names: Vec<String> = c.iter().map(|c| c.label.clone()).collect();
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "ambiguous: {} (add the province after a comma)",
                    names.join(" or ")
                ),
            );
        }
        Resolution::NotFound { suggestions } => {
            let names: Vec<String> = suggestions.iter().map(|c| c.label.clone()).collect();
            let hint = if names.is_empty() {
                String::new()
            } else {
                format!("; did you mean {}?", names.join(", "))
            };
            ui.colored_label(ui.visuals().error_fg_color, format!("not found{hint}"));
        }
    }
}

fn source_fields(ui: &mut Ui, state: &AppState, d: &mut Draft) {
    // The user's own sources first, then the bundled ones; a record may cite either.
    let user_sources = state
        .user_data()
        .map(|u| u.sources.as_slice())
        .unwrap_or(&[]);
    let sources: Vec<_> = user_sources
        .iter()
        .chain(crate::bundled::seed_sources().iter())
        .collect();
    let selected = match &d.source {
        SourceChoice::None => "Choose a source…".to_owned(),
        SourceChoice::New => "New source".to_owned(),
        SourceChoice::Existing(id) => sources
            .iter()
            .find(|s| &s.id == id)
            .map_or(id.clone(), |s| format!("{}: {}", s.publisher, s.title)),
    };
    if d.source != SourceChoice::New && ui.button("Add a new source").clicked() {
        d.source = SourceChoice::New;
    }
    egui::ComboBox::from_id_salt("editor-source")
        .selected_text(selected)
        .width(400.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut d.source, SourceChoice::New, "New source");
            for s in &sources {
                let date = s.date.map(|d| format!(" ({d})")).unwrap_or_default();
                ui.selectable_value(
                    &mut d.source,
                    SourceChoice::Existing(s.id.clone()),
                    format!("{}{date}: {}", s.publisher, s.title),
                );
            }
        });
    egui::Grid::new("editor-source-fields")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            if d.source == SourceChoice::New {
                let n = &mut d.new_source;
                text(ui, "Publisher", &mut n.publisher, "e.g. Daily NK");
                text(
                    ui,
                    "Title",
                    &mut n.title,
                    "the page's own title, or [a description]",
                );
                text(ui, "Date", &mut n.date, "YYYY-MM-DD");
                text(ui, "URL", &mut n.url, "https://…");
                ui.label("Kind");
                egui::ComboBox::from_id_salt("editor-source-kind")
                    .selected_text(kind_label(n.kind))
                    .show_ui(ui, |ui| {
                        for k in [
                            SourceKind::InsideSource,
                            SourceKind::StateMedia,
                            SourceKind::Satellite,
                            SourceKind::News,
                            SourceKind::Analysis,
                            SourceKind::Reference,
                        ] {
                            ui.selectable_value(&mut n.kind, k, kind_label(k));
                        }
                    });
                ui.end_row();
            }
            text(
                ui,
                "Locator",
                &mut d.locator,
                "where in the source: para 5, caption",
            );
            ui.label("Grade");
            egui::ComboBox::from_id_salt("editor-grade")
                .selected_text(format!("{} — {}", d.grade.code(), d.grade.label()))
                .show_ui(ui, |ui| {
                    for g in Grade::ALL {
                        ui.selectable_value(
                            &mut d.grade,
                            g,
                            format!("{} — {}", g.code(), g.label()),
                        );
                    }
                });
            ui.end_row();
        });
}

fn kind_label(k: SourceKind) -> &'static str {
    match k {
        SourceKind::InsideSource => "inside source",
        SourceKind::StateMedia => "state media",
        SourceKind::Satellite => "satellite imagery",
        SourceKind::News => "news",
        SourceKind::Analysis => "analysis",
        SourceKind::Reference => "reference",
    }
}

/// A draft for a form request, from the state (None when the record to edit is gone).
pub fn draft_for(state: &AppState, req: &crate::state::EditRequest) -> Option<Draft> {
    use crate::state::{EditRequest, Selection};
    Some(match req {
        EditRequest::NewSite { place, at } => Draft::new_site(place, *at),
        EditRequest::NewFlow { from } => Draft::new_flow(from),
        EditRequest::Edit(Selection::Site { layer, index })
            if state.is_user_record(Selection::Site {
                layer: *layer,
                index: *index,
            }) =>
        {
            Draft::from_site(state.layers.get(*layer)?.data.sites.get(*index)?)
        }
        EditRequest::Edit(Selection::Flow { layer, index })
            if state.is_user_record(Selection::Flow {
                layer: *layer,
                index: *index,
            }) =>
        {
            Draft::from_flow(state.layers.get(*layer)?.data.flows.get(*index)?)
        }
        EditRequest::FromPlacemark { layer, index, flow } => {
            super::layers::draft_from_placemark(state, *layer, *index, *flow)?
        }
        EditRequest::Edit(_) => return None,
    })
}
