//! KMZ archives (`io::read_dataset` on a `.kmz`: the unpacker, then the KML reader), from raw
//! bytes seeded with small archives: zip bombs, paths that leave the archive, archives inside
//! archives and broken central directories must be errors, never a crash, a hang or gigabytes.
//! Whatever reads without errors must export to KML and KMZ and read back the same.
#![no_main]

#[path = "common.rs"]
mod common;

// The bundled geography is read once, before the clock for slow inputs starts.
libfuzzer_sys::fuzz_target!(init: { common::geography(); }, |data: &[u8]| {
    common::read_kml_and_round_trip(data, "fuzz.kmz", true);
});
