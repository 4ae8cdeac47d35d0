use clap::Args;

use crate::cli::output::ListOutput;
use crate::cli::{Ctx, Outcome};
use crate::error::Result;
use crate::i18n::Lang;
use crate::i18n::localize_digits;
use crate::model::Names;
use crate::model::vocab::FacilitatorStatus;
use crate::query::cities;
use crate::query::facilitators::{self, FacilitatorRow, Filter, Gap};
use crate::query::matching::{Ranking, Source};
use crate::query::shortlist::Shortlist;
use crate::render::matching as shown;
use crate::render::table::{Table, Tone};
use crate::render::xlsx::{Book, Cell, Kind, Sheet};
use crate::render::{self, Format};
use crate::text::visible;
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
            let pool = workspace::load_pool(&ws.root, lang)
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
                Format::Csv => render::csv::write(
                    &[
                        "slug",
                        "name.en",
                        "name.fa",
                        "name.local",
                        "speakers",
                        "best",
                    ],
                    rows.iter().map(GapRow::csv),
                ),
                Format::Xlsx => {
                    let mut sheet = Sheet::new(lang.pick("Gaps", "کمبودها"))
                        .column(lang.pick("slug", "شناسه"), Kind::Text)
                        .column(lang.pick("name", "نام"), Kind::Text)
                        .column(lang.pick("who could serve", "چه کسی می‌تواند"), Kind::Text);
                    for (gap, ranking) in gaps.iter().zip(&rankings) {
                        sheet.push(vec![
                            Cell::text(&gap.slug),
                            Cell::text(gap.name.shown(lang)),
                            Cell::text(crate::text::strip_isolates(&shown::suggestion(
                                ranking, lang,
                            ))),
                        ]);
                    }
                    let book = Book::new(lang, ctx.calendar).sheet(sheet);
                    self.output.emit(ctx, &book.to_bytes()?)?;
                    return Ok(Outcome::Ok);
                }
                _ => {
                    let mut table = gaps_table(&gaps, &rankings, scope, lang);
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
                let mut columns = vec![
                    "id",
                    "name",
                    "name_fa",
                    "cities",
                    "languages",
                    "expertise",
                    "status",
                ];
                if self.contacts {
                    columns.extend(["email", "phone"]);
                }
                render::csv::records(&columns, &listing.rows)?
            }
            Format::Xlsx => {
                let book =
                    Book::new(lang, ctx.calendar).sheet(sheet(&listing.rows, lang, self.contacts));
                self.output.emit(ctx, &book.to_bytes()?)?;
                return Ok(Outcome::Ok);
            }
            _ => {
                let mut table = table(&listing.rows, lang, self.contacts);
                table.footer.push(gap_line(&gaps, scope, lang));
                table.footer.extend(ctx.broken_note(&ws));
                ctx.render_table(&table, format)
            }
        };
        self.output.emit(ctx, text.as_bytes())?;
        Ok(Outcome::Ok)
    }
}

fn num(n: usize, lang: Lang) -> String {
    localize_digits(&n.to_string(), lang).into_owned()
}

