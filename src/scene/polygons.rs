//! Polygon layers prepared once for drawing and picking: projected, tessellated, indexed.
//!
//! Per frame nothing here is recomputed; the map applies one scale-and-offset to the cached
//! vertices ([`crate::scene::View`]).

pub use super::feature::{Local, PreparedFeature};
use super::lod::{self, Band};
use super::mercator;
use geo::TriangulateEarcut;
use geo_types::{Coord, LineString, MultiPolygon, Polygon};
use rstar::{AABB, RTree, primitives::GeomWithData};

type Indexed = GeomWithData<rstar::primitives::Rectangle<Local>, usize>;

#[derive(Debug, Clone)]
pub struct PolygonLayer {
    pub fill_vertices: Vec<Local>,
    pub indices: Vec<u32>,
    pub ring_vertices: Vec<Local>,
    pub features: Vec<PreparedFeature>,
    /// Simplified copies for zoomed-out views, coarsest first ([`super::lod`]).
    pub bands: Vec<Band>,
    /// Unique per prepared layer: lets the map keep drawn meshes between frames.
    pub id: u64,
    tree: RTree<Indexed>,
}

/// The geometry to draw at one zoom: the full-resolution layer or one of its bands. Feature
/// indices are the layer's.
#[derive(Debug, Clone, Copy)]
pub struct Level<'a> {
    pub fill_vertices: &'a [Local],
    pub indices: &'a [u32],
    pub ring_vertices: &'a [Local],
    pub features: &'a [PreparedFeature],
    /// Which band (None = full resolution).
    pub band: Option<usize>,
}

impl<'a> Level<'a> {
    pub fn triangles(&self, feature: usize) -> &'a [u32] {
        self.features
            .get(feature)
            .and_then(|f| {
                self.indices
                    .get(f.triangles.start as usize..f.triangles.end as usize)
            })
            .unwrap_or(&[])
    }

    /// A feature's fill as its own mesh: the vertices its triangles use, and the triangles'
    /// indices counted from the first of them. None when it has no triangles.
    pub fn fill(&self, feature: usize) -> Option<(&'a [Local], impl Iterator<Item = u32> + 'a)> {
        let tris = self.triangles(feature);
        let (lo, hi) = tris
            .iter()
            .fold((u32::MAX, 0u32), |(lo, hi), &i| (lo.min(i), hi.max(i)));
        let verts = self.fill_vertices.get(lo as usize..=hi as usize)?;
        Some((verts, tris.iter().map(move |&i| i - lo)))
    }

    pub fn rings(&self, feature: usize) -> impl Iterator<Item = &'a [Local]> + 'a {
        let verts = self.ring_vertices;
        self.features
            .get(feature)
            .into_iter()
            .flat_map(|f| f.rings.iter())
            .filter_map(move |r| verts.get(r.start as usize..r.end as usize))
    }
}

