//! The PDF export: every entry of a period (or of the whole journal) as one printable PDF,
//! through the summary's typesetting. Unlike a summary, which quotes a few exercises, the
//! export quotes every exercise and includes every journal note.

use chrono::NaiveDate;

use super::{Scope, SummaryRequest};
use crate::journal::{EntryKind, Journal, JournalError};

/// A summary request for everything from `from` to `to` (the whole journal without them).
pub fn everything(
    journal: &Journal<'_>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<SummaryRequest, JournalError> {
    let exercises = journal
        .entries_between(from, to)?
        .into_iter()
        .filter(|s| s.entry.kind == EntryKind::Exercise)
        .map(|s| s.entry.id)
        .collect();
    let mut request = SummaryRequest::new(Scope::Range { from, to });
    request.excerpts = Some(exercises);
    Ok(request)
}
