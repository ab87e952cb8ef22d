//! The resolved dataset as GeoJSON: places resolved to region ids, points filled in, and the
//! sources each record cites embedded beside it, so an exported file stands on its own.

use crate::model::{Area, Dataset, Evidence, Source};
use geo_types::Point;
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value, json};

fn put<T: Serialize>(props: &mut Map<String, Value>, key: &str, v: &T) {
    if let Ok(v) = serde_json::to_value(v)
        && !v.is_null()
        && v != Value::Array(Vec::new())
    {
        props.insert(key.to_string(), v);
    }
}

fn point(p: Option<Point<f64>>) -> Value {
    match p {
        Some(p) => json!({"type": "Point", "coordinates": [p.x(), p.y()]}),
        None => Value::Null,
    }
}

fn cited<'a>(data: &'a Dataset, ids: Vec<&str>) -> Vec<&'a Source> {
    ids.into_iter().filter_map(|id| data.source(id)).collect()
}

fn feature(geometry: Value, props: Map<String, Value>) -> Value {
    json!({"type": "Feature", "geometry": geometry, "properties": props})
}

fn common(
    props: &mut Map<String, Value>,
    evidence: &[Evidence],
    disputes: &[crate::model::Dispute],
    notes: &Option<String>,
    sources: &[&Source],
) {
    put(props, "evidence", &evidence);
    put(props, "disputes", &disputes);
    put(props, "notes", notes);
    put(props, "sources", &sources);
}

/// The dataset as a pretty-printed FeatureCollection: sources first, then sites, flows,
/// events and areas (Polygon or MultiPolygon, their properties as text, coordinates on one
/// line).
pub fn write_geojson(data: &Dataset) -> String {
    let mut features = Vec::new();
    for s in &data.sources {
        let mut props = Map::new();
        props.insert("record".into(), json!("source"));
        if let Ok(Value::Object(obj)) = serde_json::to_value(s) {
            props.extend(obj);
        }
        features.push(feature(Value::Null, props));
    }
    for s in &data.sites {
        let mut p = Map::new();
        p.insert("record".into(), json!("site"));
        put(&mut p, "id", &s.id);
        put(&mut p, "name", &s.name);
        put(&mut p, "category", &s.category);
        put(&mut p, "products", &s.products);
        put(&mut p, "place", &s.place);
        put(&mut p, "region_id", &s.region_id);
        put(&mut p, "precision", &s.precision);
        put(&mut p, "cohort", &s.cohort);
        put(&mut p, "milestones", &s.milestones);
        common(
            &mut p,
            &s.evidence,
            &s.disputes,
            &s.notes,
            &cited(data, s.source_ids()),
        );
        features.push(feature(point(s.location), p));
    }
    for f in &data.flows {
        let mut p = Map::new();
        p.insert("record".into(), json!("flow"));
        put(&mut p, "id", &f.id);
        put(&mut p, "who", &f.who);
        put(&mut p, "from", &f.from);
        put(&mut p, "region_id", &f.from_region);
        put(&mut p, "to", &f.to);
        put(&mut p, "to_region_ids", &f.to_regions);
        put(&mut p, "people", &f.people);
        put(&mut p, "shift_months", &f.shift_months);
        put(&mut p, "start", &f.start);
        put(&mut p, "end", &f.end);
        common(
            &mut p,
            &f.evidence,
            &f.disputes,
            &f.notes,
            &cited(data, f.source_ids()),
        );
        // One line per destination; without every end point there is nothing honest to draw.
        let lines: Option<Vec<Value>> = f.from_location.and_then(|a| {
            f.to_locations
                .iter()
                .map(|b| b.map(|b| json!([[a.x(), a.y()], [b.x(), b.y()]])))
                .collect()
        });
        let geometry = match lines {
            Some(lines) if !lines.is_empty() => {
                json!({"type": "MultiLineString", "coordinates": lines})
            }
            _ => Value::Null,
        };
        features.push(feature(geometry, p));
    }
    for e in &data.events {
        let mut p = Map::new();
        p.insert("record".into(), json!("event"));
        put(&mut p, "id", &e.id);
        put(&mut p, "kind", &e.kind);
        put(&mut p, "title", &e.title);
        put(&mut p, "place", &e.place);
        put(&mut p, "region_id", &e.region_id);
        put(&mut p, "precision", &e.precision);
        put(&mut p, "date", &e.date);
        common(
            &mut p,
            &e.evidence,
            &e.disputes,
            &e.notes,
            &cited(data, e.source_ids()),
        );
        features.push(feature(point(e.location), p));
    }
    let features = features
        .into_iter()
        .map(Feature::Record)
        .chain(data.areas.iter().map(|a| Feature::Area(area_feature(a))))
        .collect();
    collection(features, data.sources.iter().filter_map(|s| s.date).max())
}

