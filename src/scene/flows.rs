//! Mobilization flows as curved legs, sampled once in local units.

use super::{Local, to_local};
use crate::model::Dataset;

/// Points sampled along each leg's curve.
pub const LEG_SAMPLES: usize = 33;
/// Sideways bulge of a leg as a fraction of its length.
const BULGE: f32 = 0.22;

#[derive(Debug, Clone, PartialEq)]
pub struct PreparedFlow {
    pub layer: usize,
    pub flow: usize,
    /// One polyline per destination, from origin to destination.
    pub legs: Vec<Vec<Local>>,
    /// The most people the source gives (drives the line width), if any.
    pub people: Option<u32>,
}

impl PreparedFlow {
    /// The point halfway along the first leg (where the label goes).
    pub fn label_anchor(&self) -> Option<Local> {
        self.legs.first().and_then(|l| l.get(l.len() / 2)).copied()
    }
}

pub fn prepare_flows(layers: &[&Dataset]) -> Vec<PreparedFlow> {
    let mut out = Vec::new();
    for (layer, data) in layers.iter().enumerate() {
        for (i, f) in data.flows.iter().enumerate() {
            let Some(from) = f.from_location else {
                continue;
            };
            let a = to_local(from.x(), from.y());
            let legs: Vec<Vec<Local>> = f
                .to_locations
                .iter()
                .flatten()
                .map(|to| curve(a, to_local(to.x(), to.y())))
                .filter(|leg| leg.len() > 1)
                .collect();
            if legs.is_empty() {
                continue;
            }
            let people = f.people.as_ref().and_then(|p| p.max.or(p.min));
            out.push(PreparedFlow {
                layer,
                flow: i,
                legs,
                people,
            });
        }
    }
    out
}

/// A quadratic Bézier from `a` to `b`, bulging to the left of the direction of travel.
pub fn curve(a: Local, b: Local) -> Vec<Local> {
    let d = [b[0] - a[0], b[1] - a[1]];
    let len = (d[0] * d[0] + d[1] * d[1]).sqrt();
    if !len.is_finite() || len == 0.0 {
        return Vec::new();
    }
    // Screen y grows downwards, so (d.y, -d.x) points to the left of travel.
    let n = [d[1] / len, -d[0] / len];
    let c = [
        (a[0] + b[0]) / 2.0 + n[0] * len * BULGE,
        (a[1] + b[1]) / 2.0 + n[1] * len * BULGE,
    ];
    (0..LEG_SAMPLES)
        .map(|i| {
            let t = i as f32 / (LEG_SAMPLES - 1) as f32;
            let u = 1.0 - t;
            [
                u * u * a[0] + 2.0 * u * t * c[0] + t * t * b[0],
                u * u * a[1] + 2.0 * u * t * c[1] + t * t * b[1],
            ]
        })
        .collect()
}

/// Distance from `p` to a polyline.
pub fn distance_to_polyline(p: [f32; 2], line: &[[f32; 2]]) -> f32 {
    line.windows(2)
        .map(|w| distance_to_segment(p, w[0], w[1]))
        .fold(f32::INFINITY, f32::min)
}

fn distance_to_segment(p: [f32; 2], a: [f32; 2], b: [f32; 2]) -> f32 {
    let ab = [b[0] - a[0], b[1] - a[1]];
    let ap = [p[0] - a[0], p[1] - a[1]];
    let len2 = ab[0] * ab[0] + ab[1] * ab[1];
    let t = if len2 > 0.0 {
        ((ap[0] * ab[0] + ap[1] * ab[1]) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let q = [a[0] + ab[0] * t - p[0], a[1] + ab[1] * t - p[1]];
    (q[0] * q[0] + q[1] * q[1]).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curve_joins_the_ends_and_bulges() {
        let c = curve([0.0, 0.0], [10.0, 0.0]);
        assert_eq!(c.len(), LEG_SAMPLES);
        assert_eq!(c[0], [0.0, 0.0]);
        assert!((c[LEG_SAMPLES - 1][0] - 10.0).abs() < 1e-5);
        // Travelling east, left is north, which is negative y on screen.
        assert!(c[LEG_SAMPLES / 2][1] < -0.5);
        assert!(curve([1.0, 1.0], [1.0, 1.0]).is_empty());
    }

    #[test]
    fn distance_to_polyline_measures() {
        let line = [[0.0, 0.0], [10.0, 0.0]];
        assert!((distance_to_polyline([5.0, 3.0], &line) - 3.0).abs() < 1e-6);
        assert!((distance_to_polyline([13.0, 4.0], &line) - 5.0).abs() < 1e-6);
    }
}
