//! The core library on real encrypted vaults in temp folders.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step should stop the test

mod common;

use common::fixtures::pass;

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

use attune::journal::{EntryEdit, EntryRecord, ListFilter, SaveMode, SearchOrder, SearchQuery};
use attune::time::{Clock, Timestamp};
use attune::vault::{KeyringError, SecretStore};
use attune::{Credential, ExerciseRef, KdfChoice, KdfParams, NewEntry, Vault, VaultError};
use chrono::{DateTime, TimeZone, Utc};
use zeroize::Zeroizing;

fn create(dir: &std::path::Path) -> (Vault, attune::RecoveryPhrase) {
    Vault::create(dir, &pass(), KdfChoice::Fixed(KdfParams::MINIMUM)).expect("create vault")
}

/// A clock the test moves by hand.
#[derive(Clone)]
struct TestClock(Arc<AtomicI64>);

impl TestClock {
    fn at(rfc3339: &str) -> Self {
        Self(Arc::new(AtomicI64::new(DateTime::parse_from_rfc3339(rfc3339).unwrap().timestamp_millis())))
    }
    fn advance_minutes(&self, minutes: i64) {
        self.0.fetch_add(minutes * 60_000, Ordering::SeqCst);
    }
}

impl Clock for TestClock {
    fn now(&self) -> Timestamp {
        let utc = Utc.timestamp_millis_opt(self.0.load(Ordering::SeqCst)).unwrap();
        utc.with_timezone(&chrono::FixedOffset::east_opt(3600).unwrap())
    }
}

#[test]
fn no_entry_text_reaches_the_disk_in_the_clear() {
    let dir = tempfile::tempdir().unwrap();
    let vault_dir = dir.path().join("vault");
    let (vault, _) = create(&vault_dir);
    let session = attune::Session::from(vault);
    let journal = session.journal();
    // Canaries in every place text can go: title, body, answers, tags, people, revisions, index,
    // and a photo (a PNG whose text chunk carries a canary, with its thumbnail).
    let entry = journal
        .create(NewEntry {
            title: "Xylophonecanary title".into(),
            body: "Quetzalcanary body text".into(),
            tags: vec!["Marmosetcanary".into()],
            people: vec!["Okapicanary".into()],
            ..NewEntry::default()
        })
        .unwrap();
    journal
        .create(NewEntry {
            exercise: Some(ExerciseRef { id: "boundaries".into(), version: "1".into() }),
            answers: Some(serde_json::json!({"q1": "Pangolincanary answer"})),
            ..NewEntry::default()
        })
        .unwrap();
    journal
        .update(
            entry.id,
            EntryEdit { body: Some("Narwhalcanary replaced".into()), ..EntryEdit::default() },
            SaveMode::Edit,
        )
        .unwrap();
    let photo = photo_with_text(b"Ibexphotocanary");
    session.attach(entry.id, vec![("canary.png".into(), photo.clone())]).unwrap();
    let pixels = {
        let idat = photo.windows(4).position(|w| w == b"IDAT").unwrap();
        photo[idat + 8..idat + 72].to_vec()
    };
    assert_eq!(journal.search(&SearchQuery::new("quetzalcanary")).unwrap().hits.len(), 0, "old text left the index");
    assert_eq!(journal.search(&SearchQuery::new("pangolincanary")).unwrap().hits.len(), 1, "answers are searchable");

    let canaries: [&[u8]; 9] = [
        b"Ibexphotocanary",
        &pixels,
        b"Xylophonecanary",
        b"Quetzalcanary",
        b"Marmosetcanary",
        b"Okapicanary",
        b"Pangolincanary",
        b"Narwhalcanary",
        b"pangolincanary",
    ];
    let scan = |when: &str| {
        let files = common::files_under(dir.path());
        for file in &files {
            let bytes = std::fs::read(file).unwrap();
            for canary in canaries {
                assert!(
                    !common::contains(&bytes, canary),
                    "{} found in the clear in {} ({when})",
                    String::from_utf8_lossy(canary),
                    file.display()
                );
            }
        }
        files
    };
    let open_files = scan("while unlocked");
    assert!(open_files.iter().any(|f| f.ends_with("vault.db-wal")), "the WAL was scanned too");
    for file in &open_files {
        let name = file.file_name().unwrap().to_string_lossy();
        assert!(
            ["vault.db", "vault.db-wal", "vault.db-shm", "vault.keys", "vault.keys.lock"].contains(&name.as_ref()),
            "unexpected file {name} in the vault folder"
        );
    }
    session.lock();
    scan("after lock");
}

