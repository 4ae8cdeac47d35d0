//! CSV is data, for a spreadsheet or a script, not a table to read: the same fields as
//! `--format json`, whatever `--lang` and `--calendar` say.
//!
//! A column is named after its JSON key (`name.en` for a nested one); absent values are empty
//! fields, numbers plain ASCII numbers, dates `YYYY-MM-DD`, vocabulary values their slug
//! (`joint`, `in-progress`) and lists their items joined with `;`.
//!
//! Excel and LibreOffice run a field that begins with `=`, `+`, `-` or `@` as a formula, even
//! from a CSV file (`=HYPERLINK(…)` as a city name, `+98 31 …` as a phone), so such a field is
//! guarded as OWASP advises: see [`guard`]. A control character in dossier text is written as
//! the tables write it (`\e`, `\x07`, an unbalanced bidi override as `\u{202e}`): a CSV is
//! also read in a terminal, which must not act on it, and a spreadsheet cell has no use for it.

use std::borrow::Cow;

use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::model::vocab::Requirement;

/// What joins the items of a list field.
pub const LIST_SEPARATOR: &str = ";";

/// The columns of `city list`: every field of the JSON rows.
pub const CITIES: &[&str] = &[
    "slug",
    "name.en",
    "name.fa",
    "name.local",
    "country",
    "status",
    "signed",
    "readiness.met",
    "readiness.total",
    "active_facilitators",
    "last_contact",
    "open_actions",
    "overdue_actions",
];

/// The columns of `opportunity list`.
pub const OPPORTUNITIES: &[&str] = &[
    "city",
    "id",
    "title",
    "sector",
    "stage",
    "lead",
    "since",
    "days_in_stage",
];

/// The columns of `facilitator list`, before the contact details.
pub const FACILITATORS: &[&str] = &[
    "id",
    "name",
    "name_fa",
    "cities",
    "languages",
    "expertise",
    "status",
];

/// The columns of `facilitator list --gaps`: the city, how many speak its languages and the
/// best of them.
pub const GAPS: &[&str] = &[
    "slug",
    "name.en",
    "name.fa",
    "name.local",
    "speakers",
    "best",
];

/// The columns of `pool list`, before the contact details.
pub const POOL: &[&str] = &[
    "id",
    "name",
    "name_fa",
    "languages",
    "expertise",
    "connection",
    "interests",
    "signed_up",
    "source",
    "notes",
];

/// The columns of a person's private contact details, after a list's own with `--contacts`.
pub const CONTACTS: &[&str] = &["email", "phone"];

/// `columns`, then [`CONTACTS`] when `contacts`.
pub fn with_contacts(columns: &[&'static str], contacts: bool) -> Vec<&'static str> {
    let mut all = columns.to_vec();
    if contacts {
        all.extend(CONTACTS);
    }
    all
}

/// The columns of `summary`: its readiness matrix, a city a row (the counts are in the JSON).
pub fn readiness_matrix() -> Vec<String> {
    let mut columns = vec!["slug".to_owned()];
    columns.extend(
        Requirement::ALL
            .iter()
            .map(|r| format!("requirements.{}", r.slug())),
    );
    columns.extend(["met".to_owned(), "total".to_owned()]);
    columns
}

/// The columns of `action list`.
pub const ACTIONS: &[&str] = &[
    "city",
    "id",
    "title",
    "owner",
    "due",
    "status",
    "overdue",
    "days_overdue",
];

/// `rows` under the header `columns`, each column naming a field of a row's JSON form.
///
/// A column a row does not have is a bug in the caller, reported rather than written empty.
pub fn records<T: Serialize>(columns: &[impl AsRef<str>], rows: &[T]) -> Result<String> {
    let mut lines = Vec::with_capacity(rows.len());
    for row in rows {
        let value = serde_json::to_value(row).map_err(anyhow::Error::from)?;
        let fields = columns
            .iter()
            .map(|column| {
                let column = column.as_ref();
                let pointer = format!("/{}", column.replace('.', "/"));
                value.pointer(&pointer).map(field).ok_or_else(|| {
                    Error::Other(anyhow::anyhow!("a CSV row has no field `{column}`"))
                })
            })
            .collect::<Result<Vec<String>>>()?;
        lines.push(fields);
    }
    Ok(write(columns, lines))
}

/// RFC 4180 text: a header line, then one line per row, CRLF line ends; a field is quoted
/// only when it holds a comma, a quote or a line break. Every field is [`guard`]ed.
pub fn write(columns: &[impl AsRef<str>], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut out = String::new();
    let mut line = |fields: &mut dyn Iterator<Item = &str>| {
        let quoted: Vec<String> = fields
            .map(|f| quote(&guard(&crate::text::visible(f))))
            .collect();
        out.push_str(&quoted.join(","));
        out.push_str("\r\n");
    };
    line(&mut columns.iter().map(AsRef::as_ref));
    for row in rows {
        line(&mut row.iter().map(String::as_str));
    }
    out
}

/// One JSON value as one field.
fn field(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(field)
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR),
        Value::Object(_) => value.to_string(),
    }
}

