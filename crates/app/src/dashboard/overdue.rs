//! The cases behind the dashboard's "overdue now" figures: exactly the planned visits and
//! reviews the figures count (window closed before today, on a placement still running, in
//! the leader's units), so a leader opens a figure down to the item and from there the case.

use chrono::NaiveDate;
use kith_domain::wheel::VisitKind;
use kith_domain::{ChildId, UnitId};
use serde::Serialize;

use super::figures::{in_unit, is_current_on};
use crate::audit::{self, AuditAction, ChildData};
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
}

impl ChildData for OverdueView {
    fn child_ids(&self) -> Vec<ChildId> {
        let mut ids = self.visits.child_ids();
        ids.extend(self.reviews.child_ids());
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
    let placements: Vec<i64> = kith_store::placements::all(conn)
        .await?
        .into_iter()
        .filter(|p| in_unit(members.as_deref(), p) && is_current_on(p, today))
        .map(|p| p.id)
        .collect();
    let filter = kith_store::visits::VisitFilter {
        overdue_on: Some(today),
        placement_in: Some(placements),
        ..Default::default()
    };
    let items = longest_overdue_first(app, &scope, &filter, MAX_ITEMS).await?;
    let (reviews, visits) = items
        .into_iter()
        .partition(|v| v.kind == VisitKind::PlanReview);
    let view = OverdueView {
        unit,
        today,
        visits,
        reviews,
    };
    audit::read(app, actor, AuditAction::VisitList, view).await
}
