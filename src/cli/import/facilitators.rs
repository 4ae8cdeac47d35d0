use clap::Args;

use super::Source;
use crate::change::import::columns::{CANDIDATES, FACILITATORS, Field};
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::model::vocab::FacilitatorStatus;
use crate::model::{Candidate, Facilitator};
use crate::query::cities;

/// Add facilitators from a sign-up sheet (.xlsx, .ods or .csv), all or nothing.
///
/// One row per person under a header row. Headers recognised (English or Persian, any case):
/// `id`/شناسه, `name`/نام (required), `name_fa`/`name (fa)`/نام فارسی, `languages`/زبان‌ها,
/// `expertise`/تخصص, `connection`/ارتباط, `email`/ایمیل, `phone`/تلفن, `status`/وضعیت
/// (default prospective), `since`/تاریخ (default today). Other columns are left out (said on
/// stderr); `--map COLUMN=FIELD` names a column diplomat does not recognise. List cells split on
/// `;`, `,` or `،`. A row whose id, e-mail or name (folded) is already in the dossier, or in a row
/// above, is skipped and listed (in an encrypted workspace the dossier's sealed e-mails are
/// opened in memory for this, so a sheet with e-mails needs your identity, even with
/// `--dry-run`). A bad value stops the import at its cell (`signup.xlsx:Sheet1!C7: …`, exit 2)
/// and nothing is written. Prints the ids added.
///
/// Without `--city` the rows go to the pool of candidates (`pool.yaml`), with three more columns:
/// `cities`/شهرها (the cities they asked for, by any of their names), `source`/منبع (default the
/// file's name) and `notes`/یادداشت; `since` is the day they signed up. A row whose person is a
/// candidate already, or a facilitator of any city, is skipped and listed.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat import facilitators signup.xlsx --city barcelona --dry-run\n  diplomat import facilitators signup.csv --city بارسلون --map \"Full name=name\"\n  diplomat import facilitators members.ods --city kazan --sheet 1405\n  diplomat import facilitators chamber-signup.xlsx"
)]
pub struct FacilitatorsArgs {
    /// The dossier to add to (slug or any of the city's names); without it, the pool of
    /// candidates (`pool.yaml`).
    #[arg(long, value_name = "CITY", add = crate::cli::city_completer())]
    city: Option<String>,
    #[command(flatten)]
    source: Source,
}

impl FacilitatorsArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let Some(city) = self.city.clone() else {
            return self.into_pool(ctx);
        };
        super::import_people(ctx, &self.source, &city, FACILITATORS, |cells, ctx| {
            let name = cells.required("name")?;
            Ok(Facilitator {
                id: cells.person_id(&name)?,
                name,
                name_fa: cells.text("name_fa")?,
                languages: cells.list("languages")?,
                expertise: cells.list("expertise")?,
                connection: cells.text("connection")?,
                status: cells
                    .vocab::<FacilitatorStatus>("status")?
                    .unwrap_or(FacilitatorStatus::Prospective),
                since: Some(cells.date("since")?.unwrap_or(ctx.today)),
                follow_up_days: None,
                contact: cells.details()?,
            })
        })
    }

    /// Without `--city`: the rows become candidates of the pool, the file named as their
    /// source where the sheet has no `source` column.
    fn into_pool(self, ctx: &mut Ctx) -> Result<Outcome> {
        let fields: Vec<Field> = FACILITATORS
            .iter()
            .filter(|f| f.name != "status")
            .chain(CANDIDATES)
            .cloned()
            .collect();
        let file = self
            .source
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        super::import_candidates(ctx, &self.source, &fields, |cells, ctx, ws| {
            let name = cells.required("name")?;
            let mut c = Candidate::new(&cells.person_id(&name)?, &name);
            c.name_fa = cells.text("name_fa")?;
            c.languages = cells.list("languages")?;
            c.expertise = cells.list("expertise")?;
            c.connection = cells.text("connection")?;
            c.contact = cells.details()?;
            c.signed_up = Some(cells.date("since")?.unwrap_or(ctx.today));
            c.source = cells.text("source")?.or_else(|| file.clone());
            c.notes = cells.text("notes")?;
            for named in cells.list("interests")? {
                let slug = cities::find_in(ws, &named)
                    .map_err(|e| cells.locate("interests", e))?
                    .dossier
                    .slug
                    .clone();
                if !c.interests.contains(&slug) {
                    c.interests.push(slug);
                }
            }
            Ok(c)
        })
    }
}
