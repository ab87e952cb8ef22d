//! Panels and dialogs. They read the state and return [`Action`]s; they never change it.

pub mod about;
pub mod basemap;
pub mod coords;
mod details;
pub mod editor;
pub mod files;
pub mod imagery;
pub mod layers;
pub mod measure;
pub mod progress;
pub mod search;

pub use details::{details_panel, qualified_place};

use crate::map::{self, MapOutput};
use crate::model::{PartialDate, Site};
use crate::scene::View;
use crate::scene::palette;
use crate::state::settings::{Language, Layer, LayerStyle, Theme};
use crate::state::{Action, AppState, EditRequest, FileRequest, Selection, ViewRequest};
use crate::style;
use egui::{RichText, Stroke, Ui, vec2};
use std::path::PathBuf;

/// First and last day of the date control: the policy's ten years.
pub fn date_range() -> (i64, i64) {
    crate::timeline::date_range()
}

/// Files dropped on the window: data files open as layers, a `.pmtiles` file becomes the
/// basemap.
pub fn dropped_files(ctx: &egui::Context) -> Vec<Action> {
    let paths: Vec<PathBuf> = ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .filter(|p| !p.as_os_str().is_empty())
            .collect()
    });
    let (tiles, data): (Vec<PathBuf>, Vec<PathBuf>) = paths
        .into_iter()
        .partition(|p| crate::basemap::pmtiles::is_pmtiles(p));
    let mut out = Vec::new();
    if !data.is_empty() {
        out.push(Action::OpenFiles(data));
    }
    if let Some(path) = tiles.into_iter().last() {
        out.push(Action::SetBasemap(crate::basemap::BasemapChoice::PmTiles {
            path,
        }));
    }
    out
}

/// `Ctrl+O` / `Cmd+O`: File → Open data….
pub const OPEN_SHORTCUT: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::O);

pub fn keyboard(ctx: &egui::Context) -> Vec<Action> {
    // Wherever the focus is, as in every desktop program. Matched on the key event's own
    // modifiers: a quick keystroke releases Ctrl within the same frame.
    if ctx.input_mut(|i| i.consume_shortcut(&OPEN_SHORTCUT)) {
        return vec![Action::ChooseFile(FileRequest::OpenData)];
    }
    if ctx.egui_wants_keyboard_input() {
        return Vec::new();
    }
    let step = 120.0;
    ctx.input(|i| {
        let mut out = Vec::new();
        let pan = |d: [f32; 2]| Action::View(ViewRequest::PanBy(d));
        if i.key_pressed(egui::Key::ArrowLeft) {
            out.push(pan([-step, 0.0]));
        }
        if i.key_pressed(egui::Key::ArrowRight) {
            out.push(pan([step, 0.0]));
        }
        if i.key_pressed(egui::Key::ArrowUp) {
            out.push(pan([0.0, -step]));
        }
        if i.key_pressed(egui::Key::ArrowDown) {
            out.push(pan([0.0, step]));
        }
        if i.key_pressed(egui::Key::Plus) || i.key_pressed(egui::Key::Equals) {
            out.push(Action::View(ViewRequest::ZoomBy(1.0)));
        }
        if i.key_pressed(egui::Key::Minus) {
            out.push(Action::View(ViewRequest::ZoomBy(-1.0)));
        }
        if i.key_pressed(egui::Key::Escape) {
            out.push(Action::Select(None));
        }
        // Ctrl+Z / Ctrl+Shift+Z over the user's records (text fields keep their own undo:
        // this only runs when no widget wants the keyboard).
        if i.modifiers.command && i.key_pressed(egui::Key::Z) {
            out.push(if i.modifiers.shift {
                Action::Redo
            } else {
                Action::Undo
            });
        }
        out
    })
}

