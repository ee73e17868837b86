//! The OS keyring, for "unlock automatically on this device".
//!
//! What is stored there is a random device key, not the data key: the key file holds the data
//! key wrapped under it, so turning the feature off only needs the key file to forget that slot.
//! The native store of each OS is compiled in (Keychain, Credential Manager, Secret Service);
//! there is never a silent in-memory fallback. Where no keyring answers, the error says so and
//! the passphrase keeps working.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use zeroize::Zeroizing;

use super::secret::{KEY_LEN, WrappingKey};

/// The service name under which Attune's device keys are stored.
pub const SERVICE: &str = "org.attune.journal";

#[derive(Debug, thiserror::Error)]
pub enum KeyringError {
    /// No keyring service is reachable, or it is locked: use the passphrase.
    #[error("no system keyring is available on this device ({0}); the passphrase still works")]
    Unavailable(String),
    #[error("the system keyring refused the request: {0}")]
    Failed(String),
    #[error("the system keyring holds a value for this vault that is not an Attune device key")]
    BadSecret,
}

/// A place that keeps one secret per account. The OS keyring in the app and the CLI; tests of
/// code above it may pass a map.
pub trait SecretStore {
    /// `Ok(None)` when nothing is stored for `account`.
    fn get(&self, account: &str) -> Result<Option<Zeroizing<String>>, KeyringError>;
    fn set(&self, account: &str, secret: &str) -> Result<(), KeyringError>;
    /// Succeeds when nothing was stored.
    fn delete(&self, account: &str) -> Result<(), KeyringError>;
}

/// The operating system's keyring, through the `keyring` crate.
#[derive(Clone, Copy, Default)]
pub struct OsKeyring;

impl fmt::Debug for OsKeyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("OsKeyring")
    }
}

impl OsKeyring {
    fn entry(account: &str) -> Result<keyring::Entry, KeyringError> {
        keyring::Entry::new(SERVICE, account).map_err(map_error)
    }
}

impl SecretStore for OsKeyring {
    fn get(&self, account: &str) -> Result<Option<Zeroizing<String>>, KeyringError> {
        match Self::entry(account)?.get_password() {
            Ok(secret) => Ok(Some(Zeroizing::new(secret))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_error(e)),
        }
    }

    fn set(&self, account: &str, secret: &str) -> Result<(), KeyringError> {
        Self::entry(account)?.set_password(secret).map_err(map_error)
    }

    fn delete(&self, account: &str) -> Result<(), KeyringError> {
        match Self::entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_error(e)),
        }
    }
}

fn map_error(e: keyring::Error) -> KeyringError {
    match e {
        keyring::Error::PlatformFailure(inner) => KeyringError::Unavailable(inner.to_string()),
        keyring::Error::NoStorageAccess(inner) => KeyringError::Unavailable(inner.to_string()),
        other => KeyringError::Failed(other.to_string()),
    }
}

pub(crate) fn account_for(vault_id: uuid::Uuid) -> String {
    format!("vault-{vault_id}")
}

pub(crate) fn encode_device_key(key: &WrappingKey) -> Zeroizing<String> {
    Zeroizing::new(BASE64.encode(key.expose_secret()))
}

pub(crate) fn decode_device_key(text: &str) -> Result<WrappingKey, KeyringError> {
    let bytes = Zeroizing::new(BASE64.decode(text.trim().as_bytes()).map_err(|_| KeyringError::BadSecret)?);
    let array: [u8; KEY_LEN] = bytes.as_slice().try_into().map_err(|_| KeyringError::BadSecret)?;
    Ok(WrappingKey::from_bytes(Zeroizing::new(array)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_key_text_round_trips_and_rejects_other_values() {
        let key = WrappingKey::generate().unwrap();
        let text = encode_device_key(&key);
        assert_eq!(decode_device_key(&text).unwrap().expose_secret(), key.expose_secret());
        assert!(matches!(decode_device_key("hunter2"), Err(KeyringError::BadSecret)));
    }
}
