use clap::Args;

use crate::cli::output::ListOutput;
use crate::cli::{Ctx, Outcome};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::vocab::Owner;
use crate::query::agenda::{self, Window};
use crate::query::cities;
use crate::render::xlsx::Book;
use crate::render::{self, Format};

/// What is coming: planned events, actions due, follow-ups and renewals, overdue first.
///
/// One list by date, what is already overdue at its top. By default today and the 14 days after it. Events planned or confirmed with a day in the
/// window; open actions due in it; people whose follow-up falls due in it; an agreement
/// (`relationship.expires`) from `renew_notice_days` before it expires. Overdue actions and
/// follow-ups (due before today) and expired agreements come first, whatever the window.
///
/// `--format ics` (or `-o FILE.ics`) writes it as a calendar for Outlook, Google Calendar,
/// Thunderbird or khal to import or subscribe to: every item an entry, the same entry on every
/// run (a second import updates it), cancelled events said cancelled.
///
/// `--owner` keeps only the actions that owner carries. Dates on the command line may be
/// Gregorian (`2026-12-31`), Solar Hijri (`1405/10/10`), in Persian or ASCII digits, or `today`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat agenda\n  diplomat agenda --days 30 --city barcelona\n  diplomat agenda --from 1405/10/01 --to 1405/10/30\n  diplomat agenda --owner chamber\n  diplomat agenda --format json\n  diplomat agenda --days 365 -o agenda.ics\n  diplomat --lang fa --calendar jalali agenda"
)]
pub struct AgendaArgs {
    /// The first day (default today).
    #[arg(long, value_name = "D")]
    from: Option<String>,
    /// The last day (default 14 days after `--from`).
    #[arg(long, value_name = "D", conflicts_with = "days")]
    to: Option<String>,
    /// The days after `--from` to show (default 14).
    #[arg(long, value_name = "N")]
    days: Option<u16>,
    /// Only this city's items (slug or any of its names); repeat for several.
    #[arg(long, value_name = "C", add = crate::cli::city_completer())]
    city: Vec<String>,
    /// Only the actions this owner carries.
    #[arg(long, value_enum, value_name = "O")]
    owner: Option<Owner>,
    #[command(flatten)]
    output: ListOutput,
}

/// The days shown unless told.
const DEFAULT_DAYS: i32 = 14;

impl AgendaArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let ics_file = self.output.output.as_deref().is_some_and(|path| {
            path.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("ics"))
        });
        let format = match ctx.global.format {
            None if ics_file => Format::Ics,
            Some(Format::Ics) => Format::Ics,
            _ => self.output.format(ctx)?,
        };
        let from = crate::cli::write::opt_date(ctx, self.from.as_deref(), "--from")?;
        let to = crate::cli::write::opt_date(ctx, self.to.as_deref(), "--to")?;
        let from = from.unwrap_or(ctx.today);
        let days = self.days.map_or(DEFAULT_DAYS, i32::from);
        let mut window = Window::days(from, days);
        if let Some(to) = to {
            if from > to {
                return Err(Error::usage(|lang: Lang| {
                    let (f, t) = (lang.code("--from"), lang.code("--to"));
                    say!(lang, "{f} is after {t}", "{f} پس از {t} است")
                }));
            }
            window.to = to;
        }
        window.owner = self.owner;
        window.cancelled = format == Format::Ics;
        let (lang, today) = (ctx.lang, ctx.today);
        // Each dossier becomes its items and its name as it is loaded, unless a `--city` must
        // be found among them first: at 10,000 dossiers, holding them all is most of the time.
        let (ws, mut cities): (_, Vec<City>) = if self.city.is_empty() {
            let mut ws = ctx.open()?;
            let settings = ws.settings.clone();
            let cities = ctx.map_dossiers(&mut ws, |l| {
                City::of(&l.dossier, &settings, &window, today, lang)
            })?;
            (ws, cities)
        } else {
            let ws = ctx.load()?;
            for query in &self.city {
                let slug = cities::find_in(&ws, query)?.dossier.slug.clone();
                if !window.cities.contains(&slug) {
                    window.cities.push(slug);
                }
            }
            let cities = ws
                .dossiers
                .iter()
                .map(|l| City::of(&l.dossier, &ws.settings, &window, today, lang))
                .collect();
            (ws, cities)
        };
        let mut items: Vec<_> = cities
            .iter_mut()
            .flat_map(|c| std::mem::take(&mut c.items))
            .collect();
        agenda::sort(&mut items);
        let calendar = ctx.calendar;
        // In slug order, as the dossiers are given.
        let city = |slug: &str| {
            let at = cities.partition_point(|c| c.slug.as_str() < slug);
            cities
                .get(at)
                .filter(|c| c.slug == slug)
                .map_or_else(|| slug.to_owned(), |c| c.name.clone())
        };
        let text = match format {
            Format::Json => render::json(&items)?,
            Format::Yaml => render::yaml(&items)?,
            Format::Csv => render::csv::records(render::agenda::CSV, &items)?,
            Format::Ics => {
                let home = ws.settings.home_city.shown(lang);
                let name = match lang {
                    Lang::En => format!("{home} sister cities: agenda"),
                    Lang::Fa => format!("برنامهٔ پیش روی شهرهای خواهرخواندهٔ {home}"),
                };
                render::ics::calendar(
                    &items,
                    &render::ics::Options {
                        name: &name,
                        lang,
                        calendar,
                        today: ctx.today,
                        city: &city,
                    },
                )
            }
            Format::Xlsx => {
                let book =
                    Book::new(lang, calendar).sheet(render::agenda::sheet(&items, lang, &city));
                self.output.emit(ctx, &book.to_bytes()?)?;
                return Ok(Outcome::Ok);
            }
            _ => {
                let markdown = format == Format::Markdown;
                let mut table =
                    render::agenda::table(&items, lang, calendar, ctx.today, &city, markdown);
                table.footer.push(render::agenda::footer(
                    &items,
                    window.from,
                    window.to,
                    calendar,
                    lang,
                ));
                table.footer.extend(ctx.broken_note(&ws));
                ctx.render_table(&table, format)
            }
        };
        self.output.emit(ctx, text.as_bytes())?;
        Ok(Outcome::Ok)
    }
}

/// What the agenda keeps of a dossier: its items, and its name for the rows.
struct City {
    slug: String,
    name: String,
    items: Vec<agenda::AgendaItem>,
}

impl City {
    fn of(
        d: &crate::model::Dossier,
        settings: &crate::model::Settings,
        window: &Window,
        today: jiff::civil::Date,
        lang: Lang,
    ) -> City {
        City {
            slug: d.slug.clone(),
            name: d.name.shown(lang).to_owned(),
            items: agenda::of(d, settings, window, today, lang),
        }
    }
}
