//! The gazetteer: any text a file or the search box gives, resolved and searched.
#![no_main]

#[path = "common.rs"]
mod common;

// The bundled geography is read once, before the clock for slow inputs starts.
libfuzzer_sys::fuzz_target!(init: { common::geography(); }, |text: &str| {
    let geo = common::geography();
    let _ = geo.resolve(text);
    let _ = geo.gazetteer.search(text, 10);
});
