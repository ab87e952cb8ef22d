//! Where the map's marks and names go: one set of rules for the window (`map`) and for
//! exported maps (`render`), so both name the same places. Pure: no egui, no drawing.
//!
//! Per frame, [`layout`] takes the prepared [`Scene`], the view and what the user is looking
//! at, and returns screen positions: site markers (fanned out where several share a point),
//! report groups (one marker with a count per place, spread out when zoomed in or pointed
//! at, never on a site), the capital's symbol, and the labels that fit.
//!
//! Labels are placed greedily by importance, so a less important label is the one that gives
//! way: the capital, provinces, places named by the selection or the search, counties with
//! sites or flow ends, flow labels, other counties. A county with a site is named beside its
//! markers (right, left, above, below, the corners, then further out with a short leader
//! line), never on them. Nothing is measured here: the caller passes the width of a line of
//! text as its renderer will draw it.

use super::palette::{self, Rgba};
use super::{Local, Scene, View};
use crate::geography::Geography;
use crate::model::{Dataset, Region, RegionLevel};

/// An axis-aligned rectangle in screen points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub min: [f32; 2],
    pub max: [f32; 2],
}

impl Rect {
    pub fn new(x0: f32, y0: f32, x1: f32, y1: f32) -> Self {
        Rect {
            min: [x0, y0],
            max: [x1, y1],
        }
    }

    pub fn centered(c: [f32; 2], w: f32, h: f32) -> Self {
        Rect::new(
            c[0] - w / 2.0,
            c[1] - h / 2.0,
            c[0] + w / 2.0,
            c[1] + h / 2.0,
        )
    }

    /// The square around a circle.
    pub fn around(c: [f32; 2], r: f32) -> Self {
        Rect::centered(c, 2.0 * r, 2.0 * r)
    }

    pub fn expand(&self, by: f32) -> Self {
        Rect::new(
            self.min[0] - by,
            self.min[1] - by,
            self.max[0] + by,
            self.max[1] + by,
        )
    }

    pub fn width(&self) -> f32 {
        self.max[0] - self.min[0]
    }

    pub fn height(&self) -> f32 {
        self.max[1] - self.min[1]
    }

    pub fn center(&self) -> [f32; 2] {
        [
            (self.min[0] + self.max[0]) / 2.0,
            (self.min[1] + self.max[1]) / 2.0,
        ]
    }

    pub fn intersects(&self, o: &Rect) -> bool {
        self.min[0] < o.max[0]
            && o.min[0] < self.max[0]
            && self.min[1] < o.max[1]
            && o.min[1] < self.max[1]
    }

    pub fn contains_rect(&self, o: &Rect) -> bool {
        self.min[0] <= o.min[0]
            && self.min[1] <= o.min[1]
            && o.max[0] <= self.max[0]
            && o.max[1] <= self.max[1]
    }

    pub fn contains(&self, p: [f32; 2]) -> bool {
        self.min[0] <= p[0] && p[0] <= self.max[0] && self.min[1] <= p[1] && p[1] <= self.max[1]
    }

    pub fn union(&self, o: &Rect) -> Rect {
        Rect::new(
            self.min[0].min(o.min[0]),
            self.min[1].min(o.min[1]),
            self.max[0].max(o.max[0]),
            self.max[1].max(o.max[1]),
        )
    }

    /// The point of the rectangle nearest to `p`.
    pub fn nearest(&self, p: [f32; 2]) -> [f32; 2] {
        [
            p[0].clamp(self.min[0], self.max[0]),
            p[1].clamp(self.min[1], self.max[1]),
        ]
    }
}

/// Which names region labels show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Names {
    English,
    Korean,
    Both,
}

impl Names {
    pub fn lines(self, r: &Region) -> Vec<String> {
        match self {
            Names::English => vec![r.names.en.clone()],
            Names::Korean => vec![r.names.ko.clone()],
            Names::Both => vec![r.names.en.clone(), r.names.ko.clone()],
        }
    }
}

/// Which layers are on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shown {
    pub provinces: bool,
    pub counties: bool,
    pub labels: bool,
    pub sites: bool,
    pub flows: bool,
    pub events: bool,
}

/// A region the user is looking at: selected, or among the current search's results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Named {
    Province(usize),
    County(usize),
}

