//! The map's GPU path, for the wgpu renderer: region geometry is built once per level of
//! detail and style, in the scene's local units, handed to walkers' renderer as drawables
//! (uploaded to the GPU the first time they are drawn) and moved on screen by one transform
//! per frame. The CPU touches no vertex per frame; hovering rebuilds only the small highlight
//! stage.
//!
//! The CPU path (`regions.rs`, cached screen-space meshes) serves the glow renderer, and both
//! get their geometry from the same [`paint_stage`] calls.

use super::regions::{
    self, AreaStyle, Painted, RegionSink, RegionStyle, RegionsAt, Stage, paint_stage,
};
use super::view_of;
use crate::scene::{Level, Local, PolygonLayer, View};
use crate::state::{AppState, Selection};
use crate::style::MapColors;
use egui::emath::TSTransform;
use egui::{Color32, Rect, Stroke, pos2, vec2};
use std::sync::Arc;
use walkers::{Canvas, Drawable, Drawables, Line, Projector};

/// Drawables built so far, by what they were built from. Cloning one is cheap and drawing
/// the same one again does not upload it again.
#[derive(Default)]
pub struct GpuCache {
    entries: Vec<Entry>,
    frame: u64,
    /// Stages built (not found in the cache), for tests and the benchmark.
    pub builds: u64,
    /// What the last frame handed to the renderer on screen (the app copies it into the map's
    /// [`super::DrawStats`]).
    pub drawn: GpuDrawn,
}

/// Region features whose geometry went to the renderer in the last frame and whose bounding
/// box is on screen.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct GpuDrawn {
    pub provinces: usize,
    pub counties: usize,
    pub areas: usize,
}

struct Entry {
    key: u64,
    drawables: Drawables,
    painted: Arc<Painted>,
    last_used: u64,
}

/// Entries not drawn for this many frames are let go (walkers frees their GPU buffers on its
/// own after 120 frames unused).
const KEEP_FRAMES: u64 = 600;
/// Enough for every stage of a few zoom bands, so zooming back and forth does not rebuild.
const MAX_ENTRIES: usize = 32;

impl GpuCache {
    /// The drawables for `key` and what they paint: built by `build` the first time.
    fn get(
        &mut self,
        key: u64,
        build: impl FnOnce() -> (Vec<Drawable>, Painted),
    ) -> (Drawables, Arc<Painted>) {
        let frame = self.frame;
        if let Some(e) = self.entries.iter_mut().find(|e| e.key == key) {
            e.last_used = frame;
            return (e.drawables.clone(), e.painted.clone());
        }
        self.builds += 1;
        let (drawables, painted) = build();
        let drawables = Drawables::new(drawables);
        let painted = Arc::new(painted);
        self.entries.push(Entry {
            key,
            drawables: drawables.clone(),
            painted: painted.clone(),
            last_used: frame,
        });
        (drawables, painted)
    }

