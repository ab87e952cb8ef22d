//! Dated satellite imagery: GeoTIFF and Cloud-Optimized GeoTIFF read tile by tile, placed on the
//! map from their own GeoTIFF tags, decoded off the UI thread into a cache with a memory bound.
//!
//! Shaped around never holding a whole raster: an [`Image`] is the file's description (levels,
//! placement, date) and reads any tile of any level on request. A COG is read at the overview
//! that fits the zoom; a file without overviews gets a small preview built once by streaming
//! its chunks. The placement is computed here, not by GDAL ([`georef`], [`tm`]); the drawing
//! (`map::imagery`, `render`) asks for projected tile meshes ([`mesh`]) and decoded tiles
//! ([`tiles`]). Pure: no egui. [`check_bytes`] is the entry point for fuzzing.

pub mod dates;
pub mod georef;
pub mod mesh;
mod reader;
pub mod resample;
pub mod synth;
pub mod tiles;
pub mod tm;

pub use dates::DateFrom;
pub use georef::{Crs, Georef};
pub use reader::{ColorKind, MAX_CHUNK_BYTES, MAX_SIDE, MAX_STREAM_PIXELS, SampleLayout};

use crate::model::PartialDate;
use reader::{Directory, DirectoryReader, Origin, Raster};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// What went wrong with an image file, and which file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}: {message}")]
pub struct ImageryError {
    pub file: String,
    pub message: String,
}

/// Whether nkmap opens `path` as imagery (rather than as data).
pub fn is_imagery_path(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| matches!(e.as_str(), "tif" | "tiff" | "gtiff"))
}

/// A percentile stretch for 16-bit images: the `low`th percentile of each band becomes black,
/// the `high`th white.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stretch {
    pub low: f32,
    pub high: f32,
}

impl Default for Stretch {
    fn default() -> Self {
        Stretch {
            low: 2.0,
            high: 98.0,
        }
    }
}

impl Stretch {
    /// Tenths of a percent, for cache keys.
    pub fn key(self) -> [u16; 2] {
        let k = |v: f32| (v.clamp(0.0, 100.0) * 10.0).round() as u16;
        [k(self.low), k(self.high)]
    }
}

/// A level of detail: the full image (0) or an overview.
#[derive(Debug, Clone)]
pub struct Level {
    pub width: u32,
    pub height: u32,
    /// Logical tile size (the file's own tiles where they are a sensible size).
    pub tile: [u32; 2],
    /// Full-resolution pixels per pixel of this level, across and down.
    pub scale: [f64; 2],
    source: LevelSource,
}

#[derive(Debug, Clone)]
enum LevelSource {
    /// A directory of the file, by index into the image's directories.
    Directory(usize),
    /// A preview made when the file has no overviews.
    Memory(Arc<Raster>),
}

/// What an image is, as `nkmap check` and the layer list show it.
#[derive(Debug, Clone)]
pub struct ImageInfo {
    pub width: u32,
    pub height: u32,
    pub layout: SampleLayout,
    pub compression: &'static str,
    pub tiled: bool,
    /// Tile size, or (width, rows per strip).
    pub chunk: [u32; 2],
    /// Overviews in the file.
    pub overviews: usize,
    /// A preview was made because the file has none.
    pub preview: bool,
    pub georef: Georef,
    pub date: Option<(PartialDate, DateFrom)>,
    /// A date found in the file name, offered when the file has none.
    pub name_date: Option<PartialDate>,
    pub nodata: Option<f64>,
    /// Directories left out and other things worth knowing.
    pub notes: Vec<String>,
}

/// An opened image: its description, and tiles on request.
#[derive(Debug)]
pub struct Image {
    /// Unique in this process: tile keys and caches tell images apart by it.
    pub id: u64,
    /// The file name.
    pub name: String,
    pub path: Option<PathBuf>,
    origin: Origin,
    pub info: ImageInfo,
    levels: Vec<Level>,
    dirs: Vec<Directory>,
    /// Per colour band, 65,536 bins (16-bit images only).
    histograms: Option<Vec<Vec<u32>>>,
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// Opens an image file: reads its directories and tags (not its pixels, except for the
/// preview of a file without overviews).
pub fn open(path: &Path) -> Result<Image, ImageryError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    open_origin(
        name,
        Some(path.to_path_buf()),
        Origin::File(path.to_path_buf()),
    )
}

