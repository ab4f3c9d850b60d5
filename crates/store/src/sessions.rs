//! Login sessions. The key is a hash of the cookie value, so the table alone logs nobody in.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::Result;
use crate::entities::session;

/// Loads a session's data if it has not expired at `now`.
pub async fn load<C: ConnectionTrait>(
    conn: &C,
    key: &str,
    now: DateTime<Utc>,
) -> Result<Option<(String, DateTime<Utc>)>> {
    Ok(session::Entity::find_by_id(key.to_owned())
        .filter(session::Column::ExpiresAt.gt(now))
        .one(conn)
        .await?
        .map(|s| (s.data, s.expires_at)))
}

/// Inserts a new session; false when the key is already taken (the caller picks another).
pub async fn create<C: ConnectionTrait>(
    conn: &C,
    key: &str,
    data: &str,
    expires_at: DateTime<Utc>,
) -> Result<bool> {
    let res = session::Entity::insert(session::ActiveModel {
        id: Set(key.to_owned()),
        data: Set(data.to_owned()),
        expires_at: Set(expires_at),
    })
    .on_conflict_do_nothing_on([session::Column::Id])
    .exec_without_returning(conn)
    .await?;
    Ok(matches!(res, sea_orm::TryInsertResult::Inserted(n) if n > 0))
}

/// Inserts or replaces a session.
pub async fn save<C: ConnectionTrait>(
    conn: &C,
    key: &str,
    data: &str,
    expires_at: DateTime<Utc>,
) -> Result<()> {
    session::Entity::insert(session::ActiveModel {
        id: Set(key.to_owned()),
        data: Set(data.to_owned()),
        expires_at: Set(expires_at),
    })
    .on_conflict(
        OnConflict::column(session::Column::Id)
            .update_columns([session::Column::Data, session::Column::ExpiresAt])
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Deletes a session (logout).
pub async fn delete<C: ConnectionTrait>(conn: &C, key: &str) -> Result<()> {
    session::Entity::delete_by_id(key.to_owned())
        .exec(conn)
        .await?;
    Ok(())
}

/// Deletes sessions that expired before `now`; returns how many.
pub async fn delete_expired<C: ConnectionTrait>(conn: &C, now: DateTime<Utc>) -> Result<u64> {
    Ok(session::Entity::delete_many()
        .filter(session::Column::ExpiresAt.lte(now))
        .exec(conn)
        .await?
        .rows_affected)
}
