//! Exercises in progress: the `exercise_drafts` table, one draft per pack, kept in the vault
//! until the exercise is finished or the person discards it. Drafts hold answers as JSON exactly
//! as an exercise entry stores them; they are not entries, so they are not listed, searched or
//! exported.
//!
//! This module is the only one that runs SQL on `exercise_drafts`. Finishing an exercise removes
//! its draft through [`discard_in`], inside the journal's transaction that saves the entry.
//! Errors are the store's [`JournalError`] (busy, damaged, a database error), as for entries.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;

use crate::journal::{Journal, JournalError};
use crate::time::{self, Clock, Timestamp};

/// A half-done exercise.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Draft {
    pub pack_id: String,
    pub pack_version: String,
    /// Step id to tagged answer, as an exercise entry stores them.
    pub answers: serde_json::Value,
    /// The step the person was on (an index into the pack's steps).
    pub step: u32,
    pub started_at: Timestamp,
    pub updated_at: Timestamp,
}

/// The drafts of one unlocked vault: `Drafts::new(&vault.journal())`.
pub struct Drafts<'v> {
    conn: &'v Connection,
    clock: &'v dyn Clock,
}

impl std::fmt::Debug for Drafts<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Drafts")
    }
}

impl<'v> Drafts<'v> {
    /// The drafts of the vault `journal` belongs to.
    pub fn new(journal: &Journal<'v>) -> Self {
        Self { conn: journal.store(), clock: journal.clock() }
    }

    /// Keeps the progress of an exercise, replacing the pack's earlier draft. `answers` is the
    /// step-id-to-tagged-answer object, `step` the index of the step the person is on. Returns
    /// the draft as stored. (Use [`super::save_draft`] to check the answers against the pack.)
    pub fn save(
        &self,
        pack_id: &str,
        pack_version: &str,
        answers: &serde_json::Value,
        step: u32,
    ) -> Result<Draft, JournalError> {
        let now = time::format(&self.clock.now());
        self.conn.execute(
            "INSERT INTO exercise_drafts (pack_id, pack_version, answers, step, started_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)
             ON CONFLICT (pack_id) DO UPDATE SET pack_version = excluded.pack_version,
                 answers = excluded.answers, step = excluded.step, updated_at = excluded.updated_at",
            params![pack_id, pack_version, answers.to_string(), step, now],
        )?;
        self.get(pack_id)?.ok_or_else(|| JournalError::NotFound { id: format!("draft of {pack_id}") })
    }

    /// The draft of one pack, if there is one.
    pub fn get(&self, pack_id: &str) -> Result<Option<Draft>, JournalError> {
        let mut stmt = self.conn.prepare_cached(&format!("{DRAFT_SELECT} WHERE pack_id = ?1"))?;
        let raw = stmt.query_row([pack_id], RawDraft::read).optional()?;
        raw.map(RawDraft::into_draft).transpose()
    }

    /// Every draft, the most recently touched first.
    pub fn list(&self) -> Result<Vec<Draft>, JournalError> {
        let mut stmt = self.conn.prepare_cached(&format!("{DRAFT_SELECT} ORDER BY updated_at DESC"))?;
        let rows = stmt.query_map([], RawDraft::read)?.collect::<Result<Vec<_>, _>>()?;
        rows.into_iter().map(RawDraft::into_draft).collect()
    }

    /// Throws a draft away. Returns whether there was one.
    pub fn discard(&self, pack_id: &str) -> Result<bool, JournalError> {
        Ok(self.conn.execute("DELETE FROM exercise_drafts WHERE pack_id = ?1", [pack_id])? > 0)
    }
}

/// Removes the draft of `pack_id` inside `tx` (the transaction that saves the finished
/// exercise as an entry).
pub(crate) fn discard_in(tx: &Transaction<'_>, pack_id: &str) -> Result<(), JournalError> {
    tx.prepare_cached("DELETE FROM exercise_drafts WHERE pack_id = ?1")?.execute([pack_id])?;
    Ok(())
}

const DRAFT_SELECT: &str = "SELECT pack_id, pack_version, answers, step, started_at, updated_at FROM exercise_drafts";

struct RawDraft {
    pack_id: String,
    pack_version: String,
    answers: String,
    step: u32,
    started_at: String,
    updated_at: String,
}

impl RawDraft {
    fn read(row: &rusqlite::Row<'_>) -> rusqlite::Result<RawDraft> {
        Ok(RawDraft {
            pack_id: row.get(0)?,
            pack_version: row.get(1)?,
            answers: row.get(2)?,
            step: row.get(3)?,
            started_at: row.get(4)?,
            updated_at: row.get(5)?,
        })
    }

    fn into_draft(self) -> Result<Draft, JournalError> {
        let corrupt = |detail: String| JournalError::CorruptRow { id: format!("draft of {}", self.pack_id), detail };
        let answers = serde_json::from_str(&self.answers).map_err(|e| corrupt(e.to_string()))?;
        let ts = |what, text: &str| time::parse_timestamp(what, text).map_err(|e| corrupt(e.to_string()));
        Ok(Draft {
            answers,
            step: self.step,
            started_at: ts("started_at", &self.started_at)?,
            updated_at: ts("updated_at", &self.updated_at)?,
            pack_id: self.pack_id,
            pack_version: self.pack_version,
        })
    }
}
