//! `recipients.yaml`: who can read the contact details, and how that list stands against the
//! recipients the data key was actually wrapped to.

use std::path::Path;

use super::RECIPIENTS_FILE;
use crate::error::{Error, Op, Result};
use crate::i18n::Lang;
use crate::problem::{Loc, Problem};
use crate::yaml::{Node, Value};

/// One analyst who can read the contact details.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recipient {
    pub name: String,
    pub key: String,
}

impl Recipient {
    pub fn parsed(&self) -> std::result::Result<age::x25519::Recipient, &'static str> {
        self.key.parse()
    }
}

/// Reads `recipients.yaml` (none yet: an empty list).
pub fn read_recipients(root: &Path, lang: Lang) -> Result<Vec<Recipient>> {
    let path = root.join(RECIPIENTS_FILE);
    let shown = Path::new(RECIPIENTS_FILE);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::file(Op::Read, shown, &e)),
    };
    let tree = crate::yaml::parse(shown, &bytes, lang).map_err(|p| Error::problems(vec![*p]))?;
    let Some(tree) = tree else {
        return Ok(Vec::new());
    };
    let mut problems = Vec::new();
    let mut out = Vec::new();
    let expected = |loc: Loc, what: &str| {
        let what = lang.code(what);
        Problem::new(
            shown,
            Some(loc),
            say!(lang, "expected {what}", "{what} انتظار می‌رفت"),
        )
    };
    match tree.get("recipients").map(|n| &n.value) {
        None | Some(Value::Null) => {}
        Some(Value::Seq(items)) => {
            for item in items {
                let name = item.get("name").and_then(Node::as_str);
                let key = item.get("key").and_then(Node::as_str);
                match (name, key) {
                    (Some(name), Some(key)) => {
                        if key.parse::<age::x25519::Recipient>().is_err() {
                            let shown_key = lang.code(key);
                            problems.push(Problem::new(
                                shown,
                                item.get("key").map(|n| n.loc),
                                say!(
                                    lang,
                                    "{shown_key} is not an age X25519 recipient (age1…)",
                                    "{shown_key} گیرندهٔ X25519 در age (age1…) نیست"
                                ),
                            ));
                        }
                        out.push(Recipient {
                            name: name.to_owned(),
                            key: key.to_owned(),
                        });
                    }
                    _ => problems.push(expected(item.loc, "- name: NAME\n  key: age1…")),
                }
            }
        }
        Some(_) => problems.push(expected(tree.loc, "recipients: [...]")),
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Error::problems(problems))
    }
}

/// `recipients.yaml` as written by `keys add` and `keys remove`.
pub fn render_recipients(recipients: &[Recipient]) -> String {
    let mut out = String::from(
        "# Who can read facilitators' and contacts' e-mails and phones (`diplomat keys list`).\n\
         # Change it with `diplomat keys add NAME RECIPIENT` and `diplomat keys remove NAME`.\n",
    );
    if recipients.is_empty() {
        out.push_str("recipients: []\n");
        return out;
    }
    out.push_str("recipients:\n");
    for r in recipients {
        out.push_str(&format!("  - name: {}\n    key: {}\n", r.name, r.key));
    }
    out
}

/// The age recipients of `list`, parsed (each was checked when read).
pub fn parse_recipients(list: &[Recipient]) -> Result<Vec<age::x25519::Recipient>> {
    list.iter()
        .map(|r| {
            r.parsed().map_err(|why| {
                Error::input(|lang: Lang| {
                    let (name, why) = (lang.code(&r.name), lang.embed(why));
                    say!(
                        lang,
                        "the key of {name} in recipients.yaml is not valid: {why}",
                        "کلید {name} در recipients.yaml معتبر نیست: {why}"
                    )
                })
            })
        })
        .collect()
}

/// `recipients.yaml` against the recipients the data key is wrapped to. Both are compared by
/// key: a name is only how the team calls a key.
#[derive(Debug, Default)]
pub struct Standing {
    /// In `recipients.yaml` but never given the data key: added by hand (or taken from a
    /// branch), not by `keys add`.
    pub unconfirmed: Vec<Recipient>,
    /// Given the data key but no longer in `recipients.yaml`: removed by hand, not by
    /// `keys remove`, and still able to read.
    pub unlisted: Vec<Recipient>,
}

impl Standing {
    /// How `listed` stands against `holders`; with no record of holders (a key file written
    /// before diplomat kept one), everyone listed counts as given the key.
    pub fn of(listed: &[Recipient], holders: Option<&[Recipient]>) -> Standing {
        let Some(holders) = holders else {
            return Standing::default();
        };
        let absent = |from: &[Recipient], r: &Recipient| from.iter().all(|h| h.key != r.key);
        Standing {
            unconfirmed: listed
                .iter()
                .filter(|r| absent(holders, r))
                .cloned()
                .collect(),
            unlisted: holders
                .iter()
                .filter(|r| absent(listed, r))
                .cloned()
                .collect(),
        }
    }

    /// The same, without the recipients `this` picks (those a command is about).
    pub fn without(self, this: impl Fn(&Recipient) -> bool) -> Standing {
        Standing {
            unconfirmed: self.unconfirmed.into_iter().filter(|r| !this(r)).collect(),
            unlisted: self.unlisted.into_iter().filter(|r| !this(r)).collect(),
        }
    }

    pub fn is_clear(&self) -> bool {
        self.unconfirmed.is_empty() && self.unlisted.is_empty()
    }
}
