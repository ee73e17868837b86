//! Where secrets and text come from: environment, standard input, or a prompt without echo.
//! Secrets never come from command-line arguments, which other users can read.

use std::io::{BufRead, IsTerminal, Read};

use anyhow::{Context, Result, bail};
use attune::{Passphrase, RecoveryPhrase};
use zeroize::Zeroizing;

pub struct Input {
    stdin: std::io::StdinLock<'static>,
    passphrase_stdin: bool,
}

impl Input {
    pub fn new(passphrase_stdin: bool) -> Self {
        Self { stdin: std::io::stdin().lock(), passphrase_stdin }
    }

    /// Whether the passphrase was given without asking (environment or standard input).
    pub fn passphrase_supplied(&self) -> bool {
        std::env::var_os("ATTUNE_PASSPHRASE").is_some() || self.passphrase_stdin
    }

    pub fn passphrase(&mut self) -> Result<Passphrase> {
        if let Ok(text) = std::env::var("ATTUNE_PASSPHRASE") {
            return Ok(Passphrase::new(text));
        }
        if self.passphrase_stdin {
            return self.line("the passphrase").map(|l| Passphrase::new(l.to_string()));
        }
        prompt("Passphrase: ").map(Passphrase::new)
    }

    /// A new passphrase: from `env`, else the next line of standard input when secrets come
    /// from there, else a prompt asked twice.
    pub fn new_passphrase(&mut self, env: &str) -> Result<Passphrase> {
        if let Ok(text) = std::env::var(env) {
            return Ok(Passphrase::new(text));
        }
        if self.passphrase_stdin || !std::io::stdin().is_terminal() {
            return self.line("the new passphrase").map(|l| Passphrase::new(l.to_string()));
        }
        let first = Zeroizing::new(prompt("New passphrase: ")?);
        let second = Zeroizing::new(prompt("Repeat it: ")?);
        if first != second {
            bail!("the two passphrases differ; nothing was changed");
        }
        Ok(Passphrase::new(first.to_string()))
    }

    pub fn recovery_phrase(&mut self) -> Result<RecoveryPhrase> {
        let text = match std::env::var("ATTUNE_RECOVERY_PHRASE") {
            Ok(text) => Zeroizing::new(text),
            Err(_) if std::io::stdin().is_terminal() => Zeroizing::new(prompt("Recovery phrase (24 words): ")?),
            Err(_) => self.line("the recovery phrase")?,
        };
        Ok(RecoveryPhrase::parse(&text)?)
    }

    /// Standard input, which this holds locked for the whole run (locking it again would wait
    /// for ever).
    pub fn stdin(&mut self) -> &mut std::io::StdinLock<'static> {
        &mut self.stdin
    }

    /// The rest of standard input, for an entry's text.
    pub fn text(&mut self) -> Result<String> {
        if std::io::stdin().is_terminal() {
            eprintln!("Write the entry, then press Ctrl-D on a new line to save it.");
        }
        let mut text = String::new();
        self.stdin.read_to_string(&mut text).context("reading the entry text from standard input")?;
        Ok(text)
    }

    fn line(&mut self, what: &str) -> Result<Zeroizing<String>> {
        let mut line = Zeroizing::new(String::new());
        let read = self.stdin.read_line(&mut line).with_context(|| format!("reading {what} from standard input"))?;
        if read == 0 {
            bail!("standard input ended before {what}");
        }
        let trimmed = Zeroizing::new(line.trim_end_matches(['\n', '\r']).to_owned());
        Ok(trimmed)
    }
}

fn prompt(label: &str) -> Result<String> {
    if !std::io::stdin().is_terminal() && !std::io::stderr().is_terminal() {
        bail!("no passphrase: set ATTUNE_PASSPHRASE, use --passphrase-stdin, or run in a terminal");
    }
    rpassword::prompt_password(label).context("reading the passphrase from the terminal")
}
