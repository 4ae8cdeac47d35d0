//! Contact details encrypted at rest: the workspace's data key, the analysts' identities, and
//! the `ENC[v1,…]` values. No home-made cryptography: `age` (X25519 recipients) wraps the data
//! key, XChaCha20-Poly1305 (`chacha20poly1305`) seals each value, `zeroize` wipes keys.
//!
//! - `recipients.yaml` (committed) names the analysts and their public recipients (`age1…`).
//! - `keys/data-key.age` (committed, ASCII-armored so git diffs it as text) holds one random
//!   32-byte data key, wrapped with age to every recipient. Its presence is what turns
//!   encryption on.
//! - Each `email` and `phone` under a facilitator's or contact's `contact:` is stored as
//!   `ENC[v1,KID,PAYLOAD]`: KID names the data key that sealed it (random, public), PAYLOAD is
//!   base64url of a random 24-byte nonce and the ciphertext with its tag. The associated data
//!   is the version, KID, the dossier's slug, the person's id and the field: a value copied to
//!   another person, field or city does not decrypt.
//!
//! This module reads and writes files but never prints; the `keys` commands do the talking.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use age::secrecy::ExposeSecret;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use zeroize::Zeroizing;

use crate::diag::{Loc, Problem};
use crate::error::{Error, Op, Result};
use crate::lang::Lang;
use crate::model::{ContactDetails, Dossier};
use crate::yaml::{Node, Value};

/// The committed list of who can read the contact details, at the workspace root.
pub const RECIPIENTS_FILE: &str = "recipients.yaml";
/// The data key wrapped to every recipient; encryption is on while it exists.
pub const DATA_KEY_FILE: &str = "keys/data-key.age";
/// Where the identity is looked for when neither `--identity` nor `DIPLOMAT_IDENTITY` says.
pub const IDENTITY_NAME: &str = "diplomat/identity.txt";

const PREFIX: &str = "ENC[v1,";
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
const KEY_LEN: usize = 32;
const KID_LEN: usize = 8;
/// The first line of the wrapped data key's plaintext.
const KEY_HEADER: &str = "diplomat-data-key v1";

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

/// The two lists of people with contact details.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    Facilitators,
    Contacts,
}

impl List {
    pub const ALL: [List; 2] = [List::Facilitators, List::Contacts];

    /// The dossier's key of the list.
    pub fn list(self) -> crate::model::keys::Key {
        use crate::model::keys::dossier;
        match self {
            List::Facilitators => dossier::FACILITATORS,
            List::Contacts => dossier::CONTACTS,
        }
    }

    pub fn key(self) -> &'static str {
        self.list().name
    }
}

/// Every person's id and contact details in `dossier`, list by list, in file order.
pub fn people(dossier: &Dossier) -> Vec<(List, usize, &str, &ContactDetails)> {
    let facilitators = dossier
        .facilitators
        .iter()
        .enumerate()
        .map(|(i, f)| (List::Facilitators, i, f.id.as_str(), &f.contact));
    let contacts = dossier
        .contacts
        .iter()
        .enumerate()
        .map(|(i, c)| (List::Contacts, i, c.id.as_str(), &c.contact));
    facilitators.chain(contacts).collect()
}

