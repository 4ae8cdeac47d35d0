//! `facilitator match`: each reason worded in English or Persian, the rows of JSON, YAML and
//! CSV (reasons as text), the table, the workbook's sheet, and what the tally says under them.

use serde::Serialize;

use crate::i18n::Lang;
use crate::model::Names;
use crate::model::languages::{country_name, language_label};
use crate::query::matching::{LanguagesFrom, Match, Ranking, Reason, Source, Wanted};
use crate::render::table::{Table, Tone};
use crate::render::xlsx::{Cell, Kind, Sheet};
use crate::text::{FSI, PDI, visible};

/// The CSV columns: the JSON's keys (lists joined with `;`).
pub const CSV: &[&str] = &[
    "id", "name", "name_fa", "source", "cities", "score", "reasons", "missing",
];

/// One person ranked, as JSON, YAML and CSV have it; the spec fixes the shape (`name_fa`
/// added). Reasons are text in the language of the output, without isolates.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MatchRow {
    pub id: String,
    pub name: String,
    pub name_fa: Option<String>,
    pub source: Source,
    pub cities: Vec<String>,
    pub score: u8,
    pub reasons: Vec<String>,
    pub missing: Vec<String>,
}

/// The city a ranking is for, as its reasons name it.
pub struct City<'a> {
    pub names: &'a Names,
    pub country: &'a str,
}

impl City<'_> {
    fn name(&self, lang: Lang) -> String {
        lang.embed(&visible(self.names.shown(lang))).into_owned()
    }

    fn country(&self, lang: Lang) -> String {
        let name = country_name(self.country, lang).unwrap_or(self.country);
        lang.embed(name).into_owned()
    }
}

/// Languages as a sentence names them: `Chinese (zh)`, joined with `and` or `or`.
fn languages(codes: &[String], lang: Lang, or: bool) -> String {
    let labels: Vec<String> = codes
        .iter()
        .map(|c| lang.embed(&language_label(c, lang)).into_owned())
        .collect();
    alternatives(&labels, lang, or)
}

/// `a, b and c` / `a, b or c`, in either language.
fn alternatives(items: &[String], lang: Lang, or: bool) -> String {
    let last = match (lang, or) {
        (Lang::En, true) => " or ",
        (Lang::En, false) => " and ",
        (Lang::Fa, true) => " یا ",
        (Lang::Fa, false) => " و ",
    };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., end] => format!("{}{last}{end}", lang.join(rest)),
    }
}