static NEXT_LAYER_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl PolygonLayer {
    /// Projects and tessellates `shapes` (lon/lat) relative to `origin` (world pixels).
    /// Degenerate rings (fewer than 3 distinct points, non-finite coordinates) are dropped,
    /// never panicked on.
    pub fn prepare<'a>(
        shapes: impl IntoIterator<Item = &'a MultiPolygon<f64>>,
        origin: [f64; 2],
    ) -> Self {
        let mut layer = PolygonLayer {
            fill_vertices: Vec::new(),
            indices: Vec::new(),
            ring_vertices: Vec::new(),
            features: Vec::new(),
            bands: Vec::new(),
            id: NEXT_LAYER_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            tree: RTree::new(),
        };
        // Rings per polygon of each feature (exterior first), for re-tessellating bands.
        let mut polygon_rings: Vec<Vec<u32>> = Vec::new();
        let local = |c: Coord<f64>| -> Local {
            let p = mercator::project(c.x, c.y);
            [(p[0] - origin[0]) as f32, (p[1] - origin[1]) as f32]
        };
        let mut boxes = Vec::new();
        let shapes: Vec<&MultiPolygon<f64>> = shapes.into_iter().collect();
        let n: usize = shapes
            .iter()
            .flat_map(|s| s.0.iter())
            .map(|p| p.exterior().0.len() + p.interiors().iter().map(|r| r.0.len()).sum::<usize>())
            .sum();
        layer.ring_vertices.reserve_exact(n);
        layer.fill_vertices.reserve_exact(n);
        layer.indices.reserve_exact(3 * n);
        for shape in shapes {
            let tri_start = layer.indices.len() as u32;
            let mut rings = Vec::new();
            let mut groups = Vec::new();
            let mut min = [f32::INFINITY; 2];
            let mut max = [f32::NEG_INFINITY; 2];
            for polygon in &shape.0 {
                let Some(projected) = project_polygon(polygon, &local) else {
                    continue;
                };
                groups.push(1 + projected.interiors().len() as u32);
                for ring in std::iter::once(projected.exterior()).chain(projected.interiors()) {
                    let start = layer.ring_vertices.len() as u32;
                    let coords = without_spikes(&ring.0[..ring.0.len().saturating_sub(1)]);
                    for c in &coords {
                        let p = [c.x as f32, c.y as f32];
                        min = [min[0].min(p[0]), min[1].min(p[1])];
                        max = [max[0].max(p[0]), max[1].max(p[1])];
                        layer.ring_vertices.push(p);
                    }
                    rings.push(start..layer.ring_vertices.len() as u32);
                }
                let raw = projected.earcut_triangles_raw();
                let base = layer.fill_vertices.len() as u32;
                layer
                    .fill_vertices
                    .extend(raw.vertices.iter().map(|v| [v[0] as f32, v[1] as f32]));
                layer
                    .indices
                    .extend(raw.triangle_indices.iter().map(|&i| base + i as u32));
            }
            let index = layer.features.len();
            let bbox = if min[0].is_finite() {
                [min, max]
            } else {
                [[0.0; 2]; 2]
            };
            if min[0].is_finite() {
                boxes.push(GeomWithData::new(
                    rstar::primitives::Rectangle::from_corners(bbox[0], bbox[1]),
                    index,
                ));
            }
            polygon_rings.push(groups);
            layer.features.push(PreparedFeature {
                triangles: tri_start..layer.indices.len() as u32,
                rings,
                bbox,
            });
        }
        layer.tree = RTree::bulk_load(boxes);
        layer.bands = lod::bands(&layer.ring_vertices, &layer.features, &polygon_rings);
        layer
    }

    /// A dataset's areas prepared as one layer (feature i = area i), or None when there are
    /// none: the one way the app, `nkmap render` and the benchmarks prepare them.
    pub fn of_areas(areas: &[crate::model::Area]) -> Option<PolygonLayer> {
        (!areas.is_empty())
            .then(|| PolygonLayer::prepare(areas.iter().map(|a| &a.geometry), super::origin()))
    }

    /// The geometry for drawing at `zoom`: the coarsest band still exact to
    /// [`lod::TOLERANCE_PX`] there, or the full resolution.
    pub fn level(&self, zoom: f64) -> Level<'_> {
        match self.bands.iter().position(|b| zoom <= b.max_zoom + 1e-9) {
            Some(k) => {
                let b = &self.bands[k];
                Level {
                    fill_vertices: &b.fill_vertices,
                    indices: &b.indices,
                    ring_vertices: &b.ring_vertices,
                    features: &b.features,
                    band: Some(k),
                }
            }
            None => self.full(),
        }
    }

    pub fn full(&self) -> Level<'_> {
        Level {
            fill_vertices: &self.fill_vertices,
            indices: &self.indices,
            ring_vertices: &self.ring_vertices,
            features: &self.features,
            band: None,
        }
    }

    /// Features whose bounding box meets the rectangle `[min, max]` (local units).
    pub fn visible(&self, min: Local, max: Local) -> impl Iterator<Item = usize> + '_ {
        self.tree
            .locate_in_envelope_intersecting(&AABB::from_corners(min, max))
            .map(|g| g.data)
    }

    /// The feature containing `p` (local units), by an exact even-odd test over its rings.
    pub fn pick(&self, p: Local) -> Option<usize> {
        self.tree
            .locate_all_at_point(&p)
            .map(|g| g.data)
            .find(|&i| self.contains(i, p))
    }

    pub fn contains(&self, feature: usize, p: Local) -> bool {
        let Some(f) = self.features.get(feature) else {
            return false;
        };
        let mut inside = false;
        for ring in &f.rings {
            let pts = &self.ring_vertices[ring.start as usize..ring.end as usize];
            let mut j = pts.len().wrapping_sub(1);
            for i in 0..pts.len() {
                let (a, b) = (pts[i], pts[j]);
                if (a[1] > p[1]) != (b[1] > p[1])
                    && p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0]
                {
                    inside = !inside;
                }
                j = i;
            }
        }
        inside
    }

    pub fn vertex_count(&self) -> usize {
        self.ring_vertices.len()
    }
}

