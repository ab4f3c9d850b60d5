//! Plan reviews (§ 95). The annual wheel plans them (three months after the start, then the
//! placement's rhythm); recording one marks the planned review held, stores what it decided for
//! the plan and each active goal, sets the rhythm from now on, and re-plans the wheel in the
//! same transaction so the next review counts from this one.

use chrono::NaiveDate;
use kith_domain::goals::{GoalOutcome, GoalStatus, ReviewDecision};
use kith_domain::wheel::{VisitKind, VisitStatus};
use kith_domain::{ChildId, GoalId, PlacementId, PlacementStatus, VisitId};
use serde::{Deserialize, Serialize};

use crate::audit::{self, AuditAction, ChildData};
use crate::validate::{Problems, trimmed};
use crate::wheel::plan::plan_in;
use crate::{Actor, App, AppError, Result};

/// The longest child's view of a review (characters).
const MAX_VIEW: usize = 4000;

/// What a review decided for one goal.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GoalReviewInput {
    pub goal_id: GoalId,
    pub outcome: GoalOutcome,
}

/// A held plan review (`POST /api/v1/placements/{id}/reviews`).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewInput {
    pub held_on: NaiveDate,
    /// Every active goal of the plan, each with its outcome.
    pub goals: Vec<GoalReviewInput>,
    pub decision: ReviewDecision,
    /// Months to the next review from now on (1-12); left out: unchanged.
    pub rhythm_months: Option<i32>,
    /// The child's view of the plan, in its own words.
    pub child_view: Option<String>,
    /// What was agreed at the review: each a task with an owner and a due date, as at a visit.
    #[serde(default)]
    pub follow_ups: Vec<crate::wheel::visits::FollowUpInput>,
}

/// A recorded review.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReviewView {
    /// The wheel item the review was held as.
    pub visit_id: VisitId,
    pub placement_id: PlacementId,
    #[serde(skip)]
    pub child_id: ChildId,
    pub due_on: NaiveDate,
    pub held_on: Option<NaiveDate>,
    pub decision: ReviewDecision,
    pub rhythm_months: Option<i32>,
    pub child_view: Option<String>,
    pub goals: Vec<GoalReviewInput>,
}

impl ChildData for ReviewView {
    fn child_ids(&self) -> Vec<ChildId> {
        vec![self.child_id]
    }
}

/// The recorded reviews of a placement, oldest first.
pub async fn list(app: &App, actor: &Actor, placement: PlacementId) -> Result<Vec<ReviewView>> {
    let row = crate::placements::visible(app, actor, placement).await?;
    let views = views(app, &row).await?;
    audit::read(app, actor, AuditAction::ReviewList, views).await
}

