//! Every error that crosses the IPC boundary: `{ code, message }`, with a closed list of codes
//! the UI acts on (exported to TypeScript), so the UI never matches on message text.

use attune::journal::JournalError;
use attune::vault::{KeyringError, VaultError};
use serde::Serialize;
use ts_rs::TS;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    WrongPassphrase,
    WrongRecoveryPhrase,
    InvalidRecoveryPhrase,
    WeakPassphrase,
    Locked,
    VaultMissing,
    VaultExists,
    VaultDamaged,
    VaultTooNew,
    KeyringUnavailable,
    NotFound,
    InTrash,
    NotInTrash,
    InvalidInput,
    Busy,
    Internal,
}

#[derive(Clone, Debug, Serialize, TS)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

impl IpcError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into() }
    }

    pub fn locked() -> Self {
        Self::new(ErrorCode::Locked, "the vault is locked")
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidInput, message)
    }
}

impl From<VaultError> for IpcError {
    fn from(e: VaultError) -> Self {
        use VaultError as V;
        let code = match &e {
            V::WrongPassphrase => ErrorCode::WrongPassphrase,
            V::WrongRecoveryPhrase | V::RotationNeedsPassphrase { .. } => ErrorCode::WrongRecoveryPhrase,
            // Another process replaced the key: the person locks and unlocks, then retries.
            V::KeyReplaced { .. } => ErrorCode::Busy,
            V::InvalidRecoveryPhrase { .. } => ErrorCode::InvalidRecoveryPhrase,
            V::PassphraseTooShort { .. } | V::KdfTooWeak { .. } => ErrorCode::WeakPassphrase,
            V::NotAVault { .. } => ErrorCode::VaultMissing,
            V::AlreadyExists { .. } => ErrorCode::VaultExists,
            V::MissingDatabase { .. }
            | V::KeyFileMalformed { .. }
            | V::KeyFileInvalid { .. }
            | V::Damaged { .. }
            | V::ForeignDatabase { .. } => ErrorCode::VaultDamaged,
            V::KeyFileTooNew { .. } | V::SchemaTooNew { .. } => ErrorCode::VaultTooNew,
            V::KeyringNotEnabled | V::KeyringKeyMissing | V::KeyringMismatch | V::Keyring(_) => {
                ErrorCode::KeyringUnavailable
            }
            V::Migration { .. } | V::Database { .. } | V::Io { .. } | V::Random(_) | V::Kdf(_) | V::Seal => {
                ErrorCode::Internal
            }
        };
        log::warn!("vault error: {code:?}");
        Self::new(code, e.to_string())
    }
}

impl From<KeyringError> for IpcError {
    fn from(e: KeyringError) -> Self {
        Self::new(ErrorCode::KeyringUnavailable, e.to_string())
    }
}

impl From<JournalError> for IpcError {
    fn from(e: JournalError) -> Self {
        use JournalError as J;
        let code = match &e {
            J::NotFound { .. } | J::NoSuchRevision { .. } => ErrorCode::NotFound,
            J::InTrash { .. } => ErrorCode::InTrash,
            J::NotInTrash { .. } => ErrorCode::NotInTrash,
            J::BadId { .. }
            | J::AmbiguousId { .. }
            | J::BadMood { .. }
            | J::BadName { .. }
            | J::EmptyEntry
            | J::DateTooEarly { .. }
            | J::DateInFuture { .. }
            | J::EmptyQuery { .. }
            | J::AnswersWithoutExercise
            | J::ExerciseMismatch
            | J::DuplicateId { .. }
            | J::PackVersionTaken { .. } => ErrorCode::InvalidInput,
            // Both pass: try again once the other process is done or space is freed.
            J::Busy | J::DiskFull => ErrorCode::Busy,
            J::Damaged(_) | J::CorruptRow { .. } | J::Replica { .. } => ErrorCode::VaultDamaged,
            J::Database(_) => ErrorCode::Internal,
        };
        // Journal errors name ids and fields, never entry text; still, log only the code.
        log::warn!("journal error: {code:?}");
        Self::new(code, e.to_string())
    }
}

impl From<attune::templates::TemplateError> for IpcError {
    fn from(e: attune::templates::TemplateError) -> Self {
        use attune::templates::TemplateError as T;
        let code = match &e {
            T::NotFound { .. } => ErrorCode::NotFound,
            T::NameTaken { .. } | T::BadName { .. } | T::EmptyBody { .. } | T::TooLarge { .. } => {
                ErrorCode::InvalidInput
            }
            T::CorruptRow { .. } => ErrorCode::VaultDamaged,
            T::Database(_) => ErrorCode::Internal,
        };
        log::warn!("template error: {code:?}");
        Self::new(code, e.to_string())
    }
}

impl From<attune::attachments::AttachmentError> for IpcError {
    fn from(e: attune::attachments::AttachmentError) -> Self {
        use attune::attachments::AttachmentError as A;
        let e = match e {
            A::Journal(e) => return e.into(),
            other => other,
        };
        let code = match &e {
            // Taken above, with the journal's own codes.
            A::Journal(_) => ErrorCode::Internal,
            A::NotFound { .. } => ErrorCode::NotFound,
            A::Unsupported { .. }
            | A::TooLarge { .. }
            | A::VaultFull { .. }
            | A::Empty { .. }
            | A::UnreadableImage { .. }
            | A::Io { .. }
            | A::AlreadyAttached { .. }
            | A::BadId { .. }
            | A::AmbiguousId { .. } => ErrorCode::InvalidInput,
            A::CorruptRow { .. } => ErrorCode::VaultDamaged,
        };
        log::warn!("attachment error: {code:?}");
        Self::new(code, e.to_string())
    }
}

