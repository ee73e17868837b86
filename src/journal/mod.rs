//! The journal: entries with their revisions, tags and people, the trash, and listing.
//!
//! It owns the tables `entries`, `revisions`, `tags`, `entry_tags`, `people`, `entry_people`,
//! the search index and `entry_answer_steps`, and is the only module that runs SQL on them
//! (one file per concern: `revisions`, `tags`, `people`, `search`, `answer_steps`, and
//! `exercise_entries` for the reads the exercises ask for). It must not touch another module's
//! tables: drafts and imported packs belong to `exercises`, `settings` to the store; a save that
//! must change one of those in the same transaction takes it as a closure
//! (`Journal::create_with`).
//!
//! Invariants: every write runs in one `BEGIN IMMEDIATE` transaction together with its
//! revision, tag, answer-index and search-index rows (the search index is kept by triggers), so
//! a crash leaves each save whole or absent. A save that changes an entry's text first copies the
//! version it replaces into `revisions`. All SQL takes user text as bound parameters only.

mod answer_steps;
mod error;
mod exercise_entries;
mod model;
pub(crate) mod nfc;
mod people;
pub(crate) mod records;
pub(crate) mod replica;
mod revisions;
mod rows;
mod scan;
mod search;
mod tags;
pub(crate) mod unspaced;

use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use crate::vault::settings::Settings;

pub use error::JournalError;
pub(crate) use exercise_entries::AnswerQuery;
pub use model::{
    Cursor, Entry, EntryEdit, EntryId, EntryKind, EntrySummary, ExerciseRef, ListFilter, Mood, NameCount, NewEntry,
    Page, Person, Revision, SaveMode,
};
pub use records::{EntryRecord, ImportReport, RevisionRecord};
pub(crate) use scan::Scanned;
pub(crate) use search::check_index;
pub use search::{RELEVANCE_LIMIT, SearchHit, SearchOrder, SearchQuery, SearchResults, Snippet, SnippetPart};

use crate::time::{self, Clock};
use model::{answers_text, clean_person, clean_tag};
use rows::{ENTRY_SELECT, RawEntry, SUMMARY_SELECT};

/// Within one sitting, autosave keeps at most one earlier version per this interval.
pub const AUTOSAVE_REVISION_INTERVAL: Duration = Duration::from_secs(10 * 60);
const DEFAULT_PAGE: u32 = 50;
const MAX_PAGE: u32 = 1000;

/// The journal of an unlocked vault. Borrowed from [`crate::Vault::journal`].
pub struct Journal<'v> {
    conn: &'v Connection,
    clock: &'v dyn Clock,
}

impl std::fmt::Debug for Journal<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Journal")
    }
}

impl<'v> Journal<'v> {
    pub(crate) fn new(conn: &'v Connection, clock: &'v dyn Clock) -> Self {
        Self { conn, clock }
    }

