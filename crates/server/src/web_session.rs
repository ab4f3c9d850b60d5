//! The browser's login session and the checks that keep other sites out of it.
//!
//! - A session holds the user's id, when they logged in (for the absolute lifetime and for
//!   "log out everywhere") and a CSRF token of its own, all set at login under a new session
//!   id ([`start`]).
//! - A state-changing request carried by the session cookie must come from Kith's own origin:
//!   its `Origin` (or, without one, its `Referer`) names Kith ([`same_origin`]).
//! - A cookie-carried API read must not be a cross-site request (`Sec-Fetch-Site`), so a link
//!   on another site cannot download an export, and write audit rows, in the victim's name
//!   ([`not_cross_site`]).

use axum::http::{HeaderMap, header};
use chrono::{DateTime, Utc};
use tower_sessions::Session;

use crate::Settings;

/// The session key holding the logged-in user's id.
pub const USER_KEY: &str = "user_id";
/// The session key holding when the user logged in (milliseconds since 1970, UTC).
pub const LOGIN_AT_KEY: &str = "login_at_ms";
/// The session key holding the session's CSRF token.
pub const CSRF_KEY: &str = "csrf";

/// Starts a logged-in session for `user`: a new session id (the old one stops working, so a
/// planted id is worthless), the login time, and a fresh CSRF token.
pub async fn start(
    session: &Session,
    user: kith_domain::UserId,
) -> Result<(), tower_sessions::session::Error> {
    session.cycle_id().await?;
    session.insert(USER_KEY, user.0).await?;
    session
        .insert(LOGIN_AT_KEY, Utc::now().timestamp_millis())
        .await?;
    session.insert(CSRF_KEY, crate::csrf::fresh_token()).await?;
    Ok(())
}

/// The session key holding the identity provider a user signed in through.
pub const PROVIDER_KEY: &str = "provider";
/// The session key holding the provider's ID token: the hint when signing out there too.
pub const ID_TOKEN_KEY: &str = "id_token";

/// Starts a session for a user the identity provider vouched for ([`start`]), remembering the
/// provider and its ID token for signing out there too.
pub async fn start_through(
    session: &Session,
    user: kith_domain::UserId,
    provider: &str,
    id_token: &str,
) -> Result<(), tower_sessions::session::Error> {
    start(session, user).await?;
    session.insert(PROVIDER_KEY, provider).await?;
    session.insert(ID_TOKEN_KEY, id_token).await?;
    Ok(())
}

/// The session key holding a refused sign-in for the sign-in page to tell once.
const REFUSAL_KEY: &str = "sign_in_refused";

/// A refused sign-in, kept for the sign-in page the browser is sent to: the catalogue key of
/// what to do, and the address the provider sent (the person's own, shown to them only).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RefusalNote {
    pub key: String,
    pub email: Option<String>,
}

/// Keeps a refused sign-in for the next sign-in page.
pub async fn note_refusal(
    session: &Session,
    note: RefusalNote,
) -> Result<(), tower_sessions::session::Error> {
    session.insert(REFUSAL_KEY, note).await
}

/// The refused sign-in kept for this page, once.
pub async fn take_refusal(session: &Session) -> Option<RefusalNote> {
    session
        .remove::<RefusalNote>(REFUSAL_KEY)
        .await
        .ok()
        .flatten()
}

/// The provider a session signed in through, with its ID token.
pub async fn provider_of(session: &Session) -> Option<(String, String)> {
    let provider = session.get::<String>(PROVIDER_KEY).await.ok().flatten()?;
    let id_token = session.get::<String>(ID_TOKEN_KEY).await.ok().flatten()?;
    Some((provider, id_token))
}

/// The user and login time a session holds, if it is a logged-in session.
pub async fn user_of(
    session: &Session,
) -> Result<Option<(kith_domain::UserId, DateTime<Utc>)>, tower_sessions::session::Error> {
    let Some(user) = session.get::<i64>(USER_KEY).await? else {
        return Ok(None);
    };
    // A session from before login times were kept has none: it counts as over.
    let at = session
        .get::<i64>(LOGIN_AT_KEY)
        .await?
        .and_then(DateTime::from_timestamp_millis)
        .unwrap_or(DateTime::UNIX_EPOCH);
    Ok(Some((kith_domain::UserId(user), at)))
}

