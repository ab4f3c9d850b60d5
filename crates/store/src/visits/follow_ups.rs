//! The follow-ups agreed at a visit (agreements): stored with it, listed while open on the
//! placement and on their holder's week, closed at a later visit or on their own (done or
//! dropped).

use kith_domain::AgreementState;

use super::*;

fn open() -> sea_orm::sea_query::SimpleExpr {
    visit_follow_up::Column::State.eq(AgreementState::Open.as_str())
}

/// An agreed follow-up to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFollowUp {
    pub what: String,
    pub owner: String,
    /// The person in Kith who holds it (the adviser or the consultant), if any.
    pub holder_id: Option<i64>,
    pub due_on: NaiveDate,
}

/// Stores the follow-ups agreed at a visit.
pub async fn add_follow_ups<C: ConnectionTrait>(
    conn: &C,
    visit_id: i64,
    placement_id: i64,
    items: &[NewFollowUp],
    now: DateTime<Utc>,
) -> Result<()> {
    for f in items {
        visit_follow_up::ActiveModel {
            visit_id: Set(visit_id),
            placement_id: Set(placement_id),
            what: Set(f.what.clone()),
            owner: Set(f.owner.clone()),
            due_on: Set(f.due_on),
            done_on: Set(None),
            closed_at_visit_id: Set(None),
            created_at: Set(now),
            state: Set(AgreementState::Open.into()),
            holder_id: Set(f.holder_id),
            closing_note: Set(None),
            closed_by: Set(None),
            closed_at: Set(None),
            ..Default::default()
        }
        .insert(conn)
        .await?;
    }
    Ok(())
}

/// Open follow-ups of a placement (shown again at the next visit), by due date.
pub async fn open_follow_ups<C: ConnectionTrait>(
    conn: &C,
    placement_id: i64,
) -> Result<Vec<visit_follow_up::Model>> {
    Ok(visit_follow_up::Entity::find()
        .filter(visit_follow_up::Column::PlacementId.eq(placement_id))
        .filter(open())
        .order_by_asc(visit_follow_up::Column::DueOn)
        .order_by_asc(visit_follow_up::Column::Id)
        .all(conn)
        .await?)
}

/// Per placement of the given ones, its open agreements and how many of them are past their
/// due date on `today`; placements without an open agreement are left out.
pub async fn open_agreements_of<C: ConnectionTrait>(
    conn: &C,
    placement_ids: &[i64],
    today: NaiveDate,
) -> Result<std::collections::HashMap<i64, (usize, usize)>> {
    let mut out = std::collections::HashMap::new();
    if placement_ids.is_empty() {
        return Ok(out);
    }
    let rows = visit_follow_up::Entity::find()
        .filter(visit_follow_up::Column::PlacementId.is_in(placement_ids.iter().copied()))
        .filter(open())
        .all(conn)
        .await?;
    for row in rows {
        let counts: &mut (usize, usize) = out.entry(row.placement_id).or_default();
        counts.0 += 1;
        if row.due_on < today {
            counts.1 += 1;
        }
    }
    Ok(out)
}

/// Follow-ups agreed at the given visits.
pub async fn follow_ups_of_visits<C: ConnectionTrait>(
    conn: &C,
    visit_ids: &[i64],
) -> Result<Vec<visit_follow_up::Model>> {
    if visit_ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(visit_follow_up::Entity::find()
        .filter(visit_follow_up::Column::VisitId.is_in(visit_ids.iter().copied()))
        .order_by_asc(visit_follow_up::Column::DueOn)
        .order_by_asc(visit_follow_up::Column::Id)
        .all(conn)
        .await?)
}

/// Closes follow-ups of a placement as done at a visit; returns how many were open.
pub async fn close_follow_ups<C: ConnectionTrait>(
    conn: &C,
    placement_id: i64,
    ids: &[i64],
    at_visit: i64,
    done_on: NaiveDate,
) -> Result<usize> {
    if ids.is_empty() {
        return Ok(0);
    }
    let res = visit_follow_up::Entity::update_many()
        .col_expr(visit_follow_up::Column::DoneOn, Expr::value(done_on))
        .col_expr(
            visit_follow_up::Column::ClosedAtVisitId,
            Expr::value(at_visit),
        )
        .col_expr(
            visit_follow_up::Column::State,
            Expr::value(AgreementState::Done.as_str()),
        )
        .filter(visit_follow_up::Column::PlacementId.eq(placement_id))
        .filter(visit_follow_up::Column::Id.is_in(ids.iter().copied()))
        .filter(open())
        .exec(conn)
        .await?;
    Ok(res.rows_affected as usize)
}

