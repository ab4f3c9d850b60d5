//! Proposals: made from a match result by the match unit, decided by a leader.
//!
//! A proposal freezes what the match unit saw: the chosen option's score and reasons, the
//! recommendation and the best alternatives, so a decision can be explained later exactly as
//! it was made. Approval books the place: the option is locked for the transaction, its free
//! places are counted again, and the placement is written; two approvals racing for the last
//! place cannot both win. Each step writes an e-mail row for the people to tell, in the same
//! transaction, and an audit row per child.

mod decide;
pub use decide::*;
mod view;
use view::*;

use std::collections::HashMap;

use crate::matching::Recommendation;
use chrono::{DateTime, Months, NaiveDate, Utc};
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
use kith_store::proposals::{NewProposal, ProposalFilter, ProposalOrder};
use kith_store::{ConnectionTrait, StoreError};
use serde::{Deserialize, Serialize};

use crate::audit::{self, AuditAction, ChildData};
use crate::children::ChildRef;
use crate::matching::{RankedView, check_profiles, check_start, profiles, ranked_view};
use crate::paging::{List, Pager};
use crate::staff::{StaffRef, refs};
use crate::validate::{Check, Problems, check};
use crate::{Actor, App, AppError, PageParams, Paged, Result, policy};

/// How many alternatives are frozen with a proposal.
pub const FROZEN_ALTERNATIVES: usize = 10;

/// A new proposal, made from a match result.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewProposalInput {
    pub child_id: ChildId,
    pub option_id: PlacementOptionId,
    pub start_date: NaiveDate,
    /// A short, clear rationale (the family may read it).
    pub rationale: String,
    /// Propose the sibling group as one (default) or this child alone.
    pub together: Option<bool>,
    /// For an institutional option; defaults to the start plus the planned length (a rule).
    pub planned_end_date: Option<NaiveDate>,
    pub exit_goal: Option<ExitGoal>,
    /// Send to a leader at once (default) or keep as a draft.
    pub submit: Option<bool>,
}

/// A leader's approval; the planned end and exit goal of an institutional stay may be set
/// or corrected here.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApproveInput {
    pub planned_end_date: Option<NaiveDate>,
    pub exit_goal: Option<ExitGoal>,
    /// Why a place outside the network is approved while a child's network search is not
    /// completed (required then; kept with the decision).
    #[serde(default)]
    pub approval_reason: Option<String>,
}

/// Where one child's network search stands, for the leader deciding a place outside it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ChildSearch {
    pub child: ChildRef,
    pub state: kith_domain::SearchState,
    pub persons: usize,
    pub asked: usize,
    pub open_steps: usize,
    pub last_asked_on: Option<NaiveDate>,
    /// The rule: a completed search older than this many days is stale.
    pub stale_after_days: i64,
}

/// A leader's rejection, with the reason.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RejectInput {
    pub reason: String,
}

/// Filters for the proposals list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProposalListParams {
    pub status: Option<ProposalStatus>,
    pub child_id: Option<ChildId>,
    /// `newest` (the default), `oldest` (waiting longest) or `start` (the soonest start).
    pub sort: Option<ProposalSort>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// The orders of the proposals list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProposalSort {
    /// The newest first: what the match unit just made.
    Newest,
    /// The oldest first: the leader's queue, the longest waiting decided first.
    Oldest,
    /// The earliest planned start first: the decisions that are most pressing.
    Start,
}

impl ProposalSort {
    /// The list's own cursors and the store's order for this sort.
    fn list_and_order(sort: Option<Self>) -> (List, ProposalOrder) {
        match sort {
            None | Some(Self::Newest) => (List::Proposals, ProposalOrder::Newest),
            Some(Self::Oldest) => (List::ProposalsOldest, ProposalOrder::Oldest),
            Some(Self::Start) => (List::ProposalsByStart, ProposalOrder::SoonestStart),
        }
    }
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
    /// What an approved proposal made, child by child, and where each case went.
    pub placed: Vec<PlacedView>,
    /// For an open proposal of a place outside the network: each child's network search, as
    /// it stands today. Empty for a network family and for a decided proposal.
    pub network_search: Vec<ChildSearch>,
}

/// A placement an approved proposal made, as the reader may follow it: the placement when
/// they may open it, else who now follows the case up (so nobody is led to a page they may
/// not open).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PlacedView {
    pub child: ChildRef,
    /// Set when the reader may open the placement.
    pub placement_id: Option<kith_domain::PlacementId>,
    /// Whether the reader may open the child's case.
    pub may_open_child: bool,
    /// The case adviser who follows the child up now.
    pub adviser: StaffRef,
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
        audit::by(app, actor)
            .changed(conn, action, ChildId(*c), ("proposal", proposal))
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

/// One proposal with everything frozen into it.
pub async fn get(app: &App, actor: &Actor, id: ProposalId) -> Result<ProposalView> {
    let (p, rows) = visible(app, actor, id).await?;
    let v = view(app, actor, p, rows).await?;
    audit::read(app, actor, AuditAction::ProposalRead, v).await
}

