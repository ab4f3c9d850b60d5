//! Security headers on every response.

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// The content security policies: no inline script anywhere; styles only from our own files
/// (Swagger UI's page needs inline styles, and gets them on its own path only). A form posts
/// to Kith only, and the identity providers: signing out (a form) goes on to the provider to
/// end its session too, and a browser holds a form's redirects to `form-action` as well.
#[derive(Debug, Clone)]
pub struct Policies {
    pages: HeaderValue,
    docs: HeaderValue,
}

impl Policies {
    /// The policies for an installation signing in through `provider_issuers`.
    pub fn new<'a>(provider_issuers: impl IntoIterator<Item = &'a str>) -> Self {
        let mut form_action = String::from("'self'");
        for issuer in provider_issuers {
            if let Some(origin) = origin_of(issuer) {
                form_action.push(' ');
                form_action.push_str(&origin);
            }
        }
        let pages = format!(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action {form_action}; base-uri 'none'; object-src 'none'"
        );
        let docs = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";
        Self {
            pages: HeaderValue::from_str(&pages).unwrap_or(HeaderValue::from_static(docs)),
            docs: HeaderValue::from_static(docs),
        }
    }
}

/// `scheme://host[:port]` of an http(s) URL, with nothing a policy could misread.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let plain = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
    };
    (matches!(scheme, "http" | "https") && plain(authority))
        .then(|| format!("{scheme}://{authority}").to_ascii_lowercase())
}

/// Adds the headers. Case data must not be cached by browsers or proxies, so everything but
/// static files is `no-store`.
pub async fn headers(
    axum::extract::State(policies): axum::extract::State<Policies>,
    req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let csp = if path.starts_with("/api/docs") {
        policies.docs
    } else {
        policies.pages
    };
    h.insert(header::CONTENT_SECURITY_POLICY, csp);
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
    );
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    if !path.starts_with("/static/") && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_post_to_kith_and_the_providers_origins_only() {
        let p = Policies::new([
            "https://login.microsoftonline.com/0a1b/v2.0",
            "https://adfs.kommune.dk/adfs",
            "https://evil.example; script-src *",
            "javascript:alert(1)",
        ]);
        let pages = p.pages.to_str().unwrap();
        assert!(
            pages.contains(
                "form-action 'self' https://login.microsoftonline.com https://adfs.kommune.dk;"
            ),
            "{pages}"
        );
        assert!(
            !pages.contains("evil") && !pages.contains("javascript"),
            "{pages}"
        );
        let none = Policies::new([]);
        assert!(none.pages.to_str().unwrap().contains("form-action 'self';"));
    }
}