/// The ring without zero-width spikes (a vertex where the boundary turns straight back).
/// Unions leave them behind, and a stroked path draws a spike as a long hairline out of the
/// polygon, because the join of two opposite segments has no defined direction.
fn without_spikes(ring: &[Coord<f64>]) -> Vec<Coord<f64>> {
    let mut pts: Vec<Coord<f64>> = ring.to_vec();
    let mut changed = true;
    while changed && pts.len() > 3 {
        changed = false;
        let n = pts.len();
        let mut keep = Vec::with_capacity(n);
        for i in 0..n {
            let a = pts[(i + n - 1) % n];
            let b = pts[i];
            let c = pts[(i + 1) % n];
            let (u, v) = ((b.x - a.x, b.y - a.y), (c.x - b.x, c.y - b.y));
            let cross = u.0 * v.1 - u.1 * v.0;
            let dot = u.0 * v.0 + u.1 * v.1;
            let scale = (u.0.hypot(u.1) * v.0.hypot(v.1)).max(f64::MIN_POSITIVE);
            // Turning back on itself: anti-parallel within about 0.06 degrees.
            if dot < 0.0 && cross.abs() / scale < 1e-3 {
                changed = true;
            } else {
                keep.push(b);
            }
        }
        if keep.len() < 3 {
            return pts;
        }
        pts = keep;
    }
    pts
}

