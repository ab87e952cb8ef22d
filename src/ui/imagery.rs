//! Imagery in the interface: *File → Open imagery…*, the side panel's list of images (shown,
//! opacity, date, stretch), "imagery follows the timeline", compare mode with its swipe divider
//! on the map (drag it, or focus it and use the arrow keys), the question "when was this image
//! taken?", and in a site's details the images that cover it, *Compare imagery* and a form for
//! an observation. Reads the state and returns [`Action`]s, as every panel does.

use crate::model::{Grade, Milestone, MilestoneKind, PartialDate, Site};
use crate::state::imagery::{Compare, CompareWith, ImageryAction, ObservationDraft};
use crate::state::{Action, AppState, Selection};
use crate::style;
use egui::{Color32, Rect, RichText, Sense, Stroke, Ui, pos2, vec2};

fn act(a: ImageryAction) -> Action {
    Action::Imagery(a)
}

/// *File → Open imagery…*: a file dialog for GeoTIFFs.
pub fn open_menu_item(ui: &mut Ui, out: &mut Vec<Action>) {
    if ui.button(crate::t!("imagery-menu-open")).clicked() {
        if let Some(paths) = rfd::FileDialog::new()
            .add_filter(crate::t!("imagery-filter-name"), &["tif", "tiff"])
            .pick_files()
        {
            out.push(Action::OpenFiles(paths));
        }
        ui.close();
    }
}

/// The side panel's imagery section (shown once an image is open).
pub fn section(ui: &mut Ui, state: &AppState) -> Vec<Action> {
    let mut out = Vec::new();
    let im = &state.imagery;
    if im.layers.is_empty() {
        return out;
    }
    ui.add_space(4.0);
    ui.label(RichText::new(crate::t!("imagery-heading")).strong());
    let mut follow = im.follow_timeline;
    if ui
        .checkbox(&mut follow, crate::t!("imagery-follow-timeline"))
        .on_hover_text(crate::t!("imagery-follow-timeline-hint"))
        .changed()
    {
        out.push(act(ImageryAction::FollowTimeline(follow)));
    }
    let shown: Vec<usize> = state.shown_imagery().iter().map(|(i, _)| *i).collect();
    for (i, layer) in im.layers.iter().enumerate() {
        let id = layer.id();
        ui.push_id(("nkmap-imagery-layer", id), |ui| {
            ui.horizontal(|ui| {
                let mut v = layer.visible;
                let name = if shown.contains(&i) || !layer.visible {
                    RichText::new(&layer.image.name)
                } else {
                    // Visible but hidden by the timeline: taken after the date.
                    RichText::new(&layer.image.name).weak()
                };
                if ui.checkbox(&mut v, name).changed() {
                    out.push(act(ImageryAction::SetVisible(id, v)));
                }
                if ui.small_button(crate::t!("imagery-zoom-to")).clicked() {
                    out.push(act(ImageryAction::ZoomTo(id)));
                }
                if ui.small_button(crate::t!("imagery-remove")).clicked() {
                    out.push(act(ImageryAction::Remove(id)));
                }
            });
            ui.indent("nkmap-imagery-layer-details", |ui| {
                match (layer.date, &layer.date_from) {
                    (Some(d), from) => {
                        let from = from
                            .as_ref()
                            .map(crate::imagery::date_from_text)
                            .unwrap_or_default();
                        ui.label(
                            RichText::new(crate::t!(
                                "imagery-taken-on",
                                date = crate::i18n::format_date(d)
                            ))
                            .small(),
                        )
                        .on_hover_text(from);
                    }
                    (None, _) => {
                        ui.horizontal(|ui| {
                            ui.label(
                                RichText::new(crate::t!("imagery-date-unknown"))
                                    .small()
                                    .color(ui.visuals().warn_fg_color),
                            );
                        });
                    }
                }
                let mut o = layer.opacity;
                if ui
                    .add(
                        egui::Slider::new(&mut o, 0.0..=1.0)
                            .text(crate::t!("imagery-opacity"))
                            .show_value(false),
                    )
                    .changed()
                {
                    out.push(act(ImageryAction::SetOpacity(id, o)));
                }
                if layer.is_16_bit() {
                    let mut s = layer.stretch;
                    let a = ui
                        .add(
                            egui::Slider::new(&mut s.low, 0.0..=20.0)
                                .text(crate::t!("imagery-stretch-low"))
                                .suffix("%"),
                        )
                        .changed();
                    let b = ui
                        .add(
                            egui::Slider::new(&mut s.high, 80.0..=100.0)
                                .text(crate::t!("imagery-stretch-high"))
                                .suffix("%"),
                        )
                        .changed();
                    if a || b {
                        out.push(act(ImageryAction::SetStretch(id, s)));
                    }
                }
            });
        });
    }
    compare_controls(ui, state, &mut out);
    out
}

