//! The readiness checklist: which items a city meets, and why.

use std::path::Path;

use jiff::civil::Date;
use serde::Serialize;

use crate::calendar::{Calendar, format_date, format_date_long};
use crate::i18n::Lang;
use crate::model::read::Reader;
use crate::model::vocab::{ReadinessStatus, Requirement, Vocab};
use crate::model::{Dossier, Names};
use crate::problem::Problem;
use crate::yaml::{self, Node, Value};

pub const BUILTIN: &str = include_str!("../../templates/readiness.yaml");

#[derive(Clone, Debug, PartialEq)]
pub struct Checklist {
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub id: String,
    pub title: Names,
    pub test: Test,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Test {
    Requirement(Requirement),
    ActiveFacilitators {
        min: usize,
    },
    RepresentativesNamed,
    /// `None`: the workspace's `stale_after_days`.
    ContactWithinDays {
        days: Option<u32>,
    },
    NoOverdueActions,
    HasOpenAction,
}

const RULES: &[&str] = &[
    "active-facilitators",
    "representatives-named",
    "contact-within-days",
    "no-overdue-actions",
    "has-open-action",
];

/// One item's result for one city.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemResult {
    pub id: String,
    pub status: ReadinessStatus,
    pub reason: String,
}

/// One city's checklist, in the JSON shape the spec fixes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CityCheck {
    pub slug: String,
    pub items: Vec<ItemResult>,
    pub met: usize,
    pub total: usize,
}

/// What the rules need besides the dossier, and how reasons are written: in `lang`, dates in
/// `calendar`.
#[derive(Clone, Copy, Debug)]
pub struct Context {
    pub today: Date,
    pub stale_after_days: u32,
    pub lang: Lang,
    pub calendar: Calendar,
}

impl Checklist {
    /// Parses a checklist file; problems are located in `shown`.
    pub fn parse(shown: &Path, text: &str, lang: Lang) -> Result<Self, Vec<Problem>> {
        let tree = yaml::parse(shown, text.as_bytes(), lang).map_err(|p| vec![*p])?;
        let Some(tree) = tree else {
            let items = lang.code("items:");
            return Err(vec![
                Problem::new(
                    shown,
                    None,
                    lang.pick("the checklist is empty", "فهرست آمادگی خالی است"),
                )
                .with_help(say!(
                    lang,
                    "it needs {items}, a list",
                    "به {items} نیاز دارد، یک فهرست"
                )),
            ]);
        };
        let mut reader = Reader::new(shown, text, lang);
        let items = read_items(&mut reader, &tree);
        if reader.problems.is_empty() {
            Ok(Checklist { items })
        } else {
            Err(reader.problems)
        }
    }

    pub fn builtin() -> Self {
        // The built-in list is tested to parse; an empty list is a safe fallback all the same.
        Self::parse(Path::new("templates/readiness.yaml"), BUILTIN, Lang::En)
            .unwrap_or(Checklist { items: Vec::new() })
    }

    pub fn evaluate(&self, dossier: &Dossier, ctx: Context) -> CityCheck {
        let items: Vec<ItemResult> = self
            .items
            .iter()
            .map(|item| {
                let (status, reason) = item.test.evaluate(dossier, ctx);
                ItemResult {
                    id: item.id.clone(),
                    status,
                    reason,
                }
            })
            .collect();
        let met = items
            .iter()
            .filter(|i| i.status == ReadinessStatus::Met)
            .count();
        CityCheck {
            slug: dossier.slug.clone(),
            total: items.len(),
            items,
            met,
        }
    }
}

fn read_items(reader: &mut Reader, root: &Node) -> Vec<Item> {
    let Some(f) = reader.mapping(root, "checklist", &["items"]) else {
        return Vec::new();
    };
    let Some(list) = reader.required(&f, "items", "items") else {
        return Vec::new();
    };
    let items = reader.list(Some(list), "items", read_item);
    let mut seen = std::collections::HashSet::new();
    if let Value::Seq(nodes) = &list.value {
        for (item, node) in items.iter().zip(nodes) {
            if !seen.insert(item.id.clone()) {
                let message = reader.duplicate(&item.id, "checklist item id");
                reader.error(node.loc, message);
            }
        }
    }
    items
}

