//! Proposals and the children they are for.

use chrono::{DateTime, NaiveDate, Utc};
use kith_domain::{ExitGoal, ProposalEvent, ProposalStatus};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

use crate::Stored;
use crate::entities::{proposal, proposal_child};
use crate::{Page, PageRequest, Result};

/// A new proposal's fields.
#[derive(Debug, Clone)]
pub struct NewProposal {
    pub status: ProposalStatus,
    pub option_id: i64,
    pub children: Vec<i64>,
    pub start_date: NaiveDate,
    pub planned_end_date: Option<NaiveDate>,
    pub exit_goal: Option<ExitGoal>,
    pub together: bool,
    pub rationale: String,
    pub score: f64,
    pub chosen: String,
    pub recommendation: String,
    pub alternatives: String,
    pub proposer_id: i64,
}

/// Inserts a proposal with its children; returns its id.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    p: &NewProposal,
    now: DateTime<Utc>,
) -> Result<i64> {
    let submitted = (p.status == ProposalStatus::Submitted).then_some(now);
    let m = proposal::ActiveModel {
        status: Set(p.status.into()),
        option_id: Set(p.option_id),
        start_date: Set(p.start_date),
        planned_end_date: Set(p.planned_end_date),
        exit_goal: Set(p.exit_goal.map(Stored)),
        together: Set(p.together),
        rationale: Set(p.rationale.clone()),
        score: Set(p.score),
        chosen: Set(p.chosen.clone()),
        recommendation: Set(p.recommendation.clone()),
        alternatives: Set(p.alternatives.clone()),
        proposer_id: Set(p.proposer_id),
        submitted_at: Set(submitted),
        decided_by: Set(None),
        decided_at: Set(None),
        decision_reason: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    proposal_child::Entity::insert_many(p.children.iter().map(|c| proposal_child::ActiveModel {
        proposal_id: Set(m.id),
        child_id: Set(*c),
    }))
    .exec_without_returning(conn)
    .await?;
    Ok(m.id)
}

/// A proposal and its child ids.
pub async fn get<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Option<(proposal::Model, Vec<i64>)>> {
    let Some(p) = proposal::Entity::find_by_id(id).one(conn).await? else {
        return Ok(None);
    };
    let children = children_of(conn, &[id])
        .await?
        .into_iter()
        .map(|(_, c)| c)
        .collect();
    Ok(Some((p, children)))
}

/// (proposal id, child id) pairs for the given proposals.
pub async fn children_of<C: ConnectionTrait>(conn: &C, ids: &[i64]) -> Result<Vec<(i64, i64)>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(proposal_child::Entity::find()
        .filter(proposal_child::Column::ProposalId.is_in(ids.iter().copied()))
        .order_by_asc(proposal_child::Column::ChildId)
        .all(conn)
        .await?
        .into_iter()
        .map(|pc| (pc.proposal_id, pc.child_id))
        .collect())
}

/// Filters for the proposals list.
#[derive(Debug, Clone, Default)]
pub struct ProposalFilter {
    pub status: Option<String>,
    pub child_id: Option<i64>,
    /// Only proposals for children inside this scope, or made or decided by this user.
    pub scope: Option<(crate::scope::ChildScope, i64)>,
    /// The list's order.
    pub order: ProposalOrder,
}

/// The orders of the proposals list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ProposalOrder {
    /// The newest first (the default: what the match unit just made).
    #[default]
    Newest,
    /// The oldest first: the proposals that have waited longest for a decision.
    Oldest,
    /// The earliest planned start first: the decisions that are most pressing.
    SoonestStart,
}

/// A page of proposals in the filter's order, continuing after the last one seen.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    filter: &ProposalFilter,
    page: PageRequest,
) -> Result<Page<proposal::Model>> {
    let mut q = proposal::Entity::find();
    if let Some(s) = &filter.status {
        q = q.filter(proposal::Column::Status.eq(s.clone()));
    }
    let child_ids = |ids: Vec<i64>| {
        sea_orm::sea_query::Query::select()
            .column(proposal_child::Column::ProposalId)
            .from(proposal_child::Entity)
            .and_where(proposal_child::Column::ChildId.is_in(ids))
            .take()
    };
    if let Some(c) = filter.child_id {
        q = q.filter(proposal::Column::Id.in_subquery(child_ids(vec![c])));
    }
    if let Some((scope, user)) = &filter.scope {
        use crate::entities::child;
        let readable = sea_orm::sea_query::Query::select()
            .column(child::Column::Id)
            .from(child::Entity)
            .cond_where(scope.condition())
            .take();
        let ids = sea_orm::sea_query::Query::select()
            .column(proposal_child::Column::ProposalId)
            .from(proposal_child::Entity)
            .and_where(proposal_child::Column::ChildId.in_subquery(readable))
            .take();
        q = q.filter(
            Condition::any()
                .add(proposal::Column::Id.in_subquery(ids))
                .add(proposal::Column::ProposerId.eq(*user))
                .add(proposal::Column::DecidedBy.eq(*user)),
        );
    }
    let (id, start) = (proposal::Column::Id, proposal::Column::StartDate);
    match filter.order {
        ProposalOrder::Newest => newest_first(conn, q, page).await,
        ProposalOrder::Oldest => {
            crate::paging::by_key_then_id::<_, _, i64>(conn, q, id, id, page, |r| {
                crate::Position::new(r.id, r.id)
            })
            .await
        }
        ProposalOrder::SoonestStart => {
            crate::paging::by_key_then_id::<_, _, NaiveDate>(conn, q, start, id, page, |r| {
                crate::Position::new(r.start_date, r.id)
            })
            .await
        }
    }
}

