//! Encrypted backups: one file holding the key file and a copy of the encrypted database.
//!
//! Nothing in a backup is in the clear: the database inside is a copy of the vault's encrypted
//! file (or, when another process keeps its log busy, a `VACUUM INTO` copy, which keeps the
//! vault's key), and the key file holds only wrapped keys. A backup opens with the same
//! passphrase or recovery phrase as the vault it came from. Format (little-endian):
//! `ATTUNEBK`, u32 format version, u32 length of the key file, the key file, the database.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::error::VaultError;
use super::keyfile::{KeyFile, write_atomically};
use super::{Credential, DB_FILE, KEYS_FILE, Vault, store};
use crate::private_file::{self, PrivateFileError};

const MAGIC: &[u8; 8] = b"ATTUNEBK";
const VERSION: u32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{path} is not an Attune backup")]
    NotABackup { path: PathBuf },
    #[error("{path} is an Attune backup of format {found}, made by a newer Attune (this one reads up to {supported})")]
    TooNew { path: PathBuf, found: u32, supported: u32 },
    #[error("{path} is damaged: {detail}")]
    Damaged { path: PathBuf, detail: String },
    #[error("keeping 0 automatic backups would delete the one just written: keep at least 1")]
    KeepNone,
    #[error(transparent)]
    Vault(#[from] VaultError),
}

/// What a written backup holds, as verified by reopening it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BackupSummary {
    pub entries: u64,
    pub bytes: u64,
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::Vault(VaultError::Io { path: path.to_owned(), source })
}

impl From<PrivateFileError> for BackupError {
    fn from(e: PrivateFileError) -> Self {
        BackupError::Vault(VaultError::Io { path: e.path().to_owned(), source: e.into_io() })
    }
}

impl Vault {
    /// Writes an encrypted backup to `out` (atomically: a temporary file in the same folder,
    /// flushed, then renamed), after checking the database copy inside page by page.
    ///
    /// The copy is the vault's own encrypted file, taken while this connection holds the write
    /// lock with the write-ahead log emptied into it, so no writer can change it mid-copy; if
    /// another process keeps the log busy, `VACUUM INTO` makes the copy instead. The copy is
    /// checked (`cipher_integrity_check`, which verifies every page's HMAC, and its entry
    /// count against the vault's), then streamed into the backup with a checksum that is
    /// compared with the file as written.
    pub fn backup(&self, out: &Path) -> Result<BackupSummary, BackupError> {
        let dir = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let staged = dir.join(format!(".attune-backup-{}.db.tmp", std::process::id()));
        let cleanup = || {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", staged.display()));
            }
        };
        cleanup();
        let result = (|| {
            let expected = self.copy_database(&staged)?;
            let entries = verify(&staged, out, &self.data_key)?;
            if entries != expected {
                return Err(BackupError::Damaged {
                    path: out.to_owned(),
                    detail: format!("it holds {entries} entries, the vault {expected}"),
                });
            }
            let keys = std::fs::read(self.dir.join(KEYS_FILE)).map_err(io(&self.dir))?;
            let bytes = package(out, &keys, &staged)?;
            Ok(BackupSummary { entries, bytes })
        })();
        cleanup();
        result
    }

    /// Copies the encrypted database to `to`; returns how many entries the copy holds.
    fn copy_database(&self, to: &Path) -> Result<u64, BackupError> {
        let db_path = self.dir.join(DB_FILE);
        let db_err = |source| BackupError::Vault(VaultError::Database { path: db_path.clone(), source });
        let count = |conn: &rusqlite::Connection| -> Result<u64, BackupError> {
            crate::journal::count_entries(conn).map_err(db_err)
        };
        // Empty the log into the file, then take the write lock: while it is held and the log
        // stays empty, the file is the whole database and nothing can change it.
        // A reader elsewhere (the desktop app) makes the checkpoint wait: do not wait long,
        // `VACUUM INTO` copies a consistent snapshot without it.
        self.conn.busy_timeout(std::time::Duration::from_millis(100)).map_err(db_err)?;
        let checkpoint = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)));
        self.conn.busy_timeout(store::BUSY_TIMEOUT).map_err(db_err)?;
        let (busy, _) = checkpoint.map_err(db_err)?;
        if busy == 0 {
            let tx = rusqlite::Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Immediate)
                .map_err(db_err)?;
            let wal = PathBuf::from(format!("{}-wal", db_path.display()));
            let log_empty = std::fs::metadata(&wal).map_or(true, |m| m.len() == 0);
            if log_empty {
                let entries = count(&tx)?;
                std::fs::copy(&db_path, to).map_err(io(to))?;
                drop(tx);
                return Ok(entries);
            }
        }
        self.conn.execute("VACUUM INTO ?1", [to.to_string_lossy()]).map_err(db_err)?;
        let conn = store::open(to, &self.data_key, store::Mode::Existing)?;
        count(&conn)
    }
    /// Restores a backup into `dir` (which must not hold a vault) and opens it with
    /// `credential`. A wrong passphrase or phrase leaves nothing behind.
    pub fn restore(backup: &Path, dir: &Path, credential: Credential<'_>) -> Result<Vault, BackupError> {
        let (keys, db) = read(backup)?;
        let (db_path, keys_path) = (dir.join(DB_FILE), dir.join(KEYS_FILE));
        if db_path.exists() || keys_path.exists() {
            return Err(VaultError::AlreadyExists { path: dir.to_owned() }.into());
        }
        // Check the key file and the credential before writing anything.
        let staged = dir.join(format!(".restore-{}.keys", std::process::id()));
        let made_dir = !dir.exists();
        crate::private_file::create_dir(dir).map_err(|e| io(dir)(e.into_io()))?;
        // A refused restore leaves no trace, not even the folder it made.
        let undo = || {
            if made_dir {
                let _ = std::fs::remove_dir(dir);
            }
        };
        private_file::write(&staged, &keys)?;
        let parsed = KeyFile::read(&staged);
        let _ = std::fs::remove_file(&staged);
        let key = parsed.and_then(|parsed| match &credential {
            Credential::Passphrase(p) => parsed.unwrap_with_passphrase(p),
            Credential::Recovery(r) => parsed.unwrap_with_recovery(&r.wrapping_key(parsed.vault_id)?),
            Credential::Keyring(_) => Err(VaultError::KeyringNotEnabled),
        });
        let key = match key {
            Ok(key) => key,
            Err(e) => {
                undo();
                return Err(e.into());
            }
        };
        // Check every page of the database under a temporary name before it takes the real
        // one: a truncated or altered backup is refused with nothing left behind.
        let staged_db = dir.join(format!(".restore-{}.db.tmp", std::process::id()));
        let remove_staged_db = || {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", staged_db.display()));
            }
        };
        let checked = write_atomically(&staged_db, &db)
            .map_err(io(&staged_db))
            .and_then(|()| verify(&staged_db, backup, &key).map(drop))
            .map_err(|e| match e {
                BackupError::Vault(VaultError::Damaged { detail, .. }) => {
                    BackupError::Damaged { path: backup.to_owned(), detail }
                }
                other => other,
            });
        if let Err(e) = checked {
            remove_staged_db();
            undo();
            return Err(e);
        }
        let placed = std::fs::rename(&staged_db, &db_path).map_err(io(&db_path));
        remove_staged_db();
        if let Err(e) = placed.and_then(|()| write_atomically(&keys_path, &keys).map_err(io(&keys_path))) {
            let _ = std::fs::remove_file(&db_path);
            undo();
            return Err(e);
        }
        match Vault::open(dir, credential) {
            Ok(vault) => Ok(vault),
            Err(e) => {
                let _ = std::fs::remove_file(&db_path);
                let _ = std::fs::remove_file(&keys_path);
                undo();
                Err(e.into())
            }
        }
    }
}

