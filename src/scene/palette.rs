//! The map's colours, widths and symbols as plain numbers, so that the GUI (`style.rs`, which
//! turns them into egui types) and the headless renderer (`render`) draw the same map.

use crate::model::{SiteCategory, SiteStatus};

/// An sRGB colour with straight (not premultiplied) alpha.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgba(pub [u8; 4]);

impl Rgba {
    pub const WHITE: Rgba = Rgba([0xff, 0xff, 0xff, 0xff]);
    pub const BLACK: Rgba = Rgba([0, 0, 0, 0xff]);

    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Rgba([r, g, b, 0xff])
    }

    pub const fn with_alpha(r: u8, g: u8, b: u8, a: u8) -> Self {
        Rgba([r, g, b, a])
    }

    /// `#rrggbb`, for SVG.
    pub fn hex(self) -> String {
        let [r, g, b, _] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// Alpha as 0..=1.
    pub fn alpha(self) -> f32 {
        f32::from(self.0[3]) / 255.0
    }
}

/// Radius of a site marker, in screen points.
pub const MARKER_RADIUS: f32 = 7.0;
pub const PROVINCE_BORDER_WIDTH: f32 = 1.6;
pub const COUNTY_BORDER_WIDTH: f32 = 0.7;
/// County outlines are drawn from this zoom on; below it they merge into a grey smear.
pub const COUNTY_OUTLINES_FROM_ZOOM: f64 = 6.0;
/// Province names give way to county names between these zooms.
pub const PROVINCE_LABELS_BELOW_ZOOM: f64 = 9.0;
pub const COUNTY_LABELS_FROM_ZOOM: f64 = 8.0;
/// Site markers in status "not yet reported" are drawn faded by this factor.
pub const NOT_YET_FADE: f32 = 0.45;
/// Flows that are not active on the date are drawn faded by this factor.
pub const INACTIVE_FLOW_FADE: f32 = 0.35;
/// Default opacity of the province fills (the GUI's default layer setting).
pub const PROVINCE_FILL_OPACITY: f32 = 0.85;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapPalette {
    pub background: Rgba,
    pub provinces: [Rgba; 6],
    pub province_border: Rgba,
    pub county_line: Rgba,
    pub highlight: Rgba,
    pub selected: Rgba,
    pub label: Rgba,
    pub label_halo: Rgba,
    pub flow: Rgba,
    pub event: Rgba,
    /// Outlines of the user's area layers (their fill is the same colour, see-through).
    pub area: Rgba,
}

impl MapPalette {
    pub const LIGHT: MapPalette = MapPalette {
        background: Rgba::rgb(0xdc, 0xe6, 0xee),
        provinces: [
            Rgba::rgb(0xee, 0xe4, 0xc6),
            Rgba::rgb(0xd9, 0xe6, 0xc8),
            Rgba::rgb(0xef, 0xda, 0xd3),
            Rgba::rgb(0xe0, 0xda, 0xeb),
            Rgba::rgb(0xd2, 0xe7, 0xdf),
            Rgba::rgb(0xec, 0xe8, 0xd0),
        ],
        province_border: Rgba::rgb(0x5a, 0x54, 0x46),
        county_line: Rgba::with_alpha(0x6e, 0x67, 0x58, 0x70),
        highlight: Rgba::with_alpha(0x20, 0x40, 0x80, 0x22),
        selected: Rgba::rgb(0x1f, 0x5f, 0xbf),
        label: Rgba::rgb(0x2b, 0x28, 0x22),
        label_halo: Rgba::with_alpha(0xf7, 0xf4, 0xec, 0xc8),
        flow: Rgba::rgb(0xb0, 0x3a, 0x2e),
        event: Rgba::rgb(0x44, 0x44, 0x44),
        area: Rgba::rgb(0x6a, 0x3d, 0x9a),
    };

    pub const DARK: MapPalette = MapPalette {
        background: Rgba::rgb(0x1d, 0x25, 0x2e),
        provinces: [
            Rgba::rgb(0x4a, 0x47, 0x3a),
            Rgba::rgb(0x3d, 0x4a, 0x3b),
            Rgba::rgb(0x4d, 0x3f, 0x3d),
            Rgba::rgb(0x42, 0x3f, 0x4f),
            Rgba::rgb(0x38, 0x4a, 0x46),
            Rgba::rgb(0x4b, 0x48, 0x36),
        ],
        province_border: Rgba::rgb(0xc9, 0xc2, 0xae),
        county_line: Rgba::with_alpha(0xc9, 0xc2, 0xae, 0x60),
        highlight: Rgba::with_alpha(0xff, 0xff, 0xff, 0x28),
        selected: Rgba::rgb(0x6c, 0xb4, 0xff),
        label: Rgba::rgb(0xee, 0xea, 0xe0),
        label_halo: Rgba::with_alpha(0x1d, 0x25, 0x2e, 0xc0),
        flow: Rgba::rgb(0xff, 0x8a, 0x70),
        event: Rgba::rgb(0xd0, 0xd0, 0xd0),
        area: Rgba::rgb(0xc2, 0xa5, 0xe8),
    };

