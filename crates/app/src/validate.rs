//! Turning garde's reports into field errors.

use crate::{AppError, FieldError};

/// Runs garde validation; a failure becomes a 422 naming every field.
pub(crate) fn check<T: garde::Validate<Context = ()>>(input: &T) -> Result<(), AppError> {
    input.validate().map_err(|report| {
        AppError::Invalid(
            report
                .iter()
                .map(|(path, err)| FieldError::new(path.to_string(), err.message().to_string()))
                .collect(),
        )
    })
}

/// Collects field errors; returns 422 with all of them if there are any.
#[derive(Debug, Default)]
pub(crate) struct Problems(Vec<FieldError>);

impl Problems {
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
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
        p.add(field, format!("at most {max} characters"));
    }
}
