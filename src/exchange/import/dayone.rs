//! Day One's JSON export: a `.zip` (or the folder it unzips to) with one `<Journal>.json` per
//! journal, `{ "metadata": {...}, "entries": [...] }`, and media files beside it.
//!
//! How entries map onto Attune (also in the README):
//! - id: derived from Day One's `uuid` and `creationDate` ([`super::ids`]), so a re-import adds
//!   nothing. Entries with no `uuid` (older Day One versions and other tools write them) get an
//!   id derived from their `creationDate` and `text` instead, just as stable. Entries with no
//!   usable `creationDate` are skipped and reported.
//! - time: `creationDate` (an instant) shown in the entry's `timeZone`, so the local day is the
//!   one the person lived; `modifiedDate` becomes the last update.
//! - text: Markdown kept as Markdown. A first line `# Title` becomes the title. Day One's
//!   backslash escapes (`\.` `\!` `\(`) are removed except where the backslash still means
//!   something in Markdown (`\*`, `\_`, `` \` ``, `\[`, a `\#` or `\-` opening a line...).
//!   Inline media links (`dayone-moment:`) are removed.
//! - `tags` are kept; `starred: true` adds the tag `starred`; when the export holds several
//!   journals, each entry is also tagged with its journal's name.
//! - `location`: its names (place, town, region, country) end the body as a last paragraph
//!   `Place: …`, so they are searchable without filling the tag list with places.
//! - Weather, device, music and other fields are left out; unknown fields are accepted.

use std::collections::HashMap;
use std::io::{Read, Seek};
use std::path::Path;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::json::{self, Lines};
use super::media::{Category, MediaIndex, PlannedAttachment};
use super::{EntryRecordBuilder, Format, ImportError, Options, Place, Plan, Skipped, ids, source, zone};
use crate::EntryId;
use crate::attachments::{AttachmentId, MAX_FILE_BYTES, links};
use crate::time::Timestamp;

#[derive(Deserialize)]
struct File<'a> {
    #[serde(borrow)]
    entries: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    uuid: Option<String>,
    creation_date: Option<String>,
    modified_date: Option<String>,
    time_zone: Option<String>,
    text: Option<String>,
    starred: Option<bool>,
    tags: Option<Vec<String>>,
    location: Option<Location>,
    photos: Option<Vec<serde_json::Value>>,
    videos: Option<Vec<serde_json::Value>>,
    audios: Option<Vec<serde_json::Value>>,
    pdf_attachments: Option<Vec<serde_json::Value>>,
}

