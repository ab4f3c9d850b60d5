//! Placement options (the seven kinds), their competences, and the per-child list of options
//! that must not be used (e.g. after an earlier breakdown).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::common::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_placement_option(manager).await?;
        create_option_competence(manager).await?;
        create_child_unsuitable_option(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &[
                "child_unsuitable_option",
                "option_competence",
                "placement_option",
            ],
        )
        .await
    }
}

async fn create_placement_option(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table("placement_option")
                .col(id())
                .col(string("kind"))
                // Only for children's homes: residential_institution | secure_unit | residential_home.
                .col(string_null("institution_form"))
                .col(string("name"))
                .col(text("address"))
                .col(double_null("lat"))
                .col(double_null("lon"))
                .col(string("approval_authority"))
                .col(date_null("approved_on"))
                .col(date_null("approval_valid_until"))
                .col(string("approval_status"))
                .col(integer("approved_places"))
                .col(small_integer("age_min"))
                .col(small_integer("age_max"))
                // JSON arrays of target area codes and ISO 639-1 language codes.
                .col(json_binary("target_areas"))
                .col(json_binary("languages"))
                .col(text("culture_religion"))
                .col(boolean("wheelchair_access"))
                // Whole Danish kroner per day; institutions only.
                .col(integer_null("day_rate_dkk"))
                .col(reference_null("responsible_consultant_id"))
                .col(instant_null("capacity_confirmed_at"))
                .col(reference_null("capacity_confirmed_by"))
                // A network family is approved concretely for one child.
                .col(reference_null("network_child_id"))
                .col(instant("created_at"))
                .col(instant("updated_at"))
                .foreign_key(&mut fk(
                    "placement_option",
                    "responsible_consultant_id",
                    "app_user",
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut fk(
                    "placement_option",
                    "capacity_confirmed_by",
                    "app_user",
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut fk(
                    "placement_option",
                    "network_child_id",
                    "child",
                    ForeignKeyAction::SetNull,
                ))
                .take(),
        )
        .await?;
    manager
        .create_index(index("placement_option", &["kind"]))
        .await?;
    manager
        .create_index(index("placement_option", &["responsible_consultant_id"]))
        .await?;
    manager
        .create_index(index("placement_option", &["network_child_id"]))
        .await?;
    manager
        .create_index(index("placement_option", &["name", "id"]))
        .await?;
    Ok(())
}

async fn create_option_competence(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table("option_competence")
                .col(reference("option_id"))
                .col(string("need_code"))
                // The highest level of the need the option handles.
                .col(string("max_level"))
                .primary_key(Index::create().col("option_id").col("need_code"))
                .foreign_key(&mut fk(
                    "option_competence",
                    "option_id",
                    "placement_option",
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_option_competence_need_code")
                        .from("option_competence", "need_code")
                        .to("need", "code")
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .take(),
        )
        .await?;
    Ok(())
}

async fn create_child_unsuitable_option(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table("child_unsuitable_option")
                .col(reference("child_id"))
                .col(reference("option_id"))
                .col(text("reason"))
                .col(instant("recorded_at"))
                .primary_key(Index::create().col("child_id").col("option_id"))
                .foreign_key(&mut fk(
                    "child_unsuitable_option",
                    "child_id",
                    "child",
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "child_unsuitable_option",
                    "option_id",
                    "placement_option",
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
    Ok(())
}
