use clap::Args;

use super::Source;
use crate::change::import::columns::CONTACTS;
use crate::cli::{Ctx, Outcome};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::Contact;
use crate::model::vocab::ContactRole;

/// Add contacts (experts, embassy counsellors, officials) from a spreadsheet or CSV file, all
/// or nothing.
///
/// One row per person under a header row. Headers recognised (English or Persian): `id`/شناسه,
/// `name`/نام and `role`/نقش (required; a role's slug or label, e.g. `expert` or کارشناس),
/// `organization`/سازمان, `languages`/زبان‌ها, `email`/ایمیل, `phone`/تلفن. Otherwise as
/// `import facilitators`: `--map`, located errors, rows already present (same id, e-mail or
/// name) skipped and listed, `--dry-run`. Prints the ids added.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat import contacts chamber-members.xlsx --city kazan --dry-run\n  diplomat import contacts experts.csv --city florence --map Position=role"
)]
pub struct ContactsArgs {
    #[command(flatten)]
    city: super::City,
    #[command(flatten)]
    source: Source,
}

impl ContactsArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        super::import_people(ctx, &self.source, &self.city.city, CONTACTS, |cells, _| {
            let name = cells.required("name")?;
            let role = cells.vocab::<ContactRole>("role")?.ok_or_else(|| {
                cells.locate(
                    "role",
                    Error::usage(|lang: Lang| say!(lang, "the role is empty", "نقش خالی است")),
                )
            })?;
            Ok(Contact {
                id: cells.person_id(&name)?,
                name,
                role,
                organization: cells.text("organization")?,
                languages: cells.list("languages")?,
                follow_up_days: None,
                contact: cells.details()?,
            })
        })
    }
}
