use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use clap::Args;
use serde::Serialize;

use super::{Ctx, Outcome};
use crate::crypto::{DataKey, Field};
use crate::error::{Error, Result};
use crate::git;
use crate::i18n::Lang;
use crate::query::cities;
use crate::query::diff::{Details, Opener, Said};
use crate::render::{self, Format};
use crate::text::visible;
use crate::workspace;

/// What changed in the dossiers, said as an analyst would say it.
///
/// "barcelona: logged call “Video call” on 2026-11-24", "barcelona: readiness.branding
/// unknown → partial", "barcelona: action a-xyz done". Compares data, not lines: a file that
/// was only reformatted has no changes. With no revision, the last commit (`HEAD`) against the
/// working folder; `REV` against the working folder; `REV..REV` between two commits.
/// A change to a person's e-mail or phone says which changed, not what they hold, unless
/// `--contacts`; an encrypted value is never printed as stored.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat diff                      # since the last commit\n  diplomat diff HEAD~3 barcelona     # Barcelona since three commits ago\n  diplomat diff main..chamber        # what the chamber's branch changed\n  diplomat diff --format json"
)]
pub struct DiffArgs {
    /// `REV[..REV]` first (optional), then cities (slug or any name); all cities when none.
    #[arg(value_name = "REV[..REV]|CITY")]
    args: Vec<String>,
    /// Show the e-mail addresses and phone numbers that changed (left out by default:
    /// facilitators are private citizens); encrypted ones opened with your identity.
    #[arg(long)]
    contacts: bool,
}

/// One change of one dossier.
#[derive(Debug, Serialize)]
pub struct Row {
    pub city: String,
    pub change: String,
}

impl DiffArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let format = ctx.global.format.unwrap_or(Format::Table);
        if !matches!(format, Format::Table | Format::Json) {
            return Err(render::not_drawn(
                "diff",
                format,
                &[Format::Table, Format::Json],
            ));
        }
        let root = ctx.root()?;
        let lang = ctx.lang;
        // Data carries dates as stored (`YYYY-MM-DD`); a reader's lines follow the calendar.
        let calendar = match format {
            Format::Json => crate::calendar::Calendar::Gregorian,
            // `--calendar`, else the workspace's `calendar:` (diff loads no dossiers for it).
            _ => ctx.calendar,
        };
        let top = git::toplevel(&root)?;
        let prefix = git::prefix(&root)?;
        let mut args = self.args.into_iter().peekable();
        let range = args.next_if(|a| a.contains("..") || git::is_commit(&root, a));
        let (old, new) = match &range {
            None => ("HEAD".to_owned(), None),
            Some(r) => match r.split_once("..") {
                Some((a, b)) => (or_head(a), Some(or_head(b))),
                None => (r.clone(), None),
            },
        };
        for rev in std::iter::once(&old).chain(new.as_ref()) {
            if !git::is_commit(&root, rev) {
                return Err(Error::usage(|lang: Lang| {
                    let rev = lang.code(rev);
                    say!(
                        lang,
                        "{rev} is not a commit of this repository",
                        "{rev} کامیتی از این مخزن نیست"
                    )
                }));
            }
        }
        let (wanted, unknown) = wanted(ctx, args.collect())?;

        let old_files = git::tree_files(&root, &old)?;
        let new_files = match &new {
            Some(rev) => git::tree_files(&root, rev)?,
            None => workspace::dossier_files(&root)
                .iter()
                .filter_map(|p| {
                    let relative = p.strip_prefix(&root).ok()?;
                    Some(format!("{prefix}{}", relative.to_string_lossy()))
                })
                .collect(),
        };
        // A name that is no dossier now counts only as a city of either side's history (one
        // deleted since, or added in the newer commit): a mistyped name is an error, not an
        // empty diff.
        for (name, error) in unknown {
            if !old_files.iter().chain(&new_files).any(|p| slug(p) == name) {
                return Err(error);
            }
        }
        // Only the files git says differ (and, against the working folder, the ones it does
        // not track): the others are not read at all.
        let changed = git::changed_files(&root, &old, new.as_deref(), false);
        let old_set: HashSet<&String> = old_files.iter().collect();
        let paths: BTreeSet<&String> = old_files
            .iter()
            .chain(&new_files)
            .filter(|p| {
                changed
                    .as_ref()
                    .is_none_or(|c| c.contains(*p) || (new.is_none() && !old_set.contains(p)))
            })
            .filter(|p| {
                wanted
                    .as_ref()
                    .is_none_or(|w| w.iter().any(|s| s == &slug(p)))
            })
            .collect();
        let side = |rev: &Option<String>, files: &[String]| -> Vec<Option<Vec<u8>>> {
            let files: HashSet<&String> = files.iter().collect();
            let present: Vec<&&String> = paths.iter().filter(|p| files.contains(*p)).collect();
            match rev {
                Some(rev) => {
                    let requests: Vec<String> =
                        present.iter().map(|p| format!("{rev}:{p}")).collect();
                    let mut blobs = git::blobs(&root, &requests).into_iter();
                    paths
                        .iter()
                        .map(|p| files.contains(*p).then(|| blobs.next().flatten()).flatten())
                        .collect()
                }
                None => paths
                    .iter()
                    .map(|p| {
                        files
                            .contains(p)
                            // Not `fs::read`: a named pipe with a dossier's name would
                            // block it; what cannot be read is absent here.
                            .then(|| workspace::file::read_limited(&top.join(p), Lang::En).ok())
                            .flatten()
                    })
                    .collect(),
            }
        };
        let before = side(&Some(old.clone()), &old_files);
        let after = side(&new, &new_files);
        // Each changed dossier's two versions read on every core.
        let pairs: Vec<(&&String, Blob, Blob)> = paths
            .iter()
            .zip(before)
            .zip(after)
            .filter(|((_, b), a)| b != a)
            .map(|((p, b), a)| (p, b, a))
            .collect();
        let key = data_key(ctx, &root, self.contacts)?;
        let open = key.as_ref().map(opener);
        let open: Option<&Opener> = open.as_ref().map(|o| o as &Opener);
        let details = match self.contacts {
            true => Details::Shown(open),
            false => Details::Hidden,
        };
        let said = Said::new(lang, calendar, details);
        let mut rows = Vec::new();
        let changes: Vec<Vec<String>> = {
            use rayon::prelude::*;
            pairs
                .par_iter()
                .map(|(_, b, a)| {
                    crate::query::diff::dossier_changes(b.as_deref(), a.as_deref(), &said)
                })
                .collect()
        };
        for ((path, _, _), changes) in pairs.iter().zip(changes) {
            for change in changes {
                rows.push(Row {
                    city: slug(path),
                    change,
                });
            }
        }
        let text = match format {
            Format::Json => {
                for row in &mut rows {
                    row.change = crate::text::strip_isolates(&row.change).into_owned();
                }
                render::json(&rows)?
            }
            // Lines for a terminal: dossier text in them, and the file's name, show their
            // controls and obey none.
            _ => rows
                .iter()
                .map(|r| {
                    // A file name is one line: its line breaks and tabs are shown too.
                    let city = visible(&r.city).replace('\n', "\\n").replace('\t', "\\t");
                    let change = visible(&r.change);
                    format!("{}: {change}\n", lang.embed(&city))
                })
                .collect(),
        };
        ctx.write(&text)?;
        Ok(Outcome::Ok)
    }
}

