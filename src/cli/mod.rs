//! The `attune` command-line tool: each command opens the vault, makes one core call, prints
//! the result and closes the vault. Errors get their context here, at the edge.

mod args;
mod attachments;
mod exercises;
mod generate;
mod input;
mod output;
mod reports;
mod templates;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use attune::exchange::import;
use attune::insights::InsightsQuery;
use attune::journal::{EntryEdit, ListFilter, NewEntry, SaveMode, SearchQuery};
use attune::session::RestoreWith;
use attune::vault::{AutoBackup, VaultState, default_dir};
use attune::{Credential, KdfChoice, Mood, OsKeyring, Session, Vault, time};
use clap::Parser;

use args::{Cli, Command, ExportFormat, KeyringAction};
use input::Input;

/// Runs the tool; the result becomes the process's exit code.
pub fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("attune: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<std::process::ExitCode> {
    // Needs no vault, nor even a home folder (package builds run without one).
    if let Command::Generate { what } = cli.command {
        generate::write(what, &mut std::io::stdout().lock())?;
        return Ok(std::process::ExitCode::SUCCESS);
    }
    let dir = vault_dir(cli.vault.as_deref())?;
    let mut input = Input::new(cli.passphrase_stdin);
    let out = &mut std::io::stdout().lock();
    match cli.command {
        Command::Init { keyring } => init(&dir, &mut input, keyring, out)?,
        Command::Add { title, tags, people, mood, at, template, text } => {
            let session = open(&dir, &mut input)?;
            let created_at = at.map(|t| time::parse_local("--at", &t)).transpose()?;
            let start = template.map(|name| session.template_text(&name)).transpose()?;
            let body = match (start, text.is_empty()) {
                // With a template, standard input is read only when it is not a terminal.
                (Some(start), true) if std::io::stdin().is_terminal() => start,
                (Some(start), true) => join_text(start, input.text()?),
                (Some(start), false) => join_text(start, text.join(" ")),
                (None, true) => input.text()?,
                (None, false) => text.join(" "),
            };
            let entry = session.journal().create(NewEntry {
                title: title.unwrap_or_default(),
                body,
                mood: mood.map(Mood::try_from).transpose()?,
                tags,
                people,
                created_at,
                ..NewEntry::default()
            })?;
            writeln!(out, "{}", entry.id)?;
        }
        Command::List { from, to, tag, person, trash, limit, json } => {
            let session = open(&dir, &mut input)?;
            let filter = ListFilter {
                from: from.map(|d| time::parse_day("--from", &d)).transpose()?,
                to: to.map(|d| time::parse_day("--to", &d)).transpose()?,
                tag,
                person,
                trashed: trash,
                limit: Some(limit),
                ..ListFilter::default()
            };
            let page = session.journal().list(&filter)?;
            if json { output::json(out, &page.items)? } else { output::list(out, &page.items)? }
        }
        Command::Show { id, json } => {
            let session = open(&dir, &mut input)?;
            let journal = session.journal();
            let entry = journal.get(journal.resolve(&id)?)?;
            if json { output::json(out, &entry)? } else { output::entry(out, &entry)? }
        }
        Command::Template { action } => {
            let session = open(&dir, &mut input)?;
            templates::run(&session, action, &mut input, out)?
        }
        Command::Edit { id, title, tags, people, mood, at, text } => {
            let session = open(&dir, &mut input)?;
            let journal = session.journal();
            let id = journal.resolve(&id)?;
            let edit = EntryEdit {
                title,
                body: (!text.is_empty()).then(|| text.join(" ")),
                mood: mood.map(|m| Mood::try_from(m).map(Some)).transpose()?,
                tags: (!tags.is_empty()).then_some(tags),
                people: (!people.is_empty()).then_some(people),
                created_at: at.map(|t| time::parse_local("--at", &t)).transpose()?,
                ..EntryEdit::default()
            };
            let entry = journal.update(id, edit, SaveMode::Edit)?;
            writeln!(out, "{}", entry.id)?;
        }
        Command::Attach { entry, files } => {
            let session = open(&dir, &mut input)?;
            attachments::attach(&session, &entry, &files, out)?
        }
        Command::Attachments { entry, json } => {
            let session = open(&dir, &mut input)?;
            attachments::list(&session, &entry, json, out)?
        }
        Command::Attachment { action } => {
            let session = open(&dir, &mut input)?;
            attachments::run(&session, action)?
        }
        Command::Detach { id } => {
            let session = open(&dir, &mut input)?;
            attachments::detach(&session, &id)?
        }
        Command::Rm { id, purge } => {
            let session = open(&dir, &mut input)?;
            let journal = session.journal();
            let id = journal.resolve(&id)?;
            if purge {
                journal.purge(id)?;
                eprintln!("deleted {id} for good");
            } else {
                journal.trash(id)?;
                eprintln!("moved {id} to the trash (attune restore {id} brings it back)");
            }
        }
        Command::Restore { target } if Path::new(&target).is_file() => {
            restore_backup(Path::new(&target), &dir, &mut input)?
        }
        Command::Restore { target } => {
            let session = open(&dir, &mut input)?;
            let journal = session.journal();
            let id = journal.resolve(&target)?;
            journal.restore(id)?;
            eprintln!("restored {id}");
        }
        Command::History { id, restore, json } => {
            let session = open(&dir, &mut input)?;
            let journal = session.journal();
            let id = journal.resolve(&id)?;
            if let Some(revision) = restore {
                journal.restore_revision(id, revision)?;
                eprintln!("revision {revision} of {id} is current again; the text it replaced is kept in the history");
            } else {
                let revisions = journal.history(id)?;
                if json { output::json(out, &revisions)? } else { output::history(out, &revisions)? }
            }
        }
        Command::Search { query, limit, from, to, tag, person, json } => {
            let session = open(&dir, &mut input)?;
            let results = session.journal().search(&SearchQuery {
                text: query.join(" "),
                limit: Some(limit),
                from: from.map(|d| time::parse_day("--from", &d)).transpose()?,
                to: to.map(|d| time::parse_day("--to", &d)).transpose()?,
                tag,
                person,
            })?;
            if json { output::json(out, &results.hits)? } else { output::hits(out, &results)? }
        }
        Command::Export { format: ExportFormat::Pdf, out: path, from, to, photos } => {
            let from = from.map(|d| time::parse_day("--from", &d)).transpose()?;
            let to = to.map(|d| time::parse_day("--to", &d)).transpose()?;
            let session = open(&dir, &mut input)?;
            let written = session.export_pdf_with(from, to, photos, &path)?;
            eprintln!(
                "wrote {written} entries to {}\nthis file is NOT encrypted: keep it somewhere private, and delete it when done",
                path.display()
            );
        }
        Command::Export { photos: true, .. } => {
            bail!("--photos goes with --format pdf; the JSON and Markdown exports always carry photos and files")
        }
        Command::Export { from: Some(_), .. } | Command::Export { to: Some(_), .. } => {
            bail!("--from and --to go with --format pdf; the JSON and Markdown exports hold everything")
        }
        Command::Export { format: ExportFormat::Markdown, out: path, .. } => {
            let session = open(&dir, &mut input)?;
            let written = session.export_markdown(&path)?;
            eprintln!(
                "wrote {written} entries to {}\nthese files are NOT encrypted: keep them somewhere private, and delete them when done",
                path.display()
            );
        }
        Command::Export { format: ExportFormat::Json, out: path, .. } => {
            let session = open(&dir, &mut input)?;
            let summary = session.export_json(&path).with_context(|| format!("exporting to {}", path.display()))?;
            eprintln!(
                "wrote {} entries and {} photos and files to {}\nthis file is NOT encrypted: keep it somewhere private, and delete it when done",
                summary.entries,
                summary.attachments,
                path.display()
            );
        }
        Command::Import { path, format, dry_run, tz, json } => {
            let options = match tz {
                Some(zone) => import::Options::in_zone(&zone)?,
                None => import::Options::system(),
            };
            let plan = import::plan(&path, format.map(Into::into), &options)?;
            let session = open(&dir, &mut input)?;
            let outcome = if dry_run { session.import_preview(&plan)? } else { session.import_apply(plan)? };
            if json {
                output::json(out, &outcome)?
            } else {
                output::import(out, &outcome)?
            }
            if !dry_run {
                eprintln!(
                    "imported {} entries ({} already in the vault were skipped, {} people added)",
                    outcome.added, outcome.already_present, outcome.people_added
                );
            }
        }
        Command::Backup { out: Some(path), .. } => {
            let session = open(&dir, &mut input)?;
            let summary = session.backup(&path).with_context(|| format!("backing up to {}", path.display()))?;
            eprintln!(
                "wrote an encrypted backup of {} entries ({} bytes) to {} and checked it",
                summary.entries,
                summary.bytes,
                path.display()
            );
        }
        Command::Backup { auto, keep, .. } => {
            let folder = auto.ok_or_else(|| anyhow!("give --out FILE or --auto DIR"))?;
            let session = open(&dir, &mut input)?;
            let done = session
                .auto_backup(&folder, keep.unwrap_or(attune::vault::DEFAULT_KEEP))
                .with_context(|| format!("backing up into {}", folder.display()))?;
            match done {
                AutoBackup::AlreadyToday { path } => {
                    eprintln!("today's backup is already there ({}); nothing to do", path.display())
                }
                AutoBackup::Written { path, summary, pruned } => {
                    eprintln!(
                        "wrote an encrypted backup of {} entries ({} bytes) to {} and checked it",
                        summary.entries,
                        summary.bytes,
                        path.display()
                    );
                    for old in &pruned {
                        eprintln!("removed the older automatic backup {}", old.display());
                    }
                }
            }
        }
        Command::Doctor { json } => {
            let session = open(&dir, &mut input)?;
            let report = session.check();
            if json {
                output::json(out, &report)?
            } else {
                output::health(out, &report)?
            }
            if !report.healthy() {
                return Ok(std::process::ExitCode::FAILURE);
            }
        }
        Command::Passwd => {
            let mut session = open_with_passphrase(&dir, &mut input)?;
            let new = input.new_passphrase("ATTUNE_NEW_PASSPHRASE")?;
            session.vault_mut().change_passphrase(&new, KdfChoice::default())?;
            eprintln!("passphrase changed; the recovery phrase still works");
        }
        Command::Rekey { recovery_only } => {
            let (mut session, current) = open_keeping_passphrase(&dir, &mut input)?;
            let phrase = if recovery_only {
                session.vault_mut().replace_recovery_phrase(&current).with_context(|| at(&dir))?
            } else {
                eprintln!("Replacing the key: re-encrypting the whole vault…");
                let phrase = session.rekey(&current, &OsKeyring).with_context(|| at(&dir))?;
                eprintln!(
                    "The vault has a new key. The passphrase is unchanged{}.",
                    if session.vault().keyring_enabled() { " and this device's keyring still unlocks it" } else { "" }
                );
                eprintln!("Backups made before keep opening with the passphrase and the recovery phrase the");
                eprintln!("vault had when each was made: delete them, or keep that old phrase with them.");
                phrase
            };
            eprintln!("\nYour new recovery phrase. It is shown only this once, and the old one no longer");
            eprintln!("opens this vault. Write it on paper and keep it somewhere safe.\n");
            output::recovery_words(out, &phrase)?;
        }
        Command::Recover => {
            ensure_vault(&dir)?;
            let phrase = input.recovery_phrase()?;
            let new = input.new_passphrase("ATTUNE_NEW_PASSPHRASE")?;
            Session::recover(&dir, &phrase, &new).with_context(|| at(&dir))?;
            eprintln!("the vault is yours again: the new passphrase is set, and the recovery phrase still works");
        }
        Command::Exercises { command } => {
            if let args::ExercisesCommand::Validate { file, pack } = &command {
                exercises::validate(file, pack.as_deref(), out)?;
            } else {
                let mut session = open(&dir, &mut input)?;
                exercises::run(&mut session, command, out)?;
            }
        }
        Command::Summary { from, to, person, integration, without, exclude, out: path } => {
            let scope = reports::scope(from.as_deref(), to.as_deref(), person, integration)?;
            let session = open(&dir, &mut input)?;
            let written = reports::summary(&session, scope, without, &exclude, &path)?;
            eprintln!(
                "wrote a summary of {written} entries to {}\nthis file is NOT encrypted: keep it somewhere private, and delete it when done",
                path.display()
            );
        }
        Command::Insights { from, to, json } => {
            let from = from.map(|d| time::parse_day("--from", &d)).transpose()?;
            let to = to.map(|d| time::parse_day("--to", &d)).transpose()?;
            let session = open(&dir, &mut input)?;
            let found = session.insights(&InsightsQuery { from, to, exclude: vec![] })?;
            if json { output::json(out, &found)? } else { reports::insights(out, &found)? }
        }
        Command::Keyring { action } => {
            // Turning it on asks for the passphrase: the keyring itself must not grant that.
            let (mut session, current) = match action {
                KeyringAction::On => {
                    let (session, current) = open_keeping_passphrase(&dir, &mut input)?;
                    (session, Some(current))
                }
                KeyringAction::Off | KeyringAction::Status => (open(&dir, &mut input)?, None),
            };
            match (action, current) {
                (KeyringAction::On, Some(current)) => {
                    session.enable_keyring(&current, &OsKeyring)?;
                    eprintln!("this device's keyring now unlocks the vault");
                }
                (KeyringAction::On, None) => bail!("turning the keyring on needs the passphrase"),
                (KeyringAction::Off, _) => {
                    let vault = session.vault_mut();
                    vault.disable_keyring(&OsKeyring)?;
                    eprintln!("the keyring no longer unlocks the vault; the passphrase is needed again");
                }
                (KeyringAction::Status, _) => {
                    writeln!(out, "{}", if session.vault().keyring_enabled() { "on" } else { "off" })?;
                }
            }
        }
        Command::Sync { action, json } => sync(&dir, &mut input, action, json, out)?,
        Command::Generate { .. } => {} // answered above, before any vault is looked for
    }
    out.flush()?;
    Ok(std::process::ExitCode::SUCCESS)
}

