//! Placements as the follow-up sees them: list and read, change the consultant, the review
//! rhythm or a stay's exit plan, extend a stay, end (closing the plan's goals). Each change
//! re-plans the placement's annual wheel in the same transaction.

use chrono::NaiveDate;
use kith_domain::goals::{GoalStatus, StaySignal};
use kith_domain::{
    ChildId, EndReason, ExitGoal, PlacementId, PlacementKind, PlacementOptionId, PlacementStatus,
    Role, UserId,
};
use serde::{Deserialize, Deserializer, Serialize};

/// The longest exit plan or extension reason (characters).
const MAX_EXIT_PLAN: usize = 2000;

use crate::audit::{self, AuditAction, ChildData};
use crate::children::view::ChildRef;
use crate::paging::{List, Pager};
use crate::staff::StaffRef;
use crate::validate::Problems;
use crate::wheel::plan::plan_in;
use crate::{Actor, App, AppError, PageParams, Paged, Result, policy};

/// Filters for the placement list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlacementListParams {
    pub consultant: Option<UserId>,
    pub adviser: Option<UserId>,
    pub option_id: Option<PlacementOptionId>,
    pub status: Option<PlacementStatus>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// A placement.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PlacementView {
    pub id: PlacementId,
    /// A code without personal data, for calendars and e-mails.
    pub code: String,
    pub child: ChildRef,
    pub option_id: PlacementOptionId,
    pub option_name: String,
    pub kind: PlacementKind,
    pub status: PlacementStatus,
    pub start_date: NaiveDate,
    pub planned_end_date: Option<NaiveDate>,
    pub exit_goal: Option<ExitGoal>,
    pub end_date: Option<NaiveDate>,
    pub end_reason: Option<EndReason>,
    pub consultant: Option<StaffRef>,
    pub adviser: Option<StaffRef>,
    /// Months between plan reviews (`None`: the rules' rhythm).
    pub review_rhythm_months: Option<i32>,
    /// How many times the consultant has changed.
    pub consultant_changes: usize,
    /// A short stay's exit plan: the steps to the exit goal.
    pub exit_plan: Option<String>,
    /// The day the exit plan moves the child.
    pub exit_move_on: Option<NaiveDate>,
    /// Set when an ended stay with an exit goal reached it (or not).
    pub exit_goal_reached: Option<bool>,
    /// The placement ended in a breakdown.
    pub breakdown: bool,
    /// What was decided about the young person's support after 18, and on which day.
    pub after_care_decision: Option<kith_domain::AfterCareDecision>,
    pub after_care_decided_on: Option<NaiveDate>,
    /// Every extension of the stay, oldest first.
    pub extensions: Vec<ExtensionView>,
    /// What needs attention now, oldest first (current placements only).
    pub signals: Vec<StaySignal>,
    /// A running stay's days to its planned end, or past it.
    pub clock: Option<kith_domain::goals::StayClock>,
}

impl ChildData for PlacementView {
    fn child_ids(&self) -> Vec<ChildId> {
        vec![self.child.id]
    }
}

fn some<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// Changes to a placement (`PATCH /api/v1/placements/{id}`); a field left out is kept.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlacementUpdateInput {
    /// The new consultant (a user with the consultant role); null removes the consultant.
    #[serde(default, deserialize_with = "some")]
    #[schema(value_type = Option<i64>)]
    pub consultant_id: Option<Option<UserId>>,
    /// Months between plan reviews (1-12); null returns to the rules' rhythm.
    #[serde(default, deserialize_with = "some")]
    #[schema(value_type = Option<i32>)]
    pub review_rhythm_months: Option<Option<i32>>,
    /// A short stay's exit plan: the steps to the exit goal; null or blank clears them.
    #[serde(default, deserialize_with = "some")]
    #[schema(value_type = Option<String>)]
    pub exit_plan: Option<Option<String>>,
    /// Where the stay's exit plan takes the child (the exit goal).
    pub exit_goal: Option<ExitGoal>,
    /// The day the exit plan moves the child (within the stay); null clears it.
    #[serde(default, deserialize_with = "some")]
    #[schema(value_type = Option<NaiveDate>)]
    pub exit_move_on: Option<Option<NaiveDate>>,
    /// What is decided about the young person's support after 18 (recorded as decided today).
    pub after_care_decision: Option<kith_domain::AfterCareDecision>,
}

