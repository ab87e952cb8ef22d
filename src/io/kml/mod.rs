//! KML and KMZ: Google Earth's formats, read into placemarks (and into nkmap's own records when
//! nkmap wrote them) and written from a dataset.
//!
//! [`read`] is the one entry point for bytes from anywhere (a file, a drop, a fuzzer): a pure
//! function of the bytes and the name to report them under, which never panics, and refuses
//! what could hurt (DTDs and entity bombs, zip bombs, archive paths that climb out) with a
//! message that says so. quick-xml underneath, not the georust `kml` crate: see Cargo.toml.

mod kmz;
mod read;
mod write;

pub use kmz::{MAX_ENTRIES, MAX_KML_BYTES, extract_with_limit, pack};
pub use read::{MAX_DEPTH, parse_coordinates, parse_time};
pub use write::{KmlLook, write_kml};

use super::record::RawRecord;
use super::{Diagnostic, Location};
use crate::model::{Area, Placemarks};

/// A character XML 1.0 cannot hold at all, raw or referenced: the controls below U+0020 but
/// tab, line feed and carriage return. The reader drops them and the writer never writes them,
/// so what is read is what an export can say back.
fn not_in_xml(c: char) -> bool {
    (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')
}

/// The namespace of nkmap's own elements in the files it writes.
pub const NKMAP_NS: &str = "urn:x-nkmap:kml:1";
/// A placemark's whole record, as GeoJSON properties (JSON text).
const NKMAP_RECORD: &str = "nkmap:record";
/// A later status period of a site whose record is on an earlier placemark.
const NKMAP_PART: &str = "nkmap:part";
/// A placemark that is one of the dataset's areas.
const NKMAP_AREA: &str = "nkmap:area";

/// What a KML or KMZ file holds.
#[derive(Debug, Clone, Default)]
pub struct KmlContent {
    /// Placemarks, folders and styles (everything that is not an nkmap record).
    pub placemarks: Placemarks,
    /// Placemarks carrying an nkmap record (files nkmap wrote): its properties and the
    /// placemark's geometry as GeoJSON, checked like any record by the caller.
    pub records: Vec<(Location, RawRecord)>,
    /// Placemarks that are an nkmap area.
    pub areas: Vec<Area>,
}

impl KmlContent {
    pub fn placemark_count(&self) -> usize {
        self.placemarks.placemarks.len()
    }
}

/// A KML document, or a KMZ archive holding one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Kml,
    Kmz,
}

impl Kind {
    /// By the bytes: zip archives start with `PK\x03\x04` (`PK\x05\x06` when empty).
    pub fn of(bytes: &[u8]) -> Kind {
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
            Kind::Kmz
        } else {
            Kind::Kml
        }
    }
}

/// Reads a KML document or a KMZ archive (told apart by their bytes, not the name); `file`
/// names it in diagnostics. `None` when nothing could be read (with the reason); otherwise every
/// good placemark, each bad one reported (file, placemark index and name, problem) and dropped.
pub fn read(bytes: &[u8], file: &str) -> (Option<KmlContent>, Vec<Diagnostic>) {
    let fail = |m: String| (None, vec![Diagnostic::error(file, Location::File, m)]);
    let doc;
    let bytes = match Kind::of(bytes) {
        Kind::Kml => bytes,
        Kind::Kmz => match kmz::extract(bytes) {
            Ok((kml, _)) => {
                doc = kml;
                &doc[..]
            }
            Err(m) => return fail(m),
        },
    };
    match super::text_of(bytes, file) {
        Ok(text) => read::read_kml(text, file),
        Err(d) => (None, vec![d]),
    }
}

/// [`write_kml`] packed as a KMZ (`doc.kml`, deflated).
pub fn write_kmz(
    data: &crate::model::Dataset,
    geo: &crate::geography::Geography,
    look: &KmlLook,
) -> Result<Vec<u8>, String> {
    pack(write_kml(data, geo, look).as_bytes())
}
