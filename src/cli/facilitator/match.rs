use clap::Args;

use crate::cli::output::ListOutput;
use crate::cli::{Ctx, Outcome};
use crate::error::{Error, Result};
use crate::query::cities;
use crate::query::matching::{self, Ask};
use crate::render::matching::{self as shown, City};
use crate::render::xlsx::Book;
use crate::render::{self, Format};
use crate::workspace;

/// Who could serve a city: the pool's candidates, the city's prospective facilitators and the
/// active facilitators of other cities, best first, each with why and what is missing.
///
/// Each criterion is a reason and a share of the score (0–100): speaks one of the city's
/// languages (its `languages:`, else its country's likely one; `--language` replaces them),
/// 35; a connection naming the city (20) or its country (15), in any script; expertise in the
/// city's sectors or its open opportunities' (`--expertise` replaces them), 20; named the city
/// among their interests, 10; serves no other city, 10 (one other, 5); took part in
/// interactions or reviews before, 5. Under the ranking: how many people meet each criterion,
/// so that an empty answer says why ("nobody speaks Chinese (zh)"). No contact details are
/// shown: `pool list --contacts` and `facilitator list --contacts` have them.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat facilitator match xian\n  diplomat facilitator match شیان --lang fa\n  diplomat facilitator match barcelona --language ca --expertise architecture\n  diplomat facilitator match kazan --limit 0 --format json"
)]
pub struct MatchArgs {
    /// Slug or any of the city's names.
    #[arg(add = crate::cli::city_completer())]
    city: String,
    /// A language to look for in place of the city's, by its code (repeatable).
    #[arg(long = "language", value_name = "L")]
    languages: Vec<String>,
    /// An expertise to look for in place of the city's sectors (repeatable).
    #[arg(long = "expertise", value_name = "E")]
    expertise: Vec<String>,
    /// How many to show, best first (0: everyone).
    #[arg(long, value_name = "N", default_value_t = 10)]
    limit: usize,
    #[command(flatten)]
    output: ListOutput,
}

impl MatchArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let format = self.output.format(ctx)?;
        let ws = ctx.load()?;
        let pool = workspace::load_pool_cached(&ws.root, &ctx.load_options())
            .map_err(|broken| Error::problems(broken.problems))?
            .unwrap_or_default();
        let city = &cities::find_in(&ws, &self.city)?.dossier;
        let lang = ctx.lang;
        let ask = Ask {
            languages: trimmed(self.languages),
            expertise: trimmed(self.expertise),
        };
        let ranking = matching::rank(city, ws.dossiers.iter().map(|l| &l.dossier), &pool, &ask);
        let limit = match self.limit {
            0 => ranking.matches.len(),
            n => n.min(ranking.matches.len()),
        };
        let place = City {
            names: &city.name,
            country: &city.country,
        };
        let rows = || shown::rows(&ranking.matches[..limit], &place, lang);
        let text = match format {
            Format::Json => render::json(&rows())?,
            Format::Yaml => render::yaml(&rows())?,
            Format::Csv => render::csv::write(shown::CSV, shown::csv_records(&rows())),
            Format::Xlsx => {
                let book = Book::new(lang, ctx.calendar).sheet(shown::sheet(&rows(), lang));
                self.output.emit(ctx, &book.to_bytes()?)?;
                ctx.note(|lang| shown::said(&ranking, limit, &place, lang));
                return Ok(Outcome::Ok);
            }
            _ => {
                let markdown = format == Format::Markdown;
                let mut table = shown::table(&ranking, limit, &place, lang, markdown);
                table.footer.extend(ctx.broken_note(&ws));
                ctx.render_table(&table, format)
            }
        };
        self.output.emit(ctx, text.as_bytes())?;
        if !matches!(format, Format::Table | Format::Markdown) {
            ctx.note(|lang| shown::said(&ranking, limit, &place, lang));
        }
        Ok(Outcome::Ok)
    }
}

fn trimmed(values: Vec<String>) -> Vec<String> {
    values
        .into_iter()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect()
}
