//! The details panel: everything known about the selection, and where each fact comes from.

use super::site_title;
use crate::model::{Dispute, Evidence, MilestoneKind, Region, Source};
use crate::state::{Action, AppState, EditRequest, Selection};
use crate::style;
use egui::{RichText, Ui};

pub fn details_panel(ui: &mut Ui, state: &AppState) -> Vec<Action> {
    let mut out = Vec::new();
    let Some(sel) = state.selection else {
        return out;
    };
    ui.add_space(style::SPACE);
    ui.horizontal(|ui| {
        ui.heading(crate::t!("ui-details"));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button(crate::t!("ui-close")).clicked() {
                out.push(Action::Select(None));
            }
            if ui.button(crate::t!("ui-zoom-to")).clicked() {
                out.push(Action::FlyTo(sel));
            }
            // Only the user's own records can be edited; the bundled seeds never change.
            if state.is_user_record(sel) && ui.button(crate::t!("ui-edit-record")).clicked() {
                out.push(Action::OpenEditor(EditRequest::Edit(sel)));
            }
            if let Selection::County(_) = sel
                && let Some(r) = state.region(sel)
            {
                let place = qualified_place(state, r);
                if ui
                    .button(crate::t!("ui-details-add-site"))
                    .on_hover_text(crate::t!("ui-details-add-site-in", place = &r.names.en))
                    .clicked()
                {
                    out.push(Action::OpenEditor(EditRequest::NewSite { place, at: None }));
                }
            }
        });
    });
    ui.separator();
    egui::ScrollArea::vertical().show(ui, |ui| match sel {
        Selection::Placemark { layer, index } => {
            placemark_details(ui, state, layer, index, &mut out);
        }
        Selection::Area { layer, index } => {
            let Some(l) = state.layers.get(layer) else {
                return;
            };
            let Some(a) = l.data.areas.get(index) else {
                return;
            };
            ui.label(RichText::new(&a.name).heading());
            let prepared = l.areas.as_ref().and_then(|p| p.features.get(index));
            // Which county the middle of the area falls in, for orientation.
            let county = prepared
                .map(|f| {
                    [
                        (f.bbox[0][0] + f.bbox[1][0]) / 2.0,
                        (f.bbox[0][1] + f.bbox[1][1]) / 2.0,
                    ]
                })
                .and_then(|c| state.scene.counties.pick(c))
                .and_then(|i| state.geography.counties.get(i));
            facts(ui, |ui| {
                row(ui, &crate::t!("ui-details-layer"), &l.display_name());
                row(
                    ui,
                    &crate::t!("ui-details-kind"),
                    &crate::t!("ui-details-area-kind"),
                );
                row(
                    ui,
                    &crate::t!("ui-details-vertices"),
                    &a.vertex_count().to_string(),
                );
                if let Some(c) = county {
                    let province = state
                        .geography
                        .provinces
                        .iter()
                        .find(|p| p.id == c.province)
                        .map_or(c.province.as_str(), |p| p.names.en.as_str());
                    row(ui, "Middle in", &format!("{}, {province}", c.names.en));
                }
            });
            if !a.properties.is_empty() {
                section(ui, &crate::t!("ui-details-properties"));
                facts(ui, |ui| {
                    for (k, v) in &a.properties {
                        row(ui, k, v);
                    }
                });
            }
        }
        Selection::Province(_) | Selection::County(_) => {
            if let Some(r) = state.region(sel) {
                region_details(ui, state, sel, r, &mut out);
            }
        }
        Selection::Site { layer, index } => {
            if let Some(s) = state
                .layers
                .get(layer)
                .and_then(|l| l.data.sites.get(index))
            {
                ui.label(RichText::new(&s.name).heading());
                facts(ui, |ui| {
                    row(
                        ui,
                        &crate::t!("ui-details-type"),
                        &crate::i18n::words::category(s.category),
                    );
                    if let Some(p) = &s.products {
                        row(ui, &crate::t!("ui-details-products"), p);
                    }
                    row(
                        ui,
                        &crate::t!("ui-details-place"),
                        &crate::t!(
                            "ui-details-place-as-written",
                            place = site_title(state, s),
                            written = &s.place
                        ),
                    );
                    row(
                        ui,
                        &crate::t!("ui-details-location"),
                        &crate::scene::palette::precision_cue(s.precision).text(),
                    );
                    if let Some(c) = s.cohort {
                        row(
                            ui,
                            &crate::t!("ui-cohort"),
                            &crate::t!("ui-details-cohort-year", year = c, nth = c - 2023),
                        );
                    }
                    row(
                        ui,
                        &crate::t!("ui-details-status"),
                        &crate::t!(
                            "ui-details-status-on",
                            status = crate::i18n::words::status(s.status_on(state.date)),
                            date =
                                short_date(crate::model::PartialDate::from_day_number(state.date))
                        ),
                    );
                });
                if let Some((rs, r)) = s.region_id.as_deref().and_then(|id| state.region_by_id(id))
                    && ui
                        .link(crate::t!("ui-details-show", place = &r.names.en))
                        .clicked()
                {
                    out.push(Action::FlyTo(rs));
                }
                section(ui, &crate::t!("ui-details-milestones"));
                if s.milestones.is_empty() {
                    ui.label(RichText::new(crate::t!("ui-details-no-milestones")).weak());
                }
                let mut ms: Vec<_> = s
                    .milestones
                    .iter()
                    .filter(|m| !m.is_observation())
                    .collect();
                ms.sort_by_key(|m| (m.kind, m.date));
                for m in ms {
                    ui.label(
                        RichText::new(format!(
                            "{}: {}",
                            milestone_label(m.kind),
                            if m.approximate {
                                crate::t!("ui-details-about", date = short_date(m.date))
                            } else {
                                short_date(m.date)
                            }
                        ))
                        .strong(),
                    );
                    evidence_list(ui, state, &m.evidence);
                }
                // Observations from imagery apart from the claims above.
                let observed: Vec<_> = s.observations().collect();
                if !observed.is_empty() {
                    section(ui, &crate::t!("imagery-observed-heading"));
                    for m in observed {
                        let what = match m.kind {
                            MilestoneKind::Inauguration => {
                                crate::t!("imagery-observation-complete")
                            }
                            _ => crate::t!("imagery-observation-construction"),
                        };
                        ui.label(
                            RichText::new(format!("{what}: {}", crate::i18n::format_date(m.date)))
                                .strong(),
                        );
                        if let Some(text) = &m.observation {
                            ui.label(format!("“{text}”"));
                        }
                        evidence_list(ui, state, &m.evidence);
                    }
                }
                super::imagery::site_timeline(ui, state, s);
                out.extend(super::imagery::site_section(ui, state, layer, index, s));
                disputes(ui, state, &s.disputes);
                section(ui, &crate::t!("ui-details-site-sources"));
                evidence_list(ui, state, &s.evidence);
                notes(ui, s.notes.as_deref());
            }
        }
        Selection::Flow { layer, index } => {
            if let Some(f) = state
                .layers
                .get(layer)
                .and_then(|l| l.data.flows.get(index))
            {
                ui.label(RichText::new(&f.who).heading());
                facts(ui, |ui| {
                    row(ui, &crate::t!("ui-details-from"), &f.from);
                    row(ui, &crate::t!("ui-details-to"), &f.to.join(", "));
                    if let Some(p) = &f.people {
                        let n =
                            crate::i18n::format_people_in(crate::i18n::language(), p.min, p.max)
                                .unwrap_or_else(|| crate::t!("ui-details-not-given"));
                        let wording = p
                            .wording
                            .as_deref()
                            .map(|w| format!(" (“{w}”)"))
                            .unwrap_or_default();
                        row(
                            ui,
                            &crate::t!("ui-details-people"),
                            &format!("{n}{wording}"),
                        );
                    }
                    if let Some(m) = f.shift_months {
                        row(
                            ui,
                            &crate::t!("ui-details-shifts"),
                            &crate::t!("ui-details-months", n = m),
                        );
                    }
                    if let Some(d) = f.start {
                        row(ui, &crate::t!("ui-details-from-date"), &short_date(d));
                    }
                    if let Some(d) = f.end {
                        row(ui, &crate::t!("ui-details-until"), &short_date(d));
                    }
                    row(
                        ui,
                        &crate::t!("ui-details-active"),
                        &if f.active_on(state.date) {
                            crate::t!("ui-yes")
                        } else {
                            crate::t!("ui-no")
                        },
                    );
                });
                disputes(ui, state, &f.disputes);
                section(ui, &crate::t!("ui-search-sources"));
                evidence_list(ui, state, &f.evidence);
                notes(ui, f.notes.as_deref());
            }
        }
        Selection::Event { layer, index } => {
            if let Some(e) = state
                .layers
                .get(layer)
                .and_then(|l| l.data.events.get(index))
            {
                ui.label(RichText::new(&e.title).heading());
                facts(ui, |ui| {
                    row(ui, &crate::t!("ui-details-kind"), &format!("{:?}", e.kind));
                    if let Some(d) = e.date {
                        row(ui, &crate::t!("ui-date"), &short_date(d));
                    }
                    row(
                        ui,
                        &crate::t!("ui-details-place"),
                        &e.place
                            .clone()
                            .unwrap_or_else(|| crate::t!("ui-details-nationwide")),
                    );
                    row(
                        ui,
                        &crate::t!("ui-details-location"),
                        &crate::scene::palette::precision_cue(e.precision).text(),
                    );
                });
                disputes(ui, state, &e.disputes);
                section(ui, &crate::t!("ui-search-sources"));
                evidence_list(ui, state, &e.evidence);
                notes(ui, e.notes.as_deref());
            }
        }
    });
    out
}

