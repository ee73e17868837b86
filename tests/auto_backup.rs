//! Automatic backups on real vaults: at most one a day, the newest N kept, nothing else in the
//! folder ever touched, and each one restores.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step should stop the test

mod common;

use common::fixtures::{self, pass};

use std::path::Path;

use attune::vault::{AutoBackup, BackupError, auto_backup_name};
use attune::{Credential, NewEntry, Vault};
use chrono::NaiveDate;

/// A vault whose clock says `rfc3339`, with one entry.
fn vault_at(dir: &Path, rfc3339: &str) -> Vault {
    if !dir.join("vault.keys").exists() {
        fixtures::vault_at(dir, rfc3339)
            .journal()
            .create(NewEntry { body: "Kingfisher canary, kept in every backup".into(), ..NewEntry::default() })
            .unwrap();
    }
    fixtures::reopen_at(dir, rfc3339)
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn at_most_one_backup_a_day() {
    let tmp = tempfile::tempdir().unwrap();
    let (vault_dir, backups) = (tmp.path().join("vault"), tmp.path().join("backups"));

    let morning = vault_at(&vault_dir, "2026-03-14T08:00:00+01:00");
    let first = morning.auto_backup(&backups, 10).unwrap();
    let AutoBackup::Written { path, summary, pruned } = first else { panic!("the first backup of the day is written") };
    assert_eq!(path, backups.join("attune-auto-2026-03-14.attune-backup"));
    assert_eq!((summary.entries, pruned.len()), (1, 0));
    assert_eq!(
        morning.last_auto_backup().unwrap().map(|t| t.to_rfc3339()).as_deref(),
        Some("2026-03-14T08:00:00+01:00")
    );
    let written = std::fs::read(&path).unwrap();
    morning.lock();

    // Later the same local day: nothing happens, the file is untouched.
    let evening = vault_at(&vault_dir, "2026-03-14T23:59:00+01:00");
    evening.journal().create(NewEntry { body: "written after the backup".into(), ..NewEntry::default() }).unwrap();
    assert_eq!(evening.auto_backup(&backups, 10).unwrap(), AutoBackup::AlreadyToday { path: path.clone() });
    assert_eq!(std::fs::read(&path).unwrap(), written, "today's backup is not rewritten");
    evening.lock();

    // The next day (23:30 UTC is already the 15th in +01:00): a new one.
    let next = vault_at(&vault_dir, "2026-03-15T00:30:00+01:00");
    assert!(matches!(next.auto_backup(&backups, 10).unwrap(), AutoBackup::Written { .. }));
    assert_eq!(names(&backups), ["attune-auto-2026-03-14.attune-backup", "attune-auto-2026-03-15.attune-backup"]);
    assert!(matches!(next.auto_backup(&backups, 0), Err(BackupError::KeepNone)), "keeping none is refused");
}

#[test]
fn pruning_keeps_exactly_the_newest_and_never_touches_anything_else() {
    let tmp = tempfile::tempdir().unwrap();
    let (vault_dir, backups) = (tmp.path().join("vault"), tmp.path().join("backups"));
    std::fs::create_dir_all(&backups).unwrap();
    // Older automatic backups (their content does not matter to pruning), and foreign files.
    for day in 1..=6 {
        let name = auto_backup_name(NaiveDate::from_ymd_opt(2026, 2, day).unwrap());
        std::fs::write(backups.join(name), b"an older automatic backup").unwrap();
    }
    let foreign = [
        "attune-auto-2020-01-01.attune-backup.bak",
        "attune-auto-latest.attune-backup",
        "my-attune-auto-2020-01-01.attune-backup",
        "attune-auto-2020-1-1.attune-backup",
        "journal-by-hand.attune-backup",
        "notes.txt",
    ];
    for name in foreign {
        std::fs::write(backups.join(name), b"not ours").unwrap();
    }
    std::fs::create_dir(backups.join("attune-auto-2020-01-02.attune-backup")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(tmp.path().join("elsewhere"), backups.join("attune-auto-2020-01-03.attune-backup"))
        .unwrap();

    let vault = vault_at(&vault_dir, "2026-03-14T12:00:00+01:00");
    let AutoBackup::Written { pruned, .. } = vault.auto_backup(&backups, 3).unwrap() else { panic!("written") };
    let pruned: Vec<String> = pruned.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(pruned.len(), 4, "7 automatic backups (6 old and today's), 3 kept, 4 deleted: {pruned:?}");
    let left = names(&backups);
    let ours: Vec<&String> = left.iter().filter(|n| attune::vault::auto_backup_day(n).is_some()).collect();
    assert_eq!(
        ours,
        [
            "attune-auto-2020-01-02.attune-backup", // a folder: not a backup file, left alone
            "attune-auto-2020-01-03.attune-backup", // a link: left alone
            "attune-auto-2026-02-05.attune-backup",
            "attune-auto-2026-02-06.attune-backup",
            "attune-auto-2026-03-14.attune-backup",
        ]
        .iter()
        .filter(|n| cfg!(unix) || !n.contains("2020-01-03"))
        .collect::<Vec<_>>()
    );
    for name in foreign {
        assert!(backups.join(name).exists(), "{name} is not ours and stays");
    }
    assert!(!left.iter().any(|n| n.ends_with(".tmp")), "no temporary file is left behind: {left:?}");
}

#[test]
fn an_automatic_backup_restores() {
    let tmp = tempfile::tempdir().unwrap();
    let (vault_dir, backups) = (tmp.path().join("vault"), tmp.path().join("backups"));
    let vault = vault_at(&vault_dir, "2026-03-14T12:00:00+01:00");
    let AutoBackup::Written { path, .. } = vault.auto_backup(&backups, 10).unwrap() else { panic!("written") };
    assert!(!common::contains(&std::fs::read(&path).unwrap(), b"Kingfisher"), "the backup is encrypted");
    vault.lock();
    let restored = Vault::restore(&path, &tmp.path().join("restored"), Credential::Passphrase(&pass())).unwrap();
    let list = restored.journal().list(&attune::ListFilter::default()).unwrap();
    assert_eq!(list.items.len(), 1);
    assert!(list.items[0].excerpt.starts_with("Kingfisher canary"));
    assert!(restored.check().healthy());
}
