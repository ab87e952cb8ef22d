//! Placemarks prepared once for drawing and picking: points projected and gridded for
//! clustering at every zoom, lines projected and indexed, polygons tessellated
//! ([`PolygonLayer`]).
//!
//! Seventy thousand points cannot be drawn one by one at country zoom (they would be a blot,
//! and 70,000 shapes a frame). So the points are sorted once into a square grid per integer
//! zoom level, [`CELL_PX`] screen points a side at that zoom; a frame walks only the grid cells
//! in view and draws one mark per cell: the point itself when one is shown there, else a
//! cluster with its count. Which placemarks are shown (folders ticked, the date within their
//! time) changes the counts, not the grids: [`Shown`] holds the choice and sums each level's
//! cells the first time that level is drawn. Picking asks the same cells around the pointer,
//! so what is hit is what was drawn, in a few microseconds.

use super::polygons::PolygonLayer;
use super::{Local, View, to_local};
use crate::model::{Placemarks, Shape};
use geo_types::{MultiPolygon, Polygon};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};
use std::sync::OnceLock;

/// A grid cell's side in screen points at its level's zoom; at zooms between two levels cells
/// are up to twice as large. About a cluster symbol and its gap.
pub const CELL_PX: f64 = 44.0;
/// The finest gridded level; from here on every point in view is drawn on its own.
pub const MAX_LEVEL: usize = 16;

/// Placemark colours where the file sets none (straight-alpha RGBA), shared by the window and
/// the headless renderer: Google Earth's pushpin yellow for points, a dark red for lines and
/// polygon outlines (KML's own default, white, vanishes on a light map), a see-through fill.
pub const DEFAULT_POINT: [u8; 4] = [0xf2, 0xc2, 0x1a, 0xff];
pub const DEFAULT_LINE: [u8; 4] = [0xb0, 0x2a, 0x37, 0xff];
pub const DEFAULT_FILL: [u8; 4] = [0xb0, 0x2a, 0x37, 0x40];
/// Clusters: a deep teal disc with a white count.
pub const CLUSTER_FILL: [u8; 4] = [0x1b, 0x6f, 0x7a, 0xe6];
pub const CLUSTER_TEXT: [u8; 4] = [0xff, 0xff, 0xff, 0xff];
/// The outline of a point: dark, so yellow shows on light land and on a pale sea.
pub const POINT_OUTLINE: [u8; 4] = [0x33, 0x33, 0x33, 0xff];

/// One point of a placemark (a MultiGeometry may have several).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PointMark {
    pub placemark: u32,
    pub at: Local,
}

/// A line of a placemark, projected.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedLine {
    pub placemark: u32,
    pub points: Vec<Local>,
    pub bbox: [Local; 2],
}

/// The points of one level, sorted by cell.
#[derive(Debug, Clone, Default)]
struct Grid {
    /// Cell side in local units.
    cell: f64,
    /// Occupied cells, as (row, column), sorted.
    keys: Vec<(i32, i32)>,
    /// `order[starts[k]..starts[k + 1]]` are the points in cell `k`.
    starts: Vec<u32>,
    order: Vec<u32>,
}

impl Grid {
    fn cell_of(&self, p: Local) -> (i32, i32) {
        let c = |v: f32| (f64::from(v) / self.cell).floor().clamp(-1e9, 1e9) as i32;
        (c(p[1]), c(p[0]))
    }

    fn build(points: &[PointMark], cell: f64) -> Grid {
        let mut g = Grid {
            cell,
            ..Grid::default()
        };
        let mut keyed: Vec<((i32, i32), u32)> = points
            .iter()
            .enumerate()
            .map(|(i, p)| (g.cell_of(p.at), i as u32))
            .collect();
        keyed.sort_unstable();
        g.order = keyed.iter().map(|(_, i)| *i).collect();
        for (k, (key, _)) in keyed.iter().enumerate() {
            if g.keys.last() != Some(key) {
                g.keys.push(*key);
                g.starts.push(k as u32);
            }
        }
        g.starts.push(keyed.len() as u32);
        g
    }