fn compare_controls(ui: &mut Ui, state: &AppState, out: &mut Vec<Action>) {
    let im = &state.imagery;
    let dated: Vec<(u64, String)> = im.layers.iter().map(|l| (l.id(), l.label())).collect();
    let Some(first) = dated.first() else {
        return;
    };
    ui.add_space(4.0);
    // By default the two newest images, the older on the left (layers are oldest first).
    let n = dated.len();
    let current = im.compare.unwrap_or(Compare {
        left: if n >= 2 { dated[n - 2].0 } else { first.0 },
        right: if n >= 2 {
            CompareWith::Image(dated[n - 1].0)
        } else {
            CompareWith::Map
        },
        divider: 0.5,
    });
    let label_of = |id: u64| {
        dated
            .iter()
            .find(|d| d.0 == id)
            .map_or_else(String::new, |d| d.1.clone())
    };
    let mut next = current;
    ui.horizontal_wrapped(|ui| {
        ui.label(crate::t!("imagery-compare-left"));
        egui::ComboBox::from_id_salt("nkmap-compare-left")
            .selected_text(label_of(current.left))
            .width(150.0)
            .show_ui(ui, |ui| {
                for (id, label) in &dated {
                    ui.selectable_value(&mut next.left, *id, label);
                }
            });
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(crate::t!("imagery-compare-right"));
        let right_text = match current.right {
            CompareWith::Image(id) => label_of(id),
            CompareWith::Map => crate::t!("imagery-compare-map"),
        };
        egui::ComboBox::from_id_salt("nkmap-compare-right")
            .selected_text(right_text)
            .width(150.0)
            .show_ui(ui, |ui| {
                for (id, label) in &dated {
                    ui.selectable_value(&mut next.right, CompareWith::Image(*id), label);
                }
                ui.selectable_value(
                    &mut next.right,
                    CompareWith::Map,
                    crate::t!("imagery-compare-map"),
                );
            });
    });
    ui.horizontal(|ui| match im.compare {
        None => {
            if ui
                .button(crate::t!("imagery-compare"))
                .on_hover_text(crate::t!("imagery-compare-hint"))
                .clicked()
            {
                out.push(act(ImageryAction::Compare(Some(next))));
            }
        }
        Some(_) => {
            if next != current {
                out.push(act(ImageryAction::Compare(Some(next))));
            }
            if ui.button(crate::t!("imagery-compare-stop")).clicked() {
                out.push(act(ImageryAction::Compare(None)));
            }
        }
    });
}

/// "When was this image taken?" for the first image nobody knows the date of.
pub fn date_question(ctx: &egui::Context, state: &AppState) -> Vec<Action> {
    let mut out = Vec::new();
    let Some(layer) = state
        .imagery
        .ask_date
        .first()
        .and_then(|&id| state.imagery.layer(id))
    else {
        return out;
    };
    let id = layer.id();
    let buffer_id = egui::Id::unique(("nkmap-imagery-date", id));
    let guess = layer
        .image
        .info
        .name_date
        .map(|d| d.to_string())
        .unwrap_or_default();
    let mut text: String =
        ctx.data_mut(|d| d.get_temp_mut_or_insert_with(buffer_id, || guess).clone());
    egui::Window::new(crate::t!("imagery-date-title"))
        .id(egui::Id::unique("nkmap-imagery-date-window"))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            ui.label(crate::t!(
                "imagery-date-question",
                file = layer.image.name.as_str()
            ));
            ui.label(
                RichText::new(crate::t!("imagery-date-explain"))
                    .small()
                    .weak(),
            );
            let field = ui.add(
                egui::TextEdit::singleline(&mut text)
                    .hint_text("YYYY-MM-DD")
                    .desired_width(120.0),
            );
            let parsed = PartialDate::parse(text.trim());
            if let Err(e) = &parsed
                && !text.trim().is_empty()
            {
                ui.colored_label(ui.visuals().error_fg_color, e.to_string());
            }
            ui.horizontal(|ui| {
                let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if (ui
                    .add_enabled(
                        parsed.is_ok(),
                        egui::Button::new(crate::t!("imagery-date-save")),
                    )
                    .clicked()
                    || enter)
                    && let Ok(d) = parsed
                {
                    out.push(act(ImageryAction::SetDate(id, d)));
                }
                if ui.button(crate::t!("imagery-date-later")).clicked() {
                    out.push(act(ImageryAction::SkipDate(id)));
                }
            });
        });
    ctx.data_mut(|d| d.insert_temp(buffer_id, text));
    out
}

