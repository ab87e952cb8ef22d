//! GeoJSON without a whole-document tree.
//!
//! A file is read in one pass: each feature's `properties` is kept as a borrowed slice of the
//! text ([`RawValue`], nothing copied) and parsed on its own into a small [`Value`] map;
//! Polygon and MultiPolygon coordinates are parsed by typed visitors straight into `Coord`s,
//! with the same checks and messages as the `Value` readers in [`super::regions`]. A 30 MB
//! area file so needs little more than its text and its coordinates in memory, where a
//! `Value` tree took ten times the file.
//!
//! Everything but the skimmed slices is read the way a `Value` parse reads it, so syntax
//! errors are the same; the slices are checked for syntax but not for numbers too large for
//! an f64, which turn up when a slice is parsed, as a serde error (never as a problem). The
//! callers then report the file's syntax error, worded exactly as a `Value` parse words it
//! ([`value_error`]), instead of anything else.
//!
//! A problem in a polygon's coordinates does not stop the pass: the first one is kept and the
//! rest of the coordinates are read without keeping them.

use geo_types::{Coord, LineString, MultiPolygon, Polygon};
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::fmt;

/// The members of a file's top level that matter.
pub(crate) struct TopLevel<'a> {
    /// `type`, when it is a string.
    pub kind: Option<String>,
    /// `features`: `Ok` for an array, `Err` for anything else.
    pub features: Option<Result<Vec<Feature<'a>>, ()>>,
    /// The top level read as a feature (for a file that is one Feature).
    pub own: Feature<'a>,
}

/// Reads a file in one pass. Errors are syntax errors; [`value_error`] words them as a
/// `Value` parse would.
pub(crate) fn top_level<'a>(
    text: &'a str,
    scratch: &mut Scratch,
) -> Result<TopLevel<'a>, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let top = TopSeed(scratch).deserialize(&mut de)?;
    de.end()?;
    Ok(top)
}

/// The error `serde_json::from_str::<Value>(text)` gives (same message, line and column),
/// found without building the tree; `None` when `text` is valid JSON.
pub(crate) fn value_error(text: &str) -> Option<serde_json::Error> {
    serde_json::from_str::<Skip>(text).err()
}

/// One element of `features`.
pub(crate) enum Feature<'a> {
    /// Not a JSON object.
    NotObject,
    Object {
        properties: Option<&'a RawValue>,
        geometry: Option<Geometry<'a>>,
    },
}

/// A feature's `properties` member.
pub(crate) enum Properties {
    /// Missing or `null`.
    Absent,
    /// Present but not an object.
    NotObject,
    /// The members in file order: a repeated key keeps its first place and its last value.
    Object(Vec<(String, Value)>),
}

impl Properties {
    pub fn read(raw: Option<&RawValue>) -> Result<Properties, serde_json::Error> {
        let Some(raw) = raw else {
            return Ok(Properties::Absent);
        };
        let text = raw.get().trim_start();
        if text.starts_with('{') {
            Ok(Properties::Object(serde_json::from_str::<Ordered>(text)?.0))
        } else if text.starts_with("null") {
            Ok(Properties::Absent)
        } else {
            Ok(Properties::NotObject)
        }
    }

    /// The value of a member (`null` counts as absent).
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Properties::Object(members) => members
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v)
                .filter(|v| !v.is_null()),
            _ => None,
        }
    }

    /// A member's text, when it is a string.
    pub fn str(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Value::as_str)
    }

    /// The members as a `Value` map (for the record checks); empty unless an object.
    pub fn into_map(self) -> Map<String, Value> {
        match self {
            Properties::Object(members) => members.into_iter().collect(),
            _ => Map::new(),
        }
    }
}

/// A feature's `geometry` member, read in the pass over the file.
pub(crate) enum Geometry<'a> {
    Null,
    /// Neither an object nor `null`: a scalar as it is; an array (skipped) as an empty one.
    /// The checks only tell such a value from `null`.
    Other(Value),
    Object {
        kind: Option<Value>,
        coordinates: Option<Coordinates<'a>>,
        /// Other members (`bbox`, ...), for the record checks.
        others: Vec<(String, &'a RawValue)>,
    },
}

/// A geometry's `coordinates`.
pub(crate) enum Coordinates<'a> {
    /// Read as they came, `type` (Polygon or MultiPolygon) being known already.
    Parsed {
        multi: bool,
        shape: Result<MultiPolygon<f64>, String>,
    },
    /// Came before `type`, or of another type: a slice, read when needed.
    Raw(&'a RawValue),
}