/// With `contacts`, the workspace's data key when it encrypts contact details (this analyst's
/// identity is then needed, as by every command that shows them); none otherwise.
pub fn data_key(ctx: &Ctx, root: &Path, contacts: bool) -> Result<Option<DataKey>> {
    if !contacts {
        return Ok(None);
    }
    super::keys::data_key(ctx, root)
}

/// What opens a sealed e-mail or phone with `key`, for [`Details::Shown`].
pub fn opener(key: &DataKey) -> impl Fn(&str, &str, &str, &str) -> Option<String> + Sync + '_ {
    move |slug, person, field, stored| {
        let field = Field::ALL.into_iter().find(|f| f.name() == field)?;
        let plain = key.open(slug, person, field, stored).ok()?;
        Some(plain.as_str().to_owned())
    }
}

/// One side of a dossier: its bytes, if it is there.
type Blob = Option<Vec<u8>>;

fn or_head(rev: &str) -> String {
    if rev.is_empty() { "HEAD" } else { rev }.to_owned()
}

fn slug(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Names no dossier answers to now, each with the error to give if the history lacks it too.
type Unknown = Vec<(String, Error)>;

/// The slugs of the cities asked for (none: every city), and among them the names no dossier
/// answers to now, each with the error to give if no version in the history has it either.
fn wanted(ctx: &mut Ctx, asked: Vec<String>) -> Result<(Option<Vec<String>>, Unknown)> {
    if asked.is_empty() {
        return Ok((None, Vec::new()));
    }
    let ws = ctx.load()?;
    let mut slugs = Vec::new();
    let mut unknown = Vec::new();
    for a in asked {
        match cities::find(&ws.dossiers, &a) {
            Ok(found) => slugs.push(found.dossier.slug.clone()),
            // A dossier that does not read now (conflict markers, most often) still has a
            // history to compare: named by its file.
            Err(e) => match cities::broken_named(&ws, &a) {
                Some(broken) => slugs.push(
                    broken
                        .path
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or(a),
                ),
                None if crate::model::read::is_slug(&a) => {
                    slugs.push(a.clone());
                    unknown.push((a, e));
                }
                None => return Err(e),
            },
        }
    }
    Ok((Some(slugs), unknown))
}
