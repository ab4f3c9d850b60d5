//! Kith's server: the `kith` command line, configuration, the JSON API under `/api/v1`, the
//! HTML pages, sessions and API tokens, the OpenAPI document and the operational endpoints.
//!
//! Handlers are thin: they parse the request, call one `kith-app` function and render the
//! result as JSON or HTML. Authorisation, validation rules and the audit trail live in
//! `kith-app`.

mod answer_lang;
pub mod api;
mod calendar;
mod charts;
pub mod cli;
pub mod config;
mod csrf;
mod error;
mod extract;
mod health;
pub mod i18n;
mod listen;
pub mod mailer;
pub mod openapi;
pub mod pages;
mod router;
pub mod scheduler;
mod security;
mod session_store;
pub mod sign_in_config;
mod state;
mod static_files;
pub mod telemetry;
mod web_session;

pub use config::Settings;
pub use error::{ApiError, Problem};
pub use openapi::openapi_document;
pub use router::router;
pub use state::AppState;

/// Serves `router` on `listener` until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    listen::serve(listener, router(state), shutdown).await
}

/// Serves a router made by [`router`] with layers of the caller's around it (the tests'
/// privacy detector reads every answer this way), with the listener's timeouts and limits.
pub async fn serve_router(
    listener: tokio::net::TcpListener,
    router: axum::Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    listen::serve(listener, router, shutdown).await
}
