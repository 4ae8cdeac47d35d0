//! Hostile and unusual workspaces (huge, deep, long, many, linked, unreadable, cluttered, changing
//! files) and the cache of parsed dossiers (`.diplomat/cache/`): every change to the files is
//! seen, a damaged or foreign cache is ignored, `--no-cache` bypasses it.

use std::path::Path;

use crate::support::{BARCELONA, FLORENCE, Workspace, commit, git, minimal};

const CACHE: &str = ".diplomat/cache";

fn slugs(ws: &Workspace, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["city", "list", "--format", "json"];
    args.extend_from_slice(extra);
    let run = ws.run(&args);
    run.code(0);
    run.json()
        .as_array()
        .map(|rows| {
            rows.iter()
                .filter_map(|r| r["slug"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn shard_files(root: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(root.join(CACHE))
        .map(|dir| {
            dir.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "bin"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn a_50_mb_dossier_gets_a_size_error_not_an_out_of_memory() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    let mut huge = minimal("huge", "Huge", "بزرگ", "Huge", "DE").into_bytes();
    huge.extend(std::iter::repeat_n(b'#', 50 * 1024 * 1024));
    huge.push(b'\n');
    ws.city("huge.yaml", &huge);
    // The limit it broke first, before any of the parser's: named, with the file's size.
    let said = "cities/huge.yaml: the file is 50.0 MiB, over 16 MiB, the limit on the size of one file\n  = help: a dossier is normally a few kilobytes, and ten years of a busy city about 5 MB; was this file made or joined by mistake?\n";
    let run = ws.run(&["city", "list"]);
    run.code(0).stdout_has("barcelona");
    assert_eq!(run.stderr, format!("warning: {said}"));
    let run = ws.run(&["validate"]);
    run.code(1);
    assert_eq!(
        run.stdout,
        format!("error: {said}\n1 problem in 1 of 2 files\n")
    );
    let run = ws.run(&["--lang", "fa", "validate", "--format", "json"]);
    run.code(1);
    assert_eq!(
        run.json()[0]["message"],
        "فایل ۵۰٫۰ مگابایت است، بیش از ۱۶ مگابایت، که سقف اندازهٔ یک فایل است"
    );
    assert_eq!(
        ws.read_city("huge.yaml").len(),
        huge.len(),
        "nothing changed"
    );
}

#[test]
fn deep_nesting_is_a_located_error() {
    let deep = format!("slug: deep\nname: {}\n", "[".repeat(10_000));
    let block: String = (1..2_000)
        .map(|i| format!("{}- \n", "  ".repeat(i % 200)))
        .collect();
    let ws = Workspace::with(&[
        ("barcelona.yaml", BARCELONA),
        ("deep.yaml", &deep),
        ("block.yaml", &format!("slug: block\nname:\n{block}")),
    ]);
    let run = ws.run(&["city", "list"]);
    run.code(0)
        .stdout_has("barcelona")
        .stderr_has("cities/deep.yaml:2:");
    ws.run(&["validate"])
        .code(1)
        .stdout_has("cities/deep.yaml:2:");
}

#[test]
fn a_very_long_line_is_read() {
    let long = format!(
        "{}notes: {}\n",
        minimal("long", "Long", "بلند", "Lang", "DE"),
        "word ".repeat(600_000)
    );
    let ws = Workspace::with(&[("long.yaml", &long)]);
    assert_eq!(slugs(&ws, &[]), ["long"]);
    // Twice: the second run reads it from the cache.
    assert_eq!(slugs(&ws, &[]), ["long"]);
}

#[test]
fn ten_thousand_files_are_listed() {
    let ws = Workspace::new();
    for i in 0..10_000 {
        let slug = format!("c{i:05}");
        ws.city(
            &format!("{slug}.yaml"),
            minimal(&slug, "City", "شهر", "Stadt", "DE"),
        );
    }
    let cold = slugs(&ws, &["--no-cache"]);
    assert_eq!(cold.len(), 10_000);
    assert_eq!(cold.first().map(String::as_str), Some("c00000"));
    let filling = slugs(&ws, &[]);
    let warm = slugs(&ws, &[]);
    assert_eq!(cold, filling);
    assert_eq!(cold, warm);
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_workspace_is_not_followed() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.yaml"),
        minimal("secret", "Secret", "راز", "Secret", "DE"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.yaml"),
        ws.city_path("secret.yaml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), ws.city_path("more.yaml")).unwrap();
    std::os::unix::fs::symlink("/nonexistent/dangling.yaml", ws.city_path("dangling.yaml"))
        .unwrap();
    // Not read, and not passed over in silence either: each is named, and why.
    let run = ws.run(&["city", "list", "--format", "json"]);
    run.code(0)
        .stdout_lacks("secret")
        .stdout_lacks("Secret")
        .stderr_lacks("Secret")
        .stderr_has("warning: cities/secret.yaml: cannot read the file: it is a symbolic link to `")
        .stderr_has("secret.yaml`, outside the workspace")
        .stderr_has("warning: cities/more.yaml: cannot read the file: it is a symbolic link to `")
        .stderr_has("`, which is a folder")
        .stderr_has("cities/dangling.yaml: cannot read the file: it is a symbolic link to `/nonexistent/dangling.yaml`, which does not exist");
    assert_eq!(slugs(&ws, &[]), ["barcelona"]);
    // Named, as the pre-commit framework names the files it checks: the same.
    ws.run(&["validate", "cities/secret.yaml"])
        .code(1)
        .stdout_has("outside the workspace")
        .stdout_lacks("Secret");
}

/// Run with a deadline: a named pipe opened for reading would wait for a writer for ever.
fn run_briefly(ws: &Workspace, args: &[&str]) -> crate::support::Run {
    let mut cmd = ws.cmd(args);
    cmd.timeout(std::time::Duration::from_secs(30));
    crate::support::Run::of(args.join(" "), &mut cmd)
}

/// A dossier moved away (its link left behind), a link to itself, a named pipe, a folder and a
/// device, each with a dossier's name, beside one good dossier.
#[cfg(unix)]
fn unreadable_entries() -> Workspace {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    std::os::unix::fs::symlink("moved-away/kazan.yaml", ws.city_path("kazan.yaml")).unwrap();
    std::os::unix::fs::symlink("loop.yaml", ws.city_path("loop.yaml")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(ws.city_path("fifo.yaml"))
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo");
    std::fs::create_dir(ws.city_path("x.yaml")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", ws.city_path("zero.yaml")).unwrap();
    ws
}

#[cfg(unix)]
const UNREADABLE: [&str; 5] = [
    "cities/fifo.yaml: cannot read the file: it is not a regular file (a named pipe)",
    "cities/kazan.yaml: cannot read the file: it is a symbolic link to `moved-away/kazan.yaml`, which does not exist",
    "cities/loop.yaml: cannot read the file: it is a symbolic link that loops",
    "cities/x.yaml: cannot read the file: it is a folder",
    "cities/zero.yaml: cannot read the file: it is a symbolic link to `/dev/zero`, which is not a regular file (a device)",
];

#[cfg(unix)]
#[test]
fn unreadable_entries_in_cities_are_named_not_skipped() {
    let ws = unreadable_entries();
    let run = run_briefly(&ws, &["validate"]);
    run.code(1).stdout_has("5 problems in 5 of 6 files");
    for problem in UNREADABLE {
        run.stdout_has(&format!("error: {problem}\n"));
    }
    // Read commands serve the rest, warn about each, and say so in their output.
    for args in [
        &["city", "list"][..],
        &["check"],
        &["summary"],
        &["report", "weekly"],
    ] {
        let run = run_briefly(&ws, args);
        run.stdout_has("arcelona");
        for problem in UNREADABLE {
            run.stderr_has(&format!("warning: {problem}\n"));
        }
    }
    run_briefly(&ws, &["city", "list"])
        .code(0)
        .stdout_has("5 dossiers could not be read and are left out");
    run_briefly(&ws, &["report", "weekly", "--format", "json"])
        .code(0)
        .stdout_has("it is a symbolic link that loops");
    // `diff` reads the working folder's files against git's: these are absent, not waited on.
    git(&ws, &["init", "-q"], "Analyst", "2026-11-20T10:00:00");
    commit(
        &ws,
        &["cities/barcelona.yaml"],
        "Analyst",
        "2026-11-20T10:00:00",
        "barcelona: new dossier",
    );
    run_briefly(&ws, &["diff"]).code(0);
    run_briefly(&ws, &["--strict", "city", "list"]).code(2);
    run_briefly(&ws, &["--strict", "check"]).code(2);
    // Named on the command line: the same problems, not "does not exist".
    for (file, why) in [
        ("cities/loop.yaml", "loops"),
        ("cities/kazan.yaml", "which does not exist"),
        ("cities/fifo.yaml", "(a named pipe)"),
        ("cities/zero.yaml", "(a device)"),
    ] {
        run_briefly(&ws, &["validate", file])
            .code(1)
            .stdout_has(why)
            .stdout_lacks("1 file valid");
    }
    run_briefly(&ws, &["--lang", "fa", "validate"])
        .code(1)
        .stdout_has("پیوند نمادینی است به \u{2068}`moved-away/kazan.yaml`\u{2069} که وجود ندارد")
        .stdout_has("پوشه است");
}

#[cfg(unix)]
#[test]
fn a_write_naming_an_unreadable_entry_refuses_and_leaves_it_as_it_was() {
    let ws = unreadable_entries();
    for city in ["kazan", "loop", "fifo", "x", "zero"] {
        run_briefly(&ws, &["log", city, "Call", "--date", "2026-11-20"])
            .code(2)
            .stderr_has("it was not changed")
            .stderr_has(&format!("cities/{city}.yaml: cannot read the file: it is"));
    }
    // `city edit` opens a broken dossier to mend it, but not one of these: a pipe would block.
    for city in ["fifo", "kazan", "zero"] {
        let mut cmd = ws.cmd(["city", "edit", city]);
        cmd.env("EDITOR", "true")
            .timeout(std::time::Duration::from_secs(30));
        crate::support::Run::of(format!("city edit {city}"), &mut cmd)
            .code(2)
            .stderr_has(&format!("cities/{city}.yaml: cannot read the file: it is"));
    }
    // A new dossier for the city whose file moved away would replace the link.
    run_briefly(&ws, &["city", "new", "kazan", "--name", "Kazan", "--country", "RU"])
        .code(2)
        .stderr_has("`cities/kazan.yaml` is there already, and cannot be read: it is a symbolic link to `moved-away/kazan.yaml`, which does not exist");
    let link = std::fs::read_link(ws.city_path("kazan.yaml")).unwrap();
    assert_eq!(link, Path::new("moved-away/kazan.yaml"));
    use std::os::unix::fs::FileTypeExt;
    let fifo = std::fs::symlink_metadata(ws.city_path("fifo.yaml")).unwrap();
    assert!(fifo.file_type().is_fifo());
    assert!(ws.city_path("x.yaml").is_dir());
}

#[cfg(unix)]
#[test]
fn a_symlink_within_the_workspace_is_read_and_written_through() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    ws.file("shared/florence.yaml", FLORENCE);
    std::os::unix::fs::symlink("../shared/florence.yaml", ws.city_path("florence.yaml")).unwrap();
    let run = ws.run(&["city", "list"]);
    run.code(0).stderr_empty().stdout_has("Florence");
    ws.run(&["validate"]).code(0).stdout_has("2 files valid");
    ws.run(&[
        "log",
        "florence",
        "Call with the museum",
        "--date",
        "2026-11-25",
    ])
    .code(0);
    // Still a link, and the file it points at holds the change.
    assert!(
        std::fs::symlink_metadata(ws.city_path("florence.yaml"))
            .unwrap()
            .is_symlink()
    );
    let shared = std::fs::read_to_string(ws.root().join("shared/florence.yaml")).unwrap();
    assert!(shared.contains("Call with the museum"), "{shared}");
}

#[cfg(unix)]
#[test]
fn an_unreadable_dossier_is_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA), ("florence.yaml", FLORENCE)]);
    let path = ws.city_path("florence.yaml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::File::open(&path).is_ok() {
        eprintln!("skipped: running as a user who reads files despite their mode (root)");
        return;
    }
    let run = ws.run(&["city", "list"]);
    run.code(0)
        .stdout_has("barcelona")
        .stderr_has("cities/florence.yaml")
        .stderr_has("cannot read");
    ws.run(&["--strict", "city", "list"]).code(2);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(slugs(&ws, &[]), ["barcelona", "florence"]);
}

#[test]
fn other_files_in_cities_are_ignored() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA)]);
    ws.city("README.md", "# notes\n")
        .city("florence.yaml.bak", FLORENCE)
        .city("florence.yaml~", FLORENCE)
        .city(".florence.yaml.swp", [0u8, 159, 146, 150])
        .city(".hidden.yaml", FLORENCE)
        .city("photo.jpg", [0xFFu8, 0xD8, 0xFF, 0xE0])
        .file("cities/archive/florence.yaml", FLORENCE);
    let run = ws.run(&["city", "list", "--format", "json"]);
    run.code(0).stderr_empty();
    assert_eq!(slugs(&ws, &[]), ["barcelona"]);
    ws.run(&["validate"]).code(0).stdout_has("1 file valid");
}

/// A dossier rewritten over and over while it is being read: each run sees the old or the new
/// text (or warns that it could not read it), and never fails or panics.
#[test]
fn a_dossier_changing_while_being_read() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA), ("florence.yaml", FLORENCE)]);
    let path = ws.city_path("florence.yaml");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let other = FLORENCE.replace("Firenze", "Fiorenza");
            let mut i = 0u32;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let text = if i.is_multiple_of(2) {
                    FLORENCE
                } else {
                    &other
                };
                // Rewritten in place, not renamed: readers may see a half-written file.
                let _ = std::fs::write(&path, text);
                i += 1;
            }
        })
    };
    for _ in 0..10 {
        let run = ws.run(&["city", "list", "--format", "json"]);
        run.code(0).stdout_has("barcelona");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    writer.join().unwrap();
    std::fs::write(ws.city_path("florence.yaml"), FLORENCE).unwrap();
    assert_eq!(slugs(&ws, &[]), ["barcelona", "florence"]);
}

