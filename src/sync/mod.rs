//! Two or more computers, one journal: encrypted change files in a folder that a sync engine
//! (Syncthing, or Nextcloud, Dropbox, iCloud Drive) carries between them.
//!
//! A vault is *linked* to a sync folder ([`link`]); a second computer *joins* it
//! ([`join`]) with the same passphrase or the recovery phrase, and starts from everything the
//! others wrote. From then on each exchange ([`exchange`]) does, in one transaction:
//!
//! 1. the key slots: a passphrase changed here is published to the folder; one changed on
//!    another computer (authenticated with the vault's key) is taken here;
//! 2. out: what changed here since the last exchange (the triggers of migration 12 note each
//!    record in `sync_outbox`) is stamped with this computer's hybrid logical clock and written
//!    as a new numbered change file in this computer's own subfolder;
//! 3. in: every other computer's change files not merged yet are opened, in order, and merged
//!    (`changes::apply`); a file that does not open (still arriving, cut short, damaged) stops
//!    that computer's files for now and is retried next time, never applied in part.
//!
//! Why hybrid logical clocks with per-record last-writer-wins and kept revisions, rather than a
//! CRDT engine such as Automerge: Attune's records are whole documents a person writes, not
//! shared text edited keystroke by keystroke, and its rule for a clash is "keep both, show the
//! later, let the person look", which revisions already express. A record-level merge keeps the
//! vault's own tables the only copy of the data (a CRDT document would be a second, growing
//! copy of every word to keep encrypted and in step), and it is a few hundred lines that the
//! tests walk case by case. The clock is Kulkarni et al.'s HLC ("Logical Physical Clocks",
//! 2014) packed in one integer: wall-clock milliseconds, moved past any stamp seen.
//!
//! The live database never goes into the sync folder; [`inside_synced_folder`] tells when a
//! vault's own folder sits in one a known sync tool manages.

mod changes;
mod files;
pub(crate) mod rows;

use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};
use serde::Serialize;
use uuid::Uuid;

pub use changes::{Received, SyncConflict};
use files::{ChangeFile, DeviceNote, Folder, LinkFile};

use crate::journal::JournalError;
use crate::time;
use crate::vault::{Credential, Vault, VaultError};

/// How many changes one change file holds at most.
const CHANGES_PER_FILE: usize = 2000;
/// About how many bytes of JSON one change file holds before the next is started.
const BYTES_PER_FILE: usize = 8 * 1024 * 1024;

/// What can go wrong while syncing.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("this vault is not linked to a sync folder; link it with attune sync link FOLDER")]
    NotLinked,
    #[error("this vault is already linked to {}; unlink it first", folder.display())]
    AlreadyLinked { folder: PathBuf },
    #[error("this vault is linked to the sync folder {}: a new key would cut it off from the other computers; unlink it on every computer (attune sync unlink), replace the key, then link and join again", folder.display())]
    LinkedKeyReplacement { folder: PathBuf },
    #[error("the sync folder {} cannot be reached (is the drive or share mounted?)", folder.display())]
    FolderMissing { folder: PathBuf },
    #[error("{} belongs to another vault; to make this computer's vault from it, use attune sync join", folder.display())]
    OtherVault { folder: PathBuf },
    #[error("{} holds no Attune vault to join (no {} in it)", folder.display(), files::LINK_FILE)]
    NothingToJoin { folder: PathBuf },
    #[error("{} is not authentic: it was not written with this vault's key", path.display())]
    NotAuthentic { path: PathBuf },
    #[error("the vault folder {} is inside the sync folder {}; keep the vault outside it (only change files go there)", vault.display(), folder.display())]
    VaultInsideFolder { vault: PathBuf, folder: PathBuf },
    #[error("{} is not a valid sync file: {detail}", path.display())]
    Malformed { path: PathBuf, detail: String },
    #[error("{} was written by a newer Attune (format {found}; this one reads up to {supported})", path.display())]
    TooNew { path: PathBuf, found: u32, supported: u32 },
    #[error("a change to {kind} {key} from computer {device} cannot be merged: {detail}")]
    Apply { device: Uuid, kind: &'static str, key: String, detail: String },
    #[error("{} exists already; change files are never rewritten", path.display())]
    Exists { path: PathBuf },
    #[error("cannot read or write {}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("no randomness from the system: {0}")]
    Random(String),
    #[error(transparent)]
    Vault(#[from] VaultError),
    #[error(transparent)]
    Journal(#[from] JournalError),
    #[error("the vault's database: {0}")]
    Database(#[from] rusqlite::Error),
}

impl From<rows::RowError> for SyncError {
    fn from(e: rows::RowError) -> Self {
        SyncError::Journal(e.into())
    }
}

/// What one exchange did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SyncReport {
    pub sent: Sent,
    pub received: Received,
    /// Entries marked for a look; each one's other text is in its history.
    pub conflicts: Vec<SyncConflict>,
    /// Change files that could not be opened yet (retried at the next exchange).
    pub waiting: Vec<Waiting>,
    /// `published` when this computer's passphrase or recovery phrase went to the folder,
    /// `taken` when another computer's came here; absent when neither.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub keys: Option<String>,
}

/// What this computer wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Sent {
    pub changes: u64,
    pub files: u64,
    /// Bytes of the change files written.
    pub bytes: u64,
}

/// A change file that did not open.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Waiting {
    pub device: String,
    pub device_name: String,
    pub file: String,
    pub reason: String,
}

