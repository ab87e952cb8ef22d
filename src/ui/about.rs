//! Help → About: the version, the commit, the bundled data's as-of date (the same line
//! `nkmap --version` prints, from `crate::about`), the credits the data's licences require,
//! and links to the README and the data-format document.

use crate::about;
use crate::state::{Action, AppState};
use egui::RichText;

/// The About window, while `state.show_about`.
pub fn about_window(ctx: &egui::Context, state: &AppState) -> Vec<Action> {
    let mut out = Vec::new();
    if !state.show_about {
        return out;
    }
    let mut open = true;
    let lang = crate::i18n::language();
    egui::Window::new(crate::t!("about-title"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_width(460.0)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.heading("nkmap");
                ui.label(RichText::new(about::VERSION).strong());
            });
            ui.label(crate::t!("about-tagline"));
            ui.add_space(crate::style::SPACE);
            egui::Grid::new("nkmap-about-facts")
                .num_columns(2)
                .spacing([crate::style::SPACE * 2.0, crate::style::SPACE / 2.0])
                .show(ui, |ui| {
                    ui.label(crate::t!("about-version"));
                    ui.monospace(about::VERSION);
                    ui.end_row();
                    ui.label(crate::t!("about-commit"));
                    ui.monospace(
                        about::commit().map_or_else(|| crate::t!("about-unknown"), str::to_owned),
                    );
                    ui.end_row();
                    ui.label(crate::t!("about-data-as-of"));
                    ui.label(about::data_as_of_text(lang))
                        .on_hover_text(crate::t!("about-data-as-of-hint"));
                    ui.end_row();
                });
            if ui.button(crate::t!("about-copy-version")).clicked() {
                ui.ctx().copy_text(about::version_line(lang));
            }
            ui.add_space(crate::style::SPACE);
            ui.label(RichText::new(crate::t!("about-credits")).strong());
            ui.label(RichText::new(crate::bundled::credit_line()).small());
            ui.label(RichText::new(crate::t!("about-licence")).small());
            ui.add_space(crate::style::SPACE);
            ui.hyperlink_to(crate::t!("about-readme"), about::readme_url());
            ui.hyperlink_to(crate::t!("about-data-format"), about::data_format_url());
            ui.add_space(crate::style::SPACE);
            if ui.button(crate::t!("about-close")).clicked() {
                out.push(Action::ShowAbout(false));
            }
        });
    if !open {
        out.push(Action::ShowAbout(false));
    }
    out
}
