//! The audit log: who read or changed which child's data, and when.
//!
//! Only ids and codes, never names, CPR numbers or case text. No foreign keys: the trail must
//! outlive anything it points at, and must never block a change elsewhere.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::common::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("audit_log")
                    .col(id())
                    .col(instant("at"))
                    // None for the system itself (jobs, demo load).
                    .col(reference_null("actor_id"))
                    // e.g. child.read, child.update, child.cpr_reveal
                    .col(string("action"))
                    .col(string("entity"))
                    .col(big_integer_null("entity_id"))
                    .col(big_integer_null("child_id"))
                    .take(),
            )
            .await?;
        manager
            .create_index(index("audit_log", &["child_id", "at"]))
            .await?;
        manager
            .create_index(index("audit_log", &["actor_id", "at"]))
            .await?;
        manager.create_index(index("audit_log", &["at"])).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["audit_log"]).await
    }
}
