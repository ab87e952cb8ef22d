//! The one place for colours, strokes and spacing, so every panel and layer looks alike.

use crate::model::SiteStatus;
use crate::scene::palette::{self, MapPalette, Rgba};
use egui::{Color32, Stroke, Visuals};

pub use crate::scene::palette::{
    ALL_CATEGORIES, MARKER_RADIUS, Symbol, category_label, category_symbol,
};

pub const SPACE: f32 = 8.0;
pub const PANEL_WIDTH: f32 = 300.0;

/// A palette colour as egui wants it.
pub fn color(c: Rgba) -> Color32 {
    let [r, g, b, a] = c.0;
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

/// The map palette (`scene::palette`, shared with the headless renderer) in egui colours.
#[derive(Debug, Clone, Copy)]
pub struct MapColors {
    pub background: Color32,
    pub provinces: [Color32; 6],
    pub province_border: Color32,
    pub county_line: Color32,
    pub highlight: Color32,
    pub selected: Color32,
    pub label: Color32,
    pub label_halo: Color32,
    pub flow: Color32,
    pub event: Color32,
    pub area: Color32,
    /// Site status colours, in [`SiteStatus`] order (see [`MapColors::status`]).
    pub statuses: [Color32; 4],
    pub casing: Color32,
}

impl MapColors {
    pub fn for_visuals(v: &Visuals) -> Self {
        let p = MapPalette::for_dark_mode(v.dark_mode);
        MapColors {
            background: color(p.background),
            provinces: p.provinces.map(color),
            province_border: color(p.province_border),
            county_line: color(p.county_line),
            highlight: color(p.highlight),
            selected: color(p.selected),
            label: color(p.label),
            label_halo: color(p.label_halo),
            flow: color(p.flow),
            event: color(p.event),
            area: color(p.area),
            statuses: p.status.map(color),
            casing: color(p.casing),
        }
    }

    /// The colour of a status in this theme.
    pub fn status(&self, s: SiteStatus) -> Color32 {
        self.statuses[palette::status_index(s)]
    }

    pub fn province(&self, index: u8) -> Color32 {
        self.provinces[index as usize % self.provinces.len()]
    }
}

pub fn status_color(status: SiteStatus) -> Color32 {
    color(palette::status_rgba(status))
}

pub fn province_border(c: &MapColors) -> Stroke {
    Stroke::new(palette::PROVINCE_BORDER_WIDTH, c.province_border)
}

pub fn county_border(c: &MapColors) -> Stroke {
    Stroke::new(palette::COUNTY_BORDER_WIDTH, c.county_line)
}

/// Registers the bundled Hangul font as a fallback after egui's defaults, which keep the
/// McCune-Reischauer breves (ŏ, ŭ) that Nanum lacks.
pub fn install_fonts(ctx: &egui::Context) {
    ctx.add_font(egui::epaint::text::FontInsert::new(
        "NkmapHangul",
        egui::FontData::from_static(include_bytes!("../assets/fonts/NkmapHangul.ttf")),
        vec![
            egui::epaint::text::InsertFontFamily {
                family: egui::FontFamily::Proportional,
                priority: egui::epaint::text::FontPriority::Lowest,
            },
            egui::epaint::text::InsertFontFamily {
                family: egui::FontFamily::Monospace,
                priority: egui::epaint::text::FontPriority::Lowest,
            },
        ],
    ));
}
