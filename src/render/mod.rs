//! Turning views into text. The library never prints: commands hand a view to a renderer and
//! write the result.

pub mod actions;
pub mod agenda;
pub mod cities;
pub mod city;
pub mod csv;
pub mod email;
pub mod events;
pub mod facilitators;
pub mod ics;
pub mod labels;
pub mod markdown;
pub mod matching;
pub mod opportunities;
pub mod plain;
pub mod pool;
pub mod report;
pub mod search;
pub mod summary;
pub mod table;
pub mod template;
pub mod terminal;
pub mod wrap;
pub mod xlsx;

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
    // An Excel workbook (lists, `summary`, `report weekly`): a file, to `-o FILE` or a pipe.
    Xlsx,
    // An iCalendar file (`agenda` only); hidden from the values every command's help lists.
    #[value(hide = true)]
    Ics,
}

pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    let mut text = serde_json::to_string_pretty(value).map_err(anyhow::Error::from)?;
    text.push('\n');
    Ok(inert_json(text))
}

/// JSON whose strings spell as `\uXXXX` what serde_json writes raw but a terminal acts on or
/// reorders: DEL, the C1 controls (U+009B starts an escape sequence in many terminals), line
/// and paragraph separators, bidi embeddings, overrides and isolates. The data is the same to
/// any JSON reader; such characters can only stand inside strings.
fn inert_json(text: String) -> String {
    let acts = |c: char| {
        matches!(c, '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}')
            || crate::text::is_bidi_control(c)
    };
    if !text.chars().any(acts) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if acts(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

pub fn yaml<T: Serialize>(value: &T) -> Result<String> {
    serde_saphyr::to_string(value)
        .map_err(|e| Error::Other(anyhow::anyhow!("cannot write YAML: {e}")))
}

/// The extension of `path` when it names a kind of file diplomat does not write (another
/// spreadsheet's, a document's, an image's): text written under it would be a broken file.
pub fn foreign_extension(path: &std::path::Path) -> Option<String> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    const FOREIGN: &[&str] = &[
        "ods", "xls", "xlsm", "xlsb", "numbers", "pdf", "doc", "docx", "odt", "rtf", "pages",
        "ppt", "pptx", "odp", "png", "jpg", "jpeg", "gif", "svg", "zip",
    ];
    FOREIGN.contains(&ext.as_str()).then_some(ext)
}

/// `-o FILE` named a kind of file diplomat does not write.
pub fn foreign_output(ext: String, taken: &'static str) -> Error {
    Error::usage(move |lang: crate::i18n::Lang| {
        let (ext, taken) = (lang.code(format!(".{ext}")), lang.code(taken));
        say!(
            lang,
            "diplomat does not write {ext} files; give -o a name ending in {taken}, or --format",
            "diplomat پرونده‌های {ext} نمی‌نویسد؛ به -o نامی با پسوند {taken} بدهید، یا --format"
        )
    })
}

impl Format {
    /// The name `--format` takes: `table`, `json`, …
    pub fn name(self) -> String {
        clap::ValueEnum::to_possible_value(&self).map_or_else(
            || format!("{self:?}").to_lowercase(),
            |v| v.get_name().to_owned(),
        )
    }
}

/// `--format` given a format `command` does not draw: refused, naming the ones it takes,
/// rather than printed as another.
pub fn not_drawn(command: &'static str, format: Format, taken: &[Format]) -> Error {
    let taken: Vec<String> = taken.iter().map(|f| f.name()).collect();
    Error::usage(move |lang: crate::i18n::Lang| {
        let (command, flag) = (
            lang.code(command),
            lang.code(format!("--format {}", format.name())),
        );
        let taken = match taken.split_last() {
            Some((last, [])) => lang.code(last),
            Some((last, rest)) => {
                let or = lang.pick(" or ", " یا ");
                format!("{}{or}{}", lang.code_list(rest), lang.code(last))
            }
            None => {
                return say!(
                    lang,
                    "{command} does not print {flag}: it takes no --format; leave it out",
                    "{command} خروجی {flag} نمی‌دهد: --format نمی‌گیرد؛ آن را ندهید"
                );
            }
        };
        say!(
            lang,
            "{command} does not print {flag}; it takes {taken}",
            "{command} خروجی {flag} نمی‌دهد؛ {taken} می‌گیرد"
        )
    })
}

/// A command that prints records accepts these formats. (`xlsx` is for the lists and tables
/// that write a workbook: they take it before asking here.)
pub fn check_record_format(format: Format) -> Result<()> {
    if format == Format::Xlsx {
        return Err(Error::usage(|lang: crate::i18n::Lang| {
            let flag = lang.code("--format xlsx");
            say!(
                lang,
                "{flag} is for the lists, check, summary and the weekly report; this command takes table, json, yaml, csv or markdown",
                "{flag} برای فهرست‌ها، check، summary و گزارش هفتگی است؛ این فرمان table، json، yaml، csv یا markdown می‌گیرد"
            )
        }));
    }
    if matches!(format, Format::Html | Format::Eml) {
        let name = match format {
            Format::Html => "html",
            _ => "eml",
        };
        return Err(Error::usage(|lang: crate::i18n::Lang| {
            let flag = lang.code(format!("--format {name}"));
            say!(
                lang,
                "{flag} is for reports; lists take table, json, yaml, csv, markdown or xlsx",
                "{flag} برای گزارش‌هاست؛ فهرست‌ها table، json، yaml، csv، markdown یا xlsx می‌گیرند"
            )
        }));
    }
    Ok(())
}
