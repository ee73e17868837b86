//! An empty window, for comparison: the same Tauri version, features and profile as Attune's
//! app, showing a page that calls one command when it has loaded (as Attune's first screen does).
//! It notes the same start-up phases as Attune (`attune_app::mark_phase`), where it has them.

#[tauri::command]
fn ready() {
    mark_phase("first call");
    if let Some(path) = std::env::var_os("ATTUNE_BENCH_READY_FILE") {
        let _ = std::fs::write(path, format!("{}", epoch_seconds()));
    }
}

/// Appends `PHASE SECONDS` (wall-clock, since the Unix epoch) to
/// `$ATTUNE_BENCH_READY_FILE.phases`. Inert when that variable is not set.
fn mark_phase(phase: &str) {
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

fn main() {
    mark_phase("main");
    let result = tauri::Builder::default()
        .setup(|_| {
            mark_phase("setup");
            Ok(())
        })
        .on_page_load(|_, payload| {
            mark_phase(match payload.event() {
                tauri::webview::PageLoadEvent::Started => "page started",
                tauri::webview::PageLoadEvent::Finished => "page finished",
            })
        })
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("{e}");
    }
}
