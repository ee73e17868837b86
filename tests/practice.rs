//! Drafts, commitments and the integration plan on real encrypted vaults.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step should stop the test

mod common;

use common::fixtures::{day, reopen_at, step, vault_at};

use attune::exercises::{self, Answer, Answers, Catalogue, Commitment, LibraryError, Outcome, Plan, Rhythm, SlotKind};
use attune::journal::ListFilter;

fn commitment(words: &str, days: u16) -> Answer {
    Answer::Commitment(Commitment { intention: words.into(), review_after_days: days, reviews: vec![] })
}

#[test]
fn a_draft_survives_locking_and_finishing_the_exercise_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let catalogue = Catalogue::builtin().unwrap();
    let pack = catalogue.get("boundaries").unwrap();
    {
        let vault = vault_at(dir.path(), "2026-05-01T20:00:00+02:00");
        let mut answers = Answers::new();
        answers.insert(step("moment"), Answer::Text("my sister's call on Sunday".into()));
        exercises::save_draft(&vault.journal(), pack, &answers, 3).unwrap();
        vault.lock();
    }
    let vault = reopen_at(dir.path(), "2026-05-01T21:00:00+02:00");
    let journal = vault.journal();
    let draft =
        exercises::Drafts::new(&journal).get("boundaries").unwrap().expect("the draft is still there after locking");
    assert_eq!(draft.step, 3);
    let answers = exercises::draft_answers(pack, &draft);
    assert_eq!(answers.get("moment"), Some(&Answer::Text("my sister's call on Sunday".into())));
    assert_eq!(exercises::Drafts::new(&journal).list().unwrap().len(), 1);

    let (entry, _) = exercises::record(&journal, pack, &answers, None).unwrap();
    assert!(exercises::Drafts::new(&journal).get("boundaries").unwrap().is_none(), "finishing removes the draft");
    assert!(entry.answers.unwrap().to_string().contains("sister"));
}

#[test]
fn a_draft_keeps_only_the_answers_that_still_fit_a_changed_pack() {
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_at(dir.path(), "2026-05-01T20:00:00+02:00");
    let journal = vault.journal();
    let catalogue = Catalogue::builtin().unwrap();
    let pack = catalogue.get("gratitude").unwrap();
    // As if saved against an older version: one step that no longer exists, one that fits.
    let saved = serde_json::json!({"glad-of": {"text": "the rain"}, "gone-step": {"text": "x"}, "connected": {"text": "wrong kind"}});
    let draft = exercises::Drafts::new(&journal).save("gratitude", "0.9", &saved, 99).unwrap();
    let answers = exercises::draft_answers(pack, &draft);
    assert_eq!(answers.len(), 1);
    assert_eq!(answers.get("glad-of"), Some(&Answer::Text("the rain".into())));
    // A draft with answers that do not fit is refused, naming the step.
    let mut bad = Answers::new();
    bad.insert(step("connected"), Answer::Text("not a scale".into()));
    let err = exercises::save_draft(&journal, pack, &bad, 0).unwrap_err();
    assert!(err.to_string().contains("connected"), "{err}");
}

