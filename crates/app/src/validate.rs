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