/// Opens an image held in memory.
pub fn open_bytes(name: &str, bytes: Arc<[u8]>) -> Result<Image, ImageryError> {
    open_origin(name.to_owned(), None, Origin::Bytes(bytes))
}

/// Opens `bytes` and decodes the first and last tile of every level: what a fuzzer should
/// drive. Never panics; every problem is an error.
pub fn check_bytes(bytes: &[u8]) -> Result<ImageInfo, ImageryError> {
    let image = open_bytes("input.tif", Arc::from(bytes))?;
    let mut readers = Readers::default();
    for level in 0..image.levels() {
        let [nx, ny] = image.tile_grid(level);
        for (x, y) in [(0, 0), (nx.saturating_sub(1), ny.saturating_sub(1))] {
            image
                .read_tile(&mut readers, level, x, y, Stretch::default())
                .map_err(|message| image.error(message))?;
        }
    }
    Ok(image.info.clone())
}

fn open_origin(name: String, path: Option<PathBuf>, origin: Origin) -> Result<Image, ImageryError> {
    let file = name.clone();
    let fail = move |message: String| ImageryError {
        file: file.clone(),
        message,
    };
    let scan = reader::scan(&origin).map_err(&fail)?;
    let Some(full) = scan.main.first().cloned() else {
        return Err(fail(crate::t!("imagery-not-tiff", reason = "no image")));
    };
    let georef = georef::from_tags(&scan.tags.geo).map_err(&fail)?;
    let mut notes = scan.skipped.clone();
    let mut overviews: Vec<Directory> = Vec::new();
    for d in scan.main.iter().skip(1).chain(&scan.sub) {
        if d.subfile & 4 != 0 {
            notes.push(crate::t!("imagery-note-mask"));
            continue;
        }
        if d.width >= full.width || d.height >= full.height {
            continue;
        }
        if d.layout != full.layout {
            notes.push(crate::t!(
                "imagery-note-other-layout",
                width = d.width,
                height = d.height
            ));
            continue;
        }
        if !overviews.iter().any(|o| o.width == d.width) {
            overviews.push(d.clone());
        }
    }
    overviews.sort_by_key(|d| std::cmp::Reverse(d.width));
    let n_overviews = overviews.len();
    let mut dirs = vec![full.clone()];
    dirs.extend(overviews);
    let level_of = |i: usize, d: &Directory| Level {
        width: d.width,
        height: d.height,
        tile: if d.tiled && (128..=1024).contains(&d.chunk[0]) && (128..=1024).contains(&d.chunk[1])
        {
            d.chunk
        } else {
            [256, 256]
        },
        scale: [
            f64::from(full.width) / f64::from(d.width),
            f64::from(full.height) / f64::from(d.height),
        ],
        source: LevelSource::Directory(i),
    };
    let mut levels: Vec<Level> = dirs
        .iter()
        .enumerate()
        .map(|(i, d)| level_of(i, d))
        .collect();
    let nodata = scan
        .tags
        .nodata
        .as_deref()
        .and_then(|s| s.trim().trim_end_matches('\0').parse::<f64>().ok())
        .filter(|v| v.is_finite());
    // Without overviews, a big image gets a preview (at most 1024 pixels across) made by
    // reading it once; with them, nothing is read now.
    let mut preview = false;
    if n_overviews == 0 && full.width.max(full.height) > 2048 {
        let pixels = u64::from(full.width) * u64::from(full.height);
        if pixels > MAX_STREAM_PIXELS {
            return Err(fail(crate::t!(
                "imagery-no-overviews-too-big",
                width = crate::i18n::format_count(u64::from(full.width)),
                height = crate::i18n::format_count(u64::from(full.height))
            )));
        }
        let raster = make_preview(&origin, &full, nodata).map_err(&fail)?;
        levels.push(Level {
            width: raster.width,
            height: raster.height,
            tile: [256, 256],
            scale: [
                f64::from(full.width) / f64::from(raster.width),
                f64::from(full.height) / f64::from(raster.height),
            ],
            source: LevelSource::Memory(Arc::new(raster)),
        });
        preview = true;
    }
    if full.layout.color == ColorKind::Bands {
        notes.push(crate::t!(
            "imagery-note-bands",
            bands = u32::from(full.layout.samples)
        ));
    }
    let mut image = Image {
        id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        info: ImageInfo {
            width: full.width,
            height: full.height,
            layout: full.layout,
            compression: full.compression_name(),
            tiled: full.tiled,
            chunk: full.chunk,
            overviews: n_overviews,
            preview,
            georef,
            date: dates::from_tags(
                scan.tags.date_time.as_deref(),
                scan.tags.gdal_metadata.as_deref(),
            ),
            name_date: dates::guess_from_name(&name),
            nodata,
            notes,
        },
        name,
        path,
        origin,
        levels,
        dirs,
        histograms: None,
    };
    if full.layout.bits == 16 {
        image.histograms = Some(image.histograms().map_err(&fail)?);
    }
    Ok(image)
}