/// Where sync stands, for the app's status line and `attune sync status`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SyncStatus {
    pub folder: String,
    pub device_id: String,
    pub device_name: String,
    /// RFC 3339; absent before the first exchange.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub last_sync: Option<String>,
    /// Records changed here and not yet written out.
    pub pending: u64,
    pub devices: Vec<DeviceStatus>,
}

/// Another computer of the same vault.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeviceStatus {
    pub id: String,
    pub name: String,
    /// RFC 3339: when it last exchanged changes, as it said in its device file.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub last_seen: Option<String>,
    /// Its change files present in the folder and not merged here yet.
    pub waiting_files: u64,
}

struct Link {
    folder: PathBuf,
    device: Uuid,
    name: String,
    clock: i64,
    next_file: u64,
    keys_stamp: i64,
}

fn read_link(conn: &rusqlite::Connection) -> Result<Option<Link>, SyncError> {
    Ok(conn
        .query_row("SELECT folder, device_id, device_name, clock, next_file, keys_stamp FROM sync_link", [], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get(3)?, r.get::<_, i64>(4)?, r.get(5)?))
        })
        .optional()?
        .map(|(folder, device, name, clock, next_file, keys_stamp)| Link {
            folder: PathBuf::from(folder),
            device: Uuid::parse_str(&device).unwrap_or_default(),
            name,
            clock,
            next_file: u64::try_from(next_file).unwrap_or(1),
            keys_stamp,
        }))
}

/// Whether the vault is linked, and to which folder.
pub fn linked_folder(vault: &Vault) -> Result<Option<PathBuf>, SyncError> {
    Ok(read_link(vault.journal().store())?.map(|l| l.folder))
}

fn wall_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// This computer's name as others will see it: the host name, else "this computer".
pub fn default_device_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "this computer".into())
}

fn absolute(path: &Path) -> Result<PathBuf, SyncError> {
    std::path::absolute(path).map_err(|source| SyncError::Io { path: path.to_owned(), source })
}

fn check_outside(vault: &Vault, folder: &Path) -> Result<(), SyncError> {
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_owned());
    let (vault_dir, folder) = (canonical(vault.dir()), canonical(folder));
    if vault_dir.starts_with(&folder) || folder.starts_with(&vault_dir) {
        return Err(SyncError::VaultInsideFolder { vault: vault_dir, folder });
    }
    Ok(())
}

fn write_tx(vault: &Vault) -> Result<Transaction<'_>, SyncError> {
    Ok(Transaction::new_unchecked(vault.journal().store(), TransactionBehavior::Immediate)?)
}

/// Links `vault` to `folder` (made if missing), naming this computer `name`, and writes
/// everything the vault holds there as this computer's first change files. A folder that
/// already holds this vault's files (linked from another computer, then unlinked here) is
/// joined as it is; one holding another vault is refused.
pub fn link(vault: &mut Vault, folder: &Path, name: &str) -> Result<SyncReport, SyncError> {
    let folder = absolute(folder)?;
    if let Some(link) = read_link(vault.journal().store())? {
        return Err(SyncError::AlreadyLinked { folder: link.folder });
    }
    std::fs::create_dir_all(&folder).map_err(|source| SyncError::Io { path: folder.clone(), source })?;
    check_outside(vault, &folder)?;
    if let Some(existing) = LinkFile::read(&folder)?
        && existing.vault_id != vault.id()
    {
        return Err(SyncError::OtherVault { folder });
    }
    {
        let tx = write_tx(vault)?;
        tx.execute(
            "INSERT INTO sync_link (one, folder, device_id, device_name, linked_at) VALUES (1, ?1, ?2, ?3, ?4)",
            params![folder.to_string_lossy(), Uuid::now_v7().to_string(), name, time::format(&vault.clock().now())],
        )?;
        changes::queue_everything(&tx, wall_ms())?;
        tx.commit()?;
    }
    exchange(vault)
}

