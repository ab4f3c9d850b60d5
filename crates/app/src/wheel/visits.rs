//! Visits as the people who hold them see them: list, read, record, move and cancel.
//!
//! Recording re-plans the placement in the same transaction: the next visit of the kind
//! counts from the day this one was held. Cancelling does not cancel the obligation: the
//! planner puts a new visit in its slot (to change a day, move the visit instead). A moved
//! visit is pinned: the planner keeps the day the person chose.

use chrono::NaiveDate;
use kith_domain::wheel::{CancelReason, VisitKind, VisitStatus, WorkCalendar};
use kith_domain::{ChildId, FollowUpId, Party, PlacementId, UserId, VisitId};
use serde::{Deserialize, Serialize};

use super::plan::plan_in;
use super::views::{FollowUpView, VisitView, build, follow_up_view};
use crate::audit::{self, AuditAction, ChildData};
use crate::paging::{List, Pager};
use crate::validate::{Problems, trimmed};
use crate::{Actor, App, AppError, PageParams, Paged, Result, policy};

/// The longest texts a record takes (characters).
const MAX_VIEW: usize = 4000;
const MAX_OBSERVATIONS: usize = 8000;
const MAX_REASON: usize = 500;

/// Filters for the visit list (`GET /api/v1/visits`).
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VisitListParams {
    /// Whose visits (default: everything the reader follows up).
    pub assignee: Option<UserId>,
    pub placement_id: Option<PlacementId>,
    /// Planned on or after.
    pub from: Option<NaiveDate>,
    /// Planned on or before.
    pub to: Option<NaiveDate>,
    pub status: Option<VisitStatus>,
    pub kind: Option<VisitKind>,
    /// Only overdue items.
    pub overdue: Option<bool>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// A visit with what its holder needs at hand: the follow-ups still open from earlier visits.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct VisitDetail {
    #[serde(flatten)]
    pub visit: VisitView,
    /// Follow-ups agreed at earlier visits to this placement that are not done yet.
    pub open_follow_ups: Vec<FollowUpView>,
}

impl ChildData for VisitDetail {
    fn child_ids(&self) -> Vec<ChildId> {
        self.visit.child_ids()
    }
}

/// A follow-up agreed at the visit.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUpInput {
    pub what: String,
    /// Whose it is: required, chosen (never defaulted); a missing one is told with the rest.
    pub owner: Option<Party>,
    /// By when: required.
    pub due_on: Option<NaiveDate>,
}

/// What is recorded about a held visit (`POST /api/v1/visits/{id}/record`).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordVisitInput {
    pub held_on: NaiveDate,
    /// Who held it (default: the person recording).
    pub held_by: Option<UserId>,
    /// Whether the child was seen without placement staff present; required when the rules
    /// ask for it (supervision visits).
    pub child_seen_alone: Option<bool>,
    /// Why not, when the child was not seen alone.
    pub not_seen_alone_reason: Option<String>,
    /// The child's own view, in the child's own words.
    pub child_view: Option<String>,
    pub observations: Option<String>,
    #[serde(default)]
    pub follow_ups: Vec<FollowUpInput>,
    /// Open follow-ups from earlier visits that are now done.
    #[serde(default)]
    pub done_follow_ups: Vec<FollowUpId>,
}

/// Moving a planned visit to another day (`POST /api/v1/visits/{id}/move`).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveVisitInput {
    pub to: NaiveDate,
    pub reason: String,
}

/// Cancelling a planned visit (`POST /api/v1/visits/{id}/cancel`).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelVisitInput {
    pub reason: String,
}

/// The visits and reviews the actor follows up, by planned day.
pub async fn list(app: &App, actor: &Actor, params: &VisitListParams) -> Result<Paged<VisitView>> {
    let pager = Pager::new(app, actor, List::Visits);
    let request = pager.request(&PageParams::new(params.limit, params.cursor.clone()))?;
    let scope = policy::visit_scope(actor);
    policy::require_some(&scope, "visits")?;
    if let (Some(f), Some(t)) = (params.from, params.to)
        && f > t
    {
        return Err(AppError::invalid("to", "problem.to_before_from"));
    }
    let filter = kith_store::visits::VisitFilter {
        assignee_id: params.assignee.map(|u| u.0),
        placement_id: params.placement_id.map(|p| p.0),
        from: params.from,
        to: params.to,
        status: params.status,
        kind: params.kind,
        overdue_on: params.overdue.unwrap_or(false).then(|| app.today()),
        ..Default::default()
    };
    let page = kith_store::visits::list(app.db().conn(), &scope, &filter, request).await?;
    let next = page.next_after;
    let views = build(app, page.items).await?;
    let paged = pager.page(
        kith_store::Page {
            items: views,
            next_after: next,
        },
        |v| v,
    );
    audit::read(app, actor, AuditAction::VisitList, paged).await
}

