//! JSON text to and from serde types, for stored drafts and backup files.
//!
//! Written in the browser by its own `JSON.stringify`, carried from serde by
//! serde-wasm-bindgen, so the app ships no JSON writer or float formatter;
//! natively (tests, the command) by serde_json. Read everywhere by the small
//! reader here (`Reader`) into [`Value`], the tree that migrations of older
//! drafts edit before it becomes a `Document`: handing `JSON.parse`'s result
//! to Rust crosses into JavaScript for every field, which made reading a
//! 300-row draft take 6.8 ms where this takes a fraction of one.

use std::fmt;

use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use serde::{Deserialize, Serialize};

mod read;

use read::Reader;

/// Any JSON value. Objects keep their keys in the order they were read.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

/// Why a text is not the JSON asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// The text stops inside a value, as a file cut short does.
    CutShort,
    /// Not JSON at all; the parser's words.
    NotJson(String),
    /// JSON, but not of the shape asked for.
    Shape(String),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::CutShort => f.write_str("it ends too soon"),
            ReadError::NotJson(why) | ReadError::Shape(why) => f.write_str(why),
        }
    }
}

/// Reads JSON text as a [`Value`].
pub fn parse(text: &str) -> Result<Value, ReadError> {
    Reader::new(text).document().map_err(|why| {
        if ends_inside_a_value(text) {
            ReadError::CutShort
        } else {
            ReadError::NotJson(why)
        }
    })
}

/// Reads JSON text as a `T`.
pub fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, ReadError> {
    from_value(parse(text)?).map_err(ReadError::Shape)
}

/// Reads a [`Value`] as a `T`.
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, String> {
    T::deserialize(value).map_err(|e| e.0)
}

/// `value` as JSON text; indented when `pretty`, for files people may open.
pub fn to_text<T: Serialize + ?Sized>(value: &T, pretty: bool) -> Result<String, String> {
    backend::to_text(value, pretty)
}

/// Whether the text stops with a string, array or object still open: the
/// mark of a file cut short, whichever parser read it.
fn ends_inside_a_value(text: &str) -> bool {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for c in text.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '{' | '[' if !in_string => depth += 1,
            '}' | ']' if !in_string => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    in_string || depth > 0
}

impl Value {
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// A whole, non-negative number.
    pub fn as_u64(&self) -> Option<u64> {
        match *self {
            Value::Number(n) if n >= 0.0 && n.fract() == 0.0 && n < u64::MAX as f64 => {
                Some(n as u64)
            }
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// Removes `key` from an object.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        match self {
            Value::Object(entries) => {
                let at = entries.iter().position(|(k, _)| k == key)?;
                Some(entries.remove(at).1)
            }
            _ => None,
        }
    }

    /// Sets `key` in an object (nothing for any other value).
    pub fn insert(&mut self, key: &str, value: Value) {
        if let Value::Object(entries) = self {
            match entries.iter_mut().find(|(k, _)| k == key) {
                Some((_, old)) => *old = value,
                None => entries.push((key.to_string(), value)),
            }
        }
    }
}

impl Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Number(n) => match self.as_u64() {
                Some(whole) => serializer.serialize_u64(whole),
                None => serializer.serialize_f64(*n),
            },
            Value::String(s) => serializer.serialize_str(s),
            Value::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                items.iter().try_for_each(|item| seq.serialize_element(item))?;
                seq.end()
            }
            Value::Object(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                entries.iter().try_for_each(|(k, v)| map.serialize_entry(k, v))?;
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n as f64))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n as f64))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(Value::Number(n))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_string()))
    }
    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Value::Object(entries))
    }
}

/// What reading a [`Value`] as a type says when it does not fit.
#[derive(Debug)]
pub struct ShapeError(String);

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ShapeError {}

impl de::Error for ShapeError {
    fn custom<T: fmt::Display>(message: T) -> ShapeError {
        ShapeError(message.to_string())
    }

    // serde's own wording quotes a wrong number as written, which brings
    // the whole float formatter (about 30 KB) into the wasm for a message
    // about a damaged draft; this one quotes everything else the same way.
    fn invalid_type(unexpected: de::Unexpected, expected: &dyn de::Expected) -> ShapeError {
        ShapeError(format!("invalid type: {}, expected {expected}", Quoted(unexpected)))
    }

