//! The annual wheel's items: planned, held and cancelled visits and plan reviews, their
//! records and agreed follow-ups; what the planner reads and how its changes are written.

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

/// A planned item as the planner reads it: only the columns it needs, so re-planning a
/// national wheel streams a tenth of the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedRow {
    pub id: i64,
    pub placement_id: i64,
    pub kind: Stored<VisitKind>,
    pub due_on: NaiveDate,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub planned_on: NaiveDate,
    pub assignee_id: i64,
    pub pinned: bool,
    pub flag: Option<Stored<PlanFlag>>,
}

type PlannedTuple = (
    i64,
    i64,
    Stored<VisitKind>,
    NaiveDate,
    NaiveDate,
    NaiveDate,
    NaiveDate,
    i64,
    bool,
    Option<Stored<PlanFlag>>,
);

fn planned_columns() -> sea_orm::Select<visit::Entity> {
    use visit::Column as C;
    visit::Entity::find()
        .select_only()
        .columns([
            C::Id,
            C::PlacementId,
            C::Kind,
            C::DueOn,
            C::OpensOn,
            C::ClosesOn,
            C::PlannedOn,
            C::AssigneeId,
            C::Pinned,
            C::Flag,
        ])
        .filter(C::Status.eq(VisitStatus::Planned.as_str()))
}

fn planned_row(t: PlannedTuple) -> PlannedRow {
    let (
        id,
        placement_id,
        kind,
        due_on,
        opens_on,
        closes_on,
        planned_on,
        assignee_id,
        pinned,
        flag,
    ) = t;
    PlannedRow {
        id,
        placement_id,
        kind,
        due_on,
        opens_on,
        closes_on,
        planned_on,
        assignee_id,
        pinned,
        flag,
    }
}

/// Planned items of the given placements (all placements when `None`), for the planner.
pub async fn planned_of_placements<C: ConnectionTrait>(
    conn: &C,
    placement_ids: Option<&[i64]>,
) -> Result<Vec<PlannedRow>> {
    let mut q = planned_columns();
    if let Some(ids) = placement_ids {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        q = q.filter(visit::Column::PlacementId.is_in(ids.iter().copied()));
    }
    let rows: Vec<PlannedTuple> = q.into_tuple().all(conn).await?;
    Ok(rows.into_iter().map(planned_row).collect())
}

/// Planned items of the given people on or after `from` (their load), for the planner.
pub async fn planned_of_assignees<C: ConnectionTrait>(
    conn: &C,
    assignees: &[i64],
    from: NaiveDate,
) -> Result<Vec<PlannedRow>> {
    if assignees.is_empty() {
        return Ok(vec![]);
    }
    let rows: Vec<PlannedTuple> = planned_columns()
        .filter(visit::Column::AssigneeId.is_in(assignees.iter().copied()))
        .filter(visit::Column::PlannedOn.gte(from))
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows.into_iter().map(planned_row).collect())
}

/// Planned items of the given placements (all placements when `None`).
pub async fn open_of_placements<C: ConnectionTrait>(
    conn: &C,
    placement_ids: Option<&[i64]>,
) -> Result<Vec<visit::Model>> {
    let mut q =
        visit::Entity::find().filter(visit::Column::Status.eq(VisitStatus::Planned.as_str()));
    if let Some(ids) = placement_ids {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        q = q.filter(visit::Column::PlacementId.is_in(ids.iter().copied()));
    }
    Ok(q.all(conn).await?)
}

/// The due date of each placement's oldest plan review not yet held.
pub async fn next_review_due<C: ConnectionTrait>(
    conn: &C,
    placement_ids: &[i64],
) -> Result<std::collections::HashMap<i64, NaiveDate>> {
    use sea_orm::QuerySelect;
    let mut out = std::collections::HashMap::new();
    for chunk in placement_ids.chunks(crate::IN_LIST_CHUNK) {
        let rows: Vec<(i64, Option<NaiveDate>)> = visit::Entity::find()
            .select_only()
            .column(visit::Column::PlacementId)
            .column_as(visit::Column::DueOn.min(), "due")
            .filter(visit::Column::Status.eq(VisitStatus::Planned.as_str()))
            .filter(visit::Column::Kind.eq(kith_domain::wheel::VisitKind::PlanReview.as_str()))
            .filter(visit::Column::PlacementId.is_in(chunk.iter().copied()))
            .group_by(visit::Column::PlacementId)
            .into_tuple()
            .all(conn)
            .await?;
        out.extend(rows.into_iter().filter_map(|(p, d)| d.map(|d| (p, d))));
    }
    Ok(out)
}

