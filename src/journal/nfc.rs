//! One Unicode form for everything a person writes: Normalization Form C (NFC).
//!
//! The same word can reach Attune as different code points: "coração" typed on most keyboards
//! is composed (`ç` U+00E7, `ã` U+00E3), while a macOS file name or some input methods give it
//! decomposed (`c` + U+0327 COMBINING CEDILLA, `a` + U+0303 COMBINING TILDE); Korean can arrive
//! as precomposed syllables (`한` U+D55C) or as conjoining jamo (U+1112 U+1161 U+11AB). Both
//! forms are *canonically equivalent*: they mean the same text and display the same (Unicode
//! Standard Annex #15, "Unicode Normalization Forms", <https://unicode.org/reports/tr15/>). The
//! search tokenizer (FTS5 `unicode61`) compares code points, not meaning, and treats combining
//! marks as separators, so a decomposed word would never find its composed twin.
//!
//! So the journal stores titles, bodies, exercise answers, tags and people's names in NFC, and
//! a search query is brought to NFC before it becomes an FTS5 query, as the W3C recommends for
//! matching text ("Character Model for the World Wide Web: String Matching", section 2.1,
//! <https://www.w3.org/TR/charmod-norm/>). NFC, not NFKC: compatibility forms (`ﬁ`, `²`, full-width
//! letters) are kept as written, since NFKC can change what the text means.
//!
//! Vaults written before this (schema 6 and older) are brought to NFC by migration 8 through
//! the SQL function [`SQL_FUNCTION`], which the store registers on every connection.

use std::borrow::Cow;

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;
use rusqlite::types::{Value, ValueRef};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// The SQL scalar function `attune_nfc(text)`: its argument in NFC; any other value (NULL,
/// numbers, blobs) unchanged; NULL for text that is not UTF-8 (only a damaged row could hold
/// it), so `coalesce(attune_nfc(x), x)` leaves such a value exactly as it is.
pub(crate) const SQL_FUNCTION: &str = "attune_nfc";

/// `text` in Unicode Normalization Form C; borrowed when it already is (the usual case, checked
/// with the standard's quick check, one pass and no allocation).
pub(crate) fn nfc(text: &str) -> Cow<'_, str> {
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        IsNormalized::No | IsNormalized::Maybe => {
            let normal: String = text.nfc().collect();
            if normal == text { Cow::Borrowed(text) } else { Cow::Owned(normal) }
        }
    }
}

/// `text` in NFC, owned.
pub(crate) fn nfc_string(text: String) -> String {
    match nfc(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(normal) => normal,
    }
}

/// Brings every string of a JSON value (exercise answers) to NFC, in place. Object keys are
/// step ids that Attune writes; they are left as they are.
pub(crate) fn nfc_json(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) => {
            if let Cow::Owned(normal) = nfc(s) {
                *s = normal;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(nfc_json),
        serde_json::Value::Object(map) => map.values_mut().for_each(nfc_json),
        serde_json::Value::Null | serde_json::Value::Bool(_) | serde_json::Value::Number(_) => {}
    }
}

/// Registers [`SQL_FUNCTION`] on `conn`: deterministic (same input, same output, so SQLite may
/// use it anywhere) and innocuous (no side effects). Migration 8 applies it to stored text.
///
/// Applied to a whole JSON document, NFC changes only the characters inside its strings: the
/// JSON syntax characters (`{ } [ ] : , "` and white space) are starters that compose with
/// no following mark, so no composition or reordering crosses them, and Attune writes non-ASCII
/// characters raw, never as `\u` escapes. The result is the JSON [`nfc_json`] gives.
///
/// # Errors
/// SQLite's, if the function cannot be added to the connection.
pub(crate) fn register(conn: &Connection) -> rusqlite::Result<()> {
    // Not UTF-8 (a damaged row): no answer, so SQL can keep it as it is.
    register_text_function(conn, SQL_FUNCTION, |text| nfc(text).into_owned(), |_| Value::Null)
}

