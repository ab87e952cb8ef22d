//! The TIFF side: the directories of a (Geo)TIFF as nkmap uses them, and decoding any window
//! of any level to raw samples, chunk by chunk, with the `tiff` crate.
//!
//! Nothing here reads a whole raster: a window touches only the tiles or strips under it. Every
//! size a file declares is checked against the file's length and against fixed limits before
//! anything is allocated, so a hostile file (absurd dimensions, offsets past the end, a
//! decompression bomb) is an error, not an out-of-memory. The `tiff` crate is run under
//! `catch_unwind`: a panic inside it on a malformed file becomes an error too.

use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;
use tiff::ColorType;
use tiff::decoder::{ChunkType, Decoder, Limits, TiffCodingUnit};
use tiff::tags::Tag;

/// Largest width or height accepted (a million pixels: a 10 km strip at 1 cm).
pub const MAX_SIDE: u32 = 1_000_000;
/// Largest decoded tile or strip, in bytes.
pub const MAX_CHUNK_BYTES: usize = 64 << 20;
/// Directories followed in the main chain (a COG has one per overview, plus masks).
const MAX_DIRECTORIES: usize = 64;
/// A file without overviews is read whole once to make a preview; beyond this many pixels
/// that would take minutes, so such a file is refused with how to add overviews.
pub const MAX_STREAM_PIXELS: u64 = 1_000_000_000;

pub trait ReadSeek: Read + Seek + Send {}
impl<T: Read + Seek + Send> ReadSeek for T {}

/// Where the bytes of an image are.
#[derive(Clone)]
pub enum Origin {
    File(PathBuf),
    Bytes(Arc<[u8]>),
}

impl std::fmt::Debug for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::File(p) => write!(f, "File({})", p.display()),
            Origin::Bytes(b) => write!(f, "Bytes({} bytes)", b.len()),
        }
    }
}

impl Origin {
    pub fn open(&self) -> io::Result<Box<dyn ReadSeek>> {
        Ok(match self {
            Origin::File(p) => {
                Box::new(BufReader::with_capacity(64 << 10, std::fs::File::open(p)?))
            }
            Origin::Bytes(b) => Box::new(io::Cursor::new(Arc::clone(b))),
        })
    }

    pub fn len(&self) -> io::Result<u64> {
        Ok(match self {
            Origin::File(p) => std::fs::metadata(p)?.len(),
            Origin::Bytes(b) => b.len() as u64,
        })
    }
}

/// The file with its header's first-directory pointer replaced, so that the `tiff` decoder
/// starts at any directory: an overview further down the main chain or a SubIFD.
struct StartAt<R> {
    inner: R,
    header: [u8; 16],
    header_len: u64,
    pos: u64,
}

impl<R: Read + Seek> StartAt<R> {
    fn new(mut inner: R, directory: u64) -> io::Result<Self> {
        let mut header = [0u8; 16];
        inner.seek(SeekFrom::Start(0))?;
        let n = read_up_to(&mut inner, &mut header)?;
        let little = header[..2] == *b"II";
        let big = n >= 4
            && match little {
                true => u16::from_le_bytes([header[2], header[3]]) == 43,
                false => u16::from_be_bytes([header[2], header[3]]) == 43,
            };
        let header_len = if big { 16 } else { 8 };
        if (n as u64) < header_len {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "shorter than a TIFF header",
            ));
        }
        if big {
            let b = if little {
                directory.to_le_bytes()
            } else {
                directory.to_be_bytes()
            };
            header[8..16].copy_from_slice(&b);
        } else {
            let d = u32::try_from(directory).map_err(|_| {
                io::Error::new(io::ErrorKind::InvalidData, "directory offset out of range")
            })?;
            let b = if little {
                d.to_le_bytes()
            } else {
                d.to_be_bytes()
            };
            header[4..8].copy_from_slice(&b);
        }
        inner.seek(SeekFrom::Start(0))?;
        Ok(StartAt {
            inner,
            header,
            header_len,
            pos: 0,
        })
    }
}

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

