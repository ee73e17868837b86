//! Sync between computers through a plain shared folder: several vaults on this machine, each
//! with its own folder, exchanging change files through one sync folder (what Syncthing or any
//! synced folder carries; tests/syncthing.rs runs the same through real Syncthing instances).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use attune::journal::{EntryId, ListFilter, Person};
use attune::sync::SyncReport;
use attune::{Credential, EntryEdit, NewEntry, Passphrase, SaveMode, Session, SessionError};
use common::fixtures::{self, clock, pass};

const NOW: &str = "2026-11-20T21:00:00-03:00";

/// An entry as compared between computers: id, title, body, trashed, tags, people.
type Seen = (String, String, String, bool, Vec<String>, Vec<String>);

/// One computer: its own vault folder, unlocked.
struct Computer {
    dir: PathBuf,
    session: Session,
}

impl Computer {
    fn sync(&mut self) -> SyncReport {
        self.session.sync().unwrap()
    }

    fn write(&self, body: &str) -> EntryId {
        self.session.journal().create(NewEntry { body: body.into(), ..NewEntry::default() }).unwrap().id
    }

    fn edit(&self, id: EntryId, body: &str) {
        let edit = EntryEdit { body: Some(body.into()), ..EntryEdit::default() };
        self.session.journal().update(id, edit, SaveMode::Edit).unwrap();
    }

    fn body(&self, id: EntryId) -> String {
        self.session.journal().get(id).unwrap().body
    }

    fn history(&self, id: EntryId) -> Vec<String> {
        let mut bodies: Vec<String> = self.session.journal().history(id).unwrap().into_iter().map(|r| r.body).collect();
        bodies.sort();
        bodies
    }

    /// Every entry (trash included) as (id, title, body, trashed, tags, people), sorted.
    fn entries(&self) -> Vec<Seen> {
        let journal = self.session.journal();
        let mut all = Vec::new();
        for trash in [false, true] {
            let page =
                journal.list(&ListFilter { trashed: trash, limit: Some(1000), ..ListFilter::default() }).unwrap();
            for item in page.items {
                let e = journal.get(item.id).unwrap();
                all.push((e.id.to_string(), e.title, e.body, e.deleted_at.is_some(), e.tags, e.people));
            }
        }
        all.sort();
        all
    }
}

struct Network {
    root: tempfile::TempDir,
}

impl Network {
    fn new() -> Self {
        Network { root: tempfile::tempdir().unwrap() }
    }

    fn folder(&self) -> PathBuf {
        self.root.path().join("Sync").join("journal")
    }

    fn first(&self, name: &str) -> Computer {
        let dir = self.root.path().join(name);
        let mut session = fixtures::session_at(&dir, NOW);
        session.sync_link(&self.folder(), Some(name)).unwrap();
        Computer { dir, session }
    }

