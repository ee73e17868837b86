//! Importing other journals: Day One, jrnl (its plain-text journal or JSON export), folders of
//! Markdown, and Attune's own JSON.
//!
//! An import happens in two steps. [`plan`] reads the source and turns it into a [`Plan`]: the
//! entries it would add, and every item it had to leave out with the reason and the place
//! (file, entry, JSON path, line). Nothing is written. [`preview`] adds what only the vault
//! knows (which entries it already has); [`apply`] then adds the plan in one transaction through
//! [`crate::Journal::import`], all or nothing.
//!
//! Invariants:
//! - Importing the same source twice adds nothing: every importer derives each entry's id from
//!   the source (see [`ids`]), shaped as a UUID v7 whose time is the entry's creation time, and
//!   the journal skips ids it already has.
//! - Hostile input is bounded: files, archive members and folders have size and count limits
//!   ([`Limits`]), archives are read in memory and never extracted (member paths are only
//!   names), and JSON nesting is limited by the parser. Bad input is an error value, never a
//!   panic.
//! - A problem with the file as a whole (broken JSON, too large, not an archive) stops the
//!   import; a problem with one entry (no date, a date that does not parse, a field of the wrong
//!   type) skips that entry and says so.

mod dayone;
mod detect;
mod error;
mod front_matter;
pub mod ids;
mod jrnl;
mod jrnl_text;
mod json;
mod markdown;
mod media;
mod source;
pub(crate) mod zone;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use detect::detect;
pub use error::{ImportError, human};
pub use media::PlannedAttachment;

use crate::journal::{EntryRecord, Journal, Person};

/// The formats Attune reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ImportFormat"))]
pub enum Format {
    /// Attune JSON (`attune export --format json`).
    Attune,
    /// Day One's JSON export: a `.zip`, or the folder it unzips to.
    #[serde(rename = "dayone")]
    DayOne,
    /// jrnl's own plain-text journal, or `jrnl --format json`: one file, or a folder of one
    /// file per entry.
    Jrnl,
    /// A folder of Markdown files (or one file), with or without YAML front matter.
    Markdown,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Attune, Format::DayOne, Format::Jrnl, Format::Markdown];

    /// The name used on the command line and in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Attune => "attune",
            Format::DayOne => "dayone",
            Format::Jrnl => "jrnl",
            Format::Markdown => "markdown",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::Attune => "an Attune JSON export",
            Format::DayOne => "a Day One JSON export",
            Format::Jrnl => "a jrnl journal or JSON export",
            Format::Markdown => "Markdown",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown format \"{s}\": expected attune, dayone, jrnl or markdown"))
    }
}

/// Where in the source an item is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Place {
    /// The file, relative to the folder imported, or `archive.zip: member.json`.
    pub file: String,
    /// 1-based position of the entry in its file, when a file holds several.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<usize>,
    /// The JSON path of the problem, such as `entries[3].creationDate`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// 1-based line, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        match (&self.path, self.entry) {
            (Some(path), Some(entry)) => write!(f, " (entry {entry}, {path})"),
            (Some(path), None) => write!(f, " ({path})"),
            (None, Some(entry)) => write!(f, " (entry {entry})"),
            (None, None) => Ok(()),
        }
    }
}

/// Something in the source that will not be imported, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Skipped {
    #[serde(flatten)]
    pub place: Place,
    pub reason: String,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.reason)
    }
}

/// Photos, videos, audio and PDFs an import left out (missing from the export, too large, of a
/// kind Attune does not keep, or belonging to an entry that was skipped).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MediaCount {
    pub photos: u64,
    pub videos: u64,
    pub audios: u64,
    pub pdfs: u64,
}

impl MediaCount {
    pub fn total(&self) -> u64 {
        self.photos + self.videos + self.audios + self.pdfs
    }
}

/// Where the Markdown importer found each entry's date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DateSources {
    pub front_matter: u64,
    pub file_name: u64,
    pub modified_time: u64,
}

/// Bounds on what an import reads, against huge files and archive bombs. The defaults are
/// documented in the README; tests pass smaller ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// One JSON file of another journal, or one JSON member of an archive once unpacked.
    pub json_bytes: u64,
    /// One Attune JSON export (read as a stream).
    pub attune_bytes: u64,
    /// Everything read from one archive or folder, unpacked.
    pub total_bytes: u64,
    /// Members of one archive (photos included, though they are never unpacked).
    pub archive_members: usize,
    /// Files in one folder, counted as the folder is walked.
    pub folder_files: usize,
    /// One Markdown note.
    pub markdown_bytes: u64,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        json_bytes: 256 * MIB,
        attune_bytes: 1024 * MIB,
        total_bytes: 512 * MIB,
        archive_members: 100_000,
        folder_files: 100_000,
        markdown_bytes: 16 * MIB,
    };
}

const MIB: u64 = 1024 * 1024;

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// How to read a source.
#[derive(Clone, Debug)]
pub struct Options {
    /// The zone that times without an offset are read in (jrnl's `date` and `time`, Markdown
    /// dates without an offset, file modification times).
    pub zone: jiff::tz::TimeZone,
    pub limits: Limits,
}

