//! The IPC contract stays one thing: the TypeScript types are generated from the Rust types and
//! committed; the command list, the handler list and the capability grants agree; the CSP and
//! window settings stay strict.
//!
//! Regenerate the bindings after changing a DTO: `ATTUNE_WRITE_BINDINGS=1 cargo test -p attune-app --test contract`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use ts_rs::{Config, TS};

include!("../src/command_names.rs");

fn bindings_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/ipc/bindings")
}

fn export_all(dir: &Path) {
    use attune::journal::{Entry, NameCount, Page, Revision};
    use attune_app::dto::*;
    use attune_app::error::{ErrorCode, IpcError};
    use attune_app::preferences::Preferences;
    // serde_json writes i64 as a JSON number; ids and counts here stay far below 2^53.
    let cfg = Config::new().with_out_dir(dir).with_large_int("number");
    AppStatus::export_all(&cfg).unwrap();
    VaultPresence::export_all(&cfg).unwrap();
    CreateVaultRequest::export_all(&cfg).unwrap();
    CreatedVault::export_all(&cfg).unwrap();
    ListRequest::export_all(&cfg).unwrap();
    DayCount::export_all(&cfg).unwrap();
    EntryContent::export_all(&cfg).unwrap();
    SearchRequest::export_all(&cfg).unwrap();
    SearchView::export_all(&cfg).unwrap();
    PersonView::export_all(&cfg).unwrap();
    ChangePassphraseRequest::export_all(&cfg).unwrap();
    Preferences::export_all(&cfg).unwrap();
    IpcError::export_all(&cfg).unwrap();
    ErrorCode::export_all(&cfg).unwrap();
    Entry::export_all(&cfg).unwrap();
    Page::export_all(&cfg).unwrap();
    Revision::export_all(&cfg).unwrap();
    NameCount::export_all(&cfg).unwrap();
    Shelf::export_all(&cfg).unwrap();
    BackupView::export_all(&cfg).unwrap();
    EntryTitle::export_all(&cfg).unwrap();
    attune::insights::Insights::export_all(&cfg).unwrap();
    attune::insights::OnThisDay::export_all(&cfg).unwrap();
    attune::summary::Summary::export_all(&cfg).unwrap();
    attune::summary::SummaryRequest::export_all(&cfg).unwrap();
    BackupStatus::export_all(&cfg).unwrap();
    ExportedFolder::export_all(&cfg).unwrap();
    attune::exchange::import::Outcome::export_all(&cfg).unwrap();
    HealthView::export_all(&cfg).unwrap();
    RestoreRequest::export_all(&cfg).unwrap();
    PackView::export_all(&cfg).unwrap();
    ExerciseResult::export_all(&cfg).unwrap();
    ReviewRequest::export_all(&cfg).unwrap();
    attune::exercises::Agenda::export_all(&cfg).unwrap();
    attune::exercises::Plan::export_all(&cfg).unwrap();
    attune::journal::Person::export_all(&cfg).unwrap();
    attune::exercises::Answers::export_all(&cfg).unwrap();
    attune::exercises::Dimension::export_all(&cfg).unwrap();
    attune::exercises::Answer::export_all(&cfg).unwrap();
}

/// Every `.ts` file under `dir`, by relative path, with its text.
fn read_dir(dir: &Path) -> Vec<(String, String)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.extension().is_some_and(|x| x == "ts") {
                let name = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, dir, &mut files);
    files.sort();
    files
}

#[test]
fn typescript_bindings_match_the_rust_types() {
    let fresh = tempfile::tempdir().unwrap();
    export_all(fresh.path());
    if std::env::var_os("ATTUNE_WRITE_BINDINGS").is_some() {
        let dir = bindings_dir();
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in read_dir(fresh.path()) {
            let path = dir.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }
    let generated = read_dir(fresh.path());
    let committed = read_dir(&bindings_dir());
    assert!(!generated.is_empty());
    assert_eq!(
        committed.iter().map(|f| &f.0).collect::<Vec<_>>(),
        generated.iter().map(|f| &f.0).collect::<Vec<_>>(),
        "the set of binding files changed: run ATTUNE_WRITE_BINDINGS=1 cargo test -p attune-app --test contract"
    );
    for (c, g) in committed.iter().zip(&generated) {
        assert_eq!(c.1, g.1, "{} is stale: run ATTUNE_WRITE_BINDINGS=1 cargo test -p attune-app --test contract", c.0);
    }
}

#[test]
fn commands_handlers_and_grants_agree() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let listed: BTreeSet<String> = COMMANDS.iter().map(|c| (*c).to_owned()).collect();

    let lib = std::fs::read_to_string(manifest.join("src/lib.rs")).unwrap();
    let start = lib.find("generate_handler![").expect("a generate_handler! list in src/lib.rs");
    let end = start + lib[start..].find(']').unwrap();
    let handled: BTreeSet<String> = lib[start + "generate_handler![".len()..end]
        .split(',')
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(|s| s.rsplit("::").next().unwrap().to_owned())
        .collect();
    assert_eq!(listed, handled, "COMMANDS (src/command_names.rs) and generate_handler! must list the same commands");

    let caps: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(manifest.join("capabilities/main.json")).unwrap()).unwrap();
    let permissions: Vec<&str> = caps["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    let granted: BTreeSet<String> =
        permissions.iter().filter_map(|p| p.strip_prefix("allow-")).map(|p| p.replace('-', "_")).collect();
    assert_eq!(listed, granted, "every command is granted once in capabilities/main.json, and nothing else of ours");
    let plugins: BTreeSet<&str> = permissions.iter().copied().filter(|p| !p.starts_with("allow-")).collect();
    let expected: BTreeSet<&str> = [
        "core:event:allow-listen",
        "core:event:allow-unlisten",
        "core:webview:allow-print",
        "dialog:allow-open",
        "dialog:allow-save",
    ]
    .into();
    assert_eq!(plugins, expected, "plugin grants are exactly the ones the README justifies");
}

#[test]
fn the_webview_is_locked_down() {
    let conf: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tauri.conf.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(conf["app"]["withGlobalTauri"], false);
    assert_eq!(conf["app"]["windows"][0]["devtools"], false);
    let csp = conf["app"]["security"]["csp"].as_object().unwrap();
    for (directive, value) in csp {
        let value = value.as_str().unwrap();
        assert!(!value.contains("unsafe"), "{directive} must not allow unsafe sources: {value}");
        assert!(
            !value.contains("https:") && !value.contains("http://") || value == "ipc: http://ipc.localhost",
            "{directive} must not allow remote origins: {value}"
        );
        assert!(!value.contains('*'), "{directive} must not use wildcards: {value}");
    }
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(csp["script-src"], "'self'");
    assert_eq!(csp["object-src"], "'none'");
}
