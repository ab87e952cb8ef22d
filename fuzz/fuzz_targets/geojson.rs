//! GeoJSON records and areas (`io::read_dataset` on a `.geojson`), from raw bytes.
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::read_and_round_trip(data, "fuzz.geojson");
});
