//! A placement's year: the wheel of twelve months with its visits and reviews, held and
//! planned, so anyone following the placement sees its whole plan at once.

use chrono::{Datelike, Months, NaiveDate};
use kith_domain::{ChildId, PlacementId, PlacementStatus};
use serde::Serialize;

use super::views::{PlacementRef, VisitView, build, placement_refs};
use crate::audit::{self, AuditAction, ChildData};
use crate::staff::StaffRef;
use crate::{Actor, App, AppError, Result, policy};

/// One month of the wheel.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MonthView {
    /// The first day of the month.
    pub month: NaiveDate,
    pub items: Vec<VisitView>,
}

/// A placement's year.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct YearView {
    pub placement: PlacementRef,
    pub status: PlacementStatus,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub consultant: Option<StaffRef>,
    pub adviser: Option<StaffRef>,
    /// Months between plan reviews for this placement (`None`: the rules' rhythm).
    pub review_rhythm_months: Option<i32>,
    pub months: Vec<MonthView>,
    /// Whether the reader may change the consultant or the rhythm (case adviser, leader).
    pub can_change: bool,
    /// Whether the reader may record the planned plan review: as `can_change`, or the one it
    /// is planned for, or their stand-in while a cover runs.
    pub can_record_review: bool,
}

impl ChildData for YearView {
    fn child_ids(&self) -> Vec<ChildId> {
        vec![self.placement.child_id]
    }
}

/// The twelve months from the month of `from` (default: this month).
pub async fn year(
    app: &App,
    actor: &Actor,
    id: PlacementId,
    from: Option<NaiveDate>,
) -> Result<YearView> {
    let p = crate::placements::visible(app, actor, id).await?;
    let view = year_of(app, actor, p, from).await?;
    audit::read(app, actor, AuditAction::PlacementRead, view).await
}

/// The year of a placement the actor may see, unaudited: for a use case that audits the page
/// it is part of once ([`crate::overview::placement`]).
pub(crate) async fn year_of(
    app: &App,
    actor: &Actor,
    p: kith_store::entities::placement::Model,
    from: Option<NaiveDate>,
) -> Result<YearView> {
    let conn = app.db().conn();
    let placement = placement_refs(conn, &[p.id])
        .await?
        .remove(&p.id)
        .ok_or(AppError::NotFound("placement"))?;
    let first = {
        let d = from.unwrap_or_else(|| app.today());
        NaiveDate::from_ymd_opt(d.year(), d.month(), 1).expect("first of month")
    };
    let end = first + Months::new(12);
    let rows: Vec<_> = kith_store::visits::of_placement(conn, p.id)
        .await?
        .into_iter()
        .filter(|v| {
            let day = v.held_on.unwrap_or(v.planned_on);
            day >= first && day < end
        })
        .collect();
    let items = build(app, rows).await?;
    let months = (0..12)
        .map(|m| {
            let month = first + Months::new(m);
            let next = month + Months::new(1);
            let mut items: Vec<VisitView> = items
                .iter()
                .filter(|v| {
                    let day = v.record.as_ref().map_or(v.planned_on, |r| r.held_on);
                    day >= month && day < next
                })
                .cloned()
                .collect();
            items.sort_by_key(|v| (v.record.as_ref().map_or(v.planned_on, |r| r.held_on), v.id));
            MonthView { month, items }
        })
        .collect();
    let mut people = vec![p.adviser_id];
    people.extend(p.consultant_id);
    let staff = crate::staff::refs(app, &people).await?;
    let can_change =
        kith_store::placements::get_in_scope(conn, p.id, &policy::child_change_scope(actor))
            .await?
            .is_some();
    let can_record_review =
        can_change || crate::placements::holds_planned_review(app, actor, p.id).await?;
    let view = YearView {
        can_record_review,
        placement,
        status: p.status.0,
        start_date: p.start_date,
        end_date: p.end_date,
        consultant: p.consultant_id.and_then(|c| staff.get(&c).cloned()),
        adviser: staff.get(&p.adviser_id).cloned(),
        review_rhythm_months: p.review_rhythm_months,
        months,
        can_change,
    };
    Ok(view)
}
