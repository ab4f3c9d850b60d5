//! Cover when someone is away: a person's named stand-ins, naming one, ending one.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use kith_app::cover::{CoverInput, CoverView, CoversOf};
use kith_domain::UserId;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::AppState;
use crate::error::{ApiResult, Problem};
use crate::extract::{ApiJson, ApiPath, CurrentActor};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(covers_of, name_stand_in))
        .routes(routes!(end_cover))
}

/// A person's stand-ins from today on, and the colleagues who may stand in (the person,
/// their team leader, an administrator).
#[utoipa::path(get, path = "/api/v1/users/{id}/covers", tag = "visits", params(("id" = i64, Path)),
    responses((status = 200, body = CoversOf), (status = 404, body = Problem)))]
async fn covers_of(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<CoversOf>> {
    Ok(Json(
        kith_app::cover::of_person(s.app(), &a, UserId(id)).await?,
    ))
}

/// Name a colleague as the person's stand-in for a period: while it runs, the stand-in
/// reaches the person's cases and has their items on the week and in the digest.
#[utoipa::path(post, path = "/api/v1/users/{id}/covers", tag = "visits", params(("id" = i64, Path)), request_body = CoverInput,
    responses((status = 201, body = CoverView), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn name_stand_in(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<CoverInput>,
) -> ApiResult<(StatusCode, Json<CoverView>)> {
    Ok((
        StatusCode::CREATED,
        Json(kith_app::cover::name(s.app(), &a, UserId(id), input).await?),
    ))
}

/// End a cover: one not begun is removed, a running one ends yesterday.
#[utoipa::path(delete, path = "/api/v1/covers/{id}", tag = "visits", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = Problem)))]
async fn end_cover(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    kith_app::cover::end(s.app(), &a, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
