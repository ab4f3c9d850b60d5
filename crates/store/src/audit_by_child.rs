//! The audit log's index by child, filled in bulk.
//!
//! An ordinary index on (child, time) took each audit row to the page holding that child's
//! entries as the row was written: a read of fifty children rewrote fifty scattered pages in
//! the commit every read waits for. Here the rows are written without it, and [`catch_up`]
//! later adds the (child, row) pairs of every row up to a settled mark, sorted by child, so
//! each page of the index is written once for many rows. Finding a child's rows
//! ([`crate::audit::for_child`]) reads the index up to the mark and the rows after it
//! directly: the index can lag, the answer cannot.
//!
//! "Settled" means no row with a lower id can still appear. On SQLite that holds for every
//! row there is, as ids are handed out under the single writer's lock. On PostgreSQL ids come
//! from a sequence before the inserting transaction commits, so a row with a lower id can
//! commit after a higher one; the mark is taken with the table locked against inserts for a
//! moment (waiting at most [`LOCK_WAIT`]), which lets every transaction that holds an id
//! finish first.

use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};

use crate::{Db, Result, StoreError};

/// How long the mark waits on PostgreSQL for inserts in flight before it gives up until the
/// next time (inserts arriving meanwhile wait behind it).
pub const LOCK_WAIT: &str = "20ms";

/// Adds to the index the rows after the mark, at most `max_rows` of them, and moves the mark
/// past them. Returns how many ids it covered (0 when the index was up to date, or when on
/// PostgreSQL inserts in flight kept it from settling a mark this time). Several instances
/// may run it at once: they take their turns on the mark's row.
pub async fn catch_up(db: &Db, max_rows: i64) -> Result<u64> {
    let backend = db.db_backend();
    let settled = match backend {
        DbBackend::Postgres => match settled_on_postgres(db).await {
            Ok(id) => Some(id),
            Err(StoreError::LockTimeout(_)) => return Ok(0),
            Err(e) => return Err(e),
        },
        // Read under the write lock below.
        _ => None,
    };
    let tx = db.begin_write().await?;
    let mark_sql = match backend {
        DbBackend::Postgres => "SELECT audit_id FROM audit_by_child_upto WHERE id = 1 FOR UPDATE",
        _ => "SELECT audit_id FROM audit_by_child_upto WHERE id = 1",
    };
    let mark = one_i64(&tx, mark_sql).await?;
    let settled = match settled {
        Some(id) => id,
        None => one_i64(&tx, "SELECT COALESCE(MAX(id), 0) FROM audit_log").await?,
    };
    let end = settled.min(mark.saturating_add(max_rows.max(1)));
    if end <= mark {
        tx.commit().await?;
        return Ok(0);
    }
    tx.execute_raw(Statement::from_sql_and_values(
        backend,
        sql(
            backend,
            "INSERT INTO audit_by_child (child_id, audit_id) \
             SELECT child_id, id FROM audit_log \
             WHERE id > $1 AND id <= $2 AND child_id IS NOT NULL \
             ON CONFLICT DO NOTHING",
        ),
        [mark.into(), end.into()],
    ))
    .await?;
    tx.execute_raw(Statement::from_sql_and_values(
        backend,
        sql(
            backend,
            "UPDATE audit_by_child_upto SET audit_id = $1 WHERE id = 1",
        ),
        [end.into()],
    ))
    .await?;
    tx.commit().await?;
    Ok(u64::try_from(end - mark).unwrap_or(0))
}

/// The highest id below which no row can still appear (PostgreSQL): a `SHARE` lock waits
/// for every transaction that has inserted into the log, and holds new inserts back, so the
/// highest id seen under it is settled.
async fn settled_on_postgres(db: &Db) -> Result<i64> {
    let tx = db.conn().begin().await?;
    tx.execute_unprepared(&format!("SET LOCAL lock_timeout = '{LOCK_WAIT}'"))
        .await?;
    tx.execute_unprepared("LOCK TABLE audit_log IN SHARE MODE")
        .await?;
    let id = one_i64(&tx, "SELECT COALESCE(MAX(id), 0) FROM audit_log").await?;
    tx.commit().await?;
    Ok(id)
}

/// The one number a statement answers.
async fn one_i64<C: ConnectionTrait>(conn: &C, sql: &str) -> Result<i64> {
    let row = conn
        .query_one_raw(Statement::from_string(conn.get_database_backend(), sql))
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("no row for: {sql}")))?;
    Ok(row.try_get_by_index::<i64>(0)?)
}

/// `$n` placeholders as the backend spells them.
fn sql(backend: DbBackend, text: &str) -> String {
    match backend {
        DbBackend::Postgres => text.to_owned(),
        _ => text.replace('$', "?"),
    }
}
