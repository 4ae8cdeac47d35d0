//! Issue 29 point 5: `facilitator assign` — a candidate moves from the pool into a dossier in
//! one write of both files, a facilitator of another city serves a second one; refusals, the
//! no-op, `--commit`, Persian, and a move killed halfway.

use std::time::{Duration, Instant};

use crate::pool::POOL;
use crate::support::*;

/// Xi'an, hand-written: a comment, a facilitator, a list after `facilitators:`.
const XIAN: &str = "# Xi'an: nobody speaks Chinese yet.
slug: xian
name:
  en: \"Xi'an\"
  fa: شی‌آن
  local: 西安
country: CN
relationship:
  kind: sister-city
  status: dormant
facilitators:
  - id: mehdi-zand   # met at the fair
    name: Mehdi Zand
    status: prospective

contacts:
  - id: cn-consulate
    name: Consul
    role: embassy-counsellor
";

/// Xi'an, Florence (whose facilitator is `maryam-rahimi`), and the pool of `pool.rs`.
fn workspace() -> Workspace {
    let ws = Workspace::with(&[("xian.yaml", XIAN), ("florence.yaml", FLORENCE)]);
    ws.file("pool.yaml", POOL);
    ws
}

fn read(ws: &Workspace, path: &str) -> String {
    std::fs::read_to_string(ws.root().join(path)).expect("readable")
}

/// Both files the move writes, as they are.
fn both(ws: &Workspace) -> [String; 2] {
    [read(ws, "cities/xian.yaml"), read(ws, "pool.yaml")]
}

/// [`POOL`] without Li Wei: the entry and the comment above it gone, every other byte kept.
fn pool_without_li_wei() -> String {
    let start = POOL.find("  # Met at the stand").expect("the entry");
    let end = POOL.find("  - id: neda-ahmadi").expect("the next entry");
    format!("{}{}", &POOL[..start], &POOL[end..])
}

/// [`XIAN`] with `entry` appended to its facilitators (before the blank line that closes them).
fn xian_with(entry: &str) -> String {
    XIAN.replace(
        "    status: prospective\n\ncontacts:",
        &format!("    status: prospective\n{entry}\ncontacts:"),
    )
}

const LI_WEI: &str = "  - id: li-wei
    name: Li Wei
    name_fa: لی وی
    languages: [zh, en]
    expertise: [tourism]
    connection: \"Studied in Xi'an for two years.\"
    status: prospective
    since: 2026-11-26
    contact:
      email: li.wei@example.org
      phone: +98 913 000 2222
";

#[test]
fn a_candidate_moves_from_the_pool_into_the_dossier_every_other_byte_kept() {
    let ws = workspace();
    let florence = read(&ws, "cities/florence.yaml");
    let run = ws.run(&["facilitator", "assign", "شی‌آن", "li-wei"]);
    run.code(0);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "moved candidate `li-wei` from the pool to `xian`: a facilitator, prospective since 2026-11-26\n"
    );
    assert_eq!(both(&ws), [xian_with(LI_WEI), pool_without_li_wei()]);
    assert_eq!(read(&ws, "cities/florence.yaml"), florence);
    ws.run(&["validate"]).code(0);
    // Status and date as asked, the date in either calendar.
    ws.run(&[
        "facilitator",
        "assign",
        "xian",
        "neda-ahmadi",
        "--status",
        "active",
        "--since",
        "1405/09/01",
    ])
    .code(0)
    .stderr_has("a facilitator, active since 2026-11-22");
    let xian = read(&ws, "cities/xian.yaml");
    assert!(
        xian.contains(
            "  - id: neda-ahmadi\n    name: Neda Ahmadi\n    languages: [it]\n    status: active\n    since: 2026-11-22\n"
        ),
        "{xian}"
    );
    // The pool keeps its own key and its comment, with no candidate left.
    assert_eq!(
        read(&ws, "pool.yaml"),
        "# Sign-ups from the Chamber's fair (invented people).\ncandidates: []\nx-sheet: 1405\n"
    );
}

