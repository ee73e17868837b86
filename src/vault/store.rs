//! The one door to the encrypted database.
//!
//! [`open`] is the only function that opens `vault.db`, always in the same order: raw key, a read
//! that proves the key, pragmas, migrations. Nothing else in Attune calls `Connection::open`.
//! Temp tables and sort files stay in memory (`temp_store = MEMORY`), so no decrypted page is
//! ever written outside the encrypted database and its encrypted WAL.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::error::VaultError;
use super::secret::DataKey;

/// How long a writer waits for another process (the app and the CLI on one vault) to finish.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// One migration: the schema version it produces, and its SQL.
pub(crate) struct Migration {
    pub(crate) version: u32,
    pub(crate) name: &'static str,
    pub(crate) sql: &'static str,
}

/// Every migration, in order. The file number is the resulting `user_version`.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, name: "initial", sql: include_str!("../../migrations/0001_initial.sql") },
    Migration {
        version: 2,
        name: "search_vocabulary",
        sql: include_str!("../../migrations/0002_search_vocabulary.sql"),
    },
    Migration { version: 3, name: "imported_packs", sql: include_str!("../../migrations/0003_imported_packs.sql") },
    Migration { version: 4, name: "exercise_drafts", sql: include_str!("../../migrations/0004_exercise_drafts.sql") },
    Migration {
        version: 5,
        name: "entry_answer_steps",
        sql: include_str!("../../migrations/0005_entry_answer_steps.sql"),
    },
    Migration {
        version: 6,
        name: "search_secure_delete",
        sql: include_str!("../../migrations/0006_search_secure_delete.sql"),
    },
    Migration {
        version: 7,
        name: "pack_translations",
        sql: include_str!("../../migrations/0007_pack_translations.sql"),
    },
    Migration { version: 8, name: "text_nfc", sql: include_str!("../../migrations/0008_text_nfc.sql") },
    Migration {
        version: 9,
        name: "search_unspaced_scripts",
        sql: include_str!("../../migrations/0009_search_unspaced_scripts.sql"),
    },
    Migration {
        version: 10,
        name: "entry_dates_and_templates",
        sql: include_str!("../../migrations/0010_entry_dates_and_templates.sql"),
    },
    Migration { version: 11, name: "attachments", sql: include_str!("../../migrations/0011_attachments.sql") },
    Migration { version: 12, name: "sync", sql: include_str!("../../migrations/0012_sync.sql") },
];

static MEMORY_SECURITY: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether vaults opened from now on ask SQLCipher to wipe freed memory and lock key memory
/// (`PRAGMA cipher_memory_security`). Off by default (its cost is in the README); the core
/// benchmark turns it on to measure that cost. Process-wide, as SQLCipher's setting is, and
/// once on it stays on for the process.
pub fn set_memory_security(on: bool) {
    MEMORY_SECURITY.store(on, std::sync::atomic::Ordering::SeqCst);
}

fn memory_security() -> bool {
    MEMORY_SECURITY.load(std::sync::atomic::Ordering::SeqCst)
}

/// The schema version this build writes.
pub(crate) fn schema_version() -> u32 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    Create,
    Existing,
}

pub(crate) fn open(path: &Path, key: &DataKey, mode: Mode) -> Result<Connection, VaultError> {
    let db_err = |source| VaultError::Database { path: path.to_owned(), source };
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    match mode {
        Mode::Create => {
            // SQLite would create the file with the umask's mode; make it owner-only first. Its
            // WAL and shared-memory files take the database file's mode.
            if !path.exists() {
                drop(
                    crate::private_file::create_new(path)
                        .map_err(|e| VaultError::Io { path: path.to_owned(), source: e.into_io() })?,
                );
            }
            flags |= OpenFlags::SQLITE_OPEN_CREATE
        }
        Mode::Existing if !path.is_file() => return Err(VaultError::MissingDatabase { path: parent(path) }),
        Mode::Existing => {}
    }
    let mut conn = Connection::open_with_flags(path, flags).map_err(db_err)?;

    // SQLCipher logs wrong-key attempts to stderr; Attune reports them itself. Memory security
    // (SQLCipher wipes every buffer it frees and locks its key memory against swapping) is off:
    // it made a 10,000-entry import four times slower (README, "Benchmarks"). The key is kept
    // safe instead by zeroizing types, no core dumps and a process others cannot read.
    conn.execute_batch(if memory_security() {
        "PRAGMA cipher_log_level = NONE; PRAGMA cipher_memory_security = ON;"
    } else {
        "PRAGMA cipher_log_level = NONE; PRAGMA cipher_memory_security = OFF;"
    })
    .map_err(db_err)?;
    let literal = key.sqlcipher_literal();
    let statement = zeroize::Zeroizing::new(format!("PRAGMA key = \"{}\";", literal.as_str()));
    conn.execute_batch(&statement).map_err(db_err)?;
    drop(statement);

    // PRAGMA key never fails; the first read does. The data key was already authenticated by
    // the key file, so a failure here means the file is damaged or is not this vault.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get::<_, i64>(0))
        .map_err(|e| classify_open_error(path, e))?;

    conn.busy_timeout(BUSY_TIMEOUT).map_err(db_err)?;
    let journal_mode: String =
        conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0)).map_err(|e| classify_open_error(path, e))?;
    if !journal_mode.eq_ignore_ascii_case("wal") {
        return Err(VaultError::Damaged {
            path: path.to_owned(),
            detail: format!("cannot use WAL (got {journal_mode})"),
        });
    }
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA secure_delete = ON;",
    )
    .map_err(db_err)?;

    // Migrations call them (8 brings stored text to Unicode NFC; the search index reads the
    // entries through the other from 9 on), so they come first.
    crate::journal::nfc::register(&conn).map_err(db_err)?;
    crate::journal::unspaced::register(&conn).map_err(db_err)?;
    migrate(&mut conn, path)?;
    Ok(conn)
}

