//! Photos and files kept with an entry: through the real `attune` binary (attach, list, save,
//! detach), and the rules the core keeps (type from the bytes, limits, links in the text,
//! revisions, trash and purge, the canary of a photo's bytes on disk).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Cursor;
use std::path::Path;

use attune::attachments::{self, AttachmentError, MAX_FILE_BYTES, THUMBNAIL_PX};
use attune::{EntryEdit, NewEntry, SaveMode, SessionError};
use common::{Cli, fixtures};

/// A PNG of `w`×`h` pixels made here; with `marker`, a text chunk carrying it (photos keep
/// such metadata, and its bytes are easy to look for on disk).
pub fn png(w: u32, h: u32, marker: Option<&[u8]>) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x * 7 % 256) as u8, (y * 3 % 256) as u8, 120]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img).write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
    if let Some(marker) = marker {
        let mut chunk = Vec::new();
        chunk.extend_from_slice(&u32::try_from(marker.len() + 8).unwrap().to_be_bytes());
        let mut body = b"tEXtComment\0".to_vec();
        body.extend_from_slice(marker);
        chunk.extend_from_slice(&body);
        chunk.extend_from_slice(&crc32fast::hash(&body).to_be_bytes());
        // After the signature (8) and the IHDR chunk (25).
        out.splice(33..33, chunk);
    }
    out
}

fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 256) as u8, 60, (y % 256) as u8]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img).write_to(&mut Cursor::new(&mut out), image::ImageFormat::Jpeg).unwrap();
    out
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

#[test]
fn attach_list_save_and_detach_through_the_cli() {
    let cli = Cli::new();
    cli.init();
    let files = tempfile::tempdir().unwrap();
    let entry = cli.add(&["--title", "By the sea", "The tide came in."]);
    let photo = png(900, 600, None);
    let photo_path = write(files.path(), "tide.png", &photo);
    let pdf_path = write(files.path(), "tickets.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n");
    let out = cli.ok(&["attach", &entry[..8], &photo_path, &pdf_path]);
    let ids: Vec<&str> = out.lines().collect();
    assert_eq!(ids.len(), 2, "one id per file: {out}");

    let listed = cli.json(&["attachments", &entry, "--json"]);
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0]["name"], "tide.png");
    assert_eq!(listed[0]["media_type"], "image/png");
    assert_eq!((listed[0]["width"].as_u64(), listed[0]["height"].as_u64()), (Some(900), Some(600)));
    assert_eq!(listed[0]["has_thumbnail"], true);
    assert_eq!(listed[1]["media_type"], "application/pdf");
    assert_eq!(listed[1]["has_thumbnail"], false);
    assert_eq!(listed[0]["size"].as_u64(), Some(photo.len() as u64));

    let shown = cli.json(&["show", &entry, "--json"]);
    let body = shown["body"].as_str().unwrap();
    assert!(body.starts_with("The tide came in.\n\n"), "{body}");
    assert!(body.contains(&format!("![tide.png](attune:{})", ids[0])), "a photo is an image: {body}");
    assert!(body.contains(&format!("\n[tickets.pdf](attune:{})", ids[1])), "a file is a link: {body}");
    assert_eq!(cli.json(&["history", &entry, "--json"]).as_array().unwrap().len(), 1, "the text before is kept");

    let copy = files.path().join("copy.png");
    cli.ok(&["attachment", "save", &ids[0][..30], copy.to_str().unwrap()]);
    assert_eq!(std::fs::read(&copy).unwrap(), photo, "the saved copy is the file as added");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777, 0o600, "owner-only");
    }

    cli.ok(&["detach", ids[1]]);
    let listed = cli.json(&["attachments", &entry, "--json"]);
    assert_eq!(listed.as_array().unwrap().len(), 1, "detached for good");
    let err = cli.fails(&["attachment", "save", ids[1], files.path().join("gone.pdf").to_str().unwrap()]);
    assert!(err.contains(&format!("no attachment with id {}", ids[1])), "{err}");
}

