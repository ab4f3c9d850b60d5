//! Turning garde's reports into field errors.

use kith_domain::Message;

use crate::{AppError, FieldError};

/// Runs garde validation; a failure becomes a 422 naming every field.
pub(crate) fn check<T: garde::Validate<Context = ()>>(input: &T) -> Result<(), AppError> {
    input.validate().map_err(|report| {
        AppError::Invalid(
            report
                .iter()
                .map(|(path, err)| FieldError::new(path.to_string(), garde_message(err.message())))
                .collect(),
        )
    })
}

/// Collects field errors; returns 422 with all of them if there are any.
#[derive(Debug, Default)]
pub(crate) struct Problems(Vec<FieldError>);

impl Problems {
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<Message>) {
        self.0.push(FieldError::new(field, message));
    }

    pub fn into_result(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self.0))
        }
    }
}

/// Whether an optional text is missing or only whitespace.
pub(crate) fn blank(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(|s| s.trim().is_empty())
}

/// An optional text trimmed, `None` when nothing is left.
pub(crate) fn trimmed(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// Adds a problem when an optional text is longer than `max` characters.
pub(crate) fn check_len(p: &mut Problems, field: &str, s: &Option<String>, max: usize) {
    if s.as_deref().is_some_and(|s| s.chars().count() > max) {
        p.add(field, max_chars(max));
    }
}

/// "At most `max` characters."
pub(crate) fn max_chars(max: usize) -> Message {
    Message::new("problem.max_chars").int("max", i64::try_from(max).unwrap_or(i64::MAX))
}

/// garde's report in the catalogue's words. garde says what broke as English text with the
/// bound in it ("length is lower than 1"); the bound is read back so the reader is told it.
/// Kith's own checks report a catalogue key.
fn garde_message(text: &str) -> Message {
    let bound = || {
        text.rsplit(' ')
            .next()
            .and_then(|n| n.parse::<i64>().ok())
            .unwrap_or(0)
    };
    if text.starts_with("problem.") {
        Message::new(text.to_owned())
    } else if text.starts_with("length is lower than") {
        match bound() {
            1 => Message::new("problem.required"),
            n => Message::new("problem.min_chars").int("min", n),
        }
    } else if text.starts_with("length is greater than") {
        Message::new("problem.max_chars").int("max", bound())
    } else if text.starts_with("greater than") {
        Message::new("problem.at_most").int("max", bound())
    } else if text.starts_with("lower than") {
        Message::new("problem.at_least").int("min", bound())
    } else if text.contains("pattern") {
        Message::new("problem.pattern")
    } else {
        tracing::warn!(garde = text, "a garde report without a catalogue text");
        Message::new("problem.invalid")
    }
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

/// garde's check for a name (of a person, an option, a need, a token): one line of visible
/// text, without control or bidirectional-override characters.
pub(crate) fn plain_name(value: &str, _: &()) -> garde::Result {
    if value.chars().any(is_hidden_char) {
        return Err(garde::Error::new("problem.hidden_chars"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_refuse_hidden_characters() {
        for bad in [
            "Ida\0",
            "Ida\nHansen",
            "\u{202E}nesnaH adI",
            "Ida\u{2066}",
            "I\u{200B}da",
        ] {
            assert!(plain_name(bad, &()).is_err(), "{bad:?}");
        }
        for good in ["Ida Hansen", "Åse Ørnebjerg-Ædel", "Zoë O'Brien", "محمد"] {
            assert!(plain_name(good, &()).is_ok(), "{good:?}");
        }
    }
}
