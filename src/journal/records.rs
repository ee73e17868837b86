//! Whole entries with their history, as exports carry them: the full-fidelity record that
//! `attune export` writes and `attune import` reads, and the SQL that stores one.

use std::borrow::Cow;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::error::JournalError;
use super::model::{EntryId, EntryKind, ExerciseRef, Mood, NewEntry, Person, answers_text};
use super::nfc::{nfc, nfc_json};
use super::people::{add_people, ensure_person};
use super::rows::{ENTRY_SELECT, RawEntry, RawRevision};
use super::tags::add_tags;
use super::{answer_steps, clean_people, clean_tags};
use crate::time::{self, Timestamp};

/// One entry with everything Attune knows of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntryRecord {
    pub id: EntryId,
    pub kind: EntryKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exercise: Option<ExerciseRef>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answers: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mood: Option<Mood>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<Timestamp>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub people: Vec<String>,
    /// Earlier versions, oldest first.
    #[serde(default)]
    pub revisions: Vec<RevisionRecord>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RevisionRecord {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answers: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mood: Option<Mood>,
    pub saved_at: Timestamp,
    pub replaced_at: Timestamp,
    /// The entry's date while this version was current; the entry's own date when absent
    /// (exports made before dates could change).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<Timestamp>,
}

/// Imports of at least this many entries merge the search index afterwards.
const OPTIMIZE_AFTER: u64 = 1_000;

/// The page cache an import may fill, in KiB (SQLite's negative `cache_size`): the pages of a
/// large import stay decrypted in memory instead of being spilled to the WAL, encrypted, and
/// read back and decrypted again. Pages are taken only as needed, and the cache is set back to
/// what it was when the import ends.
const IMPORT_CACHE_KIB: i64 = 256 * 1024;

/// FTS5's buffer of new index terms during an import, in bytes (its `hashsize`; 1 MiB by
/// default). With the default, a large import writes the index as dozens of small segments and
/// merges them over and over; with this, it writes a few large ones. Memory is taken only as
/// the new terms need it.
const IMPORT_FTS_HASH_BYTES: i64 = 64 * 1024 * 1024;

/// FTS5's own default `hashsize`, set back when an import ends.
const FTS_HASH_BYTES: i64 = 1024 * 1024;

/// The connection's settings for a bulk write, put back as they were when dropped. Start it
/// before the import's transaction and keep it until after the commit.
pub(crate) struct BulkWrite<'c> {
    conn: &'c Connection,
    cache_size: i64,
}

impl<'c> BulkWrite<'c> {
    pub(crate) fn start(conn: &'c Connection) -> Result<Self, JournalError> {
        let cache_size: i64 = conn.query_row("PRAGMA cache_size", [], |row| row.get(0))?;
        conn.execute_batch(&format!("PRAGMA cache_size = -{IMPORT_CACHE_KIB}"))?;
        Ok(BulkWrite { conn, cache_size })
    }
}

impl Drop for BulkWrite<'_> {
    fn drop(&mut self) {
        // Only memory is at stake: a failure leaves a larger cache until the vault is closed.
        let _ = self.conn.execute_batch(&format!("PRAGMA cache_size = {}", self.cache_size));
    }
}

fn set_fts_hash_size(tx: &Transaction<'_>, bytes: i64) -> Result<(), JournalError> {
    tx.execute("INSERT INTO entries_fts (entries_fts, rank) VALUES ('hashsize', ?1)", [bytes])?;
    Ok(())
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub added: u64,
    /// Entries whose id the vault already had: left as they are.
    pub skipped_existing: u64,
    pub people_added: u64,
}

impl EntryRecord {
    pub(crate) fn from_new(id: EntryId, new: NewEntry, now: Timestamp) -> Result<Self, JournalError> {
        Ok(EntryRecord {
            id,
            kind: new.kind(),
            exercise: new.exercise,
            title: new.title,
            body: new.body,
            answers: new.answers,
            mood: new.mood,
            created_at: new.created_at.unwrap_or(now),
            updated_at: now,
            deleted_at: None,
            tags: new.tags,
            people: new.people,
            revisions: Vec::new(),
        })
    }

