//! Telling formats apart without being told: by the first bytes of a file, or the files in a
//! folder. JSON exports are recognised by their structure, however long their entries are: the
//! document (within the JSON size limit) is parsed for its top-level keys, the value of
//! `"format"` (`"attune-export"`) and the keys of the first entry (Day One's `"creationDate"`,
//! jrnl's `"date"` with `"time"` or `"title"`), values skipped unread, and parsing stops as soon
//! as the first entry decides (a 100 MB file whose first entry is 100 MB long: about 3 s in a
//! debug build). When nothing fits, the error says so and asks for the format, except for a file that
//! is not even valid JSON, where the JSON error (with its line and column) is the more useful
//! answer.

use std::fmt;
use std::io::Read;
use std::path::Path;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::{Format, ImportError, Limits, json, source};

/// How many bytes are looked at before deciding whether a file is JSON at all.
const SNIFF: u64 = 16 * 1024;

pub fn detect(path: &Path, limits: &Limits) -> Result<Format, ImportError> {
    let io = |source| ImportError::Io { path: path.to_owned(), error: source };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return detect_folder(path, limits);
    }
    let mut head = Vec::new();
    std::fs::File::open(path).map_err(io)?.take(SNIFF).read_to_end(&mut head).map_err(io)?;
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Ok(Format::DayOne);
    }
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    if name.ends_with(".md") || name.ends_with(".markdown") {
        return Ok(Format::Markdown);
    }
    if looks_like_json(&head)
        && let Some(format) = json_format(std::fs::File::open(path).map_err(io)?, limits)
    {
        return Ok(format);
    }
    let undetected = |detail: &str| ImportError::Undetected { path: path.to_owned(), detail: detail.to_owned() };
    let trimmed = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head).trim_ascii_start();
    if name.ends_with(".json") || trimmed.starts_with(b"{") {
        // Not a shape Attune knows. If it is not JSON at all, say where it breaks.
        let bytes = source::read_limited(path, limits.json_bytes, "JSON file")?;
        let file = path.display().to_string();
        let text = json::text(&file, &bytes)?;
        json::document::<serde::de::IgnoredAny>(&file, text)?;
        return Err(undetected("JSON, but not an Attune, Day One or jrnl export"));
    }
    if plain_text_journal(&head, &name) {
        return Ok(Format::Jrnl);
    }
    if name.ends_with(".txt") {
        return Err(undetected("plain text, but no jrnl entry (\"[2020-07-01 20:00] Title\") at its start"));
    }
    Err(undetected("not a zip archive, JSON or Markdown"))
}

/// jrnl's plain-text journal: its first line is an entry's date line. An encrypted one (a
/// Fernet token, or binary named like a journal: `journal.txt`, `journal`) counts too, so the
/// jrnl reader can say it must be decrypted first.
fn plain_text_journal(head: &[u8], name: &str) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let journal_name = name.ends_with(".txt") || !name.contains('.');
    let text = match std::str::from_utf8(head) {
        Ok(text) => text,
        // Cut inside a character at the end of the head: the rest is fine.
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default(),
        Err(_) => return journal_name,
    };
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    super::jrnl_text::starts_an_entry(first)
        || (journal_name && super::jrnl_text::encrypted(text.as_bytes()).is_some() && !text.trim().is_empty())
}

fn looks_like_json(head: &[u8]) -> bool {
    head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head).trim_ascii_start().starts_with(b"{")
}

/// Recognises a JSON export by its structure, reading at most `limits.json_bytes` of it. The
/// importer reads the whole file into memory next anyway, and parsing from memory skips long
/// strings many times faster than parsing from a reader.
fn json_format(file: std::fs::File, limits: &Limits) -> Option<Format> {
    let mut bytes = Vec::new();
    file.take(limits.json_bytes).read_to_end(&mut bytes).ok()?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut outline = Outline::default();
    // Stopping early on purpose is an error to serde; the outline holds what was learnt.
    let _ = OutlineSeed(&mut outline).deserialize(&mut serde_json::Deserializer::from_slice(bytes));
    outline.format()
}

