//! Locking when the computer sleeps or the session locks, where the OS says so.
//!
//! On Linux, logind announces both on the system bus (`PrepareForSleep(true)` on the manager,
//! `Lock` on a session). The app then asks the UI to save and lock (`LOCK_REQUESTED_EVENT`); if
//! the UI has not locked within a moment, the vault is locked here anyway and the UI is told
//! (`LOCKED_EVENT`). Where there is no system bus (a container, a test run) this quietly does
//! nothing. Other platforms: not yet wired (the idle auto-lock still applies).

use tauri::{AppHandle, Emitter, Manager};

use crate::state::AppState;

pub const LOCK_REQUESTED_EVENT: &str = "attune://lock-requested";
pub const LOCKED_EVENT: &str = "attune://locked";
const GRACE: std::time::Duration = std::time::Duration::from_secs(2);

/// Asks the UI to save and lock, and locks after a short grace period in any case.
pub fn request_lock(app: &AppHandle) {
    let _ = app.emit(LOCK_REQUESTED_EVENT, ());
    let app = app.clone();
    std::thread::spawn(move || {
        std::thread::sleep(GRACE);
        if let Some(state) = app.try_state::<AppState>() {
            let was_unlocked = state.session().map(|s| s.is_some()).unwrap_or(false);
            if was_unlocked && state.lock().is_ok() {
                let _ = app.emit(LOCKED_EVENT, ());
            }
        }
    });
}

#[cfg(target_os = "linux")]
pub fn watch(app: AppHandle) {
    std::thread::spawn(move || {
        if let Err(e) = linux::listen(&app) {
            log::info!("sleep and session-lock signals are not available here: {e}");
        }
    });
}

#[cfg(not(target_os = "linux"))]
pub fn watch(_app: AppHandle) {}

#[cfg(target_os = "linux")]
mod linux {
    use std::time::Duration;

    use dbus::blocking::Connection;
    use dbus::message::MatchRule;
    use tauri::AppHandle;

    pub fn listen(app: &AppHandle) -> Result<(), dbus::Error> {
        let conn = Connection::new_system()?;
        let on_sleep = app.clone();
        conn.add_match(
            MatchRule::new_signal("org.freedesktop.login1.Manager", "PrepareForSleep"),
            move |(starting,): (bool,), _, _| {
                if starting {
                    log::info!("the computer is going to sleep: locking");
                    super::request_lock(&on_sleep);
                }
                true
            },
        )?;
        let on_lock = app.clone();
        conn.add_match(MatchRule::new_signal("org.freedesktop.login1.Session", "Lock"), move |(): (), _, _| {
            log::info!("the session is locking: locking");
            super::request_lock(&on_lock);
            true
        })?;
        loop {
            conn.process(Duration::from_secs(3600))?;
        }
    }
}
