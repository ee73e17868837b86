//! Serde over toml's spanned document tree, so that every problem in a pack file has a place.
//!
//! `toml::from_str` reports a message and a byte span, but not in a form that says *which
//! field* went wrong (an unknown field, a missing one, an unknown step kind). This module walks
//! the parsed [`toml::de::DeTable`] itself: each value it hands to serde knows its path
//! (`steps[2].kind`) and span, and its error type keeps serde's structured complaints
//! (`unknown_field`, `missing_field`, `unknown_variant`) instead of flattening them to text.
//! The same tree answers "where is `steps[2].options[1].id`?" for the checks that run after
//! deserialization. It reads only; it never builds a pack itself.

use std::fmt;
use std::ops::Range;

use serde::de::value::StrDeserializer;
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

/// One step of a path into a pack: a table key or an array index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Seg {
    Key(String),
    Index(usize),
}

/// A path into a pack, e.g. `steps[2].options[0].id`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Path(Vec<Seg>);

impl Path {
    pub(crate) fn root() -> Self {
        Self::default()
    }

    pub(crate) fn key(&self, key: &str) -> Self {
        let mut segs = self.0.clone();
        segs.push(Seg::Key(key.to_owned()));
        Self(segs)
    }

    pub(crate) fn index(&self, index: usize) -> Self {
        let mut segs = self.0.clone();
        segs.push(Seg::Index(index));
        Self(segs)
    }

    /// The last key of the path, if it ends in one.
    pub(crate) fn last_key(&self) -> Option<&str> {
        match self.0.last() {
            Some(Seg::Key(key)) => Some(key),
            _ => None,
        }
    }

    /// The parent path, or the root.
    pub(crate) fn parent(&self) -> Self {
        let mut segs = self.0.clone();
        segs.pop();
        Self(segs)
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(key) if i == 0 => write!(f, "{key}")?,
                Seg::Key(key) => write!(f, ".{key}")?,
                Seg::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// What serde complained about, kept structured.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Problem {
    UnknownField {
        name: String,
        expected: &'static [&'static str],
    },
    MissingField {
        name: &'static str,
    },
    UnknownVariant {
        value: String,
        expected: &'static [&'static str],
    },
    /// Anything else: a wrong type, a number out of range. The text is serde's.
    Other(String),
}

/// A deserialization error with the path and span of the innermost value that saw it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct DeError {
    pub problem: Problem,
    pub path: Option<Path>,
    pub span: Option<Range<usize>>,
}

impl DeError {
    fn new(problem: Problem) -> Self {
        Self { problem, path: None, span: None }
    }

    /// Records where the error happened, unless a more precise place is already known.
    fn at(mut self, path: &Path, span: Range<usize>) -> Self {
        if self.path.is_none() {
            self.path = Some(path.clone());
            self.span = Some(span);
        }
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.problem {
            Problem::UnknownField { name, .. } => write!(f, "unknown field `{name}`"),
            Problem::MissingField { name } => write!(f, "missing field `{name}`"),
            Problem::UnknownVariant { value, .. } => write!(f, "unknown value `{value}`"),
            Problem::Other(text) => f.write_str(text),
        }
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self::new(Problem::Other(msg.to_string()))
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Self::new(Problem::UnknownField { name: field.to_owned(), expected })
    }

    fn missing_field(field: &'static str) -> Self {
        Self::new(Problem::MissingField { name: field })
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Self::new(Problem::UnknownVariant { value: variant.to_owned(), expected })
    }
}

/// A parsed pack file: the text and its spanned tree.
pub(crate) struct Doc<'i> {
    text: &'i str,
    root: Spanned<DeTable<'i>>,
}

impl<'i> Doc<'i> {
    pub(crate) fn parse(text: &'i str) -> Result<Self, toml::de::Error> {
        Ok(Self { text, root: DeTable::parse(text)? })
    }