#[test]
fn a_facilitator_of_another_city_serves_this_one_as_well() {
    let ws = workspace();
    let florence = read(&ws, "cities/florence.yaml");
    let run = ws.run(&["facilitator", "assign", "xian", "maryam-rahimi"]);
    run.code(0);
    assert_eq!(
        run.stderr,
        "added facilitator `maryam-rahimi` of `florence` to `xian` as well: prospective since 2026-11-26\n"
    );
    let entry = "  - id: maryam-rahimi
    name: Maryam Rahimi
    name_fa: مریم رحیمی
    languages: [it, en, fa]
    expertise: [restoration]
    status: prospective
    since: 2026-11-26
    contact:
      email: maryam.rahimi@example.org
      phone: +98 913 000 1111
";
    assert_eq!(both(&ws), [xian_with(entry), POOL.to_owned()]);
    assert_eq!(read(&ws, "cities/florence.yaml"), florence);
    let list = ws.run(&["facilitator", "list", "--format", "json"]);
    let maryam = list
        .json()
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "maryam-rahimi")
        .cloned()
        .unwrap();
    let cities = &maryam["cities"];
    assert_eq!(*cities, serde_json::json!(["florence", "xian"]));
}

#[test]
fn assign_refuses_with_nothing_changed_and_says_a_no_op() {
    let ws = workspace();
    let before = both(&ws);
    for (args, code, said) in [
        (
            vec!["li-we"],
            2,
            "error: `li-we` is neither a candidate of the pool nor a facilitator of a city; nothing was written\n  = help: did you mean `li-wei`?\n",
        ),
        (
            vec!["mehdi-zand", "--status", "active"],
            2,
            "error: `mehdi-zand` is a facilitator of `xian` already (prospective); nothing was written\n  = help: to change their status or since, use `diplomat facilitator set xian mehdi-zand --status …`\n",
        ),
        (
            vec!["mehdi-zand"],
            0,
            "`mehdi-zand` is a facilitator of `xian` already; nothing changed\n",
        ),
        (
            vec!["li-wei", "--status", "inactive"],
            2,
            "error: invalid value 'inactive' for '--status <S>'\n  [possible values: prospective, active]\n\n  tip: a similar value exists: 'active'\n\nFor more information, try '--help'.\n",
        ),
    ] {
        let mut all = vec!["facilitator", "assign", "xian"];
        all.extend(&args);
        let run = ws.run(&all);
        run.code(code);
        assert_eq!(run.stderr, said, "{all:?}");
        assert_eq!(run.stdout, "", "{all:?}");
        assert_eq!(both(&ws), before, "{all:?}");
    }
    // A city of the pool's is unknown: nothing is written.
    let run = ws.run(&["facilitator", "assign", "xiann", "li-wei"]);
    run.code(2);
    assert_eq!(both(&ws), before);
}

#[test]
fn a_pool_that_does_not_read_is_never_written_by_a_move() {
    let ws = workspace();
    let broken = POOL.replace("    signed_up: 2026-11-22\n", "    signed_up: someday\n");
    ws.file("pool.yaml", &broken);
    let run = ws.run(&["facilitator", "assign", "xian", "li-wei"]);
    run.code(2);
    run.stderr_has("error: pool.yaml:23:16: `someday` in `signed_up` is not a valid date");
    assert_eq!(both(&ws), [XIAN.to_owned(), broken.clone()]);
    // Someone of another city is taken on all the same: the pool is not theirs.
    ws.run(&["facilitator", "assign", "xian", "maryam-rahimi"])
        .code(0);
    assert_eq!(read(&ws, "pool.yaml"), broken);
}

#[test]
fn assign_commits_both_files_in_one_commit() {
    use crate::commit::{IDENTITY, git};
    let ws = workspace();
    ws.file(".gitignore", ".diplomat/\n");
    git(ws.root(), &["init", "-q"]);
    git(ws.root(), &["add", "."]);
    git(ws.root(), &["commit", "-q", "-m", "start"]);
    let run = |args: &[&str]| {
        let mut cmd = ws.cmd(args);
        cmd.env("HOME", ws.root()).envs(IDENTITY.iter().copied());
        Run::of(args.join(" "), &mut cmd)
    };
    for (args, subject, files) in [
        (
            ["facilitator", "assign", "xian", "li-wei", "--commit"],
            "xian: facilitator assign li-wei (from the pool)",
            "cities/xian.yaml\npool.yaml\n",
        ),
        (
            ["facilitator", "assign", "xian", "maryam-rahimi", "--commit"],
            "xian: facilitator assign maryam-rahimi (also of florence)",
            "cities/xian.yaml\n",
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
            files
        );
    }
    assert_eq!(git(ws.root(), &["status", "--porcelain"]), "");
    // A no-op commits nothing.
    run(&["facilitator", "assign", "xian", "li-wei", "--commit"]).code(0);
    assert_eq!(git(ws.root(), &["rev-list", "--count", "HEAD"]), "3\n");
}