impl Entry {
    /// Every media item, with its category, `identifier` and `md5` (either may be missing).
    fn media(&self) -> Vec<(Category, Option<String>, Option<String>)> {
        let text = |v: &serde_json::Value, key: &str| v.get(key).and_then(|s| s.as_str()).map(str::to_owned);
        [
            (Category::Photo, &self.photos),
            (Category::Video, &self.videos),
            (Category::Audio, &self.audios),
            (Category::Pdf, &self.pdf_attachments),
        ]
        .into_iter()
        .flat_map(|(category, items)| {
            items.iter().flatten().map(move |item| (category, text(item, "identifier"), text(item, "md5")))
        })
        .collect()
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    place_name: Option<String>,
    locality_name: Option<String>,
    administrative_area: Option<String>,
    country: Option<String>,
}

pub(super) fn plan(path: &Path, options: &Options) -> Result<Plan, ImportError> {
    if path.is_dir() {
        let mut plan = Plan::new(Format::DayOne, path);
        let (members, skipped) = source::json_files(path, &options.limits)?;
        plan.skipped.extend(skipped);
        read_members(&mut plan, members, path, &MediaIndex::of_folder(path))?;
        return Ok(plan);
    }
    let file = std::fs::File::open(path).map_err(|source| ImportError::Io { path: path.to_owned(), error: source })?;
    let mut magic = [0u8; 2];
    let is_zip = (&file).read_exact(&mut magic).is_ok() && &magic == b"PK";
    if is_zip {
        return plan_archive(path, file, &path.display().to_string(), options, false);
    }
    let bytes = source::read_limited(path, options.limits.json_bytes, "JSON file")?;
    let mut plan = Plan::new(Format::DayOne, path);
    // A journal file on its own: its media are in the folders beside it, when they are there.
    let media = path.parent().map(MediaIndex::of_folder).unwrap_or_default();
    read_json(&mut plan, &path.display().to_string(), &bytes, None, &mut HashMap::new(), &media)?;
    Ok(plan)
}

/// A Day One archive. With `in_memory`, the archive cannot be opened again when the import is
/// applied, so its media files are read now.
pub(super) fn plan_archive<R: Read + Seek>(
    path: &Path,
    reader: R,
    name: &str,
    options: &Options,
    in_memory: bool,
) -> Result<Plan, ImportError> {
    let mut plan = Plan::new(Format::DayOne, path);
    let mut zip = source::open_archive(reader, name)?;
    let members = source::archive_json(&mut zip, name, &options.limits)?;
    let media = MediaIndex::of_archive(&mut zip, name, in_memory.then_some(options.limits.total_bytes))?;
    read_members(&mut plan, members, path, &media)?;
    Ok(plan)
}

fn read_members(
    plan: &mut Plan,
    members: Vec<source::Member>,
    path: &Path,
    media: &MediaIndex,
) -> Result<(), ImportError> {
    if members.is_empty() {
        return Err(ImportError::NothingToRead {
            path: path.to_owned(),
            what: "journal JSON file",
            format: Format::DayOne,
        });
    }
    let several = members.len() > 1;
    let mut seen = HashMap::new();
    for member in members {
        let journal = several.then_some(member.stem.as_str()).filter(|s| !s.trim().is_empty());
        read_json(plan, &member.display, &member.bytes, journal, &mut seen, media)?;
    }
    Ok(())
}

/// Reads one journal file into `plan`. `journal` is the tag to add, when there are several.
pub(super) fn read_json(
    plan: &mut Plan,
    file: &str,
    bytes: &[u8],
    journal: Option<&str>,
    seen: &mut HashMap<EntryId, Place>,
    media: &MediaIndex,
) -> Result<(), ImportError> {
    let text = json::text(file, bytes)?;
    let doc: File<'_> = json::document(file, text)?;
    let mut lines = Lines::new(text);
    for (index, raw) in doc.entries.into_iter().enumerate() {
        let prefix = format!("entries[{index}]");
        let mut place = Place { file: file.to_owned(), entry: Some(index + 1), path: None, line: None };
        let entry: Entry = match json::entry(&mut lines, raw, &prefix) {
            Ok(entry) => entry,
            Err(problem) => {
                place.path = Some(problem.path);
                place.line = problem.line;
                plan.skip(place, problem.detail);
                continue;
            }
        };
        place.line = lines.line_of(raw);
        let items = entry.media();
        match convert(entry, journal, media, &place) {
            Ok(converted) => {
                let before = plan.entries.len();
                plan.push(converted.record, place, seen);
                if plan.entries.len() > before {
                    plan.attachments.extend(converted.attachments);
                    for (category, problem) in converted.problems {
                        category.count(&mut plan.media_skipped);
                        plan.media_problems.push(problem);
                    }
                } else {
                    items.iter().for_each(|(category, _, _)| category.count(&mut plan.media_skipped));
                }
            }
            Err((field, reason)) => {
                items.iter().for_each(|(category, _, _)| category.count(&mut plan.media_skipped));
                place.path = Some(format!("{prefix}.{field}"));
                plan.skip(place, reason);
            }
        }
    }
    Ok(())
}

/// An entry read, with the files that come with it and those that cannot.
struct Converted {
    record: crate::journal::EntryRecord,
    attachments: Vec<PlannedAttachment>,
    problems: Vec<(Category, Skipped)>,
}

/// One Day One entry as an Attune record, or the field that prevents it and why.
fn convert(
    entry: Entry,
    journal: Option<&str>,
    media: &MediaIndex,
    place: &Place,
) -> Result<Converted, (&'static str, String)> {
    let items = entry.media();
    let uuid = entry.uuid.filter(|u| !u.trim().is_empty());
    let created_text = entry.creation_date.ok_or(("creationDate", "no creationDate".to_owned()))?;
    let created = parse_date(&created_text).ok_or(("creationDate", format!("\"{created_text}\" is not a date")))?;
    let zone = entry.time_zone.as_deref().and_then(|name| jiff::tz::TimeZone::get(name).ok());
    let local = |t: &Timestamp| zone.as_ref().map_or(*t, |z| zone::shift(t, z));
    let created = local(&created);
    let updated = entry.modified_date.as_deref().and_then(parse_date).map_or(created, |t| local(&t));

    let id = match &uuid {
        Some(uuid) => ids::derive("dayone", &[uuid.trim().to_ascii_uppercase().as_bytes()], &created),
        // No uuid: the instant and the text as written are the entry's identity. The instant,
        // not the text of `creationDate`, so "…Z" and "+00:00" spellings agree.
        None => ids::derive(
            "dayone-content",
            &[created.timestamp_millis().to_le_bytes().as_slice(), entry.text.as_deref().unwrap_or("").as_bytes()],
            &created,
        ),
    };

    // Each media item found in the export becomes an attachment; its address in the text, a
    // reference to it.
    let mut attachments: Vec<PlannedAttachment> = Vec::new();
    let mut problems = Vec::new();
    let mut by_identifier: HashMap<String, String> = HashMap::new();
    let mut every_link: Vec<String> = Vec::new();
    for (category, identifier, md5) in items {
        let key = identifier.clone().or_else(|| md5.clone()).unwrap_or_default();
        let what = format!("{} {}", category.word(), if key.is_empty() { "without an identifier" } else { &key });
        let mut problem = |reason: String| {
            problems.push((category, Skipped { place: place.clone(), reason: format!("{what}: {reason}") }))
        };
        let Some(md5) = md5.filter(|m| !m.trim().is_empty()) else {
            problem("no md5, so its file cannot be found".to_owned());
            continue;
        };
        let Some((source, name, size)) = media.find(category, &md5) else {
            problem(format!("its file ({}/{md5}.*) is not in the export", category.folder()));
            continue;
        };
        if *size > MAX_FILE_BYTES {
            problem(format!("{name} is {size} bytes; a file is at most {MAX_FILE_BYTES} bytes (25 MiB)"));
            continue;
        }
        let attachment_id = AttachmentId::derived(id, format!("dayone:{}", md5.to_ascii_lowercase()).as_bytes());
        let markdown = links::markdown(name, attachment_id, category.kind());
        if let Some(identifier) = &identifier {
            by_identifier.insert(identifier.to_ascii_uppercase(), markdown.clone());
        }
        // The same file listed twice (two identifiers, one md5) is one attachment.
        if !attachments.iter().any(|a| a.id == attachment_id) {
            attachments.push(PlannedAttachment {
                entry: id,
                id: attachment_id,
                name: name.clone(),
                category,
                source: source.clone(),
                place: place.clone(),
            });
            every_link.push(markdown);
        }
    }
    let mut mentioned: Vec<String> = Vec::new();
    let text = replace_media(entry.text.as_deref().unwrap_or(""), |address| {
        let key = address.rsplit('/').next().unwrap_or(address).to_ascii_uppercase();
        let markdown = by_identifier.get(&key).cloned();
        mentioned.extend(markdown.clone());
        markdown
    });
    let (title, mut body) = split_text(&text);
    // Media the text does not mention (Day One keeps some only in its arrays) end the text.
    for markdown in every_link.iter().filter(|m| !mentioned.contains(m)) {
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        body.push_str(markdown);
    }
    if let Some(place) = entry.location.as_ref().and_then(place_line) {
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        body.push_str(&place);
    }
    if title.is_empty() && body.is_empty() {
        return Err(("text", "no text (a blank entry, or one with only media)".to_owned()));
    }
    let mut tags: Vec<String> = entry.tags.unwrap_or_default().into_iter().filter(|t| !t.trim().is_empty()).collect();
    if entry.starred == Some(true) {
        tags.push("starred".to_owned());
    }
    if let Some(journal) = journal {
        tags.push(journal.to_owned());
    }
    let record = EntryRecordBuilder {
        id,
        title,
        body,
        created_at: created,
        updated_at: updated.max(created),
        tags,
        people: vec![],
    }
    .build();
    Ok(Converted { record, attachments, problems })
}

/// RFC 3339, or the same without seconds' fraction rules Day One sometimes bends.
fn parse_date(text: &str) -> Option<Timestamp> {
    chrono::DateTime::parse_from_rfc3339(text.trim()).ok()
}

fn place_line(location: &Location) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in [&location.place_name, &location.locality_name, &location.administrative_area, &location.country]
        .into_iter()
        .flatten()
    {
        let part = part.trim();
        if !part.is_empty() && !parts.iter().any(|p| p.eq_ignore_ascii_case(part)) {
            parts.push(part);
        }
    }
    (!parts.is_empty()).then(|| format!("Place: {}", parts.join(", ")))
}