pub fn menu_bar(ui: &mut Ui, state: &AppState) -> Vec<Action> {
    let mut out = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(crate::t!("ui-menu-file"), |ui| {
            if ui
                .add(
                    egui::Button::new(crate::t!("ui-open-data"))
                        .shortcut_text(ui.ctx().format_shortcut(&OPEN_SHORTCUT)),
                )
                .clicked()
            {
                out.push(Action::ChooseFile(FileRequest::OpenData));
                ui.close();
            }
            imagery::open_menu_item(ui, &mut out);
            if ui.button(crate::t!("ui-open-basemap")).clicked() {
                out.push(Action::ChooseFile(FileRequest::OpenBasemap));
                ui.close();
            }
            ui.separator();
            if ui.button(crate::t!("ui-save-records")).clicked() {
                out.push(Action::SaveUserData(None));
                ui.close();
            }
            if ui.button(crate::t!("ui-save-records-as")).clicked() {
                out.push(Action::ChooseFile(FileRequest::SaveRecordsAs));
                ui.close();
            }
            ui.separator();
            export_menu(ui, &mut out);
            ui.separator();
            if ui.button(crate::t!("ui-quit")).clicked() {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        });
        ui.menu_button(crate::t!("ui-menu-edit"), |ui| {
            let history = state.user.as_ref().map(|u| &u.history);
            if ui
                .add_enabled(
                    history.is_some_and(|h| h.can_undo()),
                    egui::Button::new(crate::t!("ui-undo")).shortcut_text("Ctrl+Z"),
                )
                .clicked()
            {
                out.push(Action::Undo);
                ui.close();
            }
            if ui
                .add_enabled(
                    history.is_some_and(|h| h.can_redo()),
                    egui::Button::new(crate::t!("ui-redo")).shortcut_text("Ctrl+Shift+Z"),
                )
                .clicked()
            {
                out.push(Action::Redo);
                ui.close();
            }
            ui.separator();
            if ui.button(crate::t!("ui-add-site")).clicked() {
                out.push(Action::OpenEditor(EditRequest::NewSite {
                    place: String::new(),
                    at: None,
                }));
                ui.close();
            }
            if ui.button(crate::t!("ui-add-flow")).clicked() {
                out.push(Action::OpenEditor(EditRequest::NewFlow {
                    from: String::new(),
                }));
                ui.close();
            }
        });
        ui.menu_button(crate::t!("ui-menu-view"), |ui| {
            if ui.button(crate::t!("ui-progress")).clicked() {
                out.push(Action::ShowProgress(!state.show_progress));
                ui.close();
            }
            if ui.button(crate::t!("ui-fit-country")).clicked() {
                out.push(Action::View(ViewRequest::FitCountry));
                ui.close();
            }
            if ui
                .add_enabled(
                    state.selection.is_some(),
                    egui::Button::new(crate::t!("ui-zoom-to-selection")),
                )
                .clicked()
                && let Some(s) = state.selection
            {
                out.push(Action::FlyTo(s));
                ui.close();
            }
            out.extend(measure::menu_items(ui, state));
            ui.separator();
            for (label, theme) in [
                (crate::t!("ui-theme-light"), Theme::Light),
                (crate::t!("ui-theme-dark"), Theme::Dark),
            ] {
                if ui.radio(state.settings.theme == theme, label).clicked() {
                    out.push(Action::SetTheme(theme));
                }
            }
            ui.separator();
            for scale in [1.0, 1.5, 2.0] {
                if ui
                    .radio(
                        state.settings.ui_scale == scale,
                        crate::t!("ui-interface-scale", percent = (scale * 100.0).round()),
                    )
                    .clicked()
                {
                    out.push(Action::SetUiScale(scale));
                }
            }
            ui.separator();
            out.extend(language_menu(ui, state));
        });
        ui.menu_button(crate::t!("help-menu"), |ui| {
            if ui.button(crate::t!("about-menu-item")).clicked() {
                out.push(Action::ShowAbout(true));
                ui.close();
            }
        });
        ui.separator();
        ui.label(crate::t!("ui-map-labels"));
        for lang in [Language::English, Language::Korean, Language::Both] {
            if ui
                .selectable_label(state.settings.language == lang, label_language_name(lang))
                .clicked()
            {
                out.push(Action::SetLanguage(lang));
            }
        }
        ui.separator();
        if ui
            .selectable_label(state.show_progress, crate::t!("ui-progress"))
            .clicked()
        {
            out.push(Action::ShowProgress(!state.show_progress));
        }
        if ui.button(crate::t!("ui-fit-country")).clicked() {
            out.push(Action::View(ViewRequest::FitCountry));
        }
        if ui
            .add_enabled(
                state.selection.is_some(),
                egui::Button::new(crate::t!("ui-zoom-to-selection")),
            )
            .clicked()
            && let Some(s) = state.selection
        {
            out.push(Action::FlyTo(s));
        }
        out.extend(measure::toolbar_button(ui, state));
        ui.separator();
        out.extend(search::search_box(ui, state));
    });
    out
}

