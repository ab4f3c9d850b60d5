//! The history of a child's school changes (the stability figure "school changes per child").

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait, QuerySelect};

use crate::Result;
use crate::entities::child_school_change;

/// Records that the child changed school on `day`.
pub async fn record_school_change<C: ConnectionTrait>(
    conn: &C,
    child: i64,
    day: NaiveDate,
    by: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    child_school_change::ActiveModel {
        child_id: Set(child),
        changed_on: Set(day),
        changed_by: Set(by),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Every school change: (child, day).
pub async fn school_changes<C: ConnectionTrait>(conn: &C) -> Result<Vec<(i64, NaiveDate)>> {
    Ok(child_school_change::Entity::find()
        .select_only()
        .column(child_school_change::Column::ChildId)
        .column(child_school_change::Column::ChangedOn)
        .into_tuple()
        .all(conn)
        .await?)
}
