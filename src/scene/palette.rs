//! The map's colours, widths and symbols as plain numbers, so that the GUI (`style.rs`, which
//! turns them into egui types) and the headless renderer (`render`) draw the same map.
//!
//! One table per idea, read by the map, the exporter and both legends alike, so they cannot
//! disagree: [`CATEGORY_SYMBOLS`] (shape = what the site is), [`MapPalette::status`] with
//! [`status_cue`] (colour and fill level = how far it got), [`precision_cue`] (a dashed or
//! dotted ring = the point stands for an area, not the site) and [`legend_items`].

use crate::model::{LocationPrecision, SiteCategory, SiteStatus};

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

    /// The same colour, opaque.
    pub fn opaque(self) -> Rgba {
        let [r, g, b, _] = self.0;
        Rgba([r, g, b, 0xff])
    }
}

/// Radius of a site marker, in screen points.
pub const MARKER_RADIUS: f32 = 7.0;
pub const PROVINCE_BORDER_WIDTH: f32 = 1.6;
pub const COUNTY_BORDER_WIDTH: f32 = 0.7;
/// County outlines are drawn from this zoom on; below it they merge into a grey smear.
pub const COUNTY_OUTLINES_FROM_ZOOM: f64 = 6.0;
/// Province names are drawn below this zoom. They stay on while county names come in (from
/// [`COUNTY_LABELS_FROM_ZOOM`]): at zoom 9 around Orang the province is part of the story.
pub const PROVINCE_LABELS_BELOW_ZOOM: f64 = 10.5;
pub const COUNTY_LABELS_FROM_ZOOM: f64 = 8.0;
/// Site markers in status "not yet reported" are drawn faded by this factor.
pub const NOT_YET_FADE: f32 = 0.55;
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
    /// Site status colours, in [`SiteStatus`] order: not yet, announced, under construction,
    /// completed. Chosen to stay apart for deuteranopes, protanopes and tritanopes (checked by
    /// `tests/cartography.rs` with the Machado et al. 2009 simulation and CIEDE2000).
    pub status: [Rgba; 4],
    /// Around every marker and inside hollow ones: separates the symbol from the map.
    pub casing: Rgba,
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
        // Grey, purple, orange, dark green: a darker green than the usual so that it parts
        // from the orange by lightness where red-green vision cannot part them by hue.
        status: [
            Rgba::rgb(0x97, 0x97, 0x97),
            Rgba::rgb(0x69, 0x34, 0xad),
            Rgba::rgb(0xe7, 0x72, 0x14),
            Rgba::rgb(0x0d, 0x5c, 0x4a),
        ],
        casing: Rgba::rgb(0xff, 0xff, 0xff),
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
        // The same four hues, lighter where the dark fills need it (and the grey darker, so
        // "not yet" stays the quiet one).
        status: [
            Rgba::rgb(0x76, 0x76, 0x76),
            Rgba::rgb(0xc6, 0x9d, 0xf9),
            Rgba::rgb(0xea, 0x6a, 0x01),
            Rgba::rgb(0x70, 0xd9, 0xad),
        ],
        casing: Rgba::rgb(0x14, 0x19, 0x1f),
    };

    pub fn for_dark_mode(dark: bool) -> Self {
        if dark { Self::DARK } else { Self::LIGHT }
    }

    pub fn province(&self, index: u8) -> Rgba {
        self.provinces[index as usize % self.provinces.len()]
    }

    /// The colour of a status.
    pub fn status(&self, s: SiteStatus) -> Rgba {
        self.status[status_index(s)]
    }
}

/// Where a status's colour is in [`MapPalette::status`].
pub fn status_index(s: SiteStatus) -> usize {
    match s {
        SiteStatus::NotYet => 0,
        SiteStatus::Announced => 1,
        SiteStatus::UnderConstruction => 2,
        SiteStatus::Completed => 3,
    }
}

/// The light theme's colour of a status (panels that are not the map).
pub fn status_rgba(status: SiteStatus) -> Rgba {
    MapPalette::LIGHT.status(status)
}

/// The statuses in the order the legends list them.
pub const LEGEND_STATUSES: [SiteStatus; 4] = [
    SiteStatus::Announced,
    SiteStatus::UnderConstruction,
    SiteStatus::Completed,
    SiteStatus::NotYet,
];

/// How much of a marker's shape its status colour fills: the second cue beside colour, so the
/// map reads in greyscale and for colour-blind readers (the convention of planning maps:
/// planned hollow, being built half, built solid).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FillLevel {
    /// Only the outline in the status colour.
    Hollow,
    /// The lower half filled.
    Half,
    Full,
}