fn region_details(
    ui: &mut Ui,
    state: &AppState,
    sel: Selection,
    r: &Region,
    out: &mut Vec<Action>,
) {
    ui.label(RichText::new(format!("{}  {}", r.names.en, r.names.ko)).heading());
    facts(ui, |ui| {
        row(
            ui,
            &crate::t!("ui-details-kind"),
            &crate::i18n::words::region_kind(r.kind),
        );
        row(ui, &crate::t!("ui-details-name-en"), &r.names.en);
        row(ui, &crate::t!("ui-details-name-mr"), &r.names.mr);
        row(ui, &crate::t!("ui-details-name-rr"), &r.names.rr);
        row(ui, &crate::t!("ui-details-name-ko"), &r.names.ko);
        if !r.aliases.is_empty() {
            row(ui, &crate::t!("ui-details-aliases"), &r.aliases.join(", "));
        }
        if let Selection::County(_) = sel
            && let Some(p) = state.province_of(r)
        {
            row(
                ui,
                &crate::t!("ui-kind-province"),
                &format!("{} ({})", p.names.en, p.id),
            );
            if let Some(note) = &r.province_note {
                row(ui, &crate::t!("details-province-why"), note);
            }
        }
        row(ui, &crate::t!("ui-details-id"), &r.id);
        if !r.former_ids.is_empty() {
            row(
                ui,
                &crate::t!("details-former-ids"),
                &r.former_ids.join(", "),
            );
        }
    });
    if let Some(d) = &r.province_dispute {
        let other = state
            .geography
            .region(&d.province)
            .map_or(d.province.clone(), |p| format!("{} ({})", p.names.en, p.id));
        section(ui, &crate::t!("details-disputed"));
        ui.label(
            RichText::new(crate::t!(
                "details-province-dispute",
                province = other,
                source = d.source.as_str()
            ))
            .color(ui.visuals().warn_fg_color),
        );
    }
    let is_province = matches!(sel, Selection::Province(_));
    let in_region = |id: Option<&str>| {
        id.is_some_and(|id| {
            id == r.id
                || (is_province
                    && state
                        .region_by_id(id)
                        .is_some_and(|(_, c)| c.province == r.id))
        })
    };
    section(ui, &crate::t!("ui-layer-sites"));
    let mut any = false;
    for (li, si, s) in state.shown_sites() {
        {
            if in_region(s.region_id.as_deref()) {
                any = true;
                let text = format!(
                    "{} — {}",
                    s.name,
                    crate::i18n::words::status(s.status_on(state.date))
                );
                if ui.link(text).clicked() {
                    out.push(Action::FlyTo(Selection::Site {
                        layer: li,
                        index: si,
                    }));
                }
            }
        }
    }
    if !any {
        ui.label(RichText::new(crate::t!("ui-details-no-sites")).weak());
    }
    section(ui, &crate::t!("ui-details-mobilization"));
    let mut any = false;
    for (li, layer) in state.layers.iter().enumerate() {
        for (fi, f) in layer.data.flows.iter().enumerate() {
            if !state.flow_shown(li, fi) {
                continue;
            }
            let from = in_region(f.from_region.as_deref());
            let to = f.to_regions.iter().any(|t| in_region(t.as_deref()));
            if from || to {
                any = true;
                let dir = if from {
                    crate::t!("ui-details-out")
                } else {
                    crate::t!("ui-details-in")
                };
                if ui.link(format!("{dir}: {}", f.short_label())).clicked() {
                    out.push(Action::FlyTo(Selection::Flow {
                        layer: li,
                        index: fi,
                    }));
                }
            }
        }
    }
    if !any {
        ui.label(RichText::new(crate::t!("ui-details-no-mobilization")).weak());
    }
    let events: Vec<_> = state
        .layers
        .iter()
        .enumerate()
        .flat_map(|(li, l)| {
            l.data
                .events
                .iter()
                .enumerate()
                .map(move |(ei, e)| (li, ei, e))
        })
        .filter(|(li, ei, e)| in_region(e.region_id.as_deref()) && state.event_shown(*li, *ei))
        .collect();
    if !events.is_empty() {
        section(ui, &crate::t!("ui-details-events"));
        for (li, ei, e) in events {
            if ui.link(&e.title).clicked() {
                out.push(Action::FlyTo(Selection::Event {
                    layer: li,
                    index: ei,
                }));
            }
        }
    }
}

