//! A short stay's exit plan becomes structured (issue 17, point 4): beside where the child goes
//! (the exit goal) and the steps (the plan's text), the day the child is to move. The goal
//! stays one field, set from the plan, so the plan and the goal cannot say different things.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLE: &str = "placement";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(TABLE)
                    .add_column(date_null("exit_move_on").take())
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(TABLE)
                    .drop_column("exit_move_on")
                    .take(),
            )
            .await
    }
}