/// Everything [`layout`] needs for one frame or one exported image.
pub struct Inputs<'a> {
    pub scene: &'a Scene,
    pub geography: &'a Geography,
    /// Indexed like the scene's `layer` fields; `None` for a hidden data layer.
    pub datasets: &'a [Option<&'a Dataset>],
    pub view: &'a View,
    /// The part of the screen the map fills.
    pub canvas: Rect,
    pub shown: Shown,
    pub names: Names,
    pub named: &'a [Named],
    pub pointer: Option<[f32; 2]>,
    /// Boxes labels and markers keep clear of (an exported map's legend and title).
    pub keep_clear: &'a [Rect],
}

impl Inputs<'_> {
    /// The data layer `layer` of the scene, if it is shown.
    fn dataset(&self, layer: usize) -> Option<&Dataset> {
        self.datasets.get(layer).copied().flatten()
    }
}

/// A site marker on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedSite {
    /// Index into `scene.sites`.
    pub mark: usize,
    pub centre: [f32; 2],
    /// The county it is in (for its label), if known.
    pub county: Option<usize>,
}

/// Reports and events at one place.
#[derive(Debug, Clone, PartialEq)]
pub struct EventGroup {
    /// Indices into `scene.events`.
    pub members: Vec<usize>,
    /// Where the group's marker is (beside the place's sites, never on them).
    pub centre: [f32; 2],
    /// One marker per member, around `centre`, instead of one marker with a count.
    pub spread: bool,
    /// Each member's marker when spread (else all at `centre`).
    pub member_centres: Vec<[f32; 2]>,
}

impl EventGroup {
    /// The marker's radius when not spread.
    pub fn radius(&self) -> f32 {
        if self.members.len() > 1 {
            palette::EVENT_GROUP_RADIUS
        } else {
            palette::EVENT_RADIUS
        }
    }
}

/// What a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LabelOf {
    Capital,
    Province(usize),
    County(usize),
    /// Index into `scene.flows`.
    Flow(usize),
}

/// A label that found room.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLabel {
    pub of: LabelOf,
    pub lines: Vec<String>,
    pub size: f32,
    /// The box, padding included (the halo is drawn over it).
    pub rect: Rect,
    /// From the thing named to the label, when the label had to move away from it.
    pub leader: Option<[[f32; 2]; 2]>,
}

impl PlacedLabel {
    /// Centre of each line of text.
    pub fn line_centres(&self) -> Vec<[f32; 2]> {
        let lh = palette::line_height(self.size);
        let c = self.rect.center();
        let top = c[1] - lh * self.lines.len() as f32 / 2.0;
        (0..self.lines.len())
            .map(|k| [c[0], top + lh * (k as f32 + 0.5)])
            .collect()
    }

    /// The text as one string, lines joined by newlines (what the map reports as drawn).
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }
}

/// The frame's layout.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    pub sites: Vec<PlacedSite>,
    pub events: Vec<EventGroup>,
    /// Where the capital's symbol goes.
    pub capital: Option<[f32; 2]>,
    pub labels: Vec<PlacedLabel>,
}

/// Padding between a label's text and its box.
pub const LABEL_PAD: f32 = 2.0;

/// How far a marker's footprint reaches (its precision ring, else its casing).
pub fn site_footprint(cue: palette::PrecisionCue) -> f32 {
    let r = palette::MARKER_RADIUS;
    cue.ring()
        .map_or(r + palette::CASING_WIDTH / 2.0 + 1.0, |ring| {
            ring.radius * r + ring.width / 2.0
        })
}

/// Where a county's label anchors: its seat (or centre).
fn seat_of(r: &Region) -> Local {
    super::to_local(r.seat.x(), r.seat.y())
}

