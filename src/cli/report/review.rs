use clap::Args;

use super::{Mail, Output};
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::query::{brief, cities};
use crate::render::{self, Format};

pub const BUILTIN_TEMPLATE: &str = include_str!("../../../templates/review.md.j2");

/// The brief for a case-file review session with experts and embassy counsellors:
/// relationship, representatives, facilitators and contacts, readiness with evidence, the
/// unmet requirements as questions, open actions, opportunities, past reviews, recent
/// interactions. No e-mail or phone unless `--include-contacts`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat report review barcelona\n  diplomat report review فلورانس --lang fa --calendar jalali -o florence.html"
)]
pub struct ReviewArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    #[command(flatten)]
    output: Output,
}

impl ReviewArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let format = super::format(ctx, self.output.output.as_deref(), &[])?;
        let mut ws = ctx.load()?;
        if self.output.include_contacts {
            let path = cities::find_in(&ws, &self.city)?.path.clone();
            crate::cli::keys::reveal(ctx, &mut ws, Some(&path))?;
        }
        let dossier = &cities::find_in(&ws, &self.city)?.dossier;
        let data = brief::build(dossier, self.output.include_contacts, ctx.today);
        let setting = super::setting(ctx, &ws);
        let text = match format {
            Format::Json => render::json(&data)?,
            _ => {
                let template = ("review.md.j2", BUILTIN_TEMPLATE);
                let markdown = self.output.markdown(ctx, &ws, template, &data, &setting)?;
                let lang = setting.lang;
                let label = render::labels::label(lang, "review_title");
                let title = format!("{} — {label}", dossier.name.shown(lang));
                let mail = Mail::text(&title, &markdown, lang);
                self.output.emit_report(ctx, &ws, format, mail)?;
                return Ok(Outcome::Ok);
            }
        };
        self.output.emit(ctx, &text)?;
        Ok(Outcome::Ok)
    }
}
