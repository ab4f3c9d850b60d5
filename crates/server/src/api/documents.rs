//! Documents for the family as PDF: the child's plan, a held visit's note or summary, the
//! decision on a proposal. Whoever may read the record may make its document; each is audited.

use axum::extract::State;
use axum::response::Response;
use kith_app::documents::DocumentOf;
use kith_domain::{Lang, PlacementId, ProposalId, VisitId};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::AppState;
use crate::error::{ApiResult, Problem};
use crate::extract::{ApiPath, ApiQuery, CurrentActor};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(plan))
        .routes(routes!(visit))
        .routes(routes!(decision))
}

/// The language a document is written in.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct DocumentParams {
    /// `da` or `en` (default: `Accept-Language`, else your setting, else Danish).
    pub lang: Option<Lang>,
}

async fn pdf(
    s: &AppState,
    a: &kith_app::Actor,
    of: DocumentOf,
    q: DocumentParams,
) -> ApiResult<Response> {
    let lang = q.lang.unwrap_or_else(crate::error::answer_lang);
    let f = kith_app::documents::pdf(s.app(), a, of, lang).await?;
    Ok(super::download(f))
}

/// The child's plan of a placement as a PDF: the goals in force, how each is measured and has
/// come, the open agreements and the next plan review. No CPR number.
#[utoipa::path(get, path = "/api/v1/placements/{id}/documents/plan", tag = "documents",
    params(("id" = i64, Path), DocumentParams),
    responses((status = 200, description = "the PDF", content((Vec<u8> = "application/pdf")))))]
async fn plan(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<DocumentParams>,
) -> ApiResult<Response> {
    pdf(&s, &a, DocumentOf::Plan(PlacementId(id)), q).await
}

/// A held visit as a PDF: the note of a plan review, or for any other visit a summary for the
/// foster family (without the child's words or the consultant's observations). A visit not
/// held yet is a conflict (409).
#[utoipa::path(get, path = "/api/v1/visits/{id}/document", tag = "documents",
    params(("id" = i64, Path), DocumentParams),
    responses((status = 200, description = "the PDF", content((Vec<u8> = "application/pdf"))),
        (status = 409, description = "The visit is not held yet, or is a decision recorded on the placement", body = Problem)))]
async fn visit(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<DocumentParams>,
) -> ApiResult<Response> {
    pdf(&s, &a, DocumentOf::Visit(VisitId(id)), q).await
}

/// The decision on a proposal as a PDF: the place, the start, what was decided, by whom and
/// why. A proposal not decided yet is a conflict (409).
#[utoipa::path(get, path = "/api/v1/proposals/{id}/document", tag = "documents",
    params(("id" = i64, Path), DocumentParams),
    responses((status = 200, description = "the PDF", content((Vec<u8> = "application/pdf"))),
        (status = 409, description = "The proposal is not decided yet", body = Problem)))]
async fn decision(
    State(s): State<AppState>,
    CurrentActor(a): CurrentActor,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<DocumentParams>,
) -> ApiResult<Response> {
    pdf(&s, &a, DocumentOf::Decision(ProposalId(id)), q).await
}