    fn write_tx(&self) -> Result<Transaction<'v>, JournalError> {
        Ok(Transaction::new_unchecked(self.conn, TransactionBehavior::Immediate)?)
    }

    /// The database connection this journal reads, for the modules that own the other tables of
    /// the same vault (exercise drafts and packs) and for the store's settings. They run SQL
    /// only on their own tables; entries are read and written here.
    pub(crate) fn store(&self) -> &'v Connection {
        self.conn
    }

    pub(crate) fn clock(&self) -> &'v dyn Clock {
        self.clock
    }

    /// The vault's settings (the store's typed table), on this journal's connection.
    pub(crate) fn settings(&self) -> Settings<'v> {
        Settings::new(self.conn)
    }

    /// Saves a new entry and returns it as stored.
    pub fn create(&self, new: NewEntry) -> Result<Entry, JournalError> {
        self.create_with(new, |_| Ok(()))
    }

    /// Saves a new entry and runs `also` in the same transaction before it commits (exercises use
    /// it to remove the draft an entry finishes, so a finished exercise is never both an entry
    /// and a draft). An error from `also` rolls the whole save back.
    pub(crate) fn create_with(
        &self,
        new: NewEntry,
        also: impl FnOnce(&Transaction<'_>) -> Result<(), JournalError>,
    ) -> Result<Entry, JournalError> {
        if new.title.trim().is_empty() && new.body.trim().is_empty() && new.answers.is_none() {
            return Err(JournalError::EmptyEntry);
        }
        let now = self.clock.now();
        if let Some(when) = &new.created_at {
            check_date(when, &now)?;
        }
        let id = EntryId::new();
        let tx = self.write_tx()?;
        let record = EntryRecord::from_new(id, new, now)?;
        records::insert(&tx, &record, &now)?;
        also(&tx)?;
        tx.commit()?;
        self.get(id)
    }

    /// Changes an entry. Returns it as stored; saving identical content changes nothing.
    pub fn update(&self, id: EntryId, edit: EntryEdit, mode: SaveMode) -> Result<Entry, JournalError> {
        self.update_with(id, edit, mode, |_, _| Ok::<(), JournalError>(()))
    }

    /// [`Journal::update`], running `also` with the entry's row number in the same transaction
    /// before it commits (attachments use it to store a file with the link to it in the text).
    /// An error from `also` rolls the whole save back.
    pub(crate) fn update_with<E: From<JournalError>>(
        &self,
        id: EntryId,
        edit: EntryEdit,
        mode: SaveMode,
        also: impl FnOnce(&Transaction<'_>, i64) -> Result<(), E>,
    ) -> Result<Entry, E> {
        let now = self.clock.now();
        let (tx, seq, changed) = self.edit_in_tx(id, edit, mode, &now)?;
        also(&tx, seq)?;
        if changed {
            tx.execute(
                "UPDATE entries SET updated_at = ?2, updated_utc = ?3 WHERE seq = ?1",
                params![seq, time::format(&now), time::sort_key(&now)],
            )
            .map_err(JournalError::from)?;
        }
        tx.commit().map_err(JournalError::from)?;
        Ok(self.get(id)?)
    }

    /// The changes of an update, in an open transaction: the transaction, the entry's row and
    /// whether anything changed.
    fn edit_in_tx(
        &self,
        id: EntryId,
        edit: EntryEdit,
        mode: SaveMode,
        now: &time::Timestamp,
    ) -> Result<(Transaction<'v>, i64, bool), JournalError> {
        let now = *now;
        let tx = self.write_tx()?;
        let current = load_for_update(&tx, id)?;
        if current.deleted_at.is_some() {
            return Err(JournalError::InTrash { id: id.to_string() });
        }
        // Stored in NFC (see `nfc`): the same words typed in another Unicode form are no change.
        let title = edit.title.map_or_else(|| current.title.clone(), nfc::nfc_string);
        let body = edit.body.map_or_else(|| current.body.clone(), nfc::nfc_string);
        let answers = match edit.answers {
            Some(answers) => answers.map(|mut a| {
                nfc::nfc_json(&mut a);
                a.to_string()
            }),
            None => current.answers.clone(),
        };
        if answers.is_some() && current.kind == EntryKind::Journal.as_str() {
            return Err(JournalError::AnswersWithoutExercise);
        }
        let mood = match edit.mood {
            Some(mood) => mood.map(|m| i64::from(m.value())),
            None => current.mood,
        };
        let text_changed =
            title != current.title || body != current.body || answers != current.answers || mood != current.mood;
        let moved_to = match &edit.created_at {
            Some(when) if time::format(when) != current.created_at => {
                check_date(when, &now)?;
                Some(*when)
            }
            _ => None,
        };
        let mut changed = text_changed || moved_to.is_some();

        // A new date is a deliberate change: the version with the earlier date is always kept.
        if moved_to.is_some() || (text_changed && revisions::keep_revision(&tx, current.seq, mode, &now)?) {
            revisions::keep(&tx, &current, &now)?;
        }
        if let Some(when) = moved_to {
            tx.execute(
                "UPDATE entries SET created_at = ?2, created_utc = ?3, local_day = ?4 WHERE seq = ?1",
                params![current.seq, time::format(&when), time::sort_key(&when), when.date_naive().to_string()],
            )?;
        }
        if text_changed {
            let answers_value: Option<serde_json::Value> =
                answers.as_deref().map(serde_json::from_str).transpose().map_err(|e| JournalError::CorruptRow {
                    id: id.to_string(),
                    detail: format!("answers are not JSON: {e}"),
                })?;
            tx.execute(
                "UPDATE entries SET title = ?2, body = ?3, answers = ?4, answers_text = ?5, mood = ?6 WHERE seq = ?1",
                params![current.seq, title, body, answers, answers_text(answers_value.as_ref()), mood],
            )?;
            if answers != current.answers {
                answer_steps::index(&tx, current.seq, answers_value.as_ref())?;
            }
        }
        if let Some(tags) = edit.tags {
            changed |= tags::set_tags(&tx, current.seq, &tags)?;
        }
        if let Some(people) = edit.people {
            changed |= people::set_people(&tx, current.seq, &people, &now)?;
        }
        Ok((tx, current.seq, changed))
    }

    /// The entry with this id, also when it is in the trash.
    pub fn get(&self, id: EntryId) -> Result<Entry, JournalError> {
        let raw = self
            .conn
            .prepare_cached(&format!("{ENTRY_SELECT} WHERE e.id = ?1"))?
            .query_row([id.to_string()], RawEntry::from_row)
            .optional()?
            .ok_or_else(|| JournalError::NotFound { id: id.to_string() })?;
        raw.into_entry()
    }

    /// Finds an entry from its full id, or from the start of it (at least 8 characters) when
    /// only one entry's id starts that way.
    pub fn resolve(&self, text: &str) -> Result<EntryId, JournalError> {
        let text = text.trim().to_ascii_lowercase();
        if let Ok(id) = text.parse::<EntryId>() {
            return Ok(id);
        }
        if text.len() < 8 || !text.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Err(JournalError::BadId { text });
        }
        let mut stmt = self.conn.prepare_cached("SELECT id FROM entries WHERE id GLOB ?1 || '*' LIMIT 2")?;
        let found: Vec<String> = stmt.query_map([&text], |row| row.get(0))?.collect::<Result<_, _>>()?;
        match found.as_slice() {
            [one] => one.parse(),
            [] => Err(JournalError::NotFound { id: text }),
            _ => Err(JournalError::AmbiguousId { prefix: text }),
        }
    }

    /// Newest first, one page at a time.
    pub fn list(&self, filter: &ListFilter) -> Result<Page, JournalError> {
        let limit = filter.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE);
        let mut sql = format!("{SUMMARY_SELECT} WHERE ");
        let mut values: Vec<rusqlite::types::Value> = Vec::new();
        sql.push_str(if filter.trashed { "e.deleted_at IS NOT NULL" } else { "e.deleted_at IS NULL" });
        push_filters(&mut sql, &mut values, filter.from, filter.to, filter.tag.as_deref(), filter.person.as_deref());
        if let Some(kind) = filter.kind {
            values.push(kind.as_str().to_owned().into());
            sql.push_str(&format!(" AND e.kind = ?{}", values.len()));
        }
        if let Some(after) = filter.after {
            values.push(after.created_utc.into());
            values.push(after.seq.into());
            sql.push_str(&format!(" AND (e.created_utc, e.seq) < (?{}, ?{})", values.len() - 1, values.len()));
        }
        values.push(i64::from(limit).into());
        sql.push_str(&format!(" ORDER BY e.created_utc DESC, e.seq DESC LIMIT ?{}", values.len()));

        let mut stmt = self.conn.prepare_cached(&sql)?;
        let raws: Vec<RawEntry> =
            stmt.query_map(rusqlite::params_from_iter(values), RawEntry::from_row)?.collect::<Result<_, _>>()?;
        let next = if raws.len() == limit as usize {
            raws.last().map(|r| Cursor { created_utc: r.created_utc, seq: r.seq })
        } else {
            None
        };
        let items = raws.into_iter().map(RawEntry::into_summary).collect::<Result<_, _>>()?;
        Ok(Page { items, next })
    }

    /// How many entries each local day holds, for a calendar.
    pub fn day_counts(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<(NaiveDate, u32)>, JournalError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT local_day, count(*) FROM entries WHERE deleted_at IS NULL AND local_day BETWEEN ?1 AND ?2
             GROUP BY local_day ORDER BY local_day",
        )?;
        let rows = stmt.query_map(params![from.to_string(), to.to_string()], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, u32>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (day, count) = row?;
            let day = time::parse_day("local_day", &day)
                .map_err(|e| JournalError::CorruptRow { id: day.clone(), detail: e.to_string() })?;
            out.push((day, count));
        }
        Ok(out)
    }

    /// Moves an entry to the trash; it leaves lists and search until restored.
    pub fn trash(&self, id: EntryId) -> Result<(), JournalError> {
        let now = self.clock.now();
        let changed = self.conn.execute(
            "UPDATE entries SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
            params![id.to_string(), time::format(&now)],
        )?;
        if changed == 0 {
            let entry = self.get(id)?;
            if entry.deleted_at.is_some() {
                return Err(JournalError::InTrash { id: id.to_string() });
            }
        }
        Ok(())
    }

    /// Takes an entry back out of the trash.
    pub fn restore(&self, id: EntryId) -> Result<(), JournalError> {
        let changed = self.conn.execute(
            "UPDATE entries SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
            [id.to_string()],
        )?;
        if changed == 0 {
            self.get(id)?;
            return Err(JournalError::NotInTrash { id: id.to_string() });
        }
        Ok(())
    }

    /// Deletes an entry in the trash for good, with its revisions.
    pub fn purge(&self, id: EntryId) -> Result<(), JournalError> {
        let changed =
            self.conn.execute("DELETE FROM entries WHERE id = ?1 AND deleted_at IS NOT NULL", [id.to_string()])?;
        if changed == 0 {
            self.get(id)?;
            return Err(JournalError::NotInTrash { id: id.to_string() });
        }
        Ok(())
    }

    pub fn search(&self, query: &SearchQuery) -> Result<SearchResults, JournalError> {
        search::run(self.conn, query)
    }

    /// Adds entries from an export in one transaction: all of them or none. Entries whose id is
    /// already in the vault are skipped, so importing the same file twice adds nothing.
    pub fn import(&self, people: &[Person], entries: Vec<EntryRecord>) -> Result<ImportReport, JournalError> {
        self.import_with(people, entries, |_| Ok::<(), JournalError>(()))
    }

    /// [`Journal::import`], running `also` in the same transaction after the entries are in
    /// (an import's attachments); an error from `also` rolls the whole import back.
    pub(crate) fn import_with<E: From<JournalError>>(
        &self,
        people: &[Person],
        entries: Vec<EntryRecord>,
        also: impl FnOnce(&Transaction<'_>) -> Result<(), E>,
    ) -> Result<ImportReport, E> {
        let now = self.clock.now();
        // Dropped after the transaction ends, committed or not.
        let _bulk = records::BulkWrite::start(self.conn)?;
        let tx = self.write_tx()?;
        let report = records::import(&tx, people, entries, &now)?;
        also(&tx)?;
        tx.commit().map_err(JournalError::from)?;
        Ok(report)
    }

    /// How many of these ids the vault already has (in the journal or the trash): what an
    /// import would skip.
    pub fn count_present(&self, ids: impl IntoIterator<Item = EntryId>) -> Result<u64, JournalError> {
        let mut stmt = self.conn.prepare_cached("SELECT 1 FROM entries WHERE id = ?1")?;
        let mut present = 0;
        for id in ids {
            if stmt.exists([id.to_string()])? {
                present += 1;
            }
        }
        Ok(present)
    }

    /// Every entry (trash included) with its revisions, oldest first, one at a time.
    pub fn for_each_record<E: From<JournalError>>(
        &self,
        visit: impl FnMut(EntryRecord) -> Result<(), E>,
    ) -> Result<(), E> {
        records::for_each(self.conn, visit)
    }

    fn seq_of(&self, id: EntryId) -> Result<i64, JournalError> {
        self.conn
            .prepare_cached("SELECT seq FROM entries WHERE id = ?1")?
            .query_row([id.to_string()], |row| row.get(0))
            .optional()?
            .ok_or_else(|| JournalError::NotFound { id: id.to_string() })
    }

    fn name_counts(&self, sql: &str) -> Result<Vec<NameCount>, JournalError> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt
            .query_map([], |row| Ok(NameCount { name: row.get(0)?, entries: row.get::<_, i64>(1)?.unsigned_abs() }))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// Appends the filters a list and a search share, binding every value.
pub(crate) fn push_filters(
    sql: &mut String,
    values: &mut Vec<rusqlite::types::Value>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    tag: Option<&str>,
    person: Option<&str>,
) {
    if let Some(from) = from {
        values.push(from.to_string().into());
        sql.push_str(&format!(" AND e.local_day >= ?{}", values.len()));
    }
    if let Some(to) = to {
        values.push(to.to_string().into());
        sql.push_str(&format!(" AND e.local_day <= ?{}", values.len()));
    }
    if let Some(tag) = tag {
        values.push(nfc::nfc(tag.trim().trim_start_matches('#').trim()).into_owned().into());
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM entry_tags et JOIN tags t ON t.id = et.tag_id
                          WHERE et.entry_seq = e.seq AND t.name = ?{})",
            values.len()
        ));
    }
    if let Some(person) = person {
        values.push(nfc::nfc(person.trim()).into_owned().into());
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM entry_people ep JOIN people p ON p.id = ep.person_id
                          WHERE ep.entry_seq = e.seq AND p.name = ?{})",
            values.len()
        ));
    }
}

