//! The pool of candidates (`pool.yaml`): its schema, `validate`, `fmt`, the verbs, the merge,
//! encryption and `import facilitators` without `--city`.

use crate::setup::schema_errors_with;
use crate::support::*;

/// A hand-written pool with comments, every field, and an analyst's own key.
pub const POOL: &str = r#"# Sign-ups from the Chamber's fair (invented people).
candidates:
  # Met at the stand on the first day.
  - id: li-wei
    name: Li Wei
    name_fa: لی وی
    languages: [zh, en]
    expertise: [tourism]
    connection: Studied in Xi'an for two years.
    interests: [xian]
    signed_up: 2026-11-20
    source: Chamber sign-up sheet, Azar 1405
    contact:
      email: li.wei@example.org
      phone: "+98 913 000 2222"
    notes: |
      Prefers to be called in the evening.
    x-referred-by: reza-karimi

  - id: neda-ahmadi
    name: Neda Ahmadi
    languages: [it]   # reads, does not speak
    signed_up: 2026-11-22
x-sheet: 1405
"#;

fn pool_schema() -> serde_json::Value {
    let run = Run::of("schema --pool", diplomat().args(["schema", "--pool"]));
    run.code(0);
    run.json()
}

#[test]
fn the_pool_schema_is_draft_07_and_agrees_with_the_reader() {
    let schema = pool_schema();
    assert!(
        schema["$schema"]
            .as_str()
            .unwrap_or_default()
            .contains("draft-07")
    );
    assert_eq!(schema["title"], "diplomat pool");
    for formats in [true, false] {
        assert_eq!(
            schema_errors_with(&schema, POOL, formats),
            Vec::<String>::new()
        );
        for (case, yaml) in [
            (
                "an unknown key",
                "candidates:\n  - id: a\n    name: A\n    intrests: [xian]\n",
            ),
            ("no name", "candidates:\n  - id: a\n"),
            (
                "an id that is not a handle",
                "candidates:\n  - id: Li Wei\n    name: A\n",
            ),
            (
                "an interest that is not a slug",
                "candidates:\n  - id: a\n    name: A\n    interests: [Xi'an]\n",
            ),
            (
                "a Solar Hijri sign-up",
                "candidates:\n  - id: a\n    name: A\n    signed_up: 1405-09-01\n",
            ),
            ("an unknown top-level key", "candidate: []\n"),
        ] {
            assert!(
                !schema_errors_with(&schema, yaml, formats).is_empty(),
                "the schema accepts {case}"
            );
        }
    }
}

const XIAN: &str = "slug: xian\nname:\n  en: \"Xi'an\"\n  fa: شی‌آن\n  local: 西安\ncountry: CN\nrelationship:\n  kind: sister-city\n  status: dormant\n";

/// Xi'an and Florence (whose facilitator is `maryam-rahimi`), and [`POOL`].
fn workspace() -> Workspace {
    let ws = Workspace::with(&[("xian.yaml", XIAN), ("florence.yaml", FLORENCE)]);
    ws.file("pool.yaml", POOL);
    ws
}

fn read_pool(ws: &Workspace) -> String {
    std::fs::read_to_string(ws.root().join("pool.yaml")).expect("pool.yaml readable")
}

/// `text` with `new` inserted right after the first `after`.
fn insert_after(text: &str, after: &str, new: &str) -> String {
    let at = text.find(after).expect("the anchor is in the text") + after.len();
    format!("{}{new}{}", &text[..at], &text[at..])
}

/// `verb ARGS…` exits 2 with `message` on stderr, nothing on stdout, and the pool as it was.
fn refuses(ws: &Workspace, verb: &[&str], args: &[&str], message: &str) {
    let all: Vec<&str> = verb.iter().chain(args).copied().collect();
    let run = ws.run(&all);
    run.code(2);
    assert_eq!(run.stderr, message, "{}", all.join(" "));
    assert_eq!(run.stdout, "", "{}", all.join(" "));
    assert_eq!(read_pool(ws), POOL, "{}", all.join(" "));
}

// ---------------------------------------------------------------------------------------------
// pool add

