//! The journal's values: entries, drafts and edits, revisions, filters. Plain data with
//! validation; no SQL here.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::error::JournalError;
use crate::time::Timestamp;

/// An entry's public id: a UUID v7, so ids sort by creation time.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(type = "string"))]
#[serde(transparent)]
pub struct EntryId(Uuid);

impl EntryId {
    pub(crate) fn new() -> Self {
        Self(Uuid::now_v7())
    }

    /// An id made elsewhere: an importer's deterministic id, or one read from a file.
    pub(crate) fn from_uuid(uuid: Uuid) -> Self {
        Self(uuid)
    }

    pub fn as_uuid(&self) -> &Uuid {
        &self.0
    }
}

impl fmt::Display for EntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.hyphenated(), f)
    }
}

impl fmt::Debug for EntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EntryId({self})")
    }
}

impl FromStr for EntryId {
    type Err = JournalError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s.trim()).map(Self).map_err(|_| JournalError::BadId { text: s.to_owned() })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    Journal,
    Exercise,
}

impl EntryKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            EntryKind::Journal => "journal",
            EntryKind::Exercise => "exercise",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        match s {
            "journal" => Some(EntryKind::Journal),
            "exercise" => Some(EntryKind::Exercise),
            _ => None,
        }
    }
}

/// How the day felt, from 1 (very low) to 5 (very good).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(type = "number"))]
#[serde(try_from = "u8", into = "u8")]
pub struct Mood(u8);

impl Mood {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 5;

    pub fn value(self) -> u8 {
        self.0
    }

    pub fn label(self) -> &'static str {
        match self.0 {
            1 => "very low",
            2 => "low",
            3 => "steady",
            4 => "good",
            _ => "very good",
        }
    }
}

impl TryFrom<u8> for Mood {
    type Error = JournalError;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        if (Self::MIN..=Self::MAX).contains(&value) {
            Ok(Mood(value))
        } else {
            Err(JournalError::BadMood { value: i64::from(value) })
        }
    }
}

impl TryFrom<i64> for Mood {
    type Error = JournalError;
    fn try_from(value: i64) -> Result<Self, Self::Error> {
        u8::try_from(value).map_err(|_| JournalError::BadMood { value }).and_then(Mood::try_from)
    }
}

impl From<Mood> for u8 {
    fn from(m: Mood) -> u8 {
        m.0
    }
}

/// Which exercise pack, at which version, an exercise entry answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExerciseRef {
    pub id: String,
    pub version: String,
}

/// A whole entry, as `show` displays it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Entry {
    pub id: EntryId,
    pub kind: EntryKind,
    pub exercise: Option<ExerciseRef>,
    pub title: String,
    pub body: String,
    pub answers: Option<serde_json::Value>,
    pub mood: Option<Mood>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub local_day: NaiveDate,
    pub deleted_at: Option<Timestamp>,
    pub tags: Vec<String>,
    pub people: Vec<String>,
    /// Set by a merge from another computer that wants the person to look (`edited_on_both`:
    /// the other text is in the history; `edit_kept_over_delete`), until the next edit.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub sync_conflict: Option<String>,
}

/// One line of a listing: no body, a short excerpt instead.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EntrySummary {
    pub id: EntryId,
    pub kind: EntryKind,
    pub exercise_id: Option<String>,
    pub title: String,
    pub excerpt: String,
    pub created_at: Timestamp,
    pub local_day: NaiveDate,
    pub mood: Option<Mood>,
    pub tags: Vec<String>,
    pub people: Vec<String>,
}

/// A new entry, before it is saved.
#[derive(Clone, Debug, Default)]
pub struct NewEntry {
    pub exercise: Option<ExerciseRef>,
    pub title: String,
    pub body: String,
    pub answers: Option<serde_json::Value>,
    pub mood: Option<Mood>,
    pub tags: Vec<String>,
    pub people: Vec<String>,
    /// When it happened; now if `None`.
    pub created_at: Option<Timestamp>,
}

impl NewEntry {
    pub fn kind(&self) -> EntryKind {
        if self.exercise.is_some() { EntryKind::Exercise } else { EntryKind::Journal }
    }
}

/// A change to an entry; `None` leaves a field as it is.
#[derive(Clone, Debug, Default)]
pub struct EntryEdit {
    pub title: Option<String>,
    pub body: Option<String>,
    pub answers: Option<Option<serde_json::Value>>,
    pub mood: Option<Option<Mood>>,
    pub tags: Option<Vec<String>>,
    pub people: Option<Vec<String>>,
    /// Moves the entry to another moment (with the offset it is read in). The version with the
    /// earlier date is kept in the history. Refused before 1900 or more than a day ahead.
    pub created_at: Option<Timestamp>,
}

/// Who is saving, which decides how many earlier versions are kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveMode {
    /// A deliberate edit: the version it replaces is always kept.
    Edit,
    /// The editor saving while the person types: the replaced version is kept only when the
    /// last kept version (or the entry's creation) is older than
    /// [`super::AUTOSAVE_REVISION_INTERVAL`], so one sitting does not leave a revision per
    /// keystroke. An editor sends its first save after opening an entry as [`SaveMode::Edit`].
    Autosave,
}

/// An earlier version of an entry.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Revision {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub answers: Option<serde_json::Value>,
    pub mood: Option<Mood>,
    /// When this version was written.
    pub saved_at: Timestamp,
    /// When a newer version replaced it.
    pub replaced_at: Timestamp,
    /// The entry's date while this version was current.
    pub created_at: Timestamp,
    /// Set when the save that replaced this version moved the entry to another date: the date
    /// it moved to. The date it moved from is `created_at`.
    pub moved_to: Option<Timestamp>,
}

