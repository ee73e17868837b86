//! Sync between computers through real Syncthing: two `syncthing serve` processes on loopback
//! (tests/common/syncthing.rs), each carrying one computer's copy of the sync folder, and the
//! real `attune` binary on each computer's vault. Nothing copies a file but Syncthing.
//!
//! Each computer's vault is linked to its own copy of the folder: computer a made the vault
//! and linked it (`attune sync link`), computer b made its vault from what Syncthing brought
//! over (`attune sync join`). "Offline" is Syncthing stopped on both while the vaults go on.
//!
//! Ignored in a plain `cargo test` because they need the `syncthing` binary and take seconds
//! each; `scripts/test-sync.sh` runs them with `--ignored` (and `npm test` runs that script).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step should stop the test

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::Cli;
use common::syncthing::{Settings, Syncthing};
use serde_json::Value;

const CONNECT: Duration = Duration::from_secs(90);
const SETTLE: Duration = Duration::from_secs(30);

/// One computer: its vault, driven through the real CLI, and its copy of the sync folder.
struct Computer {
    cli: Cli,
    folder: PathBuf,
}

impl Computer {
    fn folder_arg(&self) -> &str {
        self.folder.to_str().expect("a UTF-8 temp path")
    }

    /// `attune sync --json`: exchange changes now; the report.
    fn sync(&self) -> Value {
        self.cli.json(&["sync", "--json"])
    }

    /// Every entry in the vault: id → (title, text as listed).
    fn entries(&self) -> BTreeMap<String, (String, String)> {
        let listed = self.cli.json(&["list", "--json", "--limit", "1000"]);
        listed
            .as_array()
            .expect("list --json is an array")
            .iter()
            .map(|e| {
                let field = |name: &str| e[name].as_str().unwrap_or_default().to_owned();
                (field("id"), (field("title"), field("excerpt")))
            })
            .collect()
    }

    fn body(&self, id: &str) -> String {
        self.cli.json(&["show", id, "--json"])["body"].as_str().expect("an entry has a body").to_owned()
    }

    /// The texts of the entry's earlier versions.
    fn history(&self, id: &str) -> Vec<String> {
        let revisions = self.cli.json(&["history", id, "--json"]);
        revisions
            .as_array()
            .expect("history --json is an array")
            .iter()
            .map(|r| r["body"].as_str().unwrap_or_default().to_owned())
            .collect()
    }
}

/// Two computers sharing one sync folder through Syncthing: a creates a vault and links it,
/// Syncthing carries the folder to b, and b joins from its copy with the same passphrase.
fn two_computers(settings: Settings) -> (Syncthing, Computer, Computer) {
    let st = Syncthing::start_with(&["a", "b"], settings);
    st.wait_connected(CONNECT);
    let a = Computer { cli: Cli::new(), folder: st.folder(0).to_owned() };
    let b = Computer { cli: Cli::new(), folder: st.folder(1).to_owned() };
    a.cli.init();
    a.cli.ok(&["sync", "link", a.folder_arg()]);
    assert!(a.folder.join("attune-sync.json").is_file(), "link writes attune-sync.json into the folder");
    st.wait_in_sync(SETTLE);
    assert!(b.folder.join("attune-sync.json").is_file(), "Syncthing carried the linked folder to b");
    let vault_b = b.cli.vault();
    b.cli.ok(&["sync", "join", b.folder_arg(), "--vault", vault_b.to_str().unwrap()]);
    st.wait_in_sync(SETTLE);
    a.sync();
    (st, a, b)
}

/// Both computers exchange through the folder until neither receives anything more: each
/// syncs, Syncthing settles, and again, at most `rounds` times. Returns every report, a's and
/// b's in turn.
fn settle(st: &Syncthing, a: &Computer, b: &Computer, rounds: usize) -> Vec<Value> {
    let mut reports = Vec::new();
    for _ in 0..rounds {
        st.wait_in_sync(SETTLE);
        let (from_a, from_b) = (a.sync(), b.sync());
        let quiet = [&from_a, &from_b].iter().all(|r| r["received"]["changes"] == 0 && r["sent"]["changes"] == 0);
        reports.extend([from_a, from_b]);
        if quiet {
            return reports;
        }
    }
    panic!("the computers still exchanged changes after {rounds} rounds: {reports:#?}");
}

