//! Reading stored rows into journal values. A row that does not parse (a timestamp, a kind, the
//! answers JSON) becomes [`JournalError::CorruptRow`] naming the entry, never a panic.

use rusqlite::Row;

use super::error::JournalError;
use super::model::{Entry, EntryId, EntryKind, EntrySummary, ExerciseRef, Mood, Revision, excerpt};
use crate::time::{self, Timestamp};

macro_rules! tags_of {
    () => {
        "(SELECT json_group_array(name) FROM (SELECT t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id
     WHERE et.entry_seq = e.seq ORDER BY t.name COLLATE NOCASE))"
    };
}
macro_rules! people_of {
    () => {
        "(SELECT json_group_array(name) FROM (SELECT p.name FROM entry_people ep JOIN people p ON p.id = ep.person_id
     WHERE ep.entry_seq = e.seq ORDER BY p.name COLLATE NOCASE))"
    };
}

/// Every column of an entry.
pub(crate) const ENTRY_SELECT: &str = concat!(
    "SELECT e.seq, e.id, e.kind, e.exercise_id, e.pack_version, e.title, e.body, e.answers, e.mood,
            e.created_at, e.created_utc, e.updated_at, e.local_day, e.deleted_at, ",
    tags_of!(),
    ", ",
    people_of!(),
    ", e.sync_conflict FROM entries e"
);

/// The columns of a listing: the body is cut short, answers are left out.
pub(crate) const SUMMARY_SELECT: &str = concat!(
    "SELECT e.seq, e.id, e.kind, e.exercise_id, e.pack_version, e.title, substr(e.body, 1, 400), NULL, e.mood,
            e.created_at, e.created_utc, e.updated_at, e.local_day, e.deleted_at, ",
    tags_of!(),
    ", ",
    people_of!(),
    ", e.sync_conflict FROM entries e"
);

const EXCERPT_CHARS: usize = 160;

pub(crate) struct RawEntry {
    pub(crate) seq: i64,
    id: String,
    kind: String,
    exercise_id: Option<String>,
    pack_version: Option<String>,
    title: String,
    body: String,
    answers: Option<String>,
    mood: Option<i64>,
    created_at: String,
    pub(crate) created_utc: i64,
    updated_at: String,
    local_day: String,
    deleted_at: Option<String>,
    tags: String,
    people: String,
    sync_conflict: Option<String>,
}

