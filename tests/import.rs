//! Importing other journals: Day One, jrnl and Markdown fixtures through the real `attune`
//! binary on real vaults, and the limits that keep hostile input bounded.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step should stop the test

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use attune::exchange::import::{self, Format, ImportError, Limits, Options};
use common::Cli;
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

/// A zip archive of `members` (name, bytes), deflated, as Day One writes it.
fn zip_of(path: &Path, members: &[(&str, Vec<u8>)]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in members {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

/// A real JPEG of 64×48 pixels, made here.
fn small_jpeg() -> Vec<u8> {
    let img = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([(x * 4) as u8, (y * 5) as u8, 200]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Jpeg)
        .unwrap();
    out
}

/// The Day One fixture as the app exports it: the two journals and a photo.
fn dayone_zip(dir: &Path) -> PathBuf {
    let path = dir.join("Export - Day One.zip");
    let read = |name: &str| std::fs::read(fixtures().join("dayone").join(name)).unwrap();
    zip_of(
        &path,
        &[
            ("Journal.json", read("Journal.json")),
            ("Travel.json", read("Travel.json")),
            ("photos/d41d8cd98f00b204e9800998ecf8427e.jpeg", small_jpeg()),
        ],
    );
    path
}

fn import_json(cli: &Cli, args: &[&str]) -> Value {
    let mut all = vec!["import", "--json"];
    all.extend_from_slice(args);
    let outcome = cli.json(&all);
    assert_every_entry_is_counted(&outcome);
    outcome
}

/// Every entry read is accounted for: added, already in the vault, or skipped with a reason.
fn assert_every_entry_is_counted(outcome: &Value) {
    let n = |k: &str| outcome[k].as_u64().unwrap_or_else(|| panic!("{k} is a count in {outcome}"));
    let skipped = outcome["skipped"].as_array().map_or(0, Vec::len) as u64;
    assert_eq!(
        n("entries"),
        n("added") + n("already_present") + skipped,
        "entries read = added + already present + skipped: {outcome}"
    );
}

fn entries(cli: &Cli) -> Vec<Value> {
    cli.json(&["list", "--json", "--limit", "1000"]).as_array().unwrap().clone()
}

fn reasons(outcome: &Value) -> Vec<String> {
    outcome["skipped"].as_array().unwrap().iter().map(|s| s["reason"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn a_day_one_zip_previews_then_imports_once() {
    let cli = Cli::new();
    cli.init();
    let zip = dayone_zip(cli.dir.path());
    let zip_arg = zip.to_str().unwrap();

    let preview = import_json(&cli, &["--dry-run", zip_arg]);
    assert_eq!(preview["format"], "dayone", "detected from the archive");
    assert_eq!(preview["dry_run"], true);
    assert_eq!(preview["entries"], 8, "seven entries in Journal.json (four skipped), one in Travel.json");
    assert_eq!(preview["added"], 4);
    assert_eq!(preview["already_present"], 0);
    // The photo of the Bangkok entry is in the archive; the video and audio of the second entry
    // are not (reported), and the photo of the blank entry goes with it.
    assert_eq!(preview["attachments_added"], 1);
    assert_eq!(preview["media_skipped"], serde_json::json!({"photos": 1, "videos": 1, "audios": 1, "pdfs": 0}));
    let problems: Vec<String> = preview["media_problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| format!("{} {}", p["entry"], p["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(
        problems,
        [
            "2 video AB12CD: its file (videos/0cc175b9c0f1b6a831c399e269772661.*) is not in the export",
            "2 audio EF34: its file (audios/92eb5ffee6ae2fec3ad71c777531578f.*) is not in the export"
        ],
        "each missing file named with its entry and id"
    );
    let skipped = preview["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 4, "{skipped:?}");
    let by_path =
        |path: &str| skipped.iter().find(|s| s["path"] == path).unwrap_or_else(|| panic!("{path} in {skipped:?}"));
    assert_eq!(by_path("entries[3].text")["reason"], "no text (a blank entry, or one with only media)");
    assert_eq!(by_path("entries[4].creationDate")["reason"], "no creationDate");
    assert_eq!(by_path("entries[5].creationDate")["reason"], "\"last tuesday\" is not a date");
    let wrong_type = by_path("entries[6].tags");
    assert!(wrong_type["reason"].as_str().unwrap().contains("invalid type"), "{wrong_type}");
    assert_eq!(wrong_type["file"], format!("{zip_arg}: Journal.json"), "the member is named inside the archive");
    assert_eq!(wrong_type["entry"], 7);
    assert_eq!(wrong_type["line"], 94, "the line of the wrong field in Journal.json");
    assert!(entries(&cli).is_empty(), "a dry run writes nothing");

    let human = cli.ok(&["import", "--dry-run", zip_arg]);
    for line in [
        "to import                   4",
        "skipped                     4",
        "photos and files to add        1",
        "not imported: 1 photo, 1 video, 1 audio recording",
        "video AB12CD: its file",
    ] {
        assert!(human.contains(line), "{line:?} in\n{human}");
    }
    assert!(
        human.contains("Journal.json:") && human.contains("(entry 5, entries[4].creationDate): no creationDate"),
        "{human}"
    );
    assert!(human.contains("dry run: nothing was written"), "{human}");

    let done = import_json(&cli, &[zip_arg]);
    assert_eq!((done["dry_run"].as_bool(), done["added"].as_u64()), (Some(false), Some(4)));
    let list = entries(&cli);
    assert_eq!(list.len(), 4);
    let bangkok = list.iter().find(|e| e["title"] == "Night market in Bangkok!").expect("title from the first line");
    assert_eq!(bangkok["created_at"], "2020-07-02T01:30:00+07:00", "shown in the entry's own time zone");
    assert_eq!(bangkok["local_day"], "2020-07-02");
    assert_eq!(bangkok["tags"], serde_json::json!(["family", "Journal", "starred", "travel"]));
    let id = bangkok["id"].as_str().unwrap();
    assert!(id.starts_with("01730ba4-8c40-7"), "a UUID v7 whose time is 2020-07-01T18:30Z: {id}");
    let body = cli.json(&["show", id, "--json"])["body"].as_str().unwrap().to_owned();
    assert!(
        body.contains(")\n\nWe ate mango sticky rice (ข้าวเหนียวมะม่วง) with Mai. It was a well-earned rest."),
        "{body}"
    );
    assert!(
        body.contains("\\- not a list") && body.contains("1\\. not a numbered"),
        "escapes that matter stay: {body}"
    );
    assert!(!body.contains("dayone-moment"), "Day One's addresses are gone: {body}");
    let photos = cli.json(&["attachments", id, "--json"]);
    let photo = &photos.as_array().unwrap()[0];
    assert_eq!((photo["media_type"].as_str(), photo["width"].as_u64()), (Some("image/jpeg"), Some(64)));
    assert_eq!(photo["name"], "d41d8cd98f00b204e9800998ecf8427e.jpeg");
    assert!(
        body.contains(&format!("![d41d8cd98f00b204e9800998ecf8427e.jpeg](attune:{})", photo["id"].as_str().unwrap())),
        "the photo's address is now a reference to it: {body}"
    );
    assert!(body.ends_with("Place: Ratchada Night Market, Bangkok, Thailand"), "{body}");
    let greek = list.iter().find(|e| e["excerpt"].as_str().unwrap().starts_with("Ça m'a fait")).unwrap();
    assert_eq!(greek["created_at"], "2021-02-14T09:15:00+05:00");
    assert!(greek["excerpt"].as_str().unwrap().contains("Καλημέρα! 日本語のテキストも."));
    let lisbon = list.iter().find(|e| e["title"] == "Lisboa").unwrap();
    assert_eq!(lisbon["created_at"], "2023-09-10T08:45:00+01:00", "Lisbon summer time");
    // The journal's name "Travel" is the tag "travel" the vault already has (tags ignore case).
    assert_eq!(lisbon["tags"], serde_json::json!(["lisbon", "travel"]));

    let again = import_json(&cli, &[zip_arg]);
    assert_eq!((again["added"].as_u64(), again["already_present"].as_u64()), (Some(0), Some(4)));
    assert_eq!(again["attachments_added"], 0, "nor any photo");
    assert_eq!(cli.json(&["attachments", id, "--json"]).as_array().unwrap().len(), 1);
    let out = cli.run(&["import", zip_arg]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("imported 0 entries (4 already in the vault"));
    assert_eq!(entries(&cli).len(), 4, "importing twice never duplicates");

    // The unzipped folder is the same export: same ids, nothing new.
    let folder = import_json(&cli, &["--format", "dayone", fixtures().join("dayone").to_str().unwrap()]);
    assert_eq!((folder["added"].as_u64(), folder["already_present"].as_u64()), (Some(0), Some(4)));
}

#[test]
fn day_one_entries_without_a_uuid_are_imported_once() {
    let cli = Cli::new();
    cli.init();
    let folder = fixtures().join("dayone-no-uuid");
    let done = import_json(&cli, &[folder.to_str().unwrap()]);
    assert_eq!(done["format"], "dayone", "{done}");
    assert_eq!((done["entries"].as_u64(), done["added"].as_u64()), (Some(2), Some(2)), "{done}");
    let list = entries(&cli);
    let walk = list.iter().find(|e| e["title"] == "Early walk").expect("the titled entry");
    assert_eq!(walk["created_at"], "2018-06-04T07:15:00Z", "no timeZone: the instant as written, in UTC");
    let tired = list.iter().find(|e| e["excerpt"].as_str().unwrap().starts_with("Tired")).expect("the untitled one");
    assert_eq!(tired["created_at"], "2018-06-05T22:40:00Z");

    let again = import_json(&cli, &[folder.to_str().unwrap()]);
    assert_eq!((again["added"].as_u64(), again["already_present"].as_u64()), (Some(0), Some(2)), "{again}");
    assert_eq!(entries(&cli).len(), 2, "importing the folder again adds nothing");
}

#[test]
fn jrnl_exports_are_read_in_the_zone_given() {
    let cli = Cli::new();
    cli.init();
    let file = fixtures().join("jrnl/journal.json");
    let done = import_json(&cli, &["--tz", "Europe/Paris", file.to_str().unwrap()]);
    assert_eq!(done["format"], "jrnl");
    assert_eq!(done["zone"], "Europe/Paris");
    assert_eq!(done["added"], 3);
    let skipped = reasons(&done);
    assert_eq!(skipped, ["no date", "\"25:61\" is not a time (expected HH:MM)"], "{done}");
    assert_eq!(done["skipped"][0]["path"], "entries[3].date");
    let list = entries(&cli);
    let zoe = list.iter().find(|e| e["title"] == "Dîner chez Zoë.").unwrap();
    assert_eq!(zoe["created_at"], "2020-07-03T21:30:00+02:00");
    assert_eq!(zoe["tags"], serde_json::json!(["family", "starred"]));
    assert!(zoe["excerpt"].as_str().unwrap().contains("京都の紅葉"));

    let again = import_json(&cli, &["--tz", "Europe/Paris", file.to_str().unwrap()]);
    assert_eq!(again["added"], 0);
    let folder =
        import_json(&cli, &["--format", "jrnl", "--tz", "UTC", fixtures().join("jrnl-folder").to_str().unwrap()]);
    assert_eq!(folder["added"], 2, "one entry per file");
    let bad_zone = cli.fails(&["import", "--tz", "Mars/Olympus", file.to_str().unwrap()]);
    assert!(bad_zone.contains("unknown time zone \"Mars/Olympus\""), "{bad_zone}");
}

#[test]
fn jrnls_own_plain_text_journal_is_read_directly() {
    let cli = Cli::new();
    cli.init();
    let file = fixtures().join("jrnl-text/journal.txt");
    let done = import_json(&cli, &["--tz", "Europe/Paris", file.to_str().unwrap()]);
    assert_eq!(done["format"], "jrnl", "detected from its first date line: {done}");
    assert_eq!((done["entries"].as_u64(), done["added"].as_u64()), (Some(6), Some(3)), "{done}");
    let skipped: Vec<(u64, String)> = done["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["line"].as_u64().unwrap(), s["reason"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(skipped.len(), 3, "{skipped:?}");
    assert!(skipped[0].0 == 5 && skipped[0].1.starts_with("the same entry as"), "{skipped:?}");
    assert_eq!(skipped[1], (11, "\"[2020-02-30 10:00]\" is not a date (expected [YYYY-MM-DD HH:MM])".to_owned()));
    assert_eq!(skipped[2], (13, "no text (a blank entry)".to_owned()));
    let list = entries(&cli);
    let long = list.iter().find(|e| e["title"] == "Long day.").expect("the title is the first sentence");
    assert_eq!(long["created_at"], "2020-07-01T20:00:00+02:00");
    assert_eq!(long["tags"], serde_json::json!(["work"]));
    let zoe = list.iter().find(|e| e["title"] == "Dîner chez Zoë!").expect("the star is not in the title");
    assert_eq!(zoe["created_at"], "2020-07-03T21:30:15+02:00", "a 12-hour time with seconds");
    assert_eq!(zoe["tags"], serde_json::json!(["family", "starred"]));
    let body = cli.json(&["show", zoe["id"].as_str().unwrap(), "--json"])["body"].as_str().unwrap().to_owned();
    assert_eq!(body, "With @family. 京都の紅葉の話をした。\n[see above] is not a date line.");

    let again = import_json(&cli, &["--tz", "Europe/Paris", file.to_str().unwrap()]);
    assert_eq!((again["added"].as_u64(), again["already_present"].as_u64()), (Some(0), Some(3)), "{again}");

    let locked = fixtures().join("jrnl-encrypted/journal.txt");
    let err = cli.fails(&["import", locked.to_str().unwrap()]);
    assert!(err.contains("encrypted with a password") && err.contains("jrnl --decrypt"), "{err}");
    let old = cli.dir.path().join("journal.txt");
    std::fs::write(&old, [0x8a, 0x00, 0x13, 0xff, 0x42, 0x07, 0x99]).unwrap();
    let err = cli.fails(&["import", old.to_str().unwrap()]);
    assert!(err.contains("not text: it looks encrypted") && err.contains("jrnl --decrypt"), "{err}");
    assert_eq!(entries(&cli).len(), 3, "a refused journal adds nothing");
}

#[test]
fn a_markdown_folder_imports_notes_with_and_without_front_matter() {
    let cli = Cli::new();
    cli.init();
    let notes = fixtures().join("markdown/notes");
    let done = import_json(&cli, &["--tz", "Europe/Lisbon", notes.to_str().unwrap()]);
    assert_eq!(done["format"], "markdown", "detected from the folder");
    assert_eq!(done["added"], 4, "{done}");
    assert_eq!(done["date_sources"], serde_json::json!({"front_matter": 2, "file_name": 1, "modified_time": 1}));
    let skipped: Vec<(String, String)> = done["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["file"].as_str().unwrap().to_owned(), s["reason"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(
        skipped,
        [
            ("bad-mood.md".to_owned(), "front matter: mood \"wonderful\" is not 1 to 5".to_owned()),
            ("latin1.md".to_owned(), "not UTF-8 text".to_owned()),
        ]
    );
    let list = entries(&cli);
    let evora = list.iter().find(|e| e["title"] == "Évora").expect("title from the file name");
    assert_eq!(evora["created_at"], "2024-03-05T00:00:00Z");
    let lisbon = list.iter().find(|e| e["title"] == "Trip to Lisbon").unwrap();
    assert_eq!(lisbon["created_at"], "2024-03-07T18:30:00Z");
    assert_eq!(lisbon["tags"], serde_json::json!(["família", "travel"]));
    assert_eq!(lisbon["people"], serde_json::json!(["Ana", "João"]));
    assert_eq!(lisbon["mood"], 4);
    let shown = cli.json(&["show", lisbon["id"].as_str().unwrap(), "--json"]);
    assert_eq!(shown["body"], "Pastéis de nata at Belém. Ana laughed the whole way back.", "the heading is the title");
    let home = cli.json(&["show", "01900000-0000-7000-8000-00000000abcd", "--json"]);
    assert_eq!(home["title"], "Home: again", "the front matter id is kept");
    assert_eq!(home["body"], "He said \"welcome back\". 家に帰った。");
    assert_eq!(home["updated_at"], "2024-03-10T09:00:00+01:00");
    assert!(list.iter().any(|e| e["title"] == "Planning"), "a heading without front matter");

    let again = import_json(&cli, &["--tz", "Europe/Lisbon", notes.to_str().unwrap()]);
    assert_eq!((again["added"].as_u64(), again["already_present"].as_u64()), (Some(0), Some(4)));
}

#[test]
fn our_markdown_export_round_trips() {
    let source = Cli::new();
    source.init();
    source.add(&[
        "--title",
        "Home: again",
        "--tag",
        "after retreat",
        "--tag",
        "été",
        "--person",
        "Sam",
        "--mood",
        "4",
        "--at",
        "2026-03-14T20:15:00+01:00",
        "He said \"welcome back\".\n\n# A heading inside\n\nΚαλό βράδυ.",
    ]);
    source.add(&["--at", "2026-03-15T08:00:00-05:00", "No title, first line stays in the body."]);
    let folder = source.dir.path().join("md");
    source.ok(&["export", "--format", "markdown", "--out", folder.to_str().unwrap()]);

    let target = Cli::new();
    target.init();
    let done = import_json(&target, &[folder.to_str().unwrap()]);
    assert_eq!((done["added"].as_u64(), done["skipped"].as_array().map(Vec::len)), (Some(2), Some(0)));
    for entry in entries(&source) {
        let id = entry["id"].as_str().unwrap();
        let (a, b) = (source.json(&["show", id, "--json"]), target.json(&["show", id, "--json"]));
        for field in ["title", "body", "tags", "people", "mood", "created_at", "local_day", "kind"] {
            assert_eq!(a[field], b[field], "{field} of {id} survives Markdown export and import");
        }
    }
}

/// Regression: a title longer than a file name may be (Chinese takes three bytes a character)
/// made the whole Markdown export fail.
#[test]
fn titles_of_any_length_and_script_export_to_portable_names_and_import_back() {
    use attune::exchange::markdown::{MAX_NAME_BYTES, is_portable_file_name};
    let source = Cli::new();
    source.init();
    let export = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export/long-titles.json");
    let read = import_json(&source, &[export.to_str().unwrap()]);
    assert_eq!(read["added"], 6, "{read}");
    let folder = source.dir.path().join("md");
    source.ok(&["export", "--format", "markdown", "--out", folder.to_str().unwrap()]);

    let names: Vec<String> =
        std::fs::read_dir(&folder).unwrap().map(|f| f.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(names.len(), 6, "every entry has its file: {names:?}");
    for name in &names {
        assert!(is_portable_file_name(name), "Linux, macOS and Windows accept {name:?}");
        assert!(name.len() <= MAX_NAME_BYTES, "{} bytes: {name}", name.len());
    }
    let folded: std::collections::HashSet<String> = names.iter().map(|n| n.to_lowercase()).collect();
    assert_eq!(folded.len(), 6, "unique even where case does not count: {names:?}");
    assert!(names.iter().any(|n| n.contains("今天的天气")), "the Chinese title is cut, not dropped: {names:?}");
    assert_eq!(
        common::files_under(source.dir.path()).iter().filter(|f| f.extension().is_some_and(|e| e == "md")).count(),
        6,
        "nothing was written outside the folder"
    );

    let target = Cli::new();
    target.init();
    let back = import_json(&target, &[folder.to_str().unwrap()]);
    assert_eq!((back["added"].as_u64(), back["skipped"].as_array().map(Vec::len)), (Some(6), Some(0)), "{back}");
    for entry in entries(&source) {
        let id = entry["id"].as_str().unwrap();
        let (a, b) = (source.json(&["show", id, "--json"]), target.json(&["show", id, "--json"]));
        for field in ["title", "body", "created_at", "local_day"] {
            assert_eq!(a[field], b[field], "{field} of {id} survives the export and import");
        }
    }
}

#[test]
fn a_fatal_error_imports_nothing_and_names_the_file_inside_the_archive() {
    let cli = Cli::new();
    cli.init();
    let good = std::fs::read(fixtures().join("dayone/Journal.json")).unwrap();
    let zip = cli.dir.path().join("broken.zip");
    zip_of(&zip, &[("Journal.json", good), ("Second.json", b"{\"entries\": [\n {\"uuid\": \"AB\",\n".to_vec())]);
    let err = cli.fails(&["import", zip.to_str().unwrap()]);
    assert!(err.contains("broken.zip: Second.json: line 3, column"), "{err}");
    assert!(entries(&cli).is_empty(), "all or nothing: the good journal was not imported either");

    let not_zip = cli.dir.path().join("truncated.zip");
    std::fs::write(&not_zip, b"PK\x03\x04 cut short").unwrap();
    let err = cli.fails(&["import", not_zip.to_str().unwrap()]);
    assert!(err.contains("truncated.zip is not a readable zip archive"), "{err}");
}

#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    let cli = Cli::new();
    cli.init();
    let big = cli.dir.path().join("big.json");
    // Sparse: 300 MiB on paper, nothing on disk.
    std::fs::File::create(&big).unwrap().set_len(300 * 1024 * 1024).unwrap();
    for args in [vec!["import", "--format", "jrnl"], vec!["import"], vec!["import", "--format", "dayone"]] {
        let mut args = args.clone();
        args.push(big.to_str().unwrap());
        let err = cli.fails(&args);
        assert!(err.contains("big.json is 300 MiB") && err.contains("at most 256 MiB"), "{args:?}: {err}");
    }
    assert!(entries(&cli).is_empty());
}

/// Regression: only the first 16 KiB were looked at, so a long first entry hid the format.
#[test]
fn a_long_first_entry_does_not_hide_the_format() {
    let cli = Cli::new();
    cli.init();
    let long = "A long letter to myself, written over many evenings. ".repeat(4000);
    let dayone = cli.dir.path().join("Journal.json");
    let doc = serde_json::json!({"metadata": {"version": "1.2"}, "entries": [
        {"text": long, "uuid": "0A1B2C3D4E5F60718293A4B5C6D7E8F9", "creationDate": "2020-07-01T18:30:00Z"}]});
    std::fs::write(&dayone, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
    let jrnl = cli.dir.path().join("export.json");
    let doc = serde_json::json!({"tags": {}, "entries": [
        {"body": long, "title": "Letter.", "date": "2020-07-01", "time": "20:00", "starred": false}]});
    std::fs::write(&jrnl, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
    for (file, format) in [(&dayone, "dayone"), (&jrnl, "jrnl")] {
        let preview = import_json(&cli, &["--dry-run", "--tz", "UTC", file.to_str().unwrap()]);
        assert_eq!((preview["format"].as_str(), preview["added"].as_u64()), (Some(format), Some(1)), "{preview}");
    }
}

#[test]
fn unknown_formats_ask_to_be_named() {
    let cli = Cli::new();
    cli.init();
    let txt = cli.dir.path().join("notes.txt");
    std::fs::write(&txt, "Some notes.\n[2020-07-01 20:00] A date further down is not a journal's start.\n").unwrap();
    let err = cli.fails(&["import", txt.to_str().unwrap()]);
    assert!(err.contains("cannot tell which format") && err.contains("no jrnl entry"), "{err}");
    let other = cli.dir.path().join("other.json");
    std::fs::write(&other, r#"{"notes": []}"#).unwrap();
    let err = cli.fails(&["import", other.to_str().unwrap()]);
    assert!(err.contains("name it: attune, dayone, jrnl or markdown"), "{err}");
    let broken = cli.dir.path().join("broken.json");
    std::fs::write(&broken, "{\n  \"entries\": [1,\n").unwrap();
    let err = cli.fails(&["import", broken.to_str().unwrap()]);
    assert!(err.contains("broken.json: line 3, column"), "a broken file gets its JSON error: {err}");
    let missing = cli.fails(&["import", cli.dir.path().join("missing.zip").to_str().unwrap()]);
    assert_eq!(missing.matches("No such file").count(), 1, "the cause is said once: {missing}");
    let empty = cli.dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    assert!(cli.fails(&["import", empty.to_str().unwrap()]).contains("no Markdown notes"));
}

fn small_limits() -> Options {
    let mut options = Options::in_zone("UTC").unwrap();
    options.limits = Limits {
        json_bytes: 64 * 1024,
        attune_bytes: 64 * 1024,
        total_bytes: 100 * 1024,
        archive_members: 10,
        folder_files: 10,
        markdown_bytes: 1024,
    };
    options
}

fn dayone_doc(text: &str) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({"metadata": {"version": "1.0"}, "entries": [
        {"uuid": "0A1B2C3D4E5F60718293A4B5C6D7E8F9", "creationDate": "2020-07-01T18:30:00Z", "text": text}]}))
    .unwrap()
}

#[test]
fn zip_bombs_are_bounded_by_unpacked_size_and_member_count() {
    let dir = tempfile::tempdir().unwrap();
    let options = small_limits();

    // One member that unpacks past the per-file limit (it compresses to almost nothing).
    let bomb = dir.path().join("bomb.zip");
    zip_of(&bomb, &[("Journal.json", dayone_doc(&"a".repeat(200 * 1024)))]);
    let err = import::plan(&bomb, None, &options).unwrap_err();
    assert!(matches!(err, ImportError::TooLarge { limit: 65536, .. }), "{err}");
    assert!(err.to_string().contains("bomb.zip: Journal.json is"), "{err}");

    // Several members, each small, together past the archive limit.
    let many = dir.path().join("many.zip");
    let members: Vec<(String, Vec<u8>)> =
        (0..3).map(|n| (format!("J{n}.json"), dayone_doc(&"b".repeat(50 * 1024)))).collect();
    zip_of(&many, &members.iter().map(|(n, b)| (n.as_str(), b.clone())).collect::<Vec<_>>());
    let err = import::plan(&many, None, &options).unwrap_err();
    assert!(matches!(err, ImportError::TooMuchData { .. }), "{err}");

    // More members than allowed, even though none would be read.
    let crowd = dir.path().join("crowd.zip");
    let photos: Vec<(String, Vec<u8>)> = (0..11).map(|n| (format!("photos/{n}.jpeg"), vec![0u8; 4])).collect();
    zip_of(&crowd, &photos.iter().map(|(n, b)| (n.as_str(), b.clone())).collect::<Vec<_>>());
    let err = import::plan(&crowd, Some(Format::DayOne), &options).unwrap_err();
    assert!(matches!(err, ImportError::TooManyMembers { limit: 10, .. }), "{err}");
}

#[test]
fn member_paths_are_only_names_never_places_to_write() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("inner").join("traversal.zip");
    std::fs::create_dir_all(archive.parent().unwrap()).unwrap();
    zip_of(
        &archive,
        &[
            ("../../escaped.json", dayone_doc("From a member named with ../")),
            ("/etc/absolute.json", dayone_doc("From a member with an absolute name")),
            ("../../photos/evil.jpeg", vec![1, 2, 3]),
        ],
    );
    let before = common::files_under(dir.path());
    let plan = import::plan(&archive, None, &small_limits()).unwrap();
    assert_eq!(plan.entries.len(), 1, "both members hold the same uuid: the second is a duplicate");
    assert_eq!(plan.skipped.len(), 1);
    assert!(plan.skipped[0].reason.starts_with("the same entry as"), "{:?}", plan.skipped);
    assert!(plan.skipped[0].place.file.ends_with("traversal.zip: /etc/absolute.json"), "{:?}", plan.skipped);
    assert_eq!(common::files_under(dir.path()), before, "nothing was extracted anywhere");
    assert!(!dir.path().join("escaped.json").exists());
}
