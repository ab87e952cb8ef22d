//! Checking a PMTiles file before walkers opens it: walkers reads tiles lazily and only logs
//! what goes wrong, so a wrong file would show as an empty map with no reason given.
//!
//! Only the fixed 127-byte header of PMTiles v3 is read
//! (<https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md>).

use std::io::Read;
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
}

pub const HEADER_LEN: usize = 127;

/// Reads and checks the header of `path`.
pub fn check(path: &Path) -> Result<Info, PmTilesError> {
    let name = path.display().to_string();
    let mut header = [0u8; HEADER_LEN];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut header))
        .map_err(|source| {
            if source.kind() == std::io::ErrorKind::UnexpectedEof {
                PmTilesError::NotPmTiles { path: name.clone() }
            } else {
                PmTilesError::Read {
                    path: name.clone(),
                    source,
                }
            }
        })?;
    if &header[..7] != b"PMTiles" || header[7] != 3 {
        return Err(PmTilesError::NotPmTiles { path: name });
    }
    let tile_type = header[99];
    let unsupported = |kind| PmTilesError::Unsupported {
        path: name.clone(),
        kind,
    };
    match tile_type {
        2 | 3 => {}
        1 => return Err(unsupported("vector (MVT)")),
        4 => return Err(unsupported("WebP")),
        5 => return Err(unsupported("AVIF")),
        _ => return Err(unsupported("unknown")),
    }
    Ok(Info {
        min_zoom: header[100],
        max_zoom: header[101],
        tile_type,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_what_it_cannot_draw() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = dir.path().join("x.pmtiles");
        std::fs::write(&p, b"PMTiles").unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(check(&p), Err(PmTilesError::NotPmTiles { .. })));
        let mut h = vec![0u8; HEADER_LEN];
        h[..7].copy_from_slice(b"PMTiles");
        h[7] = 3;
        h[99] = 1;
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
}
