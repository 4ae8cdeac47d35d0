use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use clap::Args;

use crate::cli::{Ctx, Outcome};
use crate::edit;
use crate::error::{Error, Op, Result};
use crate::i18n::Lang;
use crate::problem::Problem;
use crate::query::cities;
use crate::workspace;

/// Open a copy of the dossier in `$VISUAL` or `$EDITOR`; the dossier is replaced only by a
/// valid result.
///
/// On errors, they are shown and (on a terminal) you are offered to edit again, with the errors
/// as comments at the top. Work is never lost: an abandoned or invalid copy is kept and its path
/// printed. A dossier with problems can be opened too, to fix it.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat city edit barcelona\n  VISUAL=\"code --wait\" diplomat city edit بارسلون"
)]
pub struct EditArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
}

/// Marks the lines `city edit` adds at the top of a copy; they are removed before saving.
const NOTE: &str = "# diplomat: ";

impl EditArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let root = ctx.root()?;
        let lang = ctx.messages();
        let ws = workspace::load(&root, &ctx.load_options())?;
        let path = match cities::find(&ws.dossiers, &self.city) {
            Ok(found) => found.path.clone(),
            Err(not_found) => cities::broken_named(&ws, &self.city)
                .map(|b| b.path.clone())
                .ok_or(not_found)?,
        };
        let editor = editor()?;
        let shown = workspace::shown_path(&root, &path);
        // Not a plain read: the file may be one of the entries that cannot be (a named pipe
        // would block it); those are refused with what they are.
        let original = workspace::file::read_dossier_bytes(&root, &path, &shown, lang)
            .map_err(|broken| Error::problems(broken.problems))?;
        let copy = make_copy(&root, &path, &original)?;
        let mut header = String::new();
        loop {
            if !header.is_empty() {
                let body = std::fs::read(&copy).map_err(|e| keep(&copy, e))?;
                let mut text = header.clone().into_bytes();
                text.extend_from_slice(&strip_notes(&body));
                std::fs::write(&copy, text).map_err(|e| keep(&copy, e))?;
            }
            run_editor(&editor, &copy)?;
            let edited = strip_notes(&std::fs::read(&copy).map_err(|e| keep(&copy, e))?);
            if edited == original {
                let _ = std::fs::remove_file(&copy);
                ctx.note(|lang: Lang| lang.pick("no changes", "تغییری نبود").to_owned());
                return Ok(Outcome::Ok);
            }
            match workspace::parse_dossier(&shown, &edited, lang) {
                Ok(_) => {
                    // Saved as `fmt` lays it out, so the pre-commit hook takes what edit took.
                    let laid_out = crate::layout::canonical(&shown, &edited, lang)
                        .unwrap_or_else(|_| edited.clone());
                    let relaid = laid_out != edited;
                    if laid_out == original {
                        let _ = std::fs::remove_file(&copy);
                        ctx.note(|lang: Lang| lang.pick("no changes", "تغییری نبود").to_owned());
                        return Ok(Outcome::Ok);
                    }
                    let _lock = edit::lock(&root)?;
                    let now = std::fs::read(&path).unwrap_or_default();
                    if now != original {
                        return Err(Error::usage(|lang: Lang| {
                            let (file, copy) =
                                (lang.code(shown.display()), lang.code(copy.display()));
                            say!(
                                lang,
                                "{file} changed while you were editing; your version is kept in {copy}",
                                "{file} در مدتی که ویرایش می‌کردید تغییر کرد؛ نسخهٔ شما در {copy} نگه داشته شد"
                            )
                        }));
                    }
                    edit::write_atomic(&path, &laid_out)?;
                    let _ = std::fs::remove_file(&copy);
                    ctx.note(|lang: Lang| {
                        let file = lang.code(shown.display());
                        if relaid {
                            let fmt = lang.code("diplomat fmt");
                            say!(
                                lang,
                                "saved {file}, laid out as {fmt} does (comments kept)",
                                "{file} ذخیره شد، با چیدمان {fmt} (یادداشت‌ها ماندند)"
                            )
                        } else {
                            say!(lang, "saved {file}", "{file} ذخیره شد")
                        }
                    });
                    let slug = path
                        .file_stem()
                        .and_then(|s| s.to_str())
                        .unwrap_or_default();
                    crate::cli::write::commit(ctx, &root, &[&path], &format!("{slug}: edit"))?;
                    return Ok(Outcome::Ok);
                }
                Err(problems) => {
                    for problem in &problems {
                        ctx.reporter.problem_error(problem);
                    }
                    if !ask_again() {
                        return Err(Error::usage(|lang: Lang| {
                            let (file, copy) =
                                (lang.code(shown.display()), lang.code(copy.display()));
                            say!(
                                lang,
                                "{file} was not changed; your edited copy is kept in {copy}",
                                "{file} تغییر نکرد؛ نسخهٔ ویرایش‌شدهٔ شما در {copy} نگه داشته شد"
                            )
                        }));
                    }
                    header = notes_for(&problems);
                }
            }
        }
    }
}