/// File → Export items: a save dialog each ([`FileRequest::Export`]), then an
/// [`Action::Export`].
/// View → Language: the interface's language, each named in itself so anyone can find theirs.
fn language_menu(ui: &mut Ui, state: &AppState) -> Vec<Action> {
    let mut out = Vec::new();
    ui.menu_button(crate::t!("ui-menu-language"), |ui| {
        let chosen = state.settings.ui_language;
        let system = crate::t!(
            "ui-language-system",
            lang = crate::i18n::system_language().native_name()
        );
        if ui.radio(chosen.is_none(), system).clicked() {
            out.push(Action::SetUiLanguage(None));
            ui.close();
        }
        for lang in crate::i18n::Lang::ALL {
            if ui.radio(chosen == Some(lang), lang.native_name()).clicked() {
                out.push(Action::SetUiLanguage(Some(lang)));
                ui.close();
            }
        }
    });
    out
}

fn export_menu(ui: &mut Ui, out: &mut Vec<Action>) {
    use crate::state::ExportKind;
    let items = [
        (crate::t!("ui-export-png"), ExportKind::ViewPng),
        (crate::t!("ui-export-svg"), ExportKind::ViewSvg),
        (crate::t!("ui-export-csv"), ExportKind::RecordsCsv),
        (crate::t!("ui-export-geojson"), ExportKind::RecordsGeojson),
    ];
    let kml = [
        (crate::t!("kml-export-kml"), ExportKind::RecordsKml),
        (crate::t!("kml-export-kmz"), ExportKind::RecordsKmz),
    ];
    let items = items.into_iter().chain(kml);
    for (label, kind) in items {
        if ui.button(label).clicked() {
            out.push(Action::ChooseFile(FileRequest::Export(kind)));
            ui.close();
        }
    }
}

pub fn status_bar(
    ui: &mut Ui,
    state: &AppState,
    map_out: &MapOutput,
    loading: &[PathBuf],
) -> Vec<Action> {
    let mut out = Vec::new();
    ui.horizontal(|ui| {
        out.extend(coords::cursor_readout(ui, state, map_out.cursor));
        if let Some(v) = map_out.view {
            ui.separator();
            ui.monospace(crate::t!(
                "ui-zoom-level",
                zoom = format!("{:.1}", v.zoom())
            ));
            ui.separator();
            if map_out.regions_on_gpu {
                ui.weak("GPU").on_hover_text(crate::t!("ui-gpu-hint"));
            } else {
                ui.weak("CPU").on_hover_text(crate::t!("ui-cpu-hint"));
            }
        }
        ui.separator();
        ui.label(crate::t!(
            "ui-status-on",
            // ISO in both languages: the same short width as the slider beside it.
            date = PartialDate::from_day_number(state.date).to_string()
        ));
        if state.unsaved() {
            ui.separator();
            ui.colored_label(ui.visuals().warn_fg_color, crate::t!("ui-unsaved"));
        }
        if !state.filter.is_empty() {
            ui.separator();
            ui.label(crate::t!("ui-filter-on"));
        }
        if !loading.is_empty() {
            ui.separator();
            ui.spinner();
            let names: Vec<String> = loading
                .iter()
                .map(|p| {
                    p.file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default()
                })
                .collect();
            ui.label(crate::t!("ui-loading", files = names.join(", ")));
        }
        let errors = state.messages.iter().filter(|m| m.is_error).count();
        if errors > 0 {
            ui.separator();
            ui.colored_label(
                ui.visuals().error_fg_color,
                crate::t!("ui-problems", n = errors),
            );
        }
    });
    out
}

