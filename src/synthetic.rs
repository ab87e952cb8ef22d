//! Synthetic big data for trying and measuring nkmap with large files (`nkmap synth`, the
//! benchmarks): the bundled counties with their edges split into many pieces, in two kinds,
//! and ([`placemarks`]) a KML collection the size of AccessDPRK's.
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
use crate::geography::Geography;
use crate::io::regions::{RegionError, read_regions};
use crate::model::placemark::kml_color;
use crate::model::{
    Area, Folder, PartialDate, Placemark, PlacemarkStyle, Placemarks, Region, Shape, TimeSpan,
};
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

/// The kinds of place AccessDPRK files its placemarks under: (English, Hangul, colour as KML
/// writes it).
const KINDS: [(&str, &str, &str); 10] = [
    ("Factories", "공장", "ff1f77f2"),
    ("Mines", "광산", "ff3c3c8c"),
    ("Farms", "농장", "ff2ca02c"),
    ("Schools", "학교", "ffd67728"),
    ("Hospitals", "병원", "ff2827d6"),
    ("Housing", "살림집", "ffbd6794"),
    ("Monuments", "기념비", "ff4b568c"),
    ("Railway stations", "역", "ffc27fe3"),
    ("Military", "군사시설", "ff7f7f7f"),
    ("Leisure", "유원지", "ffcfbe17"),
];

/// A splitmix64 stream: the same placemarks on every machine.
struct Stream(u64);