/// How a status is drawn besides its colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StatusCue {
    pub fill: FillLevel,
    /// Width of the outline in the status colour, screen points.
    pub outline: f32,
    /// Opacity of the whole marker (the quiet "not yet reported").
    pub opacity: f32,
}

pub fn status_cue(s: SiteStatus) -> StatusCue {
    match s {
        SiteStatus::NotYet => StatusCue {
            fill: FillLevel::Hollow,
            outline: 1.3,
            opacity: NOT_YET_FADE,
        },
        SiteStatus::Announced => StatusCue {
            fill: FillLevel::Hollow,
            outline: 2.0,
            opacity: 1.0,
        },
        SiteStatus::UnderConstruction => StatusCue {
            fill: FillLevel::Half,
            outline: 1.6,
            opacity: 1.0,
        },
        SiteStatus::Completed => StatusCue {
            fill: FillLevel::Full,
            outline: 1.0,
            opacity: 1.0,
        },
    }
}

/// Width of the casing drawn around every marker, beyond its outline.
pub const CASING_WIDTH: f32 = 2.4;

/// A marker shape. Each category has its own ([`CATEGORY_SYMBOLS`]); shapes were chosen to
/// differ in outline at 14 points, not only in corner count (a hexagon, an octagon and a
/// circle look alike that small).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Symbol {
    Circle,
    Square,
    Diamond,
    TriangleUp,
    TriangleDown,
    /// A Greek cross, the hospital sign.
    Plus,
    /// A saltire.
    Cross,
    /// A square with a pointed roof.
    House,
    /// A wide, low rectangle.
    Bar,
    /// A five-pointed star.
    Star,
}

/// Each site category's symbol. The map, `nkmap render` and both legends read this table.
pub const CATEGORY_SYMBOLS: [(SiteCategory, Symbol); 10] = [
    (SiteCategory::FactoryCluster, Symbol::Square),
    (SiteCategory::FoodFactory, Symbol::Circle),
    (SiteCategory::SeafoodProcessing, Symbol::Diamond),
    (SiteCategory::Hospital, Symbol::Plus),
    (SiteCategory::ServiceComplex, Symbol::House),
    (SiteCategory::GrainFacility, Symbol::TriangleUp),
    (SiteCategory::Aquaculture, Symbol::TriangleDown),
    (SiteCategory::PaperMill, Symbol::Bar),
    (SiteCategory::ChemicalPlant, Symbol::Cross),
    (SiteCategory::Other, Symbol::Star),
];

pub fn category_symbol(c: SiteCategory) -> Symbol {
    CATEGORY_SYMBOLS
        .iter()
        .find(|(k, _)| *k == c)
        .map_or(Symbol::Star, |(_, s)| *s)
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

/// A symbol's geometry centred at the origin (screen points, y down): its outline (a simple
/// polygon, maybe concave) and the same area cut into convex parts that share edges exactly,
/// for renderers that fill only convex polygons.
#[derive(Debug, Clone, PartialEq)]
pub struct SymbolShape {
    pub outline: Vec<[f32; 2]>,
    pub parts: Vec<Vec<[f32; 2]>>,
}

impl SymbolShape {
    /// Moved by `c`.
    pub fn at(mut self, c: [f32; 2]) -> Self {
        let shift = |p: &mut [f32; 2]| {
            p[0] += c[0];
            p[1] += c[1];
        };
        self.outline.iter_mut().for_each(shift);
        self.parts.iter_mut().flatten().for_each(shift);
        self
    }

    /// The convex parts cut to the half below the line `y` (screen y grows down): what an
    /// "under construction" marker fills.
    pub fn parts_below(&self, y: f32) -> Vec<Vec<[f32; 2]>> {
        self.parts
            .iter()
            .map(|p| clip_below(p, y))
            .filter(|p| p.len() >= 3)
            .collect()
    }

    /// The outline cut to below `y`: one polygon (with zero-width seams where a concave shape
    /// is cut twice, which fill as nothing).
    pub fn outline_below(&self, y: f32) -> Vec<[f32; 2]> {
        clip_below(&self.outline, y)
    }
}

fn regular(n: usize, r: f32, rotation: f32) -> Vec<[f32; 2]> {
    (0..n)
        .map(|i| {
            let a = rotation + i as f32 * std::f32::consts::TAU / n as f32;
            [a.cos() * r, a.sin() * r]
        })
        .collect()
}

fn rect(x0: f32, y0: f32, x1: f32, y1: f32) -> Vec<[f32; 2]> {
    vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1]]
}

