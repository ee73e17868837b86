//! Kill -9 at any moment loses nothing that was reported saved, and leaves a healthy vault.
//!
//! Real processes, real signals: the worker (examples/crash_worker.rs) and the `attune` binary
//! are killed at pseudo-random moments while they write, many times over.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step should stop the test

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use attune::{Credential, EntryId, KdfChoice, KdfParams, Passphrase, RecoveryPhrase, Vault};

/// A small deterministic generator, so a failing run can be repeated.
struct Lcg(u64);

impl Lcg {
    fn next_ms(&mut self, max: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % max
    }
}

fn worker_path() -> std::path::PathBuf {
    // target/debug/deps/crash-HASH -> target/debug/examples/crash_worker
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().and_then(|d| d.parent()).unwrap();
    dir.join("examples").join(format!("crash_worker{}", std::env::consts::EXE_SUFFIX))
}

fn verify(dir: &std::path::Path, phrase: &RecoveryPhrase, reported: &[String], round: usize) {
    let vault = Vault::open(dir, Credential::Recovery(phrase))
        .unwrap_or_else(|e| panic!("round {round}: the vault must open after kill -9: {e}"));
    let journal = vault.journal();
    for id in reported {
        let id: EntryId = id.parse().unwrap();
        journal.get(id).unwrap_or_else(|e| panic!("round {round}: reported add {id} is missing: {e}"));
    }
    let report = vault.check();
    assert!(report.healthy(), "round {round}: doctor must pass after kill -9: {report:?}");
}

#[test]
fn kill_9_during_adds_and_edits_loses_no_reported_add() {
    let worker = worker_path();
    assert!(worker.exists(), "build the example first: {}", worker.display());
    let dir = tempfile::tempdir().unwrap();
    let (vault, phrase) =
        Vault::create(dir.path(), &Passphrase::new(common::PASS.to_owned()), KdfChoice::Fixed(KdfParams::MINIMUM))
            .unwrap();
    vault.lock();
    let mut rng = Lcg(0x5eed);
    let mut reported: Vec<String> = Vec::new();
    let rounds = 25;
    for round in 0..rounds {
        let mut child = Command::new(&worker)
            .arg(dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        writeln!(child.stdin.take().unwrap(), "{}", phrase.expose_secret()).unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let reader = {
            let seen = Arc::clone(&seen);
            let stdout = child.stdout.take().unwrap();
            std::thread::spawn(move || {
                for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                    if let Some(id) = line.strip_prefix("added ") {
                        seen.lock().unwrap().push(id.to_owned());
                    }
                }
            })
        };
        std::thread::sleep(Duration::from_millis(30 + rng.next_ms(400)));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        reader.join().unwrap();
        reported.extend(seen.lock().unwrap().drain(..));
        verify(dir.path(), &phrase, &reported, round);
    }
    eprintln!("{} adds reported across {rounds} kills", reported.len());
    assert!(reported.len() > rounds, "the worker got to write between kills ({} adds)", reported.len());
}

#[test]
fn kill_9_of_the_cli_mid_add_loses_no_reported_add() {
    let cli = common::Cli::new();
    let words = cli.init();
    let phrase = RecoveryPhrase::parse(&words).unwrap();
    let mut rng = Lcg(42);
    let mut reported = Vec::new();
    for round in 0..12 {
        // Several adds at once, killed at moments spread over unlock, write and exit.
        let children: Vec<_> = (0..3)
            .map(|n| {
                cli.cmd()
                    .args(["add", &format!("round {round} writer {n}")])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        std::thread::sleep(Duration::from_millis(200 + rng.next_ms(800)));
        for mut child in children {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            if out.status.success() {
                reported.push(String::from_utf8(out.stdout).unwrap().trim().to_owned());
            }
        }
        verify(&cli.vault(), &phrase, &reported, round);
    }
}
