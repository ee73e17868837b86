//! Search in scripts written without spaces between words: Chinese (Han), Japanese (Han, kana)
//! and Korean (Hangul, whose particles attach to the word before them).
//!
//! The index's tokenizer (FTS5 `unicode61`) splits text only at characters that are not letters
//! or digits, so a whole run such as `我和朋友去了海边` is one token and `朋友` inside it can never be
//! found. Attune does what Lucene's StandardTokenizer does for these scripts (Unicode Standard
//! Annex #29 word boundaries leave each ideograph on its own): every character of these scripts
//! becomes a token of its own, and a word typed in a query becomes the *phrase* of its
//! characters, which FTS5 matches only where they stand next to each other, in that order. So
//! `朋友` finds the entries where 朋 is followed by 友, ranked (bm25) and snippeted like any match,
//! and `친구` finds `친구에게`.
//!
//! The split is a zero-width space (U+200B, a format character, which `unicode61` treats as a
//! separator) put between two neighbouring characters when either is of these scripts. It is
//! applied to what is indexed through the SQL function [`SQL_FUNCTION`] (the index's content is
//! the view `entries_search_text`, migration 9, so the index, its integrity check and its
//! snippets all read the same split text) and to queries in [`split`]; snippets drop the
//! separators again before anyone sees them. Text without these scripts is passed through as it
//! is, borrowed, and its index is unchanged.
//!
//! Why not a dictionary segmenter (jieba, MeCab): their dictionaries weigh megabytes per
//! language, they would have to run inside a custom FTS5 tokenizer written against SQLite's C
//! interface, and they still miss words they do not know; matching phrases of characters finds
//! every word, known or not, at the cost of some false positives across word boundaries. FTS5's
//! `trigram` tokenizer was not used either: it cannot find words of two characters, the most
//! common length of a Chinese word.

use std::borrow::Cow;

use rusqlite::Connection;
use rusqlite::types::Value;
use unicode_script::{Script, UnicodeScript};

/// The SQL scalar function `attune_search_text(text)`: `text` as the index sees it, with a
/// [`SEPARATOR`] between neighbouring characters of unspaced scripts; other values unchanged.
pub(crate) const SQL_FUNCTION: &str = "attune_search_text";

/// U+200B ZERO WIDTH SPACE: not a letter or digit, so a token boundary for `unicode61`.
pub(crate) const SEPARATOR: char = '\u{200b}';

/// Whether `c` belongs to a script whose words are written without spaces between them.
pub(crate) fn is_unspaced(c: char) -> bool {
    !c.is_ascii()
        && matches!(c.script(), Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul | Script::Bopomofo)
}

/// `text` with a [`SEPARATOR`] between two neighbouring letters or digits when either is of an
/// unspaced script; borrowed when there is none (almost all text in Latin scripts).
pub(crate) fn split(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unspaced) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + text.len() / 3 * SEPARATOR.len_utf8());
    let mut previous: Option<char> = None;
    for c in text.chars() {
        if let Some(p) = previous
            && (is_unspaced(p) || is_unspaced(c))
            && p.is_alphanumeric()
            && c.is_alphanumeric()
        {
            out.push(SEPARATOR);
        }
        out.push(c);
        previous = Some(c);
    }
    Cow::Owned(out)
}