/// The workbook's sheet: one row per person; e-mail and phone (as text) only with `contacts`.
fn sheet(rows: &[FacilitatorRow], lang: Lang, contacts: bool) -> Sheet {
    let mut sheet = Sheet::new(lang.pick("Facilitators", "تسهیل‌گران"))
        .column(lang.pick("id", "شناسه"), Kind::Text)
        .column(lang.pick("name", "نام"), Kind::Text)
        .column(lang.pick("name (fa)", "نام (فارسی)"), Kind::Text)
        .column(lang.pick("cities", "شهرها"), Kind::Text)
        .column(lang.pick("languages", "زبان‌ها"), Kind::Text)
        .column(lang.pick("expertise", "تخصص"), Kind::Text)
        .column(lang.pick("status", "وضعیت"), Kind::Text);
    if contacts {
        sheet = sheet
            .column(lang.pick("email", "ایمیل"), Kind::Text)
            .column(lang.pick("phone", "تلفن"), Kind::Text);
    }
    let join = |items: &[String]| lang.list(items);
    for row in rows {
        let mut cells = vec![
            Cell::text(&row.id),
            Cell::text(&row.name),
            Cell::opt(row.name_fa.as_deref()),
            Cell::text(join(&row.cities)),
            Cell::text(join(&row.languages)),
            Cell::text(join(&row.expertise)),
            Cell::text(row.status.label(lang)),
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

fn table(rows: &[FacilitatorRow], lang: Lang, contacts: bool) -> Table {
    let mut headers = match lang {
        Lang::En => vec![
            "id",
            "name",
            "name (fa)",
            "cities",
            "languages",
            "expertise",
            "status",
        ],
        Lang::Fa => vec![
            "شناسه",
            "نام",
            "نام (فارسی)",
            "شهرها",
            "زبان‌ها",
            "تخصص",
            "وضعیت",
        ],
    };
    if contacts {
        headers.extend([lang.pick("email", "ایمیل"), lang.pick("phone", "تلفن")]);
    }
    let mut table = Table::new(headers);
    table.wrap = vec![1, 2, 3, 4, 5];
    // On a narrow terminal: the id (a name is shown), the name in the other script, expertise,
    // then languages go first; the name, cities, status (and contacts, when asked for) stay.
    table.drop = match lang {
        Lang::En => vec![0, 2, 5, 4],
        Lang::Fa => vec![0, 1, 5, 4],
    };
    for row in rows {
        let status_tone = match row.status {
            FacilitatorStatus::Active => Tone::Good,
            FacilitatorStatus::Prospective => Tone::Plain,
            FacilitatorStatus::Inactive => Tone::Dim,
        };
        let mut cells = vec![
            (row.id.clone(), Tone::Plain),
            (row.name.clone(), Tone::Plain),
            (row.name_fa.clone().unwrap_or_default(), Tone::Plain),
            (row.cities.join(", "), Tone::Plain),
            (row.languages.join(", "), Tone::Plain),
            (row.expertise.join(", "), Tone::Plain),
            (row.status.label(lang).to_owned(), status_tone),
        ];
        if contacts {
            let details = row.contact.clone().unwrap_or_default();
            cells.push((details.email.unwrap_or_default(), Tone::Plain));
            cells.push((details.phone.unwrap_or_default(), Tone::Plain));
        }
        table.push(cells);
    }
    let n = num(rows.len(), lang);
    table.footer.push(match lang {
        Lang::En if rows.len() == 1 => "1 facilitator".to_owned(),
        Lang::En => format!("{n} facilitators"),
        Lang::Fa => format!("{n} تسهیل‌گر"),
    });
    table
}

/// There is no gap: every city in scope (all, or the one of `--city`) has an active facilitator.
fn no_gap(scope: Option<&Names>, lang: Lang) -> String {
    match (scope, lang) {
        (None, _) => lang
            .pick(
                "every city has an active facilitator",
                "همهٔ شهرها تسهیل‌گر فعال دارند",
            )
            .to_owned(),
        (Some(name), Lang::En) => format!("{} has an active facilitator", name.shown(lang)),
        (Some(name), Lang::Fa) => format!(
            "{} تسهیل‌گر فعال دارد",
            lang.embed(&visible(name.shown(lang)))
        ),
    }
}

/// The footer line naming the cities with no active facilitator.
fn gap_line(gaps: &[Gap], scope: Option<&Names>, lang: Lang) -> String {
    if gaps.is_empty() {
        return no_gap(scope, lang);
    }
    // A city without a Persian name shows its English one: isolated in a Persian line, after
    // its control characters are escaped, so that none can close the isolate.
    let names = lang.join(
        gaps.iter()
            .map(|g| lang.embed(&visible(g.name.shown(lang))).into_owned()),
    );
    match lang {
        Lang::En => format!("cities with no active facilitator: {names}"),
        Lang::Fa => format!("شهرهای بدون تسهیل‌گر فعال: {names}"),
    }
}

fn gaps_table(gaps: &[Gap], rankings: &[Ranking], scope: Option<&Names>, lang: Lang) -> Table {
    let mut table = Table::new([
        lang.pick("slug", "شناسه"),
        lang.pick("name", "نام"),
        lang.pick("who could serve", "چه کسی می‌تواند"),
    ]);
    table.wrap = vec![2];
    table.drop = vec![0];
    for (gap, ranking) in gaps.iter().zip(rankings) {
        table.push(vec![
            (gap.slug.clone(), Tone::Plain),
            (gap.name.shown(lang).to_owned(), Tone::Warn),
            (shown::suggestion(ranking, lang), Tone::Plain),
        ]);
    }
    let n = num(gaps.len(), lang);
    table.footer.push(match (lang, gaps.len()) {
        (_, 0) => no_gap(scope, lang),
        (Lang::En, 1) => "1 city with no active facilitator".to_owned(),
        (Lang::En, _) => format!("{n} cities with no active facilitator"),
        (Lang::Fa, _) => format!("{n} شهر بدون تسهیل‌گر فعال"),
    });
    table
}

/// A gap as data: the city, how many speak one of its languages, and the best of them (as
/// `facilitator match` ranks those who speak them; null when nobody does).
#[derive(serde::Serialize)]
struct GapRow<'a> {
    slug: &'a str,
    name: &'a Names,
    speakers: usize,
    best: Option<Best>,
}

#[derive(serde::Serialize)]
struct Best {
    id: String,
    name: String,
    score: u8,
    source: Source,
}

impl<'a> GapRow<'a> {
    fn of(gap: &'a Gap, ranking: &Ranking, lang: Lang) -> Self {
        let best = ranking.matches.first().map(|m| Best {
            id: m.id.clone(),
            name: match (lang, &m.name_fa) {
                (Lang::Fa, Some(fa)) => fa.clone(),
                _ => m.name.clone(),
            },
            score: m.score,
            source: m.source,
        });
        GapRow {
            slug: &gap.slug,
            name: &gap.name,
            speakers: ranking.tally.speak,
            best,
        }
    }

    fn csv(&self) -> Vec<String> {
        vec![
            self.slug.to_owned(),
            self.name.en.clone(),
            self.name.fa.clone().unwrap_or_default(),
            self.name.local.clone().unwrap_or_default(),
            self.speakers.to_string(),
            self.best.as_ref().map(|b| b.id.clone()).unwrap_or_default(),
        ]
    }
}
