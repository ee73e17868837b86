//! JSON reading shared by the importers: text that must be UTF-8, errors with line, column and
//! path, and entries kept as raw slices of the file so each one can be read (and skipped) alone
//! while still knowing its line.

use serde::Deserialize;
use serde_json::value::RawValue;

use super::ImportError;

/// The text of a JSON file, without a byte-order mark. Invalid UTF-8 is an error at its line.
pub(crate) fn text<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_col(&bytes[..e.valid_up_to()]);
        ImportError::Malformed {
            file: file.to_owned(),
            line,
            column,
            path: String::new(),
            detail: "not UTF-8 text (is this really a JSON export?)".to_owned(),
        }
    })
}

/// Line and column (1-based, column in bytes) of the end of `before`.
fn line_col(before: &[u8]) -> (usize, usize) {
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = before.len() - before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
    (line, column)
}

/// Reads a whole document; errors name the file, line, column and JSON path.
pub(crate) fn document<'a, T: Deserialize<'a>>(file: &str, text: &'a str) -> Result<T, ImportError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        malformed(file, &inner, path)
    })?;
    de.end().map_err(|e| ImportError::Malformed {
        file: file.to_owned(),
        line: e.line(),
        column: e.column(),
        path: String::new(),
        detail: "unexpected text after the end of the JSON document".to_owned(),
    })?;
    Ok(value)
}

fn malformed(file: &str, e: &serde_json::Error, path: String) -> ImportError {
    ImportError::Malformed { file: file.to_owned(), line: e.line(), column: e.column(), path, detail: detail(e) }
}

/// serde_json's message without its " at line L column C" (the error says where already).
pub(crate) fn detail(e: &serde_json::Error) -> String {
    let message = e.to_string();
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message,
    }
}

/// One entry that could not be read: the JSON path inside it, its line, and why.
pub(crate) struct EntryProblem {
    pub path: String,
    pub line: Option<usize>,
    pub detail: String,
}

/// Reads one raw entry of `text`. `prefix` is the entry's own path, such as `entries[3]`.
pub(crate) fn entry<'a, T: Deserialize<'a>>(
    lines: &mut Lines<'_>,
    raw: &'a RawValue,
    prefix: &str,
) -> Result<T, EntryProblem> {
    let mut de = serde_json::Deserializer::from_str(raw.get());
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let inner_path = e.path().to_string();
        let inner = e.into_inner();
        let path = if inner_path == "." { prefix.to_owned() } else { format!("{prefix}.{inner_path}") };
        let line = lines.line_of(raw).map(|start| start + inner.line().saturating_sub(1));
        EntryProblem { path, line, detail: detail(&inner) }
    })
}

/// Finds the line a slice of the text starts on, scanning forward from the last question (the
/// importers ask in file order, so a whole file costs one pass).
pub(crate) struct Lines<'t> {
    text: &'t str,
    offset: usize,
    line: usize,
}

impl<'t> Lines<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        Lines { text, offset: 0, line: 1 }
    }

    /// The 1-based line where `raw` starts, if it is a slice of this text.
    pub(crate) fn line_of(&mut self, raw: &RawValue) -> Option<usize> {
        let start = (raw.get().as_ptr() as usize).checked_sub(self.text.as_ptr() as usize)?;
        if start > self.text.len() {
            return None;
        }
        if start < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        let between = self.text.as_bytes().get(self.offset..start)?;
        self.line += between.iter().filter(|&&b| b == b'\n').count();
        self.offset = start;
        Some(self.line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Top<'a> {
        #[serde(borrow)]
        entries: Vec<&'a RawValue>,
    }

    #[derive(Debug, Deserialize)]
    struct Item {
        #[allow(dead_code)]
        n: u32,
    }

    #[test]
    fn entries_know_their_line_and_path() {
        let text = "{\"entries\": [\n {\"n\": 1},\n {\"n\": \"two\"}\n]}";
        let top: Top<'_> = document("f.json", text).unwrap();
        let mut lines = Lines::new(text);
        assert!(entry::<Item>(&mut lines, top.entries[0], "entries[0]").is_ok());
        let problem = entry::<Item>(&mut lines, top.entries[1], "entries[1]").unwrap_err();
        assert_eq!(problem.path, "entries[1].n");
        assert_eq!(problem.line, Some(3));
        assert!(problem.detail.contains("invalid type"), "{}", problem.detail);
    }

    #[test]
    fn broken_documents_say_where() {
        let err = document::<Top<'_>>("f.json", "{\"entries\": [\n {\"n\": 1},\n").unwrap_err().to_string();
        assert!(err.starts_with("f.json: line 3, column"), "{err}");
        let err = text("f.json", b"{\"a\":\n\"\xff\"}").unwrap_err().to_string();
        assert!(err.starts_with("f.json: line 2, column 2"), "{err}");
        let err = document::<Top<'_>>("f.json", "{\"entries\": 3}").unwrap_err().to_string();
        assert!(err.contains("(at entries)"), "{err}");
    }
}