    fn invalid_value(unexpected: de::Unexpected, expected: &dyn de::Expected) -> ShapeError {
        ShapeError(format!("invalid value: {}, expected {expected}", Quoted(unexpected)))
    }
}

/// A value that does not fit, as serde would name it, but a number with a
/// fraction is just "a number with a fraction".
struct Quoted<'a>(de::Unexpected<'a>);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use de::Unexpected::*;
        match self.0 {
            Bool(b) => write!(f, "boolean `{b}`"),
            Unsigned(n) => write!(f, "integer `{n}`"),
            Signed(n) => write!(f, "integer `{n}`"),
            Float(_) => f.write_str("a number with a fraction"),
            Char(c) => write!(f, "character `{c}`"),
            Str(s) => write!(f, "string {s:?}"),
            Bytes(_) => f.write_str("bytes"),
            Unit => f.write_str("null"),
            Option => f.write_str("an optional value"),
            NewtypeStruct => f.write_str("a newtype struct"),
            Seq => f.write_str("an array"),
            Map => f.write_str("an object"),
            Enum => f.write_str("an enum"),
            UnitVariant | NewtypeVariant | TupleVariant | StructVariant => f.write_str("a variant"),
            Other(what) => f.write_str(what),
        }
    }
}

impl<'de> IntoDeserializer<'de, ShapeError> for Value {
    type Deserializer = Value;
    fn into_deserializer(self) -> Value {
        self
    }
}

impl<'de> de::Deserializer<'de> for Value {
    type Error = ShapeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ShapeError> {
        match self {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Number(n) => match Value::Number(n).as_u64() {
                Some(whole) => visitor.visit_u64(whole),
                // Beyond i64 (2^63 and up), a whole number stays a float
                // rather than being clamped.
                None if n.fract() == 0.0 && n >= i64::MIN as f64 && n < i64::MAX as f64 => {
                    visitor.visit_i64(n as i64)
                }
                None => visitor.visit_f64(n),
            },
            Value::String(s) => visitor.visit_string(s),
            Value::Array(items) => {
                let mut seq = SeqDeserializer::new(items.into_iter());
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            Value::Object(entries) => {
                let mut map = MapDeserializer::new(entries.into_iter());
                let value = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(value)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ShapeError> {
        match self {
            Value::Null => visitor.visit_none(),
            other => visitor.visit_some(other),
        }
    }

    /// Only unit variants, written as their name: the model has no other.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ShapeError> {
        match self {
            Value::String(name) => visitor.visit_enum(name.into_deserializer()),
            _ => Err(de::Error::custom("expected the name of a variant")),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod backend {
    pub fn to_text<T: serde::Serialize + ?Sized>(
        value: &T,
        pretty: bool,
    ) -> Result<String, String> {
        let text =
            if pretty { serde_json::to_string_pretty(value) } else { serde_json::to_string(value) };
        text.map_err(|e| e.to_string())
    }

    /// A well-formed JSON number's value.
    pub fn parse_number(text: &str) -> f64 {
        text.parse().unwrap_or(f64::NAN)
    }
}

#[cfg(target_arch = "wasm32")]
mod backend {
    use wasm_bindgen::{JsCast, JsValue};

    pub fn to_text<T: serde::Serialize + ?Sized>(
        value: &T,
        pretty: bool,
    ) -> Result<String, String> {
        // Plain objects and nulls, as JSON has them (not Maps, not undefined).
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        let value = value.serialize(&serializer).map_err(|e| e.to_string())?;
        let text = if pretty {
            js_sys::JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &2.into())
        } else {
            js_sys::JSON::stringify(&value)
        };
        text.map(String::from).map_err(|e| message(&e))
    }

    /// A well-formed JSON number's value: `parseFloat` reads every one the
    /// way JSON.parse does.
    pub fn parse_number(text: &str) -> f64 {
        js_sys::Number::parse_float(text)
    }

    fn message(error: &JsValue) -> String {
        error
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "unreadable JSON".into())
    }
}

#[cfg(test)]
mod tests;
