//! What changed, as `diff` and the weekly report say it: a person's e-mail and phone said
//! without their values unless asked for, ciphertext never; dossier file names shown, never
//! obeyed; a `--format` a command does not draw refused.

use crate::support::{BARCELONA, Run, Workspace, minimal};

/// When every commit here is made: in the week of `TODAY`.
const WHEN: &str = "2026-11-25T10:00:00";

/// `git ARGS` as the analyst, at [`WHEN`].
fn git(ws: &Workspace, args: &[&str]) {
    crate::support::git(ws, args, "Analyst", WHEN);
}

/// `diplomat ARGS` with the git identity and dates above.
fn run(ws: &Workspace, args: &[&str]) -> Run {
    let mut cmd = ws.cmd(args);
    // Reports read as Markdown documents: piped, as into a file.
    cmd.env_remove("COLUMNS");
    cmd.env("HOME", ws.root())
        .envs(crate::commit::IDENTITY.iter().copied())
        .env("GIT_AUTHOR_DATE", WHEN)
        .env("GIT_COMMITTER_DATE", WHEN);
    Run::of(args.join(" "), &mut cmd)
}

/// Barcelona (its counsellor without contact details), committed.
fn repository() -> Workspace {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    git(&ws, &["init", "-q"]);
    git(&ws, &["add", "."]);
    git(&ws, &["commit", "-q", "-m", "start"]);
    ws
}

const SECRETS: &[&str] = &["elena.leak", "600 999 888", "neda@", "913 000 1111", "ENC["];

fn lacks_secrets(what: &str, text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "{what} shows {secret:?}:\n{text}");
    }
}

/// The counsellor's details set, then a facilitator added with hers, each committed.
fn two_people_with_details(ws: &Workspace) {
    let set = [
        "contact",
        "set",
        "barcelona",
        "es-embassy-commercial",
        "--email",
        "elena.leak@example.org",
        "--phone",
        "+34 600 999 888",
        "--commit",
    ];
    run(ws, &set).code(0);
    let add = [
        "facilitator",
        "add",
        "barcelona",
        "--name",
        "Neda Karimi",
        "--email",
        "neda@example.org",
        "--phone",
        "+98 913 000 1111",
        "--commit",
    ];
    run(ws, &add).code(0);
}

#[test]
fn diff_says_which_contact_details_changed_never_what_they_hold() {
    let ws = repository();
    two_people_with_details(&ws);

    let said = run(&ws, &["diff", "HEAD~2"]);
    said.code(0);
    assert_eq!(
        said.stdout,
        "barcelona: added facilitator neda-karimi (Neda Karimi)\n\
         barcelona: contact es-embassy-commercial: e-mail and phone added\n"
    );
    let json = run(&ws, &["diff", "HEAD~2", "--format", "json"]);
    json.code(0);
    assert_eq!(
        json.json(),
        serde_json::json!([
            {"city": "barcelona", "change": "added facilitator neda-karimi (Neda Karimi)"},
            {"city": "barcelona", "change": "contact es-embassy-commercial: e-mail and phone added"},
        ])
    );
    lacks_secrets("diff --format json", &json.stdout);
    let persian = run(&ws, &["--lang", "fa", "diff", "HEAD~2"]);
    persian.code(0);
    assert_eq!(
        persian.stdout,
        "\u{2068}barcelona\u{2069}: تسهیل‌گر \u{2068}neda-karimi\u{2069} (\u{2068}Neda Karimi\u{2069}) افزوده شد\n\
         \u{2068}barcelona\u{2069}: رابط \u{2068}es-embassy-commercial\u{2069}: ایمیل و تلفن افزوده شد\n"
    );

    // Changed and removed, each said as such.
    let change = [
        "contact",
        "set",
        "barcelona",
        "es-embassy-commercial",
        "--email",
        "elena.moved@example.org",
        "--no-phone",
        "--commit",
    ];
    run(&ws, &change).code(0);
    let said = run(&ws, &["diff", "HEAD~1"]);
    assert_eq!(
        said.code(0).stdout,
        "barcelona: contact es-embassy-commercial: e-mail changed, phone removed\n"
    );
    assert!(!said.stdout.contains("elena"), "{said}");

    // Asked for, the values show.
    let shown = run(&ws, &["diff", "HEAD~3", "--contacts"]);
    assert_eq!(
        shown.code(0).stdout,
        "barcelona: added facilitator neda-karimi (Neda Karimi)\n\
         barcelona: facilitator neda-karimi: e-mail neda@example.org, phone +98 913 000 1111\n\
         barcelona: contact es-embassy-commercial: e-mail elena.moved@example.org\n"
    );
    let shown = run(&ws, &["diff", "HEAD~1", "--contacts"]);
    assert_eq!(
        shown.code(0).stdout,
        "barcelona: contact es-embassy-commercial: e-mail elena.leak@example.org → elena.moved@example.org, phone removed\n"
    );
}