/// Makes this computer's vault in `dir` from the sync folder `folder`, opened with `credential`
/// (the passphrase or the recovery phrase of the vault there), links it, and merges every
/// change the other computers wrote. Returns the vault unlocked.
pub fn join(
    folder: &Path,
    dir: &Path,
    credential: Credential<'_>,
    name: &str,
    clock: Box<dyn time::Clock>,
) -> Result<(Vault, SyncReport), SyncError> {
    let folder = absolute(folder)?;
    if !folder.is_dir() {
        return Err(SyncError::FolderMissing { folder });
    }
    let link_file = LinkFile::read(&folder)?.ok_or_else(|| SyncError::NothingToJoin { folder: folder.clone() })?;
    let origin = folder.join(files::LINK_FILE);
    let mut vault = Vault::join(dir, &origin, &link_file.keys, credential, clock)?;
    if !link_file.authentic(&vault.sync_key()) {
        // Slots that open with this passphrase but were not published by a holder of the key
        // cannot happen by accident; leave nothing behind.
        drop(vault);
        let _ = std::fs::remove_dir_all(dir);
        return Err(SyncError::NotAuthentic { path: origin });
    }
    check_outside(&vault, &folder)?;
    {
        let tx = write_tx(&vault)?;
        tx.execute(
            "INSERT INTO sync_link (one, folder, device_id, device_name, keys_stamp, linked_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5)",
            params![
                folder.to_string_lossy(),
                Uuid::now_v7().to_string(),
                name,
                link_file.stamp,
                time::format(&vault.clock().now())
            ],
        )?;
        tx.commit()?;
    }
    let report = exchange(&mut vault)?;
    Ok((vault, report))
}

/// Forgets the link: this computer stops writing and reading change files. The folder and
/// its files are left as they are (other computers may still use them).
pub fn unlink(vault: &Vault) -> Result<(), SyncError> {
    let tx = write_tx(vault)?;
    if tx.execute("DELETE FROM sync_link", [])? == 0 {
        return Err(SyncError::NotLinked);
    }
    tx.execute_batch("DELETE FROM sync_outbox; DELETE FROM sync_versions; DELETE FROM sync_devices;")?;
    tx.commit()?;
    Ok(())
}