/// The title (a first line `# Title`) and the body, with media links left removed and escapes
/// undone.
fn split_text(text: &str) -> (String, String) {
    let text = replace_media(&text.replace("\r\n", "\n"), |_| None);
    let trimmed = text.trim_start_matches(['\n', ' ', '\t']);
    let (first, rest) = trimmed.split_once('\n').unwrap_or((trimmed, ""));
    if let Some(heading) = first.strip_prefix("# ") {
        let title = unescape_all(heading.trim());
        (title, unescape(rest.trim_matches('\n')).trim_end().to_owned())
    } else {
        (String::new(), unescape(trimmed).trim_end().to_owned())
    }
}

/// Replaces each `![…](dayone-moment:…)` image, `[…](dayone-moment:…)` link and bare
/// `dayone-moment:` address with what `replace` gives for its address (`dayone-moment://ID`,
/// `dayone-moment:/video/ID`), or removes it when that is `None`.
fn replace_media(text: &str, mut replace: impl FnMut(&str) -> Option<String>) -> String {
    const SCHEME: &str = "dayone-moment:";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(SCHEME) {
        let before = &rest[..at];
        // A Markdown link or image around the address: drop it whole.
        let link_start = before.strip_suffix("](").and_then(|b| {
            let open = b.rfind('[')?;
            Some(if b[..open].ends_with('!') { open - 1 } else { open })
        });
        let end = rest[at..].find([')', ' ', '\n']).map_or(rest.len(), |e| at + e);
        let address = &rest[at..end];
        let end = if link_start.is_some() && rest[end..].starts_with(')') { end + 1 } else { end };
        out.push_str(&rest[..link_start.unwrap_or(at)]);
        if let Some(new) = replace(address) {
            out.push_str(&new);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    // Lines left empty by a removed image should not pile up.
    let mut cleaned = String::with_capacity(out.len());
    let mut blank_run = 0;
    for line in out.split('\n') {
        blank_run = if line.trim().is_empty() { blank_run + 1 } else { 0 };
        if blank_run <= 1 {
            cleaned.push_str(line);
            cleaned.push('\n');
        }
    }
    cleaned.truncate(cleaned.trim_end_matches('\n').len());
    cleaned
}

/// Every backslash escape undone: for titles, which are plain text.
fn unescape_all(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&next) if c == '\\' && next.is_ascii_punctuation() => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// Day One escapes nearly all punctuation. Undo it where the backslash means nothing to a
/// Markdown reader; keep it where removing it would turn text into formatting: emphasis and
/// code marks, link brackets, a backslash itself, and block markers at the start of a line
/// (`#`, `>`, `-`, `+`, `1.`).
pub(super) fn unescape(text: &str) -> String {
    const ALWAYS_KEEP: &[char] = &['\\', '*', '_', '`', '[', ']', '<', '|', '~'];
    #[derive(PartialEq)]
    enum Lead {
        Blank,
        Digits,
        Other,
    }
    let mut out = String::with_capacity(text.len());
    let mut lead = Lead::Blank;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek().filter(|n| n.is_ascii_punctuation())
        {
            chars.next();
            let opens_block = lead == Lead::Blank && matches!(next, '#' | '>' | '-' | '+' | '=');
            let ends_number = lead == Lead::Digits && matches!(next, '.' | ')');
            if ALWAYS_KEEP.contains(&next) || opens_block || ends_number {
                out.push('\\');
            }
            out.push(next);
            lead = Lead::Other;
            continue;
        }
        out.push(c);
        lead = match (c, lead) {
            ('\n', _) => Lead::Blank,
            (' ' | '\t', Lead::Blank) => Lead::Blank,
            ('0'..='9', Lead::Blank | Lead::Digits) => Lead::Digits,
            _ => Lead::Other,
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(r"Hello\. It was \(mostly\) fine\!", "Hello. It was (mostly) fine!")]
    #[case(r"Use \*stars\* and a back\\slash", r"Use \*stars\* and a back\\slash")]
    #[case("\\- not a list\n\\# not a heading", "\\- not a list\n\\# not a heading")]
    #[case(r"1\. not a list, but 3\.5 is a number", r"1\. not a list, but 3.5 is a number")]
    #[case(r"a well\-known \#tag", "a well-known #tag")]
    #[case("Ça va\\? Très bien\\. 日本語\\!", "Ça va? Très bien. 日本語!")]
    fn escapes_are_undone_where_harmless(#[case] text: &str, #[case] expected: &str) {
        assert_eq!(unescape(text), expected);
    }

    #[test]
    fn titles_and_media_are_taken_out_of_the_text() {
        let (title, body) = split_text(
            "# A day in Lisbon\\!\n\n![](dayone-moment://ABC123)\n\nWe walked\\.\n\n![](dayone-moment:/video/DEF)\n",
        );
        assert_eq!(title, "A day in Lisbon!");
        assert_eq!(body, "We walked.");
        let (title, body) = split_text("No heading here\\.\nSecond line");
        assert_eq!(title, "");
        assert_eq!(body, "No heading here.\nSecond line");
    }

    fn read(text: &str) -> Plan {
        let options = Options::in_zone("UTC").unwrap();
        super::super::plan_bytes(Format::DayOne, "Journal.json", text.as_bytes(), &options).unwrap()
    }

    #[test]
    fn entries_without_a_uuid_get_an_id_from_their_instant_and_text() {
        let doc = r#"{"entries": [
            {"creationDate": "2018-06-04T07:15:00Z", "text": "Early walk"},
            {"creationDate": "2018-06-04T07:15:00+00:00", "text": "Same second, other text"},
            {"creationDate": "2018-06-05T22:40:00Z", "text": "Tired"}]}"#;
        let first = read(doc);
        assert!(first.skipped.is_empty(), "no uuid is no reason to skip: {:?}", first.skipped);
        assert_eq!(first.entries.len(), 3);
        assert_ne!(first.entries[0].id, first.entries[1].id, "two entries in one second stay apart");
        assert_eq!(first.entries[0].created_at.to_rfc3339(), "2018-06-04T07:15:00+00:00");
        let again = read(doc);
        let ids = |p: &Plan| p.entries.iter().map(|e| e.id).collect::<Vec<_>>();
        assert_eq!(ids(&first), ids(&again), "reading the same file again gives the same ids");
        let spelled = read(r#"{"entries": [{"creationDate": "2018-06-04T07:15:00.000+00:00", "text": "Early walk"}]}"#);
        assert_eq!(spelled.entries[0].id, first.entries[0].id, "the instant counts, not how it is written");
    }

    #[test]
    fn places_are_named_once_each() {
        let location = Location {
            place_name: Some("Lisboa".into()),
            locality_name: Some("Lisboa".into()),
            administrative_area: None,
            country: Some("Portugal".into()),
        };
        assert_eq!(place_line(&location).as_deref(), Some("Place: Lisboa, Portugal"));
    }
}
