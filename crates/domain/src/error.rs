//! The domain's one error type: why a value could not be parsed or a rule refused it.

use thiserror::Error;

use crate::Message;

/// Why a value is not acceptable to the domain. Messages are safe to show to a user: they
/// never echo a CPR number or other personal data back.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DomainError {
    /// A code outside a closed vocabulary (a kind, a status, a level).
    #[error("unknown {vocabulary} '{code}'; expected one of: {allowed}")]
    UnknownCode {
        vocabulary: &'static str,
        code: String,
        allowed: String,
    },
    /// A CPR number that is malformed or names a date that does not exist.
    #[error("invalid CPR number: {0}")]
    InvalidCpr(&'static str),
    /// An age range whose bounds are reversed or out of the range Kith serves.
    #[error("invalid age range: {0}")]
    InvalidAgeRange(String),
    /// Coordinates outside the globe.
    #[error("invalid coordinates: {0}")]
    InvalidCoordinates(String),
    /// A need code that is not a lowercase slug.
    #[error("invalid need code: {0}")]
    InvalidNeedCode(String),
    /// An e-mail address that is not of the form local@domain.
    #[error("invalid e-mail address")]
    InvalidEmail,
    /// Any other value that breaks a rule; the text says which.
    #[error("{0}")]
    Invalid(String),
}

impl DomainError {
    /// What a person is told, as a catalogue message: the variant names the problem; the
    /// English text above is for logs and tests only.
    pub fn message(&self) -> Message {
        match self {
            DomainError::UnknownCode { .. } => Message::new("problem.unknown_choice"),
            DomainError::InvalidCpr(_) => Message::new("problem.cpr"),
            DomainError::InvalidAgeRange(_) => Message::new("problem.age_range"),
            DomainError::InvalidCoordinates(_) => Message::new("problem.coordinates"),
            DomainError::InvalidNeedCode(_) => Message::new("problem.need_code"),
            DomainError::InvalidEmail => Message::new("problem.email"),
            DomainError::Invalid(key) if key.starts_with("problem.") => Message::new(key.clone()),
            DomainError::Invalid(_) => Message::new("problem.invalid"),
        }
    }
}
