//! An import's photos and files: where each one is in the source, and storing them with their
//! entries when the import is applied.
//!
//! Planning only finds the files (a Day One export's `photos/<md5>.<type>`, `videos/`,
//! `audios/`, `pdfs/`, or an Attune export's embedded ones) and checks their declared size;
//! their bytes are read one at a time when the import is applied, inside its transaction, so
//! an export with gigabytes of photos never sits in memory at once. A file that is missing,
//! too large, of a kind Attune does not keep or not a readable photo is reported with its entry
//! and id, never fatal; a file an entry already holds (same SHA-256) is not stored twice.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek};
use std::path::{Path, PathBuf};

use rusqlite::Transaction;

use super::{ImportError, MediaCount, Place, Skipped, source};
use crate::attachments::{self, AttachmentError, AttachmentId, MAX_FILE_BYTES, MediaKind, Stored};
use crate::journal::EntryId;
use crate::time::Timestamp;

/// Which of Day One's media folders (and report counts) a file belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Category {
    Photo,
    Video,
    Audio,
    Pdf,
}

impl Category {
    pub(crate) fn folder(self) -> &'static str {
        match self {
            Category::Photo => "photos",
            Category::Video => "videos",
            Category::Audio => "audios",
            Category::Pdf => "pdfs",
        }
    }

    fn from_folder(name: &str) -> Option<Category> {
        [Category::Photo, Category::Video, Category::Audio, Category::Pdf].into_iter().find(|c| c.folder() == name)
    }

    /// Day One's word for it in a `dayone-moment:/KIND/ID` address, and in messages.
    pub(crate) fn word(self) -> &'static str {
        match self {
            Category::Photo => "photo",
            Category::Video => "video",
            Category::Audio => "audio",
            Category::Pdf => "PDF",
        }
    }

    pub(crate) fn kind(self) -> MediaKind {
        match self {
            Category::Photo => MediaKind::Photo,
            Category::Video => MediaKind::Video,
            Category::Audio => MediaKind::Audio,
            Category::Pdf => MediaKind::Document,
        }
    }

    pub(crate) fn from_kind(kind: MediaKind) -> Category {
        match kind {
            MediaKind::Photo => Category::Photo,
            MediaKind::Video => Category::Video,
            MediaKind::Audio => Category::Audio,
            MediaKind::Document => Category::Pdf,
        }
    }

    pub(crate) fn count(self, counts: &mut MediaCount) {
        match self {
            Category::Photo => counts.photos += 1,
            Category::Video => counts.videos += 1,
            Category::Audio => counts.audios += 1,
            Category::Pdf => counts.pdfs += 1,
        }
    }
}

/// Where an attachment's bytes are.
#[derive(Clone, Debug)]
pub(crate) enum MediaSource {
    /// A member of the zip archive the plan was read from.
    Member(String),
    /// A file in the folder the plan was read from.
    File(PathBuf),
    /// Already in memory (an Attune export's embedded file, an archive given as bytes).
    Bytes(Vec<u8>),
}

/// A file an import will add to an entry.
#[derive(Clone, Debug)]
pub struct PlannedAttachment {
    pub entry: EntryId,
    pub id: AttachmentId,
    pub name: String,
    pub(crate) category: Category,
    pub(crate) source: MediaSource,
    /// Where its entry is in the source, for the report.
    pub(crate) place: Place,
}

/// The media files of a Day One export, by folder and MD5 (the file name without extension).
#[derive(Debug, Default)]
pub(crate) struct MediaIndex {
    files: HashMap<(Category, String), (MediaSource, String, u64)>,
}

impl MediaIndex {
    /// The file of Day One's media `md5` in `category`'s folder: its source, name and size.
    pub(crate) fn find(&self, category: Category, md5: &str) -> Option<&(MediaSource, String, u64)> {
        self.files.get(&(category, md5.trim().to_ascii_lowercase()))
    }

    /// Records `name` (a path inside the export) when it is a media file: `…/photos/<md5>.<ext>`.
    fn add(&mut self, name: &str, source: MediaSource, size: u64) {
        let mut parts = name.rsplit(['/', '\\']);
        let (Some(file), Some(folder)) = (parts.next(), parts.next()) else { return };
        let Some(category) = Category::from_folder(folder) else { return };
        let md5 = file.split('.').next().unwrap_or(file).to_ascii_lowercase();
        if md5.is_empty() {
            return;
        }
        self.files.insert((category, md5), (source, source::printable(file), size));
    }

