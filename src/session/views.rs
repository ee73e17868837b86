//! What the session's exercise and report pipelines return: the shapes both front ends show.
//! Exported to TypeScript (feature `ts`) for the desktop app.

use serde::Serialize;

use crate::exercises::{Answers, CommitmentView, Depth, FiredPattern, PackDoc, Role, ScoreResult, Theme};
use crate::journal::{Entry, EntryKind};
use crate::time::Timestamp;

/// One shelf of the exercise library.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Shelf {
    pub theme: Theme,
    pub label: String,
    pub packs: Vec<PackSummary>,
}

/// A pack as the library lists it.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PackSummary {
    pub id: String,
    pub version: String,
    pub title: String,
    pub why: String,
    pub minutes: u16,
    pub depth: Depth,
    pub theme: Theme,
    /// Where the app offers the pack besides the library (the daily check-in, a person's page…).
    pub roles: Vec<Role>,
    pub steps: u32,
    /// Imported into this vault rather than built in.
    pub imported: bool,
    /// A run was started and not finished.
    pub has_draft: bool,
}

/// A pack to run, with the notice it is shown with and the draft to resume.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PackView {
    pub pack: PackDoc,
    pub disclaimer: String,
    pub draft: Option<DraftView>,
    /// The person's earlier answers that steps with `recall` show back, by step id; a recall
    /// step missing here is passed over.
    pub recalled: std::collections::BTreeMap<String, crate::exercises::Recalled>,
}

/// A run to resume: the answers that still fit the pack and the step the person was on.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DraftView {
    pub answers: Answers,
    pub step: u32,
    pub updated_at: Timestamp,
}

/// What finishing an exercise found.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExerciseResult {
    pub entry: Entry,
    pub scores: Vec<ScoreResult>,
    /// Pattern rules that fired with this session among the ones behind them.
    pub patterns: Vec<FiredPattern>,
    /// The intentions set in this run, with when they come back.
    pub commitments: Vec<CommitmentView>,
    /// A check-in in this run showed high distress: the front end offers grounding.
    pub high_distress: bool,
    /// Alarm has stayed high across the latest check-ins (or this light pack's check-in was
    /// high at its end): the person's own words about needing more support, for a gentle note.
    pub support: Option<crate::exercises::SupportNote>,
}

/// An entry behind an insight, as a link shows it.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EntryTitle {
    pub id: String,
    pub title: String,
    pub local_day: String,
    pub kind: EntryKind,
}

/// A folder of Markdown files written by an export.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportedFolder {
    pub path: String,
    pub entries: u64,
}