impl Stream {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// In [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// `n` placemarks foldered like AccessDPRK: a document, a folder per province, a folder per
/// kind of place in each, placemarks named in Hangul ("무산군 광산 12") at random points inside
/// their county, styled per kind. About one in five has a `TimeSpan` (built or seen from a
/// year between 2005 and 2030, some with an end), one in a hundred is a traced footprint (a
/// polygon with a courtyard hole), one in two hundred a road (a line).
pub fn placemarks(n: usize, geo: &Geography) -> Placemarks {
    let mut out = Placemarks::default();
    let mut rng = Stream(0x6E6B_6D61_7020_3730);
    out.folders.push(Folder {
        name: "AccessDPRK-style collection (synthetic) 북한 지도".to_owned(),
        parent: None,
        visible: true,
    });
    out.styles = KINDS
        .iter()
        .map(|(_, _, color)| PlacemarkStyle {
            icon_color: kml_color(color),
            line_color: kml_color(color),
            poly_color: kml_color(color).map(|[r, g, b, _]| [r, g, b, 0x60]),
            line_width: 2.0,
            ..PlacemarkStyle::default()
        })
        .collect();
    let counties: Vec<&Region> = geo
        .counties
        .iter()
        .filter(|c| !c.geometry.0.is_empty())
        .collect();
    if counties.is_empty() {
        return out;
    }
    // Folder of (province, kind), made on first use, in province order.
    let mut province_folder: Vec<Option<usize>> = vec![None; geo.provinces.len()];
    let mut kind_folder: std::collections::HashMap<(usize, usize), usize> = Default::default();
    let mut raw: Vec<(usize, Placemark)> = Vec::with_capacity(n);
    let mut numbers: std::collections::HashMap<(usize, usize), u32> = Default::default();
    for index in 0..n {
        let ci = rng.below(counties.len());
        let county = counties[ci];
        let kind = rng.below(KINDS.len());
        let at = point_in(&county.geometry, county.seat, &mut rng);
        let pi = geo
            .provinces
            .iter()
            .position(|p| p.id == county.province)
            .unwrap_or(0);
        let pf = match province_folder.get(pi).copied().flatten() {
            Some(f) => f,
            None => {
                let name = geo.provinces.get(pi).map_or_else(
                    || county.province.clone(),
                    |p| format!("{} {}", p.names.en, p.names.ko),
                );
                out.folders.push(Folder {
                    name,
                    parent: Some(0),
                    visible: true,
                });
                let f = out.folders.len() - 1;
                if let Some(slot) = province_folder.get_mut(pi) {
                    *slot = Some(f);
                }
                f
            }
        };
        let folder = *kind_folder.entry((pi, kind)).or_insert_with(|| {
            out.folders.push(Folder {
                name: format!("{} {}", KINDS[kind].0, KINDS[kind].1),
                parent: Some(pf),
                visible: true,
            });
            out.folders.len() - 1
        });
        let number = numbers.entry((ci, kind)).or_insert(0);
        *number += 1;
        let (en, ko, _) = KINDS[kind];
        let name = format!("{} {ko} {}", county.names.ko, number);
        let mut geometry = vec![Shape::Point(at)];
        let roll = rng.unit();
        if roll < 0.01 {
            geometry = vec![Shape::Polygon(footprint(at, &mut rng))];
        } else if roll < 0.015 {
            let end = geo_types::Point::new(
                at.x() + 0.02 * (rng.unit() - 0.5),
                at.y() + 0.02 * (rng.unit() - 0.5),
            );
            geometry = vec![Shape::Line(geo_types::LineString(vec![at.0, end.0]))];
        }
        let time = (rng.unit() < 0.2).then(|| {
            let year = 2005 + rng.below(26) as i32;
            let begin = PartialDate {
                year,
                month: Some(1 + rng.below(12) as u8),
                day: None,
            };
            let end = (rng.unit() < 0.3).then(|| PartialDate {
                year: year + 1 + rng.below(5) as i32,
                month: None,
                day: None,
            });
            TimeSpan {
                begin: Some(begin),
                end,
                stamp: false,
            }
        });
        raw.push((
            folder,
            Placemark {
                name,
                id: Some(format!("p{index}")),
                index,
                folder,
                description: Some(format!(
                    "<p>{en} {number}, {county} County, {province}.</p><p>Synthetic placemark for trying nkmap with an \
                     AccessDPRK-sized file. <a href=\"https://example.org/nkmap/synthetic/{index}\">source</a></p>",
                    county = county.names.en,
                    province = geo.region(&county.province).map_or("", |p| p.names.en.as_str()),
                )),
                geometry,
                style: Some(kind),
                time,
                data: vec![
                    ("kind".to_owned(), en.to_owned()),
                    ("county_id".to_owned(), county.id.clone()),
                ],
                visible: true,
            },
        ));
    }
    // In folder order, as a file lists them; indices follow.
    raw.sort_by_key(|(f, _)| *f);
    out.placemarks = raw
        .into_iter()
        .enumerate()
        .map(|(i, (_, mut p))| {
            p.index = i;
            p
        })
        .collect();
    out
}

/// A random point inside `shape` (its seat after a few misses: thin coastal counties).
fn point_in(
    shape: &MultiPolygon<f64>,
    seat: geo_types::Point<f64>,
    rng: &mut Stream,
) -> geo_types::Point<f64> {
    use geo::{BoundingRect, Contains};
    let Some(b) = shape.bounding_rect() else {
        return seat;
    };
    for _ in 0..24 {
        let p = geo_types::Point::new(
            b.min().x + rng.unit() * b.width(),
            b.min().y + rng.unit() * b.height(),
        );
        if shape.contains(&p) {
            return geo_types::Point::new(round6(p.x()), round6(p.y()));
        }
    }
    seat
}

/// A building's traced outline: a small square with a courtyard.
fn footprint(at: geo_types::Point<f64>, rng: &mut Stream) -> Polygon<f64> {
    let s = 0.0008 + rng.unit() * 0.0015;
    let ring = |h: f64| {
        LineString::from(vec![
            (round6(at.x() - h), round6(at.y() - h)),
            (round6(at.x() + h), round6(at.y() - h)),
            (round6(at.x() + h), round6(at.y() + h)),
            (round6(at.x() - h), round6(at.y() + h)),
            (round6(at.x() - h), round6(at.y() - h)),
        ])
    };
    Polygon::new(ring(s), vec![ring(s / 3.0)])
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
