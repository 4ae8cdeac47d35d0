use clap::Args;

use crate::cli::{Ctx, Outcome};
use crate::crypto::{self, DataKey};
use crate::edit;
use crate::error::{Error, Result};
use crate::lang::Lang;

/// Take an analyst's access away: remove NAME from `recipients.yaml`.
///
/// With encryption on, a new data key is made and every e-mail and phone is encrypted again
/// with it, so values written from now on are closed to NAME. What NAME could read before
/// stays in git history: rotate the people's contact details where that matters.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  diplomat keys remove reza")]
pub struct RemoveArgs {
    /// The analyst's name in `recipients.yaml`.
    name: String,
}

impl RemoveArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let root = ctx.root()?;
        // One lock for the whole rotation, from reading the old key to writing the new one: a
        // write that seals a value meanwhile waits, and then seals it with the new key.
        let lock = edit::lock(&root)?;
        let mut recipients = crypto::read_recipients(&root, ctx.messages())?;
        let Some(at) = recipients.iter().position(|r| r.name == self.name) else {
            let names: Vec<&str> = recipients.iter().map(|r| r.name.as_str()).collect();
            let near = crate::text::suggest(&self.name, names.iter().copied(), 1);
            let name = self.name.clone();
            return Err(Error::usage(|lang: Lang| {
                let (name, list) = (lang.code(&name), lang.code("diplomat keys list"));
                say!(
                    lang,
                    "{name} is not a recipient (see {list})",
                    "{name} گیرنده نیست ({list} را ببینید)"
                )
            })
            .did_you_mean(near));
        };
        recipients.remove(at);
        let old = super::data_key(ctx, &root)?;
        let Some(old) = old else {
            super::write_recipients(&lock, &recipients)?;
            drop(lock);
            let name = self.name.clone();
            ctx.note(|lang: Lang| {
                let name = lang.code(&name);
                say!(
                    lang,
                    "removed {name} from recipients.yaml",
                    "{name} از recipients.yaml برداشته شد"
                )
            });
            return Ok(Outcome::Ok);
        };
        if recipients.is_empty() {
            return Err(Error::usage(|lang: Lang| {
                let (name, decrypt) = (lang.code(&self.name), lang.code("diplomat keys decrypt"));
                say!(
                    lang,
                    "{name} is the last recipient: removing them would leave the contact details readable by no one; to stop encrypting, run {decrypt}",
                    "{name} آخرین گیرنده است: با برداشتن او کسی جزئیات تماس را نمی‌تواند بخواند؛ برای توقف رمزگذاری {decrypt} را اجرا کنید"
                )
            }));
        }
        let ws = crate::workspace::load(&root, &ctx.load_options())?;
        let new = DataKey::generate();
        let (values, files) =
            super::rewrite_all(ctx, &lock, &ws, |slug, person, field, stored| {
                let plain = if crypto::is_sealed(stored) {
                    old.open(slug, person, field, stored)?
                } else {
                    zeroize::Zeroizing::new(stored.to_owned())
                };
                Ok(Some(new.seal(slug, person, field, &plain)))
            })?;
        super::write_data_key(&lock, &new, &recipients)?;
        super::write_recipients(&lock, &recipients)?;
        drop(lock);
        let name = self.name.clone();
        ctx.note(|lang: Lang| {
            let (name, done) = (lang.code(&name), super::values_in_files(lang, values, files));
            say!(
                lang,
                "removed {name}; a new data key now encrypts {done}: commit them with recipients.yaml and keys/; what {name} could read before stays in git history (rotate those details where it matters)",
                "{name} برداشته شد؛ کلید دادهٔ تازه‌ای اکنون {done} را رمز می‌کند: آن‌ها را همراه recipients.yaml و keys/ کامیت کنید؛ آنچه {name} پیش‌تر می‌توانست بخواند در تاریخچهٔ git می‌ماند (جایی که مهم است، آن جزئیات را عوض کنید)"
            )
        });
        Ok(Outcome::Ok)
    }
}
