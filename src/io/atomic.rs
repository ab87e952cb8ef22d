//! Writing a file so that a crash or a full disk never leaves it half written.
//!
//! The bytes go to a temporary file beside the target (`.NAME.PID.tmp`, same directory so the
//! rename is atomic), which is synced and renamed over the target: a process killed at any
//! moment leaves the old file or the new one, never a mix (`tests/kill.rs` kills real saves).
//! What a killed save leaves is its temporary file; the next save of the same file removes it.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to a temporary file beside `path`, syncs it, then renames it over `path`.
/// On failure the previous file, if any, is untouched and the temporary file removed.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    atomic_write_with(path, |f| f.write_all(bytes))
}

/// [`atomic_write`] with the writing done by `write` into the temporary file. Callers that
/// must prove a save interrupted midway leaves the old file alone pass a writer that fails
/// partway; everything else about the save is the same code.
pub fn atomic_write_with(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".to_string());
    // Same directory, so the rename stays on one file system and is atomic.
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    remove_stale_temporaries(&dir, &name);
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        write(&mut f)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        // Make the rename itself durable; not every platform can open a directory.
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Removes what saves of `name` killed midway left in `dir`: `.NAME.<digits>.tmp`. (A save of
/// the same file running in another process at this very moment would lose its temporary
/// file and fail with an error, leaving the file as it was.)
fn remove_stale_temporaries(dir: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(file) = file.to_str() else { continue };
        let stale = file
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()));
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.geojson");
        atomic_write(&p, b"one").unwrap();
        atomic_write(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        // No temporary files left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_killed_save_s_temporary_file_goes_with_the_next_save() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("my-records.geojson");
        std::fs::write(dir.path().join(".my-records.geojson.4242.tmp"), b"half").unwrap();
        // Not ours to remove: another file's temporary, and a look-alike.
        std::fs::write(dir.path().join(".other.geojson.4242.tmp"), b"x").unwrap();
        std::fs::write(dir.path().join(".my-records.geojson.x.tmp"), b"x").unwrap();
        atomic_write(&p, b"new").unwrap();
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                ".my-records.geojson.x.tmp",
                ".other.geojson.4242.tmp",
                "my-records.geojson"
            ]
        );
    }

    #[test]
    fn a_failing_write_leaves_the_previous_file_intact() {
        let dir = tempfile::tempdir().unwrap();
        // The target is a non-empty directory: the rename must fail after the temp file was
        // written, which is the late failure that matters.
        let target = dir.path().join("target");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("keep"), b"previous").unwrap();
        assert!(atomic_write(&target, b"new").is_err());
        assert_eq!(std::fs::read(target.join("keep")).unwrap(), b"previous");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "temporary file left behind");

        // The temporary file cannot be created (its name is taken by a directory): the
        // previous file keeps its content.
        let p = dir.path().join("seeds.geojson");
        std::fs::write(&p, b"previous").unwrap();
        let blocker = dir
            .path()
            .join(format!(".seeds.geojson.{}.tmp", std::process::id()));
        std::fs::create_dir(&blocker).unwrap();
        assert!(atomic_write(&p, b"new").is_err());
        assert_eq!(std::fs::read(&p).unwrap(), b"previous");
        std::fs::remove_dir(&blocker).unwrap();

        // A file whose directory vanished: nothing is written, and the old file elsewhere
        // is unaffected.
        let p = dir.path().join("data.csv");
        std::fs::write(&p, b"previous").unwrap();
        assert!(atomic_write(&dir.path().join("missing/data.csv"), b"new").is_err());
        assert_eq!(std::fs::read(&p).unwrap(), b"previous");
    }
}
