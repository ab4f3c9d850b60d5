//! Who follows a placement up: changes of consultant and adviser, logged (continuity is a
//! dashboard figure).

use super::*;

/// Sets a placement's consultant and logs the change (continuity is a dashboard figure).
pub async fn change_consultant<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    from: Option<i64>,
    to: Option<i64>,
    on: NaiveDate,
    by: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    use crate::entities::placement_consultant_change;
    use sea_orm::sea_query::Expr;
    let consultant = (placement::Column::ConsultantId, Expr::value(to));
    hand_over(conn, id, consultant, now).await?;
    placement_consultant_change::ActiveModel {
        placement_id: Set(id),
        from_user_id: Set(from),
        to_user_id: Set(to),
        changed_on: Set(on),
        changed_by: Set(by),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Hands a child's current placements to another case adviser and logs each change.
pub async fn change_adviser_of_child<C: ConnectionTrait>(
    conn: &C,
    child_id: i64,
    to: i64,
    on: NaiveDate,
    by: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    use crate::entities::placement_adviser_change;
    use sea_orm::sea_query::Expr;
    let current = placement::Entity::find()
        .filter(placement::Column::ChildId.eq(child_id))
        .filter(placement::Column::Status.is_in(crate::scope::current_statuses()))
        .filter(placement::Column::AdviserId.ne(to))
        .all(conn)
        .await?;
    for p in current {
        let adviser = (placement::Column::AdviserId, Expr::value(to));
        hand_over(conn, p.id, adviser, now).await?;
        placement_adviser_change::ActiveModel {
            placement_id: Set(p.id),
            from_user_id: Set(p.adviser_id),
            to_user_id: Set(to),
            changed_on: Set(on),
            changed_by: Set(by),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(conn)
        .await?;
    }
    Ok(())
}

/// Every consultant change and adviser change as (placement, day), for the continuity figure.
pub async fn worker_changes<C: ConnectionTrait>(
    conn: &C,
) -> Result<(Vec<(i64, NaiveDate)>, Vec<(i64, NaiveDate)>)> {
    use crate::entities::{placement_adviser_change as pac, placement_consultant_change as pcc};
    use sea_orm::QuerySelect;
    let consultants = pcc::Entity::find()
        .select_only()
        .column(pcc::Column::PlacementId)
        .column(pcc::Column::ChangedOn)
        .into_tuple()
        .all(conn)
        .await?;
    let advisers = pac::Entity::find()
        .select_only()
        .column(pac::Column::PlacementId)
        .column(pac::Column::ChangedOn)
        .into_tuple()
        .all(conn)
        .await?;
    Ok((consultants, advisers))
}

/// How many times the consultant of each of the given placements has changed (placements
/// with no change are left out).
pub async fn consultant_change_counts<C: ConnectionTrait>(
    conn: &C,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, usize>> {
    use crate::entities::placement_consultant_change as pcc;
    let mut out = std::collections::HashMap::new();
    for chunk in ids.chunks(crate::IN_LIST_CHUNK) {
        let rows: Vec<(i64, i64)> = pcc::Entity::find()
            .select_only()
            .column(pcc::Column::PlacementId)
            .column_as(pcc::Column::Id.count(), "changes")
            .filter(pcc::Column::PlacementId.is_in(chunk.iter().copied()))
            .group_by(pcc::Column::PlacementId)
            .into_tuple()
            .all(conn)
            .await?;
        out.extend(
            rows.into_iter()
                .map(|(id, n)| (id, usize::try_from(n).unwrap_or(usize::MAX))),
        );
    }
    Ok(out)
}

/// Sets who follows placement `id` up: the column (consultant or adviser) and the person.
async fn hand_over<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    (column, person): (placement::Column, sea_orm::sea_query::SimpleExpr),
    now: DateTime<Utc>,
) -> Result<()> {
    use sea_orm::sea_query::Expr;
    placement::Entity::update_many()
        .col_expr(column, person)
        .col_expr(placement::Column::UpdatedAt, Expr::value(now))
        .filter(placement::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// The latest hand-over away from `user` of a placement of `child` (as its case adviser or
/// its consultant): the day and to whom.
pub async fn last_handed_over_from<C: ConnectionTrait>(
    conn: &C,
    child: i64,
    user: i64,
) -> Result<Option<(NaiveDate, Option<i64>)>> {
    use crate::entities::{
        placement_adviser_change as adviser, placement_consultant_change as consultant,
    };
    let ids: Vec<i64> = placement::Entity::find()
        .filter(placement::Column::ChildId.eq(child))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    if ids.is_empty() {
        return Ok(None);
    }
    let a = adviser::Entity::find()
        .filter(adviser::Column::PlacementId.is_in(ids.iter().copied()))
        .filter(adviser::Column::FromUserId.eq(user))
        .order_by_desc(adviser::Column::ChangedOn)
        .one(conn)
        .await?
        .map(|c| (c.changed_on, Some(c.to_user_id)));
    let c = consultant::Entity::find()
        .filter(consultant::Column::PlacementId.is_in(ids))
        .filter(consultant::Column::FromUserId.eq(user))
        .order_by_desc(consultant::Column::ChangedOn)
        .one(conn)
        .await?
        .map(|c| (c.changed_on, c.to_user_id));
    Ok(a.into_iter().chain(c).max_by_key(|(on, _)| *on))
}
