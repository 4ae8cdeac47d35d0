//! Lossless writes (issue 3): every write command changes only its own lines, checks values
//! before writing, never touches a broken dossier, and replaces the file atomically under a
//! lock. Expected files are computed by hand from the fixtures and compared as whole strings.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use serde_json::{Value, json};

use crate::support::{BARCELONA, FLORENCE, Run, Workspace, hermetic_env};

// ---------------------------------------------------------------------------------------------
// Helpers

/// `text` with the single occurrence of `from` replaced by `to` (fails if not exactly one).
fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(
        text.matches(from).count(),
        1,
        "the fixture should hold {from:?} exactly once"
    );
    text.replacen(from, to, 1)
}

/// `text` with `added` inserted right after the single occurrence of `anchor`.
fn insert_after(text: &str, anchor: &str, added: &str) -> String {
    replace_once(text, anchor, &format!("{anchor}{added}"))
}

fn barcelona() -> Workspace {
    Workspace::with(&[("barcelona.yaml", BARCELONA)])
}

fn read_text(ws: &Workspace, file: &str) -> String {
    String::from_utf8(ws.read_city(file)).expect("dossier is UTF-8")
}

/// Asserts the whole file, showing a line diff when it differs.
fn assert_file(ws: &Workspace, file: &str, expected: &str) {
    let actual = read_text(ws, file);
    if actual != expected {
        panic!(
            "`cities/{file}` differs from the expected text\n--- line diff (-expected +actual):\n{}\n--- actual:\n{actual}",
            line_diff(expected, &actual)
        );
    }
}

fn assert_valid(ws: &Workspace) {
    ws.run(&["validate"]).code(0).stdout_has("valid");
}

fn show(ws: &Workspace, city: &str) -> Value {
    ws.run(&["city", "show", city, "--format", "json"])
        .code(0)
        .json()
}

/// `a-7k2m` / `o-3f9q` followed by a newline, and nothing else.
fn assert_new_id(stdout: &str, prefix: char) -> String {
    const ALPHABET: &str = "23456789abcdefghjkmnpqrstuvwxyz";
    let id = stdout.strip_suffix('\n').unwrap_or("");
    let ok = id.len() == 6
        && id.starts_with(prefix)
        && id[1..].starts_with('-')
        && id[2..].chars().all(|c| ALPHABET.contains(c))
        && id[2..].chars().all(|c| matches!(c, '2'..='9' | 'a'..='z'));
    assert!(
        ok,
        "stdout should be a new id `{prefix}-xxxx` and a newline: {stdout:?}"
    );
    id.to_owned()
}

/// Every path under `root`, relative, sorted (folders too), leaving out the read cache that
/// any command may refresh (`.diplomat/cache`, and so the `.diplomat` folder itself). Also `x` and `x.yaml` next to the workspace,
/// where a slug like `../x` would write.
fn tree(root: &Path) -> BTreeSet<PathBuf> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeSet<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            if relative.starts_with(".diplomat/cache") {
                continue;
            }
            if relative != Path::new(".diplomat") {
                out.insert(relative);
            }
            if path.is_dir() {
                walk(root, &path, out);
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(root, root, &mut out);
    if let Some(parent) = root.parent() {
        for name in ["x", "x.yaml"] {
            if parent.join(name).exists() {
                out.insert(PathBuf::from("..").join(name));
            }
        }
    }
    out
}

/// Longest common subsequence of lines: for each line of `a`, the index of its partner in `b`.
fn lcs(a: &[&str], b: &[&str]) -> Vec<Option<usize>> {
    let (n, m) = (a.len(), b.len());
    let mut table = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i][j] = if a[i] == b[j] {
                table[i + 1][j + 1] + 1
            } else {
                table[i + 1][j].max(table[i][j + 1])
            };
        }
    }
    let mut partner = vec![None; n];
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i] == b[j] {
            partner[i] = Some(j);
            i += 1;
            j += 1;
        } else if table[i + 1][j] >= table[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    partner
}

/// A readable line diff for failure messages.
fn line_diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.split('\n').collect();
    let b: Vec<&str> = actual.split('\n').collect();
    let partner = lcs(&a, &b);
    let mut out = String::new();
    let mut j = 0;
    for (i, line) in a.iter().enumerate() {
        match partner[i] {
            Some(p) => {
                while j < p {
                    out.push_str(&format!("+{}\n", b[j]));
                    j += 1;
                }
                out.push_str(&format!(" {line}\n"));
                j = p + 1;
            }
            None => out.push_str(&format!("-{line}\n")),
        }
    }
    while j < b.len() {
        out.push_str(&format!("+{}\n", b[j]));
        j += 1;
    }
    out
}

/// A std `Command` running the binary in `ws` with the hermetic environment.
fn raw_command(ws: &Workspace, args: &[&str]) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_diplomat"));
    cmd.env_clear()
        .envs(hermetic_env())
        .current_dir(ws.root())
        .arg("-C")
        .arg(ws.root())
        .args(args)
        .stdin(Stdio::null());
    cmd
}

fn parses(bytes: &[u8]) -> bool {
    ::diplomat::workspace::parse_dossier(
        Path::new("cities/barcelona.yaml"),
        bytes,
        ::diplomat::i18n::Lang::En,
    )
    .is_ok()
}

/// The fixture's last interaction ends in a `|` block followed by the blank line before
/// `opportunities:`; this variant has a one-line summary instead.
fn barcelona_plain_summary() -> String {
    replace_once(
        BARCELONA,
        "    summary: |\n      Agreed to exchange lists of exportable goods before the end of Azar.\n",
        "    summary: Agreed to exchange lists of exportable goods.\n",
    )
}

/// A small dossier with comments, a blank line, an `x-` key, and no `facilitators`, `readiness`,
/// `actions`, `opportunities` or `reviews`.
const SPARSE: &str = r#"# Xi'an: a sparse dossier.
slug: xian
name:
  en: "Xi'an"
  fa: شیان
  local: 西安
country: CN
relationship:
  kind: sister-city
  status: dormant # since 2019
sectors: [tourism]
# people
contacts:
  - id: cn-embassy
    name: Counsellor
    role: embassy-counsellor

interactions:
  - date: 2026-10-01
    kind: call
    title: First call
notes: |
  Some notes.
x-foo: bar
"#;

fn sparse() -> Workspace {
    Workspace::with(&[("xian.yaml", SPARSE)])
}

// ---------------------------------------------------------------------------------------------
// 1. Each command changes only its own lines

#[test]
fn facilitator_add_appends_only_its_lines() {
    let ws = barcelona();
    let run = ws.run(&[
        "facilitator",
        "add",
        "barcelona",
        "--name",
        "Ali Rezaei",
        "--name-fa",
        "علی رضایی",
        "--language",
        "es",
        "--language",
        "en",
        "--expertise",
        "tiles",
        "--connection",
        "a: b",
        "--email",
        "ali@example.org",
        "--phone",
        "+98 31 1111 2222",
        "--status",
        "active",
        "--since",
        "1405/09/01",
    ]);
    run.code(0);
    assert_eq!(run.stdout, "ali-rezaei\n");
    let expected = insert_after(
        BARCELONA,
        "      phone: \"+98 31 0000 0000\"\n",
        "  - id: ali-rezaei
    name: Ali Rezaei
    name_fa: علی رضایی
    languages: [es, en]
    expertise: [tiles]
    connection: 'a: b'
    status: active
    since: 2026-11-22
    contact:
      email: ali@example.org
      phone: +98 31 1111 2222
",
    );
    assert_file(&ws, "barcelona.yaml", &expected);
    assert_valid(&ws);
}

#[test]
fn contact_add_appends_only_its_lines() {
    let ws = barcelona();
    let run = ws.run(&[
        "contact",
        "add",
        "barcelona",
        "--name",
        "Trade expert",
        "--role",
        "expert",
        "--organization",
        "ICEX",
        "--language",
        "es",
        "--email",
        "icex@example.es",
    ]);
    run.code(0);
    assert_eq!(run.stdout, "trade-expert\n");
    let expected = insert_after(
        BARCELONA,
        "    organization: Embassy of Spain in Tehran\n    languages: [es, en]\n",
        "  - id: trade-expert
    name: Trade expert
    role: expert
    organization: ICEX
    languages: [es]
    contact:
      email: icex@example.es
",
    );
    assert_file(&ws, "barcelona.yaml", &expected);
    assert_valid(&ws);
}

#[test]
fn action_add_prints_the_id_and_appends_only_its_lines() {
    let ws = barcelona();
    let run = ws.run(&[
        "action",
        "add",
        "barcelona",
        "Book the hall: #1 choice",
        "--owner",
        "chamber",
        "--due",
        "1405/09/20",
    ]);
    run.code(0);
    let id = assert_new_id(&run.stdout, 'a');
    let expected = insert_after(
        BARCELONA,
        "    done: 2026-10-28\n",
        &format!(
            "  - id: {id}
    title: 'Book the hall: #1 choice'
    owner: chamber
    due: 2026-12-11
    status: open
"
        ),
    );
    assert_file(&ws, "barcelona.yaml", &expected);
    assert_valid(&ws);
    let actions = show(&ws, "barcelona")["actions"].clone();
    assert_eq!(
        actions[2],
        json!({"id": id, "title": "Book the hall: #1 choice", "owner": "chamber", "due": "2026-12-11", "status": "open"})
    );
}

#[test]
fn action_add_twice_gives_two_different_ids() {
    let ws = barcelona();
    let first = ws.run(&["action", "add", "barcelona", "One", "--owner", "joint"]);
    let second = ws.run(&["action", "add", "barcelona", "Two", "--owner", "joint"]);
    let (a, b) = (
        assert_new_id(&first.code(0).stdout, 'a'),
        assert_new_id(&second.code(0).stdout, 'a'),
    );
    assert_ne!(a, b);
    let text = read_text(&ws, "barcelona.yaml");
    let expected = insert_after(
        BARCELONA,
        "    done: 2026-10-28\n",
        &format!(
            "  - id: {a}\n    title: One\n    owner: joint\n    status: open\n  - id: {b}\n    title: Two\n    owner: joint\n    status: open\n"
        ),
    );
    assert_eq!(text, expected, "{}", line_diff(&expected, &text));
    assert_valid(&ws);
}

#[test]
fn missing_lists_and_sections_are_created_in_schema_order() {
    // Each command on a fresh copy of the sparse dossier: the new top-level key lands where the
    // schema puts it, everything else stays as it was.
    let cases: Vec<(Vec<&str>, &str, &str)> = vec![
        (
            vec!["facilitator", "add", "xian", "--name", "Li Wei"],
            "sectors: [tourism]\n",
            "facilitators:\n  - id: li-wei\n    name: Li Wei\n    status: prospective\n    since: 2026-11-26\n",
        ),
        (
            vec!["readiness", "set", "xian", "communication", "met"],
            "    role: embassy-counsellor\n",
            "readiness:\n  communication:\n    status: met\n    assessed: 2026-11-26\n",
        ),
        (
            vec!["opportunity", "add", "xian", "Silk", "--sector", "textiles"],
            "    title: First call\n",
            "opportunities:\n  - id: ID\n    title: Silk\n    sector: textiles\n    stage: idea\n    history:\n      - stage: idea\n        date: 2026-11-26\n",
        ),
        (
            vec![
                "review",
                "add",
                "xian",
                "--date",
                "today",
                "--outcome",
                "ok",
            ],
            "    title: First call\n",
            "reviews:\n  - date: 2026-11-26\n    outcome: ok\n",
        ),
    ];
    for (args, anchor, added) in cases {
        let ws = sparse();
        let run = ws.run(&args);
        run.code(0);
        let added = match run.stdout.strip_prefix("o-") {
            Some(_) => added.replace("ID", &assert_new_id(&run.stdout, 'o')),
            None => added.to_owned(),
        };
        assert_file(&ws, "xian.yaml", &insert_after(SPARSE, anchor, &added));
        assert_valid(&ws);
    }
}

#[test]
fn action_add_creates_the_actions_list_between_contacts_and_interactions() {
    let ws = sparse();
    let run = ws.run(&[
        "action",
        "add",
        "xian",
        "First action",
        "--owner",
        "municipality",
    ]);
    let id = assert_new_id(&run.code(0).stdout, 'a');
    let expected = insert_after(
        SPARSE,
        "    role: embassy-counsellor\n",
        &format!(
            "actions:\n  - id: {id}\n    title: First action\n    owner: municipality\n    status: open\n"
        ),
    );
    assert_file(&ws, "xian.yaml", &expected);
    assert_valid(&ws);
    let data = show(&ws, "xian");
    let keys: Vec<&str> = data
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "slug",
            "name",
            "country",
            "relationship",
            "sectors",
            "contacts",
            "actions",
            "interactions",
            "notes",
            "x-foo"
        ]
    );
}

#[test]
fn action_done_sets_status_and_done_date_only() {
    let ws = barcelona();
    ws.run(&["action", "done", "barcelona", "a-7k2m", "--on", "yesterday"])
        .code(0);
    let expected = replace_once(
        BARCELONA,
        "    due: 2026-12-15\n    status: open\n",
        "    due: 2026-12-15\n    status: done\n    done: 2026-11-25\n",
    );
    assert_file(&ws, "barcelona.yaml", &expected);
    assert_valid(&ws);
}

