//! The names packs use for themselves and their parts: kebab-case ids, checked once.
//!
//! Ids end up in saved entries (`exercise_id`, the keys of `answers`) and in score references
//! like `time.say-no`, so they must stay plain: lower-case ASCII letters and digits in words
//! joined by single hyphens, never a dot (the dot separates a step from its item).

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The longest id a pack may use, in characters.
pub const MAX_ID_CHARS: usize = 64;

/// Why a string is not an id; `None` when it is one.
pub(crate) fn id_problem(text: &str) -> Option<&'static str> {
    if text.is_empty() {
        return Some("it is empty");
    }
    if text.len() > MAX_ID_CHARS {
        return Some("it is longer than 64 characters");
    }
    if !text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        return Some("use only a-z, 0-9 and '-' (kebab-case)");
    }
    if text.starts_with('-') || text.ends_with('-') || text.contains("--") {
        return Some("hyphens go between words, one at a time");
    }
    None
}

/// The error of `TryFrom<String>` for the id types: the text and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("\"{text}\" is not an id: {reason}")]
pub struct BadId {
    pub text: String,
    pub reason: &'static str,
}

macro_rules! kebab_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
        #[serde(try_from = "String", into = "String")]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
        pub struct $name(String);

        impl $name {
            /// The id as written in the pack.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = BadId;
            fn try_from(text: String) -> Result<Self, BadId> {
                match id_problem(&text) {
                    None => Ok(Self(text)),
                    Some(reason) => Err(BadId { text, reason }),
                }
            }
        }

        impl TryFrom<&str> for $name {
            type Error = BadId;
            fn try_from(text: &str) -> Result<Self, BadId> {
                Self::try_from(text.to_owned())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

kebab_id!(
    /// A pack's id, e.g. `shadow-work`. Saved entries keep it, so it never changes once published.
    PackId
);
kebab_id!(
    /// A step's id within its pack, e.g. `trigger`. The key of the step's answer.
    StepId
);
kebab_id!(
    /// A score's id within its pack, e.g. `time`. Pattern rules name scores by it.
    ScoreId
);

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("shadow-work")]
    #[case("a")]
    #[case("step-2")]
    #[case("42")]
    fn kebab_case_ids_are_accepted(#[case] text: &str) {
        assert_eq!(id_problem(text), None, "{text} should be an id");
    }

    #[rstest]
    #[case("")]
    #[case("Shadow")]
    #[case("two words")]
    #[case("step.item")]
    #[case("snake_case")]
    #[case("-lead")]
    #[case("trail-")]
    #[case("double--hyphen")]
    #[case("ünï")]
    fn other_strings_are_refused(#[case] text: &str) {
        assert!(id_problem(text).is_some(), "{text:?} should not be an id");
        assert!(StepId::try_from(text).is_err());
    }

    #[test]
    fn an_overlong_id_is_refused() {
        assert!(id_problem(&"a".repeat(MAX_ID_CHARS)).is_none());
        assert!(id_problem(&"a".repeat(MAX_ID_CHARS + 1)).is_some());
    }

    #[test]
    fn ids_serialize_as_plain_strings_and_refuse_bad_ones() {
        let id: PackId = serde_json::from_str("\"gratitude\"").unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"gratitude\"");
        assert!(serde_json::from_str::<PackId>("\"Gratitude\"").is_err());
    }
}
