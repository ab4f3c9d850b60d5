//! API tokens: created, listed and revoked by their owner.

use axum::Extension;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use kith_app::tokens::{CreatedToken, NewTokenInput, TokenView};
use kith_domain::TokenId;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::AppState;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiPath, AuthKind, CurrentActor};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create, list))
        .routes(routes!(revoke))
}

/// Create a token for yourself, logged in with your password (a token cannot make another:
/// a stolen one would renew itself for ever). The secret is in this response only.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "session", request_body = NewTokenInput,
    responses((status = 201, body = CreatedToken)))]
async fn create(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    Extension(kind): Extension<AuthKind>,
    ApiJson(input): ApiJson<NewTokenInput>,
) -> ApiResult<(StatusCode, Json<CreatedToken>)> {
    if kind == AuthKind::Token {
        return Err(kith_app::AppError::forbidden(
            "an API token is made from a logged-in session, not with another token",
        )
        .into());
    }
    Ok((
        StatusCode::CREATED,
        Json(kith_app::tokens::create(s.app(), &a, input).await?),
    ))
}

/// Your tokens (never their secrets).
#[utoipa::path(get, path = "/api/v1/tokens", tag = "session",
    responses((status = 200, body = Vec<TokenView>)))]
async fn list(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
) -> ApiResult<Json<Vec<TokenView>>> {
    Ok(Json(kith_app::tokens::list(s.app(), &a).await?))
}

/// Revoke one of your tokens.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "session", params(("id" = i64, Path)),
    responses((status = 204)))]
async fn revoke(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    kith_app::tokens::revoke(s.app(), &a, TokenId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}