/// An action done already keeps the date it was done: marking it done again (a second
/// `action done`, or `--status done`) changes nothing and says so; only `--on` corrects it.
#[test]
fn action_done_again_keeps_the_date_it_was_done() {
    let ws = barcelona();
    ws.run(&["action", "done", "barcelona", "a-q3xh"])
        .code(0)
        .stderr_has("was done already (2026-10-28); nothing changed");
    ws.run(&["action", "set", "barcelona", "a-q3xh", "--status", "done"])
        .code(0)
        .stderr_has("already has these values; nothing changed");
    ws.run(&["action", "set", "barcelona", "a-q3xh", "--owner", "chamber"])
        .code(0)
        .stderr_has("already has these values; nothing changed");
    assert_file(&ws, "barcelona.yaml", BARCELONA);
    ws.run(&[
        "action",
        "done",
        "barcelona",
        "a-q3xh",
        "--on",
        "2026-10-30",
    ])
    .code(0);
    let expected = replace_once(
        BARCELONA,
        "    done: 2026-10-28\n",
        "    done: 2026-10-30\n",
    );
    assert_file(&ws, "barcelona.yaml", &expected);
}

#[test]
fn action_set_changes_status_due_and_owner_and_drops_the_done_date() {
    let ws = barcelona();
    ws.run(&[
        "action",
        "set",
        "barcelona",
        "a-q3xh",
        "--status",
        "in-progress",
        "--due",
        "2027-01-10",
        "--owner",
        "joint",
    ])
    .code(0);
    let expected = replace_once(
        BARCELONA,
        "    owner: chamber\n    due: 2026-11-01\n    status: done\n    done: 2026-10-28\n",
        "    owner: joint\n    due: 2027-01-10\n    status: in-progress\n",
    );
    assert_file(&ws, "barcelona.yaml", &expected);
    assert_valid(&ws);
    let action = show(&ws, "barcelona")["actions"][1].clone();
    assert_eq!(action.get("done"), None, "{action}");
}

#[test]
fn action_set_status_done_adds_the_done_date() {
    let ws = barcelona();
    ws.run(&[
        "action",
        "set",
        "barcelona",
        "a-7k2m",
        "--status",
        "done",
        "--on",
        "۱۴۰۵/۰۹/۰۱",
    ])
    .code(0);
    let expected = replace_once(
        BARCELONA,
        "    due: 2026-12-15\n    status: open\n",
        "    due: 2026-12-15\n    status: done\n    done: 2026-11-22\n",
    );
    assert_file(&ws, "barcelona.yaml", &expected);
    assert_valid(&ws);
}

#[test]
fn action_set_due_only_touches_the_due_line() {
    let ws = barcelona();
    ws.run(&[
        "action",
        "set",
        "barcelona",
        "a-7k2m",
        "--due",
        "1405-10-01",
    ])
    .code(0);
    let expected = replace_once(BARCELONA, "    due: 2026-12-15\n", "    due: 2026-12-22\n");
    assert_file(&ws, "barcelona.yaml", &expected);
    assert_valid(&ws);
}

#[test]
fn log_appends_an_interaction_after_a_one_line_summary() {
    let ws = Workspace::with(&[("barcelona.yaml", &barcelona_plain_summary())]);
    ws.run(&[
        "log",
        "barcelona",
        "Call: with the counsellor",
        "--kind",
        "call",
        "--date",
        "۱۴۰۵/۰۹/۰۵",
        "--with",
        "es-embassy-commercial",
        "--with",
        "example-facilitator",
        "--summary",
        "Line one.\nLine two: more.",
    ])
    .code(0);
    let expected = insert_after(
        &barcelona_plain_summary(),
        "    summary: Agreed to exchange lists of exportable goods.\n",
        "  - date: 2026-11-26
    kind: call
    title: 'Call: with the counsellor'
    with: [es-embassy-commercial, example-facilitator]
    summary: |-
      Line one.
      Line two: more.
",
    );
    assert_file(&ws, "barcelona.yaml", &expected);
    assert_valid(&ws);
    let last = show(&ws, "barcelona")["interactions"][1].clone();
    assert_eq!(
        last,
        json!({"date": "2026-11-26", "kind": "call", "title": "Call: with the counsellor",
               "with": ["es-embassy-commercial", "example-facilitator"],
               "summary": "Line one.\nLine two: more."})
    );
}

#[test]
fn log_summary_ending_in_a_newline_is_a_clip_block() {
    let ws = Workspace::with(&[("barcelona.yaml", &barcelona_plain_summary())]);
    ws.run(&[
        "log",
        "barcelona",
        "Letter",
        "--kind",
        "letter",
        "--date",
        "yesterday",
        "--summary",
        "First.\nSecond.\n",
    ])
    .code(0);
    let expected = insert_after(
        &barcelona_plain_summary(),
        "    summary: Agreed to exchange lists of exportable goods.\n",
        "  - date: 2026-11-25\n    kind: letter\n    title: Letter\n    summary: |\n      First.\n      Second.\n",
    );
    assert_file(&ws, "barcelona.yaml", &expected);
    assert_valid(&ws);
}

#[test]
fn log_appends_after_a_block_summary_before_the_blank_line() {
    let ws = barcelona();
    ws.run(&["log", "barcelona", "Call", "--kind", "call"])
        .code(0);
    let expected = insert_after(
        BARCELONA,
        "      Agreed to exchange lists of exportable goods before the end of Azar.\n",
        "  - date: 2026-11-26\n    kind: call\n    title: Call\n",
    );
    assert_file(&ws, "barcelona.yaml", &expected);
    assert_valid(&ws);
}

#[test]
fn readiness_set_changes_an_existing_item_in_place() {
    let ws = barcelona();
    ws.run(&[
        "readiness",
        "set",
        "barcelona",
        "branding",
        "met",
        "--evidence",
        "Logo agreed: #1",
        "--date",
        "1405/09/01",
    ])
    .code(0);
    let expected = replace_once(
        BARCELONA,
        "  branding:\n    status: partial\n",
        "  branding:\n    status: met\n    evidence: 'Logo agreed: #1'\n    assessed: 2026-11-22\n",
    );
    assert_file(&ws, "barcelona.yaml", &expected);
    assert_valid(&ws);
}

#[test]
fn readiness_set_keeps_the_evidence_when_none_is_given() {
    let ws = barcelona();
    ws.run(&["readiness", "set", "barcelona", "communication", "met"])
        .code(0);
    let expected = replace_once(
        BARCELONA,
        "    status: partial\n    evidence: Monthly call with the city's international relations office since October.\n    assessed: 2026-11-20\n",
        "    status: met\n    evidence: Monthly call with the city's international relations office since October.\n    assessed: 2026-11-26\n",
    );
    assert_file(&ws, "barcelona.yaml", &expected);
    assert_valid(&ws);
}

#[test]
fn readiness_set_adds_a_missing_item_in_requirement_order() {
    let before = replace_once(
        BARCELONA,
        "  international_capacity:\n    status: unknown\n",
        "",
    );
    let before = replace_once(
        &before,
        "  international_environment:\n    status: unknown\n",
        "",
    );
    let ws = Workspace::with(&[("barcelona.yaml", &before)]);
    ws.run(&[
        "readiness",
        "set",
        "barcelona",
        "international_environment",
        "partial",
        "--evidence",
        "no",
    ])
    .code(0);
    let expected = insert_after(
        &before,
        "    assessed: 2026-11-20\n",
        "  international_environment:\n    status: partial\n    evidence: 'no'\n    assessed: 2026-11-26\n",
    );
    assert_file(&ws, "barcelona.yaml", &expected);
    ws.run(&[
        "readiness",
        "set",
        "barcelona",
        "international_capacity",
        "unmet",
    ])
    .code(0);
    let expected = insert_after(
        &expected,
        "  branding:\n    status: partial\n",
        "  international_capacity:\n    status: unmet\n    assessed: 2026-11-26\n",
    );
    assert_file(&ws, "barcelona.yaml", &expected);
    assert_valid(&ws);
    assert_eq!(
        show(&ws, "barcelona")["readiness"]["international_environment"],
        json!({"status": "partial", "evidence": "no", "assessed": "2026-11-26"})
    );
}

#[test]
fn opportunity_add_prints_the_id_and_appends_only_its_lines() {
    let ws = barcelona();
    let run = ws.run(&[
        "opportunity",
        "add",
        "barcelona",
        "Tile workshop",
        "--sector",
        "handicrafts",
        "--stage",
        "negotiating",
        "--lead",
        "joint",
    ]);
    let id = assert_new_id(&run.code(0).stdout, 'o');
    let expected = insert_after(
        BARCELONA,
        "    stage: exploring\n    lead: chamber\n",
        &format!(
            "  - id: {id}\n    title: Tile workshop\n    sector: handicrafts\n    stage: negotiating\n    lead: joint\n    history:\n      - stage: negotiating\n        date: 2026-11-26\n"
        ),
    );
    assert_file(&ws, "barcelona.yaml", &expected);
    assert_valid(&ws);
}

#[test]
fn review_add_appends_only_its_lines() {
    let ws = barcelona();
    ws.run(&[
        "review",
        "add",
        "barcelona",
        "--date",
        "1405/09/04",
        "--participant",
        "example-facilitator",
        "--participant",
        "Someone Else",
        "--outcome",
        "Next: branding",
    ])
    .code(0);
    let expected = insert_after(
        BARCELONA,
        "    outcome: File reviewed; readiness gaps are investment readiness and branding.\n",
        "  - date: 2026-11-25\n    participants: [example-facilitator, Someone Else]\n    outcome: 'Next: branding'\n",
    );
    assert_file(&ws, "barcelona.yaml", &expected);
    assert_valid(&ws);
}

/// The built-in template (`templates/city.yaml`) rendered by hand: canonical layout, strings
/// quoted only when needed.
fn kyoto_expected() -> String {
    let mut text = String::from(
        "# yaml-language-server: $schema=../dossier.schema.json
# Kyoto — dossier of the Citizen Diplomat programme.
# Edit freely: comments and layout are kept by every `diplomat` command.
slug: kyoto
name:
  en: Kyoto
  fa: کیوتو
country: JP
relationship:
  kind: friendship
  status: active
  signed: 2026-11-26

readiness:
",
    );
    for key in [
        "communication",
        "international_environment",
        "diplomatic_support",
        "investment_readiness",
        "branding",
        "international_capacity",
    ] {
        text.push_str(&format!("  {key}:\n    status: unknown\n"));
    }
    text
}

const KYOTO_ARGS: &[&str] = &[
    "city",
    "new",
    "kyoto",
    "--name",
    "Kyoto",
    "--name-fa",
    "کیوتو",
    "--country",
    "jp",
    "--kind",
    "friendship",
    "--status",
    "active",
    "--signed",
    "1405/09/05",
];

#[test]
fn city_new_creates_a_valid_dossier_and_refuses_an_existing_slug() {
    let ws = barcelona();
    let run = ws.run(KYOTO_ARGS);
    run.code(0);
    assert_eq!(run.stdout, "cities/kyoto.yaml\n");
    assert_valid(&ws);
    let data = show(&ws, "kyoto");
    assert_eq!(data["slug"], "kyoto");
    assert_eq!(data["name"], json!({"en": "Kyoto", "fa": "کیوتو"}));
    assert_eq!(data["country"], "JP");
    assert_eq!(
        data["relationship"],
        json!({"kind": "friendship", "status": "active", "signed": "2026-11-26"})
    );
    assert_eq!(
        data["readiness"]["branding"],
        json!({"status": "unknown"}),
        "{data}"
    );

    let created = ws.read_city("kyoto.yaml");
    let listing = tree(ws.root());
    ws.run(&["city", "new", "kyoto", "--name", "Other", "--country", "ES"])
        .code(2)
        .stderr_has("already exists");
    ws.run(&[
        "city",
        "new",
        "barcelona",
        "--name",
        "Other",
        "--country",
        "ES",
    ])
    .code(2)
    .stderr_has("already exists");
    assert_eq!(ws.read_city("kyoto.yaml"), created);
    assert_eq!(ws.read_city("barcelona.yaml"), BARCELONA.as_bytes());
    assert_eq!(tree(ws.root()), listing);
}

#[test]
fn city_new_refuses_a_slug_taken_by_a_yml_file() {
    let ws = Workspace::new();
    ws.city("kyoto.yml", "slug: kyoto\n");
    ws.run(KYOTO_ARGS).code(2).stderr_has("already exists");
    assert_eq!(ws.read_city("kyoto.yml"), b"slug: kyoto\n");
    assert!(!ws.city_path("kyoto.yaml").exists());
}

#[test]
fn city_new_writes_the_canonical_layout() {
    let ws = Workspace::new();
    ws.run(KYOTO_ARGS).code(0);
    assert_file(&ws, "kyoto.yaml", &kyoto_expected());
}

