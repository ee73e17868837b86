//! `vault.keys`: the wrapped copies of the data key, and the parameters to unwrap them.
//!
//! The file holds no secret in the clear. Each slot is the data key sealed with
//! XChaCha20-Poly1305 under one wrapping key (passphrase, recovery phrase, OS keyring). The
//! associated data binds every envelope to its vault id, slot and format version, so a slot
//! cannot be moved to another vault or another slot. The file is replaced atomically: a crash
//! leaves either the old file or the new one, never a torn one.
//!
//! Invariants:
//! - Every change to an existing vault's key file goes through [`update`]: it takes an advisory
//!   lock on `vault.keys.lock` beside it (the desktop app and the `attune` tool may have the same
//!   vault open), re-reads the file as it is on disk, changes only the slot it means to change,
//!   and writes the result before letting go. A process that unlocked earlier never writes its
//!   own stale copy, so it cannot bring back a passphrase another process changed. The lock
//!   belongs to the process: the operating system releases it when the process dies, `kill -9`
//!   included.
//! - A process may only re-wrap the data key it holds onto a file that still wraps that key:
//!   `generation` counts key rotations, and [`update`] refuses a file whose generation differs
//!   from the one the caller unlocked (or that holds an unfinished rotation), rather than sealing
//!   a replaced key into it.
//! - During a key rotation the file holds a `pending` copy of the new data key, wrapped by the
//!   passphrase and (when on) the device key; see [`super::rotation`] for the protocol.
//!
//! What it must not do: hold or write any key in the clear; write the file without the lock
//! (except when creating a vault or restoring one into an empty folder, where no other process
//! can have it open); change the associated data of version-1 slots (old files must keep
//! opening).

use std::fs::{self, File, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

use base64::engine::general_purpose::STANDARD as BASE64;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use zeroize::Zeroizing;

use super::error::VaultError;
use super::secret::{DataKey, KEY_LEN, Passphrase, WrappingKey};

pub(crate) const FORMAT: &str = "attune-vault-keys";
pub(crate) const VERSION: u32 = 1;
/// The advisory lock held while the key file is read, changed and written.
pub(crate) const LOCK_FILE: &str = "vault.keys.lock";
const NONCE_LEN: usize = 24;
const SALT_LEN: usize = 16;

/// Argon2id cost parameters, stored beside the salt so unlocking repeats the same work.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_kib: u32,
    /// Passes over memory.
    pub t: u32,
    /// Lanes.
    pub p: u32,
}

impl KdfParams {
    /// The floor for every new vault: 64 MiB, 3 passes, 4 lanes.
    pub const MINIMUM: KdfParams = KdfParams { m_kib: 64 * 1024, t: 3, p: 4 };
    /// The most memory calibration will ask for.
    const MAX_M_KIB: u32 = 256 * 1024;
    const MAX_T: u32 = 12;

    /// Parameters that take about `target` on this machine, never below [`Self::MINIMUM`].
    /// Costs one derivation at the minimum to measure.
    pub fn calibrated(target: Duration) -> Result<KdfParams, VaultError> {
        let start = Instant::now();
        derive_argon2(Self::MINIMUM, b"calibration", &[0u8; SALT_LEN])?;
        let took = start.elapsed().as_secs_f64().max(0.001);
        let factor = target.as_secs_f64() / took;
        if factor <= 1.0 {
            return Ok(Self::MINIMUM);
        }
        // Grow memory first (what makes guessing expensive), then passes.
        let m_kib = (f64::from(Self::MINIMUM.m_kib) * factor).min(f64::from(Self::MAX_M_KIB));
        let rest = factor * f64::from(Self::MINIMUM.m_kib) / m_kib;
        let t = (f64::from(Self::MINIMUM.t) * rest).round().clamp(3.0, f64::from(Self::MAX_T));
        // Whole MiB keeps the stored numbers readable. Both values are bounded above.
        let m_kib = (m_kib as u32 / 1024).max(64) * 1024;
        Ok(KdfParams { m_kib, t: t as u32, p: Self::MINIMUM.p })
    }

