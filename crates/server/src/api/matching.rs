//! Matching and allocation.

use axum::Json;
use axum::extract::State;
use kith_app::matching::allocation::{AllocationInput, AllocationView};
use kith_app::matching::{MatchParams, MatchView};
use kith_domain::ChildId;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::AppState;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiPath, ApiQuery, CurrentActor};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(matches))
        .routes(routes!(allocate))
}

/// Ranked, explained placement options for a child (or its sibling group), with every
/// excluded option and why, and a recommendation.
#[utoipa::path(get, path = "/api/v1/children/{id}/matches", tag = "matching", params(("id" = i64, Path), MatchParams),
    responses((status = 200, body = MatchView)))]
async fn matches(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<MatchParams>,
) -> ApiResult<Json<MatchView>> {
    Ok(Json(
        kith_app::matching::matches(s.app(), &a, ChildId(id), &q).await?,
    ))
}

/// Allocates several waiting children at once (sibling groups as units): the assignment with
/// the highest total score under every option's free places, and the greedy one beside it.
/// Books nothing.
#[utoipa::path(post, path = "/api/v1/allocations", tag = "matching", request_body = AllocationInput,
    responses((status = 200, body = AllocationView)))]
async fn allocate(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiJson(input): ApiJson<AllocationInput>,
) -> ApiResult<Json<AllocationView>> {
    Ok(Json(
        kith_app::matching::allocation::allocate(s.app(), &a, input).await?,
    ))
}
