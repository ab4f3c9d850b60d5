//! The annual wheel's items: planned, held and cancelled visits and plan reviews, their
//! records and agreed follow-ups; what the planner reads and how its changes are written.

mod planned;
pub use planned::*;
mod apply;
pub use apply::*;
mod follow_ups;
pub use follow_ups::*;

use chrono::{DateTime, NaiveDate, Utc};
use kith_domain::wheel::{CancelReason, PlanChange, PlanFlag, VisitKind, VisitStatus};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::entities::{visit, visit_follow_up};
use crate::paging::by_key_then_id;
use crate::scope::VisitScope;
use crate::{Page, PageRequest, Position, Result, Stored};

/// Ids per `IN (…)` list and rows per small multi-row INSERT.
const INSERT_BATCH: usize = 500;

/// Rows per multi-row INSERT of planned visits (13 columns; held ones have 16): as many as
/// the engine's limit on bound parameters allows with room to spare (SQLite 32,766;
/// PostgreSQL 65,535), because planning a national wheel writes 130,000 rows.
fn insert_rows<C: ConnectionTrait>(conn: &C) -> usize {
    match conn.get_database_backend() {
        sea_orm::DbBackend::Postgres => 3_600,
        _ => 1_800,
    }
}

/// Which items to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VisitFilter {
    pub assignee_id: Option<i64>,
    pub placement_id: Option<i64>,
    /// Planned on or after (held on, for held items).
    pub from: Option<NaiveDate>,
    /// Planned on or before.
    pub to: Option<NaiveDate>,
    pub status: Option<VisitStatus>,
    pub kind: Option<VisitKind>,
    /// Only items whose window closed before this day and that are still planned.
    pub overdue_on: Option<NaiveDate>,
    /// Only items held by one of these people.
    pub assignee_in: Option<Vec<i64>>,
    /// Only items escalated to a leader in this span of time (from, before).
    pub escalated_between: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// Only items of these placements.
    pub placement_in: Option<Vec<i64>>,
}

/// A page of items in the scope, by planned day then id.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: &VisitScope,
    filter: &VisitFilter,
    page: PageRequest,
) -> Result<Page<visit::Model>> {
    let mut q = visit::Entity::find().filter(scope.condition());
    if let Some(a) = filter.assignee_id {
        q = q.filter(visit::Column::AssigneeId.eq(a));
    }
    if let Some(p) = filter.placement_id {
        q = q.filter(visit::Column::PlacementId.eq(p));
    }
    if let Some(f) = filter.from {
        q = q.filter(visit::Column::PlannedOn.gte(f));
    }
    if let Some(t) = filter.to {
        q = q.filter(visit::Column::PlannedOn.lte(t));
    }
    if let Some(s) = filter.status {
        q = q.filter(visit::Column::Status.eq(s.as_str()));
    }
    if let Some(k) = filter.kind {
        q = q.filter(visit::Column::Kind.eq(k.as_str()));
    }
    if let Some(day) = filter.overdue_on {
        q = q
            .filter(visit::Column::Status.eq(VisitStatus::Planned.as_str()))
            .filter(visit::Column::ClosesOn.lt(day));
    }
    if let Some(ids) = &filter.placement_in {
        q = q.filter(visit::Column::PlacementId.is_in(ids.iter().copied()));
    }
    if let Some(people) = &filter.assignee_in {
        q = q.filter(visit::Column::AssigneeId.is_in(people.iter().copied()));
    }
    if let Some((from, before)) = filter.escalated_between {
        q = q
            .filter(visit::Column::EscalatedAt.gte(from))
            .filter(visit::Column::EscalatedAt.lt(before));
    }
    by_key_then_id::<_, _, NaiveDate>(
        conn,
        q,
        visit::Column::PlannedOn,
        visit::Column::Id,
        page,
        |m| Position::new(m.planned_on, m.id),
    )
    .await
}

