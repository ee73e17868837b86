//! Patterns over time and printable summaries. Thin: the computing and typesetting live in
//! `attune::insights` and `attune::summary`.

use std::path::PathBuf;

use attune::insights::{self, Insights, InsightsQuery, OnThisDay};
use attune::summary::{self, Summary, SummaryRequest};
use attune::time;
use attune::{EntryId, exercises};
use tauri::State;

use crate::dto::EntryTitle;
use crate::error::IpcError;
use crate::state::AppState;

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

fn day(what: &'static str, text: Option<String>) -> Result<Option<chrono::NaiveDate>, IpcError> {
    Ok(text.filter(|t| !t.is_empty()).map(|t| time::parse_day(what, &t)).transpose()?)
}

/// Every insight over the entries of a period (all of them without dates).
#[tauri::command]
pub async fn insights(
    state: State<'_, AppState>,
    from: Option<String>,
    to: Option<String>,
) -> Result<Insights, IpcError> {
    let query = InsightsQuery { from: day("from", from)?, to: day("to", to)?, exclude: Vec::new() };
    state.with_vault(|v| {
        let journal = v.journal();
        let catalogue = exercises::library(&journal)?;
        Ok(insights::insights(&journal, &catalogue, &query)?)
    })
}

/// Entries written on this day in earlier years.
#[tauri::command]
pub async fn on_this_day(state: State<'_, AppState>) -> Result<Vec<OnThisDay>, IpcError> {
    state.with_vault(|v| Ok(insights::on_this_day(&v.journal(), today())?))
}

/// Titles and days of the entries behind an insight (at most 200).
#[tauri::command]
pub async fn entry_titles(state: State<'_, AppState>, ids: Vec<String>) -> Result<Vec<EntryTitle>, IpcError> {
    let ids: Vec<EntryId> = ids.iter().take(200).map(|id| id.parse()).collect::<Result<_, _>>()?;
    state.with_vault(|v| {
        let journal = v.journal();
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            // An entry moved to the trash since the insight was computed is simply not listed.
            if let Ok(entry) = journal.get(id)
                && entry.deleted_at.is_none()
            {
                out.push(EntryTitle {
                    id: entry.id.to_string(),
                    title: entry.title,
                    local_day: entry.local_day.to_string(),
                    kind: entry.kind,
                });
            }
        }
        Ok(out)
    })
}

/// The summary as data, for the print-styled preview.
#[tauri::command]
pub async fn summary_preview(state: State<'_, AppState>, request: SummaryRequest) -> Result<Summary, IpcError> {
    state.with_vault(|v| {
        let journal = v.journal();
        let catalogue = exercises::library(&journal)?;
        Ok(summary::summary(&journal, &catalogue, &request, today())?)
    })
}

/// Typesets the summary to PDF in memory and writes it where the person chose (owner-only,
/// atomically). Returns the file's size.
#[tauri::command]
pub async fn save_summary_pdf(
    state: State<'_, AppState>,
    request: SummaryRequest,
    path: String,
) -> Result<u64, IpcError> {
    let data = state.with_vault(|v| {
        let journal = v.journal();
        let catalogue = exercises::library(&journal)?;
        Ok(summary::summary(&journal, &catalogue, &request, today())?)
    })?;
    // Typesetting needs no vault: the lock is not held while it runs.
    let pdf = summary::render_pdf(&data)?;
    summary::write_private(&PathBuf::from(path), &pdf)?;
    log::info!("summary saved as PDF");
    Ok(pdf.len() as u64)
}

/// The recovery sheet as a PDF, written where the person chose.
#[tauri::command]
pub async fn save_recovery_sheet(words: Vec<String>, path: String) -> Result<(), IpcError> {
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let pdf = summary::recovery_sheet(&words, today())?;
    summary::write_private(&PathBuf::from(path), &pdf)?;
    Ok(())
}

/// Everything (or a period) as one printable PDF: every exercise and note. Not encrypted.
#[tauri::command]
pub async fn export_pdf(
    state: State<'_, AppState>,
    from: Option<String>,
    to: Option<String>,
    path: String,
) -> Result<u32, IpcError> {
    let (from, to) = (day("from", from)?, day("to", to)?);
    let data = state.with_vault(|v| {
        let journal = v.journal();
        let catalogue = exercises::library(&journal)?;
        let request = summary::everything(&journal, from, to)?;
        Ok(summary::summary(&journal, &catalogue, &request, today())?)
    })?;
    let pdf = summary::render_pdf(&data)?;
    summary::write_private(&PathBuf::from(path), &pdf)?;
    log::info!("exported to PDF");
    Ok(data.entries)
}