fn rotate(p: &[[f32; 2]], a: f32) -> Vec<[f32; 2]> {
    let (s, c) = a.sin_cos();
    p.iter()
        .map(|q| [q[0] * c - q[1] * s, q[0] * s + q[1] * c])
        .collect()
}

/// A symbol of radius `r`: every shape reaches about `r` from its centre and covers about the
/// area of a circle of radius 0.9 `r`, so none looks more important than another.
pub fn symbol_shape(sym: Symbol, r: f32) -> SymbolShape {
    use std::f32::consts::{FRAC_PI_2, FRAC_PI_4};
    let one = |outline: Vec<[f32; 2]>| SymbolShape {
        parts: vec![outline.clone()],
        outline,
    };
    match sym {
        Symbol::Circle => one(regular(24, 0.9 * r, 0.0)),
        Symbol::Square => one(rect(-0.8 * r, -0.8 * r, 0.8 * r, 0.8 * r)),
        Symbol::Diamond => one(regular(4, 1.18 * r, -FRAC_PI_2)),
        // Centroid at the centre: a triangle's corners reach further to look as large.
        Symbol::TriangleUp => one(regular(3, 1.3 * r, -FRAC_PI_2)),
        Symbol::TriangleDown => one(regular(3, 1.3 * r, FRAC_PI_2)),
        Symbol::House => one(vec![
            [-0.8 * r, 0.85 * r],
            [0.8 * r, 0.85 * r],
            [0.8 * r, -0.15 * r],
            [0.0, -r],
            [-0.8 * r, -0.15 * r],
        ]),
        Symbol::Bar => one(rect(-1.1 * r, -0.55 * r, 1.1 * r, 0.55 * r)),
        Symbol::Plus | Symbol::Cross => {
            let (a, l) = (0.36 * r, if sym == Symbol::Plus { 1.0 } else { 1.1 } * r);
            let outline = vec![
                [-a, -l],
                [a, -l],
                [a, -a],
                [l, -a],
                [l, a],
                [a, a],
                [a, l],
                [-a, l],
                [-a, a],
                [-l, a],
                [-l, -a],
                [-a, -a],
            ];
            // The bar across, and the two arms above and below it.
            let parts = [rect(-l, -a, l, a), rect(-a, -l, a, -a), rect(-a, a, a, l)];
            let turn = if sym == Symbol::Cross { FRAC_PI_4 } else { 0.0 };
            SymbolShape {
                outline: rotate(&outline, turn),
                parts: parts.iter().map(|p| rotate(p, turn)).collect(),
            }
        }
        Symbol::Star => {
            let (outer, inner) = (1.2 * r, 0.5 * r);
            let tips = regular(5, outer, -FRAC_PI_2);
            let notches = regular(5, inner, -FRAC_PI_2 + std::f32::consts::PI / 5.0);
            let outline = (0..5).flat_map(|i| [tips[i], notches[i]]).collect();
            // The inner pentagon and one triangle per point.
            let mut parts = vec![notches.clone()];
            for i in 0..5 {
                parts.push(vec![notches[(i + 4) % 5], tips[i], notches[i]]);
            }
            SymbolShape { outline, parts }
        }
    }
}

/// Sutherland–Hodgman against one half-plane: the part of `poly` with y ≥ `y`.
fn clip_below(poly: &[[f32; 2]], y: f32) -> Vec<[f32; 2]> {
    let mut out = Vec::with_capacity(poly.len() + 2);
    let n = poly.len();
    for i in 0..n {
        let (p, q) = (poly[i], poly[(i + 1) % n]);
        let (pin, qin) = (p[1] >= y, q[1] >= y);
        if pin {
            out.push(p);
        }
        if pin != qin {
            let t = (y - p[1]) / (q[1] - p[1]);
            out.push([p[0] + t * (q[0] - p[0]), y]);
        }
    }
    out
}

/// What a record's point stands for, drawn as a ring around its marker so nobody reads a
/// county's centre as a factory's location. Kept apart from the status cue: the ring is
/// outside the symbol, dashed or dotted, in the label colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PrecisionCue {
    /// The point is the place itself (the site's coordinates, or the named town it is in).
    OnTheGround,
    /// Somewhere in the county; drawn at its seat, a named town. A dashed ring.
    CountySeat,
    /// Somewhere in the county, no town known; drawn at the county's centre, which is no
    /// place on the ground. A dotted ring.
    CountyCentre,
    /// Somewhere in the province. A wide dashed ring.
    Province,
}

