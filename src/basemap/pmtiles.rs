//! Checking a PMTiles file before walkers opens it: walkers reads tiles lazily and only logs
//! what goes wrong, so a wrong file would show as an empty map with no reason given, and the
//! PMTiles reader under it trusts the file's offsets (a directory pointing past the end of the
//! file panics its worker thread, and walkers then panics on the UI thread).
//!
//! So everything the reader will follow is followed here first, against the file's own length
//! (<https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md>): the 127-byte header, its
//! four sections, the root directory (which the reader expects within the first 16 KiB), and
//! every leaf directory, whose entries must point inside the tile data or leaf section. The
//! walk is bounded (directory sizes, depth, how many leaves) so a hostile file cannot make the
//! check itself slow or large. Pure: no egui, so the fuzz targets and the GUI-less build use it.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// `*.pmtiles` in any letter case: a file given to nkmap (command line, a desktop's "Open
/// with", a drop on the window) that is a basemap rather than data.
pub fn is_pmtiles(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pmtiles"))
}

/// What the header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Info {
    pub min_zoom: u8,
    pub max_zoom: u8,
    pub tile_type: u8,
}

#[derive(Debug, thiserror::Error)]
pub enum PmTilesError {
    #[error("cannot read the basemap {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not a PMTiles v3 file; make one with the `pmtiles` tool (pmtiles convert)")]
    NotPmTiles { path: String },
    #[error(
        "{path} holds {kind} tiles; nkmap draws raster (PNG or JPEG) PMTiles only: make a raster file, e.g. `pmtiles convert` from an MBTiles of PNG tiles"
    )]
    Unsupported { path: String, kind: &'static str },
    /// The header or a directory points outside the file or cannot be read: the whole
    /// message, in the interface's language.
    #[error("{message}")]
    Damaged { message: String },
}

pub const HEADER_LEN: usize = 127;
/// The reader takes the header and the root directory from this many bytes at the start.
const ROOT_WITHIN: u64 = 16_384;
/// Largest directory (compressed, and decompressed) the check (and so the reader) will hold.
pub const MAX_DIRECTORY_BYTES: usize = 64 << 20;
/// The reader follows leaf directories this deep below the root.
const MAX_DEPTH: u32 = 5;
/// Leaf directories checked in all; a file needing more is refused (a whole-planet z15 file
/// has a few thousand).
const MAX_LEAVES: usize = 100_000;

/// Where the bytes come from: a file (the app) or memory (tests and fuzzing).
trait Bytes {
    fn len(&self) -> u64;
    fn read_at(&mut self, offset: u64, len: usize) -> std::io::Result<Vec<u8>>;
}

impl Bytes for &[u8] {
    fn len(&self) -> u64 {
        <[u8]>::len(self) as u64
    }
    fn read_at(&mut self, offset: u64, len: usize) -> std::io::Result<Vec<u8>> {
        usize::try_from(offset)
            .ok()
            .and_then(|o| self.get(o..o.checked_add(len)?))
            .map(<[u8]>::to_vec)
            .ok_or_else(|| std::io::ErrorKind::UnexpectedEof.into())
    }
}

struct File(std::fs::File, u64);

impl Bytes for File {
    fn len(&self) -> u64 {
        self.1
    }
    fn read_at(&mut self, offset: u64, len: usize) -> std::io::Result<Vec<u8>> {
        self.0.seek(SeekFrom::Start(offset))?;
        let mut buf = vec![0; len];
        self.0.read_exact(&mut buf)?;
        Ok(buf)
    }
}

