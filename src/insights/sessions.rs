//! Exercise entries read once for every insight: the pack they answer, their answers, the
//! scores stored with them and whom they were about.

use crate::exercises::{Answers, Catalogue, Pack, ScoreResult};
use crate::journal::{Entry, EntryKind};

/// One completed exercise.
pub(crate) struct Practice<'a> {
    pub entry: &'a Entry,
    pub pack_id: &'a str,
    /// The pack as this vault knows it now; `None` if it is no longer there.
    pub pack: Option<&'a Pack>,
    /// The stored answers; empty when they no longer read.
    pub answers: Answers,
    /// The scores stored when the exercise was saved: what the person saw then.
    pub scores: Vec<ScoreResult>,
    /// Whom the session was about: the pack's person step, else the entry's only person.
    pub person: Option<String>,
}

impl Practice<'_> {
    /// The pack's title now, or the entry's (the title when it was saved).
    pub fn pack_title(&self) -> String {
        self.pack.map_or_else(|| self.entry.title.clone(), |p| p.title().to_owned())
    }
}

/// The exercise entries of `entries`, oldest first.
pub(crate) fn practices<'a>(entries: &'a [Entry], catalogue: &'a Catalogue) -> Vec<Practice<'a>> {
    entries
        .iter()
        .filter(|e| e.kind == EntryKind::Exercise)
        .filter_map(|entry| {
            let pack_id = entry.exercise.as_ref()?.id.as_str();
            let pack = catalogue.get(pack_id);
            let stored = entry.answers.as_ref();
            let answers = stored.and_then(|a| a.get("answers")).and_then(|a| Answers::from_json(a).ok());
            let scores = stored
                .and_then(|a| a.get("scores"))
                .and_then(|s| serde_json::from_value::<Vec<ScoreResult>>(s.clone()).ok())
                .unwrap_or_default();
            let answers = answers.unwrap_or_default();
            let person =
                pack.and_then(|p| answers.person(p).map(str::to_owned)).or_else(|| match entry.people.as_slice() {
                    [only] => Some(only.clone()),
                    _ => None,
                });
            Some(Practice { entry, pack_id, pack, answers, scores, person })
        })
        .collect()
}
