//! Every `git` process diplomat starts, and only here: typed calls (the repository's top, a
//! commit's files, objects through one `git cat-file --batch`, the log of a period, a commit
//! of exactly some files, git's line merge, settings) and one mapping of what went wrong to
//! what the analyst reads ([`Error`]: no git, not a repository, git's own words).
//!
//! Through the `git` program, not a library: analysts' repositories are whatever git they
//! have, and the program reads them all.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use crate::i18n::Lang;

pub mod commit;
pub mod history;
mod index;
mod merge_file;
mod objects;

pub use history::may_be_repository;
pub use index::{
    Entry, changed_files, modified, staged_entries, staged_names, tree_files, unmerged,
};
pub use merge_file::{MergeFile, merge_file};
pub use objects::{Found, blobs, complete, objects};

/// Why a call to git gave no answer.
#[derive(Debug)]
pub enum Error {
    /// `git` could not be started (not installed, not on `PATH`).
    Missing(std::io::Error),
    /// The folder is in no git repository.
    NotARepository(PathBuf),
    /// Git ran and refused: the command, and what it said.
    Failed { command: String, said: String },
    /// Git printed a path that is not UTF-8.
    NotUtf8 { command: String },
}

impl std::fmt::Display for Error {
    /// Git's words, for messages that carry them ("the change is saved, but …").
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Missing(e) => write!(f, "cannot run git: {e}"),
            Error::NotARepository(dir) => {
                write!(f, "{} is not in a git repository", dir.display())
            }
            Error::Failed { said, .. } => f.write_str(said),
            Error::NotUtf8 { command } => write!(f, "{command} printed a path that is not UTF-8"),
        }
    }
}