#[test]
fn the_cache_is_filled_and_git_ignored() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA), ("florence.yaml", FLORENCE)]);
    let before = ws.run(&["city", "list", "--format", "json"]);
    before.code(0);
    assert!(!shard_files(ws.root()).is_empty(), "no cache written");
    let ignore = std::fs::read_to_string(ws.root().join(CACHE).join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "*"), "{ignore}");
    let after = ws.run(&["city", "list", "--format", "json"]);
    assert_eq!(before.stdout, after.stdout);
    // Every command that reads gives the same answer from the cache as without it.
    for args in [
        vec!["city", "show", "barcelona", "--format", "json"],
        vec!["check", "--format", "json"],
        vec!["facilitator", "list", "--format", "json"],
        vec!["action", "list", "--format", "json"],
        vec!["summary"],
    ] {
        let cached = ws.run(&args);
        let mut plain = args.clone();
        plain.insert(0, "--no-cache");
        let fresh = ws.run(&plain);
        assert_eq!(cached.stdout, fresh.stdout, "{}", args.join(" "));
        assert_eq!(cached.code, fresh.code, "{}", args.join(" "));
    }
}

#[test]
fn a_changed_file_is_seen() {
    let ws = Workspace::with(&[("florence.yaml", FLORENCE)]);
    ws.run(&["city", "list"]).code(0).stdout_has("Florence");
    // Same length, so size and a coarse modification time cannot tell.
    ws.city(
        "florence.yaml",
        FLORENCE.replace("en: Florence", "en: Florenz!"),
    );
    ws.run(&["city", "list"]).code(0).stdout_has("Florenz!");
}

