//! A sheet: named columns and rows of cells, written as CSV or XLSX and read back from either.
//! Exports build one; imports read one.
//!
//! A sheet is written for people (in their language: headers and words from the catalogue,
//! Danish CSV as Danish Excel opens it: UTF-8 with a byte-order mark, `;` between fields, a
//! decimal comma, dates as `dd.mm.åååå`; XLSX with real dates and numbers) or, for
//! integrations, with codes: code headers, code values, ISO dates, `,` and `.`, which is also
//! what an import reads.

use chrono::NaiveDate;
use kith_domain::{Bilingual, Lang};

use crate::{AppError, Result};

/// One value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    /// A figure people read rounded to this many decimals (a percentage, a rate).
    Decimal(f64, u8),
    Date(NaiveDate),
    Bool(bool),
    /// A code from a vocabulary and its words: people read the words, programs the code.
    Word {
        code: String,
        words: Bilingual,
    },
    Empty,
}

/// A decimal number without thousands separators (which a spreadsheet could read as a
/// decimal mark): `1234,5` in Danish, `1234.5` in English.
fn plain_decimal(lang: Lang, n: f64, places: u8) -> String {
    let thousands = match lang {
        Lang::Da => '.',
        Lang::En => ',',
    };
    kith_text::format::decimal(lang, n, places).replace(thousands, "")
}

/// Who a sheet is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// People, in their language.
    People(Lang),
    /// Programs: codes, ISO dates, `.` decimals; what an import reads back.
    Codes,
}

impl Cell {
    /// The value as text (CSV; and how an imported cell is read).
    pub fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    format!("{}", *n as i64)
                } else {
                    n.to_string()
                }
            }
            Cell::Decimal(n, places) => format!("{n:.*}", usize::from(*places)),
            Cell::Date(d) => d.to_string(),
            Cell::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
            Cell::Word { code, .. } => code.clone(),
            Cell::Empty => String::new(),
        }
    }

    /// The value as a person reads it in `lang`: `96,2`, `10.12.2026`, `ja`, the words.
    pub fn text_for(&self, lang: Lang) -> String {
        use kith_text::format;
        match self {
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => plain_decimal(lang, *n, 2),
            Cell::Decimal(n, places) => plain_decimal(lang, *n, *places),
            Cell::Date(d) => format::date(lang, *d),
            Cell::Bool(b) => {
                kith_text::t(lang, if *b { "export.yes" } else { "export.no" }).to_owned()
            }
            Cell::Word { words, .. } => words.get(lang).to_owned(),
            other => other.text(),
        }
    }

    /// A code with its words from the catalogue key `area.code`.
    pub fn word(area: &str, code: &str) -> Cell {
        let key = format!("{area}.{code}");
        Cell::Word {
            code: code.to_owned(),
            words: Bilingual::new(kith_text::t(Lang::Da, &key), kith_text::t(Lang::En, &key)),
        }
    }

    /// A word by its catalogue key `area.code`, written as `code` for programs.
    pub fn key(key: &'static str) -> Cell {
        let code = key.split_once('.').map_or(key, |(_, c)| c);
        Cell::Word {
            code: code.to_owned(),
            words: Bilingual::new(kith_text::t(Lang::Da, key), kith_text::t(Lang::En, key)),
        }
    }

    /// Several codes with their words, as one cell: `barnet; plejefamilien`.
    pub fn words(items: Vec<(String, Bilingual)>) -> Cell {
        let codes: Vec<&str> = items.iter().map(|(c, _)| c.as_str()).collect();
        let da: Vec<&str> = items.iter().map(|(_, w)| w.da.as_str()).collect();
        let en: Vec<&str> = items.iter().map(|(_, w)| w.en.as_str()).collect();
        Cell::Word {
            code: codes.join("; "),
            words: Bilingual::new(da.join(", "), en.join(", ")),
        }
    }

    /// A vocabulary's value: its name for people, its code for programs.
    pub fn term<T: kith_text::Term>(value: T) -> Cell {
        Cell::Word {
            code: value.code().to_owned(),
            words: kith_text::both(value),
        }
    }
}

/// What a spreadsheet reads as the start of a formula in a text cell (OWASP's list for CSV
/// injection): `=`, `+`, `-`, `@`, a tab and a carriage return.
fn starts_a_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Whether a CSV field needs the leading `'`: it would start a formula, or it already starts
/// with `'` before such text (so reading it back strips exactly the quote written).
fn needs_guard(text: &str) -> bool {
    starts_a_formula(text) || text.strip_prefix('\'').is_some_and(needs_guard)
}