    /// The local day an entry belongs to: its date in the offset it was written in.
    pub fn local_day(&self) -> NaiveDate {
        self.created_at.date_naive()
    }
}

impl EntryRecord {
    /// Checks what the types cannot: kind and exercise agree, names are usable.
    pub fn validate(&self) -> Result<(), JournalError> {
        if (self.kind == EntryKind::Exercise) != self.exercise.is_some() {
            return Err(JournalError::ExerciseMismatch);
        }
        if self.answers.is_some() && self.kind == EntryKind::Journal {
            return Err(JournalError::AnswersWithoutExercise);
        }
        clean_tags(&self.tags)?;
        clean_people(&self.people)?;
        Ok(())
    }
}

/// Stores a new entry with its tags, people and revisions. Returns its `seq`.
///
/// The one place a new entry is written (create, import, and so a restored export): title,
/// body, answers, tags, people and revisions are stored in Unicode NFC ([`super::nfc`]).
pub(crate) fn insert(tx: &Transaction<'_>, record: &EntryRecord, now: &Timestamp) -> Result<i64, JournalError> {
    let id = record.id.to_string();
    record.validate()?;
    let tags = clean_tags(&record.tags)?;
    let people = clean_people(&record.people)?;
    let answers_value = record.answers.as_ref().map(nfc_json_cow);
    let answers = answers_value.as_deref().map(serde_json::Value::to_string);
    let inserted = tx
        .prepare_cached(
            "INSERT INTO entries (id, kind, exercise_id, pack_version, title, body, answers, answers_text, mood,
                                  created_at, created_utc, updated_at, updated_utc, local_day, deleted_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?
        .execute(params![
            id,
            record.kind.as_str(),
            record.exercise.as_ref().map(|e| e.id.as_str()),
            record.exercise.as_ref().map(|e| e.version.as_str()),
            nfc(&record.title),
            nfc(&record.body),
            answers,
            answers_text(answers_value.as_deref()),
            record.mood.map(Mood::value),
            time::format(&record.created_at),
            time::sort_key(&record.created_at),
            time::format(&record.updated_at),
            time::sort_key(&record.updated_at),
            record.local_day().to_string(),
            record.deleted_at.as_ref().map(time::format),
        ]);
    match inserted {
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) && exists(tx, &id)? => {
            return Err(JournalError::DuplicateId { id });
        }
        other => other?,
    };
    let seq = tx.last_insert_rowid();
    let mut stmt = tx.prepare_cached(
        "INSERT INTO revisions (entry_seq, title, body, answers, mood, saved_at, replaced_at, replaced_utc, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for rev in &record.revisions {
        stmt.execute(params![
            seq,
            nfc(&rev.title),
            nfc(&rev.body),
            rev.answers.as_ref().map(|a| nfc_json_cow(a).to_string()),
            rev.mood.map(Mood::value),
            time::format(&rev.saved_at),
            time::format(&rev.replaced_at),
            time::sort_key(&rev.replaced_at),
            time::format(rev.created_at.as_ref().unwrap_or(&record.created_at)),
        ])?;
    }
    // A new row has no tags or people yet: add them without reading what is there first.
    add_tags(tx, seq, &tags)?;
    add_people(tx, seq, &people, now)?;
    answer_steps::index(tx, seq, answers_value.as_deref())?;
    Ok(seq)
}

/// `value` with every string in NFC; borrowed when it already is.
fn nfc_json_cow(value: &serde_json::Value) -> Cow<'_, serde_json::Value> {
    fn is_nfc(value: &serde_json::Value) -> bool {
        match value {
            serde_json::Value::String(s) => matches!(nfc(s), Cow::Borrowed(_)),
            serde_json::Value::Array(items) => items.iter().all(is_nfc),
            serde_json::Value::Object(map) => map.values().all(is_nfc),
            _ => true,
        }
    }
    if is_nfc(value) {
        return Cow::Borrowed(value);
    }
    let mut owned = value.clone();
    nfc_json(&mut owned);
    Cow::Owned(owned)
}

