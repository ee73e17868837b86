//! jrnl's own journal file: the plain text jrnl keeps (`journal.txt`), read directly, so nobody
//! has to export JSON first.
//!
//! An entry starts at a line `[2020-07-01 20:00] Title. Rest of the line` (jrnl's default
//! `timeformat`; seconds and 12-hour times `[2020-07-01 08:00:05 PM]` are read too) and runs to
//! the next such line. A ` *` after the title marks a starred entry. The title is the first
//! sentence, as jrnl splits it; tags are words starting with `@` or `#` and a letter or digit.
//! A line shaped like a date line whose date does not parse starts an entry that is skipped and
//! reported, so its text is not silently glued to the entry before.
//!
//! jrnl can encrypt its journal: jrnl 2 and later write one base64 Fernet token (`gAAAAA…`),
//! jrnl 1 wrote binary. Neither is text; both stop the import with a request to decrypt the
//! journal with jrnl first. This module must never try to decrypt anything.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::{EntryRecordBuilder, Format, ImportError, Options, Place, Plan, ids, zone};
use crate::EntryId;

/// The date formats jrnl writes between the brackets, tried in order.
const FORMATS: [&str; 6] = [
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %I:%M %p",
    "%Y-%m-%d %I:%M:%S %p",
    "%Y-%m-%d %I:%M%p",
    "%Y-%m-%d",
];

/// Why a file cannot be read as jrnl's plain text, when it looks encrypted.
pub(super) fn encrypted(bytes: &[u8]) -> Option<&'static str> {
    let trimmed = bytes.trim_ascii();
    let base64 = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'=' | b'+' | b'/');
    if trimmed.starts_with(b"gAAAAA") && trimmed.iter().all(base64) {
        return Some("a jrnl journal encrypted with a password (a Fernet token, as jrnl 2 and later write)");
    }
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).ok();
    let control = |c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}');
    match text {
        Some(text) if !text.chars().any(control) => None,
        _ => Some("not text: it looks encrypted (jrnl 1 wrote encrypted journals as binary)"),
    }
}

/// Reads jrnl's plain-text journal into `plan`.
pub(super) fn read_text(
    plan: &mut Plan,
    file: &str,
    bytes: &[u8],
    seen: &mut HashMap<EntryId, Place>,
    options: &Options,
) -> Result<(), ImportError> {
    if let Some(detail) = encrypted(bytes) {
        return Err(ImportError::Encrypted { file: file.to_owned(), detail });
    }
    let text = String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes));
    let mut found = 0usize;
    let mut current: Option<Draft<'_>> = None;
    for (index, line) in text.lines().enumerate() {
        if let Some(head) = date_line(line) {
            if let Some(draft) = current.take() {
                finish(plan, file, draft, seen, options);
            }
            found += 1;
            current = Some(Draft { entry: found, line: index + 1, head, body: Vec::new() });
        } else if let Some(draft) = current.as_mut() {
            draft.body.push(line);
        }
        // Text before the first entry is jrnl's too (it ignores it): nothing to import.
    }
    if let Some(draft) = current.take() {
        finish(plan, file, draft, seen, options);
    }
    if found == 0 {
        return Err(ImportError::NothingToRead {
            path: file.into(),
            what: "entry starting with a date line such as \"[2020-07-01 20:00] Title\"",
            format: Format::Jrnl,
        });
    }
    Ok(())
}

/// Whether `line` starts a jrnl entry with a date that parses.
pub(super) fn starts_an_entry(line: &str) -> bool {
    date_line(line).is_some_and(|head| head.when.is_ok())
}

/// A date line: its date (or the text that failed to be one) and the rest of the line.
struct Head<'t> {
    when: Result<NaiveDateTime, &'t str>,
    rest: &'t str,
}

struct Draft<'t> {
    entry: usize,
    line: usize,
    head: Head<'t>,
    body: Vec<&'t str>,
}

/// `[YYYY-MM-DD …] rest`: a line that starts an entry, when the bracket holds a date (or
/// something shaped like one: four digits and a dash).
fn date_line(line: &str) -> Option<Head<'_>> {
    let inner_and_rest = line.strip_prefix('[')?;
    let close = inner_and_rest.find(']').filter(|&c| c <= 40)?;
    let inner = &inner_and_rest[..close];
    let rest = &inner_and_rest[close + 1..];
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    let bytes = inner.as_bytes();
    if !(bytes.len() >= 5 && bytes[..4].iter().all(u8::is_ascii_digit) && bytes[4] == b'-') {
        return None;
    }
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    let inner_trimmed = inner.trim();
    let when = FORMATS
        .iter()
        .find_map(|f| {
            NaiveDateTime::parse_from_str(inner_trimmed, f)
                .ok()
                .or_else(|| NaiveDate::parse_from_str(inner_trimmed, f).ok().map(|d| d.and_time(NaiveTime::MIN)))
        })
        .ok_or(inner);
    Some(Head { when, rest })
}

