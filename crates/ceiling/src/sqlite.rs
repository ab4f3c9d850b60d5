//! The ceiling on SQLite: each runtime worker thread reads on a connection of its own with
//! statements prepared once, and one writer thread commits the audit rows in batches.

use std::cell::RefCell;
use std::time::Duration;

use chrono::{SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags, params};
use tokio::sync::mpsc;

use crate::audit::{self, Batches, Job, Reads};
use crate::cursor::Sealer;
use crate::lists::ListKind;
use crate::queries;

/// The database file and the audit writer.
pub struct Sqlite {
    path: String,
    sealer: Sealer,
    audit: mpsc::UnboundedSender<Job>,
}

/// Kith's pragmas (`kith_store::Db::connect`).
fn open(path: &str) -> rusqlite::Result<Connection> {
    let c = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    c.busy_timeout(Duration::from_secs(30))?;
    c.pragma_update(None, "journal_mode", "WAL")?;
    c.pragma_update(None, "synchronous", "NORMAL")?;
    c.pragma_update(None, "foreign_keys", "ON")?;
    c.set_prepared_statement_cache_capacity(100);
    Ok(c)
}

thread_local! {
    static READER: RefCell<Option<Connection>> = const { RefCell::new(None) };
}

impl Sqlite {
    pub fn open(path: &str) -> Result<Self, String> {
        let writer = Writer(open(path).map_err(|e| e.to_string())?);
        Ok(Self {
            path: path.to_owned(),
            sealer: Sealer::new(),
            audit: audit::spawn(writer),
        })
    }

    /// A page of `kind` for the bearer of `token`; `None` if the token opens nothing.
    pub async fn list(
        &self,
        kind: ListKind,
        token: &str,
        limit: i64,
    ) -> Result<Option<String>, String> {
        let hash = queries::token_hash(token);
        let answer = READER.with(|cell| {
            let mut cell = cell.borrow_mut();
            if cell.is_none() {
                *cell = Some(open(&self.path).map_err(|e| e.to_string())?);
            }
            let conn = cell.as_ref().expect("opened above");
            queries::sqlite::answer(conn, &self.sealer, kind, &hash, limit)
        })?;
        let Some((actor, body, children)) = answer else {
            return Ok(None);
        };
        audit::record(
            &self.audit,
            Reads {
                actor,
                action: kind.audit_action(),
                children,
                at: Utc::now(),
            },
        )
        .await?;
        Ok(Some(body))
    }
}

/// The audit writer's connection.
struct Writer(Connection);

impl Batches for Writer {
    fn write(&mut self, batch: &[&Reads]) -> Result<(), String> {
        let rows: Vec<(String, i64, &str, i64)> = batch
            .iter()
            .flat_map(|r| {
                let at = r.at.to_rfc3339_opts(SecondsFormat::AutoSi, false);
                r.children
                    .iter()
                    .map(move |&c| (at.clone(), r.actor, r.action, c))
            })
            .collect();
        let json = serde_json::to_string(&rows).map_err(|e| e.to_string())?;
        self.0
            .prepare_cached(
                "INSERT INTO audit_log (at, actor_id, action, entity, entity_id, child_id) \
                 SELECT r.value ->> 0, r.value ->> 1, r.value ->> 2, 'child', r.value ->> 3, \
                 r.value ->> 3 FROM json_each(?1) AS r",
            )
            .and_then(|mut s| s.execute(params![json]))
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    fn catch_up(&mut self, max: i64) -> Result<(), String> {
        let tx = self
            .0
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| e.to_string())?;
        let one = |sql: &str| -> Result<i64, String> {
            tx.prepare_cached(sql)
                .and_then(|mut s| s.query_row([], |r| r.get(0)))
                .map_err(|e| e.to_string())
        };
        let mark = one("SELECT audit_id FROM audit_by_child_upto WHERE id = 1")?;
        let settled = one("SELECT COALESCE(MAX(id), 0) FROM audit_log")?;
        let end = settled.min(mark.saturating_add(max.max(1)));
        if end > mark {
            tx.execute(
                "INSERT INTO audit_by_child (child_id, audit_id) \
                 SELECT child_id, id FROM audit_log \
                 WHERE id > ?1 AND id <= ?2 AND child_id IS NOT NULL \
                 ON CONFLICT DO NOTHING",
                params![mark, end],
            )
            .map_err(|e| e.to_string())?;
            tx.execute(
                "UPDATE audit_by_child_upto SET audit_id = ?1 WHERE id = 1",
                params![end],
            )
            .map_err(|e| e.to_string())?;
        }
        tx.commit().map_err(|e| e.to_string())
    }
}