/// A geometry read as a shape.
#[derive(Debug)]
pub(crate) enum Shape {
    /// Its type is Polygon or MultiPolygon: the shape, or what is wrong with it.
    Polygonal(Result<MultiPolygon<f64>, String>),
    /// Anything else; says why it is not a polygon (`null`, not an object, another type).
    Other(String),
    /// Not valid JSON after all (a number out of range in a slice): the caller reports the
    /// file's syntax error.
    Invalid(serde_json::Error),
}

/// Buffers reused from one geometry to the next.
#[derive(Default)]
pub(crate) struct Scratch {
    /// The ring being read; copied out at its exact length when complete.
    ring: Vec<Coord<f64>>,
    /// The first problem found in the coordinates being read, in the `Value` readers' words.
    problem: Option<String>,
}

fn polygon_kind(kind: Option<&Value>) -> Option<bool> {
    match kind.and_then(Value::as_str) {
        Some("Polygon") => Some(false),
        Some("MultiPolygon") => Some(true),
        _ => None,
    }
}

impl Geometry<'_> {
    /// The geometry as a Polygon or MultiPolygon.
    ///
    /// Checks, in this order and with these messages: an object ("should be a Polygon or
    /// MultiPolygon"), `coordinates` present ("no coordinates"), `type` ("no type", "is a
    /// Point, expected Polygon or MultiPolygon"), then the coordinates in file order (arrays of
    /// the right depth, positions of two finite numbers, rings of at least 4 positions, a
    /// polygon with an exterior ring).
    pub fn shape(self, scratch: &mut Scratch) -> Shape {
        let Geometry::Object {
            kind, coordinates, ..
        } = self
        else {
            return Shape::Other(crate::t!("diag-area-not-polygon"));
        };
        let multi = polygon_kind(kind.as_ref());
        let Some(coordinates) = coordinates else {
            return match multi {
                Some(_) => Shape::Polygonal(Err(crate::t!("diag-area-no-coordinates"))),
                None => Shape::Other(crate::t!("diag-area-no-coordinates")),
            };
        };
        let Some(multi) = multi else {
            return Shape::Other(match kind.as_ref().and_then(Value::as_str) {
                Some(other) => crate::t!("diag-area-wrong-type", kind = other),
                None => crate::t!("diag-area-no-type"),
            });
        };
        match coordinates {
            Coordinates::Parsed { multi: m, shape } if m == multi => Shape::Polygonal(shape),
            // `type` was given again, with another value, after the coordinates.
            Coordinates::Parsed { .. } => Shape::Polygonal(Err(crate::t!("diag-area-type-twice"))),
            Coordinates::Raw(raw) => {
                let mut de = serde_json::Deserializer::from_str(raw.get());
                match (CoordinatesSeed { multi, scratch }).deserialize(&mut de) {
                    Ok(shape) => Shape::Polygonal(shape),
                    Err(e) => Shape::Invalid(e),
                }
            }
        }
    }

    /// The geometry as a `Value`, for the record checks (records are small). Polygon
    /// coordinates are left out: no record has a polygon, and the checks say so from the type
    /// alone.
    pub fn into_value(self) -> Result<Value, serde_json::Error> {
        Ok(match self {
            Geometry::Null => Value::Null,
            Geometry::Other(v) => v,
            Geometry::Object {
                kind,
                coordinates,
                others,
            } => {
                let mut map = Map::new();
                for (k, raw) in others {
                    map.insert(k, serde_json::from_str(raw.get())?);
                }
                if let Some(kind) = kind {
                    map.insert("type".into(), kind);
                }
                match coordinates {
                    Some(Coordinates::Raw(raw)) => {
                        map.insert("coordinates".into(), serde_json::from_str(raw.get())?);
                    }
                    Some(Coordinates::Parsed { .. }) => {
                        map.insert("coordinates".into(), Value::Null);
                    }
                    None => {}
                }
                Value::Object(map)
            }
        })
    }
}

/// Notes the first problem of the coordinates being read.
fn note(scratch: &mut Scratch, problem: &str) {
    if scratch.problem.is_none() {
        scratch.problem = Some(problem.to_string());
    }
}

