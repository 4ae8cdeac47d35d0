use clap::Args;

use super::{EMAIL, Field, ID, LANGUAGES, PHONE, Source};
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::model::Facilitator;
use crate::model::vocab::FacilitatorStatus;

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
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat import facilitators signup.xlsx --city barcelona --dry-run\n  diplomat import facilitators signup.csv --city بارسلون --map \"Full name=name\"\n  diplomat import facilitators members.ods --city kazan --sheet 1405"
)]
pub struct FacilitatorsArgs {
    #[command(flatten)]
    source: Source,
}

const FIELDS: &[Field] = &[
    ID,
    Field {
        name: "name",
        headers: &[
            "full name",
            "name (en)",
            "name_en",
            "نام",
            "نام و نام خانوادگی",
        ],
        required: true,
    },
    Field {
        name: "name_fa",
        headers: &[
            "name (fa)",
            "persian name",
            "name in persian",
            "نام فارسی",
            "نام (فارسی)",
        ],
        required: false,
    },
    LANGUAGES,
    Field {
        name: "expertise",
        headers: &["field", "fields", "تخصص", "تخصص‌ها", "زمینه"],
        required: false,
    },
    Field {
        name: "connection",
        headers: &["ارتباط", "ارتباط با شهر", "آشنایی"],
        required: false,
    },
    EMAIL,
    PHONE,
    Field {
        name: "status",
        headers: &["وضعیت"],
        required: false,
    },
    Field {
        name: "since",
        headers: &["date", "joined", "تاریخ", "از تاریخ", "از"],
        required: false,
    },
];

impl FacilitatorsArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        super::import_people(ctx, &self.source, FIELDS, |cells, ctx| {
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
                since: Some(cells.date(ctx, "since")?.unwrap_or(ctx.today)),
                contact: cells.details()?,
            })
        })
    }
}
