//! What the search cache keeps of one file (`.diplomat/cache/search.bin`, by the hash of the
//! file's bytes): its records and texts as [`records::read`] gave them, and beside them every
//! text folded ([`fold::key_into`]), one after the other. A warm search looks for its terms in
//! that one folded stretch per file, and decodes only the records and texts a term was found
//! in: a file whose folds lack a term costs a look, not a parse nor a decode.
//!
//! ```text
//! texts: u32  records: u32
//! folded: u32 length + bytes   each text's fold followed by `\n` (a line break folds away, so
//!                              no fold and no term holds one: a term is never found across two)
//! ends:      texts × u32       where each text's fold ends in `folded`
//! firsts:    records × u32     the first text of each record (a record has one at least)
//! record_at: records × u32     where each record is written in `detail`
//! text_at:   texts × u32       where each text is written in `detail`
//! detail: u32 length + bytes
//!   a record: kind u8, dated u8 (0 or 1), year i16, month u8, day u8, id, title
//!   a text:   line u32, column u32, field, then the text: 1 and a u32 offset and u32
//!             length when it is written as it reads at that offset of the file (the entry
//!             is the file's, by the hash of its bytes), else 0 and the text
//! ```
//!
//! Integers are little-endian; a string is a u32 length and its bytes, `u32::MAX` for none.
//! Every read is checked: an entry that does not read is a miss, and the file is parsed again.

use clap::ValueEnum;
use jiff::civil::Date;

use super::fold;
use super::locate::Lines;
use super::records::{Kind, Record};
use crate::problem::Loc;

const NONE: u32 = u32::MAX;

/// The entry of a file whose records are `records`, its text `file` (`None` when it is not
/// UTF-8).
pub fn encode(records: &[Record], file: Option<&str>) -> Vec<u8> {
    let lines = file.map(Lines::new);
    let texts: usize = records.iter().map(|r| r.texts.len()).sum();
    let mut folded = String::new();
    let mut key = String::new();
    let mut ends = Vec::with_capacity(texts);
    let mut firsts = Vec::with_capacity(records.len());
    let mut record_at = Vec::with_capacity(records.len());
    let mut text_at = Vec::with_capacity(texts);
    let mut detail = Vec::new();
    for record in records {
        firsts.push(ends.len());
        record_at.push(detail.len());
        let kind = Kind::value_variants()
            .iter()
            .position(|k| *k == record.kind)
            .unwrap_or(0);
        detail.push(kind as u8);
        match record.date {
            Some(d) => {
                detail.push(1);
                detail.extend_from_slice(&d.year().to_le_bytes());
                detail.push(d.month() as u8);
                detail.push(d.day() as u8);
            }
            None => detail.extend_from_slice(&[0; 5]),
        }
        put_str(&mut detail, record.id);
        put_str(&mut detail, record.title);
        for text in &record.texts {
            fold::key_into(text.text, &mut key);
            folded.push_str(&key);
            ends.push(folded.len());
            folded.push('\n');
            text_at.push(detail.len());
            detail.extend_from_slice(&text.node.loc.line.to_le_bytes());
            detail.extend_from_slice(&text.node.loc.column.to_le_bytes());
            put_str(&mut detail, Some(&text.field));
            match lines
                .as_ref()
                .and_then(|l| verbatim(l, text.node.loc, text.text))
            {
                Some(offset) => {
                    detail.push(1);
                    put_u32(&mut detail, offset);
                    put_u32(&mut detail, text.text.len());
                }
                None => {
                    detail.push(0);
                    put_str(&mut detail, Some(text.text));
                }
            }
        }
    }
    let mut out = Vec::with_capacity(folded.len() + detail.len() + 16 * texts + 32);
    put_u32(&mut out, texts);
    put_u32(&mut out, records.len());
    put_str(&mut out, Some(&folded));
    for n in ends.iter().chain(&firsts).chain(&record_at).chain(&text_at) {
        put_u32(&mut out, *n);
    }
    put_u32(&mut out, detail.len());
    out.extend_from_slice(&detail);
    out
}

/// Where `text`, a value placed at `loc`, is written as it reads in the file: at its place,
/// or just after a quote there.
fn verbatim(lines: &Lines, loc: Loc, text: &str) -> Option<usize> {
    let at = lines.offset(loc)?;
    let file = lines.text().as_bytes();
    [at, at + 1]
        .into_iter()
        .find(|&at| file.get(at..at + text.len()) == Some(text.as_bytes()))
}

fn put_u32(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&u32::try_from(n).unwrap_or(NONE).to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => {
            put_u32(out, s.len());
            out.extend_from_slice(s.as_bytes());
        }
        None => put_u32(out, NONE as usize),
    }
}

/// An entry, read only as far as its parts' places.
pub struct Entry<'a> {
    /// Every text's fold, each followed by `\n`.
    pub folded: &'a [u8],
    ends: &'a [u8],
    firsts: &'a [u8],
    record_at: &'a [u8],
    text_at: &'a [u8],
    detail: &'a [u8],
}

/// A record of an entry.
pub struct CachedRecord<'a> {
    pub kind: Kind,
    pub id: Option<&'a str>,
    pub date: Option<Date>,
    pub title: Option<&'a str>,
}

/// A text of an entry.
pub struct CachedText<'a> {
    pub line: u32,
    pub column: u32,
    pub field: &'a str,
    pub text: &'a str,
}

