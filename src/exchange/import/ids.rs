//! Deterministic entry ids for imported entries, so importing the same source twice adds
//! nothing: the journal already skips ids it has, and no migration is needed.
//!
//! An id is a valid UUID v7: its 48-bit time is the entry's creation time (so imported entries
//! sort among the others like any entry), and its 74 "random" bits are the start of a SHA-256 of
//! the importer's name and the source's own key for the entry (Day One's uuid, or without one
//! its creation instant and text; for jrnl the date, time and text; for Markdown the file's
//! relative path and date).

use sha2::{Digest, Sha256};

use crate::journal::EntryId;
use crate::time::Timestamp;

/// The id of an imported entry. `source` names the importer ("dayone", "jrnl", "markdown");
/// `key` is what identifies the entry in that source, in parts (each is length-prefixed, so
/// `["ab", "c"]` and `["a", "bc"]` differ).
pub fn derive(source: &str, key: &[&[u8]], created_at: &Timestamp) -> EntryId {
    let mut hash = Sha256::new();
    hash.update(b"attune-import-id\0");
    hash.update((source.len() as u64).to_le_bytes());
    hash.update(source.as_bytes());
    for part in key {
        hash.update((part.len() as u64).to_le_bytes());
        hash.update(part);
    }
    let digest = hash.finalize();
    let mut random = [0u8; 10];
    random.copy_from_slice(&digest[..10]);
    // UUID v7 holds 48 bits of Unix milliseconds; entries before 1970 get time 0.
    let millis = u64::try_from(created_at.timestamp_millis()).unwrap_or(0).min((1 << 48) - 1);
    EntryId::from_uuid(uuid::Builder::from_unix_timestamp_millis(millis, &random).into_uuid())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_timestamp;

    #[test]
    fn ids_are_stable_v7_with_the_entry_time() {
        let at = parse_timestamp("t", "2024-03-05T20:15:00+01:00").unwrap();
        let a = derive("dayone", &[b"0123456789ABCDEF0123456789ABCDEF"], &at);
        let b = derive("dayone", &[b"0123456789ABCDEF0123456789ABCDEF"], &at);
        assert_eq!(a, b, "the same source gives the same id");
        let uuid = a.as_uuid();
        assert_eq!(uuid.get_version_num(), 7);
        assert_eq!(uuid.get_variant(), uuid::Variant::RFC4122);
        let (secs, _) = uuid.get_timestamp().unwrap().to_unix();
        assert_eq!(secs as i64, at.timestamp(), "the id's time is the entry's creation time");
    }

    #[test]
    fn sources_and_key_parts_are_kept_apart() {
        let at = parse_timestamp("t", "2024-03-05T20:15:00Z").unwrap();
        assert_ne!(derive("jrnl", &[b"x"], &at), derive("markdown", &[b"x"], &at));
        assert_ne!(derive("jrnl", &[b"ab", b"c"], &at), derive("jrnl", &[b"a", b"bc"], &at));
        let before_1970 = parse_timestamp("t", "1969-07-20T20:17:00Z").unwrap();
        assert_eq!(derive("jrnl", &[b"x"], &before_1970).as_uuid().get_version_num(), 7);
    }
}
