//! Tags: the `tags` register and which entries carry which (`entry_tags`). Names are cleaned
//! ([`super::clean_tags`]) and compared without case; a tag no entry uses stays in the register.

use rusqlite::{Transaction, params};

use super::model::NameCount;
use super::{Journal, JournalError, clean_tags, names_of, same_names};

impl Journal<'_> {
    /// Tags in use, most used first.
    pub fn tags(&self) -> Result<Vec<NameCount>, JournalError> {
        self.name_counts(
            "SELECT t.name, count(e.seq) FROM tags t
             JOIN entry_tags et ON et.tag_id = t.id JOIN entries e ON e.seq = et.entry_seq AND e.deleted_at IS NULL
             GROUP BY t.id ORDER BY count(e.seq) DESC, t.name COLLATE NOCASE",
        )
    }
}

/// Replaces an entry's tags. Returns whether they changed.
pub(crate) fn set_tags(tx: &Transaction<'_>, seq: i64, raw: &[String]) -> Result<bool, JournalError> {
    let tags = clean_tags(raw)?;
    let before =
        names_of(tx, "SELECT t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id WHERE et.entry_seq = ?1", seq)?;
    if same_names(&before, &tags) {
        return Ok(false);
    }
    tx.execute("DELETE FROM entry_tags WHERE entry_seq = ?1", [seq])?;
    add_tags(tx, seq, &tags)?;
    Ok(true)
}

/// Gives a new entry (one with no tags yet) its tags, already cleaned.
pub(crate) fn add_tags(tx: &Transaction<'_>, seq: i64, tags: &[String]) -> Result<(), JournalError> {
    for tag in tags {
        tx.prepare_cached("INSERT INTO tags (name) VALUES (?1) ON CONFLICT (name) DO NOTHING")?.execute([tag])?;
        tx.prepare_cached(
            "INSERT OR IGNORE INTO entry_tags (entry_seq, tag_id) SELECT ?1, id FROM tags WHERE name = ?2",
        )?
        .execute(params![seq, tag])?;
    }
    Ok(())
}
