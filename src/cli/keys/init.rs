use clap::Args;

use crate::cli::{Ctx, Outcome};
use crate::crypto;
use crate::error::Result;
use crate::i18n::Lang;

/// Create your identity (an age X25519 key) and print its public recipient.
///
/// The identity is written to `~/.config/diplomat/identity.txt` (`$XDG_CONFIG_HOME`, or
/// `--identity FILE` / `DIPLOMAT_IDENTITY`), readable by you only. Keep it private and never
/// commit it; give the recipient it prints (`age1…`) to a teammate, who runs `diplomat keys add`.
/// When you already have one, its recipient is printed again.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  diplomat keys init\n  diplomat keys add maryam age1…")]
pub struct InitArgs {}

impl InitArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let path = super::identity_path(ctx)?;
        let (identity, created) = match crypto::read_identity(&path)? {
            Some(identity) => (identity, false),
            None => (crypto::create_identity(&path, ctx.today)?, true),
        };
        let recipient = identity.to_public().to_string();
        ctx.write(&format!("{recipient}\n"))?;
        let file = path.display().to_string();
        ctx.note(|lang: Lang| {
            let (file, add) = (
                lang.code(&file),
                lang.code(format!("diplomat keys add NAME {recipient}")),
            );
            if created {
                say!(
                    lang,
                    "created your identity {file} (keep it private, never commit it); to be given access, have a teammate run {add}",
                    "شناسهٔ رمز شما در {file} ساخته شد (آن را نزد خود نگه دارید و هرگز کامیت نکنید)؛ برای دسترسی، از یک همکار بخواهید {add} را اجرا کند"
                )
            } else {
                say!(
                    lang,
                    "you already have an identity, {file}; its recipient is above (to be given access: {add})",
                    "شما از پیش شناسهٔ رمزی دارید، {file}؛ گیرندهٔ آن در بالا آمده است (برای دسترسی: {add})"
                )
            }
        });
        Ok(Outcome::Ok)
    }
}
