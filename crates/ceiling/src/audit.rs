//! The group-commit writer of read rows, as Kith's (`kith_store::read_log`): requests that
//! arrive while a batch is written wait together and go into the next statement; each gets
//! its answer after its rows are committed; between batches the log's index by child is
//! brought up to date at most every 100 ms when nobody waits, at least once a second.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use tokio::sync::{mpsc, oneshot};

/// The rows of one read: one per child, by one actor for one action.
pub struct Reads {
    pub actor: i64,
    pub action: &'static str,
    pub children: Vec<i64>,
    pub at: DateTime<Utc>,
}

pub struct Job {
    pub reads: Reads,
    pub done: oneshot::Sender<bool>,
}

/// What a writer does with its database.
pub trait Batches: Send + 'static {
    /// Writes every row of the batch in one statement.
    fn write(&mut self, batch: &[&Reads]) -> Result<(), String>;
    /// Indexes up to `max` further rows of the log by child.
    fn catch_up(&mut self, max: i64) -> Result<(), String>;
}

const MAX_BATCH: usize = 256;
const INDEX_EVERY: Duration = Duration::from_millis(100);
const INDEX_AT_LATEST: Duration = Duration::from_secs(1);
const INDEX_CHUNK: i64 = 10_000;

/// The queue of a writer running `db` on a thread of its own.
pub fn spawn(mut db: impl Batches) -> mpsc::UnboundedSender<Job> {
    let (tx, mut rx) = mpsc::unbounded_channel::<Job>();
    std::thread::spawn(move || {
        let mut jobs = Vec::with_capacity(MAX_BATCH);
        let mut indexed_at = Instant::now();
        while let Some(first) = rx.blocking_recv() {
            jobs.push(first);
            while jobs.len() < MAX_BATCH {
                match rx.try_recv() {
                    Ok(j) => jobs.push(j),
                    Err(_) => break,
                }
            }
            let ok = db
                .write(&jobs.iter().map(|j| &j.reads).collect::<Vec<_>>())
                .is_ok();
            for job in jobs.drain(..) {
                let _ = job.done.send(ok);
            }
            let since = indexed_at.elapsed();
            if since >= INDEX_AT_LATEST || (since >= INDEX_EVERY && rx.is_empty()) {
                indexed_at = Instant::now();
                let _ = db.catch_up(INDEX_CHUNK);
            }
        }
    });
    tx
}

/// Queues `reads` and waits until they are committed.
pub async fn record(queue: &mpsc::UnboundedSender<Job>, reads: Reads) -> Result<(), String> {
    if reads.children.is_empty() {
        return Ok(());
    }
    let (done, committed) = oneshot::channel();
    queue
        .send(Job { reads, done })
        .map_err(|_| "the writer is gone")?;
    match committed.await {
        Ok(true) => Ok(()),
        _ => Err("the audit rows were not written".into()),
    }
}
