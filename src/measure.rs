//! The measuring tool as a pure state machine: the points clicked, whether the shape is
//! closed, and what follows from them (each leg's geodesic length, the total, the enclosed
//! area), with the text the tool shows and copies.
//!
//! Pure (no egui): the map draws a [`Measurement`] and turns clicks into [`Edit`]s, and
//! `AppState::apply` is the only place one changes. Lengths and areas are on the WGS 84
//! ellipsoid through geo's `Geodesic` and `GeodesicArea` (Karney's algorithms, via
//! geographiclib-rs), accurate to nanometres, not a sphere's 0.5 %. Everything derived is
//! recomputed on each edit (a few points; microseconds) and kept, so drawing a frame projects
//! nothing: the legs are stored as geodesic paths in the scene's local coordinates.

use crate::coords::{self, CoordFormat};
use crate::model::Area;
use crate::scene::{Local, to_local};
use geo::{Distance, Geodesic, GeodesicArea, InterpolatePoint, Point, TriangulateEarcut};
use geo_types::{Coord, LineString, MultiPolygon, Polygon};

/// A change to the measuring tool (`Action::Measure`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Edit {
    /// Turn the tool on (a fresh measurement), or off (Esc), or the other way round (M).
    Start,
    Stop,
    Toggle,
    /// A point clicked on the map: (lon, lat). After a closed shape, starts a new one.
    Add {
        lon: f64,
        lat: f64,
    },
    /// Close the shape (the first point clicked again, or a double-click): three points or
    /// more make an area.
    Close,
    /// Reopen a closed shape, else drop the last point.
    RemoveLast,
    /// Start over, keeping the tool on.
    Clear,
}

/// Carries out `edit` on the tool (`None` while it is off).
pub fn apply(tool: &mut Option<Measurement>, edit: Edit) {
    match edit {
        Edit::Start => {
            tool.get_or_insert_with(Measurement::default);
        }
        Edit::Stop => *tool = None,
        Edit::Toggle => {
            *tool = match tool {
                Some(_) => None,
                None => Some(Measurement::default()),
            }
        }
        _ => {
            if let Some(m) = tool.as_mut() {
                m.edit(edit);
            }
        }
    }
}

/// One leg: between two clicked points (the last leg of a closed shape returns to the first).
#[derive(Debug, Clone, PartialEq)]
pub struct Leg {
    /// Geodesic length, metres.
    pub metres: f64,
    /// The geodesic sampled every few kilometres, in the scene's local coordinates.
    pub path: Vec<Local>,
    /// Halfway along the geodesic, where its length is written.
    pub middle: Local,
}

/// Points clicked, as (lon, lat), and what they measure.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Measurement {
    points: Vec<(f64, f64)>,
    closed: bool,
    legs: Vec<Leg>,
    /// Enclosed area in m², when closed.
    area: Option<f64>,
    /// The closed shape's outline (the legs' paths joined) and its triangles, for the fill.
    fill: Vec<Local>,
    triangles: Vec<u32>,
}

impl Measurement {
    /// A measurement of these points (lon, lat), closed or not: for tests and for saved
    /// shapes.
    pub fn of(points: &[(f64, f64)], closed: bool) -> Self {
        let mut m = Measurement::default();
        for &(lon, lat) in points {
            m.edit(Edit::Add { lon, lat });
        }
        if closed {
            m.edit(Edit::Close);
        }
        m
    }

    fn edit(&mut self, edit: Edit) {
        match edit {
            Edit::Add { lon, lat } => {
                if !(lon.is_finite() && lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
                    return;
                }
                if self.closed {
                    *self = Measurement::default();
                }
                // A double-click's second click, or a click on the last point: no empty leg.
                if self.points.last() == Some(&(lon, lat)) {
                    return;
                }
                self.points.push((lon, lat));
            }
            Edit::Close => {
                if self.points.len() < 3 {
                    return;
                }
                self.closed = true;
            }
            Edit::RemoveLast => {
                if self.closed {
                    self.closed = false;
                } else {
                    self.points.pop();
                }
            }
            Edit::Clear => *self = Measurement::default(),
            Edit::Start | Edit::Stop | Edit::Toggle => return,
        }
        self.derive();
    }

