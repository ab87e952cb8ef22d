//! Reference images and colour checks shared by the pixel tests (`render.rs`, `gpu.rs`,
//! `ui.rs`).
//!
//! A reference is a PNG in `tests/data/reference/`. It is written only on request, with
//!
//! ```sh
//! NKMAP_UPDATE_REFERENCE=1 cargo test --test render --test gpu
//! ```
//!
//! which rewrites every reference those tests compare with (look at them before committing).
//! That run compares nothing with what it has just written, and it is refused when `CI` is set,
//! so a CI run can never bless its own output. Colour checks sample the picture at a lon/lat
//! projected with the view it was drawn with, and take the expected colour from the palette, so
//! a redesign moves neither the points nor the helpers, only the references.
#![allow(dead_code)]

use nkmap::scene::View;
use nkmap::scene::palette::Rgba;
use resvg::tiny_skia::Pixmap;
use std::path::{Path, PathBuf};

/// An RGBA picture with straight (not premultiplied) alpha.
#[derive(Clone, PartialEq)]
pub struct Image {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

impl std::fmt::Debug for Image {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Image({}x{})", self.width, self.height)
    }
}

impl Image {
    pub fn new(width: u32, height: u32, rgba: Vec<u8>) -> Self {
        assert_eq!(rgba.len(), (width * height * 4) as usize);
        Image {
            width,
            height,
            rgba,
        }
    }

    pub fn decode_png(bytes: &[u8], what: &str) -> Self {
        let pixmap =
            Pixmap::decode_png(bytes).unwrap_or_else(|e| panic!("{what} is not a PNG: {e}"));
        let rgba = pixmap
            .pixels()
            .iter()
            .flat_map(|p| {
                let c = p.demultiply();
                [c.red(), c.green(), c.blue(), c.alpha()]
            })
            .collect();
        Image::new(pixmap.width(), pixmap.height(), rgba)
    }

    pub fn read(path: &Path) -> Option<Self> {
        let bytes = std::fs::read(path).ok()?;
        Some(Image::decode_png(&bytes, &path.display().to_string()))
    }

    pub fn save(&self, path: &Path) {
        let mut pixmap = Pixmap::new(self.width, self.height)
            .unwrap_or_else(|| panic!("an empty image cannot be saved"));
        for (dst, src) in pixmap.pixels_mut().iter_mut().zip(self.rgba.chunks(4)) {
            *dst =
                resvg::tiny_skia::ColorU8::from_rgba(src[0], src[1], src[2], src[3]).premultiply();
        }
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        pixmap
            .save_png(path)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }

    pub fn pixel(&self, x: u32, y: u32) -> [u8; 4] {
        let i = ((y * self.width + x) * 4) as usize;
        [
            self.rgba[i],
            self.rgba[i + 1],
            self.rgba[i + 2],
            self.rgba[i + 3],
        ]
    }

    /// The rectangle from `(x, y)`, `w` by `h` pixels (clamped to the picture).
    pub fn crop(&self, x: u32, y: u32, w: u32, h: u32) -> Image {
        let w = w.min(self.width.saturating_sub(x));
        let h = h.min(self.height.saturating_sub(y));
        let mut rgba = Vec::with_capacity((w * h * 4) as usize);
        for row in y..y + h {
            let start = ((row * self.width + x) * 4) as usize;
            rgba.extend_from_slice(&self.rgba[start..start + (w * 4) as usize]);
        }
        Image::new(w, h, rgba)
    }

