//! Fitting the analysts' world: `init`, the dossier schema for editors, the git pre-commit
//! hook, shell completions, the manual page and the help text.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Output};

use clap::CommandFactory;
use diplomat::cli::Cli;
use tempfile::TempDir;

use crate::support::{self, Run, diplomat};

/// Every file `diplomat init` writes, relative to the workspace.
const INIT_FILES: &[&str] = &[
    "diplomat.yaml",
    "cities/.gitkeep",
    ".gitignore",
    ".gitattributes",
    "dossier.schema.json",
    "pool.schema.json",
    ".vscode/settings.json",
    ".vscode/extensions.json",
];

/// A temporary folder that git will not look above (so a repository around the system's
/// temporary folder cannot change what the tests see).
pub(crate) struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    pub(crate) fn new() -> Self {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `diplomat ARGS…` run in `cwd`, hermetic, with git's search fenced in.
    pub(crate) fn diplomat(&self, cwd: &Path, args: &[&str]) -> Run {
        let mut cmd = diplomat();
        cmd.current_dir(cwd)
            .env("GIT_CEILING_DIRECTORIES", self.path())
            .args(args);
        Run::of(args.join(" "), &mut cmd)
    }

    /// `git ARGS…` in `cwd` with a fixed identity, no user or system configuration, and the
    /// `diplomat` under test first on PATH (the hook runs it).
    pub(crate) fn git(&self, cwd: &Path, args: &[&str]) -> Output {
        let bin = Path::new(env!("CARGO_BIN_EXE_diplomat")).parent().unwrap();
        let mut path = vec![bin.to_path_buf()];
        path.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        let home = self.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        Process::new("git")
            .args([
                "-c",
                "init.defaultBranch=main",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(cwd)
            .env_clear()
            .env("PATH", std::env::join_paths(path).unwrap())
            .env("HOME", &home)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", home.join(".gitconfig"))
            .env("GIT_CEILING_DIRECTORIES", self.path())
            .env("GIT_AUTHOR_NAME", "Analyst")
            .env("GIT_AUTHOR_EMAIL", "analyst@example.org")
            .env("GIT_COMMITTER_NAME", "Analyst")
            .env("GIT_COMMITTER_EMAIL", "analyst@example.org")
            .env("NO_COLOR", "1")
            .output()
            .expect("git runs")
    }

    pub(crate) fn git_ok(&self, cwd: &Path, args: &[&str]) -> String {
        let out = self.git(cwd, args);
        assert!(out.status.success(), "git {args:?} failed:\n{}", show(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A new git repository with a diplomat workspace at its top and the hook installed.
    pub(crate) fn repo_with_hook(&self) -> PathBuf {
        let root = self.path().join("repo");
        self.diplomat(self.path(), &["init", "repo"]).code(0);
        self.git_ok(&root, &["init", "-q"]);
        self.diplomat(&root, &["hook", "install"]).code(0);
        root
    }
}

pub(crate) fn show(out: &Output) -> String {
    format!(
        "--- exit: {:?}\n--- stdout:\n{}\n--- stderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Every file under `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

pub(crate) fn read(path: impl AsRef<Path>) -> String {
    let path = path.as_ref();
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

// ---------------------------------------------------------------------------------------------
// init

#[test]
fn init_creates_a_ready_workspace() {
    let sandbox = Sandbox::new();
    let run = sandbox.diplomat(sandbox.path(), &["init", "cities-work"]);
    run.code(0)
        .stderr_has("created a diplomat workspace")
        .stderr_has("git init");
    let ws = sandbox.path().join("cities-work");

    let mut expected: Vec<String> = INIT_FILES.iter().map(|f| (*f).to_owned()).collect();
    expected.extend(
        diplomat::workspace::templates::BUILTIN_TEMPLATES
            .iter()
            .map(|(name, _)| format!("templates/{name}")),
    );
    expected.sort();
    assert_eq!(tree(&ws), expected);

    for (name, text) in diplomat::workspace::templates::BUILTIN_TEMPLATES {
        assert_eq!(read(ws.join("templates").join(name)), *text, "{name}");
    }
    let settings = read(ws.join("diplomat.yaml"));
    for key in [
        "# home_city: {en: Isfahan, fa: اصفهان}",
        "# language: en",
        "# calendar: gregorian",
        "# week_start: saturday",
        "# stale_after_days: 90",
        "# auto_commit: false",
    ] {
        assert!(
            settings.contains(key),
            "diplomat.yaml lacks {key:?}:\n{settings}"
        );
    }
    assert!(
        read(ws.join(".gitignore"))
            .lines()
            .any(|l| l == ".diplomat/")
    );
    let attributes = read(ws.join(".gitattributes"));
    assert!(
        attributes.contains("cities/*.yaml text eol=lf"),
        "{attributes}"
    );
    assert!(
        attributes.contains("cities/*.yml text eol=lf"),
        "{attributes}"
    );

    let schema = diplomat().arg("schema").output().unwrap();
    assert_eq!(
        read(ws.join("dossier.schema.json")).as_bytes(),
        schema.stdout.as_slice()
    );
    let vscode: serde_json::Value =
        serde_json::from_str(&read(ws.join(".vscode/settings.json"))).unwrap();
    assert_eq!(
        vscode["yaml.schemas"]["./dossier.schema.json"],
        serde_json::json!(["cities/*.yaml", "cities/*.yml"])
    );
    // The pool has its own schema, mapped to it.
    let pool_schema = diplomat().args(["schema", "--pool"]).output().unwrap();
    assert_eq!(
        read(ws.join("pool.schema.json")).as_bytes(),
        pool_schema.stdout.as_slice()
    );
    assert_eq!(
        vscode["yaml.schemas"]["./pool.schema.json"],
        serde_json::json!(["pool.yaml"])
    );
    assert!(
        attributes.contains("pool.yaml text eol=lf merge=diplomat"),
        "{attributes}"
    );

    // Ready to use: valid, and listing no cities.
    let ws_arg = ws.to_str().unwrap();
    sandbox.diplomat(&ws, &["-C", ws_arg, "validate"]).code(0);
    sandbox
        .diplomat(&ws, &["-C", ws_arg, "validate", "templates/readiness.yaml"])
        .code(0);
    let list = sandbox.diplomat(&ws, &["-C", ws_arg, "city", "list", "--format", "json"]);
    assert_eq!(list.code(0).json(), serde_json::json!([]));
    sandbox.diplomat(&ws, &["city", "list"]).code(0);

    // A new dossier points the editor at the schema, and the schema accepts it.
    sandbox
        .diplomat(
            &ws,
            &["city", "new", "kyoto", "--name", "Kyoto", "--country", "JP"],
        )
        .code(0);
    let dossier = read(ws.join("cities/kyoto.yaml"));
    assert_eq!(
        dossier.lines().next(),
        Some("# yaml-language-server: $schema=../dossier.schema.json")
    );
    let schema: serde_json::Value =
        serde_json::from_str(&read(ws.join("dossier.schema.json"))).unwrap();
    assert_eq!(schema_errors(&schema, &dossier), Vec::<String>::new());
    sandbox.diplomat(&ws, &["validate"]).code(0);
}

#[test]
fn init_in_the_current_folder_of_a_git_repository() {
    let sandbox = Sandbox::new();
    sandbox.git_ok(sandbox.path(), &["init", "-q"]);
    let run = sandbox.diplomat(sandbox.path(), &["init"]);
    run.code(0).stderr_has("inside the git repository");
    assert!(!run.stderr.contains("git init"), "{run}");
    assert!(sandbox.path().join("diplomat.yaml").is_file());
    assert!(sandbox.path().join("cities").is_dir());
}

#[test]
fn init_refuses_when_diplomat_yaml_exists_and_writes_nothing() {
    let sandbox = Sandbox::new();
    std::fs::write(sandbox.path().join("diplomat.yaml"), "language: fa\n").unwrap();
    // The folder's settings say Persian, and so does the error.
    let run = sandbox.diplomat(sandbox.path(), &["init", "."]);
    run.code(2)
        .stderr_has("`diplomat.yaml`\u{2069} از پیش در")
        .stderr_has("چیزی نوشته نشد");
    sandbox
        .diplomat(sandbox.path(), &["--lang", "en", "init", "."])
        .code(2)
        .stderr_has("`diplomat.yaml` already exists")
        .stderr_has("nothing was written");
    assert_eq!(tree(sandbox.path()), ["diplomat.yaml"]);
    assert_eq!(read(sandbox.path().join("diplomat.yaml")), "language: fa\n");
    assert!(!sandbox.path().join("cities").exists());
}

#[test]
fn init_names_everything_in_the_way() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path().join("ws");
    std::fs::create_dir_all(dir.join("templates")).unwrap();
    std::fs::write(dir.join(".gitignore"), "target/\n").unwrap();
    std::fs::write(dir.join("templates/city.yaml"), "mine\n").unwrap();
    std::fs::write(dir.join(".vscode"), "a file, not a folder\n").unwrap();
    let before = tree(&dir);
    let run = sandbox.diplomat(sandbox.path(), &["init", "ws"]);
    run.code(2)
        .stderr_has("`.gitignore`")
        .stderr_has("`templates/city.yaml`")
        .stderr_has("`.vscode`");
    assert_eq!(tree(&dir), before);
    assert_eq!(read(dir.join(".gitignore")), "target/\n");
}

#[test]
fn init_warns_inside_another_workspace() {
    let sandbox = Sandbox::new();
    sandbox.diplomat(sandbox.path(), &["init", "ws"]).code(0);
    let cities = sandbox.path().join("ws/cities");
    sandbox
        .diplomat(&cities, &["init"])
        .code(0)
        .stderr_has("warning: `")
        .stderr_has("is inside the workspace");
}

#[test]
fn init_adds_to_a_folder_of_existing_dossiers() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path().join("ws");
    std::fs::create_dir_all(dir.join("cities")).unwrap();
    std::fs::write(dir.join("cities/barcelona.yaml"), support::BARCELONA).unwrap();
    sandbox.diplomat(sandbox.path(), &["init", "ws"]).code(0);
    assert_eq!(read(dir.join("cities/barcelona.yaml")), support::BARCELONA);
    assert!(!dir.join("cities/.gitkeep").exists());
    sandbox.diplomat(&dir, &["validate"]).code(0);
}

// ---------------------------------------------------------------------------------------------
// git hook

#[test]
fn hook_install_needs_a_git_repository() {
    let sandbox = Sandbox::new();
    sandbox.diplomat(sandbox.path(), &["init", "ws"]).code(0);
    let ws = sandbox.path().join("ws");
    sandbox
        .diplomat(&ws, &["hook", "install"])
        .code(2)
        .stderr_has("not in a git repository")
        .stderr_has("git init");
    assert!(!ws.join(".git").exists());
}

#[test]
fn hook_refuses_a_commit_of_a_broken_dossier_with_the_located_error() {
    let sandbox = Sandbox::new();
    let root = sandbox.repo_with_hook();
    let hook = root.join(".git/hooks/pre-commit");
    assert!(hook.is_file());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&hook).unwrap().permissions().mode();
        assert_eq!(mode & 0o111, 0o111, "the hook is not executable: {mode:o}");
    }

    // A valid workspace commits.
    sandbox
        .diplomat(
            &root,
            &["city", "new", "kyoto", "--name", "Kyoto", "--country", "JP"],
        )
        .code(0);
    sandbox.git_ok(&root, &["add", "."]);
    sandbox.git_ok(&root, &["commit", "-q", "-m", "Start the dossiers"]);

    // A broken dossier does not, and the error says where.
    let broken = support::minimal("havana", "Havana", "هاوانا", "La Habana", "CU")
        .replace("en: \"Havana\"", "en: Havana")
        .replace("status: dormant", "status: sleeping");
    std::fs::write(root.join("cities/havana.yaml"), &broken).unwrap();
    sandbox.git_ok(&root, &["add", "cities/havana.yaml"]);
    let commit = sandbox.git(&root, &["commit", "-q", "-m", "Add Havana"]);
    let stderr = String::from_utf8_lossy(&commit.stderr);
    assert!(
        !commit.status.success(),
        "the commit went through:\n{}",
        show(&commit)
    );
    assert!(
        stderr.contains("cities/havana.yaml:9:11") && stderr.contains("`sleeping`"),
        "no located error:\n{}",
        show(&commit)
    );
    assert!(
        stderr.contains("nothing was committed"),
        "{}",
        show(&commit)
    );
    assert_eq!(
        sandbox
            .git_ok(&root, &["rev-list", "--count", "HEAD"])
            .trim(),
        "1"
    );

    // What is checked is what is staged: fixing only the working copy is not enough.
    std::fs::write(
        root.join("cities/havana.yaml"),
        broken.replace("sleeping", "dormant"),
    )
    .unwrap();
    assert!(
        !sandbox
            .git(&root, &["commit", "-q", "-m", "Add Havana"])
            .status
            .success()
    );
    sandbox.git_ok(&root, &["add", "cities/havana.yaml"]);
    sandbox.git_ok(&root, &["commit", "-q", "-m", "Add Havana"]);

    // A valid dossier out of the canonical layout is committed, laid out (see `layout.rs`).
    let mut messy = read(root.join("cities/havana.yaml"));
    messy.push_str("notes: trailing blanks   \n");
    std::fs::write(root.join("cities/havana.yaml"), &messy).unwrap();
    sandbox.git_ok(&root, &["add", "cities/havana.yaml"]);
    sandbox.git_ok(&root, &["commit", "-q", "-m", "Notes"]);
    assert_eq!(
        sandbox.git_ok(&root, &["show", "HEAD:cities/havana.yaml"]),
        messy.replace("blanks   \n", "blanks\n")
    );

    // Commits without dossiers are not checked.
    std::fs::write(root.join("notes.txt"), "minutes\n").unwrap();
    sandbox.git_ok(&root, &["reset", "-q", "--hard"]);
    std::fs::write(root.join("notes.txt"), "minutes\n").unwrap();
    sandbox.git_ok(&root, &["add", "notes.txt"]);
    sandbox.git_ok(&root, &["commit", "-q", "-m", "Minutes"]);
}

/// What `city edit` accepts, the hook accepts: the edit is saved in the canonical layout.
#[test]
fn a_city_edit_commits_through_the_hook() {
    let sandbox = Sandbox::new();
    let root = sandbox.repo_with_hook();
    sandbox
        .diplomat(
            &root,
            &["city", "new", "kyoto", "--name", "Kyoto", "--country", "JP"],
        )
        .code(0);
    sandbox.git_ok(&root, &["add", "."]);
    sandbox.git_ok(&root, &["commit", "-q", "-m", "Start the dossiers"]);

    // Valid YAML out of the layout: trailing blanks.
    let editor = "printf '# met the mayor   \\nnotes: tea with the chamber   \\n' >>";
    let mut cmd = diplomat();
    cmd.current_dir(&root)
        .env("GIT_CEILING_DIRECTORIES", sandbox.path())
        .env("EDITOR", editor)
        .args(["city", "edit", "kyoto"]);
    Run::of("city edit kyoto", &mut cmd)
        .code(0)
        .stderr_has("laid out as `diplomat fmt` does");
    let saved = read(root.join("cities/kyoto.yaml"));
    assert!(
        saved.contains("# met the mayor\n") && saved.contains("tea with the chamber\n"),
        "{saved}"
    );
    sandbox.diplomat(&root, &["fmt", "--check"]).code(0);
    sandbox.git_ok(&root, &["add", "cities/kyoto.yaml"]);
    sandbox.git_ok(&root, &["commit", "-q", "-m", "Kyoto: notes"]);
}

#[test]
fn hook_install_is_idempotent_and_keeps_a_foreign_hook() {
    let sandbox = Sandbox::new();
    let root = sandbox.repo_with_hook();
    let hook = root.join(".git/hooks/pre-commit");
    let ours = read(&hook);
    sandbox
        .diplomat(&root, &["hook", "install"])
        .code(0)
        .stderr_has("installed already");
    assert_eq!(read(&hook), ours);

    let foreign = "#!/bin/sh\nexec make lint\n";
    std::fs::write(&hook, foreign).unwrap();
    sandbox
        .diplomat(&root, &["hook", "install"])
        .code(2)
        .stderr_has("`.git/hooks/pre-commit` exists and is not diplomat's hook")
        .stderr_has("--force");
    assert_eq!(read(&hook), foreign);

    sandbox
        .diplomat(&root, &["hook", "install", "--force"])
        .code(0)
        .stderr_has("pre-commit.bak");
    assert_eq!(read(&hook), ours);
    assert_eq!(read(root.join(".git/hooks/pre-commit.bak")), foreign);
}

#[test]
fn hook_checks_a_workspace_in_a_subfolder_of_the_repository() {
    let sandbox = Sandbox::new();
    let top = sandbox.path().join("repo");
    std::fs::create_dir_all(&top).unwrap();
    sandbox.git_ok(&top, &["init", "-q"]);
    sandbox.diplomat(&top, &["init", "dossiers"]).code(0);
    let ws = top.join("dossiers");
    sandbox.diplomat(&ws, &["hook", "install"]).code(0);
    std::fs::write(
        ws.join("cities/havana.yaml"),
        support::minimal("havana", "Havana", "هاوانا", "La Habana", "CU").replace("CU", "Cuba"),
    )
    .unwrap();
    sandbox.git_ok(&top, &["add", "."]);
    let commit = sandbox.git(&top, &["commit", "-q", "-m", "Havana"]);
    assert!(!commit.status.success(), "{}", show(&commit));
    assert!(
        String::from_utf8_lossy(&commit.stderr).contains("cities/havana.yaml:6:10"),
        "{}",
        show(&commit)
    );
}

#[test]
fn pre_commit_framework_hooks_are_declared() {
    let text = read(Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"));
    let hooks: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    let ids: Vec<&str> = hooks
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["diplomat-validate", "diplomat-fmt"]);
    for hook in hooks.as_array().unwrap() {
        assert!(
            hook["entry"].as_str().unwrap().starts_with("diplomat "),
            "{hook}"
        );
        assert!(
            hook["files"].as_str().unwrap().starts_with("^cities/"),
            "{hook}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// completions, manual, help

#[test]
fn completions_for_every_shell() {
    // The scripts hand each Tab back to `diplomat` (with `COMPLETE` set), so what completes is
    // the program's own answer: checked below.
    let zsh = Run::of("completions zsh", diplomat().args(["completions", "zsh"]));
    zsh.code(0)
        .stdout_has("#compdef diplomat")
        .stdout_has("COMPLETE");
    for shell in ["bash", "fish", "powershell", "elvish"] {
        let run = Run::of(
            format!("completions {shell}"),
            diplomat().args(["completions", shell]),
        );
        run.code(0).stdout_has("diplomat").stdout_has("COMPLETE");
    }
    Run::of("completions tcsh", diplomat().args(["completions", "tcsh"])).code(2);
}

/// What `diplomat` answers a shell completing `words` (the last one being typed).
pub fn complete(ws: &support::Workspace, words: &[&str]) -> Run {
    let index = words.len().to_string();
    let mut cmd = diplomat();
    cmd.env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", index)
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
fn completion_offers_commands_and_the_workspace_cities() {
    let ws = support::Workspace::with(&[
        ("barcelona.yaml", support::BARCELONA),
        (
            "kazan.yaml",
            &support::BARCELONA.replace("slug: barcelona", "slug: kazan"),
        ),
    ]);
    complete(&ws, &["fac"]).code(0).stdout_has("facilitator");
    let cities = complete(&ws, &["city", "show", "ka"]);
    cities.code(0).stdout_has("kazan").stdout_lacks("barcelona");
    complete(&ws, &["log", ""])
        .code(0)
        .stdout_has("barcelona")
        .stdout_has("kazan");
    complete(&ws, &["action", "list", "--city", "b"])
        .code(0)
        .stdout_has("barcelona");
}

#[test]
fn man_prints_roff_and_writes_a_page_per_command() {
    let run = Run::of("man", diplomat().arg("man"));
    run.code(0);
    // The title comes first, after roff's definition of the apostrophe (`.ie`/`.el`).
    let first = run
        .stdout
        .lines()
        .find(|l| !l.starts_with(".ie ") && !l.starts_with(".el "));
    assert!(
        first.is_some_and(|l| l.starts_with(".TH diplomat 1")),
        "{run}"
    );
    assert!(run.stdout.contains("city"), "{run}");

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man1");
    let run = Run::of("man --dir", diplomat().arg("man").arg("--dir").arg(&out));
    run.code(0);
    let pages = tree(&out);
    for page in [
        "diplomat.1",
        "diplomat-city.1",
        "diplomat-city-list.1",
        "diplomat-hook-install.1",
    ] {
        assert!(pages.iter().any(|p| p == page), "no {page} in {pages:?}");
    }
    assert!(read(out.join("diplomat-city-list.1")).contains("\n.TH diplomat-city-list 1"));
}

/// Every command, parents before children: `[]`, `["city"]`, `["city", "list"]`, …
fn command_paths() -> Vec<(Vec<String>, clap::Command)> {
    fn walk(
        cmd: &clap::Command,
        path: &mut Vec<String>,
        out: &mut Vec<(Vec<String>, clap::Command)>,
    ) {
        out.push((path.clone(), cmd.clone()));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            path.push(sub.get_name().to_owned());
            walk(sub, path, out);
            path.pop();
        }
    }
    let mut out = Vec::new();
    walk(&Cli::command(), &mut Vec::new(), &mut out);
    out
}

/// The whole interface in one file: a change to any command, flag or help text shows in review.
#[test]
fn help_text_snapshot() {
    let mut text = String::new();
    for (path, _) in command_paths() {
        let mut args: Vec<OsString> = path.iter().map(OsString::from).collect();
        args.push("--help".into());
        let run = Run::of(format!("{} --help", path.join(" ")), diplomat().args(&args));
        run.code(0).stderr_empty();
        text.push_str(&format!(
            "════ diplomat {}\n{}\n",
            path.iter().map(|p| format!("{p} ")).collect::<String>() + "--help",
            run.stdout.trim_end()
        ));
    }
    insta::assert_snapshot!("help", text);
}

#[test]
fn every_command_has_examples() {
    let missing: Vec<String> = command_paths()
        .into_iter()
        .filter(|(_, cmd)| !cmd.has_subcommands())
        .filter(|(_, cmd)| {
            let after = cmd
                .get_after_long_help()
                .or(cmd.get_after_help())
                .map(ToString::to_string)
                .unwrap_or_default();
            !after.contains("Example")
        })
        .map(|(path, _)| format!("diplomat {}", path.join(" ")))
        .collect();
    assert!(
        missing.is_empty(),
        "commands without examples in --help: {missing:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// the dossier schema

/// The schema's complaints about a dossier, as `path: message`; none when it is valid.
fn schema_errors(schema: &serde_json::Value, yaml: &str) -> Vec<String> {
    schema_errors_with(schema, yaml, true)
}

/// [`schema_errors`], checking `format` (e.g. `format: date`) or not, as many editors do not.
pub fn schema_errors_with(schema: &serde_json::Value, yaml: &str, formats: bool) -> Vec<String> {
    let validator = jsonschema::draft7::options()
        .should_validate_formats(formats)
        .build(schema)
        .expect("the schema is a valid draft-07 schema");
    let instance = yaml_value(yaml);
    validator
        .iter_errors(&instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// YAML as diplomat reads it (YAML 1.2: `no` is text; `0913` is text, as diplomat keeps it).
pub fn yaml_value(yaml: &str) -> serde_json::Value {
    let options = serde_saphyr::options! {
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
    };
    serde_saphyr::from_str_with_options(yaml, options).expect("the YAML parses")
}

pub fn schema() -> serde_json::Value {
    let run = Run::of("schema", diplomat().arg("schema"));
    run.code(0);
    run.json()
}

/// YAML 1.2, as diplomat reads it: dates stay text, so `format: date` can check them, and
/// `NO` (Norway) is text, not `false`.
#[test]
fn yaml_reaches_the_schema_as_diplomat_reads_it() {
    assert_eq!(
        yaml_value("a: 2026-11-26\nb: 2016\nc: 1998-03\nd: NO\ne: 0913\nf: true\n"),
        serde_json::json!({"a": "2026-11-26", "b": 2016, "c": "1998-03", "d": "NO", "e": "0913", "f": true})
    );
}

#[test]
fn the_schema_accepts_every_shipped_dossier_and_the_example() {
    let schema = schema();
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dossiers: Vec<(String, String)> = std::fs::read_dir(manifest.join("cities"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .map(|p| (p.display().to_string(), read(&p)))
        .collect();
    assert!(
        dossiers.len() >= 20,
        "only {} shipped dossiers",
        dossiers.len()
    );
    // The spec's example lives beside the project in its working folder; the tests' copy of
    // it always.
    let example = manifest.join("../shared/spec/example-dossier.yaml");
    if example.is_file() {
        dossiers.push((example.display().to_string(), read(&example)));
    }
    for (name, text) in [
        ("support::BARCELONA", support::BARCELONA),
        ("support::FLORENCE", support::FLORENCE),
        ("support::KAZAN", support::KAZAN),
        ("support::XIAN", support::XIAN),
        ("support::SAINT_PETERSBURG", support::SAINT_PETERSBURG),
    ] {
        dossiers.push((name.to_owned(), text.to_owned()));
    }
    let failures: Vec<String> = dossiers
        .iter()
        .flat_map(|(name, text)| {
            schema_errors(&schema, text)
                .into_iter()
                .map(move |e| format!("{name}: {e}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "schema errors:\n{}",
        failures.join("\n")
    );
}

/// One table of dossiers, each judged by the schema and by `diplomat validate`: the two must
/// agree, so the schema editors use and the rules diplomat applies cannot drift apart.
#[test]
fn the_schema_and_validate_agree() {
    let base = "slug: case\nname:\n  en: Case\ncountry: ES\nrelationship:\n  kind: sister-city\n  status: active\n";
    let cases: &[(&str, String, bool)] = &[
        ("minimal", base.to_owned(), true),
        (
            "own x- key",
            format!("{base}x-budget-line: 1405-intl-07\n"),
            true,
        ),
        ("unknown key", format!("{base}colour: blue\n"), false),
        ("near-miss key", format!("{base}sector: [tourism]\n"), false),
        (
            "unknown nested key",
            base.replace("  status: active\n", "  status: active\n  since: 2001\n"),
            false,
        ),
        (
            "x- key below the top",
            base.replace("  en: Case\n", "  en: Case\n  x-old: Kase\n"),
            true,
        ),
        ("Norway", base.replace("ES", "NO"), true),
        (
            "bad enum",
            base.replace("status: active", "status: sleeping"),
            false,
        ),
        (
            "bad kind",
            base.replace("kind: sister-city", "kind: twin"),
            false,
        ),
        (
            "missing status",
            base.replace("  status: active\n", ""),
            false,
        ),
        (
            "missing name",
            base.replace("name:\n  en: Case\n", ""),
            false,
        ),
        ("lowercase country", base.replace("ES", "es"), false),
        ("signed year", format!("{base}  signed: 2016\n"), true),
        (
            "signed year as text",
            format!("{base}  signed: \"2016\"\n"),
            true,
        ),
        ("signed month", format!("{base}  signed: 1998-03\n"), true),
        ("signed day", format!("{base}  signed: 2000-01-14\n"), true),
        (
            "signed bad month",
            format!("{base}  signed: 1998-13\n"),
            false,
        ),
        (
            "signed bad day",
            format!("{base}  signed: 2000-02-30\n"),
            false,
        ),
        (
            "signed Solar Hijri year",
            format!("{base}  signed: 1379\n"),
            false,
        ),
        (
            "signed Solar Hijri day",
            format!("{base}  signed: 1378-10-24\n"),
            false,
        ),
        (
            "signed as a list",
            format!("{base}  signed: [2016]\n"),
            false,
        ),
        ("empty list", format!("{base}sectors:\n"), true),
        (
            "list of text",
            format!("{base}sectors: [tourism, culture]\n"),
            true,
        ),
        (
            "text instead of a list",
            format!("{base}sectors: tourism\n"),
            false,
        ),
        (
            "number instead of text",
            format!("{base}joint_chamber: 12\n"),
            false,
        ),
        (
            "interaction",
            format!(
                "{base}interactions:\n  - date: 2026-11-18\n    kind: call\n    title: A call\n"
            ),
            true,
        ),
        (
            "interaction with a bad date",
            format!(
                "{base}interactions:\n  - date: 2026-11-31\n    kind: call\n    title: A call\n"
            ),
            false,
        ),
        (
            "interaction with a Solar Hijri date",
            format!(
                "{base}interactions:\n  - date: 1405-09-05\n    kind: call\n    title: A call\n"
            ),
            false,
        ),
        (
            "interaction of an unknown kind",
            format!(
                "{base}interactions:\n  - date: 2026-11-18\n    kind: lunch\n    title: A lunch\n"
            ),
            false,
        ),
        (
            "action",
            format!(
                "{base}actions:\n  - id: a-7k2m\n    title: Send it\n    owner: joint\n    status: open\n"
            ),
            true,
        ),
        (
            "action with a bad id",
            format!(
                "{base}actions:\n  - id: A 7\n    title: Send it\n    owner: joint\n    status: open\n"
            ),
            false,
        ),
        (
            "action with an empty title",
            format!(
                "{base}actions:\n  - id: a-1\n    title: \"\"\n    owner: joint\n    status: open\n"
            ),
            false,
        ),
        (
            "readiness",
            format!(
                "{base}readiness:\n  branding:\n    status: partial\n    assessed: 2026-11-20\n"
            ),
            true,
        ),
        (
            "readiness of an unknown requirement",
            format!("{base}readiness:\n  marketing:\n    status: met\n"),
            false,
        ),
        (
            "readiness left empty",
            format!("{base}readiness:\n  branding:\nrepresentatives:\n"),
            true,
        ),
        (
            "readiness without a status",
            format!("{base}readiness:\n  branding:\n    evidence: A logo\n"),
            false,
        ),
        (
            "facilitator with a phone number starting with 0",
            format!(
                "{base}facilitators:\n  - id: maryam-rahimi\n    name: Maryam Rahimi\n    status: active\n    x-met-at: a fair\n    contact:\n      phone: 09130001111\n"
            ),
            true,
        ),
        (
            "facilitator",
            format!(
                "{base}facilitators:\n  - id: maryam-rahimi\n    name: Maryam Rahimi\n    status: active\n    contact:\n      phone: \"+98 913 000 1111\"\n"
            ),
            true,
        ),
        (
            "facilitator with an unquoted number",
            format!(
                "{base}facilitators:\n  - id: maryam-rahimi\n    name: Maryam Rahimi\n    status: active\n    contact:\n      phone: 98913\n"
            ),
            false,
        ),
        (
            "opportunity with a history",
            format!("{base}opportunities:\n  - id: o-3f9q\n    title: Showroom\n    sector: handicrafts\n    stage: negotiating\n    history:\n      - stage: exploring\n        date: 2026-10-01\n      - {{stage: negotiating, date: 2026-11-20}}\n"),
            true,
        ),
        (
            "opportunity history with an unknown stage",
            format!("{base}opportunities:\n  - id: o-3f9q\n    title: Showroom\n    sector: handicrafts\n    stage: negotiating\n    history:\n      - stage: won\n        date: 2026-10-01\n"),
            false,
        ),
        (
            "opportunity history without a date",
            format!("{base}opportunities:\n  - id: o-3f9q\n    title: Showroom\n    sector: handicrafts\n    stage: negotiating\n    history:\n      - stage: exploring\n"),
            false,
        ),
        (
            "opportunity history with a Solar Hijri date",
            format!("{base}opportunities:\n  - id: o-3f9q\n    title: Showroom\n    sector: handicrafts\n    stage: negotiating\n    history:\n      - stage: exploring\n        date: 1405-09-05\n"),
            false,
        ),
        (
            "opportunity history with an unknown key",
            format!("{base}opportunities:\n  - id: o-3f9q\n    title: Showroom\n    sector: handicrafts\n    stage: negotiating\n    history:\n      - stage: exploring\n        date: 2026-10-01\n        by: chamber\n"),
            false,
        ),
        (
            "relationship history",
            base.replace("  status: active\n", "  status: active\n  history:\n    - status: dormant\n      date: 2020-01-01\n    - status: reactivating\n      date: 2026-11-20\n"),
            true,
        ),
        (
            "relationship history with an unknown status",
            base.replace("  status: active\n", "  status: active\n  history:\n    - status: asleep\n      date: 2020-01-01\n"),
            false,
        ),
        (
            "relationship history as text",
            base.replace("  status: active\n", "  status: active\n  history: since 2020\n"),
            false,
        ),
    ];
    judge(cases, &[true]);
}

/// Each case judged by the schema (with `format` checks, and without where `formats` says so, as
/// many editors skip them) and by `validate`: all must say whether it is `valid`.
pub fn judge(cases: &[(&str, String, bool)], formats: &[bool]) {
    let schema = schema();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("cities")).unwrap();
    let mut disagreements = Vec::new();
    for (name, text, valid) in cases {
        for &checked in formats {
            let errors = schema_errors_with(&schema, text, checked);
            if errors.is_empty() != *valid {
                disagreements.push(format!(
                    "schema (formats checked: {checked}) says {errors:?} for {name}:\n{text}"
                ));
            }
        }
        std::fs::write(dir.path().join("cities/case.yaml"), text).unwrap();
        let run = Run::of(
            format!("validate ({name})"),
            diplomat()
                .current_dir(dir.path())
                .args(["validate", "cities/case.yaml"]),
        );
        if (run.code == Some(0)) != *valid {
            disagreements.push(format!("validate disagrees for {name}:\n{text}\n{run}"));
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n\n"));
}