/// No planted word may be in any file of either computer's sync folder, nor in a file's name.
fn assert_nothing_in_the_clear(st: &Syncthing, words: &[&str]) -> usize {
    let mut scanned = 0;
    for i in 0..2 {
        for path in common::files_under(st.folder(i)) {
            let bytes = std::fs::read(&path).unwrap_or_default();
            let name = path.strip_prefix(st.folder(i)).unwrap().to_string_lossy().to_lowercase();
            for word in words {
                assert!(!common::contains(&bytes, word.as_bytes()), "{word:?} is in the clear in {}", path.display());
                assert!(!name.contains(&word.to_lowercase()), "{word:?} is in a file name: {}", path.display());
            }
            scanned += 1;
        }
    }
    scanned
}

fn change_files(folder: &Path) -> usize {
    common::files_under(&folder.join("devices"))
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "attune-changes"))
        .count()
}

#[test]
#[ignore = "needs syncthing; run by scripts/test-sync.sh"]
fn the_harness_carries_a_file_both_ways_and_after_going_offline() {
    let mut st = Syncthing::start(&["a", "b"]);
    st.wait_connected(CONNECT);

    std::fs::write(st.folder(0).join("from-a.txt"), b"written on a").unwrap();
    st.wait_for_path(1, Path::new("from-a.txt"), SETTLE);
    assert_eq!(std::fs::read(st.folder(1).join("from-a.txt")).unwrap(), b"written on a", "b holds a's file whole");

    // b goes offline; both sides write; b comes back and both end with both files.
    st.stop(1);
    std::fs::create_dir_all(st.folder(0).join("devices/a")).unwrap();
    std::fs::write(st.folder(0).join("devices/a/while-b-was-away"), b"a, offline").unwrap();
    std::fs::write(st.folder(1).join("written-offline-on-b"), b"b, offline").unwrap();
    assert!(!st.folder(1).join("devices/a/while-b-was-away").exists(), "nothing reaches b while it is stopped");
    st.resume(1);
    st.wait_connected(CONNECT);
    st.wait_in_sync(SETTLE);
    for i in 0..2 {
        let folder = st.folder(i);
        assert_eq!(std::fs::read(folder.join("devices/a/while-b-was-away")).unwrap(), b"a, offline", "copy {i}");
        assert_eq!(std::fs::read(folder.join("written-offline-on-b")).unwrap(), b"b, offline", "copy {i}");
    }
}

#[test]
#[ignore = "needs syncthing; run by scripts/test-sync.sh"]
fn entries_written_offline_on_both_computers_reach_both_vaults() {
    let (mut st, a, b) = two_computers(Settings::default());
    let before = a.cli.add(&["written on a before going offline"]);
    settle(&st, &a, &b, 3);
    assert!(b.entries().contains_key(&before), "b holds a's entry once Syncthing carried it");

    st.stop_all();
    let from_a: Vec<String> = (1..=3).map(|n| a.cli.add(&[&format!("offline on a, number {n}")])).collect();
    let from_b: Vec<String> = (1..=3).map(|n| b.cli.add(&[&format!("offline on b, number {n}")])).collect();
    a.sync();
    let alone = b.sync();
    assert_eq!(alone["received"]["entries"], 0, "b receives nothing while Syncthing is stopped: {alone}");
    assert!(!b.entries().contains_key(&from_a[0]), "a's offline entries cannot be on b yet");

    st.resume_all();
    st.wait_connected(CONNECT);
    let reports = settle(&st, &a, &b, 3);
    let received = |i: usize| {
        reports.iter().skip(i).step_by(2).map(|r| r["received"]["entries"].as_u64().unwrap_or(0)).sum::<u64>()
    };
    assert_eq!((received(0), received(1)), (3, 3), "each computer received the other's three entries: {reports:#?}");

    let (on_a, on_b) = (a.entries(), b.entries());
    assert_eq!(on_a, on_b, "both vaults hold the same entries with the same titles and texts");
    assert_eq!(on_a.len(), 7, "the entry from before, and three from each computer: {on_a:#?}");
    for (n, id) in from_a.iter().enumerate() {
        assert_eq!(on_b[id].1, format!("offline on a, number {}", n + 1), "b has a's entry {id} with its text");
    }
    for (n, id) in from_b.iter().enumerate() {
        assert_eq!(on_a[id].1, format!("offline on b, number {}", n + 1), "a has b's entry {id} with its text");
    }
    assert_eq!(a.body(&from_b[2]), "offline on b, number 3", "show gives the whole text that came from b");
    assert_nothing_in_the_clear(&st, &["offline on", "before going offline"]);
}

