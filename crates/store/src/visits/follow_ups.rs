//! The follow-ups agreed at a visit: stored with it, listed while open, closed at a later
//! visit.

use super::*;

/// An agreed follow-up to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFollowUp {
    pub what: String,
    pub owner: String,
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
        .filter(visit_follow_up::Column::DoneOn.is_null())
        .order_by_asc(visit_follow_up::Column::DueOn)
        .order_by_asc(visit_follow_up::Column::Id)
        .all(conn)
        .await?)
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
        .filter(visit_follow_up::Column::PlacementId.eq(placement_id))
        .filter(visit_follow_up::Column::Id.is_in(ids.iter().copied()))
        .filter(visit_follow_up::Column::DoneOn.is_null())
        .exec(conn)
        .await?;
    Ok(res.rows_affected as usize)
}
