//! The use cases' one error type. Each variant says what the caller should do; the server
//! maps them to HTTP statuses (noted on each variant) and RFC 9457 problem documents.

use kith_domain::Message;
use kith_store::StoreError;
use thiserror::Error;

/// One problem with one field of an input, e.g. `needs[2].code`: `problem.unknown_need`.
/// The message is a catalogue key with its values, so the server says it in the reader's
/// language; the field path stays machine-readable beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    /// The path of the field in the input, in JSON notation.
    pub field: String,
    /// What is wrong and what to do, as a catalogue message.
    pub message: Message,
}

impl FieldError {
    /// A problem with `field`.
    pub fn new(field: impl Into<String>, message: impl Into<Message>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Why a use case did not happen. Nothing was changed when any of these is returned.
#[derive(Debug, Error)]
pub enum AppError {
    /// No valid login (401).
    #[error("authentication required")]
    Unauthenticated,
    /// Logged in, but the role does not allow this at all (403).
    #[error("not allowed: {0}")]
    Forbidden(String),
    /// No such thing, or not one the actor may know exists (404).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The input breaks a rule; each field says which (422).
    #[error("invalid input: {}", in_english(.0))]
    Invalid(Vec<FieldError>),
    /// The change conflicts with the current state: a taken e-mail, a decided proposal (409).
    #[error("conflict: {}", kith_text::render(kith_domain::Lang::En, message))]
    Conflict {
        field: Option<String>,
        message: Message,
    },
    /// The request's body is larger than this kind of request takes (413).
    #[error("the body is too large")]
    TooLarge,
    /// A sign-in through the identity provider was refused (401); the reason says what the
    /// person reads, and was audited.
    #[error("sign-in refused: {}", .0.why.code())]
    SignInRefused(Refused),
    /// Too many attempts; try again later (429).
    #[error("too many attempts")]
    TooManyAttempts { retry_after_secs: u64 },
    /// Too much work of this kind is waiting (a flood of logins); nothing was done, try again
    /// shortly (503 with `Retry-After`).
    #[error("busy")]
    Busy { retry_after_secs: u64 },
    /// A dependency is down; nothing was written, try again (503). The cause is logged.
    #[error("service unavailable")]
    Unavailable(#[source] Cause),
    /// The database cannot be written (disk read-only or full); nothing was written (503).
    #[error("storage unavailable")]
    Storage(#[source] Cause),
    /// A bug or corrupt data (500). The cause is logged, never shown.
    #[error("internal error")]
    Internal(#[source] Cause),
}

/// A refused sign-in through an identity provider: why, the address the provider sent (for
/// the person's own page: "Kommunens login kender dig som …"; never logged) and where the
/// person was going.
#[derive(Clone, PartialEq)]
pub struct Refused {
    pub why: kith_domain::sign_in::Refusal,
    pub email: Option<String>,
    pub return_to: Option<String>,
}

impl Refused {
    /// A refusal with nothing to say but why.
    pub fn because(why: kith_domain::sign_in::Refusal) -> Self {
        Self {
            why,
            email: None,
            return_to: None,
        }
    }

    /// What the person reads, in `lang`.
    pub fn message(&self) -> Message {
        Message::new(self.why.message_key()).text("email", self.email.clone().unwrap_or_default())
    }
}

impl std::fmt::Debug for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Refused")
            .field("why", &self.why)
            .finish_non_exhaustive()
    }
}

/// What caused an error, kept as its source for the log (never shown to a person).
pub type Cause = Box<dyn std::error::Error + Send + Sync>;

impl AppError {
    /// A 422 with one field problem.
    pub fn invalid(field: impl Into<String>, message: impl Into<Message>) -> Self {
        AppError::Invalid(vec![FieldError::new(field, message)])
    }

    /// A 409 about one field.
    pub fn conflict(field: impl Into<String>, message: impl Into<Message>) -> Self {
        AppError::Conflict {
            field: Some(field.into()),
            message: message.into(),
        }
    }

    /// A 403 with the reason.
    pub fn forbidden(why: impl Into<String>) -> Self {
        AppError::Forbidden(why.into())
    }

    /// A 500 for a stored value that does not read back into the domain (a need code, an age
    /// range); `what` says which, for the log.
    pub fn corrupt(what: impl std::fmt::Display) -> Self {
        AppError::internal(format!("stored value out of vocabulary: {what}"))
    }

    /// A 500 caused by `cause` (an error, or a text saying what broke).
    pub fn internal(cause: impl Into<Cause>) -> Self {
        AppError::Internal(cause.into())
    }
}

/// An error and every cause under it, for the log: `storage unavailable: database cannot be
/// written: Execution Error: (code: 8) attempt to write a readonly database`.
pub fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut next = e.source();
    while let Some(cause) = next {
        out.push_str(": ");
        out.push_str(&cause.to_string());
        next = cause.source();
    }
    out
}

/// Field problems in English, for the command line and logs (people read them translated).
fn in_english(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| {
            format!(
                "{}: {}",
                e.field,
                kith_text::render(kith_domain::Lang::En, &e.message)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Unavailable(_) | StoreError::LockTimeout(_) => {
                AppError::Unavailable(Box::new(e))
            }
            StoreError::ReadOnly(_) => AppError::Storage(Box::new(e)),
            StoreError::Duplicate { constraint } => {
                tracing::info!(constraint, "duplicate refused");
                AppError::Conflict {
                    field: None,
                    message: Message::new("problem.already_exists"),
                }
            }
            StoreError::Reference(m) => {
                tracing::info!(reference = %m, "reference refused");
                AppError::Conflict {
                    field: None,
                    message: Message::new("problem.in_use"),
                }
            }
            StoreError::Corrupt(_) | StoreError::Db(_) => AppError::Internal(Box::new(e)),
        }
    }
}

impl From<sea_orm::DbErr> for AppError {
    fn from(e: sea_orm::DbErr) -> Self {
        StoreError::from(e).into()
    }
}
