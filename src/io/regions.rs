//! Provinces and counties from GeoJSON (the bundled boundary files).

use crate::model::{Names, Region, RegionKind, RegionLevel};
use geo_types::{Coord, LineString, MultiPolygon, Point, Polygon};
use serde_json::{Map, Value};

/// A boundary file that cannot be used; names the file, the feature and the problem.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum RegionError {
    #[error("{file}: not valid JSON: {message}")]
    Json { file: String, message: String },
    #[error("{file}: {problem}")]
    File { file: String, problem: String },
    #[error("{file}: feature {index}{}: {problem}", id.as_ref().map(|i| format!(" ({i})")).unwrap_or_default())]
    Feature {
        file: String,
        index: usize,
        id: Option<String>,
        problem: String,
    },
}

/// Reads a FeatureCollection of provinces or counties.
pub fn read_regions(text: &str, file: &str) -> Result<Vec<Region>, RegionError> {
    let value: Value = serde_json::from_str(text).map_err(|e| RegionError::Json {
        file: file.to_string(),
        message: e.to_string(),
    })?;
    let file_err = |problem: &str| RegionError::File {
        file: file.to_string(),
        problem: problem.to_string(),
    };
    if value.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        return Err(file_err("not a GeoJSON FeatureCollection"));
    }
    let features = value
        .get("features")
        .and_then(Value::as_array)
        .ok_or_else(|| file_err("'features' is not an array"))?;
    let mut regions = Vec::with_capacity(features.len());
    for (index, feature) in features.iter().enumerate() {
        let id = feature
            .get("properties")
            .and_then(|p| p.get("id"))
            .and_then(Value::as_str)
            .map(str::to_string);
        let region = read_region(feature).map_err(|problem| RegionError::Feature {
            file: file.to_string(),
            index,
            id,
            problem,
        })?;
        regions.push(region);
    }
    Ok(regions)
}

fn read_region(feature: &Value) -> Result<Region, String> {
    let props = feature
        .get("properties")
        .and_then(Value::as_object)
        .ok_or("no properties object")?;
    let text = |name: &str| -> Result<String, String> {
        match props.get(name) {
            Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.clone()),
            Some(Value::String(_)) => Err(format!("property '{name}' is empty")),
            Some(other) => Err(format!(
                "property '{name}' should be a string, not {}",
                type_name(other)
            )),
            None => Err(format!("property '{name}' is missing")),
        }
    };
    let kind = match text("kind")?.as_str() {
        "province" => RegionKind::Province,
        "special_city" => RegionKind::SpecialCity,
        "county" => RegionKind::County,
        "city" => RegionKind::City,
        "district" => RegionKind::District,
        other => {
            return Err(format!(
                "property 'kind' is '{other}', expected county, city, district, province or special_city"
            ));
        }
    };
    let level = match kind {
        RegionKind::Province | RegionKind::SpecialCity => RegionLevel::Province,
        _ => RegionLevel::County,
    };
    let seat = match props.get("seat") {
        Some(v) => point(v).map_err(|e| format!("property 'seat': {e}"))?,
        None => return Err("property 'seat' is missing".into()),
    };
    let aliases = match props.get("aliases") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| "property 'aliases' should be an array of strings".to_string())
            })
            .collect::<Result<_, _>>()?,
        Some(other) => {
            return Err(format!(
                "property 'aliases' should be an array of strings, not {}",
                type_name(other)
            ));
        }
    };
    let geometry = match feature.get("geometry") {
        Some(g) => multipolygon(g).map_err(|e| format!("geometry: {e}"))?,
        None => return Err("no geometry".into()),
    };
    Ok(Region {
        id: text("id")?,
        level,
        kind,
        province: text("province")?,
        names: Names {
            en: text("name_en")?,
            mr: text("name_mr")?,
            rr: text("name_rr")?,
            ko: text("name_ko")?,
        },
        aliases,
        seat,
        seat_source: text("seat_source")?,
        geometry,
    })
}

pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `[lon, lat]` with finite numbers.
pub(crate) fn point(v: &Value) -> Result<Point<f64>, String> {
    let c = coord(v)?;
    Ok(Point(c))
}