    fn join(&self, name: &str) -> Computer {
        let dir = self.root.path().join(name);
        let (session, _) = Session::sync_join_with_clock(
            &self.folder(),
            &dir,
            Credential::Passphrase(&pass()),
            Some(name),
            clock(NOW),
        )
        .unwrap();
        Computer { dir, session }
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    common::files_under(dir)
}

#[test]
fn writing_on_both_offline_then_exchanging_brings_everything_to_both() {
    let net = Network::new();
    let mut a = net.first("laptop");
    a.write("before the second computer");
    a.sync();
    let mut b = net.join("desktop");
    assert_eq!(b.entries(), a.entries(), "joining brings what was there");

    let on_a: Vec<EntryId> = (0..5).map(|i| a.write(&format!("laptop evening {i}"))).collect();
    let on_b: Vec<EntryId> = (0..3).map(|i| b.write(&format!("desktop morning {i}"))).collect();
    a.session.journal().trash(on_a[0]).unwrap();
    b.session.save_person(&Person { name: "Rosa".into(), relationship: "sister".into(), archived: false }).unwrap();

    let sent = a.sync();
    assert_eq!(sent.sent.changes, 5, "five entries, one of them then trashed: still one record each");
    let got = b.sync();
    assert_eq!(got.received.entries, 5);
    assert!(got.conflicts.is_empty());
    let back = a.sync();
    assert_eq!(back.received.entries, 3);
    assert_eq!(a.entries(), b.entries());
    assert_eq!(a.entries().len(), 1 + 5 + 3);
    assert!(a.session.journal().get(on_a[0]).unwrap().deleted_at.is_some(), "the trash travels too");
    assert!(a.session.journal().people().unwrap().iter().any(|(p, _)| p.name == "Rosa" && p.relationship == "sister"));
    assert_eq!(b.body(on_b[2]), a.body(on_b[2]));

    // Nothing new: an exchange sends and applies nothing.
    let quiet = a.sync();
    assert_eq!((quiet.sent.changes, quiet.received.changes), (0, 0));
}

#[test]
fn the_same_entry_edited_on_both_keeps_both_texts_on_both() {
    let net = Network::new();
    let mut a = net.first("laptop");
    let id = a.write("the first words");
    a.sync();
    let mut b = net.join("desktop");

    b.edit(id, "the desktop's words");
    std::thread::sleep(std::time::Duration::from_millis(5));
    a.edit(id, "the laptop's later words");

    let report_a = a.sync();
    let report_b = b.sync();
    let report_a2 = a.sync();
    assert!(report_a.conflicts.is_empty(), "the laptop had not seen the desktop's edit yet");
    assert_eq!(report_b.conflicts.len(), 1, "{report_b:?}");
    assert_eq!(report_b.conflicts[0].kind, "edited_on_both");
    assert_eq!(report_a2.conflicts.len(), 1, "{report_a2:?}");

    for computer in [&a, &b] {
        assert_eq!(computer.body(id), "the laptop's later words", "the later edit is current");
        let history = computer.history(id);
        assert!(history.contains(&"the desktop's words".to_owned()), "{history:?}");
        assert!(history.contains(&"the first words".to_owned()), "{history:?}");
        let entry = computer.session.journal().get(id).unwrap();
        assert_eq!(entry.sync_conflict.as_deref(), Some("edited_on_both"));
    }
    assert_eq!(a.entries(), b.entries());

    // The person looks and edits: the mark goes, and the edit travels as an ordinary one.
    b.edit(id, "both, put together");
    assert_eq!(b.session.journal().get(id).unwrap().sync_conflict, None);
    b.sync();
    let report = a.sync();
    assert!(report.conflicts.is_empty());
    assert_eq!(a.body(id), "both, put together");
    assert_eq!(a.session.journal().get(id).unwrap().sync_conflict, None);
}

#[test]
fn deleting_on_one_and_editing_on_the_other_keeps_the_edit() {
    let net = Network::new();
    let mut a = net.first("laptop");
    let trashed = a.write("to the trash on the laptop");
    let purged = a.write("deleted for good on the laptop");
    a.sync();
    let mut b = net.join("desktop");

    a.session.journal().trash(trashed).unwrap();
    a.session.journal().trash(purged).unwrap();
    a.session.journal().purge(purged).unwrap();
    b.edit(trashed, "kept writing on the desktop");
    b.edit(purged, "still writing this one too");

    a.sync();
    let report = b.sync();
    a.sync();
    let marked: Vec<&str> = report.conflicts.iter().map(|c| c.kind.as_str()).collect();
    assert_eq!(marked, ["edit_kept_over_delete", "edit_kept_over_delete"], "{report:?}");
    for computer in [&a, &b] {
        for (id, body) in [(trashed, "kept writing on the desktop"), (purged, "still writing this one too")] {
            let entry = computer.session.journal().get(id).unwrap();
            assert_eq!(entry.body, body);
            assert!(entry.deleted_at.is_none(), "the edit brought it back");
            assert_eq!(entry.sync_conflict.as_deref(), Some("edit_kept_over_delete"));
        }
    }
    assert_eq!(a.entries(), b.entries());

    // A deletion made knowing the last edit goes through everywhere.
    b.session.journal().trash(trashed).unwrap();
    b.session.journal().purge(trashed).unwrap();
    b.sync();
    let report = a.sync();
    assert_eq!(report.received.removed, 1);
    assert!(a.session.journal().get(trashed).is_err());
}

#[test]
fn a_passphrase_changed_on_one_computer_opens_the_others() {
    let net = Network::new();
    let mut a = net.first("laptop");
    let mut b = net.join("desktop");
    let new = Passphrase::new("a new passphrase for both computers".into());
    a.session.change_passphrase(&pass(), &new).unwrap();
    let id = a.write("after the change");
    assert_eq!(a.sync().keys.as_deref(), Some("published"), "the computer that changed it publishes it");
    let report = b.sync();
    assert_eq!(report.keys.as_deref(), Some("taken"));
    assert_eq!(b.body(id), "after the change", "the change files still open: the data key is the same");
    let b_dir = b.dir.clone();
    drop(b);
    assert!(Session::open(&b_dir, Credential::Passphrase(&pass())).is_err(), "the old passphrase no longer opens it");
    let mut b = Computer { session: Session::open(&b_dir, Credential::Passphrase(&new)).unwrap(), dir: b_dir };
    assert!(b.sync().keys.is_none());

    // A computer joining now needs the new passphrase.
    let dir = net.root.path().join("third");
    let old = Session::sync_join(&net.folder(), &dir, Credential::Passphrase(&pass()), None);
    assert!(matches!(
        old,
        Err(SessionError::Sync(attune::sync::SyncError::Vault(attune::VaultError::WrongPassphrase)))
    ));
    assert!(!dir.join("vault.db").exists(), "a refused join leaves no vault");
    let (c, _) = Session::sync_join(&net.folder(), &dir, Credential::Passphrase(&new), None).unwrap();
    assert_eq!(c.journal().get(id).unwrap().body, "after the change");
    let _ = a.sync();
}

#[test]
fn a_change_file_cut_short_waits_and_is_applied_whole_later() {
    let net = Network::new();
    let mut a = net.first("laptop");
    let mut b = net.join("desktop");
    let ids: Vec<EntryId> = (0..20).map(|i| a.write(&format!("entry {i} of a batch"))).collect();
    a.sync();
    let newest = files_under(&net.folder())
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".attune-changes"))
        .max_by_key(|p| std::fs::metadata(p).unwrap().modified().unwrap())
        .unwrap();
    let whole = std::fs::read(&newest).unwrap();
    std::fs::write(&newest, &whole[..whole.len() / 2]).unwrap();

    let report = b.sync();
    assert_eq!(report.received.changes, 0, "nothing of a cut file is applied");
    assert_eq!(report.waiting.len(), 1, "{report:?}");
    assert!(report.waiting[0].reason.contains("incomplete"), "{}", report.waiting[0].reason);
    assert!(b.session.journal().get(ids[0]).is_err());
    let status = b.session.sync_status().unwrap();
    assert_eq!(status.devices.len(), 1);
    assert_eq!(status.devices[0].waiting_files, 1);

    // A flipped byte is refused the same way.
    let mut flipped = whole.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 1;
    std::fs::write(&newest, &flipped).unwrap();
    assert_eq!(b.sync().waiting.len(), 1);

    std::fs::write(&newest, &whole).unwrap();
    let report = b.sync();
    assert!(report.waiting.is_empty());
    assert_eq!(report.received.entries, 20);
    assert_eq!(a.entries(), b.entries());
}