    fn end_frame(&mut self) {
        let frame = self.frame;
        self.entries
            .retain(|e| frame.saturating_sub(e.last_used) < KEEP_FRAMES);
        if self.entries.len() > MAX_ENTRIES {
            self.entries.sort_by_key(|e| std::cmp::Reverse(e.last_used));
            self.entries.truncate(MAX_ENTRIES);
        }
        self.frame += 1;
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Collects one stage as walkers drawables in local units: fills into one mesh, outlines as
/// closed lines (walkers strokes them on the GPU, width in screen points).
#[derive(Default)]
struct Builder {
    mesh: walkers::Mesh,
    lines: Vec<Line>,
}

impl RegionSink for Builder {
    fn fill(&mut self, level: &Level<'_>, feature: usize, color: Color32) -> bool {
        if color == Color32::TRANSPARENT {
            return false;
        }
        let Some((verts, tris)) = level.fill(feature) else {
            return false;
        };
        let base = self.mesh.vertices.len() as u32;
        let before = self.mesh.indices.len();
        self.mesh
            .vertices
            .extend(verts.iter().map(|v| walkers::Vertex {
                position: pos2(v[0], v[1]),
                color,
            }));
        self.mesh.indices.extend(tris.map(|i| base + i));
        self.mesh.indices.len() > before
    }

    fn outline(&mut self, level: &Level<'_>, feature: usize, stroke: Stroke) -> bool {
        if stroke.is_empty() {
            return false;
        }
        let before = self.lines.len();
        for ring in level.rings(feature) {
            if ring.len() < 3 {
                continue;
            }
            self.lines.push(Line {
                points: ring
                    .iter()
                    .chain(ring.first())
                    .map(|v| pos2(v[0], v[1]))
                    .collect(),
                width: stroke.width,
                color: stroke.color,
                dasharray: Vec::new(),
            });
        }
        self.lines.len() > before
    }
}

impl Builder {
    fn finish(self) -> Vec<Drawable> {
        let mut out = Vec::new();
        if !self.mesh.is_empty() {
            out.push(Drawable::Fill(self.mesh));
        }
        if !self.lines.is_empty() {
            out.push(Drawable::Lines(self.lines));
        }
        out
    }
}

/// Local units → screen points for `view`: the one transform the GPU applies.
pub fn transform_of(view: &View) -> TSTransform {
    let s = view.scale;
    TSTransform::new(
        vec2(
            (f64::from(view.screen_center[0]) - view.center[0] * s) as f32,
            (f64::from(view.screen_center[1]) - view.center[1] * s) as f32,
        ),
        s as f32,
    )
}

/// The regions as a walkers layer, drawn under the [`super::MapLayers`] plugin (which still
/// does the picking, markers and labels).
pub struct GpuRegions<'a> {
    pub state: &'a AppState,
    pub hovered: Option<Selection>,
    pub colors: MapColors,
    pub cache: &'a mut GpuCache,
}

impl walkers::Layer for GpuRegions<'_> {
    fn draw(&mut self, canvas: &mut Canvas, projector: &Projector) {
        let rect = projector.clip_rect();
        let view = view_of(projector, rect);
        let zoom = view.zoom();
        let state = self.state;
        let scene = &state.scene;
        let style = RegionStyle::new(state, &self.colors, zoom);
        if let Some(bg) = style.background {
            let key = regions::key_of((
                "background",
                rect.min.x.to_bits(),
                rect.min.y.to_bits(),
                rect.max.x.to_bits(),
                rect.max.y.to_bits(),
                bg.to_array(),
            ));
            let (d, _) = self.cache.get(key, || {
                (
                    vec![Drawable::Fill(walkers::Mesh::rect(rect, bg))],
                    Painted::default(),
                )
            });
            canvas.add_drawables(d.with_clip_rect(rect));
        }
        let provinces = scene.provinces.level(zoom);
        let counties = scene.counties.level(zoom);
        let all_provinces: Vec<usize> = (0..provinces.features.len()).collect();
        let all_counties: Vec<usize> = if style.county_outlines {
            (0..counties.features.len()).collect()
        } else {
            Vec::new()
        };
        let at = RegionsAt {
            provinces,
            counties,
            visible_provinces: &all_provinces,
            visible_counties: &all_counties,
        };
        let transform = transform_of(&view);
        let style_key = style.key();
        let [smin, smax] = view.visible_local(0.0);
        let mut drawn = GpuDrawn::default();
        for stage in Stage::ALL {
            // Only the stages that show them depend on the pointer and the selection.
            let (hovered, selection) = match stage {
                Stage::Fills | Stage::Outlines => (None, None),
                Stage::Highlight => (self.hovered, state.selection),
                Stage::Selected => (None, state.selection),
            };
            let key = regions::key_of((
                stage,
                (scene.provinces.id, scene.counties.id),
                (provinces.band, counties.band),
                style_key,
                (hovered, selection),
            ));
            let (d, painted) = self.cache.get(key, || {
                let mut b = Builder::default();
                let painted = paint_stage(&mut b, stage, &at, &style, hovered, selection);
                (b.finish(), painted)
            });
            canvas.add_drawables(d.with_transform(transform).with_clip_rect(rect));
            drawn.provinces += Painted::count_on_screen(
                &painted.province_fills,
                scene.provinces.visible(smin, smax),
            );
            drawn.counties += Painted::count_on_screen(
                &painted.county_outlines,
                scene.counties.visible(smin, smax),
            );
        }
        let area_style = AreaStyle::new(&self.colors);
        for (li, layer) in state.layers.iter().enumerate() {
            let Some(areas) = layer.areas.as_deref().filter(|_| layer.visible) else {
                continue;
            };
            drawn.areas += add_polygons(self.cache, canvas, areas, &view, rect, &area_style);
            let level = areas.level(zoom);
            let marks = regions::area_marks_key(li, self.hovered, state.selection);
            let key =
                regions::key_of(("area-marks", areas.id, level.band, area_style.key(), marks));
            let (d, _) = self.cache.get(key, || {
                let mut b = Builder::default();
                regions::paint_area_marks(
                    &mut b,
                    &level,
                    li,
                    self.hovered,
                    state.selection,
                    &area_style,
                );
                (b.finish(), Painted::default())
            });
            canvas.add_drawables(d.with_transform(transform).with_clip_rect(rect));
        }
        self.cache.drawn = drawn;
        self.cache.end_frame();
    }
}