pub(crate) fn coord(v: &Value) -> Result<Coord<f64>, String> {
    let items = v.as_array().ok_or("a position should be [lon, lat]")?;
    if items.len() < 2 {
        return Err("a position needs two numbers [lon, lat]".into());
    }
    let num = |i: usize| -> Result<f64, String> {
        let x = items[i].as_f64().ok_or_else(|| {
            format!(
                "a position should hold numbers, not {}",
                type_name(&items[i])
            )
        })?;
        if x.is_finite() {
            Ok(x)
        } else {
            Err("a coordinate is not finite".into())
        }
    };
    Ok(Coord {
        x: num(0)?,
        y: num(1)?,
    })
}

fn ring(v: &Value) -> Result<LineString<f64>, String> {
    let pts = v
        .as_array()
        .ok_or("a ring should be an array of positions")?;
    let coords = pts.iter().map(coord).collect::<Result<Vec<_>, _>>()?;
    if coords.len() < 4 {
        return Err("a ring needs at least 4 positions".into());
    }
    Ok(LineString(coords))
}

fn polygon(v: &Value) -> Result<Polygon<f64>, String> {
    let rings = v
        .as_array()
        .ok_or("a polygon should be an array of rings")?;
    let mut it = rings.iter();
    let exterior = ring(it.next().ok_or("a polygon needs an exterior ring")?)?;
    let interiors = it.map(ring).collect::<Result<Vec<_>, _>>()?;
    Ok(Polygon::new(exterior, interiors))
}

fn multipolygon(g: &Value) -> Result<MultiPolygon<f64>, String> {
    let obj: &Map<String, Value> = g.as_object().ok_or("should be a Polygon or MultiPolygon")?;
    let coords = obj.get("coordinates").ok_or("no coordinates")?;
    match obj.get("type").and_then(Value::as_str) {
        Some("Polygon") => Ok(MultiPolygon(vec![polygon(coords)?])),
        Some("MultiPolygon") => {
            let polys = coords
                .as_array()
                .ok_or("MultiPolygon coordinates should be an array")?;
            Ok(MultiPolygon(
                polys.iter().map(polygon).collect::<Result<_, _>>()?,
            ))
        }
        Some(other) => Err(format!("is a {other}, expected Polygon or MultiPolygon")),
        None => Err("no type".into()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const ORANG: &str = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
      "geometry":{"type":"Polygon","coordinates":[[[129.5,41.3],[129.9,41.3],[129.9,41.6],[129.5,41.6],[129.5,41.3]]]},
      "properties":{"id":"KP-09-orang","province":"KP-09","kind":"county","name_en":"Orang","name_mr":"Ŏrang",
      "name_rr":"Eorang","name_ko":"어랑군","seat":[129.65,41.45],"seat_source":"test","aliases":["어랑"]}}]}"#;

    #[test]
    fn reads_a_county() {
        let r = read_regions(ORANG, "c.geojson").unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].names.mr, "Ŏrang");
        assert_eq!(r[0].aliases, vec!["어랑".to_string()]);
        assert_eq!(r[0].level, RegionLevel::County);
        assert_eq!(r[0].geometry.0.len(), 1);
    }

    #[test]
    fn errors_name_file_feature_and_problem() {
        let bad = ORANG.replace(r#""name_rr":"Eorang","#, "");
        let e = read_regions(&bad, "c.geojson").unwrap_err().to_string();
        assert_eq!(
            e,
            "c.geojson: feature 0 (KP-09-orang): property 'name_rr' is missing"
        );
        let bad = ORANG.replace(r#""kind":"county""#, r#""kind":"shire""#);
        let e = read_regions(&bad, "c.geojson").unwrap_err().to_string();
        assert!(e.contains("'shire'"), "{e}");
        let bad = ORANG.replace("\"Polygon\"", "\"Point\"");
        let e = read_regions(&bad, "c.geojson").unwrap_err().to_string();
        assert!(e.contains("geometry: is a Point"), "{e}");
        let e = read_regions("{", "c.geojson").unwrap_err().to_string();
        assert!(e.starts_with("c.geojson: not valid JSON"), "{e}");
    }
}
