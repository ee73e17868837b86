//! The app's one state: where the vault is, whether it is locked, and the preferences.
//! `session` is `None` while locked: no vault, no key, no decrypted text in the process.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

use attune::Session;

use crate::auto_sync::AutoSync;
use crate::error::{ErrorCode, IpcError};
use crate::preferences::Preferences;

pub struct AppState {
    pub config_path: PathBuf,
    /// Set by `ATTUNE_VAULT` (tests, or a person with a vault elsewhere): overrides preferences.
    pub vault_override: Option<PathBuf>,
    pub session: Mutex<Option<Session>>,
    pub preferences: Mutex<Preferences>,
    /// An import read and previewed, waiting for the person to confirm it. Dropped on lock.
    pub pending_import: Mutex<Option<attune::exchange::import::Plan>>,
    /// Why the last automatic backup failed, until one succeeds.
    pub backup_problem: Mutex<Option<String>>,
    /// Whether the keyring's one chance to open the vault (when the app starts) is used up: by
    /// the first unlock of any kind, or by any lock. After that only the passphrase or the
    /// recovery phrase opens the vault, so a lock holds while the app runs.
    keyring_spent: AtomicBool,
    /// Paths the person chose in dialogs the app opened, kept here for the command that uses
    /// them: the page only ever sees their names.
    pub chosen: Mutex<Chosen>,
    /// Test hook: where the vault's clock starts (`ATTUNE_TEST_NOW`); `None`, the system clock.
    pub test_now: Option<attune::time::Timestamp>,
    /// Exchanges with the sync folder that run on their own, and the last one's problem.
    pub auto_sync: AutoSync,
}

/// Folders and files chosen in a dialog and waiting for the command they were chosen for.
#[derive(Debug, Default)]
pub struct Chosen {
    pub vault_folder: Option<PathBuf>,
    pub restore_file: Option<PathBuf>,
    pub restore_folder: Option<PathBuf>,
    /// The sync folder of a journal to join from another computer.
    pub join_folder: Option<PathBuf>,
}

/// The test hook `ATTUNE_TEST_NOW`: an RFC 3339 time ("2026-07-01T09:00:00+01:00") at which the
/// vault's clock starts when this app process opens a vault; it then moves on like the system
/// clock. End-to-end tests use it to open the app "a month later". Unset or empty, it does
/// nothing; a value that does not read is ignored, with a line in the log.
pub fn test_now_from_env() -> Option<attune::time::Timestamp> {
    let text = std::env::var("ATTUNE_TEST_NOW").ok().filter(|t| !t.trim().is_empty())?;
    match attune::time::parse_timestamp("ATTUNE_TEST_NOW", &text) {
        Ok(start) => {
            log::warn!("ATTUNE_TEST_NOW is set: the vault's clock starts at {start} (a test hook)");
            Some(start)
        }
        Err(e) => {
            log::warn!("ATTUNE_TEST_NOW is ignored: {e}");
            None
        }
    }
}

impl AppState {
    pub fn new(config_path: PathBuf, vault_override: Option<PathBuf>) -> Self {
        let preferences = Preferences::load(&config_path);
        Self {
            config_path,
            vault_override,
            session: Mutex::new(None),
            preferences: Mutex::new(preferences),
            pending_import: Mutex::new(None),
            backup_problem: Mutex::new(None),
            keyring_spent: AtomicBool::new(false),
            chosen: Mutex::new(Chosen::default()),
            test_now: None,
            auto_sync: AutoSync::default(),
        }
    }

    /// The clock a vault opened now reads: the system clock, or the test hook's.
    pub fn clock(&self) -> Box<dyn attune::time::Clock> {
        match self.test_now {
            Some(start) => Box::new(attune::time::ShiftedClock::starting_at(start)),
            None => Box::new(attune::time::SystemClock),
        }
    }

