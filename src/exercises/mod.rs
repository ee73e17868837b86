//! Guided exercises, as data: packs, their validation, the built-in catalogue, answers,
//! scores, pattern rules and the check-in's distress signal.
//!
//! An exercise is a TOML file (a *pack*) in `exercises/`, not code, so a facilitator can write
//! one and a person can import it. A pack is parsed and checked once into a [`Pack`]; every
//! problem is a [`PackError`] naming the file, line and field. The format's JSON Schema is
//! generated from the Rust types ([`pack_schema_json`]) and checked in as
//! `exercises/schema.json`.
//!
//! Invariants:
//! - Every step can be skipped: an [`Answers`] document holds only what was answered, and
//!   scoring counts only answered items.
//! - A score describes an answer set, never a person, and is shown with words from its bands.
//! - Pattern messages are tentative templates; this module fills them in and never adds a
//!   conclusion about anyone.
//! - Deep packs begin with a check-in and end with grounding; [`CheckIn::is_high_distress`]
//!   tells the app when to offer grounding first.
//!
//! The module is pure (no database, no files at run time: built-in packs are embedded with
//! `include_str!`; no network), except where packs meet a vault: `library` (the packs
//! imported into it, storing a completed exercise as an entry), `commitments` (intentions
//! coming back for review), `plan` (the integration plan and the Today view), `letters` (a
//! letter to oneself coming back after a month), `recall` (an earlier answer shown back) and
//! `support` (the gentle note when alarm stays high). It owns two tables and is the only code
//! that runs SQL on them: `exercise_drafts` ([`Drafts`]) and `packs` ([`Packs`]). Exercise
//! entries are read through the journal, which owns them and indexes their answers by step;
//! the plan is kept in the store's settings.
//!
//! ```
//! use attune::exercises::{Answer, Answers, Catalogue, CheckIn, score};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let catalogue = Catalogue::builtin()?;
//! let pack = catalogue.get("nervous-system-checkin").ok_or("missing pack")?;
//! let mut answers = Answers::new();
//! let checkin = CheckIn { calm: Some(3), relaxed: Some(2), safe: Some(4), ..CheckIn::default() };
//! answers.insert("now".try_into()?, Answer::Checkin(checkin));
//! answers.validate(pack)?;
//! for result in score(pack, &answers) {
//!     println!("{}: {} of {} ({})", result.label, result.value, result.max, result.band_words);
//! }
//! # Ok(()) }
//! ```

mod answers;
mod catalogue;
mod checkin;
mod commitments;
mod de;
mod doc;
mod drafts;
mod error;
mod ids;
mod letters;
mod library;
mod pack;
pub(crate) mod packs;
mod plan;
mod recall;
mod scoring;
mod support;
mod translation;
mod validate;

pub use answers::{Answer, Answers, Commitment, CommitmentReview, MARK_MAX, Mark, Outcome};
pub use catalogue::{Catalogue, Origin, ThemeGroup};
pub use checkin::{BodyArea, CHECKIN_LABELS, CHECKIN_MAX, CheckIn, Dimension, HIGH_ALARM_AVERAGE, LOW_SAFETY};
pub use commitments::{CommitmentView, commitments, due_commitments, review_commitment};
pub use doc::{
    Band, Choice, ContactContext, Depth, Direction, PackDoc, PatternDoc, Role, ScoreDoc, StepDoc, StepKindName, Theme,
    pack_schema, pack_schema_json,
};
pub use drafts::{Draft, Drafts};
pub use error::{AnswersError, Location, PackError};
pub use ids::{BadId, MAX_ID_CHARS, PackId, ScoreId, StepId};
pub use letters::{LETTER, LETTER_AFTER_DAYS, LETTER_SHOWN_DAYS, Letter, letters_due};
pub use library::{LibraryError, draft_answers, find, import_pack, library, patterns, record, save_draft};
pub use pack::{ItemRef, Pack, PatternRule, Recall, Scale, Score, Step, StepKind};
pub use packs::{Packs, StoredPack, StoredTranslation};
pub use plan::{
    Agenda, DEFAULT_DAILY, DEFAULT_WEEKLY, DoneToday, PLAN_DAYS, PackChoice, Plan, REVIEW_DAYS, REVIEW_PACK, ReviewDay,
    Rhythm, Slot, SlotKind, WEEKLY_MIN_MINUTES, agenda, chosen_rhythm, clear_plan, is_weekly_choice, plan, schedule,
    set_plan, suggested_plan, weekly_choices,
};
pub use recall::{Recalled, recalled};
pub use scoring::{FiredPattern, ScoreResult, Session, evaluate_patterns, score};
pub use support::{
    LOW_SUPPORTED, SUPPORT_IN_AT_LEAST, SUPPORT_OF_LAST, SupportNote, is_hard_reading, support_note, support_note_now,
};
pub use translation::{PatternText, ScoreText, StepText, Translation, TranslationDoc};

/// The notice shown with every exercise, in `words`' language: a reflection aid, not therapy,
/// diagnosis or a crisis service, and where to find a crisis line. Plain text: the app never
/// opens a network connection itself.
pub fn disclaimer(words: &crate::i18n::Words) -> String {
    words.get("exercise-disclaimer")
}