#[test]
fn a_third_computer_linked_later_gets_everything_with_its_history() {
    let net = Network::new();
    let mut a = net.first("laptop");
    let id = a.write("first");
    a.sync();
    let mut b = net.join("desktop");
    b.edit(id, "desktop");
    a.edit(id, "laptop");
    let png = image_png();
    a.session.attach(id, vec![("tide.png".into(), png.clone())]).unwrap();
    a.session.templates().add("Evening", "What stayed with me today?").unwrap();
    a.sync();
    b.sync();
    a.sync();

    let c = net.join("tablet");
    assert_eq!(c.entries(), a.entries());
    assert_eq!(c.body(id), a.body(id));
    assert_eq!(c.history(id), a.history(id));
    assert_eq!(c.session.journal().get(id).unwrap().sync_conflict, a.session.journal().get(id).unwrap().sync_conflict);
    let files = c.session.attachments().list(id).unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(c.session.attachments().bytes(files[0].id).unwrap(), png);
    assert_eq!(c.session.templates().get("Evening").unwrap().body, "What stayed with me today?");
    let status = c.session.sync_status().unwrap();
    let mut names: Vec<String> = status.devices.iter().map(|d| d.name.clone()).collect();
    names.sort();
    assert_eq!(names, ["desktop", "laptop"]);
    assert!(status.devices.iter().all(|d| d.last_seen.is_some()));
}