    /// The media members of a zip archive. With `eager`, their bytes are read now (an archive
    /// given as bytes, which cannot be opened again), each at most [`MAX_FILE_BYTES`] and all of
    /// them at most `limits.total_bytes`.
    pub(crate) fn of_archive<R: Read + Seek>(
        zip: &mut zip::ZipArchive<R>,
        archive: &str,
        eager: Option<u64>,
    ) -> Result<MediaIndex, ImportError> {
        let bad = |detail: String| ImportError::Archive { file: archive.to_owned(), detail };
        let mut index = MediaIndex::default();
        let mut total = 0u64;
        for i in 0..zip.len() {
            let name = match zip.name_for_index(i) {
                Some(Ok(name)) => name.into_owned(),
                Some(Err(e)) => return Err(bad(format!("member {}: {e}", i + 1))),
                None => continue,
            };
            if name.ends_with('/') || name.starts_with("__MACOSX") {
                continue;
            }
            let mut member = zip.by_index(i).map_err(|e| bad(format!("{}: {e}", source::printable(&name))))?;
            let size = member.size();
            let source = match eager {
                Some(limit) if size <= MAX_FILE_BYTES => {
                    let mut bytes = Vec::new();
                    (&mut member).take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| bad(e.to_string()))?;
                    total += bytes.len() as u64;
                    if total > limit {
                        return Err(ImportError::TooMuchData { file: archive.to_owned(), limit });
                    }
                    MediaSource::Bytes(bytes)
                }
                _ => MediaSource::Member(name.clone()),
            };
            index.add(&name, source, size);
        }
        Ok(index)
    }

    /// The media files beside a Day One journal in `root`: `root/photos/…`, and the same in each
    /// folder directly inside `root` (an export unzipped into a folder of its own).
    pub(crate) fn of_folder(root: &Path) -> MediaIndex {
        let mut index = MediaIndex::default();
        let mut roots = vec![root.to_owned()];
        if let Ok(items) = std::fs::read_dir(root) {
            roots.extend(items.flatten().filter(|i| i.file_type().is_ok_and(|t| t.is_dir())).map(|i| i.path()));
        }
        for dir in roots {
            for category in [Category::Photo, Category::Video, Category::Audio, Category::Pdf] {
                let Ok(items) = std::fs::read_dir(dir.join(category.folder())) else { continue };
                for item in items.flatten() {
                    // Links are not followed, as everywhere in an import.
                    let Ok(kind) = item.file_type() else { continue };
                    if !kind.is_file() {
                        continue;
                    }
                    let size = item.metadata().map_or(0, |m| m.len());
                    let name = format!("{}/{}", category.folder(), item.file_name().to_string_lossy());
                    index.add(&name, MediaSource::File(item.path()), size);
                }
            }
        }
        index
    }
}

/// What storing an import's files did.
#[derive(Debug, Default)]
pub(crate) struct MediaStored {
    pub added: u64,
    pub problems: Vec<Skipped>,
    pub left_out: MediaCount,
}

/// Stores `planned` inside the import's transaction. `archive` is the plan's source when its
/// files are members of a zip archive.
pub(crate) fn store(
    tx: &Transaction<'_>,
    archive: &Path,
    planned: Vec<PlannedAttachment>,
    now: &Timestamp,
) -> Result<MediaStored, ImportError> {
    let mut done = MediaStored::default();
    let mut zip: Option<zip::ZipArchive<File>> = None;
    let archive_name = archive.display().to_string();
    for item in planned {
        let problem = |done: &mut MediaStored, reason: String| {
            item.category.count(&mut done.left_out);
            done.problems.push(Skipped { place: item.place.clone(), reason });
        };
        let bytes = match &item.source {
            MediaSource::Bytes(bytes) => bytes.clone(),
            MediaSource::File(path) => match read_limited(File::open(path)) {
                Ok(bytes) => bytes,
                Err(reason) => {
                    problem(&mut done, format!("{} {} ({}): {reason}", item.category.word(), item.name, item.id));
                    continue;
                }
            },
            MediaSource::Member(name) => {
                if zip.is_none() {
                    let file =
                        File::open(archive).map_err(|e| ImportError::Io { path: archive.to_owned(), error: e })?;
                    zip = Some(
                        zip::ZipArchive::new(file)
                            .map_err(|e| ImportError::Archive { file: archive_name.clone(), detail: e.to_string() })?,
                    );
                }
                let Some(open) = zip.as_mut() else { continue };
                let read = open.by_name(name).map_err(std::io::Error::other);
                match read_limited(read) {
                    Ok(bytes) => bytes,
                    Err(reason) => {
                        problem(&mut done, format!("{} {} ({}): {reason}", item.category.word(), item.name, item.id));
                        continue;
                    }
                }
            }
        };
        let file = match attachments::prepare(&item.name, bytes) {
            Ok(file) => file,
            Err(e) => {
                problem(&mut done, format!("{} {}: {e}", item.category.word(), item.id));
                continue;
            }
        };
        let seq = crate::journal::entry_seq(tx, item.entry)?;
        match attachments::insert(tx, seq, item.id, &file, now) {
            Ok(Stored::New) => done.added += 1,
            Ok(Stored::AlreadyThere(_)) => {}
            Err(e @ AttachmentError::VaultFull { .. }) => {
                problem(&mut done, format!("{} {}: {e}", item.category.word(), item.id))
            }
            Err(AttachmentError::Journal(e)) => return Err(e.into()),
            Err(e) => problem(&mut done, format!("{} {}: {e}", item.category.word(), item.id)),
        }
    }
    Ok(done)
}

/// Reads at most [`MAX_FILE_BYTES`] and one more, so a lying size cannot make it read more;
/// the core refuses the file by name when it is over.
fn read_limited<R: Read>(opened: std::io::Result<R>) -> Result<Vec<u8>, String> {
    let reader = opened.map_err(|e| format!("cannot be read: {e}"))?;
    let mut bytes = Vec::new();
    reader.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| format!("cannot be read: {e}"))?;
    Ok(bytes)
}
