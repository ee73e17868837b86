//! The `attune` command-line tool, run as a real process on real encrypted vaults.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step should stop the test

mod common;

use std::io::Write;
use std::process::Stdio;

use common::{Cli, PASS};

#[test]
fn a_journal_round_trip_through_the_cli() {
    let cli = Cli::new();
    cli.init();
    let id = cli.add(&[
        "--title",
        "Home again",
        "--tag",
        "retreat",
        "--person",
        "Sam",
        "--mood",
        "4",
        "--at",
        "2026-03-14T20:15:00+01:00",
        "Walked",
        "by",
        "the",
        "river",
        "and",
        "felt",
        "steady.",
    ]);
    cli.add(&["--at", "2026-03-15T08:00:00+01:00", "A tense morning before the call."]);

    let list = cli.json(&["list", "--json"]);
    let items = list.as_array().expect("list is an array");
    assert_eq!(items.len(), 2);
    assert_eq!(items[1]["id"], id.as_str(), "newest first: the older entry is second");
    for field in ["id", "kind", "title", "created_at", "tags", "people", "mood"] {
        assert!(items[1].get(field).is_some(), "list items carry {field}");
    }
    assert_eq!(items[1]["tags"], serde_json::json!(["retreat"]));
    assert_eq!(items[1]["people"], serde_json::json!(["Sam"]));
    assert_eq!(items[1]["mood"], 4);
    assert_eq!(items[1]["created_at"], "2026-03-14T20:15:00+01:00", "the local offset is kept");

    let shown = cli.json(&["show", &id, "--json"]);
    assert_eq!(shown["body"], "Walked by the river and felt steady.");
    assert!(shown.get("updated_at").is_some() && shown.get("answers").is_some());

    let by_person = cli.json(&["list", "--person", "sam", "--json"]);
    assert_eq!(by_person.as_array().map(Vec::len), Some(1), "person filter ignores case");
    let by_day = cli.json(&["list", "--from", "2026-03-15", "--json"]);
    assert_eq!(by_day.as_array().map(Vec::len), Some(1), "date filter uses the local day");

    let hits = cli.json(&["search", "river", "--json"]);
    assert_eq!(hits[0]["id"], id.as_str());
    assert_eq!(hits[0]["rank"], 1);
    let snippet = hits[0]["snippet"].as_str().expect("snippet is text");
    assert!(snippet.contains("[river]"), "the hit is marked in {snippet:?}");
    let prefix = cli.json(&["search", "stead*", "--json"]);
    assert_eq!(prefix.as_array().map(Vec::len), Some(1), "prefix search finds 'steady'");
    let human = cli.ok(&["search", "tense"]);
    assert!(human.contains("[tense]"), "{human}");
}

