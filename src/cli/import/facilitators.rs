use clap::Args;

use super::{Cells, Field, Source};
use crate::cli::write::{self, Target};
use crate::cli::{Ctx, Outcome};
use crate::edit::{self, MapBuilder};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::model::vocab::FacilitatorStatus;
use crate::model::{ContactDetails, Facilitator};

/// Add facilitators from a sign-up sheet (.xlsx, .ods or .csv), all or nothing.
///
/// One row per person under a header row. Headers recognised (English or Persian, any case):
/// `id`/شناسه, `name`/نام (required), `name_fa`/`name (fa)`/نام فارسی, `languages`/زبان‌ها,
/// `expertise`/تخصص, `connection`/ارتباط, `email`/ایمیل, `phone`/تلفن, `status`/وضعیت
/// (default prospective), `since`/تاریخ (default today). Other columns are left out (said on
/// stderr); `--map COLUMN=FIELD` names a column diplomat does not recognise. List cells split on
/// `;`, `,` or `،`. A row whose id, e-mail or name (folded) is already in the dossier, or in a row
/// above, is skipped and listed. A bad value stops the import at its cell
/// (`signup.xlsx:Sheet1!C7: …`, exit 2) and nothing is written. Prints the ids added.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat import facilitators signup.xlsx --city barcelona --dry-run\n  diplomat import facilitators signup.csv --city بارسلون --map \"Full name=name\"\n  diplomat import facilitators members.ods --city kazan --sheet 1405"
)]
pub struct FacilitatorsArgs {
    #[command(flatten)]
    source: Source,
}

const FIELDS: &[Field] = &[
    Field {
        name: "id",
        headers: &["شناسه", "handle"],
        required: false,
    },
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
    Field {
        name: "languages",
        headers: &["language", "زبان‌ها", "زبان"],
        required: false,
    },
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
    Field {
        name: "email",
        headers: &[
            "e-mail",
            "mail",
            "email address",
            "ایمیل",
            "رایانامه",
            "پست الکترونیک",
        ],
        required: false,
    },
    Field {
        name: "phone",
        headers: &[
            "telephone",
            "mobile",
            "phone number",
            "تلفن",
            "موبایل",
            "تلفن همراه",
            "شماره تماس",
        ],
        required: false,
    },
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
        let (
            ws,
            Target {
                root,
                path,
                slug,
                lang,
            },
        ) = write::load_target(ctx, &self.source.city)?;
        let (sheet, columns) = self.source.read(ctx, FIELDS)?;
        let existing = ws
            .dossiers
            .iter()
            .find(|l| l.path == path)
            .map(|l| l.dossier.facilitators.clone())
            .unwrap_or_default();
        let today = ctx.today;
        let plan = super::plan(
            &sheet,
            |row| {
                let cells = Cells {
                    sheet: &sheet,
                    row,
                    columns: &columns,
                };
                let name = cells.required("name")?;
                let id = write::person_id(cells.text("id")?.as_deref(), &name).map_err(|e| {
                    cells.locate(
                        if cells.text("id").ok().flatten().is_some() {
                            "id"
                        } else {
                            "name"
                        },
                        e,
                    )
                })?;
                Ok(Facilitator {
                    id,
                    name,
                    name_fa: cells.text("name_fa")?,
                    languages: cells.list("languages")?,
                    expertise: cells.list("expertise")?,
                    connection: cells.text("connection")?,
                    status: cells
                        .vocab::<FacilitatorStatus>("status")?
                        .unwrap_or(FacilitatorStatus::Prospective),
                    since: Some(cells.date(ctx, "since")?.unwrap_or(today)),
                    contact: ContactDetails {
                        email: cells.email("email")?,
                        phone: cells.phone("phone")?,
                    },
                })
            },
            |new, above| existing.iter().chain(above).find_map(|old| same(new, old)),
        )?;
        super::report(ctx, &sheet.place, &slug, &plan, self.source.dry_run, noun);
        for f in &plan.add {
            ctx.write(&format!("{}\n", f.id))?;
        }
        if self.source.dry_run || plan.add.is_empty() {
            return Ok(Outcome::Ok);
        }
        // The data key is read under the lock this write holds until the file is replaced.
        let lock = edit::lock(&root)?;
        let mut people = plan.add;
        for f in &mut people {
            f.contact = crate::cli::keys::seal_details(
                ctx,
                &lock,
                &slug,
                &f.id,
                std::mem::take(&mut f.contact),
                None,
            )?;
        }
        edit::change_locked(&lock, &path, lang, |draft| {
            for f in people {
                if let Some(old) = draft.dossier.facilitators.iter().find(|o| o.id == f.id) {
                    let (slug, id) = (slug.clone(), old.id.clone());
                    return Err(Error::usage(move |lang: Lang| {
                        let (slug, id) = (lang.code(&slug), lang.code(&id));
                        say!(
                            lang,
                            "{slug} already has a facilitator {id} (added meanwhile); nothing was written",
                            "{slug} از پیش تسهیل‌گری با شناسهٔ {id} دارد (در این میان افزوده شده)؛ چیزی نوشته نشد"
                        )
                    }));
                }
                let details = MapBuilder::new()
                    .opt_text("email", f.contact.email.as_deref())
                    .opt_text("phone", f.contact.phone.as_deref());
                let item = MapBuilder::new()
                    .plain("id", &f.id)
                    .text("name", &f.name)
                    .opt_text("name_fa", f.name_fa.as_deref())
                    .list("languages", &f.languages)
                    .list("expertise", &f.expertise)
                    .opt_text("connection", f.connection.as_deref())
                    .plain("status", f.status.slug())
                    .opt_date("since", f.since)
                    .map("contact", details)
                    .build();
                draft.append("facilitators", item)?;
                draft.dossier.facilitators.push(f);
            }
            Ok(())
        })?;
        drop(lock);
        let file = self.source.file.display().to_string();
        write::commit(
            ctx,
            &root,
            &[&path],
            &format!("{slug}: import facilitators from {file}"),
        )?;
        Ok(Outcome::Ok)
    }
}

/// Why `new` is `old` already: the same id, e-mail or name.
fn same(new: &Facilitator, old: &Facilitator) -> Option<(String, [String; 2])> {
    fn who(p: &Facilitator) -> super::Who<'_> {
        super::Who {
            id: &p.id,
            email: p.contact.email.as_deref(),
            names: [Some(&p.name), p.name_fa.as_deref()],
        }
    }
    super::same_person(&who(new), &who(old))
}

fn noun(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En if n == 1 => "1 facilitator".to_owned(),
        Lang::En => format!("{n} facilitators"),
        Lang::Fa => format!("{} تسهیل‌گر", lang.num(n)),
    }
}
