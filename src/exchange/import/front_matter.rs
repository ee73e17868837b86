//! The part of YAML that Markdown front matter uses in practice: `key: value` lines with plain,
//! single- or double-quoted scalars, `[a, "b"]` flow lists, `- item` block lists and `|` / `>`
//! block text. It reads what Attune's own Markdown export writes (JSON strings and arrays, which
//! are valid YAML) and what Obsidian and similar tools write. Anything else (nested maps,
//! anchors) is passed over: the importer only asks for a few keys.

/// A value in front matter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    Text(String),
    List(Vec<String>),
    /// Something this reader passes over (a nested map).
    Other,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Field {
    pub key: String,
    pub value: Value,
    /// 1-based line in the file.
    pub line: usize,
}

/// Front matter split from a note: the text between a first line `---` and the next line `---`
/// (or `...`), the body after it, and the body's first line number.
pub(crate) fn split(text: &str) -> Option<(&str, &str, usize)> {
    let rest = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for (index, line) in rest.split_inclusive('\n').enumerate() {
        let bare = line.trim_end_matches(['\n', '\r']);
        if bare == "---" || bare == "..." {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Some((front, body, index + 3));
        }
        offset += line.len();
    }
    None
}

/// Parses front matter that starts on line `first_line` of its file. An error gives the line
/// and what is wrong there.
pub(crate) fn parse(front: &str, first_line: usize) -> Result<Vec<Field>, (usize, String)> {
    let lines: Vec<&str> = front.lines().collect();
    let mut fields = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line_no = first_line + i;
        let line = lines[i];
        i += 1;
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((key, rest)) = line.split_once(':') else {
            return Err((line_no, format!("expected \"key: value\", found \"{}\"", short(trimmed))));
        };
        let key = key.trim().trim_matches(['"', '\'']).to_owned();
        let rest = rest.trim();
        // Lines indented under this key belong to it.
        let block_end = lines[i..].iter().position(|l| !(l.starts_with([' ', '\t']) || l.trim().is_empty()));
        let block: Vec<&str> = lines[i..block_end.map_or(lines.len(), |e| i + e)].to_vec();
        let value = if rest.is_empty() {
            let items: Vec<&str> = block.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect();
            if items.is_empty() {
                Value::Text(String::new())
            } else if items.iter().all(|l| l.starts_with('-')) {
                let mut list = Vec::new();
                for (n, item) in items.iter().enumerate() {
                    list.push(scalar(item.trim_start_matches('-').trim()).map_err(|e| (line_no + 1 + n, e))?);
                }
                Value::List(list)
            } else {
                Value::Other
            }
        } else if rest == "|" || rest == ">" || rest.starts_with("|-") || rest.starts_with(">-") {
            let texts: Vec<&str> = block.iter().map(|l| l.trim()).collect();
            Value::Text(texts.join(if rest.starts_with('|') { "\n" } else { " " }).trim().to_owned())
        } else if let Some(inner) = rest.strip_prefix('[') {
            let inner = inner
                .trim_end()
                .strip_suffix(']')
                .ok_or_else(|| (line_no, "a [list] must close on the same line".to_owned()))?;
            Value::List(flow_items(inner).map_err(|e| (line_no, e))?)
        } else {
            Value::Text(scalar(rest).map_err(|e| (line_no, e))?)
        };
        i += block.len();
        fields.push(Field { key, value, line: line_no });
    }
    Ok(fields)
}

fn short(text: &str) -> String {
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text.to_owned()
    }
}

