//! The CSV reader (`io::read_dataset` on a `.csv`), from raw bytes.
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::read_and_round_trip(data, "fuzz.csv");
});
