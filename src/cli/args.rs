//! The command line, as clap reads it.

use std::path::PathBuf;

use attune::summary::Section;
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "attune",
    version,
    about = "A private, encrypted journal for reflection.",
    long_about = "A private, encrypted journal for reflection.\n\n\
        The passphrase comes from ATTUNE_PASSPHRASE, or the first line of standard input with \
        --passphrase-stdin, or a prompt that does not echo. A vault with the system keyring \
        turned on opens without a passphrase."
)]
pub struct Cli {
    /// The vault folder [default: ATTUNE_VAULT, else the platform's data folder]
    #[arg(long, global = true, value_name = "DIR")]
    pub vault: Option<PathBuf>,
    /// Read the passphrase from the first line of standard input
    #[arg(long, global = true)]
    pub passphrase_stdin: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a vault and show its recovery phrase, once
    Init {
        /// Also let the system keyring unlock it on this device
        #[arg(long)]
        keyring: bool,
    },
    /// Write a new entry (TEXT, or standard input) and print its id
    Add {
        #[arg(long, short)]
        title: Option<String>,
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        #[arg(long = "person", value_name = "NAME")]
        people: Vec<String>,
        /// 1 (very low) to 5 (very good)
        #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
        mood: Option<u8>,
        /// When it happened: "YYYY-MM-DD HH:MM" in local time, or RFC 3339 (default: now)
        #[arg(long, value_name = "WHEN")]
        at: Option<String>,
        /// Start from this template (yours, or a starter by name): its text comes first, then TEXT
        #[arg(long, value_name = "NAME")]
        template: Option<String>,
        #[arg(trailing_var_arg = true)]
        text: Vec<String>,
    },
    /// List entries, newest first
    List {
        /// First day, YYYY-MM-DD
        #[arg(long)]
        from: Option<String>,
        /// Last day, YYYY-MM-DD
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        tag: Option<String>,
        #[arg(long)]
        person: Option<String>,
        /// List the trash instead
        #[arg(long)]
        trash: bool,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Show one entry
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Change an entry; the earlier version is kept in its history
    Edit {
        id: String,
        #[arg(long, short)]
        title: Option<String>,
        /// Replace the tags (repeat for several)
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Replace the people (repeat for several)
        #[arg(long = "person", value_name = "NAME")]
        people: Vec<String>,
        #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
        mood: Option<u8>,
        /// Move the entry to this date and time: "YYYY-MM-DD HH:MM" in local time, or RFC 3339;
        /// the earlier date stays in its history
        #[arg(long, value_name = "WHEN")]
        at: Option<String>,
        /// The new text (replaces the body)
        #[arg(trailing_var_arg = true)]
        text: Vec<String>,
    },
    /// Your templates for free writing: list (with the starters), add, show, remove
    Template {
        #[command(subcommand)]
        action: TemplateAction,
    },
    /// Add photos or files (PDF, audio) to an entry, kept encrypted in the vault; prints their ids
    Attach {
        /// The entry (id or a unique prefix)
        entry: String,
        /// Photos (JPEG, PNG, GIF, WebP, HEIC), PDFs or audio (M4A, AAC, MP3, Ogg, WAV), at most 25 MiB each
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// List an entry's attachments
    Attachments {
        entry: String,
        #[arg(long)]
        json: bool,
    },
    /// One attachment: save a copy of it to a file (not encrypted)
    Attachment {
        #[command(subcommand)]
        action: AttachmentAction,
    },
    /// Delete an attachment for good (its link in the entry's text stays, showing its name)
    Detach { id: String },
    /// Move an entry to the trash
    Rm {
        id: String,
        /// Delete an entry that is already in the trash, for good
        #[arg(long)]
        purge: bool,
    },
    /// Take an entry out of the trash (ID), or restore an encrypted backup (FILE) into a new
    /// vault folder given by --vault, opened with the passphrase or ATTUNE_RECOVERY_PHRASE
    Restore {
        #[arg(value_name = "ID|FILE")]
        target: String,
    },
    /// Earlier versions of an entry
    History {
        id: String,
        /// Make this revision the current text again
        #[arg(long, value_name = "REVISION")]
        restore: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Full-text search, best matches first
    Search {
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        tag: Option<String>,
        #[arg(long)]
        person: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Write every entry to an unencrypted file (json) or folder (markdown)
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// With --format pdf: first day, YYYY-MM-DD [default: the first entry]
        #[arg(long)]
        from: Option<String>,
        /// With --format pdf: last day, YYYY-MM-DD [default: the last entry]
        #[arg(long)]
        to: Option<String>,
        /// With --format pdf: show each entry's photos after its text (scaled, three to a row)
        #[arg(long)]
        photos: bool,
    },
    /// Add the entries of an export: Attune JSON, Day One (.zip or folder), jrnl JSON, or a
    /// folder of Markdown notes. All or nothing; entries already in the vault are skipped, so
    /// importing the same export twice adds nothing
    Import {
        #[arg(value_name = "FILE_OR_DIR")]
        path: PathBuf,
        /// The export's format [default: detected from the file or folder]
        #[arg(long, value_enum)]
        format: Option<ImportFormat>,
        /// Show what would be imported and skipped, and write nothing
        #[arg(long)]
        dry_run: bool,
        /// The IANA time zone of times written without one (jrnl, Markdown) [default: this machine's]
        #[arg(long, value_name = "ZONE")]
        tz: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Write an encrypted backup (the key file and the encrypted database) and verify it; with
    /// --auto, at most one a day into a folder, keeping the newest
    #[command(group = clap::ArgGroup::new("where").required(true).args(["out", "auto"]))]
    Backup {
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Write today's backup into DIR as attune-auto-YYYY-MM-DD.attune-backup, unless it exists
        #[arg(long, value_name = "DIR")]
        auto: Option<PathBuf>,
        /// With --auto: how many automatic backups to keep, older ones are deleted [default: 10]
        #[arg(long, value_name = "N", conflicts_with = "out")]
        keep: Option<usize>,
    },
    /// Check the vault's integrity; exit 0 only when healthy
    Doctor {
        #[arg(long)]
        json: bool,
    },
    /// Change the passphrase (new one from ATTUNE_NEW_PASSPHRASE, standard input or a prompt)
    Passwd,
    /// Replace the data key: re-encrypt the vault with a new random key and show a new recovery
    /// phrase, once (the old one stops working). Asks for the passphrase. Backups made before
    /// keep opening with what opened them then
    Rekey {
        /// Only replace the recovery phrase; the key stays
        #[arg(long)]
        recovery_only: bool,
    },
    /// Unlock with the recovery phrase and set a new passphrase
    Recover,
    /// Guided exercises: list, show, validate or import packs; record a completed one
    Exercises {
        #[command(subcommand)]
        command: ExercisesCommand,
    },
    /// Write a PDF summary of a period, one person or the integration period (NOT encrypted)
    Summary {
        /// First day, YYYY-MM-DD [default: the first entry]
        #[arg(long, conflicts_with = "integration")]
        from: Option<String>,
        /// Last day, YYYY-MM-DD [default: the last entry]
        #[arg(long, conflicts_with = "integration")]
        to: Option<String>,
        /// Only the entries about this person
        #[arg(long, value_name = "NAME", conflicts_with = "integration")]
        person: Option<String>,
        /// The integration period: the retreat's last day to 90 days after (from the plan)
        #[arg(long)]
        integration: bool,
        /// Leave a section out (repeat for several)
        #[arg(long, value_name = "SECTION", value_parser = section)]
        without: Vec<Section>,
        /// Leave an entry out of everything (ID or a unique prefix; repeat for several)
        #[arg(long, value_name = "ENTRY_ID")]
        exclude: Vec<String>,
        /// Where to write the PDF
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// Patterns over time: score trends, people, moods, recurring words, fired pattern rules
    Insights {
        /// First day, YYYY-MM-DD
        #[arg(long)]
        from: Option<String>,
        /// Last day, YYYY-MM-DD
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Turn unlocking with the system keyring on (asks for the passphrase) or off, or show
    /// whether it is on
    Keyring {
        #[arg(value_enum)]
        action: KeyringAction,
    },
    /// Share this vault between computers through a synced folder (Syncthing, Nextcloud,
    /// Dropbox...): with no action, exchange changes now
    #[command(args_conflicts_with_subcommands = true)]
    Sync {
        #[command(subcommand)]
        action: Option<SyncAction>,
        #[arg(long)]
        json: bool,
    },
    /// Print the manual page or a shell's completions to standard output (used when packaging)
    #[command(hide = true)]
    Generate {
        #[arg(value_enum)]
        what: Generated,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExercisesCommand {
    /// The packs this vault has (built in and imported), by theme
    List {
        #[arg(long)]
        json: bool,
    },
    /// One pack: why it helps, how long it takes, and its steps
    Show { id: String },
    /// Check a pack file, or a translation of one (against the built-in pack it translates, or
    /// the one given with --pack); errors name the file, line and field (no vault needed)
    Validate {
        file: PathBuf,
        /// The pack a translation translates, when it is not built in
        #[arg(long, value_name = "PACK.toml")]
        pack: Option<PathBuf>,
    },
    /// Validate a pack file and keep it in the vault
    Import { file: PathBuf },
    /// Store a completed exercise from an answers file (JSON: step id to answer)
    Record {
        id: String,
        #[arg(long, value_name = "FILE.json")]
        answers: PathBuf,
        /// When it was done, RFC 3339 (default: now)
        #[arg(long, value_name = "RFC3339")]
        at: Option<String>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ExportFormat {
    /// Attune JSON, everything (one file)
    Json,
    /// One Markdown file per entry with YAML front matter (a new folder)
    Markdown,
    /// One printable PDF of everything, or of --from/--to
    Pdf,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ImportFormat {
    /// Attune JSON (attune export --format json)
    Attune,
    /// Day One JSON export: the .zip, or the folder it unzips to
    Dayone,
    /// jrnl --format json: one file, or a folder of one file per entry
    Jrnl,
    /// A folder of Markdown notes (or one note), YAML front matter optional
    Markdown,
}

impl From<ImportFormat> for attune::exchange::import::Format {
    fn from(f: ImportFormat) -> Self {
        use attune::exchange::import::Format;
        match f {
            ImportFormat::Attune => Format::Attune,
            ImportFormat::Dayone => Format::DayOne,
            ImportFormat::Jrnl => Format::Jrnl,
            ImportFormat::Markdown => Format::Markdown,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum KeyringAction {
    On,
    Off,
    Status,
}

/// A summary section by name: practised, scores, charts, patterns, excerpts or notes.
fn section(text: &str) -> Result<Section, String> {
    text.parse().map_err(|e: attune::summary::SummaryError| e.to_string())
}

/// What `attune generate` prints: the roff manual page, or one shell's completion script.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Generated {
    Man,
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

#[derive(Debug, Subcommand)]
pub enum AttachmentAction {
    /// Write a copy of the attachment ID to PATH (readable only by you; not encrypted)
    Save { id: String, path: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum TemplateAction {
    /// Your templates, then the starters you can use or keep
    List {
        #[arg(long)]
        json: bool,
    },
    /// Keep a template: its text from --file, or standard input
    Add {
        name: String,
        /// Read the text from this file (at most 16 KiB)
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
        /// Replace the text of a template you already have
        #[arg(long)]
        replace: bool,
    },
    /// Print a template's text (yours, or a starter's)
    Show { name: String },
    /// Delete one of your templates
    Remove { name: String },
}

#[derive(Debug, Subcommand)]
pub enum SyncAction {
    /// Link this vault to a sync folder (made if missing) and write everything into it
    Link {
        folder: PathBuf,
        /// How the other computers will call this one [default: the host name]
        #[arg(long)]
        name: Option<String>,
    },
    /// Make this computer's vault (at --vault) from a linked sync folder, with the passphrase
    /// of the vault there (or its recovery phrase, with --recovery)
    Join {
        folder: PathBuf,
        /// Open it with the recovery phrase (from ATTUNE_RECOVERY_PHRASE, or asked for)
        #[arg(long)]
        recovery: bool,
        /// How the other computers will call this one [default: the host name]
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show the sync folder, this computer, and when each other computer was last seen
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Stop syncing this vault (the folder and its files are left as they are)
    Unlink,
}
