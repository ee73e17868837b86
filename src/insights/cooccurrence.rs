//! Tags and people that come with low or high states more often than overall.
//!
//! The measure, written out: for a state (a low mood, a good mood, a high-alarm check-in) only
//! the entries where it can be told count (entries with a mood; entries with a check-in). Among
//! those, take the `of` entries that carry a tag (or concern a person) and the `count` of them
//! in the state; overall, `overall_count` of `overall_of`. It is reported when
//! - `of` ≥ [`MIN_ENTRIES`] and `count` ≥ [`MIN_COUNT`] (a handful of entries says little),
//! - the rate with the label is at least [`MIN_LIFT`] times the overall rate, and at least
//!   [`MIN_DIFFERENCE`] above it.
//!
//! It is a co-occurrence in what was written, not a cause: the wording says "came with".

use std::collections::BTreeMap;

use serde::Serialize;

use super::sessions::Practice;
use crate::exercises::{Answer, HIGH_ALARM_AVERAGE};
use crate::i18n::Words;
use crate::journal::{Entry, EntryId, Scanned};

pub const MIN_ENTRIES: usize = 5;
pub const MIN_COUNT: usize = 3;
pub const MIN_LIFT: f64 = 1.5;
pub const MIN_DIFFERENCE: f64 = 0.2;
/// Moods of 1 and 2 ("very low", "low") are low; 4 and 5 ("good", "very good") are good.
const LOW_MOOD_AT_MOST: u8 = 2;
const GOOD_MOOD_AT_LEAST: u8 = 4;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// Mood 1 or 2.
    LowMood,
    /// Mood 4 or 5.
    GoodMood,
    /// A check-in whose answered alarm dimensions average 3 ("quite") or more.
    HighAlarm,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum LabelKind {
    Tag,
    Person,
}

/// A tag or person that came with a state more often than overall.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CoOccurrence {
    pub kind: LabelKind,
    pub name: String,
    pub state: State,
    /// Entries with the label in the state…
    pub count: u32,
    /// …of the entries with the label where the state can be told.
    pub of: u32,
    pub overall_count: u32,
    pub overall_of: u32,
    pub message: String,
    /// The `count` entries with the label in the state.
    pub entries: Vec<EntryId>,
}

/// Whether `state` can be told for an entry, and if so whether it is in it.
fn in_state(state: State, entry: &Entry, high_alarm: Option<bool>) -> Option<bool> {
    match state {
        State::LowMood => entry.mood.map(|m| m.value() <= LOW_MOOD_AT_MOST),
        State::GoodMood => entry.mood.map(|m| m.value() >= GOOD_MOOD_AT_LEAST),
        State::HighAlarm => high_alarm,
    }
}

/// Whether any check-in of the entry averaged high alarm; `None` without an alarm answer.
fn high_alarm(practice: &Practice<'_>) -> Option<bool> {
    let mut seen = None;
    for (_, answer) in practice.answers.iter() {
        let Answer::Checkin(checkin) = answer else { continue };
        let alarm: Vec<f64> =
            [checkin.anxious, checkin.tense, checkin.obsessive].into_iter().flatten().map(f64::from).collect();
        if alarm.is_empty() {
            continue;
        }
        let high = alarm.iter().sum::<f64>() / alarm.len() as f64 >= HIGH_ALARM_AVERAGE;
        seen = Some(seen.unwrap_or(false) || high);
    }
    seen
}

pub(crate) fn find(entries: &[Scanned], practices: &[Practice<'_>], w: &Words) -> Vec<CoOccurrence> {
    let alarms: BTreeMap<EntryId, Option<bool>> = practices.iter().map(|p| (p.entry.id, high_alarm(p))).collect();
    let mut found = Vec::new();
    for state in [State::LowMood, State::GoodMood, State::HighAlarm] {
        // label -> (entries in the state, entries where it can be told)
        let mut by_label: BTreeMap<(LabelKind, String), (Vec<EntryId>, usize)> = BTreeMap::new();
        let (mut overall_count, mut overall_of) = (0usize, 0usize);
        for entry in entries.iter().map(|s| &s.entry) {
            let alarm = alarms.get(&entry.id).copied().flatten();
            let Some(yes) = in_state(state, entry, alarm) else { continue };
            overall_of += 1;
            overall_count += usize::from(yes);
            let labels = entry
                .tags
                .iter()
                .map(|t| (LabelKind::Tag, t.clone()))
                .chain(entry.people.iter().map(|p| (LabelKind::Person, p.clone())));
            for label in labels {
                let slot = by_label.entry(label).or_default();
                slot.1 += 1;
                if yes {
                    slot.0.push(entry.id);
                }
            }
        }
        if overall_of == 0 {
            continue;
        }
        let overall_rate = overall_count as f64 / overall_of as f64;
        for ((kind, name), (hits, of)) in by_label {
            let rate = hits.len() as f64 / of as f64;
            let notable = of >= MIN_ENTRIES
                && hits.len() >= MIN_COUNT
                && rate >= overall_rate * MIN_LIFT
                && rate >= overall_rate + MIN_DIFFERENCE;
            if !notable {
                continue;
            }
            let message = message(w, kind, &name, state, hits.len(), of, overall_rate);
            found.push(CoOccurrence {
                kind,
                name,
                state,
                count: u32::try_from(hits.len()).unwrap_or(u32::MAX),
                of: u32::try_from(of).unwrap_or(u32::MAX),
                overall_count: u32::try_from(overall_count).unwrap_or(u32::MAX),
                overall_of: u32::try_from(overall_of).unwrap_or(u32::MAX),
                message,
                entries: hits,
            });
        }
    }
    // The clearest first: the biggest gap between the label's rate and the overall rate.
    let gap = |c: &CoOccurrence| {
        f64::from(c.count) / f64::from(c.of.max(1)) - f64::from(c.overall_count) / f64::from(c.overall_of.max(1))
    };
    found.sort_by(|a, b| gap(b).total_cmp(&gap(a)).then_with(|| b.count.cmp(&a.count)));
    found
}

fn message(w: &Words, kind: LabelKind, name: &str, state: State, count: usize, of: usize, overall: f64) -> String {
    let id = match state {
        State::LowMood => "cooccurrence-low-mood",
        State::GoodMood => "cooccurrence-good-mood",
        State::HighAlarm => "cooccurrence-high-alarm",
    };
    let kind = match kind {
        LabelKind::Tag => "tag",
        LabelKind::Person => "person",
    };
    let percent = (overall * 100.0).round();
    w.with(
        id,
        &[
            ("kind", kind.into()),
            ("name", name.into()),
            ("count", count.into()),
            ("of", of.into()),
            ("percent", percent.into()),
        ],
    )
}