#[test]
fn three_computers_editing_one_entry_agree_whatever_the_order() {
    let net = Network::new();
    let mut a = net.first("a");
    let id = a.write("start");
    a.sync();
    let mut b = net.join("b");
    let mut c = net.join("c");
    for (computer, text) in [(&a, "from a"), (&b, "from b"), (&c, "from c")] {
        computer.edit(id, text);
        std::thread::sleep(std::time::Duration::from_millis(3));
    }
    // Each exchanges in a different order; two rounds reach everyone.
    c.sync();
    a.sync();
    b.sync();
    a.sync();
    c.sync();
    b.sync();
    assert_eq!(a.entries(), b.entries());
    assert_eq!(b.entries(), c.entries());
    assert_eq!(a.body(id), "from c", "the latest edit is current everywhere");
    for computer in [&a, &b, &c] {
        let history = computer.history(id);
        for text in ["start", "from a", "from b"] {
            assert!(history.contains(&text.to_owned()), "{text} missing from {history:?}");
        }
    }
}

#[test]
fn the_sync_folder_holds_no_words_in_the_clear() {
    let net = Network::new();
    let mut a = net.first("laptop");
    let id = a.write("canarywordinbody never leaves in the clear");
    a.session
        .journal()
        .update(
            id,
            EntryEdit {
                title: Some("canarytitle".into()),
                tags: Some(vec!["canarytag".into()]),
                people: Some(vec!["Canaryperson".into()]),
                ..EntryEdit::default()
            },
            SaveMode::Edit,
        )
        .unwrap();
    a.sync();
    let mut b = net.join("desktop");
    b.edit(id, "canaryedit from the desktop");
    b.sync();
    let files = files_under(&net.folder());
    assert!(files.len() >= 4, "{files:?}");
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        for word in ["canaryword", "canarytitle", "canarytag", "Canaryperson", "canaryedit", "laptop", "desktop"] {
            assert!(!common::contains(&bytes, word.as_bytes()), "{word} in the clear in {}", file.display());
        }
    }
}

