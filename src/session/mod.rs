//! A session: one unlocked vault with the clock it reads and its exercise catalogue, parsed once.
//!
//! Both front ends go through this type: each of the desktop app's commands and each of the
//! `attune` tool's commands is one call on a [`Session`] plus its own input and output, so the
//! two cannot drift apart (the same "today", the same limits on files a person hands in, the
//! same checks after a restore), and every flow is testable without a window.
//!
//! Invariants:
//! - A `Session` exists only while its vault is unlocked; [`Session::lock`] closes the database
//!   and wipes the key, as [`Vault::lock`] does.
//! - "Today" is always the vault's [`Clock`]'s local day, never the wall
//!   clock read somewhere else.
//! - The catalogue (built-in packs plus the vault's imported ones) is parsed on first use and
//!   kept until a pack is imported, which rebuilds it.
//!
//! What it must not do: hold anything of a front end (paths chosen in dialogs, preferences,
//! window state), or print. Pipelines return values; the edges show them.
//!
//! ```no_run
//! use attune::{Credential, Passphrase, Session};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let pass = Passphrase::new("a long and private passphrase".into());
//! let session = Session::open(std::path::Path::new("/tmp/my-vault"), Credential::Passphrase(&pass))?;
//! let agenda = session.agenda()?;
//! println!("{} things suggested for {}", agenda.slots.len(), agenda.today);
//! session.lock();
//! # Ok(()) }
//! ```

mod attachments;
mod data;
mod error;
mod exercises;
mod reports;
mod sync;
mod views;

use std::cell::OnceCell;
use std::path::Path;

use chrono::NaiveDate;

use crate::exercises::Catalogue;
use crate::journal::Journal;
use crate::time::{Clock, SystemClock};
use crate::vault::{Credential, KdfChoice, Passphrase, RecoveryPhrase, SecretStore, Vault, VaultError};

pub use data::RestoreWith;
pub use error::SessionError;
pub use exercises::read_pack_file;
pub use reports::{MAX_ENTRY_TITLES, write_recovery_sheet, write_summary_pdf};
pub use views::{DraftView, EntryTitle, ExerciseResult, ExportedFolder, PackSummary, PackView, Shelf};

/// The largest exercise pack file a session reads, in bytes; real packs are a few kilobytes.
pub const MAX_PACK_BYTES: u64 = 1024 * 1024;

/// An unlocked vault with its clock, the locale its words are read in, and its cached
/// catalogue.
pub struct Session {
    vault: Vault,
    locale: String,
    catalogue: OnceCell<Catalogue>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session").field("vault", &self.vault).finish_non_exhaustive()
    }
}

impl From<Vault> for Session {
    fn from(vault: Vault) -> Self {
        Self { vault, locale: crate::i18n::DEFAULT_LOCALE.to_owned(), catalogue: OnceCell::new() }
    }
}

impl Session {
    /// Unlocks the vault in `dir` with the system clock.
    pub fn open(dir: &Path, credential: Credential<'_>) -> Result<Session, SessionError> {
        Self::open_with_clock(dir, credential, Box::new(SystemClock))
    }

    /// Unlocks the vault in `dir`; `clock` says what "now" and "today" are from then on.
    pub fn open_with_clock(
        dir: &Path,
        credential: Credential<'_>,
        clock: Box<dyn Clock>,
    ) -> Result<Session, SessionError> {
        Ok(Vault::open_with_clock(dir, credential, clock)?.into())
    }

    /// Creates a vault in `dir` and returns it unlocked with the recovery phrase to show once.
    /// With `keyring`, also lets that store unlock it; when the store cannot, the vault is still
    /// created and the third value says why.
    pub fn create(
        dir: &Path,
        passphrase: &Passphrase,
        kdf: KdfChoice,
        keyring: Option<&dyn SecretStore>,
    ) -> Result<(Session, RecoveryPhrase, Option<VaultError>), SessionError> {
        Self::create_with_clock(dir, passphrase, kdf, keyring, Box::new(SystemClock))
    }

    /// [`Session::create`] with a given clock.
    pub fn create_with_clock(
        dir: &Path,
        passphrase: &Passphrase,
        kdf: KdfChoice,
        keyring: Option<&dyn SecretStore>,
        clock: Box<dyn Clock>,
    ) -> Result<(Session, RecoveryPhrase, Option<VaultError>), SessionError> {
        let (mut vault, phrase) = Vault::create_with_clock(dir, passphrase, kdf, clock)?;
        let keyring_problem = keyring.and_then(|store| vault.enable_keyring(store).err());
        Ok((vault.into(), phrase, keyring_problem))
    }