/// "Orang, North Hamgyong": a county name the gazetteer resolves to this county even when
/// another province has one of the same name.
pub fn qualified_place(state: &AppState, r: &Region) -> String {
    match state.province_of(r) {
        Some(p) if p.id != r.id => format!("{}, {}", r.names.en, p.names.en),
        _ => r.names.en.clone(),
    }
}

fn milestone_label(k: MilestoneKind) -> String {
    match k {
        MilestoneKind::Announced => crate::t!("ui-milestone-announced"),
        MilestoneKind::Groundbreaking => crate::t!("ui-progress-groundbreaking"),
        MilestoneKind::Inauguration => crate::t!("ui-milestone-inauguration"),
    }
}

/// A date in a facts row: ISO in English (short, sortable, what reports cite), "2025년 1월
/// 31일" in Korean.
fn short_date(d: crate::model::PartialDate) -> String {
    match crate::i18n::language() {
        crate::i18n::Lang::En => d.to_string(),
        crate::i18n::Lang::Ko => crate::i18n::format_date(d),
    }
}

fn section(ui: &mut Ui, title: &str) {
    ui.add_space(style::SPACE);
    ui.label(RichText::new(title).strong());
}

fn facts(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    egui::Grid::new(ui.next_auto_id())
        .num_columns(2)
        .spacing(egui::vec2(10.0, 3.0))
        .show(ui, add);
}

