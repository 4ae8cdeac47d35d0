use clap::Args;

use super::journal;
use crate::cli::{Ctx, Outcome};
use crate::crypto::{self, Recipient, Standing};
use crate::error::{Error, Result};
use crate::i18n::Lang;

/// Take an analyst's access away: remove NAME from `recipients.yaml`.
///
/// With encryption on, a new data key is made and every e-mail and phone is encrypted again
/// with it, so values written from now on are closed to NAME. What NAME could read before
/// stays in git history: rotate the people's contact details where that matters. Refuses to
/// leave you out of the new key's recipients unless `--not-me`. A recipient written into
/// `recipients.yaml` by hand and never given the data key just has their lines removed.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  diplomat keys remove reza")]
pub struct RemoveArgs {
    /// The analyst's name in `recipients.yaml`.
    name: String,
    /// Remove them although the recipients left do not include your own identity: you will not
    /// be able to read the contact details yourself.
    #[arg(long)]
    not_me: bool,
}

impl RemoveArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let root = ctx.root()?;
        // One lock for the whole rotation, from reading the old key to writing the new one: a
        // write that seals a value meanwhile waits, and then seals it with the new key.
        let lock = super::begin(ctx, &root)?;
        let recipients = crypto::read_recipients(&root, ctx.messages())?;
        let current = super::current(ctx, &root)?;
        let holders = current
            .as_ref()
            .map(|c| c.holders.clone().unwrap_or_else(|| recipients.clone()))
            .unwrap_or_default();
        // Who goes: the entries of that name, and whoever holds the key under it or their key.
        let gone: Vec<&str> = recipients
            .iter()
            .chain(&holders)
            .filter(|r| r.name == self.name)
            .map(|r| r.key.as_str())
            .collect();
        let goes = |r: &Recipient| r.name == self.name || gone.contains(&r.key.as_str());
        if gone.is_empty() {
            let names: Vec<&str> = recipients
                .iter()
                .chain(&holders)
                .map(|r| r.name.as_str())
                .collect();
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
        }
        let listed: Vec<Recipient> = recipients.iter().filter(|r| !goes(r)).cloned().collect();
        let name = self.name.clone();
        if current.is_some() {
            super::refuse_unsettled(Standing::of(&recipients, Some(&holders)).without(goes))?;
        }
        // Encryption off, or added by hand and never given the data key: nothing to take
        // back, only their lines to remove.
        let Some(current) = current.filter(|_| holders.iter().any(goes)) else {
            journal::write_recipients(&root, &listed)?;
            drop(lock);
            let held = !holders.is_empty();
            ctx.note(|lang: Lang| {
                let name = lang.code(&name);
                if held {
                    say!(
                        lang,
                        "removed {name} from recipients.yaml; they had never been given the data key",
                        "{name} از recipients.yaml برداشته شد؛ کلید داده هرگز به او داده نشده بود"
                    )
                } else {
                    say!(
                        lang,
                        "removed {name} from recipients.yaml",
                        "{name} از recipients.yaml برداشته شد"
                    )
                }
            });
            return Ok(Outcome::Ok);
        };
        let holders: Vec<Recipient> = holders.iter().filter(|r| !goes(r)).cloned().collect();
        if holders.is_empty() {
            return Err(Error::usage(|lang: Lang| {
                let (name, decrypt) = (lang.code(&self.name), lang.code("diplomat keys decrypt"));
                say!(
                    lang,
                    "{name} is the last recipient: removing them would leave the contact details readable by no one; to stop encrypting, run {decrypt}",
                    "{name} آخرین گیرنده است: با برداشتن او کسی جزئیات تماس را نمی‌تواند بخواند؛ برای توقف رمزگذاری {decrypt} را اجرا کنید"
                )
            }));
        }
        let change = super::new_key(ctx, self.not_me, holders, listed)?;
        let done = journal::change(ctx, &lock, Some(&current.key), change)?;
        drop(lock);
        ctx.note(|lang: Lang| {
            let (name, done) = (lang.code(&name), super::values_in_files(lang, done));
            say!(
                lang,
                "removed {name}; a new data key now encrypts {done}: commit them with recipients.yaml and keys/; what {name} could read before stays in git history (rotate those details where it matters)",
                "{name} برداشته شد؛ کلید دادهٔ تازه‌ای اکنون {done} را رمز می‌کند: آن‌ها را همراه recipients.yaml و keys/ کامیت کنید؛ آنچه {name} پیش‌تر می‌توانست بخواند در تاریخچهٔ git می‌ماند (جایی که مهم است، آن جزئیات را عوض کنید)"
            )
        });
        Ok(Outcome::Ok)
    }
}
