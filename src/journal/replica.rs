//! The journal's side of sync (`crate::sync`): an entry, a revision or a person as a row that
//! travels in a change file, and the same row written back on another computer.
//!
//! Rows come from change files that only a holder of the vault key could have written (they are
//! authenticated), so they are trusted as much as the vault itself; the schema's own checks
//! still apply. Tags and people travel by name inside the entry's row; revisions by their
//! entry's id (sequence numbers and row ids differ between computers).

use rusqlite::{Connection, Transaction, params};
use serde_json::Value;

use super::{JournalError, answer_steps, people, tags};
use crate::sync::rows::{self, Row, RowError};
use crate::time::{self, Timestamp};

/// The columns of `entries` that travel (all but the local `seq`).
const ENTRY_COLUMNS: &[&str] = &[
    "id",
    "kind",
    "exercise_id",
    "pack_version",
    "title",
    "body",
    "answers",
    "answers_text",
    "mood",
    "created_at",
    "created_utc",
    "updated_at",
    "updated_utc",
    "local_day",
    "deleted_at",
    "sync_conflict",
];

/// The columns of a revision that travel, besides its entry's id.
const REVISION_COLUMNS: &[&str] =
    &["title", "body", "answers", "mood", "saved_at", "replaced_at", "replaced_utc", "created_at"];

const PERSON_COLUMNS: &[&str] = &["name", "relationship", "archived", "created_at"];

impl From<RowError> for JournalError {
    fn from(e: RowError) -> Self {
        match e {
            RowError::Database(e) => JournalError::from(e),
            other => JournalError::Replica { detail: other.to_string() },
        }
    }
}

