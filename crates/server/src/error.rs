//! RFC 9457 problem documents for the API: the one mapping from `kith-app` errors to HTTP.
//!
//! A 5xx body never carries internal text; the log does (without personal data, which
//! internal errors do not contain: they are database and library messages).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kith_app::AppError;
use kith_domain::{Lang, Message};
use serde::Serialize;

pub use crate::answer_lang::answer_lang;

/// An RFC 9457 problem document.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: Option<String>,
    /// For validation problems: every field that is wrong and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemField>,
}

/// One wrong field: its path and the problem's code for programs, the text for people.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProblemField {
    /// The path of the field in the input, in JSON notation: `needs[2].code`.
    pub field: String,
    /// The catalogue key of the problem: `problem.required`.
    pub code: String,
    /// What is wrong and what to do, in the answer's language.
    pub message: String,
}

impl ProblemField {
    fn new(lang: Lang, field: &str, message: &Message) -> Self {
        Self {
            field: field.to_owned(),
            code: message.key.to_string(),
            message: kith_text::render(lang, message),
        }
    }
}

/// An error as the API answers it.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

impl ApiError {
    /// A 422 about one field.
    pub fn invalid(field: impl Into<String>, message: impl Into<Message>) -> Self {
        ApiError(AppError::invalid(field, message))
    }

    /// The status and problem document for this error, in the language of the answer
    /// (`Accept-Language`, else the user's setting, else Danish).
    pub fn problem(&self) -> (StatusCode, Problem) {
        self.problem_in(answer_lang())
    }

    /// The status and problem document in `lang`.
    pub fn problem_in(&self, lang: Lang) -> (StatusCode, Problem) {
        let say = |key: &'static str| Some(kith_text::t(lang, key).to_owned());
        let (status, slug, detail, errors) = match &self.0 {
            AppError::Unauthenticated => (
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                say("problem_detail.unauthenticated"),
                vec![],
            ),
            AppError::Forbidden(why) => (
                StatusCode::FORBIDDEN,
                "forbidden",
                // A rule a person can act on is told; a role's plain refusal is not detailed.
                if why.starts_with("problem.") {
                    Some(kith_text::t(lang, why).to_owned())
                } else {
                    say("problem_detail.forbidden")
                },
                vec![],
            ),
            AppError::NotFound(_) => (
                StatusCode::NOT_FOUND,
                "not-found",
                say("problem_detail.not_found"),
                vec![],
            ),
            AppError::Invalid(errors) => {
                let fields: Vec<ProblemField> = errors
                    .iter()
                    .map(|e| ProblemField::new(lang, &e.field, &e.message))
                    .collect();
                let detail = fields
                    .iter()
                    .map(|f| f.message.clone())
                    .collect::<Vec<_>>()
                    .join(" ");
                (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "validation",
                    Some(detail),
                    fields,
                )
            }
            AppError::Conflict { field, message } => (
                StatusCode::CONFLICT,
                "conflict",
                Some(kith_text::render(lang, message)),
                field
                    .iter()
                    .map(|f| ProblemField::new(lang, f, message))
                    .collect(),
            ),
            AppError::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "too-large",
                say("problem_detail.too_large"),
                vec![],
            ),
            AppError::SignInRefused(refused) => (
                StatusCode::UNAUTHORIZED,
                "sign-in-refused",
                Some(kith_text::render(lang, &refused.message())),
                vec![],
            ),
            AppError::TooManyAttempts { retry_after_secs } => (
                StatusCode::TOO_MANY_REQUESTS,
                "too-many-attempts",
                Some(wait(lang, "problem_detail.too_many", *retry_after_secs)),
                vec![],
            ),
            AppError::Busy { retry_after_secs } => (
                StatusCode::SERVICE_UNAVAILABLE,
                "busy",
                Some(wait(lang, "problem_detail.busy", *retry_after_secs)),
                vec![],
            ),
            AppError::Unavailable(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                say("problem_detail.unavailable"),
                vec![],
            ),
            AppError::Storage(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "storage",
                say("problem_detail.storage"),
                vec![],
            ),
            AppError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal", None, vec![]),
        };
        (
            status,
            Problem {
                kind: format!("urn:kith:problem:{slug}"),
                title: kith_text::t(lang, &format!("problem_title.{}", slug.replace('-', "_")))
                    .to_owned(),
                status: status.as_u16(),
                detail,
                errors,
            },
        )
    }
}

/// "Try again in N seconds" (or minutes, from two minutes on), with the plural it needs.
fn wait(lang: Lang, key: &'static str, seconds: u64) -> String {
    let (unit, n) = if seconds >= 120 {
        ("problem_detail.minutes", seconds.div_ceil(60))
    } else {
        ("problem_detail.seconds", seconds)
    };
    let n = i64::try_from(n).unwrap_or(i64::MAX);
    let when = kith_text::render(lang, &Message::new(unit).int("n", n));
    kith_text::render(lang, &Message::new(key).text("when", when))
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        log_server_error(&self.0);
        let (status, problem) = self.problem();
        let mut res = (status, axum::Json(problem)).into_response();
        res.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let AppError::TooManyAttempts { retry_after_secs } | AppError::Busy { retry_after_secs } =
            &self.0
            && let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string())
        {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        res
    }
}

/// Logs errors that are the server's fault, with their internal text.
pub(crate) fn log_server_error(e: &AppError) {
    match e {
        AppError::Internal(_) => tracing::error!(error = %kith_app::chain(e), "internal error"),
        AppError::Unavailable(_) => {
            tracing::warn!(error = %kith_app::chain(e), "database unavailable")
        }
        AppError::Storage(_) => tracing::error!(error = %kith_app::chain(e), "storage unavailable"),
        _ => {}
    }
}

/// The API's result type.
pub type ApiResult<T> = Result<T, ApiError>;
