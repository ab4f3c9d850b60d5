//! Several cases handed over at once: when a consultant leaves or is away for long, a team
//! leader gives their placements to a colleague in one step. Each placement's change is
//! logged (the continuity figure counts it) and audited, and the wheels are re-planned, all in
//! one transaction: every placement or none.

use kith_domain::{ChildId, PlacementId, PlacementStatus, Role, UserId};
use serde::{Deserialize, Serialize};

use crate::audit::{self, AuditAction};
use crate::validate::Problems;
use crate::wheel::plan::plan_in;
use crate::{Actor, App, AppError, Result};

/// The most placements handed over in one step.
pub const MAX_HAND_OVER: usize = 200;

/// Placements to hand to another consultant.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HandOverInput {
    pub placement_ids: Vec<PlacementId>,
    /// The consultant who takes them over (an active user with the consultant role).
    pub consultant_id: Option<UserId>,
}

/// What the hand-over did.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct HandOverResult {
    /// Placements that changed consultant.
    pub handed_over: usize,
    /// Placements the consultant already had.
    pub unchanged: usize,
    /// Planned items that moved to the new consultant.
    pub items_moved: usize,
}

/// Hands the placements to the consultant (team leaders). A placement out of the leader's
/// reach is a 404 and an ended one a 409, and then nothing is handed over.
pub async fn hand_over(app: &App, actor: &Actor, input: HandOverInput) -> Result<HandOverResult> {
    if !actor.has(Role::Leader) {
        return Err(AppError::forbidden("only a team leader hands cases over"));
    }
    let mut p = Problems::default();
    let mut ids: Vec<PlacementId> = input.placement_ids.clone();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        p.add("placement_ids", "problem.hand_over_none");
    } else if ids.len() > MAX_HAND_OVER {
        p.add(
            "placement_ids",
            kith_domain::Message::new("problem.hand_over_many").int("max", MAX_HAND_OVER as i64),
        );
    }
    let to = input.consultant_id.unwrap_or(UserId(0));
    if input.consultant_id.is_none() {
        p.add("consultant_id", "problem.choose_consultant");
    } else {
        let ok = kith_store::users::get(app.db().conn(), to.0)
            .await?
            .is_some_and(|u| u.user.active && u.roles.contains(&Role::Consultant));
        if !ok {
            p.add("consultant_id", "problem.not_consultant");
        }
    }
    p.into_result()?;
    let mut rows = Vec::with_capacity(ids.len());
    for id in &ids {
        let row = crate::placements::changeable(app, actor, *id).await?;
        if *row.status == PlacementStatus::Ended {
            return Err(AppError::conflict("status", "problem.placement_ended"));
        }
        rows.push(row);
    }
    let now = app.now();
    let tx = app.db().begin_write().await?;
    let mut handed = Vec::new();
    for row in rows.iter().filter(|r| r.consultant_id != Some(to.0)) {
        kith_store::placements::change_consultant(
            &tx,
            row.id,
            row.consultant_id,
            Some(to.0),
            app.today(),
            actor.id.0,
            now,
        )
        .await?;
        audit::by(app, actor)
            .changed(
                &tx,
                AuditAction::PlacementUpdate,
                ChildId(row.child_id),
                ("placement", row.id),
            )
            .await?;
        handed.push(row.id);
    }
    let moved = if handed.is_empty() {
        0
    } else {
        plan_in(&tx, app, Some(&handed)).await?.updated
    };
    tx.commit().await?;
    Ok(HandOverResult {
        handed_over: handed.len(),
        unchanged: rows.len() - handed.len(),
        items_moved: moved,
    })
}
