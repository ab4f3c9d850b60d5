//! Proposals: made from a match result by the match unit, decided by a leader.
//!
//! A proposal freezes what the match unit saw: the chosen option's score and reasons, the
//! recommendation and the best alternatives, so a decision can be explained later exactly as
//! it was made. Approval books the place: the option is locked for the transaction, its free
//! places are counted again, and the placement is written; two approvals racing for the last
//! place cannot both win. Each step writes an e-mail row for the people to tell, in the same
//! transaction, and an audit row per child.

use std::collections::HashMap;

use crate::matching::Recommendation;
use chrono::{DateTime, Months, NaiveDate, Utc};
use garde::Validate;
use kith_domain::ProposalEvent;
use kith_domain::matching::rank;
use kith_domain::{
    ChildId, ExitGoal, PlacementOptionId, PlacementStatus, ProposalId, ProposalStatus, Role,
    UnitKind, UserId, free_places,
};
use kith_store::entities::{child, proposal};
use kith_store::outbox::NewEmail;
use kith_store::placements::NewPlacement;
use kith_store::proposals::Transition;
use kith_store::proposals::{NewProposal, ProposalFilter};
use kith_store::{ConnectionTrait, StoreError};
use serde::{Deserialize, Serialize};

use crate::audit::{self, AuditAction, ChildData};
use crate::children::ChildRef;
use crate::matching::{RankedView, check_profiles, check_start, profiles, ranked_view};
use crate::paging::{List, Pager};
use crate::staff::{StaffRef, refs};
use crate::validate::check;
use crate::{Actor, App, AppError, PageParams, Paged, Result, policy};

/// How many alternatives are frozen with a proposal.
pub const FROZEN_ALTERNATIVES: usize = 10;

/// A new proposal, made from a match result.
#[derive(Debug, Clone, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewProposalInput {
    #[garde(skip)]
    pub child_id: ChildId,
    #[garde(skip)]
    pub option_id: PlacementOptionId,
    #[garde(skip)]
    pub start_date: NaiveDate,
    /// A short, clear rationale (the family may read it).
    #[garde(length(chars, min = 1, max = 2000))]
    pub rationale: String,
    /// Propose the sibling group as one (default) or this child alone.
    #[garde(skip)]
    pub together: Option<bool>,
    /// For an institutional option; defaults to the start plus the planned length (a rule).
    #[garde(skip)]
    pub planned_end_date: Option<NaiveDate>,
    #[garde(skip)]
    pub exit_goal: Option<ExitGoal>,
    /// Send to a leader at once (default) or keep as a draft.
    #[garde(skip)]
    pub submit: Option<bool>,
}

/// A leader's approval; the planned end and exit goal of an institutional stay may be set
/// or corrected here.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApproveInput {
    pub planned_end_date: Option<NaiveDate>,
    pub exit_goal: Option<ExitGoal>,
}

/// A leader's rejection, with the reason.
#[derive(Debug, Clone, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RejectInput {
    #[garde(length(chars, min = 1, max = 2000))]
    pub reason: String,
}

/// Filters for the proposals list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProposalListParams {
    pub status: Option<ProposalStatus>,
    pub child_id: Option<ChildId>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// What the reader may do with a proposal.
#[derive(Debug, Clone, Copy, Default, Serialize, utoipa::ToSchema)]
pub struct ProposalPermissions {
    pub submit: bool,
    pub decide: bool,
    pub withdraw: bool,
}

/// A proposal in a list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProposalSummary {
    pub id: ProposalId,
    pub status: ProposalStatus,
    pub children: Vec<ChildRef>,
    pub option_id: PlacementOptionId,
    pub option_name: String,
    pub start_date: NaiveDate,
    pub score: f64,
    pub proposer: StaffRef,
    pub submitted_at: Option<DateTime<Utc>>,
}

