use clap::Args;

use super::{Ctx, Outcome};
use crate::edit;
use crate::error::{Error, Op, Result};
use crate::i18n::Lang;
use crate::layout;
use crate::model::Pool;
use crate::problem::Problem;
use crate::workspace;

/// Put dossiers (and the pool, `pool.yaml`) in the canonical layout: UTF-8 without BOM, LF,
/// no trailing blanks, keys in schema order. Comments are kept with their entries.
///
/// With `--check`, list the files that would change (on stdout) and what would change in each
/// (a unified diff, on stderr), and exit 1 if there are any.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat fmt\n  diplomat fmt --check\n  diplomat fmt barcelona"
)]
pub struct FmtArgs {
    /// Only report; change nothing.
    #[arg(long)]
    check: bool,
    /// Cities to format (slug or any name); all, and the pool, when none are given.
    #[arg(add = crate::cli::city_completer())]
    cities: Vec<String>,
}

impl FmtArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let root = ctx.root()?;
        let lang = ctx.messages();
        let ws = workspace::load(&root, &ctx.load_options())?;
        let mut paths: Vec<_> = if self.cities.is_empty() {
            ws.dossiers.iter().map(|l| l.path.clone()).collect()
        } else {
            // A named dossier that does not read cleanly is refused with its problems.
            self.cities
                .iter()
                .map(|c| crate::change::target(&ws, c, lang).map(|t| t.path))
                .collect::<Result<_>>()?
        };
        for problem in ws.all_problems() {
            ctx.reporter.problem(problem);
        }
        // The pool too, with the whole workspace: read from inside it only, as every command
        // reads it; one that does not read cleanly is said, and left as it is.
        let pool = workspace::pool_path(&root);
        if self.cities.is_empty() {
            match workspace::load_pool(&root, lang) {
                Ok(Some(_)) => paths.push(pool.clone()),
                Ok(None) => {}
                Err(broken) => {
                    for problem in &broken.problems {
                        ctx.reporter.problem(problem);
                    }
                }
            }
        }
        let _lock = (!self.check).then(|| edit::lock(&root)).transpose()?;
        let mut changed = Vec::new();
        let mut diffs = Vec::new();
        let mut failed: Vec<Problem> = Vec::new();
        for path in &paths {
            let shown = workspace::shown_path(&root, path);
            let bytes = std::fs::read(path).map_err(|e| Error::file(Op::Read, &shown, &e))?;
            let formatted = if *path == pool {
                layout::canonical_document::<Pool>(&shown, &bytes, lang)
            } else {
                layout::canonical_with_note(&shown, &bytes, lang)
            }
            .map(|(out, note)| {
                failed.extend(note);
                out
            });
            match formatted {
                Ok(out) if out != bytes => {
                    if self.check {
                        diffs.push(layout::unified_diff(&shown, &bytes, &out));
                    } else {
                        edit::write_atomic(path, &out)?;
                    }
                    changed.push(shown);
                }
                Ok(_) => {}
                Err(problems) => failed.extend(problems),
            }
        }
        for shown in &changed {
            ctx.write(&format!("{}\n", shown.display()))?;
        }
        // The file names are the result, for scripts; what would change is for the analyst.
        for diff in &diffs {
            ctx.reporter.diff(diff);
        }
        if !self.check && !changed.is_empty() {
            let paths: Vec<&std::path::Path> = changed.iter().map(|p| p.as_path()).collect();
            super::write::commit(ctx, &root, &paths, "fmt: canonical layout")?;
        }
        for problem in &failed {
            ctx.reporter.problem(problem);
        }
        ctx.note(|lang: Lang| {
            let (n, of) = (lang.num(changed.len()), lang.num(paths.len()));
            match self.check {
                true => say!(
                    lang,
                    "would change {n} of {of} files",
                    "{n} فایل از {of} فایل تغییر می‌کرد"
                ),
                false => say!(
                    lang,
                    "formatted {n} of {of} files",
                    "{n} فایل از {of} فایل قالب‌بندی شد"
                ),
            }
        });
        Ok(if self.check && !changed.is_empty() {
            Outcome::Findings
        } else {
            Outcome::Ok
        })
    }
}
