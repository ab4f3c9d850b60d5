//! Fresh databases for tests: one per test, on SQLite and on PostgreSQL.
//!
//! Migrating is the slow part, so each engine keeps a migrated template per schema version
//! (the fingerprint of the migration sources) and every test gets a copy: a file copy on
//! SQLite, `CREATE DATABASE ... TEMPLATE` on PostgreSQL. PostgreSQL test databases are named
//! `kith_test_*` and dropped when the handle is dropped; `cargo xtask test` also sweeps any
//! left behind by a killed run.

use std::path::{Path, PathBuf};

use sea_orm::{ConnectionTrait, Database, Statement};
use tokio::sync::OnceCell;

use crate::{Db, Result, StoreError};

/// The environment variable naming a PostgreSQL server for tests (an admin URL, e.g.
/// `postgres://postgres@127.0.0.1:5432/postgres`).
pub const TEST_DATABASE_URL_ENV: &str = "KITH_TEST_DATABASE_URL";

/// Which engine a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A database that exists for one test.
#[derive(Debug)]
pub struct TestDb {
    pub url: String,
    pub engine: Engine,
    dir: Option<tempfile_dir::TempDir>,
    pg: Option<(String, String)>, // (admin url, database name)
}

impl TestDb {
    /// A fresh, migrated database on `engine`.
    pub async fn fresh(engine: Engine) -> Result<Self> {
        match engine {
            Engine::Sqlite => fresh_sqlite().await,
            Engine::Postgres => fresh_postgres().await,
        }
    }

    /// The directory holding a SQLite test database (for tests that look at files).
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_ref().map(|d| d.path())
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.pg.take() {
            // Drop from a separate thread with its own runtime: Drop cannot await, and the
            // test's runtime may be shutting down.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build();
                if let Ok(rt) = rt {
                    rt.block_on(async {
                        if let Ok(conn) = Database::connect(&admin).await {
                            let _ = conn
                                .execute_unprepared(&format!(
                                    "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                                ))
                                .await;
                            let _ = conn.close().await;
                        }
                    });
                }
            })
            .join();
        }
    }
}

/// Minimal temp-dir handling without another dependency.
mod tempfile_dir {
    use std::path::{Path, PathBuf};

    #[derive(Debug)]
    pub struct TempDir(PathBuf);

    impl TempDir {
        pub fn new(prefix: &str) -> std::io::Result<Self> {
            let p = std::env::temp_dir().join(format!(
                "{prefix}-{}-{:016x}",
                std::process::id(),
                rand::random::<u64>()
            ));
            std::fs::create_dir_all(&p)?;
            Ok(Self(p))
        }
        pub fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

fn io_err(e: std::io::Error) -> StoreError {
    StoreError::Unavailable(format!("test database file: {e}").into())
}

static SQLITE_TEMPLATE: OnceCell<PathBuf> = OnceCell::const_new();

async fn sqlite_template() -> Result<PathBuf> {
    SQLITE_TEMPLATE
        .get_or_try_init(|| async {
            let dir = std::env::temp_dir().join(format!(
                "kith-sqlite-template-{}-{}",
                kith_migrations::SCHEMA_FINGERPRINT,
                std::process::id()
            ));
            std::fs::create_dir_all(&dir).map_err(io_err)?;
            let path = dir.join("template.db");
            let _ = std::fs::remove_file(&path);
            let db = Db::connect(&sqlite_url(&path)).await?;
            db.migrate().await?;
            // Fold the WAL into the main file so a plain copy is complete.
            db.conn()
                .execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
                .await?;
            db.close().await?;
            Ok(path)
        })
        .await
        .cloned()
}

/// The URL for a SQLite file.
pub fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

async fn fresh_sqlite() -> Result<TestDb> {
    let template = sqlite_template().await?;
    let dir = tempfile_dir::TempDir::new("kith-test").map_err(io_err)?;
    let path = dir.path().join("kith.db");
    std::fs::copy(&template, &path).map_err(io_err)?;
    Ok(TestDb {
        url: sqlite_url(&path),
        engine: Engine::Sqlite,
        dir: Some(dir),
        pg: None,
    })
}

/// The admin URL of the test PostgreSQL server.
pub fn postgres_admin_url() -> Result<String> {
    std::env::var(TEST_DATABASE_URL_ENV).map_err(|_| {
        StoreError::Unavailable(
            format!(
                "{TEST_DATABASE_URL_ENV} is not set; run the tests with `cargo xtask test`, which starts PostgreSQL"
            )
            .into(),
        )
    })
}

/// The URL of database `name` on the server of `admin`.
fn with_database(admin: &str, name: &str) -> String {
    let (base, query) = match admin.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (admin, None),
    };
    let root = match base.rfind('/') {
        Some(i) if i > "postgres://".len() => &base[..i],
        _ => base,
    };
    match query {
        Some(q) => format!("{root}/{name}?{q}"),
        None => format!("{root}/{name}"),
    }
}

static PG_TEMPLATE: OnceCell<String> = OnceCell::const_new();

async fn pg_template(admin: &str) -> Result<String> {
    PG_TEMPLATE
        .get_or_try_init(|| async {
            let name = format!("kith_tpl_{}", kith_migrations::SCHEMA_FINGERPRINT);
            let conn = Database::connect(admin).await?;
            // Serialise template creation across test processes.
            conn.execute_unprepared("SELECT pg_advisory_lock(424242)")
                .await?;
            let exists = conn
                .query_one_raw(Statement::from_sql_and_values(
                    sea_orm::DbBackend::Postgres,
                    "SELECT 1 FROM pg_database WHERE datname = $1",
                    [name.clone().into()],
                ))
                .await?
                .is_some();
            let result: Result<()> = async {
                if !exists {
                    let building = format!("{name}_building");
                    conn.execute_unprepared(&format!(
                        "DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)"
                    ))
                    .await?;
                    conn.execute_unprepared(&format!("CREATE DATABASE \"{building}\""))
                        .await?;
                    let db = Db::connect(&with_database(admin, &building)).await?;
                    db.migrate().await?;
                    db.close().await?;
                    conn.execute_unprepared(&format!(
                        "ALTER DATABASE \"{building}\" RENAME TO \"{name}\""
                    ))
                    .await?;
                }
                Ok(())
            }
            .await;
            conn.execute_unprepared("SELECT pg_advisory_unlock(424242)")
                .await?;
            conn.close().await?;
            result.map(|_| name)
        })
        .await
        .cloned()
}

async fn fresh_postgres() -> Result<TestDb> {
    let admin = postgres_admin_url()?;
    let template = pg_template(&admin).await?;
    let name = format!("kith_test_{:016x}", rand::random::<u64>());
    let conn = Database::connect(&admin).await?;
    // CREATE DATABASE ... TEMPLATE fails if another session is connected to the template;
    // nobody but the builder ever connects to it, and the builder is done.
    conn.execute_unprepared(&format!(
        "CREATE DATABASE \"{name}\" TEMPLATE \"{template}\""
    ))
    .await?;
    conn.close().await?;
    Ok(TestDb {
        url: with_database(&admin, &name),
        engine: Engine::Postgres,
        dir: None,
        pg: Some((admin, name)),
    })
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn swaps_the_database_name() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/postgres", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            with_database("postgres://u:p@h/db?sslmode=disable", "x"),
            "postgres://u:p@h/x?sslmode=disable"
        );
        assert_eq!(
            with_database("postgres://h:5432", "x"),
            "postgres://h:5432/x"
        );
    }
}