#[test]
fn the_weekly_report_says_which_contact_details_changed_never_what_they_hold() {
    let ws = repository();
    two_people_with_details(&ws);
    let eml = ws.root().join("week.eml");
    for args in [
        &["report", "weekly", "--commits"][..],
        &["report", "weekly", "--commits", "--format", "html"],
        &["--lang", "fa", "report", "weekly", "--commits"],
    ] {
        let report = run(&ws, args);
        report.code(0);
        lacks_secrets(&args.join(" "), &report.stdout);
    }
    let markdown = run(&ws, &["report", "weekly", "--commits"]).stdout;
    assert!(
        markdown.contains("barcelona: contact es-embassy-commercial: e-mail and phone added"),
        "{markdown}"
    );
    let persian = run(&ws, &["--lang", "fa", "report", "weekly", "--commits"]).stdout;
    assert!(persian.contains("ایمیل و تلفن افزوده شد"), "{persian}");
    let o = eml.to_str().unwrap();
    run(
        &ws,
        &["report", "weekly", "--commits", "--format", "eml", "-o", o],
    )
    .code(0);
    let draft = std::fs::read_to_string(&eml).unwrap();
    lacks_secrets("report weekly --format eml", &draft);

    let json = run(&ws, &["report", "weekly", "--format", "json"]);
    let details: Vec<serde_json::Value> = json.code(0).json()["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["details"].clone())
        .collect();
    assert_eq!(
        &details[..2],
        &[
            serde_json::json!(["barcelona: added facilitator neda-karimi (Neda Karimi)"]),
            serde_json::json!(["barcelona: contact es-embassy-commercial: e-mail and phone added"]),
        ]
    );
    lacks_secrets("report weekly --format json", &json.stdout);

    // `--include-contacts` shows them, and the memo of what commits changed never keeps them
    // (the cache of parsed dossiers holds what the files hold).
    let shown = run(
        &ws,
        &["report", "weekly", "--commits", "--include-contacts"],
    );
    assert!(
        shown.code(0).stdout.contains(
            "barcelona: contact es-embassy-commercial: e-mail elena.leak@example.org, phone +34 600 999 888"
        ),
        "{shown}"
    );
    let again = run(&ws, &["report", "weekly", "--format", "json"]);
    lacks_secrets(
        "report weekly after --include-contacts",
        &again.code(0).stdout,
    );
    let memos: Vec<_> = walkdir(ws.root().join(".diplomat"))
        .into_iter()
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().contains("history"))
        })
        .collect();
    assert!(!memos.is_empty(), "the history memo is kept");
    for entry in memos {
        let bytes = std::fs::read(&entry).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("elena.leak"),
            "{} keeps a detail",
            entry.display()
        );
    }
}

