//! The cases behind the dashboard's "now" figures: exactly the planned visits and reviews the
//! overdue figures count (window closed before today, on a placement still running, in the
//! leader's units) and the stays past their planned end, each with its clock, so a leader
//! opens a figure down to the item and from there the case.

use chrono::NaiveDate;
use kith_domain::{ChildId, UnitId};
use serde::Serialize;

use super::figures::{in_unit, is_current_on, is_past_planned_end};
use crate::audit::{self, AuditAction, ChildData};
use crate::placements::PlacementView;
use crate::wheel::views::{VisitView, longest_overdue_first};
use crate::{Actor, App, Result, policy};

/// The most items the list shows.
const MAX_ITEMS: u64 = 1000;

/// The overdue visits and reviews behind the dashboard's figures.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OverdueView {
    pub unit: Option<UnitId>,
    pub today: NaiveDate,
    /// Overdue visits (the figure "overdue visits"), the longest overdue first.
    pub visits: Vec<VisitView>,
    /// Overdue plan reviews (the figure "overdue reviews").
    pub reviews: Vec<VisitView>,
    /// Stays still running past their planned end (the figure "past the planned end now"),
    /// the longest past first, each with its clock.
    pub stays: Vec<PlacementView>,
}

impl ChildData for OverdueView {
    fn child_ids(&self) -> Vec<ChildId> {
        let mut ids = self.visits.child_ids();
        ids.extend(self.reviews.child_ids());
        ids.extend(self.stays.child_ids());
        ids
    }
}

/// The overdue items of the dashboard's unit (default: all the leader's units), within what
/// the reader may follow up. Read like any list: scoped and audited.
pub async fn overdue(app: &App, actor: &Actor, unit: Option<UnitId>) -> Result<OverdueView> {
    let members = super::members_for(app, actor, unit).await?;
    let scope = policy::visit_scope(actor);
    policy::require_some(&scope, "visits")?;
    let today = app.today();
    let conn = app.db().conn();
    let all = kith_store::placements::all(conn).await?;
    let running = |p: &&kith_store::entities::placement::Model| {
        in_unit(members.as_deref(), p) && is_current_on(p, today)
    };
    let placements: Vec<i64> = all.iter().filter(running).map(|p| p.id).collect();
    let past: Vec<i64> = all
        .iter()
        .filter(|p| in_unit(members.as_deref(), p) && is_past_planned_end(p, today))
        .map(|p| p.id)
        .collect();
    let filter = kith_store::visits::VisitFilter {
        overdue_on: Some(today),
        placement_in: Some(placements),
        ..Default::default()
    };
    let items = longest_overdue_first(app, &scope, &filter, MAX_ITEMS).await?;
    let (reviews, visits) = items.into_iter().partition(|v| v.kind.is_review());
    let view = OverdueView {
        unit,
        today,
        visits,
        reviews,
        stays: stays_past_end(app, actor, &past).await?,
    };
    audit::read(app, actor, AuditAction::VisitList, view).await
}

/// The given stays (past their planned end), within what the reader may follow up, the
/// longest past their end first.
async fn stays_past_end(app: &App, actor: &Actor, ids: &[i64]) -> Result<Vec<PlacementView>> {
    let scope = policy::follow_up_child_scope(actor);
    if ids.is_empty() || scope.is_empty() {
        return Ok(vec![]);
    }
    let filter = kith_store::placements::PlacementFilter::default();
    let rows = kith_store::placements::current_in_scope(app.db().conn(), &scope, &filter)
        .await?
        .into_iter()
        .filter(|p| ids.contains(&p.id))
        .collect();
    let mut stays = crate::placements::views_of(app, rows).await?;
    stays.sort_by_key(|s| (s.planned_end_date, s.id));
    Ok(stays)
}