    fn check_stored(&self, path: &Path) -> Result<(), VaultError> {
        // Refuse absurd stored values: a tampered file must not make unlock allocate 1 TB.
        let sane =
            (8..=4 * 1024 * 1024).contains(&self.m_kib) && (1..=64).contains(&self.t) && (1..=64).contains(&self.p);
        if sane {
            Ok(())
        } else {
            Err(VaultError::KeyFileInvalid {
                path: path.to_owned(),
                detail: format!(
                    "Argon2 parameters out of range (m = {} KiB, t = {}, p = {})",
                    self.m_kib, self.t, self.p
                ),
            })
        }
    }
}

/// How a new vault chooses its Argon2id cost.
#[derive(Clone, Copy, Debug)]
pub enum KdfChoice {
    /// Measure this machine and aim at the given time (at least [`KdfParams::MINIMUM`]).
    Calibrate(Duration),
    /// Use these exact parameters (they must be at least [`KdfParams::MINIMUM`]).
    Fixed(KdfParams),
}

impl Default for KdfChoice {
    fn default() -> Self {
        KdfChoice::Calibrate(Duration::from_millis(500))
    }
}

impl KdfChoice {
    pub(crate) fn resolve(self) -> Result<KdfParams, VaultError> {
        match self {
            KdfChoice::Calibrate(target) => KdfParams::calibrated(target),
            KdfChoice::Fixed(params) => {
                let min = KdfParams::MINIMUM;
                if params.m_kib < min.m_kib || params.t < min.t || params.p < 1 {
                    return Err(VaultError::KdfTooWeak { params });
                }
                Ok(params)
            }
        }
    }
}

/// A sealed data key: nonce and ciphertext with its tag.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Envelope {
    #[serde(with = "b64")]
    nonce: Vec<u8>,
    #[serde(with = "b64")]
    ciphertext: Vec<u8>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct PassphraseSlot {
    kdf: KdfParams,
    #[serde(with = "b64")]
    salt: Vec<u8>,
    wrapped: Envelope,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct SealedSlot {
    wrapped: Envelope,
}

/// The parsed contents of `vault.keys`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct KeyFile {
    format: String,
    version: u32,
    pub(crate) vault_id: Uuid,
    pub(crate) created_at: String,
    passphrase: PassphraseSlot,
    recovery: SealedSlot,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    keyring: Option<SealedSlot>,
    /// How many times the data key was rotated. Absent (0) in files that never were.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub(crate) generation: u64,
    /// The next data key of a rotation in progress, wrapped like the current one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pending: Option<PendingKey>,
    /// Set when a rotation was finished by a later unlock after a crash: the recovery phrase
    /// made for it was never shown, so the front end must show a new one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(crate) recovery_unseen: bool,
}

/// The new data key of an unfinished rotation: sealed by the passphrase (same Argon2 salt and
/// parameters as the current passphrase slot) and by the device key when the keyring is on.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct PendingKey {
    passphrase: Envelope,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    keyring: Option<Envelope>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// Which wrapped copy of the data key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Slot {
    Passphrase,
    Recovery,
    Keyring,
}

impl Slot {
    fn name(self) -> &'static str {
        match self {
            Slot::Passphrase => "passphrase",
            Slot::Recovery => "recovery",
            Slot::Keyring => "keyring",
        }
    }
}

impl KeyFile {
    /// A key file for a new vault, with the passphrase and recovery slots filled.
    pub(crate) fn new(
        vault_id: Uuid,
        created_at: String,
        data_key: &DataKey,
        passphrase: &Passphrase,
        kdf: KdfParams,
        recovery_key: &WrappingKey,
    ) -> Result<KeyFile, VaultError> {
        let passphrase = PassphraseSlot::seal(vault_id, data_key, passphrase, kdf)?;
        let recovery = SealedSlot { wrapped: seal(vault_id, Slot::Recovery, recovery_key, data_key)? };
        Ok(KeyFile {
            format: FORMAT.to_owned(),
            version: VERSION,
            vault_id,
            created_at,
            passphrase,
            recovery,
            keyring: None,
            generation: 0,
            pending: None,
            recovery_unseen: false,
        })
    }

