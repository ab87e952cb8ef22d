//! Everything prepared once for drawing: projected, tessellated, indexed. Pure: no egui.
//!
//! Data flows one way: model → [`Scene::prepare`] → per frame, a [`View`] (one scale and one
//! offset) maps the cached local coordinates to the screen.

pub mod cartography;
pub mod feature;
pub mod flows;
pub mod lod;
pub mod mercator;
pub mod palette;
pub mod points;
pub mod polygons;

use crate::model::{Dataset, LocationPrecision, Region};
pub use flows::PreparedFlow;
pub use polygons::{Level, Local, PolygonLayer};

/// Where the scene's local coordinates start: the north-west corner of North Korea's
/// bounding box, so that f32 keeps sub-millimetre precision at any useful zoom.
pub const ORIGIN_LON_LAT: (f64, f64) = (124.0, 43.1);

pub fn origin() -> [f64; 2] {
    mercator::project(ORIGIN_LON_LAT.0, ORIGIN_LON_LAT.1)
}

pub fn to_local(lon: f64, lat: f64) -> Local {
    let o = origin();
    let p = mercator::project(lon, lat);
    [(p[0] - o[0]) as f32, (p[1] - o[1]) as f32]
}

pub fn to_lon_lat(p: [f64; 2]) -> (f64, f64) {
    let o = origin();
    mercator::unproject([p[0] + o[0], p[1] + o[1]])
}

/// A label anchor for a region.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionLabel {
    pub region: usize,
    pub anchor: Local,
}

/// A site marker: which record, where, and its slot among markers sharing the same point
/// (they are fanned out on screen so none hides another).
#[derive(Debug, Clone, PartialEq)]
pub struct SiteMark {
    pub layer: usize,
    pub site: usize,
    pub at: Local,
    pub slot: u8,
    pub slots: u8,
}

#[derive(Debug, Clone)]
pub struct Scene {
    pub provinces: PolygonLayer,
    pub counties: PolygonLayer,
    pub province_colors: Vec<u8>,
    pub province_labels: Vec<RegionLabel>,
    pub county_labels: Vec<RegionLabel>,
    pub sites: Vec<SiteMark>,
    /// Event markers; `site` holds the event's index in its layer.
    pub events: Vec<SiteMark>,
    pub flows: Vec<PreparedFlow>,
    /// Bounding box of the country, local units.
    pub bounds: [Local; 2],
}

impl Scene {
    /// Prepares regions and every dataset layer.
    pub fn prepare(provinces: &[Region], counties: &[Region], layers: &[&Dataset]) -> Self {
        let o = origin();
        let province_layer = PolygonLayer::prepare(provinces.iter().map(|r| &r.geometry), o);
        let county_layer = PolygonLayer::prepare(counties.iter().map(|r| &r.geometry), o);
        let labels = |regions: &[Region]| {
            regions
                .iter()
                .enumerate()
                .map(|(i, r)| RegionLabel {
                    region: i,
                    anchor: to_local(r.seat.x(), r.seat.y()),
                })
                .collect()
        };
        let county_labels = largest_first(labels(counties), &county_layer);
        let mut bounds = [[f32::INFINITY; 2], [f32::NEG_INFINITY; 2]];
        for f in &province_layer.features {
            bounds[0] = [
                bounds[0][0].min(f.bbox[0][0]),
                bounds[0][1].min(f.bbox[0][1]),
            ];
            bounds[1] = [
                bounds[1][0].max(f.bbox[1][0]),
                bounds[1][1].max(f.bbox[1][1]),
            ];
        }
        if !bounds[0][0].is_finite() {
            bounds = [to_local(124.2, 43.0), to_local(130.7, 37.7)];
        }
        Scene {
            province_colors: color_map(&province_layer, provinces.len()),
            provinces: province_layer,
            counties: county_layer,
            province_labels: labels(provinces),
            county_labels,
            sites: fan_out(site_marks(layers)),
            events: fan_out(event_marks(layers)),
            flows: flows::prepare_flows(layers),
            bounds,
        }
    }
}

