//! Attachments: photos and small files (PDF, audio, an imported journal's videos) kept with an
//! entry, inside the encrypted database.
//!
//! It owns the table `attachments` and is the only module that runs SQL on it. The bytes are a
//! BLOB in the SQLCipher database, so they are encrypted like the entry's text and never sit on
//! disk as a file; a photo's thumbnail is made here ([`media::thumbnail`]) and kept beside it.
//!
//! Invariants:
//! - A file's type is read from its bytes ([`media::sniff`]), never from its name; only the
//!   types of [`MediaType`] are kept, anything else is [`AttachmentError::Unsupported`].
//! - A file is at most [`MAX_FILE_BYTES`] and a vault's attachments together at most
//!   [`MAX_VAULT_BYTES`]; both are checked before anything is written.
//! - An entry holds a file once: the same bytes (by SHA-256) added again to the same entry are
//!   found, not stored twice, which is also what keeps a second import from adding anything.
//! - Attachments belong to the entry, not to one version of its text: editing or restoring an
//!   earlier version keeps them; the trash keeps them; deleting the entry for good deletes them
//!   (a foreign key with cascade), and `PRAGMA secure_delete` zeroes their freed pages.
//! - The entry's text refers to an attachment as `attune:ID` ([`links`]).
//!
//! What it must not do: write a decrypted byte anywhere but the caller's own file
//! ([`crate::Session::save_attachment`]), or read the journal's tables: an entry's row number
//! comes from the journal.
//!
//! ```no_run
//! # fn demo(session: &attune::Session, entry: attune::EntryId) -> Result<(), attune::SessionError> {
//! let photo = std::fs::read("sunrise.jpg").expect("a photo");
//! let added = session.attach(entry, vec![("sunrise.jpg".into(), photo)])?;
//! assert_eq!(added[0].media_type, "image/jpeg");
//! let listed = session.attachments().list(entry)?;
//! assert!(listed[0].width.is_some());
//! # Ok(()) }
//! ```

pub mod links;
pub mod media;

use std::fmt;
use std::str::FromStr;

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::journal::{EntryId, JournalError};
use crate::time::{self, Timestamp};
pub use media::{MediaKind, MediaType, THUMBNAIL_PX, Thumbnail};

/// The largest file an entry can hold, in bytes (25 MiB: a photo from any phone, a long voice
/// note, a PDF of a few hundred pages).
pub const MAX_FILE_BYTES: u64 = 25 * 1024 * 1024;
/// The most all of a vault's attachments may take together, in bytes (2 GiB), so the encrypted
/// database stays a size that backs up and copies in reasonable time.
pub const MAX_VAULT_BYTES: u64 = 2 * 1024 * 1024 * 1024;
/// The longest file name kept, in bytes of UTF-8 (cut at a character boundary).
pub const MAX_NAME_BYTES: usize = 255;

/// What can go wrong with an attachment. Each variant names the file or the id.
#[derive(Debug, thiserror::Error)]
pub enum AttachmentError {
    #[error(
        "{name}: Attune keeps photos (JPEG, PNG, GIF, WebP, HEIC), PDFs and audio (M4A, AAC, MP3, Ogg, WAV); this file is {detected}"
    )]
    Unsupported { name: String, detected: String },
    #[error("{name} is {size} bytes; a file is at most {limit} bytes (25 MiB)")]
    TooLarge { name: String, size: u64, limit: u64 },
    #[error("{name} ({size} bytes) does not fit: the vault's attachments take {used} bytes of at most {limit} (2 GiB)")]
    VaultFull { name: String, size: u64, used: u64, limit: u64 },
    #[error("{name} is empty")]
    Empty { name: String },
    #[error("{name} is not a photo Attune can read: {detail}")]
    UnreadableImage { name: String, detail: String },
    #[error("cannot read {name}: {source}")]
    Io { name: String, source: std::io::Error },
    #[error("{name} is already attached to this entry (attachment {id})")]
    AlreadyAttached { name: String, id: AttachmentId },
    #[error("no attachment with id {id}")]
    NotFound { id: String },
    #[error("\"{text}\" is not an attachment id")]
    BadId { text: String },
    #[error("id prefix \"{prefix}\" matches more than one attachment; give more characters")]
    AmbiguousId { prefix: String },
    #[error("stored attachment {id} is unreadable: {detail}")]
    CorruptRow { id: String, detail: String },
    #[error(transparent)]
    Journal(#[from] JournalError),
}