/// A PNG with a gradient and a text chunk holding `text`, made here.
fn photo_with_text(text: &[u8]) -> Vec<u8> {
    let img = image::RgbImage::from_fn(200, 150, |x, y| image::Rgb([(x % 256) as u8, (y * 2 % 256) as u8, 77]));
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(img).write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png).unwrap();
    let mut body = b"tEXtComment\0".to_vec();
    body.extend_from_slice(text);
    let mut chunk = u32::try_from(body.len() - 4).unwrap().to_be_bytes().to_vec();
    chunk.extend_from_slice(&body);
    chunk.extend_from_slice(&crc32fast::hash(&body).to_be_bytes());
    png.splice(33..33, chunk);
    png
}

#[test]
fn autosave_keeps_one_revision_per_interval_and_edits_keep_all() {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::at("2026-05-01T20:00:00+01:00");
    let (vault, _) =
        Vault::create_with_clock(dir.path(), &pass(), KdfChoice::Fixed(KdfParams::MINIMUM), Box::new(clock.clone()))
            .unwrap();
    let journal = vault.journal();
    let id = journal.create(NewEntry { body: "v0".into(), ..NewEntry::default() }).unwrap().id;
    let autosave = |body: &str| {
        journal.update(id, EntryEdit { body: Some(body.into()), ..EntryEdit::default() }, SaveMode::Autosave).unwrap()
    };
    for n in 1..=5 {
        clock.advance_minutes(1);
        autosave(&format!("v{n}"));
    }
    assert!(journal.history(id).unwrap().is_empty(), "the sitting that wrote the entry keeps no drafts of its own");

    clock.advance_minutes(11);
    autosave("v6");
    let history = journal.history(id).unwrap();
    assert_eq!(history.len(), 1, "after the interval the text it replaced is kept");
    assert_eq!(history[0].body, "v5");
    clock.advance_minutes(1);
    autosave("v6b");
    assert_eq!(journal.history(id).unwrap().len(), 1, "and then the interval starts again");

    let same = autosave("v6b");
    assert_eq!(journal.history(id).unwrap().len(), 1, "saving identical text keeps nothing new");
    assert_eq!(same.body, "v6b");

    // Reopening the entry: the editor's first save is an edit and keeps the starting text.
    clock.advance_minutes(1);
    journal.update(id, EntryEdit { body: Some("v7-".into()), ..EntryEdit::default() }, SaveMode::Edit).unwrap();
    assert_eq!(journal.history(id).unwrap()[0].body, "v6b");
    journal.update(id, EntryEdit { body: Some("v7".into()), ..EntryEdit::default() }, SaveMode::Edit).unwrap();
    journal.update(id, EntryEdit { body: Some("v8".into()), ..EntryEdit::default() }, SaveMode::Edit).unwrap();
    assert_eq!(journal.history(id).unwrap().len(), 4, "deliberate edits always keep what they replace");
}

