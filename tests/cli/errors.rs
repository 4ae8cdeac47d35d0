//! Every class of bad input (spec §2, §6): the problem is reported at `cities/<file>:LINE:COLUMN`
//! with the offending line shown, by `validate` (exit 1, problems on stdout) and by a read command
//! (`city list`: a `warning:` on stderr, the other cities still listed, exit 0; `--strict`: exit 2),
//! and the file on disk is byte-for-byte unchanged afterwards.
//!
//! Line and column numbers below were counted by hand on the fixtures (1-based, in characters).

use crate::support::{BARCELONA, Run, Workspace};

/// One expected problem: where, the text of that line, and words its message or help must hold.
struct At<'a> {
    line: u32,
    column: u32,
    source: Option<&'a str>,
    says: &'a [&'a str],
}

const fn at<'a>(line: u32, column: u32, source: &'a str, says: &'a [&'a str]) -> At<'a> {
    At {
        line,
        column,
        source: Some(source),
        says,
    }
}

/// The text of one problem: from `{kind}: cities/{file}:{line}:{column}: ` up to the next problem.
fn block<'t>(text: &'t str, head: &str) -> Option<&'t str> {
    let start = text.find(head)?;
    let rest = &text[start + head.len()..];
    let end = ["\nerror: ", "\nwarning: "]
        .iter()
        .filter_map(|marker| rest.find(marker))
        .min()
        .unwrap_or(rest.len());
    Some(&text[start..start + head.len() + end])
}

/// Asserts that `text` (one stream of `run`) reports the problem `at` in `cities/<file>`.
fn assert_problem(run: &Run, text: &str, kind: &str, file: &str, at: &At) {
    let head = format!("{kind}: cities/{file}:{}:{}: ", at.line, at.column);
    let Some(block) = block(text, &head) else {
        panic!("expected a problem starting with {head:?}\n{run}");
    };
    if let Some(source) = at.source {
        let shown = format!("{} | {source}", at.line);
        assert!(
            block.contains(&shown),
            "the problem at {head:?} should show its line as {shown:?}\n{run}"
        );
    }
    for word in at.says {
        assert!(
            block.contains(word),
            "the problem at {head:?} should say {word:?}\n{run}"
        );
    }
}

fn count(text: &str, needle: &str) -> usize {
    text.matches(needle).count()
}

/// A workspace with the good Barcelona dossier and `cities/<file>` holding `content`.
fn workspace_with(file: &str, content: &[u8]) -> Workspace {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    ws.city(file, content);
    ws
}

/// Runs `validate`, `city list` and `--strict city list` on a workspace holding the good
/// Barcelona dossier and the bad `cities/<file>`; checks every expected problem in each, and
/// that neither file changed.
fn assert_bad_dossier(file: &str, content: impl AsRef<[u8]>, expected: &[At]) -> Workspace {
    let content = content.as_ref();
    let ws = workspace_with(file, content);
    let stem = file.trim_end_matches(".yaml");

    let validate = ws.run(&["validate"]);
    validate.code(1);
    for at in expected {
        assert_problem(&validate, &validate.stdout, "error", file, at);
    }
    assert!(
        !validate.stdout.contains("cities/barcelona.yaml"),
        "the good dossier has no problem\n{validate}"
    );

    let list = ws.run(&["city", "list"]);
    list.code(0);
    for at in expected {
        assert_problem(&list, &list.stderr, "warning", file, at);
    }
    list.stdout_has(" barcelona ")
        .stdout_has("could not be read")
        .stdout_lacks(&format!(" {stem} "));

    let strict = ws.run(&["--strict", "city", "list"]);
    strict.code(2);
    for at in expected {
        assert_problem(&strict, &strict.stderr, "error", file, at);
    }
    assert!(
        !strict.stdout.contains("barcelona"),
        "--strict lists nothing\n{strict}"
    );

    assert_eq!(ws.read_city(file), content, "{file} changed on disk");
    assert_eq!(
        ws.read_city("barcelona.yaml"),
        BARCELONA.as_bytes(),
        "barcelona.yaml changed on disk"
    );
    ws
}

/// Like [`assert_bad_dossier`] for problems whose exact position is not pinned: the message must
/// still carry `cities/<file>:LINE:COLUMN`.
fn assert_positioned(run: &Run, text: &str, kind: &str, file: &str) {
    let head = format!("{kind}: cities/{file}:");
    let Some(start) = text.find(&head) else {
        panic!("expected a problem starting with {head:?}\n{run}");
    };
    let rest = &text[start + head.len()..];
    let mut parts = rest.splitn(3, ':');
    let line = parts.next().unwrap_or_default();
    let column = parts.next().unwrap_or_default();
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    assert!(
        numeric(line) && numeric(column),
        "{head:?} should be followed by LINE:COLUMN\n{run}"
    );
}