pub fn messages_panel(ui: &mut Ui, state: &AppState) -> Vec<Action> {
    let mut out = Vec::new();
    ui.horizontal(|ui| {
        ui.strong(crate::t!("ui-messages", n = state.messages.len()));
        if ui.small_button(crate::t!("ui-clear-messages")).clicked() {
            out.push(Action::ClearMessages);
        }
    });
    egui::ScrollArea::vertical()
        .auto_shrink([false, true])
        .stick_to_bottom(true)
        .show(ui, |ui| {
            for m in &state.messages {
                let color = if m.is_error {
                    ui.visuals().error_fg_color
                } else {
                    ui.visuals().text_color()
                };
                ui.label(RichText::new(&m.text).monospace().color(color));
            }
        });
    out
}

/// The name of the region a site resolved to in the interface's language (KCNA English, or
/// Hangul), or the place as written.
pub fn site_title(state: &AppState, site: &Site) -> String {
    site.region_id
        .as_deref()
        .and_then(|id| state.region_by_id(id))
        .map(|(_, r)| match crate::i18n::language() {
            crate::i18n::Lang::En => r.names.en.clone(),
            crate::i18n::Lang::Ko => r.names.ko.clone(),
        })
        .unwrap_or_else(|| site.place.clone())
}

pub fn side_panel(ui: &mut Ui, state: &AppState) -> Vec<Action> {
    let mut out = Vec::new();
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.add_space(style::SPACE);
        ui.heading("nkmap");
        ui.label(RichText::new(crate::t!("ui-tagline")).small());
        ui.add_space(style::SPACE);

        egui::CollapsingHeader::new(crate::t!("ui-layers"))
            .id_salt("side-layers")
            .default_open(true)
            .show(ui, |ui| {
                egui::Grid::new("layers")
                    .num_columns(2)
                    .spacing(vec2(8.0, 4.0))
                    .show(ui, |ui| {
                        for layer in Layer::ALL {
                            let mut s: LayerStyle = state.settings.layer(layer);
                            let before = s;
                            ui.checkbox(&mut s.visible, layer_name(layer));
                            ui.add_enabled(
                                s.visible,
                                egui::Slider::new(&mut s.opacity, 0.0..=1.0).show_value(false),
                            )
                            .on_hover_text(crate::t!("ui-opacity"));
                            ui.end_row();
                            if s != before {
                                out.push(Action::SetLayer(layer, s));
                            }
                        }
                    });
                ui.add_space(4.0);
                out.extend(basemap::section(ui, state));
                out.extend(imagery::section(ui, state));
                if state.layers.len() > 1 {
                    ui.add_space(4.0);
                    ui.label(RichText::new(crate::t!("ui-data")).strong());
                    for (i, l) in state.layers.iter().enumerate() {
                        ui.horizontal(|ui| {
                            let mut v = l.visible;
                            // The bundled layer's name is the app's own word; files keep theirs.
                            let name = if i == 0 && l.path.is_none() {
                                crate::t!("ui-bundled-seeds")
                            } else {
                                l.display_name()
                            };
                            if ui.checkbox(&mut v, name).changed() {
                                out.push(Action::SetDataLayerVisible(i, v));
                            }
                            if i > 0
                                && ui
                                    .small_button(crate::t!("ui-remove"))
                                    .on_hover_text(crate::t!("ui-remove-layer"))
                                    .clicked()
                            {
                                out.push(Action::RemoveDataLayer(i));
                            }
                        });
                        layers::folder_tree(ui, state, i, &mut out);
                    }
                }
            });

        egui::CollapsingHeader::new(crate::t!("ui-date"))
            .id_salt("side-date")
            .default_open(true)
            .show(ui, |ui| {
                let (first, last) = date_range();
                let mut day = state.date.clamp(first, last);
                let slider = egui::Slider::new(&mut day, first..=last)
                    .custom_formatter(|n, _| PartialDate::from_day_number(n as i64).to_string())
                    .custom_parser(|s| {
                        PartialDate::parse(s)
                            .ok()
                            .map(|d| d.start_day_number() as f64)
                    })
                    .text(crate::t!("ui-status-on-slider"));
                if ui.add(slider).changed() {
                    out.push(Action::SetDate(day));
                }
                // Wrapped so the buttons never widen the panel (and narrow the map).
                ui.horizontal_wrapped(|ui| {
                    if ui.small_button(crate::t!("ui-back-month")).clicked() {
                        out.push(Action::StepMonths(-1));
                    }
                    let play = if state.playing {
                        crate::t!("ui-pause")
                    } else {
                        crate::t!("ui-play")
                    };
                    if ui
                        .small_button(play)
                        .on_hover_text(crate::t!("ui-play-hint"))
                        .clicked()
                    {
                        out.push(Action::SetPlaying(!state.playing));
                    }
                    if ui.small_button(crate::t!("ui-forward-month")).clicked() {
                        out.push(Action::StepMonths(1));
                    }
                    if ui.small_button(crate::t!("ui-today")).clicked() {
                        out.push(Action::SetDate(state.today));
                    }
                });
                ui.label(RichText::new(crate::t!("ui-date-hint")).small().weak());
            });

        egui::CollapsingHeader::new(crate::t!("ui-filter"))
            .id_salt("side-filter")
            .default_open(false)
            .show(ui, |ui| filter_section(ui, state, &mut out));

        egui::CollapsingHeader::new(crate::t!("ui-sites-by-cohort"))
            .id_salt("side-sites")
            .default_open(true)
            .show(ui, |ui| {
                site_list(ui, state, &mut out);
            });

        egui::CollapsingHeader::new(crate::t!("ui-legend"))
            .id_salt("side-legend")
            .default_open(true)
            .show(ui, |ui| legend(ui, state));

        ui.add_space(style::SPACE);
        ui.separator();
        if let Some(d) = crate::bundled::data_as_of() {
            ui.label(
                RichText::new(crate::t!("data-as-of", date = crate::i18n::format_date(d))).small(),
            )
            .on_hover_text(crate::t!("data-as-of-hint"));
        }
        ui.label(RichText::new(crate::bundled::credit_line()).small().weak());
    });
    out
}

