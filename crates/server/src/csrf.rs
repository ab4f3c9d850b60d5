//! CSRF protection for HTML forms.
//!
//! - A logged-in session has a token of its own, made at login and kept in the session
//!   (`web_session::CSRF_KEY`): the synchronizer token pattern, so a token from another
//!   session, or a cookie an attacker planted, never fits.
//! - Before login (the login form, the language switch) the double-submit pattern: a random
//!   `kith_csrf` cookie (SameSite=Strict, HttpOnly, `Secure` behind TLS) repeated in the form.
//! - Every state-changing page request must also come from Kith's own origin
//!   ([`crate::web_session::same_origin`]).
//!
//! Pages render the token into each form as the hidden field `csrf`; htmx sends it as the
//! `x-csrf-token` header. The API is covered in `extract.rs`: bearer tokens need nothing, a
//! cookie-carried change must be same-origin and JSON or carry the session's token.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use subtle::ConstantTimeEq;
use tower_sessions::Session;

use crate::{AppState, web_session};

/// The cookie holding the token before login.
pub const CSRF_COOKIE: &str = "kith_csrf";
/// The header htmx sends the token in.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// The form field holding the token.
pub const CSRF_FIELD: &str = "csrf";

/// The request's CSRF token (the session's, the cookie's, or freshly made and stored in the
/// extensions so the response sets it).
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

/// A new random token.
pub fn fresh_token() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 24]>())
}

/// Whether `presented` is `expected`, in constant time.
pub fn matches(presented: Option<&str>, expected: &str) -> bool {
    presented.is_some_and(|p| bool::from(p.as_bytes().ct_eq(expected.as_bytes())))
}

/// Middleware for page routes: checks unsafe requests, and makes the token available.
pub async fn guard(
    State(state): State<AppState>,
    jar: CookieJar,
    session: Session,
    mut req: Request,
    next: Next,
) -> Response {
    let cookie_token = jar
        .get(CSRF_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|v| v.len() >= 20);
    let session_token = web_session::csrf_of(&session).await;
    let expected = session_token.clone().or_else(|| cookie_token.clone());
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if unsafe_method {
        if !web_session::same_origin(req.headers(), state.settings()) {
            return refuse();
        }
        let presented = match req
            .headers()
            .get(CSRF_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
        {
            Some(h) => Some(h),
            None => {
                let (found, back) = field_of_form(req).await;
                let Some(back) = back else {
                    return refuse();
                };
                req = back;
                found
            }
        };
        let Some(expected) = expected.clone() else {
            return ended(session_token.is_none(), presented.as_deref(), &req);
        };
        if !matches(presented.as_deref(), &expected) {
            return ended(session_token.is_none(), presented.as_deref(), &req);
        }
    }
    let token = expected.unwrap_or_else(fresh_token);
    req.extensions_mut().insert(CsrfToken(token.clone()));
    let res = next.run(req).await;
    if cookie_token.is_none() && session_token.is_none() {
        let cookie = Cookie::build((CSRF_COOKIE, token))
            .path("/")
            .http_only(true)
            .secure(state.settings().cookie_secure)
            .same_site(SameSite::Strict)
            .build();
        return (jar.add(cookie), res).into_response();
    }
    res
}

/// The largest form body read for its token: a file sent with a form (an import) may be
/// this big; a plain form is far smaller.
pub const MAX_FORM_BYTES: usize = 21 * 1024 * 1024;

/// The `csrf` field of a form body (URL-encoded, or multipart when a file is sent), and the
/// request with its body put back (`None` when the body could not be read).
async fn field_of_form(req: Request) -> (Option<String>, Option<Request>) {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let multipart = content_type.starts_with("multipart/form-data");
    if !multipart && !content_type.starts_with("application/x-www-form-urlencoded") {
        return (None, Some(req));
    }
    let (parts, body) = req.into_parts();
    let limit = if multipart {
        MAX_FORM_BYTES
    } else {
        2 * 1024 * 1024
    };
    let Ok(bytes) = axum::body::to_bytes(body, limit).await else {
        return (None, None);
    };
    let found = if multipart {
        multipart_field(&parts, bytes.clone()).await
    } else {
        form_urlencoded::parse(&bytes)
            .find(|(k, _)| k == CSRF_FIELD)
            .map(|(_, v)| v.into_owned())
    };
    (found, Some(Request::from_parts(parts, Body::from(bytes))))
}

/// The `csrf` part of a multipart body, read by axum's own multipart reader from a copy. The
/// reader streams, so the token is found before the file when it comes first, as every
/// page's form puts it.
async fn multipart_field(
    parts: &axum::http::request::Parts,
    bytes: axum::body::Bytes,
) -> Option<String> {
    use axum::extract::FromRequest;
    let mut copy = Request::new(Body::from(bytes));
    *copy.headers_mut() = parts.headers.clone();
    let mut form = axum::extract::Multipart::from_request(copy, &())
        .await
        .ok()?;
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some(CSRF_FIELD) {
            return field.text().await.ok();
        }
    }
    None
}

/// A form that does not carry the token it should. When it carries one and the session is
/// gone, it is a page sent after the session ended (it timed out while the person wrote): they
/// are asked to log in again and brought back to the page the form was on, where their draft
/// is, told why. Nothing is done with the form. Anything else is refused.
fn ended(no_session: bool, presented: Option<&str>, req: &Request) -> Response {
    if !(no_session && presented.is_some_and(|p| !p.is_empty())) {
        return refuse();
    }
    let back = req
        .headers()
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.parse::<axum::http::Uri>().ok())
        .and_then(|u| u.path_and_query().map(|pq| pq.as_str().to_owned()));
    let next = crate::pages::safe_next(back);
    let next: String = form_urlencoded::byte_serialize(next.as_bytes()).collect();
    axum::response::Redirect::to(&format!("/login?next={next}&expired=1")).into_response()
}

fn refuse() -> Response {
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "The form has expired or did not come from Kith. Go back, reload the page and try again.",
    )
        .into_response()
}