/// Reads and checks `path`: its header, then every directory the reader would follow.
pub fn check(path: &Path) -> Result<Info, PmTilesError> {
    let name = path.display().to_string();
    let read_error = |source: std::io::Error| PmTilesError::Read {
        path: name.clone(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_error)?;
    let len = file.metadata().map_err(read_error)?.len();
    validate(&mut File(file, len), &name)
}

/// [`check`] on a whole file in memory; `name` is what messages call it.
pub fn check_bytes(bytes: &[u8], name: &str) -> Result<Info, PmTilesError> {
    validate(&mut { bytes }, name)
}

/// One of the header's four sections: where it starts and how long it is.
#[derive(Clone, Copy)]
struct Section {
    offset: u64,
    length: u64,
}

impl Section {
    fn end(self) -> Option<u64> {
        self.offset.checked_add(self.length)
    }
}

/// A problem found after the header was read, as the message's words.
struct Problem(String);

fn damaged(name: &str, problem: Problem) -> PmTilesError {
    PmTilesError::Damaged {
        message: crate::t!("harden-pmtiles-damaged", path = name, problem = problem.0),
    }
}

fn validate(src: &mut dyn Bytes, name: &str) -> Result<Info, PmTilesError> {
    let not_pmtiles = || PmTilesError::NotPmTiles {
        path: name.to_owned(),
    };
    if src.len() < HEADER_LEN as u64 {
        return Err(not_pmtiles());
    }
    let header = src
        .read_at(0, HEADER_LEN)
        .map_err(|source| PmTilesError::Read {
            path: name.to_owned(),
            source,
        })?;
    if &header[..7] != b"PMTiles" || header[7] != 3 {
        return Err(not_pmtiles());
    }
    let tile_type = header[99];
    let unsupported = |kind| PmTilesError::Unsupported {
        path: name.to_owned(),
        kind,
    };
    match tile_type {
        2 | 3 => {}
        1 => return Err(unsupported("vector (MVT)")),
        4 => return Err(unsupported("WebP")),
        5 => return Err(unsupported("AVIF")),
        _ => return Err(unsupported("unknown")),
    }
    let info = Info {
        min_zoom: header[100],
        max_zoom: header[101],
        tile_type,
    };
    check_layout(src, &header).map_err(|p| damaged(name, p))?;
    Ok(info)
}

fn u64_at(header: &[u8], at: usize) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&header[at..at + 8]);
    u64::from_le_bytes(b)
}

fn check_layout(src: &mut dyn Bytes, header: &[u8]) -> Result<(), Problem> {
    let section = |at| Section {
        offset: u64_at(header, at),
        length: u64_at(header, at + 8),
    };
    let root = section(8);
    let leaves = section(40);
    let data = section(56);
    let len = src.len();
    for (s, what) in [
        (root, crate::t!("harden-pmtiles-root")),
        (section(24), crate::t!("harden-pmtiles-metadata")),
        (leaves, crate::t!("harden-pmtiles-leaves")),
        (data, crate::t!("harden-pmtiles-data")),
    ] {
        if s.end().is_none_or(|end| end > len) {
            return Err(Problem(crate::t!(
                "harden-pmtiles-outside",
                what = what,
                start = s.offset.to_string(),
                length = s.length.to_string(),
                size = len.to_string()
            )));
        }
    }
    let root_end = root.end().unwrap_or(u64::MAX);
    if root.offset < HEADER_LEN as u64 || root.length == 0 || root_end > ROOT_WITHIN {
        return Err(Problem(crate::t!(
            "harden-pmtiles-root-place",
            start = root.offset.to_string(),
            end = root_end.to_string()
        )));
    }
    let compression = |byte: u8, what: String| match byte {
        1 | 2 => Ok(byte),
        other => Err(Problem(crate::t!(
            "harden-pmtiles-compression",
            what = what,
            method = match other {
                3 => "brotli".to_owned(),
                4 => "zstd".to_owned(),
                n => format!("#{n}"),
            }
        ))),
    };
    let internal = compression(header[97], crate::t!("harden-pmtiles-directories"))?;
    compression(header[98], crate::t!("harden-pmtiles-tiles"))?;

    let mut walk = Walk {
        src,
        internal,
        leaves,
        data,
        seen: 0,
    };
    walk.directory(root, 0)
}

/// The walk over the directories.
struct Walk<'s> {
    src: &'s mut dyn Bytes,
    /// 1 none, 2 gzip.
    internal: u8,
    leaves: Section,
    data: Section,
    seen: usize,
}

