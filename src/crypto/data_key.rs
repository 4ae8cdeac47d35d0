//! The workspace's data key: sealing and opening values, and its wrapped form in
//! `keys/data-key.age`, which also records who it was wrapped to.

use std::io::{Read, Write};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use zeroize::Zeroizing;

use super::{Field, KEY_LEN, KID_LEN, NONCE_LEN, OpenError, PREFIX, Recipient, parts};
use crate::error::{Error, Result};

/// The first line of the wrapped data key's plaintext.
const KEY_HEADER: &str = "diplomat-data-key v1";
/// A line of the plaintext naming a recipient the key is wrapped to: `holder age1… NAME`.
const HOLDER: &str = "holder ";
/// A line of a pending key's plaintext naming an entry of the `recipients.yaml` that goes with
/// it: `listed age1… NAME`.
const LISTED: &str = "listed ";

/// The workspace's data key, in memory only while a command runs (wiped when dropped, each
/// copy).
#[derive(Clone)]
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

    /// The data key wrapped with age to every one of `holders`, ASCII-armored. The plaintext
    /// names them too (only those who can open it read who else can), so a recipient added to
    /// `recipients.yaml` by hand is told apart from one it was given to. `listed`, for a
    /// pending change only, is the `recipients.yaml` that goes with it.
    pub fn wrap(&self, holders: &[Recipient], listed: Option<&[Recipient]>) -> Result<String> {
        let parsed = super::parse_recipients(holders)?;
        let internal = |e: &dyn std::fmt::Display| Error::internal(format!("age: {e}"));
        let encryptor =
            age::Encryptor::with_recipients(parsed.iter().map(|r| r as &dyn age::Recipient))
                .map_err(|e| internal(&e))?;
        let mut out = Vec::new();
        let armor =
            age::armor::ArmoredWriter::wrap_output(&mut out, age::armor::Format::AsciiArmor)
                .map_err(|e| internal(&e))?;
        let mut writer = encryptor.wrap_output(armor).map_err(|e| internal(&e))?;
        let encoded = Zeroizing::new(B64.encode(self.key.as_slice()));
        let mut plain = Zeroizing::new(format!("{KEY_HEADER}\n{}\n{}\n", self.kid, *encoded));
        let lines = holders
            .iter()
            .map(|r| (HOLDER, r))
            .chain(listed.unwrap_or_default().iter().map(|r| (LISTED, r)));
        for (tag, r) in lines {
            // One line each: a name typed by hand may hold anything.
            let name: String = r
                .name
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            plain.push_str(&format!("{tag}{} {name}\n", r.key));
        }
        writer
            .write_all(plain.as_bytes())
            .map_err(|e| internal(&e))?;
        writer
            .finish()
            .and_then(|armor| armor.finish())
            .map_err(|e| internal(&e))?;
        String::from_utf8(out).map_err(|e| internal(&e))
    }

    /// The data key from its wrapped form, with `identity`, and what the file records.
    pub fn unwrap(
        wrapped: &[u8],
        identity: &age::x25519::Identity,
    ) -> std::result::Result<Wrapped, UnwrapError> {
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
        let (mut holders, mut listed) = (Vec::new(), Vec::new());
        for line in lines {
            let (list, rest) = if let Some(rest) = line.strip_prefix(HOLDER) {
                (&mut holders, rest)
            } else if let Some(rest) = line.strip_prefix(LISTED) {
                (&mut listed, rest)
            } else {
                // A line a later version writes.
                continue;
            };
            let (key, name) = rest.split_once(' ').unwrap_or((rest, ""));
            list.push(Recipient {
                name: name.to_owned(),
                key: key.to_owned(),
            });
        }
        Ok(Wrapped {
            key: DataKey { kid, key: bytes },
            holders: (!holders.is_empty()).then_some(holders),
            listed: (!listed.is_empty()).then_some(listed),
        })
    }
}

/// A wrapped data key, opened.
#[derive(Debug)]
pub struct Wrapped {
    pub key: DataKey,
    /// Who it is wrapped to; none in a file written before diplomat recorded it.
    pub holders: Option<Vec<Recipient>>,
    /// For a pending change: the `recipients.yaml` that goes with it.
    pub listed: Option<Vec<Recipient>>,
}

/// `stored` opened with whichever of `keys` sealed it (a half-done `keys` command leaves
/// values sealed with two).
pub fn open_with(
    keys: &[DataKey],
    slug: &str,
    person: &str,
    field: Field,
    stored: &str,
) -> std::result::Result<Zeroizing<String>, OpenError> {
    let (kid, _) = parts(stored)?;
    match keys.iter().find(|k| k.kid == kid) {
        Some(key) => key.open(slug, person, field, stored),
        None => Err(OpenError::OtherKey),
    }
}

/// The id of the data key that sealed `stored`, when it is well formed.
pub fn sealed_by(stored: &str) -> Option<&str> {
    parts(stored).ok().map(|(kid, _)| kid)
}

/// Why the data key could not be had.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnwrapError {
    /// The identity is not among the file's recipients.
    NotARecipient,
    /// The file is not an age file holding a data key.
    Damaged,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::Recipient;

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
        let ana = Recipient {
            name: "ana".into(),
            key: a.to_public().to_string(),
        };
        let wrapped = key
            .wrap(std::slice::from_ref(&ana), None)
            .unwrap_or_default();
        assert!(wrapped.starts_with("-----BEGIN AGE ENCRYPTED FILE-----"));
        let back = DataKey::unwrap(wrapped.as_bytes(), &a);
        assert_eq!(back.as_ref().map(|w| w.key.id()), Ok(key.id()));
        assert_eq!(back.map(|w| w.holders), Ok(Some(vec![ana])));
        assert_eq!(
            DataKey::unwrap(wrapped.as_bytes(), &b).map(|_| ()),
            Err(UnwrapError::NotARecipient)
        );
    }
}
