//! The CSV reader (`io::read_dataset` on a `.csv`), from raw bytes.
#![no_main]

#[path = "common.rs"]
mod common;

// The bundled geography is read once, before the clock for slow inputs starts.
libfuzzer_sys::fuzz_target!(init: { common::geography(); }, |data: &[u8]| {
    common::read_and_round_trip(data, "fuzz.csv");
});
