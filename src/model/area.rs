//! Areas: polygons from a user's file (village boundaries, OSM extracts, traced outlines) that
//! are not records: no sources or evidence, only a name, the file's properties and a shape.

use geo_types::MultiPolygon;

/// One polygon feature of an area file (docs/data-format.md, "Area files").
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    /// From the first of the properties `name`, `NAME`, `name_en`, `title`, `id`, else
    /// "feature N" (its 0-based index in the file).
    pub name: String,
    /// Every property with a value, as text, in file order; nested objects and arrays as
    /// compact JSON.
    pub properties: Vec<(String, String)>,
    /// Longitude/latitude (WGS 84); a GeoJSON Polygon is a MultiPolygon of one.
    pub geometry: MultiPolygon<f64>,
}

impl Area {
    /// The text of a property.
    pub fn property(&self, key: &str) -> Option<&str> {
        self.properties
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Positions in the geometry, closing positions included (as in the file).
    pub fn vertex_count(&self) -> usize {
        self.geometry
            .0
            .iter()
            .map(|p| p.exterior().0.len() + p.interiors().iter().map(|r| r.0.len()).sum::<usize>())
            .sum()
    }
}
