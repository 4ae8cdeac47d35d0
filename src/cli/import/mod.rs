//! `import facilitators|contacts|actions FILE --city CITY`: the rows of a spreadsheet or CSV
//! file added to one dossier, all or nothing.
//!
//! What the verbs share lives here: the options, matching the header row to the fields (in
//! English or Persian, or by `--map COLUMN=FIELD`), reading one row's cells with the same
//! checks as the command line (each error located at its cell), and telling what was added
//! and what was skipped.

mod actions;
mod contacts;
mod facilitators;

use std::path::PathBuf;

use clap::Args;

use super::write;
use super::{Ctx, Outcome};
use crate::change::Entry;
use crate::change::person::{self, Person};
use crate::error::{Error, Result};
use crate::import::{Row, Sheet, Value};
use crate::lang::Lang;
use crate::model::ContactDetails;
use crate::model::vocab::Vocab;
use crate::text::fold;

verbs! {
    pub enum ImportCommand {
        /// Add facilitators from a sign-up sheet: one row per person.
        Facilitators(facilitators::FacilitatorsArgs),
        /// Add contacts (experts, embassy counsellors, officials): one row per person.
        Contacts(contacts::ContactsArgs),
        /// Add actions to the joint action plan: one row per action.
        Actions(actions::ActionsArgs),
    }
}

/// Options every import takes.
#[derive(Debug, Args)]
pub struct Source {
    /// The file: `.xlsx`, `.ods` (also `.xls`, `.xlsb`) or `.csv`.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The dossier to add to (slug or any of the city's names).
    #[arg(long, value_name = "CITY", add = crate::cli::city_completer())]
    pub city: String,
    /// The sheet to read (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Read the column headed COLUMN (or the column letter, e.g. `C`) as FIELD (repeatable),
    /// for headers diplomat does not recognise.
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// Say what would be added and skipped, and change nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// A field an import fills, and the headers that name it (matched after folding case,
/// Arabic/Persian letter forms, ZWNJ and spacing).
pub struct Field {
    pub name: &'static str,
    pub headers: &'static [&'static str],
    pub required: bool,
}

/// The fields both people imports read, with the same headers.
pub const ID: Field = Field {
    name: "id",
    headers: &["شناسه", "handle"],
    required: false,
};
pub const LANGUAGES: Field = Field {
    name: "languages",
    headers: &["language", "زبان‌ها", "زبان"],
    required: false,
};
pub const EMAIL: Field = Field {
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
};
pub const PHONE: Field = Field {
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
};

