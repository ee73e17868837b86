//! The session's pipelines on real encrypted vaults, driven directly as both front ends drive
//! them: the plan and today's agenda, finishing an exercise, importing a pack file, import
//! preview and apply, backup and restore, and summaries and the PDF export.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step should stop the test

mod common;

use std::path::{Path, PathBuf};

use attune::exchange::import;
use attune::exercises::{Answer, Answers, Plan};
use attune::journal::ListFilter;
use attune::session::{RestoreWith, SessionError};
use attune::summary::{Scope, SummaryRequest};
use attune::time::FixedClock;
use attune::{Credential, KdfChoice, KdfParams, Passphrase, Session, VaultError};
use chrono::DateTime;
use common::fixtures::{self, Note, day, pass, session_at, step};

fn note(session: &Session, body: &str) {
    fixtures::note(&session.journal(), None, Note { body, ..Note::default() });
}

fn entry_count(session: &Session) -> usize {
    session.journal().list(&ListFilter { limit: Some(1000), ..ListFilter::default() }).unwrap().items.len()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn today_comes_from_the_sessions_clock_in_the_agenda_and_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let session = session_at(dir.path(), "2026-05-10T23:30:00+02:00");
    assert_eq!(session.today(), day("2026-05-10"), "the vault's local day, not the wall clock's");

    let plan = session.suggest_plan(day("2026-05-07")).unwrap();
    assert!(!plan.weekly.is_empty(), "without an integration-plan exercise, the default weekly round");
    session.save_plan(Some(&plan)).unwrap();
    assert_eq!(session.plan().unwrap(), Some(plan.clone()));

    let agenda = session.agenda().unwrap();
    assert_eq!(agenda.today, day("2026-05-10"));
    assert_eq!(agenda.plan_day, Some(3), "three days after a retreat that ended on the 7th");
    assert!(agenda.slots.iter().any(|s| s.pack_id == plan.daily), "today's check-in is suggested");

    let unknown = Plan { weekly: vec!["no-such-pack".into()], ..plan };
    assert!(session.save_plan(Some(&unknown)).is_err(), "a plan naming an unknown pack is refused");
    session.save_plan(None).unwrap();
    assert_eq!(session.plan().unwrap(), None, "the plan can be removed");
}

#[test]
fn finishing_an_exercise_stores_it_removes_its_draft_and_shows_on_today() {
    let dir = tempfile::tempdir().unwrap();
    let session = session_at(dir.path(), "2026-05-10T20:00:00+02:00");
    let mut answers = Answers::new();
    answers.insert(step("glad-of"), Answer::Text("the light on the lake".into()));
    session.save_draft("gratitude", &answers, 1).unwrap();
    assert!(session.open_exercise("gratitude").unwrap().draft.is_some(), "the draft resumes");
    assert!(session.library().unwrap().iter().flat_map(|s| &s.packs).any(|p| p.id == "gratitude" && p.has_draft));

    let result = session.finish_exercise("gratitude", &answers).unwrap();
    assert_eq!(result.entry.exercise.as_ref().map(|e| e.id.as_str()), Some("gratitude"));
    assert!(session.open_exercise("gratitude").unwrap().draft.is_none(), "finishing removes the draft");
    let agenda = session.agenda().unwrap();
    assert!(agenda.done_today.iter().any(|d| d.entry_id == result.entry.id), "today lists what was done");

    let err = session.finish_exercise("no-such-pack", &answers).unwrap_err();
    assert!(err.to_string().contains("no-such-pack"), "the unknown id is named: {err}");
}

#[test]
fn a_pack_file_is_checked_before_it_is_parsed_and_joins_the_library_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = session_at(dir.path(), "2026-05-10T20:00:00+02:00");
    let files = tempfile::tempdir().unwrap();

    let big = files.path().join("big.toml");
    std::fs::write(&big, vec![b'#'; (attune::session::MAX_PACK_BYTES + 1) as usize]).unwrap();
    assert!(matches!(session.import_pack_file(&big), Err(SessionError::PackFileTooLarge { .. })));

    let binary = files.path().join("binary.toml");
    std::fs::write(&binary, b"id = \"x\"\n\xff\xfe").unwrap();
    let err = session.import_pack_file(&binary).unwrap_err();
    assert!(matches!(err, SessionError::PackFileNotText { offset: 9, .. }), "got {err:?}");

    let missing = files.path().join("missing.toml");
    assert!(matches!(session.import_pack_file(&missing), Err(SessionError::PackFileUnreadable { .. })));

    // A facilitator's copy of a built-in pack under its own id.
    let text = include_str!("../exercises/gratitude.toml").replace("id = \"gratitude\"", "id = \"circle-gratitude\"");
    let file = files.path().join("circle-gratitude.toml");
    std::fs::write(&file, text).unwrap();
    assert!(session.library().unwrap().iter().flat_map(|s| &s.packs).all(|p| p.id != "circle-gratitude"));
    let imported = session.import_pack_file(&file).unwrap();
    assert!(imported.imported);
    assert!(
        session.library().unwrap().iter().flat_map(|s| &s.packs).any(|p| p.id == "circle-gratitude" && p.imported),
        "the cached catalogue is rebuilt after an import"
    );
    assert_eq!(session.open_exercise("circle-gratitude").unwrap().pack.id, "circle-gratitude");
}

