//! Attune's core: a private journal for reflection, encrypted on the person's own machine.
//!
//! Everything a person writes lives in a [`Vault`]: a folder with a SQLCipher database whose
//! random 256-bit data key is stored only wrapped (by a passphrase through Argon2id, by a
//! 24-word recovery phrase, and optionally by a device key in the OS keyring). The desktop app
//! and the `attune` command-line tool are thin shells over this crate.
//!
//! Invariants the crate keeps:
//! - No entry text reaches the disk in the clear: not in the database, its WAL, temp files
//!   (temp store is memory) or logs. Only an export the person asks for writes plaintext.
//! - Nothing typed is lost: every save is one transaction with `synchronous = FULL`, and a save
//!   that changes an entry first keeps the version it replaces.
//! - Bad input is an error value naming what and where; nothing a user or a file controls can
//!   panic.
//!
//! ```no_run
//! use attune::{Credential, KdfChoice, NewEntry, Passphrase, Vault};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = std::path::Path::new("/tmp/my-vault");
//! let pass = Passphrase::new("a long and private passphrase".into());
//! let (vault, recovery) = Vault::create(dir, &pass, KdfChoice::default())?;
//! println!("write these words down: {}", recovery.expose_secret());
//! let entry = vault.journal().create(NewEntry { body: "First evening home.".into(), ..NewEntry::default() })?;
//! vault.lock();
//!
//! let vault = Vault::open(dir, Credential::Passphrase(&pass))?;
//! assert_eq!(vault.journal().get(entry.id)?.body, "First evening home.");
//! # Ok(()) }
//! ```

pub mod attachments;
pub mod exchange;
pub mod exercises;
pub mod help;
pub mod i18n;
pub mod insights;
pub mod journal;
pub mod private_file;
pub mod process;
pub mod session;
pub mod summary;
pub mod sync;
pub mod templates;
pub mod time;
pub mod vault;

pub use journal::{
    Entry, EntryEdit, EntryId, EntryKind, EntrySummary, ExerciseRef, Journal, JournalError, ListFilter, Mood, NewEntry,
    Person, SaveMode, SearchQuery,
};
pub use session::{Session, SessionError};
pub use vault::{
    Credential, KdfChoice, KdfParams, OsKeyring, Passphrase, RecoveryPhrase, SecretStore, Vault, VaultError,
};
