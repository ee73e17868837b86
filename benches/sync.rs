//! The sync benchmark: Attune's sync between two computers through two real Syncthing
//! instances on loopback (the harness of tests/common/syncthing.rs), driving the real `attune`
//! binary of this build as a person would. Writes `target/bench/sync.json` and prints a table.
//!
//! `npm run bench:sync` (or `cargo bench --bench sync`). `ATTUNE_BENCH_SYNC_TRIALS` (default 10)
//! sets the number of trials of the save-to-other-computer figure, `ATTUNE_BENCH_SYNC_ENTRIES`
//! (default 10,000) the size of the vault a new computer joins.
//!
//! - **Save on a until b shows it**: `attune add` and `attune sync` on a, Syncthing's watcher
//!   (full rescans off: once an hour) carries the change file, the harness polls b's copy of
//!   the folder every 100 ms, then `attune sync` on b receives the entry. Its parts are
//!   reported too; every `attune` command starts by deriving the key (Argon2id, tuned to about
//!   half a second on this machine), so one command alone is measured as the baseline.
//! - **Join with 10,000 entries**: a vault of 10,000 entries (imported from a generated Attune
//!   JSON file) is linked, Syncthing carries the folder, and `attune sync join` makes a new
//!   computer's vault from it.
//! - **Bytes per entry**: the change files' size over the number of entries they carry.

#![allow(clippy::unwrap_used, clippy::expect_used)] // bench code: a failed step should stop the run

#[path = "../tests/common/syncthing.rs"]
#[allow(dead_code)]
mod syncthing;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::{Value, json};
use syncthing::{Settings, Syncthing};

const PASS: &str = "benchmark passphrase, long enough";
const SETTLE: Duration = Duration::from_secs(120);

/// Median, minimum and maximum of a set of timings, in milliseconds.
#[derive(Serialize)]
struct Figure {
    name: String,
    unit: &'static str,
    n: usize,
    median: f64,
    min: f64,
    max: f64,
}

fn figure(name: &str, samples: &[Duration]) -> Figure {
    let mut ms: Vec<f64> = samples.iter().map(|d| (d.as_secs_f64() * 1e6).round() / 1e3).collect();
    ms.sort_by(f64::total_cmp);
    let median = if ms.len() % 2 == 1 { ms[ms.len() / 2] } else { (ms[ms.len() / 2 - 1] + ms[ms.len() / 2]) / 2.0 };
    Figure { name: name.to_owned(), unit: "ms", n: ms.len(), median, min: ms[0], max: ms[ms.len() - 1] }
}

/// The figures as a table on stdout, names in a column `width` characters wide.
fn print_table(figures: &[Figure], width: usize) {
    println!("\n{:<width$} {:>10} {:>10} {:>10} {:>4}", "operation", "median ms", "min ms", "max ms", "n");
    for f in figures {
        println!("{:<width$} {:>10.1} {:>10.1} {:>10.1} {:>4}", f.name, f.median, f.min, f.max, f.n);
    }
}

/// One computer: a vault driven through the `attune` binary, in a home of its own.
struct Computer {
    attune: PathBuf,
    home: tempfile::TempDir,
    folder: PathBuf,
}

impl Computer {
    fn new(attune: &Path, folder: &Path) -> Self {
        Self { attune: attune.to_owned(), home: tempfile::tempdir().unwrap(), folder: folder.to_owned() }
    }

    fn vault(&self) -> PathBuf {
        self.home.path().join("vault")
    }

    /// Runs `attune ARGS` on this computer's vault; stdout, or a panic with stderr.
    fn run(&self, args: &[&str]) -> String {
        let mut cmd = Command::new(&self.attune);
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("ATTUNE_") {
                cmd.env_remove(key);
            }
        }
        let out = cmd
            .args(args)
            .env("ATTUNE_VAULT", self.vault())
            .env("ATTUNE_PASSPHRASE", PASS)
            .env("HOME", self.home.path())
            .env("XDG_DATA_HOME", self.home.path().join("data"))
            .env("DBUS_SESSION_BUS_ADDRESS", format!("unix:path={}", self.home.path().join("no-bus").display()))
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(out.status.success(), "attune {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.run(args)).unwrap()
    }

