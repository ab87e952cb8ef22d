//! Provinces and counties from GeoJSON (the bundled boundary files).

use super::stream;
use crate::geography::Geography;
use crate::model::{Names, ProvinceDispute, Region, RegionKind, RegionLevel};
use geo_types::{Coord, Point};
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

/// Loads both boundary files into a [`Geography`]; `*_label` names them in errors.
pub fn read_geography(
    provinces: &str,
    provinces_label: &str,
    counties: &str,
    counties_label: &str,
) -> Result<Geography, RegionError> {
    let p = read_regions(provinces, provinces_label)?;
    let c = read_regions(counties, counties_label)?;
    Ok(Geography::new(p, c))
}

/// Reads a FeatureCollection of provinces or counties.
///
/// Streams: one pass over `text` reads the coordinates straight into the regions' geometry
/// and keeps each feature's properties as a slice of `text` until it is read, so the file
/// needs no whole-document `Value` tree.
pub fn read_regions(text: &str, file: &str) -> Result<Vec<Region>, RegionError> {
    // A number out of range in a slice is only seen feature by feature; like the
    // whole-document parse this reader replaces, report it as the file's syntax error, before
    // any other problem.
    let syntax = |e: serde_json::Error| RegionError::Json {
        file: file.to_string(),
        message: stream::value_error(text).unwrap_or(e).to_string(),
    };
    let mut scratch = stream::Scratch::default();
    let top = stream::top_level(text, &mut scratch).map_err(syntax)?;
    let file_err = |problem: &str| RegionError::File {
        file: file.to_string(),
        problem: problem.to_string(),
    };
    if top.kind.as_deref() != Some("FeatureCollection") {
        return Err(file_err(&crate::t!("diag-regions-not-collection")));
    }
    let Some(Ok(features)) = top.features else {
        return Err(file_err(&crate::t!("diag-regions-features-not-array")));
    };
    let mut regions = Vec::with_capacity(features.len());
    for (index, feature) in features.into_iter().enumerate() {
        let (properties, geometry) = match feature {
            stream::Feature::Object {
                properties,
                geometry,
            } => (properties, geometry),
            stream::Feature::NotObject => (None, None),
        };
        let props: Option<Map<String, Value>> = match stream::Properties::read(properties) {
            Ok(stream::Properties::Object(members)) => Some(members.into_iter().collect()),
            Ok(_) => None,
            Err(e) => return Err(syntax(e)),
        };
        let id = props
            .as_ref()
            .and_then(|p| p.get("id"))
            .and_then(Value::as_str)
            .map(str::to_string);
        let region = match read_region(props.as_ref(), geometry, &mut scratch) {
            Ok(r) => r,
            Err(problem) => {
                return Err(match stream::value_error(text) {
                    Some(e) => syntax(e),
                    None => RegionError::Feature {
                        file: file.to_string(),
                        index,
                        id,
                        problem,
                    },
                });
            }
        };
        regions.push(region);
    }
    Ok(regions)
}

