//! What can go wrong in a session's pipelines: each core module's own error, passed through
//! unchanged (so the edges classify them variant by variant), and the few checks the session
//! itself makes on files a person hands it.

use std::path::PathBuf;

use crate::exchange::ExchangeError;
use crate::exchange::import::ImportError;
use crate::exchange::markdown::MarkdownExportError;
use crate::exercises::LibraryError;
use crate::insights::InsightsError;
use crate::journal::JournalError;
use crate::summary::SummaryError;
use crate::time::TimeError;
use crate::vault::{BackupError, VaultError};

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Vault(#[from] VaultError),
    #[error(transparent)]
    Journal(#[from] JournalError),
    #[error(transparent)]
    Library(#[from] LibraryError),
    #[error(transparent)]
    Backup(#[from] BackupError),
    #[error(transparent)]
    Exchange(#[from] ExchangeError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    MarkdownExport(#[from] MarkdownExportError),
    #[error(transparent)]
    Insights(#[from] InsightsError),
    #[error(transparent)]
    Summary(#[from] SummaryError),
    #[error(transparent)]
    Time(#[from] TimeError),
    #[error(transparent)]
    Attachment(#[from] crate::attachments::AttachmentError),
    #[error(transparent)]
    Sync(#[from] crate::sync::SyncError),
    #[error(transparent)]
    Template(#[from] crate::templates::TemplateError),
    /// The built-in help contacts did not pass their checks (a bug in the data file).
    #[error(transparent)]
    Help(#[from] crate::help::HelpError),
    /// An exercise pack file that cannot be read at all.
    #[error("cannot read {name}: {source}")]
    PackFileUnreadable { name: String, source: std::io::Error },
    /// An exercise pack file over [`super::MAX_PACK_BYTES`]; real packs are a few kilobytes.
    #[error("{name} is {size} bytes; an exercise pack is at most 1 MiB")]
    PackFileTooLarge { name: String, size: u64 },
    #[error("{name} is not UTF-8 text (first bad byte at offset {offset})")]
    PackFileNotText { name: String, offset: usize },
    /// A restored vault opened but did not pass `doctor`'s checks; it is left in place to inspect.
    #[error("the restored vault at {} did not pass its checks; run attune doctor", dir.display())]
    RestoredUnhealthy { dir: PathBuf },
}
