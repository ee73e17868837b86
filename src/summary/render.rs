//! Typesetting with Typst, as a library, in memory: a template compiled into the binary, the
//! data beside it as a virtual JSON file, and the shipped fonts. No file is read or written, no
//! package is fetched, and nothing the person wrote is ever parsed as Typst.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use super::SummaryError;
use super::fonts;

/// Typst's standard library, built once.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::builder().build()));

/// One compilation: the template, its data file and the fonts.
struct Job {
    main: Source,
    data_id: FileId,
    data: Bytes,
    /// Photos, by their path in the job.
    images: Vec<(FileId, Bytes)>,
    fonts: FontStore,
}

impl World for Job {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() { Ok(self.main.clone()) } else { Err(not_found(id)) }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            return Ok(self.data.clone());
        }
        self.images.iter().find(|(image, _)| *image == id).map(|(_, bytes)| bytes.clone()).ok_or_else(|| not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    /// The templates never ask for today: the date they show comes with the data.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.get().vpath().get_without_slash().into())
}

fn file_id(path: &str) -> Result<FileId, SummaryError> {
    let vpath = VirtualPath::new(path).map_err(|e| SummaryError::Typeset { detail: format!("{path}: {e:?}") })?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// Typesets `template` with `data` (JSON) served at `data_path`, dated `day`, into PDF bytes.
pub(crate) fn pdf(template: &str, data_path: &str, data: Vec<u8>, day: NaiveDate) -> Result<Vec<u8>, SummaryError> {
    pdf_with(template, data_path, data, day, Vec::new())
}

/// [`pdf`], with `images` (path, bytes) the template may show.
pub(crate) fn pdf_with(
    template: &str,
    data_path: &str,
    data: Vec<u8>,
    day: NaiveDate,
    images: Vec<(String, Vec<u8>)>,
) -> Result<Vec<u8>, SummaryError> {
    let text = String::from_utf8_lossy(&data).into_owned();
    let images = images
        .into_iter()
        .map(|(path, bytes)| Ok((file_id(&path)?, Bytes::new(bytes))))
        .collect::<Result<_, SummaryError>>()?;
    let job = Job {
        main: Source::new(file_id("/main.typ")?, template.to_owned()),
        data_id: file_id(data_path)?,
        data: Bytes::new(data),
        images,
        fonts: fonts::store_for(&text),
    };
    let compiled = typst::compile::<PagedDocument>(&job).output;
    let document = compiled.map_err(|errors| typeset_error(&errors))?;
    let date =
        Datetime::from_ymd(day.year(), u8::try_from(day.month()).unwrap_or(1), u8::try_from(day.day()).unwrap_or(1));
    let options = PdfOptions {
        ident: Smart::Custom(format!("attune-{data_path}")),
        timestamp: date.map(Timestamp::new_utc),
        ..PdfOptions::default()
    };
    let bytes = typst_pdf::pdf(&document, &options).map_err(|errors| typeset_error(&errors))?;
    // Typst memoises layout across compilations; keep that cache small in a long-running app.
    typst::comemo::evict(10);
    Ok(bytes)
}

fn typeset_error(errors: &[SourceDiagnostic]) -> SummaryError {
    let detail = errors.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; ");
    SummaryError::Typeset { detail }
}