/// One reason in `lang`.
pub fn reason(r: &Reason, city: &City, lang: Lang) -> String {
    let t = |text: &str| lang.embed(&visible(text)).into_owned();
    match r {
        Reason::Speaks(codes) => {
            let list = languages(codes, lang, false);
            say!(lang, "speaks {list}", "{list} می‌داند")
        }
        Reason::SpeaksNone(codes) => {
            let list = languages(codes, lang, true);
            say!(lang, "does not speak {list}", "{list} نمی‌داند")
        }
        Reason::NamesCity(_) | Reason::NamesCountry(_) => {
            // The name in the reader's language: the connection may have said it in another.
            let name = match r {
                Reason::NamesCity(_) => city.name(lang),
                _ => city.country(lang),
            };
            say!(
                lang,
                "connection names {name}",
                "در ارتباطش از {name} نام برده شده"
            )
        }
        Reason::NoConnection { written: true } => {
            let (city, country) = (city.name(lang), city.country(lang));
            say!(
                lang,
                "connection names neither {city} nor {country}",
                "ارتباطش نه از {city} نام می‌برد نه از {country}"
            )
        }
        Reason::NoConnection { written: false } => lang
            .pick("no connection written", "ارتباطی نوشته نشده")
            .to_owned(),
        Reason::Expertise(items) => {
            // Grouped by why: `tourism and heritage (the city's sectors), trade (open
            // opportunity `o-1`)`.
            let mut groups: Vec<(&Wanted, Vec<String>)> = Vec::new();
            for (e, why) in items {
                match groups.iter_mut().find(|(w, _)| *w == why) {
                    Some((_, list)) => list.push(t(e)),
                    None => groups.push((why, vec![t(e)])),
                }
            }
            let list = lang.join(groups.iter().map(|(why, list)| {
                let why = match (why, list.len()) {
                    (Wanted::Sector, 1) => lang
                        .pick("a sector of the city", "بخشی از همکاری با شهر")
                        .to_owned(),
                    (Wanted::Sector, _) => lang
                        .pick("sectors of the city", "بخش‌های همکاری با شهر")
                        .to_owned(),
                    (Wanted::Opportunity(id), _) => {
                        let id = lang.code(id);
                        say!(lang, "open opportunity {id}", "فرصت باز {id}")
                    }
                    (Wanted::Asked, _) => lang.pick("asked", "خواسته‌شده").to_owned(),
                };
                format!("{} ({why})", alternatives(list, lang, false))
            }));
            say!(lang, "expertise in {list}", "تخصص در {list}")
        }
        Reason::NoExpertise(all) => {
            let items: Vec<String> = all.iter().map(|e| t(e)).collect();
            let list = alternatives(&items, lang, true);
            say!(lang, "no expertise in {list}", "تخصصی در {list} ندارد")
        }
        Reason::Interested => {
            let city = city.name(lang);
            say!(
                lang,
                "named {city} among their interests",
                "{city} را در شهرهای مورد علاقه‌اش نام برده"
            )
        }
        Reason::ProspectiveHere => {
            let city = city.name(lang);
            say!(
                lang,
                "a prospective facilitator of {city} already",
                "از پیش تسهیل‌گر بالقوهٔ {city} است"
            )
        }
        Reason::NotInterested => {
            let city = city.name(lang);
            say!(
                lang,
                "did not name {city} among their interests",
                "{city} را در شهرهای مورد علاقه‌اش نام نبرده"
            )
        }
        Reason::ServesNone => lang
            .pick("serves no other city", "در خدمت شهر دیگری نیست")
            .to_owned(),
        Reason::ServesOthers(cities) => {
            let (n, list) = (lang.num(cities.len()), lang.code_list(cities));
            match (lang, cities.len()) {
                (Lang::En, 1) => format!("serves 1 other city already: {list}"),
                (Lang::En, _) => format!("serves {n} other cities already: {list}"),
                (Lang::Fa, _) => format!("از پیش در خدمت {n} شهر دیگر است: {list}"),
            }
        }
        Reason::TookPart(times) => {
            let n = lang.num(times);
            match (lang, times) {
                (Lang::En, 1) => "took part in 1 interaction or review".to_owned(),
                (Lang::En, _) => format!("took part in {n} interactions or reviews"),
                (Lang::Fa, _) => format!("در {n} تعامل یا جلسهٔ بررسی شرکت داشته"),
            }
        }
        Reason::NeverTookPart => lang
            .pick(
                "no interaction or review recorded with them",
                "تعامل یا جلسهٔ بررسی‌ای با او ثبت نشده",
            )
            .to_owned(),
    }
}

/// Text for data (JSON, YAML, CSV, a workbook): the isolates a terminal line needs left out.
fn plain(text: String) -> String {
    if text.contains([FSI, PDI]) {
        text.replace([FSI, PDI], "")
    } else {
        text
    }
}

/// The rows of JSON, YAML and CSV.
pub fn rows(matches: &[Match], city: &City, lang: Lang) -> Vec<MatchRow> {
    let words = |list: &[Reason]| -> Vec<String> {
        list.iter().map(|r| plain(reason(r, city, lang))).collect()
    };
    matches
        .iter()
        .map(|m| MatchRow {
            id: m.id.clone(),
            name: m.name.clone(),
            name_fa: m.name_fa.clone(),
            source: m.source,
            cities: m.cities.clone(),
            score: m.score,
            reasons: words(&m.reasons),
            missing: words(&m.missing),
        })
        .collect()
}

/// The CSV records: lists joined with `; `.
pub fn csv_records(rows: &[MatchRow]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            vec![
                r.id.clone(),
                r.name.clone(),
                r.name_fa.clone().unwrap_or_default(),
                source_word(r.source).to_owned(),
                r.cities.join(";"),
                r.score.to_string(),
                r.reasons.join("; "),
                r.missing.join("; "),
            ]
        })
        .collect()
}

fn source_word(source: Source) -> &'static str {
    match source {
        Source::Pool => "pool",
        Source::City => "city",
    }
}

