//! Writing a private file atomically: the one way Attune puts a file on disk.
//!
//! The key file, a summary or export PDF, the JSON export, a backup and the desktop app's
//! preferences all go through [`write()`] (bytes) or [`write_with`] (a closure that streams into
//! the file). Each write:
//!
//! 1. creates a temporary file beside the target (same folder, so the rename below stays on one
//!    file system), with an unpredictable name, `O_EXCL` (never an existing file or a planted
//!    link), and mode `0600` on Unix whatever the process umask (a umask can only take bits
//!    away, and none is granted beyond the owner's read and write);
//! 2. lets the caller write into it;
//! 3. flushes the file to disk (`fsync`);
//! 4. renames it over the target, so a reader sees the old file or the whole new one;
//! 5. flushes the folder (`fsync` on Unix), so the rename survives a power cut.
//!
//! On any error before the rename, the temporary file is removed and the target is untouched,
//! byte for byte. An error in step 5 comes after the target was replaced: the new content is
//! in place but may not yet be durable, and the error says so.
//!
//! The module must not: write anything outside the target's folder, leave a file readable by
//! others at any moment, or follow a link while creating the temporary file. It knows nothing
//! of what is written; callers keep their own formats.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What went wrong while writing a private file. Every variant names the target file.
#[derive(Debug, thiserror::Error)]
pub enum PrivateFileError {
    #[error("cannot write {path}: its folder {folder} does not exist")]
    MissingFolder { path: PathBuf, folder: PathBuf },
    #[error("cannot create a temporary file beside {path}: {source}")]
    CreateTemp { path: PathBuf, source: io::Error },
    #[error("writing {path} failed: {source}")]
    Write { path: PathBuf, source: io::Error },
    #[error("cannot flush {path} to disk: {source}")]
    Sync { path: PathBuf, source: io::Error },
    #[error("cannot move the new {path} into place: {source}")]
    Rename { path: PathBuf, source: io::Error },
    #[error("{path} was replaced, but its folder could not be flushed to disk: {source}")]
    SyncFolder { path: PathBuf, source: io::Error },
    #[error("cannot make the private folder {path}: {source}")]
    Folder { path: PathBuf, source: io::Error },
}

impl PrivateFileError {
    /// The file that was being written.
    pub fn path(&self) -> &Path {
        match self {
            PrivateFileError::MissingFolder { path, .. }
            | PrivateFileError::CreateTemp { path, .. }
            | PrivateFileError::Write { path, .. }
            | PrivateFileError::Sync { path, .. }
            | PrivateFileError::Rename { path, .. }
            | PrivateFileError::SyncFolder { path, .. }
            | PrivateFileError::Folder { path, .. } => path,
        }
    }

    /// The error as an [`io::Error`] of the underlying kind (`NotFound` for a missing folder),
    /// whose message says which step failed, for callers whose errors carry an `io::Error`.
    pub fn into_io(self) -> io::Error {
        let kind = match &self {
            PrivateFileError::MissingFolder { .. } => io::ErrorKind::NotFound,
            PrivateFileError::CreateTemp { source, .. }
            | PrivateFileError::Write { source, .. }
            | PrivateFileError::Sync { source, .. }
            | PrivateFileError::Rename { source, .. }
            | PrivateFileError::SyncFolder { source, .. }
            | PrivateFileError::Folder { source, .. } => source.kind(),
        };
        io::Error::new(kind, self)
    }
}

/// Replaces `path` with `bytes`, atomically and readable only by its owner (see the module
/// docs for the steps and guarantees).
///
/// # Errors
/// A [`PrivateFileError`] naming `path` and the step that failed; the target is untouched unless
/// the error is [`PrivateFileError::SyncFolder`].
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), PrivateFileError> {
    write_with(path, |file| {
        file.write_all(bytes).map_err(|source| PrivateFileError::Write { path: path.to_owned(), source })
    })
}

/// Replaces `path` with what `fill` writes into the temporary file, atomically and readable only
/// by its owner. `fill` gets the open file (readable and writable, positioned at its start) and
/// may seek and read back what it wrote; it should buffer its own writes. What it returns is
/// returned after the rename.
///
/// # Errors
/// `fill`'s own error, or a [`PrivateFileError`] (through `E: From<PrivateFileError>`). On any
/// error before the rename the temporary file is removed and `path` keeps its old content.
pub fn write_with<T, E>(path: &Path, fill: impl FnOnce(&mut File) -> Result<T, E>) -> Result<T, E>
where
    E: From<PrivateFileError>,
{
    let folder = folder_of(path);
    let mut temp = create_temp(path, folder)?;
    // From here, dropping `temp` (on any early return) deletes the temporary file.
    let value = fill(temp.as_file_mut())?;
    temp.as_file().sync_all().map_err(|source| PrivateFileError::Sync { path: path.to_owned(), source })?;
    temp.persist(path).map_err(|e| PrivateFileError::Rename { path: path.to_owned(), source: e.error })?;
    sync_folder(folder).map_err(|source| PrivateFileError::SyncFolder { path: path.to_owned(), source })?;
    Ok(value)
}

/// Creates a new file at `path` that only its owner can read and write (`O_EXCL`, mode 0600 on
/// Unix), failing if anything already has that name. Not atomic: for files written inside a
/// private staging folder that is itself renamed into place (the Markdown export).
///
/// # Errors
/// [`PrivateFileError::MissingFolder`] when the folder is missing, otherwise
/// [`PrivateFileError::Write`] with the system's error (`AlreadyExists` when the name is taken).
pub fn create_new(path: &Path) -> Result<File, PrivateFileError> {
    let mut options = File::options();
    options.read(true).write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path).map_err(|source| not_found_or(path, folder_of(path), source, write_error))?;
    // The mode given at creation is reduced by the umask but never widened; set it exactly so a
    // stricter umask cannot make the file unreadable to its owner either.
    set_owner_only(&file).map_err(|source| PrivateFileError::Write { path: path.to_owned(), source })?;
    Ok(file)
}

