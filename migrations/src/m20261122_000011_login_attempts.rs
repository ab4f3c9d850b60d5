//! Failed logins per account (by the hash of the e-mail address), for throttling and lockout.
//! A row, not process memory, so every instance behind a load balancer counts the same.

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
                    .table("login_attempt")
                    .col(string("key_hash").primary_key())
                    .col(integer("failures"))
                    .col(instant("window_started_at"))
                    .col(instant_null("locked_until"))
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["login_attempt"]).await
    }
}
