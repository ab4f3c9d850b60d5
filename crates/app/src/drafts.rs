//! Drafts of the long forms written about a child — a visit record, a plan review — kept for
//! their author while they write, so a session that times out, a closed lid or a lost
//! connection loses nothing typed (issue 17, point 11). The author finds the draft in the form
//! when they come back; saving the form, or discarding the draft, forgets it.

use chrono::{DateTime, Utc};
use kith_domain::ChildId;
use kith_domain::draft::{DRAFT_MAX_BYTES, DraftForm, kept_since};

use crate::audit::{self, AuditAction};
use crate::{Actor, App, AppError, Result};

/// A draft as its author left it: the form as the browser sent it, and when.
#[derive(Debug, Clone)]
pub struct Draft {
    pub body: String,
    pub saved_at: DateTime<Utc>,
}

/// The child whose case the form is about, when `actor` may save the form itself: a draft is
/// written by exactly those who may write the record.
async fn child_of(app: &App, actor: &Actor, form: DraftForm) -> Result<ChildId> {
    let placement = match form {
        DraftForm::VisitRecord(visit) => {
            let visit = crate::wheel::visits::changeable(app, actor, visit).await?;
            kith_store::placements::get(app.db().conn(), visit.placement_id)
                .await?
                .ok_or(AppError::NotFound("placement"))?
        }
        DraftForm::PlanReview(p) => crate::placements::review_recordable(app, actor, p).await?,
    };
    Ok(ChildId(placement.child_id))
}

/// What the draft is audited against: the visit, or the placement reviewed.
fn record_of(form: DraftForm) -> (&'static str, i64) {
    match form {
        DraftForm::VisitRecord(v) => ("visit", v.0),
        DraftForm::PlanReview(p) => ("placement", p.0),
    }
}

/// Keeps `body` (the form's fields, URL-encoded) as `actor`'s draft of `form`, audited as a
/// change to the child's data; drafts nobody came back to for 30 days are forgotten meanwhile.
/// A form with nothing written in it forgets its draft instead.
pub async fn save(app: &App, actor: &Actor, form: DraftForm, body: &str) -> Result<()> {
    if body.len() > DRAFT_MAX_BYTES {
        return Err(AppError::invalid("draft", "problem.draft_too_large"));
    }
    let child = child_of(app, actor, form).await?;
    let fields: Vec<(String, String)> = form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect();
    if !form.holds_writing(fields.iter().map(|(k, v)| (k.as_str(), v.as_str()))) {
        // Nothing written (or all of it emptied again): no draft to keep.
        kith_store::drafts::discard(app.db().conn(), actor.id.0, &form.key()).await?;
        return Ok(());
    }
    let now = app.now();
    let tx = app.db().begin_write().await?;
    kith_store::drafts::save(&tx, actor.id.0, &form.key(), body, now).await?;
    audit::by(app, actor)
        .changed(&tx, AuditAction::DraftSave, child, record_of(form))
        .await?;
    kith_store::drafts::forget_older(&tx, kept_since(now)).await?;
    tx.commit().await?;
    Ok(())
}

/// `actor`'s own draft of `form`, if they left one. Only its author ever reads a draft, on
/// the form's page, which checks and audits the reading of the case itself.
pub async fn of(app: &App, actor: &Actor, form: DraftForm) -> Result<Option<Draft>> {
    let since = kept_since(app.now());
    let row = kith_store::drafts::get(app.db().conn(), actor.id.0, &form.key(), since).await?;
    Ok(row.map(|r| Draft {
        body: r.body,
        saved_at: r.saved_at,
    }))
}

/// Forgets `actor`'s draft of `form`: they saved the form, or threw the draft away.
pub async fn discard(app: &App, actor: &Actor, form: DraftForm) -> Result<()> {
    kith_store::drafts::discard(app.db().conn(), actor.id.0, &form.key()).await?;
    Ok(())
}