/// Registers a deterministic, innocuous SQL function of one argument that maps text with
/// `on_text`, a value not valid UTF-8 with `on_invalid`, and passes any other value through.
/// Deterministic and innocuous, as indexes, views and triggers need it to give the same value
/// for the same row every time.
///
/// # Errors
/// SQLite's, if the function cannot be added to the connection.
pub(crate) fn register_text_function(
    conn: &Connection,
    name: &str,
    on_text: impl Fn(&str) -> String + Send + 'static,
    on_invalid: impl Fn(&[u8]) -> Value + Send + 'static,
) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        name,
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_INNOCUOUS,
        move |ctx| {
            Ok(match ctx.get_raw(0) {
                ValueRef::Text(bytes) => match std::str::from_utf8(bytes) {
                    Ok(text) => Value::Text(on_text(text)),
                    Err(_) => on_invalid(bytes),
                },
                ValueRef::Null => Value::Null,
                ValueRef::Integer(i) => Value::Integer(i),
                ValueRef::Real(r) => Value::Real(r),
                ValueRef::Blob(b) => Value::Blob(b.to_vec()),
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::cedilla_and_tilde("corac\u{327}a\u{303}o", "coração")]
    #[case::tilde_n("nin\u{303}o", "niño")]
    #[case::circumflex("voce\u{302}", "você")]
    #[case::hangul_jamo("\u{1112}\u{1161}\u{11ab}\u{1100}\u{116e}\u{11a8}\u{110b}\u{1165}", "한국어")]
    #[case::already_composed("mañana", "mañana")]
    fn decomposed_text_becomes_composed(#[case] input: &str, #[case] expected: &str) {
        assert_ne!(input.len(), 0);
        assert_eq!(nfc(input), expected);
        assert_eq!(nfc_string(input.to_owned()), expected);
    }

    #[test]
    fn composed_text_is_borrowed_and_compatibility_forms_stay() {
        assert!(matches!(nfc("coração ﬁne ²"), Cow::Borrowed("coração ﬁne ²")));
    }

    #[test]
    fn json_strings_are_normalised_keys_and_numbers_kept() {
        let mut value =
            serde_json::json!({"moment": {"text": "corac\u{327}a\u{303}o"}, "n": 3, "list": ["nin\u{303}o"]});
        nfc_json(&mut value);
        assert_eq!(value, serde_json::json!({"moment": {"text": "coração"}, "n": 3, "list": ["niño"]}));
    }

    #[test]
    fn the_sql_function_normalises_text_and_passes_other_values() -> rusqlite::Result<()> {
        let conn = Connection::open_in_memory()?;
        register(&conn)?;
        let (text, null, number): (String, Option<String>, i64) =
            conn.query_row("SELECT attune_nfc(?1), attune_nfc(NULL), attune_nfc(7)", ["corac\u{327}a\u{303}o"], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        assert_eq!((text.as_str(), null, number), ("coração", None, 7));
        // A JSON document normalised whole equals the same document with each string normalised.
        let raw = serde_json::json!({"a": ["corac\u{327}a\u{303}o", "\u{301}start"], "b": "x\u{338}"}).to_string();
        let whole: String = conn.query_row("SELECT attune_nfc(?1)", [&raw], |r| r.get(0))?;
        let mut parsed: serde_json::Value =
            serde_json::from_str(&raw).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        nfc_json(&mut parsed);
        assert_eq!(whole, parsed.to_string());
        Ok(())
    }

    mod vault {
        #![allow(clippy::unwrap_used)]

        use chrono::DateTime;
        use unicode_normalization::UnicodeNormalization;

        use crate::journal::{EntryId, Journal, NewEntry, SearchQuery};
        use crate::time::FixedClock;
        use crate::{Credential, KdfChoice, KdfParams, Passphrase, Vault};

        const PASS: &str = "a passphrase for the normal form";

        fn clock() -> Box<FixedClock> {
            Box::new(FixedClock(DateTime::parse_from_rfc3339("2026-05-01T20:00:00+02:00").unwrap()))
        }

        fn nfd(text: &str) -> String {
            text.nfd().collect()
        }

        fn found(journal: &Journal<'_>, query: &str) -> Vec<EntryId> {
            journal.search(&SearchQuery::new(query)).unwrap().hits.into_iter().map(|h| h.entry.id).collect()
        }

        /// A schema-6 vault held text as it was typed. Build one: a current vault whose rows are
        /// set to decomposed text behind the journal's back (the index triggers follow, as they
        /// did then), with one tag and one person in both forms, then marked as version 6.
        #[test]
        fn migration_8_brings_a_schema_6_vault_to_nfc() {
            let dir = tempfile::tempdir().unwrap();
            let pass = Passphrase::new(PASS.into());
            let (a, b, updated_at) = {
                let vault = Vault::create_with_clock(dir.path(), &pass, KdfChoice::Fixed(KdfParams::MINIMUM), clock())
                    .unwrap()
                    .0;
                let journal = vault.journal();
                let a = journal
                    .create(NewEntry {
                        title: "niño".into(),
                        body: "o coração de você".into(),
                        tags: vec!["coração".into()],
                        people: vec!["Inês".into()],
                        ..NewEntry::default()
                    })
                    .unwrap();
                let b = journal.create(NewEntry { body: "한국어 공부".into(), ..NewEntry::default() }).unwrap();
                let conn = journal.store();
                conn.execute(
                    "UPDATE entries SET title = ?2, body = ?3 WHERE id = ?1",
                    rusqlite::params![a.id.to_string(), nfd("niño"), nfd("o coração de você")],
                )
                .unwrap();
                conn.execute(
                    "UPDATE entries SET body = ?2 WHERE id = ?1",
                    rusqlite::params![b.id.to_string(), nfd("한국어 공부")],
                )
                .unwrap();
                conn.execute(
                    "INSERT INTO revisions (entry_seq, title, body, saved_at, replaced_at, replaced_utc)
                     SELECT seq, '', ?2, updated_at, updated_at, updated_utc FROM entries WHERE id = ?1",
                    rusqlite::params![b.id.to_string(), nfd("mañana")],
                )
                .unwrap();
                // The same tag and person, decomposed, on entry b: two rows each, as schema 6 allowed.
                conn.execute("INSERT INTO tags (name) VALUES (?1)", [nfd("coração")]).unwrap();
                conn.execute(
                    "INSERT INTO entry_tags (entry_seq, tag_id) SELECT e.seq, t.id FROM entries e, tags t
                     WHERE e.id = ?1 AND t.name = ?2",
                    rusqlite::params![b.id.to_string(), nfd("coração")],
                )
                .unwrap();
                conn.execute("UPDATE people SET name = ?1", [nfd("Inês")]).unwrap();
                let updated_at = journal.get(a.id).unwrap().updated_at;
                crate::sync::undo_migration(conn);
                conn.execute_batch(
                    "DROP TABLE pack_translations; DROP TABLE attachments; DROP TABLE templates; ALTER TABLE revisions DROP COLUMN created_at;
                     PRAGMA user_version = 6;",
                )
                .unwrap();
                // What the migration is for: before it, the syllables miss the jamo. (Decomposed
                // Latin letters were found already: with remove_diacritics the tokenizer drops
                // combining diacritics, so "c + U+0327" was indexed as "c". Their tags, names
                // and the words insights count were still two spellings.)
                assert!(found(&journal, "한국어").is_empty(), "schema 6 cannot find jamo by syllables");
                assert_eq!(journal.tags().unwrap().len(), 2, "schema 6 held the tag twice");
                (a.id, b.id, updated_at)
            };

            let vault = Vault::open_with_clock(dir.path(), Credential::Passphrase(&pass), clock()).unwrap();
            let journal = vault.journal();
            let version: u32 = journal.store().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
            assert_eq!(version, crate::vault::store::schema_version());
            let entry = journal.get(a).unwrap();
            assert_eq!((entry.title.as_str(), entry.body.as_str()), ("niño", "o coração de você"));
            assert_eq!(entry.updated_at, updated_at, "the words are the same: not an edit");
            assert!(journal.history(a).unwrap().is_empty(), "no revision made");
            assert_eq!(journal.get(b).unwrap().body, "한국어 공부");
            let revisions = journal.history(b).unwrap();
            assert_eq!(revisions.iter().map(|r| r.body.as_str()).collect::<Vec<_>>(), vec!["mañana"]);

            assert_eq!(found(&journal, "coração"), vec![a]);
            assert_eq!(found(&journal, &nfd("coração")), vec![a]);
            assert_eq!(found(&journal, "coracao"), vec![a]);
            assert_eq!(found(&journal, "NINO"), vec![a]);
            assert_eq!(found(&journal, "한국어"), vec![b]);
            assert_eq!(found(&journal, &nfd("한국어")), vec![b]);

            let tags = journal.tags().unwrap();
            assert_eq!(tags.len(), 1, "the two spellings of one tag are one: {tags:?}");
            assert_eq!((tags[0].name.as_str(), tags[0].entries), ("coração", 2));
            assert_eq!(journal.people().unwrap()[0].0.name, "Inês");
            assert_eq!(journal.get(a).unwrap().people, vec!["Inês".to_owned()]);

            assert!(crate::journal::check_index(journal.store()).is_empty(), "FTS5 integrity-check passes");
            assert!(vault.check().healthy(), "{:?}", vault.check());
        }
    }
}
