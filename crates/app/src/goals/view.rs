//! How goals and their progress are shown: the measure rebuilt from its columns, each entry's
//! share of the way from baseline to target (for charts and the dashboard).

use chrono::NaiveDate;
use kith_domain::goals::{GoalArea, GoalStatus, Measure, ProgressValue};
use kith_domain::{ChildId, GoalId, Party, PlacementId, ProgressId};
use serde::Serialize;

use crate::audit::ChildData;
use crate::{App, AppError, Result};

/// One progress entry.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProgressView {
    pub id: ProgressId,
    pub recorded_on: NaiveDate,
    pub value: ProgressValue,
    /// How far from the baseline to the target, 0 to 1.
    pub share_of_way: f64,
    pub note: Option<String>,
    pub child_took_part: bool,
    pub parents_took_part: bool,
}

/// A goal version with its progress.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GoalView {
    pub id: GoalId,
    pub placement_id: PlacementId,
    #[serde(skip)]
    pub child_id: ChildId,
    pub area: GoalArea,
    pub needs: Vec<String>,
    pub text: String,
    pub measure: Measure,
    pub parties: Vec<Party>,
    pub due_on: NaiveDate,
    pub status: GoalStatus,
    pub closed_on: Option<NaiveDate>,
    /// The earlier version this one replaced.
    pub revises_id: Option<GoalId>,
    pub progress: Vec<ProgressView>,
}

impl GoalView {
    /// The latest progress entry, if any.
    pub fn latest(&self) -> Option<&ProgressView> {
        self.progress.last()
    }
}

impl ChildData for GoalView {
    fn child_ids(&self) -> Vec<ChildId> {
        vec![self.child_id]
    }
}

/// A goal's measure from its columns.
pub(crate) fn measure_of(g: &kith_store::entities::goal::Model) -> Result<Measure> {
    let corrupt = || AppError::internal(format!("goal {} has an incomplete measure", g.id));
    Ok(match g.measure_kind.as_str() {
        "scale" => Measure::Scale {
            baseline: scale_point(g.baseline.ok_or_else(corrupt)?),
            target: scale_point(g.target.ok_or_else(corrupt)?),
        },
        "number" => Measure::Number {
            unit: g.measure_unit.clone().ok_or_else(corrupt)?,
            baseline: g.baseline.ok_or_else(corrupt)?,
            target: g.target.ok_or_else(corrupt)?,
        },
        "yes_no" => Measure::YesNo,
        _ => return Err(corrupt()),
    })
}

fn scale_point(v: f64) -> u8 {
    v.clamp(0.0, 10.0) as u8
}

/// A progress entry's value from its columns.
pub(crate) fn value_of(p: &kith_store::entities::goal_progress::Model) -> ProgressValue {
    match (p.reached, p.amount) {
        (Some(r), _) => ProgressValue::Reached(r),
        (None, Some(a)) => ProgressValue::Amount(a),
        (None, None) => ProgressValue::Reached(false),
    }
}

/// Views of goal rows of one child's placement, each with its progress.
pub async fn goal_views(
    app: &App,
    child_id: i64,
    goals: Vec<kith_store::entities::goal::Model>,
) -> Result<Vec<GoalView>> {
    let ids: Vec<i64> = goals.iter().map(|g| g.id).collect();
    let mut progress = kith_store::goals::progress_of_goals(app.db().conn(), &ids).await?;
    let mut out = Vec::with_capacity(goals.len());
    for g in goals {
        let measure = measure_of(&g)?;
        let mine: Vec<_> = progress
            .extract_if(.., |p| p.goal_id == g.id)
            .map(|p| {
                let value = value_of(&p);
                ProgressView {
                    id: ProgressId(p.id),
                    recorded_on: p.recorded_on,
                    value,
                    share_of_way: measure.share_of_way(value),
                    note: p.note,
                    child_took_part: p.child_took_part,
                    parents_took_part: p.parents_took_part,
                }
            })
            .collect();
        out.push(GoalView {
            id: GoalId(g.id),
            placement_id: PlacementId(g.placement_id),
            child_id: ChildId(child_id),
            area: g.area.0,
            needs: g.needs.0,
            text: g.text,
            measure,
            parties: g.parties.0,
            due_on: g.due_on,
            status: g.status.0,
            closed_on: g.closed_on,
            revises_id: g.revises_id.map(GoalId),
            progress: mine,
        });
    }
    Ok(out)
}
