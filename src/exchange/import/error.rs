//! What stops an import as a whole. Problems with one entry are not errors: they become
//! [`super::Skipped`] items in the plan, and the rest of the import goes ahead.

use std::path::PathBuf;

use super::Format;
use crate::exchange::ExchangeError;
use crate::journal::JournalError;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    // Not marked as the error's source: the message already holds it, and a chain printer
    // (anyhow's `{:#}`) would say it twice.
    #[error("cannot read {path}: {error}")]
    Io { path: PathBuf, error: std::io::Error },
    /// The file is not well-formed (JSON syntax, text encoding) or its outer shape is wrong.
    #[error("{file}: line {line}, column {column}{}: {detail}", at_path(.path))]
    Malformed { file: String, line: usize, column: usize, path: String, detail: String },
    #[error(
        "{file} is {} ({size} bytes); Attune reads at most {} from one {what}: split the export into smaller ones",
        human(*size), human(*limit)
    )]
    TooLarge { file: String, size: u64, limit: u64, what: &'static str },
    #[error("{file} holds {count} or more files; Attune reads archives of at most {limit}")]
    TooManyMembers { file: String, count: usize, limit: usize },
    #[error(
        "{file}: the JSON inside would unpack to more than {}; Attune reads at most that much from one archive",
        human(*limit)
    )]
    TooMuchData { file: String, limit: u64 },
    #[error("{path} holds more than {limit} files; import a smaller folder")]
    TooManyFiles { path: PathBuf, limit: usize },
    #[error("{file} is not a readable zip archive: {detail}")]
    Archive { file: String, detail: String },
    #[error("{path}: cannot tell which format this is ({detail}); name it: attune, dayone, jrnl or markdown")]
    Undetected { path: PathBuf, detail: String },
    #[error("{path} holds no {what} to import as {}", .format.label())]
    NothingToRead { path: PathBuf, what: &'static str, format: Format },
    /// A journal another app encrypted: Attune reads it once that app has decrypted it.
    #[error("{file}: {detail}; decrypt it with jrnl first (`jrnl --decrypt`), or export it with `jrnl --format json`")]
    Encrypted { file: String, detail: &'static str },
    #[error("unknown time zone \"{name}\": give an IANA name such as Europe/Paris, or UTC")]
    UnknownZone { name: String },
    #[error(transparent)]
    Attune(#[from] ExchangeError),
    #[error(transparent)]
    Journal(#[from] JournalError),
}

fn at_path(path: &str) -> String {
    if path.is_empty() || path == "." { String::new() } else { format!(" (at {path})") }
}

/// A byte count for people: "256 MiB".
pub fn human(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= 1024 * MIB && bytes.is_multiple_of(1024 * MIB) {
        format!("{} GiB", bytes / (1024 * MIB))
    } else if bytes >= MIB {
        format!("{:.0} MiB", bytes as f64 / MIB as f64)
    } else if bytes >= 1024 {
        format!("{:.0} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}
