//! The child's plan and its follow-up: goals (with their earlier versions), progress entries,
//! recorded plan reviews and what they decided for each goal, extensions of short
//! institutional stays, adviser changes per placement, and the exit of a placement (exit plan,
//! exit goal reached, breakdown).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::common::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_goal(manager).await?;
        create_goal_progress(manager).await?;
        create_plan_review(manager).await?;
        create_stay_extension(manager).await?;
        create_placement_adviser_change(manager).await?;
        alter_placement(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            "breakdown",
            "exit_goal_reached",
            "exit_plan",
            "requested_on",
        ] {
            manager
                .alter_table(Table::alter().table("placement").drop_column(col).take())
                .await?;
        }
        drop_tables(
            manager,
            &[
                "placement_adviser_change",
                "stay_extension",
                "plan_review_goal",
                "plan_review",
                "goal_progress",
                "goal",
            ],
        )
        .await
    }
}

async fn create_goal(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table("goal")
                .col(id())
                .col(reference("placement_id"))
                .col(string("area"))
                // Need codes the goal answers (JSON array).
                .col(json_binary("needs"))
                // Plain language the family can read: case content.
                .col(text("text"))
                // scale | number | yes_no, with the unit, baseline and target it needs.
                .col(string("measure_kind"))
                .col(string_null("measure_unit"))
                .col(double_null("baseline"))
                .col(double_null("target"))
                // Party codes responsible (JSON array).
                .col(json_binary("parties"))
                .col(date("due_on"))
                // active | achieved | not_achieved | revised | dropped
                .col(string("status"))
                .col(date_null("closed_on"))
                // The earlier version this one replaces (kept, status revised).
                .col(reference_null("revises_id"))
                .col(reference("created_by"))
                .col(instant("created_at"))
                .col(instant("updated_at"))
                .foreign_key(&mut fk(
                    "goal",
                    "placement_id",
                    "placement",
                    ForeignKeyAction::Restrict,
                ))
                .take(),
        )
        .await?;
    manager
        .create_index(index("goal", &["placement_id", "status"]))
        .await?;
    Ok(())
}

async fn create_goal_progress(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table("goal_progress")
                .col(id())
                .col(reference("goal_id"))
                .col(reference("placement_id"))
                .col(date("recorded_on"))
                .col(double_null("amount"))
                .col(boolean_null("reached"))
                .col(text_null("note"))
                .col(boolean("child_took_part"))
                .col(boolean("parents_took_part"))
                .col(reference("recorded_by"))
                .col(instant("created_at"))
                .foreign_key(&mut fk(
                    "goal_progress",
                    "goal_id",
                    "goal",
                    ForeignKeyAction::Restrict,
                ))
                .take(),
        )
        .await?;
    manager
        .create_index(index("goal_progress", &["goal_id", "recorded_on"]))
        .await?;
    manager
        .create_index(index("goal_progress", &["placement_id", "recorded_on"]))
        .await?;
    Ok(())
}

async fn create_plan_review(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    // A held plan review is a `visit` row of kind plan_review (date, by whom, the child's
    // view); this is what it decided.
    manager
        .create_table(
            Table::create()
                .table("plan_review")
                .col(big_integer("visit_id").primary_key())
                .col(reference("placement_id"))
                // continue | adjust_goals | change_measure | end_placement
                .col(string("decision"))
                // The rhythm from now on (months); NULL: the rules' rhythm.
                .col(integer_null("rhythm_months"))
                .col(instant("created_at"))
                .foreign_key(&mut fk(
                    "plan_review",
                    "visit_id",
                    "visit",
                    ForeignKeyAction::Restrict,
                ))
                .take(),
        )
        .await?;
    manager
        .create_index(index("plan_review", &["placement_id"]))
        .await?;
    manager
        .create_table(
            Table::create()
                .table("plan_review_goal")
                .col(id())
                .col(reference("visit_id"))
                .col(reference("goal_id"))
                // keep | adjust | achieved | drop
                .col(string("outcome"))
                .foreign_key(&mut fk(
                    "plan_review_goal",
                    "visit_id",
                    "visit",
                    ForeignKeyAction::Restrict,
                ))
                .foreign_key(&mut fk(
                    "plan_review_goal",
                    "goal_id",
                    "goal",
                    ForeignKeyAction::Restrict,
                ))
                .take(),
        )
        .await?;
    manager
        .create_index(unique_index("plan_review_goal", &["visit_id", "goal_id"]))
        .await?;
    Ok(())
}

async fn create_stay_extension(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table("stay_extension")
                .col(id())
                .col(reference("placement_id"))
                .col(date("previous_end"))
                .col(date("new_end"))
                .col(text("reason"))
                .col(reference("extended_by"))
                .col(instant("created_at"))
                .foreign_key(&mut fk(
                    "stay_extension",
                    "placement_id",
                    "placement",
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
    manager
        .create_index(index("stay_extension", &["placement_id"]))
        .await?;
    Ok(())
}

async fn create_placement_adviser_change(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    // A case handed to another adviser moves the child's current placements with it;
    // each move is kept (continuity is a dashboard figure).
    manager
        .create_table(
            Table::create()
                .table("placement_adviser_change")
                .col(id())
                .col(reference("placement_id"))
                .col(reference("from_user_id"))
                .col(reference("to_user_id"))
                .col(date("changed_on"))
                .col(reference("changed_by"))
                .col(instant("created_at"))
                .foreign_key(&mut fk(
                    "placement_adviser_change",
                    "placement_id",
                    "placement",
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
    manager
        .create_index(index("placement_adviser_change", &["placement_id"]))
        .await?;
    Ok(())
}

async fn alter_placement(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    for col in [
        // The day the placement was asked for (the child's request date is cleared when
        // the proposal is approved): the first lead time on the dashboard.
        date_null("requested_on"),
        text_null("exit_plan"),
        boolean_null("exit_goal_reached"),
        boolean("breakdown").default(false).take(),
    ] {
        manager
            .alter_table(Table::alter().table("placement").add_column(col).take())
            .await?;
    }
    Ok(())
}
