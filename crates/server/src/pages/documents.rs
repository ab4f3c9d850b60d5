//! Documents for the family, print-ready: the same document as the PDF, laid out as a page
//! with buttons to print it, to download the PDF and to switch its language. Links come from
//! the placement page (the child's plan), a held visit's page and a decided proposal's page.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use axum::routing::get;
use kith_app::documents::{Document, DocumentOf};
use kith_domain::{Lang, PlacementId, ProposalId, VisitId};
use serde::Deserialize;

use super::{Ctx, PageActor, PageResult, fail};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/placements/{id}/documents/plan", get(plan))
        .route("/visits/{id}/document", get(visit))
        .route("/proposals/{id}/document", get(decision))
}

/// The document's language (default: the page's).
#[derive(Debug, Default, Deserialize)]
struct DocumentQuery {
    lang: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/document.html")]
struct DocumentPage {
    ctx: Ctx,
    d: Document,
    /// Where the PDF of this document is.
    pdf: String,
    /// This page with the document in the other language.
    other: String,
    /// The page the document was made from.
    back: String,
    other_lang: Lang,
    /// The switch's words, in the language it switches to.
    other_label: &'static str,
}

async fn page(
    s: &AppState,
    actor: &kith_app::Actor,
    ctx: Ctx,
    (of, path, back): (DocumentOf, String, String),
    q: DocumentQuery,
) -> PageResult {
    let lang = q
        .lang
        .and_then(|l| l.parse::<Lang>().ok())
        .unwrap_or(ctx.lang);
    let ctx_lang = ctx.lang;
    let made = kith_app::documents::make(s.app(), actor, of, lang)
        .await
        .map_err(fail(&ctx))?;
    let other_lang = match lang {
        Lang::Da => Lang::En,
        Lang::En => Lang::Da,
    };
    let api = format!("/api/v1{path}");
    Ok(DocumentPage {
        ctx,
        d: made.document,
        pdf: format!("{api}?lang={}", lang.as_str()),
        other: format!("{path}?lang={}", other_lang.as_str()),
        back,
        other_lang,
        other_label: kith_text::t(
            ctx_lang,
            match other_lang {
                Lang::En => "document.in_english",
                Lang::Da => "document.in_danish",
            },
        ),
    }
    .into_response())
}

async fn plan(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    Query(q): Query<DocumentQuery>,
) -> PageResult {
    let of = DocumentOf::Plan(PlacementId(id));
    let path = format!("/placements/{id}/documents/plan");
    page(&s, &actor, ctx, (of, path, format!("/placements/{id}")), q).await
}

async fn visit(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    Query(q): Query<DocumentQuery>,
) -> PageResult {
    let of = DocumentOf::Visit(VisitId(id));
    let path = format!("/visits/{id}/document");
    page(&s, &actor, ctx, (of, path, format!("/visits/{id}")), q).await
}

async fn decision(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    Query(q): Query<DocumentQuery>,
) -> PageResult {
    let of = DocumentOf::Decision(ProposalId(id));
    let path = format!("/proposals/{id}/document");
    page(&s, &actor, ctx, (of, path, format!("/proposals/{id}")), q).await
}
