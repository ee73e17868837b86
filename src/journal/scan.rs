//! Reading many entries at once, for the views that look across the journal (insights,
//! summaries, "on this day"). One query each, oldest first; the trash is always left out.
//!
//! These read whole entries (answers included) in a single pass instead of a `get` per id:
//! five years of daily use is a few thousand entries, read in tens of milliseconds.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::error::JournalError;
use super::model::{Entry, EntrySummary};
use super::rows::{RawEntry, SUMMARY_SELECT};
use super::{Journal, push_filters};

/// Every column of an entry (tags and people are filled in afterwards), and the words of its
/// answers as kept for search.
const ENTRY_COLUMNS: &str = "SELECT e.seq, e.id, e.kind, e.exercise_id, e.pack_version, e.title, e.body, e.answers, \
     e.mood, e.created_at, e.created_utc, e.updated_at, e.local_day, e.deleted_at, '[]', '[]', NULL, e.answers_text \
     FROM entries e";

/// An entry as the views across the journal read it.
pub(crate) struct Scanned {
    /// The entry, with `answers` left `None`: they are in `answers` below, as stored.
    pub entry: Entry,
    /// The stored answers document (`{"answers": …, "scores": …}`) as JSON text.
    pub answers: Option<String>,
    /// The words the person wrote in the answers, one answer a line (what search sees).
    pub written: String,
}

impl Journal<'_> {
    /// Every entry (not in the trash) on local days `from..=to` (either end open), oldest
    /// first.
    ///
    /// Three queries: the entries, then all their tags and all their people at once (a
    /// subquery per entry for each, as `get` does, took longer than everything else together).
    /// The answers come as text, for the caller to parse into the types it needs: parsing
    /// them into JSON values first and then again into types took a third of the time.
    pub(crate) fn entries_between(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<Scanned>, JournalError> {
        let mut filter = String::from(" WHERE e.deleted_at IS NULL");
        let mut values: Vec<rusqlite::types::Value> = Vec::new();
        push_filters(&mut filter, &mut values, from, to, None, None);
        let mut tags = self.names_by_entry(
            &format!("SELECT et.entry_seq, t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id JOIN entries e ON e.seq = et.entry_seq{filter} ORDER BY t.name COLLATE NOCASE"),
            &values,
        )?;
        let mut people = self.names_by_entry(
            &format!("SELECT ep.entry_seq, p.name FROM entry_people ep JOIN people p ON p.id = ep.person_id JOIN entries e ON e.seq = ep.entry_seq{filter} ORDER BY p.name COLLATE NOCASE"),
            &values,
        )?;
        let mut stmt = self.conn.prepare_cached(&format!("{ENTRY_COLUMNS}{filter} ORDER BY e.created_utc, e.seq"))?;
        let raws: Vec<(RawEntry, String)> = stmt
            .query_map(rusqlite::params_from_iter(values.iter()), |row| Ok((RawEntry::from_row(row)?, row.get(17)?)))?
            .collect::<Result<_, _>>()?;
        raws.into_iter()
            .map(|(mut raw, written)| {
                let seq = raw.seq;
                let answers = raw.take_answers();
                let mut entry = raw.into_entry()?;
                entry.tags = tags.remove(&seq).unwrap_or_default();
                entry.people = people.remove(&seq).unwrap_or_default();
                Ok(Scanned { entry, answers, written })
            })
            .collect()
    }

    fn names_by_entry(
        &self,
        sql: &str,
        values: &[rusqlite::types::Value],
    ) -> Result<HashMap<i64, Vec<String>>, JournalError> {
        let mut out: HashMap<i64, Vec<String>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(values.iter()))?;
        while let Some(row) = rows.next()? {
            out.entry(row.get(0)?).or_default().push(row.get(1)?);
        }
        Ok(out)
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