/// Where a person comes from, as a cell: the pool, or the cities they serve.
fn from(m: &Match, lang: Lang) -> String {
    match m.source {
        Source::Pool => lang.pick("pool", "فهرست داوطلبان").to_owned(),
        Source::City => lang.join(&m.cities),
    }
}

/// The person's name in `lang`: the Persian one in Persian, where known.
fn name(m: &Match, lang: Lang) -> &str {
    match (lang, m.name_fa.as_deref()) {
        (Lang::Fa, Some(fa)) if !fa.trim().is_empty() => fa,
        _ => &m.name,
    }
}

/// The ranking as a table: score, who, from where, the reasons for and what is missing (one
/// a line on a terminal; `;`-joined in Markdown, where a cell is one line). `shown` of
/// `ranking.matches` are drawn; the footer says how many there are, and the tally.
pub fn table(ranking: &Ranking, shown: usize, city: &City, lang: Lang, markdown: bool) -> Table {
    let headers = match lang {
        Lang::En => ["score", "id", "name", "from", "why", "missing"],
        Lang::Fa => ["امتیاز", "شناسه", "نام", "از", "چرا", "کمبود"],
    };
    let mut table = Table::new(headers);
    table.wrap = vec![2, 3, 4, 5];
    // On a narrow terminal: the id (the name is shown), what is missing, then where they come
    // from go first; the score, the name and the reasons stay.
    table.drop = vec![1, 5, 3];
    let sep = if markdown { "; " } else { "\n" };
    for m in ranking.matches.iter().take(shown) {
        let words = |list: &[Reason]| {
            list.iter()
                .map(|r| reason(r, city, lang))
                .collect::<Vec<_>>()
                .join(sep)
        };
        let tone = match m.score {
            70.. => Tone::Good,
            40.. => Tone::Plain,
            _ => Tone::Dim,
        };
        table.push(vec![
            (lang.num(m.score), tone),
            (m.id.clone(), Tone::Plain),
            (visible(name(m, lang)).into_owned(), Tone::Plain),
            (from(m, lang), Tone::Plain),
            (words(&m.reasons), Tone::Plain),
            (words(&m.missing), Tone::Dim),
        ]);
    }
    table.footer = footer(ranking, shown, city, lang);
    table
}