    fn folder_arg(&self) -> &str {
        self.folder.to_str().unwrap()
    }
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| Path::new("target").to_owned())
}

/// The change files under `dir` (one computer's folder of a sync folder) and their size in bytes.
fn change_files(dir: &Path) -> (usize, u64) {
    let files: Vec<PathBuf> = syncthing::visible_files(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "attune-changes"))
        .collect();
    let bytes = files.iter().map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)).sum();
    (files.len(), bytes)
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    // `cargo test --benches` runs this with --bench absent; only a real bench run does the work.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let trials = env_number("ATTUNE_BENCH_SYNC_TRIALS", 10).max(1);
    let entries = env_number("ATTUNE_BENCH_SYNC_ENTRIES", 10_000).max(1);
    let attune =
        std::env::var_os("ATTUNE_BIN").map(PathBuf::from).unwrap_or_else(|| env!("CARGO_BIN_EXE_attune").into());
    let out_dir = target_dir().join("bench");
    std::fs::create_dir_all(&out_dir).unwrap();
    let version = Command::new(syncthing::binary()).arg("--version").output().unwrap();
    let version = String::from_utf8_lossy(&version.stdout).trim().to_owned();
    eprintln!("{version}\nattune: {}", attune.display());

    let mut figures = Vec::new();
    let (save_to_shown, save, carry, receive, unlock, one_entry_bytes) = save_to_other_computer(&attune, trials);
    figures.push(figure("save on a (add + sync) until b's sync shows it", &save_to_shown));
    figures.push(figure("  save on a: attune add + attune sync", &save));
    figures.push(figure("  Syncthing carries the change file (watcher)", &carry));
    figures.push(figure("  attune sync on b (receives 1 entry)", &receive));
    figures.push(figure("one attune command alone (unlock + list 1)", &unlock));

    let join = join_a_big_vault(&attune, entries);
    figures.push(figure(&format!("import {entries} entries on a (attune import)"), &[join.import]));
    figures.push(figure(&format!("link: write {entries} entries as change files"), &[join.link]));
    figures.push(figure("  then until Syncthing completes b's copy (watcher)", &[join.carry]));
    figures.push(figure(&format!("join: merge {entries} incoming entries (new computer)"), &[join.join]));
    figures.push(figure("attune sync on the new computer, nothing new", &[join.idle_sync]));

    let per_entry = join.change_bytes as f64 / entries as f64;
    let plain_per_entry = join.plain_bytes as f64 / entries as f64;
    let json = json!({
        "benchmark": "sync",
        "syncthing": version,
        "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        "trials": trials,
        "entries": entries,
        "figures": figures,
        "bytes": {
            "change_files_per_entry": (per_entry * 10.0).round() / 10.0,
            "entry_text_per_entry": (plain_per_entry * 10.0).round() / 10.0,
            "change_files": join.change_files,
            "change_file_bytes": join.change_bytes,
            "one_entry_change_bytes_median": one_entry_bytes,
        },
    });
    let path = out_dir.join("sync.json");
    std::fs::write(&path, serde_json::to_string_pretty(&json).unwrap()).unwrap();

    print_table(&figures, 58);
    println!(
        "\nchange files: {per_entry:.0} bytes per entry for {entries} entries ({} files, {:.1} MB; the entries' \
         title and text as UTF-8: {plain_per_entry:.0} bytes each); one new entry synced alone: {one_entry_bytes} bytes",
        join.change_files,
        join.change_bytes as f64 / 1e6
    );
    println!("written to {}", path.display());
}

