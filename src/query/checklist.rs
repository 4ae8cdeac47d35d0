//! The readiness checklist: which items a city meets, and why.

use std::path::Path;

use jiff::civil::Date;
use serde::Serialize;

use crate::diag::Problem;
use crate::model::read::Reader;
use crate::model::vocab::{ReadinessStatus, Requirement, Vocab};
use crate::model::{Dossier, Names};
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

/// What the rules need besides the dossier.
#[derive(Clone, Copy, Debug)]
pub struct Context {
    pub today: Date,
    pub stale_after_days: u32,
}

impl Checklist {
    /// Parses a checklist file; problems are located in `shown`.
    pub fn parse(shown: &Path, text: &str) -> Result<Self, Vec<Problem>> {
        let tree = yaml::parse(shown, text.as_bytes()).map_err(|p| vec![*p])?;
        let Some(tree) = tree else {
            return Err(vec![
                Problem::new(shown, None, "the checklist is empty")
                    .with_help("it needs `items:`, a list"),
            ]);
        };
        let mut reader = Reader::new(shown, text);
        let items = read_items(&mut reader, &tree);
        if reader.problems.is_empty() {
            Ok(Checklist { items })
        } else {
            Err(reader.problems)
        }
    }

    pub fn builtin() -> Self {
        // The built-in list is tested to parse; an empty list is a safe fallback all the same.
        Self::parse(Path::new("templates/readiness.yaml"), BUILTIN)
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
                reader.error(
                    node.loc,
                    format!("duplicate checklist item id `{}`", item.id),
                );
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
                    let help = match crate::text::suggest(other, RULES.iter().copied(), 1).first() {
                        Some(near) => {
                            format!("did you mean `{near}`? (rules: {})", RULES.join(", "))
                        }
                        None => format!("rules: {}", RULES.join(", ")),
                    };
                    reader
                        .error(rule.loc, format!("unknown rule `{other}`"))
                        .help = Some(help);
                    None
                }
            }
        }
        _ => {
            let help = format!(
                "requirements: {}; rules: {}",
                Requirement::all_slugs().join(", "),
                RULES.join(", ")
            );
            reader
                .error(
                    f.loc,
                    "a checklist item needs exactly one of `requirement:` or `rule:`",
                )
                .help = Some(help);
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
            reader.error(node.loc, format!("`{what}` should be a whole number"));
            None
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Test {
    fn evaluate(&self, d: &Dossier, ctx: Context) -> (ReadinessStatus, String) {
        use ReadinessStatus::*;
        match *self {
            Test::Requirement(req) => match d.readiness.get(req) {
                None => (Unknown, "not assessed".into()),
                Some(a) => {
                    let mut reason = a.evidence.clone().unwrap_or_else(|| match a.status {
                        Unknown => "not assessed".into(),
                        _ => "no evidence recorded".into(),
                    });
                    if let Some(date) = a.assessed {
                        reason.push_str(&format!(" (assessed {date})"));
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
                (
                    status,
                    format!(
                        "{}, {min} required",
                        plural(n, "active facilitator", "active facilitators")
                    ),
                )
            }
            Test::RepresentativesNamed => {
                let r = &d.representatives;
                match (&r.municipality, &r.chamber) {
                    (Some(_), Some(_)) => {
                        (Met, "Municipality and Chamber representatives named".into())
                    }
                    (Some(_), None) => {
                        (Partial, "the Chamber's representative is not named".into())
                    }
                    (None, Some(_)) => (
                        Partial,
                        "the Municipality's representative is not named".into(),
                    ),
                    (None, None) => (Unmet, "no representatives named".into()),
                }
            }
            Test::ContactWithinDays { days } => {
                let limit = days.unwrap_or(ctx.stale_after_days);
                match d.last_contact(ctx.today) {
                    None => (Unmet, "no interaction recorded".into()),
                    Some(last) => {
                        let ago = (ctx.today - last).get_days();
                        let status = if i64::from(ago) <= i64::from(limit) {
                            Met
                        } else {
                            Unmet
                        };
                        (
                            status,
                            format!(
                                "last contact {last}, {}, limit {limit}",
                                plural(ago as usize, "day ago", "days ago")
                            ),
                        )
                    }
                }
            }
            Test::NoOverdueActions => {
                let overdue: Vec<&str> = d
                    .overdue_actions(ctx.today)
                    .map(|a| a.id.as_str())
                    .collect();
                if overdue.is_empty() {
                    (Met, "no overdue actions".into())
                } else {
                    (
                        Unmet,
                        format!(
                            "{}: {}",
                            plural(overdue.len(), "overdue action", "overdue actions"),
                            overdue.join(", ")
                        ),
                    )
                }
            }
            Test::HasOpenAction => {
                let open = d.open_actions().count();
                if open > 0 {
                    (Met, plural(open, "open action", "open actions"))
                } else {
                    (Unmet, "no open action in the joint plan".into())
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
        let list = Checklist::parse(Path::new("templates/readiness.yaml"), BUILTIN);
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
