//! Located errors point at the cause: a tab at the tab, a conflicted dossier named as such, what
//! `fmt --check` would change, and which loader limit a file went past.

use std::fmt::Write as _;

use crate::support::{BARCELONA, Run, Workspace, minimal};

/// The first line of `validate`'s report of `file` holds `location` and `message`, and the
/// caret under the shown line stands at `column`.
fn assert_located(run: &Run, location: &str, message: &str) {
    run.code(1);
    let first = run
        .stdout
        .lines()
        .find(|l| l.starts_with("error:"))
        .unwrap_or_default();
    assert!(
        first.contains(location) && first.contains(message),
        "expected `{location}` and {message:?} on the first error line\n{run}"
    );
}

/// A small dossier with `line` spliced in after `name:`'s `en:`.
fn with_line_after_en(line: &str) -> String {
    minimal("barcelona", "Barcelona", "بارسلون", "Barcelona", "ES").replace(
        "  en: \"Barcelona\"\n",
        &format!("  en: \"Barcelona\"\n{line}"),
    )
}

#[test]
fn a_tab_in_the_indentation_is_reported_at_the_tab() {
    // The parser stops at the start of the value on the line above (`"Barcelona"`, 3:7).
    let content = minimal("barcelona", "Barcelona", "بارسلون", "Barcelona", "ES")
        .replace("  fa: بارسلون", "\tfa: بارسلون");
    let ws = Workspace::with(&[("barcelona.yaml", content.as_str())]);
    let run = ws.run(&["validate"]);
    assert_located(
        &run,
        "cities/barcelona.yaml:4:1:",
        "a tab in the indentation",
    );
    run.stdout_has("4 | \tfa: بارسلون\n  | ^\n")
        .stdout_has("indent with spaces, not tabs");
    // A read command's warning says the same.
    ws.run(&["city", "list"])
        .code(0)
        .stderr_has("cities/barcelona.yaml:4:1:");
}

#[test]
fn a_tab_after_spaces_is_reported_at_its_column() {
    // The parser stops inside the Persian name on the line above (4:7).
    let content = with_line_after_en("").replace("  local: Barcelona", "  \tlocal: Barcelona");
    let ws = Workspace::with(&[("barcelona.yaml", content.as_str())]);
    let run = ws.run(&["validate"]);
    assert_located(
        &run,
        "cities/barcelona.yaml:5:3:",
        "a tab in the indentation",
    );
}

#[test]
fn a_tab_below_persian_text_is_reported_at_the_tab_not_inside_the_text() {
    // A plain scalar in Persian, continued on a line indented with a tab: the parser points
    // at the third character of the Persian line above.
    let content = format!(
        "{}notes:\n  سلام دنیا، دیدار با شهردار\n\tو گفت‌وگو دربارهٔ نمایشگاه\n",
        minimal("barcelona", "Barcelona", "بارسلون", "Barcelona", "ES")
    );
    let ws = Workspace::with(&[("barcelona.yaml", content.as_str())]);
    let run = ws.run(&["validate"]);
    assert_located(
        &run,
        "cities/barcelona.yaml:12:1:",
        "a tab in the indentation",
    );
    // In Persian too, the location is the tab's.
    let fa = ws.run(&["--lang", "fa", "validate"]);
    fa.code(1).stdout_has("cities/barcelona.yaml:12:1");
}

#[test]
fn a_tab_on_the_line_of_persian_text_is_reported_at_the_tab() {
    // The tab opens a line whose text is Persian; the parser reports the column after it.
    let content = format!(
        "{}notes: |\n  سلام دنیا\n\tبیشتر\n",
        minimal("barcelona", "Barcelona", "بارسلون", "Barcelona", "ES")
    );
    let ws = Workspace::with(&[("barcelona.yaml", content.as_str())]);
    let run = ws.run(&["validate"]);
    assert_located(
        &run,
        "cities/barcelona.yaml:12:1:",
        "a tab in the indentation",
    );
    // After the block's indentation, a tab is text.
    ws.city("barcelona.yaml", content.replace("\tبیشتر", "  \tبیشتر"));
    ws.run(&["validate"]).code(0);
}

const CONFLICTED: &str = "slug: barcelona\nname:\n  en: Barcelona\n  fa: بارسلون\ncountry: ES\nrelationship:\n  kind: sister-city\n<<<<<<< ours\n  status: dormant\n=======\n  status: active\n>>>>>>> theirs\n";

