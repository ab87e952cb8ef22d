//! Web Mercator (EPSG:3857) in "world pixels at zoom 0": the whole world is 256×256, y grows
//! southwards — the same convention as walkers and every XYZ tile server.

use std::f64::consts::PI;

pub const WORLD_SIZE: f64 = 256.0;
/// Web Mercator's latitude limit.
pub const MAX_LAT: f64 = 85.051_128_779_806_59;

/// lon/lat in degrees → world pixels at zoom 0.
pub fn project(lon: f64, lat: f64) -> [f64; 2] {
    let lat = lat.clamp(-MAX_LAT, MAX_LAT).to_radians();
    let x = (lon + 180.0) / 360.0;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / PI) / 2.0;
    [x * WORLD_SIZE, y * WORLD_SIZE]
}

/// World pixels at zoom 0 → lon/lat in degrees.
pub fn unproject(p: [f64; 2]) -> (f64, f64) {
    let x = p[0] / WORLD_SIZE;
    let y = p[1] / WORLD_SIZE;
    let lon = x * 360.0 - 180.0;
    let lat = (PI * (1.0 - 2.0 * y)).sinh().atan().to_degrees();
    (lon, lat)
}

/// Metres on the ground per world pixel at zoom 0, at a latitude.
pub fn metres_per_world_pixel(lat: f64) -> f64 {
    const EARTH_CIRCUMFERENCE: f64 = 40_075_016.686;
    EARTH_CIRCUMFERENCE * lat.to_radians().cos() / WORLD_SIZE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_known_points() {
        for (lon, lat) in [(127.5, 40.3), (124.2, 37.7), (130.7, 43.0), (0.0, 0.0)] {
            let (lo, la) = unproject(project(lon, lat));
            assert!((lo - lon).abs() < 1e-9 && (la - lat).abs() < 1e-9);
        }
        assert_eq!(project(0.0, 0.0), [128.0, 128.0]);
        let p = project(-180.0, MAX_LAT);
        assert!(p[0].abs() < 1e-9 && p[1].abs() < 1e-6);
    }

    #[test]
    fn agrees_with_walkers_mercator() {
        // walkers projects into pixels at a zoom with 256-pixel tiles; at zoom 0 they must match.
        let ours = project(129.5, 41.6);
        let y = (1.0 - (41.6f64.to_radians().tan()).asinh() / PI) / 2.0 * 256.0;
        assert!((ours[1] - y).abs() < 1e-9);
    }
}
