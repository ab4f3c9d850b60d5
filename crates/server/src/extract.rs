//! Request extractors that turn every malformed input into a 422 naming the field, and that
//! recognise the caller (API token or session).

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::Method;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::request::Parts;
use kith_app::{Actor, AppError};
use serde::de::DeserializeOwned;
use tower_sessions::Session;

use crate::AppState;
use crate::error::ApiError;

/// The session key holding the logged-in user's id.
pub const SESSION_USER_KEY: &str = "user_id";

/// The largest JSON body accepted.
const MAX_JSON_BYTES: usize = 1024 * 1024;

/// A JSON body parsed with the path of any error, so `{"needs":[{"level":"x"}]}` fails with
/// field `needs[0].level`. Unknown fields are refused by the input types themselves.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequest<AppState> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                v.split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase()
            })
            .is_some_and(|m| {
                m == "application/json" || (m.starts_with("application/") && m.ends_with("+json"))
            });
        if !is_json {
            return Err(ApiError(AppError::Invalid(vec![
                kith_app::FieldError::new("content-type", "send the body as application/json"),
            ])));
        }
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|_| ApiError::invalid("body", "the body could not be read"))?;
        if bytes.len() > MAX_JSON_BYTES {
            return Err(ApiError::invalid("body", "the body is too large"));
        }
        parse_json(&bytes).map(ApiJson)
    }
}

/// Parses JSON into `T`, naming the failing field.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let (field, message) = field_and_message(&e.path().to_string(), &e.inner().to_string());
        ApiError::invalid(field, message)
    })
}

/// The field an error is about and a message for people. serde reports a missing or unknown
/// field at its parent's path with the name in the message; move the name into the path.
pub fn field_and_message(path: &str, raw: &str) -> (String, String) {
    // serde_path_to_error writes `?` for a position it cannot name (e.g. a truncated body).
    let path = path.trim_end_matches(".?").trim_end_matches('?');
    let parent = if path == "." || path.is_empty() {
        ""
    } else {
        path
    };
    let join = |name: &str| {
        if parent.is_empty() {
            name.to_owned()
        } else {
            format!("{parent}.{name}")
        }
    };
    let message = clean_serde_message(raw);
    for (prefix, text) in [
        ("missing field `", "is required"),
        ("unknown field `", "is not a known field"),
    ] {
        if let Some(rest) = message.strip_prefix(prefix)
            && let Some(end) = rest.find('`')
        {
            let name = &rest[..end];
            // serde_path_to_error already ends the path with an unknown field's name.
            let field = if parent == name || parent.ends_with(&format!(".{name}")) {
                parent.to_owned()
            } else {
                join(name)
            };
            return (field, text.to_owned());
        }
    }
    let field = if parent.is_empty() {
        "body".to_owned()
    } else {
        parent.to_owned()
    };
    (field, message)
}

/// serde's messages end with " at line 1 column 20"; people do not need that.
fn clean_serde_message(m: &str) -> String {
    match m.find(" at line ") {
        Some(i) => m[..i].to_owned(),
        None => m.to_owned(),
    }
}

/// Query parameters parsed with the name of any failing parameter.
#[derive(Debug)]
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or("");
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(de)
            .map(ApiQuery)
            .map_err(|e| {
                let (field, message) =
                    field_and_message(&e.path().to_string(), &e.inner().to_string());
                let field = if field == "body" {
                    "query".to_owned()
                } else {
                    field
                };
                ApiError::invalid(field, message)
            })
    }
}

/// Path parameters; a parameter that does not parse is a 422 naming it.
#[derive(Debug)]
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(ApiPath(v)),
            Err(rejection) => {
                use axum::extract::path::ErrorKind;
                use axum::extract::rejection::PathRejection;
                let keyed = match &rejection {
                    PathRejection::FailedToDeserializePathParams(e) => match e.kind() {
                        ErrorKind::ParseErrorAtKey { key, .. }
                        | ErrorKind::InvalidUtf8InPathParam { key } => Some(key.clone()),
                        _ => None,
                    },
                    _ => None,
                };
                // A single unnamed parameter: name the first one that is not a number.
                let field = match keyed {
                    Some(k) => k,
                    None => axum::extract::RawPathParams::from_request_parts(parts, state)
                        .await
                        .ok()
                        .and_then(|raw| {
                            raw.iter()
                                .find(|(_, v)| v.parse::<i64>().is_err())
                                .map(|(k, _)| k.to_owned())
                        })
                        .unwrap_or_else(|| "path".to_owned()),
                };
                Err(ApiError::invalid(field, "not a valid identifier"))
            }
        }
    }
}

/// The caller, recognised by an `Authorization: Bearer` API token or by the session cookie.
/// No caller: 401.
#[derive(Debug, Clone)]
pub struct CurrentActor(pub Actor);

impl FromRequestParts<AppState> for CurrentActor {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(cached) = parts.extensions.get::<CurrentActor>() {
            return Ok(cached.clone());
        }
        let actor = resolve_actor(parts, state)
            .await?
            .ok_or(ApiError(AppError::Unauthenticated))?;
        if parts.extensions.get::<AuthKind>() == Some(&AuthKind::Session)
            && !session_request_is_same_origin(&parts.method, parts)
        {
            return Err(ApiError(AppError::forbidden(
                "a cookie-authenticated change must be sent as application/json",
            )));
        }
        let current = CurrentActor(actor);
        parts.extensions.insert(current.clone());
        Ok(current)
    }
}

/// How the caller authenticated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthKind {
    Token,
    Session,
}

/// Finds the actor behind a request, if any; also records how it authenticated.
pub async fn resolve_actor(parts: &mut Parts, state: &AppState) -> Result<Option<Actor>, ApiError> {
    if let Some(value) = parts.headers.get(AUTHORIZATION) {
        let text = value.to_str().unwrap_or("");
        let Some(secret) = text.strip_prefix("Bearer ").map(str::trim) else {
            return Err(ApiError(AppError::Unauthenticated));
        };
        let actor = kith_app::auth::actor_for_token(state.app(), secret).await?;
        parts.extensions.insert(AuthKind::Token);
        return actor.map(Some).ok_or(ApiError(AppError::Unauthenticated));
    }
    let Ok(session) = Session::from_request_parts(parts, state).await else {
        return Ok(None);
    };
    let user_id: Option<i64> = session
        .get(SESSION_USER_KEY)
        .await
        .map_err(|e| ApiError(AppError::Unavailable(format!("session store: {e}"))))?;
    let Some(user_id) = user_id else {
        return Ok(None);
    };
    parts.extensions.insert(AuthKind::Session);
    Ok(kith_app::auth::actor_for_user(state.app(), kith_domain::UserId(user_id)).await?)
}

/// Unsafe API requests authenticated by the session cookie must be JSON (which a cross-site
/// form cannot send) or carry the CSRF header; bearer-token requests need neither.
pub fn session_request_is_same_origin(method: &Method, parts: &Parts) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    let json = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("application/json"));
    json || parts.headers.contains_key(crate::csrf::CSRF_HEADER)
}
