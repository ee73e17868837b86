//! Reading many entries at once, for the views that look across the journal (insights,
//! summaries, "on this day"). One query each, oldest first; the trash is always left out.
//!
//! These read whole entries (answers included) in a single pass instead of a `get` per id:
//! five years of daily use is a few thousand entries, read in tens of milliseconds.

use chrono::{Datelike, NaiveDate};

use super::error::JournalError;
use super::model::{Entry, EntrySummary, answers_text};
use super::rows::{ENTRY_SELECT, RawEntry, SUMMARY_SELECT};
use super::{Journal, push_filters};

impl Journal<'_> {
    /// Every entry (not in the trash) on local days `from..=to` (either end open), oldest
    /// first, in one query.
    pub(crate) fn entries_between(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<Entry>, JournalError> {
        let mut sql = format!("{ENTRY_SELECT} WHERE e.deleted_at IS NULL");
        let mut values: Vec<rusqlite::types::Value> = Vec::new();
        push_filters(&mut sql, &mut values, from, to, None, None);
        sql.push_str(" ORDER BY e.created_utc, e.seq");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let raws: Vec<RawEntry> =
            stmt.query_map(rusqlite::params_from_iter(values), RawEntry::from_row)?.collect::<Result<_, _>>()?;
        raws.into_iter().map(RawEntry::into_entry).collect()
    }

    /// Entries (not in the trash) written on `day`'s month and day in earlier years, newest
    /// first. On 28 February of a year without a 29th, the 29ths of leap years come along, so
    /// they are not skipped for three years out of four.
    pub(crate) fn same_day_earlier_years(&self, day: NaiveDate) -> Result<Vec<EntrySummary>, JournalError> {
        let month_day = format!("{:02}-{:02}", day.month(), day.day());
        let leap_day_too = day.month() == 2 && day.day() == 28 && NaiveDate::from_ymd_opt(day.year(), 2, 29).is_none();
        let also = if leap_day_too { "02-29" } else { month_day.as_str() };
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SUMMARY_SELECT} WHERE e.deleted_at IS NULL AND substr(e.local_day, 6) IN (?1, ?2) AND e.local_day < ?3
             ORDER BY e.created_utc DESC, e.seq DESC"
        ))?;
        let first_of_year = NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day);
        let raws: Vec<RawEntry> = stmt
            .query_map(rusqlite::params![month_day, also, first_of_year.to_string()], RawEntry::from_row)?
            .collect::<Result<_, _>>()?;
        raws.into_iter().map(RawEntry::into_summary).collect()
    }
}

/// The words a person wrote in an exercise entry's answers, one answer a line (what search
/// sees of it): no choice ids, marks, numbers or stored scores.
pub(crate) fn written_answers(entry: &Entry) -> String {
    answers_text(entry.answers.as_ref())
}
