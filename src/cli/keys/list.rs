use clap::Args;
use serde::Serialize;

use super::journal;
use crate::cli::{Ctx, Outcome};
use crate::crypto::{self, Standing};
use crate::edit;
use crate::error::Result;
use crate::i18n::Lang;
use crate::render::{self, Format};

/// The analysts who can read the contact details (`recipients.yaml`), and whether they are
/// encrypted. Needs no identity; with yours, you and anyone added by hand are marked.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  diplomat keys list\n  diplomat keys list --format json")]
pub struct ListArgs {}

#[derive(Serialize)]
struct Row<'a> {
    name: &'a str,
    recipient: &'a str,
    you: bool,
    /// In `recipients.yaml`.
    listed: bool,
    /// The data key is wrapped to them; none when that cannot be told (encryption off, no
    /// identity, or a key file from before diplomat recorded it).
    has_key: Option<bool>,
}

impl ListArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let format = ctx.global.format.unwrap_or(Format::Table);
        render::check_record_format(format)?;
        let root = ctx.root()?;
        if journal::is_unsettled(&root) {
            // A `keys` command stopped halfway: finished here when this analyst can, said
            // otherwise (the list is still shown).
            let lock = edit::lock(&root)?;
            match journal::settle(ctx, &lock) {
                Ok(settled) => super::settled_note(ctx, settled),
                Err(e) => ctx.warn(|lang: Lang| e.show(lang)),
            }
        }
        let recipients = crypto::read_recipients(&root, ctx.messages())?;
        let me = super::me(ctx);
        let on = crypto::is_on(&root);
        // Only to mark who holds the key: a missing identity is not an error here.
        let holders = if on && me.is_some() {
            super::current(ctx, &root)
                .ok()
                .flatten()
                .and_then(|c| c.holders)
        } else {
            None
        };
        let standing = Standing::of(&recipients, holders.as_deref());
        let rows: Vec<Row> = recipients
            .iter()
            .map(|r| (r, true))
            .chain(standing.unlisted.iter().map(|r| (r, false)))
            .map(|(r, listed)| Row {
                name: &r.name,
                recipient: &r.key,
                you: me.as_deref() == Some(r.key.as_str()),
                listed,
                has_key: holders
                    .as_ref()
                    .map(|holders| holders.iter().any(|h| h.key == r.key)),
            })
            .collect();
        let text = match format {
            Format::Json => render::json(&rows)?,
            Format::Yaml => render::yaml(&rows)?,
            Format::Csv => {
                render::csv::records(&["name", "recipient", "you", "listed", "has_key"], &rows)?
            }
            _ => {
                let lang = ctx.lang;
                let mut out = String::new();
                let width = rows
                    .iter()
                    .map(|r| r.name.chars().count())
                    .max()
                    .unwrap_or(0);
                for r in &rows {
                    let mut marks = String::new();
                    if r.you {
                        marks.push_str(lang.pick("  (you)", "  (شما)"));
                    }
                    marks.push_str(&mark(lang, r));
                    out.push_str(&format!("{:width$}  {}{marks}\n", r.name, r.recipient));
                }
                let known = !on || holders.is_some();
                out.push_str(&status(lang, recipients.len(), on, known));
                out.push('\n');
                out
            }
        };
        ctx.write(&text)?;
        Ok(Outcome::Ok)
    }
}

/// What a row says besides its name and recipient, when `recipients.yaml` and the data key
/// disagree about it.
fn mark(lang: Lang, row: &Row) -> String {
    let name = row.name;
    match (row.listed, row.has_key) {
        (true, Some(false)) => {
            let add = lang.code(format!("diplomat keys add {name}"));
            say!(
                lang,
                "  (added by hand, not given the data key: confirm with {add} and this recipient)",
                "  (با دست افزوده شده و کلید داده به او داده نشده: با {add} و همین گیرنده تأییدش کنید)"
            )
        }
        (false, _) => {
            let remove = lang.code(format!("diplomat keys remove {name}"));
            say!(
                lang,
                "  (not in recipients.yaml, yet holds the data key: {remove})",
                "  (در recipients.yaml نیست، اما کلید داده را دارد: {remove})"
            )
        }
        _ => String::new(),
    }
}

fn status(lang: Lang, recipients: usize, on: bool, known: bool) -> String {
    let n = lang.num(recipients);
    let word = if recipients == 1 {
        "recipient"
    } else {
        "recipients"
    };
    let unknown = !known;
    match (lang, on, unknown) {
        (Lang::En, true, false) => format!("{n} {word}; contact details are encrypted"),
        (Lang::En, true, true) => format!(
            "{n} {word}; contact details are encrypted (with your identity, this list also marks anyone not given the data key)"
        ),
        (Lang::En, false, _) => format!(
            "{n} {word}; contact details are not encrypted (`diplomat keys encrypt` turns it on)"
        ),
        (Lang::Fa, true, false) => format!("{n} گیرنده؛ جزئیات تماس رمز شده‌اند"),
        (Lang::Fa, true, true) => format!(
            "{n} گیرنده؛ جزئیات تماس رمز شده‌اند (با شناسهٔ رمز شما، این فهرست کسانی را هم که کلید داده به آن‌ها داده نشده نشان می‌دهد)"
        ),
        (Lang::Fa, false, _) => format!(
            "{n} گیرنده؛ جزئیات تماس رمز نشده‌اند (`diplomat keys encrypt` آن را روشن می‌کند)"
        ),
    }
}