/// `$VISUAL`, else `$EDITOR`, run through the shell as git does, so `code --wait` works.
fn editor() -> Result<String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|e| !e.trim().is_empty())
        .ok_or_else(|| {
            Error::usage(|lang: Lang| {
                let (visual, editor) = (lang.code("VISUAL"), lang.code("EDITOR"));
                let (nano, code) = (lang.code("export EDITOR=nano"), lang.code("VISUAL=\"code --wait\""));
                say!(
                    lang,
                    "no editor: set {visual} or {editor} (e.g. {nano}, or {code})",
                    "ویرایشگری تعیین نشده است: {visual} یا {editor} را تنظیم کنید (مثلاً {nano} یا {code})"
                )
            })
        })
}

fn run_editor(editor: &str, file: &Path) -> Result<()> {
    let status = if cfg!(windows) {
        let mut words = editor.split_whitespace();
        let program = words.next().unwrap_or(editor);
        Command::new(program).args(words).arg(file).status()
    } else {
        Command::new("sh")
            .arg("-c")
            .arg(format!("{editor} \"$@\""))
            .arg(editor)
            .arg(file)
            .status()
    };
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => {
            let s = s.to_string();
            Err(Error::io(|lang: Lang| {
                let (editor, s, copy) =
                    (lang.code(editor), lang.embed(&s), lang.code(file.display()));
                say!(
                    lang,
                    "the editor {editor} failed ({s}); your copy is kept in {copy}",
                    "ویرایشگر {editor} ناموفق بود ({s})؛ نسخهٔ شما در {copy} نگه داشته شد"
                )
            }))
        }
        Err(e) => {
            let e = e.to_string();
            Err(Error::io(|lang: Lang| {
                let (editor, e, copy) =
                    (lang.code(editor), lang.embed(&e), lang.code(file.display()));
                say!(
                    lang,
                    "cannot start the editor {editor}: {e}; your copy is kept in {copy}",
                    "ویرایشگر {editor} اجرا نمی‌شود: {e}؛ نسخهٔ شما در {copy} نگه داشته شد"
                )
            }))
        }
    }
}

/// The copy lives in `.diplomat/edit/` and keeps the `.yaml` ending, so editors highlight it.
fn make_copy(root: &Path, path: &Path, bytes: &[u8]) -> Result<PathBuf> {
    let dir = workspace::state_path(root, "edit").map_err(edit::refused_state)?;
    std::fs::create_dir_all(&dir).map_err(|e| Error::file(Op::Create, &dir, &e))?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("dossier");
    let mut file = tempfile::Builder::new()
        .prefix(&format!("{stem}-"))
        .suffix(".yaml")
        .tempfile_in(&dir)
        .map_err(|e| Error::file(Op::Create, &dir, &e))?;
    file.write_all(bytes)
        .map_err(|e| Error::file(Op::Write, file.path(), &e))?;
    let (_, kept) = file
        .keep()
        .map_err(|e| Error::file(Op::Write, &dir, &e.error))?;
    Ok(kept)
}

fn keep(copy: &Path, e: std::io::Error) -> Error {
    Error::file(Op::Read, copy, &e)
}

fn strip_notes(bytes: &[u8]) -> Vec<u8> {
    let mut rest = bytes;
    while rest.starts_with(NOTE.as_bytes()) {
        match rest.iter().position(|&b| b == b'\n') {
            Some(end) => rest = &rest[end + 1..],
            None => rest = &[],
        }
    }
    rest.to_vec()
}

fn notes_for(problems: &[Problem]) -> String {
    let mut text =
        format!("{NOTE}this file has problems; fix them and save (these lines are removed)\n");
    for p in problems {
        let line = crate::problem::safe(&format!("{}: {}", p.location(), p.message));
        text.push_str(&format!("{NOTE}{}\n", line.replace('\n', " ")));
    }
    text
}

/// Only a person at a terminal is asked; scripts get the error at once.
fn ask_again() -> bool {
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return false;
    }
    eprint!("edit again? [Y/n] ");
    let mut answer = String::new();
    if std::io::stdin().lock().read_line(&mut answer).is_err() {
        return false;
    }
    !matches!(answer.trim().to_lowercase().as_str(), "n" | "no" | "نه")
}
