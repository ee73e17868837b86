//! The system's file dialogs, opened by the Rust side only.
//!
//! The page never names a file: a command that reads or writes one opens the dialog itself,
//! keeps the chosen path, and gives the page back at most a name to show. So a script in the
//! page cannot read an arbitrary file into the journal or overwrite one (`vault.keys`
//! included); the worst it can do is open a dialog that the person cancels.
//!
//! Test hook: when `ATTUNE_TEST_DIALOG_ANSWERS` names a file, no dialog is shown; each dialog
//! takes the first line of that file as the person's choice (an empty line is a cancel) and
//! removes it. The end-to-end tests use it to drive imports, exports and backups; it is inert
//! when the variable is unset, and only the environment the app starts in can set it.

use std::path::{Path, PathBuf};

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

use crate::error::{ErrorCode, IpcError};

/// What a dialog is for: its title, and for files the name offered and the extensions shown.
#[derive(Clone, Copy, Debug)]
pub struct Ask<'a> {
    pub title: &'a str,
    /// For save dialogs: the file name offered.
    pub file_name: Option<&'a str>,
    /// Extensions to show (without dots); empty for any file.
    pub extensions: &'a [&'a str],
}

impl<'a> Ask<'a> {
    pub fn new(title: &'a str) -> Self {
        Self { title, file_name: None, extensions: &[] }
    }

    pub fn file_name(self, name: &'a str) -> Self {
        Self { file_name: Some(name), ..self }
    }

    pub fn extensions(self, extensions: &'a [&'a str]) -> Self {
        Self { extensions, ..self }
    }
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    Save,
    OpenFile,
    OpenFolder,
}

/// Where to write a new file; `None` when the person cancels.
pub fn save_file(app: &AppHandle, ask: Ask<'_>) -> Result<Option<PathBuf>, IpcError> {
    choose(app, Kind::Save, ask)
}

/// A file to read; `None` when the person cancels.
pub fn open_file(app: &AppHandle, ask: Ask<'_>) -> Result<Option<PathBuf>, IpcError> {
    choose(app, Kind::OpenFile, ask)
}

/// A folder; `None` when the person cancels.
pub fn open_folder(app: &AppHandle, ask: Ask<'_>) -> Result<Option<PathBuf>, IpcError> {
    choose(app, Kind::OpenFolder, ask)
}

/// The name the page may show for a chosen path: the file or folder's own name.
pub fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

fn choose(app: &AppHandle, kind: Kind, ask: Ask<'_>) -> Result<Option<PathBuf>, IpcError> {
    if let Some(answers) = std::env::var_os("ATTUNE_TEST_DIALOG_ANSWERS").filter(|v| !v.is_empty()) {
        return scripted_answer(Path::new(&answers));
    }
    let mut dialog = app.dialog().file().set_title(ask.title);
    if !ask.extensions.is_empty() {
        dialog = dialog.add_filter(ask.title, ask.extensions);
    }
    if let Some(name) = ask.file_name {
        dialog = dialog.set_file_name(name);
    }
    let chosen = match kind {
        Kind::Save => dialog.blocking_save_file(),
        Kind::OpenFile => dialog.blocking_pick_file(),
        Kind::OpenFolder => dialog.blocking_pick_folder(),
    };
    chosen
        .map(|path| path.into_path().map_err(|_| IpcError::invalid("the chosen place is not a file on this computer")))
        .transpose()
}

/// The next scripted answer of the test hook (see the module docs).
fn scripted_answer(file: &Path) -> Result<Option<PathBuf>, IpcError> {
    let failed = |e: std::io::Error| {
        IpcError::new(ErrorCode::Internal, format!("the test dialog answers in {} are unusable: {e}", file.display()))
    };
    let text = std::fs::read_to_string(file).map_err(failed)?;
    let mut lines = text.lines();
    let first = lines.next().unwrap_or_default().trim().to_owned();
    let rest: Vec<&str> = lines.collect();
    std::fs::write(file, rest.join("\n")).map_err(failed)?;
    Ok((!first.is_empty()).then(|| PathBuf::from(first)))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn scripted_answers_are_taken_in_order_and_an_empty_line_cancels() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("answers");
        std::fs::write(&file, "/tmp/first.json\n\n/tmp/third").unwrap();
        assert_eq!(scripted_answer(&file).unwrap(), Some(PathBuf::from("/tmp/first.json")));
        assert_eq!(scripted_answer(&file).unwrap(), None, "an empty line is a cancel");
        assert_eq!(scripted_answer(&file).unwrap(), Some(PathBuf::from("/tmp/third")));
        assert_eq!(scripted_answer(&file).unwrap(), None, "no answers left is a cancel");
    }

    #[test]
    fn the_page_is_shown_only_the_chosen_name() {
        assert_eq!(display_name(Path::new("/home/ana/private/attune-2026-05-10.pdf")), "attune-2026-05-10.pdf");
    }
}