/// An entry's stored columns, as an update reads them before changing it.
pub(crate) struct Current {
    pub(crate) seq: i64,
    pub(crate) kind: String,
    pub(crate) title: String,
    pub(crate) body: String,
    pub(crate) answers: Option<String>,
    pub(crate) mood: Option<i64>,
    pub(crate) updated_at: String,
    pub(crate) deleted_at: Option<String>,
    pub(crate) created_at: String,
}

fn load_for_update(tx: &Transaction<'_>, id: EntryId) -> Result<Current, JournalError> {
    tx.prepare_cached(
        "SELECT seq, kind, title, body, answers, mood, updated_at, deleted_at, created_at FROM entries WHERE id = ?1",
    )?
    .query_row([id.to_string()], |row| {
        Ok(Current {
            seq: row.get(0)?,
            kind: row.get(1)?,
            title: row.get(2)?,
            body: row.get(3)?,
            answers: row.get(4)?,
            mood: row.get(5)?,
            updated_at: row.get(6)?,
            deleted_at: row.get(7)?,
            created_at: row.get(8)?,
        })
    })
    .optional()?
    .ok_or_else(|| JournalError::NotFound { id: id.to_string() })
}

/// The earliest date an entry may have.
pub const EARLIEST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(day) => day,
    None => NaiveDate::MIN,
};

