//! The one place for colours, strokes and spacing, so every panel and layer looks alike.

use crate::model::{SiteCategory, SiteStatus};
use egui::{Color32, Stroke, Visuals};

pub const SPACE: f32 = 8.0;
pub const PANEL_WIDTH: f32 = 300.0;
pub const MARKER_RADIUS: f32 = 7.0;

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
}

impl MapColors {
    pub fn for_visuals(v: &Visuals) -> Self {
        if v.dark_mode {
            MapColors {
                background: Color32::from_rgb(0x1d, 0x25, 0x2e),
                provinces: [
                    Color32::from_rgb(0x4a, 0x47, 0x3a),
                    Color32::from_rgb(0x3d, 0x4a, 0x3b),
                    Color32::from_rgb(0x4d, 0x3f, 0x3d),
                    Color32::from_rgb(0x42, 0x3f, 0x4f),
                    Color32::from_rgb(0x38, 0x4a, 0x46),
                    Color32::from_rgb(0x4b, 0x48, 0x36),
                ],
                province_border: Color32::from_rgb(0xc9, 0xc2, 0xae),
                county_line: Color32::from_rgba_unmultiplied(0xc9, 0xc2, 0xae, 0x60),
                highlight: Color32::from_rgba_unmultiplied(0xff, 0xff, 0xff, 0x28),
                selected: Color32::from_rgb(0x6c, 0xb4, 0xff),
                label: Color32::from_rgb(0xee, 0xea, 0xe0),
                label_halo: Color32::from_rgba_unmultiplied(0x1d, 0x25, 0x2e, 0xc0),
                flow: Color32::from_rgb(0xff, 0x8a, 0x70),
                event: Color32::from_rgb(0xd0, 0xd0, 0xd0),
            }
        } else {
            MapColors {
                background: Color32::from_rgb(0xdc, 0xe6, 0xee),
                provinces: [
                    Color32::from_rgb(0xee, 0xe4, 0xc6),
                    Color32::from_rgb(0xd9, 0xe6, 0xc8),
                    Color32::from_rgb(0xef, 0xda, 0xd3),
                    Color32::from_rgb(0xe0, 0xda, 0xeb),
                    Color32::from_rgb(0xd2, 0xe7, 0xdf),
                    Color32::from_rgb(0xec, 0xe8, 0xd0),
                ],
                province_border: Color32::from_rgb(0x5a, 0x54, 0x46),
                county_line: Color32::from_rgba_unmultiplied(0x6e, 0x67, 0x58, 0x70),
                highlight: Color32::from_rgba_unmultiplied(0x20, 0x40, 0x80, 0x22),
                selected: Color32::from_rgb(0x1f, 0x5f, 0xbf),
                label: Color32::from_rgb(0x2b, 0x28, 0x22),
                label_halo: Color32::from_rgba_unmultiplied(0xf7, 0xf4, 0xec, 0xc8),
                flow: Color32::from_rgb(0xb0, 0x3a, 0x2e),
                event: Color32::from_rgb(0x44, 0x44, 0x44),
            }
        }
    }

    pub fn province(&self, index: u8) -> Color32 {
        self.provinces[index as usize % self.provinces.len()]
    }
}

pub fn status_color(status: SiteStatus) -> Color32 {
    match status {
        SiteStatus::NotYet => Color32::from_rgb(0x9e, 0x9e, 0x9e),
        SiteStatus::Announced => Color32::from_rgb(0x7e, 0x57, 0xc2),
        SiteStatus::UnderConstruction => Color32::from_rgb(0xe6, 0x7e, 0x22),
        SiteStatus::Completed => Color32::from_rgb(0x2e, 0x7d, 0x32),
    }
}

pub fn province_border(c: &MapColors) -> Stroke {
    Stroke::new(1.6, c.province_border)
}

pub fn county_border(c: &MapColors) -> Stroke {
    Stroke::new(0.7, c.county_line)
}

/// The marker symbol of a site category.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Symbol {
    /// A regular polygon with `sides` corners, rotated by `rotation` radians.
    Polygon {
        sides: u8,
        rotation: f32,
    },
    Circle,
    Cross,
}

pub fn category_symbol(c: SiteCategory) -> Symbol {
    use std::f32::consts::{FRAC_PI_2, FRAC_PI_4};
    match c {
        SiteCategory::FactoryCluster => Symbol::Polygon {
            sides: 4,
            rotation: FRAC_PI_4,
        },
        SiteCategory::FoodFactory => Symbol::Circle,
        SiteCategory::SeafoodProcessing => Symbol::Polygon {
            sides: 4,
            rotation: 0.0,
        },
        SiteCategory::Hospital => Symbol::Cross,
        SiteCategory::ServiceComplex => Symbol::Polygon {
            sides: 6,
            rotation: 0.0,
        },
        SiteCategory::GrainFacility => Symbol::Polygon {
            sides: 3,
            rotation: -FRAC_PI_2,
        },
        SiteCategory::Aquaculture => Symbol::Polygon {
            sides: 3,
            rotation: FRAC_PI_2,
        },
        SiteCategory::PaperMill => Symbol::Polygon {
            sides: 5,
            rotation: -FRAC_PI_2,
        },
        SiteCategory::ChemicalPlant => Symbol::Polygon {
            sides: 8,
            rotation: 0.0,
        },
        SiteCategory::Other => Symbol::Circle,
    }
}

pub fn category_label(c: SiteCategory) -> &'static str {
    match c {
        SiteCategory::FactoryCluster => "Factory cluster",
        SiteCategory::FoodFactory => "Food factory",
        SiteCategory::SeafoodProcessing => "Seafood processing",
        SiteCategory::Hospital => "Hospital",
        SiteCategory::ServiceComplex => "Service complex",
        SiteCategory::GrainFacility => "Grain facility",
        SiteCategory::Aquaculture => "Aquaculture",
        SiteCategory::PaperMill => "Paper mill",
        SiteCategory::ChemicalPlant => "Chemical plant",
        SiteCategory::Other => "Other",
    }
}

pub const ALL_CATEGORIES: [SiteCategory; 10] = [
    SiteCategory::FactoryCluster,
    SiteCategory::FoodFactory,
    SiteCategory::SeafoodProcessing,
    SiteCategory::Hospital,
    SiteCategory::ServiceComplex,
    SiteCategory::GrainFacility,
    SiteCategory::Aquaculture,
    SiteCategory::PaperMill,
    SiteCategory::ChemicalPlant,
    SiteCategory::Other,
];

/// Points of a symbol centred at the origin with radius `r` (for polygons).
pub fn symbol_points(sides: u8, rotation: f32, r: f32) -> Vec<egui::Vec2> {
    (0..sides)
        .map(|i| {
            let a = rotation + i as f32 * std::f32::consts::TAU / f32::from(sides);
            egui::vec2(a.cos() * r, a.sin() * r)
        })
        .collect()
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
