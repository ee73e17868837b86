//! Exercises in progress: one draft per pack, kept in the vault until the exercise is finished
//! or the person discards it. Drafts hold answers as JSON exactly as an exercise entry stores
//! them; they are not entries, so they are not listed, searched or exported.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::{Journal, JournalError};
use crate::time::{self, Timestamp};

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

impl Journal<'_> {
    /// Keeps the progress of an exercise, replacing the pack's earlier draft.
    pub fn save_draft(
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
        self.draft(pack_id)?.ok_or_else(|| JournalError::NotFound { id: format!("draft of {pack_id}") })
    }

    /// The draft of one pack, if there is one.
    pub fn draft(&self, pack_id: &str) -> Result<Option<Draft>, JournalError> {
        let mut stmt = self.conn.prepare_cached(&format!("{DRAFT_SELECT} WHERE pack_id = ?1"))?;
        let raw = stmt.query_row([pack_id], RawDraft::read).optional()?;
        raw.map(RawDraft::into_draft).transpose()
    }

    /// Every draft, the most recently touched first.
    pub fn drafts(&self) -> Result<Vec<Draft>, JournalError> {
        let mut stmt = self.conn.prepare_cached(&format!("{DRAFT_SELECT} ORDER BY updated_at DESC"))?;
        let rows = stmt.query_map([], RawDraft::read)?.collect::<Result<Vec<_>, _>>()?;
        rows.into_iter().map(RawDraft::into_draft).collect()
    }

    /// Throws a draft away. Returns whether there was one.
    pub fn discard_draft(&self, pack_id: &str) -> Result<bool, JournalError> {
        Ok(self.conn.execute("DELETE FROM exercise_drafts WHERE pack_id = ?1", [pack_id])? > 0)
    }
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
