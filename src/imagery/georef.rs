//! Where an image's pixels are on the Earth, read from its GeoTIFF tags: an affine transform
//! from pixel to model coordinates (ModelTiepoint + ModelPixelScale, or ModelTransformation)
//! and the model's CRS from the GeoKey directory. Only the CRSs nkmap can place exactly are
//! accepted (EPSG:4326, EPSG:3857, WGS 84 / UTM); anything else is refused with what it is and
//! how to convert it, rather than drawn in the wrong place.
//!
//! Pixel coordinates here are "area" coordinates of the full-resolution image: (0, 0) is the
//! top-left corner of the top-left pixel, pixel (c, r) has its centre at (c + 0.5, r + 0.5).

use super::tm;
use crate::scene::mercator;
use std::f64::consts::PI;

/// Radius of the sphere Web Mercator is defined on.
const WEB_MERCATOR_R: f64 = 6_378_137.0;

/// A coordinate reference system nkmap can place images in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Crs {
    /// EPSG:4326: longitude/latitude in degrees.
    Wgs84,
    /// EPSG:3857: spherical Web Mercator in metres.
    WebMercator,
    /// WGS 84 / UTM: EPSG:326zz (north) and 327zz (south).
    Utm { zone: u8, north: bool },
}

impl Crs {
    pub fn from_epsg(code: u32) -> Option<Crs> {
        match code {
            4326 => Some(Crs::Wgs84),
            // 3785 and 900913 are older codes for the same projection.
            3857 | 3785 | 900_913 => Some(Crs::WebMercator),
            32601..=32660 => Some(Crs::Utm {
                zone: (code - 32600) as u8,
                north: true,
            }),
            32701..=32760 => Some(Crs::Utm {
                zone: (code - 32700) as u8,
                north: false,
            }),
            _ => None,
        }
    }

    pub fn epsg(self) -> u32 {
        match self {
            Crs::Wgs84 => 4326,
            Crs::WebMercator => 3857,
            Crs::Utm { zone, north } => (if north { 32600 } else { 32700 }) + u32::from(zone),
        }
    }

    /// "WGS 84 / UTM zone 52N (EPSG:32652)".
    pub fn name(self) -> String {
        let what = match self {
            Crs::Wgs84 => "WGS 84".to_owned(),
            Crs::WebMercator => "WGS 84 / Pseudo-Mercator".to_owned(),
            Crs::Utm { zone, north } => {
                format!("WGS 84 / UTM zone {zone}{}", if north { 'N' } else { 'S' })
            }
        };
        format!("{what} (EPSG:{})", self.epsg())
    }

    /// Whether the units are degrees (else metres).
    pub fn is_geographic(self) -> bool {
        self == Crs::Wgs84
    }

    /// Model coordinates → longitude/latitude in degrees.
    pub fn to_lon_lat(self, x: f64, y: f64) -> (f64, f64) {
        match self {
            Crs::Wgs84 => (x, y),
            Crs::WebMercator => (
                (x / WEB_MERCATOR_R).to_degrees(),
                (2.0 * (y / WEB_MERCATOR_R).exp().atan() - PI / 2.0).to_degrees(),
            ),
            Crs::Utm { zone, north } => {
                let false_northing = if north { 0.0 } else { 10_000_000.0 };
                tm::inverse(
                    x - 500_000.0,
                    y - false_northing,
                    utm_central_meridian(zone),
                    tm::UTM_K0,
                )
            }
        }
    }

    /// Longitude/latitude in degrees → model coordinates.
    pub fn from_lon_lat(self, lon: f64, lat: f64) -> (f64, f64) {
        match self {
            Crs::Wgs84 => (lon, lat),
            Crs::WebMercator => {
                let lat = lat.clamp(-mercator::MAX_LAT, mercator::MAX_LAT);
                (
                    WEB_MERCATOR_R * lon.to_radians(),
                    WEB_MERCATOR_R * (PI / 4.0 + lat.to_radians() / 2.0).tan().ln(),
                )
            }
            Crs::Utm { zone, north } => {
                let (x, y) = tm::forward(lon, lat, utm_central_meridian(zone), tm::UTM_K0);
                let false_northing = if north { 0.0 } else { 10_000_000.0 };
                (x + 500_000.0, y + false_northing)
            }
        }
    }

