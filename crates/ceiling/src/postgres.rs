//! The ceiling on PostgreSQL: a few connections used by every request in turn (tokio-postgres
//! pipelines the statements of concurrent requests on one connection), the statements
//! prepared once per connection, and one writer connection committing the audit rows in
//! batches.

use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::Utc;
use tokio::sync::mpsc;
use tokio_postgres::{Client, NoTls};

use crate::audit::{self, Job, Reads};
use crate::cursor::Sealer;
use crate::lists::ListKind;
use crate::queries;

/// Connections for reads, as many as Kith's pool holds at most.
const READERS: usize = 16;

pub struct Postgres {
    readers: Vec<queries::postgres::Prepared>,
    next: AtomicUsize,
    sealer: Sealer,
    audit: mpsc::UnboundedSender<Job>,
}

async fn connect(url: &str) -> Result<Client, String> {
    let (client, connection) = tokio_postgres::connect(url, NoTls)
        .await
        .map_err(|e| e.to_string())?;
    tokio::spawn(connection);
    Ok(client)
}

impl Postgres {
    pub async fn connect(url: &str) -> Result<Self, String> {
        let mut readers = Vec::with_capacity(READERS);
        for _ in 0..READERS {
            readers.push(queries::postgres::Prepared::new(connect(url).await?).await?);
        }
        let writer = connect(url).await?;
        Ok(Self {
            readers,
            next: AtomicUsize::new(0),
            sealer: Sealer::new(),
            audit: queries::postgres::spawn_writer(writer),
        })
    }

    pub async fn list(
        &self,
        kind: ListKind,
        token: &str,
        limit: i64,
    ) -> Result<Option<String>, String> {
        let hash = queries::token_hash(token);
        let client = &self.readers[self.next.fetch_add(1, Ordering::Relaxed) % READERS];
        let Some((actor, body, children)) =
            queries::postgres::answer(client, &self.sealer, kind, &hash, limit).await?
        else {
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