/// A box-filtered copy of `dir` at most 1024 pixels across, read chunk by chunk.
fn make_preview(origin: &Origin, dir: &Directory, nodata: Option<f64>) -> Result<Raster, String> {
    let mut factor = 1u32;
    while dir.width.max(dir.height).div_ceil(factor) > 1024 {
        factor *= 2;
    }
    let (w, h) = (dir.width.div_ceil(factor), dir.height.div_ceil(factor));
    let bands = usize::from(dir.layout.samples);
    let colour = dir.layout.color_bands();
    let mut sums = vec![0u64; w as usize * h as usize * bands];
    let mut counts = vec![0u32; w as usize * h as usize];
    reader::stream(origin, dir, |x0, y0, r| {
        for y in 0..r.height {
            for x in 0..r.width {
                let src = (y as usize * r.width as usize + x as usize) * bands;
                let Some(px) = r.data.get(src..src + bands) else {
                    continue;
                };
                if is_nodata(px, colour, nodata) {
                    continue;
                }
                let cell = ((y0 + y) / factor) as usize * w as usize + ((x0 + x) / factor) as usize;
                if let Some(c) = counts.get_mut(cell) {
                    *c += 1;
                    for (b, v) in px.iter().enumerate() {
                        sums[cell * bands + b] += u64::from(*v);
                    }
                }
            }
        }
        true
    })?;
    let mut out = Raster::new(w, h, bands);
    let fill = nodata.map_or(0, |v| v.clamp(0.0, 65535.0) as u16);
    for (cell, &n) in counts.iter().enumerate() {
        for b in 0..bands {
            out.data[cell * bands + b] = if n == 0 {
                fill
            } else {
                (sums[cell * bands + b] / u64::from(n)) as u16
            };
        }
    }
    Ok(out)
}

fn is_nodata(px: &[u16], colour: usize, nodata: Option<f64>) -> bool {
    nodata.is_some_and(|nd| px.iter().take(colour).all(|&v| f64::from(v) == nd))
}

/// Pixels of the coarsest level a 16-bit image's histograms are made from (its first chunks).
const HISTOGRAM_PIXELS: u64 = 4_000_000;

/// Open decoders, one per directory of an image, kept between tiles (a worker owns one set).
#[derive(Default)]
pub struct Readers {
    open: Vec<((u64, usize), DirectoryReader)>,
}

/// Decoders kept open at once (each holds a file handle and a few decoded chunks).
const MAX_OPEN_READERS: usize = 8;

impl Readers {
    fn get(&mut self, image: u64, dir: usize, offset: u64) -> &mut DirectoryReader {
        let pos = match self.open.iter().position(|(k, _)| *k == (image, dir)) {
            Some(p) => p,
            None => {
                if self.open.len() >= MAX_OPEN_READERS {
                    self.open.remove(0);
                }
                self.open.push(((image, dir), DirectoryReader::new(offset)));
                self.open.len() - 1
            }
        };
        // Most recently used last.
        let entry = self.open.remove(pos);
        self.open.push(entry);
        let last = self.open.len() - 1;
        &mut self.open[last].1
    }

    /// Lets go of an image's decoders (its file is closed).
    pub fn forget(&mut self, image: u64) {
        self.open.retain(|((i, _), _)| *i != image);
    }
}

/// A decoded tile: unpremultiplied RGBA, row by row.
#[derive(Debug, Clone, PartialEq)]
pub struct RgbaTile {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

impl RgbaTile {
    pub fn bytes(&self) -> usize {
        self.pixels.len()
    }
}

impl Image {
    pub fn levels(&self) -> usize {
        self.levels.len()
    }

