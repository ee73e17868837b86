//! Templates for free writing: a few starting texts a person keeps in the vault ("Morning
//! pages", "Three good things") and starts a new entry from.
//!
//! It owns the table `templates` and is the only module that runs SQL on it. Names are unique
//! per vault whatever their case, at most [`MAX_NAME_CHARS`] characters; a body is at most
//! [`MAX_BODY_BYTES`] and not empty. Text is stored in Unicode NFC, like entries.
//!
//! Starters ([`starters`]) are offered, never written on their own: a vault holds only the
//! templates its person chose to keep, and a starter not kept follows the language Attune speaks
//! (a seeded one would stay in the language of the day it was seeded). Starting an entry from a
//! starter writes nothing but the entry.
//!
//! ```no_run
//! # fn demo(session: &attune::Session) -> Result<(), attune::templates::TemplateError> {
//! let templates = session.templates();
//! templates.add("Evening", "What am I taking to bed tonight?")?;
//! assert_eq!(templates.get("evening")?.body, "What am I taking to bed tonight?");
//! # Ok(()) }
//! ```

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::i18n::Words;
use crate::journal::nfc;
use crate::time::{self, Clock, Timestamp};

/// The longest template name, in characters.
pub const MAX_NAME_CHARS: usize = 80;
/// The largest template body, in bytes of UTF-8 (a few pages of prompts).
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// What can go wrong with a template.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("no template named \"{name}\"")]
    NotFound { name: String },
    #[error("a template named \"{name}\" already exists; remove it first or choose another name")]
    NameTaken { name: String },
    #[error("template name \"{name}\" is not usable: {reason}")]
    BadName { name: String, reason: &'static str },
    #[error("template \"{name}\" has no text")]
    EmptyBody { name: String },
    #[error("template \"{name}\" is {size} bytes; a template is at most 16 KiB")]
    TooLarge { name: String, size: usize },
    #[error("stored template \"{name}\" is unreadable: {detail}")]
    CorruptRow { name: String, detail: String },
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
}

/// A template kept in the vault.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Template {
    pub name: String,
    pub body: String,
    pub updated_at: Timestamp,
}

/// A starting text Attune offers, in one language: `id` is the same in every language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Starter {
    pub id: String,
    pub name: String,
    pub body: String,
}

const STARTER_IDS: [&str; 3] = ["morning-pages", "three-good-things", "hard-conversation"];

/// The starters, in the language of `words` (from the core's Fluent catalogues).
pub fn starters(words: &Words) -> Vec<Starter> {
    STARTER_IDS
        .iter()
        .map(|id| Starter {
            id: (*id).to_owned(),
            name: words.get(&format!("template-{id}")),
            body: words.get(&format!("template-{id}-body")),
        })
        .collect()
}

/// The templates of an unlocked vault. Borrowed from [`crate::Session::templates`].
pub struct Templates<'v> {
    conn: &'v Connection,
    clock: &'v dyn Clock,
}

impl std::fmt::Debug for Templates<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Templates")
    }
}

impl<'v> Templates<'v> {
    pub(crate) fn new(conn: &'v Connection, clock: &'v dyn Clock) -> Self {
        Self { conn, clock }
    }

    /// Every template, by name (case ignored).
    pub fn list(&self) -> Result<Vec<Template>, TemplateError> {
        let mut stmt = self.conn.prepare_cached("SELECT name, body, updated_at FROM templates ORDER BY name")?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
        rows.map(|r| r.map_err(TemplateError::from).and_then(|(n, b, u)| read(n, b, u))).collect()
    }