/// One scalar: `"double"` (JSON escapes), `'single'` (`''` for a quote), or plain text (a
/// trailing ` # comment` removed).
fn scalar(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.starts_with('"') {
        let end = closing_double(text).ok_or_else(|| format!("a quoted text that does not end: {}", short(text)))?;
        return serde_json::from_str::<String>(&text[..=end])
            .map_err(|e| format!("bad escape in {}: {e}", short(text)));
    }
    if let Some(inner) = text.strip_prefix('\'') {
        let mut out = String::new();
        let mut chars = inner.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\'' {
                if chars.peek() == Some(&'\'') {
                    chars.next();
                    out.push('\'');
                } else {
                    return Ok(out);
                }
            } else {
                out.push(c);
            }
        }
        return Err(format!("a quoted text that does not end: {}", short(text)));
    }
    let plain = text.find(" #").map_or(text, |at| &text[..at]);
    Ok(plain.trim().to_owned())
}

/// The byte index of the quote that closes a double-quoted scalar starting at 0.
fn closing_double(text: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(i),
            _ => {}
        }
    }
    None
}

/// The items of a flow list's inside: `a, "b, c", 'd'`.
fn flow_items(inner: &str) -> Result<Vec<String>, String> {
    let mut items = Vec::new();
    let mut rest = inner.trim();
    while !rest.is_empty() {
        let end = if rest.starts_with('"') {
            closing_double(rest)
                .map(|e| e + 1)
                .ok_or_else(|| format!("a quoted text that does not end: {}", short(rest)))?
        } else if let Some(inner) = rest.strip_prefix('\'') {
            inner
                .find('\'')
                .map(|e| e + 2)
                .ok_or_else(|| format!("a quoted text that does not end: {}", short(rest)))?
        } else {
            rest.find(',').unwrap_or(rest.len())
        };
        let item = scalar(&rest[..end])?;
        if !item.is_empty() {
            items.push(item);
        }
        rest = rest[end..].trim_start();
        rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attune_export_front_matter_reads_back() {
        let text = "---\nid: 01900000-0000-7000-8000-000000000001\ndate: 2026-03-14T20:15:00+01:00\n\
                    title: \"Home: again \\\"quoted\\\"\"\ntags: [\"after retreat\", \"été\"]\npeople: []\nmood: 4\n---\n\n# Home\n";
        let (front, body, body_line) = split(text).unwrap();
        assert_eq!(body, "\n# Home\n");
        assert_eq!(body_line, 9);
        let fields = parse(front, 2).unwrap();
        let get = |k: &str| fields.iter().find(|f| f.key == k).map(|f| f.value.clone());
        assert_eq!(get("title"), Some(Value::Text("Home: again \"quoted\"".into())));
        assert_eq!(get("tags"), Some(Value::List(vec!["after retreat".into(), "été".into()])));
        assert_eq!(get("people"), Some(Value::List(vec![])));
        assert_eq!(get("mood"), Some(Value::Text("4".into())));
        assert_eq!(fields.iter().find(|f| f.key == "mood").map(|f| f.line), Some(7));
    }

    #[test]
    fn obsidian_style_front_matter_reads() {
        let front = "title: Trip to Lisbon # a comment\ntags:\n  - travel\n  - 'family'\naliases: [a, b]\n\
                     nested:\n  key: value\nsummary: |\n  line one\n  line two\n";
        let fields = parse(front, 2).unwrap();
        let get = |k: &str| fields.iter().find(|f| f.key == k).map(|f| f.value.clone());
        assert_eq!(get("title"), Some(Value::Text("Trip to Lisbon".into())));
        assert_eq!(get("tags"), Some(Value::List(vec!["travel".into(), "family".into()])));
        assert_eq!(get("aliases"), Some(Value::List(vec!["a".into(), "b".into()])));
        assert_eq!(get("nested"), Some(Value::Other));
        assert_eq!(get("summary"), Some(Value::Text("line one\nline two".into())));
    }

    #[test]
    fn broken_front_matter_names_the_line() {
        assert_eq!(parse("title: \"open\n", 2).unwrap_err().0, 2);
        assert_eq!(parse("a: 1\ntags: [x, y\n", 2).unwrap_err().0, 3);
        assert!(split("no front matter").is_none());
        assert!(split("---\nnever closed\n").is_none());
    }
}
