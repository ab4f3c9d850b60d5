//! Signing in through an identity provider: the sign-ins begun (each answer usable once) and
//! the provider identities linked to Kith accounts.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};

use crate::Result;
use crate::entities::{sign_in_flow, user_identity};

pub use sign_in_flow::Model as Flow;
pub use user_identity::Model as Identity;

/// A sign-in sent to a provider.
#[derive(Clone)]
pub struct NewFlow {
    pub state_hash: String,
    pub provider: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub return_to: String,
    pub expires_at: DateTime<Utc>,
}

impl std::fmt::Debug for NewFlow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewFlow")
            .field("provider", &self.provider)
            .finish_non_exhaustive()
    }
}

/// Stores a sign-in begun.
pub async fn begin<C: ConnectionTrait>(conn: &C, flow: &NewFlow) -> Result<()> {
    sign_in_flow::ActiveModel {
        state_hash: Set(flow.state_hash.clone()),
        provider: Set(flow.provider.clone()),
        nonce: Set(flow.nonce.clone()),
        pkce_verifier: Set(flow.pkce_verifier.clone()),
        return_to: Set(flow.return_to.clone()),
        expires_at: Set(flow.expires_at),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Takes the sign-in begun with this state, if it is there and not over: it is gone
/// afterwards, so of two answers with one state (a replay, or two at once) only one finds it.
pub async fn take<C: ConnectionTrait>(
    conn: &C,
    state_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<Flow>> {
    let Some(flow) = sign_in_flow::Entity::find()
        .filter(sign_in_flow::Column::StateHash.eq(state_hash))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let gone = sign_in_flow::Entity::delete_by_id(flow.id)
        .exec(conn)
        .await?;
    Ok((gone.rows_affected == 1 && flow.expires_at > now).then_some(flow))
}

/// Forgets the sign-ins begun and never finished whose time is over; returns how many.
pub async fn purge<C: ConnectionTrait>(conn: &C, now: DateTime<Utc>) -> Result<u64> {
    Ok(sign_in_flow::Entity::delete_many()
        .filter(sign_in_flow::Column::ExpiresAt.lte(now))
        .exec(conn)
        .await?
        .rows_affected)
}

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
