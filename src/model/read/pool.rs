//! `pool.yaml`, read with the same located problems as a dossier.

use super::dossier::{check_unique_ids, contact_details};
use super::*;

/// Reads the pool; `None` when any rule is broken (the problems say which). An interest
/// naming no city is the workspace's to say (`validate`), not the file's: here it must only
/// look like a slug.
pub fn pool(reader: &mut Reader, root: &Node) -> Option<Pool> {
    let before = reader.problems.len();
    let f = reader.mapping(root, "pool", registry::POOL)?;
    let candidates = reader.list(f.get("candidates"), "candidates", candidate);
    check_unique_ids(reader, f.get("candidates"), "candidate id");
    if reader.problems.len() > before {
        return None;
    }
    Some(Pool {
        candidates,
        extra: f.extras(),
    })
}

fn candidate(reader: &mut Reader, node: &Node) -> Option<Candidate> {
    let f = reader.mapping(node, "candidates[]", registry::CANDIDATE)?;
    let id = reader.required_id(&f, "id", "candidate id");
    let name = reader.required_text(&f, "name", "candidate name");
    Some(Candidate {
        id: id?,
        name: name?,
        name_fa: reader.text(f.get("name_fa"), "name_fa"),
        languages: reader.text_list(f.get("languages"), "languages"),
        expertise: reader.text_list(f.get("expertise"), "expertise"),
        connection: reader.text(f.get("connection"), "connection"),
        interests: reader.list(f.get("interests"), "interests", interest),
        signed_up: reader.date(f.get("signed_up"), "signed_up"),
        source: reader.text(f.get("source"), "source"),
        contact: f
            .get("contact")
            .and_then(|n| contact_details(reader, n))
            .unwrap_or_default(),
        notes: reader.text(f.get("notes"), "notes"),
    })
}

/// One of a candidate's `interests`: a city's slug, as its dossier's file is named.
fn interest(reader: &mut Reader, node: &Node) -> Option<String> {
    let text = reader.text(Some(node), "interests")?;
    if is_slug(&text) {
        return Some(text);
    }
    let lang = reader.lang;
    let (value, field) = (lang.code(&text), reader.named("interests"));
    let (example, command) = (
        lang.code("[barcelona, xian]"),
        lang.code("diplomat city list"),
    );
    reader
        .error_help(
            node.loc,
            say!(
                lang,
                "{value} in {field} is not a city's slug",
                "{value} در {field} شناسهٔ شهری نیست"
            ),
            Some(say!(
                lang,
                "name cities by slug, as their files are named, e.g. {example} ({command} shows them)",
                "شهرها را با شناسه‌شان بنویسید، همان نام فایلشان، مثلاً {example} ({command} نشانشان می‌دهد)"
            )),
        )
        .width = text.chars().count();
    None
}

/// The rules of the pool that need the workspace, located in the pool's `root` (read cleanly
/// by [`pool`]): every interest names one of `cities` (the slugs of its dossiers), and no
/// candidate is a facilitator of a city already (`serving`: the cities whose facilitator an
/// id is), since a candidate serves no city yet.
pub fn against_workspace(
    reader: &mut Reader,
    root: &Node,
    cities: &[&str],
    serving: impl Fn(&str) -> Vec<String>,
) {
    let Some(Value::Seq(items)) = root.get("candidates").map(|n| &n.value) else {
        return;
    };
    let lang = reader.lang;
    for item in items {
        if let Some(id_node) = item.get("id")
            && let Some(id) = id_node.as_str()
        {
            let served = serving(id);
            if !served.is_empty() {
                let (value, list) = (lang.code(id), lang.code_list(&served));
                let command = lang.code(format!("diplomat pool remove {id}"));
                let flag = lang.code("id");
                reader
                    .error_help(
                    id_node.loc,
                    say!(
                        lang,
                        "candidate {value} is a facilitator of {list} already, and a candidate serves no city yet",
                        "داوطلب {value} از پیش تسهیل‌گر {list} است و داوطلب هنوز در خدمت شهری نیست"
                    ),
                    Some(say!(
                        lang,
                        "the same id is the same person: take them out of the pool ({command}); if this is someone else, give them another {flag}",
                        "شناسهٔ یکسان یعنی همان فرد: او را از فهرست داوطلبان بردارید ({command})؛ اگر فرد دیگری است، {flag} دیگری به او بدهید"
                    )),
                )
                .width = id.chars().count();
            }
        }
        let Some(Value::Seq(interests)) = item.get("interests").map(|n| &n.value) else {
            continue;
        };
        for node in interests {
            let Some(slug) = node.as_str() else { continue };
            if cities.contains(&slug) {
                continue;
            }
            let help = reader
                .did_you_mean(slug, cities.iter().copied())
                .unwrap_or_else(|| {
                    let command = lang.code("diplomat city list");
                    say!(
                        lang,
                        "{command} shows the cities",
                        "{command} شهرها را نشان می‌دهد"
                    )
                });
            let (value, field) = (lang.code(slug), reader.named("interests"));
            reader
                .error_help(
                    node.loc,
                    say!(
                        lang,
                        "{value} in {field} names no city of this workspace",
                        "{value} در {field} نام هیچ شهری از این فضای کار نیست"
                    ),
                    Some(help),
                )
                .width = slug.chars().count();
        }
    }
}