/// A page of proposals, newest first, continuing below the last id seen.
async fn newest_first<C: ConnectionTrait>(
    conn: &C,
    mut q: sea_orm::Select<proposal::Entity>,
    page: PageRequest,
) -> Result<Page<proposal::Model>> {
    if let Some(after) = &page.after {
        q = q.filter(proposal::Column::Id.lt(after.id));
    }
    let rows = q
        .order_by_desc(proposal::Column::Id)
        .limit(page.limit + 1)
        .all(conn)
        .await?;
    Ok(Page::cut(rows, page.limit, |r| {
        crate::Position::new(r.id, r.id)
    }))
}

/// An event in a proposal's life as it is written down: who decided, why, and the stay's
/// plan as approved.
#[derive(Debug, Clone, Copy)]
pub struct Transition<'a> {
    pub event: ProposalEvent,
    pub decided_by: Option<i64>,
    pub reason: Option<&'a str>,
    pub planned_end: Option<(Option<NaiveDate>, Option<ExitGoal>)>,
}

impl Transition<'_> {
    /// The event with nothing more to record (a submission, a withdrawal).
    pub fn of(event: ProposalEvent) -> Self {
        Self {
            event,
            decided_by: None,
            reason: None,
            planned_end: None,
        }
    }
}

/// Persists `t`: the proposal moves to the state its event leads to, guarded by the states the
/// domain lets it happen in; false if it was in none of them (someone else got there first).
pub async fn transition<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    t: Transition<'_>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let to = t.event.leads_to();
    let (decided_by, reason, planned_end) = (t.decided_by, t.reason, t.planned_end);
    let mut q = proposal::Entity::update_many()
        .col_expr(proposal::Column::Status, Expr::value(to.as_str()))
        .col_expr(proposal::Column::UpdatedAt, Expr::value(now));
    if to == ProposalStatus::Submitted {
        q = q.col_expr(proposal::Column::SubmittedAt, Expr::value(now));
    }
    if let Some(by) = decided_by {
        q = q
            .col_expr(proposal::Column::DecidedBy, Expr::value(by))
            .col_expr(proposal::Column::DecidedAt, Expr::value(now));
    }
    if let Some(r) = reason {
        q = q.col_expr(proposal::Column::DecisionReason, Expr::value(r));
    }
    if let Some((end, goal)) = planned_end {
        q = q
            .col_expr(proposal::Column::PlannedEndDate, Expr::value(end))
            .col_expr(
                proposal::Column::ExitGoal,
                Expr::value(goal.map(|g| g.as_str().to_owned())),
            );
    }
    let res =
        q.filter(proposal::Column::Id.eq(id))
            .filter(Condition::any().add(
                proposal::Column::Status.is_in(t.event.happens_in().iter().map(|s| s.as_str())),
            ))
            .exec(conn)
            .await?;
    Ok(res.rows_affected == 1)
}

/// Whether any of the children has an open (draft or submitted) proposal.
pub async fn open_for_children<C: ConnectionTrait>(conn: &C, child_ids: &[i64]) -> Result<bool> {
    use sea_orm::PaginatorTrait;
    let ids = sea_orm::sea_query::Query::select()
        .column(proposal_child::Column::ProposalId)
        .from(proposal_child::Entity)
        .and_where(proposal_child::Column::ChildId.is_in(child_ids.iter().copied()))
        .take();
    Ok(proposal::Entity::find()
        .filter(proposal::Column::Id.in_subquery(ids))
        .filter(proposal::Column::Status.is_in(["draft", "submitted"]))
        .count(conn)
        .await?
        > 0)
}

/// The proposals with these ids.
pub async fn get_many<C: ConnectionTrait>(conn: &C, ids: &[i64]) -> Result<Vec<proposal::Model>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(proposal::Entity::find()
        .filter(proposal::Column::Id.is_in(ids.iter().copied()))
        .all(conn)
        .await?)
}