#[test]
fn city_new_keeps_names_that_need_quotes() {
    for (slug, name) in [("norway", "no"), ("colon", "a: b"), ("hash", "#x")] {
        let ws = Workspace::new();
        ws.run(&["city", "new", slug, "--name", name, "--country", "NO"])
            .code(0);
        assert_valid(&ws);
        assert_eq!(show(&ws, slug)["name"]["en"], name);
    }
}

/// `city new --signed` takes what `city set --signed` takes: a year or a month where only that
/// is known, or any date, Solar Hijri and Persian digits included.
#[test]
fn city_new_takes_a_signing_year_or_month_as_city_set_does() {
    for (given, line, shown) in [
        ("2021", "  signed: 2021\n", json!(2021)),
        ("2021-07", "  signed: 2021-07\n", json!("2021-07")),
        ("1377/06/27", "  signed: 1998-09-18\n", json!("1998-09-18")),
        ("۱۳۷۷/۰۶/۲۷", "  signed: 1998-09-18\n", json!("1998-09-18")),
    ] {
        let ws = Workspace::new();
        ws.run(&[
            "city",
            "new",
            "porto",
            "--name",
            "Porto",
            "--country",
            "PT",
            "--signed",
            given,
        ])
        .code(0);
        assert!(
            read_text(&ws, "porto.yaml").contains(line),
            "--signed {given}"
        );
        assert_valid(&ws);
        assert_eq!(
            show(&ws, "porto")["relationship"]["signed"],
            shown,
            "--signed {given}"
        );
    }
    for bad in ["2021-13", "1377", "21"] {
        let ws = Workspace::new();
        ws.run(&[
            "city",
            "new",
            "porto",
            "--name",
            "Porto",
            "--country",
            "PT",
            "--signed",
            bad,
        ])
        .code(2)
        .stderr_has("--signed");
        assert!(!ws.city_path("porto.yaml").exists(), "--signed {bad}");
    }
}

#[test]
fn city_new_rejects_bad_slugs_and_writes_nothing() {
    let ws = barcelona();
    let before = tree(ws.root());
    for slug in [
        "../x", "a/b", "Upper", "", "-x", "x-", "a--b", "x.yaml", "/tmp/x",
    ] {
        let run = Run::of(
            format!("city new {slug:?}"),
            &mut ws.cmd(["city", "new", "--name", "X", "--country", "ES", "--", slug]),
        );
        run.code(2).stderr_has("not a valid slug");
        assert_eq!(tree(ws.root()), before, "after `city new {slug:?}`");
    }
    // `-x` without `--` is a flag to clap: refused too.
    ws.run(&["city", "new", "-x", "--name", "X", "--country", "ES"])
        .code(2);
    assert_eq!(tree(ws.root()), before);
    assert_eq!(ws.read_city("barcelona.yaml"), BARCELONA.as_bytes());
}

/// A "did you mean" names something or is left out: never an empty `did you mean ?`.
#[test]
fn no_did_you_mean_when_no_name_is_close() {
    let ws = barcelona();
    for args in [
        &["log", "barcelona", "Call", "--with", "nobody"][..],
        &["action", "set", "barcelona", "zzzz", "--status", "open"],
        &["action", "done", "barcelona", "zzzz"],
        &[
            "facilitator",
            "set",
            "barcelona",
            "nobody",
            "--status",
            "active",
        ],
        &["city", "show", "xyzzy-qwerty"],
    ] {
        ws.run(args)
            .code(2)
            .stderr_lacks("did you mean")
            .stderr_lacks("= help: \n");
        let fa: Vec<&str> = ["--lang", "fa"].iter().chain(args).copied().collect();
        ws.run(&fa)
            .code(2)
            .stderr_lacks("منظورتان")
            .stderr_lacks("did you mean");
    }
    assert_eq!(ws.read_city("barcelona.yaml"), BARCELONA.as_bytes());
}

// ---------------------------------------------------------------------------------------------
// 2. Values are checked before anything is written

#[test]
fn bad_values_are_refused_before_anything_is_written() {
    let ws = barcelona();
    let cases: &[(&[&str], &str)] = &[
        (
            &["action", "add", "barcelona", "T", "--owner", "nobody"],
            "nobody",
        ),
        (
            &[
                "action",
                "set",
                "barcelona",
                "a-7k2m",
                "--status",
                "finished",
            ],
            "finished",
        ),
        (
            &["action", "set", "barcelona", "a-7k2m", "--owner", "mayor"],
            "mayor",
        ),
        (
            &[
                "action",
                "add",
                "barcelona",
                "T",
                "--owner",
                "joint",
                "--due",
                "2026-13-45",
            ],
            "--due",
        ),
        (
            &[
                "action",
                "add",
                "barcelona",
                "T",
                "--owner",
                "joint",
                "--due",
                "1405/13/01",
            ],
            "--due",
        ),
        (
            &["action", "done", "barcelona", "a-7k2m", "--on", "someday"],
            "--on",
        ),
        (&["log", "barcelona", "T", "--date", "31/12/2026"], "--date"),
        (
            &["log", "barcelona", "T", "--with", "es-embasy-commercial"],
            "did you mean `es-embassy-commercial`",
        ),
        (
            &["log", "barcelona", "T", "--with", "nobody-at-all"],
            "nobody-at-all",
        ),
        (&["log", "barcelona", "T", "--kind", "party"], "party"),
        (
            &["action", "done", "barcelona", "a-zzzz"],
            "no action `a-zzzz`",
        ),
        (
            &["action", "set", "barcelona", "a-7k2n", "--status", "open"],
            "did you mean `a-7k2m`",
        ),
        (
            &["action", "add", "barcelona", "", "--owner", "joint"],
            "empty",
        ),
        (
            &["action", "add", "barcelona", "   ", "--owner", "joint"],
            "empty",
        ),
        (&["log", "barcelona", ""], "empty"),
        (
            &["opportunity", "add", "barcelona", "", "--sector", "x"],
            "empty",
        ),
        (
            &["opportunity", "add", "barcelona", "T", "--sector", " "],
            "empty",
        ),
        (
            &[
                "opportunity",
                "add",
                "barcelona",
                "T",
                "--sector",
                "x",
                "--stage",
                "won",
            ],
            "won",
        ),
        (
            &["readiness", "set", "barcelona", "branding", "excellent"],
            "excellent",
        ),
        (
            &["readiness", "set", "barcelona", "happiness", "met"],
            "happiness",
        ),
        (
            &[
                "readiness",
                "set",
                "barcelona",
                "branding",
                "met",
                "--date",
                "x",
            ],
            "--date",
        ),
        (
            &[
                "review",
                "add",
                "barcelona",
                "--date",
                "nope",
                "--outcome",
                "x",
            ],
            "--date",
        ),
        (
            &[
                "review",
                "add",
                "barcelona",
                "--date",
                "today",
                "--outcome",
                " ",
            ],
            "empty",
        ),
        (
            &[
                "facilitator",
                "add",
                "barcelona",
                "--name",
                "X",
                "--status",
                "retired",
            ],
            "retired",
        ),
        (
            &[
                "facilitator",
                "add",
                "barcelona",
                "--name",
                "X",
                "--id",
                "Bad Id",
            ],
            "not a valid id",
        ),
        (&["facilitator", "add", "barcelona", "--name", " "], "--id"),
        (
            &[
                "facilitator",
                "add",
                "barcelona",
                "--name",
                " ",
                "--id",
                "x",
            ],
            "`--name` is empty",
        ),
        (
            &[
                "contact",
                "add",
                "barcelona",
                "--name",
                "",
                "--role",
                "expert",
                "--id",
                "x",
            ],
            "`--name` is empty",
        ),
        (
            &[
                "facilitator",
                "add",
                "barcelona",
                "--name",
                "Example Facilitator",
            ],
            "already has a facilitator",
        ),
        (
            &[
                "contact",
                "add",
                "barcelona",
                "--name",
                "X",
                "--role",
                "spy",
            ],
            "spy",
        ),
        (
            &[
                "contact",
                "add",
                "barcelona",
                "--name",
                "X",
                "--role",
                "expert",
                "--id",
                "es-embassy-commercial",
            ],
            "already has a contact",
        ),
        (
            &["action", "set", "barcelona", "a-7k2m"],
            "nothing to change",
        ),
        (
            &[
                "action",
                "set",
                "barcelona",
                "a-7k2m",
                "--status",
                "open",
                "--on",
                "today",
            ],
            "--on",
        ),
        (&["log", "nowhere", "T"], "nowhere"),
    ];
    let listing = tree(&ws.root().join("cities"));
    for (args, needle) in cases {
        let run = ws.run(args);
        run.code(2).stderr_has(needle);
        assert_eq!(
            ws.read_city("barcelona.yaml"),
            BARCELONA.as_bytes(),
            "`{}` changed the file",
            args.join(" ")
        );
        assert_eq!(tree(&ws.root().join("cities")), listing);
    }
}

// ---------------------------------------------------------------------------------------------
// 4. A broken dossier is never touched

/// Every write command, aimed at the city `bad`.
fn every_write_on_bad() -> Vec<Vec<&'static str>> {
    vec![
        vec!["facilitator", "add", "bad", "--name", "Ali Rezaei"],
        vec![
            "contact", "add", "bad", "--name", "Expert", "--role", "expert",
        ],
        vec!["action", "add", "bad", "Title", "--owner", "joint"],
        vec!["action", "done", "bad", "a-7k2m"],
        vec!["action", "set", "bad", "a-7k2m", "--status", "blocked"],
        vec!["log", "bad", "Call", "--kind", "call"],
        vec!["readiness", "set", "bad", "branding", "met"],
        vec!["opportunity", "add", "bad", "Title", "--sector", "tourism"],
        vec!["review", "add", "bad", "--date", "today", "--outcome", "ok"],
    ]
}

/// Broken dossiers, with the location their error must show.
fn broken_dossiers() -> Vec<(String, &'static str)> {
    let bad = replace_once(BARCELONA, "slug: barcelona\n", "slug: bad\n");
    vec![
        (
            replace_once(&bad, "x-budget-line: 1405-intl-07\n", "x-budget-line: @x\n"),
            "cities/bad.yaml:94:16",
        ),
        (
            replace_once(
                &bad,
                "  status: reactivating\n",
                "  status: reactivating\n  colour: red\n",
            ),
            "cities/bad.yaml:11:3",
        ),
        (
            replace_once(&bad, "country: ES\n", "country: ES\ncountry: FR\n"),
            "cities/bad.yaml:8:",
        ),
        (
            replace_once(
                &bad,
                "    status: open\n",
                "<<<<<<< HEAD\n    status: open\n=======\n    status: blocked\n>>>>>>> other\n",
            ),
            "cities/bad.yaml:64:1: unresolved git merge conflict (markers on lines 64, 66, 68)",
        ),
    ]
}

#[test]
fn a_broken_dossier_is_left_byte_for_byte_unchanged_by_every_write() {
    for (content, location) in broken_dossiers() {
        let ws = Workspace::with(&[
            ("bad.yaml", content.as_str()),
            ("barcelona.yaml", BARCELONA),
        ]);
        for args in every_write_on_bad() {
            let run = ws.run(&args);
            run.code(2).stderr_has("has problems").stderr_has(location);
            assert_eq!(
                ws.read_city("bad.yaml"),
                content.as_bytes(),
                "`{}` changed a broken dossier",
                args.join(" ")
            );
        }
        // `city new` refuses the taken slug; `fmt` (all files) warns and leaves it alone.
        ws.run(&["city", "new", "bad", "--name", "Bad", "--country", "ES"])
            .code(2)
            .stderr_has("already exists");
        ws.run(&["fmt"]).code(0).stderr_has(location);
        ws.run(&["fmt", "--check"]).stderr_has(location);
        // `city edit` opens a broken dossier so it can be fixed, but a result that is still
        // broken does not replace it.
        let editor = ws.root().join("append.sh");
        std::fs::write(&editor, "#!/bin/sh\necho '# looked at it' >> \"$1\"\n").expect("script");
        make_executable(&editor);
        Run::of(
            "city edit bad",
            ws.cmd(["city", "edit", "bad"]).env("EDITOR", &editor),
        )
        .code(2)
        .stderr_has(location);
        assert_eq!(ws.read_city("bad.yaml"), content.as_bytes());
        assert_eq!(ws.read_city("barcelona.yaml"), BARCELONA.as_bytes());
        let cities: Vec<_> = tree(&ws.root().join("cities")).into_iter().collect();
        assert_eq!(
            cities,
            [PathBuf::from("bad.yaml"), PathBuf::from("barcelona.yaml")]
        );
    }
}

#[test]
fn fmt_of_a_named_broken_dossier_shows_its_problems() {
    for (content, location) in broken_dossiers() {
        let ws = Workspace::with(&[("bad.yaml", content.as_str())]);
        ws.run(&["fmt", "bad"])
            .code(2)
            .stderr_has("has problems")
            .stderr_has(location);
        assert_eq!(ws.read_city("bad.yaml"), content.as_bytes());
    }
}

// ---------------------------------------------------------------------------------------------
// 5 and 7. Concurrent and killed writes