/// Records the placement's next planned review as held, with its decisions.
pub async fn record(
    app: &App,
    actor: &Actor,
    placement: PlacementId,
    input: ReviewInput,
) -> Result<ReviewView> {
    let row = crate::placements::review_recordable(app, actor, placement).await?;
    if *row.status == PlacementStatus::Ended {
        return Err(AppError::conflict("status", "problem.placement_ended"));
    }
    let conn = app.db().conn();
    let active: Vec<i64> = kith_store::goals::of_placements(conn, &[row.id])
        .await?
        .into_iter()
        .filter(|g| *g.status == GoalStatus::Active)
        .map(|g| g.id)
        .collect();
    let mut p = Problems::default();
    if input.held_on > app.today() {
        p.add("held_on", "problem.review_future");
    }
    if input.held_on < row.start_date {
        p.add("held_on", "problem.before_placement_start");
    }
    if let Some(m) = input.rhythm_months
        && !(1..=12).contains(&m)
    {
        p.add("rhythm_months", "problem.months_1_12");
    }
    p.at_most_chars(
        "child_view",
        input.child_view.as_deref().unwrap_or_default(),
        MAX_VIEW,
    );
    let mut seen = Vec::new();
    for (i, g) in input.goals.iter().enumerate() {
        if !active.contains(&g.goal_id.0) {
            p.add(format!("goals[{i}].goal_id"), "problem.not_active_goal");
        } else if seen.contains(&g.goal_id.0) {
            p.add(format!("goals[{i}].goal_id"), "problem.reviewed_twice");
        }
        seen.push(g.goal_id.0);
    }
    let missing: Vec<String> = active
        .iter()
        .filter(|g| !seen.contains(g))
        .map(i64::to_string)
        .collect();
    if !missing.is_empty() {
        p.add(
            "goals",
            kith_domain::Message::new("problem.review_missing").text("missing", missing.join(", ")),
        );
    }
    crate::wheel::agreements::check_new(&mut p, &input.follow_ups, input.held_on);
    p.into_result()?;

    let planned = kith_store::visits::of_placement(conn, row.id)
        .await?
        .into_iter()
        .find(|v| *v.kind == VisitKind::PlanReview && *v.status == VisitStatus::Planned)
        .ok_or_else(|| AppError::conflict("status", "problem.no_review_planned"))?;

    let now = app.now();
    let tx = app.db().begin_write().await?;
    let record = kith_store::visits::VisitRecord {
        held_on: input.held_on,
        held_by_id: actor.id.0,
        child_seen_alone: None,
        not_seen_alone_reason: None,
        child_view: trimmed(input.child_view),
        observations: None,
    };
    if !kith_store::visits::record(&tx, planned.id, &record, now).await? {
        return Err(AppError::conflict("status", "problem.review_not_planned"));
    }
    for g in &input.goals {
        if let Some(status) = g.outcome.closes_as() {
            kith_store::goals::set_status(&tx, g.goal_id.0, status, input.held_on, now).await?;
        }
    }
    kith_store::goals::insert_review(
        &tx,
        kith_store::goals::NewReview {
            visit_id: planned.id,
            placement_id: row.id,
            decision: input.decision,
            rhythm_months: input.rhythm_months.or(row.review_rhythm_months),
            outcomes: input
                .goals
                .iter()
                .map(|g| (g.goal_id.0, g.outcome))
                .collect(),
        },
        now,
    )
    .await?;
    let agreed = crate::wheel::agreements::new_rows(&tx, input.follow_ups, &row).await?;
    kith_store::visits::add_follow_ups(&tx, planned.id, row.id, &agreed, now).await?;
    if input.rhythm_months.is_some() && input.rhythm_months != row.review_rhythm_months {
        kith_store::placements::set_review_rhythm(&tx, row.id, input.rhythm_months, now).await?;
    }
    let child = ChildId(row.child_id);
    audit::by(app, actor)
        .changed(&tx, AuditAction::ReviewRecord, child, ("visit", planned.id))
        .await?;
    // The review is saved: its draft has done its work.
    let draft = kith_domain::draft::DraftForm::PlanReview(placement).key();
    kith_store::drafts::discard(&tx, actor.id.0, &draft).await?;
    plan_in(&tx, app, Some(&[row.id])).await?;
    tx.commit().await?;
    let view = views(app, &row)
        .await?
        .into_iter()
        .find(|r| r.visit_id.0 == planned.id)
        .ok_or(AppError::NotFound("review"))?;
    audit::read(app, actor, AuditAction::ReviewList, view).await
}

pub(crate) async fn views(
    app: &App,
    row: &kith_store::entities::placement::Model,
) -> Result<Vec<ReviewView>> {
    let conn = app.db().conn();
    let visits = kith_store::visits::of_placement(conn, row.id).await?;
    let mut out = Vec::new();
    for (r, outcomes) in kith_store::goals::reviews_of_placement(conn, row.id).await? {
        let Some(v) = visits.iter().find(|v| v.id == r.visit_id) else {
            continue;
        };
        out.push(ReviewView {
            visit_id: VisitId(r.visit_id),
            placement_id: PlacementId(row.id),
            child_id: ChildId(row.child_id),
            due_on: v.due_on,
            held_on: v.held_on,
            decision: r.decision.0,
            rhythm_months: r.rhythm_months,
            child_view: v.child_view.clone(),
            goals: outcomes
                .into_iter()
                .map(|o| {
                    Ok(GoalReviewInput {
                        goal_id: GoalId(o.goal_id),
                        outcome: o.outcome.0,
                    })
                })
                .collect::<Result<_>>()?,
        });
    }
    Ok(out)
}
