//! Arbitrary bytes through `diplomat fmt`'s canonical layout (the edit path's reader and
//! writer): a result or problems, never a panic. What it returns must read back as a dossier.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let shown = Path::new("cities/fuzz.yaml");
    if let Ok(out) = diplomat::fmt::canonical(shown, data, diplomat::lang::Lang::En) {
        assert!(
            diplomat::workspace::parse_dossier(shown, &out, diplomat::lang::Lang::En).is_ok(),
            "the canonical form of a dossier no longer reads"
        );
    }
});
