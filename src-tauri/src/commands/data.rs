//! The person's data as a whole: encrypted backups, restoring one, checking the vault, exports
//! and imports. Each is one call on the core session.

use attune::exchange::import::{self, Format, Outcome};
use attune::session::{ExportedFolder, RestoreWith};
use attune::{Passphrase, RecoveryPhrase, Session};

use super::Ctx;
use crate::dialogs::{self, Ask};
use crate::dto::{BackupStatus, BackupView, CheckView, HealthView, ImportSource, RestoreRequest};
use crate::error::IpcError;

/// Asks where to save an encrypted backup, writes it there and verifies it by reopening it.
pub fn backup_vault(ctx: &Ctx) -> Result<Option<BackupView>, IpcError> {
    let name = format!("attune-{}.attune-backup", today(ctx)?);
    let title = ctx.say("dialog-backup");
    let ask = Ask::new(&title).file_name(&name).extensions(&["attune-backup"]);
    let Some(path) = dialogs::save_file(ctx.app, ask)? else { return Ok(None) };
    let summary = ctx.session(|s| Ok(s.backup(&path)?))?;
    log::info!("backup written and verified");
    Ok(Some(BackupView { name: dialogs::display_name(&path), entries: summary.entries, bytes: summary.bytes }))
}

/// The session's day, or the wall clock's while locked (file names only).
fn today(ctx: &Ctx) -> Result<chrono::NaiveDate, IpcError> {
    Ok(ctx.state.session()?.as_ref().map_or_else(|| chrono::Local::now().date_naive(), |s| s.today()))
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

/// Asks which backup to restore; keeps it for `restore_backup` and returns its name, or null.
pub fn choose_restore_file(ctx: &Ctx) -> Result<Option<String>, IpcError> {
    let title = ctx.say("dialog-backup");
    let chosen = dialogs::open_file(ctx.app, Ask::new(&title).extensions(&["attune-backup"]))?;
    let name = chosen.as_deref().map(dialogs::display_name);
    ctx.state.chosen()?.restore_file = chosen;
    Ok(name)
}

/// Asks where the restored vault should live; keeps it and returns its name, or null.
pub fn choose_restore_folder(ctx: &Ctx) -> Result<Option<String>, IpcError> {
    if ctx.state.vault_override.is_some() {
        return Err(IpcError::invalid("the vault folder is fixed by ATTUNE_VAULT"));
    }
    let title = ctx.say("dialog-restore-folder");
    let chosen = dialogs::open_folder(ctx.app, Ask::new(&title))?;
    let name = chosen.as_deref().map(dialogs::display_name);
    ctx.state.chosen()?.restore_folder = chosen;
    Ok(name)
}

/// Restores the chosen backup into a new vault folder and opens it: the platform's vault
/// folder when none exists there yet (first run on a new computer), or the folder chosen. With
/// the recovery phrase, a new passphrase is set. The vault that was open, if any, is locked;
/// the app then uses the restored one.
pub fn restore_backup(ctx: &Ctx, request: RestoreRequest) -> Result<(), IpcError> {
    let (file, folder) = {
        let chosen = ctx.state.chosen()?;
        (chosen.restore_file.clone(), chosen.restore_folder.clone())
    };
    let file = file.ok_or_else(|| IpcError::invalid("choose the backup to restore first"))?;
    let chosen = if request.in_chosen_folder {
        if ctx.state.vault_override.is_some() {
            return Err(IpcError::invalid("the vault folder is fixed by ATTUNE_VAULT"));
        }
        Some(folder.ok_or_else(|| IpcError::invalid("choose a folder for the restored vault first"))?.join("Attune"))
    } else {
        None
    };
    let target = match &chosen {
        Some(dir) => dir.clone(),
        None => ctx.state.vault_dir()?,
    };
    let session = match (request.passphrase, request.phrase) {
        (Some(passphrase), None) => {
            Session::restore(&file, &target, RestoreWith::Passphrase(&Passphrase::new(passphrase)))?
        }
        (None, Some(phrase)) => {
            let new = request
                .new_passphrase
                .ok_or_else(|| IpcError::invalid("restoring with the recovery phrase needs a new passphrase"))?;
            let phrase = RecoveryPhrase::parse(&zeroize::Zeroizing::new(phrase))?;
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
    *ctx.state.chosen()? = crate::state::Chosen::default();
    log::info!("backup restored into a new vault");
    super::vault::opened(ctx, session, false)
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

/// Asks where to write the whole journal as Attune JSON, and writes it. Not encrypted: the UI
/// says so before asking. Returns how many entries, or null when cancelled.
pub fn export_json(ctx: &Ctx) -> Result<Option<u64>, IpcError> {
    let name = format!("attune-export-{}.json", today(ctx)?);
    let title = ctx.say("dialog-json-export");
    let ask = Ask::new(&title).file_name(&name).extensions(&["json"]);
    let Some(path) = dialogs::save_file(ctx.app, ask)? else { return Ok(None) };
    let summary = ctx.session(|s| Ok(s.export_json(&path)?))?;
    log::info!("exported to Attune JSON");
    Ok(Some(summary.entries))
}

/// Asks for a folder and writes one Markdown file per entry into a new folder inside it.
pub fn export_markdown(ctx: &Ctx) -> Result<Option<ExportedFolder>, IpcError> {
    let title = ctx.say("dialog-markdown-folder");
    let Some(parent) = dialogs::open_folder(ctx.app, Ask::new(&title))? else {
        return Ok(None);
    };
    let folder = ctx.session(|s| Ok(s.export_markdown_into(&parent)?))?;
    log::info!("exported to Markdown");
    Ok(Some(ExportedFolder { path: dialogs::display_name(std::path::Path::new(&folder.path)), ..folder }))
}

/// Asks for a file or folder to import, reads it and says what importing it would do; nothing
/// is written. The plan waits for `import_apply`. Null when the person cancels.
pub fn import_preview(ctx: &Ctx, source: ImportSource, format: Option<Format>) -> Result<Option<Outcome>, IpcError> {
    let title = ctx.say("dialog-journal-export");
    let ask = Ask::new(&title);
    let chosen = match source {
        ImportSource::File => dialogs::open_file(ctx.app, ask.extensions(&["json", "zip", "md", "markdown", "txt"]))?,
        ImportSource::Folder => dialogs::open_folder(ctx.app, ask)?,
    };
    let Some(path) = chosen else { return Ok(None) };
    // Reading and parsing happens without the vault; only the preview needs it.
    let plan = import::plan(&path, format, &import::Options::system())?;
    let outcome = ctx.session(|s| Ok(s.import_preview(&plan)?))?;
    *ctx.state.pending_import.lock().map_err(|_| IpcError::invalid("the import is unusable; start again"))? =
        Some(plan);
    Ok(Some(outcome))
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