#[test]
fn an_import_preview_writes_nothing_and_applying_twice_adds_nothing_new() {
    let dir = tempfile::tempdir().unwrap();
    let session = session_at(dir.path(), "2026-05-10T20:00:00+02:00");
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/jrnl/journal.json");
    let plan = import::plan(&source, None, &import::Options::in_zone("Europe/Berlin").unwrap()).unwrap();

    let preview = session.import_preview(&plan).unwrap();
    assert!(preview.dry_run);
    assert!(preview.added > 0, "the fixture has entries to add");
    assert_eq!(entry_count(&session), 0, "a preview writes nothing");

    let applied = session.import_apply(plan).unwrap();
    assert_eq!(applied.added, preview.added, "apply adds what the preview promised");
    assert_eq!(entry_count(&session) as u64, applied.added);

    let again = import::plan(&source, None, &import::Options::in_zone("Europe/Berlin").unwrap()).unwrap();
    let second = session.import_apply(again).unwrap();
    assert_eq!(second.added, 0);
    assert_eq!(second.already_present, applied.added, "a second import finds every entry already there");
}

#[test]
fn a_backup_restores_into_a_new_vault_with_the_passphrase_or_the_recovery_phrase() {
    let dir = tempfile::tempdir().unwrap();
    let vault_dir = dir.path().join("vault");
    let (session, phrase, keyring) = Session::create_with_clock(
        &vault_dir,
        &pass(),
        KdfChoice::Fixed(KdfParams::MINIMUM),
        None,
        Box::new(FixedClock(DateTime::parse_from_rfc3339("2026-05-10T20:00:00+02:00").unwrap())),
    )
    .unwrap();
    assert!(keyring.is_none(), "no keyring was asked for");
    note(&session, "first evening home");
    note(&session, "the second day");
    let backup = dir.path().join("attune.backup");
    let summary = session.backup(&backup).unwrap();
    assert_eq!(summary.entries, 2);
    session.lock();

    let wrong = Passphrase::new("not the passphrase at all".into());
    let refused = dir.path().join("refused");
    let err = Session::restore(&backup, &refused, RestoreWith::Passphrase(&wrong)).unwrap_err();
    assert!(matches!(err, SessionError::Backup(_) | SessionError::Vault(VaultError::WrongPassphrase)), "got {err:?}");
    assert!(!refused.exists(), "a refused restore leaves nothing behind");

    let restored = Session::restore(&backup, &dir.path().join("copy"), RestoreWith::Passphrase(&pass())).unwrap();
    assert_eq!(entry_count(&restored), 2);
    assert!(restored.check().healthy());
    restored.lock();

    let new = Passphrase::new("a new passphrase for a new computer".into());
    let again = dir.path().join("again");
    Session::restore(&backup, &again, RestoreWith::Recovery { phrase: &phrase, new_passphrase: Some(&new) })
        .unwrap()
        .lock();
    let reopened = Session::open(&again, Credential::Passphrase(&new)).unwrap();
    assert_eq!(entry_count(&reopened), 2, "the new passphrase opens the restored vault");
}

#[test]
fn summaries_and_the_pdf_export_are_written_as_private_pdfs() {
    let dir = tempfile::tempdir().unwrap();
    let session = session_at(dir.path().join("vault").as_path(), "2026-05-10T20:00:00+02:00");
    note(&session, "A walk by the water after the retreat.");
    note(&session, "Called my brother; it went better than I feared.");

    let request = SummaryRequest::new(Scope::Range { from: Some(day("2026-05-01")), to: Some(day("2026-05-31")) });
    let data = session.summary(&request).unwrap();
    assert_eq!(data.entries, 2);

    let out: PathBuf = dir.path().join("summary.pdf");
    assert_eq!(session.save_summary_pdf(&request, &out).unwrap(), 2);
    let export = dir.path().join("everything.pdf");
    assert_eq!(session.export_pdf(None, None, &export).unwrap(), 2);
    for pdf in [&out, &export] {
        let bytes = std::fs::read(pdf).unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "{} is a PDF", pdf.display());
        #[cfg(unix)]
        assert_eq!(mode(pdf), 0o600, "{} is readable by its owner only", pdf.display());
    }
    let stray: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(stray.is_empty(), "no temporary files are left: {stray:?}");

    let folder = session.export_markdown_into(dir.path()).unwrap();
    assert_eq!(folder.entries, 2);
    assert!(folder.path.ends_with("Attune export 2026-05-10"), "named after the session's day: {}", folder.path);
}