/// What a JSON document's structure says about its format.
#[derive(Debug, Default)]
struct Outline {
    keys: Vec<String>,
    format: Option<String>,
    first_entry: Option<Vec<String>>,
}

impl Outline {
    fn has(keys: &[String], key: &str) -> bool {
        keys.iter().any(|k| k == key)
    }

    /// Whether the first entry already decides (so the rest need not be read).
    fn decided(&self) -> bool {
        self.first_entry.as_ref().is_some_and(|e| Self::has(e, "creationDate") || Self::has(e, "date"))
    }

    fn format(&self) -> Option<Format> {
        let jrnl = |keys: &[String]| Self::has(keys, "date") && (Self::has(keys, "time") || Self::has(keys, "title"));
        if self.format.as_deref() == Some("attune-export") {
            Some(Format::Attune)
        } else if let Some(first) = &self.first_entry {
            if Self::has(first, "creationDate") {
                Some(Format::DayOne)
            } else if jrnl(first) {
                Some(Format::Jrnl)
            } else {
                None
            }
        } else if Self::has(&self.keys, "entries") && Self::has(&self.keys, "metadata") {
            // An empty Day One export: nothing to import, but it is still Day One's.
            Some(Format::DayOne)
        } else if jrnl(&self.keys) {
            Some(Format::Jrnl)
        } else {
            None
        }
    }
}

/// Stops reading: the outline has what it needs.
const DECIDED: &str = "the first entry decides the format";

struct OutlineSeed<'a>(&'a mut Outline);

impl<'de> DeserializeSeed<'de> for OutlineSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for OutlineSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => {
                    let value: serde_json::Value = map.next_value()?;
                    self.0.format = value.as_str().map(str::to_owned);
                }
                "entries" if self.0.first_entry.is_none() => {
                    map.next_value_seed(FirstEntry(self.0))?;
                    if self.0.decided() {
                        return Err(serde::de::Error::custom(DECIDED));
                    }
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            self.0.keys.push(key);
        }
        Ok(())
    }
}

/// Reads `entries`, keeping the keys of its first element.
struct FirstEntry<'a>(&'a mut Outline);

impl<'de> DeserializeSeed<'de> for FirstEntry<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FirstEntry<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of entries")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if let Some(keys) = seq.next_element::<Keys>()? {
            self.0.first_entry = Some(keys.0);
            if self.0.decided() {
                return Err(serde::de::Error::custom(DECIDED));
            }
        }
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

/// The keys of an object (nothing, for any other value); values are skipped unread.
struct Keys(Vec<String>);

