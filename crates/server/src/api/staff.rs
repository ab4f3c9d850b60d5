//! The staff directory (names and ids, for choosing an adviser or consultant).

use axum::Json;
use axum::extract::State;
use kith_app::staff::StaffRef;
use kith_domain::Role;
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::AppState;
use crate::error::ApiResult;
use crate::extract::{ApiQuery, CurrentActor};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

/// Which staff to list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StaffQuery {
    pub role: Role,
}

/// Active staff holding a role, by name.
#[utoipa::path(get, path = "/api/v1/staff", tag = "users", params(StaffQuery),
    responses((status = 200, body = Vec<StaffRef>)))]
async fn list(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiQuery(q): ApiQuery<StaffQuery>,
) -> ApiResult<Json<Vec<StaffRef>>> {
    Ok(Json(kith_app::staff::with_role(s.app(), &a, q.role).await?))
}
