//! The sync folder on disk: its layout, and the sealed files computers leave there.
//!
//! ```text
//! FOLDER/attune-sync.json                      the vault's id and the shared key slots, authenticated
//! FOLDER/devices/<device>/0000000001.attune-changes   change files, numbered from 1, never rewritten
//! FOLDER/devices/<device>/device.attune        what that computer last said of itself (sealed)
//! ```
//!
//! A change file is `MAGIC`, a 24-byte random nonce, then XChaCha20-Poly1305 over the
//! deflated JSON of its changes, with the vault id, device id and file number as associated
//! data: a file cut short, changed, renamed or moved to another device's folder fails to open
//! and is never applied in part. Outside the key it shows only its size and time.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use uuid::Uuid;
use zeroize::Zeroizing;

use super::SyncError;
use super::changes::Change;

/// The folder's description file.
pub(crate) const LINK_FILE: &str = "attune-sync.json";
const DEVICES: &str = "devices";
const CHANGES_SUFFIX: &str = ".attune-changes";
const DEVICE_FILE: &str = "device.attune";
const MAGIC: &[u8; 8] = b"ATNSYNC1";
const NONCE_LEN: usize = 24;
const FORMAT: &str = "attune-sync";
const VERSION: u32 = 1;
/// The largest change file read, in bytes: files hold at most a few thousand changes or one
/// attachment of at most 25 MiB, base64 inside.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The largest a change file may grow when inflated.
const MAX_INFLATED_BYTES: u64 = 256 * 1024 * 1024;

/// `attune-sync.json`: which vault the folder belongs to, and the key slots that open it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct LinkFile {
    pub(crate) format: String,
    pub(crate) version: u32,
    pub(crate) vault_id: Uuid,
    /// The shared part of `vault.keys` (passphrase and recovery slots), as its JSON text.
    pub(crate) keys: String,
    /// The sync clock when these slots were published, and by which computer.
    pub(crate) stamp: i64,
    pub(crate) device: Uuid,
    /// HMAC-SHA256 under the change-file key of everything above, hex.
    pub(crate) mac: String,
}

impl LinkFile {
    pub(crate) fn new(vault_id: Uuid, keys: String, stamp: i64, device: Uuid, key: &[u8; 32]) -> Self {
        let mut file =
            LinkFile { format: FORMAT.into(), version: VERSION, vault_id, keys, stamp, device, mac: String::new() };
        file.mac = hex(&file.tag(key));
        file
    }

    fn tag(&self, key: &[u8; 32]) -> Vec<u8> {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else { unreachable!("HMAC takes any key length") };
        let body = format!("{FORMAT}/{VERSION}\n{}\n{}\n{}\n{}", self.vault_id, self.stamp, self.device, self.keys);
        mac.update(body.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }

    /// Whether the file was written by a holder of the vault key.
    pub(crate) fn authentic(&self, key: &[u8; 32]) -> bool {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else { return false };
        let body = format!("{FORMAT}/{VERSION}\n{}\n{}\n{}\n{}", self.vault_id, self.stamp, self.device, self.keys);
        mac.update(body.as_bytes());
        unhex(&self.mac).is_some_and(|tag| mac.verify_slice(&tag).is_ok())
    }

    pub(crate) fn read(folder: &Path) -> Result<Option<LinkFile>, SyncError> {
        let path = folder.join(LINK_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(SyncError::Io { path, source }),
        };
        let file: LinkFile = serde_json::from_str(&text)
            .map_err(|e| SyncError::Malformed { path: path.clone(), detail: e.to_string() })?;
        if file.format != FORMAT {
            return Err(SyncError::Malformed { path, detail: format!("\"format\" is not \"{FORMAT}\"") });
        }
        if file.version > VERSION {
            return Err(SyncError::TooNew { path, found: file.version, supported: VERSION });
        }
        Ok(Some(file))
    }

    pub(crate) fn write(&self, folder: &Path) -> Result<(), SyncError> {
        let path = folder.join(LINK_FILE);
        let mut text = serde_json::to_string_pretty(self)
            .map_err(|e| SyncError::Malformed { path: path.clone(), detail: e.to_string() })?;
        text.push('\n');
        write_file(&path, text.as_bytes())
    }
}

/// What a computer says of itself in its `device.attune`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct DeviceNote {
    pub(crate) name: String,
    /// RFC 3339: when it last exchanged changes.
    pub(crate) last_sync: String,
    /// How many change files it has written.
    pub(crate) files: u64,
}