    /// Model coordinates → Web Mercator world pixels at zoom 0 (the scene's projection).
    pub fn to_world(self, x: f64, y: f64) -> [f64; 2] {
        match self {
            // Exactly linear: no round trip through degrees.
            Crs::WebMercator => {
                let c = 2.0 * PI * WEB_MERCATOR_R;
                [
                    (x / c + 0.5) * mercator::WORLD_SIZE,
                    (0.5 - y / c) * mercator::WORLD_SIZE,
                ]
            }
            _ => {
                let (lon, lat) = self.to_lon_lat(x, y);
                mercator::project(lon, lat)
            }
        }
    }

    /// Web Mercator world pixels at zoom 0 → model coordinates.
    pub fn from_world(self, w: [f64; 2]) -> (f64, f64) {
        match self {
            Crs::WebMercator => {
                let c = 2.0 * PI * WEB_MERCATOR_R;
                (
                    (w[0] / mercator::WORLD_SIZE - 0.5) * c,
                    (0.5 - w[1] / mercator::WORLD_SIZE) * c,
                )
            }
            _ => {
                let (lon, lat) = mercator::unproject(w);
                self.from_lon_lat(lon, lat)
            }
        }
    }
}

fn utm_central_meridian(zone: u8) -> f64 {
    f64::from(zone) * 6.0 - 183.0
}

/// `X = a·u + b·v + c`, `Y = d·u + e·v + f`: pixel (area) coordinates → model coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Affine {
    pub a: f64,
    pub b: f64,
    pub c: f64,
    pub d: f64,
    pub e: f64,
    pub f: f64,
}

impl Affine {
    pub fn apply(&self, u: f64, v: f64) -> (f64, f64) {
        (
            self.a * u + self.b * v + self.c,
            self.d * u + self.e * v + self.f,
        )
    }

    pub fn invert(&self) -> Option<Affine> {
        let det = self.a * self.e - self.b * self.d;
        if !det.is_finite() || det.abs() < 1e-300 {
            return None;
        }
        let (a, b, d, e) = (self.e / det, -self.b / det, -self.d / det, self.a / det);
        Some(Affine {
            a,
            b,
            c: -(a * self.c + b * self.f),
            d,
            e,
            f: -(d * self.c + e * self.f),
        })
    }
}

/// An image's placement: its CRS and the pixel → model transform (and back).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Georef {
    pub crs: Crs,
    pub to_model: Affine,
    to_pixel: Affine,
    /// The tags said PixelIsPoint (the half-pixel shift GDAL applies has been applied).
    pub pixel_is_point: bool,
}

impl Georef {
    pub fn new(crs: Crs, to_model: Affine) -> Option<Georef> {
        let values = [
            to_model.a, to_model.b, to_model.c, to_model.d, to_model.e, to_model.f,
        ];
        if values.iter().any(|v| !v.is_finite()) {
            return None;
        }
        Some(Georef {
            crs,
            to_model,
            to_pixel: to_model.invert()?,
            pixel_is_point: false,
        })
    }

    pub fn pixel_to_model(&self, u: f64, v: f64) -> (f64, f64) {
        self.to_model.apply(u, v)
    }

    pub fn pixel_to_lon_lat(&self, u: f64, v: f64) -> (f64, f64) {
        let (x, y) = self.to_model.apply(u, v);
        self.crs.to_lon_lat(x, y)
    }

    pub fn lon_lat_to_pixel(&self, lon: f64, lat: f64) -> (f64, f64) {
        let (x, y) = self.crs.from_lon_lat(lon, lat);
        self.to_pixel.apply(x, y)
    }

