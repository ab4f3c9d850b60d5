//! The child's plan for a placement: goals in plain language with a measure, their progress
//! over time, and revisions that keep the earlier version. Case advisers (and leaders over
//! them) write goals; everyone who follows the placement up may record progress, because the
//! consultant often hears it first.

mod progress;
pub mod reviews;
mod view;

pub use progress::{ProgressInput, record_progress};
pub use view::{GoalView, ProgressView, goal_views};

use chrono::NaiveDate;
use kith_domain::goals::{GoalArea, GoalStatus, Measure};
use kith_domain::{ChildId, GoalId, Party, PlacementId, PlacementStatus};
use serde::Deserialize;

use crate::audit::{self, AuditAction};
use crate::validate::Problems;
use crate::{Actor, App, AppError, Result};

/// The longest goal text (characters): a goal is a sentence or two the family can read.
const MAX_TEXT: usize = 1000;

/// A new goal (`POST /api/v1/placements/{id}/goals`).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GoalInput {
    pub area: GoalArea,
    /// Need codes the goal answers.
    #[serde(default)]
    pub needs: Vec<String>,
    /// The goal in plain language.
    pub text: String,
    pub measure: Measure,
    /// Who is responsible (one or more).
    pub parties: Vec<Party>,
    pub due_on: NaiveDate,
}

/// Revising or closing a goal (`PATCH /api/v1/goals/{id}`). With `status`, the goal is closed
/// (achieved, not achieved, dropped) and nothing else may be given; otherwise the fields given
/// make a new version and the earlier one is kept with the status `revised`.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GoalUpdateInput {
    pub status: Option<GoalStatus>,
    pub area: Option<GoalArea>,
    pub needs: Option<Vec<String>>,
    pub text: Option<String>,
    pub measure: Option<Measure>,
    pub parties: Option<Vec<Party>>,
    pub due_on: Option<NaiveDate>,
}

impl GoalUpdateInput {
    fn changes_content(&self) -> bool {
        self.area.is_some()
            || self.needs.is_some()
            || self.text.is_some()
            || self.measure.is_some()
            || self.parties.is_some()
            || self.due_on.is_some()
    }
}

/// The goals of a placement, every version, oldest first, each with its progress.
pub async fn list(app: &App, actor: &Actor, placement: PlacementId) -> Result<Vec<GoalView>> {
    let row = crate::placements::visible(app, actor, placement).await?;
    let goals = kith_store::goals::of_placements(app.db().conn(), &[row.id]).await?;
    let views = goal_views(app, row.child_id, goals).await?;
    audit::read(app, actor, AuditAction::GoalList, views).await
}

/// One goal version with its progress.
pub async fn get(app: &App, actor: &Actor, id: GoalId) -> Result<GoalView> {
    let (goal, placement) = visible_goal(app, actor, id).await?;
    let view = goal_views(app, placement.child_id, vec![goal])
        .await?
        .pop()
        .ok_or(AppError::NotFound("goal"))?;
    audit::read(app, actor, AuditAction::GoalRead, view).await
}

/// Adds a goal to a placement's plan.
pub async fn create(
    app: &App,
    actor: &Actor,
    placement: PlacementId,
    input: GoalInput,
) -> Result<GoalView> {
    let row = crate::placements::changeable(app, actor, placement).await?;
    let goal = checked(app, &row, input).await?;
    let tx = app.db().begin_write().await?;
    let id = kith_store::goals::insert(&tx, new_goal(row.id, goal, None, actor), app.now()).await?;
    let child = ChildId(row.child_id);
    audit::by(app, actor)
        .changed(&tx, AuditAction::GoalCreate, child, ("goal", id))
        .await?;
    tx.commit().await?;
    get(app, actor, GoalId(id)).await
}