/// The contact details of person `index` of `list`, to change.
pub fn details_mut(dossier: &mut Dossier, list: List, index: usize) -> Option<&mut ContactDetails> {
    match list {
        List::Facilitators => dossier.facilitators.get_mut(index).map(|f| &mut f.contact),
        List::Contacts => dossier.contacts.get_mut(index).map(|c| &mut c.contact),
    }
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
fn parts(stored: &str) -> std::result::Result<(&str, Vec<u8>), OpenError> {
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
pub fn check_shape(stored: &str) -> std::result::Result<(), OpenError> {
    parts(stored).map(|_| ())
}

/// The workspace's data key, in memory only while a command runs (wiped when dropped).
pub struct DataKey {
    kid: String,
    key: Zeroizing<[u8; KEY_LEN]>,
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DataKey({})", self.kid)
    }
}

impl DataKey {
    /// A new random data key, with a new random id.
    pub fn generate() -> Self {
        let key = XChaCha20Poly1305::generate_key(&mut OsRng);
        let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
        bytes.copy_from_slice(&key);
        let kid_bytes = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let kid = kid_bytes[..KID_LEN]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        DataKey { kid, key: bytes }
    }

    /// The data key's public id, as it appears in every value it sealed.
    pub fn id(&self) -> &str {
        &self.kid
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(self.key.as_slice().into())
    }

    fn aad(&self, slug: &str, person: &str, field: Field) -> Vec<u8> {
        // NUL cannot occur in a slug, an id or a field name: the parts cannot run together.
        format!(
            "diplomat\0v1\0{}\0{slug}\0{person}\0{}",
            self.kid,
            field.name()
        )
        .into_bytes()
    }

    /// `plain` sealed for `field` of person `person` in dossier `slug`: a one-line
    /// `ENC[v1,…]` value, different each time (random nonce).
    pub fn seal(&self, slug: &str, person: &str, field: Field, plain: &str) -> String {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let aad = self.aad(slug, person, field);
        let sealed = self.cipher().encrypt(
            &nonce,
            Payload {
                msg: plain.as_bytes(),
                aad: &aad,
            },
        );
        // Encryption of a message in memory cannot fail (the length is far below the limit).
        let sealed = sealed.unwrap_or_default();
        let mut payload = Vec::with_capacity(NONCE_LEN + sealed.len());
        payload.extend_from_slice(&nonce);
        payload.extend_from_slice(&sealed);
        format!("{PREFIX}{},{}]", self.kid, B64.encode(payload))
    }

    /// The plain value of a sealed one, checked against where it stands.
    pub fn open(
        &self,
        slug: &str,
        person: &str,
        field: Field,
        stored: &str,
    ) -> std::result::Result<Zeroizing<String>, OpenError> {
        let (kid, payload) = parts(stored)?;
        if kid != self.kid {
            return Err(OpenError::OtherKey);
        }
        let (nonce, sealed) = payload.split_at(NONCE_LEN);
        let aad = self.aad(slug, person, field);
        let plain = self
            .cipher()
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: &aad,
                },
            )
            .map_err(|_| OpenError::Tampered)?;
        String::from_utf8(plain)
            .map(Zeroizing::new)
            .map_err(|_| OpenError::Tampered)
    }

    /// The value to store for `plain`: `previous` itself when it is a sealed value that opens
    /// to `plain` (so an unchanged value keeps its exact ciphertext and a diff shows only real
    /// changes), a new sealed value otherwise.
    pub fn seal_keeping(
        &self,
        slug: &str,
        person: &str,
        field: Field,
        plain: &str,
        previous: Option<&str>,
    ) -> String {
        if let Some(previous) = previous
            && self
                .open(slug, person, field, previous)
                .is_ok_and(|p| p.as_str() == plain)
        {
            return previous.to_owned();
        }
        self.seal(slug, person, field, plain)
    }

    /// The data key wrapped with age to every recipient, ASCII-armored.
    pub fn wrap(&self, recipients: &[age::x25519::Recipient]) -> Result<String> {
        let internal = |e: &dyn std::fmt::Display| Error::internal(format!("age: {e}"));
        let encryptor =
            age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
                .map_err(|e| internal(&e))?;
        let mut out = Vec::new();
        let armor =
            age::armor::ArmoredWriter::wrap_output(&mut out, age::armor::Format::AsciiArmor)
                .map_err(|e| internal(&e))?;
        let mut writer = encryptor.wrap_output(armor).map_err(|e| internal(&e))?;
        let encoded = Zeroizing::new(B64.encode(self.key.as_slice()));
        let plain = Zeroizing::new(format!("{KEY_HEADER}\n{}\n{}\n", self.kid, *encoded));
        writer
            .write_all(plain.as_bytes())
            .map_err(|e| internal(&e))?;
        writer
            .finish()
            .and_then(|armor| armor.finish())
            .map_err(|e| internal(&e))?;
        String::from_utf8(out).map_err(|e| internal(&e))
    }

    /// The data key from its wrapped form, with `identity`.
    pub fn unwrap(
        wrapped: &[u8],
        identity: &age::x25519::Identity,
    ) -> std::result::Result<Self, UnwrapError> {
        let reader = age::armor::ArmoredReader::new(wrapped);
        let decryptor = age::Decryptor::new_buffered(reader).map_err(|_| UnwrapError::Damaged)?;
        let mut stream = decryptor
            .decrypt(std::iter::once(identity as &dyn age::Identity))
            .map_err(|e| match e {
                age::DecryptError::NoMatchingKeys => UnwrapError::NotARecipient,
                _ => UnwrapError::Damaged,
            })?;
        let mut plain = Zeroizing::new(Vec::new());
        stream
            .read_to_end(&mut plain)
            .map_err(|_| UnwrapError::Damaged)?;
        let text = std::str::from_utf8(&plain).map_err(|_| UnwrapError::Damaged)?;
        let mut lines = text.lines();
        if lines.next() != Some(KEY_HEADER) {
            return Err(UnwrapError::Damaged);
        }
        let kid = lines.next().ok_or(UnwrapError::Damaged)?.to_owned();
        let key = Zeroizing::new(
            B64.decode(lines.next().ok_or(UnwrapError::Damaged)?)
                .map_err(|_| UnwrapError::Damaged)?,
        );
        if kid.len() != 2 * KID_LEN || key.len() != KEY_LEN {
            return Err(UnwrapError::Damaged);
        }
        let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
        bytes.copy_from_slice(&key);
        Ok(DataKey { kid, key: bytes })
    }
}

