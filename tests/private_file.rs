//! The permissions of a private file, a vault and a restored vault do not depend on the umask
//! of the process writing them, and `doctor` names a vault file that others can read.
//!
//! The umask is process-wide, so each case runs in a child process (this test binary, started
//! through `sh -c 'umask …; exec …'`) and never changes the umask of the tests around it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step should stop the test

use std::path::Path;
use std::process::Command;

const DIR_VAR: &str = "ATTUNE_TEST_UMASK_DIR";

#[cfg(unix)]
#[test]
fn private_files_are_owner_only_whatever_the_umask() {
    let exe = std::env::current_exe().unwrap();
    for umask in ["000", "022", "077", "277"] {
        let dir = tempfile::tempdir().unwrap();
        let stdout = run_child(&exe, umask, "write_under_the_inherited_umask", dir.path());
        for name in ["atomic", "created"] {
            let mode = mode(&dir.path().join(name));
            assert_eq!(mode, 0o600, "{name} under umask {umask} is readable and writable by its owner only");
        }
        assert!(stdout.contains("1 passed"), "the child ran the write: {stdout}");
    }
}

/// Run by the test above in a child process with a chosen umask; does nothing on its own.
#[test]
#[ignore = "run in a child process by private_files_are_owner_only_whatever_the_umask"]
fn write_under_the_inherited_umask() {
    let Some(dir) = std::env::var_os(DIR_VAR) else { return };
    let dir = Path::new(&dir);
    attune::private_file::write(&dir.join("atomic"), b"secret").unwrap();
    drop(attune::private_file::create_new(&dir.join("created")).unwrap());
}

/// Runs one ignored test of this binary in a child process under `umask`, with `dir` for its
/// files; returns the child's output once it has passed.
#[cfg(unix)]
fn run_child(exe: &Path, umask: &str, test: &str, dir: &Path) -> String {
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" --exact --ignored --test-threads 1 {test}"))
        .arg(exe)
        .env(DIR_VAR, dir)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the child under umask {umask} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn a_vault_its_log_and_a_restored_copy_are_owner_only_whatever_the_umask() {
    let exe = std::env::current_exe().unwrap();
    for umask in ["000", "022"] {
        let dir = tempfile::tempdir().unwrap();
        let stdout = run_child(&exe, umask, "make_a_vault_under_the_inherited_umask", dir.path());
        assert!(stdout.contains("1 passed"), "the child made the vaults: {stdout}");
        for vault in ["vault", "restored"] {
            let folder = dir.path().join(vault);
            assert_eq!(mode(&folder), 0o700, "{vault}/ under umask {umask} is the owner's alone");
            for file in ["vault.db", "vault.db-wal", "vault.db-shm", "vault.keys"] {
                assert_eq!(mode(&folder.join(file)), 0o600, "{vault}/{file} under umask {umask} is owner-only");
            }
        }
        assert_eq!(mode(&dir.path().join("backup")), 0o600, "the backup under umask {umask} is owner-only");
    }
}

/// Run by the test above in a child process: makes a vault, writes to it (so its log and
/// shared-memory files exist), backs it up and restores the backup, leaving them open.
#[test]
#[ignore = "run in a child process by a_vault_its_log_and_a_restored_copy_are_owner_only_whatever_the_umask"]
fn make_a_vault_under_the_inherited_umask() {
    let Some(dir) = std::env::var_os(DIR_VAR) else { return };
    let dir = Path::new(&dir);
    let pass = attune::Passphrase::new("a quiet evening by the lake".into());
    let kdf = attune::KdfChoice::Fixed(attune::KdfParams::MINIMUM);
    let (vault, _) = attune::Vault::create(&dir.join("vault"), &pass, kdf).unwrap();
    vault.journal().create(attune::NewEntry { body: "private".into(), ..attune::NewEntry::default() }).unwrap();
    vault.backup(&dir.join("backup")).unwrap();
    let restored =
        attune::Vault::restore(&dir.join("backup"), &dir.join("restored"), attune::Credential::Passphrase(&pass))
            .unwrap();
    restored.journal().create(attune::NewEntry { body: "also private".into(), ..attune::NewEntry::default() }).unwrap();
    assert!(vault.exposed_files().is_empty(), "{:?}", vault.exposed_files());
    // Keep both open so their -wal and -shm files are there to be checked.
    std::mem::forget(vault);
    std::mem::forget(restored);
}

#[cfg(unix)]
#[test]
fn doctor_names_a_vault_file_that_others_can_read() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let pass = attune::Passphrase::new("a quiet evening by the lake".into());
    let kdf = attune::KdfChoice::Fixed(attune::KdfParams::MINIMUM);
    let (vault, _) = attune::Vault::create(&dir.path().join("vault"), &pass, kdf).unwrap();
    assert!(vault.check().healthy());
    let keys = dir.path().join("vault").join("vault.keys");
    std::fs::set_permissions(&keys, std::fs::Permissions::from_mode(0o644)).unwrap();
    let report = vault.check();
    assert!(!report.healthy(), "a key file others can read is a finding");
    let found = report.checks.iter().find(|c| c.name == "private files").unwrap();
    assert_eq!(found.problems.len(), 1, "{:?}", found.problems);
    assert!(found.problems[0].contains("vault.keys") && found.problems[0].contains("group and everyone else"));
}