/// Revises a goal (a new version; the earlier kept as `revised`) or closes it with a status.
pub async fn update(
    app: &App,
    actor: &Actor,
    id: GoalId,
    input: GoalUpdateInput,
) -> Result<GoalView> {
    let (goal, _) = visible_goal(app, actor, id).await?;
    let placement =
        crate::placements::changeable(app, actor, PlacementId(goal.placement_id)).await?;
    if goal.status.0 != GoalStatus::Active {
        return Err(AppError::conflict("status", "problem.active_goal_only"));
    }
    let now = app.now();
    if let Some(status) = input.status {
        let mut p = Problems::default();
        if !status.is_closed() {
            p.add("status", "problem.close_goals");
        }
        if input.changes_content() {
            p.add("status", "problem.close_or_revise_not_both");
        }
        p.into_result()?;
        let tx = app.db().begin_write().await?;
        if !kith_store::goals::set_status(&tx, id.0, status, app.today(), now).await? {
            return Err(AppError::conflict("status", "problem.goal_not_active"));
        }
        let child = ChildId(placement.child_id);
        audit::by(app, actor)
            .changed(&tx, AuditAction::GoalClose, child, ("goal", id.0))
            .await?;
        tx.commit().await?;
        return get(app, actor, id).await;
    }
    if !input.changes_content() {
        return Err(AppError::invalid("status", "problem.close_or_revise"));
    }
    let merged = GoalInput {
        area: input.area.unwrap_or(goal.area.0),
        needs: input.needs.unwrap_or(goal.needs.0.clone()),
        text: input.text.unwrap_or(goal.text.clone()),
        measure: match input.measure {
            Some(m) => m,
            None => view::measure_of(&goal)?,
        },
        parties: match input.parties {
            Some(p) => p,
            None => goal.parties.0.clone(),
        },
        due_on: input.due_on.unwrap_or(goal.due_on),
    };
    let checked = checked(app, &placement, merged).await?;
    let tx = app.db().begin_write().await?;
    if !kith_store::goals::set_status(&tx, id.0, GoalStatus::Revised, app.today(), now).await? {
        return Err(AppError::conflict("status", "problem.goal_not_active"));
    }
    let new_id =
        kith_store::goals::insert(&tx, new_goal(placement.id, checked, Some(id.0), actor), now)
            .await?;
    let child = ChildId(placement.child_id);
    audit::by(app, actor)
        .changed(&tx, AuditAction::GoalRevise, child, ("goal", new_id))
        .await?;
    tx.commit().await?;
    get(app, actor, GoalId(new_id)).await
}

/// A goal and its placement, if the actor follows the placement up.
pub(crate) async fn visible_goal(
    app: &App,
    actor: &Actor,
    id: GoalId,
) -> Result<(
    kith_store::entities::goal::Model,
    kith_store::entities::placement::Model,
)> {
    let goal = kith_store::goals::get(app.db().conn(), id.0)
        .await?
        .ok_or(AppError::NotFound("goal"))?;
    let placement = crate::placements::visible(app, actor, PlacementId(goal.placement_id))
        .await
        .map_err(|e| match e {
            AppError::NotFound(_) => AppError::NotFound("goal"),
            e => e,
        })?;
    Ok((goal, placement))
}

/// Checks a goal against its placement and the need catalogue; every problem names its field.
async fn checked(
    app: &App,
    placement: &kith_store::entities::placement::Model,
    mut g: GoalInput,
) -> Result<GoalInput> {
    if *placement.status == PlacementStatus::Ended {
        return Err(AppError::conflict("status", "problem.placement_ended"));
    }
    let mut p = Problems::default();
    g.text = g.text.trim().to_owned();
    p.required_because("text", &g.text, MAX_TEXT, "problem.goal_text");
    if let Err(e) = g.measure.validate() {
        p.add("measure", e.message());
    }
    if g.parties.is_empty() {
        p.add("parties", "problem.name_party");
    }
    g.parties.sort();
    g.parties.dedup();
    if g.due_on < placement.start_date {
        p.add("due_on", "problem.before_placement_start");
    }
    let known = kith_store::needs::active_codes(app.db().conn()).await?;
    for (i, code) in g.needs.iter().enumerate() {
        if !known.iter().any(|k| k == code) {
            p.add(format!("needs[{i}]"), "problem.unknown_need");
        }
    }
    g.needs.sort();
    g.needs.dedup();
    p.into_result()?;
    Ok(g)
}

fn new_goal(
    placement_id: i64,
    g: GoalInput,
    revises: Option<i64>,
    actor: &Actor,
) -> kith_store::goals::NewGoal {
    let (kind, unit, baseline, target) = match g.measure {
        Measure::Scale { baseline, target } => (
            "scale",
            None,
            Some(f64::from(baseline)),
            Some(f64::from(target)),
        ),
        Measure::Number {
            unit,
            baseline,
            target,
        } => (
            "number",
            Some(unit.trim().to_owned()),
            Some(baseline),
            Some(target),
        ),
        Measure::YesNo => ("yes_no", None, None, None),
    };
    kith_store::goals::NewGoal {
        placement_id,
        area: g.area,
        needs: g.needs,
        text: g.text,
        measure_kind: kind.to_owned(),
        measure_unit: unit,
        baseline,
        target,
        parties: g.parties,
        due_on: g.due_on,
        revises_id: revises,
        created_by: actor.id.0,
    }
}
