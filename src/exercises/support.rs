//! When alarm stays high: the gentle "more support" note.
//!
//! A single hard day is part of life; several in a row are worth a kind word. When 3 of the
//! person's last 5 check-ins show high distress (the check-in's alarm average at "quite" or
//! more, or feeling safe at "a little" or less, see [`CheckIn::is_high_distress`]), or a
//! look-back says they feel on their own with it (the integration review's `supported` scale
//! at 0 or 1 of 4), the app shows their own answer to the integration plan's "How would you
//! notice that you need more support?", the help panel, and a suggestion to reach out to a
//! person they trust, the retreat's facilitators or a professional.
//!
//! It never diagnoses and never alarms: it says what the entries show, in the person's own
//! words where it can, and points back to those entries. It only reads the journal.

use crate::i18n::Words;
use chrono::NaiveDate;
use serde::Serialize;

use super::checkin::CheckIn;
use super::commitments::stored_answers;
use super::{Answer, Catalogue, LibraryError, Role, StepKind};
use crate::journal::{Entry, EntryId, Journal};

/// How many of the latest check-ins are looked at…
pub const SUPPORT_OF_LAST: usize = 5;
/// …and how many of them must show high alarm.
pub const SUPPORT_IN_AT_LEAST: usize = 3;
/// A look-back's "how supported do you feel" (0–4) at or below this counts as a hard reading.
pub const LOW_SUPPORTED: i32 = 1;
/// The look-back's scale.
pub const SUPPORTED_STEP: &str = "supported";
/// The integration plan's own words about needing more support.
pub const MORE_SUPPORT: (&str, &str) = ("integration-plan", "more-support");

/// What the Today view and the result screen show when alarm stays high.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SupportNote {
    /// How many of the latest check-ins showed high alarm…
    pub count: u32,
    /// …of how many.
    pub of: u32,
    /// A tentative sentence pointing back to those check-ins.
    pub message: String,
    /// The person's own answer to "How would you notice that you need more support?", if they
    /// wrote one.
    pub own_words: Option<String>,
    pub own_words_on: Option<NaiveDate>,
    /// The check-ins that showed it, newest first.
    pub entries: Vec<EntryId>,
}

/// Whether one saved check-in (or look-back) shows a hard moment.
pub fn is_hard_reading(entry: &Entry) -> bool {
    let Some(answers) = stored_answers(entry) else { return false };
    answers.iter().any(|(step, answer)| match answer {
        Answer::Checkin(c) => CheckIn::is_high_distress(c),
        Answer::Scale(value) => step.as_str() == SUPPORTED_STEP && *value <= LOW_SUPPORTED,
        _ => false,
    })
}

/// The note, when 3 of the last 5 check-ins showed high alarm, in `w`'s language; `None`
/// otherwise.
pub fn support_note(
    journal: &Journal<'_>,
    catalogue: &Catalogue,
    w: &Words,
) -> Result<Option<SupportNote>, LibraryError> {
    let readings = latest_readings(journal, catalogue)?;
    let hard: Vec<&Entry> = readings.iter().filter(|e| is_hard_reading(e)).collect();
    if hard.len() < SUPPORT_IN_AT_LEAST {
        return Ok(None);
    }
    let (own_words, own_words_on) = own_words(journal)?.map_or((None, None), |(w, d)| (Some(w), Some(d)));
    let count = u32::try_from(hard.len()).unwrap_or(u32::MAX);
    let of = u32::try_from(readings.len()).unwrap_or(u32::MAX);
    let message = w.with("support-often", &[("count", count.into()), ("of", of.into())]);
    Ok(Some(SupportNote { count, of, message, own_words, own_words_on, entries: hard.iter().map(|e| e.id).collect() }))
}

/// The note for one check-in that ended high (a light pack), with the person's own words; it
/// points back to that entry alone.
pub fn support_note_now(journal: &Journal<'_>, entry: EntryId, w: &Words) -> Result<SupportNote, LibraryError> {
    let (own_words, own_words_on) = own_words(journal)?.map_or((None, None), |(w, d)| (Some(w), Some(d)));
    let message = w.get("support-now");
    Ok(SupportNote { count: 1, of: 1, message, own_words, own_words_on, entries: vec![entry] })
}

/// The latest check-ins: entries of every pack that asks how the body feels (a check-in step)
/// or how supported the person feels, newest first, at most [`SUPPORT_OF_LAST`].
fn latest_readings(journal: &Journal<'_>, catalogue: &Catalogue) -> Result<Vec<Entry>, LibraryError> {
    let limit = u32::try_from(SUPPORT_OF_LAST).unwrap_or(5);
    let mut entries = Vec::new();
    for pack in catalogue.packs() {
        let asks = pack.has_role(Role::IntegrationReview)
            || pack.steps().iter().any(|s| matches!(s.kind, StepKind::CheckIn { .. }));
        if asks {
            entries.extend(journal.entries_of_pack(pack.id().as_str(), limit)?);
        }
    }
    entries.sort_by_key(|e| std::cmp::Reverse(crate::time::sort_key(&e.created_at)));
    entries.truncate(SUPPORT_OF_LAST);
    Ok(entries)
}

/// The latest non-empty answer to the integration plan's "more support" question.
fn own_words(journal: &Journal<'_>) -> Result<Option<(String, NaiveDate)>, LibraryError> {
    for entry in journal.entries_of_pack(MORE_SUPPORT.0, 20)? {
        if let Some(Answer::Text(text)) = stored_answers(&entry).and_then(|a| a.get(MORE_SUPPORT.1).cloned())
            && !text.trim().is_empty()
        {
            return Ok(Some((text.trim().to_owned(), entry.local_day)));
        }
    }
    Ok(None)
}
