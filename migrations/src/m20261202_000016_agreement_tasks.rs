//! Agreements become tasks (issue 17): a state (open, done, dropped), the named person in
//! Kith who holds one whose owner is the adviser or the consultant, and how it was closed (a
//! note, or the reason it was dropped; by whom; when). Agreements already marked done read
//! as done.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

use crate::common::{index, instant_null, reference_null};

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLE: &str = "visit_follow_up";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table one column at a time.
        for mut column in [
            string("state").default("open").take(),
            reference_null("holder_id"),
            text_null("closing_note").take(),
            reference_null("closed_by"),
            instant_null("closed_at"),
        ] {
            manager
                .alter_table(Table::alter().table(TABLE).add_column(&mut column).take())
                .await?;
        }
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE visit_follow_up SET state = 'done' WHERE done_on IS NOT NULL",
            )
            .await?;
        manager
            .create_index(index(TABLE, &["holder_id", "state"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_visit_follow_up_holder_state")
                    .table(TABLE)
                    .to_owned(),
            )
            .await?;
        for column in [
            "state",
            "holder_id",
            "closing_note",
            "closed_by",
            "closed_at",
        ] {
            manager
                .alter_table(Table::alter().table(TABLE).drop_column(column).take())
                .await?;
        }
        Ok(())
    }
}
