//! Reading what an import is made of, within [`Limits`]: one file, the JSON members of a zip
//! archive, or the files of a folder.
//!
//! Archives are read in memory, member by member, and never extracted: a member's path is only
//! a name to show and to match `.json` on, so names like `../../x` can do no harm. Sizes are
//! checked twice, against what the file or archive declares (for a clear message up front) and
//! against what is actually read (the declaration may lie).

use std::fs::File;
use std::io::{Read, Seek};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::{ImportError, Limits, Place, Skipped};

/// Opens a file after checking that its size is within `limit`.
pub(crate) fn open_limited(path: &Path, limit: u64, what: &'static str) -> Result<File, ImportError> {
    let io = |source| ImportError::Io { path: path.to_owned(), error: source };
    let file = File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > limit {
        return Err(ImportError::TooLarge { file: path.display().to_string(), size, limit, what });
    }
    Ok(file)
}

/// Reads a whole file of at most `limit` bytes.
pub(crate) fn read_limited(path: &Path, limit: u64, what: &'static str) -> Result<Vec<u8>, ImportError> {
    let file = open_limited(path, limit, what)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| ImportError::Io { path: path.to_owned(), error: source })?;
    if bytes.len() as u64 > limit {
        return Err(ImportError::TooLarge { file: path.display().to_string(), size: bytes.len() as u64, limit, what });
    }
    Ok(bytes)
}

/// A name from an archive or a folder, made safe to print: control characters become `?`
/// and very long names are cut.
pub(crate) fn printable(name: &str) -> String {
    let clean: String = name.chars().map(|c| if c.is_control() { '?' } else { c }).collect();
    if clean.chars().count() > 200 { format!("{}…", clean.chars().take(200).collect::<String>()) } else { clean }
}

/// A JSON file read from an archive or a folder.
pub(crate) struct Member {
    /// How messages name it: `Export.zip: Journal.json`.
    pub display: String,
    /// The file name without folders or `.json`: Day One's journal name.
    pub stem: String,
    pub bytes: Vec<u8>,
}

/// The file name without folders (either slash) or extension.
pub(crate) fn stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let base = base.strip_suffix(".json").or_else(|| base.strip_suffix(".JSON")).unwrap_or(base);
    printable(base)
}

fn is_json(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".json") && !name.starts_with("__MACOSX")
}

/// Opens a zip archive for reading, named `archive` in messages.
pub(crate) fn open_archive<R: Read + Seek>(reader: R, archive: &str) -> Result<zip::ZipArchive<R>, ImportError> {
    zip::ZipArchive::new(reader).map_err(|e| ImportError::Archive { file: archive.to_owned(), detail: e.to_string() })
}

/// The JSON members of a zip archive, in archive order; everything else (photos, videos) is
/// left unread.
pub(crate) fn archive_json<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    archive: &str,
    limits: &Limits,
) -> Result<Vec<Member>, ImportError> {
    let bad = |detail: String| ImportError::Archive { file: archive.to_owned(), detail };
    if zip.len() > limits.archive_members {
        return Err(ImportError::TooManyMembers {
            file: archive.to_owned(),
            count: zip.len(),
            limit: limits.archive_members,
        });
    }
    let mut members = Vec::new();
    let mut total: u64 = 0;
    for index in 0..zip.len() {
        let name = match zip.name_for_index(index) {
            Some(Ok(name)) => name.into_owned(),
            Some(Err(e)) => return Err(bad(format!("member {}: {e}", index + 1))),
            None => continue,
        };
        if !is_json(&name) || name.ends_with('/') {
            continue;
        }
        let display = format!("{archive}: {}", printable(&name));
        let mut file = zip.by_index(index).map_err(|e| bad(format!("{}: {e}", printable(&name))))?;
        if file.encrypted() {
            return Err(bad(format!("{} is encrypted; export again without a password", printable(&name))));
        }
        let remaining = limits.total_bytes.saturating_sub(total);
        let allowed = limits.json_bytes.min(remaining);
        if file.size() > limits.json_bytes {
            return Err(ImportError::TooLarge {
                file: display,
                size: file.size(),
                limit: limits.json_bytes,
                what: "JSON file",
            });
        }
        let mut bytes = Vec::new();
        (&mut file)
            .take(allowed.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| bad(format!("{}: {e}", printable(&name))))?;
        if bytes.len() as u64 > allowed {
            return Err(if allowed < limits.json_bytes {
                ImportError::TooMuchData { file: archive.to_owned(), limit: limits.total_bytes }
            } else {
                ImportError::TooLarge { file: display, size: bytes.len() as u64, limit: allowed, what: "JSON file" }
            });
        }
        total += bytes.len() as u64;
        members.push(Member { display, stem: stem(&name), bytes });
    }
    Ok(members)
}

