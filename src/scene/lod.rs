//! Level of detail: outlines simplified once per zoom band, without opening gaps between
//! neighbours.
//!
//! Rings are cut into arcs at their junctions (a vertex shared by three or more rings, or where
//! the set of rings sharing the boundary changes). Every arc is simplified with Douglas–Peucker
//! walked in one canonical direction, so the two rings on either side of a border get exactly
//! the same simplified border. One Douglas–Peucker pass gives every vertex its *significance*
//! (the largest tolerance at which it survives); a band keeps the vertices whose significance
//! exceeds its tolerance. Each band's rings are then tessellated again, so fills and outlines
//! of a band agree.

use super::feature::{Local, PreparedFeature};
use geo::TriangulateEarcut;
use geo_types::{Coord, LineString, Polygon};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// The zooms the bands are made for: band `k` is exact to [`TOLERANCE_PX`] up to
/// `BAND_ZOOMS[k]`; above the last band the full-resolution rings are drawn.
pub const BAND_ZOOMS: [f64; 5] = [5.0, 7.0, 9.0, 11.0, 13.0];
/// How far (screen points) a simplified outline may stray from the true one.
pub const TOLERANCE_PX: f64 = 0.4;
/// A band keeping more than this share of the vertices is not worth its memory.
const MAX_SHARE: f64 = 0.7;

/// One zoom band's simplified geometry, laid out like the full-resolution layer.
#[derive(Debug, Clone)]
pub struct Band {
    /// Drawn for zooms up to this one.
    pub max_zoom: f64,
    pub fill_vertices: Vec<Local>,
    pub indices: Vec<u32>,
    pub ring_vertices: Vec<Local>,
    /// Parallel to the layer's features (same bounding boxes).
    pub features: Vec<PreparedFeature>,
}

/// A small, fast hasher for vertex keys (the std SipHash is the slow part at a million keys).
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

fn key(p: Local) -> u64 {
    (u64::from(p[0].to_bits()) << 32) | u64::from(p[1].to_bits())
}

/// Which rings pass through a vertex: up to two ids, `n` = 3 meaning "three or more".
/// Packed into 8 bytes (a map entry is then 16 bytes, not 24).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Owners {
    a: u32,
    b: u32,
}
const MANY: u32 = u32::MAX - 1;
impl Owners {
    fn n(self) -> u8 {
        if self.a == u32::MAX {
            0
        } else if self.b == u32::MAX {
            1
        } else if self.b == MANY {
            3
        } else {
            2
        }
    }
}

fn cmp(p: Local, q: Local) -> Ordering {
    p[0].total_cmp(&q[0]).then(p[1].total_cmp(&q[1]))
}

/// Significance of every ring vertex (parallel to `ring_vertices`); junctions are infinite.
pub fn significance(ring_vertices: &[Local], rings: &[Range<usize>]) -> Vec<f32> {
    let mut owners: HashMap<u64, Owners, BuildHasherDefault<FxHasher>> =
        HashMap::with_capacity_and_hasher(ring_vertices.len(), Default::default());
    for (ri, r) in rings.iter().enumerate() {
        let ri = ri as u32;
        for p in &ring_vertices[r.clone()] {
            let o = owners.entry(key(*p)).or_insert(Owners {
                a: u32::MAX,
                b: u32::MAX,
            });
            if o.a == ri || o.b == ri {
                continue;
            }
            match o.n() {
                0 => {
                    o.a = ri;
                }
                1 => {
                    (o.a, o.b) = (o.a.min(ri), o.a.max(ri));
                }
                _ => o.b = MANY,
            }
        }
    }
    let mut sig = vec![0f32; ring_vertices.len()];
    let mut junctions = Vec::new();
    let mut order = Vec::new();
    let mut stack = Vec::new();
    for r in rings {
        let pts = &ring_vertices[r.clone()];
        let out = &mut sig[r.clone()];
        let n = pts.len();
        if n < 4 {
            out.fill(f32::INFINITY);
            continue;
        }
        let of = |i: usize| owners.get(&key(pts[i])).copied();
        junctions.clear();
        for i in 0..n {
            let me = of(i);
            let is_junction = me.is_some_and(|o| {
                o.n() >= 3 || (o.n() == 2 && (of((i + n - 1) % n) != me || of((i + 1) % n) != me))
            });
            if is_junction {
                junctions.push(i);
            }
        }
        if junctions.is_empty() {
            // A closed arc: start at its least vertex, walk towards the lesser neighbour, and
            // keep the vertex farthest from the start so the ring keeps some area.
            let start = (0..n).min_by(|&i, &j| cmp(pts[i], pts[j])).unwrap_or(0);
            let forward = cmp(pts[(start + 1) % n], pts[(start + n - 1) % n]) != Ordering::Greater;
            order.clear();
            order.extend((0..=n).map(|k| {
                if forward {
                    (start + k) % n
                } else {
                    (start + n - k) % n
                }
            }));
            let s = pts[start];
            let far = (1..n)
                .max_by(|&i, &j| dist2(pts[order[i]], s).total_cmp(&dist2(pts[order[j]], s)))
                .unwrap_or(1);
            out[order[0]] = f32::INFINITY;
            out[order[far]] = f32::INFINITY;
            douglas_peucker(pts, &order[..=far], out, &mut stack);
            douglas_peucker(pts, &order[far..], out, &mut stack);
        } else {
            for w in 0..junctions.len() {
                let a = junctions[w];
                let b = junctions[(w + 1) % junctions.len()];
                let len = if b > a { b - a } else { b + n - a };
                order.clear();
                order.extend((0..=len).map(|k| (a + k) % n));
                let (first, last) = (pts[order[0]], pts[order[len]]);
                let reverse = match cmp(first, last) {
                    Ordering::Greater => true,
                    Ordering::Less => false,
                    Ordering::Equal => {
                        len >= 2 && cmp(pts[order[1]], pts[order[len - 1]]) == Ordering::Greater
                    }
                };
                if reverse {
                    order.reverse();
                }
                out[a] = f32::INFINITY;
                douglas_peucker(pts, &order, out, &mut stack);
            }
        }
    }
    sig
}

