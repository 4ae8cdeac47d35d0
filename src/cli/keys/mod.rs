//! `diplomat keys …`: contact details encrypted at rest (see [`crate::crypto`]), and what the
//! other commands call to seal details on write ([`seal_details`]) and open them for display
//! ([`reveal`]).

mod add;
mod decrypt;
mod encrypt;
mod init;
mod journal;
mod list;
mod remove;
mod rewrite;

use std::path::{Path, PathBuf};

use super::Ctx;
use crate::crypto::{self, DataKey, UnwrapError, Wrapped};
use crate::edit;
use crate::error::{Error, Op, Result};
use crate::i18n::Lang;
use crate::model::{ContactDetails, Pool};
use crate::workspace::{self, Workspace};
use journal::Settled;

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
    Ok(current(ctx, root)?.map(|wrapped| wrapped.key))
}

/// `keys/data-key.age` opened, with its record of who it is wrapped to; none when
/// encryption is off.
fn current(ctx: &Ctx, root: &Path) -> Result<Option<Wrapped>> {
    if !crypto::is_on(root) {
        return Ok(None);
    }
    open_key(ctx, root, crypto::DATA_KEY_FILE).map(Some)
}

/// The key file `file` (a path in the workspace) opened with this analyst's identity.
fn open_key(ctx: &Ctx, root: &Path, file: &'static str) -> Result<Wrapped> {
    let identity = identity(ctx)?;
    let shown = Path::new(file);
    let wrapped = std::fs::read(root.join(file)).map_err(|e| Error::file(Op::Read, shown, &e))?;
    match DataKey::unwrap(&wrapped, &identity) {
        Ok(wrapped) => Ok(wrapped),
        Err(UnwrapError::NotARecipient) if file == crypto::PENDING_KEY_FILE => {
            Err(Error::usage(|lang: Lang| {
                let (file, keys) = (lang.code(file), lang.code("diplomat keys list"));
                say!(
                    lang,
                    "{file} is a change of the data key that a `diplomat keys` command began and did not finish, and your identity cannot open it: an analyst it was made for finishes it by running any `diplomat keys` command (e.g. {keys})",
                    "{file} تغییری در کلید داده است که یک فرمان `diplomat keys` آغاز کرد و به پایان نبرد، و شناسهٔ رمز شما آن را باز نمی‌کند: تحلیلگری که این کلید برایش ساخته شده با اجرای هر فرمان `diplomat keys` (مثلاً {keys}) آن را به پایان می‌برد"
                )
            }))
        }
        Err(UnwrapError::NotARecipient) => Err(Error::usage(|lang: Lang| {
            let me = identity.to_public().to_string();
            let (file, add) = (
                lang.code(file),
                lang.code(format!("diplomat keys add NAME {me}")),
            );
            say!(
                lang,
                "your identity cannot open {file}: you are not (or no longer) one of its recipients; ask a teammate to run {add}",
                "شناسهٔ رمز شما {file} را باز نمی‌کند: شما (دیگر) از گیرندگان آن نیستید؛ از یک همکار بخواهید {add} را اجرا کند"
            )
        })),
        Err(UnwrapError::Damaged) => Err(Error::input(|lang: Lang| {
            let file = lang.code(file);
            say!(
                lang,
                "{file} is damaged: it is not an age file holding a diplomat data key; take it back from git history",
                "{file} آسیب دیده است: فایل age حاوی کلید دادهٔ diplomat نیست؛ آن را از تاریخچهٔ git برگردانید"
            )
        })),
    }
}

