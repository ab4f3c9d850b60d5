//! The child's plan: a placement's goals, revising and closing a goal, progress entries, and
//! the placement's plan reviews.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use kith_app::goals::reviews::{ReviewInput, ReviewView};
use kith_app::goals::{GoalInput, GoalUpdateInput, GoalView, ProgressInput};
use kith_domain::{GoalId, PlacementId};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::AppState;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiPath, CurrentActor};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one, update))
        .routes(routes!(progress))
        .routes(routes!(reviews, record_review))
}

/// Every goal of a placement's plan (each version, oldest first) with its progress.
#[utoipa::path(get, path = "/api/v1/placements/{id}/goals", tag = "goals", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<GoalView>)))]
async fn list(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Vec<GoalView>>> {
    Ok(Json(
        kith_app::goals::list(s.app(), &a, PlacementId(id)).await?,
    ))
}

/// Add a goal to the plan. The case adviser or a team leader.
#[utoipa::path(post, path = "/api/v1/placements/{id}/goals", tag = "goals", params(("id" = i64, Path)), request_body = GoalInput,
    responses((status = 201, body = GoalView)))]
async fn create(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<GoalInput>,
) -> ApiResult<(StatusCode, Json<GoalView>)> {
    Ok((
        StatusCode::CREATED,
        Json(kith_app::goals::create(s.app(), &a, PlacementId(id), input).await?),
    ))
}

/// One goal version with its progress.
#[utoipa::path(get, path = "/api/v1/goals/{id}", tag = "goals", params(("id" = i64, Path)),
    responses((status = 200, body = GoalView)))]
async fn get_one(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<GoalView>> {
    Ok(Json(kith_app::goals::get(s.app(), &a, GoalId(id)).await?))
}

/// Revise a goal (a new version; the earlier is kept as `revised`) or close it with a status.
#[utoipa::path(patch, path = "/api/v1/goals/{id}", tag = "goals", params(("id" = i64, Path)), request_body = GoalUpdateInput,
    responses((status = 200, body = GoalView)))]
async fn update(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<GoalUpdateInput>,
) -> ApiResult<Json<GoalView>> {
    Ok(Json(
        kith_app::goals::update(s.app(), &a, GoalId(id), input).await?,
    ))
}

/// Record progress on an active goal.
#[utoipa::path(post, path = "/api/v1/goals/{id}/progress", tag = "goals", params(("id" = i64, Path)), request_body = ProgressInput,
    responses((status = 201, body = GoalView)))]
async fn progress(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<ProgressInput>,
) -> ApiResult<(StatusCode, Json<GoalView>)> {
    Ok((
        StatusCode::CREATED,
        Json(kith_app::goals::record_progress(s.app(), &a, GoalId(id), input).await?),
    ))
}

/// The placement's recorded plan reviews, oldest first.
#[utoipa::path(get, path = "/api/v1/placements/{id}/reviews", tag = "goals", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<ReviewView>)))]
async fn reviews(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Vec<ReviewView>>> {
    Ok(Json(
        kith_app::goals::reviews::list(s.app(), &a, PlacementId(id)).await?,
    ))
}

/// Record the placement's next planned review as held: each active goal's outcome, the
/// decision, the rhythm from now on (re-plans the reviews) and the child's view.
#[utoipa::path(post, path = "/api/v1/placements/{id}/reviews", tag = "goals", params(("id" = i64, Path)), request_body = ReviewInput,
    responses((status = 201, body = ReviewView)))]
async fn record_review(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<ReviewInput>,
) -> ApiResult<(StatusCode, Json<ReviewView>)> {
    Ok((
        StatusCode::CREATED,
        Json(kith_app::goals::reviews::record(s.app(), &a, PlacementId(id), input).await?),
    ))
}