#[test]
fn sixteen_parallel_logs_all_land() {
    let ws = barcelona();
    let children: Vec<_> = (1..=16)
        .map(|i| {
            let title = format!("Parallel call {i:02}");
            raw_command(&ws, &["log", "barcelona", &title, "--kind", "call"])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("the binary starts")
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().expect("the child ends");
        assert!(
            output.status.success(),
            "a parallel log failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert_valid(&ws);
    let text = read_text(&ws, "barcelona.yaml");
    for i in 1..=16 {
        assert_eq!(
            text.matches(&format!("    title: Parallel call {i:02}\n"))
                .count(),
            1,
            "entry {i} should be in the file once\n{text}"
        );
    }
    let interactions = show(&ws, "barcelona")["interactions"].clone();
    assert_eq!(interactions.as_array().map(Vec::len), Some(17));
    // Everything before the interactions' end is untouched.
    let head = BARCELONA.split("\nopportunities:").next().unwrap_or("");
    assert!(text.starts_with(head));
    assert!(text.ends_with(&BARCELONA[BARCELONA.find("opportunities:").unwrap_or(0)..]));
}

#[test]
fn a_reader_never_sees_a_partial_file() {
    let ws = Workspace::with(&[("barcelona.yaml", &barcelona_plain_summary())]);
    let path = ws.city_path("barcelona.yaml");
    let stop = Arc::new(AtomicBool::new(false));
    let reader = {
        let stop = Arc::clone(&stop);
        let path = path.clone();
        std::thread::spawn(move || {
            let (mut reads, mut sizes) = (0u32, BTreeSet::new());
            while !stop.load(Ordering::Relaxed) {
                let bytes = std::fs::read(&path).expect("the dossier is always there");
                assert!(
                    parses(&bytes),
                    "read a file that does not parse:\n{}",
                    String::from_utf8_lossy(&bytes)
                );
                sizes.insert(bytes.len());
                reads += 1;
            }
            (reads, sizes.len())
        })
    };
    // Two writers at a time, 24 writes in all.
    for round in 0..12 {
        let children: Vec<_> = (0..2)
            .map(|k| {
                let title = format!("Round {round} writer {k}");
                raw_command(&ws, &["log", "barcelona", &title, "--summary", "a\nb"])
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .expect("the binary starts")
            })
            .collect();
        for mut child in children {
            assert!(child.wait().expect("the child ends").success());
        }
    }
    stop.store(true, Ordering::Relaxed);
    let (reads, versions) = reader.join().expect("the reader never failed");
    assert!(
        reads > 24,
        "the reader should have read often ({reads} reads)"
    );
    assert!(versions > 1, "the reader should have seen several versions");
    let text = read_text(&ws, "barcelona.yaml");
    assert_eq!(text.matches("    title: Round ").count(), 24);
    assert_valid(&ws);
}

#[test]
fn a_killed_write_leaves_the_old_or_the_new_file() {
    let ws = Workspace::with(&[("barcelona.yaml", &barcelona_plain_summary())]);
    let mut versions = BTreeSet::new();
    for i in 0..30u64 {
        let mut child = raw_command(&ws, &["log", "barcelona", &format!("Killed {i}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts");
        std::thread::sleep(Duration::from_micros(i * 700));
        let _ = child.kill();
        let _ = child.wait();
        let bytes = ws.read_city("barcelona.yaml");
        assert!(
            parses(&bytes),
            "after a kill at {i}: a partial file\n{}",
            String::from_utf8_lossy(&bytes)
        );
        versions.insert(bytes.len());
    }
    // Whatever temporary files a kill left behind are hidden, so never read as dossiers.
    for entry in std::fs::read_dir(ws.root().join("cities")).expect("cities/") {
        let name = entry.expect("an entry").file_name();
        let name = name.to_string_lossy();
        assert!(
            name == "barcelona.yaml" || name.starts_with(".diplomat-"),
            "unexpected file `cities/{name}`"
        );
    }
    ws.run(&["validate"]).code(0).stdout_has("1 file valid");
    // The remaining writes still work.
    ws.run(&["log", "barcelona", "After the kills"]).code(0);
    assert_valid(&ws);
}

// ---------------------------------------------------------------------------------------------
// 6. city edit

#[cfg(unix)]
fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

#[cfg(not(unix))]
fn make_executable(_: &Path) {}

/// An editor script in the workspace that runs `sed -i EXPR` on the file it is given.
fn sed_editor(ws: &Workspace, name: &str, expr: &str) -> PathBuf {
    let path = ws.root().join(name);
    std::fs::write(&path, format!("#!/bin/sh\nsed -i '{expr}' \"$1\"\n")).expect("script");
    make_executable(&path);
    path
}

fn edit_copies(ws: &Workspace) -> Vec<PathBuf> {
    std::fs::read_dir(ws.root().join(".diplomat").join("edit"))
        .map(|dir| dir.flatten().map(|e| e.path()).collect())
        .unwrap_or_default()
}

#[test]
fn city_edit_replaces_the_dossier_with_a_valid_edit() {
    let ws = barcelona();
    let editor = sed_editor(&ws, "ok.sh", "s/status: reactivating/status: active/");
    Run::of(
        "city edit",
        ws.cmd(["city", "edit", "بارسلون"]).env("EDITOR", &editor),
    )
    .code(0);
    let expected = replace_once(BARCELONA, "status: reactivating", "status: active");
    assert_file(&ws, "barcelona.yaml", &expected);
    assert!(
        edit_copies(&ws).is_empty(),
        "the copy is removed once saved"
    );
    assert_valid(&ws);
}

#[test]
fn city_edit_keeps_the_original_and_the_copy_when_the_edit_is_invalid() {
    let ws = barcelona();
    let editor = sed_editor(&ws, "bad.sh", "s/status: reactivating/status: sleeping/");
    let run = Run::of(
        "city edit",
        ws.cmd(["city", "edit", "barcelona"]).env("EDITOR", &editor),
    );
    run.code(2)
        .stderr_has("cities/barcelona.yaml:10:11")
        .stderr_has("sleeping")
        .stderr_has("kept in");
    assert_eq!(ws.read_city("barcelona.yaml"), BARCELONA.as_bytes());
    let copy = run
        .stderr
        .split("kept in `")
        .nth(1)
        .and_then(|rest| rest.split('`').next())
        .map(PathBuf::from)
        .unwrap_or_else(|| panic!("the copy's path is printed\n{run}"));
    let kept = std::fs::read_to_string(&copy).expect("the copy is kept");
    assert_eq!(
        kept,
        replace_once(BARCELONA, "status: reactivating", "status: sleeping")
    );
    assert_eq!(edit_copies(&ws).len(), 1);
}

#[test]
fn city_edit_without_changes_says_so() {
    let ws = barcelona();
    Run::of(
        "city edit",
        ws.cmd(["city", "edit", "barcelona"]).env("EDITOR", "true"),
    )
    .code(0)
    .stderr_has("no changes");
    assert_eq!(ws.read_city("barcelona.yaml"), BARCELONA.as_bytes());
    assert!(edit_copies(&ws).is_empty());
}

#[test]
fn city_edit_without_an_editor_gives_advice() {
    let ws = barcelona();
    let before = tree(ws.root());
    ws.run(&["city", "edit", "barcelona"])
        .code(2)
        .stderr_has("EDITOR")
        .stderr_has("VISUAL");
    Run::of(
        "city edit",
        ws.cmd(["city", "edit", "barcelona"])
            .env("EDITOR", "  ")
            .env("VISUAL", ""),
    )
    .code(2)
    .stderr_has("EDITOR");
    assert_eq!(ws.read_city("barcelona.yaml"), BARCELONA.as_bytes());
    assert_eq!(tree(ws.root()), before);
}

#[test]
fn city_edit_prefers_visual_over_editor() {
    let ws = barcelona();
    let visual = sed_editor(&ws, "visual.sh", "s/status: reactivating/status: active/");
    let editor = sed_editor(&ws, "editor.sh", "s/status: reactivating/status: dormant/");
    Run::of(
        "city edit",
        ws.cmd(["city", "edit", "barcelona"])
            .env("VISUAL", &visual)
            .env("EDITOR", &editor),
    )
    .code(0);
    assert_file(
        &ws,
        "barcelona.yaml",
        &replace_once(BARCELONA, "status: reactivating", "status: active"),
    );
}

#[test]
fn city_edit_runs_an_editor_command_with_arguments() {
    let ws = barcelona();
    Run::of(
        "city edit",
        ws.cmd(["city", "edit", "barcelona"])
            .env("EDITOR", "sed -i s/reactivating/suspended/"),
    )
    .code(0);
    assert_file(
        &ws,
        "barcelona.yaml",
        &replace_once(BARCELONA, "status: reactivating", "status: suspended"),
    );
    // A failing editor keeps the copy and leaves the dossier alone.
    let run = Run::of(
        "city edit",
        ws.cmd(["city", "edit", "barcelona"])
            .env("EDITOR", "sh -c 'exit 3'"),
    );
    run.code(2).stderr_has("kept in");
    assert_file(
        &ws,
        "barcelona.yaml",
        &replace_once(BARCELONA, "status: reactivating", "status: suspended"),
    );
}

// ---------------------------------------------------------------------------------------------
// 8. fmt

const MESSY: &str = "\u{feff}# Messy dossier\r\ncountry: ES   \r\nslug: messy\r\nrelationship:\r\n  status: active # since 2020\r\n  kind: sister-city\r\n# names below\r\nname:\r\n  local: Mess\r\n  en: Messy  \r\nx-note: kept\t\r\n\r\n\r\n";

const MESSY_CANONICAL: &str = "# Messy dossier\nslug: messy\n# names below\nname:\n  en: Messy\n  local: Mess\ncountry: ES\nrelationship:\n  kind: sister-city\n  status: active # since 2020\nx-note: kept\n";

#[test]
fn fmt_makes_a_messy_dossier_canonical_and_keeps_every_comment() {
    let ws = Workspace::with(&[("messy.yaml", MESSY), ("barcelona.yaml", BARCELONA)]);
    let data = show(&ws, "messy");
    let check = ws.run(&["fmt", "--check"]);
    check.code(1);
    assert_eq!(check.stdout, "cities/messy.yaml\n");
    assert_eq!(
        ws.read_city("messy.yaml"),
        MESSY.as_bytes(),
        "--check writes nothing"
    );

    let run = ws.run(&["fmt"]);
    run.code(0);
    assert_eq!(run.stdout, "cities/messy.yaml\n");
    assert_file(&ws, "messy.yaml", MESSY_CANONICAL);
    assert_eq!(show(&ws, "messy"), data, "fmt changes no value");
    assert_eq!(
        ws.read_city("barcelona.yaml"),
        BARCELONA.as_bytes(),
        "a canonical file is left alone"
    );

    let again = ws.run(&["fmt"]);
    again.code(0);
    assert_eq!(again.stdout, "");
    assert_file(&ws, "messy.yaml", MESSY_CANONICAL);
    let check = ws.run(&["fmt", "--check"]);
    check.code(0);
    assert_eq!(check.stdout, "");
    assert_valid(&ws);
}

/// Quotes YAML does not need come off text (`'ES'`, `"unknown"`, a Persian name), and stay
/// where a reader could take the value for something else (a number, a boolean, a phone, a
/// date, text with `: ` or `#`).
#[test]
fn fmt_takes_off_the_quotes_yaml_does_not_need() {
    const QUOTED: &str = "slug: quoted\nname:\n  en: 'Quoted'\n  fa: \"نقل‌قول\"\ncountry: 'ES'\nrelationship:\n  kind: sister-city\n  status: \"active\"\nsectors: ['tourism', \"urban planning\"]\nx-keep: ['1', \"yes\", '+98 31 0000', \"2026-12-01\", \"a: b\", \"it's\"]\n";
    const BARE: &str = "slug: quoted\nname:\n  en: Quoted\n  fa: نقل‌قول\ncountry: ES\nrelationship:\n  kind: sister-city\n  status: active\nsectors: [tourism, urban planning]\nx-keep: ['1', \"yes\", '+98 31 0000', \"2026-12-01\", \"a: b\", \"it's\"]\n";
    let ws = Workspace::with(&[("quoted.yaml", QUOTED)]);
    let data = show(&ws, "quoted");
    ws.run(&["fmt", "--check"]).code(1);
    ws.run(&["fmt"]).code(0);
    assert_file(&ws, "quoted.yaml", BARE);
    assert_eq!(show(&ws, "quoted"), data, "fmt changes no value");
    ws.run(&["fmt", "--check"]).code(0);
}

/// A one-line flow mapping becomes block style, entries spelled as written; one with a nested
/// list or a comment after it stays. Text holding an escaped invisible character or a tab
/// keeps its quotes, so the escape stays readable in the file.
#[test]
fn fmt_writes_flow_mappings_in_block_style_and_keeps_escapes_quoted() {
    const FLOW: &str = "slug: flow\nname: {en: Flow, fa: \"جریان\"}\ncountry: ES\nrelationship: {kind: sister-city, status: active}\nreadiness:\n  branding: {status: partial, evidence: \"Logo: drafted\"}\n  communication: {status: unknown}  # ask Reza\nactions:\n  - {id: a-1, title: Send the letter, owner: joint, status: open}\nx-nested: {a: [1, 2]}\nx-rlo: \"a\\u202Eb\"\nx-tab: \"a\\tb\"\n";
    const BLOCK: &str = "slug: flow\nname:\n  en: Flow\n  fa: جریان\ncountry: ES\nrelationship:\n  kind: sister-city\n  status: active\nreadiness:\n  communication: {status: unknown}  # ask Reza\n  branding:\n    status: partial\n    evidence: \"Logo: drafted\"\nactions:\n  - id: a-1\n    title: Send the letter\n    owner: joint\n    status: open\nx-nested: {a: [1, 2]}\nx-rlo: \"a\\u202Eb\"\nx-tab: \"a\\tb\"\n";
    let ws = Workspace::with(&[("flow.yaml", FLOW)]);
    let data = show(&ws, "flow");
    ws.run(&["fmt"]).code(0);
    assert_file(&ws, "flow.yaml", BLOCK);
    assert_eq!(show(&ws, "flow"), data, "fmt changes no value");
    ws.run(&["fmt", "--check"]).code(0);
}

#[test]
fn fmt_of_one_city_touches_only_that_file() {
    let other = MESSY.replace("messy", "other");
    let ws = Workspace::with(&[("messy.yaml", MESSY), ("other.yaml", other.as_str())]);
    ws.run(&["fmt", "messy"]).code(0);
    assert_file(&ws, "messy.yaml", MESSY_CANONICAL);
    assert_eq!(ws.read_city("other.yaml"), other.as_bytes());
    let check = ws.run(&["fmt", "--check", "messy"]);
    check.code(0);
    let check = ws.run(&["fmt", "--check", "other"]);
    check.code(1);
    assert_eq!(check.stdout, "cities/other.yaml\n");
}

#[test]
fn fmt_leaves_what_it_cannot_format_safely_as_it_is() {
    // Reordering `name` would move the `" #1"` inside the quoted name, which the comment
    // check cannot tell from a comment: that mapping is left as written, and said so; the
    // rest of the file is still made canonical.
    let unsafe_file = "slug: tee\nname: {local: \"Tee #1\", en: Tee}\ncountry: ES\nrelationship: {kind: sister-city, status: active}\n";
    let formatted = "slug: tee\nname: {local: \"Tee #1\", en: Tee}\ncountry: ES\nrelationship:\n  kind: sister-city\n  status: active\n";
    let ws = Workspace::with(&[("tee.yaml", unsafe_file)]);
    let data = show(&ws, "tee");
    ws.run(&["fmt"])
        .code(0)
        .stderr_has("cities/tee.yaml")
        .stderr_has("left as it is");
    assert_file(&ws, "tee.yaml", formatted);
    ws.run(&["fmt", "tee"]).stderr_has("left as it is");
    assert_file(&ws, "tee.yaml", formatted);
    assert_eq!(show(&ws, "tee"), data);
    assert_valid(&ws);
}

#[test]
fn fmt_keeps_a_literal_block_with_trailing_blanks() {
    let text = "slug: tee\nname: {en: Tee}\nnotes: |\n  keep   \n  this\ncountry: ES\nrelationship: {kind: sister-city, status: active}\n";
    let ws = Workspace::with(&[("tee.yaml", text)]);
    let data = show(&ws, "tee");
    ws.run(&["fmt"]).code(0);
    assert_file(
        &ws,
        "tee.yaml",
        "slug: tee\nname:\n  en: Tee\ncountry: ES\nrelationship:\n  kind: sister-city\n  status: active\nnotes: |\n  keep   \n  this\n",
    );
    assert_eq!(show(&ws, "tee"), data);
}

#[test]
fn fmt_keeps_a_comment_that_ends_a_block_with_that_block() {
    let ws = Workspace::with(&[(
        "tee.yaml",
        "relationship:\n  status: active\n  kind: sister-city\n  # signed date unknown\nslug: tee\nname:\n  en: Tee\ncountry: ES\n",
    )]);
    ws.run(&["fmt"]).code(0);
    assert_file(
        &ws,
        "tee.yaml",
        "slug: tee\nname:\n  en: Tee\ncountry: ES\nrelationship:\n  kind: sister-city\n  status: active\n  # signed date unknown\n",
    );
}

#[test]
fn fmt_reindents_to_two_spaces() {
    let ws = Workspace::with(&[(
        "tee.yaml",
        "slug: tee\nname:\n    en: Tee\ncountry: ES\nrelationship:\n    kind: sister-city\n    status: active\n",
    )]);
    ws.run(&["fmt"]).code(0);
    assert_file(
        &ws,
        "tee.yaml",
        "slug: tee\nname:\n  en: Tee\ncountry: ES\nrelationship:\n  kind: sister-city\n  status: active\n",
    );
}

// ---------------------------------------------------------------------------------------------
// 8. Issue 13: date order, one-line flags, temporary files, read-only dossiers, plausibility

/// A dossier with three interactions before today, commented as analysts do.
const CHRONICLE: &str = "slug: chronicle
name:
  en: Chronicle
country: ES
relationship:
  kind: sister-city
  status: active
interactions:
  # The first contact.
  - date: 2026-11-10
    kind: call
    title: First call
  - date: 2026-11-18
    kind: meeting
    title: Meeting
    # inside the meeting entry
  # The follow-up, agreed at the meeting.
  - date: 2026-11-24
    kind: letter
    title: Follow-up letter
notes: kept
";

#[test]
fn a_back_dated_log_goes_in_date_order_above_the_next_entrys_comments() {
    let ws = Workspace::with(&[("chronicle.yaml", CHRONICLE)]);
    let run = ws.run(&["log", "chronicle", "Late entry", "--date", "2026-11-20"]);
    run.code(0);
    assert!(!run.stderr.contains("warning"), "{run}");
    let expected = insert_after(
        CHRONICLE,
        "    # inside the meeting entry\n",
        "  - date: 2026-11-20\n    kind: meeting\n    title: Late entry\n",
    );
    assert_file(&ws, "chronicle.yaml", &expected);

    // Before every entry: above the first one's comment; on a day already there: after it.
    ws.run(&["log", "chronicle", "Earliest", "--date", "1405/08/10"])
        .code(0);
    ws.run(&["log", "chronicle", "Same day", "--date", "2026-11-18"])
        .code(0);
    let expected = insert_after(
        &insert_after(
            &expected,
            "interactions:\n",
            "  - date: 2026-11-01\n    kind: meeting\n    title: Earliest\n",
        ),
        "    # inside the meeting entry\n",
        "  - date: 2026-11-18\n    kind: meeting\n    title: Same day\n",
    );
    assert_file(&ws, "chronicle.yaml", &expected);
    let dates: Vec<Value> = show(&ws, "chronicle")["interactions"]
        .as_array()
        .expect("interactions")
        .iter()
        .map(|i| i["date"].clone())
        .collect();
    assert_eq!(
        dates,
        [
            "2026-11-01",
            "2026-11-10",
            "2026-11-18",
            "2026-11-18",
            "2026-11-20",
            "2026-11-24"
        ]
        .map(|d| json!(d))
    );
    assert_valid(&ws);
}

#[test]
fn the_issues_week_stays_chronological() {
    // Seen after a week: 11-24, 12-01, 12-05, 12-02. Today is 11-26 here, so the days are moved
    // back by a month.
    let dossier = "slug: week\nname:\n  en: Week\ncountry: ES\nrelationship:\n  kind: sister-city\n  status: active\ninteractions:\n  - date: 2026-10-24\n    kind: call\n    title: a\n  - date: 2026-11-01\n    kind: call\n    title: b\n  - date: 2026-11-05\n    kind: call\n    title: c\n";
    let ws = Workspace::with(&[("week.yaml", dossier)]);
    ws.run(&["log", "week", "d", "--date", "2026-11-02"])
        .code(0);
    let expected = insert_after(
        dossier,
        "  - date: 2026-11-01\n    kind: call\n    title: b\n",
        "  - date: 2026-11-02\n    kind: meeting\n    title: d\n",
    );
    assert_file(&ws, "week.yaml", &expected);
}

#[test]
fn a_back_dated_entry_in_a_list_set_apart_by_blank_lines_is_set_apart_too() {
    let dossier = "slug: apart\nname:\n  en: Apart\ncountry: ES\nrelationship:\n  kind: sister-city\n  status: active\n\ninteractions:\n  - date: 2026-11-10\n    kind: call\n    title: a\n\n  - date: 2026-11-20\n    kind: call\n    title: b\n\nnotes: kept\n";
    let ws = Workspace::with(&[("apart.yaml", dossier)]);
    ws.run(&["log", "apart", "between", "--date", "2026-11-15"])
        .code(0);
    let expected = insert_after(
        dossier,
        "    title: a\n\n",
        "  - date: 2026-11-15\n    kind: meeting\n    title: between\n\n",
    );
    assert_file(&ws, "apart.yaml", &expected);
    assert_valid(&ws);
}

#[test]
fn a_back_dated_review_goes_before_the_later_ones() {
    let ws = barcelona();
    let run = ws.run(&[
        "review",
        "add",
        "barcelona",
        "--date",
        "2026-11-01",
        "--outcome",
        "Earlier session",
    ]);
    run.code(0);
    assert!(!run.stderr.contains("warning"), "{run}");
    let expected = insert_after(
        BARCELONA,
        "reviews:\n",
        "  - date: 2026-11-01\n    outcome: Earlier session\n",
    );
    assert_file(&ws, "barcelona.yaml", &expected);
    assert_valid(&ws);
}

#[test]
fn city_new_refuses_a_name_that_would_write_yaml() {
    let ws = barcelona();
    let before = tree(ws.root());
    let run = ws.run(&[
        "city",
        "new",
        "nl",
        "--name",
        "Foo\nx-injected: pwned\n#",
        "--country",
        "FR",
    ]);
    run.code(2);
    assert_eq!(
        run.stderr,
        "error: `--name` holds a line break (U+000A): give it as one line of text, without control characters; nothing was written\n"
    );
    assert_eq!(tree(ws.root()), before);

    // `#` and `: ` are data, in the comment and in the value alike.
    let name = "Foo # x-injected: pwned";
    ws.run(&["city", "new", "nl", "--name", name, "--country", "FR"])
        .code(0);
    let text = read_text(&ws, "nl.yaml");
    assert!(text.contains("  en: 'Foo # x-injected: pwned'\n"), "{text}");
    assert!(!text.lines().any(|l| l.starts_with("x-injected")), "{text}");
    let data = show(&ws, "nl");
    assert_eq!(data["name"], json!({"en": name}));
    assert!(data.get("x-injected").is_none(), "{data}");
    assert_valid(&ws);
}

#[test]
fn city_new_refuses_a_template_that_does_not_keep_the_name_as_data() {
    let ws = Workspace::new();
    ws.file(
        "templates/city.yaml",
        "slug: {{ slug }}\nname:\n  en: {{ name_en }}\ncountry: {{ country }}\nrelationship:\n  kind: {{ kind }}\n  status: {{ status }}\n",
    );
    let before = tree(ws.root());
    ws.run(&["city", "new", "nl", "--name", "Foo #bar", "--country", "NL"])
        .code(2)
        .stderr_has("`templates/city.yaml` does not keep `--name` as given: it reads back as `Foo`")
        .stderr_has("`{{ name_en | yaml }}`");
    assert_eq!(tree(ws.root()), before);
    // A name that needs no quotes is written by the same template.
    ws.run(&["city", "new", "nl", "--name", "Foo", "--country", "NL"])
        .code(0);
}

/// Every one-line text flag of every write command, with `X` where the value goes.
fn one_line_flags() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        ("the title", vec!["log", "barcelona", "X"]),
        ("--with", vec!["log", "barcelona", "t", "--with", "X"]),
        (
            "the title",
            vec!["action", "add", "barcelona", "X", "--owner", "joint"],
        ),
        (
            "--outcome",
            vec![
                "review",
                "add",
                "barcelona",
                "--date",
                "2026-11-20",
                "--outcome",
                "X",
            ],
        ),
        (
            "--participant",
            vec![
                "review",
                "add",
                "barcelona",
                "--date",
                "2026-11-20",
                "--outcome",
                "o",
                "--participant",
                "X",
            ],
        ),
        (
            "--evidence",
            vec![
                "readiness",
                "set",
                "barcelona",
                "branding",
                "met",
                "--evidence",
                "X",
            ],
        ),
        (
            "--name",
            vec![
                "facilitator",
                "add",
                "barcelona",
                "--id",
                "new-person",
                "--name",
                "X",
            ],
        ),
        (
            "--name-fa",
            vec![
                "facilitator",
                "add",
                "barcelona",
                "--name",
                "New Person",
                "--name-fa",
                "X",
            ],
        ),
        (
            "--language",
            vec![
                "facilitator",
                "add",
                "barcelona",
                "--name",
                "New Person",
                "--language",
                "X",
            ],
        ),
        (
            "--expertise",
            vec![
                "facilitator",
                "add",
                "barcelona",
                "--name",
                "New Person",
                "--expertise",
                "X",
            ],
        ),
        (
            "--connection",
            vec![
                "facilitator",
                "add",
                "barcelona",
                "--name",
                "New Person",
                "--connection",
                "X",
            ],
        ),
        (
            "--email",
            vec![
                "facilitator",
                "add",
                "barcelona",
                "--name",
                "New Person",
                "--email",
                "X",
            ],
        ),
        (
            "--phone",
            vec![
                "facilitator",
                "add",
                "barcelona",
                "--name",
                "New Person",
                "--phone",
                "X",
            ],
        ),
        (
            "--name",
            vec![
                "contact",
                "add",
                "barcelona",
                "--id",
                "new-person",
                "--role",
                "expert",
                "--name",
                "X",
            ],
        ),
        (
            "--organization",
            vec![
                "contact",
                "add",
                "barcelona",
                "--name",
                "New Person",
                "--role",
                "expert",
                "--organization",
                "X",
            ],
        ),
        (
            "--language",
            vec![
                "contact",
                "add",
                "barcelona",
                "--name",
                "New Person",
                "--role",
                "expert",
                "--language",
                "X",
            ],
        ),
        (
            "--email",
            vec![
                "contact",
                "add",
                "barcelona",
                "--name",
                "New Person",
                "--role",
                "expert",
                "--email",
                "X",
            ],
        ),
        (
            "--phone",
            vec![
                "contact",
                "add",
                "barcelona",
                "--name",
                "New Person",
                "--role",
                "expert",
                "--phone",
                "X",
            ],
        ),
        (
            "the title",
            vec![
                "opportunity",
                "add",
                "barcelona",
                "X",
                "--sector",
                "tourism",
            ],
        ),
        (
            "--sector",
            vec!["opportunity", "add", "barcelona", "t", "--sector", "X"],
        ),
        (
            "--name",
            vec!["city", "new", "nl", "--country", "NL", "--name", "X"],
        ),
        (
            "--name-fa",
            vec![
                "city",
                "new",
                "nl",
                "--country",
                "NL",
                "--name",
                "N",
                "--name-fa",
                "X",
            ],
        ),
    ]
}

#[test]
fn no_one_line_flag_takes_a_control_character() {
    let ws = barcelona();
    let before = tree(ws.root());
    let controls = [
        ("\n", "a line break (U+000A)"),
        ("\r", "a carriage return (U+000D)"),
        ("\t", "a tab (U+0009)"),
        ("\u{1b}[2J", "a control character (U+001B)"),
        ("\u{7f}", "a control character (U+007F)"),
        ("\u{85}", "a control character (U+0085)"),
        ("\u{2028}", "a line separator (U+2028)"),
    ];
    for (flag, args) in one_line_flags() {
        for (control, said) in controls {
            let value = format!("Foo{control}x-injected: pwned");
            let args: Vec<&str> = args
                .iter()
                .map(|a| if *a == "X" { value.as_str() } else { a })
                .collect();
            let shown = if flag.starts_with("--") {
                format!("`{flag}`")
            } else {
                flag.to_owned()
            };
            let run = Run::of(format!("{args:?}"), &mut ws.cmd(&args));
            run.code(2).stderr_has(&format!(
                "error: {shown} holds {said}: give it as one line of text"
            ));
            assert_eq!(tree(ws.root()), before, "after {args:?}");
            assert_eq!(
                ws.read_city("barcelona.yaml"),
                BARCELONA.as_bytes(),
                "after {args:?}"
            );
        }
    }
}

#[test]
fn a_summary_keeps_its_lines_but_takes_no_other_control_character() {
    let ws = barcelona();
    ws.run(&["log", "barcelona", "t", "--summary", "a\u{1b}[31mred"])
        .code(2)
        .stderr_has("error: `--summary` holds a control character (U+001B): it may hold line breaks, but no other control characters; nothing was written");
    assert_eq!(ws.read_city("barcelona.yaml"), BARCELONA.as_bytes());
    // Lines from Windows are stored with LF, in a `|` block, never as keys.
    ws.run(&[
        "log",
        "barcelona",
        "t",
        "--summary",
        "First\r\nx-injected: pwned",
    ])
    .code(0);
    let expected = insert_after(
        BARCELONA,
        "      Agreed to exchange lists of exportable goods before the end of Azar.\n",
        "  - date: 2026-11-26\n    kind: meeting\n    title: t\n    summary: |-\n      First\n      x-injected: pwned\n",
    );
    assert_file(&ws, "barcelona.yaml", &expected);
    assert_valid(&ws);
}

#[test]
fn city_new_blames_the_country_code_not_the_template() {
    let ws = barcelona();
    let before = tree(ws.root());
    let run = ws.run(&["city", "new", "kyoto", "--name", "Kyoto", "--country", "UK"]);
    run.code(2);
    assert_eq!(
        run.stderr,
        "error: `--country UK` is not an ISO 3166-1 country code\n  = help: did you mean `GB`?\n"
    );
    ws.run(&["city", "new", "kyoto", "--name", "Kyoto", "--country", "ZZ"])
        .code(2)
        .stderr_has("`--country ZZ` is not an ISO 3166-1 country code")
        .stderr_has("e.g. `ES` for Spain")
        .stderr_lacks("templates/city.yaml");
    assert_eq!(tree(ws.root()), before);
    ws.run(&["city", "new", "kyoto", "--name", "Kyoto", "--country", "gb"])
        .code(0);
    assert_eq!(show(&ws, "kyoto")["country"], "GB");
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[cfg(unix)]
#[test]
fn a_read_only_dossier_is_refused_by_every_write() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA), ("florence.yaml", FLORENCE)]);
    set_mode(&ws.city_path("barcelona.yaml"), 0o444);
    // The workspace lock is taken before the dossier is looked at; it is local state.
    let files = || {
        let mut files = tree(ws.root());
        files.remove(Path::new(".diplomat/lock"));
        files
    };
    let before = files();
    for args in [
        vec!["log", "barcelona", "x"],
        vec!["action", "add", "barcelona", "x", "--owner", "joint"],
        vec!["action", "done", "barcelona", "a-7k2m"],
        vec!["readiness", "set", "barcelona", "branding", "met"],
        vec![
            "review",
            "add",
            "barcelona",
            "--date",
            "2026-11-20",
            "--outcome",
            "o",
        ],
    ] {
        let run = Run::of(format!("{args:?}"), &mut ws.cmd(&args));
        run.code(2)
            .stderr_has("`cities/barcelona.yaml` is read-only, so it was not changed")
            .stderr_has("`chmod u+w cities/barcelona.yaml`");
        assert_eq!(ws.read_city("barcelona.yaml"), BARCELONA.as_bytes());
        assert_eq!(files(), before, "after {args:?}");
    }
    let run = ws.run(&["log", "barcelona", "x"]);
    assert_eq!(
        run.stderr,
        "error: `cities/barcelona.yaml` is read-only, so it was not changed\n  = help: if it should change, make it writable first (`chmod u+w cities/barcelona.yaml`)\n"
    );
    // `fmt` leaves a read-only file as it is too.
    let messy = "slug: tee\nname:\n    en: Tee\ncountry: ES\nrelationship:\n    kind: sister-city\n    status: active\n";
    ws.city("tee.yaml", messy);
    set_mode(&ws.city_path("tee.yaml"), 0o444);
    ws.run(&["fmt", "tee"]).code(2).stderr_has("is read-only");
    assert_eq!(ws.read_city("tee.yaml"), messy.as_bytes());
    // Others stay writable; so does the dossier once the analyst allows it.
    ws.run(&["log", "florence", "x"]).code(0);
    set_mode(&ws.city_path("barcelona.yaml"), 0o644);
    ws.run(&["log", "barcelona", "x"]).code(0);
}

