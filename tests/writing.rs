//! An entry's date moved after it was written, and templates for free writing: on a real
//! encrypted vault through the library, and through the real `attune` binary.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use attune::journal::{EntryEdit, JournalError, ListFilter, NewEntry, SaveMode};
use attune::templates::TemplateError;
use attune::time::parse_timestamp;
use common::Cli;
use common::fixtures::{day, session_at};

fn note(title: &str) -> NewEntry {
    NewEntry { title: title.into(), body: "the lake at dusk".into(), ..NewEntry::default() }
}

fn moved(when: &str) -> EntryEdit {
    EntryEdit { created_at: Some(parse_timestamp("t", when).unwrap()), ..EntryEdit::default() }
}

#[test]
fn a_moved_entry_changes_day_and_place_and_keeps_its_earlier_date() {
    let dir = tempfile::tempdir().unwrap();
    let session = session_at(dir.path(), "2026-12-01T00:20:00-03:00");
    let journal = session.journal();
    let older = journal
        .create(NewEntry {
            created_at: Some(parse_timestamp("t", "2026-11-29T08:00:00-03:00").unwrap()),
            ..note("older")
        })
        .unwrap();
    let entry = journal.create(note("the evening before")).unwrap();
    assert_eq!(entry.local_day, day("2026-12-01"));

    let after = journal.update(entry.id, moved("2026-11-30T23:40:00-03:00"), SaveMode::Autosave).unwrap();
    assert_eq!(after.local_day, day("2026-11-30"), "the day follows the date, in its own offset");
    assert_eq!(after.created_at.to_rfc3339(), "2026-11-30T23:40:00-03:00");
    assert_eq!(after.body, entry.body, "the text is untouched");

    let counts = journal.day_counts(day("2026-11-28"), day("2026-12-02")).unwrap();
    assert_eq!(counts, vec![(day("2026-11-29"), 1), (day("2026-11-30"), 1)], "the calendar counts it on its new day");
    let listed: Vec<String> =
        journal.list(&ListFilter::default()).unwrap().items.into_iter().map(|e| e.title).collect();
    assert_eq!(listed, ["the evening before", "older"]);

    // Moved again, before the older one: the list order follows.
    journal.update(entry.id, moved("2026-11-28T21:00:00-03:00"), SaveMode::Edit).unwrap();
    let listed: Vec<String> =
        journal.list(&ListFilter::default()).unwrap().items.into_iter().map(|e| e.title).collect();
    assert_eq!(listed, ["older", "the evening before"], "the list is in the new order");

    let history = journal.history(entry.id).unwrap();
    assert_eq!(history.len(), 2, "even an autosave keeps the version with the earlier date");
    assert_eq!(history[0].created_at.to_rfc3339(), "2026-11-30T23:40:00-03:00");
    assert_eq!(history[0].moved_to.map(|t| t.to_rfc3339()).as_deref(), Some("2026-11-28T21:00:00-03:00"));
    assert_eq!(history[1].created_at.to_rfc3339(), "2026-12-01T00:20:00-03:00", "the first date stays in the history");

    // Restoring the first version brings its date back, and keeps the one it replaces.
    let restored = journal.restore_revision(entry.id, history[1].id).unwrap();
    assert_eq!(restored.local_day, day("2026-12-01"));
    assert_eq!(journal.history(entry.id).unwrap().len(), 3);
    assert_eq!(older.local_day, day("2026-11-29"));
}

#[test]
fn dates_that_make_no_sense_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let session = session_at(dir.path(), "2026-12-01T00:20:00+00:00");
    let journal = session.journal();
    let entry = journal.create(note("a note")).unwrap();
    let early = journal.update(entry.id, moved("1899-12-31T23:00:00+00:00"), SaveMode::Edit).unwrap_err();
    assert!(matches!(early, JournalError::DateTooEarly { .. }), "{early}");
    assert!(early.to_string().contains("before 1900"), "{early}");
    let ahead = journal.update(entry.id, moved("2026-12-02T01:00:00+00:00"), SaveMode::Edit).unwrap_err();
    assert!(matches!(ahead, JournalError::DateInFuture { .. }), "{ahead}");
    // Just under a day ahead is allowed (a clock a little off, a person ahead of UTC).
    journal.update(entry.id, moved("2026-12-01T23:00:00+00:00"), SaveMode::Edit).unwrap();
    let created = journal
        .create(NewEntry { created_at: Some(parse_timestamp("t", "1850-01-01T00:00:00Z").unwrap()), ..note("x") });
    assert!(matches!(created, Err(JournalError::DateTooEarly { .. })), "a new entry is checked too");
    assert_eq!(journal.history(entry.id).unwrap().len(), 1, "only the accepted move left a version");
}

