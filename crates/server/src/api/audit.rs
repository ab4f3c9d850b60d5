//! The audit trail for reviewers: leaders (their units) and the data-protection auditor.

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use kith_app::Paged;
use kith_app::audit_view::{AuditEntryView, AuditParams};
use kith_app::transfer::ExportFormat;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::AppState;
use crate::error::ApiResult;
use crate::extract::{ApiPath, ApiQuery, CurrentActor};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(export))
}

/// Who read or changed which child's data, and every privileged change, newest first;
/// filter by person, child, period (at most ten years) and kind. Reading it is recorded in it.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditParams),
    responses((status = 200, body = Paged<AuditEntryView>)))]
async fn list(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiQuery(q): ApiQuery<AuditParams>,
) -> ApiResult<Json<Paged<AuditEntryView>>> {
    Ok(Json(kith_app::audit_view::list(s.app(), &a, &q).await?))
}

/// The audit trail under the same filter as a file: `csv` or `xlsx` (at most 50,000 entries).
#[utoipa::path(get, path = "/api/v1/audit/export/{format}", tag = "audit",
    params(("format" = String, Path, description = "csv or xlsx"), AuditParams),
    responses((status = 200, description = "the file", content(
        (String = "text/csv"),
        (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
async fn export(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(format): ApiPath<String>,
    ApiQuery(q): ApiQuery<AuditParams>,
) -> ApiResult<Response> {
    let format = ExportFormat::parse(&format)?;
    let f = kith_app::audit_view::export(s.app(), &a, &q, format).await?;
    Ok(super::download(f))
}
