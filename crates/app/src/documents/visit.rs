//! A held visit's document: the note of a plan review, or a summary for the foster family that
//! holds only what [`VisitPart::in_family_summary`] lets it — what was done and agreed, and
//! when the next visit is — never the child's own words nor the consultant's observations.

use kith_domain::VisitId;
use kith_domain::document::{DocumentKind, VisitPart};
use kith_domain::wheel::VisitStatus;

use super::words::Words;
use super::{Block, Made};
use crate::{Actor, App, AppError, Result};

pub(super) async fn make(app: &App, actor: &Actor, id: VisitId, w: &Words) -> Result<Made> {
    let row = crate::wheel::visits::visible(app, actor, id).await?;
    let Some(kind) = DocumentKind::of_visit(*row.kind) else {
        return Err(AppError::conflict("kind", "problem.document_none_for_kind"));
    };
    if *row.status != VisitStatus::Held {
        return Err(AppError::conflict("status", "problem.document_not_held"));
    }
    match kind {
        DocumentKind::PlanReview => super::review::make(app, actor, row, w).await,
        _ => summary(app, row, w).await,
    }
}

async fn summary(app: &App, row: kith_store::entities::visit::Model, w: &Words) -> Result<Made> {
    let conn = app.db().conn();
    let next = kith_store::visits::of_placement(conn, row.placement_id)
        .await?
        .into_iter()
        .filter(|v| *v.status == VisitStatus::Planned && !v.kind.is_review())
        .filter(|v| v.planned_on >= app.today())
        .map(|v| v.planned_on)
        .min();
    let agreed = kith_store::visits::follow_ups_of_visits(conn, &[row.id]).await?;
    let view = crate::wheel::views::build(app, vec![row])
        .await?
        .pop()
        .ok_or(AppError::NotFound("visit"))?;
    let record = view.record.as_ref();
    let mut facts = vec![
        w.fact("document.child", w.typed(&view.placement.child_name)),
        w.fact("document.placed_with", w.typed(&view.placement.option_name)),
    ];
    let mut held = vec![
        w.fact("document.visit_kind", w.term(view.kind)),
        w.fact(
            "document.held_on",
            w.date(record.map_or(view.planned_on, |r| r.held_on)),
        ),
    ];
    if let Some(by) = record.and_then(|r| r.held_by.as_ref()) {
        held.push(w.fact("document.held_by", by.name.clone()));
    }
    facts.append(&mut held);
    let mut sections = Vec::new();
    for part in VisitPart::ALL.into_iter().filter(|p| p.in_family_summary()) {
        match part {
            VisitPart::Agreements => sections.push(w.section(
                "document.agreed",
                super::plan::agreed_blocks(w, agreed.clone()),
            )),
            VisitPart::NextVisit => sections.push(w.section(
                "document.next_visit",
                vec![Block::Text {
                    text: next.map_or_else(|| w.t("document.none_planned"), |d| w.date(d)),
                }],
            )),
            // The day, the kind and who held it stand at the top; whether the child was
            // talked with alone belongs to the child's conversation and stays in the case.
            _ => {}
        }
    }
    sections.push(w.section("document.about", vec![w.text("document.left_out")]));
    Ok(Made {
        kind: DocumentKind::VisitSummary,
        document: w.document("document.visit_summary", facts, sections),
        children: vec![view.placement.child_id],
    })
}
