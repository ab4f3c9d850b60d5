//! Request extractors that turn every malformed input into a 422 naming the field, and that
//! recognise the caller (API token or session).

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::Method;
use axum::http::header::{AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::request::Parts;
use kith_app::{Actor, AppError};
use kith_domain::Message;
use serde::de::DeserializeOwned;
use tower_sessions::Session;

use crate::error::ApiError;
use crate::{AppState, web_session};

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
                kith_app::FieldError::new("content-type", "problem.send_json"),
            ])));
        }
        let ApiBytes::<MAX_JSON_BYTES>(bytes) = ApiBytes::from_request(req, state).await?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// How much more than its limit a body is read (and thrown away) before a 413 is answered,
/// so a client that sends a somewhat too large body reads the answer instead of a broken
/// pipe; a body larger still is answered at once and the connection closed.
const DRAIN_BYTES: usize = 32 * 1024 * 1024;

/// A whole request body of at most `LIMIT` bytes: a larger one is a 413 problem, a body that
/// breaks off a 422 naming `body`.
#[derive(Debug)]
pub struct ApiBytes<const LIMIT: usize>(pub axum::body::Bytes);

impl<S: Send + Sync, const LIMIT: usize> FromRequest<S> for ApiBytes<LIMIT> {
    type Rejection = ApiError;

    async fn from_request(req: Request, _state: &S) -> Result<Self, Self::Rejection> {
        use futures::StreamExt;
        let declared = req
            .headers()
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|n| n > LIMIT + DRAIN_BYTES) {
            return Err(ApiError(AppError::TooLarge));
        }
        let mut stream = req.into_body().into_data_stream();
        let mut body = Vec::new();
        let mut total = 0usize;
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|_| ApiError::invalid("body", "problem.body_unreadable"))?;
            total += chunk.len();
            if total <= LIMIT {
                body.extend_from_slice(&chunk);
            } else if total > LIMIT + DRAIN_BYTES {
                break;
            }
        }
        if total > LIMIT {
            return Err(ApiError(AppError::TooLarge));
        }
        Ok(ApiBytes(body.into()))
    }
}

/// Parses JSON into `T`, naming the failing field. Dates out of Kith's range are refused
/// first ([`dates_in_range`]).
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) {
        dates_in_range(&value).map_err(ApiError)?;
    }
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let (field, message) = field_and_message(&e.path().to_string(), &e.inner().to_string());
        ApiError::invalid(field, message)
    })
}

/// What a date out of range is told.
const DATE_RANGE: &str = "problem.date_range";

/// Refuses every date-shaped text in a JSON value whose year Kith does not take
/// (`kith_domain::dates`), naming each field as serde would (`goals[2].due_on`). Every input,
/// API body, form and query, passes here before it is parsed, so no handler ever meets a
/// date at the far ends of chrono's range.
pub fn dates_in_range(value: &serde_json::Value) -> Result<(), AppError> {
    fn walk(v: &serde_json::Value, path: &str, out: &mut Vec<kith_app::FieldError>) {
        match v {
            serde_json::Value::String(s)
                if kith_domain::dates::year_of_date_text(s.trim())
                    .is_some_and(|y| !kith_domain::dates::year_in_range(y)) =>
            {
                let field = if path.is_empty() { "body" } else { path };
                out.push(kith_app::FieldError::new(field, DATE_RANGE));
            }
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, &format!("{path}[{i}]"), out);
                }
            }
            serde_json::Value::Object(fields) => {
                for (k, item) in fields {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    walk(item, &p, out);
                }
            }
            _ => {}
        }
    }
    let mut problems = Vec::new();
    walk(value, "", &mut problems);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(problems))
    }
}

/// The field an error is about and a message for people. serde reports a missing or unknown
/// field at its parent's path with the name in the message; move the name into the path.
pub fn field_and_message(path: &str, raw: &str) -> (String, Message) {
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
        ("missing field `", "problem.required"),
        ("unknown field `", "problem.unknown_field"),
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
            return (field, Message::new(text));
        }
    }
    let field = if parent.is_empty() {
        "body".to_owned()
    } else {
        parent.to_owned()
    };
    (field, serde_message(&message))
}

