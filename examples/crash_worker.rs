//! A process for the crash and soak tests (tests/crash.rs, tests/soak.rs, tests/keys.rs) to
//! kill: it writes as fast as it can and prints one line after each write has committed, until
//! it is killed.
//!
//! Usage: `crash_worker VAULT_DIR [ACTION]`, with the secret on the first line of standard input
//! (24 words: the recovery phrase; anything else: the passphrase). Actions, and what they print:
//! - `add` (the default): adds, edits, trashes and restores entries; `added <id>` per add.
//! - `import`: imports folders of five Markdown notes; `imported <marker>` per import.
//! - `backup`: adds an entry, then writes an encrypted backup beside the vault folder;
//!   `added <id>`, then `backup <path>`.
//! - `passwd`: changes the passphrase back and forth between `P` and `P-2` (it may be given
//!   either); `passphrase <new>` per change.
//! - `rekey`: replaces the data key, then adds an entry; `rekeyed`, then `added <id>`.
//! - `hold`: opens, prints `opened`, waits for a line, then turns the keyring on with a store
//!   kept in the file `ATTUNE_TEST_KEYRING_FILE`; prints `keyring on` (or the error).

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use attune::journal::{EntryEdit, SaveMode};
use attune::vault::{KeyringError, SecretStore};
use attune::{Credential, KdfChoice, KdfParams, NewEntry, Passphrase, RecoveryPhrase, Vault};
use zeroize::Zeroizing;

/// A keyring kept in one file (one account), for tests without a desktop session.
#[derive(Debug)]
pub struct FileStore(pub PathBuf);

impl SecretStore for FileStore {
    fn get(&self, _account: &str) -> Result<Option<Zeroizing<String>>, KeyringError> {
        match std::fs::read_to_string(&self.0) {
            Ok(text) => Ok(Some(Zeroizing::new(text))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(KeyringError::Failed(e.to_string())),
        }
    }
    fn set(&self, _account: &str, secret: &str) -> Result<(), KeyringError> {
        std::fs::write(&self.0, secret).map_err(|e| KeyringError::Failed(e.to_string()))
    }
    fn delete(&self, _account: &str) -> Result<(), KeyringError> {
        match std::fs::remove_file(&self.0) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(KeyringError::Failed(e.to_string())),
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).ok_or("usage: crash_worker VAULT_DIR [ACTION]")?);
    let action = std::env::args().nth(2).unwrap_or_else(|| "add".to_owned());
    let mut stdin = std::io::stdin().lock();
    let mut secret = Zeroizing::new(String::new());
    stdin.read_line(&mut secret)?;
    let secret = Zeroizing::new(secret.trim_end_matches(['\r', '\n']).to_owned());
    let passphrase = Passphrase::new(secret.to_string());
    let mut vault = if secret.split_whitespace().count() == 24 {
        Vault::open(&dir, Credential::Recovery(&RecoveryPhrase::parse(&secret)?))?
    } else {
        Vault::open(&dir, Credential::Passphrase(&passphrase))?
    };
    let store =
        FileStore(std::env::var_os("ATTUNE_TEST_KEYRING_FILE").map_or_else(|| dir.join("no-keyring"), PathBuf::from));
    let mut out = std::io::stdout().lock();
    let pid = std::process::id();
    match action.as_str() {
        "add" => add_loop(&vault, &mut out, pid),
        "import" => {
            let parent = dir.parent().unwrap_or(Path::new(".")).to_owned();
            for n in 0u64.. {
                let marker = format!("imp{pid}x{n}end");
                let folder = parent.join(format!("notes-{marker}"));
                std::fs::create_dir_all(&folder)?;
                for k in 0..5 {
                    std::fs::write(
                        folder.join(format!("{marker}-{k}.md")),
                        format!("# {marker} note {k}\n\n{marker} text {k}.\n"),
                    )?;
                }
                let options = attune::exchange::import::Options::in_zone("UTC")?;
                let plan = attune::exchange::import::plan(
                    &folder,
                    Some(attune::exchange::import::Format::Markdown),
                    &options,
                )?;
                attune::exchange::import::apply(&vault.journal(), plan)?;
                writeln!(out, "imported {marker}")?;
                out.flush()?;
                std::fs::remove_dir_all(&folder)?;
            }
            Ok(())
        }
        "backup" => {
            let backups = dir.parent().unwrap_or(Path::new(".")).join("backups");
            std::fs::create_dir_all(&backups)?;
            for n in 0u64.. {
                let entry = vault
                    .journal()
                    .create(NewEntry { body: format!("before backup {n} of {pid}"), ..NewEntry::default() })?;
                writeln!(out, "added {}", entry.id)?;
                out.flush()?;
                let path = backups.join(format!("b{pid}-{n}.attune-backup"));
                vault.backup(&path)?;
                writeln!(out, "backup {}", path.display())?;
                out.flush()?;
            }
            Ok(())
        }
        "passwd" => {
            // Always the same two passphrases, whichever of them it was given.
            let (first, second) = match secret.strip_suffix("-2") {
                Some(base) => (secret.to_string(), base.to_owned()),
                None => (secret.to_string(), format!("{}-2", secret.as_str())),
            };
            // Cheap enough to change many times between kills; the floor Attune accepts.
            let kdf = KdfChoice::Fixed(KdfParams::MINIMUM);
            for n in 0u64.. {
                let next = if n % 2 == 0 { &second } else { &first };
                vault.change_passphrase(&Passphrase::new(next.clone()), kdf)?;
                writeln!(out, "passphrase {next}")?;
                out.flush()?;
            }
            Ok(())
        }
        "rekey" => {
            for n in 0u64.. {
                drop(vault.rekey(&passphrase, &store)?);
                writeln!(out, "rekeyed")?;
                out.flush()?;
                let entry = vault
                    .journal()
                    .create(NewEntry { body: format!("after rekey {n} of {pid}"), ..NewEntry::default() })?;
                writeln!(out, "added {}", entry.id)?;
                out.flush()?;
            }
            Ok(())
        }
        "hold" => {
            writeln!(out, "opened")?;
            out.flush()?;
            let mut line = String::new();
            stdin.read_line(&mut line)?;
            match vault.enable_keyring(&store) {
                Ok(()) => writeln!(out, "keyring on")?,
                Err(e) => writeln!(out, "error {e}")?,
            }
            out.flush()?;
            Ok(())
        }
        other => Err(format!("unknown action {other}").into()),
    }
}

fn add_loop(vault: &Vault, out: &mut impl Write, pid: u32) -> Result<(), Box<dyn std::error::Error>> {
    let journal = vault.journal();
    let mut added = Vec::new();
    for n in 0u64.. {
        let body = format!("process {pid}, entry {n}. {}", "Some words to give the page weight. ".repeat(20));
        let entry = journal.create(NewEntry { body, tags: vec![format!("p{pid}")], ..NewEntry::default() })?;
        writeln!(out, "added {}", entry.id)?;
        out.flush()?;
        added.push(entry.id);
        if n % 2 == 1 {
            let target = added[(n as usize * 7) % added.len()];
            let edit = EntryEdit { body: Some(format!("edited by {pid} at step {n}")), ..EntryEdit::default() };
            journal.update(target, edit, SaveMode::Edit)?;
        }
        if n % 5 == 4 {
            journal.trash(added[0])?;
            journal.restore(added[0])?;
        }
    }
    Ok(())
}
