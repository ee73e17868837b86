//! Replacing the data key ("Replace the key", `attune rekey`), and unlocking a vault whose
//! replacement was interrupted.
//!
//! A rotation makes a new random data key, re-encrypts the database with it in place
//! (`PRAGMA rekey`), wraps it for the passphrase and, when on, the device key in the keyring,
//! and makes a new recovery phrase; the old phrase stops working. The database and the key file
//! are two files, each changed atomically on its own, so the rotation is three steps, all taken
//! while holding the key file's lock (see [`super::keyfile`]):
//!
//! 1. the key file is written with a *pending* copy of the new key beside the current one,
//!    sealed by the same passphrase key and device key (a crash here: the database still opens
//!    with the current key; the next unlock sees that and drops the pending copy);
//! 2. `PRAGMA rekey` rewrites every page in one write transaction (in WAL mode the new pages
//!    are committed together or not at all; a crash before the commit leaves the old key);
//! 3. the key file is written again with the new key current, a new recovery slot, the
//!    generation moved on and nothing pending.
//!
//! Invariant: at every moment the key file wraps, for the passphrase, a key that opens the
//! database — the current one before step 2 commits, the pending one after — so a `kill -9`
//! anywhere leaves a vault that opens with the passphrase (and the keyring, when on).
//!
//! Unlocking ([`unlock`]) a key file with a pending key happens under the lock, so it never
//! races a rotation in progress: whichever key opens the database decides. If the current key
//! does, the rotation never committed and the pending copy is dropped. If only the pending key
//! does, the rotation committed and crashed before step 3: the unlock finishes it. The recovery
//! phrase made by the crashed process was never shown and is lost, so the unlock seals the key
//! under a fresh phrase that nobody sees and marks the vault `recovery_unseen`; the front ends
//! then tell the person and offer a new phrase ([`Vault::replace_recovery_phrase`]). Until then
//! the vault has no working recovery phrase — the honest cost of finishing instead of failing.
//! The recovery phrase cannot finish a rotation (the pending key is not wrapped by it).
//!
//! What a rotation does not change: backups made before it. Each backup carries its own copy of
//! the key file, so it keeps opening with the passphrase and the recovery phrase the vault had
//! when it was made. Another process with the vault open keeps the old key: its next database
//! read fails and its next key-file change is refused ([`VaultError::KeyReplaced`]); it has to
//! unlock again.
//!
//! What this module must not do: write the key file without the lock; clear a pending key
//! without first proving, under the lock, that the current key opens the database.

use std::path::Path;

use rusqlite::Connection;

use super::error::VaultError;
use super::keyfile::{KeyFile, KeyFileLock};
use super::secret::{DataKey, WrappingKey};
use super::{Credential, DB_FILE, KEYS_FILE, RecoveryPhrase, SecretStore, Vault, keyring, store};

/// How many times an unlock starts over when a rotation by another process changes the key file
/// under it.
const UNLOCK_ATTEMPTS: usize = 4;

/// Reads the key file, unwraps the data key with `credential` and opens the database, finishing
/// or dropping an interrupted rotation on the way.
pub(crate) fn unlock(dir: &Path, credential: Credential<'_>) -> Result<(KeyFile, DataKey, Connection), VaultError> {
    let (keys_path, db_path) = (dir.join(KEYS_FILE), dir.join(DB_FILE));
    let mut last_error = None;
    for _ in 0..UNLOCK_ATTEMPTS {
        let keys = KeyFile::read(&keys_path)?;
        if keys.has_pending() {
            return unlock_pending(dir, credential);
        }
        let (data_key, _) = current_key(&keys, credential)?;
        match store::open(&db_path, &data_key, store::Mode::Existing) {
            Ok(conn) => return Ok((keys, data_key, conn)),
            Err(e @ VaultError::Damaged { .. }) => {
                // A rotation elsewhere may have replaced the key between our read and our open.
                let now = KeyFile::read(&keys_path)?;
                if now.generation == keys.generation && !now.has_pending() {
                    return Err(e);
                }
                last_error = Some(e);
            }
            Err(e) => return Err(e),
        }
    }
    Err(last_error.unwrap_or(VaultError::KeyReplaced { path: dir.to_owned() }))
}