fn vault_dir(flag: Option<&Path>) -> Result<PathBuf> {
    if let Some(dir) = flag {
        return Ok(dir.to_owned());
    }
    if let Some(dir) = std::env::var_os("ATTUNE_VAULT").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    default_dir().ok_or_else(|| anyhow!("no data folder on this system: give --vault DIR or set ATTUNE_VAULT"))
}

fn at(dir: &Path) -> String {
    format!("vault {}", dir.display())
}

fn ensure_vault(dir: &Path) -> Result<bool> {
    match Vault::probe(dir).with_context(|| at(dir))? {
        VaultState::Missing => {
            bail!("no vault at {} (it has no vault.keys); create one with `attune init`", dir.display())
        }
        VaultState::Present { keyring_enabled } => Ok(keyring_enabled),
    }
}

/// Opens with the keyring when it is on and no passphrase was supplied; else with the passphrase.
fn open(dir: &Path, input: &mut Input) -> Result<Session> {
    let keyring_enabled = ensure_vault(dir)?;
    if keyring_enabled && !input.passphrase_supplied() {
        match Session::open(dir, Credential::Keyring(&OsKeyring)) {
            Ok(session) => return Ok(warn_unseen(session)),
            Err(e) => eprintln!("attune: {e}; asking for the passphrase instead"),
        }
    }
    open_with_passphrase(dir, input)
}