impl<R: Read + Seek> Read for StartAt<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos < self.header_len {
            let from = self.pos as usize;
            let n = (self.header_len as usize - from).min(buf.len());
            buf[..n].copy_from_slice(&self.header[from..from + n]);
            self.pos += n as u64;
            self.inner.seek(SeekFrom::Start(self.pos))?;
            return Ok(n);
        }
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: Read + Seek> Seek for StartAt<R> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        self.pos = self.inner.seek(to)?;
        Ok(self.pos)
    }
}

type Dec = Decoder<StartAt<Box<dyn ReadSeek>>>;

fn limits() -> Limits {
    let mut l = Limits::default();
    l.decoding_buffer_size = MAX_CHUNK_BYTES;
    l.intermediate_buffer_size = MAX_CHUNK_BYTES;
    // Tile offset arrays: 4 MiB is half a million tiles.
    l.ifd_value_size = 4 << 20;
    l
}

/// A decoder positioned on the directory at `offset` (0: the file's first).
fn decoder_at(origin: &Origin, offset: Option<u64>) -> Result<Dec, String> {
    let file = origin
        .open()
        .map_err(|e| crate::t!("imagery-cannot-read", reason = e.to_string()))?;
    let reader = match offset {
        Some(o) => StartAt::new(file, o),
        None => StartAt::new(file, first_directory(origin)?),
    }
    .map_err(|e| crate::t!("imagery-not-tiff", reason = e.to_string()))?;
    let d = guarded(|| Decoder::new(reader).map_err(|e| tiff_error(&e)))?;
    Ok(d.with_limits(limits()))
}

/// The first directory's offset, as the header says.
fn first_directory(origin: &Origin) -> Result<u64, String> {
    let mut f = origin
        .open()
        .map_err(|e| crate::t!("imagery-cannot-read", reason = e.to_string()))?;
    let mut h = [0u8; 16];
    let n = read_up_to(&mut f, &mut h)
        .map_err(|e| crate::t!("imagery-cannot-read", reason = e.to_string()))?;
    let little = match &h[..2] {
        b"II" => true,
        b"MM" => false,
        _ => return Err(crate::t!("imagery-not-tiff", reason = "no TIFF signature")),
    };
    let u16_at = |i: usize| {
        if little {
            u16::from_le_bytes([h[i], h[i + 1]])
        } else {
            u16::from_be_bytes([h[i], h[i + 1]])
        }
    };
    match (u16_at(2), n) {
        (42, 8..) => {
            let b = [h[4], h[5], h[6], h[7]];
            Ok(u64::from(if little {
                u32::from_le_bytes(b)
            } else {
                u32::from_be_bytes(b)
            }))
        }
        (43, 16..) => {
            let mut b = [0u8; 8];
            b.copy_from_slice(&h[8..16]);
            Ok(if little {
                u64::from_le_bytes(b)
            } else {
                u64::from_be_bytes(b)
            })
        }
        _ => Err(crate::t!("imagery-not-tiff", reason = "no TIFF signature")),
    }
}

/// Runs `f`, turning a panic inside the `tiff` crate into an error.
pub fn guarded<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(_) => Err(crate::t!("imagery-decoder-panic")),
    }
}

pub fn tiff_error(e: &tiff::TiffError) -> String {
    match e {
        tiff::TiffError::LimitsExceeded => crate::t!("imagery-too-large-chunk"),
        tiff::TiffError::IoError(io) if io.kind() == io::ErrorKind::UnexpectedEof => {
            crate::t!("imagery-truncated")
        }
        other => crate::t!("imagery-tiff-error", reason = other.to_string()),
    }
}

/// How the samples of a pixel become a colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorKind {
    Gray,
    Rgb,
    /// JPEG-compressed YCbCr, converted to RGB here.
    YCbCr,
    /// Three or more bands without a colour interpretation: the first three as red, green, blue.
    Bands,
}

