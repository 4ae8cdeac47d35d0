use clap::Args;

use super::journal::{self, Change};
use crate::cli::{Ctx, Outcome};
use crate::crypto::{self, Recipient, Standing};
use crate::error::{Error, Result};
use crate::i18n::Lang;

/// Give an analyst access to the contact details: add NAME and their recipient to
/// `recipients.yaml`.
///
/// With encryption on, the data key is wrapped again to every recipient (`keys/data-key.age`
/// changes, no dossier does); that needs your own identity. Re-adding an analyst who lost
/// their identity: `keys remove NAME`, then `keys add NAME` with their new recipient.
///
/// A recipient written into `recipients.yaml` by hand is not given the data key until
/// confirmed: `keys list` marks them, and `keys add` of that same name and recipient confirms
/// them (other `keys add` and `keys remove` refuse meanwhile).
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  diplomat keys add maryam age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"
)]
pub struct AddArgs {
    /// A short name for the analyst (lowercase letters, digits and `-`).
    name: String,
    /// Their public recipient, `age1…`, as `diplomat keys init` printed it.
    recipient: String,
}

impl AddArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let root = ctx.root()?;
        let name = self.name.trim().to_owned();
        if !crate::model::read::is_handle(&name) {
            return Err(Error::usage(|lang: Lang| {
                let (name, eg) = (lang.code(&name), lang.code("maryam"));
                say!(
                    lang,
                    "{name} is not a valid name: use lowercase letters, digits and -, e.g. {eg}",
                    "{name} نام معتبری نیست: حروف کوچک لاتین، رقم و - به کار ببرید، مثلاً {eg}"
                )
            }));
        }
        let key = self.recipient.trim().to_owned();
        if let Err(why) = key.parse::<age::x25519::Recipient>() {
            return Err(Error::usage(|lang: Lang| {
                let (key, why, init) = (
                    lang.code(&key),
                    lang.embed(why),
                    lang.code("diplomat keys init"),
                );
                say!(
                    lang,
                    "{key} is not an age recipient ({why}): it starts with age1, as {init} prints it",
                    "{key} گیرندهٔ age نیست ({why}): با age1 آغاز می‌شود، همان‌طور که {init} چاپ می‌کند"
                )
            }));
        }
        // One lock from reading the recipients to writing them: a `keys` command run meanwhile
        // waits, rather than one of the two losing its change.
        let lock = super::begin(ctx, &root)?;
        let mut recipients = crypto::read_recipients(&root, ctx.messages())?;
        let new = Recipient {
            name: name.clone(),
            key,
        };
        // With encryption on, the data key is opened before anything is written.
        let Some(current) = super::current(ctx, &root)? else {
            refuse_twice(&recipients, &new)?;
            recipients.push(new);
            journal::write_recipients(&root, &recipients)?;
            drop(lock);
            ctx.note(|lang: Lang| {
                let (name, encrypt) = (lang.code(&name), lang.code("diplomat keys encrypt"));
                say!(
                    lang,
                    "added {name} to recipients.yaml; contact details are not encrypted yet: {encrypt} turns it on",
                    "{name} به recipients.yaml افزوده شد؛ جزئیات تماس هنوز رمز نشده‌اند: {encrypt} آن را روشن می‌کند"
                )
            });
            return Ok(Outcome::Ok);
        };
        let holders = current.holders.unwrap_or_else(|| recipients.clone());
        let standing = Standing::of(&recipients, Some(&holders));
        // Confirmed: the very entry someone added by hand. Listed again: a recipient who
        // still holds the key but was taken out of recipients.yaml by hand.
        let confirming = standing.unconfirmed.contains(&new);
        let relisting = standing.unlisted.iter().any(|h| h.key == new.key)
            && !recipients.iter().any(|r| r.name == new.name);
        if !confirming && !relisting {
            refuse_twice(&recipients, &new)?;
        }
        super::refuse_unsettled(standing.without(|r| r.key == new.key))?;
        if !confirming {
            recipients.push(new.clone());
        }
        let mut holders: Vec<Recipient> =
            holders.into_iter().filter(|h| h.key != new.key).collect();
        holders.push(new);
        let change = Change {
            key: current.key.clone(),
            holders,
            listed: recipients,
        };
        journal::change(ctx, &lock, Some(&current.key), change)?;
        drop(lock);
        ctx.note(|lang: Lang| {
            let name = lang.code(&name);
            let file = lang.code(crypto::DATA_KEY_FILE);
            if confirming {
                say!(
                    lang,
                    "confirmed {name}: {file} is wrapped to them now; commit it",
                    "{name} تأیید شد: {file} اکنون برای او هم رمز شده است؛ آن را کامیت کنید"
                )
            } else {
                say!(
                    lang,
                    "added {name}; {file} is wrapped again for every recipient: commit it with recipients.yaml",
                    "{name} افزوده شد؛ {file} دوباره برای همهٔ گیرندگان رمز شد: آن را همراه recipients.yaml کامیت کنید"
                )
            }
        });
        Ok(Outcome::Ok)
    }
}

/// Refuses `new` when its name or key is a recipient already.
fn refuse_twice(recipients: &[Recipient], new: &Recipient) -> Result<()> {
    let Some(same) = recipients
        .iter()
        .find(|r| r.name == new.name || r.key == new.key)
    else {
        return Ok(());
    };
    let other = same.name.clone();
    Err(Error::usage(|lang: Lang| {
        let (other, remove) = (
            lang.code(&other),
            lang.code(format!("diplomat keys remove {other}")),
        );
        say!(
            lang,
            "{other} is already a recipient with this name or key; to change their key, run {remove} first",
            "{other} از پیش با این نام یا کلید گیرنده است؛ برای تغییر کلید، نخست {remove} را اجرا کنید"
        )
    }))
}