#[test]
fn assign_speaks_persian() {
    let ws = workspace();
    let run = ws.run(&["--lang", "fa", "facilitator", "assign", "xian", "li-wei"]);
    run.code(0);
    assert_eq!(
        run.stderr,
        "داوطلب \u{2068}`li-wei`\u{2069} از فهرست داوطلبان به \u{2068}`xian`\u{2069} رفت: تسهیل‌گر، بالقوه از ۲۰۲۶-۱۱-۲۶\n"
    );
    let run = ws.run(&["--lang", "fa", "facilitator", "assign", "xian", "li-wei"]);
    run.code(0);
    assert_eq!(
        run.stderr,
        "\u{2068}`li-wei`\u{2069} از پیش تسهیل‌گر \u{2068}`xian`\u{2069} است؛ چیزی تغییر نکرد\n"
    );
    let run = ws.run(&[
        "--lang",
        "fa",
        "facilitator",
        "assign",
        "xian",
        "maryam-rahimi",
        "--status",
        "active",
    ]);
    run.code(0);
    assert_eq!(
        run.stderr,
        "تسهیل‌گر \u{2068}`maryam-rahimi`\u{2069} از \u{2068}`florence`\u{2069} به \u{2068}`xian`\u{2069} هم افزوده شد: فعال از ۲۰۲۶-۱۱-۲۶\n"
    );
    let run = ws.run(&[
        "--lang",
        "fa",
        "facilitator",
        "assign",
        "xian",
        "neda-ahmad",
    ]);
    run.code(2);
    assert_eq!(
        run.stderr,
        "خطا: \u{2068}`neda-ahmad`\u{2069} نه داوطلبی در فهرست داوطلبان است و نه تسهیل‌گر شهری؛ چیزی نوشته نشد\n  = راهنما: منظورتان \u{2068}`neda-ahmadi`\u{2069} بود؟\n"
    );
}

// ---------------------------------------------------------------------------------------------
// killed halfway

/// How many candidates the pool of the kill test holds: enough that writing it takes a while
/// after the dossier is written.
const MANY: usize = 4000;

/// Xi'an and a pool of [`MANY`] candidates, the one to move (`c-0`) first.
fn big_workspace() -> Workspace {
    let ws = Workspace::with(&[("xian.yaml", XIAN)]);
    let mut pool = String::from("candidates:\n");
    for i in 0..MANY {
        pool.push_str(&format!(
            "  - id: c-{i}\n    name: Candidate {i}\n    languages: [zh, en]\n    connection: Studied in Xi'an, year {i}.\n    interests: [xian]\n    signed_up: 2026-11-20\n    notes: |\n      Line one of {i}.\n      Line two.\n"
        ));
    }
    ws.file("pool.yaml", &pool);
    ws
}

/// After a kill: the files as they were, as the move made them, or the move halfway with its
/// journal on disk. Once any command has run, never halfway.
#[derive(Debug, PartialEq, Eq)]
enum State {
    Before,
    After,
    Halfway,
}

fn state(ws: &Workspace, before: &[String; 2], after: &[String; 2]) -> State {
    let now = both(ws);
    let journal = ws.root().join(".diplomat/journal.json").exists();
    match (&now, journal) {
        (now, false) if now == before => State::Before,
        (now, false) if now == after => State::After,
        (_, true) => State::Halfway,
        (now, false) => panic!(
            "one file old and one new, with no journal: xian {} the old, pool {} the old",
            if now[0] == before[0] { "is" } else { "is not" },
            if now[1] == before[1] { "is" } else { "is not" },
        ),
    }
}

/// The next command finishes a move killed halfway; after it, both files are old or both new.
fn settle(ws: &Workspace, before: &[String; 2], after: &[String; 2], said: &str) -> State {
    ws.run(&["facilitator", "list"]).code(0);
    let settled = state(ws, before, after);
    assert_ne!(
        settled,
        State::Halfway,
        "{said}: not finished by the next command"
    );
    settled
}