/// Drains the rest of a sequence (serde_json wants every element consumed), checking it as a
/// `Value` parse would.
fn drain_seq<'de, A: SeqAccess<'de>>(seq: &mut A) -> Result<(), A::Error> {
    while seq.next_element::<Skip>()?.is_some() {}
    Ok(())
}

fn drain_map<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    while map.next_entry::<Skip, Skip>()?.is_some() {}
    Ok(())
}

// ---- Files and features -------------------------------------------------------------------

/// Which member of an object a key names.
enum Key {
    Type,
    Features,
    Properties,
    Geometry,
    Coordinates,
    Other(String),
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Key, E> {
                Ok(match s {
                    "type" => Key::Type,
                    "features" => Key::Features,
                    "properties" => Key::Properties,
                    "geometry" => Key::Geometry,
                    "coordinates" => Key::Coordinates,
                    other => Key::Other(other.to_string()),
                })
            }
        }
        d.deserialize_str(V)
    }
}

/// Implements the visits of every JSON kind but arrays and objects as giving `$value`.
macro_rules! scalars_give {
    ($value:expr) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($value)
        }
    };
}

struct TopSeed<'s>(&'s mut Scratch);

impl<'de> DeserializeSeed<'de> for TopSeed<'_> {
    type Value = TopLevel<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TopSeed<'_> {
    type Value = TopLevel<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a GeoJSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut kind = None;
        let mut features = None;
        let mut properties = None;
        let mut geometry = None;
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Type => {
                    kind = match map.next_value::<Value>()? {
                        Value::String(s) => Some(s),
                        _ => None,
                    }
                }
                Key::Features => features = Some(map.next_value_seed(FeaturesSeed(&mut *self.0))?),
                Key::Properties => properties = Some(map.next_value()?),
                Key::Geometry => geometry = Some(map.next_value_seed(GeometrySeed(&mut *self.0))?),
                _ => {
                    map.next_value::<Skip>()?;
                }
            }
        }
        Ok(TopLevel {
            kind,
            features,
            own: Feature::Object {
                properties,
                geometry,
            },
        })
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        drain_seq(&mut seq)?;
        Ok(TopLevel {
            kind: None,
            features: None,
            own: Feature::NotObject,
        })
    }
    scalars_give!(TopLevel {
        kind: None,
        features: None,
        own: Feature::NotObject,
    });
}

/// `features`: the features of an array, or `Err` for anything else.
struct FeaturesSeed<'s>(&'s mut Scratch);

impl<'de> DeserializeSeed<'de> for FeaturesSeed<'_> {
    type Value = Result<Vec<Feature<'de>>, ()>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FeaturesSeed<'_> {
    type Value = Result<Vec<Feature<'de>>, ()>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of features")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut features = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(f) = seq.next_element_seed(FeatureSeed(&mut *self.0))? {
            features.push(f);
        }
        Ok(Ok(features))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        drain_map(&mut map)?;
        Ok(Err(()))
    }
    scalars_give!(Err(()));
}

struct FeatureSeed<'s>(&'s mut Scratch);

impl<'de> DeserializeSeed<'de> for FeatureSeed<'_> {
    type Value = Feature<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FeatureSeed<'_> {
    type Value = Feature<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a GeoJSON feature")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut properties = None;
        let mut geometry = None;
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Properties => properties = Some(map.next_value()?),
                Key::Geometry => geometry = Some(map.next_value_seed(GeometrySeed(&mut *self.0))?),
                _ => {
                    map.next_value::<Skip>()?;
                }
            }
        }
        Ok(Feature::Object {
            properties,
            geometry,
        })
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        drain_seq(&mut seq)?;
        Ok(Feature::NotObject)
    }
    scalars_give!(Feature::NotObject);
}

/// Walks any JSON the way a `Value` parse does (every value through `deserialize_any`, so the
/// same errors at the same places), keeping nothing.
struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Skip;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            scalars_give!(Skip);
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skip, A::Error> {
                while seq.next_element::<Skip>()?.is_some() {}
                Ok(Skip)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skip, A::Error> {
                while map.next_key::<Skip>()?.is_some() {
                    map.next_value::<Skip>()?;
                }
                Ok(Skip)
            }
        }
        d.deserialize_any(V)
    }
}

