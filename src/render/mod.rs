//! Turning views into text. The library never prints: commands hand a view to a renderer and
//! write the result.

pub mod city;
pub mod csv;
pub mod email;
pub mod labels;
pub mod markdown;
pub mod report;
pub mod table;
pub mod template;

use serde::Serialize;

use crate::error::{Error, Result};

/// `--format`: how records are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Yaml,
    Csv,
    Markdown,
    Html,
    // An e-mail draft of a report (text and HTML parts, `X-Unsent: 1`). No doc comment: clap
    // would then list every value with its help, at length, in every command's `-h`.
    Eml,
}

pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    let mut text = serde_json::to_string_pretty(value).map_err(anyhow::Error::from)?;
    text.push('\n');
    Ok(text)
}

pub fn yaml<T: Serialize>(value: &T) -> Result<String> {
    serde_saphyr::to_string(value)
        .map_err(|e| Error::Other(anyhow::anyhow!("cannot write YAML: {e}")))
}

/// A command that prints records accepts these formats.
pub fn check_record_format(format: Format) -> Result<()> {
    if matches!(format, Format::Html | Format::Eml) {
        let name = match format {
            Format::Html => "html",
            _ => "eml",
        };
        return Err(Error::usage(|lang: crate::lang::Lang| {
            let flag = lang.code(format!("--format {name}"));
            say!(
                lang,
                "{flag} is for reports; lists take table, json, yaml, csv or markdown",
                "{flag} برای گزارش‌هاست؛ فهرست‌ها table، json، yaml، csv یا markdown می‌گیرند"
            )
        }));
    }
    Ok(())
}
