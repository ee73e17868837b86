//! Telling formats apart without being told: by the first bytes of a file, or the files in a
//! folder. JSON exports are recognised by keys near their start (`"format": "attune-export"`,
//! Day One's `"creationDate"`, jrnl's `"date"` with `"time"`). When nothing fits, the error says
//! so and asks for the format, except for a file that is not even valid JSON, where the JSON
//! error (with its line and column) is the more useful answer.

use std::io::Read;
use std::path::Path;

use super::{Format, ImportError, Limits, json, source};

/// How many bytes of a JSON file are looked at.
const SNIFF: u64 = 16 * 1024;

pub fn detect(path: &Path, limits: &Limits) -> Result<Format, ImportError> {
    let io = |source| ImportError::Io { path: path.to_owned(), error: source };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return detect_folder(path, limits);
    }
    let mut head = Vec::new();
    std::fs::File::open(path).map_err(io)?.take(SNIFF).read_to_end(&mut head).map_err(io)?;
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Ok(Format::DayOne);
    }
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    if name.ends_with(".md") || name.ends_with(".markdown") {
        return Ok(Format::Markdown);
    }
    if let Some(format) = sniff_json(&head) {
        return Ok(format);
    }
    let undetected = |detail: &str| ImportError::Undetected { path: path.to_owned(), detail: detail.to_owned() };
    let trimmed = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head).trim_ascii_start();
    if name.ends_with(".json") || trimmed.starts_with(b"{") {
        // Not a shape Attune knows. If it is not JSON at all, say where it breaks.
        let bytes = source::read_limited(path, limits.json_bytes, "JSON file")?;
        let file = path.display().to_string();
        let text = json::text(&file, &bytes)?;
        json::document::<serde::de::IgnoredAny>(&file, text)?;
        return Err(undetected("JSON, but not an Attune, Day One or jrnl export"));
    }
    if name.ends_with(".txt") {
        return Err(undetected("plain text: export jrnl journals with `jrnl --format json`"));
    }
    Err(undetected("not a zip archive, JSON or Markdown"))
}

/// Recognises a JSON export by keys near its start.
fn sniff_json(head: &[u8]) -> Option<Format> {
    let text = String::from_utf8_lossy(head);
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if !compact.trim_start_matches('\u{feff}').starts_with('{') {
        return None;
    }
    if compact.contains("\"format\":\"attune-export\"") {
        Some(Format::Attune)
    } else if compact.contains("\"creationDate\":") && compact.contains("\"entries\":") {
        Some(Format::DayOne)
    } else if compact.contains("\"date\":") && (compact.contains("\"time\":") || compact.contains("\"title\":")) {
        Some(Format::Jrnl)
    } else {
        None
    }
}

fn detect_folder(path: &Path, limits: &Limits) -> Result<Format, ImportError> {
    let (found, _) = source::walk(
        path,
        |name| {
            let lower = name.to_ascii_lowercase();
            lower.ends_with(".md") || lower.ends_with(".markdown") || lower.ends_with(".json")
        },
        limits,
    )?;
    let markdown = found.iter().filter(|f| !f.relative.to_ascii_lowercase().ends_with(".json")).count();
    let mut kinds = Vec::new();
    for f in found.iter().filter(|f| f.relative.to_ascii_lowercase().ends_with(".json")).take(20) {
        let mut head = Vec::new();
        let read = std::fs::File::open(&f.path).and_then(|file| file.take(SNIFF).read_to_end(&mut head));
        if read.is_ok()
            && let Some(kind) = sniff_json(&head)
            && !kinds.contains(&kind)
        {
            kinds.push(kind);
        }
    }
    let undetected = |detail: String| ImportError::Undetected { path: path.to_owned(), detail };
    match (markdown, kinds.as_slice()) {
        (0, []) => Err(undetected("a folder with no Markdown notes and no JSON export".to_owned())),
        (_, []) => Ok(Format::Markdown),
        (0, [one]) if *one != Format::Attune => Ok(*one),
        (0, [Format::Attune]) => Err(undetected("a folder of Attune JSON exports: import them one by one".to_owned())),
        (n, kinds) => Err(undetected(format!(
            "a folder with {n} Markdown notes and JSON files that look like {}",
            kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(" and ")
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(r#"{"format": "attune-export", "version": 1, "entries": []}"#, Some(Format::Attune))]
    #[case(
        r#"{"metadata": {"version": "1.0"}, "entries": [{"creationDate": "2020-01-01T00:00:00Z"}]}"#,
        Some(Format::DayOne)
    )]
    #[case(r#"{"tags": {}, "entries": [{"title": "x", "date": "2020-01-01", "time": "10:00"}]}"#, Some(Format::Jrnl))]
    #[case(r#"{"title": "x", "body": "", "date": "2020-01-01", "time": "10:00"}"#, Some(Format::Jrnl))]
    #[case(r#"{"something": "else"}"#, None)]
    #[case("not json", None)]
    fn json_exports_are_recognised(#[case] text: &str, #[case] expected: Option<Format>) {
        assert_eq!(sniff_json(text.as_bytes()), expected);
    }
}
