//! Score trends: each score of each pack over time, as the person saw it when they saved.
//!
//! A pack about one person (it has a person step) gets one series per person: mixing how two
//! relationships feel into one line would describe neither.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::Change;
use super::sessions::Practice;
use crate::journal::EntryId;

/// One session's value of one score.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScorePoint {
    pub day: NaiveDate,
    pub entry_id: EntryId,
    pub value: u32,
    pub max: u32,
    /// `value / max`, 0–1.
    pub fraction: f64,
    pub band_words: String,
}

/// One score of one pack (and one person, for packs about a person) over time.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScoreTrend {
    pub pack_id: String,
    pub pack_title: String,
    pub score_id: String,
    pub label: String,
    pub person: Option<String>,
    /// Oldest first.
    pub points: Vec<ScorePoint>,
    /// From [`super::MIN_POINTS_FOR_CHANGE`] points on.
    pub change: Option<Change>,
    pub entries: Vec<EntryId>,
}

/// Every score series in `practices`, by pack title, person and the pack's score order.
pub(crate) fn score_trends(practices: &[Practice<'_>]) -> Vec<ScoreTrend> {
    // (pack title, pack id, person, position of the score in the pack, score id)
    type Key = (String, String, Option<String>, usize, String);
    let mut series: BTreeMap<Key, ScoreTrend> = BTreeMap::new();
    for practice in practices {
        let title = practice.pack_title();
        for result in &practice.scores {
            let position =
                practice.pack.and_then(|p| p.scores().iter().position(|s| s.id == result.id)).unwrap_or(usize::MAX);
            let key = (
                title.clone(),
                practice.pack_id.to_owned(),
                practice.person.clone(),
                position,
                result.id.as_str().to_owned(),
            );
            let (label, band_words) = practice.score_words(result);
            let trend = series.entry(key).or_insert_with(|| ScoreTrend {
                pack_id: practice.pack_id.to_owned(),
                pack_title: title.clone(),
                score_id: result.id.as_str().to_owned(),
                label: label.clone(),
                person: practice.person.clone(),
                points: Vec::new(),
                change: None,
                entries: Vec::new(),
            });
            // The newest label wins, in case the pack renamed the score.
            trend.label = label;
            trend.points.push(ScorePoint {
                day: practice.entry.local_day,
                entry_id: practice.entry.id,
                value: result.value,
                max: result.max,
                fraction: result.fraction,
                band_words,
            });
            trend.entries.push(practice.entry.id);
        }
    }
    let packs: BTreeMap<&str, &Practice<'_>> = practices.iter().map(|p| (p.pack_id, p)).collect();
    series
        .into_values()
        .map(|mut trend| {
            let fractions: Vec<f64> = trend.points.iter().map(|p| p.fraction).collect();
            let score = packs.get(trend.pack_id.as_str()).and_then(|p| p.pack).and_then(|p| p.score(&trend.score_id));
            trend.change = Change::of(&fractions, |f| score.map(|s| s.band_words(f).to_owned()).unwrap_or_default());
            trend
        })
        .collect()
}
