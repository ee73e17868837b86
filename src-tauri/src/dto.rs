//! What the commands take and return beyond the core's own types. Exported to TypeScript.

use attune::journal::{EntrySummary, SearchOrder, SnippetPart};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum VaultPresence {
    Missing,
    Locked,
    Unlocked,
}

#[derive(Clone, Debug, Serialize, TS)]
pub struct AppStatus {
    pub vault: VaultPresence,
    pub vault_dir: String,
    pub keyring_enabled: bool,
    /// Whether the keyring may open the vault now: only once, as the app starts. After any lock
    /// the passphrase (or the recovery phrase) is needed.
    pub keyring_unlock: bool,
    /// The vault's files that others on this computer could read (empty while locked, and
    /// when all is private); the app warns about each.
    pub exposed: Vec<String>,
    /// Whether `ATTUNE_VAULT` fixes the folder (the first-run screen then offers no choice).
    pub vault_dir_fixed: bool,
    /// An interrupted key replacement was finished at unlock: the recovery phrase made for it
    /// was never shown, so Settings offers a new one.
    pub recovery_phrase_unseen: bool,
    /// The system's language as the OS reports it to the app (e.g. "pt-BR"; `LANGUAGE`,
    /// `LC_ALL`, `LC_MESSAGES`, `LANG` on Linux), or null. The page puts it before
    /// `navigator.languages`, which WebKitGTK takes from the C library's locale and so reports
    /// English when that locale is not installed.
    pub system_language: Option<String>,
}

#[derive(Clone, Debug, Deserialize, TS)]
pub struct CreateVaultRequest {
    pub passphrase: String,
    /// Whether to use the folder chosen with `choose_vault_folder`; else the platform's data
    /// folder.
    pub in_chosen_folder: bool,
    pub keyring: bool,
}

/// No `Clone` or `Debug`: the words are a secret, and are wiped when this is dropped.
#[derive(Serialize, TS)]
pub struct CreatedVault {
    /// The 24 recovery words, shown once.
    pub recovery_words: Vec<String>,
    /// Why the keyring could not be used, when it was asked for and is unavailable.
    pub keyring_note: Option<String>,
}

impl Drop for CreatedVault {
    /// The words are wiped once they have been sent to the page.
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.recovery_words);
    }
}

#[derive(Clone, Debug, Default, Deserialize, TS)]
#[serde(default)]
pub struct ListRequest {
    pub from: Option<String>,
    pub to: Option<String>,
    pub tag: Option<String>,
    pub person: Option<String>,
    pub trashed: bool,
    pub limit: Option<u32>,
    pub after: Option<attune::journal::Cursor>,
}

/// The vault's templates and the starters Attune offers, in the language it speaks now.
#[derive(Clone, Debug, Serialize, TS)]
pub struct TemplatesView {
    pub templates: Vec<attune::templates::Template>,
    pub starters: Vec<attune::templates::Starter>,
}

#[derive(Clone, Debug, Serialize, TS)]
pub struct DayCount {
    pub day: String,
    pub count: u32,
}

/// Everything the editor shows, saved as a whole.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct EntryContent {
    pub title: String,
    pub body: String,
    pub mood: Option<u8>,
    pub tags: Vec<String>,
    pub people: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize, TS)]
#[serde(default)]
pub struct SearchRequest {
    pub text: String,
    pub limit: Option<u32>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub tag: Option<String>,
    pub person: Option<String>,
}

#[derive(Clone, Debug, Serialize, TS)]
pub struct SearchView {
    pub order: SearchOrder,
    pub hits: Vec<HitView>,
}

#[derive(Clone, Debug, Serialize, TS)]
pub struct HitView {
    pub entry: EntrySummary,
    pub snippet: Vec<SnippetPart>,
    pub rank: u32,
}

#[derive(Clone, Debug, Serialize, TS)]
pub struct PersonView {
    pub name: String,
    pub relationship: String,
    pub archived: bool,
    pub entries: u64,
}

/// A new recovery phrase, after the key or the phrase was replaced; shown once.
#[derive(Clone, Debug, Serialize, TS)]
pub struct NewRecoveryPhrase {
    pub recovery_words: Vec<String>,
}

#[derive(Clone, Debug, Deserialize, TS)]
pub struct ChangePassphraseRequest {
    pub current: String,
    pub new: String,
}

#[derive(Clone, Debug, Deserialize, TS)]
pub struct ReviewRequest {
    pub entry_id: String,
    pub step_id: String,
    pub outcome: attune::exercises::Outcome,
    /// The new words, when adjusted.
    pub intention: Option<String>,
    #[serde(default)]
    pub note: String,
}

/// A backup written and verified.
#[derive(Clone, Debug, Serialize, TS)]
pub struct BackupView {
    /// The backup file's name (the page is never given a path).
    pub name: String,
    pub entries: u64,
    pub bytes: u64,
}

#[derive(Clone, Debug, Serialize, TS)]
pub struct HealthView {
    pub healthy: bool,
    pub checks: Vec<CheckView>,
}

#[derive(Clone, Debug, Serialize, TS)]
pub struct CheckView {
    pub name: String,
    pub problems: Vec<String>,
}

/// Restoring the backup chosen with `choose_restore_file` into a new vault: with the backup's
/// passphrase, or with its recovery phrase and a new passphrase.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct RestoreRequest {
    /// Whether the vault goes in an `Attune` folder inside the one chosen with
    /// `choose_restore_folder`; else the platform's vault folder.
    pub in_chosen_folder: bool,
    pub passphrase: Option<String>,
    pub phrase: Option<String>,
    pub new_passphrase: Option<String>,
}

/// What an import reads: one file, or a folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ImportSource {
    File,
    Folder,
}

/// Automatic backups: where, how many are kept, the last one, and why the last try failed.
#[derive(Clone, Debug, Serialize, TS)]
pub struct BackupStatus {
    pub folder: Option<String>,
    pub keep: u32,
    pub last: Option<attune::time::Timestamp>,
    pub problem: Option<String>,
}

/// Sync between computers, for Settings.
#[derive(Clone, Debug, Serialize, TS)]
pub struct SyncView {
    /// Where sync stands; null when this vault is not linked to a sync folder.
    pub status: Option<attune::sync::SyncStatus>,
    /// Why the last exchange failed (in the background or with "Sync now"), until one works.
    pub problem: Option<String>,
    /// The sync tool that manages a folder holding the vault's own folder, when there is one:
    /// the live vault should not be in it.
    pub inside: Option<SyncedFolder>,
}

/// A folder that a sync tool (Syncthing, Dropbox, Nextcloud, iCloud Drive) keeps in step.
#[derive(Clone, Debug, Serialize, TS)]
pub struct SyncedFolder {
    pub tool: String,
    pub folder: String,
}

/// Joining the journal in the sync folder chosen with `choose_join_folder`: with its
/// passphrase, or with its recovery phrase. No `Clone` or `Debug`: both are secrets, wiped
/// when this is dropped.
#[derive(Deserialize, TS)]
pub struct JoinRequest {
    pub passphrase: Option<String>,
    pub phrase: Option<String>,
}

impl Drop for JoinRequest {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.passphrase);
        zeroize::Zeroize::zeroize(&mut self.phrase);
    }
}