fn site_list(ui: &mut Ui, state: &AppState, out: &mut Vec<Action>) {
    let mut groups: std::collections::BTreeMap<Option<i32>, Vec<(usize, usize)>> =
        Default::default();
    for (li, si, s) in state.shown_sites() {
        groups.entry(s.cohort).or_default().push((li, si));
    }
    if groups.is_empty() {
        ui.label(RichText::new(crate::t!("ui-no-site-passes")).weak());
    }
    for (cohort, mut sites) in groups.into_iter().rev() {
        let title = match cohort {
            Some(y) => crate::t!("ui-cohort-title", year = y.to_string(), n = sites.len()),
            None => crate::t!("ui-other-sites", n = sites.len()),
        };
        let site = |&(li, si): &(usize, usize)| &state.layers[li].data.sites[si];
        sites.sort_by_key(|k| site_title(state, site(k)));
        egui::CollapsingHeader::new(title)
            .id_salt(("cohort", cohort))
            .default_open(cohort == Some(2024))
            .show(ui, |ui| {
                for k in &sites {
                    let s = site(k);
                    let mut title = site_title(state, s);
                    let twins = sites
                        .iter()
                        .filter(|o| site_title(state, site(o)) == title)
                        .count();
                    if twins > 1 {
                        title = format!(
                            "{title} ({})",
                            crate::i18n::words::category(s.category).to_lowercase()
                        );
                    }
                    let sel = Selection::Site {
                        layer: k.0,
                        index: k.1,
                    };
                    let status = s.status_on(state.date);
                    ui.horizontal(|ui| {
                        let (rect, _) =
                            ui.allocate_exact_size(vec2(16.0, 16.0), egui::Sense::hover());
                        map::draw_marker(
                            ui.painter(),
                            &map::Marker {
                                symbol: style::category_symbol(s.category),
                                status,
                                precision: palette::PrecisionCue::OnTheGround,
                                selected: false,
                            },
                            rect.center(),
                            5.0,
                            &style::MapColors::for_visuals(ui.visuals()),
                            1.0,
                        );
                        if ui
                            .selectable_label(state.selection == Some(sel), title)
                            .on_hover_text(format!(
                                "{} · {}",
                                s.name,
                                crate::i18n::words::status(status)
                            ))
                            .clicked()
                        {
                            out.push(Action::FlyTo(sel));
                        }
                    });
                }
            });
    }
}