/// A field a spreadsheet would read as a formula, with a `'` in front (OWASP, "CSV
/// Injection"): one beginning with `=`, `+`, `-`, `@`, a TAB, a CR or a LF. The spreadsheet
/// then shows the field as text, `'` first, and runs nothing. A plain number (`-3`, `12.5`)
/// stays as it is, so that it stays a number: counts are written that way, and a minus sign
/// before digits makes no formula. Spaces in front do not hide a formula (` =1+1`): some
/// spreadsheets trim them on import. Such a text behind a `'` of the analyst's (`'+98`) gets
/// one more too (`''+98`), so that [`unguard`], on import, takes off only what was added.
pub fn guard(text: &str) -> Cow<'_, str> {
    if needs_guard(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// What [`guard`] added taken off again: a field that is `'` and then a text `guard` guards
/// is that text (`'+98 913 …` is the phone `+98 913 …`), so a list exported to CSV and
/// imported again (`import`) comes back as it was. Any other `'` is the analyst's.
pub fn unguard(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => text,
    }
}

/// Whether [`guard`] puts a `'` before `text`: when a spreadsheet would take it for a formula,
/// and when it is such a text behind `'`s of its own (`'+98`, which gets one more), so that
/// [`unguard`] never takes off an analyst's `'`.
fn needs_guard(text: &str) -> bool {
    let start = text.trim_start_matches('\'').trim_start_matches(' ');
    start.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) && !is_plain_number(start)
}

/// `-3`, `12`, `12.5`: an optional minus, digits, and optional decimals.
fn is_plain_number(text: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    match unsigned.split_once('.') {
        Some((whole, decimals)) => digits(whole) && digits(decimals),
        None => digits(unsigned),
    }
}

fn quote(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn quotes_only_when_needed() {
        let rows = vec![vec![
            "x, y".to_owned(),
            "say \"hi\"".to_owned(),
            "z".to_owned(),
        ]];
        assert_eq!(
            write(&["a", "b", "c"], rows),
            "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",z\r\n"
        );
    }

    #[test]
    fn records_flatten_the_json_form() {
        let rows = [json!({
            "slug": "kazan",
            "name": {"en": "Kazan", "fa": null},
            "days": 56,
            "late": true,
            "languages": ["ru", "tt"],
        })];
        let text = records(
            &["slug", "name.en", "name.fa", "days", "late", "languages"],
            &rows,
        );
        assert_eq!(
            text.ok().as_deref(),
            Some("slug,name.en,name.fa,days,late,languages\r\nkazan,Kazan,,56,true,ru;tt\r\n")
        );
    }

    #[test]
    fn formulas_are_guarded_and_numbers_stay_numbers() {
        for (text, written) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("+98 31 1234 5678", "'+98 31 1234 5678"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("\nx", "'\nx"),
            ("-", "'-"),
            ("-1.", "'-1."),
            ("-3", "-3"),
            ("12.5", "12.5"),
            ("-0.25", "-0.25"),
            ("a=b", "a=b"),
            (" =1+1", "' =1+1"),
            ("  @SUM(A1)", "'  @SUM(A1)"),
            (" -3", " -3"),
            (" Kazan", " Kazan"),
            ("Kazan", "Kazan"),
            ("", ""),
        ] {
            assert_eq!(guard(text), written, "{text:?}");
        }
        let rows = [json!({"title": "=1+1", "days": -3, "phone": "+98 31", "n": 56})];
        assert_eq!(
            records(&["title", "days", "phone", "n"], &rows)
                .ok()
                .as_deref(),
            Some("title,days,phone,n\r\n'=1+1,-3,'+98 31,56\r\n")
        );
    }

    #[test]
    fn unguard_undoes_guard_and_nothing_else() {
        for text in [
            "+98 913 000 1111",
            "=1+1",
            " =1+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "'+98",
            "''=1",
            "' -x",
            "-3",
            "Kazan",
            "'quoted'",
            "",
        ] {
            assert_eq!(unguard(&guard(text)), text, "{text:?}");
        }
        // A `'` the analyst wrote before what needs no guard is theirs.
        assert_eq!(unguard("'Kazan"), "'Kazan");
        assert_eq!(unguard("'-3"), "'-3");
        assert_eq!(guard("'+98"), "''+98");
    }

    #[test]
    fn a_column_no_row_has_is_an_error_not_an_empty_field() {
        assert!(records(&["nope"], &[json!({"slug": "kazan"})]).is_err());
    }

    #[test]
    fn no_rows_still_have_a_header() {
        let rows: [Value; 0] = [];
        assert_eq!(records(&["a", "b"], &rows).ok().as_deref(), Some("a,b\r\n"));
    }
}