/// `path`'s modification time set `age` in the past.
fn age(path: &Path, age: Duration) {
    let file = std::fs::File::options()
        .write(true)
        .open(path)
        .expect("file opens");
    let then = std::time::SystemTime::now() - age;
    file.set_modified(then).expect("mtime set");
}

#[test]
fn a_write_removes_stale_temporary_files_and_only_them() {
    let ws = barcelona();
    let stale = [".diplomat-abc123", ".diplomat-Z9y8X7"];
    let kept = [
        ".diplomat-fresh1",  // a write may be using it right now
        ".diplomat-abc1234", // not a name a write makes
        ".diplomat-abc12.yaml",
        "diplomat-abc123",
        ".other-abc123",
    ];
    for name in stale.iter().chain(&kept) {
        ws.city(name, BARCELONA);
        if *name != ".diplomat-fresh1" {
            age(&ws.city_path(name), Duration::from_secs(3600));
        }
    }
    ws.run(&["city", "list"]).code(0);
    ws.run(&["validate"]).code(0);
    for name in stale.iter().chain(&kept) {
        assert!(ws.city_path(name).exists(), "a read removed `{name}`");
    }
    ws.run(&["log", "barcelona", "x"]).code(0);
    for name in stale {
        assert!(!ws.city_path(name).exists(), "`{name}` is still there");
    }
    for name in kept {
        assert!(ws.city_path(name).exists(), "`{name}` was removed");
    }
}