/// Checkboxes for each facet of the filter; any change sends the whole new filter.
fn filter_section(ui: &mut Ui, state: &AppState, out: &mut Vec<Action>) {
    use crate::model::{Grade, SiteStatus};
    use std::collections::BTreeSet;
    let mut f = state.filter.clone();
    let before = f.clone();
    fn toggle<T: Ord + Clone>(ui: &mut Ui, set: &mut BTreeSet<T>, v: T, label: &str) {
        let mut on = set.contains(&v);
        if ui.checkbox(&mut on, label).changed() {
            if on {
                set.insert(v);
            } else {
                set.remove(&v);
            }
        }
    }
    ui.label(RichText::new(crate::t!("ui-filter-hint")).small().weak());
    let all_sites = || state.layers.iter().flat_map(|l| l.data.sites.iter());
    ui.label(RichText::new(crate::t!("ui-site-type")).strong());
    let mut categories: Vec<_> = all_sites().map(|s| s.category).collect();
    categories.sort();
    categories.dedup();
    for c in categories {
        toggle(ui, &mut f.categories, c, &crate::i18n::words::category(c));
    }
    ui.label(RichText::new(crate::t!("ui-status-on-the-date")).strong());
    for st in [
        SiteStatus::Announced,
        SiteStatus::UnderConstruction,
        SiteStatus::Completed,
        SiteStatus::NotYet,
    ] {
        toggle(ui, &mut f.statuses, st, &crate::i18n::words::status(st));
    }
    ui.label(RichText::new(crate::t!("ui-cohort")).strong());
    let mut cohorts: Vec<Option<i32>> = all_sites().map(|s| s.cohort).collect();
    cohorts.sort();
    cohorts.dedup();
    ui.horizontal_wrapped(|ui| {
        for c in cohorts {
            let label = c.map_or(crate::t!("ui-none"), |y| y.to_string());
            toggle(ui, &mut f.cohorts, c, &label);
        }
    });
    ui.label(RichText::new(crate::t!("ui-grade")).strong());
    for g in Grade::ALL {
        toggle(
            ui,
            &mut f.grades,
            g,
            &format!("{} — {}", g.code(), crate::i18n::words::grade(g)),
        );
    }
    egui::CollapsingHeader::new(crate::t!("ui-sources-chosen", n = f.sources.len()))
        .id_salt("filter-sources")
        .show(ui, |ui| {
            let mut seen = BTreeSet::new();
            let sources = state
                .layers
                .iter()
                .flat_map(|l| l.data.sources.iter())
                .chain(crate::bundled::seed_sources().iter());
            for src in sources {
                if !seen.insert(src.id.clone()) {
                    continue;
                }
                let date = src.date.map(|d| format!(" ({d})")).unwrap_or_default();
                toggle(
                    ui,
                    &mut f.sources,
                    src.id.clone(),
                    &format!("{}{date}: {}", src.publisher, src.title),
                );
            }
        });
    if ui
        .add_enabled(
            !f.is_empty(),
            egui::Button::new(crate::t!("ui-clear-filter")),
        )
        .clicked()
    {
        f = Default::default();
    }
    if f != before {
        out.push(Action::SetFilter(f));
    }
}

/// What the map shows, for choosing the legend's rows.
fn legend_content(state: &AppState) -> palette::LegendContent {
    let visible = || state.layers.iter().filter(|l| l.visible);
    let settings = &state.settings;
    palette::LegendContent {
        sites: settings.shows(Layer::Sites),
        categories: visible()
            .flat_map(|l| l.data.sites.iter().map(|s| s.category))
            .collect(),
        precisions: visible()
            .flat_map(|l| l.data.sites.iter())
            .filter(|s| s.location.is_some())
            .map(|s| palette::precision_cue(s.precision))
            .collect(),
        flows: settings.shows(Layer::Flows) && visible().any(|l| !l.data.flows.is_empty()),
        events: settings.shows(Layer::Events)
            && visible().any(|l| l.data.events.iter().any(|e| e.location.is_some())),
        borders: settings.layer(Layer::Provinces).visible,
    }
}

