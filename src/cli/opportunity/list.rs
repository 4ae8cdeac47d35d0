use clap::Args;

use crate::cli::output::ListOutput;
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::i18n::Lang;
use crate::model::vocab::{Owner, Stage};
use crate::query::cities;
use crate::query::opportunities::{self, Filter, OpportunityRow};
use crate::render::table::{Table, Tone};
use crate::render::xlsx::{Book, Cell, Kind, Sheet};
use crate::render::{self, Format};

/// The pipeline of trade and investment opportunities across cities, with how long each has
/// been at its stage.
///
/// One row per opportunity, down the pipeline (idea, exploring, negotiating, agreed, closed,
/// lost), then by city. `since` is the date of the last stage change recorded in the
/// opportunity's `history:` (`opportunity set --stage` records it); `days_in_stage` counts the
/// days from then to today.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat opportunity list\n  diplomat opportunity list --stage negotiating --stage agreed\n  diplomat opportunity list --city barcelona --sector handicrafts --format json"
)]
pub struct ListArgs {
    /// Only this city's opportunities (slug or any of its names).
    #[arg(long, value_name = "CITY", add = crate::cli::city_completer())]
    city: Option<String>,
    /// Only opportunities at this stage (repeat for several).
    #[arg(long, value_enum, value_name = "S")]
    stage: Vec<Stage>,
    /// Only opportunities of this sector.
    #[arg(long, value_name = "S")]
    sector: Option<String>,
    /// Only opportunities led by this side.
    #[arg(long, value_enum, value_name = "O")]
    lead: Option<Owner>,
    #[command(flatten)]
    output: ListOutput,
}

impl ListArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let format = self.output.format(ctx)?;
        let ws = ctx.load()?;
        let city = match &self.city {
            Some(query) => Some(cities::find(&ws.dossiers, query)?.dossier.slug.clone()),
            None => None,
        };
        let filter = Filter {
            city,
            stages: self.stage,
            sector: self.sector,
            lead: self.lead,
        };
        let rows = opportunities::rows(ws.dossiers.iter().map(|l| &l.dossier), &filter, ctx.today);
        let text = match format {
            Format::Json => render::json(&rows)?,
            Format::Yaml => render::yaml(&rows)?,
            Format::Csv => render::csv::records(render::csv::OPPORTUNITIES, &rows)?,
            Format::Xlsx => {
                let lang = ctx.lang;
                let name = |slug: &str| crate::cli::output::city_name(&ws, slug, lang);
                let book = Book::new(lang, ctx.calendar).sheet(sheet(&rows, lang, name));
                self.output.emit(ctx, &book.to_bytes()?)?;
                return Ok(Outcome::Ok);
            }
            _ => {
                let lang = ctx.lang;
                let mut table = table(&rows, lang, |d| ctx.format_date(d));
                table.footer.push(footer(rows.len(), lang));
                table.footer.extend(ctx.broken_note(&ws));
                ctx.render_table(&table, format)
            }
        };
        self.output.emit(ctx, text.as_bytes())?;
        Ok(Outcome::Ok)
    }
}

/// The workbook's sheet: the city by name, `since` as a date, days at the stage as a number.
fn sheet(rows: &[OpportunityRow], lang: Lang, city: impl Fn(&str) -> String) -> Sheet {
    let mut sheet = Sheet::new(lang.pick("Opportunities", "فرصت‌ها"))
        .column(lang.pick("city", "شهر"), Kind::Text)
        .column(lang.pick("id", "شناسه"), Kind::Text)
        .column(lang.pick("title", "عنوان"), Kind::Text)
        .column(lang.pick("sector", "بخش"), Kind::Text)
        .column(lang.pick("stage", "مرحله"), Kind::Text)
        .column(lang.pick("lead", "پیشگام"), Kind::Text)
        .column(lang.pick("since", "از"), Kind::Date)
        .column(lang.pick("days in stage", "روز در این مرحله"), Kind::Number);
    for row in rows {
        sheet.push(vec![
            Cell::text(city(&row.city)),
            Cell::text(&row.id),
            Cell::text(&row.title),
            Cell::text(&row.sector),
            Cell::text(row.stage.label(lang)),
            Cell::opt(row.lead.map(|l| l.label(lang))),
            Cell::date(row.since),
            row.days_in_stage.map_or(Cell::Empty, Cell::num),
        ]);
    }
    sheet
}

fn table(rows: &[OpportunityRow], lang: Lang, date: impl Fn(jiff::civil::Date) -> String) -> Table {
    let headers = match lang {
        Lang::En => [
            "city", "id", "title", "sector", "stage", "lead", "since", "days",
        ],
        Lang::Fa => [
            "شهر",
            "شناسه",
            "عنوان",
            "بخش",
            "مرحله",
            "پیشگام",
            "از",
            "روز",
        ],
    };
    let mut table = Table::new(headers);
    table.wrap = vec![0, 2];
    // On a narrow terminal: days (since says it), since, sector, lead, then the city go first.
    table.drop = vec![7, 6, 3, 5, 0];
    for row in rows {
        let tone = match row.stage {
            Stage::Closed | Stage::Lost => Tone::Dim,
            _ => Tone::Plain,
        };
        table.push(vec![
            (row.city.clone(), tone),
            (row.id.clone(), tone),
            (row.title.clone(), tone),
            (row.sector.clone(), tone),
            (row.stage.label(lang).to_owned(), tone),
            (
                row.lead
                    .map(|l| l.label(lang).to_owned())
                    .unwrap_or_else(|| "—".into()),
                tone,
            ),
            (row.since.map(&date).unwrap_or_else(|| "—".into()), tone),
            (
                row.days_in_stage
                    .map(|d| lang.num(d))
                    .unwrap_or_else(|| "—".into()),
                tone,
            ),
        ]);
    }
    table
}

/// "3 opportunities".
fn footer(count: usize, lang: Lang) -> String {
    match lang {
        Lang::En if count == 1 => "1 opportunity".to_owned(),
        Lang::En => format!("{count} opportunities"),
        Lang::Fa => format!("{} فرصت", lang.num(count)),
    }
}
