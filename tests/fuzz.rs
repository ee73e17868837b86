//! Fuzzing on stable Rust: proptest throws arbitrary bytes, mutated real files and well-formed
//! JSON of the wrong shape at every importer and at the exercise pack parser. Each must return
//! (never panic), and every error must say where: the file's name, and a line for JSON syntax.
//!
//! `tests/fuzz/corpus/<target>/` keeps interesting inputs found or written by hand (truncated,
//! wrong types, deep nesting, huge strings, invalid UTF-8, archives with `../` names, jrnl text
//! with hostile date lines, encrypted jrnl journals). Every run
//! replays all of them. Add a file there whenever an input teaches something.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step should stop the test

use std::path::{Path, PathBuf};

use attune::exchange::import::{self, Format, ImportError, Limits, Options};
use attune::exercises::Pack;
use proptest::prelude::*;

const NAME: &str = "fuzz-input";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_owned()
}

/// Small limits, so that archive bombs in the corpus hit them quickly.
fn options() -> Options {
    let mut options = Options::in_zone("Europe/Paris").unwrap();
    options.limits = Limits {
        json_bytes: 1024 * 1024,
        attune_bytes: 1024 * 1024,
        total_bytes: 2 * 1024 * 1024,
        archive_members: 100,
        folder_files: 100,
        markdown_bytes: 1024 * 1024,
    };
    options
}

/// Runs one importer on `bytes` and checks the answer is located.
fn check_import(format: Format, bytes: &[u8]) -> Result<(), TestCaseError> {
    match import::plan_bytes(format, NAME, bytes, &options()) {
        Ok(plan) => {
            for skipped in &plan.skipped {
                prop_assert!(skipped.place.file.contains(NAME), "a skip names its file: {skipped}");
                prop_assert!(!skipped.reason.is_empty());
            }
            for entry in &plan.entries {
                prop_assert!(entry.validate().is_ok(), "planned entries are valid");
            }
        }
        Err(e) => {
            let message = e.to_string();
            prop_assert!(message.contains(NAME), "the error names the input: {message}");
            if let ImportError::Malformed { line, .. } = e {
                prop_assert!(line >= 1, "JSON errors carry a line: {message}");
            }
        }
    }
    Ok(())
}

fn check_pack(bytes: &[u8]) -> Result<(), TestCaseError> {
    let text = String::from_utf8_lossy(bytes);
    if let Err(e) = Pack::from_toml(NAME, &text) {
        let message = e.to_string();
        prop_assert!(message.starts_with(&format!("{NAME}:")), "a pack error names file and line: {message}");
    }
    Ok(())
}

fn check(target: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    match target {
        "attune" => check_import(Format::Attune, bytes),
        "dayone" | "dayone-zip" => check_import(Format::DayOne, bytes),
        "jrnl" | "jrnl-text" => check_import(Format::Jrnl, bytes),
        "markdown" => check_import(Format::Markdown, bytes),
        "pack" => check_pack(bytes),
        other => panic!("no fuzz target {other}"),
    }
}

const TARGETS: [&str; 7] = ["attune", "dayone", "dayone-zip", "jrnl", "jrnl-text", "markdown", "pack"];

#[test]
fn the_corpus_replays_without_panics_and_with_located_errors() {
    let mut replayed = 0;
    for target in TARGETS {
        let dir = root().join("tests/fuzz/corpus").join(target);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        assert!(!files.is_empty(), "the {target} corpus has inputs");
        for file in files {
            let bytes = std::fs::read(&file).unwrap();
            check(target, &bytes).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            replayed += 1;
        }
    }
    assert!(replayed >= 50, "the corpus keeps its inputs ({replayed})");
}

