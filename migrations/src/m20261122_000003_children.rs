//! Children, their needs, siblings, network and the options that must not be used for them.
//!
//! The CPR number is never stored in clear: `cpr_encrypted` holds AES-256-GCM ciphertext and
//! `cpr_hash` a keyed HMAC for exact lookup (unique: one child per CPR number).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::common::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_sibling_group(manager).await?;
        create_child(manager).await?;
        create_child_need(manager).await?;
        create_network_person(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &["network_person", "child_need", "child", "sibling_group"],
        )
        .await
    }
}

async fn create_sibling_group(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table("sibling_group")
                .col(id())
                .col(instant("created_at"))
                .take(),
        )
        .await?;
    Ok(())
}

async fn create_child(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table("child")
                .col(id())
                .col(string("name"))
                .col(date("birth_date"))
                .col(text_null("cpr_encrypted"))
                .col(string_null("cpr_hash"))
                .col(reference("case_adviser_id"))
                .col(string("target_area"))
                .col(string("support_level"))
                .col(boolean("needs_wheelchair_access"))
                // JSON array of ISO 639-1 codes.
                .col(json_binary("languages"))
                .col(text("culture_religion_wishes"))
                .col(text_null("school_address"))
                .col(double_null("school_lat"))
                .col(double_null("school_lon"))
                .col(text_null("parents_address"))
                .col(double_null("parents_lat"))
                .col(double_null("parents_lon"))
                .col(text("own_wishes"))
                // Set while the child waits for the match unit; the date is when it was asked.
                .col(date_null("placement_requested_on"))
                .col(reference_null("sibling_group_id"))
                .col(instant("created_at"))
                .col(instant("updated_at"))
                .foreign_key(&mut fk(
                    "child",
                    "case_adviser_id",
                    "app_user",
                    ForeignKeyAction::Restrict,
                ))
                .foreign_key(&mut fk(
                    "child",
                    "sibling_group_id",
                    "sibling_group",
                    ForeignKeyAction::SetNull,
                ))
                .take(),
        )
        .await?;
    manager
        .create_index(unique_index("child", &["cpr_hash"]))
        .await?;
    manager
        .create_index(index("child", &["case_adviser_id"]))
        .await?;
    manager
        .create_index(index("child", &["sibling_group_id"]))
        .await?;
    manager
        .create_index(index("child", &["placement_requested_on"]))
        .await?;
    manager
        .create_index(index("child", &["name", "id"]))
        .await?;
    Ok(())
}

async fn create_child_need(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table("child_need")
                .col(reference("child_id"))
                .col(string("need_code"))
                .col(string("level"))
                .primary_key(Index::create().col("child_id").col("need_code"))
                .foreign_key(&mut fk(
                    "child_need",
                    "child_id",
                    "child",
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_child_need_need_code")
                        .from("child_need", "need_code")
                        .to("need", "code")
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .take(),
        )
        .await?;
    Ok(())
}

async fn create_network_person(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table("network_person")
                .col(id())
                .col(reference("child_id"))
                .col(string("name"))
                // e.g. "mormor", "onkel", "tidligere aflastningsfamilie".
                .col(string("relation"))
                .col(text_null("address"))
                .col(double_null("lat"))
                .col(double_null("lon"))
                // none | in_assessment | approved | refused
                .col(string("approval_status"))
                .col(instant("created_at"))
                .foreign_key(&mut fk(
                    "network_person",
                    "child_id",
                    "child",
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
    manager
        .create_index(index("network_person", &["child_id"]))
        .await?;
    Ok(())
}
