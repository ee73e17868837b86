//! The vault: one folder holding `vault.db` (SQLCipher) and `vault.keys` (the wrapped data key).
//!
//! A [`Vault`] value exists only while the vault is unlocked: it owns the open database and the
//! data key, and dropping it (see [`Vault::lock`]) closes the database and wipes the key. There
//! is no way to build one without a credential that unwraps the data key.

mod auto_backup;
mod backup;
mod error;
mod health;
mod keyfile;
pub mod keyring;
mod linked;
mod recovery;
mod rotation;
mod secret;
pub(crate) mod settings;
pub(crate) mod store;

pub use store::set_memory_security;

use std::fmt;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use uuid::Uuid;

pub use auto_backup::{AutoBackup, DEFAULT_KEEP, auto_backup_day, auto_backup_name};
pub use backup::{BackupError, BackupSummary};
pub use error::VaultError;
pub use health::{Check, HealthReport};
pub use keyfile::{KdfChoice, KdfParams};
pub use keyring::{KeyringError, OsKeyring, SecretStore};
pub use recovery::RecoveryPhrase;
pub use secret::{DataKey, Passphrase};

use crate::journal::Journal;
use crate::time::{self, Clock, SystemClock};
use keyfile::KeyFile;
use settings::{Setting, Settings};

pub const DB_FILE: &str = "vault.db";
pub const KEYS_FILE: &str = "vault.keys";

/// How to unlock a vault.
#[derive(Clone, Copy)]
pub enum Credential<'a> {
    Passphrase(&'a Passphrase),
    Recovery(&'a RecoveryPhrase),
    /// The device key kept in this store (the OS keyring).
    Keyring(&'a dyn SecretStore),
}

impl fmt::Debug for Credential<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Credential::Passphrase(_) => "Credential::Passphrase",
            Credential::Recovery(_) => "Credential::Recovery",
            Credential::Keyring(_) => "Credential::Keyring",
        })
    }
}

/// An unlocked vault.
pub struct Vault {
    dir: PathBuf,
    conn: Connection,
    keys: KeyFile,
    data_key: DataKey,
    clock: Box<dyn Clock>,
}

impl fmt::Debug for Vault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Vault").field("dir", &self.dir).field("id", &self.keys.vault_id).finish_non_exhaustive()
    }
}

/// Whether a folder holds a vault, without unlocking it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VaultState {
    Missing,
    Present { keyring_enabled: bool },
}

impl Vault {
    /// Creates a vault in `dir` (made if missing; it must not hold a vault already) and returns
    /// it unlocked, with the recovery phrase to show once.
    pub fn create(dir: &Path, passphrase: &Passphrase, kdf: KdfChoice) -> Result<(Vault, RecoveryPhrase), VaultError> {
        Self::create_with_clock(dir, passphrase, kdf, Box::new(SystemClock))
    }

    pub fn create_with_clock(
        dir: &Path,
        passphrase: &Passphrase,
        kdf: KdfChoice,
        clock: Box<dyn Clock>,
    ) -> Result<(Vault, RecoveryPhrase), VaultError> {
        check_new_passphrase(passphrase)?;
        let (db_path, keys_path) = (dir.join(DB_FILE), dir.join(KEYS_FILE));
        if db_path.exists() || keys_path.exists() {
            return Err(VaultError::AlreadyExists { path: dir.to_owned() });
        }
        crate::private_file::create_dir(dir)
            .map_err(|e| VaultError::Io { path: dir.to_owned(), source: e.into_io() })?;
        let kdf = kdf.resolve()?;
        let vault_id = Uuid::now_v7();
        let data_key = DataKey::generate().map_err(VaultError::Random)?;
        let phrase = RecoveryPhrase::generate()?;
        let keys = KeyFile::new(
            vault_id,
            time::format(&clock.now()),
            &data_key,
            passphrase,
            kdf,
            &phrase.wrapping_key(vault_id)?,
        )?;

        // The database first, the key file last: until vault.keys exists the folder is not a
        // vault, so a crash here leaves nothing that looks usable.
        let conn = store::open(&db_path, &data_key, store::Mode::Create)?;
        Settings::new(&conn)
            .set(Setting::VaultId, Some(&vault_id.to_string()))
            .map_err(|source| VaultError::Database { path: db_path.clone(), source })?;
        keys.write(&keys_path)?;
        Ok((Vault { dir: dir.to_owned(), conn, keys, data_key, clock }, phrase))
    }

    /// Whether `dir` holds a vault, and whether it can unlock from the keyring.
    pub fn probe(dir: &Path) -> Result<VaultState, VaultError> {
        match KeyFile::read(&dir.join(KEYS_FILE)) {
            Ok(keys) => Ok(VaultState::Present { keyring_enabled: keys.keyring_enabled() }),
            Err(VaultError::NotAVault { .. }) => Ok(VaultState::Missing),
            Err(e) => Err(e),
        }
    }

    pub fn open(dir: &Path, credential: Credential<'_>) -> Result<Vault, VaultError> {
        Self::open_with_clock(dir, credential, Box::new(SystemClock))
    }

    pub fn open_with_clock(dir: &Path, credential: Credential<'_>, clock: Box<dyn Clock>) -> Result<Vault, VaultError> {
        let (keys, data_key, conn) = rotation::unlock(dir, credential)?;
        let db_path = dir.join(DB_FILE);
        let stored_id = Settings::new(&conn)
            .get(Setting::VaultId)
            .map_err(|source| VaultError::Database { path: db_path.clone(), source })?;
        if stored_id.as_deref() != Some(keys.vault_id.to_string().as_str()) {
            return Err(VaultError::ForeignDatabase { path: db_path });
        }
        Ok(Vault { dir: dir.to_owned(), conn, keys, data_key, clock })
    }

