//! The event builder against the serde-saphyr reading it replaced: every tree the builder makes
//! itself must be the one serde-saphyr makes (values and positions); what it hands over is read
//! by serde-saphyr anyway.

use std::path::Path;

use proptest::prelude::*;

use super::events::{self, Handover};
use super::{Node, parse_with_serde};
use crate::i18n::Lang;

/// The builder's tree, when it makes one, is serde-saphyr's. `true` when the builder made it.
fn same(text: &str) -> bool {
    match events::build(text) {
        Err(Handover) => false,
        Ok(tree) => {
            let reference: Result<Option<Node>, _> =
                parse_with_serde(Path::new("t.yaml"), text, Lang::En);
            match reference {
                Ok(expected) => assert_eq!(tree, expected, "{text:?}"),
                Err(problem) => {
                    panic!("{text:?}: the builder made a tree, serde-saphyr refused: {problem:?}")
                }
            }
            true
        }
    }
}

const SCALARS: &[&str] = &[
    "",
    "~",
    "null",
    "Null",
    "NULL",
    "nULL",
    "true",
    "True",
    "TRUE",
    "tRUE",
    "false",
    "False",
    "FALSE",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "Y",
    "N",
    "0",
    "-0",
    "+0",
    "1",
    "+1",
    "-1",
    "007",
    "-007",
    "+007",
    "0.5",
    "00.5",
    "0_1",
    "1_000",
    "1__0",
    "_1",
    "1_",
    "0x1F",
    "0x1f",
    "0X1F",
    "-0x10",
    "+0x10",
    "0x",
    "0x_1",
    "0x1_F",
    "0o17",
    "0O17",
    "0o8",
    "0b101",
    "0B101",
    "0b2",
    "1.5",
    "-1.5",
    "+1.5",
    ".5",
    "5.",
    "1e5",
    "1E5",
    "1e-5",
    "1e+5",
    "1e",
    "e5",
    "1.5e3",
    "-.5",
    "1e999",
    "-1e999",
    ".inf",
    "-.inf",
    "+.inf",
    ".Inf",
    ".INF",
    ".nan",
    ".NaN",
    ".NAN",
    "-.nan",
    "+.nan",
    "inf",
    "-inf",
    "nan",
    "NaN",
    "infinity",
    "Infinity",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999999999999999999999999",
    "0xFFFFFFFFFFFFFFFF",
    "0x10000000000000000",
    "-0x8000000000000000",
    "2026-11-26",
    "12:30",
    "1:2:3",
    "+-5",
    "-+5",
    "--5",
    "+",
    "-",
    ".",
    "..",
    "1.2.3",
    "0.",
    "-0.0",
    "1,000",
    "'quoted'",
    "\"double\"",
    "\"~\"",
    "'null'",
    "\"true\"",
    "'007'",
    "\"0x1F\"",
    "\"\"",
    "''",
    "\"a\\tb\"",
    "\"\\u00e9\"",
    "'it''s'",
    "tehran",
    "Isfahan — ایران",
    "a b c",
    "a#b",
    "a #b",
    "[1, 2]",
    "{a: 1}",
    "[]",
    "{}",
    "!!str 5",
    "!!int 5",
    "!custom x",
    "&a x",
    "|\n  lit",
    ">\n  fold\n  ed",
    "|-\n  x\n",
    "|+\n  x\n\n",
    "<<",
    "? x",
    "- x",
    "@x",
    "`x",
    "%x",
];

#[test]
fn scalars_in_every_position() {
    let mut built = 0;
    for s in SCALARS {
        let indented = s.replace('\n', "\n  ");
        for text in [
            format!("{s}\n"),
            format!("key: {indented}\n"),
            format!("- {indented}\n"),
            format!("a: [{s}]\n"),
            format!("a: {{b: {s}}}\n"),
            format!("{s}: value\n"),
            format!("x: 1\n{s}: value\n"),
            format!("top:\n  - {indented}\n  - name: {indented}\n"),
            format!("---\n{s}\n...\n"),
        ] {
            built += usize::from(same(&text));
        }
    }
    assert!(built > SCALARS.len() * 5, "too few trees built: {built}");
}