/// What the ranking stands on: how many were looked at and shown, where the languages looked
/// for come from, and how many meet each criterion — so that no answer is empty without a
/// reason ("nobody speaks Chinese (zh)").
pub fn footer(ranking: &Ranking, shown: usize, city: &City, lang: Lang) -> Vec<String> {
    let Ranking { needs, tally, .. } = ranking;
    let mut lines = Vec::new();
    if tally.people == 0 {
        let (pool, import) = (
            lang.code("diplomat pool add"),
            lang.code("diplomat import facilitators FILE"),
        );
        lines.push(say!(
            lang,
            "nobody to rank: the pool is empty and no facilitator of another city is active; add sign-ups with {pool} or {import}",
            "کسی برای رتبه‌بندی نیست: فهرست داوطلبان خالی است و هیچ تسهیل‌گر شهر دیگری فعال نیست؛ داوطلبان را با {pool} یا {import} بیفزایید"
        ));
        return lines;
    }
    let (n, from_pool) = (lang.num(tally.people), lang.num(tally.from_pool));
    let facilitators = lang.num(tally.people - tally.from_pool);
    let shown_n = lang.num(shown);
    lines.push(match lang {
        Lang::En if shown < tally.people => format!(
            "the best {shown_n} of {n} people: {from_pool} from the pool, {facilitators} facilitators (`--limit 0` shows all)"
        ),
        Lang::En if tally.people == 1 => format!(
            "1 person: {from_pool} from the pool, {facilitators} facilitators"
        ),
        Lang::En => format!("{n} people: {from_pool} from the pool, {facilitators} facilitators"),
        Lang::Fa if shown < tally.people => format!(
            "{shown_n} نفرِ برتر از {n} نفر: {from_pool} از فهرست داوطلبان، {facilitators} تسهیل‌گر ({} همه را نشان می‌دهد)",
            lang.code("--limit 0")
        ),
        Lang::Fa => format!("{n} نفر: {from_pool} از فهرست داوطلبان، {facilitators} تسهیل‌گر"),
    });
    lines.push(language_line(ranking, city, lang));
    // English for one person and for several; Persian for nobody (the verb negated, as
    // «هیچ‌کس» asks), one person and several.
    let count = |n: usize, [en1, en, fa0, fa1, fa]: [&str; 5]| -> String {
        let k = lang.num(n);
        match (lang, n) {
            (Lang::En, 0) => format!("nobody {en1}"),
            (Lang::En, 1) => format!("1 {en1}"),
            (Lang::En, _) => format!("{k} {en}"),
            (Lang::Fa, 0) => fa0.to_owned(),
            (Lang::Fa, 1) => format!("{k} نفر {fa1}"),
            (Lang::Fa, _) => format!("{k} نفر {fa}"),
        }
    };
    let (city_name, country) = (city.name(lang), city.country(lang));
    let mut parts = vec![count(
        tally.connected,
        [
            &format!("has a connection to {city_name} or {country}"),
            &format!("have a connection to {city_name} or {country}"),
            &format!("هیچ‌کس با {city_name} یا {country} ارتباط ندارد"),
            &format!("با {city_name} یا {country} ارتباط دارد"),
            &format!("با {city_name} یا {country} ارتباط دارند"),
        ],
    )];
    if !needs.expertise.is_empty() {
        let items: Vec<String> = needs
            .expertise
            .iter()
            .map(|(e, _)| lang.embed(&visible(e)).into_owned())
            .collect();
        let list = alternatives(&items, lang, true);
        parts.push(count(
            tally.expert,
            [
                &format!("has expertise in {list}"),
                &format!("have expertise in {list}"),
                &format!("هیچ‌کس در {list} تخصص ندارد"),
                &format!("در {list} تخصص دارد"),
                &format!("در {list} تخصص دارند"),
            ],
        ));
    }
    parts.push(count(
        tally.interested,
        [
            &format!("named {city_name} or is its prospective facilitator"),
            &format!("named {city_name} or are its prospective facilitators"),
            &format!("هیچ‌کس {city_name} را نام نبرده و تسهیل‌گر بالقوهٔ آن نیست"),
            &format!("{city_name} را نام برده یا تسهیل‌گر بالقوهٔ آن است"),
            &format!("{city_name} را نام برده‌اند یا تسهیل‌گر بالقوهٔ آن‌اند"),
        ],
    ));
    parts.push(count(
        tally.free,
        [
            "serves no other city",
            "serve no other city",
            "همه در خدمت شهر دیگری هم هستند",
            "در خدمت شهر دیگری نیست",
            "در خدمت شهر دیگری نیستند",
        ],
    ));
    parts.push(count(
        tally.experienced,
        [
            "took part in interactions before",
            "took part in interactions before",
            "هیچ‌کس پیش‌تر در تعاملی شرکت نداشته",
            "پیش‌تر در تعاملی شرکت داشته",
            "پیش‌تر در تعاملی شرکت داشته‌اند",
        ],
    ));
    lines.push(lang.join(parts));
    lines
}

/// Who speaks the languages looked for, and where those come from.
fn language_line(ranking: &Ranking, city: &City, lang: Lang) -> String {
    let Ranking { needs, tally, .. } = ranking;
    let slug = &needs.slug;
    if needs.languages.is_empty() {
        let (name, command) = (
            city.name(lang),
            lang.code(format!("diplomat city set {slug} --language L")),
        );
        return say!(
            lang,
            "no language looked for: the dossier of {name} names none and CLDR knows none for its country; name them with {command}",
            "زبانی جسته نشد: پروندهٔ {name} زبانی نام نبرده و CLDR هم برای کشورش زبانی نمی‌شناسد؛ با {command} نامشان را بنویسید"
        );
    }
    let from = match needs.languages_from {
        LanguagesFrom::City => lang.pick("the city's languages", "زبان‌های شهر").to_owned(),
        LanguagesFrom::Asked => lang.pick("as asked", "به خواست شما").to_owned(),
        LanguagesFrom::Country => {
            let command = lang.code(format!("diplomat city set {slug} --language L"));
            say!(
                lang,
                "the country's likely language; name the city's with {command}",
                "زبان محتمل کشور؛ زبان‌های شهر را با {command} بنویسید"
            )
        }
    };
    let spoken: Vec<String> = tally
        .per_language
        .iter()
        .map(|(code, n)| {
            let (label, k) = (
                lang.embed(&language_label(code, lang)).into_owned(),
                lang.num(n),
            );
            match (lang, n) {
                (Lang::En, 0) => format!("nobody speaks {label}"),
                (Lang::En, 1) => format!("1 speaks {label}"),
                (Lang::En, _) => format!("{k} speak {label}"),
                (Lang::Fa, 0) => format!("هیچ‌کس {label} نمی‌داند"),
                (Lang::Fa, 1) => format!("{k} نفر {label} می‌داند"),
                (Lang::Fa, _) => format!("{k} نفر {label} می‌دانند"),
            }
        })
        .collect();
    format!("{} ({from})", lang.join(spoken))
}

