//! `city list` rows and finding a city by any of its names.

use jiff::civil::Date;
use serde::Serialize;

use super::checklist::{Checklist, Context};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::vocab::RelationStatus;
use crate::model::{Dossier, Names, PartialDate};
use crate::text::{fold, lookup_key, suggest};
use crate::workspace::{self, Broken, Loaded, Workspace};

/// One row of `city list`; its JSON shape is fixed by the spec.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CityRow {
    pub slug: String,
    pub name: Names,
    pub country: String,
    pub status: RelationStatus,
    pub signed: Option<PartialDate>,
    pub readiness: Score,
    pub active_facilitators: usize,
    pub last_contact: Option<Date>,
    pub open_actions: usize,
    pub overdue_actions: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Score {
    pub met: usize,
    pub total: usize,
}

#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub status: Option<RelationStatus>,
    pub country: Option<String>,
    pub sector: Option<String>,
}

impl Filter {
    pub fn keeps(&self, d: &Dossier) -> bool {
        self.status.is_none_or(|s| d.relationship.status == s)
            && self
                .country
                .as_ref()
                .is_none_or(|c| d.country.eq_ignore_ascii_case(c.trim()))
            && self
                .sector
                .as_ref()
                .is_none_or(|s| d.sectors.iter().any(|x| fold(x) == fold(s)))
    }
}

pub fn rows(
    dossiers: &[Loaded],
    filter: &Filter,
    checklist: &Checklist,
    ctx: Context,
) -> Vec<CityRow> {
    dossiers
        .iter()
        .map(|l| &l.dossier)
        .filter(|d| filter.keeps(d))
        .map(|d| row(d, checklist, ctx))
        .collect()
}

/// One dossier's row.
pub fn row(d: &Dossier, checklist: &Checklist, ctx: Context) -> CityRow {
    let check = checklist.evaluate(d, ctx);
    CityRow {
        slug: d.slug.clone(),
        name: d.name.clone(),
        country: d.country.clone(),
        status: d.relationship.status,
        signed: d.relationship.signed,
        readiness: Score {
            met: check.met,
            total: check.total,
        },
        active_facilitators: d.active_facilitators(),
        last_contact: d.last_contact(ctx.today),
        open_actions: d.open_actions().count(),
        overdue_actions: d.overdue_actions(ctx.today).count(),
    }
}

/// Finds a city by slug or any of its names, folding case, diacritics, Persian/Arabic letter
/// variants, bidi controls and the ZWNJ or space between a name's parts ([`lookup_key`]), so
/// `بارسلون`, `Barcelona` and `barcelona` find the same file.
pub fn find<'a>(dossiers: &'a [Loaded], query: &str) -> Result<&'a Loaded> {
    let wanted = lookup_key(query);
    let matches = |l: &&Loaded| {
        let d = &l.dossier;
        lookup_key(&d.slug) == wanted || d.name.all().any(|n| lookup_key(n) == wanted)
    };
    if let Some(found) = dossiers.iter().find(matches) {
        return Ok(found);
    }
    let candidates: Vec<&str> = dossiers
        .iter()
        .flat_map(|l| std::iter::once(l.dossier.slug.as_str()).chain(l.dossier.name.all()))
        .collect();
    let mut near = suggest(query, candidates.iter().copied(), 6);
    // A slug and a name that fold alike are one suggestion.
    let mut seen = std::collections::HashSet::new();
    near.retain(|n| seen.insert(fold(n)));
    near.truncate(3);
    let error = Error::usage(|lang: Lang| {
        let city = lang.code(query);
        say!(
            lang,
            "no city {city} in this workspace",
            "شهری به نام {city} در این فضای کار نیست"
        )
    });
    Err(if near.is_empty() {
        error.hint(|lang: Lang| {
            let list = lang.code("diplomat city list");
            say!(
                lang,
                "{list} shows every city",
                "{list} همهٔ شهرها را نشان می‌دهد"
            )
        })
    } else {
        error.did_you_mean(near)
    })
}

