//! Changes: what one computer did to one record, stamped by its hybrid logical clock; how they
//! are gathered from the vault, and how another computer's are merged in.
//!
//! Every record is one of a few kinds, each keyed the same way on every computer (an entry by
//! its UUID, a person or template by name, a revision by its entry and time). A change carries
//! the record's whole row as it stands (or `null`: it is gone), its stamp, the computer that
//! made it and, for entries, the stamps of the versions it replaced (its lineage).
//!
//! The merge is last-writer-wins by (stamp, device) for everything but entries, whose texts
//! are never dropped: an incoming version that descends from ours replaces it; one that ours
//! descends from is already known; any other was written without knowing ours, and then the
//! later of the two is current and the other is kept in the entry's history, with the entry
//! marked so the person can look. An edit beats a deletion made without knowing it. Every
//! computer reaches the same result from the same changes, in any order of arrival.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use super::SyncError;
use super::rows::Row;
use crate::journal::replica as journal;
use crate::time::Timestamp;
use crate::vault::settings::{Setting, Settings};

/// How many earlier stamps an entry's version remembers.
const LINEAGE: usize = 64;

/// What a change is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Kind {
    Entry,
    Person,
    Template,
    Setting,
    Pack,
    PackTranslation,
    Revision,
    Attachment,
    /// A kind from a newer Attune: passed over.
    #[serde(other)]
    Unknown,
}

impl Kind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Kind::Entry => "entry",
            Kind::Person => "person",
            Kind::Template => "template",
            Kind::Setting => "setting",
            Kind::Pack => "pack",
            Kind::PackTranslation => "pack_translation",
            Kind::Revision => "revision",
            Kind::Attachment => "attachment",
            Kind::Unknown => "unknown",
        }
    }

    fn parse(text: &str) -> Kind {
        serde_json::from_value(Value::from(text)).unwrap_or(Kind::Unknown)
    }

    /// Records that hang on an entry come after the entries of the same exchange.
    pub(crate) fn pass(self) -> u8 {
        u8::from(matches!(self, Kind::Revision | Kind::Attachment))
    }
}

/// One change, as it travels.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Change {
    pub(crate) kind: Kind,
    pub(crate) key: String,
    /// Hybrid logical clock: Unix milliseconds, never behind a stamp the writer had seen.
    pub(crate) at: i64,
    pub(crate) device: Uuid,
    /// The versions this one replaced, as (stamp, device tag) pairs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) lineage: Vec<Stamp>,
    pub(crate) row: Option<Row>,
}

impl Change {
    /// The order changes are merged in: entries first, then by stamp and computer.
    pub(crate) fn order(&self) -> (u8, i64, Uuid) {
        (self.kind.pass(), self.at, self.device)
    }
}

/// One version of a record, everywhere the same: its clock reading and a tag of the computer
/// that wrote it (the last 32 bits of the device id, which are random), so that two computers'
/// versions made in the same millisecond are still told apart.
pub(crate) type Stamp = (i64, u32);

/// The tag of a device in a [`Stamp`].
pub(crate) fn tag(device: Uuid) -> u32 {
    let bytes = device.as_bytes();
    u32::from_be_bytes([bytes[12], bytes[13], bytes[14], bytes[15]])
}

/// The stamp of a record's current version here.
#[derive(Clone, Debug)]
struct Version {
    at: i64,
    device: Uuid,
    lineage: Vec<Stamp>,
}

impl Version {
    fn stamp(&self) -> Stamp {
        (self.at, tag(self.device))
    }
}

fn read_version(conn: &Connection, kind: Kind, key: &str) -> Result<Option<Version>, SyncError> {
    let row = conn
        .prepare_cached("SELECT at, device, lineage FROM sync_versions WHERE kind = ?1 AND key = ?2")?
        .query_row(params![kind.as_str(), key], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
        })
        .optional()?;
    Ok(row.map(|(at, device, lineage)| Version {
        at,
        device: Uuid::parse_str(&device).unwrap_or_default(),
        lineage: serde_json::from_str(&lineage).unwrap_or_default(),
    }))
}

fn write_version(tx: &Transaction<'_>, kind: Kind, key: &str, version: &Version) -> Result<(), SyncError> {
    let lineage = serde_json::to_string(&version.lineage).unwrap_or_else(|_| "[]".into());
    tx.prepare_cached(
        "INSERT INTO sync_versions (kind, key, at, device, lineage) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (kind, key) DO UPDATE SET at = excluded.at, device = excluded.device, lineage = excluded.lineage",
    )?
    .execute(params![kind.as_str(), key, version.at, version.device.to_string(), lineage])?;
    Ok(())
}

