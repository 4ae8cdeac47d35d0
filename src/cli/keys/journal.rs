//! The `keys` commands that change the data key or who holds it (`encrypt` the first time,
//! `add`, `remove`, `decrypt`), done so that a run stopped anywhere — an error, a full disk,
//! `kill -9` — leaves every value readable, and the next `keys` command finishes it.
//!
//! A change of the key is written and synced first, as `keys/data-key.age.new`: the new key
//! wrapped to its recipients, with the `recipients.yaml` that goes with it. Then come
//! `recipients.yaml`, every dossier (each atomically, every value sealed with the new key),
//! `keys/data-key.age` replaced, and last the `.new` file removed. Until that rename every value
//! is sealed with one of the two keys on disk (readers try both: [`super::reveal`]), and after
//! it with the new one only. A run that fails before its first dossier is replaced undoes
//! itself; past that point it is finished, never undone, since values are sealed with the new
//! key. `keys decrypt` marks itself with `keys/decrypting` the same way, the key staying until
//! no value needs it. All of it under the workspace lock.

use std::path::Path;

use zeroize::Zeroizing;

use super::rewrite::{self, Done};
use crate::cli::Ctx;
use crate::crypto::{self, DataKey, Recipient};
use crate::edit::{self, Lock};
use crate::error::{Error, Op, Result};
use crate::i18n::Lang;
use crate::workspace::{self, Workspace};

/// A change of the data key, or of who it is wrapped to.
pub struct Change {
    /// The key from now on: new, or the workspace's own wrapped again.
    pub key: DataKey,
    /// Whom it is wrapped to.
    pub holders: Vec<Recipient>,
    /// `recipients.yaml` afterwards.
    pub listed: Vec<Recipient>,
}

/// Why a change stopped, and whether it may still be undone (nothing but
/// `keys/data-key.age.new` and `recipients.yaml` written yet).
struct Stopped {
    error: Error,
    undoable: bool,
}

impl Stopped {
    fn undoable(error: Error) -> Stopped {
        Stopped {
            error,
            undoable: true,
        }
    }

    fn past_undo(error: Error) -> Stopped {
        Stopped {
            error,
            undoable: false,
        }
    }
}

/// What a run of [`settle`] found and finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settled {
    /// Nothing was left half done.
    Nothing,
    /// A change of the data key, finished.
    Change(Done),
    /// A `keys decrypt`, finished.
    Decrypt(Done),
}

/// Finishes what a `keys` command stopped halfway left behind, under `lock`: every `keys`
/// command that reads or writes the key files runs it first. Needs the identity of one of the
/// analysts the new key was made for, and fails with nothing changed without it.
pub fn settle(ctx: &Ctx, lock: &Lock) -> Result<Settled> {
    let root = lock.root();
    remove_leftovers(root);
    if root.join(crypto::DECRYPTING_FILE).is_file() {
        return finish_decrypt(ctx, lock)
            .map(Settled::Decrypt)
            .map_err(|stopped| stopped.error);
    }
    if !root.join(crypto::PENDING_KEY_FILE).is_file() {
        return Ok(Settled::Nothing);
    }
    let change = pending(ctx, root)?;
    // The key being replaced opens the values not yet sealed again; when this analyst cannot
    // open it, those values say so, located.
    let current = super::current(ctx, root).ok().flatten().map(|w| w.key);
    finish(ctx, lock, &change, current.as_ref())
        .map(Settled::Change)
        .map_err(|stopped| stopped.error)
}

/// Whether a `keys` command stopped halfway (see [`settle`]).
pub fn is_unsettled(root: &Path) -> bool {
    root.join(crypto::PENDING_KEY_FILE).is_file() || root.join(crypto::DECRYPTING_FILE).is_file()
}

/// The change `keys/data-key.age.new` holds.
fn pending(ctx: &Ctx, root: &Path) -> Result<Change> {
    let wrapped = super::open_key(ctx, root, crypto::PENDING_KEY_FILE)?;
    let (Some(holders), Some(listed)) = (wrapped.holders, wrapped.listed) else {
        return Err(Error::input(|lang: Lang| {
            let file = lang.code(crypto::PENDING_KEY_FILE);
            say!(
                lang,
                "{file} is damaged: it does not say whom the data key is for",
                "{file} آسیب دیده است: نمی‌گوید کلید داده برای چه کسانی است"
            )
        }));
    };
    Ok(Change {
        key: wrapped.key,
        holders,
        listed,
    })
}

