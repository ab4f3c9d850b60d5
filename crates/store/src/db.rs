//! Connecting to SQLite or PostgreSQL, migrating, and starting transactions correctly on each.

use std::time::Duration;

use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;

use crate::{Result, StoreError};

/// Rows a SQLite connection's thread may hand over before the reader takes them (sqlx's
/// default is 50, one short of a page of 50 and the row that says there is a next page).
const SQLITE_ROW_CHANNEL: usize = 256;

/// Which database engine a connection talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A pooled connection to Kith's database.
#[derive(Debug, Clone)]
pub struct Db {
    conn: DatabaseConnection,
    backend: Backend,
}

use kith_migrations::sea_orm_migration;

impl Db {
    /// Connects to `url` (`sqlite://path?mode=rwc` or `postgres://...`).
    ///
    /// SQLite runs in WAL mode with foreign keys on and a busy timeout, so readers never block
    /// the writer and concurrent writers queue instead of failing. PostgreSQL connections give
    /// up quickly when the server is away, so a request fails with 503 instead of hanging.
    pub async fn connect(url: &str) -> Result<Self> {
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(StoreError::Unavailable(
                "unsupported database URL: use sqlite:// or postgres://".into(),
            ));
        };
        let mut opts = ConnectOptions::new(url.to_owned());
        // `KITH_SQL_TRACE=1` with `KITH_LOG=warn,sqlx::query=info` logs each statement's text
        // (never its values): how the bench's ceiling took Kith's statements (crates/ceiling).
        opts.sqlx_logging(std::env::var_os("KITH_SQL_TRACE").is_some())
            .acquire_timeout(Duration::from_secs(5))
            .connect_timeout(Duration::from_secs(5))
            .idle_timeout(Duration::from_secs(300));
        match backend {
            Backend::Sqlite => {
                // A file cannot go away under a connection: no ping before each statement
                // (a round trip to the connection's thread that doubled a query's cost).
                opts.max_connections(8)
                    .min_connections(1)
                    .test_before_acquire(false);
                opts.map_sqlx_sqlite_opts(|o| {
                    use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
                    o.journal_mode(SqliteJournalMode::Wal)
                        .synchronous(SqliteSynchronous::Normal)
                        .foreign_keys(true)
                        .busy_timeout(Duration::from_secs(30))
                        .create_if_missing(true)
                        // A page of rows fits in the channel from the connection's thread,
                        // which then never waits for the reader halfway through a page.
                        .row_buffer_size(SQLITE_ROW_CHANNEL)
                });
            }
            Backend::Postgres => {
                // A connection whose server restarted is found out before it is used.
                opts.max_connections(16)
                    .min_connections(0)
                    .test_before_acquire(true);
            }
        }
        let conn = Database::connect(opts).await?;
        Ok(Self { conn, backend })
    }

    /// Brings the query planner's statistics up to date after a bulk load, as PostgreSQL's
    /// manual advises after populating a database: without them it guessed 42 children for
    /// an adviser with 114 and sorted them all where its index gives the first page in order
    /// (1.4 against 0.6 ms a page). Autovacuum would get there too, at a moment nobody chose.
    /// SQLite keeps no statistics here; its plans do not use them.
    pub async fn refresh_statistics(&self) -> Result<()> {
        if self.backend == Backend::Postgres {
            sea_orm::ConnectionTrait::execute_unprepared(&self.conn, "ANALYZE").await?;
        }
        Ok(())
    }

    /// Applies every pending migration.
    pub async fn migrate(&self) -> Result<()> {
        kith_migrations::Migrator::up(&self.conn, None).await?;
        Ok(())
    }

    /// The pooled connection, for reads.
    pub fn conn(&self) -> &DatabaseConnection {
        &self.conn
    }

    /// Which engine this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The sea-orm backend, for building raw statements.
    pub fn db_backend(&self) -> DbBackend {
        match self.backend {
            Backend::Sqlite => DbBackend::Sqlite,
            Backend::Postgres => DbBackend::Postgres,
        }
    }

    /// Starts a write transaction. On SQLite it is `BEGIN IMMEDIATE`, so it takes the write
    /// lock at once and waits for it, instead of failing with SQLITE_BUSY when it first writes
    /// after reading.
    pub async fn begin_write(&self) -> Result<DatabaseTransaction> {
        let opts = TransactionOptions {
            sqlite_transaction_mode: match self.backend {
                Backend::Sqlite => Some(SqliteTransactionMode::Immediate),
                Backend::Postgres => None,
            },
            ..Default::default()
        };
        Ok(self.conn.begin_with_options(opts).await?)
    }

    /// Checks that the database answers (for `/readyz`).
    pub async fn ping(&self) -> Result<()> {
        self.conn.ping().await?;
        Ok(())
    }

    /// Closes the pool.
    pub async fn close(self) -> Result<()> {
        self.conn.close().await?;
        Ok(())
    }
}
