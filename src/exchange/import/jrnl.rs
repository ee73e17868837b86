//! jrnl's JSON export (`jrnl --format json`): `{ "tags": {...}, "entries": [ { "title",
//! "body", "date", "time", "tags", "starred" } ] }`, or with `--file DIR/` a folder holding one
//! file per entry, each a single entry object. A file that is not JSON is read as jrnl's own
//! plain-text journal ([`super::jrnl_text`]).
//!
//! How entries map onto Attune (also in the README):
//! - `date` and `time` are local wall times with no zone: they are read in the zone of
//!   [`super::Options`] (the machine's, or `--tz`), and the report names it.
//! - title and body stay as jrnl split them (the first sentence is the title).
//! - tags lose their symbol (`@work` becomes `work`; jrnl already lower-cases them);
//!   `starred: true` adds the tag `starred`.
//! - id: from Day One-backed journals, derived from the `uuid`; otherwise from the date, time,
//!   title and body. Editing an entry in jrnl and importing again therefore adds the edited
//!   version as a new entry.

use std::collections::HashMap;
use std::path::Path;

use chrono::{NaiveDate, NaiveTime};
use serde::Deserialize;
use serde_json::value::RawValue;

use super::json::{self, Lines};
use super::{EntryRecordBuilder, Format, ImportError, Options, Place, Plan, ids, source, zone};
use crate::EntryId;

#[derive(Deserialize)]
struct Top<'a> {
    #[serde(borrow, default)]
    entries: Option<Vec<&'a RawValue>>,
}

#[derive(Deserialize)]
struct Entry {
    title: Option<String>,
    body: Option<String>,
    date: Option<String>,
    time: Option<String>,
    tags: Option<Vec<String>>,
    starred: Option<bool>,
    uuid: Option<String>,
}

pub(super) fn plan(path: &Path, options: &Options) -> Result<Plan, ImportError> {
    let mut plan = Plan::new(Format::Jrnl, path);
    plan.zone = Some(options.zone_name());
    let mut seen = HashMap::new();
    if path.is_dir() {
        let (members, skipped) = source::json_files(path, &options.limits)?;
        plan.skipped.extend(skipped);
        if members.is_empty() {
            return Err(ImportError::NothingToRead { path: path.to_owned(), what: "JSON file", format: Format::Jrnl });
        }
        for member in members {
            read_json(&mut plan, &member.display, &member.bytes, &mut seen, options)?;
        }
    } else {
        let bytes = source::read_limited(path, options.limits.json_bytes, "jrnl journal")?;
        read_file(&mut plan, &path.display().to_string(), &bytes, &mut seen, options)?;
    }
    Ok(plan)
}

/// Reads one file: a JSON export when it opens with `{`, otherwise jrnl's plain-text journal.
pub(super) fn read_file(
    plan: &mut Plan,
    file: &str,
    bytes: &[u8],
    seen: &mut HashMap<EntryId, Place>,
    options: &Options,
) -> Result<(), ImportError> {
    if bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes).trim_ascii_start().starts_with(b"{") {
        read_json(plan, file, bytes, seen, options)
    } else {
        super::jrnl_text::read_text(plan, file, bytes, seen, options)
    }
}

/// Reads one export file, or one single-entry file, into `plan`.
pub(super) fn read_json(
    plan: &mut Plan,
    file: &str,
    bytes: &[u8],
    seen: &mut HashMap<EntryId, Place>,
    options: &Options,
) -> Result<(), ImportError> {
    let text = json::text(file, bytes)?;
    let top: Top<'_> = json::document(file, text)?;
    let mut lines = Lines::new(text);
    let single: &RawValue;
    let (raws, several): (Vec<&RawValue>, bool) = match top.entries {
        Some(entries) => (entries, true),
        None => {
            single = json::document(file, text)?;
            (vec![single], false)
        }
    };
    for (index, raw) in raws.into_iter().enumerate() {
        let prefix = if several { format!("entries[{index}]") } else { String::new() };
        let mut place =
            Place { file: file.to_owned(), entry: several.then_some(index + 1), path: None, line: lines.line_of(raw) };
        let entry: Entry = match json::entry(&mut lines, raw, &prefix) {
            Ok(entry) => entry,
            Err(problem) => {
                place.path = Some(problem.path).filter(|p| !p.is_empty());
                place.line = problem.line;
                plan.skip(place, problem.detail);
                continue;
            }
        };
        match convert(entry, options) {
            Ok(record) => plan.push(record, place, seen),
            Err((field, reason)) => {
                place.path = Some(if prefix.is_empty() { field.to_owned() } else { format!("{prefix}.{field}") });
                plan.skip(place, reason);
            }
        }
    }
    Ok(())
}