    /// Opens the vault in `dir` with its recovery phrase and sets a new passphrase; the
    /// recovery phrase keeps working.
    pub fn recover(dir: &Path, phrase: &RecoveryPhrase, new: &Passphrase) -> Result<Session, SessionError> {
        let mut vault = Vault::open(dir, Credential::Recovery(phrase))?;
        vault.change_passphrase(new, KdfChoice::default())?;
        Ok(vault.into())
    }

    /// Replaces the data key (see [`Vault::rekey`]) and returns the new recovery phrase, to
    /// show once. Needs the current passphrase; `keyring` holds the device key when the keyring
    /// unlocks this vault.
    pub fn rekey(&mut self, current: &Passphrase, keyring: &dyn SecretStore) -> Result<RecoveryPhrase, SessionError> {
        if let Some(folder) = crate::sync::linked_folder(&self.vault)? {
            return Err(crate::sync::SyncError::LinkedKeyReplacement { folder }.into());
        }
        Ok(self.vault.rekey(current, keyring)?)
    }

    /// Lets `keyring` unlock this vault, after checking the current passphrase against the key
    /// file as it is on disk.
    pub fn enable_keyring(&mut self, current: &Passphrase, keyring: &dyn SecretStore) -> Result<(), SessionError> {
        self.vault.verify_passphrase(current)?;
        Ok(self.vault.enable_keyring(keyring)?)
    }

    /// Sets a new passphrase after checking the current one against the key file on disk.
    pub fn change_passphrase(&mut self, current: &Passphrase, new: &Passphrase) -> Result<(), SessionError> {
        self.vault.verify_passphrase(current)?;
        Ok(self.vault.change_passphrase(new, KdfChoice::default())?)
    }

    /// Closes the database and wipes the key from memory.
    pub fn lock(self) {
        self.vault.lock();
    }

    pub fn vault(&self) -> &Vault {
        &self.vault
    }

    /// For changing what unlocks the vault (passphrase, keyring).
    pub fn vault_mut(&mut self) -> &mut Vault {
        &mut self.vault
    }

    pub fn journal(&self) -> Journal<'_> {
        self.vault.journal()
    }

    /// The vault's templates for free writing.
    pub fn templates(&self) -> crate::templates::Templates<'_> {
        let journal = self.vault.journal();
        crate::templates::Templates::new(journal.store(), journal.clock())
    }

    /// The starting texts Attune offers, in the session's language.
    pub fn starters(&self) -> Vec<crate::templates::Starter> {
        crate::templates::starters(&self.words())
    }

    /// The text a new entry starts from: the vault's template named `name`, else a starter by
    /// its name in the session's language or its id.
    pub fn template_text(&self, name: &str) -> Result<String, crate::templates::TemplateError> {
        self.templates().text_for(name, &self.words())
    }

    /// The local day of the vault's clock.
    pub fn today(&self) -> NaiveDate {
        self.vault.clock().now().date_naive()
    }

    /// The built-in packs and the ones imported into this vault, in the session's locale where
    /// a pack has that translation; parsed once per session and locale.
    pub fn catalogue(&self) -> Result<&Catalogue, SessionError> {
        if let Some(catalogue) = self.catalogue.get() {
            return Ok(catalogue);
        }
        let built = crate::exercises::library(&self.journal())?.localized(&self.locale);
        Ok(self.catalogue.get_or_init(|| built))
    }

    /// The core's words in the session's locale.
    pub fn words(&self) -> crate::i18n::Words {
        crate::i18n::Words::new(&self.locale)
    }

    /// The locale the session's words are in (one of [`crate::i18n::LOCALES`]).
    pub fn locale(&self) -> &str {
        &self.locale
    }

    /// Reads packs, insights and summaries in `locale` from now on (a tag such as "pt-BR";
    /// an unsupported one falls back as [`crate::i18n::resolve`] says).
    pub fn set_locale(&mut self, locale: &str) {
        let resolved = crate::i18n::resolve(locale);
        if resolved != self.locale {
            self.locale = resolved.to_owned();
            self.catalogue.take();
        }
    }
}
