//! Region fills and outlines on the CPU: the prepared scene's level of detail for the zoom, one
//! scale-and-offset per vertex, outlines stroked straight into one mesh (no per-ring `Vec`s or
//! `Shape`s), and the finished mesh kept between frames while nothing it shows changes (hover
//! elsewhere on the map, panels, animations repaint without touching the geometry).

use crate::scene::{Level, Local, View, palette};
use crate::state::settings::Layer;
use crate::state::{AppState, Selection};
use crate::style::{self, MapColors};
use egui::epaint::tessellator::Path;
use egui::epaint::{PathStroke, Vertex, WHITE_UV};
use egui::{Color32, Context, Id, Mesh, Pos2, Stroke, pos2};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex};

/// Which cached mesh [`add_cached`] is adding: each gets a clip rectangle of its own.
#[derive(Debug, Clone, Copy)]
pub enum Batch {
    Fills,
    Outlines,
    /// An area or placemark layer's polygons, by layer index.
    Layer(usize),
}

/// Adds a cached mesh so that egui copies it once per frame. egui's tessellator appends a
/// shape to the previous shape's output buffer when both have the same clip rectangle, and
/// that buffer grows by reallocation: with small shapes drawn after a large cached mesh, the
/// whole mesh was copied a second time every frame (about a third of a regions-only frame at
/// the country view, `perf record` on the `cpu-time` bench). A clip rectangle narrower than
/// the painter's by a thousandth of a point per batch kind gives the mesh an output buffer of
/// its own; renderers round clip rectangles to whole pixels, so what is drawn does not change.
pub fn add_cached(painter: &egui::Painter, batch: Batch, mesh: Arc<Mesh>) {
    let nth = match batch {
        Batch::Fills => 1,
        Batch::Outlines => 2,
        // Neighbouring layers differ; two apart have other shapes between them.
        Batch::Layer(i) => 3 + (i % 2) as u8,
    };
    painter
        .with_clip_rect(painter.clip_rect().shrink(f32::from(nth) * 1e-3))
        .add(egui::Shape::Mesh(mesh));
}

/// Builds one mesh of fills and outlines in screen points.
pub struct RegionPainter {
    mesh: Mesh,
    path: Path,
    points: Vec<Pos2>,
    feathering: f32,
    clip: egui::Rect,
}

impl RegionPainter {
    /// `capacity`: vertices and indices the last mesh needed, so the buffers grow once.
    pub fn new(ctx: &Context, clip: egui::Rect, capacity: (usize, usize)) -> Self {
        let mut mesh = Mesh::default();
        mesh.vertices.reserve(capacity.0);
        mesh.indices.reserve(capacity.1);
        Self::reusing(ctx, clip, mesh)
    }

    /// Builds into `mesh`'s buffers (emptied first): a mesh rebuilt every frame of a zoom then
    /// reuses last frame's memory instead of asking the allocator for a megabyte again (which
    /// the system hands back page by page, each page a fault on first write).
    pub fn reusing(ctx: &Context, clip: egui::Rect, mut mesh: Mesh) -> Self {
        let ppp = ctx.pixels_per_point();
        let feathering = ctx.tessellation_options(|o| {
            if o.feathering {
                o.feathering_size_in_pixels / ppp
            } else {
                0.0
            }
        });
        mesh.vertices.clear();
        mesh.indices.clear();
        mesh.texture_id = Default::default();
        RegionPainter {
            mesh,
            path: Path::default(),
            points: Vec::new(),
            feathering,
            clip,
        }
    }

    /// A feature's triangles in one colour. Returns whether any triangle was added.
    pub fn fill(&mut self, level: &Level<'_>, feature: usize, view: &View, color: Color32) -> bool {
        if color == Color32::TRANSPARENT {
            return false;
        }
        let Some((verts, tris)) = level.fill(feature) else {
            return false;
        };
        let base = self.mesh.vertices.len() as u32;
        let before = self.mesh.indices.len();
        self.mesh.vertices.extend(verts.iter().map(|v| {
            let s = view.to_screen(*v);
            Vertex {
                pos: pos2(s[0], s[1]),
                uv: WHITE_UV,
                color,
            }
        }));
        self.mesh.indices.extend(tris.map(|i| base + i));
        self.mesh.indices.len() > before
    }

