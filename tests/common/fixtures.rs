//! Vaults and entries for the integration tests of the core, so a new test is a few lines: a
//! vault whose clock is fixed, an exercise recorded on a given day, a note with its mood, tags
//! and people; the same vault as a session. Every vault uses the test passphrase and the cheapest allowed key derivation.

use std::path::Path;

use attune::exercises::{self, Answer, Answers, Catalogue, StepId};
use attune::journal::{Entry, Journal, NewEntry};
use attune::time::{FixedClock, Timestamp, parse_timestamp};
use attune::{Credential, KdfChoice, KdfParams, Mood, Passphrase, Session, Vault};
use chrono::{DateTime, NaiveDate};

/// The passphrase every test vault is made with.
pub fn pass() -> Passphrase {
    Passphrase::new(super::PASS.to_owned())
}

/// A clock that always says `now` (RFC 3339).
pub fn clock(now: &str) -> Box<FixedClock> {
    Box::new(FixedClock(DateTime::parse_from_rfc3339(now).unwrap()))
}

/// A new vault in `dir` whose clock always says `now` (RFC 3339).
pub fn vault_at(dir: &Path, now: &str) -> Vault {
    Vault::create_with_clock(dir, &pass(), KdfChoice::Fixed(KdfParams::MINIMUM), clock(now)).unwrap().0
}

/// A new vault in `dir` whose clock always says `now`, as the session both front ends use.
pub fn session_at(dir: &Path, now: &str) -> Session {
    Session::from(vault_at(dir, now))
}

/// The vault in `dir`, unlocked again with a clock that says `now`.
pub fn reopen_at(dir: &Path, now: &str) -> Vault {
    Vault::open_with_clock(dir, Credential::Passphrase(&pass()), clock(now)).unwrap()
}

/// A day written `YYYY-MM-DD`.
pub fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// A step id.
pub fn step(id: &str) -> StepId {
    StepId::try_from(id).unwrap()
}

/// `day` (`YYYY-MM-DD`) at `time` (`HH:MM:SS`) in UTC+2, as an entry's creation time.
pub fn on(day: &str, time: &str) -> Option<Timestamp> {
    Some(parse_timestamp("test", &format!("{day}T{time}+02:00")).unwrap())
}

/// Records a run of the built-in pack `pack` with these answers (step id, answer), created at
/// `created_at` (the vault's clock when `None`).
pub fn record(journal: &Journal<'_>, pack: &str, created_at: Option<Timestamp>, answers: &[(&str, Answer)]) -> Entry {
    let catalogue = Catalogue::builtin().unwrap();
    let mut all = Answers::new();
    for (id, answer) in answers {
        all.insert(step(id), answer.clone());
    }
    exercises::record(journal, catalogue.get(pack).unwrap(), &all, created_at).unwrap().0
}

/// What a note holds besides its time; `Note { body: "…", ..Note::default() }`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Note<'a> {
    pub title: &'a str,
    pub body: &'a str,
    /// 1 to 5.
    pub mood: Option<u8>,
    pub tags: &'a [&'a str],
    pub people: &'a [&'a str],
}

/// Writes a journal note created at `created_at` (the vault's clock when `None`).
pub fn note(journal: &Journal<'_>, created_at: Option<Timestamp>, note: Note<'_>) -> Entry {
    journal
        .create(NewEntry {
            title: note.title.to_owned(),
            body: note.body.to_owned(),
            mood: note.mood.map(|m| Mood::try_from(m).unwrap()),
            tags: note.tags.iter().map(|t| (*t).to_owned()).collect(),
            people: note.people.iter().map(|p| (*p).to_owned()).collect(),
            created_at,
            ..NewEntry::default()
        })
        .unwrap()
}