/// A file found in a folder.
pub(crate) struct Found {
    pub path: PathBuf,
    /// Relative to the folder, with `/` between parts.
    pub relative: String,
}

/// The files under `root` whose name `want` accepts, sorted by relative path. Hidden files and
/// folders (`.obsidian`, `.git`) are passed over; symbolic links are not followed, and are
/// reported.
pub(crate) fn walk(
    root: &Path,
    want: impl Fn(&str) -> bool,
    limits: &Limits,
) -> Result<(Vec<Found>, Vec<Skipped>), ImportError> {
    const MAX_DEPTH: usize = 32;
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| ImportError::Io { path, error: source }
    };
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    let mut seen = 0usize;
    let mut stack = vec![(root.to_owned(), String::new(), 0usize)];
    while let Some((dir, prefix, depth)) = stack.pop() {
        for item in std::fs::read_dir(&dir).map_err(io(&dir))? {
            let item = item.map_err(io(&dir))?;
            seen += 1;
            if seen > limits.folder_files {
                return Err(ImportError::TooManyFiles { path: root.to_owned(), limit: limits.folder_files });
            }
            let name = item.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let relative = if prefix.is_empty() { name.clone() } else { format!("{prefix}/{name}") };
            let kind = item.file_type().map_err(io(&item.path()))?;
            if kind.is_symlink() {
                if want(&name) {
                    skipped.push(Skipped {
                        place: Place { file: printable(&relative), ..Place::default() },
                        reason: "a symbolic link; links are not followed".to_owned(),
                    });
                }
            } else if kind.is_dir() {
                if depth + 1 < MAX_DEPTH {
                    stack.push((item.path(), relative, depth + 1));
                } else {
                    skipped.push(Skipped {
                        place: Place { file: printable(&relative), ..Place::default() },
                        reason: format!("folders nested more than {MAX_DEPTH} deep are not read"),
                    });
                }
            } else if kind.is_file() && want(&name) {
                found.push(Found { path: item.path(), relative });
            }
        }
    }
    found.sort_by(|a, b| a.relative.cmp(&b.relative));
    Ok((found, skipped))
}

/// A Markdown note as read.
pub(crate) struct Note {
    pub relative: String,
    pub bytes: Vec<u8>,
    pub modified: Option<SystemTime>,
}

pub(crate) fn json_files(root: &Path, limits: &Limits) -> Result<(Vec<Member>, Vec<Skipped>), ImportError> {
    let (found, skipped) = walk(root, is_json, limits)?;
    let mut members = Vec::new();
    let mut total = 0u64;
    for f in found {
        let bytes = read_limited(&f.path, limits.json_bytes, "JSON file")?;
        total += bytes.len() as u64;
        if total > limits.total_bytes {
            return Err(ImportError::TooMuchData { file: root.display().to_string(), limit: limits.total_bytes });
        }
        members.push(Member { display: printable(&f.relative), stem: stem(&f.relative), bytes });
    }
    Ok((members, skipped))
}
