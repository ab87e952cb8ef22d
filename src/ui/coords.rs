//! Coordinates in the interface: the status bar's readout of the pointer's position (click it
//! to copy) with the choice of format, *Copy coordinates* on the map's right-click menu, and
//! the *Go to coordinates…* dialog.
//!
//! Reading and writing positions is [`crate::coords`]; this module only shows and copies.
//! What is not state stays in egui's memory: the last position the pointer had over the map
//! (so the readout still holds it when the pointer has moved down to click it) and the
//! dialog's text.

use crate::coords::{self, CoordFormat};
use crate::measure::Edit;
use crate::state::{Action, AppState};
use egui::{Context, RichText, Ui};

fn last_cursor_id() -> egui::Id {
    egui::Id::unique("nkmap-last-cursor")
}

fn goto_id() -> egui::Id {
    egui::Id::unique("nkmap-goto")
}

/// The pointer's position in the chosen format (the last one over the map, dimmed, once it
/// has left), copied on a click; then the three formats to choose from.
pub fn cursor_readout(ui: &mut Ui, state: &AppState, cursor: Option<(f64, f64)>) -> Vec<Action> {
    let mut out = Vec::new();
    let format = state.settings.coord_format;
    let id = last_cursor_id();
    if let Some(c) = cursor {
        ui.ctx().data_mut(|d| d.insert_temp(id, c));
    }
    let shown = cursor.or_else(|| ui.ctx().data(|d| d.get_temp::<(f64, f64)>(id)));
    match shown {
        Some((lon, lat)) => {
            let text = coords::format(lat, lon, format);
            let mut rich = RichText::new(&text).monospace();
            if cursor.is_none() {
                rich = rich.weak();
            }
            if ui
                .add(egui::Label::new(rich).sense(egui::Sense::click()))
                .on_hover_text(crate::t!("coords-click-to-copy"))
                .clicked()
            {
                ui.ctx().copy_text(text);
            }
        }
        None => {
            ui.monospace("—");
        }
    }
    for f in CoordFormat::ALL {
        if ui
            .selectable_label(format == f, RichText::new(f.label()).small())
            .on_hover_text(crate::t!("coords-format-tip"))
            .clicked()
        {
            out.push(Action::SetCoordFormat(f));
        }
    }
    out
}

/// The right-click menu's first items: copy the point in the chosen format or another, and
/// start measuring from it.
pub fn context_menu(ui: &mut Ui, state: &AppState, (lon, lat): (f64, f64)) -> Vec<Action> {
    let mut out = Vec::new();
    let format = state.settings.coord_format;
    let text = coords::format(lat, lon, format);
    if ui
        .button(crate::t!("coords-copy"))
        .on_hover_text(&text)
        .clicked()
    {
        ui.ctx().copy_text(text);
        ui.close();
    }
    ui.menu_button(crate::t!("coords-copy-as"), |ui| {
        for f in CoordFormat::ALL {
            let text = coords::format(lat, lon, f);
            if ui.button(format!("{}: {text}", f.label())).clicked() {
                ui.ctx().copy_text(text);
                ui.close();
            }
        }
    });
    if ui.button(crate::t!("measure-from-here")).clicked() {
        out.push(Action::Measure(Edit::Clear));
        out.push(Action::Measure(Edit::Start));
        out.push(Action::Measure(Edit::Add { lon, lat }));
        ui.close();
    }
    ui.separator();
    out
}

/// What the *Go to coordinates…* dialog holds between frames.
#[derive(Debug, Clone, Default)]
struct GotoDialog {
    open: bool,
    text: String,
    /// Focus the text field on the next frame (just opened).
    focus: bool,
}

/// Opens *Go to coordinates…* (the menu item and Ctrl+G).
pub fn open_goto(ctx: &Context) {
    ctx.data_mut(|d| {
        let g = d.get_temp_mut_or_default::<GotoDialog>(goto_id());
        g.open = true;
        g.focus = true;
    });
}

/// The *Go to coordinates…* dialog, while open: a text field that takes any of the three
/// formats, what it reads as (or why it does not), and Go.
pub fn goto_window(ctx: &Context, state: &AppState) -> Vec<Action> {
    let mut out = Vec::new();
    let mut g: GotoDialog = ctx.data(|d| d.get_temp(goto_id())).unwrap_or_default();
    if !g.open {
        return out;
    }
    egui::Window::new(crate::t!("coords-goto-title"))
        .id(goto_id())
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
        .show(ctx, |ui| {
            ui.label(RichText::new(crate::t!("coords-goto-help")).weak());
            let l = ui.label(crate::t!("coords-goto-field"));
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut g.text)
                        .hint_text("52S CH 12345 67890")
                        .desired_width(340.0),
                )
                .labelled_by(l.id);
            if std::mem::take(&mut g.focus) {
                field.request_focus();
            }
            let parsed = coords::parse(&g.text);
            match &parsed {
                Ok(p) => {
                    let format = state.settings.coord_format;
                    ui.label(crate::t!(
                        "coords-goto-reads-as",
                        position = coords::format(p.lat, p.lon, format),
                        kind = p.format.label()
                    ));
                }
                Err(e) if !g.text.trim().is_empty() => {
                    ui.colored_label(ui.visuals().error_fg_color, e.message());
                }
                Err(_) => {}
            }
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let escape = ui.input(|i| i.key_pressed(egui::Key::Escape));
            let mut go = false;
            ui.horizontal(|ui| {
                go = ui
                    .add_enabled(
                        parsed.is_ok(),
                        egui::Button::new(crate::t!("coords-goto-go")),
                    )
                    .clicked();
                if ui.button(crate::t!("coords-goto-cancel")).clicked() {
                    g.open = false;
                }
            });
            if let (true, Ok(p)) = (go || enter, &parsed) {
                out.push(Action::GoTo(Some((p.lon, p.lat))));
                g.open = false;
            }
            if escape {
                g.open = false;
            }
        });
    ctx.data_mut(|d| d.insert_temp(goto_id(), g));
    out
}
