//! Exercise entries read once for every insight: the pack they answer, their answers, the
//! scores stored with them and whom they were about.

use serde::Deserialize;

use crate::exercises::{Answers, Catalogue, Pack, ScoreResult};
use crate::journal::{Entry, EntryKind, Scanned};

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

    /// A stored score's label and band words as the pack says them now, in the language it is
    /// read in (so a session answered in English reads in Portuguese once the person switches);
    /// the words stored with the entry when the pack no longer has that score.
    pub fn score_words(&self, result: &ScoreResult) -> (String, String) {
        match self.pack.and_then(|p| p.score(result.id.as_str())) {
            Some(score) => (score.label.clone(), score.band_words(result.fraction).to_owned()),
            None => (result.label.clone(), result.band_words.clone()),
        }
    }
}

/// What an exercise entry stores.
#[derive(Deserialize)]
struct Stored {
    #[serde(default)]
    answers: Answers,
    #[serde(default)]
    scores: Vec<ScoreResult>,
}

/// The answers and scores of a stored document, each left empty if it does not read. One typed
/// parse in the usual case; the two parts separately only when one of them is damaged.
pub(crate) fn stored(text: Option<&str>) -> (Answers, Vec<ScoreResult>) {
    let Some(text) = text else { return Default::default() };
    if let Ok(stored) = serde_json::from_str::<Stored>(text) {
        return (stored.answers, stored.scores);
    }
    let value: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    let answers = value.get("answers").and_then(|a| Answers::from_json(a).ok()).unwrap_or_default();
    let scores = value.get("scores").and_then(|s| Vec::<ScoreResult>::deserialize(s).ok()).unwrap_or_default();
    (answers, scores)
}

/// The exercise entries of `entries`, oldest first.
pub(crate) fn practices<'a>(entries: &'a [Scanned], catalogue: &'a Catalogue) -> Vec<Practice<'a>> {
    entries
        .iter()
        .filter(|s| s.entry.kind == EntryKind::Exercise)
        .filter_map(|scanned| {
            let entry = &scanned.entry;
            let pack_id = entry.exercise.as_ref()?.id.as_str();
            let pack = catalogue.get(pack_id);
            let (answers, scores) = stored(scanned.answers.as_deref());
            let person =
                pack.and_then(|p| answers.person(p).map(str::to_owned)).or_else(|| match entry.people.as_slice() {
                    [only] => Some(only.clone()),
                    _ => None,
                });
            Some(Practice { entry, pack_id, pack, answers, scores, person })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_part_of_the_stored_answers_leaves_the_other_readable() {
        let good_scores = r#"{"answers": {"x": {"nonsense": 1}}, "scores": [{"id": "ease", "label": "Ease", "value": 3, "max": 4, "fraction": 0.75, "band_words": "w", "answered": 1, "items": 1}]}"#;
        let (answers, scores) = stored(Some(good_scores));
        assert!(answers.is_empty(), "the unreadable answers are left empty");
        assert_eq!(scores.len(), 1, "the scores still read");
        assert_eq!(stored(Some("not json")).1, []);
        assert!(stored(None).0.is_empty());
    }
}
