//! The gazetteer: any text a file or the search box gives, resolved and searched.
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|text: &str| {
    let geo = common::geography();
    let _ = geo.resolve(text);
    let _ = geo.gazetteer.search(text, 10);
});
