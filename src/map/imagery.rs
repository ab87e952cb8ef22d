//! Satellite images on the map, under the region borders: each visible tile of the level that
//! fits the zoom as a texture, drawn as a mesh whose points are the tile's pixels projected
//! exactly to Web Mercator (`imagery::mesh`), so a UTM image lands where GDAL puts it. Tiles
//! come from the imagery worker; until a tile arrives, a coarser one already on the GPU stands
//! in. Textures are kept with a byte bound, least recently drawn let go first.

use super::DrawStats;
use crate::imagery::mesh::{self, TileMesh};
use crate::imagery::tiles::{Request, TileKey};
use crate::imagery::{Image, RgbaTile};
use crate::scene::View;
use crate::state::AppState;
use crate::state::imagery::Side;
use egui::epaint::{Mesh, Vertex};
use egui::{Color32, Painter, Rect, Shape, TextureHandle, TextureOptions, pos2};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Bytes of tile textures kept (on the GPU; in RAM too with a software renderer).
const TEXTURE_BYTES: usize = 64 << 20;
/// How far a projected mesh may stray from the exact projection, in screen pixels.
const MESH_TOLERANCE_PX: f64 = 0.25;

struct Texture {
    handle: TextureHandle,
    bytes: usize,
    used: u64,
}

/// The tile textures and projected meshes, kept between frames in egui's memory.
#[derive(Default)]
struct Textures {
    tiles: HashMap<TileKey, Texture>,
    /// Per tile (stretch left out): the mesh and the error bound it was built for.
    meshes: HashMap<MeshKey, (Arc<TileMesh>, f64)>,
    bytes: usize,
    frame: u64,
    /// The last error per image, reported once.
    errors: HashMap<u64, String>,
}

type Shared = Arc<Mutex<Textures>>;
/// Image, level, column, row.
type MeshKey = (u64, u8, u32, u32);

impl Textures {
    fn upload(&mut self, ctx: &egui::Context, key: TileKey, tile: &RgbaTile) {
        if tile.pixels.len() != tile.width as usize * tile.height as usize * 4 {
            return;
        }
        let image = egui::ColorImage::from_rgba_unmultiplied(
            [tile.width as usize, tile.height as usize],
            &tile.pixels,
        );
        // Sharp pixels when zoomed in past the image (analysts count them), smooth when out.
        let options = TextureOptions {
            magnification: egui::TextureFilter::Nearest,
            ..TextureOptions::LINEAR
        };
        let handle = ctx.load_texture(
            format!(
                "nkmap-imagery-{}-{}-{}-{}",
                key.image, key.level, key.x, key.y
            ),
            image,
            options,
        );
        let bytes = tile.bytes();
        self.bytes += bytes;
        if let Some(old) = self.tiles.insert(
            key,
            Texture {
                handle,
                bytes,
                used: self.frame,
            },
        ) {
            self.bytes -= old.bytes;
        }
    }

    fn evict(&mut self, live: &[u64]) {
        let before = self.tiles.len();
        let mut freed = 0;
        self.tiles.retain(|k, t| {
            let keep = live.contains(&k.image);
            if !keep {
                freed += t.bytes;
            }
            keep
        });
        self.bytes -= freed;
        if self.bytes > TEXTURE_BYTES {
            let mut by_age: Vec<(u64, TileKey)> =
                self.tiles.iter().map(|(k, t)| (t.used, *k)).collect();
            by_age.sort_unstable();
            let frame = self.frame;
            for (used, k) in by_age {
                // Never what this frame drew.
                if self.bytes <= TEXTURE_BYTES * 3 / 4 || used >= frame {
                    break;
                }
                if let Some(t) = self.tiles.remove(&k) {
                    self.bytes -= t.bytes;
                }
            }
        }
        if self.tiles.len() != before || self.meshes.len() > 4 * self.tiles.len() + 256 {
            let tiles = &self.tiles;
            self.meshes
                .retain(|m, _| tiles.keys().any(|k| (k.image, k.level, k.x, k.y) == *m));
        }
        self.errors.retain(|id, _| live.contains(id));
    }
}

