//! Where a list goes: standard output, or `-o FILE` (needed for a workbook on a terminal).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::Args;

use super::Ctx;
use crate::edit;
use crate::error::{Error, Result};
use crate::lang::Lang;
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
            edit::write_atomic_with(path, write)?;
            ctx.note(|lang: Lang| {
                let file = lang.code(path.display());
                say!(lang, "wrote {file}", "{file} نوشته شد")
            });
            Ok(())
        }
    }
}

/// A city's name in `lang`, by slug (the slug itself for a city not loaded).
pub fn city_name(ws: &crate::workspace::Workspace, slug: &str, lang: Lang) -> String {
    ws.dossiers
        .iter()
        .find(|l| l.dossier.slug == slug)
        .map_or_else(
            || slug.to_owned(),
            |l| l.dossier.name.shown(lang).to_owned(),
        )
}
