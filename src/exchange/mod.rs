//! Moving a journal in and out of a vault: Attune's own JSON (full fidelity) and Markdown out;
//! Attune JSON, Day One, jrnl and Markdown in ([`import`]).
//!
//! Everything written here is plaintext by nature: callers must say so to the person before
//! they choose where it goes. Reading never writes anything until the whole file has parsed and
//! validated, and then the import runs in one transaction.

mod attune_json;
pub mod import;
pub mod markdown;

pub use attune_json::{
    ExportFile, ExportSummary, ExportWriteError, FORMAT, VERSION, export_json_file, read_attune_json, write_attune_json,
};

use std::path::PathBuf;

use crate::journal::JournalError;

#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    #[error("cannot read or write {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: line {line}, column {column}{}: {detail}", field_suffix(.field))]
    Malformed { path: PathBuf, line: usize, column: usize, field: String, detail: String },
    #[error("{path} is not an Attune export: {detail}")]
    NotAnExport { path: PathBuf, detail: String },
    #[error("{path} is an Attune export of version {found}, made by a newer Attune (this one reads up to {supported})")]
    TooNew { path: PathBuf, found: u32, supported: u32 },
    #[error("{path}: entry {index} (id {id}): {source}")]
    InvalidEntry { path: PathBuf, index: usize, id: String, source: JournalError },
    #[error(transparent)]
    Journal(#[from] JournalError),
    #[error(transparent)]
    Attachment(#[from] crate::attachments::AttachmentError),
}

impl From<crate::private_file::PrivateFileError> for ExchangeError {
    fn from(e: crate::private_file::PrivateFileError) -> Self {
        ExchangeError::Io { path: e.path().to_owned(), source: e.into_io() }
    }
}

fn field_suffix(field: &str) -> String {
    if field.is_empty() || field == "." { String::new() } else { format!(" (at {field})") }
}
