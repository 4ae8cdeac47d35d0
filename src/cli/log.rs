use clap::Args;

use super::write::{self, Target};
use super::{Ctx, Outcome};
use crate::edit::{self, MapBuilder};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::model::Interaction;
use crate::model::vocab::InteractionKind;

/// Record an interaction: a meeting, letter, call, visit or event, in date order in `interactions`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat log barcelona \"Video call with the commercial counsellor\" --kind call --with es-embassy-commercial\n  diplomat log florence \"Letter to the mayor\" --kind letter --date 1405/09/05"
)]
pub struct LogArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    /// What happened, in one line.
    title: String,
    /// What kind of interaction.
    #[arg(long, value_enum, default_value_t = InteractionKind::Meeting)]
    kind: InteractionKind,
    /// When (default today): 2026-11-26, 1405/09/05, ۱۴۰۵/۰۹/۰۵, yesterday.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// A facilitator or contact id who took part (repeatable).
    #[arg(long = "with", value_name = "ID")]
    with: Vec<String>,
    /// Longer notes; several lines are kept as a `|` block.
    #[arg(long, value_name = "TEXT")]
    summary: Option<String>,
}

impl LogArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let Target {
            root,
            path,
            slug,
            lang,
        } = write::target(ctx, &self.city)?;
        let summary = match &self.summary {
            Some(text) => Some(write::free_text(text, "--summary")?),
            None => None,
        };
        let interaction = Interaction {
            date: write::opt_date(ctx, self.date.as_deref(), "--date")?.unwrap_or(ctx.today),
            kind: self.kind,
            title: write::non_empty(&self.title, "the title")?,
            with: write::lines(self.with, "--with")?,
            summary: summary.filter(|s| !s.trim().is_empty()),
        };
        let doubt = self.date.as_deref().and_then(|given| {
            write::doubt(ctx, "--date", given, interaction.date, write::Doubt::Future)
        });
        let shown = interaction.clone();
        edit::change(&root, &path, lang, |draft| {
            let known: Vec<&str> = draft
                .dossier
                .facilitators
                .iter()
                .map(|f| f.id.as_str())
                .chain(draft.dossier.contacts.iter().map(|c| c.id.as_str()))
                .collect();
            if let Some(unknown) = interaction
                .with
                .iter()
                .find(|id| !known.contains(&id.as_str()))
            {
                let near = crate::text::suggest(unknown, known.iter().copied(), 1);
                return Err(Error::usage(|lang: Lang| {
                    let (unknown, slug) = (lang.code(unknown), lang.code(&slug));
                    say!(
                        lang,
                        "{unknown} is not a facilitator or contact of {slug}",
                        "{unknown} تسهیل‌گر یا طرف تماس {slug} نیست"
                    )
                })
                .did_you_mean(near));
            }
            let item = MapBuilder::new()
                .plain("date", &interaction.date.to_string())
                .plain("kind", interaction.kind.slug())
                .text("title", &interaction.title)
                .list("with", &interaction.with)
                .opt_text("summary", interaction.summary.as_deref())
                .build();
            let dates: Vec<_> = draft.dossier.interactions.iter().map(|i| i.date).collect();
            let at = draft.insert_dated("interactions", &dates, interaction.date, item)?;
            draft.dossier.interactions.insert(at, interaction);
            Ok(())
        })?;
        write::warn_doubts(ctx, [doubt]);
        write::done(ctx, |lang: Lang| {
            let date = write::said_date(ctx, &root, shown.date, lang);
            let (title, slug) = (lang.code(&shown.title), lang.code(&slug));
            match lang {
                Lang::En => {
                    format!("logged {} {title} on {date} in {slug}", shown.kind)
                }
                Lang::Fa => format!(
                    "{} {title} به تاریخ {date} در {slug} ثبت شد",
                    shown.kind.label(lang)
                ),
            }
        });
        write::commit(
            ctx,
            &root,
            &[&path],
            &format!("{slug}: log {} {}", shown.kind, write::quoted(&shown.title)),
        )?;
        Ok(Outcome::Ok)
    }
}
