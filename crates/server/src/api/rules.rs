//! The rules as data (administrators change them).

use axum::Json;
use axum::extract::State;
use kith_app::rules::{RulesInput, RulesView};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::AppState;
use crate::error::ApiResult;
use crate::extract::{ApiJson, CurrentActor};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get, put))
}

/// The rules in force: matching weights, what each kind takes, distances, planned lengths.
#[utoipa::path(get, path = "/api/v1/rules", tag = "rules",
    responses((status = 200, body = RulesView)))]
async fn get(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
) -> ApiResult<Json<RulesView>> {
    Ok(Json(kith_app::rules::get(s.app(), &a).await?))
}

/// Replace rule sets (administrators); a set left out is kept.
#[utoipa::path(put, path = "/api/v1/rules", tag = "rules", request_body = RulesInput,
    responses((status = 200, body = RulesView)))]
async fn put(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiJson(input): ApiJson<RulesInput>,
) -> ApiResult<Json<RulesView>> {
    Ok(Json(kith_app::rules::put(s.app(), &a, input).await?))
}
