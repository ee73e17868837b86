//! How an entry's text refers to its attachments: the `attune:` reference scheme.
//!
//! A photo is written into the body as a Markdown image, `![sunrise.jpg](attune:ID)`, and any
//! other file as a link, `[voice note.m4a](attune:ID)`, where `ID` is the attachment's UUID in
//! its hyphenated form. The address names nothing outside the vault: the reading view turns it
//! into the app's own image address, an export into a relative path to the file it writes, and
//! anywhere else it is inert text.

use super::{AttachmentId, MediaKind};

/// The scheme of a reference, with its colon.
pub const SCHEME: &str = "attune:";

/// The Markdown that shows the attachment `id` named `name` in an entry's text: an image for a
/// photo, a link for anything else.
pub fn markdown(name: &str, id: AttachmentId, kind: MediaKind) -> String {
    let mut label = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '\\' | '[' | ']' | '*' | '_' | '`' | '<' | '>' => {
                label.push('\\');
                label.push(c);
            }
            c if c.is_control() => label.push(' '),
            c => label.push(c),
        }
    }
    let bang = if kind == MediaKind::Photo { "!" } else { "" };
    format!("{bang}[{label}]({SCHEME}{id})")
}

/// Length of a hyphenated UUID.
const ID_LEN: usize = 36;

/// Every attachment `text` refers to, in order of first mention.
pub fn referenced(text: &str) -> Vec<AttachmentId> {
    let mut found = Vec::new();
    rewrite(text, |id| {
        if !found.contains(&id) {
            found.push(id);
        }
        None
    });
    found
}

/// `text` with each reference `attune:ID` replaced by what `replace` gives for that id; a
/// reference it gives `None` for stays as it is.
pub fn rewrite(text: &str, mut replace: impl FnMut(AttachmentId) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(SCHEME) {
        let after = &rest[at + SCHEME.len()..];
        let id = after.get(..ID_LEN).and_then(|candidate| candidate.parse::<AttachmentId>().ok());
        out.push_str(&rest[..at]);
        match id {
            Some(id) => {
                match replace(id) {
                    Some(new) => out.push_str(&new),
                    None => out.push_str(&rest[at..at + SCHEME.len() + ID_LEN]),
                }
                rest = &after[ID_LEN..];
            }
            None => {
                out.push_str(SCHEME);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `text` without its references, for plain text (a PDF): a photo's `![name](attune:ID)` goes
/// (the photo is shown on its own), a file's `[name](attune:ID)` leaves its name.
pub fn without_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let opener = format!("]({SCHEME}");
    while let Some(at) = rest.find(&opener) {
        let after = &rest[at + opener.len()..];
        let is_reference = after.get(..ID_LEN).is_some_and(|id| id.parse::<AttachmentId>().is_ok())
            && after[ID_LEN..].starts_with(')');
        // The label's own brackets are escaped (`\[`): the opening one is the last that is not.
        let open = rest[..at].match_indices('[').map(|(i, _)| i).rev().find(|&i| !rest[..i].ends_with('\\'));
        match (is_reference, open) {
            (true, Some(open)) => {
                let image = rest[..open].ends_with('!');
                out.push_str(&rest[..if image { open - 1 } else { open }]);
                if !image {
                    out.push_str(&rest[open + 1..at].replace('\\', ""));
                }
                rest = &after[ID_LEN + 1..];
            }
            _ => {
                out.push_str(&rest[..at + opener.len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_found_and_rewritten() {
        let a: AttachmentId = "01900000-0000-7000-8000-00000000000a".parse().unwrap();
        let b: AttachmentId = "01900000-0000-7000-8000-00000000000b".parse().unwrap();
        let text = format!(
            "Morning.\n\n{}\n\nattune: is not a reference, nor attune:1234.\n{}\n{}",
            markdown("sun [1].jpg", a, MediaKind::Photo),
            markdown("voice.m4a", b, MediaKind::Audio),
            markdown("again.jpg", a, MediaKind::Photo),
        );
        assert!(text.contains(r"![sun \[1\].jpg](attune:01900000-0000-7000-8000-00000000000a)"), "{text}");
        assert!(text.contains("\n[voice.m4a](attune:01900000-0000-7000-8000-00000000000b)"), "{text}");
        assert_eq!(referenced(&text), vec![a, b]);
        let out = rewrite(&text, |id| (id == a).then(|| "media/sun.jpg".to_owned()));
        assert!(out.contains("![sun \\[1\\].jpg](media/sun.jpg)"), "{out}");
        assert!(out.contains("(attune:01900000-0000-7000-8000-00000000000b)"), "an id not replaced stays: {out}");
        assert!(out.contains("attune: is not a reference, nor attune:1234."), "{out}");
        let plain = without_references(&text);
        assert!(!plain.contains("attune:0"), "{plain}");
        assert!(plain.contains("1234.\nvoice.m4a\n"), "a file keeps its name: {plain}");
        assert!(!plain.contains("sun"), "a photo's link goes: {plain}");
    }
}