/// The unlock of a key file holding a pending key, under the lock (so no rotation is running).
fn unlock_pending(dir: &Path, credential: Credential<'_>) -> Result<(KeyFile, DataKey, Connection), VaultError> {
    let _lock = KeyFileLock::acquire(dir)?;
    let (keys_path, db_path) = (dir.join(KEYS_FILE), dir.join(DB_FILE));
    let mut keys = KeyFile::read(&keys_path)?;
    let (current, device_key) = current_key(&keys, credential)?;
    match store::open(&db_path, &current, store::Mode::Existing) {
        Ok(conn) => {
            if keys.has_pending() {
                // The rotation never committed: its pending key opens nothing.
                keys.clear_pending();
                keys.write(&keys_path)?;
            }
            Ok((keys, current, conn))
        }
        Err(damaged @ VaultError::Damaged { .. }) => {
            let next = match credential {
                Credential::Passphrase(passphrase) => keys.pending_with_passphrase(passphrase)?,
                Credential::Keyring(_) => device_key.as_ref().and_then(|key| keys.pending_with_device_key(key)),
                Credential::Recovery(_) => {
                    return Err(VaultError::RotationNeedsPassphrase { path: dir.to_owned() });
                }
            };
            let Some(next) = next else { return Err(damaged) };
            let conn = store::open(&db_path, &next, store::Mode::Existing)?;
            // The phrase the crashed process made was never shown: seal under one nobody sees,
            // and say so until the person asks for a new one.
            let unseen = RecoveryPhrase::generate()?;
            keys.promote(&next, &unseen.wrapping_key(keys.vault_id)?, true)?;
            keys.write(&keys_path)?;
            Ok((keys, next, conn))
        }
        Err(e) => Err(e),
    }
}

/// The current data key through `credential`, and the device key when that was the way in.
fn current_key(keys: &KeyFile, credential: Credential<'_>) -> Result<(DataKey, Option<WrappingKey>), VaultError> {
    Ok(match credential {
        Credential::Passphrase(passphrase) => (keys.unwrap_with_passphrase(passphrase)?, None),
        Credential::Recovery(phrase) => (keys.unwrap_with_recovery(&phrase.wrapping_key(keys.vault_id)?)?, None),
        Credential::Keyring(store) => {
            let device_key = device_key(keys, store)?;
            (keys.unwrap_with_device_key(&device_key)?, Some(device_key))
        }
    })
}

fn device_key(keys: &KeyFile, store: &dyn SecretStore) -> Result<WrappingKey, VaultError> {
    if !keys.keyring_enabled() {
        return Err(VaultError::KeyringNotEnabled);
    }
    let secret = store.get(&keyring::account_for(keys.vault_id))?.ok_or(VaultError::KeyringKeyMissing)?;
    Ok(keyring::decode_device_key(&secret)?)
}

impl Vault {
    /// Replaces the data key: a new random key, the database re-encrypted in place, the key
    /// wrapped again for the passphrase and (when on) the keyring's device key in `store`, and a
    /// new recovery phrase, returned to be shown once; the old phrase stops working. Needs the
    /// current passphrase. Takes about as long as reading and writing the whole database once.
    ///
    /// Backups made before keep opening with the passphrase and recovery phrase the vault had
    /// when they were made. See the module docs for what a crash at any moment leaves.
    pub fn rekey(
        &mut self,
        current: &super::Passphrase,
        store: &dyn SecretStore,
    ) -> Result<RecoveryPhrase, VaultError> {
        let _lock = KeyFileLock::acquire(&self.dir)?;
        let keys_path = self.dir.join(KEYS_FILE);
        let mut keys = KeyFile::read(&keys_path)?;
        if keys.generation != self.keys.generation || keys.has_pending() {
            return Err(VaultError::KeyReplaced { path: self.dir.clone() });
        }
        let passphrase_key = keys.passphrase_key(current)?;
        let device_key = if keys.keyring_enabled() {
            let key = device_key(&keys, store)?;
            keys.unwrap_with_device_key(&key)?;
            Some(key)
        } else {
            None
        };
        let next = DataKey::generate().map_err(VaultError::Random)?;
        let phrase = RecoveryPhrase::generate()?;
        let recovery_key = phrase.wrapping_key(keys.vault_id)?;

        // Step 1: the new key, pending, beside the current one.
        keys.set_pending(&next, &passphrase_key, device_key.as_ref())?;
        keys.write(&keys_path)?;

        // Step 2: every page re-encrypted, in one transaction.
        if let Err(e) = self.rekey_database(&next) {
            // Drop the pending key only once the current key is proven to still open the
            // database (the rekey rolled back, as on a full disk); otherwise leave the decision
            // to the next unlock.
            if store::open(&self.dir.join(DB_FILE), &self.data_key, store::Mode::Existing).is_ok() {
                keys.clear_pending();
                let _ = keys.write(&keys_path);
            }
            return Err(e);
        }
        self.data_key = next;

        // Step 3: the new key current. Should this write fail, the next unlock finishes it.
        let mut done = keys.clone();
        done.promote(&self.data_key, &recovery_key, false)?;
        if let Err(e) = done.write(&keys_path) {
            self.keys = keys;
            return Err(e);
        }
        self.keys = done;
        Ok(phrase)
    }

