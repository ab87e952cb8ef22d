//! Synthetic big data for trying and measuring nkmap with large files (`nkmap synth`, the
//! benchmarks): the bundled counties with their edges split into many pieces, in two kinds.
//!
//! - [`densified_counties`]: the extra vertices lie on the original edges. The shapes are the
//!   counties', and every zoom band of the level of detail drops the extra vertices again, so
//!   it measures reading and preparing, not drawing.
//! - [`detailed_counties`] (`nkmap synth --detail`): each edge is replaced by a fractal curve
//!   (midpoint displacement, like a coastline traced at ever finer scales), so the detail is
//!   real: the closer the zoom, the more of it a band must keep. This is the one that measures
//!   drawing a million vertices.
//!
//! In both, a border shared by two counties gets the same points on both sides (computed from
//! the edge's lesser end, the number of pieces and the displacements depending only on the
//! edge), so the tiling stays gap-free. Holes are kept.

use crate::bundled;
use crate::io::regions::{RegionError, read_regions};
use crate::model::{Area, Region};
use geo_types::{Coord, LineString, MultiPolygon, Polygon};

/// Positions (closing positions counted) of the bundled counties as they are.
pub fn county_vertices() -> Result<usize, RegionError> {
    Ok(counties()?.iter().map(|r| positions(&r.geometry)).sum())
}

/// The bundled counties as areas, densified along their edges to about `vertices` positions
/// in all (closing positions counted, as in the file; never fewer than the counties have),
/// coordinates rounded to 6 decimals. Each area is named after its county and has the
/// properties `name` and `county_id`.
pub fn densified_counties(vertices: usize) -> Result<Vec<Area>, RegionError> {
    let counties = counties()?;
    let (edges, rings) = counties
        .iter()
        .flat_map(|r| r.geometry.0.iter())
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .fold((0usize, 0usize), |(e, r), ring| {
            (e + ring.0.len().saturating_sub(1), r + 1)
        });
    // A ring of m edges split into p pieces each has m * p + 1 positions.
    let pieces = (vertices.saturating_sub(rings) as f64 / edges.max(1) as f64).max(1.0);
    Ok(counties
        .iter()
        .map(|r| Area {
            name: r.names.en.clone(),
            properties: vec![
                ("name".to_string(), r.names.en.clone()),
                ("county_id".to_string(), r.id.clone()),
            ],
            geometry: densify(&r.geometry, pieces),
        })
        .collect())
}

/// The bundled counties as areas whose every edge is a fractal curve of about `vertices`
/// positions in all (closing positions counted; never fewer than the counties have),
/// coordinates rounded to 6 decimals, named and with properties as in [`densified_counties`].
pub fn detailed_counties(vertices: usize) -> Result<Vec<Area>, RegionError> {
    let counties = counties()?;
    let pieces = pieces_per_edge(&counties, vertices);
    Ok(counties
        .iter()
        .map(|r| Area {
            name: r.names.en.clone(),
            properties: vec![
                ("name".to_string(), r.names.en.clone()),
                ("county_id".to_string(), r.id.clone()),
            ],
            geometry: roughen(&r.geometry, pieces),
        })
        .collect())
}

/// The average number of pieces per edge that gives about `vertices` positions in all.
fn pieces_per_edge(counties: &[Region], vertices: usize) -> f64 {
    let (edges, rings) = counties
        .iter()
        .flat_map(|r| r.geometry.0.iter())
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .fold((0usize, 0usize), |(e, r), ring| {
            (e + ring.0.len().saturating_sub(1), r + 1)
        });
    (vertices.saturating_sub(rings) as f64 / edges.max(1) as f64).max(1.0)
}

/// How far the midpoint of a piece moves sideways, as a fraction of the piece's length (at
/// most; the hash picks how much and to which side). Small enough that the curves of two
/// edges meeting at a corner sharper than about 20° are the only ones that can touch.
const ROUGHNESS: f64 = 0.09;

/// `shape` with every ring edge replaced by a fractal curve of about `pieces` pieces (a power
/// of two per edge: the two powers around `pieces`, chosen per edge so that the average is
/// `pieces`), coordinates rounded to 6 decimals.
pub fn roughen(shape: &MultiPolygon<f64>, pieces: f64) -> MultiPolygon<f64> {
    let ring = |r: &LineString<f64>| roughen_ring(r, pieces);
    MultiPolygon(
        shape
            .0
            .iter()
            .map(|p| Polygon::new(ring(p.exterior()), p.interiors().iter().map(ring).collect()))
            .collect(),
    )
}

