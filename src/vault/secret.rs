//! Secret types: the data key, the key that wraps it, and the passphrase.
//!
//! Invariants: none of these types can be cloned, serialised or printed; each wipes its bytes
//! when dropped; the bytes leave the type only through one loudly named accessor. They never
//! cross the IPC boundary and never reach a log.

use std::fmt;

use zeroize::Zeroizing;

/// Length in bytes of every symmetric key in the vault.
pub const KEY_LEN: usize = 32;

/// The random 256-bit key that opens the SQLCipher database. Never stored in the clear.
pub struct DataKey(Zeroizing<[u8; KEY_LEN]>);

impl DataKey {
    /// A new key from the operating system's CSPRNG.
    pub(crate) fn generate() -> Result<Self, getrandom::Error> {
        random_bytes().map(Self)
    }

    pub(crate) fn from_bytes(bytes: Zeroizing<[u8; KEY_LEN]>) -> Self {
        Self(bytes)
    }

    /// The raw key bytes. Only the key wrapping and the store's `PRAGMA key` may call this.
    pub(crate) fn expose_secret(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// The SQLCipher raw-key literal `x'…'` (64 hex digits), in a buffer wiped on drop.
    pub(crate) fn sqlcipher_literal(&self) -> Zeroizing<String> {
        let mut out = Zeroizing::new(String::with_capacity(3 + 2 * KEY_LEN));
        out.push_str("x'");
        push_hex(&mut out, self.expose_secret());
        out.push('\'');
        out
    }
}

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DataKey(<redacted>)")
    }
}

/// A key that wraps the data key: derived from a passphrase or a recovery phrase, or a random
/// device key kept in the OS keyring.
pub(crate) struct WrappingKey(Zeroizing<[u8; KEY_LEN]>);

impl WrappingKey {
    pub(crate) fn from_bytes(bytes: Zeroizing<[u8; KEY_LEN]>) -> Self {
        Self(bytes)
    }

    pub(crate) fn generate() -> Result<Self, getrandom::Error> {
        random_bytes().map(Self)
    }

    pub(crate) fn expose_secret(&self) -> &[u8; KEY_LEN] {
        &self.0
    }
}

impl fmt::Debug for WrappingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WrappingKey(<redacted>)")
    }
}

/// A passphrase as the person typed it.
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// Shortest passphrase accepted for a new vault or a passphrase change.
    pub const MIN_CHARS: usize = 8;

    pub fn new(text: String) -> Self {
        Self(Zeroizing::new(text))
    }

    /// The passphrase text. Only key derivation and strength checks may call this.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    pub fn char_count(&self) -> usize {
        self.0.chars().count()
    }
}

impl From<String> for Passphrase {
    fn from(text: String) -> Self {
        Self::new(text)
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(<redacted>)")
    }
}

fn random_bytes() -> Result<Zeroizing<[u8; KEY_LEN]>, getrandom::Error> {
    let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
    getrandom::fill(bytes.as_mut())?;
    Ok(bytes)
}

fn push_hex(out: &mut String, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_shows_key_bytes() {
        let key = DataKey::from_bytes(Zeroizing::new([0xab; KEY_LEN]));
        let shown = format!("{key:?}");
        assert!(!shown.contains("ab"), "Debug of a DataKey must be redacted, got {shown}");
        let pass = Passphrase::new("correct horse".into());
        assert_eq!(format!("{pass:?}"), "Passphrase(<redacted>)");
    }

    #[test]
    fn sqlcipher_literal_is_raw_hex_key() {
        let key = DataKey::from_bytes(Zeroizing::new([0x0f; KEY_LEN]));
        let literal = key.sqlcipher_literal();
        assert_eq!(literal.len(), 67, "x'' around 64 hex digits");
        assert!(literal.starts_with("x'0f0f") && literal.ends_with("0f'"));
    }

    #[test]
    fn generated_keys_differ() {
        let a = DataKey::generate().unwrap();
        let b = DataKey::generate().unwrap();
        assert_ne!(a.expose_secret(), b.expose_secret(), "two fresh keys must not collide");
    }
}