pub fn precision_cue(p: LocationPrecision) -> PrecisionCue {
    match p {
        LocationPrecision::Exact | LocationPrecision::Town => PrecisionCue::OnTheGround,
        LocationPrecision::Seat => PrecisionCue::CountySeat,
        LocationPrecision::Centre => PrecisionCue::CountyCentre,
        LocationPrecision::Province | LocationPrecision::Country => PrecisionCue::Province,
    }
}

/// How a precision ring is drawn: radius (times the marker radius), dash and gap lengths
/// (screen points; a dash of zero is a round dot), width.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ring {
    pub radius: f32,
    pub dash: f32,
    pub gap: f32,
    pub width: f32,
}

impl PrecisionCue {
    pub const ALL: [PrecisionCue; 4] = [
        PrecisionCue::OnTheGround,
        PrecisionCue::CountySeat,
        PrecisionCue::CountyCentre,
        PrecisionCue::Province,
    ];

    pub fn ring(self) -> Option<Ring> {
        match self {
            PrecisionCue::OnTheGround => None,
            PrecisionCue::CountySeat => Some(Ring {
                radius: 1.75,
                dash: 3.2,
                gap: 2.2,
                width: 1.2,
            }),
            PrecisionCue::CountyCentre => Some(Ring {
                radius: 1.75,
                dash: 0.0,
                gap: 3.4,
                width: 2.2,
            }),
            PrecisionCue::Province => Some(Ring {
                radius: 2.3,
                dash: 5.0,
                gap: 3.0,
                width: 1.2,
            }),
        }
    }

    /// The name written in SVG (`data-precision`).
    pub fn code(self) -> &'static str {
        match self {
            PrecisionCue::OnTheGround => "on-the-ground",
            PrecisionCue::CountySeat => "county-seat",
            PrecisionCue::CountyCentre => "county-centre",
            PrecisionCue::Province => "province",
        }
    }

    /// One line for tooltips and legends.
    pub fn text(self) -> String {
        self.text_in(crate::i18n::language())
    }

    /// [`PrecisionCue::text`] in a given language (exports choose theirs).
    pub fn text_in(self, lang: crate::i18n::Lang) -> String {
        match self {
            PrecisionCue::OnTheGround => crate::t_in!(lang, "carto-precision-on-the-ground"),
            PrecisionCue::CountySeat => crate::t_in!(lang, "carto-precision-county-seat"),
            PrecisionCue::CountyCentre => crate::t_in!(lang, "carto-precision-county-centre"),
            PrecisionCue::Province => crate::t_in!(lang, "carto-precision-province"),
        }
    }
}

/// The national capital: its county's id, and its symbol (a ring with a dot, as national
/// atlases and OpenStreetMap draw capitals; no site category uses it).
pub const CAPITAL_REGION_ID: &str = "KP-01-pyongyang";
pub const CAPITAL_RADIUS: f32 = 6.0;
pub const CAPITAL_DOT: f32 = 2.6;
pub const CAPITAL_RING_WIDTH: f32 = 2.0;

/// Font sizes of the map's labels, in screen points.
pub const CAPITAL_LABEL_SIZE: f32 = 14.5;
pub const PROVINCE_LABEL_SIZE: f32 = 14.0;
pub const COUNTY_LABEL_SIZE: f32 = 11.5;
pub const FLOW_LABEL_SIZE: f32 = 12.0;

/// Height of one line of label text at `size`.
pub fn line_height(size: f32) -> f32 {
    size * 1.2
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

/// Reports and events: one marker per place, with a count when several share it; spread into
/// one marker each from this zoom on (or while the pointer is on the group).
pub const EVENT_RADIUS: f32 = 5.0;
/// The radius of a group's marker (room for a two-digit count).
pub const EVENT_GROUP_RADIUS: f32 = 7.0;
pub const EVENTS_SPREAD_FROM_ZOOM: f64 = 10.0;

/// A row of the legend. Both legends (the side panel and exported maps) are this list, drawn
/// with the same symbols as the map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LegendItem {
    StatusHeading,
    Status(SiteStatus),
    CategoryHeading,
    Category(SiteCategory),
    PrecisionHeading,
    Precision(PrecisionCue),
    Capital,
    Flow,
    Event,
    Border,
}

/// What is on the map, for choosing the legend's rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LegendContent {
    pub sites: bool,
    pub categories: Vec<SiteCategory>,
    pub precisions: Vec<PrecisionCue>,
    pub flows: bool,
    pub events: bool,
    pub borders: bool,
}

