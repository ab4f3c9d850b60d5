//! The pages' texts come from the one catalogue in `kith-text`; this is its door for them.

pub use kith_text::{has, t};