impl From<rusqlite::Error> for AttachmentError {
    fn from(e: rusqlite::Error) -> Self {
        AttachmentError::Journal(JournalError::from(e))
    }
}

/// An attachment's public id: a UUID, written hyphenated.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(type = "string"))]
#[serde(transparent)]
pub struct AttachmentId(Uuid);

impl AttachmentId {
    /// A new id (UUID v7).
    pub(crate) fn new() -> Self {
        Self(Uuid::now_v7())
    }

    /// The same id each time for the same entry and source (`key`): an importer's attachment.
    pub(crate) fn derived(entry: EntryId, key: &[u8]) -> Self {
        let mut hash = Sha256::new();
        hash.update(b"attune-attachment\0");
        hash.update(entry.as_uuid().as_bytes());
        hash.update(key);
        let digest = hash.finalize();
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&digest[..16]);
        Self(uuid::Builder::from_random_bytes(bytes).into_uuid())
    }
}

impl fmt::Display for AttachmentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.hyphenated(), f)
    }
}

impl fmt::Debug for AttachmentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AttachmentId({self})")
    }
}

impl FromStr for AttachmentId {
    type Err = AttachmentError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        if text.len() != 36 {
            return Err(AttachmentError::BadId { text: text.to_owned() });
        }
        Uuid::parse_str(text).map(Self).map_err(|_| AttachmentError::BadId { text: text.to_owned() })
    }
}

/// An attachment as listed: everything but its bytes.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Attachment {
    pub id: AttachmentId,
    /// The entry that holds it.
    pub entry: EntryId,
    /// The file's name, without folders.
    pub name: String,
    /// MIME type, sniffed from the bytes: `image/jpeg`, `application/pdf`, `audio/mp4`...
    pub media_type: String,
    /// Bytes.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub size: u64,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
    /// Pixels, as shown (EXIF orientation applied); photos with a thumbnail only.
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub created_at: Timestamp,
    /// Whether [`Attachments::thumbnail`] has a JPEG for it.
    pub has_thumbnail: bool,
}

impl Attachment {
    /// The media type, when this build knows it (it always does for what it stored).
    pub fn media(&self) -> Option<MediaType> {
        MediaType::from_mime(&self.media_type)
    }

    /// How the entry's text shows it: `![name](attune:ID)` or `[name](attune:ID)`.
    pub fn markdown(&self) -> String {
        links::markdown(&self.name, self.id, self.media().map_or(MediaKind::Document, MediaType::kind))
    }
}

/// A file checked and ready to store: its type, hash and thumbnail are known.
#[derive(Debug)]
pub struct NewAttachment {
    pub name: String,
    pub media: MediaType,
    pub bytes: Vec<u8>,
    pub sha256: String,
    pub thumbnail: Option<Thumbnail>,
}

/// Checks a file for an entry and makes its thumbnail: type from the bytes, size within
/// [`MAX_FILE_BYTES`]. `name` may be a path; only its last part is kept. Nothing is written.
///
/// # Errors
/// [`AttachmentError::Empty`], [`AttachmentError::TooLarge`], [`AttachmentError::Unsupported`]
/// (with the type detected, or "unknown"), [`AttachmentError::UnreadableImage`] for a photo that
/// does not decode within the limits of [`media`].
pub fn prepare(name: &str, bytes: Vec<u8>) -> Result<NewAttachment, AttachmentError> {
    let name = clean_name(name);
    if bytes.is_empty() {
        return Err(AttachmentError::Empty { name });
    }
    let size = bytes.len() as u64;
    if size > MAX_FILE_BYTES {
        return Err(AttachmentError::TooLarge { name, size, limit: MAX_FILE_BYTES });
    }
    let media =
        media::sniff(&bytes).map_err(|detected| AttachmentError::Unsupported { name: name.clone(), detected })?;
    let thumbnail = if media.has_thumbnail() { Some(media::thumbnail(&name, media, &bytes)?) } else { None };
    let sha256 = hex(&Sha256::digest(&bytes));
    let name = if name.is_empty() { format!("attachment.{}", media.extension()) } else { name };
    Ok(NewAttachment { name, media, bytes, sha256, thumbnail })
}

