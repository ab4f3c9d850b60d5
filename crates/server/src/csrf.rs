//! CSRF protection for HTML forms: the double-submit pattern.
//!
//! Every page sets a random `kith_csrf` cookie (SameSite=Strict, HttpOnly) if it is missing and
//! renders the same value into each form as the hidden field `csrf` (htmx sends it as the
//! `x-csrf-token` header). A state-changing request to a page route must present a matching
//! value; a cross-site attacker can neither read the cookie nor set it. API routes are covered
//! differently (bearer tokens, or JSON bodies a cross-site form cannot send).

use axum::body::Body;
use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use subtle::ConstantTimeEq;

/// The cookie holding the token.
pub const CSRF_COOKIE: &str = "kith_csrf";
/// The header htmx sends the token in.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// The form field holding the token.
pub const CSRF_FIELD: &str = "csrf";

/// The request's CSRF token (from its cookie, or freshly made and stored in the extensions so
/// the response sets it).
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

fn fresh_token() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 24]>())
}

/// Middleware for page routes: ensures the cookie exists, and checks unsafe requests.
pub async fn guard(jar: CookieJar, mut req: Request, next: Next) -> Response {
    let existing = jar
        .get(CSRF_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|v| v.len() >= 20);
    let token = existing.clone().unwrap_or_else(fresh_token);
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if unsafe_method {
        let Some(expected) = existing.clone() else {
            return refuse();
        };
        let from_header = req
            .headers()
            .get(CSRF_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let presented = match from_header {
            Some(h) => Some(h),
            None => {
                // Read the form body, find the field, and put the body back.
                let is_form = req
                    .headers()
                    .get(header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
                if !is_form {
                    None
                } else {
                    let (parts, body) = req.into_parts();
                    let Ok(bytes) = axum::body::to_bytes(body, 2 * 1024 * 1024).await else {
                        return refuse();
                    };
                    let found = form_urlencoded::parse(&bytes)
                        .find(|(k, _)| k == CSRF_FIELD)
                        .map(|(_, v)| v.into_owned());
                    req = Request::from_parts(parts, Body::from(bytes));
                    found
                }
            }
        };
        if !presented.is_some_and(|p| bool::from(p.as_bytes().ct_eq(expected.as_bytes()))) {
            return refuse();
        }
    }
    req.extensions_mut().insert(CsrfToken(token.clone()));
    let res = next.run(req).await;
    if existing.is_none() {
        let cookie = Cookie::build((CSRF_COOKIE, token))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Strict)
            .build();
        return (jar.add(cookie), res).into_response();
    }
    res
}

fn refuse() -> Response {
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "The form has expired or did not come from Kith. Go back, reload the page and try again.",
    )
        .into_response()
}