/// Why the data key could not be had.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnwrapError {
    /// The identity is not among the file's recipients.
    NotARecipient,
    /// The file is not an age file holding a data key.
    Damaged,
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

/// Whether `dossier` holds an `email` or `phone` that [`plaintext_problems`] would report (so
/// that only those files are parsed again for locations).
pub fn has_unsealed(dossier: &Dossier) -> bool {
    people(dossier).iter().any(|(_, _, _, details)| {
        Field::ALL
            .iter()
            .filter_map(|f| f.of(details))
            .any(|v| check_shape(v).is_err())
    })
}

/// Whether `dossier` holds any sealed value.
pub fn has_sealed(dossier: &Dossier) -> bool {
    people(dossier).iter().any(|(_, _, _, details)| {
        Field::ALL
            .iter()
            .filter_map(|f| f.of(details))
            .any(|v| is_sealed(v))
    })
}

// ---------------------------------------------------------------------------------------------
// Identities

/// Where the analyst's identity is: `explicit` (`--identity` or `DIPLOMAT_IDENTITY`), else
/// `$XDG_CONFIG_HOME/diplomat/identity.txt`, else `$HOME/.config/diplomat/identity.txt`
/// (`%APPDATA%\diplomat\identity.txt` on Windows).
pub fn identity_path(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = explicit {
        return Some(path.to_path_buf());
    }
    let nonempty = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(config) = nonempty("XDG_CONFIG_HOME") {
        return Some(PathBuf::from(config).join(IDENTITY_NAME));
    }
    if cfg!(windows)
        && let Some(appdata) = nonempty("APPDATA")
    {
        return Some(PathBuf::from(appdata).join(IDENTITY_NAME));
    }
    nonempty("HOME").map(|home| PathBuf::from(home).join(".config").join(IDENTITY_NAME))
}

