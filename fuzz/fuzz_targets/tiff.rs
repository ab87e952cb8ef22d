//! (Geo)TIFF imagery: `imagery::open_bytes` (what `imagery::open` does once it has the file),
//! then every tile of every level decoded with `Image::read_tile`, the tile worker's own call,
//! under the app's limits. A tile that decodes must be the size its rectangle says.
//!
//! nkmap runs the `tiff` crate under `catch_unwind` (`imagery::reader::guarded`) and reports a
//! panic inside it as an error; libfuzzer-sys's panic hook would abort on that caught panic
//! too, so the hook here only remembers the message. A panic that escapes nkmap still reaches
//! libfuzzer-sys, which aborts: that is the crash this target looks for.
#![no_main]

use nkmap::imagery::{Readers, Stretch};
use std::sync::{Arc, Mutex};

static LAST_PANIC: Mutex<String> = Mutex::new(String::new());

/// Tiles decoded per level at most: all of a small image, a spread of a big one (the app only
/// ever decodes the tiles on screen; decoding a million tiles would make every input a hang).
const TILES_PER_LEVEL: u64 = 64;

libfuzzer_sys::fuzz_target!(
    init: {
        std::panic::set_hook(Box::new(|info| {
            if let Ok(mut m) = LAST_PANIC.lock() {
                *m = info.to_string();
            }
        }));
    },
    |data: &[u8]| {
        let run = std::panic::catch_unwind(|| decode_all(data));
        if run.is_err() {
            let m = LAST_PANIC.lock().map(|m| m.clone()).unwrap_or_default();
            eprintln!("panic escaped nkmap: {m}");
            std::process::abort();
        }
    }
);

fn decode_all(data: &[u8]) {
    let Ok(image) = nkmap::imagery::open_bytes("fuzz.tif", Arc::from(data)) else {
        return;
    };
    let mut readers = Readers::default();
    for level in 0..image.levels() {
        let [nx, ny] = image.tile_grid(level);
        let n = u64::from(nx) * u64::from(ny);
        let take = n.min(TILES_PER_LEVEL);
        for k in 0..take {
            // Evenly spread, the first and the last tile always among them.
            let i = if take < 2 {
                0
            } else {
                k * (n - 1) / (take - 1)
            };
            let (x, y) = ((i % u64::from(nx)) as u32, (i / u64::from(nx)) as u32);
            let Some([_, _, w, h]) = image.tile_rect(level, x, y) else {
                panic!("tile {x},{y} of level {level} is in the grid but has no rectangle");
            };
            // Each tile is on its own, as in the worker: one that fails does not stop the rest.
            if let Ok(tile) = image.read_tile(&mut readers, level, x, y, Stretch::default()) {
                assert_eq!(
                    (tile.width, tile.height, tile.pixels.len()),
                    (w, h, w as usize * h as usize * 4),
                    "tile {x},{y} of level {level}"
                );
            }
        }
    }
}
