//! Markdown export: one file per entry with YAML front matter (date, tags, people, mood), so the
//! journal reads in any editor and imports into other apps. Exercises are written out as
//! question and answer, with their scores. Entries in the trash are left out (the Attune JSON
//! export carries everything).
//!
//! [`export_folder`] writes the files into a hidden folder beside the destination and renames
//! it into place at the end, so an interrupted export never leaves a half folder under the
//! chosen name, and no file needs its own flush to disk (100,000 of those took minutes).
//!
//! No title can make an export fail or write outside its folder: a file name is built from the
//! entry's time, the letters and digits of its title and the end of its id, capped at
//! [`MAX_NAME_BYTES`] bytes on a character boundary (a Chinese title takes three bytes a
//! character, and file systems count bytes), and holds nothing Linux, macOS or Windows refuse
//! (see [`is_portable_file_name`]). Names are unique as macOS and Windows compare them, without
//! regard to case: a clash gets `-2`, `-3`… before `.md`.
//!
//! An entry's photos and files are written into `media/` inside the folder, named like the
//! entries (letters and digits of the file's name, the end of its id, its type's extension;
//! portable and unique), and the entry's `attune:ID` references become relative links to them
//! (`media/sea-1a2b3c4d.jpg`); a file the text does not mention is linked at its end.

use crate::i18n::Words;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::exercises::{Answer, Answers, Catalogue, LibraryError, StepKind};
use crate::journal::{EntryKind, EntryRecord, Journal, JournalError};