/// The samples of a pixel: how many, how deep, what they mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SampleLayout {
    pub samples: u16,
    pub bits: u8,
    pub color: ColorKind,
    /// Which sample is alpha, if one is.
    pub alpha: Option<u16>,
}

impl SampleLayout {
    /// Samples that carry colour (1 for grey, 3 otherwise).
    pub fn color_bands(&self) -> usize {
        match self.color {
            ColorKind::Gray => 1,
            _ => 3,
        }
    }
}

/// One image directory as nkmap reads it.
#[derive(Debug, Clone)]
pub struct Directory {
    /// Where it is in the file (what the decoder is started at).
    pub offset: u64,
    pub width: u32,
    pub height: u32,
    /// NewSubfileType: bit 0 reduced resolution, bit 2 a mask.
    pub subfile: u32,
    pub layout: SampleLayout,
    pub compression: u16,
    pub tiled: bool,
    /// Tile size, or (width, rows per strip).
    pub chunk: [u32; 2],
    /// Chunks per plane; planar files have `samples` planes of them.
    pub chunks_per_plane: u32,
    pub planar: bool,
    pub chunk_offsets: Vec<u64>,
    pub chunk_bytes: Vec<u64>,
    pub sub_ifds: Vec<u64>,
}

impl Directory {
    pub fn chunks_across(&self) -> u32 {
        self.width.div_ceil(self.chunk[0].max(1))
    }

    pub fn compression_name(&self) -> &'static str {
        compression_name(self.compression)
    }
}

pub fn compression_name(c: u16) -> &'static str {
    match c {
        1 => "uncompressed",
        5 => "LZW",
        6 | 7 => "JPEG",
        8 | 32946 => "Deflate",
        32773 => "PackBits",
        50000 => "ZSTD",
        50001 => "WebP",
        34887 => "LERC",
        _ => "another compression",
    }
}

fn supported_compression(c: u16) -> bool {
    matches!(c, 1 | 5 | 7 | 8 | 32946 | 32773)
}

/// What the first directory says besides its pixels.
#[derive(Debug, Clone, Default)]
pub struct FileTags {
    pub geo: super::georef::GeoTags,
    pub date_time: Option<String>,
    pub gdal_metadata: Option<String>,
    pub nodata: Option<String>,
}

/// The file's directories: the main chain (first is the full image) and the first's SubIFDs.
#[derive(Debug)]
pub struct Scan {
    pub main: Vec<Directory>,
    pub sub: Vec<Directory>,
    pub tags: FileTags,
    /// Directories skipped, and why (masks, thumbnails of another layout).
    pub skipped: Vec<String>,
}

/// Reads every directory's description (not its pixels).
pub fn scan(origin: &Origin) -> Result<Scan, String> {
    let file_len = origin
        .len()
        .map_err(|e| crate::t!("imagery-cannot-read", reason = e.to_string()))?;
    let mut dec = decoder_at(origin, None)?;
    let mut main = Vec::new();
    let mut skipped = Vec::new();
    let tags = guarded(|| Ok(file_tags(&mut dec)))?;
    let first_offset = first_directory(origin)?;
    let mut offset = first_offset;
    loop {
        let described = guarded(|| describe(&mut dec, offset, file_len));
        match described {
            Ok(d) => main.push(d),
            // The full image must be readable; a broken overview is left out and said.
            Err(e) if main.is_empty() => return Err(e),
            Err(e) => skipped.push(e),
        }
        if main.len() + skipped.len() >= MAX_DIRECTORIES || !dec.more_images() {
            break;
        }
        match guarded(|| dec.next_image().map_err(|e| tiff_error(&e))) {
            Ok(()) => {}
            Err(e) => {
                skipped.push(e);
                break;
            }
        }
        match dec.ifd_pointer() {
            Some(p) => offset = p.0,
            None => break,
        }
    }
    let mut sub = Vec::new();
    let sub_offsets = main.first().map(|d| d.sub_ifds.clone()).unwrap_or_default();
    for o in sub_offsets.into_iter().take(MAX_DIRECTORIES) {
        if o == 0 || o >= file_len {
            skipped.push(crate::t!("imagery-bad-subifd"));
            continue;
        }
        let r =
            decoder_at(origin, Some(o)).and_then(|mut d| guarded(|| describe(&mut d, o, file_len)));
        match r {
            Ok(d) => sub.push(d),
            Err(e) => skipped.push(e),
        }
    }
    Ok(Scan {
        main,
        sub,
        tags,
        skipped,
    })
}

