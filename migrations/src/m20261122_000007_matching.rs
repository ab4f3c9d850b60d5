//! Matching and proposals: options a child already knows, the rules as data, proposals with
//! their frozen alternatives, the link from a placement to the proposal that made it, and the
//! e-mail outbox (rows written in the same transaction as their cause; a sender comes later).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::common::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_child_known_option(manager).await?;
        create_rule_set(manager).await?;
        create_proposal(manager).await?;
        create_proposal_child(manager).await?;
        alter_placement(manager).await?;
        create_outbox_email(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("placement")
                    .drop_column("proposal_id")
                    .take(),
            )
            .await?;
        drop_tables(
            manager,
            &[
                "outbox_email",
                "proposal_child",
                "proposal",
                "rule_set",
                "child_known_option",
            ],
        )
        .await
    }
}

async fn create_child_known_option(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table("child_known_option")
                .col(reference("child_id"))
                .col(reference("option_id"))
                // e.g. "respite care", "former foster family".
                .col(text("how"))
                .col(instant("recorded_at"))
                .primary_key(Index::create().col("child_id").col("option_id"))
                .foreign_key(&mut fk(
                    "child_known_option",
                    "child_id",
                    "child",
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "child_known_option",
                    "option_id",
                    "placement_option",
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
    Ok(())
}

async fn create_rule_set(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table("rule_set")
                // "matching", later "visits".
                .col(string("key").primary_key())
                // The rules as JSON text, validated by the domain before it is stored.
                .col(text("value"))
                .col(instant("updated_at"))
                .col(reference_null("updated_by"))
                .take(),
        )
        .await?;
    Ok(())
}

async fn create_proposal(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table("proposal")
                .col(id())
                // draft | submitted | approved | rejected | withdrawn
                .col(string("status"))
                .col(reference("option_id"))
                .col(date("start_date"))
                .col(date_null("planned_end_date"))
                .col(string_null("exit_goal"))
                .col(boolean("together"))
                .col(text("rationale"))
                // The chosen option's score and explanation, the recommendation and the
                // alternatives, frozen as they were when the proposal was made (JSON).
                .col(double("score"))
                .col(text("chosen"))
                .col(text("recommendation"))
                .col(text("alternatives"))
                .col(reference("proposer_id"))
                .col(instant_null("submitted_at"))
                .col(reference_null("decided_by"))
                .col(instant_null("decided_at"))
                .col(text_null("decision_reason"))
                .col(instant("created_at"))
                .col(instant("updated_at"))
                .foreign_key(&mut fk(
                    "proposal",
                    "option_id",
                    "placement_option",
                    ForeignKeyAction::Restrict,
                ))
                .foreign_key(&mut fk(
                    "proposal",
                    "proposer_id",
                    "app_user",
                    ForeignKeyAction::Restrict,
                ))
                .foreign_key(&mut fk(
                    "proposal",
                    "decided_by",
                    "app_user",
                    ForeignKeyAction::SetNull,
                ))
                .take(),
        )
        .await?;
    manager.create_index(index("proposal", &["status"])).await?;
    manager
        .create_index(index("proposal", &["option_id"]))
        .await?;
    Ok(())
}

async fn create_proposal_child(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table("proposal_child")
                .col(reference("proposal_id"))
                .col(reference("child_id"))
                .primary_key(Index::create().col("proposal_id").col("child_id"))
                .foreign_key(&mut fk(
                    "proposal_child",
                    "proposal_id",
                    "proposal",
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "proposal_child",
                    "child_id",
                    "child",
                    ForeignKeyAction::Restrict,
                ))
                .take(),
        )
        .await?;
    manager
        .create_index(index("proposal_child", &["child_id"]))
        .await?;
    Ok(())
}

async fn alter_placement(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .alter_table(
            Table::alter()
                .table("placement")
                .add_column(big_integer_null("proposal_id"))
                .take(),
        )
        .await?;
    Ok(())
}

async fn create_outbox_email(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table("outbox_email")
                .col(id())
                .col(reference("recipient_id"))
                // What the e-mail is about, e.g. proposal_submitted.
                .col(string("kind"))
                // Ids and counts only, never names or case text (JSON).
                .col(text("payload"))
                // One e-mail per cause: a second row for the same cause is not written.
                .col(string_uniq("dedupe_key"))
                // pending | sent | failed
                .col(string("status"))
                .col(integer("attempts"))
                .col(instant("next_attempt_at"))
                .col(text_null("last_error"))
                .col(instant_null("sent_at"))
                .col(instant("created_at"))
                .foreign_key(&mut fk(
                    "outbox_email",
                    "recipient_id",
                    "app_user",
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
    manager
        .create_index(index("outbox_email", &["status", "next_attempt_at"]))
        .await?;
    Ok(())
}