/// Which column holds which field.
pub struct Columns {
    fields: Vec<(&'static str, usize)>,
}

impl Source {
    /// Reads the file and matches its header to `fields`. Columns no field claims are said in
    /// a note and left out.
    pub fn read(&self, ctx: &Ctx, fields: &[Field]) -> Result<(Sheet, Columns)> {
        let shown = self.file.display().to_string();
        let sheet = crate::import::read(&self.file, &shown, self.sheet.as_deref())?;
        let mut claimed: Vec<(&'static str, usize)> = Vec::new();
        for rule in &self.map {
            let (column, field) = rule.split_once('=').ok_or_else(|| bad_map(rule))?;
            let field = fields
                .iter()
                .find(|f| fold(f.name) == fold(field.trim()))
                .ok_or_else(|| unknown_field(field.trim(), fields))?;
            let index = column_index(&sheet, column.trim()).ok_or_else(|| {
                let (column, headers) = (column.trim().to_owned(), sheet.headers.clone());
                Error::usage(move |lang: Lang| {
                    let (column, list) = (lang.code(&column), lang.code_list(&headers));
                    say!(
                        lang,
                        "--map: no column {column}; the headers are {list}",
                        "--map: ستونی به نام {column} نیست؛ سرستون‌ها: {list}"
                    )
                })
            })?;
            claimed.retain(|(name, _)| *name != field.name);
            claimed.push((field.name, index));
        }
        let mut ignored = Vec::new();
        for (index, header) in sheet.headers.iter().enumerate() {
            if header.trim().is_empty() || claimed.iter().any(|(_, i)| *i == index) {
                continue;
            }
            let folded = fold(header);
            let found = fields.iter().find(|f| {
                !claimed.iter().any(|(name, _)| *name == f.name)
                    && (fold(f.name) == folded || f.headers.iter().any(|h| fold(h) == folded))
            });
            match found {
                Some(field) => claimed.push((field.name, index)),
                None => ignored.push(header.clone()),
            }
        }
        let missing: Vec<&str> = fields
            .iter()
            .filter(|f| f.required && !claimed.iter().any(|(name, _)| *name == f.name))
            .map(|f| f.name)
            .collect();
        if !missing.is_empty() {
            let place = format!("{}!{}", sheet.place, sheet.header_row);
            let (missing, headers) = (
                missing.iter().map(|m| (*m).to_owned()).collect::<Vec<_>>(),
                sheet.headers.clone(),
            );
            return Err(Error::usage(move |lang: Lang| {
                let (place, missing, headers) = (
                    lang.code(&place),
                    lang.code_list(&missing),
                    lang.code_list(&headers),
                );
                let map = lang.code("--map COLUMN=FIELD");
                say!(
                    lang,
                    "{place}: no column for {missing} (the headers are {headers}); name one with {map}",
                    "{place}: ستونی برای {missing} نیست (سرستون‌ها: {headers})؛ با {map} یکی را نام ببرید"
                )
            }));
        }
        if !ignored.is_empty() {
            ctx.note(|lang: Lang| {
                let list = lang.code_list(&ignored);
                say!(
                    lang,
                    "columns left out (no field of this import): {list}",
                    "ستون‌های کنار گذاشته (فیلدی از این ورود نیستند): {list}"
                )
            });
        }
        Ok((sheet, Columns { fields: claimed }))
    }
}

/// A column by its header (folded) or its letter.
fn column_index(sheet: &Sheet, column: &str) -> Option<usize> {
    let folded = fold(column);
    sheet
        .headers
        .iter()
        .position(|h| fold(h) == folded)
        .or_else(|| {
            (0..sheet.headers.len().max(26)).find(|i| {
                u32::try_from(*i).is_ok_and(|i| {
                    crate::import::column_letters(sheet.first_column + i)
                        .eq_ignore_ascii_case(column)
                })
            })
        })
}

fn bad_map(rule: &str) -> Error {
    let rule = rule.to_owned();
    Error::usage(move |lang: Lang| {
        let (rule, eg) = (lang.code(&rule), lang.code("--map \"Full name=name\""));
        say!(
            lang,
            "--map {rule}: write COLUMN=FIELD, e.g. {eg}",
            "--map {rule}: به شکل COLUMN=FIELD بنویسید، مثلاً {eg}"
        )
    })
}

fn unknown_field(field: &str, fields: &[Field]) -> Error {
    let field = field.to_owned();
    let known: Vec<&str> = fields.iter().map(|f| f.name).collect();
    Error::usage(move |lang: Lang| {
        let (field, known) = (lang.code(&field), lang.code_list(&known));
        say!(
            lang,
            "--map: {field} is not a field of this import; the fields are {known}",
            "--map: {field} فیلدی از این ورود نیست؛ فیلدها: {known}"
        )
    })
}

/// One row's cells, read with the command line's checks; every error names the cell.
pub struct Cells<'a> {
    pub sheet: &'a Sheet,
    pub row: &'a Row,
    pub columns: &'a Columns,
}

impl Cells<'_> {
    fn index(&self, field: &str) -> Option<usize> {
        self.columns
            .fields
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, i)| *i)
    }

    fn value(&self, field: &str) -> (&Value, String) {
        match self.index(field) {
            Some(i) => (
                self.row.cells.get(i).unwrap_or(&Value::Empty),
                self.header(i),
            ),
            None => (&Value::Empty, field.to_owned()),
        }
    }

    fn header(&self, i: usize) -> String {
        self.sheet.headers.get(i).cloned().unwrap_or_default()
    }

    /// `signup.xlsx:Sheet1!C7`, the cell of `field` in this row.
    pub fn place(&self, field: &str) -> String {
        let column = self.index(field).unwrap_or(0);
        self.sheet.cell(self.row.number, column)
    }

    /// `err` said at the cell of `field`.
    pub fn locate(&self, field: &str, err: Error) -> Error {
        write::located(&self.place(field), err)
    }

    /// One line of text, trimmed; none when the cell is empty. The `'` our CSV export puts
    /// before a text a spreadsheet would run as a formula (`'+98 913 …`) is taken off again
    /// ([`crate::render::csv::unguard`]), from a CSV file or a workbook saved from one.
    pub fn text(&self, field: &str) -> Result<Option<String>> {
        let (value, header) = self.value(field);
        let text = value
            .text()
            .map(|t| crate::render::csv::unguard(&t).to_owned());
        write::opt_line(text, &header).map_err(|e| self.locate(field, e))
    }

    /// A required text: an empty cell is an error.
    pub fn required(&self, field: &str) -> Result<String> {
        let (_, header) = self.value(field);
        match self.text(field)? {
            Some(text) => Ok(text),
            None => Err(self.locate(
                field,
                Error::usage(move |lang: Lang| {
                    let header = lang.code(&header);
                    say!(lang, "{header} is empty", "{header} خالی است")
                }),
            )),
        }
    }

    /// A list cell: items split on `;`, `,` or the Persian comma `،`.
    pub fn list(&self, field: &str) -> Result<Vec<String>> {
        Ok(self
            .text(field)?
            .map(|text| {
                text.split([';', ',', '،', '؛'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default())
    }

    /// A date: a spreadsheet date, an Excel serial number, or text read as on the command line
    /// (Gregorian or Solar Hijri, Persian or ASCII digits).
    pub fn date(&self, ctx: &Ctx, field: &str) -> Result<Option<jiff::civil::Date>> {
        let (value, header) = self.value(field);
        match value {
            Value::Empty => Ok(None),
            Value::Date(d) => Ok(Some(*d)),
            Value::Number(n) => match crate::import::serial_date(*n) {
                Some(d) if *n >= 2.0 => Ok(Some(d)),
                _ => Err(self.locate(field, not_a_date(&header, &n.to_string()))),
            },
            Value::Text(t) => write::date(ctx, t, &header)
                .map(Some)
                .map_err(|e| self.locate(field, e)),
        }
    }

    /// A value of the vocabulary: its slug, or its English or Persian label.
    pub fn vocab<T: Vocab + Labelled>(&self, field: &str) -> Result<Option<T>> {
        let Some(text) = self.text(field)? else {
            return Ok(None);
        };
        let folded = fold(&text);
        let found = T::all().iter().copied().find(|v| {
            let (slug, en, fa) = v.names();
            [slug, en, fa].iter().any(|n| fold(n) == folded)
                || fold(&slug.replace('-', " ")) == folded
        });
        match found {
            Some(v) => Ok(Some(v)),
            None => {
                let (header, slugs) = (self.value(field).1, T::all_slugs());
                Err(self.locate(
                    field,
                    Error::usage(move |lang: Lang| {
                        let (header, value, list) =
                            (lang.code(&header), lang.code(&text), lang.code_list(slugs));
                        say!(
                            lang,
                            "{header}: {value} is not one of {list}",
                            "{header}: {value} یکی از {list} نیست"
                        )
                    }),
                ))
            }
        }
    }

    /// An e-mail address, by the rule `--email` follows too ([`write::email_address`]).
    pub fn email(&self, field: &str) -> Result<Option<String>> {
        self.text(field)?
            .map(|text| write::email_address(&text).map_err(|e| self.locate(field, e)))
            .transpose()
    }

    /// A person's id: the `id` cell, else made from `name`; an error at the cell it came from.
    pub fn person_id(&self, name: &str) -> Result<String> {
        let given = self.text("id")?;
        write::person_id(given.as_deref(), name)
            .map_err(|e| self.locate(if given.is_some() { "id" } else { "name" }, e))
    }

    /// The `email` and `phone` cells.
    pub fn details(&self) -> Result<ContactDetails> {
        Ok(ContactDetails {
            email: self.email("email")?,
            phone: self.phone("phone")?,
        })
    }

    /// A phone number, as text, its digits in ASCII (a sheet may hold Persian digits), as
    /// `--phone` is read ([`write::phone_number`]).
    pub fn phone(&self, field: &str) -> Result<Option<String>> {
        Ok(self.text(field)?.map(|t| write::phone_number(&t)))
    }
}

fn not_a_date(header: &str, value: &str) -> Error {
    let (header, value) = (header.to_owned(), value.to_owned());
    Error::usage(move |lang: Lang| {
        let (header, value) = (lang.code(&header), lang.code(&value));
        say!(
            lang,
            "{header}: {value} is not a date",
            "{header}: {value} تاریخ نیست"
        )
    })
}

/// The vocabularies an import reads, with their names to match.
pub trait Labelled: Sized + 'static {
    fn all() -> &'static [Self];
    fn names(self) -> (&'static str, &'static str, &'static str);
}

macro_rules! labelled {
    ($($t:ty),*) => {$(
        impl Labelled for $t {
            fn all() -> &'static [Self] {
                Self::ALL
            }
            fn names(self) -> (&'static str, &'static str, &'static str) {
                (self.slug(), self.label(Lang::En), self.label(Lang::Fa))
            }
        }
    )*};
}

labelled!(
    crate::model::vocab::FacilitatorStatus,
    crate::model::vocab::ContactRole,
    crate::model::vocab::Owner,
    crate::model::vocab::ActionStatus
);

/// What an import found: the rows to add and the rows skipped, and how to say them.
pub struct Plan<T> {
    pub add: Vec<T>,
    /// Row number, what it names, and why it was skipped (in both languages).
    pub skipped: Vec<(u32, String, [String; 2])>,
}

impl<T> Default for Plan<T> {
    fn default() -> Self {
        Plan {
            add: Vec::new(),
            skipped: Vec::new(),
        }
    }
}

/// Says the skipped rows and what was (or would be) added, on stderr.
pub fn report<T>(ctx: &Ctx, place: &str, slug: &str, plan: &Plan<T>, dry_run: bool, entry: Entry) {
    for (row, what, why) in &plan.skipped {
        let (place, what, why) = (format!("{place}!{row}:{row}"), what.clone(), why.clone());
        ctx.note(move |lang: Lang| {
            let (place, what) = (lang.code(&place), lang.code(&what));
            let why = &why[lang as usize];
            say!(
                lang,
                "{place}: skipped {what}, already present ({why})",
                "{place}: {what} کنار گذاشته شد، از پیش هست ({why})"
            )
        });
    }
    let n = plan.add.len();
    let skipped = plan.skipped.len();
    let slug = slug.to_owned();
    ctx.note(move |lang: Lang| {
        let (what, slug, s) = (entry.count(lang, n), lang.code(&slug), lang.num(skipped));
        match (dry_run, lang) {
            (true, Lang::En) => format!(
                "would add {what} to {slug}, skip {s} already present; nothing written (--dry-run)"
            ),
            (true, Lang::Fa) => format!(
                "{what} به {slug} افزوده می‌شد و {s} ردیف تکراری کنار گذاشته می‌شد؛ چیزی نوشته نشد ({})",
                lang.embed("--dry-run")
            ),
            (false, Lang::En) => format!("added {what} to {slug}, skipped {s} already present"),
            (false, Lang::Fa) => {
                format!("{what} به {slug} افزوده شد و {s} ردیف تکراری کنار گذاشته شد")
            }
        }
    });
}

/// Every row read with `read`, with its number; the first error stops the import, before
/// anything is written.
pub fn rows<T>(
    sheet: &Sheet,
    columns: &Columns,
    mut read: impl FnMut(&Cells) -> Result<T>,
) -> Result<Vec<(u32, T)>> {
    sheet
        .rows
        .iter()
        .map(|row| {
            let cells = Cells {
                sheet,
                row,
                columns,
            };
            Ok((row.number, read(&cells)?))
        })
        .collect()
}

/// The rows to add and the rows to skip: each checked against the dossier and the rows above
/// it with `present`.
pub fn plan<T>(
    rows: Vec<(u32, T)>,
    mut present: impl FnMut(&T, &[T]) -> Option<(String, [String; 2])>,
) -> Plan<T> {
    let mut plan = Plan::default();
    for (number, item) in rows {
        match present(&item, &plan.add) {
            Some((what, why)) => plan.skipped.push((number, what, why)),
            None => plan.add.push(item),
        }
    }
    plan
}

/// `import facilitators|contacts`: each row read as a person with `read`; a person already in
/// the dossier or in a row above (same id, e-mail or name) skipped; the rest appended in one
/// write. Sealed e-mails of the dossier are opened in memory for the comparison when a row
/// has an e-mail, so a person is not added twice in an encrypted workspace.
fn import_people<P: Person + crate::change::listed::Listed<In = crate::model::Dossier>>(
    ctx: &mut Ctx,
    source: &Source,
    fields: &[Field],
    mut read: impl FnMut(&Cells, &Ctx) -> Result<P>,
) -> Result<Outcome> {
    let (mut ws, target) = write::load_target(ctx, &source.city)?;
    let (sheet, columns) = source.read(ctx, fields)?;
    let rows = rows(&sheet, &columns, |cells| read(cells, ctx))?;
    let index = ws.dossiers.iter().position(|l| l.path == target.path);
    if rows.iter().any(|(_, p)| p.details().email.is_some())
        && index.is_some_and(|i| crate::crypto::has_sealed(&ws.dossiers[i].dossier))
    {
        super::keys::reveal(ctx, &mut ws, Some(&target.path))?;
    }
    let existing = index.map_or(&[][..], |i| P::list(&ws.dossiers[i].dossier));
    let plan = plan(rows, |new, above| {
        existing
            .iter()
            .chain(above)
            .find_map(|old| same_person(&who(new), &who(old)))
    });
    report(
        ctx,
        &sheet.place,
        &target.slug,
        &plan,
        source.dry_run,
        P::ENTRY,
    );
    for p in &plan.add {
        ctx.write(&format!("{}\n", p.id()))?;
    }
    if source.dry_run || plan.add.is_empty() {
        return Ok(Outcome::Ok);
    }
    let mut applied = person::add(&write::writer(ctx, &target), &target, plan.add)?;
    let (slug, key, file) = (&target.slug, P::ENTRY.key(), source.file.display());
    applied.message = format!("{slug}: import {key} from {file}");
    write::commit(ctx, &target.root, &[&target.path], &applied.message)?;
    Ok(Outcome::Ok)
}

fn who<P: Person>(p: &P) -> Who<'_> {
    Who {
        id: p.id(),
        email: p.details().email.as_deref(),
        names: p.names(),
    }
}

/// A person as the duplicate check sees them: id, e-mail and the names they go by.
pub struct Who<'a> {
    pub id: &'a str,
    pub email: Option<&'a str>,
    pub names: [Option<&'a str>; 2],
}

/// Why the person `new` is `old` already: the same id, e-mail (any case) or a name (folded);
/// the row's text for the list of skipped rows and the reason in both languages.
pub fn same_person(new: &Who, old: &Who) -> Option<(String, [String; 2])> {
    let why = if new.id == old.id {
        ["same id", "شناسهٔ یکسان"]
    } else if new
        .email
        .zip(old.email)
        .is_some_and(|(a, b)| a.eq_ignore_ascii_case(b))
    {
        ["same e-mail", "ایمیل یکسان"]
    } else if new
        .names
        .iter()
        .zip(&old.names)
        .any(|(a, b)| a.zip(*b).is_some_and(|(a, b)| same_name(a, b)))
    {
        ["same name", "نام یکسان"]
    } else {
        return None;
    };
    let name = new.names[0].unwrap_or(new.id);
    Some((format!("{name} = {}", old.id), why.map(str::to_owned)))
}

/// Two names for the same person, after folding case, letter forms and spacing.
pub fn same_name(a: &str, b: &str) -> bool {
    let a = fold(a);
    !a.is_empty() && a == fold(b)
}
