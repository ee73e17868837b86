//! An entry's photos and files: adding them (with the link in the entry's text, in one
//! transaction), listing, saving a copy where the person asks, and removing.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::{Session, SessionError};
use crate::attachments::{self, Attachment, AttachmentError, AttachmentId, Attachments, MAX_FILE_BYTES, Stored};
use crate::journal::{EntryEdit, EntryId, SaveMode};

impl Session {
    /// The vault's attachments.
    pub fn attachments(&self) -> Attachments<'_> {
        Attachments::new(self.vault.journal().store())
    }

    /// Adds files (each a name and its bytes) to `entry` and appends a link to each at the end
    /// of its text (`![name](attune:ID)` for a photo), all in one save that keeps the earlier
    /// version. Every file is checked before anything is written: one unsupported, too large or
    /// already attached file adds none. Returns the new attachments in the order given.
    ///
    /// # Errors
    /// [`AttachmentError`] naming the file ([`AttachmentError::Unsupported`],
    /// [`AttachmentError::TooLarge`], [`AttachmentError::VaultFull`],
    /// [`AttachmentError::AlreadyAttached`]...); the journal's errors for an entry not found
    /// or in the trash.
    pub fn attach(&self, entry: EntryId, files: Vec<(String, Vec<u8>)>) -> Result<Vec<Attachment>, SessionError> {
        let prepared =
            files.into_iter().map(|(name, bytes)| attachments::prepare(&name, bytes)).collect::<Result<Vec<_>, _>>()?;
        let ids: Vec<AttachmentId> = prepared.iter().map(|_| AttachmentId::new()).collect();
        let current = self.journal().get(entry)?;
        let mut body = current.body.trim_end().to_owned();
        for (file, id) in prepared.iter().zip(&ids) {
            if !body.is_empty() {
                body.push_str("\n\n");
            }
            body.push_str(&attachments::links::markdown(&file.name, *id, file.media.kind()));
        }
        let now = self.vault.clock().now();
        let edit = EntryEdit { body: Some(body), ..EntryEdit::default() };
        self.journal().update_with(entry, edit, SaveMode::Edit, |tx, seq| -> Result<(), AttachmentError> {
            for (file, id) in prepared.iter().zip(&ids) {
                if let Stored::AlreadyThere(existing) = attachments::insert(tx, seq, *id, file, &now)? {
                    return Err(AttachmentError::AlreadyAttached { name: file.name.clone(), id: existing });
                }
            }
            Ok(())
        })?;
        let store = self.attachments();
        Ok(ids.into_iter().map(|id| store.get(id)).collect::<Result<Vec<_>, _>>()?)
    }

    /// [`Session::attach`] with files read from `paths` (each at most
    /// [`attachments::MAX_FILE_BYTES`], checked before it is read).
    pub fn attach_files(&self, entry: EntryId, paths: &[PathBuf]) -> Result<Vec<Attachment>, SessionError> {
        let files = paths.iter().map(|path| read_file(path)).collect::<Result<Vec<_>, _>>()?;
        self.attach(entry, files)
    }

    /// Deletes an attachment for good; its link in the entry's text stays and shows its name.
    pub fn detach(&self, id: AttachmentId) -> Result<Attachment, SessionError> {
        Ok(self.attachments().remove(id)?)
    }

    /// Writes a copy of the attachment `id` to `path` (a file the person chose), atomically and
    /// readable only by them. Not encrypted: the front end says so.
    pub fn save_attachment(&self, id: AttachmentId, path: &Path) -> Result<Attachment, SessionError> {
        let store = self.attachments();
        let attachment = store.get(id)?;
        let bytes = zeroize::Zeroizing::new(store.bytes(id)?);
        crate::private_file::write(path, &bytes)
            .map_err(|e| AttachmentError::Io { name: path.display().to_string(), source: e.into_io() })?;
        Ok(attachment)
    }
}

/// A file's name and bytes, refusing one over the limit before reading it.
fn read_file(path: &Path) -> Result<(String, Vec<u8>), AttachmentError> {
    let name = path.display().to_string();
    let io = |source| AttachmentError::Io { name: name.clone(), source };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(AttachmentError::TooLarge { name, size, limit: MAX_FILE_BYTES });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(AttachmentError::TooLarge { name, size: bytes.len() as u64, limit: MAX_FILE_BYTES });
    }
    let base = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok((base, bytes))
}
