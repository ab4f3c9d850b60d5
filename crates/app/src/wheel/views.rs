//! What a wheel item looks like to the people who follow the placement up, and how a page of
//! stored rows becomes those views (names looked up once per page).

use std::collections::HashMap;

use chrono::NaiveDate;
use kith_domain::wheel::{
    CancelReason, DueState, OverdueReason, PlanFlag, VisitKind, VisitStatus, Window, due_state,
    overdue_reason, status::days_overdue,
};
use kith_domain::{ChildId, FollowUpId, PlacementId, PlacementKind, PlacementOptionId, VisitId};
use kith_store::ConnectionTrait;
use kith_store::entities::{visit, visit_follow_up};
use serde::Serialize;

use super::plan::window_of;
use crate::audit::ChildData;
use crate::staff::StaffRef;
use crate::{App, Result};

/// The placement an item belongs to, as the follow-up sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PlacementRef {
    pub id: PlacementId,
    /// A code without personal data, e.g. `P-00042` (used in calendars and e-mails).
    pub code: String,
    pub child_id: ChildId,
    pub child_name: String,
    pub option_id: PlacementOptionId,
    pub option_name: String,
    pub kind: PlacementKind,
    /// The town of the placement (not the street address).
    pub town: String,
}

/// A follow-up agreed at a visit: an agreement, a task with an owner, a due date and a state.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FollowUpView {
    pub id: FollowUpId,
    pub visit_id: VisitId,
    pub placement_id: PlacementId,
    pub what: String,
    /// Who does it (a party: child, parents, foster_family, consultant, ...).
    pub owner: String,
    /// The person in Kith who holds it, when the owner is the adviser or the consultant.
    pub holder_id: Option<kith_domain::UserId>,
    pub due_on: NaiveDate,
    pub state: kith_domain::AgreementState,
    /// The day it was done.
    pub done_on: Option<NaiveDate>,
    /// How it was done, or why it was dropped.
    pub closing_note: Option<String>,
}

/// The record of a held visit.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct VisitRecordView {
    pub held_on: NaiveDate,
    pub held_by: Option<StaffRef>,
    pub child_seen_alone: Option<bool>,
    pub not_seen_alone_reason: Option<String>,
    pub child_view: Option<String>,
    pub observations: Option<String>,
    pub recorded_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// A visit or plan review in a placement's wheel.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct VisitView {
    pub id: VisitId,
    pub placement: PlacementRef,
    pub kind: VisitKind,
    pub status: VisitStatus,
    #[serde(flatten)]
    pub window: Window,
    pub planned_on: NaiveDate,
    pub assignee: Option<StaffRef>,
    /// Moved by hand: the planner keeps its day.
    pub pinned: bool,
    /// Why the planner could not plan it as the rules ask.
    pub flag: Option<PlanFlag>,
    /// For planned items: overdue, due (within the next 14 days) or upcoming.
    pub state: Option<DueState>,
    /// Why an overdue item is overdue.
    pub overdue_reason: Option<OverdueReason>,
    pub days_overdue: i64,
    /// Whether the rules ask for the child to be seen alone at this visit.
    pub child_seen_alone_required: bool,
    pub record: Option<VisitRecordView>,
    pub moved_reason: Option<String>,
    pub cancel_reason: Option<CancelReason>,
    pub cancel_note: Option<String>,
    /// Follow-ups agreed at this visit.
    pub follow_ups: Vec<FollowUpView>,
}

impl ChildData for VisitView {
    fn child_ids(&self) -> Vec<ChildId> {
        vec![self.placement.child_id]
    }
}

/// How far ahead "due" looks in the views (the digest's horizon is a rule).
pub const DUE_SOON_DAYS: u64 = 14;

/// The town part of an address ("Hovedgaden 1, 4000 Roskilde" -> "4000 Roskilde").
pub fn town(address: &str) -> String {
    address
        .rsplit(',')
        .next()
        .unwrap_or(address)
        .trim()
        .to_owned()
}

/// Placement references for the given placement ids.
pub(crate) async fn placement_refs<C: ConnectionTrait>(
    conn: &C,
    ids: &[i64],
) -> Result<HashMap<i64, PlacementRef>> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let mut placements = Vec::new();
    for chunk in ids.chunks(500) {
        placements.extend(kith_store::placements::for_ids(conn, chunk).await?);
    }
    let child_ids: Vec<i64> = placements.iter().map(|p| p.child_id).collect();
    let option_ids: Vec<i64> = placements.iter().map(|p| p.option_id).collect();
    let children: HashMap<i64, String> = kith_store::children::get_many(conn, &child_ids)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let options: HashMap<i64, kith_store::entities::placement_option::Model> =
        kith_store::options::get_many(conn, &option_ids)
            .await?
            .into_iter()
            .map(|o| (o.id, o))
            .collect();
    let mut out = HashMap::new();
    for p in placements {
        let Some(o) = options.get(&p.option_id) else {
            continue;
        };
        out.insert(
            p.id,
            PlacementRef {
                id: PlacementId(p.id),
                code: super::placement_code(PlacementId(p.id)),
                child_id: ChildId(p.child_id),
                child_name: children.get(&p.child_id).cloned().unwrap_or_default(),
                option_id: PlacementOptionId(o.id),
                option_name: o.name.clone(),
                kind: o.kind.0,
                town: town(&o.address),
            },
        );
    }
    Ok(out)
}