/// Exchanges changes with the sync folder now: see the module documentation for the steps.
pub fn exchange(vault: &mut Vault) -> Result<SyncReport, SyncError> {
    let Some(mut link) = read_link(vault.journal().store())? else { return Err(SyncError::NotLinked) };
    if !link.folder.is_dir() {
        return Err(SyncError::FolderMissing { folder: link.folder });
    }
    let folder = Folder::new(link.folder.clone(), vault.id(), vault.sync_key());
    // 1. The key slots, outside the database transaction (they live in vault.keys).
    let mut report = SyncReport { keys: exchange_keys(vault, &folder, &mut link)?, ..SyncReport::default() };

    let now = vault.clock().now();
    let tx = write_tx(vault)?;

    // 2. Out, a file at a time.
    let mut number = link.next_file.max(folder.last_number(link.device)? + 1);
    let mut batch: Vec<changes::Change> = Vec::new();
    let mut batch_bytes = 0usize;
    let mut write_batch = |batch: &mut Vec<changes::Change>, report: &mut SyncReport| -> Result<(), SyncError> {
        if batch.is_empty() {
            return Ok(());
        }
        let file = ChangeFile { changes: std::mem::take(batch) };
        report.sent.bytes += folder.write_changes(link.device, number, &file)?;
        report.sent.changes += file.changes.len() as u64;
        report.sent.files += 1;
        number += 1;
        Ok(())
    };
    changes::take_outgoing(&tx, link.device, &mut link.clock, |change| {
        batch_bytes += change.row.as_ref().map_or(64, |r| serde_json::to_string(r).map_or(64, |s| s.len()));
        batch.push(change);
        if batch.len() >= CHANGES_PER_FILE || batch_bytes >= BYTES_PER_FILE {
            batch_bytes = 0;
            write_batch(&mut batch, &mut report)?;
        }
        Ok(())
    })?;
    write_batch(&mut batch, &mut report)?;
    link.next_file = number;

    // 3. In: every change but the files' bytes is gathered and merged in stamp order; photos
    // and files (immutable, merged last-writer-wins) are read again file by file afterwards, so
    // at most one change file of them is in memory at once.
    let mut incoming = Vec::new();
    let mut opened: Vec<(Uuid, u64)> = Vec::new();
    let mut applied_to: Vec<(Uuid, u64, Option<DeviceNote>)> = Vec::new();
    for device in folder.devices(link.device)? {
        let applied: u64 = tx
            .query_row("SELECT applied FROM sync_devices WHERE device_id = ?1", [device.to_string()], |r| {
                r.get::<_, i64>(0)
            })
            .optional()?
            .map_or(0, |n| u64::try_from(n).unwrap_or(0));
        let note = folder.read_note(device);
        let mut last = applied;
        loop {
            match folder.read_changes(device, last + 1) {
                Ok(Some(file)) => {
                    incoming.extend(
                        file.changes.into_iter().filter(|c| c.device == device && c.kind != changes::Kind::Attachment),
                    );
                    last += 1;
                    opened.push((device, last));
                }
                Ok(None) => break,
                Err(reason) => {
                    report.waiting.push(Waiting {
                        device: device.to_string(),
                        device_name: note.as_ref().map(|n| n.name.clone()).unwrap_or_default(),
                        file: folder.change_path(device, last + 1).display().to_string(),
                        reason: reason.to_string(),
                    });
                    break;
                }
            }
        }
        applied_to.push((device, last, note));
    }
    incoming.sort_by_key(changes::Change::order);
    tx.execute("INSERT INTO sync_applying (one) VALUES (1)", [])?;
    for change in &incoming {
        link.clock = link.clock.max(change.at);
        changes::apply(&tx, change, &now, &mut report.received, &mut report.conflicts).map_err(|e| {
            SyncError::Apply {
                device: change.device,
                kind: change.kind.as_str(),
                key: change.key.clone(),
                detail: e.to_string(),
            }
        })?;
    }
    for (device, number) in opened {
        let file = folder.read_changes(device, number).map_err(|reason| SyncError::Malformed {
            path: folder.change_path(device, number),
            detail: reason.to_string(),
        })?;
        for change in file.into_iter().flat_map(|f| f.changes) {
            if change.device == device && change.kind == changes::Kind::Attachment {
                link.clock = link.clock.max(change.at);
                changes::apply(&tx, &change, &now, &mut report.received, &mut report.conflicts).map_err(|e| {
                    SyncError::Apply {
                        device: change.device,
                        kind: change.kind.as_str(),
                        key: change.key.clone(),
                        detail: e.to_string(),
                    }
                })?;
            }
        }
    }
    tx.execute("DELETE FROM sync_applying", [])?;
    for (device, last, note) in &applied_to {
        tx.execute(
            "INSERT INTO sync_devices (device_id, name, applied, last_seen) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (device_id) DO UPDATE SET applied = excluded.applied,
                 name = coalesce(nullif(excluded.name, ''), name), last_seen = coalesce(excluded.last_seen, last_seen)",
            params![
                device.to_string(),
                note.as_ref().map(|n| n.name.clone()).unwrap_or_default(),
                i64::try_from(*last).unwrap_or(i64::MAX),
                note.as_ref().map(|n| n.last_sync.clone())
            ],
        )?;
    }
    let last_sync = time::format(&now);
    tx.execute(
        "UPDATE sync_link SET clock = ?1, next_file = ?2, keys_stamp = ?3, last_sync = ?4",
        params![link.clock, i64::try_from(link.next_file).unwrap_or(i64::MAX), link.keys_stamp, last_sync],
    )?;
    folder.write_note(link.device, &DeviceNote { name: link.name.clone(), last_sync, files: link.next_file - 1 })?;
    tx.commit()?;
    Ok(report)
}

/// Publishes this computer's key slots, or takes the folder's, whichever changed last.
fn exchange_keys(vault: &mut Vault, folder: &Folder, link: &mut Link) -> Result<Option<String>, SyncError> {
    let published = LinkFile::read(&folder.root)?;
    let origin = folder.root.join(files::LINK_FILE);
    let ours = vault.shared_keys()?;
    match published {
        Some(file) if file.vault_id != vault.id() => Err(SyncError::OtherVault { folder: folder.root.clone() }),
        Some(file) if !file.authentic(folder.key()) => Err(SyncError::NotAuthentic { path: origin }),
        Some(file) if !vault.shared_keys_differ(&origin, &file.keys)? => {
            link.keys_stamp = link.keys_stamp.max(file.stamp);
            Ok(None)
        }
        Some(file) if file.stamp > link.keys_stamp => {
            // Changed on another computer since we last agreed: take it.
            vault.adopt_shared_keys(&origin, &file.keys)?;
            link.keys_stamp = file.stamp;
            Ok(Some("taken".into()))
        }
        existing => {
            // Never published, or changed here: publish ours.
            link.clock = (link.clock + 1).max(wall_ms());
            link.keys_stamp = link.clock;
            LinkFile::new(vault.id(), ours, link.keys_stamp, link.device, folder.key()).write(&folder.root)?;
            Ok(existing.map(|_| "published".into()))
        }
    }
}

