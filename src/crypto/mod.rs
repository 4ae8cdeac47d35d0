//! Contact details encrypted at rest: the workspace's data key, the analysts' identities, and
//! the `ENC[v1,…]` values. No home-made cryptography: `age` (X25519 recipients) wraps the data
//! key, XChaCha20-Poly1305 (`chacha20poly1305`) seals each value, `zeroize` wipes keys.
//!
//! - `recipients.yaml` (committed) names the analysts and their public recipients (`age1…`).
//! - `keys/data-key.age` (committed, ASCII-armored so git diffs it as text) holds one random
//!   32-byte data key, wrapped with age to every recipient, and names them (so a recipient
//!   added to `recipients.yaml` by hand is not taken for one the key was given to). Its
//!   presence is what turns encryption on.
//! - `keys/data-key.age.new` is a `keys` command under way that makes or rewraps the data key:
//!   written before any dossier, it holds the new key until every value is sealed with it, so
//!   a run killed anywhere leaves every value readable and the next `keys` command finishes
//!   it. `keys/decrypting` is `keys decrypt` under way.
//! - Each `email` and `phone` under a facilitator's, contact's or candidate's `contact:` is
//!   stored as `ENC[v1,KID,PAYLOAD]`: KID names the data key that sealed it (random, public),
//!   PAYLOAD is base64url of a random 24-byte nonce and the ciphertext with its tag. The
//!   associated data is the version, KID, the dossier's slug (the pool's [`POOL_SCOPE`] for a
//!   candidate), the person's id and the field: a value copied to another person, field, city
//!   or between a city and the pool does not decrypt.
//!
//! This module reads and writes files but never prints; the `keys` commands do the talking.

use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;

use crate::i18n::Lang;
use crate::model::{ContactDetails, Dossier, Pool};
use crate::problem::{Loc, Problem};
use crate::yaml::{Node, Value};

/// The committed list of who can read the contact details, at the workspace root.
pub const RECIPIENTS_FILE: &str = "recipients.yaml";
/// The data key wrapped to every recipient; encryption is on while it exists.
pub const DATA_KEY_FILE: &str = "keys/data-key.age";
/// A new data key (or the same one wrapped again) that a `keys` command under way, or one
/// killed, has not yet put in place of [`DATA_KEY_FILE`].
pub const PENDING_KEY_FILE: &str = "keys/data-key.age.new";
/// Present while `keys decrypt` writes the values back in plain.
pub const DECRYPTING_FILE: &str = "keys/decrypting";
/// The folder of the key files.
pub const KEYS_DIR: &str = "keys";
/// Where the identity is looked for when neither `--identity` nor `DIPLOMAT_IDENTITY` says.
pub const IDENTITY_NAME: &str = "diplomat/identity.txt";

/// What a candidate's sealed details are bound to in place of a dossier's slug: the pool's
/// file name, which no slug can be (a `.` is not in one), so a value copied between the pool
/// and a city (even one named `pool`) does not decrypt.
pub const POOL_SCOPE: &str = crate::workspace::POOL_FILE;

const PREFIX: &str = "ENC[v1,";
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
const KEY_LEN: usize = 32;
const KID_LEN: usize = 8;

mod data_key;
mod identity;
mod recipients;

pub use data_key::{DataKey, UnwrapError, Wrapped, open_with, sealed_by};
pub use identity::{create_identity, identity_path, read_identity};
pub use recipients::{Recipient, Standing, parse_recipients, read_recipients, render_recipients};

/// The two encrypted fields under `contact:`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Email,
    Phone,
}

impl Field {
    pub const ALL: [Field; 2] = [Field::Email, Field::Phone];

    pub fn name(self) -> &'static str {
        match self {
            Field::Email => "email",
            Field::Phone => "phone",
        }
    }

    pub fn of(self, details: &ContactDetails) -> Option<&String> {
        match self {
            Field::Email => details.email.as_ref(),
            Field::Phone => details.phone.as_ref(),
        }
    }

    pub fn of_mut(self, details: &mut ContactDetails) -> &mut Option<String> {
        match self {
            Field::Email => &mut details.email,
            Field::Phone => &mut details.phone,
        }
    }
}

