//! The packs' own pattern rules that fired, over the same sessions
//! [`crate::exercises::patterns`] looks at, read from the entries already in hand instead of
//! one query per session.

use serde::Serialize;

use super::sessions::Practice;
use crate::exercises::{Catalogue, Session, evaluate_patterns};
use crate::journal::EntryId;

/// How many of a pack's newest sessions the rules look at: as in `exercises::patterns`, eight
/// times the widest rule's window (rules by person need more), and at least fifty.
fn window(widest: usize) -> usize {
    widest.saturating_mul(8).max(50)
}

/// A pack's pattern rule that fired.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PatternInsight {
    pub pack_id: String,
    pub pack_title: String,
    /// The rule's id.
    pub pattern: String,
    pub score_id: String,
    pub person: Option<String>,
    /// How many sessions showed it…
    pub count: u32,
    /// …of how many looked at.
    pub of: u32,
    /// The pack's tentative message, filled in.
    pub message: String,
    /// The sessions that showed it, newest first.
    pub entries: Vec<EntryId>,
}

pub(crate) fn fired(practices: &[Practice<'_>], catalogue: &Catalogue) -> Vec<PatternInsight> {
    let mut out = Vec::new();
    for pack in catalogue.packs() {
        let Some(widest) = pack.patterns().iter().map(|r| usize::from(r.of_last)).max() else { continue };
        let sessions: Vec<Session> = practices
            .iter()
            .rev()
            .filter(|p| p.pack_id == pack.id().as_str())
            .take(window(widest))
            .map(|p| Session {
                id: p.entry.id.to_string(),
                person: p.answers.person(pack).map(str::to_owned),
                scores: p.scores.clone(),
            })
            .collect();
        for fired in evaluate_patterns(pack, &sessions) {
            out.push(PatternInsight {
                pack_id: pack.id().as_str().to_owned(),
                pack_title: pack.title().to_owned(),
                pattern: fired.pattern,
                score_id: fired.score.as_str().to_owned(),
                person: fired.person,
                count: u32::try_from(fired.count).unwrap_or(u32::MAX),
                of: u32::try_from(fired.of).unwrap_or(u32::MAX),
                message: fired.message,
                entries: fired.sessions.iter().filter_map(|id| id.parse().ok()).collect(),
            });
        }
    }
    out
}
