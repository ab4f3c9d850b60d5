//! The audit log's index by child, kept in bulk instead of row by row.
//!
//! Every read of a page of fifty children writes fifty audit rows, and an ordinary index on
//! (child, time) took each of them to the page holding that child's entries: fifty scattered
//! pages rewritten per commit, which made the one writer that every read waits for the
//! bottleneck of the children's list (about 60 KB of log per request on SQLite). The rows stay
//! exactly as they were, one per child; only finding them by child goes through
//! `audit_by_child`, which `kith_store::audit_by_child::catch_up` fills in bulk, sorted by
//! child, for every row up to a mark (`audit_by_child_upto`). A look-up by child reads the
//! index up to the mark and the few rows after it directly, so it never misses a row.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

use crate::common::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        manager
            .drop_index(
                Index::drop()
                    .name("ix_audit_log_child_id_at")
                    .table("audit_log")
                    .to_owned(),
            )
            .await?;
        // On SQLite the key is the table (no second copy of every pair).
        let clustered = match manager.get_database_backend() {
            DbBackend::Sqlite => " WITHOUT ROWID",
            _ => "",
        };
        db.execute_unprepared(&format!(
            "CREATE TABLE audit_by_child (child_id bigint NOT NULL, audit_id bigint NOT NULL, \
             PRIMARY KEY (child_id, audit_id)){clustered}"
        ))
        .await?;
        db.execute_unprepared(
            "CREATE TABLE audit_by_child_upto (id smallint NOT NULL PRIMARY KEY, \
             audit_id bigint NOT NULL)",
        )
        .await?;
        // Migrations run before anything serves: every row there is now is settled.
        db.execute_unprepared(
            "INSERT INTO audit_by_child (child_id, audit_id) \
             SELECT child_id, id FROM audit_log WHERE child_id IS NOT NULL ORDER BY child_id, id",
        )
        .await?;
        db.execute_unprepared(
            "INSERT INTO audit_by_child_upto (id, audit_id) \
             SELECT 1, COALESCE(MAX(id), 0) FROM audit_log",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["audit_by_child_upto", "audit_by_child"]).await?;
        manager
            .create_index(index("audit_log", &["child_id", "at"]))
            .await
    }
}
