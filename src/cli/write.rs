//! What every write command shares: finding the dossier to change, reading typed dates, and
//! telling the analyst what changed.

use std::path::PathBuf;

use jiff::civil::Date;

use super::Ctx;
use crate::calendar;
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::query::cities;
use crate::workspace;

/// The dossier a write command changes.
pub struct Target {
    pub root: PathBuf,
    pub path: PathBuf,
    pub slug: String,
    /// The language of messages, for what the write says about the file.
    pub lang: Lang,
}

/// Finds CITY for a write. A dossier that does not read cleanly is refused with its problems,
/// even when only its file name matches, so a write never touches a broken file.
pub fn target(ctx: &mut Ctx, city: &str) -> Result<Target> {
    let root = ctx.root()?;
    let ws = workspace::load(&root, &ctx.load_options())?;
    target_in(&ws, city, ctx.messages())
}

/// [`target`] in a workspace already loaded (several cities, one load).
pub fn target_in(ws: &workspace::Workspace, city: &str, lang: Lang) -> Result<Target> {
    let not_found = match cities::find(&ws.dossiers, city) {
        Ok(found) => {
            return Ok(Target {
                root: ws.root.clone(),
                path: found.path.clone(),
                slug: found.dossier.slug.clone(),
                lang,
            });
        }
        Err(not_found) => not_found,
    };
    match broken_named(ws, city) {
        Some(b) => Err(crate::edit::refuse(
            &workspace::shown_path(&ws.root, &b.path),
            b.problems.clone(),
            lang,
        )),
        None => Err(not_found),
    }
}

/// The dossier that could not be read whose file name is `city` (folded as names are).
pub fn broken_named<'w>(ws: &'w workspace::Workspace, city: &str) -> Option<&'w workspace::Broken> {
    let wanted = crate::text::lookup_key(city);
    ws.broken.iter().find(|b| {
        b.path
            .file_stem()
            .and_then(|s| s.to_str())
            .is_some_and(|stem| crate::text::lookup_key(stem) == wanted)
    })
}

/// A date typed by the analyst: Gregorian, Solar Hijri, Persian digits, `today`. A bad one is
/// refused with its reason, in the language of messages.
pub fn date(ctx: &Ctx, text: &str, flag: &str) -> Result<Date> {
    parse_date(text, ctx.today, flag)
}

/// [`date`] for a given today (`DIPLOMAT_TODAY` is read before there is a context).
pub fn parse_date(text: &str, today: Date, flag: &str) -> Result<Date> {
    calendar::parse_user_date(text, today).map_err(|e| {
        Error::said(
            format!("{flag}: {}", e.describe(Lang::En)),
            format!("{}: {}", Lang::Fa.embed(flag), e.describe(Lang::Fa)),
        )
    })
}

pub fn opt_date(ctx: &Ctx, text: Option<&str>, flag: &str) -> Result<Option<Date>> {
    text.map(|t| date(ctx, t, flag)).transpose()
}

/// Text given on the command line must say something.
pub fn non_empty(text: &str, flag: &str) -> Result<String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(Error::usage(format!("{flag} is empty")));
    }
    Ok(trimmed.to_owned())
}

/// A person handle given with `--id` or derived from a name.
pub fn person_id(given: Option<&str>, name: &str) -> Result<String> {
    if let Some(id) = given {
        if crate::model::read::is_handle(id) {
            return Ok(id.to_owned());
        }
        return Err(Error::usage(format!(
            "`{id}` is not a valid id: use lowercase letters, digits and `-`, e.g. `maryam-rahimi`"
        )));
    }
    let folded = crate::text::fold(name);
    let id: String = folded
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if id.is_empty() {
        return Err(Error::usage(format!(
            "cannot make an id from `{name}`; give one with `--id`, e.g. `--id maryam-rahimi`"
        )));
    }
    Ok(id)
}

/// "what changed" on stderr, so stdout carries only data (e.g. a new id) for scripts.
pub fn done(ctx: &Ctx, message: &str) {
    ctx.note(message);
}

/// With `--commit` or `auto_commit: true`, commits `paths` (only them, whatever else is
/// staged) with the message `slug: change`, e.g. `barcelona: log call "Video call"`.
pub fn commit(
    ctx: &Ctx,
    root: &std::path::Path,
    paths: &[&std::path::Path],
    message: &str,
) -> Result<()> {
    let auto = workspace::load_settings(root, ctx.messages())
        .map(|s| s.auto_commit)
        .unwrap_or(false);
    if !(ctx.global.commit || auto) {
        return Ok(());
    }
    let git = |args: &[&std::ffi::OsStr]| {
        std::process::Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .output()
            .map_err(|e| format!("cannot run git: {e}"))
            .and_then(|out| {
                if out.status.success() {
                    Ok(())
                } else {
                    Err(String::from_utf8_lossy(&out.stderr).trim().to_owned())
                }
            })
    };
    let mut add: Vec<&std::ffi::OsStr> = vec!["add".as_ref(), "--".as_ref()];
    add.extend(paths.iter().map(|p| p.as_os_str()));
    let mut commit: Vec<&std::ffi::OsStr> = vec![
        "commit".as_ref(),
        "--quiet".as_ref(),
        "-m".as_ref(),
        message.as_ref(),
        "--".as_ref(),
    ];
    commit.extend(paths.iter().map(|p| p.as_os_str()));
    git(&add).and_then(|()| git(&commit)).map_err(|why| {
        Error::usage(format!(
            "the change is saved, but it could not be committed: {why}"
        ))
    })?;
    done(ctx, &format!("committed: {message}"));
    Ok(())
}

/// Quotes a title for a commit message, shortened to keep the subject line readable.
pub fn quoted(title: &str) -> String {
    let short: String = title.chars().take(50).collect();
    if short.len() < title.len() {
        format!("\"{short}…\"")
    } else {
        format!("\"{short}\"")
    }
}
