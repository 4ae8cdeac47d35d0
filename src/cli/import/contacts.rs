use clap::Args;

use super::{Cells, Field, Source};
use crate::cli::write::{self, Target};
use crate::cli::{Ctx, Outcome};
use crate::edit::{self, MapBuilder};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::model::vocab::ContactRole;
use crate::model::{Contact, ContactDetails};

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
        headers: &["full name", "نام", "نام و نام خانوادگی"],
        required: true,
    },
    Field {
        name: "role",
        headers: &["نقش", "سمت"],
        required: true,
    },
    Field {
        name: "organization",
        headers: &["organisation", "company", "سازمان", "شرکت"],
        required: false,
    },
    Field {
        name: "languages",
        headers: &["language", "زبان‌ها", "زبان"],
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
];

impl ContactsArgs {
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
            .map(|l| l.dossier.contacts.clone())
            .unwrap_or_default();
        let plan = super::plan(
            &sheet,
            |row| {
                let cells = Cells {
                    sheet: &sheet,
                    row,
                    columns: &columns,
                };
                let name = cells.required("name")?;
                let given = cells.text("id")?;
                let id = write::person_id(given.as_deref(), &name)
                    .map_err(|e| cells.locate(if given.is_some() { "id" } else { "name" }, e))?;
                let role = cells.vocab::<ContactRole>("role")?.ok_or_else(|| {
                    cells.locate(
                        "role",
                        Error::usage(|lang: Lang| say!(lang, "the role is empty", "نقش خالی است")),
                    )
                })?;
                Ok(Contact {
                    id,
                    name,
                    role,
                    organization: cells.text("organization")?,
                    languages: cells.list("languages")?,
                    contact: ContactDetails {
                        email: cells.email("email")?,
                        phone: cells.phone("phone")?,
                    },
                })
            },
            |new, above| existing.iter().chain(above).find_map(|old| same(new, old)),
        )?;
        super::report(ctx, &sheet.place, &slug, &plan, self.source.dry_run, noun);
        for c in &plan.add {
            ctx.write(&format!("{}\n", c.id))?;
        }
        if self.source.dry_run || plan.add.is_empty() {
            return Ok(Outcome::Ok);
        }
        // The data key is read under the lock this write holds until the file is replaced.
        let lock = edit::lock(&root)?;
        let mut people = plan.add;
        for c in &mut people {
            c.contact = crate::cli::keys::seal_details(
                ctx,
                &lock,
                &slug,
                &c.id,
                std::mem::take(&mut c.contact),
                None,
            )?;
        }
        edit::change_locked(&lock, &path, lang, |draft| {
            for c in people {
                if draft.dossier.contacts.iter().any(|o| o.id == c.id) {
                    let (slug, id) = (slug.clone(), c.id.clone());
                    return Err(Error::usage(move |lang: Lang| {
                        let (slug, id) = (lang.code(&slug), lang.code(&id));
                        say!(
                            lang,
                            "{slug} already has a contact {id} (added meanwhile); nothing was written",
                            "{slug} از پیش رابطی با شناسهٔ {id} دارد (در این میان افزوده شده)؛ چیزی نوشته نشد"
                        )
                    }));
                }
                let details = MapBuilder::new()
                    .opt_text("email", c.contact.email.as_deref())
                    .opt_text("phone", c.contact.phone.as_deref());
                let item = MapBuilder::new()
                    .plain("id", &c.id)
                    .text("name", &c.name)
                    .plain("role", c.role.slug())
                    .opt_text("organization", c.organization.as_deref())
                    .list("languages", &c.languages)
                    .map("contact", details)
                    .build();
                draft.append("contacts", item)?;
                draft.dossier.contacts.push(c);
            }
            Ok(())
        })?;
        drop(lock);
        let file = self.source.file.display().to_string();
        write::commit(
            ctx,
            &root,
            &[&path],
            &format!("{slug}: import contacts from {file}"),
        )?;
        Ok(Outcome::Ok)
    }
}

/// Why `new` is `old` already: the same id, e-mail or name.
fn same(new: &Contact, old: &Contact) -> Option<(String, [String; 2])> {
    fn who(p: &Contact) -> super::Who<'_> {
        super::Who {
            id: &p.id,
            email: p.contact.email.as_deref(),
            names: [Some(&p.name), None],
        }
    }
    super::same_person(&who(new), &who(old))
}

fn noun(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En if n == 1 => "1 contact".to_owned(),
        Lang::En => format!("{n} contacts"),
        Lang::Fa => format!("{} رابط", lang.num(n)),
    }
}
