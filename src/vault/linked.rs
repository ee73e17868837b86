//! What sync (`crate::sync`) needs from the vault: a key for change files derived from the data
//! key, the key slots every linked computer shares, and a vault made on a new computer from
//! those slots.
//!
//! The data key never leaves this module unwrapped: the sync folder holds the same
//! passphrase- and recovery-wrapped copies `vault.keys` holds, and change files are sealed with
//! a key derived from the data key (HKDF-SHA256, RFC 5869), so neither alone opens anything.

use std::path::Path;

use hkdf::Hkdf;
use sha2::Sha256;
use zeroize::Zeroizing;

use super::keyfile::{self, KeyFile};
use super::settings::{Setting, Settings};
use super::{Credential, DB_FILE, KEYS_FILE, Vault, VaultError, store};
use crate::time::Clock;

/// The HKDF `info` of the change-file key; a new format gets a new label.
const SYNC_KEY_INFO: &[u8] = b"attune sync change files v1";

impl Vault {
    /// The 256-bit key that seals this vault's change files: HKDF-SHA256 of the data key, salted
    /// with the vault's id. The same on every computer of the vault, until the data key is
    /// replaced.
    pub(crate) fn sync_key(&self) -> Zeroizing<[u8; 32]> {
        let hkdf = Hkdf::<Sha256>::new(Some(self.keys.vault_id.as_bytes()), self.data_key.expose_secret());
        let mut key = Zeroizing::new([0u8; 32]);
        // 32 bytes is far below HKDF-SHA256's limit of 255 × 32, so expand cannot fail.
        if hkdf.expand(SYNC_KEY_INFO, key.as_mut()).is_err() {
            unreachable!("HKDF-SHA256 can expand to 32 bytes");
        }
        key
    }

    /// The passphrase and recovery slots as they are on disk now, as the key file's JSON
    /// (without this computer's keyring slot).
    pub(crate) fn shared_keys(&self) -> Result<String, VaultError> {
        let keys = KeyFile::read(&self.dir.join(KEYS_FILE))?.shared();
        serde_json::to_string_pretty(&keys)
            .map_err(|e| VaultError::Io { path: self.dir.join(KEYS_FILE), source: e.into() })
    }

    /// Whether `text` (another computer's [`Vault::shared_keys`]) holds other slots than ours.
    /// `origin` names where it was read, for errors.
    pub(crate) fn shared_keys_differ(&self, origin: &Path, text: &str) -> Result<bool, VaultError> {
        let theirs = KeyFile::parse(origin, text)?;
        let ours = KeyFile::read(&self.dir.join(KEYS_FILE))?;
        Ok(!ours.same_shared_slots(&theirs))
    }

    /// Takes the passphrase and recovery slots from `text`, another computer's
    /// [`Vault::shared_keys`] of this vault: after it the passphrase set there opens this vault
    /// here too. The keyring slot stays. The caller has authenticated `text`.
    pub(crate) fn adopt_shared_keys(&mut self, origin: &Path, text: &str) -> Result<(), VaultError> {
        let theirs = KeyFile::parse(origin, text)?;
        self.keys = keyfile::update(&self.dir, self.keys.generation, |keys| keys.adopt_shared(&theirs))?;
        Ok(())
    }

    /// Makes a vault in `dir` (which must not hold one) for a computer joining a sync folder:
    /// the shared key slots in `text` (read from `origin`), opened with `credential` (the
    /// passphrase or the recovery phrase), and an empty database under the same data key.
    pub(crate) fn join(
        dir: &Path,
        origin: &Path,
        text: &str,
        credential: Credential<'_>,
        clock: Box<dyn Clock>,
    ) -> Result<Vault, VaultError> {
        let keys = KeyFile::parse(origin, text)?.shared();
        let data_key = match credential {
            Credential::Passphrase(passphrase) => keys.unwrap_with_passphrase(passphrase)?,
            Credential::Recovery(phrase) => keys.unwrap_with_recovery(&phrase.wrapping_key(keys.vault_id)?)?,
            Credential::Keyring(_) => return Err(VaultError::KeyringNotEnabled),
        };
        let (db_path, keys_path) = (dir.join(DB_FILE), dir.join(KEYS_FILE));
        if db_path.exists() || keys_path.exists() {
            return Err(VaultError::AlreadyExists { path: dir.to_owned() });
        }
        crate::private_file::create_dir(dir)
            .map_err(|e| VaultError::Io { path: dir.to_owned(), source: e.into_io() })?;
        let conn = store::open(&db_path, &data_key, store::Mode::Create)?;
        Settings::new(&conn)
            .set(Setting::VaultId, Some(&keys.vault_id.to_string()))
            .map_err(|source| VaultError::Database { path: db_path.clone(), source })?;
        keys.write(&keys_path)?;
        Ok(Vault { dir: dir.to_owned(), conn, keys, data_key, clock })
    }
}
