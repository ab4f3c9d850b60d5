//! How the planner's changes are written: created in batches (a JSON array on SQLite,
//! `unnest` on PostgreSQL), updated and cancelled; and held visits carried over.

use super::*;

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
