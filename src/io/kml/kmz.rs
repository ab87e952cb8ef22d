//! KMZ: a zip archive holding a KML document (`doc.kml`, else the first `.kml`) and the images
//! it refers to. Only that one entry is ever inflated, and never past [`MAX_KML_BYTES`]: the
//! size the archive declares is checked first, and the bytes are counted while inflating, since
//! a hostile archive can declare a few bytes and inflate to gigabytes. An archive with an entry
//! whose path would leave it (`../`, an absolute path, a drive letter) is refused whole: nkmap
//! extracts nothing to disk, but such a file was made to attack somebody's unzip.

use std::io::{Cursor, Read, Write};

/// The most a KMZ's document may inflate to. Google Earth's heaviest public collections inflate
/// to tens of megabytes; four times that is room enough, and small enough to hold in memory.
pub const MAX_KML_BYTES: u64 = 128 * 1024 * 1024;

/// More entries than any KMZ needs (a document and its icons and photos).
pub const MAX_ENTRIES: usize = 10_000;

/// "1.2 KB", "128 MB", "5.0 GB".
fn size(n: u64) -> String {
    const K: f64 = 1024.0;
    let f = n as f64;
    if f >= K * K * K {
        format!("{:.1} GB", f / (K * K * K))
    } else if f >= K * K {
        format!("{:.0} MB", f / (K * K))
    } else if f >= K {
        format!("{:.1} KB", f / K)
    } else {
        format!("{n} bytes")
    }
}

/// Why an entry's path is refused, if it is: the whole message, naming the entry.
fn escapes(name: &str) -> Option<String> {
    if name.contains('\0') {
        return Some(crate::t!("diag-kmz-nul", entry = name));
    }
    if name.starts_with(['/', '\\']) {
        return Some(crate::t!("diag-kmz-absolute", entry = name));
    }
    let bytes = name.as_bytes();
    if bytes.len() >= 2 && bytes[1] == b':' && bytes[0].is_ascii_alphabetic() {
        return Some(crate::t!("diag-kmz-drive", entry = name));
    }
    if name.split(['/', '\\']).any(|part| part == "..") {
        return Some(crate::t!("diag-kmz-climbs-out", entry = name));
    }
    None
}

/// The KML document inside a KMZ, and the entry's name; or why the archive is refused.
pub fn extract(bytes: &[u8]) -> Result<(Vec<u8>, String), String> {
    extract_with_limit(bytes, MAX_KML_BYTES)
}

/// `extract` with another limit (the tests use a small one).
pub fn extract_with_limit(bytes: &[u8], limit: u64) -> Result<(Vec<u8>, String), String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| crate::t!("diag-kmz-not-zip", error = e.to_string()))?;
    if archive.len() > MAX_ENTRIES {
        return Err(crate::t!(
            "diag-kmz-too-many-entries",
            n = archive.len(),
            max = MAX_ENTRIES
        ));
    }
    let mut names = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let name = match archive.name_for_index(i) {
            Some(Ok(n)) => n.into_owned(),
            Some(Err(e)) => {
                return Err(crate::t!(
                    "diag-kmz-unreadable-name",
                    index = i.to_string(),
                    error = e.to_string()
                ));
            }
            None => continue,
        };
        if let Some(why) = escapes(&name) {
            return Err(why);
        }
        names.push((i, name));
    }
    let is_kml = |n: &str| n.to_ascii_lowercase().ends_with(".kml");
    let (index, name) = names
        .iter()
        .find(|(_, n)| n.eq_ignore_ascii_case("doc.kml"))
        .or_else(|| names.iter().find(|(_, n)| is_kml(n)))
        .cloned()
        .ok_or_else(|| crate::t!("diag-kmz-no-kml"))?;
    let file = archive
        .by_index(index)
        .map_err(|e| crate::t!("diag-kmz-cannot-read", entry = &name, error = e.to_string()))?;
    let declared = file.size();
    if declared > limit {
        return Err(crate::t!(
            "diag-kmz-too-large",
            entry = &name,
            declared = size(declared),
            limit = size(limit)
        ));
    }
    let mut out = Vec::with_capacity(declared.min(limit) as usize);
    let read = file.take(limit + 1).read_to_end(&mut out);
    if out.len() as u64 > limit {
        return Err(crate::t!(
            "diag-kmz-bomb-limit",
            entry = &name,
            limit = size(limit),
            declared = size(declared)
        ));
    }
    match read {
        // The zip reader stops where the entry's declared size ends: more is a lie.
        Err(_) if out.len() as u64 >= declared => Err(crate::t!(
            "diag-kmz-bomb-declared",
            entry = &name,
            declared = size(declared)
        )),
        Err(e) => Err(crate::t!(
            "diag-kmz-cannot-inflate",
            entry = &name,
            error = e.to_string()
        )),
        Ok(_) => Ok(()),
    }?;
    Ok((out, name))
}

/// A KMZ of one document, `doc.kml`, deflated.
pub fn pack(kml: &[u8]) -> Result<Vec<u8>, String> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("doc.kml", options)
        .and_then(|()| zip.write_all(kml).map_err(Into::into))
        .map_err(|e| crate::t!("diag-kmz-cannot-write", error = e.to_string()))?;
    zip.finish()
        .map(Cursor::into_inner)
        .map_err(|e| crate::t!("diag-kmz-cannot-write", error = e.to_string()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_archive_are_named() {
        assert!(escapes("doc.kml").is_none());
        assert!(escapes("files/icon.png").is_none());
        assert!(escapes("a/../b.kml").is_some());
        assert!(escapes("../evil.kml").is_some());
        assert!(escapes("/etc/passwd").is_some());
        assert!(escapes("C:\\x.kml").is_some());
        assert!(escapes("..\\x.kml").is_some());
    }

    #[test]
    fn packs_and_extracts_doc_kml() {
        let z = pack(b"<kml/>").unwrap();
        assert_eq!(
            extract(&z).unwrap(),
            (b"<kml/>".to_vec(), "doc.kml".to_owned())
        );
        assert_eq!(size(128 * 1024 * 1024), "128 MB");
        assert_eq!(size(1200), "1.2 KB");
    }
}
