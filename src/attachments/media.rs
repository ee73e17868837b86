//! What a file handed in is, and the thumbnail of a photo: pure functions over bytes.
//!
//! The type comes from the bytes (their signature, read by the `infer` crate), never from the
//! file's name. Photos are decoded under [`image::Limits`] (dimensions and memory), so a
//! hostile image is an error, not an exhausted machine; the thumbnail is a JPEG at most
//! [`THUMBNAIL_PX`] on its long side, turned the way the photo's EXIF orientation says.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageReader};

use super::AttachmentError;

/// The longest side of a thumbnail, in pixels.
pub const THUMBNAIL_PX: u32 = 480;
/// JPEG quality of thumbnails (1–100).
const THUMBNAIL_QUALITY: u8 = 80;
/// The largest photo decoded for a thumbnail, in pixels on either side (a 100-megapixel
/// camera's photos are about 12,000 wide).
pub const MAX_IMAGE_SIDE_PX: u32 = 16_384;
/// The most memory the decoder may take for one photo, in bytes.
pub const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;

/// The kinds of file an entry can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MediaType {
    Jpeg,
    Png,
    Gif,
    Webp,
    /// HEIC/HEIF (iPhone photos): kept, without a thumbnail.
    Heif,
    Pdf,
    /// MPEG-4 audio (`.m4a`, what phones record).
    M4a,
    /// AAC in ADTS frames.
    Aac,
    Mp3,
    Ogg,
    Wav,
    /// MPEG-4 video (Day One's videos): kept as a file, without a thumbnail.
    Mp4,
    /// QuickTime video (`.mov`): kept as a file, without a thumbnail.
    QuickTime,
}

/// What kind of thing an attachment is, for how it is shown and where an export puts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MediaKind {
    Photo,
    Audio,
    Video,
    Document,
}

impl MediaType {
    pub const ALL: [MediaType; 13] = [
        MediaType::Jpeg,
        MediaType::Png,
        MediaType::Gif,
        MediaType::Webp,
        MediaType::Heif,
        MediaType::Pdf,
        MediaType::M4a,
        MediaType::Aac,
        MediaType::Mp3,
        MediaType::Ogg,
        MediaType::Wav,
        MediaType::Mp4,
        MediaType::QuickTime,
    ];

    /// The MIME type, as stored and shown: `image/jpeg`.
    pub fn as_str(self) -> &'static str {
        match self {
            MediaType::Jpeg => "image/jpeg",
            MediaType::Png => "image/png",
            MediaType::Gif => "image/gif",
            MediaType::Webp => "image/webp",
            MediaType::Heif => "image/heif",
            MediaType::Pdf => "application/pdf",
            MediaType::M4a => "audio/mp4",
            MediaType::Aac => "audio/aac",
            MediaType::Mp3 => "audio/mpeg",
            MediaType::Ogg => "audio/ogg",
            MediaType::Wav => "audio/wav",
            MediaType::Mp4 => "video/mp4",
            MediaType::QuickTime => "video/quicktime",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            MediaType::Jpeg => "jpg",
            MediaType::Png => "png",
            MediaType::Gif => "gif",
            MediaType::Webp => "webp",
            MediaType::Heif => "heic",
            MediaType::Pdf => "pdf",
            MediaType::M4a => "m4a",
            MediaType::Aac => "aac",
            MediaType::Mp3 => "mp3",
            MediaType::Ogg => "ogg",
            MediaType::Wav => "wav",
            MediaType::Mp4 => "mp4",
            MediaType::QuickTime => "mov",
        }
    }

    pub fn kind(self) -> MediaKind {
        match self {
            MediaType::Jpeg | MediaType::Png | MediaType::Gif | MediaType::Webp | MediaType::Heif => MediaKind::Photo,
            MediaType::Pdf => MediaKind::Document,
            MediaType::M4a | MediaType::Aac | MediaType::Mp3 | MediaType::Ogg | MediaType::Wav => MediaKind::Audio,
            MediaType::Mp4 | MediaType::QuickTime => MediaKind::Video,
        }
    }

    /// Whether Attune can decode it and make a thumbnail.
    pub fn has_thumbnail(self) -> bool {
        matches!(self, MediaType::Jpeg | MediaType::Png | MediaType::Gif | MediaType::Webp)
    }

    /// The stored MIME type back to a type.
    pub fn from_mime(mime: &str) -> Option<MediaType> {
        MediaType::ALL.into_iter().find(|t| t.as_str() == mime)
    }
}

/// The type of `bytes` from their signature, or the MIME type detected (or `"unknown"`) when
/// Attune does not keep that kind of file.
pub fn sniff(bytes: &[u8]) -> Result<MediaType, String> {
    let Some(found) = infer::get(bytes) else {
        return Err("unknown".to_owned());
    };
    let media = match found.mime_type() {
        "image/jpeg" => MediaType::Jpeg,
        "image/png" => MediaType::Png,
        "image/gif" => MediaType::Gif,
        "image/webp" => MediaType::Webp,
        "image/heif" => MediaType::Heif,
        "application/pdf" => MediaType::Pdf,
        "audio/m4a" => MediaType::M4a,
        "audio/aac" => MediaType::Aac,
        "audio/mpeg" => MediaType::Mp3,
        "audio/ogg" => MediaType::Ogg,
        "audio/x-wav" => MediaType::Wav,
        "video/mp4" => MediaType::Mp4,
        "video/quicktime" => MediaType::QuickTime,
        other => return Err(other.to_owned()),
    };
    Ok(media)
}