    /// Recomputes the legs, the area and the fill from the points.
    fn derive(&mut self) {
        let pairs: Vec<((f64, f64), (f64, f64))> = {
            let p = &self.points;
            let mut v: Vec<_> = p.windows(2).map(|w| (w[0], w[1])).collect();
            if self.closed
                && let (Some(&last), Some(&first)) = (p.last(), p.first())
            {
                v.push((last, first));
            }
            v
        };
        self.legs = pairs
            .into_iter()
            .map(|((lon1, lat1), (lon2, lat2))| {
                let (a, b) = (Point::new(lon1, lat1), Point::new(lon2, lat2));
                let metres = Geodesic.distance(a, b);
                // Forty samples per leg at most, and none closer than 2 km: smooth at any zoom
                // where the leg is longer than the screen, and cheap for a site's outline.
                let step = (metres / 40.0).max(2_000.0);
                let path = Geodesic
                    .points_along_line(a, b, step, true)
                    .map(|p| to_local(p.x(), p.y()))
                    .collect();
                let mid = Geodesic.point_at_ratio_between(a, b, 0.5);
                Leg {
                    metres,
                    path,
                    middle: to_local(mid.x(), mid.y()),
                }
            })
            .collect();
        self.area = None;
        self.fill.clear();
        self.triangles.clear();
        if let Some(polygon) = self.polygon() {
            self.area = Some(polygon.geodesic_area_signed().abs());
            // The outline as drawn (geodesic legs), triangulated once in local coordinates.
            for leg in &self.legs {
                let n = leg.path.len().saturating_sub(1);
                self.fill.extend(leg.path.iter().take(n));
            }
            let ring: Vec<Coord<f64>> = self
                .fill
                .iter()
                .map(|p| Coord {
                    x: f64::from(p[0]),
                    y: f64::from(p[1]),
                })
                .collect();
            let raw = Polygon::new(LineString::new(ring), vec![]).earcut_triangles_raw();
            self.triangles = raw.triangle_indices.iter().map(|&i| i as u32).collect();
        }
    }

    /// The closed shape as a polygon (lon/lat, counter-clockwise as GeoJSON wants its outer
    /// rings), or `None` while open.
    fn polygon(&self) -> Option<Polygon<f64>> {
        if !self.closed || self.points.len() < 3 {
            return None;
        }
        let mut ring: Vec<Coord<f64>> = self.points.iter().map(|&(x, y)| Coord { x, y }).collect();
        ring.push(ring[0]);
        let mut polygon = Polygon::new(LineString::new(ring.clone()), vec![]);
        if polygon.geodesic_area_signed() < 0.0 {
            ring.reverse();
            polygon = Polygon::new(LineString::new(ring), vec![]);
        }
        Some(polygon)
    }

    /// The points clicked, (lon, lat).
    pub fn points(&self) -> &[(f64, f64)] {
        &self.points
    }

