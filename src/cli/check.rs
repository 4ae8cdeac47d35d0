use clap::Args;
use serde::Serialize;

use super::{Ctx, Outcome};
use crate::cli::output::ListOutput;
use crate::error::Result;
use crate::i18n::Lang;
use crate::model::Dossier;
use crate::model::Names;
use crate::model::vocab::ReadinessStatus;
use crate::query::checklist::{Checklist, CityCheck, ItemResult, Test};
use crate::query::cities;
use crate::query::shortlist::{self, Shortlist};
use crate::render::city::symbol;
use crate::render::matching as shown;
use crate::render::table::{Table, Tone};
use crate::render::xlsx::{Book, Cell, Kind, Sheet};
use crate::render::{self, Format};
use crate::text::strip_isolates;
use crate::workspace;

/// The readiness checklist per city: each item ✓/✗ with the reason.
///
/// The checklist is `templates/readiness.yaml` (the workspace's own, else the built-in one).
/// Exits 1 when any item of the checked cities is not met.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  diplomat check\n  diplomat check barcelona florence\n  diplomat check --format json"
)]
pub struct CheckArgs {
    /// Cities to check (slug or any name); all when none are given.
    #[arg(add = crate::cli::city_completer())]
    cities: Vec<String>,
    #[command(flatten)]
    output: ListOutput,
}

impl CheckArgs {
    pub fn run(self, ctx: &mut Ctx) -> Result<Outcome> {
        let format = self.output.format(ctx)?;
        // Every city: each dossier becomes its check as it is loaded, never all held at once.
        let mut ws = if self.cities.is_empty() {
            ctx.open()?
        } else {
            ctx.load()?
        };
        let checklist = ctx.checklist(&ws)?;
        let context = ctx.check_context(&ws);
        // Each loaded city's slug and names, sorted by slug, for the names shown.
        let mut people = Vec::new();
        let (names, mut checks): (Vec<(String, Names)>, Vec<CityCheck>) = if self.cities.is_empty()
        {
            let rows = ctx.map_dossiers(&mut ws, |l| {
                let d = &l.dossier;
                (
                    (d.slug.clone(), d.name.clone()),
                    checklist.evaluate(d, context),
                    shortlist::people_of(d),
                )
            })?;
            let mut names = Vec::with_capacity(rows.len());
            let mut checks = Vec::with_capacity(rows.len());
            for (name, check, slim) in rows {
                names.push(name);
                checks.push(check);
                people.push(slim);
            }
            (names, checks)
        } else {
            let selected = self
                .cities
                .iter()
                .map(|c| cities::find_in(&ws, c))
                .collect::<Result<Vec<_>>>()?;
            let names = ws
                .dossiers
                .iter()
                .map(|l| (l.dossier.slug.clone(), l.dossier.name.clone()))
                .collect();
            let checks = selected
                .iter()
                .map(|l| checklist.evaluate(&l.dossier, context))
                .collect();
            (names, checks)
        };
        let lang = ctx.lang;
        let dossiers: Vec<&Dossier> = match people.is_empty() {
            true => ws.dossiers.iter().map(|l| &l.dossier).collect(),
            false => people.iter().collect(),
        };
        let options = ctx.load_options();
        suggest(&checklist, &mut checks, &dossiers, &ws.root, &options, lang);
        let titles = |id: &str| {
            checklist
                .items
                .iter()
                .find(|i| i.id == id)
                .map_or(id.to_owned(), |i| match lang {
                    Lang::Fa => i.title.fa.clone().unwrap_or_else(|| i.title.en.clone()),
                    Lang::En => i.title.en.clone(),
                })
        };
        let text = match format {
            Format::Json | Format::Yaml => {
                // Data carries the bare reasons: isolates are for a reader's terminal.
                let checks: Vec<CityCheck> = checks.iter().map(without_isolates).collect();
                if format == Format::Json {
                    render::json(&checks)?
                } else {
                    render::yaml(&checks)?
                }
            }
            // One row per city and item; the symbol column is the status again, so it is left out.
            Format::Csv => {
                let rows: Vec<CsvRow> = checks
                    .iter()
                    .flat_map(|check| {
                        check.items.iter().map(|item| CsvRow {
                            slug: &check.slug,
                            id: &item.id,
                            title: titles(&item.id),
                            status: item.status,
                            reason: strip_isolates(&item.reason).into_owned(),
                        })
                    })
                    .collect();
                render::csv::records(&["slug", "id", "title", "status", "reason"], &rows)?
            }
            Format::Xlsx => {
                let mut sheet = Sheet::new(lang.pick("Checklist", "فهرست آمادگی"))
                    .column(lang.pick("city", "شهر"), Kind::Text)
                    .column(lang.pick("item", "مورد"), Kind::Text)
                    .column(lang.pick("status", "وضعیت"), Kind::Text)
                    .column(lang.pick("reason", "دلیل"), Kind::Text);
                for check in &checks {
                    let city = first_name(&names, &check.slug, lang);
                    for item in &check.items {
                        sheet.push(vec![
                            Cell::text(&city),
                            Cell::text(titles(&item.id)),
                            Cell::text(item.status.label(lang)),
                            Cell::text(strip_isolates(&item.reason)),
                        ]);
                    }
                }
                let mut totals = Sheet::new(lang.pick("Cities", "شهرها"))
                    .column(lang.pick("city", "شهر"), Kind::Text)
                    .column(lang.pick("met", "برآورده"), Kind::Number)
                    .column(lang.pick("items", "موارد"), Kind::Number);
                for check in &checks {
                    totals.push(vec![
                        Cell::text(first_name(&names, &check.slug, lang)),
                        Cell::count(check.met),
                        Cell::count(check.total),
                    ]);
                }
                let book = Book::new(lang, ctx.calendar).sheet(sheet).sheet(totals);
                self.output.emit(ctx, &book.to_bytes()?)?;
                return Ok(outcome(&checks));
            }
            _ => {
                let headers = match lang {
                    Lang::En => ["city", "", "item", "status", "reason"],
                    Lang::Fa => ["شهر", "", "مورد", "وضعیت", "دلیل"],
                };
                // People read names; the slug stays in JSON, YAML and CSV.
                let name = |slug: &str| {
                    // Sorted by slug: found without going through them all, for every row.
                    names
                        .binary_search_by(|(s, _)| s.as_str().cmp(slug))
                        .ok()
                        .and_then(|i| names.get(i))
                        .map_or_else(|| slug.to_owned(), |(_, n)| n.shown(lang).to_owned())
                };
                let mut table = Table::new(headers);
                table.wrap = vec![0, 2, 4];
                // On a narrow terminal the status goes (the symbol says it), then the reason.
                table.drop = vec![3, 4];
                for check in &checks {
                    for item in &check.items {
                        let tone = match item.status {
                            ReadinessStatus::Met => Tone::Good,
                            ReadinessStatus::Partial => Tone::Warn,
                            ReadinessStatus::Unmet => Tone::Bad,
                            ReadinessStatus::Unknown => Tone::Dim,
                        };
                        table.push(vec![
                            (name(&check.slug), Tone::Plain),
                            (symbol(item.status).to_owned(), tone),
                            (titles(&item.id), Tone::Plain),
                            (item.status.label(lang).to_owned(), tone),
                            (reason(&item.reason, format), Tone::Plain),
                        ]);
                    }
                }
                for check in &checks {
                    let (met, total) = (lang.num(check.met), lang.num(check.total));
                    table.footer.push(format!(
                        "{}: {met}/{total} {}",
                        lang.embed(&name(&check.slug)),
                        lang.pick("met", "برآورده")
                    ));
                }
                table.footer.extend(ctx.broken_note(&ws));
                ctx.render_table(&table, format)
            }
        };
        self.output.emit(ctx, text.as_bytes())?;
        Ok(outcome(&checks))
    }
}

