//! Faults survived, nothing lost: `kill -9` at random moments of every kind of write, a disk
//! that fills up, and backups that are cut short, altered or not backups at all.
//!
//! `cargo test --test soak` runs a short soak (`ATTUNE_SOAK_TRIALS`, 50 by default, about a
//! minute); `npm run soak` runs 1,000 trials and writes its figures to
//! `target/bench/soak.json`. The disk-full checks mount a small tmpfs and need root; without it
//! they say so and pass.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step should stop the test

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use attune::journal::SearchQuery;
use attune::{Credential, EntryId, KdfChoice, KdfParams, NewEntry, Passphrase, Session, Vault, VaultError};
use common::FileStore;

/// A small deterministic generator, so a failing run can be repeated.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, max: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % max
    }
}

const ACTIONS: [&str; 5] = ["add", "import", "backup", "passwd", "rekey"];

#[derive(Default)]
struct Acknowledged {
    adds: Vec<String>,
    imports: Vec<String>,
    backups: Vec<PathBuf>,
    passphrase: Option<String>,
    rekeys: usize,
}

/// Every this many trials (and after the last) the soak re-reads everything acknowledged.
const FULL_CHECK_EVERY: usize = 100;
/// Between those, this many earlier acknowledgements are re-read each trial, a different few
/// each time.
const SAMPLE: usize = 40;

/// Which of `all` to re-read after trial `n`: everything from `new` on (this trial's), and all
/// of it when `full`, else a rotating sample of [`SAMPLE`] earlier ones.
fn to_check(all: &[String], new: usize, n: usize, full: bool) -> Vec<&String> {
    if full || new <= SAMPLE {
        return all.iter().collect();
    }
    let earlier = (0..SAMPLE).map(|j| &all[(n * 7919 + j * (new / SAMPLE).max(1)) % new]);
    earlier.chain(&all[new..]).collect()
}

/// Runs `action` in the crash worker for a random moment, kills it with SIGKILL and returns
/// what it acknowledged.
fn trial(worker: &Path, vault: &Path, keyring: &Path, action: &str, secret: &str, ms: u64) -> Acknowledged {
    let mut child = Command::new(worker)
        .arg(vault)
        .arg(action)
        .env("ATTUNE_TEST_KEYRING_FILE", keyring)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{secret}").unwrap();
    let seen = Arc::new(Mutex::new(Acknowledged::default()));
    let reader = {
        let seen = Arc::clone(&seen);
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let mut seen = seen.lock().unwrap();
                match line.split_once(' ') {
                    Some(("added", id)) => seen.adds.push(id.to_owned()),
                    Some(("imported", marker)) => seen.imports.push(marker.to_owned()),
                    Some(("backup", path)) => seen.backups.push(PathBuf::from(path)),
                    Some(("passphrase", p)) => seen.passphrase = Some(p.to_owned()),
                    _ if line == "rekeyed" => seen.rekeys += 1,
                    _ => {}
                }
            }
        })
    };
    std::thread::sleep(Duration::from_millis(ms));
    let _ = child.kill(); // SIGKILL on Unix
    let out = child.wait_with_output().unwrap();
    reader.join().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.trim().is_empty(), "the worker ({action}) failed on its own before the kill: {stderr}");
    std::mem::take(&mut *seen.lock().unwrap())
}