#[test]
fn unsupported_oversized_and_repeated_files_are_refused_by_name() {
    let cli = Cli::new();
    cli.init();
    let files = tempfile::tempdir().unwrap();
    let entry = cli.add(&["A day."]);
    let before = cli.json(&["show", &entry, "--json"]);

    // A text file named like a photo: the bytes decide.
    let fake = write(files.path(), "holiday.jpg", b"these are words, not a photo");
    let err = cli.fails(&["attach", &entry, &fake]);
    assert!(err.contains("holiday.jpg") && err.contains("this file is unknown"), "{err}");
    let zip = write(files.path(), "photos.jpg", b"PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0");
    let err = cli.fails(&["attach", &entry, &zip]);
    assert!(err.contains("photos.jpg") && err.contains("application/zip"), "{err}");

    let big = files.path().join("huge.png");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(MAX_FILE_BYTES + 1).unwrap();
    let err = cli.fails(&["attach", &entry, big.to_str().unwrap()]);
    assert!(err.contains("huge.png") && err.contains("at most 26214400 bytes (25 MiB)"), "{err}");

    // One bad file among good ones adds none of them.
    let good = write(files.path(), "good.png", &png(40, 30, None));
    cli.fails(&["attach", &entry, &good, &fake]);
    assert!(cli.json(&["attachments", &entry, "--json"]).as_array().unwrap().is_empty(), "all or nothing");
    assert_eq!(cli.json(&["show", &entry, "--json"])["body"], before["body"], "the text is unchanged too");

    cli.ok(&["attach", &entry, &good]);
    let err = cli.fails(&["attach", &entry, &good]);
    assert!(err.contains("good.png is already attached to this entry"), "{err}");

    // A photo that claims to be enormous is refused before it is decoded.
    let mut bomb = png(1, 1, None);
    bomb[16..20].copy_from_slice(&60_000u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&60_000u32.to_be_bytes());
    let crc = crc32fast::hash(&bomb[12..29]);
    bomb[29..33].copy_from_slice(&crc.to_be_bytes());
    let err = cli.fails(&["attach", &entry, &write(files.path(), "bomb.png", &bomb)]);
    assert!(err.contains("bomb.png is not a photo Attune can read"), "{err}");
}

#[test]
fn attachments_survive_revisions_and_the_trash_and_go_with_a_purge() {
    let dir = tempfile::tempdir().unwrap();
    let session = fixtures::session_at(&dir.path().join("vault"), "2026-05-01T20:00:00+02:00");
    let journal = session.journal();
    let entry = journal.create(NewEntry { body: "First version".into(), ..NewEntry::default() }).unwrap();
    let added = session.attach(entry.id, vec![("a.jpg".into(), jpeg(1000, 2000))]).unwrap();
    assert_eq!((added[0].width, added[0].height), (Some(1000), Some(2000)));
    let thumb = session.attachments().thumbnail(added[0].id).unwrap().expect("a photo has a thumbnail");
    let small = image::load_from_memory(&thumb).unwrap();
    assert_eq!((small.width(), small.height()), (THUMBNAIL_PX / 2, THUMBNAIL_PX), "long side 480 px");

    // Back to the version without the link: the photo stays with the entry.
    let first_revision = journal.history(entry.id).unwrap()[0].id;
    journal.restore_revision(entry.id, first_revision).unwrap();
    assert_eq!(journal.get(entry.id).unwrap().body, "First version");
    assert_eq!(session.attachments().list(entry.id).unwrap().len(), 1, "revisions do not own attachments");
    journal
        .update(entry.id, EntryEdit { body: Some("Third".into()), ..EntryEdit::default() }, SaveMode::Autosave)
        .unwrap();
    assert_eq!(session.attachments().list(entry.id).unwrap().len(), 1);

    journal.trash(entry.id).unwrap();
    assert_eq!(session.attachments().list(entry.id).unwrap().len(), 1, "the trash keeps them");
    let in_trash = session.attach(entry.id, vec![("b.png".into(), png(10, 10, None))]).unwrap_err();
    assert!(matches!(in_trash, SessionError::Attachment(AttachmentError::Journal(_))), "{in_trash:?}");
    journal.restore(entry.id).unwrap();
    journal.trash(entry.id).unwrap();
    journal.purge(entry.id).unwrap();
    let gone = session.attachments().get(added[0].id).unwrap_err();
    assert!(matches!(gone, AttachmentError::NotFound { .. }), "purged with the entry: {gone:?}");
    assert_eq!(session.attachments().used_bytes().unwrap(), 0);
}

#[test]
fn the_core_checks_files_before_writing() {
    let too_big = attachments::prepare("x.png", vec![0; usize::try_from(MAX_FILE_BYTES).unwrap() + 1]).unwrap_err();
    assert!(matches!(too_big, AttachmentError::TooLarge { ref name, .. } if name == "x.png"), "{too_big:?}");
    let empty = attachments::prepare("folder/empty.m4a", Vec::new()).unwrap_err();
    assert!(matches!(empty, AttachmentError::Empty { ref name } if name == "empty.m4a"), "only the file's name");
    let wav = attachments::prepare("../../note.wav", b"RIFF\x24\0\0\0WAVEfmt \x10\0\0\0".to_vec()).unwrap();
    assert_eq!((wav.name.as_str(), wav.media.as_str()), ("note.wav", "audio/wav"));
    assert!(wav.thumbnail.is_none());
}