/// Every item in the scope, by placement and due date (exports).
pub async fn all_in_scope<C: ConnectionTrait>(
    conn: &C,
    scope: &VisitScope,
) -> Result<Vec<visit::Model>> {
    Ok(visit::Entity::find()
        .filter(scope.condition())
        .order_by_asc(visit::Column::PlacementId)
        .order_by_asc(visit::Column::DueOn)
        .order_by_asc(visit::Column::Id)
        .all(conn)
        .await?)
}

/// One item, if it is in the scope.
pub async fn get_in_scope<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    scope: &VisitScope,
) -> Result<Option<visit::Model>> {
    Ok(visit::Entity::find_by_id(id)
        .filter(scope.condition())
        .one(conn)
        .await?)
}

/// One item, without a scope (after the gate).
pub async fn get<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Option<visit::Model>> {
    Ok(visit::Entity::find_by_id(id).one(conn).await?)
}

/// Every item of a placement, by due date (the year view).
pub async fn of_placement<C: ConnectionTrait>(
    conn: &C,
    placement_id: i64,
) -> Result<Vec<visit::Model>> {
    Ok(visit::Entity::find()
        .filter(visit::Column::PlacementId.eq(placement_id))
        .order_by_asc(visit::Column::DueOn)
        .order_by_asc(visit::Column::Id)
        .all(conn)
        .await?)
}

/// Cancels planned items; returns how many were still planned.
pub async fn cancel_many<C: ConnectionTrait>(
    conn: &C,
    ids: &[i64],
    reason: CancelReason,
    note: Option<&str>,
    now: DateTime<Utc>,
) -> Result<usize> {
    let res = visit::Entity::update_many()
        .col_expr(
            visit::Column::Status,
            Expr::value(VisitStatus::Cancelled.as_str()),
        )
        .col_expr(visit::Column::CancelReason, Expr::value(reason.as_str()))
        .col_expr(
            visit::Column::CancelNote,
            Expr::value(note.map(str::to_owned)),
        )
        .col_expr(visit::Column::UpdatedAt, Expr::value(now))
        .filter(visit::Column::Id.is_in(ids.iter().copied()))
        .filter(visit::Column::Status.is_in(crate::code::guard(VisitStatus::Cancelled)))
        .exec(conn)
        .await?;
    Ok(res.rows_affected as usize)
}

/// What was recorded about a held visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitRecord {
    pub held_on: NaiveDate,
    pub held_by_id: i64,
    pub child_seen_alone: Option<bool>,
    pub not_seen_alone_reason: Option<String>,
    pub child_view: Option<String>,
    pub observations: Option<String>,
}