/// Areas alone as a FeatureCollection, as [`write_geojson`] writes them.
pub fn write_areas_geojson(areas: &[Area]) -> String {
    collection(
        areas
            .iter()
            .map(|a| Feature::Area(area_feature(a)))
            .collect(),
        None,
    )
}

/// Pretty-printed, except that an area's coordinates are one line (pretty, a position takes
/// four lines).
///
/// `data_as_of` (the newest publication date among the sources written) goes into a foreign
/// member of the collection, so whoever opens the file later knows how fresh it was; GeoJSON
/// readers ignore members they do not know (RFC 7946 §6.1).
fn collection(features: Vec<Feature<'_>>, data_as_of: Option<crate::model::PartialDate>) -> String {
    // Members in the order a `Value` map (sorted) writes them.
    #[derive(Serialize)]
    struct Collection<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        data_as_of: Option<String>,
        features: Vec<Feature<'a>>,
        #[serde(rename = "type")]
        kind: &'static str,
    }
    let fc = Collection {
        data_as_of: data_as_of.map(|d| d.to_string()),
        features,
        kind: "FeatureCollection",
    };
    let mut s = serde_json::to_string_pretty(&fc).unwrap_or_default();
    s.push('\n');
    s
}

#[derive(Serialize)]
#[serde(untagged)]
enum Feature<'a> {
    Record(Value),
    Area(AreaFeature<'a>),
}

#[derive(Serialize)]
struct AreaFeature<'a> {
    geometry: AreaGeometry,
    properties: Ordered<'a>,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// `type` before `coordinates`, as most writers put them (readers can then take the
/// coordinates as they come).
#[derive(Serialize)]
struct AreaGeometry {
    #[serde(rename = "type")]
    kind: &'static str,
    coordinates: Box<RawValue>,
}

/// Properties in their order (as text, as they were read).
struct Ordered<'a>(&'a [(String, String)]);

impl Serialize for Ordered<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// A Polygon when the area has one polygon, else a MultiPolygon.
fn area_feature(area: &Area) -> AreaFeature<'_> {
    let single = area.geometry.0.len() == 1;
    let mut text = String::with_capacity(24 * area.vertex_count() + 16);
    if !single {
        text.push('[');
    }
    for (i, polygon) in area.geometry.0.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push('[');
        for (j, ring) in std::iter::once(polygon.exterior())
            .chain(polygon.interiors())
            .enumerate()
        {
            if j > 0 {
                text.push(',');
            }
            text.push('[');
            for (k, c) in ring.0.iter().enumerate() {
                if k > 0 {
                    text.push(',');
                }
                text.push('[');
                number(&mut text, c.x);
                text.push(',');
                number(&mut text, c.y);
                text.push(']');
            }
            text.push(']');
        }
        text.push(']');
    }
    if !single {
        text.push(']');
    }
    let coordinates = RawValue::from_string(text).unwrap_or_else(|_| Box::<RawValue>::default());
    AreaFeature {
        geometry: AreaGeometry {
            kind: if single { "Polygon" } else { "MultiPolygon" },
            coordinates,
        },
        properties: Ordered(&area.properties),
        kind: "Feature",
    }
}

/// The shortest text that reads back as the same number (`null` for a non-finite one, which
/// JSON cannot hold and no reader gives).
fn number(out: &mut String, x: f64) {
    use std::fmt::Write;
    if x.is_finite() {
        let _ = write!(out, "{x}");
    } else {
        out.push_str("null");
    }
}
