//! Lossless writes: a change touches only its own lines, is checked by re-reading the result,
//! and replaces the file atomically under a workspace lock.
//!
//! Each change is made twice: to the model (what the analyst asked for) and to the file's
//! syntax tree (yaml-edit keeps every comment, blank line and quote). The new text is read back
//! with the same loader as every command; unless it equals the changed model, nothing is written.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError, Weak};

use yaml_edit::{Mapping, ScalarValue, Sequence};

use crate::error::{Error, Kind, Op, Result};
use crate::i18n::Lang;
use crate::model::Dossier;
use crate::model::registry::Key;
use crate::problem::Problem;
use crate::workspace::{self, CITIES_DIR, Document};

mod entries;
pub mod fields;
mod journal;

pub use entries::remove_entry;
pub use journal::{JOURNAL, finish_pending, pending};

/// An open document being changed (a dossier, unless said otherwise): the model as it will
/// be, and the file's tree.
pub struct Draft<D: Document = Dossier> {
    pub model: D,
    pub root: Mapping,
    /// The file as it was read.
    pub text: String,
    /// The whole new text, when a change edits lines itself (removing an entry with the
    /// comment lines that belong to it) rather than through the tree.
    pub rewritten: Option<String>,
}

/// Changes the dossier at `path` under the workspace lock. `change` edits the draft and returns
/// what the command reports (e.g. a new id). Nothing is written unless the result reads back
/// exactly as the draft's model.
pub fn change<T>(
    root: &Path,
    path: &Path,
    lang: Lang,
    change: impl FnOnce(&mut Draft) -> Result<T>,
) -> Result<T> {
    change_locked(&lock(root)?, path, lang, change)
}

/// [`change`] under a lock the command already holds, for a command whose write depends on
/// what it read before (e.g. the data key it seals with): the lock is taken once, before that
/// read, and never a second time.
pub fn change_locked<T>(
    lock: &Lock,
    path: &Path,
    lang: Lang,
    change: impl FnOnce(&mut Draft) -> Result<T>,
) -> Result<T> {
    change_document(lock, path, lang, change)
}

/// [`change_locked`] of any document (the pool: `change_document::<Pool, _>`).
pub fn change_document<D: Document, T>(
    lock: &Lock,
    path: &Path,
    lang: Lang,
    change: impl FnOnce(&mut Draft<D>) -> Result<T>,
) -> Result<T> {
    let (prepared, result) = prepare(lock, path, lang, change)?;
    write_all(lock, &[prepared])?;
    Ok(result)
}

/// Changes several dossiers together, all or nothing: under one workspace lock, every new text
/// is made and read back before the first file is replaced; if replacing one fails, those
/// already replaced get their old text back.
pub fn change_each<T>(
    root: &Path,
    paths: &[PathBuf],
    lang: Lang,
    change: impl FnMut(&Path, &mut Draft) -> Result<T>,
) -> Result<Vec<T>> {
    change_each_locked(&lock(root)?, paths, lang, change)
}

/// [`change_each`] under a lock the command already holds (see [`change_locked`]).
pub fn change_each_locked<T>(
    lock: &Lock,
    paths: &[PathBuf],
    lang: Lang,
    mut change: impl FnMut(&Path, &mut Draft) -> Result<T>,
) -> Result<Vec<T>> {
    let mut prepared = Vec::with_capacity(paths.len());
    let mut results = Vec::with_capacity(paths.len());
    for path in paths {
        let (done, result) = prepare(lock, path, lang, |draft| change(path, draft))?;
        prepared.push(done);
        results.push(result);
    }
    write_all(lock, &prepared)?;
    Ok(results)
}

/// A change made and verified, not yet written: see [`prepare`] and [`write_all`].
pub struct Prepared {
    path: PathBuf,
    /// The file as it was; `None` when there was none (its first write).
    before: Option<Vec<u8>>,
    after: String,
}

impl Prepared {
    /// The file this change replaces.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the new text differs from the file's.
    pub fn changed(&self) -> bool {
        self.before.as_deref() != Some(self.after.as_bytes())
    }

