//! Contact details in what changed. Facilitators and candidates are private citizens: by
//! default a change says which of a person's details were added, changed or removed
//! ("e-mail and phone added"), never their values; asked for, it shows the values. A sealed
//! value (`ENC[v1,…]`) is never shown as stored: opened when the caller can, else said as
//! encrypted.

use serde_json::Value as Json;

use super::{Said, short};
use crate::i18n::Lang;

/// Opens a sealed value: the dossier's slug, the person's id, the field (`email`, `phone`)
/// and the stored `ENC[v1,…]` text; `None` when it cannot.
pub type Opener<'a> = dyn Fn(&str, &str, &str, &str) -> Option<String> + Sync + 'a;

/// How contact details are said.
#[derive(Clone, Copy)]
pub enum Details<'a> {
    /// Only which ones changed, and how.
    Hidden,
    /// With their values; sealed ones opened by the opener where it can.
    Shown(Option<&'a Opener<'a>>),
}

/// What happened to one detail.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Added,
    Changed,
    Removed,
    Encrypted,
    Decrypted,
    /// Sealed again with another data key (`keys remove`): the value may or may not be new.
    Resealed,
}

impl Kind {
    const ALL: [Kind; 6] = [
        Kind::Added,
        Kind::Changed,
        Kind::Removed,
        Kind::Encrypted,
        Kind::Decrypted,
        Kind::Resealed,
    ];

    fn verb(self, lang: Lang) -> &'static str {
        match self {
            Kind::Added => lang.pick("added", "افزوده شد"),
            Kind::Changed => lang.pick("changed", "تغییر کرد"),
            Kind::Removed => lang.pick("removed", "حذف شد"),
            Kind::Encrypted => lang.pick("encrypted", "رمز شد"),
            Kind::Decrypted => lang.pick("decrypted", "از رمز درآمد"),
            Kind::Resealed => lang.pick("encrypted again with a new key", "با کلید تازه رمز شد"),
        }
    }
}

/// One detail's change: its label, what happened, and (shown) its values.
struct Change {
    label: String,
    kind: Kind,
    old: Option<String>,
    new: Option<String>,
}

/// The line for the details stored under `key` (`contact`, `email`, `x-phone`, …) of person
/// `person` (empty outside a list of people), from `old` to `new`; `None` when nothing a reader
/// can tell changed.
pub(super) fn said(
    key: &str,
    person: &str,
    old: Option<&Json>,
    new: Option<&Json>,
    cx: &Said,
) -> Option<String> {
    let (old, new) = (leaves(key, old), leaves(key, new));
    let mut names: Vec<&str> = new.iter().map(|(k, _)| *k).collect();
    for (k, _) in &old {
        if !names.contains(k) {
            names.push(k);
        }
    }
    let get = |side: &[(&str, &Json)], name: &str| {
        side.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| stored(v))
    };
    let changes: Vec<Change> = names
        .into_iter()
        .filter_map(|name| {
            let (o, n) = (get(&old, name), get(&new, name));
            change(name, person, o.as_deref(), n.as_deref(), cx)
        })
        .collect();
    if changes.is_empty() {
        return None;
    }
    let lang = cx.lang;
    let mut parts = Vec::new();
    for kind in Kind::ALL {
        let of_kind: Vec<&Change> = changes.iter().filter(|c| c.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let shown = matches!(cx.details, Details::Shown(_));
        match kind {
            Kind::Added | Kind::Changed | Kind::Removed if shown => {
                parts.extend(of_kind.iter().map(|c| with_values(c, lang)));
            }
            _ => {
                let labels: Vec<&str> = of_kind.iter().map(|c| c.label.as_str()).collect();
                parts.push(format!("{} {}", and(&labels, lang), kind.verb(lang)));
            }
        }
    }
    Some(lang.join(parts))
}