#[test]
fn two_processes_worth_of_writers_on_one_vault_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, phrase) = create(dir.path());
    let words = phrase.expose_secret().to_owned();
    let path = dir.path().to_owned();
    let other = std::thread::spawn(move || {
        let phrase = attune::RecoveryPhrase::parse(&words).unwrap();
        let second = Vault::open(&path, Credential::Recovery(&phrase)).unwrap();
        for n in 0..100 {
            second
                .journal()
                .create(NewEntry { body: format!("from the second writer {n}"), ..NewEntry::default() })
                .unwrap();
        }
    });
    for n in 0..100 {
        vault.journal().create(NewEntry { body: format!("from the first writer {n}"), ..NewEntry::default() }).unwrap();
    }
    other.join().unwrap();
    let page = vault.journal().list(&ListFilter { limit: Some(1000), ..ListFilter::default() }).unwrap();
    assert_eq!(page.items.len(), 200);
    assert!(vault.check().healthy());
}

#[test]
fn listing_pages_through_every_entry_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _) = create(dir.path());
    let base = DateTime::parse_from_rfc3339("2026-01-01T09:00:00+02:00").unwrap();
    let records: Vec<EntryRecord> = (0..230)
        .map(|n| {
            let at = base + chrono::Duration::hours(n);
            serde_json::from_value(serde_json::json!({
                "id": uuid::Uuid::now_v7(), "kind": "journal", "body": format!("entry {n}"),
                "created_at": at.to_rfc3339(), "updated_at": at.to_rfc3339(),
                "tags": if n % 10 == 0 { vec!["tenth"] } else { vec![] },
            }))
            .unwrap()
        })
        .collect();
    vault.journal().import(&[], records).unwrap();

    let mut seen = Vec::new();
    let mut filter = ListFilter { limit: Some(100), ..ListFilter::default() };
    loop {
        let page = vault.journal().list(&filter).unwrap();
        seen.extend(page.items.iter().map(|i| i.created_at));
        match page.next {
            Some(cursor) => filter.after = Some(cursor),
            None => break,
        }
    }
    assert_eq!(seen.len(), 230, "every entry exactly once across pages");
    assert!(seen.windows(2).all(|w| w[0] > w[1]), "strictly newest first");

    let tagged =
        vault.journal().list(&ListFilter { tag: Some("#Tenth".into()), limit: Some(100), ..ListFilter::default() });
    assert_eq!(tagged.unwrap().items.len(), 23, "tag filter, with # and any case");
    let days = vault
        .journal()
        .day_counts(
            chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            chrono::NaiveDate::from_ymd_opt(2026, 1, 2).unwrap(),
        )
        .unwrap();
    assert_eq!(days.iter().map(|d| d.1).collect::<Vec<_>>(), vec![15, 24], "09:00 to 23:00, then a full day");
}

#[test]
fn common_words_list_newest_first_and_rare_words_rank_by_relevance() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _) = create(dir.path());
    let base = DateTime::parse_from_rfc3339("2020-01-01T09:00:00+00:00").unwrap();
    let total = attune::journal::RELEVANCE_LIMIT as usize + 500;
    let records: Vec<EntryRecord> = (0..total)
        .map(|n| {
            let at = base + chrono::Duration::hours(n as i64);
            // The oldest entry says "feel" the most, so bm25 would put it first.
            let body = match n {
                0 => "feel feel feel feel feel feel, and a lantern".to_owned(),
                1 => "one lantern among many words that go on and on and on for a while here".to_owned(),
                _ => format!("today I feel number {n}"),
            };
            serde_json::from_value(serde_json::json!({
                "id": uuid::Uuid::now_v7(), "kind": "journal", "body": body,
                "created_at": at.to_rfc3339(), "updated_at": at.to_rfc3339(),
            }))
            .unwrap()
        })
        .collect();
    vault.journal().import(&[], records).unwrap();

    let common = vault.journal().search(&SearchQuery::new("feel")).unwrap();
    assert_eq!(common.order, SearchOrder::Recency, "a word in more than RELEVANCE_LIMIT entries");
    assert_eq!(common.hits.len(), 20);
    assert!(common.hits.windows(2).all(|w| w[0].entry.created_at > w[1].entry.created_at), "newest first");
    assert_eq!(common.hits[0].entry.excerpt, format!("today I feel number {}", total - 1));
    assert!(common.hits.iter().all(|h| h.score.is_none()));
    // A longer page reads a wider window of the newest entries, and misses none of them.
    let mut page = SearchQuery::new("feel");
    page.limit = Some(200);
    let excerpts: Vec<String> =
        vault.journal().search(&page).unwrap().hits.into_iter().map(|h| h.entry.excerpt).collect();
    let newest: Vec<String> = (total - 200..total).rev().map(|n| format!("today I feel number {n}")).collect();
    assert_eq!(excerpts, newest);

    let rare = vault.journal().search(&SearchQuery::new("lantern")).unwrap();
    assert_eq!(rare.order, SearchOrder::Relevance);
    assert_eq!(rare.hits.len(), 2);
    assert!(rare.hits[0].entry.excerpt.starts_with("feel feel"), "the shorter entry ranks first by bm25");
    assert!(rare.hits[0].score > rare.hits[1].score);

    // A common word with a rare one is still found, newest first.
    let both = vault.journal().search(&SearchQuery::new("feel lantern")).unwrap();
    assert_eq!(both.hits.len(), 1);
    // Prefixes expand to the real terms.
    let prefix = vault.journal().search(&SearchQuery::new("lante*")).unwrap();
    assert_eq!(prefix.hits.len(), 2);
    assert!(prefix.hits[0].snippet.marked("[", "]").contains("[lantern]"));
}

