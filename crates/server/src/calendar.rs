//! `GET /calendar/{token}.ics`: a user's calendar feed, found by its secret token (no login:
//! calendar programs cannot log in). An unknown token is a plain 404 whose work does not
//! depend on how close the token was to a real one (the lookup is by the token's SHA-256).

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::AppState;

/// The calendar route.
pub fn router() -> Router<AppState> {
    Router::new().route("/calendar/{file}", get(feed))
}

async fn feed(State(s): State<AppState>, Path(file): Path<String>) -> Response {
    let token = file.strip_suffix(".ics").unwrap_or("");
    match kith_app::wheel::calendar::feed(s.app(), token).await {
        Ok(ics) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (header::CACHE_CONTROL, "private, max-age=300"),
            ],
            ics,
        )
            .into_response(),
        Err(kith_app::AppError::NotFound(_)) => {
            (StatusCode::NOT_FOUND, "no such calendar\n").into_response()
        }
        Err(e) => crate::ApiError(e).into_response(),
    }
}
