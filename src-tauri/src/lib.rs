//! Attune's desktop app: a thin Tauri 2 shell over the `attune` core.
//!
//! One state ([`state::AppState`]): locked or unlocked. Commands in [`commands`] are thin; errors
//! cross IPC as `{ code, message }` ([`error::IpcError`]). The window's content may not load
//! anything remote (see `tauri.conf.json`'s CSP), and the app grants the webview only its own
//! commands and the few plugin calls it uses (`capabilities/main.json`).

pub mod commands;
pub mod dto;
pub mod error;
pub mod preferences;
pub mod reminders;
pub mod session_lock;
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
        .setup(|app| {
            let config_dir = app.path().app_config_dir()?;
            let vault_override = std::env::var_os("ATTUNE_VAULT").filter(|v| !v.is_empty()).map(Into::into);
            let state = AppState::new(config_dir.join("preferences.json"), vault_override);
            if let Ok(prefs) = state.prefs() {
                startup::sync_open_at_login(app.handle(), &prefs);
            }
            app.manage(state);
            // The window is created here, not from tauri.conf.json, so a login start can have
            // none (see `startup`).
            if startup::started_at_login() {
                startup::show_tray(app.handle());
            } else {
                startup::open_window(app.handle())?;
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
        .invoke_handler(tauri::generate_handler![
            commands::vault::app_status,
            commands::vault::create_vault,
            commands::vault::unlock,
            commands::vault::unlock_with_keyring,
            commands::vault::recover,
            commands::vault::lock,
            commands::vault::quit,
            commands::journal::list_entries,
            commands::journal::day_counts,
            commands::journal::get_entry,
            commands::journal::create_entry,
            commands::journal::save_entry,
            commands::journal::trash_entry,
            commands::journal::restore_entry,
            commands::journal::purge_entry,
            commands::journal::entry_history,
            commands::journal::restore_revision,
            commands::journal::search,
            commands::journal::list_tags,
            commands::journal::list_people,
            commands::vault::get_preferences,
            commands::vault::save_preferences,
            commands::vault::change_passphrase,
            commands::vault::set_keyring,
            commands::exercises::exercise_library,
            commands::exercises::open_exercise,
            commands::exercises::save_exercise_draft,
            commands::exercises::discard_exercise_draft,
            commands::exercises::offer_grounding,
            commands::exercises::finish_exercise,
            commands::exercises::today_agenda,
            commands::exercises::suggest_plan,
            commands::exercises::save_plan,
            commands::exercises::review_commitment,
            commands::exercises::list_commitments,
            commands::exercises::save_person,
            commands::exercises::import_exercise_pack,
            commands::data::backup_vault,
            commands::data::check_vault,
            commands::data::restore_backup,
            commands::data::backup_status,
            commands::data::export_json,
            commands::data::export_markdown,
            commands::data::import_preview,
            commands::data::import_apply,
            commands::data::import_cancel,
            commands::insights::insights,
            commands::insights::on_this_day,
            commands::insights::entry_titles,
            commands::insights::summary_preview,
            commands::insights::save_summary_pdf,
            commands::insights::save_recovery_sheet,
            commands::insights::export_pdf,
        ])
        .build(tauri::generate_context!())
        .map(|app| app.run(startup::on_run_event));
    if let Err(e) = result {
        eprintln!("Attune could not start: {e}");
        std::process::exit(1);
    }
}

/// For the app benchmark (`npm run bench`): the first screen's first call writes the wall-clock
/// time to the file named by `ATTUNE_BENCH_READY_FILE`. Inert when that variable is not set.
pub fn mark_first_screen() {
    static MARKED: std::sync::Once = std::sync::Once::new();
    MARKED.call_once(|| {
        if let Some(path) = std::env::var_os("ATTUNE_BENCH_READY_FILE") {
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
            let _ = std::fs::write(path, now.as_secs_f64().to_string());
        }
    });
}

/// Applies the preferences that live outside the UI: screen-capture protection on the window,
/// and the OS login entry for "Open Attune when I log in".
pub fn apply_window_preferences(app: &AppHandle, prefs: &Preferences) {
    if let Some(window) = commands::vault::main_window(app) {
        let _ = window.set_content_protected(prefs.protect_screen);
    }
    startup::sync_open_at_login(app, prefs);
}
