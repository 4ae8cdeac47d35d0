//! Where a list goes: standard output, or `-o FILE` (needed for a workbook on a terminal).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::Args;

use super::Ctx;
use crate::edit;
use crate::error::{Error, Op, Result};
use crate::i18n::Lang;
use crate::render::{self, Format};

/// `-o FILE` of the lists and tables.
#[derive(Debug, Args)]
pub struct ListOutput {
    /// Write to FILE (atomically) instead of standard output; the format follows its extension
    /// (`.xlsx`, `.csv`, `.json`, `.yaml`, `.md`) unless `--format` says otherwise.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl ListOutput {
    /// The format: `--format`, else `-o`'s extension, else a table; `xlsx` only to a file or a
    /// pipe.
    pub fn format(&self, ctx: &Ctx) -> Result<Format> {
        if ctx.global.format.is_none()
            && let Some(ext) = self.output.as_deref().and_then(render::foreign_extension)
        {
            return Err(render::foreign_output(
                ext,
                ".xlsx, .csv, .json, .yaml or .md",
            ));
        }
        let by_extension = self
            .output
            .as_deref()
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .and_then(|e| match e.to_ascii_lowercase().as_str() {
                "xlsx" => Some(Format::Xlsx),
                "csv" => Some(Format::Csv),
                "json" => Some(Format::Json),
                "yaml" | "yml" => Some(Format::Yaml),
                "md" => Some(Format::Markdown),
                _ => None,
            });
        let format = ctx.global.format.or(by_extension).unwrap_or(Format::Table);
        if format == Format::Xlsx {
            refuse_terminal(self.output.as_deref())?;
            return Ok(format);
        }
        render::check_record_format(format)?;
        Ok(format)
    }

    /// Writes the list to `-o FILE` or standard output.
    pub fn emit(&self, ctx: &mut Ctx, bytes: &[u8]) -> Result<()> {
        emit(ctx, self.output.as_deref(), bytes)
    }
}

/// A workbook is a file for Excel, not text for a screen: to a terminal it is refused.
pub fn refuse_terminal(output: Option<&Path>) -> Result<()> {
    if output.is_none() && std::io::stdout().is_terminal() {
        return Err(Error::usage(|lang: Lang| {
            let (o, example) = (lang.code("-o FILE"), lang.code("-o cities.xlsx"));
            say!(
                lang,
                "a spreadsheet is a file to open in Excel or LibreOffice, not text for the terminal: write it with {o} (e.g. {example}) or pipe it",
                "صفحه‌گسترده پرونده‌ای برای باز کردن در Excel یا LibreOffice است، نه متنی برای پایانه: آن را با {o} بنویسید (مثلاً {example}) یا به لوله بدهید"
            )
        }));
    }
    Ok(())
}

/// `bytes` to `output` (atomically, with a note) or to standard output.
pub fn emit(ctx: &mut Ctx, output: Option<&Path>, bytes: &[u8]) -> Result<()> {
    emit_with(ctx, output, |out| out.write_all(bytes))
}

/// [`emit`], the content written by `write` as it goes rather than held whole first.
pub fn emit_with(
    ctx: &mut Ctx,
    output: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    match output {
        None => {
            write(&mut *ctx.out)?;
            Ok(())
        }
        Some(path) => {
            // Standard output is masked for the whole run (`Cli::run`); a file is masked here.
            write_file(path, |out| {
                let mut out = crate::problem::MaskSecrets::new(out);
                write(&mut out)?;
                out.flush()
            })?;
            ctx.note(|lang: Lang| {
                let file = lang.code(path.display());
                say!(lang, "wrote {file}", "{file} نوشته شد")
            });
            Ok(())
        }
    }
}