/// Compare mode's divider on the map: drag it, or click it and use the arrow keys (Shift for
/// bigger steps, Home/End for the edges). The names of the two sides sit at the top.
pub fn swipe_overlay(ui: &mut Ui, state: &AppState, rect: Rect) -> Vec<Action> {
    let mut out = Vec::new();
    let Some(c) = state.imagery.compare else {
        return out;
    };
    let x = rect.left() + c.divider * rect.width();
    let hit = Rect::from_min_max(pos2(x - 8.0, rect.top()), pos2(x + 8.0, rect.bottom()));
    let response = ui
        .interact(
            hit,
            egui::Id::unique("nkmap-swipe-divider"),
            Sense::click_and_drag(),
        )
        .on_hover_cursor(egui::CursorIcon::ResizeHorizontal);
    let label = crate::t!("imagery-swipe-divider");
    response.widget_info(|| egui::WidgetInfo::slider(true, f64::from(c.divider), &label));
    if response.drag_started() || response.clicked() {
        response.request_focus();
    }
    let mut next = c.divider;
    if response.dragged()
        && let Some(p) = response.interact_pointer_pos()
    {
        next = (p.x - rect.left()) / rect.width().max(1.0);
    }
    if response.has_focus() {
        // Left and right move the divider rather than the focus (as on a slider).
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                response.id,
                egui::EventFilter {
                    horizontal_arrows: true,
                    ..Default::default()
                },
            );
        });
        ui.input(|i| {
            let step = if i.modifiers.shift { 0.1 } else { 0.02 };
            if i.key_pressed(egui::Key::ArrowLeft) {
                next -= step;
            }
            if i.key_pressed(egui::Key::ArrowRight) {
                next += step;
            }
            if i.key_pressed(egui::Key::Home) {
                next = 0.0;
            }
            if i.key_pressed(egui::Key::End) {
                next = 1.0;
            }
        });
    }
    let next = next.clamp(0.0, 1.0);
    if next != c.divider {
        out.push(act(ImageryAction::SetDivider(next)));
    }
    // Drawn where the divider will be after this frame's actions.
    let x = rect.left() + next * rect.width();
    let painter = ui.painter().with_clip_rect(rect);
    let dark = Color32::from_black_alpha(160);
    painter.line_segment(
        [pos2(x, rect.top()), pos2(x, rect.bottom())],
        Stroke::new(4.0, dark),
    );
    painter.line_segment(
        [pos2(x, rect.top()), pos2(x, rect.bottom())],
        Stroke::new(2.0, Color32::WHITE),
    );
    let mid = pos2(x, rect.center().y);
    let ring = if response.has_focus() {
        Stroke::new(3.0, ui.visuals().selection.stroke.color)
    } else {
        Stroke::new(1.5, dark)
    };
    painter.circle(mid, 14.0, Color32::WHITE, ring);
    for dir in [-1.0f32, 1.0] {
        let tip = mid + vec2(dir * 10.0, 0.0);
        painter.add(egui::Shape::convex_polygon(
            vec![tip, mid + vec2(dir * 4.0, -5.0), mid + vec2(dir * 4.0, 5.0)],
            Color32::from_gray(60),
            Stroke::NONE,
        ));
    }
    let im = &state.imagery;
    let left = im.layer(c.left).map(|l| l.label()).unwrap_or_default();
    let right = match c.right {
        CompareWith::Image(id) => im.layer(id).map(|l| l.label()).unwrap_or_default(),
        CompareWith::Map => crate::t!("imagery-compare-map"),
    };
    let colors = style::MapColors::for_visuals(ui.visuals());
    for (text, align, at) in [
        (
            left,
            egui::Align2::RIGHT_TOP,
            pos2(x - 10.0, rect.top() + 8.0),
        ),
        (
            right,
            egui::Align2::LEFT_TOP,
            pos2(x + 10.0, rect.top() + 8.0),
        ),
    ] {
        let galley = painter.layout_no_wrap(text, egui::FontId::proportional(12.0), colors.label);
        let r = align.anchor_size(at, galley.size());
        painter.rect_filled(r.expand(3.0), 3.0, colors.label_halo);
        painter.galley(r.min, galley, colors.label);
    }
    out
}

