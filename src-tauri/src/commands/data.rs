//! The person's data as a whole: encrypted backups, restoring one, checking the vault, exports
//! and imports. Each is one call on the core session.

use std::path::PathBuf;

use attune::exchange::import::{self, Format, Outcome};
use attune::session::{ExportedFolder, RestoreWith};
use attune::{Passphrase, RecoveryPhrase, Session};

use super::Ctx;
use crate::dto::{BackupStatus, BackupView, CheckView, HealthView, RestoreRequest};
use crate::error::IpcError;

/// Writes an encrypted backup where the person chose, and verifies it by reopening it.
pub fn backup_vault(ctx: &Ctx, path: String) -> Result<BackupView, IpcError> {
    let summary = ctx.session(|s| Ok(s.backup(&PathBuf::from(&path))?))?;
    log::info!("backup written and verified");
    Ok(BackupView { path, entries: summary.entries, bytes: summary.bytes })
}

/// Checks the vault's integrity, as `attune doctor` does.
pub fn check_vault(ctx: &Ctx) -> Result<HealthView, IpcError> {
    let report = ctx.session(|s| Ok(s.check()))?;
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
/// recovery phrase, a new passphrase is set. The vault that was open, if any, is locked; the
/// app then uses the restored one.
pub fn restore_backup(ctx: &Ctx, request: RestoreRequest) -> Result<(), IpcError> {
    let chosen = request.dir.filter(|d| !d.trim().is_empty()).map(|d| PathBuf::from(d).join("Attune"));
    if chosen.is_some() && ctx.state.vault_override.is_some() {
        return Err(IpcError::invalid("the vault folder is fixed by ATTUNE_VAULT"));
    }
    let target = match &chosen {
        Some(dir) => dir.clone(),
        None => ctx.state.vault_dir()?,
    };
    let file = PathBuf::from(&request.file);
    let session = match (request.passphrase, request.phrase) {
        (Some(passphrase), None) => {
            Session::restore(&file, &target, RestoreWith::Passphrase(&Passphrase::new(passphrase)))?
        }
        (None, Some(phrase)) => {
            let new = request
                .new_passphrase
                .ok_or_else(|| IpcError::invalid("restoring with the recovery phrase needs a new passphrase"))?;
            let phrase = RecoveryPhrase::parse(&phrase)?;
            let new_passphrase = Passphrase::new(new);
            Session::restore(
                &file,
                &target,
                RestoreWith::Recovery { phrase: &phrase, new_passphrase: Some(&new_passphrase) },
            )?
        }
        _ => return Err(IpcError::invalid("give either the backup's passphrase or its recovery phrase")),
    };
    if let Some(dir) = chosen {
        let mut prefs = ctx.state.prefs()?;
        prefs.vault_dir = Some(dir);
        super::vault::save_preferences_file(ctx.state, &prefs)?;
    }
    log::info!("backup restored into a new vault");
    ctx.state.set_session(session)
}

/// Whether automatic backups are on, where they go, and how the last one went.
pub fn backup_status(ctx: &Ctx) -> Result<BackupStatus, IpcError> {
    let (folder, keep) = {
        let prefs = ctx.state.prefs()?;
        (prefs.backup_folder.clone(), prefs.backup_keep)
    };
    let last = ctx.session(|s| Ok(s.last_auto_backup()?))?;
    let problem = ctx.state.backup_problem.lock().ok().and_then(|p| p.clone());
    Ok(BackupStatus { folder, keep, last, problem })
}

/// Writes the whole journal as Attune JSON where the person chose. Not encrypted: the UI says
/// so before asking where.
pub fn export_json(ctx: &Ctx, path: String) -> Result<u64, IpcError> {
    let summary = ctx.session(|s| Ok(s.export_json(&PathBuf::from(path))?))?;
    log::info!("exported to Attune JSON");
    Ok(summary.entries)
}

/// Writes one Markdown file per entry into a new folder inside the one chosen.
pub fn export_markdown(ctx: &Ctx, dir: String) -> Result<ExportedFolder, IpcError> {
    let folder = ctx.session(|s| Ok(s.export_markdown_into(&PathBuf::from(dir))?))?;
    log::info!("exported to Markdown");
    Ok(folder)
}

/// Reads a file or folder to import and says what importing it would do; nothing is written.
/// The plan waits for `import_apply`.
pub fn import_preview(ctx: &Ctx, path: String, format: Option<Format>) -> Result<Outcome, IpcError> {
    // Reading and parsing happens without the vault; only the preview needs it.
    let plan = import::plan(&PathBuf::from(path), format, &import::Options::system())?;
    let outcome = ctx.session(|s| Ok(s.import_preview(&plan)?))?;
    *ctx.state.pending_import.lock().map_err(|_| IpcError::invalid("the import is unusable; start again"))? =
        Some(plan);
    Ok(outcome)
}

/// Imports what `import_preview` read, in one transaction.
pub fn import_apply(ctx: &Ctx) -> Result<Outcome, IpcError> {
    let plan = ctx
        .state
        .pending_import
        .lock()
        .map_err(|_| IpcError::invalid("the import is unusable; start again"))?
        .take()
        .ok_or_else(|| IpcError::invalid("nothing to import: choose a file or folder first"))?;
    let outcome = ctx.session(|s| Ok(s.import_apply(plan)?))?;
    log::info!("import applied");
    Ok(outcome)
}

pub fn import_cancel(ctx: &Ctx) -> Result<(), IpcError> {
    if let Ok(mut pending) = ctx.state.pending_import.lock() {
        *pending = None;
    }
    Ok(())
}