/// The tally alone, one line each, for what prints no footer (JSON, YAML, CSV, a workbook):
/// said on stderr.
pub fn said(ranking: &Ranking, shown: usize, city: &City, lang: Lang) -> String {
    footer(ranking, shown, city, lang).join("\n")
}

/// The workbook's sheet.
pub fn sheet(rows: &[MatchRow], lang: Lang) -> Sheet {
    let mut sheet = Sheet::new(lang.pick("Candidates", "نامزدها"))
        .column(lang.pick("score", "امتیاز"), Kind::Number)
        .column(lang.pick("id", "شناسه"), Kind::Text)
        .column(lang.pick("name", "نام"), Kind::Text)
        .column(lang.pick("name (fa)", "نام (فارسی)"), Kind::Text)
        .column(lang.pick("from", "از"), Kind::Text)
        .column(lang.pick("why", "چرا"), Kind::Text)
        .column(lang.pick("missing", "کمبود"), Kind::Text);
    for r in rows {
        let from = match r.source {
            Source::Pool => lang.pick("pool", "فهرست داوطلبان").to_owned(),
            Source::City => r.cities.join(lang.comma()),
        };
        sheet.push(vec![
            Cell::num(r.score),
            Cell::text(&r.id),
            Cell::text(&r.name),
            Cell::opt(r.name_fa.as_deref()),
            Cell::text(from),
            Cell::text(r.reasons.join("\n")),
            Cell::text(r.missing.join("\n")),
        ]);
    }
    sheet
}

/// The best candidate's line where a gap or an unmet rule names them: `li-wei (Li Wei, 95)`.
pub fn best(m: &Match, lang: Lang) -> String {
    let (id, who, score) = (
        lang.code(&m.id),
        lang.embed(&visible(name(m, lang))).into_owned(),
        lang.num(m.score),
    );
    format!("{id} ({who}{}{score})", lang.comma())
}

/// What an unmet `active-facilitators` rule adds to its reason, and a gap's line: how many
/// speak the city's languages and the best of them (a ranking of those who speak them,
/// [`crate::query::shortlist`]), with the command that ranks everyone.
pub fn suggestion(ranking: &Ranking, lang: Lang) -> String {
    let needs = &ranking.needs;
    let command = lang.code(format!("diplomat facilitator match {}", needs.slug));
    if needs.languages.is_empty() {
        return say!(
            lang,
            "who could serve: {command}",
            "چه کسی می‌تواند: {command}"
        );
    }
    let spoken = languages(&needs.languages, lang, true);
    let Some(first) = ranking.matches.first() else {
        return say!(
            lang,
            "nobody speaks {spoken}: {command}",
            "هیچ‌کس {spoken} نمی‌داند: {command}"
        );
    };
    let (n, best) = (lang.num(ranking.tally.speak), best(first, lang));
    match (lang, ranking.tally.speak) {
        (Lang::En, 1) => format!("1 candidate speaks {spoken}, {best}: {command}"),
        (Lang::En, _) => format!("{n} candidates speak {spoken}, the best {best}: {command}"),
        (Lang::Fa, 1) => format!("۱ نامزد {spoken} می‌داند، {best}: {command}"),
        (Lang::Fa, _) => format!("{n} نامزد {spoken} می‌دانند، بهترین {best}: {command}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternatives_read_as_sentences() {
        let items = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(alternatives(&items(&["a"]), Lang::En, true), "a");
        assert_eq!(
            alternatives(&items(&["a", "b", "c"]), Lang::En, true),
            "a, b or c"
        );
        assert_eq!(alternatives(&items(&["a", "b"]), Lang::Fa, false), "a و b");
    }
}
