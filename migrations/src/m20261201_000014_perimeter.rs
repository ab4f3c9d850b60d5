//! What the perimeter needs (issue 14):
//!
//! - `audit_log.detail`: codes that say what a privileged change changed (`roles=leader;units=3`),
//!   never a name or case text, so a reviewer sees what was granted, not only that something
//!   was.
//! - `app_user.sessions_valid_after`: sessions that logged in before this instant are over
//!   (a disabled user, a changed or reset password, "log out everywhere"); re-enabling a user
//!   does not bring them back.
//! - `api_token.expires_at`: every token expires. Tokens made before this migration get 90
//!   days from the moment it runs, so an integration keeps working while its owner replaces
//!   the token; a token without an expiry is never accepted.
//! - `login_attempt` keys now start with their counter's kind (`a:`, `s:`, `c:`), so each kind
//!   is purged after its own window; the counters from before are dropped (a lock running
//!   at the upgrade ends with it).
//! - `password_reset`: one-time links an administrator sends, stored as the hash of the
//!   secret, with their expiry and when they were used.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};

use crate::common::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("audit_log")
                    .add_column(string_null("detail"))
                    .take(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("app_user")
                    .add_column(instant_null("sessions_valid_after"))
                    .take(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("api_token")
                    .add_column(instant_null("expires_at"))
                    .take(),
            )
            .await?;
        let db = manager.get_connection();
        let grace = chrono::Utc::now() + chrono::Duration::days(90);
        db.execute_raw(Statement::from_sql_and_values(
            manager.get_database_backend(),
            match manager.get_database_backend() {
                sea_orm_migration::sea_orm::DbBackend::Postgres => {
                    "UPDATE api_token SET expires_at = $1 WHERE expires_at IS NULL"
                }
                _ => "UPDATE api_token SET expires_at = ? WHERE expires_at IS NULL",
            },
            [grace.into()],
        ))
        .await?;
        db.execute_unprepared("DELETE FROM login_attempt").await?;
        manager
            .create_table(
                Table::create()
                    .table("password_reset")
                    .col(id())
                    .col(reference("user_id"))
                    .col(string("token_hash").unique_key())
                    .col(reference_null("created_by"))
                    .col(instant("created_at"))
                    .col(instant("expires_at"))
                    .col(instant_null("used_at"))
                    .foreign_key(&mut fk(
                        "password_reset",
                        "user_id",
                        "app_user",
                        ForeignKeyAction::Cascade,
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(index("password_reset", &["user_id"]))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["password_reset"]).await?;
        for (table, column) in [
            ("api_token", "expires_at"),
            ("app_user", "sessions_valid_after"),
            ("audit_log", "detail"),
        ] {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).take())
                .await?;
        }
        Ok(())
    }
}