/// Marks a planned item held with its record; false if it was not planned any more.
pub async fn record<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    r: &VisitRecord,
    now: DateTime<Utc>,
) -> Result<bool> {
    let res = visit::Entity::update_many()
        .col_expr(
            visit::Column::Status,
            Expr::value(VisitStatus::Held.as_str()),
        )
        .col_expr(visit::Column::HeldOn, Expr::value(r.held_on))
        .col_expr(visit::Column::HeldById, Expr::value(r.held_by_id))
        .col_expr(
            visit::Column::ChildSeenAlone,
            Expr::value(r.child_seen_alone),
        )
        .col_expr(
            visit::Column::NotSeenAloneReason,
            Expr::value(r.not_seen_alone_reason.clone()),
        )
        .col_expr(visit::Column::ChildView, Expr::value(r.child_view.clone()))
        .col_expr(
            visit::Column::Observations,
            Expr::value(r.observations.clone()),
        )
        .col_expr(visit::Column::RecordedAt, Expr::value(now))
        .col_expr(visit::Column::UpdatedAt, Expr::value(now))
        .col_expr(visit::Column::Flag, Expr::value(Option::<String>::None))
        .filter(visit::Column::Id.eq(id))
        .filter(visit::Column::Status.is_in(crate::code::guard(VisitStatus::Held)))
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Moves a planned item to another day by hand, with the reason; the planner keeps the day.
pub async fn move_to<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    day: NaiveDate,
    reason: &str,
    outside_window: bool,
    now: DateTime<Utc>,
) -> Result<bool> {
    let flag = outside_window.then(|| {
        kith_domain::wheel::PlanFlag::OutsideWindow
            .as_str()
            .to_owned()
    });
    let res = visit::Entity::update_many()
        .col_expr(visit::Column::PlannedOn, Expr::value(day))
        .col_expr(visit::Column::Pinned, Expr::value(true))
        .col_expr(visit::Column::MovedReason, Expr::value(reason.to_owned()))
        .col_expr(visit::Column::Flag, Expr::value(flag))
        .col_expr(visit::Column::UpdatedAt, Expr::value(now))
        .filter(visit::Column::Id.eq(id))
        .filter(visit::Column::Status.eq(VisitStatus::Planned.as_str()))
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Planned items of one person up to a day (the digest: due soon or overdue).
pub async fn open_of_assignee_until<C: ConnectionTrait>(
    conn: &C,
    assignee: i64,
    until: NaiveDate,
) -> Result<Vec<visit::Model>> {
    Ok(visit::Entity::find()
        .filter(visit::Column::Status.eq(VisitStatus::Planned.as_str()))
        .filter(visit::Column::AssigneeId.eq(assignee))
        .filter(
            sea_orm::Condition::any()
                .add(visit::Column::PlannedOn.lte(until))
                .add(visit::Column::ClosesOn.lte(until)),
        )
        .all(conn)
        .await?)
}

/// People with planned items up to a day.
pub async fn assignees_with_work_until<C: ConnectionTrait>(
    conn: &C,
    until: NaiveDate,
) -> Result<Vec<i64>> {
    Ok(visit::Entity::find()
        .select_only()
        .column(visit::Column::AssigneeId)
        .distinct()
        .filter(visit::Column::Status.eq(VisitStatus::Planned.as_str()))
        .filter(
            sea_orm::Condition::any()
                .add(visit::Column::PlannedOn.lte(until))
                .add(visit::Column::ClosesOn.lte(until)),
        )
        .into_tuple()
        .all(conn)
        .await?)
}

/// Statutory items overdue since before `closed_before` that no leader has been told about.
pub async fn to_escalate<C: ConnectionTrait>(
    conn: &C,
    closed_before: NaiveDate,
) -> Result<Vec<visit::Model>> {
    let kinds: Vec<&str> = VisitKind::ALL
        .iter()
        .filter(|k| k.escalates())
        .map(|k| k.as_str())
        .collect();
    Ok(visit::Entity::find()
        .filter(visit::Column::Status.eq(VisitStatus::Planned.as_str()))
        .filter(visit::Column::Kind.is_in(kinds))
        .filter(visit::Column::ClosesOn.lt(closed_before))
        .filter(visit::Column::EscalatedAt.is_null())
        .order_by_asc(visit::Column::Id)
        .all(conn)
        .await?)
}

/// Marks items as escalated; returns how many were not yet.
pub async fn mark_escalated<C: ConnectionTrait>(
    conn: &C,
    ids: &[i64],
    now: DateTime<Utc>,
) -> Result<usize> {
    let mut n = 0;
    for chunk in ids.chunks(INSERT_BATCH) {
        let res = visit::Entity::update_many()
            .col_expr(visit::Column::EscalatedAt, Expr::value(now))
            .filter(visit::Column::Id.is_in(chunk.iter().copied()))
            .filter(visit::Column::EscalatedAt.is_null())
            .exec(conn)
            .await?;
        n += res.rows_affected as usize;
    }
    Ok(n)
}

/// Items of the given people planned (or held) between two days, for the team's year.
pub async fn of_assignees_between<C: ConnectionTrait>(
    conn: &C,
    assignees: &[i64],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<visit::Model>> {
    if assignees.is_empty() {
        return Ok(vec![]);
    }
    Ok(visit::Entity::find()
        .filter(visit::Column::AssigneeId.is_in(assignees.iter().copied()))
        .filter(visit::Column::Status.ne(VisitStatus::Cancelled.as_str()))
        .filter(visit::Column::PlannedOn.between(from, to))
        .all(conn)
        .await?)
}