fn walkdir(dir: std::path::PathBuf) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return files;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walkdir(path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn encrypted_details_are_said_as_encrypted_and_opened_only_when_asked_for() {
    let ws = repository();
    let identity = ws.root().join("me.txt");
    let id = identity.to_str().unwrap();
    let me = run(&ws, &["--identity", id, "keys", "init"]);
    let recipient = me.code(0).stdout.trim().to_owned();
    run(&ws, &["--identity", id, "keys", "add", "me", &recipient]).code(0);
    run(&ws, &["--identity", id, "keys", "encrypt"]).code(0);
    git(&ws, &["add", "."]);
    git(&ws, &["commit", "-q", "-m", "encrypt"]);

    let said = run(&ws, &["diff", "HEAD~1"]);
    assert_eq!(
        said.code(0).stdout,
        "barcelona: facilitator example-facilitator: e-mail and phone encrypted\n"
    );
    let set = [
        "--identity",
        id,
        "contact",
        "set",
        "barcelona",
        "es-embassy-commercial",
        "--email",
        "elena.leak@example.org",
        "--commit",
    ];
    run(&ws, &set).code(0);
    assert!(
        String::from_utf8_lossy(&ws.read_city("barcelona.yaml")).contains("ENC[v1,"),
        "the e-mail is sealed on disk"
    );
    let said = run(&ws, &["diff", "HEAD~1"]);
    assert_eq!(
        said.code(0).stdout,
        "barcelona: contact es-embassy-commercial: e-mail added\n"
    );
    let json = run(&ws, &["diff", "HEAD~2", "--format", "json"]);
    lacks_secrets("diff --format json", &json.code(0).stdout);
    let report = run(
        &ws,
        &["report", "weekly", "--commits", "--include-contacts"],
    );
    // Without an identity the values cannot be shown: said so, nothing printed.
    assert_eq!(report.code, Some(2), "{report}");
    assert!(!report.stdout.contains("ENC["), "{report}");

    let shown = run(&ws, &["--identity", id, "diff", "HEAD~2", "--contacts"]);
    assert_eq!(
        shown.code(0).stdout,
        "barcelona: facilitator example-facilitator: e-mail and phone encrypted\n\
         barcelona: contact es-embassy-commercial: e-mail elena.leak@example.org\n"
    );
    let report = run(
        &ws,
        &[
            "--identity",
            id,
            "report",
            "weekly",
            "--commits",
            "--include-contacts",
        ],
    );
    report.code(0).stdout_lacks("ENC[");
}

#[test]
fn diff_shows_a_hostile_file_name_and_obeys_none_of_it() {
    let ws = repository();
    let name = "evil\u{1b}]0;pwned\u{7}\u{1b}[2J";
    let file = format!("{name}.yaml");
    ws.city(&file, minimal("evil", "Evil", "اویل", "Evil", "FR"));
    git(&ws, &["add", "."]);
    git(&ws, &["commit", "-q", "-m", "evil"]);
    ws.city(
        &file,
        minimal("evil", "Evil", "اویل", "Evil", "FR").replace("dormant", "active"),
    );
    let said = run(&ws, &["diff"]);
    assert_eq!(
        said.code(0).stdout,
        "evil\\e]0;pwned\\x07\\e[2J: relationship dormant → active\n"
    );
    let json = run(&ws, &["diff", "--format", "json"]);
    assert_eq!(json.code(0).json()[0]["city"], name);
}

#[test]
fn a_format_a_command_does_not_draw_is_refused_naming_those_it_takes() {
    let ws = repository();
    let before = ws.read_city("barcelona.yaml");
    for (args, said) in [
        (
            &["diff", "--format", "markdown"][..],
            "error: `diff` does not print `--format markdown`; it takes `table` or `json`\n",
        ),
        (
            &["diff", "--format", "csv"],
            "error: `diff` does not print `--format csv`; it takes `table` or `json`\n",
        ),
        (
            &["validate", "--format", "markdown"],
            "error: `validate` does not print `--format markdown`; it takes `table`, `json` or `yaml`\n",
        ),
        (
            &["validate", "--format", "csv"],
            "error: `validate` does not print `--format csv`; it takes `table`, `json` or `yaml`\n",
        ),
        (
            &["keys", "list", "--format", "markdown"],
            "error: `keys list` does not print `--format markdown`; it takes `table`, `json`, `yaml` or `csv`\n",
        ),
        (
            &["schema", "--format", "yaml"],
            "error: `schema` does not print `--format yaml`; it takes `json`\n",
        ),
        (
            &["fmt", "--format", "json"],
            "error: `fmt` does not print `--format json`: it takes no --format; leave it out\n",
        ),
        (
            &["completions", "bash", "--format", "json"],
            "error: `completions` does not print `--format json`: it takes no --format; leave it out\n",
        ),
        (
            &["man", "--format", "html"],
            "error: `man` does not print `--format html`: it takes no --format; leave it out\n",
        ),
        (
            &[
                "action",
                "add",
                "barcelona",
                "Call",
                "--owner",
                "joint",
                "--format",
                "json",
            ],
            "error: `action add` does not print `--format json`: it takes no --format; leave it out\n",
        ),
        (
            &["log", "barcelona", "Call", "--format", "xlsx"],
            "error: `log` does not print `--format xlsx`: it takes no --format; leave it out\n",
        ),
    ] {
        let refused = run(&ws, args);
        refused.code(2);
        assert_eq!(refused.stdout, "", "{}", args.join(" "));
        assert_eq!(refused.stderr, said, "{}", args.join(" "));
    }
    let persian = run(&ws, &["--lang", "fa", "diff", "--format", "markdown"]);
    assert_eq!(
        persian.code(2).stderr,
        "خطا: \u{2068}`diff`\u{2069} خروجی \u{2068}`--format markdown`\u{2069} نمی‌دهد؛ \u{2068}`table`\u{2069} یا \u{2068}`json`\u{2069} می‌گیرد\n"
    );
    // Nothing was written by a refused write.
    assert_eq!(ws.read_city("barcelona.yaml"), before);
    // What each draws is still drawn.
    for args in [
        &["diff", "--format", "json"][..],
        &["diff", "--format", "table"],
        &["validate", "--format", "yaml"],
        &["schema", "--format", "json"],
        &["keys", "list", "--format", "csv"],
        &["city", "list", "--format", "markdown"],
    ] {
        run(&ws, args).code(0);
    }
}