    /// The median colour of the 5×5 pixels around a point (robust to one anti-aliased edge).
    pub fn colour_near(&self, at: [f32; 2]) -> [u8; 3] {
        let (cx, cy) = (at[0].round() as i64, at[1].round() as i64);
        let mut seen: Vec<[u8; 3]> = Vec::new();
        for y in cy - 2..=cy + 2 {
            for x in cx - 2..=cx + 2 {
                if x >= 0 && y >= 0 && (x as u32) < self.width && (y as u32) < self.height {
                    let p = self.pixel(x as u32, y as u32);
                    seen.push([p[0], p[1], p[2]]);
                }
            }
        }
        assert!(!seen.is_empty(), "{at:?} is outside the {self:?}");
        let mut out = [0u8; 3];
        for (c, o) in out.iter_mut().enumerate() {
            let mut v: Vec<u8> = seen.iter().map(|p| p[c]).collect();
            v.sort_unstable();
            *o = v[v.len() / 2];
        }
        out
    }
}

/// Where a lon/lat lands on a picture drawn with `view`.
pub fn screen_at(view: &View, lon: f64, lat: f64) -> [f32; 2] {
    view.to_screen(nkmap::scene::to_local(lon, lat))
}

/// The colour of the picture at a lon/lat (the median of the 5×5 pixels around it).
pub fn colour_at(img: &Image, view: &View, lon: f64, lat: f64) -> [u8; 3] {
    img.colour_near(screen_at(view, lon, lat))
}

/// `fg` at `opacity` (times its own alpha) over the opaque `bg`, as the map composites it.
pub fn over(fg: Rgba, opacity: f32, bg: [u8; 3]) -> [u8; 3] {
    let a = fg.alpha() * opacity;
    let mut out = [0u8; 3];
    for c in 0..3 {
        out[c] = (f32::from(fg.0[c]) * a + f32::from(bg[c]) * (1.0 - a)).round() as u8;
    }
    out
}

pub fn rgb(c: Rgba) -> [u8; 3] {
    [c.0[0], c.0[1], c.0[2]]
}

/// Panics unless every channel of `got` is within `tolerance` of `want`.
pub fn assert_colour(got: [u8; 3], want: [u8; 3], tolerance: u8, what: &str) {
    let off = (0..3).map(|c| got[c].abs_diff(want[c])).max().unwrap_or(0);
    assert!(
        off <= tolerance,
        "{what}: the picture has {} where {} was expected (off by {off}, at most {tolerance})",
        hex(got),
        hex(want)
    );
}

/// Panics unless the picture's colour at `at` (screen pixels) is within `tolerance` of `want`.
pub fn assert_colour_at(img: &Image, at: [f32; 2], want: [u8; 3], tolerance: u8, what: &str) {
    assert_colour(
        img.colour_near(at),
        want,
        tolerance,
        &format!("{what} (pixel {:.0}, {:.0})", at[0], at[1]),
    );
}

/// Panics unless the picture drawn with `view` has `want` at the lon/lat.
#[allow(clippy::too_many_arguments)]
pub fn assert_colour_at_lon_lat(
    img: &Image,
    view: &View,
    (lon, lat): (f64, f64),
    want: [u8; 3],
    tolerance: u8,
    what: &str,
) {
    assert_colour_at(img, screen_at(view, lon, lat), want, tolerance, what);
}