    pub(crate) fn read(path: &Path) -> Result<KeyFile, VaultError> {
        let text = fs::read_to_string(path).map_err(|source| {
            if source.kind() == std::io::ErrorKind::NotFound {
                VaultError::NotAVault { path: path.parent().unwrap_or(path).to_owned() }
            } else {
                VaultError::Io { path: path.to_owned(), source }
            }
        })?;
        Self::parse(path, &text)
    }

    pub(crate) fn parse(path: &Path, text: &str) -> Result<KeyFile, VaultError> {
        let malformed = |e: serde_json::Error| VaultError::KeyFileMalformed {
            path: path.to_owned(),
            line: e.line(),
            column: e.column(),
            detail: e.to_string(),
        };
        // Look at the header first, so a file from a newer Attune says so instead of failing
        // on whichever field changed.
        #[derive(Deserialize)]
        struct Header {
            format: Option<String>,
            version: Option<u32>,
        }
        let header: Header = serde_json::from_str(text).map_err(malformed)?;
        if header.format.as_deref() != Some(FORMAT) {
            return Err(VaultError::KeyFileInvalid {
                path: path.to_owned(),
                detail: format!("\"format\" is not \"{FORMAT}\""),
            });
        }
        match header.version {
            Some(VERSION) => {}
            Some(found) if found > VERSION => {
                return Err(VaultError::KeyFileTooNew { path: path.to_owned(), found, supported: VERSION });
            }
            other => {
                return Err(VaultError::KeyFileInvalid {
                    path: path.to_owned(),
                    detail: format!("unsupported \"version\": {other:?}"),
                });
            }
        }
        let file: KeyFile = serde_json::from_str(text).map_err(malformed)?;
        file.passphrase.kdf.check_stored(path)?;
        Ok(file)
    }

    /// Replaces the file at `path` atomically and owner-only, through [`crate::private_file`].
    pub(crate) fn write(&self, path: &Path) -> Result<(), VaultError> {
        let mut text = serde_json::to_string_pretty(self)
            .map_err(|e| VaultError::Io { path: path.to_owned(), source: e.into() })?;
        text.push('\n');
        crate::private_file::write(path, text.as_bytes())
            .map_err(|e| VaultError::Io { path: path.to_owned(), source: e.into_io() })
    }

    pub(crate) fn unwrap_with_passphrase(&self, passphrase: &Passphrase) -> Result<DataKey, VaultError> {
        let slot = &self.passphrase;
        let key = derive_argon2(slot.kdf, passphrase.expose_secret().as_bytes(), &slot.salt)?;
        open(self.vault_id, Slot::Passphrase, &key, &slot.wrapped).ok_or(VaultError::WrongPassphrase)
    }

    pub(crate) fn unwrap_with_recovery(&self, key: &WrappingKey) -> Result<DataKey, VaultError> {
        open(self.vault_id, Slot::Recovery, key, &self.recovery.wrapped).ok_or(VaultError::WrongRecoveryPhrase)
    }

    pub(crate) fn unwrap_with_device_key(&self, key: &WrappingKey) -> Result<DataKey, VaultError> {
        let slot = self.keyring.as_ref().ok_or(VaultError::KeyringNotEnabled)?;
        open(self.vault_id, Slot::Keyring, key, &slot.wrapped).ok_or(VaultError::KeyringMismatch)
    }

    pub(crate) fn set_passphrase(
        &mut self,
        data_key: &DataKey,
        passphrase: &Passphrase,
        kdf: KdfParams,
    ) -> Result<(), VaultError> {
        self.passphrase = PassphraseSlot::seal(self.vault_id, data_key, passphrase, kdf)?;
        Ok(())
    }

    pub(crate) fn set_device_key(&mut self, data_key: &DataKey, key: Option<&WrappingKey>) -> Result<(), VaultError> {
        self.keyring = match key {
            Some(key) => Some(SealedSlot { wrapped: seal(self.vault_id, Slot::Keyring, key, data_key)? }),
            None => None,
        };
        Ok(())
    }

    pub(crate) fn keyring_enabled(&self) -> bool {
        self.keyring.is_some()
    }