#[test]
fn text_and_passphrase_can_both_come_from_standard_input() {
    let cli = Cli::new();
    cli.init();
    let mut child = cli
        .cmd()
        .env_remove("ATTUNE_PASSPHRASE")
        .args(["--passphrase-stdin", "add", "--title", "Piped"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(format!("{PASS}\nline one\nline two\n").as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let id = String::from_utf8(out.stdout).unwrap();
    let shown = cli.json(&["show", id.trim(), "--json"]);
    assert_eq!(shown["body"], "line one\nline two\n");
}

#[test]
fn a_wrong_passphrase_says_so_and_changes_nothing() {
    let cli = Cli::new();
    cli.init();
    cli.add(&["something private"]);
    let before: Vec<(std::path::PathBuf, Vec<u8>)> =
        common::files_under(&cli.vault()).into_iter().map(|p| (p.clone(), std::fs::read(p).unwrap())).collect();

    let out = cli.cmd().env("ATTUNE_PASSPHRASE", "not my passphrase").args(["add", "intruder"]).output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("wrong passphrase"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    let after: Vec<(std::path::PathBuf, Vec<u8>)> =
        common::files_under(&cli.vault()).into_iter().map(|p| (p.clone(), std::fs::read(p).unwrap())).collect();
    assert_eq!(before, after, "a failed unlock must not touch the vault's files");
}

#[test]
fn missing_damaged_and_newer_vaults_are_named_clearly() {
    let cli = Cli::new();
    let vault = cli.vault();
    let missing = cli.fails(&["list"]);
    assert!(missing.contains("no vault at") && missing.contains(&vault.display().to_string()), "{missing}");

    cli.init();
    cli.add(&["entry"]);
    let db = vault.join("vault.db");
    let keys = vault.join("vault.keys");
    let good_db = std::fs::read(&db).unwrap();
    let good_keys = std::fs::read(&keys).unwrap();

    // Truncated to a fraction of a page.
    std::fs::write(&db, &good_db[..100]).unwrap();
    let truncated = cli.fails(&["list"]);
    assert!(truncated.contains("damaged") && truncated.contains(&db.display().to_string()), "{truncated}");

    // Overwritten with other bytes.
    std::fs::write(&db, vec![0x5a; good_db.len()]).unwrap();
    let overwritten = cli.fails(&["list"]);
    assert!(overwritten.contains("damaged"), "{overwritten}");

    // Database gone, key file left.
    std::fs::remove_file(&db).unwrap();
    let gone = cli.fails(&["list"]);
    assert!(gone.contains("vault.db is missing"), "{gone}");
    std::fs::write(&db, &good_db).unwrap();

    // A key file from a newer Attune.
    let newer = String::from_utf8(good_keys.clone()).unwrap().replace("\"version\": 1", "\"version\": 7");
    std::fs::write(&keys, newer).unwrap();
    let too_new = cli.fails(&["list"]);
    assert!(too_new.contains("newer Attune") && too_new.contains("vault.keys"), "{too_new}");

    // A key file that is not JSON.
    std::fs::write(&keys, b"{ \"format\": \"attune-vault-keys\",\n oops").unwrap();
    let malformed = cli.fails(&["list"]);
    assert!(malformed.contains("line 2, column"), "{malformed}");

    std::fs::write(&keys, &good_keys).unwrap();
    assert_eq!(cli.json(&["list", "--json"]).as_array().map(Vec::len), Some(1), "restored files open again");
}

#[test]
fn bad_arguments_get_clear_errors() {
    let cli = Cli::new();
    cli.init();
    let unknown = cli.fails(&["show", "01900000-0000-7000-8000-000000000000"]);
    assert!(unknown.contains("no entry with id 01900000-0000-7000-8000-000000000000"), "{unknown}");
    let not_an_id = cli.fails(&["show", "xyz"]);
    assert!(not_an_id.contains("\"xyz\" is not an entry id"), "{not_an_id}");
    let bad_day = cli.fails(&["list", "--from", "2026-13-01"]);
    assert!(bad_day.contains("--from \"2026-13-01\" is not a date"), "{bad_day}");
    let bad_at = cli.fails(&["add", "--at", "yesterday", "text"]);
    assert!(bad_at.contains("--at \"yesterday\" is not a date and time"), "{bad_at}");
    let bad_mood = cli.fails(&["add", "--mood", "9", "text"]);
    assert!(bad_mood.contains("9"), "{bad_mood}");
    let empty_search = cli.fails(&["search", "***"]);
    assert!(empty_search.contains("nothing to search for"), "{empty_search}");
    let short = Cli::new();
    let weak = short.cmd().env("ATTUNE_PASSPHRASE", "short").arg("init").output().unwrap();
    assert!(String::from_utf8_lossy(&weak.stderr).contains("at least 8 characters"));
    assert!(!short.vault().join("vault.keys").exists(), "no vault is left behind");
}

#[test]
fn edits_keep_history_and_a_revision_can_be_restored() {
    let cli = Cli::new();
    cli.init();
    let id = cli.add(&["--title", "Draft", "first words"]);
    cli.ok(&["edit", &id, "second", "words"]);
    cli.ok(&["edit", &id, "--title", "Final", "third", "words"]);
    let history = cli.json(&["history", &id, "--json"]);
    let revisions = history.as_array().unwrap();
    assert_eq!(revisions.len(), 2, "each edit keeps the version it replaced");
    assert_eq!(revisions[0]["body"], "second words", "newest first");
    assert_eq!(revisions[1]["body"], "first words");

    let first = revisions[1]["id"].as_i64().unwrap().to_string();
    cli.ok(&["history", &id, "--restore", &first]);
    let shown = cli.json(&["show", &id, "--json"]);
    assert_eq!(shown["body"], "first words");
    assert_eq!(shown["title"], "Draft");
    let after = cli.json(&["history", &id, "--json"]);
    assert_eq!(after[0]["body"], "third words", "restoring kept the text it replaced");
    // A unique prefix of the id is enough.
    cli.ok(&["show", &id[..13]]);
}

#[test]
fn trash_hides_an_entry_until_restored() {
    let cli = Cli::new();
    cli.init();
    let id = cli.add(&["a note about boundaries"]);
    cli.ok(&["rm", &id]);
    assert_eq!(cli.json(&["list", "--json"]).as_array().map(Vec::len), Some(0));
    assert_eq!(cli.json(&["search", "boundaries", "--json"]).as_array().map(Vec::len), Some(0));
    assert_eq!(cli.json(&["list", "--trash", "--json"]).as_array().map(Vec::len), Some(1));
    let twice = cli.fails(&["rm", &id]);
    assert!(twice.contains("in the trash"), "{twice}");
    cli.ok(&["restore", &id]);
    assert_eq!(cli.json(&["search", "boundaries", "--json"]).as_array().map(Vec::len), Some(1));
    let edit_trashed = {
        cli.ok(&["rm", &id]);
        cli.fails(&["edit", &id, "new text"])
    };
    assert!(edit_trashed.contains("restore it first"), "{edit_trashed}");
    cli.ok(&["rm", "--purge", &id]);
    assert!(cli.fails(&["show", &id]).contains("no entry"));
}

#[test]
fn export_and_import_keep_everything_and_never_duplicate() {
    let source = Cli::new();
    source.init();
    let a =
        source.add(&["--tag", "calm", "--person", "Ana", "--mood", "2", "--at", "2026-01-02T21:00:00-05:00", "first"]);
    source.ok(&["edit", &a, "first, revised"]);
    let b = source.add(&["second, to the trash"]);
    source.ok(&["rm", &b]);
    let file = source.dir.path().join("export.json");
    source.ok(&["export", "--format", "json", "--out", file.to_str().unwrap()]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the plaintext export is private to its owner");
    }

    let target = Cli::new();
    target.init();
    let out = target.cmd().args(["import", file.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("imported 2 entries"));

    for id in [&a, &b] {
        assert_eq!(
            source.json(&["show", id, "--json"]),
            target.json(&["show", id, "--json"]),
            "entry {id} is identical"
        );
        assert_eq!(
            source.json(&["history", id, "--json"]).as_array().map(Vec::len),
            target.json(&["history", id, "--json"]).as_array().map(Vec::len)
        );
    }
    assert_eq!(target.json(&["list", "--trash", "--json"]).as_array().map(Vec::len), Some(1), "the trash travels too");

    let again = target.cmd().args(["import", file.to_str().unwrap()]).output().unwrap();
    assert!(String::from_utf8_lossy(&again.stderr).contains("imported 0 entries (2 already in the vault"));
    assert_eq!(target.json(&["list", "--json"]).as_array().map(Vec::len), Some(1));
}

#[test]
fn a_malformed_import_names_the_place_and_imports_nothing() {
    let cli = Cli::new();
    cli.init();
    let file = cli.dir.path().join("bad.json");
    std::fs::write(
        &file,
        r#"{"format": "attune-export", "version": 1, "entries": [
  {"id": "01900000-0000-7000-8000-000000000001", "kind": "journal", "body": "ok",
   "created_at": "2026-01-01T10:00:00Z", "updated_at": "2026-01-01T10:00:00Z"},
  {"id": "01900000-0000-7000-8000-000000000002", "kind": "journal", "body": "bad mood", "mood": 11,
   "created_at": "2026-01-01T10:00:00Z", "updated_at": "2026-01-01T10:00:00Z"}
]}"#,
    )
    .unwrap();
    let err = cli.fails(&["import", file.to_str().unwrap()]);
    assert!(err.contains("line 4") && err.contains("entries[1].mood"), "{err}");
    assert_eq!(cli.json(&["list", "--json"]).as_array().map(Vec::len), Some(0), "all or nothing");

    std::fs::write(&file, b"\x00\x01 not json").unwrap();
    assert!(cli.fails(&["import", file.to_str().unwrap()]).contains("line 1, column"));
}

#[test]
fn passwd_and_recover_replace_the_passphrase() {
    let cli = Cli::new();
    let words = cli.init();
    let id = cli.add(&["kept safe"]);

    let changed = cli.cmd().env("ATTUNE_NEW_PASSPHRASE", "a brand new passphrase").arg("passwd").output().unwrap();
    assert!(changed.status.success(), "{}", String::from_utf8_lossy(&changed.stderr));
    assert!(cli.fails(&["list"]).contains("wrong passphrase"), "the old passphrase no longer opens it");
    let with_new = cli.cmd().env("ATTUNE_PASSPHRASE", "a brand new passphrase").args(["show", &id]).output().unwrap();
    assert!(with_new.status.success());

    let wrong_words = cli
        .cmd()
        .env("ATTUNE_RECOVERY_PHRASE", ["abandon"; 24].join(" "))
        .env("ATTUNE_NEW_PASSPHRASE", "whatever it is now")
        .arg("recover")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&wrong_words.stderr).contains("checksum failed"));

    let recovered = cli
        .cmd()
        .env_remove("ATTUNE_PASSPHRASE")
        .env("ATTUNE_RECOVERY_PHRASE", &words)
        .env("ATTUNE_NEW_PASSPHRASE", "remembered this time")
        .arg("recover")
        .output()
        .unwrap();
    assert!(recovered.status.success(), "{}", String::from_utf8_lossy(&recovered.stderr));
    let shown =
        cli.cmd().env("ATTUNE_PASSPHRASE", "remembered this time").args(["show", &id, "--json"]).output().unwrap();
    assert!(shown.status.success());
    assert!(String::from_utf8_lossy(&shown.stdout).contains("kept safe"));
}

#[test]
fn doctor_passes_a_healthy_vault_and_fails_a_damaged_page() {
    let cli = Cli::new();
    cli.init();
    let long = "a long paragraph about the week, written slowly. ".repeat(200);
    for _ in 0..20 {
        cli.add(&[&long]);
    }
    let report = cli.ok(&["doctor"]);
    assert!(report.contains("the vault is healthy"), "{report}");
    let json = cli.json(&["doctor", "--json"]);
    assert_eq!(
        json["checks"].as_array().map(Vec::len),
        Some(6),
        "encrypted pages, structure, references, search index, private files, outside synced folders"
    );

    // Flip bytes inside a page past the first: the key still opens the file, the HMAC fails.
    let db = cli.vault().join("vault.db");
    let mut bytes = std::fs::read(&db).unwrap();
    assert!(bytes.len() > 4096 * 8, "enough pages to damage one in the middle");
    let middle = (bytes.len() / 4096 / 2) * 4096 + 1000;
    for b in &mut bytes[middle..middle + 16] {
        *b ^= 0xff;
    }
    std::fs::write(&db, bytes).unwrap();
    let out = cli.run(&["doctor"]);
    assert!(!out.status.success(), "doctor must fail on a damaged page");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("PROBLEM") || text.contains("damaged"), "{text}");
    assert!(!text.contains("panicked"), "{text}");
}