    /// A new recovery phrase, to show once; the old one stops working. Needs the current
    /// passphrase. For a vault whose phrase was never shown ([`Vault::recovery_phrase_unseen`]),
    /// or one whose paper copy was lost.
    pub fn replace_recovery_phrase(&mut self, current: &super::Passphrase) -> Result<RecoveryPhrase, VaultError> {
        let phrase = RecoveryPhrase::generate()?;
        let recovery_key = phrase.wrapping_key(self.id())?;
        let data_key = &self.data_key;
        self.keys = super::keyfile::update(&self.dir, self.keys.generation, |keys| {
            keys.passphrase_key(current)?;
            keys.set_recovery(data_key, &recovery_key)
        })?;
        Ok(phrase)
    }

    /// `PRAGMA rekey` on the open connection, then empties the log into the file (best effort:
    /// a reader elsewhere may keep it, and the committed log is as good).
    fn rekey_database(&self, next: &DataKey) -> Result<(), VaultError> {
        let db_path = self.dir.join(DB_FILE);
        let literal = next.sqlcipher_literal();
        let statement = zeroize::Zeroizing::new(format!("PRAGMA rekey = \"{}\";", literal.as_str()));
        self.conn.execute_batch(&statement).map_err(|source| VaultError::Database { path: db_path.clone(), source })?;
        // Prove the new key with a read before the key file is told about it.
        self.conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get::<_, i64>(0))
            .map_err(|source| VaultError::Database { path: db_path.clone(), source })?;
        let _ = self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::{KdfChoice, KdfParams, Passphrase};
    use crate::{NewEntry, VaultError};

    fn pass() -> Passphrase {
        Passphrase::new("a quiet evening by the lake".to_owned())
    }

    /// A vault with one entry, and the key file with a pending key written (step 1 done).
    fn pending(dir: &Path) -> (Vault, DataKey, RecoveryPhrase) {
        let (vault, phrase) = Vault::create(dir, &pass(), KdfChoice::Fixed(KdfParams::MINIMUM)).unwrap();
        vault.journal().create(NewEntry { body: "before the rotation".into(), ..NewEntry::default() }).unwrap();
        let mut keys = KeyFile::read(&dir.join(KEYS_FILE)).unwrap();
        let next = DataKey::generate().unwrap();
        keys.set_pending(&next, &keys.passphrase_key(&pass()).unwrap(), None).unwrap();
        keys.write(&dir.join(KEYS_FILE)).unwrap();
        (vault, next, phrase)
    }

    #[test]
    fn a_crash_before_the_database_rekey_keeps_the_old_key_and_drops_the_pending_one() {
        let dir = tempfile::tempdir().unwrap();
        let (vault, _, phrase) = pending(dir.path());
        vault.lock();
        let vault = Vault::open(dir.path(), Credential::Passphrase(&pass())).unwrap();
        assert!(!KeyFile::read(&dir.path().join(KEYS_FILE)).unwrap().has_pending(), "the pending key is dropped");
        assert!(!vault.recovery_phrase_unseen());
        vault.lock();
        Vault::open(dir.path(), Credential::Recovery(&phrase)).expect("the recovery phrase still works");
    }

    #[test]
    fn a_crash_after_the_database_rekey_is_finished_by_the_next_unlock() {
        let dir = tempfile::tempdir().unwrap();
        let (vault, next, phrase) = pending(dir.path());
        vault.rekey_database(&next).unwrap();
        vault.lock();

        let err = Vault::open(dir.path(), Credential::Recovery(&phrase)).unwrap_err();
        assert!(matches!(err, VaultError::RotationNeedsPassphrase { .. }), "got {err:?}");
        let mut vault = Vault::open(dir.path(), Credential::Passphrase(&pass())).unwrap();
        assert!(vault.recovery_phrase_unseen(), "the phrase of the crashed rotation was never shown");
        let keys = KeyFile::read(&dir.path().join(KEYS_FILE)).unwrap();
        assert!(!keys.has_pending() && keys.generation == 1, "the rotation is finished on disk");
        assert_eq!(vault.journal().list(&Default::default()).unwrap().items.len(), 1);
        assert!(vault.check().healthy());

        let fresh = vault.replace_recovery_phrase(&pass()).unwrap();
        assert!(!vault.recovery_phrase_unseen());
        vault.lock();
        let vault = Vault::open(dir.path(), Credential::Recovery(&fresh)).expect("the new phrase opens the vault");
        assert!(!vault.recovery_phrase_unseen());
    }

    #[test]
    fn a_wrong_passphrase_cannot_replace_the_recovery_phrase() {
        let dir = tempfile::tempdir().unwrap();
        let (mut vault, phrase) = Vault::create(dir.path(), &pass(), KdfChoice::Fixed(KdfParams::MINIMUM)).unwrap();
        let err = vault.replace_recovery_phrase(&Passphrase::new("not the passphrase".into())).unwrap_err();
        assert!(matches!(err, VaultError::WrongPassphrase), "got {err:?}");
        vault.lock();
        Vault::open(dir.path(), Credential::Recovery(&phrase)).expect("the old phrase still works");
    }
}
