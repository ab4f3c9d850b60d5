//! A sheet: named columns and rows of cells, written as CSV or XLSX and read back from either.
//! Exports build one; imports read one. Dates are written as ISO text (`2026-11-16`) so a CSV
//! and an XLSX of the same data hold the same values, and a spreadsheet user sees the date.

use chrono::NaiveDate;

use crate::{AppError, Result};

/// One value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Bool(bool),
    Empty,
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
            Cell::Date(d) => d.to_string(),
            Cell::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
            Cell::Empty => String::new(),
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
    fn csv_text(&self) -> String {
        match self {
            Cell::Text(s) if needs_guard(s) => format!("'{s}"),
            other => other.text(),
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
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
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

    /// The sheet as CSV (UTF-8, comma-separated, a header row).
    pub fn to_csv(&self) -> Result<Vec<u8>> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&self.columns).map_err(internal)?;
        for row in &self.rows {
            w.write_record(row.iter().map(Cell::csv_text))
                .map_err(internal)?;
        }
        w.into_inner().map_err(|e| internal(e.to_string()))
    }

    /// The sheet as an XLSX workbook with one worksheet.
    pub fn to_xlsx(&self) -> Result<Vec<u8>> {
        use rust_xlsxwriter::{Format, Workbook};
        let mut book = Workbook::new();
        let bold = Format::new().set_bold();
        let ws = book.add_worksheet();
        ws.set_name(&self.name).map_err(internal)?;
        for (c, name) in self.columns.iter().enumerate() {
            ws.write_string_with_format(0, col(c), *name, &bold)
                .map_err(internal)?;
        }
        for (r, row) in self.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(internal)?;
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    Cell::Number(n) => ws.write_number(r, col(c), *n).map(|_| ()),
                    Cell::Bool(b) => ws.write_boolean(r, col(c), *b).map(|_| ()),
                    Cell::Empty => Ok(()),
                    other => ws.write_string(r, col(c), other.text()).map(|_| ()),
                }
                .map_err(internal)?;
            }
        }
        book.save_to_buffer().map_err(internal)
    }
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("writing a sheet: {e}"))
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
    let bad = |m: String| AppError::invalid("file", m);
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|e| bad(format!("not a readable XLSX workbook: {e}")))?;
    let first = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| bad("the workbook has no worksheet".into()))?;
    let mut cells = book
        .worksheet_cells_reader(&first)
        .map_err(|e| bad(format!("cannot read the first worksheet: {e}")))?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    while let Some(cell) = cells
        .next_cell()
        .map_err(|e| bad(format!("cannot read the first worksheet: {e}")))?
    {
        let (row, column) = cell.get_position();
        if row >= MAX_ROWS || column >= MAX_COLUMNS {
            return Err(bad(format!(
                "the worksheet reaches beyond {MAX_ROWS} rows or {MAX_COLUMNS} columns; \
                 import it in parts"
            )));
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
    let bad = |m: String| AppError::invalid("file", m);
    let mut rows: Vec<Vec<String>> = if bytes.starts_with(b"PK\x03\x04") {
        xlsx_rows(bytes)?
    } else {
        let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
            .map_err(|_| bad("a CSV file must be UTF-8".into()))?;
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
            let rec = rec.map_err(|e| bad(format!("not readable as CSV: {e}")))?;
            out.push(rec.iter().map(unguard).collect());
        }
        out
    };
    if rows.is_empty() {
        return Err(bad("the file is empty: it needs a header row".into()));
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
            let (header, body) = read(&sheet.to_csv().unwrap()).unwrap();
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
        let csv = String::from_utf8(sheet.to_csv().unwrap()).unwrap();
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
        let (header, body) = read(&sheet.to_xlsx().unwrap()).unwrap();
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
