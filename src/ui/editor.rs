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
        (DraftKind::Site, false) => crate::t!("ui-editor-add-site"),
        (DraftKind::Site, true) => crate::t!("ui-editor-edit-site"),
        (DraftKind::Flow, false) => crate::t!("ui-editor-add-flow"),
        (DraftKind::Flow, true) => crate::t!("ui-editor-edit-flow"),
    };
    egui::Window::new(title)
        .id(egui::Id::unique("nkmap-editor-window"))
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
                if ui.button(crate::t!("ui-editor-save")).clicked() {
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
                if ui.button(crate::t!("coords-goto-cancel")).clicked() {
                    close = true;
                }
            });
            ui.label(
                RichText::new(crate::t!("ui-editor-saved-where"))
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
                    &crate::t!("ui-editor-name"),
                    &mut d.name,
                    &crate::t!("ui-editor-name-hint"),
                );
                ui.label(crate::t!("ui-site-type"));
                egui::ComboBox::from_id_salt("editor-category")
                    .selected_text(crate::i18n::words::category(d.category))
                    .show_ui(ui, |ui| {
                        for c in style::ALL_CATEGORIES {
                            ui.selectable_value(
                                &mut d.category,
                                c,
                                crate::i18n::words::category(c),
                            );
                        }
                    });
                ui.end_row();
                text(
                    ui,
                    &crate::t!("ui-details-place"),
                    &mut d.place,
                    &crate::t!("ui-editor-place-hint"),
                );
                ui.label("");
                resolution(ui, state, &d.place);
                ui.end_row();
                if let Some((lon, lat)) = d.location {
                    ui.label(crate::t!("ui-editor-point"));
                    ui.horizontal(|ui| {
                        ui.label(crate::t!(
                            "ui-editor-exact-point",
                            point = crate::coords::format_decimal(lat, lon)
                        ));
                        if ui.small_button(crate::t!("ui-editor-use-seat")).clicked() {
                            d.location = None;
                        }
                    });
                    ui.end_row();
                }
                text(
                    ui,
                    &crate::t!("ui-cohort"),
                    &mut d.cohort,
                    &crate::t!("ui-editor-cohort-hint"),
                );
                text(
                    ui,
                    &crate::t!("ui-milestone-announced"),
                    &mut d.announced,
                    &crate::t!("ui-editor-date-hint"),
                );
                text(
                    ui,
                    &crate::t!("ui-progress-groundbreaking"),
                    &mut d.groundbreaking,
                    "YYYY-MM-DD",
                );
                text(
                    ui,
                    &crate::t!("ui-milestone-inauguration"),
                    &mut d.inauguration,
                    "YYYY-MM-DD",
                );
            }
            DraftKind::Flow => {
                text(
                    ui,
                    &crate::t!("ui-editor-who"),
                    &mut d.name,
                    &crate::t!("ui-editor-who-hint"),
                );
                text(
                    ui,
                    &crate::t!("ui-details-from"),
                    &mut d.place,
                    &crate::t!("ui-editor-place-hint"),
                );
                ui.label("");
                resolution(ui, state, &d.place);
                ui.end_row();
                text(
                    ui,
                    &crate::t!("ui-details-to"),
                    &mut d.to,
                    &crate::t!("ui-editor-to-hint"),
                );
                for t in d.to.split(';').filter(|t| !t.trim().is_empty()) {
                    ui.label("");
                    resolution(ui, state, t);
                    ui.end_row();
                }
                text(ui, &crate::t!("ui-editor-start"), &mut d.start, "YYYY-MM");
                text(
                    ui,
                    &crate::t!("ui-editor-end"),
                    &mut d.end,
                    &crate::t!("ui-editor-end-hint"),
                );
                text(
                    ui,
                    &crate::t!("ui-editor-people-min"),
                    &mut d.people_min,
                    "",
                );
                text(
                    ui,
                    &crate::t!("ui-editor-people-max"),
                    &mut d.people_max,
                    "",
                );
            }
        });
    ui.add_space(style::SPACE);
    ui.strong(crate::t!("ui-editor-source-required"));
    source_fields(ui, state, d);
    ui.add_space(style::SPACE);
    ui.label(crate::t!("ui-details-notes"));
    ui.add(egui::TextEdit::multiline(&mut d.notes).desired_rows(2));
}

