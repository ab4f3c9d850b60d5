//! Logging in and out through the API (the session cookie), and "who am I".

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use kith_app::Actor;
use serde::Deserialize;
use tower_sessions::Session;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::error::{ApiResult, Problem};
use crate::extract::{ApiJson, ClientIp, CurrentActor};
use crate::{ApiError, AppState};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(login, me, logout))
}

/// E-mail and password.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginInput {
    pub email: String,
    pub password: String,
}

/// Log in: sets the session cookie (a new session id on every login).
#[utoipa::path(post, path = "/api/v1/session", tag = "session", request_body = LoginInput,
    responses((status = 200, body = Actor), (status = 401, body = Problem), (status = 422, body = Problem)))]
async fn login(
    State(state): State<AppState>,
    ClientIp(source): ClientIp,
    session: Session,
    ApiJson(input): ApiJson<LoginInput>,
) -> ApiResult<Json<Actor>> {
    let attempt = kith_app::auth::LoginAttempt {
        email: &input.email,
        password: &input.password,
        source,
    };
    let actor = kith_app::auth::login(state.app(), attempt).await?;
    crate::web_session::start(&session, actor.id)
        .await
        .map_err(session_err)?;
    Ok(Json(actor))
}

/// The logged-in user.
#[utoipa::path(get, path = "/api/v1/session", tag = "session",
    responses((status = 200, body = Actor), (status = 401, body = Problem)))]
async fn me(CurrentActor(actor): CurrentActor) -> Json<Actor> {
    Json(actor)
}

/// Log out: ends the session.
#[utoipa::path(delete, path = "/api/v1/session", tag = "session", responses((status = 204)))]
async fn logout(session: Session) -> ApiResult<StatusCode> {
    session.flush().await.map_err(session_err)?;
    Ok(StatusCode::NO_CONTENT)
}

pub(crate) fn session_err(e: tower_sessions::session::Error) -> ApiError {
    ApiError(crate::session_store::app_error(&e))
}