fn trimmed(mut stamps: Vec<Stamp>) -> Vec<Stamp> {
    stamps.sort_unstable();
    stamps.dedup();
    if stamps.len() > LINEAGE {
        stamps.drain(..stamps.len() - LINEAGE);
    }
    stamps
}

/// The row of record `key` of `kind` as it stands here; `None` when it is gone.
fn read_row(conn: &Connection, kind: Kind, key: &str) -> Result<Option<Row>, SyncError> {
    Ok(match kind {
        Kind::Entry => journal::read_entry(conn, key)?,
        Kind::Revision => match key.parse::<i64>() {
            Ok(id) => journal::read_revision(conn, id)?,
            Err(_) => None,
        },
        Kind::Person => journal::read_person(conn, key)?,
        Kind::Template => crate::templates::replica::read(conn, key)?,
        Kind::Attachment => crate::attachments::replica::read(conn, key)?,
        Kind::Pack => crate::exercises::packs::replica::read(conn, false, key)?,
        Kind::PackTranslation => crate::exercises::packs::replica::read(conn, true, key)?,
        Kind::Setting if key == "integration.plan" => Settings::new(conn).get(Setting::IntegrationPlan)?.map(|value| {
            let mut row = Row::new();
            row.insert("value".into(), Value::from(value));
            row
        }),
        Kind::Setting | Kind::Unknown => None,
    })
}

/// Puts every record of the vault in the outbox: what a vault sends when it is first linked.
pub(crate) fn queue_everything(tx: &Transaction<'_>, now_ms: i64) -> Result<u64, SyncError> {
    let mut keys: Vec<(&str, String)> = journal::all_keys(tx)?;
    keys.extend(crate::templates::replica::keys(tx)?.into_iter().map(|k| ("template", k)));
    keys.extend(crate::exercises::packs::replica::keys(tx, false)?.into_iter().map(|k| ("pack", k)));
    keys.extend(crate::exercises::packs::replica::keys(tx, true)?.into_iter().map(|k| ("pack_translation", k)));
    keys.extend(crate::attachments::replica::keys(tx)?.into_iter().map(|k| ("attachment", k)));
    if Settings::new(tx).get(Setting::IntegrationPlan)?.is_some() {
        keys.push(("setting", "integration.plan".into()));
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO sync_outbox (kind, key, at) VALUES (?1, ?2, ?3) ON CONFLICT (kind, key) DO NOTHING",
    )?;
    for (kind, key) in &keys {
        stmt.execute(params![kind, key, now_ms])?;
    }
    Ok(keys.len() as u64)
}

/// Takes everything in the outbox as stamped changes (advancing `clock`), handing them to
/// `send` one at a time (a linked vault's photos may be larger than memory allows at once), and
/// empties it.
pub(crate) fn take_outgoing(
    tx: &Transaction<'_>,
    device: Uuid,
    clock: &mut i64,
    mut send: impl FnMut(Change) -> Result<(), SyncError>,
) -> Result<(), SyncError> {
    let queued: Vec<(String, String, i64)> = {
        let mut stmt = tx.prepare("SELECT kind, key, at FROM sync_outbox ORDER BY at, kind, key")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?
    };
    for (kind, key, at) in queued {
        let kind = Kind::parse(&kind);
        if kind == Kind::Unknown {
            continue;
        }
        let row = read_row(tx, kind, &key)?;
        if matches!(kind, Kind::Revision | Kind::Pack | Kind::PackTranslation) && row.is_none() {
            continue; // gone with its entry, or never stored: nothing to say
        }
        let stamp = at.max(*clock + 1);
        *clock = stamp;
        let lineage = if kind == Kind::Entry {
            read_version(tx, kind, &key)?
                .map(|v| {
                    let mut lineage = v.lineage.clone();
                    lineage.push(v.stamp());
                    trimmed(lineage)
                })
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        let version = Version { at: stamp, device, lineage: lineage.clone() };
        if kind != Kind::Revision {
            write_version(tx, kind, &key, &version)?;
        }
        send(Change { kind, key, at: stamp, device, lineage, row })?;
    }
    tx.execute("DELETE FROM sync_outbox", [])?;
    Ok(())
}

/// An entry a merge marked for a look.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SyncConflict {
    /// The entry's id.
    pub entry: String,
    /// `edited_on_both`: written on two computers without either knowing the other's version;
    /// the later is current, the other is in the entry's history. `edit_kept_over_delete`:
    /// deleted on one computer and edited on another; the edit is kept.
    pub kind: String,
    pub title: String,
}

/// What merging did, counted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Received {
    /// Changes read from other computers.
    pub changes: u64,
    /// Entries added or changed here.
    pub entries: u64,
    /// Entries removed here (deleted for good on another computer).
    pub removed: u64,
    /// Earlier versions added to entries' histories.
    pub revisions: u64,
    /// People, templates, files, packs and the plan changed here.
    pub other: u64,
}

