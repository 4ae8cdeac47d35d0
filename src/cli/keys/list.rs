use clap::Args;
use serde::Serialize;

use crate::cli::{Ctx, Outcome};
use crate::crypto;
use crate::error::Result;
use crate::lang::Lang;
use crate::render::{self, Format};

/// The analysts who can read the contact details (`recipients.yaml`), and whether they are
/// encrypted. Needs no identity; yours is marked when you have one.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  diplomat keys list\n  diplomat keys list --format json")]
pub struct ListArgs {}

#[derive(Serialize)]
struct Row<'a> {
    name: &'a str,
    recipient: &'a str,
    you: bool,
}

impl ListArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let format = ctx.global.format.unwrap_or(Format::Table);
        render::check_record_format(format)?;
        let root = ctx.root()?;
        let recipients = crypto::read_recipients(&root, ctx.messages())?;
        // Only to mark "you": a missing or unreadable identity is not an error here.
        let me = super::identity_path(ctx)
            .ok()
            .and_then(|p| crypto::read_identity(&p).ok().flatten())
            .map(|i| i.to_public().to_string());
        let rows: Vec<Row> = recipients
            .iter()
            .map(|r| Row {
                name: &r.name,
                recipient: &r.key,
                you: me.as_deref() == Some(r.key.as_str()),
            })
            .collect();
        let on = crypto::is_on(&root);
        let text = match format {
            Format::Json => render::json(&rows)?,
            Format::Yaml => render::yaml(&rows)?,
            Format::Csv => render::csv::records(&["name", "recipient", "you"], &rows)?,
            _ => {
                let lang = ctx.lang(None);
                let mut out = String::new();
                let width = rows
                    .iter()
                    .map(|r| r.name.chars().count())
                    .max()
                    .unwrap_or(0);
                for r in &rows {
                    let you = if r.you {
                        lang.pick("  (you)", "  (شما)")
                    } else {
                        ""
                    };
                    out.push_str(&format!("{:width$}  {}{you}\n", r.name, r.recipient));
                }
                out.push_str(&status(lang, rows.len(), on));
                out.push('\n');
                out
            }
        };
        ctx.write(&text)?;
        Ok(Outcome::Ok)
    }
}

fn status(lang: Lang, recipients: usize, on: bool) -> String {
    let n = lang.num(recipients);
    let word = if recipients == 1 {
        "recipient"
    } else {
        "recipients"
    };
    match (lang, on) {
        (Lang::En, true) => format!("{n} {word}; contact details are encrypted"),
        (Lang::En, false) => format!(
            "{n} {word}; contact details are not encrypted (`diplomat keys encrypt` turns it on)"
        ),
        (Lang::Fa, true) => format!("{n} گیرنده؛ جزئیات تماس رمز شده‌اند"),
        (Lang::Fa, false) => format!(
            "{n} گیرنده؛ جزئیات تماس رمز نشده‌اند (`diplomat keys encrypt` آن را روشن می‌کند)"
        ),
    }
}