/// The entry `id` as it stands (trash included), with `tags` and `people` as arrays of names;
/// `None` when no such entry exists.
pub(crate) fn read_entry(conn: &Connection, id: &str) -> Result<Option<Row>, JournalError> {
    let Some(mut row) = rows::read(
        conn,
        "SELECT seq, id, kind, exercise_id, pack_version, title, body, answers, answers_text, mood, created_at,
                created_utc, updated_at, updated_utc, local_day, deleted_at, sync_conflict
         FROM entries WHERE id = ?1",
        &[&id],
    )?
    else {
        return Ok(None);
    };
    let seq = row.remove("seq").and_then(|v| v.as_i64()).unwrap_or_default();
    let names = |sql: &str| -> Result<Value, JournalError> {
        let mut stmt = conn.prepare_cached(sql)?;
        let names = stmt.query_map([seq], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
        Ok(Value::from(names))
    };
    row.insert(
        "tags".into(),
        names(
            "SELECT t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id WHERE et.entry_seq = ?1 ORDER BY t.name",
        )?,
    );
    row.insert(
        "people".into(),
        names(
            "SELECT p.name FROM entry_people ep JOIN people p ON p.id = ep.person_id WHERE ep.entry_seq = ?1 ORDER BY p.name",
        )?,
    );
    Ok(Some(row))
}

fn string_list(row: &Row, column: &str) -> Vec<String> {
    row.get(column)
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

/// Writes `row` as the entry's current version (made if missing): its text, dates, trash
/// state, tags, people and answer index. The search index follows through its triggers.
pub(crate) fn write_entry(tx: &Transaction<'_>, row: &Row, now: &Timestamp) -> Result<(), JournalError> {
    rows::upsert(tx, "entries", ENTRY_COLUMNS, &["id"], row)?;
    let id = rows::text(row, "entries", "id")?;
    let seq: i64 = tx.prepare_cached("SELECT seq FROM entries WHERE id = ?1")?.query_row([id], |r| r.get(0))?;
    tags::set_tags(tx, seq, &string_list(row, "tags"))?;
    people::set_people(tx, seq, &string_list(row, "people"), now)?;
    let answers = row.get("answers").and_then(Value::as_str).and_then(|text| serde_json::from_str::<Value>(text).ok());
    answer_steps::index(tx, seq, answers.as_ref())?;
    Ok(())
}

/// Removes the entry `id` for good (its revisions and files go with it).
pub(crate) fn delete_entry(tx: &Transaction<'_>, id: &str) -> Result<(), JournalError> {
    tx.prepare_cached("DELETE FROM entries WHERE id = ?1")?.execute([id])?;
    Ok(())
}

/// Sets or clears the mark a merge leaves on an entry.
pub(crate) fn mark_entry(tx: &Transaction<'_>, id: &str, mark: Option<&str>) -> Result<(), JournalError> {
    tx.prepare_cached("UPDATE entries SET sync_conflict = ?2 WHERE id = ?1")?.execute(params![id, mark])?;
    Ok(())
}

/// Whether two versions of an entry say the same (title, body, answers and mood).
pub(crate) fn same_text(a: &Row, b: &Row) -> bool {
    ["title", "body", "answers", "mood"].iter().all(|c| a.get(*c) == b.get(*c))
}

/// Keeps `version` (an entry row) in the history of the entry `id`, unless the entry's current
/// text or one of its revisions already says the same. Returns whether a revision was added.
pub(crate) fn keep_version(
    tx: &Transaction<'_>,
    id: &str,
    version: &Row,
    now: &Timestamp,
) -> Result<bool, JournalError> {
    let Some(current) = read_entry(tx, id)? else { return Ok(false) };
    if same_text(&current, version) {
        return Ok(false);
    }
    let mut revision = Row::new();
    for column in ["title", "body", "answers", "mood", "created_at"] {
        revision.insert(column.into(), version.get(column).cloned().unwrap_or(Value::Null));
    }
    revision.insert("saved_at".into(), version.get("updated_at").cloned().unwrap_or(Value::Null));
    revision.insert("replaced_at".into(), Value::from(time::format(now)));
    revision.insert("replaced_utc".into(), Value::from(time::sort_key(now)));
    revision.insert("entry".into(), Value::from(id));
    add_revision(tx, &revision)
}

/// The revision with local row id `id`, with its entry's public id as `entry`.
pub(crate) fn read_revision(conn: &Connection, id: i64) -> Result<Option<Row>, JournalError> {
    Ok(rows::read(
        conn,
        "SELECT e.id AS entry, r.title, r.body, r.answers, r.mood, r.saved_at, r.replaced_at, r.replaced_utc,
                r.created_at
         FROM revisions r JOIN entries e ON e.seq = r.entry_seq WHERE r.id = ?1",
        &[&id],
    )?)
}

/// Adds a revision row to its entry's history unless one with the same text and the same
/// saved time is there already, or the entry is gone. Returns whether it was added.
pub(crate) fn add_revision(tx: &Transaction<'_>, row: &Row) -> Result<bool, JournalError> {
    let entry = rows::text(row, "revisions", "entry")?;
    let Some(seq) = tx
        .prepare_cached("SELECT seq FROM entries WHERE id = ?1")?
        .query_row([entry], |r| r.get::<_, i64>(0))
        .map(Some)
        .or_else(|e| if e == rusqlite::Error::QueryReturnedNoRows { Ok(None) } else { Err(e) })?
    else {
        return Ok(false);
    };
    let value = |c: &'static str| {
        rows::to_sql(row.get(c).unwrap_or(&Value::Null)).ok_or(RowError::Column { table: "revisions", column: c })
    };
    let (title, body, answers, mood, saved_at) =
        (value("title")?, value("body")?, value("answers")?, value("mood")?, value("saved_at")?);
    let known = tx
        .prepare_cached(
            "SELECT 1 FROM revisions WHERE entry_seq = ?1 AND title IS ?2 AND body IS ?3 AND answers IS ?4
             AND mood IS ?5 AND saved_at IS ?6",
        )?
        .exists(params![seq, title, body, answers, mood, saved_at])?;
    if known {
        return Ok(false);
    }
    let mut values = vec![rusqlite::types::Value::Integer(seq)];
    for column in REVISION_COLUMNS {
        values.push(value(column)?);
    }
    tx.prepare_cached(
        "INSERT INTO revisions (entry_seq, title, body, answers, mood, saved_at, replaced_at, replaced_utc, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(rusqlite::params_from_iter(values.iter()))?;
    Ok(true)
}

/// The person named `name`.
pub(crate) fn read_person(conn: &Connection, name: &str) -> Result<Option<Row>, JournalError> {
    Ok(rows::read(conn, "SELECT name, relationship, archived, created_at FROM people WHERE name = ?1", &[&name])?)
}

/// Writes a person's row (made if missing; names match whatever their case).
pub(crate) fn write_person(tx: &Transaction<'_>, row: &Row) -> Result<(), JournalError> {
    rows::upsert(tx, "people", PERSON_COLUMNS, &["name"], row)?;
    Ok(())
}

/// Every entry id, person name and revision row id: what a newly linked vault sends first.
pub(crate) fn all_keys(conn: &Connection) -> Result<Vec<(&'static str, String)>, JournalError> {
    let mut keys = Vec::new();
    for (kind, sql) in [
        ("entry", "SELECT id FROM entries ORDER BY seq"),
        ("person", "SELECT name FROM people ORDER BY id"),
        ("revision", "SELECT CAST(id AS TEXT) FROM revisions ORDER BY id"),
    ] {
        let mut stmt = conn.prepare(sql)?;
        for key in stmt.query_map([], |r| r.get::<_, String>(0))? {
            keys.push((kind, key?));
        }
    }
    Ok(keys)
}