/// Larger counties first: they have the most room and are the most recognisable, so label
/// placement (on screen and in `render`) tries them first. Stable, so output is deterministic.
fn largest_first(mut labels: Vec<RegionLabel>, layer: &PolygonLayer) -> Vec<RegionLabel> {
    let area = |l: &RegionLabel| {
        layer
            .features
            .get(l.region)
            .map(|f| (f.bbox[1][0] - f.bbox[0][0]) * (f.bbox[1][1] - f.bbox[0][1]))
            .unwrap_or(0.0)
    };
    labels.sort_by(|a, b| area(b).total_cmp(&area(a)));
    labels
}

fn site_marks(layers: &[&Dataset]) -> Vec<SiteMark> {
    let mut marks = Vec::new();
    for (layer, data) in layers.iter().enumerate() {
        for (site, s) in data.sites.iter().enumerate() {
            if s.precision == LocationPrecision::Country {
                continue;
            }
            if let Some(p) = s.location {
                marks.push(SiteMark {
                    layer,
                    site,
                    at: to_local(p.x(), p.y()),
                    slot: 0,
                    slots: 1,
                });
            }
        }
    }
    marks
}

fn event_marks(layers: &[&Dataset]) -> Vec<SiteMark> {
    let mut marks = Vec::new();
    for (layer, data) in layers.iter().enumerate() {
        for (index, e) in data.events.iter().enumerate() {
            if let Some(p) = e.location
                && e.precision != LocationPrecision::Country
            {
                marks.push(SiteMark {
                    layer,
                    site: index,
                    at: to_local(p.x(), p.y()),
                    slot: 0,
                    slots: 1,
                });
            }
        }
    }
    marks
}

/// Numbers markers that share a point (several facilities placed at one county seat) so the
/// map can fan them out around it.
fn fan_out(mut marks: Vec<SiteMark>) -> Vec<SiteMark> {
    let mut groups: std::collections::HashMap<[u32; 2], Vec<usize>> = Default::default();
    for (i, m) in marks.iter().enumerate() {
        groups
            .entry([m.at[0].to_bits(), m.at[1].to_bits()])
            .or_default()
            .push(i);
    }
    for members in groups.values() {
        let n = members.len().min(u8::MAX as usize) as u8;
        for (k, &i) in members.iter().enumerate() {
            marks[i].slot = k.min(u8::MAX as usize) as u8;
            marks[i].slots = n;
        }
    }
    marks
}

/// Greedy colouring so that touching provinces get different palette entries.
fn color_map(layer: &PolygonLayer, n: usize) -> Vec<u8> {
    const PALETTE: u8 = 6;
    let mut colors: Vec<u8> = Vec::with_capacity(n);
    for i in 0..n.min(layer.features.len()) {
        let bb = &layer.features[i].bbox;
        let pad = 0.001;
        let neighbours: Vec<usize> = layer
            .visible(
                [bb[0][0] - pad, bb[0][1] - pad],
                [bb[1][0] + pad, bb[1][1] + pad],
            )
            .filter(|&j| j < i && touches(layer, i, j))
            .collect();
        let c = (0..PALETTE)
            .find(|c| !neighbours.iter().any(|&j| colors.get(j) == Some(c)))
            .unwrap_or((i % PALETTE as usize) as u8);
        colors.push(c);
    }
    colors
}

/// Whether two features share a boundary vertex (the bundled tiling shares exact vertices).
fn touches(layer: &PolygonLayer, a: usize, b: usize) -> bool {
    let verts = |f: usize| {
        layer.features[f]
            .rings
            .iter()
            .flat_map(|r| layer.ring_vertices[r.start as usize..r.end as usize].iter())
            .collect::<Vec<_>>()
    };
    let vb = verts(b);
    verts(a).iter().any(|p| {
        vb.iter()
            .any(|q| (p[0] - q[0]).abs() < 1e-5 && (p[1] - q[1]).abs() < 1e-5)
    })
}

/// The per-frame transform: local units → screen points. One scale and one offset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    /// Local coordinates of the screen centre.
    pub center: [f64; 2],
    /// Screen points per local unit (2^zoom).
    pub scale: f64,
    /// Screen position of the centre.
    pub screen_center: [f32; 2],
    /// Half the viewport size in screen points.
    pub half_size: [f32; 2],
}

