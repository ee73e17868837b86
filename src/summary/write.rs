//! Writing a PDF where the person chose, and nowhere else: atomically (a temporary file beside
//! it, flushed, then renamed over the name), readable only by its owner on Unix. A summary is
//! not encrypted; this keeps it from being half-written or world-readable.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::SummaryError;

/// Writes `bytes` to `path` atomically, with owner-only permissions (0600) on Unix. An existing
/// file at `path` is replaced.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), SummaryError> {
    let failed = |source: std::io::Error| SummaryError::Write { path: path.to_owned(), source };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let (tmp, mut file) = temp_file(dir).map_err(failed)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all()).and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(failed(e));
    }
    Ok(())
}

fn temp_file(dir: &Path) -> std::io::Result<(PathBuf, File)> {
    let mut options = File::options();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut last = None;
    for attempt in 0..100u32 {
        let path = dir.join(format!(".attune-summary-{}-{attempt}.tmp", std::process::id()));
        match options.open(&path) {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free temporary name")))
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
