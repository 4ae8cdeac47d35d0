use std::borrow::Cow;
use std::path::{Path, PathBuf};

use clap::Args;
use serde::Serialize;

use super::{Ctx, Outcome};
use crate::change::candidate;
use crate::crypto;
use crate::error::{Error, Op, Result};
use crate::i18n::Lang;
use crate::model::read::{self, Reader};
use crate::problem::Problem;
use crate::query::checklist::Checklist;
use crate::query::facilitators;
use crate::render::{self, Format};
use crate::text::strip_isolates;
use crate::workspace;

/// Check dossiers against the schema and the dossier rules.
///
/// With no PATH, every dossier of the workspace, its `diplomat.yaml`, its checklist template
/// and its pool (`pool.yaml`: also that every interest names a city, and that no candidate is
/// a facilitator of a city already). Every problem is shown with `file:line:column`. Exits 1 when any is found.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat validate\n  diplomat validate cities/barcelona.yaml\n  diplomat validate --format json"
)]
pub struct ValidateArgs {
    /// Dossier files or folders to check, or `pool.yaml` (default: the whole workspace).
    paths: Vec<PathBuf>,
}

#[derive(Serialize)]
struct ProblemView<'a> {
    /// `error` (the file breaks a rule) or `warning` (dossiers disagree; nothing is broken).
    severity: &'static str,
    file: String,
    line: Option<u32>,
    column: Option<u32>,
    message: Cow<'a, str>,
    help: Option<Cow<'a, str>>,
}

impl ValidateArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let format = ctx.global.format.unwrap_or(Format::Table);
        render::check_record_format(format)?;
        let (checked, problems, warnings) = if self.paths.is_empty() {
            self.whole_workspace(ctx)?
        } else {
            // With encryption on (in the workspace around them), plain details are refused.
            let root = ctx.root().ok();
            let encrypted = root.as_deref().is_some_and(crypto::is_on);
            let (checked, problems) =
                self.named_files(root.as_deref(), ctx.messages(), encrypted)?;
            (checked, problems, Vec::new())
        };
        let text = match format {
            Format::Json | Format::Yaml => {
                let views: Vec<ProblemView> = problems
                    .iter()
                    .map(|p| ("error", p))
                    .chain(warnings.iter().map(|w| ("warning", w)))
                    .map(|(severity, p)| ProblemView {
                        severity,
                        file: p.file.display().to_string(),
                        line: p.loc.map(|l| l.line),
                        column: p.loc.map(|l| l.column),
                        message: strip_isolates(&p.message),
                        help: p.help.as_deref().map(strip_isolates),
                    })
                    .collect();
                if format == Format::Json {
                    render::json(&views)?
                } else {
                    render::yaml(&views)?
                }
            }
            _ => {
                let lang = ctx.messages();
                let (error, warning) = (lang.pick("error", "خطا"), lang.pick("warning", "هشدار"));
                let mut out = String::new();
                for p in &problems {
                    out.push_str(&format!("{error}: {}\n\n", p.show(lang)));
                }
                for w in &warnings {
                    out.push_str(&format!("{warning}: {}\n\n", w.show(lang)));
                }
                let files: std::collections::BTreeSet<&Path> =
                    problems.iter().map(|p| p.file.as_path()).collect();
                out.push_str(&summary(lang, problems.len(), files.len(), checked));
                out.push('\n');
                out
            }
        };
        ctx.write(&text)?;
        Ok(if problems.is_empty() {
            Outcome::Ok
        } else {
            Outcome::Findings
        })
    }

    /// Every dossier, the settings and the checklist; and, as warnings, people described
    /// differently in two dossiers (the same id is the same person).
    fn whole_workspace(&self, ctx: &mut Ctx) -> Result<(usize, Vec<Problem>, Vec<Problem>)> {
        let root = ctx.root()?;
        let mut problems = Vec::new();
        let mut warnings = Vec::new();
        let mut checked = 0;
        let lang = ctx.messages();
        match workspace::load(&root, &ctx.load_options()) {
            Ok(ws) => {
                checked += ws.dossiers.len() + ws.broken.len();
                problems.extend(ws.all_problems().cloned());
                if crypto::is_on(&root) {
                    for loaded in &ws.dossiers {
                        problems.extend(unsealed(&root, loaded, lang));
                    }
                }
                let people = facilitators::list(
                    ws.dossiers.iter().map(|l| &l.dossier),
                    &Default::default(),
                    false,
                );
                for conflict in people.conflicts {
                    let file = PathBuf::from(workspace::CITIES_DIR)
                        .join(format!("{}.yaml", conflict.other));
                    warnings.push(Problem::new(&file, None, conflict.describe(lang)));
                }
                if let Err(Error::Problems(p)) = ctx.checklist(&ws) {
                    problems.extend(p);
                }
                if let Some(p) = pool_problems(&ws, lang) {
                    checked += 1;
                    problems.extend(p);
                }
            }
            // The settings file is broken: report it and still check every dossier.
            Err(Error::Problems(p)) => {
                problems.extend(p);
                for path in workspace::dossier_files(&root) {
                    checked += 1;
                    if let Err(broken) = workspace::load_dossier(&root, &path, lang) {
                        problems.extend(broken.problems);
                    }
                }
                if let Err(broken) = workspace::load_pool(&root, lang) {
                    checked += 1;
                    problems.extend(broken.problems);
                }
            }
            Err(other) => return Err(other),
        }
        Ok((checked, problems, warnings))
    }

    /// The files and folders named; `root`, the workspace around them if any, bounds where a
    /// link may lead, as when the whole workspace is read.
    fn named_files(
        &self,
        root: Option<&Path>,
        lang: Lang,
        encrypted: bool,
    ) -> Result<(usize, Vec<Problem>)> {
        let mut files = Vec::new();
        for path in &self.paths {
            if path.is_dir() {
                files.extend(workspace::dossier_files_in(path));
            } else if std::fs::symlink_metadata(path).is_ok() {
                // A dangling or looping link, a named pipe: there, so checked (and reported).
                files.push(path.clone());
            } else {
                return Err(Error::usage(|lang: Lang| {
                    let path = lang.code(path.display());
                    say!(lang, "{path} does not exist", "{path} وجود ندارد")
                }));
            }
        }
        let mut problems = Vec::new();
        for path in &files {
            let is_checklist = path.file_name().is_some_and(|n| n == "readiness.yaml")
                && path
                    .parent()
                    .and_then(Path::file_name)
                    .is_some_and(|n| n == workspace::TEMPLATES_DIR);
            // As a dossier is read: a link followed only within the workspace.
            let read = |problems: &mut Vec<Problem>| {
                let within = root.unwrap_or(Path::new(""));
                workspace::file::read_dossier_bytes(within, path, path, lang)
                    .map_err(|broken| problems.extend(broken.problems))
                    .ok()
            };
            if is_checklist {
                let Some(bytes) = read(&mut problems) else {
                    continue;
                };
                let text = String::from_utf8(bytes).map_err(|e| {
                    let e = std::io::Error::new(std::io::ErrorKind::InvalidData, e);
                    Error::file(Op::Read, path, &e)
                })?;
                if let Err(p) = Checklist::parse(path, &text, lang) {
                    problems.extend(p);
                }
            } else if is_pool(path) {
                let Some(bytes) = read(&mut problems) else {
                    continue;
                };
                match workspace::parse_pool(path, &bytes, lang) {
                    Ok((pool, tree)) if encrypted && crypto::has_unsealed(&pool) => {
                        problems.extend(crypto::plaintext_problems(path, &tree, lang));
                    }
                    Ok(_) => {}
                    Err(p) => problems.extend(p),
                }
            } else {
                match workspace::file::load_named(root, path, lang) {
                    Ok(loaded) if encrypted => {
                        problems.extend(unsealed(Path::new(""), &loaded, lang));
                    }
                    Ok(_) => {}
                    Err(broken) => problems.extend(broken.problems),
                }
            }
        }
        Ok((files.len(), problems))
    }
}