    /// Pixel (area) coordinates → Web Mercator world pixels at zoom 0.
    pub fn pixel_to_world(&self, u: f64, v: f64) -> [f64; 2] {
        let (x, y) = self.to_model.apply(u, v);
        self.crs.to_world(x, y)
    }

    pub fn world_to_pixel(&self, w: [f64; 2]) -> (f64, f64) {
        let (x, y) = self.crs.from_world(w);
        self.to_pixel.apply(x, y)
    }

    /// Size of a full-resolution pixel along its rows and columns, in model units.
    pub fn pixel_size(&self) -> (f64, f64) {
        let t = &self.to_model;
        (t.a.hypot(t.d), t.b.hypot(t.e))
    }
}

/// The raw GeoTIFF tags of an image, as read from its first directory.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GeoTags {
    pub pixel_scale: Option<Vec<f64>>,
    pub tiepoints: Option<Vec<f64>>,
    pub transformation: Option<Vec<f64>>,
    pub key_directory: Option<Vec<u16>>,
    pub doubles: Option<Vec<f64>>,
    pub ascii: Option<String>,
}

/// A GeoKey's value.
#[derive(Debug, Clone, PartialEq)]
enum KeyValue {
    Short(u16),
    Doubles(Vec<f64>),
    Ascii(String),
}

const GT_MODEL_TYPE: u16 = 1024;
const GT_RASTER_TYPE: u16 = 1025;
const GT_CITATION: u16 = 1026;
const GEOGRAPHIC_TYPE: u16 = 2048;
const GEOG_ANGULAR_UNITS: u16 = 2054;
const PROJECTED_CS_TYPE: u16 = 3072;
const PROJ_LINEAR_UNITS: u16 = 3076;
const USER_DEFINED: u16 = 32767;

fn geo_keys(tags: &GeoTags) -> Result<Vec<(u16, KeyValue)>, String> {
    let Some(dir) = &tags.key_directory else {
        return Ok(Vec::new());
    };
    let Some(&[version, _, _, count]) = dir.get(..4).and_then(|h| <&[u16; 4]>::try_from(h).ok())
    else {
        return Err(crate::t!("imagery-georef-bad-keys"));
    };
    if version != 1 {
        return Err(crate::t!("imagery-georef-bad-keys"));
    }
    let mut keys = Vec::new();
    for k in 0..usize::from(count) {
        let Some(entry) = dir.get(4 + 4 * k..8 + 4 * k) else {
            return Err(crate::t!("imagery-georef-bad-keys"));
        };
        let (id, location, n, value) = (entry[0], entry[1], usize::from(entry[2]), entry[3]);
        let at = usize::from(value);
        let v = match location {
            0 => KeyValue::Short(value),
            34736 => match tags.doubles.as_ref().and_then(|d| d.get(at..at + n)) {
                Some(d) => KeyValue::Doubles(d.to_vec()),
                None => return Err(crate::t!("imagery-georef-bad-keys")),
            },
            34737 => {
                let text = tags
                    .ascii
                    .as_deref()
                    .and_then(|s| s.get(at..(at + n).min(s.len())));
                match text {
                    Some(t) => KeyValue::Ascii(t.trim_end_matches(['|', '\0']).to_owned()),
                    None => return Err(crate::t!("imagery-georef-bad-keys")),
                }
            }
            34735 => match dir.get(at) {
                Some(&s) => KeyValue::Short(s),
                None => return Err(crate::t!("imagery-georef-bad-keys")),
            },
            _ => continue,
        };
        keys.push((id, v));
    }
    Ok(keys)
}

fn short(keys: &[(u16, KeyValue)], id: u16) -> Option<u16> {
    keys.iter().find_map(|(k, v)| match v {
        KeyValue::Short(s) if *k == id => Some(*s),
        _ => None,
    })
}

