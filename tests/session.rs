//! The session's pipelines on real encrypted vaults, driven directly as both front ends drive
//! them: the plan and today's agenda, finishing an exercise, importing a pack file, import
//! preview and apply, backup and restore, and summaries and the PDF export.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step should stop the test

mod common;

use std::path::{Path, PathBuf};

use attune::exchange::import;
use attune::exercises::{Answer, Answers, CheckIn, Plan, Rhythm, SlotKind, StepId};
use attune::journal::ListFilter;
use attune::session::{RestoreWith, SessionError};
use attune::summary::{Scope, SummaryRequest};
use attune::time::FixedClock;
use attune::{Credential, KdfChoice, KdfParams, Passphrase, Session, VaultError};
use chrono::DateTime;
use common::fixtures::{self, Note, clock, day, pass, session_at, step};

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
fn an_imported_pack_reads_in_the_persons_language_when_it_has_that_translation() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = session_at(dir.path(), "2026-05-10T20:00:00+02:00");
    // A facilitator's pack (a copy of a built-in one under its own id) and its Portuguese words.
    let pack = include_str!("../exercises/gratitude.toml").replace("id = \"gratitude\"", "id = \"casa\"");
    let translation = include_str!("../exercises/pt-BR/gratitude.toml")
        .replace("translates = \"gratitude\"", "translates = \"casa\"");
    session.import_pack("casa.toml", &pack).unwrap();
    let english = session.pack("casa").unwrap().clone();
    let imported = session.import_pack("casa.pt-BR.toml", &translation).unwrap();
    assert_eq!(imported.id, "casa");
    assert_eq!(session.pack("casa").unwrap().title(), english.title(), "English until the locale changes");

    session.set_locale("pt_BR.UTF-8");
    assert_eq!(session.locale(), "pt-BR");
    let portuguese = session.pack("casa").unwrap().clone();
    assert_eq!(portuguese.language(), "pt-BR");
    assert_ne!(portuguese.title(), english.title());
    assert_eq!(session.pack("grounding").unwrap().language(), "pt-BR", "built-in packs follow too");
    assert!(session.library().unwrap().iter().any(|shelf| shelf.label == "Gratidão"), "shelves too");

    // Answers given in Portuguese are one series with answers given in English.
    let first = &english.steps()[0];
    assert_eq!(portuguese.steps()[0].id, first.id);

    // A translation that names a step the pack does not have is refused, naming file and step.
    let wrong = translation.replacen(&format!("id = \"{}\"", first.id), "id = \"elsewhere\"", 1);
    let err = session.import_pack("bad.toml", &wrong).unwrap_err().to_string();
    assert!(err.contains("bad.toml") && err.contains(first.id.as_str()), "{err}");

    // A new version of the pack leaves the old translation out rather than failing.
    let newer = pack.replacen(&format!("version = \"{}\"", english.version()), "version = \"9.0\"", 1);
    session.import_pack("casa.toml", &newer).unwrap();
    assert_eq!(session.pack("casa").unwrap().version(), "9.0");
    assert_eq!(session.pack("casa").unwrap().title(), english.title(), "the stale translation is left out");
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

// ---------------------------------------------------------------------------------------------
// Care: the help panel, alarm that stays high, the letter's return, the plan's rhythm, recall

/// Saves one run of `pack_id` with `answers` (step id, answer) as written at `at`.
fn run_at(session: &Session, pack_id: &str, at: &str, answers: Vec<(&str, Answer)>) {
    let mut doc = Answers::new();
    for (step, answer) in answers {
        doc.insert(StepId::try_from(step.to_owned()).unwrap(), answer);
    }
    let when = DateTime::parse_from_rfc3339(at).unwrap();
    attune::exercises::record(&session.journal(), session.pack(pack_id).unwrap(), &doc, Some(when)).unwrap();
}

fn checkin(anxious: u8, safe: u8) -> Answer {
    Answer::Checkin(CheckIn { anxious: Some(anxious), tense: Some(anxious), safe: Some(safe), ..CheckIn::default() })
}

