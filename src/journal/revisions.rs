//! Earlier versions of entries: the `revisions` table. A save that changes an entry's text first
//! copies the version it replaces here, in the same transaction (see [`keep_revision`] for when
//! an autosave does). Revisions are never edited; they go with their entry when it is purged.

use rusqlite::{Transaction, params};

use super::model::{Entry, EntryEdit, EntryId, Revision, SaveMode};
use super::{AUTOSAVE_REVISION_INTERVAL, Current, Journal, JournalError, rows};
use crate::time::{self, Timestamp};

impl Journal<'_> {
    /// Earlier versions of an entry, newest first. A version whose replacing save moved the
    /// entry to another date has `moved_to` set.
    pub fn history(&self, id: EntryId) -> Result<Vec<Revision>, JournalError> {
        let seq = self.seq_of(id)?;
        let current = self.get(id)?.created_at;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, title, body, answers, mood, saved_at, replaced_at, created_at FROM revisions
             WHERE entry_seq = ?1 ORDER BY replaced_utc DESC, id DESC",
        )?;
        let raws = stmt.query_map([seq], rows::RawRevision::from_row)?.collect::<Result<Vec<_>, _>>()?;
        let mut revisions = raws.into_iter().map(|r| r.into_revision(id, &current)).collect::<Result<Vec<_>, _>>()?;
        // Newest first: each version's successor is the one before it in the list (the entry
        // itself for the newest). Offsets count: 21:00+01:00 and 20:00Z are the same instant but
        // not the same date to the person.
        let mut newer = current;
        for revision in &mut revisions {
            if time::format(&revision.created_at) != time::format(&newer) {
                revision.moved_to = Some(newer);
            }
            newer = revision.created_at;
        }
        Ok(revisions)
    }

    /// Makes an earlier version current again. The version it replaces is kept too.
    pub fn restore_revision(&self, id: EntryId, revision: i64) -> Result<Entry, JournalError> {
        let old = self
            .history(id)?
            .into_iter()
            .find(|r| r.id == revision)
            .ok_or_else(|| JournalError::NoSuchRevision { id: id.to_string(), revision })?;
        let edit = EntryEdit {
            title: Some(old.title),
            body: Some(old.body),
            answers: Some(old.answers),
            mood: Some(old.mood),
            created_at: Some(old.created_at),
            ..EntryEdit::default()
        };
        self.update(id, edit, SaveMode::Edit)
    }
}

/// Copies the version an update replaces into `revisions`.
pub(crate) fn keep(tx: &Transaction<'_>, current: &Current, now: &Timestamp) -> Result<(), JournalError> {
    tx.prepare_cached(
        "INSERT INTO revisions (entry_seq, title, body, answers, mood, saved_at, replaced_at, replaced_utc, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        current.seq,
        current.title,
        current.body,
        current.answers,
        current.mood,
        current.updated_at,
        time::format(now),
        time::sort_key(now),
        current.created_at,
    ])?;
    Ok(())
}

/// Whether a save keeps the version it replaces. A deliberate edit always does. An autosave does
/// once the last kept version (or, before any, the entry's creation) is older than
/// [`AUTOSAVE_REVISION_INTERVAL`]: the drafts of one sitting are one version, not hundreds. An
/// editor that reopens an entry saves its first change as an edit, so every sitting keeps the
/// text it started from.
pub(crate) fn keep_revision(
    tx: &Transaction<'_>,
    seq: i64,
    mode: SaveMode,
    now: &Timestamp,
) -> Result<bool, JournalError> {
    if mode == SaveMode::Edit {
        return Ok(true);
    }
    let baseline: i64 = tx
        .prepare_cached(
            "SELECT coalesce((SELECT max(replaced_utc) FROM revisions WHERE entry_seq = ?1),
                             (SELECT created_utc FROM entries WHERE seq = ?1))",
        )?
        .query_row([seq], |row| row.get(0))?;
    let interval = i64::try_from(AUTOSAVE_REVISION_INTERVAL.as_millis()).unwrap_or(i64::MAX);
    Ok(time::sort_key(now) - baseline >= interval)
}