#[test]
fn kill_9_at_random_moments_of_every_kind_of_write_loses_nothing() {
    let trials: usize = std::env::var("ATTUNE_SOAK_TRIALS").ok().and_then(|v| v.parse().ok()).unwrap_or(50);
    let worker = common::worker();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let keyring = tmp.path().join("device-key");
    let first = common::PASS.to_owned();
    let second = format!("{first}-2");
    let (mut vault, _) =
        Vault::create(&dir, &Passphrase::new(first.clone()), KdfChoice::Fixed(KdfParams::MINIMUM)).unwrap();
    vault.enable_keyring(&FileStore(keyring.clone())).unwrap();
    vault.lock();

    let started = Instant::now();
    let mut rng = Lcg(0x50a4);
    let mut current = first.clone();
    let mut adds: Vec<String> = Vec::new();
    let mut imports: Vec<String> = Vec::new();
    let mut per_action: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let (mut rekeys, mut finished_by_unlock, mut backups_checked) = (0, 0, 0);
    for n in 0..trials {
        let action = ACTIONS[n % ACTIONS.len()];
        let ms = if action == "rekey" { 300 + rng.below(2000) } else { 150 + rng.below(500) };
        let seen = trial(&worker, &dir, &keyring, action, &current, ms);
        let counted = per_action.entry(action).or_default();
        counted.0 += 1;
        counted.1 += seen.adds.len() + seen.imports.len() + seen.backups.len() + seen.rekeys;
        rekeys += seen.rekeys;
        let (new_adds, new_imports) = (adds.len(), imports.len());
        adds.extend(seen.adds);
        imports.extend(seen.imports);

        // The vault opens with the last acknowledged passphrase, or the one being set.
        if let Some(p) = seen.passphrase {
            current = p;
        }
        let other = if current == first { second.clone() } else { first.clone() };
        let vault = match Vault::open(&dir, Credential::Passphrase(&Passphrase::new(current.clone()))) {
            Ok(vault) => vault,
            Err(VaultError::WrongPassphrase) if action == "passwd" => {
                current = other;
                Vault::open(&dir, Credential::Passphrase(&Passphrase::new(current.clone())))
                    .unwrap_or_else(|e| panic!("trial {n} ({action}): neither passphrase opens the vault: {e}"))
            }
            Err(e) => panic!("trial {n} ({action}): the vault must open after kill -9: {e}"),
        };
        if vault.recovery_phrase_unseen() {
            finished_by_unlock += 1;
        }
        let journal = vault.journal();
        // What this trial acknowledged, and a rotating sample of what earlier ones did; all of it
        // every 100 trials and at the end. Re-reading everything every time made the soak's
        // time grow with the square of the trials.
        let full = (n + 1) % FULL_CHECK_EVERY == 0 || n + 1 == trials;
        for id in to_check(&adds, new_adds, n, full) {
            let id: EntryId = id.parse().unwrap();
            journal.get(id).unwrap_or_else(|e| panic!("trial {n} ({action}): acknowledged add {id} is missing: {e}"));
        }
        for marker in to_check(&imports, new_imports, n, full) {
            let hits = journal.search(&SearchQuery::new(marker.as_str())).unwrap().hits.len();
            assert_eq!(hits, 5, "trial {n} ({action}): acknowledged import {marker} holds its 5 notes");
        }
        let report = vault.check();
        assert!(report.healthy(), "trial {n} ({action}): doctor must pass after kill -9: {report:?}");
        if let Some(last) = seen.backups.last() {
            let restored_dir = tmp.path().join(format!("restored-{n}"));
            let restored = Session::restore(
                last,
                &restored_dir,
                attune::session::RestoreWith::Passphrase(&Passphrase::new(current.clone())),
            )
            .unwrap_or_else(|e| panic!("trial {n}: acknowledged backup {} restores: {e}", last.display()));
            restored.lock();
            std::fs::remove_dir_all(&restored_dir).unwrap();
            backups_checked += 1;
        }
        vault.lock();
        if action == "rekey" || n % 10 == 0 {
            let vault = Vault::open(&dir, Credential::Keyring(&FileStore(keyring.clone())))
                .unwrap_or_else(|e| panic!("trial {n} ({action}): the keyring must still open the vault: {e}"));
            vault.lock();
        }
    }
    let took = started.elapsed();
    eprintln!(
        "{trials} kill -9 trials in {:.0} s: {} adds and {} imports acknowledged and found, {rekeys} rekeys, \
         {finished_by_unlock} unlocks finished an interrupted rekey, {backups_checked} backups restored",
        took.as_secs_f64(),
        adds.len(),
        imports.len()
    );
    assert!(adds.len() >= trials / ACTIONS.len(), "the workers got to write between kills");
    let figures = serde_json::json!({
        "benchmark": "soak",
        "trials": trials,
        "seconds": took.as_secs_f64().round(),
        "acknowledged_adds": adds.len(),
        "acknowledged_imports": imports.len(),
        "rekeys_completed": rekeys,
        "trials_ending_with_a_rekey_finished_by_the_unlock": finished_by_unlock,
        "backups_restored": backups_checked,
        "per_action": per_action.iter().map(|(a, (t, w))| (a.to_string(), serde_json::json!({"trials": t, "acknowledged": w}))).collect::<serde_json::Map<_, _>>(),
        "failures": 0,
    });
    let out = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from).join("bench");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("soak.json"), serde_json::to_string_pretty(&figures).unwrap()).unwrap();
}