#[test]
fn a_markdown_export_reads_in_the_persons_language() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = session_at(dir.path().join("vault").as_path(), "2026-05-10T20:00:00+02:00");
    run_at(&session, "nervous-system-checkin", "2026-05-10T08:00:00+02:00", vec![("now", checkin(3, 1))]);
    session.set_locale("pt-BR");
    let out = dir.path().join("md");
    assert_eq!(session.export_markdown(&out).unwrap(), 1);
    let file = std::fs::read_dir(&out).unwrap().next().unwrap().unwrap().path();
    let text = std::fs::read_to_string(file).unwrap();
    for expected in ["ansiedade 3 de 4", "segurança 1 de 4", "## Pontuações", "Não são terapia"] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    assert!(!text.contains("of 4") && !text.contains("## Scores"), "no English left:\n{text}");
}

fn text(words: &str) -> Answer {
    Answer::Text(words.to_owned())
}

#[test]
fn the_help_panel_shows_the_countrys_lines_and_the_packs_aftercare() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = session_at(dir.path(), "2026-06-10T20:00:00-03:00");
    let brazil = session.help(Some("BR"), None).unwrap();
    assert_eq!(brazil.lines.len(), 4, "CVV, SAMU, Ligue 180, Disque 100");
    let elsewhere = session.help(Some("JP"), Some("no-such-pack")).unwrap();
    assert!(elsewhere.lines.is_empty() && elsewhere.aftercare.is_none());
    assert_eq!(elsewhere.directory, "findahelpline.com");

    let pack = std::fs::read_to_string("tests/fixtures/packs/valid.toml").unwrap().replace(
        "depth = \"light\"",
        "depth = \"light\"\norganisation = \"Casa Verde\"\naftercare = \"Ana, +55 11 5555 0100\"",
    );
    session.import_pack("casa-verde.toml", &pack).unwrap();
    let with_pack = session.help(Some("BR"), Some("fixture")).unwrap();
    let aftercare = with_pack.aftercare.expect("the pack's own aftercare contact is offered while doing it");
    assert_eq!(
        (aftercare.contact.as_str(), aftercare.organisation.as_deref()),
        ("Ana, +55 11 5555 0100", Some("Casa Verde"))
    );
}

#[test]
fn alarm_that_stays_high_in_3_of_the_last_5_check_ins_brings_the_persons_own_words_back() {
    let dir = tempfile::tempdir().unwrap();
    let session = session_at(dir.path(), "2026-06-10T20:00:00+01:00");
    run_at(
        &session,
        "integration-plan",
        "2026-05-01T10:00:00+01:00",
        vec![("more-support", text("When I stop sleeping, I call Joana."))],
    );
    // Oldest first: calm, high, calm, high; two of the last four is not a pattern.
    for (i, (anxious, safe)) in [(0, 4), (4, 3), (1, 3), (3, 2)].into_iter().enumerate() {
        run_at(
            &session,
            "nervous-system-checkin",
            &format!("2026-06-0{}T08:00:00+01:00", i + 1),
            vec![("now", checkin(anxious, safe))],
        );
    }
    assert_eq!(session.support_note().unwrap(), None, "two hard check-ins of four: no note yet");

    // Feeling safe only "a little" counts too, whatever the alarm.
    run_at(&session, "nervous-system-checkin", "2026-06-06T08:00:00+01:00", vec![("now", checkin(0, 1))]);
    let note = session.support_note().unwrap().expect("three of the last five check-ins were hard");
    assert_eq!((note.count, note.of), (3, 5));
    assert_eq!(note.own_words.as_deref(), Some("When I stop sleeping, I call Joana."), "the person's own words");
    assert!(note.message.contains("someone you trust"), "{}", note.message);
    assert!(!note.message.to_lowercase().contains("disorder"), "never a diagnosis");
    assert_eq!(session.agenda().unwrap().support, Some(note), "Today shows the same note");

    // Two calm check-ins later, the oldest hard ones drop out of the last five.
    run_at(&session, "nervous-system-checkin", "2026-06-07T08:00:00+01:00", vec![("now", checkin(0, 4))]);
    run_at(&session, "nervous-system-checkin", "2026-06-08T08:00:00+01:00", vec![("now", checkin(0, 4))]);
    assert_eq!(session.support_note().unwrap(), None, "two of the last five: the note steps back");
}

