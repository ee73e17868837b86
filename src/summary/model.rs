//! What a summary holds: plain data, ready for the PDF template and for the app's print-styled
//! page. Dates are already written out in words; every text is the person's own or Attune's,
//! never markup.

use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::journal::EntryId;

/// Which entries a summary covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Scope {
    /// Local days `from..=to`; an open end reaches the first or last entry.
    Range { from: Option<NaiveDate>, to: Option<NaiveDate> },
    /// The entries about one person (exercises about them, journal entries naming them), within
    /// an optional range.
    Person { name: String, from: Option<NaiveDate>, to: Option<NaiveDate> },
    /// The integration period: from the last day of the retreat (in the integration plan) to
    /// ninety days after it.
    Integration,
}

/// A part of a summary that can be left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    /// How often each exercise was done.
    Practised,
    /// Score tables.
    Scores,
    /// Scores over time, drawn.
    Charts,
    /// Pattern rules that fired, and the calm-or-tense and giving-and-receiving observations.
    Patterns,
    /// Written answers from the exercises.
    Excerpts,
    /// The person's own journal entries.
    Notes,
}

impl Section {
    pub const ALL: [Section; 6] =
        [Section::Practised, Section::Scores, Section::Charts, Section::Patterns, Section::Excerpts, Section::Notes];

    pub fn as_str(self) -> &'static str {
        match self {
            Section::Practised => "practised",
            Section::Scores => "scores",
            Section::Charts => "charts",
            Section::Patterns => "patterns",
            Section::Excerpts => "excerpts",
            Section::Notes => "notes",
        }
    }
}

impl FromStr for Section {
    type Err = super::SummaryError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim().to_ascii_lowercase();
        Section::ALL.into_iter().find(|s| s.as_str() == text).ok_or(super::SummaryError::UnknownSection { name: text })
    }
}

/// What to summarise and what to leave out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SummaryRequest {
    pub scope: Scope,
    /// Sections to leave out.
    #[serde(default)]
    pub without: Vec<Section>,
    /// Entries to leave out of everything: counts, scores, charts, excerpts and notes. The
    /// summary does not say that anything was left out.
    #[serde(default)]
    pub exclude: Vec<EntryId>,
    /// The exercise entries to quote in the excerpts; `None` for the newest
    /// [`super::MAX_EXCERPTS`] with written answers.
    #[serde(default)]
    pub excerpts: Option<Vec<EntryId>>,
}

impl SummaryRequest {
    pub fn new(scope: Scope) -> Self {
        Self { scope, without: Vec::new(), exclude: Vec::new(), excerpts: None }
    }

    pub fn includes(&self, section: Section) -> bool {
        !self.without.contains(&section)
    }
}

/// A summary, ready to print.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Summary {
    /// The language it is written in, one of [`crate::i18n::LOCALES`] (the PDF's language,
    /// which hyphenation follows).
    pub lang: String,
    /// The template's fixed words (section titles, table headings) in that language, by name.
    pub words: std::collections::BTreeMap<String, String>,
    /// A small line above the title.
    pub kicker: String,
    pub title: String,
    /// The period covered, in words.
    pub dates: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// "Made with Attune on 2 June 2026."
    pub made: String,
    /// The day it was made (the PDF's date).
    pub made_on: NaiveDate,
    /// The line at the foot of each page.
    pub footer: String,
    /// How many entries are in it.
    pub entries: u32,
    pub counts: Vec<Count>,
    pub practised: Vec<Practised>,
    pub scores: Vec<ScoreTable>,
    pub charts: Vec<Chart>,
    pub patterns: Vec<Noticed>,
    pub excerpts: Vec<Excerpt>,
    pub notes: Vec<Note>,
    pub disclaimer: String,
    /// The entries it draws on, oldest first.
    pub entry_ids: Vec<EntryId>,
}

/// A number for the overview.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Count {
    pub value: u32,
    pub label: String,
}

/// How often one exercise was done.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Practised {
    pub pack_id: String,
    pub title: String,
    pub count: u32,
    pub first: String,
    pub last: String,
}

/// The scores of one exercise (and one person, for exercises about a person).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScoreTable {
    pub title: String,
    pub rows: Vec<ScoreRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScoreRow {
    pub label: String,
    pub sessions: u32,
    pub earliest: Place,
    pub latest: Place,
}

/// A score as a place on its range, with the pack's words for it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "RangePlace"))]
pub struct Place {
    pub fraction: f64,
    pub words: String,
}

/// One score over the summary's period.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Chart {
    pub title: String,
    pub subtitle: String,
    /// The pack's bands, lowest first, each with its words.
    pub bands: Vec<ChartBand>,
    /// `x` is the place in the period (0 first day, 1 last), `y` the fraction.
    pub points: Vec<ChartPoint>,
    /// For long series, the mean of each week; empty otherwise.
    pub weekly: Vec<ChartPoint>,
    pub start: String,
    pub end: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChartBand {
    pub from: f64,
    pub to: f64,
    pub words: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChartPoint {
    pub x: f64,
    pub y: f64,
}

/// A tentative observation, with what it rests on.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Noticed {
    pub text: String,
    /// "from 5 entries".
    pub basis: String,
    pub entries: Vec<EntryId>,
}

/// Written answers of one exercise entry.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Excerpt {
    pub entry_id: EntryId,
    pub date: String,
    pub title: String,
    pub items: Vec<ExcerptItem>,
}

/// One answered step: its prompt, and the written answer or the checklist marks.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExcerptItem {
    pub prompt: String,
    pub text: Option<String>,
    pub checklist: Vec<ChecklistRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChecklistRow {
    pub label: String,
    /// "yes", "sometimes" or "no".
    pub mark: String,
    /// The mark in the summary's language.
    pub mark_words: String,
}

/// One of the person's journal entries.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Note {
    pub entry_id: EntryId,
    pub date: String,
    pub title: String,
    /// Mood, tags and people on one line.
    pub meta: String,
    /// The body, split at blank lines, without references to attachments.
    pub paragraphs: Vec<String>,
    /// Paths of the entry's photos inside the typesetting job (`/photos/ID.jpg`, their
    /// thumbnails), when the PDF shows photos; empty otherwise.
    pub photos: Vec<String>,
}
