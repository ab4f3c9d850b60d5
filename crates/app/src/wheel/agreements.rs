//! Agreements as tasks: what was agreed at a visit reaches the person who holds it (on their
//! week and in their morning digest), and is marked done or dropped there or on the
//! placement, not only at the next visit.

use chrono::NaiveDate;
use kith_domain::agreement::{check_close, is_overdue};
use kith_domain::{AgreementState, ChildId, FollowUpId, PlacementId};
use serde::{Deserialize, Serialize};

use super::views::{FollowUpView, PlacementRef, follow_up_view, placement_refs};
use crate::audit::{self, AuditAction, ChildData};
use crate::validate::Problems;
use crate::validate::trimmed;
use crate::{Actor, App, AppError, Result};

/// The longest note on closing an agreement.
const MAX_NOTE: usize = 2000;
/// The longest agreement ("what was agreed").
const MAX_WHAT: usize = 500;

/// An agreement with the placement it belongs to, as a holder's list shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AgreementItem {
    pub agreement: FollowUpView,
    pub placement: PlacementRef,
    /// Open and past its due date.
    pub overdue: bool,
}

impl ChildData for AgreementItem {
    fn child_ids(&self) -> Vec<ChildId> {
        vec![self.placement.child_id]
    }
}

/// Marking an agreement done or dropped (`POST /api/v1/agreements/{id}/close`).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseAgreementInput {
    /// `done` or `dropped`.
    pub state: AgreementState,
    /// How it was done (optional), or why it was dropped (required).
    pub note: Option<String>,
}

/// The problems with the agreements made at a visit or a plan review held on `held_on`, all
/// at once: each says what was agreed, whose it is (chosen, never defaulted) and by when, no
/// earlier than the meeting.
pub(crate) fn check_new(
    p: &mut Problems,
    agreed: &[super::visits::FollowUpInput],
    held_on: NaiveDate,
) {
    for (i, f) in agreed.iter().enumerate() {
        let what = format!("follow_ups[{i}].what");
        p.required_because(&what, &f.what, MAX_WHAT, "problem.what_agreed");
        if f.owner.is_none() {
            p.add(format!("follow_ups[{i}].owner"), "problem.agreement_owner");
        }
        match f.due_on {
            None => p.add(format!("follow_ups[{i}].due_on"), "problem.agreement_due"),
            Some(d) if d < held_on => {
                p.add(format!("follow_ups[{i}].due_on"), "problem.before_visit");
            }
            Some(_) => {}
        }
    }
}

/// The rows to store for agreements made on `placement`: the adviser's, the consultant's and
/// the leader's are held by the named person (the domain's [`kith_domain::agreement::holder`]).
pub(crate) async fn new_rows<C: kith_store::ConnectionTrait>(
    conn: &C,
    agreed: Vec<super::visits::FollowUpInput>,
    placement: &kith_store::entities::placement::Model,
) -> Result<Vec<kith_store::visits::NewFollowUp>> {
    let leader = if agreed
        .iter()
        .any(|f| f.owner == Some(kith_domain::Party::Leader))
    {
        team_leader(conn, placement.adviser_id).await?
    } else {
        None
    };
    let people = kith_domain::agreement::Holders {
        adviser: kith_domain::UserId(placement.adviser_id),
        consultant: placement.consultant_id.map(kith_domain::UserId),
        leader: leader.map(kith_domain::UserId),
    };
    Ok(agreed
        .into_iter()
        .filter_map(|f| {
            // Checked before: every agreement has its owner and its day.
            let (owner, due_on) = (f.owner?, f.due_on?);
            Some(kith_store::visits::NewFollowUp {
                what: f.what.trim().to_owned(),
                owner: owner.as_str().to_owned(),
                holder_id: kith_domain::agreement::holder(owner, people).map(|u| u.0),
                due_on,
            })
        })
        .collect())
}

/// The team leader of `adviser` (the first leader of the adviser's units, by id), if any.
async fn team_leader<C: kith_store::ConnectionTrait>(
    conn: &C,
    adviser: i64,
) -> Result<Option<i64>> {
    let units = kith_store::users::get(conn, adviser)
        .await?
        .map(|u| u.unit_ids)
        .unwrap_or_default();
    let mut leaders =
        kith_store::users::in_units_with_role(conn, &units, kith_domain::Role::Leader).await?;
    leaders.sort_unstable();
    Ok(leaders.first().copied())
}

/// The open agreements `holder` holds, the earliest due first, with their placements. The
/// caller reads them under its own audit (the week does).
pub(crate) async fn open_held_by(
    app: &App,
    holder: i64,
    today: NaiveDate,
) -> Result<Vec<AgreementItem>> {
    let conn = app.db().conn();
    let rows = kith_store::visits::open_of_holder(conn, holder, None).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.placement_id).collect();
    let refs = placement_refs(conn, &ids).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let placement = refs.get(&r.placement_id)?.clone();
            let overdue = is_overdue(r.state.0, r.due_on, today);
            Some(AgreementItem {
                agreement: follow_up_view(r),
                placement,
                overdue,
            })
        })
        .collect())
}

/// Marks an open agreement done or dropped. Whoever follows the placement up may (its
/// adviser, its consultant, their leader); a dropped agreement says why. Audited on the child.
pub async fn close(
    app: &App,
    actor: &Actor,
    id: FollowUpId,
    input: CloseAgreementInput,
) -> Result<FollowUpView> {
    let conn = app.db().conn();
    let scope = crate::policy::follow_up_child_scope(actor);
    crate::policy::require_some(&scope, "agreements")?;
    let row = kith_store::visits::follow_up(conn, id.0)
        .await?
        .ok_or(AppError::NotFound("agreement"))?;
    let placement = crate::placements::visible(app, actor, PlacementId(row.placement_id))
        .await
        .map_err(|e| match e {
            AppError::NotFound(_) => AppError::NotFound("agreement"),
            other => other,
        })?;
    if row.state.0 != AgreementState::Open {
        // Closed already (perhaps by someone else a moment ago): a conflict, not a typo.
        return Err(AppError::conflict("state", "problem.agreement_closed"));
    }
    let note = input.note.as_deref().unwrap_or_default();
    let mut p = Problems::default();
    for (field, problem) in check_close(row.state.0, input.state, note) {
        p.add(field, problem);
    }
    p.at_most_chars("note", note, MAX_NOTE);
    p.into_result()?;
    let closing = kith_store::visits::Closing {
        state: input.state,
        note: trimmed(input.note),
        by: actor.id.0,
        on: app.today(),
    };
    let tx = app.db().begin_write().await?;
    if !kith_store::visits::close_agreement(&tx, id.0, &closing, app.now()).await? {
        return Err(AppError::conflict("state", "problem.agreement_closed"));
    }
    audit::by(app, actor)
        .changed(
            &tx,
            AuditAction::AgreementClose,
            ChildId(placement.child_id),
            ("agreement", id.0),
        )
        .await?;
    tx.commit().await?;
    let row = kith_store::visits::follow_up(conn, id.0)
        .await?
        .ok_or(AppError::NotFound("agreement"))?;
    Ok(follow_up_view(row))
}