fn roughen_ring(ring: &LineString<f64>, pieces: f64) -> LineString<f64> {
    let levels = pieces.max(1.0).log2();
    let low = levels.floor();
    // Between 2^low and 2^(low+1) pieces: the share of edges that get the extra level.
    let extra = (pieces / 2f64.powf(low) - 1.0).clamp(0.0, 1.0);
    let mut out = Vec::with_capacity((ring.0.len() as f64 * pieces.ceil()) as usize + 1);
    for w in ring.0.windows(2) {
        let (a, b) = (w[0], w[1]);
        let swap = (a.x, a.y) > (b.x, b.y);
        let (p, q) = if swap { (b, a) } else { (a, b) };
        let depth = low as u32 + u32::from(edge_unit(p, q) < extra);
        // From the lesser end, so both sides of a shared border get the same points.
        let mut pts = vec![round(p)];
        displace(p, q, depth, &mut pts);
        if swap {
            pts.reverse();
        }
        pts.pop();
        out.extend(pts);
    }
    if let Some(&last) = ring.0.last() {
        out.push(round(last));
    }
    LineString(out)
}

/// Appends the points after `p` up to and including `q` of the midpoint-displaced curve from
/// `p` to `q`, `depth` halvings deep.
fn displace(p: Coord<f64>, q: Coord<f64>, depth: u32, out: &mut Vec<Coord<f64>>) {
    if depth == 0 {
        out.push(round(q));
        return;
    }
    let (dx, dy) = (q.x - p.x, q.y - p.y);
    // In [-1, 1), from the piece's own ends: the same piece always bends the same way.
    let u = 2.0 * edge_unit(p, q) - 1.0;
    let m = Coord {
        x: (p.x + q.x) / 2.0 - dy * ROUGHNESS * u,
        y: (p.y + q.y) / 2.0 + dx * ROUGHNESS * u,
    };
    // Rounded before it is used as an end, so both walking directions agree bit for bit.
    let m = round(m);
    displace(p, m, depth - 1, out);
    displace(m, q, depth - 1, out);
}

fn round(c: Coord<f64>) -> Coord<f64> {
    Coord {
        x: round6(c.x),
        y: round6(c.y),
    }
}

/// `shape` with every ring edge split into about `pieces` pieces (a whole number of pieces per
/// edge: `pieces` rounded down or up, chosen per edge so that the average is `pieces`),
/// coordinates rounded to 6 decimals.
pub fn densify(shape: &MultiPolygon<f64>, pieces: f64) -> MultiPolygon<f64> {
    MultiPolygon(
        shape
            .0
            .iter()
            .map(|p| {
                Polygon::new(
                    densify_ring(p.exterior(), pieces),
                    p.interiors()
                        .iter()
                        .map(|r| densify_ring(r, pieces))
                        .collect(),
                )
            })
            .collect(),
    )
}

/// Positions in a shape, closing positions counted.
pub fn positions(shape: &MultiPolygon<f64>) -> usize {
    shape
        .0
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .map(|r| r.0.len())
        .sum()
}

