//! Goals of the child's plan, their progress entries, and what plan reviews decided.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use kith_domain::goals::GoalStatus;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::Result;
use crate::entities::{goal, goal_progress, plan_review, plan_review_goal};

/// A new goal (or a new version of one).
#[derive(Debug, Clone)]
pub struct NewGoal {
    pub placement_id: i64,
    pub area: kith_domain::goals::GoalArea,
    pub needs: Vec<String>,
    pub text: String,
    pub measure_kind: String,
    pub measure_unit: Option<String>,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub parties: Vec<kith_domain::Party>,
    pub due_on: NaiveDate,
    pub revises_id: Option<i64>,
    pub created_by: i64,
}

/// Inserts an active goal and returns its id.
pub async fn insert<C: ConnectionTrait>(conn: &C, g: NewGoal, now: DateTime<Utc>) -> Result<i64> {
    let m = goal::ActiveModel {
        placement_id: Set(g.placement_id),
        area: Set(g.area.into()),
        needs: Set(g.needs.into()),
        text: Set(g.text),
        measure_kind: Set(g.measure_kind),
        measure_unit: Set(g.measure_unit),
        baseline: Set(g.baseline),
        target: Set(g.target),
        parties: Set(g.parties.into()),
        due_on: Set(g.due_on),
        status: Set(GoalStatus::Active.into()),
        closed_on: Set(None),
        revises_id: Set(g.revises_id),
        created_by: Set(g.created_by),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(m.id)
}

/// One goal version.
pub async fn get<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Option<goal::Model>> {
    Ok(goal::Entity::find_by_id(id).one(conn).await?)
}

/// Every goal version of the given placements, oldest first.
pub async fn of_placements<C: ConnectionTrait>(
    conn: &C,
    placement_ids: &[i64],
) -> Result<Vec<goal::Model>> {
    if placement_ids.is_empty() {
        return Ok(vec![]);
    }
    let mut out = Vec::new();
    for chunk in placement_ids.chunks(crate::IN_LIST_CHUNK) {
        out.extend(
            goal::Entity::find()
                .filter(goal::Column::PlacementId.is_in(chunk.iter().copied()))
                .order_by_asc(goal::Column::Id)
                .all(conn)
                .await?,
        );
    }
    Ok(out)
}

/// Every goal version (for the dashboard and exports).
pub async fn all<C: ConnectionTrait>(conn: &C) -> Result<Vec<goal::Model>> {
    crate::every::<goal::Entity, C>(conn, goal::Column::Id).await
}

/// Moves an active goal to `status` (closed on `on` when the status closes it); false if the
/// goal was no longer active.
pub async fn set_status<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    status: GoalStatus,
    on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<bool> {
    let res = goal::Entity::update_many()
        .col_expr(goal::Column::Status, Expr::value(status.as_str()))
        .col_expr(
            goal::Column::ClosedOn,
            Expr::value(status.is_closed().then_some(on)),
        )
        .col_expr(goal::Column::UpdatedAt, Expr::value(now))
        .filter(goal::Column::Id.eq(id))
        .filter(goal::Column::Status.is_in(crate::code::guard(status)))
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Closes every active goal of a placement with `status` on `on`.
pub async fn close_open<C: ConnectionTrait>(
    conn: &C,
    placement_id: i64,
    status: GoalStatus,
    on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<u64> {
    let res = goal::Entity::update_many()
        .col_expr(goal::Column::Status, Expr::value(status.as_str()))
        .col_expr(goal::Column::ClosedOn, Expr::value(on))
        .col_expr(goal::Column::UpdatedAt, Expr::value(now))
        .filter(goal::Column::PlacementId.eq(placement_id))
        .filter(goal::Column::Status.is_in(crate::code::guard(status)))
        .exec(conn)
        .await?;
    Ok(res.rows_affected)
}

/// A new progress entry.
#[derive(Debug, Clone)]
pub struct NewProgress {
    pub goal_id: i64,
    pub placement_id: i64,
    pub recorded_on: NaiveDate,
    pub amount: Option<f64>,
    pub reached: Option<bool>,
    pub note: Option<String>,
    pub child_took_part: bool,
    pub parents_took_part: bool,
    pub recorded_by: i64,
}

/// Inserts a progress entry and returns its id.
pub async fn insert_progress<C: ConnectionTrait>(
    conn: &C,
    p: NewProgress,
    now: DateTime<Utc>,
) -> Result<i64> {
    let m = goal_progress::ActiveModel {
        goal_id: Set(p.goal_id),
        placement_id: Set(p.placement_id),
        recorded_on: Set(p.recorded_on),
        amount: Set(p.amount),
        reached: Set(p.reached),
        note: Set(p.note),
        child_took_part: Set(p.child_took_part),
        parents_took_part: Set(p.parents_took_part),
        recorded_by: Set(p.recorded_by),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(m.id)
}

/// The progress entries of the given goals, oldest first.
pub async fn progress_of_goals<C: ConnectionTrait>(
    conn: &C,
    goal_ids: &[i64],
) -> Result<Vec<goal_progress::Model>> {
    let mut out = Vec::new();
    for chunk in goal_ids.chunks(crate::IN_LIST_CHUNK) {
        out.extend(
            goal_progress::Entity::find()
                .filter(goal_progress::Column::GoalId.is_in(chunk.iter().copied()))
                .order_by_asc(goal_progress::Column::RecordedOn)
                .order_by_asc(goal_progress::Column::Id)
                .all(conn)
                .await?,
        );
    }
    Ok(out)
}

/// Every progress entry (for the dashboard and exports), oldest first.
pub async fn all_progress<C: ConnectionTrait>(conn: &C) -> Result<Vec<goal_progress::Model>> {
    Ok(goal_progress::Entity::find()
        .order_by_asc(goal_progress::Column::RecordedOn)
        .order_by_asc(goal_progress::Column::Id)
        .all(conn)
        .await?)
}

/// The last day progress was recorded, per placement.
pub async fn last_progress<C: ConnectionTrait>(
    conn: &C,
    placement_ids: &[i64],
) -> Result<HashMap<i64, NaiveDate>> {
    let mut out = HashMap::new();
    for chunk in placement_ids.chunks(crate::IN_LIST_CHUNK) {
        let rows: Vec<(i64, Option<NaiveDate>)> = goal_progress::Entity::find()
            .select_only()
            .column(goal_progress::Column::PlacementId)
            .column_as(goal_progress::Column::RecordedOn.max(), "last")
            .filter(goal_progress::Column::PlacementId.is_in(chunk.iter().copied()))
            .group_by(goal_progress::Column::PlacementId)
            .into_tuple()
            .all(conn)
            .await?;
        out.extend(rows.into_iter().filter_map(|(p, d)| d.map(|d| (p, d))));
    }
    Ok(out)
}

/// Each active goal of the placements, with when it was set and the last day progress was
/// recorded on it: (placement, set at, last progress).
pub async fn active_goal_activity<C: ConnectionTrait>(
    conn: &C,
    placement_ids: &[i64],
) -> Result<Vec<(i64, DateTime<Utc>, Option<NaiveDate>)>> {
    let mut out = Vec::new();
    for chunk in placement_ids.chunks(crate::IN_LIST_CHUNK) {
        let goals: Vec<(i64, i64, DateTime<Utc>)> = goal::Entity::find()
            .select_only()
            .column(goal::Column::Id)
            .column(goal::Column::PlacementId)
            .column(goal::Column::CreatedAt)
            .filter(goal::Column::PlacementId.is_in(chunk.iter().copied()))
            .filter(goal::Column::Status.eq(kith_domain::goals::GoalStatus::Active.as_str()))
            .into_tuple()
            .all(conn)
            .await?;
        let last: HashMap<i64, NaiveDate> = goal_progress::Entity::find()
            .select_only()
            .column(goal_progress::Column::GoalId)
            .column_as(goal_progress::Column::RecordedOn.max(), "last")
            .filter(goal_progress::Column::PlacementId.is_in(chunk.iter().copied()))
            .group_by(goal_progress::Column::GoalId)
            .into_tuple::<(i64, Option<NaiveDate>)>()
            .all(conn)
            .await?
            .into_iter()
            .filter_map(|(g, d)| d.map(|d| (g, d)))
            .collect();
        out.extend(
            goals
                .into_iter()
                .map(|(id, placement, set)| (placement, set, last.get(&id).copied())),
        );
    }
    Ok(out)
}

/// A recorded review's decision.
#[derive(Debug, Clone)]
pub struct NewReview {
    pub visit_id: i64,
    pub placement_id: i64,
    pub decision: kith_domain::goals::ReviewDecision,
    pub rhythm_months: Option<i32>,
    /// (goal id, outcome code)
    pub outcomes: Vec<(i64, kith_domain::goals::GoalOutcome)>,
}

/// Stores what a held plan review decided.
pub async fn insert_review<C: ConnectionTrait>(
    conn: &C,
    r: NewReview,
    now: DateTime<Utc>,
) -> Result<()> {
    plan_review::ActiveModel {
        visit_id: Set(r.visit_id),
        placement_id: Set(r.placement_id),
        decision: Set(r.decision.into()),
        rhythm_months: Set(r.rhythm_months),
        created_at: Set(now),
    }
    .insert(conn)
    .await?;
    if !r.outcomes.is_empty() {
        plan_review_goal::Entity::insert_many(r.outcomes.into_iter().map(|(goal_id, outcome)| {
            plan_review_goal::ActiveModel {
                visit_id: Set(r.visit_id),
                goal_id: Set(goal_id),
                outcome: Set(outcome.into()),
                ..Default::default()
            }
        }))
        .exec(conn)
        .await?;
    }
    Ok(())
}

/// The recorded reviews of a placement with their goal outcomes, oldest first.
pub async fn reviews_of_placement<C: ConnectionTrait>(
    conn: &C,
    placement_id: i64,
) -> Result<Vec<(plan_review::Model, Vec<plan_review_goal::Model>)>> {
    let reviews = plan_review::Entity::find()
        .filter(plan_review::Column::PlacementId.eq(placement_id))
        .order_by_asc(plan_review::Column::VisitId)
        .all(conn)
        .await?;
    let ids: Vec<i64> = reviews.iter().map(|r| r.visit_id).collect();
    let mut outcomes: HashMap<i64, Vec<plan_review_goal::Model>> = HashMap::new();
    if !ids.is_empty() {
        for o in plan_review_goal::Entity::find()
            .filter(plan_review_goal::Column::VisitId.is_in(ids))
            .order_by_asc(plan_review_goal::Column::Id)
            .all(conn)
            .await?
        {
            outcomes.entry(o.visit_id).or_default().push(o);
        }
    }
    Ok(reviews
        .into_iter()
        .map(|r| {
            let o = outcomes.remove(&r.visit_id).unwrap_or_default();
            (r, o)
        })
        .collect())
}