/// In a site's details: the images that cover it, *Compare imagery*, and (for the user's own
/// sites) a form for an observation.
pub fn site_section(
    ui: &mut Ui,
    state: &AppState,
    layer: usize,
    index: usize,
    site: &Site,
) -> Vec<Action> {
    let mut out = Vec::new();
    let Some(p) = site.location else {
        return out;
    };
    let covering = state.imagery_covering(p.x(), p.y());
    if covering.is_empty() {
        return out;
    }
    ui.add_space(style::SPACE);
    ui.label(RichText::new(crate::t!("imagery-site-heading")).strong());
    for &i in &covering {
        if let Some(l) = state.imagery.layers.get(i) {
            ui.label(RichText::new(l.label()).small());
        }
    }
    if ui
        .button(crate::t!("imagery-compare-site"))
        .on_hover_text(crate::t!("imagery-compare-site-hint"))
        .clicked()
    {
        out.push(act(ImageryAction::CompareAtSite { layer, index }));
    }
    let sel = Selection::Site { layer, index };
    if !state.is_user_record(sel) {
        ui.label(
            RichText::new(crate::t!("imagery-observation-seed-note"))
                .small()
                .weak(),
        );
        return out;
    }
    observation_form(ui, state, layer, index, &covering, &mut out);
    out
}

#[derive(Clone, Default)]
struct ObservationForm {
    image: Option<u64>,
    complete: bool,
    grade: Option<Grade>,
    text: String,
}

