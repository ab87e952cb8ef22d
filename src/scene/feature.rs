//! The shapes [`super::polygons`] prepares and [`super::lod`] simplifies: local points and one
//! feature's slices of a layer's shared buffers. Kept apart so the two modules depend on this
//! one instead of on each other.

/// A point in local scene units: world pixels at zoom 0, minus the scene origin, as f32.
pub type Local = [f32; 2];

/// One feature's slices of the shared buffers.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedFeature {
    /// Range in `PolygonLayer::indices` (a multiple of 3).
    pub triangles: std::ops::Range<u32>,
    /// Ranges in `PolygonLayer::ring_vertices`, one per ring (closed: last != first).
    pub rings: Vec<std::ops::Range<u32>>,
    pub bbox: [Local; 2],
}
