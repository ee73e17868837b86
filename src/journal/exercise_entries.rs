//! Reading exercise entries the way the exercises side asks for them: by pack, by day, and by
//! the steps and kinds of their answers (through the answer index, `answer_steps`). The
//! exercises side decides what it looks for (which kind is a commitment, which pack is the
//! integration plan); this module only runs the queries on the journal's tables. Trash is
//! always left out. Read-only.

use chrono::NaiveDate;
use rusqlite::params;

use super::model::{Entry, EntryId};
use super::{Journal, JournalError};
use crate::time;

/// Which exercise entries to find by their answers. Every field that is set must match.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct AnswerQuery<'q> {
    /// The kind of answer given at a step (`commitment`, `multiple`…).
    pub kind: Option<&'q str>,
    /// The step id.
    pub step: Option<&'q str>,
    /// The pack id of the entry.
    pub exercise: Option<&'q str>,
}

impl Journal<'_> {
    /// Exercise entries (not in the trash) with at least one answered step matching `query`,
    /// oldest first (by creation time, then insertion order).
    pub(crate) fn exercise_entries_answering(&self, query: AnswerQuery<'_>) -> Result<Vec<Entry>, JournalError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id FROM entries e
             WHERE e.kind = 'exercise' AND e.deleted_at IS NULL
               AND (?3 IS NULL OR e.exercise_id = ?3)
               AND EXISTS (SELECT 1 FROM entry_answer_steps s
                           WHERE s.entry_seq = e.seq AND (?1 IS NULL OR s.kind = ?1) AND (?2 IS NULL OR s.step_id = ?2))
             ORDER BY e.created_utc, e.seq",
        )?;
        let ids = stmt
            .query_map(params![query.kind, query.step, query.exercise], |row| row.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        ids.iter().map(|id| self.get(id.parse()?)).collect()
    }

    /// The newest `limit` entries (not in the trash) of one pack, newest first.
    pub(crate) fn entries_of_pack(&self, pack_id: &str, limit: u32) -> Result<Vec<Entry>, JournalError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM entries WHERE kind = 'exercise' AND exercise_id = ?1 AND deleted_at IS NULL
             ORDER BY created_utc DESC, seq DESC LIMIT ?2",
        )?;
        let ids =
            stmt.query_map(params![pack_id, limit], |row| row.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
        ids.iter().map(|id| self.get(id.parse()?)).collect()
    }

    /// Exercise entries (not in the trash) on local days `from..=to`, oldest first, as (pack id,
    /// day, entry id).
    pub(crate) fn exercise_days(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(String, NaiveDate, EntryId)>, JournalError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT exercise_id, local_day, id FROM entries
             WHERE kind = 'exercise' AND deleted_at IS NULL AND local_day BETWEEN ?1 AND ?2
             ORDER BY created_utc, seq",
        )?;
        let rows = stmt.query_map(params![from.to_string(), to.to_string()], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, String>(2)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (pack, day, id) = row?;
            let day = time::parse_day("local_day", &day)
                .map_err(|e| JournalError::CorruptRow { id: id.clone(), detail: e.to_string() })?;
            out.push((pack, day, id.parse()?));
        }
        Ok(out)
    }
}