fn exists(tx: &Transaction<'_>, id: &str) -> Result<bool, JournalError> {
    Ok(tx.prepare_cached("SELECT 1 FROM entries WHERE id = ?1")?.query_row([id], |_| Ok(())).optional()?.is_some())
}

pub(crate) fn import(
    tx: &Transaction<'_>,
    people: &[Person],
    mut entries: Vec<EntryRecord>,
    now: &Timestamp,
) -> Result<ImportReport, JournalError> {
    let mut report = ImportReport::default();
    for person in people {
        if ensure_person(tx, person, now)? {
            report.people_added += 1;
        }
    }
    let people_before: i64 = tx.query_row("SELECT count(*) FROM people", [], |row| row.get(0))?;
    // Oldest first, so insertion order (which breaks search ties) follows time.
    entries.sort_by_key(|e| time::sort_key(&e.created_at));
    // Inside the transaction: if the import fails, the setting is rolled back with it.
    set_fts_hash_size(tx, IMPORT_FTS_HASH_BYTES)?;
    for record in &entries {
        if exists(tx, &record.id.to_string())? {
            report.skipped_existing += 1;
            continue;
        }
        insert(tx, record, now)?;
        report.added += 1;
    }
    set_fts_hash_size(tx, FTS_HASH_BYTES)?;
    // A large batch leaves the search index in many small segments; merge them once now so
    // searches stay fast (about 5 s at 100,000 entries, done only for big imports).
    if report.added >= OPTIMIZE_AFTER {
        tx.execute("INSERT INTO entries_fts (entries_fts) VALUES ('optimize')", [])?;
    }
    let people_after: i64 = tx.query_row("SELECT count(*) FROM people", [], |row| row.get(0))?;
    report.people_added += u64::try_from(people_after - people_before).unwrap_or(0);
    Ok(report)
}