/// The change files of one computer, as written.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct ChangeFile {
    pub(crate) changes: Vec<Change>,
}

/// The sealed files of one vault in one sync folder.
pub(crate) struct Folder {
    pub(crate) root: PathBuf,
    vault_id: Uuid,
    key: Zeroizing<[u8; 32]>,
}

impl Folder {
    pub(crate) fn new(root: PathBuf, vault_id: Uuid, key: Zeroizing<[u8; 32]>) -> Self {
        Folder { root, vault_id, key }
    }

    pub(crate) fn key(&self) -> &[u8; 32] {
        &self.key
    }

    pub(crate) fn device_dir(&self, device: Uuid) -> PathBuf {
        self.root.join(DEVICES).join(device.to_string())
    }

    pub(crate) fn change_path(&self, device: Uuid, number: u64) -> PathBuf {
        self.device_dir(device).join(format!("{number:010}{CHANGES_SUFFIX}"))
    }

    /// Every device folder but `except`, by id. Names that are not device ids are passed over.
    pub(crate) fn devices(&self, except: Uuid) -> Result<Vec<Uuid>, SyncError> {
        let dir = self.root.join(DEVICES);
        let read = match std::fs::read_dir(&dir) {
            Ok(read) => read,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => return Err(SyncError::Io { path: dir, source }),
        };
        let mut devices: Vec<Uuid> = read
            .filter_map(|item| item.ok())
            .filter_map(|item| item.file_name().to_str().and_then(|name| Uuid::parse_str(name).ok()))
            .filter(|id| *id != except)
            .collect();
        devices.sort();
        Ok(devices)
    }

    /// The highest change file number present for `device` (0 when none).
    pub(crate) fn last_number(&self, device: Uuid) -> Result<u64, SyncError> {
        let dir = self.device_dir(device);
        let read = match std::fs::read_dir(&dir) {
            Ok(read) => read,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(source) => return Err(SyncError::Io { path: dir, source }),
        };
        Ok(read
            .filter_map(|item| item.ok())
            .filter_map(|item| {
                let name = item.file_name();
                name.to_str()?.strip_suffix(CHANGES_SUFFIX)?.parse::<u64>().ok()
            })
            .max()
            .unwrap_or(0))
    }

    fn aad(&self, device: Uuid, what: &str) -> String {
        format!("{FORMAT}/{VERSION}/{}/{device}/{what}", self.vault_id)
    }