#[derive(Debug, thiserror::Error)]
pub enum MarkdownExportError {
    #[error("{path} is not empty: give a new folder for the Markdown export")]
    NotEmpty { path: PathBuf },
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Library(#[from] LibraryError),
    #[error(transparent)]
    Journal(#[from] JournalError),
    #[error(transparent)]
    Attachment(#[from] crate::attachments::AttachmentError),
}

/// Writes one private Markdown file per entry (trash left out) into `dir`, which must be new
/// or empty. Returns how many were written.
pub fn export_folder(journal: &Journal<'_>, words: &Words, dir: &Path) -> Result<u64, MarkdownExportError> {
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| MarkdownExportError::Io { path, source }
    };
    let existed = match std::fs::read_dir(dir) {
        Ok(items) => {
            if items.into_iter().next().is_some() {
                return Err(MarkdownExportError::NotEmpty { path: dir.to_owned() });
            }
            true
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(io(dir)(e)),
    };
    let catalogue = crate::exercises::library(journal)?.localized(words.locale());
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stage = parent.join(format!(".{name}.partial-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&stage);
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(&stage).map_err(io(&stage))?;

    let mut written = 0u64;
    let mut taken = HashSet::new();
    let store = crate::attachments::Attachments::new(journal.store());
    let mut files = store.all()?;
    let mut media_taken = HashSet::new();
    let media_dir = stage.join(MEDIA_FOLDER);
    let result = journal
        .for_each_record(|mut record| -> Result<(), MarkdownExportError> {
            if record.deleted_at.is_some() {
                return Ok(());
            }
            if let Some(attached) = files.remove(&record.id) {
                if media_taken.is_empty() {
                    builder.create(&media_dir).map_err(io(&media_dir))?;
                }
                let mut relative = std::collections::HashMap::new();
                for attachment in &attached {
                    let name = unique_name(&media_file_name(attachment), &mut media_taken);
                    let path = media_dir.join(&name);
                    let bytes = zeroize::Zeroizing::new(store.bytes(attachment.id)?);
                    let mut file = crate::private_file::create_new(&path).map_err(|e| io(&path)(e.into_io()))?;
                    file.write_all(&bytes).map_err(io(&path))?;
                    relative.insert(attachment.id, format!("{MEDIA_FOLDER}/{name}"));
                }
                let mentioned = crate::attachments::links::referenced(&record.body);
                let mut body = crate::attachments::links::rewrite(&record.body, |id| relative.get(&id).cloned());
                for attachment in attached.iter().filter(|a| !mentioned.contains(&a.id)) {
                    let link = attachment.markdown();
                    let link = crate::attachments::links::rewrite(&link, |id| relative.get(&id).cloned());
                    body = format!("{}\n\n{link}", body.trim_end());
                }
                record.body = body;
            }
            let path = stage.join(unique_name(&file_name(&record), &mut taken));
            let mut file = crate::private_file::create_new(&path).map_err(|e| io(&path)(e.into_io()))?;
            file.write_all(render(&record, &catalogue, words).as_bytes()).map_err(io(&path))?;
            written += 1;
            Ok(())
        })
        .and_then(|()| {
            if existed {
                std::fs::remove_dir(dir).map_err(io(dir))?;
            }
            std::fs::rename(&stage, dir).map_err(io(dir))
        });
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&stage);
        return Err(e);
    }
    Ok(written)
}

/// The folder inside the export that holds the entries' photos and files.
pub const MEDIA_FOLDER: &str = "media";

/// The file name of an attachment in `media/`: a slug of its name (letters and digits, at most
/// 60 bytes), the end of its id, and its type's extension; always
/// [portable](is_portable_file_name).
pub fn media_file_name(attachment: &crate::attachments::Attachment) -> String {
    let id = attachment.id.to_string();
    let short = id.get(id.len().saturating_sub(8)..).unwrap_or(&id);
    let extension = attachment.media().map_or("bin", crate::attachments::MediaType::extension);
    let stem = attachment.name.rsplit_once('.').map_or(attachment.name.as_str(), |(s, _)| s);
    let mut slug = String::new();
    for word in stem.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !slug.is_empty() && slug.len() + 1 < 60 {
            slug.push('-');
        }
        for c in word.chars().flat_map(char::to_lowercase) {
            if slug.len() + c.len_utf8() > 60 {
                break;
            }
            slug.push(c);
        }
    }
    let slug = slug.trim_end_matches('-');
    let name = if slug.is_empty() { format!("{short}.{extension}") } else { format!("{slug}-{short}.{extension}") };
    if is_portable_file_name(&name) { name } else { format!("{short}.{extension}") }
}

/// The longest file name written, in bytes, extension and uniquing suffix included: under the
/// 255 bytes that ext4, APFS and NTFS allow, with room for tools that add a suffix of their own.
pub const MAX_NAME_BYTES: usize = 200;

/// Bytes kept free in [`file_name`] for the `-N` that [`unique_name`] may add.
const SUFFIX_ROOM: usize = 8;

/// The file name of an entry: its local date and time, a slug of the title, and the start of
/// its id (which keeps names apart). At most `MAX_NAME_BYTES - SUFFIX_ROOM` bytes, and always
/// [portable](is_portable_file_name).
pub fn file_name(entry: &EntryRecord) -> String {
    let id = entry.id.to_string();
    let short = id.get(id.len().saturating_sub(8)..).unwrap_or(&id);
    let when = entry.created_at.format("%Y-%m-%d-%H%M").to_string();
    let plain = format!("{when}-{short}.md");
    // The slug gets what is left once the date, the id, the separators and the suffix room fit.
    let budget = (MAX_NAME_BYTES - SUFFIX_ROOM).saturating_sub(plain.len() + 1);
    let mut slug = String::new();
    let words = entry
        .title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(|w| w.chars().map(|c| c.to_lowercase().next().unwrap_or(c)).collect::<String>());
    'words: for word in words {
        if !slug.is_empty() {
            if slug.len() + 2 > budget {
                break;
            }
            slug.push('-');
        }
        for c in word.chars() {
            if slug.len() + c.len_utf8() > budget {
                break 'words;
            }
            slug.push(c);
        }
    }
    let slug = slug.trim_end_matches('-');
    let name = if slug.is_empty() { plain.clone() } else { format!("{when}-{slug}-{short}.md") };
    // Letters and digits are safe everywhere; the check guards against a title made of marks
    // some file system still refuses. It never falls back for the titles tested.
    if is_portable_file_name(&name) { name } else { plain }
}

/// `name`, or `name` with `-2`, `-3`… before its extension, whichever is not yet in `taken`
/// compared without regard to case (as macOS and Windows compare names). Records the result.
pub fn unique_name(name: &str, taken: &mut HashSet<String>) -> String {
    let (stem, extension) = name.rsplit_once('.').map_or((name, ""), |(s, e)| (s, e));
    let mut candidate = name.to_owned();
    let mut n = 1u64;
    while !taken.insert(candidate.to_lowercase()) {
        n += 1;
        candidate = if extension.is_empty() { format!("{stem}-{n}") } else { format!("{stem}-{n}.{extension}") };
    }
    candidate
}

/// Whether Linux, macOS and Windows all accept `name` as a file name inside a folder: at most
/// [`MAX_NAME_BYTES`] bytes, no path separator or other character Windows reserves
/// (`<>:"/\|?*`), no control character, no leading dot (hidden, or `..`), no trailing dot or
/// space, and not a name Windows keeps for devices (`CON`, `NUL`, `COM1`…, with any extension).
pub fn is_portable_file_name(name: &str) -> bool {
    const RESERVED: [&str; 4] = ["con", "prn", "aux", "nul"];
    let stem = name.split('.').next().unwrap_or(name).trim_end().to_ascii_lowercase();
    let numbered = stem.strip_prefix("com").or_else(|| stem.strip_prefix("lpt")).is_some_and(|n| {
        n.chars().count() == 1 && n.chars().all(|c| c.is_ascii_digit() || matches!(c, '¹' | '²' | '³'))
    });
    let device = RESERVED.contains(&stem.as_str()) || numbered;
    !name.is_empty()
        && name.len() <= MAX_NAME_BYTES
        && !name.chars().any(|c| c.is_control() || "<>:\"/\\|?*".contains(c))
        && !name.starts_with('.')
        && !name.ends_with(['.', ' '])
        && !device
}

/// The whole file for one entry.
pub fn render(entry: &EntryRecord, catalogue: &Catalogue, words: &Words) -> String {
    // JSON strings and arrays are valid YAML flow scalars and sequences: no escaping to get wrong.
    let q = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned());
    let list = |v: &[String]| serde_json::to_string(v).unwrap_or_else(|_| "[]".to_owned());
    let mut out = String::from("---\n");
    let _ = writeln!(out, "id: {}", entry.id);
    let _ = writeln!(out, "date: {}", entry.created_at.to_rfc3339());
    let _ = writeln!(out, "updated: {}", entry.updated_at.to_rfc3339());
    if !entry.title.is_empty() {
        let _ = writeln!(out, "title: {}", q(&entry.title));
    }
    let _ = writeln!(out, "tags: {}", list(&entry.tags));
    let _ = writeln!(out, "people: {}", list(&entry.people));
    if let Some(mood) = entry.mood {
        let _ = writeln!(out, "mood: {}", mood.value());
    }
    if let Some(exercise) = &entry.exercise {
        let _ = writeln!(out, "exercise: {}", q(&format!("{}@{}", exercise.id, exercise.version)));
    }
    out.push_str("---\n\n");
    if !entry.title.is_empty() {
        let _ = writeln!(out, "# {}\n", entry.title);
    }
    if !entry.body.trim().is_empty() {
        let _ = writeln!(out, "{}\n", entry.body.trim_end());
    }
    if entry.kind == EntryKind::Exercise {
        render_exercise(&mut out, entry, catalogue, words);
    }
    out
}

