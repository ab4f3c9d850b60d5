//! The organisation's units.

use axum::Json;
use axum::extract::State;
use kith_app::units::UnitView;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::AppState;
use crate::error::ApiResult;
use crate::extract::CurrentActor;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

/// All units.
#[utoipa::path(get, path = "/api/v1/units", tag = "users",
    responses((status = 200, body = Vec<UnitView>)))]
async fn list(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
) -> ApiResult<Json<Vec<UnitView>>> {
    Ok(Json(kith_app::units::list(s.app(), &a).await?))
}
