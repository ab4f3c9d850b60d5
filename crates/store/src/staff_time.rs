//! Staff members' room for visits: most visits a week and days off.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::OnConflict,
};

use crate::Result;
use crate::entities::{staff_capacity, staff_day_off};

/// Each given person's own weekly capacity, where they have set one.
pub async fn capacities<C: ConnectionTrait>(
    conn: &C,
    users: &[i64],
) -> Result<Vec<(i64, Option<i32>)>> {
    if users.is_empty() {
        return Ok(vec![]);
    }
    Ok(staff_capacity::Entity::find()
        .filter(staff_capacity::Column::UserId.is_in(users.iter().copied()))
        .all(conn)
        .await?
        .into_iter()
        .map(|m| (m.user_id, m.weekly_visits))
        .collect())
}

/// Sets (or clears, with `None`) a person's weekly capacity.
pub async fn set_capacity<C: ConnectionTrait>(
    conn: &C,
    user: i64,
    weekly_visits: Option<i32>,
    now: DateTime<Utc>,
) -> Result<()> {
    staff_capacity::Entity::insert(staff_capacity::ActiveModel {
        user_id: Set(user),
        weekly_visits: Set(weekly_visits),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(staff_capacity::Column::UserId)
            .update_columns([
                staff_capacity::Column::WeeklyVisits,
                staff_capacity::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Days off of the given people from `from` on.
pub async fn days_off<C: ConnectionTrait>(
    conn: &C,
    users: &[i64],
    from: NaiveDate,
) -> Result<Vec<(i64, NaiveDate)>> {
    if users.is_empty() {
        return Ok(vec![]);
    }
    Ok(staff_day_off::Entity::find()
        .filter(staff_day_off::Column::UserId.is_in(users.iter().copied()))
        .filter(staff_day_off::Column::Day.gte(from))
        .order_by_asc(staff_day_off::Column::Day)
        .all(conn)
        .await?
        .into_iter()
        .map(|m| (m.user_id, m.day))
        .collect())
}

/// Replaces a person's days off from `from` on (earlier ones are history and stay).
pub async fn replace_days_off<C: ConnectionTrait>(
    conn: &C,
    user: i64,
    from: NaiveDate,
    days: &[NaiveDate],
) -> Result<()> {
    staff_day_off::Entity::delete_many()
        .filter(staff_day_off::Column::UserId.eq(user))
        .filter(staff_day_off::Column::Day.gte(from))
        .exec(conn)
        .await?;
    let mut days: Vec<NaiveDate> = days.iter().copied().filter(|d| *d >= from).collect();
    days.sort();
    days.dedup();
    if days.is_empty() {
        return Ok(());
    }
    staff_day_off::Entity::insert_many(days.into_iter().map(|day| staff_day_off::ActiveModel {
        user_id: Set(user),
        day: Set(day),
    }))
    .exec_without_returning(conn)
    .await?;
    Ok(())
}
