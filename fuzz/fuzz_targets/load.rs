//! Arbitrary bytes as a dossier: the loader must answer with a dossier or located problems,
//! never a panic, a hang or unbounded memory.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = diplomat::workspace::parse_dossier(Path::new("cities/fuzz.yaml"), data, diplomat::lang::Lang::En);
});