fn read_item(reader: &mut Reader, node: &Node) -> Option<Item> {
    let f = reader.mapping(
        node,
        "items[]",
        &["id", "title", "requirement", "rule", "min", "days"],
    )?;
    let id = reader.required_text(&f, "id", "item id");
    let title = match f.get("title") {
        Some(t) => crate::model::read::names(reader, t),
        None => id.clone().map(|en| Names {
            en,
            fa: None,
            local: None,
        }),
    };
    let test = match (f.get("requirement"), f.get("rule")) {
        (Some(req), None) => reader
            .vocab::<Requirement>(Some(req), "requirement")
            .map(Test::Requirement),
        (None, Some(rule)) => {
            let name = reader.text(Some(rule), "rule")?;
            match name.as_str() {
                "active-facilitators" => Some(Test::ActiveFacilitators {
                    min: number(reader, f.get("min"), "min")?.unwrap_or(1) as usize,
                }),
                "representatives-named" => Some(Test::RepresentativesNamed),
                "contact-within-days" => Some(Test::ContactWithinDays {
                    days: number(reader, f.get("days"), "days")?,
                }),
                "no-overdue-actions" => Some(Test::NoOverdueActions),
                "has-open-action" => Some(Test::HasOpenAction),
                other => {
                    let lang = reader.lang;
                    let rules = lang.join(RULES.iter().map(|r| lang.embed(r)));
                    let rules = say!(lang, "rules: {rules}", "قاعده‌ها: {rules}");
                    let help = match reader.did_you_mean(other, RULES.iter().copied()) {
                        Some(near) => format!("{near} ({rules})"),
                        None => rules,
                    };
                    let value = lang.code(other);
                    reader.error_help(
                        rule.loc,
                        say!(lang, "unknown rule {value}", "قاعدهٔ ناشناخته: {value}"),
                        Some(help),
                    );
                    None
                }
            }
        }
        _ => {
            let lang = reader.lang;
            let listed = |items: &[&str]| lang.join(items.iter().map(|i| lang.embed(i)));
            let (requirements, rules) = (listed(Requirement::all_slugs()), listed(RULES));
            let help = say!(
                lang,
                "requirements: {requirements}; rules: {rules}",
                "الزام‌ها: {requirements}؛ قاعده‌ها: {rules}"
            );
            let (requirement, rule) = (lang.code("requirement:"), lang.code("rule:"));
            reader.error_help(
                f.loc,
                say!(
                    lang,
                    "a checklist item needs exactly one of {requirement} or {rule}",
                    "هر مورد فهرست آمادگی دقیقاً یکی از {requirement} یا {rule} را لازم دارد"
                ),
                Some(help),
            );
            None
        }
    };
    Some(Item {
        id: id?,
        title: title?,
        test: test?,
    })
}

/// `Some(None)` when absent, `None` after reporting a bad value.
fn number(reader: &mut Reader, node: Option<&Node>, what: &str) -> Option<Option<u32>> {
    let Some(node) = node else { return Some(None) };
    match node.value {
        Value::Int(n) if (0..=100_000).contains(&n) => Some(Some(n as u32)),
        _ => {
            let field = reader.named(what);
            let message = say!(
                reader.lang,
                "{field} should be a whole number",
                "{field} باید عدد صحیح باشد"
            );
            reader.error(node.loc, message);
            None
        }
    }
}

/// "1 active facilitator" / "2 active facilitators" / "۲ تسهیل‌گر فعال": Persian nouns stay
/// singular after a number.
fn count(lang: Lang, n: usize, one: &str, many: &str, fa: &str) -> String {
    let noun = match lang {
        Lang::En if n == 1 => one,
        Lang::En => many,
        Lang::Fa => fa,
    };
    format!("{} {noun}", lang.num(n))
}

