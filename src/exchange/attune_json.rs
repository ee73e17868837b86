//! Attune JSON: every entry with its revisions, tags and people, and the people register.
//!
//! ```json
//! { "format": "attune-export", "version": 1, "exported_at": "2026-03-14T20:15:00.000+01:00",
//!   "people": [ { "name": "Sam", "relationship": "brother", "archived": false } ],
//!   "entries": [ { "id": "…", "kind": "journal", "title": "…", "body": "…", "mood": 3,
//!                  "created_at": "…", "updated_at": "…", "tags": ["…"], "people": ["Sam"],
//!                  "revisions": [ { "title": "…", "body": "…", "saved_at": "…", "replaced_at": "…" } ] } ],
//!   "attachments": [ { "id": "…", "entry": "…", "name": "sea.jpg", "media_type": "image/jpeg",
//!                      "created_at": "…", "data": "<base64>" } ] }
//! ```
//!
//! Entries are written one at a time, so exporting 100,000 entries needs little memory.

use std::io::{BufRead, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::ExchangeError;
use crate::journal::{EntryRecord, Journal, JournalError, Person};
use crate::time::{self, Timestamp};

pub const FORMAT: &str = "attune-export";
pub const VERSION: u32 = 1;

/// A parsed export file.
#[derive(Clone, Debug, Deserialize)]
pub struct ExportFile {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub exported_at: Option<Timestamp>,
    #[serde(default)]
    pub people: Vec<Person>,
    pub entries: Vec<EntryRecord>,
    /// Photos and files, each with its entry's id and its bytes in base64 (absent in exports
    /// made before entries could hold them).
    #[serde(default)]
    pub attachments: Vec<crate::attachments::AttachmentRecord>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ExportSummary {
    pub entries: u64,
    pub people: u64,
    /// Photos and files, embedded.
    pub attachments: u64,
}

/// Writes the whole journal, trash and history included, to `out`.
pub fn write_attune_json(
    journal: &Journal<'_>,
    now: &Timestamp,
    out: &mut dyn Write,
) -> Result<ExportSummary, ExportWriteError> {
    let people: Vec<Person> = journal.people()?.into_iter().map(|(p, _)| p).collect();
    write!(
        out,
        "{{\n\"format\": \"{FORMAT}\",\n\"version\": {VERSION},\n\"exported_at\": {},\n\"people\": ",
        serde_json::to_string(&time::format(now))?
    )?;
    serde_json::to_writer(&mut *out, &people)?;
    out.write_all(b",\n\"entries\": [\n")?;
    let mut count = 0u64;
    journal.for_each_record(|record| -> Result<(), ExportWriteError> {
        if count > 0 {
            out.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut *out, &record)?;
        count += 1;
        Ok(())
    })?;
    out.write_all(b"\n],\n\"attachments\": [\n")?;
    let mut files = 0u64;
    crate::attachments::Attachments::new(journal.store()).for_each_record(
        |record| -> Result<(), ExportWriteError> {
            if files > 0 {
                out.write_all(b",\n")?;
            }
            serde_json::to_writer(&mut *out, &record)?;
            files += 1;
            Ok(())
        },
    )?;
    out.write_all(b"\n]\n}\n")?;
    out.flush()?;
    Ok(ExportSummary { entries: count, people: people.len() as u64, attachments: files })
}

/// A failure while writing an export: the journal could not be read, or the output refused.
#[derive(Debug, thiserror::Error)]
pub enum ExportWriteError {
    #[error(transparent)]
    Journal(#[from] JournalError),
    #[error(transparent)]
    Attachment(#[from] crate::attachments::AttachmentError),
    #[error("writing the export failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("writing the export failed: {0}")]
    Json(#[from] serde_json::Error),
}

/// Reads and validates an export; `path` is for messages only.
pub fn read_attune_json(reader: impl BufRead, path: &Path) -> Result<ExportFile, ExchangeError> {
    let mut de = serde_json::Deserializer::from_reader(reader);
    let file: ExportFile = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let field = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_io() {
            return ExchangeError::Io { path: path.to_owned(), source: inner.into() };
        }
        ExchangeError::Malformed {
            path: path.to_owned(),
            line: inner.line(),
            column: inner.column(),
            field,
            detail: strip_position(&inner.to_string()),
        }
    })?;
    de.end().map_err(|e| ExchangeError::Malformed {
        path: path.to_owned(),
        line: e.line(),
        column: e.column(),
        field: String::new(),
        detail: "unexpected text after the end of the export".to_owned(),
    })?;
    if file.format != FORMAT {
        return Err(ExchangeError::NotAnExport {
            path: path.to_owned(),
            detail: format!("\"format\" is \"{}\"", file.format),
        });
    }
    if file.version > VERSION {
        return Err(ExchangeError::TooNew { path: path.to_owned(), found: file.version, supported: VERSION });
    }
    for (index, entry) in file.entries.iter().enumerate() {
        entry.validate().map_err(|source| ExchangeError::InvalidEntry {
            path: path.to_owned(),
            index: index + 1,
            id: entry.id.to_string(),
            source,
        })?;
    }
    Ok(file)
}

/// serde_json appends " at line L column C"; the error already says where.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

/// Writes the whole journal as Attune JSON to `path` through [`crate::private_file`]: into an
/// owner-only temporary file in the same folder, flushed to disk, then renamed into place, so
/// `path` is either the old file or the whole new export, never half of one.
///
/// # Errors
/// [`ExchangeError::Journal`] when an entry cannot be read, [`ExchangeError::Io`] naming `path`
/// when writing fails; either way `path` keeps its old content.
pub fn export_json_file(journal: &Journal<'_>, now: &Timestamp, path: &Path) -> Result<ExportSummary, ExchangeError> {
    let io = |source| ExchangeError::Io { path: path.to_owned(), source };
    crate::private_file::write_with(path, |file| {
        let mut writer = std::io::BufWriter::new(file);
        let summary = write_attune_json(journal, now, &mut writer).map_err(|e| match e {
            ExportWriteError::Journal(e) => ExchangeError::Journal(e),
            ExportWriteError::Attachment(e) => ExchangeError::Attachment(e),
            ExportWriteError::Io(e) => io(e),
            ExportWriteError::Json(e) => io(std::io::Error::other(e)),
        })?;
        writer.flush().map_err(io)?;
        Ok(summary)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn read(text: &str) -> Result<ExportFile, ExchangeError> {
        read_attune_json(text.as_bytes(), Path::new("in.json"))
    }

    const ENTRY: &str = r#"{"id":"01900000-0000-7000-8000-000000000001","kind":"journal","body":"hi",
        "created_at":"2026-01-01T10:00:00+01:00","updated_at":"2026-01-01T10:00:00+01:00"}"#;

    #[test]
    fn a_minimal_export_parses() {
        let file = read(&format!(r#"{{"format":"attune-export","version":1,"entries":[{ENTRY}]}}"#)).unwrap();
        assert_eq!(file.entries.len(), 1);
        assert_eq!(file.entries[0].local_day().to_string(), "2026-01-01");
    }

    #[rstest]
    #[case::bad_mood(r#"{"format":"attune-export","version":1,"entries":[{"id":"01900000-0000-7000-8000-000000000001","kind":"journal","mood":9,"created_at":"2026-01-01T10:00:00Z","updated_at":"2026-01-01T10:00:00Z"}]}"#, "entries[0].mood")]
    #[case::bad_date(r#"{"format":"attune-export","version":1,"entries":[{"id":"01900000-0000-7000-8000-000000000001","kind":"journal","created_at":"yesterday","updated_at":"2026-01-01T10:00:00Z"}]}"#, "entries[0].created_at")]
    #[case::bad_kind(r#"{"format":"attune-export","version":1,"entries":[{"id":"01900000-0000-7000-8000-000000000001","kind":"poem","created_at":"2026-01-01T10:00:00Z","updated_at":"2026-01-01T10:00:00Z"}]}"#, "entries[0].kind")]
    #[case::truncated(r#"{"format":"attune-export","version":1,"entries":[{"id":"#, "line 1")]
    fn malformed_files_say_where(#[case] text: &str, #[case] expected: &str) {
        let message = read(text).unwrap_err().to_string();
        assert!(message.contains(expected), "expected {expected:?} in {message:?}");
        assert!(message.starts_with("in.json: line 1, column "), "{message}");
    }

    #[test]
    fn newer_versions_and_other_formats_are_refused() {
        let newer = read(r#"{"format":"attune-export","version":9,"entries":[]}"#).unwrap_err();
        assert!(matches!(newer, ExchangeError::TooNew { found: 9, .. }), "{newer:?}");
        let other = read(r#"{"format":"something","version":1,"entries":[]}"#).unwrap_err();
        assert!(matches!(other, ExchangeError::NotAnExport { .. }), "{other:?}");
    }

    #[test]
    fn an_invalid_entry_is_named_by_position_and_id() {
        let text = r#"{"format":"attune-export","version":1,"entries":[{"id":"01900000-0000-7000-8000-000000000001","kind":"journal","tags":["  "],"created_at":"2026-01-01T10:00:00Z","updated_at":"2026-01-01T10:00:00Z"}]}"#;
        let message = read(text).unwrap_err().to_string();
        assert!(message.contains("entry 1 (id 01900000-0000-7000-8000-000000000001)"), "{message}");
    }
}