/// Every data key this analyst can open to read values: the workspace's, and the new one of a
/// `keys` command that did not finish (until the next `keys` command finishes it, values are
/// sealed with either). None at all is the error of the first file that did not open.
fn reading_keys(ctx: &Ctx, root: &Path) -> Result<Vec<DataKey>> {
    let mut keys = Vec::new();
    let mut first_error = None;
    for file in [crypto::DATA_KEY_FILE, crypto::PENDING_KEY_FILE] {
        if !root.join(file).is_file() {
            continue;
        }
        match open_key(ctx, root, file) {
            Ok(wrapped) => keys.push(wrapped.key),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    match (keys.is_empty(), first_error) {
        (true, Some(e)) => Err(e),
        (true, None) => Err(no_data_key()),
        (false, _) => Ok(keys),
    }
}

/// This analyst's public recipient, when they have a readable identity.
fn me(ctx: &Ctx) -> Option<String> {
    identity_path(ctx)
        .ok()
        .and_then(|path| crypto::read_identity(&path).ok().flatten())
        .map(|identity| identity.to_public().to_string())
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
    let keys = reading_keys(ctx, &ws.root)?;
    let lang = ctx.messages();
    let mut problems = Vec::new();
    for loaded in ws.dossiers.iter_mut().filter(|l| wanted(&l.path)) {
        let (opened, failed) =
            rewrite::each_value(&ws.root, loaded, lang, |person, field, stored| {
                open_sealed(&keys, &loaded.dossier.slug, person, field, stored)
            });
        problems.extend(failed);
        if problems.is_empty() {
            put(&mut loaded.dossier, opened);
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::problems(problems))
    }
}

/// [`reveal`] for the pool (`pool list --contacts`), read from `root`'s `pool.yaml`.
pub fn reveal_pool(ctx: &Ctx, root: &Path, pool: &mut Pool) -> Result<()> {
    if !crypto::has_sealed(pool) {
        return Ok(());
    }
    let keys = reading_keys(ctx, root)?;
    let lang = ctx.messages();
    let shown = Path::new(workspace::POOL_FILE);
    let tree = || {
        let bytes = workspace::read_own(root, shown, lang).ok()??;
        workspace::parse_pool(shown, &bytes, lang)
            .ok()
            .map(|(_, tree)| tree)
    };
    let (opened, problems) =
        rewrite::each_value_of(shown, &*pool, tree, lang, |person, field, stored| {
            open_sealed(&keys, crypto::POOL_SCOPE, person, field, stored)
        });
    if !problems.is_empty() {
        return Err(Error::problems(problems));
    }
    put(pool, opened);
    Ok(())
}

/// A stored value opened with `keys` when it is sealed; none when it is in plain.
fn open_sealed(
    keys: &[DataKey],
    scope: &str,
    person: &str,
    field: crypto::Field,
    stored: &str,
) -> std::result::Result<Option<zeroize::Zeroizing<String>>, crypto::OpenError> {
    if !crypto::is_sealed(stored) {
        return Ok(None);
    }
    crypto::open_with(keys, scope, person, field, stored).map(Some)
}

/// The opened values put in place of the sealed ones, in memory.
fn put<H: crypto::Holder>(doc: &mut H, opened: Vec<rewrite::NewValue<zeroize::Zeroizing<String>>>) {
    for value in opened {
        if let Some(details) = crypto::details_mut(doc, value.list, value.index) {
            *value.field.of_mut(details) = Some(value.value.to_string());
        }
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

/// The workspace lock, as every `keys` command that reads or writes the key files takes it,
/// with what a `keys` command stopped halfway left finished first (and said).
fn begin(ctx: &Ctx, root: &Path) -> Result<edit::Lock> {
    begin_settled(ctx, root).map(|(lock, _)| lock)
}

/// [`begin`], and what it finished.
fn begin_settled(ctx: &Ctx, root: &Path) -> Result<(edit::Lock, Settled)> {
    let lock = edit::lock(root)?;
    let settled = journal::settle(ctx, &lock)?;
    settled_note(ctx, settled);
    Ok((lock, settled))
}

fn settled_note(ctx: &Ctx, settled: Settled) {
    let (done, decrypt) = match settled {
        Settled::Nothing => return,
        Settled::Change(done) => (done, false),
        Settled::Decrypt(done) => (done, true),
    };
    ctx.note(|lang: Lang| {
        let done = values_in_files(lang, done);
        if decrypt {
            return say!(
                lang,
                "finished a `diplomat keys decrypt` that had stopped halfway: {done} written in plain",
                "فرمان `diplomat keys decrypt` که نیمه‌کاره مانده بود به پایان رسید: {done} بی‌رمز نوشته شد"
            );
        }
        say!(
            lang,
            "finished a `diplomat keys` command that had stopped halfway: {done} now encrypted with its data key; commit them with keys/ and recipients.yaml",
            "فرمان `diplomat keys` که نیمه‌کاره مانده بود به پایان رسید: {done} اکنون با کلید دادهٔ آن رمز شده است؛ آن‌ها را همراه keys/ و recipients.yaml کامیت کنید"
        )
    });
}

/// A change to a new data key, held by `holders` and `listed` in `recipients.yaml`: refused
/// when this analyst would not be among the holders, unless `not_me` (`--not-me`) says they
/// mean it.
fn new_key(
    ctx: &Ctx,
    not_me: bool,
    holders: Vec<crypto::Recipient>,
    listed: Vec<crypto::Recipient>,
) -> Result<journal::Change> {
    if !not_me {
        refuse_without_me(ctx, &holders)?;
    }
    Ok(journal::Change {
        key: DataKey::generate(),
        holders,
        listed,
    })
}

/// Refuses a change after which this analyst could not read: their identity's recipient is
/// not among `holders` (the command's `--not-me` says they mean it).
fn refuse_without_me(ctx: &Ctx, holders: &[crypto::Recipient]) -> Result<()> {
    let me = me(ctx);
    if let Some(me) = &me
        && holders.iter().any(|h| &h.key == me)
    {
        return Ok(());
    }
    let flag = "--not-me";
    Err(match me {
        Some(me) => Error::usage(move |lang: Lang| {
            let (add, flag) = (
                lang.code(format!("diplomat keys add NAME {me}")),
                lang.code(flag),
            );
            say!(
                lang,
                "your own identity would not be among the recipients, so you could not read the contact details afterwards; add yourself first ({add}), or give {flag} if that is what you want",
                "شناسهٔ رمز خود شما در میان گیرندگان نمی‌ماند و پس از این نمی‌توانستید جزئیات تماس را بخوانید؛ نخست خودتان را بیفزایید ({add})، یا اگر همین را می‌خواهید {flag} را بدهید"
            )
        }),
        None => Error::usage(move |lang: Lang| {
            let (init, add, flag) = (
                lang.code("diplomat keys init"),
                lang.code("diplomat keys add NAME RECIPIENT"),
                lang.code(flag),
            );
            say!(
                lang,
                "you have no identity, so you could not read the contact details afterwards: run {init} and add yourself first ({add}, with the recipient it prints), or give {flag} if that is what you want",
                "شما شناسهٔ رمزی ندارید و پس از این نمی‌توانستید جزئیات تماس را بخوانید: {init} را اجرا کنید و نخست خودتان را بیفزایید ({add}، با گیرنده‌ای که چاپ می‌کند)، یا اگر همین را می‌خواهید {flag} را بدهید"
            )
        }),
    })
}

/// Refuses to change the data key while `recipients.yaml` and the recipients it is wrapped to
/// disagree: a recipient added by hand is confirmed or removed first, never given the key on
/// the way.
fn refuse_unsettled(standing: crypto::Standing) -> Result<()> {
    if standing.is_clear() {
        return Ok(());
    }
    Err(Error::usage(move |lang: Lang| {
        let mut lines = vec![
            lang.pick(
                "recipients.yaml and keys/data-key.age disagree, so nothing was changed:",
                "recipients.yaml و keys/data-key.age با هم نمی‌خوانند، پس چیزی تغییر نکرد:",
            )
            .to_owned(),
        ];
        for r in &standing.unconfirmed {
            let (name, add, remove) = (
                lang.code(&r.name),
                lang.code(format!("diplomat keys add {} {}", r.name, r.key)),
                lang.code(format!("diplomat keys remove {}", r.name)),
            );
            lines.push(say!(
                lang,
                "  - {name} was added to recipients.yaml by hand and was never given the data key: to give it to them, run {add}; otherwise remove them ({remove})",
                "  - {name} با دست به recipients.yaml افزوده شده و کلید داده هرگز به او داده نشده است: برای دادن آن، {add} را اجرا کنید؛ وگرنه او را بردارید ({remove})"
            ));
        }
        for r in &standing.unlisted {
            let (name, remove, add) = (
                lang.code(&r.name),
                lang.code(format!("diplomat keys remove {}", r.name)),
                lang.code(format!("diplomat keys add {} {}", r.name, r.key)),
            );
            lines.push(say!(
                lang,
                "  - {name} was taken out of recipients.yaml by hand but still holds the data key: run {remove} so that what is written from now on is closed to them, or {add} to list them again",
                "  - {name} با دست از recipients.yaml برداشته شده اما هنوز کلید داده را دارد: {remove} را اجرا کنید تا آنچه از این پس نوشته می‌شود به روی او بسته باشد، یا با {add} دوباره فهرستش کنید"
            ));
        }
        lines.join("\n")
    }))
}

/// "`ana`, `maryam`" in the language of messages.
fn names(lang: Lang, recipients: &[crypto::Recipient]) -> String {
    let names: Vec<String> = recipients.iter().map(|r| lang.code(&r.name)).collect();
    names.join(lang.pick(", ", "، "))
}

/// "3 values in 2 dossiers" in the language of messages.
fn values_in_files(lang: Lang, done: rewrite::Done) -> String {
    let rewrite::Done { values, files } = done;
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
