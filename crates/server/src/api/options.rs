//! Placement options.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use kith_app::Paged;
use kith_app::options::{OptionDetail, OptionInput, OptionListParams, OptionSummary};
use kith_domain::PlacementOptionId;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::AppState;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiPath, ApiQuery, CurrentActor};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one, update))
        .routes(routes!(confirm_capacity))
        .routes(routes!(set_household))
}

/// The options you may see, by name, with computed free places.
#[utoipa::path(get, path = "/api/v1/placement-options", tag = "placement options", params(OptionListParams),
    responses((status = 200, body = Paged<OptionSummary>)))]
async fn list(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiQuery(q): ApiQuery<OptionListParams>,
) -> ApiResult<Json<Paged<OptionSummary>>> {
    Ok(Json(kith_app::options::list(s.app(), &a, &q).await?))
}

/// Register an option.
#[utoipa::path(post, path = "/api/v1/placement-options", tag = "placement options", request_body = OptionInput,
    responses((status = 201, body = OptionDetail)))]
async fn create(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiJson(input): ApiJson<OptionInput>,
) -> ApiResult<(StatusCode, Json<OptionDetail>)> {
    Ok((
        StatusCode::CREATED,
        Json(kith_app::options::create(s.app(), &a, input).await?),
    ))
}

/// An option's whole record.
#[utoipa::path(get, path = "/api/v1/placement-options/{id}", tag = "placement options", params(("id" = i64, Path)),
    responses((status = 200, body = OptionDetail)))]
async fn get_one(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<OptionDetail>> {
    Ok(Json(
        kith_app::options::get(s.app(), &a, PlacementOptionId(id)).await?,
    ))
}

/// Replace an option's record.
#[utoipa::path(put, path = "/api/v1/placement-options/{id}", tag = "placement options", params(("id" = i64, Path)), request_body = OptionInput,
    responses((status = 200, body = OptionDetail)))]
async fn update(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<OptionInput>,
) -> ApiResult<Json<OptionDetail>> {
    Ok(Json(
        kith_app::options::update(s.app(), &a, PlacementOptionId(id), input).await?,
    ))
}

/// Record the children living in the family's home that Kith did not place (the carers' own,
/// children placed by others), as the family has just confirmed them: matching weighs them
/// for its stability flags and shows the day.
#[utoipa::path(put, path = "/api/v1/placement-options/{id}/household", tag = "placement options", params(("id" = i64, Path)), request_body = kith_app::options::HouseholdInput,
    responses((status = 200, body = OptionDetail)))]
async fn set_household(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<kith_app::options::HouseholdInput>,
) -> ApiResult<Json<OptionDetail>> {
    Ok(Json(
        kith_app::options::set_household(s.app(), &a, PlacementOptionId(id), input).await?,
    ))
}

/// Record that you have just confirmed the free places with the family or institution.
#[utoipa::path(post, path = "/api/v1/placement-options/{id}/capacity-confirmation", tag = "placement options", params(("id" = i64, Path)),
    responses((status = 200, body = OptionDetail)))]
async fn confirm_capacity(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<OptionDetail>> {
    Ok(Json(
        kith_app::options::confirm_capacity(s.app(), &a, PlacementOptionId(id)).await?,
    ))
}
