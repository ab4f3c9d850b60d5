//! The store's one error type.

use sea_orm::{DbErr, SqlErr};
use thiserror::Error;

/// Why a database operation failed, in the terms the use cases act on.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The database cannot be reached (down, restarting, pool exhausted). Callers answer 503
    /// and may retry; nothing was written.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// A unique constraint refused the write; `constraint` names the index or column.
    #[error("unique constraint violated: {constraint}")]
    Duplicate { constraint: String },
    /// A foreign key refused the write (a referenced row is missing or still referenced).
    #[error("reference constraint violated: {0}")]
    Reference(String),
    /// The database is read-only or full (SQLite on a bad disk).
    #[error("database cannot be written: {0}")]
    ReadOnly(String),
    /// A stored value could not be read back (corrupt or out of vocabulary).
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    /// Any other database error.
    #[error("database error: {0}")]
    Db(DbErr),
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
        match &e {
            DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => StoreError::Unavailable(e.to_string()),
            _ => {
                let text = e.to_string();
                let lower = text.to_lowercase();
                if is_connection_loss(&lower) {
                    StoreError::Unavailable(text)
                } else if lower.contains("readonly")
                    || lower.contains("read-only")
                    || lower.contains("database or disk is full")
                    || lower.contains("disk i/o error")
                {
                    StoreError::ReadOnly(text)
                } else {
                    StoreError::Db(e)
                }
            }
        }
    }
}

/// Errors that mean "the server went away", which sqlx reports as I/O or protocol errors on
/// a statement rather than as connection errors.
fn is_connection_loss(lower: &str) -> bool {
    [
        "connection refused",
        "connection reset",
        "broken pipe",
        "pool timed out",
        "pool closed",
        "terminating connection",
        "the database system is starting up",
        "the database system is shutting down",
        "unexpected eof",
        "error communicating with database",
        "io error",
    ]
    .iter()
    .any(|needle| lower.contains(needle))
}

impl StoreError {
    /// A value read from the database that does not parse into the domain.
    pub fn corrupt(what: impl std::fmt::Display) -> Self {
        StoreError::Corrupt(what.to_string())
    }
}