/// The words of serde's reports about a value that should have been a number: every integer
/// and float type a Kith input has (`expected i32` is the weekly visits, `expected i16` an age).
const NUMBER_WORDS: [&str; 13] = [
    "integer", "number", "digit", "f64", "f32", "i64", "i32", "i16", "i8", "u64", "u32", "u16",
    "u8",
];

/// serde's English report as a catalogue message: what kind of value was expected.
fn serde_message(m: &str) -> Message {
    let key = if m.starts_with("unknown variant") || m.starts_with("unknown ") {
        "problem.unknown_choice"
    } else if m.contains("CPR") {
        "problem.cpr"
    } else if m.contains("e-mail") {
        "problem.email"
    } else if m.contains("date") || m.contains("premature end") || m.contains("input contains") {
        "problem.not_a_date"
    } else if NUMBER_WORDS.iter().any(|w| m.contains(w)) {
        "problem.not_a_number"
    } else if m.starts_with("invalid type") {
        "problem.wrong_type"
    } else {
        "problem.invalid"
    };
    Message::new(key)
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
        // A blank parameter is an absent one: a form's "all" choice or an empty field sends
        // `?status=&from=`, which means no filter, not a value that fails to parse.
        let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .filter(|(_, v)| !v.trim().is_empty())
            .collect();
        let values: serde_json::Map<String, serde_json::Value> = pairs
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
            .collect();
        dates_in_range(&serde_json::Value::Object(values)).map_err(ApiError)?;
        let cleaned = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&pairs)
            .finish();
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(cleaned.as_bytes()));
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
                Err(ApiError::invalid(field, "problem.invalid_id"))
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
            && !session_request_is_same_origin(parts, state).await
        {
            return Err(ApiError(AppError::forbidden(
                "a request carried by the session cookie must come from Kith's own pages",
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
        if let Some(a) = &actor {
            crate::answer_lang::set_user_lang(a.locale);
        }
        return actor.map(Some).ok_or(ApiError(AppError::Unauthenticated));
    }
    let Ok(session) = Session::from_request_parts(parts, state).await else {
        return Ok(None);
    };
    let Some((user, logged_in_at)) = web_session::user_of(&session)
        .await
        .map_err(|e| ApiError(crate::session_store::app_error(&e)))?
    else {
        return Ok(None);
    };
    parts.extensions.insert(AuthKind::Session);
    let actor = kith_app::auth::actor_for_session(
        state.app(),
        user,
        logged_in_at,
        state.settings().session_max_age(),
    )
    .await?;
    if let Some(a) = &actor {
        crate::answer_lang::set_user_lang(a.locale);
    }
    Ok(actor)
}

/// A request carried by the session cookie must not come from another site. A read must not
/// be a cross-site request (`Sec-Fetch-Site`); a change must name Kith as its `Origin` (or
/// `Referer`) and be JSON (which a cross-site form cannot send without CORS, which Kith never
/// grants) or carry the session's own CSRF token. Bearer-token requests need none of this.
pub async fn session_request_is_same_origin(parts: &mut Parts, state: &AppState) -> bool {
    if matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return web_session::not_cross_site(&parts.headers);
    }
    if !web_session::same_origin(&parts.headers, state.settings()) {
        return false;
    }
    // Only a POST can come from another site without the browser asking Kith first (a form);
    // PUT, PATCH and DELETE always need a CORS preflight, which Kith never grants.
    if parts.method != Method::POST {
        return true;
    }
    let json = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("application/json"));
    if json {
        return true;
    }
    let presented = parts
        .headers
        .get(crate::csrf::CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let Ok(session) = Session::from_request_parts(parts, state).await else {
        return false;
    };
    web_session::csrf_of(&session)
        .await
        .is_some_and(|expected| crate::csrf::matches(presented.as_deref(), &expected))
}

/// The client's address: the last address in the trusted proxy's header when one is
/// configured (`KITH_CLIENT_IP_HEADER`), else the connection's peer. `None` when neither is
/// known (a request that did not come through the listener).
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub Option<std::net::IpAddr>);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(client_ip(parts, state.settings())))
    }
}