    pub fn level(&self, i: usize) -> Option<&Level> {
        self.levels.get(i)
    }

    /// An error about this image.
    pub fn error(&self, message: String) -> ImageryError {
        ImageryError {
            file: self.name.clone(),
            message,
        }
    }

    /// Tiles across and down at a level.
    pub fn tile_grid(&self, level: usize) -> [u32; 2] {
        self.levels.get(level).map_or([0, 0], |l| {
            [l.width.div_ceil(l.tile[0]), l.height.div_ceil(l.tile[1])]
        })
    }

    /// A tile's pixels at its level: `[x0, y0, width, height]`.
    pub fn tile_rect(&self, level: usize, x: u32, y: u32) -> Option<[u32; 4]> {
        let l = self.levels.get(level)?;
        let (x0, y0) = (x.checked_mul(l.tile[0])?, y.checked_mul(l.tile[1])?);
        if x0 >= l.width || y0 >= l.height {
            return None;
        }
        Some([
            x0,
            y0,
            l.tile[0].min(l.width - x0),
            l.tile[1].min(l.height - y0),
        ])
    }

    /// The coarsest level that still has a pixel for every screen pixel, when full-resolution
    /// pixels are `screen_per_pixel` screen pixels wide (the full image when zoomed in past it).
    pub fn level_for(&self, screen_per_pixel: f64) -> usize {
        let mut best = 0;
        for (i, l) in self.levels.iter().enumerate() {
            // A little over one screen pixel per level pixel is still sharp enough.
            if l.scale[0].max(l.scale[1]) * screen_per_pixel <= 1.2
                && l.scale[0] > self.levels[best].scale[0]
            {
                best = i;
            }
        }
        best
    }

    /// The per-band black and white points for a stretch (identity for 8-bit images).
    pub fn stretch_bounds(&self, stretch: Stretch) -> Vec<[u16; 2]> {
        let colour = self.info.layout.color_bands();
        let Some(h) = &self.histograms else {
            return vec![[0, 255]; colour];
        };
        h.iter()
            .map(|bins| {
                let total: u64 = bins.iter().map(|&c| u64::from(c)).sum();
                if total == 0 {
                    return [0, 65535];
                }
                // The value below which `pct` percent of the pixels are: strictly above the
                // target count for the black point (0 % is the smallest value), reaching it for
                // the white point (100 % is the largest).
                let at = |pct: f32, reach: bool| {
                    let target = (total as f64 * f64::from(pct.clamp(0.0, 100.0)) / 100.0) as u64;
                    let mut acc = 0u64;
                    for (v, &c) in bins.iter().enumerate() {
                        acc += u64::from(c);
                        if acc > target || (reach && acc >= target && c > 0) {
                            return v as u16;
                        }
                    }
                    65535
                };
                let (lo, hi) = (at(stretch.low, false), at(stretch.high, true));
                [lo, hi.max(lo.saturating_add(1))]
            })
            .collect()
    }

    /// The stretch a tile key records (nothing for 8-bit images, which are not stretched).
    pub fn stretch_key(&self, stretch: Stretch) -> [u16; 2] {
        if self.histograms.is_some() {
            stretch.key()
        } else {
            [0, 0]
        }
    }

    fn histograms(&self) -> Result<Vec<Vec<u32>>, String> {
        let colour = self.info.layout.color_bands();
        let mut bins = vec![vec![0u32; 65536]; colour];
        let bands = usize::from(self.info.layout.samples);
        let nodata = self.info.nodata;
        let mut add = |r: &Raster| {
            for px in r.data.chunks_exact(bands) {
                if is_nodata(px, colour, nodata) {
                    continue;
                }
                for (b, bin) in bins.iter_mut().enumerate() {
                    if let Some(&v) = px.get(b) {
                        bin[usize::from(v)] = bin[usize::from(v)].saturating_add(1);
                    }
                }
            }
        };
        // The coarsest level: enough pixels for percentiles, few to read.
        let Some(level) = self
            .levels
            .iter()
            .max_by(|a, b| a.scale[0].total_cmp(&b.scale[0]))
        else {
            return Ok(bins);
        };
        match &level.source {
            LevelSource::Memory(r) => add(r),
            LevelSource::Directory(i) => {
                let Some(d) = self.dirs.get(*i) else {
                    return Ok(bins);
                };
                // A big level is sampled by its first rows of chunks only: the rest are not
                // even decoded (a file whose coarsest overview is huge would take minutes).
                let mut seen = 0u64;
                reader::stream(&self.origin, d, |_, _, r| {
                    seen += u64::from(r.width) * u64::from(r.height);
                    add(r);
                    seen < HISTOGRAM_PIXELS
                })?;
            }
        }
        Ok(bins)
    }

