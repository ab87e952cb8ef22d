//! Satellite imagery: GeoTIFFs written here with the `tiff` encoder (EPSG:4326, 3857 and UTM
//! 52N; stripped and tiled; without overviews, with chained overviews and with SubIFDs) opened
//! through the real loader; a marked pixel must land where GDAL puts it, in the decoded tile,
//! in the map's projected mesh and in `nkmap render` output. Hostile files (absurd sizes,
//! truncation, bad offsets, decompression bombs) must give a clear error in bounded memory.
#![allow(clippy::unwrap_used)]

use nkmap::imagery::synth::{self, Bands, Chunks, Compress, Overviews, Spec};
use nkmap::imagery::{self, Readers, Stretch, mesh};
use nkmap::scene::mercator;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The marked pixel (column, row).
const MARK: (u32, u32) = (301, 177);
const SIZE: (u32, u32) = (600, 450);
const RED: [u16; 4] = [255, 0, 0, 255];
const DARK: [u16; 4] = [30, 30, 30, 255];

/// A placement and where GDAL puts the mark's centre, as (lon, lat). From GDAL 3.6.2:
/// `printf "549015 4576225\n" | gdaltransform -s_srs EPSG:32652 -t_srs EPSG:4326 -output_xy`
/// (the mark's centre in the CRS: corner + 301.5 pixels east, 177.5 pixels south).
struct Case {
    name: &'static str,
    epsg: u16,
    corner: (f64, f64),
    pixel: f64,
    point: bool,
    gdal: (f64, f64),
}

const CASES: [Case; 4] = [
    Case {
        name: "wgs84",
        epsg: 4326,
        corner: (129.55, 41.35),
        pixel: 0.0001,
        point: false,
        gdal: (129.58015, 41.33225),
    },
    Case {
        name: "webmercator",
        epsg: 3857,
        corner: (14_421_000.0, 5_066_000.0),
        pixel: 10.0,
        point: false,
        gdal: (129.573_131_328_692, 41.350_812_842_120_6),
    },
    Case {
        name: "utm52n",
        epsg: 32652,
        corner: (546_000.0, 4_578_000.0),
        pixel: 10.0,
        point: false,
        gdal: (129.585_791_231_224, 41.336_019_502_809_7),
    },
    Case {
        name: "utm52n-pixel-is-point",
        epsg: 32652,
        corner: (546_000.0, 4_578_000.0),
        pixel: 10.0,
        point: true,
        gdal: (129.585_791_231_224, 41.336_019_502_809_7),
    },
];

fn marked(x: u32, y: u32) -> [u16; 4] {
    if (x, y) == MARK { RED } else { DARK }
}

fn spec(c: &Case, chunks: Chunks, overviews: Overviews) -> Spec {
    let mut s = Spec::new(SIZE.0, SIZE.1, c.epsg, c.corner.0, c.corner.1, c.pixel);
    s.chunks = chunks;
    s.overviews = overviews;
    s.pixel_is_point = c.point;
    s
}

fn write(dir: &Path, name: &str, spec: &Spec, pixel: &dyn Fn(u32, u32) -> [u16; 4]) -> PathBuf {
    let path = dir.join(name);
    let f = std::fs::File::create(&path).unwrap();
    synth::write(spec, pixel, std::io::BufWriter::new(f)).unwrap();
    path
}

/// Where GDAL itself puts pixel (`px`, `py`) (corner coordinates) of `file`, when it is
/// installed: an independent check of the committed numbers.
fn gdal_lon_lat(file: &Path, px: f64, py: f64) -> Option<(f64, f64)> {
    let mut child = Command::new("gdaltransform")
        .args(["-t_srs", "EPSG:4326", "-output_xy"])
        .arg(file)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    child
        .stdin
        .take()?
        .write_all(format!("{px} {py}\n").as_bytes())
        .ok()?;
    let out = child.wait_with_output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let mut it = text.split_whitespace().map(|v| v.parse::<f64>());
    Some((it.next()?.ok()?, it.next()?.ok()?))
}

