//! Group commit for the audit rows of reads. Every read of children's data writes its rows
//! before it answers (fail closed); one write transaction per request queued every read
//! behind the database's single writer (SQLite) and made the other connections drop their
//! page caches at each commit. Here the requests that arrive while a batch is being written
//! wait together and go into the next commit as one statement; each request still gets
//! its answer only after its rows are committed. If a batch fails, each of its requests
//! writes its own rows alone, so one request's failure is its own and reports its own error.
//! Between batches the writer also brings the log's index by child up to date
//! (`audit_by_child`), which the rows no longer update one by one.

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use tokio::sync::{mpsc, oneshot};

use crate::{Db, Result, audit_by_child};

/// The rows one read writes: one per child, all by one actor for one action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildReads {
    pub actor_id: i64,
    pub action: &'static str,
    pub child_ids: Vec<i64>,
    pub at: DateTime<Utc>,
}

/// Requests per batch at most (a national page of fifty children each: 12,800 rows).
const MAX_BATCH: usize = 256;

struct Job {
    reads: ChildReads,
    /// Whether the batch holding these rows committed.
    done: oneshot::Sender<bool>,
}

/// The writer of read rows, shared by every clone of the application context. Its task
/// starts with the first read, on the runtime that makes it.
#[derive(Clone)]
pub struct ReadLog {
    db: Db,
    queue: Arc<OnceLock<mpsc::UnboundedSender<Job>>>,
}

impl std::fmt::Debug for ReadLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadLog").finish_non_exhaustive()
    }
}

impl ReadLog {
    /// A log writing to `db`.
    pub fn new(db: Db) -> Self {
        Self {
            db,
            queue: Arc::default(),
        }
    }

    /// Writes `reads` and returns once they are committed.
    pub async fn record(&self, reads: ChildReads) -> Result<()> {
        if reads.child_ids.is_empty() {
            return Ok(());
        }
        let queue = self.queue.get_or_init(|| {
            let (tx, rx) = mpsc::unbounded_channel();
            tokio::spawn(write_batches(self.db.clone(), rx));
            tx
        });
        let (done, committed) = oneshot::channel();
        let job = Job {
            reads: reads.clone(),
            done,
        };
        // The writer is gone only with the runtime that started it (a test's); then, and
        // when the batch failed, the rows go in alone.
        if queue.send(job).is_ok() && committed.await == Ok(true) {
            return Ok(());
        }
        write_alone(&self.db, &reads).await
    }
}

/// How often, at most, the writer brings the index by child a step further, and then only
/// when no read is waiting for it ...
const INDEX_EVERY: Duration = Duration::from_millis(100);

/// ... unless the last step is this long ago: under a load without pauses the index still
/// gains [`INDEX_CHUNK`] rows a second (and a look-up by child reads the rest directly).
const INDEX_AT_LATEST: Duration = Duration::from_secs(1);

/// Rows indexed by child in one step at most (about 20 ms under load on two cores).
const INDEX_CHUNK: i64 = 10_000;

async fn write_batches(db: Db, mut rx: mpsc::UnboundedReceiver<Job>) {
    let mut jobs = Vec::with_capacity(MAX_BATCH);
    let mut indexed_at = Instant::now();
    while rx.recv_many(&mut jobs, MAX_BATCH).await > 0 {
        let ok = write_batch(&db, jobs.iter().map(|j| &j.reads))
            .await
            .is_ok();
        for job in jobs.drain(..) {
            let _ = job.done.send(ok);
        }
        // After the answers, and while no read waits: the index may lag, a read may not wait
        // for it.
        let since = indexed_at.elapsed();
        if since >= INDEX_AT_LATEST || (since >= INDEX_EVERY && rx.is_empty()) {
            indexed_at = Instant::now();
            if let Err(e) = audit_by_child::catch_up(&db, INDEX_CHUNK).await {
                tracing::warn!(error = %e, "indexing the audit log by child failed; next time");
            }
        }
    }
}

/// A batch is one statement, atomic on its own: no explicit transaction, so one round trip,
/// and SQLite keeps no statement journal for it (which spilled to a temporary file).
async fn write_batch<'a>(db: &Db, batch: impl Iterator<Item = &'a ChildReads>) -> Result<()> {
    insert(db.conn(), batch).await
}

async fn write_alone(db: &Db, reads: &ChildReads) -> Result<()> {
    insert(db.conn(), std::iter::once(reads)).await
}

/// One statement for all the rows: the columns as arrays (PostgreSQL `UNNEST`) or one JSON
/// document (SQLite `json_each`, instants in the text sqlx writes for them).
async fn insert<'a, C: ConnectionTrait>(
    conn: &C,
    batch: impl Iterator<Item = &'a ChildReads>,
) -> Result<()> {
    let rows: Vec<(&ChildReads, i64)> = batch
        .flat_map(|r| r.child_ids.iter().map(move |&c| (r, c)))
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    let backend = conn.get_database_backend();
    let statement = match backend {
        DbBackend::Postgres => {
            use sea_orm::sea_query::ArrayType;
            let array = |ty: ArrayType, values: Vec<sea_orm::Value>| {
                sea_orm::Value::Array(ty, Some(Box::new(values)))
            };
            Statement::from_sql_and_values(
                backend,
                "INSERT INTO audit_log (at, actor_id, action, entity, entity_id, child_id) \
                 SELECT r.at, r.actor, r.action, 'child', r.child, r.child \
                 FROM UNNEST($1::timestamptz[], $2::int8[], $3::text[], $4::int8[]) \
                 AS r(at, actor, action, child)",
                [
                    array(
                        ArrayType::ChronoDateTimeUtc,
                        rows.iter().map(|(r, _)| r.at.into()).collect(),
                    ),
                    array(
                        ArrayType::BigInt,
                        rows.iter().map(|(r, _)| r.actor_id.into()).collect(),
                    ),
                    array(
                        ArrayType::String,
                        rows.iter().map(|(r, _)| r.action.into()).collect(),
                    ),
                    array(
                        ArrayType::BigInt,
                        rows.iter().map(|&(_, c)| c.into()).collect(),
                    ),
                ],
            )
        }
        _ => {
            let json: Vec<(String, i64, &str, i64)> = rows
                .iter()
                .map(|(r, c)| {
                    (
                        r.at.to_rfc3339_opts(SecondsFormat::AutoSi, false),
                        r.actor_id,
                        r.action,
                        *c,
                    )
                })
                .collect();
            let json = serde_json::to_string(&json)
                .map_err(|e| crate::StoreError::Db(sea_orm::DbErr::Custom(e.to_string())))?;
            Statement::from_sql_and_values(
                backend,
                "INSERT INTO audit_log (at, actor_id, action, entity, entity_id, child_id) \
                 SELECT r.value ->> 0, r.value ->> 1, r.value ->> 2, 'child', r.value ->> 3, \
                 r.value ->> 3 FROM json_each(?1) AS r",
                [json.into()],
            )
        }
    };
    conn.execute_raw(statement).await?;
    Ok(())
}