fn dist2(p: Local, q: Local) -> f64 {
    let (dx, dy) = (f64::from(p[0] - q[0]), f64::from(p[1] - q[1]));
    dx * dx + dy * dy
}

fn segment_dist2(p: Local, a: Local, b: Local) -> f64 {
    let (ax, ay) = (f64::from(a[0]), f64::from(a[1]));
    let (dx, dy) = (f64::from(b[0]) - ax, f64::from(b[1]) - ay);
    let (px, py) = (f64::from(p[0]) - ax, f64::from(p[1]) - ay);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        ((px * dx + py * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (ex, ey) = (px - t * dx, py - t * dy);
    ex * ex + ey * ey
}

/// Gives each interior vertex of the arc `order` its Douglas–Peucker significance, capped by
/// its parent's so that keeping `sig > tolerance` is exactly Douglas–Peucker at `tolerance`.
fn douglas_peucker(
    pts: &[Local],
    order: &[usize],
    out: &mut [f32],
    stack: &mut Vec<(usize, usize, f32)>,
) {
    if order.len() < 3 {
        return;
    }
    stack.clear();
    stack.push((0, order.len() - 1, f32::INFINITY));
    while let Some((lo, hi, cap)) = stack.pop() {
        if hi <= lo + 1 {
            continue;
        }
        let (a, b) = (pts[order[lo]], pts[order[hi]]);
        let (mut best, mut best_d) = (lo + 1, -1.0);
        for (k, &i) in order.iter().enumerate().take(hi).skip(lo + 1) {
            let d = segment_dist2(pts[i], a, b);
            if d > best_d {
                (best, best_d) = (k, d);
            }
        }
        let d = (best_d.sqrt() as f32).min(cap);
        if d <= 0.0 {
            // All on the chord (a densified straight edge): none of them matters.
            for &i in &order[lo + 1..hi] {
                out[i] = 0.0;
            }
            continue;
        }
        out[order[best]] = d;
        stack.push((lo, best, d));
        stack.push((best, hi, d));
    }
}

/// The bands for a layer; stops early once a band would keep most of the vertices.
pub fn bands(
    ring_vertices: &[Local],
    features: &[PreparedFeature],
    polygon_rings: &[Vec<u32>],
) -> Vec<Band> {
    let rings: Vec<Range<usize>> = features
        .iter()
        .flat_map(|f| f.rings.iter().map(|r| r.start as usize..r.end as usize))
        .collect();
    let sig = significance(ring_vertices, &rings);
    let mut out = Vec::new();
    for &zoom in &BAND_ZOOMS {
        let tol = (TOLERANCE_PX / 2f64.powf(zoom)) as f32;
        let kept = sig.iter().filter(|&&s| s > tol).count();
        if kept as f64 > MAX_SHARE * ring_vertices.len() as f64 {
            break;
        }
        out.push(band(
            zoom,
            tol,
            ring_vertices,
            &sig,
            features,
            polygon_rings,
        ));
    }
    out
}

fn band(
    max_zoom: f64,
    tol: f32,
    ring_vertices: &[Local],
    sig: &[f32],
    features: &[PreparedFeature],
    polygon_rings: &[Vec<u32>],
) -> Band {
    let mut b = Band {
        max_zoom,
        fill_vertices: Vec::new(),
        indices: Vec::new(),
        ring_vertices: Vec::new(),
        features: Vec::with_capacity(features.len()),
    };
    let as_coords = |pts: &[Local]| -> LineString<f64> {
        let mut c: Vec<Coord<f64>> = pts
            .iter()
            .map(|p| Coord {
                x: f64::from(p[0]),
                y: f64::from(p[1]),
            })
            .collect();
        if let Some(&first) = c.first() {
            c.push(first);
        }
        LineString(c)
    };
    for (f, groups) in features.iter().zip(polygon_rings) {
        let tri_start = b.indices.len() as u32;
        let mut rings = Vec::new();
        let mut ring_index = 0usize;
        for &count in groups {
            let mut polygon: Vec<Range<u32>> = Vec::new();
            for k in 0..count as usize {
                let Some(r) = f.rings.get(ring_index + k) else {
                    continue;
                };
                let start = b.ring_vertices.len() as u32;
                let range = r.start as usize..r.end as usize;
                b.ring_vertices.extend(
                    ring_vertices[range.clone()]
                        .iter()
                        .zip(&sig[range])
                        .filter(|(_, s)| **s > tol)
                        .map(|(p, _)| *p),
                );
                let end = b.ring_vertices.len() as u32;
                if end - start < 3 {
                    // Smaller than the tolerance: gone at this zoom (a hole too).
                    b.ring_vertices.truncate(start as usize);
                    if k == 0 {
                        break;
                    }
                    continue;
                }
                polygon.push(start..end);
            }
            ring_index += count as usize;
            let Some(exterior) = polygon.first().cloned() else {
                continue;
            };
            let slice = |r: &Range<u32>| &b.ring_vertices[r.start as usize..r.end as usize];
            let poly = Polygon::new(
                as_coords(slice(&exterior)),
                polygon[1..].iter().map(|r| as_coords(slice(r))).collect(),
            );
            let raw = poly.earcut_triangles_raw();
            let base = b.fill_vertices.len() as u32;
            b.fill_vertices
                .extend(raw.vertices.iter().map(|v| [v[0] as f32, v[1] as f32]));
            b.indices
                .extend(raw.triangle_indices.iter().map(|&i| base + i as u32));
            rings.extend(polygon);
        }
        b.features.push(PreparedFeature {
            triangles: tri_start..b.indices.len() as u32,
            rings,
            bbox: f.bbox,
        });
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two squares side by side sharing a wobbly border, each ring walked its own way.
    fn two_squares() -> (Vec<Local>, Vec<Range<usize>>) {
        let border: Vec<Local> = (0..=20)
            .map(|k| [10.0 + if k % 2 == 0 { 0.01 } else { -0.01 }, k as f32 * 0.5])
            .collect();
        let mut left = vec![[0.0, 0.0]];
        left.extend(border.iter().copied());
        left.push([0.0, 10.0]);
        let mut right: Vec<Local> = border.iter().rev().copied().collect();
        right.push([20.0, 0.0]);
        right.insert(0, [20.0, 10.0]);
        let mut v = left.clone();
        v.extend(right.iter().copied());
        (v, vec![0..left.len(), left.len()..left.len() + right.len()])
    }

    #[test]
    fn shared_borders_simplify_identically_on_both_sides() {
        let (v, rings) = two_squares();
        let sig = significance(&v, &rings);
        for tol in [0.001f32, 0.015, 0.5] {
            let kept = |r: &Range<usize>| -> Vec<[u32; 2]> {
                let mut k: Vec<[u32; 2]> = v[r.clone()]
                    .iter()
                    .zip(&sig[r.clone()])
                    .filter(|(p, s)| **s > tol && (p[0] - 10.0).abs() < 0.1)
                    .map(|(p, _)| [p[0].to_bits(), p[1].to_bits()])
                    .collect();
                k.sort();
                k
            };
            assert_eq!(kept(&rings[0]), kept(&rings[1]), "tolerance {tol}");
        }
        // The wobble (0.02 wide) survives a fine tolerance and goes at a coarse one.
        let on_border = |tol: f32| {
            v[rings[0].clone()]
                .iter()
                .zip(&sig[rings[0].clone()])
                .filter(|(p, s)| **s > tol && (p[0] - 10.0).abs() < 0.1)
                .count()
        };
        assert_eq!(on_border(0.001), 21);
        assert_eq!(on_border(0.5), 2, "only the two junctions are left");
    }

    #[test]
    fn collinear_runs_cost_nothing_and_vanish() {
        let mut v: Vec<Local> = (0..1000).map(|k| [k as f32 * 0.01, 0.0]).collect();
        v.push([10.0, 10.0]);
        let sig = significance(&v, std::slice::from_ref(&(0..v.len())));
        let kept = sig.iter().filter(|&&s| s > 1e-6).count();
        assert!(kept <= 4, "{kept}");
    }
}
