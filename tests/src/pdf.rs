//! A PDF's text as a reader's program extracts it: `pdftotext` from poppler-utils, a tool
//! independent of the library that made the PDF (`cargo xtask test` installs it).

use std::process::Command;

/// The text of `pdf`, page by page, line by line as laid out (a label beside its value), with runs of white space made one space
/// (a line break in a table cell is not a change of words).
pub fn text(pdf: &[u8]) -> String {
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let file = tempfile::NamedTempFile::new().expect("a temporary file");
    std::fs::write(file.path(), pdf).expect("the PDF written");
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(file.path())
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(out.status.success(), "pdftotext read the file");
    let text = String::from_utf8(out.stdout).expect("UTF-8 text");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