/// The session's CSRF token, if it is a logged-in session.
pub async fn csrf_of(session: &Session) -> Option<String> {
    session.get::<String>(CSRF_KEY).await.ok().flatten()
}

/// `scheme://host[:port]` of a URL, lower-cased, if it has one.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    (!authority.is_empty()).then(|| format!("{scheme}://{authority}").to_ascii_lowercase())
}

/// Whether a state-changing request comes from Kith's own pages: its `Origin`, or without one
/// its `Referer`, is Kith's configured address (`KITH_BASE_URL`) or the host the request was
/// sent to. A browser always sends one of them with a form post or a script's request; a
/// request with neither is refused.
pub fn same_origin(headers: &HeaderMap, settings: &Settings) -> bool {
    // An `Origin` decides alone (`null`, a sandboxed or privacy-hidden origin, is not Kith);
    // only without one does the `Referer` speak.
    let claimed = match headers.get(header::ORIGIN) {
        Some(origin) => origin
            .to_str()
            .ok()
            .filter(|o| *o != "null")
            .map(str::to_ascii_lowercase),
        None => headers
            .get(header::REFERER)
            .and_then(|v| v.to_str().ok())
            .and_then(origin_of),
    };
    let Some(claimed) = claimed else {
        return false;
    };
    if origin_of(&settings.base_url).is_some_and(|own| own == claimed) {
        return true;
    }
    // The host the browser sent the request to: a page of another site posting here has its
    // own origin, never this host.
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    host.is_some_and(|h| {
        claimed
            .split_once("://")
            .is_some_and(|(_, authority)| authority.eq_ignore_ascii_case(h))
    })
}

/// Whether a request carried by the session cookie may be a read: browsers mark a request
/// caused by another site `Sec-Fetch-Site: cross-site` (or `same-site`, a sibling
/// subdomain); a link typed, bookmarked or opened from Kith is `none` or `same-origin`. A
/// request without the header (not a current browser) passes.
pub fn not_cross_site(headers: &HeaderMap) -> bool {
    match headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        None => true,
        Some(v) => matches!(v, "same-origin" | "none"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn only_kiths_own_origin_may_change_anything() {
        let s = Settings::local("https://kith.roskilde.dk");
        assert!(same_origin(
            &headers(&[("origin", "https://kith.roskilde.dk")]),
            &s
        ));
        assert!(same_origin(
            &headers(&[("referer", "https://kith.roskilde.dk/children/4?x=1")]),
            &s
        ));
        // Behind a proxy without KITH_BASE_URL: the host asked for.
        assert!(same_origin(
            &headers(&[
                ("origin", "http://10.0.0.5:8080"),
                ("host", "10.0.0.5:8080")
            ]),
            &s
        ));
        for bad in [
            headers(&[("origin", "https://evil.example")]),
            headers(&[
                ("origin", "https://evil.example"),
                ("host", "kith.roskilde.dk"),
            ]),
            headers(&[("origin", "null")]),
            headers(&[
                ("origin", "null"),
                ("referer", "https://kith.roskilde.dk/me"),
            ]),
            headers(&[("referer", "https://kith.roskilde.dk.evil.example/")]),
            headers(&[]),
        ] {
            assert!(!same_origin(&bad, &s), "{bad:?}");
        }
    }

    #[test]
    fn cross_site_reads_are_refused() {
        assert!(not_cross_site(&headers(&[])));
        assert!(not_cross_site(&headers(&[(
            "sec-fetch-site",
            "same-origin"
        )])));
        assert!(not_cross_site(&headers(&[("sec-fetch-site", "none")])));
        assert!(!not_cross_site(&headers(&[(
            "sec-fetch-site",
            "cross-site"
        )])));
        assert!(!not_cross_site(&headers(&[(
            "sec-fetch-site",
            "same-site"
        )])));
    }
}
