//! A MessagePack writer for the cache whose structs are maps keyed by field *index* rather than
//! field name: about half the bytes of rmp-serde's named encoding for a dossier, and much less to
//! validate when reading back. Still self-describing, so fields the model skips when empty
//! (`skip_serializing_if`) simply do not appear; rmp-serde reads it back, and serde's derived
//! `Deserialize` accepts a field's index wherever it accepts its name.
//!
//! The index of a field is its position among the fields the derived code visits: serde calls
//! `serialize_field` for each present field and `skip_field` for each skipped one, in declaration
//! order, so counting both gives the index that deserialization expects (fields marked
//! `#[serde(skip)]` are left out on both sides). Only what the dossier model uses is supported;
//! anything else is an error, and the dossier is then simply not cached.

use serde::Serialize;
use serde::ser::{self, Impossible};

#[derive(Debug)]
pub struct Unsupported(String);

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Unsupported(msg.to_string())
    }
}

type Result<T = ()> = std::result::Result<T, Unsupported>;

fn unsupported<T>(what: &str) -> Result<T> {
    Err(Unsupported(format!("the cache cannot store {what}")))
}

/// `value` as MessagePack, structs keyed by field index.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>> {
    let mut out = Writer(Vec::with_capacity(8 * 1024));
    value.serialize(&mut out)?;
    Ok(out.0)
}

pub struct Writer(Vec<u8>);

impl Writer {
    fn uint(&mut self, v: u64) {
        match v {
            0..=0x7f => self.0.push(v as u8),
            0x80..=0xff => self.0.extend_from_slice(&[0xcc, v as u8]),
            0x100..=0xffff => {
                self.0.push(0xcd);
                self.0.extend_from_slice(&(v as u16).to_be_bytes());
            }
            0x1_0000..=0xffff_ffff => {
                self.0.push(0xce);
                self.0.extend_from_slice(&(v as u32).to_be_bytes());
            }
            _ => {
                self.0.push(0xcf);
                self.0.extend_from_slice(&v.to_be_bytes());
            }
        }
    }

    fn int(&mut self, v: i64) {
        if v >= 0 {
            self.uint(v as u64);
        } else if v >= -32 {
            self.0.push(v as i8 as u8);
        } else {
            self.0.push(0xd3);
            self.0.extend_from_slice(&v.to_be_bytes());
        }
    }

    /// A header: `fix` (with the length in its low bits) up to `fix_max`, else 16 or 32 bits.
    fn header(&mut self, len: usize, fix: u8, fix_max: usize, m16: u8, m32: u8) -> Result {
        if len <= fix_max {
            self.0.push(fix | len as u8);
        } else if let Ok(len) = u16::try_from(len) {
            self.0.push(m16);
            self.0.extend_from_slice(&len.to_be_bytes());
        } else if let Ok(len) = u32::try_from(len) {
            self.0.push(m32);
            self.0.extend_from_slice(&len.to_be_bytes());
        } else {
            return unsupported("more than 4 GiB in one value");
        }
        Ok(())
    }

    fn str(&mut self, v: &str) -> Result {
        if v.len() < 256 && v.len() > 31 {
            self.0.extend_from_slice(&[0xd9, v.len() as u8]);
        } else {
            self.header(v.len(), 0xa0, 31, 0xda, 0xdb)?;
        }
        self.0.extend_from_slice(v.as_bytes());
        Ok(())
    }

    fn array(&mut self, len: usize) -> Result {
        self.header(len, 0x90, 15, 0xdc, 0xdd)
    }

    fn map(&mut self, len: usize) -> Result {
        self.header(len, 0x80, 15, 0xde, 0xdf)
    }
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Seq<'a>;
    type SerializeTuple = Seq<'a>;
    type SerializeTupleStruct = Seq<'a>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Seq<'a>;
    type SerializeStruct = Struct<'a>;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    fn serialize_bool(self, v: bool) -> Result {
        self.0.push(if v { 0xc3 } else { 0xc2 });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result {
        self.int(v.into());
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.int(v.into());
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.int(v.into());
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result {
        self.int(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.uint(v.into());
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.uint(v.into());
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.uint(v.into());
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result {
        self.uint(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result {
        self.0.push(0xcb);
        self.0.extend_from_slice(&v.to_be_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result {
        self.str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result {
        self.str(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result {
        if let Ok(len) = u8::try_from(v.len()) {
            self.0.extend_from_slice(&[0xc4, len]);
        } else if let Ok(len) = u32::try_from(v.len()) {
            self.0.push(0xc6);
            self.0.extend_from_slice(&len.to_be_bytes());
        } else {
            return unsupported("more than 4 GiB in one value");
        }
        self.0.extend_from_slice(v);
        Ok(())
    }
    fn serialize_none(self) -> Result {
        self.0.push(0xc0);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result {
        unsupported("an enum variant with data")
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq<'a>> {
        match len {
            Some(len) => {
                self.array(len)?;
                Ok(Seq(self))
            }
            None => unsupported("a sequence of unknown length"),
        }
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'a>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq<'a>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        unsupported("an enum variant with data")
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Seq<'a>> {
        match len {
            Some(len) => {
                self.map(len)?;
                Ok(Seq(self))
            }
            None => unsupported("a map of unknown length"),
        }
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Struct<'a>> {
        self.map(len)?;
        Ok(Struct {
            out: self,
            index: 0,
            left: len,
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        unsupported("an enum variant with data")
    }
}

/// Sequences, tuples and maps: their items one after the other.
pub struct Seq<'a>(&'a mut Writer);

impl ser::SerializeSeq for Seq<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        value.serialize(&mut *self.0)
    }
    fn end(self) -> Result {
        Ok(())
    }
}

impl ser::SerializeTuple for Seq<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        value.serialize(&mut *self.0)
    }
    fn end(self) -> Result {
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Seq<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        value.serialize(&mut *self.0)
    }
    fn end(self) -> Result {
        Ok(())
    }
}

impl ser::SerializeMap for Seq<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        key.serialize(&mut *self.0)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        value.serialize(&mut *self.0)
    }
    fn end(self) -> Result {
        Ok(())
    }
}

/// A struct: a map from field index to value, present fields only.
pub struct Struct<'a> {
    out: &'a mut Writer,
    index: u64,
    /// Fields announced in the map's header and not written yet.
    left: usize,
}

impl ser::SerializeStruct for Struct<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, _: &'static str, value: &T) -> Result {
        if self.left == 0 {
            return unsupported("more struct fields than announced");
        }
        self.left -= 1;
        self.out.uint(self.index);
        self.index += 1;
        value.serialize(&mut *self.out)
    }
    fn skip_field(&mut self, _: &'static str) -> Result {
        self.index += 1;
        Ok(())
    }
    fn end(self) -> Result {
        if self.left == 0 {
            Ok(())
        } else {
            unsupported("fewer struct fields than announced")
        }
    }
}
