//! An empty window, for comparison: the same Tauri version, features and profile as Attune's
//! app, showing a page that calls one command when it has loaded (as Attune's first screen does).

#[tauri::command]
fn ready() {
    mark_ready();
}

/// Writes the wall-clock time of the first call to the file named by `ATTUNE_BENCH_READY_FILE`.
fn mark_ready() {
    if let Some(path) = std::env::var_os("ATTUNE_BENCH_READY_FILE") {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        let _ = std::fs::write(path, format!("{}", now.as_secs_f64()));
    }
}

fn main() {
    let result =
        tauri::Builder::default().invoke_handler(tauri::generate_handler![ready]).run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("{e}");
    }
}
