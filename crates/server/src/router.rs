//! The one place where every feature's routes are merged and the layers applied.

use axum::Router;
use axum::http::{StatusCode, Uri};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use utoipa_swagger_ui::SwaggerUi;

use crate::session_store::DbSessionStore;
use crate::{AppState, calendar, csrf, health, openapi, pages, security, static_files};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "kith_session";

/// The whole application.
pub fn router(state: AppState) -> Router {
    // Install the metrics recorder before the first request is counted.
    let _ = health::prometheus();
    let (api_routes, doc) = openapi::api();
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.app().clone()))
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.settings().cookie_secure)
        .with_expiry(Expiry::OnInactivity(time::Duration::minutes(
            state.settings().session_ttl_minutes,
        )));
    let page_routes = pages::router()
        .layer(middleware::from_fn_with_state(state.clone(), csrf::guard))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            pages::ctx::plain_refusals_as_pages,
        ));
    // The API description and the metrics are for logged-in users (and scrapers with a token).
    let docs_and_metrics = Router::new()
        .merge(SwaggerUi::new("/api/docs").url("/api/openapi.json", doc))
        .merge(health::metrics_router())
        .route_layer(middleware::from_fn_with_state(state.clone(), require_user));
    Router::new()
        .merge(api_routes)
        .merge(page_routes)
        .merge(pages::backchannel_router())
        .merge(docs_and_metrics)
        .merge(health::router())
        .merge(calendar::router())
        .merge(static_files::router())
        .route_layer(middleware::from_fn(health::track))
        // A body is read within a minute, or the request ends (a slow upload holds no slot).
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
            std::time::Duration::from_secs(60),
        ))
        .fallback(not_found)
        .layer(sessions)
        .layer(middleware::from_fn(crate::answer_lang::answer_in_language))
        .layer(middleware::from_fn_with_state(
            security::Policies::new(state.app().providers().issuers()),
            security::headers,
        ))
        .layer(
            TraceLayer::new_for_http().make_span_with(|req: &axum::extract::Request| {
                // The matched route, never the raw URL: no data in logs beyond ids.
                let route = req
                    .extensions()
                    .get::<axum::extract::MatchedPath>()
                    .map(|p| p.as_str().to_owned())
                    .unwrap_or_else(|| "unmatched".to_owned());
                tracing::info_span!("request", method = %req.method(), route = %route)
            }),
        )
        .with_state(state)
}

/// Lets the request through only with a logged-in user or a valid API token.
async fn require_user(
    axum::extract::State(state): axum::extract::State<AppState>,
    req: axum::extract::Request,
    next: middleware::Next,
) -> Response {
    let (mut parts, body) = req.into_parts();
    match crate::extract::resolve_actor(&mut parts, &state).await {
        Ok(Some(_)) => {
            next.run(axum::extract::Request::from_parts(parts, body))
                .await
        }
        Ok(None) => crate::ApiError(kith_app::AppError::Unauthenticated).into_response(),
        Err(e) => e.into_response(),
    }
}

/// No such address: a problem for the API, a page for a person, in their language (the
/// visitor is looked up, so a logged-in user reads it in their setting, with their menu).
async fn not_found(pages::ctx::VisitorCtx(ctx): pages::ctx::VisitorCtx, uri: Uri) -> Response {
    if uri.path().starts_with("/api/") {
        crate::ApiError(kith_app::AppError::NotFound("resource")).into_response()
    } else {
        (StatusCode::NOT_FOUND, pages::not_found_page(ctx)).into_response()
    }
}