    pub fn for_dark_mode(dark: bool) -> Self {
        if dark { Self::DARK } else { Self::LIGHT }
    }

    pub fn province(&self, index: u8) -> Rgba {
        self.provinces[index as usize % self.provinces.len()]
    }
}

pub fn status_rgba(status: SiteStatus) -> Rgba {
    match status {
        SiteStatus::NotYet => Rgba::rgb(0x9e, 0x9e, 0x9e),
        SiteStatus::Announced => Rgba::rgb(0x7e, 0x57, 0xc2),
        SiteStatus::UnderConstruction => Rgba::rgb(0xe6, 0x7e, 0x22),
        SiteStatus::Completed => Rgba::rgb(0x2e, 0x7d, 0x32),
    }
}

/// The statuses in the order the legends list them.
pub const LEGEND_STATUSES: [SiteStatus; 4] = [
    SiteStatus::Announced,
    SiteStatus::UnderConstruction,
    SiteStatus::Completed,
    SiteStatus::NotYet,
];

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

/// Corners of a polygon symbol centred at the origin with radius `r` (screen points, y down).
pub fn symbol_points(sides: u8, rotation: f32, r: f32) -> Vec<[f32; 2]> {
    (0..sides)
        .map(|i| {
            let a = rotation + i as f32 * std::f32::consts::TAU / f32::from(sides);
            [a.cos() * r, a.sin() * r]
        })
        .collect()
}

/// How far a polygon symbol reaches: triangles are drawn larger so they read as big as the rest.
pub fn polygon_radius(sides: u8, r: f32) -> f32 {
    r * if sides == 3 { 1.2 } else { 1.0 }
}

/// How see-through an area layer's fill is (its outline is opaque).
pub const AREA_FILL_ALPHA: f32 = 0.16;
pub const AREA_LINE_WIDTH: f32 = 0.8;

/// Width of a flow line for a number of people: grows with the square root, so 600 people
/// read clearly thicker than 60 without swamping the map.
pub fn flow_width(people: Option<u32>) -> f32 {
    match people {
        Some(n) => (1.5 + (n as f32).sqrt() / 8.0).min(10.0),
        None => 2.0,
    }
}

/// Length of a flow's arrowhead for a line width.
pub fn arrowhead_length(width: f32) -> f32 {
    (width * 2.2).max(9.0)
}

/// Screen offset of a fanned-out marker from the point it shares with `slots - 1` others.
pub fn marker_offset(slot: u8, slots: u8) -> [f32; 2] {
    if slots <= 1 {
        return [0.0, 0.0];
    }
    let a =
        f32::from(slot) * std::f32::consts::TAU / f32::from(slots) - std::f32::consts::FRAC_PI_2;
    let d = MARKER_RADIUS * 1.25 * (f32::from(slots)).sqrt().max(1.2);
    [a.cos() * d, a.sin() * d]
}

/// Events sit below and left of the place's site markers rather than on them; several events
/// at one place fan out (by 0.9 of a marker's fan-out offset) around that spot.
pub const EVENT_OFFSET: [f32; 2] = [-16.0, 14.0];
pub const EVENT_FAN: f32 = 0.9;
pub const EVENT_RADIUS: f32 = 5.0;

/// The largest round distance (metres) no longer than `max_m`: 1, 2 or 5 × 10ⁿ.
pub fn nice_distance(max_m: f64) -> f64 {
    let magnitude = 10f64.powf(max_m.log10().floor());
    [5.0, 2.0, 1.0]
        .into_iter()
        .map(|f| f * magnitude)
        .find(|&d| d <= max_m)
        .unwrap_or(magnitude)
}

pub fn distance_label(m: f64) -> String {
    if m >= 1000.0 {
        format!("{:.0} km", m / 1000.0)
    } else {
        format!("{m:.0} m")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_distances() {
        assert_eq!(nice_distance(120_000.0), 100_000.0);
        assert_eq!(nice_distance(260.0), 200.0);
        assert_eq!(nice_distance(7_000.0), 5_000.0);
        assert_eq!(distance_label(50_000.0), "50 km");
        assert_eq!(distance_label(500.0), "500 m");
    }

    #[test]
    fn fan_out_keeps_single_markers_in_place() {
        assert_eq!(marker_offset(0, 1), [0.0, 0.0]);
        let [x, y] = marker_offset(0, 4);
        assert!(x.abs() < 1e-4 && y < 0.0, "the first of several goes up");
    }
}