    /// A feature's rings, anti-aliased like egui's own lines. Each ring is stroked as an open
    /// path back to its start: egui miters every corner of a closed loop, and a very sharp
    /// corner on a coastline then shoots a hairline far out to sea (egui issue 1226). Returns
    /// whether any ring was stroked (rings off the painter's area are not).
    pub fn outline(
        &mut self,
        level: &Level<'_>,
        feature: usize,
        view: &View,
        stroke: Stroke,
    ) -> bool {
        if stroke.is_empty() {
            return false;
        }
        let before = self.mesh.indices.len();
        let stroke = PathStroke::from(stroke);
        let margin = 2.0 * stroke.width + self.feathering + 1.0;
        let clip = self.clip.expand(margin);
        for ring in level.rings(feature) {
            self.points.clear();
            self.points.extend(ring.iter().chain(ring.first()).map(|v| {
                let s = view.to_screen(*v);
                pos2(s[0], s[1])
            }));
            if self.points.len() < 4 {
                continue;
            }
            let bb = egui::Rect::from_points(&self.points);
            if !clip.intersects(bb) {
                continue;
            }
            self.path.clear();
            self.path.add_open_points(&self.points);
            self.path
                .stroke_open(self.feathering, &stroke, &mut self.mesh);
        }
        self.mesh.indices.len() > before
    }

    pub fn finish(self) -> Mesh {
        self.mesh
    }
}

/// The last mesh built under an id, what it was built from, and the area it covers.
#[derive(Default)]
struct Kept {
    key: u64,
    mesh: Arc<Mesh>,
    /// What the mesh shows, reported again on every frame that reuses it.
    painted: Arc<Painted>,
    view: Option<View>,
    /// Local rectangle whose features the mesh holds (the view grown by a margin).
    cover: [Local; 2],
    /// The mesh moved by the last pan, and which build of `mesh` it was moved from: the next
    /// pan rewrites its vertices in place once egui has let go of it.
    moved: Arc<Mesh>,
    moved_from: u64,
    /// Counts builds, to tell `moved` from a copy of an older mesh.
    generation: u64,
}

/// How far past the screen (in screen sizes) a mesh is built, so panning can reuse it.
const COVER_MARGIN: f32 = 0.25;

