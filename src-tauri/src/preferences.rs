//! The app's preferences: how it looks and when it locks. Not secret and never entry text, so
//! they live in a small JSON file in the app's config folder and apply before unlocking.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum TextSize {
    Small,
    #[default]
    Medium,
    Large,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Preferences {
    pub theme: Theme,
    pub text_size: TextSize,
    /// Lock after this many minutes without input; 0 turns auto-lock off.
    pub auto_lock_minutes: u32,
    /// Ask the OS to keep the window's content out of screenshots and screen sharing (macOS and
    /// Windows; Linux offers no such control).
    pub protect_screen: bool,
    /// A daily reminder at this local time ("HH:MM"), shown while Attune is open; `None` for
    /// no reminder. The reminder says only that a check-in is waiting, never anything written.
    pub reminder_time: Option<String>,
    /// Start Attune, locked and with no window, when the person logs in (so the reminder can
    /// come); mirrored into the OS login items by `startup`.
    pub open_at_login: bool,
    /// Where automatic backups go (at most one a day, when the vault locks); `None` for none.
    pub backup_folder: Option<String>,
    /// How many automatic backups to keep.
    pub backup_keep: u32,
    /// The country whose crisis lines the help panel shows (two letters, e.g. "BR"); defaults
    /// from the system locale, `None` for the international directory.
    pub help_country: Option<String>,
    /// The UI language: "en", "pt-BR" or "es"; `None` follows the system's languages. An unknown
    /// tag in the file reads as `None`.
    pub language: Option<String>,
    /// Underline misspelt words while writing, in the UI's language and the others Attune
    /// speaks (see `spelling`). On by default.
    pub spell_check: bool,
    /// A vault folder the person chose at first run; `None` for the platform's data folder.
    #[ts(skip)]
    pub vault_dir: Option<PathBuf>,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            theme: Theme::System,
            text_size: TextSize::Medium,
            auto_lock_minutes: 10,
            protect_screen: true,
            reminder_time: None,
            open_at_login: false,
            backup_folder: None,
            backup_keep: 10,
            help_country: locale_country(),
            language: None,
            spell_check: true,
            vault_dir: None,
        }
    }
}

pub const MAX_AUTO_LOCK_MINUTES: u32 = 24 * 60;

/// The languages Attune speaks (the UI's `ui/src/locales/*.json` and the core's
/// `locales/*/attune.ftl`), as `Preferences::language` takes them.
pub const LANGUAGES: [&str; 3] = attune::i18n::LOCALES;

/// The country of the system locale, as POSIX systems give it (`LC_ALL`, then `LC_MESSAGES`,
/// then `LANG`, e.g. `pt_BR.UTF-8`); on other systems, or with `C`, none.
fn locale_country() -> Option<String> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .and_then(|locale| attune::help::country_from_locale(&locale))
}

impl Preferences {
    /// The language Attune speaks: the one chosen in Settings, else the system's (resolved to
    /// one Attune has, English when it has none), one of [`LANGUAGES`].
    pub fn locale(&self) -> &'static str {
        self.language.as_deref().map_or_else(attune::i18n::system_locale, attune::i18n::resolve)
    }

    /// Reads the file; a missing or unreadable one gives the defaults (and says so in the log).
    /// A language the UI does not speak (from a newer or hand-edited file) reads as `None`.
    pub fn load(path: &Path) -> Self {
        let mut prefs: Self = match std::fs::read_to_string(path) {
            Ok(text) => serde_json::from_str(&text).unwrap_or_else(|e| {
                log::warn!("preferences file is not valid ({e}); using defaults");
                Self::default()
            }),
            Err(_) => Self::default(),
        };
        if prefs.language.as_deref().is_some_and(|tag| !LANGUAGES.contains(&tag)) {
            log::warn!("unknown UI language in the preferences; following the system");
            prefs.language = None;
        }
        prefs
    }

    /// Writes the file (making its folder if missing) through [`attune::private_file`]:
    /// atomically and readable only by the person.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let text = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        attune::private_file::write(path, text.as_bytes()).map_err(attune::private_file::PrivateFileError::into_io)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_file_falls_back_to_defaults_and_a_saved_one_loads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("preferences.json");
        std::fs::write(&path, "{ not json").unwrap();
        assert_eq!(Preferences::load(&path), Preferences::default());
        let prefs = Preferences { theme: Theme::Dark, auto_lock_minutes: 3, ..Preferences::default() };
        prefs.save(&path).unwrap();
        assert_eq!(Preferences::load(&path), prefs);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1, "no temporary file is left beside the preferences: {names:?}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "the preferences (which name the vault's folder) are owner-only");
        }
    }

    #[test]
    fn a_file_written_before_the_help_country_keeps_its_settings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("preferences.json");
        std::fs::write(&path, r#"{"theme":"dark","auto_lock_minutes":5}"#).unwrap();
        let prefs = Preferences::load(&path);
        assert_eq!((prefs.theme, prefs.auto_lock_minutes), (Theme::Dark, 5));
        assert_eq!(prefs.help_country, locale_country(), "the country comes from the system locale");
        let chosen = Preferences { help_country: Some("BR".into()), ..prefs };
        chosen.save(&path).unwrap();
        assert_eq!(Preferences::load(&path).help_country.as_deref(), Some("BR"), "a chosen country is kept");
    }

    #[test]
    fn a_known_language_is_kept_and_an_unknown_one_follows_the_system() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("preferences.json");
        std::fs::write(&path, r#"{"theme":"dark"}"#).unwrap();
        assert_eq!(Preferences::load(&path).language, None, "a file from before the language follows the system");
        assert!(Preferences::load(&path).spell_check, "a file from before the spell check setting has it on");
        let chosen = Preferences { language: Some("pt-BR".into()), ..Preferences::default() };
        chosen.save(&path).unwrap();
        assert_eq!(Preferences::load(&path).language.as_deref(), Some("pt-BR"));
        std::fs::write(&path, r#"{"language":"tlh"}"#).unwrap();
        assert_eq!(Preferences::load(&path).language, None);
    }
}
