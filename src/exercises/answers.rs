//! A person's answers to one run of a pack: what an exercise entry stores in `answers`.
//!
//! The document is a JSON object from step id to a tagged answer, e.g.
//! `{"trigger": {"text": "…"}, "settle": {"checkin": {"calm": 2}}}`. The tag names the kind of
//! answer, so an old entry still reads (and renders) after its pack has changed. A skipped
//! step is simply absent; nothing here can force an answer. [`Answers::validate`] checks a
//! document against its pack and names the step that does not fit.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::checkin::{CHECKIN_MAX, CheckIn, Dimension};
use super::doc::Depth;
use super::error::AnswersError;
use super::ids::StepId;
use super::pack::{Pack, StepKind};

/// A checklist answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Mark {
    Yes,
    Sometimes,
    No,
}

impl Mark {
    /// Its number in a score: yes = 2, sometimes = 1, no = 0.
    pub fn points(self) -> u32 {
        match self {
            Mark::Yes => 2,
            Mark::Sometimes => 1,
            Mark::No => 0,
        }
    }
}

/// The most a checklist item counts in a score ([`Mark::Yes`]).
pub const MARK_MAX: u32 = 2;

/// An intention and when to look at it again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Commitment {
    pub intention: String,
    pub review_after_days: u16,
    /// Each time it came back for review, oldest first. Kept or released closes it; adjusted
    /// brings the new wording back after another `review_after_days`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<CommitmentReview>,
}

/// What became of an intention when it came back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Outcome {
    Kept,
    Adjusted,
    Released,
}

/// One look back at an intention.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CommitmentReview {
    pub outcome: Outcome,
    /// The local day of the review.
    pub on: chrono::NaiveDate,
    /// The intention in its new words, when adjusted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intention: Option<String>,
    /// What the person noticed, in their words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Commitment {
    /// The intention as it stands now: the last adjusted wording, or the first.
    pub fn current_intention(&self) -> &str {
        self.reviews.iter().rev().find_map(|r| r.intention.as_deref()).unwrap_or(&self.intention)
    }

    /// Open until it is kept or released.
    pub fn is_open(&self) -> bool {
        self.reviews.last().is_none_or(|r| r.outcome == Outcome::Adjusted)
    }

    /// When it next comes back: `review_after_days` after it was set, or after its last
    /// adjustment. `None` once closed.
    pub fn due_on(&self, set_on: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
        if !self.is_open() {
            return None;
        }
        let from = self.reviews.last().map_or(set_on, |r| r.on);
        from.checked_add_days(chrono::Days::new(u64::from(self.review_after_days)))
    }
}

/// The answer to one step, tagged with its kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Answer {
    Text(String),
    /// The chosen option's id.
    Single(String),
    /// The chosen options' ids.
    Multiple(Vec<String>),
    Scale(i32),
    /// Item id to mark; items left out were skipped.
    Checklist(BTreeMap<String, Mark>),
    /// The person's name in the register.
    Person(String),
    Checkin(CheckIn),
    Commitment(Commitment),
}

impl Answer {
    /// The step kind this answer is for, as written in a pack.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Answer::Text(_) => "text",
            Answer::Single(_) => "single",
            Answer::Multiple(_) => "multiple",
            Answer::Scale(_) => "scale",
            Answer::Checklist(_) => "checklist",
            Answer::Person(_) => "person",
            Answer::Checkin(_) => "checkin",
            Answer::Commitment(_) => "commitment",
        }
    }
}

/// Step id to answer. Skipped steps are absent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(as = "BTreeMap<String, Answer>"))]
pub struct Answers(BTreeMap<StepId, Answer>);

impl Answers {
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads the JSON an entry stores; errors say where in the document.
    pub fn from_json(value: &serde_json::Value) -> Result<Answers, AnswersError> {
        serde_path_to_error::deserialize(value)
            .map_err(|e| AnswersError::Malformed { path: e.path().to_string(), detail: e.inner().to_string() })
    }

