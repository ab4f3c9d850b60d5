//! Logging in and out through the API (the session cookie), and "who am I".

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use kith_app::Actor;
use kith_app::credentials::{ChangePasswordInput, ResetPasswordInput};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use tower_sessions::Session;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::error::{ApiResult, Problem};
use crate::extract::{ApiJson, ClientIp, CurrentActor};
use crate::{ApiError, AppState};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login, me, logout))
        .routes(routes!(change_password))
        .routes(routes!(reset_password))
}

/// Change your password with your current one. Every other session of yours ends; this one
/// continues (under a new session id when it is a cookie session).
#[utoipa::path(put, path = "/api/v1/session/password", tag = "session", request_body = ChangePasswordInput,
    responses((status = 204), (status = 429, body = Problem)))]
async fn change_password(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ClientIp(source): ClientIp,
    session: Session,
    ApiJson(input): ApiJson<ChangePasswordInput>,
) -> ApiResult<StatusCode> {
    kith_app::credentials::change_own(state.app(), &actor, input, source).await?;
    if crate::web_session::user_of(&session)
        .await
        .ok()
        .flatten()
        .is_some()
    {
        crate::web_session::start(&session, actor.id)
            .await
            .map_err(session_err)?;
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Set a new password with the secret of a reset link an administrator sent. No login needed;
/// an unknown, used or expired link is a 404.
#[utoipa::path(post, path = "/api/v1/password-reset", tag = "session", request_body = ResetPasswordInput,
    responses((status = 204), (status = 404, body = Problem)))]
async fn reset_password(
    State(state): State<AppState>,
    ApiJson(input): ApiJson<ResetPasswordInput>,
) -> ApiResult<StatusCode> {
    kith_app::credentials::use_reset(state.app(), input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// E-mail and password. The password is a secret: its `Debug` shows no text.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginInput {
    pub email: String,
    #[schema(value_type = String, format = Password)]
    pub password: SecretString,
}

/// Log in: sets the session cookie (a new session id on every login).
#[utoipa::path(post, path = "/api/v1/session", tag = "session", request_body = LoginInput,
    responses((status = 200, body = Actor), (status = 401, body = Problem)))]
async fn login(
    State(state): State<AppState>,
    ClientIp(source): ClientIp,
    session: Session,
    ApiJson(input): ApiJson<LoginInput>,
) -> ApiResult<Json<Actor>> {
    let attempt = kith_app::auth::LoginAttempt {
        email: &input.email,
        password: input.password.expose_secret(),
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
    responses((status = 200, body = Actor)))]
async fn me(CurrentActor(actor): CurrentActor) -> Json<Actor> {
    Json(actor)
}

/// Log out: ends the session.
#[utoipa::path(delete, path = "/api/v1/session", tag = "session", responses((status = 204)))]
async fn logout(State(state): State<AppState>, session: Session) -> ApiResult<StatusCode> {
    let user = crate::web_session::user_of(&session).await.ok().flatten();
    session.flush().await.map_err(session_err)?;
    if let Some((user, _)) = user {
        kith_app::auth::logged_out(state.app(), user).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

pub(crate) fn session_err(e: tower_sessions::session::Error) -> ApiError {
    ApiError(crate::session_store::app_error(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_login_never_shows_its_password() {
        let input: LoginInput =
            serde_json::from_str(r#"{"email": "a@kith.test", "password": "hunter2-secret"}"#)
                .unwrap();
        let attempt = kith_app::auth::LoginAttempt {
            email: &input.email,
            password: input.password.expose_secret(),
            source: None,
        };
        for shown in [format!("{input:?}"), format!("{attempt:?}")] {
            assert!(!shown.contains("hunter2"), "{shown}");
            assert!(shown.contains("a@kith.test"), "{shown}");
        }
    }
}