impl<'a> Entry<'a> {
    pub fn parse(payload: &'a [u8]) -> Option<Self> {
        let mut r = Reader { bytes: payload };
        let texts = r.u32()? as usize;
        let records = r.u32()? as usize;
        let folded = r.bytes()?;
        let ends = r.take(texts.checked_mul(4)?)?;
        let firsts = r.take(records.checked_mul(4)?)?;
        let record_at = r.take(records.checked_mul(4)?)?;
        let text_at = r.take(texts.checked_mul(4)?)?;
        let detail = r.bytes()?;
        r.bytes.is_empty().then_some(Entry {
            folded,
            ends,
            firsts,
            record_at,
            text_at,
            detail,
        })
    }

    /// Where the fold of each text ends in [`Entry::folded`].
    pub fn ends(&self) -> Vec<usize> {
        u32s(self.ends)
    }

    /// The first text of each record.
    pub fn firsts(&self) -> Vec<usize> {
        u32s(self.firsts)
    }

    pub fn record(&self, index: usize) -> Option<CachedRecord<'a>> {
        let mut r = Reader {
            bytes: self.detail.get(u32_at(self.record_at, index)?..)?,
        };
        let kind = *Kind::value_variants().get(usize::from(r.take(1)?[0]))?;
        let dated = r.take(1)?[0];
        let year = i16::from_le_bytes(r.take(2)?.try_into().ok()?);
        let (month, day) = (r.take(1)?[0], r.take(1)?[0]);
        let date = match dated {
            0 => None,
            1 => Some(Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()?),
            _ => return None,
        };
        Some(CachedRecord {
            kind,
            date,
            id: r.opt_str()?,
            title: r.opt_str()?,
        })
    }

    /// Text `index` of the entry of `file`, the text of the file it was made of.
    pub fn text<'b>(&self, index: usize, file: &'b str) -> Option<CachedText<'b>>
    where
        'a: 'b,
    {
        let mut r = Reader {
            bytes: self.detail.get(u32_at(self.text_at, index)?..)?,
        };
        let (line, column, field) = (r.u32()?, r.u32()?, r.opt_str()??);
        let text = match r.take(1)?[0] {
            0 => r.opt_str()??,
            1 => {
                let at = r.u32()? as usize;
                file.get(at..at.checked_add(r.u32()? as usize)?)?
            }
            _ => return None,
        };
        Some(CachedText {
            line,
            column,
            field,
            text,
        })
    }
}

fn u32s(bytes: &[u8]) -> Vec<usize> {
    bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize)
        .collect()
}

fn u32_at(bytes: &[u8], index: usize) -> Option<usize> {
    let at = index.checked_mul(4)?;
    let b = bytes.get(at..at + 4)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (taken, rest) = self.bytes.split_at_checked(n)?;
        self.bytes = rest;
        Some(taken)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn bytes(&mut self) -> Option<&'a [u8]> {
        let len = self.u32()?;
        self.take(len as usize)
    }

    /// `Some(None)` for a string that is not there; `None` when the entry does not read.
    fn opt_str(&mut self) -> Option<Option<&'a str>> {
        match self.u32()? {
            NONE => Some(None),
            len => std::str::from_utf8(self.take(len as usize)?).ok().map(Some),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::i18n::Lang;
    use crate::query::search::records::{self, FileKind, Privacy};

    const DOSSIER: &str = "slug: kazan\nname: {en: Kazan, fa: کازان}\nactions:\n  - {id: a-1, title: Apply, due: 2026-12-31, status: open}\ninteractions:\n  - date: 2026-11-22\n    title: Call\n    summary: |\n      Halal certificate\n";

    #[test]
    fn an_entry_reads_back_as_its_records() {
        let tree = crate::yaml::parse(Path::new("t.yaml"), DOSSIER.as_bytes(), Lang::En)
            .unwrap()
            .unwrap();
        let records = records::read(&tree, FileKind::Dossier, &mut Privacy::default());
        let payload = encode(&records, Some(DOSSIER));
        let entry = Entry::parse(&payload).unwrap();
        assert_eq!(
            std::str::from_utf8(entry.folded).unwrap(),
            "kazan\nکازان\napply\ncall\nhalalcertificate\n"
        );
        assert_eq!(entry.ends(), [5, 16, 22, 27, 44]);
        assert_eq!(entry.firsts(), [0, 2, 3]);
        let action = entry.record(1).unwrap();
        assert_eq!(action.kind, Kind::Action);
        assert_eq!((action.id, action.title), (Some("a-1"), Some("Apply")));
        assert_eq!(action.date, Some(jiff::civil::date(2026, 12, 31)));
        let city = entry.record(0).unwrap();
        assert_eq!((city.kind, city.id, city.date), (Kind::City, None, None));
        let summary = entry.text(4, DOSSIER).unwrap();
        assert_eq!(
            (summary.line, summary.column, summary.field, summary.text),
            (9, 7, "summary", "Halal certificate\n")
        );
        assert!(entry.record(3).is_none() && entry.text(5, DOSSIER).is_none());
        // Written as they read: kept as where they are in the file; the block is kept whole.
        let kazan = entry.text(0, DOSSIER).unwrap().text;
        assert_eq!(
            kazan.as_ptr(),
            DOSSIER[DOSSIER.find("Kazan").unwrap()..].as_ptr()
        );
        // Without the file's text, every text is kept.
        let alone = encode(&records, None);
        let entry = Entry::parse(&alone).unwrap();
        assert_eq!(entry.text(4, "").unwrap().text, "Halal certificate\n");
        assert_eq!(entry.text(1, "").unwrap().text, "کازان");
        // Every truncation is refused, never a panic.
        for end in 0..payload.len() {
            assert!(Entry::parse(&payload[..end]).is_none());
        }
    }

    #[test]
    fn no_fold_holds_a_line_break() {
        let mut key = String::new();
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            fold::key_into(c.encode_utf8(&mut [0; 4]), &mut key);
            assert!(!key.contains('\n'), "{:?}", c);
        }
    }
}