fn project_polygon(
    polygon: &Polygon<f64>,
    local: &impl Fn(Coord<f64>) -> Local,
) -> Option<Polygon<f64>> {
    let ring = |ls: &LineString<f64>| -> Option<LineString<f64>> {
        let mut out: Vec<Coord<f64>> = Vec::with_capacity(ls.0.len());
        for c in &ls.0 {
            if !(c.x.is_finite() && c.y.is_finite()) {
                return None;
            }
            let p = local(*c);
            let c = Coord {
                x: f64::from(p[0]),
                y: f64::from(p[1]),
            };
            if out.last() != Some(&c) {
                out.push(c);
            }
        }
        if out.first() != out.last()
            && let Some(&first) = out.first()
        {
            out.push(first);
        }
        (out.len() >= 4).then_some(LineString(out))
    };
    let exterior = ring(polygon.exterior())?;
    let interiors = polygon.interiors().iter().filter_map(ring).collect();
    Some(Polygon::new(exterior, interiors))
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Area, Polygon};
    use geo_types::polygon;

    fn area_of_triangles(layer: &PolygonLayer, f: usize) -> f64 {
        let r = &layer.features[f].triangles;
        layer.indices[r.start as usize..r.end as usize]
            .chunks(3)
            .map(|t| {
                let [a, b, c] = [t[0], t[1], t[2]].map(|i| layer.fill_vertices[i as usize]);
                let (a, b, c) = (
                    [f64::from(a[0]), f64::from(a[1])],
                    [f64::from(b[0]), f64::from(b[1])],
                    [f64::from(c[0]), f64::from(c[1])],
                );
                ((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])).abs() / 2.0
            })
            .sum()
    }

    /// A concave "U" with a hole in its base, in lon/lat near Korea.
    fn u_with_hole() -> MultiPolygon<f64> {
        let p: Polygon<f64> = polygon!(
            exterior: [
                (x: 127.0, y: 40.0), (x: 128.0, y: 40.0), (x: 128.0, y: 41.0), (x: 127.7, y: 41.0),
                (x: 127.7, y: 40.4), (x: 127.3, y: 40.4), (x: 127.3, y: 41.0), (x: 127.0, y: 41.0),
            ],
            interiors: [[
                (x: 127.1, y: 40.1), (x: 127.2, y: 40.1), (x: 127.2, y: 40.2), (x: 127.1, y: 40.2),
            ]],
        );
        MultiPolygon(vec![p])
    }

    #[test]
    fn fills_concave_polygons_with_holes_exactly() {
        let shape = u_with_hole();
        let origin = mercator::project(127.0, 41.0);
        let layer = PolygonLayer::prepare([&shape], origin);
        // Area of the projected polygon, computed independently with geo.
        let projected = project_polygon(&shape.0[0], &|c| {
            let p = mercator::project(c.x, c.y);
            [(p[0] - origin[0]) as f32, (p[1] - origin[1]) as f32]
        });
        let expected = projected.map(|p| p.unsigned_area()).unwrap_or(0.0);
        let got = area_of_triangles(&layer, 0);
        assert!(expected > 0.0);
        assert!(
            (got - expected).abs() / expected < 1e-4,
            "{got} vs {expected}"
        );
        assert_eq!(layer.features[0].rings.len(), 2);
    }

    #[test]
    fn picks_inside_but_not_in_the_notch_or_the_hole() {
        let shape = u_with_hole();
        let origin = mercator::project(127.0, 41.0);
        let layer = PolygonLayer::prepare([&shape], origin);
        let at = |lon, lat| {
            let p = mercator::project(lon, lat);
            [(p[0] - origin[0]) as f32, (p[1] - origin[1]) as f32]
        };
        assert_eq!(layer.pick(at(127.15, 40.6)), Some(0));
        assert_eq!(layer.pick(at(127.5, 40.8)), None, "the notch of the U");
        assert_eq!(layer.pick(at(127.15, 40.15)), None, "the hole");
        assert_eq!(layer.pick(at(126.0, 40.5)), None);
    }

    #[test]
    fn spikes_are_removed_from_outlines() {
        let c = |x: f64, y: f64| Coord { x, y };
        // A square with a spike out of its top edge and straight back.
        let ring = [
            c(0.0, 0.0),
            c(4.0, 0.0),
            c(4.0, 4.0),
            c(2.0, 4.0),
            c(2.0, 9.0),
            c(2.0, 4.0),
            c(0.0, 4.0),
        ];
        let cleaned = without_spikes(&ring);
        assert!(!cleaned.contains(&c(2.0, 9.0)), "{cleaned:?}");
        assert!(cleaned.contains(&c(4.0, 4.0)) && cleaned.contains(&c(0.0, 0.0)));
        // A plain square is untouched.
        let square = [c(0.0, 0.0), c(1.0, 0.0), c(1.0, 1.0), c(0.0, 1.0)];
        assert_eq!(without_spikes(&square), square.to_vec());
    }

    #[test]
    fn degenerate_input_is_dropped_not_panicked_on() {
        let bad = MultiPolygon(vec![
            polygon![(x: 127.0, y: 40.0), (x: 127.0, y: 40.0), (x: 127.0, y: 40.0)],
            polygon![(x: f64::NAN, y: 40.0), (x: 128.0, y: 40.0), (x: 128.0, y: 41.0)],
        ]);
        let layer = PolygonLayer::prepare([&bad], [0.0, 0.0]);
        assert_eq!(layer.features.len(), 1);
        assert!(layer.features[0].triangles.is_empty());
        assert_eq!(layer.pick([0.0, 0.0]), None);
    }
}