/// Which entries to list.
#[derive(Clone, Debug, Default)]
pub struct ListFilter {
    /// First local day, inclusive.
    pub from: Option<NaiveDate>,
    /// Last local day, inclusive.
    pub to: Option<NaiveDate>,
    pub tag: Option<String>,
    pub person: Option<String>,
    pub kind: Option<EntryKind>,
    /// List the trash instead of the journal.
    pub trashed: bool,
    /// At most this many (default 50, at most 1000).
    pub limit: Option<u32>,
    /// Continue after this position of a previous page.
    pub after: Option<Cursor>,
}

/// A position in the newest-first order, for keyset paging.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Cursor {
    pub(crate) created_utc: i64,
    pub(crate) seq: i64,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Page {
    pub items: Vec<EntrySummary>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<Cursor>,
}

/// A person in the register.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Person {
    pub name: String,
    #[serde(default)]
    pub relationship: String,
    #[serde(default)]
    pub archived: bool,
}

/// A tag or person with how many entries carry it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NameCount {
    pub name: String,
    pub entries: u64,
}

pub(crate) const MAX_NAME_CHARS: usize = 80;

/// Trims a tag, drops a leading `#`, folds inner white space; refuses empty or overlong names.
pub(crate) fn clean_tag(raw: &str) -> Result<String, JournalError> {
    clean_name(raw.trim().trim_start_matches('#'), "tag")
}

pub(crate) fn clean_person(raw: &str) -> Result<String, JournalError> {
    clean_name(raw, "person")
}

/// A tag's or person's name as stored: in Unicode NFC (see [`super::nfc`]), white space runs
/// made one space.
fn clean_name(raw: &str, what: &'static str) -> Result<String, JournalError> {
    let name = super::nfc::nfc(raw).split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(JournalError::BadName { what, name: raw.to_owned(), reason: "it is empty" });
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(JournalError::BadName { what, name: raw.to_owned(), reason: "it is longer than 80 characters" });
    }
    Ok(name)
}

/// The words a person wrote in an exercise, one per line: what search sees of it. Choice ids,
/// checklist marks and check-in numbers are left out (they would match every search for "yes"),
/// and so are stored scores, which are Attune's words, not the person's.
pub(crate) fn answers_text(answers: Option<&serde_json::Value>) -> String {
    const NOT_WRITTEN: [&str; 9] =
        ["scores", "checklist", "single", "multiple", "checkin", "scale", "grounding", "outcome", "on"];
    fn walk(value: &serde_json::Value, out: &mut String) {
        match value {
            serde_json::Value::String(s) if !s.trim().is_empty() => {
                out.push_str(s);
                out.push('\n');
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            serde_json::Value::Object(map) => {
                map.iter().filter(|(k, _)| !NOT_WRITTEN.contains(&k.as_str())).for_each(|(_, v)| walk(v, out))
            }
            _ => {}
        }
    }
    let mut out = String::new();
    if let Some(value) = answers {
        walk(value, &mut out);
    }
    out
}

/// The start of a body, on one line, cut at a word boundary: for lists.
pub(crate) fn excerpt(body: &str, max_chars: usize) -> String {
    let flat = body
        .lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if flat.chars().count() <= max_chars {
        return flat;
    }
    let cut: String = flat.chars().take(max_chars).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head).trim_end();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("  #Family ", "Family")]
    #[case("after  the\tretreat", "after the retreat")]
    fn tags_are_cleaned(#[case] raw: &str, #[case] expected: &str) {
        assert_eq!(clean_tag(raw).unwrap(), expected);
    }

    #[rstest]
    #[case("#")]
    #[case("   ")]
    fn empty_tags_are_refused(#[case] raw: &str) {
        assert!(matches!(clean_tag(raw), Err(JournalError::BadName { what: "tag", .. })));
    }

    #[rstest]
    #[case(0, false)]
    #[case(1, true)]
    #[case(5, true)]
    #[case(6, false)]
    #[case(-3, false)]
    fn mood_range_is_one_to_five(#[case] value: i64, #[case] ok: bool) {
        assert_eq!(Mood::try_from(value).is_ok(), ok, "mood {value}");
    }

    #[test]
    fn answers_text_collects_what_was_written_and_nothing_else() {
        let answers = serde_json::json!({
            "answers": {
                "moment": {"text": "first"},
                "practice": {"commitment": {"intention": "second", "review_after_days": 7}},
                "who": {"person": "Sam"},
                "time": {"checklist": {"rest": "yes"}},
                "mood": {"single": "option-id"},
            },
            "scores": [{"label": "Time", "band_words": "often stretched thin"}],
        });
        let text = answers_text(Some(&answers));
        for word in ["first", "second", "Sam"] {
            assert!(text.contains(word), "{word} missing from {text:?}");
        }
        for noise in ["yes", "option-id", "stretched", "Time"] {
            assert!(!text.contains(noise), "{noise} should not be searchable: {text:?}");
        }
    }

    #[test]
    fn excerpt_flattens_and_cuts_on_a_word() {
        let body = "# A heading\n\nSome words that go on for a while";
        assert_eq!(excerpt(body, 100), "A heading Some words that go on for a while");
        assert_eq!(excerpt(body, 20), "A heading Some…");
    }
}
