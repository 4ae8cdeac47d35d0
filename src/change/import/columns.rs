//! Which column of a sheet holds which field: its header matched (in English or Persian, after
//! folding case, letter forms, ZWNJ and spacing), or named with `--map COLUMN=FIELD`.

use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::spreadsheet::Sheet;
use crate::text::fold;

/// A field an import fills, and the headers that name it (matched after folding case,
/// Arabic/Persian letter forms, ZWNJ and spacing).
#[derive(Clone)]
pub struct Field {
    pub name: &'static str,
    pub headers: &'static [&'static str],
    pub required: bool,
}

/// The fields both people imports read, with the same headers.
pub const ID: Field = Field {
    name: "id",
    headers: &["شناسه", "handle"],
    required: false,
};
pub const LANGUAGES: Field = Field {
    name: "languages",
    headers: &["language", "زبان‌ها", "زبان"],
    required: false,
};
pub const EMAIL: Field = Field {
    name: "email",
    headers: &[
        "e-mail",
        "mail",
        "email address",
        "ایمیل",
        "رایانامه",
        "پست الکترونیک",
    ],
    required: false,
};
pub const PHONE: Field = Field {
    name: "phone",
    headers: &[
        "telephone",
        "mobile",
        "phone number",
        "تلفن",
        "موبایل",
        "تلفن همراه",
        "شماره تماس",
    ],
    required: false,
};

/// Which column holds which field.
pub struct Columns {
    pub(super) fields: Vec<(&'static str, usize)>,
}

/// Matches `sheet`'s header row to `fields`, with `map`'s rules (`COLUMN=FIELD`) first; the
/// headers no field claims are returned, to be said and left out.
pub fn match_columns(
    sheet: &Sheet,
    fields: &[Field],
    map: &[String],
) -> Result<(Columns, Vec<String>)> {
    let mut claimed: Vec<(&'static str, usize)> = Vec::new();
    for rule in map {
        let (column, field) = rule.split_once('=').ok_or_else(|| bad_map(rule))?;
        let field = fields
            .iter()
            .find(|f| fold(f.name) == fold(field.trim()))
            .ok_or_else(|| unknown_field(field.trim(), fields))?;
        let index = column_index(sheet, column.trim()).ok_or_else(|| {
            let (column, headers) = (column.trim().to_owned(), sheet.headers.clone());
            Error::usage(move |lang: Lang| {
                let (column, list) = (lang.code(&column), lang.code_list(&headers));
                say!(
                    lang,
                    "--map: no column {column}; the headers are {list}",
                    "--map: ستونی به نام {column} نیست؛ سرستون‌ها: {list}"
                )
            })
        })?;
        claimed.retain(|(name, _)| *name != field.name);
        claimed.push((field.name, index));
    }
    let mut ignored = Vec::new();
    for (index, header) in sheet.headers.iter().enumerate() {
        if header.trim().is_empty() || claimed.iter().any(|(_, i)| *i == index) {
            continue;
        }
        let folded = fold(header);
        let found = fields.iter().find(|f| {
            !claimed.iter().any(|(name, _)| *name == f.name)
                && (fold(f.name) == folded || f.headers.iter().any(|h| fold(h) == folded))
        });
        match found {
            Some(field) => claimed.push((field.name, index)),
            None => ignored.push(header.clone()),
        }
    }
    let missing: Vec<&str> = fields
        .iter()
        .filter(|f| f.required && !claimed.iter().any(|(name, _)| *name == f.name))
        .map(|f| f.name)
        .collect();
    if !missing.is_empty() {
        let place = format!("{}!{}", sheet.place, sheet.header_row);
        let (missing, headers) = (
            missing.iter().map(|m| (*m).to_owned()).collect::<Vec<_>>(),
            sheet.headers.clone(),
        );
        return Err(Error::usage(move |lang: Lang| {
            let (place, missing, headers) = (
                lang.code(&place),
                lang.code_list(&missing),
                lang.code_list(&headers),
            );
            let map = lang.code("--map COLUMN=FIELD");
            say!(
                lang,
                "{place}: no column for {missing} (the headers are {headers}); name one with {map}",
                "{place}: ستونی برای {missing} نیست (سرستون‌ها: {headers})؛ با {map} یکی را نام ببرید"
            )
        }));
    }
    Ok((Columns { fields: claimed }, ignored))
}

/// A column by its header (folded) or its letter.
fn column_index(sheet: &Sheet, column: &str) -> Option<usize> {
    let folded = fold(column);
    sheet
        .headers
        .iter()
        .position(|h| fold(h) == folded)
        .or_else(|| {
            (0..sheet.headers.len().max(26)).find(|i| {
                u32::try_from(*i).is_ok_and(|i| {
                    crate::spreadsheet::column_letters(sheet.first_column + i)
                        .eq_ignore_ascii_case(column)
                })
            })
        })
}

fn bad_map(rule: &str) -> Error {
    let rule = rule.to_owned();
    Error::usage(move |lang: Lang| {
        let (rule, eg) = (lang.code(&rule), lang.code("--map \"Full name=name\""));
        say!(
            lang,
            "--map {rule}: write COLUMN=FIELD, e.g. {eg}",
            "--map {rule}: به شکل COLUMN=FIELD بنویسید، مثلاً {eg}"
        )
    })
}

fn unknown_field(field: &str, fields: &[Field]) -> Error {
    let field = field.to_owned();
    let known: Vec<&str> = fields.iter().map(|f| f.name).collect();
    Error::usage(move |lang: Lang| {
        let (field, known) = (lang.code(&field), lang.code_list(&known));
        say!(
            lang,
            "--map: {field} is not a field of this import; the fields are {known}",
            "--map: {field} فیلدی از این ورود نیست؛ فیلدها: {known}"
        )
    })
}
