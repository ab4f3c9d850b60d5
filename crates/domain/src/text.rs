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
    /// An entry of the needs vocabulary, named in the reader's language. Its words are data an
    /// administrator keeps, not catalogue text, so the caller who renders supplies them.
    Need(crate::NeedCode),
    /// A name kept as data in both languages (a need's label, looked up for a message that
    /// travels to where the needs vocabulary is not at hand, such as a form error).
    Named(crate::Bilingual),
    /// A language by its ISO 639-1 code, named in the reader's language ("arabisk").
    Language(String),
    /// Several values, listed as the reader lists them: "arabisk, dansk".
    List(Vec<Arg>),
    /// Several texts that together make one: "12,0 km til forældrene; 3,0 km til netværket",
    /// joined by semicolons and begun with a capital letter.
    Clauses(Vec<Message>),
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

    /// Adds an entry of the needs vocabulary.
    pub fn need(mut self, name: &'static str, code: crate::NeedCode) -> Self {
        self.args.push((name, Arg::Need(code)));
        self
    }

    /// Adds a list of values.
    pub fn list(mut self, name: &'static str, items: Vec<Arg>) -> Self {
        self.args.push((name, Arg::List(items)));
        self
    }

    /// Adds texts that together make one.
    pub fn clauses(mut self, name: &'static str, clauses: Vec<Message>) -> Self {
        self.args.push((name, Arg::Clauses(clauses)));
        self
    }

    /// The value named `name`, for tests and for callers that look into a reason.
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, a)| a)
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