/// Makes `dir` (and any missing parents) and sets `dir` itself to owner-only (`0700` on Unix),
/// whatever the umask, also when it already existed: the folder of a vault.
pub fn create_dir(dir: &Path) -> Result<(), PrivateFileError> {
    let failed = |source| PrivateFileError::Folder { path: dir.to_owned(), source };
    std::fs::create_dir_all(dir).map_err(failed)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(failed)?;
    }
    Ok(())
}

/// Who besides the owner may read or enter `path`: the Unix mode bits for group and others
/// (`0` when none). Always `0` elsewhere.
pub fn exposure(path: &Path) -> io::Result<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Ok(std::fs::metadata(path)?.permissions().mode() & 0o077)
    }
    #[cfg(not(unix))]
    {
        let _ = std::fs::metadata(path)?;
        Ok(0)
    }
}

/// The folder a file is written in: its parent, or the working folder for a bare name.
fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

fn create_temp(path: &Path, folder: &Path) -> Result<tempfile::NamedTempFile, PrivateFileError> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp").rand_bytes(12);
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600));
    let temp = builder.tempfile_in(folder).map_err(|source| {
        not_found_or(path, folder, source, |path, source| PrivateFileError::CreateTemp { path, source })
    })?;
    set_owner_only(temp.as_file()).map_err(|source| PrivateFileError::CreateTemp { path: path.to_owned(), source })?;
    Ok(temp)
}

fn write_error(path: PathBuf, source: io::Error) -> PrivateFileError {
    PrivateFileError::Write { path, source }
}

/// A `NotFound` from creating a file in an absent folder becomes [`PrivateFileError::MissingFolder`].
fn not_found_or(
    path: &Path,
    folder: &Path,
    source: io::Error,
    other: fn(PathBuf, io::Error) -> PrivateFileError,
) -> PrivateFileError {
    if source.kind() == io::ErrorKind::NotFound && !folder.is_dir() {
        PrivateFileError::MissingFolder { path: path.to_owned(), folder: folder.to_owned() }
    } else {
        other(path.to_owned(), source)
    }
}

#[cfg(unix)]
fn set_owner_only(file: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn set_owner_only(_file: &File) -> io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn sync_folder(folder: &Path) -> io::Result<()> {
    File::open(folder)?.sync_all()
}

/// Windows has no folder handle to flush; `rename` there is already a metadata write.
#[cfg(not(unix))]
fn sync_folder(_folder: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn a_new_file_is_written_whole_with_nothing_else_left_in_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.keys");
        write(&path, b"hello").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"hello");
        assert_eq!(names(dir.path()), vec!["vault.keys"], "only the target is in the folder after a write");
        #[cfg(unix)]
        assert_eq!(mode(&path), 0o600, "only the owner may read or write the file");
    }

    #[test]
    fn an_existing_target_is_replaced_whole_and_made_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.json");
        std::fs::write(&path, b"an older and much longer content than the new one").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
        write(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new", "nothing of the old content remains");
        #[cfg(unix)]
        assert_eq!(mode(&path), 0o600, "a world-readable file it replaces does not pass on its mode");
        assert_eq!(names(dir.path()), vec!["export.json"]);
    }

    #[derive(Debug)]
    enum Failed {
        Mine,
        File,
    }
    impl From<PrivateFileError> for Failed {
        fn from(_: PrivateFileError) -> Self {
            Failed::File
        }
    }

    #[test]
    fn a_failing_writer_leaves_the_old_target_byte_identical_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("summary.pdf");
        std::fs::write(&path, b"%PDF old").unwrap();
        let result: Result<(), Failed> = write_with(&path, |file| {
            file.write_all(b"half of a new one").unwrap();
            Err(Failed::Mine)
        });
        assert!(matches!(result, Err(Failed::Mine)), "the writer's own error comes back: {result:?}");
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF old", "the old file is untouched");
        assert_eq!(names(dir.path()), vec!["summary.pdf"], "the temporary file was removed");
    }

    #[test]
    fn the_writer_can_read_back_what_it_wrote_and_its_value_is_returned() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("backup");
        let read: Result<String, PrivateFileError> = write_with(&path, |file| {
            let fail = |source| PrivateFileError::Write { path: path.clone(), source };
            file.write_all(b"written").map_err(fail)?;
            std::io::Seek::seek(file, std::io::SeekFrom::Start(0)).map_err(fail)?;
            let mut back = String::new();
            std::io::Read::read_to_string(file, &mut back).map_err(fail)?;
            Ok(back)
        });
        assert_eq!(read.unwrap(), "written");
    }

    #[test]
    fn a_missing_folder_is_named_in_the_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-folder").join("summary.pdf");
        let err = write(&path, b"x").unwrap_err();
        assert!(matches!(err, PrivateFileError::MissingFolder { .. }), "got {err:?}");
        let message = err.to_string();
        assert!(message.contains("no-such-folder") && message.contains("summary.pdf"), "names the path: {message}");
        assert_eq!(err.into_io().kind(), io::ErrorKind::NotFound);
        assert!(names(dir.path()).is_empty(), "nothing was created");
    }

    #[test]
    fn create_new_refuses_an_existing_name_and_makes_an_owner_only_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("note.md");
        drop(create_new(&path).unwrap());
        #[cfg(unix)]
        assert_eq!(mode(&path), 0o600);
        let err = create_new(&path).unwrap_err();
        assert!(
            matches!(&err, PrivateFileError::Write { source, .. } if source.kind() == io::ErrorKind::AlreadyExists)
        );
    }
}