/// Where sync stands: the folder, this computer, what waits to go out, and the others.
pub fn status(vault: &Vault) -> Result<SyncStatus, SyncError> {
    let conn = vault.journal().store();
    let Some(link) = read_link(conn)? else { return Err(SyncError::NotLinked) };
    let pending: i64 = conn.query_row("SELECT count(*) FROM sync_outbox", [], |r| r.get(0))?;
    let last_sync: Option<String> = conn.query_row("SELECT last_sync FROM sync_link", [], |r| r.get(0))?;
    let folder = Folder::new(link.folder.clone(), vault.id(), vault.sync_key());
    let reachable = link.folder.is_dir();
    let mut devices = Vec::new();
    let mut known: Vec<(String, String, i64, Option<String>)> = {
        let mut stmt =
            conn.prepare("SELECT device_id, name, applied, last_seen FROM sync_devices ORDER BY device_id")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<Result<_, _>>()?
    };
    if reachable {
        for device in folder.devices(link.device)? {
            if !known.iter().any(|k| k.0 == device.to_string()) {
                known.push((device.to_string(), String::new(), 0, None));
            }
        }
    }
    for (id, name, applied, last_seen) in known {
        let uuid = Uuid::parse_str(&id).unwrap_or_default();
        let note = if reachable { folder.read_note(uuid) } else { None };
        let present = if reachable { folder.last_number(uuid)? } else { 0 };
        devices.push(DeviceStatus {
            name: note.as_ref().map_or(name, |n| n.name.clone()),
            last_seen: note.map(|n| n.last_sync).or(last_seen),
            waiting_files: present.saturating_sub(u64::try_from(applied).unwrap_or(0)),
            id,
        });
    }
    Ok(SyncStatus {
        folder: link.folder.display().to_string(),
        device_id: link.device.to_string(),
        device_name: link.name,
        last_sync,
        pending: u64::try_from(pending).unwrap_or(0),
        devices,
    })
}

/// The sync tool that manages a folder holding `dir`, when one is recognised: Syncthing (a
/// `.stfolder` marker), Dropbox (`.dropbox`), Nextcloud or ownCloud (`.sync_*.db`), or iCloud
/// Drive (a `Mobile Documents` folder). The live database must not sit in such a folder: two
/// computers writing it would corrupt it.
pub fn inside_synced_folder(dir: &Path) -> Option<(&'static str, PathBuf)> {
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_owned());
    for ancestor in dir.ancestors() {
        if ancestor.join(".stfolder").exists() {
            return Some(("Syncthing", ancestor.to_owned()));
        }
        if ancestor.join(".dropbox").exists() || ancestor.join(".dropbox.cache").exists() {
            return Some(("Dropbox", ancestor.to_owned()));
        }
        if ancestor.file_name().is_some_and(|n| n == "Mobile Documents") {
            return Some(("iCloud Drive", ancestor.to_owned()));
        }
        let nextcloud = std::fs::read_dir(ancestor).ok().is_some_and(|read| {
            read.filter_map(|e| e.ok()).any(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                (name.starts_with(".sync_") && name.ends_with(".db")) || name == ".owncloudsync.log"
            })
        });
        if nextcloud {
            return Some(("Nextcloud", ancestor.to_owned()));
        }
    }
    None
}

/// Takes migration 12 away again, for the tests that rebuild an older schema.
#[cfg(test)]
pub(crate) fn undo_migration(conn: &rusqlite::Connection) {
    let triggers: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync\\_%' ESCAPE '\\'")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .unwrap_or_default();
    for trigger in triggers {
        conn.execute_batch(&format!("DROP TRIGGER {trigger};")).ok();
    }
    conn.execute_batch(
        "DROP TABLE sync_link; DROP TABLE sync_outbox; DROP TABLE sync_versions; DROP TABLE sync_devices;
         DROP TABLE sync_applying; ALTER TABLE entries DROP COLUMN sync_conflict;",
    )
    .ok();
}