/// [`find`] in a loaded workspace. A query that names a dossier which could not be read (by its
/// file name, or a name written in it) is told why, not "no city": a dossier with git's
/// conflict markers is the common case, after a merge made without the merge driver.
pub fn find_in<'a>(ws: &'a Workspace, query: &str) -> Result<&'a Loaded> {
    find(&ws.dossiers, query).map_err(|not_found| match broken_named(ws, query) {
        Some(broken) => unreadable(ws, broken, query),
        None => not_found,
    })
}

/// The dossier that could not be read that `query` names: its file name, or its `slug:` or one
/// of its names as written in the file (folded as names are).
pub fn broken_named<'w>(ws: &'w Workspace, query: &str) -> Option<&'w Broken> {
    let wanted = lookup_key(query);
    let by_stem = ws.broken.iter().find(|b| {
        b.path
            .file_stem()
            .and_then(|s| s.to_str())
            .is_some_and(|stem| lookup_key(stem) == wanted)
    });
    by_stem.or_else(|| {
        ws.broken.iter().find(|b| {
            let Ok(bytes) = workspace::file::read_limited(&b.path, Lang::En) else {
                return false;
            };
            String::from_utf8_lossy(&bytes)
                .lines()
                .filter_map(written_name)
                .any(|name| lookup_key(name) == wanted)
        })
    })
}

/// The value of a `slug:`, `en:`, `fa:` or `local:` line, as the analyst wrote it.
fn written_name(line: &str) -> Option<&str> {
    let (key, value) = line.trim_start().split_once(':')?;
    if !matches!(key, "slug" | "en" | "fa" | "local") {
        return None;
    }
    let value = value.trim();
    let value = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(value);
    (!value.is_empty()).then_some(value)
}

/// Why the city `query` names cannot be shown: git's conflict markers, or the dossier's first problem.
fn unreadable(ws: &Workspace, broken: &Broken, query: &str) -> Error {
    let shown = workspace::shown_path(&ws.root, &broken.path);
    let marked = workspace::file::read_limited(&broken.path, Lang::En)
        .map(|bytes| crate::yaml::conflict_marker_lines(&String::from_utf8_lossy(&bytes)))
        .unwrap_or_default();
    let file = shown.display().to_string();
    if !marked.is_empty() {
        return Error::input(|lang: Lang| {
            let (city, path, git) = (lang.code(query), lang.code(&file), lang.embed("git"));
            let lines = lang.join(marked.iter().map(|n| lang.num(n)));
            say!(
                lang,
                "the dossier of {city}, {path}, has unresolved {git} conflict markers (lines {lines})",
                "پروندهٔ {city}، {path}، نشانه‌های تعارض {git} حل‌نشده دارد (سطرهای {lines})"
            )
        })
        .hint(|lang: Lang| {
            let resolve = lang.code(format!("diplomat resolve {file}"));
            let validate = lang.code("diplomat validate");
            say!(
                lang,
                "{resolve} merges the two sides by structure and leaves only real conflicts; or keep the right side of each conflict by hand, delete the marker lines, then run {validate}",
                "{resolve} دو طرف را بر پایهٔ ساختار ادغام می‌کند و فقط تعارض‌های واقعی را باقی می‌گذارد؛ یا در هر تعارض طرف درست را با دست نگه دارید، سطرهای نشانه را پاک کنید، سپس {validate} را اجرا کنید"
            )
        });
    }
    let first = broken
        .problems
        .first()
        .map(|p| (p.location(), p.message.clone()));
    Error::input(|lang: Lang| {
        let (city, path) = (lang.code(query), lang.code(&file));
        match &first {
            Some((at, message)) => {
                let at = lang.embed(at);
                say!(
                    lang,
                    "the dossier of {city} cannot be read: {at}: {message}",
                    "پروندهٔ {city} خوانده نمی‌شود: {at}: {message}"
                )
            }
            None => say!(
                lang,
                "the dossier of {city}, {path}, cannot be read",
                "پروندهٔ {city}، {path}، خوانده نمی‌شود"
            ),
        }
    })
    .hint(|lang: Lang| {
        let validate = lang.code(format!("diplomat validate {file}"));
        say!(
            lang,
            "{validate} shows every problem of the file",
            "{validate} همهٔ مشکلات فایل را نشان می‌دهد"
        )
    })
}