fn file_tags(dec: &mut Dec) -> FileTags {
    let f64s = |dec: &mut Dec, tag| {
        dec.find_tag(tag)
            .ok()
            .flatten()
            .and_then(|v| v.into_f64_vec().ok())
    };
    let text = |dec: &mut Dec, tag| {
        dec.find_tag(tag)
            .ok()
            .flatten()
            .and_then(|v| v.into_string().ok())
    };
    let geo = super::georef::GeoTags {
        pixel_scale: f64s(dec, Tag::ModelPixelScaleTag),
        tiepoints: f64s(dec, Tag::ModelTiepointTag),
        transformation: f64s(dec, Tag::ModelTransformationTag),
        key_directory: dec
            .find_tag(Tag::GeoKeyDirectoryTag)
            .ok()
            .flatten()
            .and_then(|v| v.into_u16_vec().ok()),
        doubles: f64s(dec, Tag::GeoDoubleParamsTag),
        ascii: text(dec, Tag::GeoAsciiParamsTag),
    };
    FileTags {
        geo,
        date_time: text(dec, Tag::DateTime),
        gdal_metadata: text(dec, Tag::Unknown(42112)),
        nodata: text(dec, Tag::GdalNodata),
    }
}

fn describe(dec: &mut Dec, offset: u64, file_len: u64) -> Result<Directory, String> {
    let (width, height) = dec.dimensions().map_err(|e| tiff_error(&e))?;
    if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
        return Err(crate::t!(
            "imagery-absurd-size",
            width = crate::i18n::format_count(u64::from(width)),
            height = crate::i18n::format_count(u64::from(height)),
            max = crate::i18n::format_count(u64::from(MAX_SIDE))
        ));
    }
    let u16_tag = |dec: &mut Dec, tag| dec.find_tag_unsigned::<u16>(tag).ok().flatten();
    let compression = u16_tag(dec, Tag::Compression).unwrap_or(1);
    if !supported_compression(compression) {
        return Err(crate::t!(
            "imagery-unsupported-compression",
            name = compression_name(compression),
            code = u32::from(compression)
        ));
    }
    let photometric = u16_tag(dec, Tag::PhotometricInterpretation).unwrap_or(1);
    let sample_format = dec
        .find_tag_unsigned_vec::<u16>(Tag::SampleFormat)
        .ok()
        .flatten()
        .and_then(|v| v.first().copied())
        .unwrap_or(1);
    let extra = dec
        .find_tag_unsigned_vec::<u16>(Tag::ExtraSamples)
        .ok()
        .flatten()
        .unwrap_or_default();
    let planar = u16_tag(dec, Tag::PlanarConfiguration) == Some(2);
    let subfile = dec
        .find_tag_unsigned::<u32>(Tag::NewSubfileType)
        .ok()
        .flatten()
        .unwrap_or(0);
    let spp = u16_tag(dec, Tag::SamplesPerPixel).unwrap_or(1);
    let color = dec.colortype().map_err(|e| tiff_error(&e))?;
    let layout = sample_layout(color, photometric, sample_format, compression, spp, &extra)?;
    let tiled = dec.get_chunk_type() == ChunkType::Tile;
    let chunk = {
        let (w, h) = dec.chunk_dimensions();
        [w, h.min(height)]
    };
    if chunk[0] == 0 || chunk[1] == 0 {
        return Err(crate::t!("imagery-bad-chunks"));
    }
    let per_plane = u64::from(width.div_ceil(chunk[0])) * u64::from(height.div_ceil(chunk[1]));
    let planes = if planar { u64::from(layout.samples) } else { 1 };
    let (offsets_tag, bytes_tag) = if tiled {
        (Tag::TileOffsets, Tag::TileByteCounts)
    } else {
        (Tag::StripOffsets, Tag::StripByteCounts)
    };
    let chunk_offsets = dec
        .find_tag_unsigned_vec::<u64>(offsets_tag)
        .map_err(|e| tiff_error(&e))?
        .unwrap_or_default();
    let chunk_bytes = dec
        .find_tag_unsigned_vec::<u64>(bytes_tag)
        .map_err(|e| tiff_error(&e))?
        .unwrap_or_default();
    if chunk_offsets.len() as u64 != per_plane * planes || chunk_bytes.len() != chunk_offsets.len()
    {
        return Err(crate::t!(
            "imagery-chunk-count",
            expected = per_plane * planes,
            found = chunk_offsets.len()
        ));
    }
    // Every chunk's data must lie inside the file: a truncated file or a bad offset is found
    // here, before any pixel is decoded.
    for (i, (&o, &n)) in chunk_offsets.iter().zip(&chunk_bytes).enumerate() {
        if n == 0 {
            continue;
        }
        if o.checked_add(n).is_none_or(|end| end > file_len) {
            return Err(crate::t!(
                "imagery-chunk-past-end",
                index = i,
                offset = o,
                bytes = n,
                size = file_len
            ));
        }
        if n > MAX_CHUNK_BYTES as u64 {
            return Err(crate::t!("imagery-too-large-chunk"));
        }
    }
    let sub_ifds = dec
        .find_tag(Tag::SubIfd)
        .ok()
        .flatten()
        .and_then(|v| v.into_ifd_vec().ok())
        .map(|v| v.into_iter().map(|p| p.0).collect())
        .unwrap_or_default();
    Ok(Directory {
        offset,
        width,
        height,
        subfile,
        layout,
        compression,
        tiled,
        chunk,
        chunks_per_plane: u32::try_from(per_plane).map_err(|_| crate::t!("imagery-bad-chunks"))?,
        planar,
        chunk_offsets,
        chunk_bytes,
        sub_ifds,
    })
}

