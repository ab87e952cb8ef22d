//! (Geo)TIFF imagery: `imagery::open_bytes` (what `imagery::open` does once it has the file),
//! then every tile of every level decoded with `Image::read_tile`, the tile worker's own call,
//! under the app's limits. A tile that decodes must be the size its rectangle says.
//!
//! nkmap runs the `tiff` crate under `catch_unwind` (`imagery::reader::guarded`) and reports a
//! panic inside it as an error; libfuzzer-sys's panic hook would abort on that caught panic
//! too, so the hook here only remembers the message. A panic that escapes nkmap still reaches
//! libfuzzer-sys, which aborts: that is the crash this target looks for.
#![no_main]

#[path = "common.rs"]
mod common;

use std::sync::Mutex;

static LAST_PANIC: Mutex<String> = Mutex::new(String::new());

libfuzzer_sys::fuzz_target!(
    init: {
        std::panic::set_hook(Box::new(|info| {
            if let Ok(mut m) = LAST_PANIC.lock() {
                *m = info.to_string();
            }
        }));
    },
    |data: &[u8]| {
        let run = std::panic::catch_unwind(|| common::open_and_decode_tiles(data, "fuzz.tif"));
        if run.is_err() {
            let m = LAST_PANIC.lock().map(|m| m.clone()).unwrap_or_default();
            eprintln!("panic escaped nkmap: {m}");
            std::process::abort();
        }
    }
);
