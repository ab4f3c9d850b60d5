//! The JSON API under `/api/v1`. Each module is one resource; its router carries the
//! OpenAPI description of its handlers.

mod audit;
mod children;
mod dashboard;
mod goals;
mod matching;
mod needs;
mod options;
mod placements;
mod proposals;
mod rules;
mod session;
mod staff;
mod tokens;
mod transfer;
mod units;
mod users;
mod visits;
mod wheel;

use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

/// Every API route, with its OpenAPI description.
/// A file to download (an export, the audit trail): its type, a name to save it under, and
/// never kept in a cache, since it holds children's data.
fn download(f: kith_app::transfer::ExportFile) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    let disposition = format!("attachment; filename=\"{}\"", f.filename);
    let headers = [
        (header::CONTENT_TYPE, f.content_type.to_owned()),
        (header::CONTENT_DISPOSITION, disposition),
        (header::CACHE_CONTROL, "no-store".to_owned()),
    ];
    (headers, f.bytes).into_response()
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(session::router())
        .merge(tokens::router())
        .merge(users::router())
        .merge(units::router())
        .merge(staff::router())
        .merge(needs::router())
        .merge(children::router())
        .merge(options::router())
        .merge(matching::router())
        .merge(proposals::router())
        .merge(rules::router())
        .merge(placements::router())
        .merge(visits::router())
        .merge(wheel::router())
        .merge(goals::router())
        .merge(dashboard::router())
        .merge(transfer::router())
        .merge(audit::router())
}
