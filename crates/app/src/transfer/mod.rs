//! Moving records in and out of Kith: exports of what a user may read (CSV and XLSX, audited)
//! and imports of placement options and children with a dry run.

pub mod export;
pub mod import;
pub mod sheet;

pub use export::{ExportFile, ExportFormat, ExportKind, export};
pub use import::{ImportKind, ImportReport, RowProblem, import};