/// A photo's size as shown and its thumbnail.
#[derive(Debug)]
pub struct Thumbnail {
    pub width: u32,
    pub height: u32,
    /// JPEG bytes.
    pub jpeg: Vec<u8>,
}

/// Decodes the photo in `bytes` (of type `media`) within the limits above and makes its
/// thumbnail. `name` is for messages. Errors: [`AttachmentError::UnreadableImage`].
pub fn thumbnail(name: &str, media: MediaType, bytes: &[u8]) -> Result<Thumbnail, AttachmentError> {
    let bad = |detail: String| AttachmentError::UnreadableImage { name: name.to_owned(), detail };
    let format = match media {
        MediaType::Jpeg => image::ImageFormat::Jpeg,
        MediaType::Png => image::ImageFormat::Png,
        MediaType::Gif => image::ImageFormat::Gif,
        MediaType::Webp => image::ImageFormat::WebP,
        other => return Err(bad(format!("{} has no thumbnail", other.as_str()))),
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE_PX);
    limits.max_image_height = Some(MAX_IMAGE_SIDE_PX);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| bad(e.to_string()))?;
    // A photo whose orientation tag cannot be read is shown as stored.
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut photo = DynamicImage::from_decoder(decoder).map_err(|e| bad(e.to_string()))?;
    photo.apply_orientation(orientation);
    let (width, height) = (photo.width(), photo.height());
    let small = if width.max(height) > THUMBNAIL_PX { photo.thumbnail(THUMBNAIL_PX, THUMBNAIL_PX) } else { photo };
    let rgb = DynamicImage::ImageRgb8(small.into_rgb8());
    let mut jpeg = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, THUMBNAIL_QUALITY);
    rgb.write_with_encoder(encoder).map_err(|e| bad(format!("making its thumbnail: {e}")))?;
    Ok(Thumbnail { width, height, jpeg })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A PNG of `w`×`h` pixels with a gradient, made here.
    pub(crate) fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
        let mut out = Vec::new();
        DynamicImage::ImageRgb8(img).write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
        out
    }

    pub(crate) fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 256) as u8, 40, (y % 256) as u8]));
        let mut out = Vec::new();
        DynamicImage::ImageRgb8(img).write_to(&mut Cursor::new(&mut out), image::ImageFormat::Jpeg).unwrap();
        out
    }

    #[test]
    fn types_come_from_the_bytes() {
        assert_eq!(sniff(&png(2, 2)), Ok(MediaType::Png));
        assert_eq!(sniff(&jpeg(2, 2)), Ok(MediaType::Jpeg));
        assert_eq!(sniff(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), Ok(MediaType::Pdf));
        assert_eq!(sniff(b"RIFF\x24\0\0\0WAVEfmt "), Ok(MediaType::Wav));
        assert_eq!(sniff(b"ID3\x04\0\0\0\0\0\0"), Ok(MediaType::Mp3));
        assert_eq!(sniff(b"just some text, named photo.jpg"), Err("unknown".to_owned()));
        assert_eq!(sniff(b"PK\x03\x04\x14\0\0\0\0\0"), Err("application/zip".to_owned()));
    }

    #[test]
    fn a_thumbnail_is_small_and_keeps_the_shape() {
        let thumb = thumbnail("wide.png", MediaType::Png, &png(1200, 600)).unwrap();
        assert_eq!((thumb.width, thumb.height), (1200, 600), "the photo's own size");
        let small = image::load_from_memory(&thumb.jpeg).unwrap();
        assert_eq!((small.width(), small.height()), (THUMBNAIL_PX, THUMBNAIL_PX / 2));
        assert_eq!(sniff(&thumb.jpeg), Ok(MediaType::Jpeg));
    }

    #[test]
    fn a_photo_larger_than_the_limits_is_refused_not_decoded() {
        // A PNG header declaring 100,000 × 100,000 pixels over a few bytes of data.
        let mut bomb = png(1, 1);
        bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        let crc = crc32fast::hash(&bomb[12..29]);
        bomb[29..33].copy_from_slice(&crc.to_be_bytes());
        let err = thumbnail("bomb.png", MediaType::Png, &bomb).unwrap_err();
        assert!(matches!(err, AttachmentError::UnreadableImage { ref name, .. } if name == "bomb.png"), "{err:?}");
        let broken = thumbnail("cut.jpg", MediaType::Jpeg, &jpeg(64, 64)[..200]).unwrap_err();
        assert!(matches!(broken, AttachmentError::UnreadableImage { .. }), "{broken:?}");
    }
}
