//! The people register (`people`) and which entries concern whom (`entry_people`). A name
//! given on an entry joins the register; the register keeps how the person describes each one
//! and whether they archived them. Names are compared without case.

use rusqlite::{Transaction, params};

use super::model::{Person, clean_person};
use super::{Journal, JournalError, clean_people, names_of, same_names};
use crate::time::{self, Timestamp};

impl Journal<'_> {
    /// Everyone in the register, with how many entries concern them.
    pub fn people(&self) -> Result<Vec<(Person, u64)>, JournalError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.name, p.relationship, p.archived,
                    (SELECT count(*) FROM entry_people ep JOIN entries e ON e.seq = ep.entry_seq
                     WHERE ep.person_id = p.id AND e.deleted_at IS NULL)
             FROM people p ORDER BY p.archived, p.name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok((
                Person { name: row.get(0)?, relationship: row.get(1)?, archived: row.get::<_, i64>(2)? != 0 },
                row.get::<_, i64>(3)?.unsigned_abs(),
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds a person to the register or updates how they are described.
    pub fn save_person(&self, person: &Person) -> Result<(), JournalError> {
        let name = clean_person(&person.name)?;
        let now = self.clock.now();
        self.conn.execute(
            "INSERT INTO people (name, relationship, archived, created_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (name) DO UPDATE SET relationship = excluded.relationship, archived = excluded.archived",
            params![name, super::nfc::nfc(person.relationship.trim()), person.archived, time::format(&now)],
        )?;
        Ok(())
    }
}

/// Replaces the people an entry concerns, adding new names to the register.
pub(crate) fn set_people(
    tx: &Transaction<'_>,
    seq: i64,
    raw: &[String],
    now: &Timestamp,
) -> Result<bool, JournalError> {
    let people = clean_people(raw)?;
    let before = names_of(
        tx,
        "SELECT p.name FROM entry_people ep JOIN people p ON p.id = ep.person_id WHERE ep.entry_seq = ?1",
        seq,
    )?;
    if same_names(&before, &people) {
        return Ok(false);
    }
    tx.execute("DELETE FROM entry_people WHERE entry_seq = ?1", [seq])?;
    add_people(tx, seq, &people, now)?;
    Ok(true)
}

/// Gives a new entry (one concerning no one yet) its people, already cleaned, adding new names
/// to the register.
pub(crate) fn add_people(
    tx: &Transaction<'_>,
    seq: i64,
    people: &[String],
    now: &Timestamp,
) -> Result<(), JournalError> {
    for name in people {
        ensure_person(tx, &Person { name: name.clone(), relationship: String::new(), archived: false }, now)?;
        tx.prepare_cached(
            "INSERT OR IGNORE INTO entry_people (entry_seq, person_id) SELECT ?1, id FROM people WHERE name = ?2",
        )?
        .execute(params![seq, name])?;
    }
    Ok(())
}

/// Adds a person if the name is new. Returns whether it was.
pub(crate) fn ensure_person(tx: &Transaction<'_>, person: &Person, now: &Timestamp) -> Result<bool, JournalError> {
    let added = tx
        .prepare_cached(
            "INSERT INTO people (name, relationship, archived, created_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (name) DO NOTHING",
        )?
        .execute(params![
            clean_person(&person.name)?,
            super::nfc::nfc(person.relationship.trim()),
            person.archived,
            time::format(now)
        ])?;
    Ok(added > 0)
}
