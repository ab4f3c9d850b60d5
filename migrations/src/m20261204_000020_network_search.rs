//! The network search as a tracked process (issue 18, point 1): one row per person in the
//! child's network asked (or tried) on a day, by whom, what came of it, and a next step with
//! its day, open until the next row for that person. The reason and the step are case text.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::common::{drop_tables, fk, id, index, instant, reference};

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLE: &str = "network_ask";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TABLE)
                    .col(id())
                    .col(reference("child_id"))
                    .col(reference("network_person_id"))
                    .col(date("asked_on"))
                    .col(reference("asked_by"))
                    // not_reached | unwilling | willing | in_assessment | approved | refused
                    .col(string("outcome"))
                    .col(text_null("reason"))
                    .col(text_null("next_step"))
                    .col(date_null("next_step_on"))
                    .col(instant("created_at"))
                    .foreign_key(&mut fk(
                        TABLE,
                        "child_id",
                        "child",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        TABLE,
                        "network_person_id",
                        "network_person",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        TABLE,
                        "asked_by",
                        "app_user",
                        ForeignKeyAction::Restrict,
                    ))
                    .take(),
            )
            .await?;
        manager.create_index(index(TABLE, &["child_id"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &[TABLE]).await
    }
}