#[test]
fn added_and_removed_files_are_seen() {
    let ws = Workspace::with(&[("florence.yaml", FLORENCE)]);
    assert_eq!(slugs(&ws, &[]), ["florence"]);
    ws.city("barcelona.yaml", BARCELONA);
    assert_eq!(slugs(&ws, &[]), ["barcelona", "florence"]);
    std::fs::remove_file(ws.city_path("florence.yaml")).unwrap();
    assert_eq!(slugs(&ws, &[]), ["barcelona"]);
    std::fs::remove_file(ws.city_path("barcelona.yaml")).unwrap();
    assert!(slugs(&ws, &[]).is_empty());
}

#[test]
fn a_broken_file_is_never_cached() {
    let ws = Workspace::with(&[("florence.yaml", FLORENCE)]);
    ws.run(&["city", "list"]).code(0);
    let broken = FLORENCE.replace("status: active\n", "status: bogus\n");
    ws.city("florence.yaml", &broken);
    for _ in 0..2 {
        ws.run(&["city", "list"])
            .code(0)
            .stderr_has("cities/florence.yaml:")
            .stderr_has("bogus");
    }
    ws.city("florence.yaml", FLORENCE);
    ws.run(&["city", "list"])
        .code(0)
        .stderr_empty()
        .stdout_has("Florence");
}

