//! Automatic backups: at most one a day into a folder the person chose, keeping the newest few.
//!
//! Each is an ordinary encrypted backup ([`Vault::backup`], written to a temporary file and
//! renamed in the same folder, then verified) named `attune-auto-YYYY-MM-DD.attune-backup` after
//! the local day of the vault's clock. "Once a day" is the file name: if today's exists, nothing
//! happens. The time of the last one is also kept in the vault's settings (for display, through
//! the store's typed settings).
//!
//! Pruning deletes only files whose whole name has exactly that shape, oldest first, beyond the
//! number to keep. Anything else in the folder (other backups, notes, folders, links, files
//! named almost like ours) is never touched.

use std::path::{Path, PathBuf};

use super::backup::{BackupError, BackupSummary};
use super::error::VaultError;
use super::settings::{Setting, Settings};
use super::{DB_FILE, Vault};
use crate::time::{self, Timestamp};
use chrono::NaiveDate;

const PREFIX: &str = "attune-auto-";
const SUFFIX: &str = ".attune-backup";

/// How many automatic backups are kept when the caller does not say.
pub const DEFAULT_KEEP: usize = 10;

/// What [`Vault::auto_backup`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AutoBackup {
    /// Today's backup was written (and checked); `pruned` are the older ones deleted.
    Written { path: PathBuf, summary: BackupSummary, pruned: Vec<PathBuf> },
    /// Today's backup already exists: nothing was written or deleted.
    AlreadyToday { path: PathBuf },
}

/// The file name of the automatic backup of `day`.
pub fn auto_backup_name(day: NaiveDate) -> String {
    format!("{PREFIX}{}{SUFFIX}", day.format("%Y-%m-%d"))
}

/// The day of an automatic backup's file name, if the whole name has exactly our shape.
pub fn auto_backup_day(name: &str) -> Option<NaiveDate> {
    let day = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    if day.len() != 10 {
        return None;
    }
    let parsed = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
    // Only the canonical spelling ("2026-3-1" parses too, but we never write it).
    (parsed.format("%Y-%m-%d").to_string() == day).then_some(parsed)
}

impl Vault {
    /// Writes today's automatic backup into `dir` (made if missing) unless it is already there,
    /// then deletes the oldest automatic backups beyond `keep`.
    pub fn auto_backup(&self, dir: &Path, keep: usize) -> Result<AutoBackup, BackupError> {
        if keep == 0 {
            return Err(BackupError::KeepNone);
        }
        let now = self.clock.now();
        let path = dir.join(auto_backup_name(now.date_naive()));
        if path.symlink_metadata().is_ok() {
            return Ok(AutoBackup::AlreadyToday { path });
        }
        std::fs::create_dir_all(dir)
            .map_err(|source| BackupError::Vault(VaultError::Io { path: dir.to_owned(), source }))?;
        let summary = self.backup(&path)?;
        Settings::new(&self.conn)
            .set(Setting::LastAutoBackup, Some(&time::format(&now)))
            .map_err(|source| BackupError::Vault(VaultError::Database { path: self.dir.join(DB_FILE), source }))?;
        let pruned = prune(dir, keep)?;
        Ok(AutoBackup::Written { path, summary, pruned })
    }

    /// When the last automatic backup was written, if ever.
    pub fn last_auto_backup(&self) -> Result<Option<Timestamp>, VaultError> {
        let db = |source| VaultError::Database { path: self.dir.join(DB_FILE), source };
        let text = Settings::new(&self.conn).get(Setting::LastAutoBackup).map_err(db)?;
        Ok(text.and_then(|t| time::parse_timestamp("last_auto_backup", &t).ok()))
    }
}

/// Deletes the oldest automatic backups in `dir` beyond `keep`; returns what it deleted.
fn prune(dir: &Path, keep: usize) -> Result<Vec<PathBuf>, BackupError> {
    let io = |source| BackupError::Vault(VaultError::Io { path: dir.to_owned(), source });
    let mut ours: Vec<(NaiveDate, PathBuf)> = Vec::new();
    for item in std::fs::read_dir(dir).map_err(io)? {
        let item = item.map_err(io)?;
        // file_type does not follow links: a link named like a backup is left alone.
        if !item.file_type().map_err(io)?.is_file() {
            continue;
        }
        if let Some(day) = item.file_name().to_str().and_then(auto_backup_day) {
            ours.push((day, item.path()));
        }
    }
    ours.sort_by_key(|(day, _)| std::cmp::Reverse(*day));
    let mut pruned = Vec::new();
    for (_, path) in ours.into_iter().skip(keep) {
        std::fs::remove_file(&path)
            .map_err(|source| BackupError::Vault(VaultError::Io { path: path.clone(), source }))?;
        pruned.push(path);
    }
    Ok(pruned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("attune-auto-2026-03-14.attune-backup", Some("2026-03-14"))]
    #[case("attune-auto-2026-3-14.attune-backup", None)]
    #[case("attune-auto-2026-03-14.attune-backup.tmp", None)]
    #[case(".attune-auto-2026-03-14.attune-backup.x1.tmp", None)]
    #[case("attune-auto-latest.attune-backup", None)]
    #[case("my-attune-auto-2026-03-14.attune-backup", None)]
    #[case("attune-auto-2026-02-30.attune-backup", None)]
    fn only_our_exact_names_are_ours(#[case] name: &str, #[case] day: Option<&str>) {
        assert_eq!(auto_backup_day(name).map(|d| d.to_string()).as_deref(), day, "{name}");
    }
}
