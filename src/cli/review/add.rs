use clap::Args;

use crate::cli::write::{self, Target};
use crate::cli::{Ctx, Outcome};
use crate::edit::{self, MapBuilder};
use crate::error::Result;
use crate::model::Review;

/// Record a case-file review session with experts and embassy counsellors.
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  diplomat review add barcelona --date 1405/08/19 --participant es-embassy-commercial --outcome \"Gaps: investment readiness, branding\""
)]
pub struct AddArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    /// When the session took place.
    #[arg(long, value_name = "DATE")]
    date: String,
    /// Who took part: a person id or a name (repeatable).
    #[arg(long = "participant", value_name = "P")]
    participants: Vec<String>,
    /// What the session decided.
    #[arg(long, value_name = "TEXT")]
    outcome: String,
}

impl AddArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let Target {
            root,
            path,
            slug,
            lang,
        } = write::target(ctx, &self.city)?;
        let review = Review {
            date: write::date(ctx, &self.date, "--date")?,
            participants: write::lines(self.participants, "--participant")?,
            outcome: write::non_empty(&self.outcome, "--outcome")?,
        };
        let date = review.date;
        let doubt = write::doubt(ctx, "--date", &self.date, date, write::Doubt::Future);
        edit::change(&root, &path, lang, |draft| {
            let item = MapBuilder::new()
                .plain("date", &review.date.to_string())
                .list("participants", &review.participants)
                .text("outcome", &review.outcome)
                .build();
            let dates: Vec<_> = draft.dossier.reviews.iter().map(|r| r.date).collect();
            let at = draft.insert_dated("reviews", &dates, date, item)?;
            draft.dossier.reviews.insert(at, review);
            Ok(())
        })?;
        write::warn_doubts(ctx, [doubt]);
        write::done(ctx, |lang: crate::lang::Lang| {
            let shown = write::said_date(ctx, &root, date, lang);
            let slug = lang.code(&slug);
            say!(
                lang,
                "recorded the review of {shown} in {slug}",
                "جلسهٔ بررسی {shown} در {slug} ثبت شد"
            )
        });
        write::commit(ctx, &root, &[&path], &format!("{slug}: review {date}"))?;
        Ok(Outcome::Ok)
    }
}
