//! Placements: a child in an option from a start date. Later changes add visits, goals and
//! reviews that hang off a placement.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::common::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("placement")
                    .col(id())
                    .col(reference("child_id"))
                    .col(reference("option_id"))
                    .col(date("start_date"))
                    // Required for institutional stays (a short, targeted stay).
                    .col(date_null("planned_end_date"))
                    .col(string_null("exit_goal"))
                    // planned | active | ended
                    .col(string("status"))
                    .col(date_null("end_date"))
                    .col(string_null("end_reason"))
                    .col(reference_null("consultant_id"))
                    .col(reference("adviser_id"))
                    .col(instant("created_at"))
                    .col(instant("updated_at"))
                    .foreign_key(&mut fk(
                        "placement",
                        "child_id",
                        "child",
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "placement",
                        "option_id",
                        "placement_option",
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "placement",
                        "consultant_id",
                        "app_user",
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        "placement",
                        "adviser_id",
                        "app_user",
                        ForeignKeyAction::Restrict,
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(index("placement", &["option_id", "status"]))
            .await?;
        manager
            .create_index(index("placement", &["child_id"]))
            .await?;
        manager
            .create_index(index("placement", &["consultant_id"]))
            .await?;
        manager
            .create_index(index("placement", &["adviser_id"]))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["placement"]).await
    }
}
