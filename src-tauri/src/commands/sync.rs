//! Two computers, one journal: linking this vault to a sync folder, joining one from another
//! computer, exchanging now, and where it stands. Each is one call on the core session; the
//! exchanges that run on their own (after an unlock, every few minutes, before a lock) are in
//! [`crate::auto_sync`].

use attune::sync::{SyncError, SyncReport};
use attune::{Credential, Passphrase, RecoveryPhrase, Session, SessionError};
use zeroize::Zeroizing;

use super::Ctx;
use crate::dialogs::{self, Ask};
use crate::dto::{JoinRequest, SyncView, SyncedFolder};
use crate::error::IpcError;

/// Where sync stands (null when not linked), the last problem, and whether the vault's own
/// folder sits in a folder a sync tool manages.
pub fn sync_status(ctx: &Ctx) -> Result<SyncView, IpcError> {
    let status = ctx.session(|s| match s.sync_status() {
        Ok(status) => Ok(Some(status)),
        Err(SessionError::Sync(SyncError::NotLinked)) => Ok(None),
        Err(e) => Err(e.into()),
    })?;
    let inside = attune::sync::inside_synced_folder(&ctx.state.vault_dir()?)
        .map(|(tool, folder)| SyncedFolder { tool: tool.to_owned(), folder: folder.display().to_string() });
    Ok(SyncView { status, problem: ctx.state.auto_sync.problem(), inside })
}

/// Exchanges changes with the sync folder now; a failure is also kept as the last problem.
pub fn sync_now(ctx: &Ctx) -> Result<SyncReport, IpcError> {
    let result = ctx.session(|s| Ok(s.sync()?));
    ctx.state.auto_sync.record(&result);
    result
}

/// Asks for a sync folder, links this vault to it and writes everything there; null when the
/// person cancels.
pub fn sync_link(ctx: &Ctx) -> Result<Option<SyncReport>, IpcError> {
    let title = ctx.say("dialog-sync-folder");
    let Some(folder) = dialogs::open_folder(ctx.app, Ask::new(&title))? else { return Ok(None) };
    let report = ctx.session(|s| Ok(s.sync_link(&folder, None)?))?;
    // A failure is the person's to see at once (the command's error), not a kept problem.
    ctx.state.auto_sync.record(&Ok(()));
    log::info!("vault linked to a sync folder");
    Ok(Some(report))
}

/// Stops syncing this vault; the folder and the other computers are left as they are.
pub fn sync_unlink(ctx: &Ctx) -> Result<(), IpcError> {
    ctx.session(|s| Ok(s.sync_unlink()?))?;
    ctx.state.auto_sync.record(&Ok(()));
    log::info!("vault unlinked from its sync folder");
    Ok(())
}

/// Asks which sync folder holds the journal to join; keeps it for `join_vault` and returns its
/// name, or null.
pub fn choose_join_folder(ctx: &Ctx) -> Result<Option<String>, IpcError> {
    let title = ctx.say("dialog-join-folder");
    let chosen = dialogs::open_folder(ctx.app, Ask::new(&title))?;
    let name = chosen.as_deref().map(dialogs::display_name);
    ctx.state.chosen()?.join_folder = chosen;
    Ok(name)
}

/// Makes this computer's vault, in the app's vault folder, from the journal in the sync folder
/// chosen with `choose_join_folder`, opened with its passphrase or its recovery phrase; then
/// opens it.
pub fn join_vault(ctx: &Ctx, request: JoinRequest) -> Result<(), IpcError> {
    let folder = ctx
        .state
        .chosen()?
        .join_folder
        .clone()
        .ok_or_else(|| IpcError::invalid("choose the sync folder of the journal to join first"))?;
    let dir = ctx.state.vault_dir()?;
    let (session, _report) = match (request.passphrase.clone(), request.phrase.clone()) {
        (Some(passphrase), None) => Session::sync_join_with_clock(
            &folder,
            &dir,
            Credential::Passphrase(&Passphrase::new(passphrase)),
            None,
            ctx.state.clock(),
        )?,
        (None, Some(phrase)) => {
            let phrase = RecoveryPhrase::parse(&Zeroizing::new(phrase))?;
            Session::sync_join_with_clock(&folder, &dir, Credential::Recovery(&phrase), None, ctx.state.clock())?
        }
        _ => return Err(IpcError::invalid("give either the journal's passphrase or its recovery phrase")),
    };
    ctx.state.chosen()?.join_folder = None;
    log::info!("joined a journal from its sync folder");
    // Joining has just exchanged everything: the next exchange is the timer's.
    super::vault::opened(ctx, session, false)
}