impl From<attune::time::TimeError> for IpcError {
    fn from(e: attune::time::TimeError) -> Self {
        Self::invalid(e.to_string())
    }
}

impl From<attune::exercises::LibraryError> for IpcError {
    fn from(e: attune::exercises::LibraryError) -> Self {
        use attune::exercises::LibraryError as L;
        match e {
            L::Journal(e) => e.into(),
            L::UnknownPack { .. } => Self::new(ErrorCode::NotFound, e.to_string()),
            L::Json(_) | L::PlanUnreadable(_) => {
                log::warn!("exercise library error: internal");
                Self::new(ErrorCode::Internal, e.to_string())
            }
            // Pack and answer errors name files, steps and fields, never what was written.
            _ => Self::invalid(e.to_string()),
        }
    }
}

impl From<attune::vault::BackupError> for IpcError {
    fn from(e: attune::vault::BackupError) -> Self {
        use attune::vault::BackupError as B;
        match e {
            B::Vault(e) => e.into(),
            B::NotABackup { .. } | B::Damaged { .. } | B::KeepNone => Self::new(ErrorCode::InvalidInput, e.to_string()),
            B::TooNew { .. } => Self::new(ErrorCode::VaultTooNew, e.to_string()),
        }
    }
}

impl From<attune::exchange::ExchangeError> for IpcError {
    fn from(e: attune::exchange::ExchangeError) -> Self {
        use attune::exchange::ExchangeError as X;
        match e {
            X::Journal(e) => e.into(),
            X::Attachment(e) => e.into(),
            X::Io { .. } => Self::new(ErrorCode::Internal, e.to_string()),
            _ => Self::invalid(e.to_string()),
        }
    }
}

impl From<attune::exchange::import::ImportError> for IpcError {
    fn from(e: attune::exchange::import::ImportError) -> Self {
        use attune::exchange::import::ImportError as I;
        match e {
            I::Journal(e) => e.into(),
            I::Attune(e) => e.into(),
            // Every other import error names the file and place, never entry text.
            _ => Self::invalid(e.to_string()),
        }
    }
}

impl From<attune::exchange::markdown::MarkdownExportError> for IpcError {
    fn from(e: attune::exchange::markdown::MarkdownExportError) -> Self {
        use attune::exchange::markdown::MarkdownExportError as M;
        match e {
            M::Journal(e) => e.into(),
            M::Library(e) => e.into(),
            M::Attachment(e) => e.into(),
            M::NotEmpty { .. } => Self::invalid(e.to_string()),
            M::Io { .. } => Self::new(ErrorCode::Internal, e.to_string()),
        }
    }
}

impl From<attune::insights::InsightsError> for IpcError {
    fn from(e: attune::insights::InsightsError) -> Self {
        match e {
            attune::insights::InsightsError::Journal(e) => e.into(),
        }
    }
}

impl From<attune::summary::SummaryError> for IpcError {
    fn from(e: attune::summary::SummaryError) -> Self {
        use attune::summary::SummaryError as S;
        match e {
            S::Journal(e) => e.into(),
            S::Library(e) => e.into(),
            S::Data(_) | S::Typeset { .. } | S::Write { .. } => {
                log::warn!("summary error");
                Self::new(ErrorCode::Internal, e.to_string())
            }
            _ => Self::invalid(e.to_string()),
        }
    }
}

impl From<attune::sync::SyncError> for IpcError {
    fn from(e: attune::sync::SyncError) -> Self {
        use attune::sync::SyncError as S;
        match e {
            S::Vault(e) => e.into(),
            S::Journal(e) => e.into(),
            S::Database(_) => Self::new(ErrorCode::Internal, e.to_string()),
            // A folder not mounted, a file still arriving: the person can act on the message.
            _ => {
                log::warn!("sync error");
                Self::invalid(e.to_string())
            }
        }
    }
}

impl From<attune::SessionError> for IpcError {
    fn from(e: attune::SessionError) -> Self {
        use attune::SessionError as S;
        match e {
            S::Vault(e) => e.into(),
            S::Journal(e) => e.into(),
            S::Library(e) => e.into(),
            S::Backup(e) => e.into(),
            S::Exchange(e) => e.into(),
            S::Import(e) => e.into(),
            S::MarkdownExport(e) => e.into(),
            S::Insights(e) => e.into(),
            S::Summary(e) => e.into(),
            S::Time(e) => e.into(),
            S::Template(e) => e.into(),
            S::Attachment(e) => e.into(),
            S::Sync(e) => e.into(),
            // The help contacts are built in; failing their checks is a bug, not the person's doing.
            S::Help(_) => Self::new(ErrorCode::Internal, e.to_string()),
            S::PackFileUnreadable { .. } | S::PackFileTooLarge { .. } | S::PackFileNotText { .. } => {
                Self::invalid(e.to_string())
            }
            S::RestoredUnhealthy { .. } => Self::new(ErrorCode::VaultDamaged, e.to_string()),
        }
    }
}
