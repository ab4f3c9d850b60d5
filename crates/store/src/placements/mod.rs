//! Placements: a child in an option from a start date.

mod workers;
pub use workers::*;
mod stays;
pub use stays::*;

use chrono::{DateTime, NaiveDate, Utc};
use kith_domain::{ExitGoal, PlacementStatus};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::Result;
use crate::Stored;
use crate::entities::placement;

/// A new placement's fields.
#[derive(Debug, Clone)]
pub struct NewPlacement {
    pub child_id: i64,
    pub option_id: i64,
    pub start_date: NaiveDate,
    pub planned_end_date: Option<NaiveDate>,
    pub exit_goal: Option<ExitGoal>,
    pub status: PlacementStatus,
    pub consultant_id: Option<i64>,
    pub adviser_id: i64,
    /// The approved proposal that made this placement, if any.
    pub proposal_id: Option<i64>,
    /// The day the placement was requested, if known.
    pub requested_on: Option<NaiveDate>,
}

/// Inserts a placement and returns its id.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    p: &NewPlacement,
    now: DateTime<Utc>,
) -> Result<i64> {
    let m = placement::ActiveModel {
        child_id: Set(p.child_id),
        option_id: Set(p.option_id),
        start_date: Set(p.start_date),
        planned_end_date: Set(p.planned_end_date),
        exit_goal: Set(p.exit_goal.map(Stored)),
        status: Set(p.status.into()),
        end_date: Set(None),
        end_reason: Set(None),
        consultant_id: Set(p.consultant_id),
        adviser_id: Set(p.adviser_id),
        proposal_id: Set(p.proposal_id),
        created_at: Set(now),
        updated_at: Set(now),
        review_rhythm_months: Set(None),
        requested_on: Set(p.requested_on),
        breakdown: Set(false),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(m.id)
}

/// The placements of the given children, newest first.
pub async fn of_children<C: ConnectionTrait>(
    conn: &C,
    child_ids: &[i64],
) -> Result<Vec<placement::Model>> {
    if child_ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(placement::Entity::find()
        .filter(placement::Column::ChildId.is_in(child_ids.iter().copied()))
        .order_by_desc(placement::Column::StartDate)
        .order_by_desc(placement::Column::Id)
        .all(conn)
        .await?)
}

/// How a placement ended.
#[derive(Debug, Clone, Copy)]
pub struct Ending {
    pub on: NaiveDate,
    pub reason: kith_domain::EndReason,
    /// For a stay with an exit goal: whether the child went where the stay aimed.
    pub exit_goal_reached: Option<bool>,
    /// The placement broke down (a figure per 100 placement-years).
    pub breakdown: bool,
}

/// Ends a placement that has not ended yet; false if it already had (a concurrent end).
pub async fn end<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    ending: Ending,
    now: DateTime<Utc>,
) -> Result<bool> {
    use sea_orm::sea_query::Expr;
    let res = placement::Entity::update_many()
        .col_expr(placement::Column::UpdatedAt, Expr::value(now))
        .col_expr(
            placement::Column::Status,
            Expr::value(PlacementStatus::Ended.as_str()),
        )
        .col_expr(placement::Column::EndDate, Expr::value(ending.on))
        .col_expr(
            placement::Column::EndReason,
            Expr::value(ending.reason.as_str()),
        )
        .col_expr(
            placement::Column::ExitGoalReached,
            Expr::value(ending.exit_goal_reached),
        )
        .col_expr(placement::Column::Breakdown, Expr::value(ending.breakdown))
        .filter(placement::Column::Id.eq(id))
        .filter(placement::Column::Status.is_in(crate::code::guard(PlacementStatus::Ended)))
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Makes planned placements whose start day has come active; returns how many.
pub async fn start_due<C: ConnectionTrait>(
    conn: &C,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<u64> {
    use sea_orm::sea_query::Expr;
    let res = placement::Entity::update_many()
        .col_expr(
            placement::Column::Status,
            Expr::value(PlacementStatus::Active.as_str()),
        )
        .col_expr(placement::Column::UpdatedAt, Expr::value(now))
        .filter(placement::Column::Status.is_in(crate::code::guard(PlacementStatus::Active)))
        .filter(placement::Column::StartDate.lte(today))
        .exec(conn)
        .await?;
    Ok(res.rows_affected)
}

/// Takes the option's row lock for the rest of the transaction, so that concurrent bookings of
/// the same option run one after the other (PostgreSQL row lock; SQLite transactions already
/// hold the write lock from `BEGIN IMMEDIATE`). Returns false if the option does not exist.
pub async fn lock_option<C: ConnectionTrait>(conn: &C, option_id: i64) -> Result<bool> {
    use crate::entities::placement_option;
    use sea_orm::sea_query::Expr;
    let res = placement_option::Entity::update_many()
        .col_expr(
            placement_option::Column::Id,
            Expr::col(placement_option::Column::Id),
        )
        .filter(placement_option::Column::Id.eq(option_id))
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// How many places of the option current placements take (call after [`lock_option`]).
pub async fn places_taken<C: ConnectionTrait>(conn: &C, option_id: i64) -> Result<u32> {
    use sea_orm::PaginatorTrait;
    let n = placement::Entity::find()
        .filter(placement::Column::OptionId.eq(option_id))
        .filter(placement::Column::Status.is_in(crate::scope::current_statuses()))
        .count(conn)
        .await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// How many placements ended in a breakdown, per option.
pub async fn breakdowns_by_option<C: ConnectionTrait>(
    conn: &C,
) -> Result<std::collections::HashMap<i64, u32>> {
    count_by_option(conn, placement::Column::Breakdown.eq(true)).await
}

/// Places taken by current placements, for every option that has any.
pub async fn places_taken_by_option<C: ConnectionTrait>(
    conn: &C,
) -> Result<std::collections::HashMap<i64, u32>> {
    let current = placement::Column::Status.is_in(crate::scope::current_statuses());
    count_by_option(conn, current).await
}

/// The children living in each option's home now (its current placements), with their birth
/// dates: the household that matching's stability flags weigh a new child against.
pub async fn households_by_option<C: ConnectionTrait>(
    conn: &C,
) -> Result<std::collections::HashMap<i64, Vec<(i64, NaiveDate)>>> {
    use sea_orm::QuerySelect;
    let rows: Vec<(i64, i64)> = placement::Entity::find()
        .select_only()
        .column(placement::Column::OptionId)
        .column(placement::Column::ChildId)
        .filter(placement::Column::Status.is_in(crate::scope::current_statuses()))
        .into_tuple()
        .all(conn)
        .await?;
    let children: Vec<i64> = rows.iter().map(|(_, c)| *c).collect();
    let born = crate::children::birth_dates(conn, &children).await?;
    let mut out: std::collections::HashMap<i64, Vec<(i64, NaiveDate)>> = Default::default();
    for (option, child) in rows {
        if let Some(b) = born.get(&child) {
            out.entry(option).or_default().push((child, *b));
        }
    }
    Ok(out)
}

/// The kinds of care in which each of these children's placements broke down.
pub async fn breakdown_kinds_of_children<C: ConnectionTrait>(
    conn: &C,
    children: &[i64],
) -> Result<std::collections::HashMap<i64, Vec<kith_domain::PlacementKind>>> {
    use crate::entities::placement_option;
    use sea_orm::QuerySelect;
    let rows: Vec<(i64, i64)> = placement::Entity::find()
        .select_only()
        .column(placement::Column::ChildId)
        .column(placement::Column::OptionId)
        .filter(placement::Column::Breakdown.eq(true))
        .filter(placement::Column::ChildId.is_in(children.iter().copied()))
        .into_tuple()
        .all(conn)
        .await?;
    let options: Vec<i64> = rows.iter().map(|(_, o)| *o).collect();
    let kinds: std::collections::HashMap<i64, kith_domain::PlacementKind> =
        placement_option::Entity::find()
            .filter(placement_option::Column::Id.is_in(options))
            .all(conn)
            .await?
            .into_iter()
            .map(|o| (o.id, o.kind.0))
            .collect();
    let mut out: std::collections::HashMap<i64, Vec<kith_domain::PlacementKind>> =
        Default::default();
    for (child, option) in rows {
        if let Some(k) = kinds.get(&option) {
            let list = out.entry(child).or_default();
            if !list.contains(k) {
                list.push(*k);
            }
        }
    }
    Ok(out)
}

/// How many placements meet `condition`, per option that has any.
pub(crate) async fn count_by_option<C: ConnectionTrait>(
    conn: &C,
    condition: sea_orm::sea_query::SimpleExpr,
) -> Result<std::collections::HashMap<i64, u32>> {
    use sea_orm::QuerySelect;
    let rows: Vec<(i64, i64)> = placement::Entity::find()
        .select_only()
        .column(placement::Column::OptionId)
        .column_as(placement::Column::Id.count(), "n")
        .filter(condition)
        .group_by(placement::Column::OptionId)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(o, n)| (o, u32::try_from(n).unwrap_or(u32::MAX)))
        .collect())
}

/// One placement, without a scope (after the gate).
pub async fn get<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Option<placement::Model>> {
    Ok(placement::Entity::find_by_id(id).one(conn).await?)
}

/// One placement, if its child is in the scope.
pub async fn get_in_scope<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    scope: &crate::scope::ChildScope,
) -> Result<Option<placement::Model>> {
    Ok(placement::Entity::find_by_id(id)
        .filter(scope.placement_condition())
        .one(conn)
        .await?)
}

/// The placements an approved proposal made (one per child), by id.
pub async fn of_proposal<C: ConnectionTrait>(
    conn: &C,
    proposal_id: i64,
) -> Result<Vec<placement::Model>> {
    Ok(placement::Entity::find()
        .filter(placement::Column::ProposalId.eq(proposal_id))
        .order_by_asc(placement::Column::Id)
        .all(conn)
        .await?)
}

/// Which placements to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlacementFilter {
    pub consultant_id: Option<i64>,
    pub adviser_id: Option<i64>,
    pub option_id: Option<i64>,
    pub status: Option<PlacementStatus>,
}

