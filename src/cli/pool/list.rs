use clap::Args;

use crate::calendar::{self, Calendar};
use crate::cli::output::ListOutput;
use crate::cli::{Ctx, Outcome};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::query::pool::{self, CandidateRow, Filter};
use crate::render::table::{Table, Tone};
use crate::render::xlsx::{Book, Cell, Kind, Sheet};
use crate::render::{self, Format};
use crate::workspace;

/// The pool of candidates: the citizens who offered to help and serve no city yet.
///
/// One row per candidate, by name: languages, expertise, connection, the cities they named,
/// when they signed up and where. Candidates are private citizens: e-mail addresses and phone
/// numbers are shown only with `--contacts`, in every format (opened with your identity when
/// the workspace encrypts them). Without `pool.yaml` the pool is empty.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat pool list\n  diplomat pool list --language zh\n  diplomat pool list --search \"xi'an\"\n  diplomat pool list --contacts --format csv > candidates.csv\n  diplomat pool list -o candidates.xlsx"
)]
pub struct ListArgs {
    /// Only candidates speaking this language (one of their `languages`, e.g. `zh`).
    #[arg(long, value_name = "L")]
    language: Option<String>,
    /// Only candidates with this expertise (one of their `expertise` entries).
    #[arg(long, value_name = "E")]
    expertise: Option<String>,
    /// Only candidates whose name (English or Persian), connection, expertise, source or notes
    /// contains TEXT; case, diacritics and Arabic/Persian letter forms are ignored.
    #[arg(long, value_name = "TEXT")]
    search: Option<String>,
    /// Include e-mail addresses and phone numbers (private: share with care).
    #[arg(long)]
    contacts: bool,
    #[command(flatten)]
    output: ListOutput,
}

impl ListArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let format = self.output.format(ctx)?;
        let root = ctx.root()?;
        // A `diplomat.yaml` with problems fails the list, as it fails every read.
        workspace::open(&root, &ctx.load_options())?;
        let mut pool = workspace::load_pool(&root, ctx.messages())
            .map_err(|broken| Error::problems(broken.problems))?
            .unwrap_or_default();
        if self.contacts {
            // Encrypted details are opened in memory only (the identity is needed).
            crate::cli::keys::reveal_pool(ctx, &root, &mut pool)?;
        }
        let lang = ctx.lang;
        let calendar = ctx.calendar;
        let filter = Filter {
            language: self.language,
            expertise: self.expertise,
            search: self.search,
        };
        let rows = pool::list(&pool, &filter, self.contacts);
        let text = match format {
            Format::Json => render::json(&rows)?,
            Format::Yaml => render::yaml(&rows)?,
            Format::Csv => {
                let mut columns = vec![
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
                if self.contacts {
                    columns.extend(["email", "phone"]);
                }
                render::csv::records(&columns, &rows)?
            }
            Format::Xlsx => {
                let book = Book::new(lang, calendar).sheet(sheet(&rows, lang, self.contacts));
                self.output.emit(ctx, &book.to_bytes()?)?;
                return Ok(Outcome::Ok);
            }
            _ => {
                let table = table(&rows, lang, calendar, self.contacts, pool.candidates.len());
                ctx.render_table(&table, format)
            }
        };
        self.output.emit(ctx, text.as_bytes())?;
        Ok(Outcome::Ok)
    }
}

/// The column headers, in English and Persian, before the contact details.
const HEADERS: [(&str, &str); 9] = [
    ("id", "شناسه"),
    ("name", "نام"),
    ("name (fa)", "نام (فارسی)"),
    ("languages", "زبان‌ها"),
    ("expertise", "تخصص"),
    ("connection", "ارتباط"),
    ("interests", "شهرهای مورد علاقه"),
    ("signed up", "تاریخ نام‌نویسی"),
    ("source", "منبع"),
];

fn contact_headers(lang: Lang) -> [&'static str; 2] {
    [lang.pick("email", "ایمیل"), lang.pick("phone", "تلفن")]
}

