//! Planning: loads what the domain planner needs, runs it, writes its changes. The same
//! function serves `POST /api/v1/visit-plans`, the nightly re-planning, and the re-planning
//! that follows a placement's start, end or change of consultant, a recorded visit, and new
//! rules.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{Datelike, Days, NaiveDate};
use kith_domain::wheel::{
    AfterCare, Area, ExistingVisit, PlacementToPlan, PlanInput, StaffAvailability, VisitKind,
    Window, WorkCalendar,
};
use kith_domain::{PlacementId, PlacementKind, PlacementStatus, UserId, VisitId};
use kith_store::ConnectionTrait;
use kith_store::entities::{placement, visit};
use serde::Serialize;

use crate::{Actor, App, AppError, Result};

/// What a planning run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PlanSummary {
    /// Placements looked at.
    pub placements: usize,
    /// Items added, changed (moved, re-assigned, re-flagged) and cancelled.
    pub created: usize,
    pub updated: usize,
    pub cancelled: usize,
    /// Items now flagged because the rules could not be met.
    pub flagged: usize,
}

/// Plans every current placement (`POST /api/v1/visit-plans`): idempotent, so running it
/// twice changes nothing the second time. Team leaders and administrators may ask for it;
/// the nightly job does it anyway.
pub async fn plan_all(app: &App, actor: &Actor) -> Result<PlanSummary> {
    if !(actor.has(kith_domain::Role::Leader) || actor.has(kith_domain::Role::Admin)) {
        return Err(AppError::forbidden(
            "team leaders and administrators plan the wheel",
        ));
    }
    plan_placements(app, None).await
}

/// Plans the given placements (`None`: all) in a transaction of its own. The whole wheel is
/// written without waiting for the disk at commit: a plan lost to a database crash is
/// planned again by the next run, which is idempotent.
pub async fn plan_placements(app: &App, ids: Option<&[i64]>) -> Result<PlanSummary> {
    let tx = app.db().begin_write().await?;
    if ids.is_none() {
        kith_store::jobs::commit_without_waiting_for_disk(&tx).await?;
    }
    let summary = plan_in(&tx, app, ids).await?;
    tx.commit().await?;
    Ok(summary)
}

/// Plans the given placements (`None`: all) inside the caller's transaction, so a change and
/// the plan that follows from it commit together. Takes the planner lock: two plans never
/// run at once, so no item is planned twice.
pub async fn plan_in<C: ConnectionTrait>(
    conn: &C,
    app: &App,
    ids: Option<&[i64]>,
) -> Result<PlanSummary> {
    let now = app.now();
    let today = app.today();
    let started = std::time::Instant::now();
    if !kith_store::jobs::lock(conn, "planner", now).await? {
        return Err(AppError::internal("the planner lock row is missing"));
    }
    let rules = crate::rules::in_force::wheel_in(conn).await?;
    let rows = kith_store::placements::for_planning(conn, ids).await?;
    let placement_ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    let scoped = ids.map(|_| placement_ids.as_slice());
    let kinds = kith_store::placements::option_kinds(
        conn,
        &rows.iter().map(|p| p.option_id).collect::<Vec<_>>(),
    )
    .await?;
    let held = kith_store::visits::last_held(conn, scoped).await?;
    let mut open = kith_store::visits::planned_of_placements(conn, scoped).await?;

    let born = kith_store::children::birth_dates(
        conn,
        &rows.iter().map(|p| p.child_id).collect::<Vec<_>>(),
    )
    .await?;
    let placements = to_plan(&rows, &kinds, &born, &held, today)?;
    let mut people: BTreeSet<i64> = open.iter().map(|v| v.assignee_id).collect();
    for p in &rows {
        people.insert(p.adviser_id);
        if let Some(c) = p.consultant_id {
            people.insert(c);
        }
    }
    let people: Vec<i64> = people.into_iter().collect();
    if ids.is_some() {
        // The other work of the same people counts against their capacity.
        let mine: HashSet<i64> = open.iter().map(|v| v.id).collect();
        let week_start = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
        let others = kith_store::visits::planned_of_assignees(conn, &people, week_start).await?;
        open.extend(others.into_iter().filter(|v| !mine.contains(&v.id)));
    }
    let existing: Vec<_> = open.iter().map(existing_visit).collect();
    let areas = areas(conn, &placement_ids, &existing).await?;
    let staff = availability(conn, &people, today).await?;
    let calendar =
        WorkCalendar::new(&rules.closing_days).covering(today.year() - 1, today.year() + 3);

    let loaded = started.elapsed();
    let changes = kith_domain::wheel::plan(PlanInput {
        today,
        rules: &rules,
        calendar: &calendar,
        placements: &placements,
        open_visits: &existing,
        staff: &staff,
        areas: &areas,
    });
    let flagged = changes
        .iter()
        .filter(|c| match c {
            kith_domain::wheel::PlanChange::Create(n) => n.flag.is_some(),
            kith_domain::wheel::PlanChange::Update(u) => u.flag.is_some(),
            kith_domain::wheel::PlanChange::Cancel { .. } => false,
        })
        .count();
    let planned = started.elapsed();
    tracing::debug!(changes = changes.len(), "writing the wheel");
    let applied = kith_store::visits::apply(conn, &changes, now).await?;
    crate::failpoint::pause_if(crate::failpoint::WHEEL_WRITTEN);
    tracing::debug!(
        placements = placements.len(),
        items = existing.len(),
        changes = changes.len(),
        load_ms = loaded.as_millis() as u64,
        plan_ms = (planned - loaded).as_millis() as u64,
        write_ms = (started.elapsed() - planned).as_millis() as u64,
        "wheel planned"
    );
    Ok(PlanSummary {
        placements: placements.len(),
        created: applied.created,
        updated: applied.updated,
        cancelled: applied.cancelled,
        flagged,
    })
}

