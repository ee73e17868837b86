//! Integrity checks of an unlocked vault: encrypted pages, B-tree structure, foreign keys and the
//! full-text index. Read-only.

use std::path::Path;

use rusqlite::Connection;
use serde::Serialize;

use super::error::VaultError;

/// One named check and what it found; `problems` is empty when the check passed.
#[derive(Clone, Debug, Serialize)]
pub struct Check {
    pub name: &'static str,
    pub problems: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct HealthReport {
    pub checks: Vec<Check>,
}

impl HealthReport {
    pub fn healthy(&self) -> bool {
        self.checks.iter().all(|c| c.problems.is_empty())
    }
}

pub(crate) fn check(conn: &Connection, path: &Path) -> Result<HealthReport, VaultError> {
    let db_err = |source| VaultError::Database { path: path.to_owned(), source };
    let mut checks = Vec::new();

    // Every page's HMAC: flipped bits and torn writes inside encrypted pages.
    checks.push(Check { name: "encrypted pages", problems: rows(conn, "PRAGMA cipher_integrity_check").map_err(db_err)? });

    let mut structure = rows(conn, "PRAGMA integrity_check").map_err(db_err)?;
    structure.retain(|line| line != "ok");
    checks.push(Check { name: "database structure", problems: structure });

    let mut stmt = conn.prepare("PRAGMA foreign_key_check").map_err(db_err)?;
    let dangling = stmt
        .query_map([], |row| {
            let table: String = row.get(0)?;
            let rowid: Option<i64> = row.get(1)?;
            let parent: String = row.get(2)?;
            Ok(format!("{table} row {} points to a missing {parent} row", rowid.unwrap_or_default()))
        })
        .and_then(Iterator::collect::<Result<Vec<_>, _>>)
        .map_err(db_err)?;
    checks.push(Check { name: "references", problems: dangling });

    // With rank = 1, FTS5 compares the index against the entries table itself.
    let fts = match conn.execute("INSERT INTO entries_fts (entries_fts, rank) VALUES ('integrity-check', 1)", []) {
        Ok(_) => Vec::new(),
        Err(e) => vec![format!("the search index does not match the entries: {e}")],
    };
    checks.push(Check { name: "search index", problems: fts });

    Ok(HealthReport { checks })
}

fn rows(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map([], |row| row.get::<_, String>(0))?.collect()
}
