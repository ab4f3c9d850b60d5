//! The suite's privacy detector on the server's side: every answer the test servers give,
//! to the API client, to Chromium in the browser tests, to a calendar program, is read for a
//! full CPR number of any child in the database. Only the audited reveal (`/cpr-reveal`, and
//! the page's reveal form) may answer one.
//!
//! A candidate is ten digits shaped like a CPR number (`DDMMYY-NNNN`, with or without the
//! dash or a space) that is registered to a child (found by the vault's keyed look-up), so
//! a figure that happens to look like one is not a finding. Answers that are not text (XLSX)
//! are not read here.

use std::sync::{Mutex, OnceLock};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use kith_app::App;
use kith_domain::Cpr;

static LEAKS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// `router` with every answer read for a CPR number registered in `app`'s database.
pub fn watched(router: axum::Router, app: App) -> axum::Router {
    router.layer(axum::middleware::from_fn_with_state(app, read_answer))
}

/// Fails the test that calls it when any test server has answered a full CPR number.
pub fn assert_no_leak() {
    let leaks = LEAKS.lock().unwrap_or_else(|p| p.into_inner());
    assert!(
        leaks.is_empty(),
        "answers held a full CPR number: {leaks:?}; only the audited reveal may"
    );
}

fn candidates(text: &str) -> Vec<String> {
    static PATTERN: OnceLock<regex::Regex> = OnceLock::new();
    PATTERN
        .get_or_init(|| {
            regex::Regex::new(
                r"(^|[^0-9A-Za-z])([0-3][0-9][01][0-9][0-9]{2})[- ]?([0-9]{4})($|[^0-9A-Za-z])",
            )
            .expect("a pattern")
        })
        .captures_iter(text)
        .map(|c| format!("{}-{}", &c[2], &c[3]))
        .collect()
}

fn is_text(content_type: &str) -> bool {
    ["text/", "json", "calendar", "csv"]
        .iter()
        .any(|t| content_type.contains(t))
}

fn is_reveal(method: &Method, path: &str) -> bool {
    method == Method::POST && (path.ends_with("/cpr-reveal") || path.ends_with("/cpr"))
}

async fn read_answer(State(app): State<App>, req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let response = next.run(req).await;
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    if is_reveal(&method, &path) || !is_text(&content_type) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(b) => b,
        Err(_) => return Response::from_parts(parts, Body::empty()),
    };
    for candidate in candidates(&String::from_utf8_lossy(&bytes)) {
        let Ok(cpr) = Cpr::parse(&candidate) else {
            continue;
        };
        let hash = app.vault().lookup_hash(&cpr);
        if let Ok(Some(child)) =
            kith_store::children::find_by_cpr_hash(app.db().conn(), &hash).await
        {
            LEAKS
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(format!(
                    "{method} {path} answered child {child}'s CPR number"
                ));
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::candidates;

    #[test]
    fn cpr_shapes_are_candidates_and_other_figures_are_not() {
        assert_eq!(
            candidates("a 150314-4562, b 1503144562, c 150314 4562."),
            ["150314-4562", "150314-4562", "150314-4562"]
        );
        for not in [
            "150314-XXXX",
            "96.20915032679738",
            "1764547200000",
            "id=kc_ab1503144562cd",
            "2026-12-01",
        ] {
            assert!(candidates(not).is_empty(), "{not}");
        }
    }
}
