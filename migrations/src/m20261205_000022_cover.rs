//! Cover when someone is away (issue 18, point 5): a consultant or case adviser's named
//! stand-in for a period of days. While the period runs, the stand-in reaches the absent
//! person's cases and carries the items that fall in it. Ending a cover early shortens it
//! (the row stays: who covered when is part of the cases' history).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::common::{drop_tables, fk, id, index, instant, reference};

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLE: &str = "cover";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TABLE)
                    .col(id())
                    .col(reference("absent_id"))
                    .col(reference("stand_in_id"))
                    .col(date("first_day"))
                    .col(date("last_day"))
                    .col(reference("created_by"))
                    .col(instant("created_at"))
                    .foreign_key(&mut fk(
                        TABLE,
                        "absent_id",
                        "app_user",
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        TABLE,
                        "stand_in_id",
                        "app_user",
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        TABLE,
                        "created_by",
                        "app_user",
                        ForeignKeyAction::Restrict,
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(index(TABLE, &["stand_in_id", "last_day"]))
            .await?;
        manager
            .create_index(index(TABLE, &["absent_id", "last_day"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &[TABLE]).await
    }
}