impl Options {
    /// This machine's time zone and the default limits.
    pub fn system() -> Self {
        Options { zone: jiff::tz::TimeZone::system(), limits: Limits::DEFAULT }
    }

    /// Times without an offset read in the IANA zone `name` ("Europe/Paris", "UTC").
    pub fn in_zone(name: &str) -> Result<Self, ImportError> {
        let zone = jiff::tz::TimeZone::get(name).map_err(|_| ImportError::UnknownZone { name: name.to_owned() })?;
        Ok(Options { zone, limits: Limits::DEFAULT })
    }

    fn zone_name(&self) -> String {
        self.zone.iana_name().map_or_else(|| "the system's local time".to_owned(), str::to_owned)
    }
}

/// What an import would do, before anything is written.
#[derive(Clone, Debug)]
pub struct Plan {
    pub format: Format,
    pub source: PathBuf,
    /// The people register (Attune JSON only).
    pub people: Vec<Person>,
    pub entries: Vec<EntryRecord>,
    pub skipped: Vec<Skipped>,
    /// Files to add to the entries (new ones, and ones the vault already has that lack them).
    pub attachments: Vec<PlannedAttachment>,
    /// Files the source refers to that cannot come in, each with its entry and why.
    pub media_problems: Vec<Skipped>,
    pub media_skipped: MediaCount,
    pub date_sources: Option<DateSources>,
    /// The zone times without an offset were read in, when the source had any.
    pub zone: Option<String>,
}

impl Plan {
    fn new(format: Format, source: &Path) -> Self {
        Plan {
            format,
            source: source.to_owned(),
            people: Vec::new(),
            entries: Vec::new(),
            skipped: Vec::new(),
            attachments: Vec::new(),
            media_problems: Vec::new(),
            media_skipped: MediaCount::default(),
            date_sources: None,
            zone: None,
        }
    }

    fn skip(&mut self, place: Place, reason: impl Into<String>) {
        self.skipped.push(Skipped { place, reason: reason.into() });
    }

    /// Keeps an entry if the journal would accept it and no earlier entry of this source has its
    /// id; otherwise records why not.
    fn push(&mut self, record: EntryRecord, place: Place, seen: &mut HashMap<crate::EntryId, Place>) {
        if let Err(e) = record.validate() {
            self.skip(place, e.to_string());
            return;
        }
        if let Some(first) = seen.get(&record.id) {
            let reason = format!("the same entry as {first}");
            self.skip(place, reason);
            return;
        }
        seen.insert(record.id, place);
        self.entries.push(record);
    }
}

/// Reads `path` as `format` (detected when `None`) and returns what an import would do.
pub fn plan(path: &Path, format: Option<Format>, options: &Options) -> Result<Plan, ImportError> {
    let format = match format {
        Some(format) => format,
        None => detect(path, &options.limits)?,
    };
    match format {
        Format::Attune => attune(path, &options.limits),
        Format::DayOne => dayone::plan(path, options),
        Format::Jrnl => jrnl::plan(path, options),
        Format::Markdown => markdown::plan(path, options),
    }
}

/// Plans an import from bytes already in memory, named `name` in messages: one JSON file, a
/// Day One archive, or one Markdown note. For callers that have no file, and for fuzzing.
pub fn plan_bytes(format: Format, name: &str, bytes: &[u8], options: &Options) -> Result<Plan, ImportError> {
    let path = Path::new(name);
    match format {
        Format::Attune => {
            let file = crate::exchange::read_attune_json(bytes, path)?;
            Ok(attune_plan(path, file))
        }
        Format::DayOne if bytes.starts_with(b"PK") => {
            dayone::plan_archive(path, std::io::Cursor::new(bytes), name, options, true)
        }
        Format::DayOne => {
            let mut plan = Plan::new(Format::DayOne, path);
            dayone::read_json(&mut plan, name, bytes, None, &mut HashMap::new(), &media::MediaIndex::default())?;
            Ok(plan)
        }
        Format::Jrnl => {
            let mut plan = Plan::new(Format::Jrnl, path);
            plan.zone = Some(options.zone_name());
            jrnl::read_file(&mut plan, name, bytes, &mut HashMap::new(), options)?;
            Ok(plan)
        }
        Format::Markdown => {
            let mut plan = Plan::new(Format::Markdown, path);
            plan.zone = Some(options.zone_name());
            plan.date_sources = Some(DateSources::default());
            let note = source::Note { relative: name.to_owned(), bytes: bytes.to_vec(), modified: None };
            markdown::read_note(&mut plan, &note, &mut HashMap::new(), options);
            Ok(plan)
        }
    }
}

/// The fields an importer fills; everything else takes a journal entry's defaults.
struct EntryRecordBuilder {
    id: crate::EntryId,
    title: String,
    body: String,
    created_at: crate::time::Timestamp,
    updated_at: crate::time::Timestamp,
    tags: Vec<String>,
    people: Vec<String>,
}