    /// Decodes one tile to RGBA with `stretch` (16-bit images) and the nodata value made
    /// transparent.
    pub fn read_tile(
        &self,
        readers: &mut Readers,
        level: usize,
        x: u32,
        y: u32,
        stretch: Stretch,
    ) -> Result<RgbaTile, String> {
        let (Some(l), Some(rect)) = (self.levels.get(level), self.tile_rect(level, x, y)) else {
            return Err(crate::t!("imagery-no-such-tile"));
        };
        let raster = match &l.source {
            LevelSource::Memory(r) => crop(r, rect),
            LevelSource::Directory(i) => {
                let Some(d) = self.dirs.get(*i) else {
                    return Err(crate::t!("imagery-no-such-tile"));
                };
                readers
                    .get(self.id, *i, d.offset)
                    .window(&self.origin, d, rect)?
            }
        };
        Ok(to_rgba(
            &raster,
            &self.info.layout,
            &self.stretch_bounds(stretch),
            self.info.nodata,
        ))
    }

    /// The image's outline in Web Mercator world pixels (zoom 0): its four corners.
    pub fn corners_world(&self) -> [[f64; 2]; 4] {
        let (w, h) = (f64::from(self.info.width), f64::from(self.info.height));
        let g = &self.info.georef;
        [
            g.pixel_to_world(0.0, 0.0),
            g.pixel_to_world(w, 0.0),
            g.pixel_to_world(w, h),
            g.pixel_to_world(0.0, h),
        ]
    }

    /// The bounding box of the image in world pixels, its edges sampled (a UTM image's edges
    /// are slightly curved in Web Mercator).
    pub fn bbox_world(&self) -> [[f64; 2]; 2] {
        let (w, h) = (f64::from(self.info.width), f64::from(self.info.height));
        let mut min = [f64::INFINITY; 2];
        let mut max = [f64::NEG_INFINITY; 2];
        for k in 0..=16 {
            let t = f64::from(k) / 16.0;
            for (u, v) in [(t * w, 0.0), (t * w, h), (0.0, t * h), (w, t * h)] {
                let p = self.info.georef.pixel_to_world(u, v);
                if p[0].is_finite() && p[1].is_finite() {
                    min = [min[0].min(p[0]), min[1].min(p[1])];
                    max = [max[0].max(p[0]), max[1].max(p[1])];
                }
            }
        }
        [min, max]
    }

    /// The centre of the image, as (lon, lat).
    pub fn center_lon_lat(&self) -> (f64, f64) {
        self.info.georef.pixel_to_lon_lat(
            f64::from(self.info.width) / 2.0,
            f64::from(self.info.height) / 2.0,
        )
    }