/// Refuses an entry date before [`EARLIEST_DATE`] (in its own offset) or more than a day after
/// `now`: a day's grace covers a clock a little off and a person ahead of UTC.
fn check_date(when: &time::Timestamp, now: &time::Timestamp) -> Result<(), JournalError> {
    if when.date_naive() < EARLIEST_DATE {
        return Err(JournalError::DateTooEarly { date: time::format(when) });
    }
    if *when > *now + chrono::TimeDelta::days(1) {
        return Err(JournalError::DateInFuture { date: time::format(when), now: time::format(now) });
    }
    Ok(())
}

pub(crate) fn clean_names(
    raw: &[String],
    clean: fn(&str) -> Result<String, JournalError>,
) -> Result<Vec<String>, JournalError> {
    let mut out: Vec<String> = Vec::with_capacity(raw.len());
    for name in raw {
        let name = clean(name)?;
        if !out.iter().any(|n| n.to_lowercase() == name.to_lowercase()) {
            out.push(name);
        }
    }
    Ok(out)
}

/// The names a join query gives for one entry.
pub(crate) fn names_of(tx: &Transaction<'_>, sql: &str, seq: i64) -> Result<Vec<String>, JournalError> {
    let mut stmt = tx.prepare_cached(sql)?;
    let names = stmt.query_map([seq], |row| row.get(0))?.collect::<Result<_, _>>()?;
    Ok(names)
}

