//! RFC 9457 problem documents for the API: the one mapping from `kith-app` errors to HTTP.
//!
//! A 5xx body never carries internal text; the log does (without personal data, which
//! internal errors do not contain: they are database and library messages).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kith_app::{AppError, FieldError};
use serde::Serialize;

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
    pub errors: Vec<FieldError>,
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
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError(AppError::invalid(field, message))
    }

    /// The status and problem document for this error.
    pub fn problem(&self) -> (StatusCode, Problem) {
        let (status, slug, title, detail, errors) = match &self.0 {
            AppError::Unauthenticated => (
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "Authentication required",
                Some("log in or send an API token".to_owned()),
                vec![],
            ),
            AppError::Forbidden(why) => (
                StatusCode::FORBIDDEN,
                "forbidden",
                "Not allowed",
                Some(why.clone()),
                vec![],
            ),
            AppError::NotFound(what) => (
                StatusCode::NOT_FOUND,
                "not-found",
                "Not found",
                Some(format!("{what} not found")),
                vec![],
            ),
            AppError::Invalid(errors) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
                "Invalid input",
                Some(
                    errors
                        .iter()
                        .map(|e| format!("{}: {}", e.field, e.message))
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
                errors.clone(),
            ),
            AppError::Conflict { field, message } => (
                StatusCode::CONFLICT,
                "conflict",
                "Conflict",
                Some(message.clone()),
                field
                    .iter()
                    .map(|f| FieldError::new(f.clone(), message.clone()))
                    .collect(),
            ),
            AppError::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "too-large",
                "Too large",
                Some("the body is larger than this request takes; send less at a time".to_owned()),
                vec![],
            ),
            AppError::TooManyAttempts { retry_after_secs } => (
                StatusCode::TOO_MANY_REQUESTS,
                "too-many-attempts",
                "Too many attempts",
                Some(format!("try again in {retry_after_secs} seconds")),
                vec![],
            ),
            AppError::Busy { retry_after_secs } => (
                StatusCode::SERVICE_UNAVAILABLE,
                "busy",
                "Busy",
                Some(format!(
                    "too many requests of this kind at once; try again in {retry_after_secs} seconds"
                )),
                vec![],
            ),
            AppError::Unavailable(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "Service unavailable",
                Some("the database is not reachable; nothing was changed, try again".to_owned()),
                vec![],
            ),
            AppError::Storage(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "storage",
                "Storage unavailable",
                Some(
                    "the database cannot be written (read-only or full disk); nothing was changed"
                        .to_owned(),
                ),
                vec![],
            ),
            AppError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Internal error",
                None,
                vec![],
            ),
        };
        (
            status,
            Problem {
                kind: format!("urn:kith:problem:{slug}"),
                title: title.to_owned(),
                status: status.as_u16(),
                detail,
                errors,
            },
        )
    }
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
        AppError::Internal(m) => tracing::error!(error = %m, "internal error"),
        AppError::Unavailable(m) => tracing::warn!(error = %m, "database unavailable"),
        AppError::Storage(m) => tracing::error!(error = %m, "storage unavailable"),
        _ => {}
    }
}

/// The API's result type.
pub type ApiResult<T> = Result<T, ApiError>;