/// Planned items of the given people on or after `from` (their load, for capacity).
pub async fn open_of_assignees<C: ConnectionTrait>(
    conn: &C,
    assignees: &[i64],
    from: NaiveDate,
) -> Result<Vec<visit::Model>> {
    if assignees.is_empty() {
        return Ok(vec![]);
    }
    Ok(visit::Entity::find()
        .filter(visit::Column::Status.eq(VisitStatus::Planned.as_str()))
        .filter(visit::Column::AssigneeId.is_in(assignees.iter().copied()))
        .filter(visit::Column::PlannedOn.gte(from))
        .all(conn)
        .await?)
}

/// The day the last item of each kind was held, per placement (all placements when `None`).
pub async fn last_held<C: ConnectionTrait>(
    conn: &C,
    placement_ids: Option<&[i64]>,
) -> Result<Vec<(i64, VisitKind, NaiveDate)>> {
    let mut q = visit::Entity::find()
        .select_only()
        .column(visit::Column::PlacementId)
        .column(visit::Column::Kind)
        .column_as(visit::Column::HeldOn.max(), "last")
        .filter(visit::Column::Status.eq(VisitStatus::Held.as_str()))
        .group_by(visit::Column::PlacementId)
        .group_by(visit::Column::Kind);
    if let Some(ids) = placement_ids {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        q = q.filter(visit::Column::PlacementId.is_in(ids.iter().copied()));
    }
    let rows: Vec<(i64, Stored<VisitKind>, Option<NaiveDate>)> = q.into_tuple().all(conn).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(p, k, d)| d.map(|d| (p, k.0, d)))
        .collect())
}

/// What applying a plan did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    pub created: usize,
    pub updated: usize,
    pub cancelled: usize,
}

/// Writes the planner's changes. Call inside the transaction that holds the planner lock.
pub async fn apply<C: ConnectionTrait>(
    conn: &C,
    changes: &[PlanChange],
    now: DateTime<Utc>,
) -> Result<Applied> {
    let mut applied = Applied::default();
    let mut creates = Vec::new();
    let mut cancels: std::collections::BTreeMap<CancelReason, Vec<i64>> = Default::default();
    for c in changes {
        match c {
            PlanChange::Create(n) => creates.push(n),
            PlanChange::Update(u) => {
                visit::Entity::update_many()
                    .col_expr(visit::Column::DueOn, Expr::value(u.window.due_on))
                    .col_expr(visit::Column::OpensOn, Expr::value(u.window.opens_on))
                    .col_expr(visit::Column::ClosesOn, Expr::value(u.window.closes_on))
                    .col_expr(visit::Column::PlannedOn, Expr::value(u.planned_on))
                    .col_expr(visit::Column::AssigneeId, Expr::value(u.assignee.0))
                    .col_expr(
                        visit::Column::Flag,
                        Expr::value(u.flag.map(|f| f.as_str().to_owned())),
                    )
                    .col_expr(visit::Column::UpdatedAt, Expr::value(now))
                    .filter(visit::Column::Id.eq(u.id.0))
                    .filter(visit::Column::Status.eq(VisitStatus::Planned.as_str()))
                    .exec(conn)
                    .await?;
                applied.updated += 1;
            }
            PlanChange::Cancel { id, reason } => cancels.entry(*reason).or_default().push(id.0),
        }
    }
    applied.created = creates.len();
    insert_planned(conn, &creates, now).await?;
    for (reason, ids) in cancels {
        for chunk in ids.chunks(INSERT_BATCH) {
            applied.cancelled += cancel_many(conn, chunk, reason, None, now).await?;
        }
    }
    Ok(applied)
}

/// Writes new planned items. PostgreSQL gets each column as one array (`UNNEST`), a few
/// statements for a whole national wheel; SQLite gets multi-row INSERTs.
async fn insert_planned<C: ConnectionTrait>(
    conn: &C,
    items: &[&kith_domain::wheel::NewVisit],
    now: DateTime<Utc>,
) -> Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    let suspended = match crate::bulk::worth_it(conn, "visit", items.len(), BULK_ROWS).await? {
        true => Some(crate::bulk::suspend(conn, "visit").await?),
        false => None,
    };
    for chunk in items.chunks(ROWS_PER_STATEMENT) {
        match conn.get_database_backend() {
            sea_orm::DbBackend::Postgres => insert_planned_unnest(conn, chunk, now).await?,
            _ => insert_planned_json(conn, chunk, now).await?,
        }
    }
    if let Some(s) = suspended {
        crate::bulk::restore(conn, s).await?;
    }
    Ok(())
}

