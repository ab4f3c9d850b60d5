//! Drafts (issue 17, point 11): a visit record or a plan review kept for the person writing
//! it, one per person and form, so a session that times out loses nothing typed. The body is
//! the form as the browser sent it (case text: it is read only by its author, on the form).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::common::{drop_tables, fk, id, instant, reference, unique_index};

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLE: &str = "form_draft";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TABLE)
                    .col(id())
                    .col(reference("user_id"))
                    // The form: `visit-record/12`, `plan-review/7`.
                    .col(string("form_key"))
                    .col(text("body"))
                    .col(instant("saved_at"))
                    .foreign_key(&mut fk(
                        TABLE,
                        "user_id",
                        "app_user",
                        ForeignKeyAction::Cascade,
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(unique_index(TABLE, &["user_id", "form_key"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &[TABLE]).await
    }
}