#[test]
fn pool_add_appends_only_its_lines_and_prints_the_id() {
    let ws = workspace();
    let run = ws.run(&[
        "pool",
        "add",
        "--name",
        "Reza Tehrani",
        "--name-fa",
        "رضا تهرانی",
        "--language",
        "it",
        "--expertise",
        "restoration",
        "--connection",
        "Studied in Florence: 2015–2019",
        "--interest",
        "فلورانس",
        "--interest",
        "Florence",
        "--source",
        "Chamber sign-up sheet, Azar 1405",
        "--signed-up",
        "1405/09/01",
        "--email",
        "reza@example.org",
        "--phone",
        "۰۹۱۳ ۰۰۰ ۳۳۳۳",
        "--notes",
        "Two lines:\nfirst, and second.",
    ]);
    run.code(0);
    assert_eq!(run.stdout, "reza-tehrani\n");
    assert_eq!(run.stderr, "added candidate `reza-tehrani` to the pool\n");
    let expected = insert_after(
        POOL,
        "    signed_up: 2026-11-22\n",
        "  - id: reza-tehrani
    name: Reza Tehrani
    name_fa: رضا تهرانی
    languages: [it]
    expertise: [restoration]
    connection: 'Studied in Florence: 2015–2019'
    interests: [florence]
    signed_up: 2026-11-22
    source: Chamber sign-up sheet, Azar 1405
    contact:
      email: reza@example.org
      phone: 0913 000 3333
    notes: |-
      Two lines:
      first, and second.
",
    );
    assert_eq!(read_pool(&ws), expected);
}

#[test]
fn pool_add_makes_the_pool_when_there_is_none() {
    let ws = Workspace::with(&[("xian.yaml", XIAN)]);
    let run = ws.run(&["pool", "add", "--name", "Li Wei", "--language", "zh"]);
    run.code(0);
    assert_eq!(run.stdout, "li-wei\n");
    assert_eq!(
        read_pool(&ws),
        "# The pool: citizens who offered to help and serve no city yet (`diplomat pool add`,
# `diplomat import facilitators FILE`). Their contact details are private.
candidates:
  - id: li-wei
    name: Li Wei
    languages: [zh]
    signed_up: 2026-11-26
"
    );
    ws.run(&["validate"]).code(0);
}

#[test]
fn pool_add_refuses_with_nothing_changed() {
    let ws = workspace();
    for (args, message) in [
        (
            vec!["--name", "Li Wei"],
            "error: the pool already has a candidate `li-wei` (Li Wei); nothing was written\n  = help: for someone else of the same name, give another id with `--id`; to change this candidate, use `diplomat pool set`\n",
        ),
        (
            vec!["--name", "Maryam Rahimi"],
            "error: `maryam-rahimi` is a facilitator of `florence` already, and a candidate serves no city yet; nothing was written\n  = help: the same id is the same person: to have `maryam-rahimi` serve another city too, add them there (`diplomat facilitator add CITY --id maryam-rahimi …`); to file someone else, give another id with `--id`\n",
        ),
        (
            vec!["--name", "Ana", "--interest", "florense"],
            "error: no city `florense` in this workspace\n  = help: did you mean `florence` or `Firenze`?\n",
        ),
        (
            vec!["--name", "Ana", "--email", "ana at example.org"],
            "error: --email: not an e-mail address: `ana at example.org`\n",
        ),
        (
            vec!["--name", "Ana", "--id", "Ana Perez"],
            "error: `Ana Perez` is not a valid id: use lowercase letters, digits and `-`, e.g. `maryam-rahimi`\n",
        ),
        (
            vec!["--name", "Ana", "--source", "two\nlines"],
            "error: `--source` holds a line break (U+000A): give it as one line of text, without control characters; nothing was written\n",
        ),
    ] {
        refuses(&ws, &["pool", "add"], &args, message);
    }
}

// ---------------------------------------------------------------------------------------------
// pool set