fn observation_form(
    ui: &mut Ui,
    state: &AppState,
    layer: usize,
    index: usize,
    covering: &[usize],
    out: &mut Vec<Action>,
) {
    let id = egui::Id::unique(("nkmap-observation", layer, index));
    let mut form: ObservationForm = ui
        .data_mut(|d| d.get_temp::<ObservationForm>(id))
        .unwrap_or_default();
    let dated: Vec<(u64, String)> = covering
        .iter()
        .filter_map(|&i| state.imagery.layers.get(i))
        .filter(|l| l.date.is_some())
        .map(|l| (l.id(), l.label()))
        .collect();
    egui::CollapsingHeader::new(crate::t!("imagery-observation-add"))
        .id_salt(("observation-form", layer, index))
        .show(ui, |ui| {
            if dated.is_empty() {
                ui.label(
                    RichText::new(crate::t!("imagery-observation-no-date"))
                        .small()
                        .weak(),
                );
                return;
            }
            // The right-hand image of the swipe by default: usually the newer one.
            let default = state
                .imagery
                .compare
                .map(|c| match c.right {
                    CompareWith::Image(r) => r,
                    CompareWith::Map => c.left,
                })
                .filter(|r| dated.iter().any(|d| d.0 == *r))
                .unwrap_or(dated[dated.len() - 1].0);
            let mut image = form
                .image
                .filter(|i| dated.iter().any(|d| d.0 == *i))
                .unwrap_or(default);
            egui::ComboBox::from_id_salt(("observation-image", layer, index))
                .selected_text(
                    dated
                        .iter()
                        .find(|d| d.0 == image)
                        .map_or("", |d| d.1.as_str()),
                )
                .show_ui(ui, |ui| {
                    for (i, label) in &dated {
                        ui.selectable_value(&mut image, *i, label);
                    }
                });
            form.image = Some(image);
            ui.radio_value(
                &mut form.complete,
                false,
                crate::t!("imagery-observation-construction"),
            );
            ui.radio_value(
                &mut form.complete,
                true,
                crate::t!("imagery-observation-complete"),
            );
            let mut grade = form.grade.unwrap_or(Grade::Inferred);
            egui::ComboBox::from_id_salt(("observation-grade", layer, index))
                .selected_text(format!("{} — {}", grade.code(), grade.label()))
                .show_ui(ui, |ui| {
                    for g in [
                        Grade::Confirmed,
                        Grade::Inferred,
                        Grade::Uncertain,
                        Grade::NotFound,
                    ] {
                        ui.selectable_value(&mut grade, g, format!("{} — {}", g.code(), g.label()));
                    }
                });
            form.grade = Some(grade);
            ui.add(
                egui::TextEdit::multiline(&mut form.text)
                    .hint_text(crate::t!("imagery-observation-hint"))
                    .desired_rows(2),
            );
            if ui
                .add_enabled(
                    !form.text.trim().is_empty(),
                    egui::Button::new(crate::t!("imagery-observation-save")),
                )
                .clicked()
            {
                out.push(act(ImageryAction::AddObservation(Box::new(
                    ObservationDraft {
                        layer,
                        index,
                        image,
                        kind: if form.complete {
                            MilestoneKind::Inauguration
                        } else {
                            MilestoneKind::Groundbreaking
                        },
                        grade,
                        text: form.text.clone(),
                    },
                ))));
                form.text.clear();
            }
        });
    ui.data_mut(|d| d.insert_temp(id, form));
}

/// A site's timeline: claims from reports above the line, observations from imagery below it,
/// the date control's day marked.
pub fn site_timeline(ui: &mut Ui, state: &AppState, site: &Site) {
    let dated: Vec<&Milestone> = site.milestones.iter().collect();
    if dated.is_empty() {
        return;
    }
    let days: Vec<i64> = dated
        .iter()
        .map(|m| m.date.start_day_number())
        .chain([state.date])
        .collect();
    let (Some(&lo), Some(&hi)) = (days.iter().min(), days.iter().max()) else {
        return;
    };
    let (lo, hi) = (lo - 30, hi + 30);
    let width = ui.available_width().clamp(120.0, 400.0);
    let (rect, _) = ui.allocate_exact_size(vec2(width, 44.0), Sense::hover());
    let painter = ui.painter();
    let x_of = |d: i64| {
        rect.left() + 6.0 + (rect.width() - 12.0) * ((d - lo) as f32 / (hi - lo).max(1) as f32)
    };
    let y = rect.center().y;
    let text = ui.visuals().text_color();
    painter.line_segment(
        [pos2(rect.left(), y), pos2(rect.right(), y)],
        Stroke::new(1.0, text.gamma_multiply(0.5)),
    );
    let claim = ui.visuals().hyperlink_color;
    let seen = Color32::from_rgb(0x2e, 0x9e, 0x5b);
    for m in dated {
        let x = x_of(m.date.start_day_number());
        if m.is_observation() {
            painter.line_segment([pos2(x, y), pos2(x, y + 12.0)], Stroke::new(1.5, seen));
            painter.rect_filled(
                Rect::from_center_size(pos2(x, y + 14.0), vec2(7.0, 7.0)),
                1.0,
                seen,
            );
        } else {
            painter.line_segment([pos2(x, y - 12.0), pos2(x, y)], Stroke::new(1.5, claim));
            painter.circle_filled(pos2(x, y - 14.0), 4.0, claim);
        }
    }
    let today = x_of(state.date);
    painter.line_segment(
        [pos2(today, rect.top()), pos2(today, rect.bottom())],
        Stroke::new(1.0, ui.visuals().warn_fg_color),
    );
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(crate::t!("imagery-timeline-claims"))
                .small()
                .color(claim),
        );
        ui.label(
            RichText::new(crate::t!("imagery-timeline-observations"))
                .small()
                .color(seen),
        );
    });
}
