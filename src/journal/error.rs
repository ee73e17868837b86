//! What can go wrong reading or writing the journal.

use rusqlite::ErrorCode;

#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    /// A row from another computer's change file that cannot be written here.
    #[error("a change from another computer cannot be applied: {detail}")]
    Replica { detail: String },
    #[error("no entry with id {id}")]
    NotFound { id: String },
    #[error("\"{text}\" is not an entry id")]
    BadId { text: String },
    #[error("id prefix \"{prefix}\" matches more than one entry; give more characters")]
    AmbiguousId { prefix: String },
    #[error("entry {id} is in the trash; restore it first")]
    InTrash { id: String },
    #[error("entry {id} is not in the trash")]
    NotInTrash { id: String },
    #[error("entry {id} has no revision {revision}")]
    NoSuchRevision { id: String, revision: i64 },
    #[error("mood must be between 1 and 5, got {value}")]
    BadMood { value: i64 },
    #[error("{what} name \"{name}\" is not usable: {reason}")]
    BadName { what: &'static str, name: String, reason: &'static str },
    #[error("{date} is before 1900; give the date the entry is about")]
    DateTooEarly { date: String },
    #[error("{date} is more than a day after now ({now}); an entry's date cannot be in the future")]
    DateInFuture { date: String, now: String },
    #[error("an entry needs a title, some text or answers")]
    EmptyEntry,
    #[error("nothing to search for in \"{query}\"")]
    EmptyQuery { query: String },
    #[error("a journal entry cannot carry answers; only an exercise entry can")]
    AnswersWithoutExercise,
    #[error("an exercise entry needs its exercise (id and version), and a journal entry may not have one")]
    ExerciseMismatch,
    #[error(
        "pack {id} version {version} is already in the vault with different content; give the new one another version"
    )]
    PackVersionTaken { id: String, version: String },
    #[error("an entry with id {id} already exists")]
    DuplicateId { id: String },
    #[error("stored entry {id} is unreadable: {detail}")]
    CorruptRow { id: String, detail: String },
    #[error("the vault's database is damaged: {0}; run `attune doctor`")]
    Damaged(String),
    #[error("the vault is busy in another window or process; try again")]
    Busy,
    /// SQLite could not grow the database or its log. The transaction was rolled back, so
    /// everything saved before is intact.
    #[error("the disk is full: this was not saved (everything saved before is safe); free some space and save again")]
    DiskFull,
    #[error("database error: {0}")]
    Database(rusqlite::Error),
}

impl From<rusqlite::Error> for JournalError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => JournalError::Damaged(e.to_string()),
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => JournalError::Busy,
            Some(ErrorCode::DiskFull) => JournalError::DiskFull,
            _ => JournalError::Database(e),
        }
    }
}
