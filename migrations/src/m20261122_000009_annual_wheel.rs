//! The annual wheel: planned, held and cancelled visits and plan reviews with their records
//! and agreed follow-ups; consultants' capacity and days off; consultant changes per
//! placement (continuity); claims for scheduled jobs (so any number of instances can tick);
//! the outbox sender's lease; calendar feed tokens; a placement's own review rhythm.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::common::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_visit(manager).await?;
        create_visit_follow_up(manager).await?;
        create_placement_consultant_change(manager).await?;
        create_staff_capacity(manager).await?;
        create_job_run(manager).await?;
        create_app_lock(manager).await?;
        alter_outbox_email(manager).await?;
        alter_app_user(manager).await?;
        alter_placement(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("placement")
                    .drop_column("review_rhythm_months")
                    .take(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ux_app_user_calendar_token_hash")
                    .table("app_user")
                    .to_owned(),
            )
            .await?;
        for (table, col) in [
            ("app_user", "calendar_token_hash"),
            ("outbox_email", "claimed_by"),
            ("outbox_email", "claimed_until"),
        ] {
            manager
                .alter_table(Table::alter().table(table).drop_column(col).take())
                .await?;
        }
        drop_tables(
            manager,
            &[
                "app_lock",
                "job_run",
                "staff_day_off",
                "staff_capacity",
                "placement_consultant_change",
                "visit_follow_up",
                "visit",
            ],
        )
        .await
    }
}

async fn create_visit(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table("visit")
                .col(id())
                .col(reference("placement_id"))
                // supervision | support | institution_follow_up | plan_review
                .col(string("kind"))
                // planned | held | cancelled
                .col(string("status"))
                // The slot: due date and the days it may be held on.
                .col(date("due_on"))
                .col(date("opens_on"))
                .col(date("closes_on"))
                .col(date("planned_on"))
                .col(reference("assignee_id"))
                // Moved by hand: the planner keeps its day.
                .col(boolean("pinned").default(false))
                // over_capacity | no_working_day | outside_window
                .col(string_null("flag"))
                // The record of a held visit.
                .col(date_null("held_on"))
                .col(reference_null("held_by_id"))
                .col(boolean_null("child_seen_alone"))
                .col(text_null("not_seen_alone_reason"))
                // The child's own view in its own words, and observations: case content.
                .col(text_null("child_view"))
                .col(text_null("observations"))
                .col(instant_null("recorded_at"))
                .col(text_null("moved_reason"))
                // placement_ended | no_longer_needed | by_user
                .col(string_null("cancel_reason"))
                .col(text_null("cancel_note"))
                // Set when the team leader was told it is overdue (once per item).
                .col(instant_null("escalated_at"))
                .col(instant("created_at"))
                .col(instant("updated_at"))
                .foreign_key(&mut fk(
                    "visit",
                    "placement_id",
                    "placement",
                    ForeignKeyAction::Restrict,
                ))
                .foreign_key(&mut fk(
                    "visit",
                    "assignee_id",
                    "app_user",
                    ForeignKeyAction::Restrict,
                ))
                .foreign_key(&mut fk(
                    "visit",
                    "held_by_id",
                    "app_user",
                    ForeignKeyAction::Restrict,
                ))
                .take(),
        )
        .await?;
    for cols in [
        &["placement_id", "kind", "status"][..],
        &["assignee_id", "status", "planned_on"][..],
        &["status", "closes_on"][..],
    ] {
        manager.create_index(index("visit", cols)).await?;
    }
    Ok(())
}

async fn create_visit_follow_up(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table("visit_follow_up")
                .col(id())
                .col(reference("visit_id"))
                .col(reference("placement_id"))
                .col(text("what"))
                // Who does it: a party (child, parents, foster_family, consultant, ...).
                .col(string("owner"))
                .col(date("due_on"))
                .col(date_null("done_on"))
                // The visit at which it was closed.
                .col(reference_null("closed_at_visit_id"))
                .col(instant("created_at"))
                .foreign_key(&mut fk(
                    "visit_follow_up",
                    "visit_id",
                    "visit",
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "visit_follow_up",
                    "placement_id",
                    "placement",
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
    manager
        .create_index(index("visit_follow_up", &["placement_id", "done_on"]))
        .await?;
    Ok(())
}

async fn create_placement_consultant_change(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table("placement_consultant_change")
                .col(id())
                .col(reference("placement_id"))
                .col(reference_null("from_user_id"))
                .col(reference_null("to_user_id"))
                .col(date("changed_on"))
                .col(reference("changed_by"))
                .col(instant("created_at"))
                .foreign_key(&mut fk(
                    "placement_consultant_change",
                    "placement_id",
                    "placement",
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
    manager
        .create_index(index("placement_consultant_change", &["placement_id"]))
        .await?;
    Ok(())
}

async fn create_staff_capacity(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table("staff_capacity")
                .col(big_integer("user_id").primary_key())
                // Most visits a week; NULL: the rules' default.
                .col(integer_null("weekly_visits"))
                .col(instant("updated_at"))
                .foreign_key(
                    &mut ForeignKey::create()
                        .name("fk_staff_capacity_user_id")
                        .from("staff_capacity", "user_id")
                        .to("app_user", "id")
                        .on_delete(ForeignKeyAction::Cascade)
                        .take(),
                )
                .take(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table("staff_day_off")
                .col(reference("user_id"))
                .col(date("day"))
                .primary_key(Index::create().col("user_id").col("day"))
                .foreign_key(&mut fk(
                    "staff_day_off",
                    "user_id",
                    "app_user",
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
    Ok(())
}

async fn create_job_run(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    // One row per run of a scheduled job (e.g. the digest of 2026-11-23): inserting it is
    // claiming the run, so of several instances exactly one does the work. A claim that
    // is never finished can be taken over after its lease.
    manager
        .create_table(
            Table::create()
                .table("job_run")
                .col(string("job"))
                .col(string("run_key"))
                .col(string("claimed_by"))
                .col(instant("claimed_at"))
                .col(instant_null("finished_at"))
                .primary_key(Index::create().col("job").col("run_key"))
                .take(),
        )
        .await?;
    Ok(())
}

async fn create_app_lock(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    // Named locks taken by touching a row inside a transaction (the planner's).
    manager
        .create_table(
            Table::create()
                .table("app_lock")
                .col(string("name").primary_key())
                .col(instant_null("touched_at"))
                .take(),
        )
        .await?;
    manager
        .exec_stmt(
            Query::insert()
                .into_table("app_lock")
                .columns(["name"])
                .values_panic(["planner".into()])
                .take(),
        )
        .await?;
    Ok(())
}

async fn alter_outbox_email(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    // The outbox sender leases a row before sending it, so two senders never send one
    // e-mail twice.
    manager
        .alter_table(
            Table::alter()
                .table("outbox_email")
                .add_column(instant_null("claimed_until"))
                .take(),
        )
        .await?;
    manager
        .alter_table(
            Table::alter()
                .table("outbox_email")
                .add_column(string_null("claimed_by"))
                .take(),
        )
        .await?;
    Ok(())
}

async fn alter_app_user(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    // A user's calendar feed is found by the SHA-256 of its secret token.
    manager
        .alter_table(
            Table::alter()
                .table("app_user")
                .add_column(string_null("calendar_token_hash"))
                .take(),
        )
        .await?;
    manager
        .create_index(unique_index("app_user", &["calendar_token_hash"]))
        .await?;
    Ok(())
}

async fn alter_placement(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .alter_table(
            Table::alter()
                .table("placement")
                .add_column(integer_null("review_rhythm_months"))
                .take(),
        )
        .await?;
    Ok(())
}
