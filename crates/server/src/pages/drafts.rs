//! Drafts of the long forms: the page's script keeps what is typed in a visit record or a
//! plan review (`POST /drafts/{kind}/{id}`, the form's own fields), and a person throws a
//! draft away from the form (`POST /drafts/{kind}/{id}/discard`). The form's page fills itself
//! from its author's draft.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::post;
use kith_app::AppError;
use kith_domain::draft::DraftForm;

use super::{Ctx, PageActor, PageResult, fail, see_other};
use crate::AppState;
use crate::csrf::CSRF_FIELD;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/drafts/{kind}/{id}", post(save))
        .route("/drafts/{kind}/{id}/discard", post(discard))
}

/// The form named in the address, or the page that says there is none.
fn form_of(ctx: &Ctx, kind: &str, id: i64) -> Result<DraftForm, axum::response::Response> {
    DraftForm::parse(kind, id).ok_or_else(|| super::error_page(ctx, AppError::NotFound("draft")))
}

/// The page a draft's form is on.
pub fn form_page(form: DraftForm) -> String {
    match form {
        DraftForm::VisitRecord(v) => format!("/visits/{}", v.0),
        DraftForm::PlanReview(p) => format!("/placements/{}#reviews", p.0),
    }
}

/// The form's fields as the browser sent them, without the CSRF token (it belongs to the
/// session, not to what was typed).
fn typed_fields(body: &[u8]) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (name, value) in form_urlencoded::parse(body) {
        if name != CSRF_FIELD {
            out.append_pair(&name, &value);
        }
    }
    out.finish()
}

async fn save(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path((kind, id)): Path<(String, i64)>,
    body: Bytes,
) -> PageResult {
    let form = form_of(&ctx, &kind, id)?;
    kith_app::drafts::save(s.app(), &actor, form, &typed_fields(&body))
        .await
        .map_err(fail(&ctx))?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn discard(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path((kind, id)): Path<(String, i64)>,
) -> PageResult {
    let form = form_of(&ctx, &kind, id)?;
    kith_app::drafts::discard(s.app(), &actor, form)
        .await
        .map_err(fail(&ctx))?;
    Ok(see_other(&form_page(form)))
}

#[cfg(test)]
mod tests {
    use super::typed_fields;

    #[test]
    fn a_draft_keeps_what_was_typed_and_not_the_token() {
        let kept = typed_fields(
            b"csrf=secret&observations=Hun+viste+mig+v%C3%A6relset&fu_what=&fu_what=Ring",
        );
        assert_eq!(
            kept,
            "observations=Hun+viste+mig+v%C3%A6relset&fu_what=&fu_what=Ring"
        );
    }
}
