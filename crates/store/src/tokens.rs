//! API tokens for scripts. Only a hash of the secret is stored.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};

use crate::Result;
use crate::entities::api_token;

/// A token to store.
#[derive(Debug, Clone)]
pub struct NewToken<'a> {
    pub user_id: i64,
    pub name: &'a str,
    pub token_hash: &'a str,
    pub prefix: &'a str,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// Stores a new token and returns its id.
pub async fn insert<C: ConnectionTrait>(conn: &C, t: &NewToken<'_>) -> Result<i64> {
    Ok(api_token::ActiveModel {
        user_id: Set(t.user_id),
        name: Set(t.name.to_owned()),
        token_hash: Set(t.token_hash.to_owned()),
        prefix: Set(t.prefix.to_owned()),
        created_at: Set(t.created_at),
        last_used_at: Set(None),
        revoked_at: Set(None),
        expires_at: Set(Some(t.expires_at)),
        ..Default::default()
    }
    .insert(conn)
    .await?
    .id)
}

/// Notes when a token was last used.
pub async fn touch<C: ConnectionTrait>(conn: &C, id: i64, now: DateTime<Utc>) -> Result<()> {
    api_token::Entity::update_many()
        .col_expr(api_token::Column::LastUsedAt, Expr::value(now))
        .filter(api_token::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// A user's tokens, newest first.
pub async fn of_user<C: ConnectionTrait>(conn: &C, user_id: i64) -> Result<Vec<api_token::Model>> {
    Ok(api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(user_id))
        .order_by_desc(api_token::Column::Id)
        .all(conn)
        .await?)
}

/// Revokes a token of `user_id`; false when the user has no such unrevoked token.
pub async fn revoke<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<bool> {
    let res = api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Expr::value(now))
        .filter(api_token::Column::Id.eq(id))
        .filter(api_token::Column::UserId.eq(user_id))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(res.rows_affected > 0)
}

/// Revokes every unrevoked token of a user (disabled); returns how many.
pub async fn revoke_all<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<u64> {
    Ok(api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Expr::value(now))
        .filter(api_token::Column::UserId.eq(user_id))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(conn)
        .await?
        .rows_affected)
}