fn sample_layout(
    color: ColorType,
    photometric: u16,
    sample_format: u16,
    compression: u16,
    spp: u16,
    extra: &[u16],
) -> Result<SampleLayout, String> {
    let bits = color.bit_depth();
    if sample_format != 1 {
        let what = match sample_format {
            2 => "signed integer",
            3 => "floating-point",
            _ => "non-integer",
        };
        return Err(crate::t!(
            "imagery-unsupported-samples",
            what = what,
            bits = u32::from(bits)
        ));
    }
    if bits != 8 && bits != 16 {
        return Err(crate::t!(
            "imagery-unsupported-samples",
            what = "unsigned integer",
            bits = u32::from(bits)
        ));
    }
    // ExtraSamples 1 (associated) or 2 (unassociated) mean alpha.
    let extra_alpha = extra.first().is_some_and(|&e| e == 1 || e == 2);
    let (samples, kind, alpha) = match color {
        ColorType::Gray(_) => (1, ColorKind::Gray, None),
        ColorType::GrayA(_) => (2, ColorKind::Gray, Some(1)),
        // The colour types count colour samples; further (unspecified) bands are skipped.
        ColorType::RGB(_) if spp >= 3 => (spp, ColorKind::Rgb, None),
        ColorType::RGBA(_) if spp >= 4 => (spp, ColorKind::Rgb, Some(3)),
        ColorType::YCbCr(_) if compression == 7 && spp == 3 => (3, ColorKind::YCbCr, None),
        ColorType::Multiband { num_samples: n, .. } => match (photometric, n) {
            (2, 3..) => (n, ColorKind::Rgb, extra_alpha.then_some(3)),
            (0 | 1, 2) => (2, ColorKind::Gray, extra_alpha.then_some(1)),
            (0 | 1, 3..) => (n, ColorKind::Bands, None),
            _ => {
                return Err(crate::t!(
                    "imagery-unsupported-color",
                    what = format!("{color:?}")
                ));
            }
        },
        ColorType::Palette(_) => return Err(crate::t!("imagery-palette")),
        other => {
            return Err(crate::t!(
                "imagery-unsupported-color",
                what = format!("{other:?}")
            ));
        }
    };
    Ok(SampleLayout {
        samples,
        bits,
        color: kind,
        alpha,
    })
}