/// Makes `change`: the new key written first, then everything else (see the module's
/// comment). `current` is the workspace's key it replaces, if any. A failure before the
/// first dossier is replaced leaves everything as it was.
pub fn change(ctx: &Ctx, lock: &Lock, current: Option<&DataKey>, change: Change) -> Result<Done> {
    let root = lock.root();
    refuse_read_only(root, crypto::DATA_KEY_FILE)?;
    refuse_read_only(root, crypto::RECIPIENTS_FILE)?;
    let recipients_before = match std::fs::read(root.join(crypto::RECIPIENTS_FILE)) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            return Err(Error::file(
                Op::Read,
                Path::new(crypto::RECIPIENTS_FILE),
                &e,
            ));
        }
    };
    let wrapped = change.key.wrap(&change.holders, Some(&change.listed))?;
    write_key_file(root, crypto::PENDING_KEY_FILE, &wrapped)?;
    match finish(ctx, lock, &change, current) {
        Ok(done) => Ok(done),
        Err(Stopped {
            error,
            undoable: true,
        }) => {
            // Best effort: what is left is finished by the next `keys` command.
            let path = root.join(crypto::RECIPIENTS_FILE);
            match &recipients_before {
                Some(bytes) => {
                    let _ = edit::write_atomic(&path, bytes);
                }
                None => {
                    let _ = std::fs::remove_file(&path);
                }
            }
            let _ = std::fs::remove_file(root.join(crypto::PENDING_KEY_FILE));
            Err(error)
        }
        Err(Stopped { error, .. }) => {
            half_done(ctx);
            Err(error)
        }
    }
}

/// Turns encryption off (`keys decrypt`): the mark first, then [`finish_decrypt`].
pub fn decrypt(ctx: &Ctx, lock: &Lock) -> Result<Done> {
    let root = lock.root();
    write_key_file(
        root,
        crypto::DECRYPTING_FILE,
        "# `diplomat keys decrypt` is under way: the next `diplomat keys` command finishes it.\n",
    )?;
    finish_decrypt(ctx, lock).map_err(|stopped| {
        if stopped.undoable {
            let _ = std::fs::remove_file(root.join(crypto::DECRYPTING_FILE));
        } else {
            half_done(ctx);
        }
        stopped.error
    })
}

/// Every value opened and written in plain, then the key removed, then the mark.
fn finish_decrypt(ctx: &Ctx, lock: &Lock) -> Result<Done, Stopped> {
    let root = lock.root();
    let mut done = Done::default();
    if crypto::is_on(root) {
        let keys = super::reading_keys(ctx, root).map_err(Stopped::undoable)?;
        let ws = load(ctx, root).map_err(Stopped::undoable)?;
        // A value left sealed stays readable while the key is there: nothing to undo.
        done = rewrite::rewrite_all(ctx, lock, &ws, |slug, person, field, stored| {
            if crypto::is_sealed(stored) {
                let plain = crypto::open_with(&keys, slug, person, field, stored)?;
                Ok(Some(plain.to_string()))
            } else {
                Ok(None)
            }
        })
        .map_err(Stopped::undoable)?;
        remove(root, crypto::DATA_KEY_FILE).map_err(Stopped::past_undo)?;
    }
    let _ = std::fs::remove_file(root.join(crypto::PENDING_KEY_FILE));
    remove(root, crypto::DECRYPTING_FILE).map_err(Stopped::past_undo)?;
    // Only when empty: anything else the analysts keep there stays.
    let _ = std::fs::remove_dir(root.join(crypto::KEYS_DIR));
    Ok(done)
}

/// Everything of `change` after `keys/data-key.age.new` is written; run again on the same
/// files, it does only what is left.
fn finish(
    ctx: &Ctx,
    lock: &Lock,
    change: &Change,
    current: Option<&DataKey>,
) -> Result<Done, Stopped> {
    let root = lock.root();
    let listed = crypto::read_recipients(root, ctx.messages()).ok();
    if listed.as_ref() != Some(&change.listed) {
        write_recipients(root, &change.listed).map_err(Stopped::undoable)?;
    }
    let mut done = Done::default();
    // The same key wrapped again (`keys add`), or a change whose key file is in place
    // already, leaves the dossiers as they are.
    if current.map(DataKey::id) != Some(change.key.id()) {
        let ws = load(ctx, root).map_err(Stopped::undoable)?;
        let old: Vec<DataKey> = current.cloned().into_iter().collect();
        let new = &change.key;
        let result = rewrite::rewrite_all(ctx, lock, &ws, |slug, person, field, stored| {
            if crypto::sealed_by(stored) == Some(new.id()) {
                return Ok(None);
            }
            let plain = if crypto::is_sealed(stored) {
                crypto::open_with(&old, slug, person, field, stored)?
            } else {
                Zeroizing::new(stored.to_owned())
            };
            Ok(Some(new.seal(slug, person, field, &plain)))
        });
        done = result.map_err(|error| Stopped {
            undoable: !holds_values_of(&ws, new),
            error,
        })?;
    }
    let wrapped = change
        .key
        .wrap(&change.holders, None)
        .map_err(Stopped::past_undo)?;
    write_key_file(root, crypto::DATA_KEY_FILE, &wrapped).map_err(Stopped::past_undo)?;
    remove(root, crypto::PENDING_KEY_FILE).map_err(Stopped::past_undo)?;
    Ok(done)
}

