use clap::Args;

use crate::cli::write::{self, Entry};
use crate::cli::{Ctx, Outcome};
use crate::edit::fields;
use crate::edit::{self, MapBuilder};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::model::StageChange;
use crate::model::keys::opportunity;
use crate::model::vocab::{Owner, Stage};

/// Move an opportunity to another stage, or change its lead, sector or title.
///
/// A change of stage is appended to the opportunity's `history:` with its date (`--date`,
/// default today), so reports can tell when it moved; a date before the last one recorded is
/// refused.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat opportunity set barcelona o-3f9q --stage negotiating\n  diplomat opportunity set barcelona o-3f9q --stage agreed --date 1405/09/01 --lead joint"
)]
pub struct SetArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    /// The opportunity's id (as `opportunity list` shows it).
    id: String,
    #[arg(long, value_enum, value_name = "S")]
    stage: Option<Stage>,
    #[arg(long, value_enum, value_name = "O")]
    lead: Option<Owner>,
    #[arg(long, value_name = "S")]
    sector: Option<String>,
    #[arg(long, value_name = "T")]
    title: Option<String>,
    /// With `--stage`: when it moved (default today).
    #[arg(long, value_name = "DATE", requires = "stage")]
    date: Option<String>,
}

impl SetArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        if self.stage.is_none()
            && self.lead.is_none()
            && self.sector.is_none()
            && self.title.is_none()
        {
            return Err(write::nothing_to_change(&[
                "--stage", "--lead", "--sector", "--title",
            ]));
        }
        let title = self
            .title
            .as_deref()
            .map(|t| write::non_empty(t, "--title"))
            .transpose()?;
        let sector = self
            .sector
            .as_deref()
            .map(|s| write::non_empty(s, "--sector"))
            .transpose()?;
        let given = write::opt_date(ctx, self.date.as_deref(), "--date")?;
        let date = given.unwrap_or(ctx.today);
        let doubt = self
            .date
            .as_deref()
            .zip(given)
            .and_then(|(text, d)| write::doubt(ctx, "--date", text, d, write::Doubt::Future));
        let (ws, target) = write::load_target(ctx, &self.city)?;
        let id = self.id.as_str();
        if !write::holds(&ws, &target.slug, Entry::Opportunity, id) {
            return Err(write::unknown_id(&ws, &target.slug, Entry::Opportunity, id));
        }
        let slug = target.slug.as_str();
        let (changed, moved) = edit::change(&target.root, &target.path, target.lang, |draft| {
            let index = draft
                .dossier
                .opportunities
                .iter()
                .position(|o| o.id == id)
                .ok_or_else(|| Error::internal(format!("opportunity `{id}` vanished")))?;
            let map = draft
                .entry("opportunities", id)
                .ok_or_else(|| write::not_editable(&format!("opportunities[{id}]")))?;
            let o = &mut draft.dossier.opportunities[index];
            let mut changed = Vec::new();
            let mut moved = None;
            if let Some(title) = &title
                && fields::text(&map, opportunity::TITLE, &mut o.title, title)
            {
                changed.push("title");
            }
            if let Some(sector) = &sector
                && fields::text(&map, opportunity::SECTOR, &mut o.sector, sector)
            {
                changed.push("sector");
            }
            if let Some(lead) = self.lead
                && o.lead != Some(lead)
            {
                o.lead = Some(lead);
                let key = opportunity::LEAD;
                map.set_with_field_order(
                    key.name,
                    yaml_edit::ScalarValue::plain(lead.slug()),
                    key.order.iter().copied(),
                );
                changed.push("lead");
            }
            if let Some(stage) = self.stage {
                let from = o.stage;
                if fields::vocab(&map, opportunity::STAGE, &mut o.stage, stage, stage.slug()) {
                    if let Some(last) = o.history.last()
                        && last.date > date
                    {
                        return Err(before_last(id, date, last));
                    }
                    // A history begun now keeps the stage it starts from, which the file knew.
                    let before = o.history.is_empty().then_some(from);
                    let mut item = MapBuilder::new()
                        .plain("stage", stage.slug())
                        .opt_date("date", Some(date));
                    if let Some(before) = before {
                        item = item.plain("from", before.slug());
                    }
                    fields::push_history(&map, opportunity::HISTORY, item.build())?;
                    o.history.push(StageChange {
                        stage,
                        date,
                        from: before,
                    });
                    changed.push("stage");
                    moved = Some((from, stage));
                }
            }
            Ok((changed, moved))
        })?;
        if changed.is_empty() {
            write::unchanged(ctx, write::entry_named(Entry::Opportunity, id), slug);
            return Ok(Outcome::Ok);
        }
        write::warn_doubts(ctx, [doubt]);
        let list = changed.join(", ");
        let summary = match moved {
            Some((from, to)) => format!("{from} → {to} ({date})"),
            None => list.clone(),
        };
        write::done(ctx, |lang: Lang| {
            let (id, city, summary) = (lang.code(id), lang.code(slug), lang.embed(&summary));
            say!(
                lang,
                "updated opportunity {id} in {city}: {summary}",
                "فرصت {id} در {city} به‌روز شد: {summary}"
            )
        });
        let message = match moved {
            Some((from, to)) => format!("{slug}: opportunity {id} {from} → {to}"),
            None => format!("{slug}: opportunity set {id} ({list})"),
        };
        write::commit(ctx, &target.root, &[&target.path], &message)?;
        Ok(Outcome::Ok)
    }
}

/// A stage change dated before the last one recorded would put the history out of order.
fn before_last(id: &str, date: jiff::civil::Date, last: &StageChange) -> Error {
    let (stage, when) = (last.stage, last.date);
    Error::usage(move |lang: Lang| {
        let (flag, value, last) = (
            lang.code(format!("--date {date}")),
            lang.code(id),
            lang.code(format!("{stage} {when}")),
        );
        say!(
            lang,
            "{flag} is before the last stage change of {value} ({last}); nothing was written",
            "{flag} پیش از آخرین تغییر مرحلهٔ {value} ({last}) است؛ چیزی نوشته نشد"
        )
    })
}