/// Ending a placement (`POST /api/v1/placements/{id}/end`).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndPlacementInput {
    pub end_date: NaiveDate,
    pub reason: EndReason,
    /// For a stay with an exit goal: whether the child went where the stay aimed (required).
    pub exit_goal_reached: Option<bool>,
    /// The placement broke down; implied by the reason `breakdown`.
    #[serde(default)]
    pub breakdown: bool,
    /// The status the plan's still active goals close with (default: not achieved).
    pub open_goals: Option<GoalStatus>,
}

/// Extending a short stay (`POST /api/v1/placements/{id}/extend`): a later planned end and why.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtendStayInput {
    pub planned_end_date: NaiveDate,
    pub reason: String,
}

/// One extension of a stay.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ExtensionView {
    pub previous_end: NaiveDate,
    pub new_end: NaiveDate,
    pub reason: String,
    pub extended_on: NaiveDate,
}

/// The placements whose follow-up the actor reaches.
pub async fn list(
    app: &App,
    actor: &Actor,
    params: &PlacementListParams,
) -> Result<Paged<PlacementView>> {
    let pager = Pager::new(app, actor, List::Placements);
    let request = pager.request(&PageParams::new(params.limit, params.cursor.clone()))?;
    let scope = policy::follow_up_child_scope(actor);
    policy::require_some(&scope, "placements")?;
    let page = kith_store::placements::list(
        app.db().conn(),
        &scope,
        &kith_store::placements::PlacementFilter {
            consultant_id: params.consultant.map(|u| u.0),
            adviser_id: params.adviser.map(|u| u.0),
            option_id: params.option_id.map(|o| o.0),
            status: params.status,
        },
        request,
    )
    .await?;
    let next = page.next_after;
    let views = views_of(app, page.items).await?;
    let paged = pager.page(
        kith_store::Page {
            items: views,
            next_after: next,
        },
        |v| v,
    );
    audit::read(app, actor, AuditAction::PlacementList, paged).await
}

/// One placement.
pub async fn get(app: &App, actor: &Actor, id: PlacementId) -> Result<PlacementView> {
    let row = visible(app, actor, id).await?;
    let v = views_of(app, vec![row])
        .await?
        .pop()
        .ok_or(AppError::NotFound("placement"))?;
    audit::read(app, actor, AuditAction::PlacementRead, v).await
}