impl<'de> serde::Deserialize<'de> for Keys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeysVisitor;
        impl<'de> Visitor<'de> for KeysVisitor {
            type Value = Keys;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an entry")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Keys, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    map.next_value::<IgnoredAny>()?;
                    keys.push(key);
                }
                Ok(Keys(keys))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Keys, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Keys(Vec::new()))
            }
            fn visit_str<E>(self, _: &str) -> Result<Keys, E> {
                Ok(Keys(Vec::new()))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Keys, E> {
                Ok(Keys(Vec::new()))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Keys, E> {
                Ok(Keys(Vec::new()))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Keys, E> {
                Ok(Keys(Vec::new()))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Keys, E> {
                Ok(Keys(Vec::new()))
            }
            fn visit_unit<E>(self) -> Result<Keys, E> {
                Ok(Keys(Vec::new()))
            }
        }
        d.deserialize_any(KeysVisitor)
    }
}

fn detect_folder(path: &Path, limits: &Limits) -> Result<Format, ImportError> {
    let (found, _) = source::walk(
        path,
        |name| {
            let lower = name.to_ascii_lowercase();
            lower.ends_with(".md") || lower.ends_with(".markdown") || lower.ends_with(".json")
        },
        limits,
    )?;
    let markdown = found.iter().filter(|f| !f.relative.to_ascii_lowercase().ends_with(".json")).count();
    let mut kinds = Vec::new();
    for f in found.iter().filter(|f| f.relative.to_ascii_lowercase().ends_with(".json")).take(20) {
        if let Ok(file) = std::fs::File::open(&f.path)
            && let Some(kind) = json_format(file, limits)
            && !kinds.contains(&kind)
        {
            kinds.push(kind);
        }
    }
    let undetected = |detail: String| ImportError::Undetected { path: path.to_owned(), detail };
    match (markdown, kinds.as_slice()) {
        (0, []) => Err(undetected("a folder with no Markdown notes and no JSON export".to_owned())),
        (_, []) => Ok(Format::Markdown),
        (0, [one]) if *one != Format::Attune => Ok(*one),
        (0, [Format::Attune]) => Err(undetected("a folder of Attune JSON exports: import them one by one".to_owned())),
        (n, kinds) => Err(undetected(format!(
            "a folder with {n} Markdown notes and JSON files that look like {}",
            kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(" and ")
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(r#"{"format": "attune-export", "version": 1, "entries": []}"#, Some(Format::Attune))]
    #[case(
        r#"{"metadata": {"version": "1.0"}, "entries": [{"creationDate": "2020-01-01T00:00:00Z"}]}"#,
        Some(Format::DayOne)
    )]
    #[case(r#"{"tags": {}, "entries": [{"title": "x", "date": "2020-01-01", "time": "10:00"}]}"#, Some(Format::Jrnl))]
    #[case(r#"{"title": "x", "body": "", "date": "2020-01-01", "time": "10:00"}"#, Some(Format::Jrnl))]
    #[case(r#"{"something": "else"}"#, None)]
    #[case("not json", None)]
    #[case(r#"{"metadata": {"version": "1.0"}, "entries": []}"#, Some(Format::DayOne))]
    #[case(
        r#"{"entries": [{"id": "x", "created_at": "t"}], "version": 1, "format": "attune-export"}"#,
        Some(Format::Attune)
    )]
    #[case("\u{feff}{\"entries\": [{\"date\": \"2020-01-01\", \"title\": \"x\"}]}", Some(Format::Jrnl))]
    #[case(r#"{"entries": [{"creationDate": "2020-01-01T00:00:00Z"}, "#, Some(Format::DayOne))]
    fn json_exports_are_recognised(#[case] text: &str, #[case] expected: Option<Format>) {
        assert_eq!(recognise(text.as_bytes()), expected);
    }

    fn recognise(bytes: &[u8]) -> Option<Format> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.json");
        std::fs::write(&path, bytes).unwrap();
        json_format(std::fs::File::open(&path).unwrap(), &Limits::DEFAULT)
    }

    /// Regression: a first entry longer than the bytes once looked at made the format unknown.
    #[rstest]
    #[case(
        Format::DayOne,
        "{\"metadata\": {}, \"entries\": [{\"text\": \"LONG\", \"uuid\": \"A\", \"creationDate\": \"2020-01-01T00:00:00Z\"}]}"
    )]
    #[case(
        Format::Jrnl,
        "{\"tags\": {}, \"entries\": [{\"title\": \"t\", \"body\": \"LONG\", \"date\": \"2020-01-01\", \"time\": \"10:00\"}]}"
    )]
    fn a_long_first_entry_is_still_recognised(#[case] format: Format, #[case] template: &str) {
        let long = "a long day, written out in full. ".repeat(64 * 1024);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.json");
        std::fs::write(&path, template.replace("LONG", &long)).unwrap();
        let start = std::time::Instant::now();
        assert_eq!(json_format(std::fs::File::open(&path).unwrap(), &Limits::DEFAULT), Some(format));
        assert!(start.elapsed() < std::time::Duration::from_secs(10), "took {:?}", start.elapsed());
    }
}
