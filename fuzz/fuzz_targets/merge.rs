//! Arbitrary bytes as the three versions of a dossier (split at the first two NUL bytes): the
//! structural merge answers or declines, never panics; a clean answer reads as YAML, and every
//! conflict it marks resolves to YAML on either side.
#![no_main]

use diplomat::merge::{self, Labels};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |&b| b == 0);
    let (base, ours, theirs) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let labels = Labels::default();
    let Some((bytes, conflicts)) = merge::structural(base, ours, theirs, &labels) else {
        return;
    };
    let text = String::from_utf8(bytes).expect("a merge of UTF-8 sides is UTF-8");
    let path = std::path::Path::new("fuzz.yaml");
    if conflicts == 0 {
        assert!(diplomat::yaml::parse(path, text.as_bytes(), diplomat::lang::Lang::En).is_ok());
    } else {
        for side in [true, false] {
            let resolved = merge::take_side(&text, side, labels.marker_size);
            assert!(diplomat::yaml::parse(path, resolved.as_bytes(), diplomat::lang::Lang::En).is_ok());
        }
    }
});
