//! Keeping the tile cache under its size limit.
//!
//! The cache itself is walkers' (an HTTP cache in a `cacache` directory: an index of small
//! bucket files and a content store). Pruning deletes whole files, oldest first, without parsing
//! either: a missing index bucket or content file reads as a cache miss (`http-cache`'s cacache
//! manager maps read errors to "not cached"), so the tile is simply downloaded again.
//! "Oldest" is by modification time: when the tile was last written (downloaded or revalidated),
//! not when it was last shown — reads do not touch the files.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{RecvTimeoutError, Sender, channel};
use std::time::{Duration, SystemTime};

/// What a prune did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pruned {
    pub bytes_before: u64,
    pub bytes_after: u64,
    pub files_removed: usize,
}

struct Entry {
    path: PathBuf,
    len: u64,
    modified: SystemTime,
    /// In cacache's `tmp/`: a write in progress; never deleted.
    in_flight: bool,
}

/// Total size of the files under `dir` (0 when it does not exist).
pub fn dir_size(dir: &Path) -> std::io::Result<u64> {
    Ok(files(dir)?.iter().map(|e| e.len).sum())
}

/// Deletes the oldest files under `dir` until it holds at most `limit` bytes.
pub fn prune(dir: &Path, limit: u64) -> std::io::Result<Pruned> {
    let mut entries = files(dir)?;
    let before: u64 = entries.iter().map(|e| e.len).sum();
    let mut total = before;
    let mut removed = 0;
    if total > limit {
        entries.sort_by_key(|e| e.modified);
        for e in entries.iter().filter(|e| !e.in_flight) {
            if total <= limit {
                break;
            }
            // A file that vanished meanwhile (walkers rewrote it) is as good as removed.
            match std::fs::remove_file(&e.path) {
                Ok(()) => {
                    total -= e.len;
                    removed += 1;
                }
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => total -= e.len,
                Err(err) => return Err(err),
            }
        }
    }
    Ok(Pruned {
        bytes_before: before,
        bytes_after: total,
        files_removed: removed,
    })
}

fn files(dir: &Path) -> std::io::Result<Vec<Entry>> {
    let mut out = Vec::new();
    let mut stack = vec![(dir.to_path_buf(), false)];
    while let Some((d, in_tmp)) = stack.pop() {
        let read = match std::fs::read_dir(&d) {
            Ok(r) => r,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for item in read {
            let item = item?;
            // Not following symlinks: pruning must never reach outside the cache.
            let meta = match std::fs::symlink_metadata(item.path()) {
                Ok(m) => m,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e),
            };
            let in_tmp = in_tmp || (d == dir && item.file_name() == "tmp");
            if meta.is_dir() {
                stack.push((item.path(), in_tmp));
            } else if meta.is_file() {
                out.push(Entry {
                    path: item.path(),
                    len: meta.len(),
                    modified: meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
                    in_flight: in_tmp,
                });
            }
        }
    }
    Ok(out)
}

/// Prunes a cache directory now and then every `every`, on its own thread, until dropped.
pub struct Pruner {
    _stop: Sender<()>,
}

impl Pruner {
    pub fn spawn(dir: PathBuf, limit: u64, every: Duration) -> Self {
        let (stop, stopped) = channel::<()>();
        std::thread::spawn(move || {
            loop {
                if let Err(e) = prune(&dir, limit) {
                    // Nowhere better to say it: a full cache is an inconvenience, not an error
                    // the user must act on now.
                    eprintln!(
                        "nkmap: could not prune the tile cache {}: {e}; delete the folder to free the space",
                        dir.display()
                    );
                }
                match stopped.recv_timeout(every) {
                    Err(RecvTimeoutError::Timeout) => continue,
                    // Dropping the pruner disconnects the channel.
                    _ => break,
                }
            }
        });
        Pruner { _stop: stop }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::File;

    fn write(dir: &Path, name: &str, len: usize, age_s: u64) {
        let p = dir.join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(&p, vec![0u8; len]).unwrap_or_else(|e| panic!("{e}"));
        let t = SystemTime::now() - Duration::from_secs(age_s);
        File::options()
            .write(true)
            .open(&p)
            .and_then(|f| f.set_modified(t))
            .unwrap_or_else(|e| panic!("{e}"));
    }

    #[test]
    fn removes_oldest_files_first_until_under_the_limit() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let d = dir.path();
        write(d, "content-v2/sha256/aa/old", 400, 300);
        write(d, "index-v5/bb/older", 100, 400);
        write(d, "content-v2/sha256/cc/new", 400, 10);
        write(d, "content-v2/sha256/dd/middle", 400, 100);
        write(d, "tmp/writing", 400, 1000);
        let p = prune(d, 1200).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.bytes_before, 1700);
        assert_eq!(p.files_removed, 2, "{p:?}");
        assert_eq!(p.bytes_after, 1200);
        assert!(!d.join("index-v5/bb/older").exists());
        assert!(!d.join("content-v2/sha256/aa/old").exists());
        assert!(d.join("content-v2/sha256/dd/middle").exists());
        assert!(d.join("content-v2/sha256/cc/new").exists());
        assert!(d.join("tmp/writing").exists(), "in-flight writes stay");
        assert_eq!(dir_size(d).unwrap_or_else(|e| panic!("{e}")), 1200);
    }

    #[test]
    fn a_missing_cache_is_empty_and_under_any_limit() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = prune(&dir.path().join("none"), 0).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.bytes_before, 0);
        assert_eq!(p.files_removed, 0);
    }
}