impl Cell {
    /// The value as a CSV field: text that a spreadsheet would run as a formula
    /// (`=HYPERLINK(…)` typed into a name) is written with a leading `'`, which Excel and
    /// LibreOffice show as text; [`read`] takes the quote off again.
    fn csv_text(&self, audience: Audience) -> String {
        match (self, audience) {
            (Cell::Text(s), _) if needs_guard(s) => format!("'{s}"),
            (other, Audience::People(lang)) => other.text_for(lang),
            (other, Audience::Codes) => other.text(),
        }
    }
}

/// A CSV field as it was before [`Cell::csv_text`] guarded it.
fn unguard(field: &str) -> String {
    match field.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest.to_owned(),
        _ => field.to_owned(),
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_owned())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}
impl From<i64> for Cell {
    fn from(n: i64) -> Self {
        Cell::Number(n as f64)
    }
}
impl From<f64> for Cell {
    fn from(n: f64) -> Self {
        Cell::Number(n)
    }
}
impl From<NaiveDate> for Cell {
    fn from(d: NaiveDate) -> Self {
        Cell::Date(d)
    }
}
impl From<bool> for Cell {
    fn from(b: bool) -> Self {
        Cell::Bool(b)
    }
}
impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Self {
        v.map_or(Cell::Empty, Into::into)
    }
}

/// A table with a header row.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The worksheet's name in an XLSX file.
    pub name: String,
    /// The columns as catalogue keys, `export_column.birth_date`: the code is the part after
    /// the dot, the header people read is the catalogue's text.
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

/// A column's code: `export_column.birth_date` is `birth_date`.
fn column_code(key: &str) -> &str {
    key.split_once('.').map_or(key, |(_, code)| code)
}

impl Sheet {
    /// An empty sheet with these columns.
    pub fn new(name: &str, columns: &[&'static str]) -> Self {
        Sheet {
            name: name.to_owned(),
            columns: columns.to_vec(),
            rows: Vec::new(),
        }
    }

    /// Adds a row (as many cells as columns).
    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    /// The column headers for `audience`.
    pub fn headers(&self, audience: Audience) -> Vec<String> {
        self.columns
            .iter()
            .map(|key| match audience {
                Audience::People(lang) => kith_text::t(lang, key).to_owned(),
                Audience::Codes => column_code(key).to_owned(),
            })
            .collect()
    }

    /// The sheet as CSV with a header row. For people in Danish: a byte-order mark, `;`
    /// between fields and a decimal comma, as Danish Excel opens a file without asking; for
    /// codes: plain UTF-8 and `,`.
    pub fn to_csv(&self, audience: Audience) -> Result<Vec<u8>> {
        let (bom, delimiter): (&[u8], u8) = match audience {
            Audience::People(Lang::Da) => (b"\xEF\xBB\xBF", b';'),
            Audience::People(Lang::En) => (b"\xEF\xBB\xBF", b','),
            Audience::Codes => (b"", b','),
        };
        let mut w = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .from_writer(bom.to_vec());
        w.write_record(self.headers(audience)).map_err(internal)?;
        for row in &self.rows {
            w.write_record(row.iter().map(|c| c.csv_text(audience)))
                .map_err(internal)?;
        }
        w.into_inner().map_err(|e| internal(e.to_string()))
    }

    /// The sheet as an XLSX workbook: real dates and numbers with formats, a bold, frozen
    /// header and columns as wide as their contents. Written for people, a second worksheet
    /// holds the same rows with codes, for whoever needs them.
    pub fn to_xlsx(&self, audience: Audience) -> Result<Vec<u8>> {
        let mut book = rust_xlsxwriter::Workbook::new();
        self.add_worksheet(&mut book, audience)?;
        if let Audience::People(_) = audience {
            self.add_worksheet(&mut book, Audience::Codes)?;
        }
        book.save_to_buffer().map_err(internal)
    }

    fn add_worksheet(
        &self,
        book: &mut rust_xlsxwriter::Workbook,
        audience: Audience,
    ) -> Result<()> {
        use rust_xlsxwriter::{ExcelDateTime, Format};
        let bold = Format::new().set_bold();
        let (date_format, sheet_name) = match audience {
            Audience::People(lang) => (
                match lang {
                    Lang::Da => "dd.mm.yyyy",
                    Lang::En => "d mmm yyyy",
                },
                kith_text::t(lang, &format!("export_sheet.{}", self.name)).to_owned(),
            ),
            Audience::Codes => ("yyyy-mm-dd", format!("{}-codes", self.name)),
        };
        let date = Format::new().set_num_format(date_format);
        let ws = book.add_worksheet();
        ws.set_name(&sheet_name).map_err(internal)?;
        for (c, name) in self.headers(audience).iter().enumerate() {
            ws.write_string_with_format(0, col(c), name, &bold)
                .map_err(internal)?;
        }
        ws.set_freeze_panes(1, 0).map_err(internal)?;
        for (r, row) in self.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(internal)?;
            for (c, cell) in row.iter().enumerate() {
                match (cell, audience) {
                    (Cell::Number(n), _) => ws.write_number(r, col(c), *n).map(|_| ()),
                    (Cell::Decimal(n, places), _) => {
                        let f = Format::new()
                            .set_num_format(format!("0.{}", "0".repeat(usize::from(*places))));
                        let rounded = format!("{n:.*}", usize::from(*places))
                            .parse()
                            .unwrap_or(*n);
                        ws.write_number_with_format(r, col(c), rounded, &f)
                            .map(|_| ())
                    }
                    (Cell::Date(d), Audience::Codes) => {
                        ws.write_string(r, col(c), d.to_string()).map(|_| ())
                    }
                    (Cell::Date(d), Audience::People(_)) => {
                        let when = ExcelDateTime::from_ymd(
                            u16::try_from(chrono::Datelike::year(d)).map_err(internal)?,
                            u8::try_from(chrono::Datelike::month(d)).map_err(internal)?,
                            u8::try_from(chrono::Datelike::day(d)).map_err(internal)?,
                        )
                        .map_err(internal)?;
                        ws.write_datetime_with_format(r, col(c), &when, &date)
                            .map(|_| ())
                    }
                    (Cell::Bool(b), Audience::Codes) => ws.write_boolean(r, col(c), *b).map(|_| ()),
                    (Cell::Empty, _) => Ok(()),
                    (other, Audience::People(lang)) => {
                        ws.write_string(r, col(c), other.text_for(lang)).map(|_| ())
                    }
                    (other, Audience::Codes) => {
                        ws.write_string(r, col(c), other.text()).map(|_| ())
                    }
                }
                .map_err(internal)?;
            }
        }
        ws.autofit();
        Ok(())
    }
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::internal(format!("writing a sheet: {e}"))
}