    /// Cell indices meeting the local rectangle, row by row.
    fn cells_in(&self, [min, max]: [Local; 2], mut f: impl FnMut(usize)) {
        let (r0, c0) = self.cell_of(min);
        let (r1, c1) = self.cell_of(max);
        for row in r0..=r1 {
            let mut k = self.keys.partition_point(|&key| key < (row, c0));
            while let Some(&(r, c)) = self.keys.get(k) {
                if r != row || c > c1 {
                    break;
                }
                f(k);
                k += 1;
            }
        }
    }
}

static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// A dataset's placemarks ready for drawing.
#[derive(Debug)]
pub struct PreparedPlacemarks {
    /// Unique per preparation: lets the map keep meshes between frames.
    pub id: u64,
    pub points: Vec<PointMark>,
    tree: RTree<GeomWithData<[f32; 2], u32>>,
    grids: Vec<Grid>,
    pub lines: Vec<PreparedLine>,
    line_tree: RTree<GeomWithData<Rectangle<Local>, u32>>,
    /// The polygons, one feature per placemark that has any.
    pub polygons: Option<PolygonLayer>,
    /// The placemark of each polygon feature.
    pub polygon_owner: Vec<u32>,
    pub placemark_count: usize,
    /// Bounding box of everything, local units.
    pub bounds: Option<[Local; 2]>,
}

/// Something drawn for the placemarks at one view.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    /// One point (an index into [`PreparedPlacemarks::points`]).
    Point(u32),
    /// Several shown points in one grid cell, drawn at their centre with their count.
    Cluster { at: Local, count: u32 },
}

/// What the pointer is over.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Picked {
    Placemark(u32),
    Cluster { at: Local, count: u32 },
}

/// Which placemarks are shown, and per level each grid cell's shown count, centre and one
/// shown point (summed the first time a level is drawn).
#[derive(Debug)]
pub struct Shown {
    /// Unique per choice: what drawn meshes of the placemarks are kept under.
    pub generation: u64,
    pub placemark: Vec<bool>,
    levels: Vec<OnceLock<Vec<CellShown>>>,
    /// How many placemarks are shown.
    pub count: usize,
}

#[derive(Debug, Clone, Copy, Default)]
struct CellShown {
    count: u32,
    first: u32,
    at: Local,
}

/// Screen radius of a cluster of `count`: larger for more, slowly.
pub fn cluster_radius(count: u32) -> f32 {
    10.0 + 3.0 * (count.max(1) as f32).log10()
}

/// Screen radius of a placemark's point at icon scale `scale`.
pub fn point_radius(scale: f32) -> f32 {
    (5.0 * scale).clamp(2.5, 14.0)
}

