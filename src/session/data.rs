//! The person's data as a whole: encrypted backups and restoring one, checking the vault,
//! exports, and imports from other journals.

use std::path::{Path, PathBuf};

use super::views::ExportedFolder;
use super::{Session, SessionError};
use crate::exchange::import::{self, Outcome, Plan};
use crate::exchange::{self, ExportSummary};
use crate::time::Timestamp;
use crate::vault::{AutoBackup, BackupSummary, Credential, HealthReport, KdfChoice, Passphrase, RecoveryPhrase, Vault};

/// What opens a backup being restored.
#[derive(Debug)]
pub enum RestoreWith<'a> {
    /// The passphrase the vault had when the backup was made.
    Passphrase(&'a Passphrase),
    /// The recovery phrase, and the new passphrase to set on the restored vault (without one,
    /// it keeps the passphrase it had when the backup was made).
    Recovery { phrase: &'a RecoveryPhrase, new_passphrase: Option<&'a Passphrase> },
}

impl Session {
    /// Restores the encrypted backup `file` into `dir` (which must not hold a vault yet), checks
    /// it as `doctor` does, and returns it unlocked. With the recovery phrase, the new
    /// passphrase is set before anything else.
    pub fn restore(file: &Path, dir: &Path, with: RestoreWith<'_>) -> Result<Session, SessionError> {
        let vault = match with {
            RestoreWith::Passphrase(passphrase) => Vault::restore(file, dir, Credential::Passphrase(passphrase))?,
            RestoreWith::Recovery { phrase, new_passphrase } => {
                let mut vault = Vault::restore(file, dir, Credential::Recovery(phrase))?;
                if let Some(new) = new_passphrase {
                    vault.change_passphrase(new, KdfChoice::default())?;
                }
                vault
            }
        };
        if !vault.check().healthy() {
            return Err(SessionError::RestoredUnhealthy { dir: dir.to_owned() });
        }
        Ok(vault.into())
    }

    /// Writes an encrypted backup to `out` and verifies it by reopening the copy.
    pub fn backup(&self, out: &Path) -> Result<BackupSummary, SessionError> {
        Ok(self.vault.backup(out)?)
    }

    /// Today's automatic backup into `folder`, keeping the newest `keep`.
    pub fn auto_backup(&self, folder: &Path, keep: usize) -> Result<AutoBackup, SessionError> {
        Ok(self.vault.auto_backup(folder, keep)?)
    }

    /// When the last automatic backup was written.
    pub fn last_auto_backup(&self) -> Result<Option<Timestamp>, SessionError> {
        Ok(self.vault.last_auto_backup()?)
    }

    /// The integrity checks behind `attune doctor`.
    pub fn check(&self) -> HealthReport {
        self.vault.check()
    }

    /// Writes the whole journal as Attune JSON to `path`, atomically and owner-only. Not
    /// encrypted: the front end says so.
    pub fn export_json(&self, path: &Path) -> Result<ExportSummary, SessionError> {
        Ok(exchange::export_json_file(&self.journal(), &self.vault.clock().now(), path)?)
    }

    /// Writes one Markdown file per entry into the new folder `dir`; returns how many.
    pub fn export_markdown(&self, dir: &Path) -> Result<u64, SessionError> {
        Ok(exchange::markdown::export_folder(&self.journal(), &self.words(), dir)?)
    }

    /// Writes the Markdown export into a new folder named after today inside `parent`
    /// ("Attune export 2026-11-30").
    pub fn export_markdown_into(&self, parent: &Path) -> Result<ExportedFolder, SessionError> {
        let target: PathBuf = parent.join(format!("Attune export {}", self.today().format("%Y-%m-%d")));
        let entries = self.export_markdown(&target)?;
        Ok(ExportedFolder { path: target.display().to_string(), entries })
    }

    /// What importing `plan` would do; nothing is written.
    pub fn import_preview(&self, plan: &Plan) -> Result<Outcome, SessionError> {
        Ok(import::preview(&self.journal(), plan)?)
    }

    /// Imports `plan` in one transaction.
    pub fn import_apply(&self, plan: Plan) -> Result<Outcome, SessionError> {
        Ok(import::apply(&self.journal(), plan)?)
    }
}