#[test]
fn links_that_would_lose_or_mix_data_are_refused() {
    let net = Network::new();
    let mut a = net.first("laptop");
    // Another vault cannot link to the folder: it would mix two journals.
    let other_dir = net.root.path().join("other");
    let mut other = fixtures::session_at(&other_dir, NOW);
    let err = other.sync_link(&net.folder(), None).unwrap_err();
    assert!(err.to_string().contains("belongs to another vault"), "{err}");
    // Nor a folder inside the vault's own.
    let inside = other_dir.join("sync");
    let err = other.sync_link(&inside, None).unwrap_err();
    assert!(err.to_string().contains("keep the vault outside it"), "{err}");
    // Replacing the key would cut the computers apart.
    let err = a.session.rekey(&pass(), &attune::OsKeyring).unwrap_err();
    assert!(err.to_string().contains("unlink it on every computer"), "{err}");
    // Joining into a folder that holds a vault.
    let err = Session::sync_join(&net.folder(), &a.dir, Credential::Passphrase(&pass()), None).unwrap_err();
    assert!(err.to_string().contains("already"), "{err}");
    // A folder no computer linked holds nothing to join.
    let empty = net.root.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let err =
        Session::sync_join(&empty, &net.root.path().join("new"), Credential::Passphrase(&pass()), None).unwrap_err();
    assert!(err.to_string().contains("holds no Attune vault to join"), "{err}");
    assert!(!net.root.path().join("new").exists());
    // Key slots changed by someone without the vault's key are refused, not taken.
    let link_file = net.folder().join("attune-sync.json");
    let original = std::fs::read_to_string(&link_file).unwrap();
    let mut forged: serde_json::Value = serde_json::from_str(&original).unwrap();
    forged["stamp"] = serde_json::json!(forged["stamp"].as_i64().unwrap() + 1_000_000);
    std::fs::write(&link_file, forged.to_string()).unwrap();
    let err = a.session.sync().unwrap_err();
    assert!(err.to_string().contains("not authentic"), "{err}");
    std::fs::write(&link_file, original).unwrap();
    a.session.sync().unwrap();
    // Unlinked, it no longer exchanges.
    a.session.sync_unlink().unwrap();
    assert!(a.session.sync().is_err());
}

#[test]
fn a_vault_in_a_folder_a_sync_tool_manages_is_recognised() {
    let root = tempfile::tempdir().unwrap();
    let synced = root.path().join("Sync");
    std::fs::create_dir_all(synced.join(".stfolder")).unwrap();
    std::fs::create_dir_all(synced.join("attune/vault")).unwrap();
    let (tool, at) = attune::sync::inside_synced_folder(&synced.join("attune/vault")).unwrap();
    assert_eq!(tool, "Syncthing");
    assert_eq!(at.canonicalize().unwrap(), synced.canonicalize().unwrap());
    let plain = root.path().join("Documents/vault");
    std::fs::create_dir_all(&plain).unwrap();
    assert_eq!(attune::sync::inside_synced_folder(&plain), None);

    // `doctor` says so.
    let inside = fixtures::vault_at(&synced.join("attune/journal"), NOW);
    let report = inside.check();
    assert!(!report.healthy());
    let problems: Vec<&String> = report.checks.iter().flat_map(|c| c.problems.iter()).collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("Syncthing") && problems[0].contains("attune sync link"), "{}", problems[0]);
    assert!(fixtures::vault_at(&root.path().join("Documents/journal"), NOW).check().healthy());
}

#[test]
fn ten_thousand_entries_arrive_on_a_new_computer() {
    let net = Network::new();
    let mut a = net.first("laptop");
    let records: Vec<attune::journal::EntryRecord> = (0..10_000)
        .map(|i| {
            serde_json::from_value(serde_json::json!({
                "id": uuid::Uuid::now_v7(),
                "kind": "journal",
                "created_at": "2026-01-01T08:00:00-03:00",
                "updated_at": "2026-01-01T08:00:00-03:00",
                "body": format!("entry number n{i}, written on the laptop"),
                "tags": [format!("t{}", i % 7)],
            }))
            .unwrap()
        })
        .collect();
    a.session.journal().import(&[], records).unwrap();
    let sent = a.sync();
    assert_eq!(sent.sent.changes, 10_000);
    assert!(sent.sent.files >= 5, "split into files of at most 2,000 changes");
    let c = net.join("new");
    assert_eq!(
        c.session.journal().list(&ListFilter { limit: Some(1), ..ListFilter::default() }).unwrap().items.len(),
        1
    );
    let day = fixtures::day("2026-01-01");
    let count: u32 = c.session.journal().day_counts(day, day).unwrap().iter().map(|(_, n)| n).sum();
    assert_eq!(count, 10_000);
    let hits = c.session.journal().search(&attune::journal::SearchQuery::new("n9999")).unwrap();
    assert_eq!(hits.hits.len(), 1);
}

fn image_png() -> Vec<u8> {
    let img = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([(x * 3) as u8, (y * 5) as u8, 90]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img).write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
    out
}
