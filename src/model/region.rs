//! Provinces and counties, with every spelling of their names.

use geo_types::{MultiPolygon, Point};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionLevel {
    Province,
    County,
}

/// What a unit is called administratively. Provinces are `Province` or
/// `SpecialCity` (Pyongyang, Rason, Nampho, Kaesong).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionKind {
    Province,
    SpecialCity,
    County,
    City,
    District,
}

impl RegionKind {
    pub fn label(self) -> &'static str {
        match self {
            RegionKind::Province => "Province",
            RegionKind::SpecialCity => "Special city",
            RegionKind::County => "County",
            RegionKind::City => "City",
            RegionKind::District => "District",
        }
    }
}

/// The spellings of one place.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Names {
    /// DPRK English, as KCNA writes it (McCune-Reischauer without breves, `h` for aspiration).
    pub en: String,
    /// McCune-Reischauer with breves.
    pub mr: String,
    /// Revised Romanization (South Korean usage).
    pub rr: String,
    /// Hangul as written in the North (initial ㄹ kept: 량강도).
    pub ko: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// Stable id: ISO 3166-2 code for provinces (`KP-09`), `KP-09-orang` for counties.
    pub id: String,
    pub level: RegionLevel,
    pub kind: RegionKind,
    /// ISO 3166-2 code of the province (the region's own id for a province).
    pub province: String,
    pub names: Names,
    /// Other spellings seen in sources ("Gyongsong", "Yanggang", "양강도").
    pub aliases: Vec<String>,
    /// County seat (or label point), lon/lat.
    pub seat: Point<f64>,
    pub seat_source: String,
    /// Boundary in lon/lat (WGS 84).
    pub geometry: MultiPolygon<f64>,
    /// Ids the region had before its province changed (`KP-02-unjong` for `KP-01-unjong`):
    /// users' files that name the old id still resolve, with a warning naming the new one.
    pub former_ids: Vec<String>,
    /// Why the region is in its province, when that differs from the boundary layer's
    /// original assignment (with the pages that say so).
    pub province_note: Option<String>,
    /// A competing province assignment: which province, according to whom.
    pub province_dispute: Option<ProvinceDispute>,
}

/// Another claim about which province a region belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProvinceDispute {
    /// ISO 3166-2 code of the other province.
    pub province: String,
    pub source: String,
}

impl Region {
    /// Whether `seat` is a named town (from GeoNames) rather than the polygon's centre.
    pub fn has_seat_town(&self) -> bool {
        self.seat_source != "pole_of_inaccessibility"
    }
}