/// The layout of one frame. `measure(text, size)` is the width of one line of text.
pub fn layout(i: &Inputs<'_>, measure: &mut dyn FnMut(&str, f32) -> f32) -> Layout {
    let mut out = Layout::default();
    let view = i.view;
    let canvas = i.canvas;
    let geo = i.geography;
    let zoom = view.zoom();
    let mut taken: Vec<Rect> = i.keep_clear.to_vec();
    let mut cores: Vec<Rect> = Vec::new();

    // The capital's symbol, part of the base map like the borders.
    let capital_county = county_index(geo, palette::CAPITAL_REGION_ID);
    if i.shown.provinces
        && let Some(c) = capital_county.and_then(|k| geo.counties.get(k))
    {
        let s = view.to_screen(seat_of(c));
        if canvas.expand(palette::CAPITAL_RADIUS).contains(s) {
            out.capital = Some(s);
            taken.push(Rect::around(s, palette::CAPITAL_RADIUS + 2.0));
        }
    }

    // Site markers.
    let mut county_boxes: Vec<(usize, Rect)> = Vec::new();
    if i.shown.sites {
        let r = palette::MARKER_RADIUS;
        let near = canvas.expand(3.0 * r);
        for (k, m) in i.scene.sites.iter().enumerate() {
            let Some(site) = i.dataset(m.layer).and_then(|d| d.sites.get(m.site)) else {
                continue;
            };
            let s = view.to_screen(m.at);
            let [dx, dy] = palette::marker_offset(m.slot, m.slots);
            let c = [s[0] + dx, s[1] + dy];
            if !near.contains(c) {
                continue;
            }
            let county = site
                .region_id
                .as_deref()
                .and_then(|id| county_index(geo, id));
            let footprint = Rect::around(c, site_footprint(palette::precision_cue(site.precision)));
            taken.push(footprint);
            // Province names (area labels, drawn under the markers) only keep off the
            // symbol itself, not its ring.
            cores.push(Rect::around(c, r + palette::CASING_WIDTH / 2.0 + 1.0));
            if let Some(ci) = county {
                match county_boxes.iter_mut().find(|(k, _)| *k == ci) {
                    Some((_, b)) => *b = b.union(&footprint),
                    None => county_boxes.push((ci, footprint)),
                }
            }
            out.sites.push(PlacedSite {
                mark: k,
                centre: c,
                county,
            });
        }
    }

    // Reports and events, grouped by place, beside the sites.
    if i.shown.events {
        out.events = group_events(i, &mut taken);
    }

    if i.shown.labels {
        let requests = label_requests(i, capital_county, &county_boxes, zoom);
        // Whether a point is in a province, by the crossings of its row with the province's
        // outline at this zoom's level of detail: one pass over the outline per row, then a
        // binary search per point (a name's candidates share few rows, and a test per point
        // against thousands of vertices cost milliseconds per frame).
        let level = i.scene.provinces.level(zoom);
        let rows: std::cell::RefCell<std::collections::HashMap<(usize, u32), Vec<f32>>> =
            Default::default();
        let inside = |k: usize, p: [f32; 2]| {
            let mut rows = rows.borrow_mut();
            let xs = rows.entry((k, p[1].to_bits())).or_insert_with(|| {
                let y = view.to_local(p)[1];
                let mut xs = Vec::new();
                for ring in level.rings(k) {
                    let mut j = ring.len().wrapping_sub(1);
                    for (n, a) in ring.iter().enumerate() {
                        if let Some(b) = ring.get(j)
                            && (a[1] > y) != (b[1] > y)
                        {
                            xs.push((b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0]);
                        }
                        j = n;
                    }
                }
                xs.sort_by(f32::total_cmp);
                xs
            });
            let x = view.to_local(p)[0];
            xs.partition_point(|c| *c < x) % 2 == 1
        };
        // Everything but the sites' rings is as hard for province names as for the rest.
        let sites_from = i.keep_clear.len() + usize::from(out.capital.is_some());
        let sites_to = sites_from + out.sites.len();
        let mut hard: Vec<Rect> = taken[..sites_from].to_vec();
        hard.extend(cores);
        hard.extend_from_slice(&taken[sites_to..]);
        out.labels = place_labels(&requests, canvas, &mut taken, &mut hard, measure, &inside);
    }
    out
}

fn county_index(geo: &Geography, id: &str) -> Option<usize> {
    match geo.index_of(id)? {
        (RegionLevel::County, k) => Some(k),
        _ => None,
    }
}

fn group_events(i: &Inputs<'_>, taken: &mut Vec<Rect>) -> Vec<EventGroup> {
    let view = i.view;
    let mut groups: Vec<(Local, Vec<usize>)> = Vec::new();
    for (k, m) in i.scene.events.iter().enumerate() {
        if i.dataset(m.layer).is_none() {
            continue;
        }
        match groups.iter_mut().find(|(at, _)| {
            at[0].to_bits() == m.at[0].to_bits() && at[1].to_bits() == m.at[1].to_bits()
        }) {
            Some((_, members)) => members.push(k),
            None => groups.push((m.at, vec![k])),
        }
    }
    let zoomed_in = view.zoom() >= palette::EVENTS_SPREAD_FROM_ZOOM;
    let mut out = Vec::new();
    for (at, members) in groups {
        let s = view.to_screen(at);
        if !i.canvas.expand(40.0).contains(s) {
            continue;
        }
        let n = members.len();
        let fan = fan_radius(n);
        let collapsed = if n > 1 {
            palette::EVENT_GROUP_RADIUS
        } else {
            palette::EVENT_RADIUS
        };
        // Spread when zoomed in, or while the pointer is on the group (the first test uses
        // where the group would be collapsed, so the group does not run from the pointer).
        let footprint = if zoomed_in && n > 1 {
            fan + palette::EVENT_RADIUS
        } else {
            collapsed
        };
        let centre = event_spot(s, footprint + 1.0, taken);
        let spread = n > 1
            && (zoomed_in
                || i.pointer.is_some_and(|p| {
                    let d = ((p[0] - centre[0]).powi(2) + (p[1] - centre[1]).powi(2)).sqrt();
                    d <= fan + palette::EVENT_RADIUS + 3.0
                }));
        let member_centres = if spread {
            (0..n)
                .map(|k| {
                    let a =
                        k as f32 * std::f32::consts::TAU / n as f32 - std::f32::consts::FRAC_PI_2;
                    [centre[0] + a.cos() * fan, centre[1] + a.sin() * fan]
                })
                .collect()
        } else {
            vec![centre; n]
        };
        let reach = if spread {
            fan + palette::EVENT_RADIUS
        } else {
            collapsed
        };
        taken.push(Rect::around(centre, reach + 1.0));
        out.push(EventGroup {
            members,
            centre,
            spread,
            member_centres,
        });
    }
    out
}

