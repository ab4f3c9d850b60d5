//! Indexes behind the option catalogue's version check: matching keeps option profiles in
//! memory and asks on every request whether any option or placement changed since; with
//! these indexes that question is a few index lookups instead of table scans.

use sea_orm_migration::prelude::*;

use crate::common::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(index("placement_option", &["updated_at"]))
            .await?;
        manager
            .create_index(index("placement_option", &["capacity_confirmed_at"]))
            .await?;
        manager
            .create_index(index("placement", &["updated_at"]))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, name) in [
            ("placement", "ix_placement_updated_at"),
            (
                "placement_option",
                "ix_placement_option_capacity_confirmed_at",
            ),
            ("placement_option", "ix_placement_option_updated_at"),
        ] {
            manager
                .drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