/// The most rows and columns an imported worksheet may reach: a worksheet only says where its
/// cells are, and a cell at `XFD1048576` would otherwise make a grid of 17 billion.
pub const MAX_ROWS: u32 = 20_000;
/// See [`MAX_ROWS`].
pub const MAX_COLUMNS: u32 = 200;

/// The first worksheet's cells as rows of text, read cell by cell (never as one grid of the
/// worksheet's declared size); a cell beyond [`MAX_ROWS`] or [`MAX_COLUMNS`] refuses the file.
fn xlsx_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>> {
    use calamine::{Data, Reader, Xlsx};
    let bad = |key: &'static str| AppError::invalid("file", key);
    let mut book: Xlsx<_> =
        Xlsx::new(std::io::Cursor::new(bytes)).map_err(|_| bad("problem.xlsx_unreadable"))?;
    let first = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| bad("problem.xlsx_no_sheet"))?;
    let mut cells = book
        .worksheet_cells_reader(&first)
        .map_err(|_| bad("problem.xlsx_unreadable"))?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    while let Some(cell) = cells
        .next_cell()
        .map_err(|_| bad("problem.xlsx_unreadable"))?
    {
        let (row, column) = cell.get_position();
        if row >= MAX_ROWS || column >= MAX_COLUMNS {
            return Err(AppError::invalid(
                "file",
                kith_domain::Message::new("problem.sheet_too_big")
                    .int("rows", MAX_ROWS)
                    .int("columns", MAX_COLUMNS),
            ));
        }
        let text = match Data::from(cell.get_value().clone()) {
            Data::Empty => String::new(),
            Data::String(s) => s,
            Data::Float(f) => Cell::Number(f).text(),
            Data::Int(i) => i.to_string(),
            Data::Bool(b) => Cell::Bool(b).text(),
            other => other.to_string(),
        };
        let (row, column) = (row as usize, column as usize);
        if rows.len() <= row {
            rows.resize_with(row + 1, Vec::new);
        }
        let cells_of_row = &mut rows[row];
        if cells_of_row.len() <= column {
            cells_of_row.resize(column + 1, String::new());
        }
        cells_of_row[column] = text;
    }
    Ok(rows)
}

/// A file read for import: the lower-cased header, and each non-blank row with its number.
pub type ReadFile = (Vec<String>, Vec<(usize, Vec<String>)>);