#[test]
fn pool_set_changes_only_its_lines_and_says_a_no_op() {
    let ws = workspace();
    let run = ws.run(&[
        "pool",
        "set",
        "li-wei",
        "--expertise",
        "tourism",
        "--expertise",
        "trade",
        "--interest",
        "xian",
        "--interest",
        "florence",
        "--no-phone",
        "--source",
        "",
    ]);
    run.code(0);
    assert_eq!(
        run.stderr,
        "updated candidate `li-wei` in the pool: expertise, interests, source, phone\n"
    );
    let expected = POOL
        .replace("[tourism]", "[tourism, trade]")
        .replace("interests: [xian]", "interests: [xian, florence]")
        .replace("    source: Chamber sign-up sheet, Azar 1405\n", "")
        .replace("      phone: \"+98 913 000 2222\"\n", "");
    assert_eq!(read_pool(&ws), expected);
    // The same values again: nothing written, and said.
    let again = ws.run(&[
        "pool",
        "set",
        "li-wei",
        "--expertise",
        "tourism",
        "--expertise",
        "trade",
    ]);
    again.code(0);
    assert_eq!(
        again.stderr,
        "candidate `li-wei` already has these values; nothing changed\n"
    );
    assert_eq!(read_pool(&ws), expected);
}

#[test]
fn pool_set_refuses_with_nothing_changed() {
    let ws = workspace();
    for (args, message) in [
        (
            vec!["li-wi", "--name", "Li"],
            "error: the pool has no candidate `li-wi`\n  = help: did you mean `li-wei`?\n",
        ),
        (
            vec!["maryam-rahimi", "--name", "M"],
            "error: the pool has no candidate `maryam-rahimi`\n  = help: `maryam-rahimi` is a facilitator of `florence`\n",
        ),
        (
            vec!["li-wei", "--interest", "shian"],
            "error: no city `shian` in this workspace\n  = help: `diplomat city list` shows every city\n",
        ),
        (
            vec!["li-wei"],
            "error: nothing to change: give one of `--name`, `--name-fa`, `--language`, `--expertise`, `--connection`, `--interest`, `--source`, `--signed-up`, `--notes`, `--email`, `--phone`\n",
        ),
        (
            vec!["li-wei", "--signed-up", "1405/13/01"],
            "error: --signed-up: `1405/13/01` is not a date: month 13 does not exist in the Solar Hijri calendar\n",
        ),
    ] {
        refuses(&ws, &["pool", "set"], &args, message);
    }
}

// ---------------------------------------------------------------------------------------------
// pool remove

#[test]
fn pool_remove_takes_the_entry_with_its_comments() {
    let ws = workspace();
    let run = ws.run(&["pool", "remove", "li-wei"]);
    run.code(0);
    assert_eq!(run.stderr, "removed candidate `li-wei` from the pool\n");
    assert_eq!(
        read_pool(&ws),
        "# Sign-ups from the Chamber's fair (invented people).
candidates:
  - id: neda-ahmadi
    name: Neda Ahmadi
    languages: [it]   # reads, does not speak
    signed_up: 2026-11-22
x-sheet: 1405
"
    );
    let run = ws.run(&["pool", "remove", "li-wei"]);
    run.code(2);
    assert_eq!(run.stderr, "error: the pool has no candidate `li-wei`\n");
    ws.run(&["pool", "remove", "neda-ahmadi"]).code(0);
    assert_eq!(
        read_pool(&ws),
        "# Sign-ups from the Chamber's fair (invented people).\ncandidates: []\nx-sheet: 1405\n"
    );
}

// ---------------------------------------------------------------------------------------------
// what every write refuses

#[test]
fn a_pool_that_does_not_read_cleanly_is_never_written() {
    let ws = workspace();
    let broken = POOL.replace("    signed_up: 2026-11-22\n", "    signed_up: 1405-09-01\n");
    ws.file("pool.yaml", &broken);
    for args in [
        vec!["pool", "add", "--name", "Ana"],
        vec!["pool", "set", "li-wei", "--name", "Li"],
        vec!["pool", "remove", "li-wei"],
    ] {
        let run = ws.run(&args);
        run.code(2);
        assert_eq!(
            run.stderr,
            "error: pool.yaml: the pool has problems, so it was not changed; fix them first (`diplomat validate`)
error: pool.yaml:23:16: `1405-09-01` in `signed_up` looks like a Solar Hijri date
   |
23 |     signed_up: 1405-09-01
   |                ^
  = help: dossiers store Gregorian dates: write `2026-11-22`
",
            "{}",
            args.join(" ")
        );
        assert_eq!(read_pool(&ws), broken);
    }
}