impl Test {
    fn evaluate(&self, d: &Dossier, ctx: Context) -> (ReadinessStatus, String) {
        use ReadinessStatus::*;
        let lang = ctx.lang;
        // Persian readers get the day and month name (۳ آذر ۱۴۰۵); English the short form.
        let date = |date: Date| match lang {
            Lang::En => format_date(date, ctx.calendar, lang),
            Lang::Fa => format_date_long(date, ctx.calendar, lang),
        };
        let not_assessed = || lang.pick("not assessed", "ارزیابی نشده").to_owned();
        match *self {
            Test::Requirement(req) => match d.readiness.get(req) {
                None => (Unknown, not_assessed()),
                Some(a) => {
                    let mut reason = match (&a.evidence, a.status) {
                        (Some(evidence), _) => lang.embed(evidence).into_owned(),
                        (None, Unknown) => not_assessed(),
                        (None, _) => lang
                            .pick("no evidence recorded", "شاهدی ثبت نشده")
                            .to_owned(),
                    };
                    if let Some(assessed) = a.assessed {
                        let on = date(assessed);
                        reason.push_str(&say!(lang, " (assessed {on})", " (ارزیابی‌شده در {on})"));
                    }
                    (a.status, reason)
                }
            },
            Test::ActiveFacilitators { min } => {
                let n = d.active_facilitators();
                let status = if n >= min {
                    Met
                } else if n > 0 {
                    Partial
                } else {
                    Unmet
                };
                let active = count(
                    lang,
                    n,
                    "active facilitator",
                    "active facilitators",
                    "تسهیل‌گر فعال",
                );
                let min = lang.num(min);
                (
                    status,
                    say!(lang, "{active}, {min} required", "{active}، {min} لازم است"),
                )
            }
            Test::RepresentativesNamed => {
                let r = &d.representatives;
                let (status, en, fa) = match (&r.municipality, &r.chamber) {
                    (Some(_), Some(_)) => (
                        Met,
                        "Municipality and Chamber representatives named",
                        "نمایندگان شهرداری و اتاق بازرگانی معرفی شده‌اند",
                    ),
                    (Some(_), None) => (
                        Partial,
                        "the Chamber's representative is not named",
                        "نمایندهٔ اتاق بازرگانی معرفی نشده است",
                    ),
                    (None, Some(_)) => (
                        Partial,
                        "the Municipality's representative is not named",
                        "نمایندهٔ شهرداری معرفی نشده است",
                    ),
                    (None, None) => (
                        Unmet,
                        "no representatives named",
                        "هیچ نماینده‌ای معرفی نشده است",
                    ),
                };
                (status, lang.pick(en, fa).to_owned())
            }
            Test::ContactWithinDays { days } => {
                let limit = days.unwrap_or(ctx.stale_after_days);
                match d.last_contact(ctx.today) {
                    None => (
                        Unmet,
                        lang.pick("no interaction recorded", "هیچ تعاملی ثبت نشده است")
                            .to_owned(),
                    ),
                    Some(last) => {
                        let ago = (ctx.today - last).get_days();
                        let status = if i64::from(ago) <= i64::from(limit) {
                            Met
                        } else {
                            Unmet
                        };
                        let ago = count(
                            lang,
                            usize::try_from(ago).unwrap_or(0),
                            "day ago",
                            "days ago",
                            "روز پیش",
                        );
                        let (last, limit) = (date(last), lang.num(limit));
                        (
                            status,
                            say!(
                                lang,
                                "last contact {last}, {ago}, limit {limit}",
                                "آخرین تماس {last}، {ago}، حد {limit} روز"
                            ),
                        )
                    }
                }
            }
            Test::NoOverdueActions => {
                let overdue: Vec<String> = d
                    .overdue_actions(ctx.today)
                    .map(|a| lang.embed(&a.id).into_owned())
                    .collect();
                if overdue.is_empty() {
                    (
                        Met,
                        lang.pick("no overdue actions", "هیچ اقدام معوقی نیست")
                            .to_owned(),
                    )
                } else {
                    let n = count(
                        lang,
                        overdue.len(),
                        "overdue action",
                        "overdue actions",
                        "اقدام معوق",
                    );
                    (Unmet, format!("{n}: {}", lang.join(&overdue)))
                }
            }
            Test::HasOpenAction => {
                let open = d.open_actions().count();
                if open > 0 {
                    (
                        Met,
                        count(lang, open, "open action", "open actions", "اقدام باز"),
                    )
                } else {
                    (
                        Unmet,
                        lang.pick(
                            "no open action in the joint plan",
                            "برنامهٔ اقدام مشترک اقدام بازی ندارد",
                        )
                        .to_owned(),
                    )
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_checklist_has_the_eleven_items() {
        let list = Checklist::parse(Path::new("templates/readiness.yaml"), BUILTIN, Lang::En);
        let list = list.unwrap_or_else(|p| panic!("{p:?}"));
        let ids: Vec<&str> = list.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids.len(), 11);
        assert!(ids.contains(&"active-facilitators"));
        assert!(
            list.items
                .iter()
                .any(|i| i.test == Test::ActiveFacilitators { min: 2 })
        );
    }
}