impl Walk<'_> {
    fn directory(&mut self, at: Section, depth: u32) -> Result<(), Problem> {
        let where_ = at.offset.to_string();
        let problem = |detail: String| {
            Problem(crate::t!(
                "harden-pmtiles-directory",
                offset = where_.clone(),
                detail = detail
            ))
        };
        if depth > MAX_DEPTH {
            return Err(problem(crate::t!("harden-pmtiles-too-deep")));
        }
        self.seen += 1;
        if self.seen > MAX_LEAVES {
            return Err(problem(crate::t!("harden-pmtiles-too-many")));
        }
        let length = usize::try_from(at.length)
            .ok()
            .filter(|l| *l <= MAX_DIRECTORY_BYTES)
            .ok_or_else(|| problem(crate::t!("harden-pmtiles-too-large")))?;
        let raw = self
            .src
            .read_at(at.offset, length)
            .map_err(|e| problem(e.to_string()))?;
        let bytes = if self.internal == 2 {
            gunzip(&raw).ok_or_else(|| problem(crate::t!("harden-pmtiles-gzip")))?
        } else {
            raw
        };
        let entries =
            parse_directory(&bytes).ok_or_else(|| problem(crate::t!("harden-pmtiles-entries")))?;
        for e in entries {
            // A run length of 0 marks a leaf directory, in the leaf section; others are tiles.
            let (section, leaf) = if e.run_length == 0 {
                (self.leaves, true)
            } else {
                (self.data, false)
            };
            let inside = section
                .offset
                .checked_add(e.offset)
                .zip(e.offset.checked_add(u64::from(e.length)))
                .filter(|(_, end)| *end <= section.length);
            let Some((start, _)) = inside else {
                return Err(problem(crate::t!(
                    "harden-pmtiles-entry-outside",
                    tile = e.tile_id.to_string(),
                    start = e.offset.to_string(),
                    length = e.length.to_string()
                )));
            };
            if leaf {
                self.directory(
                    Section {
                        offset: start,
                        length: u64::from(e.length),
                    },
                    depth + 1,
                )?;
            }
        }
        Ok(())
    }
}

/// Decompresses a gzip directory, refusing more than [`MAX_DIRECTORY_BYTES`].
fn gunzip(raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(raw)
        .take(MAX_DIRECTORY_BYTES as u64 + 1)
        .read_to_end(&mut out)
        .ok()?;
    (out.len() <= MAX_DIRECTORY_BYTES).then_some(out)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    tile_id: u64,
    run_length: u32,
    length: u32,
    offset: u64,
}

/// An unsigned LEB128 varint of at most `bits` bits.
fn varint(bytes: &[u8], at: &mut usize, bits: u32) -> Option<u64> {
    let mut value: u64 = 0;
    let mut shift = 0u32;
    loop {
        let b = *bytes.get(*at)?;
        *at += 1;
        let part = u64::from(b & 0x7f);
        if shift >= 64 || (shift > 0 && part >> (64 - shift) != 0) {
            return None;
        }
        value |= part << shift;
        if b & 0x80 == 0 {
            break;
        }
        shift += 7;
    }
    (bits == 64 || value >> bits == 0).then_some(value)
}

