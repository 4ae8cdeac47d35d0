use clap::Args;

use super::journal;
use crate::cli::{Ctx, Outcome};
use crate::crypto;
use crate::error::{Error, Result};
use crate::i18n::Lang;

/// Turn encryption on: every facilitator's and contact's e-mail and phone is stored as a
/// one-line `ENC[v1,…]` value.
///
/// The first time, a random data key is made and wrapped to every recipient of
/// `recipients.yaml` in `keys/data-key.age` (commit it); your own identity must be among them
/// (`keys add` yourself first), unless `--not-me`. Run again, it encrypts the values still in
/// plain (e.g. typed in an editor) with the existing key, which needs your identity. Only the
/// lines of those values change; comments and quoting stay.
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  diplomat keys init\n  diplomat keys add me age1…      # yourself first, with the recipient keys init printed\n  diplomat keys add maryam age1…\n  diplomat keys encrypt"
)]
pub struct EncryptArgs {
    /// Turn encryption on although your own identity is not among the recipients: you will not
    /// be able to read the contact details yourself.
    #[arg(long)]
    not_me: bool,
}

impl EncryptArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let root = ctx.root()?;
        // One lock from reading the key and the dossiers to writing the last file: a value
        // written meanwhile waits, and is then sealed (or sealed with this key).
        let lock = super::begin(ctx, &root)?;
        let recipients = crypto::read_recipients(&root, ctx.messages())?;
        let (done, first) = match super::data_key(ctx, &root)? {
            Some(key) => {
                let ws = crate::workspace::load(&root, &ctx.load_options())?;
                let done =
                    super::rewrite::rewrite_all(ctx, &lock, &ws, |slug, person, field, stored| {
                        if crypto::is_sealed(stored) {
                            // Sealed already: it must open with this key, and is kept as it is.
                            key.open(slug, person, field, stored)?;
                            Ok(None)
                        } else {
                            Ok(Some(key.seal(slug, person, field, stored)))
                        }
                    })?;
                (done, false)
            }
            None => {
                if recipients.is_empty() {
                    return Err(Error::usage(|lang: Lang| {
                        let (init, add) = (
                            lang.code("diplomat keys init"),
                            lang.code("diplomat keys add NAME RECIPIENT"),
                        );
                        say!(
                            lang,
                            "recipients.yaml names no one who could read the contact details: run {init}, then {add}, first",
                            "recipients.yaml کسی را که بتواند جزئیات تماس را بخواند نام نمی‌برد: نخست {init} و سپس {add} را اجرا کنید"
                        )
                    }));
                }
                let change =
                    super::new_key(ctx, self.not_me, recipients.clone(), recipients.clone())?;
                (journal::change(ctx, &lock, None, change)?, true)
            }
        };
        drop(lock);
        ctx.note(|lang: Lang| {
            let done = super::values_in_files(lang, done);
            let file = lang.code(crypto::DATA_KEY_FILE);
            if first {
                let names = super::names(lang, &recipients);
                say!(
                    lang,
                    "contact details are encrypted: {done}, readable by {names}; commit them with {file} and recipients.yaml",
                    "جزئیات تماس رمز شدند: {done}، خواندنی برای {names}؛ آن‌ها را همراه {file} و recipients.yaml کامیت کنید"
                )
            } else {
                say!(
                    lang,
                    "encrypted what was still in plain: {done}",
                    "آنچه هنوز رمز نشده بود رمز شد: {done}"
                )
            }
        });
        Ok(Outcome::Ok)
    }
}