/// A shown detail: `e-mail a@example.org`, `phone +98 31 → +98 313`, `e-mail removed`.
fn with_values(change: &Change, lang: Lang) -> String {
    let value = |v: &Option<String>| match v {
        Some(v) => lang.embed(&short(v)).into_owned(),
        None => lang.pick("(encrypted)", "(رمزشده)").to_owned(),
    };
    let label = &change.label;
    match (change.kind, lang) {
        (Kind::Added, Lang::En) => format!("{label} {}", value(&change.new)),
        (Kind::Added, Lang::Fa) => format!("{label}: {}", value(&change.new)),
        (Kind::Changed, Lang::En) => {
            format!("{label} {} → {}", value(&change.old), value(&change.new))
        }
        (Kind::Changed, Lang::Fa) => {
            format!(
                "{label} از {} به {}",
                value(&change.old),
                value(&change.new)
            )
        }
        (_, _) => format!("{label} {}", change.kind.verb(lang)),
    }
}

/// `a`, `a and b`, `a, b and c` (`و` in Persian).
fn and(items: &[&str], lang: Lang) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{}{}{last}", lang.join(rest), lang.pick(" and ", " و ")),
    }
}

/// The details stored under `key`: the entries of a mapping (`contact: {email, phone}`), or
/// the value itself under its key. Nothing for an absent or empty value.
fn leaves<'a>(key: &'a str, value: Option<&'a Json>) -> Vec<(&'a str, &'a Json)> {
    match value {
        None | Some(Json::Null) => Vec::new(),
        Some(Json::Object(map)) => map
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| (k.as_str(), v))
            .collect(),
        Some(other) => vec![(key, other)],
    }
}

/// A value as stored: text as it is, anything else as JSON (a phone written as a number).
fn stored(value: &Json) -> String {
    match value {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The id of the data key that sealed `stored`, if it is sealed.
fn key_id(stored: &str) -> Option<&str> {
    stored.strip_prefix("ENC[v1,")?.split(',').next()
}

fn change(
    name: &str,
    person: &str,
    old: Option<&str>,
    new: Option<&str>,
    cx: &Said,
) -> Option<Change> {
    if old == new {
        return None;
    }
    let open = |stored: &str| -> Option<String> {
        match cx.details {
            Details::Hidden => None,
            _ if !crate::crypto::is_sealed(stored) => Some(stored.to_owned()),
            Details::Shown(opener) => opener.and_then(|open| open(cx.slug, person, name, stored)),
        }
    };
    let sealed = |s: &str| crate::crypto::is_sealed(s);
    let kind = match (old, new) {
        (None, None) => return None,
        (None, Some(_)) => Kind::Added,
        (Some(_), None) => Kind::Removed,
        (Some(o), Some(n)) => {
            // Shown, both values opened: what they hold decides.
            let moved = match (open(o), open(n)) {
                (Some(a), Some(b)) => Some(a != b),
                _ => None,
            };
            match (sealed(o), sealed(n), moved) {
                (_, _, Some(true)) | (false, false, _) => Kind::Changed,
                (false, true, _) => Kind::Encrypted,
                (true, false, _) => Kind::Decrypted,
                (true, true, Some(false)) => Kind::Resealed,
                (true, true, None) if key_id(o) != key_id(n) => Kind::Resealed,
                (true, true, None) => Kind::Changed,
            }
        }
    };
    Some(Change {
        label: label(name, cx.lang),
        kind,
        old: old.and_then(open),
        new: new.and_then(open),
    })
}

/// A detail's name for a reader: `e-mail`, `phone`, or the key as written (one that does not
/// read as a key, `"98 913 123 4567": x`, may itself be a detail, and is not shown).
fn label(name: &str, lang: Lang) -> String {
    match name {
        "email" => lang.pick("e-mail", "ایمیل").to_owned(),
        "phone" => lang.pick("phone", "تلفن").to_owned(),
        key if crate::problem::looks_like_key(key) => lang.embed(key).into_owned(),
        _ => lang.pick("another detail", "جزئیات دیگر").to_owned(),
    }
}
