//! Started where no window can open (no X11 or Wayland display), the app says so and exits
//! with status 1: no panic, and nothing written to the vault folder.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step should stop the test
#![cfg(target_os = "linux")]

use std::process::Command;

#[test]
fn without_a_display_the_app_says_so_and_exits_without_a_panic() {
    let home = tempfile::tempdir().unwrap();
    let vault = home.path().join("vault");
    let out = Command::new(env!("CARGO_BIN_EXE_attune-app"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .env("ATTUNE_VAULT", &vault)
        .env("DBUS_SESSION_BUS_ADDRESS", format!("unix:path={}", home.path().join("no-bus").display()))
        .output()
        .expect("run attune-app");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "exit status; stderr: {stderr}");
    assert!(stderr.contains("needs a graphical session"), "stderr: {stderr}");
    assert!(stderr.contains("DISPLAY is not set and WAYLAND_DISPLAY is not set"), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
    assert!(!vault.exists(), "nothing is made without a window");
}