/// Draws the images the state shows, for `view`, into `painter`'s clip rectangle (the map).
/// Returns the errors of tiles that could not be decoded, once each.
pub fn draw(
    ctx: &egui::Context,
    painter: &Painter,
    state: &AppState,
    view: &View,
    drawn: &mut DrawStats,
) -> Vec<(String, String)> {
    let mut reported = Vec::new();
    let Some(service) = state.imagery.tiles.as_ref() else {
        return reported;
    };
    let shared: Shared = ctx.data_mut(|d| {
        d.get_temp_mut_or_default::<Shared>(egui::Id::unique("nkmap-imagery-textures"))
            .clone()
    });
    let mut tex = shared.lock().unwrap_or_else(|p| p.into_inner());
    tex.frame += 1;
    for done in service.take_done() {
        match done.tile {
            Ok(t) => tex.upload(ctx, done.key, &t),
            Err(e) => {
                if tex.errors.insert(done.key.image, e.clone()).as_ref() != Some(&e)
                    && let Some(l) = state.imagery.layer(done.key.image)
                {
                    reported.push((l.image.name.clone(), e));
                }
            }
        }
    }
    let rect = painter.clip_rect();
    let ppp = f64::from(ctx.pixels_per_point());
    let divider = state
        .imagery
        .compare
        .map(|c| rect.left() + c.divider * rect.width());
    let mut wanted: Vec<Request> = Vec::new();
    for (index, side) in state.shown_imagery() {
        let Some(layer) = state.imagery.layers.get(index) else {
            continue;
        };
        let clip = match (side, divider) {
            (Side::LeftOfDivider, Some(x)) => Rect::from_min_max(rect.min, pos2(x, rect.max.y)),
            (Side::RightOfDivider, Some(x)) => Rect::from_min_max(pos2(x, rect.min.y), rect.max),
            _ => rect,
        };
        if clip.width() <= 0.0 {
            continue;
        }
        let p = painter.with_clip_rect(clip);
        let n = draw_image(
            ctx,
            &p,
            &mut tex,
            service,
            &layer.image,
            layer.opacity,
            layer.stretch,
            view,
            ppp,
            &mut wanted,
        );
        if n > 0 {
            drawn.imagery.push(layer.image.name.clone());
        }
    }
    service.want(wanted);
    if service.pending() > 0 {
        ctx.request_repaint_after(std::time::Duration::from_millis(30));
    }
    let live: Vec<u64> = state.imagery.layers.iter().map(|l| l.id()).collect();
    tex.evict(&live);
    reported
}

/// One image: its visible tiles at the level for this zoom, with coarser stand-ins where a
/// tile is not decoded yet. Returns the tiles drawn.
#[allow(clippy::too_many_arguments)]
fn draw_image(
    ctx: &egui::Context,
    painter: &Painter,
    tex: &mut Textures,
    service: &crate::imagery::tiles::TileService,
    image: &Arc<Image>,
    opacity: f32,
    stretch: crate::imagery::Stretch,
    view: &View,
    ppp: f64,
    wanted: &mut Vec<Request>,
) -> usize {
    let o = crate::scene::origin();
    let clip = painter.clip_rect();
    let world = |s: egui::Pos2| {
        [
            f64::from(s.x - view.screen_center[0]) / view.scale + view.center[0] + o[0],
            f64::from(s.y - view.screen_center[1]) / view.scale + view.center[1] + o[1],
        ]
    };
    let (a, b) = (world(clip.min), world(clip.max));
    let view_world = [
        [a[0].min(b[0]), a[1].min(b[1])],
        [a[0].max(b[0]), a[1].max(b[1])],
    ];
    // Screen pixels per full-resolution image pixel.
    let screen_per_pixel = view.scale * ppp / mesh::pixels_per_world(image);
    let level = image.level_for(screen_per_pixel);
    let Some([[c0, c1], [r0, r1]]) = mesh::visible_tiles(image, level, view_world) else {
        return 0;
    };
    let tolerance = MESH_TOLERANCE_PX / (view.scale * ppp);
    let stretch_key = image.stretch_key(stretch);
    let key = |level: usize, x: u32, y: u32| TileKey {
        image: image.id,
        level: level as u8,
        x,
        y,
        stretch: stretch_key,
    };
    // Nearest the centre first: they are decoded first.
    let centre = [(c0 + c1) as f64 / 2.0, (r0 + r1) as f64 / 2.0];
    let mut tiles: Vec<(u32, u32)> = (r0..=r1)
        .flat_map(|y| (c0..=c1).map(move |x| (x, y)))
        .collect();
    tiles.sort_by(|p, q| {
        let d = |t: &(u32, u32)| {
            (f64::from(t.0) - centre[0]).powi(2) + (f64::from(t.1) - centre[1]).powi(2)
        };
        d(p).total_cmp(&d(q))
    });
    let mut present = Vec::new();
    let mut stand_ins: Vec<TileKey> = Vec::new();
    for &(x, y) in &tiles {
        let k = key(level, x, y);
        if !tex.tiles.contains_key(&k) {
            match service.cached(&k) {
                Some(t) => tex.upload(ctx, k, &t),
                None => {
                    wanted.push(Request {
                        key: k,
                        image: Arc::clone(image),
                        stretch,
                    });
                    if let Some(s) = stand_in(image, tex, level, x, y, &key)
                        && !stand_ins.contains(&s)
                    {
                        stand_ins.push(s);
                    }
                    continue;
                }
            }
        }
        present.push(k);
    }
    let color = Color32::WHITE.gamma_multiply(opacity.clamp(0.0, 1.0));
    let mut drawn = 0;
    for k in stand_ins.iter().chain(&present) {
        let Some(m) = tile_mesh(tex, image, *k, tolerance) else {
            continue;
        };
        let Some(t) = tex.tiles.get_mut(k) else {
            continue;
        };
        t.used = tex.frame;
        painter.add(Shape::mesh(screen_mesh(&m, t.handle.id(), view, color)));
        drawn += 1;
    }
    drawn
}

