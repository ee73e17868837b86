//! Attune's desktop app: a thin Tauri 2 shell over the `attune` core.
//!
//! One state ([`state::AppState`]): locked or unlocked. Commands in [`commands`] are thin; errors
//! cross IPC as `{ code, message }` ([`error::IpcError`]). The window's content may not load
//! anything remote (see `tauri.conf.json`'s CSP), and the app grants the webview only its own
//! commands and the few plugin calls it uses (`capabilities/main.json`).

pub mod auto_sync;
pub mod commands;
pub mod dialogs;
pub mod dto;
pub mod error;
pub mod media;
pub mod preferences;
pub mod reminders;
pub mod session_lock;
pub mod spelling;
pub mod startup;
pub mod state;

use tauri::{AppHandle, Emitter, Manager, WindowEvent};

use crate::preferences::Preferences;
use crate::state::AppState;

/// Emitted to the UI when the window is asked to close: the UI saves what is open, then calls
/// `quit`. If it does not within this time, the app exits anyway (every keystroke older than
/// the autosave delay is already saved).
const CLOSE_GRACE: std::time::Duration = std::time::Duration::from_secs(3);
pub const CLOSE_REQUESTED_EVENT: &str = "attune://close-requested";

pub fn run() {
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            // A second launch shows this app's window (creating it after a login start): two
            // windows on one vault must never happen.
            let app = app.clone();
            std::thread::spawn(move || {
                if let Err(e) = startup::open_window(&app) {
                    log::warn!("could not open the window: {e}");
                }
            });
        }))
        .plugin(
            tauri_plugin_log::Builder::new()
                .level(log::LevelFilter::Info)
                .targets([tauri_plugin_log::Target::new(tauri_plugin_log::TargetKind::LogDir { file_name: None })])
                .build(),
        )
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(startup::plugin())
        .register_asynchronous_uri_scheme_protocol(media::SCHEME, media::serve)
        .setup(|app| {
            mark_phase("setup");
            let config_dir = app.path().app_config_dir()?;
            let vault_override = std::env::var_os("ATTUNE_VAULT").filter(|v| !v.is_empty()).map(Into::into);
            let mut state = AppState::new(config_dir.join("preferences.json"), vault_override);
            state.test_now = state::test_now_from_env();
            if let Ok(prefs) = state.prefs() {
                startup::sync_open_at_login(app.handle(), &prefs);
            }
            app.manage(state);
            grant_commands(app.handle())?;
            // The window is created here, not from tauri.conf.json, so a login start can have
            // none (see `startup`).
            if startup::started_at_login() {
                startup::show_tray(app.handle());
            } else {
                startup::open_window(app.handle())?;
                mark_phase("window");
            }
            session_lock::watch(app.handle().clone());
            reminders::watch(app.handle().clone());
            Ok(())
        })
        .on_window_event(|window, event| {
            if let WindowEvent::CloseRequested { api, .. } = event {
                api.prevent_close();
                let app = window.app_handle().clone();
                let _ = app.emit(CLOSE_REQUESTED_EVENT, ());
                std::thread::spawn(move || {
                    std::thread::sleep(CLOSE_GRACE);
                    if let Some(state) = app.try_state::<AppState>() {
                        let _ = state.lock();
                    }
                    app.exit(0);
                });
            }
        })
        .invoke_handler(commands::invoke_handler())
        .build(tauri::generate_context!())
        .map(|app| app.run(startup::on_run_event));
    if let Err(e) = result {
        eprintln!("Attune could not start: {e}");
        std::process::exit(1);
    }
}

/// Whether `url` is one of the app's own pages: served from inside the binary through Tauri's
/// custom protocol (`tauri://localhost` on Linux and macOS, `http(s)://tauri.localhost` on
/// Windows).
pub fn is_own_page(url: &tauri::Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
}

/// Grants the main window Attune's own commands, each by its generated `allow-<command>`
/// permission, from the one declaration in `commands/list.rs`. Everything else the window may
/// call (plugin permissions) is granted in `capabilities/main.json`.
fn grant_commands(app: &AppHandle) -> tauri::Result<()> {
    let grants = commands::COMMANDS
        .iter()
        .fold(tauri::ipc::CapabilityBuilder::new("commands").window("main"), |builder, command| {
            builder.permission(format!("allow-{}", command.replace('_', "-")))
        });
    app.add_capability(grants)
}

/// For the app benchmark (`npm run bench`): the first screen's first call writes the wall-clock
/// time (seconds since the Unix epoch) to the file named by `ATTUNE_BENCH_READY_FILE`, after
/// noting it as the phase "first call" (see [`mark_phase`]). Inert when that variable is not set.
pub fn mark_first_screen() {
    static MARKED: std::sync::Once = std::sync::Once::new();
    MARKED.call_once(|| {
        if let Some(path) = std::env::var_os("ATTUNE_BENCH_READY_FILE") {
            mark_phase("first call");
            let _ = std::fs::write(path, epoch_seconds().to_string());
        }
    });
}

/// For the app benchmark's split of the start-up: appends a line `PHASE SECONDS` (wall-clock,
/// seconds since the Unix epoch) to `$ATTUNE_BENCH_READY_FILE.phases`. The phases, in order:
/// "main" (the process reached `main`), "setup" (Tauri calls the app's setup), "window" (the
/// window and its webview are made), "page started" and "page finished" (the webview's page
/// load), "first call" (the first screen's first command). Inert when the variable is not set.
pub fn mark_phase(phase: &str) {
    use std::io::Write;
    let Some(ready) = std::env::var_os("ATTUNE_BENCH_READY_FILE") else { return };
    let mut path = ready;
    path.push(".phases");
    if let Ok(mut file) = std::fs::OpenOptions::new().create(true).append(true).open(path) {
        let _ = writeln!(file, "{phase} {}", epoch_seconds());
    }
}

fn epoch_seconds() -> f64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_secs_f64()
}

/// Applies the preferences that live outside the UI: screen-capture protection and spell
/// checking on the window, and the OS login entry for "Open Attune when I log in".
pub fn apply_window_preferences(app: &AppHandle, prefs: &Preferences) {
    if let Some(window) = commands::vault::main_window(app) {
        let _ = window.set_content_protected(prefs.protect_screen);
        spelling::apply(&window, prefs.spell_check, prefs.locale());
    }
    startup::sync_open_at_login(app, prefs);
}
