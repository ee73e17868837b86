//! Patterns over time and printable summaries: insights, the summary preview, and PDFs.
//! Typesetting needs no vault, so the PDF pipelines gather their data first and return it with
//! the rendered bytes written; a front end that holds a lock around the session can release it
//! between the two halves with [`Session::summary`] and [`write_summary_pdf`].

use std::path::Path;

use chrono::NaiveDate;

use super::views::EntryTitle;
use super::{Session, SessionError};
use crate::insights::{self, Insights, InsightsQuery, OnThisDay};
use crate::journal::EntryId;
use crate::summary::{self, Summary, SummaryRequest};

/// The most entries [`Session::entry_titles`] returns.
pub const MAX_ENTRY_TITLES: usize = 200;

impl Session {
    /// Every insight over the entries of a period. Entries whose language cannot be told are
    /// read as English until the session knows the person's locale.
    pub fn insights(&self, query: &InsightsQuery) -> Result<Insights, SessionError> {
        Ok(insights::insights(&self.journal(), self.catalogue()?, query, &self.words())?)
    }

    /// Entries written on this day in earlier years.
    pub fn on_this_day(&self) -> Result<Vec<OnThisDay>, SessionError> {
        Ok(insights::on_this_day(&self.journal(), self.today())?)
    }

    /// Titles and days of the entries behind an insight, in the order given, at most
    /// [`MAX_ENTRY_TITLES`]. An entry moved to the trash (or purged) since is left out.
    pub fn entry_titles(&self, ids: &[EntryId]) -> Result<Vec<EntryTitle>, SessionError> {
        let journal = self.journal();
        let mut out = Vec::with_capacity(ids.len().min(MAX_ENTRY_TITLES));
        for id in ids.iter().take(MAX_ENTRY_TITLES) {
            if let Ok(entry) = journal.get(*id)
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
    }

    /// The summary as data (for the print-styled preview, or to render).
    pub fn summary(&self, request: &SummaryRequest) -> Result<Summary, SessionError> {
        Ok(summary::summary(&self.journal(), self.catalogue()?, request, self.today(), &self.words())?)
    }

    /// The data of a PDF export of everything from `from` to `to` (the whole journal without
    /// them): every exercise quoted, every note included.
    pub fn export_summary(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Summary, SessionError> {
        let request = summary::everything(&self.journal(), from, to)?;
        self.summary(&request)
    }

    /// Typesets the summary and writes it privately to `path`; returns how many entries it
    /// holds.
    pub fn save_summary_pdf(&self, request: &SummaryRequest, path: &Path) -> Result<u32, SessionError> {
        let data = self.summary(request)?;
        write_summary_pdf(&data, path)?;
        Ok(data.entries)
    }

    /// Everything (or a period) as one printable PDF at `path`; returns how many entries.
    pub fn export_pdf(&self, from: Option<NaiveDate>, to: Option<NaiveDate>, path: &Path) -> Result<u32, SessionError> {
        self.export_pdf_with(from, to, false, path)
    }

    /// [`Session::export_pdf`]; with `photos`, each journal entry's photos follow its text, three
    /// to a row, from their thumbnails (at most 480 px, so the PDF stays small).
    pub fn export_pdf_with(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        photos: bool,
        path: &Path,
    ) -> Result<u32, SessionError> {
        let mut data = self.export_summary(from, to)?;
        let mut images = Vec::new();
        if photos {
            let store = self.attachments();
            for note in data.notes.iter_mut() {
                for attachment in store.list(note.entry_id)?.into_iter().filter(|a| a.has_thumbnail) {
                    let Some(thumbnail) = store.thumbnail(attachment.id)? else { continue };
                    let image = format!("/photos/{}.jpg", attachment.id);
                    note.photos.push(image.clone());
                    images.push((image, thumbnail));
                }
            }
        }
        let pdf = summary::render_pdf_with(&data, images)?;
        summary::write_private(path, &pdf)?;
        Ok(data.entries)
    }
}

/// Typesets `summary` to PDF and writes it privately (owner-only, atomically) to `path`;
/// returns the file's size in bytes.
pub fn write_summary_pdf(summary: &Summary, path: &Path) -> Result<u64, SessionError> {
    let pdf = summary::render_pdf(summary)?;
    summary::write_private(path, &pdf)?;
    Ok(pdf.len() as u64)
}

/// The recovery sheet for `words` as a PDF, dated `today`, in `locale`'s language (any tag,
/// resolved as [`crate::i18n::resolve`] says), written privately to `path`.
pub fn write_recovery_sheet(words: &[&str], today: NaiveDate, locale: &str, path: &Path) -> Result<(), SessionError> {
    let pdf = summary::recovery_sheet(words, today, &crate::i18n::Words::new(locale))?;
    summary::write_private(path, &pdf)?;
    Ok(())
}