    pub(crate) fn deserialize<T: DeserializeOwned>(&self) -> Result<T, DeError> {
        let path = Path::root();
        let span = self.root.span();
        T::deserialize(TableDe { table: self.root.get_ref(), span: span.clone(), path: &path })
            .map_err(|e| e.at(&path, span))
    }

    /// The span of what `path` names: the key when it ends in a key (the line a person looks
    /// for), the element when it ends in an index. When the path goes further than the file
    /// (a missing field), the deepest part that exists.
    pub(crate) fn span_of(&self, path: &Path) -> Range<usize> {
        let mut span = self.root.span();
        let mut table = Some(self.root.get_ref());
        let mut array: Option<&[Spanned<DeValue<'i>>]> = None;
        for seg in &path.0 {
            let next: Option<&Spanned<DeValue<'i>>> = match (seg, table, array) {
                (Seg::Key(key), Some(t), _) => t.iter().find(|(k, _)| k.get_ref() == key).map(|(k, v)| {
                    span = k.span();
                    v
                }),
                (Seg::Index(i), _, Some(a)) => a.get(*i).inspect(|v| span = v.span()),
                _ => None,
            };
            let Some(value) = next else { break };
            table = value.get_ref().as_table();
            array = value.get_ref().as_array().map(|a| &a[..]);
        }
        span
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub(crate) fn line_col(&self, offset: usize) -> (usize, usize) {
        line_col(self.text, offset)
    }
}

/// 1-based line and column (in characters) of a byte offset into `text`.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

struct TableDe<'a, 'i, 'p> {
    table: &'a DeTable<'i>,
    span: Range<usize>,
    path: &'p Path,
}

impl<'de> de::Deserializer<'de> for TableDe<'_, '_, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let (path, span) = (self.path, self.span);
        visitor.visit_map(MapDe { iter: self.table.iter(), pending: None, path }).map_err(|e| e.at(path, span))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

struct ValueDe<'a, 'i> {
    value: &'a Spanned<DeValue<'i>>,
    path: Path,
}

impl<'de> de::Deserializer<'de> for ValueDe<'_, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let span = self.value.span();
        let path = &self.path;
        let result = match self.value.get_ref() {
            DeValue::String(s) => visitor.visit_str(s),
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => visitor.visit_i64(n),
                Err(_) => Err(de::Error::custom(format!("the integer {i} is too large"))),
            },
            DeValue::Float(f) => match f.as_str().parse::<f64>() {
                Ok(x) => visitor.visit_f64(x),
                Err(_) => Err(de::Error::custom(format!("{f} is not a usable number"))),
            },
            DeValue::Boolean(b) => visitor.visit_bool(*b),
            DeValue::Datetime(d) => Err(de::Error::custom(format!("a date-time ({d}) is not expected here"))),
            DeValue::Array(items) => visitor.visit_seq(SeqDe { iter: items.iter().enumerate(), path }),
            DeValue::Table(table) => return TableDe { table, span, path }.deserialize_any(visitor),
        };
        result.map_err(|e| e.at(path, span))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        // TOML has no null: a key that is there is `Some`; an absent key never reaches here.
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        // The pack format only has unit variants, written as strings.
        match self.value.get_ref() {
            DeValue::String(s) => {
                let variant: StrDeserializer<'_, DeError> = s.as_ref().into_deserializer();
                visitor.visit_enum(variant).map_err(|e| e.at(&self.path, self.value.span()))
            }
            _ => self.deserialize_any(visitor),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

struct SeqDe<'a, 'i, 'p> {
    iter: std::iter::Enumerate<std::slice::Iter<'a, Spanned<DeValue<'i>>>>,
    path: &'p Path,
}

impl<'de> SeqAccess<'de> for SeqDe<'_, '_, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, DeError> {
        match self.iter.next() {
            Some((index, value)) => seed.deserialize(ValueDe { value, path: self.path.index(index) }).map(Some),
            None => Ok(None),
        }
    }
}

