//! The child's plan: who the child is placed with and since when, the goals in force with how
//! each is measured, who works on it, by when and how far it has come, the open agreements, and
//! the next plan review.

use chrono::NaiveDate;
use kith_domain::PlacementId;
use kith_domain::document::DocumentKind;
use kith_domain::goals::{GoalStatus, Measure, ProgressValue};
use kith_domain::wheel::{VisitKind, VisitStatus};

use super::words::Words;
use super::{Block, Fact, Made};
use crate::goals::GoalView;
use crate::placements::PlacementView;
use crate::{Actor, App, AppError, Result};

pub(super) async fn make(app: &App, actor: &Actor, id: PlacementId, w: &Words) -> Result<Made> {
    let row = crate::placements::visible(app, actor, id).await?;
    let conn = app.db().conn();
    let birth = kith_store::children::birth_dates(conn, &[row.child_id]).await?;
    let born = birth.get(&row.child_id).copied();
    let goals = kith_store::goals::of_placements(conn, &[row.id]).await?;
    let goals = crate::goals::goal_views(app, row.child_id, goals).await?;
    let agreements = kith_store::visits::open_follow_ups(conn, row.id).await?;
    let next = next_review(app, row.id).await?;
    let placement = crate::placements::views_of(app, vec![row])
        .await?
        .pop()
        .ok_or(AppError::NotFound("placement"))?;
    let facts = placement_facts(w, &placement, born);
    let sections = vec![
        w.section("document.goals", goal_blocks(w, &goals)),
        w.section("document.agreements", agreement_blocks(w, agreements)),
        next_review_section(w, next),
    ];
    Ok(Made {
        kind: DocumentKind::ChildPlan,
        document: w.document("document.child_plan", facts, sections),
        children: vec![placement.child.id],
    })
}

/// The day of the placement's next planned plan review, if one is planned.
pub(super) async fn next_review(app: &App, placement: i64) -> Result<Option<NaiveDate>> {
    Ok(kith_store::visits::of_placement(app.db().conn(), placement)
        .await?
        .into_iter()
        .filter(|v| *v.kind == VisitKind::PlanReview && *v.status == VisitStatus::Planned)
        .map(|v| v.planned_on)
        .min())
}

/// "Næste planopfølgning" and its day, or that none is planned yet.
pub(super) fn next_review_section(w: &Words, next: Option<NaiveDate>) -> super::Section {
    w.section(
        "document.next_review",
        vec![Block::Text {
            text: next.map_or_else(|| w.t("document.none_planned"), |d| w.date(d)),
        }],
    )
}

/// The child and the placement, at the top of the plan and of a review's note.
pub(super) fn placement_facts(w: &Words, p: &PlacementView, born: Option<NaiveDate>) -> Vec<Fact> {
    let mut facts = vec![w.fact("document.child", w.typed(&p.child.name))];
    if let Some(born) = born {
        facts.push(w.fact("document.born", w.date(born)));
    }
    facts.push(w.fact("document.placed_with", w.typed(&p.option_name)));
    facts.push(w.fact("document.placement_kind", w.term(p.kind)));
    facts.push(w.fact("document.since", w.date(p.start_date)));
    if let Some(end) = p.planned_end_date {
        facts.push(w.fact("document.planned_end", w.date(end)));
    }
    if let Some(goal) = p.exit_goal {
        facts.push(w.fact("document.exit_goal", w.named("exit_goal", goal)));
    }
    if let Some(a) = &p.adviser {
        facts.push(w.fact("document.adviser", a.name.clone()));
    }
    if let Some(c) = &p.consultant {
        let label = if p.kind.is_family_based() {
            "document.consultant"
        } else {
            "document.institution_consultant"
        };
        facts.push(w.fact(label, c.name.clone()));
    }
    facts
}

/// Each goal in force: its words, then its measure, who, by when and the latest progress.
fn goal_blocks(w: &Words, goals: &[GoalView]) -> Vec<Block> {
    let active: Vec<&GoalView> = goals
        .iter()
        .filter(|g| g.status == GoalStatus::Active)
        .collect();
    if active.is_empty() {
        return vec![w.text("document.no_goals")];
    }
    let mut out = Vec::new();
    for g in active {
        out.push(Block::Text {
            text: format!("{}: {}", w.term(g.area), w.typed(&g.text)),
        });
        let latest = g.latest().map_or_else(
            || w.t("document.no_progress"),
            |p| {
                let said = format!(
                    "{} ({})",
                    value(w, &g.measure, p.value),
                    w.date(p.recorded_on)
                );
                if p.share_of_way >= 1.0 {
                    format!("{said} – {}", w.t("document.goal_reached"))
                } else {
                    said
                }
            },
        );
        out.push(Block::Facts {
            facts: vec![
                w.fact("document.measure", measure(w, &g.measure)),
                w.fact("document.who", w.parties(&g.parties)),
                w.fact("document.due", w.date(g.due_on)),
                w.fact("document.latest", latest),
            ],
        });
    }
    out
}

/// How a goal is measured: "fra 3 til 8 på en skala fra 0 til 10".
pub(super) fn measure(w: &Words, m: &Measure) -> String {
    let message = match m {
        Measure::Scale { baseline, target } => kith_domain::Message::new("document.scale")
            .int("from", *baseline)
            .int("to", *target),
        Measure::Number {
            unit,
            baseline,
            target,
        } => kith_domain::Message::new("document.number")
            .text("from", number(w, *baseline))
            .text("to", number(w, *target))
            .text("unit", w.typed(unit)),
        Measure::YesNo => kith_domain::Message::new("document.yes_no"),
    };
    w.say(message)
}

fn value(w: &Words, m: &Measure, v: ProgressValue) -> String {
    match (m, v) {
        (_, ProgressValue::Reached(true)) => w.t("document.reached"),
        (_, ProgressValue::Reached(false)) => w.t("document.not_reached"),
        (Measure::Number { unit, .. }, ProgressValue::Amount(a)) => {
            format!("{} {}", number(w, a), w.typed(unit))
        }
        (_, ProgressValue::Amount(a)) => number(w, a),
    }
}

/// A number as the reader writes it, with a decimal only where it has one: 3, 2,5.
fn number(w: &Words, x: f64) -> String {
    let places = if x.fract() == 0.0 { 0 } else { 1 };
    kith_text::format::decimal(w.lang, x, places)
}

/// Open agreements as a table: what, who, by when.
fn agreement_blocks(
    w: &Words,
    agreements: Vec<kith_store::entities::visit_follow_up::Model>,
) -> Vec<Block> {
    if agreements.is_empty() {
        return vec![w.text("document.no_agreements")];
    }
    agreement_table(w, agreements)
}

/// What was agreed at one visit or review (whether done since or not).
pub(super) fn agreed_blocks(
    w: &Words,
    agreements: Vec<kith_store::entities::visit_follow_up::Model>,
) -> Vec<Block> {
    if agreements.is_empty() {
        return vec![w.text("document.nothing_agreed")];
    }
    agreement_table(w, agreements)
}

fn agreement_table(
    w: &Words,
    agreements: Vec<kith_store::entities::visit_follow_up::Model>,
) -> Vec<Block> {
    vec![Block::Table {
        headers: vec![
            w.t("document.what"),
            w.t("document.agreement_who"),
            w.t("document.by"),
        ],
        rows: agreements
            .into_iter()
            .map(|a| vec![w.typed(&a.what), w.party(&a.owner), w.date(a.due_on)])
            .collect(),
    }]
}