fn open_with_passphrase(dir: &Path, input: &mut Input) -> Result<Session> {
    open_keeping_passphrase(dir, input).map(|(session, _)| session)
}

/// Opens with the passphrase (never the keyring) and keeps it, for commands that need it again.
fn open_keeping_passphrase(dir: &Path, input: &mut Input) -> Result<(Session, attune::Passphrase)> {
    ensure_vault(dir)?;
    let passphrase = input.passphrase()?;
    let session = Session::open(dir, Credential::Passphrase(&passphrase)).with_context(|| at(dir))?;
    Ok((warn_unseen(session), passphrase))
}

/// Says so when an interrupted key replacement left the vault without a recovery phrase anyone
/// has seen.
/// The session as the CLI uses it: in the system's language, having said so when a key
/// replacement was interrupted.
fn warn_unseen(mut session: Session) -> Session {
    session.set_locale(attune::i18n::system_locale());
    if session.vault().recovery_phrase_unseen() {
        eprintln!(
            "attune: a key replacement was interrupted and finished now; the old recovery phrase no longer \
             opens this vault. Run `attune rekey --recovery-only` to get a new one."
        );
    }
    session
}

fn init(dir: &Path, input: &mut Input, keyring: bool, out: &mut dyn Write) -> Result<()> {
    let passphrase =
        if input.passphrase_supplied() { input.passphrase()? } else { input.new_passphrase("ATTUNE_PASSPHRASE")? };
    eprintln!("Creating the vault (tuning the key derivation to this machine)…");
    let store = keyring.then_some(&OsKeyring as &dyn attune::SecretStore);
    let (_session, phrase, keyring_problem) =
        Session::create(dir, &passphrase, KdfChoice::default(), store).with_context(|| at(dir))?;
    eprintln!("Created a vault at {}\n", dir.display());
    eprintln!("Your recovery phrase. It is shown only this once. Write it on paper and keep it");
    eprintln!("somewhere safe: it opens the vault if the passphrase is forgotten.\n");
    output::recovery_words(out, &phrase)?;
    if keyring {
        match keyring_problem {
            None => eprintln!("\nThis device's keyring will unlock the vault."),
            Some(e) => eprintln!("\nattune: {e}\nThe vault was created and opens with the passphrase."),
        }
    }
    if std::io::stdout().is_terminal() {
        eprintln!();
    }
    Ok(())
}

