//! The case adviser's caseload: every current placement with the state of its goals and what
//! needs attention (a stay past its end or ending without an exit plan, no progress for 60
//! days, a review overdue), the most urgent first.

use chrono::NaiveDate;
use kith_domain::goals::GoalStatus;
use kith_domain::metrics::Period;
use kith_domain::{ChildId, Role};
use serde::Serialize;

use crate::audit::{self, AuditAction, ChildData};
use crate::placements::PlacementView;
use crate::{Actor, App, Result, policy};

/// How many days back (today included) progress counts as recent; the dashboard's figure
/// uses the same days.
pub const RECENT_PROGRESS_DAYS: u64 = 90;

/// One placement on the caseload.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CaseloadEntry {
    pub placement: PlacementView,
    pub active_goals: usize,
    /// Active goals with progress in the last 90 days.
    pub goals_moving: usize,
    /// The next plan review not yet held.
    pub next_review_due: Option<NaiveDate>,
}

impl ChildData for CaseloadEntry {
    fn child_ids(&self) -> Vec<ChildId> {
        vec![self.placement.child.id]
    }
}

/// The actor's current placements, the most urgent first: those with signals by their oldest
/// signal, then the rest by their next review.
pub async fn caseload(app: &App, actor: &Actor) -> Result<Vec<CaseloadEntry>> {
    let scope = policy::follow_up_child_scope(actor);
    policy::require_some(&scope, "placements")?;
    let filter = kith_store::placements::PlacementFilter {
        adviser_id: actor.has(Role::Adviser).then_some(actor.id.0),
        ..Default::default()
    };
    let conn = app.db().conn();
    let rows = kith_store::placements::current_in_scope(conn, &scope, &filter).await?;
    let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    let goals = kith_store::goals::of_placements(conn, &ids).await?;
    let active: Vec<i64> = goals
        .iter()
        .filter(|g| *g.status == GoalStatus::Active)
        .map(|g| g.id)
        .collect();
    let recent_from = Period::last_days(app.today(), RECENT_PROGRESS_DAYS).from;
    let progress = kith_store::goals::progress_of_goals(conn, &active).await?;
    let reviews = kith_store::visits::next_review_due(conn, &ids).await?;
    let views = crate::placements::views_of(app, rows).await?;
    let mut out: Vec<CaseloadEntry> = views
        .into_iter()
        .map(|v| {
            let mine: Vec<i64> = goals
                .iter()
                .filter(|g| g.placement_id == v.id.0 && active.contains(&g.id))
                .map(|g| g.id)
                .collect();
            let moving = mine
                .iter()
                .filter(|g| {
                    progress
                        .iter()
                        .any(|p| p.goal_id == **g && p.recorded_on >= recent_from)
                })
                .count();
            CaseloadEntry {
                next_review_due: reviews.get(&v.id.0).copied(),
                active_goals: mine.len(),
                goals_moving: moving,
                placement: v,
            }
        })
        .collect();
    out.sort_by_key(|e| {
        (
            e.placement.signals.first().map(|s| s.since()).is_none(),
            e.placement.signals.first().map(|s| s.since()),
            e.next_review_due,
            e.placement.id,
        )
    });
    audit::read(app, actor, AuditAction::CaseloadRead, out).await
}
