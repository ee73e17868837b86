//! Integrity checks of an unlocked vault: encrypted pages, B-tree structure, foreign keys and the
//! full-text index. Read-only. Runs no SQL on any table: the checks are pragmas over the whole
//! database, and the search index is checked by the journal, which owns it.

use rusqlite::Connection;
use serde::Serialize;

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

pub(crate) fn check(conn: &Connection) -> HealthReport {
    // A damaged file can make a check itself fail part-way; that is a finding, not an error.
    let run = |name: &'static str, result: rusqlite::Result<Vec<String>>| Check {
        name,
        problems: result.unwrap_or_else(|e| vec![format!("the check could not finish: {e}")]),
    };
    let checks = vec![
        // Every page's HMAC: flipped bits and torn writes inside encrypted pages.
        run("encrypted pages", rows(conn, "PRAGMA cipher_integrity_check")),
        run(
            "database structure",
            rows(conn, "PRAGMA integrity_check").map(|mut lines| {
                lines.retain(|line| line != "ok");
                lines
            }),
        ),
        run("references", dangling_references(conn)),
        // The journal owns the index; it compares it against the entries table itself.
        run("search index", Ok(crate::journal::check_index(conn))),
    ];
    HealthReport { checks }
}

fn dangling_references(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    stmt.query_map([], |row| {
        let table: String = row.get(0)?;
        let rowid: Option<i64> = row.get(1)?;
        let parent: String = row.get(2)?;
        Ok(format!("{table} row {} points to a missing {parent} row", rowid.unwrap_or_default()))
    })?
    .collect()
}

fn rows(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map([], |row| row.get::<_, String>(0))?.collect()
}