/// Radius of the circle a spread group's markers sit on: room for each marker and a gap.
pub fn fan_radius(n: usize) -> f32 {
    let per = 2.0 * palette::EVENT_RADIUS + 3.0;
    (per * n as f32 / std::f32::consts::TAU).max(palette::EVENT_RADIUS * 2.6)
}

/// Where a group of reports goes: below and left of its place first (where sites are not),
/// then around it, clear of every marker already placed; on the first spot if none is free.
fn event_spot(at: [f32; 2], reach: f32, taken: &[Rect]) -> [f32; 2] {
    let mut first = None;
    for d in [21.0, 30.0, 40.0, 52.0] {
        for k in 0..8 {
            // Start at lower left (135° below the horizontal), then go round.
            let a = std::f32::consts::FRAC_PI_4 * 3.0 + k as f32 * std::f32::consts::FRAC_PI_4;
            let c = [at[0] + a.cos() * d, at[1] + a.sin() * d];
            first.get_or_insert(c);
            let r = Rect::around(c, reach);
            if !taken.iter().any(|t| t.intersects(&r)) {
                return c;
            }
        }
    }
    first.unwrap_or(at)
}

/// How a label may be placed.
#[derive(Debug, Clone, PartialEq)]
enum Anchor {
    /// On the point if possible, else nudged around it; further away with a leader line to
    /// the point if `leader`.
    Point { at: [f32; 2], leader: bool },
    /// Beside the box (markers), never on it; further away with a leader line.
    Beside(Rect),
    /// Above, below or beside one of these points of a line (a flow's curve).
    Along(Vec<[f32; 2]>),
    /// As near the point as there is room, anywhere in the box while the label stays in the
    /// region (a large province: its name anywhere inside it).
    Within { at: [f32; 2], area: Rect },
}

#[derive(Debug, Clone, PartialEq)]
struct Request {
    of: LabelOf,
    lines: Vec<String>,
    size: f32,
    anchor: Anchor,
    /// The province the label's centre must stay in.
    inside: Option<usize>,
}

