//! Scores of one answer set, and pattern rules across sessions. Pure functions, no storage.
//!
//! A score describes an answer set, never a person, and is shown as a place on a range with
//! words. The arithmetic is the pack format's, written out so anyone can check it:
//! - checklist item: yes = 2, sometimes = 1, no = 0 (out of 2);
//! - scale step: value − min (out of max − min);
//! - check-in dimension: the value 0–4 (out of 4);
//! - reversed: (item maximum − that number);
//! - score = sum over the answered items, out of the sum of their maximums; the fraction is
//!   the one divided by the other. Skipped items count in neither, so skipping never lowers
//!   a score; a score with nothing answered is left out.
//!
//! Pattern rules look at the sessions that answered a score, newest first, and fire when the
//! fraction was below (or above) the threshold — strictly — in at least N of the last M of
//! them. Fewer than M sessions is fine: `{of}` is then how many there were.

use serde::{Deserialize, Serialize};

use super::answers::{Answer, Answers, MARK_MAX};
use super::checkin::CHECKIN_MAX;
use super::doc::Direction;
use super::ids::ScoreId;
use super::pack::{Leaf, LeafSource, Pack, PatternRule};

/// One score of one answer set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScoreResult {
    pub id: ScoreId,
    pub label: String,
    /// The sum.
    pub value: u32,
    /// The most the answered items could add up to.
    pub max: u32,
    /// `value / max`, 0–1.
    pub fraction: f64,
    /// The words of the band the fraction falls in.
    pub band_words: String,
    /// How many of the score's items were answered…
    pub answered: usize,
    /// …of how many.
    pub items: usize,
}

/// The scores of an answer set, in pack order; scores with no answered item are left out.
/// Answers that do not fit the pack (see [`Answers::validate`]) count as skipped.
pub fn score(pack: &Pack, answers: &Answers) -> Vec<ScoreResult> {
    pack.scores()
        .iter()
        .filter_map(|score| {
            let counted: Vec<(u32, u32)> = score.leaves.iter().filter_map(|leaf| leaf_points(leaf, answers)).collect();
            if counted.is_empty() {
                return None;
            }
            let value: u32 = counted.iter().map(|(v, _)| v).sum();
            let max: u32 = counted.iter().map(|(_, m)| m).sum();
            // Every leaf's maximum is at least 1 (scales have min < max), so max > 0 here.
            let fraction = f64::from(value) / f64::from(max.max(1));
            Some(ScoreResult {
                id: score.id.clone(),
                label: score.label.clone(),
                value,
                max,
                fraction,
                band_words: score.band_words(fraction).to_owned(),
                answered: counted.len(),
                items: score.leaves.len(),
            })
        })
        .collect()
}

/// (points, maximum) of one value, reversed if the pack says so; `None` when skipped.
fn leaf_points(leaf: &Leaf, answers: &Answers) -> Option<(u32, u32)> {
    let answer = answers.get(leaf.step.as_str())?;
    let (points, max) = match (&leaf.source, answer) {
        (LeafSource::Scale { min, max }, Answer::Scale(value)) if (*min..=*max).contains(value) => {
            (value.abs_diff(*min), max.abs_diff(*min))
        }
        (LeafSource::ChecklistItem(item), Answer::Checklist(marks)) => (marks.get(item)?.points(), MARK_MAX),
        (LeafSource::CheckIn(dimension), Answer::Checkin(checkin)) => {
            let value = checkin.get(*dimension).filter(|v| *v <= CHECKIN_MAX)?;
            (u32::from(value), u32::from(CHECKIN_MAX))
        }
        _ => return None,
    };
    Some(if leaf.reversed { (max.saturating_sub(points), max) } else { (points, max) })
}

/// One earlier run of a pack, as pattern rules see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// The entry id, so an insight can link back to it.
    pub id: String,
    /// Whom the session was about, if the pack has a person step.
    pub person: Option<String>,
    pub scores: Vec<ScoreResult>,
}

/// A pattern rule that fired.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FiredPattern {
    /// The rule's id.
    pub pattern: String,
    pub score: ScoreId,
    /// For a `by_person` rule, whose sessions these are.
    pub person: Option<String>,
    /// How many sessions showed it…
    pub count: usize,
    /// …of how many looked at.
    pub of: usize,
    /// The sessions that showed it, newest first.
    pub sessions: Vec<String>,
    /// The rule's message with `{count}`, `{of}` and `{person}` filled in.
    pub message: String,
}

