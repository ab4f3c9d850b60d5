//! The store's one error type. Database errors are classified by their kind and code (the
//! driver's error variant, PostgreSQL's SQLSTATE, SQLite's result code), never by their text,
//! and keep the driver's error as their source for the log.

use sea_orm::{DbErr, RuntimeErr, SqlErr, sqlx};
use thiserror::Error;

/// What caused an error, kept for the log.
pub type Cause = Box<dyn std::error::Error + Send + Sync>;

/// Why a database operation failed, in the terms the use cases act on.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The database cannot be reached (down, restarting, pool exhausted). Callers answer 503
    /// and may retry; nothing was written.
    #[error("database unavailable")]
    Unavailable(#[source] Cause),
    /// A unique constraint refused the write; `constraint` names the index or column.
    #[error("unique constraint violated: {constraint}")]
    Duplicate { constraint: String },
    /// A foreign key refused the write (a referenced row is missing or still referenced).
    #[error("reference constraint violated: {0}")]
    Reference(String),
    /// The database is read-only or full (SQLite on a bad disk, PostgreSQL out of space).
    #[error("database cannot be written")]
    ReadOnly(#[source] Cause),
    /// A lock was not granted within the statement's `lock_timeout` (PostgreSQL's 55P03):
    /// nothing was written; try again later.
    #[error("lock not granted in time")]
    LockTimeout(#[source] DbErr),
    /// A stored value could not be read back (corrupt or out of vocabulary).
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    /// Any other database error.
    #[error("database error")]
    Db(#[source] DbErr),
}

/// What a database error means for the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Unavailable,
    ReadOnly,
    LockTimeout,
    Other,
}

impl From<DbErr> for StoreError {
    fn from(e: DbErr) -> Self {
        match e.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(c)) => {
                return StoreError::Duplicate { constraint: c };
            }
            Some(SqlErr::ForeignKeyConstraintViolation(c)) => return StoreError::Reference(c),
            _ => {}
        }
        match kind(&e) {
            Kind::Unavailable => StoreError::Unavailable(Box::new(e)),
            Kind::ReadOnly => StoreError::ReadOnly(Box::new(e)),
            Kind::LockTimeout => StoreError::LockTimeout(e),
            Kind::Other => StoreError::Db(e),
        }
    }
}

fn kind(e: &DbErr) -> Kind {
    match e {
        DbErr::ConnectionAcquire(_) => Kind::Unavailable,
        DbErr::Conn(RuntimeErr::SqlxError(x))
        | DbErr::Exec(RuntimeErr::SqlxError(x))
        | DbErr::Query(RuntimeErr::SqlxError(x)) => sqlx_kind(x),
        DbErr::Conn(_) => Kind::Unavailable,
        _ => Kind::Other,
    }
}

/// The driver's error: lost connections and pools are unavailability; a database error by
/// its code.
fn sqlx_kind(e: &sqlx::Error) -> Kind {
    match e {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => Kind::Unavailable,
        sqlx::Error::Database(db) => {
            let code = db.code().unwrap_or_default();
            if db.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
                sqlite_kind(&code)
            } else {
                sqlstate_kind(&code)
            }
        }
        _ => Kind::Other,
    }
}

/// SQLite's (extended) result code, as a number: the primary code is its low byte.
fn sqlite_kind(code: &str) -> Kind {
    match code.parse::<i32>().map(|n| n & 0xff) {
        // SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL
        Ok(8 | 10 | 13) => Kind::ReadOnly,
        // SQLITE_CANTOPEN: the file went away.
        Ok(14) => Kind::Unavailable,
        _ => Kind::Other,
    }
}

/// PostgreSQL's SQLSTATE: five characters, the first two its class.
fn sqlstate_kind(code: &str) -> Kind {
    match code {
        // Class 08: connection exception; 57P01-57P03: shutdown, crash, cannot connect now.
        c if c.starts_with("08") => Kind::Unavailable,
        "57P01" | "57P02" | "57P03" => Kind::Unavailable,
        // Read-only transaction (a standby), disk full, out of memory or I/O error.
        "25006" | "53100" | "58030" => Kind::ReadOnly,
        // lock_not_available: a `lock_timeout` ran out.
        "55P03" => Kind::LockTimeout,
        _ => Kind::Other,
    }
}

impl StoreError {
    /// A value read from the database that does not parse into the domain.
    pub fn corrupt(what: impl std::fmt::Display) -> Self {
        StoreError::Corrupt(what.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_classified_by_engine_and_class() {
        // SQLite: SQLITE_READONLY_DBMOVED (1032), SQLITE_IOERR_WRITE (778), SQLITE_FULL.
        assert_eq!(sqlite_kind("1032"), Kind::ReadOnly);
        assert_eq!(sqlite_kind("778"), Kind::ReadOnly);
        assert_eq!(sqlite_kind("13"), Kind::ReadOnly);
        // SQLITE_CONSTRAINT_CHECK (275) is the caller's business.
        assert_eq!(sqlite_kind("275"), Kind::Other);
        // PostgreSQL: connection failure, admin shutdown, disk full; a syntax error is a bug
        // (all digits, like many SQLSTATEs, and still not a SQLite code).
        assert_eq!(sqlstate_kind("08006"), Kind::Unavailable);
        assert_eq!(sqlstate_kind("57P01"), Kind::Unavailable);
        assert_eq!(sqlstate_kind("53100"), Kind::ReadOnly);
        assert_eq!(sqlstate_kind("42601"), Kind::Other);
        assert_eq!(sqlstate_kind("55P03"), Kind::LockTimeout);
    }

    #[test]
    fn a_lost_pool_is_unavailability_and_keeps_its_cause() {
        let e = StoreError::from(DbErr::Query(RuntimeErr::SqlxError(std::sync::Arc::new(
            sqlx::Error::PoolTimedOut,
        ))));
        assert!(matches!(e, StoreError::Unavailable(_)), "{e:?}");
        let source = std::error::Error::source(&e).expect("the cause is kept");
        assert!(source.to_string().contains("pool timed out"), "{source}");
    }
}
