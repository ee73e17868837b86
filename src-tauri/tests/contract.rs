//! The IPC contract stays one thing: the TypeScript types and call functions are generated from
//! the Rust types and the one command declaration (src/commands/list.rs) and committed; the
//! capability file grants only plugin calls (the app's own commands are granted from the
//! declaration at start); the CSP and window settings stay strict.
//!
//! Regenerate the bindings after changing a DTO: `ATTUNE_WRITE_BINDINGS=1 cargo test -p attune-app --test contract`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use ts_rs::{Config, TS};

use attune_app::commands::COMMANDS;

fn bindings_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/ipc/bindings")
}

fn export_all(dir: &Path) {
    use attune::journal::{Entry, NameCount, Page, Revision};
    use attune::templates::{Starter, Template};
    use attune_app::dto::*;
    use attune_app::error::{ErrorCode, IpcError};
    use attune_app::preferences::Preferences;
    // serde_json writes i64 as a JSON number; ids and counts here stay far below 2^53.
    let cfg = Config::new().with_out_dir(dir).with_large_int("number");
    AppStatus::export_all(&cfg).unwrap();
    VaultPresence::export_all(&cfg).unwrap();
    CreateVaultRequest::export_all(&cfg).unwrap();
    CreatedVault::export_all(&cfg).unwrap();
    NewRecoveryPhrase::export_all(&cfg).unwrap();
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
    Template::export_all(&cfg).unwrap();
    attune::attachments::Attachment::export_all(&cfg).unwrap();
    Starter::export_all(&cfg).unwrap();
    TemplatesView::export_all(&cfg).unwrap();
    Page::export_all(&cfg).unwrap();
    Revision::export_all(&cfg).unwrap();
    NameCount::export_all(&cfg).unwrap();
    attune::session::Shelf::export_all(&cfg).unwrap();
    BackupView::export_all(&cfg).unwrap();
    attune::session::EntryTitle::export_all(&cfg).unwrap();
    attune::insights::Insights::export_all(&cfg).unwrap();
    attune::insights::OnThisDay::export_all(&cfg).unwrap();
    attune::summary::Summary::export_all(&cfg).unwrap();
    attune::summary::SummaryRequest::export_all(&cfg).unwrap();
    BackupStatus::export_all(&cfg).unwrap();
    attune::session::ExportedFolder::export_all(&cfg).unwrap();
    attune::exchange::import::Outcome::export_all(&cfg).unwrap();
    HealthView::export_all(&cfg).unwrap();
    RestoreRequest::export_all(&cfg).unwrap();
    ImportSource::export_all(&cfg).unwrap();
    attune::session::PackView::export_all(&cfg).unwrap();
    attune::session::ExerciseResult::export_all(&cfg).unwrap();
    ReviewRequest::export_all(&cfg).unwrap();
    attune::exercises::Agenda::export_all(&cfg).unwrap();
    attune::exercises::Plan::export_all(&cfg).unwrap();
    attune::help::HelpView::export_all(&cfg).unwrap();
    attune::journal::Person::export_all(&cfg).unwrap();
    attune::exercises::Answers::export_all(&cfg).unwrap();
    attune::exercises::Dimension::export_all(&cfg).unwrap();
    attune::exercises::Answer::export_all(&cfg).unwrap();
    SyncView::export_all(&cfg).unwrap();
    JoinRequest::export_all(&cfg).unwrap();
    attune::sync::SyncReport::export_all(&cfg).unwrap();
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

fn commands_module() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/ipc/commands.ts")
}

#[test]
fn typescript_calls_match_the_command_declaration() {
    let cfg = Config::new().with_large_int("number");
    let fresh = attune_app::commands::typescript_calls(&cfg);
    if std::env::var_os("ATTUNE_WRITE_BINDINGS").is_some() {
        std::fs::write(commands_module(), &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(commands_module()).unwrap_or_default();
    assert_eq!(
        committed, fresh,
        "ui/src/lib/ipc/commands.ts is stale: run ATTUNE_WRITE_BINDINGS=1 cargo test -p attune-app --test contract"
    );
    for command in COMMANDS {
        assert!(fresh.contains(&format!(">(\"{command}\"")), "{command} has a call function");
    }
}

#[test]
fn command_names_are_unique_and_the_capability_file_grants_only_plugin_calls() {
    let unique: BTreeSet<&str> = COMMANDS.iter().copied().collect();
    assert_eq!(unique.len(), COMMANDS.len(), "a command is declared twice in src/commands/list.rs");

    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let caps: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(manifest.join("capabilities/main.json")).unwrap()).unwrap();
    let permissions: BTreeSet<&str> =
        caps["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    let expected: BTreeSet<&str> =
        ["core:event:allow-listen", "core:event:allow-unlisten", "core:webview:allow-print"].into();
    assert_eq!(
        permissions, expected,
        "capabilities/main.json grants exactly the plugin calls the README justifies; Attune's own commands are granted from their declaration"
    );
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
            !value.contains("https:") && !value.contains("http://")
                || value == "ipc: http://ipc.localhost"
                || (directive == "img-src" && value == "'self' data: attune-media: http://attune-media.localhost"),
            "{directive} must not allow remote origins: {value}"
        );
        assert!(!value.contains('*'), "{directive} must not use wildcards: {value}");
    }
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(csp["script-src"], "'self'");
    assert_eq!(csp["object-src"], "'none'");
    // Images: the app's own files, and an entry's photos through the app's own scheme (served
    // from the vault with `Cache-Control: no-store`; `http://attune-media.localhost` is how
    // Windows' webview names that scheme). Nothing remote.
    assert_eq!(csp["img-src"], "'self' data: attune-media: http://attune-media.localhost");
}

#[test]
fn only_the_apps_own_pages_may_be_shown() {
    use attune_app::is_own_page;
    let url = |text: &str| tauri::Url::parse(text).unwrap();
    assert!(is_own_page(&url("tauri://localhost/index.html")));
    assert!(is_own_page(&url("http://tauri.localhost/")), "the app's origin on Windows");
    for foreign in [
        "http://127.0.0.1:8080/",
        "https://example.org/",
        "file:///etc/passwd",
        "tauri://evil.example/",
        "http://tauri.localhost.example.org/",
        "data:text/html,<b>hi</b>",
        "javascript:alert(1)",
    ] {
        assert!(!is_own_page(&url(foreign)), "{foreign} must be refused");
    }
}