/// The legend: the rows `nkmap render` writes, drawn with the map's own symbols at the map's
/// size.
pub fn legend(ui: &mut Ui, state: &AppState) {
    use palette::LegendItem;
    let colors = style::MapColors::for_visuals(ui.visuals());
    let r = style::MARKER_RADIUS;
    for item in palette::legend_items(&legend_content(state)) {
        if item.is_heading() {
            ui.add_space(2.0);
            ui.label(RichText::new(item.text()).strong());
            continue;
        }
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(vec2(30.0, 20.0), egui::Sense::hover());
            let c = rect.center();
            let painter = ui.painter();
            match item {
                LegendItem::Status(status) => map::draw_marker(
                    painter,
                    &map::Marker {
                        symbol: palette::LEGEND_STATUS_SYMBOL,
                        status,
                        precision: palette::PrecisionCue::OnTheGround,
                        selected: false,
                    },
                    c,
                    r,
                    &colors,
                    1.0,
                ),
                LegendItem::Category(category) => map::draw_symbol(
                    painter,
                    style::category_symbol(category),
                    c,
                    r,
                    ui.visuals().text_color(),
                    Stroke::NONE,
                ),
                LegendItem::Precision(cue) => {
                    map::draw_precision_ring(painter, cue, c, 4.5, &colors);
                    painter.circle_filled(c, 3.5, ui.visuals().text_color());
                }
                LegendItem::Capital => map::draw_capital_symbol(painter, c, &colors),
                LegendItem::Flow => {
                    painter.arrow(
                        rect.left_center() + vec2(2.0, 0.0),
                        vec2(24.0, 0.0),
                        Stroke::new(3.0, colors.flow),
                    );
                }
                LegendItem::Event => map::draw_event_group(painter, c, 3, &colors),
                LegendItem::Border => {
                    painter.line_segment(
                        [rect.left_center(), rect.right_center()],
                        style::province_border(&colors),
                    );
                }
                _ => {}
            }
            ui.label(item.text());
        });
    }
}

pub fn map_overlay(ui: &mut Ui, view: &View) {
    // Scale bar: the largest round distance that fits in 120 points.
    let rect = ui.max_rect();
    let mpp = view.metres_per_point();
    if !(mpp.is_finite() && mpp > 0.0) {
        return;
    }
    let max_m = mpp * 120.0;
    let magnitude = 10f64.powf(max_m.log10().floor());
    let nice = [5.0, 2.0, 1.0]
        .into_iter()
        .map(|f| f * magnitude)
        .find(|&d| d <= max_m)
        .unwrap_or(magnitude);
    let width = (nice / mpp) as f32;
    let origin = rect.left_bottom() + vec2(16.0, -18.0);
    let colors = style::MapColors::for_visuals(ui.visuals());
    let painter = ui.painter();
    let bg = egui::Rect::from_min_max(origin + vec2(-6.0, -22.0), origin + vec2(width + 6.0, 6.0));
    painter.rect_filled(bg, 3.0, colors.label_halo);
    let stroke = Stroke::new(2.0, colors.label);
    painter.line_segment([origin, origin + vec2(width, 0.0)], stroke);
    painter.line_segment([origin, origin + vec2(0.0, -6.0)], stroke);
    painter.line_segment(
        [origin + vec2(width, 0.0), origin + vec2(width, -6.0)],
        stroke,
    );
    let text = if nice >= 1000.0 {
        format!("{:.0} km", nice / 1000.0)
    } else {
        format!("{nice:.0} m")
    };
    painter.text(
        origin + vec2(width / 2.0, -8.0),
        egui::Align2::CENTER_BOTTOM,
        text,
        egui::FontId::proportional(11.0),
        colors.label,
    );
    // Wrapped to the room right of the scale bar, so it stays whole at any interface scale.
    let wrap = (rect.right() - bg.right() - 24.0).max(120.0);
    let galley = painter.layout(
        crate::bundled::credit_line().to_owned(),
        egui::FontId::proportional(10.0),
        colors.label.gamma_multiply(0.8),
        wrap,
    );
    let at = rect.right_bottom() + vec2(-6.0, -4.0) - galley.size();
    painter.rect_filled(
        egui::Rect::from_min_size(at, galley.size()).expand(2.0),
        2.0,
        colors.label_halo.gamma_multiply(0.6),
    );
    painter.galley(at, galley, colors.label);
}