    /// Whether the image covers a point (lon, lat).
    pub fn covers(&self, lon: f64, lat: f64) -> bool {
        let (u, v) = self.info.georef.lon_lat_to_pixel(lon, lat);
        u >= 0.0 && v >= 0.0 && u < f64::from(self.info.width) && v < f64::from(self.info.height)
    }
}

fn crop(r: &Raster, [x0, y0, w, h]: [u32; 4]) -> Raster {
    let mut out = Raster::new(w, h, r.bands);
    for y in 0..h {
        let src = ((y0 + y) as usize * r.width as usize + x0 as usize) * r.bands;
        let dst = (y as usize * w as usize) * r.bands;
        let n = w as usize * r.bands;
        if let (Some(s), Some(d)) = (r.data.get(src..src + n), out.data.get_mut(dst..dst + n)) {
            d.copy_from_slice(s);
        }
    }
    out
}

/// Raw samples → RGBA: colour bands through their black/white points, YCbCr converted, alpha
/// from an alpha band, nodata and absent chunks transparent.
fn to_rgba(
    r: &Raster,
    layout: &SampleLayout,
    bounds: &[[u16; 2]],
    nodata: Option<f64>,
) -> RgbaTile {
    let n = r.width as usize * r.height as usize;
    let mut px = vec![0u8; n * 4];
    let colour = layout.color_bands();
    let wide = layout.bits == 16;
    let level = |b: usize, v: u16| -> u8 {
        let [lo, hi] = bounds.get(b).copied().unwrap_or([0, 255]);
        if !wide && lo == 0 && hi == 255 {
            return v.min(255) as u8;
        }
        let t = (f32::from(v) - f32::from(lo)) / f32::from(hi.saturating_sub(lo).max(1));
        (t.clamp(0.0, 1.0) * 255.0).round() as u8
    };
    for (i, s) in r.data.chunks_exact(r.bands).enumerate().take(n) {
        if r.is_empty_at(i) || is_nodata(s, colour, nodata) {
            continue;
        }
        let out = &mut px[i * 4..i * 4 + 4];
        match layout.color {
            ColorKind::Gray => {
                let g = level(0, s[0]);
                out[..3].copy_from_slice(&[g, g, g]);
            }
            ColorKind::Rgb | ColorKind::Bands => {
                for (b, o) in out.iter_mut().take(3).enumerate() {
                    *o = level(b, s.get(b).copied().unwrap_or(0));
                }
            }
            ColorKind::YCbCr => {
                let y = f32::from(s[0]);
                let cb = f32::from(s.get(1).copied().unwrap_or(128)) - 128.0;
                let cr = f32::from(s.get(2).copied().unwrap_or(128)) - 128.0;
                let c = |v: f32| v.round().clamp(0.0, 255.0) as u8;
                out[0] = c(y + 1.402 * cr);
                out[1] = c(y - 0.344_136 * cb - 0.714_136 * cr);
                out[2] = c(y + 1.772 * cb);
            }
        }
        out[3] = match layout.alpha {
            Some(a) => {
                let v = s.get(usize::from(a)).copied().unwrap_or(255);
                if wide {
                    (v >> 8) as u8
                } else {
                    v.min(255) as u8
                }
            }
            None => 255,
        };
    }
    RgbaTile {
        width: r.width,
        height: r.height,
        pixels: px,
    }
}

impl ImageInfo {
    /// "RGB, 8-bit", "4 bands, 16-bit".
    pub fn bands_text(&self) -> String {
        let bits = u32::from(self.layout.bits);
        match (self.layout.color, self.layout.alpha) {
            (ColorKind::Gray, None) => crate::t!("imagery-bands-gray", bits = bits),
            (ColorKind::Gray, Some(_)) => crate::t!("imagery-bands-gray-alpha", bits = bits),
            (ColorKind::Rgb, None) => crate::t!("imagery-bands-rgb", bits = bits),
            (ColorKind::Rgb, Some(_)) => crate::t!("imagery-bands-rgba", bits = bits),
            (ColorKind::YCbCr, _) => crate::t!("imagery-bands-ycbcr"),
            (ColorKind::Bands, _) => crate::t!(
                "imagery-bands-multi",
                n = u32::from(self.layout.samples),
                bits = bits
            ),
        }
    }

    /// "tiled 512 × 512, Deflate, 5 overviews".
    pub fn layout_text(&self) -> String {
        let chunks = if self.tiled {
            crate::t!("imagery-tiled", w = self.chunk[0], h = self.chunk[1])
        } else {
            crate::t!("imagery-stripped", rows = self.chunk[1])
        };
        let levels = if self.preview {
            crate::t!("imagery-preview-made")
        } else {
            crate::t!("imagery-overviews", n = self.overviews)
        };
        format!("{chunks}, {}, {levels}", self.compression)
    }

    /// "10 m" or "0.0001°": the size of a full-resolution pixel.
    pub fn pixel_size_text(&self) -> String {
        let (w, h) = self.georef.pixel_size();
        let s = (w + h) / 2.0;
        if self.georef.crs.is_geographic() {
            format!("{s:.6}°")
        } else if s >= 10.0 {
            format!("{s:.0} m")
        } else {
            format!("{s:.2} m")
        }
    }
}

/// Where an image's date came from, in words.
pub fn date_from_text(from: &DateFrom) -> String {
    match from {
        DateFrom::Metadata(key) => crate::t!("imagery-date-from-metadata", key = key.as_str()),
        DateFrom::TiffDateTime => crate::t!("imagery-date-from-tiff"),
        DateFrom::User => crate::t!("imagery-date-from-user"),
    }
}