/// Every current (planned or active) placement whose child is in the scope, filtered (the
/// caseload: a person's whole current work, not a page of it).
pub async fn current_in_scope<C: ConnectionTrait>(
    conn: &C,
    scope: &crate::scope::ChildScope,
    filter: &PlacementFilter,
) -> Result<Vec<placement::Model>> {
    Ok(filtered(scope, filter)
        .filter(placement::Column::Status.is_in(crate::scope::current_statuses()))
        .order_by_asc(placement::Column::Id)
        .all(conn)
        .await?)
}

/// The placements in the scope that match the filter: the one query behind the list and the
/// caseload.
fn filtered(
    scope: &crate::scope::ChildScope,
    filter: &PlacementFilter,
) -> sea_orm::Select<placement::Entity> {
    let mut q = placement::Entity::find().filter(scope.placement_condition());
    if let Some(c) = filter.consultant_id {
        q = q.filter(placement::Column::ConsultantId.eq(c));
    }
    if let Some(a) = filter.adviser_id {
        q = q.filter(placement::Column::AdviserId.eq(a));
    }
    if let Some(o) = filter.option_id {
        q = q.filter(placement::Column::OptionId.eq(o));
    }
    if let Some(s) = filter.status {
        q = q.filter(placement::Column::Status.eq(s.as_str()));
    }
    q
}