/// The lists of people with contact details: a dossier's two, and the pool's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    Facilitators,
    Contacts,
    Candidates,
}

impl List {
    pub const ALL: [List; 3] = [List::Facilitators, List::Contacts, List::Candidates];

    /// The key of the list in its document.
    pub fn list(self) -> crate::model::registry::Key {
        use crate::model::registry::{dossier, pool};
        match self {
            List::Facilitators => dossier::FACILITATORS,
            List::Contacts => dossier::CONTACTS,
            List::Candidates => pool::CANDIDATES,
        }
    }

    pub fn key(self) -> &'static str {
        self.list().name
    }
}

/// A document whose people have contact details sealed at rest: a dossier, or the pool.
pub trait Holder {
    /// What its sealed values are bound to: the dossier's slug, or [`POOL_SCOPE`].
    fn scope(&self) -> &str;
    /// Every person's list, place in it, id and contact details, list by list, in file order.
    fn people(&self) -> Vec<(List, usize, &str, &ContactDetails)>;
    /// The contact details of person `index` of `list`, to change.
    fn details_mut(&mut self, list: List, index: usize) -> Option<&mut ContactDetails>;
}

impl Holder for Dossier {
    fn scope(&self) -> &str {
        &self.slug
    }

    fn people(&self) -> Vec<(List, usize, &str, &ContactDetails)> {
        let facilitators = self
            .facilitators
            .iter()
            .enumerate()
            .map(|(i, f)| (List::Facilitators, i, f.id.as_str(), &f.contact));
        let contacts = self
            .contacts
            .iter()
            .enumerate()
            .map(|(i, c)| (List::Contacts, i, c.id.as_str(), &c.contact));
        facilitators.chain(contacts).collect()
    }

    fn details_mut(&mut self, list: List, index: usize) -> Option<&mut ContactDetails> {
        match list {
            List::Facilitators => self.facilitators.get_mut(index).map(|f| &mut f.contact),
            List::Contacts => self.contacts.get_mut(index).map(|c| &mut c.contact),
            List::Candidates => None,
        }
    }
}

impl Holder for Pool {
    fn scope(&self) -> &str {
        POOL_SCOPE
    }

    fn people(&self) -> Vec<(List, usize, &str, &ContactDetails)> {
        self.candidates
            .iter()
            .enumerate()
            .map(|(i, c)| (List::Candidates, i, c.id.as_str(), &c.contact))
            .collect()
    }

    fn details_mut(&mut self, list: List, index: usize) -> Option<&mut ContactDetails> {
        match list {
            List::Candidates => self.candidates.get_mut(index).map(|c| &mut c.contact),
            _ => None,
        }
    }
}

/// Every person's id and contact details in `doc`, list by list, in file order.
pub fn people<H: Holder>(doc: &H) -> Vec<(List, usize, &str, &ContactDetails)> {
    doc.people()
}

/// The contact details of person `index` of `list`, to change.
pub fn details_mut<H: Holder>(
    doc: &mut H,
    list: List,
    index: usize,
) -> Option<&mut ContactDetails> {
    doc.details_mut(list, index)
}

/// Whether a stored value is an `ENC[…]` value (well formed or not).
pub fn is_sealed(stored: &str) -> bool {
    stored.starts_with("ENC[")
}

/// Whether the workspace at `root` has encryption on (`keys/data-key.age` exists).
pub fn is_on(root: &Path) -> bool {
    root.join(DATA_KEY_FILE).is_file()
}

/// Why a stored value did not open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// Not `ENC[v1,KID,PAYLOAD]`, or the payload is not base64 of a nonce and a tag.
    Malformed,
    /// Sealed with another data key (an earlier one, or another workspace's).
    OtherKey,
    /// The tag does not match: the value was changed, or copied from another person, field or
    /// city.
    Tampered,
}

