//! A folder of Markdown notes (Obsidian, other apps' exports, Attune's own Markdown export), or
//! one note. The text stays Markdown.
//!
//! How a note maps onto an entry (also in the README):
//! - Front matter, when present, gives `id` (a UUID: kept, so Attune's own export round-trips
//!   onto the same entries), `date` (RFC 3339; or `YYYY-MM-DD` and `YYYY-MM-DD HH:MM`, read in
//!   the import's zone), `updated`, `title`, `tags` and `people` (lists, or one text split at
//!   commas), `mood` (1 to 5). Other keys are passed over. `exercise` entries come back as
//!   journal entries holding the questions and answers as text.
//! - Without a front matter date, the date comes from the file name (`2024-03-05.md`,
//!   `2024-03-05 Title.md`, `2024-03-05-2015-….md`), else from the file's modification time;
//!   the report counts which was used.
//! - Title: the front matter's; else a first line `# Heading` (taken out of the body); else the
//!   file name without its date; else the first line (taken out of the body). A note with an
//!   `id` but no title keeps its body whole.
//! - id: the front matter's UUID, else derived from the note's path in the folder and its date,
//!   so importing the folder again adds nothing (a renamed or re-dated note counts as new).
//! - Notes that are not UTF-8, larger than the limit, or with a front matter date or mood that
//!   does not parse are skipped and reported; hidden folders (`.obsidian`) are passed over.

use std::collections::HashMap;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::front_matter::{self, Field, Value};
use super::{DateSources, EntryRecordBuilder, Format, ImportError, Options, Place, Plan, ids, source, zone};
use crate::journal::Mood;
use crate::time::Timestamp;
use crate::{EntryId, time};

fn is_markdown(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

pub(super) fn plan(path: &Path, options: &Options) -> Result<Plan, ImportError> {
    let mut plan = Plan::new(Format::Markdown, path);
    plan.zone = Some(options.zone_name());
    plan.date_sources = Some(DateSources::default());
    let mut seen = HashMap::new();
    if !path.is_dir() {
        let bytes = source::read_limited(path, options.limits.markdown_bytes, "Markdown note")?;
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        read_note(&mut plan, &source::Note { relative: name, bytes, modified }, &mut seen, options);
        return Ok(plan);
    }
    let (found, skipped) = source::walk(path, is_markdown, &options.limits)?;
    plan.skipped.extend(skipped);
    if found.is_empty() {
        return Err(ImportError::NothingToRead {
            path: path.to_owned(),
            what: "Markdown file",
            format: Format::Markdown,
        });
    }
    let mut total = 0u64;
    for f in found {
        let place = Place { file: source::printable(&f.relative), ..Place::default() };
        let bytes = match source::read_limited(&f.path, options.limits.markdown_bytes, "Markdown note") {
            Ok(bytes) => bytes,
            Err(e @ ImportError::TooLarge { .. }) => {
                plan.skip(place, e.to_string());
                continue;
            }
            Err(e) => return Err(e),
        };
        total += bytes.len() as u64;
        if total > options.limits.total_bytes {
            return Err(ImportError::TooMuchData {
                file: path.display().to_string(),
                limit: options.limits.total_bytes,
            });
        }
        let modified = std::fs::metadata(&f.path).and_then(|m| m.modified()).ok();
        read_note(&mut plan, &source::Note { relative: f.relative, bytes, modified }, &mut seen, options);
    }
    Ok(plan)
}

/// Adds one note to the plan, or the reason it cannot be imported.
pub(super) fn read_note(plan: &mut Plan, note: &source::Note, seen: &mut HashMap<EntryId, Place>, options: &Options) {
    let mut place = Place { file: source::printable(&note.relative), ..Place::default() };
    let bytes = note.bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&note.bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.replace("\r\n", "\n"),
        Err(e) => {
            place.line = Some(bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1);
            plan.skip(place, "not UTF-8 text");
            return;
        }
    };
    let (fields, body) = match front_matter::split(&text) {
        Some((front, body, _)) => match front_matter::parse(front, 2) {
            Ok(fields) => (fields, body),
            Err((line, reason)) => {
                place.line = Some(line);
                plan.skip(place, format!("front matter: {reason}"));
                return;
            }
        },
        None => (Vec::new(), text.as_str()),
    };
    match convert(&fields, body, note, options) {
        Ok((record, source)) => {
            if let Some(sources) = plan.date_sources.as_mut() {
                match source {
                    DateSource::FrontMatter => sources.front_matter += 1,
                    DateSource::FileName => sources.file_name += 1,
                    DateSource::Modified => sources.modified_time += 1,
                }
            }
            plan.push(record, place, seen);
        }
        Err((line, reason)) => {
            place.line = line;
            plan.skip(place, reason);
        }
    }
}

