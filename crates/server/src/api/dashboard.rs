//! The momentum dashboard and the adviser's caseload.

use axum::Json;
use axum::extract::State;
use kith_app::caseload::{CaseloadEntry, CaseloadPage, CaseloadParams};
use kith_app::dashboard::{Dashboard, DashboardParams};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::AppState;
use crate::error::{ApiResult, Problem};
use crate::extract::{ApiQuery, CurrentActor};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(dashboard))
        .routes(routes!(caseload))
        .routes(routes!(caseload_page))
}

/// The momentum dashboard for a unit and period (definitions in docs/METRICS.md). Team
/// leaders (their units) and administrators.
#[utoipa::path(get, path = "/api/v1/dashboard", tag = "dashboard", params(DashboardParams),
    responses((status = 200, body = Dashboard)))]
async fn dashboard(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiQuery(q): ApiQuery<DashboardParams>,
) -> ApiResult<Json<Dashboard>> {
    Ok(Json(kith_app::dashboard::dashboard(s.app(), &a, &q).await?))
}

/// Your current placements with their goals' state and signals, the most urgent first.
#[utoipa::path(get, path = "/api/v1/caseload", tag = "dashboard",
    responses((status = 200, body = Vec<CaseloadEntry>)))]
async fn caseload(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
) -> ApiResult<Json<Vec<CaseloadEntry>>> {
    Ok(Json(kith_app::caseload::caseload(s.app(), &a).await?))
}

/// One page (50) of a caseload, the most urgent first, narrowed to one of the leader's units or
/// one person: for a team leader, every placement of the teams they lead; for others, their
/// own. The same reader as the caseload page.
#[utoipa::path(get, path = "/api/v1/caseload/page", tag = "dashboard", params(CaseloadParams),
    responses((status = 200, body = CaseloadPage), (status = 404, body = Problem)))]
async fn caseload_page(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiQuery(q): ApiQuery<CaseloadParams>,
) -> ApiResult<Json<CaseloadPage>> {
    Ok(Json(
        kith_app::caseload::caseload_page(s.app(), &a, &q).await?,
    ))
}
