//! Insights: patterns over weeks and months, computed from the saved entries on this machine.
//!
//! What it finds, each written so a person can check it by hand:
//! - **score trends**: every score of every pack over time (one series per pack, score and,
//!   for packs about one person, that person), with a plain comparison of the earlier half of
//!   the sessions with the recent half;
//! - **reciprocity**: per person, how giving and receiving has felt over time (the
//!   reciprocity pack's `ease` score and `balance` scale, and the relationship-health pack's
//!   give-and-take score), as a trend, never a verdict;
//! - **calm and tense**: per person, what the body noted before and after meeting them in the
//!   contact check-in (more ease than alarm, or more alarm than ease);
//! - **co-occurrence**: tags and people that come with a low or good mood, or a high-alarm
//!   check-in, noticeably more often than overall ("in 6 of 9 entries with #work your mood was
//!   low, against 20% overall"), only above a minimum count;
//! - **recurring words and two-word themes** in what the person wrote;
//! - **pattern rules** of the packs that fired, as [`crate::exercises::patterns`] shows them.
//!
//! Invariants: every insight carries the ids of the entries it came from, so the app can link
//! back to them; wording is tentative and describes answers, never a person (see the exercise
//! guide); the trash is never read; nothing leaves the machine. The computation is pure over a
//! list of entries; [`insights`] reads that list (three queries: entries, tags, people).
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let vault: attune::Vault = todo!();
//! let journal = vault.journal();
//! let catalogue = attune::exercises::library(&journal)?;
//! let found = attune::insights::insights(&journal, &catalogue, &attune::insights::InsightsQuery::default(), &attune::i18n::Words::default())?;
//! for co in &found.co_occurrences {
//!     println!("{} ({} entries)", co.message, co.entries.len());
//! }
//! # Ok(()) }
//! ```

mod contact;
mod cooccurrence;
mod language;
mod patterns;
mod reciprocity;
mod resurface;
mod sessions;
mod trends;
mod words;

use chrono::NaiveDate;
use serde::Serialize;

use crate::exercises::Catalogue;
use crate::i18n::Words;
use crate::journal::{EntryId, Journal, JournalError, Scanned};

pub use contact::{BodyState, ContactPoint, ContactSignals, Reading, StateCounts};
pub use cooccurrence::{CoOccurrence, LabelKind, State};
pub use language::{Language, LanguageCount};
pub use patterns::PatternInsight;
pub use reciprocity::{ReciprocityPoint, ReciprocityTrend};
pub use resurface::{OnThisDay, on_this_day};
pub use trends::{ScorePoint, ScoreTrend};
pub use words::{RecurringWord, STOP_WORDS};

pub(crate) use sessions::stored as stored_answers;

/// Why insights could not be computed.
#[derive(Debug, thiserror::Error)]
pub enum InsightsError {
    #[error("reading the journal for insights: {0}")]
    Journal(#[from] JournalError),
}

/// Which entries to look at.
#[derive(Clone, Debug, Default)]
pub struct InsightsQuery {
    /// First local day, inclusive; `None` from the first entry.
    pub from: Option<NaiveDate>,
    /// Last local day, inclusive; `None` up to the last entry.
    pub to: Option<NaiveDate>,
    /// Entries to leave out entirely.
    pub exclude: Vec<EntryId>,
}

/// Everything the insights view shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Insights {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// How many entries were looked at.
    pub entries: u32,
    /// The languages the entries' words were read in, with how many entries each; most first.
    pub languages: Vec<LanguageCount>,
    pub score_trends: Vec<ScoreTrend>,
    pub reciprocity: Vec<ReciprocityTrend>,
    pub contact: Vec<ContactSignals>,
    pub co_occurrences: Vec<CoOccurrence>,
    /// Single words that recur across entries, most widespread first.
    pub words: Vec<RecurringWord>,
    /// Two-word phrases that recur ("phone call", "feel safe"), most widespread first.
    pub themes: Vec<RecurringWord>,
    pub patterns: Vec<PatternInsight>,
}

/// How the recent half of a series compares with the earlier half.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Change {
    /// The mean fraction (0–1) of the earlier half of the points…
    pub earlier: f64,
    /// …and of the recent half (with an odd count, the middle point is in neither).
    pub recent: f64,
    /// The pack's words for each mean, so it is shown as a place on a range, not a grade.
    pub earlier_words: String,
    pub recent_words: String,
    pub drift: Drift,
}

