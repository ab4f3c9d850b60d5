//! The needs vocabulary.

use axum::Json;
use axum::extract::State;
use kith_app::needs::{NeedInput, NeedView};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::AppState;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiPath, CurrentActor};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(put))
}

/// The whole vocabulary, in display order.
#[utoipa::path(get, path = "/api/v1/needs", tag = "needs",
    responses((status = 200, body = Vec<NeedView>)))]
async fn list(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
) -> ApiResult<Json<Vec<NeedView>>> {
    Ok(Json(kith_app::needs::list(s.app(), &a).await?))
}

/// Create or replace an entry (administrators).
#[utoipa::path(put, path = "/api/v1/needs/{code}", tag = "needs", params(("code" = String, Path)), request_body = NeedInput,
    responses((status = 200, body = NeedView)))]
async fn put(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(code): ApiPath<String>,
    ApiJson(input): ApiJson<NeedInput>,
) -> ApiResult<Json<NeedView>> {
    Ok(Json(kith_app::needs::put(s.app(), &a, &code, input).await?))
}