pub(crate) const EDITED_ON_BOTH: &str = "edited_on_both";
pub(crate) const EDIT_KEPT_OVER_DELETE: &str = "edit_kept_over_delete";

/// Merges one incoming change. Runs inside the transaction that holds the `sync_applying` row.
pub(crate) fn apply(
    tx: &Transaction<'_>,
    change: &Change,
    now: &Timestamp,
    received: &mut Received,
    conflicts: &mut Vec<SyncConflict>,
) -> Result<(), SyncError> {
    received.changes += 1;
    match change.kind {
        Kind::Entry => merge_entry(tx, change, now, received, conflicts),
        Kind::Revision => {
            if let Some(row) = &change.row
                && journal::add_revision(tx, row)?
            {
                received.revisions += 1;
            }
            Ok(())
        }
        Kind::Pack | Kind::PackTranslation => {
            if let Some(row) = &change.row {
                crate::exercises::packs::replica::write(tx, change.kind == Kind::PackTranslation, row)?;
                received.other += 1;
            }
            Ok(())
        }
        Kind::Person | Kind::Template | Kind::Setting | Kind::Attachment => {
            let incoming = Version { at: change.at, device: change.device, lineage: Vec::new() };
            if let Some(local) = read_version(tx, change.kind, &change.key)?
                && local.stamp() >= incoming.stamp()
            {
                return Ok(());
            }
            let row = change.row.as_ref();
            match change.kind {
                Kind::Person => {
                    if let Some(row) = row {
                        journal::write_person(tx, row)?;
                    }
                }
                Kind::Template => crate::templates::replica::write(tx, &change.key, row)?,
                Kind::Attachment => crate::attachments::replica::write(tx, &change.key, row)?,
                _ => {
                    let value = row.and_then(|r| r.get("value")).and_then(Value::as_str);
                    if change.key == "integration.plan" {
                        Settings::new(tx).set(Setting::IntegrationPlan, value)?;
                    }
                }
            }
            write_version(tx, change.kind, &change.key, &incoming)?;
            received.other += 1;
            Ok(())
        }
        Kind::Unknown => Ok(()),
    }
}

fn trashed(row: &Row) -> bool {
    row.get("deleted_at").is_some_and(|v| !v.is_null())
}