/// The canary of a photo: after the CLI attached it, listed it and its vault was locked, the
/// photo's own bytes (its text chunk, and a run of its compressed pixels) are nowhere on disk in
/// the clear: not in the vault folder, not in the temporary folder the tool was given.
#[test]
fn no_photo_byte_reaches_the_disk_in_the_clear() {
    let cli = Cli::new();
    cli.init();
    let marker = b"Ocelotphotocanary-7f3a9c-never-in-the-clear";
    let photo = png(300, 200, Some(marker));
    let pixels = {
        let idat = photo.windows(4).position(|w| w == b"IDAT").unwrap();
        photo[idat + 8..idat + 72].to_vec()
    };
    let outside = tempfile::tempdir().unwrap();
    let photo_path = write(outside.path(), "canary.png", &photo);
    let tmp = cli.dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let entry = cli.add(&["A photo of the canary."]);
    let out = cli.cmd().env("TMPDIR", &tmp).args(["attach", &entry, &photo_path]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    cli.ok(&["attachments", &entry]);
    cli.ok(&["show", &entry]);
    let files = common::files_under(cli.dir.path());
    assert!(files.iter().any(|f| f.ends_with("vault.db")), "the vault was scanned");
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        assert!(!common::contains(&bytes, marker), "the photo's text chunk is in the clear in {}", file.display());
        assert!(!common::contains(&bytes, &pixels), "the photo's pixels are in the clear in {}", file.display());
    }
}

