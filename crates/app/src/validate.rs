//! Kith's one validation style: an input checks its own fields into a [`Problems`] collector,
//! and a use case adds the checks that need the database to the same collector, so one 422
//! names every field that is wrong at once.
//!
//! Why not garde: its reports are English sentences ("length is lower than 1") that had to be
//! read back into catalogue keys, it cannot see the database (does this need code exist, is
//! this consultant active), and half of the rules were cross-field ones written by hand anyway.
//! Here every rule gives a catalogue key with its bound, in the order the fields are declared.

use kith_domain::Message;

use crate::{AppError, FieldError};

/// An input that checks its own fields (lengths, ranges, visible text) before anything is read.
pub(crate) trait Check {
    /// Adds a problem for each field that is wrong.
    fn check(&self, p: &mut Problems);
}

/// Runs an input's own checks; a failure becomes a 422 naming every field.
pub(crate) fn check<T: Check>(input: &T) -> Result<(), AppError> {
    Problems::of(input).into_result()
}

/// Collects field errors; returns 422 with all of them if there are any.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    errors: Vec<FieldError>,
    /// Prepended to each field while a nested input checks itself (`school.`).
    prefix: String,
}

impl Problems {
    /// The problems an input finds in itself, for a use case to add its own to.
    pub fn of<T: Check>(input: &T) -> Self {
        let mut p = Self::default();
        input.check(&mut p);
        p
    }

    pub fn add(&mut self, field: impl Into<String>, message: impl Into<Message>) {
        let field = field.into();
        let field = if self.prefix.is_empty() {
            field
        } else {
            format!("{}{field}", self.prefix)
        };
        self.errors.push(FieldError::new(field, message));
    }

    pub fn into_result(self) -> Result<(), AppError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self.errors))
        }
    }

    /// A nested input's own checks, its fields named under `field` (`school.address`).
    pub fn nested<T: Check>(&mut self, field: &str, input: Option<&T>) {
        let Some(input) = input else { return };
        let outer = std::mem::take(&mut self.prefix);
        self.prefix = format!("{outer}{field}.");
        input.check(self);
        self.prefix = outer;
    }

    /// A text that must be filled in (not only spaces), of at most `max` characters.
    pub fn required(&mut self, field: &str, value: &str, max: usize) {
        self.required_because(field, value, max, "problem.required");
    }

    /// A text that must be filled in, where the empty field says what to write (`missing`:
    /// "Skriv, hvorfor besøget flyttes."), of at most `max` characters.
    pub fn required_because(
        &mut self,
        field: &str,
        value: &str,
        max: usize,
        missing: &'static str,
    ) {
        if value.trim().is_empty() {
            self.add(field, missing);
        } else {
            self.at_most_chars(field, value, max);
        }
    }

    /// A text that may be empty, of at most `max` characters.
    pub fn at_most_chars(&mut self, field: &str, value: &str, max: usize) {
        if value.chars().count() > max {
            self.add(field, max_chars(max));
        }
    }

    /// A name (of a person, an option, a need, a token): filled in, at most `max` characters,
    /// one line of visible text.
    pub fn name(&mut self, field: &str, value: &str, max: usize) {
        if value.trim().is_empty() {
            self.add(field, "problem.required");
        } else if value.chars().count() > max {
            self.add(field, max_chars(max));
        } else if value.chars().any(is_hidden_char) {
            self.add(field, "problem.hidden_chars");
        }
    }

    /// A whole number from `min` to `max`.
    pub fn between(&mut self, field: &str, value: i64, min: i64, max: i64) {
        if value < min {
            self.add(field, Message::new("problem.at_least").int("min", min));
        } else if value > max {
            self.add(field, Message::new("problem.at_most").int("max", max));
        }
    }

    /// A list that must name at least one thing.
    pub fn not_empty<T>(&mut self, field: &str, list: &[T]) {
        if list.is_empty() {
            self.add(field, "problem.required");
        }
    }

    /// Language codes (ISO 639, two or three small letters), at most ten; each wrong one is
    /// named by its place (`languages[1]`).
    pub fn language_codes(&mut self, field: &str, codes: &[String]) {
        if codes.len() > MAX_LANGUAGES {
            self.add(
                field,
                Message::new("problem.max_items").int("max", MAX_LANGUAGES as i64),
            );
        }
        for (i, code) in codes.iter().enumerate() {
            let letters = code.chars().all(|c| c.is_ascii_lowercase());
            if !(2..=3).contains(&code.len()) || !letters {
                self.add(format!("{field}[{i}]"), "problem.pattern");
            }
        }
    }
}