#[test]
fn a_move_killed_halfway_leaves_both_files_old_or_both_new() {
    let ws = big_workspace();
    let before = both(&ws);
    let restore = || {
        ws.file("cities/xian.yaml", &before[0]);
        ws.file("pool.yaml", &before[1]);
        let _ = std::fs::remove_file(ws.root().join(".diplomat/journal.json"));
    };
    let args = ["facilitator", "assign", "xian", "c-0"];
    let started = Instant::now();
    ws.run(&args).code(0);
    let took = started.elapsed();
    let after = both(&ws);
    assert_ne!(after[0], before[0]);
    assert_ne!(after[1], before[1]);

    // Killed at points spread over the whole run.
    let mut seen = Vec::new();
    for run in 0..12u32 {
        restore();
        let at = took.mul_f64(f64::from(run) / 10.0);
        let mut child = spawn_piped(&ws, &args);
        std::thread::sleep(at);
        let _ = child.kill();
        let _ = child.wait();
        let said = format!("killed after {at:?} of {took:?}");
        let found = state(&ws, &before, &after);
        seen.push((found == State::Halfway, settle(&ws, &before, &after, &said)));
    }
    assert!(
        seen.iter().any(|(_, s)| *s == State::Before),
        "no kill came early enough: {seen:?}"
    );

    // Killed right after the dossier is written, before the pool is: the files disagree on
    // disk, the journal says how to finish, and the next command finishes it.
    let mut caught = false;
    for _ in 0..10 {
        restore();
        let mut child = spawn_piped(&ws, &args);
        let deadline = Instant::now() + took * 20 + Duration::from_secs(5);
        let mut halfway = false;
        while Instant::now() < deadline {
            if std::fs::read(ws.root().join("cities/xian.yaml"))
                .is_ok_and(|b| b != before[0].as_bytes())
            {
                let _ = child.kill();
                halfway = read(&ws, "pool.yaml") == before[1];
                break;
            }
            if child.try_wait().ok().flatten().is_some() {
                break;
            }
        }
        let _ = child.kill();
        let _ = child.wait();
        if !halfway {
            continue;
        }
        assert_eq!(state(&ws, &before, &after), State::Halfway);
        assert_eq!(
            settle(&ws, &before, &after, "killed after the dossier"),
            State::After
        );
        caught = true;
        break;
    }
    assert!(caught, "the move was never caught between its two files");
}

// ---------------------------------------------------------------------------------------------
// where it shows: check and facilitator list --gaps

/// The reason `check --format json` gives for Xi'an's `active-facilitators` rule.
fn check_reason(ws: &Workspace, lang: &str) -> String {
    let run = ws.run(&["--lang", lang, "check", "xian", "--format", "json"]);
    run.code(1);
    let json = run.json();
    let item = json[0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "active-facilitators")
        .cloned()
        .unwrap();
    item["reason"].as_str().unwrap().to_owned()
}

#[test]
fn check_names_the_best_candidates_for_an_unmet_facilitator_rule() {
    let ws = workspace();
    assert_eq!(check_reason(&ws, "en"), CHECK_EN);
    let fa = check_reason(&ws, "fa");
    assert!(
        fa.starts_with("۰ تسهیل‌گر فعال، ۲ لازم است؛ ۱ نامزد ") && fa.contains("`li-wei`"),
        "{fa}"
    );
    // The table says it too.
    ws.run(&["check", "xian"])
        .stdout_has("`diplomat facilitator match");
    // Nobody left who speaks Chinese: the reason is as it was.
    ws.run(&[
        "facilitator",
        "assign",
        "xian",
        "li-wei",
        "--status",
        "active",
    ])
    .code(0);
    ws.run(&[
        "facilitator",
        "set",
        "xian",
        "li-wei",
        "--status",
        "inactive",
    ])
    .code(0);
    assert_eq!(check_reason(&ws, "en"), "0 active facilitators, 2 required");
}

#[test]
fn facilitator_list_gaps_shows_each_gaps_best_candidate_in_every_format() {
    let ws = workspace();
    let run = ws.run(&["facilitator", "list", "--gaps", "--format", "json"]);
    run.code(0);
    assert_eq!(run.json().to_string(), GAPS_JSON);
    let csv = ws.run(&["facilitator", "list", "--gaps", "--format", "csv"]);
    assert_eq!(csv.stdout, GAPS_CSV);
    ws.run(&["facilitator", "list", "--gaps"])
        .stdout_has("who could serve")
        .stdout_has("1 candidate speaks Chinese (zh), `li-wei` (Li Wei, 94): `diplomat facilitator match xian`");
    ws.run(&["--lang", "fa", "facilitator", "list", "--gaps"])
        .stdout_has("چه کسی می‌تواند")
        .stdout_has("۱ نامزد");
}

const CHECK_EN: &str = "0 active facilitators, 2 required; 1 candidate speaks Chinese (zh), `li-wei` (Li Wei, 94): `diplomat facilitator match xian`";
const GAPS_JSON: &str = "[{\"slug\":\"xian\",\"name\":{\"en\":\"Xi'an\",\"fa\":\"شی\u{200c}آن\",\"local\":\"西安\"},\"speakers\":1,\"best\":{\"id\":\"li-wei\",\"name\":\"Li Wei\",\"score\":94,\"source\":\"pool\"}}]";
const GAPS_CSV: &str =
    "slug,name.en,name.fa,name.local,speakers,best\r\nxian,Xi'an,شی\u{200c}آن,西安,1,li-wei\r\n";