/// Reads the placement from the tags; the error says what is missing or unsupported and what
/// to do about it.
pub fn from_tags(tags: &GeoTags) -> Result<Georef, String> {
    let keys = geo_keys(tags)?;
    let crs = crs_from_keys(&keys)?;
    let pixel_is_point = short(&keys, GT_RASTER_TYPE) == Some(2);
    let to_model = if let Some(m) = &tags.transformation {
        let Some(m) = m.get(..8) else {
            return Err(crate::t!("imagery-georef-bad-transform"));
        };
        Affine {
            a: m[0],
            b: m[1],
            c: m[3],
            d: m[4],
            e: m[5],
            f: m[7],
        }
    } else {
        let (Some(scale), Some(tie)) = (&tags.pixel_scale, &tags.tiepoints) else {
            return Err(if tags.tiepoints.as_ref().is_some_and(|t| t.len() > 6) {
                crate::t!("imagery-georef-gcps")
            } else {
                crate::t!("imagery-georef-missing")
            });
        };
        let (Some(&[sx, sy]), Some(&[i, j, _, x, y])) = (
            scale.get(..2).and_then(|s| <&[f64; 2]>::try_from(s).ok()),
            tie.get(..5).and_then(|t| <&[f64; 5]>::try_from(t).ok()),
        ) else {
            return Err(crate::t!("imagery-georef-bad-transform"));
        };
        if !(sx > 0.0 && sy.abs() > 0.0) {
            return Err(crate::t!("imagery-georef-bad-transform"));
        }
        // A negative y scale (rare, south-up files) flips the rows, as GDAL reads it.
        Affine {
            a: sx,
            b: 0.0,
            c: x - i * sx,
            d: 0.0,
            e: -sy,
            f: y + j * sy,
        }
    };
    // PixelIsPoint: the model coordinates name pixel centres; GDAL shifts them by half a pixel
    // to the corner, and so do we.
    let to_model = if pixel_is_point {
        Affine {
            c: to_model.c - 0.5 * (to_model.a + to_model.b),
            f: to_model.f - 0.5 * (to_model.d + to_model.e),
            ..to_model
        }
    } else {
        to_model
    };
    let mut g =
        Georef::new(crs, to_model).ok_or_else(|| crate::t!("imagery-georef-bad-transform"))?;
    g.pixel_is_point = pixel_is_point;
    Ok(g)
}