#[test]
fn a_commitment_comes_back_on_its_day_and_can_be_adjusted_then_kept() {
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_at(dir.path(), "2026-05-01T20:00:00+02:00");
    let journal = vault.journal();
    let catalogue = Catalogue::builtin().unwrap();
    let pack = catalogue.get("boundaries").unwrap();
    let mut answers = Answers::new();
    answers.insert(step("practice"), commitment("ask for help before I am exhausted", 7));
    let (entry, _) = exercises::record(&journal, pack, &answers, None).unwrap();

    assert!(exercises::due_commitments(&journal, day("2026-05-07")).unwrap().is_empty());
    let due = exercises::due_commitments(&journal, day("2026-05-08")).unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].intention, "ask for help before I am exhausted");
    assert_eq!(due[0].due_on, Some(day("2026-05-08")));

    let err = exercises::review_commitment(
        &journal,
        entry.id,
        "practice",
        Outcome::Adjusted,
        Some("  ".into()),
        String::new(),
        day("2026-05-08"),
    )
    .unwrap_err();
    assert!(matches!(err, LibraryError::AdjustedWithoutWords), "{err:?}");

    let adjusted = exercises::review_commitment(
        &journal,
        entry.id,
        "practice",
        Outcome::Adjusted,
        Some("ask for help once a week".into()),
        "Asking every time was too much.".into(),
        day("2026-05-08"),
    )
    .unwrap();
    assert_eq!(adjusted.intention, "ask for help once a week");
    assert_eq!(adjusted.first_intention, "ask for help before I am exhausted");
    assert_eq!(adjusted.due_on, Some(day("2026-05-15")));
    assert!(exercises::due_commitments(&journal, day("2026-05-10")).unwrap().is_empty());

    let kept = exercises::review_commitment(
        &journal,
        entry.id,
        "practice",
        Outcome::Kept,
        None,
        String::new(),
        day("2026-05-15"),
    )
    .unwrap();
    assert_eq!(kept.due_on, None);
    assert_eq!(kept.reviews.len(), 2);
    let err = exercises::review_commitment(
        &journal,
        entry.id,
        "practice",
        Outcome::Released,
        None,
        String::new(),
        day("2026-05-16"),
    )
    .unwrap_err();
    assert!(matches!(err, LibraryError::CommitmentClosed { .. }), "{err:?}");

    // The review is part of the entry: its history keeps the versions before, and search finds the note.
    assert_eq!(journal.history(entry.id).unwrap().len(), 2);
    let hits = journal.search(&attune::journal::SearchQuery::new("too much")).unwrap();
    assert_eq!(hits.hits.len(), 1);
    // Trashing the entry takes its commitment off the Today view.
    journal.trash(entry.id).unwrap();
    assert!(exercises::commitments(&journal).unwrap().is_empty());
}

#[test]
fn reviewing_a_step_that_is_not_a_commitment_says_which() {
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_at(dir.path(), "2026-05-01T20:00:00+02:00");
    let journal = vault.journal();
    let catalogue = Catalogue::builtin().unwrap();
    let pack = catalogue.get("boundaries").unwrap();
    let mut answers = Answers::new();
    answers.insert(step("moment"), Answer::Text("Sunday".into()));
    let (entry, _) = exercises::record(&journal, pack, &answers, None).unwrap();
    let err = exercises::review_commitment(
        &journal,
        entry.id,
        "moment",
        Outcome::Kept,
        None,
        String::new(),
        day("2026-05-09"),
    )
    .unwrap_err();
    assert_eq!(err.to_string(), format!("entry {} has no commitment at step \"moment\"", entry.id));
}

