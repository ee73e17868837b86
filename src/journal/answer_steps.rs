//! The answer index of exercise entries: `entry_answer_steps`, one row per answered step of an
//! entry's current answers, with the kind of answer given (the tag of the stored answer:
//! `text`, `multiple`, `commitment`…). The views that look across exercises (commitments due
//! for review, the exercises chosen in an integration plan) find their entries here instead of
//! reading every entry's answers.
//!
//! Invariants: the rows of an entry are exactly the steps of its current answers document
//! (`{"answers": {step: {kind: …}}, …}`), written in the same transaction as the entry by every
//! save, edit and import; they go with the entry when it is purged (`ON DELETE CASCADE`) and stay
//! while it is in the trash (the queries leave the trash out). Migration 5 fills the table for
//! older vaults with the same rule in SQL; [`steps_of`] and that migration must agree. Revisions
//! are not indexed. This module writes no other table.

use rusqlite::{Transaction, params};

use super::JournalError;

/// Replaces the index rows of entry `seq` with the steps of `answers` (none when `None`).
pub(crate) fn index(tx: &Transaction<'_>, seq: i64, answers: Option<&serde_json::Value>) -> Result<(), JournalError> {
    tx.prepare_cached("DELETE FROM entry_answer_steps WHERE entry_seq = ?1")?.execute([seq])?;
    let mut insert =
        tx.prepare_cached("INSERT OR IGNORE INTO entry_answer_steps (entry_seq, step_id, kind) VALUES (?1, ?2, ?3)")?;
    for (step, kind) in steps_of(answers) {
        insert.execute(params![seq, step, kind])?;
    }
    Ok(())
}

