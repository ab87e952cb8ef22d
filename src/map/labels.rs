//! Region labels: provinces at country zoom, counties as the user zooms in, never overlapping
//! each other or the site markers.

use super::region_label;
use crate::scene::View;
use crate::state::AppState;
use crate::state::settings::Settings;
use crate::style::MapColors;
use egui::{FontId, Painter, Rect, pos2, vec2};

use crate::scene::palette::{
    COUNTY_LABELS_FROM_ZOOM as COUNTY_LABELS_FROM,
    PROVINCE_LABELS_BELOW_ZOOM as PROVINCE_LABELS_BELOW,
};

/// Which region labels to place: provinces go before flow labels, counties after them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Provinces,
    Counties,
}

/// Places labels clear of `obstacles` (markers and labels already placed), adds their rects to
/// it, and returns the texts it placed.
pub fn draw(
    painter: &Painter,
    state: &AppState,
    view: &View,
    colors: &MapColors,
    settings: &Settings,
    which: Which,
    obstacles: &mut Vec<Rect>,
) -> Vec<String> {
    let mut texts = Vec::new();
    let zoom = view.zoom();
    let clip = painter.clip_rect();
    let scene = &state.scene;
    let geo = &state.geography;

    let near = clip.expand(50.0);
    let mut candidates: Vec<(String, egui::Pos2, f32, bool)> = Vec::new();
    if which == Which::Provinces
        && zoom < PROVINCE_LABELS_BELOW
        && settings
            .layer(crate::state::settings::Layer::Provinces)
            .visible
    {
        for l in &scene.province_labels {
            let s = view.to_screen(l.anchor);
            if !near.contains(pos2(s[0], s[1])) {
                continue;
            }
            if let Some(r) = geo.provinces.get(l.region) {
                let size = if zoom < 7.5 { 14.0 } else { 15.0 };
                candidates.push((
                    region_label(r, settings.language),
                    pos2(s[0], s[1]),
                    size,
                    true,
                ));
            }
        }
    }
    if which == Which::Counties
        && zoom >= COUNTY_LABELS_FROM
        && settings
            .layer(crate::state::settings::Layer::Counties)
            .visible
    {
        // The scene keeps county labels largest first.
        for l in &scene.county_labels {
            // Off-screen counties are skipped before their label text is made.
            let s = view.to_screen(l.anchor);
            if !near.contains(pos2(s[0], s[1])) {
                continue;
            }
            if let Some(r) = geo.counties.get(l.region) {
                candidates.push((
                    region_label(r, settings.language),
                    pos2(s[0], s[1]),
                    11.5,
                    false,
                ));
            }
        }
    }

    for (text, at, size, is_province) in candidates {
        let font = FontId::proportional(size);
        let color = colors.label;
        let galley = painter.layout(text.clone(), font, color, f32::INFINITY);
        let at_offset = |d: egui::Vec2| Rect::from_center_size(at + d, galley.size()).expand(2.0);
        let free = |r: &Rect| clip.contains_rect(*r) && !obstacles.iter().any(|m| m.intersects(*r));
        // Beside the anchor when a marker sits on it; province names are worth a nudge.
        let offsets: &[egui::Vec2] = if is_province {
            &[
                vec2(0.0, 0.0),
                vec2(0.0, -20.0),
                vec2(0.0, 20.0),
                vec2(-40.0, 0.0),
                vec2(40.0, 0.0),
                vec2(0.0, -36.0),
                vec2(0.0, 36.0),
            ]
        } else {
            &[vec2(0.0, 0.0), vec2(0.0, -14.0), vec2(0.0, 14.0)]
        };
        let Some(rect) = offsets.iter().map(|&d| at_offset(d)).find(free) else {
            continue;
        };
        obstacles.push(rect);
        texts.push(text);
        // A soft halo keeps text readable over borders and fills.
        painter.rect_filled(
            rect,
            3.0,
            colors
                .label_halo
                .gamma_multiply(if is_province { 0.7 } else { 0.55 }),
        );
        painter.galley(rect.min + vec2(2.0, 2.0), galley, color);
    }
    texts
}
