//! Exercise packs imported into the vault: the `packs` table, each version's TOML source as
//! imported, and `pack_translations`, the words of a pack in another language. Validation happens before storing ([`super::import_pack`]); this module only keeps
//! and returns the text, and is the only one that runs SQL on `packs` and `pack_translations`. Errors are the store's
//! [`JournalError`].

use rusqlite::{Connection, OptionalExtension, params};

use crate::journal::{Journal, JournalError};
use crate::time::{self, Clock};

/// An imported pack's source, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredPack {
    pub id: String,
    pub version: String,
    pub source: String,
}

/// An imported translation's source, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredTranslation {
    pub id: String,
    pub version: String,
    pub language: String,
    pub source: String,
}

/// The imported packs of one unlocked vault: `Packs::new(&vault.journal())`.
pub struct Packs<'v> {
    conn: &'v Connection,
    clock: &'v dyn Clock,
}

impl std::fmt::Debug for Packs<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Packs")
    }
}

impl<'v> Packs<'v> {
    /// The packs imported into the vault `journal` belongs to.
    pub fn new(journal: &Journal<'v>) -> Self {
        Self { conn: journal.store(), clock: journal.clock() }
    }

    /// Keeps a pack's source. Returns false when this id and version were already there with the
    /// same text.
    ///
    /// # Errors
    /// [`JournalError::PackVersionTaken`] when this id and version hold a different text.
    pub fn store(&self, id: &str, version: &str, source: &str) -> Result<bool, JournalError> {
        let now = self.clock.now();
        let existing: Option<String> = self
            .conn
            .query_row("SELECT source FROM packs WHERE id = ?1 AND version = ?2", params![id, version], |row| {
                row.get(0)
            })
            .optional()?;
        if let Some(existing) = existing {
            if existing == source {
                return Ok(false);
            }
            return Err(JournalError::PackVersionTaken { id: id.to_owned(), version: version.to_owned() });
        }
        self.conn.execute(
            "INSERT INTO packs (id, version, source, imported_at) VALUES (?1, ?2, ?3, ?4)",
            params![id, version, source, time::format(&now)],
        )?;
        Ok(true)
    }

    /// The newest imported version of each pack: newest by import time, and of two imported in
    /// the same second (the time is kept to the second), the later version.
    pub fn imported(&self) -> Result<Vec<StoredPack>, JournalError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, version, source FROM (
                 SELECT id, version, source,
                        row_number() OVER (PARTITION BY id ORDER BY imported_at DESC, version DESC) AS newest
                 FROM packs)
             WHERE newest = 1
             ORDER BY id",
        )?;
        let rows =
            stmt.query_map([], |row| Ok(StoredPack { id: row.get(0)?, version: row.get(1)?, source: row.get(2)? }))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Keeps a translation's source, replacing one of the same pack version and language.
    /// Returns false when exactly this text was already there.
    pub fn store_translation(
        &self,
        id: &str,
        version: &str,
        language: &str,
        source: &str,
    ) -> Result<bool, JournalError> {
        let existing: Option<String> = self
            .conn
            .query_row(
                "SELECT source FROM pack_translations WHERE id = ?1 AND version = ?2 AND language = ?3",
                params![id, version, language],
                |row| row.get(0),
            )
            .optional()?;
        if existing.as_deref() == Some(source) {
            return Ok(false);
        }
        self.conn.execute(
            "INSERT OR REPLACE INTO pack_translations (id, version, language, source, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, version, language, source, time::format(&self.clock.now())],
        )?;
        Ok(true)
    }

    /// Every imported translation, oldest import first (so a newer one of the same pack and
    /// language is applied last).
    pub fn translations(&self) -> Result<Vec<StoredTranslation>, JournalError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, version, language, source FROM pack_translations ORDER BY imported_at, id")?;
        let rows = stmt.query_map([], |row| {
            Ok(StoredTranslation { id: row.get(0)?, version: row.get(1)?, language: row.get(2)?, source: row.get(3)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// Sync's view of these tables (`crate::sync`): an imported pack or translation as a row, keyed
/// by its id, version (and language) joined with tabs. Imported sources never change, so a row
/// is stored once and kept.
pub(crate) mod replica {
    use rusqlite::{Connection, Transaction};

    use crate::sync::rows::{self, Row, RowError};

    pub(crate) fn read(conn: &Connection, translation: bool, key: &str) -> Result<Option<Row>, RowError> {
        let parts: Vec<&str> = key.split('\t').collect();
        match (translation, parts.as_slice()) {
            (false, [id, version]) => rows::read(
                conn,
                "SELECT id, version, source, imported_at FROM packs WHERE id = ?1 AND version = ?2",
                &[id, version],
            ),
            (true, [id, version, language]) => rows::read(
                conn,
                "SELECT id, version, language, source, imported_at FROM pack_translations
                 WHERE id = ?1 AND version = ?2 AND language = ?3",
                &[id, version, language],
            ),
            _ => Ok(None),
        }
    }

    pub(crate) fn write(tx: &Transaction<'_>, translation: bool, row: &Row) -> Result<(), RowError> {
        if translation {
            rows::upsert(
                tx,
                "pack_translations",
                &["id", "version", "language", "source", "imported_at"],
                &["id", "version", "language"],
                row,
            )
        } else {
            rows::upsert(tx, "packs", &["id", "version", "source", "imported_at"], &["id", "version"], row)
        }
    }

    pub(crate) fn keys(conn: &Connection, translation: bool) -> Result<Vec<String>, RowError> {
        let sql = if translation {
            "SELECT id || char(9) || version || char(9) || language FROM pack_translations"
        } else {
            "SELECT id || char(9) || version FROM packs"
        };
        let mut stmt = conn.prepare(sql)?;
        let keys = stmt.query_map([], |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?;
        Ok(keys)
    }
}