#[test]
fn structures() {
    for text in [
        "a: 1\na: 2\n",
        "a: 1\n'a': 2\n",
        "a: 1\n\"a\": 2\n",
        "1: x\n0x1: y\n",
        "0X1F: a\n0X1f: b\n",
        "true: a\n'true': b\n",
        "~: a\nnull: b\n",
        "~: a\n'~': b\n",
        "a:\n  b:\n    c:\n      - d\n      - e: f\n        g: h\n",
        "- - - x\n    - y\n  - z\n",
        "a: &x 1\nb: *x\n",
        "base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n",
        "a: 1\n---\nb: 2\n",
        "a: 1\n---\n",
        "--- a\n",
        "%YAML 1.2\n---\na: 1\n",
        "? [a, b]\n: c\n",
        "? a\n: b\n",
        "a:\n",
        "a:\n  -\n  -\n",
        "{a: 1, b: [x, y, {c: d}], e: }\n",
        "[a, b, [c, [d]]]\n",
        "a: b: c\n",
        "a:\n\tb: c\n",
        "a: 'unterminated\n",
        "a: [1, 2\n",
        "- a\nb: c\n",
        "a:\n  - x\n b: y\n",
        "\u{feff}a: 1\n",
        "a: 1\r\nb: 2\r\n",
        "# c\na: 1 # c\n# c\n",
        "a: |\n  line one\n  line two\n\nb: >-\n  folded\n  text\n",
        "\"key with: colon\": v\nk2: \"line\\nbreak\"\n",
        "a:    spaced   \nb:\tx\n",
        "long: one two\n  three four\n",
        "list:\n- a\n- b\n",
        "x: !!str 5\n",
        "x: !!binary aGk=\n",
    ] {
        same(text);
    }
    let mut many_keys = String::new();
    for i in 0..40 {
        many_keys.push_str(&format!("key{i}: {i}\n"));
    }
    assert!(same(&many_keys));
    many_keys.push_str("key7: again\n");
    assert!(
        !same(&many_keys),
        "a duplicate among many keys is handed over"
    );
}

#[test]
fn every_dossier_and_fixture_in_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seen = 0;
    for dir in [
        "cities",
        "examples/demo/cities",
        "tests/fixtures",
        "tests/fuzz_regressions",
    ] {
        for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
            let path = entry.path();
            if !path.is_file() {
                continue;
            }
            let Ok(bytes) = std::fs::read(path) else {
                continue;
            };
            let Ok(text) = std::str::from_utf8(&bytes) else {
                continue;
            };
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            let built = same(text);
            seen += 1;
            // The dossiers shipped take the fast path: no tags, aliases or odd keys in them.
            if dir.ends_with("cities") && path.extension().is_some_and(|e| e == "yaml") {
                assert!(built, "{} was handed over", path.display());
            }
        }
    }
    assert!(seen > 10, "only {seen} files found");
}

/// Pieces that make near-YAML: indicators, indentation, scalars that resolve differently.
fn near_yaml() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "a", "b", "key", ": ", ":", "- ", "-", "\n", "\n  ", "\n    ", "  ", " ", "\t", "#", "# c",
        "[", "]", "{", "}", ", ", ",", "'", "\"", "\\", "?", "? ", "&a ", "*a", "!!str ", "!", "|",
        ">", "|-", "---", "...", "~", "null", "true", "False", "0", "007", "1.5", "0x1F", "-1",
        ".inf", "1e999", "<<", "%", "@", "é", "ای", "\r\n", "\u{feff}", "1_0",
    ]);
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn near_yaml_reads_the_same(text in near_yaml()) {
        same(&text);
    }

    #[test]
    fn random_text_reads_the_same(text in "\\PC{0,80}") {
        same(&text);
    }
}
