//! Writing a PDF where the person chose, and nowhere else, through [`crate::private_file`]:
//! atomically (a temporary file beside it, flushed, renamed over the name, the folder flushed)
//! and readable only by its owner on Unix. A summary is not encrypted; this keeps it from being
//! half-written or world-readable.

use std::path::Path;

use super::SummaryError;

/// Writes `bytes` to `path` atomically, with owner-only permissions (0600) on Unix. An existing
/// file at `path` is replaced.
///
/// # Errors
/// [`SummaryError::Write`] naming `path`, with the step that failed in its source.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), SummaryError> {
    crate::private_file::write(path, bytes)
        .map_err(|e| SummaryError::Write { path: path.to_owned(), source: e.into_io() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_is_written_whole_and_private_and_replaces_an_older_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("summary.pdf");
        std::fs::write(&path, b"older").unwrap();
        write_private(&path, b"%PDF-1.7 new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF-1.7 new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "only the owner may read a summary");
        }
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1, "no temporary file is left behind: {names:?}");
        let err = write_private(&dir.path().join("no-such-folder/summary.pdf"), b"x").unwrap_err();
        assert!(err.to_string().contains("no-such-folder"), "the error names the path: {err}");
    }
}