/// Which way a series moved: by at least [`CHANGE_STEP`], or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Drift {
    Higher,
    Lower,
    Similar,
}

/// A series needs this many points before its halves are compared.
pub const MIN_POINTS_FOR_CHANGE: usize = 4;
/// The difference of the two means (on 0–1) that counts as a change.
pub const CHANGE_STEP: f64 = 0.1;

impl Change {
    /// Compares the halves of `fractions` (oldest first); `words` names a fraction.
    pub(crate) fn of(fractions: &[f64], words: impl Fn(f64) -> String) -> Option<Change> {
        if fractions.len() < MIN_POINTS_FOR_CHANGE {
            return None;
        }
        let half = fractions.len() / 2;
        let mean = |xs: &[f64]| xs.iter().sum::<f64>() / xs.len() as f64;
        let earlier = mean(&fractions[..half]);
        let recent = mean(&fractions[fractions.len() - half..]);
        // A hair of tolerance, so 0.6 − 0.5 (0.0999… in floating point) counts as 0.1.
        let step = CHANGE_STEP - 1e-9;
        let drift = if recent - earlier >= step {
            Drift::Higher
        } else if earlier - recent >= step {
            Drift::Lower
        } else {
            Drift::Similar
        };
        Some(Change { earlier, recent, earlier_words: words(earlier), recent_words: words(recent), drift })
    }
}

/// Reads the entries the query names and computes every insight over them, its sentences in
/// `w`'s language. Recurring words are read in each entry's own language; an entry too short
/// or unclear to tell is read in `w`'s.
///
/// # Errors
/// [`InsightsError::Journal`] when the entries cannot be read.
pub fn insights(
    journal: &Journal<'_>,
    catalogue: &Catalogue,
    query: &InsightsQuery,
    w: &Words,
) -> Result<Insights, InsightsError> {
    let mut entries = journal.entries_between(query.from, query.to)?;
    entries.retain(|e| !query.exclude.contains(&e.entry.id));
    let names: Vec<String> = journal.people()?.into_iter().map(|(p, _)| p.name).collect();
    let mut found = compute(&entries, catalogue, &names, w);
    found.from = query.from;
    found.to = query.to;
    Ok(found)
}

/// Every insight over `entries` (oldest first, none in the trash). `names` are the people in
/// the register, left out of the word counts (people have insights of their own); entries
/// whose language cannot be told are read in `w`'s.
pub(crate) fn compute(entries: &[Scanned], catalogue: &Catalogue, names: &[String], w: &Words) -> Insights {
    let practices = sessions::practices(entries, catalogue);
    let words::Recurring { words, themes, languages } =
        words::recurring(entries, names, Language::from_locale(w.locale()).unwrap_or(Language::English));
    Insights {
        from: None,
        to: None,
        entries: u32::try_from(entries.len()).unwrap_or(u32::MAX),
        languages,
        score_trends: trends::score_trends(&practices),
        reciprocity: reciprocity::trends(&practices, w),
        contact: contact::signals(&practices, w),
        co_occurrences: cooccurrence::find(entries, &practices, w),
        words,
        themes,
        patterns: patterns::fired(&practices, catalogue),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    // Halves of 4: (0.2 + 0.4) / 2 = 0.3 and (0.5 + 0.7) / 2 = 0.6: higher by 0.3.
    #[case(&[0.2, 0.4, 0.5, 0.7], Some(Drift::Higher))]
    // 5 points: the middle one (0.9) is in neither half: 0.5 and 0.45: similar.
    #[case(&[0.5, 0.5, 0.9, 0.4, 0.5], Some(Drift::Similar))]
    // Exactly 0.1 lower counts as lower.
    #[case(&[0.6, 0.6, 0.5, 0.5], Some(Drift::Lower))]
    // Three points are too few to compare.
    #[case(&[0.1, 0.5, 0.9], None)]
    fn halves_are_compared_from_four_points(#[case] fractions: &[f64], #[case] drift: Option<Drift>) {
        let change = Change::of(fractions, |f| format!("{f:.2}"));
        assert_eq!(change.as_ref().map(|c| c.drift), drift, "{fractions:?} gave {change:?}");
    }
}
