//! One row of a sheet read cell by cell, with the command line's checks
//! ([`crate::input`]); every error names its cell (`signup.xlsx:Sheet1!C7`).

use jiff::civil::Date;

use super::columns::Columns;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::input;
use crate::model::ContactDetails;
use crate::model::vocab::Vocab;
use crate::spreadsheet::{Row, Sheet, Value};
use crate::text::fold;

/// One row's cells, read with the command line's checks; every error names the cell.
pub struct Cells<'a> {
    pub sheet: &'a Sheet,
    pub row: &'a Row,
    pub columns: &'a Columns,
    /// What `today` means in a cell.
    pub today: Date,
}

impl Cells<'_> {
    fn index(&self, field: &str) -> Option<usize> {
        self.columns
            .fields
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, i)| *i)
    }

    fn value(&self, field: &str) -> (&Value, String) {
        match self.index(field) {
            Some(i) => (
                self.row.cells.get(i).unwrap_or(&Value::Empty),
                self.header(i),
            ),
            None => (&Value::Empty, field.to_owned()),
        }
    }

    fn header(&self, i: usize) -> String {
        self.sheet.headers.get(i).cloned().unwrap_or_default()
    }

    /// `signup.xlsx:Sheet1!C7`, the cell of `field` in this row.
    pub fn place(&self, field: &str) -> String {
        let column = self.index(field).unwrap_or(0);
        self.sheet.cell(self.row.number, column)
    }

    /// `err` said at the cell of `field`.
    pub fn locate(&self, field: &str, err: Error) -> Error {
        input::located(&self.place(field), err)
    }

    /// One line of text, trimmed; none when the cell is empty. The `'` our CSV export puts
    /// before a text a spreadsheet would run as a formula (`'+98 913 …`) is taken off again
    /// ([`crate::render::csv::unguard`]), from a CSV file or a workbook saved from one.
    pub fn text(&self, field: &str) -> Result<Option<String>> {
        let (value, header) = self.value(field);
        let text = value
            .text()
            .map(|t| crate::render::csv::unguard(&t).to_owned());
        input::opt_line(text, &header).map_err(|e| self.locate(field, e))
    }

    /// A required text: an empty cell is an error.
    pub fn required(&self, field: &str) -> Result<String> {
        let (_, header) = self.value(field);
        match self.text(field)? {
            Some(text) => Ok(text),
            None => Err(self.locate(
                field,
                Error::usage(move |lang: Lang| {
                    let header = lang.code(&header);
                    say!(lang, "{header} is empty", "{header} خالی است")
                }),
            )),
        }
    }

    /// A list cell: items split on `;`, `,` or the Persian comma `،`.
    pub fn list(&self, field: &str) -> Result<Vec<String>> {
        Ok(self
            .text(field)?
            .map(|text| {
                text.split([';', ',', '،', '؛'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default())
    }

    /// A date: a spreadsheet date, an Excel serial number, or text read as on the command line
    /// (Gregorian or Solar Hijri, Persian or ASCII digits).
    pub fn date(&self, field: &str) -> Result<Option<Date>> {
        let (value, header) = self.value(field);
        match value {
            Value::Empty => Ok(None),
            Value::Date(d) => Ok(Some(*d)),
            Value::Number(n) => match crate::spreadsheet::serial_date(*n) {
                Some(d) if *n >= 2.0 => Ok(Some(d)),
                _ => Err(self.locate(field, not_a_date(&header, &n.to_string()))),
            },
            Value::Text(t) => input::parse_date(t, self.today, &header)
                .map(Some)
                .map_err(|e| self.locate(field, e)),
        }
    }

    /// A value of the vocabulary: its slug, or its English or Persian label.
    pub fn vocab<T: Vocab + Labelled>(&self, field: &str) -> Result<Option<T>> {
        let Some(text) = self.text(field)? else {
            return Ok(None);
        };
        let folded = fold(&text);
        let found = T::all().iter().copied().find(|v| {
            let (slug, en, fa) = v.names();
            [slug, en, fa].iter().any(|n| fold(n) == folded)
                || fold(&slug.replace('-', " ")) == folded
        });
        match found {
            Some(v) => Ok(Some(v)),
            None => {
                let (header, slugs) = (self.value(field).1, T::all_slugs());
                Err(self.locate(
                    field,
                    Error::usage(move |lang: Lang| {
                        let (header, value, list) =
                            (lang.code(&header), lang.code(&text), lang.code_list(slugs));
                        say!(
                            lang,
                            "{header}: {value} is not one of {list}",
                            "{header}: {value} یکی از {list} نیست"
                        )
                    }),
                ))
            }
        }
    }

    /// An e-mail address, by the rule `--email` follows too ([`input::email_address`]).
    pub fn email(&self, field: &str) -> Result<Option<String>> {
        self.text(field)?
            .map(|text| input::email_address(&text).map_err(|e| self.locate(field, e)))
            .transpose()
    }

    /// A person's id: the `id` cell, else made from `name`; an error at the cell it came from.
    pub fn person_id(&self, name: &str) -> Result<String> {
        let given = self.text("id")?;
        input::person_id(given.as_deref(), name)
            .map_err(|e| self.locate(if given.is_some() { "id" } else { "name" }, e))
    }

    /// The `email` and `phone` cells.
    pub fn details(&self) -> Result<ContactDetails> {
        Ok(ContactDetails {
            email: self.email("email")?,
            phone: self.phone("phone")?,
        })
    }

    /// A phone number, as text, its digits in ASCII (a sheet may hold Persian digits), as
    /// `--phone` is read ([`input::phone_number`]).
    pub fn phone(&self, field: &str) -> Result<Option<String>> {
        Ok(self.text(field)?.map(|t| input::phone_number(&t)))
    }
}

fn not_a_date(header: &str, value: &str) -> Error {
    let (header, value) = (header.to_owned(), value.to_owned());
    Error::usage(move |lang: Lang| {
        let (header, value) = (lang.code(&header), lang.code(&value));
        say!(
            lang,
            "{header}: {value} is not a date",
            "{header}: {value} تاریخ نیست"
        )
    })
}

/// The vocabularies an import reads, with their names to match.
pub trait Labelled: Sized + 'static {
    fn all() -> &'static [Self];
    fn names(self) -> (&'static str, &'static str, &'static str);
}

macro_rules! labelled {
    ($($t:ty),*) => {$(
        impl Labelled for $t {
            fn all() -> &'static [Self] {
                Self::ALL
            }
            fn names(self) -> (&'static str, &'static str, &'static str) {
                (self.slug(), self.label(Lang::En), self.label(Lang::Fa))
            }
        }
    )*};
}

labelled!(
    crate::model::vocab::FacilitatorStatus,
    crate::model::vocab::ContactRole,
    crate::model::vocab::Owner,
    crate::model::vocab::ActionStatus
);