/// Changes the consultant and/or the review rhythm, and re-plans: a new consultant takes over
/// the planned visits (the change is logged for the continuity figure).
pub async fn update(
    app: &App,
    actor: &Actor,
    id: PlacementId,
    input: PlacementUpdateInput,
) -> Result<PlacementView> {
    let row = changeable(app, actor, id).await?;
    let mut p = Problems::default();
    if let Some(Some(c)) = input.consultant_id {
        let ok = kith_store::users::get(app.db().conn(), c.0)
            .await?
            .is_some_and(|u| u.user.active && u.roles.contains(&Role::Consultant));
        if !ok {
            p.add("consultant_id", "problem.not_consultant");
        }
    }
    if let Some(Some(m)) = input.review_rhythm_months
        && !(1..=12).contains(&m)
    {
        p.add("review_rhythm_months", "problem.months_1_12");
    }
    let exit_plan = exit_plan_after(&row, &input);
    if let Some(plan) = &exit_plan {
        if let Some(steps) = plan.steps {
            p.at_most_chars("exit_plan", steps, MAX_EXIT_PLAN);
        }
        let plan = kith_domain::goals::ExitPlan {
            goal: plan.goal,
            move_on: plan.move_on,
            steps: plan.steps,
        };
        for (field, problem) in
            kith_domain::goals::check_exit_plan(row.start_date, row.planned_end_date, &plan)
        {
            p.add(field, problem);
        }
        if let Some(Some(day)) = input.exit_move_on
            && let Some((field, problem)) = kith_domain::goals::check_move_day_set(day, app.today())
        {
            p.add(field, problem);
        }
        if input.exit_goal.is_some() && row.planned_end_date.is_none() {
            p.add("exit_goal", "problem.exit_plan_needs_end");
        }
    }
    p.into_result()?;
    if *row.status == PlacementStatus::Ended {
        return Err(AppError::conflict("status", "problem.placement_ended"));
    }
    let now = app.now();
    let tx = app.db().begin_write().await?;
    if let Some(to) = input.consultant_id {
        let to = to.map(|u| u.0);
        if to != row.consultant_id {
            kith_store::placements::change_consultant(
                &tx,
                id.0,
                row.consultant_id,
                to,
                app.today(),
                actor.id.0,
                now,
            )
            .await?;
        }
    }
    if let Some(m) = input.review_rhythm_months {
        kith_store::placements::set_review_rhythm(&tx, id.0, m, now).await?;
    }
    if let Some(plan) = &exit_plan {
        kith_store::placements::set_exit_plan(&tx, id.0, plan, now).await?;
    }
    if let Some(decision) = input.after_care_decision {
        kith_store::placements::set_after_care(&tx, id.0, decision, app.today(), now).await?;
    }
    committed(tx, app, actor, (AuditAction::PlacementUpdate, &row)).await
}

/// The stay's exit plan once `input` is applied, when it changes any part of it: a part left
/// out is kept, blank steps are cleared.
fn exit_plan_after<'a>(
    row: &'a kith_store::entities::placement::Model,
    input: &'a PlacementUpdateInput,
) -> Option<kith_store::placements::ExitPlanRow<'a>> {
    if input.exit_plan.is_none() && input.exit_goal.is_none() && input.exit_move_on.is_none() {
        return None;
    }
    let steps = match &input.exit_plan {
        Some(text) => text.as_deref().map(str::trim).filter(|t| !t.is_empty()),
        None => row.exit_plan.as_deref(),
    };
    Some(kith_store::placements::ExitPlanRow {
        goal: input.exit_goal.or(row.exit_goal.map(|g| g.0)),
        move_on: input.exit_move_on.unwrap_or(row.exit_move_on),
        steps,
    })
}

/// Ends a placement; its planned visits after the end are cancelled with that reason.
pub async fn end(
    app: &App,
    actor: &Actor,
    id: PlacementId,
    input: EndPlacementInput,
) -> Result<PlacementView> {
    let row = changeable(app, actor, id).await?;
    let mut p = Problems::default();
    if input.end_date < row.start_date {
        p.add("end_date", "problem.before_placement_start");
    }
    if input.end_date > app.today() {
        p.add("end_date", "problem.end_not_before");
    }
    if row.exit_goal.is_some() && input.exit_goal_reached.is_none() {
        p.add("exit_goal_reached", "problem.exit_goal_reached");
    }
    if row.exit_goal.is_none() && input.exit_goal_reached.is_some() {
        p.add("exit_goal_reached", "problem.no_exit_goal");
    }
    let open_goals = input.open_goals.unwrap_or(GoalStatus::NotAchieved);
    if !open_goals.is_closed() {
        p.add("open_goals", "problem.close_goals");
    }
    if *row.status == PlacementStatus::Ended {
        return Err(AppError::conflict(
            "status",
            "problem.placement_already_ended",
        ));
    }
    p.into_result()?;
    let now = app.now();
    let tx = app.db().begin_write().await?;
    let ending = kith_store::placements::Ending {
        on: input.end_date,
        reason: input.reason,
        exit_goal_reached: input.exit_goal_reached,
        breakdown: input.breakdown || input.reason == EndReason::Breakdown,
    };
    if !kith_store::placements::end(&tx, id.0, ending, now).await? {
        return Err(AppError::conflict(
            "status",
            "problem.placement_already_ended",
        ));
    }
    kith_store::goals::close_open(&tx, id.0, open_goals, input.end_date, now).await?;
    committed(tx, app, actor, (AuditAction::PlacementEnd, &row)).await
}