pub(crate) fn for_each<E: From<JournalError>>(
    conn: &Connection,
    mut visit: impl FnMut(EntryRecord) -> Result<(), E>,
) -> Result<(), E> {
    let db = |e: rusqlite::Error| E::from(JournalError::from(e));
    let mut entries = conn.prepare(&format!("{ENTRY_SELECT} ORDER BY e.created_utc, e.seq")).map_err(db)?;
    let mut revisions = conn
        .prepare(
            "SELECT id, title, body, answers, mood, saved_at, replaced_at, created_at FROM revisions
         WHERE entry_seq = ?1 ORDER BY replaced_utc, id",
        )
        .map_err(db)?;
    let mut rows = entries.query([]).map_err(db)?;
    while let Some(row) = rows.next().map_err(db)? {
        let raw = RawEntry::from_row(row).map_err(db)?;
        let seq = raw.seq;
        let entry = raw.into_entry()?;
        let entry_created_at = entry.created_at;
        let revs = revisions
            .query_map([seq], RawRevision::from_row)
            .map_err(db)?
            .map(|r| r.map_err(JournalError::from).and_then(|r| r.into_revision(entry.id, &entry_created_at)))
            .map(|r| {
                r.map(|r| RevisionRecord {
                    title: r.title,
                    body: r.body,
                    answers: r.answers,
                    mood: r.mood,
                    saved_at: r.saved_at,
                    replaced_at: r.replaced_at,
                    created_at: Some(r.created_at),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        visit(EntryRecord {
            id: entry.id,
            kind: entry.kind,
            exercise: entry.exercise,
            title: entry.title,
            body: entry.body,
            answers: entry.answers,
            mood: entry.mood,
            created_at: entry.created_at,
            updated_at: entry.updated_at,
            deleted_at: entry.deleted_at,
            tags: entry.tags,
            people: entry.people,
            revisions: revs,
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use crate::journal::{EntryId, EntryKind, SearchQuery, check_index};
    use crate::time::FixedClock;
    use crate::{KdfChoice, KdfParams, Passphrase, Vault};

    use super::{EntryRecord, FTS_HASH_BYTES, OPTIMIZE_AFTER};

    fn record(i: i64, body: &str) -> EntryRecord {
        let at = DateTime::parse_from_rfc3339("2024-01-01T08:00:00+01:00").unwrap() + chrono::Duration::hours(i);
        EntryRecord {
            id: EntryId::new(),
            kind: EntryKind::Journal,
            exercise: None,
            title: format!("Day {i}"),
            body: body.to_owned(),
            answers: None,
            mood: None,
            created_at: at,
            updated_at: at,
            deleted_at: None,
            tags: if i % 3 == 0 { vec!["walks".into()] } else { Vec::new() },
            people: if i % 5 == 0 { vec!["Sam".into()] } else { Vec::new() },
            revisions: Vec::new(),
        }
    }

    fn fts_hash_size(conn: &rusqlite::Connection) -> Option<i64> {
        use rusqlite::OptionalExtension;
        conn.query_row("SELECT v FROM entries_fts_config WHERE k = 'hashsize'", [], |r| r.get(0)).optional().unwrap()
    }

    /// A bulk import changes the connection's page cache and the index's term buffer only while
    /// it runs, after a failure too, and leaves an exact index with every tag and person.
    #[test]
    fn a_bulk_import_sets_back_what_it_tunes_and_keeps_the_index_exact() {
        let dir = tempfile::tempdir().unwrap();
        let pass = Passphrase::new("a passphrase for bulk imports".into());
        let clock = Box::new(FixedClock(DateTime::parse_from_rfc3339("2026-05-01T20:00:00+02:00").unwrap()));
        let vault = Vault::create_with_clock(dir.path(), &pass, KdfChoice::Fixed(KdfParams::MINIMUM), clock).unwrap().0;
        let journal = vault.journal();
        let conn = journal.store();
        let cache_before: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0)).unwrap();

        // A bad record last: the whole import is rolled back, the buffer setting with it.
        let n = i64::try_from(OPTIMIZE_AFTER).unwrap() + 200;
        let mut bad: Vec<EntryRecord> = (0..5).map(|i| record(i, "calm river")).collect();
        bad.push(EntryRecord { kind: EntryKind::Exercise, exercise: None, ..record(6, "x") });
        assert!(journal.import(&[], bad).is_err());
        assert_eq!(conn.query_row("SELECT count(*) FROM entries", [], |r| r.get::<_, i64>(0)).unwrap(), 0);
        assert_eq!(fts_hash_size(conn), None, "a failed import leaves no setting behind");
        assert_eq!(conn.query_row("PRAGMA cache_size", [], |r| r.get::<_, i64>(0)).unwrap(), cache_before);

        let records: Vec<EntryRecord> = (0..n)
            .map(|i| record(i, if i % 100 == 7 { "the heron crossed the calm river" } else { "calm river" }))
            .collect();
        let report = journal.import(&[], records.clone()).unwrap();
        assert_eq!(report.added, u64::try_from(n).unwrap());
        assert_eq!(report.people_added, 1);
        assert_eq!(conn.query_row("PRAGMA cache_size", [], |r| r.get::<_, i64>(0)).unwrap(), cache_before);
        assert_eq!(fts_hash_size(conn), Some(FTS_HASH_BYTES));
        assert!(check_index(conn).is_empty(), "FTS5 integrity-check passes");
        let hits = journal.search(&SearchQuery::new("heron")).unwrap().hits;
        assert_eq!(hits.len(), usize::try_from((n + 92) / 100).unwrap());
        let tags: i64 = conn.query_row("SELECT count(*) FROM entry_tags", [], |r| r.get(0)).unwrap();
        let people: i64 = conn.query_row("SELECT count(*) FROM entry_people", [], |r| r.get(0)).unwrap();
        assert_eq!((tags, people), ((n + 2) / 3, (n + 4) / 5));

        let again = journal.import(&[], records).unwrap();
        assert_eq!((again.added, again.skipped_existing), (0, u64::try_from(n).unwrap()));
    }
}
