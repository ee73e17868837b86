//! What the commands take and return beyond the core's own types. Exported to TypeScript.

use attune::journal::{EntrySummary, SearchOrder, SnippetPart};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum VaultPresence {
    Missing,
    Locked,
    Unlocked,
}

#[derive(Clone, Debug, Serialize, TS)]
pub struct AppStatus {
    pub vault: VaultPresence,
    pub vault_dir: String,
    pub keyring_enabled: bool,
    /// Whether `ATTUNE_VAULT` fixes the folder (the first-run screen then offers no choice).
    pub vault_dir_fixed: bool,
}

#[derive(Clone, Debug, Deserialize, TS)]
pub struct CreateVaultRequest {
    pub passphrase: String,
    /// A folder the person picked; the platform's data folder when absent.
    pub dir: Option<String>,
    pub keyring: bool,
}

#[derive(Clone, Debug, Serialize, TS)]
pub struct CreatedVault {
    /// The 24 recovery words, shown once.
    pub recovery_words: Vec<String>,
    /// Why the keyring could not be used, when it was asked for and is unavailable.
    pub keyring_note: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, TS)]
#[serde(default)]
pub struct ListRequest {
    pub from: Option<String>,
    pub to: Option<String>,
    pub tag: Option<String>,
    pub person: Option<String>,
    pub trashed: bool,
    pub limit: Option<u32>,
    pub after: Option<attune::journal::Cursor>,
}

#[derive(Clone, Debug, Serialize, TS)]
pub struct DayCount {
    pub day: String,
    pub count: u32,
}

/// Everything the editor shows, saved as a whole.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct EntryContent {
    pub title: String,
    pub body: String,
    pub mood: Option<u8>,
    pub tags: Vec<String>,
    pub people: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize, TS)]
#[serde(default)]
pub struct SearchRequest {
    pub text: String,
    pub limit: Option<u32>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub tag: Option<String>,
    pub person: Option<String>,
}

#[derive(Clone, Debug, Serialize, TS)]
pub struct SearchView {
    pub order: SearchOrder,
    pub hits: Vec<HitView>,
}

#[derive(Clone, Debug, Serialize, TS)]
pub struct HitView {
    pub entry: EntrySummary,
    pub snippet: Vec<SnippetPart>,
    pub rank: u32,
}

#[derive(Clone, Debug, Serialize, TS)]
pub struct PersonView {
    pub name: String,
    pub relationship: String,
    pub archived: bool,
    pub entries: u64,
}

#[derive(Clone, Debug, Deserialize, TS)]
pub struct ChangePassphraseRequest {
    pub current: String,
    pub new: String,
}

/// One shelf of the exercise library.
#[derive(Clone, Debug, Serialize, TS)]
pub struct Shelf {
    pub theme: attune::exercises::Theme,
    pub label: String,
    pub packs: Vec<PackSummary>,
}

/// A pack as the library lists it.
#[derive(Clone, Debug, Serialize, TS)]
pub struct PackSummary {
    pub id: String,
    pub title: String,
    pub why: String,
    pub minutes: u16,
    pub depth: attune::exercises::Depth,
    pub theme: attune::exercises::Theme,
    /// Where the app offers the pack besides the library (the daily check-in, a person's page…).
    pub roles: Vec<attune::exercises::Role>,
    pub steps: u32,
    /// Imported into this vault rather than built in.
    pub imported: bool,
    /// A run was started and not finished.
    pub has_draft: bool,
}

/// A pack to run, with the notice it is shown with and the draft to resume.
#[derive(Clone, Debug, Serialize, TS)]
pub struct PackView {
    pub pack: attune::exercises::PackDoc,
    pub disclaimer: String,
    pub draft: Option<DraftView>,
}

#[derive(Clone, Debug, Serialize, TS)]
pub struct DraftView {
    pub answers: attune::exercises::Answers,
    pub step: u32,
    pub updated_at: attune::time::Timestamp,
}

/// What finishing an exercise found.
#[derive(Clone, Debug, Serialize, TS)]
pub struct ExerciseResult {
    pub entry: attune::journal::Entry,
    pub scores: Vec<attune::exercises::ScoreResult>,
    /// Pattern rules that fired with this session among the ones behind them.
    pub patterns: Vec<attune::exercises::FiredPattern>,
    /// The intentions set in this run, with when they come back.
    pub commitments: Vec<attune::exercises::CommitmentView>,
    /// A check-in in this run showed high distress: the app offers grounding.
    pub high_distress: bool,
}

#[derive(Clone, Debug, Deserialize, TS)]
pub struct ReviewRequest {
    pub entry_id: String,
    pub step_id: String,
    pub outcome: attune::exercises::Outcome,
    /// The new words, when adjusted.
    pub intention: Option<String>,
    #[serde(default)]
    pub note: String,
}

/// A backup written and verified.
#[derive(Clone, Debug, Serialize, TS)]
pub struct BackupView {
    pub path: String,
    pub entries: u64,
    pub bytes: u64,
}

#[derive(Clone, Debug, Serialize, TS)]
pub struct HealthView {
    pub healthy: bool,
    pub checks: Vec<CheckView>,
}

#[derive(Clone, Debug, Serialize, TS)]
pub struct CheckView {
    pub name: String,
    pub problems: Vec<String>,
}

/// Restoring a backup into a new vault: with the backup's passphrase, or with its recovery
/// phrase and a new passphrase.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct RestoreRequest {
    pub file: String,
    /// A folder the person picked (the vault goes in an `Attune` folder inside it); the
    /// platform's vault folder when absent.
    pub dir: Option<String>,
    pub passphrase: Option<String>,
    pub phrase: Option<String>,
    pub new_passphrase: Option<String>,
}

/// Automatic backups: where, how many are kept, the last one, and why the last try failed.
#[derive(Clone, Debug, Serialize, TS)]
pub struct BackupStatus {
    pub folder: Option<String>,
    pub keep: u32,
    pub last: Option<attune::time::Timestamp>,
    pub problem: Option<String>,
}

#[derive(Clone, Debug, Serialize, TS)]
pub struct ExportedFolder {
    pub path: String,
    pub entries: u64,
}

/// An entry behind an insight, as a link shows it.
#[derive(Clone, Debug, Serialize, TS)]
pub struct EntryTitle {
    pub id: String,
    pub title: String,
    pub local_day: String,
    pub kind: attune::journal::EntryKind,
}