/// Screen pixels between two points at a zoom.
fn screen_distance(a: (f64, f64), b: (f64, f64), zoom: f64) -> f64 {
    let (p, q) = (mercator::project(a.0, a.1), mercator::project(b.0, b.1));
    (p[0] - q[0]).hypot(p[1] - q[1]) * 2f64.powf(zoom)
}

/// `m`'s straight-line stand-in at texture coordinates (s, t): what the map draws there.
fn mesh_at(m: &mesh::TileMesh, s: f64, t: f64) -> [f64; 2] {
    let n = m.n;
    let (fs, ft) = (s * n as f64, t * n as f64);
    let (c, r) = ((fs as usize).min(n - 1), (ft as usize).min(n - 1));
    let (u, v) = (fs - c as f64, ft - r as f64);
    let p = |r: usize, c: usize| m.world[r * (n + 1) + c];
    // The same two triangles the map draws per cell.
    let (a, b, d, e) = (p(r, c), p(r, c + 1), p(r + 1, c), p(r + 1, c + 1));
    if u + v <= 1.0 {
        [
            a[0] + (b[0] - a[0]) * u + (d[0] - a[0]) * v,
            a[1] + (b[1] - a[1]) * u + (d[1] - a[1]) * v,
        ]
    } else {
        [
            e[0] + (d[0] - e[0]) * (1.0 - u) + (b[0] - e[0]) * (1.0 - v),
            e[1] + (d[1] - e[1]) * (1.0 - u) + (b[1] - e[1]) * (1.0 - v),
        ]
    }
}

#[test]
fn a_marked_pixel_lands_where_gdal_puts_it_in_every_crs_layout_and_overview_kind() {
    let dir = tempfile::tempdir().unwrap();
    for c in &CASES {
        for (chunks, cname) in [
            (Chunks::Strips { rows: 16 }, "strips"),
            (Chunks::Tiles { size: 256 }, "tiles"),
        ] {
            for (ov, oname) in [
                (Overviews::None, "plain"),
                (Overviews::Chained(2), "chained"),
                (Overviews::SubIfds(2), "subifds"),
            ] {
                let what = format!("{}-{cname}-{oname}", c.name);
                let path = write(
                    dir.path(),
                    &format!("{what}.tif"),
                    &spec(c, chunks, ov),
                    &marked,
                );
                let image = imagery::open(&path).unwrap_or_else(|e| panic!("{what}: {e}"));
                let want_levels = if ov == Overviews::None { 1 } else { 3 };
                assert_eq!(image.levels(), want_levels, "{what}");
                let centre = (f64::from(MARK.0) + 0.5, f64::from(MARK.1) + 0.5);
                // GDAL itself, when installed, agrees with the committed numbers.
                if let Some(g) = gdal_lon_lat(&path, centre.0, centre.1) {
                    assert!(
                        screen_distance(g, c.gdal, 20.0) < 0.1,
                        "{what}: GDAL says {g:?}, committed {:?}",
                        c.gdal
                    );
                }
                // Our placement, at zoom 20 (a 10 m pixel is ~40 screen pixels there).
                let ours = image.info.georef.pixel_to_lon_lat(centre.0, centre.1);
                let d = screen_distance(ours, c.gdal, 20.0);
                assert!(
                    d < 1.0,
                    "{what}: {d:.3} screen pixels from GDAL at zoom 20 ({ours:?} vs {:?})",
                    c.gdal
                );

                // The loader decodes the mark in its tile, at its pixel.
                let level = image.level(0).unwrap();
                let (tx, ty) = (MARK.0 / level.tile[0], MARK.1 / level.tile[1]);
                let tile = image
                    .read_tile(&mut Readers::default(), 0, tx, ty, Stretch::default())
                    .unwrap();
                let at = |x: u32, y: u32| {
                    let i = ((y - ty * level.tile[1]) * tile.width + (x - tx * level.tile[0]))
                        as usize
                        * 4;
                    [
                        tile.pixels[i],
                        tile.pixels[i + 1],
                        tile.pixels[i + 2],
                        tile.pixels[i + 3],
                    ]
                };
                assert_eq!(at(MARK.0, MARK.1), [255, 0, 0, 255], "{what}");
                assert_eq!(at(MARK.0 + 1, MARK.1), [30, 30, 30, 255], "{what}");

                // The map draws the tile as a projected mesh: the mark's centre on it is within
                // a pixel of GDAL's at zoom 18, with the tolerance the map uses there.
                let zoom = 18.0;
                let m = mesh::tile_mesh(&image, 0, tx, ty, 0.25 / 2f64.powf(zoom)).unwrap();
                let [x0, y0, w, h] = image.tile_rect(0, tx, ty).unwrap();
                let s = (centre.0 - f64::from(x0)) / f64::from(w);
                let t = (centre.1 - f64::from(y0)) / f64::from(h);
                let drawn = mercator::unproject(mesh_at(&m, s, t));
                let d = screen_distance(drawn, c.gdal, zoom);
                assert!(
                    d < 1.0,
                    "{what}: the mesh puts the mark {d:.3} screen pixels from GDAL's (n = {})",
                    m.n
                );
            }
        }
    }
}

