//! The exercises of one vault: the built-in packs plus the ones imported into it, and storing a
//! completed exercise as an entry. The one place where exercises meet the journal.

use serde_json::json;

use super::drafts::{self, Draft, Drafts};
use super::packs::Packs;
use super::{
    Answers, AnswersError, Catalogue, FiredPattern, Pack, PackError, ScoreResult, Session, Translation,
    evaluate_patterns, score,
};
use crate::journal::{Entry, Journal, JournalError, NewEntry};
use crate::time::Timestamp;

#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error(transparent)]
    Pack(#[from] PackError),
    #[error(transparent)]
    Answers(#[from] AnswersError),
    #[error(transparent)]
    Journal(#[from] JournalError),
    #[error("no exercise pack with id \"{id}\" (attune exercises list shows them)")]
    UnknownPack { id: String },
    #[error("the answers could not be stored as JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("entry {entry} has no commitment at step \"{step}\"")]
    NoCommitment { entry: String, step: String },
    #[error("the commitment at step \"{step}\" was already kept or released")]
    CommitmentClosed { step: String },
    #[error("an adjusted commitment needs its new words")]
    AdjustedWithoutWords,
    #[error("the integration plan names no exercise \"{id}\"")]
    PlanUnknownPack { id: String },
    #[error("the integration plan needs at least one weekly exercise")]
    PlanWithoutWeekly,
    #[error("the stored integration plan is unreadable: {0}")]
    PlanUnreadable(String),
}

/// The built-in packs and every pack imported into this vault (its newest version), with the
/// translations imported for them. A translation of an older version of its pack no longer fits
/// and is left out (the pack shows in its own language), so updating a pack never hides it.
pub fn library(journal: &Journal<'_>) -> Result<Catalogue, LibraryError> {
    let packs = Packs::new(journal);
    let mut catalogue = Catalogue::builtin()?;
    for stored in packs.imported()? {
        catalogue.add_from_toml(&format!("vault:{}@{}", stored.id, stored.version), &stored.source)?;
    }
    for stored in packs.translations()? {
        let current = catalogue.get(&stored.id).is_some_and(|p| p.version() == stored.version);
        if current {
            let name = format!("vault:{}@{}/{}", stored.id, stored.version, stored.language);
            catalogue.add_translation_from_toml(&name, &stored.source)?;
        }
    }
    Ok(catalogue)
}

/// Validates a pack file's text and keeps it in the vault. A pack may not take a built-in id.
/// A translation (a file with `translates = "pack-id"`) is checked against the pack it
/// translates, built in or imported, and kept too; the pack returned is then the translated one.
pub fn import_pack(journal: &Journal<'_>, name: &str, text: &str) -> Result<Pack, LibraryError> {
    if Translation::is_translation(text) {
        let mut catalogue = library(journal)?;
        let translated = catalogue.add_translation_from_toml(name, text)?.clone();
        let language = translated.language().to_owned();
        Packs::new(journal).store_translation(translated.id().as_str(), translated.version(), &language, text)?;
        return Ok(translated);
    }
    let pack = Pack::from_toml(name, text)?;
    let mut builtin = Catalogue::builtin()?;
    // Refuses an id that a built-in pack already has, with the error naming the file.
    builtin.add_from_toml(name, text)?;
    Packs::new(journal).store(pack.id().as_str(), pack.version(), text)?;
    Ok(pack)
}

/// Stores a completed exercise as an entry: the answers (validated against the pack) and the
/// scores they gave, with the pack's id and version so the entry still renders after the pack
/// changes. The person chosen in the exercise, if any, becomes one of the entry's people. The
/// pack's draft, if any, is removed in the same transaction.
pub fn record(
    journal: &Journal<'_>,
    pack: &Pack,
    answers: &Answers,
    created_at: Option<Timestamp>,
) -> Result<(Entry, Vec<ScoreResult>), LibraryError> {
    answers.validate(pack)?;
    let scores = score(pack, answers);
    let entry = journal.create_with(
        NewEntry {
            exercise: Some(pack.exercise_ref()),
            title: pack.title().to_owned(),
            answers: Some(json!({ "answers": answers.to_json()?, "scores": scores })),
            people: answers.person(pack).map(|p| vec![p.to_owned()]).unwrap_or_default(),
            created_at,
            ..NewEntry::default()
        },
        |tx| drafts::discard_in(tx, pack.id().as_str()),
    )?;
    Ok((entry, scores))
}

/// Keeps the progress of a run of `pack`: the answers so far (checked against the pack) and
/// the step the person is on.
pub fn save_draft(journal: &Journal<'_>, pack: &Pack, answers: &Answers, step: u32) -> Result<Draft, LibraryError> {
    answers.validate(pack)?;
    let last = u32::try_from(pack.steps().len().saturating_sub(1)).unwrap_or(u32::MAX);
    Ok(Drafts::new(journal).save(pack.id().as_str(), pack.version(), &answers.to_json()?, step.min(last))?)
}

/// The answers of a draft that still fit `pack` (which may have changed since the draft was
/// saved): each answer that no longer fits its step is left out, so a draft always resumes.
pub fn draft_answers(pack: &Pack, draft: &Draft) -> Answers {
    let Ok(saved) = Answers::from_json(&draft.answers) else { return Answers::new() };
    let mut kept = Answers::new();
    for (step, answer) in saved.iter() {
        let mut one = Answers::new();
        one.insert(step.clone(), answer.clone());
        if one.validate(pack).is_ok() {
            kept.insert(step.clone(), answer.clone());
        }
    }
    kept
}

/// The pack's pattern rules over its recent sessions in the journal (the newest first, as many
/// as the widest rule looks at).
pub fn patterns(journal: &Journal<'_>, pack: &Pack) -> Result<Vec<FiredPattern>, LibraryError> {
    let Some(widest) = pack.patterns().iter().map(|r| u32::from(r.of_last)).max() else { return Ok(Vec::new()) };
    // Sessions are counted per person by some rules, so read more than the widest window.
    let sessions: Vec<Session> = journal
        .entries_of_pack(pack.id().as_str(), widest.saturating_mul(8).max(50))?
        .into_iter()
        .filter_map(|entry| {
            let stored = entry.answers.as_ref()?;
            let scores = serde_json::from_value(stored.get("scores")?.clone()).ok()?;
            let person = super::commitments::stored_answers(&entry).and_then(|a| a.person(pack).map(str::to_owned));
            Some(Session { id: entry.id.to_string(), person, scores })
        })
        .collect();
    Ok(evaluate_patterns(pack, &sessions))
}

/// Looks a pack up by id, or says which id is unknown.
pub fn find<'c>(catalogue: &'c Catalogue, id: &str) -> Result<&'c Pack, LibraryError> {
    catalogue.get(id).ok_or_else(|| LibraryError::UnknownPack { id: id.to_owned() })
}
