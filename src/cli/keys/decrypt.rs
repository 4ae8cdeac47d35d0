use clap::Args;

use crate::cli::{Ctx, Outcome};
use crate::crypto;
use crate::edit;
use crate::error::{Error, Op, Result};
use crate::lang::Lang;

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
        let lock = edit::lock(&root)?;
        let Some(key) = super::data_key(ctx, &root)? else {
            return Err(Error::usage(|lang: Lang| {
                let file = lang.code(crypto::DATA_KEY_FILE);
                say!(
                    lang,
                    "contact details are not encrypted in this workspace (no {file})",
                    "جزئیات تماس در این فضای کار رمز نشده‌اند ({file} نیست)"
                )
            }));
        };
        let ws = crate::workspace::load(&root, &ctx.load_options())?;
        let (values, files) =
            super::rewrite_all(ctx, &lock, &ws, |slug, person, field, stored| {
                if crypto::is_sealed(stored) {
                    let plain = key.open(slug, person, field, stored)?;
                    Ok(Some(plain.to_string()))
                } else {
                    Ok(None)
                }
            })?;
        let path = root.join(crypto::DATA_KEY_FILE);
        std::fs::remove_file(&path).map_err(|e| {
            Error::file(Op::Remove, std::path::Path::new(crypto::DATA_KEY_FILE), &e)
        })?;
        if let Some(dir) = path.parent() {
            // Only when empty: anything else the analysts keep there stays.
            let _ = std::fs::remove_dir(dir);
        }
        drop(lock);
        ctx.note(|lang: Lang| {
            let done = super::values_in_files(lang, values, files);
            say!(
                lang,
                "contact details are no longer encrypted: {done} written in plain; commit them with the removal of keys/data-key.age",
                "جزئیات تماس دیگر رمز نشده‌اند: {done} بی‌رمز نوشته شد؛ آن‌ها را همراه حذف keys/data-key.age کامیت کنید"
            )
        });
        Ok(Outcome::Ok)
    }
}