fn read_region(
    props: Option<&Map<String, Value>>,
    geometry: Option<stream::Geometry<'_>>,
    scratch: &mut stream::Scratch,
) -> Result<Region, String> {
    let props = props.ok_or_else(|| crate::t!("diag-regions-no-properties"))?;
    let text = |name: &str| -> Result<String, String> {
        match props.get(name) {
            Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.clone()),
            Some(Value::String(_)) => Err(crate::t!("diag-property-empty", key = name)),
            Some(other) => Err(crate::t!(
                "diag-property-should-be",
                key = name,
                expected = crate::t!("diag-type-string"),
                found = type_name(other)
            )),
            None => Err(crate::t!("diag-property-missing", key = name)),
        }
    };
    let kind = match text("kind")?.as_str() {
        "province" => RegionKind::Province,
        "special_city" => RegionKind::SpecialCity,
        "county" => RegionKind::County,
        "city" => RegionKind::City,
        "district" => RegionKind::District,
        other => {
            return Err(crate::t!(
                "diag-property-not-allowed",
                key = "kind",
                value = other,
                allowed = super::diagnostic::alternatives(
                    "county, city, district, province or special_city"
                )
            ));
        }
    };
    let level = match kind {
        RegionKind::Province | RegionKind::SpecialCity => RegionLevel::Province,
        _ => RegionLevel::County,
    };
    let seat = match props.get("seat") {
        Some(v) => {
            point(v).map_err(|e| crate::t!("diag-property-problem", key = "seat", problem = e))?
        }
        None => return Err(crate::t!("diag-property-missing", key = "seat")),
    };
    let aliases = match props.get("aliases") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| crate::t!("diag-regions-strings", key = "aliases"))
            })
            .collect::<Result<_, _>>()?,
        Some(other) => {
            return Err(crate::t!(
                "diag-property-should-be",
                key = "aliases",
                expected = crate::t!("diag-type-strings"),
                found = type_name(other)
            ));
        }
    };
    let former_ids = match props.get("former_ids") {
        None | Some(Value::Null) => Vec::new(),
        Some(v) => serde_json::from_value::<Vec<String>>(v.clone())
            .map_err(|_| crate::t!("diag-regions-strings", key = "former_ids"))?,
    };
    let province_note = match props.get("province_note") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => {
            return Err(crate::t!(
                "diag-property-should-be",
                key = "province_note",
                expected = crate::t!("diag-type-string"),
                found = type_name(other)
            ));
        }
    };
    let province_dispute = match props.get("province_dispute") {
        None | Some(Value::Null) => None,
        Some(v) => Some(
            serde_json::from_value::<ProvinceDispute>(v.clone()).map_err(|_| {
                crate::t!(
                    "diag-regions-province-dispute",
                    shape = r#"{"province": ..., "source": ...}"#
                )
            })?,
        ),
    };
    let geometry = match geometry.map(|g| g.shape(scratch)) {
        Some(stream::Shape::Polygonal(Ok(shape))) => shape,
        Some(stream::Shape::Polygonal(Err(e)) | stream::Shape::Other(e)) => {
            return Err(crate::t!("diag-geometry", problem = e));
        }
        // The caller reports the file's syntax error instead.
        Some(stream::Shape::Invalid(e)) => {
            return Err(crate::t!(
                "diag-geometry",
                problem = crate::t!("diag-json-invalid", message = e.to_string())
            ));
        }
        None => return Err(crate::t!("diag-regions-no-geometry")),
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
        former_ids,
        province_note,
        province_dispute,
    })
}

/// What a JSON value is, in the interface language, for "should be …, not …" messages.
pub(crate) fn type_name(v: &Value) -> String {
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(_) => crate::t!("diag-type-boolean"),
        Value::Number(_) => crate::t!("diag-type-number"),
        Value::String(_) => crate::t!("diag-type-string"),
        Value::Array(_) => crate::t!("diag-type-array"),
        Value::Object(_) => crate::t!("diag-type-object"),
    }
}

/// `[lon, lat]` with finite numbers.
pub(crate) fn point(v: &Value) -> Result<Point<f64>, String> {
    let c = coord(v)?;
    Ok(Point(c))
}