/// What a place name resolves to, so the user sees the gazetteer's reading before saving.
fn resolution(ui: &mut Ui, state: &AppState, place: &str) {
    let place = place.trim();
    if place.is_empty() {
        ui.label(RichText::new(crate::t!("ui-editor-no-place")).weak());
        return;
    }
    let g = &state.geography.gazetteer;
    match state.geography.resolve(place) {
        Resolution::Unique { id, .. } => {
            ui.label(
                RichText::new(crate::t!("ui-editor-resolves-to", place = g.label(&id))).small(),
            );
        }
        Resolution::Ambiguous(c) => {
            let names: Vec<String> = c.iter().map(|c| c.label.clone()).collect();
            ui.colored_label(
                ui.visuals().warn_fg_color,
                crate::t!(
                    "ui-editor-ambiguous",
                    places = names.join(&crate::t!("ui-editor-or"))
                ),
            );
        }
        Resolution::NotFound { suggestions } => {
            let names: Vec<String> = suggestions.iter().map(|c| c.label.clone()).collect();
            let hint = if names.is_empty() {
                String::new()
            } else {
                crate::t!("ui-editor-did-you-mean", places = names.join(", "))
            };
            ui.colored_label(
                ui.visuals().error_fg_color,
                crate::t!("ui-editor-not-found", hint = hint),
            );
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
        SourceChoice::None => crate::t!("ui-editor-choose-source"),
        SourceChoice::New => crate::t!("ui-editor-new-source"),
        SourceChoice::Existing(id) => sources
            .iter()
            .find(|s| &s.id == id)
            .map_or(id.clone(), |s| format!("{}: {}", s.publisher, s.title)),
    };
    if d.source != SourceChoice::New && ui.button(crate::t!("ui-editor-add-source")).clicked() {
        d.source = SourceChoice::New;
    }
    egui::ComboBox::from_id_salt("editor-source")
        .selected_text(selected)
        .width(400.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(
                &mut d.source,
                SourceChoice::New,
                crate::t!("ui-editor-new-source"),
            );
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
                text(
                    ui,
                    &crate::t!("ui-editor-publisher"),
                    &mut n.publisher,
                    &crate::t!("ui-editor-publisher-hint"),
                );
                text(
                    ui,
                    &crate::t!("ui-editor-title"),
                    &mut n.title,
                    &crate::t!("ui-editor-title-hint"),
                );
                text(ui, &crate::t!("ui-date"), &mut n.date, "YYYY-MM-DD");
                text(ui, "URL", &mut n.url, "https://…");
                ui.label(crate::t!("ui-details-kind"));
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
                &crate::t!("ui-editor-locator"),
                &mut d.locator,
                &crate::t!("ui-editor-locator-hint"),
            );
            ui.label(crate::t!("ui-grade"));
            egui::ComboBox::from_id_salt("editor-grade")
                .selected_text(format!(
                    "{} — {}",
                    d.grade.code(),
                    crate::i18n::words::grade(d.grade)
                ))
                .show_ui(ui, |ui| {
                    for g in Grade::ALL {
                        ui.selectable_value(
                            &mut d.grade,
                            g,
                            format!("{} — {}", g.code(), crate::i18n::words::grade(g)),
                        );
                    }
                });
            ui.end_row();
        });
}

fn kind_label(k: SourceKind) -> String {
    match k {
        SourceKind::InsideSource => crate::t!("ui-source-inside"),
        SourceKind::StateMedia => crate::t!("ui-source-state-media"),
        SourceKind::Satellite => crate::t!("ui-source-satellite"),
        SourceKind::News => crate::t!("ui-source-news"),
        SourceKind::Analysis => crate::t!("ui-source-analysis"),
        SourceKind::Reference => crate::t!("ui-source-reference"),
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