fn merge_entry(
    tx: &Transaction<'_>,
    change: &Change,
    now: &Timestamp,
    received: &mut Received,
    conflicts: &mut Vec<SyncConflict>,
) -> Result<(), SyncError> {
    let key = change.key.as_str();
    let local_version = read_version(tx, Kind::Entry, key)?;
    let ours = journal::read_entry(tx, key)?;
    let incoming = Version { at: change.at, device: change.device, lineage: change.lineage.clone() };

    // Already known: this very version, or one ours descends from. Its text stays findable.
    if let Some(local) = &local_version
        && (local.stamp() == incoming.stamp() || local.lineage.contains(&incoming.stamp()))
    {
        if let (Some(row), Some(_)) = (&change.row, &ours)
            && journal::keep_version(tx, key, row, now)?
        {
            received.revisions += 1;
        }
        return Ok(());
    }

    // Written knowing ours (or ours was never here): it replaces ours.
    let descends = local_version.as_ref().is_none_or(|local| change.lineage.contains(&local.stamp()));
    if descends {
        match (&change.row, &ours) {
            (Some(row), _) => {
                journal::write_entry(tx, row, now)?;
                received.entries += 1;
            }
            (None, Some(_)) => {
                journal::delete_entry(tx, key)?;
                received.removed += 1;
            }
            (None, None) => {}
        }
        write_version(tx, Kind::Entry, key, &incoming)?;
        return Ok(());
    }

    // Written without knowing ours: keep both.
    let Some(local) = local_version else { return Ok(()) };
    let theirs_later = incoming.stamp() > local.stamp();
    let (later, earlier) = if theirs_later { (&incoming, &local) } else { (&local, &incoming) };
    let mut lineage = local.lineage.clone();
    lineage.extend(&change.lineage);
    lineage.push(earlier.stamp());
    let merged = Version { at: later.at, device: later.device, lineage: trimmed(lineage) };

    let (current, other, mark) = match (&change.row, &ours) {
        (Some(theirs), Some(ours)) => {
            let (later_row, earlier_row) = if theirs_later { (theirs, ours) } else { (ours, theirs) };
            if trashed(later_row) != trashed(earlier_row) {
                let (kept, gone) = if trashed(later_row) { (earlier_row, later_row) } else { (later_row, earlier_row) };
                (kept.clone(), Some(gone.clone()), Some(EDIT_KEPT_OVER_DELETE))
            } else if journal::same_text(later_row, earlier_row) {
                (later_row.clone(), None, None)
            } else {
                (later_row.clone(), Some(earlier_row.clone()), Some(EDITED_ON_BOTH))
            }
        }
        (Some(row), None) | (None, Some(row)) => (row.clone(), None, Some(EDIT_KEPT_OVER_DELETE)),
        (None, None) => {
            write_version(tx, Kind::Entry, key, &merged)?;
            return Ok(());
        }
    };
    let mut current = current;
    if let Some(mark) = mark {
        current.insert("sync_conflict".into(), Value::from(mark));
    }
    journal::write_entry(tx, &current, now)?;
    received.entries += 1;
    if let Some(other) = other
        && journal::keep_version(tx, key, &other, now)?
    {
        received.revisions += 1;
    }
    if let Some(mark) = mark {
        journal::mark_entry(tx, key, Some(mark))?;
        conflicts.push(SyncConflict {
            entry: key.to_owned(),
            kind: mark.to_owned(),
            title: current.get("title").and_then(Value::as_str).unwrap_or_default().to_owned(),
        });
    }
    write_version(tx, Kind::Entry, key, &merged)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{EntryEdit, NewEntry, SaveMode};
    use crate::vault::{KdfChoice, KdfParams, Passphrase, Vault};

    fn vault(dir: &std::path::Path) -> Vault {
        let pass = Passphrase::new("a passphrase for merging".into());
        Vault::create(dir, &pass, KdfChoice::Fixed(KdfParams::MINIMUM)).unwrap().0
    }

    /// Two versions of one entry from two computers, in the same millisecond, neither knowing
    /// the other: merged in either order, the same text is current and the other is kept.
    #[test]
    fn concurrent_versions_in_the_same_millisecond_merge_alike_in_either_order() {
        let dir = tempfile::tempdir().unwrap();
        let (x, y) = (Uuid::now_v7(), Uuid::now_v7());
        let mut results = Vec::new();
        for order in [[0, 1], [1, 0]] {
            let vault = vault(&dir.path().join(format!("v{}", order[0])));
            let journal = vault.journal();
            let id = journal.create(NewEntry { body: "start".into(), ..NewEntry::default() }).unwrap().id;
            let start = journal::read_entry(journal.store(), &id.to_string()).unwrap().unwrap();
            let version = |device: Uuid, body: &str| {
                let mut row = start.clone();
                row.insert("body".into(), Value::from(body));
                Change {
                    kind: Kind::Entry,
                    key: id.to_string(),
                    at: 1_000,
                    device,
                    lineage: vec![(10, 7)],
                    row: Some(row),
                }
            };
            let changes = [version(x, "from x"), version(y, "from y")];
            let tx = Transaction::new_unchecked(journal.store(), rusqlite::TransactionBehavior::Immediate).unwrap();
            tx.execute(
                "INSERT INTO sync_versions (kind, key, at, device, lineage) VALUES ('entry', ?1, 10, ?2, '[]')",
                params![id.to_string(), Uuid::from_u128(7).to_string()],
            )
            .unwrap();
            tx.execute("INSERT INTO sync_applying (one) VALUES (1)", []).unwrap();
            let (mut received, mut conflicts) = (Received::default(), Vec::new());
            let now = vault.clock().now();
            for i in order {
                apply(&tx, &changes[i], &now, &mut received, &mut conflicts).unwrap();
            }
            tx.execute("DELETE FROM sync_applying", []).unwrap();
            tx.commit().unwrap();
            assert_eq!(conflicts.len(), 1, "the second of the two is a clash, whichever it is");
            let entry = journal.get(id).unwrap();
            let mut history: Vec<String> = journal.history(id).unwrap().into_iter().map(|r| r.body).collect();
            history.sort();
            results.push((entry.body, entry.sync_conflict, history));
            // A later edit here is an ordinary one.
            journal
                .update(id, EntryEdit { body: Some("settled".into()), ..EntryEdit::default() }, SaveMode::Edit)
                .unwrap();
            assert_eq!(journal.get(id).unwrap().sync_conflict, None);
        }
        assert_eq!(results[0], results[1]);
        let later = if tag(x) > tag(y) { "from x" } else { "from y" };
        assert_eq!(results[0].0, later);
        assert_eq!(results[0].1.as_deref(), Some(EDITED_ON_BOTH));
        assert!(results[0].2.iter().any(|b| b.starts_with("from ") && b != later), "{:?}", results[0].2);
    }

    #[test]
    fn lineage_keeps_the_newest_stamps() {
        let stamps: Vec<Stamp> = (0..100).rev().map(|i| (i, 1)).chain([(5, 1)]).collect();
        let kept = trimmed(stamps);
        assert_eq!(kept.len(), LINEAGE);
        assert_eq!(kept.first(), Some(&(36, 1)));
        assert_eq!(kept.last(), Some(&(99, 1)));
    }
}
