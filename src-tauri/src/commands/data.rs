//! The person's data as a whole: encrypted backups, restoring one, and checking the vault.

use std::path::PathBuf;

use attune::{Credential, KdfChoice, Passphrase, RecoveryPhrase, Vault};
use tauri::State;

use crate::dto::{BackupView, CheckView, HealthView, RestoreRequest};
use crate::error::IpcError;
use crate::state::AppState;

/// Writes an encrypted backup where the person chose, and verifies it by reopening it.
#[tauri::command]
pub async fn backup_vault(state: State<'_, AppState>, path: String) -> Result<BackupView, IpcError> {
    let out = PathBuf::from(&path);
    let summary = state.with_vault(|v| Ok(v.backup(&out)?))?;
    log::info!("backup written and verified");
    Ok(BackupView { path, entries: summary.entries, bytes: summary.bytes })
}

/// Checks the vault's integrity, as `attune doctor` does.
#[tauri::command]
pub async fn check_vault(state: State<'_, AppState>) -> Result<HealthView, IpcError> {
    let report = state.with_vault(|v| Ok(v.check()))?;
    Ok(HealthView {
        healthy: report.healthy(),
        checks: report
            .checks
            .into_iter()
            .map(|c| CheckView { name: c.name.to_owned(), problems: c.problems })
            .collect(),
    })
}

/// Restores a backup into a new vault folder and opens it: the platform's vault folder when
/// none exists there yet (first run on a new computer), or a folder the person chose. With the
/// recovery phrase, a new passphrase is set. The vault that was open, if any, is locked first;
/// the app then uses the restored one.
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, request: RestoreRequest) -> Result<(), IpcError> {
    let chosen = request.dir.filter(|d| !d.trim().is_empty()).map(|d| PathBuf::from(d).join("Attune"));
    if chosen.is_some() && state.vault_override.is_some() {
        return Err(IpcError::invalid("the vault folder is fixed by ATTUNE_VAULT"));
    }
    let target = match &chosen {
        Some(dir) => dir.clone(),
        None => state.vault_dir()?,
    };
    let file = PathBuf::from(&request.file);
    let vault = match (&request.passphrase, &request.phrase) {
        (Some(passphrase), None) => {
            Vault::restore(&file, &target, Credential::Passphrase(&Passphrase::new(passphrase.clone())))?
        }
        (None, Some(phrase)) => {
            let new = request
                .new_passphrase
                .clone()
                .ok_or_else(|| IpcError::invalid("restoring with the recovery phrase needs a new passphrase"))?;
            let phrase = RecoveryPhrase::parse(phrase)?;
            let mut vault = Vault::restore(&file, &target, Credential::Recovery(&phrase))?;
            vault.change_passphrase(&Passphrase::new(new), KdfChoice::default())?;
            vault
        }
        _ => return Err(IpcError::invalid("give either the backup's passphrase or its recovery phrase")),
    };
    state.lock()?;
    if let Some(dir) = chosen {
        let mut prefs = state.prefs()?;
        prefs.vault_dir = Some(dir);
        super::vault::save_preferences_file(&state, &prefs)?;
    }
    log::info!("backup restored into a new vault");
    *state.session()? = Some(vault);
    Ok(())
}