fn label_requests(
    i: &Inputs<'_>,
    capital_county: Option<usize>,
    county_boxes: &[(usize, Rect)],
    zoom: f64,
) -> Vec<Request> {
    let geo = i.geography;
    let view = i.view;
    let near = i.canvas.expand(60.0);
    let mut out: Vec<Request> = Vec::new();
    let mut counties_done: Vec<usize> = Vec::new();
    let capital_province = capital_county
        .and_then(|c| geo.counties.get(c))
        .and_then(|c| match geo.index_of(&c.province) {
            Some((RegionLevel::Province, k)) => Some(k),
            _ => None,
        });

    // 1. The capital, named after its province-level city.
    let capital_drawn = i.shown.provinces && capital_county.is_some();
    if capital_drawn
        && let (Some(s), Some(p)) = (
            capital_county
                .and_then(|c| geo.counties.get(c))
                .map(|c| view.to_screen(seat_of(c))),
            capital_province.and_then(|p| geo.provinces.get(p)),
        )
        && i.canvas.contains(s)
    {
        out.push(Request {
            of: LabelOf::Capital,
            lines: i.names.lines(p),
            size: palette::CAPITAL_LABEL_SIZE,
            anchor: Anchor::Beside(Rect::around(s, palette::CAPITAL_RADIUS + 1.0)),
            inside: None,
        });
        counties_done.extend(capital_county);
    }

    // 2. Provinces, the smallest first: they have the fewest places to go.
    let province_request = |k: usize| -> Option<Request> {
        let p = geo.provinces.get(k)?;
        let mut s = view.to_screen(super::to_local(p.seat.x(), p.seat.y()));
        // A province smaller on screen than its name may be named from outside, with a leader.
        let small = i.scene.provinces.features.get(k).is_some_and(|f| {
            let w = (f.bbox[1][0] - f.bbox[0][0]) as f64 * view.scale;
            let h = (f.bbox[1][1] - f.bbox[0][1]) as f64 * view.scale;
            w < 120.0 || h < 40.0
        });
        if !near.contains(s) {
            // A large province whose label point is off screen is still named on the part in
            // view, searched from the nearest point of the screen.
            let on_screen = i.scene.provinces.features.get(k).is_some_and(|f| {
                let a = view.to_screen(f.bbox[0]);
                let b = view.to_screen(f.bbox[1]);
                let r = Rect::new(
                    a[0].min(b[0]),
                    a[1].min(b[1]),
                    a[0].max(b[0]),
                    a[1].max(b[1]),
                );
                r.intersects(&i.canvas)
            });
            if small || !on_screen {
                return None;
            }
            s = i.canvas.nearest(s);
        }
        Some(Request {
            of: LabelOf::Province(k),
            lines: i.names.lines(p),
            size: palette::PROVINCE_LABEL_SIZE,
            anchor: if small {
                Anchor::Point {
                    at: s,
                    leader: true,
                }
            } else {
                let f = i.scene.provinces.features.get(k)?;
                let a = view.to_screen(f.bbox[0]);
                let b = view.to_screen(f.bbox[1]);
                Anchor::Within {
                    at: s,
                    // Only the part on screen is worth searching.
                    area: Rect::new(
                        a[0].min(b[0]).max(i.canvas.min[0]),
                        a[1].min(b[1]).max(i.canvas.min[1]),
                        a[0].max(b[0]).min(i.canvas.max[0]),
                        a[1].max(b[1]).min(i.canvas.max[1]),
                    ),
                }
            },
            inside: (!small).then_some(k),
        })
    };
    let mut provinces_done: Vec<usize> = capital_province
        .filter(|_| capital_drawn)
        .into_iter()
        .collect();
    if i.shown.provinces && zoom < palette::PROVINCE_LABELS_BELOW_ZOOM {
        let mut order: Vec<usize> = (0..geo.provinces.len())
            .filter(|k| !provinces_done.contains(k))
            .collect();
        let area = |k: &usize| {
            i.scene.provinces.features.get(*k).map_or(0.0, |f| {
                (f.bbox[1][0] - f.bbox[0][0]) * (f.bbox[1][1] - f.bbox[0][1])
            })
        };
        order.sort_by(|a, b| area(a).total_cmp(&area(b)));
        for k in order {
            out.extend(province_request(k));
            provinces_done.push(k);
        }
    }

    let county_request = |k: usize, anchor_only: bool| -> Option<Request> {
        let c = geo.counties.get(k)?;
        let anchor = match county_boxes.iter().find(|(ci, _)| *ci == k) {
            Some((_, b)) if !anchor_only => Anchor::Beside(*b),
            _ => {
                let s = view.to_screen(seat_of(c));
                if !near.contains(s) {
                    return None;
                }
                Anchor::Point {
                    at: s,
                    leader: !anchor_only,
                }
            }
        };
        Some(Request {
            of: LabelOf::County(k),
            lines: i.names.lines(c),
            size: palette::COUNTY_LABEL_SIZE,
            anchor,
            inside: None,
        })
    };

    // 3. What the user is looking at, at any zoom.
    for n in i.named {
        match *n {
            Named::Province(k) if i.shown.provinces && !provinces_done.contains(&k) => {
                out.extend(province_request(k));
                provinces_done.push(k);
            }
            Named::County(k) if !counties_done.contains(&k) => {
                out.extend(county_request(k, false));
                counties_done.push(k);
            }
            _ => {}
        }
    }

    let counties_on = i.shown.counties && zoom >= palette::COUNTY_LABELS_FROM_ZOOM;
    // 4. Counties with sites or flow ends, in the scene's order (largest first).
    if counties_on {
        let mut ends: Vec<usize> = Vec::new();
        if i.shown.flows {
            for f in &i.scene.flows {
                let Some(flow) = i.dataset(f.layer).and_then(|d| d.flows.get(f.flow)) else {
                    continue;
                };
                let ids = flow
                    .from_region
                    .iter()
                    .chain(flow.to_regions.iter().flatten());
                ends.extend(ids.filter_map(|id| county_index(geo, id)));
            }
        }
        for l in &i.scene.county_labels {
            let k = l.region;
            let marked = county_boxes.iter().any(|(c, _)| *c == k) || ends.contains(&k);
            if marked && !counties_done.contains(&k) {
                out.extend(county_request(k, false));
                counties_done.push(k);
            }
        }
    }

    // 5. Flow labels, the largest mobilizations first, at points of their curve on screen.
    if i.shown.flows {
        let mut flows: Vec<(usize, u32)> = i
            .scene
            .flows
            .iter()
            .enumerate()
            .map(|(k, f)| (k, f.people.unwrap_or(0)))
            .collect();
        flows.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        for (k, _) in flows {
            let Some(f) = i.scene.flows.get(k) else {
                continue;
            };
            let Some(flow) = i.dataset(f.layer).and_then(|d| d.flows.get(f.flow)) else {
                continue;
            };
            let Some(leg) = f.legs.first() else {
                continue;
            };
            let points: Vec<[f32; 2]> = [0.5, 0.35, 0.65, 0.2, 0.8]
                .iter()
                .filter_map(|t| leg.get((t * (leg.len().saturating_sub(1)) as f32) as usize))
                .map(|p| view.to_screen(*p))
                // A label belongs to a flow in view: only points of the curve on screen.
                .filter(|p| i.canvas.contains(*p))
                .collect();
            if points.is_empty() {
                continue;
            }
            out.push(Request {
                of: LabelOf::Flow(k),
                lines: vec![flow.short_label()],
                size: palette::FLOW_LABEL_SIZE,
                anchor: Anchor::Along(points),
                inside: None,
            });
        }
    }

    // 6. Every other county, largest first, on its seat or just beside it.
    if counties_on {
        for l in &i.scene.county_labels {
            if !counties_done.contains(&l.region) {
                out.extend(county_request(l.region, true));
            }
        }
    }
    out
}