fn pixels_of(png: &[u8]) -> resvg::tiny_skia::Pixmap {
    resvg::tiny_skia::Pixmap::decode_png(png).unwrap()
}

#[test]
fn nkmap_render_draws_the_mark_where_gdal_puts_it() {
    let dir = tempfile::tempdir().unwrap();
    for c in &CASES[1..3] {
        let path = write(
            dir.path(),
            &format!("{}.tif", c.name),
            &spec(c, Chunks::Tiles { size: 256 }, Overviews::Chained(2)),
            &marked,
        );
        let (lon, lat) = c.gdal;
        let bbox = [lon - 0.0015, lat - 0.001, lon + 0.0015, lat + 0.001];
        let size = [400u32, 300];
        let out = dir.path().join(format!("{}.png", c.name));
        let o = Command::new(env!("CARGO_BIN_EXE_nkmap"))
            .env("LC_ALL", "C") // messages follow the locale (issue 19)
            .args([
                "render",
                "--size",
                "400x300",
                "--date",
                "2025-06-01",
                "--bbox",
            ])
            .arg(format!("{},{},{},{}", bbox[0], bbox[1], bbox[2], bbox[3]))
            .arg("--out")
            .arg(&out)
            .arg(&path)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let png = pixels_of(&std::fs::read(&out).unwrap());
        // The pure red mark (several output pixels wide at this scale): its centre.
        let (mut sx, mut sy, mut n) = (0.0, 0.0, 0.0);
        for y in 0..png.height() {
            for x in 0..png.width() {
                let p = png.pixel(x, y).unwrap();
                if p.red() > 240 && p.green() < 20 && p.blue() < 20 {
                    sx += f64::from(x) + 0.5;
                    sy += f64::from(y) + 0.5;
                    n += 1.0;
                }
            }
        }
        assert!(n >= 16.0, "{}: the mark is {n} pixels", c.name);
        let scene = nkmap::scene::Scene::prepare(&[], &[], &[]);
        let view = nkmap::render::view_for(&scene, Some(bbox), size);
        let want = view.to_screen(nkmap::scene::to_local(lon, lat));
        let d = (sx / n - f64::from(want[0])).hypot(sy / n - f64::from(want[1]));
        assert!(
            d < 1.0,
            "{}: the mark is drawn {d:.2} pixels from where GDAL puts it",
            c.name
        );
        // The dark image surrounds it; outside the image, the map.
        let p = png.pixel(want[0] as u32 + 30, want[1] as u32).unwrap();
        assert_eq!((p.red(), p.green(), p.blue()), (30, 30, 30), "{}", c.name);
    }
}

