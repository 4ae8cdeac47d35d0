//! `diplomat keys …`: contact details encrypted at rest (see [`crate::crypto`]), and what the
//! other commands call to seal details on write ([`seal_details`]) and open them for display
//! ([`reveal`]).

mod add;
mod decrypt;
mod encrypt;
mod init;
mod list;
mod remove;

use std::path::{Path, PathBuf};

use super::Ctx;
use crate::crypto::{self, DataKey, Field, List, UnwrapError};
use crate::diag::Problem;
use crate::edit;
use crate::error::{Error, Op, Result};
use crate::lang::Lang;
use crate::model::ContactDetails;
use crate::workspace::{self, Workspace};

verbs! {
    /// Contact details encrypted at rest: the analysts' keys and the workspace's data key.
    pub enum KeysCommand {
        Init(init::InitArgs),
        Add(add::AddArgs),
        Remove(remove::RemoveArgs),
        List(list::ListArgs),
        Encrypt(encrypt::EncryptArgs),
        Decrypt(decrypt::DecryptArgs),
    }
}

/// Where this analyst's identity file is (it may not exist yet).
pub fn identity_path(ctx: &Ctx) -> Result<PathBuf> {
    crypto::identity_path(ctx.global.identity.as_deref()).ok_or_else(|| {
        Error::usage(|lang: Lang| {
            let (flag, var, home) = (
                lang.code("--identity FILE"),
                lang.code("DIPLOMAT_IDENTITY"),
                lang.code("HOME"),
            );
            say!(
                lang,
                "cannot tell where your identity is: {home} is not set; give {flag} or {var}",
                "معلوم نیست شناسهٔ رمز شما کجاست: {home} تنظیم نشده؛ {flag} یا {var} را بدهید"
            )
        })
    })
}

/// This analyst's identity; none is an error that says how to get one (exit 2).
pub fn identity(ctx: &Ctx) -> Result<age::x25519::Identity> {
    let path = identity_path(ctx)?;
    crypto::read_identity(&path)?.ok_or_else(|| {
        Error::usage(|lang: Lang| {
            let (file, init) = (lang.code(path.display()), lang.code("diplomat keys init"));
            let add = lang.code("diplomat keys add NAME RECIPIENT");
            say!(
                lang,
                "contact details in this workspace are encrypted, and there is no identity at {file}: run {init}, then ask a teammate to run {add} with the recipient it prints",
                "جزئیات تماس در این فضای کار رمز شده‌اند و در {file} شناسهٔ رمزی نیست: {init} را اجرا کنید، سپس از یک همکار بخواهید با گیرنده‌ای که چاپ می‌کند {add} را اجرا کند"
            )
        })
    })
}

/// The workspace's data key when encryption is on (opened with this analyst's identity), none
/// when it is off.
pub fn data_key(ctx: &Ctx, root: &Path) -> Result<Option<DataKey>> {
    if !crypto::is_on(root) {
        return Ok(None);
    }
    let identity = identity(ctx)?;
    let path = root.join(crypto::DATA_KEY_FILE);
    let shown = Path::new(crypto::DATA_KEY_FILE);
    let wrapped = std::fs::read(&path).map_err(|e| Error::file(Op::Read, shown, &e))?;
    match DataKey::unwrap(&wrapped, &identity) {
        Ok(key) => Ok(Some(key)),
        Err(UnwrapError::NotARecipient) => Err(Error::usage(|lang: Lang| {
            let me = identity.to_public().to_string();
            let (file, add) = (
                lang.code(crypto::DATA_KEY_FILE),
                lang.code(format!("diplomat keys add NAME {me}")),
            );
            say!(
                lang,
                "your identity cannot open {file}: you are not (or no longer) one of its recipients; ask a teammate to run {add}",
                "شناسهٔ رمز شما {file} را باز نمی‌کند: شما (دیگر) از گیرندگان آن نیستید؛ از یک همکار بخواهید {add} را اجرا کند"
            )
        })),
        Err(UnwrapError::Damaged) => Err(Error::input(|lang: Lang| {
            let file = lang.code(crypto::DATA_KEY_FILE);
            say!(
                lang,
                "{file} is damaged: it is not an age file holding a diplomat data key; take it back from git history",
                "{file} آسیب دیده است: فایل age حاوی کلید دادهٔ diplomat نیست؛ آن را از تاریخچهٔ git برگردانید"
            )
        })),
    }
}