#[test]
fn a_conflicted_dossier_is_named_as_such_by_read_commands() {
    let ws = Workspace::with(&[("barcelona.yaml", CONFLICTED)]);
    for args in [
        &["city", "show", "barcelona"][..],
        &["city", "show", "Barcelona"],
        // A name written in the file finds it too.
        &["city", "show", "بارسلون"],
        &["city", "show", "barcelona", "--format", "json"],
        &["check", "barcelona"],
        &["report", "review", "barcelona"],
        &["report", "roadmap", "--city", "barcelona"],
        &["action", "list", "--city", "barcelona"],
        &["facilitator", "list", "--city", "barcelona"],
    ] {
        // Even with `--quiet`, which drops the warning above the error.
        let mut quiet = vec!["--quiet"];
        quiet.extend_from_slice(args);
        let run = ws.run(&quiet);
        run.code(2)
            .stderr_has(
                "`cities/barcelona.yaml`, has unresolved git conflict markers (lines 8, 10, 12)",
            )
            .stderr_has("`diplomat resolve cities/barcelona.yaml`");
        assert!(!run.stderr.contains("no city"), "{run}");
    }
    let fa = ws.run(&["--quiet", "--lang", "fa", "city", "show", "barcelona"]);
    fa.code(2)
        .stderr_has("نشانه‌های تعارض")
        .stderr_has("diplomat resolve cities/barcelona.yaml");
}

#[test]
fn a_dossier_that_does_not_read_is_named_with_its_first_problem() {
    let content = minimal("barcelona", "Barcelona", "بارسلون", "Barcelona", "ES")
        .replace("  fa: بارسلون", "\tfa: بارسلون");
    let ws = Workspace::with(&[("barcelona.yaml", content.as_str())]);
    let run = ws.run(&["--quiet", "city", "show", "barcelona"]);
    run.code(2)
        .stderr_has("the dossier of `barcelona` cannot be read: cities/barcelona.yaml:4:1:")
        .stderr_has("`diplomat validate cities/barcelona.yaml`");
    // A city that is nowhere is still "no city".
    ws.run(&["city", "show", "kyoto"])
        .code(2)
        .stderr_has("no city `kyoto`");
}

const MESSY: &str = "\u{feff}# Messy dossier\r\nslug: messy\r\nname:\r\n  local: Mess\r\n  en: Messy  \r\ncountry: ES\r\nrelationship:\r\n  kind: sister-city\r\n  status: active\r\n";

#[test]
fn fmt_check_shows_what_would_change() {
    let ws = Workspace::with(&[("messy.yaml", MESSY), ("barcelona.yaml", BARCELONA)]);
    let run = ws.run(&["fmt", "--check"]);
    run.code(1);
    // The list of files stays the result on stdout, for scripts.
    assert_eq!(run.stdout, "cities/messy.yaml\n");
    run.stderr_has("--- a/cities/messy.yaml\n+++ b/cities/messy.yaml\n@@ ")
        // The byte-order mark and the CRs are shown, the keys put in order, blanks trimmed.
        .stderr_has("\n-\\u{feff}# Messy dossier\\r\n")
        .stderr_has("\n+# Messy dossier\n")
        .stderr_has("\n-  en: Messy  \\r\n")
        .stderr_has("\n+  en: Messy\n+  local: Mess\n");
    // Only changed files have a diff; no color unless asked.
    assert!(!run.stderr.contains("barcelona"), "{run}");
    assert!(!run.stderr.contains('\u{1b}'), "{run}");
    assert_eq!(
        ws.read_city("messy.yaml"),
        MESSY.as_bytes(),
        "nothing written"
    );

    let colored = ws.run(&["--color", "always", "fmt", "--check"]);
    colored
        .code(1)
        .stderr_has("\u{1b}[31m-")
        .stderr_has("\u{1b}[32m+");
    assert_eq!(colored.stdout, "cities/messy.yaml\n");

    let quiet = ws.run(&["--quiet", "fmt", "--check"]);
    quiet.code(1).stderr_empty();
}