/// The reason of each unmet `active-facilitators` rule names who could serve: how many speak
/// the city's languages, the best of them, and `facilitator match` — when someone does (the
/// pool's candidates, the city's prospective facilitators, other cities' active ones); a pool
/// that does not read adds no one (`validate` says why).
fn suggest(
    checklist: &Checklist,
    checks: &mut [CityCheck],
    dossiers: &[&Dossier],
    root: &std::path::Path,
    options: &workspace::LoadOptions,
    lang: Lang,
) {
    let rules: Vec<&str> = checklist
        .items
        .iter()
        .filter(|i| matches!(i.test, Test::ActiveFacilitators { .. }))
        .map(|i| i.id.as_str())
        .collect();
    let unmet = |item: &ItemResult| {
        item.status != ReadinessStatus::Met && rules.contains(&item.id.as_str())
    };
    if !checks.iter().any(|c| c.items.iter().any(unmet)) {
        return;
    }
    let pool = workspace::load_pool_cached(root, options)
        .ok()
        .flatten()
        .unwrap_or_default();
    let shortlist = Shortlist::new(dossiers.iter().copied(), &pool);
    for check in checks {
        let Some(city) = dossiers.iter().find(|d| d.slug == check.slug) else {
            continue;
        };
        let mut ranking = None;
        for item in check.items.iter_mut().filter(|i| unmet(i)) {
            let ranking = ranking.get_or_insert_with(|| shortlist.rank(city));
            if ranking.matches.is_empty() {
                break;
            }
            let said = shown::suggestion(ranking, lang);
            item.reason = format!("{}{} {said}", item.reason, lang.pick(";", "؛"));
        }
    }
}

/// A city's name in `lang`: the first loaded with that slug, else the slug.
fn first_name(names: &[(String, Names)], slug: &str, lang: Lang) -> String {
    names
        .iter()
        .find(|(s, _)| s == slug)
        .map_or_else(|| slug.to_owned(), |(_, n)| n.shown(lang).to_owned())
}

/// Exit 1 when any item is not met.
fn outcome(checks: &[CityCheck]) -> Outcome {
    if checks.iter().all(|c| c.met == c.total) {
        Outcome::Ok
    } else {
        Outcome::Findings
    }
}

/// A CSV row of `check`: one item of one city's checklist.
#[derive(Serialize)]
struct CsvRow<'a> {
    slug: &'a str,
    id: &'a str,
    /// The item's title in the chosen language.
    title: String,
    status: ReadinessStatus,
    reason: String,
}

/// A reason as a table cell: bare in CSV, which is data.
fn reason(text: &str, format: Format) -> String {
    match format {
        Format::Csv => strip_isolates(text).into_owned(),
        _ => text.to_owned(),
    }
}

fn without_isolates(check: &CityCheck) -> CityCheck {
    let mut check = check.clone();
    for item in &mut check.items {
        item.reason = strip_isolates(&item.reason).into_owned();
    }
    check
}