    /// Closes the database and wipes the key from memory.
    pub fn lock(self) {
        drop(self);
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn id(&self) -> Uuid {
        self.keys.vault_id
    }

    pub fn journal(&self) -> Journal<'_> {
        Journal::new(&self.conn, self.clock.as_ref())
    }

    pub fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }

    pub fn kdf_params(&self) -> KdfParams {
        self.keys.kdf()
    }

    /// Re-wraps the data key under a new passphrase. Instant apart from the key derivation; the
    /// database is not rewritten. The recovery phrase keeps working. The key file is changed as
    /// it is on disk (under the key file's lock), so a change made meanwhile by another process
    /// to another slot is kept.
    pub fn change_passphrase(&mut self, new: &Passphrase, kdf: KdfChoice) -> Result<(), VaultError> {
        check_new_passphrase(new)?;
        let kdf = kdf.resolve()?;
        let data_key = &self.data_key;
        self.keys = keyfile::update(&self.dir, self.keys.generation, |keys| keys.set_passphrase(data_key, new, kdf))?;
        Ok(())
    }

    /// Checks a passphrase against the key file as it is on disk now (before letting it be
    /// changed, say): a passphrase another process replaced no longer passes.
    pub fn verify_passphrase(&self, passphrase: &Passphrase) -> Result<(), VaultError> {
        KeyFile::read(&self.dir.join(KEYS_FILE))?.passphrase_key(passphrase).map(drop)
    }

    pub fn keyring_enabled(&self) -> bool {
        self.keys.keyring_enabled()
    }

    /// Stores a new device key in `store` and lets it unlock this vault. The front ends ask for
    /// the current passphrase first ([`Vault::verify_passphrase`]).
    pub fn enable_keyring(&mut self, store: &dyn SecretStore) -> Result<(), VaultError> {
        let device_key = secret::WrappingKey::generate().map_err(VaultError::Random)?;
        let (data_key, account) = (&self.data_key, keyring::account_for(self.id()));
        self.keys = keyfile::update(&self.dir, self.keys.generation, |keys| {
            store.set(&account, &keyring::encode_device_key(&device_key))?;
            keys.set_device_key(data_key, Some(&device_key))
        })?;
        Ok(())
    }

    /// Forgets the keyring slot first (so the device key alone no longer opens the vault), then
    /// removes the device key from `store`.
    pub fn disable_keyring(&mut self, store: &dyn SecretStore) -> Result<(), VaultError> {
        let data_key = &self.data_key;
        self.keys = keyfile::update(&self.dir, self.keys.generation, |keys| keys.set_device_key(data_key, None))?;
        store.delete(&keyring::account_for(self.id()))?;
        Ok(())
    }

    /// Whether the recovery phrase of this vault was never shown: a key replacement was
    /// interrupted and finished by a later unlock. The front ends then offer a new phrase
    /// ([`Vault::replace_recovery_phrase`]).
    pub fn recovery_phrase_unseen(&self) -> bool {
        self.keys.recovery_unseen
    }

    /// The integrity checks behind `attune doctor`, and whether the vault's folder and files
    /// are private to their owner.
    pub fn check(&self) -> HealthReport {
        let mut report = health::check(&self.conn);
        report.checks.push(health::Check { name: "private files", problems: self.exposed_files() });
        let synced = crate::sync::inside_synced_folder(&self.dir).map(|(tool, folder)| {
            format!(
                "the vault folder {} is inside {}, a folder {tool} keeps in step between computers: two computers \
                 writing one database corrupt it. Move the vault out, and share it with attune sync link instead",
                self.dir.display(),
                folder.display()
            )
        });
        report.checks.push(health::Check { name: "outside synced folders", problems: synced.into_iter().collect() });
        report
    }

    /// The vault's folder and files that others on this computer may read, each with what they
    /// may do ("vault.db: readable by group and others"). Empty when all are owner-only.
    pub fn exposed_files(&self) -> Vec<String> {
        let db = self.dir.join(DB_FILE);
        let wal = PathBuf::from(format!("{}-wal", db.display()));
        let shm = PathBuf::from(format!("{}-shm", db.display()));
        let files = [self.dir.clone(), db, wal, shm, self.dir.join(KEYS_FILE)];
        files
            .iter()
            .filter_map(|path| {
                let bits = crate::private_file::exposure(path).ok()?;
                (bits != 0).then(|| {
                    let who = match (bits & 0o070 != 0, bits & 0o007 != 0) {
                        (true, true) => "its group and everyone else",
                        (true, false) => "its group",
                        _ => "everyone else",
                    };
                    format!(
                        "{} can be opened by {who} on this computer (mode {:o}); run chmod go-rwx on it",
                        path.display(),
                        bits
                    )
                })
            })
            .collect()
    }
}

fn check_new_passphrase(passphrase: &Passphrase) -> Result<(), VaultError> {
    if passphrase.char_count() < Passphrase::MIN_CHARS {
        return Err(VaultError::PassphraseTooShort { min: Passphrase::MIN_CHARS });
    }
    Ok(())
}

/// The folder the desktop app and the CLI use when none is given: the platform's data folder
/// (`~/.local/share` on Linux, `~/Library/Application Support` on macOS, `%APPDATA%` on Windows),
/// under the app's identifier.
pub fn default_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(keyring::SERVICE).join("vault"))
}