/// A file's rows as text cells under their header, read from CSV or XLSX (told apart by the
/// ZIP signature XLSX files start with). Blank rows are skipped; row numbers count the header
/// as row 1, as a spreadsheet does.
pub fn read(bytes: &[u8]) -> Result<ReadFile> {
    let bad = |key: &'static str| AppError::invalid("file", key);
    let mut rows: Vec<Vec<String>> = if bytes.starts_with(b"PK\x03\x04") {
        xlsx_rows(bytes)?
    } else {
        let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
            .map_err(|_| bad("problem.csv_utf8"))?;
        let delimiter = if text
            .lines()
            .next()
            .is_some_and(|h| h.contains(';') && !h.contains(','))
        {
            b';'
        } else {
            b','
        };
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        let mut out = Vec::new();
        for rec in r.records() {
            let rec = rec.map_err(|_| bad("problem.csv_unreadable"))?;
            out.push(rec.iter().map(unguard).collect());
        }
        out
    };
    if rows.is_empty() {
        return Err(bad("problem.file_empty"));
    }
    let header: Vec<String> = rows
        .remove(0)
        .into_iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let body = rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| (i + 2, r))
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        .collect();
    Ok((header, body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever a user uploads, reading it answers (a problem or the rows), never panics.
        #[test]
        fn reading_any_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let _ = read(&bytes);
        }

        /// Also when the bytes look like a workbook (the ZIP signature) but are not one.
        #[test]
        fn reading_a_broken_workbook_never_panics(tail in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let mut bytes = b"PK\x03\x04".to_vec();
            bytes.extend(tail);
            let _ = read(&bytes);
        }

        /// Text written as CSV reads back as the same cells (quotes, commas, new lines, Danish
        /// letters), under a lower-cased header.
        #[test]
        fn csv_round_trips(rows in proptest::collection::vec(
            proptest::collection::vec(r#"['=+@\-]?[a-zA-Z0-9æøåÆØÅ ,;"\n=+@-]{0,12}"#, 2),
            1..20,
        )) {
            let mut sheet = Sheet::new("t", &["first", "second"]);
            for r in &rows {
                sheet.push(r.iter().map(|c| Cell::Text(c.clone())).collect());
            }
            let (header, body) = read(&sheet.to_csv(Audience::Codes).unwrap()).unwrap();
            prop_assert_eq!(header, vec!["first".to_owned(), "second".to_owned()]);
            let expected: Vec<Vec<String>> = rows
                .into_iter()
                .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
                .collect();
            let got: Vec<Vec<String>> = body.into_iter().map(|(_, r)| r).collect();
            prop_assert_eq!(got, expected);
        }
    }

    #[test]
    fn a_cell_far_out_refuses_the_workbook_without_building_its_grid() {
        use rust_xlsxwriter::Workbook;
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        ws.write_string(0, 0, "name").unwrap();
        // The last cell a worksheet can have: as a grid, 17 billion cells.
        ws.write_string(1_048_575, 16_383, "x").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let e = read(&bytes).unwrap_err();
        assert!(matches!(e, AppError::Invalid(_)), "{e:?}");
    }

    #[test]
    fn no_csv_field_starts_a_formula() {
        let mut sheet = Sheet::new("t", &["name", "places"]);
        for evil in [
            "=HYPERLINK(\"http://evil.example\",\"Klik\")",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            sheet.push(vec![evil.into(), (-2_i64).into()]);
        }
        let csv = String::from_utf8(sheet.to_csv(Audience::Codes).unwrap()).unwrap();
        let mut r = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
        for rec in r.records() {
            let rec = rec.unwrap();
            let name = rec.get(0).unwrap();
            assert!(name.starts_with('\''), "{name:?} starts a formula");
            // A number is a number, not text: -2 stays -2.
            assert_eq!(rec.get(1), Some("-2"));
        }
    }

    #[test]
    fn a_workbook_reads_back_as_written() {
        let mut sheet = Sheet::new("t", &["name", "born", "places", "ok"]);
        sheet.push(vec![
            "Ida".into(),
            NaiveDate::from_ymd_opt(2014, 3, 15).unwrap().into(),
            2_i64.into(),
            true.into(),
        ]);
        let (header, body) = read(&sheet.to_xlsx(Audience::Codes).unwrap()).unwrap();
        assert_eq!(header, ["name", "born", "places", "ok"]);
        assert_eq!(
            body,
            [(
                2,
                vec![
                    "Ida".to_owned(),
                    "2014-03-15".into(),
                    "2".into(),
                    "yes".into()
                ]
            )]
        );
    }
}
