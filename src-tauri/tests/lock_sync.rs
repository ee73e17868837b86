//! Locking a vault that syncs: the app's lock first exchanges changes with the sync folder, so
//! what was written just before it reaches the other computers, and a sync folder that cannot
//! be reached never keeps the vault open. Real vaults and a real folder; no window.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code

use std::path::{Path, PathBuf};

use attune::journal::ListFilter;
use attune::vault::KdfParams;
use attune::{Credential, KdfChoice, NewEntry, Passphrase, Session};
use attune_app::state::AppState;

const PASSPHRASE: &str = "copper lantern over seven hills";

fn pass() -> Passphrase {
    Passphrase::new(PASSPHRASE.to_owned())
}

/// The app's state with a vault of its own, unlocked and linked to `root/sync`.
fn linked_app(root: &Path) -> (AppState, PathBuf) {
    let dir = root.join("laptop");
    let folder = root.join("sync");
    let (mut session, _, _) = Session::create(&dir, &pass(), KdfChoice::Fixed(KdfParams::MINIMUM), None).unwrap();
    session.sync_link(&folder, Some("laptop")).unwrap();
    let state = AppState::new(root.join("preferences.json"), Some(dir));
    state.set_session(session).unwrap();
    (state, folder)
}

fn bodies(session: &Session) -> Vec<String> {
    let journal = session.journal();
    let page = journal.list(&ListFilter { limit: Some(100), ..ListFilter::default() }).unwrap();
    page.items.into_iter().map(|item| journal.get(item.id).unwrap().body).collect()
}

#[test]
fn locking_a_linked_vault_first_sends_what_was_written_to_the_sync_folder() {
    let root = tempfile::tempdir().unwrap();
    let (state, folder) = linked_app(root.path());
    state
        .with_session(|s| {
            s.journal().create(NewEntry { body: "Written a minute before the lock.".into(), ..NewEntry::default() })?;
            Ok(())
        })
        .unwrap();

    state.lock().unwrap();
    assert!(state.session().unwrap().is_none(), "the vault is locked");
    assert_eq!(state.auto_sync.problem(), None, "the exchange before the lock worked");

    let (desktop, _) =
        Session::sync_join(&folder, &root.path().join("desktop"), Credential::Passphrase(&pass()), Some("desktop"))
            .unwrap();
    assert_eq!(
        bodies(&desktop),
        ["Written a minute before the lock."],
        "the entry written just before the lock reached the other computer"
    );
}

#[test]
fn a_sync_folder_that_cannot_be_reached_does_not_stop_the_lock() {
    let root = tempfile::tempdir().unwrap();
    let (state, folder) = linked_app(root.path());
    // The drive holding the sync folder was unplugged.
    std::fs::rename(&folder, root.path().join("elsewhere")).unwrap();

    state.lock().unwrap();
    assert!(state.session().unwrap().is_none(), "the vault is locked all the same");
    let problem = state.auto_sync.problem().expect("the failed exchange is kept for Settings");
    assert!(problem.contains("cannot be reached"), "the problem says what went wrong: {problem}");
}

#[test]
fn locking_a_vault_that_does_not_sync_leaves_no_problem() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("vault");
    let (session, _, _) = Session::create(&dir, &pass(), KdfChoice::Fixed(KdfParams::MINIMUM), None).unwrap();
    let state = AppState::new(root.path().join("preferences.json"), Some(dir));
    state.set_session(session).unwrap();

    state.lock().unwrap();
    assert!(state.session().unwrap().is_none());
    assert_eq!(state.auto_sync.problem(), None, "a vault that is not linked has nothing to report");
}