enum DateSource {
    FrontMatter,
    FileName,
    Modified,
}

type Problem = (Option<usize>, String);

fn convert(
    fields: &[Field],
    body: &str,
    note: &source::Note,
    options: &Options,
) -> Result<(crate::journal::EntryRecord, DateSource), Problem> {
    let field = |key: &str| fields.iter().find(|f| f.key.eq_ignore_ascii_case(key));
    let text_of = |key: &str| -> Result<Option<(String, usize)>, Problem> {
        match field(key) {
            None => Ok(None),
            Some(Field { value: Value::Text(t), line, .. }) => {
                Ok(Some((t.clone(), *line)).filter(|(t, _)| !t.is_empty()))
            }
            Some(Field { line, .. }) => Err((Some(*line), format!("front matter: {key} should be a single value"))),
        }
    };
    let list_of = |key: &str| -> Vec<String> {
        match field(key).map(|f| &f.value) {
            Some(Value::List(items)) => items.clone(),
            Some(Value::Text(t)) => t.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect(),
            _ => Vec::new(),
        }
    };

    let id = text_of("id")?.and_then(|(t, _)| uuid::Uuid::parse_str(t.trim()).ok()).map(EntryId::from_uuid);
    let stem = note.relative.rsplit('/').next().unwrap_or(&note.relative);
    let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
    let (name_date, name_title) = file_name_date(stem);

    let mood = match text_of("mood")? {
        None => None,
        Some((text, line)) => Some(
            text.trim()
                .parse::<i64>()
                .ok()
                .and_then(|v| Mood::try_from(v).ok())
                .ok_or_else(|| (Some(line), format!("front matter: mood \"{text}\" is not 1 to 5")))?,
        ),
    };

    let (created, source) = match text_of("date")? {
        Some((text, line)) => (
            parse_date(&text, options)
                .ok_or_else(|| (Some(line), format!("front matter: date \"{text}\" is not a date")))?,
            DateSource::FrontMatter,
        ),
        None => match name_date.and_then(|wall| zone::local(wall, &options.zone)) {
            Some(at) => (at, DateSource::FileName),
            None => match note.modified.and_then(|m| zone::from_system(m, &options.zone)) {
                Some(at) => (at, DateSource::Modified),
                None => return Err((None, "no date: none in front matter or the file name".to_owned())),
            },
        },
    };
    let updated = text_of("updated")?.and_then(|(t, _)| parse_date(&t, options)).unwrap_or(created).max(created);
    // A quoted title keeps its spaces (our export writes titles quoted, as they were typed);
    // plain YAML scalars are trimmed already.
    let fm_title = text_of("title")?.map(|(t, _)| if t.trim().is_empty() { String::new() } else { t });
    let body = body.trim_start_matches(['\n', ' ', '\t']);
    let (first, rest) = body.split_once('\n').unwrap_or((body, ""));
    let heading = first.strip_prefix("# ").map(str::trim);
    let (title, body) = match (fm_title, heading) {
        (Some(title), Some(h)) if h == title.trim() => (title, rest),
        (Some(title), _) => (title, body),
        (None, _) if id.is_some() => (String::new(), body),
        (None, Some(h)) => (h.to_owned(), rest),
        (None, None) if !name_title.is_empty() => (name_title, body),
        (None, None) if first.trim().chars().count() <= 120 => (first.trim().to_owned(), rest),
        (None, None) => (String::new(), body),
    };
    let body = body.trim_start_matches('\n').trim_end().to_owned();
    if title.is_empty() && body.is_empty() {
        return Err((None, "an empty note".to_owned()));
    }
    let id = id.unwrap_or_else(|| {
        ids::derive("markdown", &[note.relative.as_bytes(), time::format(&created).as_bytes()], &created)
    });
    let mut record = EntryRecordBuilder {
        id,
        title,
        body,
        created_at: created,
        updated_at: updated,
        tags: list_of("tags").into_iter().map(|t| t.trim_start_matches('#').to_owned()).collect(),
        people: list_of("people"),
    }
    .build();
    record.mood = mood;
    Ok((record, source))
}