    /// The template named `name` (case ignored).
    pub fn get(&self, name: &str) -> Result<Template, TemplateError> {
        let name = clean_name(name)?;
        let row: Option<(String, String, String)> = self
            .conn
            .prepare_cached("SELECT name, body, updated_at FROM templates WHERE name = ?1")?
            .query_row([&name], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .optional()?;
        let (n, b, u) = row.ok_or(TemplateError::NotFound { name })?;
        read(n, b, u)
    }

    /// Keeps a new template. Errors: [`TemplateError::NameTaken`], a bad name, an empty or
    /// too large body.
    pub fn add(&self, name: &str, body: &str) -> Result<Template, TemplateError> {
        let (name, body) = (clean_name(name)?, clean_body(name, body)?);
        let now = time::format(&self.clock.now());
        let inserted = self.conn.execute(
            "INSERT INTO templates (name, body, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
            params![name, body, now],
        );
        match inserted {
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => {
                Err(TemplateError::NameTaken { name })
            }
            other => {
                other?;
                self.get(&name)
            }
        }
    }

    /// Replaces the text of the template named `name`.
    pub fn replace(&self, name: &str, body: &str) -> Result<Template, TemplateError> {
        let (name, body) = (clean_name(name)?, clean_body(name, body)?);
        let now = time::format(&self.clock.now());
        let changed = self
            .conn
            .execute("UPDATE templates SET body = ?2, updated_at = ?3 WHERE name = ?1", params![name, body, now])?;
        if changed == 0 {
            return Err(TemplateError::NotFound { name });
        }
        self.get(&name)
    }

    /// Deletes the template named `name`; entries started from it are not touched.
    pub fn remove(&self, name: &str) -> Result<(), TemplateError> {
        let name = clean_name(name)?;
        if self.conn.execute("DELETE FROM templates WHERE name = ?1", [&name])? == 0 {
            return Err(TemplateError::NotFound { name });
        }
        Ok(())
    }

    /// The text to start an entry from: the vault's template named `name`, else the starter
    /// whose name (in `words`' language) or id is `name`.
    pub fn text_for(&self, name: &str, words: &Words) -> Result<String, TemplateError> {
        match self.get(name) {
            Ok(template) => Ok(template.body),
            Err(TemplateError::NotFound { name }) => starters(words)
                .into_iter()
                .find(|s| s.id == name || s.name.to_lowercase() == name.to_lowercase())
                .map(|s| s.body)
                .ok_or(TemplateError::NotFound { name }),
            Err(e) => Err(e),
        }
    }
}

fn read(name: String, body: String, updated_at: String) -> Result<Template, TemplateError> {
    let updated_at = time::parse_timestamp("updated_at", &updated_at)
        .map_err(|e| TemplateError::CorruptRow { name: name.clone(), detail: e.to_string() })?;
    Ok(Template { name, body, updated_at })
}

/// A name as stored: NFC, white space runs made one space.
fn clean_name(raw: &str) -> Result<String, TemplateError> {
    let name = nfc::nfc(raw).split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(TemplateError::BadName { name: raw.to_owned(), reason: "it is empty" });
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(TemplateError::BadName { name: raw.to_owned(), reason: "it is longer than 80 characters" });
    }
    Ok(name)
}

fn clean_body(name: &str, raw: &str) -> Result<String, TemplateError> {
    if raw.len() > MAX_BODY_BYTES {
        return Err(TemplateError::TooLarge { name: name.trim().to_owned(), size: raw.len() });
    }
    if raw.trim().is_empty() {
        return Err(TemplateError::EmptyBody { name: name.trim().to_owned() });
    }
    Ok(nfc::nfc_string(raw.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_starter() {
        for locale in crate::i18n::LOCALES {
            for starter in starters(&Words::new(locale)) {
                assert!(!starter.name.starts_with("template-"), "{locale} lacks the name of {}", starter.id);
                assert!(!starter.body.starts_with("template-"), "{locale} lacks the text of {}", starter.id);
                assert!(starter.body.len() <= MAX_BODY_BYTES, "{} fits a template", starter.id);
            }
        }
        let pt = starters(&Words::new("pt-BR"));
        assert_ne!(pt[0].name, starters(&Words::new("en"))[0].name, "starters are translated");
    }

    #[test]
    fn names_are_cleaned_and_checked() {
        assert_eq!(clean_name("  Morning   pages ").unwrap(), "Morning pages");
        assert!(matches!(clean_name(" "), Err(TemplateError::BadName { .. })));
        assert!(matches!(clean_name(&"x".repeat(81)), Err(TemplateError::BadName { .. })));
        assert!(matches!(clean_body("a", &"x".repeat(MAX_BODY_BYTES + 1)), Err(TemplateError::TooLarge { .. })));
        assert!(matches!(clean_body("a", " \n"), Err(TemplateError::EmptyBody { .. })));
    }
}

/// Sync's view of this table (`crate::sync`): a template as a row, keyed by its name.
pub(crate) mod replica {
    use rusqlite::{Connection, Transaction};

    use crate::sync::rows::{self, Row, RowError};

    const COLUMNS: &[&str] = &["name", "body", "created_at", "updated_at"];

    pub(crate) fn read(conn: &Connection, name: &str) -> Result<Option<Row>, RowError> {
        rows::read(conn, "SELECT name, body, created_at, updated_at FROM templates WHERE name = ?1", &[&name])
    }

    /// Writes the template, or with `None` removes it.
    pub(crate) fn write(tx: &Transaction<'_>, name: &str, row: Option<&Row>) -> Result<(), RowError> {
        match row {
            Some(row) => rows::upsert(tx, "templates", COLUMNS, &["name"], row),
            None => {
                tx.prepare_cached("DELETE FROM templates WHERE name = ?1")?.execute([name])?;
                Ok(())
            }
        }
    }

    pub(crate) fn keys(conn: &Connection) -> Result<Vec<String>, RowError> {
        let mut stmt = conn.prepare("SELECT name FROM templates ORDER BY id")?;
        let keys = stmt.query_map([], |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?;
        Ok(keys)
    }
}