/// Whether two name lists hold the same names, ignoring case and order.
pub(crate) fn same_names(a: &[String], b: &[String]) -> bool {
    let fold = |v: &[String]| {
        let mut v: Vec<String> = v.iter().map(|s| s.to_lowercase()).collect();
        v.sort();
        v
    };
    fold(a) == fold(b) && a.len() == b.len()
}

/// The row number of the entry `id` (in the journal or the trash), for the modules whose
/// tables refer to entries (attachments).
pub(crate) fn entry_seq(conn: &Connection, id: EntryId) -> Result<i64, JournalError> {
    conn.prepare_cached("SELECT seq FROM entries WHERE id = ?1")?
        .query_row([id.to_string()], |row| row.get(0))
        .optional()?
        .ok_or_else(|| JournalError::NotFound { id: id.to_string() })
}

/// The id of the entry in row `seq`.
pub(crate) fn entry_id(conn: &Connection, seq: i64) -> Result<EntryId, JournalError> {
    let id: String = conn
        .prepare_cached("SELECT id FROM entries WHERE seq = ?1")?
        .query_row([seq], |row| row.get(0))
        .optional()?
        .ok_or_else(|| JournalError::NotFound { id: format!("#{seq}") })?;
    id.parse()
}

/// How many entries the database holds, trash included (a backup compares its copy's count
/// with the vault's).
pub(crate) fn count_entries(conn: &Connection) -> rusqlite::Result<u64> {
    let n: i64 = conn.query_row("SELECT count(*) FROM entries", [], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

pub(crate) fn clean_tags(raw: &[String]) -> Result<Vec<String>, JournalError> {
    clean_names(raw, clean_tag)
}

pub(crate) fn clean_people(raw: &[String]) -> Result<Vec<String>, JournalError> {
    clean_names(raw, clean_person)
}
