//! Every input in `tests/fuzz_regressions/` (crashes the fuzz targets in `fuzz/` once found, and
//! hand-made hostile files) goes through the loader and the canonical formatter: no panic, and
//! whatever the formatter returns still reads as a dossier.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn inputs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fuzz_regressions/ exists")
        .map(|entry| entry.expect("a readable folder entry").path())
        .filter(|path| path.is_file() && path.extension().is_none_or(|e| e != "md"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no inputs in {}", dir.display());
    files
}

#[test]
fn fuzz_regressions_never_panic() {
    let shown = Path::new("cities/fuzz.yaml");
    for path in inputs() {
        let bytes = std::fs::read(&path).expect("the input is readable");
        let started = Instant::now();
        let loaded = std::panic::catch_unwind(|| {
            diplomat::workspace::parse_dossier(shown, &bytes, diplomat::i18n::Lang::En).map(|_| ())
        });
        assert!(
            loaded.is_ok(),
            "parse_dossier panicked on {}",
            path.display()
        );
        let formatted = std::panic::catch_unwind(|| {
            diplomat::layout::canonical(shown, &bytes, diplomat::i18n::Lang::En)
        });
        match formatted {
            Err(_) => panic!("fmt::canonical panicked on {}", path.display()),
            Ok(Ok(out)) => assert!(
                diplomat::workspace::parse_dossier(shown, &out, diplomat::i18n::Lang::En).is_ok(),
                "the canonical form of {} does not read back",
                path.display()
            ),
            Ok(Err(problems)) => assert!(
                !problems.is_empty(),
                "{} was refused without a reason",
                path.display()
            ),
        }
        // Debug builds are slow, but no input may take the loader anywhere near a hang.
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{} took {:?}",
            path.display(),
            started.elapsed()
        );
    }
}