/// Ten years of a busy city: 300 interactions a year, each with a summary of about 1,600
/// bytes in Persian. About 4.9 MB.
fn ten_years() -> String {
    let mut s = minimal("busy", "Busy", "پرکار", "Busy", "ES");
    s.push_str("facilitators:\n  - id: ali\n    name: Ali\n    status: active\ninteractions:\n");
    let summary =
        "دربارهٔ گام‌های بعدی نمایشگاه صنایع دستی و سفر هیئت بازرگانی به اصفهان گفت‌وگو و توافق شد. "
            .repeat(9);
    for year in 2016..2026 {
        for i in 0..300 {
            let (month, day) = (i / 25 + 1, i % 25 + 1);
            let _ = write!(
                s,
                "  - date: {year}-{month:02}-{day:02}\n    kind: meeting\n    title: Meeting {i} of {year}\n    with: [ali]\n    summary: |\n      {summary}\n"
            );
        }
    }
    s
}

#[test]
fn ten_years_of_a_busy_city_load_validate_and_show() {
    let content = ten_years();
    assert!(content.len() > 4_500_000, "{}", content.len());
    let ws = Workspace::with(&[("busy.yaml", content.as_str())]);
    ws.run(&["validate"]).code(0).stdout_has("1 file valid");
    let show = ws.run(&["city", "show", "busy"]);
    show.code(0)
        .stderr_empty()
        .stdout_has("Meeting 299 of 2025");
    let list = ws.run(&["city", "list", "--format", "json"]);
    list.code(0).stderr_empty();
    assert_eq!(list.json()[0]["slug"], "busy");
}

#[test]
fn a_3_9_mb_dossier_without_aliases_is_no_alias_bomb() {
    // 28,000 short interactions: more than 300,000 values, far past the old limit of 250,000.
    let mut s = minimal("busy", "Busy", "پرکار", "Busy", "ES");
    s.push_str("facilitators:\n  - id: ali\n    name: Ali\n    status: active\ninteractions:\n");
    for i in 0..28_000 {
        let (year, month, day) = (2016 + i / 2800, i % 2800 / 250 + 1, i % 25 + 1);
        let _ = write!(
            s,
            "  - date: {year}-{month:02}-{day:02}\n    kind: call\n    title: Call {i}\n    with: [ali]\n    summary: Agreed on the next steps for the exhibition.\n"
        );
    }
    assert!(s.len() > 3_600_000, "{}", s.len());
    let ws = Workspace::with(&[("busy.yaml", s.as_str())]);
    let run = ws.run(&["validate"]);
    run.code(0).stdout_has("1 file valid");
    assert!(!run.stdout.contains("alias"), "{run}");
}

#[test]
fn a_file_past_the_limit_on_values_names_the_limit() {
    // 2,000,001 one-letter values in a flow list: no dossier looks like this.
    let mut s = minimal("packed", "Packed", "فشرده", "Packed", "ES");
    s.push_str("x-packed: [");
    s.push_str(&"a,".repeat(2_000_001));
    s.push_str("a]\n");
    let ws = Workspace::with(&[("packed.yaml", s.as_str())]);
    let run = ws.run(&["validate"]);
    run.code(1)
        .stdout_has("the file holds more than 2000000 values, the limit on values in one dossier");
    assert!(!run.stdout.contains("alias"), "{run}");
}

#[test]
fn a_billion_laughs_is_refused_quickly_naming_the_limit() {
    let mut s = minimal("laughs", "Laughs", "خنده", "Laughs", "ES");
    s.push_str("x-lol:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let letters: Vec<char> = "abcdefghi".chars().collect();
    for pair in letters.windows(2) {
        let refs = vec![format!("*{}", pair[0]); 9].join(", ");
        let _ = writeln!(s, "  {c}: &{c} [{refs}]", c = pair[1]);
    }
    let ws = Workspace::with(&[("laughs.yaml", s.as_str())]);
    let started = std::time::Instant::now();
    let run = ws.run(&["validate"]);
    assert!(started.elapsed().as_secs() < 10, "{run}");
    run.code(1)
        .stdout_has("cities/laughs.yaml:")
        .stdout_has("its aliases expand to more than 10000 values, the limit on alias expansion")
        .stdout_has("\"alias bomb\"");
    // file:line:column
    let at = run
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("error: cities/laughs.yaml:"))
        .unwrap_or_default();
    let numbers: Vec<&str> = at.splitn(3, ':').take(2).collect();
    assert!(
        numbers.len() == 2
            && numbers
                .iter()
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())),
        "{run}"
    );
    let fa = ws.run(&["--lang", "fa", "validate"]);
    fa.code(1).stdout_has("سقف گسترش نام مستعار");
}
