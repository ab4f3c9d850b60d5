//! Organisational units.

use chrono::{DateTime, Utc};
use kith_domain::UnitKind;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};

use crate::Result;
use crate::entities::unit;

/// Inserts a unit and returns its id.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    name: &str,
    kind: UnitKind,
    now: DateTime<Utc>,
) -> Result<i64> {
    Ok(unit::ActiveModel {
        name: Set(name.to_owned()),
        kind: Set(kind.into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?
    .id)
}

/// All units by name.
pub async fn all<C: ConnectionTrait>(conn: &C) -> Result<Vec<unit::Model>> {
    crate::every::<unit::Entity, C>(conn, unit::Column::Name).await
}

/// The unit with this exact name.
pub async fn find_by_name<C: ConnectionTrait>(conn: &C, name: &str) -> Result<Option<unit::Model>> {
    Ok(unit::Entity::find()
        .filter(unit::Column::Name.eq(name))
        .one(conn)
        .await?)
}