    /// The passphrase's wrapping key, checked against the current slot. One Argon2 derivation.
    pub(crate) fn passphrase_key(&self, passphrase: &Passphrase) -> Result<WrappingKey, VaultError> {
        let slot = &self.passphrase;
        let key = derive_argon2(slot.kdf, passphrase.expose_secret().as_bytes(), &slot.salt)?;
        open(self.vault_id, Slot::Passphrase, &key, &slot.wrapped).ok_or(VaultError::WrongPassphrase)?;
        Ok(key)
    }

    pub(crate) fn has_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// Records `next` as the pending data key, sealed by the passphrase's wrapping key and, when
    /// the keyring is on, by the device key. The envelopes carry the associated data of the
    /// current slots they will become (same wrapping key, same slot), so finishing the rotation
    /// moves them without needing the passphrase again.
    pub(crate) fn set_pending(
        &mut self,
        next: &DataKey,
        passphrase_key: &WrappingKey,
        device_key: Option<&WrappingKey>,
    ) -> Result<(), VaultError> {
        let keyring = match device_key {
            Some(key) => Some(seal(self.vault_id, Slot::Keyring, key, next)?),
            None => None,
        };
        self.pending =
            Some(PendingKey { passphrase: seal(self.vault_id, Slot::Passphrase, passphrase_key, next)?, keyring });
        Ok(())
    }

    pub(crate) fn clear_pending(&mut self) {
        self.pending = None;
    }

    /// The pending data key, through the same credentials as the current one. `Ok(None)` when
    /// no rotation is pending or the credential does not open the pending copy.
    pub(crate) fn pending_with_passphrase(&self, passphrase: &Passphrase) -> Result<Option<DataKey>, VaultError> {
        let Some(pending) = &self.pending else { return Ok(None) };
        let slot = &self.passphrase;
        let key = derive_argon2(slot.kdf, passphrase.expose_secret().as_bytes(), &slot.salt)?;
        Ok(open(self.vault_id, Slot::Passphrase, &key, &pending.passphrase))
    }

    pub(crate) fn pending_with_device_key(&self, key: &WrappingKey) -> Option<DataKey> {
        let sealed = self.pending.as_ref()?.keyring.as_ref()?;
        open(self.vault_id, Slot::Keyring, key, sealed)
    }

    /// Makes the pending key the data key: its copies become the passphrase and keyring slots,
    /// `recovery_key` seals `next` (the pending key, which the caller opened) in a new recovery
    /// slot, and the generation moves on. Fails when no rotation is pending.
    pub(crate) fn promote(
        &mut self,
        next: &DataKey,
        recovery_key: &WrappingKey,
        recovery_unseen: bool,
    ) -> Result<(), VaultError> {
        let pending = self.pending.take().ok_or(VaultError::Seal)?;
        self.passphrase.wrapped = pending.passphrase;
        self.keyring = pending.keyring.map(|wrapped| SealedSlot { wrapped });
        self.recovery = SealedSlot { wrapped: seal(self.vault_id, Slot::Recovery, recovery_key, next)? };
        self.generation += 1;
        self.recovery_unseen = recovery_unseen;
        Ok(())
    }

    /// A new recovery slot for `data_key`; the old phrase stops working.
    pub(crate) fn set_recovery(&mut self, data_key: &DataKey, recovery_key: &WrappingKey) -> Result<(), VaultError> {
        self.recovery = SealedSlot { wrapped: seal(self.vault_id, Slot::Recovery, recovery_key, data_key)? };
        self.recovery_unseen = false;
        Ok(())
    }

    pub(crate) fn kdf(&self) -> KdfParams {
        self.passphrase.kdf
    }

    /// The part of the key file every computer linked to one sync folder shares: the
    /// passphrase and recovery slots (the keyring slot belongs to one computer and stays out).
    /// As JSON text in the key file's own format, for the sync folder's copy.
    pub(crate) fn shared(&self) -> KeyFile {
        KeyFile { keyring: None, pending: None, ..self.clone() }
    }