/// Raw samples of a window: `bands` values per pixel (8-bit samples widened to u16).
#[derive(Debug, Clone, PartialEq)]
pub struct Raster {
    pub width: u32,
    pub height: u32,
    pub bands: usize,
    pub data: Vec<u16>,
    /// Pixels with no data at all (a sparse chunk of a COG), when there are any.
    pub empty: Option<Vec<bool>>,
}

impl Raster {
    pub fn new(width: u32, height: u32, bands: usize) -> Self {
        Raster {
            width,
            height,
            bands,
            data: vec![0; width as usize * height as usize * bands],
            empty: None,
        }
    }

    pub fn bytes(&self) -> usize {
        self.data.len() * 2 + self.empty.as_ref().map_or(0, Vec::len)
    }

    fn mark_empty(&mut self, x: u32, y: u32) {
        let n = self.width as usize * self.height as usize;
        let w = self.width as usize;
        self.empty.get_or_insert_with(|| vec![false; n])[y as usize * w + x as usize] = true;
    }

    pub fn is_empty_at(&self, i: usize) -> bool {
        self.empty
            .as_ref()
            .is_some_and(|e| e.get(i).copied().unwrap_or(false))
    }
}

/// A decoded chunk: its data rectangle and raw samples (`None` for a sparse, absent chunk).
struct Chunk {
    raster: Option<Raster>,
}

/// An open decoder on one directory and the last chunks it decoded (strips are shared by many
/// windows: a 256-row window of a stripped image needs each strip once, not once per window).
pub struct DirectoryReader {
    decoder: Option<Dec>,
    offset: u64,
    recent: Vec<(u32, Arc<Chunk>)>,
    recent_bytes: usize,
}

/// Decoded strips kept per open directory (tiles are not kept: a window of a tiled image is
/// its own tile, decoded once and cached as RGBA by the tile worker).
const RECENT_BYTES: usize = 16 << 20;

impl DirectoryReader {
    pub fn new(offset: u64) -> Self {
        DirectoryReader {
            decoder: None,
            offset,
            recent: Vec::new(),
            recent_bytes: 0,
        }
    }

