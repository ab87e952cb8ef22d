//! KML documents (`io::read_dataset` on a `.kml`, the loader's entry point), from raw bytes with
//! a KML dictionary; whatever reads without errors must export to KML and read back the same.
#![no_main]

#[path = "common.rs"]
mod common;

// The bundled geography is read once, before the clock for slow inputs starts.
libfuzzer_sys::fuzz_target!(init: { common::geography(); }, |data: &[u8]| {
    common::read_kml_and_round_trip(data, "fuzz.kml", false);
});
