//! Exports (CSV, XLSX) and imports with a dry run.

use axum::extract::State;
use axum::response::Response;
use kith_app::dashboard::DashboardParams;
use kith_app::transfer::sheet::Audience;
use kith_app::transfer::{ExportFormat, ExportKind, ImportKind, ImportReport};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::AppState;
use crate::error::ApiResult;
use crate::extract::{ApiBytes, ApiPath, ApiQuery, CurrentActor};

/// The largest file an import takes.
const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(export))
        .routes(routes!(import))
}

/// For whom an export is written.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ExportParams {
    /// The language of headers, words, numbers and dates (default: `Accept-Language`, else
    /// your setting, else Danish). Pages link with their own language.
    lang: Option<kith_domain::Lang>,
    /// Codes instead of words, ISO dates and `,`-separated CSV without a byte-order mark: for
    /// integrations, and what an import reads back.
    #[serde(default)]
    codes: bool,
}

/// Download `children`, `placements`, `visits`, `goals` (with their progress) or `dashboard`
/// as `.csv` or `.xlsx`: what you may read, audited per child. Written for people in their
/// language (Danish CSV with `;`, a decimal comma and a byte-order mark, as Danish Excel
/// opens it; XLSX with real dates and a second worksheet of codes), or with `codes=true` for
/// programs.
#[utoipa::path(get, path = "/api/v1/exports/{file}", tag = "transfer",
    params(("file" = String, Path, description = "kind.format, e.g. goals.xlsx"), DashboardParams, ExportParams),
    responses((status = 200, description = "the file", content(
        (String = "text/csv"),
        (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
async fn export(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(file): ApiPath<String>,
    ApiQuery(q): ApiQuery<DashboardParams>,
    ApiQuery(e): ApiQuery<ExportParams>,
) -> ApiResult<Response> {
    let (kind, format) = file
        .split_once('.')
        .ok_or_else(|| kith_app::AppError::invalid("file", "problem.export_format"))?;
    let kind = ExportKind::parse(kind)?;
    let format = ExportFormat::parse(format)?;
    let audience = if e.codes {
        Audience::Codes
    } else {
        Audience::People(e.lang.unwrap_or_else(crate::error::answer_lang))
    };
    let f = kith_app::transfer::export(s.app(), &a, kind, format, &q, audience).await?;
    Ok(super::download(f))
}

/// Whether to only check the file.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ImportParams {
    /// Check every row and list the problems; write nothing.
    #[serde(default)]
    dry_run: bool,
}

/// Import `options` or `children` from a CSV or XLSX file sent as the body. Every row is
/// checked first; a dry run lists the problems by row and column and writes nothing; a real
/// run writes only if no row has a problem.
#[utoipa::path(post, path = "/api/v1/imports/{kind}", tag = "transfer",
    params(("kind" = String, Path, description = "options or children"), ImportParams),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = ImportReport)))]
async fn import(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(kind): ApiPath<String>,
    ApiQuery(q): ApiQuery<ImportParams>,
    ApiBytes(body): ApiBytes<MAX_IMPORT_BYTES>,
) -> ApiResult<axum::Json<ImportReport>> {
    let kind = ImportKind::parse(&kind)?;
    let mut report = kith_app::transfer::import(s.app(), &a, kind, &body, q.dry_run).await?;
    let lang = crate::error::answer_lang();
    for p in &mut report.problems {
        p.message = kith_text::render(lang, &p.said);
    }
    Ok(axum::Json(report))
}