/// A Day One export unzipped into a folder: photos come in with their entries (a photo-only
/// entry too), a missing file is reported with its entry and id and its link removed, an
/// audio file not mentioned in the text is linked at its end, and importing again (the folder,
/// then the same export zipped) adds nothing.
#[test]
fn a_day_one_folder_brings_its_photos_once_and_reports_what_is_missing() {
    let cli = Cli::new();
    cli.init();
    let export = tempfile::tempdir().unwrap();
    let root = export.path();
    let photo = png(120, 80, None);
    let second = jpeg(50, 50);
    let wav = b"RIFF\x24\0\0\0WAVEfmt \x10\0\0\0\x01\0\x01\0\x44\xac\0\0".to_vec();
    std::fs::create_dir(root.join("photos")).unwrap();
    std::fs::create_dir(root.join("audios")).unwrap();
    std::fs::write(root.join("photos/aaaa1111aaaa1111aaaa1111aaaa1111.png"), &photo).unwrap();
    std::fs::write(root.join("photos/bbbb2222bbbb2222bbbb2222bbbb2222.jpeg"), &second).unwrap();
    std::fs::write(root.join("audios/cccc3333cccc3333cccc3333cccc3333.wav"), &wav).unwrap();
    let journal = serde_json::json!({"metadata": {"version": "1.0"}, "entries": [
        {"uuid": "11111111111111111111111111111111", "creationDate": "2024-03-01T08:00:00Z",
         "text": "# Harbour\n\n![](dayone-moment://P1)\n\nBoats\\. ![](dayone-moment://GONE)",
         "photos": [{"identifier": "P1", "md5": "aaaa1111aaaa1111aaaa1111aaaa1111", "type": "png"},
                    {"identifier": "GONE", "md5": "dddd4444dddd4444dddd4444dddd4444", "type": "jpeg"}],
         "audios": [{"identifier": "A1", "md5": "cccc3333cccc3333cccc3333cccc3333", "format": "wav"}]},
        {"uuid": "22222222222222222222222222222222", "creationDate": "2024-03-02T08:00:00Z",
         "photos": [{"identifier": "P2", "md5": "bbbb2222bbbb2222bbbb2222bbbb2222", "type": "jpeg"}]}
    ]});
    std::fs::write(root.join("Journal.json"), serde_json::to_vec_pretty(&journal).unwrap()).unwrap();

    let done = cli.json(&["import", "--json", root.to_str().unwrap()]);
    assert_eq!((done["added"].as_u64(), done["attachments_added"].as_u64()), (Some(2), Some(3)), "{done}");
    let problems = done["media_problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0]["entry"], 1);
    assert!(problems[0]["reason"].as_str().unwrap().starts_with("photo GONE: its file"), "{problems:?}");
    assert_eq!(done["media_skipped"]["photos"], 1);

    let list = cli.json(&["list", "--json"]);
    let harbour = list.as_array().unwrap().iter().find(|e| e["title"] == "Harbour").unwrap();
    let id = harbour["id"].as_str().unwrap();
    let files = cli.json(&["attachments", id, "--json"]);
    let files = files.as_array().unwrap();
    assert_eq!(files.len(), 2);
    let body = cli.json(&["show", id, "--json"])["body"].as_str().unwrap().to_owned();
    let photo_id = files.iter().find(|f| f["media_type"] == "image/png").unwrap()["id"].as_str().unwrap().to_owned();
    let audio_id = files.iter().find(|f| f["media_type"] == "audio/wav").unwrap()["id"].as_str().unwrap().to_owned();
    assert_eq!(
        body,
        format!(
            "![aaaa1111aaaa1111aaaa1111aaaa1111.png](attune:{photo_id})\n\nBoats.\n\n\
             [cccc3333cccc3333cccc3333cccc3333.wav](attune:{audio_id})"
        ),
        "the photo where it was, the missing one gone, the audio at the end"
    );
    let only_photo = list.as_array().unwrap().iter().find(|e| e["title"] == "").unwrap();
    assert!(only_photo["excerpt"].as_str().unwrap().contains("bbbb2222"), "a photo-only entry comes in: {only_photo}");

    let again = cli.json(&["import", "--json", root.to_str().unwrap()]);
    assert_eq!((again["added"].as_u64(), again["attachments_added"].as_u64()), (Some(0), Some(0)), "{again}");

    // The same export as a zip: the same entries and files, nothing new.
    let zip_path = export.path().join("Export.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    for (name, bytes) in [
        ("Journal.json", serde_json::to_vec(&journal).unwrap()),
        ("photos/aaaa1111aaaa1111aaaa1111aaaa1111.png", photo.clone()),
        ("photos/bbbb2222bbbb2222bbbb2222bbbb2222.jpeg", second),
        ("audios/cccc3333cccc3333cccc3333cccc3333.wav", wav),
    ] {
        zip.start_file(name, options).unwrap();
        std::io::Write::write_all(&mut zip, &bytes).unwrap();
    }
    zip.finish().unwrap();
    let zipped = cli.json(&["import", "--json", "--dry-run", zip_path.to_str().unwrap()]);
    assert_eq!((zipped["added"].as_u64(), zipped["attachments_added"].as_u64()), (Some(0), Some(0)), "{zipped}");
    let zipped = cli.json(&["import", "--json", zip_path.to_str().unwrap()]);
    assert_eq!((zipped["added"].as_u64(), zipped["attachments_added"].as_u64()), (Some(0), Some(0)), "{zipped}");
    assert_eq!(cli.json(&["attachments", id, "--json"]).as_array().unwrap().len(), 2);
}

/// An entry with a photo and a PDF, in a vault made through the CLI; returns the entry's id and
/// the two attachment ids.
fn vault_with_files(cli: &Cli) -> (String, String, String, Vec<u8>) {
    cli.init();
    let files = tempfile::tempdir().unwrap();
    let entry = cli.add(&["--title", "Lighthouse", "We climbed it."]);
    let photo = png(640, 480, None);
    let photo_path = write(files.path(), "The lighthouse: at dusk?.png", &photo);
    let pdf_path = write(files.path(), "CON.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n");
    let out = cli.ok(&["attach", &entry, &photo_path, &pdf_path]);
    let ids: Vec<String> = out.lines().map(str::to_owned).collect();
    (entry, ids[0].clone(), ids[1].clone(), photo)
}

#[test]
fn the_json_export_carries_attachments_and_restores_them() {
    let cli = Cli::new();
    let (entry, photo_id, pdf_id, photo) = vault_with_files(&cli);
    let export = cli.dir.path().join("export.json");
    cli.ok(&["export", "--format", "json", "--out", export.to_str().unwrap()]);
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&export).unwrap()).unwrap();
    let embedded = doc["attachments"].as_array().unwrap();
    assert_eq!(embedded.len(), 2);
    assert_eq!(embedded[0]["entry"], entry.as_str());
    use base64::Engine;
    let data = base64::engine::general_purpose::STANDARD.decode(embedded[0]["data"].as_str().unwrap()).unwrap();
    assert_eq!(data, photo, "embedded as base64, byte for byte");

    let other = Cli::new();
    other.init();
    let done = other.json(&["import", "--json", export.to_str().unwrap()]);
    assert_eq!((done["added"].as_u64(), done["attachments_added"].as_u64()), (Some(1), Some(2)), "{done}");
    let listed = other.json(&["attachments", &entry, "--json"]);
    let ids: Vec<&str> = listed.as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [photo_id.as_str(), pdf_id.as_str()], "the same ids, so the links in the text still work");
    let copy = other.dir.path().join("back.png");
    other.ok(&["attachment", "save", &photo_id, copy.to_str().unwrap()]);
    assert_eq!(std::fs::read(&copy).unwrap(), photo);
    let again = other.json(&["import", "--json", export.to_str().unwrap()]);
    assert_eq!((again["added"].as_u64(), again["attachments_added"].as_u64()), (Some(0), Some(0)), "{again}");
}

