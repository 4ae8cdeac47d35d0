//! What a terminal of 80 or 120 columns shows of the demo: every line within the width
//! (measured in terminal cells), no word broken, the columns left out named under the table.

use std::collections::HashSet;

use unicode_width::UnicodeWidthStr;

use crate::demo::demo_copy;
use crate::support::{Run, diplomat};

/// The commands the issue names, as people type them.
const COMMANDS: [&[&str]; 5] = [
    &["city", "list"],
    &["facilitator", "list"],
    &["action", "list"],
    &["city", "show", "barcelona"],
    &["report", "weekly"],
];

/// `diplomat --lang LANG ARGS…` on a copy of the demo (outside any repository), at `columns`
/// (`None`: `COLUMNS` unset and standard output a pipe, so the whole table).
fn run(args: &[&str], lang: &str, columns: Option<u16>) -> Run {
    let dir = demo_copy();
    let mut cmd = diplomat();
    cmd.current_dir(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path())
        .args(["--no-cache", "--lang", lang])
        .args(args);
    match columns {
        Some(c) => cmd.env("COLUMNS", c.to_string()),
        None => cmd.env_remove("COLUMNS"),
    };
    let run = Run::of(
        format!("--lang {lang} {} at {columns:?}", args.join(" ")),
        &mut cmd,
    );
    run.code(0);
    run
}

/// The words of `text`, without the isolates a wrapped line closes and opens again and the
/// punctuation after a word in a list (which the footnote adds after column names).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .map(|w| w.trim_matches(['\u{2068}', '\u{2069}', ',', ':', '،']))
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c == '─'))
}

/// The words of the footnote under a table with columns left out (digits in both scripts).
fn footnote_words() -> HashSet<String> {
    let text = "0 1 2 3 4 5 6 7 8 9 ۰ ۱ ۲ ۳ ۴ ۵ ۶ ۷ ۸ ۹ 80 120 ۸۰ ۱۲۰ column columns left out at \
                — widen the terminal or use `--format=csv` \
                ستون در پهنای جا نشد: پنجره را پهن‌تر کنید یا را به کار ببرید";
    let mut set: HashSet<String> = words(text).map(str::to_owned).collect();
    for n in 1..10 {
        set.insert(format!("{n}"));
    }
    set
}

/// The output as the snapshot shows it: isolates visible, the width said at the top.
fn shown(run: &Run, columns: u16) -> String {
    let ruler = "·".repeat(usize::from(columns));
    format!(
        "{ruler}\n{}",
        run.stdout
            .replace('\u{2068}', "{FSI}")
            .replace('\u{2069}', "{PDI}")
    )
}

/// At 80 and 120 columns, in English and Persian: no line wider than the terminal, every word
/// one the whole output holds (none cut or glued), isolates balanced on every line, and the
/// whole output as the snapshot holds it.
#[test]
fn the_demo_fits_80_and_120_columns_in_both_languages() {
    let footnote = footnote_words();
    for args in COMMANDS {
        for lang in ["en", "fa"] {
            let whole = run(args, lang, None);
            let mut known: HashSet<&str> = words(&whole.stdout).collect();
            known.extend(footnote.iter().map(String::as_str));
            for columns in [80u16, 120] {
                let fitted = run(args, lang, Some(columns));
                for line in fitted.stdout.lines() {
                    assert!(
                        line.width() <= usize::from(columns),
                        "{} cells wider than {columns}: {line:?}\n{fitted}",
                        line.width()
                    );
                    assert_eq!(
                        line.matches('\u{2068}').count(),
                        line.matches('\u{2069}').count(),
                        "isolates unbalanced: {line:?}\n{fitted}"
                    );
                }
                for word in words(&fitted.stdout) {
                    assert!(
                        known.contains(word),
                        "{word:?} is not a word of the whole output (broken?)\n{fitted}"
                    );
                }
                let name = format!("{}_{lang}_{columns}", args[..2].join("_"));
                insta::assert_snapshot!(name, shown(&fitted, columns));
            }
        }
    }
}

/// A pipe (no `COLUMNS`) gets every column, whatever the terminal would have left out.
#[test]
fn a_pipe_gets_the_whole_table() {
    let whole = run(&["city", "list"], "en", None);
    whole
        .stdout_has("slug")
        .stdout_has("signed")
        .stdout_has("saint-petersburg")
        .stdout_lacks("left out");
    let narrow = run(&["city", "list"], "en", Some(80));
    narrow
        .stdout_lacks("saint-petersburg")
        .stdout_has("4 columns left out at 80 columns: signed, country, slug, open");
}

/// `summary`'s matrix cannot drop a requirement: on a terminal too narrow for their names its
/// columns are numbered and a legend says which is which; a pipe keeps the names.
#[test]
fn the_readiness_matrix_numbers_its_columns_when_narrow() {
    for lang in ["en", "fa"] {
        for columns in [80, 100] {
            let run = run(&["summary"], lang, Some(columns));
            run.code(0);
            for line in run.stdout.lines() {
                assert!(
                    line.width() <= usize::from(columns),
                    "{lang} {columns}: {line}\n{run}"
                );
            }
            let legend = if lang == "en" {
                "1 effective communication · 2 "
            } else {
                "۱ ارتباط مؤثر"
            };
            // The Persian names wrap narrower: at 100 columns they fit, and stay.
            let numbered = !(lang == "fa" && columns == 100);
            assert_eq!(
                run.stdout.contains(legend),
                numbered,
                "{lang} {columns}\n{run}"
            );
        }
        let piped = run(&["summary"], lang, None);
        let name = if lang == "en" {
            "communication"
        } else {
            "ارتباط"
        };
        assert!(
            piped
                .stdout
                .lines()
                .any(|l| l.starts_with(" city") || l.contains(" شهر ")),
            "{piped}"
        );
        assert!(
            !piped.stdout.contains(" 1 effective communication"),
            "{piped}"
        );
        assert!(piped.stdout.contains(name), "{piped}");
    }
}
