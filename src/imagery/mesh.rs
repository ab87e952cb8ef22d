//! Where an image's tiles go on the map: each tile as a grid of points projected exactly from
//! its pixels to Web Mercator, fine enough that drawing it as a textured mesh (straight between
//! the points) puts no pixel further than a fraction of a screen pixel from where it belongs. A
//! UTM image is slightly rotated and curved in Web Mercator; a 4326 image is stretched
//! unevenly north to south; a 3857 image needs only its corners.
//!
//! Coordinates are Web Mercator world pixels at zoom 0 (see `scene::mercator`); a view at zoom
//! `z` multiplies them by 2^z.

use super::Image;

/// A tile's projected grid: `(n + 1)²` points, row by row, with their texture coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct TileMesh {
    /// Cells per side.
    pub n: usize,
    pub world: Vec<[f64; 2]>,
    pub uv: Vec<[f32; 2]>,
}

impl TileMesh {
    /// Triangle indices into `world`/`uv`: two per cell.
    pub fn indices(&self) -> Vec<u32> {
        let n = self.n as u32;
        let mut out = Vec::with_capacity(self.n * self.n * 6);
        for r in 0..n {
            for c in 0..n {
                let i = r * (n + 1) + c;
                out.extend_from_slice(&[i, i + 1, i + n + 1, i + 1, i + n + 2, i + n + 1]);
            }
        }
        out
    }
}

/// The grid of tile `(x, y)` at `level`, subdivided until straight lines between its points
/// stray at most `max_error` world pixels from the exact projection (the caller passes a
/// quarter of a screen pixel at the zoom it draws at).
pub fn tile_mesh(image: &Image, level: usize, x: u32, y: u32, max_error: f64) -> Option<TileMesh> {
    let l = image.level(level)?;
    let [x0, y0, w, h] = image.tile_rect(level, x, y)?;
    let g = &image.info.georef;
    // Full-resolution pixel coordinates of the tile's corners.
    let (u0, v0) = (f64::from(x0) * l.scale[0], f64::from(y0) * l.scale[1]);
    let (u1, v1) = (
        f64::from(x0 + w) * l.scale[0],
        f64::from(y0 + h) * l.scale[1],
    );
    let at = |s: f64, t: f64| g.pixel_to_world(u0 + (u1 - u0) * s, v0 + (v1 - v0) * t);
    let mut n = 1usize;
    loop {
        let step = 1.0 / n as f64;
        let mut world = Vec::with_capacity((n + 1) * (n + 1));
        for r in 0..=n {
            for c in 0..=n {
                world.push(at(c as f64 * step, r as f64 * step));
            }
        }
        if world.iter().any(|p| !p[0].is_finite() || !p[1].is_finite()) {
            return None;
        }
        // The worst error of the bilinear stand-in, at cell centres and edge midpoints.
        let mut worst = 0.0f64;
        if n < 64 {
            for r in 0..n {
                for c in 0..n {
                    let i = r * (n + 1) + c;
                    let (p00, p10, p01, p11) =
                        (world[i], world[i + 1], world[i + n + 1], world[i + n + 2]);
                    let (s, t) = (c as f64 * step, r as f64 * step);
                    let checks = [
                        (
                            0.5,
                            0.5,
                            [
                                (p00[0] + p10[0] + p01[0] + p11[0]) / 4.0,
                                (p00[1] + p10[1] + p01[1] + p11[1]) / 4.0,
                            ],
                        ),
                        (0.5, 0.0, [(p00[0] + p10[0]) / 2.0, (p00[1] + p10[1]) / 2.0]),
                        (0.0, 0.5, [(p00[0] + p01[0]) / 2.0, (p00[1] + p01[1]) / 2.0]),
                    ];
                    for (ds, dt, approx) in checks {
                        let exact = at(s + ds * step, t + dt * step);
                        worst = worst.max((exact[0] - approx[0]).hypot(exact[1] - approx[1]));
                    }
                }
            }
        }
        if worst <= max_error || n >= 64 {
            let uv = (0..=n)
                .flat_map(|r| {
                    (0..=n).map(move |c| [(c as f64 * step) as f32, (r as f64 * step) as f32])
                })
                .collect();
            return Some(TileMesh { n, world, uv });
        }
        n *= 2;
    }
}

/// The tiles of `level` that a world rectangle (`[min, max]`, world pixels) shows: inclusive
/// ranges of tile columns and rows, or `None` when the image is not in it.
pub fn visible_tiles(image: &Image, level: usize, view: [[f64; 2]; 2]) -> Option<[[u32; 2]; 2]> {
    let l = image.level(level)?;
    let [bmin, bmax] = image.bbox_world();
    // Only the part of the view over the image: the projection stays well-behaved there.
    let min = [view[0][0].max(bmin[0]), view[0][1].max(bmin[1])];
    let max = [view[1][0].min(bmax[0]), view[1][1].min(bmax[1])];
    if !(min[0] < max[0] && min[1] < max[1]) {
        return None;
    }
    let g = &image.info.georef;
    let mut pmin = [f64::INFINITY; 2];
    let mut pmax = [f64::NEG_INFINITY; 2];
    const K: usize = 8;
    for i in 0..=K {
        for j in 0..=K {
            let w = [
                min[0] + (max[0] - min[0]) * i as f64 / K as f64,
                min[1] + (max[1] - min[1]) * j as f64 / K as f64,
            ];
            let (u, v) = g.world_to_pixel(w);
            if u.is_finite() && v.is_finite() {
                pmin = [pmin[0].min(u), pmin[1].min(v)];
                pmax = [pmax[0].max(u), pmax[1].max(v)];
            }
        }
    }
    if !pmin[0].is_finite() {
        return None;
    }
    let [nx, ny] = image.tile_grid(level);
    let tile_of = |p: f64, scale: f64, size: u32, count: u32| -> i64 {
        ((p / scale / f64::from(size)).floor() as i64).clamp(-1, i64::from(count))
    };
    // One tile of margin: the sampled bounds can miss a sliver at a curved edge.
    let c0 = tile_of(pmin[0], l.scale[0], l.tile[0], nx) - 1;
    let c1 = tile_of(pmax[0], l.scale[0], l.tile[0], nx) + 1;
    let r0 = tile_of(pmin[1], l.scale[1], l.tile[1], ny) - 1;
    let r1 = tile_of(pmax[1], l.scale[1], l.tile[1], ny) + 1;
    let clamp = |v: i64, count: u32| v.clamp(0, i64::from(count) - 1) as u32;
    if nx == 0 || ny == 0 || c1 < 0 || r1 < 0 || c0 >= i64::from(nx) || r0 >= i64::from(ny) {
        return None;
    }
    Some([
        [clamp(c0, nx), clamp(c1, nx)],
        [clamp(r0, ny), clamp(r1, ny)],
    ])
}

/// Full-resolution pixels per world pixel at the image's centre: how big a pixel is on the
/// map (screen pixels per image pixel = 2^zoom / this).
pub fn pixels_per_world(image: &Image) -> f64 {
    let g = &image.info.georef;
    let (cu, cv) = (
        f64::from(image.info.width) / 2.0,
        f64::from(image.info.height) / 2.0,
    );
    let a = g.pixel_to_world(cu, cv);
    let b = g.pixel_to_world(cu + 1.0, cv);
    let c = g.pixel_to_world(cu, cv + 1.0);
    let d = ((b[0] - a[0]).hypot(b[1] - a[1]) + (c[0] - a[0]).hypot(c[1] - a[1])) / 2.0;
    if d > 0.0 && d.is_finite() {
        1.0 / d
    } else {
        1.0
    }
}
