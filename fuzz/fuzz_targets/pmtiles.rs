//! The PMTiles check (`basemap::pmtiles::check_bytes`): header, sections and directories.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = nkmap::basemap::pmtiles::check_bytes(data, "fuzz.pmtiles");
});