fn crs_from_keys(keys: &[(u16, KeyValue)]) -> Result<Crs, String> {
    if keys.is_empty() {
        return Err(crate::t!("imagery-georef-no-crs"));
    }
    let citation = keys
        .iter()
        .find_map(|(k, v)| match v {
            KeyValue::Ascii(s) if *k == GT_CITATION => Some(s.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let model = short(keys, GT_MODEL_TYPE).or_else(|| {
        if short(keys, PROJECTED_CS_TYPE).is_some() {
            Some(1)
        } else if short(keys, GEOGRAPHIC_TYPE).is_some() {
            Some(2)
        } else {
            None
        }
    });
    let named = |code: String| {
        if citation.is_empty() {
            code
        } else {
            format!("{code} ({citation})")
        }
    };
    let unsupported = |code: u16| {
        Err(crate::t!(
            "imagery-georef-unsupported-crs",
            crs = named(format!("EPSG:{code}"))
        ))
    };
    match model {
        Some(1) => {
            let code = short(keys, PROJECTED_CS_TYPE).unwrap_or(USER_DEFINED);
            if code == USER_DEFINED {
                return Err(crate::t!(
                    "imagery-georef-user-defined",
                    crs = citation.clone()
                ));
            }
            if let Some(units) = short(keys, PROJ_LINEAR_UNITS)
                && units != 9001
            {
                return Err(crate::t!("imagery-georef-units", code = units.to_string()));
            }
            match Crs::from_epsg(u32::from(code)) {
                Some(crs) if crs != Crs::Wgs84 => Ok(crs),
                _ => unsupported(code),
            }
        }
        Some(2) => {
            let code = short(keys, GEOGRAPHIC_TYPE).unwrap_or(USER_DEFINED);
            if code == USER_DEFINED {
                return Err(crate::t!(
                    "imagery-georef-user-defined",
                    crs = citation.clone()
                ));
            }
            if let Some(units) = short(keys, GEOG_ANGULAR_UNITS)
                && units != 9102
            {
                return Err(crate::t!("imagery-georef-units", code = units.to_string()));
            }
            match code {
                4326 => Ok(Crs::Wgs84),
                _ => unsupported(code),
            }
        }
        Some(other) => Err(crate::t!("imagery-georef-model", code = other.to_string())),
        None => Err(crate::t!("imagery-georef-no-crs")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(entries: &[[u16; 4]]) -> Vec<u16> {
        let mut v = vec![1, 1, 0, entries.len() as u16];
        for e in entries {
            v.extend_from_slice(e);
        }
        v
    }

    #[test]
    fn tiepoint_and_scale_place_the_corner_and_pixel_is_point_shifts_half_a_pixel() {
        let mut tags = GeoTags {
            pixel_scale: Some(vec![10.0, 10.0, 0.0]),
            tiepoints: Some(vec![0.0, 0.0, 0.0, 600_000.0, 4_600_000.0, 0.0]),
            key_directory: Some(keys(&[[1024, 0, 1, 1], [3072, 0, 1, 32652]])),
            ..GeoTags::default()
        };
        let g = from_tags(&tags).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            g.crs,
            Crs::Utm {
                zone: 52,
                north: true
            }
        );
        assert_eq!(g.pixel_to_model(0.0, 0.0), (600_000.0, 4_600_000.0));
        assert_eq!(g.pixel_to_model(1.0, 2.0), (600_010.0, 4_599_980.0));
        let (u, v) = g.lon_lat_to_pixel(
            g.pixel_to_lon_lat(12.5, 7.5).0,
            g.pixel_to_lon_lat(12.5, 7.5).1,
        );
        assert!((u - 12.5).abs() < 1e-6 && (v - 7.5).abs() < 1e-6);
        tags.key_directory = Some(keys(&[
            [1024, 0, 1, 1],
            [1025, 0, 1, 2],
            [3072, 0, 1, 32652],
        ]));
        let p = from_tags(&tags).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.pixel_to_model(0.5, 0.5), (600_000.0, 4_600_000.0));
    }

    #[test]
    fn unsupported_crs_and_missing_tags_are_refused_with_the_reason() {
        let tags = GeoTags {
            pixel_scale: Some(vec![1.0, 1.0, 0.0]),
            tiepoints: Some(vec![0.0, 0.0, 0.0, 950_000.0, 1_950_000.0, 0.0]),
            key_directory: Some(keys(&[[1024, 0, 1, 1], [3072, 0, 1, 5179]])),
            ..GeoTags::default()
        };
        let e = from_tags(&tags).err().unwrap_or_default();
        assert!(e.contains("EPSG:5179") && e.contains("gdalwarp"), "{e}");
        let e = from_tags(&GeoTags::default()).err().unwrap_or_default();
        assert!(e.contains("no GeoKey"), "{e}");
        let only_keys = GeoTags {
            key_directory: Some(keys(&[[1024, 0, 1, 2], [2048, 0, 1, 4326]])),
            ..GeoTags::default()
        };
        let e = from_tags(&only_keys).err().unwrap_or_default();
        assert!(e.contains("ModelTiepoint"), "{e}");
    }

    #[test]
    fn web_mercator_is_linear_in_the_scene_projection() {
        let c = Crs::WebMercator;
        let (x, y) = c.from_lon_lat(129.6, 41.3);
        let w = c.to_world(x, y);
        let p = mercator::project(129.6, 41.3);
        assert!((w[0] - p[0]).abs() < 1e-9 && (w[1] - p[1]).abs() < 1e-9);
        let (lon, lat) = c.to_lon_lat(x, y);
        assert!((lon - 129.6).abs() < 1e-9 && (lat - 41.3).abs() < 1e-9);
    }
}