/// Places each request in turn on its first free spot; the rest are left out.
fn place_labels(
    requests: &[Request],
    canvas: Rect,
    taken: &mut Vec<Rect>,
    hard: &mut Vec<Rect>,
    measure: &mut dyn FnMut(&str, f32) -> f32,
    inside: &dyn Fn(usize, [f32; 2]) -> bool,
) -> Vec<PlacedLabel> {
    let mut out = Vec::new();
    for r in requests {
        // A province's name that finds no room on one line may take two (as atlases stack
        // "North / Hwanghae" in a narrow province), then a smaller size: a province is never
        // left unnamed while a smaller type would fit.
        let mut variants = vec![(r.lines.clone(), r.size)];
        if matches!(r.of, LabelOf::Province(_)) {
            let stacked = stack(&r.lines);
            variants.extend(stacked.clone().map(|l| (l, r.size)));
            let small = r.size * 0.86;
            variants.push((r.lines.clone(), small));
            variants.extend(stacked.map(|l| (l, small)));
        }
        let n = variants.len();
        for (v, (lines, size)) in variants.iter().enumerate() {
            let size = *size;
            let last = v + 1 == n && n > 1;
            let w = lines.iter().map(|t| measure(t, size)).fold(0.0, f32::max) + 2.0 * LABEL_PAD;
            let h = palette::line_height(size) * lines.len() as f32 + 2.0 * LABEL_PAD;
            let against: &[Rect] = if matches!(r.of, LabelOf::Province(_)) {
                hard
            } else {
                taken
            };
            let free =
                |b: &Rect| canvas.contains_rect(b) && !against.iter().any(|t| t.intersects(b));
            let spot = candidates(&r.anchor, w, h).into_iter().find(|(b, _)| {
                free(b)
                    && r.inside.is_none_or(|k| {
                        // The middle and both ends of the name in its region (the last
                        // resort, only the middle).
                        let c = b.center();
                        let q = b.width() * 0.3;
                        inside(k, c)
                            && (last || inside(k, [c[0] - q, c[1]]) && inside(k, [c[0] + q, c[1]]))
                    })
            });
            if let Some((rect, leader)) = spot {
                taken.push(rect);
                hard.push(rect);
                out.push(PlacedLabel {
                    of: r.of,
                    lines: lines.clone(),
                    size,
                    rect,
                    leader,
                });
                break;
            }
        }
    }
    out
}