pub(crate) fn coord(v: &Value) -> Result<Coord<f64>, String> {
    let items = v
        .as_array()
        .ok_or_else(|| crate::t!("diag-position-not-array"))?;
    if items.len() < 2 {
        return Err(crate::t!("diag-position-two-numbers"));
    }
    let num = |i: usize| -> Result<f64, String> {
        let x = items[i]
            .as_f64()
            .ok_or_else(|| crate::t!("diag-position-not-numbers", kind = type_name(&items[i])))?;
        if x.is_finite() {
            Ok(x)
        } else {
            Err(crate::t!("diag-coordinate-not-finite"))
        }
    };
    Ok(Coord {
        x: num(0)?,
        y: num(1)?,
    })
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

    #[test]
    fn reads_a_multipolygon_with_a_hole_whatever_the_member_order() {
        let multi = ORANG.replace(
            r#"{"type":"Polygon","coordinates":[[[129.5,41.3],[129.9,41.3],[129.9,41.6],[129.5,41.6],[129.5,41.3]]]}"#,
            r#"{"coordinates":[[[[129.5,41.3],[129.9,41.3],[129.9,41.6],[129.5,41.6],[129.5,41.3]],
                [[129.6,41.4],[129.7,41.4],[129.7,41.5],[129.6,41.4]]],
                [[[130,42],[130.1,42,12.5],[130.1,42.1],[130,42]]]],"bbox":[1,2,3,4],"type":"MultiPolygon"}"#,
        );
        let r = read_regions(&multi, "c.geojson").unwrap();
        let g = &r[0].geometry;
        assert_eq!(g.0.len(), 2);
        assert_eq!(g.0[0].interiors().len(), 1);
        assert_eq!(g.0[0].interiors()[0].0.len(), 4);
        // An altitude is ignored; integers are numbers.
        assert_eq!(g.0[1].exterior().0[1], Coord { x: 130.1, y: 42.0 });
    }

    #[test]
    fn geometry_problems_are_named() {
        let geometry = |g: &str| {
            let text = ORANG.replace(
                r#"{"type":"Polygon","coordinates":[[[129.5,41.3],[129.9,41.3],[129.9,41.6],[129.5,41.6],[129.5,41.3]]]}"#,
                g,
            );
            read_regions(&text, "c.geojson").unwrap_err().to_string()
        };
        let at = "c.geojson: feature 0 (KP-09-orang): geometry: ";
        for (g, problem) in [
            ("null", "should be a Polygon or MultiPolygon"),
            (r#"{"type":"Polygon"}"#, "no coordinates"),
            (r#"{"coordinates":[]}"#, "no type"),
            (
                r#"{"type":"Polygon","coordinates":[]}"#,
                "a polygon needs an exterior ring",
            ),
            (
                r#"{"type":"Polygon","coordinates":{}}"#,
                "a polygon should be an array of rings",
            ),
            (
                r#"{"type":"Polygon","coordinates":[3]}"#,
                "a ring should be an array of positions",
            ),
            (
                r#"{"type":"Polygon","coordinates":[[[1,2],[3,4],[1,2]]]}"#,
                "a ring needs at least 4 positions",
            ),
            (
                r#"{"type":"Polygon","coordinates":[[[1,2],[3,4],[5,6],"x"]]}"#,
                "a position should be [lon, lat]",
            ),
            (
                r#"{"type":"Polygon","coordinates":[[[1,2],[3],[5,6],[1,2]]]}"#,
                "a position needs two numbers [lon, lat]",
            ),
            (
                r#"{"type":"Polygon","coordinates":[[[1,2],[3,null],[5,6],[1,2]]]}"#,
                "a position should hold numbers, not null",
            ),
            (
                r#"{"type":"MultiPolygon","coordinates":[[[[1,2],[3,true],[5,6],[1,2]]]]}"#,
                "a position should hold numbers, not a boolean",
            ),
            (
                r#"{"type":"MultiPolygon","coordinates":"[]"}"#,
                "MultiPolygon coordinates should be an array",
            ),
            (
                r#"{"type":"LineString","coordinates":[[1,2],[3,4]]}"#,
                "is a LineString, expected Polygon or MultiPolygon",
            ),
        ] {
            assert_eq!(geometry(g), format!("{at}{problem}"), "{g}");
        }
        // A number too large for an f64 is the file's syntax error, as it always was.
        let e = geometry(r#"{"type":"Polygon","coordinates":[[[1e999,2],[3,4],[5,6],[1,2]]]}"#);
        assert!(
            e.starts_with("c.geojson: not valid JSON: number out of range at line 2 column"),
            "{e}"
        );
        let missing = ORANG.replace(r#""geometry":"#, r#""geometrie":"#);
        let e = read_regions(&missing, "c.geojson").unwrap_err().to_string();
        assert_eq!(e, "c.geojson: feature 0 (KP-09-orang): no geometry");
    }

    #[test]
    fn file_problems_are_named() {
        let e = read_regions(r#"{"type":"Feature"}"#, "c.geojson").unwrap_err();
        assert_eq!(e.to_string(), "c.geojson: not a GeoJSON FeatureCollection");
        let e = read_regions(r#"{"type":"FeatureCollection","features":{}}"#, "c.geojson");
        assert_eq!(
            e.unwrap_err().to_string(),
            "c.geojson: 'features' is not an array"
        );
        let e = read_regions(
            r#"{"type":"FeatureCollection","features":[3]}"#,
            "c.geojson",
        );
        assert_eq!(
            e.unwrap_err().to_string(),
            "c.geojson: feature 0: no properties object"
        );
        let e = read_regions("[1, 2", "c.geojson").unwrap_err().to_string();
        assert_eq!(
            e,
            format!(
                "c.geojson: not valid JSON: {}",
                serde_json::from_str::<Value>("[1, 2").unwrap_err()
            )
        );
    }
}