fn finish(plan: &mut Plan, file: &str, draft: Draft<'_>, seen: &mut HashMap<EntryId, Place>, options: &Options) {
    let place = Place { file: file.to_owned(), entry: Some(draft.entry), path: None, line: Some(draft.line) };
    let wall = match draft.head.when {
        Ok(wall) => wall,
        Err(text) => {
            let reason = format!("\"[{text}]\" is not a date (expected [YYYY-MM-DD HH:MM])");
            return plan.skip(place, reason);
        }
    };
    let Some(created) = zone::local(wall, &options.zone) else {
        return plan.skip(place, format!("{wall} is outside the dates Attune can store"));
    };
    let mut first = draft.head.rest.trim_end();
    let starred = first == "*" || first.ends_with(" *");
    if starred {
        first = first.trim_end_matches('*').trim_end();
    }
    let (title, more) = first_sentence(first);
    let mut body = String::from(more.trim());
    let rest = draft.body.join("\n");
    let rest = rest.trim_matches('\n').trim_end();
    if !rest.is_empty() {
        if !body.is_empty() {
            body.push('\n');
        }
        body.push_str(rest);
    }
    let title = title.trim().to_owned();
    if title.is_empty() && body.trim().is_empty() {
        return plan.skip(place, "no text (a blank entry)");
    }
    let mut tags = Vec::new();
    for tag in tags_in(&title).chain(tags_in(&body)) {
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    if starred {
        tags.push("starred".to_owned());
    }
    let (date, time) = (wall.date(), wall.time());
    let id = ids::derive(
        "jrnl",
        &[date.to_string().as_bytes(), time.to_string().as_bytes(), title.as_bytes(), body.as_bytes()],
        &created,
    );
    let record =
        EntryRecordBuilder { id, title, body, created_at: created, updated_at: created, tags, people: vec![] }.build();
    plan.push(record, place, seen);
}

/// The first sentence (to the first `.`, `?` or `!` followed by a space) and the rest.
fn first_sentence(line: &str) -> (&str, &str) {
    let mut chars = line.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if matches!(c, '.' | '?' | '!') && chars.peek().is_some_and(|(_, next)| next.is_whitespace()) {
            let end = at + c.len_utf8();
            return (&line[..end], &line[end..]);
        }
    }
    (line, "")
}

/// jrnl's tags: `@word` or `#word` (a letter, digit or `_` after the symbol) at the start of a
/// word, lower-cased, without the symbol.
fn tags_in(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split_whitespace().filter_map(|word| {
        let rest = word.strip_prefix(['@', '#'])?;
        if !rest.chars().next().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            return None;
        }
        let end =
            rest.find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '+' | '/'))).unwrap_or(rest.len());
        let tag = rest[..end].trim_end_matches(['-', '+', '/']);
        (!tag.is_empty()).then(|| tag.to_lowercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &[u8]) -> Result<Plan, ImportError> {
        let options = Options::in_zone("Europe/Paris").unwrap();
        super::super::plan_bytes(Format::Jrnl, "journal.txt", text, &options)
    }

    #[test]
    fn entries_titles_tags_and_stars_are_read_as_jrnl_writes_them() {
        let plan = read(
            "[2020-07-01 20:00] Long day. Too long, @work again.\nMore on the next line.\n[not a date] stays text\n\n\
             [2020-07-02 08:05:30 PM] Dinner with #Family! *\n\n[2020-07-03 09:15:00] Quiet.\n"
                .as_bytes(),
        )
        .unwrap();
        assert!(plan.skipped.is_empty(), "{:?}", plan.skipped);
        let e: Vec<_> = plan.entries.iter().collect();
        assert_eq!(e.len(), 3);
        assert_eq!(
            (e[0].title.as_str(), e[0].created_at.to_rfc3339()),
            ("Long day.", "2020-07-01T20:00:00+02:00".into())
        );
        assert_eq!(e[0].body, "Too long, @work again.\nMore on the next line.\n[not a date] stays text");
        assert_eq!(e[0].tags, ["work"]);
        assert_eq!(e[1].created_at.to_rfc3339(), "2020-07-02T20:05:30+02:00", "12-hour times");
        assert_eq!(
            (e[1].title.as_str(), e[1].tags.clone()),
            ("Dinner with #Family!", vec!["family".into(), "starred".into()])
        );
        assert_eq!(e[2].created_at.to_rfc3339(), "2020-07-03T09:15:00+02:00", "seconds");
        let again = read(
            b"[2020-07-01 20:00] Long day. Too long, @work again.\nMore on the next line.\n[not a date] stays text\n",
        )
        .unwrap();
        assert_eq!(again.entries[0].id, e[0].id, "the same text gives the same id");
    }

    #[test]
    fn a_bad_date_line_is_an_entry_skipped_at_its_line() {
        let plan =
            read(b"preamble\n[2020-07-01 20:00] Fine.\n[2020-13-45 99:99] Broken.\nits body\n[2020-07-02 10:00]\n")
                .unwrap();
        assert_eq!(plan.entries.len(), 1);
        let skipped: Vec<String> = plan.skipped.iter().map(ToString::to_string).collect();
        assert_eq!(
            skipped,
            [
                "journal.txt:3 (entry 2): \"[2020-13-45 99:99]\" is not a date (expected [YYYY-MM-DD HH:MM])",
                "journal.txt:5 (entry 3): no text (a blank entry)"
            ]
        );
    }

    #[test]
    fn encrypted_journals_are_refused_with_a_request_to_decrypt() {
        for bytes in [
            &b"gAAAAABfW1x2c3RyaW5nLXRoYXQtbG9va3MtbGlrZS1hLXRva2Vu==\n"[..],
            &[0x8a, 0x00, 0x13, 0xff, 0x42, 0x07][..],
        ] {
            let err = read(bytes).unwrap_err();
            assert!(matches!(err, ImportError::Encrypted { .. }), "{err}");
            let message = err.to_string();
            assert!(message.starts_with("journal.txt: ") && message.contains("jrnl --decrypt"), "{message}");
        }
        let err = read(b"just some notes\nwithout dates\n").unwrap_err();
        assert!(matches!(err, ImportError::NothingToRead { .. }), "{err}");
    }
}