    pub fn vault_dir(&self) -> Result<PathBuf, IpcError> {
        if let Some(dir) = &self.vault_override {
            return Ok(dir.clone());
        }
        if let Some(dir) = self.prefs()?.vault_dir.clone() {
            return Ok(dir);
        }
        attune::vault::default_dir()
            .ok_or_else(|| IpcError::new(ErrorCode::Internal, "this system has no data folder; choose a folder"))
    }

    pub fn session(&self) -> Result<MutexGuard<'_, Option<Session>>, IpcError> {
        self.session
            .lock()
            .map_err(|_| IpcError::new(ErrorCode::Internal, "the app's state is unusable; restart Attune"))
    }

    pub fn chosen(&self) -> Result<MutexGuard<'_, Chosen>, IpcError> {
        self.chosen
            .lock()
            .map_err(|_| IpcError::new(ErrorCode::Internal, "the app's state is unusable; restart Attune"))
    }

    pub fn prefs(&self) -> Result<MutexGuard<'_, Preferences>, IpcError> {
        self.preferences
            .lock()
            .map_err(|_| IpcError::new(ErrorCode::Internal, "the app's state is unusable; restart Attune"))
    }

    /// The language Attune speaks now (Settings, else the system's).
    pub fn locale(&self) -> Result<&'static str, IpcError> {
        Ok(self.prefs()?.locale())
    }

    /// Runs `f` on the unlocked session, or says the vault is locked.
    pub fn with_session<T>(&self, f: impl FnOnce(&mut Session) -> Result<T, IpcError>) -> Result<T, IpcError> {
        let mut session = self.session()?;
        let session = session.as_mut().ok_or_else(IpcError::locked)?;
        f(session)
    }

    /// Makes `session` the app's one session (after creating, unlocking, recovering, joining
    /// or restoring), locking any other first. Background exchanges of an earlier session
    /// stop; [`crate::auto_sync::start`] starts this one's.
    pub fn set_session(&self, mut session: Session) -> Result<(), IpcError> {
        session.set_locale(self.locale()?);
        self.keyring_spent.store(true, Ordering::SeqCst);
        self.auto_sync.reset();
        let mut slot = self.session()?;
        if let Some(old) = slot.take() {
            old.lock();
        }
        *slot = Some(session);
        Ok(())
    }

    /// Whether the keyring may still open the vault: only before the first unlock or lock.
    pub fn keyring_may_unlock(&self) -> bool {
        !self.keyring_spent.load(Ordering::SeqCst)
    }

    /// Locks: a linked vault first exchanges changes with its sync folder (so the other
    /// computers see what was written here), and a failed exchange never stops the lock.
    pub fn lock(&self) -> Result<(), IpcError> {
        self.keyring_spent.store(true, Ordering::SeqCst);
        self.auto_sync.stop();
        if let Ok(mut pending) = self.pending_import.lock() {
            *pending = None;
        }
        let taken = self.session()?.take();
        if let Some(mut session) = taken {
            let _ = self.auto_sync.exchange_if_linked(&mut session);
            session.lock();
            log::info!("vault locked");
        }
        Ok(())
    }

    /// Writes today's automatic backup (when a folder is set and today's is not there yet),
    /// then locks. A failed backup never stops the lock; Settings shows why it failed.
    pub fn lock_with_backup(&self) -> Result<(), IpcError> {
        let (folder, keep) = {
            let prefs = self.prefs()?;
            (prefs.backup_folder.clone(), prefs.backup_keep)
        };
        if let Some(folder) = folder {
            let session = self.session()?;
            if let Some(session) = session.as_ref() {
                let keep = usize::try_from(keep.max(1)).unwrap_or(usize::MAX);
                let problem = match session.auto_backup(&PathBuf::from(&folder), keep) {
                    Ok(_) => None,
                    Err(e) => {
                        log::warn!("automatic backup failed");
                        Some(e.to_string())
                    }
                };
                if let Ok(mut slot) = self.backup_problem.lock() {
                    *slot = problem;
                }
            }
        }
        self.lock()
    }
}