/// Registers [`SQL_FUNCTION`] on `conn`: deterministic and innocuous, as the index's content
/// view and its triggers need it to give the same text for the same row every time.
///
/// # Errors
/// SQLite's, if the function cannot be added to the connection.
pub(crate) fn register(conn: &Connection) -> rusqlite::Result<()> {
    // Not UTF-8 (only a damaged row could hold it): indexed as SQLite reads it.
    super::nfc::register_text_function(
        conn,
        SQL_FUNCTION,
        |text| split(text).into_owned(),
        |bytes| Value::Text(String::from_utf8_lossy(bytes).into_owned()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    const S: char = SEPARATOR;

    #[rstest]
    #[case::chinese("我和朋友", &format!("我{S}和{S}朋{S}友"))]
    #[case::japanese_kana_and_han("友達とコーヒー", &format!("友{S}達{S}と{S}コ{S}ー{S}ヒ{S}ー"))]
    #[case::korean_particles("친구에게 말했다", &format!("친{S}구{S}에{S}게 말{S}했{S}다"))]
    #[case::mixed_with_latin("AI助手ok", &format!("AI{S}助{S}手{S}ok"))]
    #[case::punctuation_needs_nothing("朋友，你好。", &format!("朋{S}友，你{S}好。"))]
    fn unspaced_scripts_are_split_into_characters(#[case] input: &str, #[case] expected: &str) {
        assert_eq!(split(input), expected);
    }

    #[rstest]
    #[case("a calm morning by the river")]
    #[case("coração, mañana, Über, Ελλάδα, Москва")]
    #[case("")]
    fn other_text_is_borrowed_unchanged(#[case] input: &str) {
        assert!(matches!(split(input), Cow::Borrowed(s) if s == input));
    }

    #[test]
    fn the_sql_function_splits_text_and_passes_other_values() -> rusqlite::Result<()> {
        let conn = Connection::open_in_memory()?;
        register(&conn)?;
        let (text, null, number): (String, Option<String>, i64) = conn.query_row(
            "SELECT attune_search_text(?1), attune_search_text(NULL), attune_search_text(7)",
            ["海边"],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        assert_eq!(text, format!("海{S}边"));
        assert_eq!(null, None);
        assert_eq!(number, 7);
        Ok(())
    }

    mod vault {
        #![allow(clippy::unwrap_used)]

        use crate::journal::{EntryId, Journal, NewEntry, SearchQuery};
        use crate::{Credential, KdfChoice, KdfParams, Passphrase, Vault};

        fn found(journal: &Journal<'_>, query: &str) -> Vec<EntryId> {
            journal.search(&SearchQuery::new(query)).unwrap().hits.into_iter().map(|h| h.entry.id).collect()
        }

        /// The index as schema 8 made it: the entries' own text, a run of Han one token (and
        /// migration 10's date column and templates undone, so that it runs again).
        const SCHEMA_8_INDEX: &str = "
            DROP TABLE attachments; DROP TABLE templates; ALTER TABLE revisions DROP COLUMN created_at;
            DROP TRIGGER entries_fts_insert; DROP TRIGGER entries_fts_delete; DROP TRIGGER entries_fts_update;
            DROP TABLE entries_vocab; DROP TABLE entries_fts; DROP VIEW entries_search_text;
            CREATE VIRTUAL TABLE entries_fts USING fts5 (title, body, answers_text, content = 'entries',
                content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
            CREATE VIRTUAL TABLE entries_vocab USING fts5vocab (entries_fts, 'row');
            CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
                INSERT INTO entries_fts (rowid, title, body, answers_text)
                VALUES (new.seq, new.title, new.body, new.answers_text);
            END;
            CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
                INSERT INTO entries_fts (entries_fts, rowid, title, body, answers_text)
                VALUES ('delete', old.seq, old.title, old.body, old.answers_text);
            END;
            CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, body, answers_text ON entries BEGIN
                INSERT INTO entries_fts (entries_fts, rowid, title, body, answers_text)
                VALUES ('delete', old.seq, old.title, old.body, old.answers_text);
                INSERT INTO entries_fts (rowid, title, body, answers_text)
                VALUES (new.seq, new.title, new.body, new.answers_text);
            END;
            INSERT INTO entries_fts (entries_fts, rank) VALUES ('secure-delete', 1);
            INSERT INTO entries_fts (entries_fts) VALUES ('rebuild');
            PRAGMA user_version = 8;";

        #[test]
        fn migration_9_makes_words_in_a_schema_8_vault_findable() {
            let dir = tempfile::tempdir().unwrap();
            let pass = Passphrase::new("a passphrase for every script".into());
            let (han, latin) = {
                let vault = Vault::create(dir.path(), &pass, KdfChoice::Fixed(KdfParams::MINIMUM)).unwrap().0;
                let journal = vault.journal();
                let han = journal.create(NewEntry { body: "我和朋友去了海边".into(), ..NewEntry::default() }).unwrap();
                let latin = journal.create(NewEntry { body: "a calm morning".into(), ..NewEntry::default() }).unwrap();
                crate::sync::undo_migration(journal.store());
                journal.store().execute_batch(SCHEMA_8_INDEX).unwrap();
                // What the migration is for: schema 8 finds the whole run, not a word inside it.
                // (Queries are split the new way already, so only a word of one character, which
                // the old index never held, stands for what was missed.)
                assert!(found(&journal, "朋友").is_empty());
                let whole: i64 = journal
                    .store()
                    .query_row(
                        "SELECT count(*) FROM entries_fts WHERE entries_fts MATCH '\"我和朋友去了海边\"'",
                        [],
                        |r| r.get(0),
                    )
                    .unwrap();
                assert_eq!(whole, 1, "schema 8 indexed the run as one token");
                (han.id, latin.id)
            };
            let vault = Vault::open(dir.path(), Credential::Passphrase(&pass)).unwrap();
            let journal = vault.journal();
            let version: u32 = journal.store().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
            assert_eq!(version, crate::vault::store::schema_version());
            assert_eq!(found(&journal, "朋友"), vec![han]);
            assert_eq!(found(&journal, "我和朋友去了海边"), vec![han], "the whole run is still found");
            assert_eq!(found(&journal, "calm"), vec![latin]);
            assert!(crate::journal::check_index(journal.store()).is_empty(), "FTS5 integrity-check passes");
            assert!(vault.check().healthy(), "{:?}", vault.check());
        }
    }
}
