//! The administrative map: provinces, counties and the gazetteer over their names.

use crate::gazetteer::{Gazetteer, Resolution};
use crate::model::{Region, RegionLevel};
use geo::{BoundingRect, Intersects};
use geo_types::{Point, Rect};
use std::collections::HashMap;

/// The part of the world the map shows; records outside it are errors.
pub const MAP_LON: (f64, f64) = (124.0, 131.0);
pub const MAP_LAT: (f64, f64) = (37.5, 43.1);

#[derive(Debug, Clone, Default)]
pub struct Geography {
    pub provinces: Vec<Region>,
    pub counties: Vec<Region>,
    pub gazetteer: Gazetteer,
    by_id: HashMap<String, (RegionLevel, usize)>,
    /// A region's former ids (before its province changed) → its current id.
    former: HashMap<String, String>,
    /// Bounding boxes, to skip most point-in-polygon tests.
    bounds: HashMap<String, Rect<f64>>,
}

impl Geography {
    pub fn new(provinces: Vec<Region>, counties: Vec<Region>) -> Self {
        let gazetteer = Gazetteer::new(&provinces, &counties);
        let mut by_id = HashMap::new();
        let mut bounds = HashMap::new();
        let mut former = HashMap::new();
        for (level, list) in [
            (RegionLevel::Province, &provinces),
            (RegionLevel::County, &counties),
        ] {
            for (i, r) in list.iter().enumerate() {
                by_id.insert(r.id.clone(), (level, i));
                for old in &r.former_ids {
                    former.insert(old.clone(), r.id.clone());
                }
                if let Some(b) = r.geometry.bounding_rect() {
                    bounds.insert(r.id.clone(), b);
                }
            }
        }
        Geography {
            provinces,
            counties,
            gazetteer,
            by_id,
            former,
            bounds,
        }
    }

    /// The region that used to have the id `old` (before its province changed). Readers
    /// accept the old id with a warning naming the new one, so users' files keep working.
    pub fn renamed(&self, old: &str) -> Option<&Region> {
        self.former.get(old).and_then(|id| self.region(id))
    }

    pub fn region(&self, id: &str) -> Option<&Region> {
        match self.by_id.get(id)? {
            (RegionLevel::Province, i) => self.provinces.get(*i),
            (RegionLevel::County, i) => self.counties.get(*i),
        }
    }

    /// Where a region is: its level and its index in `provinces` or `counties`.
    pub fn index_of(&self, id: &str) -> Option<(RegionLevel, usize)> {
        self.by_id.get(id).copied()
    }

    /// The province a region belongs to (itself for a province).
    pub fn province_of(&self, id: &str) -> Option<&Region> {
        let r = self.region(id)?;
        self.region(&r.province)
    }

    pub fn resolve(&self, place: &str) -> Resolution {
        self.gazetteer.resolve(place)
    }

    /// Whether the point lies in the region (boundary included). `None` when the region is
    /// unknown or has no boundary to test against.
    pub fn contains(&self, id: &str, p: Point<f64>) -> Option<bool> {
        let r = self.region(id)?;
        if r.geometry.0.is_empty() {
            return None;
        }
        if let Some(b) = self.bounds.get(id)
            && !b.intersects(&p)
        {
            return Some(false);
        }
        Some(r.geometry.intersects(&p))
    }
}

/// Why a point is off the map, or `None` when it is on it.
pub fn off_map(lon: f64, lat: f64) -> Option<String> {
    if !lon.is_finite() || !lat.is_finite() {
        return Some(crate::t!("diag-coordinates-not-finite"));
    }
    let mut what = Vec::new();
    if !(MAP_LON.0..=MAP_LON.1).contains(&lon) {
        what.push(crate::t!(
            "diag-longitude-off-map",
            value = lon.to_string(),
            range = format!("{}–{}", MAP_LON.0, MAP_LON.1)
        ));
    }
    if !(MAP_LAT.0..=MAP_LAT.1).contains(&lat) {
        what.push(crate::t!(
            "diag-latitude-off-map",
            value = lat.to_string(),
            range = format!("{}–{}", MAP_LAT.0, MAP_LAT.1)
        ));
    }
    if what.is_empty() {
        return None;
    }
    let swapped = (MAP_LON.0..=MAP_LON.1).contains(&lat) && (MAP_LAT.0..=MAP_LAT.1).contains(&lon);
    Some(crate::t!(
        "diag-point-off-map",
        point = format!("[{lon}, {lat}]"),
        what = what.join(&crate::t!("diag-and")),
        swapped = if swapped {
            crate::t!("diag-point-swapped")
        } else {
            String::new()
        }
    ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn off_map_says_which_coordinate() {
        assert_eq!(off_map(129.6, 41.5), None);
        let m = off_map(200.0, 41.5).unwrap();
        assert!(
            m.contains("longitude 200") && !m.contains("latitude"),
            "{m}"
        );
        let m = off_map(41.5, 129.6).unwrap();
        assert!(m.contains("swapped"), "{m}");
        assert!(off_map(f64::NAN, 40.0).is_some());
    }
}