/// A period asked for (of a list or a figure): `from` not after `to`, and not longer than
/// the domain's most years.
pub(crate) fn period(from: chrono::NaiveDate, to: chrono::NaiveDate) -> Result<(), AppError> {
    use kith_domain::dates::{MAX_PERIOD_YEARS, PeriodError, check_period};
    match check_period(from, to) {
        Ok(()) => Ok(()),
        Err(PeriodError::Reversed) => Err(AppError::invalid("from", "problem.from_after_to")),
        Err(PeriodError::TooLong) => {
            let years = i64::from(MAX_PERIOD_YEARS);
            let message = Message::new("problem.period_years").int("years", years);
            Err(AppError::invalid("from", message))
        }
    }
}

/// How many languages a child or a home may list.
const MAX_LANGUAGES: usize = 10;

/// An optional text trimmed, `None` when nothing is left.
pub(crate) fn trimmed(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// "At most `max` characters."
fn max_chars(max: usize) -> Message {
    Message::new("problem.max_chars").int("max", i64::try_from(max).unwrap_or(i64::MAX))
}

/// Whether a character hides or reorders what is shown: a control character (NUL, a new
/// line, an escape) or a bidirectional override or isolate (U+202A-U+202E, U+2066-U+2069,
/// U+200E/U+200F, U+061C) and the invisible joiners, which can make a name read differently
/// from what it is ("Trojan Source").
pub(crate) fn is_hidden_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(p: Problems) -> Vec<(String, String)> {
        p.errors
            .into_iter()
            .map(|e| (e.field.clone(), e.message.key.to_string()))
            .collect()
    }

    #[test]
    fn names_refuse_hidden_characters() {
        for bad in [
            "Ida\0",
            "Ida\nHansen",
            "\u{202E}nesnaH adI",
            "Ida\u{2066}",
            "I\u{200B}da",
        ] {
            let mut p = Problems::default();
            p.name("name", bad, 200);
            assert_eq!(
                fields(p),
                [("name".into(), "problem.hidden_chars".into())],
                "{bad:?}"
            );
        }
        for good in ["Ida Hansen", "Åse Ørnebjerg-Ædel", "Zoë O'Brien", "محمد"] {
            let mut p = Problems::default();
            p.name("name", good, 200);
            assert!(p.errors.is_empty(), "{good:?}");
        }
    }

    #[test]
    fn a_blank_text_is_missing_and_a_long_one_names_its_limit() {
        let mut p = Problems::default();
        p.required("a", "   ", 5);
        p.required("b", "ÆØÅæøå", 5);
        p.required("c", "ÆØÅæø", 5);
        p.at_most_chars("d", "", 5);
        let errors = p.errors;
        assert_eq!(errors.len(), 2);
        assert_eq!(
            (errors[0].field.as_str(), &*errors[0].message.key),
            ("a", "problem.required")
        );
        assert_eq!(
            (errors[1].field.as_str(), &*errors[1].message.key),
            ("b", "problem.max_chars")
        );
    }

    #[test]
    fn numbers_outside_their_range_name_the_bound_they_crossed() {
        let mut p = Problems::default();
        p.between("low", 0, 1, 10);
        p.between("high", 11, 1, 10);
        p.between("edge", 10, 1, 10);
        assert_eq!(
            fields(p),
            [
                ("low".into(), "problem.at_least".into()),
                ("high".into(), "problem.at_most".into())
            ]
        );
    }

    struct Inner(String);
    impl Check for Inner {
        fn check(&self, p: &mut Problems) {
            p.required("address", &self.0, 10);
        }
    }

    #[test]
    fn a_nested_input_is_named_under_its_field_and_languages_by_their_place() {
        let mut p = Problems::default();
        p.nested("school", Some(&Inner(String::new())));
        p.nested("home", None::<&Inner>);
        p.language_codes("languages", &["da".into(), "DA".into(), "dansk".into()]);
        p.add("after", "problem.invalid");
        assert_eq!(
            fields(p),
            [
                ("school.address".into(), "problem.required".into()),
                ("languages[1]".into(), "problem.pattern".into()),
                ("languages[2]".into(), "problem.pattern".into()),
                ("after".into(), "problem.invalid".into()),
            ]
        );
    }
}