/// The last part of a path, without control characters, at most [`MAX_NAME_BYTES`]; may be
/// empty (the caller names it after its type).
fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let clean: String = base.chars().filter(|c| !c.is_control()).collect();
    let mut clean = crate::journal::nfc::nfc_string(clean.trim().to_owned());
    if clean.len() > MAX_NAME_BYTES {
        let mut cut = MAX_NAME_BYTES;
        while !clean.is_char_boundary(cut) {
            cut -= 1;
        }
        clean.truncate(cut);
    }
    clean
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Whether [`insert`] stored the file or found the same bytes on the entry already.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stored {
    New,
    AlreadyThere(AttachmentId),
}

/// Stores `file` as attachment `id` of the entry with row `entry_seq`, inside the caller's
/// transaction, unless the entry already holds the same bytes. Checks [`MAX_VAULT_BYTES`].
pub(crate) fn insert(
    tx: &Transaction<'_>,
    entry_seq: i64,
    id: AttachmentId,
    file: &NewAttachment,
    now: &Timestamp,
) -> Result<Stored, AttachmentError> {
    // The same bytes on this entry, or the same id anywhere (an export imported again).
    let existing: Option<String> = tx
        .prepare_cached("SELECT id FROM attachments WHERE (entry_seq = ?1 AND sha256 = ?2) OR id = ?3 LIMIT 1")?
        .query_row(params![entry_seq, file.sha256, id.to_string()], |row| row.get(0))
        .optional()?;
    if let Some(existing) = existing {
        return Ok(Stored::AlreadyThere(parse_id(&existing)?));
    }
    let size = file.bytes.len() as u64;
    let used = used_bytes(tx)?;
    if used.saturating_add(size) > MAX_VAULT_BYTES {
        return Err(AttachmentError::VaultFull { name: file.name.clone(), size, used, limit: MAX_VAULT_BYTES });
    }
    let thumb = file.thumbnail.as_ref();
    tx.prepare_cached(
        "INSERT INTO attachments (id, entry_seq, name, media_type, size, sha256, width, height, created_at,
                                  thumbnail, bytes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        id.to_string(),
        entry_seq,
        file.name,
        file.media.as_str(),
        i64::try_from(size).unwrap_or(i64::MAX),
        file.sha256,
        thumb.map(|t| t.width),
        thumb.map(|t| t.height),
        time::format(now),
        thumb.map(|t| t.jpeg.as_slice()),
        file.bytes,
    ])?;
    Ok(Stored::New)
}

/// Whether the vault has an attachment with this id (what an import would skip).
pub(crate) fn exists(conn: &Connection, id: AttachmentId) -> Result<bool, JournalError> {
    Ok(conn.prepare_cached("SELECT 1 FROM attachments WHERE id = ?1")?.exists([id.to_string()])?)
}

fn used_bytes(conn: &Connection) -> Result<u64, AttachmentError> {
    let used: i64 = conn.query_row("SELECT coalesce(sum(size), 0) FROM attachments", [], |r| r.get(0))?;
    Ok(u64::try_from(used).unwrap_or(0))
}

fn parse_id(text: &str) -> Result<AttachmentId, AttachmentError> {
    text.parse().map_err(|_| AttachmentError::CorruptRow { id: text.to_owned(), detail: "not a UUID".to_owned() })
}

/// One attachment with its bytes, as an export carries it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttachmentRecord {
    pub id: AttachmentId,
    pub entry: EntryId,
    pub name: String,
    pub media_type: String,
    pub created_at: Timestamp,
    /// The file, base64 (standard alphabet, padded) in JSON.
    #[serde(with = "base64_bytes")]
    pub data: Vec<u8>,
}

mod base64_bytes {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        STANDARD.decode(text.as_bytes()).map_err(serde::de::Error::custom)
    }
}

const SELECT: &str = "SELECT id, entry_seq, name, media_type, size, sha256, width, height, created_at,
                             thumbnail IS NOT NULL FROM attachments";

struct Row {
    id: String,
    entry_seq: i64,
    name: String,
    media_type: String,
    size: i64,
    sha256: String,
    width: Option<u32>,
    height: Option<u32>,
    created_at: String,
    has_thumbnail: bool,
}