fn render_exercise(out: &mut String, entry: &EntryRecord, catalogue: &Catalogue, w: &Words) {
    let Some(stored) = entry.answers.as_ref() else { return };
    let answers = stored.get("answers").and_then(|a| Answers::from_json(a).ok());
    let pack = entry.exercise.as_ref().and_then(|e| catalogue.get(&e.id));
    match (answers, pack) {
        (Some(answers), Some(pack)) => {
            for step in pack.steps() {
                if let Some(answer) = answers.get(step.id.as_str()) {
                    let _ = writeln!(out, "## {}\n\n{}\n", step.prompt, answer_text(&step.kind, answer, w));
                }
            }
        }
        _ => {
            // The pack is gone or changed beyond reading: keep the answers as they were stored.
            let _ = writeln!(out, "```json\n{}\n```\n", serde_json::to_string_pretty(stored).unwrap_or_default());
        }
    }
    if let Some(scores) = stored.get("scores").and_then(|s| s.as_array()).filter(|s| !s.is_empty()) {
        let _ = write!(out, "## {}\n\n| | | |\n|---|---|---|\n", w.get("export-scores"));
        let pack = entry.exercise.as_ref().and_then(|e| catalogue.get(&e.id));
        for s in scores {
            let text =
                |k: &str| s.get(k).map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned)).unwrap_or_default();
            // The pack's words now, in the reader's language; the stored ones when it is gone.
            let now = pack.and_then(|p| p.score(&text("id"))).map(|score| {
                let fraction = s.get("fraction").and_then(serde_json::Value::as_f64).unwrap_or_default();
                (score.label.clone(), score.band_words(fraction).to_owned())
            });
            let (label, band) = now.unwrap_or_else(|| (text("label"), text("band_words")));
            let value = w.with("export-score-value", &[("value", text("value").into()), ("max", text("max").into())]);
            let _ = writeln!(out, "| {label} | {value} | {band} |");
        }
        out.push('\n');
    }
    let _ = writeln!(out, "*{}*", crate::exercises::disclaimer(w));
}

