//! The nervous-system check-in: what the body says, and when to offer grounding first.
//!
//! Six dimensions, each 0–4: three that feel like safety (calm, relaxed, safe) and three that
//! feel like alarm (anxious, tense, obsessive), plus optionally where in the body something is
//! felt. Any dimension may be left out. [`CheckIn::is_high_distress`] is deliberately simple
//! and written down, so anyone can see why grounding was offered; it never blocks anything,
//! it only lets the app offer grounding or a lighter exercise before a deep one.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

/// The highest value of a check-in dimension; the lowest is 0.
pub const CHECKIN_MAX: u8 = 4;

/// Words for 0 to 4, the same on every dimension.
pub const CHECKIN_LABELS: [&str; 5] = ["not at all", "a little", "somewhat", "quite", "very"];

/// Distress is high when the answered alarm dimensions (anxious, tense, obsessive) average at
/// least this ("quite" or more)…
pub const HIGH_ALARM_AVERAGE: f64 = 3.0;

/// …or when feeling safe is answered at or below this ("a little" or "not at all").
pub const LOW_SAFETY: u8 = 1;

/// One dimension of a check-in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Dimension {
    Calm,
    Relaxed,
    Safe,
    Anxious,
    Tense,
    Obsessive,
}

impl Dimension {
    pub const ALL: [Dimension; 6] = [
        Dimension::Calm,
        Dimension::Relaxed,
        Dimension::Safe,
        Dimension::Anxious,
        Dimension::Tense,
        Dimension::Obsessive,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Calm => "calm",
            Dimension::Relaxed => "relaxed",
            Dimension::Safe => "safe",
            Dimension::Anxious => "anxious",
            Dimension::Tense => "tense",
            Dimension::Obsessive => "obsessive",
        }
    }

    pub fn parse(text: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.as_str() == text)
    }

    /// Anxious, tense and obsessive: the dimensions where more means more alarm.
    pub fn is_alarm(self) -> bool {
        matches!(self, Dimension::Anxious | Dimension::Tense | Dimension::Obsessive)
    }
}

/// Where in the body something is felt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum BodyArea {
    Head,
    Jaw,
    Throat,
    Chest,
    Stomach,
    Shoulders,
    Back,
    Hands,
    Legs,
}

impl BodyArea {
    pub const ALL: [BodyArea; 9] = [
        BodyArea::Head,
        BodyArea::Jaw,
        BodyArea::Throat,
        BodyArea::Chest,
        BodyArea::Stomach,
        BodyArea::Shoulders,
        BodyArea::Back,
        BodyArea::Hands,
        BodyArea::Legs,
    ];
}

/// The answer to a check-in step. Every part is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct CheckIn {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calm: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relaxed: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safe: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anxious: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tense: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub obsessive: Option<u8>,
    /// Where something is felt.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub body: BTreeSet<BodyArea>,
}

impl CheckIn {
    pub fn get(&self, dimension: Dimension) -> Option<u8> {
        match dimension {
            Dimension::Calm => self.calm,
            Dimension::Relaxed => self.relaxed,
            Dimension::Safe => self.safe,
            Dimension::Anxious => self.anxious,
            Dimension::Tense => self.tense,
            Dimension::Obsessive => self.obsessive,
        }
    }

    pub fn set(&mut self, dimension: Dimension, value: Option<u8>) {
        let slot = match dimension {
            Dimension::Calm => &mut self.calm,
            Dimension::Relaxed => &mut self.relaxed,
            Dimension::Safe => &mut self.safe,
            Dimension::Anxious => &mut self.anxious,
            Dimension::Tense => &mut self.tense,
            Dimension::Obsessive => &mut self.obsessive,
        };
        *slot = value;
    }

    /// Whether this check-in shows high distress, so grounding should be offered before a deep
    /// exercise: the answered ones of anxious, tense and obsessive average 3 ("quite") or
    /// more, or safe is answered 0 or 1. Nothing answered is not high distress.
    pub fn is_high_distress(&self) -> bool {
        let alarm: Vec<f64> = [self.anxious, self.tense, self.obsessive].into_iter().flatten().map(f64::from).collect();
        let high_alarm = !alarm.is_empty() && alarm.iter().sum::<f64>() / alarm.len() as f64 >= HIGH_ALARM_AVERAGE;
        let low_safety = self.safe.is_some_and(|s| s <= LOW_SAFETY);
        high_alarm || low_safety
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn checkin(anxious: Option<u8>, tense: Option<u8>, obsessive: Option<u8>, safe: Option<u8>) -> CheckIn {
        CheckIn { anxious, tense, obsessive, safe, ..CheckIn::default() }
    }

    #[rstest]
    // (4 + 3 + 2) / 3 = 3.0, at the line: high.
    #[case(checkin(Some(4), Some(3), Some(2), Some(3)), true)]
    // (3 + 3 + 2) / 3 = 2.67: not high, and safe 3 is fine.
    #[case(checkin(Some(3), Some(3), Some(2), Some(3)), false)]
    // Only tense answered: 3 / 1 = 3.0: high.
    #[case(checkin(None, Some(3), None, None), true)]
    // Calm on alarm, but safe 1 ("a little"): high.
    #[case(checkin(Some(0), Some(0), Some(0), Some(1)), true)]
    // Safe 2 ("somewhat") and low alarm: not high.
    #[case(checkin(Some(1), Some(1), Some(0), Some(2)), false)]
    // Nothing answered: not high.
    #[case(CheckIn::default(), false)]
    fn high_distress_is_alarm_average_at_least_3_or_safe_at_most_1(#[case] c: CheckIn, #[case] high: bool) {
        assert_eq!(c.is_high_distress(), high, "{c:?}");
    }

    #[test]
    fn a_checkin_reads_and_writes_as_plain_json() {
        let json = serde_json::json!({"calm": 1, "tense": 3, "body": ["shoulders", "chest"]});
        let c: CheckIn = serde_json::from_value(json).unwrap();
        assert_eq!(c.get(Dimension::Tense), Some(3));
        assert_eq!(c.body.iter().copied().collect::<Vec<_>>(), vec![BodyArea::Chest, BodyArea::Shoulders]);
        let back = serde_json::to_value(&c).unwrap();
        assert_eq!(back, serde_json::json!({"calm": 1, "tense": 3, "body": ["chest", "shoulders"]}));
        assert!(serde_json::from_value::<CheckIn>(serde_json::json!({"calmm": 1})).is_err());
        assert!(serde_json::from_value::<CheckIn>(serde_json::json!({"body": ["elbow"]})).is_err());
    }
}