/// The last held item of a placement (where the demo makes its agreements).
pub async fn last_held_visit<C: ConnectionTrait>(
    conn: &C,
    placement_id: i64,
) -> Result<Option<i64>> {
    use sea_orm::QuerySelect;
    Ok(visit::Entity::find()
        .select_only()
        .column(visit::Column::Id)
        .filter(visit::Column::PlacementId.eq(placement_id))
        .filter(visit::Column::Status.eq(VisitStatus::Held.as_str()))
        .filter(visit::Column::Kind.ne(VisitKind::PlanReview.as_str()))
        .order_by_desc(visit::Column::HeldOn)
        .order_by_desc(visit::Column::Id)
        .into_tuple::<i64>()
        .one(conn)
        .await?)
}

/// One agreement.
pub async fn follow_up<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Option<visit_follow_up::Model>> {
    Ok(visit_follow_up::Entity::find_by_id(id).one(conn).await?)
}

/// How an agreement was closed on its own (not at a visit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closing {
    /// `Done` or `Dropped`.
    pub state: AgreementState,
    /// How it was done, or why it was dropped.
    pub note: Option<String>,
    pub by: i64,
    /// The day it was done (for a done agreement).
    pub on: NaiveDate,
}

/// Closes an open agreement; `false` when it was no longer open (closed by someone else).
pub async fn close_agreement<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    closing: &Closing,
    now: DateTime<Utc>,
) -> Result<bool> {
    let done_on = (closing.state == AgreementState::Done).then_some(closing.on);
    let res = visit_follow_up::Entity::update_many()
        .col_expr(
            visit_follow_up::Column::State,
            Expr::value(closing.state.as_str()),
        )
        .col_expr(visit_follow_up::Column::DoneOn, Expr::value(done_on))
        .col_expr(
            visit_follow_up::Column::ClosingNote,
            Expr::value(closing.note.clone()),
        )
        .col_expr(visit_follow_up::Column::ClosedBy, Expr::value(closing.by))
        .col_expr(visit_follow_up::Column::ClosedAt, Expr::value(now))
        .filter(visit_follow_up::Column::Id.eq(id))
        .filter(open())
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// The open agreements a person holds, due on or before `until` (all when `None`), the
/// earliest due first.
pub async fn open_of_holder<C: ConnectionTrait>(
    conn: &C,
    holder: i64,
    until: Option<NaiveDate>,
) -> Result<Vec<visit_follow_up::Model>> {
    let mut q = visit_follow_up::Entity::find()
        .filter(visit_follow_up::Column::HolderId.eq(holder))
        .filter(open());
    if let Some(u) = until {
        q = q.filter(visit_follow_up::Column::DueOn.lte(u));
    }
    Ok(q.order_by_asc(visit_follow_up::Column::DueOn)
        .order_by_asc(visit_follow_up::Column::Id)
        .all(conn)
        .await?)
}

/// The people holding open agreements due on or before `until`.
pub async fn holders_with_open_until<C: ConnectionTrait>(
    conn: &C,
    until: NaiveDate,
) -> Result<Vec<i64>> {
    use sea_orm::QuerySelect;
    let mut ids: Vec<i64> = visit_follow_up::Entity::find()
        .select_only()
        .column(visit_follow_up::Column::HolderId)
        .filter(visit_follow_up::Column::HolderId.is_not_null())
        .filter(open())
        .filter(visit_follow_up::Column::DueOn.lte(until))
        .distinct()
        .into_tuple::<Option<i64>>()
        .all(conn)
        .await?
        .into_iter()
        .flatten()
        .collect();
    ids.sort_unstable();
    Ok(ids)
}