pub fn hex(c: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// How close a picture must be to its reference.
#[derive(Debug, Clone, Copy)]
pub struct Tolerance {
    /// A pixel matches when every channel is within this.
    pub channel: u8,
    /// When set, a pixel also matches a pixel one step away (a renderer's anti-aliasing moving
    /// an edge by a pixel); else only the same pixel counts.
    pub neighbourhood: bool,
    /// How many pixels may fail to match.
    pub pixels: usize,
}

/// Pixels of `a` without a match in `b` (and the other way round, for the neighbourhood test),
/// and a picture of them: red where they differ, the picture dimmed elsewhere.
pub fn differing(a: &Image, b: &Image, tol: Tolerance) -> (usize, Image) {
    assert_eq!((a.width, a.height), (b.width, b.height));
    let (w, h) = (a.width, a.height);
    let close = |p: [u8; 4], q: [u8; 4]| (0..3).all(|c| p[c].abs_diff(q[c]) <= tol.channel);
    let unmatched = |from: &Image, to: &Image, x: u32, y: u32| {
        let p = from.pixel(x, y);
        if close(p, to.pixel(x, y)) {
            return false;
        }
        if !tol.neighbourhood {
            return true;
        }
        !(x.saturating_sub(1)..=(x + 1).min(w - 1)).any(|nx| {
            (y.saturating_sub(1)..=(y + 1).min(h - 1)).any(|ny| close(p, to.pixel(nx, ny)))
        })
    };
    let mut n = 0;
    let mut diff = Vec::with_capacity(a.rgba.len());
    for y in 0..h {
        for x in 0..w {
            let bad = unmatched(a, b, x, y) || (tol.neighbourhood && unmatched(b, a, x, y));
            if bad {
                n += 1;
                diff.extend_from_slice(&[255, 0, 0, 255]);
            } else {
                let p = a.pixel(x, y);
                diff.extend_from_slice(&[p[0] / 3, p[1] / 3, p[2] / 3, 255]);
            }
        }
    }
    (n, Image::new(w, h, diff))
}

/// kittest's wgpu test renderer, but waiting for the device as long as it takes: kittest
/// gives lavapipe 10 s per frame (and panics past it), which a loaded 2-core machine can
/// exceed. That is the machine's speed, not a failure of the drawing, and no test may depend
/// on it. Otherwise the same steps as `egui_kittest::wgpu::WgpuTestRenderer`.
#[cfg(feature = "gui")]
pub struct PatientRenderer {
    pub state: eframe::egui_wgpu::RenderState,
}

#[cfg(feature = "gui")]
impl PatientRenderer {
    /// On kittest's default device (a software rasterizer when there is one).
    pub fn new() -> Self {
        PatientRenderer {
            state: egui_kittest::wgpu::create_render_state(
                egui_kittest::wgpu::default_wgpu_setup(),
                eframe::egui_wgpu::RendererOptions::PREDICTABLE,
            ),
        }
    }
}

#[cfg(feature = "gui")]
impl egui_kittest::TestRenderer for PatientRenderer {
    fn handle_delta(&mut self, delta: &mut egui::TexturesDelta) {
        let mut renderer = self.state.renderer.write();
        for (id, images) in delta.set.drain() {
            for image in images {
                renderer.update_texture(&self.state.device, &self.state.queue, id, &image);
            }
        }
        for id in delta.free.drain() {
            renderer.free_texture(&id);
        }
    }

    fn render(
        &mut self,
        ctx: &egui::Context,
        output: &egui::FullOutput,
    ) -> Result<image::RgbaImage, String> {
        use eframe::egui_wgpu::{ScreenDescriptor, wgpu};
        let (device, queue) = (&self.state.device, &self.state.queue);
        let mut renderer = self.state.renderer.write();
        let size = ctx.content_rect().size() * ctx.pixels_per_point();
        let screen = ScreenDescriptor {
            pixels_per_point: ctx.pixels_per_point(),
            size_in_pixels: [size.x.round() as u32, size.y.round() as u32],
        };
        let [w, h] = screen.size_in_pixels;
        let prims = ctx.tessellate(output.shapes.clone(), ctx.pixels_per_point());
        let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor::default());
        let user = renderer.update_buffers(device, queue, &mut encoder, &prims, &screen);
        let texture = device.create_texture(&wgpu::TextureDescriptor {
            label: Some("nkmap test frame"),
            size: wgpu::Extent3d {
                width: w,
                height: h,
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: self.state.target_format,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
            view_formats: &[],
        });
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        {
            let mut pass = encoder
                .begin_render_pass(&wgpu::RenderPassDescriptor {
                    label: Some("nkmap test pass"),
                    color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                        view: &view,
                        resolve_target: None,
                        ops: wgpu::Operations {
                            load: wgpu::LoadOp::Clear(wgpu::Color::TRANSPARENT),
                            store: wgpu::StoreOp::Store,
                        },
                        depth_slice: None,
                    })],
                    ..Default::default()
                })
                .forget_lifetime();
            renderer.render(&mut pass, &prims, &screen);
        }
        // Then copied into a buffer the CPU can read, rows padded as wgpu requires.
        let row = (w * 4) as usize;
        let padded = row.div_ceil(256) * 256;
        let buffer = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("nkmap test readback"),
            size: (padded * h as usize) as u64,
            usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        encoder.copy_texture_to_buffer(
            texture.as_image_copy(),
            wgpu::TexelCopyBufferInfo {
                buffer: &buffer,
                layout: wgpu::TexelCopyBufferLayout {
                    offset: 0,
                    bytes_per_row: Some(padded as u32),
                    rows_per_image: None,
                },
            },
            wgpu::Extent3d {
                width: w,
                height: h,
                depth_or_array_layers: 1,
            },
        );
        queue.submit(user.into_iter().chain(std::iter::once(encoder.finish())));
        let (tx, rx) = std::sync::mpsc::channel();
        buffer
            .slice(..)
            .map_async(wgpu::MapMode::Read, move |r| drop(tx.send(r)));
        device
            .poll(wgpu::PollType::Wait {
                submission_index: None,
                timeout: None,
            })
            .map_err(|e| format!("the device failed: {e}"))?;
        rx.recv()
            .map_err(|e| e.to_string())?
            .map_err(|e| format!("cannot read the frame back: {e}"))?;
        let data = buffer
            .slice(..)
            .get_mapped_range()
            .map_err(|e| format!("cannot read the frame back: {e:?}"))?
            .chunks_exact(padded)
            .flat_map(|r| r[..row].iter().copied())
            .collect();
        image::RgbaImage::from_raw(w, h, data).ok_or_else(|| "a short frame".to_owned())
    }
}

