//! The note of a plan review (§ 95): when it was held and by whom, what was decided, how each
//! goal went, what the child thought of the plan, what was agreed and when the next review is.

use kith_domain::document::DocumentKind;
use kith_domain::{Message, VisitId};

use super::words::Words;
use super::{Block, Made};
use crate::{Actor, App, AppError, Result};

pub(super) async fn make(
    app: &App,
    _actor: &Actor,
    visit: kith_store::entities::visit::Model,
    w: &Words,
) -> Result<Made> {
    let conn = app.db().conn();
    let placement = kith_store::placements::get(conn, visit.placement_id)
        .await?
        .ok_or(AppError::NotFound("visit"))?;
    let review = crate::goals::reviews::views(app, &placement)
        .await?
        .into_iter()
        .find(|r| r.visit_id == VisitId(visit.id));
    let goals = kith_store::goals::of_placements(conn, &[placement.id]).await?;
    let next = super::plan::next_review(app, placement.id).await?;
    let agreed = kith_store::visits::follow_ups_of_visits(conn, &[visit.id]).await?;
    let held_by = match visit.held_by_id {
        Some(id) => crate::staff::refs(app, &[id]).await?.into_values().next(),
        None => None,
    };
    let born = kith_store::children::birth_dates(conn, &[placement.child_id])
        .await?
        .get(&placement.child_id)
        .copied();
    let view = crate::placements::views_of(app, vec![placement])
        .await?
        .pop()
        .ok_or(AppError::NotFound("placement"))?;
    let mut facts = super::plan::placement_facts(w, &view, born);
    facts.push(w.fact(
        "document.held_on",
        w.date(visit.held_on.unwrap_or(visit.planned_on)),
    ));
    if let Some(by) = held_by {
        facts.push(w.fact("document.held_by", by.name));
    }
    let mut sections = Vec::new();
    // A review held before its decisions were recorded (imported, or kept elsewhere) still has
    // its day, its agreements and the next review.
    if let Some(review) = &review {
        sections.extend(decisions(w, review, &goals));
    }
    sections.push(w.section("document.agreed", super::plan::agreed_blocks(w, agreed)));
    sections.push(super::plan::next_review_section(w, next));
    Ok(Made {
        kind: DocumentKind::PlanReview,
        document: w.document("document.plan_review", facts, sections),
        children: vec![view.child.id],
    })
}

/// What the review decided: the decision and rhythm, each goal's outcome, the child's view.
fn decisions(
    w: &Words,
    review: &crate::goals::reviews::ReviewView,
    goals: &[kith_store::entities::goal::Model],
) -> Vec<super::Section> {
    let mut decided = vec![w.fact(
        "document.decision",
        w.named("review_decision", review.decision),
    )];
    if let Some(months) = review.rhythm_months {
        decided.push(w.fact(
            "document.rhythm",
            w.say(Message::new("document.months").int("months", months)),
        ));
    }
    let outcomes: Vec<Vec<String>> = review
        .goals
        .iter()
        .filter_map(|o| {
            let g = goals.iter().find(|g| g.id == o.goal_id.0)?;
            Some(vec![w.typed(&g.text), w.named("goal_outcome", o.outcome)])
        })
        .collect();
    let mut sections = vec![w.section("document.decided", vec![Block::Facts { facts: decided }])];
    if !outcomes.is_empty() {
        sections.push(w.section(
            "document.goal_outcomes",
            vec![Block::Table {
                headers: vec![w.t("document.goal"), w.t("document.outcome")],
                rows: outcomes,
            }],
        ));
    }
    if let Some(said) = review
        .child_view
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        sections.push(w.section(
            "document.child_view",
            vec![Block::Text {
                text: w.typed(said),
            }],
        ));
    }
    sections
}