impl PreparedPlacemarks {
    /// Projects, grids, indexes and tessellates every placemark.
    pub fn prepare(pm: &Placemarks) -> PreparedPlacemarks {
        let mut points = Vec::new();
        let mut lines = Vec::new();
        let mut polygons: Vec<MultiPolygon<f64>> = Vec::new();
        let mut polygon_owner = Vec::new();
        let mut min = [f32::INFINITY; 2];
        let mut max = [f32::NEG_INFINITY; 2];
        let mut grow = |p: Local| {
            min = [min[0].min(p[0]), min[1].min(p[1])];
            max = [max[0].max(p[0]), max[1].max(p[1])];
        };
        for (i, p) in pm.placemarks.iter().enumerate() {
            let i = i as u32;
            let mut own: Vec<Polygon<f64>> = Vec::new();
            for s in &p.geometry {
                match s {
                    Shape::Point(pt) => {
                        let at = to_local(pt.x(), pt.y());
                        grow(at);
                        points.push(PointMark { placemark: i, at });
                    }
                    Shape::Line(l) => {
                        let pts: Vec<Local> = l.0.iter().map(|c| to_local(c.x, c.y)).collect();
                        let mut b = [[f32::INFINITY; 2], [f32::NEG_INFINITY; 2]];
                        for q in &pts {
                            grow(*q);
                            b = [
                                [b[0][0].min(q[0]), b[0][1].min(q[1])],
                                [b[1][0].max(q[0]), b[1][1].max(q[1])],
                            ];
                        }
                        if pts.len() >= 2 {
                            lines.push(PreparedLine {
                                placemark: i,
                                points: pts,
                                bbox: b,
                            });
                        }
                    }
                    Shape::Polygon(poly) => {
                        for c in &poly.exterior().0 {
                            grow(to_local(c.x, c.y));
                        }
                        own.push(poly.clone());
                    }
                }
            }
            if !own.is_empty() {
                polygons.push(MultiPolygon(own));
                polygon_owner.push(i);
            }
        }
        let tree = RTree::bulk_load(
            points
                .iter()
                .enumerate()
                .map(|(k, p)| GeomWithData::new(p.at, k as u32))
                .collect(),
        );
        let line_tree = RTree::bulk_load(
            lines
                .iter()
                .enumerate()
                .map(|(k, l)| {
                    GeomWithData::new(Rectangle::from_corners(l.bbox[0], l.bbox[1]), k as u32)
                })
                .collect(),
        );
        // Levels until one where every point is alone in its cell: finer ones would be the same.
        let mut grids = Vec::new();
        for level in 0..=MAX_LEVEL {
            let g = Grid::build(&points, CELL_PX / 2f64.powi(level as i32));
            let alone = g.keys.len() == points.len();
            grids.push(g);
            if alone {
                break;
            }
        }
        PreparedPlacemarks {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            points,
            tree,
            grids,
            lines,
            line_tree,
            polygons: (!polygons.is_empty())
                .then(|| PolygonLayer::prepare(polygons.iter(), super::origin())),
            polygon_owner,
            placemark_count: pm.placemarks.len(),
            bounds: min[0].is_finite().then_some([min, max]),
        }
    }

    /// The choice of shown placemarks (`shown(i)` for placemark `i`), ready for drawing.
    pub fn shown(&self, shown: impl Fn(usize) -> bool) -> Shown {
        let placemark: Vec<bool> = (0..self.placemark_count).map(shown).collect();
        Shown {
            generation: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            count: placemark.iter().filter(|s| **s).count(),
            placemark,
            levels: (0..self.grids.len()).map(|_| OnceLock::new()).collect(),
        }
    }

    fn point_shown(&self, shown: &Shown, k: u32) -> bool {
        self.points.get(k as usize).is_some_and(|p| {
            shown
                .placemark
                .get(p.placemark as usize)
                .copied()
                .unwrap_or(false)
        })
    }