/// A proposal with everything frozen into it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProposalView {
    pub id: ProposalId,
    pub status: ProposalStatus,
    pub children: Vec<ChildRef>,
    pub together: bool,
    pub start_date: NaiveDate,
    pub planned_end_date: Option<NaiveDate>,
    pub exit_goal: Option<ExitGoal>,
    pub rationale: String,
    /// The chosen option as it was scored when proposed.
    pub chosen: RankedView,
    pub recommendation: Recommendation,
    /// The best other options as they were scored when proposed.
    pub alternatives: Vec<RankedView>,
    pub proposer: StaffRef,
    pub submitted_at: Option<DateTime<Utc>>,
    pub decided_by: Option<StaffRef>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub permissions: ProposalPermissions,
}

impl ChildData for ProposalView {
    fn child_ids(&self) -> Vec<ChildId> {
        self.children.iter().map(|c| c.id).collect()
    }
}

impl ChildData for ProposalSummary {
    fn child_ids(&self) -> Vec<ChildId> {
        self.children.iter().map(|c| c.id).collect()
    }
}

fn may_propose(actor: &Actor) -> bool {
    actor.has(Role::Matcher) || actor.has(Role::Leader)
}

/// The leaders to tell about a proposal for these children: leaders of a match unit, and
/// leaders of the units of the children's case advisers.
async fn deciders<C: ConnectionTrait>(conn: &C, children: &[child::Model]) -> Result<Vec<i64>> {
    let units = kith_store::units::all(conn).await?;
    let match_units: Vec<i64> = units
        .iter()
        .filter(|u| *u.kind == UnitKind::MatchUnit)
        .map(|u| u.id)
        .collect();
    let advisers = kith_store::users::get_many(
        conn,
        &children
            .iter()
            .map(|c| c.case_adviser_id)
            .collect::<Vec<_>>(),
    )
    .await?;
    let adviser_units: Vec<i64> = advisers.iter().flat_map(|a| a.unit_ids.clone()).collect();
    let mut out: Vec<i64> = kith_store::users::with_role(conn, Role::Leader)
        .await?
        .into_iter()
        .filter(|l| {
            l.unit_ids
                .iter()
                .any(|u| match_units.contains(u) || adviser_units.contains(u))
        })
        .map(|l| l.user.id)
        .collect();
    out.sort();
    out.dedup();
    Ok(out)
}

fn email(recipient: i64, kind: &str, proposal: i64) -> NewEmail {
    NewEmail {
        recipient_id: recipient,
        kind: kind.to_owned(),
        payload: serde_json::json!({ "proposal_id": proposal }).to_string(),
        dedupe_key: format!("proposal:{proposal}:{kind}:{recipient}"),
    }
}

async fn audit_children<C: ConnectionTrait>(
    conn: &C,
    app: &App,
    actor: &Actor,
    action: AuditAction,
    children: &[i64],
    proposal: i64,
) -> Result<()> {
    for c in children {
        audit::changed(
            conn,
            app,
            Some(actor),
            action,
            ChildId(*c),
            "proposal",
            proposal,
        )
        .await?;
    }
    Ok(())
}

