//! Visits and plan reviews of the annual wheel: list, read, record, move, cancel; planning;
//! closing an agreement made at a visit.

use axum::Json;
use axum::extract::State;
use kith_app::Paged;
use kith_app::wheel::PlanSummary;
use kith_app::wheel::agreements::CloseAgreementInput;
use kith_app::wheel::views::FollowUpView;
use kith_app::wheel::views::VisitView;
use kith_app::wheel::visits::{
    CancelVisitInput, MoveVisitInput, RecordVisitInput, VisitDetail, VisitListParams,
};
use kith_domain::{FollowUpId, VisitId};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::AppState;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiPath, ApiQuery, CurrentActor};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(get_one))
        .routes(routes!(record))
        .routes(routes!(move_visit))
        .routes(routes!(cancel))
        .routes(routes!(close_agreement))
        .routes(routes!(plan))
}

/// Visits and plan reviews you follow up (yours, and your placements'), by planned day.
#[utoipa::path(get, path = "/api/v1/visits", tag = "visits", params(VisitListParams),
    responses((status = 200, body = Paged<VisitView>)))]
async fn list(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiQuery(q): ApiQuery<VisitListParams>,
) -> ApiResult<Json<Paged<VisitView>>> {
    Ok(Json(kith_app::wheel::visits::list(s.app(), &a, &q).await?))
}

/// One visit, with the follow-ups still open from earlier visits to the placement.
#[utoipa::path(get, path = "/api/v1/visits/{id}", tag = "visits", params(("id" = i64, Path)),
    responses((status = 200, body = VisitDetail)))]
async fn get_one(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<VisitDetail>> {
    Ok(Json(
        kith_app::wheel::visits::get(s.app(), &a, VisitId(id)).await?,
    ))
}

/// Record a held visit: when, by whom, whether the child was seen alone (and why not), the
/// child's own view, observations, agreed follow-ups. The next visit of the kind is re-planned
/// from the day it was held. A future date is refused (422); a cancelled or already recorded
/// visit is a conflict (409).
#[utoipa::path(post, path = "/api/v1/visits/{id}/record", tag = "visits", params(("id" = i64, Path)), request_body = RecordVisitInput,
    responses((status = 200, body = VisitDetail)))]
async fn record(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<RecordVisitInput>,
) -> ApiResult<Json<VisitDetail>> {
    Ok(Json(
        kith_app::wheel::visits::record(s.app(), &a, VisitId(id), input).await?,
    ))
}

/// Move a planned visit to another working day; a reason is required. The planner keeps the
/// new day.
#[utoipa::path(post, path = "/api/v1/visits/{id}/move", tag = "visits", params(("id" = i64, Path)), request_body = MoveVisitInput,
    responses((status = 200, body = VisitDetail)))]
async fn move_visit(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<MoveVisitInput>,
) -> ApiResult<Json<VisitDetail>> {
    Ok(Json(
        kith_app::wheel::visits::move_visit(s.app(), &a, VisitId(id), input).await?,
    ))
}

/// Cancel a planned visit with a reason. The obligation stays: a new visit is planned in its
/// place.
#[utoipa::path(post, path = "/api/v1/visits/{id}/cancel", tag = "visits", params(("id" = i64, Path)), request_body = CancelVisitInput,
    responses((status = 200, body = VisitDetail)))]
async fn cancel(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<CancelVisitInput>,
) -> ApiResult<Json<VisitDetail>> {
    Ok(Json(
        kith_app::wheel::visits::cancel(s.app(), &a, VisitId(id), input).await?,
    ))
}

/// Mark an open agreement made at a visit done (with a note, if you like) or dropped (with
/// the reason). Whoever follows the placement up may; it closes once (409 after that).
#[utoipa::path(post, path = "/api/v1/agreements/{id}/close", tag = "visits", params(("id" = i64, Path)), request_body = CloseAgreementInput,
    responses((status = 200, body = FollowUpView)))]
async fn close_agreement(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<CloseAgreementInput>,
) -> ApiResult<Json<FollowUpView>> {
    Ok(Json(
        kith_app::wheel::agreements::close(s.app(), &a, FollowUpId(id), input).await?,
    ))
}

/// Plan every placement's year now (team leaders, administrators). Idempotent: a second call
/// changes nothing. The nightly job does the same.
#[utoipa::path(post, path = "/api/v1/visit-plans", tag = "visits",
    responses((status = 200, body = PlanSummary)))]
async fn plan(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
) -> ApiResult<Json<PlanSummary>> {
    Ok(Json(kith_app::wheel::plan::plan_all(s.app(), &a).await?))
}
