//! Saves that survive a kill: a real `nkmap` process saves a large layer of the user's records
//! through the app's own save path (`nkmap save-loop`, hidden), over and over, and is killed
//! with SIGKILL at a random moment, many times. After each kill the file on disk must be one
//! of the two versions being saved, whole, and read back as a clean nkmap file; the temporary
//! file a killed save leaves must be gone after the next save.
#![cfg(all(unix, feature = "gui"))]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RECORDS: usize = 3000;
const KILLS: usize = 16;

/// xorshift64*: the moments to kill at, from a seed printed on failure.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
fn a_save_killed_at_any_moment_leaves_the_old_or_the_new_file_whole() {
    let geo = nkmap::bundled::geography().unwrap_or_else(|e| panic!("{e}"));
    let (seeds, _) = nkmap::bundled::seeds(&geo);
    let versions: Vec<String> = (0..2)
        .map(|v| {
            nkmap::io::write_geojson(&nkmap::cli::kill_test_layer(&seeds.sites[0], RECORDS, v))
        })
        .collect();
    assert!(
        versions[0].len() > 1_000_000,
        "a large layer: {}",
        versions[0].len()
    );

    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("my-records.geojson");
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        | 1;
    let mut rng = Rng(seed);
    let mut killed_mid_save = 0;
    for round in 0..KILLS {
        let stale_before = temporaries(dir.path());
        let mut child = Command::new(env!("CARGO_BIN_EXE_nkmap"))
            .args([
                "save-loop",
                "--slow-disk",
                "--records",
                &RECORDS.to_string(),
                "--out",
            ])
            .arg(&path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting nkmap: {e}"));
        // Time the first whole save, then kill at a random moment of a later one.
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
        let mut lines = BufReader::new(stdout).lines();
        let mut next = |want: &str| {
            let line = lines.next();
            assert!(
                matches!(&line, Some(Ok(l)) if l == want),
                "round {round}: expected {want:?} from the child, got {line:?}"
            );
            Instant::now()
        };
        let started = next("writing 0");
        let save = next("saved 0").duration_since(started);
        // The save before the kill removed what earlier kills left.
        for t in &stale_before {
            assert!(
                !dir.path().join(t).exists(),
                "round {round}: stale temporary {t} survived a save"
            );
        }
        let saving = next("writing 1");
        let wait = Duration::from_micros(rng.below(save.as_micros() as u64 + 1));
        while saving.elapsed() < wait {
            std::thread::sleep(Duration::from_micros(200));
        }
        // SIGKILL: no destructors, no flushing, no chance to clean up.
        child.kill().unwrap_or_else(|e| panic!("kill: {e}"));
        let _ = child.wait();
        let left = temporaries(dir.path());
        if !left.is_empty() {
            killed_mid_save += 1;
        }

        let bytes = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("round {round} (seed {seed}): file unreadable: {e}"));
        assert!(
            bytes == versions[0] || bytes == versions[1],
            "round {round} (seed {seed}, killed after {wait:?}): the file is neither version \
             ({} bytes, versions are {} and {})",
            bytes.len(),
            versions[0].len(),
            versions[1].len()
        );
        let (data, diags) = nkmap::io::load_file(&path, &geo, nkmap::bundled::seed_sources());
        assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
        assert_eq!(data.map(|d| d.sites.len()), Some(RECORDS));
    }
    // Not a test of luck: most kills must land inside a save (a temporary file on disk).
    eprintln!("{killed_mid_save} of {KILLS} kills landed mid-save (seed {seed})");
    assert!(
        killed_mid_save >= KILLS / 3,
        "only {killed_mid_save} of {KILLS} kills landed mid-save; make the layer larger"
    );
}
