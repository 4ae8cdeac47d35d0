//! The canonical layout of a dossier (`diplomat fmt`): UTF-8 without BOM, LF line endings,
//! one final newline, no trailing blanks, keys in schema order. Comments travel with their
//! entries; a result that drops a comment or changes any value is refused.

use std::path::Path;
use std::str::FromStr;

use yaml_edit::{Document, Mapping};

use crate::diag::Problem;
use crate::model::keys::*;
use crate::model::vocab::{Requirement, Vocab};
use crate::workspace;

/// The canonical form of a dossier's bytes. Only a dossier that reads cleanly is formatted.
pub fn canonical(shown: &Path, bytes: &[u8]) -> Result<Vec<u8>, Vec<Problem>> {
    let (_, before_tree) = workspace::parse_dossier(shown, bytes)?;
    let text = String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .replace("\r\n", "\n");
    let reordered = reorder(&text).unwrap_or_else(|| text.clone());
    let trimmed = trim_lines(&reordered);
    // Trailing blanks inside a `|` block are content: keep them there.
    let candidates = [trimmed, reordered];
    for candidate in candidates {
        if let Ok((_, tree)) = workspace::parse_dossier(shown, candidate.as_bytes())
            && tree.to_json() == before_tree.to_json()
            && comments(&candidate) == comments(&text)
        {
            return Ok(candidate.into_bytes());
        }
    }
    Err(vec![Problem::new(
        shown,
        None,
        "cannot format this file without changing its content or comments; it was left as it is",
    )])
}

fn reorder(text: &str) -> Option<String> {
    let doc = Document::from_str(text).ok()?;
    let root = doc.as_mapping()?;
    root.reorder_fields(DOSSIER.iter().copied());
    order(&root, "name", NAME);
    order(&root, "relationship", RELATIONSHIP);
    order(&root, "representatives", REPRESENTATIVES);
    if let Some(readiness) = root.get_mapping("readiness") {
        readiness.reorder_fields(Requirement::all_slugs().iter().copied());
        for key in Requirement::all_slugs() {
            order(&readiness, key, ASSESSMENT);
        }
    }
    for (list, keys) in [
        ("facilitators", FACILITATOR),
        ("contacts", CONTACT),
        ("actions", ACTION),
        ("interactions", INTERACTION),
        ("opportunities", OPPORTUNITY),
        ("reviews", REVIEW),
    ] {
        let Some(seq) = root.get_sequence(list) else {
            continue;
        };
        for item in seq.values() {
            if let Some(map) = item.as_mapping() {
                map.reorder_fields(keys.iter().copied());
                order(map, "contact", DETAILS);
            }
        }
    }
    Some(doc.to_string())
}

fn order(parent: &Mapping, key: &str, keys: &[&str]) {
    if let Some(map) = parent.get_mapping(key) {
        map.reorder_fields(keys.iter().copied());
    }
}

/// No trailing blanks, blank lines at the end folded into one final newline.
fn trim_lines(text: &str) -> String {
    let mut out: String = text
        .lines()
        .map(|l| format!("{}\n", l.trim_end()))
        .collect();
    while out.ends_with("\n\n") {
        out.pop();
    }
    if out.is_empty() {
        out.push('\n');
    }
    out
}

/// Every comment's text, sorted: moving a comment with its entry is fine, losing one is not.
fn comments(text: &str) -> Vec<String> {
    let mut found: Vec<String> = text
        .lines()
        .filter_map(|line| {
            let trimmed = line.trim_start();
            if trimmed.starts_with('#') {
                return Some(trimmed.trim_end().to_owned());
            }
            line.find(" #")
                .map(|at| line[at + 1..].trim_end().to_owned())
        })
        .collect();
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const MESSY: &str = "\u{feff}# top\r\nname: {en: X}\r\nslug: x   \r\ncountry: ES # inline\r\nrelationship:\r\n  status: active\r\n  kind: sister-city\r\n\r\n\r\n";

    #[test]
    fn canonical_orders_keys_and_keeps_comments() {
        let out = canonical(Path::new("cities/x.yaml"), MESSY.as_bytes()).unwrap_or_default();
        let out = String::from_utf8(out).unwrap_or_default();
        assert_eq!(
            out,
            "# top\nslug: x\nname: {en: X}\ncountry: ES # inline\nrelationship:\n  kind: sister-city\n  status: active\n"
        );
    }

    #[test]
    fn canonical_is_idempotent() {
        let once = canonical(Path::new("cities/x.yaml"), MESSY.as_bytes()).unwrap_or_default();
        let twice = canonical(Path::new("cities/x.yaml"), &once).unwrap_or_default();
        assert_eq!(once, twice);
    }
}
