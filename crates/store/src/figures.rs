//! Lean reads for the momentum dashboard: only the columns a figure needs, never case text.

use std::collections::HashMap;

use chrono::NaiveDate;
use kith_domain::wheel::VisitStatus;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::Result;
use crate::entities::{child, stay_extension, unit_member, visit};

/// A held visit or review as the dashboard counts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldItem {
    pub placement_id: i64,
    pub kind: String,
    pub held_on: NaiveDate,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub child_seen_alone: Option<bool>,
}

/// Items held between two days (both included).
pub async fn held_between<C: ConnectionTrait>(
    conn: &C,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<HeldItem>> {
    #[allow(clippy::type_complexity)]
    let rows: Vec<(
        i64,
        String,
        Option<NaiveDate>,
        NaiveDate,
        NaiveDate,
        Option<bool>,
    )> = visit::Entity::find()
        .select_only()
        .column(visit::Column::PlacementId)
        .column(visit::Column::Kind)
        .column(visit::Column::HeldOn)
        .column(visit::Column::OpensOn)
        .column(visit::Column::ClosesOn)
        .column(visit::Column::ChildSeenAlone)
        .filter(visit::Column::Status.eq(VisitStatus::Held.as_str()))
        .filter(visit::Column::HeldOn.gte(from))
        .filter(visit::Column::HeldOn.lte(to))
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(
            |(placement_id, kind, held_on, opens_on, closes_on, alone)| {
                Some(HeldItem {
                    placement_id,
                    kind,
                    held_on: held_on?,
                    opens_on,
                    closes_on,
                    child_seen_alone: alone,
                })
            },
        )
        .collect())
}

/// Planned items whose window closed before `today`, as (placement, kind).
pub async fn overdue<C: ConnectionTrait>(conn: &C, today: NaiveDate) -> Result<Vec<(i64, String)>> {
    Ok(visit::Entity::find()
        .select_only()
        .column(visit::Column::PlacementId)
        .column(visit::Column::Kind)
        .filter(visit::Column::Status.eq(VisitStatus::Planned.as_str()))
        .filter(visit::Column::ClosesOn.lt(today))
        .into_tuple()
        .all(conn)
        .await?)
}

/// The members of a unit.
pub async fn unit_members<C: ConnectionTrait>(conn: &C, unit_id: i64) -> Result<Vec<i64>> {
    Ok(unit_member::Entity::find()
        .select_only()
        .column(unit_member::Column::UserId)
        .filter(unit_member::Column::UnitId.eq(unit_id))
        .into_tuple()
        .all(conn)
        .await?)
}

/// The planned end each extended stay first had (before its first extension).
pub async fn first_planned_ends<C: ConnectionTrait>(conn: &C) -> Result<HashMap<i64, NaiveDate>> {
    let rows: Vec<(i64, i64, NaiveDate)> = stay_extension::Entity::find()
        .select_only()
        .column(stay_extension::Column::Id)
        .column(stay_extension::Column::PlacementId)
        .column(stay_extension::Column::PreviousEnd)
        .into_tuple()
        .all(conn)
        .await?;
    let mut first: HashMap<i64, (i64, NaiveDate)> = HashMap::new();
    for (id, placement, end) in rows {
        let e = first.entry(placement).or_insert((id, end));
        if id < e.0 {
            *e = (id, end);
        }
    }
    Ok(first.into_iter().map(|(p, (_, d))| (p, d)).collect())
}

/// The day each child's placement was requested, for the given children.
pub async fn requested_on<C: ConnectionTrait>(
    conn: &C,
    child_ids: &[i64],
) -> Result<HashMap<i64, NaiveDate>> {
    let mut out = HashMap::new();
    for chunk in child_ids.chunks(crate::IN_LIST_CHUNK) {
        let rows: Vec<(i64, Option<NaiveDate>)> = child::Entity::find()
            .select_only()
            .column(child::Column::Id)
            .column(child::Column::PlacementRequestedOn)
            .filter(child::Column::Id.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(conn)
            .await?;
        out.extend(rows.into_iter().filter_map(|(c, d)| d.map(|d| (c, d))));
    }
    Ok(out)
}
