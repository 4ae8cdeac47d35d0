use clap::Args;

use crate::cli::output::ListOutput;
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::model::vocab::FacilitatorStatus;
use crate::query::cities;
use crate::query::facilitators::{self, Filter};
use crate::query::matching::Ranking;
use crate::query::shortlist::Shortlist;
use crate::render::facilitators::GapRow;
use crate::render::xlsx::Book;
use crate::render::{self, Format};
use crate::workspace;

/// Facilitators across all cities: one row per person, with every city they serve.
///
/// The same `id` in two dossiers is the same person. Where dossiers describe one person
/// differently (name or status), the first city's details (in slug order) are shown and a warning
/// names the difference.
///
/// Below the table: the count, and the gap — the cities with no active facilitator. `--gaps`
/// lists only those cities. Facilitators are private citizens: e-mail addresses and phone
/// numbers are shown only with `--contacts`, in every format.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat facilitator list\n  diplomat facilitator list --city barcelona --status active\n  diplomat facilitator list --language es --expertise tourism\n  diplomat facilitator list --search معماری\n  diplomat facilitator list --gaps\n  diplomat facilitator list --contacts --format csv > facilitators.csv"
)]
pub struct ListArgs {
    /// Only facilitators serving this city (slug or any of its names).
    #[arg(long, value_name = "CITY", add = crate::cli::city_completer())]
    city: Option<String>,
    /// Only facilitators speaking this language (one of their `languages`, e.g. `es`).
    #[arg(long, value_name = "L")]
    language: Option<String>,
    /// Only facilitators with this expertise (one of their `expertise` entries).
    #[arg(long, value_name = "E")]
    expertise: Option<String>,
    /// Only facilitators with this status.
    #[arg(long, value_enum, value_name = "S")]
    status: Option<FacilitatorStatus>,
    /// Only facilitators whose name (English or Persian), connection or expertise contains TEXT;
    /// case, diacritics and Arabic/Persian letter forms are ignored.
    #[arg(long, value_name = "TEXT")]
    search: Option<String>,
    /// Include e-mail addresses and phone numbers (private: share with care).
    #[arg(long)]
    contacts: bool,
    /// List only the cities with no active facilitator (one slug and name per row).
    #[arg(
        long,
        conflicts_with_all = ["language", "expertise", "status", "search", "contacts"]
    )]
    gaps: bool,
    #[command(flatten)]
    output: ListOutput,
}

impl ListArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let format = self.output.format(ctx)?;
        let mut ws = ctx.load()?;
        if self.contacts {
            // Encrypted details are opened in memory only (the identity is needed).
            crate::cli::keys::reveal(ctx, &mut ws, None)?;
        }
        let lang = ctx.lang;
        let scope = match &self.city {
            Some(query) => Some(&cities::find_in(&ws, query)?.dossier),
            None => None,
        };
        let city = scope.map(|d| d.slug.clone());
        let scope = scope.map(|d| &d.name);
        let dossiers = || ws.dossiers.iter().map(|l| &l.dossier);
        let gaps = facilitators::gaps(dossiers(), city.as_deref());

        if self.gaps {
            let pool = workspace::load_pool_cached(&ws.root, &ctx.load_options())
                .ok()
                .flatten()
                .unwrap_or_default();
            let shortlist = Shortlist::new(dossiers(), &pool);
            let rankings: Vec<Ranking> = gaps
                .iter()
                .filter_map(|g| dossiers().find(|d| d.slug == g.slug))
                .map(|d| shortlist.rank(d))
                .collect();
            let rows: Vec<GapRow> = gaps
                .iter()
                .zip(&rankings)
                .map(|(gap, ranking)| GapRow::of(gap, ranking, lang))
                .collect();
            let text = match format {
                Format::Json => render::json(&rows)?,
                Format::Yaml => render::yaml(&rows)?,
                Format::Csv => render::csv::write(render::csv::GAPS, rows.iter().map(GapRow::csv)),
                Format::Xlsx => {
                    let sheet = render::facilitators::gaps_sheet(&gaps, &rankings, lang);
                    let book = Book::new(lang, ctx.calendar).sheet(sheet);
                    self.output.emit(ctx, &book.to_bytes()?)?;
                    return Ok(Outcome::Ok);
                }
                _ => {
                    let mut table = render::facilitators::gaps_table(&gaps, &rankings, scope, lang);
                    table.footer.extend(ctx.broken_note(&ws));
                    ctx.render_table(&table, format)
                }
            };
            self.output.emit(ctx, text.as_bytes())?;
            return Ok(Outcome::Ok);
        }

        let filter = Filter {
            city,
            language: self.language,
            expertise: self.expertise,
            status: self.status,
            search: self.search,
        };
        let listing = facilitators::list(dossiers(), &filter, self.contacts);
        if !ctx.global.quiet {
            for conflict in &listing.conflicts {
                ctx.warn(|lang| conflict.describe(lang));
            }
        }
        let text = match format {
            Format::Json => render::json(&listing.rows)?,
            Format::Yaml => render::yaml(&listing.rows)?,
            Format::Csv => {
                let columns = render::csv::with_contacts(render::csv::FACILITATORS, self.contacts);
                render::csv::records(&columns, &listing.rows)?
            }
            Format::Xlsx => {
                let book = Book::new(lang, ctx.calendar).sheet(render::facilitators::sheet(
                    &listing.rows,
                    lang,
                    self.contacts,
                ));
                self.output.emit(ctx, &book.to_bytes()?)?;
                return Ok(Outcome::Ok);
            }
            _ => {
                let mut table = render::facilitators::table(&listing.rows, lang, self.contacts);
                table
                    .footer
                    .push(render::facilitators::gap_line(&gaps, scope, lang));
                table.footer.extend(ctx.broken_note(&ws));
                ctx.render_table(&table, format)
            }
        };
        self.output.emit(ctx, text.as_bytes())?;
        Ok(Outcome::Ok)
    }
}
