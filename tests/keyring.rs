//! The OS keyring for real: gnome-keyring's Secret Service on a private D-Bus session.
//!
//! Ignored in a plain `cargo test` because it needs that session; `scripts/test-keyring.sh`
//! starts one (dbus-run-session + an unlocked gnome-keyring-daemon in a temp HOME) and runs
//! these with `--ignored`. `npm test` and CI run that script.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step should stop the test

mod common;

use attune::vault::{OsKeyring, SecretStore};
use attune::{Credential, KdfChoice, KdfParams, NewEntry, Passphrase, Vault, VaultError};

#[test]
#[ignore = "needs a Secret Service session; run by scripts/test-keyring.sh"]
fn the_secret_service_unlocks_the_vault_until_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    let pass = Passphrase::new(common::PASS.to_owned());
    let (mut vault, _) = Vault::create(dir.path(), &pass, KdfChoice::Fixed(KdfParams::MINIMUM)).unwrap();
    let id = vault.journal().create(NewEntry { body: "kept by the keyring".into(), ..NewEntry::default() }).unwrap().id;
    vault.enable_keyring(&OsKeyring).expect("the Secret Service accepts the device key");
    let account = format!("vault-{}", vault.id());
    assert!(OsKeyring.get(&account).unwrap().is_some(), "the device key is in the Secret Service");
    vault.lock();

    let vault = Vault::open(dir.path(), Credential::Keyring(&OsKeyring)).expect("unlock from the keyring");
    assert_eq!(vault.journal().get(id).unwrap().body, "kept by the keyring");
    let mut vault = vault;
    vault.disable_keyring(&OsKeyring).unwrap();
    assert!(OsKeyring.get(&account).unwrap().is_none(), "turning it off deletes the device key");
    vault.lock();
    assert!(matches!(Vault::open(dir.path(), Credential::Keyring(&OsKeyring)), Err(VaultError::KeyringNotEnabled)));
}

#[test]
#[ignore = "needs a Secret Service session; run by scripts/test-keyring.sh"]
fn the_cli_unlocks_from_the_keyring_without_a_passphrase() {
    let cli = common::Cli::new();
    // Keep the session bus of the surrounding dbus-run-session for this test.
    let bus = std::env::var("DBUS_SESSION_BUS_ADDRESS").expect("run inside dbus-run-session");
    let out = cli.cmd().env("DBUS_SESSION_BUS_ADDRESS", &bus).args(["init", "--keyring"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("keyring will unlock"), "{stderr}");
    let added = cli
        .cmd()
        .env("DBUS_SESSION_BUS_ADDRESS", &bus)
        .env_remove("ATTUNE_PASSPHRASE")
        .args(["add", "no passphrase needed"])
        .output()
        .unwrap();
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    let off = cli.cmd().env("DBUS_SESSION_BUS_ADDRESS", &bus).args(["keyring", "off"]).output().unwrap();
    assert!(off.status.success());
    let locked = cli
        .cmd()
        .env("DBUS_SESSION_BUS_ADDRESS", &bus)
        .env_remove("ATTUNE_PASSPHRASE")
        .args(["list"])
        .output()
        .unwrap();
    assert!(!locked.status.success(), "with the keyring off, a passphrase is needed again");
}
