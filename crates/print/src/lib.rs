//! Documents a family can read: the child's plan, the note of a plan review, a visit summary,
//! the decision on a proposal. The words are written by the caller (from the catalogue, in the
//! reader's language); this crate only lays them out — as data a page template renders, and as
//! a PDF made in-process by typst, with its fonts embedded, so that nothing outside Kith (no
//! browser, no font on the host) decides what a family receives.

mod document;
mod pdf;

pub use document::{Block, Document, Fact, Section};
pub use pdf::{PrintError, pdf};
