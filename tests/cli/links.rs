//! Links in a shared repository that lead out of the workspace: templates, settings and
//! diplomat's own `.diplomat/` are read and written only inside it, as dossiers are; and an age
//! secret key is never printed, whichever file it came from.
#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::PathBuf;

use crate::support::{FLORENCE, Run, Workspace};

/// An identity as `keys init` writes one (`~/.config/diplomat/identity.txt`).
const KEY: &str = "AGE-SECRET-KEY-1QYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSHFLY3E";
/// What of the key must never be printed: its body.
const BODY: &str = "QYQSZQGPQYQSZQGP";

fn identity_text() -> String {
    format!(
        "# created: 2026-11-26T09:00:00+03:30\n# public key: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n{KEY}\n"
    )
}

/// The analyst's home, outside the workspace, holding their identity.
fn home() -> (tempfile::TempDir, PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let identity = home.path().join("identity.txt");
    std::fs::write(&identity, identity_text()).unwrap();
    (home, identity)
}

fn workspace() -> Workspace {
    Workspace::with(&[("florence.yaml", FLORENCE)])
}

/// Nothing of the key in what the run printed.
fn no_key(run: &Run) {
    assert!(
        !run.stdout.contains(BODY) && !run.stderr.contains(BODY),
        "the secret key was printed\n{run}"
    );
}

#[test]
fn a_template_linked_out_of_the_workspace_is_refused_and_named() {
    let ws = workspace();
    let (_home, identity) = home();
    let target = identity.display().to_string();
    std::fs::create_dir(ws.root().join("templates")).unwrap();
    for (name, args) in [
        ("weekly.md.j2", &["report", "weekly", "--format", "eml"][..]),
        ("weekly.md.j2", &["report", "weekly"][..]),
        (
            "roadmap.md.j2",
            &["report", "roadmap", "--format", "html"][..],
        ),
        ("review.md.j2", &["report", "review", "florence"][..]),
        (
            "city.yaml",
            &["city", "new", "kazan", "--name", "Kazan", "--country", "RU"][..],
        ),
        ("readiness.yaml", &["check"][..]),
    ] {
        let link = ws.root().join("templates").join(name);
        symlink(&identity, &link).unwrap();
        let run = ws.run(args);
        no_key(&run);
        run.code(2);
        assert_eq!(run.stdout, "", "{run}");
        assert_eq!(
            run.stderr,
            format!(
                "error: templates/{name}: cannot read the file: it is a symbolic link to `{target}`, outside the workspace\n  = help: links are followed only within the workspace (one in a shared repository could point at any file); copy the file itself into `templates/`\n"
            ),
            "{run}"
        );
        std::fs::remove_file(&link).unwrap();
    }
    assert!(!ws.city_path("kazan.yaml").exists());
}

#[test]
fn a_templates_folder_or_settings_linked_out_are_refused_too() {
    let ws = workspace();
    let (home, identity) = home();
    std::fs::copy(&identity, home.path().join("weekly.md.j2")).unwrap();
    symlink(home.path(), ws.root().join("templates")).unwrap();
    let run = ws.run(&["report", "weekly"]);
    no_key(&run);
    run.code(2);
    let folder = home.path().display();
    assert_eq!(
        run.stderr,
        format!(
            "error: templates/weekly.md.j2: cannot read the file: `templates` is a symbolic link to `{folder}`, outside the workspace\n  = help: links are followed only within the workspace (one in a shared repository could point at any file); make `templates` a folder of the workspace, with the files themselves in it\n"
        )
    );
    std::fs::remove_file(ws.root().join("templates")).unwrap();

    symlink(&identity, ws.root().join("diplomat.yaml")).unwrap();
    let run = ws.run(&["city", "list"]);
    no_key(&run);
    run.code(2);
    assert_eq!(
        run.stderr,
        format!(
            "error: diplomat.yaml: cannot read the file: it is a symbolic link to `{}`, outside the workspace\n  = help: links are followed only within the workspace (one in a shared repository could point at any file); put the file itself in the workspace\n",
            identity.display()
        )
    );
}

/// A link that stays inside the workspace is a file of the workspace: followed.
#[test]
fn a_template_linked_within_the_workspace_is_used() {
    let ws = workspace();
    ws.file("shared/weekly.md.j2", "Week of {{ from }} to {{ to }}\n");
    std::fs::create_dir(ws.root().join("templates")).unwrap();
    symlink(
        "../shared/weekly.md.j2",
        ws.root().join("templates/weekly.md.j2"),
    )
    .unwrap();
    let run = ws.run(&["report", "weekly"]);
    run.code(0);
    assert_eq!(run.stdout, "Week of 2026-11-21 to 2026-11-27\n");
}