/// `details` as a write stores them for person `person` of dossier `slug`: sealed when the
/// workspace encrypts contact details (which then needs this analyst's identity: exit 2
/// without it), as given otherwise. An unchanged value keeps its exact ciphertext from
/// `previous` (the person's details as stored before the write), so a diff shows only real
/// changes.
///
/// Every command that writes an e-mail or phone goes through here: `facilitator add`,
/// `contact add`, and `facilitator set` / `contact set` (pass the stored details as
/// `previous`). The data key is read under the workspace lock the write then holds until its
/// file is replaced ([`edit::change_locked`]): a `keys remove` cannot make a new key between
/// this read and that write, leaving a value sealed with the old one.
pub fn seal_details(
    ctx: &Ctx,
    lock: &edit::Lock,
    slug: &str,
    person: &str,
    details: ContactDetails,
    previous: Option<&ContactDetails>,
) -> Result<ContactDetails> {
    if details.is_empty() || !crypto::is_on(lock.root()) {
        return Ok(details);
    }
    let key = data_key(ctx, lock.root())?;
    Ok(crypto::seal_contact(
        key.as_ref(),
        slug,
        person,
        details,
        previous,
    ))
}

/// Opens, in memory, every sealed e-mail and phone of the loaded dossiers, for a command that
/// shows contact details. Needs the identity only when something is sealed. A value that does
/// not open is a located error (exit 2), never shown as if it were an address. The files and
/// the cache keep the ciphertext. `only` limits it to one dossier (by path), for commands
/// that show one city.
pub fn reveal(ctx: &Ctx, ws: &mut Workspace, only: Option<&Path>) -> Result<()> {
    let wanted = |path: &Path| only.is_none_or(|only| only == path);
    if !ws
        .dossiers
        .iter()
        .any(|l| wanted(&l.path) && crypto::has_sealed(&l.dossier))
    {
        return Ok(());
    }
    let key = match data_key(ctx, &ws.root)? {
        Some(key) => key,
        None => return Err(no_data_key()),
    };
    let lang = ctx.messages();
    let mut problems = Vec::new();
    for loaded in ws.dossiers.iter_mut().filter(|l| wanted(&l.path)) {
        let slug = loaded.dossier.slug.clone();
        let (opened, failed) = each_value(&ws.root, loaded, lang, |person, field, stored| {
            if !crypto::is_sealed(stored) {
                return Ok(None);
            }
            key.open(&slug, person, field, stored).map(Some)
        });
        if !failed.is_empty() {
            problems.extend(failed);
            continue;
        }
        for value in opened {
            if let Some(details) = crypto::details_mut(&mut loaded.dossier, value.list, value.index)
            {
                *value.field.of_mut(details) = Some(value.value.to_string());
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::problems(problems))
    }
}

/// Sealed values, but no `keys/data-key.age` to open them with.
fn no_data_key() -> Error {
    Error::input(|lang: Lang| {
        let file = lang.code(crypto::DATA_KEY_FILE);
        say!(
            lang,
            "some contact details are encrypted, but the workspace has no {file} to open them with; take it back from git history",
            "برخی جزئیات تماس رمز شده‌اند، اما فضای کار {file} را برای گشودنشان ندارد؛ آن را از تاریخچهٔ git برگردانید"
        )
    })
}

/// A new value for one field of one person.
struct NewValue<T = String> {
    list: List,
    index: usize,
    person: String,
    field: Field,
    value: T,
}

/// Every stored e-mail and phone of `loaded` through `f` (given the person's id, the field and
/// the stored text): the values it gave, and the ones it could not open as problems located in
/// the file.
fn each_value<T>(
    root: &Path,
    loaded: &workspace::Loaded,
    lang: Lang,
    mut f: impl FnMut(&str, Field, &str) -> std::result::Result<Option<T>, crypto::OpenError>,
) -> (Vec<NewValue<T>>, Vec<Problem>) {
    let mut values = Vec::new();
    let mut failed = Vec::new();
    for (list, index, person, details) in crypto::people(&loaded.dossier) {
        for field in Field::ALL {
            let Some(stored) = field.of(details) else {
                continue;
            };
            match f(person, field, stored) {
                Ok(Some(value)) => values.push(NewValue {
                    list,
                    index,
                    person: person.to_owned(),
                    field,
                    value,
                }),
                Ok(None) => {}
                Err(error) => failed.push(crypto::Failure {
                    list,
                    index,
                    person: person.to_owned(),
                    field,
                    error,
                }),
            }
        }
    }
    if failed.is_empty() {
        return (values, Vec::new());
    }
    let shown = workspace::shown_path(root, &loaded.path);
    let tree = loaded.tree(lang).ok();
    let problems = failed
        .iter()
        .map(|failure| crypto::located(&shown, tree.as_ref(), failure, lang))
        .collect();
    (values, problems)
}

/// Rewrites every sealed or plain e-mail and phone of the workspace through `change` (given
/// slug, person, field and the stored value; none keeps it). Every value is worked out before
/// any file is written, so a value that does not open stops the command with nothing changed.
/// Returns how many values and files changed. `ws` is loaded under `lock`, which the keys
/// command took before reading the data key and holds until its last file is written.
fn rewrite_all(
    ctx: &Ctx,
    lock: &edit::Lock,
    ws: &Workspace,
    change: impl Fn(&str, &str, Field, &str) -> std::result::Result<Option<String>, crypto::OpenError>,
) -> Result<(usize, usize)> {
    if !ws.broken.is_empty() {
        let lang = ctx.messages();
        let mut problems: Vec<Problem> = ws.all_problems().cloned().collect();
        let command = lang.code("diplomat validate");
        problems.insert(
            0,
            Problem::new(
                Path::new(workspace::CITIES_DIR),
                None,
                say!(
                    lang,
                    "every dossier must read cleanly before contact details are re-encrypted, and some do not (see {command}); nothing was changed",
                    "پیش از رمزگذاری دوبارهٔ جزئیات تماس همهٔ پرونده‌ها باید بی‌خطا خوانده شوند و برخی نمی‌شوند ({command} را ببینید)؛ چیزی تغییر نکرد"
                ),
            ),
        );
        return Err(Error::problems(problems));
    }
    let lang = ctx.messages();
    let mut plan = Vec::new();
    let mut problems = Vec::new();
    for loaded in &ws.dossiers {
        let slug = &loaded.dossier.slug;
        let (values, failed) = each_value(&ws.root, loaded, lang, |person, field, stored| {
            Ok(change(slug, person, field, stored)?.filter(|value| value != stored))
        });
        problems.extend(failed);
        if !values.is_empty() {
            plan.push((loaded.path.clone(), values));
        }
    }
    if !problems.is_empty() {
        return Err(Error::problems(problems));
    }
    // Every dossier or none: each new text read back before the first is replaced.
    let count = plan.iter().map(|(_, values)| values.len()).sum();
    let paths: Vec<PathBuf> = plan.iter().map(|(path, _)| path.clone()).collect();
    edit::change_each_locked(lock, &paths, lang, |path, draft| {
        let values = plan
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, values)| values.as_slice())
            .unwrap_or_default();
        for v in values {
            let missing = || {
                Error::internal(format!(
                    "cannot find `{}` in `{}` of the file",
                    v.person,
                    v.list.key()
                ))
            };
            let contact = draft
                .entry(v.list.list(), &v.person)
                .and_then(|m| m.get_mapping("contact"))
                .ok_or_else(missing)?;
            contact.set(v.field.name(), edit::text(&v.value));
            let details =
                crypto::details_mut(&mut draft.dossier, v.list, v.index).ok_or_else(missing)?;
            *v.field.of_mut(details) = Some(v.value.clone());
        }
        Ok(())
    })?;
    Ok((count, plan.len()))
}