/// Reads an identity file: `AGE-SECRET-KEY-1…` on a line, `#` comments (the format of
/// `age-keygen`, so an existing age identity works too).
pub fn read_identity(path: &Path) -> Result<Option<age::x25519::Identity>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => Zeroizing::new(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::file(Op::Read, path, &e)),
    };
    let found = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .find_map(|l| l.parse::<age::x25519::Identity>().ok());
    match found {
        Some(identity) => Ok(Some(identity)),
        None => Err(Error::input(|lang: Lang| {
            let (file, secret) = (lang.code(path.display()), lang.code("AGE-SECRET-KEY-1…"));
            say!(
                lang,
                "{file} holds no age identity (a line {secret})",
                "{file} شناسهٔ رمز age (سطری به شکل {secret}) ندارد"
            )
        })),
    }
}

/// Creates a new identity at `path` (readable by its owner only) and returns it. Refuses to
/// replace an existing file.
pub fn create_identity(path: &Path, today: jiff::civil::Date) -> Result<age::x25519::Identity> {
    let identity = age::x25519::Identity::generate();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::file(Op::Create, dir, &e))?;
    }
    let text = Zeroizing::new(format!(
        "# diplomat identity, created {today}: keep it private, never commit it.\n# public key: {}\n{}\n",
        identity.to_public(),
        identity.to_string().expose_secret()
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .map_err(|e| Error::file(Op::Create, path, &e))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::file(Op::Write, path, &e))?;
    Ok(identity)
}

// ---------------------------------------------------------------------------------------------
// Recipients

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_opens_only_where_it_was_sealed() {
        let key = DataKey::generate();
        let sealed = key.seal("barcelona", "maryam", Field::Phone, "+98 31 0000 0000");
        assert!(sealed.starts_with("ENC[v1,") && !sealed.contains('\n'));
        let opened = key.open("barcelona", "maryam", Field::Phone, &sealed);
        assert_eq!(
            opened.as_deref().map(String::as_str),
            Ok("+98 31 0000 0000")
        );
        for (slug, person, field) in [
            ("porto", "maryam", Field::Phone),
            ("barcelona", "reza", Field::Phone),
            ("barcelona", "maryam", Field::Email),
        ] {
            assert_eq!(
                key.open(slug, person, field, &sealed).map(|_| ()),
                Err(OpenError::Tampered)
            );
        }
        let other = DataKey::generate();
        assert_eq!(
            other
                .open("barcelona", "maryam", Field::Phone, &sealed)
                .map(|_| ()),
            Err(OpenError::OtherKey)
        );
        assert_eq!(
            key.open("barcelona", "maryam", Field::Phone, "ENC[v1,zz]")
                .map(|_| ()),
            Err(OpenError::Malformed)
        );
    }

    #[test]
    fn an_unchanged_value_keeps_its_ciphertext() {
        let key = DataKey::generate();
        let sealed = key.seal("porto", "reza", Field::Email, "r@example.org");
        let again = key.seal_keeping(
            "porto",
            "reza",
            Field::Email,
            "r@example.org",
            Some(&sealed),
        );
        assert_eq!(again, sealed);
        let changed = key.seal_keeping(
            "porto",
            "reza",
            Field::Email,
            "x@example.org",
            Some(&sealed),
        );
        assert_ne!(changed, sealed);
    }

    #[test]
    fn the_data_key_unwraps_for_its_recipients_only() {
        let (a, b) = (
            age::x25519::Identity::generate(),
            age::x25519::Identity::generate(),
        );
        let key = DataKey::generate();
        let wrapped = key.wrap(&[a.to_public()]).unwrap_or_default();
        assert!(wrapped.starts_with("-----BEGIN AGE ENCRYPTED FILE-----"));
        let back = DataKey::unwrap(wrapped.as_bytes(), &a).map(|k| k.kid);
        assert_eq!(back.as_deref(), Ok(key.id()));
        assert_eq!(
            DataKey::unwrap(wrapped.as_bytes(), &b).map(|_| ()),
            Err(UnwrapError::NotARecipient)
        );
    }
}
