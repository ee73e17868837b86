//! What can go wrong when creating, opening or re-keying a vault. Every variant that concerns a
//! file names its path.

use std::path::PathBuf;

use super::keyfile::KdfParams;
use super::keyring::KeyringError;

#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("wrong passphrase")]
    WrongPassphrase,
    #[error("this recovery phrase belongs to another vault")]
    WrongRecoveryPhrase,
    #[error("not a valid recovery phrase: {detail}")]
    InvalidRecoveryPhrase { detail: String },
    #[error("passphrase too short: use at least {min} characters")]
    PassphraseTooShort { min: usize },
    #[error("key derivation parameters {params:?} are weaker than Attune's minimum")]
    KdfTooWeak { params: KdfParams },

    #[error("no vault at {path} (it has no vault.keys); create one with `attune init`")]
    NotAVault { path: PathBuf },
    #[error("a vault already exists at {path}")]
    AlreadyExists { path: PathBuf },
    #[error("the vault at {path} has its key file but no database (vault.db is missing)")]
    MissingDatabase { path: PathBuf },
    #[error("key file {path} is not valid JSON at line {line}, column {column}: {detail}")]
    KeyFileMalformed { path: PathBuf, line: usize, column: usize, detail: String },
    #[error("key file {path} is not an Attune key file: {detail}")]
    KeyFileInvalid { path: PathBuf, detail: String },
    #[error(
        "key file {path} is version {found}, made by a newer Attune (this one reads up to {supported}); update Attune"
    )]
    KeyFileTooNew { path: PathBuf, found: u32, supported: u32 },
    #[error("the database {path} is damaged or is not an Attune vault: {detail}")]
    Damaged { path: PathBuf, detail: String },
    #[error("the database {path} belongs to another vault than its key file")]
    ForeignDatabase { path: PathBuf },
    #[error(
        "the database {path} has schema version {found}, made by a newer Attune (this one knows up to {supported}); update Attune"
    )]
    SchemaTooNew { path: PathBuf, found: u32, supported: u32 },
    #[error("migration {version} ({name}) failed on {path}: {source}")]
    Migration { path: PathBuf, version: u32, name: &'static str, source: rusqlite::Error },
    #[error("database error on {path}: {source}")]
    Database { path: PathBuf, source: rusqlite::Error },
    #[error("cannot read or write {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },

    #[error(
        "the key of the vault at {path} was replaced by another Attune window or command, or a replacement was interrupted; lock the vault, unlock it again and retry"
    )]
    KeyReplaced { path: PathBuf },
    #[error(
        "a replacement of the key of the vault at {path} was interrupted; unlock it once with the passphrase to finish it (the recovery phrase cannot)"
    )]
    RotationNeedsPassphrase { path: PathBuf },

    #[error("unlocking with the system keyring is not turned on for this vault")]
    KeyringNotEnabled,
    #[error("the system keyring has no key for this vault; unlock with the passphrase and turn the option on again")]
    KeyringKeyMissing,
    #[error(
        "the key in the system keyring does not open this vault; unlock with the passphrase and turn the option on again"
    )]
    KeyringMismatch,
    #[error(transparent)]
    Keyring(#[from] KeyringError),

    #[error("the operating system's random number generator failed: {0}")]
    Random(getrandom::Error),
    #[error("key derivation failed: {0}")]
    Kdf(String),
    #[error("sealing the data key failed")]
    Seal,
}
