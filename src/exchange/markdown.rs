//! Markdown export: one file per entry with YAML front matter (date, tags, people, mood), so the
//! journal reads in any editor and imports into other apps. Exercises are written out as
//! question and answer, with their scores. Entries in the trash are left out (the Attune JSON
//! export carries everything).
//!
//! [`export_folder`] writes the files into a hidden folder beside the destination and renames
//! it into place at the end, so an interrupted export never leaves a half folder under the
//! chosen name, and no file needs its own flush to disk (100,000 of those took minutes).

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
}

/// Writes one private Markdown file per entry (trash left out) into `dir`, which must be new
/// or empty. Returns how many were written.
pub fn export_folder(journal: &Journal<'_>, dir: &Path) -> Result<u64, MarkdownExportError> {
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
    let catalogue = crate::exercises::library(journal)?;
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stage = parent.join(format!(".{name}.partial-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&stage);
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(&stage).map_err(io(&stage))?;

    let mut written = 0u64;
    let result = journal
        .for_each_record(|record| -> Result<(), MarkdownExportError> {
            if record.deleted_at.is_some() {
                return Ok(());
            }
            let path = stage.join(file_name(&record));
            let mut file = crate::private_file::create_new(&path).map_err(|e| io(&path)(e.into_io()))?;
            file.write_all(render(&record, &catalogue).as_bytes()).map_err(io(&path))?;
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

/// The file name of an entry: its local date and time, a slug of the title, and the start of
/// its id (which keeps names unique).
pub fn file_name(entry: &EntryRecord) -> String {
    let slug: String = entry
        .title
        .chars()
        .map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .take(8)
        .collect::<Vec<_>>()
        .join("-");
    let id = entry.id.to_string();
    let short = id.get(id.len() - 8..).unwrap_or(&id);
    let when = entry.created_at.format("%Y-%m-%d-%H%M");
    if slug.is_empty() { format!("{when}-{short}.md") } else { format!("{when}-{slug}-{short}.md") }
}

/// The whole file for one entry.
pub fn render(entry: &EntryRecord, catalogue: &Catalogue) -> String {
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
        render_exercise(&mut out, entry, catalogue);
    }
    out
}

fn render_exercise(out: &mut String, entry: &EntryRecord, catalogue: &Catalogue) {
    let Some(stored) = entry.answers.as_ref() else { return };
    let answers = stored.get("answers").and_then(|a| Answers::from_json(a).ok());
    let pack = entry.exercise.as_ref().and_then(|e| catalogue.get(&e.id));
    match (answers, pack) {
        (Some(answers), Some(pack)) => {
            for step in pack.steps() {
                if let Some(answer) = answers.get(step.id.as_str()) {
                    let _ = writeln!(out, "## {}\n\n{}\n", step.prompt, answer_text(&step.kind, answer));
                }
            }
        }
        _ => {
            // The pack is gone or changed beyond reading: keep the answers as they were stored.
            let _ = writeln!(out, "```json\n{}\n```\n", serde_json::to_string_pretty(stored).unwrap_or_default());
        }
    }
    if let Some(scores) = stored.get("scores").and_then(|s| s.as_array()).filter(|s| !s.is_empty()) {
        out.push_str("## Scores\n\n| | | |\n|---|---|---|\n");
        for s in scores {
            let text =
                |k: &str| s.get(k).map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned)).unwrap_or_default();
            let _ =
                writeln!(out, "| {} | {} of {} | {} |", text("label"), text("value"), text("max"), text("band_words"));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "*{}*", crate::exercises::DISCLAIMER);
}

fn answer_text(kind: &StepKind, answer: &Answer) -> String {
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
                None => {
                    format!("{value} on {} ({}) to {} ({})", scale.min, scale.min_label, scale.max, scale.max_label)
                }
            }
        }
        (StepKind::Checklist { items }, Answer::Checklist(marks)) => items
            .iter()
            .filter_map(|item| {
                let mark = marks.get(&item.id)?;
                let word = serde_json::to_value(mark).ok()?.as_str()?.to_owned();
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
                ("caught in loops", c.obsessive),
            ];
            let mut parts: Vec<String> = dims.iter().filter_map(|(n, v)| v.map(|v| format!("{n} {v} of 4"))).collect();
            if let Ok(serde_json::Value::Array(areas)) = serde_json::to_value(&c.body) {
                let areas: Vec<String> = areas.iter().filter_map(|a| a.as_str().map(str::to_owned)).collect();
                if !areas.is_empty() {
                    parts.push(format!("felt in: {}", areas.join(", ")));
                }
            }
            parts.join(" · ")
        }
        (_, Answer::Commitment(c)) => format!("{} (to look at again after {} days)", c.intention, c.review_after_days),
        (_, other) => serde_json::to_string(other).unwrap_or_default(),
    }
}
