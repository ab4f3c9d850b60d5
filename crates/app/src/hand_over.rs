//! Several cases handed over at once: when a consultant or a case adviser leaves or is away for
//! long, a team leader gives the ticked placements to a colleague in one step — to another
//! consultant, or the children's cases to another adviser of the leader's units. Each change
//! is logged (the continuity figure counts it) and audited, and the wheels are re-planned, all
//! in one transaction: every placement or none.

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
    /// Or the case adviser who takes the children's cases over (an active adviser of one of
    /// the leader's units); one of the two.
    #[serde(default)]
    pub adviser_id: Option<UserId>,
}

/// Who takes the placements over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Taker {
    Consultant(UserId),
    Adviser(UserId),
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
    let taker = taker(app, actor, &input, &mut p).await?;
    p.into_result()?;
    let Some(taker) = taker else {
        return Err(AppError::internal(
            "a hand-over without a taker passed its checks",
        ));
    };
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
    let to = match taker {
        Taker::Consultant(to) => to,
        Taker::Adviser(to) => {
            let handed = to_adviser(&tx, app, actor, &rows, to).await?;
            let moved = if handed.is_empty() {
                0
            } else {
                plan_in(&tx, app, Some(&handed)).await?.updated
            };
            tx.commit().await?;
            return Ok(HandOverResult {
                handed_over: handed.len(),
                unchanged: rows.len() - handed.len(),
                items_moved: moved,
            });
        }
    };
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

/// Who takes over, checked: exactly one of a consultant (an active one) and an adviser (an
/// active one of the leader's units), each mistake named by its field.
async fn taker(
    app: &App,
    actor: &Actor,
    input: &HandOverInput,
    p: &mut Problems,
) -> Result<Option<Taker>> {
    let conn = app.db().conn();
    match (input.consultant_id, input.adviser_id) {
        (None, None) => {
            p.add("consultant_id", "problem.choose_consultant");
            Ok(None)
        }
        (Some(_), Some(_)) => {
            p.add("adviser_id", "problem.hand_over_one");
            Ok(None)
        }
        (Some(to), None) => {
            let ok = kith_store::users::get(conn, to.0)
                .await?
                .is_some_and(|u| u.user.active && u.roles.contains(&Role::Consultant));
            if !ok {
                p.add("consultant_id", "problem.not_consultant");
            }
            Ok(ok.then_some(Taker::Consultant(to)))
        }
        (None, Some(to)) => {
            let units = actor.unit_ids();
            let ok = kith_store::users::get(conn, to.0).await?.is_some_and(|u| {
                u.user.active
                    && u.roles.contains(&Role::Adviser)
                    && u.unit_ids.iter().any(|x| units.contains(x))
            });
            if !ok {
                p.add("adviser_id", "problem.adviser_in_unit");
            }
            Ok(ok.then_some(Taker::Adviser(to)))
        }
    }
}

/// Gives the children of `rows` to the adviser: each child's case (and so every current
/// placement of the child, each change logged) once; returns the placements that changed.
async fn to_adviser<C: sea_orm::ConnectionTrait>(
    tx: &C,
    app: &App,
    actor: &Actor,
    rows: &[kith_store::entities::placement::Model],
    to: UserId,
) -> Result<Vec<i64>> {
    let now = app.now();
    let mut children: Vec<i64> = rows
        .iter()
        .filter(|r| r.adviser_id != to.0)
        .map(|r| r.child_id)
        .collect();
    children.sort_unstable();
    children.dedup();
    for child in &children {
        kith_store::children::set_case_adviser(tx, *child, to.0, now).await?;
        kith_store::placements::change_adviser_of_child(
            tx,
            *child,
            to.0,
            app.today(),
            actor.id.0,
            now,
        )
        .await?;
        audit::by(app, actor)
            .changed(
                tx,
                AuditAction::ChildUpdate,
                ChildId(*child),
                ("child", *child),
            )
            .await?;
    }
    Ok(rows
        .iter()
        .filter(|r| r.adviser_id != to.0)
        .map(|r| r.id)
        .collect())
}
