//! What differs between Windows, macOS and Linux does not change what nkmap reads: a CSV saved
//! by Windows tools (CRLF line ends, a UTF-8 byte-order mark) reads exactly like the same CSV
//! from Linux, file types are recognised in any letter case, and the bundled data compiled into
//! the binary has the bytes that were committed (`.gitattributes` keeps Windows checkouts from
//! turning its LF line ends into CRLF, which would change the deterministic render).

use std::path::{Path, PathBuf};

fn geography() -> nkmap::geography::Geography {
    nkmap::bundled::geography().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_windows_csv_reads_like_a_linux_csv() {
    let geo = geography();
    let (seeds, _) = nkmap::bundled::seeds(&geo);
    let lf = nkmap::io::write_csv(&seeds);
    assert!(lf.contains('\n') && !lf.contains('\r'), "written with LF");
    let mut windows = b"\xEF\xBB\xBF".to_vec();
    windows.extend_from_slice(lf.replace('\n', "\r\n").as_bytes());

    let read = |bytes: &[u8]| {
        let (data, diags) = nkmap::io::read_dataset(bytes, "seeds.csv", &geo, &[]);
        let errors: Vec<String> = diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        data
    };
    let from_linux = read(lf.as_bytes());
    let from_windows = read(&windows);
    assert!(from_linux.sites.len() >= 20, "{}", from_linux.sites.len());
    // Everything read is the same: no "\r" left at the end of a value, no BOM in a header.
    let (a, b) = (format!("{from_windows:?}"), format!("{from_linux:?}"));
    if let Some(at) = a.bytes().zip(b.bytes()).position(|(x, y)| x != y) {
        let around = |s: &str| {
            s.get(at.saturating_sub(80)..(at + 40).min(s.len()))
                .map(str::to_owned)
        };
        panic!(
            "the Windows file reads differently:\n  windows: …{:?}…\n  linux:   …{:?}…",
            around(&a),
            around(&b)
        );
    }
    assert_eq!(a.len(), b.len());
}

#[test]
fn file_types_are_recognised_in_any_letter_case() {
    for name in ["SITES.GEOJSON", "sites.GeoJson", "Records.CSV", "x.Json"] {
        assert!(nkmap::io::is_data_file(Path::new(name)), "{name}");
    }
    assert!(!nkmap::io::is_data_file(Path::new("notes.TXT")));
}

/// The files `include_str!` puts into the binary, as committed.
fn embedded_text_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut dirs = vec![
        root.join("assets/boundaries"),
        root.join("assets/i18n"),
        root.join("seeds"),
    ];
    while let Some(dir) = dirs.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "geojson" || x == "ftl") {
                files.push(p);
            }
        }
    }
    files
}

#[test]
fn the_bundled_data_keeps_its_committed_line_ends() {
    let files = embedded_text_files();
    assert!(files.len() >= 8, "{files:?}");
    for path in files {
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            !bytes.contains(&b'\r'),
            "{} has CR bytes: a checkout converted its line ends (see .gitattributes)",
            path.display()
        );
    }
}
