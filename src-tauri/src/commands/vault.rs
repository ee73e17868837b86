//! Creating, unlocking and locking the vault; passphrase, keyring and preferences.

use attune::vault::{OsKeyring, VaultState};
use attune::{Credential, KdfChoice, Passphrase, RecoveryPhrase, Session, Vault};

use zeroize::Zeroizing;

use super::Ctx;
use crate::dialogs::{self, Ask};
use crate::dto::{
    AppStatus, ChangePassphraseRequest, CreateVaultRequest, CreatedVault, NewRecoveryPhrase, VaultPresence,
};
use crate::error::{ErrorCode, IpcError};
use crate::preferences::{MAX_AUTO_LOCK_MINUTES, Preferences};
use crate::state::AppState;

pub fn app_status(ctx: &Ctx) -> Result<AppStatus, IpcError> {
    crate::mark_first_screen();
    let dir = ctx.state.vault_dir()?;
    let (unlocked, exposed, recovery_phrase_unseen) = match ctx.state.session()?.as_ref() {
        Some(s) => (Some(s.vault().keyring_enabled()), s.vault().exposed_files(), s.vault().recovery_phrase_unseen()),
        None => (None, Vec::new(), false),
    };
    let (vault, keyring_enabled) = match (unlocked, Vault::probe(&dir)?) {
        (Some(keyring), _) => (VaultPresence::Unlocked, keyring),
        (None, VaultState::Present { keyring_enabled }) => (VaultPresence::Locked, keyring_enabled),
        (None, VaultState::Missing) => (VaultPresence::Missing, false),
    };
    Ok(AppStatus {
        vault,
        vault_dir: dir.display().to_string(),
        keyring_enabled,
        exposed,
        keyring_unlock: vault == VaultPresence::Locked && keyring_enabled && ctx.state.keyring_may_unlock(),
        vault_dir_fixed: ctx.state.vault_override.is_some(),
        recovery_phrase_unseen,
        system_language: attune::i18n::system_tag(),
    })
}

/// Asks where a new vault should live (an `Attune` folder is made inside the one chosen) and
/// keeps the answer for `create_vault`. Returns the chosen folder's name, or null.
pub fn choose_vault_folder(ctx: &Ctx) -> Result<Option<String>, IpcError> {
    if ctx.state.vault_override.is_some() {
        return Err(IpcError::invalid("the vault folder is fixed by ATTUNE_VAULT"));
    }
    let title = ctx.say("dialog-vault-folder");
    let chosen = dialogs::open_folder(ctx.app, Ask::new(&title))?;
    let name = chosen.as_deref().map(dialogs::display_name);
    ctx.state.chosen()?.vault_folder = chosen;
    Ok(name)
}

pub fn create_vault(ctx: &Ctx, request: CreateVaultRequest) -> Result<CreatedVault, IpcError> {
    if request.in_chosen_folder {
        if ctx.state.vault_override.is_some() {
            return Err(IpcError::invalid("the vault folder is fixed by ATTUNE_VAULT"));
        }
        let folder = ctx
            .state
            .chosen()?
            .vault_folder
            .clone()
            .ok_or_else(|| IpcError::invalid("choose a folder for the vault first"))?;
        let mut prefs = ctx.state.prefs()?;
        prefs.vault_dir = Some(folder.join("Attune"));
        save_preferences_file(ctx.state, &prefs)?;
    }
    let keyring = request.keyring.then_some(&OsKeyring as &dyn attune::SecretStore);
    let (session, phrase, keyring_problem) = Session::create_with_clock(
        &ctx.state.vault_dir()?,
        &Passphrase::new(request.passphrase),
        KdfChoice::default(),
        keyring,
        ctx.state.clock(),
    )?;
    log::info!("vault created");
    opened(ctx, session, false)?;
    Ok(CreatedVault {
        recovery_words: phrase.words().map(str::to_owned).collect(),
        keyring_note: keyring_problem.map(|e| e.to_string()),
    })
}