/// Extends a short stay: a later planned end, with the reason; the history is kept.
pub async fn extend_stay(
    app: &App,
    actor: &Actor,
    id: PlacementId,
    input: ExtendStayInput,
) -> Result<PlacementView> {
    let row = changeable(app, actor, id).await?;
    if *row.status == PlacementStatus::Ended {
        return Err(AppError::conflict("status", "problem.placement_ended"));
    }
    let mut p = Problems::default();
    p.required_because(
        "reason",
        &input.reason,
        MAX_EXIT_PLAN,
        "problem.why_extended",
    );
    match row.planned_end_date {
        None => p.add("planned_end_date", "problem.extend_needs_end"),
        Some(end) if input.planned_end_date <= end => p.add(
            "planned_end_date",
            kith_domain::Message::new("problem.after_planned_end").date("end", end),
        ),
        Some(_) => {}
    }
    p.into_result()?;
    let previous = row.planned_end_date.unwrap_or(input.planned_end_date);
    let tx = app.db().begin_write().await?;
    kith_store::placements::extend_stay(
        &tx,
        id.0,
        previous,
        input.planned_end_date,
        input.reason.trim(),
        actor.id.0,
        app.now(),
    )
    .await?;
    committed(tx, app, actor, (AuditAction::StayExtend, &row)).await
}

/// A change to a placement finished: audited as `action` on the child, the year re-planned
/// (its consultant, rhythm or planned end moves it), committed, and the placement read back
/// as it now is.
async fn committed(
    tx: sea_orm::DatabaseTransaction,
    app: &App,
    actor: &Actor,
    (action, row): (AuditAction, &kith_store::entities::placement::Model),
) -> Result<PlacementView> {
    let id = PlacementId(row.id);
    audit::by(app, actor)
        .changed(&tx, action, ChildId(row.child_id), ("placement", row.id))
        .await?;
    plan_in(&tx, app, Some(&[row.id])).await?;
    tx.commit().await?;
    get(app, actor, id).await
}

pub(crate) async fn visible(
    app: &App,
    actor: &Actor,
    id: PlacementId,
) -> Result<kith_store::entities::placement::Model> {
    let scope = policy::follow_up_child_scope(actor);
    policy::require_some(&scope, "placements")?;
    kith_store::placements::get_in_scope(app.db().conn(), id.0, &scope)
        .await?
        .ok_or(AppError::NotFound("placement"))
}

pub(crate) async fn changeable(
    app: &App,
    actor: &Actor,
    id: PlacementId,
) -> Result<kith_store::entities::placement::Model> {
    let row = visible(app, actor, id).await?;
    let scope = policy::child_change_scope(actor);
    if kith_store::placements::get_in_scope(app.db().conn(), id.0, &scope)
        .await?
        .is_none()
    {
        audit::denied(app, actor, AuditAction::ChangeDenied, ChildId(row.child_id)).await?;
        return Err(AppError::forbidden(
            "only the case adviser or a team leader changes a placement",
        ));
    }
    Ok(row)
}

/// The placement, if the actor may record its planned plan review: whoever may change the
/// placement, and the one the review is planned for or their stand-in while a cover runs (an
/// adviser standing in holds the absent adviser's reviews).
pub(crate) async fn review_recordable(
    app: &App,
    actor: &Actor,
    id: PlacementId,
) -> Result<kith_store::entities::placement::Model> {
    let row = visible(app, actor, id).await?;
    if holds_planned_review(app, actor, row.id).await? {
        return Ok(row);
    }
    changeable(app, actor, id).await
}