/// The first line split at its first space ("North Hwanghae" → "North", "Hwanghae").
fn stack(lines: &[String]) -> Option<Vec<String>> {
    let (first, rest) = lines.split_first()?;
    let (a, b) = first.split_once(' ')?;
    let mut out = vec![a.to_owned(), b.to_owned()];
    out.extend(rest.iter().cloned());
    Some(out)
}

/// The spots to try, best first, each with its leader line (if it needs one).
fn candidates(anchor: &Anchor, w: f32, h: f32) -> Vec<(Rect, Option<[[f32; 2]; 2]>)> {
    const GAP: f32 = 2.0;
    // Right, left, above, below, then the four corners: (dx, dy) in units of the room.
    const AROUND: [[f32; 2]; 8] = [
        [1.0, 0.0],
        [-1.0, 0.0],
        [0.0, -1.0],
        [0.0, 1.0],
        [1.0, -1.0],
        [-1.0, -1.0],
        [1.0, 1.0],
        [-1.0, 1.0],
    ];
    let beside = |t: &Rect, dir: [f32; 2], extra: f32| {
        let c = t.center();
        let x = match dir[0] {
            d if d > 0.0 => t.max[0] + GAP + extra + w / 2.0,
            d if d < 0.0 => t.min[0] - GAP - extra - w / 2.0,
            _ => c[0],
        };
        let y = match dir[1] {
            d if d > 0.0 => t.max[1] + GAP + extra + h / 2.0,
            d if d < 0.0 => t.min[1] - GAP - extra - h / 2.0,
            _ => c[1],
        };
        Rect::centered([x, y], w, h)
    };
    let leader_to = |t: &Rect, b: &Rect| {
        let from = t.nearest(b.center());
        let to = b.nearest(from);
        [from, to]
    };
    let mut out = Vec::new();
    match anchor {
        Anchor::Point { at, leader } => {
            out.push((Rect::centered(*at, w, h), None));
            let dot = Rect::around(*at, 2.0);
            // Nudged: touching the point.
            for d in AROUND {
                out.push((beside(&dot, d, 0.0), None));
            }
            if *leader {
                for extra in [14.0, 30.0] {
                    for d in AROUND {
                        let b = beside(&dot, d, extra);
                        out.push((b, Some(leader_to(&dot, &b))));
                    }
                }
            }
        }
        Anchor::Beside(t) => {
            for d in AROUND {
                out.push((beside(t, d, 0.0), None));
            }
            for extra in [12.0, 26.0, 42.0] {
                for d in AROUND {
                    let b = beside(t, d, extra);
                    out.push((b, Some(leader_to(t, &b))));
                }
            }
        }
        Anchor::Within { at, area } => {
            // A grid over the region's box, nearest the point first.
            let (sx, sy) = ((w / 6.0).max(4.0), (h / 2.0).max(4.0));
            let nx = ((area.width() / sx) as i32).clamp(0, 60);
            let ny = ((area.height() / sy) as i32).clamp(0, 60);
            let mut grid: Vec<[f32; 2]> = Vec::with_capacity(((nx + 1) * (ny + 1)) as usize + 1);
            grid.push(*at);
            for gy in 0..=ny {
                for gx in 0..=nx {
                    grid.push([area.min[0] + gx as f32 * sx, area.min[1] + gy as f32 * sy]);
                }
            }
            // Distance with x counted half: a name may slide sideways more than up or down.
            let d = |c: &[f32; 2]| ((c[0] - at[0]) * 0.5).powi(2) + (c[1] - at[1]).powi(2);
            // The nearest four hundred, nearest first (ties in grid order): a name further
            // than that from its point is of little help, and each spot tried costs a test
            // against every placed box. Selecting them before sorting spares sorting a grid
            // of up to 3,700 spots for every name in every frame.
            const TRIED: usize = 400;
            let mut nearest: Vec<(u64, u32)> = grid
                .iter()
                .enumerate()
                .map(|(n, c)| ((d(c) * 16.0) as u64, n as u32))
                .collect();
            if nearest.len() > TRIED {
                nearest.select_nth_unstable(TRIED - 1);
                nearest.truncate(TRIED);
            }
            nearest.sort_unstable();
            out.extend(
                nearest
                    .into_iter()
                    .filter_map(|(_, n)| grid.get(n as usize))
                    .map(|c| (Rect::centered(*c, w, h), None)),
            );
        }
        Anchor::Along(points) => {
            for p in points {
                let dot = Rect::around(*p, 8.0);
                for d in AROUND {
                    out.push((beside(&dot, d, 0.0), None));
                }
            }
            for p in points {
                let dot = Rect::around(*p, 8.0);
                for d in AROUND {
                    out.push((beside(&dot, d, 14.0), None));
                }
            }
        }
    }
    out
}