/// Rows per bulk INSERT statement (one parameter per column on PostgreSQL, one JSON
/// document on SQLite).
const ROWS_PER_STATEMENT: usize = 20_000;

/// New planned items from which they are written as a bulk load (indexes, and on
/// PostgreSQL foreign keys, rebuilt after), when they also outnumber the items there: a
/// first plan.
const BULK_ROWS: usize = 20_000;

/// SQLite: the rows go as one JSON document that SQLite's own JSON functions take apart
/// (`json_each`), the counterpart of PostgreSQL's `UNNEST`. Binding 12 parameters per row
/// through the driver cost about 25 µs a row; a national wheel's 155,000 rows were four
/// seconds of a first plan.
async fn insert_planned_json<C: ConnectionTrait>(
    conn: &C,
    items: &[&kith_domain::wheel::NewVisit],
    now: DateTime<Utc>,
) -> Result<()> {
    let rows: Vec<_> = items
        .iter()
        .map(|n| {
            (
                n.placement.0,
                n.kind.as_str(),
                n.window.due_on,
                n.window.opens_on,
                n.window.closes_on,
                n.planned_on,
                n.assignee.0,
                n.flag.map(|f| f.as_str()),
            )
        })
        .collect();
    let json = serde_json::to_string(&rows)
        .map_err(|e| crate::StoreError::Db(sea_orm::DbErr::Custom(e.to_string())))?;
    // Dates go as the ISO text sqlx writes for a `NaiveDate`; `now` goes as a parameter so
    // it is stored exactly as every other instant.
    let sql = "INSERT INTO visit (placement_id, kind, status, due_on, opens_on, closes_on, \
               planned_on, assignee_id, pinned, flag, created_at, updated_at) \
               SELECT r.value ->> 0, r.value ->> 1, 'planned', r.value ->> 2, r.value ->> 3, \
               r.value ->> 4, r.value ->> 5, r.value ->> 6, 0, r.value ->> 7, ?2, ?2 \
               FROM json_each(?1) AS r";
    conn.execute_raw(sea_orm::Statement::from_sql_and_values(
        sea_orm::DbBackend::Sqlite,
        sql,
        [json.into(), now.into()],
    ))
    .await?;
    Ok(())
}

/// One column of values as a PostgreSQL array parameter, sent in the binary protocol (a
/// text array literal cost the server about 0.4 s of parsing for a national wheel).
fn pg_array<T: Into<sea_orm::Value>>(
    ty: sea_orm::sea_query::ArrayType,
    values: impl Iterator<Item = T>,
) -> sea_orm::Value {
    sea_orm::Value::Array(ty, Some(Box::new(values.map(Into::into).collect())))
}

async fn insert_planned_unnest<C: ConnectionTrait>(
    conn: &C,
    items: &[&kith_domain::wheel::NewVisit],
    now: DateTime<Utc>,
) -> Result<()> {
    use sea_orm::sea_query::ArrayType::{BigInt, ChronoDate, String as Text};
    // No flag is sent as '' (a binary text array carries no NULLs here) and stored as NULL.
    let sql = "INSERT INTO visit (placement_id, kind, status, due_on, opens_on, closes_on, \
               planned_on, assignee_id, pinned, flag, created_at, updated_at) \
               SELECT u.p, u.k, 'planned', u.d, u.o, u.c, u.pl, u.a, false, NULLIF(u.f, ''), \
               $9, $9 \
               FROM UNNEST($1::int8[], $2::text[], $3::date[], $4::date[], $5::date[], \
               $6::date[], $7::int8[], $8::text[]) AS u(p, k, d, o, c, pl, a, f)";
    let values: Vec<sea_orm::Value> = vec![
        pg_array(BigInt, items.iter().map(|n| n.placement.0)),
        pg_array(Text, items.iter().map(|n| n.kind.as_str().to_owned())),
        pg_array(ChronoDate, items.iter().map(|n| n.window.due_on)),
        pg_array(ChronoDate, items.iter().map(|n| n.window.opens_on)),
        pg_array(ChronoDate, items.iter().map(|n| n.window.closes_on)),
        pg_array(ChronoDate, items.iter().map(|n| n.planned_on)),
        pg_array(BigInt, items.iter().map(|n| n.assignee.0)),
        pg_array(
            Text,
            items
                .iter()
                .map(|n| n.flag.map(|f| f.as_str()).unwrap_or("").to_owned()),
        ),
        now.into(),
    ];
    conn.execute_raw(sea_orm::Statement::from_sql_and_values(
        sea_orm::DbBackend::Postgres,
        sql,
        values,
    ))
    .await?;
    Ok(())
}