/// What `diplomat` answers a shell completing `words`.
fn complete(ws: &Workspace, words: &[&str]) -> Run {
    let mut cmd = crate::support::diplomat();
    cmd.env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", words.len().to_string())
        .env("_CLAP_COMPLETE_COMP_TYPE", "9")
        .env("_CLAP_COMPLETE_SPACE", "true")
        .env("_CLAP_IFS", "\n")
        .env("DIPLOMAT_WORKSPACE", ws.root())
        .arg("--")
        .arg("diplomat")
        .args(words);
    Run::of(format!("complete {words:?}"), &mut cmd)
}

#[test]
fn reads_validate_fmt_and_completions_never_see_a_temporary_file() {
    let ws = barcelona();
    // A leftover copy (same slug: a duplicate if it were read) and a broken one.
    ws.city(".diplomat-abc123", BARCELONA);
    ws.city(".diplomat-def456", "slug: [broken\n");
    let run = ws.run(&["city", "list", "--format", "json"]);
    run.code(0).stderr_empty();
    assert_eq!(run.json().as_array().map(Vec::len), Some(1));
    ws.run(&["--strict", "check"]).stderr_lacks("diplomat-");
    ws.run(&["validate"])
        .code(0)
        .stdout_has("1 file valid")
        .stderr_empty();
    ws.run(&["validate", "cities"])
        .code(0)
        .stdout_has("1 file valid");
    ws.run(&["fmt", "--check"])
        .code(0)
        .stdout_lacks("diplomat-");
    ws.run(&["--strict", "facilitator", "list"])
        .code(0)
        .stderr_empty();
    ws.run(&["--strict", "report", "weekly", "--format", "json"])
        .code(0);
    complete(&ws, &["log", ""])
        .code(0)
        .stdout_has("barcelona")
        .stdout_lacks("diplomat-");
}

/// The workspace as a git repository of its own.
fn git_init(ws: &Workspace) {
    crate::support::git(ws, &["init", "-q"], "Analyst", "2026-11-26T10:00:00");
}

fn ignored(ws: &Workspace, path: &str) -> bool {
    std::process::Command::new("git")
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", ws.root())
        .current_dir(ws.root())
        .args(["check-ignore", "-q", path])
        .status()
        .expect("git runs")
        .success()
}

#[test]
fn init_and_hook_install_keep_temporary_files_out_of_git() {
    let ws = Workspace::new();
    let dir = ws.root().join("fresh");
    Run::of("init", crate::support::diplomat().arg("init").arg(&dir)).code(0);
    let ignore = std::fs::read_to_string(dir.join(".gitignore")).expect(".gitignore");
    assert!(ignore.lines().any(|l| l == ".diplomat-*"), "{ignore}");
    assert!(ignore.lines().any(|l| l == ".diplomat/"), "{ignore}");

    // An existing `.gitignore` is kept, and completed once.
    let ws = barcelona();
    git_init(&ws);
    ws.file(".gitignore", "target/\n*.bak");
    let mut install = ws.cmd(["hook", "install"]);
    install.env(
        "GIT_CEILING_DIRECTORIES",
        ws.root().parent().expect("a parent"),
    );
    Run::of("hook install", &mut install)
        .code(0)
        .stderr_has("added `.diplomat/` and `.diplomat-*` to `.gitignore`");
    let expected = "target/\n*.bak\n# diplomat's local state: the workspace lock, caches, copies being edited.\n.diplomat/\n# The temporary file of an interrupted diplomat write; the next write removes it.\n.diplomat-*\n";
    let read = || std::fs::read_to_string(ws.root().join(".gitignore")).expect(".gitignore");
    assert_eq!(read(), expected);
    Run::of("hook install", &mut install)
        .code(0)
        .stderr_lacks(".gitignore");
    assert_eq!(read(), expected);
    ws.city(".diplomat-abc123", BARCELONA);
    assert!(ignored(&ws, "cities/.diplomat-abc123"));
    assert!(!ignored(&ws, "cities/barcelona.yaml"));

    // Only the missing line is added.
    ws.file(".gitignore", ".diplomat/\n");
    Run::of("hook install", &mut install)
        .code(0)
        .stderr_has("added `.diplomat-*` to `.gitignore`");
    assert_eq!(
        read(),
        ".diplomat/\n# The temporary file of an interrupted diplomat write; the next write removes it.\n.diplomat-*\n"
    );
}