impl OpenError {
    pub fn describe(self, lang: Lang) -> String {
        match self {
            OpenError::Malformed => lang
                .pick(
                    "is not a well-formed encrypted value (`ENC[v1,…]`)",
                    "مقدار رمزشدهٔ درستی (`ENC[v1,…]`) نیست",
                )
                .to_owned(),
            OpenError::OtherKey => lang
                .pick(
                    "was encrypted with another data key (an earlier one, or another workspace's)",
                    "با کلید دادهٔ دیگری رمز شده است (کلیدی قدیمی‌تر، یا کلید فضای کار دیگری)",
                )
                .to_owned(),
            OpenError::Tampered => lang
                .pick(
                    "does not decrypt here: it was changed, or copied from another person, field or city",
                    "این‌جا رمزگشایی نمی‌شود: تغییر کرده، یا از شخص، فیلد یا شهر دیگری رونوشت شده است",
                )
                .to_owned(),
        }
    }
}

/// The parts of a stored `ENC[v1,KID,PAYLOAD]` value.
fn parts(stored: &str) -> Result<(&str, Vec<u8>), OpenError> {
    let inner = stored
        .strip_prefix(PREFIX)
        .and_then(|rest| rest.strip_suffix(']'))
        .ok_or(OpenError::Malformed)?;
    let (kid, payload) = inner.split_once(',').ok_or(OpenError::Malformed)?;
    let kid_ok = kid.len() == 2 * KID_LEN && kid.bytes().all(|b| b.is_ascii_hexdigit());
    let payload = B64.decode(payload).map_err(|_| OpenError::Malformed)?;
    if !kid_ok || payload.len() < NONCE_LEN + TAG_LEN {
        return Err(OpenError::Malformed);
    }
    Ok((kid, payload))
}

/// Whether `stored` has the shape of a sealed value (no key needed).
pub fn check_shape(stored: &str) -> Result<(), OpenError> {
    parts(stored).map(|_| ())
}

/// `details` as they are to be stored in `slug` for `person`: each value sealed with `key`
/// (when encryption is on), an unchanged one keeping its exact ciphertext from `previous`.
/// With no key (encryption off) the details are stored as given.
///
/// The one function every write of contact details goes through (`facilitator add/set`,
/// `contact add/set`); see `cli::keys::seal_details`, which finds the key.
pub fn seal_contact(
    key: Option<&DataKey>,
    slug: &str,
    person: &str,
    details: ContactDetails,
    previous: Option<&ContactDetails>,
) -> ContactDetails {
    let Some(key) = key else {
        return details;
    };
    let mut stored = ContactDetails::default();
    for field in Field::ALL {
        if let Some(plain) = field.of(&details) {
            let before = previous.and_then(|p| field.of(p)).map(String::as_str);
            *field.of_mut(&mut stored) = Some(key.seal_keeping(slug, person, field, plain, before));
        }
    }
    stored
}

/// `stored`, the details of `person` sealed for `from` (a city's slug, or the pool's scope),
/// sealed again for `to`: each value opened with `key` and sealed anew, never left in plain
/// (a plain value, left by hand in an encrypting workspace, is sealed too). The field that did
/// not open, and why, when one does not. With no key (encryption off) the details stay as
/// they are.
pub fn reseal_contact(
    key: Option<&DataKey>,
    from: &str,
    to: &str,
    person: &str,
    stored: &ContactDetails,
) -> Result<ContactDetails, (Field, OpenError)> {
    let Some(key) = key else {
        return Ok(stored.clone());
    };
    let mut resealed = ContactDetails::default();
    for field in Field::ALL {
        if let Some(value) = field.of(stored) {
            let plain = match is_sealed(value) {
                true => key
                    .open(from, person, field, value)
                    .map_err(|e| (field, e))?,
                false => zeroize::Zeroizing::new(value.clone()),
            };
            *field.of_mut(&mut resealed) = Some(key.seal(to, person, field, &plain));
        }
    }
    Ok(resealed)
}

/// A value that did not open: whose, which field, and why.
#[derive(Clone, Debug)]
pub struct Failure {
    pub list: List,
    /// The person's place in `list`.
    pub index: usize,
    pub person: String,
    pub field: Field,
    pub error: OpenError,
}