#[cfg(unix)]
#[test]
fn a_pool_linked_out_of_the_workspace_is_neither_read_nor_written() {
    let ws = workspace();
    let outside = tempfile::tempdir().unwrap();
    let elsewhere = outside.path().join("pool.yaml");
    std::fs::write(&elsewhere, POOL).unwrap();
    std::fs::remove_file(ws.root().join("pool.yaml")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, ws.root().join("pool.yaml")).unwrap();
    for args in [vec!["pool", "add", "--name", "Ana"], vec!["pool", "list"]] {
        let run = ws.run(&args);
        run.code(2);
        run.stderr_has("it is a symbolic link to")
            .stderr_has("outside the workspace");
        run.stdout_lacks("Li Wei");
    }
    assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), POOL);
}

#[test]
fn pool_writes_commit_only_the_pool_with_a_message_naming_the_change() {
    use crate::commit::{IDENTITY, git};
    let ws = workspace();
    git(ws.root(), &["init", "-q"]);
    git(ws.root(), &["add", "."]);
    git(ws.root(), &["commit", "-q", "-m", "start"]);
    ws.file("notes.txt", "staged, not part of the change\n");
    git(ws.root(), &["add", "notes.txt"]);
    let run = |args: &[&str]| {
        let mut cmd = ws.cmd(args);
        cmd.env("HOME", ws.root()).envs(IDENTITY.iter().copied());
        Run::of(args.join(" "), &mut cmd)
    };
    for (args, subject) in [
        (
            vec!["pool", "add", "--name", "Ana Ruiz", "--commit"],
            "pool: candidate add ana-ruiz",
        ),
        (
            vec!["pool", "set", "ana-ruiz", "--language", "es", "--commit"],
            "pool: candidate set ana-ruiz (languages)",
        ),
        (
            vec!["pool", "remove", "ana-ruiz", "--commit"],
            "pool: candidate remove ana-ruiz",
        ),
    ] {
        run(&args)
            .code(0)
            .stderr_has(&format!("committed: {subject}"));
        assert_eq!(
            git(ws.root(), &["log", "-1", "--format=%s"]),
            format!("{subject}\n")
        );
        assert_eq!(
            git(ws.root(), &["show", "--name-only", "--format=", "HEAD"]),
            "pool.yaml\n"
        );
    }
    assert_eq!(
        git(ws.root(), &["diff", "--cached", "--name-only"]),
        "notes.txt\n"
    );
    assert_eq!(read_pool(&ws), POOL);
}

#[test]
fn pool_writes_speak_persian() {
    let ws = workspace();
    let run = ws.run(&["--lang", "fa", "pool", "add", "--name", "Ana Ruiz"]);
    run.code(0);
    assert_eq!(
        run.stderr,
        "داوطلب \u{2068}`ana-ruiz`\u{2069} به فهرست داوطلبان افزوده شد\n"
    );
    let run = ws.run(&[
        "--lang", "fa", "pool", "set", "ana-ruiz", "--name", "Ana Ruiz",
    ]);
    assert_eq!(
        run.stderr,
        "داوطلب \u{2068}`ana-ruiz`\u{2069} همین مقادیر را دارد؛ چیزی تغییر نکرد\n"
    );
    let run = ws.run(&[
        "--lang",
        "fa",
        "pool",
        "set",
        "ana-ruiz",
        "--language",
        "es",
    ]);
    assert_eq!(
        run.stderr,
        "داوطلب \u{2068}`ana-ruiz`\u{2069} در فهرست داوطلبان به‌روز شد: \u{2068}languages\u{2069}\n"
    );
    let run = ws.run(&["--lang", "fa", "pool", "remove", "ana-rui"]);
    run.code(2);
    assert_eq!(
        run.stderr,
        "خطا: فهرست داوطلبان داوطلبی با شناسهٔ \u{2068}`ana-rui`\u{2069} ندارد\n  = راهنما: منظورتان \u{2068}`ana-ruiz`\u{2069} بود؟\n"
    );
    let run = ws.run(&["--lang", "fa", "pool", "add", "--name", "Maryam Rahimi"]);
    run.code(2);
    run.stderr_has("از پیش تسهیل‌گر");
    let run = ws.run(&["--lang", "fa", "pool", "remove", "ana-ruiz"]);
    assert_eq!(
        run.stderr,
        "داوطلب \u{2068}`ana-ruiz`\u{2069} از فهرست داوطلبان برداشته شد\n"
    );
    assert_eq!(read_pool(&ws), POOL);
}

