//! Named stand-ins for periods of days: who covers for whom, when.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, Query, SelectStatement};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};

use crate::Result;
use crate::entities::cover;

pub use cover::Model as Cover;

/// A new cover.
#[derive(Debug, Clone)]
pub struct NewCover {
    pub absent_id: i64,
    pub stand_in_id: i64,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub created_by: i64,
}

/// Stores a cover; returns its id.
pub async fn insert<C: ConnectionTrait>(conn: &C, c: &NewCover, now: DateTime<Utc>) -> Result<i64> {
    let m = cover::ActiveModel {
        absent_id: Set(c.absent_id),
        stand_in_id: Set(c.stand_in_id),
        first_day: Set(c.first_day),
        last_day: Set(c.last_day),
        created_by: Set(c.created_by),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(m.id)
}

/// Locks the people's user rows for the rest of the transaction, in id order (a row lock on
/// PostgreSQL; SQLite's write transactions are exclusive already): naming a cover checks the
/// others of both people under it.
pub async fn lock_people<C: ConnectionTrait>(conn: &C, people: &mut [i64]) -> Result<()> {
    use crate::entities::app_user;
    people.sort_unstable();
    for id in people.iter() {
        app_user::Entity::update_many()
            .col_expr(app_user::Column::Id, Expr::col(app_user::Column::Id))
            .filter(app_user::Column::Id.eq(*id))
            .exec(conn)
            .await?;
    }
    Ok(())
}

/// One cover.
pub async fn get<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Option<Cover>> {
    Ok(cover::Entity::find_by_id(id).one(conn).await?)
}

/// Ends a cover on `last_day` (its history stays).
pub async fn end_on<C: ConnectionTrait>(conn: &C, id: i64, last_day: NaiveDate) -> Result<()> {
    cover::Entity::update_many()
        .col_expr(cover::Column::LastDay, Expr::val(last_day))
        .filter(cover::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Removes a cover that has not begun.
pub async fn delete<C: ConnectionTrait>(conn: &C, id: i64) -> Result<()> {
    cover::Entity::delete_by_id(id).exec(conn).await?;
    Ok(())
}

/// The covers of absent people (any of `absent`) that have not ended before `from`, the
/// earliest first.
pub async fn of_absent<C: ConnectionTrait>(
    conn: &C,
    absent: &[i64],
    from: NaiveDate,
) -> Result<Vec<Cover>> {
    if absent.is_empty() {
        return Ok(vec![]);
    }
    Ok(cover::Entity::find()
        .filter(cover::Column::AbsentId.is_in(absent.iter().copied()))
        .filter(cover::Column::LastDay.gte(from))
        .order_by_asc(cover::Column::FirstDay)
        .order_by_asc(cover::Column::Id)
        .all(conn)
        .await?)
}

/// The covers a stand-in carries that have not ended before `from`, the earliest first.
pub async fn of_stand_in<C: ConnectionTrait>(
    conn: &C,
    stand_in: i64,
    from: NaiveDate,
) -> Result<Vec<Cover>> {
    Ok(cover::Entity::find()
        .filter(cover::Column::StandInId.eq(stand_in))
        .filter(cover::Column::LastDay.gte(from))
        .order_by_asc(cover::Column::FirstDay)
        .order_by_asc(cover::Column::Id)
        .all(conn)
        .await?)
}

/// Every cover running on `day`: (absent, stand-in) pairs, for the morning digests.
pub async fn running_on<C: ConnectionTrait>(conn: &C, day: NaiveDate) -> Result<Vec<Cover>> {
    Ok(cover::Entity::find()
        .filter(cover::Column::FirstDay.lte(day))
        .filter(cover::Column::LastDay.gte(day))
        .order_by_asc(cover::Column::Id)
        .all(conn)
        .await?)
}

/// The people `stand_in` covers for on `day`, as a subquery (the reach of a stand-in).
pub(crate) fn covered_on(stand_in: i64, day: NaiveDate) -> SelectStatement {
    Query::select()
        .column(cover::Column::AbsentId)
        .from(cover::Entity)
        .and_where(cover::Column::StandInId.eq(stand_in))
        .and_where(cover::Column::FirstDay.lte(day))
        .and_where(cover::Column::LastDay.gte(day))
        .take()
}
