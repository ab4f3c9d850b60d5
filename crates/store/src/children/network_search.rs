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