    pub fn is_closed(&self) -> bool {
        self.closed
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// Each leg, the closing one last when closed.
    pub fn legs(&self) -> &[Leg] {
        &self.legs
    }

    /// The sum of the legs, metres: the distance along the line, or the perimeter.
    pub fn length(&self) -> f64 {
        self.legs.iter().map(|l| l.metres).sum()
    }

    /// The enclosed area in m², when closed. Its edges are geodesics (as the legs are drawn);
    /// a shape that crosses itself counts its loops with their signs, as GeographicLib does.
    pub fn area(&self) -> Option<f64> {
        self.area
    }

    /// The closed shape's outline in local coordinates and its triangles (indices into it).
    pub fn fill(&self) -> (&[Local], &[u32]) {
        (&self.fill, &self.triangles)
    }

    /// What the tool shows as its result: the total distance, or the area and perimeter.
    pub fn summary(&self) -> String {
        match self.area {
            Some(a) => crate::t!(
                "measure-summary-area",
                area = format_area(a),
                perimeter = format_distance(self.length())
            ),
            None => crate::t!(
                "measure-summary-distance",
                distance = format_distance(self.length()),
                legs = self.legs.len()
            ),
        }
    }

    /// The text *Copy* puts on the clipboard: the result, then every leg with its ends
    /// written in `format`, then how it was measured.
    pub fn report(&self, format: CoordFormat) -> String {
        let mut lines = vec![self.summary()];
        let n = self.points.len();
        for (i, leg) in self.legs.iter().enumerate() {
            let at = |k: usize| {
                self.points
                    .get(k % n.max(1))
                    .map(|&(lon, lat)| coords::format(lat, lon, format))
                    .unwrap_or_default()
            };
            lines.push(crate::t!(
                "measure-report-leg",
                n = i + 1,
                length = format_distance(leg.metres),
                from = at(i),
                to = at(i + 1)
            ));
        }
        if n == 1
            && let Some(&(lon, lat)) = self.points.first()
        {
            lines.push(coords::format(lat, lon, format));
        }
        lines.push(crate::t!("measure-report-method"));
        let mut text = lines.join("\n");
        text.push('\n');
        text
    }

    /// The closed shape as an area for the user's records: `name`, the measured area and
    /// perimeter as properties, the clicked points as its ring. `None` while open.
    pub fn to_area(&self, name: &str) -> Option<Area> {
        let polygon = self.polygon()?;
        let area = self.area?;
        Some(Area {
            name: name.to_owned(),
            properties: vec![
                ("name".to_owned(), name.to_owned()),
                ("area_m2".to_owned(), format!("{area:.1}")),
                ("area_ha".to_owned(), format!("{:.4}", area / 10_000.0)),
                ("perimeter_m".to_owned(), format!("{:.1}", self.length())),
                (
                    "measured".to_owned(),
                    "geodesic on WGS 84 (nkmap measuring tool)".to_owned(),
                ),
            ],
            geometry: MultiPolygon(vec![polygon]),
        })
    }
}

/// `842.3 m` below a kilometre, `12.345 km` above it (a metre either way).
pub fn format_distance(metres: f64) -> String {
    if metres < 1000.0 {
        crate::t!("measure-metres", value = grouped(metres, 1))
    } else {
        crate::t!("measure-kilometres", value = grouped(metres / 1000.0, 3))
    }
}

/// `6,140.745 km² (614,074.5 ha)` from a square kilometre up, `9.03 ha (90,313 m²)` below.
pub fn format_area(m2: f64) -> String {
    if m2 >= 1_000_000.0 {
        crate::t!(
            "measure-square-kilometres",
            km2 = grouped(m2 / 1e6, 3),
            ha = grouped(m2 / 1e4, 1)
        )
    } else {
        crate::t!(
            "measure-hectares",
            ha = grouped(m2 / 1e4, 2),
            m2 = grouped(m2, 0)
        )
    }
}

/// `v` with `decimals` decimals and thousands separators in the whole part.
fn grouped(v: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, v.abs());
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    let whole = whole
        .parse::<u64>()
        .map(crate::i18n::format_count)
        .unwrap_or_else(|_| whole.to_owned());
    let sign = if v < 0.0 { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(grouped(1234567.891, 2), "1,234,567.89");
        assert_eq!(grouped(999.96, 1), "1,000.0");
        assert_eq!(grouped(12.0, 0), "12");
    }

    #[test]
    fn edits_follow_the_clicks() {
        let mut tool = None;
        apply(&mut tool, Edit::Add { lon: 1.0, lat: 1.0 });
        assert!(tool.is_none(), "points need the tool on");
        apply(&mut tool, Edit::Toggle);
        let add = |tool: &mut Option<Measurement>, lon: f64, lat: f64| {
            apply(tool, Edit::Add { lon, lat })
        };
        add(&mut tool, 125.0, 39.0);
        add(&mut tool, 125.0, 39.0);
        add(&mut tool, 125.1, 39.0);
        apply(&mut tool, Edit::Close);
        let Some(m) = tool.as_ref() else {
            panic!("the tool is on");
        };
        assert_eq!(m.points().len(), 2, "the repeated click adds nothing");
        assert!(!m.is_closed(), "two points enclose nothing");
        add(&mut tool, 125.1, 39.1);
        apply(&mut tool, Edit::Close);
        let Some(m) = tool.as_ref() else {
            panic!("the tool is on");
        };
        assert!(m.is_closed());
        assert_eq!(m.legs().len(), 3);
        assert!(m.area().is_some_and(|a| a > 0.0));
        apply(&mut tool, Edit::RemoveLast);
        assert!(
            tool.as_ref()
                .is_some_and(|m| !m.is_closed() && m.legs().len() == 2)
        );
        apply(&mut tool, Edit::Close);
        add(&mut tool, 126.0, 40.0);
        assert!(
            tool.as_ref().is_some_and(|m| m.points().len() == 1),
            "a click after a closed shape starts a new one"
        );
        apply(&mut tool, Edit::Stop);
        assert!(tool.is_none());
    }
}
