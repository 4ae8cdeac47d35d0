//! An import's rows made into records: each row read ([`cells`]) by the columns its header
//! names ([`columns`]), then planned against what the file holds (the duplicate rules), all or
//! nothing; the records are written by the record's own change ([`crate::change::person::add`],
//! [`crate::change::action`], [`crate::change::candidate`]).

pub mod cells;
pub mod columns;

use jiff::civil::Date;

use crate::error::Result;
use crate::spreadsheet::Sheet;
use crate::text::fold;
use cells::Cells;
use columns::Columns;

/// What an import found: the rows to add and the rows skipped, and how to say them.
pub struct Plan<T> {
    pub add: Vec<T>,
    /// Row number, what it names, and why it was skipped (in both languages).
    pub skipped: Vec<(u32, String, [String; 2])>,
}

impl<T> Default for Plan<T> {
    fn default() -> Self {
        Plan {
            add: Vec::new(),
            skipped: Vec::new(),
        }
    }
}

/// Every row read with `read`, with its number; the first error stops the import, before
/// anything is written.
pub fn rows<T>(
    sheet: &Sheet,
    columns: &Columns,
    today: Date,
    mut read: impl FnMut(&Cells) -> Result<T>,
) -> Result<Vec<(u32, T)>> {
    sheet
        .rows
        .iter()
        .map(|row| {
            let cells = Cells {
                sheet,
                row,
                columns,
                today,
            };
            Ok((row.number, read(&cells)?))
        })
        .collect()
}

/// The rows to add and the rows to skip: each checked against the dossier and the rows above
/// it with `present`.
pub fn plan<T>(
    rows: Vec<(u32, T)>,
    mut present: impl FnMut(&T, &[T]) -> Option<(String, [String; 2])>,
) -> Plan<T> {
    let mut plan = Plan::default();
    for (number, item) in rows {
        match present(&item, &plan.add) {
            Some((what, why)) => plan.skipped.push((number, what, why)),
            None => plan.add.push(item),
        }
    }
    plan
}

/// A person as the duplicate check sees them: id, e-mail and the names they go by.
pub struct Who<'a> {
    pub id: &'a str,
    pub email: Option<&'a str>,
    pub names: [Option<&'a str>; 2],
}

/// Why the person `new` is `old` already: the same id, e-mail (any case) or a name (folded);
/// the row's text for the list of skipped rows and the reason in both languages.
pub fn same_person(new: &Who, old: &Who) -> Option<(String, [String; 2])> {
    let why = if new.id == old.id {
        ["same id", "شناسهٔ یکسان"]
    } else if new
        .email
        .zip(old.email)
        .is_some_and(|(a, b)| a.eq_ignore_ascii_case(b))
    {
        ["same e-mail", "ایمیل یکسان"]
    } else if new
        .names
        .iter()
        .zip(&old.names)
        .any(|(a, b)| a.zip(*b).is_some_and(|(a, b)| same_name(a, b)))
    {
        ["same name", "نام یکسان"]
    } else {
        return None;
    };
    let name = new.names[0].unwrap_or(new.id);
    Some((format!("{name} = {}", old.id), why.map(str::to_owned)))
}

/// Two names for the same person, after folding case, letter forms and spacing.
pub fn same_name(a: &str, b: &str) -> bool {
    let a = fold(a);
    !a.is_empty() && a == fold(b)
}
