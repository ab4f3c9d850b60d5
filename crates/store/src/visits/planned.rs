//! What the planner reads of the wheel: the open items of placements and people, and the
//! last visit of each kind held.

use super::*;

/// A planned item as the planner reads it: only the columns it needs, so re-planning a
/// national wheel streams a tenth of the data.
#[derive(Debug, Clone, PartialEq, Eq, sea_orm::FromQueryResult)]
pub struct PlannedRow {
    pub id: i64,
    pub placement_id: i64,
    pub kind: Stored<VisitKind>,
    pub due_on: NaiveDate,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub planned_on: NaiveDate,
    pub assignee_id: i64,
    pub pinned: bool,
    pub flag: Option<Stored<PlanFlag>>,
}

fn planned_columns() -> sea_orm::Select<visit::Entity> {
    use visit::Column as C;
    visit::Entity::find()
        .select_only()
        .columns([
            C::Id,
            C::PlacementId,
            C::Kind,
            C::DueOn,
            C::OpensOn,
            C::ClosesOn,
            C::PlannedOn,
            C::AssigneeId,
            C::Pinned,
            C::Flag,
        ])
        .filter(C::Status.eq(VisitStatus::Planned.as_str()))
}

/// Planned items of the given placements (all placements when `None`), for the planner.
pub async fn planned_of_placements<C: ConnectionTrait>(
    conn: &C,
    placement_ids: Option<&[i64]>,
) -> Result<Vec<PlannedRow>> {
    let mut q = planned_columns();
    if let Some(ids) = placement_ids {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        q = q.filter(visit::Column::PlacementId.is_in(ids.iter().copied()));
    }
    Ok(q.into_model::<PlannedRow>().all(conn).await?)
}

/// Planned items of the given people on or after `from` (their load), for the planner.
pub async fn planned_of_assignees<C: ConnectionTrait>(
    conn: &C,
    assignees: &[i64],
    from: NaiveDate,
) -> Result<Vec<PlannedRow>> {
    if assignees.is_empty() {
        return Ok(vec![]);
    }
    Ok(planned_columns()
        .filter(visit::Column::AssigneeId.is_in(assignees.iter().copied()))
        .filter(visit::Column::PlannedOn.gte(from))
        .into_model::<PlannedRow>()
        .all(conn)
        .await?)
}

/// Planned items of the given placements (all placements when `None`).
pub async fn open_of_placements<C: ConnectionTrait>(
    conn: &C,
    placement_ids: Option<&[i64]>,
) -> Result<Vec<visit::Model>> {
    let mut q =
        visit::Entity::find().filter(visit::Column::Status.eq(VisitStatus::Planned.as_str()));
    if let Some(ids) = placement_ids {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        q = q.filter(visit::Column::PlacementId.is_in(ids.iter().copied()));
    }
    Ok(q.all(conn).await?)
}

/// The due date of each placement's oldest plan review not yet held.
pub async fn next_review_due<C: ConnectionTrait>(
    conn: &C,
    placement_ids: &[i64],
) -> Result<std::collections::HashMap<i64, NaiveDate>> {
    use sea_orm::QuerySelect;
    let mut out = std::collections::HashMap::new();
    for chunk in placement_ids.chunks(crate::IN_LIST_CHUNK) {
        let rows: Vec<(i64, Option<NaiveDate>)> = visit::Entity::find()
            .select_only()
            .column(visit::Column::PlacementId)
            .column_as(visit::Column::DueOn.min(), "due")
            .filter(visit::Column::Status.eq(VisitStatus::Planned.as_str()))
            .filter(visit::Column::Kind.eq(kith_domain::wheel::VisitKind::PlanReview.as_str()))
            .filter(visit::Column::PlacementId.is_in(chunk.iter().copied()))
            .group_by(visit::Column::PlacementId)
            .into_tuple()
            .all(conn)
            .await?;
        out.extend(rows.into_iter().filter_map(|(p, d)| d.map(|d| (p, d))));
    }
    Ok(out)
}

/// Planned items of the given people on or after `from` (their load, for capacity).
pub async fn open_of_assignees<C: ConnectionTrait>(
    conn: &C,
    assignees: &[i64],
    from: NaiveDate,
) -> Result<Vec<visit::Model>> {
    if assignees.is_empty() {
        return Ok(vec![]);
    }
    Ok(visit::Entity::find()
        .filter(visit::Column::Status.eq(VisitStatus::Planned.as_str()))
        .filter(visit::Column::AssigneeId.is_in(assignees.iter().copied()))
        .filter(visit::Column::PlannedOn.gte(from))
        .all(conn)
        .await?)
}

/// The day the last item of each kind was held, per placement (all placements when `None`).
pub async fn last_held<C: ConnectionTrait>(
    conn: &C,
    placement_ids: Option<&[i64]>,
) -> Result<Vec<(i64, VisitKind, NaiveDate)>> {
    let mut q = visit::Entity::find()
        .select_only()
        .column(visit::Column::PlacementId)
        .column(visit::Column::Kind)
        .column_as(visit::Column::HeldOn.max(), "last")
        .filter(visit::Column::Status.eq(VisitStatus::Held.as_str()))
        .group_by(visit::Column::PlacementId)
        .group_by(visit::Column::Kind);
    if let Some(ids) = placement_ids {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        q = q.filter(visit::Column::PlacementId.is_in(ids.iter().copied()));
    }
    let rows: Vec<(i64, Stored<VisitKind>, Option<NaiveDate>)> = q.into_tuple().all(conn).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(p, k, d)| d.map(|d| (p, k.0, d)))
        .collect())
}