/// One visit, with the follow-ups still open from earlier visits.
pub async fn get(app: &App, actor: &Actor, id: VisitId) -> Result<VisitDetail> {
    let row = visible(app, actor, id).await?;
    let placement = row.placement_id;
    let visit = build(app, vec![row])
        .await?
        .pop()
        .ok_or(AppError::NotFound("visit"))?;
    let open_follow_ups = kith_store::visits::open_follow_ups(app.db().conn(), placement)
        .await?
        .into_iter()
        .filter(|f| f.visit_id != id.0)
        .map(follow_up_view)
        .collect();
    audit::read(
        app,
        actor,
        AuditAction::VisitRead,
        VisitDetail {
            visit,
            open_follow_ups,
        },
    )
    .await
}

/// Records a held visit, its follow-ups, and re-plans the placement.
pub async fn record(
    app: &App,
    actor: &Actor,
    id: VisitId,
    input: RecordVisitInput,
) -> Result<VisitDetail> {
    let row = changeable(app, actor, id).await?;
    require_planned(&row)?;
    let kind: VisitKind = row.kind.0;
    if kind == VisitKind::PlanReview {
        return Err(AppError::conflict("kind", "problem.plan_review"));
    }
    if kind == VisitKind::AfterCareReview {
        return Err(AppError::conflict("kind", "problem.after_care_review"));
    }
    let today = app.today();
    let placement = kith_store::placements::get(app.db().conn(), row.placement_id)
        .await?
        .ok_or(AppError::NotFound("placement"))?;
    let option_kind = kith_store::placements::option_kinds(app.db().conn(), &[placement.option_id])
        .await?
        .remove(&placement.option_id)
        .ok_or(AppError::NotFound("placement option"))?;
    let rules = crate::rules::in_force::wheel(app).await?;
    let seen_alone_required = rules.child_seen_alone(kind, option_kind);

    let mut p = Problems::default();
    if input.held_on > today {
        p.add("held_on", "problem.visit_future");
    }
    if input.held_on < placement.start_date {
        p.add("held_on", "problem.before_placement_start");
    }
    let held_by = input.held_by.unwrap_or(actor.id);
    let conversation = kith_domain::wheel::Conversation {
        seen_alone: input.child_seen_alone,
        child_view: input.child_view.as_deref().unwrap_or_default(),
        not_seen_alone_reason: input.not_seen_alone_reason.as_deref().unwrap_or_default(),
    };
    for (field, problem) in
        kith_domain::wheel::check_conversation(seen_alone_required, conversation)
    {
        p.add(field, problem);
    }
    p.at_most_chars(
        "not_seen_alone_reason",
        input.not_seen_alone_reason.as_deref().unwrap_or_default(),
        MAX_REASON,
    );
    p.at_most_chars(
        "child_view",
        input.child_view.as_deref().unwrap_or_default(),
        MAX_VIEW,
    );
    p.at_most_chars(
        "observations",
        input.observations.as_deref().unwrap_or_default(),
        MAX_OBSERVATIONS,
    );
    super::agreements::check_new(&mut p, &input.follow_ups, input.held_on);
    let open: Vec<i64> = kith_store::visits::open_follow_ups(app.db().conn(), row.placement_id)
        .await?
        .into_iter()
        .map(|f| f.id)
        .collect();
    for (i, f) in input.done_follow_ups.iter().enumerate() {
        if !open.contains(&f.0) {
            p.add(
                format!("done_follow_ups[{i}]"),
                "problem.not_open_follow_up",
            );
        }
    }
    if kith_store::users::get(app.db().conn(), held_by.0)
        .await?
        .is_none_or(|u| !u.user.active || !policy::may_hold_visits(&u.roles))
    {
        p.add("held_by", "problem.held_by");
    }
    p.into_result()?;

    let now = app.now();
    let tx = app.db().begin_write().await?;
    let record = kith_store::visits::VisitRecord {
        held_on: input.held_on,
        held_by_id: held_by.0,
        child_seen_alone: input.child_seen_alone,
        not_seen_alone_reason: trimmed(input.not_seen_alone_reason),
        child_view: trimmed(input.child_view),
        observations: trimmed(input.observations),
    };
    if !kith_store::visits::record(&tx, id.0, &record, now).await? {
        return Err(AppError::conflict("status", "problem.visit_not_planned"));
    }
    let follow_ups = super::agreements::new_rows(&tx, input.follow_ups, &placement).await?;
    kith_store::visits::add_follow_ups(&tx, id.0, row.placement_id, &follow_ups, now).await?;
    let done: Vec<i64> = input.done_follow_ups.iter().map(|f| f.0).collect();
    kith_store::visits::close_follow_ups(&tx, row.placement_id, &done, id.0, input.held_on).await?;
    let child = ChildId(placement.child_id);
    audit::by(app, actor)
        .changed(&tx, AuditAction::VisitRecord, child, ("visit", id.0))
        .await?;
    // The record is saved: its draft has done its work.
    let draft = kith_domain::draft::DraftForm::VisitRecord(id).key();
    kith_store::drafts::discard(&tx, actor.id.0, &draft).await?;
    plan_in(&tx, app, Some(&[row.placement_id])).await?;
    tx.commit().await?;
    get(app, actor, id).await
}