/// A value that did not open, as a problem located in `tree` (the dossier's parsed file).
pub fn located(shown: &Path, tree: Option<&Node>, failure: &Failure, lang: Lang) -> Problem {
    let Failure {
        list,
        index,
        ref person,
        field,
        error,
    } = *failure;
    let loc = tree.and_then(|t| value_loc(t, list, index, field));
    let key = lang.code(format!("{}[{person}].contact.{}", list.key(), field.name()));
    let why = error.describe(lang);
    let problem = Problem::new(shown, loc, format!("{key} {why}"));
    match error {
        OpenError::Tampered => problem.with_help(lang.pick(
            "write the value again in plain and run `diplomat keys encrypt`, or take it back from git history",
            "مقدار را دوباره بی‌رمز بنویسید و `diplomat keys encrypt` را اجرا کنید، یا آن را از تاریخچهٔ git برگردانید",
        )),
        OpenError::OtherKey => problem.with_help(lang.pick(
            "it was probably written on a branch made before the last `diplomat keys remove`: ask whoever holds the earlier key to set it again",
            "احتمالاً در شاخه‌ای نوشته شده که پیش از آخرین `diplomat keys remove` ساخته شده بود: از کسی که کلید قبلی را دارد بخواهید آن را دوباره بنویسد",
        )),
        OpenError::Malformed => problem,
    }
}

fn value_loc(tree: &Node, list: List, index: usize, field: Field) -> Option<Loc> {
    let Value::Seq(items) = &tree.get(list.key())?.value else {
        return None;
    };
    items
        .get(index)?
        .get("contact")?
        .get(field.name())
        .map(|n| n.loc)
}

/// With encryption on: every `email` and `phone` in `tree` that is stored in plain, or that
/// is not a well-formed sealed value, as a located problem. Needs no key.
pub fn plaintext_problems(shown: &Path, tree: &Node, lang: Lang) -> Vec<Problem> {
    let mut problems = Vec::new();
    for list in List::ALL {
        let Some(Value::Seq(items)) = tree.get(list.key()).map(|n| &n.value) else {
            continue;
        };
        for item in items {
            let Some(details) = item.get("contact") else {
                continue;
            };
            let person = item.get("id").and_then(Node::as_str).unwrap_or("?");
            for field in Field::ALL {
                let Some(node) = details.get(field.name()) else {
                    continue;
                };
                let Some(stored) = node.as_str() else {
                    continue;
                };
                let key = lang.code(format!("{}[{person}].contact.{}", list.key(), field.name()));
                if !is_sealed(stored) {
                    let encrypt = lang.code("diplomat keys encrypt");
                    problems.push(
                        Problem::new(
                            shown,
                            Some(node.loc),
                            say!(
                                lang,
                                "{key} is stored in plain, but this workspace encrypts contact details",
                                "{key} رمزنشده ذخیره شده، اما این فضای کار جزئیات تماس را رمز می‌کند"
                            ),
                        )
                        .with_help(say!(
                            lang,
                            "run {encrypt} to encrypt it (with your identity), and commit again",
                            "{encrypt} را اجرا کنید تا (با شناسهٔ رمز شما) رمز شود، و دوباره کامیت کنید"
                        )),
                    );
                } else if let Err(e) = check_shape(stored) {
                    let why = e.describe(lang);
                    problems.push(Problem::new(shown, Some(node.loc), format!("{key} {why}")));
                }
            }
        }
    }
    problems
}

/// Whether `doc` holds an `email` or `phone` that [`plaintext_problems`] would report (so
/// that only those files are parsed again for locations).
pub fn has_unsealed<H: Holder>(doc: &H) -> bool {
    people(doc).iter().any(|(_, _, _, details)| {
        Field::ALL
            .iter()
            .filter_map(|f| f.of(details))
            .any(|v| check_shape(v).is_err())
    })
}

/// Whether `doc` holds any sealed value.
pub fn has_sealed<H: Holder>(doc: &H) -> bool {
    people(doc).iter().any(|(_, _, _, details)| {
        Field::ALL
            .iter()
            .filter_map(|f| f.of(details))
            .any(|v| is_sealed(v))
    })
}
