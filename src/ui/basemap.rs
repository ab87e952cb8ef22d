//! The basemap picker (side panel) and the basemap's credit and status on the map.

use crate::basemap::{BasemapChoice, BasemapStatus, UrlTemplate};
use crate::state::{Action, AppState};
use crate::style;
use egui::{Align2, FontId, RichText, Ui, vec2};

/// Draft of the custom tile URL and credit while the user types (egui memory, so the state
/// changes only when they press "Use").
#[derive(Clone, Default)]
struct Draft {
    url: String,
    attribution: String,
    error: Option<String>,
}

/// The picker under "Layers": None, OpenStreetMap, custom XYZ tiles, a PMTiles file.
pub fn section(ui: &mut Ui, state: &AppState) -> Vec<Action> {
    let mut out = Vec::new();
    let current = &state.settings.basemap;
    let id = ui.make_persistent_id("basemap-custom-draft");
    let mut draft: Draft = ui
        .data_mut(|d| d.get_temp(id))
        .unwrap_or_else(|| match current {
            BasemapChoice::Custom { url, attribution } => Draft {
                url: url.clone(),
                attribution: attribution.clone(),
                error: None,
            },
            _ => Draft::default(),
        });
    let custom_open = ui
        .data_mut(|d| d.get_temp::<bool>(id.with("open")))
        .unwrap_or(matches!(current, BasemapChoice::Custom { .. }));
    let mut open_custom = custom_open;
    egui::ComboBox::from_label(crate::t!("ui-basemap"))
        .selected_text(
            if custom_open && !matches!(current, BasemapChoice::Custom { .. }) {
                crate::t!("ui-basemap-custom")
            } else {
                current.label()
            },
        )
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(
                    current.is_none() && !custom_open,
                    crate::t!("ui-basemap-none"),
                )
                .clicked()
            {
                open_custom = false;
                out.push(Action::SetBasemap(BasemapChoice::None));
            }
            if ui
                .selectable_label(*current == BasemapChoice::OpenStreetMap, "OpenStreetMap")
                .on_hover_text(crate::t!("ui-basemap-osm-hint"))
                .clicked()
            {
                open_custom = false;
                out.push(Action::SetBasemap(BasemapChoice::OpenStreetMap));
            }
            if ui
                .selectable_label(custom_open, crate::t!("ui-basemap-custom"))
                .clicked()
            {
                open_custom = true;
            }
            if let BasemapChoice::PmTiles { path } = current {
                let _ = ui
                    .selectable_label(true, current.label())
                    .on_hover_text(path.display().to_string());
            }
        });
    if ui
        .small_button(crate::t!("ui-basemap-open-pmtiles"))
        .clicked()
    {
        open_custom = false;
        out.push(Action::ChooseFile(crate::state::FileRequest::OpenBasemap));
    }
    if open_custom {
        ui.add(
            egui::TextEdit::singleline(&mut draft.url)
                .hint_text("https://…/{z}/{x}/{y}.png")
                .desired_width(f32::INFINITY),
        )
        .on_hover_text(crate::t!("ui-basemap-url-hint"));
        ui.add(
            egui::TextEdit::singleline(&mut draft.attribution)
                .hint_text(crate::t!("ui-basemap-credit-hint"))
                .desired_width(f32::INFINITY),
        );
        if ui.button(crate::t!("ui-basemap-use")).clicked() {
            match UrlTemplate::new(&draft.url, 19).check() {
                Ok(()) => {
                    draft.error = None;
                    out.push(Action::SetBasemap(BasemapChoice::Custom {
                        url: draft.url.trim().to_owned(),
                        attribution: draft.attribution.trim().to_owned(),
                    }));
                }
                Err(e) => draft.error = Some(e),
            }
        }
        if let Some(e) = &draft.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
    }
    ui.data_mut(|d| {
        d.insert_temp(id, draft);
        d.insert_temp(id.with("open"), open_custom);
    });
    ui.add_space(style::SPACE / 2.0);
    out
}

/// The credit line above the data credits, and "basemap offline" with the reason when tiles
/// cannot be loaded.
pub fn overlay(ui: &mut Ui, status: &BasemapStatus) {
    let rect = ui.max_rect();
    let colors = style::MapColors::for_visuals(ui.visuals());
    if let Some(credit) = &status.attribution {
        let painter = ui.painter();
        let galley = painter.layout_no_wrap(
            credit.clone(),
            FontId::proportional(10.0),
            colors.label.gamma_multiply(0.9),
        );
        let at = rect.right_bottom() + vec2(-6.0 - galley.size().x, -20.0 - galley.size().y);
        painter.rect_filled(
            egui::Rect::from_min_size(at, galley.size()).expand(2.0),
            2.0,
            colors.label_halo,
        );
        painter.galley(at, galley, colors.label);
    }
    if let Some(error) = &status.offline {
        let head = if status.drawn > 0 {
            crate::t!("ui-basemap-some-missing")
        } else {
            crate::t!("ui-basemap-offline")
        };
        let retry = status
            .retry_in
            .map(|d| crate::t!("ui-basemap-retry", s = d.as_secs().max(1)))
            .unwrap_or_default();
        egui::Area::new(ui.make_persistent_id("nkmap-basemap-status"))
            .order(egui::Order::Foreground)
            .fixed_pos(rect.right_top() + vec2(-8.0, 8.0))
            .pivot(Align2::RIGHT_TOP)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_max_width(360.0);
                    ui.label(RichText::new(format!("{head}{retry}")).small().strong())
                        .on_hover_text(crate::t!("ui-basemap-offline-hint"));
                    ui.label(RichText::new(error).small());
                });
            });
    }
}
