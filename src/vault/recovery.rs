//! The recovery phrase: 24 BIP-39 words that carry 256 random bits, shown once at creation.
//!
//! The words are the last way into a vault when the passphrase is forgotten. They hold full
//! key strength, so the wrapping key comes from them by HKDF-SHA256 (bound to the vault id),
//! without a slow password hash.

use std::fmt;

use hkdf::Hkdf;
use sha2::Sha256;
use uuid::Uuid;
use zeroize::Zeroizing;

use super::error::VaultError;
use super::secret::{KEY_LEN, WrappingKey};

pub const WORD_COUNT: usize = 24;

/// The 24 words, lower case, separated by single spaces. Wiped on drop.
pub struct RecoveryPhrase {
    entropy: Zeroizing<[u8; KEY_LEN]>,
    words: Zeroizing<String>,
}

impl RecoveryPhrase {
    pub(crate) fn generate() -> Result<Self, VaultError> {
        let mut entropy = Zeroizing::new([0u8; KEY_LEN]);
        getrandom::fill(entropy.as_mut()).map_err(VaultError::Random)?;
        let mnemonic = bip39::Mnemonic::from_entropy(entropy.as_ref())
            .map_err(|e| VaultError::InvalidRecoveryPhrase { detail: e.to_string() })?;
        Ok(Self { entropy, words: Zeroizing::new(mnemonic.to_string()) })
    }

    /// Reads a phrase as a person would type it: any spacing, any case, line breaks allowed.
    pub fn parse(text: &str) -> Result<Self, VaultError> {
        // Built in one zeroizing buffer: no copy of a word is left behind in freed memory.
        let mut normalised = Zeroizing::new(String::with_capacity(text.len()));
        for word in text.split_whitespace() {
            if !normalised.is_empty() {
                normalised.push(' ');
            }
            normalised.extend(word.chars().flat_map(char::to_lowercase));
        }
        let count = normalised.split(' ').filter(|w| !w.is_empty()).count();
        if count != WORD_COUNT {
            return Err(VaultError::InvalidRecoveryPhrase {
                detail: format!("expected {WORD_COUNT} words, found {count}"),
            });
        }
        let mnemonic = bip39::Mnemonic::parse_in_normalized(bip39::Language::English, &normalised).map_err(|e| {
            let detail = match e {
                // Which word, never the word itself: an error may be shown, logged or sent on,
                // and a mistyped word is most of a correct one.
                bip39::Error::UnknownWord(index) => {
                    format!("word {} is not in the recovery word list", index + 1)
                }
                bip39::Error::InvalidChecksum => {
                    "the words do not fit together (checksum failed): check for a swapped or mistyped word".to_owned()
                }
                other => other.to_string(),
            };
            VaultError::InvalidRecoveryPhrase { detail }
        })?;
        let bytes = Zeroizing::new(mnemonic.to_entropy());
        let entropy: [u8; KEY_LEN] = bytes.as_slice().try_into().map_err(|_| VaultError::InvalidRecoveryPhrase {
            detail: "the phrase does not carry 256 bits".to_owned(),
        })?;
        Ok(Self { entropy: Zeroizing::new(entropy), words: Zeroizing::new(mnemonic.to_string()) })
    }

    /// The words, to show once or print on the recovery sheet.
    pub fn expose_secret(&self) -> &str {
        &self.words
    }

    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.words.split(' ')
    }

    pub(crate) fn wrapping_key(&self, vault_id: Uuid) -> Result<WrappingKey, VaultError> {
        let hk = Hkdf::<Sha256>::new(Some(vault_id.as_bytes()), self.entropy.as_ref());
        let mut out = Zeroizing::new([0u8; KEY_LEN]);
        hk.expand(b"attune/recovery-wrap/v1", out.as_mut())
            .map_err(|_| VaultError::Kdf("HKDF output length".to_owned()))?;
        Ok(WrappingKey::from_bytes(out))
    }
}

impl fmt::Debug for RecoveryPhrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryPhrase(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[test]
    fn generated_phrase_parses_back_to_the_same_key() {
        let phrase = RecoveryPhrase::generate().unwrap();
        assert_eq!(phrase.words().count(), WORD_COUNT);
        let typed = phrase.expose_secret().to_uppercase().replace(' ', "  \n ");
        let back = RecoveryPhrase::parse(&typed).unwrap();
        let id = Uuid::now_v7();
        assert_eq!(
            phrase.wrapping_key(id).unwrap().expose_secret(),
            back.wrapping_key(id).unwrap().expose_secret(),
            "case and spacing must not matter"
        );
    }

    #[test]
    fn a_mistyped_word_is_named_by_its_place_never_echoed() {
        let phrase = RecoveryPhrase::generate().unwrap();
        let mut words: Vec<String> = phrase.words().map(str::to_owned).collect();
        words[6] = "lanternx".to_owned();
        let err = RecoveryPhrase::parse(&words.join(" ")).unwrap_err().to_string();
        assert!(err.contains("word 7"), "the place is named: {err}");
        assert!(!err.contains("lanternx"), "the mistyped word is not repeated: {err}");
    }

    #[test]
    fn wrapping_key_depends_on_the_vault() {
        let phrase = RecoveryPhrase::generate().unwrap();
        let a = phrase.wrapping_key(Uuid::now_v7()).unwrap();
        let b = phrase.wrapping_key(Uuid::now_v7()).unwrap();
        assert_ne!(a.expose_secret(), b.expose_secret());
    }

    #[rstest]
    #[case::too_few("abandon abandon abandon", "expected 24 words, found 3")]
    #[case::unknown_word(&format!("{} zzzz", ["abandon"; 23].join(" ")), "word 24 is not in the recovery word list")]
    #[case::checksum(&["abandon"; 24].join(" "), "checksum failed")]
    fn bad_phrases_say_what_is_wrong(#[case] text: &str, #[case] expected: &str) {
        let err = RecoveryPhrase::parse(text).unwrap_err();
        let message = err.to_string();
        assert!(message.contains(expected), "expected {expected:?} in {message:?}");
    }
}
