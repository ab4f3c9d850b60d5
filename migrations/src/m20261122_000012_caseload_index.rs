//! The case adviser's list of children is filtered by adviser and ordered by name: one index
//! serves both, so the list does not walk every child in name order to find the adviser's.

use sea_orm_migration::prelude::*;

use crate::common::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(index("child", &["case_adviser_id", "name", "id"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_child_case_adviser_id_name_id")
                    .table("child")
                    .to_owned(),
            )
            .await
    }
}