/// The workbook's sheet: one row per candidate (dates as dates, notes too); e-mail and phone
/// (as text) only with `contacts`.
fn sheet(rows: &[CandidateRow], lang: Lang, contacts: bool) -> Sheet {
    let mut sheet = Sheet::new(lang.pick("Pool", "داوطلبان"));
    for (i, (en, fa)) in HEADERS.iter().enumerate() {
        let kind = if i == 7 { Kind::Date } else { Kind::Text };
        sheet = sheet.column(lang.pick(en, fa), kind);
    }
    sheet = sheet.column(lang.pick("notes", "یادداشت"), Kind::Text);
    if contacts {
        for header in contact_headers(lang) {
            sheet = sheet.column(header, Kind::Text);
        }
    }
    let join = |items: &[String]| lang.list(items);
    for row in rows {
        let mut cells = vec![
            Cell::text(&row.id),
            Cell::text(&row.name),
            Cell::opt(row.name_fa.as_deref()),
            Cell::text(join(&row.languages)),
            Cell::text(join(&row.expertise)),
            Cell::opt(row.connection.as_deref()),
            Cell::text(join(&row.interests)),
            Cell::date(row.signed_up),
            Cell::opt(row.source.as_deref()),
            Cell::opt(row.notes.as_deref()),
        ];
        if contacts {
            let details = row.contact.clone().unwrap_or_default();
            cells.push(Cell::opt(details.email));
            cells.push(Cell::opt(details.phone));
        }
        sheet.push(cells);
    }
    sheet
}

/// The table: the notes are left to the other formats (they may run over lines).
fn table(
    rows: &[CandidateRow],
    lang: Lang,
    calendar: Calendar,
    contacts: bool,
    all: usize,
) -> Table {
    let mut headers: Vec<&str> = HEADERS.iter().map(|(en, fa)| lang.pick(en, fa)).collect();
    if contacts {
        headers.extend(contact_headers(lang));
    }
    let mut table = Table::new(headers);
    table.wrap = vec![1, 2, 3, 4, 5, 6, 8];
    // On a narrow terminal: the source, the sign-up date, the id (a name is shown), the name
    // in the other script, then the connection go first; the name, languages, expertise and
    // interests stay.
    table.drop = match lang {
        Lang::En => vec![8, 7, 0, 2, 5],
        Lang::Fa => vec![8, 7, 0, 1, 5],
    };
    let join = |items: &[String]| items.join(", ");
    for row in rows {
        let date = row
            .signed_up
            .map(|d| calendar::format_date(d, calendar, lang))
            .unwrap_or_default();
        let mut cells = vec![
            (row.id.clone(), Tone::Plain),
            (row.name.clone(), Tone::Plain),
            (row.name_fa.clone().unwrap_or_default(), Tone::Plain),
            (join(&row.languages), Tone::Plain),
            (join(&row.expertise), Tone::Plain),
            (row.connection.clone().unwrap_or_default(), Tone::Plain),
            (join(&row.interests), Tone::Plain),
            (date, Tone::Plain),
            (row.source.clone().unwrap_or_default(), Tone::Dim),
        ];
        if contacts {
            let details = row.contact.clone().unwrap_or_default();
            cells.push((details.email.unwrap_or_default(), Tone::Plain));
            cells.push((details.phone.unwrap_or_default(), Tone::Plain));
        }
        table.push(cells);
    }
    table.footer.push(count(lang, rows.len(), all));
    table
}

/// "3 candidates", "2 of 5 candidates" when a filter left some out.
fn count(lang: Lang, shown: usize, all: usize) -> String {
    let (n, of) = (lang.num(shown), lang.num(all));
    match (lang, shown == all) {
        (Lang::En, true) if shown == 1 => "1 candidate in the pool".to_owned(),
        (Lang::En, true) => format!("{n} candidates in the pool"),
        (Lang::En, false) => format!("{n} of {of} candidates in the pool"),
        (Lang::Fa, true) => format!("{n} داوطلب در فهرست داوطلبان"),
        (Lang::Fa, false) => format!("{n} داوطلب از {of} داوطلب فهرست"),
    }
}
