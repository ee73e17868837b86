//! Patterns over time and printable summaries. Each is one call on the core session; the
//! typesetting of a PDF runs after the session's lock is released.

use std::path::PathBuf;

use attune::EntryId;
use attune::insights::{Insights, InsightsQuery, OnThisDay};
use attune::session::{self, EntryTitle, MAX_ENTRY_TITLES};
use attune::summary::{Summary, SummaryRequest};
use attune::time;

use super::Ctx;
use crate::error::IpcError;

fn day(what: &'static str, text: Option<String>) -> Result<Option<chrono::NaiveDate>, IpcError> {
    Ok(text.filter(|t| !t.is_empty()).map(|t| time::parse_day(what, &t)).transpose()?)
}

/// Every insight over the entries of a period (all of them without dates).
pub fn insights(ctx: &Ctx, from: Option<String>, to: Option<String>) -> Result<Insights, IpcError> {
    let query = InsightsQuery { from: day("from", from)?, to: day("to", to)?, exclude: Vec::new() };
    ctx.session(|s| Ok(s.insights(&query)?))
}

/// Entries written on this day in earlier years.
pub fn on_this_day(ctx: &Ctx) -> Result<Vec<OnThisDay>, IpcError> {
    ctx.session(|s| Ok(s.on_this_day()?))
}

/// Titles and days of the entries behind an insight (at most 200).
pub fn entry_titles(ctx: &Ctx, ids: Vec<String>) -> Result<Vec<EntryTitle>, IpcError> {
    let ids: Vec<EntryId> = ids.iter().take(MAX_ENTRY_TITLES).map(|id| id.parse()).collect::<Result<_, _>>()?;
    ctx.session(|s| Ok(s.entry_titles(&ids)?))
}

/// The summary as data, for the print-styled preview.
pub fn summary_preview(ctx: &Ctx, request: SummaryRequest) -> Result<Summary, IpcError> {
    ctx.session(|s| Ok(s.summary(&request)?))
}

/// Typesets the summary to PDF and writes it where the person chose (owner-only,
/// atomically). Returns the file's size.
pub fn save_summary_pdf(ctx: &Ctx, request: SummaryRequest, path: String) -> Result<u64, IpcError> {
    let data = ctx.session(|s| Ok(s.summary(&request)?))?;
    let bytes = session::write_summary_pdf(&data, &PathBuf::from(path))?;
    log::info!("summary saved as PDF");
    Ok(bytes)
}

/// The recovery sheet as a PDF, written where the person chose.
pub fn save_recovery_sheet(ctx: &Ctx, words: Vec<String>, path: String) -> Result<(), IpcError> {
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    // The sheet is printed right after the vault is made, so the session's day is at hand.
    let today = ctx.state.session()?.as_ref().map_or_else(|| chrono::Local::now().date_naive(), |s| s.today());
    Ok(session::write_recovery_sheet(&words, today, &PathBuf::from(path))?)
}

/// Everything (or a period) as one printable PDF: every exercise and note. Not encrypted.
pub fn export_pdf(ctx: &Ctx, from: Option<String>, to: Option<String>, path: String) -> Result<u32, IpcError> {
    let (from, to) = (day("from", from)?, day("to", to)?);
    let data = ctx.session(|s| Ok(s.export_summary(from, to)?))?;
    session::write_summary_pdf(&data, &PathBuf::from(path))?;
    log::info!("exported to PDF");
    Ok(data.entries)
}