/// Writes `-o FILE`. A regular file (or none yet) is replaced atomically, as a dossier is: a
/// half-written report is never left under its name. What is not a regular file is never
/// replaced: a named pipe or a character device (`/dev/null`, a terminal) is opened and
/// written as a stream, as the shell's `>` does; a folder, a disk (a block device) or a
/// socket is refused. A symbolic link is written through: the file it points at is replaced
/// (or made, when it does not exist yet) and the link stays.
fn write_file(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => edit::write_atomic_with(path, write),
        Ok(meta) if is_stream(&meta) => {
            let fail = |e: std::io::Error| Error::file(Op::Write, path, &e);
            // Not created, not truncated: it is there, and is not a file.
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(fail)?;
            let mut out = std::io::BufWriter::new(file);
            write(&mut out).map_err(fail)?;
            out.flush().map_err(fail)
        }
        Ok(meta) => Err(not_writable(path, &meta)),
        Err(_) => match dangling_target(path) {
            Some(Ok(target)) => edit::write_atomic_with(&target, write),
            Some(Err(())) => Err(Error::usage(|lang: Lang| {
                let file = lang.code(path.display());
                say!(
                    lang,
                    "cannot write {file}: it is a symbolic link that loops",
                    "{file} نوشته نمی‌شود: پیوند نمادینی است که در حلقه به خودش برمی‌گردد"
                )
            })),
            None => edit::write_atomic_with(path, write),
        },
    }
}

/// A named pipe or a character device: written as a stream.
#[cfg(unix)]
fn is_stream(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_fifo() || meta.file_type().is_char_device()
}

#[cfg(not(unix))]
fn is_stream(_: &std::fs::Metadata) -> bool {
    false
}

/// Why `-o` does not write to `path`, which is neither a file nor a stream.
fn not_writable(path: &Path, meta: &std::fs::Metadata) -> Error {
    #[cfg(unix)]
    let disk = {
        use std::os::unix::fs::FileTypeExt;
        meta.file_type().is_block_device()
    };
    #[cfg(not(unix))]
    let disk = false;
    let folder = meta.is_dir();
    let path = path.to_path_buf();
    Error::usage(move |lang: Lang| {
        let file = lang.code(path.display());
        let example = lang.code(path.join("report.html").display());
        if folder {
            say!(
                lang,
                "cannot write {file}: it is a folder; name a file in it, e.g. {example}",
                "{file} نوشته نمی‌شود: پوشه است؛ فایلی در آن را نام ببرید، مثلاً {example}"
            )
        } else if disk {
            say!(
                lang,
                "cannot write {file}: it is a disk (a block device), which a report must never overwrite; name a file",
                "{file} نوشته نمی‌شود: دیسک است (دستگاه بلوکی) و گزارش هرگز نباید روی آن نوشته شود؛ فایلی را نام ببرید"
            )
        } else {
            say!(
                lang,
                "cannot write {file}: it is not a regular file (a socket, or another special file); name a file, or pipe the output",
                "{file} نوشته نمی‌شود: فایل معمولی نیست (سوکت یا فایل ویژهٔ دیگری)؛ فایلی را نام ببرید یا خروجی را به لوله بدهید"
            )
        }
    })
}

/// Where a symbolic link that points at nothing yet leads, through any links after it:
/// `None` when `path` is no such link, `Err` when the links loop.
fn dangling_target(path: &Path) -> Option<std::result::Result<PathBuf, ()>> {
    if !std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink()) {
        return None;
    }
    let mut at = path.to_path_buf();
    // As many as a system follows.
    for _ in 0..40 {
        let Ok(target) = std::fs::read_link(&at) else {
            return Some(Ok(at));
        };
        at = match at.parent() {
            Some(dir) if target.is_relative() => dir.join(target),
            _ => target,
        };
        if !std::fs::symlink_metadata(&at).is_ok_and(|m| m.is_symlink()) {
            return Some(Ok(at));
        }
    }
    Some(Err(()))
}

/// A city's name in `lang`, by slug (the slug itself for a city not loaded). A loaded
/// workspace is in slug order, so this is a binary search: an agenda of a hundred thousand
/// rows over ten thousand dossiers names a city per row.
pub fn city_name(ws: &crate::workspace::Workspace, slug: &str, lang: Lang) -> String {
    let dossiers = &ws.dossiers;
    let at = dossiers.partition_point(|l| l.dossier.slug.as_str() < slug);
    dossiers
        .get(at)
        .filter(|l| l.dossier.slug == slug)
        .or_else(|| dossiers.iter().find(|l| l.dossier.slug == slug))
        .map_or_else(
            || slug.to_owned(),
            |l| l.dossier.name.shown(lang).to_owned(),
        )
}