#[test]
fn keyring_unavailable_is_said_plainly_and_the_passphrase_still_works() {
    let cli = Cli::new();
    let out = cli.cmd().args(["init", "--keyring"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no system keyring is available"), "{stderr}");
    assert_eq!(cli.ok(&["keyring", "status"]).trim(), "off");
    cli.add(&["still works"]);
}

#[test]
fn exercises_list_show_validate_import_and_record() {
    let cli = Cli::new();
    cli.init();
    let list = cli.json(&["exercises", "list", "--json"]);
    let ids: Vec<&str> = list.as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap()).collect();
    for id in ["boundaries", "nervous-system-checkin", "reciprocity", "shadow-work", "grounding"] {
        assert!(ids.contains(&id), "{id} is built in: {ids:?}");
    }
    let shown = cli.ok(&["exercises", "show", "boundaries"]);
    assert!(shown.contains("not therapy") && shown.contains("[checklist]"), "{shown}");
    assert!(cli.fails(&["exercises", "show", "nope"]).contains("no exercise pack with id \"nope\""));
    let deep = cli.ok(&["exercises", "show", "patterns"]);
    assert!(deep.contains("When not to do this alone:"), "a deep pack says when not to do it alone: {deep}");
    assert!(
        deep.contains("[to read] Hot and cold") && deep.contains("reward system"),
        "learn steps print their text: {deep}"
    );

    // A facilitator's pack: a broken one names file, line and field; a good one is kept in the vault.
    let bad = cli.dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "id = \"evening\"\nversion = \"1\"\ntitle = \"Evening\"\nlanguage = \"en\"\ntheme = \"gratitude\"\n\
         why = \"A short evening look back.\"\nminutes = 3\ndepth = \"light\"\n\n[[steps]]\nid = \"one\"\nkind = \"text\"\nprompt = \"\"\n",
    )
    .unwrap();
    let err = cli.fails(&["exercises", "validate", bad.to_str().unwrap()]);
    assert!(err.contains("bad.toml:13") && err.contains("steps[0].prompt"), "{err}");
    let good = cli.dir.path().join("evening.toml");
    std::fs::write(
        &good,
        std::fs::read_to_string(&bad).unwrap().replace("prompt = \"\"", "prompt = \"What went well today?\""),
    )
    .unwrap();
    assert!(cli.ok(&["exercises", "validate", good.to_str().unwrap()]).starts_with("ok: evening 1"));
    // Its Portuguese words, checked against it; a built-in pack's translation needs no --pack.
    let words = cli.dir.path().join("evening.pt-BR.toml");
    let translation = "translates = \"evening\"\nversion = \"1\"\nlanguage = \"pt-BR\"\ntitle = \"Noite\"\n\
                       why = \"Um olhar curto para o dia.\"\n\n[[steps]]\nid = \"one\"\nprompt = \"O que foi bom hoje?\"\n";
    std::fs::write(&words, translation).unwrap();
    let with_pack = ["exercises", "validate", words.to_str().unwrap(), "--pack", good.to_str().unwrap()];
    assert!(cli.ok(&with_pack).starts_with("ok: evening 1 pt-BR \"Noite\""));
    let err = cli.fails(&["exercises", "validate", words.to_str().unwrap()]);
    assert!(err.contains("not a built-in pack") && err.contains("--pack"), "{err}");
    std::fs::write(&words, translation.replace("id = \"one\"", "id = \"two\"")).unwrap();
    let err = cli.fails(&with_pack);
    assert!(err.contains("evening.pt-BR.toml:8") && err.contains("\"two\""), "{err}");
    assert!(cli.ok(&["exercises", "validate", "exercises/es/grounding.toml"]).starts_with("ok: grounding 1.0 es"));
    cli.ok(&["exercises", "import", good.to_str().unwrap()]);
    let after = cli.json(&["exercises", "list", "--json"]);
    let evening = after.as_array().unwrap().iter().find(|p| p["id"] == "evening").expect("imported pack listed");
    assert_eq!(evening["imported"], true);

    // Record the boundary checklist from answers: the worked example in the pack's comment.
    let answers = cli.dir.path().join("answers.json");
    std::fs::write(
        &answers,
        r#"{"time": {"checklist": {"own-plans": "yes", "overcommit": "sometimes", "rest": "no", "gave-away": "yes"}},
            "moment": {"text": "Said yes to the Saturday shift again."}}"#,
    )
    .unwrap();
    let out =
        cli.cmd().args(["exercises", "record", "boundaries", "--answers", answers.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Time: 3 of 8 (often stretched thin)"));
    let id = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    let entry = cli.json(&["show", &id, "--json"]);
    assert_eq!(entry["kind"], "exercise");
    assert_eq!(entry["exercise"]["id"], "boundaries");
    assert_eq!(entry["answers"]["scores"][0]["value"], 3);
    let hits = cli.json(&["search", "saturday", "--json"]);
    assert_eq!(hits[0]["id"], id.as_str(), "written answers are searchable");
    assert_eq!(cli.json(&["search", "stretched", "--json"]).as_array().map(Vec::len), Some(0), "score words are not");

    // Answers that do not fit the pack are refused, naming the step.
    std::fs::write(&answers, r#"{"time": {"text": "wrong kind"}}"#).unwrap();
    let refused = cli.fails(&["exercises", "record", "boundaries", "--answers", answers.to_str().unwrap()]);
    assert!(refused.contains("time"), "{refused}");
}

#[test]
fn markdown_export_writes_one_private_file_per_entry_with_front_matter() {
    let cli = Cli::new();
    cli.init();
    cli.add(&[
        "--title",
        "Home: again",
        "--tag",
        "after retreat",
        "--person",
        "Sam",
        "--mood",
        "4",
        "--at",
        "2026-03-14T20:15:00+01:00",
        "He said \"welcome back\".",
    ]);
    let trashed = cli.add(&["to the trash"]);
    cli.ok(&["rm", &trashed]);
    let answers = cli.dir.path().join("answers.json");
    std::fs::write(&answers, r#"{"time": {"checklist": {"rest": "no"}}, "moment": {"text": "The Saturday shift."}}"#)
        .unwrap();
    cli.ok(&["exercises", "record", "boundaries", "--answers", answers.to_str().unwrap()]);

    let out = cli.dir.path().join("md");
    cli.ok(&["export", "--format", "markdown", "--out", out.to_str().unwrap()]);
    let mut files: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert_eq!(files.len(), 2, "the trashed entry is left out: {files:?}");
    let home = files
        .iter()
        .find(|f| f.to_string_lossy().contains("2026-03-14-2015-home-again"))
        .expect("named by date and title");
    let text = std::fs::read_to_string(home).unwrap();
    assert!(text.starts_with("---\nid: "), "{text}");
    for line in [
        "date: 2026-03-14T20:15:00+01:00",
        "title: \"Home: again\"",
        "tags: [\"after retreat\"]",
        "people: [\"Sam\"]",
        "mood: 4",
    ] {
        assert!(text.contains(line), "front matter has {line:?}: {text}");
    }
    assert!(text.contains("He said \"welcome back\"."));
    let exercise =
        std::fs::read_to_string(files.iter().find(|f| f.to_string_lossy().contains("boundaries")).unwrap()).unwrap();
    assert!(exercise.contains("## Think of a recent moment") && exercise.contains("The Saturday shift."), "{exercise}");
    assert!(exercise.contains("- I could rest without explaining or apologising. — no"), "{exercise}");
    assert!(exercise.contains("## Scores") && exercise.contains("not therapy"), "{exercise}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o700);
        assert_eq!(std::fs::metadata(home).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let again = cli.fails(&["export", "--format", "markdown", "--out", out.to_str().unwrap()]);
    assert!(again.contains("is not empty"), "{again}");
}

#[test]
fn an_encrypted_backup_restores_with_the_passphrase_or_the_recovery_phrase() {
    let cli = Cli::new();
    let words = cli.init();
    let id = cli.add(&["--title", "Zebrafinch canary", "kept in the backup"]);
    let backup = cli.dir.path().join("journal.attune-backup");
    cli.ok(&["backup", "--out", backup.to_str().unwrap()]);
    let bytes = std::fs::read(&backup).unwrap();
    assert!(!common::contains(&bytes, b"Zebrafinch"), "the backup holds no entry text in the clear");

    let target = cli.dir.path().join("restored");
    let out =
        cli.cmd().args(["--vault", target.to_str().unwrap(), "restore", backup.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let shown = cli.cmd().args(["--vault", target.to_str().unwrap(), "show", &id, "--json"]).output().unwrap();
    assert!(String::from_utf8_lossy(&shown.stdout).contains("kept in the backup"));

    // Into a folder that already holds a vault: refused.
    let twice =
        cli.cmd().args(["--vault", target.to_str().unwrap(), "restore", backup.to_str().unwrap()]).output().unwrap();
    assert!(String::from_utf8_lossy(&twice.stderr).contains("already exists"));

    // A wrong passphrase leaves nothing behind; the recovery phrase works.
    let other = cli.dir.path().join("other");
    let wrong = cli
        .cmd()
        .env("ATTUNE_PASSPHRASE", "not the passphrase")
        .args(["--vault", other.to_str().unwrap(), "restore", backup.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("wrong passphrase"));
    assert!(!other.exists(), "a refused restore leaves nothing behind, not even the folder");
    let recovered = cli
        .cmd()
        .env_remove("ATTUNE_PASSPHRASE")
        .env("ATTUNE_RECOVERY_PHRASE", &words)
        .args(["--vault", other.to_str().unwrap(), "restore", backup.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(recovered.status.success(), "{}", String::from_utf8_lossy(&recovered.stderr));

    // Something that is not a backup.
    let junk = cli.dir.path().join("junk.bin");
    std::fs::write(&junk, b"hello").unwrap();
    let third = cli.dir.path().join("third");
    let refused =
        cli.cmd().args(["--vault", third.to_str().unwrap(), "restore", junk.to_str().unwrap()]).output().unwrap();
    assert!(String::from_utf8_lossy(&refused.stderr).contains("is not an Attune backup"));
}

#[test]
fn automatic_backups_run_once_a_day_and_say_so() {
    let cli = Cli::new();
    cli.init();
    cli.add(&["an entry to keep"]);
    let folder = cli.dir.path().join("auto");
    let first = cli.run(&["backup", "--auto", folder.to_str().unwrap(), "--keep", "2"]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let today = chrono::Local::now().date_naive();
    let name = format!("attune-auto-{}.attune-backup", today.format("%Y-%m-%d"));
    assert!(folder.join(&name).exists(), "named after today");
    let second = cli.run(&["backup", "--auto", folder.to_str().unwrap()]);
    assert!(second.status.success());
    assert!(
        String::from_utf8_lossy(&second.stderr).contains("nothing to do"),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    let neither = cli.run(&["backup"]);
    assert_eq!(neither.status.code(), Some(2), "--out or --auto is required");
    let stray = cli.dir.path().join("stray.attune-backup");
    let keep_alone = cli.run(&["backup", "--out", stray.to_str().unwrap(), "--keep", "3"]);
    assert_eq!(keep_alone.status.code(), Some(2), "--keep goes with --auto");
    assert!(!stray.exists());
}

#[test]
fn summary_writes_a_private_pdf_where_asked_and_insights_list_what_was_found() {
    let cli = Cli::new();
    cli.init();
    cli.add(&[
        "--at",
        "2026-03-02T20:00:00+01:00",
        "--mood",
        "2",
        "--tag",
        "work",
        "--person",
        "Sam",
        "A café evening; #panic() stays text.",
    ]);
    let secret = cli.add(&["--at", "2026-03-03T20:00:00+01:00", "A secret only for me."]);
    let answers = cli.dir.path().join("answers.json");
    std::fs::write(&answers, r#"{"now": {"checkin": {"calm": 3, "tense": 1}}}"#).unwrap();
    for day in 4..=8 {
        let at = format!("2026-03-0{day}T08:00:00+01:00");
        cli.ok(&["exercises", "record", "nervous-system-checkin", "--answers", answers.to_str().unwrap(), "--at", &at]);
    }

    let pdf = cli.dir.path().join("march.pdf");
    let pdf_arg = pdf.to_str().unwrap();
    let out = cli.run(&[
        "summary",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--without",
        "charts",
        "--exclude",
        &secret,
        "--out",
        pdf_arg,
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("NOT encrypted") && stderr.contains(pdf_arg),
        "the tool says where and that it is plaintext: {stderr}"
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&pdf).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let text =
        std::process::Command::new("pdftotext").args([pdf_arg, "-"]).output().expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&text.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("A café evening; #panic() stays text."), "{text}");
    assert!(!text.contains("secret") && !text.contains("Over time"), "excluded entry and section stay out: {text}");

    let found = cli.json(&["insights", "--json"]);
    let trends = found["score_trends"].as_array().expect("score_trends is a list");
    assert_eq!(trends.len(), 2, "ease and alarm of the daily check-in: {found}");
    assert_eq!(trends[0]["entries"].as_array().map(Vec::len), Some(5));
    let listing = cli.ok(&["insights"]);
    assert!(listing.contains("Scores over time") && listing.contains("Sense of ease: 5 sessions"), "{listing}");

    let other = cli.dir.path().join("other.pdf");
    let other_arg = other.to_str().unwrap();
    let usage = cli.run(&["summary", "--without", "pictures", "--out", other_arg]);
    assert_eq!(usage.status.code(), Some(2), "an unknown section is a usage error");
    assert!(String::from_utf8_lossy(&usage.stderr).contains("pictures"));
    for (args, says) in [
        (vec!["summary", "--integration", "--out", other_arg], "no integration plan"),
        (vec!["summary", "--person", "Nobody", "--out", other_arg], "\"Nobody\""),
        (
            vec!["summary", "--from", "2026-03-31", "--to", "2026-03-01", "--out", other_arg],
            "ends (2026-03-01) before it starts",
        ),
        (vec!["summary", "--exclude", "zzzzzzzz", "--out", other_arg], "--exclude zzzzzzzz"),
        (vec!["summary", "--out", "/no/such/folder/x.pdf"], "/no/such/folder/x.pdf"),
    ] {
        let stderr = cli.fails(&args);
        assert!(stderr.contains(says), "attune {args:?} should say {says:?}: {stderr}");
    }
    assert!(!other.exists(), "nothing is written when the summary fails");
}

#[test]
fn the_pdf_export_holds_every_entry_of_its_period_and_says_it_is_not_encrypted() {
    let cli = Cli::new();
    cli.init();
    cli.ok(&["add", "--title", "Spring walk", "--at", "2026-03-02T19:00:00+01:00", "Τα πρώτα λουλούδια, and a café."]);
    cli.ok(&["add", "--title", "Summer evening", "--at", "2026-07-02T21:00:00+02:00", "Long light over the lake."]);
    let pdf = cli.dir.path().join("all.pdf");
    let out = cli.run(&["export", "--format", "pdf", "--out", pdf.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("NOT encrypted"));
    let text = |path: &std::path::Path| {
        let raw = std::process::Command::new("pdftotext").args([path.to_str().unwrap(), "-"]).output().unwrap();
        String::from_utf8_lossy(&raw.stdout).split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let all = text(&pdf);
    assert!(all.contains("Τα πρώτα λουλούδια, and a café.") && all.contains("Long light over the lake."), "{all}");

    let spring = cli.dir.path().join("spring.pdf");
    cli.ok(&[
        "export",
        "--format",
        "pdf",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--out",
        spring.to_str().unwrap(),
    ]);
    let part = text(&spring);
    assert!(part.contains("Spring walk") && !part.contains("Summer evening"), "{part}");

    let misuse = cli.run(&["export", "--from", "2026-03-01", "--out", cli.dir.path().join("x.json").to_str().unwrap()]);
    assert!(!misuse.status.success());
    assert!(String::from_utf8_lossy(&misuse.stderr).contains("--from and --to go with --format pdf"));
}

#[cfg(target_os = "linux")]
#[test]
fn the_tool_runs_with_core_dumps_off() {
    let cli = Cli::new();
    cli.init();
    // `add` with no text waits on standard input: look at the process while it waits.
    let mut child = cli.cmd().arg("add").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    let limits_path = format!("/proc/{}/limits", child.id());
    let mut limits = String::new();
    for _ in 0..100 {
        limits = std::fs::read_to_string(&limits_path).unwrap_or_default();
        // The hard limit: many systems start with a soft limit of zero already.
        if limits.lines().any(|l| l.starts_with("Max core file size") && l.split_whitespace().nth(5) == Some("0")) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.stdin.take().unwrap().write_all(b"a note while waiting").unwrap();
    assert!(child.wait().unwrap().success());
    let core = limits.lines().find(|l| l.starts_with("Max core file size")).unwrap_or_default().to_owned();
    let fields: Vec<&str> = core.split_whitespace().collect();
    assert_eq!(fields.get(4..6), Some(&["0", "0"][..]), "soft and hard core limits are zero: {core}");
}

#[test]
fn the_manual_page_and_completions_come_from_the_real_command_line() {
    let cli = Cli::new();
    let man = cli.ok(&["generate", "man"]);
    assert!(man.starts_with(".ie") || man.contains(".TH attune 1"), "a roff manual page with its title: {man:.200}");
    for subcommand in ["init", "search", "backup", "summary"] {
        assert!(man.contains(subcommand), "the manual page lists `attune {subcommand}`");
    }
    assert!(!man.contains("generate"), "the packaging subcommand stays out of the manual");
    let bash = cli.ok(&["generate", "bash"]);
    assert!(bash.contains("complete -F") && bash.contains("attune"), "a bash completion script for attune");
    assert!(bash.contains("--passphrase-stdin"), "completions know the global flags");
    let zsh = cli.ok(&["generate", "zsh"]);
    assert!(zsh.starts_with("#compdef attune"), "a zsh completion function");
    let fish = cli.ok(&["generate", "fish"]);
    assert!(fish.contains("complete -c attune"), "a fish completion script");
    let help = cli.ok(&["--help"]);
    assert!(!help.contains("generate"), "`attune --help` does not offer the packaging subcommand");
}
