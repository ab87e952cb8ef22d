//! The Progress window: counties with groundbreaking and with completed factories per cohort
//! year and per province, against the policy's 20 a year, and a chart of completions over
//! time. The numbers come from [`crate::progress`] over the filtered sites; each count is a
//! link that lists the records behind it.

use crate::model::PartialDate;
use crate::progress::{self, Row, TARGET_PER_YEAR, Tally};
use crate::state::{Action, AppState, Selection};
use crate::timeline::year_fraction;
use egui::{RichText, Ui};

/// The Progress window, first shown at the top right of `map_area` (the map's part of the
/// window, when known) so it covers neither the menus nor the side panels.
pub fn progress_window(
    ctx: &egui::Context,
    state: &AppState,
    map_area: Option<egui::Rect>,
) -> Vec<Action> {
    let mut out = Vec::new();
    // The first frame has no map yet: wait a frame rather than let egui place the window
    // where it covers the panels (egui keeps a window where it was first put).
    let Some(area) = map_area else {
        ctx.request_repaint();
        return out;
    };
    const MARGIN: f32 = 8.0;
    let width = 540.0_f32.min(area.width() - 2.0 * MARGIN).max(200.0);
    // Room for the title bar and the frame besides the content.
    let height = 800.0_f32
        .min(area.height() - 2.0 * MARGIN - 40.0)
        .max(160.0);
    let mut open = state.show_progress;
    let window = egui::Window::new(crate::t!("ui-progress"))
        .id(egui::Id::unique("nkmap-progress-window"))
        .open(&mut open)
        .pivot(egui::Align2::RIGHT_TOP)
        .default_pos(area.right_top() + egui::vec2(-MARGIN, MARGIN))
        .default_size([width, height])
        .vscroll(true);
    window.show(ctx, |ui| contents(ui, state, &mut out));
    if !open {
        out.push(Action::ShowProgress(false));
    }
    out
}

fn contents(ui: &mut Ui, state: &AppState, out: &mut Vec<Action>) {
    let date = PartialDate::from_day_number(state.date);
    let p = state.progress();
    ui.label(crate::t!(
        "ui-progress-intro",
        date = crate::i18n::format_date(date),
        target = TARGET_PER_YEAR
    ));
    if let Some(d) = crate::bundled::data_as_of() {
        ui.label(
            RichText::new(crate::t!("data-as-of", date = crate::i18n::format_date(d))).strong(),
        )
        .on_hover_text(crate::t!("data-as-of-hint"));
    }
    if !state.filter.is_empty() {
        ui.label(
            RichText::new(crate::t!("ui-progress-filter-on")).color(ui.visuals().warn_fg_color),
        );
    }
    ui.label(
        RichText::new(crate::t!("ui-progress-counties-not-sites"))
            .small()
            .weak(),
    );
    ui.add_space(6.0);
    ui.strong(crate::t!("ui-progress-by-cohort"));
    egui::Grid::new("progress-cohorts")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            ui.label(crate::t!("ui-cohort"));
            ui.label(crate::t!("ui-progress-groundbreaking"));
            ui.label(crate::t!("ui-progress-completed"));
            ui.label(crate::t!("ui-progress-target"));
            ui.end_row();
            for (year, row) in &p.by_cohort {
                ui.label(year.to_string());
                counts(
                    ui,
                    &crate::t!("ui-cohort-of", year = year.to_string()),
                    row,
                    out,
                );
                ui.label(TARGET_PER_YEAR.to_string());
                ui.end_row();
            }
            ui.label(RichText::new(crate::t!("ui-progress-all")).strong());
            counts(ui, &crate::t!("ui-progress-all-cohorts"), &p.total, out);
            ui.label((TARGET_PER_YEAR * p.by_cohort.len()).to_string());
            ui.end_row();
        });
    ui.add_space(6.0);
    ui.strong(crate::t!("ui-progress-by-province"));
    egui::Grid::new("progress-provinces")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            ui.label(crate::t!("ui-kind-province"));
            ui.label(crate::t!("ui-progress-groundbreaking"));
            ui.label(crate::t!("ui-progress-completed"));
            ui.end_row();
            for (id, row) in &p.by_province {
                let name =
                    state.geography.region(id).map_or(
                        id.clone(),
                        |r| match crate::i18n::language() {
                            crate::i18n::Lang::Ko => r.names.ko.clone(),
                            crate::i18n::Lang::En => r.names.en.clone(),
                        },
                    );
                ui.label(&name);
                counts(ui, &name, row, out);
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    ui.strong(crate::t!("ui-progress-over-time"));
    let sites: Vec<_> = state.shown_sites().map(|(_, _, s)| s).collect();
    let done = progress::completions_over_time(sites.iter().copied(), state.date);
    let now = year_fraction(state.date);
    egui_plot::Plot::new("progress-chart")
        .height(220.0)
        .legend(egui_plot::Legend::default())
        .x_axis_label(crate::t!("ui-progress-axis-year"))
        .y_axis_label(crate::t!("ui-progress-axis-counties"))
        .allow_scroll(false)
        .show(ui, |plot| {
            plot.line(
                egui_plot::Line::new(
                    crate::t!("ui-progress-target-line", target = TARGET_PER_YEAR),
                    egui_plot::PlotPoints::from(progress::target_line()),
                )
                .style(egui_plot::LineStyle::dashed_loose()),
            );
            plot.line(egui_plot::Line::new(
                crate::t!("ui-progress-cumulative"),
                egui_plot::PlotPoints::from(done),
            ));
            plot.vline(egui_plot::VLine::new(crate::i18n::format_date(date), now));
        });
}

