//! Giving and receiving with each person, over time, as it felt to the person writing.
//!
//! The seeds insist that reciprocity is not a tally of favours, and the packs ask no such
//! thing: there is no "I gave" or "I received" number to subtract. So the balance shown is how
//! the give and take *felt*: the reciprocity pack's `ease` score (feeling valued, able to ask,
//! able to receive without guilt, and how steady the give and take feels), its `balance` scale
//! on its own, and the relationship-health pack's "give and take" score. It is shown as a
//! trend with the packs' own words, never as a verdict on the other person.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::Change;
use super::sessions::Practice;
use crate::exercises::{Answer, StepKind};
use crate::journal::EntryId;

/// The scores that say how giving and receiving feel: (pack, score). The first is the one
/// whose halves are compared.
pub const SOURCES: [(&str, &str); 2] = [("reciprocity", "ease"), ("relationship-health", "exchange")];
/// The reciprocity pack's scale "how steady does the give and take feel".
const STEADINESS: (&str, &str) = ("reciprocity", "balance");

/// One reflection on one relationship.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReciprocityPoint {
    pub day: NaiveDate,
    pub entry_id: EntryId,
    pub pack_id: String,
    pub score_id: String,
    pub label: String,
    /// 0–1.
    pub fraction: f64,
    pub band_words: String,
    /// The steadiness scale as answered (0 "very uneven" to 4 "steady and mutual"), if it was.
    pub steadiness: Option<u8>,
    pub steadiness_words: Option<String>,
}

/// How giving and receiving has felt with one person.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReciprocityTrend {
    pub person: String,
    /// Oldest first.
    pub points: Vec<ReciprocityPoint>,
    /// The halves of the reciprocity pack's `ease` points, from four of them on.
    pub change: Option<Change>,
    /// A tentative sentence about the trend.
    pub message: String,
    pub entries: Vec<EntryId>,
}

pub(crate) fn trends(practices: &[Practice<'_>]) -> Vec<ReciprocityTrend> {
    let mut by_person: BTreeMap<String, Vec<ReciprocityPoint>> = BTreeMap::new();
    for practice in practices {
        let Some(person) = &practice.person else { continue };
        for (pack_id, score_id) in SOURCES {
            if practice.pack_id != pack_id {
                continue;
            }
            let Some(result) = practice.scores.iter().find(|r| r.id.as_str() == score_id) else { continue };
            let (steadiness, steadiness_words) = steadiness(practice);
            by_person.entry(person.clone()).or_default().push(ReciprocityPoint {
                day: practice.entry.local_day,
                entry_id: practice.entry.id,
                pack_id: pack_id.to_owned(),
                score_id: score_id.to_owned(),
                label: result.label.clone(),
                fraction: result.fraction,
                band_words: result.band_words.clone(),
                steadiness,
                steadiness_words,
            });
        }
    }
    let ease_score = practices
        .iter()
        .find(|p| p.pack_id == SOURCES[0].0)
        .and_then(|p| p.pack)
        .and_then(|pack| pack.score(SOURCES[0].1));
    by_person
        .into_iter()
        .map(|(person, points)| {
            let primary: Vec<f64> = points.iter().filter(|p| p.pack_id == SOURCES[0].0).map(|p| p.fraction).collect();
            let change = Change::of(&primary, |f| ease_score.map(|s| s.band_words(f).to_owned()).unwrap_or_default());
            let message = message(&person, &points, change.as_ref());
            let entries = points.iter().map(|p| p.entry_id).collect();
            ReciprocityTrend { person, points, change, message, entries }
        })
        .collect()
}

fn steadiness(practice: &Practice<'_>) -> (Option<u8>, Option<String>) {
    if practice.pack_id != STEADINESS.0 {
        return (None, None);
    }
    let Some(Answer::Scale(value)) = practice.answers.get(STEADINESS.1) else { return (None, None) };
    let scale = practice.pack.and_then(|p| p.step(STEADINESS.1)).and_then(|s| match &s.kind {
        StepKind::Scale(scale) => Some(scale),
        _ => None,
    });
    let Some(scale) = scale else { return (u8::try_from(*value).ok(), None) };
    let step = usize::try_from(value - scale.min).ok();
    let words = step.and_then(|i| scale.labels.get(i)).cloned();
    (step.and_then(|i| u8::try_from(i).ok()), words)
}

fn message(person: &str, points: &[ReciprocityPoint], change: Option<&Change>) -> String {
    let n = points.len();
    let reflections = if n == 1 { "reflection".to_owned() } else { format!("{n} reflections") };
    let not_a_verdict = format!("It describes how it has felt to you, not who {person} is.");
    match (change, points.last()) {
        (Some(change), _) if change.earlier_words != change.recent_words => format!(
            "In your {reflections} on giving and receiving with {person}, the earlier ones mostly read \
             \u{201c}{}\u{201d} and the recent ones \u{201c}{}\u{201d}. {not_a_verdict}",
            change.earlier_words, change.recent_words
        ),
        (Some(change), _) => format!(
            "In your {reflections} on giving and receiving with {person}, it has mostly read \u{201c}{}\u{201d}, \
             earlier and recently alike. {not_a_verdict}",
            change.recent_words
        ),
        (None, Some(last)) => format!(
            "{} on giving and receiving with {person} so far; the latest reads \u{201c}{}\u{201d}. A trend shows \
             after a few more. {not_a_verdict}",
            if n == 1 { "One reflection".to_owned() } else { format!("{n} reflections") },
            last.band_words
        ),
        (None, None) => String::new(),
    }
}
