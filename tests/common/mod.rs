//! Helpers shared by the integration tests: run the real `attune` binary on a vault in a temp
//! folder, with an environment that cannot reach a real vault or keyring ([`Cli`]), and build
//! vaults and entries through the library ([`fixtures`]), and carry folders between real
//! Syncthing instances ([`syncthing`]).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step should stop the test
#![allow(dead_code)]

pub mod fixtures;
pub mod syncthing;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const PASS: &str = "a quiet evening by the lake";

pub struct Cli {
    pub dir: tempfile::TempDir,
}

impl Cli {
    pub fn new() -> Self {
        Self { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn vault(&self) -> PathBuf {
        self.dir.path().join("vault")
    }

    /// `attune` with the vault and passphrase set, and HOME and the session bus pointed away.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_attune"));
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("ATTUNE_") {
                cmd.env_remove(key);
            }
        }
        cmd.env("ATTUNE_VAULT", self.vault())
            .env("ATTUNE_PASSPHRASE", PASS)
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("DBUS_SESSION_BUS_ADDRESS", format!("unix:path={}", self.dir.path().join("no-bus").display()))
            .stdin(Stdio::null());
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("run attune")
    }

    /// Runs and requires success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "attune {args:?} failed with {:?}\nstdout: {}\nstderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Runs and requires failure; returns stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            !out.status.success(),
            "attune {args:?} should have failed\nstdout: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        let stderr = String::from_utf8(out.stderr).expect("utf-8 stderr");
        assert!(!stderr.contains("panicked"), "a panic reached the user: {stderr}");
        stderr
    }

    /// Creates the vault; returns the 24 recovery words.
    pub fn init(&self) -> String {
        let out = self.ok(&["init"]);
        let words: Vec<&str> = out.split_whitespace().filter(|w| !w.ends_with('.')).collect();
        assert_eq!(words.len(), 24, "init prints 24 numbered words, got {out:?}");
        words.join(" ")
    }

    pub fn add(&self, args: &[&str]) -> String {
        let mut all = vec!["add"];
        all.extend_from_slice(args);
        self.ok(&all).trim().to_owned()
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).expect("valid JSON output")
    }
}

/// Every file under `dir`, for scanning for plaintext.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() { stack.push(path) } else { out.push(path) }
        }
    }
    out
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The crash worker example (examples/crash_worker.rs), built by `cargo test` next to the tests
/// (or the copy named by `ATTUNE_CRASH_WORKER`).
pub fn worker() -> PathBuf {
    if let Some(path) = std::env::var_os("ATTUNE_CRASH_WORKER") {
        return PathBuf::from(path);
    }
    // target/debug/deps/TEST-HASH -> target/debug/examples/crash_worker
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().and_then(|d| d.parent()).unwrap();
    let path = dir.join("examples").join(format!("crash_worker{}", std::env::consts::EXE_SUFFIX));
    assert!(path.exists(), "build the example first: {}", path.display());
    path
}

/// A keyring kept in one file, as the crash worker's is: tests and workers share device keys.
#[derive(Debug)]
pub struct FileStore(pub PathBuf);

impl attune::vault::SecretStore for FileStore {
    fn get(&self, _account: &str) -> Result<Option<zeroize::Zeroizing<String>>, attune::vault::KeyringError> {
        Ok(std::fs::read_to_string(&self.0).ok().map(zeroize::Zeroizing::new))
    }
    fn set(&self, _account: &str, secret: &str) -> Result<(), attune::vault::KeyringError> {
        std::fs::write(&self.0, secret).map_err(|e| attune::vault::KeyringError::Failed(e.to_string()))
    }
    fn delete(&self, _account: &str) -> Result<(), attune::vault::KeyringError> {
        let _ = std::fs::remove_file(&self.0);
        Ok(())
    }
}
