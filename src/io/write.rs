//! The resolved dataset as GeoJSON: places resolved to region ids, points filled in, and the
//! sources each record cites embedded beside it, so an exported file stands on its own.

use crate::model::{Dataset, Evidence, Source};
use geo_types::Point;
use serde::Serialize;
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

/// The dataset as a pretty-printed FeatureCollection: sources first, then sites, flows and
/// events.
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
    let fc = json!({"type": "FeatureCollection", "features": features});
    let mut s = serde_json::to_string_pretty(&fc).unwrap_or_default();
    s.push('\n');
    s
}
