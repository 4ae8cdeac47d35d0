use clap::Args;

use super::Source;
use crate::change::import::columns::ACTIONS;
use crate::change::import::{plan, rows, same_name};
use crate::change::{self, Entry};
use crate::cli::write;
use crate::cli::{Ctx, Outcome};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::Action;
use crate::model::vocab::{ActionStatus, Owner};

/// Add actions to a city's joint action plan from a spreadsheet or CSV file, all or nothing.
///
/// One row per action under a header row. Headers recognised (English or Persian): `title`/عنوان
/// and `owner`/مسئول (required: municipality, chamber or joint, or their Persian labels),
/// `due`/سررسید (a date), `status`/وضعیت (default open), `done`/تاریخ انجام (required for a done
/// action). Ids are made as `action add` makes them. A row whose title (folded) is already an
/// action of the city, or a row above, is skipped and listed. Otherwise as `import
/// facilitators`. Prints the ids added (with `--dry-run`, the titles).
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat import actions plan.xlsx --city barcelona --dry-run\n  diplomat import actions plan.csv --city kazan --map Deadline=due"
)]
pub struct ActionsArgs {
    #[command(flatten)]
    city: super::City,
    #[command(flatten)]
    source: Source,
}

impl ActionsArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let (ws, target) = write::load_target(ctx, &self.city.city)?;
        let (path, slug) = (target.path.clone(), target.slug.clone());
        let (sheet, columns) = self.source.read(ctx, ACTIONS)?;
        let existing = ws
            .dossiers
            .iter()
            .find(|l| l.path == path)
            .map(|l| l.dossier.actions.clone())
            .unwrap_or_default();
        let rows = rows(&sheet, &columns, ctx.today, |cells| {
            let title = cells.required("title")?;
            let owner = cells.vocab::<Owner>("owner")?.ok_or_else(|| {
                cells.locate(
                    "owner",
                    Error::usage(|lang: Lang| say!(lang, "the owner is empty", "مسئول خالی است")),
                )
            })?;
            let status = cells
                .vocab::<ActionStatus>("status")?
                .unwrap_or(ActionStatus::Open);
            let done = cells.date("done")?;
            if status == ActionStatus::Done && done.is_none() {
                return Err(cells.locate(
                    "done",
                    Error::usage(|lang: Lang| {
                        say!(
                            lang,
                            "a done action needs the date it was done",
                            "اقدام انجام‌شده تاریخ انجام می‌خواهد"
                        )
                    }),
                ));
            }
            Ok(Action {
                id: String::new(),
                title,
                owner,
                due: cells.date("due")?,
                status,
                done: done.filter(|_| status == ActionStatus::Done),
            })
        })?;
        let plan = plan(rows, |new, above| {
            existing
                .iter()
                .chain(above)
                .find(|old| same_name(&new.title, &old.title))
                .map(|old| {
                    let what = if old.id.is_empty() {
                        new.title.clone()
                    } else {
                        old.id.clone()
                    };
                    (what, ["same title".to_owned(), "عنوان یکسان".to_owned()])
                })
        });
        super::report(
            ctx,
            &sheet.place,
            &slug,
            &plan,
            self.source.dry_run,
            Entry::Action,
        );
        if self.source.dry_run {
            for a in &plan.add {
                ctx.write(&format!("{}\n", a.title))?;
            }
            return Ok(Outcome::Ok);
        }
        if plan.add.is_empty() {
            return Ok(Outcome::Ok);
        }
        let mut applied = change::action::add(&write::writer(ctx, &target), &target, plan.add)?;
        for id in &applied.value {
            ctx.write(&format!("{id}\n"))?;
        }
        let file = self.source.file.display().to_string();
        applied.message = format!("{}: import actions from {file}", target.slug);
        write::commit_applied(ctx, &applied)?;
        Ok(Outcome::Ok)
    }
}