// 1. Invalid YAML syntax.

#[test]
fn unclosed_bracket_is_located() {
    let content = "\
slug: unclosed
name:
  en: Unclosed
country: ES
relationship:
  kind: friendship
  status: active
sectors: [tourism, culture
";
    // The `[` that is never closed: line 8, column 10.
    assert_bad_dossier(
        "unclosed.yaml",
        content,
        &[at(
            8,
            10,
            "sectors: [tourism, culture",
            &["invalid YAML", "["],
        )],
    );
}

#[test]
fn unclosed_bracket_followed_by_keys_is_located() {
    let content = "\
slug: unclosed-mid
name:
  en: Unclosed
country: ES
sectors: [tourism, culture
relationship:
  kind: friendship
  status: active
";
    // Inside the unclosed flow list, the parser stops at the `:` of `relationship:` (6:13).
    assert_bad_dossier(
        "unclosed-mid.yaml",
        content,
        &[at(6, 13, "relationship:", &["invalid YAML"])],
    );
}

// 2. A value of the wrong type.

#[test]
fn wrong_types_are_located() {
    let content = "\
slug: wrong-type
name: [a]
country: ES
relationship:
  kind: friendship
  status: active
sectors: 5
";
    assert_bad_dossier(
        "wrong-type.yaml",
        content,
        &[
            at(2, 7, "name: [a]", &["`name`", "mapping"]),
            at(7, 10, "sectors: 5", &["`sectors`", "list"]),
        ],
    );
}

// 3. Unknown keys, and `x-` keys.

#[test]
fn unknown_key_suggests_the_near_one() {
    let content = "\
slug: unknown-key
name:
  en: Unknown key
country: ES
relationship:
  kind: friendship
  stauts: active
";
    assert_bad_dossier(
        "unknown-key.yaml",
        content,
        &[at(
            7,
            3,
            "  stauts: active",
            &["stauts", "did you mean `status`"],
        )],
    );
}

#[test]
fn x_keys_are_accepted_and_returned_by_show() {
    let content = "\
slug: extras
name:
  en: Extras
country: ES
relationship:
  kind: friendship
  status: active
x-budget-line: 1405-intl-07
x-owner:
  name: Nasrin
  tags: [budget, 2026]
";
    let ws = Workspace::with(&[("extras.yaml", content)]);
    ws.run(&["validate"]).code(0).stdout_has("1 file valid");
    let show = ws.run(&["city", "show", "extras", "--format", "json"]);
    show.code(0).stderr_empty();
    let json = show.json();
    assert_eq!(json["x-budget-line"], "1405-intl-07", "{show}");
    assert_eq!(
        json["x-owner"],
        serde_json::json!({"name": "Nasrin", "tags": ["budget", 2026]}),
        "{show}"
    );
    assert_eq!(ws.read_city("extras.yaml"), content.as_bytes());
}

#[test]
fn x_keys_are_accepted_inside_entries() {
    let content = "\
slug: nested-extras
name:
  en: Nested extras
country: ES
relationship:
  kind: friendship
  status: active
  x-source-checked: 2026-11-01
facilitators:
  - id: maryam-rahimi
    name: Maryam Rahimi
    status: active
    x-referred-by: Chamber newsletter
";
    let ws = Workspace::with(&[("nested-extras.yaml", content)]);
    ws.run(&["validate"]).code(0);
    let show = ws.run(&["city", "show", "nested-extras", "--format", "json"]);
    show.code(0);
    let json = show.json();
    assert_eq!(
        json["facilitators"][0]["x-referred-by"], "Chamber newsletter",
        "{show}"
    );
    assert_eq!(
        json["relationship"]["x-source-checked"], "2026-11-01",
        "{show}"
    );
}

// 4. Duplicate key.

#[test]
fn duplicate_key_is_located() {
    let content = "\
slug: duplicate-key
name:
  en: Duplicate key
country: ES
relationship:
  kind: friendship
  status: active
country: FR
";
    assert_bad_dossier(
        "duplicate-key.yaml",
        content,
        &[at(8, 1, "country: FR", &["duplicate", "country"])],
    );
}

// 5. Duplicate id.

#[test]
fn duplicate_action_id_is_located() {
    let content = "\
slug: duplicate-id
name:
  en: Duplicate id
country: ES
relationship:
  kind: friendship
  status: active
actions:
  - id: a-7k2m
    title: Send the proposal
    owner: joint
    status: open
  - id: a-7k2m
    title: Name the representative
    owner: chamber
    status: open
";
    assert_bad_dossier(
        "duplicate-id.yaml",
        content,
        &[at(
            13,
            9,
            "  - id: a-7k2m",
            &["duplicate action id", "a-7k2m", "line 9"],
        )],
    );
}

// 6. Bad enumeration value.

#[test]
fn bad_enum_value_suggests_the_near_one() {
    let content = "\
slug: bad-enum
name:
  en: Bad enum
country: ES
relationship:
  kind: friendship
  status: actve
";
    assert_bad_dossier(
        "bad-enum.yaml",
        content,
        &[at(
            7,
            11,
            "  status: actve",
            &["actve", "did you mean `active`"],
        )],
    );
}

// 7. Bad dates.

#[test]
fn impossible_date_is_located() {
    let content = "\
slug: bad-date
name:
  en: Bad date
country: ES
relationship:
  kind: friendship
  status: active
  signed: 2026-02-30
";
    assert_bad_dossier(
        "bad-date.yaml",
        content,
        &[at(8, 11, "  signed: 2026-02-30", &["2026-02-30", "date"])],
    );
}

#[test]
fn solar_hijri_date_gives_the_gregorian_one() {
    let content = "\
slug: hijri-date
name:
  en: Hijri date
country: ES
relationship:
  kind: friendship
  status: active
actions:
  - id: a-q3xh
    title: Send the proposal
    owner: joint
    due: 1405-09-05
    status: open
";
    // 1405-09-05 (5 Azar 1405) is 2026-11-26.
    assert_bad_dossier(
        "hijri-date.yaml",
        content,
        &[at(
            12,
            10,
            "    due: 1405-09-05",
            &["1405-09-05", "Solar Hijri", "2026-11-26"],
        )],
    );
}

// 8. Slug and file name differ.

#[test]
fn slug_file_mismatch_is_located() {
    let content = "\
slug: madrid
name:
  en: Madrid
country: ES
relationship:
  kind: friendship
  status: active
";
    assert_bad_dossier(
        "mismatch.yaml",
        content,
        &[at(1, 7, "slug: madrid", &["madrid", "mismatch"])],
    );
}

// 9. A `done` action without a `done` date.

#[test]
fn done_action_without_done_date_is_located() {
    let content = "\
slug: done-without-date
name:
  en: Done without date
country: ES
relationship:
  kind: friendship
  status: active
actions:
  - id: a-q3xh
    title: Name the representative
    owner: chamber
    status: done
";
    assert_bad_dossier(
        "done-without-date.yaml",
        content,
        &[at(12, 13, "    status: done", &["a-q3xh", "done", "date"])],
    );
}

// 10. An interaction `with` naming an unknown person.

#[test]
fn interaction_with_unknown_person_is_located() {
    let content = "\
slug: unknown-person
name:
  en: Unknown person
country: ES
relationship:
  kind: friendship
  status: active
contacts:
  - id: es-embassy-commercial
    name: Commercial counsellor
    role: embassy-counsellor
interactions:
  - date: 2026-11-18
    kind: call
    title: Video call
    with: [es-embassy-comercial]
";
    assert_bad_dossier(
        "unknown-person.yaml",
        content,
        &[at(
            16,
            12,
            "    with: [es-embassy-comercial]",
            &[
                "es-embassy-comercial",
                "did you mean `es-embassy-commercial`",
            ],
        )],
    );
}

// 11. Git conflict markers.

#[test]
fn conflict_markers_are_named() {
    let content = "\
slug: conflict
name:
  en: Conflict
country: ES
relationship:
  kind: friendship
<<<<<<< HEAD
  status: active
=======
  status: dormant
>>>>>>> feature/dormant
";
    let ws = assert_bad_dossier(
        "conflict.yaml",
        content,
        &[at(7, 1, "<<<<<<< HEAD", &["conflict"])],
    );
    // The message names every marker line: 7, 9 and 11.
    let validate = ws.run(&["validate"]);
    let message = validate
        .stdout
        .lines()
        .find(|l| l.starts_with("error: cities/conflict.yaml:7:1: "))
        .unwrap_or_default()
        .trim_start_matches("error: cities/conflict.yaml:7:1: ");
    for line in ["7", "9", "11"] {
        assert!(
            message
                .split(|c: char| !c.is_ascii_digit())
                .any(|n| n == line),
            "the conflict message should name line {line}: {message:?}\n{validate}"
        );
    }
}

// 12. Invalid UTF-8.

const NOT_UTF8: &[u8] = b"slug: not-utf8
name:
  en: Bad\xff\xfeName
country: ES
relationship:
  kind: friendship
  status: active
";

#[test]
fn invalid_utf8_position_is_reported() {
    // Line 3 is `  en: Bad` then 0xff: the first bad byte is the 10th character.
    assert_bad_dossier(
        "not-utf8.yaml",
        NOT_UTF8,
        &[At {
            line: 3,
            column: 10,
            source: None,
            says: &["UTF-8"],
        }],
    );
}

#[test]
fn invalid_utf8_shows_the_line() {
    assert_bad_dossier(
        "not-utf8.yaml",
        NOT_UTF8,
        &[at(3, 10, "  en: Bad", &["UTF-8"])],
    );
}

// 13. Empty and comment-only files.

fn assert_empty_dossier_reported(file: &str, content: &str) {
    let ws = workspace_with(file, content.as_bytes());
    let validate = ws.run(&["validate"]);
    validate
        .code(1)
        .stdout_has(&format!("error: cities/{file}"))
        .stdout_has("empty");
    let list = ws.run(&["city", "list"]);
    list.code(0)
        .stderr_has(&format!("warning: cities/{file}"))
        .stderr_has("empty")
        .stdout_has(" barcelona ");
    ws.run(&["--strict", "city", "list"])
        .code(2)
        .stderr_has(&format!("cities/{file}"));
    assert_eq!(ws.read_city(file), content.as_bytes());
}

#[test]
fn empty_file_is_reported() {
    assert_empty_dossier_reported("empty.yaml", "");
}

#[test]
fn comment_only_file_is_reported() {
    assert_empty_dossier_reported(
        "comment-only.yaml",
        "# Tabriz: dossier to come\n# (waiting for the sources)\n",
    );
}

#[test]
fn empty_file_is_located() {
    assert_bad_dossier(
        "empty.yaml",
        "",
        &[At {
            line: 1,
            column: 1,
            source: None,
            says: &["empty"],
        }],
    );
}

#[test]
fn comment_only_file_is_located() {
    let file = "comment-only.yaml";
    let ws = workspace_with(file, b"# Tabriz: dossier to come\n");
    let validate = ws.run(&["validate"]);
    validate.code(1);
    assert_positioned(&validate, &validate.stdout, "error", file);
    let list = ws.run(&["city", "list"]);
    list.code(0);
    assert_positioned(&list, &list.stderr, "warning", file);
}

// 14. Alias bomb.

fn alias_bomb() -> String {
    let mut s = String::from(
        "slug: alias-bomb\nname:\n  en: Alias bomb\ncountry: ES\nrelationship:\n  kind: friendship\n  status: active\nx-bomb:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n",
    );
    let letters: Vec<char> = "abcdefghij".chars().collect();
    for pair in letters.windows(2) {
        let refs = vec![format!("*{}", pair[0]); 10].join(", ");
        s.push_str(&format!("  {c}: &{c} [{refs}]\n", c = pair[1]));
    }
    s
}

#[test]
fn alias_bomb_is_refused_with_a_located_error() {
    // 10 levels of 10 aliases: 10^10 values if expanded. With the loader's budget of 10,000
    // replayed events (src/yaml.rs): *a replays 12 events (b: 120 in all), *b 122 (c: 1,220,
    // 1,340 so far), *c 1,222: the 8th `*c` of line 12 (column 10 + 7×4 = 38) crosses 10,000.
    let content = alias_bomb();
    assert_bad_dossier(
        "alias-bomb.yaml",
        &content,
        &[at(
            12,
            38,
            "  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
            &["alias"],
        )],
    );
}

// 15. Several problems in one file, all reported.

#[test]
fn several_problems_are_all_reported() {
    let file = "several.yaml";
    let content = "\
slug: several
name:
  en: Several
country: ES
relationship:
  kind: frendship
  status: active
sectors: 5
facilitators:
  - id: maryam-rahimi
    name: Maryam Rahimi
    status: active
    since: 2026-13-01
";
    let ws = assert_bad_dossier(
        file,
        content,
        &[
            at(
                6,
                9,
                "  kind: frendship",
                &["frendship", "did you mean `friendship`"],
            ),
            at(8, 10, "sectors: 5", &["`sectors`", "list"]),
            at(13, 12, "    since: 2026-13-01", &["2026-13-01", "date"]),
        ],
    );
    let prefix = format!("cities/{file}:");
    let validate = ws.run(&["validate"]);
    assert_eq!(
        count(&validate.stdout, &format!("error: {prefix}")),
        3,
        "exactly three problems\n{validate}"
    );
    let list = ws.run(&["city", "list"]);
    assert_eq!(
        count(&list.stderr, &format!("warning: {prefix}")),
        3,
        "exactly three warnings\n{list}"
    );
}

#[test]
fn problems_in_several_files_are_all_reported() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    let one = "slug: one\nname:\n  en: One\ncountry: ES\nrelationship:\n  kind: friendship\n  status: actve\n";
    let two = "slug: two\nname:\n  en: Two\ncountry: ES\nrelationship:\n  kind: frendship\n  status: active\n";
    ws.city("one.yaml", one).city("two.yaml", two);
    let validate = ws.run(&["validate"]);
    validate.code(1);
    assert_problem(
        &validate,
        &validate.stdout,
        "error",
        "one.yaml",
        &at(7, 11, "  status: actve", &["actve"]),
    );
    assert_problem(
        &validate,
        &validate.stdout,
        "error",
        "two.yaml",
        &at(6, 9, "  kind: frendship", &["frendship"]),
    );
    let list = ws.run(&["city", "list"]);
    list.code(0).stdout_has(" barcelona ");
    assert_problem(
        &list,
        &list.stderr,
        "warning",
        "one.yaml",
        &at(7, 11, "  status: actve", &[]),
    );
    assert_problem(
        &list,
        &list.stderr,
        "warning",
        "two.yaml",
        &at(6, 9, "  kind: frendship", &[]),
    );
}

// 16. YAML 1.2 semantics.

#[test]
fn yaml_1_2_no_and_yes_stay_text() {
    let content = "\
slug: oslo
name:
  en: Oslo
  fa: اسلو
  local: Oslo
country: NO
relationship:
  kind: friendship
  status: proposed
sectors: [on, off, yes, no]
notes: yes
";
    let ws = Workspace::with(&[("oslo.yaml", content), ("barcelona.yaml", BARCELONA)]);
    ws.run(&["validate"]).code(0).stdout_has("2 files valid");
    let show = ws.run(&["city", "show", "oslo", "--format", "json"]);
    show.code(0).stderr_empty();
    let json = show.json();
    assert_eq!(json["country"], "NO", "{show}");
    assert_eq!(json["notes"], "yes", "{show}");
    assert_eq!(
        json["sectors"],
        serde_json::json!(["on", "off", "yes", "no"]),
        "{show}"
    );
    let list = ws.run(&["city", "list", "--country", "NO", "--format", "json"]);
    list.code(0).stderr_empty();
    assert_eq!(list.json()[0]["slug"], "oslo", "{list}");
    assert_eq!(list.json()[0]["country"], "NO", "{list}");
    assert_eq!(ws.read_city("oslo.yaml"), content.as_bytes());
}

// Nesting depth: no command may crash on any input (spec §3).

fn nested(depth: usize) -> String {
    format!(
        "slug: nested\nname:\n  en: Nested\ncountry: ES\nrelationship:\n  kind: friendship\n  status: active\nx-deep: {}{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    )
}

#[test]
fn nesting_within_the_depth_budget_does_not_crash() {
    // The loader allows 32 levels (yaml::MAX_DEPTH); the root mapping is one of them.
    let content = nested(30);
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA), ("nested.yaml", &content)]);
    let validate = ws.run(&["validate"]);
    validate.code(0);
    ws.run(&["city", "list"])
        .code(0)
        .stdout_has(" barcelona ")
        .stdout_has(" nested ");
    assert_eq!(ws.read_city("nested.yaml"), content.as_bytes());
}

#[test]
fn nesting_beyond_the_depth_budget_is_a_located_error() {
    // The root mapping is depth 1, so the 32nd `[` (column 9 + 31 = 40) is depth 33, past the budget
    // of 32; the parser reports the position just after it.
    let content = nested(200);
    // Long lines are shown cut; their start is enough.
    let line: String = content
        .lines()
        .nth(7)
        .unwrap_or_default()
        .chars()
        .take(80)
        .collect();
    assert_bad_dossier("nested.yaml", &content, &[at(8, 41, &line, &[])]);
}

#[test]
fn nesting_error_does_not_blame_aliases() {
    let content = nested(200);
    let ws = Workspace::with(&[("nested.yaml", &content)]);
    // Named files are read on the main thread, which survives the depth.
    let validate = ws.run(&["validate", "cities/nested.yaml"]);
    validate.code(1);
    // Long lines are shown cut; their start is enough.
    let line: String = content
        .lines()
        .nth(7)
        .unwrap_or_default()
        .chars()
        .take(80)
        .collect();
    assert_problem(
        &validate,
        &validate.stdout,
        "error",
        "nested.yaml",
        &at(8, 41, &line, &[]),
    );
    validate.stdout_lacks("alias");
}
