//! The manual page and shell completions, generated from the same clap definition that parses
//! the command line, so they cannot drift from it. Packages run `attune generate man` and
//! `attune generate bash` (and so on) at build time; nothing generated is committed.

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::Shell;

use super::args::{Cli, Generated};

/// Writes the manual page (roff) or one shell's completion script to `out`.
pub fn write(what: Generated, out: &mut dyn Write) -> Result<()> {
    let mut command = Cli::command();
    let shell = match what {
        Generated::Man => {
            clap_mangen::Man::new(command).render(out)?;
            return Ok(());
        }
        Generated::Bash => Shell::Bash,
        Generated::Zsh => Shell::Zsh,
        Generated::Fish => Shell::Fish,
        Generated::Elvish => Shell::Elvish,
        Generated::Powershell => Shell::PowerShell,
    };
    // clap_complete panics on a failed write (a closed pipe, say): write into memory first.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "attune", &mut script);
    out.write_all(&script)?;
    Ok(())
}
