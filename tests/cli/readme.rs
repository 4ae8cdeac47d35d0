//! The READMEs are tested: every `console` block of README.md and README.fa.md runs against the
//! binary, and what it prints must be what the block shows.
//!
//! Not trycmd: the walkthrough is shell (`cd`, `&&`, `git`, lines continued with `\`) and its
//! blocks share one workspace from section to section, which trycmd's one-command-per-line
//! cases cannot say. The harness is small instead:
//!
//! - a block is preceded by `<!-- test: SCENE -->` (or `<!-- test: SCENE; SETUP -->`): blocks of
//!   one file naming the same scene run one after the other in one temporary folder, the shell's
//!   working directory carried from command to command; `SETUP` is shell run before the block,
//!   its output not compared. A scene named `demo…` starts with `examples/demo` copied into it.
//!   A block with no such line fails the test, so a new example is never left untested.
//! - each `$ ` line (continued by a trailing `\`) runs in `sh` with stderr joined to stdout, as a
//!   terminal shows them, on 2026-11-26 (`DIPLOMAT_TODAY`, which the README says), `COLUMNS=120`,
//!   no colour, a cleared environment;
//! - the lines below it are what it prints, compared line by line (trailing spaces aside): a
//!   line `…` stands for any lines, a line ending in `…` for any line beginning so, and a random
//!   id (`a-hgsf`, `e-h4rm`: a letter, `-`, four letters or digits) for any id of its kind.
//!   The exit status is not compared: what the block prints says it.

use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

use crate::support::TODAY;

const ELLIPSIS: &str = "…";

#[test]
fn readme_examples_print_what_they_show() {
    check_file("README.md");
}

#[test]
fn persian_readme_examples_print_what_they_show() {
    check_file("README.fa.md");
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One `console` block: where it starts, its scene and setup, its commands.
struct Block {
    line: usize,
    scene: Option<String>,
    setup: Option<String>,
    commands: Vec<Example>,
}

struct Example {
    line: usize,
    command: String,
    /// Where its expected lines begin (0-based), for `README_UPDATE`.
    expected_at: usize,
    expected: Vec<String>,
}

fn blocks(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let fence = lines[i].trim_end();
        if fence.starts_with("```") && fence != "```console" {
            // Skip any other fenced block whole, so its content is not taken for a fence.
            i += 1;
            while i < lines.len() && lines[i].trim_end() != "```" {
                i += 1;
            }
            i += 1;
            continue;
        }
        if fence != "```console" {
            i += 1;
            continue;
        }
        let (scene, setup) = marker(&lines[..i]);
        let mut block = Block {
            line: i + 1,
            scene,
            setup,
            commands: Vec::new(),
        };
        i += 1;
        while i < lines.len() && lines[i].trim_end() != "```" {
            let line = lines[i];
            if let Some(first) = line.strip_prefix("$ ") {
                let start = i + 1;
                let mut command = first.to_owned();
                while command.ends_with('\\') && i + 1 < lines.len() {
                    command.pop();
                    i += 1;
                    command.push(' ');
                    command.push_str(lines[i].trim_start());
                }
                block.commands.push(Example {
                    line: start,
                    command,
                    expected_at: i + 1,
                    expected: Vec::new(),
                });
            } else if let Some(example) = block.commands.last_mut() {
                example.expected.push(line.trim_end().to_owned());
            }
            i += 1;
        }
        i += 1;
        blocks.push(block);
    }
    blocks
}

/// The `<!-- test: … -->` line above a block (blank lines between allowed).
fn marker(above: &[&str]) -> (Option<String>, Option<String>) {
    let Some(line) = above.iter().rev().find(|l| !l.trim().is_empty()) else {
        return (None, None);
    };
    let Some(body) = line
        .trim()
        .strip_prefix("<!-- test:")
        .and_then(|rest| rest.strip_suffix("-->"))
    else {
        return (None, None);
    };
    match body.split_once(';') {
        Some((scene, setup)) => (Some(scene.trim().to_owned()), Some(setup.trim().to_owned())),
        None => (Some(body.trim().to_owned()), None),
    }
}