    /// Takes the passphrase and recovery slots of `shared` (another computer's [`KeyFile::shared`]
    /// of the same vault and key generation), keeping this computer's keyring slot.
    pub(crate) fn adopt_shared(&mut self, shared: &KeyFile) -> Result<(), VaultError> {
        if shared.vault_id != self.vault_id || shared.generation != self.generation {
            return Err(VaultError::KeyReplaced { path: std::path::PathBuf::from(super::KEYS_FILE) });
        }
        self.passphrase = shared.passphrase.clone();
        self.recovery = shared.recovery.clone();
        self.recovery_unseen = shared.recovery_unseen;
        Ok(())
    }

    /// Whether the passphrase and recovery slots are the same as `other`'s.
    pub(crate) fn same_shared_slots(&self, other: &KeyFile) -> bool {
        let text = |k: &KeyFile| serde_json::to_string(&(&k.passphrase, &k.recovery)).unwrap_or_default();
        text(self) == text(other)
    }
}

/// The advisory lock on a vault's key file (`vault.keys.lock`, beside it), held while the file
/// is read, changed and written. Released when dropped, and by the operating system when the
/// process dies.
#[derive(Debug)]
pub(crate) struct KeyFileLock {
    _file: File,
}

impl KeyFileLock {
    /// Waits for the lock: another process holds it for one key-file write, or for the length
    /// of a key rotation.
    pub(crate) fn acquire(dir: &Path) -> Result<Self, VaultError> {
        let path = dir.join(LOCK_FILE);
        let io = |source| VaultError::Io { path: path.clone(), source };
        let mut options = File::options();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(&path).map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => file.lock().map_err(io)?,
            Err(TryLockError::Error(source)) => return Err(io(source)),
        }
        Ok(Self { _file: file })
    }
}

/// Changes the key file of the vault in `dir` as it is on disk now: under the lock, re-read,
/// `change`, write. `generation` is the key generation the caller unlocked; a file that no
/// longer wraps that key, or that holds an unfinished rotation, is refused untouched with
/// [`VaultError::KeyReplaced`]. Returns the file as written.
pub(crate) fn update(
    dir: &Path,
    generation: u64,
    change: impl FnOnce(&mut KeyFile) -> Result<(), VaultError>,
) -> Result<KeyFile, VaultError> {
    let _lock = KeyFileLock::acquire(dir)?;
    let path = dir.join(super::KEYS_FILE);
    let mut keys = KeyFile::read(&path)?;
    if keys.generation != generation || keys.pending.is_some() {
        return Err(VaultError::KeyReplaced { path: dir.to_owned() });
    }
    change(&mut keys)?;
    keys.write(&path)?;
    Ok(keys)
}

impl PassphraseSlot {
    fn seal(vault_id: Uuid, data_key: &DataKey, passphrase: &Passphrase, kdf: KdfParams) -> Result<Self, VaultError> {
        let mut salt = vec![0u8; SALT_LEN];
        getrandom::fill(&mut salt).map_err(VaultError::Random)?;
        let key = derive_argon2(kdf, passphrase.expose_secret().as_bytes(), &salt)?;
        let wrapped = seal(vault_id, Slot::Passphrase, &key, data_key)?;
        Ok(PassphraseSlot { kdf, salt, wrapped })
    }
}

fn associated_data(vault_id: Uuid, slot: Slot) -> String {
    format!("{FORMAT}/v{VERSION}/{vault_id}/{}", slot.name())
}

fn seal(vault_id: Uuid, slot: Slot, key: &WrappingKey, data_key: &DataKey) -> Result<Envelope, VaultError> {
    let mut nonce = [0u8; NONCE_LEN];
    getrandom::fill(&mut nonce).map_err(VaultError::Random)?;
    let cipher = XChaCha20Poly1305::new(&Key::from(*key.expose_secret()));
    let aad = associated_data(vault_id, slot);
    let ciphertext = cipher
        .encrypt(&XNonce::from(nonce), Payload { msg: data_key.expose_secret(), aad: aad.as_bytes() })
        .map_err(|_| VaultError::Seal)?;
    Ok(Envelope { nonce: nonce.to_vec(), ciphertext })
}

