//! A step that shows back what the person once wrote: the look-back's "what has changed since"
//! shows the intention set at the start of the retreat. The pack names the step to recall
//! (`recall = "integration-plan.intention"`) and how old the answer must be
//! (`recall_after_days`), so the 30- and 90-day look-backs show it and the first days' do not.
//!
//! Only reads the journal; the answer stays in the entry it was written in.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::commitments::stored_answers;
use super::{Answer, LibraryError, Pack};
use crate::journal::{EntryId, Journal};

/// An earlier answer shown above a step.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Recalled {
    pub text: String,
    pub written_on: NaiveDate,
    pub entry_id: EntryId,
}

/// For each step of `pack` that recalls an answer, the latest one old enough on `today`, by
/// step id. A step with nothing to recall is left out, and the runner passes it over.
pub fn recalled(
    journal: &Journal<'_>,
    pack: &Pack,
    today: NaiveDate,
) -> Result<BTreeMap<String, Recalled>, LibraryError> {
    let mut out = BTreeMap::new();
    for step in pack.steps() {
        let Some(recall) = &step.recall else { continue };
        let latest_day = today.checked_sub_days(Days::new(u64::from(recall.after_days))).unwrap_or(NaiveDate::MIN);
        for entry in journal.entries_of_pack(recall.pack.as_str(), 50)? {
            if entry.local_day > latest_day {
                continue;
            }
            let text = match stored_answers(&entry).and_then(|a| a.get(recall.step.as_str()).cloned()) {
                Some(Answer::Text(text)) => text,
                Some(Answer::Commitment(c)) => c.current_intention().to_owned(),
                _ => continue,
            };
            if !text.trim().is_empty() {
                let found = Recalled { text: text.trim().to_owned(), written_on: entry.local_day, entry_id: entry.id };
                out.insert(step.id.to_string(), found);
                break;
            }
        }
    }
    Ok(out)
}