/// A scene's folder and the shell's working directory in it.
struct Scene {
    _dir: TempDir,
    cwd: PathBuf,
}

impl Scene {
    fn new(name: &str) -> Scene {
        let dir = tempfile::tempdir().expect("a temporary folder");
        if name.starts_with("demo") {
            copy_dir(
                &repo().join("examples/demo"),
                &dir.path().join("examples/demo"),
            );
        }
        let cwd = dir.path().to_path_buf();
        Scene { _dir: dir, cwd }
    }

    /// Runs `command` in `sh` from the current directory; returns what it printed (stdout and
    /// stderr as one stream) and moves to where it `cd`-ed.
    fn run(&mut self, command: &str) -> String {
        let home = self._dir.path().join(".home");
        std::fs::create_dir_all(&home).expect("a home folder");
        let pwd_file = home.join(".pwd");
        let script = format!(
            "{command}\n__status=$?\npwd > '{}'\nexit $__status",
            pwd_file.display()
        );
        let bin = assert_cmd::cargo::cargo_bin("diplomat");
        let bin_dir = bin.parent().expect("the binary's folder");
        let path = format!(
            "{}:{}",
            bin_dir.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let output = Command::new("sh")
            .arg("-c")
            .arg(format!("exec 2>&1\n{script}"))
            .current_dir(&self.cwd)
            .env_clear()
            .env("PATH", path)
            .env("HOME", &home)
            .env("LANG", "C.UTF-8")
            .env("COLUMNS", "120")
            .env("NO_COLOR", "1")
            .env("FIXTURES", repo().join("tests/fixtures/readme"))
            .env("DIPLOMAT_TODAY", TODAY)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Maryam Ahmadi")
            .env("GIT_AUTHOR_EMAIL", "maryam@example.org")
            .env("GIT_COMMITTER_NAME", "Maryam Ahmadi")
            .env("GIT_COMMITTER_EMAIL", "maryam@example.org")
            .env("GIT_AUTHOR_DATE", format!("{TODAY}T10:00:00+03:30"))
            .env("GIT_COMMITTER_DATE", format!("{TODAY}T10:00:00+03:30"))
            .output()
            .expect("sh runs");
        if let Ok(pwd) = std::fs::read_to_string(&pwd_file) {
            self.cwd = PathBuf::from(pwd.trim_end());
        }
        String::from_utf8_lossy(&output.stdout).into_owned()
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder");
    for entry in std::fs::read_dir(from).expect("a readable folder") {
        let entry = entry.expect("a folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("a copied file");
        }
    }
}

/// Runs every block of README `name`. With `README_UPDATE=1`, an example that does not print
/// what it shows is rewritten with what it printed (check the diff, and put back an `…` where a
/// long output is better cut), as `cargo insta accept` does for snapshots.
fn check_file(name: &str) {
    let path = repo().join(name);
    let text = std::fs::read_to_string(&path).expect("the README");
    let update = std::env::var_os("README_UPDATE").is_some_and(|v| v == "1");
    let mut rewrites: Vec<(usize, usize, Vec<String>)> = Vec::new();
    let mut scenes: Vec<(String, Scene)> = Vec::new();
    let mut failures = Vec::new();
    for block in blocks(&text) {
        let Some(scene_name) = block.scene else {
            failures.push(format!(
                "{name}:{}: a console block without `<!-- test: SCENE -->` above it",
                block.line
            ));
            continue;
        };
        let index = match scenes.iter().position(|(n, _)| *n == scene_name) {
            Some(index) => index,
            None => {
                scenes.push((scene_name.clone(), Scene::new(&scene_name)));
                scenes.len() - 1
            }
        };
        let scene = &mut scenes[index].1;
        if let Some(setup) = &block.setup {
            scene.run(setup);
        }
        for example in &block.commands {
            let actual = scene.run(&example.command);
            let actual: Vec<String> = actual.lines().map(|l| l.trim_end().to_owned()).collect();
            let expected = trim_blank_end(&example.expected);
            let actual = trim_blank_end(&actual);
            if !matches(expected, actual) {
                rewrites.push((example.expected_at, example.expected.len(), actual.to_vec()));
                failures.push(format!(
                    "{name}:{}: `$ {}` printed\n{}\n--- where the README shows\n{}\n---",
                    example.line,
                    example.command,
                    actual.join("\n"),
                    expected.join("\n"),
                ));
            }
        }
    }
    if update && !rewrites.is_empty() {
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        for (at, count, actual) in rewrites.into_iter().rev() {
            lines.splice(at..at + count, actual);
        }
        std::fs::write(&path, lines.join("\n") + "\n").expect("the README rewritten");
        return;
    }
    assert!(
        failures.is_empty(),
        "\n{}\n\n(an output changed on purpose: `README_UPDATE=1 cargo test --test cli readme` \
         writes it into {name}; a new console block needs `<!-- test: SCENE -->` above it)",
        failures.join("\n\n")
    );
}

fn trim_blank_end(lines: &[String]) -> &[String] {
    let end = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(0, |i| i + 1);
    &lines[..end]
}

/// Whether `actual` is what `expected` shows, with its wildcards.
fn matches(expected: &[String], actual: &[String]) -> bool {
    let Some((first, rest)) = expected.split_first() else {
        return actual.is_empty();
    };
    if first.trim() == ELLIPSIS {
        return (0..=actual.len()).any(|skip| matches(rest, &actual[skip..]));
    }
    let Some((line, others)) = actual.split_first() else {
        return false;
    };
    line_matches(first, line) && matches(rest, others)
}

fn line_matches(expected: &str, actual: &str) -> bool {
    let expected = without_ids(expected);
    let actual = without_ids(actual);
    match expected.strip_suffix(ELLIPSIS) {
        Some(prefix) => actual.starts_with(prefix.trim_end()),
        None => expected == actual,
    }
}

/// `line` with every random id (`a-hgsf`) written `a-····`.
fn without_ids(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let starts_word = i == 0 || !is_id_char(chars[i - 1]);
        let is_id = starts_word
            && i + 6 <= chars.len()
            && chars[i].is_ascii_lowercase()
            && chars[i + 1] == '-'
            && chars[i + 2..i + 6]
                .iter()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            && chars.get(i + 6).is_none_or(|c| !is_id_char(*c));
        if is_id {
            out.push(chars[i]);
            out.push_str("-····");
            i += 6;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-'
}

#[test]
fn the_harness_reads_blocks_and_wildcards() {
    let text = "<!-- test: walk; git init -q -->\n\n```console\n$ diplomat a \\\n    --b\nout\n…\nend\n$ diplomat c\n```\n\n```sh\n```console\n```\n\n```console\n$ x\n```\n";
    let found = blocks(text);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].scene.as_deref(), Some("walk"));
    assert_eq!(found[0].setup.as_deref(), Some("git init -q"));
    assert_eq!(found[0].commands[0].command, "diplomat a  --b");
    assert_eq!(found[0].commands[0].expected, ["out", "…", "end"]);
    assert!(found[0].commands[1].expected.is_empty());
    assert_eq!(found[1].scene, None);
    let lines = |s: &str| s.lines().map(str::to_owned).collect::<Vec<_>>();
    assert!(matches(&lines("out\n…\nend"), &lines("out\n1\n2\nend")));
    assert!(matches(&lines("out\n…\nend"), &lines("out\nend")));
    assert!(!matches(&lines("out\n…\nend"), &lines("out\n1")));
    assert!(matches(
        &lines("3 of a-hgsf, …"),
        &lines("3 of a-x7q2, and more")
    ));
    assert!(!matches(&lines("3 of a-hgsf"), &lines("3 of a-x7q2x")));
    assert!(!matches(&lines("out"), &lines("out\nmore")));
}