/// `pool.yaml` named on the command line: a file of that name that is not a dossier (one in
/// `cities/` is the dossier of a city whose slug is `pool`).
fn is_pool(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == workspace::POOL_FILE)
        && path
            .parent()
            .and_then(Path::file_name)
            .is_none_or(|n| n != workspace::CITIES_DIR)
}

/// Every problem of the workspace's pool, `None` when it has none: its own rules, those of
/// the workspace (every interest names a city; no candidate is a facilitator already), and
/// with encryption on, contact details stored in plain.
fn pool_problems(ws: &workspace::Workspace, lang: Lang) -> Option<Vec<Problem>> {
    let shown = Path::new(workspace::POOL_FILE);
    let bytes = match workspace::read_own(&ws.root, shown, lang) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return None,
        Err(problem) => return Some(vec![*problem]),
    };
    let (pool, tree) = match workspace::parse_pool(shown, &bytes, lang) {
        Ok(read) => read,
        Err(problems) => return Some(problems),
    };
    let files = workspace::dossier_files(&ws.root);
    let cities: Vec<&str> = files
        .iter()
        .filter_map(|p| p.file_stem().and_then(|s| s.to_str()))
        .collect();
    let text = String::from_utf8_lossy(&bytes);
    let mut reader = Reader::new(shown, &text, lang);
    read::pool_against_workspace(&mut reader, &tree, &cities, |id| {
        candidate::cities_serving(ws, id)
            .into_iter()
            .map(str::to_owned)
            .collect()
    });
    let mut problems = reader.problems;
    if crypto::is_on(&ws.root) && crypto::has_unsealed(&pool) {
        problems.extend(crypto::plaintext_problems(shown, &tree, lang));
    }
    Some(problems)
}

/// With encryption on: the e-mails and phones of `loaded` stored in plain (or not well formed),
/// located. The file is parsed again only when its dossier holds one.
fn unsealed(root: &Path, loaded: &workspace::Loaded, lang: Lang) -> Vec<Problem> {
    if !crypto::has_unsealed(&loaded.dossier) {
        return Vec::new();
    }
    let shown = workspace::shown_path(root, &loaded.path);
    match loaded.tree(lang) {
        Ok(tree) => crypto::plaintext_problems(&shown, &tree, lang),
        Err(Error::Problems(p)) => p,
        Err(_) => Vec::new(),
    }
}

/// "1 problem in 1 of 3 files", or "3 files valid".
fn summary(lang: Lang, problems: usize, files: usize, checked: usize) -> String {
    let (p, f, c) = (lang.num(problems), lang.num(files), lang.num(checked));
    match lang {
        Lang::En if problems == 0 => format!("{c} {} valid", plural(checked, "file", "files")),
        Lang::En => format!(
            "{p} {} in {f} of {c} files",
            plural(problems, "problem", "problems")
        ),
        Lang::Fa if problems > 0 => format!("{p} مشکل در {f} فایل از {c} فایل"),
        Lang::Fa if checked == 0 => "هیچ فایلی بررسی نشد".to_owned(),
        Lang::Fa if checked == 1 => format!("{c} فایل معتبر است"),
        Lang::Fa => format!("هر {c} فایل معتبرند"),
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