/// Applies every pending migration in one transaction; refuses a database newer than this build.
pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<u32, VaultError> {
    let db_err = |source| VaultError::Database { path: path.to_owned(), source };
    let current: u32 = conn.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(db_err)?;
    let supported = schema_version();
    if current > supported {
        return Err(VaultError::SchemaTooNew { path: path.to_owned(), found: current, supported });
    }
    if current == supported {
        return Ok(current);
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive).map_err(db_err)?;
    for migration in MIGRATIONS.iter().filter(|m| m.version > current) {
        tx.execute_batch(migration.sql).map_err(|source| VaultError::Migration {
            path: path.to_owned(),
            version: migration.version,
            name: migration.name,
            source,
        })?;
        tx.pragma_update(None, "user_version", migration.version).map_err(db_err)?;
    }
    tx.commit().map_err(db_err)?;
    Ok(supported)
}

fn classify_open_error(path: &Path, e: rusqlite::Error) -> VaultError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            VaultError::Damaged { path: path.to_owned(), detail: e.to_string() }
        }
        _ => VaultError::Database { path: path.to_owned(), source: e },
    }
}

fn parent(path: &Path) -> std::path::PathBuf {
    path.parent().unwrap_or(path).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_contiguously_from_one() {
        for (index, migration) in MIGRATIONS.iter().enumerate() {
            assert_eq!(migration.version as usize, index + 1, "migration {} is out of sequence", migration.name);
        }
    }

    #[test]
    fn every_migration_file_is_listed_under_its_number() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        files.sort();
        let listed: Vec<String> = MIGRATIONS.iter().map(|m| format!("{:04}_{}.sql", m.version, m.name)).collect();
        assert_eq!(files, listed, "migrations/ and MIGRATIONS must agree");
    }

    #[test]
    fn a_database_newer_than_this_build_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.db");
        let key = DataKey::generate().unwrap();
        drop(open(&path, &key, Mode::Create).unwrap());
        {
            let conn = open(&path, &key, Mode::Existing).unwrap();
            conn.pragma_update(None, "user_version", schema_version() + 1).unwrap();
        }
        let err = open(&path, &key, Mode::Existing).unwrap_err();
        assert!(matches!(err, VaultError::SchemaTooNew { found, .. } if found == schema_version() + 1), "got {err:?}");
    }

    /// The pages of `vault.db` as SQLCipher 4 stores them, decrypted with `key`: AES-256-CBC
    /// over each 4096-byte page but its reserved tail (16-byte IV, 64-byte HMAC); page 1 starts
    /// with the 16-byte salt in the clear. (The HMAC is not checked here; SQLCipher did that.)
    fn decrypted_pages(path: &Path, key: &DataKey) -> Vec<u8> {
        use cbc::cipher::{BlockDecryptMut, KeyIvInit, block_padding::NoPadding};
        const PAGE: usize = 4096;
        const RESERVE: usize = 80;
        let file = std::fs::read(path).unwrap();
        assert_eq!(file.len() % PAGE, 0, "whole pages");
        let mut plain = Vec::with_capacity(file.len());
        for (n, page) in file.chunks(PAGE).enumerate() {
            let start = if n == 0 { 16 } else { 0 };
            let iv = &page[PAGE - RESERVE..PAGE - RESERVE + 16];
            let mut data = page[start..PAGE - RESERVE].to_vec();
            cbc::Decryptor::<aes::Aes256>::new(key.expose_secret().into(), iv.into())
                .decrypt_padded_mut::<NoPadding>(&mut data)
                .unwrap();
            plain.extend_from_slice(&data);
        }
        plain
    }

    fn holds(haystack: &[u8], needle: &str) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
    }

    #[test]
    fn an_entry_deleted_for_good_leaves_no_word_in_the_raw_pages() {
        use crate::journal::{Journal, NewEntry};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.db");
        let key = DataKey::generate().unwrap();
        let clock = crate::time::SystemClock;
        {
            let conn = open(&path, &key, Mode::Create).unwrap();
            let journal = Journal::new(&conn, &clock);
            let kept = "the heron kept zyxkeptmarker in the reeds";
            journal.create(NewEntry { body: kept.into(), ..NewEntry::default() }).unwrap();
            let gone = journal
                .create(NewEntry {
                    title: "zzqxgonemarker".into(),
                    body: "a zzqxgonemarker secret".into(),
                    ..NewEntry::default()
                })
                .unwrap();
            journal.trash(gone.id).unwrap();
            journal.purge(gone.id).unwrap();
        } // closing checkpoints the log into vault.db and removes it
        assert!(!path.with_extension("db-wal").exists());
        let pages = decrypted_pages(&path, &key);
        assert!(holds(&pages, "zyxkeptmarker"), "decryption works: a kept word is there");
        assert!(!holds(&pages, "zzqxgonemarker"), "a purged word is nowhere in the pages, index included");
    }

    #[test]
    fn memory_security_is_off_unless_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(&dir.path().join("vault.db"), &DataKey::generate().unwrap(), Mode::Create).unwrap();
        let on: String = conn.query_row("PRAGMA cipher_memory_security", [], |r| r.get(0)).unwrap();
        assert_eq!(on, "0", "off: it costs a bulk import four times its time");
    }

    #[test]
    fn wrong_key_is_reported_as_damage_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.db");
        drop(open(&path, &DataKey::generate().unwrap(), Mode::Create).unwrap());
        let err = open(&path, &DataKey::generate().unwrap(), Mode::Existing).unwrap_err();
        assert!(matches!(err, VaultError::Damaged { .. }), "got {err:?}");
    }
}