/// Every placement whose child is in the scope, by id (exports).
pub async fn all_in_scope<C: ConnectionTrait>(
    conn: &C,
    scope: &crate::scope::ChildScope,
) -> Result<Vec<placement::Model>> {
    Ok(placement::Entity::find()
        .filter(scope.placement_condition())
        .order_by_asc(placement::Column::Id)
        .all(conn)
        .await?)
}

/// Every placement (the dashboard reads them all, then filters by unit).
pub async fn all<C: ConnectionTrait>(conn: &C) -> Result<Vec<placement::Model>> {
    crate::every::<placement::Entity, C>(conn, placement::Column::Id).await
}

/// A page of placements whose children are in the scope, by id.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: &crate::scope::ChildScope,
    filter: &PlacementFilter,
    page: crate::PageRequest,
) -> Result<crate::Page<placement::Model>> {
    let q = filtered(scope, filter);
    crate::paging::by_key_then_id::<_, _, i64>(
        conn,
        q,
        placement::Column::Id,
        placement::Column::Id,
        page,
        |m| crate::Position::new(m.id, m.id),
    )
    .await
}

/// The placements the annual wheel plans: current ones, and ended ones that still have
/// planned items (to cancel). `None`: all of them; else only the given ids.
pub async fn for_planning<C: ConnectionTrait>(
    conn: &C,
    ids: Option<&[i64]>,
) -> Result<Vec<placement::Model>> {
    use crate::entities::visit;
    use sea_orm::Condition;
    use sea_orm::sea_query::Query;
    let mut q = placement::Entity::find().filter(
        Condition::any()
            .add(placement::Column::Status.is_in(crate::scope::current_statuses()))
            .add(
                placement::Column::Id.in_subquery(
                    Query::select()
                        .column(visit::Column::PlacementId)
                        .from(visit::Entity)
                        .and_where(
                            visit::Column::Status
                                .eq(kith_domain::wheel::VisitStatus::Planned.as_str()),
                        )
                        .take(),
                ),
            ),
    );
    if let Some(ids) = ids {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        q = q.filter(placement::Column::Id.is_in(ids.iter().copied()));
    }
    Ok(q.order_by_asc(placement::Column::Id).all(conn).await?)
}

