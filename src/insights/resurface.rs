//! "On this day": what the person wrote on the same day of the year in earlier years, for the
//! Today view.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::InsightsError;
use crate::journal::{EntrySummary, Journal};

/// The entries of one earlier year's same day.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OnThisDay {
    pub years_ago: u32,
    /// The day they were written (29 February shows on 28 February in other years).
    pub day: NaiveDate,
    /// Newest first.
    pub entries: Vec<EntrySummary>,
}

/// Entries from `today`'s month and day in earlier years, the most recent year first. Empty
/// when there are none. One query.
pub fn on_this_day(journal: &Journal<'_>, today: NaiveDate) -> Result<Vec<OnThisDay>, InsightsError> {
    let mut out: Vec<OnThisDay> = Vec::new();
    for entry in journal.same_day_earlier_years(today)? {
        match out.last_mut() {
            Some(group) if group.day == entry.local_day => group.entries.push(entry),
            _ => {
                let years_ago = u32::try_from(today.year() - entry.local_day.year()).unwrap_or(0);
                out.push(OnThisDay { years_ago, day: entry.local_day, entries: vec![entry] });
            }
        }
    }
    Ok(out)
}
