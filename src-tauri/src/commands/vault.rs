//! Creating, unlocking and locking the vault; passphrase, keyring and preferences.

use std::path::PathBuf;

use attune::vault::{OsKeyring, VaultState};
use attune::{Credential, KdfChoice, Passphrase, RecoveryPhrase, Session, Vault};

use super::Ctx;
use crate::dto::{
    AppStatus, ChangePassphraseRequest, CreateVaultRequest, CreatedVault, NewRecoveryPhrase, VaultPresence,
};
use crate::error::{ErrorCode, IpcError};
use crate::preferences::{MAX_AUTO_LOCK_MINUTES, Preferences};
use crate::state::AppState;

pub fn app_status(ctx: &Ctx) -> Result<AppStatus, IpcError> {
    crate::mark_first_screen();
    let dir = ctx.state.vault_dir()?;
    let unlocked =
        ctx.state.session()?.as_ref().map(|s| (s.vault().keyring_enabled(), s.vault().recovery_phrase_unseen()));
    let recovery_phrase_unseen = unlocked.is_some_and(|(_, unseen)| unseen);
    let (vault, keyring_enabled) = match (unlocked.map(|(keyring, _)| keyring), Vault::probe(&dir)?) {
        (Some(keyring), _) => (VaultPresence::Unlocked, keyring),
        (None, VaultState::Present { keyring_enabled }) => (VaultPresence::Locked, keyring_enabled),
        (None, VaultState::Missing) => (VaultPresence::Missing, false),
    };
    Ok(AppStatus {
        vault,
        vault_dir: dir.display().to_string(),
        keyring_enabled,
        vault_dir_fixed: ctx.state.vault_override.is_some(),
        recovery_phrase_unseen,
    })
}

pub fn create_vault(ctx: &Ctx, request: CreateVaultRequest) -> Result<CreatedVault, IpcError> {
    if let Some(dir) = request.dir.filter(|d| !d.trim().is_empty()) {
        if ctx.state.vault_override.is_some() {
            return Err(IpcError::invalid("the vault folder is fixed by ATTUNE_VAULT"));
        }
        let mut prefs = ctx.state.prefs()?;
        prefs.vault_dir = Some(PathBuf::from(dir).join("Attune"));
        save_preferences_file(ctx.state, &prefs)?;
    }
    let keyring = request.keyring.then_some(&OsKeyring as &dyn attune::SecretStore);
    let (session, phrase, keyring_problem) =
        Session::create(&ctx.state.vault_dir()?, &Passphrase::new(request.passphrase), KdfChoice::default(), keyring)?;
    log::info!("vault created");
    ctx.state.set_session(session)?;
    Ok(CreatedVault {
        recovery_words: phrase.words().map(str::to_owned).collect(),
        keyring_note: keyring_problem.map(|e| e.to_string()),
    })
}

pub fn unlock(ctx: &Ctx, passphrase: String) -> Result<(), IpcError> {
    let session = Session::open(&ctx.state.vault_dir()?, Credential::Passphrase(&Passphrase::new(passphrase)))?;
    log::info!("vault unlocked with the passphrase");
    ctx.state.set_session(session)
}

pub fn unlock_with_keyring(ctx: &Ctx) -> Result<(), IpcError> {
    let session = Session::open(&ctx.state.vault_dir()?, Credential::Keyring(&OsKeyring))?;
    log::info!("vault unlocked with the keyring");
    ctx.state.set_session(session)
}

pub fn recover(ctx: &Ctx, phrase: String, new_passphrase: String) -> Result<(), IpcError> {
    let phrase = RecoveryPhrase::parse(&phrase)?;
    let session = Session::recover(&ctx.state.vault_dir()?, &phrase, &Passphrase::new(new_passphrase))?;
    log::info!("vault recovered; new passphrase set");
    ctx.state.set_session(session)
}