/// Runs a pack's pattern rules over its past sessions (newest first).
pub fn evaluate_patterns(pack: &Pack, sessions: &[Session]) -> Vec<FiredPattern> {
    let mut fired = Vec::new();
    for rule in pack.patterns() {
        if rule.by_person {
            let mut people: Vec<&str> = Vec::new();
            for person in sessions.iter().filter_map(|s| s.person.as_deref()) {
                if !people.contains(&person) {
                    people.push(person);
                }
            }
            for person in people {
                let theirs = sessions.iter().filter(|s| s.person.as_deref() == Some(person));
                fired.extend(evaluate(rule, theirs, Some(person)));
            }
        } else {
            fired.extend(evaluate(rule, sessions.iter(), None));
        }
    }
    fired
}

fn evaluate<'a>(
    rule: &PatternRule,
    sessions: impl Iterator<Item = &'a Session>,
    person: Option<&str>,
) -> Option<FiredPattern> {
    let recent: Vec<(&Session, f64)> = sessions
        .filter_map(|s| s.scores.iter().find(|r| r.id == rule.score).map(|r| (s, r.fraction)))
        .take(usize::from(rule.of_last))
        .collect();
    let hits: Vec<String> = recent
        .iter()
        .filter(|(_, fraction)| match rule.when {
            Direction::Below => *fraction < rule.threshold,
            Direction::Above => *fraction > rule.threshold,
        })
        .map(|(s, _)| s.id.clone())
        .collect();
    if hits.len() < usize::from(rule.in_at_least) {
        return None;
    }
    let message = rule
        .message
        .replace("{count}", &hits.len().to_string())
        .replace("{of}", &recent.len().to_string())
        .replace("{person}", person.unwrap_or(""));
    Some(FiredPattern {
        pattern: rule.id.clone(),
        score: rule.score.clone(),
        person: person.map(str::to_owned),
        count: hits.len(),
        of: recent.len(),
        sessions: hits,
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exercises::answers::Mark;
    use crate::exercises::checkin::CheckIn;
    use crate::exercises::ids::StepId;
    use std::collections::BTreeMap;

    /// A scale from 1 to 7 (not from 0), a reversed scale, a check-in with a reversed
    /// dimension, and a checklist: every rule of the arithmetic in one pack.
    const PACK: &str = r#"
id = "arithmetic"
version = "1.0"
title = "Arithmetic"
language = "en"
theme = "patterns"
why = "Checks the sums."
minutes = 1
depth = "light"

[[steps]]
id = "energy"
kind = "scale"
prompt = "How much energy do you have?"
min = 1
max = 7
min_label = "none"
max_label = "plenty"

[[steps]]
id = "strain"
kind = "scale"
prompt = "How strained do you feel?"
min = -2
max = 2
min_label = "not at all"
max_label = "very"

[[steps]]
id = "body"
kind = "checkin"
prompt = "How does your body feel?"

[[steps]]
id = "list"
kind = "checklist"
prompt = "Which are true?"
items = [{ id = "a", label = "A" }, { id = "b", label = "B" }]

[[scores]]
id = "mixed"
label = "Mixed"
items = ["energy", "strain", "body.calm", "body.tense", "list"]
reversed = ["strain", "body.tense", "list.b"]
bands = [
  { from = 0.0, to = 0.5, words = "low" },
  { from = 0.5, to = 1.0, words = "high" },
]

[[scores]]
id = "energy-only"
label = "Energy"
items = ["energy"]
bands = [
  { from = 0.0, to = 0.5, words = "low" },
  { from = 0.5, to = 1.0, words = "high" },
]

[[patterns]]
id = "low-energy"
score = "energy-only"
when = "below"
threshold = 0.5
in_at_least = 2
of_last = 3
message = "Energy was low in {count} of your last {of} sessions."
"#;

    fn pack() -> Pack {
        Pack::from_toml("arithmetic.toml", PACK).unwrap()
    }

    fn id(text: &str) -> StepId {
        StepId::try_from(text).unwrap()
    }

    #[test]
    fn every_rule_of_the_arithmetic_adds_up() {
        let pack = pack();
        let mut answers = Answers::new();
        answers.insert(id("energy"), Answer::Scale(5)); // 5 - 1 = 4, out of 7 - 1 = 6
        answers.insert(id("strain"), Answer::Scale(1)); // reversed: (2 - -2) - (1 - -2) = 4 - 3 = 1, out of 4
        let checkin = CheckIn { calm: Some(3), tense: Some(1), anxious: Some(4), ..CheckIn::default() };
        answers.insert(id("body"), Answer::Checkin(checkin)); // calm 3 of 4; tense reversed 4 - 1 = 3 of 4; anxious not in the score
        let marks = BTreeMap::from([("a".to_owned(), Mark::Sometimes), ("b".to_owned(), Mark::No)]);
        answers.insert(id("list"), Answer::Checklist(marks)); // a: 1 of 2; b reversed: 2 - 0 = 2 of 2
        let results = score(&pack, &answers);
        let mixed = &results[0];
        // 4 + 1 + 3 + 3 + 1 + 2 = 14, out of 6 + 4 + 4 + 4 + 2 + 2 = 22.
        assert_eq!((mixed.value, mixed.max, mixed.answered, mixed.items), (14, 22, 6, 6));
        assert!((mixed.fraction - 14.0 / 22.0).abs() < 1e-12);
        assert_eq!(mixed.band_words, "high", "14/22 = 0.64 is in [0.5, 1]");
        // energy alone: 4 of 6 = 0.67.
        assert_eq!((results[1].value, results[1].max), (4, 6));
    }

    #[test]
    fn skipped_items_count_in_neither_sum_and_an_empty_score_is_left_out() {
        let pack = pack();
        let mut answers = Answers::new();
        // Only the strain scale, at its lowest: reversed (2 - -2) - 0 = 4 of 4.
        answers.insert(id("strain"), Answer::Scale(-2));
        let results = score(&pack, &answers);
        assert_eq!(results.len(), 1, "energy-only has nothing answered and is left out");
        assert_eq!((results[0].value, results[0].max, results[0].answered), (4, 4, 1));
    }

    #[test]
    fn a_fraction_on_a_band_boundary_belongs_to_the_band_above() {
        let pack = pack();
        let mut answers = Answers::new();
        answers.insert(id("energy"), Answer::Scale(4)); // 3 of 6 = exactly 0.5
        let results = score(&pack, &answers);
        assert_eq!(results[1].fraction, 0.5);
        assert_eq!(results[1].band_words, "high");
    }

    #[test]
    fn answers_that_do_not_fit_are_not_counted() {
        let pack = pack();
        let mut answers = Answers::new();
        answers.insert(id("energy"), Answer::Scale(99)); // out of range
        answers.insert(id("strain"), Answer::Text("a lot".into())); // wrong kind
        assert_eq!(score(&pack, &answers), []);
    }

    fn session(id: &str, energy: Option<i32>) -> Session {
        let mut answers = Answers::new();
        if let Some(value) = energy {
            answers.insert(StepId::try_from("energy").unwrap(), Answer::Scale(value));
        }
        Session { id: id.into(), person: None, scores: score(&pack(), &answers) }
    }

    #[test]
    fn a_rule_counts_the_latest_sessions_that_have_its_score() {
        let pack = pack();
        // energy-only below 0.5 in 2 of the last 3 sessions that answered it.
        // Fractions: value - 1 out of 6.
        let sessions = [
            session("e1", Some(2)), // 1/6 = 0.17: below
            session("e2", None),    // skipped: not one of the 3
            session("e3", Some(4)), // 3/6 = 0.5: not below (strict)
            session("e4", Some(1)), // 0/6: below -> 2 of e1, e3, e4
            session("e5", Some(1)), // beyond the last 3
        ];
        let fired = evaluate_patterns(&pack, &sessions);
        assert_eq!(fired.len(), 1);
        assert_eq!(fired[0].sessions, ["e1", "e4"]);
        assert_eq!(fired[0].message, "Energy was low in 2 of your last 3 sessions.");
    }

    #[test]
    fn fewer_sessions_than_of_last_still_count_and_say_so() {
        let pack = pack();
        let sessions = [session("e1", Some(1)), session("e2", Some(2))];
        let fired = evaluate_patterns(&pack, &sessions);
        assert_eq!(fired[0].message, "Energy was low in 2 of your last 2 sessions.");
        assert_eq!(evaluate_patterns(&pack, &sessions[..1]), [], "1 is fewer than in_at_least = 2");
    }
}