fn load(ctx: &Ctx, root: &Path) -> Result<Workspace> {
    workspace::load(root, &ctx.load_options())
}

/// Whether a dossier of `ws` holds, on disk now, a value sealed with `key` (read as text: a
/// dossier that a failed write left half restored is still seen).
fn holds_values_of(ws: &Workspace, key: &DataKey) -> bool {
    let mark = format!("ENC[v1,{},", key.id());
    ws.dossiers.iter().any(|loaded| {
        std::fs::read(&loaded.path)
            .is_ok_and(|bytes| String::from_utf8_lossy(&bytes).contains(&mark))
    })
}

/// Writes the key file `file` (in `keys/`) atomically, and syncs it and the folder.
fn write_key_file(root: &Path, file: &str, text: &str) -> Result<()> {
    let dir = root.join(crypto::KEYS_DIR);
    std::fs::create_dir_all(&dir)
        .map_err(|e| Error::file(Op::Create, Path::new(crypto::KEYS_DIR), &e))?;
    edit::write_atomic(&root.join(file), text.as_bytes())
}

/// Writes `recipients.yaml` atomically.
pub fn write_recipients(root: &Path, recipients: &[Recipient]) -> Result<()> {
    let text = crypto::render_recipients(recipients);
    edit::write_atomic(&root.join(crypto::RECIPIENTS_FILE), text.as_bytes())
}

/// Removes `file`, and syncs its folder so the removal lasts.
fn remove(root: &Path, file: &str) -> Result<()> {
    let path = root.join(file);
    match std::fs::remove_file(&path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::file(Op::Remove, Path::new(file), &e)),
    }
    if let Some(dir) = path.parent()
        && let Ok(dir) = std::fs::File::open(dir)
    {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// A key file without write permission is refused before anything is written, rather than
/// found out after the dossiers.
fn refuse_read_only(root: &Path, file: &'static str) -> Result<()> {
    let read_only =
        std::fs::metadata(root.join(file)).is_ok_and(|meta| meta.permissions().readonly());
    if !read_only {
        return Ok(());
    }
    Err(Error::io(|lang: Lang| {
        let (file, chmod) = (lang.code(file), lang.code(format!("chmod u+w {file}")));
        say!(
            lang,
            "{file} is read-only, so nothing was changed; make it writable first ({chmod})",
            "{file} فقط‌خواندنی است، پس چیزی تغییر نکرد؛ نخست آن را نوشتنی کنید ({chmod})"
        )
    }))
}

/// Temporary files a killed write of a key file left in `keys/`: under the lock no other write
/// of them is under way, so any of them is a leftover (encrypted, but not to be committed).
fn remove_leftovers(root: &Path) {
    let Ok(entries) = std::fs::read_dir(root.join(crypto::KEYS_DIR)) else {
        return;
    };
    for entry in entries.flatten() {
        let leftover = entry.file_name().to_str().is_some_and(edit::is_temp_name)
            && entry.file_type().is_ok_and(|t| t.is_file());
        if leftover {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Said when a change stopped past the point where it can be undone.
fn half_done(ctx: &Ctx) {
    ctx.warn(|lang: Lang| {
        let keys = lang.code("diplomat keys list");
        say!(
            lang,
            "the change is half done, and every value still opens with the key files on disk; once the problem above is fixed, any `diplomat keys` command (e.g. {keys}) finishes it",
            "این تغییر نیمه‌کاره مانده و همهٔ مقادیر هنوز با فایل‌های کلید روی دیسک باز می‌شوند؛ پس از رفع مشکل بالا، هر فرمان `diplomat keys` (مثلاً {keys}) آن را به پایان می‌برد"
        )
    });
}