/// The harness's window as a picture.
#[cfg(feature = "gui")]
pub fn picture(img: image::RgbaImage) -> Image {
    let (w, h) = img.dimensions();
    Image::new(w, h, img.into_raw())
}

pub fn reference_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/reference")
        .join(format!("{name}.png"))
}

/// Where a failing comparison leaves the picture and its differences.
pub fn out_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
}

/// Whether this run writes references instead of comparing with them.
pub fn updating() -> bool {
    if std::env::var_os("NKMAP_UPDATE_REFERENCE").is_none() {
        return false;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "NKMAP_UPDATE_REFERENCE is refused when CI is set: references are updated on purpose, \
         by a person who looked at them, never by the run that checks them"
    );
    true
}

/// Compares `got` with the reference `name`, or (with `NKMAP_UPDATE_REFERENCE`) writes it.
pub fn check_reference(name: &str, got: &Image, tol: Tolerance) {
    let path = reference_path(name);
    if updating() {
        got.save(&path);
        eprintln!(
            "wrote {} ({}x{}); not compared in this run",
            path.display(),
            got.width,
            got.height
        );
        return;
    }
    let how = "if the change is intended, look at the new picture and regenerate the references \
               with NKMAP_UPDATE_REFERENCE=1 cargo test --test render --test gpu";
    let Some(want) = Image::read(&path) else {
        panic!("no reference {}; {how}", path.display());
    };
    let saved_got = out_dir().join(format!("{name}-got.png"));
    got.save(&saved_got);
    assert_eq!(
        (got.width, got.height),
        (want.width, want.height),
        "{name}: size differs from {}; {how}",
        path.display()
    );
    let (n, diff) = differing(got, &want, tol);
    let saved_diff = out_dir().join(format!("{name}-diff.png"));
    diff.save(&saved_diff);
    eprintln!(
        "{name}: {n} of {} pixels differ from the reference (at most {} allowed)",
        got.width * got.height,
        tol.pixels
    );
    assert!(
        n <= tol.pixels,
        "{name}: {n} pixels differ from {} (at most {} may); the picture is {}, the differences \
         in red in {}; {how}",
        path.display(),
        tol.pixels,
        saved_got.display(),
        saved_diff.display()
    );
}