/// The kind of each given option.
pub async fn option_kinds<C: ConnectionTrait>(
    conn: &C,
    option_ids: &[i64],
) -> Result<std::collections::HashMap<i64, kith_domain::PlacementKind>> {
    use crate::entities::placement_option;
    use sea_orm::QuerySelect;
    if option_ids.is_empty() {
        return Ok(Default::default());
    }
    let mut ids = option_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let mut out = std::collections::HashMap::new();
    for chunk in ids.chunks(1000) {
        let rows: Vec<(i64, crate::Stored<kith_domain::PlacementKind>)> =
            placement_option::Entity::find()
                .select_only()
                .column(placement_option::Column::Id)
                .column(placement_option::Column::Kind)
                .filter(placement_option::Column::Id.is_in(chunk.iter().copied()))
                .into_tuple()
                .all(conn)
                .await?;
        out.extend(rows.into_iter().map(|(id, kind)| (id, kind.0)));
    }
    Ok(out)
}

/// Sets a placement's own review rhythm (`None`: the rules' rhythm).
pub async fn set_review_rhythm<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    months: Option<i32>,
    now: DateTime<Utc>,
) -> Result<()> {
    use sea_orm::sea_query::Expr;
    placement::Entity::update_many()
        .col_expr(placement::Column::ReviewRhythmMonths, Expr::value(months))
        .col_expr(placement::Column::UpdatedAt, Expr::value(now))
        .filter(placement::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Placements by id, without a scope (after the gate).
pub async fn for_ids<C: ConnectionTrait>(conn: &C, ids: &[i64]) -> Result<Vec<placement::Model>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(placement::Entity::find()
        .filter(placement::Column::Id.is_in(ids.iter().copied()))
        .order_by_asc(placement::Column::Id)
        .all(conn)
        .await?)
}

/// Current placements created since an instant (new placements, for first-visit reminders).
pub async fn created_since<C: ConnectionTrait>(
    conn: &C,
    since: DateTime<Utc>,
) -> Result<Vec<placement::Model>> {
    Ok(placement::Entity::find()
        .filter(placement::Column::CreatedAt.gte(since))
        .filter(placement::Column::Status.is_in(crate::scope::current_statuses()))
        .order_by_asc(placement::Column::Id)
        .all(conn)
        .await?)
}

/// The address of each given placement's option: where its visits go (the planner groups
/// visits in one postal district on one day).
pub async fn option_addresses<C: ConnectionTrait>(
    conn: &C,
    placement_ids: &[i64],
) -> Result<std::collections::HashMap<i64, String>> {
    use crate::entities::placement_option;
    use sea_orm::QuerySelect;
    let mut ids = placement_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let mut option_of = std::collections::HashMap::new();
    for chunk in ids.chunks(1000) {
        let rows: Vec<(i64, i64)> = placement::Entity::find()
            .select_only()
            .column(placement::Column::Id)
            .column(placement::Column::OptionId)
            .filter(placement::Column::Id.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(conn)
            .await?;
        option_of.extend(rows);
    }
    let mut options: Vec<i64> = option_of.values().copied().collect();
    options.sort_unstable();
    options.dedup();
    let mut address = std::collections::HashMap::new();
    for chunk in options.chunks(1000) {
        let rows: Vec<(i64, String)> = placement_option::Entity::find()
            .select_only()
            .column(placement_option::Column::Id)
            .column(placement_option::Column::Address)
            .filter(placement_option::Column::Id.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(conn)
            .await?;
        address.extend(rows);
    }
    Ok(option_of
        .into_iter()
        .filter_map(|(p, o)| Some((p, address.get(&o)?.clone())))
        .collect())
}
