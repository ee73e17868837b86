//! Opening Attune when the person logs in, so the daily reminder can reach them.
//!
//! "Open Attune when I log in" is a preference ([`Preferences::open_at_login`], off by
//! default) that the app mirrors into the operating system's own login items through Tauri's
//! autostart plugin: an entry in `~/.config/autostart/` on Linux, a launch agent on macOS, a
//! `Run` registry value on Windows. The entry starts the app with [`AT_LOGIN_ARG`].
//!
//! Started that way, the app opens no window: the vault stays locked and nothing of the journal
//! is drawn, not even the unlock screen (which would otherwise unlock through the keyring at
//! once). A tray icon offers "Open Attune" and "Quit"; where the desktop shows no tray, opening
//! Attune from the applications menu shows the window (the single-instance plugin hands the
//! second launch to this one). While the app was started at login, closing the window locks the
//! vault and goes back to the tray instead of quitting, so the reminder still comes that evening.
//!
//! The webview is never given the plugin's commands: only Rust turns the entry on or off.

use std::sync::atomic::{AtomicBool, Ordering};

use tauri::menu::{Menu, MenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, RunEvent, Runtime, WebviewWindowBuilder};
use tauri_plugin_autostart::ManagerExt;

use crate::preferences::Preferences;
use crate::state::AppState;

/// The argument the login entry starts the app with.
pub const AT_LOGIN_ARG: &str = "--autostart";
/// The login entry's name (`Attune.desktop` in the autostart folder on Linux).
pub const ENTRY_NAME: &str = "Attune";
const MAIN: &str = "main";
const TRAY: &str = "attune-tray";

/// Set once the tray is up: the app then outlives its window.
static IN_TRAY: AtomicBool = AtomicBool::new(false);
/// Set by the tray's "Quit": the one way out while the app lives in the tray.
static QUITTING: AtomicBool = AtomicBool::new(false);

/// The autostart plugin, writing entries that start the app with [`AT_LOGIN_ARG`].
pub fn plugin<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri_plugin_autostart::Builder::new().app_name(ENTRY_NAME).arg(AT_LOGIN_ARG).build()
}

/// Whether this process was started by the login entry.
pub fn started_at_login() -> bool {
    std::env::args_os().skip(1).any(|arg| arg == AT_LOGIN_ARG)
}

/// Makes the OS login entry match the preference. Writing it again when it should be there
/// keeps its path current if the app has moved; a failure is logged, never fatal.
pub fn sync_open_at_login(app: &AppHandle, prefs: &Preferences) {
    let entry = app.autolaunch();
    let result = if prefs.open_at_login {
        entry.enable()
    } else {
        match entry.is_enabled() {
            Ok(true) => entry.disable(),
            other => other.map(|_| ()),
        }
    };
    if let Err(e) = result {
        log::warn!("could not update the login entry (open at login: {}): {e}", prefs.open_at_login);
    }
}

/// Shows the main window, creating it from `tauri.conf.json` if it is not there (the app
/// creates no window by itself: see the module header).
pub fn open_window(app: &AppHandle) -> tauri::Result<()> {
    if let Some(window) = app.get_webview_window(MAIN) {
        window.unminimize()?;
        window.show()?;
        return window.set_focus();
    }
    let config = app.config().app.windows.iter().find(|w| w.label == MAIN).cloned().ok_or_else(|| {
        tauri::Error::Io(std::io::Error::new(std::io::ErrorKind::NotFound, "no main window in tauri.conf.json"))
    })?;
    // It may show only the app's own pages, and may open no other window: a link or a script
    // that tries to leave the app, or to open a window, is refused.
    let window = WebviewWindowBuilder::from_config(app, &config)?
        .on_navigation(|url| {
            let own = crate::is_own_page(url);
            if !own {
                log::warn!("refused to leave the app for another page");
            }
            own
        })
        .on_new_window(|_url, _features| {
            log::warn!("refused to open a new window");
            tauri::webview::NewWindowResponse::Deny
        })
        .on_page_load(|_, payload| {
            crate::mark_phase(match payload.event() {
                tauri::webview::PageLoadEvent::Started => "page started",
                tauri::webview::PageLoadEvent::Finished => "page finished",
            })
        })
        .build()?;
    if let Some(state) = app.try_state::<AppState>()
        && let Ok(prefs) = state.prefs()
    {
        window.set_content_protected(prefs.protect_screen)?;
        // Spell checking waits until the vault has opened: see `spelling::start_after_unlock`.
    }
    Ok(())
}

/// The tray icon of a login start: "Open Attune" and "Quit". Where the desktop has no tray
/// this fails quietly and the menu launcher opens the window instead.
pub fn show_tray(app: &AppHandle) {
    let built = (|| -> tauri::Result<()> {
        let locale = app.try_state::<AppState>().and_then(|s| s.locale().ok()).unwrap_or(attune::i18n::DEFAULT_LOCALE);
        let words = attune::i18n::Words::new(locale);
        let open = MenuItem::with_id(app, "open", words.get("tray-open"), true, None::<&str>)?;
        let quit_item = MenuItem::with_id(app, "quit", words.get("tray-quit"), true, None::<&str>)?;
        let menu = Menu::with_items(app, &[&open, &quit_item])?;
        let mut tray = TrayIconBuilder::with_id(TRAY).tooltip("Attune").menu(&menu);
        if let Some(icon) = app.default_window_icon() {
            tray = tray.icon(icon.clone());
        }
        tray.on_menu_event(|app, event| match event.id().as_ref() {
            // Creating a window from a menu handler can deadlock on Windows: do it off the
            // event loop's thread.
            "open" => {
                let app = app.clone();
                std::thread::spawn(move || {
                    if let Err(e) = open_window(&app) {
                        log::warn!("could not open the window: {e}");
                    }
                });
            }
            "quit" => quit(app),
            _ => {}
        })
        .build(app)?;
        Ok(())
    })();
    match built {
        Ok(()) => IN_TRAY.store(true, Ordering::SeqCst),
        Err(e) => log::info!("no tray icon on this desktop ({e}); Attune opens from the menu"),
    }
}

/// The tray's "Quit": ask an open window to save and close (the close handler locks and exits),
/// or exit at once when there is none (then nothing was unlocked).
fn quit(app: &AppHandle) {
    QUITTING.store(true, Ordering::SeqCst);
    match app.get_webview_window(MAIN) {
        Some(window) => {
            if window.close().is_err() {
                app.exit(0);
            }
        }
        None => app.exit(0),
    }
}

/// While the app lives in the tray, an exit that did not come from the tray's "Quit" (closing
/// the window) locks the vault and closes the window instead, and the app keeps running.
pub fn on_run_event(app: &AppHandle, event: RunEvent) {
    if let RunEvent::ExitRequested { api, .. } = event
        && IN_TRAY.load(Ordering::SeqCst)
        && !QUITTING.load(Ordering::SeqCst)
    {
        api.prevent_exit();
        if let Some(state) = app.try_state::<AppState>() {
            let _ = state.lock();
        }
        if let Some(window) = app.get_webview_window(MAIN) {
            let _ = window.destroy();
        }
    }
}