/// A polygon layer's fills and outlines at `view`'s level of detail: built and uploaded once
/// per band and style, then only moved. Returns how many of its polygons went to the renderer
/// and are on screen.
pub fn add_polygons(
    cache: &mut GpuCache,
    canvas: &mut Canvas,
    polygons: &PolygonLayer,
    view: &View,
    clip: Rect,
    style: &AreaStyle,
) -> usize {
    let level = polygons.level(view.zoom());
    // Zoomed in past the last band, a big layer is not built whole (a million vertices would
    // stall the frame that first shows them): only the features in the 3x3 grid cells around
    // the view, cells at least a screen wide, so a pan rebuilds only on crossing a cell.
    let cover = level.band.is_none().then(|| cover_cells(view));
    let key = regions::key_of((
        "areas",
        polygons.id,
        level.band,
        style.key(),
        cover.map(|c| c.2),
    ));
    let (d, painted) = cache.get(key, || {
        let features: Vec<usize> = match cover {
            Some((min, max, _)) => polygons.visible(min, max).collect(),
            None => (0..level.features.len()).collect(),
        };
        let mut b = Builder::default();
        let painted = regions::paint_areas(&mut b, &level, &features, style);
        (b.finish(), painted)
    });
    canvas.add_drawables(d.with_transform(transform_of(view)).with_clip_rect(clip));
    let [smin, smax] = view.visible_local(0.0);
    Painted::count_on_screen(&painted.areas, polygons.visible(smin, smax))
}

/// The 3x3 grid cells around the view's centre (local units), cells a power of two at least
/// as large as the view, and the cell's identity for cache keys.
fn cover_cells(view: &View) -> (Local, Local, (i32, i64, i64)) {
    let [vmin, vmax] = view.visible_local(0.0);
    let extent = f64::from((vmax[0] - vmin[0]).max(vmax[1] - vmin[1])).max(1e-9);
    let exp = extent.log2().ceil() as i32;
    let cell = 2f64.powi(exp);
    let (cx, cy) = (
        (view.center[0] / cell).floor() as i64,
        (view.center[1] / cell).floor() as i64,
    );
    let min = [
        ((cx - 1) as f64 * cell) as f32,
        ((cy - 1) as f64 * cell) as f32,
    ];
    let max = [
        ((cx + 2) as f64 * cell) as f32,
        ((cy + 2) as f64 * cell) as f32,
    ];
    (min, max, (exp, cx, cy))
}

/// One polygon layer on its own as a walkers layer (the benchmark's GPU path).
pub struct GpuPolygons<'a> {
    pub polygons: &'a PolygonLayer,
    pub style: AreaStyle,
    pub cache: &'a mut GpuCache,
}

impl walkers::Layer for GpuPolygons<'_> {
    fn draw(&mut self, canvas: &mut Canvas, projector: &Projector) {
        let rect = projector.clip_rect();
        let view = view_of(projector, rect);
        self.cache.drawn.areas =
            add_polygons(self.cache, canvas, self.polygons, &view, rect, &self.style);
        self.cache.end_frame();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_transform_is_the_views() {
        let v = View::new((127.5, 40.3), 9.0, [800.0, 500.0], [800.0, 500.0]);
        let t = transform_of(&v);
        for p in [
            crate::scene::to_local(129.5, 41.6),
            crate::scene::to_local(125.0, 38.0),
        ] {
            let s = v.to_screen(p);
            let g = t * pos2(p[0], p[1]);
            assert!(
                (g.x - s[0]).abs() < 0.01 && (g.y - s[1]).abs() < 0.01,
                "{g:?} {s:?}"
            );
        }
    }

    #[test]
    fn the_cover_holds_the_view_and_stays_put_for_small_pans() {
        let v = View::new((129.5, 41.6), 15.0, [800.0, 500.0], [800.0, 500.0]);
        let (min, max, id) = cover_cells(&v);
        let [vmin, vmax] = v.visible_local(0.0);
        assert!(min[0] <= vmin[0] && min[1] <= vmin[1] && max[0] >= vmax[0] && max[1] >= vmax[1]);
        let moved = View::new((129.5001, 41.6), 15.0, [800.0, 500.0], [800.0, 500.0]);
        let far = View::new((129.6, 41.6), 15.0, [800.0, 500.0], [800.0, 500.0]);
        assert_eq!(cover_cells(&moved).2, id);
        assert_ne!(cover_cells(&far).2, id);
    }

    #[test]
    fn the_cache_builds_once_and_forgets_what_is_not_drawn() {
        let mut c = GpuCache::default();
        let mut built = 0;
        for _ in 0..3 {
            c.get(1, || {
                built += 1;
                (Vec::new(), Painted::default())
            });
            c.end_frame();
        }
        assert_eq!(built, 1);
        for _ in 0..KEEP_FRAMES {
            c.get(2, || (Vec::new(), Painted::default()));
            c.end_frame();
        }
        assert_eq!(c.len(), 1, "key 1 was let go");
    }
}