    fn seal(&self, plain: &[u8], aad: &str) -> Result<Vec<u8>, SyncError> {
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::fill(&mut nonce).map_err(|e| SyncError::Random(e.to_string()))?;
        let cipher = XChaCha20Poly1305::new(&Key::from(*self.key));
        let sealed = cipher
            .encrypt(&XNonce::from(nonce), Payload { msg: plain, aad: aad.as_bytes() })
            .map_err(|_| SyncError::Random("the cipher refused to seal".into()))?;
        let mut out = Vec::with_capacity(MAGIC.len() + NONCE_LEN + sealed.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// The plain bytes of a sealed file, or why it cannot be opened (yet).
    fn open(&self, path: &Path, aad: &str) -> Result<Zeroizing<Vec<u8>>, Unreadable> {
        let len = std::fs::metadata(path).map_err(|e| Unreadable::Io(e.to_string()))?.len();
        if len > MAX_FILE_BYTES {
            return Err(Unreadable::TooLarge(len));
        }
        let bytes = std::fs::read(path).map_err(|e| Unreadable::Io(e.to_string()))?;
        if bytes.len() < MAGIC.len() + NONCE_LEN + 16 || &bytes[..MAGIC.len()] != MAGIC {
            return Err(Unreadable::Incomplete);
        }
        let (nonce, sealed) = bytes[MAGIC.len()..].split_at(NONCE_LEN);
        let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| Unreadable::Incomplete)?;
        let cipher = XChaCha20Poly1305::new(&Key::from(*self.key));
        cipher
            .decrypt(&XNonce::from(nonce), Payload { msg: sealed, aad: aad.as_bytes() })
            .map(Zeroizing::new)
            .map_err(|_| Unreadable::Incomplete)
    }

    /// Writes change file `number` of `device`, which must not exist yet. Returns its size.
    pub(crate) fn write_changes(&self, device: Uuid, number: u64, file: &ChangeFile) -> Result<u64, SyncError> {
        let path = self.change_path(device, number);
        if path.exists() {
            return Err(SyncError::Exists { path });
        }
        let json = Zeroizing::new(
            serde_json::to_vec(file).map_err(|e| SyncError::Malformed { path: path.clone(), detail: e.to_string() })?,
        );
        let mut deflate = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        deflate.write_all(&json).map_err(|source| SyncError::Io { path: path.clone(), source })?;
        let packed = Zeroizing::new(deflate.finish().map_err(|source| SyncError::Io { path: path.clone(), source })?);
        let sealed = self.seal(&packed, &self.aad(device, &number.to_string()))?;
        std::fs::create_dir_all(self.device_dir(device))
            .map_err(|source| SyncError::Io { path: self.device_dir(device), source })?;
        write_file(&path, &sealed)?;
        Ok(sealed.len() as u64)
    }

    /// Reads change file `number` of `device`: `Ok(None)` when it is not there (yet).
    pub(crate) fn read_changes(&self, device: Uuid, number: u64) -> Result<Option<ChangeFile>, Unreadable> {
        let path = self.change_path(device, number);
        if !path.exists() {
            return Ok(None);
        }
        let packed = self.open(&path, &self.aad(device, &number.to_string()))?;
        let mut json = Zeroizing::new(Vec::new());
        flate2::read::DeflateDecoder::new(packed.as_slice())
            .take(MAX_INFLATED_BYTES)
            .read_to_end(&mut json)
            .map_err(|_| Unreadable::Incomplete)?;
        // serde_json's message may quote the value it tripped on, which is entry text here: say
        // only what kind of fault it was and where.
        serde_json::from_slice(&json).map(Some).map_err(|e| {
            Unreadable::Malformed(format!("{:?} fault at line {}, column {}", e.classify(), e.line(), e.column()))
        })
    }

    pub(crate) fn write_note(&self, device: Uuid, note: &DeviceNote) -> Result<(), SyncError> {
        let path = self.device_dir(device).join(DEVICE_FILE);
        let json =
            serde_json::to_vec(note).map_err(|e| SyncError::Malformed { path: path.clone(), detail: e.to_string() })?;
        let sealed = self.seal(&json, &self.aad(device, DEVICE_FILE))?;
        std::fs::create_dir_all(self.device_dir(device))
            .map_err(|source| SyncError::Io { path: self.device_dir(device), source })?;
        write_file(&path, &sealed)
    }

    /// What `device` last said of itself; `None` when it has not (or the file is mid-sync).
    pub(crate) fn read_note(&self, device: Uuid) -> Option<DeviceNote> {
        let path = self.device_dir(device).join(DEVICE_FILE);
        let plain = self.open(&path, &self.aad(device, DEVICE_FILE)).ok()?;
        serde_json::from_slice(&plain).ok()
    }
}

/// Why a change file could not be opened. Each is retried at the next exchange: a file still
/// arriving looks exactly like a damaged one until it is whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unreadable {
    Incomplete,
    TooLarge(u64),
    Malformed(String),
    Io(String),
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unreadable::Incomplete => f.write_str("incomplete or damaged (it may still be arriving)"),
            Unreadable::TooLarge(n) => write!(f, "{n} bytes, larger than any change file Attune writes"),
            Unreadable::Malformed(detail) => write!(f, "opened but not understood: {detail}"),
            Unreadable::Io(detail) => f.write_str(detail),
        }
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), SyncError> {
    crate::private_file::write(path, bytes).map_err(|e| SyncError::Io { path: path.to_owned(), source: e.into_io() })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_file_that_opens_but_does_not_parse_is_reported_without_its_words() {
        let dir = tempfile::tempdir().unwrap();
        let (vault, device) = (Uuid::now_v7(), Uuid::now_v7());
        let folder = Folder::new(dir.path().to_owned(), vault, Zeroizing::new([7u8; 32]));
        // A file sealed with the right key whose change has a body where a number belongs.
        let json = br#"{"changes":[{"kind":"entry","key":"k","at":"words only I wrote","device":"x","row":null}]}"#;
        let mut deflate = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        deflate.write_all(json).unwrap();
        let sealed = folder.seal(&deflate.finish().unwrap(), &folder.aad(device, "1")).unwrap();
        std::fs::create_dir_all(folder.device_dir(device)).unwrap();
        std::fs::write(folder.change_path(device, 1), sealed).unwrap();
        let Err(Unreadable::Malformed(reason)) = folder.read_changes(device, 1) else { panic!("should not parse") };
        assert!(!reason.contains("words only I wrote"), "{reason}");
        assert!(reason.contains("line 1"), "{reason}");
    }
}