/// A small tmpfs mounted for one test, unmounted when dropped. `None` (with a message) when this
/// process cannot mount one (not root, or no mount permission in this container).
struct Tmpfs(tempfile::TempDir);

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let root = Command::new("id").arg("-u").output().ok().is_some_and(|o| o.stdout.starts_with(b"0\n"));
        if !root {
            eprintln!("SKIPPED: the disk-full checks mount a tmpfs and need root");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size},mode=0700"), "tmpfs"])
            .arg(dir.path())
            .status()
            .is_ok_and(|s| s.success());
        if !mounted {
            eprintln!("SKIPPED: cannot mount a tmpfs here");
            return None;
        }
        Some(Tmpfs(dir))
    }

    fn path(&self) -> &Path {
        self.0.path()
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0.path()).status();
    }
}

/// Fills the file system holding `ballast` until a write fails; returns the bytes written.
fn fill(ballast: &Path) -> u64 {
    let mut file = std::fs::File::create(ballast).unwrap();
    let chunk = vec![0x5a_u8; 64 * 1024];
    let mut written = 0;
    while file.write_all(&chunk).is_ok() {
        written += chunk.len() as u64;
    }
    let _ = file.sync_all();
    written
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp") || n.contains("attune-backup") || n.contains("export"))
        .collect()
}

#[test]
fn a_full_disk_fails_saves_clearly_and_loses_nothing() {
    let Some(disk) = Tmpfs::mount("24m") else { return };
    let cli = common::Cli { dir: tempfile::tempdir_in(disk.path()).unwrap() };
    let pass = Passphrase::new(common::PASS.to_owned());
    let (mut vault, phrase) = Vault::create(&cli.vault(), &pass, KdfChoice::Fixed(KdfParams::MINIMUM)).unwrap();
    let ballast = disk.path().join("ballast");
    fill(&ballast);
    // Give the vault a little room back, then write until it is gone.
    std::fs::File::options().write(true).open(&ballast).unwrap().set_len(fill_len(&ballast) - 512 * 1024).unwrap();
    let mut saved = Vec::new();
    let error = loop {
        let body = format!("entry {} {}", saved.len(), "words that take up room on the disk ".repeat(60));
        match vault.journal().create(NewEntry { body, ..NewEntry::default() }) {
            Ok(entry) => saved.push(entry.id),
            Err(e) => break e,
        }
        assert!(saved.len() < 100_000, "the disk never filled up");
    };
    assert!(!saved.is_empty(), "some entries fit before the disk filled");
    assert!(matches!(error, attune::JournalError::DiskFull), "a full disk is reported as such: {error:?}");
    assert!(error.to_string().contains("disk is full"), "{error}");

    // A backup or an export that runs out of room leaves no half file behind.
    let out = disk.path().join("full.attune-backup");
    let err = vault.backup(&out).unwrap_err();
    assert!(err.to_string().contains("No space left") || err.to_string().contains("full"), "backup: {err}");
    assert!(!out.exists(), "no half backup under the final name");
    let export = disk.path().join("export.json");
    let err = Session::from(Vault::open(&cli.vault(), Credential::Passphrase(&pass)).unwrap()).export_json(&export);
    assert!(err.is_err(), "the export fails too");
    assert!(!export.exists(), "no half export under the final name");
    assert_eq!(leftovers(disk.path()), Vec::<String>::new(), "no temporary files are left");

    // The CLI says so too, and nothing is written.
    let stderr = cli.fails(&["add", "one more on a full disk"]);
    assert!(stderr.contains("disk is full") || stderr.contains("No space left"), "the CLI's message: {stderr}");
    // Replacing the key needs room for a copy of every page: it fails and changes nothing.
    assert!(vault.rekey(&pass, &FileStore(disk.path().join("no-keyring"))).is_err(), "no room to rekey");
    vault.lock();

    // Space back: every acknowledged save is there, and the vault is healthy.
    std::fs::remove_file(&ballast).unwrap();
    let vault = Vault::open(&cli.vault(), Credential::Passphrase(&pass)).unwrap();
    for id in &saved {
        vault.journal().get(*id).unwrap();
    }
    assert!(vault.check().healthy(), "doctor passes once space is back");
    Vault::open(&cli.vault(), Credential::Recovery(&phrase)).expect("the recovery phrase still opens it");
    vault.journal().create(NewEntry { body: "saved once space is back".into(), ..NewEntry::default() }).unwrap();
    assert!(cli.ok(&["doctor"]).contains("ok") || cli.run(&["doctor"]).status.success());
    eprintln!("{} entries saved before the disk filled; all there afterwards", saved.len());
}