    /// The JSON an entry stores.
    pub fn to_json(&self) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::to_value(self)
    }

    /// Sets (or replaces) the answer to a step.
    pub fn insert(&mut self, step: StepId, answer: Answer) -> Option<Answer> {
        self.0.insert(step, answer)
    }

    /// Skips a step again.
    pub fn remove(&mut self, step: &str) -> Option<Answer> {
        self.0.remove(step)
    }

    pub fn get(&self, step: &str) -> Option<&Answer> {
        self.0.get(step)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&StepId, &Answer)> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The person chosen in the pack's first answered person step: whom a session is about.
    pub fn person<'a>(&'a self, pack: &Pack) -> Option<&'a str> {
        pack.steps().iter().filter(|s| matches!(s.kind, StepKind::Person)).find_map(|s| match self.get(s.id.as_str()) {
            Some(Answer::Person(name)) => Some(name.as_str()),
            _ => None,
        })
    }

    /// Whether the app offers grounding (or a lighter exercise) before going on: the pack is
    /// deep and its opening check-in shows high distress ([`CheckIn::is_high_distress`]).
    /// Only an offer: the person decides.
    pub fn offer_grounding_first(&self, pack: &Pack) -> bool {
        if pack.depth() != Depth::Deep {
            return false;
        }
        let Some(first) = pack.steps().first() else { return false };
        matches!(self.get(first.id.as_str()), Some(Answer::Checkin(checkin)) if checkin.is_high_distress())
    }

    /// Checks every answer against its step; the first that does not fit is the error.
    pub fn validate(&self, pack: &Pack) -> Result<(), AnswersError> {
        for (id, answer) in &self.0 {
            let step_name = || id.to_string();
            let step = pack.step(id.as_str()).ok_or_else(|| AnswersError::UnknownStep { step: step_name() })?;
            let wrong_kind =
                || AnswersError::WrongKind { step: step_name(), expected: step.kind.name(), found: answer.kind_name() };
            let out_of_range = |field: &str, value: i64, min: i64, max: i64| AnswersError::OutOfRange {
                step: step_name(),
                field: field.to_owned(),
                value,
                min,
                max,
            };
            match (&step.kind, answer) {
                (StepKind::Grounding { .. } | StepKind::Learn { .. }, _) => {
                    return Err(AnswersError::NoAnswerExpected { step: step_name() });
                }
                (StepKind::Text { .. }, Answer::Text(_)) => {}
                (StepKind::Single { options }, Answer::Single(chosen)) => {
                    if !options.iter().any(|o| &o.id == chosen) {
                        return Err(AnswersError::UnknownOption { step: step_name(), option: chosen.clone() });
                    }
                }
                (StepKind::Multiple { options }, Answer::Multiple(chosen)) => {
                    let mut seen = BTreeSet::new();
                    for option in chosen {
                        if !options.iter().any(|o| &o.id == option) {
                            return Err(AnswersError::UnknownOption { step: step_name(), option: option.clone() });
                        }
                        if !seen.insert(option) {
                            return Err(AnswersError::DuplicateOption { step: step_name(), option: option.clone() });
                        }
                    }
                }
                (StepKind::Scale(scale), Answer::Scale(value)) => {
                    if !(scale.min..=scale.max).contains(value) {
                        let (value, min, max) = (i64::from(*value), i64::from(scale.min), i64::from(scale.max));
                        return Err(out_of_range("value", value, min, max));
                    }
                }
                (StepKind::Checklist { items }, Answer::Checklist(marks)) => {
                    if let Some(item) = marks.keys().find(|k| !items.iter().any(|i| &&i.id == k)) {
                        return Err(AnswersError::UnknownItem { step: step_name(), item: item.clone() });
                    }
                }
                (StepKind::Person, Answer::Person(name)) => {
                    if name.trim().is_empty() {
                        return Err(AnswersError::Empty { step: step_name(), field: "person" });
                    }
                }
                (StepKind::CheckIn { .. }, Answer::Checkin(checkin)) => {
                    for dimension in Dimension::ALL {
                        if let Some(value) = checkin.get(dimension).filter(|v| *v > CHECKIN_MAX) {
                            let max = i64::from(CHECKIN_MAX);
                            return Err(out_of_range(dimension.as_str(), i64::from(value), 0, max));
                        }
                    }
                }
                (StepKind::Commitment { .. }, Answer::Commitment(commitment)) => {
                    if commitment.intention.trim().is_empty() {
                        return Err(AnswersError::Empty { step: step_name(), field: "intention" });
                    }
                    if !(1..=365).contains(&commitment.review_after_days) {
                        let days = i64::from(commitment.review_after_days);
                        return Err(out_of_range("review_after_days", days, 1, 365));
                    }
                }
                _ => return Err(wrong_kind()),
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_tagged_by_kind_in_json() {
        let mut answers = Answers::new();
        answers.insert(StepId::try_from("feel").unwrap(), Answer::Text("tired, and glad".into()));
        answers.insert(
            StepId::try_from("time").unwrap(),
            Answer::Checklist(BTreeMap::from([("say-no".to_owned(), Mark::Sometimes)])),
        );
        let json = answers.to_json().unwrap();
        assert_eq!(
            json,
            serde_json::json!({"feel": {"text": "tired, and glad"}, "time": {"checklist": {"say-no": "sometimes"}}})
        );
        assert_eq!(Answers::from_json(&json).unwrap(), answers);
    }

    #[test]
    fn malformed_answers_say_where() {
        let json = serde_json::json!({"feel": {"text": "ok"}, "time": {"checklist": {"say-no": "often"}}});
        let err = Answers::from_json(&json).unwrap_err();
        assert!(
            matches!(&err, AnswersError::Malformed { path, .. } if path == "time.checklist.say-no"),
            "the error should point at the bad mark, got {err:?}"
        );
    }
}
