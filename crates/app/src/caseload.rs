//! The case adviser's caseload: every current placement with the state of its goals and what
//! needs attention (a stay past its end or ending without an exit plan, no progress for 60
//! days, a review overdue), the most urgent first.

use chrono::NaiveDate;
use kith_domain::goals::GoalStatus;
use kith_domain::metrics::Period;
use kith_domain::{ChildId, Role, UnitId, UserId};
use serde::{Deserialize, Serialize};

use crate::audit::{self, AuditAction, ChildData};
use crate::placements::PlacementView;
use crate::staff::StaffRef;
use crate::{Actor, App, AppError, Result, policy};

/// How many placements a page of the caseload shows.
pub const PAGE_SIZE: usize = 50;

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
    /// Agreements made at visits and not yet done or dropped.
    pub open_agreements: usize,
    /// Of those, the ones past their due date.
    pub overdue_agreements: usize,
}

impl ChildData for CaseloadEntry {
    fn child_ids(&self) -> Vec<ChildId> {
        vec![self.placement.child.id]
    }
}

/// Which part of the caseload to show (a leader's covers the teams they lead).
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CaseloadParams {
    /// Only the placements of people in this unit (one the leader leads).
    pub unit: Option<UnitId>,
    /// Only the placements this person advises or follows up as consultant.
    pub person: Option<UserId>,
    /// The page, from 1.
    pub page: Option<usize>,
}

/// One page of a caseload, with the people and units a leader may narrow it to.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CaseloadPage {
    pub entries: Vec<CaseloadEntry>,
    /// Placements matching the filter, on all pages.
    pub total: usize,
    pub page: usize,
    pub pages: usize,
    /// The advisers and consultants of the leader's units (empty for others).
    pub people: Vec<StaffRef>,
    pub units: Vec<crate::units::UnitView>,
}

impl ChildData for CaseloadPage {
    fn child_ids(&self) -> Vec<ChildId> {
        self.entries.child_ids()
    }
}

/// A page of the caseload, the most urgent first, narrowed to a unit or a person: for a
/// leader, whose caseload is every placement of the teams they lead. Only the page's
/// placements are read (and audited).
pub async fn caseload_page(
    app: &App,
    actor: &Actor,
    params: &CaseloadParams,
) -> Result<CaseloadPage> {
    let mut entries = entries(app, actor).await?;
    let leads = actor.has(Role::Leader);
    let mine = actor.unit_ids();
    let (people, units) = if leads {
        let conn = app.db().conn();
        let mut ids = Vec::new();
        for role in [Role::Adviser, Role::Consultant] {
            ids.extend(kith_store::users::in_units_with_role(conn, &mine, role).await?);
        }
        let mut people: Vec<StaffRef> =
            crate::staff::refs(app, &ids).await?.into_values().collect();
        people.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.0.cmp(&b.id.0)));
        people.dedup_by_key(|p| p.id);
        let units = crate::units::all(app)
            .await?
            .into_iter()
            .filter(|u| mine.contains(&u.id.0))
            .collect();
        (people, units)
    } else {
        (vec![], vec![])
    };
    if let Some(u) = params.unit {
        if !mine.contains(&u.0) {
            return Err(AppError::NotFound("unit"));
        }
        let members = kith_store::figures::unit_members(app.db().conn(), u.0).await?;
        entries.retain(|e| works_on(e, |id| members.contains(&id)));
    }
    if let Some(p) = params.person {
        entries.retain(|e| works_on(e, |id| id == p.0));
    }
    let total = entries.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = params.page.unwrap_or(1).clamp(1, pages);
    let entries: Vec<CaseloadEntry> = entries
        .into_iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .collect();
    let view = CaseloadPage {
        entries,
        total,
        page,
        pages,
        people,
        units,
    };
    audit::read(app, actor, AuditAction::CaseloadRead, view).await
}

/// Whether the placement's adviser or consultant is someone `is` picks.
fn works_on(e: &CaseloadEntry, is: impl Fn(i64) -> bool) -> bool {
    let p = &e.placement;
    p.adviser.as_ref().is_some_and(|a| is(a.id.0))
        || p.consultant.as_ref().is_some_and(|c| is(c.id.0))
}

/// The actor's current placements, the most urgent first: those with signals by their oldest
/// signal, then the rest by their next review.
pub async fn caseload(app: &App, actor: &Actor) -> Result<Vec<CaseloadEntry>> {
    let out = entries(app, actor).await?;
    audit::read(app, actor, AuditAction::CaseloadRead, out).await
}

/// Every current placement the actor follows up, the most urgent first (not yet audited:
/// the caller audits what it shows).
async fn entries(app: &App, actor: &Actor) -> Result<Vec<CaseloadEntry>> {
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
    let agreements = kith_store::visits::open_agreements_of(conn, &ids, app.today()).await?;
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
            let (open_agreements, overdue_agreements) =
                agreements.get(&v.id.0).copied().unwrap_or_default();
            CaseloadEntry {
                next_review_due: reviews.get(&v.id.0).copied(),
                open_agreements,
                overdue_agreements,
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
    Ok(out)
}