/// One line of facts about what the pointer is over.
pub fn tooltip(ui: &mut Ui, state: &AppState, hit: Selection) {
    match hit {
        Selection::Province(_) | Selection::County(_) => {
            if let Some(r) = state.region(hit) {
                ui.strong(format!("{}  {}", r.names.en, r.names.ko));
                let mut line = format!(
                    "{} · {} / {}",
                    crate::i18n::words::region_kind(r.kind),
                    r.names.mr,
                    r.names.rr
                );
                if let Selection::County(_) = hit
                    && let Some(p) = state.province_of(r)
                {
                    line.push_str(&format!(" · {}", p.names.en));
                }
                ui.label(line);
                let n = state
                    .shown_sites()
                    .map(|(_, _, s)| s)
                    .filter(|s| {
                        s.region_id.as_deref() == Some(r.id.as_str())
                            || (matches!(hit, Selection::Province(_))
                                && s.region_id
                                    .as_deref()
                                    .and_then(|id| state.region_by_id(id))
                                    .is_some_and(|(_, c)| c.province == r.id))
                    })
                    .count();
                if n > 0 {
                    ui.label(crate::t!("ui-sites-count", n = n));
                }
            }
        }
        Selection::Site { layer, index } => {
            if let Some(s) = state
                .layers
                .get(layer)
                .and_then(|l| l.data.sites.get(index))
            {
                ui.strong(&s.name);
                let mut line = format!(
                    "{} · {} · {}",
                    crate::i18n::words::category(s.category),
                    site_title(state, s),
                    crate::i18n::words::status(s.status_on(state.date))
                );
                if let Some(c) = s.cohort {
                    line.push_str(&format!(
                        " · {}",
                        crate::t!("ui-cohort-of", year = c.to_string())
                    ));
                }
                ui.label(line);
                ui.label(palette::precision_cue(s.precision).text());
            }
        }
        Selection::Flow { layer, index } => {
            if let Some(f) = state
                .layers
                .get(layer)
                .and_then(|l| l.data.flows.get(index))
            {
                ui.strong(f.short_label());
                ui.label(crate::t!(
                    "ui-flow-from-to",
                    from = &f.from,
                    to = f.to.join(", ")
                ));
            }
        }
        Selection::Event { layer, index } => {
            if let Some(e) = state
                .layers
                .get(layer)
                .and_then(|l| l.data.events.get(index))
            {
                ui.strong(&e.title);
                ui.label(e.date.map(crate::i18n::format_date).unwrap_or_default());
                if e.location.is_some() {
                    ui.label(palette::precision_cue(e.precision).text());
                }
            }
        }
        Selection::Area { layer, index } => {
            if let Some(l) = state.layers.get(layer)
                && let Some(a) = l.data.areas.get(index)
            {
                ui.strong(&a.name);
                ui.label(crate::t!("ui-area-in", layer = l.display_name()));
            }
        }
        Selection::Placemark { layer, index } => {
            if let Some(l) = state.layers.get(layer)
                && let Some(p) = l.data.placemarks.placemarks.get(index)
            {
                ui.strong(crate::i18n::words::placemark_title(p));
                let folder = l.data.placemarks.folder_path(p.folder).join(" / ");
                ui.label(crate::t!("kml-tooltip-in", folder = folder));
                if let Some(t) = p.time {
                    ui.label(layers::time_text(&t));
                }
            }
        }
    }
}

/// A map layer's name in the Layers panel.
fn layer_name(l: crate::state::settings::Layer) -> String {
    use crate::state::settings::Layer;
    match l {
        Layer::Provinces => crate::t!("ui-layer-provinces"),
        Layer::Counties => crate::t!("ui-layer-counties"),
        Layer::Labels => crate::t!("ui-layer-labels"),
        Layer::Sites => crate::t!("ui-layer-sites"),
        Layer::Flows => crate::t!("ui-layer-flows"),
        Layer::Events => crate::t!("ui-layer-events"),
    }
}

/// The map labels' language switch: the languages in their own names, "Both" translated.
fn label_language_name(l: crate::state::settings::Language) -> String {
    use crate::state::settings::Language;
    match l {
        Language::English => "English".to_owned(),
        Language::Korean => "한국어".to_owned(),
        Language::Both => crate::t!("ui-labels-both"),
    }
}