fn read(path: &Path) -> Result<(Vec<u8>, Vec<u8>), BackupError> {
    let bytes = std::fs::read(path).map_err(io(path))?;
    if bytes.len() < 16 || &bytes[..8] != MAGIC {
        return Err(BackupError::NotABackup { path: path.to_owned() });
    }
    let word = |at: usize| u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    let version = word(8);
    if version > VERSION {
        return Err(BackupError::TooNew { path: path.to_owned(), found: version, supported: VERSION });
    }
    let keys_len = word(12) as usize;
    let db_start = 16usize.saturating_add(keys_len);
    if db_start >= bytes.len() {
        return Err(BackupError::Damaged { path: path.to_owned(), detail: "it is cut short".to_owned() });
    }
    Ok((bytes[16..db_start].to_vec(), bytes[db_start..].to_vec()))
}

/// Opens a database copy with the data key, checks every page and counts its entries. `for_path`
/// names the backup in messages.
fn verify(db: &Path, for_path: &Path, key: &super::DataKey) -> Result<u64, BackupError> {
    let conn = store::open(db, key, store::Mode::Existing)?;
    let db_err = |source| VaultError::Database { path: db.to_owned(), source };
    let bad: Vec<String> = conn
        .prepare("PRAGMA cipher_integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(db_err)?;
    if !bad.is_empty() {
        return Err(BackupError::Damaged { path: for_path.to_owned(), detail: bad.join("; ") });
    }
    Ok(crate::journal::count_entries(&conn).map_err(db_err)?)
}

/// Writes the backup file from the key file and the checked database copy through
/// [`private_file::write_with`] (owner-only temporary file beside `out`, flushed, renamed, folder
/// flushed), after reading back what landed on disk and comparing its checksum with the copy.
/// Returns its size.
fn package(out: &Path, keys: &[u8], db: &Path) -> Result<u64, BackupError> {
    private_file::write_with(out, |tmp| {
        let io_tmp = io(out);
        let mut file = std::io::BufWriter::with_capacity(1 << 20, &mut *tmp);
        file.write_all(MAGIC).map_err(&io_tmp)?;
        file.write_all(&VERSION.to_le_bytes()).map_err(&io_tmp)?;
        let keys_len = u32::try_from(keys.len())
            .map_err(|_| BackupError::Damaged { path: out.to_owned(), detail: "the key file is too large".into() })?;
        file.write_all(&keys_len.to_le_bytes()).map_err(&io_tmp)?;
        file.write_all(keys).map_err(&io_tmp)?;
        let mut source = Checksummed::new(std::fs::File::open(db).map_err(io(db))?);
        let copied = std::io::copy(&mut source, &mut file).map_err(&io_tmp)?;
        file.flush().map_err(&io_tmp)?;
        drop(file);
        tmp.sync_all().map_err(&io_tmp)?;
        // Read back what landed on disk and compare it with what was checked.
        std::io::Seek::seek(tmp, std::io::SeekFrom::Start(16 + keys.len() as u64)).map_err(&io_tmp)?;
        let mut reread = Checksummed::new(&mut *tmp);
        let reread_len = std::io::copy(&mut reread, &mut std::io::sink()).map_err(&io_tmp)?;
        if reread_len != copied || reread.sum() != source.sum() {
            return Err(BackupError::Damaged {
                path: out.to_owned(),
                detail: "the file as written differs from the checked copy".to_owned(),
            });
        }
        Ok(16 + keys.len() as u64 + copied)
    })
}

/// A reader that keeps a CRC-32 of what passed through it.
struct Checksummed<R> {
    inner: R,
    crc: crc32fast::Hasher,
}

impl<R: std::io::Read> Checksummed<R> {
    fn new(inner: R) -> Self {
        Self { inner, crc: crc32fast::Hasher::new() }
    }

    fn sum(&self) -> u32 {
        self.crc.clone().finalize()
    }
}

impl<R: std::io::Read> std::io::Read for Checksummed<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.crc.update(&buf[..n]);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{KdfChoice, KdfParams, NewEntry, Passphrase};

    fn entry(vault: &Vault, text: &str) {
        vault.journal().create(NewEntry { body: text.to_owned(), ..NewEntry::default() }).unwrap();
    }

    #[test]
    fn a_reader_holding_the_log_makes_the_backup_fall_back_to_vacuum_into() {
        let tmp = tempfile::tempdir().unwrap();
        let pass = Passphrase::new("a quiet evening by the lake".to_owned());
        let (vault, _) = Vault::create(&tmp.path().join("v"), &pass, KdfChoice::Fixed(KdfParams::MINIMUM)).unwrap();
        entry(&vault, "first");
        // Another connection (the desktop app, say) in the middle of a read keeps the log from
        // being emptied, so the file alone is not the whole database.
        let other = store::open(&vault.dir.join(DB_FILE), &vault.data_key, store::Mode::Existing).unwrap();
        other.execute_batch("BEGIN; SELECT count(*) FROM entries;").unwrap();
        entry(&vault, "second, only in the log");
        let out = tmp.path().join("b.attune-backup");
        let summary = vault.backup(&out).unwrap();
        assert_eq!(summary.entries, 2, "the copy holds the entry still in the log");
        other.execute_batch("COMMIT").unwrap();
        drop(other);

        let restored = Vault::restore(&out, &tmp.path().join("r"), Credential::Passphrase(&pass)).unwrap();
        let bodies: Vec<String> = restored
            .journal()
            .list(&crate::ListFilter::default())
            .unwrap()
            .items
            .into_iter()
            .map(|e| e.excerpt)
            .collect();
        assert_eq!(bodies, ["second, only in the log", "first"]);
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp") || n.contains("-wal") || n.contains("-shm"))
            .collect();
        assert!(leftovers.is_empty(), "no temporary files are left: {leftovers:?}");
    }

    #[test]
    fn the_fast_copy_is_a_whole_database() {
        let tmp = tempfile::tempdir().unwrap();
        let pass = Passphrase::new("a quiet evening by the lake".to_owned());
        let (vault, _) = Vault::create(&tmp.path().join("v"), &pass, KdfChoice::Fixed(KdfParams::MINIMUM)).unwrap();
        for n in 0..50 {
            entry(&vault, &format!("entry {n}"));
        }
        let out = tmp.path().join("b.attune-backup");
        assert_eq!(vault.backup(&out).unwrap().entries, 50);
        entry(&vault, "after the backup");
        let restored = Vault::restore(&out, &tmp.path().join("r"), Credential::Passphrase(&pass)).unwrap();
        assert!(restored.check().healthy());
        assert_eq!(
            restored.journal().list(&crate::ListFilter { limit: Some(100), ..Default::default() }).unwrap().items.len(),
            50
        );
    }
}