    /// Each cell's shown points at one level, summed on first use.
    fn level<'s>(&self, shown: &'s Shown, level: usize) -> Option<&'s [CellShown]> {
        let grid = self.grids.get(level)?;
        let cells = shown.levels.get(level)?.get_or_init(|| {
            (0..grid.keys.len())
                .map(|k| {
                    let members = &grid.order[grid.starts[k] as usize..grid.starts[k + 1] as usize];
                    let mut c = CellShown::default();
                    let mut sum = [0f64; 2];
                    for &i in members {
                        if self.point_shown(shown, i)
                            && let Some(p) = self.points.get(i as usize)
                        {
                            if c.count == 0 {
                                c.first = i;
                            }
                            c.count += 1;
                            sum[0] += f64::from(p.at[0]);
                            sum[1] += f64::from(p.at[1]);
                        }
                    }
                    if c.count > 0 {
                        let n = f64::from(c.count);
                        c.at = [(sum[0] / n) as f32, (sum[1] / n) as f32];
                    }
                    c
                })
                .collect()
        });
        Some(cells)
    }

    /// The grid level for a zoom, or `None` where every point is drawn alone (past the last
    /// level, or at a last level where every point already has a cell to itself).
    fn level_for(&self, zoom: f64) -> Option<usize> {
        let l = zoom.floor().max(0.0) as usize;
        let last = self.grids.len().checked_sub(1)?;
        let last_alone = self.grids.get(last)?.keys.len() == self.points.len();
        (l < last || (l == last && !last_alone)).then_some(l)
    }

    /// The marks to draw in the local rectangle `[min, max]` at `zoom`, into `out`.
    pub fn marks_in(&self, shown: &Shown, zoom: f64, rect: [Local; 2], out: &mut Vec<Mark>) {
        match self
            .level_for(zoom)
            .and_then(|l| Some((l, self.level(shown, l)?)))
        {
            Some((l, cells)) => {
                let Some(grid) = self.grids.get(l) else {
                    return;
                };
                grid.cells_in(rect, |k| {
                    if let Some(c) = cells.get(k) {
                        match c.count {
                            0 => {}
                            1 => out.push(Mark::Point(c.first)),
                            n => out.push(Mark::Cluster { at: c.at, count: n }),
                        }
                    }
                });
            }
            None => {
                let env = AABB::from_corners(rect[0], rect[1]);
                let mut found: Vec<u32> = self
                    .tree
                    .locate_in_envelope(&env)
                    .map(|g| g.data)
                    .filter(|&k| self.point_shown(shown, k))
                    .collect();
                // In file order, so later placemarks are drawn on top, as Google Earth does.
                found.sort_unstable();
                out.extend(found.into_iter().map(Mark::Point));
            }
        }
    }

    /// The marks in view (with a margin for symbols at the edge).
    pub fn marks(&self, shown: &Shown, view: &View, out: &mut Vec<Mark>) {
        let margin = 2.0 * cluster_radius(100_000);
        self.marks_in(shown, view.zoom(), view.visible_local(margin), out);
    }

    /// The point, cluster, line or polygon under the screen position `at`: marks first (the
    /// topmost, the one drawn last), then lines within a few points, then polygons.
    /// `radius(placemark)` is the drawn radius of a placemark's point.
    pub fn pick(
        &self,
        shown: &Shown,
        view: &View,
        at: [f32; 2],
        radius: impl Fn(u32) -> f32,
    ) -> Option<Picked> {
        let reach = cluster_radius(100_000).max(14.0) + 2.0;
        let lo = view.to_local([at[0] - reach, at[1] - reach]);
        let hi = view.to_local([at[0] + reach, at[1] + reach]);
        let mut marks = Vec::new();
        self.marks_in(shown, view.zoom(), [lo, hi], &mut marks);
        let d = |p: Local| {
            let s = view.to_screen(p);
            ((s[0] - at[0]).powi(2) + (s[1] - at[1]).powi(2)).sqrt()
        };
        let mut best: Option<(f32, Picked)> = None;
        for m in marks.iter().rev() {
            let (dist, r, picked) = match *m {
                Mark::Point(k) => {
                    let Some(p) = self.points.get(k as usize) else {
                        continue;
                    };
                    (d(p.at), radius(p.placemark), Picked::Placemark(p.placemark))
                }
                Mark::Cluster { at: c, count } => (
                    d(c),
                    cluster_radius(count),
                    Picked::Cluster { at: c, count },
                ),
            };
            if dist <= r + 2.0 && best.is_none_or(|(b, _)| dist < b) {
                best = Some((dist, picked));
            }
        }
        if let Some((_, p)) = best {
            return Some(p);
        }
        let here = view.to_local(at);
        let tol = 5.0;
        let env = AABB::from_corners(
            view.to_local([at[0] - tol, at[1] - tol]),
            view.to_local([at[0] + tol, at[1] + tol]),
        );
        let mut line_hit: Option<(f32, u32)> = None;
        for g in self.line_tree.locate_in_envelope_intersecting(&env) {
            let Some(l) = self.lines.get(g.data as usize) else {
                continue;
            };
            if !shown
                .placemark
                .get(l.placemark as usize)
                .copied()
                .unwrap_or(false)
            {
                continue;
            }
            let screen: Vec<[f32; 2]> = l.points.iter().map(|p| view.to_screen(*p)).collect();
            let dist = super::flows::distance_to_polyline(at, &screen);
            if dist <= tol && line_hit.is_none_or(|(b, _)| dist < b) {
                line_hit = Some((dist, l.placemark));
            }
        }
        if let Some((_, p)) = line_hit {
            return Some(Picked::Placemark(p));
        }
        let polys = self.polygons.as_ref()?;
        polys
            .visible(here, here)
            .filter(|&f| polys.contains(f, here))
            .filter_map(|f| self.polygon_owner.get(f).copied())
            .filter(|&p| shown.placemark.get(p as usize).copied().unwrap_or(false))
            .max()
            .map(Picked::Placemark)
    }

    /// Lines meeting the local rectangle (their indices).
    pub fn lines_in(&self, rect: [Local; 2]) -> impl Iterator<Item = usize> + '_ {
        self.line_tree
            .locate_in_envelope_intersecting(&AABB::from_corners(rect[0], rect[1]))
            .map(|g| g.data as usize)
    }

    /// Where a placemark is, to bring it into view: its bounding box in local units.
    pub fn bbox_of(&self, placemark: u32) -> Option<[Local; 2]> {
        let mut min = [f32::INFINITY; 2];
        let mut max = [f32::NEG_INFINITY; 2];
        let mut grow = |p: Local| {
            min = [min[0].min(p[0]), min[1].min(p[1])];
            max = [max[0].max(p[0]), max[1].max(p[1])];
        };
        self.points
            .iter()
            .filter(|p| p.placemark == placemark)
            .for_each(|p| grow(p.at));
        for l in self.lines.iter().filter(|l| l.placemark == placemark) {
            grow(l.bbox[0]);
            grow(l.bbox[1]);
        }
        if let Some(polys) = &self.polygons {
            for (f, _) in self
                .polygon_owner
                .iter()
                .enumerate()
                .filter(|(_, o)| **o == placemark)
            {
                if let Some(feature) = polys.features.get(f) {
                    grow(feature.bbox[0]);
                    grow(feature.bbox[1]);
                }
            }
        }
        min[0].is_finite().then_some([min, max])
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{Folder, Placemark};
    use geo_types::Point;

    fn placemarks(points: &[(f64, f64)]) -> Placemarks {
        Placemarks {
            folders: vec![Folder {
                name: "f".into(),
                parent: None,
                visible: true,
            }],
            placemarks: points
                .iter()
                .enumerate()
                .map(|(i, &(lon, lat))| Placemark {
                    name: format!("p{i}"),
                    id: None,
                    index: i,
                    folder: 0,
                    description: None,
                    geometry: vec![Shape::Point(Point::new(lon, lat))],
                    style: None,
                    time: None,
                    data: Vec::new(),
                    visible: true,
                })
                .collect(),
            styles: Vec::new(),
        }
    }

    #[test]
    fn close_points_cluster_at_low_zoom_and_part_when_zoomed_in() {
        let pm = placemarks(&[(129.0, 41.0), (129.001, 41.001), (127.0, 39.0)]);
        let p = PreparedPlacemarks::prepare(&pm);
        let all = p.shown(|_| true);
        let view = |zoom: f64| View::new((128.0, 40.0), zoom, [800.0, 500.0], [800.0, 500.0]);
        let mut marks = Vec::new();
        p.marks(&all, &view(7.0), &mut marks);
        assert_eq!(marks.len(), 2, "{marks:?}");
        assert!(
            marks
                .iter()
                .any(|m| matches!(m, Mark::Cluster { count: 2, .. }))
        );
        // Hiding one of the pair leaves the other as a point.
        let some = p.shown(|i| i != 1);
        marks.clear();
        p.marks(&some, &view(7.0), &mut marks);
        assert!(marks.contains(&Mark::Point(0)), "{marks:?}");
        // Zoomed far in, every point is its own mark.
        let v = View::new((129.0005, 41.0005), 18.0, [800.0, 500.0], [800.0, 500.0]);
        marks.clear();
        p.marks(&all, &v, &mut marks);
        assert_eq!(marks, vec![Mark::Point(0), Mark::Point(1)]);
        // Picking finds what is drawn.
        let at = v.to_screen(to_local(129.001, 41.001));
        assert_eq!(p.pick(&all, &v, at, |_| 5.0), Some(Picked::Placemark(1)));
        let v7 = view(7.0);
        let at = v7.to_screen(to_local(129.0005, 41.0005));
        assert!(matches!(
            p.pick(&all, &v7, at, |_| 5.0),
            Some(Picked::Cluster { count: 2, .. })
        ));
        assert_eq!(p.pick(&all, &v7, [0.0, 0.0], |_| 5.0), None);
    }
}