fn row(ui: &mut Ui, key: &str, value: &str) {
    ui.label(RichText::new(key).weak());
    ui.add(egui::Label::new(value).wrap());
    ui.end_row();
}

fn notes(ui: &mut Ui, notes: Option<&str>) {
    if let Some(n) = notes {
        section(ui, &crate::t!("ui-details-notes"));
        ui.label(n);
    }
}

fn disputes(ui: &mut Ui, state: &AppState, disputes: &[Dispute]) {
    if disputes.is_empty() {
        return;
    }
    section(ui, &crate::t!("details-disputed"));
    for d in disputes {
        ui.label(
            RichText::new(crate::t!(
                "ui-details-dispute",
                field = &d.field,
                value = &d.value
            ))
            .color(ui.visuals().warn_fg_color),
        );
        evidence_list(ui, state, &d.evidence);
        if let Some(n) = &d.note {
            ui.label(RichText::new(n).small());
        }
    }
}

fn find_source<'a>(state: &'a AppState, id: &str) -> Option<&'a Source> {
    state.layers.iter().find_map(|l| l.data.source(id))
}

fn evidence_list(ui: &mut Ui, state: &AppState, evidence: &[Evidence]) {
    for e in evidence {
        ui.indent(("ev", &e.source, &e.locator), |ui| {
            match find_source(state, &e.source) {
                Some(s) => {
                    let date = s.date.map(|d| format!(" ({d})")).unwrap_or_default();
                    ui.label(RichText::new(format!("{}{date}", s.publisher)).strong());
                    match &s.url {
                        // The hover shows the whole address before anyone clicks.
                        Some(url) if crate::io::record::is_web_link(url) => {
                            ui.hyperlink_to(&s.title, url).on_hover_text(url);
                        }
                        Some(url) => {
                            ui.label(&s.title).on_hover_text(url);
                            ui.label(
                                RichText::new(crate::t!("harden-link-shown-as-text", url = url))
                                    .small()
                                    .color(ui.visuals().warn_fg_color),
                            );
                        }
                        None => {
                            ui.label(&s.title);
                        }
                    }
                    if !s.authors.is_empty() {
                        ui.label(RichText::new(s.authors.join(", ")).small());
                    }
                }
                None => {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        crate::t!("ui-details-unknown-source", id = &e.source),
                    );
                }
            }
            let at = e
                .locator
                .as_deref()
                .map(|l| format!("{l} · "))
                .unwrap_or_default();
            ui.label(
                RichText::new(format!(
                    "{at}{} — {}",
                    e.grade.code(),
                    crate::i18n::words::grade(e.grade)
                ))
                .small()
                .weak(),
            );
        });
    }
}