impl Row {
    fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
        Ok(Row {
            id: row.get(0)?,
            entry_seq: row.get(1)?,
            name: row.get(2)?,
            media_type: row.get(3)?,
            size: row.get(4)?,
            sha256: row.get(5)?,
            width: row.get(6)?,
            height: row.get(7)?,
            created_at: row.get(8)?,
            has_thumbnail: row.get(9)?,
        })
    }

    fn into_attachment(self, entry: EntryId) -> Result<Attachment, AttachmentError> {
        let id = parse_id(&self.id)?;
        let created_at = time::parse_timestamp("created_at", &self.created_at)
            .map_err(|e| AttachmentError::CorruptRow { id: self.id.clone(), detail: e.to_string() })?;
        Ok(Attachment {
            id,
            entry,
            name: self.name,
            media_type: self.media_type,
            size: u64::try_from(self.size).unwrap_or(0),
            sha256: self.sha256,
            width: self.width,
            height: self.height,
            created_at,
            has_thumbnail: self.has_thumbnail,
        })
    }
}

/// The attachments of an unlocked vault. Borrowed from [`crate::Session::attachments`].
pub struct Attachments<'v> {
    conn: &'v Connection,
}

impl fmt::Debug for Attachments<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Attachments")
    }
}

impl<'v> Attachments<'v> {
    pub(crate) fn new(conn: &'v Connection) -> Self {
        Self { conn }
    }

    /// The attachments of `entry` (in the journal or the trash), oldest first.
    pub fn list(&self, entry: EntryId) -> Result<Vec<Attachment>, AttachmentError> {
        let seq = crate::journal::entry_seq(self.conn, entry)?;
        let mut stmt = self.conn.prepare_cached(&format!("{SELECT} WHERE entry_seq = ?1 ORDER BY created_at, id"))?;
        let rows: Vec<Row> = stmt.query_map([seq], Row::from_row)?.collect::<Result<_, _>>()?;
        rows.into_iter().map(|r| r.into_attachment(entry)).collect()
    }

    /// Every attachment of the vault, without bytes, by entry (the Markdown export's plan).
    pub fn all(&self) -> Result<std::collections::HashMap<EntryId, Vec<Attachment>>, AttachmentError> {
        let mut stmt = self.conn.prepare_cached(&format!("{SELECT} ORDER BY entry_seq, created_at, id"))?;
        let rows: Vec<Row> = stmt.query_map([], Row::from_row)?.collect::<Result<_, _>>()?;
        let mut out: std::collections::HashMap<EntryId, Vec<Attachment>> = std::collections::HashMap::new();
        for row in rows {
            let entry = crate::journal::entry_id(self.conn, row.entry_seq)?;
            out.entry(entry).or_default().push(row.into_attachment(entry)?);
        }
        Ok(out)
    }

    /// The attachment `id`, without its bytes.
    pub fn get(&self, id: AttachmentId) -> Result<Attachment, AttachmentError> {
        let row = self
            .conn
            .prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
            .query_row([id.to_string()], Row::from_row)
            .optional()?
            .ok_or_else(|| AttachmentError::NotFound { id: id.to_string() })?;
        let entry = crate::journal::entry_id(self.conn, row.entry_seq)?;
        row.into_attachment(entry)
    }

    /// The file itself: the bytes as they were added.
    pub fn bytes(&self, id: AttachmentId) -> Result<Vec<u8>, AttachmentError> {
        self.conn
            .prepare_cached("SELECT bytes FROM attachments WHERE id = ?1")?
            .query_row([id.to_string()], |row| row.get(0))
            .optional()?
            .ok_or_else(|| AttachmentError::NotFound { id: id.to_string() })
    }

    /// A photo's thumbnail (JPEG, at most [`THUMBNAIL_PX`] on its long side), or `None` for a
    /// file that has none.
    pub fn thumbnail(&self, id: AttachmentId) -> Result<Option<Vec<u8>>, AttachmentError> {
        self.conn
            .prepare_cached("SELECT thumbnail FROM attachments WHERE id = ?1")?
            .query_row([id.to_string()], |row| row.get(0))
            .optional()?
            .ok_or_else(|| AttachmentError::NotFound { id: id.to_string() })
    }

