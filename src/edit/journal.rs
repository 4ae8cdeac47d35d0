//! Writes of several files that belong together (a candidate leaving the pool for a dossier,
//! a person changed in every city): all or nothing, also when the process is killed halfway.
//!
//! Each file is replaced atomically, but two renames are not one: killed between them, one
//! file would be new and the other old. So the new texts are first written, whole and synced,
//! to `.diplomat/journal.json`; then the files are replaced one by one; then the journal goes.
//! A journal found by the next command (any command: [`finish_pending`] runs as the workspace
//! is found, and every write lock finishes one first) is finished before anything is read:
//! every file it names gets its new text, so the workspace is as the killed command meant it.
//! Killed before the journal was whole, nothing was replaced and the files are as before.

use std::fs;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Lock, Prepared, write_atomic};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::workspace;

/// The journal's name in the workspace's state folder (`.diplomat/`, never committed).
pub const JOURNAL: &str = "journal.json";

#[derive(Serialize, Deserialize)]
struct Journal {
    files: Vec<File>,
}

/// A file of the workspace (its path from the root) and its new text.
#[derive(Serialize, Deserialize)]
struct File {
    path: PathBuf,
    text: String,
}

/// Replaces the changed files of `prepared` (made under `lock`) together, through the journal
/// when there are several. If replacing one fails, those already replaced get their old text
/// back and the journal goes: nothing changed.
pub(super) fn write_together(lock: &Lock, prepared: &[Prepared]) -> Result<()> {
    let changed: Vec<&Prepared> = prepared.iter().filter(|p| p.changed()).collect();
    let files: Option<Vec<File>> = changed
        .iter()
        .map(|p| {
            let path = p.path.strip_prefix(lock.root()).ok()?;
            inside(path).then(|| File {
                path: path.to_path_buf(),
                text: p.after.clone(),
            })
        })
        .collect();
    let (true, Some(files)) = (changed.len() > 1, files) else {
        return replace(prepared);
    };
    let journal = journal_path(lock.root())?;
    let bytes = serde_json::to_vec(&Journal { files })
        .map_err(|e| Error::internal(format!("cannot write the journal: {e}")))?;
    write_atomic(&journal, &bytes)?;
    let replaced = replace(prepared);
    remove(&journal);
    replaced
}

/// Replaces the files of `prepared` in turn; if replacing one fails, those already replaced
/// get their old text back.
fn replace(prepared: &[Prepared]) -> Result<()> {
    for (i, p) in prepared.iter().enumerate() {
        if let Err(e) = p.write() {
            for written in &prepared[..i] {
                written.undo();
            }
            return Err(e);
        }
    }
    Ok(())
}

/// Whether a write of several files was killed halfway in the workspace at `root`.
pub fn pending(root: &Path) -> bool {
    journal_path(root).is_ok_and(|p| p.is_file())
}

/// Finishes a write of several files that was killed halfway, under the workspace lock (taken
/// here, unless this process holds it). Nothing to do, and no lock taken, when none was.
pub fn finish_pending(root: &Path) -> Result<()> {
    if pending(root) {
        drop(super::lock(root)?);
    }
    Ok(())
}

/// [`finish_pending`] under the lock just taken.
pub(super) fn finish_locked(root: &Path) -> Result<()> {
    let Ok(journal) = journal_path(root) else {
        return Ok(());
    };
    let bytes = match fs::read(&journal) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::file(crate::error::Op::Read, &journal, &e)),
    };
    let files = serde_json::from_slice::<Journal>(&bytes)
        .ok()
        .map(|j| j.files)
        .filter(|files| files.iter().all(|f| inside(&f.path)))
        .ok_or_else(unreadable)?;
    for file in &files {
        write_atomic(&root.join(&file.path), file.text.as_bytes())?;
    }
    remove(&journal);
    Ok(())
}

fn journal_path(root: &Path) -> Result<PathBuf> {
    workspace::state_path(root, JOURNAL).map_err(super::refused_state)
}

/// A path that stays inside the workspace: relative, of plain names only.
fn inside(path: &Path) -> bool {
    path.components().all(|c| matches!(c, Component::Normal(_)))
        && path.components().next().is_some()
}

fn remove(journal: &Path) {
    if fs::remove_file(journal).is_ok()
        && let Some(dir) = journal.parent()
        && let Ok(dir) = fs::File::open(dir)
    {
        let _ = dir.sync_all();
    }
}

/// The journal is written whole or not at all, so one that does not read was changed by hand.
fn unreadable() -> Error {
    let shown = Path::new(workspace::STATE_DIR).join(JOURNAL);
    Error::input(move |lang: Lang| {
        let file = lang.code(shown.display());
        say!(
            lang,
            "{file} (a write of several files that did not finish) does not read, so it was not finished; look at it, then remove it",
            "{file} (نوشتن چند فایل که تمام نشد) خوانده نمی‌شود، پس تمام نشد؛ آن را ببینید و سپس حذفش کنید"
        )
    })
}