#[test]
#[ignore = "needs syncthing; run by scripts/test-sync.sh"]
fn the_same_entry_edited_on_both_while_offline_keeps_one_text_and_the_other_in_history() {
    let (mut st, a, b) = two_computers(Settings::default());
    let id = a.cli.add(&["the first words"]);
    settle(&st, &a, &b, 3);
    assert_eq!(b.body(&id), "the first words", "b holds the entry before the edits");

    st.stop_all();
    a.cli.ok(&["edit", &id, "edited on a, offline"]);
    b.cli.ok(&["edit", &id, "edited on b, offline"]);
    a.sync();
    b.sync();

    st.resume_all();
    st.wait_connected(CONNECT);
    let reports = settle(&st, &a, &b, 4);

    let (text_a, text_b) = (a.body(&id), b.body(&id));
    assert_eq!(text_a, text_b, "both computers show the same current text");
    let other = match text_a.as_str() {
        "edited on a, offline" => "edited on b, offline",
        "edited on b, offline" => "edited on a, offline",
        text => panic!("the current text is one of the two edits, not {text:?}"),
    };
    for (name, computer) in [("a", &a), ("b", &b)] {
        let history = computer.history(&id);
        assert!(history.iter().any(|t| t == other), "{name} keeps the other edit in the history: {history:?}");
        assert!(history.iter().any(|t| t == "the first words"), "{name} keeps the first text: {history:?}");
    }
    let conflicts: Vec<&Value> = reports
        .iter()
        .flat_map(|r| r["conflicts"].as_array().into_iter().flatten())
        .filter(|c| c["entry"] == id.as_str())
        .collect();
    assert!(!conflicts.is_empty(), "a sync report names the entry as a conflict: {reports:#?}");
    assert!(
        conflicts.iter().all(|c| c["kind"].as_str().is_some_and(|k| !k.is_empty())),
        "each conflict says its kind: {conflicts:?}"
    );
    assert_nothing_in_the_clear(&st, &["first words", "edited on"]);
}

#[test]
#[ignore = "needs syncthing; run by scripts/test-sync.sh"]
fn a_save_on_one_computer_reaches_the_other_through_the_watcher() {
    // Full rescans once an hour: only Syncthing's file watcher can notice the new change file.
    let (st, a, b) = two_computers(Settings::watcher_only());
    let id = a.cli.add(&["--title", "Carried", "noticed by the watcher"]);
    let sent = a.sync();
    assert!(sent["sent"]["changes"].as_u64().unwrap_or(0) >= 1, "a writes its new entry to the folder: {sent}");

    // From here nothing asks Syncthing to scan, and nothing copies a file.
    let files = st.wait_for_files_of(0, 1, SETTLE);
    assert!(files >= 2, "a's folder has its sync file and change files, {files} found");
    let got = b.sync();
    assert_eq!(got["received"]["entries"], 1, "b receives the one new entry: {got}");
    assert_eq!(b.entries().get(&id), Some(&("Carried".to_owned(), "noticed by the watcher".to_owned())), "b shows it");
}

#[test]
#[ignore = "needs syncthing; run by scripts/test-sync.sh"]
fn no_entry_text_reaches_the_sync_folder_in_the_clear() {
    let (st, a, b) = two_computers(Settings::default());
    let planted = [
        "Quillfeather Orchard",
        "marzipanlighthouse",
        "zephyrcanyon",
        "Ottoline Bramblewick",
        "Saltmarsh Reverie",
        "cobaltumbrella",
        "verdigrisnocturne",
    ];
    let on_a = a.cli.add(&[
        "--title",
        "Quillfeather Orchard",
        "--tag",
        "zephyrcanyon",
        "--person",
        "Ottoline Bramblewick",
        "--mood",
        "4",
        "the marzipanlighthouse stood in the rain",
    ]);
    a.cli.ok(&["edit", &on_a, "then cobaltumbrella replaced the marzipanlighthouse"]);
    let on_b = b.cli.add(&["--title", "Saltmarsh Reverie", "verdigrisnocturne at dusk"]);
    settle(&st, &a, &b, 3);

    assert_eq!(b.entries()[&on_a].0, "Quillfeather Orchard", "a's entry reached b through the folder");
    assert_eq!(a.entries()[&on_b].0, "Saltmarsh Reverie", "b's entry reached a through the folder");
    assert!(b.history(&on_a).iter().any(|t| t.contains("marzipanlighthouse")), "the earlier text came over too");
    assert!(change_files(&a.folder) >= 2 && change_files(&b.folder) >= 2, "both folders hold change files");

    let scanned = assert_nothing_in_the_clear(&st, &planted);
    // The words are reachable in the vaults, so the scan looked for something that exists.
    let shown = b.cli.json(&["show", &on_a, "--json"]).to_string();
    for word in ["Quillfeather Orchard", "zephyrcanyon", "Ottoline Bramblewick", "cobaltumbrella"] {
        assert!(shown.contains(word), "b's vault holds {word:?}: {shown}");
    }
    assert!(scanned >= 6, "the scan read both folders' files ({scanned})");
}