/// The (step id, answer kind) pairs of a stored answers document: each member of its `answers`
/// object whose value is an object with exactly one member, named after the answer's kind.
/// Anything else (a document that is not shaped so) gives no pairs: it is still stored and
/// shown, it is simply not found by step.
pub(crate) fn steps_of(answers: Option<&serde_json::Value>) -> Vec<(&str, &str)> {
    let Some(steps) = answers.and_then(|a| a.get("answers")).and_then(serde_json::Value::as_object) else {
        return Vec::new();
    };
    steps
        .iter()
        .filter_map(|(step, answer)| {
            let tagged = answer.as_object().filter(|o| o.len() == 1)?;
            tagged.keys().next().map(|kind| (step.as_str(), kind.as_str()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_tagged_answer_is_a_step_of_its_kind() {
        let doc = json!({"answers": {
            "intend": {"commitment": {"intention": "rest", "review_after_days": 7}},
            "exercises": {"multiple": ["a", "b"]},
            "feel": {"text": "tired"},
        }, "scores": []});
        let mut steps = steps_of(Some(&doc));
        steps.sort();
        assert_eq!(steps, vec![("exercises", "multiple"), ("feel", "text"), ("intend", "commitment")]);
    }

    #[test]
    fn a_document_of_another_shape_has_no_steps() {
        for doc in [
            json!(null),
            json!({}),
            json!({"answers": []}),
            json!({"answers": {"a": "text"}}),
            json!({"answers": {"a": {"x": 1, "y": 2}}}),
        ] {
            assert!(steps_of(Some(&doc)).is_empty(), "{doc} is not indexed");
        }
        assert!(steps_of(None).is_empty());
    }

    /// Keeping the answer index right on real encrypted vaults: every way an entry's answers
    /// change, and migration 5 on a vault made before it.
    mod on_a_vault {
        use chrono::{DateTime, NaiveDate};
        use serde_json::json;

        use crate::exercises::{self, Answer, Answers, Catalogue, Commitment, Pack};
        use crate::journal::{EntryEdit, EntryId, Journal, SaveMode};
        use crate::time::FixedClock;
        use crate::{Credential, KdfChoice, KdfParams, Passphrase, Vault};

        const PASS: &str = "a passphrase for the answer index";

        fn clock() -> Box<FixedClock> {
            Box::new(FixedClock(DateTime::parse_from_rfc3339("2026-05-01T20:00:00+02:00").unwrap()))
        }

        fn create(dir: &std::path::Path) -> Vault {
            let pass = Passphrase::new(PASS.into());
            Vault::create_with_clock(dir, &pass, KdfChoice::Fixed(KdfParams::MINIMUM), clock()).unwrap().0
        }

        fn reopen(dir: &std::path::Path) -> Vault {
            Vault::open_with_clock(dir, Credential::Passphrase(&Passphrase::new(PASS.into())), clock()).unwrap()
        }

        /// The index rows of one entry, as (step, kind), in step order.
        fn rows(journal: &Journal<'_>, id: EntryId) -> Vec<(String, String)> {
            let mut stmt = journal
                .store()
                .prepare(
                    "SELECT s.step_id, s.kind FROM entry_answer_steps s JOIN entries e ON e.seq = s.entry_seq
                     WHERE e.id = ?1 ORDER BY s.step_id",
                )
                .unwrap();
            stmt.query_map([id.to_string()], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
        }

        fn all_rows(journal: &Journal<'_>) -> i64 {
            journal.store().query_row("SELECT count(*) FROM entry_answer_steps", [], |r| r.get(0)).unwrap()
        }

        fn pack<'c>(catalogue: &'c Catalogue, id: &str) -> &'c Pack {
            catalogue.get(id).unwrap()
        }

        fn commitment(words: &str) -> Answer {
            Answer::Commitment(Commitment { intention: words.into(), review_after_days: 7, reviews: vec![] })
        }

        fn boundaries(words: &str) -> Answers {
            let mut answers = Answers::new();
            answers.insert("practice".try_into().unwrap(), commitment(words));
            answers
        }

        fn plan_choosing(ids: &[&str]) -> Answers {
            let mut answers = Answers::new();
            answers.insert(
                "exercises".try_into().unwrap(),
                Answer::Multiple(ids.iter().map(|s| (*s).to_owned()).collect()),
            );
            answers
        }

        fn stored(answers: &Answers) -> serde_json::Value {
            json!({ "answers": answers.to_json().unwrap(), "scores": [] })
        }

        fn day(text: &str) -> NaiveDate {
            text.parse().unwrap()
        }

        #[test]
        fn a_saved_exercise_is_indexed_and_found() {
            let dir = tempfile::tempdir().unwrap();
            let vault = create(dir.path());
            let journal = vault.journal();
            let catalogue = Catalogue::builtin().unwrap();
            let (entry, _) =
                exercises::record(&journal, pack(&catalogue, "boundaries"), &boundaries("rest on Sundays"), None)
                    .unwrap();
            assert_eq!(rows(&journal, entry.id), vec![("practice".to_owned(), "commitment".to_owned())]);
            let found = exercises::commitments(&journal).unwrap();
            assert_eq!(found.len(), 1, "the commitment is found through the index");
            assert_eq!(found[0].step_id, "practice");
        }

        #[test]
        fn an_edit_that_changes_the_commitment_step_rewrites_the_rows() {
            let dir = tempfile::tempdir().unwrap();
            let vault = create(dir.path());
            let journal = vault.journal();
            let catalogue = Catalogue::builtin().unwrap();
            let (entry, _) =
                exercises::record(&journal, pack(&catalogue, "boundaries"), &boundaries("rest"), None).unwrap();

            // The commitment moves from "practice" to another step; the old row must go.
            let mut moved = Answers::new();
            moved.insert("other".try_into().unwrap(), commitment("rest"));
            let edit = EntryEdit { answers: Some(Some(stored(&moved))), ..EntryEdit::default() };
            journal.update(entry.id, edit, SaveMode::Edit).unwrap();
            assert_eq!(rows(&journal, entry.id), vec![("other".to_owned(), "commitment".to_owned())]);
            assert_eq!(exercises::commitments(&journal).unwrap()[0].step_id, "other");

            // The step becomes a text answer: no commitment is left to find.
            let mut text = Answers::new();
            text.insert("other".try_into().unwrap(), Answer::Text("just words".into()));
            let edit = EntryEdit { answers: Some(Some(stored(&text))), ..EntryEdit::default() };
            journal.update(entry.id, edit, SaveMode::Edit).unwrap();
            assert_eq!(rows(&journal, entry.id), vec![("other".to_owned(), "text".to_owned())]);
            assert!(exercises::commitments(&journal).unwrap().is_empty());

            // An edit of the title alone keeps the rows; restoring the first version brings its
            // commitment back.
            let edit = EntryEdit { title: Some("renamed".into()), ..EntryEdit::default() };
            journal.update(entry.id, edit, SaveMode::Edit).unwrap();
            assert_eq!(rows(&journal, entry.id).len(), 1);
            let first = journal.history(entry.id).unwrap().into_iter().last().unwrap();
            journal.restore_revision(entry.id, first.id).unwrap();
            assert_eq!(rows(&journal, entry.id), vec![("practice".to_owned(), "commitment".to_owned())]);
        }

        #[test]
        fn trash_hides_restore_shows_and_purge_removes_the_rows() {
            let dir = tempfile::tempdir().unwrap();
            let vault = create(dir.path());
            let journal = vault.journal();
            let catalogue = Catalogue::builtin().unwrap();
            let (entry, _) =
                exercises::record(&journal, pack(&catalogue, "boundaries"), &boundaries("rest"), None).unwrap();
            journal.trash(entry.id).unwrap();
            assert!(exercises::commitments(&journal).unwrap().is_empty(), "the trash is left out");
            assert_eq!(rows(&journal, entry.id).len(), 1, "a trashed entry keeps its rows for a restore");
            journal.restore(entry.id).unwrap();
            assert_eq!(exercises::commitments(&journal).unwrap().len(), 1, "a restored commitment comes back");
            journal.trash(entry.id).unwrap();
            journal.purge(entry.id).unwrap();
            assert_eq!(all_rows(&journal), 0, "a purged entry leaves no row");
        }

        #[test]
        fn an_import_indexes_its_entries_and_a_skipped_one_keeps_its_rows() {
            let dir = tempfile::tempdir().unwrap();
            let vault = create(dir.path());
            let journal = vault.journal();
            let catalogue = Catalogue::builtin().unwrap();
            let (entry, _) =
                exercises::record(&journal, pack(&catalogue, "integration-plan"), &plan_choosing(&["patterns"]), None)
                    .unwrap();
            let mut records = Vec::new();
            journal
                .for_each_record(|r| -> Result<(), crate::JournalError> {
                    records.push(r);
                    Ok(())
                })
                .unwrap();

            let other = tempfile::tempdir().unwrap();
            let vault2 = create(other.path());
            let journal2 = vault2.journal();
            let report = journal2.import(&[], records.clone()).unwrap();
            assert_eq!(report.added, 1);
            assert_eq!(rows(&journal2, entry.id), vec![("exercises".to_owned(), "multiple".to_owned())]);
            let plan = exercises::suggested_plan(&journal2, &catalogue, day("2026-05-01")).unwrap();
            assert_eq!(plan.weekly, vec!["patterns".to_owned()], "the imported choice is found");

            let again = journal2.import(&[], records).unwrap();
            assert_eq!(again.skipped_existing, 1);
            assert_eq!(all_rows(&journal2), 1, "importing the same entry again adds no row");
        }

        #[test]
        fn migration_5_fills_the_index_of_a_vault_made_before_it() {
            let dir = tempfile::tempdir().unwrap();
            let catalogue = Catalogue::builtin().unwrap();
            let (with_commitment, older_plan, newer_plan, broken) = {
                let vault = create(dir.path());
                let journal = vault.journal();
                let (a, _) =
                    exercises::record(&journal, pack(&catalogue, "boundaries"), &boundaries("rest"), None).unwrap();
                let (b, _) = exercises::record(
                    &journal,
                    pack(&catalogue, "integration-plan"),
                    &plan_choosing(&["reciprocity"]),
                    None,
                )
                .unwrap();
                let (c, _) = exercises::record(
                    &journal,
                    pack(&catalogue, "integration-plan"),
                    &plan_choosing(&["patterns", "shadow-work"]),
                    None,
                )
                .unwrap();
                let (d, _) =
                    exercises::record(&journal, pack(&catalogue, "boundaries"), &boundaries("later"), None).unwrap();
                // Schema 4 is today's schema without the index and the tables added after it
                // (migration 6 only changes an option): take them away and go back to version 4.
                // One entry's answers are not JSON at all, as a damaged or hand-edited vault
                // might hold: the migration must pass over it, not fail.
                crate::sync::undo_migration(journal.store());
                journal
                    .store()
                    .execute_batch(
                        "DROP TABLE entry_answer_steps; DROP TABLE pack_translations; DROP TABLE attachments; DROP TABLE templates;
                         ALTER TABLE revisions DROP COLUMN created_at; PRAGMA user_version = 4;",
                    )
                    .unwrap();
                journal
                    .store()
                    .execute("UPDATE entries SET answers = '{not json' WHERE id = ?1", [d.id.to_string()])
                    .unwrap();
                (a.id, b.id, c.id, d.id)
            };

            let vault = reopen(dir.path());
            let journal = vault.journal();
            let version: u32 = journal.store().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
            assert_eq!(version, crate::vault::store::schema_version(), "every later migration ran too");
            assert_eq!(rows(&journal, with_commitment), vec![("practice".to_owned(), "commitment".to_owned())]);
            assert_eq!(rows(&journal, older_plan), vec![("exercises".to_owned(), "multiple".to_owned())]);
            assert_eq!(rows(&journal, newer_plan), vec![("exercises".to_owned(), "multiple".to_owned())]);
            assert!(rows(&journal, broken).is_empty(), "unreadable answers give no rows");

            let found: Vec<EntryId> =
                exercises::commitments(&journal).unwrap().into_iter().map(|c| c.entry_id).collect();
            assert_eq!(found, vec![with_commitment], "the migrated index finds the commitment");
            let plan = exercises::suggested_plan(&journal, &catalogue, day("2026-05-01")).unwrap();
            assert_eq!(plan.weekly, vec!["patterns".to_owned(), "shadow-work".to_owned()], "the latest choice wins");

            // What the migration wrote is what a save writes: re-saving changes nothing.
            let before = all_rows(&journal);
            for id in [with_commitment, older_plan, newer_plan] {
                let answers = journal.get(id).unwrap().answers;
                let tx =
                    rusqlite::Transaction::new_unchecked(journal.store(), rusqlite::TransactionBehavior::Immediate)
                        .unwrap();
                let seq: i64 =
                    tx.query_row("SELECT seq FROM entries WHERE id = ?1", [id.to_string()], |r| r.get(0)).unwrap();
                let migrated = rows(&journal, id);
                super::super::index(&tx, seq, answers.as_ref()).unwrap();
                tx.commit().unwrap();
                assert_eq!(rows(&journal, id), migrated, "SQL and Rust index {id} alike");
            }
            assert_eq!(all_rows(&journal), before);
        }
    }
}