#[test]
fn feeling_on_ones_own_in_a_look_back_counts_toward_alarm_staying_high() {
    let dir = tempfile::tempdir().unwrap();
    let session = session_at(dir.path(), "2026-06-10T20:00:00+01:00");
    run_at(&session, "integration-review", "2026-06-01T08:00:00+01:00", vec![("supported", Answer::Scale(1))]);
    run_at(&session, "integration-review", "2026-06-02T08:00:00+01:00", vec![("supported", Answer::Scale(0))]);
    run_at(&session, "nervous-system-checkin", "2026-06-03T08:00:00+01:00", vec![("now", checkin(4, 2))]);
    let note = session.support_note().unwrap().expect("two look-backs on my own, one hard check-in");
    assert_eq!(note.count, 3);
    assert_eq!(note.own_words, None, "no plan written: no own words, the note still comes");
}

#[test]
fn a_light_pack_that_ends_high_offers_support_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let session = session_at(dir.path(), "2026-06-10T20:00:00+01:00");
    let mut answers = Answers::new();
    answers.insert(StepId::try_from("now".to_owned()).unwrap(), checkin(4, 1));
    let result = session.finish_exercise("nervous-system-checkin", &answers).unwrap();
    assert!(result.high_distress);
    let support = result.support.expect("a light check-in that ends high brings the support note");
    assert_eq!(support.entries, vec![result.entry.id]);
}

#[test]
fn the_letter_comes_back_on_today_a_month_later_for_two_weeks() {
    let dir = tempfile::tempdir().unwrap();
    let written = "2026-05-01T21:00:00+02:00";
    let at = |now: &str| Session::open_with_clock(dir.path(), Credential::Passphrase(&pass()), clock(now)).unwrap();
    {
        let session = session_at(dir.path(), written);
        run_at(&session, "integration-plan", written, vec![("letter", text("Dear me, remember the river."))]);
        session.lock();
    }
    assert!(at("2026-05-30T12:00:00+02:00").agenda().unwrap().letters.is_empty(), "not before a month");
    let letters = at("2026-05-31T12:00:00+02:00").agenda().unwrap().letters;
    assert_eq!(letters.len(), 1, "thirty days after it was written, it comes back");
    assert_eq!(letters[0].text, "Dear me, remember the river.");
    assert_eq!(letters[0].written_on, day("2026-05-01"));
    assert_eq!(at("2026-06-13T12:00:00+02:00").agenda().unwrap().letters.len(), 1, "for two weeks");
    assert!(at("2026-06-14T12:00:00+02:00").agenda().unwrap().letters.is_empty(), "then it rests in the journal");
}

#[test]
fn the_plan_follows_the_rhythm_the_person_chose() {
    let dir = tempfile::tempdir().unwrap();
    let session = session_at(dir.path(), "2026-05-10T09:00:00+01:00");
    assert_eq!(session.suggest_plan(day("2026-05-07")).unwrap().rhythm, Rhythm::Daily, "no answer yet: daily");
    run_at(
        &session,
        "integration-plan",
        "2026-05-08T09:00:00+01:00",
        vec![("rhythm", Answer::Single("few-times-a-week".into()))],
    );
    let plan = session.suggest_plan(day("2026-05-07")).unwrap();
    assert_eq!(plan.rhythm, Rhythm::FewTimesAWeek);
    assert!(!plan.weekly.iter().any(|p| p == "shadow-work" || p == "patterns"), "deep packs are opt-in");
    session.save_plan(Some(&plan)).unwrap();
    let slot = session.agenda().unwrap().slots.into_iter().find(|s| s.kind == SlotKind::Daily).unwrap();
    // Day 3 of week one (8–14 May): the window of days 3–4.
    assert_eq!((slot.from, slot.until), (day("2026-05-10"), day("2026-05-11")));
}

#[test]
fn the_look_back_shows_the_intention_from_a_month_on() {
    let dir = tempfile::tempdir().unwrap();
    let written = "2026-05-01T09:00:00+01:00";
    {
        let session = session_at(dir.path(), written);
        run_at(&session, "integration-plan", written, vec![("intention", text("To ask for help sooner."))]);
        assert!(session.open_exercise("integration-review").unwrap().recalled.is_empty(), "not on the first day");
        session.lock();
    }
    let later =
        Session::open_with_clock(dir.path(), Credential::Passphrase(&pass()), clock("2026-05-31T09:00:00+01:00"))
            .unwrap();
    let view = later.open_exercise("integration-review").unwrap();
    let recalled = view.recalled.get("since-intention").expect("a month later, the intention comes back");
    assert_eq!((recalled.text.as_str(), recalled.written_on), ("To ask for help sooner.", day("2026-05-01")));
}