#[test]
fn unlikely_dates_are_written_with_a_warning() {
    let ws = barcelona();
    let run = ws.run(&[
        "action",
        "add",
        "barcelona",
        "Old",
        "--owner",
        "joint",
        "--due",
        "1404/01/01",
    ]);
    run.code(0);
    assert_eq!(
        run.stderr.lines().next(),
        Some(
            "warning: `--due 1404/01/01` (2025-03-21) is more than a year before today (2026-11-26); it was written as given: check the date"
        )
    );
    let id = assert_new_id(&run.stdout, 'a');
    let actions = show(&ws, "barcelona")["actions"].clone();
    assert_eq!(actions[2]["id"], json!(id));
    assert_eq!(actions[2]["due"], "2025-03-21");

    let run = ws.run(&["log", "barcelona", "Planned", "--date", "1406/01/01"]);
    run.code(0);
    assert_eq!(
        run.stderr.lines().next(),
        Some(
            "warning: `--date 1406/01/01` (2027-03-21) is after today (2026-11-26); it was written as given: check the date"
        )
    );
    let interactions = show(&ws, "barcelona")["interactions"].clone();
    assert_eq!(interactions[1]["date"], "2027-03-21");

    for (args, warning) in [
        (
            vec![
                "review",
                "add",
                "barcelona",
                "--date",
                "2026-12-01",
                "--outcome",
                "o",
            ],
            "`--date 2026-12-01` is after today",
        ),
        (
            vec![
                "action",
                "done",
                "barcelona",
                "a-7k2m",
                "--on",
                "2026-11-27",
            ],
            "`--on 2026-11-27` is after today",
        ),
        (
            vec!["action", "set", "barcelona", &id, "--due", "2025-11-25"],
            "`--due 2025-11-25` is more than a year before today",
        ),
        (
            vec![
                "readiness",
                "set",
                "barcelona",
                "branding",
                "met",
                "--date",
                "2027-01-01",
            ],
            "`--date 2027-01-01` is after today",
        ),
    ] {
        ws.run(&args)
            .code(0)
            .stderr_has(&format!("warning: {warning}"));
    }
    // In Persian, and not at all under `--quiet`.
    ws.run(&[
        "--lang",
        "fa",
        "log",
        "barcelona",
        "x",
        "--date",
        "2026-11-27",
    ])
    .code(0)
    .stderr_has("هشدار: ")
    .stderr_has("پس از امروز");
    ws.run(&["-q", "log", "barcelona", "x", "--date", "2026-11-27"])
        .code(0)
        .stderr_empty();
    // Plausible dates say nothing: a year ago exactly, today, an action a little overdue.
    for args in [
        vec![
            "action",
            "add",
            "barcelona",
            "t",
            "--owner",
            "joint",
            "--due",
            "2025-11-26",
        ],
        vec![
            "action",
            "add",
            "barcelona",
            "t",
            "--owner",
            "joint",
            "--due",
            "2026-10-01",
        ],
        vec!["log", "barcelona", "x", "--date", "today"],
        vec![
            "review",
            "add",
            "barcelona",
            "--date",
            "2026-11-26",
            "--outcome",
            "o",
        ],
    ] {
        ws.run(&args).code(0).stderr_lacks("warning");
    }
    assert_valid(&ws);
}

// ---------------------------------------------------------------------------------------------
// 9. Property test: random dossiers with comments, random write sequences

mod property {
    use proptest::prelude::*;
    use serde_json::{Map, Value, json};

    use super::lcs;
    use crate::support::Workspace;

