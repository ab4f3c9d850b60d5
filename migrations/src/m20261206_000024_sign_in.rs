//! Signing in through the municipality's identity provider (issue 19): which provider identity
//! (`iss` + `sub`) is which Kith account. (A sign-in under way is kept sealed in the browser's
//! cookie, not here.)

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::common::{drop_tables, fk, id, instant, instant_null, reference, unique_index};

#[derive(DeriveMigrationName)]
pub struct Migration;

const IDENTITY: &str = "user_identity";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(IDENTITY)
                    .col(id())
                    .col(reference("user_id"))
                    .col(string("issuer"))
                    .col(string("subject"))
                    // The address the provider sent at the last sign-in: what lets an
                    // administrator recognise a wrong link.
                    .col(string_null("email"))
                    .col(instant("created_at"))
                    .col(instant_null("last_sign_in_at"))
                    .foreign_key(&mut fk(
                        IDENTITY,
                        "user_id",
                        "app_user",
                        ForeignKeyAction::Cascade,
                    ))
                    .take(),
            )
            .await?;
        // One account per person at a provider, one person per account at a provider.
        manager
            .create_index(unique_index(IDENTITY, &["issuer", "subject"]))
            .await?;
        manager
            .create_index(unique_index(IDENTITY, &["user_id", "issuer"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &[IDENTITY]).await
    }
}
