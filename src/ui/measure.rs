//! The measuring tool's controls: the toolbar button, the View menu items, the keys (M, Esc,
//! Ctrl+C, and Ctrl+G for *Go to coordinates…*), and the window with every leg, the result,
//! *Copy* and *Save as area*.
//!
//! Reads the state and returns actions like every panel. Two things are not state and are done
//! here directly: putting text on the clipboard, and the name being typed for a saved area
//! (kept in egui's memory, like any text field's contents).

use super::coords;
use crate::measure::{Edit, format_distance};
use crate::state::{Action, AppState};
use egui::{Context, Rect, RichText, Ui, vec2};

/// The tool's windows and keys for one frame: the measurement window while measuring, the
/// *Go to coordinates…* dialog while open. `map` is where the map was last drawn.
pub fn tools(ctx: &Context, state: &AppState, map: Option<Rect>) -> Vec<Action> {
    let mut out = keyboard(ctx, state);
    out.extend(window(ctx, state, map));
    out.extend(coords::goto_window(ctx, state));
    out
}

/// The toolbar's *Measure* toggle.
pub fn toolbar_button(ui: &mut Ui, state: &AppState) -> Vec<Action> {
    let mut out = Vec::new();
    if ui
        .selectable_label(state.measure.is_some(), crate::t!("measure-button"))
        .on_hover_text(crate::t!("measure-button-tip"))
        .clicked()
    {
        out.push(Action::Measure(Edit::Toggle));
    }
    out
}

/// View → *Measure distance or area* (M) and *Go to coordinates…* (Ctrl+G).
pub fn menu_items(ui: &mut Ui, state: &AppState) -> Vec<Action> {
    let mut out = Vec::new();
    ui.separator();
    if ui
        .add(
            egui::Button::selectable(state.measure.is_some(), crate::t!("measure-menu"))
                .shortcut_text("M"),
        )
        .clicked()
    {
        out.push(Action::Measure(Edit::Toggle));
        ui.close();
    }
    if ui
        .add(egui::Button::new(crate::t!("coords-goto-menu")).shortcut_text("Ctrl+G"))
        .clicked()
    {
        coords::open_goto(ui.ctx());
        ui.close();
    }
    out
}

/// M toggles the tool, Esc ends it (or, when not measuring, removes the go-to mark), Ctrl+C
/// copies the measurement, Ctrl+G opens *Go to coordinates…*; none of them while a text field
/// has the keyboard.
fn keyboard(ctx: &Context, state: &AppState) -> Vec<Action> {
    if ctx.egui_wants_keyboard_input() {
        return Vec::new();
    }
    let (m, esc, copy, goto) = ctx.input(|i| {
        let command_key = |key: egui::Key| {
            i.events.iter().any(|e| {
                matches!(e, egui::Event::Key { key: k, pressed: true, modifiers, .. }
                    if *k == key && modifiers.command)
            })
        };
        (
            i.key_pressed(egui::Key::M) && !i.modifiers.command && !i.modifiers.alt,
            i.key_pressed(egui::Key::Escape),
            // The desktop turns Ctrl+C into a Copy event; a test harness sends the key.
            i.events.iter().any(|e| matches!(e, egui::Event::Copy)) || command_key(egui::Key::C),
            command_key(egui::Key::G),
        )
    });
    let mut out = Vec::new();
    if m {
        out.push(Action::Measure(Edit::Toggle));
    }
    if esc && state.measure.is_some() {
        out.push(Action::Measure(Edit::Stop));
    } else if esc && state.goto_marker.is_some() {
        out.push(Action::GoTo(None));
    }
    if copy && let Some(m) = state.measure.as_ref().filter(|m| !m.is_empty()) {
        ctx.copy_text(m.report(state.settings.coord_format));
    }
    if goto {
        coords::open_goto(ctx);
    }
    out
}

fn name_id() -> egui::Id {
    egui::Id::unique("nkmap-measure-area-name")
}

/// The measurement window: how to use the tool, every leg, the result and its buttons.
fn window(ctx: &Context, state: &AppState, map: Option<Rect>) -> Vec<Action> {
    let mut out = Vec::new();
    let Some(m) = state.measure.as_ref() else {
        return out;
    };
    let at = map.map_or(egui::pos2(320.0, 80.0), |r| r.left_top() + vec2(12.0, 12.0));
    egui::Window::new(crate::t!("measure-title"))
        .id(egui::Id::unique("nkmap-measure"))
        .default_pos(at)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.set_max_width(340.0);
            let help = if m.is_empty() {
                crate::t!("measure-help-start")
            } else {
                crate::t!("measure-help")
            };
            ui.label(RichText::new(help).weak());
            if !m.legs().is_empty() {
                egui::Grid::new("nkmap-measure-legs")
                    .num_columns(2)
                    .striped(true)
                    .show(ui, |ui| {
                        let closing = m.is_closed().then(|| m.legs().len());
                        for (i, leg) in m.legs().iter().enumerate() {
                            let n = i + 1;
                            ui.label(if Some(n) == closing {
                                crate::t!("measure-leg-closing", n = n)
                            } else {
                                crate::t!("measure-leg", n = n)
                            });
                            ui.monospace(format_distance(leg.metres));
                            ui.end_row();
                        }
                    });
                ui.separator();
                ui.strong(m.summary());
            }
            ui.horizontal_wrapped(|ui| {
                if ui
                    .add_enabled(!m.is_empty(), egui::Button::new(crate::t!("measure-copy")))
                    .on_hover_text(crate::t!("measure-copy-tip"))
                    .clicked()
                {
                    ui.ctx().copy_text(m.report(state.settings.coord_format));
                }
                if ui
                    .add_enabled(
                        !m.is_empty(),
                        egui::Button::new(crate::t!("measure-remove-last")),
                    )
                    .clicked()
                {
                    out.push(Action::Measure(Edit::RemoveLast));
                }
                if ui
                    .add_enabled(!m.is_empty(), egui::Button::new(crate::t!("measure-clear")))
                    .clicked()
                {
                    out.push(Action::Measure(Edit::Clear));
                }
                if ui
                    .button(crate::t!("measure-done"))
                    .on_hover_text(crate::t!("measure-done-tip"))
                    .clicked()
                {
                    out.push(Action::Measure(Edit::Stop));
                }
            });
            if m.is_closed() {
                ui.separator();
                out.extend(save_as_area(ui, state));
            }
        });
    out
}

/// The name for the closed shape and the button that adds it to the user's records.
fn save_as_area(ui: &mut Ui, state: &AppState) -> Vec<Action> {
    let mut out = Vec::new();
    let taken = state.user_data().map_or(0, |d| d.areas.len());
    let mut name = ui
        .ctx()
        .data(|d| d.get_temp::<String>(name_id()))
        .unwrap_or_else(|| crate::t!("measure-default-name", n = taken + 1));
    ui.label(RichText::new(crate::t!("measure-save-heading")).strong());
    ui.horizontal(|ui| {
        let l = ui.label(crate::t!("measure-name"));
        ui.add(egui::TextEdit::singleline(&mut name).desired_width(180.0))
            .labelled_by(l.id);
    });
    if ui
        .add_enabled(
            !name.trim().is_empty(),
            egui::Button::new(crate::t!("measure-save")),
        )
        .on_hover_text(crate::t!("measure-save-tip"))
        .clicked()
    {
        out.push(Action::SaveMeasurement(name.trim().to_owned()));
        ui.ctx().data_mut(|d| d.remove::<String>(name_id()));
    } else {
        ui.ctx().data_mut(|d| d.insert_temp(name_id(), name));
    }
    out
}
