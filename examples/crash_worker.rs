//! A process for the crash test (tests/crash.rs) to kill: it adds and edits entries as fast as it
//! can and prints `added <id>` after each add has committed, until it is killed.
//!
//! Usage: crash_worker VAULT_DIR, with the recovery phrase on the first line of standard input.

use std::io::{BufRead, Write};

use attune::journal::{EntryEdit, SaveMode};
use attune::{Credential, NewEntry, RecoveryPhrase, Vault};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: crash_worker VAULT_DIR")?;
    let mut words = String::new();
    std::io::stdin().lock().read_line(&mut words)?;
    let phrase = RecoveryPhrase::parse(&words)?;
    let vault = Vault::open(std::path::Path::new(&dir), Credential::Recovery(&phrase))?;
    let journal = vault.journal();
    let mut out = std::io::stdout().lock();
    let mut added = Vec::new();
    let pid = std::process::id();
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
