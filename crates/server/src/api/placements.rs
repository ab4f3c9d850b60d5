//! Placements: list, read, change the consultant, review rhythm or exit plan, extend a stay,
//! end; a placement's year.

use axum::Json;
use axum::extract::State;
use chrono::NaiveDate;
use kith_app::Paged;
use kith_app::hand_over::{HandOverInput, HandOverResult};
use kith_app::placements::{
    EndPlacementInput, ExtendStayInput, PlacementListParams, PlacementUpdateInput, PlacementView,
};
use kith_app::wheel::year::YearView;
use kith_domain::PlacementId;
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::AppState;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiPath, ApiQuery, CurrentActor};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(get_one, update))
        .routes(routes!(end))
        .routes(routes!(extend))
        .routes(routes!(year))
        .routes(routes!(hand_over))
}

/// Hand several placements to another consultant at once (team leaders): every placement or
/// none; each change is logged for the continuity figure and the wheels re-planned.
#[utoipa::path(post, path = "/api/v1/placements/hand-over", tag = "placements", request_body = HandOverInput,
    responses((status = 200, body = HandOverResult)))]
async fn hand_over(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiJson(input): ApiJson<HandOverInput>,
) -> ApiResult<Json<HandOverResult>> {
    Ok(Json(
        kith_app::hand_over::hand_over(s.app(), &a, input).await?,
    ))
}

/// Placements whose follow-up you reach.
#[utoipa::path(get, path = "/api/v1/placements", tag = "placements", params(PlacementListParams),
    responses((status = 200, body = Paged<PlacementView>)))]
async fn list(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiQuery(q): ApiQuery<PlacementListParams>,
) -> ApiResult<Json<Paged<PlacementView>>> {
    Ok(Json(kith_app::placements::list(s.app(), &a, &q).await?))
}

/// One placement.
#[utoipa::path(get, path = "/api/v1/placements/{id}", tag = "placements", params(("id" = i64, Path)),
    responses((status = 200, body = PlacementView)))]
async fn get_one(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<PlacementView>> {
    Ok(Json(
        kith_app::placements::get(s.app(), &a, PlacementId(id)).await?,
    ))
}

/// Change the consultant (the planned visits move to the new one) or the review rhythm (the
/// reviews are re-planned). The case adviser or a team leader.
#[utoipa::path(patch, path = "/api/v1/placements/{id}", tag = "placements", params(("id" = i64, Path)), request_body = PlacementUpdateInput,
    responses((status = 200, body = PlacementView)))]
async fn update(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<PlacementUpdateInput>,
) -> ApiResult<Json<PlacementView>> {
    Ok(Json(
        kith_app::placements::update(s.app(), &a, PlacementId(id), input).await?,
    ))
}

/// End a placement: its planned visits after the end are cancelled with that reason, and the
/// plan's active goals are closed.
#[utoipa::path(post, path = "/api/v1/placements/{id}/end", tag = "placements", params(("id" = i64, Path)), request_body = EndPlacementInput,
    responses((status = 200, body = PlacementView)))]
async fn end(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<EndPlacementInput>,
) -> ApiResult<Json<PlacementView>> {
    Ok(Json(
        kith_app::placements::end(s.app(), &a, PlacementId(id), input).await?,
    ))
}

/// Extend a short stay: a later planned end and the reason (the history is kept).
#[utoipa::path(post, path = "/api/v1/placements/{id}/extend", tag = "placements", params(("id" = i64, Path)), request_body = ExtendStayInput,
    responses((status = 200, body = PlacementView)))]
async fn extend(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<ExtendStayInput>,
) -> ApiResult<Json<PlacementView>> {
    Ok(Json(
        kith_app::placements::extend_stay(s.app(), &a, PlacementId(id), input).await?,
    ))
}

/// Which twelve months to show.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct YearParams {
    /// A day in the first month (default: today).
    from: Option<NaiveDate>,
}

/// A placement's year: twelve months with its visits and reviews, held and planned.
#[utoipa::path(get, path = "/api/v1/placements/{id}/year", tag = "placements", params(("id" = i64, Path), YearParams),
    responses((status = 200, body = YearView)))]
async fn year(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<YearParams>,
) -> ApiResult<Json<YearView>> {
    Ok(Json(
        kith_app::wheel::year::year(s.app(), &a, PlacementId(id), q.from).await?,
    ))
}