/// A visit that was held before Kith knew of it (history carried over from an earlier
/// system, or the demo's past year).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldVisit {
    pub placement_id: i64,
    pub kind: VisitKind,
    pub window: kith_domain::wheel::Window,
    pub held_on: NaiveDate,
    pub held_by_id: i64,
    pub child_seen_alone: Option<bool>,
}

/// Writes held visits in batches.
pub async fn insert_held<C: ConnectionTrait>(
    conn: &C,
    rows: &[HeldVisit],
    now: DateTime<Utc>,
) -> Result<()> {
    for chunk in rows.chunks(insert_rows(conn)) {
        let models = chunk.iter().map(|h| visit::ActiveModel {
            placement_id: Set(h.placement_id),
            kind: Set(h.kind.into()),
            status: Set(VisitStatus::Held.into()),
            due_on: Set(h.window.due_on),
            opens_on: Set(h.window.opens_on),
            closes_on: Set(h.window.closes_on),
            planned_on: Set(h.held_on),
            assignee_id: Set(h.held_by_id),
            pinned: Set(false),
            flag: Set(None),
            held_on: Set(Some(h.held_on)),
            held_by_id: Set(Some(h.held_by_id)),
            child_seen_alone: Set(h.child_seen_alone),
            recorded_at: Set(Some(now)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
        visit::Entity::insert_many(models).exec(conn).await?;
    }
    Ok(())
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

/// An agreed follow-up to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFollowUp {
    pub what: String,
    pub owner: String,
    pub due_on: NaiveDate,
}

/// Stores the follow-ups agreed at a visit.
pub async fn add_follow_ups<C: ConnectionTrait>(
    conn: &C,
    visit_id: i64,
    placement_id: i64,
    items: &[NewFollowUp],
    now: DateTime<Utc>,
) -> Result<()> {
    for f in items {
        visit_follow_up::ActiveModel {
            visit_id: Set(visit_id),
            placement_id: Set(placement_id),
            what: Set(f.what.clone()),
            owner: Set(f.owner.clone()),
            due_on: Set(f.due_on),
            done_on: Set(None),
            closed_at_visit_id: Set(None),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(conn)
        .await?;
    }
    Ok(())
}

/// Open follow-ups of a placement (shown again at the next visit), by due date.
pub async fn open_follow_ups<C: ConnectionTrait>(
    conn: &C,
    placement_id: i64,
) -> Result<Vec<visit_follow_up::Model>> {
    Ok(visit_follow_up::Entity::find()
        .filter(visit_follow_up::Column::PlacementId.eq(placement_id))
        .filter(visit_follow_up::Column::DoneOn.is_null())
        .order_by_asc(visit_follow_up::Column::DueOn)
        .order_by_asc(visit_follow_up::Column::Id)
        .all(conn)
        .await?)
}

/// Follow-ups agreed at the given visits.
pub async fn follow_ups_of_visits<C: ConnectionTrait>(
    conn: &C,
    visit_ids: &[i64],
) -> Result<Vec<visit_follow_up::Model>> {
    if visit_ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(visit_follow_up::Entity::find()
        .filter(visit_follow_up::Column::VisitId.is_in(visit_ids.iter().copied()))
        .order_by_asc(visit_follow_up::Column::DueOn)
        .order_by_asc(visit_follow_up::Column::Id)
        .all(conn)
        .await?)
}

/// Closes follow-ups of a placement as done at a visit; returns how many were open.
pub async fn close_follow_ups<C: ConnectionTrait>(
    conn: &C,
    placement_id: i64,
    ids: &[i64],
    at_visit: i64,
    done_on: NaiveDate,
) -> Result<usize> {
    if ids.is_empty() {
        return Ok(0);
    }
    let res = visit_follow_up::Entity::update_many()
        .col_expr(visit_follow_up::Column::DoneOn, Expr::value(done_on))
        .col_expr(
            visit_follow_up::Column::ClosedAtVisitId,
            Expr::value(at_visit),
        )
        .filter(visit_follow_up::Column::PlacementId.eq(placement_id))
        .filter(visit_follow_up::Column::Id.is_in(ids.iter().copied()))
        .filter(visit_follow_up::Column::DoneOn.is_null())
        .exec(conn)
        .await?;
    Ok(res.rows_affected as usize)
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
