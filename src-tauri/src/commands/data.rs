//! The person's data as a whole: encrypted backups, restoring one, and checking the vault.

use std::path::PathBuf;

use attune::{Credential, KdfChoice, Passphrase, RecoveryPhrase, Vault};
use tauri::State;

use attune::exchange::import::{self, Format, Outcome};

use crate::dto::{BackupStatus, BackupView, CheckView, ExportedFolder, HealthView, RestoreRequest};
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

/// Whether automatic backups are on, where they go, and how the last one went.
#[tauri::command]
pub async fn backup_status(state: State<'_, AppState>) -> Result<BackupStatus, IpcError> {
    let (folder, keep) = {
        let prefs = state.prefs()?;
        (prefs.backup_folder.clone(), prefs.backup_keep)
    };
    let last = state.with_vault(|v| Ok(v.last_auto_backup()?))?;
    let problem = state.backup_problem.lock().ok().and_then(|p| p.clone());
    Ok(BackupStatus { folder, keep, last, problem })
}

/// Writes the whole journal as Attune JSON where the person chose. Not encrypted: the UI says
/// so before asking where.
#[tauri::command]
pub async fn export_json(state: State<'_, AppState>, path: String) -> Result<u64, IpcError> {
    let path = PathBuf::from(path);
    let summary = state.with_vault(|v| {
        let now = v.clock().now();
        Ok(attune::exchange::export_json_file(&v.journal(), &now, &path)?)
    })?;
    log::info!("exported to Attune JSON");
    Ok(summary.entries)
}

/// Writes one Markdown file per entry into a new folder inside the one chosen.
#[tauri::command]
pub async fn export_markdown(state: State<'_, AppState>, dir: String) -> Result<ExportedFolder, IpcError> {
    let day = chrono::Local::now().format("%Y-%m-%d");
    let target = PathBuf::from(dir).join(format!("Attune export {day}"));
    let written = state.with_vault(|v| Ok(attune::exchange::markdown::export_folder(&v.journal(), &target)?))?;
    log::info!("exported to Markdown");
    Ok(ExportedFolder { path: target.display().to_string(), entries: written })
}

/// Reads a file or folder to import and says what importing it would do; nothing is written.
/// The plan waits for `import_apply`.
#[tauri::command]
pub async fn import_preview(
    state: State<'_, AppState>,
    path: String,
    format: Option<Format>,
) -> Result<Outcome, IpcError> {
    let path = PathBuf::from(path);
    // Reading and parsing happens without the vault; only the preview needs it.
    let plan = import::plan(&path, format, &import::Options::system())?;
    let outcome = state.with_vault(|v| Ok(import::preview(&v.journal(), &plan)?))?;
    *state.pending_import.lock().map_err(|_| IpcError::invalid("the import is unusable; start again"))? = Some(plan);
    Ok(outcome)
}

/// Imports what `import_preview` read, in one transaction.
#[tauri::command]
pub async fn import_apply(state: State<'_, AppState>) -> Result<Outcome, IpcError> {
    let plan = state
        .pending_import
        .lock()
        .map_err(|_| IpcError::invalid("the import is unusable; start again"))?
        .take()
        .ok_or_else(|| IpcError::invalid("nothing to import: choose a file or folder first"))?;
    let outcome = state.with_vault(|v| Ok(import::apply(&v.journal(), plan)?))?;
    log::info!("import applied");
    Ok(outcome)
}

#[tauri::command]
pub async fn import_cancel(state: State<'_, AppState>) -> Result<(), IpcError> {
    if let Ok(mut pending) = state.pending_import.lock() {
        *pending = None;
    }
    Ok(())
}