/// The legend's corner for an exported map: the one of `corners` (best first) over the least
/// land, sampled on a grid of points tested against the provinces.
pub fn emptiest(scene: &Scene, view: &View, corners: &[Rect]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (k, c) in corners.iter().enumerate() {
        let mut land = 0;
        for gy in 0..8 {
            for gx in 0..8 {
                let p = [
                    c.min[0] + c.width() * (gx as f32 + 0.5) / 8.0,
                    c.min[1] + c.height() * (gy as f32 + 0.5) / 8.0,
                ];
                if scene.provinces.pick(view.to_local(p)).is_some() {
                    land += 1;
                }
            }
        }
        if best.is_none_or(|(_, l)| land < l) {
            best = Some((k, land));
        }
    }
    best.map(|(k, _)| k)
}

/// The regions a selection or search names, for [`Inputs::named`].
pub fn named_regions(geo: &Geography, ids: impl IntoIterator<Item = String>) -> Vec<Named> {
    let mut out = Vec::new();
    for id in ids {
        let found = match geo.index_of(&id) {
            Some((RegionLevel::Province, k)) => Some(Named::Province(k)),
            Some((RegionLevel::County, k)) => Some(Named::County(k)),
            None => None,
        };
        if let Some(n) = found
            && !out.contains(&n)
        {
            out.push(n);
        }
    }
    out
}

/// A colour with its alpha scaled.
pub fn faded(c: Rgba, by: f32) -> Rgba {
    let [r, g, b, a] = c.0;
    Rgba([r, g, b, (f32::from(a) * by.clamp(0.0, 1.0)).round() as u8])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beside_a_box_never_on_it() {
        let t = Rect::new(100.0, 100.0, 120.0, 110.0);
        for (b, leader) in candidates(&Anchor::Beside(t), 40.0, 14.0) {
            assert!(!b.intersects(&t), "{b:?}");
            if let Some([from, to]) = leader {
                assert!(t.contains(from) && b.contains(to));
            }
        }
        // The first choice is to the right, vertically centred.
        let (first, _) = &candidates(&Anchor::Beside(t), 40.0, 14.0)[0];
        assert!(first.min[0] >= 120.0 && (first.center()[1] - 105.0).abs() < 0.01);
    }

    #[test]
    fn a_lower_priority_label_gives_way() {
        let canvas = Rect::new(0.0, 0.0, 200.0, 100.0);
        let req = |of, at: [f32; 2], leader| Request {
            of,
            lines: vec!["Name".to_owned()],
            size: 12.0,
            anchor: Anchor::Point { at, leader },
            inside: None,
        };
        // Two labels on the same spot: the first keeps it, the second moves aside (with a
        // leader line to its point).
        let placed = place_labels(
            &[
                req(LabelOf::Province(0), [100.0, 50.0], false),
                req(LabelOf::County(3), [100.0, 50.0], true),
            ],
            canvas,
            &mut Vec::new(),
            &mut Vec::new(),
            &mut |t, s| t.len() as f32 * s * 0.5,
            &|_, _| true,
        );
        assert_eq!(placed.len(), 2);
        assert_eq!(placed[0].rect.center(), [100.0, 50.0]);
        assert!(!placed[0].rect.intersects(&placed[1].rect));
        assert!(placed[1].leader.is_some());
        // With no room at all, the lower one is left out.
        let mut taken = vec![
            Rect::new(0.0, 0.0, 200.0, 38.0),
            Rect::new(0.0, 62.0, 200.0, 100.0),
        ];
        let placed = place_labels(
            &[
                req(LabelOf::Province(0), [100.0, 50.0], false),
                req(LabelOf::County(3), [100.0, 50.0], false),
            ],
            canvas,
            &mut taken.clone(),
            &mut taken,
            &mut |t, s| t.len() as f32 * s * 0.5,
            &|_, _| true,
        );
        assert_eq!(placed.len(), 1);
        assert_eq!(placed[0].of, LabelOf::Province(0));
    }

    #[test]
    fn reports_go_beside_sites() {
        let site = Rect::around([50.0, 50.0], 12.0);
        let c = event_spot([50.0, 50.0], 8.0, &[site]);
        assert!(!Rect::around(c, 8.0).intersects(&site), "{c:?}");
        let fan = fan_radius(12);
        assert!(fan * std::f32::consts::TAU >= 12.0 * 2.0 * palette::EVENT_RADIUS);
    }
}