/// An object's members in file order.
struct Ordered(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Ordered;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
                let mut members: Vec<(String, Value)> =
                    Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some((k, v)) = map.next_entry::<String, Value>()? {
                    match members.iter_mut().find(|(key, _)| *key == k) {
                        Some(slot) => slot.1 = v,
                        None => members.push((k, v)),
                    }
                }
                Ok(Ordered(members))
            }
        }
        d.deserialize_map(V)
    }
}

// ---- Geometry -----------------------------------------------------------------------------

struct GeometrySeed<'s>(&'s mut Scratch);

impl<'de> DeserializeSeed<'de> for GeometrySeed<'_> {
    type Value = Geometry<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for GeometrySeed<'_> {
    type Value = Geometry<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a GeoJSON geometry")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut kind: Option<Value> = None;
        let mut coordinates = None;
        let mut others = Vec::new();
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Type => kind = Some(map.next_value()?),
                Key::Coordinates => {
                    coordinates = Some(match polygon_kind(kind.as_ref()) {
                        Some(multi) => Coordinates::Parsed {
                            multi,
                            shape: map.next_value_seed(CoordinatesSeed {
                                multi,
                                scratch: &mut *self.0,
                            })?,
                        },
                        None => Coordinates::Raw(map.next_value()?),
                    });
                }
                Key::Other(name) => others.push((name, map.next_value()?)),
                Key::Features => others.push(("features".into(), map.next_value()?)),
                Key::Properties => others.push(("properties".into(), map.next_value()?)),
                Key::Geometry => others.push(("geometry".into(), map.next_value()?)),
            }
        }
        Ok(Geometry::Object {
            kind,
            coordinates,
            others,
        })
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        drain_seq(&mut seq)?;
        Ok(Geometry::Other(Value::Array(Vec::new())))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Geometry::Null)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Geometry::Other(Value::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Geometry::Other(Value::from(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Geometry::Other(Value::from(v)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Geometry::Other(Value::from(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Geometry::Other(Value::from(v)))
    }
}

/// Implements the visits of every JSON kind a coordinate visitor does not take (all but
/// arrays): notes `$problem` (in the `Value` readers' words) and gives `$dummy`. The visitor
/// is a tuple struct holding the `&mut Scratch`.
macro_rules! refuse_others {
    ($problem:expr, $dummy:expr) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            note(self.0, $problem);
            Ok($dummy)
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            note(self.0, $problem);
            Ok($dummy)
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            note(self.0, $problem);
            Ok($dummy)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            note(self.0, $problem);
            Ok($dummy)
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            note(self.0, $problem);
            Ok($dummy)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            note(self.0, $problem);
            Ok($dummy)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            drain_map(&mut map)?;
            note(self.0, $problem);
            Ok($dummy)
        }
    };
}

/// Polygon or MultiPolygon coordinates, as a MultiPolygon, or the first problem in them. The
/// serde error is for syntax only (a number out of range).
struct CoordinatesSeed<'s> {
    multi: bool,
    scratch: &'s mut Scratch,
}

impl<'de> DeserializeSeed<'de> for CoordinatesSeed<'_> {
    type Value = Result<MultiPolygon<f64>, String>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.scratch.problem = None;
        let shape = if self.multi {
            d.deserialize_any(MultiSeed(&mut *self.scratch))?
        } else {
            MultiPolygon(vec![d.deserialize_any(PolygonSeed(&mut *self.scratch))?])
        };
        Ok(match self.scratch.problem.take() {
            Some(problem) => Err(problem),
            None => Ok(shape),
        })
    }
}

/// Polygons of a MultiPolygon.
struct MultiSeed<'s>(&'s mut Scratch);

impl<'de> Visitor<'de> for MultiSeed<'_> {
    type Value = MultiPolygon<f64>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("MultiPolygon coordinates")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut polygons = Vec::new();
        while let Some(p) = seq.next_element_seed(PolygonSeed(&mut *self.0))? {
            if self.0.problem.is_none() {
                polygons.push(p);
            }
        }
        Ok(MultiPolygon(polygons))
    }
    refuse_others!(
        &crate::t!("diag-area-multipolygon-not-array"),
        MultiPolygon(Vec::new())
    );
}

fn no_polygon() -> Polygon<f64> {
    Polygon::new(LineString(Vec::new()), Vec::new())
}

/// Rings of a polygon, exterior first.
struct PolygonSeed<'s>(&'s mut Scratch);

