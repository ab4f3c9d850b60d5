//! How a proposal reads to the one asking: what of it they may see, and what they may do.

use super::*;

/// Serialising frozen values without repeating the error handling.
pub(super) mod erased {
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
pub(super) async fn visible(
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
pub(super) async fn may_decide(
    app: &App,
    actor: &Actor,
    children: &[child::Model],
) -> Result<bool> {
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

pub(super) async fn view(
    app: &App,
    actor: &Actor,
    p: proposal::Model,
    rows: Vec<child::Model>,
) -> Result<ProposalView> {
    let status = p.status.0;
    let staff = refs(
        app,
        &[Some(p.proposer_id), p.decided_by]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>(),
    )
    .await?;
    let decide = may_decide(app, actor, &rows).await?;
    let placed = placed(app, actor, &p, &rows).await?;
    let network_search = if status.is_open() {
        searches_outside_network(app, p.option_id, &rows).await?
    } else {
        vec![]
    };
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
        placed,
        network_search,
    })
}

/// Each child's network search, when the option is outside the network.
pub(super) async fn searches_outside_network(
    app: &App,
    option_id: i64,
    rows: &[child::Model],
) -> Result<Vec<ChildSearch>> {
    let conn = app.db().conn();
    let kind = kith_store::placements::option_kinds(conn, &[option_id]).await?;
    if kind.get(&option_id).is_none_or(|k| k.is_network()) {
        return Ok(vec![]);
    }
    let ids: Vec<i64> = rows.iter().map(|c| c.id).collect();
    let stale = crate::children::stale_days(app).await?;
    let mut summaries = crate::children::summaries(conn, &ids, (app.today(), stale)).await?;
    Ok(rows
        .iter()
        .filter_map(|c| {
            let s = summaries.remove(&c.id)?;
            Some(ChildSearch {
                child: ChildRef {
                    id: ChildId(c.id),
                    name: c.name.clone(),
                },
                state: s.state,
                persons: s.persons,
                asked: s.asked,
                open_steps: s.open_steps,
                last_asked_on: s.last_asked_on,
                stale_after_days: stale,
            })
        })
        .collect())
}

/// What an approved proposal made, for this reader: each child's placement if they may
/// open it, whether they may open the case, and who follows it up now.
async fn placed(
    app: &App,
    actor: &Actor,
    p: &proposal::Model,
    rows: &[child::Model],
) -> Result<Vec<PlacedView>> {
    if p.status.0 != ProposalStatus::Approved {
        return Ok(Vec::new());
    }
    let conn = app.db().conn();
    let made = kith_store::placements::of_proposal(conn, p.id).await?;
    let advisers: Vec<i64> = made.iter().map(|m| m.adviser_id).collect();
    let staff = refs(app, &advisers).await?;
    let (follow_up, read) = (
        policy::follow_up_child_scope(actor),
        policy::child_read_scope(actor),
    );
    let mut out = Vec::new();
    for m in made {
        let Some(c) = rows.iter().find(|c| c.id == m.child_id) else {
            continue;
        };
        let opens = !follow_up.is_empty()
            && kith_store::placements::get_in_scope(conn, m.id, &follow_up)
                .await?
                .is_some();
        let reads = !read.is_empty()
            && kith_store::children::get_in_scope(conn, c.id, &read)
                .await?
                .is_some();
        out.push(PlacedView {
            child: ChildRef {
                id: ChildId(c.id),
                name: c.name.clone(),
            },
            placement_id: opens.then_some(kith_domain::PlacementId(m.id)),
            may_open_child: reads,
            adviser: staff.get(&m.adviser_id).cloned().unwrap_or(StaffRef {
                id: UserId(m.adviser_id),
                name: String::new(),
            }),
        });
    }
    Ok(out)
}
