use clap::Args;

use crate::cli::output::ListOutput;
use crate::cli::{Ctx, Outcome};
use crate::error::{Error, Result};
use crate::query::pool::{self, Filter};
use crate::render::xlsx::Book;
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
        let mut pool = workspace::load_pool_cached(&root, &ctx.load_options())
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
                let columns = render::csv::with_contacts(render::csv::POOL, self.contacts);
                render::csv::records(&columns, &rows)?
            }
            Format::Xlsx => {
                let book = Book::new(lang, calendar).sheet(render::pool::sheet(
                    &rows,
                    lang,
                    self.contacts,
                ));
                self.output.emit(ctx, &book.to_bytes()?)?;
                return Ok(Outcome::Ok);
            }
            _ => {
                let all = pool.candidates.len();
                let table = render::pool::table(&rows, lang, calendar, self.contacts, all);
                ctx.render_table(&table, format)
            }
        };
        self.output.emit(ctx, text.as_bytes())?;
        Ok(Outcome::Ok)
    }
}