/// The mesh for `key` (everything drawn except the view) at `view`: last frame's when nothing
/// changed; last frame's moved by the pan when only the centre moved and the mesh still covers
/// the screen; else built anew, with the last one's size reserved up front. `build` gets the
/// local rectangle to draw the features of and says what it painted; that comes back with the
/// mesh, also when the mesh is reused.
pub fn cached_mesh(
    ctx: &Context,
    id: Id,
    key: u64,
    view: &View,
    clip: egui::Rect,
    build: impl FnOnce(&mut RegionPainter, [Local; 2]) -> Painted,
) -> (Arc<Mesh>, Arc<Painted>) {
    let kept: Arc<Mutex<Kept>> =
        ctx.data_mut(|d| d.get_temp_mut_or_default::<Arc<Mutex<Kept>>>(id).clone());
    let mut kept = match kept.lock() {
        Ok(k) => k,
        Err(poisoned) => poisoned.into_inner(),
    };
    let [vmin, vmax] = view.visible_local(8.0);
    if let Some(built) = kept.view
        && kept.key == key
        && built.scale == view.scale
        && built.screen_center == view.screen_center
        && built.half_size == view.half_size
        && kept.cover[0][0] <= vmin[0]
        && kept.cover[0][1] <= vmin[1]
        && kept.cover[1][0] >= vmax[0]
        && kept.cover[1][1] >= vmax[1]
    {
        if built.center == view.center {
            return (kept.mesh.clone(), kept.painted.clone());
        }
        let d = egui::vec2(
            ((built.center[0] - view.center[0]) * view.scale) as f32,
            ((built.center[1] - view.center[1]) * view.scale) as f32,
        );
        let kept = &mut *kept;
        let same_build = kept.moved_from == kept.generation;
        match Arc::get_mut(&mut kept.moved) {
            // Last pan's copy, no longer drawn: only the positions change.
            Some(moved) if same_build && moved.vertices.len() == kept.mesh.vertices.len() => {
                for (m, v) in moved.vertices.iter_mut().zip(&kept.mesh.vertices) {
                    m.pos = v.pos + d;
                }
            }
            _ => {
                let mut moved = Mesh {
                    indices: kept.mesh.indices.clone(),
                    vertices: Vec::with_capacity(kept.mesh.vertices.len()),
                    texture_id: kept.mesh.texture_id,
                };
                moved
                    .vertices
                    .extend(kept.mesh.vertices.iter().map(|v| Vertex {
                        pos: v.pos + d,
                        ..*v
                    }));
                kept.moved = Arc::new(moved);
                kept.moved_from = kept.generation;
            }
        }
        return (kept.moved.clone(), kept.painted.clone());
    }
    let grow = egui::vec2(clip.width(), clip.height()) * COVER_MARGIN;
    let cover_rect = clip.expand2(grow);
    let cover = view.visible_local(8.0 + grow.x.max(grow.y));
    // Last build's buffers when nothing else holds them any more (egui drops its copy once
    // the frame is tessellated), else new ones of the same size.
    let mut painter = match Arc::get_mut(&mut kept.mesh) {
        Some(old) => RegionPainter::reusing(ctx, cover_rect, std::mem::take(old)),
        None => RegionPainter::new(
            ctx,
            cover_rect,
            (kept.mesh.vertices.len(), kept.mesh.indices.len()),
        ),
    };
    let painted = build(&mut painter, cover);
    kept.mesh = Arc::new(painter.finish());
    kept.generation += 1;
    kept.painted = Arc::new(painted.sorted());
    kept.key = key;
    kept.view = Some(*view);
    kept.cover = cover;
    (kept.mesh.clone(), kept.painted.clone())
}

/// A hash of everything a region mesh is drawn from.
pub fn key_of(parts: impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}

/// The view's zoom and screen placement as hashable bits (not its centre: a pan reuses the
/// mesh, see [`cached_mesh`]).
pub fn view_bits(view: &View, clip: egui::Rect) -> [u64; 7] {
    [
        view.scale.to_bits(),
        u64::from(view.screen_center[0].to_bits()),
        u64::from(view.screen_center[1].to_bits()),
        u64::from(clip.min.x.to_bits()),
        u64::from(clip.min.y.to_bits()),
        u64::from(clip.max.x.to_bits()),
        u64::from(clip.max.y.to_bits()),
    ]
}

/// A colour or stroke as hashable bits.
pub fn stroke_bits(s: Stroke) -> (u32, [u8; 4]) {
    (s.width.to_bits(), s.color.to_array())
}

/// Where region geometry goes: the CPU painter (screen points, per view) or the GPU builder
/// (local units, once). Both get the same calls in the same order from [`paint_stage`]. Each
/// call returns whether it put any geometry down (a feature without triangles, a transparent
/// colour or, on the CPU, rings off the painted area give none): that, not the call, is what
/// the map reports as drawn.
pub trait RegionSink {
    fn fill(&mut self, level: &Level<'_>, feature: usize, color: Color32) -> bool;
    fn outline(&mut self, level: &Level<'_>, feature: usize, stroke: Stroke) -> bool;
}

/// The features that got geometry in a mesh or a GPU upload, ascending. Kept beside the mesh
/// or drawables, so a frame that reuses them reports what they show; a frame's
/// [`super::DrawStats`] are those of them whose bounding box is on screen.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Painted {
    pub province_fills: Vec<usize>,
    pub county_outlines: Vec<usize>,
    /// Polygons of an area layer, filled or outlined.
    pub areas: Vec<usize>,
}

impl Painted {
    fn sorted(mut self) -> Self {
        for v in [
            &mut self.province_fills,
            &mut self.county_outlines,
            &mut self.areas,
        ] {
            v.sort_unstable();
            v.dedup();
        }
        self
    }