    /// Reads the window `[x0, x0 + w) × [y0, y0 + h)` of `dir` as raw samples.
    pub fn window(
        &mut self,
        origin: &Origin,
        dir: &Directory,
        [x0, y0, w, h]: [u32; 4],
    ) -> Result<Raster, String> {
        let bands = usize::from(dir.layout.samples);
        let mut out = Raster::new(w, h, bands);
        let [cw, ch] = dir.chunk;
        let across = dir.chunks_across();
        let (cx0, cx1) = (x0 / cw, (x0 + w).div_ceil(cw).min(across));
        let (cy0, cy1) = (y0 / ch, (y0 + h).div_ceil(ch).min(dir.height.div_ceil(ch)));
        for cy in cy0..cy1 {
            for cx in cx0..cx1 {
                let index = cy * across + cx;
                let chunk = self.chunk(origin, dir, index)?;
                let (bx, by) = (cx * cw, cy * ch);
                let (dw, dh) = (cw.min(dir.width - bx), ch.min(dir.height - by));
                // The overlap of the chunk's data and the window, in image pixels.
                let (ox0, ox1) = (bx.max(x0), (bx + dw).min(x0 + w));
                let (oy0, oy1) = (by.max(y0), (by + dh).min(y0 + h));
                if ox0 >= ox1 {
                    continue;
                }
                // Row by row: one slice copy per row of the overlap.
                let n = (ox1 - ox0) as usize * bands;
                for y in oy0..oy1 {
                    match &chunk.raster {
                        Some(r) => {
                            let src = ((y - by) as usize * r.width as usize + (ox0 - bx) as usize)
                                * bands;
                            let dst =
                                ((y - y0) as usize * w as usize + (ox0 - x0) as usize) * bands;
                            if let (Some(s), Some(d)) =
                                (r.data.get(src..src + n), out.data.get_mut(dst..dst + n))
                            {
                                d.copy_from_slice(s);
                            }
                        }
                        None => {
                            for x in ox0..ox1 {
                                out.mark_empty(x - x0, y - y0);
                            }
                        }
                    }
                }
            }
        }
        Ok(out)
    }

    fn chunk(
        &mut self,
        origin: &Origin,
        dir: &Directory,
        index: u32,
    ) -> Result<Arc<Chunk>, String> {
        if let Some(pos) = self.recent.iter().position(|(i, _)| *i == index) {
            let hit = self.recent.remove(pos);
            let chunk = Arc::clone(&hit.1);
            self.recent.push(hit);
            return Ok(chunk);
        }
        let chunk = Arc::new(self.decode(origin, dir, index)?);
        if dir.tiled {
            return Ok(chunk);
        }
        let bytes = chunk.raster.as_ref().map_or(0, Raster::bytes);
        self.recent.push((index, Arc::clone(&chunk)));
        self.recent_bytes += bytes;
        while self.recent_bytes > RECENT_BYTES && self.recent.len() > 1 {
            let (_, old) = self.recent.remove(0);
            self.recent_bytes -= old.raster.as_ref().map_or(0, Raster::bytes);
        }
        Ok(chunk)
    }

    fn decode(&mut self, origin: &Origin, dir: &Directory, index: u32) -> Result<Chunk, String> {
        if index >= dir.chunks_per_plane {
            return Err(crate::t!("imagery-bad-chunks"));
        }
        // A COG may leave out chunks that are all nodata (offset and size 0).
        if dir.chunk_bytes.get(index as usize).copied().unwrap_or(0) == 0 {
            return Ok(Chunk { raster: None });
        }
        if dir.compression == 7 {
            check_jpeg_size(origin, dir, index)?;
        }
        if self.decoder.is_none() {
            self.decoder = Some(decoder_at(origin, Some(self.offset))?);
        }
        let Some(dec) = self.decoder.as_mut() else {
            return Err(crate::t!("imagery-decoder-panic"));
        };
        let result = guarded(|| decode_chunk(dec, dir, index));
        if result.is_err() {
            // The decoder may be in any state after a failure: start afresh next time.
            self.decoder = None;
        }
        result.map(|r| Chunk { raster: Some(r) })
    }
}

