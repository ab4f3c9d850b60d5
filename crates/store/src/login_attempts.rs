//! Failed logins per account, shared by every instance.

use kith_domain::throttle::Attempts;
use sea_orm::{ActiveValue::Set, EntityTrait, sea_query::OnConflict};

use crate::Result;
use crate::entities::login_attempt;
use sea_orm::ConnectionTrait;

/// The failed attempts on an account, if any are recorded.
pub async fn get<C: ConnectionTrait>(conn: &C, key_hash: &str) -> Result<Option<Attempts>> {
    Ok(login_attempt::Entity::find_by_id(key_hash.to_owned())
        .one(conn)
        .await?
        .map(|m| Attempts {
            failures: u32::try_from(m.failures).unwrap_or(0),
            window_started: m.window_started_at,
            locked_until: m.locked_until,
        }))
}

/// Stores the attempts after a failure.
pub async fn put<C: ConnectionTrait>(conn: &C, key_hash: &str, a: Attempts) -> Result<()> {
    let m = login_attempt::ActiveModel {
        key_hash: Set(key_hash.to_owned()),
        failures: Set(i32::try_from(a.failures).unwrap_or(i32::MAX)),
        window_started_at: Set(a.window_started),
        locked_until: Set(a.locked_until),
    };
    login_attempt::Entity::insert(m)
        .on_conflict(
            OnConflict::column(login_attempt::Column::KeyHash)
                .update_columns([
                    login_attempt::Column::Failures,
                    login_attempt::Column::WindowStartedAt,
                    login_attempt::Column::LockedUntil,
                ])
                .to_owned(),
        )
        .exec(conn)
        .await?;
    Ok(())
}

/// Forgets the failures after a successful login.
pub async fn clear<C: ConnectionTrait>(conn: &C, key_hash: &str) -> Result<()> {
    login_attempt::Entity::delete_by_id(key_hash.to_owned())
        .exec(conn)
        .await?;
    Ok(())
}
