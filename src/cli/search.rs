use std::path::PathBuf;

use clap::Args;

use crate::cli::{Ctx, Outcome};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::query::cities;
use crate::query::search::{self, Kind, Reading, Search, Source};
use crate::render::{self, Format};
use crate::text::lookup_key;
use crate::workspace;

/// Find text in every dossier and the pool, in any script: each hit located and highlighted.
///
/// Names in every script, titles, summaries, outcomes, evidence, notes, connections,
/// organizations, places, sources, sectors, expertise and the text of `x-` keys.
///
/// Matching folds case, diacritics, Arabic and Persian letter forms (ي/ی, ك/ک, ة/ه), ZWNJ,
/// tatweel and the spaces between words, and reads Persian and Arabic-Indic digits as ASCII,
/// as city names are looked up. Every word must be found in one record (in any of its texts);
/// "a phrase" in quotes is found as written. Each hit is located (`cities/kazan.yaml:92:32`)
/// and named by its record; dated records come first, newest first.
///
/// E-mail addresses and phone numbers are never searched nor shown, unless `--contacts`
/// (and never when encrypted). Exit 0 when something is found, 1 when nothing is.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat search halal\n  diplomat search counsellor visa --in interaction\n  diplomat search '\"halal certificate\"' --city kazan\n  diplomat search زعفران --since 1405/07/01\n  diplomat search saffron --format json"
)]
pub struct SearchArgs {
    /// Words to find, all in one record; "a phrase" in quotes (quoted for the shell too).
    #[arg(required = true, value_name = "QUERY")]
    query: Vec<String>,
    /// Only in this city (slug or any of its names); repeat for several. The pool is left out.
    #[arg(long, value_name = "C", add = crate::cli::city_completer())]
    city: Vec<String>,
    /// Only in records of this kind; repeat for several.
    #[arg(long = "in", value_enum, value_name = "KIND")]
    kinds: Vec<Kind>,
    /// Only records dated on or after D (an interaction's date, an action's done or due date,
    /// an assessment's date…); undated records are left out.
    #[arg(long, value_name = "D")]
    since: Option<String>,
    /// Only records dated on or before D; undated records are left out.
    #[arg(long, value_name = "D")]
    until: Option<String>,
    /// Also search and show e-mail addresses and phone numbers written in plain (private:
    /// share with care); encrypted ones are never searched.
    #[arg(long)]
    contacts: bool,
}

impl SearchArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let format = ctx.global.format.unwrap_or(Format::Table);
        render::check_record_format(format)?;
        let terms = search::terms(&self.query)?;
        let since = crate::cli::write::opt_date(ctx, self.since.as_deref(), "--since")?;
        let until = crate::cli::write::opt_date(ctx, self.until.as_deref(), "--until")?;
        if let (Some(since), Some(until)) = (since, until)
            && since > until
        {
            return Err(Error::usage(|lang: Lang| {
                let (s, u) = (lang.code("--since"), lang.code("--until"));
                say!(lang, "{s} is after {u}", "{s} پس از {u} است")
            }));
        }
        let mut ws = ctx.open()?;
        let sources = self.sources(ctx, &ws)?;
        let reading = match (ctx.global.strict, ctx.global.no_cache) {
            (true, _) => Reading::Checked,
            (false, true) => Reading::Every,
            (false, false) => Reading::Quick,
        };
        let search = Search {
            terms,
            kinds: self.kinds,
            since,
            until,
            contacts: self.contacts,
            reading,
            // As the dossiers' cache: not when `.diplomat/` leads out of the workspace.
            cache: !ctx.global.no_cache && workspace::state_path(&ws.root, "cache").is_ok(),
        };
        let found = search::run(&ws.root, &sources, &search, ctx.messages());
        ws.broken = found.broken;
        ctx.report_broken(&ws)?;
        if found.sealed > 0 {
            let n = found.sealed;
            ctx.note(move |lang: Lang| {
                let n = lang.num(n);
                say!(
                    lang,
                    "{n} encrypted e-mails and phones were not searched: search does not open them",
                    "{n} ایمیل و تلفن رمزشده جستجو نشد: جستجو آن‌ها را باز نمی‌کند"
                )
            });
        }
        let hits = found.hits;
        let text = match format {
            Format::Json => render::json(&hits)?,
            Format::Yaml => render::yaml(&hits)?,
            Format::Csv => render::csv::records(COLUMNS, &hits)?,
            _ if hits.is_empty() => String::new(),
            _ => {
                let lang = ctx.lang;
                let mut table = render::search::table(&hits, lang, ctx.calendar);
                table.footer.extend(ctx.broken_note(&ws));
                let markdown = format == Format::Markdown;
                render::search::highlight(&ctx.render_table(&table, format), markdown, ctx.color)
            }
        };
        ctx.write(&text)?;
        if !hits.is_empty() {
            return Ok(Outcome::Ok);
        }
        let query = self.query.join(" ");
        ctx.note(move |lang: Lang| {
            let query = lang.code(&query);
            say!(
                lang,
                "nothing found for {query}",
                "برای {query} چیزی یافت نشد"
            )
        });
        Ok(Outcome::Findings)
    }

    /// The files to search: every dossier and the pool, or the dossiers of `--city`.
    fn sources(&self, ctx: &mut Ctx, ws: &workspace::Workspace) -> Result<Vec<Source>> {
        let files = workspace::dossier_files(&ws.root);
        if self.city.is_empty() {
            let mut sources: Vec<Source> = files.into_iter().map(Source::Dossier).collect();
            let pool = ws.root.join(search::POOL_FILE);
            if std::fs::symlink_metadata(&pool).is_ok() {
                sources.push(Source::Pool(pool));
            }
            return Ok(sources);
        }
        // A slug names its file; any other name needs the dossiers read.
        let by_stem = |query: &str| -> Option<PathBuf> {
            let wanted = lookup_key(query);
            files
                .iter()
                .find(|p| p.file_stem().and_then(|s| s.to_str()) == Some(query))
                .or_else(|| {
                    files.iter().find(|p| {
                        p.file_stem()
                            .and_then(|s| s.to_str())
                            .is_some_and(|s| lookup_key(s) == wanted)
                    })
                })
                .cloned()
        };
        let named: Vec<Option<PathBuf>> = self.city.iter().map(|q| by_stem(q)).collect();
        let loaded = match named.iter().any(Option::is_none) {
            true => Some(ctx.load()?),
            false => None,
        };
        let mut paths: Vec<PathBuf> = Vec::new();
        for (query, path) in self.city.iter().zip(named) {
            let path = match (path, &loaded) {
                (Some(path), _) => path,
                (None, Some(all)) => cities::find_in(all, query)?.path.clone(),
                (None, None) => continue,
            };
            if !paths.contains(&path) {
                paths.push(path);
            }
        }
        Ok(paths.into_iter().map(Source::Dossier).collect())
    }
}

/// The CSV columns: the JSON's keys.
const COLUMNS: &[&str] = &[
    "city", "file", "line", "column", "kind", "id", "date", "field", "snippet", "title",
];