/// Locks. `backup` (the lock button, Ctrl+L, the idle timer) first writes today's automatic
/// backup if one is due; locking for sleep or a session lock does not wait for it.
pub fn lock(ctx: &Ctx, backup: bool) -> Result<(), IpcError> {
    if backup { ctx.state.lock_with_backup() } else { ctx.state.lock() }
}

/// Locks and exits; the UI calls this after saving what is open when the window closes.
pub fn quit(ctx: &Ctx) -> Result<(), IpcError> {
    ctx.state.lock_with_backup()?;
    ctx.app.exit(0);
    Ok(())
}

pub fn change_passphrase(ctx: &Ctx, request: ChangePassphraseRequest) -> Result<(), IpcError> {
    ctx.session(|s| Ok(s.change_passphrase(&Passphrase::new(request.current), &Passphrase::new(request.new))?))
}

pub fn set_keyring(ctx: &Ctx, enabled: bool, current: Option<String>) -> Result<bool, IpcError> {
    ctx.session(|s| {
        if enabled {
            let current = current.ok_or_else(|| IpcError::invalid("turning the keyring on needs the passphrase"))?;
            s.enable_keyring(&Passphrase::new(current), &OsKeyring)?;
        } else {
            s.vault_mut().disable_keyring(&OsKeyring)?;
        }
        Ok(s.vault().keyring_enabled())
    })
}

pub fn rekey_vault(ctx: &Ctx, current: String) -> Result<NewRecoveryPhrase, IpcError> {
    ctx.session(|s| {
        let phrase = s.rekey(&Passphrase::new(current), &OsKeyring)?;
        log::info!("vault key replaced");
        Ok(NewRecoveryPhrase { recovery_words: phrase.words().map(str::to_owned).collect() })
    })
}

pub fn replace_recovery_phrase(ctx: &Ctx, current: String) -> Result<NewRecoveryPhrase, IpcError> {
    ctx.session(|s| {
        let phrase = s.vault_mut().replace_recovery_phrase(&Passphrase::new(current))?;
        log::info!("recovery phrase replaced");
        Ok(NewRecoveryPhrase { recovery_words: phrase.words().map(str::to_owned).collect() })
    })
}

pub fn get_preferences(ctx: &Ctx) -> Result<Preferences, IpcError> {
    Ok(ctx.state.prefs()?.clone())
}

pub fn save_preferences(ctx: &Ctx, preferences: Preferences) -> Result<Preferences, IpcError> {
    if preferences.auto_lock_minutes > MAX_AUTO_LOCK_MINUTES {
        return Err(IpcError::invalid(format!("auto-lock is at most {MAX_AUTO_LOCK_MINUTES} minutes")));
    }
    if !(1..=365).contains(&preferences.backup_keep) {
        return Err(IpcError::invalid("keep between 1 and 365 automatic backups"));
    }
    if let Some(time) = &preferences.reminder_time {
        crate::reminders::parse_time(time)
            .ok_or_else(|| IpcError::invalid(format!("reminder time \"{time}\" is not a time like 20:30")))?;
    }
    let mut prefs = ctx.state.prefs()?;
    // The vault folder is chosen at first run only, not through this command.
    *prefs = Preferences { vault_dir: prefs.vault_dir.clone(), ..preferences };
    save_preferences_file(ctx.state, &prefs)?;
    crate::apply_window_preferences(ctx.app, &prefs);
    Ok(prefs.clone())
}

pub(crate) fn save_preferences_file(state: &AppState, prefs: &Preferences) -> Result<(), IpcError> {
    prefs.save(&state.config_path).map_err(|e| {
        IpcError::new(ErrorCode::Internal, format!("cannot save preferences to {}: {e}", state.config_path.display()))
    })
}

/// For the window's close handler: the main window, if it is still there.
pub fn main_window(app: &tauri::AppHandle) -> Option<tauri::WebviewWindow> {
    use tauri::Manager;
    app.get_webview_window("main")
}