#[test]
fn archives_in_the_corpus_are_refused_or_read_as_expected() {
    let corpus = root().join("tests/fuzz/corpus/dayone-zip");
    let plan =
        |name: &str| import::plan_bytes(Format::DayOne, name, &std::fs::read(corpus.join(name)).unwrap(), &options());
    let bomb = plan("compressible-bomb.zip").unwrap_err();
    assert!(matches!(bomb, ImportError::TooLarge { .. }), "3 MiB of JSON past a 1 MiB limit: {bomb}");
    let traversal = plan("traversal-names.zip").unwrap();
    assert_eq!(traversal.entries.len(), 1, "read as names, never as paths");
    assert!(traversal.skipped.iter().all(|s| s.reason.starts_with("the same entry as")), "{:?}", traversal.skipped);
    let control = plan("control-chars-in-names.zip").unwrap();
    assert!(control.skipped.iter().all(|s| !s.place.file.chars().any(char::is_control)), "names are made printable");
    assert!(matches!(plan("no-json.zip").unwrap_err(), ImportError::NothingToRead { .. }));
    assert!(matches!(plan("bzip2-member.zip").unwrap_err(), ImportError::Archive { .. }));
    assert_eq!(plan("stored-not-deflated.zip").unwrap().entries.len(), 1);
}

/// Files the mutations start from: real exports and packs.
fn seed(target: &str) -> Vec<u8> {
    let path = match target {
        "attune" => return ATTUNE_SEED.as_bytes().to_vec(),
        "dayone" => root().join("tests/fixtures/import/dayone/Journal.json"),
        "jrnl" => root().join("tests/fixtures/import/jrnl/journal.json"),
        "jrnl-text" => root().join("tests/fixtures/import/jrnl-text/journal.txt"),
        "markdown" => root().join("tests/fixtures/import/markdown/notes/lisbon-trip.md"),
        "pack" => root().join("exercises/boundaries.toml"),
        "dayone-zip" => root().join("tests/fuzz/corpus/dayone-zip/traversal-names.zip"),
        other => panic!("no seed for {other}"),
    };
    std::fs::read(path).unwrap()
}

const ATTUNE_SEED: &str = r#"{"format": "attune-export", "version": 1, "exported_at": "2026-03-14T20:15:00.000+01:00",
"people": [{"name": "Sam", "relationship": "brother", "archived": false}],
"entries": [{"id": "01900000-0000-7000-8000-000000000001", "kind": "journal", "title": "Home", "body": "Walked.",
  "mood": 3, "created_at": "2026-03-14T20:15:00+01:00", "updated_at": "2026-03-14T20:15:00+01:00",
  "tags": ["retreat"], "people": ["Sam"],
  "revisions": [{"title": "", "body": "draft", "saved_at": "2026-03-14T20:00:00+01:00", "replaced_at": "2026-03-14T20:15:00+01:00"}]}]}"#;

#[derive(Clone, Debug)]
enum Mutation {
    Flip { at: usize, byte: u8 },
    Insert { at: usize, bytes: Vec<u8> },
    Delete { at: usize, len: usize },
    Truncate { at: usize },
    Duplicate { at: usize, len: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    // Positions are fractions of the length, so they fit any seed.
    let at = any::<usize>();
    prop_oneof![
        (at, any::<u8>()).prop_map(|(at, byte)| Mutation::Flip { at, byte }),
        (at, prop::collection::vec(prop_oneof![any::<u8>(), Just(b'"'), Just(b'{'), Just(b'['), Just(b'\\')], 1..8))
            .prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        (at, 1usize..64).prop_map(|(at, len)| Mutation::Delete { at, len }),
        at.prop_map(|at| Mutation::Truncate { at }),
        (at, 1usize..256).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
    ]
}

fn apply(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len().max(1);
        match m {
            Mutation::Flip { at, byte } => {
                if !bytes.is_empty() {
                    let i = at % bytes.len();
                    bytes[i] ^= byte | 1;
                }
            }
            Mutation::Insert { at, bytes: new } => {
                let i = at % len.min(bytes.len() + 1);
                bytes.splice(i..i, new.iter().copied());
            }
            Mutation::Delete { at, len: n } => {
                if !bytes.is_empty() {
                    let i = at % bytes.len();
                    let end = (i + n).min(bytes.len());
                    bytes.drain(i..end);
                }
            }
            Mutation::Truncate { at } => bytes.truncate(at % len),
            Mutation::Duplicate { at, len: n } => {
                if !bytes.is_empty() {
                    let i = at % bytes.len();
                    let end = (i + n).min(bytes.len());
                    let copy = bytes[i..end].to_vec();
                    bytes.splice(end..end, copy);
                }
            }
        }
    }
    bytes
}