type Entry<'a, 'i> = (&'a Spanned<DeString<'i>>, &'a Spanned<DeValue<'i>>);

struct MapDe<'a, 'i, 'p> {
    iter: toml::map::Iter<'a, Spanned<DeString<'i>>, Spanned<DeValue<'i>>>,
    pending: Option<Entry<'a, 'i>>,
    path: &'p Path,
}

impl<'de> MapAccess<'de> for MapDe<'_, '_, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        let Some((key, value)) = self.iter.next() else { return Ok(None) };
        self.pending = Some((key, value));
        let name: StrDeserializer<'_, DeError> = key.get_ref().as_ref().into_deserializer();
        // An unknown field is reported at its key, with the key in the path.
        seed.deserialize(name).map(Some).map_err(|e| e.at(&self.path.key(key.get_ref()), key.span()))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some((key, value)) = self.pending.take() else {
            return Err(de::Error::custom("a value was asked for before its key"));
        };
        seed.deserialize(ValueDe { value, path: self.path.key(key.get_ref()) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        name: String,
        #[serde(default)]
        inner: Vec<Inner>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        id: String,
        size: Option<u8>,
        colour: Option<Colour>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Colour {
        Red,
    }

    fn error_of(text: &str) -> (DeError, (usize, usize)) {
        let doc = Doc::parse(text).unwrap();
        let err = doc.deserialize::<Outer>().unwrap_err();
        let span = err.span.clone().unwrap();
        let at = doc.line_col(span.start);
        (err, at)
    }

    #[test]
    fn an_unknown_field_is_found_at_its_key() {
        let (err, at) = error_of("name = \"x\"\n\n[[inner]]\nid = \"a\"\n\n[[inner]]\nid = \"b\"\nsise = 3\n");
        assert_eq!(err.path.unwrap().to_string(), "inner[1].sise");
        assert!(matches!(err.problem, Problem::UnknownField { ref name, .. } if name == "sise"));
        assert_eq!(at, (8, 1), "the error should point at the misspelt key");
    }

    #[test]
    fn a_missing_field_is_found_at_its_table() {
        let (err, at) = error_of("name = \"x\"\n\n[[inner]]\nsize = 3\n");
        assert_eq!(err.path.unwrap().to_string(), "inner[0]");
        assert_eq!(err.problem, Problem::MissingField { name: "id" });
        assert!(at.0 == 3 || at.0 == 4, "the error should point into the table, got line {}", at.0);
    }

    #[test]
    fn an_unknown_variant_and_a_wrong_type_are_found_at_their_values() {
        let (err, at) = error_of("name = \"x\"\n[[inner]]\nid = \"a\"\ncolour = \"blue\"\n");
        assert_eq!(err.path.unwrap().to_string(), "inner[0].colour");
        assert!(matches!(err.problem, Problem::UnknownVariant { ref value, .. } if value == "blue"));
        assert_eq!(at.0, 4);

        let (err, at) = error_of("name = \"x\"\n[[inner]]\nid = \"a\"\nsize = 300\n");
        assert_eq!(err.path.unwrap().to_string(), "inner[0].size");
        assert!(matches!(err.problem, Problem::Other(_)));
        assert_eq!(at, (4, 8));
    }

    #[test]
    fn span_of_finds_keys_and_elements() {
        let text = "name = \"x\"\n\n[[inner]]\nid = \"a\"\n\n[[inner]]\nid = \"b\"\n";
        let doc = Doc::parse(text).unwrap();
        let at = |path: &Path| doc.line_col(doc.span_of(path).start).0;
        assert_eq!(at(&Path::root().key("name")), 1);
        assert_eq!(at(&Path::root().key("inner").index(1).key("id")), 7);
        assert_eq!(at(&Path::root().key("inner").index(1).key("missing")), 6, "falls back to the element");
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\nçd", 5), (2, 2));
        assert_eq!(line_col("", 10), (1, 1));
    }
}