impl RawEntry {
    pub(crate) fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            seq: row.get(0)?,
            id: row.get(1)?,
            kind: row.get(2)?,
            exercise_id: row.get(3)?,
            pack_version: row.get(4)?,
            title: row.get(5)?,
            body: row.get(6)?,
            answers: row.get(7)?,
            mood: row.get(8)?,
            created_at: row.get(9)?,
            created_utc: row.get(10)?,
            updated_at: row.get(11)?,
            local_day: row.get(12)?,
            deleted_at: row.get(13)?,
            tags: row.get(14)?,
            people: row.get(15)?,
            sync_conflict: row.get(16)?,
        })
    }

    /// The stored answers as text, taking them out: for readers that parse them their own way.
    pub(crate) fn take_answers(&mut self) -> Option<String> {
        self.answers.take()
    }

    fn corrupt(&self, detail: impl Into<String>) -> JournalError {
        JournalError::CorruptRow { id: self.id.clone(), detail: detail.into() }
    }

    fn common(&self) -> Result<Common, JournalError> {
        let id: EntryId = self.id.parse().map_err(|_| self.corrupt("bad id"))?;
        let kind = EntryKind::parse(&self.kind).ok_or_else(|| self.corrupt(format!("unknown kind {}", self.kind)))?;
        let ts = |what, text: &str| time::parse_timestamp(what, text).map_err(|e| self.corrupt(e.to_string()));
        let created_at = ts("created_at", &self.created_at)?;
        let local_day = time::parse_day("local_day", &self.local_day).map_err(|e| self.corrupt(e.to_string()))?;
        let mood = self.mood.map(Mood::try_from).transpose().map_err(|e| self.corrupt(e.to_string()))?;
        let names = |text: &str| -> Result<Vec<String>, JournalError> {
            serde_json::from_str(text).map_err(|e| self.corrupt(format!("tag or person list: {e}")))
        };
        Ok(Common { id, kind, created_at, local_day, mood, tags: names(&self.tags)?, people: names(&self.people)? })
    }

    pub(crate) fn into_entry(self) -> Result<Entry, JournalError> {
        let c = self.common()?;
        let updated_at =
            time::parse_timestamp("updated_at", &self.updated_at).map_err(|e| self.corrupt(e.to_string()))?;
        let deleted_at = self
            .deleted_at
            .as_deref()
            .map(|t| time::parse_timestamp("deleted_at", t))
            .transpose()
            .map_err(|e| self.corrupt(e.to_string()))?;
        let answers = parse_answers(self.answers.as_deref()).map_err(|e| self.corrupt(e))?;
        let exercise = match (self.exercise_id, self.pack_version) {
            (Some(id), version) => Some(ExerciseRef { id, version: version.unwrap_or_default() }),
            (None, _) => None,
        };
        Ok(Entry {
            id: c.id,
            kind: c.kind,
            exercise,
            title: self.title,
            body: self.body,
            answers,
            mood: c.mood,
            created_at: c.created_at,
            updated_at,
            local_day: c.local_day,
            deleted_at,
            tags: c.tags,
            people: c.people,
            sync_conflict: self.sync_conflict,
        })
    }

    pub(crate) fn into_summary(self) -> Result<EntrySummary, JournalError> {
        let c = self.common()?;
        Ok(EntrySummary {
            id: c.id,
            kind: c.kind,
            exercise_id: self.exercise_id,
            excerpt: excerpt(&self.body, EXCERPT_CHARS),
            title: self.title,
            created_at: c.created_at,
            local_day: c.local_day,
            mood: c.mood,
            tags: c.tags,
            people: c.people,
        })
    }
}

struct Common {
    id: EntryId,
    kind: EntryKind,
    created_at: Timestamp,
    local_day: chrono::NaiveDate,
    mood: Option<Mood>,
    tags: Vec<String>,
    people: Vec<String>,
}

pub(crate) fn parse_answers(text: Option<&str>) -> Result<Option<serde_json::Value>, String> {
    text.map(serde_json::from_str).transpose().map_err(|e| format!("answers are not JSON: {e}"))
}

pub(crate) struct RawRevision {
    id: i64,
    title: String,
    body: String,
    answers: Option<String>,
    mood: Option<i64>,
    saved_at: String,
    replaced_at: String,
    created_at: Option<String>,
}

impl RawRevision {
    pub(crate) fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            id: row.get(0)?,
            title: row.get(1)?,
            body: row.get(2)?,
            answers: row.get(3)?,
            mood: row.get(4)?,
            saved_at: row.get(5)?,
            replaced_at: row.get(6)?,
            created_at: row.get(7)?,
        })
    }

    /// The revision; `entry_created_at` stands in for a date the row lacks (none should: the
    /// migration that added the column filled it).
    pub(crate) fn into_revision(self, entry: EntryId, entry_created_at: &Timestamp) -> Result<Revision, JournalError> {
        let corrupt = |detail: String| JournalError::CorruptRow { id: format!("{entry} revision {}", self.id), detail };
        Ok(Revision {
            id: self.id,
            answers: parse_answers(self.answers.as_deref()).map_err(corrupt)?,
            mood: self.mood.map(Mood::try_from).transpose().map_err(|e| corrupt(e.to_string()))?,
            saved_at: time::parse_timestamp("saved_at", &self.saved_at).map_err(|e| corrupt(e.to_string()))?,
            replaced_at: time::parse_timestamp("replaced_at", &self.replaced_at).map_err(|e| corrupt(e.to_string()))?,
            created_at: match self.created_at.as_deref() {
                Some(text) => time::parse_timestamp("created_at", text).map_err(|e| corrupt(e.to_string()))?,
                None => *entry_created_at,
            },
            moved_to: None,
            title: self.title,
            body: self.body,
        })
    }
}