/// Moves a planned visit to another working day, with the reason.
pub async fn move_visit(
    app: &App,
    actor: &Actor,
    id: VisitId,
    input: MoveVisitInput,
) -> Result<VisitDetail> {
    let row = changeable(app, actor, id).await?;
    let mut p = Problems::default();
    p.required_because("reason", &input.reason, MAX_REASON, "problem.why_moved");
    let today = app.today();
    if input.to < today {
        p.add("to", "problem.move_into_past");
    }
    let rules = crate::rules::in_force::wheel(app).await?;
    let calendar = WorkCalendar::new(&rules.closing_days);
    if let Some(why) = calendar.closed_because(input.to) {
        p.add("to", why);
    }
    let off = kith_store::staff_time::days_off(app.db().conn(), &[row.assignee_id], input.to)
        .await?
        .into_iter()
        .any(|(_, d)| d == input.to);
    if off {
        p.add("to", "problem.holder_off");
    }
    p.into_result()?;
    require_planned(&row)?;
    let outside = !(row.opens_on <= input.to && input.to <= row.closes_on);
    let tx = app.db().begin_write().await?;
    if !kith_store::visits::move_to(&tx, id.0, input.to, input.reason.trim(), outside, app.now())
        .await?
    {
        return Err(AppError::conflict("status", "problem.visit_not_planned"));
    }
    audit_change(&tx, app, actor, AuditAction::VisitMove, &row).await?;
    tx.commit().await?;
    get(app, actor, id).await
}

/// Cancels a planned visit with the reason; the planner plans a new one for its slot.
pub async fn cancel(
    app: &App,
    actor: &Actor,
    id: VisitId,
    input: CancelVisitInput,
) -> Result<VisitDetail> {
    let row = changeable(app, actor, id).await?;
    let mut p = Problems::default();
    p.required_because("reason", &input.reason, MAX_REASON, "problem.why_cancelled");
    p.into_result()?;
    require_planned(&row)?;
    let tx = app.db().begin_write().await?;
    let n = kith_store::visits::cancel_many(
        &tx,
        &[id.0],
        CancelReason::ByUser,
        Some(input.reason.trim()),
        app.now(),
    )
    .await?;
    if n != 1 {
        return Err(AppError::conflict("status", "problem.visit_not_planned"));
    }
    audit_change(&tx, app, actor, AuditAction::VisitCancel, &row).await?;
    plan_in(&tx, app, Some(&[row.placement_id])).await?;
    tx.commit().await?;
    get(app, actor, id).await
}

/// The stored item, if the actor may reach it (403 for roles without visits, else 404).
pub(crate) async fn visible(
    app: &App,
    actor: &Actor,
    id: VisitId,
) -> Result<kith_store::entities::visit::Model> {
    let scope = policy::visit_scope(actor);
    policy::require_some(&scope, "visits")?;
    kith_store::visits::get_in_scope(app.db().conn(), id.0, &scope)
        .await?
        .ok_or(AppError::NotFound("visit"))
}

/// The stored item, if the actor may record, move or cancel it (`policy::visit_change_scope`):
/// 404 when they cannot even read it, 403 (and an audit row) when they read it but do not
/// hold it.
pub(crate) async fn changeable(
    app: &App,
    actor: &Actor,
    id: VisitId,
) -> Result<kith_store::entities::visit::Model> {
    let row = visible(app, actor, id).await?;
    let conn = app.db().conn();
    let scope = policy::visit_change_scope(actor);
    if kith_store::visits::get_in_scope(conn, id.0, &scope)
        .await?
        .is_some()
    {
        return Ok(row);
    }
    if let Some(p) = kith_store::placements::get(conn, row.placement_id).await? {
        audit::denied(app, actor, AuditAction::ChangeDenied, ChildId(p.child_id)).await?;
    }
    Err(AppError::forbidden(
        "the consultant holding the visit records, moves or cancels it (or their leader)",
    ))
}

fn require_planned(row: &kith_store::entities::visit::Model) -> Result<()> {
    match row.status.0 {
        VisitStatus::Planned => Ok(()),
        VisitStatus::Held => Err(AppError::conflict("status", "problem.visit_already_held")),
        VisitStatus::Cancelled => Err(AppError::conflict("status", "problem.visit_cancelled")),
    }
}

async fn audit_change<C: kith_store::ConnectionTrait>(
    conn: &C,
    app: &App,
    actor: &Actor,
    action: AuditAction,
    row: &kith_store::entities::visit::Model,
) -> Result<()> {
    let placement = kith_store::placements::get(conn, row.placement_id)
        .await?
        .ok_or(AppError::NotFound("placement"))?;
    audit::by(app, actor)
        .changed(conn, action, ChildId(placement.child_id), ("visit", row.id))
        .await
}