/// Stands in for the OS keyring in a test of the vault logic above it; the real Secret Service
/// is exercised in tests/keyring.rs.
#[derive(Default)]
struct MapStore(Mutex<HashMap<String, String>>);

impl SecretStore for MapStore {
    fn get(&self, account: &str) -> Result<Option<Zeroizing<String>>, KeyringError> {
        Ok(self.0.lock().unwrap().get(account).cloned().map(Zeroizing::new))
    }
    fn set(&self, account: &str, secret: &str) -> Result<(), KeyringError> {
        self.0.lock().unwrap().insert(account.to_owned(), secret.to_owned());
        Ok(())
    }
    fn delete(&self, account: &str) -> Result<(), KeyringError> {
        self.0.lock().unwrap().remove(account);
        Ok(())
    }
}

#[test]
fn keyring_slot_unlocks_until_turned_off_and_a_stale_key_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = MapStore::default();
    let (mut vault, _) = create(dir.path());
    assert!(matches!(Vault::open(dir.path(), Credential::Keyring(&store)), Err(VaultError::KeyringNotEnabled)));
    vault.enable_keyring(&store).unwrap();
    vault.lock();
    let mut vault = Vault::open(dir.path(), Credential::Keyring(&store)).expect("keyring unlocks");

    // Another device key in the store (say, from an older setup) must not open the vault.
    let saved = store.0.lock().unwrap().clone();
    vault.enable_keyring(&store).unwrap();
    let newer = store.0.lock().unwrap().clone();
    *store.0.lock().unwrap() = saved;
    assert!(matches!(Vault::open(dir.path(), Credential::Keyring(&store)), Err(VaultError::KeyringMismatch)));
    *store.0.lock().unwrap() = newer;

    vault.disable_keyring(&store).unwrap();
    assert!(store.0.lock().unwrap().is_empty(), "turning it off removes the device key");
    assert!(matches!(Vault::open(dir.path(), Credential::Keyring(&store)), Err(VaultError::KeyringNotEnabled)));
    Vault::open(dir.path(), Credential::Passphrase(&pass())).expect("the passphrase still opens it");
}

#[test]
fn a_vault_cannot_be_created_over_another() {
    let dir = tempfile::tempdir().unwrap();
    drop(create(dir.path()));
    let err = Vault::create(dir.path(), &pass(), KdfChoice::Fixed(KdfParams::MINIMUM)).unwrap_err();
    assert!(matches!(err, VaultError::AlreadyExists { .. }), "{err:?}");
}
