use clap::Args;

use super::journal::{self, Settled};
use crate::cli::{Ctx, Outcome};
use crate::crypto;
use crate::error::{Error, Result};
use crate::i18n::Lang;

/// Turn encryption off: every `ENC[v1,…]` value is written back in plain and
/// `keys/data-key.age` is removed (`recipients.yaml` stays, for turning it on again).
///
/// Needs your identity. The values then sit in plain in the files and in every commit made
/// from now on.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  diplomat keys decrypt")]
pub struct DecryptArgs {}

impl DecryptArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let root = ctx.root()?;
        // One lock from reading the key and the dossiers to removing the key: a value sealed
        // meanwhile waits, and is then opened too, rather than left sealed without a key.
        let (lock, settled) = super::begin_settled(ctx, &root)?;
        if let Settled::Decrypt(_) = settled {
            // The `keys decrypt` that had stopped halfway was what is asked again: it is done.
            return Ok(Outcome::Ok);
        }
        if super::data_key(ctx, &root)?.is_none() {
            return Err(Error::usage(|lang: Lang| {
                let file = lang.code(crypto::DATA_KEY_FILE);
                say!(
                    lang,
                    "contact details are not encrypted in this workspace (no {file})",
                    "جزئیات تماس در این فضای کار رمز نشده‌اند ({file} نیست)"
                )
            }));
        }
        let done = journal::decrypt(ctx, &lock)?;
        drop(lock);
        ctx.note(|lang: Lang| {
            let done = super::values_in_files(lang, done);
            say!(
                lang,
                "contact details are no longer encrypted: {done} written in plain; commit them with the removal of keys/data-key.age",
                "جزئیات تماس دیگر رمز نشده‌اند: {done} بی‌رمز نوشته شد؛ آن‌ها را همراه حذف keys/data-key.age کامیت کنید"
            )
        });
        Ok(Outcome::Ok)
    }
}