/// Whether the placement's planned plan review is the actor's, or of someone they stand in
/// for today.
pub(crate) async fn holds_planned_review(app: &App, actor: &Actor, placement: i64) -> Result<bool> {
    use kith_domain::wheel::{VisitKind, VisitStatus};
    let own = kith_store::scope::VisitScope {
        assignee: Some(actor.id.0),
        stand_in: Some((actor.id.0, actor.today)),
        ..Default::default()
    };
    let planned = kith_store::visits::list(
        app.db().conn(),
        &own,
        &kith_store::visits::VisitFilter {
            placement_id: Some(placement),
            kind: Some(VisitKind::PlanReview),
            status: Some(VisitStatus::Planned),
            ..Default::default()
        },
        kith_store::PageRequest::first(1),
    )
    .await?;
    Ok(!planned.items.is_empty())
}

/// Views of placement rows (read by the caller under its own audit).
pub(crate) async fn views_of(
    app: &App,
    rows: Vec<kith_store::entities::placement::Model>,
) -> Result<Vec<PlacementView>> {
    let conn = app.db().conn();
    let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    let refs = crate::wheel::views::placement_refs(conn, &ids).await?;
    let mut people: Vec<i64> = rows.iter().map(|p| p.adviser_id).collect();
    people.extend(rows.iter().filter_map(|p| p.consultant_id));
    let staff = crate::staff::refs(app, &people).await?;
    let signals = crate::signals::signals_of(app, &rows).await?;
    // One statement each for all the rows (a list, the caseload and an export hold many).
    let changes = kith_store::placements::consultant_change_counts(conn, &ids).await?;
    let mut extensions = kith_store::placements::stay_extensions_of(conn, &ids).await?;
    let today = app.today();
    let mut out = Vec::with_capacity(rows.len());
    for p in rows {
        let Some(r) = refs.get(&p.id) else { continue };
        let ended = *p.status == PlacementStatus::Ended;
        let clock = kith_domain::goals::stay_clock(p.planned_end_date, ended, today);
        let extensions = extensions
            .remove(&p.id)
            .unwrap_or_default()
            .into_iter()
            .map(|e| ExtensionView {
                previous_end: e.previous_end,
                new_end: e.new_end,
                reason: e.reason,
                extended_on: e.created_at.with_timezone(&crate::TIME_ZONE).date_naive(),
            })
            .collect();
        out.push(PlacementView {
            id: PlacementId(p.id),
            code: r.code.clone(),
            child: ChildRef {
                id: r.child_id,
                name: r.child_name.clone(),
            },
            option_id: r.option_id,
            option_name: r.option_name.clone(),
            kind: r.kind,
            status: p.status.0,
            start_date: p.start_date,
            planned_end_date: p.planned_end_date,
            exit_goal: p.exit_goal.map(|g| g.0),
            end_date: p.end_date,
            end_reason: p.end_reason.map(|r| r.0),
            consultant: p.consultant_id.and_then(|c| staff.get(&c).cloned()),
            adviser: staff.get(&p.adviser_id).cloned(),
            review_rhythm_months: p.review_rhythm_months,
            consultant_changes: changes.get(&p.id).copied().unwrap_or(0),
            signals: signals.get(&p.id).cloned().unwrap_or_default(),
            exit_plan: p.exit_plan,
            exit_move_on: p.exit_move_on,
            exit_goal_reached: p.exit_goal_reached,
            breakdown: p.breakdown,
            after_care_decision: p.after_care_decision.map(|d| d.0),
            after_care_decided_on: p.after_care_decided_on,
            extensions,
            clock,
        });
    }
    Ok(out)
}
