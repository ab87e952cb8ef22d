//! Region fills and outlines on the CPU: the prepared scene's level of detail for the zoom, one
//! scale-and-offset per vertex, outlines stroked straight into one mesh (no per-ring `Vec`s or
//! `Shape`s), and the finished mesh kept between frames while nothing it shows changes (hover
//! elsewhere on the map, panels, animations repaint without touching the geometry).

use crate::scene::{Level, Local, View};
use egui::epaint::tessellator::Path;
use egui::epaint::{PathStroke, Vertex, WHITE_UV};
use egui::{Color32, Context, Id, Mesh, Pos2, Stroke, pos2};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex};

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
        let ppp = ctx.pixels_per_point();
        let feathering = ctx.tessellation_options(|o| {
            if o.feathering {
                o.feathering_size_in_pixels / ppp
            } else {
                0.0
            }
        });
        let mut mesh = Mesh::default();
        mesh.vertices.reserve(capacity.0);
        mesh.indices.reserve(capacity.1);
        RegionPainter {
            mesh,
            path: Path::default(),
            points: Vec::new(),
            feathering,
            clip,
        }
    }

    /// A feature's triangles in one colour.
    pub fn fill(&mut self, level: &Level<'_>, feature: usize, view: &View, color: Color32) {
        let tris = level.triangles(feature);
        if tris.is_empty() || color == Color32::TRANSPARENT {
            return;
        }
        let (lo, hi) = tris
            .iter()
            .fold((u32::MAX, 0u32), |(lo, hi), &i| (lo.min(i), hi.max(i)));
        let Some(verts) = level.fill_vertices.get(lo as usize..=hi as usize) else {
            return;
        };
        let base = self.mesh.vertices.len() as u32;
        self.mesh.vertices.extend(verts.iter().map(|v| {
            let s = view.to_screen(*v);
            Vertex {
                pos: pos2(s[0], s[1]),
                uv: WHITE_UV,
                color,
            }
        }));
        self.mesh
            .indices
            .extend(tris.iter().map(|&i| base + i - lo));
    }

    /// A feature's rings, anti-aliased like egui's own lines. Each ring is stroked as an open
    /// path back to its start: egui miters every corner of a closed loop, and a very sharp
    /// corner on a coastline then shoots a hairline far out to sea (egui issue 1226).
    pub fn outline(&mut self, level: &Level<'_>, feature: usize, view: &View, stroke: Stroke) {
        if stroke.is_empty() {
            return;
        }
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
    view: Option<View>,
    /// Local rectangle whose features the mesh holds (the view grown by a margin).
    cover: [Local; 2],
}

/// How far past the screen (in screen sizes) a mesh is built, so panning can reuse it.
const COVER_MARGIN: f32 = 0.5;

/// The mesh for `key` (everything drawn except the view) at `view`: last frame's when nothing
/// changed; last frame's moved by the pan when only the centre moved and the mesh still covers
/// the screen; else built anew, with the last one's size reserved up front. `build` gets the
/// local rectangle to draw the features of.
pub fn cached_mesh(
    ctx: &Context,
    id: Id,
    key: u64,
    view: &View,
    clip: egui::Rect,
    build: impl FnOnce(&mut RegionPainter, [Local; 2]),
) -> Arc<Mesh> {
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
            return kept.mesh.clone();
        }
        let d = egui::vec2(
            ((built.center[0] - view.center[0]) * view.scale) as f32,
            ((built.center[1] - view.center[1]) * view.scale) as f32,
        );
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
        return Arc::new(moved);
    }
    let capacity = (kept.mesh.vertices.len(), kept.mesh.indices.len());
    let grow = egui::vec2(clip.width(), clip.height()) * COVER_MARGIN;
    let cover_rect = clip.expand2(grow);
    let cover = view.visible_local(8.0 + grow.x.max(grow.y));
    let mut painter = RegionPainter::new(ctx, cover_rect, capacity);
    build(&mut painter, cover);
    kept.mesh = Arc::new(painter.finish());
    kept.key = key;
    kept.view = Some(*view);
    kept.cover = cover;
    kept.mesh.clone()
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
