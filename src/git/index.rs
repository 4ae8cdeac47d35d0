//! Which files: of a commit, changed between two versions, staged, or left conflicted.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::{Call, Result};

/// A file in git's index.
pub struct Entry {
    /// `100644`, `100755`, `120000` (a link)…
    pub mode: String,
    pub blob: String,
    /// 0 when merged; 1, 2 and 3 (base, ours, theirs) when left conflicted.
    pub stage: u8,
    /// Relative to the folder asked from.
    pub path: String,
}

/// Dossier files (`/`-separated) whose contents differ between `old` and `new` (the working
/// folder when `None`), including the ones only one side has; `None` when git cannot say.
/// Paths are relative to the workspace with `relative`, else to the top of the repository.
pub fn changed_files(
    root: &Path,
    old: &str,
    new: Option<&str>,
    relative: bool,
) -> Option<HashSet<String>> {
    let out = Call::at(root)
        .args(["diff", "--no-renames", "--name-only", "-z"])
        .args(relative.then_some("--relative"))
        .arg(old)
        .args(new)
        .args(["--", crate::workspace::CITIES_DIR])
        .output()
        .ok()?;
    out.status.success().then(|| {
        String::from_utf8_lossy(&out.stdout)
            .split('\0')
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect()
    })
}

/// Dossier files of the commit `rev`, by their path from the top of the repository.
pub fn tree_files(root: &Path, rev: &str) -> Result<Vec<String>> {
    let out = Call::at(root)
        .args(["ls-tree", "-r", "-z", "--full-name", "--name-only"])
        .arg(rev)
        .args(["--", crate::workspace::CITIES_DIR])
        .output()?;
    Ok(String::from_utf8_lossy(&out.stdout)
        .split('\0')
        .filter(|p| p.ends_with(".yaml") || p.ends_with(".yml"))
        .map(str::to_owned)
        .collect())
}

/// The files under `pathspecs` added, copied, modified or renamed in the index (what the
/// commit being made changes), relative to `dir`.
pub fn staged_names(dir: &Path, pathspecs: &[&str]) -> Result<Vec<String>> {
    let out = Call::at(dir)
        .args(["diff", "--cached", "--name-only", "-z", "--relative"])
        .args(["--diff-filter=ACMR", "--"])
        .args(pathspecs)
        .stdout()?;
    Ok(names(&out).collect())
}

/// Of `paths` (taken literally), those whose working file differs from what is staged.
pub fn modified(dir: &Path, paths: &[&str]) -> Result<Vec<String>> {
    let out = Call::at(dir)
        .args([
            "--literal-pathspecs",
            "diff",
            "--name-only",
            "-z",
            "--relative",
        ])
        .arg("--")
        .args(paths)
        .stdout()?;
    Ok(names(&out).collect())
}

/// The index's entries of `paths` (taken literally), merged ones only.
pub fn staged_entries(dir: &Path, paths: &[String]) -> Result<Vec<Entry>> {
    let out = Call::at(dir)
        .args(["--literal-pathspecs", "ls-files", "-s", "-z", "--"])
        .args(paths)
        .stdout()?;
    Ok(entries(&out).filter(|e| e.stage == 0).collect())
}

/// The index's entries of the files left conflicted under `specs`, each of its stages.
pub fn unmerged(dir: &Path, specs: &[PathBuf]) -> Result<Vec<Entry>> {
    let out = Call::at(dir)
        .args(["ls-files", "-u", "-z", "--"])
        .args(specs)
        .stdout()?;
    Ok(entries(&out).collect())
}

/// `MODE BLOB STAGE\tPATH` records.
fn entries(out: &[u8]) -> impl Iterator<Item = Entry> + '_ {
    names(out).filter_map(|record| {
        let (meta, path) = record.split_once('\t')?;
        let mut words = meta.split(' ');
        let (mode, blob) = (words.next()?, words.next()?);
        let stage = words.next()?.parse().ok()?;
        Some(Entry {
            mode: mode.to_owned(),
            blob: blob.to_owned(),
            stage,
            path: path.to_owned(),
        })
    })
}

/// The NUL-separated names git printed; a name that is not UTF-8 is no dossier's.
fn names(out: &[u8]) -> impl Iterator<Item = String> + '_ {
    out.split(|&b| b == 0)
        .filter(|name| !name.is_empty())
        .filter_map(|name| String::from_utf8(name.to_vec()).ok())
}