fn counties() -> Result<Vec<Region>, RegionError> {
    read_regions(
        bundled::COUNTIES_GEOJSON,
        "assets/boundaries/counties.geojson",
    )
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// A number in [0, 1) from an edge's two ends, whichever way the edge is walked.
fn edge_unit(p: Coord<f64>, q: Coord<f64>) -> f64 {
    // splitmix64 over the four coordinates' bits.
    let mut h: u64 = 0x9E37_79B9_7F4A_7C15;
    for v in [p.x, p.y, q.x, q.y] {
        h ^= v.to_bits();
        h = h.wrapping_add(0x9E37_79B9_7F4A_7C15);
        h = (h ^ (h >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        h = (h ^ (h >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        h ^= h >> 31;
    }
    (h >> 11) as f64 / (1u64 << 53) as f64
}

fn densify_ring(ring: &LineString<f64>, pieces: f64) -> LineString<f64> {
    let whole = pieces.floor();
    let fraction = pieces - whole;
    let mut out = Vec::with_capacity((ring.0.len() as f64 * pieces.ceil()) as usize + 1);
    for w in ring.0.windows(2) {
        let (a, b) = (w[0], w[1]);
        let swap = (a.x, a.y) > (b.x, b.y);
        let (p, q) = if swap { (b, a) } else { (a, b) };
        let k = whole as usize + usize::from(edge_unit(p, q) < fraction);
        let k = k.max(1);
        let mut pts: Vec<Coord<f64>> = (0..k)
            .map(|j| {
                let t = j as f64 / k as f64;
                Coord {
                    x: round6(p.x + (q.x - p.x) * t),
                    y: round6(p.y + (q.y - p.y) * t),
                }
            })
            .collect();
        if swap {
            // From b's side the run is b..a; walking a→b we need a, then the inner points.
            pts.push(Coord {
                x: round6(q.x),
                y: round6(q.y),
            });
            pts.reverse();
            pts.pop();
        }
        out.extend(pts);
    }
    if let Some(&last) = ring.0.last() {
        out.push(Coord {
            x: round6(last.x),
            y: round6(last.y),
        });
    }
    LineString(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn hits_the_vertex_count_and_keeps_shared_edges_equal() {
        let base = county_vertices().unwrap();
        for target in [base, 20_000, 100_000] {
            let areas = densified_counties(target).unwrap();
            assert_eq!(areas.len(), 179);
            let n: usize = areas.iter().map(|a| positions(&a.geometry)).sum();
            let off = (n as f64 - target as f64).abs() / target as f64;
            assert!(off < 0.01, "{target}: got {n}");
        }
        // Fewer than the counties have: the counties as they are.
        let areas = densified_counties(10).unwrap();
        let n: usize = areas.iter().map(|a| positions(&a.geometry)).sum();
        assert_eq!(n, base);
        assert_eq!(areas[0].property("name"), Some(areas[0].name.as_str()));
        assert!(areas[0].property("county_id").unwrap().starts_with("KP-"));
        // Holes are kept.
        let holes = |areas: &[Area]| -> usize {
            areas
                .iter()
                .flat_map(|a| a.geometry.0.iter())
                .map(|p| p.interiors().len())
                .sum()
        };
        let base_holes = holes(&densified_counties(base).unwrap());
        assert!(base_holes > 0);
        assert_eq!(holes(&densified_counties(20_000).unwrap()), base_holes);
    }

    #[test]
    fn detail_hits_the_vertex_count_keeps_shared_edges_equal_and_leaves_the_edges() {
        let target = 100_000;
        let areas = detailed_counties(target).unwrap();
        assert_eq!(areas.len(), 179);
        let n: usize = areas.iter().map(|a| positions(&a.geometry)).sum();
        let off = (n as f64 - target as f64).abs() / target as f64;
        assert!(off < 0.03, "{target}: got {n}");
        // A shared edge, walked both ways, gives the same curve.
        let a = Coord { x: 129.1, y: 41.2 };
        let b = Coord { x: 129.3, y: 41.25 };
        let there = roughen_ring(&LineString(vec![a, b]), 16.0);
        let mut back = roughen_ring(&LineString(vec![b, a]), 16.0).0;
        back.reverse();
        assert_eq!(there.0, back);
        assert_eq!(there.0.len(), 17);
        // Real detail: the curve leaves the straight edge (densifying would not).
        let far = there
            .0
            .iter()
            .map(|c| ((c.x - a.x) * (b.y - a.y) - (c.y - a.y) * (b.x - a.x)).abs())
            .fold(0.0, f64::max);
        assert!(far > 1e-4, "{far}");
    }

    #[test]
    fn a_shared_edge_gets_the_same_points_both_ways() {
        let a = Coord { x: 0.0, y: 0.0 };
        let b = Coord { x: 1.0, y: 0.5 };
        let there = densify_ring(&LineString(vec![a, b]), 7.5);
        let back = densify_ring(&LineString(vec![b, a]), 7.5);
        let mut reversed = back.0.clone();
        reversed.reverse();
        assert_eq!(there.0, reversed);
        assert!(
            there.0.len() == 8 || there.0.len() == 9,
            "{}",
            there.0.len()
        );
    }
}