fn fill_len(path: &Path) -> u64 {
    std::fs::metadata(path).unwrap().len()
}

#[test]
fn a_damaged_or_foreign_backup_is_refused_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let pass = Passphrase::new(common::PASS.to_owned());
    let (vault, _) = Vault::create(&tmp.path().join("v"), &pass, KdfChoice::Fixed(KdfParams::MINIMUM)).unwrap();
    for n in 0..200 {
        vault.journal().create(NewEntry { body: format!("entry {n} with some words"), ..NewEntry::default() }).unwrap();
    }
    let good = tmp.path().join("good.attune-backup");
    vault.backup(&good).unwrap();
    let export = tmp.path().join("export.json");
    Session::from(vault).export_json(&export).unwrap();
    let bytes = std::fs::read(&good).unwrap();

    let keys_len = u32::from_le_bytes(bytes[12..16].try_into().unwrap()) as usize;
    let mut flipped = bytes.clone();
    let at = bytes.len() - bytes.len() / 3;
    flipped[at] ^= 0x10;
    let mut random = vec![0u8; 8192];
    getrandom(&mut random);
    let cases: [(&str, Vec<u8>); 6] = [
        ("truncated", bytes[..bytes.len() / 2].to_vec()),
        ("cut after the key file", bytes[..16 + keys_len + 100].to_vec()),
        ("one bit flipped in the database", flipped),
        ("empty", Vec::new()),
        ("random bytes", random),
        ("an export, not a backup", std::fs::read(&export).unwrap()),
    ];
    for (name, content) in cases {
        let file = tmp.path().join(format!("{}.attune-backup", name.replace(' ', "-")));
        std::fs::write(&file, content).unwrap();
        let target = tmp.path().join(format!("restored-{}", name.replace(' ', "-")));
        let err = Session::restore(&file, &target, attune::session::RestoreWith::Passphrase(&pass))
            .err()
            .unwrap_or_else(|| panic!("{name}: the restore must be refused"));
        let message = err.to_string();
        assert!(
            message.contains(&file.display().to_string()) || message.contains("wrong passphrase"),
            "{name}: the error names the file: {message}"
        );
        assert!(!target.exists(), "{name}: nothing is written ({message})");
    }
    // The CLI: a clear message and exit status, and no vault folder made.
    let cli = common::Cli::new();
    let file = tmp.path().join("truncated.attune-backup");
    let stderr = cli.fails(&["restore", file.to_str().unwrap()]);
    assert!(stderr.contains("truncated.attune-backup"), "{stderr}");
    assert!(!cli.vault().exists(), "no vault folder is left by a refused restore");
}

fn getrandom(buf: &mut [u8]) {
    let mut state = Lcg(0xfeed);
    for byte in buf {
        *byte = state.below(256) as u8;
    }
}