/// The postal district of every placement planned or holding an open item: visits in one
/// district are put on one day where no deadline is lost.
async fn areas<C: ConnectionTrait>(
    conn: &C,
    planned: &[i64],
    open: &[ExistingVisit],
) -> Result<HashMap<PlacementId, Area>> {
    let mut ids = planned.to_vec();
    ids.extend(open.iter().map(|v| v.placement.0));
    Ok(kith_store::placements::option_addresses(conn, &ids)
        .await?
        .into_iter()
        .filter_map(|(p, address)| Some((PlacementId(p), Area::of_address(&address)?)))
        .collect())
}

fn to_plan(
    rows: &[placement::Model],
    kinds: &HashMap<i64, PlacementKind>,
    born: &HashMap<i64, NaiveDate>,
    held: &[(i64, VisitKind, NaiveDate)],
    today: NaiveDate,
) -> Result<Vec<PlacementToPlan>> {
    let stay_rules = kith_domain::goals::StayRules::default();
    let mut last: HashMap<i64, Vec<(VisitKind, NaiveDate)>> = HashMap::new();
    for (p, k, d) in held {
        last.entry(*p).or_default().push((*k, *d));
    }
    rows.iter()
        .map(|p| {
            let kind = *kinds
                .get(&p.option_id)
                .ok_or_else(|| AppError::internal("placement without option"))?;
            let status: PlacementStatus = p.status.0;
            Ok(PlacementToPlan {
                id: PlacementId(p.id),
                kind,
                start: p.start_date,
                ended_on: (status == PlacementStatus::Ended)
                    .then(|| p.end_date.unwrap_or(p.start_date)),
                planned_end: p.planned_end_date,
                consultant: p.consultant_id.map(UserId),
                adviser: UserId(p.adviser_id),
                review_rhythm_months: p.review_rhythm_months,
                last_held: last.remove(&p.id).unwrap_or_default(),
                age_at_start: born.get(&p.child_id).map(|b| {
                    i32::try_from(kith_domain::age::age_on(*b, p.start_date)).unwrap_or(i32::MAX)
                }),
                after_care: after_care(p, born.get(&p.child_id), &stay_rules, today),
            })
        })
        .collect()
}

/// Where a placement's young person is with support after 18: decided once recorded on the
/// placement; else due (from the review age, before the 18th birthday) while the young person
/// is not yet 18.
fn after_care(
    p: &placement::Model,
    born: Option<&NaiveDate>,
    rules: &kith_domain::goals::StayRules,
    today: NaiveDate,
) -> AfterCare {
    use kith_domain::goals::{adulthood_review_window, eighteenth_birthday};
    match born {
        _ if p.after_care_decision.is_some() => AfterCare::Decided,
        Some(b) if today < eighteenth_birthday(*b) => {
            AfterCare::Due(adulthood_review_window(*b, rules))
        }
        _ => AfterCare::NotDue,
    }
}

/// A stored planned item as the planner sees it.
fn existing_visit(v: &kith_store::visits::PlannedRow) -> ExistingVisit {
    ExistingVisit {
        id: VisitId(v.id),
        placement: PlacementId(v.placement_id),
        kind: v.kind.0,
        window: Window {
            due_on: v.due_on,
            opens_on: v.opens_on,
            closes_on: v.closes_on,
        },
        planned_on: v.planned_on,
        assignee: UserId(v.assignee_id),
        pinned: v.pinned,
        flag: v.flag.map(|f| f.0),
    }
}

/// The slot of a stored item.
pub(crate) fn window_of(v: &visit::Model) -> Window {
    Window {
        due_on: v.due_on,
        opens_on: v.opens_on,
        closes_on: v.closes_on,
    }
}

async fn availability<C: ConnectionTrait>(
    conn: &C,
    people: &[i64],
    today: NaiveDate,
) -> Result<Vec<StaffAvailability>> {
    let caps: HashMap<i64, Option<i32>> = kith_store::staff_time::capacities(conn, people)
        .await?
        .into_iter()
        .collect();
    let mut off: HashMap<i64, BTreeSet<NaiveDate>> = HashMap::new();
    for (u, d) in kith_store::staff_time::days_off(conn, people, today).await? {
        off.entry(u).or_default().insert(d);
    }
    Ok(people
        .iter()
        .map(|u| StaffAvailability {
            user: UserId(*u),
            weekly_capacity: caps.get(u).copied().flatten(),
            days_off: off.remove(u).unwrap_or_default(),
        })
        .collect())
}