impl EntryRecordBuilder {
    fn build(self) -> EntryRecord {
        EntryRecord {
            id: self.id,
            kind: crate::EntryKind::Journal,
            exercise: None,
            title: self.title,
            body: self.body,
            answers: None,
            mood: None,
            created_at: self.created_at,
            updated_at: self.updated_at,
            deleted_at: None,
            tags: self.tags,
            people: self.people,
            revisions: Vec::new(),
        }
    }
}

fn attune(path: &Path, limits: &Limits) -> Result<Plan, ImportError> {
    let file = source::open_limited(path, limits.attune_bytes, "Attune JSON export")?;
    let parsed = crate::exchange::read_attune_json(std::io::BufReader::new(file), path)?;
    Ok(attune_plan(path, parsed))
}

fn attune_plan(path: &Path, file: crate::exchange::ExportFile) -> Plan {
    let mut plan = Plan::new(Format::Attune, path);
    plan.people = file.people;
    plan.entries = file.entries;
    for (index, a) in file.attachments.into_iter().enumerate() {
        let category = crate::attachments::MediaType::from_mime(&a.media_type)
            .map_or(media::Category::Pdf, |m| media::Category::from_kind(m.kind()));
        plan.attachments.push(PlannedAttachment {
            entry: a.entry,
            id: a.id,
            name: a.name,
            category,
            source: media::MediaSource::Bytes(a.data),
            place: Place {
                file: path.display().to_string(),
                path: Some(format!("attachments[{index}]")),
                ..Place::default()
            },
        });
    }
    plan
}

/// What an import did, or would do (`dry_run`): the report the CLI prints.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ImportOutcome"))]
pub struct Outcome {
    pub format: Format,
    pub source: String,
    pub dry_run: bool,
    /// Every entry read from the source: `entries = added + already_present + skipped.length`.
    // An item skipped before it could be read as an entry (a symbolic link, a note that is not
    // text) counts as one entry read and skipped.
    pub entries: u64,
    /// Entries added (or, in a dry run, that would be added).
    pub added: u64,
    /// Entries the vault already had: left as they are.
    pub already_present: u64,
    pub people_added: u64,
    pub skipped: Vec<Skipped>,
    /// Photos and files added to entries (or, in a dry run, that would be).
    pub attachments_added: u64,
    /// Files the source refers to that did not come in: missing, too large, of a kind Attune
    /// does not keep. Reported, never fatal.
    pub media_problems: Vec<Skipped>,
    pub media_skipped: MediaCount,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_sources: Option<DateSources>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
}

impl Outcome {
    fn from_plan(plan: &Plan, dry_run: bool) -> Self {
        Outcome {
            format: plan.format,
            source: plan.source.display().to_string(),
            dry_run,
            entries: (plan.entries.len() + plan.skipped.len()) as u64,
            added: 0,
            already_present: 0,
            people_added: 0,
            skipped: plan.skipped.clone(),
            attachments_added: 0,
            media_problems: plan.media_problems.clone(),
            media_skipped: plan.media_skipped,
            date_sources: plan.date_sources,
            zone: plan.zone.clone(),
        }
    }
}

/// What [`apply`] would do with this plan, without writing.
pub fn preview(journal: &Journal<'_>, plan: &Plan) -> Result<Outcome, ImportError> {
    let present = journal.count_present(plan.entries.iter().map(|e| e.id))?;
    let mut outcome = Outcome::from_plan(plan, true);
    outcome.already_present = present;
    outcome.added = (plan.entries.len() as u64).saturating_sub(present);
    let mut new_files = 0;
    for planned in &plan.attachments {
        if !crate::attachments::exists(journal.store(), planned.id)? {
            new_files += 1;
        }
    }
    outcome.attachments_added = new_files;
    Ok(outcome)
}

/// Adds the plan's entries in one transaction: all of them or none. Entries the vault already
/// has are left as they are.
pub fn apply(journal: &Journal<'_>, plan: Plan) -> Result<Outcome, ImportError> {
    let mut outcome = Outcome::from_plan(&plan, false);
    let now = journal.clock().now();
    let source = plan.source;
    let planned = plan.attachments;
    let mut files = None;
    let report = journal.import_with(&plan.people, plan.entries, |tx| -> Result<(), ImportError> {
        files = Some(media::store(tx, &source, planned, &now)?);
        Ok(())
    })?;
    if let Some(files) = files {
        outcome.attachments_added = files.added;
        outcome.media_problems.extend(files.problems);
        outcome.media_skipped.photos += files.left_out.photos;
        outcome.media_skipped.videos += files.left_out.videos;
        outcome.media_skipped.audios += files.left_out.audios;
        outcome.media_skipped.pdfs += files.left_out.pdfs;
    }
    outcome.added = report.added;
    outcome.already_present = report.skipped_existing;
    outcome.people_added = report.people_added;
    Ok(outcome)
}
