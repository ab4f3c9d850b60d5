//! The consultant's week: what is overdue (and why), what is due this week, what comes next.
//! A consultant opens it every morning; a leader can open a team member's.

use chrono::{Datelike, Days, NaiveDate};
use kith_domain::wheel::{DueState, VisitStatus, due_state};
use kith_domain::{ChildId, UserId};
use serde::Serialize;

use super::views::{VisitView, build};
use crate::audit::{self, AuditAction, ChildData};
use crate::staff::StaffRef;
use crate::{Actor, App, AppError, Result, policy};

/// How many weeks after the shown week "upcoming" covers.
pub const UPCOMING_WEEKS: u64 = 4;
/// The most items a section shows.
const MAX_ITEMS: u64 = 500;

/// One person's week.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WeekView {
    pub person: StaffRef,
    pub today: NaiveDate,
    /// Monday and Sunday of the week shown.
    pub week_start: NaiveDate,
    pub week_end: NaiveDate,
    /// Everything overdue, whatever its date, the longest overdue first, with the reason.
    pub overdue: Vec<VisitView>,
    /// Planned for this week, or with a window closing this week.
    pub due: Vec<VisitView>,
    /// The next weeks.
    pub upcoming: Vec<VisitView>,
    /// Visits planned this week (overdue ones caught up in it included) against the person's
    /// weekly capacity.
    pub visits_this_week: usize,
    pub weekly_capacity: i32,
    /// The open agreements the person holds (on their own week), the earliest due first,
    /// overdue ones flagged.
    pub agreements: Vec<super::agreements::AgreementItem>,
    /// The person's days off in the week shown: the planner keeps them free, and the week
    /// says why a working day has no visit.
    pub days_off: Vec<NaiveDate>,
    /// The open next steps of network searches the person recorded (on their own week).
    pub network_steps: Vec<crate::children::NetworkStepItem>,
    /// The covers the person carries for absent colleagues that touch the week, with the
    /// items to hold in it.
    pub covering: Vec<super::covering::CoverSection>,
    /// On a leader's own week: who in their teams is away, in the week shown or the next
    /// four, and who stands in.
    pub team_covers: Vec<crate::cover::CoverView>,
    /// Whether the reader may name the person's stand-in (their own week, their leader, an
    /// administrator): only then are the person's days off and covers shown.
    pub may_name_stand_in: bool,
}

impl ChildData for WeekView {
    fn child_ids(&self) -> Vec<ChildId> {
        let mut ids = self.overdue.child_ids();
        ids.extend(self.due.child_ids());
        ids.extend(self.upcoming.child_ids());
        ids.extend(self.agreements.child_ids());
        ids.extend(self.network_steps.child_ids());
        ids.extend(self.covering.child_ids());
        ids
    }
}

/// The Monday of the week `day` is in.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

/// The week of `person` (default: the actor) that holds `day` (default: today). Only items
/// the actor may follow up are shown.
pub async fn week(
    app: &App,
    actor: &Actor,
    person: Option<UserId>,
    day: Option<NaiveDate>,
) -> Result<WeekView> {
    let scope = policy::visit_scope(actor);
    policy::require_some(&scope, "visits")?;
    let person = person.unwrap_or(actor.id);
    let who = crate::staff::refs(app, &[person.0])
        .await?
        .remove(&person.0)
        .ok_or(AppError::NotFound("user"))?;
    let today = app.today();
    let week_start = monday_of(day.unwrap_or(today));
    let week_end = week_start + Days::new(6);
    let horizon = week_end + Days::new(7 * UPCOMING_WEEKS);
    let conn = app.db().conn();
    let page = kith_store::PageRequest::first(MAX_ITEMS);
    let overdue_rows = kith_store::visits::list(
        conn,
        &scope,
        &kith_store::visits::VisitFilter {
            assignee_id: Some(person.0),
            overdue_on: Some(today),
            ..Default::default()
        },
        page.clone(),
    )
    .await?
    .items;
    let ahead_rows = kith_store::visits::list(
        conn,
        &scope,
        &kith_store::visits::VisitFilter {
            assignee_id: Some(person.0),
            status: Some(VisitStatus::Planned),
            to: Some(horizon),
            from: Some(week_start.min(today)),
            ..Default::default()
        },
        page.clone(),
    )
    .await?
    .items;
    let mut overdue = build(app, overdue_rows).await?;
    overdue.sort_by_key(|v| (std::cmp::Reverse(v.days_overdue), v.planned_on, v.id));
    let mut due = Vec::new();
    let mut upcoming = Vec::new();
    for v in build(app, ahead_rows).await? {
        match due_state(&v.window, v.planned_on, today, week_end) {
            DueState::Overdue => {}
            DueState::Due => due.push(v),
            DueState::Upcoming => upcoming.push(v),
        }
    }
    // Everything that takes a place of this week: the catch-ups of overdue visits planned in
    // it as much as the visits due in it.
    let visits_this_week = due
        .iter()
        .chain(&overdue)
        .filter(|v| {
            v.kind.uses_capacity() && v.planned_on >= week_start && v.planned_on <= week_end
        })
        .count();
    let rules = crate::rules::in_force::wheel(app).await?;
    let weekly_capacity = kith_store::staff_time::capacities(conn, &[person.0])
        .await?
        .into_iter()
        .find_map(|(_, c)| c)
        .unwrap_or(rules.weekly_capacity);
    // Someone else's agreements stay theirs: a leader opening a member's week sees the
    // visits they may stand in for, not the member's task list.
    let (agreements, network_steps) = if person == actor.id {
        (
            super::agreements::open_held_by(app, person.0, today).await?,
            crate::children::open_steps_of(app, actor, person.0, today).await?,
        )
    } else {
        (vec![], vec![])
    };
    // Someone else's absences and covers are for their leader, not for every colleague.
    let may_name_stand_in = person == actor.id
        || kith_store::users::get(conn, person.0)
            .await?
            .is_some_and(|u| policy::may_set_availability(actor, person, &u.unit_ids));
    let days_off = kith_store::staff_time::days_off(conn, &[person.0], week_start)
        .await?
        .into_iter()
        .map(|(_, d)| d)
        .filter(|d| may_name_stand_in && *d <= week_end)
        .collect();
    let covering = if may_name_stand_in {
        super::covering::sections(app, actor, person.0, (week_start, week_end)).await?
    } else {
        vec![]
    };
    let team_covers = if person == actor.id {
        crate::cover::in_team(app, actor, week_start, horizon).await?
    } else {
        vec![]
    };
    let view = WeekView {
        may_name_stand_in,
        covering,
        team_covers,
        days_off,
        person: who,
        today,
        week_start,
        week_end,
        overdue,
        due,
        upcoming,
        visits_this_week,
        weekly_capacity,
        agreements,
        network_steps,
    };
    audit::read(app, actor, AuditAction::VisitList, view).await
}
