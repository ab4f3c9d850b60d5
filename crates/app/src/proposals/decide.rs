//! A proposal's way to a decision: submitted by the match unit, approved or rejected by a
//! leader, or withdrawn. Each step is the domain's life cycle (`ProposalStatus::apply`),
//! persisted with the old state as its guard.

use super::*;

/// The proposal is already `now`, so it cannot be `action` (a status code: `approved`...).
pub(super) fn status_conflict(now: ProposalStatus, action: &'static str) -> AppError {
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
        return Err(status_conflict(p.status.0, "submitted"));
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
pub(super) async fn decidable(
    app: &App,
    actor: &Actor,
    id: ProposalId,
    event: ProposalEvent,
) -> Result<(proposal::Model, Vec<child::Model>)> {
    let (p, rows) = visible(app, actor, id).await?;
    if !actor.has(Role::Leader) {
        return Err(AppError::forbidden("only a leader decides a proposal"));
    }
    let status = p.status.0;
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
    let reason = input
        .approval_reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    let searches = super::view::searches_outside_network(app, p.option_id, &rows).await?;
    let states: Vec<_> = searches.iter().map(|s| s.state).collect();
    if reason.is_none() && kith_domain::network_search::approval_needs_reason(kind, &states) {
        return Err(AppError::invalid(
            "approval_reason",
            "problem.search_reason",
        ));
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
        reason,
        planned_end: Some((planned_end, exit_goal)),
        ..Transition::of(ProposalEvent::Approve)
    };
    if !kith_store::proposals::transition(&tx, id.0, approval, app.now()).await? {
        return Err(status_conflict(p.status.0, "approved"));
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
        return Err(status_conflict(p.status.0, "rejected"));
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
    let was = p.status.0;
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
