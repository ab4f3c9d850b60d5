//! School changes (issue 18, point 6): one row each time a child's recorded school is changed
//! to another school, with the day, for the stability figure "school changes per child".

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::common::{drop_tables, fk, id, index, instant, reference};

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLE: &str = "child_school_change";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TABLE)
                    .col(id())
                    .col(reference("child_id"))
                    .col(date("changed_on"))
                    .col(reference("changed_by"))
                    .col(instant("created_at"))
                    .foreign_key(&mut fk(
                        TABLE,
                        "child_id",
                        "child",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        TABLE,
                        "changed_by",
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