/// `None` when the key is wrong or the envelope was changed: AEAD cannot tell these apart.
fn open(vault_id: Uuid, slot: Slot, key: &WrappingKey, envelope: &Envelope) -> Option<DataKey> {
    let nonce: [u8; NONCE_LEN] = envelope.nonce.as_slice().try_into().ok()?;
    let cipher = XChaCha20Poly1305::new(&Key::from(*key.expose_secret()));
    let aad = associated_data(vault_id, slot);
    let plain = Zeroizing::new(
        cipher.decrypt(&XNonce::from(nonce), Payload { msg: &envelope.ciphertext, aad: aad.as_bytes() }).ok()?,
    );
    let bytes: [u8; KEY_LEN] = plain.as_slice().try_into().ok()?;
    Some(DataKey::from_bytes(Zeroizing::new(bytes)))
}

pub(crate) fn derive_argon2(params: KdfParams, secret: &[u8], salt: &[u8]) -> Result<WrappingKey, VaultError> {
    let argon_params = argon2::Params::new(params.m_kib, params.t, params.p, Some(KEY_LEN))
        .map_err(|e| VaultError::Kdf(e.to_string()))?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, argon_params);
    let mut out = Zeroizing::new([0u8; KEY_LEN]);
    argon.hash_password_into(secret, salt, out.as_mut()).map_err(|e| VaultError::Kdf(e.to_string()))?;
    Ok(WrappingKey::from_bytes(out))
}

mod b64 {
    use super::BASE64;
    use base64::Engine;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&BASE64.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        BASE64.decode(text.as_bytes()).map_err(serde::de::Error::custom)
    }
}