#[test]
fn nkmap_check_describes_an_image_and_refuses_an_unsupported_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = spec(
        &CASES[2],
        Chunks::Tiles { size: 256 },
        Overviews::Chained(2),
    );
    s.gdal_metadata = Some(r#"<GDALMetadata><Item name="ACQUISITIONDATETIME">2024-05-02T02:01:59Z</Item></GDALMetadata>"#.into());
    let good = write(dir.path(), "orang.tif", &s, &marked);
    let mut bad = spec(&CASES[2], Chunks::Tiles { size: 256 }, Overviews::None);
    bad.epsg = 5179;
    let bad = write(dir.path(), "korea2000.tif", &bad, &marked);
    // South of the equator (UTM 52S, about 10°S): the centre says S, not a negative N.
    let south = dir.path().join("south.tif");
    let bytes = synth::to_bytes(
        &Spec::new(64, 64, 32752, 500_000.0, 8_894_000.0, 10.0),
        &|_, _| DARK,
    )
    .unwrap();
    std::fs::write(&south, bytes).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_nkmap"))
        .env("LC_ALL", "C") // messages follow the locale (issue 19)
        .arg("check")
        .arg(&good)
        .arg(&bad)
        .arg(&south)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("600 × 450 pixels, RGB, 8-bit, tiled 256 × 256, Deflate, 2 overviews"),
        "{out}"
    );
    assert!(
        out.contains("WGS 84 / UTM zone 52N (EPSG:32652), pixel 10 m"),
        "{out}"
    );
    assert!(
        out.contains("acquired 2024-05-02 (GDAL metadata ACQUISITIONDATETIME)"),
        "{out}"
    );
    assert!(
        out.contains("korea2000.tif: error: the coordinate system EPSG:5179 is not supported"),
        "{out}"
    );
    assert!(out.contains("gdalwarp"), "{out}");
    let south_line = out
        .lines()
        .find(|l| l.contains("south.tif") && l.contains("centre"))
        .unwrap_or_else(|| panic!("no centre line for south.tif in:\n{out}"));
    let at = south_line.split("centre").nth(1).unwrap_or_default();
    assert!(at.contains("°S 129.") && !at.contains('-'), "{south_line}");
}

#[test]
fn dates_come_from_the_tags_or_the_file_name() {
    let mut s = Spec::new(64, 64, 4326, 129.0, 41.0, 0.001);
    s.date_time = Some("2025:01:31 10:00:00".into());
    let bytes = synth::to_bytes(&s, &|_, _| DARK).unwrap();
    let i = imagery::open_bytes("x.tif", bytes.into()).unwrap();
    assert_eq!(
        i.info.date.map(|d| d.0.to_string()).as_deref(),
        Some("2025-01-31")
    );
    let s = Spec::new(64, 64, 4326, 129.0, 41.0, 0.001);
    let bytes = synth::to_bytes(&s, &|_, _| DARK).unwrap();
    let i = imagery::open_bytes("S2B_MSIL2A_20240503T021559_T52TDL.tif", bytes.into()).unwrap();
    assert!(i.info.date.is_none());
    assert_eq!(
        i.info.name_date.map(|d| d.to_string()).as_deref(),
        Some("2024-05-03")
    );
}

#[test]
fn sixteen_bit_bands_are_stretched_between_percentiles_and_nodata_is_transparent() {
    let mut s = Spec::new(200, 100, 32652, 546_000.0, 4_578_000.0, 10.0);
    s.bands = Bands::Gray16;
    s.nodata = Some("0".into());
    // A ramp from 1000 to 2990 across, with a nodata column at x = 0.
    let bytes = synth::to_bytes(&s, &|x, _| {
        let v = if x == 0 { 0 } else { 1000 + 10 * x as u16 };
        [v, v, v, v]
    })
    .unwrap();
    let i = imagery::open_bytes("ramp.tif", bytes.into()).unwrap();
    let t = i
        .read_tile(&mut Readers::default(), 0, 0, 0, Stretch::default())
        .unwrap();
    let grey = |x: usize| t.pixels[x * 4];
    assert_eq!(t.pixels[3], 0, "nodata is transparent");
    assert_eq!(grey(2), 0, "below the 2nd percentile: black");
    assert_eq!(grey(199), 255, "above the 98th: white");
    assert!(
        (100..156).contains(&grey(100)),
        "the middle is mid-grey: {}",
        grey(100)
    );
    // A wider stretch makes the middle less contrasted, not different.
    let wide = i
        .read_tile(
            &mut Readers::default(),
            0,
            0,
            0,
            Stretch {
                low: 0.0,
                high: 100.0,
            },
        )
        .unwrap();
    assert!(wide.pixels[2 * 4] > 0);
}