    /// Finds an attachment from its full id, or from the start of it (at least 8 characters)
    /// when only one attachment's id starts that way.
    pub fn resolve(&self, text: &str) -> Result<AttachmentId, AttachmentError> {
        let text = text.trim().to_ascii_lowercase();
        if let Ok(id) = text.parse::<AttachmentId>() {
            return Ok(id);
        }
        if text.len() < 8 || !text.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Err(AttachmentError::BadId { text });
        }
        let mut stmt = self.conn.prepare_cached("SELECT id FROM attachments WHERE id GLOB ?1 || '*' LIMIT 2")?;
        let found: Vec<String> = stmt.query_map([&text], |row| row.get(0))?.collect::<Result<_, _>>()?;
        match found.as_slice() {
            [one] => parse_id(one),
            [] => Err(AttachmentError::NotFound { id: text }),
            _ => Err(AttachmentError::AmbiguousId { prefix: text }),
        }
    }

    /// Deletes an attachment for good (its pages are zeroed). A link to it in the entry's text
    /// stays, and shows as the file's name.
    pub fn remove(&self, id: AttachmentId) -> Result<Attachment, AttachmentError> {
        let attachment = self.get(id)?;
        self.conn.execute("DELETE FROM attachments WHERE id = ?1", [id.to_string()])?;
        Ok(attachment)
    }

    /// How many bytes all attachments take together (what [`MAX_VAULT_BYTES`] bounds).
    pub fn used_bytes(&self) -> Result<u64, AttachmentError> {
        used_bytes(self.conn)
    }

    /// Every attachment with its bytes, one at a time, in the order of their entries.
    pub fn for_each_record<E: From<AttachmentError>>(
        &self,
        mut visit: impl FnMut(AttachmentRecord) -> Result<(), E>,
    ) -> Result<(), E> {
        let db = |e: rusqlite::Error| E::from(AttachmentError::from(e));
        let mut stmt = self
            .conn
            .prepare("SELECT id, entry_seq, name, media_type, created_at, bytes FROM attachments ORDER BY entry_seq, created_at, id")
            .map_err(db)?;
        let mut rows = stmt.query([]).map_err(db)?;
        while let Some(row) = rows.next().map_err(db)? {
            let id: String = row.get(0).map_err(db)?;
            let created: String = row.get(4).map_err(db)?;
            let record = AttachmentRecord {
                id: parse_id(&id)?,
                entry: crate::journal::entry_id(self.conn, row.get(1).map_err(db)?).map_err(AttachmentError::from)?,
                name: row.get(2).map_err(db)?,
                media_type: row.get(3).map_err(db)?,
                created_at: time::parse_timestamp("created_at", &created)
                    .map_err(|e| AttachmentError::CorruptRow { id: id.clone(), detail: e.to_string() })?,
                data: row.get(5).map_err(db)?,
            };
            visit(record)?;
        }
        Ok(())
    }
}

/// Sync's view of this table (`crate::sync`): a file as a row that travels in a change file,
/// with its entry's public id as `entry` instead of the local sequence number.
pub(crate) mod replica {
    use rusqlite::{Connection, Transaction};

    use crate::sync::rows::{self, Row, RowError};

    const COLUMNS: &[&str] = &[
        "id",
        "entry_seq",
        "name",
        "media_type",
        "size",
        "sha256",
        "width",
        "height",
        "created_at",
        "thumbnail",
        "bytes",
    ];

    pub(crate) fn read(conn: &Connection, id: &str) -> Result<Option<Row>, RowError> {
        rows::read(
            conn,
            "SELECT a.id, e.id AS entry, a.name, a.media_type, a.size, a.sha256, a.width, a.height, a.created_at,
                    a.thumbnail, a.bytes
             FROM attachments a JOIN entries e ON e.seq = a.entry_seq WHERE a.id = ?1",
            &[&id],
        )
    }

    /// Stores the file (once; files never change) or, with `None`, removes it. A file whose
    /// entry is not here (purged meanwhile) is passed over.
    pub(crate) fn write(tx: &Transaction<'_>, id: &str, row: Option<&Row>) -> Result<(), RowError> {
        let Some(row) = row else {
            tx.prepare_cached("DELETE FROM attachments WHERE id = ?1")?.execute([id])?;
            return Ok(());
        };
        let entry = rows::text(row, "attachments", "entry")?;
        let seq: Option<i64> = rusqlite::OptionalExtension::optional(
            tx.prepare_cached("SELECT seq FROM entries WHERE id = ?1")?.query_row([entry], |r| r.get(0)),
        )?;
        let Some(seq) = seq else { return Ok(()) };
        let mut row = row.clone();
        row.insert("entry_seq".into(), seq.into());
        rows::upsert(tx, "attachments", COLUMNS, &["id"], &row)
    }

    pub(crate) fn keys(conn: &Connection) -> Result<Vec<String>, RowError> {
        let mut stmt = conn.prepare("SELECT id FROM attachments ORDER BY rowid")?;
        let keys = stmt.query_map([], |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?;
        Ok(keys)
    }
}