    /// How many of `painted` (ascending) are among `on_screen`.
    pub fn count_on_screen(painted: &[usize], on_screen: impl Iterator<Item = usize>) -> usize {
        on_screen
            .filter(|i| painted.binary_search(i).is_ok())
            .count()
    }
}

/// The CPU painter at one view.
pub struct OnScreen<'p> {
    pub painter: &'p mut RegionPainter,
    pub view: &'p View,
}

impl RegionSink for OnScreen<'_> {
    fn fill(&mut self, level: &Level<'_>, feature: usize, color: Color32) -> bool {
        self.painter.fill(level, feature, self.view, color)
    }
    fn outline(&mut self, level: &Level<'_>, feature: usize, stroke: Stroke) -> bool {
        self.painter.outline(level, feature, self.view, stroke)
    }
}

/// How the regions look this frame: everything but the view and the pointer.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionStyle {
    pub provinces_visible: bool,
    pub county_outlines: bool,
    /// Per province, already dimmed for its layer's opacity and any basemap.
    pub province_fills: Vec<Color32>,
    pub province_stroke: Stroke,
    pub county_stroke: Stroke,
    pub highlight: Color32,
    pub selected: Color32,
    /// The map's own background (none over a basemap).
    pub background: Option<Color32>,
}

impl RegionStyle {
    pub fn new(state: &AppState, colors: &MapColors, zoom: f64) -> Self {
        let settings = &state.settings;
        let prov = settings.layer(Layer::Provinces);
        let counties = settings.layer(Layer::Counties);
        // Over a basemap, no background of our own and see-through province fills.
        let (background, basemap_dim) = if settings.basemap.is_none() {
            (Some(colors.background), 1.0)
        } else {
            (None, 0.35)
        };
        let province_stroke = {
            let s = style::province_border(colors);
            Stroke::new(s.width, s.color.gamma_multiply(prov.opacity.max(0.3)))
        };
        let county_stroke = {
            let s = style::county_border(colors);
            Stroke::new(s.width, s.color.gamma_multiply(counties.opacity))
        };
        let scene = &state.scene;
        RegionStyle {
            provinces_visible: prov.visible,
            county_outlines: counties.visible && zoom >= palette::COUNTY_OUTLINES_FROM_ZOOM,
            province_fills: (0..scene.provinces.features.len())
                .map(|i| {
                    colors
                        .province(scene.province_colors.get(i).copied().unwrap_or(0))
                        .gamma_multiply(prov.opacity * basemap_dim)
                })
                .collect(),
            province_stroke,
            county_stroke,
            highlight: colors.highlight,
            selected: colors.selected,
            background,
        }
    }

    /// A hash of everything here.
    pub fn key(&self) -> u64 {
        key_of((
            self.provinces_visible,
            self.county_outlines,
            self.province_fills
                .iter()
                .map(|c| c.to_array())
                .collect::<Vec<_>>(),
            stroke_bits(self.province_stroke),
            stroke_bits(self.county_stroke),
            self.highlight.to_array(),
            self.selected.to_array(),
            self.background.map(|c| c.to_array()),
        ))
    }
}

/// The region drawing in the order it is layered; the GPU path keeps each stage as its own
/// upload, so hovering rebuilds only the small highlight stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    /// Province fills.
    Fills,
    /// The hovered and the selected region, tinted.
    Highlight,
    /// County outlines (when zoomed in), then province outlines.
    Outlines,
    /// The selected region's outline, on top.
    Selected,
}

impl Stage {
    pub const ALL: [Stage; 4] = [
        Stage::Fills,
        Stage::Highlight,
        Stage::Outlines,
        Stage::Selected,
    ];
}

/// The regions at one zoom, and which of their features to draw.
pub struct RegionsAt<'a> {
    pub provinces: Level<'a>,
    pub counties: Level<'a>,
    pub visible_provinces: &'a [usize],
    pub visible_counties: &'a [usize],
}