// ---------------------------------------------------------------------------------------------
// validate and fmt

#[test]
fn validate_checks_the_pool_against_the_workspace() {
    let ws = workspace();
    ws.run(&["validate"]).code(0);
    let pool = POOL
        .replace("interests: [xian]", "interests: [xian, florense, paris]")
        .replace(
            "  - id: neda-ahmadi",
            "  - id: maryam-rahimi\n    name: Maryam Rahimi\n  - id: neda-ahmadi",
        );
    ws.file("pool.yaml", &pool);
    let run = ws.run(&["validate"]);
    run.code(1);
    assert_eq!(
        run.stdout,
        "error: pool.yaml:10:23: `florense` in `interests` names no city of this workspace
   |
10 |     interests: [xian, florense, paris]
   |                       ^^^^^^^^
  = help: did you mean `florence`?

error: pool.yaml:10:33: `paris` in `interests` names no city of this workspace
   |
10 |     interests: [xian, florense, paris]
   |                                 ^^^^^
  = help: `diplomat city list` shows the cities

error: pool.yaml:20:9: candidate `maryam-rahimi` is a facilitator of `florence` already, and a candidate serves no city yet
   |
20 |   - id: maryam-rahimi
   |         ^^^^^^^^^^^^^
  = help: the same id is the same person: take them out of the pool (`diplomat pool remove maryam-rahimi`); if this is someone else, give them another `id`

3 problems in 1 of 3 files
"
    );
    let fa = ws.run(&["--lang", "fa", "validate"]);
    fa.code(1);
    fa.stdout_has("نام هیچ شهری از این فضای کار نیست")
        .stdout_has("از پیش تسهیل‌گر")
        .stdout_has("۳ مشکل در ۱ فایل از ۳ فایل");
    // Named alone, the pool is held to its own rules only: the cities are not there to see.
    let named = ws.run(&["validate", "pool.yaml"]);
    named.code(0);
    assert_eq!(named.stdout, "1 file valid\n");
}

#[test]
fn validate_locates_the_pools_own_problems_in_every_format() {
    let ws = workspace();
    let pool = POOL.replace(
        "    signed_up: 2026-11-22\n",
        "    signed_up: 2026-11-22\n    status: prospective\n",
    );
    ws.file("pool.yaml", &pool);
    for args in [vec!["validate"], vec!["validate", "pool.yaml"]] {
        let run = ws.run(&args);
        run.code(1);
        run.stdout_has("error: pool.yaml:24:5: unknown key `status` in `candidates[]`");
    }
    let json = ws.run(&["validate", "--format", "json"]);
    json.code(1);
    assert_eq!(
        json.json(),
        serde_json::json!([{
            "severity": "error",
            "file": "pool.yaml",
            "line": 24,
            "column": 5,
            "message": "unknown key `status` in `candidates[]`",
            "help": "known keys: id, name, name_fa, languages, expertise, connection, interests, signed_up, source, contact, notes; your own fields may start with `x-`"
        }])
    );
}

/// The pool as an analyst may write it by hand: keys out of order, one-line mappings, quotes
/// YAML does not need, the top level out of order.
const MESSY_POOL: &str = "# Sign-ups (invented).\nx-sheet: 1405\ncandidates:\n  # the first to sign up\n  - name: \"Li Wei\"\n    id: li-wei\n    signed_up: 2026-11-20\n    languages: [zh]\n    contact: {phone: \"+98 913 000 2222\", email: li@example.org}\n  - {id: neda-ahmadi, name: Neda Ahmadi}\n";

