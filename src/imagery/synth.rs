//! GeoTIFFs made on the spot, for tests, benchmarks and fuzzing seeds: stripped or tiled,
//! uncompressed, Deflate or LZW, 8 or 16 bits, with overviews chained as further directories
//! (as GDAL's COG driver writes them) or as SubIFDs, placed in any CRS nkmap reads. Written
//! with the `tiff` crate's directory encoder, one tile or strip at a time (a 20,000 × 20,000
//! COG is written in a few megabytes of memory).

use std::io::{Seek, Write};
use tiff::encoder::compression::{CompressionAlgorithm, Deflate, DeflateLevel, Lzw};
use tiff::encoder::{DirectoryEncoder, TiffEncoder, TiffKindStandard};
use tiff::tags::Tag;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bands {
    Gray8,
    Rgb8,
    Rgba8,
    Gray16,
    /// Four 16-bit bands without a colour interpretation (a Sentinel-2 B2/B3/B4/B8 stack).
    Multi16,
}

impl Bands {
    fn samples(self) -> u16 {
        match self {
            Bands::Gray8 | Bands::Gray16 => 1,
            Bands::Rgb8 => 3,
            Bands::Rgba8 | Bands::Multi16 => 4,
        }
    }

    fn bits(self) -> u16 {
        match self {
            Bands::Gray16 | Bands::Multi16 => 16,
            _ => 8,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chunks {
    Strips { rows: u32 },
    Tiles { size: u32 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compress {
    None,
    Deflate,
    Lzw,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overviews {
    None,
    /// This many halvings, as further directories in the main chain.
    Chained(u32),
    /// This many halvings, as SubIFDs of the full image.
    SubIfds(u32),
}

/// Where the image is: pixel (0, 0)'s corner in the CRS and the pixel size, or a full affine
/// `[a, b, c, d, e, f]` (`X = a·col + b·row + c`, `Y = d·col + e·row + f`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Placement {
    Corner { x: f64, y: f64, size: (f64, f64) },
    Affine([f64; 6]),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    pub width: u32,
    pub height: u32,
    pub bands: Bands,
    pub chunks: Chunks,
    pub compress: Compress,
    pub overviews: Overviews,
    /// 4326, 3857, 326zz, … (written as a geographic or projected GeoKey as fits).
    pub epsg: u16,
    pub placement: Placement,
    pub pixel_is_point: bool,
    pub date_time: Option<String>,
    pub gdal_metadata: Option<String>,
    pub nodata: Option<String>,
}

impl Spec {
    /// A tiled, Deflate-compressed RGB image in `epsg` with its corner at (x, y).
    pub fn new(width: u32, height: u32, epsg: u16, x: f64, y: f64, pixel: f64) -> Self {
        Spec {
            width,
            height,
            bands: Bands::Rgb8,
            chunks: Chunks::Tiles { size: 256 },
            compress: Compress::Deflate,
            overviews: Overviews::None,
            epsg,
            placement: Placement::Corner {
                x,
                y,
                size: (pixel, pixel),
            },
            pixel_is_point: false,
            date_time: None,
            gdal_metadata: None,
            nodata: None,
        }
    }
}

type Enc<W> = TiffEncoder<W, TiffKindStandard>;
type Dir<'a, W> = DirectoryEncoder<'a, W, TiffKindStandard>;

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Writes the image; `pixel(x, y)` gives the samples of full-resolution pixel (x, y) (only as
/// many as the bands have; 8-bit bands use the low byte). Overview pixels sample the full
/// image at their centres.
pub fn write<W: Write + Seek>(
    spec: &Spec,
    pixel: &dyn Fn(u32, u32) -> [u16; 4],
    out: W,
) -> Result<(), String> {
    let mut enc: Enc<W> = TiffEncoder::new(out).map_err(err)?;
    let halvings = match spec.overviews {
        Overviews::None => 0,
        Overviews::Chained(n) | Overviews::SubIfds(n) => n,
    };
    let level_size = |k: u32| {
        let f = 1u32 << k;
        (spec.width.div_ceil(f), spec.height.div_ceil(f))
    };
    let sample = |k: u32, x: u32, y: u32| {
        let f = 1u32 << k;
        pixel(
            (x * f + f / 2).min(spec.width - 1),
            (y * f + f / 2).min(spec.height - 1),
        )
    };
    match spec.overviews {
        Overviews::SubIfds(_) => {
            let mut subs = Vec::new();
            for k in 1..=halvings {
                let (w, h) = level_size(k);
                let mut dir = enc.extra_directory().map_err(err)?;
                level(spec, &mut dir, w, h, true, &|x, y| sample(k, x, y))?;
                subs.push(dir.finish_with_offsets().map_err(err)?.offset);
            }
            let mut dir = enc.image_directory().map_err(err)?;
            level(spec, &mut dir, spec.width, spec.height, false, &|x, y| {
                pixel(x, y)
            })?;
            geo_tags(spec, &mut dir)?;
            if !subs.is_empty() {
                dir.write_tag(Tag::SubIfd, &subs[..]).map_err(err)?;
            }
            dir.finish().map_err(err)?;
        }
        _ => {
            let mut dir = enc.image_directory().map_err(err)?;
            level(spec, &mut dir, spec.width, spec.height, false, &|x, y| {
                pixel(x, y)
            })?;
            geo_tags(spec, &mut dir)?;
            dir.finish().map_err(err)?;
            for k in 1..=halvings {
                let (w, h) = level_size(k);
                let mut dir = enc.image_directory().map_err(err)?;
                level(spec, &mut dir, w, h, true, &|x, y| sample(k, x, y))?;
                dir.finish().map_err(err)?;
            }
        }
    }
    Ok(())
}

/// One level's chunks and its image tags.
fn level<W: Write + Seek>(
    spec: &Spec,
    dir: &mut Dir<'_, W>,
    width: u32,
    height: u32,
    reduced: bool,
    pixel: &dyn Fn(u32, u32) -> [u16; 4],
) -> Result<(), String> {
    let samples = spec.bands.samples();
    let bits = spec.bands.bits();
    let (cw, ch) = match spec.chunks {
        Chunks::Strips { rows } => (width, rows.min(height).max(1)),
        Chunks::Tiles { size } => (size, size),
    };
    let (across, down) = (width.div_ceil(cw), height.div_ceil(ch));
    let mut offsets: Vec<u32> = Vec::new();
    let mut counts: Vec<u32> = Vec::new();
    let mut raw = Vec::new();
    let mut packed = Vec::new();
    for cy in 0..down {
        for cx in 0..across {
            // Tiles are whole (padded) at the edges; strips are cut at the image's end.
            let rows = match spec.chunks {
                Chunks::Strips { .. } => ch.min(height - cy * ch),
                Chunks::Tiles { .. } => ch,
            };
            raw.clear();
            for y in 0..rows {
                for x in 0..cw {
                    let (ix, iy) = (cx * cw + x, cy * ch + y);
                    let v = if ix < width && iy < height {
                        pixel(ix, iy)
                    } else {
                        [0; 4]
                    };
                    for s in v.iter().take(usize::from(samples)) {
                        if bits == 16 {
                            raw.extend_from_slice(&s.to_le_bytes());
                        } else {
                            raw.push(*s as u8);
                        }
                    }
                }
            }
            packed.clear();
            match spec.compress {
                Compress::None => packed.extend_from_slice(&raw),
                Compress::Deflate => {
                    Deflate::with_level(DeflateLevel::Fast)
                        .write_to(&mut packed, &raw)
                        .map_err(err)?;
                }
                Compress::Lzw => {
                    Lzw.write_to(&mut packed, &raw).map_err(err)?;
                }
            }
            let at = dir.write_data(&packed[..]).map_err(err)?;
            offsets.push(u32::try_from(at).map_err(err)?);
            counts.push(u32::try_from(packed.len()).map_err(err)?);
        }
    }
    if reduced {
        dir.write_tag(Tag::NewSubfileType, 1u32).map_err(err)?;
    }
    dir.write_tag(Tag::ImageWidth, width).map_err(err)?;
    dir.write_tag(Tag::ImageLength, height).map_err(err)?;
    let bps = vec![bits; usize::from(samples)];
    dir.write_tag(Tag::BitsPerSample, &bps[..]).map_err(err)?;
    let compression: u16 = match spec.compress {
        Compress::None => 1,
        Compress::Deflate => 8,
        Compress::Lzw => 5,
    };
    dir.write_tag(Tag::Compression, compression).map_err(err)?;
    let photometric: u16 = match spec.bands {
        Bands::Rgb8 | Bands::Rgba8 => 2,
        _ => 1,
    };
    dir.write_tag(Tag::PhotometricInterpretation, photometric)
        .map_err(err)?;
    dir.write_tag(Tag::SamplesPerPixel, samples).map_err(err)?;
    dir.write_tag(Tag::PlanarConfiguration, 1u16).map_err(err)?;
    match spec.bands {
        Bands::Rgba8 => dir.write_tag(Tag::ExtraSamples, 2u16).map_err(err)?,
        Bands::Multi16 => dir
            .write_tag(Tag::ExtraSamples, &[0u16, 0, 0][..])
            .map_err(err)?,
        _ => {}
    }
    let formats = vec![1u16; usize::from(samples)];
    dir.write_tag(Tag::SampleFormat, &formats[..])
        .map_err(err)?;
    match spec.chunks {
        Chunks::Strips { .. } => {
            dir.write_tag(Tag::RowsPerStrip, ch).map_err(err)?;
            dir.write_tag(Tag::StripOffsets, &offsets[..])
                .map_err(err)?;
            dir.write_tag(Tag::StripByteCounts, &counts[..])
                .map_err(err)?;
        }
        Chunks::Tiles { .. } => {
            dir.write_tag(Tag::TileWidth, cw).map_err(err)?;
            dir.write_tag(Tag::TileLength, ch).map_err(err)?;
            dir.write_tag(Tag::TileOffsets, &offsets[..]).map_err(err)?;
            dir.write_tag(Tag::TileByteCounts, &counts[..])
                .map_err(err)?;
        }
    }
    if let Some(nd) = &spec.nodata {
        dir.write_tag(Tag::GdalNodata, nd.as_str()).map_err(err)?;
    }
    Ok(())
}

fn geo_tags<W: Write + Seek>(spec: &Spec, dir: &mut Dir<'_, W>) -> Result<(), String> {
    match spec.placement {
        Placement::Corner { x, y, size } => {
            dir.write_tag(Tag::ModelPixelScaleTag, &[size.0, size.1, 0.0][..])
                .map_err(err)?;
            // With PixelIsPoint the tiepoint names the first pixel's centre.
            let (tx, ty) = if spec.pixel_is_point {
                (x + size.0 / 2.0, y - size.1 / 2.0)
            } else {
                (x, y)
            };
            dir.write_tag(Tag::ModelTiepointTag, &[0.0, 0.0, 0.0, tx, ty, 0.0][..])
                .map_err(err)?;
        }
        Placement::Affine([a, b, c, d, e, f]) => {
            let m = [
                a, b, 0.0, c, d, e, 0.0, f, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0,
            ];
            dir.write_tag(Tag::ModelTransformationTag, &m[..])
                .map_err(err)?;
        }
    }
    let geographic = spec.epsg == 4326;
    let raster_type: u16 = if spec.pixel_is_point { 2 } else { 1 };
    let mut keys: Vec<u16> = vec![1, 1, 0, 3];
    keys.extend_from_slice(&[1024, 0, 1, if geographic { 2 } else { 1 }]);
    keys.extend_from_slice(&[1025, 0, 1, raster_type]);
    if geographic {
        keys.extend_from_slice(&[2048, 0, 1, spec.epsg]);
    } else {
        keys.extend_from_slice(&[3072, 0, 1, spec.epsg]);
    }
    dir.write_tag(Tag::GeoKeyDirectoryTag, &keys[..])
        .map_err(err)?;
    if let Some(t) = &spec.date_time {
        dir.write_tag(Tag::DateTime, t.as_str()).map_err(err)?;
    }
    if let Some(m) = &spec.gdal_metadata {
        dir.write_tag(Tag::Unknown(42112), m.as_str())
            .map_err(err)?;
    }
    Ok(())
}

/// The image as bytes.
pub fn to_bytes(spec: &Spec, pixel: &dyn Fn(u32, u32) -> [u16; 4]) -> Result<Vec<u8>, String> {
    let mut cur = std::io::Cursor::new(Vec::new());
    write(spec, pixel, &mut cur)?;
    Ok(cur.into_inner())
}
