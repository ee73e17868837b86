//! Calm and tense around each person: what the body noted before and after meeting them.
//!
//! The measure is written so anyone can redo it: for one check-in, *ease* is the mean of the
//! answered safety dimensions (calm, relaxed, safe) and *alarm* the mean of the answered alarm
//! dimensions (anxious, tense, obsessive), both divided by 4 so they run 0–1. The check-in is
//! **calm** when ease is above alarm, **tense** when alarm is above ease, and **mixed** when
//! they are equal; it needs at least one dimension of each kind. A meeting **eased** when
//! alarm minus ease went down from before to after by at least one step of the scale (0.25),
//! and **stirred** when it went up by as much.
//!
//! This describes how meetings land in the person writing, never the other person.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::sessions::Practice;
use crate::exercises::{Answer, CHECKIN_MAX, CheckIn, ContactContext, Dimension, StepKind};
use crate::i18n::Words;
use crate::journal::EntryId;

/// One step on the 0–4 check-in scale, as a fraction.
const ONE_STEP: f64 = 1.0 / CHECKIN_MAX as f64;

/// Which way one check-in leaned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum BodyState {
    Calm,
    Tense,
    Mixed,
}

/// One check-in's ease and alarm, 0–1 each.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Reading {
    pub ease: f64,
    pub alarm: f64,
    pub state: BodyState,
}

impl Reading {
    /// `None` unless at least one safety and one alarm dimension were answered.
    pub fn of(checkin: &CheckIn) -> Option<Reading> {
        let mean = |alarm: bool| {
            let values: Vec<f64> = Dimension::ALL
                .into_iter()
                .filter(|d| d.is_alarm() == alarm)
                .filter_map(|d| checkin.get(d))
                .map(|v| f64::from(v.min(CHECKIN_MAX)) / f64::from(CHECKIN_MAX))
                .collect();
            (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
        };
        let (ease, alarm) = (mean(false)?, mean(true)?);
        let state = if ease > alarm {
            BodyState::Calm
        } else if alarm > ease {
            BodyState::Tense
        } else {
            BodyState::Mixed
        };
        Some(Reading { ease, alarm, state })
    }
}

/// One meeting: the check-in before and the one after, whichever were done.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ContactPoint {
    pub day: NaiveDate,
    pub entry_id: EntryId,
    pub before: Option<Reading>,
    pub after: Option<Reading>,
}

/// Entries whose check-in leaned each way.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StateCounts {
    pub calm: Vec<EntryId>,
    pub tense: Vec<EntryId>,
    pub mixed: Vec<EntryId>,
}

impl StateCounts {
    fn add(&mut self, reading: Option<&Reading>, id: EntryId) {
        match reading.map(|r| r.state) {
            Some(BodyState::Calm) => self.calm.push(id),
            Some(BodyState::Tense) => self.tense.push(id),
            Some(BodyState::Mixed) => self.mixed.push(id),
            None => {}
        }
    }

    fn total(&self) -> usize {
        self.calm.len() + self.tense.len() + self.mixed.len()
    }
}

/// Calm-versus-tense signals around one person.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ContactSignals {
    pub person: String,
    /// Oldest first.
    pub points: Vec<ContactPoint>,
    pub before: StateCounts,
    pub after: StateCounts,
    /// Meetings after which alarm-minus-ease was at least one step lower than before…
    pub eased: Vec<EntryId>,
    /// …or at least one step higher.
    pub stirred: Vec<EntryId>,
    /// A tentative sentence.
    pub message: String,
    pub entries: Vec<EntryId>,
}

pub(crate) fn signals(practices: &[Practice<'_>], w: &Words) -> Vec<ContactSignals> {
    let mut by_person: BTreeMap<String, Vec<ContactPoint>> = BTreeMap::new();
    for practice in practices {
        let (Some(person), Some(pack)) = (&practice.person, practice.pack) else { continue };
        let reading = |context: ContactContext| {
            pack.steps().iter().filter(|s| matches!(s.kind, StepKind::CheckIn { context: c } if c == context)).find_map(
                |s| match practice.answers.get(s.id.as_str()) {
                    Some(Answer::Checkin(checkin)) => Reading::of(checkin),
                    _ => None,
                },
            )
        };
        let (before, after) = (reading(ContactContext::BeforeContact), reading(ContactContext::AfterContact));
        if before.is_none() && after.is_none() {
            continue;
        }
        let point = ContactPoint { day: practice.entry.local_day, entry_id: practice.entry.id, before, after };
        by_person.entry(person.clone()).or_default().push(point);
    }
    by_person
        .into_iter()
        .map(|(person, points)| {
            let (mut before, mut after) = (StateCounts::default(), StateCounts::default());
            let (mut eased, mut stirred) = (Vec::new(), Vec::new());
            for point in &points {
                before.add(point.before.as_ref(), point.entry_id);
                after.add(point.after.as_ref(), point.entry_id);
                if let (Some(b), Some(a)) = (&point.before, &point.after) {
                    let shift = (a.alarm - a.ease) - (b.alarm - b.ease);
                    // A hair of tolerance: one step is 0.25 exactly, in floating point too.
                    if shift <= -ONE_STEP + 1e-9 {
                        eased.push(point.entry_id);
                    } else if shift >= ONE_STEP - 1e-9 {
                        stirred.push(point.entry_id);
                    }
                }
            }
            let message = message(w, &person, &before, &after, eased.len(), stirred.len());
            let entries = points.iter().map(|p| p.entry_id).collect();
            ContactSignals { person, points, before, after, eased, stirred, message, entries }
        })
        .collect()
}

fn message(w: &Words, person: &str, before: &StateCounts, after: &StateCounts, eased: usize, stirred: usize) -> String {
    let mut parts = Vec::new();
    if after.total() > 0 {
        parts.push(w.with(
            "contact-after",
            &[
                ("person", person.into()),
                ("meetings", after.total().into()),
                ("calm", after.calm.len().into()),
                ("tense", after.tense.len().into()),
            ],
        ));
    }
    if before.total() > 0 {
        parts
            .push(w.with("contact-before", &[("calm", before.calm.len().into()), ("meetings", before.total().into())]));
    }
    if eased + stirred > 0 {
        parts.push(w.with("contact-shift", &[("eased", eased.into()), ("stirred", stirred.into())]));
    }
    parts.push(w.with("contact-not-a-judgement", &[("person", person.into())]));
    parts.join(" ")
}
