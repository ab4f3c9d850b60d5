//! Who may log in and how: users, their roles and units, sessions and API tokens.
//!
//! The table is `app_user` because `user` is reserved in PostgreSQL. Session ids and API tokens
//! are stored only as SHA-256 hashes, so a copy of the database does not let anyone log in.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::common::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_unit(manager).await?;
        create_app_user(manager).await?;
        create_user_role(manager).await?;
        create_unit_member(manager).await?;
        create_session(manager).await?;
        create_api_token(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &[
                "api_token",
                "session",
                "unit_member",
                "user_role",
                "app_user",
                "unit",
            ],
        )
        .await
    }
}

async fn create_unit(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table("unit")
                .col(id())
                .col(string_uniq("name"))
                // match_unit | foster_network | institutions | advisory_team
                .col(string("kind"))
                .col(instant("created_at"))
                .take(),
        )
        .await?;
    Ok(())
}

async fn create_app_user(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table("app_user")
                .col(id())
                // Lowercased; unique so it can be the login name.
                .col(string_uniq("email"))
                .col(string("name"))
                // argon2id PHC string.
                .col(string("password_hash"))
                .col(boolean("active"))
                // "da" or "en": pages and e-mails.
                .col(string("locale"))
                .col(instant("created_at"))
                .col(instant("updated_at"))
                .take(),
        )
        .await?;
    Ok(())
}

async fn create_user_role(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table("user_role")
                .col(reference("user_id"))
                .col(string("role"))
                .primary_key(Index::create().col("user_id").col("role"))
                .foreign_key(&mut fk(
                    "user_role",
                    "user_id",
                    "app_user",
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
    Ok(())
}

async fn create_unit_member(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table("unit_member")
                .col(reference("unit_id"))
                .col(reference("user_id"))
                .primary_key(Index::create().col("unit_id").col("user_id"))
                .foreign_key(&mut fk(
                    "unit_member",
                    "unit_id",
                    "unit",
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "unit_member",
                    "user_id",
                    "app_user",
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
    manager
        .create_index(index("unit_member", &["user_id"]))
        .await?;
    Ok(())
}

async fn create_session(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table("session")
                // SHA-256 of the session id in the cookie, hex.
                .col(string("id").primary_key())
                .col(text("data"))
                .col(instant("expires_at"))
                .take(),
        )
        .await?;
    manager
        .create_index(index("session", &["expires_at"]))
        .await?;
    Ok(())
}

async fn create_api_token(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table("api_token")
                .col(id())
                .col(reference("user_id"))
                .col(string("name"))
                // SHA-256 of the secret, hex; the secret itself is shown once.
                .col(string_uniq("token_hash"))
                // The first characters of the secret, to recognise it in a list.
                .col(string("prefix"))
                .col(instant("created_at"))
                .col(instant_null("last_used_at"))
                .col(instant_null("revoked_at"))
                .foreign_key(&mut fk(
                    "api_token",
                    "user_id",
                    "app_user",
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
    manager
        .create_index(index("api_token", &["user_id"]))
        .await?;
    Ok(())
}