/// RFC 3339, or a date or date and time without an offset, read in the import's zone.
fn parse_date(text: &str, options: &Options) -> Option<Timestamp> {
    let text = text.trim();
    if let Ok(at) = chrono::DateTime::parse_from_rfc3339(text) {
        return Some(at);
    }
    let wall = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .or_else(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().map(|d| d.and_time(NaiveTime::MIN)))?;
    zone::local(wall, &options.zone)
}

/// A date (and our export's `-HHMM` time) at the start of a file name, and the rest of the
/// name as a title: `2024-03-05 Trip.md` gives 2024-03-05 00:00 and "Trip". A name with no
/// date is all title.
fn file_name_date(stem: &str) -> (Option<NaiveDateTime>, String) {
    let Some(date) = stem.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()) else {
        return (None, stem.trim().to_owned());
    };
    let mut rest = &stem[10..];
    let mut time = NaiveTime::MIN;
    if let Some(hhmm) = rest.strip_prefix('-').and_then(|r| r.get(..4))
        && let Ok(t) = NaiveTime::parse_from_str(hhmm, "%H%M")
        && rest[5..].chars().next().is_none_or(|c| !c.is_ascii_digit())
    {
        time = t;
        rest = &rest[5..];
    }
    (Some(date.and_time(time)), rest.trim_matches([' ', '-', '_']).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("2024-03-05", Some("2024-03-05 00:00"), "")]
    #[case("2024-03-05 Trip to Lisbon", Some("2024-03-05 00:00"), "Trip to Lisbon")]
    #[case("2026-03-14-2015-home-again-1a2b3c4d", Some("2026-03-14 20:15"), "home-again-1a2b3c4d")]
    #[case("Meeting notes", None, "Meeting notes")]
    #[case("2024-13-40 odd", None, "2024-13-40 odd")]
    fn dates_in_file_names(#[case] stem: &str, #[case] date: Option<&str>, #[case] title: &str) {
        let (found, rest) = file_name_date(stem);
        assert_eq!(found.map(|d| d.format("%Y-%m-%d %H:%M").to_string()).as_deref(), date);
        assert_eq!(rest, title);
    }

    fn note(name: &str, text: &str) -> Plan {
        let options = Options::in_zone("Europe/Paris").unwrap();
        super::super::plan_bytes(Format::Markdown, name, text.as_bytes(), &options).unwrap()
    }

    #[test]
    fn a_heading_becomes_the_title_and_dates_come_from_the_name() {
        let plan = note("2024-03-05.md", "# Évora\n\nDes cigognes sur le toit.\n");
        let e = &plan.entries[0];
        assert_eq!((e.title.as_str(), e.body.as_str()), ("Évora", "Des cigognes sur le toit."));
        assert_eq!(e.created_at.to_rfc3339(), "2024-03-05T00:00:00+01:00");
        assert_eq!(plan.date_sources.unwrap().file_name, 1);
    }

    #[test]
    fn a_bad_mood_or_date_skips_the_note_at_its_line() {
        let plan = note("x.md", "---\ntitle: x\nmood: happy\n---\ntext");
        assert_eq!(plan.skipped[0].to_string(), "x.md:3: front matter: mood \"happy\" is not 1 to 5");
        let plan = note("x.md", "---\ndate: someday\n---\ntext");
        assert!(plan.skipped[0].to_string().starts_with("x.md:2: front matter: date"), "{:?}", plan.skipped);
        let plan = note("x.md", "no date anywhere");
        assert!(plan.skipped[0].reason.starts_with("no date"), "{:?}", plan.skipped);
    }
}