/// The two counts of a row as links: clicking one lists its records.
fn counts(ui: &mut Ui, what: &str, row: &Row<Selection>, out: &mut Vec<Action>) {
    for (stage, tally) in [
        (
            crate::t!("ui-progress-stage-groundbreaking"),
            &row.groundbreaking,
        ),
        (crate::t!("ui-progress-stage-completed"), &row.completed),
    ] {
        count_link(ui, &format!("{what}: {stage}"), tally, out);
    }
}

fn count_link(ui: &mut Ui, title: &str, tally: &Tally<Selection>, out: &mut Vec<Action>) {
    let n = tally.count();
    if ui
        .link(n.to_string())
        .on_hover_text(crate::t!(
            "ui-progress-count-hint",
            title = title,
            n = n,
            sites = tally.records.len()
        ))
        .clicked()
    {
        out.push(Action::ListRecords(Some((
            crate::t!("ui-progress-list-title", title = title, n = n),
            tally.records.clone(),
        ))));
    }
}

/// The records behind a count: a small window listing them; a click flies to one.
pub fn record_list_window(ctx: &egui::Context, state: &AppState) -> Vec<Action> {
    let mut out = Vec::new();
    let Some((title, records)) = &state.record_list else {
        return out;
    };
    let mut open = true;
    egui::Window::new(crate::t!("ui-records"))
        .id(egui::Id::unique("nkmap-records-window"))
        .open(&mut open)
        .default_size([360.0, 300.0])
        .vscroll(true)
        .show(ctx, |ui| {
            ui.strong(title);
            if records.is_empty() {
                ui.label(RichText::new(crate::t!("ui-records-none")).weak());
            }
            for &sel in records {
                let text = match sel {
                    Selection::Site { layer, index } => state
                        .layers
                        .get(layer)
                        .and_then(|l| l.data.sites.get(index))
                        .map(|s| {
                            format!(
                                "{}: {} ({})",
                                super::site_title(state, s),
                                s.name,
                                crate::i18n::words::status(s.status_on(state.date))
                            )
                        }),
                    _ => None,
                };
                if let Some(text) = text
                    && ui
                        .selectable_label(state.selection == Some(sel), text)
                        .clicked()
                {
                    out.push(Action::FlyTo(sel));
                }
            }
        });
    if !open {
        out.push(Action::ListRecords(None));
    }
    out
}