impl<'de> DeserializeSeed<'de> for PolygonSeed<'_> {
    type Value = Polygon<f64>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for PolygonSeed<'_> {
    type Value = Polygon<f64>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("Polygon coordinates")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let Some(exterior) = seq.next_element_seed(RingSeed(&mut *self.0))? else {
            note(self.0, &crate::t!("diag-area-no-exterior"));
            return Ok(no_polygon());
        };
        let mut interiors = Vec::new();
        while let Some(ring) = seq.next_element_seed(RingSeed(&mut *self.0))? {
            interiors.push(ring);
        }
        if self.0.problem.is_some() {
            return Ok(no_polygon());
        }
        Ok(Polygon::new(exterior, interiors))
    }
    refuse_others!(&crate::t!("diag-area-polygon-not-array"), no_polygon());
}

/// Positions of a ring: read into the scratch buffer, then copied out at their exact length.
struct RingSeed<'s>(&'s mut Scratch);

impl<'de> DeserializeSeed<'de> for RingSeed<'_> {
    type Value = LineString<f64>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RingSeed<'_> {
    type Value = LineString<f64>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a ring of positions")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        self.0.ring.clear();
        while let Some(c) = seq.next_element_seed(PositionSeed(&mut *self.0))? {
            self.0.ring.push(c);
        }
        if self.0.problem.is_some() {
            return Ok(LineString(Vec::new()));
        }
        if self.0.ring.len() < 4 {
            note(self.0, &crate::t!("diag-area-ring-short"));
            return Ok(LineString(Vec::new()));
        }
        Ok(LineString(self.0.ring.as_slice().to_vec()))
    }
    refuse_others!(
        &crate::t!("diag-area-ring-not-array"),
        LineString(Vec::new())
    );
}

/// `[lon, lat]` (more numbers, such as an altitude, are ignored).
struct PositionSeed<'s>(&'s mut Scratch);

impl<'de> DeserializeSeed<'de> for PositionSeed<'_> {
    type Value = Coord<f64>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

const NO_COORD: Coord<f64> = Coord { x: 0.0, y: 0.0 };

impl<'de> Visitor<'de> for PositionSeed<'_> {
    type Value = Coord<f64>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a position [lon, lat]")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        // As the `Value` reader: the count first, then each number's type, then finiteness.
        let x = seq.next_element::<Number>()?;
        let y = match x {
            Some(_) => seq.next_element::<Number>()?,
            None => None,
        };
        if y.is_some() {
            drain_seq(&mut seq)?;
        }
        let (Some(x), Some(y)) = (x, y) else {
            note(self.0, &crate::t!("diag-position-two-numbers"));
            return Ok(NO_COORD);
        };
        for n in [&x, &y] {
            match n.0 {
                Ok(v) if v.is_finite() => {}
                Ok(_) => {
                    note(self.0, &crate::t!("diag-coordinate-not-finite"));
                    return Ok(NO_COORD);
                }
                Err(kind) => {
                    note(
                        self.0,
                        &crate::t!("diag-position-not-numbers", kind = kind_word(kind)),
                    );
                    return Ok(NO_COORD);
                }
            }
        }
        Ok(Coord {
            x: x.0.unwrap_or(0.0),
            y: y.0.unwrap_or(0.0),
        })
    }
    refuse_others!(&crate::t!("diag-position-not-array"), NO_COORD);
}

/// The interface's word for a kind `Number` names ("a boolean" …), as `type_name` words it.
fn kind_word(kind: &str) -> String {
    match kind {
        "a boolean" => crate::t!("diag-type-boolean"),
        "a string" => crate::t!("diag-type-string"),
        "an array" => crate::t!("diag-type-array"),
        "an object" => crate::t!("diag-type-object"),
        other => other.to_owned(),
    }
}

/// A number, or the name of the kind of value found instead (as `type_name` words it).
struct Number(Result<f64, &'static str>);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Number, E> {
                Ok(Number(Ok(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Number, E> {
                Ok(Number(Ok(v as f64)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Number, E> {
                Ok(Number(Ok(v as f64)))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Number, E> {
                Ok(Number(Err("a boolean")))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Number, E> {
                Ok(Number(Err("a string")))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Number, E> {
                Ok(Number(Err("null")))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Number, A::Error> {
                drain_seq(&mut seq)?;
                Ok(Number(Err("an array")))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Number, A::Error> {
                drain_map(&mut map)?;
                Ok(Number(Err("an object")))
            }
        }
        d.deserialize_any(V)
    }
}