#[test]
fn a_corrupt_cache_is_ignored_and_rebuilt() {
    let ws = Workspace::with(&[("barcelona.yaml", BARCELONA), ("florence.yaml", FLORENCE)]);
    let expected = ws.run(&["city", "list", "--format", "json"]).stdout;
    let shards = shard_files(ws.root());
    assert!(!shards.is_empty());
    let damages: [fn(&mut Vec<u8>); 4] = [
        |b| b.truncate(b.len() / 2),
        |b| {
            let n = b.len();
            b[n - 5] ^= 0xFF;
        },
        |b| b.clear(),
        |b| *b = b"not a cache at all".repeat(100),
    ];
    for damage in damages {
        for shard in &shards {
            let mut bytes = std::fs::read(shard).unwrap_or_default();
            if bytes.is_empty() {
                continue;
            }
            damage(&mut bytes);
            std::fs::write(shard, bytes).unwrap();
        }
        let run = ws.run(&["city", "list", "--format", "json"]);
        run.code(0).stderr_empty();
        assert_eq!(run.stdout, expected);
        // Rebuilt: the next run reads it again, and gives the same answer.
        assert!(
            shard_files(ws.root())
                .iter()
                .all(|s| std::fs::read(s).is_ok_and(|b| b.starts_with(b"DIPLCACH")))
        );
        assert_eq!(
            ws.run(&["city", "list", "--format", "json"]).stdout,
            expected
        );
    }
}

