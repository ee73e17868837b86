//! What unlocks a vault, across processes and key rotations: no stale copy of `vault.keys` may
//! undo another process's change, and replacing the key keeps everything that was written.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step should stop the test

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use attune::{Credential, KdfChoice, KdfParams, NewEntry, Passphrase, RecoveryPhrase, Vault, VaultError};
use common::FileStore;

fn pass() -> Passphrase {
    Passphrase::new(common::PASS.to_owned())
}

/// Regression: a process that unlocked before a `passwd` elsewhere turned the keyring on and
/// wrote its stale copy of the key file, bringing the old passphrase back.
#[test]
fn a_process_that_unlocked_earlier_cannot_bring_back_the_old_passphrase() {
    let cli = common::Cli::new();
    cli.init();
    let keyring_file = cli.dir.path().join("device-key");
    let mut holder = Command::new(common::worker())
        .args([cli.vault().as_os_str(), "hold".as_ref()])
        .env("ATTUNE_TEST_KEYRING_FILE", &keyring_file)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut to_holder = holder.stdin.take().unwrap();
    writeln!(to_holder, "{}", common::PASS).unwrap();
    let mut from_holder = BufReader::new(holder.stdout.take().unwrap()).lines();
    assert_eq!(from_holder.next().unwrap().unwrap(), "opened", "the first process unlocked");

    // Another process changes the passphrase while the first one has the vault open.
    let new = "a brand new passphrase for the lake";
    let out = cli.cmd().arg("passwd").env("ATTUNE_NEW_PASSPHRASE", new).output().unwrap();
    assert!(out.status.success(), "passwd: {}", String::from_utf8_lossy(&out.stderr));

    // The first process now turns the keyring on.
    writeln!(to_holder).unwrap();
    assert_eq!(from_holder.next().unwrap().unwrap(), "keyring on");
    assert!(holder.wait().unwrap().success());

    let old = cli.fails(&["list"]);
    assert!(old.contains("wrong passphrase"), "the old passphrase must no longer open the vault: {old}");
    let out = cli.cmd().args(["list"]).env("ATTUNE_PASSPHRASE", new).output().unwrap();
    assert!(out.status.success(), "the new passphrase opens the vault: {}", String::from_utf8_lossy(&out.stderr));
    let vault = Vault::open(&cli.vault(), Credential::Keyring(&FileStore(keyring_file))).unwrap();
    assert!(vault.keyring_enabled(), "the first process's change is kept too");
}

#[test]
fn a_change_from_a_process_holding_a_replaced_key_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _) = Vault::create(dir.path(), &pass(), KdfChoice::Fixed(KdfParams::MINIMUM)).unwrap();
    vault.lock();
    let mut stale = Vault::open(dir.path(), Credential::Passphrase(&pass())).unwrap();
    let mut rotating = Vault::open(dir.path(), Credential::Passphrase(&pass())).unwrap();
    rotating.rekey(&pass(), &FileStore(dir.path().join("none"))).unwrap();
    let err = stale
        .change_passphrase(&Passphrase::new("another passphrase here".into()), KdfChoice::Fixed(KdfParams::MINIMUM))
        .unwrap_err();
    assert!(matches!(err, VaultError::KeyReplaced { .. }), "a stale key must not be sealed into the file: {err:?}");
    drop(stale);
    drop(rotating);
    Vault::open(dir.path(), Credential::Passphrase(&pass())).expect("the passphrase still opens the vault");
}

#[test]
fn rekey_keeps_every_entry_and_replaces_the_recovery_phrase() {
    let dir = tempfile::tempdir().unwrap();
    let vault_dir = dir.path().join("v");
    let store = FileStore(dir.path().join("device-key"));
    let (mut vault, old_phrase) = Vault::create(&vault_dir, &pass(), KdfChoice::Fixed(KdfParams::MINIMUM)).unwrap();
    vault.enable_keyring(&store).unwrap();
    let ids: Vec<_> = (0..40)
        .map(|n| {
            vault.journal().create(NewEntry { body: format!("entry number {n}"), ..NewEntry::default() }).unwrap().id
        })
        .collect();
    let before = dir.path().join("before.attune-backup");
    vault.backup(&before).unwrap();
    let db_before = std::fs::read(vault_dir.join("vault.db")).unwrap();

    let wrong = vault.rekey(&Passphrase::new("not the passphrase at all".into()), &store).unwrap_err();
    assert!(matches!(wrong, VaultError::WrongPassphrase), "rekey asks for the current passphrase: {wrong:?}");
    let new_phrase = vault.rekey(&pass(), &store).unwrap();
    assert_eq!(vault.journal().get(ids[7]).unwrap().body, "entry number 7", "the open vault keeps working");
    vault.lock();
    assert_ne!(
        std::fs::read(vault_dir.join("vault.db")).unwrap()[..4096],
        db_before[..4096],
        "the pages were re-encrypted"
    );

    let err = Vault::open(&vault_dir, Credential::Recovery(&old_phrase)).unwrap_err();
    assert!(matches!(err, VaultError::WrongRecoveryPhrase), "the old phrase stops working: {err:?}");
    for credential in [Credential::Passphrase(&pass()), Credential::Recovery(&new_phrase), Credential::Keyring(&store)]
    {
        let vault = Vault::open(&vault_dir, credential).unwrap_or_else(|e| panic!("{credential:?} opens: {e}"));
        assert!(!vault.recovery_phrase_unseen());
        for id in &ids {
            vault.journal().get(*id).unwrap();
        }
        assert!(vault.check().healthy());
    }
    // A backup made before opens with what opened the vault then.
    let phrase = RecoveryPhrase::parse(old_phrase.expose_secret()).unwrap();
    let restored = Vault::restore(&before, &dir.path().join("r"), Credential::Recovery(&phrase)).unwrap();
    assert_eq!(restored.journal().get(ids[0]).unwrap().body, "entry number 0");
}

#[test]
fn the_cli_asks_for_the_passphrase_to_rekey_and_to_turn_the_keyring_on() {
    let cli = common::Cli::new();
    let old_words = cli.init();
    let id = cli.add(&["kept through the new key"]);
    let err = cli.cmd().args(["keyring", "on"]).env("ATTUNE_PASSPHRASE", "not the passphrase").output().unwrap();
    assert!(!err.status.success());
    assert!(String::from_utf8_lossy(&err.stderr).contains("wrong passphrase"));
    let err = cli.cmd().args(["rekey"]).env("ATTUNE_PASSPHRASE", "not the passphrase").output().unwrap();
    assert!(String::from_utf8_lossy(&err.stderr).contains("wrong passphrase"));

    let out = cli.run(&["rekey"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Backups made before"), "the CLI says what happens to old backups: {stderr}");
    let new_words: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .filter(|w| !w.ends_with('.'))
        .map(str::to_owned)
        .collect();
    assert_eq!(new_words.len(), 24, "rekey prints the new phrase");
    assert_ne!(new_words.join(" "), old_words);
    assert!(cli.ok(&["show", &id]).contains("kept through the new key"));

    let recover = |words: &str| {
        cli.cmd()
            .arg("recover")
            .env("ATTUNE_RECOVERY_PHRASE", words)
            .env("ATTUNE_NEW_PASSPHRASE", common::PASS)
            .output()
            .unwrap()
    };
    assert!(!recover(&old_words).status.success(), "the old phrase no longer recovers the vault");
    assert!(recover(&new_words.join(" ")).status.success(), "the new phrase does");
}