/// One proposal the actor may see, for a use case that audits what it makes of it (a
/// document of the decision).
pub(crate) async fn view_unaudited(
    app: &App,
    actor: &Actor,
    id: ProposalId,
) -> Result<ProposalView> {
    let (p, rows) = visible(app, actor, id).await?;
    view(app, actor, p, rows).await
}

/// The proposals the actor may see, newest first or in the order asked for (e.g.
/// `status=submitted&sort=oldest`: the leader's queue, longest waiting first).
pub async fn list(
    app: &App,
    actor: &Actor,
    params: &ProposalListParams,
) -> Result<Paged<ProposalSummary>> {
    let (list, order) = ProposalSort::list_and_order(params.sort);
    let pager = Pager::new(app, actor, list);
    let request = pager.request(&PageParams::new(params.limit, params.cursor.clone()))?;
    let scope = policy::child_read_scope(actor);
    policy::require_some(&scope, "proposals")?;
    let page = kith_store::proposals::list(
        app.db().conn(),
        &ProposalFilter {
            status: params.status.map(|s| s.as_str().to_owned()),
            child_id: params.child_id.map(|c| c.0),
            scope: Some((scope, actor.id.0)),
            order,
        },
        request,
    )
    .await?;
    let summaries = summaries_of(app, &page.items).await?;
    let mut it = summaries.into_iter();
    let paged = pager.page(page, |_| it.next().expect("one summary per row"));
    audit::read(app, actor, AuditAction::ProposalRead, paged).await
}

/// Every proposal the actor may read, as the list shows them (for the export; not audited
/// here: the caller audits what it hands out).
pub(crate) async fn all_summaries(app: &App, actor: &Actor) -> Result<Vec<ProposalSummary>> {
    let scope = policy::child_read_scope(actor);
    policy::require_some(&scope, "proposals")?;
    let filter = ProposalFilter {
        status: None,
        child_id: None,
        scope: Some((scope, actor.id.0)),
        order: ProposalOrder::Newest,
    };
    let request = kith_store::PageRequest::first(100_000);
    let page = kith_store::proposals::list(app.db().conn(), &filter, request).await?;
    summaries_of(app, &page.items).await
}

/// The list's view of proposal rows: their children's, options' and proposers' names read in
/// one statement each.
async fn summaries_of(
    app: &App,
    rows: &[kith_store::entities::proposal::Model],
) -> Result<Vec<ProposalSummary>> {
    let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    let pairs = kith_store::proposals::children_of(app.db().conn(), &ids).await?;
    let children = kith_store::children::get_many(
        app.db().conn(),
        &pairs.iter().map(|(_, c)| *c).collect::<Vec<_>>(),
    )
    .await?;
    let names: HashMap<i64, String> = children.into_iter().map(|c| (c.id, c.name)).collect();
    let options: HashMap<i64, String> = kith_store::options::get_many(
        app.db().conn(),
        &rows.iter().map(|p| p.option_id).collect::<Vec<_>>(),
    )
    .await?
    .into_iter()
    .map(|o| (o.id, o.name))
    .collect();
    let staff = refs(app, &rows.iter().map(|p| p.proposer_id).collect::<Vec<_>>()).await?;
    let mut summaries = Vec::new();
    for p in rows {
        summaries.push(ProposalSummary {
            id: ProposalId(p.id),
            status: p.status.0,
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
    Ok(summaries)
}

impl Check for NewProposalInput {
    fn check(&self, p: &mut Problems) {
        p.required("rationale", &self.rationale, 2000);
    }
}

impl Check for RejectInput {
    fn check(&self, p: &mut Problems) {
        p.required("reason", &self.reason, 2000);
    }
}

/// Where a child's case went for someone who proposed the placement but may no longer open the
/// case: the approved proposal they can still read. Nothing is told that the proposal does not
/// already tell its reader.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CaseMoved {
    pub proposal_id: ProposalId,
    /// The day the placement was decided.
    pub decided_on: Option<NaiveDate>,
    pub start_date: NaiveDate,
}

/// The approved proposal for `child` that the actor may read (made or decided by them, or for
/// a child in their reach), if any: the page a person reaches instead of "not found" when the
/// case left their hands at the approval.
pub async fn case_moved(app: &App, actor: &Actor, child: ChildId) -> Result<Option<CaseMoved>> {
    let scope = policy::child_read_scope(actor);
    let page = kith_store::proposals::list(
        app.db().conn(),
        &ProposalFilter {
            status: Some(ProposalStatus::Approved.as_str().to_owned()),
            child_id: Some(child.0),
            scope: Some((scope, actor.id.0)),
            order: ProposalOrder::Newest,
        },
        kith_store::PageRequest::first(1),
    )
    .await?;
    Ok(page.items.into_iter().next().map(|p| CaseMoved {
        proposal_id: ProposalId(p.id),
        decided_on: p
            .decided_at
            .map(|t| t.with_timezone(&crate::TIME_ZONE).date_naive()),
        start_date: p.start_date,
    }))
}