    /// Texts that need care: YAML 1.2 look-alikes, indicators, Persian, numbers as text.
    const TRICKY: &[&str] = &[
        "no",
        "yes",
        "NO",
        "on",
        "null",
        "~",
        "true",
        "a: b",
        "#x",
        "x #y",
        "- y",
        "? q",
        "[z]",
        "{w}",
        "&anchor",
        "*alias",
        "!tag",
        "%pct",
        "@at",
        "`tick`",
        "|pipe",
        ">fold",
        "it's",
        "\"quoted\"",
        "42",
        "3.14",
        "0o17",
        "0x1F",
        "1e3",
        ".inf",
        "-12",
        "2026-01-01",
        "سلام دنیا",
        "تسهیل‌گر نمونه",
        "۱۴۰۵",
        "Plain words",
        "ends with colon:",
        "a,b",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            proptest::sample::select(TRICKY).prop_map(str::to_owned),
            "[a-zA-Z0-9 :#'\",{}\\[\\]&*!|>%@?-]{1,12}",
            "[a-z]{1,8}( [a-z]{1,8}){0,3}",
        ]
        .prop_filter("something to say", |s| !s.trim().is_empty())
    }

    fn summary() -> impl Strategy<Value = String> {
        prop_oneof![
            text(),
            (text(), text()).prop_map(|(a, b)| format!("{}\n{}", a.trim(), b.trim())),
            (text(), text()).prop_map(|(a, b)| format!("{}\n{}\n", a.trim(), b.trim())),
            Just("First line.\n\nAfter a blank line.".to_owned()),
            Just("  indented first line\nsecond".to_owned()),
            Just("kept blank lines at the end\n\n".to_owned()),
            Just("tabs\tinside\nand trailing spaces   \nend".to_owned()),
        ]
    }

    /// A scalar in one of the styles analysts write.
    fn scalar(value: &str, style: u8) -> String {
        let plain_safe = value.chars().all(|c| c.is_ascii_alphabetic() || c == ' ')
            && !value.starts_with(' ')
            && !value.ends_with(' ')
            && !["no", "yes", "on", "off", "null", "true", "false", "y", "n"]
                .contains(&value.to_lowercase().as_str());
        match style % 3 {
            0 if plain_safe => value.to_owned(),
            1 => format!("'{}'", value.replace('\'', "''")),
            _ => serde_json::to_string(value).unwrap_or_default(),
        }
    }

    #[derive(Debug, Clone)]
    struct Shape {
        name: String,
        facilitators: Option<Vec<String>>,
        contact: Option<String>,
        readiness: Option<Vec<(usize, usize, Option<String>)>>,
        actions: Option<Vec<(String, bool, Option<u8>)>>,
        interactions: Option<Vec<(String, Option<String>)>>,
        opportunities: Option<Vec<String>>,
        notes: Option<String>,
        x_key: Option<String>,
        /// Decides where comments and blank lines go, and scalar styles.
        noise: Vec<u8>,
    }

    fn shape() -> impl Strategy<Value = Shape> {
        (
            text(),
            proptest::option::of(proptest::collection::vec(text(), 1..3)),
            proptest::option::of(text()),
            proptest::option::of(proptest::collection::vec(
                (0..6usize, 0..4usize, proptest::option::of(text())),
                0..4,
            )),
            proptest::option::of(proptest::collection::vec(
                (text(), any::<bool>(), proptest::option::of(1..28u8)),
                1..4,
            )),
            proptest::option::of(proptest::collection::vec(
                (text(), proptest::option::of(summary())),
                1..3,
            )),
            proptest::option::of(proptest::collection::vec(text(), 1..3)),
            proptest::option::of(summary()),
            proptest::option::of(text()),
            proptest::collection::vec(any::<u8>(), 64),
        )
            .prop_map(
                |(
                    name,
                    facilitators,
                    contact,
                    readiness,
                    actions,
                    interactions,
                    opportunities,
                    notes,
                    x_key,
                    noise,
                )| Shape {
                    name,
                    facilitators,
                    contact,
                    readiness,
                    actions,
                    interactions,
                    opportunities,
                    notes,
                    x_key,
                    noise,
                },
            )
    }

    const REQUIREMENTS: [&str; 6] = [
        "communication",
        "international_environment",
        "diplomatic_support",
        "investment_readiness",
        "branding",
        "international_capacity",
    ];
    const READINESS: [&str; 4] = ["met", "partial", "unmet", "unknown"];
    const OWNERS: [&str; 3] = ["municipality", "chamber", "joint"];
    const KINDS: [&str; 6] = ["meeting", "letter", "call", "visit", "event", "other"];
    const STAGES: [&str; 6] = [
        "idea",
        "exploring",
        "negotiating",
        "agreed",
        "closed",
        "lost",
    ];

    /// Builds the dossier text. Comments carry a marker `⟪n⟫` so they can be counted.
    struct Writer<'a> {
        lines: Vec<String>,
        noise: &'a [u8],
        at: usize,
        comments: usize,
    }

    impl Writer<'_> {
        fn roll(&mut self) -> u8 {
            let value = self.noise[self.at % self.noise.len()];
            self.at += 1;
            value
        }

        fn comment(&mut self) -> String {
            self.comments += 1;
            let texts = [
                "note",
                "a: b",
                "- not a list",
                "سلام",
                "'quoted'",
                "#again",
                "",
            ];
            let pick = texts[usize::from(self.roll()) % texts.len()];
            format!("# ⟪{}⟫ {pick}", self.comments)
        }

        /// Before a top-level key or a list entry: maybe a blank line, maybe a comment line.
        fn gap(&mut self, indent: &str) {
            let roll = self.roll();
            if roll.is_multiple_of(4) {
                self.lines.push(String::new());
            }
            if roll.is_multiple_of(3) {
                let c = self.comment();
                self.lines.push(format!("{indent}{c}"));
            }
        }

        /// A `key: value` line, maybe with an inline comment.
        fn line(&mut self, text: String) {
            if self.roll().is_multiple_of(5) {
                let c = self.comment();
                self.lines.push(format!("{text} {c}"));
            } else {
                self.lines.push(text);
            }
        }

        fn scalar(&mut self, value: &str) -> String {
            let style = self.roll();
            scalar(value, style)
        }

        /// A block scalar (`|`, `|-` or `|+` as the text needs) or a quoted one.
        fn text(&mut self, key_line: &str, indent: &str, value: &str) {
            if value.contains('\n') && !value.starts_with(' ') && !value.ends_with("\n\n") {
                let chomp = if value.ends_with('\n') { "" } else { "-" };
                self.line(format!("{key_line} |{chomp}"));
                for l in value.trim_end_matches('\n').split('\n') {
                    if l.is_empty() {
                        self.lines.push(String::new());
                    } else {
                        self.lines.push(format!("{indent}  {l}"));
                    }
                }
            } else {
                let v = if value.contains('\n') {
                    serde_json::to_string(value).unwrap_or_default()
                } else {
                    self.scalar(value)
                };
                self.line(format!("{key_line} {v}"));
            }
        }
    }

    fn dossier(shape: &Shape) -> String {
        let mut w = Writer {
            lines: Vec::new(),
            noise: &shape.noise,
            at: 0,
            comments: 0,
        };
        w.gap("");
        w.line("slug: prop".to_owned());
        w.lines.push("name:".to_owned());
        let name = w.scalar(&shape.name);
        w.line(format!("  en: {name}"));
        w.line("  fa: شهر".to_owned());
        w.gap("");
        w.line("country: ES".to_owned());
        w.lines.push("relationship:".to_owned());
        w.line("  kind: sister-city".to_owned());
        w.line("  status: active".to_owned());
        if let Some(people) = &shape.facilitators {
            w.gap("");
            w.lines.push("facilitators:".to_owned());
            for (i, name) in people.iter().enumerate() {
                w.gap("  ");
                w.line(format!("  - id: person-{i}"));
                let n = w.scalar(name);
                w.line(format!("    name: {n}"));
                w.line("    status: active".to_owned());
            }
        }
        if let Some(name) = &shape.contact {
            w.gap("");
            w.lines.push("contacts:".to_owned());
            w.gap("  ");
            w.line("  - id: contact-0".to_owned());
            let n = w.scalar(name);
            w.line(format!("    name: {n}"));
            w.line("    role: expert".to_owned());
        }
        if let Some(items) = &shape.readiness {
            w.gap("");
            w.lines.push("readiness:".to_owned());
            let mut seen = [false; 6];
            for (req, status, evidence) in items {
                if std::mem::replace(&mut seen[*req], true) {
                    continue;
                }
                w.gap("  ");
                w.lines.push(format!("  {}:", REQUIREMENTS[*req]));
                w.line(format!("    status: {}", READINESS[*status]));
                if let Some(e) = evidence {
                    let e = w.scalar(e);
                    w.line(format!("    evidence: {e}"));
                }
            }
            if items.is_empty() {
                // `readiness:` with nothing under it is null, not a mapping: give it one item.
                w.lines.push("  branding:".to_owned());
                w.line("    status: unknown".to_owned());
            }
        }
        if let Some(actions) = &shape.actions {
            w.gap("");
            w.lines.push("actions:".to_owned());
            for (i, (title, done, due)) in actions.iter().enumerate() {
                w.gap("  ");
                w.line(format!("  - id: a-p{i:03}"));
                let t = w.scalar(title);
                w.line(format!("    title: {t}"));
                w.line(format!("    owner: {}", OWNERS[i % 3]));
                if let Some(d) = due {
                    w.line(format!("    due: 2026-12-{d:02}"));
                }
                if *done {
                    w.line("    status: done".to_owned());
                    w.line("    done: 2026-11-01".to_owned());
                } else {
                    w.line("    status: open".to_owned());
                }
            }
        }
        if let Some(items) = &shape.interactions {
            w.gap("");
            w.lines.push("interactions:".to_owned());
            for (i, (title, summary)) in items.iter().enumerate() {
                w.gap("  ");
                w.line(format!("  - date: 2026-10-{:02}", i + 1));
                w.line(format!("    kind: {}", KINDS[i % 6]));
                let t = w.scalar(title);
                w.line(format!("    title: {t}"));
                if let Some(s) = summary {
                    w.text("    summary:", "    ", s);
                }
            }
        }
        if let Some(items) = &shape.opportunities {
            w.gap("");
            w.lines.push("opportunities:".to_owned());
            for (i, title) in items.iter().enumerate() {
                w.gap("  ");
                w.line(format!("  - id: o-p{i:03}"));
                let t = w.scalar(title);
                w.line(format!("    title: {t}"));
                w.line("    sector: tourism".to_owned());
                w.line(format!("    stage: {}", STAGES[i % 6]));
            }
        }
        if let Some(notes) = &shape.notes {
            w.gap("");
            w.text("notes:", "", notes);
        }
        if let Some(x) = &shape.x_key {
            w.gap("");
            let v = w.scalar(x);
            w.line(format!("x-extra: {v}"));
        }
        w.gap("");
        let mut text = w.lines.join("\n");
        text.push('\n');
        text
    }

    #[derive(Debug, Clone)]
    enum Cmd {
        Log {
            title: String,
            kind: usize,
            day: Option<u8>,
            with: u8,
            summary: Option<String>,
        },
        ActionAdd {
            title: String,
            owner: usize,
            due: Option<u8>,
        },
        ActionDone {
            pick: usize,
            day: Option<u8>,
        },
        ReadinessSet {
            req: usize,
            status: usize,
            evidence: Option<String>,
        },
        OpportunityAdd {
            title: String,
            sector: String,
            stage: usize,
            lead: Option<usize>,
        },
    }

    fn command() -> impl Strategy<Value = Cmd> {
        prop_oneof![
            (
                text(),
                0..6usize,
                proptest::option::of(1..28u8),
                any::<u8>(),
                proptest::option::of(summary())
            )
                .prop_map(|(title, kind, day, with, summary)| Cmd::Log {
                    title,
                    kind,
                    day,
                    with,
                    summary
                }),
            (text(), 0..3usize, proptest::option::of(1..28u8))
                .prop_map(|(title, owner, due)| Cmd::ActionAdd { title, owner, due }),
            (any::<usize>(), proptest::option::of(1..28u8))
                .prop_map(|(pick, day)| Cmd::ActionDone { pick, day }),
            (0..6usize, 0..4usize, proptest::option::of(text())).prop_map(
                |(req, status, evidence)| Cmd::ReadinessSet {
                    req,
                    status,
                    evidence
                }
            ),
            (text(), text(), 0..6usize, proptest::option::of(0..3usize)).prop_map(
                |(title, sector, stage, lead)| Cmd::OpportunityAdd {
                    title,
                    sector,
                    stage,
                    lead
                }
            ),
        ]
    }

    fn date(day: Option<u8>) -> (String, String) {
        match day {
            Some(d) => (format!("2026-11-{d:02}"), format!("2026-11-{d:02}")),
            None => ("today".to_owned(), "2026-11-26".to_owned()),
        }
    }

    fn list(data: &Value, key: &str) -> Vec<Value> {
        data.get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    }

    fn push(data: &mut Value, key: &str, item: Value) {
        let mut items = list(data, key);
        items.push(item);
        data[key] = Value::Array(items);
    }

    /// Puts a dated entry before the first one dated later, as `log` does.
    fn push_dated(data: &mut Value, key: &str, item: Value) {
        let mut items = list(data, key);
        let date = item["date"].as_str().unwrap_or_default().to_owned();
        let at = items
            .iter()
            .position(|i| i["date"].as_str().is_some_and(|d| d > date.as_str()))
            .unwrap_or(items.len());
        items.insert(at, item);
        data[key] = Value::Array(items);
    }

    /// The markers of every comment, in order.
    fn markers(text: &str) -> Vec<String> {
        text.split('⟪')
            .skip(1)
            .filter_map(|rest| rest.split('⟫').next())
            .map(str::to_owned)
            .collect()
    }

    /// Runs one command; returns the expected data after it, and which replaced lines are allowed.
    fn run(
        ws: &Workspace,
        cmd: &Cmd,
        before: &Value,
    ) -> Result<Option<(Value, &'static [&'static str])>, TestCaseError> {
        let mut after = before.clone();
        let mut args: Vec<String> = Vec::new();
        let mut replaced: &'static [&'static str] = &[];
        let mut id_prefix = None;
        match cmd {
            Cmd::Log {
                title,
                kind,
                day,
                with,
                summary,
            } => {
                let people: Vec<String> = list(&after, "facilitators")
                    .iter()
                    .chain(list(&after, "contacts").iter())
                    .filter_map(|p| p["id"].as_str().map(str::to_owned))
                    .collect();
                let with: Vec<String> = people
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| with & (1 << i) != 0)
                    .map(|(_, p)| p.clone())
                    .collect();
                let (given, stored) = date(*day);
                args.extend(["log".into(), format!("--kind={}", KINDS[*kind])]);
                args.push(format!("--date={given}"));
                for p in &with {
                    args.push(format!("--with={p}"));
                }
                if let Some(s) = summary {
                    args.push(format!("--summary={s}"));
                }
                args.extend(["--".into(), "prop".into(), title.clone()]);
                let mut item = Map::new();
                item.insert("date".into(), json!(stored));
                item.insert("kind".into(), json!(KINDS[*kind]));
                item.insert("title".into(), json!(title.trim()));
                if !with.is_empty() {
                    item.insert("with".into(), json!(with));
                }
                if let Some(s) = summary.as_ref().filter(|s| !s.trim().is_empty()) {
                    item.insert("summary".into(), json!(s));
                }
                push_dated(&mut after, "interactions", Value::Object(item));
            }
            Cmd::ActionAdd { title, owner, due } => {
                args.extend([
                    "action".into(),
                    "add".into(),
                    format!("--owner={}", OWNERS[*owner]),
                ]);
                let mut item = Map::new();
                item.insert("id".into(), json!("ID"));
                item.insert("title".into(), json!(title.trim()));
                item.insert("owner".into(), json!(OWNERS[*owner]));
                if let Some(d) = due {
                    args.push(format!("--due=2027-01-{d:02}"));
                    item.insert("due".into(), json!(format!("2027-01-{d:02}")));
                }
                item.insert("status".into(), json!("open"));
                args.extend(["--".into(), "prop".into(), title.clone()]);
                push(&mut after, "actions", Value::Object(item));
                id_prefix = Some('a');
            }
            Cmd::ActionDone { pick, day } => {
                let actions = list(&after, "actions");
                if actions.is_empty() {
                    return Ok(None);
                }
                let index = pick % actions.len();
                let id = actions[index]["id"].as_str().unwrap_or_default().to_owned();
                let (given, stored) = date(*day);
                args.extend([
                    "action".into(),
                    "done".into(),
                    format!("--on={given}"),
                    "--".into(),
                    "prop".into(),
                    id,
                ]);
                after["actions"][index]["status"] = json!("done");
                after["actions"][index]["done"] = json!(stored);
                replaced = &["status:", "done:"];
            }
            Cmd::ReadinessSet {
                req,
                status,
                evidence,
            } => {
                let key = REQUIREMENTS[*req];
                args.extend(["readiness".into(), "set".into()]);
                let previous = after
                    .get("readiness")
                    .and_then(|r| r.get(key))
                    .and_then(|r| r.get("evidence"))
                    .cloned();
                let mut item = Map::new();
                item.insert("status".into(), json!(READINESS[*status]));
                if let Some(e) = evidence {
                    args.push(format!("--evidence={e}"));
                    item.insert("evidence".into(), json!(e.trim()));
                } else if let Some(p) = previous {
                    item.insert("evidence".into(), p);
                }
                item.insert("assessed".into(), json!("2026-11-26"));
                args.extend([
                    "--".into(),
                    "prop".into(),
                    key.into(),
                    READINESS[*status].into(),
                ]);
                if after.get("readiness").is_none() {
                    after["readiness"] = json!({});
                }
                after["readiness"][key] = Value::Object(item);
                replaced = &["status:", "evidence:", "assessed:"];
            }
            Cmd::OpportunityAdd {
                title,
                sector,
                stage,
                lead,
            } => {
                args.extend([
                    "opportunity".into(),
                    "add".into(),
                    format!("--sector={sector}"),
                    format!("--stage={}", STAGES[*stage]),
                ]);
                let mut item = Map::new();
                item.insert("id".into(), json!("ID"));
                item.insert("title".into(), json!(title.trim()));
                item.insert("sector".into(), json!(sector.trim()));
                item.insert("stage".into(), json!(STAGES[*stage]));
                if let Some(l) = lead {
                    args.push(format!("--lead={}", OWNERS[*l]));
                    item.insert("lead".into(), json!(OWNERS[*l]));
                }
                item.insert(
                    "history".into(),
                    json!([{"stage": STAGES[*stage], "date": crate::support::TODAY}]),
                );
                args.extend(["--".into(), "prop".into(), title.clone()]);
                push(&mut after, "opportunities", Value::Object(item));
                id_prefix = Some('o');
            }
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let result = ws.run(&args);
        prop_assert_eq!(result.code, Some(0), "`{}`\n{}", args.join(" "), result);
        if let Some(prefix) = id_prefix {
            let id = super::assert_new_id(&result.stdout, prefix);
            let key = if prefix == 'a' {
                "actions"
            } else {
                "opportunities"
            };
            if let Some(items) = after.get_mut(key).and_then(Value::as_array_mut)
                && let Some(last) = items.last_mut()
            {
                last["id"] = json!(id);
            }
        }
        Ok(Some((after, replaced)))
    }

    fn check_lines(
        before: &str,
        after: &str,
        replaced: &[&str],
        what: &str,
    ) -> Result<(), TestCaseError> {
        let a: Vec<&str> = before.split('\n').collect();
        let b: Vec<&str> = after.split('\n').collect();
        let partner = lcs(&a, &b);
        let diff = super::line_diff(before, after);
        for (i, line) in a.iter().enumerate() {
            if partner[i].is_none() {
                let key = line.trim_start();
                prop_assert!(
                    !key.starts_with('#'),
                    "`{}` deleted a comment line {:?}\n{}",
                    what,
                    line,
                    diff
                );
                prop_assert!(
                    replaced.iter().any(|r| key.starts_with(r)),
                    "`{}` deleted or changed line {:?}, which it must not touch\n{}",
                    what,
                    line,
                    diff
                );
            }
        }
        if replaced.is_empty() {
            // An insertion: the file before is a prefix and a suffix of the file after, with
            // one block of new lines between them.
            let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
            let suffix = a
                .iter()
                .rev()
                .zip(b.iter().rev())
                .take_while(|(x, y)| x == y)
                .count();
            prop_assert!(
                prefix + suffix >= a.len() && b.len() >= a.len(),
                "`{}` did more than insert one block of lines\n{}",
                what,
                diff
            );
        }
        prop_assert_eq!(
            markers(before),
            markers(after),
            "`{}` lost or moved a comment\n{}",
            what,
            diff
        );
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 64,
            failure_persistence: None,
            max_shrink_iters: 256,
            ..ProptestConfig::default()
        })]

        #[test]
        fn random_writes_on_random_dossiers_change_only_their_lines(
            shape in shape(),
            commands in proptest::collection::vec(command(), 1..=4),
        ) {
            let original = dossier(&shape);
            let ws = Workspace::with(&[("prop.yaml", original.as_str())]);
            let first = ws.run(&["city", "show", "prop", "--format", "json"]);
            prop_assert_eq!(first.code, Some(0), "the generated dossier is valid\n{}\n{}", original, first);
            let mut data = first.json();
            let mut text = original.clone();
            for cmd in &commands {
                let what = format!("{cmd:?}");
                let Some((expected, replaced)) = run(&ws, cmd, &data)? else {
                    continue;
                };
                let now = String::from_utf8(ws.read_city("prop.yaml")).unwrap_or_default();
                prop_assert!(
                    ::diplomat::workspace::parse_dossier(std::path::Path::new("cities/prop.yaml"), now.as_bytes(), ::diplomat::i18n::Lang::En).is_ok(),
                    "`{}` left an invalid file\n{}", what, now
                );
                check_lines(&text, &now, replaced, &what)?;
                let shown = ws.run(&["city", "show", "prop", "--format", "json"]);
                prop_assert_eq!(shown.code, Some(0), "{}", shown);
                let actual = shown.json();
                prop_assert_eq!(
                    &actual, &expected,
                    "`{}`: the data read back is not the data before plus the change\n--- file:\n{}",
                    what, now
                );
                data = actual;
                text = now;
            }
            let validate = ws.run(&["validate"]);
            prop_assert_eq!(validate.code, Some(0), "{}\n{}", validate, text);
        }
    }
}