#[test]
fn a_file_without_overviews_gets_a_preview_and_lzw_and_multiband_files_read() {
    let mut s = Spec::new(3000, 2500, 32652, 546_000.0, 4_578_000.0, 10.0);
    s.chunks = Chunks::Strips { rows: 8 };
    s.compress = Compress::Lzw;
    let bytes = synth::to_bytes(&s, &|x, _| if x < 1500 { RED } else { DARK }).unwrap();
    let i = imagery::open_bytes("big.tif", bytes.into()).unwrap();
    assert_eq!(i.levels(), 2);
    assert!(i.info.preview);
    let p = i.level(1).unwrap();
    assert!(p.width <= 1024 && p.width >= 700, "{}", p.width);
    // Zoomed out, the preview is drawn; it reads the same colours.
    assert_eq!(i.level_for(1.0 / 4.0), 1);
    let t = i
        .read_tile(&mut Readers::default(), 1, 0, 0, Stretch::default())
        .unwrap();
    assert_eq!(&t.pixels[..4], &[255, 0, 0, 255]);

    let mut m = Spec::new(64, 64, 4326, 129.0, 41.0, 0.001);
    m.bands = Bands::Multi16;
    let bytes = synth::to_bytes(&m, &|_, _| [100, 200, 300, 400]).unwrap();
    let i = imagery::open_bytes("s2.tif", bytes.into()).unwrap();
    assert!(
        i.info.notes.iter().any(|n| n.contains("bands 1, 2 and 3")),
        "{:?}",
        i.info.notes
    );
    assert!(
        i.read_tile(&mut Readers::default(), 0, 0, 0, Stretch::default())
            .is_ok()
    );
}

#[test]
fn a_cog_is_read_at_the_overview_that_fits_the_zoom() {
    let mut s = Spec::new(4096, 4096, 32652, 546_000.0, 4_578_000.0, 10.0);
    s.overviews = Overviews::Chained(4);
    let bytes = synth::to_bytes(&s, &|x, y| {
        [(x / 16) as u16 & 255, (y / 16) as u16 & 255, 0, 255]
    })
    .unwrap();
    let i = imagery::open_bytes("cog.tif", bytes.into()).unwrap();
    assert_eq!(i.levels(), 5);
    // An image pixel a sixteenth of a screen pixel: the 16× overview (256 pixels, one tile).
    assert_eq!(i.level_for(1.0 / 16.0), 4);
    assert_eq!(i.tile_grid(4), [1, 1]);
    assert_eq!(i.level_for(1.0), 0);
    assert_eq!(i.level_for(0.5), 1);
    assert_eq!(i.tile_grid(0), [16, 16]);
}

#[test]
fn unsupported_and_unplaced_files_are_refused_with_the_reason() {
    let mut s = Spec::new(64, 64, 5179, 950_000.0, 1_950_000.0, 1.0);
    s.overviews = Overviews::None;
    let e = imagery::open_bytes("k.tif", synth::to_bytes(&s, &|_, _| DARK).unwrap().into())
        .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("k.tif: the coordinate system EPSG:5179 is not supported"),
        "{e}"
    );
    let e = imagery::check_bytes(b"GIF89a not a tiff").unwrap_err();
    assert!(e.message.contains("not a TIFF"), "{e}");
    let plain = {
        let mut c = std::io::Cursor::new(Vec::new());
        tiff::encoder::TiffEncoder::new(&mut c)
            .unwrap()
            .write_image::<tiff::encoder::colortype::RGB8>(4, 4, &[0u8; 48])
            .unwrap();
        c.into_inner()
    };
    let e = imagery::check_bytes(&plain).unwrap_err();
    assert!(e.message.contains("GeoKey"), "{e}");
}

/// Peak resident memory so far, in MB (Linux; 0 elsewhere).
fn peak_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
        })
        .unwrap_or(0)
        / 1024
}

