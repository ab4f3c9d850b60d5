//! Proposals and their decisions.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use kith_app::Paged;
use kith_app::proposals::{
    ApproveInput, NewProposalInput, ProposalListParams, ProposalSummary, ProposalView, RejectInput,
};
use kith_domain::ProposalId;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::AppState;
use crate::error::{ApiResult, Problem};
use crate::extract::{ApiJson, ApiPath, ApiQuery, CurrentActor};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one))
        .routes(routes!(submit))
        .routes(routes!(approve))
        .routes(routes!(reject))
        .routes(routes!(withdraw))
}

/// Proposals for children you may see, newest first; `status=submitted` lists those awaiting
/// a decision.
#[utoipa::path(get, path = "/api/v1/proposals", tag = "proposals", params(ProposalListParams),
    responses((status = 200, body = Paged<ProposalSummary>)))]
async fn list(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiQuery(q): ApiQuery<ProposalListParams>,
) -> ApiResult<Json<Paged<ProposalSummary>>> {
    Ok(Json(kith_app::proposals::list(s.app(), &a, &q).await?))
}

/// Propose an option from the current match result (submitted at once unless `submit` is false).
#[utoipa::path(post, path = "/api/v1/proposals", tag = "proposals", request_body = NewProposalInput,
    responses((status = 201, body = ProposalView), (status = 404, body = Problem)))]
async fn create(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiJson(input): ApiJson<NewProposalInput>,
) -> ApiResult<(StatusCode, Json<ProposalView>)> {
    Ok((
        StatusCode::CREATED,
        Json(kith_app::proposals::create(s.app(), &a, input).await?),
    ))
}

/// A proposal with the scores and reasons frozen as they were.
#[utoipa::path(get, path = "/api/v1/proposals/{id}", tag = "proposals", params(("id" = i64, Path)),
    responses((status = 200, body = ProposalView)))]
async fn get_one(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<ProposalView>> {
    Ok(Json(
        kith_app::proposals::get(s.app(), &a, ProposalId(id)).await?,
    ))
}

/// Send a draft to the leaders (the proposer).
#[utoipa::path(post, path = "/api/v1/proposals/{id}/submit", tag = "proposals", params(("id" = i64, Path)),
    responses((status = 200, body = ProposalView)))]
async fn submit(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<ProposalView>> {
    Ok(Json(
        kith_app::proposals::submit(s.app(), &a, ProposalId(id)).await?,
    ))
}

/// Approve (a leader): makes the placement(s) and takes the place(s). The last free place
/// goes to one approval only; the others get 409.
#[utoipa::path(post, path = "/api/v1/proposals/{id}/approve", tag = "proposals", params(("id" = i64, Path)), request_body = ApproveInput,
    responses((status = 200, body = ProposalView)))]
async fn approve(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<ApproveInput>,
) -> ApiResult<Json<ProposalView>> {
    Ok(Json(
        kith_app::proposals::approve(s.app(), &a, ProposalId(id), input).await?,
    ))
}

/// Reject (a leader), with the reason.
#[utoipa::path(post, path = "/api/v1/proposals/{id}/reject", tag = "proposals", params(("id" = i64, Path)), request_body = RejectInput,
    responses((status = 200, body = ProposalView)))]
async fn reject(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<RejectInput>,
) -> ApiResult<Json<ProposalView>> {
    Ok(Json(
        kith_app::proposals::reject(s.app(), &a, ProposalId(id), input).await?,
    ))
}

/// Withdraw before a decision (the proposer).
#[utoipa::path(post, path = "/api/v1/proposals/{id}/withdraw", tag = "proposals", params(("id" = i64, Path)),
    responses((status = 200, body = ProposalView)))]
async fn withdraw(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<ProposalView>> {
    Ok(Json(
        kith_app::proposals::withdraw(s.app(), &a, ProposalId(id)).await?,
    ))
}
