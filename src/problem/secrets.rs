//! An age secret key (`AGE-SECRET-KEY-1…`, the identity that opens every encrypted contact
//! detail) never leaves diplomat in what it prints: a file an analyst points it at by mistake
//! (`validate ~/.config/diplomat/identity.txt`), a template or a dossier holding one, is shown
//! with the key masked as contact details are, one `•` for each character after the prefix, so
//! the shape of the mistake stays visible and the key does not.
//!
//! [`mask_secret_keys`] serves text (every message and diagnostic goes through
//! [`super::safe`]); [`MaskSecrets`] serves a stream, standard output and `-o FILE`, where a
//! key may arrive split over two writes.

use std::borrow::Cow;
use std::io::{self, Write};

use memchr::memmem;

/// How an age secret key begins, in the upper case age writes and the lower case bech32 also
/// allows.
const PREFIXES: [&[u8]; 2] = [b"AGE-SECRET-KEY-1", b"age-secret-key-1"];
const PREFIX_LEN: usize = 16;
/// A key's body is 58 characters; a run far longer is still masked, but a stream stops
/// waiting for its end after this many.
const LONGEST: usize = 256;
const MASK: &str = "•";

/// `text` with the body of every age secret key masked.
pub fn mask_secret_keys(text: &str) -> Cow<'_, str> {
    if !might_hold(text.as_bytes()) {
        return Cow::Borrowed(text);
    }
    let mut out = Vec::with_capacity(text.len() + 128);
    let mut sink = Sink(&mut out);
    // Writing to a Vec does not fail; the text is whole, so nothing is left pending.
    let _ = mask(text.as_bytes(), true, &mut sink);
    // Only ASCII key characters were replaced, each by a whole character.
    Cow::Owned(
        String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    )
}

fn might_hold(bytes: &[u8]) -> bool {
    PREFIXES.iter().any(|p| memmem::find(bytes, p).is_some())
}

struct Sink<'a>(&'a mut Vec<u8>);

impl Write for Sink<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The first key prefix in `data`, at or after `from`.
fn next_prefix(data: &[u8], from: usize) -> Option<usize> {
    PREFIXES
        .iter()
        .filter_map(|p| memmem::find(&data[from..], p))
        .min()
        .map(|at| from + at)
}

/// Writes `data` to `out` with every key's body masked, and returns how much of its end was
/// held back: a key whose body may go on in the next write, or the beginning of a prefix.
/// With `end`, nothing is held back.
fn mask(data: &[u8], end: bool, out: &mut dyn Write) -> io::Result<usize> {
    let mut done = 0;
    while let Some(at) = next_prefix(data, done) {
        let body = at + PREFIX_LEN;
        let run = data[body..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if !end && body + run == data.len() && PREFIX_LEN + run < LONGEST {
            out.write_all(&data[done..at])?;
            return Ok(data.len() - at);
        }
        out.write_all(&data[done..body])?;
        for _ in 0..run {
            out.write_all(MASK.as_bytes())?;
        }
        done = body + run;
    }
    let held = if end {
        0
    } else {
        partial_prefix(&data[done..])
    };
    out.write_all(&data[done..data.len() - held])?;
    Ok(held)
}

/// How many bytes at the end of `data` could begin a prefix.
fn partial_prefix(data: &[u8]) -> usize {
    (1..PREFIX_LEN.min(data.len() + 1))
        .rev()
        .find(|&n| {
            let tail = &data[data.len() - n..];
            PREFIXES.iter().any(|p| p.starts_with(tail))
        })
        .unwrap_or(0)
}

/// A writer that masks age secret keys in what goes through it: a key split over two writes
/// is held back until its end is seen (at most a few hundred bytes), and what is held is
/// written at [`Write::flush`] or when the writer is dropped.
pub struct MaskSecrets<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> MaskSecrets<W> {
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            pending: Vec::new(),
        }
    }

    fn settle(&mut self, end: bool) -> io::Result<()> {
        let data = std::mem::take(&mut self.pending);
        let held = mask(&data, end, &mut self.inner)?;
        self.pending = data;
        let keep = self.pending.len() - held;
        self.pending.drain(..keep);
        Ok(())
    }
}

impl<W: Write> Write for MaskSecrets<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.pending.is_empty() {
            let held = mask(buf, false, &mut self.inner)?;
            self.pending.extend_from_slice(&buf[buf.len() - held..]);
        } else {
            self.pending.extend_from_slice(buf);
            self.settle(false)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.settle(true)?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for MaskSecrets<W> {
    fn drop(&mut self) {
        // What was held back is part of the output; a failure here has nowhere to go.
        let _ = self.settle(true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "AGE-SECRET-KEY-1QYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSHFLY3E";

    fn masked_body() -> String {
        MASK.repeat(KEY.len() - PREFIX_LEN)
    }

    #[test]
    fn a_key_is_masked_and_the_rest_kept() {
        let text = format!("# created: 2026-11-26\n{KEY}\nnext line");
        let want = format!(
            "# created: 2026-11-26\nAGE-SECRET-KEY-1{}\nnext line",
            masked_body()
        );
        assert_eq!(mask_secret_keys(&text), want);
        let lower = KEY.to_lowercase();
        assert!(!mask_secret_keys(&lower).contains(&lower[PREFIX_LEN..]));
        for kept in [
            "AGE-SECRET-KEY-",
            "no key here",
            "age1qyqszqgpqyqszqgp (a recipient)",
        ] {
            assert_eq!(mask_secret_keys(kept), kept);
        }
    }

    #[test]
    fn a_stream_masks_a_key_split_anywhere() {
        let text = format!("before {KEY}, and {KEY}");
        let want = mask_secret_keys(&text).into_owned();
        let bytes = text.as_bytes();
        for cut in 0..bytes.len() {
            for second in [cut, (cut + 7).min(bytes.len())] {
                let mut out = Vec::new();
                {
                    let mut w = MaskSecrets::new(&mut out);
                    w.write_all(&bytes[..cut]).unwrap_or_default();
                    w.write_all(&bytes[cut..second]).unwrap_or_default();
                    w.write_all(&bytes[second..]).unwrap_or_default();
                    w.flush().unwrap_or_default();
                }
                assert_eq!(
                    String::from_utf8_lossy(&out),
                    want,
                    "cut at {cut}, {second}"
                );
            }
        }
        // Held back until the end: written when the writer goes.
        let mut out = Vec::new();
        {
            let mut w = MaskSecrets::new(&mut out);
            w.write_all(b"tail AGE-SEC").unwrap_or_default();
        }
        assert_eq!(out, b"tail AGE-SEC");
    }
}