fn answer_text(kind: &StepKind, answer: &Answer, w: &Words) -> String {
    let label = |options: &[crate::exercises::Choice], id: &str| {
        options.iter().find(|o| o.id == id).map_or_else(|| id.to_owned(), |o| o.label.clone())
    };
    match (kind, answer) {
        (_, Answer::Text(text)) => text.clone(),
        (StepKind::Single { options }, Answer::Single(id)) => label(options, id),
        (StepKind::Multiple { options }, Answer::Multiple(ids)) => {
            ids.iter().map(|id| format!("- {}", label(options, id))).collect::<Vec<_>>().join("\n")
        }
        (StepKind::Scale(scale), Answer::Scale(value)) => {
            let named = usize::try_from(value - scale.min).ok().and_then(|i| scale.labels.get(i));
            match named {
                Some(name) => format!("{value} ({name})"),
                None => w.with(
                    "export-scale-value",
                    &[
                        ("value", (*value).into()),
                        ("min", scale.min.into()),
                        ("min_label", scale.min_label.as_str().into()),
                        ("max", scale.max.into()),
                        ("max_label", scale.max_label.as_str().into()),
                    ],
                ),
            }
        }
        (StepKind::Checklist { items }, Answer::Checklist(marks)) => items
            .iter()
            .filter_map(|item| {
                let mark = marks.get(&item.id)?;
                let word = w.get(&format!("mark-{}", serde_json::to_value(mark).ok()?.as_str()?));
                Some(format!("- {} — {word}", item.label))
            })
            .collect::<Vec<_>>()
            .join("\n"),
        (_, Answer::Person(name)) => name.clone(),
        (_, Answer::Checkin(c)) => {
            let dims = [
                ("calm", c.calm),
                ("relaxed", c.relaxed),
                ("safe", c.safe),
                ("anxious", c.anxious),
                ("tense", c.tense),
                ("obsessive", c.obsessive),
            ];
            let mut parts: Vec<String> = dims
                .iter()
                .filter_map(|(n, v)| {
                    let dimension = w.get(&format!("checkin-{n}"));
                    v.map(|v| w.with("export-checkin-value", &[("dimension", dimension.into()), ("value", v.into())]))
                })
                .collect();
            if let Ok(serde_json::Value::Array(areas)) = serde_json::to_value(&c.body) {
                let areas: Vec<String> =
                    areas.iter().filter_map(|a| a.as_str().map(|a| w.get(&format!("body-{a}")))).collect();
                if !areas.is_empty() {
                    parts.push(w.with("export-felt-in", &[("areas", areas.join(", ").into())]));
                }
            }
            parts.join(" · ")
        }
        (_, Answer::Commitment(c)) => w.with(
            "export-commitment",
            &[("intention", c.intention.as_str().into()), ("days", c.review_after_days.into())],
        ),
        (_, other) => serde_json::to_string(other).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    fn entry(title: &str, id: &str) -> EntryRecord {
        EntryRecord {
            id: crate::EntryId::from_uuid(uuid::Uuid::parse_str(id).unwrap()),
            kind: EntryKind::Journal,
            exercise: None,
            title: title.to_owned(),
            body: String::new(),
            answers: None,
            mood: None,
            created_at: crate::time::parse_timestamp("t", "2026-10-20T09:00:00+08:00").unwrap(),
            updated_at: crate::time::parse_timestamp("t", "2026-10-20T09:00:00+08:00").unwrap(),
            deleted_at: None,
            tags: vec![],
            people: vec![],
            revisions: vec![],
        }
    }

    const ID: &str = "0189e0a0-0000-7000-8000-000000000001";

    #[rstest]
    #[case("Evening pages", "2026-10-20-0900-evening-pages-00000001.md")]
    #[case("", "2026-10-20-0900-00000001.md")]
    #[case(
        "CON: notes/../../about <this> day? * | \\ \"quoted\"",
        "2026-10-20-0900-con-notes-about-this-day-quoted-00000001.md"
    )]
    #[case("Été À Lisboa", "2026-10-20-0900-été-à-lisboa-00000001.md")]
    fn names_keep_letters_and_digits_of_the_title(#[case] title: &str, #[case] expected: &str) {
        assert_eq!(file_name(&entry(title, ID)), expected);
    }

    #[test]
    fn a_long_chinese_title_is_cut_at_a_character_within_the_byte_cap() {
        let name = file_name(&entry(&"今天的天气非常好".repeat(15), ID));
        assert!(name.len() <= MAX_NAME_BYTES - SUFFIX_ROOM, "{} bytes: {name}", name.len());
        assert!(name.len() > 150, "the cap is used, not a few characters: {name}");
        assert!(name.ends_with("-00000001.md") && name.contains("今天的天气"), "{name}");
    }

    #[rstest]
    #[case("CON.md", false)]
    #[case("nul", false)]
    #[case("com1.txt", false)]
    #[case("LPT9.md", false)]
    #[case("com10.md", true)]
    #[case("console.md", true)]
    #[case(".hidden.md", false)]
    #[case("..", false)]
    #[case("note.", false)]
    #[case("note ", false)]
    #[case("a:b.md", false)]
    #[case("a/b.md", false)]
    #[case("a\tb.md", false)]
    #[case("2026-10-20-0900-今天-00000001.md", true)]
    fn portable_names_are_told_apart(#[case] name: &str, #[case] portable: bool) {
        assert_eq!(is_portable_file_name(name), portable, "{name:?}");
        assert!(!is_portable_file_name(&"x".repeat(MAX_NAME_BYTES + 1)));
    }

    #[test]
    fn names_that_differ_only_in_case_are_made_unique() {
        let mut taken = HashSet::new();
        assert_eq!(unique_name("a-Note.md", &mut taken), "a-Note.md");
        assert_eq!(unique_name("A-note.md", &mut taken), "A-note-2.md");
        assert_eq!(unique_name("a-note.md", &mut taken), "a-note-3.md");
        assert_eq!(unique_name("other.md", &mut taken), "other.md");
    }

    proptest! {
        #[test]
        fn any_title_gives_a_portable_name_within_the_cap(title in any::<String>(), wide in "[\\u{4e00}-\\u{9fff}\\u{1F600}-\\u{1F64F}a-zA-Zé ]{0,300}") {
            for title in [title, wide] {
                let name = file_name(&entry(&title, ID));
                prop_assert!(is_portable_file_name(&name), "{name:?} from {title:?}");
                prop_assert!(name.len() + SUFFIX_ROOM <= MAX_NAME_BYTES, "{name:?}");
                let mut taken = HashSet::new();
                for _ in 0..12 {
                    let unique = unique_name(&name, &mut taken);
                    prop_assert!(is_portable_file_name(&unique) && unique.len() <= MAX_NAME_BYTES, "{unique:?}");
                }
            }
        }
    }
}