/// A one-directory TIFF with the tags given (a hostile file is easiest to make by hand).
fn hand_made(
    width: u32,
    height: u32,
    chunk: Option<(u32, u32)>,
    offsets: &[u32],
    counts: &[u32],
    data: &[u8],
    deflate: bool,
) -> Vec<u8> {
    use tiff::tags::Tag;
    let mut c = std::io::Cursor::new(Vec::new());
    {
        let mut enc = tiff::encoder::TiffEncoder::new(&mut c).unwrap();
        let mut dir = enc.image_directory().unwrap();
        let at = if data.is_empty() {
            0
        } else {
            dir.write_data(data).unwrap() as u32
        };
        let offsets: Vec<u32> = offsets
            .iter()
            .map(|o| if *o == u32::MAX { at } else { *o })
            .collect();
        dir.write_tag(Tag::ImageWidth, width).unwrap();
        dir.write_tag(Tag::ImageLength, height).unwrap();
        dir.write_tag(Tag::BitsPerSample, 8u16).unwrap();
        dir.write_tag(Tag::Compression, if deflate { 8u16 } else { 1u16 })
            .unwrap();
        dir.write_tag(Tag::PhotometricInterpretation, 1u16).unwrap();
        dir.write_tag(Tag::SamplesPerPixel, 1u16).unwrap();
        match chunk {
            Some((tw, th)) => {
                dir.write_tag(Tag::TileWidth, tw).unwrap();
                dir.write_tag(Tag::TileLength, th).unwrap();
                dir.write_tag(Tag::TileOffsets, &offsets[..]).unwrap();
                dir.write_tag(Tag::TileByteCounts, counts).unwrap();
            }
            None => {
                dir.write_tag(Tag::RowsPerStrip, height).unwrap();
                dir.write_tag(Tag::StripOffsets, &offsets[..]).unwrap();
                dir.write_tag(Tag::StripByteCounts, counts).unwrap();
            }
        }
        dir.write_tag(Tag::ModelPixelScaleTag, &[10.0f64, 10.0, 0.0][..])
            .unwrap();
        dir.write_tag(
            Tag::ModelTiepointTag,
            &[0.0f64, 0.0, 0.0, 546_000.0, 4_578_000.0, 0.0][..],
        )
        .unwrap();
        dir.write_tag(
            Tag::GeoKeyDirectoryTag,
            &[1u16, 1, 0, 2, 1024, 0, 1, 1, 3072, 0, 1, 32652][..],
        )
        .unwrap();
        dir.finish().unwrap();
    }
    c.into_inner()
}

fn deflated(len: usize) -> Vec<u8> {
    use tiff::encoder::compression::{CompressionAlgorithm, Deflate};
    let mut out = Vec::new();
    Deflate::default()
        .write_to(&mut out, &vec![0u8; len])
        .unwrap();
    out
}

#[test]
fn absurd_dimensions_are_refused_before_anything_is_allocated() {
    let before = peak_mb();
    let bytes = hand_made(
        4_000_000,
        4_000_000,
        None,
        &[u32::MAX],
        &[16],
        &[0; 16],
        false,
    );
    let e = imagery::check_bytes(&bytes).unwrap_err();
    assert!(
        e.message.contains("4,000,000 × 4,000,000") && e.message.contains("on a side"),
        "{e}"
    );
    assert!(
        peak_mb() < before + 64,
        "memory grew from {before} to {} MB",
        peak_mb()
    );
}

#[test]
fn truncated_files_and_bad_offsets_are_errors_naming_the_tile() {
    let s = Spec::new(600, 450, 32652, 546_000.0, 4_578_000.0, 10.0);
    let whole = synth::to_bytes(&s, &marked).unwrap();
    // The directory is written after the tiles: cut tiles away and keep it by rewriting a file
    // whose tile offsets point past its end.
    let bytes = hand_made(
        512,
        512,
        Some((512, 512)),
        &[4_000_000_000],
        &[1000],
        &[],
        false,
    );
    let e = imagery::check_bytes(&bytes).unwrap_err();
    assert!(e.message.contains("past the end of the file"), "{e}");
    // A tile that points at bytes that are not its data (here: the file's header).
    let bytes = hand_made(256, 256, Some((256, 256)), &[0], &[64], &[], true);
    let e = imagery::check_bytes(&bytes).unwrap_err();
    assert!(
        e.message.contains("could not be decoded") || e.message.contains("ends before"),
        "{e}"
    );
    // A file cut short: its directory (at the end) is gone.
    let cut = &whole[..whole.len() * 2 / 3];
    let e = imagery::check_bytes(cut).unwrap_err();
    assert!(!e.message.is_empty(), "{e}");
}