/// A directory as the reader parses it (tile ids as deltas, then run lengths, lengths and
/// offsets, an offset of 0 meaning "right after the previous entry"), with every step checked.
fn parse_directory(bytes: &[u8]) -> Option<Vec<Entry>> {
    let mut at = 0;
    let n = varint(bytes, &mut at, 64)?;
    // Each entry takes at least four bytes: a count larger than that is a lie, and the reader
    // would allocate it before finding out.
    let n = usize::try_from(n)
        .ok()
        .filter(|n| n.saturating_mul(4) <= bytes.len() - at)?;
    let mut entries = vec![
        Entry {
            tile_id: 0,
            run_length: 0,
            length: 0,
            offset: 0,
        };
        n
    ];
    let mut id = 0u64;
    for e in &mut entries {
        id = id.checked_add(varint(bytes, &mut at, 64)?)?;
        e.tile_id = id;
    }
    for e in &mut entries {
        e.run_length = u32::try_from(varint(bytes, &mut at, 32)?).ok()?;
    }
    for e in &mut entries {
        e.length = u32::try_from(varint(bytes, &mut at, 32)?).ok()?;
    }
    let mut previous: Option<(u64, u32)> = None;
    for e in &mut entries {
        let raw = varint(bytes, &mut at, 64)?;
        e.offset = if raw == 0 {
            let (offset, length) = previous?;
            offset.checked_add(u64::from(length))?
        } else {
            raw - 1
        };
        previous = Some((e.offset, e.length));
    }
    Some(entries)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn header(root: (u64, u64), leaves: (u64, u64), data: (u64, u64)) -> Vec<u8> {
        let mut h = Vec::new();
        h.extend_from_slice(b"PMTiles");
        h.push(3);
        for v in [
            root.0, root.1, 0, 0, leaves.0, leaves.1, data.0, data.1, 1, 1, 1,
        ] {
            h.extend_from_slice(&v.to_le_bytes());
        }
        // clustered, internal none, tiles none, PNG, zooms 0–2, bounds, centre.
        h.extend_from_slice(&[1, 1, 1, 2, 0, 2]);
        h.resize(HEADER_LEN, 0);
        h
    }

    /// One entry: tile 0, `run` tiles, `length` bytes at `offset` (stored +1).
    fn directory(run: u8, length: u8, offset: u8) -> Vec<u8> {
        vec![1, 0, run, length, offset + 1]
    }

    #[test]
    fn rejects_what_it_cannot_draw() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = dir.path().join("x.pmtiles");
        std::fs::write(&p, b"PMTiles").unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(check(&p), Err(PmTilesError::NotPmTiles { .. })));
        let mut h = header((127, 5), (0, 0), (132, 4));
        h[99] = 1;
        h.extend(directory(1, 4, 0));
        h.extend([0; 4]);
        std::fs::write(&p, &h).unwrap_or_else(|e| panic!("{e}"));
        let e = check(&p).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("vector (MVT)") && e.contains("raster"), "{e}");
        h[99] = 2;
        h[101] = 9;
        std::fs::write(&p, &h).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(check(&p).ok().map(|i| i.max_zoom), Some(9));
        let e = check(&dir.path().join("missing.pmtiles"))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.starts_with("cannot read the basemap"), "{e}");
    }

    /// The file of issue 17: the header passes, the root directory lies past the end.
    #[test]
    fn a_directory_past_the_end_of_the_file_is_refused_before_any_tile() {
        let mut f = header((4096, 64), (0, 0), (127, 50));
        f.extend([0u8; 50]);
        assert_eq!(f.len(), 177);
        let e = check_bytes(&f, "bad.pmtiles").unwrap_err().to_string();
        assert!(
            e.contains("bad.pmtiles") && e.contains("root directory") && e.contains("177"),
            "{e}"
        );
    }

    #[test]
    fn entries_must_point_inside_their_section() {
        // A tile entry past the tile data.
        let mut f = header((127, 5), (0, 0), (132, 4));
        f.extend(directory(1, 4, 1));
        f.extend([0; 4]);
        let e = check_bytes(&f, "t.pmtiles").unwrap_err().to_string();
        assert!(e.contains("outside"), "{e}");
        // The same entry inside: accepted.
        let mut f = header((127, 5), (0, 0), (132, 4));
        f.extend(directory(1, 4, 0));
        f.extend([0; 4]);
        assert!(check_bytes(&f, "t.pmtiles").is_ok());
        // A leaf directory pointing at itself: refused by depth, not a loop.
        let mut f = header((127, 5), (132, 5), (137, 0));
        f.extend(directory(0, 5, 0));
        f.extend(directory(0, 5, 0));
        let e = check_bytes(&f, "t.pmtiles").unwrap_err().to_string();
        assert!(e.contains("deep"), "{e}");
    }

    #[test]
    fn a_lying_entry_count_is_refused_without_allocating_it() {
        let mut f = header((127, 11), (0, 0), (138, 0));
        // 2^62 entries claimed in 11 bytes.
        f.extend([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40, 0, 0]);
        let e = check_bytes(&f, "t.pmtiles").unwrap_err().to_string();
        assert!(e.contains("entries"), "{e}");
    }
}
