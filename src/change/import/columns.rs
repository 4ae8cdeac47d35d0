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

impl Field {
    /// A field every row must fill.
    pub const fn required(name: &'static str, headers: &'static [&'static str]) -> Field {
        Field {
            name,
            headers,
            required: true,
        }
    }

    /// A field a row may leave empty.
    pub const fn optional(name: &'static str, headers: &'static [&'static str]) -> Field {
        Field {
            name,
            headers,
            required: false,
        }
    }
}

/// The fields both people imports read, with the same headers.
const ID: Field = Field::optional("id", &["شناسه", "handle"]);
const LANGUAGES: Field = Field::optional("languages", &["language", "زبان‌ها", "زبان"]);
const EMAIL: Field = Field::optional(
    "email",
    &[
        "e-mail",
        "mail",
        "email address",
        "ایمیل",
        "رایانامه",
        "پست الکترونیک",
    ],
);
const PHONE: Field = Field::optional(
    "phone",
    &[
        "telephone",
        "mobile",
        "phone number",
        "تلفن",
        "موبایل",
        "تلفن همراه",
        "شماره تماس",
    ],
);

/// `import actions`.
pub const ACTIONS: &[Field] = &[
    Field::required("title", &["action", "task", "عنوان", "اقدام"]),
    Field::required("owner", &["مسئول", "responsible"]),
    Field::optional("due", &["deadline", "due date", "سررسید", "موعد"]),
    Field::optional("status", &["وضعیت"]),
    Field::optional("done", &["done on", "completed", "انجام", "تاریخ انجام"]),
];

/// `import contacts`.
pub const CONTACTS: &[Field] = &[
    ID,
    Field::required("name", &["full name", "نام", "نام و نام خانوادگی"]),
    Field::required("role", &["نقش", "سمت"]),
    Field::optional(
        "organization",
        &["organisation", "company", "سازمان", "شرکت"],
    ),
    LANGUAGES,
    EMAIL,
    PHONE,
];

/// `import facilitators --city`.
pub const FACILITATORS: &[Field] = &[
    ID,
    Field::required(
        "name",
        &[
            "full name",
            "name (en)",
            "name_en",
            "نام",
            "نام و نام خانوادگی",
        ],
    ),
    Field::optional(
        "name_fa",
        &[
            "name (fa)",
            "persian name",
            "name in persian",
            "نام فارسی",
            "نام (فارسی)",
        ],
    ),
    LANGUAGES,
    Field::optional("expertise", &["field", "fields", "تخصص", "تخصص‌ها", "زمینه"]),
    Field::optional("connection", &["ارتباط", "ارتباط با شهر", "آشنایی"]),
    EMAIL,
    PHONE,
    Field::optional("status", &["وضعیت"]),
    Field::optional(
        "since",
        &[
            "date",
            "joined",
            "signed up",
            "signed_up",
            "تاریخ",
            "از تاریخ",
            "از",
        ],
    ),
];

/// The pool's columns beside a facilitator's (`import facilitators` without `--city`): the
/// cities a candidate named, where the row came from, and notes. `since` is read as the day
/// they signed up.
pub const CANDIDATES: &[Field] = &[
    Field::optional(
        "interests",
        &[
            "interest",
            "cities",
            "city",
            "شهر",
            "شهرها",
            "علاقه",
            "شهرهای مورد علاقه",
        ],
    ),
    Field::optional("source", &["منبع"]),
    Field::optional("notes", &["note", "comments", "یادداشت", "توضیحات"]),
];

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
