//! `import facilitators|contacts|actions FILE --city CITY`: the rows of a spreadsheet or CSV
//! file added to one dossier (facilitators without `--city`: to the pool), all or nothing.
//!
//! The verbs share their options and the telling of what was added and skipped; the reading
//! of columns and cells and the duplicate rules are [`crate::change::import`]'s.

mod actions;
mod contacts;
mod facilitators;

use std::path::PathBuf;

use clap::Args;

use super::write;
use super::{Ctx, Outcome};
use crate::change::import::cells::Cells;
use crate::change::import::columns::{self, Columns, Field};
use crate::change::import::{Plan, Who, plan, rows, same_person};
use crate::change::person::{self, Person};
use crate::change::{Entry, candidate};
use crate::error::Result;
use crate::i18n::Lang;
use crate::model::Candidate;
use crate::spreadsheet::Sheet;
use crate::workspace::{self, Workspace};

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

/// `--city CITY`: the dossier to add to.
#[derive(Debug, Args)]
pub struct City {
    /// The dossier to add to (slug or any of the city's names).
    #[arg(long, value_name = "CITY", add = crate::cli::city_completer())]
    pub city: String,
}

/// Options every import takes.
#[derive(Debug, Args)]
pub struct Source {
    /// The file: `.xlsx`, `.ods` (also `.xls`, `.xlsb`) or `.csv`.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
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

impl Source {
    /// Reads the file and matches its header to `fields`. Columns no field claims are said in
    /// a note and left out.
    pub fn read(&self, ctx: &Ctx, fields: &[Field]) -> Result<(Sheet, Columns)> {
        let shown = self.file.display().to_string();
        let sheet = crate::spreadsheet::read(&self.file, &shown, self.sheet.as_deref())?;
        let (columns, ignored) = columns::match_columns(&sheet, fields, &self.map)?;
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
        Ok((sheet, columns))
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

/// `import facilitators|contacts`: each row read as a person with `read`; a person already in
/// the dossier or in a row above (same id, e-mail or name) skipped; the rest appended in one
/// write. Sealed e-mails of the dossier are opened in memory for the comparison when a row
/// has an e-mail, so a person is not added twice in an encrypted workspace.
fn import_people<P: Person + crate::change::listed::Listed<In = crate::model::Dossier>>(
    ctx: &mut Ctx,
    source: &Source,
    city: &str,
    fields: &[Field],
    mut read: impl FnMut(&Cells, &Ctx) -> Result<P>,
) -> Result<Outcome> {
    let (mut ws, target) = write::load_target(ctx, city)?;
    let (sheet, columns) = source.read(ctx, fields)?;
    let rows = rows(&sheet, &columns, ctx.today, |cells| read(cells, ctx))?;
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

/// `import facilitators FILE` without `--city`: each row a candidate of the pool; a row whose
/// id, e-mail or name is a candidate's or a facilitator's of any city already, or a row's above,
/// is skipped and listed; the rest appended to `pool.yaml` in one write ([`candidate::add`]).
/// Sealed e-mails are opened in memory for the comparison, as for a dossier.
fn import_candidates(
    ctx: &mut Ctx,
    source: &Source,
    fields: &[Field],
    mut read: impl FnMut(&Cells, &Ctx, &Workspace) -> Result<Candidate>,
) -> Result<Outcome> {
    let mut ws = ctx.load()?;
    let (sheet, columns) = source.read(ctx, fields)?;
    let rows = rows(&sheet, &columns, ctx.today, |cells| read(cells, ctx, &ws))?;
    let mut pool = workspace::load_pool(&ws.root, ctx.messages())
        .map_err(|broken| crate::error::Error::Problems(broken.problems))?
        .unwrap_or_default();
    if rows.iter().any(|(_, c)| c.contact.email.is_some()) && crate::crypto::is_on(&ws.root) {
        super::keys::reveal(ctx, &mut ws, None)?;
        super::keys::reveal_pool(ctx, &ws.root, &mut pool)?;
    }
    let serving: Vec<&crate::model::Facilitator> = ws
        .dossiers
        .iter()
        .flat_map(|l| &l.dossier.facilitators)
        .collect();
    let plan = plan(rows, |new, above| {
        let new = who(new);
        pool.candidates
            .iter()
            .chain(above)
            .map(who)
            .chain(serving.iter().map(|f| who(*f)))
            .find_map(|old| same_person(&new, &old))
    });
    let place = workspace::POOL_FILE;
    report(
        ctx,
        &sheet.place,
        place,
        &plan,
        source.dry_run,
        Entry::Candidate,
    );
    for c in &plan.add {
        ctx.write(&format!("{}\n", c.id))?;
    }
    if source.dry_run || plan.add.is_empty() {
        return Ok(Outcome::Ok);
    }
    let mut applied = candidate::add(&write::writer_at(ctx, &ws.root), &ws, plan.add)?;
    applied.message = format!("pool: import candidates from {}", source.file.display());
    write::commit_applied(ctx, &applied)?;
    Ok(Outcome::Ok)
}