    fn write(&self) -> Result<()> {
        if self.changed() {
            write_atomic(&self.path, self.after.as_bytes())?;
        }
        Ok(())
    }

    /// Puts the file back as it was (removes it when this change made it).
    fn undo(&self) {
        if !self.changed() {
            return;
        }
        let _ = match &self.before {
            Some(before) => write_atomic(&self.path, before),
            None => fs::remove_file(&self.path).map_err(Error::from),
        };
    }
}

/// Replaces the files of `prepared` together, all or nothing: if replacing one fails, those
/// already replaced get their old text back; killed halfway, the next command finishes the
/// write ([`journal`]). For changes of several documents that belong together (two dossiers,
/// a dossier and the pool), each made by [`prepare`] under `lock`.
pub fn write_all(lock: &Lock, prepared: &[Prepared]) -> Result<()> {
    journal::write_together(lock, prepared)
}

/// Makes the change of the document at `path` and reads it back, under `lock`; nothing is
/// written yet ([`write_all`]). The file is read only from inside the workspace (a link out
/// of it is refused); a document that does not read cleanly is refused with its problems; a
/// missing one is refused too, unless its kind starts from a text of its own ([`Document::NEW`]).
pub fn prepare<D: Document, T>(
    lock: &Lock,
    path: &Path,
    lang: Lang,
    change: impl FnOnce(&mut Draft<D>) -> Result<T>,
) -> Result<(Prepared, T)> {
    let shown = workspace::shown_path(&lock.root, path);
    refuse_read_only(path, &shown)?;
    let before =
        workspace::read_own(&lock.root, &shown, lang).map_err(|p| Error::problems(vec![*p]))?;
    let bytes = match (&before, D::NEW) {
        (Some(bytes), _) => bytes.clone(),
        (None, Some(new)) => new.as_bytes().to_vec(),
        (None, None) => {
            let e = std::io::Error::from(std::io::ErrorKind::NotFound);
            return Err(Error::file(Op::Read, &shown, &e));
        }
    };
    let (model, _) = D::parse(&shown, &bytes, lang)
        .map_err(|problems| refuse_as(&shown, D::refused(lang), problems))?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let document = yaml_edit::Document::from_str(&text).map_err(|e| {
        let e = e.to_string();
        Error::input(|lang: Lang| {
            let (file, e) = (lang.code(shown.display()), lang.embed(&e));
            say!(lang, "cannot edit {file}: {e}", "{file} ویرایش نمی‌شود: {e}")
        })
    })?;
    let Some(tree_root) = document.as_mapping() else {
        return Err(Error::input(|lang: Lang| {
            let file = lang.code(shown.display());
            say!(
                lang,
                "cannot edit {file}: its top level is not a mapping",
                "{file} ویرایش نمی‌شود: سطح بالای آن نگاشت (mapping) نیست"
            )
        }));
    };
    let mut draft = Draft {
        model,
        root: tree_root,
        text,
        rewritten: None,
    };
    let result = change(&mut draft)?;
    let text = &draft.text;
    let mut after = match draft.rewritten.take() {
        Some(rewritten) => rewritten,
        None => document.to_string(),
    };
    // yaml-edit puts an entry inserted before another one behind that entry's comments, and
    // an entry appended after a `|` block behind the blank line that closed it. Either way
    // the lines in between belong to what follows, as the analyst wrote them.
    let tidy = above_comments_of_next_entry(text, &after)
        .or_else(|| blank_lines_after_insertion(text, &after));
    if let Some(tidy) = tidy
        && verify(&shown, &tidy, &draft.model).is_ok()
    {
        after = tidy;
    }
    verify(&shown, &after, &draft.model)?;
    Ok((
        Prepared {
            path: path.to_path_buf(),
            before,
            after,
        },
        result,
    ))
}

