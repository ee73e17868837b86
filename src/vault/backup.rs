//! Encrypted backups: one file holding the key file and a copy of the encrypted database.
//!
//! Nothing in a backup is in the clear: the database copy is made by `VACUUM INTO`, which keeps
//! the vault's key, and the key file holds only wrapped keys. A backup opens with the same
//! passphrase or recovery phrase as the vault it came from. Format (little-endian):
//! `ATTUNEBK`, u32 format version, u32 length of the key file, the key file, the database.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::error::VaultError;
use super::keyfile::{KeyFile, write_atomically};
use super::{Credential, DB_FILE, KEYS_FILE, Vault, store};

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

impl Vault {
    /// Writes an encrypted backup to `out` (atomically), then reopens it to verify that it
    /// holds every entry.
    pub fn backup(&self, out: &Path) -> Result<BackupSummary, BackupError> {
        let dir = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let copy = dir.join(format!(".attune-backup-{}.db.tmp", std::process::id()));
        let _ = std::fs::remove_file(&copy);
        let db_err = |source| BackupError::Vault(VaultError::Database { path: copy.clone(), source });
        let result = (|| {
            self.conn.execute("VACUUM INTO ?1", [copy.to_string_lossy()]).map_err(db_err)?;
            let db = std::fs::read(&copy).map_err(io(&copy))?;
            let keys = std::fs::read(self.dir.join(KEYS_FILE)).map_err(io(&self.dir))?;
            let mut bytes = Vec::with_capacity(16 + keys.len() + db.len());
            bytes.extend_from_slice(MAGIC);
            bytes.extend_from_slice(&VERSION.to_le_bytes());
            bytes.extend_from_slice(&u32::try_from(keys.len()).unwrap_or(u32::MAX).to_le_bytes());
            bytes.extend_from_slice(&keys);
            bytes.extend_from_slice(&db);
            write_atomically(out, &bytes).map_err(io(out))?;
            Ok::<u64, BackupError>(bytes.len() as u64)
        })();
        let _ = std::fs::remove_file(&copy);
        let bytes = result?;
        let entries = verify(out, &self.data_key)?;
        let expected: i64 = self
            .conn
            .query_row("SELECT count(*) FROM entries", [], |r| r.get(0))
            .map_err(|source| BackupError::Vault(VaultError::Database { path: self.dir.join(DB_FILE), source }))?;
        if i64::try_from(entries).unwrap_or(-1) != expected {
            return Err(BackupError::Damaged {
                path: out.to_owned(),
                detail: format!("it holds {entries} entries, the vault {expected}"),
            });
        }
        Ok(BackupSummary { entries, bytes })
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
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        // A refused restore leaves no trace, not even the folder it made.
        let undo = || {
            if made_dir {
                let _ = std::fs::remove_dir(dir);
            }
        };
        write_atomically(&staged, &keys).map_err(io(&staged))?;
        let parsed = KeyFile::read(&staged);
        let _ = std::fs::remove_file(&staged);
        let checked = parsed.and_then(|parsed| match &credential {
            Credential::Passphrase(p) => parsed.unwrap_with_passphrase(p).map(drop),
            Credential::Recovery(r) => parsed.unwrap_with_recovery(&r.wrapping_key(parsed.vault_id)?).map(drop),
            Credential::Keyring(_) => Err(VaultError::KeyringNotEnabled),
        });
        if let Err(e) = checked {
            undo();
            return Err(e.into());
        }
        write_atomically(&db_path, &db).map_err(io(&db_path))?;
        write_atomically(&keys_path, &keys).map_err(io(&keys_path))?;
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

/// Opens the database inside a backup with the data key and counts its entries.
fn verify(path: &Path, key: &super::DataKey) -> Result<u64, BackupError> {
    let (_, db) = read(path)?;
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let tmp = dir.join(format!(".attune-verify-{}.db.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp).map_err(io(&tmp))?;
        file.write_all(&db).map_err(io(&tmp))?;
        drop(file);
        let conn = store::open(&tmp, key, store::Mode::Existing)?;
        let bad: Vec<String> = conn
            .prepare("PRAGMA cipher_integrity_check")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .map_err(|source| VaultError::Database { path: tmp.clone(), source })?;
        if !bad.is_empty() {
            return Err(BackupError::Damaged { path: path.to_owned(), detail: bad.join("; ") });
        }
        let n: i64 = conn
            .query_row("SELECT count(*) FROM entries", [], |r| r.get(0))
            .map_err(|source| VaultError::Database { path: tmp.clone(), source })?;
        Ok(u64::try_from(n).unwrap_or(0))
    })();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", tmp.display()));
    }
    result
}
