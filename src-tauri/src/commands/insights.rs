//! Patterns over time and printable summaries. Each is one call on the core session; the
//! typesetting of a PDF runs after the session's lock is released.

use attune::EntryId;
use attune::insights::{Insights, InsightsQuery, OnThisDay};
use attune::session::{self, EntryTitle, MAX_ENTRY_TITLES};
use attune::summary::{Summary, SummaryRequest};
use attune::time;

use super::Ctx;
use crate::dialogs::{self, Ask};
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

/// The session's day, or the wall clock's while locked (file names and the recovery sheet).
fn today(ctx: &Ctx) -> Result<chrono::NaiveDate, IpcError> {
    Ok(ctx.state.session()?.as_ref().map_or_else(|| chrono::Local::now().date_naive(), |s| s.today()))
}

/// Typesets the summary to PDF and writes it where the person chooses (owner-only,
/// atomically). Returns the file's size, or null when cancelled.
pub fn save_summary_pdf(ctx: &Ctx, request: SummaryRequest) -> Result<Option<u64>, IpcError> {
    let name = format!("attune-summary-{}.pdf", today(ctx)?);
    let title = ctx.say("dialog-pdf-summary");
    let Some(path) = dialogs::save_file(ctx.app, Ask::new(&title).file_name(&name).extensions(&["pdf"]))? else {
        return Ok(None);
    };
    let data = ctx.session(|s| Ok(s.summary(&request)?))?;
    // Typesetting needs no vault: the session's lock is released by now.
    let bytes = session::write_summary_pdf(&data, &path)?;
    log::info!("summary saved as PDF");
    Ok(Some(bytes))
}

/// The recovery sheet as a PDF, written where the person chooses. False when cancelled.
pub fn save_recovery_sheet(ctx: &Ctx, words: Vec<String>) -> Result<bool, IpcError> {
    let title = ctx.say("dialog-recovery-sheet");
    let ask = Ask::new(&title).file_name("attune-recovery-sheet.pdf").extensions(&["pdf"]);
    let Some(path) = dialogs::save_file(ctx.app, ask)? else { return Ok(false) };
    let words = zeroize::Zeroizing::new(words);
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    session::write_recovery_sheet(&words, today(ctx)?, ctx.state.locale()?, &path)?;
    Ok(true)
}

/// Everything (or a period) as one printable PDF, written where the person chooses: every
/// exercise and note. Not encrypted. Returns how many entries, or null when cancelled.
pub fn export_pdf(ctx: &Ctx, from: Option<String>, to: Option<String>) -> Result<Option<u32>, IpcError> {
    let (from, to) = (day("from", from)?, day("to", to)?);
    let name = format!("attune-{}.pdf", today(ctx)?);
    let title = ctx.say("dialog-pdf");
    let Some(path) = dialogs::save_file(ctx.app, Ask::new(&title).file_name(&name).extensions(&["pdf"]))? else {
        return Ok(None);
    };
    let data = ctx.session(|s| Ok(s.export_summary(from, to)?))?;
    session::write_summary_pdf(&data, &path)?;
    log::info!("exported to PDF");
    Ok(Some(data.entries))
}
