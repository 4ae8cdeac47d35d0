use clap::Args;

use crate::cli::output::ListOutput;
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::i18n::Lang;
use crate::i18n::localize_digits;
use crate::model::PartialDate;
use crate::model::vocab::RelationStatus;
use crate::query::cities::{self, CityRow, Filter};
use crate::render::table::{Table, Tone};
use crate::render::xlsx::{Book, Cell, Kind, Sheet};
use crate::render::{self, Format};

/// One row per city: slug, name, country, status, signed, readiness, active facilitators, last
/// contact, open and overdue actions.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat city list --status dormant\n  diplomat city list --country RU --format json\n  diplomat --lang fa city list"
)]
pub struct ListArgs {
    /// Only cities whose relationship has this status.
    #[arg(long, value_enum)]
    status: Option<RelationStatus>,
    /// Only cities of this country (ISO code, e.g. `ES`).
    #[arg(long, value_name = "CC")]
    country: Option<String>,
    /// Only cities with this sector of cooperation.
    #[arg(long, value_name = "X")]
    sector: Option<String>,
    #[command(flatten)]
    output: ListOutput,
}

impl ListArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let format = self.output.format(ctx)?;
        // Each dossier becomes its row as it is loaded: the dossiers are never all held at once.
        let mut ws = ctx.open()?;
        let checklist = ctx.checklist(&ws)?;
        let context = ctx.check_context(&ws);
        let filter = Filter {
            status: self.status,
            country: self.country,
            sector: self.sector,
        };
        let rows: Vec<CityRow> = ctx
            .map_dossiers(&mut ws, |l| {
                filter
                    .keeps(&l.dossier)
                    .then(|| cities::row(&l.dossier, &checklist, context))
            })?
            .into_iter()
            .flatten()
            .collect();
        let text = match format {
            Format::Json => render::json(&rows)?,
            Format::Yaml => render::yaml(&rows)?,
            Format::Csv => render::csv::records(render::csv::CITIES, &rows)?,
            Format::Xlsx => {
                let lang = ctx.lang;
                let bytes = Book::new(lang, ctx.calendar)
                    .sheet(sheet(&rows, lang))
                    .to_bytes()?;
                self.output.emit(ctx, &bytes)?;
                return Ok(Outcome::Ok);
            }
            _ => {
                let lang = ctx.lang;
                let mut table = table(
                    &rows,
                    lang,
                    |d| ctx.format_date(d),
                    |p| ctx.format_partial(p),
                );
                table.footer.extend(ctx.broken_note(&ws));
                ctx.render_table(&table, format)
            }
        };
        self.output.emit(ctx, text.as_bytes())?;
        Ok(Outcome::Ok)
    }
}

/// The workbook's one sheet: names and labels in `lang`, dates as dates, counts as numbers.
fn sheet(rows: &[CityRow], lang: Lang) -> Sheet {
    let mut sheet = Sheet::new(lang.pick("Cities", "شهرها"))
        .column(lang.pick("slug", "شناسه"), Kind::Text)
        .column(lang.pick("name", "نام"), Kind::Text)
        .column(lang.pick("country", "کشور"), Kind::Text)
        .column(lang.pick("status", "وضعیت"), Kind::Text)
        .column(lang.pick("signed", "امضا"), Kind::Date)
        .column(lang.pick("readiness met", "آمادگی: برآورده"), Kind::Number)
        .column(lang.pick("readiness items", "آمادگی: موارد"), Kind::Number)
        .column(
            lang.pick("active facilitators", "تسهیل‌گران فعال"),
            Kind::Number,
        )
        .column(lang.pick("last contact", "آخرین ارتباط"), Kind::Date)
        .column(lang.pick("open actions", "اقدام‌های باز"), Kind::Number)
        .column(lang.pick("overdue actions", "اقدام‌های معوق"), Kind::Number);
    for row in rows {
        let signed = match row.signed {
            Some(PartialDate::Day(d)) => Cell::Date(d),
            // A bare year or month stays as written.
            Some(other) => Cell::Text(other.to_string()),
            None => Cell::Empty,
        };
        sheet.push(vec![
            Cell::text(&row.slug),
            Cell::text(row.name.shown(lang)),
            Cell::text(&row.country),
            Cell::text(row.status.label(lang)),
            signed,
            Cell::count(row.readiness.met),
            Cell::count(row.readiness.total),
            Cell::count(row.active_facilitators),
            Cell::date(row.last_contact),
            Cell::count(row.open_actions),
            Cell::count(row.overdue_actions),
        ]);
    }
    sheet
}

fn table(
    rows: &[CityRow],
    lang: Lang,
    date: impl Fn(jiff::civil::Date) -> String,
    partial: impl Fn(PartialDate) -> String,
) -> Table {
    let headers = match lang {
        Lang::En => [
            "slug",
            "name",
            "country",
            "status",
            "signed",
            "readiness",
            "facilitators",
            "last contact",
            "open",
            "overdue",
        ],
        Lang::Fa => [
            "شناسه",
            "نام",
            "کشور",
            "وضعیت",
            "امضا",
            "آمادگی",
            "تسهیل‌گران",
            "آخرین ارتباط",
            "باز",
            "معوق",
        ],
    };
    let mut table = Table::new(headers);
    table.wrap = vec![1, 3];
    // On a narrow terminal: the signing date, the country, the slug (the name is shown), the
    // counts of open actions, readiness and facilitators go first; overdue, the status and the
    // last contact stay longest.
    table.drop = vec![4, 2, 0, 8, 5, 6, 7];
    let num = |n: usize| localize_digits(&n.to_string(), lang).into_owned();
    for row in rows {
        let signed = row.signed.map(&partial).unwrap_or_default();
        let readiness = format!("{}/{}", num(row.readiness.met), num(row.readiness.total));
        let ready_tone = if row.readiness.met == row.readiness.total {
            Tone::Good
        } else {
            Tone::Plain
        };
        let fac_tone = if row.active_facilitators == 0 {
            Tone::Warn
        } else {
            Tone::Plain
        };
        let overdue_tone = if row.overdue_actions > 0 {
            Tone::Bad
        } else {
            Tone::Plain
        };
        table.push(vec![
            (row.slug.clone(), Tone::Plain),
            (row.name.shown(lang).to_owned(), Tone::Plain),
            (row.country.clone(), Tone::Plain),
            (row.status.label(lang).to_owned(), Tone::Plain),
            (signed, Tone::Plain),
            (readiness, ready_tone),
            (num(row.active_facilitators), fac_tone),
            (
                row.last_contact.map(&date).unwrap_or_else(|| "—".into()),
                Tone::Plain,
            ),
            (num(row.open_actions), Tone::Plain),
            (num(row.overdue_actions), overdue_tone),
        ]);
    }
    let total = num(rows.len());
    table.footer.push(match lang {
        Lang::En => format!(
            "{total} {}",
            if rows.len() == 1 { "city" } else { "cities" }
        ),
        Lang::Fa => format!("{total} شهر"),
    });
    table
}
