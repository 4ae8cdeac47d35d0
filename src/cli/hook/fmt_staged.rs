use std::collections::BTreeSet;
use std::path::Path;

use clap::Args;

use super::{Ctx, Outcome};
use crate::edit;
use crate::error::Result;
use crate::git;
use crate::i18n::Lang;
use crate::workspace;

/// Lay out the staged dossiers as `diplomat fmt` does, where that is safe (the pre-commit hook).
///
/// The pre-commit hook runs it once the staged dossiers are valid: a valid dossier is never
/// refused for its layout. One staged whole (the working file is
/// what is staged) is rewritten in the canonical layout, in the working folder and in what
/// is committed, its data and comments as they were. One only partly staged (`git add -p`),
/// or committed by name (`git commit FILE`), is committed as it is staged, and this says so:
/// rewriting it could mix in what is not being committed.
#[derive(Debug, Args)]
#[command(after_help = "Example (what the pre-commit hook runs):\n  diplomat hook fmt-staged")]
pub struct FmtStagedArgs {}

/// A staged dossier out of the canonical layout.
struct Staged {
    path: String,
    mode: String,
    canonical: Vec<u8>,
}

impl FmtStagedArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let root = ctx.root()?;
        let lang = ctx.messages();
        let staged = staged_dossiers(&root)?;
        if staged.is_empty() {
            return Ok(Outcome::Ok);
        }
        let entries = git::staged_entries(&root, &staged)?;
        let requests: Vec<String> = entries.iter().map(|e| e.blob.clone()).collect();
        let blobs = git::blobs(&root, &requests);
        let mut out_of_layout = Vec::new();
        for (git::Entry { path, mode, .. }, bytes) in entries.iter().zip(&blobs) {
            let Some(bytes) = bytes else {
                continue;
            };
            let laid_out = if path == workspace::POOL_FILE {
                crate::layout::canonical_document::<crate::model::Pool>(
                    Path::new(path),
                    bytes,
                    lang,
                )
                .map(|(bytes, _)| bytes)
            } else {
                crate::layout::canonical(Path::new(path), bytes, lang)
            };
            match laid_out {
                Ok(canonical) if canonical != *bytes => out_of_layout.push(Staged {
                    path: path.clone(),
                    mode: mode.clone(),
                    canonical,
                }),
                Ok(_) => {}
                // Valid (the hook checked), but `fmt` cannot lay it out: committed as it is.
                Err(problems) => {
                    for problem in &problems {
                        ctx.reporter.problem(problem);
                    }
                }
            }
        }
        if out_of_layout.is_empty() {
            return Ok(Outcome::Ok);
        }
        let whole_index = commits_the_index(&root);
        let paths: Vec<&str> = out_of_layout.iter().map(|s| s.path.as_str()).collect();
        let partly: BTreeSet<String> = git::modified(&root, &paths)?.into_iter().collect();
        let _lock = edit::lock(&root)?;
        let mut rewritten = Vec::new();
        for dossier in &out_of_layout {
            if !whole_index {
                ctx.note(|lang: Lang| {
                    let shown = lang.code(&dossier.path);
                    let (commit, fmt) = (lang.code("git commit FILE"), lang.code("diplomat fmt"));
                    say!(
                        lang,
                        "{shown} is committed as it is, not in the canonical layout: a commit of named files ({commit}) is not laid out; {fmt} lays it out for the next commit",
                        "{shown} همان‌طور که هست ثبت شد، نه در چیدمان استاندارد: کامیت فایل‌های نام‌برده ({commit}) چیده نمی‌شود؛ {fmt} آن را برای کامیت بعدی می‌چیند"
                    )
                });
                continue;
            }
            if partly.contains(dossier.path.as_str()) {
                ctx.note(|lang: Lang| {
                    let shown = lang.code(&dossier.path);
                    let fmt = lang.code("diplomat fmt");
                    say!(
                        lang,
                        "{shown} is committed as it is staged, not in the canonical layout: only part of it is staged, and laying it out would mix in the rest; {fmt} lays it out for the next commit",
                        "{shown} همان‌طور که استیج شده ثبت شد، نه در چیدمان استاندارد: تنها بخشی از آن استیج شده و چیدنش بقیه را هم در کامیت می‌آورد؛ {fmt} آن را برای کامیت بعدی می‌چیند"
                    )
                });
                continue;
            }
            // A link or a submodule is committed as it is; dossiers are plain files.
            if !matches!(dossier.mode.as_str(), "100644" | "100755") {
                continue;
            }
            edit::write_atomic(&root.join(&dossier.path), &dossier.canonical)?;
            rewritten.push(dossier.path.as_str());
        }
        if rewritten.is_empty() {
            return Ok(Outcome::Ok);
        }
        git::add(&root, &rewritten)?;
        for path in rewritten {
            ctx.note(|lang: Lang| {
                let shown = lang.code(path);
                let fmt = lang.code("diplomat fmt");
                say!(
                    lang,
                    "{shown} is committed in the canonical layout, and so laid out in the working folder too ({fmt}): its data and comments are as they were",
                    "{shown} در چیدمان استاندارد ثبت شد و در پوشهٔ کار هم همین‌گونه چیده شد ({fmt}): داده‌ها و یادداشت‌هایش همان‌اند که بودند"
                )
            });
        }
        Ok(Outcome::Ok)
    }
}

/// The dossiers (and the pool) added, copied, modified or renamed in the index, relative to
/// `root`.
fn staged_dossiers(root: &Path) -> Result<Vec<String>> {
    let specs = ["cities/*.yaml", "cities/*.yml", workspace::POOL_FILE];
    Ok(git::staged_names(root, &specs)?
        .into_iter()
        .filter(|name| {
            let path = Path::new(name);
            let hidden = name.rsplit('/').next().is_none_or(|n| n.starts_with('.'));
            name == workspace::POOL_FILE
                || (path.parent() == Some(Path::new(workspace::CITIES_DIR)) && !hidden)
        })
        .collect())
}

/// Whether the commit being made is of the repository's index (`git commit`, `git commit
/// -a`), which a file added now goes into, rather than of a temporary one that git makes for
/// `git commit FILE` and drops after.
fn commits_the_index(root: &Path) -> bool {
    let Some(file) = std::env::var_os("GIT_INDEX_FILE") else {
        return true;
    };
    let Ok(dir) = git::git_dir(root) else {
        return false;
    };
    let real = |p: &Path| std::fs::canonicalize(p).ok();
    let file = real(Path::new(&file));
    file.is_some()
        && [dir.join("index"), dir.join("index.lock")]
            .iter()
            .any(|p| real(p) == file)
}