/// Views of stored items, in the given order.
pub(crate) async fn build(app: &App, rows: Vec<visit::Model>) -> Result<Vec<VisitView>> {
    let conn = app.db().conn();
    let today = app.today();
    let rules = crate::rules::in_force::wheel(app).await?;
    let placement_ids: Vec<i64> = rows.iter().map(|v| v.placement_id).collect();
    let refs = placement_refs(conn, &placement_ids).await?;
    let mut staff_ids: Vec<i64> = rows.iter().map(|v| v.assignee_id).collect();
    staff_ids.extend(rows.iter().filter_map(|v| v.held_by_id));
    let staff = crate::staff::refs(app, &staff_ids).await?;
    let visit_ids: Vec<i64> = rows.iter().map(|v| v.id).collect();
    let mut follow_ups: HashMap<i64, Vec<FollowUpView>> = HashMap::new();
    for f in kith_store::visits::follow_ups_of_visits(conn, &visit_ids).await? {
        follow_ups
            .entry(f.visit_id)
            .or_default()
            .push(follow_up_view(f));
    }
    let due_until = today + chrono::Days::new(DUE_SOON_DAYS);
    rows.into_iter()
        .filter_map(|v| refs.get(&v.placement_id).cloned().map(|p| (v, p)))
        .map(|(v, placement)| {
            let kind: VisitKind = v.kind.0;
            let status: VisitStatus = v.status.0;
            let window = window_of(&v);
            let flag = v.flag.map(|f| f.0);
            let planned = status == VisitStatus::Planned;
            Ok(VisitView {
                id: VisitId(v.id),
                child_seen_alone_required: rules.child_seen_alone(kind, placement.kind),
                placement,
                kind,
                status,
                window,
                planned_on: v.planned_on,
                assignee: staff.get(&v.assignee_id).cloned(),
                pinned: v.pinned,
                flag,
                state: planned.then(|| due_state(&window, v.planned_on, today, due_until)),
                overdue_reason: if planned {
                    overdue_reason(&window, v.planned_on, v.pinned, flag, today)
                } else {
                    None
                },
                days_overdue: if planned {
                    days_overdue(&window, today)
                } else {
                    0
                },
                record: v.held_on.map(|held_on| VisitRecordView {
                    held_on,
                    held_by: v.held_by_id.and_then(|h| staff.get(&h).cloned()),
                    child_seen_alone: v.child_seen_alone,
                    not_seen_alone_reason: v.not_seen_alone_reason.clone(),
                    child_view: v.child_view.clone(),
                    observations: v.observations.clone(),
                    recorded_at: v.recorded_at,
                }),
                moved_reason: v.moved_reason.clone(),
                cancel_reason: v.cancel_reason.map(|r| r.0),
                cancel_note: v.cancel_note.clone(),
                follow_ups: follow_ups.remove(&v.id).unwrap_or_default(),
            })
        })
        .collect()
}

/// A stored follow-up as shown.
pub(crate) fn follow_up_view(f: visit_follow_up::Model) -> FollowUpView {
    FollowUpView {
        id: FollowUpId(f.id),
        visit_id: VisitId(f.visit_id),
        placement_id: PlacementId(f.placement_id),
        what: f.what,
        owner: f.owner,
        holder_id: f.holder_id.map(kith_domain::UserId),
        due_on: f.due_on,
        state: f.state.0,
        done_on: f.done_on,
        closing_note: f.closing_note,
    }
}

/// The items in `scope` that `filter` picks (at most `limit`), as views, the longest overdue
/// first: the lists a leader opens from an e-mail or a figure. The caller audits them.
pub(crate) async fn longest_overdue_first(
    app: &App,
    scope: &kith_store::scope::VisitScope,
    filter: &kith_store::visits::VisitFilter,
    limit: u64,
) -> Result<Vec<VisitView>> {
    let page = kith_store::PageRequest::first(limit);
    let rows = kith_store::visits::list(app.db().conn(), scope, filter, page)
        .await?
        .items;
    let mut items = build(app, rows).await?;
    items.sort_by_key(|v| (v.window.closes_on, v.id));
    Ok(items)
}