fn convert(entry: Entry, options: &Options) -> Result<crate::journal::EntryRecord, (&'static str, String)> {
    let date_text = entry.date.ok_or(("date", "no date".to_owned()))?;
    let date = NaiveDate::parse_from_str(date_text.trim(), "%Y-%m-%d")
        .map_err(|_| ("date", format!("\"{date_text}\" is not a date (expected YYYY-MM-DD)")))?;
    let time = match entry.time.as_deref().map(str::trim) {
        None | Some("") => NaiveTime::MIN,
        Some(text) => NaiveTime::parse_from_str(text, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
            .map_err(|_| ("time", format!("\"{text}\" is not a time (expected HH:MM)")))?,
    };
    let created = zone::local(date.and_time(time), &options.zone)
        .ok_or(("date", format!("{date_text} is outside the dates Attune can store")))?;
    let title = entry.title.unwrap_or_default().trim().to_owned();
    let body = entry.body.unwrap_or_default().trim().to_owned();
    if title.is_empty() && body.is_empty() {
        return Err(("body", "no text (a blank entry)".to_owned()));
    }
    let mut tags: Vec<String> = entry
        .tags
        .unwrap_or_default()
        .iter()
        .map(|t| t.trim().trim_start_matches(['@', '#']).to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    if entry.starred == Some(true) {
        tags.push("starred".to_owned());
    }
    let id = match entry.uuid.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        Some(uuid) => ids::derive("jrnl-uuid", &[uuid.to_ascii_uppercase().as_bytes()], &created),
        None => ids::derive(
            "jrnl",
            &[date.to_string().as_bytes(), time.to_string().as_bytes(), title.as_bytes(), body.as_bytes()],
            &created,
        ),
    };
    Ok(EntryRecordBuilder { id, title, body, created_at: created, updated_at: created, tags, people: vec![] }.build())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Plan {
        let options = Options::in_zone("Europe/Paris").unwrap();
        super::super::plan_bytes(Format::Jrnl, "journal.json", text.as_bytes(), &options).unwrap()
    }

    #[test]
    fn entries_are_read_in_the_zone_given_and_tags_lose_their_symbol() {
        let plan = read(
            r#"{"tags": {"@work": 1}, "entries": [
              {"title": "Long day.", "body": "Too long, @work again.", "date": "2020-07-01", "time": "20:00",
               "tags": ["@work"], "starred": true}]}"#,
        );
        assert_eq!(plan.entries.len(), 1);
        let e = &plan.entries[0];
        assert_eq!(e.created_at.to_rfc3339(), "2020-07-01T20:00:00+02:00");
        assert_eq!(e.tags, ["work", "starred"]);
        assert_eq!(e.title, "Long day.");
        assert_eq!(plan.zone.as_deref(), Some("Europe/Paris"));
    }

    #[test]
    fn a_single_entry_file_is_one_entry_and_bad_entries_are_skipped_with_their_place() {
        let plan = read(r#"{"title": "Alone.", "body": "", "date": "2021-01-02", "time": "07:30"}"#);
        assert_eq!(plan.entries.len(), 1);
        let plan = read(
            "{\"entries\": [\n{\"title\": \"ok\", \"date\": \"2021-01-02\", \"time\": \"07:30\"},\n\
             {\"title\": \"no date\"},\n{\"title\": \"bad\", \"date\": \"02/01/2021\"},\n{\"title\": 5, \"date\": \"2021-01-02\"}\n]}",
        );
        assert_eq!(plan.entries.len(), 1);
        let reasons: Vec<String> = plan.skipped.iter().map(ToString::to_string).collect();
        assert_eq!(reasons.len(), 3, "{reasons:?}");
        assert_eq!(reasons[0], "journal.json:3 (entry 2, entries[1].date): no date");
        assert!(reasons[1].contains("entries[2].date") && reasons[1].contains("02/01/2021"), "{reasons:?}");
        assert!(reasons[2].contains("entries[3].title") && reasons[2].contains("invalid type"), "{reasons:?}");
    }
}