/// The lines of `before` and `after`, and where the block `after` inserts begins and ends,
/// when `after` is `before` with one block of lines inserted and nothing else changed.
fn inserted_block<'t>(before: &'t str, after: &'t str) -> Option<(Vec<&'t str>, usize, usize)> {
    let old: Vec<&str> = before.split_inclusive('\n').collect();
    let new: Vec<&str> = after.split_inclusive('\n').collect();
    let start = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let end = start + new.len().checked_sub(old.len()).filter(|&n| n > 0)?;
    (old[start..] == new[end..]).then_some((new, start, end))
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// When `after` inserts a list entry right before another entry of the same list, the comment
/// and blank lines above that entry (no deeper than its `-`) are its own: the new entry goes
/// above them. Blank lines that opened them also open the new entry, so a list whose entries
/// are set apart by blank lines stays so.
fn above_comments_of_next_entry(before: &str, after: &str) -> Option<String> {
    let (new, start, end) = inserted_block(before, after)?;
    let first = new.get(start)?;
    let next = new.get(end)?;
    let dash = indent(first);
    let is_entry = |line: &str| line.trim_start_matches(' ').starts_with("- ");
    if !is_entry(first) || !is_entry(next) || indent(next) != dash {
        return None;
    }
    let blank = |line: &str| line.trim().is_empty();
    let above = new[..start]
        .iter()
        .rev()
        .take_while(|l| blank(l) || (l.trim_start().starts_with('#') && indent(l) <= dash))
        .count();
    if above == 0 || above == start {
        return None;
    }
    let gap = &new[start - above..start];
    let opening = gap.iter().take_while(|l| blank(l)).count();
    let mut lines: Vec<&str> = new[..start - above].to_vec();
    lines.extend_from_slice(&gap[..opening]);
    lines.extend_from_slice(&new[start..end]);
    lines.extend_from_slice(gap);
    lines.extend_from_slice(&new[end..]);
    Some(lines.concat())
}

/// When `after` is `before` with one block of lines inserted right behind blank lines, and the
/// line after the block is less indented than the block (the next section), the blank lines
/// move below the block.
fn blank_lines_after_insertion(before: &str, after: &str) -> Option<String> {
    let old: Vec<&str> = before.split_inclusive('\n').collect();
    let new: Vec<&str> = after.split_inclusive('\n').collect();
    let prefix = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    if prefix + suffix != old.len() || new.len() <= old.len() {
        return None;
    }
    let block = &new[prefix..new.len() - suffix];
    let blanks = new[..prefix]
        .iter()
        .rev()
        .take_while(|l| l.trim().is_empty())
        .count();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let next = new
        .get(new.len() - suffix)
        .filter(|l| !l.trim().is_empty())?;
    let first = block.first()?;
    if blanks == 0 || blanks == prefix || indent(next) >= indent(first) {
        return None;
    }
    let mut lines: Vec<&str> = new[..prefix - blanks].to_vec();
    lines.extend_from_slice(block);
    lines.extend_from_slice(&new[prefix - blanks..prefix]);
    lines.extend_from_slice(&new[new.len() - suffix..]);
    Some(lines.concat())
}

/// A write never touches a dossier that does not read cleanly, and says why.
pub fn refuse(shown: &Path, problems: Vec<Problem>, lang: Lang) -> Error {
    refuse_as(shown, Dossier::refused(lang), problems)
}

/// The problems of a document a write refused, after what the refusal says of it.
fn refuse_as(shown: &Path, said: String, problems: Vec<Problem>) -> Error {
    let mut all = vec![Problem::new(shown, None, said)];
    all.extend(problems);
    Error::problems(all)
}

/// The one check of every write: the new text, read as the command reads files, is the model.
fn verify<D: Document>(shown: &Path, after: &str, expected: &D) -> Result<()> {
    match D::parse(shown, after.as_bytes(), Lang::En) {
        Ok((actual, _)) if actual == *expected => Ok(()),
        Ok(_) => Err(Error::new(Kind::Internal, |lang: Lang| {
            let file = lang.code(shown.display());
            say!(
                lang,
                "the edit of {file} did not read back as intended, so nothing was written (please report this)",
                "ویرایش {file} آن‌طور که باید بازخوانی نشد، پس چیزی نوشته نشد (لطفاً گزارشش کنید)"
            )
        })),
        Err(problems) => {
            let first = problems
                .first()
                .map(|p| p.message.clone())
                .unwrap_or_default();
            Err(Error::usage(|lang: Lang| {
                let (file, first) = (lang.code(shown.display()), lang.embed(&first));
                say!(
                    lang,
                    "the edit of {file} would make it invalid ({first}), so nothing was written",
                    "این ویرایش {file} را نامعتبر می‌کرد ({first})، پس چیزی نوشته نشد"
                )
            }))
        }
    }
}

/// A dossier without any write permission was frozen on purpose (`chmod 444`): a write refuses
/// it rather than replacing it, as the rename would (and always would as root).
fn refuse_read_only(path: &Path, shown: &Path) -> Result<()> {
    let read_only = fs::metadata(path).is_ok_and(|meta| meta.permissions().readonly());
    if !read_only {
        return Ok(());
    }
    let said = |lang: Lang| {
        let (file, help) = (lang.code(shown.display()), lang.help());
        let chmod = lang.code(format!("chmod u+w {}", shown.display()));
        say!(
            lang,
            "{file} is read-only, so it was not changed\n  = {help}: if it should change, make it writable first ({chmod})",
            "{file} فقط‌خواندنی است، پس تغییر نکرد\n  = {help}: اگر باید تغییر کند، نخست آن را نوشتنی کنید ({chmod})"
        )
    };
    Err(Error::said(said(Lang::En), said(Lang::Fa)))
}

/// How the temporary file of a write is named: this prefix and six random letters or digits.
pub const TEMP_PREFIX: &str = ".diplomat-";

/// The `.gitignore` line that keeps temporary files out of commits: a write killed halfway
/// leaves a whole dossier, contact details and all, under this name.
pub const TEMP_PATTERN: &str = ".diplomat-*";

/// How old a temporary file must be before a write takes it for a leftover: a write holds its
/// temporary file for milliseconds, so a minute leaves room for a slow disk, and a file of a
/// write running right now is never removed.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(60);

/// Whether `name` is one of our temporary files: [`TEMP_PREFIX`] and six ASCII letters or
/// digits, as `tempfile` makes them, and nothing else.
pub fn is_temp_name(name: &str) -> bool {
    name.strip_prefix(TEMP_PREFIX)
        .is_some_and(|rest| rest.len() == 6 && rest.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Removes the temporary files that killed writes left in `cities/`, at the root (the
/// pool's) and in `.diplomat/` (a journal's). Called under the workspace lock, so no write of
/// this workspace is between creating and renaming one; only regular files (never links) with
/// the exact name, older than [`STALE_AFTER`], are removed. Best effort: a file that cannot be removed is left for the
/// next write.
fn remove_stale_temp_files(root: &Path) {
    let state = root.join(workspace::STATE_DIR);
    let entries = [root.join(CITIES_DIR), root.to_path_buf(), state]
        .into_iter()
        .filter_map(|dir| fs::read_dir(dir).ok())
        .flatten();
    let now = std::time::SystemTime::now();
    for entry in entries.flatten() {
        let stale = entry.file_name().to_str().is_some_and(is_temp_name)
            && entry.metadata().is_ok_and(|meta| {
                meta.file_type().is_file()
                    && meta
                        .modified()
                        .ok()
                        .and_then(|m| now.duration_since(m).ok())
                        .is_some_and(|age| age >= STALE_AFTER)
            });
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// One lock for the workspace's writes: they take milliseconds, and one lock cannot deadlock.
///
/// It is an flock, held by the open file. A `lock` of a workspace this process already holds
/// shares it (an flock opened twice by one process would wait for itself); a command still
/// takes it once and passes `&Lock` on ([`change_locked`], [`change_each_locked`]). Dropping
/// the last `Lock` releases it, unless [`keep_locks`] was called: then it is held until
/// [`release_locks`] or the process ends, so that a write and its commit are one turn.
pub struct Lock {
    root: PathBuf,
    _file: Arc<File>,
}

impl Lock {
    /// The workspace this lock is of.
    pub fn root(&self) -> &Path {
        &self.root
    }
}

/// The lock files this process holds, and those it keeps (see [`keep_locks`]).
static HELD: Mutex<Vec<(PathBuf, Weak<File>)>> = Mutex::new(Vec::new());
static KEPT: Mutex<Vec<Arc<File>>> = Mutex::new(Vec::new());
static KEEP: AtomicBool = AtomicBool::new(false);

/// From now on, a workspace lock this process takes stays held until [`release_locks`] (or
/// the process's end): a command's `--commit` then commits exactly what its write left, no
/// other write between the two.
pub fn keep_locks() {
    KEEP.store(true, Ordering::SeqCst);
}

/// Lets go of the locks [`keep_locks`] kept (those still in use stay held until dropped).
pub fn release_locks() {
    KEPT.lock().unwrap_or_else(PoisonError::into_inner).clear();
}

/// Takes the workspace's write lock, waiting while another process holds it.
/// A `.diplomat` that leads out of the workspace is refused ([`workspace::state_path`]):
/// the lock would be taken, and the file made, wherever it points.
pub fn lock(root: &Path) -> Result<Lock> {
    let path = workspace::state_path(root, "lock").map_err(refused_state)?;
    let dir = root.join(workspace::STATE_DIR);
    fs::create_dir_all(&dir).map_err(|e| Error::file(Op::Create, &dir, &e))?;
    let key = fs::canonicalize(&dir)
        .unwrap_or_else(|_| dir.clone())
        .join("lock");
    let held = HELD
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .iter()
        .find(|(path, _)| *path == key)
        .and_then(|(_, file)| file.upgrade());
    if let Some(file) = held {
        return Ok(Lock {
            root: root.to_path_buf(),
            _file: file,
        });
    }
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::file(Op::Write, &path, &e))?;
    file.lock().map_err(|e| {
        let e = e.to_string();
        Error::io(|lang: Lang| {
            let e = lang.embed(&e);
            say!(
                lang,
                "cannot lock the workspace: {e}",
                "فضای کار قفل نمی‌شود: {e}"
            )
        })
    })?;
    let file = Arc::new(file);
    let mut held = HELD.lock().unwrap_or_else(PoisonError::into_inner);
    held.retain(|(_, file)| file.strong_count() > 0);
    held.push((key, Arc::downgrade(&file)));
    drop(held);
    if KEEP.load(Ordering::SeqCst) {
        KEPT.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(Arc::clone(&file));
    }
    remove_stale_temp_files(root);
    journal::finish_locked(root)?;
    Ok(Lock {
        root: root.to_path_buf(),
        _file: file,
    })
}

/// A `.diplomat` link out of the workspace, as the error of a command that would write there.
pub fn refused_state(out: workspace::LinkOut) -> Error {
    let problem = |lang| out.problem(workspace::StateUse::Write, lang);
    let [en, fa] = [Lang::En, Lang::Fa].map(|lang| problem(lang).show(lang).to_string());
    Error::said(en, fa)
}

/// Temporary file in the same folder, flushed, renamed over the original, folder flushed:
/// a crash leaves the old file or the new one, never a mix (and perhaps a temporary file,
/// which the next write removes). A file without write permission is not replaced.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |out| out.write_all(bytes))
}

/// [`write_atomic`], the content written by `write` as it goes: a large report (an e-mail
/// draft, a workbook) streams to its file instead of being held whole first.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    // A link (a dossier linked from elsewhere in the workspace) is written through: renamed
    // over, it would become a copy of its own and the file it pointed at would stay behind.
    let through = fs::symlink_metadata(path)
        .is_ok_and(|m| m.is_symlink())
        .then(|| fs::canonicalize(path).ok())
        .flatten();
    let path = through.as_deref().unwrap_or(path);
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    refuse_read_only(path, path)?;
    if !dir.is_dir() {
        // Said here: the temporary file's error would name the temporary file.
        let (file, dir) = (path.to_path_buf(), dir.to_path_buf());
        return Err(Error::io(move |lang: Lang| {
            let (file, dir) = (lang.code(file.display()), lang.code(dir.display()));
            say!(
                lang,
                "cannot write {file}: there is no folder {dir}",
                "{file} نوشته نمی‌شود: پوشهٔ {dir} وجود ندارد"
            )
        }));
    }
    let fail = |e: std::io::Error| Error::file(Op::Write, path, &e);
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .rand_bytes(6)
        .tempfile_in(dir)
        .map_err(fail)?;
    let mut out = std::io::BufWriter::new(&mut tmp);
    write(&mut out).map_err(fail)?;
    out.flush().map_err(fail)?;
    drop(out);
    match fs::metadata(path) {
        Ok(meta) => tmp
            .as_file()
            .set_permissions(meta.permissions())
            .map_err(fail)?,
        // A temporary file is private (0600); a new dossier or report is an ordinary file.
        #[cfg(unix)]
        Err(_) => {
            use std::os::unix::fs::PermissionsExt;
            tmp.as_file()
                .set_permissions(fs::Permissions::from_mode(0o644))
                .map_err(fail)?;
        }
        #[cfg(not(unix))]
        Err(_) => {}
    }
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The path of a city's dossier for a new slug, refusing anything that is not a slug.
pub fn new_dossier_path(root: &Path, slug: &str) -> Result<PathBuf> {
    if !crate::model::read::is_slug(slug) {
        let fa = Lang::Fa;
        let (value, dash, example) = (fa.code(slug), fa.code("-"), fa.code("saint-petersburg"));
        return Err(Error::said(
            format!(
                "`{slug}` is not a valid slug: use lowercase letters, digits and `-` (e.g. `saint-petersburg`), at most 64 characters"
            ),
            format!(
                "{value} شناسهٔ معتبری نیست: از حروف کوچک لاتین، رقم و {dash} استفاده کنید (مثلاً {example})، حداکثر ۶۴ نویسه"
            ),
        ));
    }
    Ok(root.join(CITIES_DIR).join(format!("{slug}.yaml")))
}

impl<D: Document> Draft<D> {
    /// Puts `item`, dated `date`, into the dated list `key` (interactions, reviews), whose
    /// entries are dated `dates` in file order: before the first entry dated later, so after
    /// those of the same day. Returns its index, for the model's list. A back-dated entry thus
    /// keeps the file chronological; the usual one, dated today, still goes last.
    pub fn insert_dated(
        &self,
        key: Key,
        dates: &[jiff::civil::Date],
        date: jiff::civil::Date,
        item: Mapping,
    ) -> Result<usize> {
        let at = dates.iter().position(|d| *d > date).unwrap_or(dates.len());
        match self.root.get_sequence(key.name) {
            Some(list) if at < dates.len() && list.len() == dates.len() => list.insert(at, item),
            _ => return self.append(key, item).map(|()| dates.len()),
        }
        Ok(at)
    }

    /// Appends `item` to the top-level list `key`, creating the list in schema order if needed.
    /// New entries go last: lists are chronological, and concurrent branches then merge as
    /// appended lines.
    pub fn append(&self, key: Key, item: Mapping) -> Result<()> {
        let key = key.name;
        if let Some(list) = self.root.get_sequence(key)
            && !(list.is_flow_style() && list.is_empty())
        {
            list.push(item);
            return Ok(());
        }
        if self.root.contains_key(key) {
            // `key:` with nothing after it, or `key: []` (where a removal of the last entry
            // leaves it): the list starts again in block style, one entry a line.
            self.root.remove(key);
        }
        // A list parsed from text keeps the canonical two-space indentation of its items.
        let template = yaml_edit::Document::from_str(&format!("{key}:\n  - placeholder: 0\n"))
            .map_err(|e| Error::Other(anyhow::anyhow!("cannot build a list: {e}")))?;
        let list = template
            .as_mapping()
            .and_then(|m| m.get_sequence(key))
            .ok_or_else(|| Error::Other(anyhow::anyhow!("cannot build a list")))?;
        list.push(item);
        list.remove(0);
        self.root
            .set_with_field_order(key, list, D::KEYS.iter().copied());
        Ok(())
    }

    /// The mapping of the entry of list `key` whose `id` is `id`.
    pub fn entry(&self, key: Key, id: &str) -> Option<Mapping> {
        self.root.get_sequence(key.name)?.values().find_map(|node| {
            let map = node.as_mapping()?.clone();
            let matches = map
                .get("id")
                .and_then(|v| v.as_scalar().map(|s| s.as_string()))
                .is_some_and(|s| s == id);
            matches.then_some(map)
        })
    }
}

/// A text value: plain where that reads back as the same text, quoted otherwise (yaml-edit
/// also quotes what YAML 1.1 readers would misread, such as `no`, so other tools read the
/// files right too); multi-line text as a `|` block.
pub fn text(value: &str) -> ScalarValue {
    ScalarValue::string(value)
}

pub fn date(value: jiff::civil::Date) -> ScalarValue {
    ScalarValue::plain(value.to_string())
}

/// A time of day, quoted (`'10:30'`): YAML 1.2 reads it plain as text, but YAML 1.1 readers
/// (PyYAML, many spreadsheet importers) take `10:30` for the number 630.
pub fn time(value: crate::model::TimeOfDay) -> ScalarValue {
    ScalarValue::single_quoted(value.to_string())
}

/// A short list as `[a, b]`, as analysts write them.
pub fn flow_list(values: &[String]) -> Sequence {
    let list = Sequence::new_flow();
    for v in values {
        list.push(text(v));
    }
    list
}

/// Builds a mapping key by key, leaving out what is absent. Keys are the registry's
/// ([`crate::model::registry`]): a new entry cannot carry a key its record does not have.
pub struct MapBuilder(Mapping);

impl MapBuilder {
    pub fn new() -> Self {
        Self(Mapping::new())
    }

    pub fn text(self, key: Key, value: &str) -> Self {
        self.0.set(key.name, text(value));
        self
    }

    pub fn opt_text(self, key: Key, value: Option<&str>) -> Self {
        match value {
            Some(v) => self.text(key, v),
            None => self,
        }
    }

    pub fn plain(self, key: Key, value: &str) -> Self {
        self.0.set(key.name, ScalarValue::plain(value));
        self
    }

    /// A value of the vocabulary (a status, a kind), by its slug.
    pub fn vocab<V: crate::model::vocab::Vocab>(self, key: Key, value: V) -> Self {
        self.plain(key, value.stored())
    }

    pub fn opt_vocab<V: crate::model::vocab::Vocab>(self, key: Key, value: Option<V>) -> Self {
        match value {
            Some(v) => self.vocab(key, v),
            None => self,
        }
    }

    pub fn date(self, key: Key, value: jiff::civil::Date) -> Self {
        self.0.set(key.name, date(value));
        self
    }

    pub fn opt_time(self, key: Key, value: Option<crate::model::TimeOfDay>) -> Self {
        match value {
            Some(t) => {
                self.0.set(key.name, time(t));
                self
            }
            None => self,
        }
    }

    pub fn opt_number(self, key: Key, value: Option<u32>) -> Self {
        match value {
            Some(n) => {
                self.0.set(key.name, i64::from(n));
                self
            }
            None => self,
        }
    }

    pub fn opt_date(self, key: Key, value: Option<jiff::civil::Date>) -> Self {
        match value {
            Some(d) => self.date(key, d),
            None => self,
        }
    }

    pub fn list(self, key: Key, values: &[String]) -> Self {
        if !values.is_empty() {
            self.0.set(key.name, flow_list(values));
        }
        self
    }

    pub fn map(self, key: Key, value: MapBuilder) -> Self {
        if !value.0.is_empty() {
            self.0.set(key.name, value.0);
        }
        self
    }

    pub fn build(self) -> Mapping {
        self.0
    }
}

impl Default for MapBuilder {
    fn default() -> Self {
        Self::new()
    }
}

/// A short id that two analysts adding entries on different branches will not both pick:
/// random, not a counter. `a-7k2m` for actions, `o-3f9q` for opportunities.
pub fn new_id(prefix: &str, taken: &[&str]) -> String {
    use std::hash::{BuildHasher, Hasher};
    const ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
    let state = std::collections::hash_map::RandomState::new();
    let mut attempt = 0u64;
    loop {
        attempt += 1;
        let mut hasher = state.build_hasher();
        hasher.write_u64(attempt);
        if let Ok(now) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
            hasher.write_u128(now.as_nanos());
        }
        hasher.write_u32(std::process::id());
        let mut bits = hasher.finish();
        // Four characters (~920,000 ids) while few are taken; more once the list grows.
        let len = if taken.len() < 200 { 4 } else { 6 };
        let mut id = format!("{prefix}-");
        for _ in 0..len {
            id.push(ALPHABET[(bits % ALPHABET.len() as u64) as usize] as char);
            bits /= ALPHABET.len() as u64;
        }
        if !taken.contains(&id.as_str()) {
            return id;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_matched_exactly() {
        for name in [".diplomat-abc123", ".diplomat-Z9y8X7"] {
            assert!(is_temp_name(name), "{name}");
        }
        for name in [
            ".diplomat-abc12",
            ".diplomat-abc1234",
            ".diplomat-abc12.yaml",
            ".diplomat-ab_123",
            "diplomat-abc123",
            ".diplomat",
        ] {
            assert!(!is_temp_name(name), "{name}");
        }
        assert!(TEMP_PATTERN.starts_with(TEMP_PREFIX));
    }

    #[test]
    fn an_entry_inserted_before_another_goes_above_its_comments() {
        let before = "l:\n  - a: 1\n  # of b\n  - b: 2\n";
        let after = "l:\n  - a: 1\n  # of b\n  - n: 0\n  - b: 2\n";
        assert_eq!(
            above_comments_of_next_entry(before, after).as_deref(),
            Some("l:\n  - a: 1\n  - n: 0\n  # of b\n  - b: 2\n")
        );
        // A deeper comment is the previous entry's; blank lines set the new entry apart too.
        let before = "l:\n  - a: 1\n    # of a\n\n  - b: 2\n";
        let after = "l:\n  - a: 1\n    # of a\n\n  - n: 0\n  - b: 2\n";
        assert_eq!(
            above_comments_of_next_entry(before, after).as_deref(),
            Some("l:\n  - a: 1\n    # of a\n\n  - n: 0\n\n  - b: 2\n")
        );
        // Appended at the end: not this case.
        assert_eq!(
            above_comments_of_next_entry("l:\n  - a: 1\n", "l:\n  - a: 1\n  - n: 0\n"),
            None
        );
    }

    #[test]
    #[allow(clippy::unwrap_used)]
    fn a_held_lock_excludes_other_holders_and_is_passed_on_not_taken_again() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let path = root.join(CITIES_DIR).join("lyon.yaml");
        fs::create_dir_all(root.join(CITIES_DIR)).unwrap();
        let text = "slug: lyon\nname:\n  en: Lyon\n  fa: لیون\n  local: Lyon\ncountry: FR\nrelationship:\n  kind: sister-city\n  status: dormant\n";
        fs::write(&path, text).unwrap();
        let held = lock(root).unwrap();
        assert_eq!(held.root(), root);
        // Another open of the lock file, even in this process, cannot take it meanwhile: a
        // second `lock` would wait for the first forever.
        let other = File::options()
            .write(true)
            .open(root.join(".diplomat/lock"))
            .unwrap();
        assert!(matches!(
            other.try_lock(),
            Err(fs::TryLockError::WouldBlock)
        ));
        let slug =
            change_locked(&held, &path, Lang::En, |draft| Ok(draft.model.slug.clone())).unwrap();
        assert_eq!(slug, "lyon");
        let slugs = change_each_locked(&held, std::slice::from_ref(&path), Lang::En, |_, draft| {
            Ok(draft.model.slug.clone())
        })
        .unwrap();
        assert_eq!(slugs, ["lyon"]);
        assert_eq!(fs::read_to_string(&path).unwrap(), text);
        drop(held);
        assert!(other.try_lock().is_ok());
    }

    #[test]
    fn new_ids_are_short_and_avoid_taken_ones() {
        let id = new_id("a", &[]);
        assert!(id.starts_with("a-") && id.len() == 6, "{id}");
        assert!(crate::model::read::is_handle(&id));
        let again = new_id("a", &[id.as_str()]);
        assert_ne!(id, again);
    }
}