impl View {
    pub fn new(
        center_lon_lat: (f64, f64),
        zoom: f64,
        screen_center: [f32; 2],
        half_size: [f32; 2],
    ) -> Self {
        let o = origin();
        let c = mercator::project(center_lon_lat.0, center_lon_lat.1);
        View {
            center: [c[0] - o[0], c[1] - o[1]],
            scale: 2f64.powf(zoom),
            screen_center,
            half_size,
        }
    }

    pub fn zoom(&self) -> f64 {
        self.scale.log2()
    }

    #[inline]
    pub fn to_screen(&self, p: Local) -> [f32; 2] {
        [
            ((f64::from(p[0]) - self.center[0]) * self.scale) as f32 + self.screen_center[0],
            ((f64::from(p[1]) - self.center[1]) * self.scale) as f32 + self.screen_center[1],
        ]
    }

    pub fn to_local(&self, s: [f32; 2]) -> Local {
        [
            (f64::from(s[0] - self.screen_center[0]) / self.scale + self.center[0]) as f32,
            (f64::from(s[1] - self.screen_center[1]) / self.scale + self.center[1]) as f32,
        ]
    }

    /// The visible rectangle in local units, grown by `margin` screen points.
    pub fn visible_local(&self, margin: f32) -> [Local; 2] {
        let hw = f64::from(self.half_size[0] + margin) / self.scale;
        let hh = f64::from(self.half_size[1] + margin) / self.scale;
        [
            [(self.center[0] - hw) as f32, (self.center[1] - hh) as f32],
            [(self.center[0] + hw) as f32, (self.center[1] + hh) as f32],
        ]
    }

    /// Metres on the ground per screen point at the view's centre.
    pub fn metres_per_point(&self) -> f64 {
        let (_, lat) = to_lon_lat(self.center);
        mercator::metres_per_world_pixel(lat) / self.scale
    }

    /// The zoom that fits `bounds` (local units) into a viewport of `size` points.
    pub fn zoom_to_fit(bounds: [Local; 2], size: [f32; 2], padding: f32) -> f64 {
        let w = f64::from((bounds[1][0] - bounds[0][0]).abs()).max(1e-9);
        let h = f64::from((bounds[1][1] - bounds[0][1]).abs()).max(1e-9);
        let sx = f64::from((size[0] - 2.0 * padding).max(1.0)) / w;
        let sy = f64::from((size[1] - 2.0 * padding).max(1.0)) / h;
        sx.min(sy).log2().clamp(0.0, 20.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn view_round_trips_and_centres() {
        let v = View::new((127.5, 40.3), 7.0, [800.0, 500.0], [800.0, 500.0]);
        let c = to_local(127.5, 40.3);
        let s = v.to_screen(c);
        assert!((s[0] - 800.0).abs() < 0.01 && (s[1] - 500.0).abs() < 0.01);
        let back = v.to_local([100.0, 900.0]);
        let again = v.to_screen(back);
        assert!((again[0] - 100.0).abs() < 0.01 && (again[1] - 900.0).abs() < 0.01);
        // East is right, north is up.
        assert!(v.to_screen(to_local(128.0, 40.3))[0] > 800.0);
        assert!(v.to_screen(to_local(127.5, 41.0))[1] < 500.0);
    }

    #[test]
    fn fit_zoom_fits() {
        let b = [to_local(124.2, 43.0), to_local(130.7, 37.7)];
        let z = View::zoom_to_fit(b, [1600.0, 1000.0], 20.0);
        assert!(z > 6.0 && z < 8.0, "{z}");
        let v = View::new(
            to_lon_lat([
                f64::from(b[0][0] + b[1][0]) / 2.0,
                f64::from(b[0][1] + b[1][1]) / 2.0,
            ]),
            z,
            [800.0, 500.0],
            [800.0, 500.0],
        );
        for p in [b[0], b[1]] {
            let s = v.to_screen(p);
            assert!(
                s[0] >= 19.0 && s[0] <= 1581.0 && s[1] >= 19.0 && s[1] <= 981.0,
                "{s:?}"
            );
        }
    }
}