/// Writes `keys/data-key.age` (the data key wrapped to every recipient) atomically, under the
/// lock the keys command holds.
fn write_data_key(
    lock: &edit::Lock,
    key: &DataKey,
    recipients: &[crypto::Recipient],
) -> Result<()> {
    let parsed = crypto::parse_recipients(recipients)?;
    let wrapped = key.wrap(&parsed)?;
    let path = lock.root().join(crypto::DATA_KEY_FILE);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::file(Op::Create, dir, &e))?;
    }
    edit::write_atomic(&path, wrapped.as_bytes())
}

/// Writes `recipients.yaml` atomically, under the lock the keys command holds.
fn write_recipients(lock: &edit::Lock, recipients: &[crypto::Recipient]) -> Result<()> {
    let text = crypto::render_recipients(recipients);
    edit::write_atomic(&lock.root().join(crypto::RECIPIENTS_FILE), text.as_bytes())
}

/// "3 values in 2 dossiers" in the language of messages.
fn values_in_files(lang: Lang, values: usize, files: usize) -> String {
    let (v, f) = (lang.num(values), lang.num(files));
    match lang {
        Lang::En => {
            let values_word = if values == 1 { "value" } else { "values" };
            let files_word = if files == 1 { "dossier" } else { "dossiers" };
            format!("{v} {values_word} in {f} {files_word}")
        }
        Lang::Fa => format!("{v} مقدار در {f} پرونده"),
    }
}