/// Restores an encrypted backup into `dir`, which must not hold a vault yet, and checks it.
fn restore_backup(file: &Path, dir: &Path, input: &mut Input) -> Result<()> {
    let restored = if std::env::var_os("ATTUNE_RECOVERY_PHRASE").is_some() {
        let phrase = input.recovery_phrase()?;
        Session::restore(file, dir, RestoreWith::Recovery { phrase: &phrase, new_passphrase: None })
    } else {
        let passphrase = input.passphrase()?;
        Session::restore(file, dir, RestoreWith::Passphrase(&passphrase))
    };
    restored.with_context(|| format!("restoring {} into {}", file.display(), dir.display()))?;
    eprintln!("restored {} into {}", file.display(), dir.display());
    Ok(())
}

/// A template's text with what the person wrote after it.
fn join_text(start: String, text: String) -> String {
    if text.trim().is_empty() { start } else { format!("{}\n\n{}", start.trim_end(), text) }
}

fn sync(
    dir: &Path,
    input: &mut Input,
    action: Option<args::SyncAction>,
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    use args::SyncAction;
    match action {
        None => {
            let mut session = open(dir, input)?;
            let report = session.sync().with_context(|| at(dir))?;
            if json { output::json(out, &report)? } else { output::sync_report(out, &report)? }
        }
        Some(SyncAction::Link { folder, name }) => {
            let mut session = open(dir, input)?;
            let report = session.sync_link(&folder, name.as_deref()).with_context(|| at(dir))?;
            eprintln!(
                "linked to {}; on another computer, run: attune sync join {}",
                folder.display(),
                folder.display()
            );
            output::sync_report(out, &report)?;
        }
        Some(SyncAction::Join { folder, recovery, name, json }) => {
            if Vault::probe(dir).with_context(|| at(dir))? != VaultState::Missing {
                bail!("{} holds a vault already; give --vault a new folder for this computer's vault", dir.display());
            }
            let joined = if recovery {
                let phrase = input.recovery_phrase()?;
                Session::sync_join(&folder, dir, Credential::Recovery(&phrase), name.as_deref())
            } else {
                let passphrase = input.passphrase()?;
                Session::sync_join(&folder, dir, Credential::Passphrase(&passphrase), name.as_deref())
            };
            let (_session, report) =
                joined.with_context(|| format!("joining {} into {}", folder.display(), dir.display()))?;
            eprintln!("made this computer's vault at {} from {}", dir.display(), folder.display());
            if json { output::json(out, &report)? } else { output::sync_report(out, &report)? }
        }
        Some(SyncAction::Status { json }) => {
            let session = open(dir, input)?;
            let status = session.sync_status().with_context(|| at(dir))?;
            if json { output::json(out, &status)? } else { output::sync_status(out, &status)? }
        }
        Some(SyncAction::Unlink) => {
            let session = open(dir, input)?;
            session.sync_unlink().with_context(|| at(dir))?;
            eprintln!("this vault no longer syncs; the folder and its files were left as they are");
        }
    }
    Ok(())
}
