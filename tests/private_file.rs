//! The permissions of a private file do not depend on the umask of the process writing it.
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
        let output = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "umask {umask} && exec \"$0\" --exact --ignored --test-threads 1 write_under_the_inherited_umask"
            ))
            .arg(&exe)
            .env(DIR_VAR, dir.path())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "the child under umask {umask} failed:\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        for name in ["atomic", "created"] {
            let mode = mode(&dir.path().join(name));
            assert_eq!(mode, 0o600, "{name} under umask {umask} is readable and writable by its owner only");
        }
        let stdout = String::from_utf8_lossy(&output.stdout);
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

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}
