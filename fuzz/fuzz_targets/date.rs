//! `PartialDate::parse`: never panics, and what it accepts prints back to itself.
#![no_main]

use nkmap::model::PartialDate;

libfuzzer_sys::fuzz_target!(|text: &str| {
    if let Ok(d) = PartialDate::parse(text) {
        let again = PartialDate::parse(&d.to_string());
        assert_eq!(again, Ok(d), "{text:?} read as {d}, which does not read back");
    }
});
