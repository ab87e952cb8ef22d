//! An image drawn into a fixed raster (the headless renderer's output): for every output pixel
//! the image pixel under its centre, at the level that fits the output's scale. The exact
//! projection is computed on a grid every few output pixels and interpolated between (well
//! under a pixel of difference for any CRS nkmap reads).

use super::tiles::{TileCache, TileKey};
use super::{Image, Readers, Stretch, mesh};
use std::sync::Arc;

/// The part of the output the image covers, as RGBA (unpremultiplied).
#[derive(Debug, Clone, PartialEq)]
pub struct Resampled {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

/// Grid step, in output pixels, of the exact projection.
const STEP: u32 = 8;

/// Draws `image` into an output of `size` pixels whose pixel `(px, py)` (corner coordinates)
/// is world point `world_of(px, py)`, at `scale` output pixels per world pixel. `None` when
/// the image is not in the output.
pub fn resample(
    image: &Image,
    size: [u32; 2],
    scale: f64,
    world_of: &dyn Fn(f64, f64) -> [f64; 2],
    output_of: &dyn Fn([f64; 2]) -> [f64; 2],
    stretch: Stretch,
) -> Result<Option<Resampled>, String> {
    // The output rectangle the image's bounding box falls in.
    let [bmin, bmax] = image.bbox_world();
    let (a, b) = (output_of(bmin), output_of(bmax));
    let x0 = a[0].min(b[0]).floor().max(0.0);
    let y0 = a[1].min(b[1]).floor().max(0.0);
    let x1 = a[0].max(b[0]).ceil().min(f64::from(size[0]));
    let y1 = a[1].max(b[1]).ceil().min(f64::from(size[1]));
    if !(x0 < x1 && y0 < y1) {
        return Ok(None);
    }
    let (x0, y0, w, h) = (x0 as u32, y0 as u32, (x1 - x0) as u32, (y1 - y0) as u32);
    let level = image.level_for(scale / mesh::pixels_per_world(image));
    let Some(l) = image.level(level).cloned() else {
        return Ok(None);
    };
    let g = image.info.georef;
    // Full-resolution pixel coordinates at grid nodes.
    let (gw, gh) = (w.div_ceil(STEP) + 1, h.div_ceil(STEP) + 1);
    let mut grid = Vec::with_capacity(gw as usize * gh as usize);
    for j in 0..gh {
        for i in 0..gw {
            let p = world_of(f64::from(x0 + i * STEP), f64::from(y0 + j * STEP));
            grid.push(g.world_to_pixel(p));
        }
    }
    let mut cache = TileCache::new(64 << 20);
    let mut readers = Readers::default();
    let stretch_key = image.stretch_key(stretch);
    let mut rgba = vec![0u8; w as usize * h as usize * 4];
    let (full_w, full_h) = (f64::from(image.info.width), f64::from(image.info.height));
    for y in 0..h {
        for x in 0..w {
            // Pixel centre, in grid cells.
            let (fx, fy) = (
                (f64::from(x) + 0.5) / f64::from(STEP),
                (f64::from(y) + 0.5) / f64::from(STEP),
            );
            let (i, j) = ((fx as u32).min(gw - 2), (fy as u32).min(gh - 2));
            let (s, t) = (fx - f64::from(i), fy - f64::from(j));
            let at = |ii: u32, jj: u32| grid[(jj * gw + ii) as usize];
            let (p00, p10, p01, p11) = (at(i, j), at(i + 1, j), at(i, j + 1), at(i + 1, j + 1));
            let u =
                (1.0 - t) * ((1.0 - s) * p00.0 + s * p10.0) + t * ((1.0 - s) * p01.0 + s * p11.0);
            let v =
                (1.0 - t) * ((1.0 - s) * p00.1 + s * p10.1) + t * ((1.0 - s) * p01.1 + s * p11.1);
            if !(u >= 0.0 && v >= 0.0 && u < full_w && v < full_h) {
                continue;
            }
            let (lx, ly) = (
                ((u / l.scale[0]) as u32).min(l.width - 1),
                ((v / l.scale[1]) as u32).min(l.height - 1),
            );
            let key = TileKey {
                image: image.id,
                level: level as u8,
                x: lx / l.tile[0],
                y: ly / l.tile[1],
                stretch: stretch_key,
            };
            let tile = match cache.get(&key) {
                Some(t) => t,
                None => {
                    let t =
                        Arc::new(image.read_tile(&mut readers, level, key.x, key.y, stretch)?);
                    cache.insert(key, Arc::clone(&t));
                    t
                }
            };
            let (tx, ty) = (lx % l.tile[0], ly % l.tile[1]);
            let src = (ty as usize * tile.width as usize + tx as usize) * 4;
            let dst = (y as usize * w as usize + x as usize) * 4;
            if let (Some(s), Some(d)) = (tile.pixels.get(src..src + 4), rgba.get_mut(dst..dst + 4))
            {
                d.copy_from_slice(s);
            }
        }
    }
    Ok(Some(Resampled {
        x: x0,
        y: y0,
        width: w,
        height: h,
        rgba,
    }))
}