/// Named on purpose or pasted by mistake, a key is masked in every output: diagnostics,
/// messages, reports in each format and the lists.
#[test]
fn an_age_secret_key_is_never_printed() {
    let ws = workspace();
    let (_home, identity) = home();
    let masked = format!("AGE-SECRET-KEY-1{}", "•".repeat(KEY.len() - 16));
    // The identity given where a dossier or a template goes.
    std::fs::copy(&identity, ws.root().join("identity.yaml")).unwrap();
    let run = ws.run(&["validate", "identity.yaml"]);
    no_key(&run);
    run.code(1);
    assert_eq!(
        run.stdout,
        format!(
            "error: identity.yaml:3:1: `dossier` should be a mapping of keys, found text\n  |\n3 | {masked}\n  | ^\n\n1 problem in 1 of 1 files\n"
        )
    );
    let path = identity.display().to_string();
    // HTML keeps the key's first word on one line (a nowrap span): the text read is the same.
    let text_of = |html: &str| {
        html.replace("<span dir=\"ltr\" style=\"white-space:nowrap\">", "")
            .replace("</span>", "")
    };
    for format in ["markdown", "html", "eml"] {
        let run = ws.run(&["report", "weekly", "--template", &path, "--format", format]);
        no_key(&run);
        run.code(0);
        if format == "eml" {
            let message = mail_parser::MessageParser::default()
                .parse(run.stdout.as_bytes())
                .unwrap();
            let text = message.body_text(0).unwrap();
            let html = message.body_html(0).unwrap();
            assert!(text.contains(&masked) && !text.contains(BODY), "{text}");
            assert!(
                text_of(&html).contains(&masked) && !html.contains(BODY),
                "{html}"
            );
        } else {
            assert!(text_of(&run.stdout).contains(&masked), "{run}");
        }
    }
    let out = ws.root().join("week.md");
    let out_text = out.display().to_string();
    ws.run(&["report", "weekly", "--template", &path, "-o", &out_text])
        .code(0);
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        written,
        format!(
            "# created: 2026-11-26T09:00:00+03:30\n# public key: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n{masked}\n"
        )
    );

    // Pasted into a dossier: every list and its formats, and messages quoting it.
    ws.run(&["action", "add", "florence", KEY, "--owner", "joint"])
        .code(0);
    for args in [
        &["action", "list"][..],
        &["action", "list", "--format", "json"][..],
        &["action", "list", "--format", "csv"][..],
        &["action", "list", "--format", "yaml"][..],
        &["report", "roadmap", "--format", "html"][..],
        &["city", "show", "florence"][..],
        &["city", "show", KEY][..],
    ] {
        no_key(&ws.run(args));
    }
    let book = ws.root().join("actions.xlsx");
    let book_text = book.display().to_string();
    ws.run(&["action", "list", "-o", &book_text]).code(0);
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&book).unwrap();
    use calamine::Reader;
    let range = workbook.worksheet_range_at(0).unwrap().unwrap();
    let cells: Vec<String> = range.cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(cells.contains(&masked), "{cells:?}");
    assert!(!cells.iter().any(|c| c.contains(BODY)), "{cells:?}");
}

/// `.diplomat` (the lock, the cache, `city edit`'s copies) as a link out of the workspace, or
/// to nothing: nothing is read from or written there; reads go without the cache, writes are
/// refused, and the dossier is left as it was.
#[test]
fn a_diplomat_folder_linked_out_of_the_workspace_is_not_written_through() {
    let ws = workspace();
    let elsewhere = tempfile::tempdir().unwrap();
    let before = ws.read_city("florence.yaml");
    let check = |shown: &str| {
        let run = ws.run(&["city", "list", "--format", "json"]);
        run.code(0);
        assert_eq!(run.json()[0]["slug"], "florence");
        assert_eq!(
            run.stderr,
            format!(
                "warning: .diplomat: it is a symbolic link to `{shown}`, outside the workspace: the cache of parsed dossiers is neither read nor written there, so every dossier was parsed\n  = help: remove the link (after keeping any copy of `city edit` you still need from it): diplomat makes `.diplomat/` again, as a folder of the workspace\n"
            )
        );
        let run = ws.run(&[
            "--quiet", "action", "add", "florence", "Call", "--owner", "joint",
        ]);
        run.code(2);
        assert_eq!(
            run.stderr,
            format!(
                "error: .diplomat: it is a symbolic link to `{shown}`, outside the workspace: diplomat keeps its write lock there and writes nothing outside the workspace, so nothing was changed\n  = help: remove the link (after keeping any copy of `city edit` you still need from it): diplomat makes `.diplomat/` again, as a folder of the workspace\n"
            )
        );
        let mut edit = ws.cmd(["--quiet", "city", "edit", "florence"]);
        edit.env("EDITOR", "true");
        let run = Run::of("city edit florence", &mut edit);
        run.code(2)
            .stderr_has("error: .diplomat: it is a symbolic link to");
        assert_eq!(ws.read_city("florence.yaml"), before);
    };
    let dir = ws.root().join(".diplomat");
    symlink(elsewhere.path(), &dir).unwrap();
    check(&elsewhere.path().display().to_string());
    let left: Vec<_> = std::fs::read_dir(elsewhere.path()).unwrap().collect();
    assert!(left.is_empty(), "written outside the workspace: {left:?}");
    std::fs::remove_file(&dir).unwrap();

    // A link to nothing yet: following it would make the folder there.
    let nowhere = elsewhere.path().join("made-by-diplomat");
    symlink(&nowhere, &dir).unwrap();
    check(&nowhere.display().to_string());
    assert!(!nowhere.exists(), "a folder was made outside the workspace");
    std::fs::remove_file(&dir).unwrap();

    // Its lock file alone, linked out: refused too.
    std::fs::create_dir(&dir).unwrap();
    let lock = elsewhere.path().join("lock");
    symlink(&lock, dir.join("lock")).unwrap();
    ws.run(&["action", "add", "florence", "Call", "--owner", "joint"])
        .code(2)
        .stderr_has("error: .diplomat/lock: it is a symbolic link to");
    assert!(!lock.exists(), "the lock was made outside the workspace");
    assert_eq!(ws.read_city("florence.yaml"), before);
}
