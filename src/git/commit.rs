//! A commit of some dossiers, exactly as they are on disk, and nothing else: built with git's
//! plumbing on a temporary index made from `HEAD`, so whatever else is staged, changed or
//! being committed at the same moment stays out of it. `HEAD` moves by compare-and-swap: a
//! commit made meanwhile by anyone else is kept, and this one is built again on top of it.
//!
//! The caller holds the workspace's write lock since its write (see `edit::keep_locks`), so
//! the files are the bytes its own write left, and commits of diplomat's writes follow one
//! another in the order of the writes. Git's commit hooks do not run: the dossiers were read
//! back and validated by the write itself.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::Call;

/// How long a commit keeps trying while `HEAD` or git's index is busy (another commit, an
/// editor's `git status`).
const PATIENCE: Duration = Duration::from_secs(20);

/// What [`commit`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum Committed {
    /// A new commit. `index`: whether git's index was brought up to it for these files (if
    /// not, `git status` shows them staged back to their old text until `git reset -- FILE`).
    Made { index: bool },
    /// The files were committed as they are already: nothing to commit.
    Nothing,
}

/// Why a commit was not made: git's own words, or ours.
#[derive(Debug)]
pub enum NotCommitted {
    Git(String),
    /// A merge, cherry-pick or revert is under way: a commit now would conclude it.
    Busy(&'static str),
    /// A file outside the repository (a dossier linked from elsewhere).
    Outside(PathBuf),
}

/// Commits `paths` (files of the working tree of the repository around `root`) as they are
/// on disk, with `message`, on whatever `HEAD` is.
pub fn commit(root: &Path, paths: &[&Path], message: &str) -> Result<Committed, NotCommitted> {
    let out = git(
        root,
        &["rev-parse", "--show-toplevel", "--absolute-git-dir"],
        None,
    )?;
    let mut lines = out.lines();
    let (Some(top), Some(git_dir)) = (lines.next(), lines.next()) else {
        return Err(NotCommitted::Git("git rev-parse said nothing".to_owned()));
    };
    let (top, git_dir) = (PathBuf::from(top), PathBuf::from(git_dir));
    for (file, what) in [
        ("MERGE_HEAD", "a merge"),
        ("CHERRY_PICK_HEAD", "a cherry-pick"),
        ("REVERT_HEAD", "a revert"),
    ] {
        if git_dir.join(file).exists() {
            return Err(NotCommitted::Busy(what));
        }
    }
    // By their path in the repository, links followed: a dossier linked from elsewhere in the
    // repository is committed where its text is.
    let canonical_top = top.canonicalize().unwrap_or_else(|_| top.clone());
    let mut relative: Vec<String> = Vec::with_capacity(paths.len());
    for path in paths {
        let full = root.join(path);
        let real = full.canonicalize().unwrap_or(full);
        match real.strip_prefix(&canonical_top) {
            Ok(rel) => relative.push(rel.to_string_lossy().replace('\\', "/")),
            Err(_) => return Err(NotCommitted::Outside(path.to_path_buf())),
        }
    }
    let scratch = tempfile::Builder::new()
        .prefix("diplomat-commit-")
        .tempdir_in(&git_dir)
        .or_else(|_| tempfile::tempdir())
        .map_err(|e| NotCommitted::Git(format!("cannot make a temporary index: {e}")))?;
    let index = scratch.path().join("index");
    let started = Instant::now();
    let mut wait = Duration::from_millis(10);
    loop {
        let _ = std::fs::remove_file(&index);
        match attempt(&top, &index, &relative, message)? {
            Some(Committed::Nothing) => return Ok(Committed::Nothing),
            Some(Committed::Made { .. }) => {
                let index = update_index(&top, &relative, started);
                return Ok(Committed::Made { index });
            }
            // `HEAD` moved between reading it and moving it: again, on top of the new one.
            None if started.elapsed() < PATIENCE => {
                std::thread::sleep(wait);
                wait = (wait * 2).min(Duration::from_millis(200));
            }
            None => {
                return Err(NotCommitted::Git(
                    "HEAD kept moving while the commit was made".to_owned(),
                ));
            }
        }
    }
}

/// One try: the commit of `relative` on the current `HEAD`, and `HEAD` moved to it unless it
/// moved meanwhile (`None`: try again).
fn attempt(
    top: &Path,
    index: &Path,
    relative: &[String],
    message: &str,
) -> Result<Option<Committed>, NotCommitted> {
    let head = git(
        top,
        &["rev-parse", "--quiet", "--verify", "HEAD^{commit}"],
        None,
    )
    .ok();
    let head = head.as_deref().map(str::trim).filter(|h| !h.is_empty());
    let tree_of = |index: &Path| git(top, &["write-tree"], Some(index));
    match head {
        Some(head) => git(top, &["read-tree", head], Some(index))?,
        None => git(top, &["read-tree", "--empty"], Some(index))?,
    };
    let mut add = vec!["update-index", "--add", "--remove", "--"];
    add.extend(relative.iter().map(String::as_str));
    git(top, &add, Some(index))?;
    let tree = tree_of(index)?;
    let tree = tree.trim();
    if let Some(head) = head {
        let old = git(top, &["rev-parse", &format!("{head}^{{tree}}")], None)?;
        if old.trim() == tree {
            return Ok(Some(Committed::Nothing));
        }
    }
    let mut commit_tree = vec!["commit-tree", tree, "-m", message];
    if let Some(head) = head {
        commit_tree.extend(["-p", head]);
    }
    let commit = git(top, &commit_tree, None)?;
    let reflog = format!("commit: {message}");
    // The old value makes it a compare-and-swap; empty: `HEAD` must still be unborn.
    let update = [
        "update-ref",
        "-m",
        &reflog,
        "HEAD",
        commit.trim(),
        head.unwrap_or(""),
    ];
    match git(top, &update, None) {
        Ok(_) => Ok(Some(Committed::Made { index: true })),
        // Moved, or being moved (its `.lock`): another try. Anything else is said.
        Err(NotCommitted::Git(why)) if why.contains("lock") || why.contains("expected") => Ok(None),
        Err(why) => Err(why),
    }
}

/// Brings git's own index up to the commit for `relative` (their new text, staged), waiting
/// while another git holds `index.lock`. Whether it could.
fn update_index(top: &Path, relative: &[String], started: Instant) -> bool {
    let mut args = vec!["update-index", "--add", "--remove", "--"];
    args.extend(relative.iter().map(String::as_str));
    let mut wait = Duration::from_millis(10);
    loop {
        if git(top, &args, None).is_ok() {
            return true;
        }
        if started.elapsed() >= PATIENCE {
            return false;
        }
        std::thread::sleep(wait);
        wait = (wait * 2).min(Duration::from_millis(200));
    }
}

/// `git ARGS` in `dir` (with `index` as its index, when given): its output, or what it said.
fn git(dir: &Path, args: &[&str], index: Option<&Path>) -> Result<String, NotCommitted> {
    Call::at(dir)
        .args(args)
        .index(index)
        .text()
        .map_err(|e| NotCommitted::Git(e.to_string()))
}