pub fn unlock(ctx: &Ctx, passphrase: String) -> Result<(), IpcError> {
    let session = Session::open_with_clock(
        &ctx.state.vault_dir()?,
        Credential::Passphrase(&Passphrase::new(passphrase)),
        ctx.state.clock(),
    )?;
    log::info!("vault unlocked with the passphrase");
    opened(ctx, session, true)
}

/// Opens the vault through the keyring: only as the app starts, never after a lock.
pub fn unlock_with_keyring(ctx: &Ctx) -> Result<(), IpcError> {
    if !ctx.state.keyring_may_unlock() {
        return Err(IpcError::new(
            ErrorCode::Locked,
            "after a lock, Attune opens with your passphrase or your recovery phrase",
        ));
    }
    let session =
        Session::open_with_clock(&ctx.state.vault_dir()?, Credential::Keyring(&OsKeyring), ctx.state.clock())?;
    log::info!("vault unlocked with the keyring");
    opened(ctx, session, true)
}

pub fn recover(ctx: &Ctx, phrase: String, new_passphrase: String) -> Result<(), IpcError> {
    let phrase = RecoveryPhrase::parse(&Zeroizing::new(phrase))?;
    let session = Session::recover(&ctx.state.vault_dir()?, &phrase, &Passphrase::new(new_passphrase))?;
    log::info!("vault recovered; new passphrase set");
    opened(ctx, session, true)
}

/// Keeps the session just opened and starts what waits for an open vault: spell checking, and
/// the exchanges with a sync folder that run on their own (the first one at once when
/// `sync_now`, in the background, so the journal shows without waiting for it).
pub(super) fn opened(ctx: &Ctx, session: Session, sync_now: bool) -> Result<(), IpcError> {
    ctx.state.set_session(session)?;
    crate::spelling::start_after_unlock(ctx.app);
    crate::auto_sync::start(ctx.app, sync_now);
    Ok(())
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
    if let Some(code) = &preferences.help_country
        && (code.len() != 2 || !code.chars().all(|c| c.is_ascii_uppercase()))
    {
        return Err(IpcError::invalid(format!("\"{code}\" is not a two-letter country code like BR")));
    }
    if let Some(tag) = &preferences.language
        && !crate::preferences::LANGUAGES.contains(&tag.as_str())
    {
        return Err(IpcError::invalid(format!("\"{tag}\" is not a language Attune speaks (en, pt-BR, es)")));
    }
    if let Some(time) = &preferences.reminder_time {
        crate::reminders::parse_time(time)
            .ok_or_else(|| IpcError::invalid(format!("reminder time \"{time}\" is not a time like 20:30")))?;
    }
    let mut prefs = ctx.state.prefs()?;
    // The vault folder is chosen at first run only, and the backup folder only in a dialog the
    // app opens (choose_backup_folder): the page may turn automatic backups off, never point
    // them somewhere.
    let backup_folder = preferences.backup_folder.as_ref().and(prefs.backup_folder.clone());
    *prefs = Preferences { vault_dir: prefs.vault_dir.clone(), backup_folder, ..preferences };
    save_preferences_file(ctx.state, &prefs)?;
    crate::apply_window_preferences(ctx.app, &prefs);
    let saved = prefs.clone();
    drop(prefs);
    // Packs, insights and summaries follow a new language at once.
    let locale = saved.locale();
    if let Some(session) = ctx.state.session()?.as_mut() {
        session.set_locale(locale);
    }
    Ok(saved)
}

/// Asks where automatic backups should go and turns them on there.
pub fn choose_backup_folder(ctx: &Ctx) -> Result<Option<Preferences>, IpcError> {
    let title = ctx.say("dialog-backup-folder");
    let Some(folder) = dialogs::open_folder(ctx.app, Ask::new(&title))? else {
        return Ok(None);
    };
    let mut prefs = ctx.state.prefs()?;
    prefs.backup_folder = Some(folder.display().to_string());
    save_preferences_file(ctx.state, &prefs)?;
    Ok(Some(prefs.clone()))
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