/// The client's address of a request (see [`ClientIp`]): the connection's peer, unless the
/// peer is a trusted proxy (`KITH_TRUSTED_PROXIES`) and its header (`KITH_CLIENT_IP_HEADER`)
/// ends with an address, which is then the one the proxy saw. Only the last entry counts (a
/// client writes whatever it likes before it); one that does not read as an address counts
/// as no header.
pub fn client_ip(parts: &Parts, settings: &crate::Settings) -> Option<std::net::IpAddr> {
    let peer = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    let trusted = peer.is_some_and(|p| settings.trusted_proxies.iter().any(|r| r.contains(p)));
    if let Some(name) = &settings.client_ip_header
        && trusted
        && let Some(last) = parts
            .headers
            .get_all(name.as_str())
            .iter()
            .next_back()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .map(str::trim)
    {
        let read = last
            .parse::<std::net::IpAddr>()
            .ok()
            .or_else(|| last.parse::<std::net::SocketAddr>().ok().map(|s| s.ip()));
        if read.is_some() {
            return read;
        }
    }
    peer
}

#[cfg(test)]
mod client_ip_tests {
    use super::*;

    fn parts(peer: &str, header: Option<&str>) -> Parts {
        let mut req = axum::http::Request::builder();
        if let Some(h) = header {
            req = req.header("x-forwarded-for", h);
        }
        let (mut parts, ()) = req.body(()).unwrap().into_parts();
        let peer: std::net::SocketAddr = peer.parse().unwrap();
        parts.extensions.insert(axum::extract::ConnectInfo(peer));
        parts
    }

    fn settings() -> crate::Settings {
        let mut s = crate::Settings::local("http://kith.test");
        s.client_ip_header = Some("x-forwarded-for".into());
        s
    }

    fn ip(s: &str) -> Option<std::net::IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn the_header_counts_only_from_a_trusted_proxy_and_only_its_last_entry() {
        let s = settings();
        // Through the proxy on loopback: the address the proxy appended, not the client's own.
        let r = parts("127.0.0.1:4000", Some("6.6.6.6, 203.0.113.9"));
        assert_eq!(client_ip(&r, &s), ip("203.0.113.9"));
        let r = parts("127.0.0.1:4000", Some("203.0.113.9:51000"));
        assert_eq!(client_ip(&r, &s), ip("203.0.113.9"));
        // Straight from a client: its header is its own invention.
        let r = parts("198.51.100.7:4000", Some("203.0.113.9"));
        assert_eq!(client_ip(&r, &s), ip("198.51.100.7"));
        // A proxy header that is no address counts as none.
        let r = parts("127.0.0.1:4000", Some("unknown"));
        assert_eq!(client_ip(&r, &s), ip("127.0.0.1"));
        // Without the setting, never the header.
        let r = parts("127.0.0.1:4000", Some("203.0.113.9"));
        assert_eq!(
            client_ip(&r, &crate::Settings::local("http://kith.test")),
            ip("127.0.0.1")
        );
    }

    /// Text where a whole number belongs is told to write a number, whatever its width: the
    /// weekly visits (an `i32`) said "the value has the wrong type".
    #[test]
    fn text_for_any_number_type_is_told_to_write_a_number() {
        for ty in ["i32", "i16", "i8", "u64", "f32", "i64", "u32"] {
            let m = format!("invalid type: string \"mange\", expected {ty}");
            assert_eq!(serde_message(&m).key, "problem.not_a_number", "{ty}");
        }
        assert_eq!(
            serde_message("invalid type: map, expected a sequence").key,
            "problem.wrong_type"
        );
    }
}
