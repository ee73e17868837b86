//! Intentions a person set during an exercise ("ask for help before I am exhausted"), coming
//! back on their review day to be marked kept, adjusted or released.
//!
//! A commitment lives in the answers of the entry that set it, and so does every review of it:
//! it is exported, searched and kept in the entry's history like everything else the person
//! wrote. A review is an edit of that entry, so the version before it is kept as a revision.
//! The entries that hold one are found through the journal's index of answers by kind.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::json;

use super::{Answer, Answers, CommitmentReview, LibraryError, Outcome};
use crate::journal::{AnswerQuery, Entry, EntryEdit, EntryId, Journal, SaveMode};

/// The tag of a commitment answer, as stored and as the journal's answer index keeps it.
const COMMITMENT: &str = "commitment";

/// A commitment as the Today view and the CLI show it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CommitmentView {
    pub entry_id: EntryId,
    pub step_id: String,
    /// The title of the exercise entry it was set in.
    pub exercise_title: String,
    /// The intention as it stands now (the last adjusted wording, or the first).
    pub intention: String,
    /// The words it was first set in.
    pub first_intention: String,
    pub set_on: NaiveDate,
    pub review_after_days: u16,
    /// When it comes back next; `None` once kept or released.
    pub due_on: Option<NaiveDate>,
    pub reviews: Vec<CommitmentReview>,
}

impl CommitmentView {
    pub fn is_open(&self) -> bool {
        self.due_on.is_some()
    }

    pub fn is_due(&self, today: NaiveDate) -> bool {
        self.due_on.is_some_and(|due| due <= today)
    }
}

/// Every commitment in the journal (trash left out), the soonest due first, closed ones last.
pub fn commitments(journal: &Journal<'_>) -> Result<Vec<CommitmentView>, LibraryError> {
    let mut out = Vec::new();
    let query = AnswerQuery { kind: Some(COMMITMENT), ..AnswerQuery::default() };
    for entry in journal.exercise_entries_answering(query)? {
        // An entry whose answers no longer read is shown by the journal as it is; it simply
        // has no commitments to bring back.
        let Some(answers) = stored_answers(&entry) else { continue };
        for (step, answer) in answers.iter() {
            if let Answer::Commitment(commitment) = answer {
                out.push(CommitmentView {
                    entry_id: entry.id,
                    step_id: step.to_string(),
                    exercise_title: entry.title.clone(),
                    intention: commitment.current_intention().to_owned(),
                    first_intention: commitment.intention.clone(),
                    set_on: entry.local_day,
                    review_after_days: commitment.review_after_days,
                    due_on: commitment.due_on(entry.local_day),
                    reviews: commitment.reviews.clone(),
                });
            }
        }
    }
    out.sort_by_key(|c| (c.due_on.is_none(), c.due_on, c.set_on));
    Ok(out)
}

/// The open commitments whose review day has come.
pub fn due_commitments(journal: &Journal<'_>, today: NaiveDate) -> Result<Vec<CommitmentView>, LibraryError> {
    Ok(commitments(journal)?.into_iter().filter(|c| c.is_due(today)).collect())
}

/// Records what became of a commitment. `intention` is the new wording and is required when
/// the outcome is [`Outcome::Adjusted`]; the adjusted commitment comes back after its interval
/// again. A commitment already kept or released cannot be reviewed again.
pub fn review_commitment(
    journal: &Journal<'_>,
    entry_id: EntryId,
    step_id: &str,
    outcome: Outcome,
    intention: Option<String>,
    note: String,
    on: NaiveDate,
) -> Result<CommitmentView, LibraryError> {
    let entry = journal.get(entry_id)?;
    let no_commitment = || LibraryError::NoCommitment { entry: entry_id.to_string(), step: step_id.to_owned() };
    let mut answers = stored_answers(&entry).ok_or_else(no_commitment)?;
    let Some(Answer::Commitment(mut commitment)) = answers.get(step_id).cloned() else {
        return Err(no_commitment());
    };
    if !commitment.is_open() {
        return Err(LibraryError::CommitmentClosed { step: step_id.to_owned() });
    }
    let intention = match outcome {
        Outcome::Adjusted => {
            let words = intention.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
            Some(words.ok_or(LibraryError::AdjustedWithoutWords)?)
        }
        Outcome::Kept | Outcome::Released => None,
    };
    commitment.reviews.push(CommitmentReview { outcome, on, intention, note: note.trim().to_owned() });
    let step = step_id.try_into().map_err(|_| no_commitment())?;
    answers.insert(step, Answer::Commitment(commitment));
    let scores = entry.answers.as_ref().and_then(|a| a.get("scores")).cloned().unwrap_or_else(|| json!([]));
    let edit = EntryEdit {
        answers: Some(Some(json!({ "answers": answers.to_json()?, "scores": scores }))),
        ..EntryEdit::default()
    };
    journal.update(entry_id, edit, SaveMode::Edit)?;
    commitments(journal)?.into_iter().find(|c| c.entry_id == entry_id && c.step_id == step_id).ok_or_else(no_commitment)
}

/// The answers an exercise entry stores (`{"answers": …, "scores": …}`), if they read.
pub(crate) fn stored_answers(entry: &Entry) -> Option<Answers> {
    Answers::from_json(entry.answers.as_ref()?.get("answers")?).ok()
}