/// The legend's rows for what the map shows, in order.
pub fn legend_items(c: &LegendContent) -> Vec<LegendItem> {
    let mut rows = Vec::new();
    if c.sites {
        rows.push(LegendItem::StatusHeading);
        rows.extend(LEGEND_STATUSES.map(LegendItem::Status));
        let mut cats = c.categories.clone();
        cats.sort();
        cats.dedup();
        if !cats.is_empty() {
            rows.push(LegendItem::CategoryHeading);
            rows.extend(cats.into_iter().map(LegendItem::Category));
        }
        let present: Vec<PrecisionCue> = PrecisionCue::ALL
            .into_iter()
            .filter(|p| c.precisions.contains(p))
            .collect();
        if !present.is_empty() {
            rows.push(LegendItem::PrecisionHeading);
            rows.extend(present.into_iter().map(LegendItem::Precision));
        }
    }
    if c.borders {
        rows.push(LegendItem::Capital);
    }
    if c.flows {
        rows.push(LegendItem::Flow);
    }
    if c.events {
        rows.push(LegendItem::Event);
    }
    if c.borders {
        rows.push(LegendItem::Border);
    }
    rows
}

impl LegendItem {
    pub fn is_heading(self) -> bool {
        matches!(
            self,
            LegendItem::StatusHeading | LegendItem::CategoryHeading | LegendItem::PrecisionHeading
        )
    }

    pub fn text(self) -> String {
        self.text_in(crate::i18n::language())
    }

    /// [`LegendItem::text`] in a given language (exports choose theirs).
    pub fn text_in(self, lang: crate::i18n::Lang) -> String {
        use crate::t_in;
        match self {
            LegendItem::StatusHeading => t_in!(lang, "carto-legend-status"),
            LegendItem::Status(s) => match s {
                SiteStatus::Announced => t_in!(lang, "carto-status-announced"),
                SiteStatus::UnderConstruction => t_in!(lang, "carto-status-under-construction"),
                SiteStatus::Completed => t_in!(lang, "carto-status-completed"),
                SiteStatus::NotYet => t_in!(lang, "carto-status-not-yet"),
            },
            LegendItem::CategoryHeading => t_in!(lang, "carto-legend-category"),
            LegendItem::Category(c) => crate::i18n::words::category_in(lang, c),
            LegendItem::PrecisionHeading => t_in!(lang, "carto-legend-precision"),
            LegendItem::Precision(p) => p.text_in(lang),
            LegendItem::Capital => t_in!(lang, "carto-legend-capital"),
            LegendItem::Flow => t_in!(lang, "carto-legend-flow"),
            LegendItem::Event => t_in!(lang, "carto-legend-event"),
            LegendItem::Border => t_in!(lang, "carto-legend-border"),
        }
    }
}

/// The symbol a status row of the legend shows: a neutral shape (the circle) with the
/// status's colour and fill level.
pub const LEGEND_STATUS_SYMBOL: Symbol = Symbol::Circle;

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

    fn area(p: &[[f32; 2]]) -> f32 {
        let n = p.len();
        (0..n)
            .map(|i| p[i][0] * p[(i + 1) % n][1] - p[(i + 1) % n][0] * p[i][1])
            .sum::<f32>()
            .abs()
            / 2.0
    }

    #[test]
    fn symbols_parts_cover_their_outline_once() {
        for (_, sym) in CATEGORY_SYMBOLS {
            let s = symbol_shape(sym, 7.0);
            let parts: f32 = s.parts.iter().map(|p| area(p)).sum();
            let whole = area(&s.outline);
            assert!(
                (parts - whole).abs() < 0.05 * whole,
                "{sym:?}: {parts} vs {whole}"
            );
            // About the area of a circle of radius 0.9 r (within a third).
            let circle = std::f32::consts::PI * (0.9f32 * 7.0).powi(2);
            assert!(
                whole > circle * 0.66 && whole < circle * 1.34,
                "{sym:?}: {whole}"
            );
            let below: f32 = s.parts_below(0.0).iter().map(|p| area(p)).sum();
            assert!(
                below > 0.25 * whole && below < 0.8 * whole,
                "{sym:?}: {below}"
            );
        }
    }

    #[test]
    fn every_category_has_a_symbol_of_its_own() {
        for (i, (c, s)) in CATEGORY_SYMBOLS.iter().enumerate() {
            assert_eq!(category_symbol(*c), *s);
            for (d, t) in &CATEGORY_SYMBOLS[i + 1..] {
                assert_ne!(s, t, "{c:?} and {d:?} share a symbol");
            }
        }
        assert_eq!(CATEGORY_SYMBOLS.len(), ALL_CATEGORIES.len());
    }
}
