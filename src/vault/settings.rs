//! The vault's `settings` table: a few named values the vault and the app keep inside the
//! encrypted database (the vault's id, when the last automatic backup ran, the integration
//! plan).
//!
//! This module is the only one that runs SQL on `settings`. Keys are a closed enum, so no caller
//! can invent or misspell one; values are text (JSON where they have structure), and their
//! meaning belongs to the module that reads them. It must not interpret values, and never
//! builds SQL from them (bound parameters only).

use rusqlite::{Connection, OptionalExtension, params};

/// A value the vault keeps. The string form is the stored key and must never change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Setting {
    /// The vault's UUID, written at creation and compared with the key file's on every open.
    VaultId,
    /// RFC 3339 time of the last automatic backup (for display).
    LastAutoBackup,
    /// The integration plan, as JSON (see `exercises::plan`).
    IntegrationPlan,
}

impl Setting {
    fn key(self) -> &'static str {
        match self {
            Setting::VaultId => "vault_id",
            Setting::LastAutoBackup => "last_auto_backup",
            Setting::IntegrationPlan => "integration.plan",
        }
    }
}

/// The settings of one open vault, borrowed from its connection.
#[derive(Clone, Copy)]
pub(crate) struct Settings<'c> {
    conn: &'c Connection,
}

impl std::fmt::Debug for Settings<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Settings")
    }
}

impl<'c> Settings<'c> {
    pub(crate) fn new(conn: &'c Connection) -> Self {
        Self { conn }
    }

    /// The stored value, or `None` when it was never set.
    ///
    /// # Errors
    /// The database's error; callers wrap it in their own error type with the vault's path.
    pub(crate) fn get(&self, setting: Setting) -> rusqlite::Result<Option<String>> {
        self.conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([setting.key()], |row| row.get(0))
            .optional()
    }

    /// Keeps `value` for `setting`, replacing any earlier one; `None` removes it.
    ///
    /// # Errors
    /// The database's error.
    pub(crate) fn set(&self, setting: Setting, value: Option<&str>) -> rusqlite::Result<()> {
        match value {
            Some(value) => self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![setting.key(), value],
            )?,
            None => self.conn.execute("DELETE FROM settings WHERE key = ?1", [setting.key()])?,
        };
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_kept_replaced_and_removed() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;").unwrap();
        let settings = Settings::new(&conn);
        assert_eq!(settings.get(Setting::IntegrationPlan).unwrap(), None);
        settings.set(Setting::IntegrationPlan, Some("{\"a\":1}")).unwrap();
        settings.set(Setting::IntegrationPlan, Some("{\"a\":2}")).unwrap();
        assert_eq!(settings.get(Setting::IntegrationPlan).unwrap().as_deref(), Some("{\"a\":2}"));
        assert_eq!(settings.get(Setting::LastAutoBackup).unwrap(), None, "keys do not mix");
        settings.set(Setting::IntegrationPlan, None).unwrap();
        assert_eq!(settings.get(Setting::IntegrationPlan).unwrap(), None);
    }

    #[test]
    fn stored_keys_keep_their_spelling() {
        // Existing vaults hold these exact keys.
        assert_eq!(Setting::VaultId.key(), "vault_id");
        assert_eq!(Setting::LastAutoBackup.key(), "last_auto_backup");
        assert_eq!(Setting::IntegrationPlan.key(), "integration.plan");
    }
}