/// Makes a proposal from the current match result for the child (or its sibling group).
pub async fn create(app: &App, actor: &Actor, input: NewProposalInput) -> Result<ProposalView> {
    if !may_propose(actor) {
        return Err(AppError::forbidden(
            "only the match unit and leaders make proposals",
        ));
    }
    check(&input)?;
    let child = crate::children::readable(app, actor, input.child_id).await?;
    check_start(app, "start_date", input.start_date)?;
    let together = input.together.unwrap_or(true);
    let (mut units, _rows) = profiles::units_for(app, &child, together).await?;
    units.retain(|u| u.children.iter().any(|c| c.id == input.child_id));
    check_profiles(&units, "child_id")?;
    let unit = units.remove(0);
    let child_ids: Vec<i64> = unit.children.iter().map(|c| c.id.0).collect();
    if kith_store::proposals::open_for_children(app.db().conn(), &child_ids).await? {
        return Err(AppError::conflict(
            "child_id",
            "problem.open_proposal_exists",
        ));
    }
    let rules = crate::rules::in_force::matching(app).await?;
    let words = crate::needs::words(app).await?;
    let catalog = profiles::options(app).await?;
    let (options, briefs) = (&catalog.0, &catalog.1);
    let outcome = rank(&unit, options, &rules, input.start_date);
    if let Some(x) = outcome
        .excluded
        .iter()
        .find(|x| x.option_id == input.option_id)
    {
        return Err(AppError::invalid(
            "option_id",
            words.resolve(
                kith_domain::Message::new("problem.option_excluded")
                    .clauses("why", x.reasons.iter().map(|r| r.message()).collect()),
            ),
        ));
    }
    if !outcome
        .ranked
        .iter()
        .any(|r| r.option_id == input.option_id)
    {
        return Err(AppError::invalid("option_id", "problem.no_such_option"));
    }
    let chosen = outcome
        .ranked
        .iter()
        .find(|r| r.option_id == input.option_id)
        .map(|r| ranked_view(r, briefs, &words))
        .expect("ranked");
    let alternatives: Vec<RankedView> = outcome
        .ranked
        .iter()
        .filter(|r| r.option_id != input.option_id)
        .take(FROZEN_ALTERNATIVES)
        .map(|r| ranked_view(r, briefs, &words))
        .collect();
    let recommendation = crate::matching::explain::recommendation(outcome.recommendation, &words);
    let institutional = chosen.option.kind.is_institutional();
    let planned_end = match (institutional, input.planned_end_date) {
        (true, Some(d)) => Some(d),
        (true, None) => input
            .start_date
            .checked_add_months(Months::new(rules.institution_default_months)),
        (false, _) => None,
    };
    if let Some(end) = planned_end
        && end <= input.start_date
    {
        return Err(AppError::invalid("planned_end_date", "problem.after_start"));
    }
    let status = if input.submit.unwrap_or(true) {
        ProposalStatus::Submitted
    } else {
        ProposalStatus::Draft
    };
    let to_json = |v: &dyn erased::Ser| v.json();
    let tx = app.db().begin_write().await?;
    let id = kith_store::proposals::insert(
        &tx,
        &NewProposal {
            status,
            option_id: input.option_id.0,
            children: child_ids.clone(),
            start_date: input.start_date,
            planned_end_date: planned_end,
            exit_goal: if institutional { input.exit_goal } else { None },
            together: unit.together,
            rationale: input.rationale.trim().to_owned(),
            score: chosen.score,
            chosen: to_json(&chosen)?,
            recommendation: to_json(&recommendation)?,
            alternatives: to_json(&alternatives)?,
            proposer_id: actor.id.0,
        },
        app.now(),
    )
    .await?;
    audit_children(&tx, app, actor, AuditAction::ProposalCreate, &child_ids, id).await?;
    if status == ProposalStatus::Submitted {
        let rows_for = kith_store::children::get_many(&tx, &child_ids).await?;
        let emails: Vec<NewEmail> = deciders(&tx, &rows_for)
            .await?
            .into_iter()
            .map(|l| email(l, "proposal_submitted", id))
            .collect();
        kith_store::outbox::enqueue(&tx, &emails, app.now()).await?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    get(app, actor, ProposalId(id)).await
}

/// Serialising frozen values without repeating the error handling.
mod erased {
    use crate::{AppError, Result};

    pub trait Ser {
        fn json(&self) -> Result<String>;
    }

    impl<T: serde::Serialize> Ser for T {
        fn json(&self) -> Result<String> {
            serde_json::to_string(self).map_err(AppError::internal)
        }
    }
}

/// Loads a proposal the actor may see, with its child rows: its proposer and the leader who
/// decided it always may (it is their own work, even when the child has left their reach, as a
/// placed child leaves the match unit's); others when they may read one of its children.
async fn visible(
    app: &App,
    actor: &Actor,
    id: ProposalId,
) -> Result<(proposal::Model, Vec<child::Model>)> {
    let Some((p, child_ids)) = kith_store::proposals::get(app.db().conn(), id.0).await? else {
        return Err(AppError::NotFound("proposal"));
    };
    let scope = policy::child_read_scope(actor);
    policy::require_some(&scope, "proposals")?;
    let mut readable = p.proposer_id == actor.id.0 || p.decided_by == Some(actor.id.0);
    for c in &child_ids {
        if kith_store::children::get_in_scope(app.db().conn(), *c, &scope)
            .await?
            .is_some()
        {
            readable = true;
        }
    }
    if !readable {
        return Err(AppError::NotFound("proposal"));
    }
    let rows = kith_store::children::get_many(app.db().conn(), &child_ids).await?;
    Ok((p, rows))
}

/// A leader who reaches the proposal's children decides it. A sibling group is one unit: a
/// match-unit leader who reaches the child with the placement request decides for the group.
async fn may_decide(app: &App, actor: &Actor, children: &[child::Model]) -> Result<bool> {
    if !actor.has(Role::Leader) {
        return Ok(false);
    }
    let scope = policy::child_read_scope(actor);
    for c in children {
        if kith_store::children::get_in_scope(app.db().conn(), c.id, &scope)
            .await?
            .is_some()
        {
            return Ok(true);
        }
    }
    Ok(false)
}

fn parse_status(p: &proposal::Model) -> Result<ProposalStatus> {
    Ok(p.status.0)
}

async fn view(
    app: &App,
    actor: &Actor,
    p: proposal::Model,
    rows: Vec<child::Model>,
) -> Result<ProposalView> {
    let status = parse_status(&p)?;
    let staff = refs(
        app,
        &[Some(p.proposer_id), p.decided_by]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>(),
    )
    .await?;
    let decide = may_decide(app, actor, &rows).await?;
    let mine = p.proposer_id == actor.id.0;
    Ok(ProposalView {
        id: ProposalId(p.id),
        status,
        children: rows
            .iter()
            .map(|c| ChildRef {
                id: ChildId(c.id),
                name: c.name.clone(),
            })
            .collect(),
        together: p.together,
        start_date: p.start_date,
        planned_end_date: p.planned_end_date,
        exit_goal: p.exit_goal.map(|g| g.0),
        rationale: p.rationale,
        chosen: serde_json::from_str(&p.chosen).map_err(AppError::corrupt)?,
        recommendation: serde_json::from_str(&p.recommendation).map_err(AppError::corrupt)?,
        alternatives: serde_json::from_str(&p.alternatives).map_err(AppError::corrupt)?,
        proposer: staff.get(&p.proposer_id).cloned().unwrap_or(StaffRef {
            id: UserId(p.proposer_id),
            name: String::new(),
        }),
        submitted_at: p.submitted_at,
        decided_by: p.decided_by.and_then(|d| staff.get(&d).cloned()),
        decided_at: p.decided_at,
        decision_reason: p.decision_reason,
        created_at: p.created_at,
        permissions: ProposalPermissions {
            submit: mine && status == ProposalStatus::Draft,
            decide: decide && status == ProposalStatus::Submitted,
            withdraw: mine && status.is_open(),
        },
    })
}

/// One proposal with everything frozen into it.
pub async fn get(app: &App, actor: &Actor, id: ProposalId) -> Result<ProposalView> {
    let (p, rows) = visible(app, actor, id).await?;
    let v = view(app, actor, p, rows).await?;
    audit::read(app, actor, AuditAction::ProposalRead, v).await
}

/// The proposals the actor may see, newest first (e.g. `status=submitted`: awaiting decision).
pub async fn list(
    app: &App,
    actor: &Actor,
    params: &ProposalListParams,
) -> Result<Paged<ProposalSummary>> {
    let pager = Pager::new(app, actor, List::Proposals);
    let request = pager.request(&PageParams::new(params.limit, params.cursor.clone()))?;
    let scope = policy::child_read_scope(actor);
    policy::require_some(&scope, "proposals")?;
    let page = kith_store::proposals::list(
        app.db().conn(),
        &ProposalFilter {
            status: params.status.map(|s| s.as_str().to_owned()),
            child_id: params.child_id.map(|c| c.0),
            scope: Some((scope, actor.id.0)),
        },
        request,
    )
    .await?;
    let ids: Vec<i64> = page.items.iter().map(|p| p.id).collect();
    let pairs = kith_store::proposals::children_of(app.db().conn(), &ids).await?;
    let children = kith_store::children::get_many(
        app.db().conn(),
        &pairs.iter().map(|(_, c)| *c).collect::<Vec<_>>(),
    )
    .await?;
    let names: HashMap<i64, String> = children.into_iter().map(|c| (c.id, c.name)).collect();
    let options: HashMap<i64, String> = kith_store::options::get_many(
        app.db().conn(),
        &page.items.iter().map(|p| p.option_id).collect::<Vec<_>>(),
    )
    .await?
    .into_iter()
    .map(|o| (o.id, o.name))
    .collect();
    let staff = refs(
        app,
        &page.items.iter().map(|p| p.proposer_id).collect::<Vec<_>>(),
    )
    .await?;
    let mut summaries = Vec::new();
    for p in &page.items {
        summaries.push(ProposalSummary {
            id: ProposalId(p.id),
            status: parse_status(p)?,
            children: pairs
                .iter()
                .filter(|(pid, _)| *pid == p.id)
                .map(|(_, c)| ChildRef {
                    id: ChildId(*c),
                    name: names.get(c).cloned().unwrap_or_default(),
                })
                .collect(),
            option_id: PlacementOptionId(p.option_id),
            option_name: options.get(&p.option_id).cloned().unwrap_or_default(),
            start_date: p.start_date,
            score: p.score,
            proposer: staff.get(&p.proposer_id).cloned().unwrap_or(StaffRef {
                id: UserId(p.proposer_id),
                name: String::new(),
            }),
            submitted_at: p.submitted_at,
        });
    }
    let mut it = summaries.into_iter();
    let paged = pager.page(page, |_| it.next().expect("one summary per row"));
    audit::read(app, actor, AuditAction::ProposalRead, paged).await
}

/// The proposal is already `now`, so it cannot be `action` (a status code: `approved`...).
fn status_conflict(now: ProposalStatus, action: &'static str) -> AppError {
    AppError::conflict(
        "status",
        kith_domain::Message::new("problem.proposal_state")
            .key("now", format!("proposal_status.{now}"))
            .key("action", format!("proposal_action.{action}")),
    )
}

/// Sends a draft to the leaders (the proposer).
pub async fn submit(app: &App, actor: &Actor, id: ProposalId) -> Result<ProposalView> {
    let (p, rows) = visible(app, actor, id).await?;
    if p.proposer_id != actor.id.0 {
        return Err(AppError::forbidden("only the proposer submits a proposal"));
    }
    let child_ids: Vec<i64> = rows.iter().map(|c| c.id).collect();
    let tx = app.db().begin_write().await?;
    if !kith_store::proposals::transition(
        &tx,
        id.0,
        Transition::of(ProposalEvent::Submit),
        app.now(),
    )
    .await?
    {
        return Err(status_conflict(parse_status(&p)?, "submitted"));
    }
    audit_children(
        &tx,
        app,
        actor,
        AuditAction::ProposalSubmit,
        &child_ids,
        id.0,
    )
    .await?;
    let emails: Vec<NewEmail> = deciders(&tx, &rows)
        .await?
        .into_iter()
        .map(|l| email(l, "proposal_submitted", id.0))
        .collect();
    kith_store::outbox::enqueue(&tx, &emails, app.now()).await?;
    tx.commit().await.map_err(StoreError::from)?;
    get(app, actor, id).await
}

/// Approves a submitted proposal (a leader over the children): books the place and makes the
/// placement(s). Two approvals for the last free place: exactly one wins, the other is 409.
/// A proposal a leader may decide now (approve or reject, `event`), with its children. The
/// checks come in the order that tells nothing a caller may not know: the proposal must be
/// visible, the caller a leader (any other role learns nothing about its state), it must be
/// submitted, and the caller a leader over its children.
async fn decidable(
    app: &App,
    actor: &Actor,
    id: ProposalId,
    event: ProposalEvent,
) -> Result<(proposal::Model, Vec<child::Model>)> {
    let (p, rows) = visible(app, actor, id).await?;
    if !actor.has(Role::Leader) {
        return Err(AppError::forbidden("only a leader decides a proposal"));
    }
    let status = parse_status(&p)?;
    if status.apply(event).is_none() {
        return Err(status_conflict(status, event.leads_to().as_str()));
    }
    if !may_decide(app, actor, &rows).await? {
        return Err(AppError::forbidden(
            "only a leader over the children decides a proposal",
        ));
    }
    Ok((p, rows))
}

pub async fn approve(
    app: &App,
    actor: &Actor,
    id: ProposalId,
    input: ApproveInput,
) -> Result<ProposalView> {
    let (p, rows) = decidable(app, actor, id, ProposalEvent::Approve).await?;
    let four_eyes = crate::rules::in_force::matching(app).await?.four_eyes;
    if !kith_domain::proposal::may_approve(four_eyes, UserId(p.proposer_id), actor.id) {
        return Err(AppError::forbidden("problem.approve_own"));
    }
    let option = kith_store::options::get(app.db().conn(), p.option_id)
        .await?
        .ok_or(AppError::NotFound("placement option"))?;
    let kind: kith_domain::PlacementKind = option.kind.0;
    let planned_end = input.planned_end_date.or(p.planned_end_date);
    let exit_goal = input.exit_goal.or(p.exit_goal.map(|g| g.0));
    if kind.is_institutional() {
        let mut problems = crate::validate::Problems::default();
        for (field, message) in
            kith_domain::proposal::stay_plan_problems(p.start_date, planned_end, exit_goal)
        {
            problems.add(field, message);
        }
        problems.into_result()?;
    }
    let child_ids: Vec<i64> = rows.iter().map(|c| c.id).collect();
    let today = app.today();
    let tx = app.db().begin_write().await?;
    // The option's row lock: concurrent approvals for this option queue here.
    if !kith_store::placements::lock_option(&tx, p.option_id).await? {
        return Err(AppError::NotFound("placement option"));
    }
    let approval = Transition {
        decided_by: Some(actor.id.0),
        planned_end: Some((planned_end, exit_goal)),
        ..Transition::of(ProposalEvent::Approve)
    };
    if !kith_store::proposals::transition(&tx, id.0, approval, app.now()).await? {
        return Err(status_conflict(parse_status(&p)?, "approved"));
    }
    let option = kith_store::options::get(&tx, p.option_id)
        .await?
        .ok_or(AppError::NotFound("placement option"))?;
    let approval = kith_domain::Approval {
        authority: option.approval_authority.0,
        approved_on: option.approved_on,
        valid_until: option.approval_valid_until,
        status: option.approval_status.0,
    };
    if !approval.is_valid_on(p.start_date) {
        return Err(AppError::conflict(
            "option_id",
            "problem.option_not_approved",
        ));
    }
    let taken = kith_store::placements::places_taken(&tx, p.option_id).await?;
    let free = free_places(u32::try_from(option.approved_places).unwrap_or(0), taken);
    if free < child_ids.len() as u32 {
        return Err(AppError::conflict(
            "option_id",
            kith_domain::Message::new("problem.no_free_place")
                .int("free", free)
                .int("needed", child_ids.len() as i64),
        ));
    }
    let status = if p.start_date > today {
        PlacementStatus::Planned
    } else {
        PlacementStatus::Active
    };
    let mut placement_ids = Vec::new();
    for c in &rows {
        let pid = kith_store::placements::insert(
            &tx,
            &NewPlacement {
                child_id: c.id,
                option_id: p.option_id,
                start_date: p.start_date,
                planned_end_date: if kind.is_institutional() {
                    planned_end
                } else {
                    None
                },
                exit_goal: if kind.is_institutional() {
                    exit_goal
                } else {
                    None
                },
                status,
                consultant_id: option.responsible_consultant_id,
                adviser_id: c.case_adviser_id,
                proposal_id: Some(id.0),
                requested_on: c.placement_requested_on,
            },
            app.now(),
        )
        .await?;
        placement_ids.push(pid);
        kith_store::children::set_placement_requested(&tx, c.id, None, app.now()).await?;
    }
    // The new placements' year is planned in the same transaction: nobody has to remember
    // the first visit.
    crate::wheel::plan::plan_in(&tx, app, Some(&placement_ids)).await?;
    audit_children(
        &tx,
        app,
        actor,
        AuditAction::ProposalApprove,
        &child_ids,
        id.0,
    )
    .await?;
    kith_store::outbox::enqueue(
        &tx,
        &[email(p.proposer_id, "proposal_approved", id.0)],
        app.now(),
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    get(app, actor, id).await
}

/// Rejects a submitted proposal, with the reason (a leader over the children).
pub async fn reject(
    app: &App,
    actor: &Actor,
    id: ProposalId,
    input: RejectInput,
) -> Result<ProposalView> {
    let (p, rows) = decidable(app, actor, id, ProposalEvent::Reject).await?;
    check(&input)?;
    let child_ids: Vec<i64> = rows.iter().map(|c| c.id).collect();
    let tx = app.db().begin_write().await?;
    let rejection = Transition {
        decided_by: Some(actor.id.0),
        reason: Some(input.reason.trim()),
        ..Transition::of(ProposalEvent::Reject)
    };
    if !kith_store::proposals::transition(&tx, id.0, rejection, app.now()).await? {
        return Err(status_conflict(parse_status(&p)?, "rejected"));
    }
    audit_children(
        &tx,
        app,
        actor,
        AuditAction::ProposalReject,
        &child_ids,
        id.0,
    )
    .await?;
    kith_store::outbox::enqueue(
        &tx,
        &[email(p.proposer_id, "proposal_rejected", id.0)],
        app.now(),
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    get(app, actor, id).await
}

/// Takes a proposal back before a decision (the proposer).
pub async fn withdraw(app: &App, actor: &Actor, id: ProposalId) -> Result<ProposalView> {
    let (p, rows) = visible(app, actor, id).await?;
    if p.proposer_id != actor.id.0 {
        return Err(AppError::forbidden(
            "only the proposer withdraws a proposal",
        ));
    }
    let was = parse_status(&p)?;
    let child_ids: Vec<i64> = rows.iter().map(|c| c.id).collect();
    let tx = app.db().begin_write().await?;
    if !kith_store::proposals::transition(
        &tx,
        id.0,
        Transition::of(ProposalEvent::Withdraw),
        app.now(),
    )
    .await?
    {
        return Err(status_conflict(was, "withdrawn"));
    }
    audit_children(
        &tx,
        app,
        actor,
        AuditAction::ProposalWithdraw,
        &child_ids,
        id.0,
    )
    .await?;
    if was == ProposalStatus::Submitted {
        let emails: Vec<NewEmail> = deciders(&tx, &rows)
            .await?
            .into_iter()
            .map(|l| email(l, "proposal_withdrawn", id.0))
            .collect();
        kith_store::outbox::enqueue(&tx, &emails, app.now()).await?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    get(app, actor, id).await
}
