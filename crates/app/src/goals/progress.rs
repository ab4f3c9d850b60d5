//! Recording progress on a goal: a dated value that fits the goal's measure, a short note, and
//! whether the child and the parents took part (the plan is made with them, not about them).

use chrono::NaiveDate;
use kith_domain::goals::{GoalStatus, ProgressValue};
use kith_domain::{ChildId, GoalId};
use serde::Deserialize;

use super::view::measure_of;
use super::{GoalView, get, visible_goal};
use crate::audit::{self, AuditAction};
use crate::validate::{Problems, trimmed};
use crate::{Actor, App, AppError, Result};

/// The longest progress note (characters).
const MAX_NOTE: usize = 1000;

/// A progress entry (`POST /api/v1/goals/{id}/progress`).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgressInput {
    pub recorded_on: NaiveDate,
    /// A number (0-10 for a scale goal) or true/false for a yes/no goal.
    pub value: ProgressValue,
    pub note: Option<String>,
    #[serde(default)]
    pub child_took_part: bool,
    #[serde(default)]
    pub parents_took_part: bool,
}

/// Records progress on an active goal; returns the goal with its progress.
pub async fn record_progress(
    app: &App,
    actor: &Actor,
    id: GoalId,
    input: ProgressInput,
) -> Result<GoalView> {
    let (goal, placement) = visible_goal(app, actor, id).await?;
    if goal.status.0 != GoalStatus::Active {
        return Err(AppError::conflict("status", "problem.progress_active_goal"));
    }
    let measure = measure_of(&goal)?;
    let mut p = Problems::default();
    if let Err(e) = measure.accepts(input.value) {
        p.add("value", e.message());
    }
    if input.recorded_on > app.today() {
        p.add("recorded_on", "problem.in_future");
    }
    if input.recorded_on < placement.start_date {
        p.add("recorded_on", "problem.before_placement_start");
    }
    p.at_most_chars("note", input.note.as_deref().unwrap_or_default(), MAX_NOTE);
    p.into_result()?;
    let (amount, reached) = match input.value {
        ProgressValue::Amount(a) => (Some(a), None),
        ProgressValue::Reached(r) => (None, Some(r)),
    };
    let tx = app.db().begin_write().await?;
    let entry = kith_store::goals::insert_progress(
        &tx,
        kith_store::goals::NewProgress {
            goal_id: goal.id,
            placement_id: goal.placement_id,
            recorded_on: input.recorded_on,
            amount,
            reached,
            note: trimmed(input.note),
            child_took_part: input.child_took_part,
            parents_took_part: input.parents_took_part,
            recorded_by: actor.id.0,
        },
        app.now(),
    )
    .await?;
    let child = ChildId(placement.child_id);
    audit::by(app, actor)
        .changed(
            &tx,
            AuditAction::ProgressRecord,
            child,
            ("goal_progress", entry),
        )
        .await?;
    tx.commit().await?;
    get(app, actor, id).await
}