#[test]
fn templates_are_the_vaults_own_unique_and_limited() {
    let dir = tempfile::tempdir().unwrap();
    let session = session_at(dir.path(), "2026-12-01T08:00:00+01:00");
    let templates = session.templates();
    assert!(templates.list().unwrap().is_empty(), "no template is written until the person keeps one");
    templates.add("Evening  walk", "Where did I go?").unwrap();
    assert!(
        matches!(templates.add("evening walk", "again"), Err(TemplateError::NameTaken { .. })),
        "names ignore case"
    );
    assert!(matches!(templates.add("big", &"x".repeat(17_000)), Err(TemplateError::TooLarge { .. })));
    assert_eq!(templates.replace("EVENING WALK", "Where did I walk?").unwrap().body, "Where did I walk?");
    assert_eq!(session.template_text("Evening walk").unwrap(), "Where did I walk?");
    assert!(session.template_text("three-good-things").unwrap().contains("1."), "a starter by its id");
    templates.remove("evening walk").unwrap();
    assert!(matches!(templates.get("Evening walk"), Err(TemplateError::NotFound { .. })));
}

#[test]
fn the_cli_moves_an_entry_and_shows_the_earlier_date() {
    let cli = Cli::new();
    cli.init();
    let id = cli.add(&["--title", "after the retreat", "--at", "2026-11-20 09:00", "home again"]);
    let moved =
        cli.cmd().env("TZ", "America/Sao_Paulo").args(["edit", &id, "--at", "2026-11-16 23:40"]).output().unwrap();
    assert!(moved.status.success(), "{}", String::from_utf8_lossy(&moved.stderr));
    let shown = cli.json(&["show", &id, "--json"]);
    assert_eq!(shown["created_at"], "2026-11-16T23:40:00-03:00", "local time read in TZ's zone, with its offset");
    assert_eq!(shown["local_day"], "2026-11-16");
    let list = cli.ok(&["list", "--from", "2026-11-16", "--to", "2026-11-16"]);
    assert!(list.contains("after the retreat"), "{list}");
    let history = cli.ok(&["history", &id]);
    assert!(history.contains("date changed from 2026-11-20 09:00"), "{history}");
    assert!(history.contains("to 2026-11-16 23:40 -03:00"), "{history}");

    let err = cli.fails(&["edit", &id, "--at", "1899-05-01 10:00"]);
    assert!(err.contains("before 1900"), "{err}");
    let err = cli.fails(&["edit", &id, "--at", "2999-01-01 10:00"]);
    assert!(err.contains("cannot be in the future"), "{err}");
    let err = cli.fails(&["edit", &id, "--at", "29/11/2026"]);
    assert!(err.contains("--at \"29/11/2026\"") && err.contains("YYYY-MM-DD HH:MM"), "{err}");
}

#[test]
fn the_cli_keeps_templates_and_starts_entries_from_them() {
    let cli = Cli::new();
    cli.init();
    let list = cli.ok(&["template", "list"]);
    assert!(list.contains("Morning pages\t(starter: morning-pages)"), "starters are offered: {list}");
    let file = cli.dir.path().join("gratitude.md");
    std::fs::write(&file, "Today I am grateful for\n").unwrap();
    cli.ok(&["template", "add", "Gratitude", "--file", file.to_str().unwrap()]);
    let err = cli.fails(&["template", "add", "gratitude", "--file", file.to_str().unwrap()]);
    assert!(err.contains("already exists"), "{err}");
    let big = cli.dir.path().join("big.md");
    std::fs::write(&big, "x".repeat(20_000)).unwrap();
    let err = cli.fails(&["template", "add", "Big", "--file", big.to_str().unwrap()]);
    assert!(err.contains("16 KiB"), "{err}");

    // From standard input.
    let mut child = cli
        .cmd()
        .args(["template", "add", "Evening"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), b"What stays with me tonight?").unwrap();
    assert!(child.wait_with_output().unwrap().status.success());
    assert_eq!(cli.ok(&["template", "show", "evening"]).trim(), "What stays with me tonight?");
    let json = cli.json(&["template", "list", "--json"]);
    let names: Vec<&str> = json["templates"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Evening", "Gratitude"]);

    let id = cli.add(&["--template", "gratitude", "the people at the table"]);
    let shown = cli.json(&["show", &id, "--json"]);
    assert_eq!(shown["body"], "Today I am grateful for\n\nthe people at the table");
    let id = cli.add(&["--template", "Three good things"]);
    assert!(cli.json(&["show", &id, "--json"])["body"].as_str().unwrap().starts_with("Three things that went well"));
    let pt = cli
        .cmd()
        .env("LANG", "pt_BR.UTF-8")
        .env("LC_ALL", "pt_BR.UTF-8")
        .args(["template", "show", "three-good-things"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&pt.stdout).starts_with("Três coisas que deram certo"),
        "starters follow the language"
    );

    let err = cli.fails(&["add", "--template", "nothing like this"]);
    assert!(err.contains("no template named \"nothing like this\""), "{err}");
    cli.ok(&["template", "remove", "Gratitude"]);
    let err = cli.fails(&["template", "show", "Gratitude"]);
    assert!(err.contains("no template named"), "{err}");
}
