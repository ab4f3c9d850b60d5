//! Charged login attempts per counter (an e-mail address or a source address, by hash),
//! shared by every instance.
//!
//! [`charge`] is one `INSERT … ON CONFLICT DO UPDATE … RETURNING` statement that applies
//! `kith_domain::throttle::LoginThrottle::charge` to the stored row: parallel attempts each
//! see the count their own charge made, never a count read before another's write.

use chrono::{DateTime, Utc};
use kith_domain::throttle::{Attempts, LoginThrottle};
use sea_orm::sea_query::{CaseStatement, Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
};

use crate::Result;
use crate::entities::login_attempt::{self, Column};

fn attempts(m: login_attempt::Model) -> Attempts {
    Attempts {
        failures: u32::try_from(m.failures).unwrap_or(0),
        window_started: m.window_started_at,
        locked_until: m.locked_until,
    }
}

/// The stored counter, if any.
pub async fn get<C: ConnectionTrait>(conn: &C, key_hash: &str) -> Result<Option<Attempts>> {
    Ok(login_attempt::Entity::find_by_id(key_hash.to_owned())
        .one(conn)
        .await?
        .map(attempts))
}

/// The stored row's value of `c` (inside `ON CONFLICT DO UPDATE`, the row before the update).
fn old(c: Column) -> Expr {
    Expr::col((login_attempt::Entity, c))
}

/// Charges one attempt at `now` and returns the counter as this charge left it.
pub async fn charge<C: ConnectionTrait>(
    conn: &C,
    key_hash: &str,
    rule: &LoginThrottle,
    now: DateTime<Utc>,
) -> Result<Attempts> {
    let first = rule.charge(None, now);
    let no_time: Option<DateTime<Utc>> = None;
    // The same three cases as the domain's `charge`, in its order.
    let locked = || old(Column::LockedUntil).gt(now);
    let counting = || {
        old(Column::LockedUntil)
            .is_null()
            .and(old(Column::WindowStartedAt).gt(now - rule.window))
    };
    let next = || old(Column::Failures).add(1);
    let failures = CaseStatement::new()
        .case(locked(), old(Column::Failures))
        .case(counting(), next())
        .finally(Expr::val(1));
    let window_started = CaseStatement::new()
        .case(locked(), old(Column::WindowStartedAt))
        .case(counting(), old(Column::WindowStartedAt))
        .finally(Expr::val(now));
    let locked_until = CaseStatement::new()
        .case(locked(), old(Column::LockedUntil))
        .case(
            counting().and(next().gt(i64::from(rule.max_failures))),
            Expr::val(now + rule.lockout),
        )
        .case(counting(), Expr::val(no_time))
        .finally(Expr::val(first.locked_until));
    let row = login_attempt::Entity::insert(login_attempt::ActiveModel {
        key_hash: Set(key_hash.to_owned()),
        failures: Set(i32::try_from(first.failures).unwrap_or(i32::MAX)),
        window_started_at: Set(first.window_started),
        locked_until: Set(first.locked_until),
    })
    .on_conflict(
        OnConflict::column(Column::KeyHash)
            .value(Column::Failures, failures)
            .value(Column::WindowStartedAt, window_started)
            .value(Column::LockedUntil, locked_until)
            .to_owned(),
    )
    .exec_with_returning(conn)
    .await?;
    Ok(attempts(row))
}

/// Locks a counter from `now` for the rule's lockout, unless it is locked already.
pub async fn lock<C: ConnectionTrait>(
    conn: &C,
    key_hash: &str,
    rule: &LoginThrottle,
    now: DateTime<Utc>,
) -> Result<()> {
    login_attempt::Entity::update_many()
        .col_expr(Column::LockedUntil, Expr::val(now + rule.lockout))
        .filter(Column::KeyHash.eq(key_hash))
        .filter(Column::LockedUntil.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// Gives back one charge (a successful login's, on the source counter), never below zero.
pub async fn refund<C: ConnectionTrait>(conn: &C, key_hash: &str) -> Result<()> {
    login_attempt::Entity::update_many()
        .col_expr(Column::Failures, old(Column::Failures).sub(1))
        .filter(Column::KeyHash.eq(key_hash))
        .filter(Column::Failures.gt(0))
        .exec(conn)
        .await?;
    Ok(())
}

/// Forgets a counter (an account's, after a successful login).
pub async fn clear<C: ConnectionTrait>(conn: &C, key_hash: &str) -> Result<()> {
    login_attempt::Entity::delete_by_id(key_hash.to_owned())
        .exec(conn)
        .await?;
    Ok(())
}

/// Deletes the counters whose keys start with `prefix` (one rule's counters) that a new
/// charge would start afresh (`LoginThrottle::is_spent`): a lock that has run out, or a window
/// that has, so addresses tried once do not stay for ever; returns how many.
pub async fn purge_spent<C: ConnectionTrait>(
    conn: &C,
    prefix: &str,
    rule: &LoginThrottle,
    now: DateTime<Utc>,
) -> Result<u64> {
    Ok(login_attempt::Entity::delete_many()
        .filter(Column::KeyHash.starts_with(prefix))
        .filter(
            Condition::any().add(Column::LockedUntil.lte(now)).add(
                Condition::all()
                    .add(Column::LockedUntil.is_null())
                    .add(Column::WindowStartedAt.lte(now - rule.window)),
            ),
        )
        .exec(conn)
        .await?
        .rows_affected)
}

/// How many counters are stored (for tests and the metrics).
pub async fn count<C: ConnectionTrait>(conn: &C) -> Result<u64> {
    use sea_orm::PaginatorTrait;
    Ok(login_attempt::Entity::find().count(conn).await?)
}