#[test]
fn fmt_lays_out_the_pool_and_keeps_its_comments() {
    let ws = workspace();
    ws.file("pool.yaml", MESSY_POOL);
    let check = ws.run(&["fmt", "--check"]);
    check.code(1);
    assert_eq!(check.stdout, "pool.yaml\n");
    // The diff masks contact details, as every diagnostic does.
    check
        .stderr_has("-    contact: {phone: \"••• ••• ••• ••••\", email: ••••••••••••••}")
        .stderr_lacks("li@example.org");
    assert_eq!(read_pool(&ws), MESSY_POOL);
    ws.run(&["fmt"]).code(0);
    let laid_out = "# Sign-ups (invented).
candidates:
  # the first to sign up
  - id: li-wei
    name: Li Wei
    languages: [zh]
    signed_up: 2026-11-20
    contact:
      email: li@example.org
      phone: \"+98 913 000 2222\"
  - id: neda-ahmadi
    name: Neda Ahmadi
x-sheet: 1405
";
    assert_eq!(read_pool(&ws), laid_out);
    let again = ws.run(&["fmt", "--check"]);
    again.code(0);
    assert_eq!(again.stdout, "");
    // The canonical pool is what `pool add` writes: it stays canonical after a write.
    ws.run(&["pool", "add", "--name", "Ana Ruiz", "--language", "es"])
        .code(0);
    ws.run(&["fmt", "--check"]).code(0);
    // A city named alone is formatted alone.
    ws.file("pool.yaml", MESSY_POOL);
    ws.run(&["fmt", "xian"]).code(0);
    assert_eq!(read_pool(&ws), MESSY_POOL);
}

// ---------------------------------------------------------------------------------------------
// git: the merge driver and the pre-commit hook, installed by `hook install`

/// A repository holding [`workspace`], with `diplomat hook install` run in it; git finds this
/// build of `diplomat` on PATH, as the installed driver and hook expect.
struct Repo {
    ws: Workspace,
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo { ws: workspace() };
        repo.git_ok(&["init", "-q", "-b", "main"]);
        repo.diplomat(&["hook", "install"]).code(0);
        let attributes = std::fs::read_to_string(repo.ws.root().join(".gitattributes")).unwrap();
        assert!(
            attributes.contains("pool.yaml merge=diplomat"),
            "{attributes}"
        );
        repo.commit("start");
        repo
    }

    fn path() -> std::ffi::OsString {
        let bin = std::path::Path::new(env!("CARGO_BIN_EXE_diplomat"))
            .parent()
            .unwrap()
            .to_path_buf();
        let mut dirs = vec![bin];
        dirs.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        std::env::join_paths(dirs).unwrap()
    }

    fn git(&self, args: &[&str]) -> std::process::Output {
        std::process::Command::new("git")
            .current_dir(self.ws.root())
            .env_clear()
            .env("PATH", Self::path())
            .env("HOME", self.ws.root())
            .env("DIPLOMAT_TODAY", TODAY)
            .envs(crate::commit::IDENTITY.iter().copied())
            .args(["-c", "commit.gpgsign=false", "-c", "core.autocrlf=false"])
            .args(args)
            .output()
            .expect("git runs")
    }

    fn git_ok(&self, args: &[&str]) -> String {
        let out = self.git(args);
        assert!(
            out.status.success(),
            "git {args:?}\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn commit(&self, message: &str) {
        self.git_ok(&["add", "-A"]);
        self.git_ok(&["commit", "-q", "-m", message]);
    }

    fn diplomat(&self, args: &[&str]) -> Run {
        let mut cmd = self.ws.cmd(args);
        cmd.env("PATH", Self::path()).env("HOME", self.ws.root());
        Run::of(args.join(" "), &mut cmd)
    }

    /// `theirs` on a branch, `ours` on `main`, each committed (through the hook), then
    /// `git merge theirs` on `main`: its exit code and output.
    fn merge(&self, ours: &[&[&str]], theirs: &[&[&str]]) -> (i32, String) {
        self.git_ok(&["checkout", "-q", "-b", "theirs"]);
        for args in theirs {
            self.diplomat(args).code(0);
        }
        self.commit("theirs");
        self.git_ok(&["checkout", "-q", "main"]);
        for args in ours {
            self.diplomat(args).code(0);
        }
        self.commit("ours");
        let out = self.git(&["merge", "--no-edit", "theirs"]);
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.code().unwrap_or(-1), said)
    }
}

