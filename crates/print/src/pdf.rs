//! The PDF: typst compiles one fixed layout (`document.typ`) over the document's data as JSON,
//! with only the fonts typst embeds, no files and no packages from outside.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDateTime, Timelike};
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime};
use typst::layout::PagedDocument;
use typst::syntax::{FileId, Source, VirtualPath};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::Document;

/// The layout every document shares.
const LAYOUT: &str = include_str!("document.typ");

/// Why a document could not be made. Never a person's mistake: the layout or the data broke.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("the document's data could not be written: {0}")]
    Data(#[from] serde_json::Error),
    #[error("the layout failed: {0}")]
    Layout(String),
}

/// The standard library and the embedded fonts, loaded once per process.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    Shared {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

/// One compilation: the layout as the main file and the data as `/data.json`.
struct OneDocument {
    main: Source,
    data: Bytes,
    today: NaiveDateTime,
}

impl OneDocument {
    fn data_id() -> FileId {
        FileId::new(None, VirtualPath::new("/data.json"))
    }
}

impl World for OneDocument {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == Self::data_id() {
            Ok(self.data.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        let d = self.today.date();
        Datetime::from_ymd(d.year(), d.month() as u8, d.day() as u8)
    }
}

/// The document as a PDF, dated `made_at` (UTC): the same document and time give the same
/// bytes. Slow (tens of milliseconds and more): call it off the async threads.
pub fn pdf(document: &Document, made_at: NaiveDateTime) -> Result<Vec<u8>, PrintError> {
    let world = OneDocument {
        main: Source::new(
            FileId::new(None, VirtualPath::new("/document.typ")),
            LAYOUT.to_owned(),
        ),
        data: Bytes::new(serde_json::to_vec(document)?),
        today: made_at,
    };
    let compiled = typst::compile::<PagedDocument>(&world).output;
    let paged = compiled.map_err(|e| PrintError::Layout(said(&e)))?;
    let stamp = Datetime::from_ymd_hms(
        made_at.year(),
        made_at.month() as u8,
        made_at.day() as u8,
        made_at.hour() as u8,
        made_at.minute() as u8,
        made_at.second() as u8,
    )
    .map(typst_pdf::Timestamp::new_utc);
    let options = typst_pdf::PdfOptions {
        timestamp: stamp,
        ..Default::default()
    };
    let bytes = typst_pdf::pdf(&paged, &options).map_err(|e| PrintError::Layout(said(&e)))?;
    // Memoised layouts of earlier documents are of no use to the next one: keep memory flat.
    typst::comemo::evict(10);
    Ok(bytes)
}

fn said(diagnostics: &[SourceDiagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| d.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Block, Fact, Section};

    fn sample() -> Document {
        Document {
            lang: "da".into(),
            title: "Barnets plan".into(),
            facts: vec![Fact {
                label: "Barn".into(),
                value: "Åse Ørbæk".into(),
            }],
            sections: vec![Section {
                heading: "Mål".into(),
                blocks: vec![
                    // Typed by a person: must come out as written, not as markup.
                    Block::Text {
                        text: "= #set page(paper: \"a6\") *ikke fed* $x$ \\ \"citat\"".into(),
                    },
                    Block::List {
                        items: vec!["Går i skole hver dag".into()],
                    },
                    Block::Table {
                        headers: vec!["Dato".into(), "Hvad".into()],
                        rows: vec![vec!["1. december 2026".into(), "Besøg".into()]],
                    },
                ],
            }],
            footer: "Lavet i Kith 1. december 2026".into(),
        }
    }

    #[test]
    fn a_document_becomes_a_pdf_and_the_same_input_gives_the_same_bytes() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap();
        let a = pdf(&sample(), at).expect("made");
        assert!(a.starts_with(b"%PDF-"), "a PDF");
        let b = pdf(&sample(), at).expect("made again");
        assert_eq!(a, b, "reproducible");
    }
}