/// Sends one stage of the region drawing to `sink`; returns the province fills and county
/// outlines the sink painted.
pub fn paint_stage(
    sink: &mut dyn RegionSink,
    stage: Stage,
    at: &RegionsAt<'_>,
    style: &RegionStyle,
    hovered: Option<Selection>,
    selection: Option<Selection>,
) -> Painted {
    let mut painted = Painted::default();
    match stage {
        Stage::Fills => {
            if style.provinces_visible {
                for &i in at.visible_provinces {
                    let color = style.province_fills.get(i).copied().unwrap_or_default();
                    if sink.fill(&at.provinces, i, color) {
                        painted.province_fills.push(i);
                    }
                }
            }
        }
        Stage::Highlight => {
            for s in [hovered, selection] {
                match s {
                    Some(Selection::County(i)) => {
                        sink.fill(&at.counties, i, style.highlight);
                    }
                    Some(Selection::Province(i)) => {
                        sink.fill(&at.provinces, i, style.highlight);
                    }
                    _ => {}
                }
            }
        }
        Stage::Outlines => {
            if style.county_outlines {
                for &i in at.visible_counties {
                    if sink.outline(&at.counties, i, style.county_stroke) {
                        painted.county_outlines.push(i);
                    }
                }
            }
            if style.provinces_visible {
                for &i in at.visible_provinces {
                    sink.outline(&at.provinces, i, style.province_stroke);
                }
            }
        }
        Stage::Selected => match selection {
            Some(Selection::County(i)) => {
                sink.outline(&at.counties, i, Stroke::new(2.5, style.selected));
            }
            Some(Selection::Province(i)) => {
                sink.outline(&at.provinces, i, Stroke::new(3.0, style.selected));
            }
            _ => {}
        },
    }
    painted.sorted()
}

/// How the polygons of the user's area layers look.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AreaStyle {
    pub fill: Color32,
    pub stroke: Stroke,
    pub highlight: Color32,
    pub selected: Stroke,
}

impl AreaStyle {
    pub fn new(colors: &MapColors) -> Self {
        AreaStyle {
            fill: colors.area.gamma_multiply(palette::AREA_FILL_ALPHA),
            stroke: Stroke::new(palette::AREA_LINE_WIDTH, colors.area),
            highlight: colors.highlight,
            selected: Stroke::new(2.5, colors.selected),
        }
    }

    pub fn key(&self) -> u64 {
        key_of((
            self.fill.to_array(),
            stroke_bits(self.stroke),
            self.highlight.to_array(),
            stroke_bits(self.selected),
        ))
    }
}

/// An area layer's fills, then its outlines; returns the polygons painted.
pub fn paint_areas(
    sink: &mut dyn RegionSink,
    level: &Level<'_>,
    visible: &[usize],
    style: &AreaStyle,
) -> Painted {
    let mut painted = Painted::default();
    for &i in visible {
        if sink.fill(level, i, style.fill) {
            painted.areas.push(i);
        }
    }
    for &i in visible {
        if sink.outline(level, i, style.stroke) {
            painted.areas.push(i);
        }
    }
    painted.sorted()
}

/// The hovered and the selected area of data layer `layer`, if they are in it.
pub fn paint_area_marks(
    sink: &mut dyn RegionSink,
    level: &Level<'_>,
    layer: usize,
    hovered: Option<Selection>,
    selection: Option<Selection>,
    style: &AreaStyle,
) {
    let in_layer = |s: Option<Selection>| match s {
        Some(Selection::Area { layer: l, index }) if l == layer => Some(index),
        _ => None,
    };
    if let Some(i) = in_layer(hovered) {
        sink.fill(level, i, style.highlight);
    }
    if let Some(i) = in_layer(selection) {
        sink.fill(level, i, style.highlight);
        sink.outline(level, i, style.selected);
    }
}

/// What of `hovered` and `selection` is drawn by [`paint_area_marks`] for `layer`: the part of
/// a cache key that changes when they do.
pub fn area_marks_key(
    layer: usize,
    hovered: Option<Selection>,
    selection: Option<Selection>,
) -> u64 {
    let of = |s: Option<Selection>| match s {
        Some(Selection::Area { layer: l, index }) if l == layer => Some(index),
        _ => None,
    };
    key_of((of(hovered), of(selection)))
}