#[test]
fn a_decompression_bomb_is_refused_in_bounded_memory() {
    let before = peak_mb();
    // One strip said to hold 16,000 × 16,000 grey pixels (256 MB), made of 250 kB of Deflate.
    let zeros = deflated(16_000 * 16_000);
    let bytes = hand_made(
        16_000,
        16_000,
        None,
        &[u32::MAX],
        &[zeros.len() as u32],
        &zeros,
        true,
    );
    let e = imagery::check_bytes(&bytes).unwrap_err();
    assert!(e.message.contains("larger than 64 MB once decoded"), "{e}");
    // A 256 × 256 tile whose data inflates to 100 MB: only the tile's 64 kB are decoded.
    let big = deflated(100 << 20);
    let bytes = hand_made(
        256,
        256,
        Some((256, 256)),
        &[u32::MAX],
        &[big.len() as u32],
        &big,
        true,
    );
    assert!(imagery::check_bytes(&bytes).is_ok());
    assert!(
        peak_mb() < before + 200,
        "memory grew from {before} to {} MB",
        peak_mb()
    );
}

#[test]
fn a_panic_in_the_tile_worker_is_reported_and_the_worker_goes_on() {
    use imagery::tiles::{Request, TileKey, TileService};
    use std::sync::Arc;
    let s = Spec::new(64, 64, 4326, 129.0, 41.0, 0.001);
    let image = Arc::new(
        imagery::open_bytes("p.tif", synth::to_bytes(&s, &|_, _| DARK).unwrap().into()).unwrap(),
    );
    let service = TileService::with_decoder(Arc::new(|readers: &mut Readers, r: &Request| {
        if r.key.x == 1 {
            panic!("boom on purpose");
        }
        r.image.read_tile(readers, 0, 0, 0, r.stretch)
    }));
    let key = |x| TileKey {
        image: image.id,
        level: 0,
        x,
        y: 0,
        stretch: [0, 0],
    };
    let ask = |x| Request {
        key: key(x),
        image: Arc::clone(&image),
        stretch: Stretch::default(),
    };
    service.want(vec![ask(1)]);
    let mut done = Vec::new();
    let start = std::time::Instant::now();
    while done.is_empty() && start.elapsed().as_secs() < 20 {
        done.extend(service.take_done());
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let e = done[0].tile.clone().unwrap_err();
    assert!(
        e.contains("boom on purpose") && e.contains("other tiles go on"),
        "{e}"
    );
    assert!(service.running());
    service.want(vec![ask(0)]);
    let start = std::time::Instant::now();
    loop {
        if let Some(d) = service.take_done().into_iter().next() {
            assert!(d.tile.is_ok());
            break;
        }
        assert!(
            start.elapsed().as_secs() < 20,
            "the worker stopped after the panic"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(service.cached(&key(0)).is_some());
}

/// Writes the two made-up scenes of the Orang factory site the README's screenshot shows
/// (before and after its groundbreaking; fields, a river, a village, and in the later one the
/// factory halls), into `$NKMAP_DEMO_DIR`:
/// `NKMAP_DEMO_DIR=/tmp/demo cargo test --test imagery -- --ignored demo_scenes`.
#[test]
#[ignore]
fn demo_scenes_for_the_readme() {
    let Some(dir) = std::env::var_os("NKMAP_DEMO_DIR") else {
        return;
    };
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    let site = imagery::Crs::Utm {
        zone: 52,
        north: true,
    }
    .from_lon_lat(129.655_56, 41.447_78);
    let (w, h, px) = (2400u32, 1600u32, 2.0);
    let corner = (
        (site.0 - f64::from(w) * px / 2.0).round(),
        (site.1 + f64::from(h) * px / 2.0).round(),
    );
    let hash = |a: u32, b: u32| {
        let mut z = u64::from(a)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .wrapping_add(u64::from(b).wrapping_mul(0xC2B2_AE3D_27D4_EB4F));
        z ^= z >> 29;
        z = z.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z ^= z >> 32;
        z
    };
    let scene = move |built: bool| {
        move |x: u32, y: u32| -> [u16; 4] {
            let noise = (hash(x, y) % 17) as i32 - 8;
            let shade = |c: [i32; 3], n: i32| {
                [
                    (c[0] + n).clamp(0, 255) as u16,
                    (c[1] + n).clamp(0, 255) as u16,
                    (c[2] + n).clamp(0, 255) as u16,
                    255,
                ]
            };
            let (fx, fy) = (f64::from(x), f64::from(y));
            let (cx, cy) = (f64::from(w) / 2.0, f64::from(h) / 2.0);
            // The river, with lighter banks.
            let river =
                (fy - (1300.0 + 110.0 * (fx / 300.0).sin() + 40.0 * (fx / 97.0).sin())).abs();
            if river < 26.0 {
                return shade([52, 68, 74], noise / 2);
            }
            if river < 34.0 {
                return shade([150, 146, 128], noise);
            }
            // Roads.
            let road = (fy - (cy - 230.0 + (fx - cx) / 7.0)).abs();
            if road < 5.0 {
                return shade([168, 165, 158], noise / 2);
            }
            if (fx - (640.0 + fy / 14.0)).abs() < 3.0 || (fx - (1950.0 - fy / 9.0)).abs() < 3.0 {
                return shade([176, 160, 128], noise);
            }
            // The factory plot.
            let (dx, dy) = (fx - cx, fy - cy);
            if built && dx.abs() < 300.0 && dy.abs() < 170.0 {
                let halls = [
                    (-200.0, -90.0, 180.0, 70.0, [74, 108, 150]),
                    (40.0, -95.0, 200.0, 64.0, [206, 206, 210]),
                    (-170.0, 40.0, 150.0, 90.0, [150, 78, 60]),
                    (80.0, 50.0, 130.0, 60.0, [206, 206, 210]),
                ];
                for (hx, hy, hw, hh, c) in halls {
                    if dx >= hx && dx < hx + hw && dy >= hy && dy < hy + hh {
                        return shade(c, noise / 3);
                    }
                    // Shadows to the north-west of the sun, cast south-east.
                    if dx >= hx + 5.0 && dx < hx + hw + 6.0 && dy >= hy + 5.0 && dy < hy + hh + 7.0
                    {
                        return shade([62, 60, 58], noise / 3);
                    }
                }
                let yard = dx.abs() < 270.0 && dy.abs() < 150.0;
                return shade(
                    if yard {
                        [178, 176, 170]
                    } else {
                        [198, 182, 158]
                    },
                    noise,
                );
            }
            // A village of small houses.
            let (vx, vy) = (fx - 1900.0, fy - 420.0);
            if vx.abs() < 260.0 && vy.abs() < 180.0 {
                let (gx, gy) = (x / 16, y / 13);
                let (ix, iy) = (x % 16, y % 13);
                if hash(gx, gy) % 10 < 6 && (2..12).contains(&ix) && (2..10).contains(&iy) {
                    let roof = if hash(gy, gx) % 3 == 0 {
                        [150, 62, 52]
                    } else {
                        [118, 120, 126]
                    };
                    return shade(roof, noise / 3);
                }
                return shade([132, 130, 104], noise);
            }
            // Fields: parcels in bands, ploughed or green, as in late autumn.
            let band = y / 76;
            let col = (x + (band * 37) % 113) / 113;
            let palette = [
                [150, 128, 92],
                [118, 110, 70],
                [96, 116, 64],
                [168, 150, 108],
                [80, 98, 58],
            ];
            let c = palette[(hash(band, col) % 5) as usize];
            let furrow = if hash(band, col) % 2 == 0 && y % 5 < 2 {
                -10
            } else {
                0
            };
            shade(c, noise + furrow)
        }
    };
    for (name, date, built) in [
        ("orang_2023-10-14.tif", "2023-10-14T02:10:00Z", false),
        ("orang_2024-11-20.tif", "2024-11-20T02:12:00Z", true),
    ] {
        let mut s = Spec::new(w, h, 32652, corner.0, corner.1, px);
        s.chunks = Chunks::Tiles { size: 512 };
        s.overviews = Overviews::Chained(3);
        s.gdal_metadata = Some(format!(
            "<GDALMetadata><Item name=\"ACQUISITIONDATETIME\">{date}</Item></GDALMetadata>"
        ));
        write(&dir, name, &s, &scene(built));
    }
}
