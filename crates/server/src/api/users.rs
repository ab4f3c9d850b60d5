//! User administration (administrators only).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use kith_app::sign_in::identities::IdentityView;
use kith_app::tokens::TokenView;
use kith_app::users::{NewUserInput, UserUpdateInput, UserView};
use kith_app::{PageParams, Paged};
use kith_domain::{TokenId, UserId};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::AppState;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiPath, ApiQuery, CurrentActor};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one, update))
        .routes(routes!(tokens_of_user))
        .routes(routes!(revoke_token_of_user))
        .routes(routes!(end_sessions))
        .routes(routes!(send_password_reset))
        .routes(routes!(identities_of_user, unlink_identities))
}

/// The identity providers a user is linked to (administrators): that the link is there and
/// when it was last used, never the provider's subject.
#[utoipa::path(get, path = "/api/v1/users/{id}/identities", tag = "users", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<IdentityView>)))]
async fn identities_of_user(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Vec<IdentityView>>> {
    Ok(Json(
        kith_app::sign_in::identities::of_user(s.app(), &a, UserId(id)).await?,
    ))
}

/// Undo a user's links to the identity providers (administrators; audited): their next
/// sign-in through a provider links again, as a first one does.
#[utoipa::path(delete, path = "/api/v1/users/{id}/identities", tag = "users", params(("id" = i64, Path)),
    responses((status = 204)))]
async fn unlink_identities(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    kith_app::sign_in::identities::unlink(s.app(), &a, UserId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A user's API tokens (administrators): to find and revoke a lost one.
#[utoipa::path(get, path = "/api/v1/users/{id}/tokens", tag = "users", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<TokenView>)))]
async fn tokens_of_user(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Vec<TokenView>>> {
    Ok(Json(
        kith_app::tokens::list_of_user(s.app(), &a, UserId(id)).await?,
    ))
}

/// Revoke a user's API token (administrators). Audited.
#[utoipa::path(delete, path = "/api/v1/users/{id}/tokens/{token_id}", tag = "users",
    params(("id" = i64, Path), ("token_id" = i64, Path)),
    responses((status = 204)))]
async fn revoke_token_of_user(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath((id, token_id)): ApiPath<(i64, i64)>,
) -> ApiResult<StatusCode> {
    kith_app::tokens::revoke_of_user(s.app(), &a, UserId(id), TokenId(token_id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// End every session of a user ("log out everywhere"): your own, or anyone's as an
/// administrator. Audited.
#[utoipa::path(delete, path = "/api/v1/users/{id}/sessions", tag = "users", params(("id" = i64, Path)),
    responses((status = 204)))]
async fn end_sessions(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    kith_app::users::end_sessions(s.app(), &a, UserId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// E-mail a user a one-time link to choose a new password (administrators; valid 24 hours).
/// Audited.
#[utoipa::path(post, path = "/api/v1/users/{id}/password-reset", tag = "users", params(("id" = i64, Path)),
    responses((status = 202)))]
async fn send_password_reset(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    kith_app::credentials::send_reset(s.app(), &a, UserId(id)).await?;
    Ok(StatusCode::ACCEPTED)
}

/// All users, by name.
#[utoipa::path(get, path = "/api/v1/users", tag = "users", params(PageParams),
    responses((status = 200, body = Paged<UserView>)))]
async fn list(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiQuery(page): ApiQuery<PageParams>,
) -> ApiResult<Json<Paged<UserView>>> {
    Ok(Json(kith_app::users::list(s.app(), &a, &page).await?))
}

/// Create a user.
#[utoipa::path(post, path = "/api/v1/users", tag = "users", request_body = NewUserInput,
    responses((status = 201, body = UserView)))]
async fn create(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiJson(input): ApiJson<NewUserInput>,
) -> ApiResult<(StatusCode, Json<UserView>)> {
    Ok((
        StatusCode::CREATED,
        Json(kith_app::users::create(s.app(), &a, input).await?),
    ))
}

/// One user.
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users", params(("id" = i64, Path)),
    responses((status = 200, body = UserView)))]
async fn get_one(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<UserView>> {
    Ok(Json(kith_app::users::get(s.app(), &a, UserId(id)).await?))
}

/// Change a user: name, e-mail, roles, units, language, active.
#[utoipa::path(put, path = "/api/v1/users/{id}", tag = "users", params(("id" = i64, Path)), request_body = UserUpdateInput,
    responses((status = 200, body = UserView)))]
async fn update(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<UserUpdateInput>,
) -> ApiResult<Json<UserView>> {
    Ok(Json(
        kith_app::users::update(s.app(), &a, UserId(id), input).await?,
    ))
}