#[test]
fn the_markdown_export_writes_a_media_folder_with_relative_links() {
    let cli = Cli::new();
    let (entry, photo_id, pdf_id, photo) = vault_with_files(&cli);
    let out = cli.dir.path().join("md");
    cli.ok(&["export", "--format", "markdown", "--out", out.to_str().unwrap()]);
    let mut media: Vec<String> = std::fs::read_dir(out.join("media"))
        .unwrap()
        .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    media.sort();
    let photo_name = format!("the-lighthouse-at-dusk-{}.png", &photo_id[photo_id.len() - 8..]);
    let pdf_name = format!("con-{}.pdf", &pdf_id[pdf_id.len() - 8..]);
    assert_eq!(media, [pdf_name.clone(), photo_name.clone()], "names safe like the entries' ones");
    assert_eq!(std::fs::read(out.join("media").join(&photo_name)).unwrap(), photo);
    let note = std::fs::read_dir(&out)
        .unwrap()
        .map(|f| f.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .unwrap();
    let text = std::fs::read_to_string(note).unwrap();
    assert!(text.contains(&format!("(media/{photo_name})")), "{text}");
    assert!(text.contains(&format!("[CON.pdf](media/{pdf_name})")), "{text}");
    assert!(!text.contains("attune:"), "no reference is left for another app to trip on: {text}");
    let _ = entry;
}

#[test]
fn a_restored_backup_holds_the_attachments() {
    let cli = Cli::new();
    let (entry, photo_id, _, photo) = vault_with_files(&cli);
    let backup = cli.dir.path().join("b.attune-backup");
    cli.ok(&["backup", "--out", backup.to_str().unwrap()]);
    let restored = cli.dir.path().join("restored");
    let out = cli.cmd().args(["--vault", restored.to_str().unwrap(), "restore", backup.to_str().unwrap()]).output();
    let out = out.unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let listed = cli.json(&["--vault", restored.to_str().unwrap(), "attachments", &entry, "--json"]);
    assert_eq!(listed.as_array().unwrap().len(), 2);
    let copy = cli.dir.path().join("from-backup.png");
    cli.ok(&["--vault", restored.to_str().unwrap(), "attachment", "save", &photo_id, copy.to_str().unwrap()]);
    assert_eq!(std::fs::read(&copy).unwrap(), photo, "the photo came back from the backup");
    let backup_bytes = std::fs::read(&backup).unwrap();
    assert!(!common::contains(&backup_bytes, &photo[photo.len() - 64..]), "the backup is encrypted");
}

#[test]
fn the_pdf_export_shows_photos_only_when_asked_and_never_the_references() {
    let cli = Cli::new();
    let (_, _, _, _) = vault_with_files(&cli);
    let images = |pdf: &Path| {
        let out = std::process::Command::new("pdfimages").args(["-list", pdf.to_str().unwrap()]).output().unwrap();
        assert!(out.status.success(), "pdfimages reads it");
        // Two heading lines, then one line per image.
        String::from_utf8_lossy(&out.stdout).lines().count().saturating_sub(2)
    };
    let text = |pdf: &Path| {
        let raw = std::process::Command::new("pdftotext").args([pdf.to_str().unwrap(), "-"]).output().unwrap();
        String::from_utf8_lossy(&raw.stdout).split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let plain = cli.dir.path().join("plain.pdf");
    cli.ok(&["export", "--format", "pdf", "--out", plain.to_str().unwrap()]);
    assert_eq!(images(&plain), 0, "no photos unless asked");
    let words = text(&plain);
    assert!(words.contains("We climbed it.") && words.contains("CON.pdf"), "a file keeps its name: {words}");
    assert!(!words.contains("attune:") && !words.contains("lighthouse: at dusk"), "no reference is printed: {words}");

    let with = cli.dir.path().join("photos.pdf");
    cli.ok(&["export", "--format", "pdf", "--photos", "--out", with.to_str().unwrap()]);
    assert_eq!(images(&with), 1, "the photo, from its thumbnail");
    let misuse = cli.fails(&[
        "export",
        "--format",
        "json",
        "--photos",
        "--out",
        cli.dir.path().join("x.json").to_str().unwrap(),
    ]);
    assert!(misuse.contains("--photos goes with --format pdf"), "{misuse}");
}