/// `trials` times: a new entry on a, until `attune sync` on b shows it. Returns the totals,
/// the parts (save on a, Syncthing's carrying, sync on b), one plain command's time, and the
/// median bytes of change files a's sync wrote for one new entry.
#[allow(clippy::type_complexity)]
fn save_to_other_computer(
    attune: &Path,
    trials: usize,
) -> (Vec<Duration>, Vec<Duration>, Vec<Duration>, Vec<Duration>, Vec<Duration>, u64) {
    let st = Syncthing::start_with(&["a", "b"], Settings::watcher_only());
    st.wait_connected(Duration::from_secs(90));
    let a = Computer::new(attune, st.folder(0));
    let b = Computer::new(attune, st.folder(1));
    a.run(&["init"]);
    a.run(&["sync", "link", a.folder_arg()]);
    st.wait_in_sync(SETTLE);
    b.run(&["sync", "join", b.folder_arg(), "--vault", b.vault().to_str().unwrap()]);
    st.wait_in_sync(SETTLE);
    a.run(&["sync"]);
    st.wait_in_sync(SETTLE);
    b.run(&["sync"]);
    st.wait_in_sync(SETTLE);

    let (mut totals, mut saves, mut carries, mut receives, mut unlocks, mut sizes) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    // One more trial than asked: the first warms the page cache and Syncthing's connection.
    for trial in 0..=trials {
        let start = Instant::now();
        let id = a.run(&["add", &format!("trial {trial}: a few words written on a")]).trim().to_owned();
        let sent = a.json(&["sync", "--json"]);
        let saved = Instant::now();
        // Syncthing's watcher alone: nothing asks for a scan.
        st.wait_for_files_of(0, 1, SETTLE);
        let carried = Instant::now();
        let report = b.json(&["sync", "--json"]);
        let shown = Instant::now();
        assert_eq!(report["received"]["entries"], 1, "b received the entry of trial {trial}: {report}");
        assert_eq!(b.json(&["show", &id, "--json"])["id"], id.as_str(), "b shows the entry of trial {trial}");
        let (_, unlock) = time(|| a.run(&["list", "--limit", "1"]));
        // b's sync may write to the folder too (what it has seen): let that settle, untimed.
        st.wait_in_sync(SETTLE);
        if trial == 0 {
            continue;
        }
        totals.push(shown - start);
        saves.push(saved - start);
        carries.push(carried - saved);
        receives.push(shown - carried);
        unlocks.push(unlock);
        sizes.push(sent["sent"]["bytes"].as_u64().expect("the report counts the bytes sent"));
        eprintln!("trial {trial}: {:.0} ms", (shown - start).as_secs_f64() * 1e3);
    }
    sizes.sort_unstable();
    let size = sizes[sizes.len() / 2];
    (totals, saves, carries, receives, unlocks, size)
}

struct Join {
    import: Duration,
    link: Duration,
    carry: Duration,
    join: Duration,
    idle_sync: Duration,
    change_files: usize,
    change_bytes: u64,
    plain_bytes: u64,
}

/// A vault of `entries` entries on a, linked; Syncthing carries the folder; a new computer
/// joins from it.
fn join_a_big_vault(attune: &Path, entries: usize) -> Join {
    let st = Syncthing::start_with(&["a", "b"], Settings::watcher_only());
    st.wait_connected(Duration::from_secs(90));
    let a = Computer::new(attune, st.folder(0));
    let b = Computer::new(attune, st.folder(1));
    a.run(&["init"]);
    let export = a.home.path().join("entries.json");
    let plain_bytes = write_export(&export, entries);
    let (_, import) = time(|| a.run(&["import", export.to_str().unwrap()]));
    let on_a = exported_entries(&a);
    assert_eq!(on_a.len(), entries, "a holds the {entries} imported entries");

    eprintln!("linking {entries} entries…");
    let (_, link) = time(|| a.run(&["sync", "link", a.folder_arg()]));
    let device = a.json(&["sync", "status", "--json"])["device_id"].as_str().expect("a device id").to_owned();
    let (change_files, change_bytes) = change_files(&a.folder.join("devices").join(device));
    // Syncthing's watcher has been carrying files since link wrote the first one.
    let (_, carry) = time(|| st.wait_for_files_of(0, 1, SETTLE));
    st.wait_in_sync(SETTLE);
    eprintln!("joining…");
    let (_, join) = time(|| b.run(&["sync", "join", b.folder_arg(), "--vault", b.vault().to_str().unwrap()]));
    assert!(exported_entries(&b) == on_a, "the new computer holds the same {entries} entries, titles and texts");
    let (_, idle_sync) = time(|| b.run(&["sync"]));
    Join { import, link, carry, join, idle_sync, change_files, change_bytes, plain_bytes }
}

