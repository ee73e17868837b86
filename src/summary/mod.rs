//! Summaries: a week, a month, the integration period or one relationship, as a calm printable
//! PDF to bring to a therapist, a facilitator or a follow-up circle; and the printable sheet
//! for the vault's recovery phrase.
//!
//! Two steps, so the app can show the same content as a print-styled page:
//! [`summary`] gathers a [`Summary`] (plain data) from the journal, and [`render_pdf`] sets it
//! with Typst, as a library, into PDF bytes in memory. The caller writes the bytes only where
//! the person chose ([`write_private`]: atomic, owner-only). A summary is **not encrypted**.
//!
//! Invariants:
//! - Everything from the journal reaches Typst as data in a virtual JSON file, never spliced
//!   into markup: a note containing `#panic()` is printed as those characters.
//! - The fonts are shipped inside the binary (`assets/fonts/`); the system's fonts are used
//!   only for characters none of them has (such as Chinese, Japanese or Korean).
//! - Entries the caller excludes are left out of everything, the patterns included, and the
//!   summary does not say that anything was left out.
//!
//! ```no_run
//! use attune::summary::{self, Scope, Section, SummaryRequest};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let vault: attune::Vault = todo!();
//! let journal = vault.journal();
//! let catalogue = attune::exercises::library(&journal)?;
//! let mut request = SummaryRequest::new(Scope::Person { name: "Sam".into(), from: None, to: None });
//! request.without.push(Section::Notes);
//! let today = vault.clock().now().date_naive();
//! let pdf = summary::render_pdf(&summary::summary(&journal, &catalogue, &request, today, &attune::i18n::Words::new("en"))?)?;
//! summary::write_private(std::path::Path::new("sam.pdf"), &pdf)?;
//! # Ok(()) }
//! ```

mod build;
mod export;
mod fonts;
mod model;
mod render;
mod write;

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use crate::exercises::LibraryError;
use crate::journal::JournalError;

pub use build::summary;
pub use export::everything;
pub use model::{
    Chart, ChartBand, ChartPoint, ChecklistRow, Count, Excerpt, ExcerptItem, Note, Noticed, Place, Practised, Scope,
    ScoreRow, ScoreTable, Section, Summary, SummaryRequest,
};
pub use write::write_private;

/// At most this many exercises are quoted when the caller does not choose them.
pub const MAX_EXCERPTS: usize = 12;
/// At most this many charts, the longest series first.
pub const MAX_CHARTS: usize = 8;
/// Words in a recovery phrase.
pub const RECOVERY_WORDS: usize = 24;

const SUMMARY_TEMPLATE: &str = include_str!("summary.typ");
const RECOVERY_TEMPLATE: &str = include_str!("recovery.typ");

use crate::i18n::{DateStyle, Words};

#[derive(Debug, thiserror::Error)]
pub enum SummaryError {
    #[error("reading the journal for the summary: {0}")]
    Journal(#[from] JournalError),
    #[error(transparent)]
    Library(#[from] LibraryError),
    #[error("no one called \"{name}\" in the people list (attune list shows who entries are about)")]
    UnknownPerson { name: String },
    #[error("there is no integration plan: set the retreat's last day in the Today view first")]
    NoPlan,
    #[error("the period ends ({to}) before it starts ({from})")]
    BadRange { from: NaiveDate, to: NaiveDate },
    #[error("no summary section \"{name}\": use practised, scores, charts, patterns, excerpts or notes")]
    UnknownSection { name: String },
    #[error("a recovery phrase has {RECOVERY_WORDS} words, not {count}")]
    RecoveryWords { count: usize },
    #[error("the summary's data could not be prepared: {0}")]
    Data(#[from] serde_json::Error),
    #[error("the PDF could not be typeset: {detail}")]
    Typeset { detail: String },
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
}

/// Sets a summary into an A4 PDF (selectable text, page numbers, embedded fonts).
pub fn render_pdf(summary: &Summary) -> Result<Vec<u8>, SummaryError> {
    render_pdf_with(summary, Vec::new())
}

/// [`render_pdf`] with images the notes' `photos` name: each a path (`/photos/ID.jpg`) and its
/// JPEG bytes, served to the typesetting job from memory.
pub fn render_pdf_with(summary: &Summary, images: Vec<(String, Vec<u8>)>) -> Result<Vec<u8>, SummaryError> {
    render::pdf_with(SUMMARY_TEMPLATE, "/summary.json", serde_json::to_vec(summary)?, summary.made_on, images)
}

#[derive(Serialize)]
struct Sheet<'a> {
    words: &'a [&'a str],
    made: String,
    lang: &'static str,
    /// The sheet's text in its language, by name (`recovery-<name>` in the catalogue).
    text: std::collections::BTreeMap<&'static str, String>,
}

/// The names of the recovery sheet's texts.
const SHEET_TEXTS: [&str; 13] = [
    "title",
    "page",
    "of",
    "heading",
    "intro",
    "for-heading",
    "for-anyone",
    "for-forgot",
    "for-change",
    "safe-heading",
    "safe-paper",
    "safe-only-attune",
    "safe-seen",
];

/// The printable recovery sheet for a vault's 24-word phrase, made on `today`, in `w`'s
/// language: the words numbered in a grid, what they are for, and how to keep them safe. The
/// words themselves are the BIP-39 English list in every language: they are the key.
pub fn recovery_sheet(words: &[&str], today: NaiveDate, w: &Words) -> Result<Vec<u8>, SummaryError> {
    if words.len() != RECOVERY_WORDS {
        return Err(SummaryError::RecoveryWords { count: words.len() });
    }
    let mut text: std::collections::BTreeMap<&'static str, String> =
        SHEET_TEXTS.iter().map(|name| (*name, w.get(&format!("recovery-{name}")))).collect();
    text.insert("made-on", w.get("recovery-made-on"));
    let sheet = Sheet { words, made: w.date(today, DateStyle::Long), lang: w.locale(), text };
    render::pdf(RECOVERY_TEMPLATE, "/sheet.json", serde_json::to_vec(&sheet)?, today)
}
