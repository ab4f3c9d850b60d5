//! Rule sets stored as JSON text, keyed by name.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};

use crate::Result;
use crate::entities::rule_set;

/// The stored JSON of a rule set, if it was ever changed from the defaults.
pub async fn get<C: ConnectionTrait>(conn: &C, key: &str) -> Result<Option<String>> {
    Ok(rule_set::Entity::find_by_id(key.to_owned())
        .one(conn)
        .await?
        .map(|r| r.value))
}

/// Stores a rule set.
pub async fn put<C: ConnectionTrait>(
    conn: &C,
    key: &str,
    value: &str,
    by: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    rule_set::Entity::insert(rule_set::ActiveModel {
        key: Set(key.to_owned()),
        value: Set(value.to_owned()),
        updated_at: Set(now),
        updated_by: Set(Some(by)),
    })
    .on_conflict(
        OnConflict::column(rule_set::Column::Key)
            .update_columns([
                rule_set::Column::Value,
                rule_set::Column::UpdatedAt,
                rule_set::Column::UpdatedBy,
            ])
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}