/// A KML placemark: its name, where it sits in the file's folders, its time, its description
/// as plain text with web links (never rendered as HTML), its `ExtendedData`, and the buttons
/// that turn it into a sourced record.
fn placemark_details(
    ui: &mut Ui,
    state: &AppState,
    layer: usize,
    index: usize,
    out: &mut Vec<Action>,
) {
    use crate::model::Shape;
    use crate::model::placemark::{TextPiece, plain_text};
    let Some(l) = state.layers.get(layer) else {
        return;
    };
    let pm = &l.data.placemarks;
    let Some(p) = pm.placemarks.get(index) else {
        return;
    };
    ui.label(RichText::new(crate::i18n::words::placemark_title(p)).heading());
    ui.horizontal_wrapped(|ui| {
        out.extend(super::layers::placemark_menu(ui, layer, index));
    });
    facts(ui, |ui| {
        row(ui, &crate::t!("kml-details-layer"), &l.display_name());
        row(
            ui,
            &crate::t!("kml-details-folder"),
            &pm.folder_path(p.folder).join(" / "),
        );
        row(
            ui,
            &crate::t!("kml-details-placemark"),
            &match &p.id {
                Some(id) => crate::t!("kml-details-index-id", index = p.index, id = id),
                None => crate::t!("kml-details-index", index = p.index),
            },
        );
        let (mut points, mut lines, mut polygons, mut holes) = (0, 0, 0, 0);
        for s in &p.geometry {
            match s {
                Shape::Point(_) => points += 1,
                Shape::Line(_) => lines += 1,
                Shape::Polygon(poly) => {
                    polygons += 1;
                    holes += poly.interiors().len();
                }
            }
        }
        row(
            ui,
            &crate::t!("kml-details-geometry"),
            &crate::t!(
                "kml-details-shapes",
                points = points,
                lines = lines,
                polygons = polygons,
                holes = holes
            ),
        );
        if let Some(q) = p.first_point() {
            row(
                ui,
                &crate::t!("kml-details-at"),
                &crate::coords::format_decimal(q.y(), q.x()),
            );
        }
        if let Some(t) = p.time {
            row(
                ui,
                &crate::t!("kml-details-time"),
                &super::layers::time_text(&t),
            );
            row(
                ui,
                &crate::t!("kml-details-shown"),
                &if state.placemark_shown(layer, index) {
                    crate::t!("kml-details-shown-yes")
                } else {
                    crate::t!("kml-details-shown-no")
                },
            );
        }
    });
    if let Some(d) = &p.description {
        section(ui, &crate::t!("kml-details-description"));
        for piece in plain_text(d) {
            match piece {
                TextPiece::Text(t) => {
                    ui.add(egui::Label::new(t).wrap());
                }
                TextPiece::Link { text, url } => {
                    ui.hyperlink_to(text, &url).on_hover_text(url);
                }
            }
        }
    }
    if !p.data.is_empty() {
        section(ui, &crate::t!("kml-details-data"));
        facts(ui, |ui| {
            for (k, v) in &p.data {
                row(ui, k, v);
            }
        });
    }
}