/// A decoded tile of a coarser level covering tile `(x, y)` of `level`.
fn stand_in(
    image: &Image,
    tex: &Textures,
    level: usize,
    x: u32,
    y: u32,
    key: &dyn Fn(usize, u32, u32) -> TileKey,
) -> Option<TileKey> {
    let l = image.level(level)?;
    let [x0, y0, w, h] = image.tile_rect(level, x, y)?;
    // The tile's centre in full-resolution pixels.
    let (u, v) = (
        (f64::from(x0) + f64::from(w) / 2.0) * l.scale[0],
        (f64::from(y0) + f64::from(h) / 2.0) * l.scale[1],
    );
    (0..image.levels())
        .filter_map(|i| image.level(i).map(|c| (i, c)))
        .filter(|(_, c)| c.scale[0] > l.scale[0])
        .map(|(i, c)| {
            key(
                i,
                (u / c.scale[0]) as u32 / c.tile[0],
                (v / c.scale[1]) as u32 / c.tile[1],
            )
        })
        .filter(|k| tex.tiles.contains_key(k))
        .min_by(|a, b| {
            let s = |k: &TileKey| {
                image
                    .level(usize::from(k.level))
                    .map_or(f64::MAX, |c| c.scale[0])
            };
            s(a).total_cmp(&s(b))
        })
}

fn tile_mesh(
    tex: &mut Textures,
    image: &Image,
    k: TileKey,
    tolerance: f64,
) -> Option<Arc<TileMesh>> {
    let id = (k.image, k.level, k.x, k.y);
    if let Some((m, built_for)) = tex.meshes.get(&id)
        && *built_for <= tolerance
    {
        return Some(Arc::clone(m));
    }
    let m = Arc::new(mesh::tile_mesh(
        image,
        usize::from(k.level),
        k.x,
        k.y,
        tolerance,
    )?);
    tex.meshes.insert(id, (Arc::clone(&m), tolerance));
    Some(m)
}

fn screen_mesh(m: &TileMesh, texture: egui::TextureId, view: &View, color: Color32) -> Mesh {
    let o = crate::scene::origin();
    let mut mesh = Mesh::with_texture(texture);
    mesh.vertices = m
        .world
        .iter()
        .zip(&m.uv)
        .map(|(w, uv)| Vertex {
            pos: pos2(
                ((w[0] - o[0] - view.center[0]) * view.scale) as f32 + view.screen_center[0],
                ((w[1] - o[1] - view.center[1]) * view.scale) as f32 + view.screen_center[1],
            ),
            uv: pos2(uv[0], uv[1]),
            color,
        })
        .collect();
    mesh.indices = m.indices();
    mesh
}
