//! The 18th birthday planned (issue 18, point 4): what was decided about a young person's
//! support after 18, and on which day, kept on the placement it was decided for.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLE: &str = "placement";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table one change at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(TABLE)
                    .add_column(string_null("after_care_decision").take())
                    .take(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(TABLE)
                    .add_column(date_null("after_care_decided_on").take())
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in ["after_care_decided_on", "after_care_decision"] {
            manager
                .alter_table(Table::alter().table(TABLE).drop_column(column).take())
                .await?;
        }
        Ok(())
    }
}
