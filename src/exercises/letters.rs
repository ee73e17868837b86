//! Letters to oneself, coming back: the integration plan asks for "a few lines to read in a
//! month", and Attune keeps that promise by showing them on the Today view from thirty days
//! after they were written, for two weeks.
//!
//! A letter lives in the answers of the entry that holds it, like every other answer; nothing
//! is copied. This module only reads the journal.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::commitments::stored_answers;
use super::{Answer, LibraryError};
use crate::journal::{EntryId, Journal};

/// The pack and step that ask for the letter.
pub const LETTER: (&str, &str) = ("integration-plan", "letter");
/// After how many days a letter comes back.
pub const LETTER_AFTER_DAYS: u64 = 30;
/// How long it stays on the Today view.
pub const LETTER_SHOWN_DAYS: u64 = 14;

/// A letter whose day has come.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Letter {
    pub entry_id: EntryId,
    pub written_on: NaiveDate,
    /// The day it came back.
    pub opens_on: NaiveDate,
    pub text: String,
}

/// The letters to show on `today`: written 30 to 43 days ago, newest first.
pub fn letters_due(journal: &Journal<'_>, today: NaiveDate) -> Result<Vec<Letter>, LibraryError> {
    let mut out = Vec::new();
    for entry in journal.entries_of_pack(LETTER.0, 50)? {
        let Some(Answer::Text(text)) = stored_answers(&entry).and_then(|a| a.get(LETTER.1).cloned()) else {
            continue;
        };
        let opens_on = entry.local_day.checked_add_days(Days::new(LETTER_AFTER_DAYS)).unwrap_or(NaiveDate::MAX);
        let closes_on = opens_on.checked_add_days(Days::new(LETTER_SHOWN_DAYS)).unwrap_or(NaiveDate::MAX);
        if !text.trim().is_empty() && (opens_on..closes_on).contains(&today) {
            out.push(Letter {
                entry_id: entry.id,
                written_on: entry.local_day,
                opens_on,
                text: text.trim().to_owned(),
            });
        }
    }
    Ok(out)
}
