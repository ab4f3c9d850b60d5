//! Signing in through an identity provider: the provider identities linked to Kith accounts.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};

use crate::Result;
use crate::entities::user_identity;

pub use user_identity::Model as Identity;

/// The identity `subject` at `issuer`, if it is linked to an account.
pub async fn identity<C: ConnectionTrait>(
    conn: &C,
    issuer: &str,
    subject: &str,
) -> Result<Option<Identity>> {
    Ok(user_identity::Entity::find()
        .filter(user_identity::Column::Issuer.eq(issuer))
        .filter(user_identity::Column::Subject.eq(subject))
        .one(conn)
        .await?)
}

/// Whether the account is linked to someone at `issuer`.
pub async fn linked_at<C: ConnectionTrait>(conn: &C, user_id: i64, issuer: &str) -> Result<bool> {
    Ok(user_identity::Entity::find()
        .filter(user_identity::Column::UserId.eq(user_id))
        .filter(user_identity::Column::Issuer.eq(issuer))
        .one(conn)
        .await?
        .is_some())
}

/// Links an identity to an account (a taken identity or account is `Duplicate`).
pub async fn link<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    issuer: &str,
    subject: &str,
    email: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    user_identity::ActiveModel {
        user_id: Set(user_id),
        issuer: Set(issuer.to_owned()),
        subject: Set(subject.to_owned()),
        email: Set(email.map(str::to_owned)),
        created_at: Set(now),
        last_sign_in_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Records a sign-in with an identity, and the address the provider sent with it.
pub async fn touch<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    email: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    user_identity::ActiveModel {
        id: Set(id),
        email: Set(email.map(str::to_owned)),
        last_sign_in_at: Set(Some(now)),
        ..Default::default()
    }
    .update(conn)
    .await?;
    Ok(())
}

/// The identities linked to an account, by issuer.
pub async fn of_user<C: ConnectionTrait>(conn: &C, user_id: i64) -> Result<Vec<Identity>> {
    Ok(user_identity::Entity::find()
        .filter(user_identity::Column::UserId.eq(user_id))
        .order_by_asc(user_identity::Column::Issuer)
        .all(conn)
        .await?)
}

/// Unlinks an account from every identity; returns how many there were.
pub async fn unlink_all<C: ConnectionTrait>(conn: &C, user_id: i64) -> Result<u64> {
    Ok(user_identity::Entity::delete_many()
        .filter(user_identity::Column::UserId.eq(user_id))
        .exec(conn)
        .await?
        .rows_affected)
}