#[test]
fn candidates_added_on_two_branches_merge_by_id_through_git() {
    let repo = Repo::new();
    let (code, said) = repo.merge(
        &[&["pool", "add", "--name", "Ana Ruiz", "--language", "es"]],
        &[&[
            "pool",
            "add",
            "--name",
            "Chen Jie",
            "--language",
            "zh",
            "--interest",
            "xian",
        ]],
    );
    assert_eq!(code, 0, "{said}");
    let expected = insert_after(
        POOL,
        "    signed_up: 2026-11-22\n",
        "  - id: ana-ruiz\n    name: Ana Ruiz\n    languages: [es]\n    signed_up: 2026-11-26\n  - id: chen-jie\n    name: Chen Jie\n    languages: [zh]\n    interests: [xian]\n    signed_up: 2026-11-26\n",
    );
    assert_eq!(read_pool(&repo.ws), expected);
    assert_eq!(repo.git_ok(&["ls-files", "-u"]), "");
    repo.diplomat(&["validate"]).code(0);
}

#[test]
fn one_candidate_edited_on_both_branches_merges_field_by_field_and_conflicts_on_one_field() {
    let repo = Repo::new();
    let (code, said) = repo.merge(
        &[&[
            "pool",
            "set",
            "li-wei",
            "--language",
            "zh",
            "--language",
            "en",
            "--language",
            "fa",
        ]],
        &[&["pool", "set", "li-wei", "--source", "Xi'an fair, 1405"]],
    );
    assert_eq!(code, 0, "{said}");
    let expected = POOL
        .replace("languages: [zh, en]", "languages: [zh, en, fa]")
        .replace(
            "source: Chamber sign-up sheet, Azar 1405",
            "source: \"Xi'an fair, 1405\"",
        );
    assert_eq!(read_pool(&repo.ws), expected);

    // The same field changed differently on both sides: one conflict, around its own line.
    repo.git_ok(&["branch", "-D", "theirs"]);
    let (code, said) = repo.merge(
        &[&["pool", "set", "li-wei", "--name", "Li Wei (Chamber)"]],
        &[&["pool", "set", "li-wei", "--name", "Wei Li"]],
    );
    assert_eq!(code, 1, "{said}");
    assert!(
        said.contains("`pool.yaml`: 1 value or comment was changed differently on both sides"),
        "{said}"
    );
    let merged = read_pool(&repo.ws);
    assert!(
        merged.contains(
            "<<<<<<< HEAD\n    name: Li Wei (Chamber)\n=======\n    name: Wei Li\n>>>>>>> theirs\n"
        ),
        "{merged}"
    );
    assert_eq!(merged.matches("<<<<<<<").count(), 1, "{merged}");
}

#[test]
fn the_pre_commit_hook_refuses_a_pool_that_breaks_a_rule() {
    let repo = Repo::new();
    let broken = POOL.replace("interests: [xian]", "interests: [xian]\n    status: active");
    repo.ws.file("pool.yaml", &broken);
    repo.git_ok(&["add", "pool.yaml"]);
    let out = repo.git(&["commit", "-q", "-m", "a status on a candidate"]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("pool.yaml:11:5: unknown key `status` in `candidates[]`"),
        "{said}"
    );
    assert!(said.contains("nothing was committed"), "{said}");
    // A valid pool written by hand in another style is committed, laid out.
    repo.ws.file("pool.yaml", MESSY_POOL);
    repo.git_ok(&["add", "pool.yaml"]);
    repo.git_ok(&["commit", "-q", "-m", "the pool by hand"]);
    assert_eq!(
        repo.git_ok(&["show", "HEAD:pool.yaml"]),
        read_pool(&repo.ws)
    );
    assert!(read_pool(&repo.ws).contains("  - id: neda-ahmadi\n    name: Neda Ahmadi\n"));
}