/// Writes `bytes` to `path` through the one private-file writer (owner-only, atomic, flushed),
/// with the error as an `io::Error` for callers that carry one.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    crate::private_file::write(path, bytes).map_err(crate::private_file::PrivateFileError::into_io)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Cheap parameters: these tests are about wrapping, not about Argon2's cost.
    const FAST: KdfParams = KdfParams { m_kib: 64, t: 1, p: 1 };

    fn sample() -> (KeyFile, DataKey, WrappingKey) {
        let data_key = DataKey::generate().unwrap();
        let recovery = WrappingKey::generate().unwrap();
        let pass = Passphrase::new("a long enough passphrase".into());
        let file =
            KeyFile::new(Uuid::now_v7(), "2026-01-01T00:00:00Z".into(), &data_key, &pass, FAST, &recovery).unwrap();
        (file, data_key, recovery)
    }

    #[test]
    fn passphrase_and_recovery_both_unwrap_the_same_key() {
        let (file, data_key, recovery) = sample();
        let via_pass = file.unwrap_with_passphrase(&Passphrase::new("a long enough passphrase".into())).unwrap();
        let via_recovery = file.unwrap_with_recovery(&recovery).unwrap();
        assert_eq!(via_pass.expose_secret(), data_key.expose_secret());
        assert_eq!(via_recovery.expose_secret(), data_key.expose_secret());
    }

    #[test]
    fn wrong_passphrase_is_reported_as_such() {
        let (file, _, _) = sample();
        let err = file.unwrap_with_passphrase(&Passphrase::new("not the passphrase".into())).unwrap_err();
        assert!(matches!(err, VaultError::WrongPassphrase), "got {err:?}");
    }

    #[test]
    fn a_slot_cannot_be_moved_to_another_slot_or_vault() {
        let (mut file, _, recovery) = sample();
        // The recovery envelope pasted into the keyring slot must not open with the recovery key.
        file.keyring = Some(file.recovery.clone());
        assert!(matches!(file.unwrap_with_device_key(&recovery), Err(VaultError::KeyringMismatch)));
        // Nor may the envelope open under another vault id.
        file.vault_id = Uuid::now_v7();
        assert!(matches!(file.unwrap_with_recovery(&recovery), Err(VaultError::WrongRecoveryPhrase)));
    }

    #[test]
    fn round_trips_through_json_and_rejects_newer_versions() {
        let (file, data_key, recovery) = sample();
        let text = serde_json::to_string(&file).unwrap();
        let back = KeyFile::parse(Path::new("vault.keys"), &text).unwrap();
        assert_eq!(back.unwrap_with_recovery(&recovery).unwrap().expose_secret(), data_key.expose_secret());

        let newer = text.replace("\"version\":1", "\"version\":2");
        let err = KeyFile::parse(Path::new("vault.keys"), &newer).unwrap_err();
        assert!(matches!(err, VaultError::KeyFileTooNew { found: 2, .. }), "got {err:?}");
    }

    #[test]
    fn malformed_key_file_names_line_and_column() {
        let err = KeyFile::parse(Path::new("/v/vault.keys"), "{\n  \"format\": \"attune-vault-keys\",\n  oops\n}")
            .unwrap_err();
        match err {
            VaultError::KeyFileMalformed { line, column, ref path, .. } => {
                assert_eq!((line, column), (3, 3), "position of the stray word");
                assert_eq!(path, Path::new("/v/vault.keys"));
            }
            other => panic!("expected KeyFileMalformed, got {other:?}"),
        }
    }

    #[test]
    fn tampered_kdf_parameters_are_refused_before_any_work() {
        let (file, _, _) = sample();
        let text = serde_json::to_string(&file).unwrap().replace("\"m_kib\":64", "\"m_kib\":4000000000");
        let err = KeyFile::parse(Path::new("vault.keys"), &text).unwrap_err();
        assert!(matches!(err, VaultError::KeyFileInvalid { .. }), "got {err:?}");
    }

    #[test]
    fn weak_fixed_parameters_are_refused_for_new_vaults() {
        let err = KdfChoice::Fixed(FAST).resolve().unwrap_err();
        assert!(matches!(err, VaultError::KdfTooWeak { .. }));
    }

    #[test]
    fn the_key_file_is_replaced_whole_and_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.keys");
        fs::write(&path, "an older key file, longer than any new one ".repeat(100)).unwrap();
        let (file, _, _) = sample();
        file.write(&path).unwrap();
        let back = KeyFile::read(&path).unwrap();
        assert_eq!(back.vault_id, file.vault_id, "the file reads back as written");
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temp files may remain");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600, "owner-only");
        }
    }

    #[test]
    fn a_never_rotated_key_file_is_written_exactly_as_version_1_was() {
        let (file, _, _) = sample();
        let text = serde_json::to_string(&file).unwrap();
        for field in ["generation", "pending", "recovery_unseen"] {
            assert!(!text.contains(field), "{field} must be absent until a rotation: {text}");
        }
        let back = KeyFile::parse(Path::new("vault.keys"), &text).unwrap();
        assert_eq!((back.generation, back.has_pending(), back.recovery_unseen), (0, false, false));
    }

    #[test]
    fn update_rereads_the_file_and_refuses_a_replaced_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(super::super::KEYS_FILE);
        let (file, data_key, _) = sample();
        file.write(&path).unwrap();
        // Someone else turns the keyring on; a stale copy without it changes the passphrase.
        let device = WrappingKey::generate().unwrap();
        update(dir.path(), 0, |keys| keys.set_device_key(&data_key, Some(&device))).unwrap();
        let new = Passphrase::new("another long passphrase".into());
        let written = update(dir.path(), 0, |keys| keys.set_passphrase(&data_key, &new, FAST)).unwrap();
        assert!(written.keyring_enabled(), "the other writer's change is kept");
        assert!(KeyFile::read(&path).unwrap().unwrap_with_passphrase(&new).is_ok());

        let err = update(dir.path(), 1, |_| Ok(())).unwrap_err();
        assert!(matches!(err, VaultError::KeyReplaced { .. }), "got {err:?}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]
        #[test]
        fn any_key_round_trips_through_seal_and_open(bytes in proptest::array::uniform32(any::<u8>())) {
            let vault_id = Uuid::now_v7();
            let wrapping = WrappingKey::generate().unwrap();
            let data_key = DataKey::from_bytes(Zeroizing::new(bytes));
            let envelope = seal(vault_id, Slot::Keyring, &wrapping, &data_key).unwrap();
            let back = open(vault_id, Slot::Keyring, &wrapping, &envelope).unwrap();
            prop_assert_eq!(back.expose_secret(), &bytes);
            let mut flipped = envelope.clone();
            flipped.ciphertext[0] ^= 1;
            prop_assert!(open(vault_id, Slot::Keyring, &wrapping, &flipped).is_none());
        }
    }
}