fn decode_chunk(dec: &mut Dec, dir: &Directory, index: u32) -> Result<Raster, String> {
    let unit = TiffCodingUnit(index);
    let layout = dec
        .image_coding_unit_layout(unit)
        .map_err(|e| tiff_error(&e))?;
    if layout.complete_len > MAX_CHUNK_BYTES {
        return Err(crate::t!("imagery-too-large-chunk"));
    }
    let (w, h) = dec.chunk_data_dimensions(index);
    let mut buf = vec![0u8; layout.complete_len];
    dec.read_coding_unit_bytes(unit, &mut buf)
        .map_err(|e| tiff_error(&e))?;
    let bands = usize::from(dir.layout.samples);
    let wide = dir.layout.bits == 16;
    let bps = if wide { 2 } else { 1 };
    let row_stride = layout.row_stride.map_or(0, |s| s.get());
    let plane_stride = layout.plane_stride.map_or(0, |s| s.get());
    let mut out = Raster::new(w, h, bands);
    let (w, h) = (w as usize, h as usize);
    let widen = |dst: &mut dyn Iterator<Item = &mut u16>, src: &[u8]| {
        if wide {
            for (d, s) in dst.zip(src.chunks_exact(2)) {
                *d = u16::from_ne_bytes([s[0], s[1]]);
            }
        } else {
            for (d, s) in dst.zip(src) {
                *d = u16::from(*s);
            }
        }
    };
    for y in 0..h {
        let dst_row = &mut out.data[y * w * bands..(y + 1) * w * bands];
        if dir.planar {
            for b in 0..bands {
                let at = b * plane_stride + y * row_stride;
                if let Some(src) = buf.get(at..at + w * bps) {
                    widen(&mut dst_row.iter_mut().skip(b).step_by(bands), src);
                }
            }
        } else {
            let at = y * row_stride;
            if let Some(src) = buf.get(at..at + w * bands * bps) {
                widen(&mut dst_row.iter_mut(), src);
            }
        }
    }
    Ok(out)
}

/// A JPEG tile is decoded to the size its own header declares: refuse one that declares more
/// than the tile (a decompression bomb) before the decoder allocates it.
fn check_jpeg_size(origin: &Origin, dir: &Directory, index: u32) -> Result<(), String> {
    let (Some(&offset), Some(&len)) = (
        dir.chunk_offsets.get(index as usize),
        dir.chunk_bytes.get(index as usize),
    ) else {
        return Err(crate::t!("imagery-bad-chunks"));
    };
    let mut f = origin
        .open()
        .map_err(|e| crate::t!("imagery-cannot-read", reason = e.to_string()))?;
    f.seek(SeekFrom::Start(offset))
        .map_err(|e| crate::t!("imagery-cannot-read", reason = e.to_string()))?;
    // The frame header comes after the tables, within the first few kilobytes.
    let mut head = vec![0u8; len.min(64 << 10) as usize];
    let n = read_up_to(&mut f, &mut head)
        .map_err(|e| crate::t!("imagery-cannot-read", reason = e.to_string()))?;
    head.truncate(n);
    let mut i = 0;
    while i + 9 < head.len() {
        if head[i] == 0xFF
            && matches!(head[i + 1], 0xC0..=0xCF)
            && !matches!(head[i + 1], 0xC4 | 0xC8 | 0xCC)
        {
            let h = u32::from(u16::from_be_bytes([head[i + 5], head[i + 6]]));
            let w = u32::from(u16::from_be_bytes([head[i + 7], head[i + 8]]));
            // JPEG pads to whole 16-pixel blocks.
            if w > dir.chunk[0] + 16 || h > dir.chunk[1] + 16 {
                return Err(crate::t!("imagery-jpeg-bomb", width = w, height = h));
            }
            return Ok(());
        }
        i += 1;
    }
    Ok(())
}

/// Streams the chunks of `dir` once, in order, handing each decoded chunk (with its position)
/// to `each`, until `each` returns false. Memory: one chunk at a time.
pub fn stream(
    origin: &Origin,
    dir: &Directory,
    mut each: impl FnMut(u32, u32, &Raster) -> bool,
) -> Result<(), String> {
    let mut reader = DirectoryReader::new(dir.offset);
    let across = dir.chunks_across();
    for index in 0..dir.chunks_per_plane {
        let chunk = reader.decode(origin, dir, index)?;
        if let Some(r) = &chunk.raster
            && !each(
                (index % across) * dir.chunk[0],
                (index / across) * dir.chunk[1],
                r,
            )
        {
            break;
        }
    }
    Ok(())
}
