//! Claims for scheduled work: a run of a job (e.g. the digest of one day) is done by the
//! instance that inserts its row. A claim not finished within its lease (the instance died)
//! can be taken over; the work itself must be idempotent for that case (e-mails have their
//! own unique rows).

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::Result;
use crate::entities::{app_lock, job_run};

/// Tries to claim run `key` of `job` for `who`; true if this caller now owns it.
pub async fn claim<C: ConnectionTrait>(
    conn: &C,
    job: &str,
    key: &str,
    who: &str,
    now: DateTime<Utc>,
    lease: Duration,
) -> Result<bool> {
    let res = job_run::Entity::insert(job_run::ActiveModel {
        job: Set(job.to_owned()),
        run_key: Set(key.to_owned()),
        claimed_by: Set(who.to_owned()),
        claimed_at: Set(now),
        finished_at: Set(None),
    })
    .on_conflict_do_nothing_on([job_run::Column::Job, job_run::Column::RunKey])
    .exec_without_returning(conn)
    .await?;
    if matches!(res, sea_orm::TryInsertResult::Inserted(n) if n == 1) {
        return Ok(true);
    }
    // Take over a claim whose owner never finished within the lease.
    let res = job_run::Entity::update_many()
        .col_expr(job_run::Column::ClaimedBy, Expr::value(who.to_owned()))
        .col_expr(job_run::Column::ClaimedAt, Expr::value(now))
        .filter(job_run::Column::Job.eq(job))
        .filter(job_run::Column::RunKey.eq(key))
        .filter(job_run::Column::FinishedAt.is_null())
        .filter(job_run::Column::ClaimedAt.lt(now - lease))
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Marks a claimed run finished.
pub async fn finish<C: ConnectionTrait>(
    conn: &C,
    job: &str,
    key: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    job_run::Entity::update_many()
        .col_expr(job_run::Column::FinishedAt, Expr::value(now))
        .filter(job_run::Column::Job.eq(job))
        .filter(job_run::Column::RunKey.eq(key))
        .exec(conn)
        .await?;
    Ok(())
}

/// All runs of a job (for tests and operators).
pub async fn runs<C: ConnectionTrait>(conn: &C, job: &str) -> Result<Vec<job_run::Model>> {
    Ok(job_run::Entity::find()
        .filter(job_run::Column::Job.eq(job))
        .all(conn)
        .await?)
}

/// Lets the current transaction's commit return before PostgreSQL has flushed it to disk
/// (`synchronous_commit = off` for this transaction only; nothing on SQLite). For work that
/// is re-done anyway when lost: a PostgreSQL crash in the fraction of a second after the
/// commit loses the whole transaction, never part of it, and the next plan writes it again.
pub async fn commit_without_waiting_for_disk<C: ConnectionTrait>(conn: &C) -> Result<()> {
    if conn.get_database_backend() == sea_orm::DbBackend::Postgres {
        conn.execute_unprepared("SET LOCAL synchronous_commit = off")
            .await?;
    }
    Ok(())
}

/// Takes the named lock for the rest of the transaction (a row lock on PostgreSQL; SQLite's
/// write transactions are exclusive already). False if there is no such lock.
pub async fn lock<C: ConnectionTrait>(conn: &C, name: &str, now: DateTime<Utc>) -> Result<bool> {
    let res = app_lock::Entity::update_many()
        .col_expr(app_lock::Column::TouchedAt, Expr::value(now))
        .filter(app_lock::Column::Name.eq(name))
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}
