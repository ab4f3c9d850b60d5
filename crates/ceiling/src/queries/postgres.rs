//! Kith's statements on PostgreSQL connections, prepared once per connection, and the audit
//! writer (`UNNEST` batches, the index by child caught up under a `SHARE` lock as Kith does).

use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};
use tokio::sync::mpsc;
use tokio_postgres::{Client, Statement};

/// A connection with Kith's statements prepared on it.
pub struct Prepared {
    client: Client,
    principal: Statement,
    touch: Statement,
    children: Statement,
}

impl Prepared {
    pub async fn new(client: Client) -> Result<Self, String> {
        Ok(Self {
            principal: client.prepare(PRINCIPAL).await.map_err(db)?,
            touch: client.prepare(TOUCH).await.map_err(db)?,
            children: client.prepare(CHILDREN).await.map_err(db)?,
            client,
        })
    }
}

use super::{CHILDREN, PRINCIPAL, Principal, TOUCH, children_answer, current_statuses, today};
use crate::audit::{Job, Reads};
use crate::cursor::Sealer;
use crate::lists::{ChildRow, ListKind};

type Answer = Option<(i64, String, Vec<i64>)>;

fn db(e: tokio_postgres::Error) -> String {
    e.to_string()
}

async fn principal(p: &Prepared, hash: &str) -> Result<Option<Principal>, String> {
    let now = Utc::now();
    let c = &p.client;
    let rows = c
        .query(&p.principal, &[&true, &hash, &now])
        .await
        .map_err(db)?;
    let mut found = None;
    for r in &rows {
        let _: (String, String, String, Option<DateTime<Utc>>) =
            (r.get(1), r.get(2), r.get(3), r.get(4));
        let _: (Option<String>, Option<i64>, Option<String>) = (r.get(5), r.get(6), r.get(7));
        found.get_or_insert(Principal {
            user_id: r.get(0),
            token_id: r.get(8),
            last_used_at: r.get(9),
        });
    }
    if let Some(found) = &found
        && found.touch_due(now)
    {
        c.execute(&p.touch, &[&now, &found.token_id])
            .await
            .map_err(db)?;
    }
    Ok(found)
}

/// The answer to a list request: the reader, the body and the children on the page.
pub async fn answer(
    c: &Prepared,
    sealer: &Sealer,
    kind: ListKind,
    hash: &str,
    limit: i64,
) -> Result<Answer, String> {
    let ListKind::Children = kind else {
        return Err("on PostgreSQL only the children list has a ceiling".into());
    };
    let Some(p) = principal(c, hash).await? else {
        return Ok(None);
    };
    let me = p.user_id;
    let statuses = current_statuses();
    let day: NaiveDate = today();
    let rows = c
        .client
        .query(
            &c.children,
            &[
                &me,
                &me,
                &day,
                &day,
                &statuses[0],
                &statuses[1],
                &me,
                &day,
                &day,
                &(limit + 1),
            ],
        )
        .await
        .map_err(db)?
        .into_iter()
        .map(|r| ChildRow {
            id: r.get(0),
            name: r.get(1),
            birth_date: r.get(2),
            case_adviser_id: r.get(3),
            target_area: r.get(4),
            support_level: r.get(5),
            placement_requested_on: r.get(6),
            sibling_group_id: r.get(7),
            case_adviser_name: r.get(8),
        })
        .collect();
    let n = usize::try_from(limit).unwrap_or(50);
    let (body, children) = children_answer(rows, n, sealer, me, day)?;
    Ok(Some((me, body, children)))
}

const MAX_BATCH: usize = 256;

/// Kith's statement for a batch of read rows (`kith_store::read_log`).
const INSERT: &str = "INSERT INTO audit_log (at, actor_id, action, entity, entity_id, child_id) \
     SELECT r.at, r.actor, r.action, 'child', r.child, r.child \
     FROM UNNEST($1::timestamptz[], $2::int8[], $3::text[], $4::int8[]) \
     AS r(at, actor, action, child)";

/// The audit writer on its own connection, as a task.
pub fn spawn_writer(mut c: Client) -> mpsc::UnboundedSender<Job> {
    let (tx, mut rx) = mpsc::unbounded_channel::<Job>();
    tokio::spawn(async move {
        let Ok(insert) = c.prepare(INSERT).await else {
            return;
        };
        let mut jobs = Vec::with_capacity(MAX_BATCH);
        let mut indexed_at = Instant::now();
        while rx.recv_many(&mut jobs, MAX_BATCH).await > 0 {
            let ok = write(&c, &insert, jobs.iter().map(|j| &j.reads))
                .await
                .is_ok();
            for job in jobs.drain(..) {
                let _ = job.done.send(ok);
            }
            let since = indexed_at.elapsed();
            if since >= Duration::from_secs(1)
                || (since >= Duration::from_millis(100) && rx.is_empty())
            {
                indexed_at = Instant::now();
                let _ = catch_up(&mut c, 10_000).await;
            }
        }
    });
    tx
}

async fn write<'a>(
    c: &Client,
    insert: &Statement,
    batch: impl Iterator<Item = &'a Reads>,
) -> Result<(), String> {
    let (mut at, mut actor, mut action, mut child) = (vec![], vec![], vec![], vec![]);
    for r in batch {
        for &id in &r.children {
            at.push(r.at);
            actor.push(r.actor);
            action.push(r.action);
            child.push(id);
        }
    }
    c.execute(insert, &[&at, &actor, &action, &child])
        .await
        .map(|_| ())
        .map_err(db)
}

async fn catch_up(c: &mut Client, max: i64) -> Result<(), String> {
    let tx = c.transaction().await.map_err(db)?;
    tx.batch_execute("SET LOCAL lock_timeout = '20ms'; LOCK TABLE audit_log IN SHARE MODE")
        .await
        .map_err(db)?;
    let settled: i64 = tx
        .query_one("SELECT COALESCE(MAX(id), 0) FROM audit_log", &[])
        .await
        .map_err(db)?
        .get(0);
    tx.commit().await.map_err(db)?;
    let tx = c.transaction().await.map_err(db)?;
    let mark: i64 = tx
        .query_one(
            "SELECT audit_id FROM audit_by_child_upto WHERE id = 1 FOR UPDATE",
            &[],
        )
        .await
        .map_err(db)?
        .get(0);
    let end = settled.min(mark.saturating_add(max.max(1)));
    if end > mark {
        tx.execute(
            "INSERT INTO audit_by_child (child_id, audit_id) SELECT child_id, id FROM audit_log \
             WHERE id > $1 AND id <= $2 AND child_id IS NOT NULL ON CONFLICT DO NOTHING",
            &[&mark, &end],
        )
        .await
        .map_err(db)?;
        tx.execute(
            "UPDATE audit_by_child_upto SET audit_id = $1 WHERE id = 1",
            &[&end],
        )
        .await
        .map_err(db)?;
    }
    tx.commit().await.map_err(db)
}