impl From<Error> for crate::error::Error {
    fn from(error: Error) -> Self {
        use crate::error::Error as E;
        match error {
            Error::Missing(e) => E::program("git", &e).hint(|lang: Lang| {
                say!(
                    lang,
                    "install git, then run the command again",
                    "git را نصب کنید و سپس فرمان را دوباره اجرا کنید"
                )
            }),
            Error::NotARepository(dir) => E::usage(|lang: Lang| {
                let dir = lang.code(dir.display());
                say!(
                    lang,
                    "{dir} is not in a git repository",
                    "{dir} در مخزن git نیست"
                )
            })
            .hint(|lang: Lang| {
                let init = lang.code("git init");
                say!(
                    lang,
                    "start one with {init} in that folder and commit the dossiers, then run the command again",
                    "در آن پوشه با {init} یکی بسازید و پرونده‌ها را کامیت کنید، سپس فرمان را دوباره اجرا کنید"
                )
            }),
            Error::Failed { command, said } => E::program_failed(&command, &said),
            Error::NotUtf8 { command } => E::io(|lang: Lang| {
                let git = lang.code(&command);
                say!(
                    lang,
                    "{git} printed a path that is not UTF-8",
                    "{git} مسیری چاپ کرد که UTF-8 نیست"
                )
            }),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// One git process: `git -C DIR ARGS`, its standard input closed unless given.
struct Call<'a> {
    dir: Option<&'a Path>,
    args: Vec<OsString>,
    index: Option<&'a Path>,
    input: Option<Vec<u8>>,
}

impl<'a> Call<'a> {
    /// `git -C dir`; with no `dir`, in the folder diplomat runs in.
    fn new(dir: Option<&'a Path>) -> Self {
        Call {
            dir,
            args: Vec::new(),
            index: None,
            input: None,
        }
    }

    fn at(dir: &'a Path) -> Self {
        Self::new(Some(dir))
    }

    fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    fn args<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(mut self, args: I) -> Self {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        self
    }

    /// With `index` as git's index (`GIT_INDEX_FILE`).
    fn index(mut self, index: Option<&'a Path>) -> Self {
        self.index = index;
        self
    }

    /// With `input` on git's standard input.
    fn input(mut self, input: Vec<u8>) -> Self {
        self.input = Some(input);
        self
    }

    /// `git ARGS`, as shown in messages.
    fn shown(&self) -> String {
        let mut shown = "git".to_owned();
        for arg in &self.args {
            shown.push(' ');
            shown.push_str(&arg.to_string_lossy());
        }
        shown
    }

    fn command(&self) -> Command {
        let mut command = Command::new("git");
        if let Some(dir) = self.dir {
            command.arg("-C").arg(dir);
        }
        command.args(&self.args);
        if let Some(index) = self.index {
            command.env("GIT_INDEX_FILE", index);
        }
        command
    }

    /// The process, with its output piped (and its errors, unless `quiet`).
    fn spawn(&self, quiet: bool) -> Result<Child> {
        self.command()
            .stdin(if self.input.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(if quiet { Stdio::null() } else { Stdio::piped() })
            .spawn()
            .map_err(Error::Missing)
    }

    /// What git printed and how it ended, whatever its exit status.
    fn output(mut self) -> Result<Output> {
        let mut child = self.spawn(false)?;
        // Written from a thread: git answers as it reads, and a full pipe would stop both.
        let writer = self
            .input
            .take()
            .zip(child.stdin.take())
            .map(|(input, mut stdin)| {
                std::thread::spawn(move || std::io::Write::write_all(&mut stdin, &input))
            });
        let output = child.wait_with_output().map_err(Error::Missing)?;
        if let Some(writer) = writer {
            let _ = writer.join();
        }
        Ok(output)
    }

    /// What git printed, when it succeeded; else what it said, mapped.
    fn stdout(self) -> Result<Vec<u8>> {
        let (shown, dir) = (self.shown(), self.dir.map(Path::to_path_buf));
        let output = self.output()?;
        if output.status.success() {
            return Ok(output.stdout);
        }
        let said = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        Err(match dir {
            Some(dir) if said.contains("not a git repository") => Error::NotARepository(dir),
            _ => Error::Failed {
                command: shown,
                said,
            },
        })
    }

    /// [`Call::stdout`] as text, lossily.
    fn text(self) -> Result<String> {
        Ok(String::from_utf8_lossy(&self.stdout()?).into_owned())
    }

    /// [`Call::stdout`]'s first line, which must be UTF-8 (a path).
    fn line(self) -> Result<String> {
        let shown = self.shown();
        let text =
            String::from_utf8(self.stdout()?).map_err(|_| Error::NotUtf8 { command: shown })?;
        Ok(text.lines().next().unwrap_or_default().to_owned())
    }
}

/// The top of the work tree holding `dir`.
pub fn toplevel(dir: &Path) -> Result<PathBuf> {
    in_repository(
        dir,
        Call::at(dir).args(["rev-parse", "--show-toplevel"]).line(),
    )
    .map(PathBuf::from)
}

/// Where `dir` is below the top of its work tree (`cities-work/`, or empty at the top).
pub fn prefix(dir: &Path) -> Result<String> {
    in_repository(
        dir,
        Call::at(dir).args(["rev-parse", "--show-prefix"]).line(),
    )
}

/// Where the repository keeps `path` of its own (`hooks/pre-commit`), from `dir`.
pub fn git_path(dir: &Path, path: &str) -> Result<PathBuf> {
    Call::at(dir)
        .args(["rev-parse", "--git-path", path])
        .line()
        .map(|p| dir.join(p))
}

/// The repository's own folder (`.git`), absolute.
pub fn git_dir(dir: &Path) -> Result<PathBuf> {
    Call::at(dir)
        .args(["rev-parse", "--absolute-git-dir"])
        .line()
        .map(PathBuf::from)
}

/// Any failure of a question only a repository answers means there is none.
fn in_repository<T>(dir: &Path, answer: Result<T>) -> Result<T> {
    answer.map_err(|e| match e {
        Error::Failed { .. } => Error::NotARepository(dir.to_path_buf()),
        e => e,
    })
}

/// Whether `rev` names a commit of the repository around `dir`.
pub fn is_commit(dir: &Path, rev: &str) -> bool {
    !rev.starts_with('-')
        && Call::at(dir)
            .args(["rev-parse", "--verify", "--quiet"])
            .arg(format!("{rev}^{{commit}}"))
            .output()
            .is_ok_and(|o| o.status.success())
}

/// Sets `key` to `value` in the repository's own settings (`.git/config`).
pub fn set_config(dir: &Path, key: &str, value: &str) -> Result<()> {
    Call::at(dir)
        .args(["config", key, value])
        .stdout()
        .map(drop)
}

/// Stages `paths` (relative to `dir`, taken literally) as they are in the working folder.
pub fn add(dir: &Path, paths: &[&str]) -> Result<()> {
    Call::at(dir)
        .args(["--literal-pathspecs", "add", "--"])
        .args(paths)
        .stdout()
        .map(drop)
}

/// The value of the attribute `attr` for `path` (`.gitattributes`), as git says it
/// (`unspecified` when none).
pub fn attribute(dir: &Path, attr: &str, path: &str) -> Result<String> {
    let out = Call::at(dir)
        .args(["check-attr", attr, "--", path])
        .output()?;
    Ok(String::from_utf8_lossy(&out.stdout)
        .trim()
        .rsplit(": ")
        .next()
        .unwrap_or_default()
        .to_owned())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::path::Path;

    /// Exactly one module starts git: no other file of `src/` builds a process of it, nor any
    /// process but the editor's (`city edit`).
    #[test]
    fn only_this_module_starts_git() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = vec![src.clone()];
        let mut offending = Vec::new();
        while let Some(path) = files.pop() {
            if path.is_dir() {
                if path != src.join("git") {
                    files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                }
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let relative = path
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let editor = relative == "cli/city/edit.rs";
            if text.contains("new(\"git\")")
                || (!editor
                    && (text.contains("process::Command") || text.contains("Command::new(")))
            {
                offending.push(relative);
            }
        }
        assert!(
            offending.is_empty(),
            "git started outside src/git: {offending:?}"
        );
    }
}
