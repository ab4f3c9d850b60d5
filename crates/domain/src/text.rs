//! What the domain says to a person, as a catalogue key and its values, never as a sentence:
//! the words live in one Danish and English catalogue (`kith-text`), so a rule that explains
//! itself names the explanation and the values it rests on, and the catalogue says it in the
//! reader's language, with their number and date formats.

use std::borrow::Cow;

use chrono::NaiveDate;

/// A value put into a catalogue text.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// A whole number, also the count a plural is chosen by.
    Int(i64),
    /// A number shown with this many decimals (a score, a distance).
    Decimal(f64, u8),
    /// A date, shown as the reader writes dates.
    Date(NaiveDate),
    /// A text typed by a person (a name), shown as it is.
    Text(String),
    /// Another catalogue text (a term such as a need's level), shown in the reader's language.
    Key(Cow<'static, str>),
    /// A text the domain wrote in both languages (a matching reason), shown in the reader's.
    Both(crate::Bilingual),
}

/// A catalogue key with the values its text needs, e.g. `problem.max_chars` with `max = 300`.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// The catalogue key: `area.name`.
    pub key: Cow<'static, str>,
    /// The named values the text inserts.
    pub args: Vec<(&'static str, Arg)>,
}

impl Message {
    /// A text without values.
    pub fn new(key: impl Into<Cow<'static, str>>) -> Self {
        Self {
            key: key.into(),
            args: Vec::new(),
        }
    }

    /// Adds a whole number.
    pub fn int(mut self, name: &'static str, value: impl Into<i64>) -> Self {
        self.args.push((name, Arg::Int(value.into())));
        self
    }

    /// Adds a number shown with `places` decimals.
    pub fn decimal(mut self, name: &'static str, value: f64, places: u8) -> Self {
        self.args.push((name, Arg::Decimal(value, places)));
        self
    }

    /// Adds a date.
    pub fn date(mut self, name: &'static str, value: NaiveDate) -> Self {
        self.args.push((name, Arg::Date(value)));
        self
    }

    /// Adds a text shown as typed.
    pub fn text(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, Arg::Text(value.into())));
        self
    }

    /// Adds a text written in both languages.
    pub fn both(mut self, name: &'static str, value: crate::Bilingual) -> Self {
        self.args.push((name, Arg::Both(value)));
        self
    }

    /// Adds another catalogue text, by key.
    pub fn key(mut self, name: &'static str, key: impl Into<Cow<'static, str>>) -> Self {
        self.args.push((name, Arg::Key(key.into())));
        self
    }
}

impl From<&'static str> for Message {
    /// A bare key: `"problem.required".into()`.
    fn from(key: &'static str) -> Self {
        Message::new(key)
    }
}
