//! The visits list's answer (Kith's `VisitView`), built from the rows of Kith's seven
//! statements with Kith's domain rules: the window, whether it is due or overdue and why,
//! whether the child is to be seen alone.

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, Utc};
use kith_domain::wheel::{
    CancelReason, DueState, OverdueReason, PlanFlag, VisitKind, VisitStatus, WheelRules, Window,
    days_overdue, due_state, overdue_reason,
};
use kith_domain::{
    AgreementState, ChildId, FollowUpId, PlacementId, PlacementKind, PlacementOptionId, UserId,
    VisitId,
};
use serde::Serialize;

use crate::lists::{HasChild, StaffRef};

/// The columns of a visit row the answer uses (the statement reads them all).
pub struct VisitRow {
    pub id: i64,
    pub placement_id: i64,
    pub kind: String,
    pub status: String,
    pub window: Window,
    pub planned_on: NaiveDate,
    pub assignee_id: i64,
    pub pinned: bool,
    pub flag: Option<String>,
    pub held_on: Option<NaiveDate>,
    pub held_by_id: Option<i64>,
    pub child_seen_alone: Option<bool>,
    pub not_seen_alone_reason: Option<String>,
    pub child_view: Option<String>,
    pub observations: Option<String>,
    pub recorded_at: Option<DateTime<Utc>>,
    pub moved_reason: Option<String>,
    pub cancel_reason: Option<String>,
    pub cancel_note: Option<String>,
}

/// A follow-up row.
pub struct FollowUpRow {
    pub id: i64,
    pub visit_id: i64,
    pub placement_id: i64,
    pub what: String,
    pub owner: String,
    pub holder_id: Option<i64>,
    pub due_on: NaiveDate,
    pub state: String,
    pub done_on: Option<NaiveDate>,
    pub closing_note: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct PlacementRef {
    pub id: PlacementId,
    pub code: String,
    pub child_id: ChildId,
    pub child_name: String,
    pub option_id: PlacementOptionId,
    pub option_name: String,
    pub kind: PlacementKind,
    pub town: String,
}

#[derive(Serialize)]
struct FollowUpView {
    id: FollowUpId,
    visit_id: VisitId,
    placement_id: PlacementId,
    what: String,
    owner: String,
    holder_id: Option<UserId>,
    due_on: NaiveDate,
    state: AgreementState,
    done_on: Option<NaiveDate>,
    closing_note: Option<String>,
}

#[derive(Serialize)]
struct VisitRecordView {
    held_on: NaiveDate,
    held_by: Option<StaffRef>,
    child_seen_alone: Option<bool>,
    not_seen_alone_reason: Option<String>,
    child_view: Option<String>,
    observations: Option<String>,
    recorded_at: Option<DateTime<Utc>>,
}

#[derive(Serialize)]
pub struct VisitView {
    id: VisitId,
    placement: PlacementRef,
    kind: VisitKind,
    status: VisitStatus,
    #[serde(flatten)]
    window: Window,
    planned_on: NaiveDate,
    assignee: Option<StaffRef>,
    pinned: bool,
    flag: Option<PlanFlag>,
    state: Option<DueState>,
    overdue_reason: Option<OverdueReason>,
    days_overdue: i64,
    child_seen_alone_required: bool,
    record: Option<VisitRecordView>,
    moved_reason: Option<String>,
    cancel_reason: Option<CancelReason>,
    cancel_note: Option<String>,
    follow_ups: Vec<FollowUpView>,
}

impl HasChild for VisitView {
    fn child(&self) -> Option<i64> {
        Some(self.placement.child_id.0)
    }
}

/// The town part of an address (Kith's `wheel::views::town`).
pub fn town(address: &str) -> String {
    address
        .rsplit(',')
        .next()
        .unwrap_or(address)
        .trim()
        .to_owned()
}

fn code<T: std::str::FromStr>(s: &str) -> Result<T, String> {
    s.parse().map_err(|_| format!("not a code: {s}"))
}

/// What the page's rows are looked up with.
pub struct Lookups {
    pub rules: WheelRules,
    pub placements: HashMap<i64, PlacementRef>,
    pub staff: HashMap<i64, StaffRef>,
    pub follow_ups: Vec<FollowUpRow>,
}

/// The views of the page's rows, in order (a row whose placement is gone is left out).
pub fn views(
    rows: Vec<VisitRow>,
    mut l: Lookups,
    today: NaiveDate,
) -> Result<Vec<VisitView>, String> {
    let mut follow_ups: HashMap<i64, Vec<FollowUpView>> = HashMap::new();
    for f in l.follow_ups.drain(..) {
        follow_ups
            .entry(f.visit_id)
            .or_default()
            .push(FollowUpView {
                id: FollowUpId(f.id),
                visit_id: VisitId(f.visit_id),
                placement_id: PlacementId(f.placement_id),
                what: f.what,
                owner: f.owner,
                holder_id: f.holder_id.map(UserId),
                due_on: f.due_on,
                state: code(&f.state)?,
                done_on: f.done_on,
                closing_note: f.closing_note,
            });
    }
    let due_until = today + Days::new(14);
    rows.into_iter()
        .filter_map(|v| l.placements.get(&v.placement_id).cloned().map(|p| (v, p)))
        .map(|(v, placement)| {
            let kind: VisitKind = code(&v.kind)?;
            let status: VisitStatus = code(&v.status)?;
            let flag = v.flag.as_deref().map(code::<PlanFlag>).transpose()?;
            let planned = status == VisitStatus::Planned;
            let window = v.window;
            Ok(VisitView {
                id: VisitId(v.id),
                child_seen_alone_required: l.rules.child_seen_alone(kind, placement.kind),
                placement,
                kind,
                status,
                window,
                planned_on: v.planned_on,
                assignee: l.staff.get(&v.assignee_id).cloned(),
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
                    held_by: v.held_by_id.and_then(|h| l.staff.get(&h).cloned()),
                    child_seen_alone: v.child_seen_alone,
                    not_seen_alone_reason: v.not_seen_alone_reason,
                    child_view: v.child_view,
                    observations: v.observations,
                    recorded_at: v.recorded_at,
                }),
                moved_reason: v.moved_reason,
                cancel_reason: v.cancel_reason.as_deref().map(code).transpose()?,
                cancel_note: v.cancel_note,
                follow_ups: follow_ups.remove(&v.id).unwrap_or_default(),
            })
        })
        .collect()
}