/// Any JSON value, a few levels deep.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        ".{0,40}".prop_map(Value::String),
        prop_oneof![
            Just("2020-07-01T18:30:00Z"),
            Just("2020-07-01"),
            Just("20:00"),
            Just("Asia/Bangkok"),
            Just("01900000-0000-7000-8000-000000000001"),
            Just("0A1B2C3D4E5F60718293A4B5C6D7E8F9"),
            Just("# Title\\.\n![](dayone-moment://X)"),
            Just("journal"),
        ]
        .prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    ".{0,8}".boxed(),
                    prop_oneof![
                        Just("uuid"),
                        Just("creationDate"),
                        Just("modifiedDate"),
                        Just("timeZone"),
                        Just("text"),
                        Just("tags"),
                        Just("starred"),
                        Just("location"),
                        Just("photos"),
                        Just("title"),
                        Just("body"),
                        Just("date"),
                        Just("time"),
                        Just("entries"),
                        Just("id"),
                        Just("kind"),
                        Just("created_at"),
                        Just("updated_at"),
                        Just("format"),
                        Just("version"),
                        Just("people"),
                        Just("mood"),
                    ]
                    .prop_map(str::to_owned)
                    .boxed(),
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// JSON of the right outline with anything in the fields: `{"entries": [{...}, ...]}` and,
/// for Attune, the export header.
fn shaped(target: &'static str) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(json_value(), 0..5).prop_map(move |entries| {
        let doc = match target {
            "attune" => serde_json::json!({"format": "attune-export", "version": 1, "entries": entries}),
            _ => serde_json::json!({"metadata": {"version": "1.0"}, "entries": entries}),
        };
        serde_json::to_vec_pretty(&doc).unwrap()
    })
}

proptest! {
    // 128 cases a run by default; PROPTEST_CASES=5000 for a longer hunt.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(128),
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_bytes_never_panic(target in prop::sample::select(TARGETS.to_vec()),
                                   bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check(target, &bytes)?;
    }

    #[test]
    fn mutated_real_files_never_panic(target in prop::sample::select(TARGETS.to_vec()),
                                      mutations in prop::collection::vec(mutation(), 1..6)) {
        check(target, &apply(seed(target), &mutations))?;
    }

    #[test]
    fn well_formed_json_of_the_wrong_shape_never_panics(
        target in prop::sample::select(vec!["attune", "dayone", "jrnl"]),
        bytes in prop_oneof![shaped("dayone"), shaped("attune"), json_value().prop_map(|v| serde_json::to_vec(&v).unwrap())],
    ) {
        check(target, &bytes)?;
    }

    /// `entries = added + already_present + skipped`: each element of a file's `entries` is
    /// either planned or skipped with a reason, never lost on the way.
    #[test]
    fn every_entry_of_a_file_is_planned_or_skipped(
        target in prop::sample::select(vec![Format::DayOne, Format::Jrnl]),
        entries in prop::collection::vec(json_value(), 0..6),
    ) {
        let bytes = serde_json::to_vec(&serde_json::json!({"entries": entries})).unwrap();
        let plan = import::plan_bytes(target, NAME, &bytes, &options())?;
        prop_assert_eq!(plan.entries.len() + plan.skipped.len(), entries.len(), "{:?}", plan.skipped);
    }

    #[test]
    fn arbitrary_front_matter_never_panics(lines in prop::collection::vec(
        prop_oneof![
            "[a-z]{1,6}: .{0,30}",
            " {0,4}- .{0,20}",
            "(title|date|tags|people|mood|id|updated): .{0,30}",
            ".{0,30}",
        ], 0..10), body in ".{0,80}") {
        let text = format!("---\n{}\n---\n{body}", lines.join("\n"));
        check("markdown", text.as_bytes())?;
    }
}