#[test]
fn the_agenda_shows_what_is_due_and_what_was_done() {
    let dir = tempfile::tempdir().unwrap();
    let catalogue = Catalogue::builtin().unwrap();
    // The retreat ended on 28 April; 1 May is day 3 of the plan.
    let vault = vault_at(dir.path(), "2026-05-01T20:00:00+02:00");
    let journal = vault.journal();
    let empty = exercises::agenda(&journal, &catalogue, day("2026-05-01"), &attune::i18n::Words::default()).unwrap();
    assert!(empty.plan.is_none() && empty.slots.is_empty());

    let plan = Plan {
        retreat_end: day("2026-04-28"),
        daily: "nervous-system-checkin".into(),
        weekly: vec!["boundaries".into()],
        rhythm: Rhythm::Daily,
    };
    let err =
        exercises::set_plan(&journal, &catalogue, &Plan { weekly: vec!["nope".into()], ..plan.clone() }).unwrap_err();
    assert!(err.to_string().contains("nope"), "{err}");
    exercises::set_plan(&journal, &catalogue, &plan).unwrap();

    let checkin = catalogue.get("nervous-system-checkin").unwrap();
    let (done, _) = exercises::record(&journal, checkin, &Answers::new(), None).unwrap();
    let agenda = exercises::agenda(&journal, &catalogue, day("2026-05-01"), &attune::i18n::Words::default()).unwrap();
    assert_eq!(agenda.plan_day, Some(3));
    let kinds: Vec<(SlotKind, &str, bool)> =
        agenda.slots.iter().map(|s| (s.kind, s.pack_id.as_str(), s.done.is_some())).collect();
    assert_eq!(
        kinds,
        vec![
            (SlotKind::Daily, "nervous-system-checkin", true),
            (SlotKind::Weekly, "boundaries", false),
            (SlotKind::Review, "integration-review", false),
        ]
    );
    assert_eq!(agenda.slots[0].done, Some(done.id));
    assert_eq!(agenda.done_today.len(), 1);
    assert_eq!(agenda.reviews.iter().map(|r| r.after_days).collect::<Vec<_>>(), vec![1, 7, 30, 90]);
    assert_eq!(agenda.reviews[0].day, day("2026-04-29"));

    // The plan is kept in the vault.
    assert_eq!(exercises::plan(&journal).unwrap(), Some(plan));
    exercises::clear_plan(&journal).unwrap();
    assert!(exercises::plan(&journal).unwrap().is_none());
    // The entry made under the plan is still in the journal.
    assert_eq!(journal.list(&ListFilter::default()).unwrap().items.len(), 1);
}

#[test]
fn a_suggested_plan_takes_the_deeper_exercises_chosen_in_the_integration_plan() {
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_at(dir.path(), "2026-05-01T20:00:00+02:00");
    let journal = vault.journal();
    let catalogue = Catalogue::builtin().unwrap();
    let default = exercises::suggested_plan(&journal, &catalogue, day("2026-04-28")).unwrap();
    assert_eq!(default.weekly, exercises::DEFAULT_WEEKLY.map(str::to_owned).to_vec());

    let pack = catalogue.get("integration-plan").unwrap();
    let mut answers = Answers::new();
    let chosen = ["nervous-system-checkin", "reciprocity", "grounding", "shadow-work"].map(str::to_owned).to_vec();
    answers.insert(step("exercises"), Answer::Multiple(chosen));
    exercises::record(&journal, pack, &answers, None).unwrap();
    let plan = exercises::suggested_plan(&journal, &catalogue, day("2026-04-28")).unwrap();
    assert_eq!(plan.weekly, vec!["reciprocity".to_owned(), "shadow-work".to_owned()]);
    assert_eq!(plan.daily, "nervous-system-checkin");
}

#[test]
fn pattern_rules_run_over_the_sessions_saved_in_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_at(dir.path(), "2026-05-01T20:00:00+02:00");
    let journal = vault.journal();
    let catalogue = Catalogue::builtin().unwrap();
    let pack = catalogue.get("contact-checkin").unwrap();
    let session = |tense: u8| {
        let mut answers = Answers::new();
        answers.insert(step("who"), Answer::Person("R.".into()));
        let alarm = exercises::CheckIn {
            anxious: Some(tense),
            tense: Some(tense),
            obsessive: Some(tense),
            ..Default::default()
        };
        answers.insert(step("after"), Answer::Checkin(alarm));
        exercises::record(&journal, pack, &answers, None).unwrap().0
    };
    for _ in 0..4 {
        session(3);
    }
    assert!(exercises::patterns(&journal, pack).unwrap().is_empty(), "4 tense sessions are not yet 5 of 7");
    let fifth = session(4);
    let fired = exercises::patterns(&journal, pack).unwrap();
    assert_eq!(fired.len(), 1, "{fired:#?}");
    assert_eq!(fired[0].person.as_deref(), Some("R."));
    assert_eq!((fired[0].count, fired[0].of), (5, 5));
    assert_eq!(fired[0].sessions[0], fifth.id.to_string(), "links back to the entries, newest first");
    // A session in the trash no longer counts.
    journal.trash(fifth.id).unwrap();
    assert!(exercises::patterns(&journal, pack).unwrap().is_empty());
}