#[test]
fn a_cache_from_another_version_is_ignored() {
    let ws = Workspace::with(&[("florence.yaml", FLORENCE)]);
    ws.run(&["city", "list"]).code(0);
    for shard in shard_files(ws.root()) {
        let mut bytes = std::fs::read(&shard).unwrap();
        // The version follows the magic (8 bytes), the format (4) and its length (1).
        bytes[13] = b'9';
        std::fs::write(&shard, bytes).unwrap();
    }
    ws.run(&["city", "list"])
        .code(0)
        .stderr_empty()
        .stdout_has("Florence");
}

#[test]
fn no_cache_neither_reads_nor_writes_it() {
    let ws = Workspace::with(&[("florence.yaml", FLORENCE)]);
    ws.run(&["--no-cache", "city", "list"])
        .code(0)
        .stdout_has("Florence");
    assert!(!ws.root().join(CACHE).exists(), "--no-cache wrote a cache");
    ws.run(&["city", "list"]).code(0);
    let shards = shard_files(ws.root());
    for shard in &shards {
        std::fs::write(shard, b"garbage").unwrap();
    }
    ws.run(&["--no-cache", "city", "list"])
        .code(0)
        .stdout_has("Florence");
    for shard in &shards {
        assert_eq!(
            std::fs::read(shard).unwrap(),
            b"garbage",
            "--no-cache touched the cache"
        );
    }
}

#[test]
fn a_workspace_where_the_cache_cannot_be_written_still_works() {
    let ws = Workspace::with(&[("florence.yaml", FLORENCE)]);
    // `.diplomat` is a file, so no cache folder can be made there.
    ws.file(".diplomat", "not a folder");
    for _ in 0..2 {
        ws.run(&["city", "list"])
            .code(0)
            .stderr_empty()
            .stdout_has("Florence");
    }
}

#[test]
fn writes_are_seen_by_the_next_read() {
    let ws = Workspace::with(&[("florence.yaml", FLORENCE)]);
    ws.run(&["action", "list"]).code(0);
    ws.run(&[
        "action",
        "add",
        "florence",
        "Ship the catalogue",
        "--owner",
        "joint",
    ])
    .code(0);
    ws.run(&["action", "list"])
        .code(0)
        .stdout_has("Ship the catalogue");
}

/// A `cities/` that cannot be listed (here a file where the folder should be) is an error that
/// names it, not a workspace without dossiers.
#[test]
fn a_cities_folder_that_cannot_be_listed_is_an_error_not_an_empty_workspace() {
    let ws = Workspace::new();
    std::fs::remove_dir(ws.root().join("cities")).unwrap();
    std::fs::write(ws.root().join("diplomat.yaml"), "").unwrap();
    std::fs::write(ws.root().join("cities"), "not a folder\n").unwrap();
    for args in [&["city", "list"][..], &["report", "weekly"], &["validate"]] {
        ws.run(args)
            .code(2)
            .stderr_has("cannot read")
            .stderr_has("cities");
    }
}
