//! The records of children's network searches.

use chrono::{DateTime, NaiveDate, Utc};
use kith_domain::NetworkAskOutcome;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::Result;
use crate::entities::network_ask;

/// One record of the search as it is kept.
#[derive(Debug, Clone)]
pub struct NewAsk<'a> {
    pub child_id: i64,
    pub network_person_id: i64,
    pub asked_on: NaiveDate,
    pub asked_by: i64,
    pub outcome: NetworkAskOutcome,
    pub reason: Option<&'a str>,
    pub next_step: Option<&'a str>,
    pub next_step_on: Option<NaiveDate>,
}

/// Keeps a record; returns its id.
pub async fn add_ask<C: ConnectionTrait>(
    conn: &C,
    a: &NewAsk<'_>,
    now: DateTime<Utc>,
) -> Result<i64> {
    let m = network_ask::ActiveModel {
        child_id: Set(a.child_id),
        network_person_id: Set(a.network_person_id),
        asked_on: Set(a.asked_on),
        asked_by: Set(a.asked_by),
        outcome: Set(a.outcome.into()),
        reason: Set(a.reason.map(str::to_owned)),
        next_step: Set(a.next_step.map(str::to_owned)),
        next_step_on: Set(a.next_step_on),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(m.id)
}

/// The records of the given children's searches, oldest first (a thousand children at a time).
pub async fn asks_of<C: ConnectionTrait>(
    conn: &C,
    child_ids: &[i64],
) -> Result<Vec<network_ask::Model>> {
    let mut out = Vec::new();
    for chunk in child_ids.chunks(1000) {
        out.extend(
            network_ask::Entity::find()
                .filter(network_ask::Column::ChildId.is_in(chunk.iter().copied()))
                .order_by_asc(network_ask::Column::AskedOn)
                .order_by_asc(network_ask::Column::Id)
                .all(conn)
                .await?,
        );
    }
    Ok(out)
}

/// Removes the records about a network person (before the person is removed).
pub async fn delete_asks_about<C: ConnectionTrait>(conn: &C, person: i64) -> Result<()> {
    network_ask::Entity::delete_many()
        .filter(network_ask::Column::NetworkPersonId.eq(person))
        .exec(conn)
        .await?;
    Ok(())
}

/// The open next steps of network searches due by `until` (of the one who recorded them, or
/// of everyone): records with a step that are still the latest for their network person.
pub async fn open_steps<C: ConnectionTrait>(
    conn: &C,
    until: NaiveDate,
    by: Option<i64>,
) -> Result<Vec<network_ask::Model>> {
    let mut q = network_ask::Entity::find()
        .filter(network_ask::Column::NextStep.is_not_null())
        .filter(network_ask::Column::NextStepOn.lte(until));
    if let Some(by) = by {
        q = q.filter(network_ask::Column::AskedBy.eq(by));
    }
    let steps = q.all(conn).await?;
    let mut persons: Vec<i64> = steps.iter().map(|s| s.network_person_id).collect();
    persons.sort_unstable();
    persons.dedup();
    let mut latest = std::collections::HashMap::new();
    for chunk in persons.chunks(1000) {
        let rows = network_ask::Entity::find()
            .filter(network_ask::Column::NetworkPersonId.is_in(chunk.iter().copied()))
            .order_by_asc(network_ask::Column::AskedOn)
            .order_by_asc(network_ask::Column::Id)
            .all(conn)
            .await?;
        for r in rows {
            latest.insert(r.network_person_id, r.id);
        }
    }
    let mut open: Vec<network_ask::Model> = steps
        .into_iter()
        .filter(|s| latest.get(&s.network_person_id) == Some(&s.id))
        .collect();
    open.sort_by_key(|s| (s.next_step_on, s.id));
    Ok(open)
}