/// Every entry of a computer's vault as (id, title, text), sorted, from `attune export`.
fn exported_entries(computer: &Computer) -> Vec<(String, String, String)> {
    let path = computer.home.path().join("export.json");
    computer.run(&["export", "--format", "json", "--out", path.to_str().unwrap()]);
    let export: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    std::fs::remove_file(&path).unwrap();
    let text = |e: &Value, field: &str| e[field].as_str().unwrap_or_default().to_owned();
    let mut all: Vec<_> = export["entries"]
        .as_array()
        .expect("an export has entries")
        .iter()
        .map(|e| (text(e, "id"), text(e, "title"), text(e, "body")))
        .collect();
    all.sort();
    all
}

/// Writes an Attune JSON export of `count` synthetic entries (titles, 60–240 words of everyday
/// text, moods, some tags and people) to `path`; returns the bytes of their titles and texts.
fn write_export(path: &Path, count: usize) -> u64 {
    const WORDS: &[&str] = &[
        "the",
        "I",
        "and",
        "to",
        "a",
        "of",
        "it",
        "was",
        "in",
        "that",
        "my",
        "felt",
        "with",
        "for",
        "about",
        "but",
        "not",
        "so",
        "when",
        "today",
        "after",
        "again",
        "still",
        "time",
        "more",
        "because",
        "day",
        "work",
        "home",
        "call",
        "talked",
        "morning",
        "evening",
        "walk",
        "river",
        "garden",
        "tired",
        "calm",
        "tense",
        "breath",
        "friend",
        "sister",
        "mother",
        "boundary",
        "guilt",
        "gratitude",
        "asked",
        "listen",
        "rain",
        "coffee",
        "dinner",
        "message",
        "shoulders",
        "noticed",
        "quiet",
        "lighter",
        "heavy",
        "sleep",
        "remember",
        "kind",
    ];
    const PEOPLE: &[&str] = &["Sam", "Noor", "Alex", "Mira"];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |n: usize| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % n
    };
    let start = chrono::DateTime::parse_from_rfc3339("2026-11-01T21:00:00+01:00").unwrap();
    let mut plain = 0u64;
    let records: Vec<Value> = (0..count)
        .map(|n| {
            let at = (start - chrono::Duration::minutes(((count - n) * 480) as i64)).to_rfc3339();
            let words = 60 + next(180);
            let mut body: String = (0..words).map(|_| WORDS[next(WORDS.len())]).collect::<Vec<_>>().join(" ");
            body.push('.');
            let title = format!("Evening {n}");
            plain += (title.len() + body.len()) as u64;
            json!({
                "id": uuid::Uuid::now_v7(),
                "kind": "journal",
                "title": title,
                "body": body,
                "mood": 1 + n % 5,
                "created_at": at,
                "updated_at": at,
                "tags": if n % 7 == 0 { vec!["walk"] } else { vec![] },
                "people": if n % 5 == 0 { vec![PEOPLE[n % PEOPLE.len()]] } else { vec![] },
            })
        })
        .collect();
    let export = json!({
        "format": "attune-export",
        "version": 1,
        "exported_at": start.to_rfc3339(),
        "people": PEOPLE.iter().map(|p| json!({"name": p, "relationship": "", "archived": false})).collect::<Vec<_>>(),
        "entries": records,
    });
    std::fs::write(path, serde_json::to_vec(&export).unwrap()).unwrap();
    plain
}
