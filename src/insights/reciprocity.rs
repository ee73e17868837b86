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
use crate::i18n::Words;
use crate::journal::EntryId;

/// The scores that say how giving and receiving feel: (pack, score). The first is the one
/// whose halves are compared.
pub const SOURCES: [(&str, &str); 2] = [("reciprocity", "ease"), ("relationship-health", "exchange")];
/// The reciprocity pack's scale "how steady does the give and take feel".
const STEADINESS: (&str, &str) = ("reciprocity", "balance");
/// The reciprocity pack's question "which way does it lean", asked apart from steadiness
/// (from version 2.0; older reflections simply have no direction).
const LEAN: (&str, &str) = ("reciprocity", "lean");
/// How many of the latest reflections that say which way it leans the message looks at.
const LEAN_WINDOW: usize = 4;

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
    /// Which way the give and take leaned, as an option id of the `lean` step
    /// (`i-give-more`, `they-give-more`, `it-shifts`, `about-even`), if it was answered.
    pub lean: Option<String>,
    /// The option's words, e.g. "I give more".
    pub lean_words: Option<String>,
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

pub(crate) fn trends(practices: &[Practice<'_>], w: &Words) -> Vec<ReciprocityTrend> {
    let mut by_person: BTreeMap<String, Vec<ReciprocityPoint>> = BTreeMap::new();
    for practice in practices {
        let Some(person) = &practice.person else { continue };
        for (pack_id, score_id) in SOURCES {
            if practice.pack_id != pack_id {
                continue;
            }
            let Some(result) = practice.scores.iter().find(|r| r.id.as_str() == score_id) else { continue };
            let (steadiness, steadiness_words) = steadiness(practice);
            let (lean, lean_words) = lean(practice);
            let (label, band_words) = practice.score_words(result);
            by_person.entry(person.clone()).or_default().push(ReciprocityPoint {
                day: practice.entry.local_day,
                entry_id: practice.entry.id,
                pack_id: pack_id.to_owned(),
                score_id: score_id.to_owned(),
                label,
                fraction: result.fraction,
                band_words,
                steadiness,
                steadiness_words,
                lean,
                lean_words,
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
            let message = message(w, &person, &points, change.as_ref());
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

fn lean(practice: &Practice<'_>) -> (Option<String>, Option<String>) {
    if practice.pack_id != LEAN.0 {
        return (None, None);
    }
    let Some(Answer::Single(id)) = practice.answers.get(LEAN.1) else { return (None, None) };
    let words = practice.pack.and_then(|p| p.step(LEAN.1)).and_then(|s| match &s.kind {
        StepKind::Single { options } => options.iter().find(|o| &o.id == id).map(|o| o.label.clone()),
        _ => None,
    });
    (Some(id.clone()), words)
}

/// A sentence about which way the give and take has leaned lately, when the latest reflections
/// that say so mostly agree: "In 3 of your last 4 reflections that said which way it leans, …".
/// Direction is asked apart from steadiness, so "it shifts" is a direction, not a strain.
fn lean_sentence(w: &Words, person: &str, points: &[ReciprocityPoint]) -> Option<String> {
    let recent: Vec<&str> = points.iter().rev().filter_map(|p| p.lean.as_deref()).take(LEAN_WINDOW).collect();
    if recent.len() < 2 {
        return None;
    }
    let count = |id: &str| recent.iter().filter(|l| **l == id).count();
    let (id, n) = ["i-give-more", "they-give-more", "it-shifts", "about-even"]
        .into_iter()
        .map(|id| (id, count(id)))
        .max_by_key(|(_, n)| *n)?;
    if n * 2 <= recent.len() {
        return None;
    }
    let args = [("person", person.into()), ("lean", id.into()), ("count", n.into()), ("of", recent.len().into())];
    Some(w.with("reciprocity-lean", &args))
}

fn message(w: &Words, person: &str, points: &[ReciprocityPoint], change: Option<&Change>) -> String {
    let base = trend_message(w, person, points, change);
    match lean_sentence(w, person, points) {
        Some(lean) if !base.is_empty() => format!("{lean} {base}"),
        _ => base,
    }
}

fn trend_message(w: &Words, person: &str, points: &[ReciprocityPoint], change: Option<&Change>) -> String {
    let n = points.len();
    let not_a_verdict = w.with("reciprocity-not-a-verdict", &[("person", person.into())]);
    let sentence = match (change, points.last()) {
        (Some(change), _) if change.earlier_words != change.recent_words => w.with(
            "reciprocity-changed",
            &[
                ("count", n.into()),
                ("person", person.into()),
                ("earlier", change.earlier_words.as_str().into()),
                ("recent", change.recent_words.as_str().into()),
            ],
        ),
        (Some(change), _) => w.with(
            "reciprocity-steady",
            &[("count", n.into()), ("person", person.into()), ("words", change.recent_words.as_str().into())],
        ),
        (None, Some(last)) => w.with(
            "reciprocity-so-far",
            &[("count", n.into()), ("person", person.into()), ("words", last.band_words.as_str().into())],
        ),
        (None, None) => return String::new(),
    };
    format!("{sentence} {not_a_verdict}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(lean: Option<&str>) -> ReciprocityPoint {
        ReciprocityPoint {
            day: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            entry_id: "0190f4e8-0000-7000-8000-000000000000".parse().unwrap(),
            pack_id: "reciprocity".into(),
            score_id: "ease".into(),
            label: "Ease".into(),
            fraction: 0.5,
            band_words: "some ease, some strain".into(),
            steadiness: None,
            steadiness_words: None,
            lean: lean.map(str::to_owned),
            lean_words: None,
        }
    }

    #[test]
    fn the_direction_is_named_when_most_recent_reflections_agree() {
        let points =
            [point(Some("they-give-more")), point(Some("i-give-more")), point(None), point(Some("i-give-more"))];
        let sentence = lean_sentence(&Words::default(), "Sam", &points).expect("two of three agree");
        assert_eq!(
            sentence,
            "In 2 of your last 3 reflections that said which way it leans, you felt you were giving more than you \
             received with Sam."
        );
    }

    #[test]
    fn old_reflections_without_a_direction_say_nothing_about_it() {
        assert_eq!(lean_sentence(&Words::default(), "Sam", &[point(None), point(None), point(None)]), None);
        assert_eq!(
            lean_sentence(&Words::default(), "Sam", &[point(Some("it-shifts"))]),
            None,
            "one answer is not a trend"
        );
        assert_eq!(
            lean_sentence(&Words::default(), "Sam", &[point(Some("it-shifts")), point(Some("i-give-more"))]),
            None,
            "a split is not named"
        );
    }

    #[test]
    fn only_the_latest_four_directions_count() {
        let mut points: Vec<ReciprocityPoint> = (0..5).map(|_| point(Some("they-give-more"))).collect();
        points.extend((0..3).map(|_| point(Some("it-shifts"))));
        let sentence = lean_sentence(&Words::default(), "Ana", &points).unwrap();
        assert!(sentence.starts_with("In 3 of your last 4"), "{sentence}");
        assert!(sentence.contains("shifts back and forth"), "{sentence}");
    }
}
