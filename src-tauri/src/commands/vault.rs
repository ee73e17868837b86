//! Creating, unlocking and locking the vault; passphrase, keyring and preferences.

use std::path::PathBuf;

use attune::vault::{OsKeyring, VaultState};
use attune::{Credential, KdfChoice, Passphrase, RecoveryPhrase, Vault};
use tauri::{AppHandle, Manager, State};

use crate::dto::{AppStatus, ChangePassphraseRequest, CreateVaultRequest, CreatedVault, VaultPresence};
use crate::error::{ErrorCode, IpcError};
use crate::preferences::{MAX_AUTO_LOCK_MINUTES, Preferences};
use crate::state::AppState;

#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> Result<AppStatus, IpcError> {
    crate::mark_first_screen();
    let dir = state.vault_dir()?;
    let unlocked = state.session()?.as_ref().map(Vault::keyring_enabled);
    let (vault, keyring_enabled) = match (unlocked, Vault::probe(&dir)?) {
        (Some(keyring), _) => (VaultPresence::Unlocked, keyring),
        (None, VaultState::Present { keyring_enabled }) => (VaultPresence::Locked, keyring_enabled),
        (None, VaultState::Missing) => (VaultPresence::Missing, false),
    };
    Ok(AppStatus {
        vault,
        vault_dir: dir.display().to_string(),
        keyring_enabled,
        vault_dir_fixed: state.vault_override.is_some(),
    })
}

#[tauri::command]
pub async fn create_vault(state: State<'_, AppState>, request: CreateVaultRequest) -> Result<CreatedVault, IpcError> {
    if let Some(dir) = request.dir.filter(|d| !d.trim().is_empty()) {
        if state.vault_override.is_some() {
            return Err(IpcError::invalid("the vault folder is fixed by ATTUNE_VAULT"));
        }
        let mut prefs = state.prefs()?;
        prefs.vault_dir = Some(PathBuf::from(dir).join("Attune"));
        save_preferences_file(&state, &prefs)?;
    }
    let dir = state.vault_dir()?;
    let (mut vault, phrase) = Vault::create(&dir, &Passphrase::new(request.passphrase), KdfChoice::default())?;
    let keyring_note =
        if request.keyring { vault.enable_keyring(&OsKeyring).err().map(|e| e.to_string()) } else { None };
    log::info!("vault created");
    *state.session()? = Some(vault);
    Ok(CreatedVault { recovery_words: phrase.words().map(str::to_owned).collect(), keyring_note })
}

#[tauri::command]
pub async fn unlock(state: State<'_, AppState>, passphrase: String) -> Result<(), IpcError> {
    let vault = Vault::open(&state.vault_dir()?, Credential::Passphrase(&Passphrase::new(passphrase)))?;
    log::info!("vault unlocked with the passphrase");
    *state.session()? = Some(vault);
    Ok(())
}

#[tauri::command]
pub async fn unlock_with_keyring(state: State<'_, AppState>) -> Result<(), IpcError> {
    let vault = Vault::open(&state.vault_dir()?, Credential::Keyring(&OsKeyring))?;
    log::info!("vault unlocked with the keyring");
    *state.session()? = Some(vault);
    Ok(())
}

#[tauri::command]
pub async fn recover(state: State<'_, AppState>, phrase: String, new_passphrase: String) -> Result<(), IpcError> {
    let phrase = RecoveryPhrase::parse(&phrase)?;
    let mut vault = Vault::open(&state.vault_dir()?, Credential::Recovery(&phrase))?;
    vault.change_passphrase(&Passphrase::new(new_passphrase), KdfChoice::default())?;
    log::info!("vault recovered; new passphrase set");
    *state.session()? = Some(vault);
    Ok(())
}

/// Locks. `backup` (the lock button, Ctrl+L, the idle timer) first writes today's automatic
/// backup if one is due; locking for sleep or a session lock does not wait for it.
#[tauri::command]
pub async fn lock(state: State<'_, AppState>, backup: bool) -> Result<(), IpcError> {
    if backup { state.lock_with_backup() } else { state.lock() }
}

/// Locks and exits; the UI calls this after saving what is open when the window closes.
#[tauri::command]
pub async fn quit(app: AppHandle, state: State<'_, AppState>) -> Result<(), IpcError> {
    state.lock_with_backup()?;
    app.exit(0);
    Ok(())
}

#[tauri::command]
pub async fn change_passphrase(state: State<'_, AppState>, request: ChangePassphraseRequest) -> Result<(), IpcError> {
    state.with_vault(|vault| {
        vault.verify_passphrase(&Passphrase::new(request.current))?;
        vault.change_passphrase(&Passphrase::new(request.new), KdfChoice::default())?;
        Ok(())
    })
}

#[tauri::command]
pub async fn set_keyring(state: State<'_, AppState>, enabled: bool) -> Result<bool, IpcError> {
    state.with_vault(|vault| {
        if enabled {
            vault.enable_keyring(&OsKeyring)?;
        } else {
            vault.disable_keyring(&OsKeyring)?;
        }
        Ok(vault.keyring_enabled())
    })
}

#[tauri::command]
pub async fn get_preferences(state: State<'_, AppState>) -> Result<Preferences, IpcError> {
    Ok(state.prefs()?.clone())
}

#[tauri::command]
pub async fn save_preferences(
    app: AppHandle,
    state: State<'_, AppState>,
    preferences: Preferences,
) -> Result<Preferences, IpcError> {
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
    let mut prefs = state.prefs()?;
    // The vault folder is chosen at first run only, not through this command.
    *prefs = Preferences { vault_dir: prefs.vault_dir.clone(), ..preferences };
    save_preferences_file(&state, &prefs)?;
    crate::apply_window_preferences(&app, &prefs);
    Ok(prefs.clone())
}

pub(crate) fn save_preferences_file(state: &AppState, prefs: &Preferences) -> Result<(), IpcError> {
    prefs.save(&state.config_path).map_err(|e| {
        IpcError::new(ErrorCode::Internal, format!("cannot save preferences to {}: {e}", state.config_path.display()))
    })
}

/// For the window's close handler: the main window, if it is still there.
pub fn main_window(app: &AppHandle) -> Option<tauri::WebviewWindow> {
    app.get_webview_window("main")
}
