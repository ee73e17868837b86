// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    attune_app::mark_phase("main");
    // A crash must not write the data key or decrypted text to a core file.
    if let Err(e) = attune::process::forbid_core_dumps() {
        eprintln!("Attune could not turn core dumps off ({e}); going on");
    }
    // A journal needs no GPU compositing: WebKitGTK without it keeps about 90 MB less resident
    // and paints the journal faster the first time (measured in `npm run bench`), and it avoids
    // the blank windows some GPU drivers give. Set before any thread starts.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        // SAFETY: single-threaded at this point; no other code reads or writes the environment.
        unsafe { std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1") };
    }
    // Tauri's windowing panics when GTK cannot start (no display to open): started here first,
    // the same failure is a plain message. Tauri's own start finds GTK ready and goes on.
    #[cfg(target_os = "linux")]
    if let Err(e) = gtk::init() {
        let shown = |name: &str| std::env::var(name).map_or_else(|_| "not set".to_owned(), |v| format!("\"{v}\""));
        eprintln!(
            "Attune could not open a window: {e}. It needs a graphical session (X11 or Wayland); \
             DISPLAY is {} and WAYLAND_DISPLAY is {}.",
            shown("DISPLAY"),
            shown("WAYLAND_DISPLAY")
        );
        std::process::exit(1);
    }
    attune_app::run();
}
